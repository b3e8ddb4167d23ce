/*
 * theme.c: pages for policy themes.
 */
#include "model/theme.h"
#include "web/layout.h"
#include "web/markdown.h"
#include "web/web.h"

/* GET /themes: 200; 503. */
int web_theme_list(struct req *r)
{
	struct term *items;
	size_t n;
	enum model_rc rc = theme_list(r->db, r->region, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_THEMES_TITLE), NAV_THEMES);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_THEMES_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_THEMES_INTRO);
	HTML(&h, "</p>\n<ul class=\"cards\">");
	for (size_t i = 0; i < n; i++) {
		HTML(&h, "<li");
		html_lang_attr(&h, items[i].lang);
		HTMLF(&h, "><h2><a href=\"/themes/%lld\">%s</a></h2>", (long long)items[i].id,
		      items[i].name);
		markdown_render(&h, items[i].description);
		HTML(&h, "</li>");
	}
	HTML(&h, "</ul>\n");
	layout_end(&h, r);
	return 200;
}

/* GET /themes/{id}: 200; 404 no such theme; 503. */
int web_theme_show(struct req *r)
{
	struct term t;
	enum model_rc rc = theme_get(r->db, r->region, r->params[0], &t);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	layout_begin(&h, r, t.name, NAV_THEMES);
	HTML(&h, "<nav class=\"crumbs\" aria-label=\"");
	html_msg(&h, MSG_NAV_BREADCRUMBS);
	HTML(&h, "\"><a href=\"/themes\">");
	html_msg(&h, MSG_THEMES_TITLE);
	HTML(&h, "</a></nav>\n<article");
	html_lang_attr(&h, t.lang);
	HTMLF(&h, "><h1>%s</h1>\n", t.name);
	markdown_render(&h, t.description);
	HTML(&h, "</article>\n");
	layout_end(&h, r);
	return 200;
}
