/*
 * store.c: backend selection, the per-connection statement cache, timing,
 * and transactions (see store.h). Everything backend-specific is behind
 * struct store_backend.
 */
#include "store/store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "core/monotime.h"
#include "core/mem.h"
#include "store/backend.h"

static atomic_int next_slot;
static _Thread_local int64_t thread_time_us;

int store_url_is_postgres(const char *url)
{
	return strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0;
}

int store_fail(struct store *s, int rc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->err, sizeof s->err, fmt, ap);
	va_end(ap);
	return rc;
}

struct store *store_open(const char *url, const struct store_options *opt, char *err, size_t errlen)
{
	static const struct store_options defaults = { .sync_full = 1, .busy_ms = 5000 };
	const struct store_backend *be =
		store_url_is_postgres(url) ? &store_postgres_backend : &store_sqlite_backend;
	struct store *s = be->open(url, opt ? opt : &defaults, err, errlen);
	if (s)
		s->be = be;
	return s;
}

void store_close(struct store *s)
{
	if (s == NULL)
		return;
	for (int i = 0; i < s->ncache; i++)
		if (s->cache[i])
			s->be->finalize(s->cache[i]);
	free(s->cache);
	s->be->close(s);
}

enum store_dialect store_dialect(const struct store *s)
{
	return s->be->dialect;
}

const char *store_error(const struct store *s)
{
	return s->err;
}

static struct store_sql ping_sql = STORE_SQL("SELECT 1");

int64_t store_free_bytes(struct store *s)
{
	return s->be->free_bytes ? s->be->free_bytes(s) : -1;
}

int store_ping(struct store *s)
{
	struct store_stmt *st = store_prepare(s, &ping_sql);
	if (st == NULL)
		return -1;
	int rc = store_step(st);
	store_reset(st);
	return rc == STORE_ROW ? 0 : -1;
}

static int sql_slot(struct store_sql *sql)
{
	int slot = atomic_load(&sql->slot);
	if (slot)
		return slot;
	int fresh = atomic_fetch_add(&next_slot, 1) + 1;
	/* Another thread may have given this statement a slot meanwhile. */
	if (atomic_compare_exchange_strong(&sql->slot, &slot, fresh))
		return fresh;
	return slot;
}

struct store_stmt *store_prepare(struct store *s, struct store_sql *sql)
{
	int slot = sql_slot(sql);
	if (slot >= s->ncache) {
		int n = slot + 32;
		s->cache = mem_realloc(s->cache, (size_t)n * sizeof *s->cache);
		memset(s->cache + s->ncache, 0, (size_t)(n - s->ncache) * sizeof *s->cache);
		s->ncache = n;
	}
	if (s->cache[slot] == NULL) {
		int64_t t0 = monotime_us();
		s->cache[slot] = s->be->prepare(s, sql->text);
		thread_time_us += monotime_us() - t0;
		if (s->cache[slot] == NULL) {
			struct logline l;
			log_begin(&l, LOG_ERROR, "prepare failed");
			log_str(&l, "error", s->err);
			log_str(&l, "sql", sql->text);
			log_end(&l);
			return NULL;
		}
	} else {
		s->be->reset(s->cache[slot]);
	}
	return s->cache[slot];
}

void store_bind_int(struct store_stmt *st, int i, int64_t v)
{
	st->s->be->bind_int(st, i, v);
}

void store_bind_double(struct store_stmt *st, int i, double v)
{
	st->s->be->bind_double(st, i, v);
}

void store_bind_text(struct store_stmt *st, int i, const char *v)
{
	if (v == NULL)
		st->s->be->bind_null(st, i);
	else
		st->s->be->bind_text(st, i, v);
}

void store_bind_null(struct store_stmt *st, int i)
{
	st->s->be->bind_null(st, i);
}

void store_bind_blob(struct store_stmt *st, int i, const void *p, size_t n)
{
	st->s->be->bind_blob(st, i, p, n);
}

int store_step(struct store_stmt *st)
{
	int64_t t0 = monotime_us();
	int rc = st->s->be->step(st);
	thread_time_us += monotime_us() - t0;
	return rc;
}

int64_t store_col_int(struct store_stmt *st, int i)
{
	return st->s->be->col_int(st, i);
}

double store_col_double(struct store_stmt *st, int i)
{
	return st->s->be->col_double(st, i);
}

const char *store_col_text(struct store_stmt *st, int i)
{
	return st->s->be->col_text(st, i);
}

int store_col_null(struct store_stmt *st, int i)
{
	return st->s->be->col_null(st, i);
}

const void *store_col_blob(struct store_stmt *st, int i, size_t *n)
{
	return st->s->be->col_blob(st, i, n);
}

enum store_type store_col_type(struct store_stmt *st, int i)
{
	return st->s->be->col_type(st, i);
}

void store_reset(struct store_stmt *st)
{
	st->s->be->reset(st);
}

struct store_stmt *store_prepare_text(struct store *s, const char *text)
{
	int64_t t0 = monotime_us();
	struct store_stmt *st = s->be->prepare(s, text);
	thread_time_us += monotime_us() - t0;
	return st;
}

void store_finalize(struct store_stmt *st)
{
	if (st)
		st->s->be->finalize(st);
}

int store_exec(struct store *s, const char *script)
{
	int64_t t0 = monotime_us();
	int rc = s->be->exec(s, script);
	thread_time_us += monotime_us() - t0;
	return rc;
}

/* A failed begin leaves an open transaction open: only success changes
 * in_tx, so store_rollback still ends the one in progress. */
static int begin_with(struct store *s, const char *sql)
{
	if (s->in_tx)
		return store_fail(s, STORE_ERROR, "a transaction is already open");
	int rc = store_exec(s, sql);
	if (rc == STORE_OK)
		s->in_tx = 1;
	return rc;
}

int store_begin(struct store *s)
{
	return begin_with(s, s->be->begin_sql);
}

int store_begin_read(struct store *s)
{
	return begin_with(s, s->be->begin_read_sql);
}

int store_commit(struct store *s)
{
	int rc = store_exec(s, "COMMIT");
	if (rc != STORE_OK)
		store_rollback(s);
	s->in_tx = 0;
	return rc;
}

void store_rollback(struct store *s)
{
	if (!s->in_tx)
		return;
	/* Keep the error that made us roll back, not ROLLBACK's own. */
	char err[sizeof s->err];
	memcpy(err, s->err, sizeof err);
	s->be->exec(s, "ROLLBACK");
	memcpy(s->err, err, sizeof err);
	s->in_tx = 0;
}

int store_in_transaction(const struct store *s)
{
	return s->in_tx;
}

int64_t store_thread_time_us(void)
{
	return thread_time_us;
}

int store_backup(struct store *s, const char *path)
{
	if (s->be->backup == NULL)
		return store_fail(s, STORE_ERROR,
				  "%s is backed up with its own tools: pg_dump for a logical copy, "
				  "pg_basebackup for a physical one (see docs/deploy.md)",
				  s->be->name);
	return s->be->backup(s, path);
}
