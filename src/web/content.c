/*
 * content.c: content in several languages on a page (see content.h).
 */
#include "web/content.h"

#include <string.h>

#include "core/language.h"
#include "web/widget.h"

static size_t add_want(const char **out, size_t n, size_t max, const char *code)
{
	if (code == NULL || language_find(code) == NULL || n == max)
		return n;
	for (size_t i = 0; i < n; i++)
		if (strcmp(out[i], code) == 0)
			return n;
	out[n] = language_find(code)->code;
	return n + 1;
}

size_t content_wants(struct req *r, const char **out, size_t max)
{
	size_t n = add_want(out, 0, max, req_query(r, "in"));
	if (r->lang_from_cookie)
		n = add_want(out, n, max, r->lang->code);
	const char *accepted[CONTENT_WANTS];
	size_t na = language_accepted(req_header(r, "Accept-Language"), accepted, CONTENT_WANTS);
	for (size_t i = 0; i < na; i++)
		n = add_want(out, n, max, accepted[i]);
	n = add_want(out, n, max, r->lang->code);
	return add_want(out, n, max, "da");
}

struct content_choice content_pick(struct req *r, const char *original_lang, const struct version *v,
				   size_t n)
{
	const char *wants[CONTENT_WANTS];
	size_t nw = content_wants(r, wants, CONTENT_WANTS);
	struct content_choice c = { original_lang, nw ? wants[0] : "da", NULL };
	for (size_t i = 0; i < nw; i++) {
		if (original_lang && strcmp(wants[i], original_lang) == 0)
			return c;
		for (size_t k = 0; k < n; k++)
			if (strcmp(wants[i], v[k].lang) == 0) {
				c.shown = v[k].lang;
				c.version = &v[k];
				return c;
			}
	}
	return c;
}

void content_language(struct html *h, const char *code)
{
	const struct language *l = language_find(code);
	if (l == NULL) {
		html_text(h, code);
		return;
	}
	html_msg(h, l->name);
	if (strcmp(l->code, h->lang->code) != 0) {
		HTML(h, " (<span");
		html_lang_attr(h, l->code);
		HTMLF(h, ">%s</span>)", l->autonym);
	}
}

void content_languages(struct html *h, const char *set)
{
	int first = 1;
	for (const char *p = set ? set : ""; *p;) {
		p += strspn(p, " ");
		size_t k = strcspn(p, " ");
		const struct language *l = k ? language_findn(p, k) : NULL;
		if (l) {
			if (!first)
				HTML(h, ", ");
			html_msg(h, l->name);
			first = 0;
		}
		p += k;
	}
}

/* A link to the text in code, named in that language, for a reader who
 * may read only that one. */
static void version_link(struct html *h, const char *base, const char *code, int current)
{
	const struct language *l = language_find(code);
	if (l == NULL)
		return;
	HTML(h, "<li><a href=\"");
	html_text(h, base);
	HTMLF(h, "?in=%s\" hreflang=\"%s\"", l->code, l->code);
	html_lang_attr(h, l->code);
	if (current)
		HTML(h, " aria-current=\"true\"");
	HTMLF(h, ">%s</a></li>", l->autonym);
}

void content_nav(struct html *h, struct req *r, const char *base, const struct content_choice *c,
		 const char *original_lang, const struct version *v, size_t n)
{
	(void)r;
	if (c->wanted && strcmp(c->wanted, c->shown) != 0) {
		/* Said in the page's language and in the reader's own. */
		const struct language *want = language_find(c->wanted), *shown = language_find(c->shown);
		HTML(h, "<p class=\"notice\" role=\"note\">");
		if (want && shown) {
			const char *args[] = { msg_get(h->lang, want->name), msg_get(h->lang, shown->name) };
			html_msgv(h, MSG_CONTENT_NOT_IN_LANGUAGE, args, 2);
		}
		HTML(h, "</p>\n");
	}
	if (n == 0)
		return;
	HTML(h, "<nav class=\"versions\" aria-label=\"");
	html_msg(h, MSG_CONTENT_LANGUAGES);
	HTML(h, "\"><span>");
	html_msg(h, MSG_CONTENT_LANGUAGES);
	HTML(h, ":</span><ul>");
	version_link(h, base, original_lang, strcmp(original_lang, c->shown) == 0);
	for (size_t i = 0; i < n; i++)
		version_link(h, base, v[i].lang, strcmp(v[i].lang, c->shown) == 0);
	HTML(h, "</ul></nav>\n");
}

void content_select(struct html *h, struct req *r, const char *name, enum msg label, enum msg none,
		    const char *selected, const struct field_errors *errs)
{
	size_t n = language_count(), k = 0;
	struct option *o = region_calloc(r->region, n + 1, sizeof *o);
	if (none != MSG__MAX)
		o[k++] = (struct option){ "", msg_get(h->lang, none) };
	for (size_t i = 0; i < n; i++) {
		const struct language *l = language_at(i);
		const char *own = msg_get(h->lang, l->name);
		o[k].value = l->code;
		o[k++].label = strcmp(l->code, h->lang->code) == 0
				       ? own
				       : region_printf(r->region, "%s (%s)", own, l->autonym);
	}
	widget_select(h, name, label, o, k, selected, errs);
}

void content_checkboxes(struct html *h, const char *name, enum msg legend, const char *set,
			const struct field_errors *errs)
{
	enum msg error = errs ? field_error_get(errs, name) : MSG__MAX;
	HTMLF(h, "<fieldset id=\"%s\" class=\"languages%s\"", name, error != MSG__MAX ? " invalid" : "");
	if (error != MSG__MAX)
		HTMLF(h, " aria-describedby=\"%s-error\"", name);
	HTML(h, "><legend>");
	html_msg(h, legend);
	HTML(h, "</legend>");
	if (error != MSG__MAX) {
		HTMLF(h, "<p class=\"error\" id=\"%s-error\">", name);
		html_msg(h, error);
		HTML(h, "</p>");
	}
	for (size_t i = 0; i < language_count(); i++) {
		const struct language *l = language_at(i);
		HTMLF(h, "<div class=\"check\"><input type=\"checkbox\" id=\"%s-%s\" name=\"%s\" value=\"%s\"%s>"
			 "<label for=\"%s-%s\">",
		      name, l->code, name, l->code, language_set_has(set, l->code) ? " checked" : "", name,
		      l->code);
		content_language(h, l->code);
		HTML(h, "</label></div>");
	}
	HTML(h, "</fieldset>\n");
}

const char *content_form_set(struct req *r, const char *name)
{
	struct buf b = BUF_INIT(4096);
	for (size_t i = 0; i < r->form.n; i++)
		if (strcmp(r->form.items[i].key, name) == 0)
			buf_printf(&b, "%s%s", b.len ? " " : "", r->form.items[i].value);
	const char *s = b.overflow ? "" : region_strdup(r->region, buf_str(&b));
	buf_free(&b);
	return s;
}
