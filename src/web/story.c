/*
 * story.c: stories: the list, one story, their Atom feed, and the forms
 * in which an arena's facilitators write and edit them. Anyone may read a
 * story and reuse it under its licence; every page links the feed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/route.h"
#include "core/log.h"
#include "core/tz.h"
#include "http/query.h"
#include "model/area.h"
#include "model/arena.h"
#include "model/story.h"
#include "model/text.h"
#include "web/atom.h"
#include "web/guard.h"
#include "web/layout.h"
#include "web/markdown.h"
#include "web/site.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

#define STORIES_PER_PAGE 20
#define FEED_ENTRIES 50
#define EXCERPT_BYTES 300
#define FEED_CONTENT_MAX (16 << 20) /* the HTML of one story */

/* The form's fields; "area" is a <select>, listed for the error summary. */
static const struct field story_fields[] = {
	{ "title", MSG_STORY_TITLE, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, TEXT_NAME_MAX },
	{ "body", MSG_STORY_BODY, FIELD_TEXTAREA, NULL, NULL, MSG_STORY_BODY_HINT, 1, TEXT_BODY_MAX },
	{ "area", MSG_ORGANISATION_AREA, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
	{ "published_on", MSG_STORY_PUBLISHED_ON, FIELD_DATE, NULL, NULL, MSG_STORY_PUBLISHED_ON_HINT, 1, 0 },
	{ "licence", MSG_STORY_LICENCE, FIELD_TEXT, NULL, NULL, MSG_STORY_LICENCE_HINT, 1,
	  STORY_LICENCE_MAX },
	{ "image", MSG_IMAGE_FIELD, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
	{ "image_alt", MSG_IMAGE_ALT, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
};
#define NFIELDS (sizeof story_fields / sizeof story_fields[0])

/* The layout, with the feed in <head> for browsers and feed readers;
 * s: the story the page shows, which gives the page's summary. */
static void stories_begin(struct html *h, struct req *r, const char *title, const struct story *s)
{
	const struct layout_alternate feed = { "application/atom+xml", "/stories.atom",
					       msg_get(r->lang, MSG_STORIES_FEED_TITLE) };
	struct layout_page page = { .title = title, .nav = NAV_STORIES, .alternates = &feed, .nalternates = 1,
				    .description = s ? NULL : msg_get(r->lang, MSG_STORIES_INTRO) };
	if (s) {
		page.description_md = s->body;
		page.content_lang = s->lang;
		web_page_image(r, &page, &s->image, s->image_alt);
	}
	layout_open(h, r, &page);
}

static void feed_link(struct html *h)
{
	HTML(h, "<p class=\"feed\"><a href=\"/stories.atom\" type=\"application/atom+xml\">");
	html_msg(h, MSG_STORIES_FEED);
	HTML(h, "</a></p>\n");
}

/* "Licence: CC BY 4.0", linked to the licence's text when it is known. */
static void licence_line(struct html *h, const char *licence)
{
	const char *url = story_licence_url(licence);
	HTML(h, "<p class=\"licence\">");
	html_msg(h, MSG_STORY_LICENCE);
	HTML(h, ": ");
	if (url)
		HTMLF(h, "<a rel=\"license\" href=\"%s\">%s</a>", url, licence);
	else
		html_text(h, licence);
	HTML(h, "</p>\n");
}

/* The arena a story tells of, as a <dt>/<dd> pair; nothing for none. */
static void arena_fact(struct html *h, const struct story *s)
{
	if (s->arena_id == 0)
		return;
	HTML(h, "<dt>");
	html_msg(h, MSG_STORY_ARENA);
	HTMLF(h, "</dt><dd><a href=\"/arenas/%lld\">%s</a></dd>", (long long)s->arena_id, s->arena_title);
}

/* GET /stories?page=: 200 newest first; 400 bad page; 503. */
int web_story_list(struct req *r)
{
	struct paging p = { 1, STORIES_PER_PAGE, 0 };
	if (query_int(r, "page", 1, 1, 1000000, &p.page) != 0)
		return 400;
	struct story *items;
	size_t n;
	enum model_rc rc = story_list(r->db, r->region, 0, &p, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	stories_begin(&h, r, msg_get(r->lang, MSG_STORIES_TITLE), NULL);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_STORIES_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_STORIES_INTRO);
	HTML(&h, "</p>\n");
	feed_link(&h);
	HTML(&h, "<p class=\"count\" role=\"status\">");
	if (p.total == 0) {
		html_msg(&h, MSG_STORIES_NONE);
	} else {
		char total[24];
		snprintf(total, sizeof total, "%lld", (long long)p.total);
		const char *args[] = { total };
		html_msgv(&h, MSG_STORIES_COUNT, args, 1);
	}
	HTML(&h, "</p>\n");
	if (n)
		HTML(&h, "<ul class=\"cards\">");
	for (size_t i = 0; i < n; i++) {
		const struct story *s = &items[i];
		HTML(&h, "<li><h2");
		html_lang_attr(&h, s->lang);
		HTMLF(&h, "><a href=\"/stories/%lld\">%s</a></h2><p class=\"meta\">", (long long)s->id,
		      s->title);
		when_date(&h, s->published_on);
		HTMLF(&h, " · %s", s->author_name);
		if (s->arena_id)
			HTMLF(&h, " · <a href=\"/arenas/%lld\">%s</a>", (long long)s->arena_id, s->arena_title);
		if (s->area_id)
			HTMLF(&h, " · %s", s->area_name);
		HTML(&h, "</p><p");
		html_lang_attr(&h, s->lang);
		HTML(&h, ">");
		markdown_excerpt(&h, s->body, EXCERPT_BYTES);
		HTML(&h, "</p></li>");
	}
	if (n)
		HTML(&h, "</ul>\n");
	widget_paging(&h, r, &p);
	layout_end(&h, r);
	return 200;
}

/* GET /stories/{id}: 200; 404 no such story; 503. */
int web_story_show(struct req *r)
{
	struct story s;
	enum model_rc rc = story_get(r->db, r->region, r->params[0], &s);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	stories_begin(&h, r, s.title, &s);
	HTML(&h, "<nav class=\"crumbs\" aria-label=\"");
	html_msg(&h, MSG_NAV_BREADCRUMBS);
	HTML(&h, "\"><a href=\"/stories\">");
	html_msg(&h, MSG_STORIES_TITLE);
	HTML(&h, "</a></nav>\n<article><h1");
	html_lang_attr(&h, s.lang);
	HTMLF(&h, ">%s</h1>\n<dl class=\"facts\"><dt>", s.title);
	html_msg(&h, MSG_STORY_PUBLISHED);
	HTML(&h, "</dt><dd>");
	when_date(&h, s.published_on);
	HTML(&h, "</dd><dt>");
	html_msg(&h, MSG_STORY_AUTHOR);
	HTMLF(&h, "</dt><dd>%s</dd>", s.author_name);
	arena_fact(&h, &s);
	if (s.area_id) {
		HTML(&h, "<dt>");
		html_msg(&h, MSG_ORGANISATION_AREA);
		HTMLF(&h, "</dt><dd><a href=\"/areas/%lld\">%s</a></dd>", (long long)s.area_id, s.area_name);
	}
	HTML(&h, "</dl>\n");
	web_img(&h, r, &s.image, s.image_alt, s.lang, "(max-width: 62rem) 100vw, 60rem", "lead-image");
	markdown_content(&h, s.lang, s.body);
	licence_line(&h, s.licence);
	HTML(&h, "</article>\n");
	if (web_can(r, PERM_FACILITATE, s.arena_id)) {
		HTMLF(&h, "<p><a href=\"/stories/%lld/edit\">", (long long)s.id);
		html_msg(&h, MSG_STORY_EDIT);
		HTML(&h, "</a></p>\n");
	}
	feed_link(&h);
	layout_end(&h, r);
	return 200;
}

/* GET /stories.atom: 200 the newest stories as an Atom feed; 500 a
 * story's HTML past FEED_CONTENT_MAX (a bug: bodies are limited); 503. */
int web_story_feed(struct req *r)
{
	struct paging p = { 1, FEED_ENTRIES, 0 };
	struct story *items;
	size_t n;
	enum model_rc rc = story_list(r->db, r->region, 0, &p, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	/* Each body's HTML first, so a failure comes before any output. */
	const char **content = region_calloc(r->region, n + 1, sizeof *content);
	struct buf one = BUF_INIT(FEED_CONTENT_MAX);
	struct html oh = { &one, r->lang };
	int64_t updated = n ? 0 : model_now();
	for (size_t i = 0; i < n && !one.overflow; i++) {
		buf_reset(&one);
		markdown_render(&oh, items[i].body);
		content[i] = region_strdup(r->region, buf_str(&one));
		if (items[i].updated_at > updated)
			updated = items[i].updated_at;
	}
	int overflow = one.overflow;
	buf_free(&one);
	if (overflow) {
		log_error("story too large for the feed", NULL);
		return req_fail(r, 500, MSG_ERROR_INTERNAL);
	}
	struct html h = web_html(r);
	const struct atom_feed feed = { "/stories.atom", "/stories", msg_get(r->lang, MSG_STORIES_FEED_TITLE),
					site.licence, story_licence_url(site.licence), updated };
	atom_begin(&h, r, &feed);
	for (size_t i = 0; i < n; i++) {
		const struct story *s = &items[i];
		const struct atom_entry e = {
			region_printf(r->region, "/stories/%lld", (long long)s->id), s->title,
			*s->author_name ? s->author_name : msg_get(r->lang, MSG_DELETED_USER),
			when_date_start(s->published_on, s->created_at), s->updated_at, content[i], s->licence,
			story_licence_url(s->licence), s->lang,
		};
		atom_entry(&h, &e);
	}
	atom_end(&h);
	return 200;
}

/* The form to write or edit a story, posted back to the same path,
 * filled from s (as stored, or as posted), with errs beside the fields and
 * in the summary; returns status. */
static int story_form(struct req *r, int status, const struct story *s, enum msg title, enum msg submit,
		      const struct field_errors *errs)
{
	struct term *areas;
	size_t nareas;
	enum model_rc rc = area_list(r->db, r->region, &areas, &nareas);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	stories_begin(&h, r, msg_get(r->lang, title), NULL);
	HTML(&h, "<h1>");
	html_msg(&h, title);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_STORY_NEW_INTRO);
	HTML(&h, "</p>\n<dl class=\"facts\">");
	arena_fact(&h, s);
	HTML(&h, "</dl>\n");
	widget_errors(&h, errs, story_fields, NFIELDS);
	widget_form_begin_upload(&h, r, r->path);
	const char *values[NFIELDS] = { s->title, s->body, NULL, s->published_on, s->licence };
	for (size_t i = 0; i < NFIELDS; i++) {
		if (strcmp(story_fields[i].name, "area") == 0) {
			widget_area_select(&h, r, areas, nareas, MSG_STORY_NO_AREA, s->area_id, errs);
			continue;
		}
		if (strcmp(story_fields[i].name, "image") == 0) {
			web_image_fields(&h, r, MSG_IMAGE_FIELD, s->image.id, s->image_alt ? s->image_alt : "", errs);
			continue;
		}
		if (strcmp(story_fields[i].name, "image_alt") == 0)
			continue; /* in the image's fields */
		struct field f = story_fields[i];
		f.value = values[i];
		widget_field(&h, &f, errs);
	}
	widget_form_end(&h, submit);
	layout_end(&h, r);
	return status;
}

/* Reads the posted form into s. A malformed area is an error on "area";
 * the model checks that a well-formed one exists, and the rest. */
static void story_posted(struct req *r, struct story *s, struct field_errors *errs)
{
	s->title = req_form(r, "title");
	s->body = req_form(r, "body");
	s->published_on = req_form(r, "published_on");
	s->licence = req_form(r, "licence");
	s->image_alt = req_form(r, "image_alt");
	s->area_id = 0;
	const char *area = req_form(r, "area");
	if (area && *area) {
		int64_t id = route_id(area);
		if (id < 0)
			field_error_add(errs, "area", MSG_FORM_CHOOSE_ONE);
		else
			s->area_id = id;
	}
}

/* A story saved by web_tx; a new one is told to its arena's and areas'
 * followers. */
struct save_args {
	struct story *s;
	int64_t id; /* set for a new one */
	struct field_errors errs;
};

static enum model_rc save_tx(struct req *r, void *arg)
{
	struct save_args *x = arg;
	if (x->s->id)
		return story_update(r->db, x->s->id, x->s, &x->errs);
	enum model_rc rc = story_create(r->db, x->s, &x->id, &x->errs);
	return rc == MODEL_OK ? web_tell_story(r, x->s, x->id) : rc;
}

/* Saves s (new when id is 0); 303 to the story, or 400 the form again
 * with its errors and nothing saved; 503. */
static int story_save(struct req *r, struct story *s, enum msg title, enum msg submit)
{
	struct save_args x = { s, s->id, { .n = 0 } };
	story_posted(r, s, &x.errs);
	enum model_rc rc = web_image_take(r, s->image.id, &s->image.id, &x.errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	/* The model checks the rest and stores nothing while errs has any. */
	rc = web_tx(r, save_tx, &x);
	if (rc == MODEL_INVALID)
		return story_form(r, 400, s, title, submit, &x.errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/stories/%lld", (long long)x.id),
				 s->id ? DONE_STORY_SAVED : DONE_STORY_PUBLISHED);
}

/* A new story of the arena in the route, by the signed-in facilitator. */
static int new_story(struct req *r, struct story *s)
{
	struct arena a;
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	*s = (struct story){ .arena_id = a.id, .arena_title = a.title, .author_id = r->user_id,
			     .author_name = r->user_name, .published_on = when_today(r->region),
			     .licence = site.licence, .lang = r->lang->code };
	return 0;
}

/* GET /arenas/{id}/stories/new: 200 the form (the arena's facilitators:
 * the guard checks); 404 no such arena; 503. */
int web_story_new(struct req *r)
{
	struct story s;
	int status = new_story(r, &s);
	if (status)
		return status;
	return story_form(r, 200, &s, MSG_STORY_NEW_TITLE, MSG_STORY_SUBMIT, NULL);
}

/* POST /arenas/{id}/stories/new (title, body, area, published_on,
 * licence): 303 to the new story; 400 the form with errors beside the
 * fields, nothing saved; 404 no such arena; 503. */
int web_story_create(struct req *r)
{
	struct story s;
	int status = new_story(r, &s);
	if (status)
		return status;
	return story_save(r, &s, MSG_STORY_NEW_TITLE, MSG_STORY_SUBMIT);
}

/* The story in the route, if the signed-in person facilitates its arena.
 * Its routes are PERM_SIGNED_IN: their {id} is the story, not the arena,
 * so the guard cannot check the arena; this is that check. 0, or 403 not
 * a facilitator of the story's arena, 404 no such story, 503. */
static int editable_story(struct req *r, struct story *s)
{
	enum model_rc rc = story_get(r->db, r->region, r->params[0], s);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if (!web_can(r, PERM_FACILITATE, s->arena_id))
		return req_fail(r, 403, MSG_ERROR_FORBIDDEN);
	return 0;
}

/* GET /stories/{id}/edit: 200 the form; 403 not a facilitator of the
 * story's arena (checked here by editable_story, not by the guard); 404
 * no such story; 503. */
int web_story_edit(struct req *r)
{
	struct story s;
	int status = editable_story(r, &s);
	if (status)
		return status;
	return story_form(r, 200, &s, MSG_STORY_EDIT_TITLE, MSG_STORY_SAVE, NULL);
}

/* POST /stories/{id}/edit (as for a new story): 303 to the story; 400
 * the form with errors beside the fields, nothing saved; 403 not a
 * facilitator of the story's arena (checked here by editable_story, not
 * by the guard); 404 no such story; 503. */
int web_story_update(struct req *r)
{
	struct story s;
	int status = editable_story(r, &s);
	if (status)
		return status;
	return story_save(r, &s, MSG_STORY_EDIT_TITLE, MSG_STORY_SAVE);
}
