/*
 * near.h: assert_near(a, b, eps) for the opinion tests: cmocka 1.1.5 has no
 * double comparison (its assert_float_equal rounds to float).
 */
#ifndef SAMSKAB_TESTS_OPINION_NEAR_H
#define SAMSKAB_TESTS_OPINION_NEAR_H

#include <math.h>

#define assert_near(a, b, eps) near_check((a), (b), (eps), #a, __FILE__, __LINE__)

static inline void near_check(double a, double b, double eps, const char *what, const char *file,
			      int line)
{
	if (!(fabs(a - b) <= eps) && !(a == b)) {
		print_error("%s = %.17g, expected %.17g (within %g)\n", what, a, b, eps);
		_fail(file, line);
	}
}

#endif
