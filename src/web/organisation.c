/*
 * organisation.c: pages for organisations: a list filtered by sector and
 * area, in pages, and one organisation.
 */
#include <stdio.h>

#include "http/query.h"
#include "model/area.h"
#include "model/arena.h"
#include "model/organisation.h"
#include "web/guard.h"
#include "web/layout.h"
#include "web/markdown.h"
#include "web/web.h"
#include "web/widget.h"

#define ORGS_PER_PAGE 50

/* The filter form; works without JavaScript (GET, a submit button). */
static void filter_form(struct html *h, const struct organisation_filter *f, const struct term *areas,
			size_t nareas)
{
	HTML(h, "<form class=\"filters\" method=\"get\" action=\"/organisations\">"
		"<div class=\"field\"><label for=\"sector\">");
	html_msg(h, MSG_ORGANISATION_SECTOR);
	HTML(h, "</label><select id=\"sector\" name=\"sector\"><option value=\"\">");
	html_msg(h, MSG_FILTER_ALL);
	HTML(h, "</option>");
	for (int s = 0; s < SECTOR__MAX; s++) {
		HTMLF(h, "<option value=\"%s\"%s>", sector_code((enum sector)s),
		      f->sector == s ? " selected" : "");
		html_msg(h, sector_msg((enum sector)s));
		HTML(h, "</option>");
	}
	HTML(h, "</select></div><div class=\"field\"><label for=\"area\">");
	html_msg(h, MSG_ORGANISATION_AREA);
	HTML(h, "</label><select id=\"area\" name=\"area\"><option value=\"\">");
	html_msg(h, MSG_FILTER_ALL);
	HTML(h, "</option>");
	for (size_t i = 0; i < nareas; i++)
		HTMLF(h, "<option value=\"%lld\"%s>%s</option>", (long long)areas[i].id,
		      f->area_id == areas[i].id ? " selected" : "", areas[i].name);
	HTML(h, "</select></div><button type=\"submit\">");
	html_msg(h, MSG_FILTER_APPLY);
	HTML(h, "</button></form>\n");
}

/* GET /organisations?sector=&area=&page=: 200; 400 for a malformed
 * filter or page; 503. */
int web_organisation_list(struct req *r)
{
	struct organisation_filter f = { .sector = -1, .area_id = 0 };
	struct paging p = { 1, ORGS_PER_PAGE, 0 };
	const char *sector = req_query(r, "sector");
	if (sector && *sector) {
		f.sector = sector_parse(sector);
		if (f.sector < 0) {
			r->error_detail = "sector";
			return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
		}
	}
	if (query_int(r, "area", 0, 1, INT64_MAX, &f.area_id) != 0 ||
	    query_int(r, "page", 1, 1, 1000000, &p.page) != 0)
		return 400;
	struct term *areas;
	struct organisation *items;
	size_t nareas, n;
	enum model_rc rc = area_list(r->db, r->region, &areas, &nareas);
	if (rc == MODEL_OK)
		rc = organisation_list(r->db, r->region, &f, &p, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));

	struct html h = web_html(r);
	const struct layout_page page = { .title = msg_get(r->lang, MSG_ORGANISATIONS_TITLE), .nav = NAV_ORGANISATIONS,
					  .description = msg_get(r->lang, MSG_ORGANISATIONS_INTRO) };
	layout_open(&h, r, &page);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_ORGANISATIONS_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_ORGANISATIONS_INTRO);
	HTML(&h, "</p>\n");
	filter_form(&h, &f, areas, nareas);
	HTML(&h, "<p class=\"count\" role=\"status\">");
	html_count(&h, MSGN_ORGANISATIONS_COUNT, p.total);
	HTML(&h, "</p>\n<ul class=\"rows\">");
	for (size_t i = 0; i < n; i++) {
		HTMLF(&h, "<li><a href=\"/organisations/%lld\"", (long long)items[i].id);
		html_lang_attr(&h, items[i].lang);
		HTMLF(&h, ">%s</a> <span class=\"tag tag-%s\">", items[i].name, sector_code(items[i].sector));
		html_msg(&h, sector_msg(items[i].sector));
		HTML(&h, "</span>");
		if (items[i].area_name)
			HTMLF(&h, " <span class=\"meta\">%s</span>", items[i].area_name);
		HTML(&h, "</li>");
	}
	HTML(&h, "</ul>\n");
	widget_paging(&h, r, &p);
	layout_end(&h, r);
	return 200;
}

/* GET /organisations/{id}: 200; 404 no such organisation; 503. */
int web_organisation_show(struct req *r)
{
	struct organisation o;
	struct arena_member *m;
	size_t n = 0;
	enum model_rc rc = organisation_get(r->db, r->region, r->params[0], &o);
	if (rc == MODEL_OK)
		rc = arena_memberships_of(r->db, r->region, o.id, &m, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	struct layout_page page = { .title = o.name, .nav = NAV_ORGANISATIONS, .description_md = o.description,
				    .content_lang = o.lang };
	web_page_image(r, &page, &o.image, o.image_alt);
	layout_open(&h, r, &page);
	HTML(&h, "<nav class=\"crumbs\" aria-label=\"");
	html_msg(&h, MSG_NAV_BREADCRUMBS);
	HTML(&h, "\"><a href=\"/organisations\">");
	html_msg(&h, MSG_ORGANISATIONS_TITLE);
	HTML(&h, "</a></nav>\n<article");
	html_lang_attr(&h, o.lang);
	HTMLF(&h, "><h1>%s</h1>\n<dl class=\"facts\"><dt>", o.name);
	html_msg(&h, MSG_ORGANISATION_SECTOR);
	HTMLF(&h, "</dt><dd><a href=\"/organisations?sector=%s\">", sector_code(o.sector));
	html_msg(&h, sector_msg(o.sector));
	HTML(&h, "</a></dd>");
	if (o.area_name) {
		HTML(&h, "<dt>");
		html_msg(&h, MSG_ORGANISATION_AREA);
		HTMLF(&h, "</dt><dd><a href=\"/areas/%lld\">%s</a></dd>", (long long)o.area_id, o.area_name);
	}
	if (o.website) {
		HTML(&h, "<dt>");
		html_msg(&h, MSG_ORGANISATION_WEBSITE);
		HTML(&h, "</dt><dd><a rel=\"external noopener\" href=\"");
		html_href(&h, o.website);
		HTMLF(&h, "\">%s</a></dd>", o.website);
	}
	HTML(&h, "</dl>\n");
	web_img(&h, r, &o.image, o.image_alt, o.lang, "(max-width: 62rem) 100vw, 60rem", "lead-image");
	markdown_content(&h, o.lang, o.description);
	HTML(&h, "</article>\n");
	if (n && web_can(r, PERM_REPRESENT, o.id)) {
		/* Its representative answers invitations here too. */
		HTML(&h, "<section aria-labelledby=\"arenas\"><h2 id=\"arenas\">");
		html_msg(&h, MSG_ORGANISATION_ARENAS);
		HTML(&h, "</h2>");
		for (size_t i = 0; i < n; i++)
			web_invitation(&h, r, &m[i], 1);
		HTML(&h, "</section>\n");
	} else if (n) {
		HTML(&h, "<section aria-labelledby=\"arenas\"><h2 id=\"arenas\">");
		html_msg(&h, MSG_ORGANISATION_ARENAS);
		HTML(&h, "</h2><ul>");
		for (size_t i = 0; i < n; i++) {
			HTMLF(&h, "<li><a href=\"/arenas/%lld\">%s</a>", (long long)m[i].arena_id, m[i].arena_title);
			if (m[i].status != ACCEPTED) {
				HTML(&h, " <span class=\"tag\">");
				html_msg(&h, invitation_msg(m[i].status));
				HTML(&h, "</span>");
			}
			HTML(&h, "</li>");
		}
		HTML(&h, "</ul></section>\n");
	}
	layout_end(&h, r);
	return 200;
}
