/*
 * guides.c: what the guide programme's pages share (see guides.h).
 */
#include "web/guides.h"

#include <stdlib.h>
#include <string.h>

#include "model/role.h"
#include "web/guard.h"
#include "web/web.h"

int guides_programme(struct req *r, struct programme *p)
{
	enum model_rc rc = programme_get(r->db, r->region, r->params[0], p);
	return rc == MODEL_OK ? 0 : req_status(r, model_status(rc));
}

struct newcomer_actor guides_actor(struct req *r)
{
	return (struct newcomer_actor){ r->user_id, r->client };
}

const char *guides_path(struct req *r, int64_t programme_id, const char *suffix)
{
	return region_printf(r->region, "/programmes/%lld%s", (long long)programme_id, suffix);
}

void guides_menu(struct html *h, struct req *r, const struct programme *p, const char *current)
{
	static const struct {
		const char *suffix;
		enum msg name;
	} items[] = {
		{ "/round", MSG_GUIDES_MENU_ROUND },	       { "/matches", MSG_GUIDES_MENU_MATCHES },
		{ "/newcomers", MSG_GUIDES_MENU_NEWCOMERS }, { "/guides", MSG_GUIDES_MENU_GUIDES },
		{ "/dashboard", MSG_GUIDES_MENU_DASHBOARD }, { "/settings", MSG_GUIDES_MENU_SETTINGS },
	};
	HTMLF(h, "<nav class=\"chips\" aria-label=\"%s\"><ul>", msg_get(r->lang, MSG_GUIDES_MENU));
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
		const char *path = guides_path(r, p->id, items[i].suffix);
		HTML(h, "<li><a href=\"");
		html_text(h, path);
		HTML(h, "\"");
		if (current && strcmp(current, path) == 0)
			HTML(h, " aria-current=\"page\"");
		HTML(h, ">");
		html_msg(h, items[i].name);
		HTML(h, "</a></li>");
	}
	HTML(h, "</ul></nav>\n");
}

void guides_heading(struct html *h, struct req *r, const struct programme *p, const char *title)
{
	HTMLF(h, "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/programmes\">%s</a> › "
		 "<a href=\"/programmes/%lld\">%s</a></nav>\n<h1>%s</h1>\n",
	      msg_get(r->lang, MSG_NAV_BREADCRUMBS), msg_get(r->lang, MSG_PROGRAMMES_TITLE),
	      (long long)p->id, p->name, title);
}

/* The words of a set, joined "a, b og c". */
static void set_words(struct buf *b, const struct lang *l, const struct vocab *v, uint64_t set)
{
	int total = __builtin_popcountll(set), k = 0;
	for (int i = 0; i < v->n; i++) {
		if (!(set & (1ull << i)))
			continue;
		if (k > 0 && k == total - 1) {
			buf_putc(b, ' ');
			buf_puts(b, msg_get(l, MSG_LIST_AND));
			buf_putc(b, ' ');
		} else if (k > 0) {
			buf_puts(b, msg_get(l, MSG_LIST_COMMA));
			buf_putc(b, ' ');
		}
		buf_puts(b, msg_get(l, vocab_msg(v, i)));
		k++;
	}
}

const char *guides_set_text(struct region *a, const struct lang *l, const struct vocab *v,
			    uint64_t set)
{
	struct buf b = BUF_INIT(4096);
	set_words(&b, l, v, set);
	const char *out = region_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}

void guides_set(struct html *h, const struct vocab *v, uint64_t set)
{
	struct buf b = BUF_INIT(4096);
	set_words(&b, h->lang, v, set);
	html_text(h, buf_str(&b));
	buf_free(&b);
}

/* A vocabulary as options in the reader's language. */
static struct option *options(struct req *r, const struct vocab *v)
{
	struct option *o = region_calloc(r->region, (size_t)v->n + 1, sizeof *o);
	for (int i = 0; i < v->n; i++)
		o[i] = (struct option){ vocab_code(v, i), msg_get(r->lang, vocab_msg(v, i)) };
	return o;
}

void guides_checks(struct html *h, struct req *r, const char *name, enum msg legend,
		   enum msg hint, const struct vocab *v, uint64_t set,
		   const struct field_errors *errs)
{
	int *on = region_calloc(r->region, (size_t)v->n + 1, sizeof *on);
	for (int i = 0; i < v->n; i++)
		on[i] = (set & (1ull << i)) != 0;
	widget_choices(h, name, 1, legend, hint, options(r, v), (size_t)v->n, on, errs);
}

void guides_radios(struct html *h, struct req *r, const char *name, enum msg legend,
		   const struct vocab *v, int selected, const struct field_errors *errs)
{
	int *on = region_calloc(r->region, (size_t)v->n + 1, sizeof *on);
	if (selected >= 0 && selected < v->n)
		on[selected] = 1;
	widget_choices(h, name, 0, legend, MSG__MAX, options(r, v), (size_t)v->n, on, errs);
}

int guides_form_set(struct req *r, const char *name, const struct vocab *v, uint64_t *set)
{
	*set = 0;
	for (size_t i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.items[i].key, name) != 0)
			continue;
		const char *value = r->form.items[i].value;
		uint64_t one;
		const char *bad;
		size_t badlen;
		if (vocab_set_parse(v, value, &one, &bad, &badlen) != 0) {
			r->error_detail = region_strndup(r->region, bad, badlen);
			return -1;
		}
		*set |= one;
	}
	return 0;
}

int guides_form_choice(struct req *r, const char *name, const struct vocab *v)
{
	return vocab_parse(v, req_form(r, name));
}

int64_t guides_form_int(struct req *r, const char *name, int64_t lo, int64_t hi, int64_t def,
			int *ok)
{
	const char *s = req_form(r, name);
	*ok = 1;
	if (s == NULL || *s == '\0')
		return def;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*end || v < lo || v > hi) {
		*ok = 0;
		return def;
	}
	return v;
}
