/*
 * leader_test.c: which node runs background work (src/store/leader.c).
 * SQLite: two leaders on one database file, in this process or in
 * another, only one leads, and the other takes over when it is freed or
 * its process ends. PostgreSQL (when SAMSKAB_TEST_PG is set): two
 * connections, only one leads, and closing the leader's connection (a
 * node dying) lets the other take over.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/leader.h"
#include "support/proc.h"
#include "support/testdb.h"
#include "support/wait.h"

static const enum testdb_kind use_sqlite = TESTDB_SQLITE, use_postgres = TESTDB_POSTGRES;

static int setup(void **state)
{
	test_begin(state);
	*state = testdb_new(*(const enum testdb_kind *)*state);
	return 0;
}

static int teardown(void **state)
{
	test_end(state); /* the other node, if the test failed before it ended */
	testdb_free(*state);
	return 0;
}

static void test_sqlite_one_leader_per_file(void **state)
{
	struct testdb *t = testdb_get(state);
	char prefixed[600];
	snprintf(prefixed, sizeof prefixed, "sqlite:%s", t->url);
	struct store_leader *a = store_leader_new(t->url);
	struct store_leader *b = store_leader_new(prefixed); /* the same file, spelt otherwise */
	assert_int_equal(store_leader_acquire(a, t->db), 1);
	assert_int_equal(store_leader_acquire(b, t->db), 0);
	assert_int_equal(store_leader_acquire(a, t->db), 1); /* still leads */
	assert_int_equal(store_leader_acquire(b, t->db), 0);
	/* The lock file sits beside the database. */
	char lock[600];
	snprintf(lock, sizeof lock, "%s.jobs", t->url);
	struct stat st;
	assert_int_equal(stat(lock, &st), 0);

	/* A lost connection does not give up a file lock. */
	store_leader_lost(a);
	assert_int_equal(store_leader_acquire(a, t->db), 1);
	assert_int_equal(store_leader_acquire(b, t->db), 0);

	/* The leader stops: the other takes over, and a third waits. */
	store_leader_free(a);
	assert_int_equal(store_leader_acquire(b, t->db), 1);
	struct store_leader *c = store_leader_new(t->url);
	assert_int_equal(store_leader_acquire(c, t->db), 0);
	store_leader_free(b);
	store_leader_free(c);
}

static void test_sqlite_leader_in_another_process(void **state)
{
	struct testdb *t = testdb_get(state);
	int up[2], down[2];
	assert_int_equal(pipe(up), 0);
	assert_int_equal(pipe(down), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* The other node: lead, say so, wait to be told to stop. */
		close(up[0]);
		close(down[1]);
		struct store_leader *l = store_leader_new(t->url);
		char c = store_leader_acquire(l, NULL) == 1 ? 'y' : 'n';
		if (write(up[1], &c, 1) != 1 || read(down[0], &c, 1) < 0)
			_exit(2);
		_exit(0); /* ends without freeing: the process's end releases it */
	}
	test_track(pid); /* killed if the test fails before it ends */
	close(up[1]);
	close(down[0]);
	char c = 0;
	assert_int_equal(read(up[0], &c, 1), 1);
	assert_int_equal(c, 'y');
	struct store_leader *l = store_leader_new(t->url);
	assert_int_equal(store_leader_acquire(l, t->db), 0);
	assert_int_equal(write(down[1], "x", 1), 1);
	int status;
	if (!test_proc_wait(pid, TEST_DEADLINE_MS, &status))
		fail_msg("the other node did not end when told to");
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(store_leader_acquire(l, t->db), 1);
	store_leader_free(l);
	close(up[0]);
	close(down[1]);
}

static void test_sqlite_unwritable_place_is_an_error(void **state)
{
	struct testdb *t = testdb_get(state);
	char url[600];
	snprintf(url, sizeof url, "%s/no-such-dir/samskab.db", t->dir);
	struct store_leader *l = store_leader_new(url);
	assert_int_equal(store_leader_acquire(l, t->db), -1);
	store_leader_free(l);
}

struct attempt {
	struct store_leader *l;
	struct store *s;
	int rc;
};

static int acquired(void *arg)
{
	struct attempt *a = arg;
	a->rc = store_leader_acquire(a->l, a->s);
	return a->rc != 0;
}

/* Tries until it leads (or fails): the server drops a closed
 * connection's locks when its backend has finished, a moment after the
 * close. */
static int acquire_within(struct store_leader *l, struct store *s)
{
	struct attempt a = { l, s, 0 };
	test_wait_until(acquired, &a, TEST_DEADLINE_MS, "leadership after the leader's connection closed");
	return a.rc;
}

static void test_postgres_one_leader_until_its_connection_closes(void **state)
{
	struct testdb *t = testdb_get(state);
	struct store *node1 = testdb_connect(t), *node2 = testdb_connect(t);
	struct store_leader *a = store_leader_new(t->url), *b = store_leader_new(t->url);
	assert_int_equal(store_leader_acquire(a, node1), 1);
	assert_int_equal(store_leader_acquire(b, node2), 0);
	assert_int_equal(store_leader_acquire(a, node1), 1);
	assert_int_equal(store_leader_acquire(b, node2), 0);

	/* Node 1 dies: its connection closes and node 2 takes over. */
	store_close(node1);
	assert_int_equal(acquire_within(b, node2), 1);

	/* Node 1 comes back on a new connection: it must wait. */
	store_leader_lost(a);
	struct store *again = testdb_connect(t);
	assert_int_equal(store_leader_acquire(a, again), 0);
	assert_int_equal(store_leader_acquire(b, node2), 1);
	store_close(again);
	store_close(node2);
	store_leader_free(a);
	store_leader_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_prestate_setup_teardown(test_sqlite_one_leader_per_file, setup, teardown,
							 (void *)&use_sqlite),
		cmocka_unit_test_prestate_setup_teardown(test_sqlite_leader_in_another_process, setup, teardown,
							 (void *)&use_sqlite),
		cmocka_unit_test_prestate_setup_teardown(test_sqlite_unwritable_place_is_an_error, setup, teardown,
							 (void *)&use_sqlite),
		cmocka_unit_test_prestate_setup_teardown(test_postgres_one_leader_until_its_connection_closes,
							 setup, teardown, (void *)&use_postgres),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
