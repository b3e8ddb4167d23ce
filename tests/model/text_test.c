/*
 * text_test.c: checks on user text before it is stored (src/model/text.c):
 * required fields, limits counted in characters (a Danish or Arabic name
 * may be as long as an English one), website addresses, and the key names
 * sort by.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "model/text.h"

/* s repeated n times (static until the next call). */
static const char *repeat(const char *s, size_t n)
{
	static char out[8192];
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		strcat(out, s);
	return out;
}

static void test_check_required_and_length_in_characters(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		const char *s; /* NULL: the field was not sent */
		size_t min, max;
		enum msg want; /* MSG__MAX: accepted */
	} cases[] = {
		{ "missing required", NULL, 1, 10, MSG_FORM_REQUIRED },
		{ "empty required", "", 1, 10, MSG_FORM_REQUIRED },
		{ "spaces only", "   ", 1, 10, MSG_FORM_REQUIRED },
		{ "tabs and line breaks only", "\t\n \n", 1, 10, MSG_FORM_REQUIRED },
		{ "one letter", "a", 1, 10, MSG__MAX },
		{ "missing optional", NULL, 0, 10, MSG__MAX },
		{ "empty optional", "", 0, 10, MSG__MAX },
		{ "ASCII at limit", "abcdefghij", 1, 10, MSG__MAX },
		{ "ASCII past limit", "abcdefghijk", 1, 10, MSG_FORM_TOO_LONG },
		{ "Danish at limit (13 characters, 18 bytes)", "Ærøskøbing ÆØ", 1, 13, MSG__MAX },
		{ "Danish past limit", "Ærøskøbing ÆØÅ", 1, 13, MSG_FORM_TOO_LONG },
		{ "Arabic at limit", "مرحبا", 1, 5, MSG__MAX },
		{ "too long optional", "abcdef", 0, 5, MSG_FORM_TOO_LONG },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct field_errors e = { .n = 0 };
		int ok = text_check(&e, "name", cases[i].s, cases[i].min, cases[i].max);
		enum msg got = field_error_get(&e, "name");
		if (got != cases[i].want || ok != (cases[i].want == MSG__MAX))
			fail_msg("%s: got %s (returned %d), expected %s", cases[i].what,
				 got == MSG__MAX ? "accepted" : msg_key(got), ok,
				 cases[i].want == MSG__MAX ? "accepted" : msg_key(cases[i].want));
		assert_int_equal(e.n, got == MSG__MAX ? 0 : 1);
	}
}

static void test_name_limit_counts_characters_not_bytes(void **state)
{
	(void)state;
	struct field_errors e = { .n = 0 };
	/* 200 'ø' are 400 bytes: still 200 characters. */
	assert_true(text_check(&e, "name", repeat("ø", TEXT_NAME_MAX), 1, TEXT_NAME_MAX));
	assert_true(text_check(&e, "name", repeat("😀", TEXT_NAME_MAX), 1, TEXT_NAME_MAX));
	assert_int_equal(e.n, 0);
	assert_false(text_check(&e, "name", repeat("ø", TEXT_NAME_MAX + 1), 1, TEXT_NAME_MAX));
	assert_int_equal(field_error_get(&e, "name"), MSG_FORM_TOO_LONG);
}

static void test_field_errors_name_their_field(void **state)
{
	(void)state;
	struct field_errors e = { .n = 0 };
	text_check(&e, "name", "", 1, 10);
	text_check(&e, "description", "far too long", 0, 3);
	text_check(&e, "summary", "fine", 0, 10);
	assert_int_equal(e.n, 2);
	assert_int_equal(field_error_get(&e, "name"), MSG_FORM_REQUIRED);
	assert_int_equal(field_error_get(&e, "description"), MSG_FORM_TOO_LONG);
	assert_int_equal(field_error_get(&e, "summary"), MSG__MAX);
	assert_int_equal(field_error_get(&e, "website"), MSG__MAX);
}

static void test_url_check_table(void **state)
{
	(void)state;
	static const struct {
		const char *url;
		int ok;
	} cases[] = {
		{ NULL, 1 },
		{ "", 1 },
		{ "https://example.org", 1 },
		{ "http://example.org/path?q=1&r=2#x", 1 },
		{ "HTTPS://EXAMPLE.ORG", 1 },
		{ "https://xn--rskbing-q1a.dk/", 1 },
		{ "example.org", 0 },
		{ "www.example.org", 0 },
		{ "//example.org", 0 },
		{ "ftp://example.org", 0 },
		{ "mailto:info@example.org", 0 },
		{ "javascript:alert(1)", 0 },
		{ "JAVASCRIPT://example.org/%0Aalert(1)", 0 },
		{ "data:text/html,hi", 0 },
		{ "https://", 0 },
		{ "http://", 0 },
		{ "https:///path", 0 },
		{ "https://exa mple.org", 0 },
		{ "https://example.org/<script>", 0 },
		{ "https://example.org/\"onmouseover=", 0 },
		{ " https://example.org", 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct field_errors e = { .n = 0 };
		int ok = text_check_url(&e, "website", cases[i].url);
		if (ok != cases[i].ok)
			fail_msg("\"%s\": %s, expected %s", cases[i].url ? cases[i].url : "(null)",
				 ok ? "accepted" : "refused", cases[i].ok ? "accepted" : "refused");
		assert_int_equal(field_error_get(&e, "website"), ok ? MSG__MAX : MSG_FORM_BAD_URL);
	}
}

static void test_url_longer_than_limit_is_refused(void **state)
{
	(void)state;
	char url[TEXT_URL_MAX + 2];
	struct field_errors e = { .n = 0 };
	memcpy(url, "https://e.dk/", 13);
	memset(url + 13, 'a', sizeof url - 14);
	url[TEXT_URL_MAX] = '\0';
	assert_true(text_check_url(&e, "website", url)); /* exactly the limit */
	url[TEXT_URL_MAX] = 'a';
	url[TEXT_URL_MAX + 1] = '\0';
	assert_false(text_check_url(&e, "website", url));
}

static void test_sort_key_folds_case_and_composes(void **state)
{
	(void)state;
	static const struct {
		const char *in, *key;
	} cases[] = {
		{ "ABC", "abc" },
		{ "Ærø Kommune", "ærø kommune" },
		{ "ÅBENHAVN", "åbenhavn" },
		{ "Straße", "strasse" },
		{ "e\xCC\x81vent", "\xC3\xA9vent" }, /* e + combining acute = é */
		{ "\xC3\x89VENT", "\xC3\xA9vent" },  /* É */
		{ "", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *k = text_sort_key(cases[i].in);
		if (strcmp(k, cases[i].key) != 0)
			fail_msg("text_sort_key(\"%s\") = \"%s\", expected \"%s\"", cases[i].in, k, cases[i].key);
		free(k);
	}
	/* Names differing only in case or composition sort as one. */
	char *a = text_sort_key("Café"), *b = text_sort_key("CAFE\xCC\x81");
	assert_string_equal(a, b);
	free(a);
	free(b);
}

static void test_blank(void **state)
{
	(void)state;
	assert_true(text_blank(NULL));
	assert_true(text_blank(""));
	assert_true(text_blank(" \t\n"));
	assert_false(text_blank(" x "));
	assert_false(text_blank("0"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_required_and_length_in_characters),
		cmocka_unit_test(test_name_limit_counts_characters_not_bytes),
		cmocka_unit_test(test_field_errors_name_their_field),
		cmocka_unit_test(test_url_check_table),
		cmocka_unit_test(test_url_longer_than_limit_is_refused),
		cmocka_unit_test(test_sort_key_folds_case_and_composes),
		cmocka_unit_test(test_blank),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
