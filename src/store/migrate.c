/*
 * migrate.c: applies the embedded migrations (see migrate.h).
 */
#include "store/migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/embed.h"
#include "core/log.h"
#include "store/backend.h"

static const char *const dialect_suffix[] = {
	[STORE_SQLITE] = ".sqlite.sql",
	[STORE_POSTGRES] = ".postgres.sql",
};

static struct store_sql version_sql = STORE_SQL("SELECT COALESCE(MAX(version), 0) FROM schema_migration");
static struct store_sql record_sql =
	STORE_SQL("INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)");

static int file_version(const struct embed_file *f)
{
	return atoi(f->name);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The files to run for version v on this dialect, in order: the portable
 * one, then the dialect's own, either of which may be missing. Returns
 * how many (0: the version has no file for this engine). */
static int migration_for(int v, enum store_dialect d, const struct embed_file *out[2])
{
	const struct embed_file *portable = NULL, *own = NULL;
	for (size_t i = 0; i < embed_migration_count; i++) {
		const struct embed_file *f = &embed_migration[i];
		if (file_version(f) != v)
			continue;
		if (ends_with(f->name, dialect_suffix[d]))
			own = f;
		else if (!ends_with(f->name, dialect_suffix[STORE_SQLITE]) &&
			 !ends_with(f->name, dialect_suffix[STORE_POSTGRES]))
			portable = f;
	}
	int n = 0;
	if (portable)
		out[n++] = portable;
	if (own)
		out[n++] = own;
	return n;
}

static int too_new(int current, int latest, char *err, size_t errlen)
{
	snprintf(err, errlen,
		 "the database is at schema version %d, newer than this samskab knows (%d): "
		 "upgrade samskab before using this database",
		 current, latest);
	return -1;
}

int migrate_latest(void)
{
	int latest = 0;
	for (size_t i = 0; i < embed_migration_count; i++)
		if (file_version(&embed_migration[i]) > latest)
			latest = file_version(&embed_migration[i]);
	return latest;
}

/* The migration lock, for as long as it takes (no lock_timeout): nodes
 * starting together queue for it, and a migration's DDL waits for the
 * tables it changes. */
static const char lock_sql[] = "SET LOCAL lock_timeout = 0; SELECT pg_advisory_xact_lock(7275662)";

/* Creates schema_migration if needed. Nodes starting together on a new
 * PostgreSQL database would race on CREATE TABLE IF NOT EXISTS, so it
 * runs under the migration lock. */
static int ensure_table(struct store *s, char *err, size_t errlen)
{
	if (store_begin(s) != STORE_OK)
		goto fail;
	if (store_dialect(s) == STORE_POSTGRES &&
	    store_exec(s, lock_sql) != STORE_OK)
		goto fail;
	if (store_exec(s, "CREATE TABLE IF NOT EXISTS schema_migration ("
			  " version BIGINT PRIMARY KEY,"
			  " name TEXT NOT NULL,"
			  " applied_at BIGINT NOT NULL)") != STORE_OK ||
	    store_commit(s) != STORE_OK)
		goto fail;
	return 0;
fail:
	snprintf(err, errlen, "cannot create schema_migration: %s", store_error(s));
	store_rollback(s);
	return -1;
}

static int read_version(struct store *s, char *err, size_t errlen)
{
	struct store_stmt *st = store_prepare(s, &version_sql);
	if (st == NULL || store_step(st) != STORE_ROW) {
		snprintf(err, errlen, "cannot read the schema version: %s", store_error(s));
		if (st)
			store_reset(st);
		return -1;
	}
	int v = (int)store_col_int(st, 0);
	store_reset(st);
	return v;
}

int migrate_version(struct store *s, char *err, size_t errlen)
{
	if (ensure_table(s, err, errlen) != 0)
		return -1;
	return read_version(s, err, errlen);
}

static int apply_one(struct store *s, const struct embed_file *const *files, int nfiles, int v,
		     int *applied, char *err, size_t errlen)
{
	const struct embed_file *f = files[0];
	if (store_begin(s) != STORE_OK) {
		snprintf(err, errlen, "cannot begin migration %s: %s", f->name, store_error(s));
		return -1;
	}
	/* Several nodes may start at once: take the lock, then look again. */
	if (store_dialect(s) == STORE_POSTGRES &&
	    store_exec(s, lock_sql) != STORE_OK) {
		snprintf(err, errlen, "cannot lock for migration: %s", store_error(s));
		goto fail;
	}
	int current = read_version(s, err, errlen);
	if (current < 0)
		goto fail;
	if (current >= v)
		return store_commit(s) == STORE_OK ? 0 : -1;
	int rc = STORE_OK;
	for (int i = 0; i < nfiles; i++) {
		char *ddl = s->be->ddl ? s->be->ddl((const char *)files[i]->data) : NULL;
		rc = store_exec(s, ddl ? ddl : (const char *)files[i]->data);
		free(ddl);
		if (rc != STORE_OK) {
			snprintf(err, errlen, "migration %s failed: %s", files[i]->name, store_error(s));
			goto fail;
		}
	}
	struct store_stmt *st = store_prepare(s, &record_sql);
	if (st == NULL)
		goto fail_msg;
	store_bind_int(st, 1, v);
	store_bind_text(st, 2, f->name);
	store_bind_int(st, 3, (int64_t)time(NULL));
	rc = store_step(st);
	store_reset(st);
	if (rc != STORE_DONE || store_commit(s) != STORE_OK)
		goto fail_msg;
	(*applied)++;
	struct logline l;
	log_begin(&l, LOG_INFO, "migration applied");
	log_str(&l, "name", f->name);
	log_end(&l);
	return 0;
fail_msg:
	snprintf(err, errlen, "cannot record migration %s: %s", f->name, store_error(s));
fail:
	store_rollback(s);
	return -1;
}

int migrate_apply(struct store *s, int *applied, char *err, size_t errlen)
{
	*applied = 0;
	int current = migrate_version(s, err, errlen);
	if (current < 0)
		return -1;
	int latest = migrate_latest();
	if (current > latest)
		return too_new(current, latest, err, errlen);
	for (int v = current + 1; v <= latest; v++) {
		const struct embed_file *files[2];
		int nfiles = migration_for(v, store_dialect(s), files);
		if (nfiles == 0) {
			snprintf(err, errlen, "migration %d has no file for this database engine", v);
			return -1;
		}
		if (apply_one(s, files, nfiles, v, applied, err, errlen) != 0)
			return -1;
	}
	return 0;
}

int migrate_check(struct store *s, char *err, size_t errlen)
{
	/* Read only: a health check must not write to the database. A
	 * statement of its own, not the cached one: on a file without the
	 * schema its failure is the expected answer, not an error to log. */
	struct store_stmt *st = store_prepare_text(s, version_sql.text);
	int current = st && store_step(st) == STORE_ROW ? (int)store_col_int(st, 0) : -1;
	store_finalize(st);
	if (current < 0) {
		snprintf(err, errlen, "the database has no samskab schema: run 'samskab migrate' first");
		return -1;
	}
	int latest = migrate_latest();
	if (current > latest)
		return too_new(current, latest, err, errlen);
	if (current < latest) {
		snprintf(err, errlen,
			 "the database is at schema version %d and this samskab needs %d: run "
			 "'samskab migrate' first",
			 current, latest);
		return -1;
	}
	return 0;
}
