/*
 * leisure.c: the leisure calendar's events on pages: one event, the rows
 * that list them, and the form in which an association's keepers
 * announce an event, an open training or an open house, or change or
 * cancel one.
 */
#include <stdlib.h>
#include <string.h>

#include "core/tz.h"
#include "model/association.h"
#include "model/leisure.h"
#include "model/text.h"
#include "web/content.h"
#include "web/layout.h"
#include "web/locallife.h"
#include "web/markdown.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

void web_leisure_rows(struct html *h, const struct leisure_event *e, size_t n, int with_association)
{
	HTML(h, "<ul class=\"rows events\">");
	for (size_t i = 0; i < n; i++) {
		const struct leisure_event *x = &e[i];
		HTMLF(h, "<li><a href=\"/associations/%lld/events/%lld\"", (long long)x->organisation_id,
		      (long long)x->id);
		html_lang_attr(h, x->lang);
		HTMLF(h, ">%s</a> <span class=\"tag\">", x->title);
		html_msg(h, vocab_msg(&vocab_leisure_kinds, x->kind));
		HTML(h, "</span><br><span class=\"meta\">");
		when_range(h, x->starts_at, x->ends_at);
		if (with_association) {
			HTMLF(h, " · <a href=\"/associations/%lld\"", (long long)x->organisation_id);
			html_lang_attr(h, x->organisation_lang);
			HTMLF(h, ">%s</a>", x->organisation_name);
		}
		if (*x->place)
			HTMLF(h, " · <bdi>%s</bdi>", x->place);
		if (x->cancelled) {
			HTML(h, " · <strong>");
			html_msg(h, MSG_LEISURE_CANCELLED);
			HTML(h, "</strong>");
		}
		HTML(h, "</span></li>");
	}
	HTML(h, "</ul>\n");
}

/* The route's event of the route's association: 0, or 404, 503. */
static int load_event(struct req *r, struct leisure_event *e)
{
	enum model_rc rc = leisure_get(r->db, r->region, r->params[1], e);
	if (rc == MODEL_OK && e->organisation_id != r->params[0])
		rc = MODEL_NOT_FOUND;
	return rc == MODEL_OK ? 0 : req_status(r, model_status(rc));
}

/* GET /associations/{id}/events/{event}: 200; 404 no such event of that
 * association; 503. */
int web_leisure_show(struct req *r)
{
	struct leisure_event e;
	int status = load_event(r, &e);
	if (status)
		return status;
	struct html h = web_html(r);
	layout_begin(&h, r, e.title, NAV_LOCAL_LIFE);
	HTML(&h, "<nav class=\"crumbs\" aria-label=\"");
	html_msg(&h, MSG_NAV_BREADCRUMBS);
	HTMLF(&h, "\"><a href=\"/associations/%lld\"", (long long)e.organisation_id);
	html_lang_attr(&h, e.organisation_lang);
	HTMLF(&h, ">%s</a></nav>\n", e.organisation_name);
	HTML(&h, "<article");
	html_lang_attr(&h, e.lang);
	HTMLF(&h, "><h1>%s</h1>\n", e.title);
	HTML(&h, "<dl class=\"facts\"><dt>");
	html_msg(&h, MSG_LEISURE_KIND);
	HTML(&h, "</dt><dd>");
	html_msg(&h, vocab_msg(&vocab_leisure_kinds, e.kind));
	HTML(&h, "</dd><dt>");
	html_msg(&h, MSG_LEISURE_WHEN);
	HTML(&h, "</dt><dd>");
	when_range(&h, e.starts_at, e.ends_at);
	if (e.cancelled) {
		HTML(&h, " <strong>");
		html_msg(&h, MSG_LEISURE_CANCELLED);
		HTML(&h, "</strong>");
	}
	HTML(&h, "</dd><dt>");
	html_msg(&h, MSG_MEETING_PLACE);
	HTMLF(&h, "</dt><dd><bdi>%s</bdi></dd></dl>\n", e.place);
	markdown_render(&h, e.description);
	HTML(&h, "</article>\n");
	if (e.area_id) {
		HTMLF(&h, "<p><a href=\"/areas/%lld/local-life.ics\">", (long long)e.area_id);
		html_msg(&h, MSG_LEISURE_CALENDAR);
		HTML(&h, "</a></p>\n");
	}
	if (web_keeps_association(r, e.organisation_id)) {
		HTMLF(&h, "<p><a href=\"/associations/%lld/events/%lld/edit\">", (long long)e.organisation_id,
		      (long long)e.id);
		html_msg(&h, MSG_LEISURE_EDIT);
		HTML(&h, "</a></p>\n");
	}
	layout_end(&h, r);
	return 200;
}

enum { EF_KIND, EF_TITLE, EF_STARTS, EF_ENDS, EF_PLACE, EF_DESCRIPTION, EF_LANG, EF__MAX };
static const struct field event_fields[EF__MAX] = {
	[EF_KIND] = { "kind", MSG_LEISURE_KIND, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
	[EF_TITLE] = { "title", MSG_LEISURE_TITLE, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, TEXT_NAME_MAX },
	[EF_STARTS] = { "starts_at", MSG_ACTIVITY_STARTS, FIELD_DATETIME, NULL, NULL, MSG_ACTIVITY_TIME_HINT,
			1, 0 },
	[EF_ENDS] = { "ends_at", MSG_ACTIVITY_ENDS, FIELD_DATETIME, NULL, NULL, MSG__MAX, 1, 0 },
	[EF_PLACE] = { "place", MSG_MEETING_PLACE, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, TEXT_NAME_MAX },
	[EF_DESCRIPTION] = { "description", MSG_LEISURE_DESCRIPTION, FIELD_TEXTAREA, NULL, NULL,
			     MSG_FORM_MARKDOWN_HINT, 0, TEXT_BODY_MAX },
	[EF_LANG] = { "lang", MSG_FORM_CONTENT_LANGUAGE, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
};

static int event_form(struct req *r, int status, const struct association *x,
		      const struct leisure_event *e, enum msg title, const struct field_errors *errs)
{
	char starts[32] = "", ends[32] = "";
	if (e->starts_at > 0)
		tz_format_local(e->starts_at, starts);
	if (e->ends_at > 0)
		tz_format_local(e->ends_at, ends);
	const char *values[EF__MAX] = { NULL, e->title, req_form(r, "starts_at") ? req_form(r, "starts_at") : starts,
					req_form(r, "ends_at") ? req_form(r, "ends_at") : ends, e->place,
					e->description, NULL };
	req_set_header(r, "Cache-Control", "private, no-store");
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, title), NAV_LOCAL_LIFE);
	HTML(&h, "<nav class=\"crumbs\" aria-label=\"");
	html_msg(&h, MSG_NAV_BREADCRUMBS);
	HTMLF(&h, "\"><a href=\"/associations/%lld\"", (long long)x->org.id);
	html_lang_attr(&h, x->org.lang);
	HTMLF(&h, ">%s</a></nav>\n<h1>", x->org.name);
	html_msg(&h, title);
	HTML(&h, "</h1>\n");
	widget_errors(&h, errs, event_fields, EF__MAX);
	widget_form_begin(&h, r, r->path);
	struct option kinds[LEISURE__MAX];
	for (int k = 0; k < LEISURE__MAX; k++)
		kinds[k] = (struct option){ vocab_code(&vocab_leisure_kinds, (enum leisure_kind)k),
					    msg_get(r->lang, vocab_msg(&vocab_leisure_kinds, (enum leisure_kind)k)) };
	widget_select(&h, "kind", MSG_LEISURE_KIND, kinds, LEISURE__MAX, vocab_code(&vocab_leisure_kinds, e->kind), errs);
	for (int i = EF_TITLE; i <= EF_DESCRIPTION; i++) {
		struct field f = event_fields[i];
		f.value = values[i];
		widget_field(&h, &f, errs);
	}
	content_select(&h, r, "lang", MSG_FORM_CONTENT_LANGUAGE, MSG__MAX, e->lang, errs);
	if (e->id)
		widget_checkbox(&h, "cancelled", "1", MSG_LEISURE_CANCEL, e->cancelled, errs);
	widget_form_end(&h, MSG_FORM_SAVE);
	layout_end(&h, r);
	return status;
}

/* The route's association, for its keeper: 0, or 403, 404, 503. */
static int keeper_of(struct req *r, struct association *x)
{
	enum model_rc rc = association_get(r->db, r->region, r->params[0], x);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if (!web_keeps_association(r, x->org.id))
		return req_fail(r, 403, MSG_ERROR_FORBIDDEN);
	return 0;
}

struct event_args {
	struct leisure_event e;
	int64_t id;
	struct field_errors errs;
};

static enum model_rc event_tx(struct req *r, void *arg)
{
	struct event_args *a = arg;
	return leisure_save(r->db, &a->e, r->user_id, &a->id, &a->errs);
}

static int event_post(struct req *r, const struct association *x, struct leisure_event *e, enum msg title)
{
	struct event_args *a = region_calloc(r->region, 1, sizeof *a);
	a->e = *e;
	int k = vocab_parse(&vocab_leisure_kinds, req_form(r, "kind"));
	a->e.kind = k < 0 ? LEISURE__MAX : (enum leisure_kind)k;
	a->e.title = req_form(r, "title");
	a->e.description = req_form(r, "description");
	a->e.place = req_form(r, "place");
	a->e.lang = req_form(r, "lang");
	a->e.cancelled = req_form(r, "cancelled") != NULL;
	a->e.starts_at = a->e.ends_at = 0;
	tz_parse_local(req_form(r, "starts_at"), &a->e.starts_at);
	tz_parse_local(req_form(r, "ends_at"), &a->e.ends_at);
	enum model_rc rc = web_tx(r, event_tx, a);
	if (rc == MODEL_INVALID)
		return event_form(r, 400, x, &a->e, title, &a->errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/associations/%lld/events/%lld",
					     (long long)x->org.id, (long long)a->id), DONE_SAVED);
}

/* GET /associations/{id}/events/new: 200 the form; 403 not a keeper of
 * the association (checked here); 404; 503. */
int web_leisure_new(struct req *r)
{
	struct association x;
	int status = keeper_of(r, &x);
	if (status)
		return status;
	struct leisure_event e = { .organisation_id = x.org.id, .kind = LEISURE_OPEN_TRAINING,
				   .lang = x.org.lang };
	return event_form(r, 200, &x, &e, MSG_LEISURE_NEW, NULL);
}

/* POST /associations/{id}/events/new (kind, title, starts_at, ends_at,
 * place, description, lang): 303 to the event; 400 errors; 403; 404; 503. */
int web_leisure_create(struct req *r)
{
	struct association x;
	int status = keeper_of(r, &x);
	if (status)
		return status;
	struct leisure_event e = { .organisation_id = x.org.id };
	return event_post(r, &x, &e, MSG_LEISURE_NEW);
}

/* GET /associations/{id}/events/{event}/edit: 200; 403; 404; 503. */
int web_leisure_edit(struct req *r)
{
	struct association x;
	struct leisure_event e;
	int status = keeper_of(r, &x);
	if (status == 0)
		status = load_event(r, &e);
	return status ? status : event_form(r, 200, &x, &e, MSG_LEISURE_EDIT, NULL);
}

/* POST /associations/{id}/events/{event}/edit (as new, and cancelled):
 * 303 to the event; 400; 403; 404; 503. */
int web_leisure_update(struct req *r)
{
	struct association x;
	struct leisure_event e;
	int status = keeper_of(r, &x);
	if (status == 0)
		status = load_event(r, &e);
	return status ? status : event_post(r, &x, &e, MSG_LEISURE_EDIT);
}
