/*
 * replica.h: PostgreSQL read replicas and "read your writes". A streaming
 * replica answers read-only queries a moment behind the primary. After a
 * request writes, the HTTP layer asks the primary for its WAL position
 * (store_wal_position) and keeps it with that client (a cookie or the
 * session); the client's later reads may go to a replica connection once
 * store_replica_caught_up says the replica has replayed that far, and go
 * to the primary until then. A client that wrote nothing may read from the
 * replica at once. SQLite has no replicas: there the position is always 0
 * and every position counts as caught up.
 */
#ifndef SAMSKAB_STORE_REPLICA_H
#define SAMSKAB_STORE_REPLICA_H

#include <stddef.h>
#include <stdint.h>

#include "store/pool.h"
#include "store/store.h"

/* "FFFFFFFF/FFFFFFFF" and its NUL. */
#define STORE_LSN_LEN 18

/* The pool of replica connections (--db-replica, SAMSKAB_DB_REPLICA); NULL
 * with a message when url is not a PostgreSQL URL. Nothing is opened
 * until a thread asks (store_pool_get), so the replica may be down. */
struct store_pool *store_replica_pool_new(const char *url, const struct store_options *opt,
					  char *err, size_t errlen);

/* The primary's WAL position after everything committed on any connection
 * so far (pg_current_wal_insert_lsn(): the write position may lag behind
 * a commit when synchronous_commit is off). STORE_OK, or an error code
 * with store_error set. */
int store_wal_position(struct store *primary, uint64_t *lsn);

/* Sets *caught_up to 1 if the replica has replayed the WAL up to lsn
 * (pg_last_wal_replay_lsn() >= lsn), else 0. STORE_OK, or an error code
 * (STORE_ERROR if the server is not a replica at all). */
int store_replica_caught_up(struct store *replica, uint64_t lsn, int *caught_up);

/* PostgreSQL's text form of a position, "16/B374D848", for cookies and
 * logs; parse returns 0, or -1 if text is not one. */
void store_lsn_format(uint64_t lsn, char out[STORE_LSN_LEN]);
int store_lsn_parse(const char *text, uint64_t *lsn);

#endif
