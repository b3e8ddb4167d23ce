/*
 * testdb.h: a fresh, empty database of either engine for tests below the
 * HTTP layer (tests/store/): a SQLite file in a new temporary directory,
 * or a new database on the PostgreSQL server SAMSKAB_TEST_PG names (an
 * admin URL, see scripts/pg). Without SAMSKAB_TEST_PG the PostgreSQL
 * fixture has no connection and testdb_get skips the test.
 */
#ifndef SAMSKAB_TESTS_TESTDB_H
#define SAMSKAB_TESTS_TESTDB_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include "support/skip.h"

#include "store/store.h"

enum testdb_kind { TESTDB_SQLITE, TESTDB_POSTGRES };

struct testdb {
	enum testdb_kind kind;
	struct store *db; /* NULL when the engine is not available */
	char url[512];
	char dir[64];      /* SQLite: the temporary directory, removed by testdb_free */
	char pg_name[64];  /* PostgreSQL: the database, dropped by testdb_free */
};

/* A new database; fails the test if it cannot be made. */
struct testdb *testdb_new(enum testdb_kind kind);
void testdb_free(struct testdb *t);
/* The fixture in *state; skips the test if its engine is not available. */
struct testdb *testdb_get(void **state);
/* Runs a script on t->db; fails the test with the database's message. */
void testdb_exec(struct testdb *t, const char *script);
/* Another connection to the same database (the caller closes it). */
struct store *testdb_connect(const struct testdb *t);

#endif
