/*
 * form_test.c: query, form and cookie decoding (src/http/form.c), table
 * driven: input and the expected fields or error.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "http/form.h"

static const struct form_limits limits = { 10, 32, 64 };

static const struct {
	const char *input;
	enum form_err err;
	const char *fields; /* "k=v|k=v" as decoded, for FORM_OK */
} cases[] = {
	{ "", FORM_OK, "" },
	{ "a=1", FORM_OK, "a=1" },
	{ "a=1&b=2", FORM_OK, "a=1|b=2" },
	{ "a=1&&b=2&", FORM_OK, "a=1|b=2" },
	{ "flag", FORM_OK, "flag=" },
	{ "name=J%C3%B8rgen+Hansen", FORM_OK, "name=Jørgen Hansen" },
	{ "q=a%2Bb%26c%3Dd", FORM_OK, "q=a+b&c=d" },
	{ "text=line1%0D%0Aline2%0Dline3", FORM_OK, "text=line1\nline2\nline3" },
	{ "tab=a%09b", FORM_OK, "tab=a\tb" },
	{ "x=%zz", FORM_BAD_ENCODING, NULL },
	{ "x=%4", FORM_BAD_ENCODING, NULL },
	{ "x=%", FORM_BAD_ENCODING, NULL },
	{ "%g1=y", FORM_BAD_ENCODING, NULL },
	{ "x=%C3%28", FORM_BAD_UTF8, NULL },      /* broken two-byte sequence */
	{ "x=%C0%AF", FORM_BAD_UTF8, NULL },      /* overlong '/' */
	{ "x=%ED%A0%80", FORM_BAD_UTF8, NULL },   /* surrogate */
	{ "x=%F4%90%80%80", FORM_BAD_UTF8, NULL }, /* past U+10FFFF */
	{ "x=a%00b", FORM_BAD_CHAR, NULL },
	{ "x=%07", FORM_BAD_CHAR, NULL },
	{ "x=%7F", FORM_BAD_CHAR, NULL },
	{ "k%0A=v", FORM_BAD_CHAR, NULL },         /* no line breaks in keys */
	{ "a&b&c&d&e&f&g&h&i&j", FORM_OK, "a=|b=|c=|d=|e=|f=|g=|h=|i=|j=" },
	{ "a&b&c&d&e&f&g&h&i&j&k", FORM_TOO_MANY, NULL },
	{ "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk=1", FORM_TOO_LONG, NULL }, /* 33-byte key */
	{ "v=0123456789012345678901234567890123456789012345678901234567890123", FORM_OK, NULL },
	{ "v=01234567890123456789012345678901234567890123456789012345678901234", FORM_TOO_LONG, NULL },
};

static void test_form_parse_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct region *a = region_new();
		struct kvlist l;
		enum form_err e = form_parse(a, cases[i].input, strlen(cases[i].input), &limits, &l);
		if (e != cases[i].err)
			fail_msg("case %zu \"%s\": error %d, expected %d", i, cases[i].input, e, cases[i].err);
		if (e == FORM_OK && cases[i].fields) {
			char got[512] = "";
			for (size_t k = 0; k < l.n; k++) {
				size_t used = strlen(got);
				snprintf(got + used, sizeof got - used, "%s%s=%s", k ? "|" : "", l.items[k].key,
					 l.items[k].value);
			}
			if (strcmp(got, cases[i].fields) != 0)
				fail_msg("case %zu \"%s\": got \"%s\", expected \"%s\"", i, cases[i].input, got,
					 cases[i].fields);
		}
		region_free(a);
	}
}

static void test_kv_get_first_value(void **state)
{
	(void)state;
	struct region *a = region_new();
	struct kvlist l;
	assert_int_equal(form_parse(a, "tag=a&tag=b&x=1", 15, &limits, &l), FORM_OK);
	assert_string_equal(kv_get(&l, "tag"), "a");
	assert_string_equal(kv_get(&l, "x"), "1");
	assert_null(kv_get(&l, "missing"));
	region_free(a);
}

static void test_decode_path_keeps_plus(void **state)
{
	(void)state;
	struct region *a = region_new();
	char *out;
	assert_int_equal(form_decode(a, "/a+b%20c", 8, 0, 0, &out), FORM_OK);
	assert_string_equal(out, "/a+b c");
	region_free(a);
}

static void test_encode_round_trip(void **state)
{
	(void)state;
	const char *samples[] = { "", "abc", "a b&c=d/e?f#g", "Ærø — نعم", "100%", "~._-" };
	for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		struct buf b = BUF_INIT(1024);
		form_encode(&b, samples[i]);
		assert_null(strpbrk(buf_str(&b), " &=/?#<>\"'"));
		struct region *a = region_new();
		char *back;
		assert_int_equal(form_decode(a, buf_str(&b), b.len, 1, 0, &back), FORM_OK);
		assert_string_equal(back, samples[i]);
		region_free(a);
		buf_free(&b);
	}
}

static void test_cookie_parse(void **state)
{
	(void)state;
	struct region *a = region_new();
	struct kvlist l;
	cookie_parse(a, "lang=en; sid=\"abc\";novalue; =x; theme = dark ;", &l);
	assert_int_equal(l.n, 3);
	assert_string_equal(kv_get(&l, "lang"), "en");
	assert_string_equal(kv_get(&l, "sid"), "abc");
	assert_string_equal(kv_get(&l, "theme"), "dark");
	cookie_parse(a, NULL, &l);
	assert_int_equal(l.n, 0);
	cookie_parse(a, "bad=\xff\xfe; ok=1", &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(kv_get(&l, "ok"), "1");
	region_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_form_parse_table),
		cmocka_unit_test(test_kv_get_first_value),
		cmocka_unit_test(test_decode_path_keeps_plus),
		cmocka_unit_test(test_encode_round_trip),
		cmocka_unit_test(test_cookie_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
