/*
 * wait.h: waiting for what another thread or process does in its own
 * time (a server's log line, a background job's row, a replica catching
 * up), on the condition itself and with a deadline, never by sleeping a
 * fixed time and hoping. test_wait_until checks the condition, then again
 * after a pause that starts at 1 ms and doubles up to 50 ms, until it
 * holds; past the deadline it fails the test and says what it waited for.
 *
 * Deadlines only matter when something is broken: make them generous
 * (TEST_DEADLINE_MS), so a loaded machine or a sanitized build is never
 * mistaken for a failure.
 */
#ifndef SAMSKAB_TESTS_WAIT_H
#define SAMSKAB_TESTS_WAIT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

/* The usual deadline for something that normally takes milliseconds. */
#define TEST_DEADLINE_MS 30000

/* Non-zero when the awaited condition holds. */
typedef int test_cond_fn(void *arg);

/* 1 when cond(arg) held within deadline_ms, 0 when it still did not. */
int test_poll(test_cond_fn *cond, void *arg, int deadline_ms);

/* test_poll, failing the test at the caller's line on timeout with
 * "waited N ms for WHAT". */
#define test_wait_until(cond, arg, deadline_ms, what) \
	test_wait_until_at((cond), (arg), (deadline_ms), (what), __FILE__, __LINE__)
void test_wait_until_at(test_cond_fn *cond, void *arg, int deadline_ms, const char *what,
			const char *file, int line);

/* Milliseconds on the monotonic clock. */
int64_t test_ms(void);

#endif
