/*
 * modeldb.h: a migrated database per test case for the model and job
 * tests, on SQLite and, when SAMSKAB_TEST_PG names a server, on
 * PostgreSQL; without it the PostgreSQL cases skip.
 *
 * Migrating costs tens of milliseconds per database, so it is done once
 * per program and engine: SQLite cases get a fresh copy of a migrated
 * template file; PostgreSQL cases share one migrated database that is
 * emptied (TRUNCATE ... RESTART IDENTITY, which the audit log's
 * row triggers do not see) before each case. Each case therefore starts
 * from empty tables with ids from 1 on either engine.
 *
 * A test program lists its cases with MODELDB_BOTH(fn) and passes
 * modeldb_group_teardown to cmocka_run_group_tests.
 */
#ifndef SAMSKAB_TESTS_MODELDB_H
#define SAMSKAB_TESTS_MODELDB_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/region.h"
#include "store/store.h"
#include "support/testdb.h"

struct modeldb {
	enum testdb_kind kind;
	struct store *db;     /* NULL when the engine is not available */
	struct region *region; /* freed after the case */
	char url[512];        /* for a second connection (modeldb_connect) */
};

extern const enum testdb_kind modeldb_sqlite, modeldb_postgres;

int modeldb_setup(void **state);
int modeldb_teardown(void **state);
/* Drops the template and the shared PostgreSQL database. */
int modeldb_group_teardown(void **state);
/* The case's database, or skip when its engine is not available. */
struct modeldb *modeldb_get(void **state);

#define MODELDB_BOTH(fn)                                                                        \
	cmocka_unit_test_prestate_setup_teardown(fn, modeldb_setup, modeldb_teardown,           \
						 (void *)&modeldb_sqlite),                      \
		cmocka_unit_test_prestate_setup_teardown(fn, modeldb_setup, modeldb_teardown,   \
							 (void *)&modeldb_postgres)

/* Another connection to the case's database (the caller closes it). */
struct store *modeldb_connect(const struct modeldb *m);

/* Runs SQL made with printf (only the test's own numbers and literals go
 * in); fails the test with the database's message. */
void modeldb_exec(struct modeldb *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The first column of the first row as an integer: MODELDB_NULL when it
 * is SQL NULL, MODELDB_NONE when there is no row. */
#define MODELDB_NULL INT64_MIN
#define MODELDB_NONE (INT64_MIN + 1)
int64_t modeldb_int(struct modeldb *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* An account written straight into the table, with an unusable password
 * hash: for tests that need an account but not its password (Argon2
 * hashing takes about 75 ms). Returns its id. */
int64_t modeldb_account(struct modeldb *m, const char *email, const char *name);
/* An area and an organisation (public sector, no area) by name. */
int64_t modeldb_area(struct modeldb *m, const char *name);
int64_t modeldb_org(struct modeldb *m, const char *name);
/* An open arena with a theme of the same name, no areas. */
int64_t modeldb_arena(struct modeldb *m, const char *title);
/* A proposal in the arena: revision 1 by author with title and text. */
int64_t modeldb_proposal(struct modeldb *m, int64_t arena_id, const char *title, const char *text,
			 int64_t author);

#endif
