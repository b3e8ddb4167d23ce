/*
 * opt_test.c: sub-command settings from flags and the environment
 * (src/core/opt.c): both flag forms, the environment as fallback, flags
 * over the environment, and error messages that name the flag and the
 * variable so an operator can fix a bad setting.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/opt.h"

/* The settings a test command fills, reset before each parse. */
static const char *db, *name;
static long workers;
static int verbose;

static const struct opt opts[] = {
	{ "db", "SAMSKAB_TEST_DB", OPT_STR, &db, 0, 0, "PATH", "database" },
	{ "workers", "SAMSKAB_TEST_WORKERS", OPT_INT, &workers, 1, 64, "N", "worker threads" },
	{ "verbose", "SAMSKAB_TEST_VERBOSE", OPT_FLAG, &verbose, 0, 0, NULL, "say more" },
	{ "name", NULL, OPT_STR, &name, 0, 0, "NAME", "a name without a variable" },
};
static const struct opt_cmd cmd = { "try", "[FILE] [options]", "A command for the tests.", opts, 4, 0, 1 };
static const struct opt_cmd cmd_args = { "pair", "A [B] [options]", "Needs one or two.", opts, 4, 1, 2 };

static char out_text[8192], err_text[8192];
static char *args[8];
static int nargs;

static void slurp(int fd, char *dst, size_t len)
{
	lseek(fd, 0, SEEK_SET);
	ssize_t n = read(fd, dst, len - 1);
	dst[n > 0 ? n : 0] = '\0';
}

/* Parses "try" followed by the NULL-terminated arguments; stdout and
 * stderr of the parse land in out_text and err_text. */
static int parse(const struct opt_cmd *c, ...)
{
	char *argv[16] = { (char *)c->name };
	int argc = 1;
	va_list ap;
	va_start(ap, c);
	for (char *a; (a = va_arg(ap, char *)) != NULL && argc < 15;)
		argv[argc++] = a;
	va_end(ap);

	db = "default.db";
	name = NULL;
	workers = 4;
	verbose = 0;
	fflush(stdout);
	fflush(stderr);
	FILE *o = tmpfile(), *e = tmpfile();
	assert_non_null(o);
	assert_non_null(e);
	int saved_out = dup(1), saved_err = dup(2);
	dup2(fileno(o), 1);
	dup2(fileno(e), 2);
	int rc = opt_parse(c, argc, argv, args, &nargs);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
	slurp(fileno(o), out_text, sizeof out_text);
	slurp(fileno(e), err_text, sizeof err_text);
	fclose(o);
	fclose(e);
	return rc;
}

#define assert_contains(hay, needle)                                                   \
	do {                                                                           \
		if (strstr((hay), (needle)) == NULL)                                   \
			fail_msg("expected \"%s\" in \"%s\"", (needle), (hay));       \
	} while (0)

static int setup(void **state)
{
	(void)state;
	unsetenv("SAMSKAB_TEST_DB");
	unsetenv("SAMSKAB_TEST_WORKERS");
	unsetenv("SAMSKAB_TEST_VERBOSE");
	return 0;
}

static void test_defaults_stay_without_flags_or_environment(void **state)
{
	(void)state;
	assert_int_equal(parse(&cmd, NULL), 0);
	assert_string_equal(db, "default.db");
	assert_int_equal(workers, 4);
	assert_int_equal(verbose, 0);
	assert_int_equal(nargs, 0);
	assert_string_equal(err_text, "");
}

static void test_both_flag_forms_set_values(void **state)
{
	(void)state;
	assert_int_equal(parse(&cmd, "--db", "a.db", "--workers", "8", NULL), 0);
	assert_string_equal(db, "a.db");
	assert_int_equal(workers, 8);
	assert_int_equal(parse(&cmd, "--db=b.db", "--workers=16", NULL), 0);
	assert_string_equal(db, "b.db");
	assert_int_equal(workers, 16);
	/* Only the first '=' separates: the value may contain more. */
	assert_int_equal(parse(&cmd, "--db=postgres://u@h/db?x=y", NULL), 0);
	assert_string_equal(db, "postgres://u@h/db?x=y");
	/* The last one given wins. */
	assert_int_equal(parse(&cmd, "--workers=2", "--workers", "3", NULL), 0);
	assert_int_equal(workers, 3);
}

static void test_flags_without_and_with_values(void **state)
{
	(void)state;
	assert_int_equal(parse(&cmd, "--verbose", NULL), 0);
	assert_int_equal(verbose, 1);
	assert_int_equal(parse(&cmd, "--verbose=0", NULL), 0);
	assert_int_equal(verbose, 0);
	assert_int_equal(parse(&cmd, "--verbose=yes", NULL), 0);
	assert_int_equal(verbose, 1);
	/* A bare flag does not swallow the next argument. */
	assert_int_equal(parse(&cmd, "--verbose", "file.txt", NULL), 0);
	assert_int_equal(verbose, 1);
	assert_int_equal(nargs, 1);
	assert_string_equal(args[0], "file.txt");
	assert_int_equal(parse(&cmd, "--verbose=maybe", NULL), 2);
	assert_contains(err_text, "--verbose");
	assert_contains(err_text, "SAMSKAB_TEST_VERBOSE");
	assert_contains(err_text, "'maybe'");
}

static void test_environment_is_the_fallback(void **state)
{
	(void)state;
	setenv("SAMSKAB_TEST_DB", "env.db", 1);
	setenv("SAMSKAB_TEST_WORKERS", "12", 1);
	setenv("SAMSKAB_TEST_VERBOSE", "1", 1);
	assert_int_equal(parse(&cmd, NULL), 0);
	assert_string_equal(db, "env.db");
	assert_int_equal(workers, 12);
	assert_int_equal(verbose, 1);
	/* An empty variable counts as unset. */
	setenv("SAMSKAB_TEST_DB", "", 1);
	assert_int_equal(parse(&cmd, NULL), 0);
	assert_string_equal(db, "default.db");
	setup(NULL);
}

static void test_flag_beats_environment(void **state)
{
	(void)state;
	setenv("SAMSKAB_TEST_DB", "env.db", 1);
	setenv("SAMSKAB_TEST_WORKERS", "12", 1);
	setenv("SAMSKAB_TEST_VERBOSE", "1", 1);
	assert_int_equal(parse(&cmd, "--db", "flag.db", "--workers=2", "--verbose=0", NULL), 0);
	assert_string_equal(db, "flag.db");
	assert_int_equal(workers, 2);
	assert_int_equal(verbose, 0);
	setup(NULL);
}

static void test_bad_int_is_refused_naming_flag_and_variable(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"--workers=abc", "--workers=0", "--workers=65", "--workers=8x", "--workers=",
		"--workers=99999999999999999999", "--workers=-3", "--workers=5.0",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (parse(&cmd, bad[i], NULL) != 2)
			fail_msg("%s was accepted", bad[i]);
		assert_contains(err_text, "samskab try: invalid --workers (SAMSKAB_TEST_WORKERS) value '");
		assert_contains(err_text, "from 1 to 64");
		assert_contains(err_text, bad[i] + strlen("--workers="));
	}
	/* The bounds themselves are fine. */
	assert_int_equal(parse(&cmd, "--workers=1", NULL), 0);
	assert_int_equal(parse(&cmd, "--workers=64", NULL), 0);
	assert_int_equal(workers, 64);
}

static void test_bad_environment_value_is_refused_naming_it(void **state)
{
	(void)state;
	setenv("SAMSKAB_TEST_WORKERS", "lots", 1);
	assert_int_equal(parse(&cmd, NULL), 2);
	assert_contains(err_text, "--workers (SAMSKAB_TEST_WORKERS) value 'lots'");
	setup(NULL);
}

static void test_empty_string_value_is_refused(void **state)
{
	(void)state;
	assert_int_equal(parse(&cmd, "--db=", NULL), 2);
	assert_contains(err_text, "--db (SAMSKAB_TEST_DB)");
	assert_contains(err_text, "must not be empty");
	/* Without a variable the message has none to name. */
	assert_int_equal(parse(&cmd, "--name", "", NULL), 2);
	assert_contains(err_text, "invalid --name value ''");
	assert_null(strstr(err_text, "(null)"));
}

static void test_unknown_option_is_refused(void **state)
{
	(void)state;
	assert_int_equal(parse(&cmd, "--nope", NULL), 2);
	assert_contains(err_text, "unknown option '--nope'");
	assert_int_equal(parse(&cmd, "--nope=3", NULL), 2);
	assert_contains(err_text, "unknown option '--nope'");
	assert_null(strstr(err_text, "=3"));
	/* A prefix of a known option is not that option. */
	assert_int_equal(parse(&cmd, "--work=3", NULL), 2);
	assert_int_equal(parse(&cmd, "--dbx", "a", NULL), 2);
	assert_int_equal(parse(&cmd, "--", NULL), 2);
}

static void test_missing_value_is_refused(void **state)
{
	(void)state;
	assert_int_equal(parse(&cmd, "--db", NULL), 2);
	assert_contains(err_text, "--db needs a value");
	assert_int_equal(parse(&cmd, "--workers", NULL), 2);
	assert_contains(err_text, "--workers needs a value");
}

static void test_positional_arguments_within_limits(void **state)
{
	(void)state;
	assert_int_equal(parse(&cmd, "one", "--workers", "5", NULL), 0);
	assert_int_equal(nargs, 1);
	assert_string_equal(args[0], "one");
	assert_int_equal(workers, 5);
	assert_int_equal(parse(&cmd, "one", "two", NULL), 2);
	assert_contains(err_text, "unexpected argument 'two'");

	assert_int_equal(parse(&cmd_args, NULL), 2);
	assert_contains(err_text, "usage: samskab pair A [B] [options]");
	assert_int_equal(parse(&cmd_args, "a", NULL), 0);
	assert_int_equal(parse(&cmd_args, "a", "--verbose", "b", NULL), 0);
	assert_int_equal(nargs, 2);
	assert_string_equal(args[0], "a");
	assert_string_equal(args[1], "b");
	assert_int_equal(verbose, 1);
	assert_int_equal(parse(&cmd_args, "a", "b", "c", NULL), 2);
	assert_contains(err_text, "unexpected argument 'c'");
}

static void test_help_returns_1_and_lists_options(void **state)
{
	(void)state;
	assert_int_equal(parse(&cmd, "--help", NULL), 1);
	assert_contains(out_text, "usage: samskab try [FILE] [options]");
	assert_contains(out_text, "A command for the tests.");
	assert_contains(out_text, "--db PATH");
	assert_contains(out_text, "(default: default.db)");
	assert_contains(out_text, "[env SAMSKAB_TEST_DB]");
	assert_contains(out_text, "--workers N");
	assert_contains(out_text, "(default: 4)");
	assert_contains(out_text, "--verbose");
	assert_contains(out_text, "--help");
	assert_string_equal(err_text, "");
	assert_int_equal(parse(&cmd, "-h", NULL), 1);
	/* Help wins over errors that come after it. */
	assert_int_equal(parse(&cmd, "--help", "--nope", NULL), 1);
}

static void test_opt_fail_names_flag_and_variable(void **state)
{
	(void)state;
	fflush(stderr);
	FILE *e = tmpfile();
	int saved = dup(2);
	dup2(fileno(e), 2);
	int rc = opt_fail(&cmd, "db", "/nowhere", "cannot open");
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	slurp(fileno(e), err_text, sizeof err_text);
	fclose(e);
	assert_int_equal(rc, 2);
	assert_string_equal(err_text,
			    "samskab try: invalid --db (SAMSKAB_TEST_DB) value '/nowhere': cannot open\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_defaults_stay_without_flags_or_environment, setup),
		cmocka_unit_test_setup(test_both_flag_forms_set_values, setup),
		cmocka_unit_test_setup(test_flags_without_and_with_values, setup),
		cmocka_unit_test_setup(test_environment_is_the_fallback, setup),
		cmocka_unit_test_setup(test_flag_beats_environment, setup),
		cmocka_unit_test_setup(test_bad_int_is_refused_naming_flag_and_variable, setup),
		cmocka_unit_test_setup(test_bad_environment_value_is_refused_naming_it, setup),
		cmocka_unit_test_setup(test_empty_string_value_is_refused, setup),
		cmocka_unit_test_setup(test_unknown_option_is_refused, setup),
		cmocka_unit_test_setup(test_missing_value_is_refused, setup),
		cmocka_unit_test_setup(test_positional_arguments_within_limits, setup),
		cmocka_unit_test_setup(test_help_returns_1_and_lists_options, setup),
		cmocka_unit_test_setup(test_opt_fail_names_flag_and_variable, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
