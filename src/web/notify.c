/*
 * notify.c: following and notifications on the site: the follow button
 * on arenas, activities, local areas and proposals, /me/notifications (unread
 * first, marking read, no JavaScript needed), the settings (mail per
 * kind of event, and what one follows, each with a button to stop),
 * one-click unsubscribing from mail without signing in, and the hooks
 * that tell people of what pages change (web_tell_*).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/datetext.h"
#include "core/utf8.h"
#include "model/activity.h"
#include "model/arena.h"
#include "model/dialogue.h"
#include "model/area.h"
#include "model/follow.h"
#include "model/notify.h"
#include "model/comment.h"
#include "model/offer.h"
#include "model/organisation.h"
#include "model/proposal.h"
#include "model/step.h"
#include "model/story.h"
#include "web/guard.h"
#include "web/layout.h"
#include "http/query.h"
#include "http/route.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

#define NOTES_PER_PAGE 30

static const enum msg follow_what[FOLLOW__MAX] = {
	[FOLLOW_ARENA] = MSG_FOLLOW_ARENA,
	[FOLLOW_ACTIVITY] = MSG_FOLLOW_ACTIVITY,
	[FOLLOW_AREA] = MSG_FOLLOW_AREA,
	[FOLLOW_PROPOSAL] = MSG_FOLLOW_PROPOSAL,
};
_Static_assert(sizeof follow_what / sizeof follow_what[0] == FOLLOW__MAX, "a text per kind");

void web_follow_button(struct html *h, struct req *r, enum follow_kind kind, int64_t id, int on)
{
	HTML(h, "<div class=\"follow\">");
	if (r->user_id == 0) {
		HTML(h, "<p><a href=\"/login?next=");
		html_urlpart(h, r->target);
		HTML(h, "\">");
		html_msg(h, MSG_FOLLOW_SIGN_IN);
		HTML(h, "</a></p></div>\n");
		return;
	}
	widget_form_begin(h, r, "/follow");
	HTMLF(h, "<input type=\"hidden\" name=\"kind\" value=\"%s\"><input type=\"hidden\" name=\"id\" "
		 "value=\"%lld\"><input type=\"hidden\" name=\"on\" value=\"%s\"><input type=\"hidden\" "
		 "name=\"next\" value=\"%s\">",
	      follow_kind_code(kind), (long long)id, on ? "0" : "1", r->target);
	HTML(h, "<p>");
	if (on) {
		html_msg(h, MSG_FOLLOW_FOLLOWING);
		HTML(h, " <button type=\"submit\" class=\"secondary\">");
		html_msg(h, MSG_FOLLOW_STOP);
	} else {
		HTML(h, "<button type=\"submit\">");
		html_msg(h, follow_what[kind]);
	}
	HTML(h, "</button></p>");
	if (!on) {
		HTML(h, "<p class=\"hint\">");
		html_msg(h, MSG_FOLLOW_HINT);
		HTML(h, "</p>");
	}
	HTML(h, "</form></div>\n");
}

/* POST /follow (kind, id, on 1|0, next): 303 back to next (a path on
 * this site) or to the settings; 400 a bad kind, id or on; 404 nothing
 * of that kind and id. */
int web_follow(struct req *r)
{
	int kind = follow_kind_parse(req_form(r, "kind"));
	const char *on = req_form(r, "on");
	int64_t id = route_id(req_form(r, "id"));
	if (kind < 0 || id <= 0 || on == NULL || (strcmp(on, "0") != 0 && strcmp(on, "1") != 0))
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	enum model_rc rc = follow_set(r->db, r->user_id, (enum follow_kind)kind, id, on[0] == '1');
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *next = req_form(r, "next");
	return req_redirect(r, next && *next ? query_local_path(next) : "/me/notifications/settings");
}

/* The line of a notification in the page's language. */
static void note_line(struct html *h, const struct notification *n)
{
	struct buf when = BUF_INIT(256);
	if (n->at)
		datetext_datetime(&when, h->lang, n->at);
	const char *args[] = { n->title, n->detail ? n->detail : "", buf_str(&when) };
	html_msgv(h, notify_line(n), args, 3);
	buf_free(&when);
}

/* GET /me/notifications (page): 200 (signed in); 400 a bad page. */
int web_notifications(struct req *r)
{
	int64_t page;
	if (query_int(r, "page", 1, 1, 1000000, &page) != 0)
		return 400;
	struct paging p = { page, NOTES_PER_PAGE, 0 };
	struct notification *items;
	size_t n = 0;
	int64_t unread = 0;
	enum model_rc rc = notify_list(r->db, r->region, r->user_id, &p, &items, &n);
	if (rc == MODEL_OK)
		rc = notify_unread(r->db, r->user_id, &unread);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_NOTIFY_TITLE), NAV_NONE);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_NOTIFY_TITLE);
	HTML(&h, "</h1>\n");
	char count[24];
	snprintf(count, sizeof count, "%lld", (long long)unread);
	const char *args[] = { count };
	HTML(&h, "<p class=\"lead\">");
	html_msgn(&h, MSGN_NOTIFY_UNREAD, unread < 0 ? 0 : (unsigned long)unread, args, 1);
	HTML(&h, " <a href=\"/me/notifications/settings\">");
	html_msg(&h, MSG_NOTIFY_SETTINGS_LINK);
	HTML(&h, "</a></p>\n");
	if (unread) {
		widget_form_begin(&h, r, "/me/notifications/read");
		HTML(&h, "<input type=\"hidden\" name=\"all\" value=\"1\">");
		widget_form_end(&h, MSG_NOTIFY_MARK_ALL);
	}
	if (n == 0) {
		HTML(&h, "<p>");
		html_msg(&h, MSG_NOTIFY_NONE);
		HTML(&h, "</p>\n");
	}
	HTML(&h, "<ul class=\"rows notifications\">");
	for (size_t i = 0; i < n; i++) {
		const struct notification *it = &items[i];
		HTML(&h, "<li");
		if (!it->read_at)
			HTML(&h, " class=\"unread\"");
		HTML(&h, "><p>");
		if (!it->read_at) {
			HTML(&h, "<span class=\"tag\">");
			html_msg(&h, MSG_NOTIFY_NEW);
			HTML(&h, "</span> ");
		}
		HTMLF(&h, "<a href=\"%s\">", query_local_path(it->link));
		note_line(&h, it);
		HTML(&h, "</a></p><p class=\"meta\">");
		if (it->arena_title && *it->arena_title)
			HTMLF(&h, "%s · ", it->arena_title);
		when_datetime(&h, it->created_at);
		HTML(&h, "</p>");
		if (!it->read_at) {
			widget_form_begin(&h, r, "/me/notifications/read");
			HTMLF(&h, "<input type=\"hidden\" name=\"id\" value=\"%lld\"><button type=\"submit\" "
				  "class=\"link\">",
			      (long long)it->id);
			html_msg(&h, MSG_NOTIFY_MARK_ONE);
			HTML(&h, "<span class=\"visually-hidden\">: ");
			note_line(&h, it);
			HTML(&h, "</span></button></form>");
		}
		HTML(&h, "</li>");
	}
	HTML(&h, "</ul>\n");
	widget_paging(&h, r, &p);
	layout_end(&h, r);
	return 200;
}

/* POST /me/notifications/read (id, or all=1): 303 back; 404 not one's
 * own; 400 neither. */
int web_notifications_read(struct req *r)
{
	int64_t id = route_id(req_form(r, "id"));
	if (req_form(r, "all") == NULL && id <= 0)
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	enum model_rc rc = notify_mark_read(r->db, r->user_id, req_form(r, "all") ? 0 : id);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, "/me/notifications", DONE_NOTIFICATIONS_READ);
}

static void prefs_form(struct html *h, struct req *r, const enum notify_mail prefs[NOTIFY__MAX])
{
	HTML(h, "<section aria-labelledby=\"mail\"><h2 id=\"mail\">");
	html_msg(h, MSG_NOTIFY_MAIL_TITLE);
	HTML(h, "</h2><p>");
	html_msg(h, MSG_NOTIFY_MAIL_INTRO);
	HTML(h, "</p>");
	widget_form_begin(h, r, "/me/notifications/settings");
	struct option o[MAIL__MAX];
	for (int m = 0; m < MAIL__MAX; m++)
		o[m] = (struct option){ notify_mail_code((enum notify_mail)m),
					msg_get(r->lang, notify_mail_msg((enum notify_mail)m)) };
	for (int k = 0; k < NOTIFY__MAX; k++) {
		char name[64];
		snprintf(name, sizeof name, "mail-%s", notify_kind_code((enum notify_kind)k));
		widget_select(h, region_strdup(r->region, name), notify_kind_msg((enum notify_kind)k), o, MAIL__MAX,
			      notify_mail_code(prefs[k]), NULL);
	}
	widget_form_end(h, MSG_FORM_SAVE);
	HTML(h, "</section>\n");
}

static void follows_section(struct html *h, struct req *r, const struct follow *items, size_t n)
{
	HTML(h, "<section aria-labelledby=\"following\"><h2 id=\"following\">");
	html_msg(h, MSG_NOTIFY_FOLLOWING_TITLE);
	HTML(h, "</h2>");
	if (n == 0) {
		HTML(h, "<p>");
		html_msg(h, MSG_NOTIFY_FOLLOWING_NONE);
		HTML(h, " <a href=\"/arenas\">");
		html_msg(h, MSG_ARENAS_TITLE);
		HTML(h, "</a></p>");
	}
	HTML(h, "<ul class=\"rows\">");
	for (size_t i = 0; i < n; i++) {
		HTMLF(h, "<li><p><a href=\"%s\">%s</a>",
		      follow_link(r->region, items[i].kind, items[i].id, items[i].arena_id), items[i].title);
		if (items[i].by_taking_part) {
			HTML(h, " <span class=\"meta\">(");
			html_msg(h, MSG_NOTIFY_FOLLOWING_TOOK_PART);
			HTML(h, ")</span>");
		}
		HTML(h, "</p>");
		widget_form_begin(h, r, "/follow");
		HTMLF(h, "<input type=\"hidden\" name=\"kind\" value=\"%s\"><input type=\"hidden\" name=\"id\" "
			 "value=\"%lld\"><input type=\"hidden\" name=\"on\" value=\"0\"><input type=\"hidden\" "
			 "name=\"next\" value=\"/me/notifications/settings#following\"><button type=\"submit\" "
			 "class=\"secondary\">",
		      follow_kind_code(items[i].kind), (long long)items[i].id);
		html_msg(h, MSG_FOLLOW_STOP);
		HTMLF(h, "<span class=\"visually-hidden\">: %s</span></button></form></li>", items[i].title);
	}
	HTML(h, "</ul></section>\n");
}

/* GET /me/notifications/settings: 200 (signed in). */
int web_notify_settings(struct req *r)
{
	enum notify_mail prefs[NOTIFY__MAX];
	struct follow *items;
	size_t n = 0;
	enum model_rc rc = notify_prefs(r->db, r->user_id, prefs);
	if (rc == MODEL_OK)
		rc = follow_list(r->db, r->region, r->user_id, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_NOTIFY_SETTINGS_TITLE), NAV_NONE);
	HTML(&h, "<nav class=\"crumbs\" aria-label=\"");
	html_msg(&h, MSG_NAV_BREADCRUMBS);
	HTML(&h, "\"><a href=\"/me/notifications\">");
	html_msg(&h, MSG_NOTIFY_TITLE);
	HTML(&h, "</a></nav>\n<h1>");
	html_msg(&h, MSG_NOTIFY_SETTINGS_TITLE);
	HTML(&h, "</h1>\n");
	prefs_form(&h, r, prefs);
	follows_section(&h, r, items, n);
	layout_end(&h, r);
	return 200;
}

/* The mail choices (arg: a choice per kind, < 0 for none given), by web_tx. */
static enum model_rc prefs_tx(struct req *r, void *arg)
{
	const int *choice = arg;
	enum model_rc rc = MODEL_OK;
	for (int k = 0; rc == MODEL_OK && k < NOTIFY__MAX; k++)
		if (choice[k] >= 0)
			rc = notify_set_pref(r->db, r->user_id, k, (enum notify_mail)choice[k]);
	return rc;
}

/* POST /me/notifications/settings (mail-KIND for each kind): 303 back;
 * 400 a choice that is not one. */
int web_notify_settings_save(struct req *r)
{
	int choice[NOTIFY__MAX];
	for (int k = 0; k < NOTIFY__MAX; k++) {
		char name[64];
		snprintf(name, sizeof name, "mail-%s", notify_kind_code((enum notify_kind)k));
		const char *v = req_form(r, name);
		choice[k] = v ? notify_mail_parse(v) : -2;
		if (choice[k] == -1)
			return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	}
	enum model_rc rc = web_tx(r, prefs_tx, choice);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, "/me/notifications/settings", DONE_NOTIFY_SETTINGS_SAVED);
}

/* The unsubscribe link's account and scope when its signature is right. */
static enum model_rc unsubscribe_link(struct req *r, int64_t *account, const char **scope)
{
	int64_t u;
	if (query_int(r, "u", 0, 1, INT64_MAX, &u) != 0 || u == 0)
		return MODEL_NOT_FOUND;
	*account = u;
	*scope = req_query(r, "s");
	return notify_unsubscribe_check(r->db, u, *scope, req_query(r, "t"));
}

/* What the link stops: "news of every kind" or a kind's name. */
static void unsubscribe_what(struct html *h, const char *scope)
{
	int k = notify_kind_parse(scope);
	if (k < 0) {
		html_msg(h, MSG_UNSUBSCRIBE_ALL);
		return;
	}
	HTML(h, "»");
	html_msg(h, notify_kind_msg((enum notify_kind)k));
	HTML(h, "«");
}

/* GET /unsubscribe?u=&s=&t=: 200 a page with the button that stops the
 * mail (no sign-in: the link's signature is the credential); 404 a link
 * that is not right. */
int web_unsubscribe_page(struct req *r)
{
	int64_t account;
	const char *scope;
	enum model_rc rc = unsubscribe_link(r, &account, &scope);
	if (rc != MODEL_OK)
		return rc == MODEL_NOT_FOUND ? req_fail(r, 404, MSG_UNSUBSCRIBE_INVALID) : req_status(r, model_status(rc));
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_UNSUBSCRIBE_TITLE), NAV_NONE);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_UNSUBSCRIBE_TITLE);
	HTML(&h, "</h1>\n<p>");
	html_msg(&h, MSG_UNSUBSCRIBE_ASK);
	HTML(&h, " ");
	unsubscribe_what(&h, scope);
	HTML(&h, "</p>\n<form method=\"post\" action=\"");
	html_text(&h, r->target);
	HTML(&h, "\"><div class=\"actions\"><button type=\"submit\">");
	html_msg(&h, MSG_UNSUBSCRIBE_BUTTON);
	HTML(&h, "</button></div></form>\n");
	layout_end(&h, r);
	return 200;
}

/* POST /unsubscribe?u=&s=&t=: the one click (RFC 8058; the body, e.g.
 * List-Unsubscribe=One-Click, is not read, and no CSRF token is asked:
 * the link's signature is the credential). 200 done; 404 a link that is
 * not right. */
int web_unsubscribe(struct req *r)
{
	int64_t account;
	const char *scope;
	enum model_rc rc = unsubscribe_link(r, &account, &scope);
	if (rc == MODEL_OK)
		rc = notify_set_pref(r->db, account, notify_kind_parse(scope), MAIL_NONE);
	if (rc != MODEL_OK)
		return rc == MODEL_NOT_FOUND ? req_fail(r, 404, MSG_UNSUBSCRIBE_INVALID) : req_status(r, model_status(rc));
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_UNSUBSCRIBE_TITLE), NAV_NONE);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_UNSUBSCRIBE_DONE_TITLE);
	HTML(&h, "</h1>\n<p>");
	html_msg(&h, MSG_UNSUBSCRIBE_DONE);
	HTML(&h, " ");
	unsubscribe_what(&h, scope);
	HTML(&h, "</p>\n<p><a href=\"/me/notifications/settings\">");
	html_msg(&h, MSG_UNSUBSCRIBE_CHANGE);
	HTML(&h, "</a></p>\n");
	layout_end(&h, r);
	return 200;
}

/* The hooks: each tells people of one change, in the caller's
 * transaction (model/notify.h says who hears of what). */

enum model_rc web_tell_activity(struct req *r, const struct activity *old, const struct activity *x, int64_t id)
{
	enum notify_kind kind;
	if (old == NULL)
		kind = NOTIFY_ACTIVITY_NEW;
	else if (x->cancelled && !old->cancelled)
		kind = NOTIFY_ACTIVITY_CANCELLED;
	else if (!x->cancelled && (x->starts_at != old->starts_at || x->ends_at != old->ends_at ||
				   strcmp(x->place ? x->place : "", old->place ? old->place : "") != 0 ||
				   strcmp(x->online_url ? x->online_url : "", old->online_url ? old->online_url : "") != 0))
		kind = NOTIFY_ACTIVITY_CHANGED;
	else
		return MODEL_OK; /* nothing anyone needs to hear of */
	struct notify_event e = {
		.kind = kind, .arena_id = x->arena_id, .subject_kind = FOLLOW_ACTIVITY, .subject_id = id,
		.actor = r->user_id, .title = x->title, .at = x->starts_at,
		.detail = x->place && *x->place ? x->place : x->online_url,
		.link = region_printf(r->region, "/arenas/%lld/activities/%lld", (long long)x->arena_id, (long long)id),
	};
	return notify_event(r->db, &e, NULL);
}

enum model_rc web_tell_phase(struct req *r, const struct arena *before, const struct arena_phase *phases,
			     size_t n, int current)
{
	if (current < 0 || (size_t)current >= n)
		return MODEL_OK;
	const char *name = phases[current].name;
	if (before->current_phase_name && strcmp(before->current_phase_name, name) == 0)
		return MODEL_OK;
	struct notify_event e = { .kind = NOTIFY_PHASE, .arena_id = before->id, .actor = r->user_id,
				  .title = before->title, .detail = name,
				  .link = region_printf(r->region, "/arenas/%lld", (long long)before->id) };
	return notify_event(r->db, &e, NULL);
}

enum model_rc web_tell_moderated(struct req *r, const struct statement *s, int accept, const char *reason)
{
	if (s->author_id == 0 || (accept && s->status == STATEMENT_ACCEPTED) ||
	    (!accept && s->status == STATEMENT_REJECTED))
		return MODEL_OK; /* no account to tell, or nothing changed */
	struct notify_event e = { .kind = NOTIFY_STATEMENT_MODERATED, .arena_id = s->arena_id,
				  .recipient = s->author_id, .actor = r->user_id, .title = s->text,
				  .detail = accept ? "" : reason,
				  .link = region_printf(r->region, "/arenas/%lld/dialogue", (long long)s->arena_id) };
	return notify_event(r->db, &e, NULL);
}

enum model_rc web_tell_story(struct req *r, const struct story *s, int64_t id)
{
	struct notify_event e = { .kind = NOTIFY_STORY, .arena_id = s->arena_id, .area_id = s->area_id,
				  .actor = r->user_id, .title = s->title,
				  .link = region_printf(r->region, "/stories/%lld", (long long)id) };
	return notify_event(r->db, &e, NULL);
}

enum model_rc web_tell_offer(struct req *r, const struct offer *o, int64_t id)
{
	struct term area;
	enum model_rc rc = area_get(r->db, r->region, o->area_id, &area);
	if (rc != MODEL_OK)
		return rc;
	struct notify_event e = { .kind = NOTIFY_OFFER_NEW, .area_id = o->area_id, .actor = r->user_id,
				  .title = o->title, .detail = area.name,
				  .link = region_printf(r->region, "/offers/%lld", (long long)id) };
	return notify_event(r->db, &e, NULL);
}

enum model_rc web_tell_invitation(struct req *r, const struct arena *a, int64_t organisation_id)
{
	struct organisation o;
	enum model_rc rc = organisation_get(r->db, r->region, organisation_id, &o);
	if (rc != MODEL_OK)
		return rc;
	struct notify_event e = { .kind = NOTIFY_INVITATION, .arena_id = a->id, .organisation_id = organisation_id,
				  .actor = r->user_id, .title = a->title, .detail = o.name,
				  .link = region_printf(r->region, "/arenas/%lld", (long long)a->id) };
	return notify_event(r->db, &e, NULL);
}

enum model_rc web_tell_step(struct req *r, const struct proposal *p, const struct step *s)
{
	const char *detail = s->kind == STEP_MILESTONE ? s->title
			     : s->kind == STEP_SUBMITTED || s->kind == STEP_DECIDED ? s->council
										   : "";
	struct notify_event e = {
		.kind = NOTIFY_PROPOSAL_STEP,
		.variant = s->kind == STEP_DECIDED ? outcome_code(s->outcome) : step_kind_code(s->kind),
		.arena_id = p->arena_id, .subject_kind = FOLLOW_PROPOSAL, .subject_id = p->id, .actor = r->user_id,
		.title = p->title, .detail = detail,
		.link = region_printf(r->region, "/arenas/%lld/proposals/%lld#timeline", (long long)p->arena_id,
				      (long long)p->id),
	};
	return notify_event(r->db, &e, NULL);
}

/* The start of a comment on one line, for the line that tells of it:
 * line breaks become spaces; a long one ends after a word, with "…". */
#define REPLY_SHOWN 160 /* bytes */
static const char *comment_start(struct region *a, const char *body)
{
	size_t n = strlen(body), cut = n;
	if (n > REPLY_SHOWN) {
		cut = utf8_prefix(body, REPLY_SHOWN);
		size_t space = cut;
		while (space > REPLY_SHOWN / 2 && body[space] != ' ')
			space--;
		if (body[space] == ' ')
			cut = space;
	}
	char *out = region_printf(a, "%.*s%s", (int)cut, body, cut < n ? " …" : "");
	for (char *c = out; *c; c++)
		if (*c == '\n' || *c == '\r' || *c == '\t')
			*c = ' ';
	return out;
}

enum model_rc web_tell_reply(struct req *r, const struct proposal *p, int64_t parent_id, int64_t id,
			     const char *body)
{
	struct comment parent;
	enum model_rc rc = comment_get(r->db, r->region, parent_id, &parent);
	if (rc != MODEL_OK || parent.author_id == 0)
		return rc; /* no account to tell */
	struct notify_event e = {
		.kind = NOTIFY_REPLY, .arena_id = p->arena_id, .recipient = parent.author_id, .actor = r->user_id,
		.title = p->title, .detail = comment_start(r->region, body),
		.link = region_printf(r->region, "/arenas/%lld/proposals/%lld/comments/%lld", (long long)p->arena_id,
				      (long long)p->id, (long long)id),
	};
	return notify_event(r->db, &e, NULL);
}
