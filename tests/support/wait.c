/*
 * wait.c: waiting on a condition with a deadline (see wait.h). The pause
 * between two checks is the only sleep the tests have.
 */
#include "support/wait.h"

#include <stdio.h>
#include <time.h>

int64_t test_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int test_poll(test_cond_fn *cond, void *arg, int deadline_ms)
{
	int64_t end = test_ms() + deadline_ms;
	long pause_us = 1000;
	for (;;) {
		if (cond(arg))
			return 1;
		int64_t left_ms = end - test_ms();
		if (left_ms <= 0)
			return cond(arg) ? 1 : 0;
		long us = pause_us < left_ms * 1000 ? pause_us : (long)left_ms * 1000;
		struct timespec p = { us / 1000000, (us % 1000000) * 1000 };
		nanosleep(&p, NULL);
		if (pause_us < 50000)
			pause_us *= 2;
	}
}

void test_wait_until_at(test_cond_fn *cond, void *arg, int deadline_ms, const char *what,
			const char *file, int line)
{
	if (test_poll(cond, arg, deadline_ms))
		return;
	fprintf(stderr, "%s:%d: waited %d ms for %s\n", file, line, deadline_ms, what);
	_fail(file, line);
}
