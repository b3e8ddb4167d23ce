/*
 * associations_cli_test.c: `samskab associations import FILE` and
 * `samskab associations export [FILE]` on the demo database (SQLite, or
 * PostgreSQL when the suite runs there): a 500-row list loaded in one go,
 * exported and loaded back changing nothing; a file with bad rows refused
 * with FILE:LINE: column C: what for each, nothing kept; a missing file
 * and bad usage said plainly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "support/support.h"

static struct test_server srv;
static char dir[128];

static const char *write_file(const char *name, const char *text, size_t len)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

static int run(const char *verb, const char *path, char **out, char **err)
{
	const char *args[] = { "associations", verb, path, "--db", srv.db, "--log-level", "warn", NULL };
	if (path == NULL) {
		args[2] = "--db";
		args[3] = srv.db;
		args[4] = NULL;
	}
	return test_run(args, out, err);
}

static int setup(void **state)
{
	(void)state;
	test_db_create(&srv, 1);
	test_tmpdir(dir, sizeof dir, "assoc");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_db_drop(&srv);
	return 0;
}

static void test_500_rows_in_and_out(void **state)
{
	(void)state;
	int64_t before = test_sql_int(&srv, "SELECT COUNT(*) FROM association");
	struct buf b = BUF_INIT(4 << 20);
	buf_puts(&b, "name,area,category,languages,fee_kr,fritidspas,age_min,meetings\r\n");
	for (int i = 0; i < 500; i++)
		buf_printf(&b, "Forening %03d,%s,%s,da%s,%d,%s,%d,\"%s 1%d:00-1%d:45 | Hallen, sal %d\"\r\n", i,
			   i % 2 ? "Haarby" : "Glamsbjerg", i % 3 ? "sport" : "social", i % 4 ? "" : " ar uk",
			   10 * i, i % 2 ? "ja" : "nej", i % 15,
			   (const char *[]){ "man", "tir", "ons", "tor", "fre", "lør", "søn" }[i % 7], i % 8, i % 8,
			   i);
	const char *file = write_file("500.csv", buf_str(&b), b.len);
	buf_free(&b);
	char *out, *err;
	int rc = run("import", file, &out, &err);
	if (rc != 0)
		fail_msg("import: %d\n%s", rc, err);
	assert_string_equal(out, "500 rows: 500 associations created, 0 updated\n");
	free(out);
	free(err);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM association"), before + 500);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM association_meeting m JOIN organisation o ON "
					    "o.id = m.organisation_id WHERE o.name LIKE 'Forening %' AND m.weekday = 6"),
			 71);

	/* Out to a file and to standard output alike; back in: all updated. */
	char exported[256];
	snprintf(exported, sizeof exported, "%s/export.csv", dir);
	assert_int_equal(run("export", exported, &out, &err), 0);
	free(out);
	free(err);
	char *stdout_copy;
	assert_int_equal(run("export", NULL, &stdout_copy, &err), 0);
	free(err);
	FILE *f = fopen(exported, "rb");
	assert_non_null(f);
	char *text = calloc(1, 4 << 20);
	size_t len = fread(text, 1, (4 << 20) - 1, f);
	fclose(f);
	assert_int_equal(len, strlen(stdout_copy));
	assert_string_equal(text, stdout_copy);
	assert_non_null(strstr(text, "Forening 004,Glamsbjerg,sport,da ar uk,40,year,no,4,,no,,,,,,da,"
				     "\"fri 14:00-14:45 | Hallen, sal 4\"\n"));
	/* The demo's contact persons are in the export (it is staff's). */
	assert_non_null(strstr(text, "Haarby Boldklub,Haarby,sport,da en ar,450,half_year,yes,4,16,yes,Lise Holm,"));
	free(stdout_copy);
	free(text);
	rc = run("import", exported, &out, &err);
	if (rc != 0)
		fail_msg("import back: %d\n%s", rc, err);
	assert_non_null(strstr(out, "associations created"));
	assert_non_null(strstr(out, " 0 associations created"));
	free(out);
	free(err);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM association"), before + 500);
}

static void test_bad_rows_refused(void **state)
{
	(void)state;
	int64_t before = test_sql_int(&srv, "SELECT COUNT(*) FROM organisation");
	const char csv[] = "name,area,fee_kr,meetings\n"
			   "Ny klub,Haarby,0,tue 17:00-18:00\n"
			   "Anden klub,Haarby,mange,\n"
			   "Tredje klub,Atlantis,,\n"
			   "Fjerde klub,Haarby,,\"every day\"\n";
	const char *file = write_file("bad.csv", csv, sizeof csv - 1);
	char *out, *err;
	assert_int_equal(run("import", file, &out, &err), 1);
	assert_string_equal(out, "");
	char want[512];
	snprintf(want, sizeof want,
		 "%s:3: column fee_kr: Write the fee in whole kroner from 0 to 100,000, or leave the field "
		 "empty. (\"mange\")\n",
		 file);
	assert_non_null(strstr(err, want));
	snprintf(want, sizeof want, "%s:4: column area: There is no local area of that name. (\"Atlantis\")\n", file);
	assert_non_null(strstr(err, want));
	snprintf(want, sizeof want, "%s:5: column meetings: ", file);
	assert_non_null(strstr(err, want));
	assert_non_null(strstr(err, "nothing was imported"));
	free(out);
	free(err);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM organisation"), before);

	assert_int_equal(run("import", "/nonexistent/file.csv", &out, &err), 1);
	assert_non_null(strstr(err, "/nonexistent/file.csv: No such file or directory"));
	free(out);
	free(err);
	const char *args[] = { "associations", "delete", "--db", srv.db, NULL };
	assert_int_equal(test_run(args, &out, &err), 2);
	assert_non_null(strstr(err, "usage: samskab associations"));
	free(out);
	free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_500_rows_in_and_out),
		TEST_CASE(test_bad_rows_refused),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
