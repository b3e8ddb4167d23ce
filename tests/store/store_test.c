/*
 * store_test.c: the database interface (src/store/store.c and its
 * backends) on a real SQLite file in a temporary directory, and, when
 * SAMSKAB_TEST_PG names a PostgreSQL server (an admin URL, see
 * scripts/pg), again on a fresh PostgreSQL database; without it the
 * PostgreSQL cases are skipped.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/monotime.h"
#include "store/store.h"
#include "support/testdb.h"
#include "support/wait.h"

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

/* The same table on both engines: explicit ids, portable types. */
static void make_table(struct store *db)
{
	if (store_exec(db, "CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT UNIQUE, n BIGINT, "
			   "x DOUBLE PRECISION)") != STORE_OK)
		fail_msg("CREATE TABLE: %s", store_error(db));
}

static struct store_sql insert_sql = STORE_SQL("INSERT INTO t (id, name, n, x) VALUES (?, ?, ?, ?)");
static struct store_sql select_sql = STORE_SQL("SELECT id, name, n, x FROM t ORDER BY id");
static struct store_sql count_sql = STORE_SQL("SELECT COUNT(*) FROM t");
static struct store_sql by_name_sql = STORE_SQL("SELECT id FROM t WHERE name = ?");

static int insert(struct store *db, int64_t id, const char *name)
{
	struct store_stmt *st = store_prepare(db, &insert_sql);
	assert_non_null(st);
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, name);
	store_bind_int(st, 3, id * 10);
	store_bind_double(st, 4, 0.5);
	int rc = store_step(st);
	store_reset(st);
	return rc;
}

static int64_t count(struct store *db)
{
	struct store_stmt *st = store_prepare(db, &count_sql);
	assert_non_null(st);
	assert_int_equal(store_step(st), STORE_ROW);
	int64_t n = store_col_int(st, 0);
	store_reset(st);
	return n;
}

static void test_open_gives_working_connection_of_its_dialect(void **state)
{
	struct testdb *f = testdb_get(state);
	assert_int_equal(store_ping(f->db), 0);
	assert_int_equal(store_dialect(f->db), f->kind == TESTDB_SQLITE ? STORE_SQLITE : STORE_POSTGRES);
	assert_false(store_in_transaction(f->db));
}

static void test_prepare_cache_returns_same_statement(void **state)
{
	struct testdb *f = testdb_get(state);
	make_table(f->db);
	struct store_stmt *a = store_prepare(f->db, &select_sql);
	struct store_stmt *b = store_prepare(f->db, &select_sql);
	assert_non_null(a);
	assert_ptr_equal(a, b);
	assert_ptr_not_equal(store_prepare(f->db, &count_sql), a);
	assert_int_not_equal(atomic_load(&select_sql.slot), 0);
	store_reset(a);
}

static void test_prepare_again_restarts_and_unbinds(void **state)
{
	struct testdb *f = testdb_get(state);
	make_table(f->db);
	for (int i = 1; i <= 3; i++)
		assert_int_equal(insert(f->db, i, i == 2 ? "two" : NULL), STORE_DONE);
	/* Read one row and leave the rest: the next prepare starts over. */
	struct store_stmt *st = store_prepare(f->db, &select_sql);
	assert_int_equal(store_step(st), STORE_ROW);
	assert_int_equal(store_step(st), STORE_ROW);
	st = store_prepare(f->db, &select_sql);
	assert_int_equal(store_step(st), STORE_ROW);
	assert_int_equal(store_col_int(st, 0), 1);
	store_reset(st);
	/* A binding from the last use does not carry over. */
	st = store_prepare(f->db, &by_name_sql);
	store_bind_text(st, 1, "two");
	assert_int_equal(store_step(st), STORE_ROW);
	assert_int_equal(store_col_int(st, 0), 2);
	st = store_prepare(f->db, &by_name_sql);
	assert_int_equal(store_step(st), STORE_DONE); /* name = NULL matches nothing */
	store_reset(st);
}

static void test_bind_step_and_columns_including_null(void **state)
{
	struct testdb *f = testdb_get(state);
	make_table(f->db);
	static const char *const evil = "Robert'); DROP TABLE t; -- ? Ærø 日本";
	struct store_stmt *st = store_prepare(f->db, &insert_sql);
	store_bind_int(st, 1, 1);
	store_bind_text(st, 2, evil);
	store_bind_int(st, 3, INT64_C(9007199254740993)); /* 2^53 + 1: not a double */
	store_bind_double(st, 4, -2.25);
	assert_int_equal(store_step(st), STORE_DONE);
	st = store_prepare(f->db, &insert_sql);
	store_bind_int(st, 1, 2);
	store_bind_text(st, 2, NULL);
	store_bind_null(st, 3);
	store_bind_null(st, 4);
	assert_int_equal(store_step(st), STORE_DONE);
	st = store_prepare(f->db, &insert_sql);
	store_bind_int(st, 1, INT64_MIN);
	store_bind_text(st, 2, "");
	store_bind_int(st, 3, INT64_MAX);
	store_bind_double(st, 4, 1e300);
	assert_int_equal(store_step(st), STORE_DONE);
	store_reset(st);

	st = store_prepare(f->db, &select_sql);
	assert_int_equal(store_step(st), STORE_ROW);
	assert_int_equal(store_col_int(st, 0), INT64_MIN);
	assert_string_equal(store_col_text(st, 1), ""); /* empty is not NULL */
	assert_false(store_col_null(st, 1));
	assert_int_equal(store_col_int(st, 2), INT64_MAX);
	assert_true(store_col_double(st, 3) == 1e300);
	assert_int_equal(store_step(st), STORE_ROW);
	assert_int_equal(store_col_int(st, 0), 1);
	assert_string_equal(store_col_text(st, 1), evil); /* bound, never spliced into SQL */
	assert_int_equal(store_col_int(st, 2), INT64_C(9007199254740993));
	assert_true(store_col_double(st, 3) == -2.25);
	assert_false(store_col_null(st, 2));
	assert_int_equal(store_step(st), STORE_ROW);
	assert_int_equal(store_col_int(st, 0), 2);
	assert_null(store_col_text(st, 1));
	assert_true(store_col_null(st, 1));
	assert_true(store_col_null(st, 2));
	assert_true(store_col_null(st, 3));
	assert_int_equal(store_col_int(st, 2), 0);
	assert_true(store_col_double(st, 3) == 0);
	assert_int_equal(store_step(st), STORE_DONE);
	store_reset(st);
	assert_int_equal(count(f->db), 3);
}

static struct store_sql quoted_sql = STORE_SQL("SELECT '?', CAST(? AS TEXT), 'it''s ?'");

static void test_question_mark_inside_quotes_is_not_a_parameter(void **state)
{
	struct testdb *f = testdb_get(state);
	struct store_stmt *st = store_prepare(f->db, &quoted_sql);
	assert_non_null(st);
	store_bind_text(st, 1, "value");
	assert_int_equal(store_step(st), STORE_ROW);
	assert_string_equal(store_col_text(st, 0), "?");
	assert_string_equal(store_col_text(st, 1), "value");
	assert_string_equal(store_col_text(st, 2), "it's ?");
	store_reset(st);
}

static void test_unique_violation_is_conflict(void **state)
{
	struct testdb *f = testdb_get(state);
	make_table(f->db);
	assert_int_equal(insert(f->db, 1, "same"), STORE_DONE);
	assert_int_equal(insert(f->db, 2, "same"), STORE_CONFLICT);
	assert_true(strlen(store_error(f->db)) > 0);
	assert_int_equal(insert(f->db, 1, "other"), STORE_CONFLICT); /* primary key */
	/* The connection goes on working after a refusal. */
	assert_int_equal(insert(f->db, 3, "third"), STORE_DONE);
	assert_int_equal(count(f->db), 2);
}

static void test_rollback_leaves_nothing(void **state)
{
	struct testdb *f = testdb_get(state);
	make_table(f->db);
	assert_int_equal(store_begin(f->db), STORE_OK);
	assert_true(store_in_transaction(f->db));
	assert_int_equal(insert(f->db, 1, "a"), STORE_DONE);
	assert_int_equal(insert(f->db, 2, "b"), STORE_DONE);
	assert_int_equal(count(f->db), 2); /* visible inside */
	store_rollback(f->db);
	assert_false(store_in_transaction(f->db));
	assert_int_equal(count(f->db), 0);

	assert_int_equal(store_begin(f->db), STORE_OK);
	assert_int_equal(insert(f->db, 1, "a"), STORE_DONE);
	assert_int_equal(store_commit(f->db), STORE_OK);
	assert_false(store_in_transaction(f->db));
	assert_int_equal(count(f->db), 1);
}

static void test_rollback_after_failure_keeps_the_failure_message(void **state)
{
	struct testdb *f = testdb_get(state);
	make_table(f->db);
	assert_int_equal(insert(f->db, 1, "taken"), STORE_DONE);
	assert_int_equal(store_begin(f->db), STORE_OK);
	assert_int_equal(insert(f->db, 2, "fine"), STORE_DONE);
	assert_int_equal(insert(f->db, 3, "taken"), STORE_CONFLICT);
	char msg[512];
	snprintf(msg, sizeof msg, "%s", store_error(f->db));
	store_rollback(f->db);
	assert_string_equal(store_error(f->db), msg);
	assert_int_equal(count(f->db), 1);
	assert_false(store_in_transaction(f->db));
}

static void test_rollback_without_transaction_is_harmless(void **state)
{
	struct testdb *f = testdb_get(state);
	make_table(f->db);
	store_rollback(f->db);
	store_rollback(f->db);
	assert_false(store_in_transaction(f->db));
	assert_int_equal(insert(f->db, 1, "a"), STORE_DONE);
	store_rollback(f->db); /* must not undo what autocommit already stored */
	assert_int_equal(count(f->db), 1);
}

static void test_commit_is_seen_by_another_connection(void **state)
{
	struct testdb *f = testdb_get(state);
	make_table(f->db);
	char err[512];
	struct store *other = store_open(f->url, NULL, err, sizeof err);
	if (other == NULL)
		fail_msg("second connection: %s", err);
	assert_int_equal(store_begin(f->db), STORE_OK);
	assert_int_equal(insert(f->db, 1, "a"), STORE_DONE);
	assert_int_equal(count(other), 0); /* not yet committed */
	assert_int_equal(store_commit(f->db), STORE_OK);
	assert_int_equal(count(other), 1);
	store_close(other);
}

/* A second writer, begun in its own thread. */
struct writer {
	const char *url;
	int busy_ms;
	atomic_int tid; /* the thread, once it is about to begin */
	int rc;
	double waited_ms;
	int64_t began_us; /* when its begin returned */
};

static void *writer_begin(void *arg)
{
	struct writer *w = arg;
	char err[512];
	struct store_options opt = { .sync_full = 1, .busy_ms = w->busy_ms };
	struct store *s = store_open(w->url, &opt, err, sizeof err);
	if (s == NULL) {
		w->rc = -1;
		atomic_store(&w->tid, -1);
		return NULL;
	}
	int64_t t0 = monotime_us();
	atomic_store(&w->tid, (int)gettid());
	w->rc = store_begin(s);
	w->began_us = monotime_us();
	w->waited_ms = (double)(w->began_us - t0) / 1e3;
	if (w->rc == STORE_OK)
		w->rc = store_commit(s);
	store_close(s);
	return NULL;
}

/* SQLite: a writer queues behind another's transaction and goes on when
 * it ends; one that would wait past its busy timeout is refused with
 * STORE_BUSY, not left hanging. */
/* The writer is queued: SQLite's busy handler has it asleep between two
 * tries for the lock (its thread is in a sleep system call). */
static int writer_queued(void *arg)
{
	struct writer *w = arg;
	int tid = atomic_load(&w->tid);
	if (tid < 0)
		fail_msg("the second writer could not open the database");
	if (tid == 0)
		return 0;
	char path[64];
	snprintf(path, sizeof path, "/proc/self/task/%d/syscall", tid);
	FILE *f = fopen(path, "r");
	long nr = -1;
	if (f) {
		if (fscanf(f, "%ld", &nr) != 1)
			nr = -1;
		fclose(f);
	}
	return nr == SYS_clock_nanosleep || nr == SYS_nanosleep;
}

static void test_sqlite_writer_waits_for_the_lock_then_times_out(void **state)
{
	struct testdb *f = testdb_get(state);
	make_table(f->db);
	struct writer w = { .url = f->url, .busy_ms = 5000 };
	pthread_t t;
	assert_int_equal(store_begin(f->db), STORE_OK);
	assert_int_equal(insert(f->db, 1, "a"), STORE_DONE);
	pthread_create(&t, NULL, writer_begin, &w);
	test_wait_until(writer_queued, &w, TEST_DEADLINE_MS, "the second writer to wait for the lock");
	int64_t committed_us = monotime_us();
	assert_int_equal(store_commit(f->db), STORE_OK);
	pthread_join(t, NULL);
	/* It got in after the commit, and soon after. */
	assert_int_equal(w.rc, STORE_OK);
	if (w.began_us < committed_us)
		fail_msg("the second writer began %lld us before the first committed",
			 (long long)(committed_us - w.began_us));
	if (w.began_us - committed_us > 4000000)
		fail_msg("the second writer began %.0f ms after the commit",
			 (double)(w.began_us - committed_us) / 1e3);

	w = (struct writer){ .url = f->url, .busy_ms = 100 };
	assert_int_equal(store_begin(f->db), STORE_OK);
	pthread_create(&t, NULL, writer_begin, &w);
	pthread_join(t, NULL);
	store_rollback(f->db);
	assert_int_equal(w.rc, STORE_BUSY);
	if (w.waited_ms < 90 || w.waited_ms > 4000)
		fail_msg("refused after %.0f ms with a 100 ms busy timeout", w.waited_ms);
}

static void test_exec_runs_a_script_of_statements(void **state)
{
	struct testdb *f = testdb_get(state);
	make_table(f->db);
	assert_int_equal(store_exec(f->db, "INSERT INTO t (id, name) VALUES (1, 'a');"
					   "INSERT INTO t (id, name) VALUES (2, 'b');"),
			 STORE_OK);
	assert_int_equal(count(f->db), 2);
	assert_int_equal(store_exec(f->db, "INSERT INTO t (id, name) VALUES (3, 'a')"), STORE_CONFLICT);
	assert_int_not_equal(store_exec(f->db, "THIS IS NOT SQL"), STORE_OK);
	assert_true(strlen(store_error(f->db)) > 0);
}

static struct store_sql bad_sql = STORE_SQL("SELECT x FROM no_such_table");

/* A statement that cannot be prepared: NULL from store_prepare (SQLite),
 * or STORE_ERROR from its first store_step (PostgreSQL prepares on the
 * server when the statement first runs); a message either way. */
static int bad_statement_fails(struct testdb *f)
{
	log_set_level(LOG_OFF); /* the store logs the failure; expected here */
	struct store_stmt *st = store_prepare(f->db, &bad_sql);
	int rc = st ? store_step(st) : STORE_ERROR;
	if (st)
		store_reset(st);
	log_set_level(LOG_INFO);
	if (strstr(store_error(f->db), "no_such_table") == NULL)
		fail_msg("error: %s", store_error(f->db));
	return rc;
}

static void test_bad_statement_fails_with_a_message(void **state)
{
	struct testdb *f = testdb_get(state);
	assert_int_equal(bad_statement_fails(f), STORE_ERROR);
	/* A failed prepare is not kept: it fails again, and others work. */
	assert_int_equal(bad_statement_fails(f), STORE_ERROR);
	assert_int_equal(store_ping(f->db), 0);
}

/* BUG (reported): a second store_begin fails on SQLite and clears in_tx
 * although the first transaction is still open, so store_rollback (and the
 * server's "handler left a transaction open" safety net) do nothing. */
static void test_failed_nested_begin_keeps_transaction_state(void **state)
{
	struct testdb *f = testdb_get(state);
	make_table(f->db);
	assert_int_equal(store_begin(f->db), STORE_OK);
	assert_int_equal(insert(f->db, 1, "a"), STORE_DONE);
	store_begin(f->db); /* a caller's mistake */
	assert_true(store_in_transaction(f->db));
	store_rollback(f->db);
	assert_int_equal(count(f->db), 0);
}

static void test_open_failure_names_the_database(void **state)
{
	(void)state;
	char err[512] = "";
	assert_null(store_open("/nonexistent-samskab-dir/sub/x.db", NULL, err, sizeof err));
	assert_non_null(strstr(err, "/nonexistent-samskab-dir/sub/x.db"));
	err[0] = '\0';
	assert_null(store_open("postgres://nobody@127.0.0.1:1/none?connect_timeout=2", NULL, err, sizeof err));
	assert_non_null(strstr(err, "PostgreSQL"));
}

static void test_url_kind(void **state)
{
	(void)state;
	assert_true(store_url_is_postgres("postgres://u@h/db"));
	assert_true(store_url_is_postgres("postgresql://u@h:5432/db"));
	assert_false(store_url_is_postgres("var/samskab.db"));
	assert_false(store_url_is_postgres("sqlite:var/x.db"));
	assert_false(store_url_is_postgres("POSTGRES-notes.db"));
	assert_false(store_url_is_postgres(""));
}

#define BOTH(fn)                                                                                \
	cmocka_unit_test_prestate_setup_teardown(fn, setup, teardown, (void *)&use_sqlite),     \
		cmocka_unit_test_prestate_setup_teardown(fn, setup, teardown, (void *)&use_postgres)

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_open_gives_working_connection_of_its_dialect),
		BOTH(test_prepare_cache_returns_same_statement),
		BOTH(test_prepare_again_restarts_and_unbinds),
		BOTH(test_bind_step_and_columns_including_null),
		BOTH(test_question_mark_inside_quotes_is_not_a_parameter),
		BOTH(test_unique_violation_is_conflict),
		BOTH(test_rollback_leaves_nothing),
		BOTH(test_rollback_after_failure_keeps_the_failure_message),
		BOTH(test_rollback_without_transaction_is_harmless),
		BOTH(test_commit_is_seen_by_another_connection),
		BOTH(test_exec_runs_a_script_of_statements),
		BOTH(test_bad_statement_fails_with_a_message),
		BOTH(test_failed_nested_begin_keeps_transaction_state),
		cmocka_unit_test_prestate_setup_teardown(test_sqlite_writer_waits_for_the_lock_then_times_out, setup,
							 teardown, (void *)&use_sqlite),
		cmocka_unit_test(test_open_failure_names_the_database),
		cmocka_unit_test(test_url_kind),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
