/*
 * plural_test.c: gettext plural rules (src/core/plural.c). The rules of
 * gettext's own table for many languages, checked against the CLDR
 * categories written out independently here for n = 0..1000 and some
 * large n; operator precedence and associativity as in C; and headers
 * that must be refused, each with a message.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/plural.h"

/* CLDR's integer plural categories, written from the CLDR tables, in
 * the order gettext's rules number the forms. */
static int cldr_germanic(unsigned long n) /* da, en, de, sv, nb */
{
	return n != 1;
}

static int cldr_arabic(unsigned long n) /* zero one two few many other */
{
	unsigned long m = n % 100;
	if (n == 0)
		return 0;
	if (n == 1)
		return 1;
	if (n == 2)
		return 2;
	if (m >= 3 && m <= 10)
		return 3;
	if (m >= 11 && m <= 99)
		return 4;
	return 5;
}

static int cldr_east_slavic(unsigned long n) /* uk, ru: one few many */
{
	unsigned long m10 = n % 10, m100 = n % 100;
	if (m10 == 1 && m100 != 11)
		return 0;
	if (m10 >= 2 && m10 <= 4 && !(m100 >= 12 && m100 <= 14))
		return 1;
	return 2;
}

static int cldr_polish(unsigned long n) /* one few many */
{
	unsigned long m10 = n % 10, m100 = n % 100;
	if (n == 1)
		return 0;
	if (m10 >= 2 && m10 <= 4 && !(m100 >= 12 && m100 <= 14))
		return 1;
	return 2;
}

static int cldr_french(unsigned long n) /* integers: one for 0 and 1 */
{
	return n > 1;
}

static int cldr_none(unsigned long n) /* ja, zh, tr (integers in gettext) */
{
	(void)n;
	return 0;
}

static const struct {
	const char *language;
	const char *header;
	int (*oracle)(unsigned long);
} rules[] = {
	{ "da", "nplurals=2; plural=(n != 1);", cldr_germanic },
	{ "en", "nplurals=2; plural=n != 1;", cldr_germanic },
	{ "ar", "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;",
	  cldr_arabic },
	{ "uk", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
	  cldr_east_slavic },
	{ "ru", "nplurals=3; plural=n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2;",
	  cldr_east_slavic },
	{ "pl", "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
	  cldr_polish },
	{ "fr", "nplurals=2; plural=(n > 1);", cldr_french },
	{ "tr", "nplurals=1; plural=0;", cldr_none },
};

static void test_rules_agree_with_cldr(void **state)
{
	(void)state;
	for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++) {
		struct plural p;
		char err[128];
		if (plural_parse(&p, rules[r].header, err, sizeof err) != 0)
			fail_msg("%s: %s", rules[r].language, err);
		for (unsigned long n = 0; n <= 1000; n++) {
			int form;
			assert_int_equal(plural_form_checked(&p, n, &form), 0);
			if (form != rules[r].oracle(n))
				fail_msg("%s: n = %lu gives form %d, CLDR says %d", rules[r].language, n, form,
					 rules[r].oracle(n));
		}
		static const unsigned long big[] = { 1001, 1011, 1021, 100000, 1000000, 4294967295UL };
		for (size_t i = 0; i < sizeof big / sizeof big[0]; i++)
			assert_int_equal(plural_form(&p, big[i]), rules[r].oracle(big[i]));
	}
}

static const struct {
	const char *expr;
	unsigned long n;
	unsigned long want;
} exprs[] = {
	{ "1 + 2 * 2", 0, 5 },          /* not 6 */
	{ "(1 + 1) * 2", 0, 4 },        /* not 3 */
	{ "2 * 3", 0, 6 },              /* past nplurals: form 0 */
	{ "10 - 4 - 3", 0, 3 },         /* left to right */
	{ "100 / 10 / 5", 0, 2 },
	{ "17 % 5 * 2", 0, 4 },
	{ "n < 3 == 1", 2, 1 },         /* < binds tighter than == */
	{ "1 || 0 && 0", 0, 1 },        /* && binds tighter than || */
	{ "!n", 0, 1 },
	{ "!n", 5, 0 },
	{ "!!n", 5, 1 },
	{ "!(n == 2)", 2, 0 },
	{ "n == 1 ? 0 : n == 2 ? 1 : 2", 2, 1 }, /* ?: groups right to left */
	{ "n == 1 ? 0 : n == 2 ? 1 : 2", 7, 2 },
	{ "n ? n > 3 ? 3 : 2 : 1", 4, 3 },
	{ "n ? n > 3 ? 3 : 2 : 1", 0, 1 },
	{ "n>=2&&n<=4", 3, 1 },
	{ "n<=1", 1, 1 },
	{ "n>=1", 0, 0 },
	{ "n != 1", 1, 0 },
	{ "0 - 1 > 5", 0, 1 },          /* unsigned, as in gettext */
	{ "  n  ", 4, 4 },
};

static void test_expressions_follow_c_precedence(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof exprs / sizeof exprs[0]; i++) {
		char header[128], err[128];
		snprintf(header, sizeof header, "nplurals=6; plural=%s;", exprs[i].expr);
		struct plural p;
		if (plural_parse(&p, header, err, sizeof err) != 0)
			fail_msg("\"%s\": %s", exprs[i].expr, err);
		/* Values past nplurals are reported by plural_form_checked; read
		 * the raw value through a rule with room for it. */
		int form;
		int bad = plural_form_checked(&p, exprs[i].n, &form);
		if (exprs[i].want < 6) {
			if (bad || (unsigned long)form != exprs[i].want)
				fail_msg("\"%s\" with n = %lu: got %d, want %lu", exprs[i].expr, exprs[i].n, form,
					 exprs[i].want);
		} else {
			assert_int_equal(bad, 1); /* out of range: form 0 */
			assert_int_equal(form, 0);
		}
	}
}

static void test_out_of_range_and_division_by_zero_give_form_zero(void **state)
{
	(void)state;
	struct plural p;
	char err[128];
	assert_int_equal(plural_parse(&p, "nplurals=2; plural=n;", err, sizeof err), 0);
	int form = -1;
	assert_int_equal(plural_form_checked(&p, 1, &form), 0);
	assert_int_equal(form, 1);
	assert_int_equal(plural_form_checked(&p, 2, &form), 1);
	assert_int_equal(form, 0);
	assert_int_equal(plural_form(&p, 7), 0);
	assert_int_equal(plural_parse(&p, "nplurals=2; plural=1 % n;", err, sizeof err), 0);
	assert_int_equal(plural_form_checked(&p, 0, &form), 1);
	assert_int_equal(form, 0);
	assert_int_equal(plural_form(&p, 3), 1);
	assert_int_equal(plural_parse(&p, "nplurals=2; plural=n / (n - n);", err, sizeof err), 0);
	assert_int_equal(plural_form_checked(&p, 5, &form), 1);
}

static const struct {
	const char *header;
	const char *message; /* a part of the message */
} bad[] = {
	{ "", "nplurals" },
	{ "plural=n != 1;", "nplurals" },
	{ "nplurals=0; plural=0;", "1 to 6" },
	{ "nplurals=7; plural=0;", "1 to 6" },
	{ "nplurals=12; plural=0;", "1 to 6" },
	{ "nplurals=x; plural=0;", "1 to 6" },
	{ "nplurals=2 plural=n != 1;", "plural=" },
	{ "nplurals=2; plurals=n;", "plural=" },
	{ "nplurals=2; plural=;", "unexpected character" },
	{ "nplurals=2; plural=", "unexpected end" },
	{ "nplurals=2; plural=(n != 1;", "expected ')'" },
	{ "nplurals=2; plural=n != 1);", "after the rule" },
	{ "nplurals=2; plural=n ? 1;", "expected ':'" },
	{ "nplurals=2; plural=n = 1;", "after the rule" },
	{ "nplurals=2; plural=n & 1;", "after the rule" },
	{ "nplurals=2; plural=-n;", "unexpected character" },
	{ "nplurals=2; plural=m != 1;", "unexpected character" },
	{ "nplurals=2; plural=n != 1; x", "after the rule" },
	{ "nplurals=2; plural=99999999999;", "too large" },
	{ "nplurals=2; plural=n != 1 +;", "unexpected" },
};

static void test_bad_rules_are_refused_with_a_message(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct plural p;
		char err[128] = "";
		if (plural_parse(&p, bad[i].header, err, sizeof err) == 0)
			fail_msg("accepted \"%s\"", bad[i].header);
		if (strstr(err, bad[i].message) == NULL)
			fail_msg("\"%s\": message \"%s\" lacks \"%s\"", bad[i].header, err, bad[i].message);
	}
}

static void test_size_and_depth_are_bounded(void **state)
{
	(void)state;
	char header[4096], err[128];
	struct plural p;
	/* 1000 parentheses deep: refused, not a stack overflow. */
	size_t k = (size_t)snprintf(header, sizeof header, "nplurals=2; plural=");
	for (int i = 0; i < 1000; i++)
		header[k++] = '(';
	header[k++] = 'n';
	header[k] = '\0';
	assert_int_equal(plural_parse(&p, header, err, sizeof err), -1);
	assert_non_null(strstr(err, "nested too deeply"));
	/* !!!...n likewise. */
	k = (size_t)snprintf(header, sizeof header, "nplurals=2; plural=");
	for (int i = 0; i < 1000; i++)
		header[k++] = '!';
	header[k++] = 'n';
	header[k] = '\0';
	assert_int_equal(plural_parse(&p, header, err, sizeof err), -1);
	/* n+n+...+n past the node limit: refused. */
	k = (size_t)snprintf(header, sizeof header, "nplurals=2; plural=n");
	for (int i = 0; i < PLURAL_MAX_NODES; i++)
		k += (size_t)snprintf(header + k, sizeof header - k, "+n");
	assert_int_equal(plural_parse(&p, header, err, sizeof err), -1);
	assert_non_null(strstr(err, "too long"));
	/* A long but legal rule is taken. */
	k = (size_t)snprintf(header, sizeof header, "nplurals=2; plural=n");
	for (int i = 0; i < 20; i++)
		k += (size_t)snprintf(header + k, sizeof header - k, "+0");
	assert_int_equal(plural_parse(&p, header, err, sizeof err), 0);
	assert_int_equal(plural_form(&p, 1), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_agree_with_cldr),
		cmocka_unit_test(test_expressions_follow_c_precedence),
		cmocka_unit_test(test_out_of_range_and_division_by_zero_give_form_zero),
		cmocka_unit_test(test_bad_rules_are_refused_with_a_message),
		cmocka_unit_test(test_size_and_depth_are_bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
