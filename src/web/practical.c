/*
 * practical.c: practical information pages: the list by topic (of an
 * area and of the whole municipality), one page in the reader's language
 * where a version has it (else Danish, or the original, with a note
 * saying so), and the forms in which staff write them and their versions.
 */
#include <stdlib.h>
#include <string.h>

#include "core/language.h"
#include "http/query.h"
#include "model/area.h"
#include "model/text.h"
#include "web/content.h"
#include "web/guard.h"
#include "web/layout.h"
#include "web/locallife.h"
#include "web/markdown.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

/* A language named in itself, marked as that language. */
static void autonym(struct html *h, const char *code, size_t n)
{
	const struct language *l = language_findn(code, n);
	if (l == NULL)
		return;
	HTML(h, "<span");
	html_lang_attr(h, l->code);
	HTMLF(h, ">%s</span>", l->autonym);
}

void web_practical_list(struct html *h, const struct practical_page *p, size_t n)
{
	int topic = -1;
	for (size_t i = 0; i < n; i++) {
		if ((int)p[i].topic != topic) {
			if (topic >= 0)
				HTML(h, "</ul>");
			topic = (int)p[i].topic;
			HTML(h, "<h3 class=\"topic\">");
			html_msg(h, vocab_msg(&vocab_topics, p[i].topic));
			HTML(h, "</h3><ul class=\"rows\">");
		}
		HTMLF(h, "<li><a href=\"/practical/%lld\"", (long long)p[i].id);
		html_lang_attr(h, p[i].lang);
		HTMLF(h, ">%s</a>", p[i].title);
		if (p[i].area_name)
			HTMLF(h, " <span class=\"meta\">%s</span>", p[i].area_name);
		if (*p[i].langs) {
			/* The languages it is in, each in its own script, for a
			 * reader looking for theirs. */
			HTML(h, " <span class=\"langs\">");
			autonym(h, p[i].original_lang, strlen(p[i].original_lang));
			for (const char *s = p[i].langs; *s;) {
				size_t len = strcspn(s, " ");
				HTML(h, " ");
				autonym(h, s, len);
				s += len;
				s += strspn(s, " ");
			}
			HTML(h, "</span>");
		}
		HTML(h, "</li>");
	}
	if (topic >= 0)
		HTML(h, "</ul>\n");
}

/* GET /practical?area=: 200 the pages of an area and the whole
 * municipality (every page without area); 400 bad area; 503. */
int web_practical_index(struct req *r)
{
	int64_t area_id;
	if (query_int(r, "area", 0, 1, INT64_MAX, &area_id) != 0)
		return 400;
	const char *wants[CONTENT_WANTS];
	content_wants(r, wants, CONTENT_WANTS);
	struct term *areas;
	struct practical_page *pages;
	size_t nareas, n;
	enum model_rc rc = area_list(r->db, r->region, &areas, &nareas);
	if (rc == MODEL_OK)
		rc = practical_list(r->db, r->region, area_id, wants[0], &pages, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_PRACTICAL_TITLE), NAV_LOCAL_LIFE);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_PRACTICAL_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_PRACTICAL_INTRO);
	HTML(&h, "</p>\n<form class=\"filters\" method=\"get\" action=\"/practical\"><div class=\"field\">"
		 "<label for=\"f-area\">");
	html_msg(&h, MSG_ORGANISATION_AREA);
	HTML(&h, "</label><select id=\"f-area\" name=\"area\"><option value=\"\">");
	html_msg(&h, MSG_FILTER_ALL);
	HTML(&h, "</option>");
	for (size_t i = 0; i < nareas; i++)
		HTMLF(&h, "<option value=\"%lld\"%s>%s</option>", (long long)areas[i].id,
		      area_id == areas[i].id ? " selected" : "", areas[i].name);
	HTML(&h, "</select></div><button type=\"submit\">");
	html_msg(&h, MSG_FILTER_APPLY);
	HTML(&h, "</button></form>\n");
	if (n)
		web_practical_list(&h, pages, n);
	else {
		HTML(&h, "<p>");
		html_msg(&h, MSG_PRACTICAL_NONE);
		HTML(&h, "</p>\n");
	}
	if (web_can(r, PERM_LOCAL_LIFE, 0)) {
		HTML(&h, "<p><a href=\"/practical/new\">");
		html_msg(&h, MSG_PRACTICAL_NEW);
		HTML(&h, "</a></p>\n");
	}
	layout_end(&h, r);
	return 200;
}

/* GET /practical/{id}[?in=LANG]: 200 the page in the reader's language
 * where a version has it; 404; 503. */
int web_practical_show(struct req *r)
{
	struct practical_page p;
	struct version *v = NULL;
	size_t nv = 0;
	enum model_rc rc = practical_get(r->db, r->region, r->params[0], &p);
	if (rc == MODEL_OK)
		rc = version_list(r->db, &practical_versions, r->region, p.id, &v, &nv);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct content_choice c = content_pick(r, p.original_lang, v, nv);
	const char *title = c.version ? c.version->title : p.title;
	const char *body = c.version ? c.version->body : p.body;
	const char *base = region_printf(r->region, "/practical/%lld", (long long)p.id);
	struct html h = web_html(r);
	layout_begin(&h, r, title, NAV_LOCAL_LIFE);
	HTML(&h, "<nav class=\"crumbs\" aria-label=\"");
	html_msg(&h, MSG_NAV_BREADCRUMBS);
	HTML(&h, "\"><a href=\"/practical\">");
	html_msg(&h, MSG_PRACTICAL_TITLE);
	HTML(&h, "</a>");
	if (p.area_id)
		HTMLF(&h, " / <a href=\"/areas/%lld/local-life#practical\">%s</a>", (long long)p.area_id,
		      p.area_name);
	HTML(&h, "</nav>\n");
	content_nav(&h, r, base, &c, p.original_lang, v, nv);
	HTML(&h, "<article class=\"prose\"");
	html_lang_attr(&h, c.shown);
	HTMLF(&h, "><h1>%s</h1>\n", title);
	markdown_render(&h, body);
	HTML(&h, "</article>\n<p class=\"meta\">");
	html_msg(&h, vocab_msg(&vocab_topics, p.topic));
	HTML(&h, " · ");
	if (p.area_name)
		html_text(&h, p.area_name);
	else
		html_msg(&h, MSG_PRACTICAL_WHOLE_MUNICIPALITY);
	HTML(&h, "</p>\n");
	if (web_can(r, PERM_LOCAL_LIFE, 0)) {
		HTML(&h, "<nav class=\"tools-bar\" aria-label=\"");
		html_msg(&h, MSG_PRACTICAL_TOOLS);
		HTMLF(&h, "\"><ul><li><a href=\"%s/edit\">", base);
		html_msg(&h, MSG_PRACTICAL_EDIT);
		HTMLF(&h, "</a></li><li><a href=\"%s/version\">", base);
		html_msg(&h, MSG_VERSION_ADD);
		HTML(&h, "</a></li><li>");
		widget_form_begin(&h, r, region_printf(r->region, "%s/delete", base));
		HTML(&h, "<button type=\"submit\" class=\"link\">");
		html_msg(&h, MSG_PRACTICAL_DELETE);
		HTML(&h, "</button></form></li></ul></nav>\n");
	}
	layout_end(&h, r);
	return 200;
}

enum { PF_AREA, PF_TOPIC, PF_TITLE, PF_BODY, PF_LANG, PF__MAX };
static const struct field practical_fields[PF__MAX] = {
	[PF_AREA] = { "area", MSG_ORGANISATION_AREA, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
	[PF_TOPIC] = { "topic", MSG_PRACTICAL_TOPIC, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
	[PF_TITLE] = { "title", MSG_PRACTICAL_PAGE_TITLE, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, TEXT_NAME_MAX },
	[PF_BODY] = { "body", MSG_PRACTICAL_BODY, FIELD_TEXTAREA, NULL, NULL, MSG_FORM_MARKDOWN_HINT, 1,
		      TEXT_BODY_MAX },
	[PF_LANG] = { "lang", MSG_FORM_CONTENT_LANGUAGE, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
};

static int practical_form(struct req *r, int status, const struct practical_page *p, enum msg title,
			  const struct field_errors *errs)
{
	struct term *areas;
	size_t nareas;
	enum model_rc rc = area_list(r->db, r->region, &areas, &nareas);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	req_set_header(r, "Cache-Control", "private, no-store");
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, title), NAV_LOCAL_LIFE);
	HTML(&h, "<h1>");
	html_msg(&h, title);
	HTML(&h, "</h1>\n");
	widget_errors(&h, errs, practical_fields, PF__MAX);
	widget_form_begin(&h, r, r->path);
	widget_area_select(&h, r, areas, nareas, MSG_PRACTICAL_WHOLE_MUNICIPALITY, p->area_id, errs);
	struct option topics[TOPIC__MAX + 1] = { { "", msg_get(r->lang, MSG_FORM_CHOOSE) } };
	for (int t = 0; t < TOPIC__MAX; t++)
		topics[t + 1] = (struct option){ vocab_code(&vocab_topics, (enum topic)t), msg_get(r->lang, vocab_msg(&vocab_topics, (enum topic)t)) };
	widget_select(&h, "topic", MSG_PRACTICAL_TOPIC, topics, TOPIC__MAX + 1,
		      (unsigned)p->topic < TOPIC__MAX ? vocab_code(&vocab_topics, p->topic) : "", errs);
	struct field f = practical_fields[PF_TITLE];
	f.value = p->title;
	widget_field(&h, &f, errs);
	f = practical_fields[PF_BODY];
	f.value = p->body;
	widget_field(&h, &f, errs);
	content_select(&h, r, "lang", MSG_FORM_CONTENT_LANGUAGE, MSG__MAX, p->lang, errs);
	widget_form_end(&h, MSG_FORM_SAVE);
	layout_end(&h, r);
	return status;
}

struct practical_args {
	struct practical_page p;
	int64_t id;
	struct field_errors errs;
};

static enum model_rc practical_tx(struct req *r, void *arg)
{
	struct practical_args *a = arg;
	return practical_save(r->db, &a->p, r->user_id, &a->id, &a->errs);
}

static int practical_post(struct req *r, int64_t id, enum msg title)
{
	struct practical_args *a = region_calloc(r->region, 1, sizeof *a);
	a->p.id = id;
	a->p.area_id = widget_form_id(r, "area", &a->errs);
	int t = vocab_parse(&vocab_topics, req_form(r, "topic"));
	a->p.topic = t < 0 ? TOPIC__MAX : (enum topic)t;
	a->p.title = req_form(r, "title");
	a->p.body = req_form(r, "body");
	a->p.lang = req_form(r, "lang");
	enum model_rc rc = a->errs.n ? MODEL_INVALID : web_tx(r, practical_tx, a);
	if (rc == MODEL_INVALID)
		return practical_form(r, 400, &a->p, title, &a->errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/practical/%lld?in=%s", (long long)a->id,
					     a->p.lang), DONE_SAVED);
}

/* GET /practical/new?area=: 200 the form (staff: the guard checks);
 * 400 bad area; 503. */
int web_practical_new(struct req *r)
{
	struct practical_page p = { .topic = TOPIC__MAX, .lang = "da" };
	if (query_int(r, "area", 0, 1, INT64_MAX, &p.area_id) != 0)
		return 400;
	return practical_form(r, 200, &p, MSG_PRACTICAL_NEW, NULL);
}

/* POST /practical/new (area, topic, title, body, lang): 303 to the page;
 * 400 errors; 503. */
int web_practical_create(struct req *r)
{
	return practical_post(r, 0, MSG_PRACTICAL_NEW);
}

/* GET /practical/{id}/edit: 200 the form with the original; 404; 503. */
int web_practical_edit(struct req *r)
{
	struct practical_page p;
	enum model_rc rc = practical_get(r->db, r->region, r->params[0], &p);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return practical_form(r, 200, &p, MSG_PRACTICAL_EDIT, NULL);
}

/* POST /practical/{id}/edit: 303 to the page; 400 errors; 404; 503. */
int web_practical_update(struct req *r)
{
	struct practical_page p;
	enum model_rc rc = practical_get(r->db, r->region, r->params[0], &p);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return practical_post(r, p.id, MSG_PRACTICAL_EDIT);
}

static enum model_rc delete_tx(struct req *r, void *arg)
{
	return practical_delete(r->db, *(int64_t *)arg);
}

/* POST /practical/{id}/delete: 303 to the list; 404; 503. */
int web_practical_remove(struct req *r)
{
	struct practical_page p;
	enum model_rc rc = practical_get(r->db, r->region, r->params[0], &p);
	if (rc == MODEL_OK)
		rc = web_tx(r, delete_tx, &p.id);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return req_redirect(r, "/practical");
}

static int version_page(struct req *r, struct version_page *vp)
{
	struct practical_page p;
	enum model_rc rc = practical_get(r->db, r->region, r->params[0], &p);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	*vp = (struct version_page){
		.base = region_printf(r->region, "/practical/%lld", (long long)p.id),
		.item_title = p.title,
		.original_lang = p.original_lang,
		.table = &practical_versions,
		.item_id = p.id,
		.title_label = MSG_PRACTICAL_PAGE_TITLE,
		.body_label = MSG_PRACTICAL_BODY,
		.title_required = 1,
		.nav = NAV_LOCAL_LIFE,
	};
	return 0;
}

/* GET /practical/{id}/version?lang=: 200; 404; 503. */
int web_practical_version(struct req *r)
{
	return web_version_get(r, version_page);
}

/* POST /practical/{id}/version (lang, title, body, delete): 303 to the
 * page in that language; 400 errors; 404; 503. */
int web_practical_version_save(struct req *r)
{
	return web_version_post(r, version_page);
}
