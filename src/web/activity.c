/*
 * activity.c: an arena's activities: the page (time, place, places left,
 * accessibility, interpretation, and afterwards the minutes and "what we
 * heard"), signing up with one's account and needs and cancelling (the
 * waiting list moves up by itself and those who move up get a mail),
 * and the facilitator's forms to plan and update an activity. Guests,
 * sign-ups staff take and the list of who comes are in attend.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tz.h"
#include "http/query.h"
#include "model/activity.h"
#include "model/arena.h"
#include "model/signup.h"
#include "model/vocab.h"
#include "web/guard.h"
#include "web/layout.h"
#include "web/mail.h"
#include "web/attend.h"
#include "web/markdown.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

/* A language's name, from its code (vocab_languages); an unknown code as
 * it is. */
void attend_language_name(struct html *h, const char *code, size_t n)
{
	char c[8];
	int i = -1;
	if (n < sizeof c) {
		memcpy(c, code, n);
		c[n] = '\0';
		i = vocab_parse(&vocab_languages, c);
	}
	if (i >= 0)
		html_msg(h, vocab_msg(&vocab_languages, i));
	else
		html_textn(h, code, n);
}

/* The fields of the activity form, in the order shown. */
enum activity_field {
	AF_TITLE,
	AF_KIND,
	AF_KIND_OTHER,
	AF_STARTS,
	AF_ENDS,
	AF_PLACE,
	AF_ONLINE,
	AF_CAPACITY,
	AF_ACCESSIBILITY,
	AF_INTERPRETATION,
	AF_DESCRIPTION,
	AF_MINUTES,
	AF_SUMMARY,
	AF__MAX
};

static const struct field activity_fields[] = {
	[AF_TITLE] = { "title", MSG_ACTIVITY_TITLE_FIELD, FIELD_TEXT, NULL, "off", MSG__MAX, 1, 200 },
	[AF_KIND] = { "kind", MSG_ACTIVITY_KIND, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
	[AF_KIND_OTHER] = { "kind_other", MSG_ACTIVITY_KIND_OTHER_NAME, FIELD_TEXT, NULL, "off",
			    MSG_ACTIVITY_KIND_OTHER_HINT, 0, 200 },
	[AF_STARTS] = { "starts_at", MSG_ACTIVITY_STARTS, FIELD_DATETIME, NULL, NULL, MSG_ACTIVITY_TIME_HINT, 1, 0 },
	[AF_ENDS] = { "ends_at", MSG_ACTIVITY_ENDS, FIELD_DATETIME, NULL, NULL, MSG__MAX, 1, 0 },
	[AF_PLACE] = { "place", MSG_ACTIVITY_PLACE, FIELD_TEXT, NULL, "off", MSG__MAX, 0, 200 },
	[AF_ONLINE] = { "online_url", MSG_ACTIVITY_ONLINE, FIELD_URL, NULL, "off", MSG__MAX, 0, 500 },
	[AF_CAPACITY] = { "capacity", MSG_ACTIVITY_CAPACITY, FIELD_NUMBER, NULL, "off", MSG_ACTIVITY_CAPACITY_HINT,
			  0, 0 },
	[AF_ACCESSIBILITY] = { "accessibility", MSG_ACTIVITY_ACCESSIBILITY, FIELD_TEXTAREA, NULL, NULL,
			       MSG_ACTIVITY_ACCESSIBILITY_HINT, 0, 0 },
	[AF_INTERPRETATION] = { "interpretation", MSG_ACTIVITY_INTERPRETATION, FIELD_TEXT, NULL, NULL,
				MSG_ACTIVITY_INTERPRETATION_HINT, 0, 0 },
	[AF_DESCRIPTION] = { "description", MSG_ACTIVITY_DESCRIPTION, FIELD_TEXTAREA, NULL, NULL,
			     MSG_FORM_MARKDOWN_HINT, 0, 0 },
	[AF_MINUTES] = { "minutes", MSG_ACTIVITY_MINUTES, FIELD_TEXTAREA, NULL, NULL, MSG_FORM_MARKDOWN_HINT, 0, 0 },
	[AF_SUMMARY] = { "summary", MSG_ACTIVITY_SUMMARY, FIELD_TEXTAREA, NULL, NULL, MSG_ACTIVITY_SUMMARY_HINT,
			 0, 0 },
};
_Static_assert(sizeof activity_fields / sizeof activity_fields[0] == AF__MAX, "a field for every AF_");

enum model_rc attend_load(struct req *r, struct arena *a, struct activity *x)
{
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], a);
	if (rc == MODEL_OK)
		rc = activity_get(r->db, r->region, r->params[1], x);
	if (rc == MODEL_OK && x->arena_id != a->id)
		rc = MODEL_NOT_FOUND;
	return rc;
}

static void kind_text(struct html *h, const struct activity *x)
{
	if (x->kind == KIND_OTHER && x->kind_other && *x->kind_other)
		html_content(h, "span", x->lang, x->kind_other);
	else
		html_msg(h, activity_kind_msg(x->kind));
}

static void facts(struct html *h, const struct activity *x)
{
	HTML(h, "<dl class=\"facts\"><dt>");
	html_msg(h, MSG_ACTIVITY_WHEN);
	HTML(h, "</dt><dd>");
	when_range(h, x->starts_at, x->ends_at);
	HTML(h, "</dd>");
	if (x->place && *x->place) {
		HTML(h, "<dt>");
		html_msg(h, MSG_ACTIVITY_PLACE);
		HTML(h, "</dt><dd");
		html_lang_attr(h, x->lang);
		HTMLF(h, ">%s</dd>", x->place);
	}
	if (x->online_url && *x->online_url) {
		HTML(h, "<dt>");
		html_msg(h, MSG_ACTIVITY_ONLINE);
		HTML(h, "</dt><dd><a rel=\"external noopener\" href=\"");
		html_href(h, x->online_url);
		HTMLF(h, "\">%s</a></dd>", x->online_url);
	}
	HTML(h, "<dt>");
	html_msg(h, MSG_ACTIVITY_PLACES);
	HTML(h, "</dt><dd>");
	if (x->capacity < 0) {
		html_msg(h, MSG_ACTIVITY_NO_LIMIT);
	} else {
		char left[24], cap[24], waiting[24];
		snprintf(left, sizeof left, "%lld", (long long)(x->capacity - x->confirmed));
		snprintf(cap, sizeof cap, "%lld", (long long)x->capacity);
		snprintf(waiting, sizeof waiting, "%lld", (long long)x->waiting);
		const char *args[] = { left, cap, waiting };
		html_msgv(h, x->waiting ? MSG_ACTIVITY_PLACES_WAITING : MSG_ACTIVITY_PLACES_LEFT, args, 3);
	}
	HTML(h, "</dd><dt>");
	html_msg(h, MSG_ACTIVITY_ACCESSIBILITY);
	HTML(h, "</dt><dd>");
	html_msg(h, x->step_free ? MSG_ACTIVITY_STEP_FREE : MSG_ACTIVITY_NOT_STEP_FREE);
	if (x->accessibility && *x->accessibility) {
		HTML(h, " ");
		html_content(h, "span", x->lang, x->accessibility);
	}
	HTML(h, "</dd>");
	if (x->interpretation && *x->interpretation) {
		HTML(h, "<dt>");
		html_msg(h, MSG_ACTIVITY_INTERPRETATION);
		HTML(h, "</dt><dd>");
		for (const char *p = x->interpretation; *p;) {
			size_t n = strcspn(p, " ");
			if (p != x->interpretation)
				HTML(h, ", ");
			attend_language_name(h, p, n);
			p += n;
			while (*p == ' ')
				p++;
		}
		HTML(h, "</dd>");
	}
	HTML(h, "</dl>\n");
}

void attend_needs_fields(struct html *h, struct req *r, const struct activity *x, const struct field_errors *errs)
{
	static const struct field other = { "other_needs", MSG_ATTEND_OTHER_NEEDS, FIELD_TEXTAREA, NULL, NULL,
					     MSG__MAX, 0, 1000 };
	HTML(h, "<fieldset><legend>");
	html_msg(h, MSG_ATTEND_NEEDS);
	HTML(h, "</legend>");
	if (x->interpretation && *x->interpretation) {
		size_t n = 1;
		for (const char *p = x->interpretation; *p; p++)
			n += *p == ' ';
		struct option *o = region_calloc(r->region, n + 1, sizeof *o);
		o[0] = (struct option){ "", msg_get(r->lang, MSG_ATTEND_NO_INTERPRETER) };
		size_t k = 1;
		for (const char *p = x->interpretation; *p && k <= n; k++) {
			size_t len = strcspn(p, " ");
			o[k].value = region_strndup(r->region, p, len);
			int lang = vocab_parse(&vocab_languages, o[k].value);
			o[k].label = lang >= 0 ? msg_get(r->lang, vocab_msg(&vocab_languages, lang))
					       : o[k].value;
			p += len;
			while (*p == ' ')
				p++;
		}
		widget_select(h, "interpreter", MSG_ATTEND_INTERPRETER, o, k, req_form(r, "interpreter"), errs);
	}
	widget_checkbox(h, "step_free", "1", MSG_ATTEND_STEP_FREE, req_form(r, "step_free") != NULL, errs);
	widget_checkbox(h, "childcare", "1", MSG_ATTEND_CHILDCARE, req_form(r, "childcare") != NULL, errs);
	struct field f = other;
	f.value = req_form(r, "other_needs");
	widget_field(h, &f, errs);
	HTML(h, "</fieldset>");
}

struct signup_needs attend_needs_from_form(struct req *r)
{
	return (struct signup_needs){ req_form(r, "interpreter"), req_form(r, "step_free") != NULL,
				      req_form(r, "childcare") != NULL, req_form(r, "other_needs") };
}

/* The sign-up part: the reader's sign-up (mine: theirs, or NULL) with
 * the way to cancel it, or the form to sign up: with the account, or
 * (not signed in) as a guest with a name and an e-mail address. */
static void signup_section(struct html *h, struct req *r, const struct activity *x, const struct signup *mine,
			   const struct field_errors *errs)
{
	HTML(h, "<section aria-labelledby=\"signup\" class=\"signup\"><h2 id=\"signup\">");
	html_msg(h, MSG_ATTEND_TITLE_SECTION);
	HTML(h, "</h2>");
	const char *base = region_printf(r->region, "/arenas/%lld/activities/%lld", (long long)x->arena_id,
					 (long long)x->id);
	if (x->cancelled) {
		HTML(h, "<p><strong>");
		html_msg(h, MSG_ACTIVITY_CANCELLED);
		HTML(h, "</strong></p></section>\n");
		return;
	}
	if (x->starts_at <= model_now()) {
		HTML(h, "<p>");
		html_msg(h, MSG_SIGNUP_ACTIVITY_PAST);
		HTML(h, "</p></section>\n");
		return;
	}
	if (mine && (mine->status == SIGNUP_CONFIRMED || mine->status == SIGNUP_WAITING)) {
		HTML(h, "<p class=\"notice\" role=\"status\">");
		html_msg(h, mine->status == SIGNUP_CONFIRMED ? MSG_ATTEND_YOU_ARE_IN : MSG_ATTEND_YOU_WAIT);
		HTML(h, "</p>");
		/* Asked on a page of its own, which names the activity. */
		HTMLF(h, "<p><a class=\"button secondary\" href=\"%s/cancel\">", base);
		html_msg(h, MSG_ATTEND_CANCEL);
		HTML(h, "</a></p></section>\n");
		return;
	}
	int full = x->capacity >= 0 && x->confirmed >= x->capacity;
	if (full) {
		HTML(h, "<p>");
		html_msg(h, MSG_ATTEND_FULL);
		HTML(h, "</p>");
	}
	if (r->user_id == 0) {
		attend_guest_form(h, r, x, errs);
		HTML(h, "</section>\n");
		return;
	}
	static const struct field fields[] = {
		{ "interpreter", MSG_ATTEND_INTERPRETER, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
		{ "other_needs", MSG_ATTEND_OTHER_NEEDS, FIELD_TEXTAREA, NULL, NULL, MSG__MAX, 0, 1000 },
	};
	widget_errors(h, errs, fields, sizeof fields / sizeof fields[0]);
	widget_form_begin(h, r, region_printf(r->region, "%s/signup", base));
	attend_needs_fields(h, r, x, errs);
	widget_form_end(h, full ? MSG_ATTEND_JOIN_WAITING : MSG_ATTEND_SUBMIT);
	HTML(h, "</section>\n");
}

/* For the arena's facilitators: how many come and what they need in all,
 * and the way to the list of who (a page of its own, whose every view is
 * in the audit log). */
static void attendees_summary(struct html *h, const struct activity *x, const struct signup_tally *t)
{
	char a[16], b[16], c[16], d[16], e[16];
	snprintf(a, sizeof a, "%d", t->confirmed);
	snprintf(b, sizeof b, "%d", t->waiting);
	snprintf(c, sizeof c, "%d", t->interpreters);
	snprintf(d, sizeof d, "%d", t->step_free);
	snprintf(e, sizeof e, "%d", t->childcare);
	const char *counts[] = { a, b }, *needs[] = { c, d, e };
	HTML(h, "<section aria-labelledby=\"attendees\"><h2 id=\"attendees\">");
	html_msg(h, MSG_ATTENDEES_TITLE);
	HTML(h, "</h2><p>");
	html_msgv(h, MSG_ATTENDEES_COUNTS, counts, 2);
	HTML(h, " ");
	html_msgv(h, MSG_ATTENDEES_NEEDS, needs, 3);
	HTMLF(h, "</p><ul class=\"links\"><li><a href=\"/arenas/%lld/activities/%lld/attendees\">", (long long)x->arena_id,
	      (long long)x->id);
	html_msg(h, MSG_ATTENDEES_SEE);
	HTMLF(h, "</a></li><li><a href=\"/arenas/%lld/activities/%lld/signups/new\">", (long long)x->arena_id,
	      (long long)x->id);
	html_msg(h, MSG_ATTENDEES_ADD);
	HTML(h, "</a></li></ul></section>\n");
}

int attend_activity_page(struct req *r, int status, const struct field_errors *errs)
{
	struct arena a;
	struct activity x;
	struct signup mine;
	int signed_up = 0, following = 0;
	enum model_rc rc = attend_load(r, &a, &x);
	if (rc == MODEL_OK)
		rc = follow_get(r->db, r->user_id, FOLLOW_ACTIVITY, x.id, &following);
	if (rc == MODEL_OK && r->user_id) {
		rc = signup_get(r->db, r->region, x.id, r->user_id, &mine);
		signed_up = rc == MODEL_OK;
		if (rc == MODEL_NOT_FOUND)
			rc = MODEL_OK;
	}
	int facilitator = rc == MODEL_OK && web_can(r, PERM_FACILITATE, a.id);
	struct signup_tally tally = { 0 };
	if (facilitator)
		rc = signup_tally(r->db, x.id, &tally);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	const struct layout_page page = { .title = x.title, .nav = NAV_ARENAS,
					  .description_md = x.description && *x.description ? x.description
											     : a.description,
					  .content_lang = x.lang };
	layout_open(&h, r, &page);
	HTMLF(&h, "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/arenas\">%s</a> › <a href=\"/arenas/%lld\"",
	      msg_get(r->lang, MSG_NAV_BREADCRUMBS), msg_get(r->lang, MSG_ARENAS_TITLE), (long long)a.id);
	html_lang_attr(&h, a.lang);
	HTMLF(&h, ">%s</a></nav>\n<article><h1", a.title);
	html_lang_attr(&h, x.lang);
	HTMLF(&h, ">%s</h1>\n<p class=\"meta\"><span class=\"tag\">", x.title);
	kind_text(&h, &x);
	HTML(&h, "</span></p>\n");
	if (facilitator) {
		HTMLF(&h, "<p><a href=\"/arenas/%lld/activities/%lld/edit\">", (long long)a.id, (long long)x.id);
		html_msg(&h, MSG_ACTIVITY_EDIT);
		HTML(&h, "</a></p>");
	}
	facts(&h, &x);
	web_follow_button(&h, r, FOLLOW_ACTIVITY, x.id, following);
	markdown_content(&h, x.lang, x.description);
	HTML(&h, "</article>\n");
	signup_section(&h, r, &x, signed_up ? &mine : NULL, errs);
	if (x.summary && *x.summary) {
		HTML(&h, "<section aria-labelledby=\"heard\"><h2 id=\"heard\">");
		html_msg(&h, MSG_ACTIVITY_SUMMARY);
		HTML(&h, "</h2>");
		markdown_content(&h, x.lang, x.summary);
		HTML(&h, "</section>\n");
	}
	if (x.minutes && *x.minutes) {
		HTML(&h, "<section aria-labelledby=\"minutes\"><h2 id=\"minutes\">");
		html_msg(&h, MSG_ACTIVITY_MINUTES);
		HTML(&h, "</h2>");
		markdown_content(&h, x.lang, x.minutes);
		HTML(&h, "</section>\n");
	}
	if (facilitator)
		attendees_summary(&h, &x, &tally);
	layout_end(&h, r);
	return status;
}

/* GET /arenas/{id}/activities/{activity}: 200; 404 unknown, or not of
 * that arena. */
int web_activity_show(struct req *r)
{
	return attend_activity_page(r, 200, NULL);
}

enum model_rc attend_tell_promoted(struct req *r, const struct activity *x, const struct signup_promoted *p,
				   size_t n)
{
	const char *link = region_printf(r->region, "%s/arenas/%lld/activities/%lld", mail_link(r, "", ""),
					 (long long)x->arena_id, (long long)x->id);
	enum model_rc rc = MODEL_OK;
	/* Someone who gave only a phone number is called by staff instead. */
	for (size_t i = 0; rc == MODEL_OK && i < n; i++) {
		const char *args[] = { p[i].name, x->title, link };
		if (p[i].email && *p[i].email)
			rc = mail_queue(r, p[i].account_id, p[i].email, p[i].lang, MSG_MAIL_PROMOTED_SUBJECT,
					MSG_MAIL_PROMOTED_BODY, args, 3);
	}
	return rc;
}

/* A sign-up, written by web_tx. */
struct signup_args {
	int64_t activity_id, arena_id;
	struct signup_needs needs;
	enum signup_status status;
	struct field_errors errs;
};

static enum model_rc signup_tx(struct req *r, void *arg)
{
	struct signup_args *s = arg;
	enum model_rc rc = signup_create(r->db, s->activity_id, r->user_id, &s->needs, &s->status, &s->errs);
	/* Taking part: the activity and its arena are followed. */
	if (rc == MODEL_OK)
		rc = follow_taking_part(r->db, r->user_id, FOLLOW_ACTIVITY, s->activity_id);
	return rc == MODEL_OK ? follow_taking_part(r->db, r->user_id, FOLLOW_ARENA, s->arena_id) : rc;
}

/* POST .../signup (interpreter, step_free, childcare, other_needs): 303
 * back, signed up or on the waiting list; 400 bad needs; 409 signed up
 * already, or the activity is past, started or cancelled; 404. */
int web_activity_signup(struct req *r)
{
	struct arena a;
	struct activity x;
	enum model_rc rc = attend_load(r, &a, &x);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct signup_args s = { x.id, a.id, attend_needs_from_form(r), SIGNUP_CONFIRMED, { .n = 0 } };
	rc = web_tx(r, signup_tx, &s);
	if (rc == MODEL_CONFLICT)
		return req_fail(r, 409, MSG_ATTEND_ALREADY);
	if (rc == MODEL_INVALID && field_error_get(&s.errs, "activity") != MSG__MAX)
		return req_fail(r, 409, field_error_get(&s.errs, "activity"));
	if (rc == MODEL_INVALID)
		return attend_activity_page(r, 400, &s.errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/arenas/%lld/activities/%lld#signup", (long long)a.id,
						  (long long)x.id),
				 s.status == SIGNUP_CONFIRMED ? DONE_SIGNED_UP : DONE_WAITING);
}

enum model_rc web_cancel_signups_of(struct req *r, int64_t account_id)
{
	struct signup_moved *moved;
	size_t n = 0;
	enum model_rc rc = signup_cancel_all(r->db, r->region, account_id, &moved, &n);
	for (size_t i = 0; rc == MODEL_OK && i < n; i++) {
		struct activity x;
		rc = activity_get(r->db, r->region, moved[i].activity_id, &x);
		if (rc == MODEL_OK)
			rc = attend_tell_promoted(r, &x, &moved[i].person, 1);
	}
	return rc;
}

/* Cancels the reader's sign-up to x (an activity), written by web_tx:
 * whoever moves up from the waiting list gets a mail. */
static enum model_rc cancel_tx(struct req *r, void *arg)
{
	const struct activity *x = arg;
	struct signup_promoted *p;
	size_t n;
	enum model_rc rc = signup_cancel(r->db, r->region, x->id, r->user_id, &p, &n);
	return rc == MODEL_OK ? attend_tell_promoted(r, x, p, n) : rc;
}

/* GET .../cancel: 200 the question, naming the activity; 404. */
int web_activity_cancel_confirm(struct req *r)
{
	struct arena a;
	struct activity x;
	enum model_rc rc = attend_load(r, &a, &x);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *args[] = { x.title };
	struct buf what = BUF_INIT(2048);
	msg_format(&what, r->lang, MSG_CONFIRM_CANCEL_SIGNUP, args, 1);
	const char *back = region_printf(r->region, "/arenas/%lld/activities/%lld", (long long)a.id, (long long)x.id);
	const struct web_confirm c = {
		.what = region_strdup(r->region, buf_str(&what)),
		.consequence = MSG_CONFIRM_CANCEL_SIGNUP_CONSEQUENCE,
		.action = region_printf(r->region, "%s/cancel", back),
		.submit = MSG_CONFIRM_CANCEL_SIGNUP_SUBMIT,
		.back = back,
		.nav = NAV_ARENAS,
	};
	buf_free(&what);
	return web_confirm(r, &c);
}

/* POST .../cancel: 303 back; the first on the waiting list moves up and
 * gets a mail; 404 not signed up. */
int web_activity_cancel(struct req *r)
{
	struct arena a;
	struct activity x;
	enum model_rc rc = attend_load(r, &a, &x);
	if (rc == MODEL_OK)
		rc = web_tx(r, cancel_tx, &x);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/arenas/%lld/activities/%lld#signup", (long long)a.id,
						  (long long)x.id),
				 DONE_SIGNUP_CANCELLED);
}

/* The languages ticked in the form ("interpretation" fields), as the
 * space-separated codes the model keeps. */
static const char *form_languages(struct req *r)
{
	struct buf codes = BUF_INIT(1024);
	for (size_t i = 0; i < r->form.n; i++)
		if (strcmp(r->form.items[i].key, "interpretation") == 0 && *r->form.items[i].value) {
			if (codes.len)
				buf_putc(&codes, ' ');
			buf_puts(&codes, r->form.items[i].value);
		}
	/* Past the buffer's limit: more than any real choice; the model's
	 * length check refuses what was kept. */
	const char *out = region_strdup(r->region, buf_str(&codes));
	buf_free(&codes);
	return out;
}

/* Whether code is one of the space-separated codes in list. */
static int has_code(const char *list, const char *code, size_t n)
{
	for (const char *p = list ? list : ""; *p;) {
		size_t len = strcspn(p, " ");
		if (len == n && memcmp(p, code, n) == 0)
			return 1;
		p += len;
		while (*p == ' ')
			p++;
	}
	return 0;
}

/* The languages interpretation is offered in, as ticks by name in the
 * reader's language; codes stored that the list lacks keep a tick of
 * their own, so saving the form never drops them. */
static void interpretation_field(struct html *h, struct req *r, const char *chosen,
				 const struct field_errors *errs)
{
	enum msg error = errs ? field_error_get(errs, "interpretation") : MSG__MAX;
	HTMLF(h, "<fieldset class=\"checks languages%s\" id=\"interpretation\"><legend>",
	      error != MSG__MAX ? " invalid" : "");
	html_msg(h, MSG_ACTIVITY_INTERPRETATION);
	HTML(h, " <span class=\"optional\">(");
	html_msg(h, MSG_FORM_OPTIONAL);
	HTML(h, ")</span></legend><p class=\"hint\">");
	html_msg(h, MSG_ACTIVITY_INTERPRETATION_HINT);
	HTML(h, "</p>");
	if (error != MSG__MAX) {
		HTML(h, "<p class=\"error\" id=\"interpretation-error\">");
		html_msg(h, error);
		HTML(h, "</p>");
	}
	const struct vocab *v = &vocab_languages;
	for (int i = 0; i < v->n; i++) {
		const char *code = v->codes[i];
		HTMLF(h, "<div class=\"check\"><input type=\"checkbox\" id=\"interpretation-%s\" "
			 "name=\"interpretation\" value=\"%s\"%s><label for=\"interpretation-%s\">%s</label></div>",
		      code, code, has_code(chosen, code, strlen(code)) ? " checked" : "", code,
		      msg_get(r->lang, v->names[i]));
	}
	for (const char *p = chosen ? chosen : ""; *p;) {
		size_t len = strcspn(p, " ");
		const char *code = region_strndup(r->region, p, len);
		if (vocab_parse(v, code) < 0) {
			HTMLF(h, "<div class=\"check\"><input type=\"checkbox\" id=\"interpretation-%s\" "
				 "name=\"interpretation\" value=\"%s\" checked><label for=\"interpretation-%s\">%s</label></div>",
			      code, code, code, code);
		}
		p += len;
		while (*p == ' ')
			p++;
	}
	HTML(h, "</fieldset>\n");
}

/* The activity as typed into the form; unparsable times become 0, which
 * the model reports beside the field. */
static void from_form(struct req *r, struct activity *x)
{
	x->title = req_form(r, "title");
	int k = activity_kind_parse(req_form(r, "kind"));
	x->kind = k < 0 ? KIND__MAX : (enum activity_kind)k;
	x->kind_other = req_form(r, "kind_other");
	x->description = req_form(r, "description");
	x->place = req_form(r, "place");
	x->online_url = req_form(r, "online_url");
	x->accessibility = req_form(r, "accessibility");
	x->interpretation = form_languages(r);
	x->minutes = req_form(r, "minutes");
	x->summary = req_form(r, "summary");
	x->step_free = req_form(r, "step_free") != NULL;
	x->cancelled = req_form(r, "cancelled") != NULL;
	x->lang = req_form(r, "lang") && i18n_find(req_form(r, "lang")) ? req_form(r, "lang") : r->lang->code;
	x->starts_at = x->ends_at = 0;
	tz_parse_local(req_form(r, "starts_at"), &x->starts_at);
	tz_parse_local(req_form(r, "ends_at"), &x->ends_at);
	const char *cap = req_form(r, "capacity");
	x->capacity = -1;
	if (cap && *cap) {
		char *end;
		x->capacity = strtoll(cap, &end, 10);
		if (*end)
			x->capacity = 0; /* reported as a bad capacity */
	}
}

static void activity_form(struct req *r, const struct arena *a, const char *title, const char *action,
			  const struct activity *x, int editing, const struct field_errors *errs)
{
	struct html h = web_html(r);
	layout_begin(&h, r, title, NAV_ARENAS);
	HTMLF(&h, "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/arenas/%lld\">%s</a></nav>\n<h1>%s</h1>\n",
	      msg_get(r->lang, MSG_NAV_BREADCRUMBS), (long long)a->id, a->title, title);
	widget_errors(&h, errs, activity_fields, AF__MAX);
	widget_form_begin(&h, r, action);
	char starts[32] = "", ends[32] = "", cap[24] = "";
	if (x->starts_at > 0)
		tz_format_local(x->starts_at, starts);
	if (x->ends_at > 0)
		tz_format_local(x->ends_at, ends);
	if (x->capacity > 0)
		snprintf(cap, sizeof cap, "%lld", (long long)x->capacity);
	const char *values[AF__MAX] = {
		[AF_TITLE] = x->title,
		[AF_KIND_OTHER] = x->kind_other,
		[AF_STARTS] = starts,
		[AF_ENDS] = ends,
		[AF_PLACE] = x->place,
		[AF_ONLINE] = x->online_url,
		[AF_CAPACITY] = cap,
		[AF_ACCESSIBILITY] = x->accessibility,
		[AF_DESCRIPTION] = x->description,
		[AF_MINUTES] = x->minutes,
		[AF_SUMMARY] = x->summary,
	};
	/* Form values as typed win over stored ones (times that did not parse). */
	for (int i = 0; i < AF__MAX; i++)
		if (req_form(r, activity_fields[i].name))
			values[i] = req_form(r, activity_fields[i].name);
	for (int i = 0; i < AF__MAX; i++) {
		if (i == AF_KIND) {
			struct option o[KIND__MAX];
			for (int k = 0; k < KIND__MAX; k++)
				o[k] = (struct option){ activity_kind_code((enum activity_kind)k),
							msg_get(r->lang, activity_kind_msg((enum activity_kind)k)) };
			widget_select(&h, "kind", MSG_ACTIVITY_KIND, o, KIND__MAX,
				      (unsigned)x->kind < KIND__MAX ? activity_kind_code(x->kind) : NULL, errs);
			continue;
		}
		if (!editing && (i == AF_MINUTES || i == AF_SUMMARY))
			continue; /* written after the activity */
		if (i == AF_INTERPRETATION) {
			interpretation_field(&h, r, x->interpretation, errs);
			continue;
		}
		struct field f = activity_fields[i];
		f.value = values[i];
		widget_field(&h, &f, errs);
		if (i == AF_ACCESSIBILITY)
			widget_checkbox(&h, "step_free", "1", MSG_ACTIVITY_STEP_FREE, x->step_free, errs);
	}
	if (editing)
		widget_checkbox(&h, "cancelled", "1", MSG_ACTIVITY_CANCEL_IT, x->cancelled, errs);
	widget_form_end(&h, MSG_FORM_SAVE);
	layout_end(&h, r);
}

/* GET /arenas/{id}/activities/new: 200 (facilitators); 404. */
int web_activity_new(struct req *r)
{
	struct arena a;
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct activity x = { .kind = KIND_WORKSHOP, .capacity = -1, .lang = a.lang };
	activity_form(r, &a, msg_get(r->lang, MSG_ACTIVITY_NEW),
		      region_printf(r->region, "/arenas/%lld/activities/new", (long long)a.id), &x, 0, NULL);
	return 200;
}

/* A new activity, written by web_tx; the arena's and its areas'
 * followers are told. */
struct create_args {
	struct activity x;
	int64_t id;
	struct field_errors errs;
};

static enum model_rc create_tx(struct req *r, void *arg)
{
	struct create_args *c = arg;
	enum model_rc rc = activity_create(r->db, &c->x, &c->id, &c->errs);
	return rc == MODEL_OK ? web_tell_activity(r, NULL, &c->x, c->id) : rc;
}

/* POST /arenas/{id}/activities/new: 303 to the activity; 400 with errors
 * beside the fields (times in the wrong order, no place, ...); 404. */
int web_activity_create(struct req *r)
{
	struct arena a;
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct create_args c = { { .arena_id = a.id }, 0, { .n = 0 } };
	from_form(r, &c.x);
	rc = web_tx(r, create_tx, &c);
	if (rc == MODEL_INVALID) {
		activity_form(r, &a, msg_get(r->lang, MSG_ACTIVITY_NEW),
			      region_printf(r->region, "/arenas/%lld/activities/new", (long long)a.id), &c.x, 0,
			      &c.errs);
		return 400;
	}
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/arenas/%lld/activities/%lld", (long long)a.id,
						  (long long)c.id),
				 DONE_ACTIVITY_CREATED);
}

/* GET .../edit: 200 (facilitators); 404. */
int web_activity_edit(struct req *r)
{
	struct arena a;
	struct activity x;
	enum model_rc rc = attend_load(r, &a, &x);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	activity_form(r, &a, msg_get(r->lang, MSG_ACTIVITY_EDIT),
		      region_printf(r->region, "/arenas/%lld/activities/%lld/edit", (long long)a.id, (long long)x.id),
		      &x, 1, NULL);
	return 200;
}

/* An activity as edited, written by web_tx: places freed by a raised
 * capacity go to the waiting list, whose people get a mail; a new time
 * or place, or its cancelling, is told to its and its arena's followers. */
struct update_args {
	struct activity old, x;
	struct field_errors errs;
};

static enum model_rc update_tx(struct req *r, void *arg)
{
	struct update_args *u = arg;
	struct signup_promoted *p = NULL;
	size_t n = 0;
	enum model_rc rc = activity_update(r->db, u->x.id, &u->x, &u->errs);
	if (rc == MODEL_OK)
		rc = web_tell_activity(r, &u->old, &u->x, u->x.id);
	if (rc == MODEL_OK && !u->x.cancelled)
		rc = signup_promote(r->db, r->region, u->x.id, &p, &n);
	return rc == MODEL_OK ? attend_tell_promoted(r, &u->x, p, n) : rc;
}

/* POST .../edit: 303 to the activity; a raised capacity moves people up
 * from the waiting list (they get a mail); 400 with errors (e.g. fewer
 * places than people signed up); 404. */
int web_activity_update(struct req *r)
{
	struct arena a;
	struct activity old;
	enum model_rc rc = attend_load(r, &a, &old);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct update_args u = { old, old, { .n = 0 } };
	from_form(r, &u.x);
	rc = web_tx(r, update_tx, &u);
	if (rc == MODEL_INVALID) {
		activity_form(r, &a, msg_get(r->lang, MSG_ACTIVITY_EDIT),
			      region_printf(r->region, "/arenas/%lld/activities/%lld/edit", (long long)a.id,
					    (long long)old.id),
			      &u.x, 1, &u.errs);
		return 400;
	}
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/arenas/%lld/activities/%lld", (long long)a.id,
						  (long long)old.id),
				 DONE_ACTIVITY_SAVED);
}
