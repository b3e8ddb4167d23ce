/*
 * store.h: the database interface that model code uses, and the only one.
 * Backends (SQLite now; PostgreSQL behind the same calls) implement
 * store_backend; model code never sees which one runs.
 *
 * SQL given to the store is fixed at compile time, lives in the model file
 * that owns the table, uses '?' placeholders (the backend translates them)
 * and the dialect both SQLite 3.40 and PostgreSQL 15 accept: ON CONFLICT,
 * RETURNING, no engine-specific functions. Times are bound from C as
 * integers (Unix seconds), never taken from SQL's clock.
 *
 * A connection belongs to one thread at a time. Statements are prepared once
 * per connection and cached: model code declares each statement as a static
 * struct store_sql and calls store_prepare on it every time.
 */
#ifndef SAMSKAB_STORE_STORE_H
#define SAMSKAB_STORE_STORE_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

enum store_rc {
	STORE_OK = 0,
	STORE_ROW,         /* store_step: a row is ready */
	STORE_DONE,        /* store_step: finished, no (more) rows */
	STORE_CONFLICT,    /* a UNIQUE, CHECK or FOREIGN KEY constraint refused it */
	STORE_BUSY,        /* the database stayed locked past the busy timeout */
	STORE_UNAVAILABLE, /* the database cannot be reached */
	STORE_ERROR,       /* anything else: a bug, or a broken database */
};

enum store_dialect { STORE_SQLITE, STORE_POSTGRES };

/* The type of a value read from a column (store_col_type). */
enum store_type { STORE_NULL, STORE_INT, STORE_REAL, STORE_TEXT, STORE_BLOB };

/* A statement's text and its slot in every connection's cache. */
struct store_sql {
	const char *text;
	atomic_int slot; /* 0 until first prepared */
};
#define STORE_SQL(text) { (text), 0 }

struct store;
struct store_stmt;

struct store_options {
	int sync_full;   /* SQLite: synchronous=FULL (durable per commit) */
	int busy_ms;     /* how long to wait for a lock (SQLite's busy
			  * timeout, PostgreSQL's lock_timeout) */
	int must_exist;  /* SQLite: refuse to create a missing file */
	int scan;        /* SQLite: a connection for one long read through much
			  * of the database (an export): it reads through SQLite's
			  * own bounded page cache instead of mapping the file, so
			  * the pages it passes do not pile up in the process */
};

/*
 * Opens a connection. url is a file path (SQLite) or postgres://...
 * Returns NULL with a message in err on failure.
 */
struct store *store_open(const char *url, const struct store_options *opt, char *err, size_t errlen);
void store_close(struct store *s);
enum store_dialect store_dialect(const struct store *s);
/* The message of the last failure on this connection. */
const char *store_error(const struct store *s);
/* 0 if the database answers a trivial query. */
int store_ping(struct store *s);
/* Bytes free on the filesystem of the database's files (SQLite), or -1
 * when this process cannot see them (PostgreSQL) or cannot tell. */
int64_t store_free_bytes(struct store *s);

/* The cached statement for sql, reset and unbound; NULL on error. On
 * PostgreSQL the text goes to the server when the statement first runs,
 * so what is wrong with it (or a lock or connection lost meanwhile) is
 * store_step's error. */
struct store_stmt *store_prepare(struct store *s, struct store_sql *sql);
/* Parameters are numbered from 1, as in SQL. text may be NULL (SQL NULL). */
void store_bind_int(struct store_stmt *st, int i, int64_t v);
void store_bind_double(struct store_stmt *st, int i, double v);
void store_bind_text(struct store_stmt *st, int i, const char *v);
void store_bind_null(struct store_stmt *st, int i);
/* Binary data (a BLOB; BYTEA on PostgreSQL); copied. */
void store_bind_blob(struct store_stmt *st, int i, const void *p, size_t n);
/* STORE_ROW, STORE_DONE or an error code (see store_error). */
int store_step(struct store_stmt *st);
/* Columns are numbered from 0. Text is NULL for SQL NULL and is valid
 * until the next step or reset. */
int64_t store_col_int(struct store_stmt *st, int i);
double store_col_double(struct store_stmt *st, int i);
const char *store_col_text(struct store_stmt *st, int i);
int store_col_null(struct store_stmt *st, int i);
/* A BLOB column's bytes (*n set; NULL for SQL NULL), valid until the
 * next step or reset. */
const void *store_col_blob(struct store_stmt *st, int i, size_t *n);
/* The type of column i's value in the current row. */
enum store_type store_col_type(struct store_stmt *st, int i);
/* Releases the statement's rows and locks; call when done with it. */
void store_reset(struct store_stmt *st);

/*
 * A statement whose text is built at run time, for tools that work on any
 * table (db-copy): only identifiers read from the database's own catalogue
 * and quoted by the caller go into the text; values are still bound. Not
 * cached; the caller frees it with store_finalize. Model code never uses
 * these.
 */
struct store_stmt *store_prepare_text(struct store *s, const char *text);
void store_finalize(struct store_stmt *st);

/* Runs one or more statements without parameters (migrations). */
int store_exec(struct store *s, const char *script);
/* Write transactions. Rollback is safe to call when none is open.
 * After any failed statement inside a transaction PostgreSQL refuses the
 * rest until rollback: treat an error inside a transaction as its end
 * (look before inserting where a conflict is expected). */
int store_begin(struct store *s);
int store_commit(struct store *s);
void store_rollback(struct store *s);
/* A read-only transaction that sees one snapshot of the database until
 * it ends (commit or rollback): consistent reads while others write. */
int store_begin_read(struct store *s);
/* 1 while a transaction begun with store_begin or store_begin_read is open. */
int store_in_transaction(const struct store *s);

/*
 * SQLite: copies the database into a new file at path while others may go
 * on writing (sqlite3_backup, one snapshot), checks the copy's integrity
 * and renames it into place, so path never holds a partial copy. path
 * must not exist. PostgreSQL: STORE_ERROR saying to use pg_dump or
 * pg_basebackup.
 */
int store_backup(struct store *s, const char *path);

/* Microseconds this thread has spent waiting on any database. */
int64_t store_thread_time_us(void);

/* Whether a url names a PostgreSQL database. */
int store_url_is_postgres(const char *url);

#endif
