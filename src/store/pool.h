/*
 * pool.h: one database connection per thread, opened on first use. The
 * HTTP worker threads each take theirs from the pool; a connection that
 * reports the database unavailable is dropped and reopened on next use, so
 * the server recovers without a restart when the database comes back.
 */
#ifndef SAMSKAB_STORE_POOL_H
#define SAMSKAB_STORE_POOL_H

#include <stddef.h>

#include "store/store.h"

struct store_pool;

struct store_pool *store_pool_new(const char *url, const struct store_options *opt);
/* Closes every connection the pool opened. No thread may use them after. */
void store_pool_free(struct store_pool *p);
/* This thread's connection, or NULL with a message in err. */
struct store *store_pool_get(struct store_pool *p, char *err, size_t errlen);
/* A new connection to the pool's database with its settings, the
 * caller's alone (it closes it): for work that outlives one handler on
 * one thread, such as a streamed export; with scan, for one long read
 * (store_options.scan). NULL with a message in err. */
struct store *store_pool_open(struct store_pool *p, int scan, char *err, size_t errlen);
/* Tells the pool this thread's connection failed with rc; an unavailable
 * connection is closed so the next store_pool_get reconnects. */
void store_pool_report(struct store_pool *p, int rc);

#endif
