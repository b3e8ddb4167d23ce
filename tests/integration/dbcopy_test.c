/*
 * dbcopy_test.c: `samskab db-copy` as an operator uses it: the demo
 * installation from SQLite to PostgreSQL (with SAMSKAB_TEST_PG; else to
 * another SQLite file) and back, each leg verified, the copy served with
 * the same answers and new rows numbered after the copied ones; and the
 * refusals: a missing or unmigrated FROM, the same database twice, a TO
 * with rows, a copy that does not verify (TO keeps nothing).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "support/support.h"

/* Runs samskab; fails unless it exits with status. The caller frees. */
static void run(const char *const *args, int status, char **out, char **err)
{
	int rc = test_run(args, out, err);
	if (rc != status)
		fail_msg("samskab %s: exit %d, expected %d\nstdout: %s\nstderr: %s", args[0], rc,
			 status, *out, *err);
}

/* The lines of a db-copy report from the header to the summary. */
static char *report_table(const char *out)
{
	const char *end = strstr(out, "copied ");
	assert_non_null(end);
	return strndup(out, (size_t)(end - out));
}

static void test_demo_there_and_back(void **state)
{
	(void)state;
	struct test_server src, mid, back;
	test_db_create(&mid, 0); /* PostgreSQL with SAMSKAB_TEST_PG, migrated and empty */
	memset(&src, 0, sizeof src);
	memcpy(src.dir, mid.dir, sizeof src.dir);
	snprintf(src.log, sizeof src.log, "%s/src.log", mid.dir);
	snprintf(src.db, sizeof src.db, "%s/source.db", mid.dir);
	back = src;
	snprintf(back.db, sizeof back.db, "%s/back.db", mid.dir);
	snprintf(back.log, sizeof back.log, "%s/back.log", mid.dir);
	const char *demo[] = { "demo", "--db", src.db, "--log-level", "warn", NULL };
	char *out, *err;
	run(demo, 0, &out, &err);
	free(out);
	free(err);

	const char *to_mid[] = { "db-copy", src.db, mid.db, "--log-level", "warn", NULL };
	char *out1, *out2;
	run(to_mid, 0, &out1, &err);
	free(err);
	int pg = getenv("SAMSKAB_TEST_PG") != NULL;
	char want[128];
	snprintf(want, sizeof want, "tables from SQLite to %s; row counts and digests agree",
		 pg ? "PostgreSQL" : "SQLite");
	assert_contains(out1, want);
	assert_contains(out1, "organisation ");
	const char *to_back[] = { "db-copy", mid.db, back.db, "--log-level", "warn", NULL };
	run(to_back, 0, &out2, &err);
	free(err);
	/* Both legs saw the same rows: the same counts and digests. */
	char *t1 = report_table(out1), *t2 = report_table(out2);
	assert_string_equal(t1, t2);
	free(t1);
	free(t2);
	free(out1);
	free(out2);

	/* The copy answers as the original does. */
	struct http_resp a, b;
	test_server_start(&src, NULL);
	http_get(&src, "/api/v1/organisations?per_page=100", &a);
	test_server_stop(&src);
	test_server_start(&mid, NULL);
	http_get(&mid, "/api/v1/organisations?per_page=100", &b);
	assert_int_equal(a.status, 200);
	assert_int_equal(b.status, 200);
	assert_string_equal(a.body, b.body);
	http_resp_free(&a);
	http_resp_free(&b);
	test_server_stop(&mid);

	/* New rows are numbered after the copied ones. */
	char e[256];
	struct store *db = store_open(mid.db, NULL, e, sizeof e);
	assert_non_null(db);
	assert_int_equal(store_exec(db, "INSERT INTO area (name, name_key, created_at, updated_at) "
					"VALUES ('Helnæs', 'helnæs', 0, 0)"),
			 STORE_OK);
	struct store_stmt *st =
		store_prepare_text(db, "SELECT (SELECT id FROM area WHERE name = 'Helnæs') - "
				       "(SELECT MAX(id) FROM area WHERE name <> 'Helnæs')");
	assert_int_equal(store_step(st), STORE_ROW);
	assert_int_equal(store_col_int(st, 0), 1);
	store_finalize(st);
	store_close(db);
	test_db_drop(&mid);
}

static void test_refusals_say_why(void **state)
{
	(void)state;
	char dir[] = "/tmp/samskab-dbcopy-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char a[128], b[128], empty[128];
	snprintf(a, sizeof a, "%s/a.db", dir);
	snprintf(b, sizeof b, "%s/b.db", dir);
	snprintf(empty, sizeof empty, "%s/empty.db", dir);
	char *out, *err;
	const struct {
		const char *args[8];
		int status;
		const char *err;
	} cases[] = {
		{ { "db-copy", a, NULL }, 2, "usage: samskab db-copy FROM TO" },
		{ { "db-copy", a, b, NULL }, 1, "cannot open SQLite database" },
		{ { "db-copy", a, a, NULL }, 2, "FROM and TO are the same database" },
		{ { "demo", "--db", a, "--log-level", "warn", NULL }, 0, "" },
		{ { "db-copy", a, b, "--log-level", "warn", NULL }, 0, "" },
		{ { "db-copy", a, b, NULL }, 1, "TO is not empty: table area has rows" },
		{ { "db-copy", a, b, "--sync", "maybe", NULL }, 2, "invalid --sync (SAMSKAB_SYNC)" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		run(cases[i].args, cases[i].status, &out, &err);
		assert_contains(err, cases[i].err);
		free(out);
		free(err);
	}
	/* A FROM without samskab's schema. */
	char e[256];
	struct store *db = store_open(empty, NULL, e, sizeof e);
	assert_int_equal(store_exec(db, "CREATE TABLE x (id INTEGER PRIMARY KEY)"), STORE_OK);
	store_close(db);
	const char *unmigrated[] = { "db-copy", empty, b, NULL };
	run(unmigrated, 1, &out, &err);
	assert_contains(err, "samskab db-copy: FROM: the database has no samskab schema");
	free(out);
	free(err);
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* A TO that changes rows as they arrive: the copy does not verify, the
 * report marks the table, and TO keeps nothing. */
static void test_a_copy_that_does_not_verify_keeps_nothing(void **state)
{
	(void)state;
	struct test_server src, to;
	test_db_create(&src, 1);
	test_db_create(&to, 0);
	char e[256];
	struct store *db = store_open(to.db, NULL, e, sizeof e);
	assert_non_null(db);
	assert_int_equal(
		store_exec(db, store_dialect(db) == STORE_POSTGRES
				       ? "CREATE FUNCTION mangle() RETURNS trigger LANGUAGE plpgsql AS "
					 "$$ BEGIN NEW.description := 'x'; RETURN NEW; END $$;"
					 "CREATE TRIGGER mangle BEFORE INSERT ON theme FOR EACH ROW "
					 "EXECUTE FUNCTION mangle()"
				       : "CREATE TRIGGER mangle AFTER INSERT ON theme BEGIN UPDATE "
					 "theme SET description = 'x' WHERE id = NEW.id; END"),
		STORE_OK);
	const char *copy[] = { "db-copy", src.db, to.db, "--log-level", "warn", NULL };
	char *out, *err;
	run(copy, 1, &out, &err);
	assert_contains(out, "DIFFERS");
	assert_contains(err, "table theme differs after copying; nothing was kept");
	free(out);
	free(err);
	struct store_stmt *st = store_prepare_text(db, "SELECT (SELECT COUNT(*) FROM area) + "
						       "(SELECT COUNT(*) FROM theme)");
	assert_int_equal(store_step(st), STORE_ROW);
	assert_int_equal(store_col_int(st, 0), 0);
	store_finalize(st);
	store_close(db);
	test_db_drop(&src);
	test_db_drop(&to);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_demo_there_and_back),
		TEST_CASE(test_refusals_say_why),
		TEST_CASE(test_a_copy_that_does_not_verify_keeps_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
