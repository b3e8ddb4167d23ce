/*
 * html_test.c: the HTML writer (src/web/html.c): every runtime string is
 * escaped, numbers print as printf would, catalogue placeholders take
 * escaped values, URL parts are percent-encoded, and only safe link
 * targets pass.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "web/html.h"

static struct buf out = BUF_INIT(1 << 20);
static struct html h;

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

/* A fresh writer in language code before each test. */
static void writer(const char *code)
{
	buf_reset(&out);
	h.out = &out;
	h.lang = i18n_find(code);
	assert_non_null(h.lang);
}

static int teardown(void **state)
{
	(void)state;
	buf_free(&out);
	return 0;
}

static const struct {
	const char *in, *out;
} escapes[] = {
	{ "", "" },
	{ "plain text", "plain text" },
	{ "a & b", "a &amp; b" },
	{ "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;" },
	{ "\"quoted\"", "&quot;quoted&quot;" },
	{ "it's", "it&#39;s" },
	{ "&amp;", "&amp;amp;" }, /* already-escaped text is escaped again: shown as typed */
	{ "\" onmouseover=\"alert(1)", "&quot; onmouseover=&quot;alert(1)" },
	{ "Ærø <3 ☕", "Ærø &lt;3 ☕" },
	{ "<<>>&&''\"\"", "&lt;&lt;&gt;&gt;&amp;&amp;&#39;&#39;&quot;&quot;" },
	{ "line\nbreak\ttab", "line\nbreak\ttab" },
};

static void test_text_escapes_markup_characters(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof escapes / sizeof escapes[0]; i++) {
		writer("da");
		html_text(&h, escapes[i].in);
		if (strcmp(buf_str(&out), escapes[i].out) != 0)
			fail_msg("html_text(\"%s\") = \"%s\", expected \"%s\"", escapes[i].in, buf_str(&out),
				 escapes[i].out);
	}
	writer("da");
	html_text(&h, NULL);
	assert_string_equal(buf_str(&out), "");
	html_textn(&h, "<b>bold</b>", 3); /* only n bytes */
	assert_string_equal(buf_str(&out), "&lt;b&gt;");
}

static void test_htmlf_escapes_strings_and_prints_numbers(void **state)
{
	(void)state;
	writer("da");
	HTMLF(&h, "<a title=\"%s\">%s</a>", "x\" onclick=\"y", "<b>");
	assert_string_equal(buf_str(&out), "<a title=\"x&quot; onclick=&quot;y\">&lt;b&gt;</a>");

	writer("da");
	HTMLF(&h, "%d|%i|%u|%ld|%lu|%lld|%llu|%zu|%zd|100%%", -5, 7, 4000000000u, -1234567890123L,
	      18446744073709551615UL, -9223372036854775807LL - 1, 18446744073709551615ULL, (size_t)42,
	      (ssize_t)-42);
	assert_string_equal(buf_str(&out), "-5|7|4000000000|-1234567890123|18446744073709551615|"
					   "-9223372036854775808|18446744073709551615|42|-42|100%");

	writer("da");
	const char *volatile none = NULL; /* a runtime NULL, as from a NULL column */
	HTMLF(&h, "<p>%s</p>", none);      /* NULL writes nothing */
	assert_string_equal(buf_str(&out), "<p></p>");

	writer("da");
	HTML(&h, "<p class=\"x\">");
	assert_string_equal(buf_str(&out), "<p class=\"x\">");
}

static void unknown_conversion(void)
{
	struct buf b = BUF_INIT(100);
	struct html w = { &b, i18n_default() };
	HTMLF(&w, "%c", 'x');
}

static void padded_string(void)
{
	struct buf b = BUF_INIT(100);
	struct html w = { &b, i18n_default() };
	HTMLF(&w, "%5s", "<b>");
}

static void test_htmlf_unknown_conversion_aborts_instead_of_writing_raw(void **state)
{
	(void)state;
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		FILE *devnull = freopen("/dev/null", "w", stderr);
		(void)devnull;
		unknown_conversion();
		_exit(0);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
}

/* A width on %s could pad around escaped text in ways nobody checked:
 * refused like an unknown conversion. Numbers take flags and widths. */
static void test_htmlf_numbers_take_widths_strings_do_not(void **state)
{
	(void)state;
	writer("da");
	HTMLF(&h, "%04d-%02d %x %lld", 7, 3, 255u, (long long)-5);
	assert_string_equal(buf_str(&out), "0007-03 ff -5");
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		FILE *devnull = freopen("/dev/null", "w", stderr);
		(void)devnull;
		padded_string();
		_exit(0);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
}

static void test_msgv_fills_placeholders_with_escaped_values(void **state)
{
	(void)state;
	const char *args[] = { "3", "12" };
	writer("da");
	html_msgv(&h, MSG_PAGING_PAGE_OF, args, 2);
	assert_string_equal(buf_str(&out), "Side 3 af 12");
	writer("en");
	html_msgv(&h, MSG_PAGING_PAGE_OF, args, 2);
	assert_string_equal(buf_str(&out), "Page 3 of 12");

	const char *evil[] = { "<img src=x onerror=alert(1)>", "\"&'" };
	writer("en");
	html_msgv(&h, MSG_PAGING_PAGE_OF, evil, 2);
	assert_string_equal(buf_str(&out), "Page &lt;img src=x onerror=alert(1)&gt; of &quot;&amp;&#39;");

	/* Missing values leave the place empty, never "{2}" or garbage. */
	writer("en");
	html_msgv(&h, MSG_PAGING_PAGE_OF, args, 1);
	assert_string_equal(buf_str(&out), "Page 3 of ");
	writer("en");
	html_msgn(&h, MSGN_ORGANISATIONS_COUNT, 2, NULL, 0);
	assert_string_equal(buf_str(&out), " organisations");
}

/* A count picks the form by the language's rule, and is escaped like
 * any value. */
static void test_count_picks_the_plural_form(void **state)
{
	(void)state;
	writer("en");
	html_count(&h, MSGN_ORGANISATIONS_COUNT, 1);
	assert_string_equal(buf_str(&out), "1 organisation");
	writer("en");
	html_count(&h, MSGN_ORGANISATIONS_COUNT, 0);
	assert_string_equal(buf_str(&out), "0 organisations");
	writer("da");
	html_count(&h, MSGN_ORGANISATIONS_COUNT, 1);
	assert_string_equal(buf_str(&out), "1 organisation");
	writer("da");
	html_count(&h, MSGN_ORGANISATIONS_COUNT, 7);
	assert_string_equal(buf_str(&out), "7 organisationer");
	writer("da");
	html_count(&h, MSGN_ORGANISATIONS_COUNT, -3); /* never a negative count's garbage */
	assert_string_equal(buf_str(&out), "-3 organisationer");
}

static void test_msg_writes_catalogue_text_escaped(void **state)
{
	(void)state;
	writer("da");
	html_msg(&h, MSG_SITE_NAME);
	assert_string_equal(buf_str(&out), "samskab");
	writer("en");
	html_msg(&h, MSG_FORM_REQUIRED);
	assert_string_equal(buf_str(&out), msg_get(i18n_find("en"), MSG_FORM_REQUIRED));
	/* Catalogue texts are plain text: an ampersand in one is escaped. */
	static const char *texts[MSG__MAX];
	texts[MSG_SITE_NAME] = "A & <B>";
	static struct lang amp = { .code = "xx", .name = "X", .msg = texts };
	h.lang = &amp;
	buf_reset(&out);
	html_msg(&h, MSG_SITE_NAME);
	assert_string_equal(buf_str(&out), "A &amp; &lt;B&gt;");
}

static void test_urlpart_percent_encodes(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} parts[] = {
		{ "abc-_.~XYZ09", "abc-_.~XYZ09" },
		{ "a b", "a%20b" },
		{ "a/b?c#d&e=f", "a%2Fb%3Fc%23d%26e%3Df" },
		{ "<\"'>", "%3C%22%27%3E" },
		{ "Ærø", "%C3%86r%C3%B8" },
		{ "100%", "100%25" },
		{ "+", "%2B" },
	};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		writer("da");
		html_urlpart(&h, parts[i].in);
		if (strcmp(buf_str(&out), parts[i].out) != 0)
			fail_msg("html_urlpart(\"%s\") = \"%s\", expected \"%s\"", parts[i].in, buf_str(&out),
				 parts[i].out);
	}
}

static const struct {
	const char *url;
	int allowed;
} urls[] = {
	{ "https://example.org/", 1 },
	{ "http://example.org", 1 },
	{ "HTTPS://EXAMPLE.ORG", 1 },
	{ "mailto:kontakt@kommune.dk", 1 },
	{ "MailTo:x@y.dk", 1 },
	{ "/areas/1", 1 },
	{ "areas/1", 1 },
	{ "page", 1 },
	{ "./x:y", 1 },
	{ "/path/with:colon", 1 },
	{ "?q=a:b", 1 },
	{ "#section:2", 1 },
	{ "//example.org/x", 1 },
	{ "", 1 },
	{ "ht\ttps://example.org", 1 }, /* browsers drop the tab: still https */
	{ "javascript:alert(1)", 0 },
	{ "JaVaScRiPt:alert(1)", 0 },
	{ "java\tscript:alert(1)", 0 },
	{ "java\nscript:alert(1)", 0 },
	{ "java\rscript:alert(1)", 0 },
	{ " javascript:alert(1)", 0 },
	{ "\x01javascript:alert(1)", 0 },
	{ "javascript :alert(1)", 0 },
	{ "data:text/html,<script>alert(1)</script>", 0 },
	{ "DATA:text/html;base64,PHNjcmlwdD4=", 0 },
	{ "vbscript:msgbox(1)", 0 },
	{ "file:///etc/passwd", 0 },
	{ "ftp://example.org", 0 },
	{ "tel:+4512345678", 0 },
	{ "averyveryverylongscheme:x", 0 },
	{ ":nothing", 0 },
};

static void test_url_allowed_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++)
		if (html_url_allowed(urls[i].url, strlen(urls[i].url)) != urls[i].allowed)
			fail_msg("html_url_allowed(\"%s\") = %d, expected %d", urls[i].url, !urls[i].allowed,
				 urls[i].allowed);
	/* Only n bytes are looked at. */
	assert_true(html_url_allowed("javascript:x", 4)); /* "java": relative */
}

static void test_href_writes_safe_targets_escaped_else_hash(void **state)
{
	(void)state;
	writer("da");
	assert_int_equal(html_href(&h, "https://x.dk/?a=1&b=\"2\""), 1);
	assert_string_equal(buf_str(&out), "https://x.dk/?a=1&amp;b=&quot;2&quot;");
	writer("da");
	assert_int_equal(html_href(&h, "javascript:alert(1)"), 0);
	assert_string_equal(buf_str(&out), "#");
	writer("da");
	assert_int_equal(html_href(&h, NULL), 0);
	assert_string_equal(buf_str(&out), "#");
}

static void test_lang_attr_only_for_other_languages(void **state)
{
	(void)state;
	writer("da");
	html_lang_attr(&h, "da");
	assert_string_equal(buf_str(&out), "");
	/* Content of unknown language: its own letters decide the direction. */
	html_lang_attr(&h, NULL);
	assert_string_equal(buf_str(&out), " dir=\"auto\"");
	buf_reset(&out);
	html_lang_attr(&h, "");
	assert_string_equal(buf_str(&out), " dir=\"auto\"");
	buf_reset(&out);
	html_lang_attr(&h, "en");
	assert_string_equal(buf_str(&out), " lang=\"en\"");

	writer("en");
	html_lang_attr(&h, "da");
	assert_string_equal(buf_str(&out), " lang=\"da\"");

	/* Stored language codes are data: escaped like any other. */
	writer("da");
	html_lang_attr(&h, "en\" onfocus=\"x");
	assert_string_equal(buf_str(&out), " lang=\"en&quot; onfocus=&quot;x\"");

	/* Right-to-left content on a left-to-right page gets dir, also in a
	 * language the interface has no catalogue for (Farsi, Pashto). */
	writer("da");
	html_lang_attr(&h, "ar");
	assert_string_equal(buf_str(&out), " lang=\"ar\" dir=\"rtl\"");
	buf_reset(&out);
	html_lang_attr(&h, "fa");
	assert_string_equal(buf_str(&out), " lang=\"fa\" dir=\"rtl\"");
	buf_reset(&out);
	html_lang_attr(&h, "uk");
	assert_string_equal(buf_str(&out), " lang=\"uk\"");

	/* On a right-to-left page, left-to-right content gets dir too. */
	writer("ar");
	assert_true(h.lang->rtl);
	html_lang_attr(&h, "da");
	assert_string_equal(buf_str(&out), " lang=\"da\" dir=\"ltr\"");
	buf_reset(&out);
	html_lang_attr(&h, "ar");
	assert_string_equal(buf_str(&out), "");
	html_lang_attr(&h, "ps");
	assert_string_equal(buf_str(&out), " lang=\"ps\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_escapes_markup_characters),
		cmocka_unit_test(test_htmlf_escapes_strings_and_prints_numbers),
		cmocka_unit_test(test_htmlf_unknown_conversion_aborts_instead_of_writing_raw),
		cmocka_unit_test(test_htmlf_numbers_take_widths_strings_do_not),
		cmocka_unit_test(test_msgv_fills_placeholders_with_escaped_values),
		cmocka_unit_test(test_msg_writes_catalogue_text_escaped),
		cmocka_unit_test(test_count_picks_the_plural_form),
		cmocka_unit_test(test_urlpart_percent_encodes),
		cmocka_unit_test(test_url_allowed_table),
		cmocka_unit_test(test_href_writes_safe_targets_escaped_else_hash),
		cmocka_unit_test(test_lang_attr_only_for_other_languages),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
