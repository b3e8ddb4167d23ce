/*
 * leader.h: which node runs background work. Exactly one process at a
 * time holds leadership for a database: on PostgreSQL a session-level
 * advisory lock on the job connection (released by the server if the
 * node dies); on SQLite an exclusive flock on "<file>.jobs" beside the
 * database (released when the process ends).
 */
#ifndef SAMSKAB_STORE_LEADER_H
#define SAMSKAB_STORE_LEADER_H

#include "store/store.h"

struct store_leader;

struct store_leader *store_leader_new(const char *url);
/* 1 if this process leads (now or already), 0 if another does, -1 on
 * error (message in store_error(s) or errno). s is the connection the
 * background work uses; after it was lost, call store_leader_lost. */
int store_leader_acquire(struct store_leader *l, struct store *s);
/* The job connection was dropped: leadership must be taken again. */
void store_leader_lost(struct store_leader *l);
void store_leader_free(struct store_leader *l);

#endif
