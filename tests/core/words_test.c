/*
 * words_test.c: the words and terms search indexes (src/core/words.c):
 * Danish word forms meet in one term, stop words have none, case and
 * punctuation do not matter, words with digits are not stemmed, offsets
 * point at the words as written, and bad UTF-8 or huge words are passed
 * over without harm.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/words.h"

/* The terms of text, "a|b|c", and the words they stand for, "A|B|C". */
struct seen {
	const char *text;
	char terms[1024], spans[1024];
};

static int collect(void *ctx, const char *term, size_t len, size_t start, size_t end)
{
	struct seen *s = ctx;
	size_t t = strlen(s->terms), p = strlen(s->spans);
	snprintf(s->terms + t, sizeof s->terms - t, "%s%.*s", t ? "|" : "", (int)len, term);
	snprintf(s->spans + p, sizeof s->spans - p, "%s%.*s", p ? "|" : "", (int)(end - start),
		 s->text + start);
	return 0;
}

static const char *terms(struct words *w, const char *text, size_t n, const char **spans)
{
	static struct seen s;
	memset(&s, 0, sizeof s);
	s.text = text;
	assert_int_equal(words_each(w, text, n, collect, &s), 0);
	if (spans)
		*spans = s.spans;
	return s.terms;
}

static void test_danish_forms_meet_in_one_term(void **state)
{
	(void)state;
	struct words *w = words_new();
	assert_non_null(w);
	static const struct {
		const char *a, *b;
	} pairs[] = {
		{ "ældre", "ældres" },	       { "foreninger", "forening" }, { "foreningen", "foreninger" },
		{ "naboer", "nabo" },	       { "ensomme", "ensom" },	     { "flygtninge", "flygtning" },
		{ "Kommunen", "kommunens" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		char a[1024], b[1024];
		snprintf(a, sizeof a, "%s", terms(w, pairs[i].a, strlen(pairs[i].a), NULL));
		snprintf(b, sizeof b, "%s", terms(w, pairs[i].b, strlen(pairs[i].b), NULL));
		if (strcmp(a, b) != 0 || *a == '\0')
			fail_msg("%s -> %s but %s -> %s", pairs[i].a, a, pairs[i].b, b);
	}
	words_free(w);
}

static void test_stop_words_case_and_punctuation(void **state)
{
	(void)state;
	struct words *w = words_new();
	const char *spans;
	const char *text = "Naboer kan gøre MERE for ensomme ældre, end kommunen kan!";
	assert_string_equal(terms(w, text, strlen(text), &spans), "nabo|kan|gør|mer|ensom|ældr|kommun|kan");
	assert_string_equal(spans, "Naboer|kan|gøre|MERE|ensomme|ældre|kommunen|kan");
	/* Only stop words: no terms at all. */
	assert_string_equal(terms(w, "og i det", 8, NULL), "");
	/* ... yet they are words, which punctuation alone is not. */
	assert_true(words_any("og i det", 8));
	assert_false(words_any("\"*^-:() \xff", 9));
	assert_true(words_is_stop("og"));
	assert_true(words_is_stop("på"));
	assert_false(words_is_stop("haarby"));
	words_free(w);
}

static void test_digits_are_not_stemmed_and_separators_split(void **state)
{
	(void)state;
	struct words *w = words_new();
	const char *text = "Folkemødet 2016: covid19, e-mail\t12:30 Straße";
	assert_string_equal(terms(w, text, strlen(text), NULL), "folkemød|2016|covid19|e|mail|12|30|straß");
	words_free(w);
}

static void test_other_scripts_are_words(void **state)
{
	(void)state;
	struct words *w = words_new();
	const char *spans;
	const char *text = "مرحبا بكم — Привіт, друзі";
	assert_string_equal(terms(w, text, strlen(text), &spans), "مرحبا|بكم|привіт|друзі");
	assert_string_equal(spans, "مرحبا|بكم|Привіт|друзі");
	words_free(w);
}

static void test_bad_utf8_and_huge_words_are_passed_over(void **state)
{
	(void)state;
	struct words *w = words_new();
	const char bad[] = "ældre\xff\xfe" "foreninger \xc3";
	assert_string_equal(terms(w, bad, sizeof bad - 1, NULL), "ældr|forening");
	char huge[WORDS_MAX_BYTES + 20];
	memset(huge, 'a', sizeof huge);
	memcpy(huge + sizeof huge - 6, " nabo", 5);
	huge[sizeof huge - 1] = '\0';
	assert_string_equal(terms(w, huge, strlen(huge), NULL), "nabo");
	/* A word of exactly the limit still counts. */
	char edge[WORDS_MAX_BYTES + 1];
	memset(edge, 'b', WORDS_MAX_BYTES);
	edge[WORDS_MAX_BYTES] = '\0';
	assert_int_equal(strlen(terms(w, edge, WORDS_MAX_BYTES, NULL)) > 0, 1);
	assert_string_equal(terms(w, "", 0, NULL), "");
	words_free(w);
}

static int mark(void *ctx, size_t start, size_t end, int hit)
{
	struct seen *s = ctx;
	size_t p = strlen(s->spans);
	snprintf(s->spans + p, sizeof s->spans - p, "%s%s%.*s%s", p ? "|" : "", hit ? "[" : "", (int)(end - start),
		 s->text + start, hit ? "]" : "");
	return 0;
}

/* Highlighting: every word, stop words too, the ones with a query's
 * terms marked, in any of their forms. */
static void test_mark_finds_the_forms_of_the_terms(void **state)
{
	(void)state;
	struct words *w = words_new();
	static struct seen s;
	const char *terms[] = { "ældr", "forening", "2016" };
	s.text = "De ældres Foreningerne og en ældrecenter-forening i 2016, ikke 20160.";
	s.spans[0] = '\0';
	assert_int_equal(words_mark(w, s.text, strlen(s.text), terms, 3, mark, &s), 0);
	assert_string_equal(s.spans, "De|[ældres]|[Foreningerne]|og|en|ældrecenter|[forening]|i|[2016]|ikke|20160");
	words_free(w);
}

static int stop_at_second(void *ctx, const char *term, size_t len, size_t start, size_t end)
{
	(void)term;
	(void)len;
	(void)start;
	(void)end;
	return ++*(int *)ctx == 2 ? 7 : 0;
}

static void test_callback_can_stop(void **state)
{
	(void)state;
	struct words *w = words_new();
	int calls = 0;
	assert_int_equal(words_each(w, "en to tre fire", 14, stop_at_second, &calls), 7);
	assert_int_equal(calls, 2);
	words_free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_danish_forms_meet_in_one_term),
		cmocka_unit_test(test_stop_words_case_and_punctuation),
		cmocka_unit_test(test_digits_are_not_stemmed_and_separators_split),
		cmocka_unit_test(test_other_scripts_are_words),
		cmocka_unit_test(test_bad_utf8_and_huge_words_are_passed_over),
		cmocka_unit_test(test_callback_can_stop),
		cmocka_unit_test(test_mark_finds_the_forms_of_the_terms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
