/*
 * colour_test.c: parsing "#rrggbb" and WCAG 2.1 contrast (src/core/
 * colour.c), against ratios WCAG 2.1's formula gives (worked out apart
 * from this code), and the known AA edge of grey on white.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "core/colour.h"

static void test_parse(void **state)
{
	(void)state;
	int c[3];
	assert_int_equal(colour_parse("#0b5394", c), 0);
	assert_int_equal(c[0], 0x0b);
	assert_int_equal(c[1], 0x53);
	assert_int_equal(c[2], 0x94);
	assert_int_equal(colour_parse("#FFaa00", c), 0);
	assert_int_equal(c[1], 0xaa);
	const char *bad[] = { "", "0b5394", "#0b539", "#0b53945", "#0g5394", "red", "#fff", NULL };
	for (int i = 0; bad[i]; i++)
		assert_int_equal(colour_parse(bad[i], c), -1);
	assert_int_equal(colour_parse(NULL, c), -1);
}

static double ratio(const char *a, const char *b)
{
	int x[3], y[3];
	assert_int_equal(colour_parse(a, x), 0);
	assert_int_equal(colour_parse(b, y), 0);
	return colour_contrast(x, y);
}

static void test_contrast(void **state)
{
	(void)state;
	const struct {
		const char *a, *b;
		double ratio;
	} known[] = {
		{ "#000000", "#ffffff", 21.0 },
		{ "#ffffff", "#ffffff", 1.0 },
		{ "#767676", "#ffffff", 4.54 }, /* the lightest grey that passes AA on white */
		{ "#777777", "#ffffff", 4.48 }, /* and the darkest that fails */
		{ "#0b5394", "#ffffff", 7.84 },
		{ "#ff0000", "#ffffff", 4.00 },
		{ "#1d6b2f", "#ffffff", 6.57 },
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		double got = ratio(known[i].a, known[i].b);
		if (fabs(got - known[i].ratio) > 0.01)
			fail_msg("%s on %s: %.3f, expected %.2f", known[i].a, known[i].b, got, known[i].ratio);
		assert_true(fabs(ratio(known[i].b, known[i].a) - got) < 1e-12); /* symmetric */
	}
	assert_true(ratio("#767676", "#ffffff") >= COLOUR_AA);
	assert_true(ratio("#777777", "#ffffff") < COLOUR_AA);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_contrast),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
