/*
 * backup_test.c: `samskab backup`. On SQLite: copies taken while samskab
 * serves and another connection keeps writing are consistent (each shows
 * whole transactions only), readable by their owner only, current in
 * schema and served by `samskab serve`; an existing OUT is never
 * overwritten. On PostgreSQL (SAMSKAB_TEST_PG): a clear pointer to
 * pg_dump and pg_basebackup, exit status 2.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/migrate.h"
#include "store/store.h"
#include "support/support.h"

struct writer {
	const char *db;
	pthread_t thread;
	atomic_int stop;
	atomic_int commits;
	atomic_int failures;
};

static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO area (name, name_key, created_at, updated_at) VALUES (?, ?, 0, 0)");

/* Writes two areas per transaction until told to stop: a consistent copy
 * holds an even number of them. */
static void *write_pairs(void *arg)
{
	struct writer *w = arg;
	char err[256];
	struct store *db = store_open(w->db, NULL, err, sizeof err);
	if (db == NULL) {
		atomic_fetch_add(&w->failures, 1);
		return NULL;
	}
	for (int i = 0; !atomic_load(&w->stop); i++) {
		int ok = store_begin(db) == STORE_OK;
		for (int k = 0; ok && k < 2; k++) {
			char name[64];
			snprintf(name, sizeof name, "written %d.%d", i, k);
			struct store_stmt *st = store_prepare(db, &insert_sql);
			store_bind_text(st, 1, name);
			store_bind_text(st, 2, name);
			ok = store_step(st) == STORE_DONE;
			store_reset(st);
		}
		if (ok && store_commit(db) == STORE_OK)
			atomic_fetch_add(&w->commits, 1);
		else {
			store_rollback(db);
			atomic_fetch_add(&w->failures, 1);
		}
	}
	store_close(db);
	return NULL;
}

/* Stops the writer (its registration, undone after a failed test too). */
static void stop_writer(const void *arg)
{
	struct writer *w = *(struct writer *const *)arg;
	atomic_store(&w->stop, 1);
	pthread_join(w->thread, NULL);
}

static int has_committed_twenty(void *arg)
{
	return atomic_load(&((struct writer *)arg)->commits) >= 20;
}

static int64_t written_areas(const char *path)
{
	char err[256];
	struct store *db = store_open(path, NULL, err, sizeof err);
	assert_non_null(db);
	assert_int_equal(migrate_check(db, err, sizeof err), 0);
	struct store_stmt *st =
		store_prepare_text(db, "SELECT COUNT(*) FROM area WHERE name LIKE 'written %'");
	assert_int_equal(store_step(st), STORE_ROW);
	int64_t n = store_col_int(st, 0);
	store_finalize(st);
	store_close(db);
	return n;
}

static void test_backups_taken_while_writing_are_consistent_and_serve(void **state)
{
	(void)state;
	if (getenv("SAMSKAB_TEST_PG"))
		test_skip("not applicable: SQLite's backup (PostgreSQL's is the next test); this run is on PostgreSQL");
	struct test_server s;
	test_server_up(&s, 1);
	/* On the heap: a failed test's clean-up stops it after this frame is gone. */
	struct writer *w = calloc(1, sizeof *w);
	w->db = s.db;
	assert_int_equal(pthread_create(&w->thread, NULL, write_pairs, w), 0);
	unsigned writing = test_defer(stop_writer, &w, sizeof w);
	test_wait_until(has_committed_twenty, w, TEST_DEADLINE_MS, "20 commits by the writer");
	int64_t seen[3];
	char out_path[3][320];
	for (int i = 0; i < 3; i++) {
		snprintf(out_path[i], sizeof out_path[i], "%s/backup-%d.db", s.dir, i);
		const char *backup[] = { "backup", "--db", s.db, out_path[i], NULL };
		char *out, *err;
		int rc = test_run(backup, &out, &err);
		if (rc != 0)
			fail_msg("backup: exit %d: %s", rc, err);
		assert_contains(out, "backup written to");
		assert_contains(out, "schema version");
		free(out);
		free(err);
		struct stat sb;
		assert_int_equal(stat(out_path[i], &sb), 0);
		assert_int_equal(sb.st_mode & 0777, 0600);
		seen[i] = written_areas(out_path[i]);
		assert_int_equal(seen[i] % 2, 0);
	}
	test_undo(writing); /* stop_writer */
	int failures = atomic_load(&w->failures);
	free(w);
	assert_int_equal(failures, 0);
	assert_true(seen[0] >= 40);
	assert_true(seen[2] >= seen[0]);

	/* The copy is a database samskab serves. */
	test_server_stop(&s);
	snprintf(s.db, sizeof s.db, "%s", out_path[2]);
	test_server_start(&s, NULL);
	struct http_resp r;
	http_get(&s, "/healthz", &r);
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
	http_get(&s, "/organisations", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Assens Kommune");
	http_resp_free(&r);
	test_server_stop(&s);

	/* Never over an existing file; never from a missing database. */
	const char *again[] = { "backup", "--db", s.db, out_path[0], NULL };
	char *out, *err;
	assert_int_equal(test_run(again, &out, &err), 1);
	assert_contains(err, "already exists: choose a new name");
	free(out);
	free(err);
	char missing[320];
	snprintf(missing, sizeof missing, "%s/missing.db", s.dir);
	const char *none[] = { "backup", "--db", missing, out_path[0], NULL };
	assert_int_equal(test_run(none, &out, &err), 1);
	assert_contains(err, "cannot open SQLite database");
	free(out);
	free(err);
	struct stat sb;
	assert_int_not_equal(stat(missing, &sb), 0);
	const char *no_out[] = { "backup", "--db", s.db, NULL };
	assert_int_equal(test_run(no_out, &out, &err), 2);
	assert_contains(err, "usage: samskab backup OUT");
	free(out);
	free(err);
	test_db_drop(&s);
}

static void test_postgres_points_to_its_own_tools(void **state)
{
	(void)state;
	const char *pg = getenv("SAMSKAB_TEST_PG");
	const char *backup[] = { "backup", "--db", pg ? pg : "postgres://samskab@db.example/samskab",
				 "/tmp/never-written.db", NULL };
	char *out, *err;
	assert_int_equal(test_run(backup, &out, &err), 2);
	assert_contains(err, "pg_dump");
	assert_contains(err, "pg_basebackup");
	assert_contains(err, "docs/deploy.md");
	free(out);
	free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_backups_taken_while_writing_are_consistent_and_serve),
		TEST_CASE(test_postgres_points_to_its_own_tools),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
