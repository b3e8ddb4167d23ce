/*
 * sqlite.c: the SQLite backend of the store (see backend.h). One file in
 * WAL mode; synchronous=FULL by default (each commit durable on power loss)
 * or NORMAL when asked (may lose the last commits on power loss, never
 * corrupts); foreign keys on; a busy timeout so writers queue, not fail.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "store/backend.h"

struct sqlite_store {
	struct store base;
	sqlite3 *db;
};

struct sqlite_stmt {
	struct store_stmt base;
	sqlite3_stmt *st;
};

static sqlite3 *db_of(struct store *s)
{
	return ((struct sqlite_store *)s)->db;
}

static sqlite3_stmt *st_of(struct store_stmt *st)
{
	return ((struct sqlite_stmt *)st)->st;
}

static int map_rc(struct store *s, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
		return STORE_OK;
	case SQLITE_ROW:
		return STORE_ROW;
	case SQLITE_DONE:
		return STORE_DONE;
	case SQLITE_CONSTRAINT:
		return store_fail(s, STORE_CONFLICT, "%s", sqlite3_errmsg(db_of(s)));
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return store_fail(s, STORE_BUSY, "%s", sqlite3_errmsg(db_of(s)));
	case SQLITE_CANTOPEN:
	case SQLITE_IOERR:
	case SQLITE_FULL:
		return store_fail(s, STORE_UNAVAILABLE, "%s", sqlite3_errmsg(db_of(s)));
	default:
		return store_fail(s, STORE_ERROR, "%s", sqlite3_errmsg(db_of(s)));
	}
}

static struct store *sqlite_open(const char *url, const struct store_options *opt, char *err,
				 size_t errlen)
{
	const char *path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(path, &db,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot open SQLite database %s: %s", path,
			 db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, opt->busy_ms);
	char pragmas[200];
	snprintf(pragmas, sizeof pragmas,
		 "PRAGMA journal_mode=WAL; PRAGMA synchronous=%s; PRAGMA foreign_keys=ON;",
		 opt->sync_full ? "FULL" : "NORMAL");
	char *msg = NULL;
	if (sqlite3_exec(db, pragmas, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(err, errlen, "cannot use SQLite database %s: %s", path, msg ? msg : "?");
		sqlite3_free(msg);
		sqlite3_close(db);
		return NULL;
	}
	struct sqlite_store *s = mem_calloc(1, sizeof *s);
	s->db = db;
	return &s->base;
}

static void sqlite_close(struct store *s)
{
	sqlite3_close(db_of(s));
	free(s);
}

static struct store_stmt *sqlite_prepare(struct store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(db_of(s), sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		map_rc(s, rc);
		return NULL;
	}
	struct sqlite_stmt *p = mem_calloc(1, sizeof *p);
	p->base.s = s;
	p->st = st;
	return &p->base;
}

static void sqlite_finalize(struct store_stmt *st)
{
	sqlite3_finalize(st_of(st));
	free(st);
}

static void sqlite_bind_int(struct store_stmt *st, int i, int64_t v)
{
	sqlite3_bind_int64(st_of(st), i, v);
}

static void sqlite_bind_double(struct store_stmt *st, int i, double v)
{
	sqlite3_bind_double(st_of(st), i, v);
}

static void sqlite_bind_text(struct store_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(st_of(st), i, v, -1, SQLITE_TRANSIENT);
}

static void sqlite_bind_null(struct store_stmt *st, int i)
{
	sqlite3_bind_null(st_of(st), i);
}

static int sqlite_step(struct store_stmt *st)
{
	return map_rc(st->s, sqlite3_step(st_of(st)));
}

static int64_t sqlite_col_int(struct store_stmt *st, int i)
{
	return sqlite3_column_int64(st_of(st), i);
}

static double sqlite_col_double(struct store_stmt *st, int i)
{
	return sqlite3_column_double(st_of(st), i);
}

static const char *sqlite_col_text(struct store_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st_of(st), i);
}

static int sqlite_col_null(struct store_stmt *st, int i)
{
	return sqlite3_column_type(st_of(st), i) == SQLITE_NULL;
}

static void sqlite_reset(struct store_stmt *st)
{
	sqlite3_reset(st_of(st));
	sqlite3_clear_bindings(st_of(st));
}

static int sqlite_exec(struct store *s, const char *script)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db_of(s), script, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		int out = map_rc(s, rc);
		if (msg)
			store_fail(s, out, "%s", msg);
		sqlite3_free(msg);
		return out;
	}
	return STORE_OK;
}

const struct store_backend store_sqlite_backend = {
	.name = "sqlite",
	.dialect = STORE_SQLITE,
	.begin_sql = "BEGIN IMMEDIATE",
	.open = sqlite_open,
	.close = sqlite_close,
	.prepare = sqlite_prepare,
	.finalize = sqlite_finalize,
	.bind_int = sqlite_bind_int,
	.bind_double = sqlite_bind_double,
	.bind_text = sqlite_bind_text,
	.bind_null = sqlite_bind_null,
	.step = sqlite_step,
	.col_int = sqlite_col_int,
	.col_double = sqlite_col_double,
	.col_text = sqlite_col_text,
	.col_null = sqlite_col_null,
	.reset = sqlite_reset,
	.exec = sqlite_exec,
};
