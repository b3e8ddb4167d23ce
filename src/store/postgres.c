/*
 * postgres.c: the PostgreSQL backend of the store (see backend.h), on
 * libpq. Statements are prepared on each connection under their own name
 * the first time they run; '?' placeholders become $1, $2, ...
 * Parameters travel as text, so PostgreSQL infers their types from the
 * statement; binary data (BYTEA) travels as bytes, and comes back in
 * PostgreSQL's hex text form, decoded on reading. A broken connection reports STORE_UNAVAILABLE; the pool then
 * drops it and opens a new one for the next request (see pool.c), and
 * before handing out an idle connection asks pg_alive whether the server
 * closed it meanwhile (a restart), so the first request after a restart
 * does not fail. Connecting gives up after PG_CONNECT_TIMEOUT seconds
 * unless the URL says otherwise, so an unreachable host cannot hang a
 * request; and a statement waits for a lock at most the options'
 * busy_ms (lock_timeout), as on SQLite, then fails as STORE_BUSY (a
 * page answers 503), so a long transaction elsewhere cannot hang one.
 */
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/mem.h"
#include "store/backend.h"

#define PG_MAX_PARAMS 64
#define PG_CONNECT_TIMEOUT "5"

struct pg_store {
	struct store base;
	PGconn *conn;
	int nstmts; /* statements prepared so far: names s1, s2, ... */
};

struct pg_stmt {
	struct store_stmt base;
	char name[16];
	char *text;   /* with $n placeholders, until prepared (owned) */
	int nparams;
	char *values[PG_MAX_PARAMS]; /* owned; NULL for SQL NULL */
	int lengths[PG_MAX_PARAMS];  /* of binary values */
	int formats[PG_MAX_PARAMS];  /* 1 for binary values, 0 for text */
	PGresult *res;
	/* The decoded bytes of BYTEA columns of the current row (owned,
	 * freed by PQfreemem), by column; blob_row says which row. */
	unsigned char *blobs[PG_MAX_PARAMS];
	size_t blob_len[PG_MAX_PARAMS];
	int blob_row[PG_MAX_PARAMS];
	int row, nrows;
};

static PGconn *conn_of(struct store *s)
{
	return ((struct pg_store *)s)->conn;
}

/* Maps a failed result to a store code, keeping the server's message. */
static int pg_fail(struct store *s, PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn_of(s));
	if (msg == NULL || *msg == '\0')
		msg = PQerrorMessage(conn_of(s));
	int rc = STORE_ERROR;
	if (PQstatus(conn_of(s)) == CONNECTION_BAD || (state && strncmp(state, "08", 2) == 0) ||
	    (state && strncmp(state, "57P", 3) == 0))
		rc = STORE_UNAVAILABLE;
	else if (state && strncmp(state, "23", 2) == 0)
		rc = STORE_CONFLICT;
	else if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
			   strcmp(state, "55P03") == 0))
		rc = STORE_BUSY;
	store_fail(s, rc, "%.*s", (int)strcspn(msg, "\n"), msg);
	return rc;
}

/* libpq's first line, with its most puzzling message explained. */
static void connect_error(PGconn *conn, char *err, size_t errlen)
{
	const char *m = PQerrorMessage(conn);
	int n = (int)strcspn(m, "\n");
	if (strstr(m, "no password supplied"))
		snprintf(err, errlen,
			 "cannot connect to PostgreSQL: the server asks for a password and none was "
			 "given: put it in the URL (postgres://USER:PASSWORD@HOST/DB), in PGPASSWORD "
			 "or in ~/.pgpass");
	else
		snprintf(err, errlen, "cannot connect to PostgreSQL: %.*s", n, m);
}

/* Server notices and warnings, and the reason a server gives when it
 * closes an idle connection, go to our log, not raw to stderr. */
static void pg_notice(void *arg, const char *message)
{
	(void)arg;
	char line[512];
	snprintf(line, sizeof line, "%.*s", (int)strcspn(message, "\n"), message);
	log_warn("postgres notice", line);
}

static struct store *pg_open(const char *url, const struct store_options *opt, char *err,
			     size_t errlen)
{
	/* Settings before "dbname" are defaults: the URL overrides them. */
	const char *const keys[] = { "connect_timeout", "dbname", NULL };
	const char *const values[] = { PG_CONNECT_TIMEOUT, url, NULL };
	PGconn *conn = PQconnectdbParams(keys, values, 1);
	if (PQstatus(conn) != CONNECTION_OK) {
		connect_error(conn, err, errlen);
		PQfinish(conn);
		return NULL;
	}
	PQsetNoticeProcessor(conn, pg_notice, NULL);
	char setup[128];
	snprintf(setup, sizeof setup,
		 "SET client_min_messages = warning; SET TIME ZONE 'UTC'; SET lock_timeout = %d",
		 opt->busy_ms > 0 ? opt->busy_ms : 0);
	PGresult *res = PQexec(conn, setup);
	int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	PQclear(res);
	if (!ok) {
		snprintf(err, errlen, "cannot set up PostgreSQL session: %s", PQerrorMessage(conn));
		PQfinish(conn);
		return NULL;
	}
	struct pg_store *s = mem_calloc(1, sizeof *s);
	s->conn = conn;
	return &s->base;
}

static void pg_close(struct store *s)
{
	PQfinish(conn_of(s));
	free(s);
}

/* Rewrites '?' placeholders as $n outside quotes; returns the count. */
static int placeholders(const char *sql, struct buf *out)
{
	int n = 0;
	char quote = 0;
	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			buf_putc(out, *p);
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
			buf_putc(out, *p);
		} else if (*p == '?') {
			buf_printf(out, "$%d", ++n);
		} else {
			buf_putc(out, *p);
		}
	}
	return n;
}

static struct store_stmt *pg_prepare(struct store *s, const char *sql)
{
	struct pg_store *ps = (struct pg_store *)s;
	struct buf text = BUF_INIT(1 << 20);
	int n = placeholders(sql, &text);
	if (n > PG_MAX_PARAMS || text.overflow) {
		buf_free(&text);
		store_fail(s, STORE_ERROR, "statement has too many parameters");
		return NULL;
	}
	struct pg_stmt *st = mem_calloc(1, sizeof *st);
	st->base.s = s;
	st->nparams = n;
	st->row = -1;
	snprintf(st->name, sizeof st->name, "s%d", ++ps->nstmts);
	st->text = mem_strdup(buf_str(&text));
	buf_free(&text);
	return &st->base;
}

/* Prepares st on the server on its first run, not in pg_prepare: parsing
 * takes locks on the tables and needs the connection, and a failure
 * here (a lock timeout, a lost connection) is then reported by
 * store_step with its code (STORE_BUSY, STORE_UNAVAILABLE), which the
 * model and the pool act on, not as a NULL statement. */
static int pg_server_prepare(struct pg_stmt *st)
{
	if (st->text == NULL)
		return STORE_OK;
	PGresult *res = PQprepare(conn_of(st->base.s), st->name, st->text, 0, NULL);
	int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? STORE_OK : pg_fail(st->base.s, res);
	PQclear(res);
	if (rc == STORE_OK) {
		free(st->text);
		st->text = NULL;
	}
	return rc;
}

static void pg_clear_values(struct pg_stmt *st)
{
	for (int i = 0; i < st->nparams; i++) {
		free(st->values[i]);
		st->values[i] = NULL;
		st->lengths[i] = 0;
		st->formats[i] = 0;
	}
}

static void pg_clear_blobs(struct pg_stmt *st)
{
	for (int i = 0; i < PG_MAX_PARAMS; i++) {
		PQfreemem(st->blobs[i]);
		st->blobs[i] = NULL;
	}
}

static void pg_reset(struct store_stmt *base)
{
	struct pg_stmt *st = (struct pg_stmt *)base;
	PQclear(st->res);
	st->res = NULL;
	st->row = -1;
	st->nrows = 0;
	pg_clear_values(st);
	pg_clear_blobs(st);
}

static void pg_finalize(struct store_stmt *base)
{
	pg_reset(base);
	free(((struct pg_stmt *)base)->text);
	free(base);
}

static void pg_set(struct store_stmt *base, int i, char *v)
{
	struct pg_stmt *st = (struct pg_stmt *)base;
	if (i < 1 || i > st->nparams) {
		free(v);
		return;
	}
	free(st->values[i - 1]);
	st->values[i - 1] = v;
	st->lengths[i - 1] = 0;
	st->formats[i - 1] = 0;
}

static void pg_bind_int(struct store_stmt *st, int i, int64_t v)
{
	char num[24];
	snprintf(num, sizeof num, "%lld", (long long)v);
	pg_set(st, i, mem_strdup(num));
}

static void pg_bind_double(struct store_stmt *st, int i, double v)
{
	char num[40];
	snprintf(num, sizeof num, "%.17g", v);
	pg_set(st, i, mem_strdup(num));
}

static void pg_bind_text(struct store_stmt *st, int i, const char *v)
{
	pg_set(st, i, mem_strdup(v));
}

static void pg_bind_null(struct store_stmt *st, int i)
{
	pg_set(st, i, NULL);
}

static void pg_bind_blob(struct store_stmt *base, int i, const void *p, size_t n)
{
	struct pg_stmt *st = (struct pg_stmt *)base;
	if (n > (size_t)INT32_MAX)
		n = 0; /* libpq's lengths are ints; callers never come near */
	char *copy = mem_alloc(n ? n : 1);
	memcpy(copy, p, n);
	pg_set(base, i, copy);
	if (i >= 1 && i <= st->nparams) {
		st->lengths[i - 1] = (int)n;
		st->formats[i - 1] = 1;
	}
}

static int pg_step(struct store_stmt *base)
{
	struct pg_stmt *st = (struct pg_stmt *)base;
	if (st->res == NULL) {
		int rc = pg_server_prepare(st);
		if (rc != STORE_OK)
			return rc;
		PGresult *res = PQexecPrepared(conn_of(base->s), st->name, st->nparams,
					       (const char *const *)st->values, st->lengths, st->formats, 0);
		ExecStatusType status = PQresultStatus(res);
		if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
			rc = pg_fail(base->s, res);
			PQclear(res);
			return rc;
		}
		st->res = res;
		st->nrows = status == PGRES_TUPLES_OK ? PQntuples(res) : 0;
	}
	st->row++;
	return st->row < st->nrows ? STORE_ROW : STORE_DONE;
}

static const char *pg_value(struct store_stmt *base, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)base;
	if (st->res == NULL || st->row < 0 || st->row >= st->nrows || i < 0 || i >= PQnfields(st->res) ||
	    PQgetisnull(st->res, st->row, i))
		return NULL;
	return PQgetvalue(st->res, st->row, i);
}

static int64_t pg_col_int(struct store_stmt *st, int i)
{
	const char *v = pg_value(st, i);
	return v ? strtoll(v, NULL, 10) : 0;
}

static double pg_col_double(struct store_stmt *st, int i)
{
	const char *v = pg_value(st, i);
	return v ? strtod(v, NULL) : 0;
}

static const char *pg_col_text(struct store_stmt *st, int i)
{
	return pg_value(st, i);
}

static int pg_col_null(struct store_stmt *st, int i)
{
	return pg_value(st, i) == NULL;
}

static const void *pg_col_blob(struct store_stmt *base, int i, size_t *n)
{
	struct pg_stmt *st = (struct pg_stmt *)base;
	const char *v = pg_value(base, i);
	*n = 0;
	if (v == NULL || i >= PG_MAX_PARAMS)
		return NULL;
	if (st->blobs[i] == NULL || st->blob_row[i] != st->row) {
		PQfreemem(st->blobs[i]);
		st->blob_len[i] = 0;
		st->blobs[i] = PQunescapeBytea((const unsigned char *)v, &st->blob_len[i]);
		st->blob_row[i] = st->row;
		if (st->blobs[i] == NULL)
			return NULL;
	}
	*n = st->blob_len[i];
	return st->blobs[i];
}

/* PostgreSQL type OIDs (pg_type.h) of the values db-copy tells apart. */
enum { PG_INT8 = 20, PG_INT2 = 21, PG_INT4 = 23, PG_FLOAT4 = 700, PG_FLOAT8 = 701, PG_BYTEA = 17 };

static enum store_type pg_col_type(struct store_stmt *base, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)base;
	if (pg_value(base, i) == NULL)
		return STORE_NULL;
	switch (PQftype(st->res, i)) {
	case PG_INT2:
	case PG_INT4:
	case PG_INT8:
		return STORE_INT;
	case PG_FLOAT4:
	case PG_FLOAT8:
		return STORE_REAL;
	case PG_BYTEA:
		return STORE_BLOB;
	default:
		return STORE_TEXT;
	}
}

/* Reads what the server sent an idle connection: after a restart that is
 * the notice of termination and then the end of the stream, when libpq
 * marks the connection bad. A healthy idle connection has nothing to
 * read, so this costs one poll and never waits. */
static int pg_alive(struct store *s)
{
	PGconn *conn = conn_of(s);
	for (int i = 0; i < 8 && PQstatus(conn) == CONNECTION_OK; i++) {
		struct pollfd p = { .fd = PQsocket(conn), .events = POLLIN };
		if (poll(&p, 1, 0) <= 0)
			break;
		if (PQconsumeInput(conn) == 0)
			return 0;
	}
	return PQstatus(conn) == CONNECTION_OK;
}

static int pg_exec(struct store *s, const char *script)
{
	PGresult *res = PQexec(conn_of(s), script);
	ExecStatusType status = PQresultStatus(res);
	int rc = STORE_OK;
	if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY)
		rc = pg_fail(s, res);
	PQclear(res);
	return rc;
}

/*
 * Migrations are written once, in the types SQLite reads: INTEGER, REAL,
 * TEXT, BLOB, and "INTEGER PRIMARY KEY" for generated ids. PostgreSQL gets
 * 64-bit integers throughout and identity columns.
 */
static const struct {
	const char *from, *to;
} pg_types[] = {
	{ "INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" },
	{ "INTEGER", "BIGINT" },
	{ "REAL", "DOUBLE PRECISION" },
	{ "BLOB", "BYTEA" },
};

static int word_at(const char *s, const char *start, const char *w, size_t n)
{
	if (strncmp(s, w, n) != 0)
		return 0;
	int before = s == start || !(s[-1] == '_' || (s[-1] >= 'A' && s[-1] <= 'Z') ||
				      (s[-1] >= 'a' && s[-1] <= 'z') || (s[-1] >= '0' && s[-1] <= '9'));
	char a = s[n];
	int after = !(a == '_' || (a >= 'A' && a <= 'Z') || (a >= 'a' && a <= 'z') || (a >= '0' && a <= '9'));
	return before && after;
}

static char *pg_ddl(const char *script)
{
	struct buf out = BUF_INIT((size_t)16 << 20);
	char quote = 0;
	for (const char *p = script; *p;) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			buf_putc(&out, *p++);
			continue;
		}
		if (*p == '\'' || *p == '"') {
			quote = *p;
			buf_putc(&out, *p++);
			continue;
		}
		if (p[0] == '-' && p[1] == '-') {
			/* A comment runs to the end of the line; its apostrophes
			 * ("libsodium's") open no string. */
			size_t n = strcspn(p, "\n");
			buf_put(&out, p, n);
			p += n;
			continue;
		}
		size_t i;
		for (i = 0; i < sizeof pg_types / sizeof pg_types[0]; i++) {
			size_t n = strlen(pg_types[i].from);
			if (word_at(p, script, pg_types[i].from, n)) {
				buf_puts(&out, pg_types[i].to);
				p += n;
				break;
			}
		}
		if (i == sizeof pg_types / sizeof pg_types[0])
			buf_putc(&out, *p++);
	}
	return buf_take(&out, NULL);
}

const struct store_backend store_postgres_backend = {
	.name = "postgres",
	.dialect = STORE_POSTGRES,
	.begin_sql = "BEGIN",
	.begin_read_sql = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
	.open = pg_open,
	.close = pg_close,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.bind_int = pg_bind_int,
	.bind_double = pg_bind_double,
	.bind_text = pg_bind_text,
	.bind_null = pg_bind_null,
	.bind_blob = pg_bind_blob,
	.step = pg_step,
	.col_int = pg_col_int,
	.col_double = pg_col_double,
	.col_text = pg_col_text,
	.col_null = pg_col_null,
	.col_blob = pg_col_blob,
	.col_type = pg_col_type,
	.reset = pg_reset,
	.exec = pg_exec,
	.ddl = pg_ddl,
	.alive = pg_alive,
};
