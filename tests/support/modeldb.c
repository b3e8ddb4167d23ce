/*
 * modeldb.c: migrated databases per test case (see modeldb.h).
 */
#include "support/modeldb.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/log.h"
#include "core/secret.h"
#include "model/area.h"
#include "model/arena.h"
#include "model/organisation.h"
#include "model/proposal.h"
#include "model/theme.h"
#include "store/migrate.h"

const enum testdb_kind modeldb_sqlite = TESTDB_SQLITE, modeldb_postgres = TESTDB_POSTGRES;

/* Per program: the migrated SQLite template (its connection closed, so
 * the file is complete) and the shared PostgreSQL database. */
static struct testdb *sqlite_template, *pg_shared;
static int copies;

static int migrate(struct store *db)
{
	char err[512];
	int applied;
	if (migrate_apply(db, &applied, err, sizeof err) != 0) {
		fprintf(stderr, "# migrate: %s\n", err);
		return -1;
	}
	return 0;
}

static int once(void)
{
	static int done;
	if (done)
		return 0;
	char err[256];
	if (secret_init() != 0 || i18n_init(err, sizeof err) != 0) {
		fprintf(stderr, "# secret_init or i18n_init failed\n");
		return -1;
	}
	log_set_level(LOG_WARN); /* "migration applied" lines are expected */
	done = 1;
	return 0;
}

static int copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY | O_CLOEXEC);
	int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	int rc = in >= 0 && out >= 0 ? 0 : -1;
	char buf[65536];
	ssize_t n;
	while (rc == 0 && (n = read(in, buf, sizeof buf)) != 0) {
		if (n < 0 || write(out, buf, (size_t)n) != n)
			rc = -1;
	}
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) != 0)
		rc = -1;
	return rc;
}

static int sqlite_fresh(struct modeldb *m)
{
	if (sqlite_template == NULL) {
		struct testdb *t = testdb_new(TESTDB_SQLITE);
		if (migrate(t->db) != 0)
			return -1;
		store_close(t->db); /* checkpoints the WAL into the file */
		t->db = NULL;
		sqlite_template = t;
	}
	snprintf(m->url, sizeof m->url, "%s/case%d.db", sqlite_template->dir, copies++);
	if (copy_file(sqlite_template->url, m->url) != 0) {
		fprintf(stderr, "# cannot copy %s to %s\n", sqlite_template->url, m->url);
		return -1;
	}
	m->db = modeldb_connect(m);
	return 0;
}

/* Empties every table but the migration record, restarting ids. */
static const char empty_sql[] =
	"DO $$ DECLARE t text; BEGIN "
	"SELECT string_agg(quote_ident(tablename), ', ') INTO t FROM pg_tables "
	"WHERE schemaname = 'public' AND tablename <> 'schema_migration'; "
	"EXECUTE 'TRUNCATE ' || t || ' RESTART IDENTITY CASCADE'; END $$";

static int pg_fresh(struct modeldb *m)
{
	const char *admin = getenv("SAMSKAB_TEST_PG");
	if (admin == NULL || *admin == '\0')
		return 0; /* each case skips */
	if (pg_shared == NULL) {
		pg_shared = testdb_new(TESTDB_POSTGRES);
		if (migrate(pg_shared->db) != 0)
			return -1;
	}
	snprintf(m->url, sizeof m->url, "%s", pg_shared->url);
	if (store_exec(pg_shared->db, empty_sql) != STORE_OK) {
		fprintf(stderr, "# emptying the tables: %s\n", store_error(pg_shared->db));
		return -1;
	}
	m->db = modeldb_connect(m);
	return 0;
}

int modeldb_setup(void **state)
{
	struct modeldb *m = calloc(1, sizeof *m);
	m->kind = *(const enum testdb_kind *)*state;
	*state = m;
	if (once() != 0)
		return -1;
	m->region = region_new();
	return m->kind == TESTDB_SQLITE ? sqlite_fresh(m) : pg_fresh(m);
}

int modeldb_teardown(void **state)
{
	struct modeldb *m = *state;
	store_close(m->db);
	if (m->kind == TESTDB_SQLITE && m->url[0]) {
		unlink(m->url);
		char side[600];
		snprintf(side, sizeof side, "%s-wal", m->url);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", m->url);
		unlink(side);
		snprintf(side, sizeof side, "%s.jobs", m->url);
		unlink(side);
	}
	region_free(m->region);
	free(m);
	return 0;
}

int modeldb_group_teardown(void **state)
{
	(void)state;
	testdb_free(sqlite_template);
	testdb_free(pg_shared);
	sqlite_template = pg_shared = NULL;
	return 0;
}

struct modeldb *modeldb_get(void **state)
{
	struct modeldb *m = *state;
	if (m->db == NULL)
		test_skip("missing: PostgreSQL (SAMSKAB_TEST_PG is not set; scripts/check starts one)");
	return m;
}

struct store *modeldb_connect(const struct modeldb *m)
{
	char err[512];
	struct store *s = store_open(m->url, NULL, err, sizeof err);
	if (s == NULL)
		fail_msg("store_open %s: %s", m->url, err);
	return s;
}

void modeldb_exec(struct modeldb *m, const char *fmt, ...)
{
	char sql[2048];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof sql)
		fail_msg("SQL too long: %s", fmt);
	if (store_exec(m->db, sql) != STORE_OK)
		fail_msg("%s: %s", sql, store_error(m->db));
}

int64_t modeldb_int(struct modeldb *m, const char *fmt, ...)
{
	char sql[2048];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof sql)
		fail_msg("SQL too long: %s", fmt);
	struct store_stmt *st = store_prepare_text(m->db, sql);
	if (st == NULL)
		fail_msg("%s: %s", sql, store_error(m->db));
	int rc = store_step(st);
	int64_t v = rc != STORE_ROW ? MODELDB_NONE
		    : store_col_null(st, 0) ? MODELDB_NULL
					    : store_col_int(st, 0);
	store_finalize(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		fail_msg("%s: %s", sql, store_error(m->db));
	return v;
}

int64_t modeldb_account(struct modeldb *m, const char *email, const char *name)
{
	struct store_stmt *st = store_prepare_text(
		m->db, "INSERT INTO account (email, name, password_hash, password_changed_at, "
		       "created_at, updated_at) VALUES (?, ?, 'not-a-hash', 1, 1, 1) RETURNING id");
	if (st == NULL)
		fail_msg("prepare account insert: %s", store_error(m->db));
	store_bind_text(st, 1, email);
	store_bind_text(st, 2, name);
	int rc = store_step(st);
	int64_t id = rc == STORE_ROW ? store_col_int(st, 0) : 0;
	if (rc == STORE_ROW)
		rc = store_step(st);
	store_finalize(st);
	if (rc != STORE_DONE || id <= 0)
		fail_msg("account %s: %s", email, store_error(m->db));
	return id;
}

int64_t modeldb_area(struct modeldb *m, const char *name)
{
	struct term in = { .name = name };
	struct field_errors e = { .n = 0 };
	int64_t id = 0;
	if (area_create(m->db, &in, &id, &e) != MODEL_OK)
		fail_msg("area_create(\"%s\") failed", name);
	return id;
}

int64_t modeldb_org(struct modeldb *m, const char *name)
{
	struct organisation in = { .name = name, .sector = SECTOR_PUBLIC };
	struct field_errors e = { .n = 0 };
	int64_t id = 0;
	if (organisation_create(m->db, &in, &id, &e) != MODEL_OK)
		fail_msg("organisation_create(\"%s\") failed", name);
	return id;
}

int64_t modeldb_arena(struct modeldb *m, const char *title)
{
	struct term theme = { .name = title };
	struct field_errors e = { .n = 0 };
	int64_t theme_id = 0, id = 0;
	if (theme_create(m->db, &theme, &theme_id, &e) != MODEL_OK)
		fail_msg("theme_create(\"%s\") failed", title);
	struct arena in = { .title = title, .theme_id = theme_id, .description = "", .lang = "da" };
	if (arena_create(m->db, &in, NULL, 0, 0, "test", &id, &e) != MODEL_OK)
		fail_msg("arena_create(\"%s\") failed", title);
	return id;
}

int64_t modeldb_proposal(struct modeldb *m, int64_t arena_id, const char *title, const char *text,
			 int64_t author)
{
	struct field_errors e = { .n = 0 };
	int64_t id = 0;
	if (proposal_create(m->db, arena_id, 0, title, text, "da", author, &id, &e) != MODEL_OK)
		fail_msg("proposal_create(\"%s\") failed", title);
	return id;
}
