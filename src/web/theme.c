/*
 * theme.c: pages for policy themes: the list, and one theme with the
 * arenas on it and their coming activities.
 */
#include "model/activity.h"
#include "model/arena.h"
#include "model/theme.h"
#include "web/layout.h"
#include "web/markdown.h"
#include "web/web.h"

#define HUB_ARENAS 50
#define HUB_ACTIVITIES 20

/* GET /themes: 200; 503. */
int web_theme_list(struct req *r)
{
	struct term *items;
	size_t n;
	enum model_rc rc = theme_list(r->db, r->region, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	const struct layout_page page = { .title = msg_get(r->lang, MSG_THEMES_TITLE), .nav = NAV_THEMES,
					  .description = msg_get(r->lang, MSG_THEMES_INTRO) };
	layout_open(&h, r, &page);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_THEMES_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_THEMES_INTRO);
	HTML(&h, "</p>\n");
	web_term_cards(&h, "/themes", items, n);
	layout_end(&h, r);
	return 200;
}

/* GET /themes/{id}: 200; 404 no such theme; 503. */
int web_theme_show(struct req *r)
{
	struct term t;
	struct arena *arenas;
	struct activity *next;
	size_t narenas = 0, nnext = 0;
	struct arena_filter af = { .theme_id = r->params[0], .phase_kind = -1, .status = -1 };
	struct paging ap = { 1, HUB_ARENAS, 0 };
	enum model_rc rc = theme_get(r->db, r->region, r->params[0], &t);
	if (rc == MODEL_OK)
		rc = arena_list(r->db, r->region, &af, &ap, &arenas, &narenas);
	if (rc == MODEL_OK)
		rc = activity_list_upcoming(r->db, r->region, t.id, 0, HUB_ACTIVITIES, &next, &nnext);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	const struct layout_page page = { .title = t.name, .nav = NAV_THEMES, .description_md = t.description,
					  .content_lang = t.lang };
	layout_open(&h, r, &page);
	HTML(&h, "<nav class=\"crumbs\" aria-label=\"");
	html_msg(&h, MSG_NAV_BREADCRUMBS);
	HTML(&h, "\"><a href=\"/themes\">");
	html_msg(&h, MSG_THEMES_TITLE);
	HTML(&h, "</a></nav>\n<h1");
	html_lang_attr(&h, t.lang);
	HTMLF(&h, ">%s</h1>\n", t.name);
	web_term_retired(&h, &t);
	markdown_content(&h, t.lang, t.description);
	web_hub(&h, r, arenas, narenas, next, nnext);
	layout_end(&h, r);
	return 200;
}
