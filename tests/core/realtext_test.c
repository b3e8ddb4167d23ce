/*
 * realtext_test.c: reals as text (src/core/realtext.c) are what printf's
 * "%.*g" writes, character for character, at every size and precision:
 * the ones a map holds, ties, powers of ten, nines that round up to the
 * next power, and values printf alone converts.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/realtext.h"

static void check_g(double v, int precision)
{
	char want[REALTEXT_MAX], got[REALTEXT_MAX];
	int n = snprintf(want, sizeof want, "%.*g", precision, v);
	int len = realtext_g(got, v, precision);
	if (strcmp(want, got) != 0 || len != n)
		fail_msg("%.17g at precision %d: printf \"%s\", realtext \"%s\" (%d)", v, precision, want,
			 got, len);
}

static void test_g_chosen(void **state)
{
	(void)state;
	/* Ties at the last digit (round to even, as printf), powers of ten
	 * and their neighbours, nines that carry into a new digit, the
	 * edges of the exact range and of %g's fixed and exponent forms,
	 * and what only snprintf converts (zero, infinities, NaN, huge and
	 * tiny values). */
	const double cases[] = { 0.5,	 0.125,	  0.375,    2.5,     1.5,      1e-4,	 1e-5,
				 1e-6,	 1e-7,	  9.5e-5,   1e16,    1e17,     9007199254740991.0,
				 9007199254740992.0,	    0.1,     0.2,      0.3,	 1.0 / 3,
				 2.0 / 3, 99999.5, 999999.5, 9.999999999999999e-5, 123456.0,
				 1e15,	 0.0,	  -0.0,	    INFINITY, -INFINITY, NAN,	 1e300,
				 -1e-300, 5e-324,  1.7976931348623157e308 };
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		for (int p = 1; p <= 17; p++) {
			check_g(cases[i], p);
			check_g(-cases[i], p);
			check_g(nextafter(cases[i], INFINITY), p);
			check_g(nextafter(cases[i], -INFINITY), p);
		}
	char t[REALTEXT_MAX];
	realtext_g(t, 0.1, 17);
	assert_string_equal(t, "0.10000000000000001");
	realtext_g(t, -3.7266590253998864, 17);
	assert_string_equal(t, "-3.7266590253998864");
	realtext_g(t, 0.125, 2);
	assert_string_equal(t, "0.12");
}

/* xorshift64*: the same values on every run. */
static uint64_t next_random(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

static void test_g_random(void **state)
{
	(void)state;
	uint64_t s = 88172645463325252ull;
	for (int i = 0; i < 300000; i++) {
		uint64_t r = next_random(&s);
		double v;
		if (i % 3 == 0) {
			/* Any bits: every exponent, sign and mantissa. */
			memcpy(&v, &r, sizeof v);
		} else {
			/* Positions on a map: a few units, and small ones. */
			v = ((double)(r >> 11) / 9007199254740992.0 - 0.5) * (i % 3 == 1 ? 20 : 2e-3);
		}
		check_g(v, 17);
		check_g(v, 10);
		check_g(v, 1 + (int)(r % 17));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_g_chosen),
		cmocka_unit_test(test_g_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
