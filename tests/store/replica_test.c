/*
 * replica_test.c: WAL positions for "read your writes" (src/store/
 * replica.c): PostgreSQL's text form of a position both ways, SQLite's
 * trivial answers, a replica pool refused for a SQLite URL, and on
 * PostgreSQL (SAMSKAB_TEST_PG) a position that grows with each write and
 * a primary that is not taken for a replica. The real streaming replica
 * is in tests/integration/replica_test.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "store/replica.h"
#include "support/testdb.h"

static const enum testdb_kind use_sqlite = TESTDB_SQLITE, use_postgres = TESTDB_POSTGRES;

static int setup(void **state)
{
	*state = testdb_new(*(const enum testdb_kind *)*state);
	return 0;
}

static int teardown(void **state)
{
	testdb_free(*state);
	return 0;
}

static void test_lsn_text_both_ways(void **state)
{
	(void)state;
	const struct {
		const char *text;
		uint64_t lsn;
	} cases[] = {
		{ "0/0", 0 },
		{ "0/3000060", 0x3000060 },
		{ "16/B374D848", 0x16B374D848 },
		{ "FFFFFFFF/FFFFFFFF", UINT64_MAX },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint64_t lsn = 1;
		assert_int_equal(store_lsn_parse(cases[i].text, &lsn), 0);
		assert_true(lsn == cases[i].lsn);
		char out[STORE_LSN_LEN];
		store_lsn_format(cases[i].lsn, out);
		assert_string_equal(out, cases[i].text);
	}
	uint64_t lsn = 0;
	assert_int_equal(store_lsn_parse("16/b374d848", &lsn), 0);
	assert_true(lsn == 0x16B374D848);
	const char *bad[] = { "", "/", "16", "16/", "/1", "1G/0", "0/-1", "123456789/0", "0/0 " };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(store_lsn_parse(bad[i], &lsn), -1);
}

static void test_sqlite_has_nothing_to_wait_for(void **state)
{
	struct testdb *t = testdb_get(state);
	uint64_t lsn = 7;
	assert_int_equal(store_wal_position(t->db, &lsn), STORE_OK);
	assert_true(lsn == 0);
	int caught_up = 0;
	assert_int_equal(store_replica_caught_up(t->db, UINT64_MAX, &caught_up), STORE_OK);
	assert_int_equal(caught_up, 1);
	char err[256];
	assert_null(store_replica_pool_new(t->url, NULL, err, sizeof err));
	assert_string_equal(err, "a read replica must be a PostgreSQL database (postgres://...): "
				 "SQLite has none");
}

static void test_position_grows_with_writes(void **state)
{
	struct testdb *t = testdb_get(state);
	uint64_t before = 0, after = 0;
	assert_int_equal(store_wal_position(t->db, &before), STORE_OK);
	assert_true(before > 0);
	testdb_exec(t, "CREATE TABLE w (id BIGINT PRIMARY KEY); INSERT INTO w VALUES (1)");
	assert_int_equal(store_wal_position(t->db, &after), STORE_OK);
	assert_true(after > before);
}

static void test_a_primary_is_not_a_replica(void **state)
{
	struct testdb *t = testdb_get(state);
	int caught_up = 1;
	assert_int_equal(store_replica_caught_up(t->db, 0, &caught_up), STORE_ERROR);
	assert_int_equal(caught_up, 0);
	assert_string_equal(store_error(t->db), "the replica database is not a replica (it is not "
						"in recovery): check --db-replica");
	char err[256];
	struct store_pool *p = store_replica_pool_new(t->url, NULL, err, sizeof err);
	assert_non_null(p);
	store_pool_free(p);
}

#define ON(fn, kind) cmocka_unit_test_prestate_setup_teardown(fn, setup, teardown, (void *)&(kind))

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lsn_text_both_ways),
		ON(test_sqlite_has_nothing_to_wait_for, use_sqlite),
		ON(test_position_grows_with_writes, use_postgres),
		ON(test_a_primary_is_not_a_replica, use_postgres),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
