/*
 * html.c: escaping writer (see html.h).
 */
#include "web/html.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include "core/language.h"
#include "core/log.h"
#include "http/form.h"

void html_raw_(struct html *h, const char *literal)
{
	buf_puts(h->out, literal);
}

void html_textn(struct html *h, const char *s, size_t n)
{
	const char *run = s;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		buf_put(h->out, run, (size_t)(s + i - run));
		buf_puts(h->out, rep);
		run = s + i + 1;
	}
	buf_put(h->out, run, (size_t)(s + n - run));
}

void html_text(struct html *h, const char *s)
{
	if (s)
		html_textn(h, s, strlen(s));
}

/* A whole number in decimal, without printf: pages write many. */
static void put_unsigned(struct buf *b, unsigned long long u, int negative)
{
	char digits[24], *p = digits + sizeof digits;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (negative)
		*--p = '-';
	buf_put(b, p, (size_t)(digits + sizeof digits - p));
}

static void put_signed(struct buf *b, long long v)
{
	put_unsigned(b, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v, v < 0);
}

void html_printf_(struct html *h, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *run = fmt;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		buf_put(h->out, run, (size_t)(p - run));
		/* One conversion: flags and width pass through to numbers; %s
		 * takes none, as it is always escaped whole. */
		const char *spec = p++;
		p += strspn(p, "-+ #0");
		p += strspn(p, "0123456789");
		int longs = 0, size = 0;
		while (*p == 'l')
			longs++, p++;
		if (*p == 'z')
			size = 1, p++;
		char one[16];
		size_t n = (size_t)(p - spec) + 1;
		if (n >= sizeof one || (*p == 's' && n != 2)) {
			log_error("HTMLF: unsupported conversion", fmt);
			abort();
		}
		memcpy(one, spec, n);
		one[n] = '\0';
		switch (*p) {
		case 's':
			html_text(h, va_arg(ap, const char *));
			break;
		case 'd':
		case 'i':
		case 'x':
		case 'u':
			if (*p != 'x' && n == 2u + (size_t)longs + (size_t)size) {
				/* No flags, no width: the quick way. */
				if (*p == 'u' && size)
					put_unsigned(h->out, va_arg(ap, size_t), 0);
				else if (size)
					put_signed(h->out, va_arg(ap, ssize_t));
				else if (*p == 'u' && longs == 2)
					put_unsigned(h->out, va_arg(ap, unsigned long long), 0);
				else if (*p == 'u' && longs == 1)
					put_unsigned(h->out, va_arg(ap, unsigned long), 0);
				else if (*p == 'u')
					put_unsigned(h->out, va_arg(ap, unsigned), 0);
				else if (longs == 2)
					put_signed(h->out, va_arg(ap, long long));
				else if (longs == 1)
					put_signed(h->out, va_arg(ap, long));
				else
					put_signed(h->out, va_arg(ap, int));
			} else if (size)
				buf_printf(h->out, one, va_arg(ap, size_t));
			else if (longs == 2)
				buf_printf(h->out, one, va_arg(ap, long long));
			else if (longs == 1)
				buf_printf(h->out, one, va_arg(ap, long));
			else
				buf_printf(h->out, one, va_arg(ap, int));
			break;
		case '%':
			buf_putc(h->out, '%');
			break;
		default:
			/* A format this writer does not know is a bug in a literal. */
			log_error("HTMLF: unsupported conversion", fmt);
			abort();
		}
		run = p + 1;
	}
	buf_puts(h->out, run);
	va_end(ap);
}

void html_msg(struct html *h, enum msg m)
{
	html_text(h, msg_get(h->lang, m));
}

static void put_escaped(void *ctx, const char *s, size_t n, int arg)
{
	(void)arg; /* catalogue text and values alike are plain text */
	html_textn(ctx, s, n);
}

void html_msgv(struct html *h, enum msg m, const char *const *args, int nargs)
{
	msg_expand(h->lang, m, args, nargs, put_escaped, h);
}

void html_msgn(struct html *h, enum msgn m, unsigned long n, const char *const *args, int nargs)
{
	msgn_expand(h->lang, m, n, args, nargs, put_escaped, h);
}

void html_count(struct html *h, enum msgn m, long long n)
{
	char s[24];
	snprintf(s, sizeof s, "%lld", n);
	const char *args[] = { s };
	html_msgn(h, m, n < 0 ? 0 : (unsigned long)n, args, 1);
}

struct parts {
	struct html *h;
	html_part_fn part;
	void *ctx;
};

static void put_part(void *ctx, const char *s, size_t n, int arg)
{
	struct parts *p = ctx;
	if (arg)
		p->part(p->h, arg, p->ctx);
	else
		html_textn(p->h, s, n);
}

void html_msg_parts(struct html *h, enum msg m, int nparts, html_part_fn part, void *ctx)
{
	static const char *const none[9] = { "", "", "", "", "", "", "", "", "" };
	struct parts p = { h, part, ctx };
	msg_expand(h->lang, m, none, nparts < 9 ? nparts : 9, put_part, &p);
}

void html_urlpart(struct html *h, const char *s)
{
	/* The encoding leaves only characters that need no HTML escaping. */
	form_encode(h->out, s);
}

int html_url_allowed(const char *url, size_t n)
{
	/* Browsers drop tabs and line breaks inside a scheme ("java\tscript:"),
	 * so read the scheme without them, case-folded. No colon before the
	 * first '/', '?' or '#' means a relative URL. */
	char scheme[16];
	size_t k = 0, i;
	for (i = 0; i < n; i++) {
		char c = url[i];
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == ':')
			break;
		if (c == '/' || c == '?' || c == '#')
			return 1;
		if (k == sizeof scheme - 1)
			return 0;
		scheme[k++] = c;
	}
	if (i == n)
		return 1;
	scheme[k] = '\0';
	return strcasecmp(scheme, "http") == 0 || strcasecmp(scheme, "https") == 0 ||
	       strcasecmp(scheme, "mailto") == 0;
}

int html_href(struct html *h, const char *url)
{
	if (url == NULL || !html_url_allowed(url, strlen(url))) {
		buf_putc(h->out, '#');
		return 0;
	}
	html_text(h, url);
	return 1;
}

void html_content(struct html *h, const char *tag, const char *content_lang, const char *text)
{
	int other = content_lang && *content_lang && strcmp(content_lang, h->lang->code) != 0;
	if (other) {
		HTMLF(h, "<%s", tag);
		html_lang_attr(h, content_lang);
		HTML(h, ">");
	}
	html_text(h, text);
	if (other)
		HTMLF(h, "</%s>", tag);
}

void html_lang_attr(struct html *h, const char *content_lang)
{
	if (content_lang == NULL || *content_lang == '\0') {
		HTML(h, " dir=\"auto\""); /* unknown: the text's first letters decide */
		return;
	}
	if (strcmp(content_lang, h->lang->code) == 0)
		return;
	HTMLF(h, " lang=\"%s\"", content_lang);
	/* A content language may have no interface catalogue (Arabic text
	 * on a Danish page): its direction comes from the content list. */
	const struct lang *l = i18n_find(content_lang);
	const struct language *c = l ? NULL : language_find(content_lang);
	int rtl = l ? l->rtl : c ? c->rtl : h->lang->rtl;
	if (rtl != h->lang->rtl)
		HTMLF(h, " dir=\"%s\"", rtl ? "rtl" : "ltr");
}

