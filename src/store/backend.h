/*
 * backend.h: what a database backend implements for store.c. Internal to
 * src/store/; model code includes store.h only.
 */
#ifndef SAMSKAB_STORE_BACKEND_H
#define SAMSKAB_STORE_BACKEND_H

#include "store/store.h"

struct store_backend {
	const char *name;
	enum store_dialect dialect;
	const char *begin_sql;      /* starts a write transaction */
	const char *begin_read_sql; /* starts a read-only snapshot */
	struct store *(*open)(const char *url, const struct store_options *opt, char *err, size_t errlen);
	void (*close)(struct store *s);
	/* NULL with store->err set on failure. */
	struct store_stmt *(*prepare)(struct store *s, const char *sql);
	void (*finalize)(struct store_stmt *st);
	void (*bind_int)(struct store_stmt *st, int i, int64_t v);
	void (*bind_double)(struct store_stmt *st, int i, double v);
	void (*bind_text)(struct store_stmt *st, int i, const char *v);
	void (*bind_null)(struct store_stmt *st, int i);
	void (*bind_blob)(struct store_stmt *st, int i, const void *p, size_t n);
	int (*step)(struct store_stmt *st);
	int64_t (*col_int)(struct store_stmt *st, int i);
	double (*col_double)(struct store_stmt *st, int i);
	const char *(*col_text)(struct store_stmt *st, int i);
	int (*col_null)(struct store_stmt *st, int i);
	const void *(*col_blob)(struct store_stmt *st, int i, size_t *n);
	enum store_type (*col_type)(struct store_stmt *st, int i);
	void (*reset)(struct store_stmt *st);
	int (*exec)(struct store *s, const char *script);
	/* Rewrites portable DDL into this dialect (malloc'd), or NULL to run
	 * it unchanged. */
	char *(*ddl)(const char *script);
	/* See store_backup; NULL when the engine has its own tools. */
	int (*backup)(struct store *s, const char *path);
	/* 0 if an idle connection is known to be broken (the server closed
	 * it), without waiting on the network; NULL if it cannot tell. */
	int (*alive)(struct store *s);
	/* Bytes free for the database's files on their filesystem; NULL when
	 * the engine keeps its files elsewhere (a PostgreSQL server). */
	int64_t (*free_bytes)(struct store *s);
};

/* The head of every backend's connection struct. */
struct store {
	const struct store_backend *be;
	struct store_stmt **cache; /* indexed by store_sql.slot */
	int ncache;
	int in_tx;
	char err[512];
};

/* The head of every backend's statement struct. */
struct store_stmt {
	struct store *s;
};

extern const struct store_backend store_sqlite_backend;
extern const struct store_backend store_postgres_backend;

/* Sets s->err from a printf format; returns rc. */
int store_fail(struct store *s, int rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
