/*
 * fixture.c: a cmocka test program that goes wrong the way its name says,
 * for check_test.sh, which builds it with AddressSanitizer and UBSan and
 * runs it under several names. Not a test of samskab (its name does not
 * end in _test.c, so the Makefile leaves it alone).
 *
 *   clean           three tests pass
 *   leaky           the second test leaks 64 bytes (LeakSanitizer at exit)
 *   killed          the second of three is killed by SIGKILL
 *   silent_exit     exit(1) in the second test, without a word
 *   bad_status      three tests pass, then main returns 1
 *   short_plan      prints the plan 1..3 and two results
 *   no_plan         prints nothing and exits 0
 *   use_after_free  the second test writes to freed memory
 *   overflow        the second test overflows an int (UBSan, recoverable:
 *                   the program goes on and exits 0)
 *   teardown        the group's tear-down fails (cmocka prints "not ok 0"
 *                   and exits 0)
 *   skip_missing    the second test skips: "missing: ..."
 *   skip_other      the second test skips: "not applicable: ..."
 *   orphan          the second test starts `sleep 300` and leaves it;
 *                   its pid goes to $FIXTURE_PIDFILE
 *   hang            the second test writes its pid to $FIXTURE_PIDFILE
 *                   (when set) and sleeps 300 s
 */
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support/skip.h"

static const char *mode;

static int is(const char *m)
{
	return strcmp(mode, m) == 0;
}

static void first(void **state)
{
	(void)state;
}

static void second(void **state)
{
	(void)state;
	if (is("leaky")) {
		char *volatile p = malloc(64);
		p[0] = 1;
		p = NULL;
	} else if (is("killed")) {
		raise(SIGKILL);
	} else if (is("silent_exit")) {
		exit(1);
	} else if (is("use_after_free")) {
		char *volatile p = malloc(8);
		free(p);
		p[0] = 1;
	} else if (is("overflow")) {
		volatile int n = INT_MAX;
		n = n + 1;
		assert_true(n != 0);
	} else if (is("skip_missing")) {
		test_skip("missing: the fixture's data");
	} else if (is("skip_other")) {
		test_skip("not applicable: the fixture's engine");
	} else if (is("orphan")) {
		pid_t pid = fork();
		if (pid == 0) {
			execlp("sleep", "sleep", "300", (char *)NULL);
			_exit(127);
		}
		FILE *f = fopen(getenv("FIXTURE_PIDFILE"), "w");
		assert_non_null(f);
		fprintf(f, "%ld\n", (long)pid);
		fclose(f);
	} else if (is("hang")) {
		const char *pidfile = getenv("FIXTURE_PIDFILE");
		FILE *f = pidfile ? fopen(pidfile, "w") : NULL;
		if (f) {
			fprintf(f, "%ld\n", (long)getpid());
			fclose(f);
		}
		sleep(300);
	}
}

static int teardown(void **state)
{
	(void)state;
	return is("teardown") ? -1 : 0;
}

int main(int argc, char **argv)
{
	(void)argc;
	mode = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	if (is("short_plan")) {
		printf("1..3\nok 1 - first\nok 2 - second\n");
		return 0;
	}
	if (is("no_plan"))
		return 0;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(first),
		cmocka_unit_test(second),
		cmocka_unit_test(first),
	};
	int failed = cmocka_run_group_tests(tests, NULL, teardown);
	return is("bad_status") ? 1 : failed;
}
