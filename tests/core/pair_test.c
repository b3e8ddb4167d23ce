/*
 * pair_test.c: a job in two halves (src/core/pair.c): both halves run,
 * each on its own argument, whether on a second thread or one after the
 * other, and the second on a thread of its own when asked.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/pair.h"

struct half {
	int from, to;
	long sum;
	pthread_t ran_on;
};

static void *add_up(void *arg)
{
	struct half *h = arg;
	for (int i = h->from; i < h->to; i++)
		h->sum += i;
	h->ran_on = pthread_self();
	return NULL;
}

static void test_both_halves(void **state)
{
	(void)state;
	for (int threaded = 0; threaded < 2; threaded++) {
		struct half a = { 0, 500, 0, 0 }, b = { 500, 1000, 0, 0 };
		pair_run(add_up, &a, add_up, &b, threaded);
		assert_int_equal(a.sum + b.sum, 999L * 1000 / 2);
		assert_true(pthread_equal(a.ran_on, pthread_self()));
		assert_int_equal(pthread_equal(b.ran_on, pthread_self()) != 0, !threaded);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_both_halves),
	};
	return cmocka_run_group_tests_name("core/pair", tests, NULL, NULL);
}
