/*
 * utf8_test.c: strict UTF-8 validation, code point counting and safe
 * truncation (src/core/utf8.c). Every input that reaches the platform is
 * checked with utf8_valid, so a table of what must pass and what must not.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/utf8.h"

static const struct {
	const char *what;
	const char *s;
	size_t n; /* 0: strlen(s) */
	int valid;
} cases[] = {
	{ "empty", "", 0, 1 },
	{ "ASCII", "Hello, world!", 0, 1 },
	{ "Danish", "Ærø, Ålborg, søster", 0, 1 },
	{ "two-byte lowest U+0080", "\xC2\x80", 0, 1 },
	{ "two-byte highest U+07FF", "\xDF\xBF", 0, 1 },
	{ "three-byte lowest U+0800", "\xE0\xA0\x80", 0, 1 },
	{ "last before surrogates U+D7FF", "\xED\x9F\xBF", 0, 1 },
	{ "first after surrogates U+E000", "\xEE\x80\x80", 0, 1 },
	{ "BOM U+FEFF", "\xEF\xBB\xBF", 0, 1 },
	{ "U+FFFD", "\xEF\xBF\xBD", 0, 1 },
	{ "four-byte lowest U+10000", "\xF0\x90\x80\x80", 0, 1 },
	{ "emoji U+1F600", "\xF0\x9F\x98\x80", 0, 1 },
	{ "highest U+10FFFF", "\xF4\x8F\xBF\xBF", 0, 1 },
	{ "Arabic", "نعم", 0, 1 },
	{ "DEL is valid UTF-8", "\x7F", 0, 1 },

	{ "NUL byte", "a\0b", 3, 0 },
	{ "lone NUL", "\0", 1, 0 },
	{ "overlong NUL C0 80", "\xC0\x80", 0, 0 },
	{ "overlong '/' C0 AF", "\xC0\xAF", 0, 0 },
	{ "overlong C1 BF", "\xC1\xBF", 0, 0 },
	{ "overlong three-byte '/'", "\xE0\x80\xAF", 0, 0 },
	{ "overlong three-byte U+07FF", "\xE0\x9F\xBF", 0, 0 },
	{ "overlong four-byte '/'", "\xF0\x80\x80\xAF", 0, 0 },
	{ "overlong four-byte U+FFFF", "\xF0\x8F\xBF\xBF", 0, 0 },
	{ "surrogate U+D800", "\xED\xA0\x80", 0, 0 },
	{ "surrogate U+DBFF", "\xED\xAF\xBF", 0, 0 },
	{ "surrogate U+DC00", "\xED\xB0\x80", 0, 0 },
	{ "surrogate U+DFFF", "\xED\xBF\xBF", 0, 0 },
	{ "surrogate pair as CESU-8", "\xED\xA0\xBD\xED\xB8\x80", 0, 0 },
	{ "past U+10FFFF: U+110000", "\xF4\x90\x80\x80", 0, 0 },
	{ "past U+10FFFF: F5", "\xF5\x80\x80\x80", 0, 0 },
	{ "past U+10FFFF: F7 BF BF BF", "\xF7\xBF\xBF\xBF", 0, 0 },
	{ "five-byte form", "\xF8\x88\x80\x80\x80", 0, 0 },
	{ "six-byte form", "\xFC\x84\x80\x80\x80\x80", 0, 0 },
	{ "FE", "\xFE", 0, 0 },
	{ "FF", "\xFF", 0, 0 },
	{ "lone continuation byte", "\x80", 0, 0 },
	{ "continuation after ASCII", "a\xBF", 0, 0 },
	{ "truncated two-byte", "\xC3", 0, 0 },
	{ "truncated three-byte", "\xE2\x82", 0, 0 },
	{ "truncated four-byte", "\xF0\x9F\x98", 0, 0 },
	{ "truncated before ASCII", "\xE2\x82" "a", 0, 0 },
	{ "two-byte with ASCII second", "\xC3\x28", 0, 0 },
	{ "three-byte with lead as second", "\xE2\xE2\x82\xAC", 0, 0 },
	{ "Latin-1 'ø'", "s\xF8ster", 0, 0 },
	/* n limits what is read: a valid sequence cut by n is invalid. */
	{ "cut by length", "\xE2\x82\xAC", 2, 0 },
	{ "whole by length", "\xE2\x82\xAC" "\xFF", 3, 1 },
};

static void test_valid_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t n = cases[i].n ? cases[i].n : strlen(cases[i].s);
		if (utf8_valid(cases[i].s, n) != cases[i].valid)
			fail_msg("%s: utf8_valid said %d, expected %d", cases[i].what, !cases[i].valid,
				 cases[i].valid);
	}
}

static void test_invalid_byte_anywhere_is_caught(void **state)
{
	(void)state;
	/* A bad sequence is found wherever it sits in a long valid text. */
	char text[300];
	for (size_t at = 0; at + 2 < sizeof text; at += 7) {
		memset(text, 'a', sizeof text);
		memcpy(text + at, "\xC0\xAF", 2);
		if (utf8_valid(text, sizeof text))
			fail_msg("overlong at offset %zu not caught", at);
	}
}

static void test_length_counts_code_points(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t n;
	} lengths[] = {
		{ "", 0 },
		{ "abc", 3 },
		{ "Ærø", 3 },
		{ "\xF0\x9F\x98\x80!", 2 },
		{ "e\xCC\x81", 2 }, /* e + combining acute: two code points */
		{ "日本語", 3 },
	};
	for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++)
		if (utf8_length(lengths[i].s) != lengths[i].n)
			fail_msg("utf8_length(\"%s\") = %zu, expected %zu", lengths[i].s,
				 utf8_length(lengths[i].s), lengths[i].n);
}

static void test_prefix_never_splits_a_code_point(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"abc", "Ærø", "a\xF0\x9F\x98\x80" "b€c", "日本語テキスト", "", "x",
	};
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		const char *s = texts[t];
		size_t len = strlen(s);
		for (size_t max = 0; max <= len + 2; max++) {
			size_t p = utf8_prefix(s, max);
			if (p > max || p > len)
				fail_msg("\"%s\" max %zu: prefix %zu is too long", s, max, p);
			if (!utf8_valid(s, p))
				fail_msg("\"%s\" max %zu: prefix %zu splits a code point", s, max, p);
			/* Largest such prefix: at most 3 bytes given back. */
			if (max <= len && max - p > 3)
				fail_msg("\"%s\" max %zu: prefix %zu gives back too much", s, max, p);
			if (max >= len && p != len)
				fail_msg("\"%s\" max %zu: whole string fits but got %zu", s, max, p);
		}
	}
	assert_int_equal(utf8_prefix("Ærø", 1), 0); /* Æ is two bytes */
	assert_int_equal(utf8_prefix("Ærø", 2), 2);
	assert_int_equal(utf8_prefix("Ærø", 4), 3); /* ø would be split */
	assert_int_equal(utf8_prefix("\xF0\x9F\x98\x80", 3), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_table),
		cmocka_unit_test(test_invalid_byte_anywhere_is_caught),
		cmocka_unit_test(test_length_counts_code_points),
		cmocka_unit_test(test_prefix_never_splits_a_code_point),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
