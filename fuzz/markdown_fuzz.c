/*
 * markdown_fuzz.c: libFuzzer harness for src/web/markdown.c. Besides
 * crashes and sanitizer reports it checks the output the way a browser
 * would read it: every '<' opens one of the tags the renderer writes (so
 * no user markup and never "<script"), every href's scheme, after the
 * browser decodes references and drops tabs and line breaks, is http,
 * https, mailto or none (so never javascript:), and every '&' starts a
 * character reference, and every tag is closed in order: balanced
 * whatever md4c's callbacks do (it leaves spans it never entered, leaves
 * them out of order, or never leaves them; markdown.c must not let that
 * through). Excerpts of the same input must hold no tag at all.
 * Run long through fuzz/run (make fuzz); make check replays the corpus.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "web/markdown.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *input;

static void fail(const char *what, const char *html, const char *at)
{
	fprintf(stderr, "markdown_fuzz: %s at offset %ld\n  input: %s\n  output: %s\n", what,
		(long)(at - html), input, html);
	abort();
}

/* Tags the renderer writes without attributes, or with fixed ones. */
static const char *const plain_tags[] = {
	"p>", "/p>", "em>", "/em>", "strong>", "/strong>", "code>", "/code>", "del>", "/del>",
	"u>", "/u>", "/a>", "h3>", "/h3>", "h4>", "/h4>", "h5>", "/h5>", "h6>", "/h6>", "pre>",
	"/pre>", "blockquote>", "/blockquote>", "ul>", "/ul>", "ol>", "/ol>", "li>", "/li>",
	"hr>", "br>", "div class=\"table\">", "/div>", "table>", "/table>", "thead>", "/thead>",
	"tbody>", "/tbody>", "tr>", "/tr>", "th scope=\"col\">", "/th>", "td>", "/td>",
};

/* Checks an href value (between the quotes) as a browser reads it. */
static void check_href(const char *html, const char *v, size_t n)
{
	char url[8192];
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < sizeof url; i++) {
		char c = v[i];
		if (c == '<' || c == '>')
			fail("raw angle bracket in href", html, v + i);
		if (c == '&') {
			static const struct {
				const char *ref;
				char c;
			} refs[] = { { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&#39;", '\'' } };
			size_t r;
			for (r = 0; r < sizeof refs / sizeof refs[0]; r++)
				if (strncmp(v + i, refs[r].ref, strlen(refs[r].ref)) == 0)
					break;
			if (r == sizeof refs / sizeof refs[0])
				fail("a reference in href the browser would decode", html, v + i);
			c = refs[r].c;
			i += strlen(refs[r].ref) - 1;
		}
		if (c == '\t' || c == '\n' || c == '\r')
			continue; /* browsers drop these anywhere in a URL */
		url[k++] = c;
	}
	url[k] = '\0';
	const char *u = url;
	while (*u && (unsigned char)*u <= ' ')
		u++; /* and leading C0 controls and spaces */
	if (isalpha((unsigned char)*u)) {
		const char *p = u + 1;
		while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
			p++;
		if (*p == ':') {
			size_t len = (size_t)(p - u);
			if (!((len == 4 && strncasecmp(u, "http", 4) == 0) ||
			      (len == 5 && strncasecmp(u, "https", 5) == 0) ||
			      (len == 6 && strncasecmp(u, "mailto", 6) == 0)))
				fail("href with a scheme other than http, https or mailto", html, v);
		}
	}
	/* Redundant with the scheme check, kept as the plain statement of the
	 * rule. "https://x/?next=javascript:y" is a fine link, so only the
	 * scheme position counts. */
	if (strncasecmp(u, "javascript:", 11) == 0)
		fail("javascript: href", html, v);
}

static const char *stack[256];
static int depth;

static void nest(const char *html, const char *tag)
{
	size_t n = strcspn(tag, " >");
	if ((n == 2 && strncmp(tag, "hr", 2) == 0) || (n == 2 && strncmp(tag, "br", 2) == 0))
		return;
	if (*tag != '/') {
		if (depth < 256)
			stack[depth] = tag;
		depth++;
		return;
	}
	if (depth == 0 || depth > 256)
		fail("closing tag without an open one", html, tag - 1);
	const char *open = stack[--depth];
	if (strcspn(open, " >") != n - 1 || strncmp(open, tag + 1, n - 1) != 0)
		fail("closing tag does not match the open one", html, tag - 1);
}

static void check_html(const char *html)
{
	depth = 0;
	if (strcasestr(html, "<script"))
		fail("<script in output", html, strcasestr(html, "<script"));
	for (const char *p = html; *p; p++) {
		if (*p == '&') {
			const char *q = p + 1;
			if (*q == '#') {
				q++;
				if (*q == 'x' || *q == 'X')
					q++;
			}
			const char *start = q;
			while (isalnum((unsigned char)*q))
				q++;
			if (q == start || *q != ';')
				fail("'&' that does not start a reference", html, p);
			continue;
		}
		if (*p != '<')
			continue;
		const char *t = p + 1;
		size_t i;
		for (i = 0; i < sizeof plain_tags / sizeof plain_tags[0]; i++)
			if (strncmp(t, plain_tags[i], strlen(plain_tags[i])) == 0)
				break;
		if (i < sizeof plain_tags / sizeof plain_tags[0]) {
			nest(html, t);
			p = t + strlen(plain_tags[i]) - 1;
			continue;
		}
		if (strncmp(t, "a href=\"", 8) == 0) {
			const char *v = t + 8, *end = strchr(v, '"');
			if (end == NULL)
				fail("unterminated href", html, p);
			check_href(html, v, (size_t)(end - v));
			if (strncmp(end, "\" rel=\"nofollow ugc\">", 21) != 0)
				fail("link without rel=\"nofollow ugc\" or with more attributes", html, p);
			nest(html, t);
			p = end + 20;
			continue;
		}
		if (strncmp(t, "ol start=\"", 10) == 0) {
			const char *q = t + 10;
			while (*q >= '0' && *q <= '9')
				q++;
			if (q == t + 10 || strncmp(q, "\">", 2) != 0)
				fail("bad <ol start>", html, p);
			nest(html, t);
			p = q + 1;
			continue;
		}
		fail("'<' that is not one of the renderer's tags", html, p);
	}
	if (depth != 0)
		fail("tags left open", html, html + strlen(html));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_i18n_once();
	/* Stored text is a C string: cut at the first NUL. */
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	input = text;
	struct buf out = BUF_INIT(1 << 24);
	struct html h = { &out, i18n_default() };
	if (markdown_render(&h, text) != 0) {
		fprintf(stderr, "markdown_fuzz: md4c failed on: %s\n", text);
		abort();
	}
	if (!out.overflow)
		check_html(buf_str(&out));
	/* An excerpt of the same text is plain text: never a tag. */
	buf_reset(&out);
	markdown_excerpt(&h, text, 40);
	if (strchr(buf_str(&out), '<'))
		fail("a tag in an excerpt", buf_str(&out), strchr(buf_str(&out), '<'));
	buf_free(&out);
	free(text);
	return 0;
}
