/*
 * search.c: /search, the page behind the search box every page has
 * (model/search.h): the query and its filters (kind, arena, local area,
 * theme), the number of hits of each kind as links, the hits with the
 * words found marked, and pages of them. A query that cannot be searched
 * gets the reason beside the box, never an error page.
 */
#include <stdio.h>
#include <string.h>

#include "model/arena.h"
#include "model/area.h"
#include "model/search.h"
#include "model/theme.h"
#include "web/layout.h"
#include "http/query.h"
#include "web/web.h"
#include "web/widget.h"

#define HITS_PER_PAGE 20

/* Reads ?q= ?kind= ?arena= ?area= ?theme= ?page=; -1 with r->error set. */
static int read_query(struct req *r, struct search_query *q, int64_t *page)
{
	*q = (struct search_query){ .q = req_query(r, "q"), .kind = -1 };
	const char *kind = req_query(r, "kind");
	if (query_int(r, "arena", 0, 1, INT64_MAX, &q->arena_id) != 0 ||
	    query_int(r, "area", 0, 1, INT64_MAX, &q->area_id) != 0 ||
	    query_int(r, "theme", 0, 1, INT64_MAX, &q->theme_id) != 0 ||
	    query_int(r, "page", 1, 1, 1000000, page) != 0)
		return -1;
	if (kind && *kind && (q->kind = search_kind_parse(kind)) < 0) {
		r->error = MSG_ERROR_BAD_CHOICE;
		r->error_detail = "kind";
		return -1;
	}
	return 0;
}

/* What the filters offer: arenas, areas, themes. */
struct choices {
	struct arena *arenas;
	struct term *areas, *themes;
	size_t narenas, nareas, nthemes;
};

static enum model_rc read_choices(struct req *r, struct choices *c)
{
	struct arena_filter all = { .phase_kind = -1, .status = -1 };
	struct paging p = { 1, 100, 0 };
	enum model_rc rc = arena_list(r->db, r->region, &all, &p, &c->arenas, &c->narenas);
	if (rc == MODEL_OK)
		rc = area_list(r->db, r->region, &c->areas, &c->nareas);
	return rc == MODEL_OK ? theme_list(r->db, r->region, &c->themes, &c->nthemes) : rc;
}

static void filters(struct html *h, struct req *r, const struct search_query *q, const struct choices *c,
		    const struct field_errors *errs)
{
	const struct arena *arenas = c->arenas;
	const struct term *areas = c->areas, *themes = c->themes;
	size_t narenas = c->narenas, nareas = c->nareas, nthemes = c->nthemes;
	size_t most = narenas > nareas ? narenas : nareas;
	most = most > nthemes ? most : nthemes;
	struct option *o = region_calloc(r->region, most + SEARCH_KIND__MAX + 1, sizeof *o);
	enum msg why = field_error_get(errs, "q");
	HTML(h, "<form class=\"filters search-page\" method=\"get\" action=\"/search\" role=\"search\">"
		"<div class=\"field wide");
	if (why != MSG__MAX)
		HTML(h, " invalid");
	HTML(h, "\"><label for=\"q\">");
	html_msg(h, MSG_SEARCH_LABEL);
	HTML(h, "</label>");
	if (why != MSG__MAX) {
		HTML(h, "<p class=\"error\" id=\"q-error\">");
		html_msg(h, why);
		HTML(h, "</p>");
	}
	HTMLF(h, "<input type=\"search\" id=\"q\" name=\"q\" value=\"%s\"", q->q ? q->q : "");
	if (why != MSG__MAX)
		HTML(h, " aria-describedby=\"q-error\" aria-invalid=\"true\"");
	HTML(h, "></div>");
	for (int k = 0; k < SEARCH_KIND__MAX; k++)
		o[k] = (struct option){ search_kind_code((enum search_kind)k),
					msg_get(r->lang, search_kind_msg((enum search_kind)k)) };
	widget_filter_select(h, "kind", MSG_SEARCH_KIND, o, SEARCH_KIND__MAX, req_query(r, "kind"));
	for (size_t i = 0; i < narenas; i++)
		o[i] = (struct option){ region_printf(r->region, "%lld", (long long)arenas[i].id), arenas[i].title };
	widget_filter_select(h, "arena", MSG_SEARCH_ARENA, o, narenas, req_query(r, "arena"));
	for (size_t i = 0; i < nareas; i++)
		o[i] = (struct option){ region_printf(r->region, "%lld", (long long)areas[i].id), areas[i].name };
	widget_filter_select(h, "area", MSG_ORGANISATION_AREA, o, nareas, req_query(r, "area"));
	for (size_t i = 0; i < nthemes; i++)
		o[i] = (struct option){ region_printf(r->region, "%lld", (long long)themes[i].id), themes[i].name };
	widget_filter_select(h, "theme", MSG_ARENA_THEME, o, nthemes, req_query(r, "theme"));
	HTML(h, "<button type=\"submit\">");
	html_msg(h, MSG_SEARCH_BUTTON);
	HTML(h, "</button></form>\n");
}

/* This search with another kind (kind < 0: every kind), from page 1. */
static void kind_link(struct html *h, const struct search_query *q, int kind)
{
	HTML(h, "/search?q=");
	html_urlpart(h, q->q);
	if (kind >= 0)
		HTMLF(h, "&amp;kind=%s", search_kind_code((enum search_kind)kind));
	if (q->arena_id)
		HTMLF(h, "&amp;arena=%lld", (long long)q->arena_id);
	if (q->area_id)
		HTMLF(h, "&amp;area=%lld", (long long)q->area_id);
	if (q->theme_id)
		HTMLF(h, "&amp;theme=%lld", (long long)q->theme_id);
}

static void counts(struct html *h, struct req *r, const struct search_query *q, const struct search_result *res)
{
	int64_t all = 0;
	for (int k = 0; k < SEARCH_KIND__MAX; k++)
		all += res->count[k];
	HTMLF(h, "<nav aria-label=\"%s\"><ul class=\"chips\"><li><a href=\"", msg_get(r->lang, MSG_SEARCH_BY_KIND));
	kind_link(h, q, -1);
	HTML(h, "\"");
	if (q->kind < 0)
		HTML(h, " aria-current=\"true\"");
	HTML(h, ">");
	int more = 0;
	for (int k = 0; k < SEARCH_KIND__MAX; k++)
		more |= res->more[k];
	html_msg(h, MSG_FILTER_ALL);
	HTMLF(h, " (%lld%s)</a></li>", (long long)all, more ? "+" : "");
	for (int k = 0; k < SEARCH_KIND__MAX; k++) {
		if (res->count[k] == 0)
			continue;
		HTML(h, "<li><a href=\"");
		kind_link(h, q, k);
		HTML(h, "\"");
		if (q->kind == k)
			HTML(h, " aria-current=\"true\"");
		HTML(h, ">");
		html_msg(h, search_kind_msg((enum search_kind)k));
		HTMLF(h, " (%lld%s)</a></li>", (long long)res->count[k], res->more[k] ? "+" : "");
	}
	HTML(h, "</ul></nav>\n");
}

static void parts(struct html *h, const struct search_part *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i].hit)
			HTMLF(h, "<mark>%s</mark>", p[i].text);
		else
			html_text(h, p[i].text);
	}
}

static void hit_item(struct html *h, struct req *r, const struct search_hit *it)
{
	HTML(h, "<li");
	html_lang_attr(h, it->lang);
	HTMLF(h, "><h2><a href=\"%s\">", search_link(r->region, it));
	if (it->ntitle) {
		parts(h, it->title, it->ntitle);
	} else if (it->kind == SEARCH_COMMENT && *it->parent_title) {
		const char *args[] = { it->parent_title };
		html_msgv(h, MSG_SEARCH_COMMENT_ON, args, 1);
	} else {
		html_msg(h, search_kind_msg(it->kind));
	}
	HTML(h, "</a></h2><p class=\"meta\"><span class=\"tag\">");
	html_msg(h, search_kind_msg(it->kind));
	HTML(h, "</span>");
	if (it->arena_title && *it->arena_title && it->kind != SEARCH_ARENA)
		HTMLF(h, " %s", it->arena_title);
	else if (it->kind == SEARCH_LEISURE && *it->parent_title)
		HTMLF(h, " %s", it->parent_title);
	HTML(h, "</p>");
	if (it->nextract) {
		HTML(h, "<p>");
		if (it->extract_cut_before)
			HTML(h, "… ");
		parts(h, it->extract, it->nextract);
		if (it->extract_cut_after)
			HTML(h, " …");
		HTML(h, "</p>");
	}
	HTML(h, "</li>");
}

/* GET /search?q=&kind=&arena=&area=&theme=&page=: 200 (also with no
 * query, or one of common words only: the page says so); 400 a query
 * too long, or a bad filter. */
int web_search(struct req *r)
{
	struct search_query q;
	int64_t page;
	if (read_query(r, &q, &page) != 0)
		return 400;
	struct paging p = { page, HITS_PER_PAGE, 0 };
	struct search_result res;
	struct field_errors errs = { .n = 0 };
	int asked = q.q && *q.q;
	struct choices c;
	enum model_rc rc = read_choices(r, &c);
	if (rc == MODEL_OK && asked)
		rc = search_run(r->db, r->region, &q, &p, &res, &errs);
	if (rc != MODEL_OK && rc != MODEL_INVALID)
		return req_status(r, model_status(rc));
	int status = field_error_get(&errs, "q") == MSG_SEARCH_TOO_LONG ? 400 : 200;
	struct html h = web_html(r);
	layout_begin(&h, r, asked ? q.q : msg_get(r->lang, MSG_SEARCH_TITLE), NAV_NONE);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_SEARCH_TITLE);
	HTML(&h, "</h1>\n");
	filters(&h, r, &q, &c, &errs);
	if (asked && rc == MODEL_OK) {
		char total[24];
		snprintf(total, sizeof total, "%lld", (long long)p.total);
		const char *args[] = { total, q.q };
		int more = 0;
		for (int k = 0; k < SEARCH_KIND__MAX; k++)
			more |= res.more[k] && (q.kind < 0 || q.kind == k);
		HTML(&h, "<p class=\"lead\" role=\"status\">");
		html_msgv(&h, more ? MSG_SEARCH_FOUND_MORE : p.total == 1 ? MSG_SEARCH_FOUND_ONE : MSG_SEARCH_FOUND, args, 2);
		HTML(&h, "</p>\n");
		counts(&h, r, &q, &res);
		HTMLF(&h, "<ol class=\"rows results\" start=\"%lld\">", (long long)paging_offset(&p) + 1);
		for (size_t i = 0; i < res.n; i++)
			hit_item(&h, r, &res.hits[i]);
		HTML(&h, "</ol>\n");
		widget_paging(&h, r, &p);
	} else if (!asked) {
		HTML(&h, "<p>");
		html_msg(&h, MSG_SEARCH_INTRO);
		HTML(&h, "</p>\n");
	}
	layout_end(&h, r);
	return status;
}
