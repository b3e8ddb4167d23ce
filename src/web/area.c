/*
 * area.c: pages for local areas: the list, and one area with the
 * organisations tied to it, and its calendar feed.
 */
#include "model/area.h"
#include "model/organisation.h"
#include "web/layout.h"
#include "web/markdown.h"
#include "web/web.h"

/* GET /areas: 200; 503 when the database is unavailable. */
int web_area_list(struct req *r)
{
	struct term *items;
	size_t n;
	enum model_rc rc = area_list(r->db, r->region, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_AREAS_TITLE), NAV_AREAS);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_AREAS_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_AREAS_INTRO);
	HTML(&h, "</p>\n<ul class=\"cards\">");
	for (size_t i = 0; i < n; i++) {
		HTML(&h, "<li");
		html_lang_attr(&h, items[i].lang);
		HTMLF(&h, "><h2><a href=\"/areas/%lld\">%s</a></h2>", (long long)items[i].id, items[i].name);
		markdown_render(&h, items[i].description);
		HTML(&h, "</li>");
	}
	HTML(&h, "</ul>\n");
	layout_end(&h, r);
	return 200;
}

/* GET /areas/{id}: 200; 404 no such area; 503. */
int web_area_show(struct req *r)
{
	struct term a;
	struct organisation *orgs;
	size_t n;
	struct organisation_filter f = { .sector = -1, .area_id = r->params[0] };
	struct paging p = { 1, 200, 0 };
	int following = 0;
	enum model_rc rc = area_get(r->db, r->region, r->params[0], &a);
	if (rc == MODEL_OK)
		rc = follow_get(r->db, r->user_id, FOLLOW_AREA, a.id, &following);
	if (rc == MODEL_OK)
		rc = organisation_list(r->db, r->region, &f, &p, &orgs, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *ics = region_printf(r->region, "/areas/%lld/calendar.ics", (long long)a.id);
	const struct layout_alternate alt = { "text/calendar", ics, msg_get(r->lang, MSG_CALENDAR_AREA) };
	struct html h = web_html(r);
	layout_begin_alternates(&h, r, a.name, NAV_AREAS, &alt, 1);
	HTML(&h, "<nav class=\"crumbs\" aria-label=\"");
	html_msg(&h, MSG_NAV_BREADCRUMBS);
	HTML(&h, "\"><a href=\"/areas\">");
	html_msg(&h, MSG_AREAS_TITLE);
	HTML(&h, "</a></nav>\n<article");
	html_lang_attr(&h, a.lang);
	HTMLF(&h, "><h1>%s</h1>\n", a.name);
	web_follow_button(&h, r, FOLLOW_AREA, a.id, following);
	markdown_render(&h, a.description);
	HTML(&h, "</article>\n<section aria-labelledby=\"orgs\"><h2 id=\"orgs\">");
	html_msg(&h, MSG_AREA_ORGANISATIONS);
	HTML(&h, "</h2>\n");
	if (n == 0) {
		HTML(&h, "<p>");
		html_msg(&h, MSG_AREA_NO_ORGANISATIONS);
		HTML(&h, "</p>");
	} else {
		HTML(&h, "<ul>");
		for (size_t i = 0; i < n; i++) {
			HTMLF(&h, "<li><a href=\"/organisations/%lld\">%s</a> <span class=\"tag\">",
			      (long long)orgs[i].id, orgs[i].name);
			html_msg(&h, sector_msg(orgs[i].sector));
			HTML(&h, "</span></li>");
		}
		HTML(&h, "</ul>");
	}
	HTMLF(&h, "</section>\n<p><a href=\"%s\">", ics);
	html_msg(&h, MSG_CALENDAR_AREA);
	HTML(&h, "</a></p>\n");
	layout_end(&h, r);
	return 200;
}
