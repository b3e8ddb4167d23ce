/*
 * match_cli_test.c: `samskab match INSTANCE.json` as a user meets it: a
 * solved instance printed in the documented form (docs/match.md), from a
 * file and from standard input; every bad instance (not JSON, unknown
 * index, negative capacity, duplicate pair, missing or unknown member,
 * wrong types) refused with exit status 2 and a message naming what is
 * wrong, and nothing on standard output.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support/support.h"

static char dir[] = "/tmp/samskab-match-XXXXXX";

static const char *instance(const char *name, const char *json)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(json, f);
	assert_int_equal(fclose(f), 0);
	return path;
}

static void run(const char *path, int status, const char *out_is, const char *err_has)
{
	const char *args[] = { "match", path, NULL };
	char *out, *err;
	int rc = test_run(args, &out, &err);
	if (rc != status)
		fail_msg("samskab match %s: exit %d, expected %d\nstdout: %s\nstderr: %s", path, rc,
			 status, out, err);
	if (out_is)
		assert_string_equal(out, out_is);
	else
		assert_string_equal(out, "");
	if (err_has)
		assert_contains(err, err_has);
	free(out);
	free(err);
}

static void test_solves(void **state)
{
	(void)state;
	/* Newcomer 1 would score most with guide 0, but then newcomer 0
	 * stays alone: both are matched, 0 with guide 0, 1 with guide 1. */
	const char *p = instance("two.json", "{\"newcomers\": 3, \"capacity\": [1, 1, 0],\n"
					     " \"pairs\": [[0, 0, 5], [1, 0, 10], [1, 1, 2], [2, 2, 9]]}");
	run(p, 0, "{\"matched\": 2, \"total\": 7, \"pairs\": [[0, 0], [1, 1]]}\n", NULL);
	/* Nothing to match. */
	p = instance("empty.json", "{\"newcomers\": 0, \"capacity\": [], \"pairs\": []}");
	run(p, 0, "{\"matched\": 0, \"total\": 0, \"pairs\": []}\n", NULL);

	/* Standard input. */
	char cmd[512];
	snprintf(cmd, sizeof cmd, "%s match - < %s/two.json", test_bin(), dir);
	FILE *f = popen(cmd, "r");
	assert_non_null(f);
	char line[256] = "";
	assert_non_null(fgets(line, sizeof line, f));
	assert_int_equal(pclose(f), 0);
	assert_string_equal(line, "{\"matched\": 2, \"total\": 7, \"pairs\": [[0, 0], [1, 1]]}\n");
}

static void test_bad_instances(void **state)
{
	(void)state;
	static const struct {
		const char *json, *says;
	} bad[] = {
		{ "{\"newcomers\": 2, \"capacity\": [1], \"pairs\": [[0, 0, 1],]}", "not JSON: line 1" },
		{ "", "not JSON" },
		{ "{\"newcomers\": 2, \"capacity\": [1], \"pairs\": [[2, 0, 1]]}",
		  "pairs[0]: newcomer 2 is unknown (there are 2: 0 to 1)" },
		{ "{\"newcomers\": 2, \"capacity\": [1], \"pairs\": [[0, 0, 1], [1, 3, 1]]}",
		  "pairs[1]: guide 3 is unknown (capacity lists 1: 0 to 0)" },
		{ "{\"newcomers\": 2, \"capacity\": [1, -2], \"pairs\": []}",
		  "capacity[1] is -2: a capacity cannot be negative" },
		{ "{\"newcomers\": 2, \"capacity\": [1], \"pairs\": [[0, 0, 1], [1, 0, 1], [0, 0, 4]]}",
		  "pairs 0 and 2 both pair newcomer 0 with guide 0" },
		{ "{\"newcomers\": 2, \"capacity\": [1]}", "member \"pairs\" is missing" },
		{ "{\"newcomers\": 2, \"capacity\": [1], \"pairs\": [], \"weights\": 1}",
		  "unknown member \"weights\"" },
		{ "{\"newcomers\": 2, \"newcomers\": 3, \"capacity\": [1], \"pairs\": []}",
		  "duplicate object key" },
		{ "{\"newcomers\": -1, \"capacity\": [1], \"pairs\": []}",
		  "newcomers is -1, not between 0 and" },
		{ "{\"newcomers\": 2, \"capacity\": [1.5], \"pairs\": []}",
		  "capacity[0] must be an integer" },
		{ "{\"newcomers\": 2, \"capacity\": [1], \"pairs\": [[0, 0]]}",
		  "pairs[0] must be [newcomer, guide, score]" },
		{ "{\"newcomers\": 2, \"capacity\": [1], \"pairs\": [[0, 0, \"high\"]]}",
		  "pairs[0]: the score must be an integer" },
		{ "{\"newcomers\": 2, \"capacity\": [1], \"pairs\": [[0, 0, 10000000000]]}",
		  "pairs[0]: the score is 10000000000, not between -1000000000 and 1000000000" },
		{ "[1, 2]", "must be a JSON object" },
	};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		char name[32];
		snprintf(name, sizeof name, "bad%zu.json", k);
		run(instance(name, bad[k].json), 2, NULL, bad[k].says);
	}
	char missing[300];
	snprintf(missing, sizeof missing, "%s/absent.json", dir);
	run(missing, 2, NULL, "cannot read");
	const char *none[] = { "match", NULL };
	char *out, *err;
	assert_int_equal(test_run(none, &out, &err), 2);
	free(out);
	free(err);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_solves),
		cmocka_unit_test(test_bad_instances),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
