/*
 * area.c: pages for local areas: the list, and one area as a way into
 * what happens there: its arenas, the activities coming up, the
 * organisations tied to it, and its calendar feed.
 */
#include "model/activity.h"
#include "model/arena.h"
#include "model/area.h"
#include "model/organisation.h"
#include "web/layout.h"
#include "web/locallife.h"
#include "web/markdown.h"
#include "web/web.h"

#define HUB_ARENAS 50
#define HUB_ACTIVITIES 20

/* GET /areas: 200; 503 when the database is unavailable. */
int web_area_list(struct req *r)
{
	struct term *items;
	size_t n;
	enum model_rc rc = area_list(r->db, r->region, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	const struct layout_page page = { .title = msg_get(r->lang, MSG_AREAS_TITLE), .nav = NAV_AREAS,
					  .description = msg_get(r->lang, MSG_AREAS_INTRO) };
	layout_open(&h, r, &page);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_AREAS_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_AREAS_INTRO);
	HTML(&h, "</p>\n");
	web_term_cards(&h, "/areas", items, n);
	layout_end(&h, r);
	return 200;
}

/* GET /areas/{id}: 200; 404 no such area; 503. */
int web_area_show(struct req *r)
{
	struct term a;
	struct organisation *orgs;
	struct arena *arenas;
	struct activity *next;
	size_t n, narenas = 0, nnext = 0;
	struct organisation_filter f = { .sector = -1, .area_id = r->params[0] };
	struct arena_filter af = { .area_id = r->params[0], .phase_kind = -1, .status = -1 };
	struct paging p = { 1, 200, 0 }, ap = { 1, HUB_ARENAS, 0 };
	int following = 0;
	enum model_rc rc = area_get(r->db, r->region, r->params[0], &a);
	if (rc == MODEL_OK)
		rc = follow_get(r->db, r->user_id, FOLLOW_AREA, a.id, &following);
	if (rc == MODEL_OK)
		rc = organisation_list(r->db, r->region, &f, &p, &orgs, &n);
	if (rc == MODEL_OK)
		rc = arena_list(r->db, r->region, &af, &ap, &arenas, &narenas);
	if (rc == MODEL_OK)
		rc = activity_list_upcoming(r->db, r->region, 0, a.id, HUB_ACTIVITIES, &next, &nnext);
	struct local_life_summary life;
	if (rc == MODEL_OK)
		rc = web_local_life_load(r, a.id, &life);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *ics = region_printf(r->region, "/areas/%lld/calendar.ics", (long long)a.id);
	const struct layout_alternate alt = { "text/calendar", ics, msg_get(r->lang, MSG_CALENDAR_AREA) };
	struct html h = web_html(r);
	const struct layout_page page = { .title = a.name, .nav = NAV_AREAS, .description_md = a.description,
					  .content_lang = a.lang, .alternates = &alt, .nalternates = 1 };
	layout_open(&h, r, &page);
	HTML(&h, "<nav class=\"crumbs\" aria-label=\"");
	html_msg(&h, MSG_NAV_BREADCRUMBS);
	HTML(&h, "\"><a href=\"/areas\">");
	html_msg(&h, MSG_AREAS_TITLE);
	HTML(&h, "</a></nav>\n<h1");
	html_lang_attr(&h, a.lang);
	HTMLF(&h, ">%s</h1>\n", a.name);
	web_term_retired(&h, &a);
	web_follow_button(&h, r, FOLLOW_AREA, a.id, following);
	markdown_content(&h, a.lang, a.description);
	web_hub(&h, r, arenas, narenas, next, nnext);
	web_local_life_summary(&h, r, &a, &life);
	HTMLF(&h, "<p><a href=\"%s\">", ics);
	html_msg(&h, MSG_CALENDAR_AREA);
	HTML(&h, "</a></p>\n<section aria-labelledby=\"orgs\"><h2 id=\"orgs\">");
	html_msg(&h, MSG_AREA_ORGANISATIONS);
	HTML(&h, "</h2>\n");
	if (n == 0) {
		HTML(&h, "<p>");
		html_msg(&h, MSG_AREA_NO_ORGANISATIONS);
		HTML(&h, "</p>");
	} else {
		HTML(&h, "<ul>");
		for (size_t i = 0; i < n; i++) {
			HTMLF(&h, "<li><a href=\"/organisations/%lld\"", (long long)orgs[i].id);
			html_lang_attr(&h, orgs[i].lang);
			HTMLF(&h, ">%s</a> <span class=\"tag\">", orgs[i].name);
			html_msg(&h, sector_msg(orgs[i].sector));
			HTML(&h, "</span></li>");
		}
		HTML(&h, "</ul>");
	}
	HTML(&h, "</section>\n");
	layout_end(&h, r);
	return 200;
}
