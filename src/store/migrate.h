/*
 * migrate.h: versioned schema migrations, compiled into the binary from
 * migrations/NNNN_name.sql. What one engine alone needs is in
 * NNNN_name.sqlite.sql or NNNN_name.postgres.sql: on that engine it runs
 * after the portable file of the same version (if there is one), in the
 * same transaction. Each migration runs in its own transaction and is recorded in schema_migration; running them again
 * does nothing; a database newer than the binary is refused.
 */
#ifndef SAMSKAB_STORE_MIGRATE_H
#define SAMSKAB_STORE_MIGRATE_H

#include <stddef.h>

#include "store/store.h"

/* The newest schema version this binary knows. */
int migrate_latest(void);
/* The database's schema version (0 when empty); -1 with err on failure. */
int migrate_version(struct store *s, char *err, size_t errlen);
/* Applies what is pending; *applied counts them. 0, or -1 with err. */
int migrate_apply(struct store *s, int *applied, char *err, size_t errlen);
/* 0 if the schema is exactly current; else -1 with a message saying what
 * to do (run migrate, or upgrade samskab). */
int migrate_check(struct store *s, char *err, size_t errlen);

#endif
