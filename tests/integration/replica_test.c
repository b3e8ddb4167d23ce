/*
 * replica_test.c: a real streaming replica on loopback (scripts/pg
 * replica) of the suite's PostgreSQL server, whose data directory
 * SAMSKAB_TEST_PG_DIR names. A write on the primary through the store is
 * read on the replica once store_replica_caught_up says the replica has
 * replayed the primary's position after the write; the replica refuses
 * writes. Skipped without SAMSKAB_TEST_PG
 * and SAMSKAB_TEST_PG_DIR.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/replica.h"
#include "support/support.h"

static char dir[64];           /* the replica's directory */
static char replica_admin[256]; /* postgres://postgres@127.0.0.1:PORT/postgres */
static unsigned undo_dir, undo_replica; /* their registrations (support/proc.h) */

static int setup(void **state)
{
	(void)state;
	const char *primary = getenv("SAMSKAB_TEST_PG_DIR");
	if (getenv("SAMSKAB_TEST_PG") == NULL || primary == NULL)
		return 0;
	undo_dir = test_tmpdir(dir, sizeof dir, "replica");
	char replica_dir[sizeof dir + 16], args[256];
	snprintf(replica_dir, sizeof replica_dir, "%s/replica", dir);
	undo_replica = test_pg_stop_later(replica_dir);
	snprintf(args, sizeof args, "replica '%s' '%s'", primary, replica_dir);
	return test_pg(args, replica_admin, sizeof replica_admin) == 0 && replica_admin[0] ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	test_undo(undo_replica);
	test_undo(undo_dir);
	return 0;
}

/* The URL of database name on the replica. */
static void replica_url(const char *name, char *out, size_t n)
{
	const char *slash = strrchr(replica_admin, '/');
	snprintf(out, n, "%.*s/%s", (int)(slash - replica_admin), replica_admin, name);
}

static int64_t count_written(struct store *db)
{
	struct store_stmt *st =
		store_prepare_text(db, "SELECT COUNT(*) FROM area WHERE name = 'Replikeret'");
	assert_non_null(st);
	assert_int_equal(store_step(st), STORE_ROW);
	int64_t n = store_col_int(st, 0);
	store_finalize(st);
	return n;
}

struct replica_wait {
	struct store_pool *pool;
	struct store *replica;
	char err[512];
};

static int replica_connected(void *arg)
{
	struct replica_wait *w = arg;
	w->replica = store_pool_get(w->pool, w->err, sizeof w->err);
	return w->replica != NULL;
}

struct lsn_wait {
	struct store *replica;
	uint64_t lsn;
};

static int caught_up_with(void *arg)
{
	struct lsn_wait *w = arg;
	int caught_up = 0;
	assert_int_equal(store_replica_caught_up(w->replica, w->lsn, &caught_up), STORE_OK);
	return caught_up;
}

static void test_a_write_is_read_on_the_replica_once_it_caught_up(void **state)
{
	(void)state;
	if (dir[0] == '\0' && getenv("SAMSKAB_TEST_PG"))
		test_skip("missing: SAMSKAB_TEST_PG_DIR (the server's directory, to start a replica of it)");
	if (dir[0] == '\0')
		test_skip("not applicable: PostgreSQL only; this run is on SQLite (SAMSKAB_TEST_PG unset)");
	struct test_server s;
	test_db_create(&s, 1);
	char url[512], err[512];
	replica_url(s.pg_name, url, sizeof url);
	struct store_pool *pool = store_replica_pool_new(url, NULL, err, sizeof err);
	assert_non_null(pool);
	/* The database may take a moment to appear on the replica. */
	struct replica_wait rw = { pool, NULL, "" };
	if (!test_poll(replica_connected, &rw, TEST_DEADLINE_MS))
		fail_msg("replica: %s", rw.err);
	struct store *replica = rw.replica;
	struct store *primary = store_open(s.db, NULL, err, sizeof err);
	assert_non_null(primary);

	assert_int_equal(store_exec(primary, "INSERT INTO area (name, name_key, created_at, "
					     "updated_at) VALUES ('Replikeret', 'replikeret', 0, 0)"),
			 STORE_OK);
	uint64_t lsn = 0;
	assert_int_equal(store_wal_position(primary, &lsn), STORE_OK);
	struct lsn_wait lw = { replica, lsn };
	test_wait_until(caught_up_with, &lw, TEST_DEADLINE_MS, "the replica to replay the write");
	assert_int_equal(count_written(replica), 1);
	int caught_up;
	/* A later position is not reached before the primary writes it. */
	assert_int_equal(store_replica_caught_up(replica, lsn + (1u << 30), &caught_up), STORE_OK);
	assert_int_equal(caught_up, 0);

	/* The replica is read-only. */
	assert_int_equal(store_exec(replica, "DELETE FROM area"), STORE_ERROR);
	assert_contains(store_error(replica), "read-only transaction");
	store_close(primary);
	store_pool_free(pool);

	test_db_drop(&s);
}

/* --db-replica (SAMSKAB_DB_REPLICA) takes PostgreSQL URLs only. */
static void test_serve_refuses_a_sqlite_replica(void **state)
{
	(void)state;
	const char *serve[] = { "serve", "--db-replica", "/tmp/replica.db", NULL };
	char *err;
	assert_int_equal(test_run(serve, NULL, &err), 2);
	assert_contains(err, "invalid --db-replica (SAMSKAB_DB_REPLICA) value '/tmp/replica.db': "
			     "must be a postgres:// URL");
	free(err);
	const char *help[] = { "serve", "--help", NULL };
	char *out;
	assert_int_equal(test_run(help, &out, NULL), 0);
	assert_contains(out, "--db-replica URL");
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_a_write_is_read_on_the_replica_once_it_caught_up),
		TEST_CASE(test_serve_refuses_a_sqlite_replica),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
