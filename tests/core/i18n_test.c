/*
 * i18n_test.c: the interface languages (src/core/i18n.c). Every catalogue
 * in i18n/ must have exactly the keys of the reference i18n/da.txt and the
 * same {1}/{2} placeholders per text, so no page shows a raw key or drops
 * a number in some language. Also Accept-Language negotiation and the
 * fallback to the default language.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"

static int setup(void **state)
{
	(void)state;
	char err[256];
	if (i18n_init(err, sizeof err) != 0) {
		fprintf(stderr, "i18n_init: %s\n", err);
		return -1;
	}
	return 0;
}

static void test_reference_catalogue_is_default_and_complete(void **state)
{
	(void)state;
	const struct lang *da = i18n_default();
	assert_non_null(da);
	assert_string_equal(da->code, "da");
	assert_string_equal(da->name, "Dansk");
	assert_false(da->rtl);
	const char *keys[8];
	assert_int_equal(i18n_missing(da, keys, 8), 0);
	assert_true(i18n_count() >= 2); /* da and at least one other */
	assert_null(i18n_at(i18n_count()));
}

static void test_every_catalogue_has_every_reference_key(void **state)
{
	(void)state;
	int bad = 0;
	for (size_t i = 0; i < i18n_count(); i++) {
		const struct lang *l = i18n_at(i);
		const char *keys[MSG__MAX];
		size_t n = i18n_missing(l, keys, MSG__MAX);
		for (size_t k = 0; k < n; k++)
			fprintf(stderr, "# i18n/%s.txt lacks key %s (present in i18n/da.txt)\n", l->code,
				keys[k]);
		bad += n > 0;
	}
	if (bad)
		fail_msg("%d catalogue(s) lack keys of the reference i18n/da.txt", bad);
}

static void test_no_catalogue_has_keys_the_reference_lacks(void **state)
{
	(void)state;
	char report[1024];
	size_t n = i18n_unknown(report, sizeof report);
	if (n)
		fail_msg("%zu key(s) not in the reference i18n/da.txt:\n%s", n, report);
}

static void test_every_catalogue_has_a_code_name_and_no_empty_texts(void **state)
{
	(void)state;
	for (size_t i = 0; i < i18n_count(); i++) {
		const struct lang *l = i18n_at(i);
		assert_non_null(l->code);
		assert_true(strlen(l->code) >= 2);
		assert_non_null(l->name);
		assert_true(*l->name);
		assert_ptr_equal(i18n_find(l->code), l);
		for (int m = 0; m < MSG__MAX; m++)
			if (l->msg[m] && *l->msg[m] == '\0')
				fail_msg("i18n/%s.txt: %s is empty", l->code, msg_key((enum msg)m));
	}
}

/* The placeholders of s as a sorted string of digits: "Side {2} af {1}"
 * gives "12". */
static void placeholders(const char *s, char *out, size_t len)
{
	size_t n = 0;
	for (const char *p = s; *p && n + 1 < len; p++)
		if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}')
			out[n++] = p[1];
	out[n] = '\0';
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && out[k - 1] > out[k]; k--) {
			char c = out[k];
			out[k] = out[k - 1];
			out[k - 1] = c;
		}
}

static void test_every_catalogue_has_the_reference_placeholders(void **state)
{
	(void)state;
	const struct lang *ref = i18n_default();
	int bad = 0;
	for (size_t i = 0; i < i18n_count(); i++) {
		const struct lang *l = i18n_at(i);
		for (int m = 0; m < MSG__MAX; m++) {
			if (l->msg[m] == NULL || ref->msg[m] == NULL)
				continue; /* reported by the key tests */
			char want[32], got[32];
			placeholders(ref->msg[m], want, sizeof want);
			placeholders(l->msg[m], got, sizeof got);
			if (strcmp(want, got) != 0) {
				fprintf(stderr, "# i18n/%s.txt %s has placeholders \"%s\", da.txt has \"%s\"\n",
					l->code, msg_key((enum msg)m), got, want);
				bad++;
			}
		}
	}
	if (bad)
		fail_msg("%d text(s) with other placeholders than the reference", bad);
}

static void test_placeholder_comparison_sees_differences(void **state)
{
	(void)state;
	char a[8], b[8];
	placeholders("Side {2} af {1}", a, sizeof a);
	placeholders("Page {1} of {2}", b, sizeof b);
	assert_string_equal(a, b);
	placeholders("Page {1} of", b, sizeof b);
	assert_string_not_equal(a, b);
	placeholders("{1} and {1}", b, sizeof b);
	assert_string_not_equal(a, b);
}

static const struct {
	const char *header;
	const char *want; /* language code, or NULL for no match */
} negotiation[] = {
	{ "da", "da" },
	{ "en", "en" },
	{ "EN", "en" },
	{ "en-GB", "en" },
	{ "da-DK", "da" },
	{ "en-gb", "en" },
	{ "en-GB,en;q=0.9,da;q=0.8", "en" },
	{ "da;q=0.5, en;q=0.9", "en" },
	{ "da;q=0.5,en;q=0.4", "da" },
	{ "fr, en;q=0.1", "en" },
	{ "fr-CH, fr;q=0.9, de;q=0.7, *;q=0.5", NULL },
	{ "en;q=0", NULL },
	{ "en;q=0, da", "da" },
	{ "en;q=0.0, da;q=0.001", "da" },
	{ "en; q=0.3, da; q=0.7", "da" },
	{ "en ;q=0.5, da;q=0.6", "da" },
	{ "  en  ,  da;q=0.1", "en" },
	{ "en;q=0.5,da;q=0.5", "en" }, /* a tie: the first listed wins */
	{ "en;q=1.5, da;q=0.2", "da" }, /* q out of range counts as 0 */
	{ "en;q=-1, da;q=0.2", "da" },
	{ "en;q=abc, da;q=0.2", "da" },
	{ "eng", NULL },      /* not a region of "en" */
	{ "dan", NULL },
	{ "e", NULL },
	{ "fr", NULL },
	{ "*", NULL },
	{ "", NULL },
	{ ",,,;;;", NULL },
	{ ";q=1", NULL },
	{ "\xff\xfe garbage", NULL },
	{ "da;level=1;q=0.4, en;q=0.3", "da" },
};

static void test_accept_language_negotiation(void **state)
{
	(void)state;
	assert_null(i18n_negotiate(NULL));
	for (size_t i = 0; i < sizeof negotiation / sizeof negotiation[0]; i++) {
		const struct lang *l = i18n_negotiate(negotiation[i].header);
		const char *got = l ? l->code : NULL;
		if ((got == NULL) != (negotiation[i].want == NULL) ||
		    (got && strcmp(got, negotiation[i].want) != 0))
			fail_msg("Accept-Language \"%s\": got %s, expected %s", negotiation[i].header,
				 got ? got : "none", negotiation[i].want ? negotiation[i].want : "none");
	}
}

static void test_find_is_case_insensitive_and_exact(void **state)
{
	(void)state;
	assert_string_equal(i18n_find("da")->code, "da");
	assert_string_equal(i18n_find("EN")->code, "en");
	assert_null(i18n_find("en-GB")); /* negotiation handles regions, not find */
	assert_null(i18n_find("xx"));
	assert_null(i18n_find(""));
}

static void test_msg_get_falls_back_to_default_language(void **state)
{
	(void)state;
	const struct lang *da = i18n_find("da"), *en = i18n_find("en");
	assert_string_equal(msg_get(da, MSG_PAGING_PAGE_OF), "Side {1} af {2}");
	assert_string_equal(msg_get(en, MSG_PAGING_PAGE_OF), "Page {1} of {2}");
	assert_string_equal(msg_get(NULL, MSG_PAGING_PAGE_OF), "Side {1} af {2}");
	/* A catalogue lacking a key shows the Danish text, never NULL. */
	static struct lang partial = { .code = "xx", .name = "Partial" };
	partial.msg[MSG_SITE_NAME] = "partial site";
	assert_string_equal(msg_get(&partial, MSG_SITE_NAME), "partial site");
	assert_string_equal(msg_get(&partial, MSG_FORM_REQUIRED), "Skal udfyldes.");
	const char *keys[MSG__MAX];
	assert_int_equal(i18n_missing(&partial, keys, MSG__MAX), MSG__MAX - 1);
	assert_string_equal(keys[0], msg_key((enum msg)1)); /* the first key it lacks */
	/* i18n_missing counts past max without writing past it. */
	const char *two[2] = { 0 };
	assert_int_equal(i18n_missing(&partial, two, 2), MSG__MAX - 1);
	/* Out of range: a visible marker, not a crash. */
	assert_string_equal(msg_get(da, MSG__MAX), "?");
	assert_string_equal(msg_get(da, (enum msg)-1), "?");
}

static void test_msg_key_names_the_catalogue_key(void **state)
{
	(void)state;
	assert_string_equal(msg_key(MSG_SITE_NAME), "site.name");
	assert_string_equal(msg_key(MSG_PAGING_PAGE_OF), "paging.page.of");
	assert_string_equal(msg_key(MSG__MAX), "?");
}

static void test_line_breaks_in_texts_are_decoded(void **state)
{
	(void)state;
	/* "\n" in a catalogue is a line break in the text. */
	const char *intro = msg_get(i18n_find("da"), MSG_HOME_INTRO);
	assert_non_null(strchr(intro, '\n'));
	assert_null(strstr(intro, "\\n"));
}

static void test_msg_format_is_plain_text(void **state)
{
	(void)state;
	/* Values and the text's own characters go in as they are: the
	 * result is escaped once, where it is written. */
	struct buf b = BUF_INIT(1024);
	const char *args[] = { "Bus & tog <hver time>", "7" };
	msg_format(&b, i18n_find("en"), MSG_OPINION_AGREES_MOST, args, 2);
	assert_string_equal(buf_str(&b), "Agrees most with \u201cBus & tog <hver time>\u201d (7 % of the group agree).");
	buf_reset(&b);
	const char *counts[] = { "3", "12" };
	msg_format(&b, i18n_find("en"), MSG_DIALOGUE_PROGRESS, counts, 2);
	assert_string_equal(buf_str(&b), "You've taken a stand on 3 of 12 statements.");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference_catalogue_is_default_and_complete),
		cmocka_unit_test(test_every_catalogue_has_every_reference_key),
		cmocka_unit_test(test_no_catalogue_has_keys_the_reference_lacks),
		cmocka_unit_test(test_every_catalogue_has_a_code_name_and_no_empty_texts),
		cmocka_unit_test(test_every_catalogue_has_the_reference_placeholders),
		cmocka_unit_test(test_placeholder_comparison_sees_differences),
		cmocka_unit_test(test_accept_language_negotiation),
		cmocka_unit_test(test_find_is_case_insensitive_and_exact),
		cmocka_unit_test(test_msg_get_falls_back_to_default_language),
		cmocka_unit_test(test_msg_key_names_the_catalogue_key),
		cmocka_unit_test(test_line_breaks_in_texts_are_decoded),
		cmocka_unit_test(test_msg_format_is_plain_text),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
