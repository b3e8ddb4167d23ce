/*
 * markdown.c: md4c callbacks writing through the HTML writer (see
 * markdown.h).
 */
#include "web/markdown.h"

#include <md4c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"

#define HEADING_SHIFT 2 /* "# x" becomes <h3> */

/* Inline elements tracked at once; deeper ones are not written. */
#define MD_MAX_OPEN 128

/* An inline element written and not yet closed. */
struct md_open {
	unsigned char type;  /* MD_SPAN_EM ... MD_SPAN_U, or MD_SPAN_A for links and images */
	unsigned char wrote; /* its tag was written (a link to an unsafe target is not) */
};

/*
 * md4c 0.4.8 does not always pair its span callbacks: it may leave a span
 * it never entered (permissive autolinks inside strikethrough), leave
 * spans out of order, or never leave one at all ("a *c[x](y*n) * more"
 * enters <em> and never leaves it, and the rest of the page turned
 * italic). So the writer keeps its own stack of what it wrote and never
 * trusts md4c for balance: a leave closes the innermost open element of
 * its type (closing those inside it and opening them again), a leave
 * with none open writes nothing, and every block closes whatever its
 * inline content left open. The HTML is balanced whatever md4c does.
 */
struct md_state {
	struct html *h;
	int image_depth;    /* inside an image: only its alternative text shows */
	struct md_open open[MD_MAX_OPEN];
	int nopen;
};
/* Writes a valid character reference as is; anything else escaped. */
static void write_entity(struct html *h, const char *s, size_t n)
{
	int ok = n >= 3 && n <= 34 && s[0] == '&' && s[n - 1] == ';';
	if (ok && s[1] == '#') {
		int hex = n > 3 && (s[2] == 'x' || s[2] == 'X');
		size_t start = hex ? 3 : 2;
		ok = n - 1 > start && n - 1 - start <= (hex ? 6u : 7u);
		for (size_t i = start; ok && i < n - 1; i++)
			ok = hex ? strchr("0123456789abcdefABCDEF", s[i]) != NULL : (s[i] >= '0' && s[i] <= '9');
	} else {
		for (size_t i = 1; ok && i < n - 1; i++)
			ok = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
			     (i > 1 && s[i] >= '0' && s[i] <= '9');
	}
	if (!ok) {
		html_textn(h, s, n);
		return;
	}
	/* Validated above: '&', name or number, ';' cannot open markup. */
	buf_put(h->out, s, n);
}

/* Decodes an attribute's entities into out; -1 if one cannot be decoded
 * safely (named entities other than the five basic ones). */
static int attr_decode(const MD_ATTRIBUTE *at, struct buf *out)
{
	for (int i = 0; at->substr_offsets[i] < at->size; i++) {
		const char *s = at->text + at->substr_offsets[i];
		size_t n = at->substr_offsets[i + 1] - at->substr_offsets[i];
		if (at->substr_types[i] == MD_TEXT_NULLCHAR)
			return -1;
		if (at->substr_types[i] != MD_TEXT_ENTITY) {
			buf_put(out, s, n);
			continue;
		}
		static const struct {
			const char *name;
			char c;
		} basic[] = { { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&apos;", '\'' } };
		size_t b;
		for (b = 0; b < sizeof basic / sizeof basic[0]; b++)
			if (strlen(basic[b].name) == n && memcmp(basic[b].name, s, n) == 0) {
				buf_putc(out, basic[b].c);
				break;
			}
		if (b < sizeof basic / sizeof basic[0])
			continue;
		if (n < 4 || s[1] != '#')
			return -1;
		long cp = (s[2] == 'x' || s[2] == 'X') ? strtol(s + 3, NULL, 16) : strtol(s + 2, NULL, 10);
		if (cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return -1;
		char u[4];
		size_t k;
		if (cp < 0x80) {
			u[0] = (char)cp, k = 1;
		} else if (cp < 0x800) {
			u[0] = (char)(0xc0 | (cp >> 6)), u[1] = (char)(0x80 | (cp & 0x3f)), k = 2;
		} else if (cp < 0x10000) {
			u[0] = (char)(0xe0 | (cp >> 12)), u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
			u[2] = (char)(0x80 | (cp & 0x3f)), k = 3;
		} else {
			u[0] = (char)(0xf0 | (cp >> 18)), u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
			u[2] = (char)(0x80 | ((cp >> 6) & 0x3f)), u[3] = (char)(0x80 | (cp & 0x3f)), k = 4;
		}
		buf_put(out, u, k);
	}
	return 0;
}

/* Opens <a href> for a safe target and returns 1; 0 writes nothing. */
static int open_link(struct html *h, const MD_ATTRIBUTE *href)
{
	struct buf url = BUF_INIT(8192);
	int ok = attr_decode(href, &url) == 0 && !url.overflow && html_url_allowed(buf_str(&url), url.len);
	if (ok) {
		HTML(h, "<a href=\"");
		html_text(h, buf_str(&url));
		HTML(h, "\" rel=\"nofollow ugc\">");
	}
	buf_free(&url);
	return ok;
}

/* Writes the opening or closing tag of an open element. */
static void span_tag(struct html *h, const struct md_open *o, int close)
{
	if (!o->wrote)
		return;
	switch (o->type) {
	case MD_SPAN_EM:
		if (close)
			HTML(h, "</em>");
		else
			HTML(h, "<em>");
		break;
	case MD_SPAN_STRONG:
		if (close)
			HTML(h, "</strong>");
		else
			HTML(h, "<strong>");
		break;
	case MD_SPAN_CODE:
		if (close)
			HTML(h, "</code>");
		else
			HTML(h, "<code>");
		break;
	case MD_SPAN_DEL:
		if (close)
			HTML(h, "</del>");
		else
			HTML(h, "<del>");
		break;
	case MD_SPAN_U:
		if (close)
			HTML(h, "</u>");
		else
			HTML(h, "<u>");
		break;
	case MD_SPAN_A:
		if (close)
			HTML(h, "</a>"); /* opened by open_link */
		break;
	default:
		break;
	}
}

/* Closes every inline element still open: a block never leaves one. */
static void close_all(struct md_state *st)
{
	while (st->nopen > 0)
		span_tag(st->h, &st->open[--st->nopen], 1);
	st->image_depth = 0;
}

static void push(struct md_state *st, MD_SPANTYPE type, int wrote)
{
	if (st->nopen == MD_MAX_OPEN) {
		/* Too deep to track: a link written is closed at once. */
		struct md_open o = { (unsigned char)type, (unsigned char)wrote };
		span_tag(st->h, &o, 1);
		return;
	}
	st->open[st->nopen].type = (unsigned char)type;
	st->open[st->nopen].wrote = (unsigned char)wrote;
	st->nopen++;
}

/* Closes the innermost open element of type, closing the elements
 * inside it first and opening them again after (a link is not opened
 * again: its text goes on as text). None open: nothing is written. */
static void pop(struct md_state *st, MD_SPANTYPE type)
{
	int k = st->nopen - 1;
	while (k >= 0 && st->open[k].type != type)
		k--;
	if (k < 0)
		return;
	for (int i = st->nopen - 1; i >= k; i--)
		span_tag(st->h, &st->open[i], 1);
	int n = k;
	for (int i = k + 1; i < st->nopen; i++) {
		if (st->open[i].type == MD_SPAN_A)
			continue;
		st->open[n] = st->open[i];
		span_tag(st->h, &st->open[n], 0);
		n++;
	}
	st->nopen = n;
}

/* Whether a link is open (an <a> inside an <a> is invalid). */
static int in_link(const struct md_state *st)
{
	for (int i = 0; i < st->nopen; i++)
		if (st->open[i].type == MD_SPAN_A && st->open[i].wrote)
			return 1;
	return 0;
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *data)
{
	struct md_state *st = data;
	struct html *h = st->h;
	close_all(st);
	switch (type) {
	case MD_BLOCK_DOC:
		break;
	case MD_BLOCK_QUOTE:
		HTML(h, "<blockquote>");
		break;
	case MD_BLOCK_UL:
		HTML(h, "<ul>");
		break;
	case MD_BLOCK_OL: {
		unsigned start = ((MD_BLOCK_OL_DETAIL *)detail)->start;
		if (start == 1)
			HTML(h, "<ol>");
		else
			HTMLF(h, "<ol start=\"%u\">", start);
		break;
	}
	case MD_BLOCK_LI:
		HTML(h, "<li>");
		break;
	case MD_BLOCK_HR:
		HTML(h, "<hr>");
		break;
	case MD_BLOCK_H: {
		unsigned level = ((MD_BLOCK_H_DETAIL *)detail)->level + HEADING_SHIFT;
		HTMLF(h, "<h%u>", level > 6 ? 6 : level);
		break;
	}
	case MD_BLOCK_CODE:
		HTML(h, "<pre><code>");
		break;
	case MD_BLOCK_HTML:
		HTML(h, "<p>");
		break;
	case MD_BLOCK_P:
		HTML(h, "<p>");
		break;
	case MD_BLOCK_TABLE:
		HTML(h, "<div class=\"table\"><table>");
		break;
	case MD_BLOCK_THEAD:
		HTML(h, "<thead>");
		break;
	case MD_BLOCK_TBODY:
		HTML(h, "<tbody>");
		break;
	case MD_BLOCK_TR:
		HTML(h, "<tr>");
		break;
	case MD_BLOCK_TH:
		HTML(h, "<th scope=\"col\">");
		break;
	case MD_BLOCK_TD:
		HTML(h, "<td>");
		break;
	}
	return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *data)
{
	struct md_state *st = data;
	struct html *h = st->h;
	close_all(st);
	switch (type) {
	case MD_BLOCK_DOC:
		break;
	case MD_BLOCK_QUOTE:
		HTML(h, "</blockquote>");
		break;
	case MD_BLOCK_UL:
		HTML(h, "</ul>");
		break;
	case MD_BLOCK_OL:
		HTML(h, "</ol>");
		break;
	case MD_BLOCK_LI:
		HTML(h, "</li>");
		break;
	case MD_BLOCK_HR:
		break;
	case MD_BLOCK_H: {
		unsigned level = ((MD_BLOCK_H_DETAIL *)detail)->level + HEADING_SHIFT;
		HTMLF(h, "</h%u>", level > 6 ? 6 : level);
		break;
	}
	case MD_BLOCK_CODE:
		HTML(h, "</code></pre>");
		break;
	case MD_BLOCK_HTML:
	case MD_BLOCK_P:
		HTML(h, "</p>");
		break;
	case MD_BLOCK_TABLE:
		HTML(h, "</table></div>");
		break;
	case MD_BLOCK_THEAD:
		HTML(h, "</thead>");
		break;
	case MD_BLOCK_TBODY:
		HTML(h, "</tbody>");
		break;
	case MD_BLOCK_TR:
		HTML(h, "</tr>");
		break;
	case MD_BLOCK_TH:
		HTML(h, "</th>");
		break;
	case MD_BLOCK_TD:
		HTML(h, "</td>");
		break;
	}
	return 0;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *data)
{
	struct md_state *st = data;
	if (st->image_depth) {
		/* Inside an image only the alternative text shows. */
		st->image_depth += type == MD_SPAN_IMG;
		return 0;
	}
	switch (type) {
	case MD_SPAN_EM:
	case MD_SPAN_STRONG:
	case MD_SPAN_CODE:
	case MD_SPAN_DEL:
	case MD_SPAN_U:
		if (st->nopen < MD_MAX_OPEN) { /* deeper: written as text */
			push(st, type, 1);
			span_tag(st->h, &st->open[st->nopen - 1], 0);
		}
		break;
	case MD_SPAN_A:
		push(st, MD_SPAN_A, !in_link(st) && open_link(st->h, &((MD_SPAN_A_DETAIL *)detail)->href));
		break;
	case MD_SPAN_IMG:
		/* Images from elsewhere are blocked by our CSP anyway: show the
		 * alternative text as a link to the image. */
		push(st, MD_SPAN_A, !in_link(st) && open_link(st->h, &((MD_SPAN_IMG_DETAIL *)detail)->src));
		st->image_depth = 1;
		break;
	case MD_SPAN_LATEXMATH:
	case MD_SPAN_LATEXMATH_DISPLAY:
	case MD_SPAN_WIKILINK:
		break;
	}
	return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *data)
{
	struct md_state *st = data;
	(void)detail;
	if (st->image_depth) {
		if (type == MD_SPAN_IMG && --st->image_depth == 0)
			pop(st, MD_SPAN_A);
		return 0;
	}
	switch (type) {
	case MD_SPAN_EM:
	case MD_SPAN_STRONG:
	case MD_SPAN_CODE:
	case MD_SPAN_DEL:
	case MD_SPAN_U:
		pop(st, type);
		break;
	case MD_SPAN_A:
	case MD_SPAN_IMG:
		pop(st, MD_SPAN_A);
		break;
	case MD_SPAN_LATEXMATH:
	case MD_SPAN_LATEXMATH_DISPLAY:
	case MD_SPAN_WIKILINK:
		break;
	}
	return 0;
}

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *data)
{
	struct html *h = ((struct md_state *)data)->h;
	switch (type) {
	case MD_TEXT_NULLCHAR:
		HTML(h, "\xEF\xBF\xBD"); /* U+FFFD */
		break;
	case MD_TEXT_BR:
		HTML(h, "<br>\n");
		break;
	case MD_TEXT_SOFTBR:
		HTML(h, "\n");
		break;
	case MD_TEXT_ENTITY:
		write_entity(h, s, n);
		break;
	default: /* normal, code, raw HTML (shown as text), math */
		html_textn(h, s, n);
		break;
	}
	return 0;
}

int markdown_render(struct html *h, const char *s)
{
	struct md_state st = { .h = h };
	MD_PARSER parser = {
		.abi_version = 0,
		.flags = MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH |
			 MD_FLAG_PERMISSIVEURLAUTOLINKS,
		.enter_block = enter_block,
		.leave_block = leave_block,
		.enter_span = enter_span,
		.leave_span = leave_span,
		.text = text,
	};
	size_t mark = h->out->len;
	int rc = md_parse(s, (MD_SIZE)strlen(s), &parser, &st);
	close_all(&st);
	if (rc != 0) {
		h->out->len = mark;
		HTML(h, "<p>");
		html_text(h, s);
		HTML(h, "</p>");
		return -1;
	}
	return 0;
}

enum excerpt_state { BEFORE_PARAGRAPH, IN_PARAGRAPH, DONE };

struct excerpt {
	struct html *h;
	size_t used, max; /* bytes of text written, and the most */
	enum excerpt_state state;
};

static int excerpt_enter(MD_BLOCKTYPE type, void *detail, void *data)
{
	struct excerpt *x = data;
	(void)detail;
	if (type == MD_BLOCK_P && x->state == BEFORE_PARAGRAPH)
		x->state = IN_PARAGRAPH;
	return 0;
}

/* Non-zero asks md4c to stop: after the first paragraph there is nothing
 * to do (md4c may go on parsing; the state keeps the rest out). */
static int excerpt_leave(MD_BLOCKTYPE type, void *detail, void *data)
{
	struct excerpt *x = data;
	(void)detail;
	if (type == MD_BLOCK_P && x->state == IN_PARAGRAPH)
		x->state = DONE;
	return x->state == DONE;
}

static int excerpt_span(MD_SPANTYPE type, void *detail, void *data)
{
	(void)type;
	(void)detail;
	(void)data;
	return 0;
}

static int excerpt_text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE size, void *data)
{
	struct excerpt *x = data;
	size_t n = size;
	if (x->state != IN_PARAGRAPH)
		return x->state == DONE;
	if (type == MD_TEXT_ENTITY) {
		write_entity(x->h, s, n);
		x->used++;
		return 0;
	}
	if (type == MD_TEXT_SOFTBR || type == MD_TEXT_BR)
		s = " ", n = 1;
	else if (type == MD_TEXT_NULLCHAR)
		s = "\xEF\xBF\xBD", n = 3;
	if (x->used + n <= x->max) {
		html_textn(x->h, s, n);
		x->used += n;
		return 0;
	}
	/* Too long: end before the last space that fits, or before this
	 * piece; only a first word longer than max is cut inside. */
	size_t cut = x->used < x->max ? utf8_prefix(s, x->max - x->used) : 0;
	size_t space = cut;
	while (space > 0 && s[space - 1] != ' ')
		space--;
	if (space > 0)
		cut = space - 1;
	else if (x->used > 0)
		cut = 0;
	html_textn(x->h, s, cut);
	HTML(x->h, "…");
	x->state = DONE;
	return 1;
}

int markdown_content(struct html *h, const char *content_lang, const char *text)
{
	int other = content_lang && *content_lang && strcmp(content_lang, h->lang->code) != 0;
	if (other) {
		HTML(h, "<div");
		html_lang_attr(h, content_lang);
		HTML(h, ">");
	}
	int rc = markdown_render(h, text);
	if (other)
		HTML(h, "</div>");
	return rc;
}

void markdown_excerpt(struct html *h, const char *text, size_t max)
{
	struct excerpt x = { .h = h, .max = max };
	MD_PARSER parser = {
		.abi_version = 0,
		.flags = MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH,
		.enter_block = excerpt_enter,
		.leave_block = excerpt_leave,
		.enter_span = excerpt_span,
		.leave_span = excerpt_span,
		.text = excerpt_text,
	};
	/* A non-zero result is the stop above, or md4c out of memory: either
	 * way what was written is a whole excerpt. */
	(void)md_parse(text, (MD_SIZE)strlen(text), &parser, &x);
}
