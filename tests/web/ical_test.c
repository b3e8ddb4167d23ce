/*
 * ical_test.c: the iCalendar writer (src/web/ical.c): TEXT escaping,
 * values kept as given but never with a line break, UTC times, and
 * folding at 75 octets that never splits a UTF-8 sequence or an escape.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "web/ical.h"

static struct buf out = BUF_INIT(1 << 20);

static int teardown(void **state)
{
	(void)state;
	buf_free(&out);
	return 0;
}

static const struct {
	const char *in, *out;
} escapes[] = {
	{ NULL, "SUMMARY:\r\n" },
	{ "", "SUMMARY:\r\n" },
	{ "plain text", "SUMMARY:plain text\r\n" },
	{ "a,b", "SUMMARY:a\\,b\r\n" },
	{ "a;b", "SUMMARY:a\\;b\r\n" },
	{ "C:\\temp", "SUMMARY:C:\\\\temp\r\n" },
	{ "\\n is not a newline", "SUMMARY:\\\\n is not a newline\r\n" },
	{ "one\ntwo", "SUMMARY:one\\ntwo\r\n" },
	{ "one\r\ntwo", "SUMMARY:one\\ntwo\r\n" },      /* CRLF is one line break */
	{ "one\rtwo", "SUMMARY:one\\ntwo\r\n" },
	{ "one\n\ntwo", "SUMMARY:one\\n\\ntwo\r\n" },   /* a blank line stays */
	{ "one\n\r\ntwo", "SUMMARY:one\\n\\ntwo\r\n" },
	{ "tab\there", "SUMMARY:tab\there\r\n" },        /* tab is allowed */
	{ "bell\a del\x7f esc\x1b", "SUMMARY:bell del esc\r\n" },
	{ "colon: \"quoted\"", "SUMMARY:colon: \"quoted\"\r\n" },
	{ "Æblegrød på Ærø, ½ € 😀", "SUMMARY:Æblegrød på Ærø\\, ½ € 😀\r\n" },
	{ "مرحبا; привіт", "SUMMARY:مرحبا\\; привіт\r\n" },
	{ "END:VEVENT\nBEGIN:VEVENT", "SUMMARY:END:VEVENT\\nBEGIN:VEVENT\r\n" },
};

static void test_text_escaping_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof escapes / sizeof escapes[0]; i++) {
		buf_reset(&out);
		ICAL_TEXT(&out, "SUMMARY", escapes[i].in);
		assert_false(out.overflow);
		if (strcmp(buf_str(&out), escapes[i].out) != 0)
			fail_msg("escape %zu: got \"%s\", want \"%s\"", i, buf_str(&out), escapes[i].out);
	}
}

static const struct {
	const char *in, *out;
} values[] = {
	{ "2.0", "VERSION:2.0\r\n" },
	{ "https://example.dk/a?b=1,2;c=\\", "VERSION:https://example.dk/a?b=1,2;c=\\\r\n" },
	{ "a\r\nEND:VCALENDAR", "VERSION:aEND:VCALENDAR\r\n" }, /* no line of its own */
	{ "a\nb\rc\x01", "VERSION:abc\r\n" },
	{ NULL, "VERSION:\r\n" },
};

static void test_values_kept_but_never_break_the_line(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		buf_reset(&out);
		ICAL_VALUE(&out, "VERSION", values[i].in);
		if (strcmp(buf_str(&out), values[i].out) != 0)
			fail_msg("value %zu: got \"%s\", want \"%s\"", i, buf_str(&out), values[i].out);
	}
}

static void test_utc_times(void **state)
{
	(void)state;
	static const struct {
		int64_t t;
		const char *out;
	} times[] = {
		{ 0, "DTSTART:19700101T000000Z\r\n" },
		{ 951868799, "DTSTART:20000229T235959Z\r\n" },
		{ 1774746000, "DTSTART:20260329T010000Z\r\n" }, /* the spring change */
		{ 1792888200, "DTSTART:20261025T003000Z\r\n" }, /* 02:30 CEST, first time */
		{ 1792891800, "DTSTART:20261025T013000Z\r\n" }, /* 02:30 CET, second time */
	};
	for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
		buf_reset(&out);
		ICAL_UTC(&out, "DTSTART", times[i].t);
		assert_string_equal(buf_str(&out), times[i].out);
	}
}

/* A string of n copies of c (static buffer, n < 200). */
static const char *rep(char c, size_t n)
{
	static char s[4][200];
	static int k;
	k = (k + 1) % 4;
	memset(s[k], c, n);
	s[k][n] = '\0';
	return s[k];
}

/* Checks what every folded line must be: CRLF endings, physical lines of
 * at most 75 octets, continuation lines starting with one space and never
 * with a UTF-8 continuation byte; and that unfolding gives back want. */
static void assert_folded(const char *got, const char *want)
{
	char unfolded[4096];
	size_t u = 0;
	const char *p = got;
	int first = 1;
	while (*p) {
		const char *crlf = strstr(p, "\r\n");
		assert_non_null(crlf);
		size_t len = (size_t)(crlf - p);
		if (len > ICAL_FOLD)
			fail_msg("a line of %zu octets: \"%.*s\"", len, (int)len, p);
		if (!first) {
			assert_int_equal(p[0], ' ');
			p++;
			len--;
			assert_true(len > 0);
			if (((unsigned char)p[0] & 0xC0) == 0x80)
				fail_msg("a fold split a UTF-8 sequence: \"%s\"", got);
		}
		assert_true(u + len < sizeof unfolded);
		memcpy(unfolded + u, p, len);
		u += len;
		p = crlf + 2;
		first = 0;
	}
	unfolded[u] = '\0';
	assert_string_equal(unfolded, want);
}

static void test_folding_table(void **state)
{
	(void)state;
	char in[512], want[512], expect[1024];
	static const struct {
		size_t pad;          /* 'a's after "SUMMARY:" */
		const char *tail;    /* then this */
		const char *escaped; /* the tail as escaped */
		size_t first;        /* octets of the tail on the first line */
	} cases[] = {
		{ 67, "", "", 0 },             /* exactly 75 octets: no fold */
		{ 66, "b", "b", 1 },           /* 75 */
		{ 67, "b", "b", 0 },           /* 76: the b goes on */
		{ 65, "æ", "æ", 2 },           /* a 2-octet character ends at 75 */
		{ 66, "æ", "æ", 0 },           /* it would end at 76: moved whole */
		{ 65, "€", "€", 0 },           /* 3 octets at 74..76 */
		{ 64, "€", "€", 3 },
		{ 64, "😀", "😀", 0 },           /* 4 octets at 73..76 */
		{ 63, "😀", "😀", 4 },
		{ 66, ",", "\\,", 0 },         /* an escape is not split either */
		{ 65, ",", "\\,", 2 },
		{ 66, "\n", "\\n", 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(in, sizeof in, "%s%s", rep('a', cases[i].pad), cases[i].tail);
		snprintf(want, sizeof want, "SUMMARY:%s%s", rep('a', cases[i].pad), cases[i].escaped);
		size_t tail = strlen(cases[i].escaped);
		if (cases[i].first == tail)
			snprintf(expect, sizeof expect, "%s\r\n", want);
		else
			snprintf(expect, sizeof expect, "SUMMARY:%s%.*s\r\n %s\r\n", rep('a', cases[i].pad),
				 (int)cases[i].first, cases[i].escaped, cases[i].escaped + cases[i].first);
		buf_reset(&out);
		ICAL_TEXT(&out, "SUMMARY", in);
		if (strcmp(buf_str(&out), expect) != 0)
			fail_msg("fold %zu: got \"%s\", want \"%s\"", i, buf_str(&out), expect);
		assert_folded(buf_str(&out), want);
	}
}

static void test_continuation_lines_hold_74_octets_after_the_space(void **state)
{
	(void)state;
	char in[256], expect[512];
	snprintf(in, sizeof in, "%s%s%s", rep('a', 67), rep('b', 74), "c");
	snprintf(expect, sizeof expect, "SUMMARY:%s\r\n %s\r\n c\r\n", rep('a', 67), rep('b', 74));
	buf_reset(&out);
	ICAL_TEXT(&out, "SUMMARY", in);
	assert_string_equal(buf_str(&out), expect);
}

/* Long texts of 1-, 2-, 3- and 4-octet characters, at every offset. */
static void test_long_multibyte_texts_fold_at_character_bounds(void **state)
{
	(void)state;
	static const char *const chars[] = { "a", "ø", "€", "😀", "مر", "\\" };
	for (size_t c = 0; c < sizeof chars / sizeof chars[0]; c++)
		for (size_t lead = 0; lead < 8; lead++) {
			char in[1024], want[2048];
			size_t n = 0, w = 0;
			n += (size_t)snprintf(in, sizeof in, "%s", rep('x', lead));
			w += (size_t)snprintf(want, sizeof want, "DESCRIPTION:%s", rep('x', lead));
			for (int k = 0; k < 60; k++) {
				n += (size_t)snprintf(in + n, sizeof in - n, "%s", chars[c]);
				w += (size_t)snprintf(want + w, sizeof want - w, "%s",
						      chars[c][0] == '\\' ? "\\\\" : chars[c]);
			}
			buf_reset(&out);
			ICAL_TEXT(&out, "DESCRIPTION", in);
			assert_folded(buf_str(&out), want);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_escaping_table),
		cmocka_unit_test(test_values_kept_but_never_break_the_line),
		cmocka_unit_test(test_utc_times),
		cmocka_unit_test(test_folding_table),
		cmocka_unit_test(test_continuation_lines_hold_74_octets_after_the_space),
		cmocka_unit_test(test_long_multibyte_texts_fold_at_character_bounds),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
