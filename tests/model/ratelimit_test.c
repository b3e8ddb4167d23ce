/*
 * ratelimit_test.c: database-backed rate limits (src/model/ratelimit.c)
 * on SQLite and, when SAMSKAB_TEST_PG is set, PostgreSQL: the limit
 * within a window, which starts at the first attempt, a new window
 * starting afresh at its exact second, keys
 * counted apart, attempts from two connections (two nodes) counted
 * together, purging. Time is moved with the model's clock
 * (model_clock_set), never waited for.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>

#include "model/ratelimit.h"
#include "support/modeldb.h"

#define WINDOW 3600
/* The moment of the first attempt: a window starts there. */
#define T0 ((int64_t)1700000000)

static int hit(struct store *db, const char *key, int64_t limit)
{
	int allowed = -1;
	assert_int_equal(rate_limit_hit(db, key, limit, WINDOW, &allowed), MODEL_OK);
	return allowed;
}

static void test_limit_within_a_window(void **state)
{
	struct modeldb *m = modeldb_get(state);
	model_clock_set(T0);
	/* A limit of 3: three attempts pass, every further one is refused. */
	static const int expected[] = { 1, 1, 1, 0, 0, 0 };
	for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
		if (hit(m->db, "signin:abc", 3) != expected[i])
			fail_msg("attempt %zu: allowed should be %d", i + 1, expected[i]);
	/* The window began with the first attempt. */
	assert_int_equal(modeldb_int(m, "SELECT window_start FROM rate_limit WHERE key = 'signin:abc'"), T0);
	assert_int_equal(modeldb_int(m, "SELECT count FROM rate_limit WHERE key = 'signin:abc'"), 6);
	/* A limit of 0 refuses the first attempt. */
	assert_int_equal(hit(m->db, "closed", 0), 0);
	model_clock_set(0);
}

static void test_a_new_window_starts_afresh(void **state)
{
	struct modeldb *m = modeldb_get(state);
	model_clock_set(T0);
	for (int i = 0; i < 4; i++)
		hit(m->db, "reset:abc", 2);
	assert_int_equal(hit(m->db, "reset:abc", 2), 0);
	/* The window's last second: still refused (no aligned boundary
	 * in between starts a new one). */
	model_clock_set(T0 + WINDOW - 1);
	assert_int_equal(hit(m->db, "reset:abc", 2), 0);
	/* A window later: counted from one again, in a window from now. */
	model_clock_set(T0 + WINDOW + 10);
	assert_int_equal(hit(m->db, "reset:abc", 2), 1);
	assert_int_equal(modeldb_int(m, "SELECT count FROM rate_limit WHERE key = 'reset:abc'"), 1);
	assert_int_equal(modeldb_int(m, "SELECT window_start FROM rate_limit WHERE key = 'reset:abc'"),
			 T0 + WINDOW + 10);
	assert_int_equal(hit(m->db, "reset:abc", 2), 1);
	assert_int_equal(hit(m->db, "reset:abc", 2), 0);
	model_clock_set(0);
}

static void test_keys_are_counted_apart_and_nodes_together(void **state)
{
	struct modeldb *m = modeldb_get(state);
	model_clock_set(T0);
	struct store *node2 = modeldb_connect(m);
	assert_int_equal(hit(m->db, "signin:client-a", 2), 1);
	assert_int_equal(hit(node2, "signin:client-a", 2), 1);
	assert_int_equal(hit(m->db, "signin:client-a", 2), 0); /* third, over two nodes */
	assert_int_equal(hit(node2, "signin:client-b", 2), 1);
	assert_int_equal(hit(m->db, "signup:client-a", 2), 1);
	assert_int_equal(hit(node2, "signin:client-a", 2), 0);
	store_close(node2);
	assert_int_equal(modeldb_int(m, "SELECT count FROM rate_limit WHERE key = 'signin:client-b'"), 1);
	model_clock_set(0);
}

static void test_purge_removes_windows_older_than_a_day(void **state)
{
	struct modeldb *m = modeldb_get(state);
	model_clock_set(T0 - 48 * 3600);
	hit(m->db, "days-ago", 5);
	model_clock_set(T0 - 20 * 3600);
	hit(m->db, "hours-ago", 5);
	model_clock_set(T0);
	hit(m->db, "now", 5);
	assert_int_equal(rate_limit_purge(m->db, model_now()), MODEL_OK);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM rate_limit"), 2);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM rate_limit WHERE key = 'days-ago'"), 0);
	/* The current window's count survives a purge. */
	assert_int_equal(modeldb_int(m, "SELECT count FROM rate_limit WHERE key = 'now'"), 1);
	model_clock_set(0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELDB_BOTH(test_limit_within_a_window),
		MODELDB_BOTH(test_a_new_window_starts_afresh),
		MODELDB_BOTH(test_keys_are_counted_apart_and_nodes_together),
		MODELDB_BOTH(test_purge_removes_windows_older_than_a_day),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
