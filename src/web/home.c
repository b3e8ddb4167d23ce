/*
 * home.c: the front page: what the platform is for, the local areas, the
 * themes and who takes part, each a way in.
 */
#include "model/activity.h"
#include "model/arena.h"
#include "model/area.h"
#include "model/organisation.h"
#include "model/site.h"
#include "model/theme.h"
#include "web/layout.h"
#include "web/markdown.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

/* GET /: 200; 503 when the database is unavailable. */
int web_home(struct req *r)
{
	struct term *areas;
	struct term *themes;
	size_t nareas, nthemes;
	int64_t counts[SECTOR__MAX];
	struct arena_filter open = { .phase_kind = -1, .status = ARENA_OPEN };
	struct paging p = { 1, 6, 0 };
	struct arena *arenas;
	struct activity *next;
	size_t narenas = 0, nnext = 0;
	struct site_brand brand;
	enum model_rc rc = site_brand_get(r->db, r->region, r->lang->code, &brand);
	if (rc == MODEL_OK)
		rc = area_list(r->db, r->region, &areas, &nareas);
	if (rc == MODEL_OK)
		rc = theme_list(r->db, r->region, &themes, &nthemes);
	if (rc == MODEL_OK)
		rc = organisation_count_by_sector(r->db, counts);
	if (rc == MODEL_OK)
		rc = arena_list(r->db, r->region, &open, &p, &arenas, &narenas);
	if (rc == MODEL_OK)
		rc = activity_list_upcoming(r->db, r->region, 0, 0, 5, &next, &nnext);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));

	struct html h = web_html(r);
	layout_begin(&h, r, NULL, NAV_HOME);
	/* The municipality's own words, or the platform's. */
	HTML(&h, "<h1>");
	if (*brand.home_title)
		html_text(&h, brand.home_title);
	else
		html_msg(&h, MSG_HOME_TITLE);
	HTML(&h, "</h1>\n<div class=\"lead\">");
	markdown_render(&h, *brand.home_intro ? brand.home_intro : msg_get(r->lang, MSG_HOME_INTRO));
	HTML(&h, "</div>\n");

	HTML(&h, "<section aria-labelledby=\"arenas\"><h2 id=\"arenas\">");
	html_msg(&h, MSG_HOME_OPEN_ARENAS);
	HTML(&h, "</h2>\n");
	web_arena_cards(&h, r, arenas, narenas, 3);
	HTML(&h, "<p><a href=\"/arenas\">");
	html_msg(&h, MSG_HOME_ALL_ARENAS);
	HTML(&h, "</a></p></section>\n");
	if (nnext) {
		HTML(&h, "<section aria-labelledby=\"next\"><h2 id=\"next\">");
		html_msg(&h, MSG_HOME_NEXT_ACTIVITIES);
		HTML(&h, "</h2>\n");
		web_activity_rows(&h, next, nnext, 1);
		HTML(&h, "</section>\n");
	}

	HTML(&h, "<section aria-labelledby=\"areas\"><h2 id=\"areas\">");
	html_msg(&h, MSG_AREAS_TITLE);
	HTML(&h, "</h2>\n<ul class=\"chips\">");
	for (size_t i = 0; i < nareas; i++) {
		HTMLF(&h, "<li><a href=\"/areas/%lld\"", (long long)areas[i].id);
		html_lang_attr(&h, areas[i].lang);
		HTMLF(&h, ">%s</a></li>", areas[i].name);
	}
	HTML(&h, "</ul></section>\n");

	HTML(&h, "<section aria-labelledby=\"themes\"><h2 id=\"themes\">");
	html_msg(&h, MSG_THEMES_TITLE);
	HTML(&h, "</h2>\n<ul class=\"cards\">");
	for (size_t i = 0; i < nthemes; i++) {
		HTML(&h, "<li");
		html_lang_attr(&h, themes[i].lang);
		HTMLF(&h, "><h3><a href=\"/themes/%lld\">%s</a></h3>", (long long)themes[i].id,
		      themes[i].name);
		markdown_render(&h, themes[i].description);
		HTML(&h, "</li>");
	}
	HTML(&h, "</ul></section>\n");

	HTML(&h, "<section aria-labelledby=\"orgs\"><h2 id=\"orgs\">");
	html_msg(&h, MSG_ORGANISATIONS_TITLE);
	HTML(&h, "</h2>\n<ul class=\"sectors\">");
	for (int s = 0; s < SECTOR__MAX; s++) {
		HTMLF(&h, "<li><a href=\"/organisations?sector=%s\"><span class=\"count\">%lld</span> ",
		      sector_code((enum sector)s), (long long)counts[s]);
		html_msg(&h, sector_msg((enum sector)s));
		HTML(&h, "</a></li>");
	}
	HTML(&h, "</ul>\n<p><a href=\"/organisations\">");
	html_msg(&h, MSG_ORGANISATIONS_ALL);
	HTML(&h, "</a></p></section>\n");
	layout_end(&h, r);
	return 200;
}
