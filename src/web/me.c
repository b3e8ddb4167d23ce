/*
 * me.c: a person's own page: profile (name, language, local area,
 * organisation memberships), password, consents, sessions, and the GDPR
 * rights: download everything held about me, and delete my account.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/route.h"
#include "http/json.h"
#include "model/account.h"
#include "model/amendment.h"
#include "model/area.h"
#include "model/arena.h"
#include "model/audit.h"
#include "model/calendar.h"
#include "model/comment.h"
#include "model/consent.h"
#include "model/follow.h"
#include "model/notify.h"
#include "model/guide.h"
#include "model/newcomer.h"
#include "model/organisation.h"
#include "model/personal.h"
#include "model/proposal.h"
#include "model/role.h"
#include "model/session.h"
#include "model/signup.h"
#include "model/support.h"
#include "web/guard.h"
#include "web/layout.h"
#include "web/locallife.h"
#include "web/site.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

static const struct field name_field = { "name", MSG_ACCOUNT_NAME, FIELD_TEXT, NULL, "name",
					 MSG__MAX, 1, 200 };
static const struct field password_fields[] = {
	{ "current", MSG_ACCOUNT_CURRENT_PASSWORD, FIELD_PASSWORD, NULL, "current-password", MSG__MAX,
	  1, 200 },
	{ "password", MSG_ACCOUNT_NEW_PASSWORD, FIELD_PASSWORD, NULL, "new-password",
	  MSG_ACCOUNT_PASSWORD_HINT, 1, 200 },
};

static void section_begin(struct html *h, const char *id, enum msg title)
{
	HTMLF(h, "<section aria-labelledby=\"%s\"><h2 id=\"%s\">", id, id);
	html_msg(h, title);
	HTML(h, "</h2>\n");
}

/* Everything the page shows, read before any of it is written, so that
 * a database failure answers 503 instead of a page with empty sections. */
struct me_view {
	struct account account;
	struct role_grant *grants;
	struct signup *signups;
	struct term *areas;
	struct organisation *orgs;
	int64_t *member_ids;
	const char **member_names;
	struct consent *consents;
	struct session *sessions;
	struct arena_member *invitations; /* of the organisations I represent */
	int64_t calendar_made; /* 0: no personal calendar yet */
	size_t ngrants, nsignups, nareas, norgs, nmember, nconsents, nsessions, ninvitations;
};

static enum model_rc me_load(struct req *r, struct me_view *v)
{
	struct organisation_filter all = { .sector = -1 };
	struct paging p = { 1, 1000, 0 };
	enum model_rc rc = account_get(r->db, r->region, r->user_id, &v->account);
	if (rc == MODEL_OK)
		rc = role_list(r->db, r->region, r->user_id, &v->grants, &v->ngrants);
	if (rc == MODEL_OK)
		rc = signup_of_account(r->db, r->region, r->user_id, &v->signups, &v->nsignups);
	if (rc == MODEL_OK)
		rc = area_list(r->db, r->region, &v->areas, &v->nareas);
	if (rc == MODEL_OK)
		rc = organisation_list(r->db, r->region, &all, &p, &v->orgs, &v->norgs);
	if (rc == MODEL_OK)
		rc = account_memberships(r->db, r->region, r->user_id, &v->member_ids, &v->member_names,
					 &v->nmember);
	if (rc == MODEL_OK)
		rc = consent_list(r->db, r->region, r->user_id, &v->consents, &v->nconsents);
	if (rc == MODEL_OK)
		rc = session_list(r->db, r->region, r->user_id, r->session_token, &v->sessions, &v->nsessions);
	if (rc == MODEL_OK)
		rc = arena_memberships_represented(r->db, r->region, r->user_id, &v->invitations, &v->ninvitations);
	if (rc == MODEL_OK) {
		rc = calendar_token_created(r->db, r->user_id, &v->calendar_made);
		if (rc == MODEL_NOT_FOUND) {
			v->calendar_made = 0;
			rc = MODEL_OK;
		}
	}
	return rc;
}

static void profile_form(struct html *h, struct req *r, const struct me_view *v,
			 const struct field_errors *errs)
{
	const struct account *a = &v->account;
	section_begin(h, "profile", MSG_ME_PROFILE);
	widget_errors(h, errs, &name_field, 1);
	widget_form_begin(h, r, "/me");
	HTML(h, "<p>");
	html_msg(h, MSG_ACCOUNT_EMAIL);
	HTML(h, ": <strong>");
	html_text(h, a->email);
	HTML(h, "</strong></p>");
	struct field f = name_field;
	f.value = req_form(r, "name") ? req_form(r, "name") : a->name;
	widget_field(h, &f, errs);
	struct option *langs = region_calloc(r->region, i18n_count(), sizeof *langs);
	for (size_t i = 0; i < i18n_count(); i++) {
		langs[i].value = i18n_at(i)->code;
		langs[i].label = i18n_at(i)->name;
	}
	widget_select(h, "lang", MSG_ME_LANGUAGE, langs, i18n_count(), a->lang, errs);
	widget_area_select(h, r, v->areas, v->nareas, MSG_ME_NO_AREA, a->area_id, errs);
	HTML(h, "<fieldset class=\"checks\"><legend>");
	html_msg(h, MSG_ME_MEMBERSHIPS);
	HTML(h, "</legend>");
	for (size_t i = 0; i < v->norgs; i++) {
		const struct organisation *o = &v->orgs[i];
		int member = 0;
		for (size_t k = 0; k < v->nmember; k++)
			member |= v->member_ids[k] == o->id;
		HTMLF(h, "<div class=\"check\"><input type=\"checkbox\" id=\"org-%lld\" name=\"org\" "
			 "value=\"%lld\"%s><label for=\"org-%lld\">%s</label></div>",
		      (long long)o->id, (long long)o->id, member ? " checked" : "", (long long)o->id, o->name);
	}
	HTML(h, "</fieldset>");
	widget_form_end(h, MSG_ME_SAVE);
	HTML(h, "</section>\n");
}

static void password_form(struct html *h, struct req *r, const struct field_errors *errs)
{
	section_begin(h, "password", MSG_ME_PASSWORD);
	widget_errors(h, errs, password_fields, sizeof password_fields / sizeof password_fields[0]);
	widget_form_begin(h, r, "/me/password");
	for (size_t i = 0; i < sizeof password_fields / sizeof password_fields[0]; i++)
		widget_field(h, &password_fields[i], errs);
	HTML(h, "<p class=\"hint\">");
	html_msg(h, MSG_ME_PASSWORD_HINT);
	HTML(h, "</p>");
	widget_form_end(h, MSG_ME_PASSWORD_SUBMIT);
	HTML(h, "</section>\n");
}

static void consents_section(struct html *h, struct req *r, const struct consent *items, size_t n)
{
	section_begin(h, "consents", MSG_ME_CONSENTS);
	HTML(h, "<ul class=\"rows\">");
	for (int p = 0; p < CONSENT__MAX; p++) {
		const struct consent *current = NULL;
		for (size_t i = 0; i < n && current == NULL; i++)
			if (items[i].purpose == (enum consent_purpose)p && items[i].withdrawn_at == 0)
				current = &items[i];
		HTML(h, "<li><p>");
		html_msg(h, consent_msg((enum consent_purpose)p));
		HTML(h, "</p><p class=\"meta\">");
		if (current) {
			html_msg(h, MSG_ME_CONSENT_GIVEN);
			HTML(h, " ");
			when_datetime(h, current->given_at);
			HTMLF(h, " (%s)", current->text_version);
		} else {
			html_msg(h, MSG_ME_CONSENT_NOT_GIVEN);
		}
		HTML(h, "</p>");
		if (p == CONSENT_TERMS) {
			/* Withdrawing the terms is deleting the account, below. */
			HTML(h, "</li>");
			continue;
		}
		widget_form_begin(h, r, "/me/consent");
		HTMLF(h, "<input type=\"hidden\" name=\"purpose\" value=\"%s\">"
			 "<input type=\"hidden\" name=\"action\" value=\"%s\">",
		      consent_code((enum consent_purpose)p), current ? "withdraw" : "give");
		widget_form_end(h, current ? MSG_ME_CONSENT_WITHDRAW : MSG_ME_CONSENT_GIVE);
		HTML(h, "</li>");
	}
	HTML(h, "</ul></section>\n");
}

static void sessions_section(struct html *h, struct req *r, const struct session *items, size_t n)
{
	section_begin(h, "sessions", MSG_ME_SESSIONS);
	HTML(h, "<ul class=\"rows\">");
	for (size_t i = 0; i < n; i++) {
		HTML(h, "<li>");
		html_msg(h, MSG_ME_SESSION_SINCE);
		HTML(h, " ");
		when_datetime(h, items[i].created_at);
		HTMLF(h, " · %s", items[i].client);
		if (items[i].current) {
			HTML(h, " <strong>(");
			html_msg(h, MSG_ME_SESSION_THIS);
			HTML(h, ")</strong>");
		}
		HTMLF(h, "<br><span class=\"meta\">%s</span></li>", items[i].user_agent);
	}
	HTML(h, "</ul>");
	if (n > 1) {
		widget_form_begin(h, r, "/me/sessions");
		widget_form_end(h, MSG_ME_SESSIONS_END_OTHERS);
	}
	HTML(h, "</section>\n");
}

/* What the person signed up for, coming first. */
static void signups_section(struct html *h, const struct signup *items, size_t n)
{
	section_begin(h, "signups", MSG_ME_SIGNUPS);
	if (n == 0) {
		HTML(h, "<p>");
		html_msg(h, MSG_ME_NO_SIGNUPS);
		HTML(h, " <a href=\"/arenas\">");
		html_msg(h, MSG_ARENAS_TITLE);
		HTML(h, "</a></p>");
	}
	HTML(h, "<ul class=\"rows\">");
	for (size_t i = 0; i < n; i++) {
		HTMLF(h, "<li><a href=\"/arenas/%lld/activities/%lld\">%s</a><br><span class=\"meta\">",
		      (long long)items[i].arena_id, (long long)items[i].activity_id, items[i].activity_title);
		when_range(h, items[i].starts_at, items[i].ends_at);
		HTML(h, " · ");
		html_msg(h, items[i].status == SIGNUP_CONFIRMED ? MSG_ATTENDEES_CONFIRMED : MSG_ATTENDEES_WAITING);
		HTML(h, "</span></li>");
	}
	HTML(h, "</ul></section>\n");
}

static void data_section(struct html *h, struct req *r)
{
	section_begin(h, "data", MSG_ME_DATA);
	HTML(h, "<p>");
	html_msg(h, MSG_ME_DATA_INTRO);
	HTML(h, "</p><p><a href=\"/me/data\" download>");
	html_msg(h, MSG_ME_DATA_DOWNLOAD);
	HTML(h, "</a></p>\n<h3>");
	html_msg(h, MSG_ME_DELETE);
	HTML(h, "</h3><p>");
	html_msg(h, MSG_ME_DELETE_INTRO);
	HTML(h, "</p>");
	widget_form_begin(h, r, "/me/delete");
	HTML(h, "<fieldset><legend>");
	html_msg(h, MSG_ME_DELETE_TEXTS);
	HTML(h, "</legend><div class=\"check\"><input type=\"radio\" id=\"mode-keep\" name=\"mode\" "
		"value=\"keep\" checked><label for=\"mode-keep\">");
	html_msg(h, MSG_ME_DELETE_KEEP);
	HTML(h, "</label></div><div class=\"check\"><input type=\"radio\" id=\"mode-remove\" "
		"name=\"mode\" value=\"remove\"><label for=\"mode-remove\">");
	html_msg(h, MSG_ME_DELETE_REMOVE);
	HTML(h, "</label></div></fieldset>");
	struct field pw = password_fields[0];
	pw.name = "confirm_password";
	widget_field(h, &pw, NULL);
	widget_form_end_danger(h, MSG_ME_DELETE_SUBMIT);
	HTML(h, "</section>\n");
}

/* The whole page; errs belong to the form named by failed ("profile" or
 * "password"), or NULL. */
static int me_page(struct req *r, int status, const char *failed, const struct field_errors *errs)
{
	struct me_view v;
	enum model_rc rc = me_load(r, &v);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const struct role_grant *grants = v.grants;
	/* Read after the rest: its reads of newcomer data are logged in a
	 * transaction of their own (web/guides.h). */
	struct my_programmes *guiding;
	rc = web_my_programmes(r, &guiding);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_ME_TITLE), NAV_NONE);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_ME_TITLE);
	HTML(&h, "</h1>\n");
	if (v.ngrants) {
		HTML(&h, "<p>");
		html_msg(&h, MSG_ME_ROLES);
		for (size_t i = 0; i < v.ngrants; i++) {
			if (i)
				HTML(&h, ",");
			HTML(&h, " ");
			html_msg(&h, role_msg(grants[i].role));
			if (grants[i].scope_name && *grants[i].scope_name)
				HTMLF(&h, " (%s)", grants[i].scope_name);
		}
		HTML(&h, "</p>\n");
	}
	if (v.ninvitations) {
		section_begin(&h, "invitations", MSG_ME_INVITATIONS);
		for (size_t i = 0; i < v.ninvitations; i++)
			web_invitation(&h, r, &v.invitations[i], 1);
		HTML(&h, "</section>\n");
	}
	web_my_programmes_section(&h, r, guiding);
	HTML(&h, "<p><a href=\"/offers/mine\">");
	html_msg(&h, MSG_OFFERS_MINE);
	HTML(&h, "</a></p>\n");
	signups_section(&h, v.signups, v.nsignups);
	web_calendar_section(&h, r, v.calendar_made);
	profile_form(&h, r, &v, failed && strcmp(failed, "profile") == 0 ? errs : NULL);
	password_form(&h, r, failed && strcmp(failed, "password") == 0 ? errs : NULL);
	consents_section(&h, r, v.consents, v.nconsents);
	sessions_section(&h, r, v.sessions, v.nsessions);
	data_section(&h, r);
	layout_end(&h, r);
	return status;
}

/* GET /me: 200 (signed in; the guard sends others to sign in). */
int web_me(struct req *r)
{
	return me_page(r, 200, NULL, NULL);
}

/* The reader's profile and memberships as typed (name from the form),
 * written by web_tx. */
struct profile_args {
	const char *lang;
	int64_t area_id;
	const int64_t *orgs;
	size_t norgs;
	struct field_errors *errs;
};

static enum model_rc profile_tx(struct req *r, void *arg)
{
	const struct profile_args *p = arg;
	enum model_rc rc = account_update_profile(r->db, r->user_id, req_form(r, "name"), p->lang, p->area_id,
						  p->errs);
	return rc == MODEL_OK ? account_set_memberships(r->db, r->user_id, p->orgs, p->norgs) : rc;
}

/* POST /me: 303 back with a notice; 400 with errors beside the fields. */
int web_me_update(struct req *r)
{
	struct field_errors errs = { .n = 0 };
	const char *lang = req_form(r, "lang");
	if (lang == NULL || i18n_find(lang) == NULL)
		field_error_add(&errs, "lang", MSG_FORM_CHOOSE_ONE);
	const char *area = req_form(r, "area");
	int64_t area_id = area && *area ? route_id(area) : 0;
	if (area_id < 0)
		field_error_add(&errs, "area", MSG_FORM_CHOOSE_ONE);
	int64_t *orgs = region_calloc(r->region, r->form.n + 1, sizeof *orgs);
	size_t norgs = 0;
	for (size_t i = 0; i < r->form.n; i++)
		if (strcmp(r->form.items[i].key, "org") == 0) {
			orgs[norgs] = route_id(r->form.items[i].value);
			if (orgs[norgs] < 0)
				field_error_add(&errs, "org", MSG_FORM_CHOOSE_ONE);
			norgs++;
		}
	if (errs.n)
		return me_page(r, 400, "profile", &errs);
	struct profile_args p = { lang, area_id, orgs, norgs, &errs };
	enum model_rc rc = web_tx(r, profile_tx, &p);
	if (rc == MODEL_INVALID || (rc == MODEL_CONFLICT && errs.n))
		return me_page(r, 400, "profile", &errs);
	if (rc == MODEL_CONFLICT) { /* an organisation that does not exist */
		field_error_add(&errs, "org", MSG_FORM_CHOOSE_ONE);
		return me_page(r, 400, "profile", &errs);
	}
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	/* The chosen language is the interface language from now on. */
	req_set_cookie(r, "lang", lang, 365L * 24 * 3600, site.secure);
	return web_redirect_done(r, "/me#profile", DONE_PROFILE_SAVED);
}

/* The reader's new password (errs: a struct field_errors), written by
 * web_tx: every other session ends, this one is made anew. */
static enum model_rc password_tx(struct req *r, void *arg)
{
	enum model_rc rc = account_set_password(r->db, r->user_id, req_form(r, "password"), arg);
	return rc == MODEL_OK ? web_sign_in(r, r->user_id) : rc;
}

/* POST /me/password: 303 back, every other session ended; 400 wrong
 * current password or a weak new one. */
int web_me_password(struct req *r)
{
	struct field_errors errs = { .n = 0 };
	struct account a;
	enum model_rc rc = account_get(r->db, r->region, r->user_id, &a);
	if (rc == MODEL_OK)
		rc = account_authenticate(r->db, r->region, a.email, req_form(r, "current"), &a);
	if (rc == MODEL_NOT_FOUND) {
		field_error_add(&errs, "current", MSG_ME_WRONG_PASSWORD);
		return me_page(r, 400, "password", &errs);
	}
	if (rc == MODEL_OK)
		rc = web_tx(r, password_tx, &errs);
	if (rc == MODEL_INVALID)
		return me_page(r, 400, "password", &errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, "/me#password", DONE_PASSWORD_CHANGED);
}

/* POST /me/consent (purpose, action give|withdraw): 303 back; 400 for an
 * unknown purpose or action, or the terms (withdrawn by deleting). */
int web_me_consent(struct req *r)
{
	int p = consent_parse(req_form(r, "purpose"));
	const char *action = req_form(r, "action");
	int give = action && strcmp(action, "give") == 0;
	int withdraw = action && strcmp(action, "withdraw") == 0;
	if (p < 0 || p == CONSENT_TERMS || !(give || withdraw))
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	enum model_rc rc = give ? consent_give(r->db, r->user_id, (enum consent_purpose)p)
				: consent_withdraw(r->db, r->user_id, (enum consent_purpose)p);
	if (rc != MODEL_OK && rc != MODEL_NOT_FOUND)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, "/me#consents", DONE_CONSENT_SAVED);
}

/* POST /me/sessions: 303 back; every session but this one ended. */
int web_me_sessions(struct req *r)
{
	enum model_rc rc = session_end_others(r->db, r->user_id, r->session_token);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, "/me#sessions", DONE_SESSIONS_ENDED);
}

/* Every table's rows of mine, and the log entry that I took them. */
struct my_data {
	size_t nt;
	struct personal_value **values;
	size_t *nrows;
};

static enum model_rc my_data_fn(struct req *r, void *arg)
{
	struct my_data *d = arg;
	enum model_rc rc = MODEL_OK;
	for (size_t t = 0; rc == MODEL_OK && t < d->nt; t++)
		rc = personal_rows(r->db, r->region, t, r->user_id, &d->values[t], &d->nrows[t]);
	const struct audit_event e = { .kind = AUDIT_MY_DATA_READ, .actor_id = r->user_id,
				       .person_id = r->user_id, .client = r->client };
	return rc == MODEL_OK ? audit_record(r->db, &e) : rc;
}

/* GET /me/data: 200, everything the platform holds about me as JSON, as
 * a download: every table that refers to my account or my participant
 * in dialogues, by its name, with my rows (in the audit log first); 503
 * when the download cannot be logged. */
int web_me_data(struct req *r)
{
	size_t nt = personal_table_count();
	struct personal_value **values = region_calloc(r->region, nt, sizeof *values);
	size_t *nrows = region_calloc(r->region, nt, sizeof *nrows);
	struct my_data d = { nt, values, nrows };
	enum model_rc rc = web_logged(r, my_data_fn, &d);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	json_t *all = json_object();
	for (size_t t = 0; t < nt; t++) {
		const struct personal_table *pt = personal_table_at(t);
		size_t w = 0;
		while (pt->cols[w])
			w++;
		json_t *rows = json_array();
		for (size_t i = 0; i < nrows[t]; i++) {
			json_t *row = json_object();
			for (size_t c = 0; c < w; c++) {
				const struct personal_value *v = &values[t][i * w + c];
				json_object_set_new(row, pt->cols[c],
						    v->type == STORE_INT    ? json_integer(v->i)
						    : v->type == STORE_REAL ? json_real(v->d)
						    : v->type == STORE_TEXT ? json_string(v->text)
									    : json_null());
			}
			json_array_append_new(rows, row);
		}
		json_object_set_new(all, pt->name, rows);
	}
	json_t *j = json_pack("{s:s,s:I,s:o}", "kind", "samskab personal data", "exported_at",
			      (json_int_t)model_now(), "tables", all);
	req_set_header(r, "Content-Disposition", "attachment; filename=\"samskab-my-data.json\"");
	req_set_header(r, "Cache-Control", "no-store");
	return http_json(r, j, 200);
}

/* Deletes the reader's account (arg: the mode, "keep" or "remove" its
 * texts) with an audit record, written by web_tx: its places at
 * activities go to the waiting lists first. */
static enum model_rc delete_tx(struct req *r, void *arg)
{
	const char *mode = *(const char **)arg;
	enum model_rc rc = web_cancel_signups_of(r, r->user_id);
	if (rc == MODEL_OK)
		rc = account_delete(r->db, r->user_id,
				    strcmp(mode, "keep") == 0 ? ACCOUNT_DELETE_KEEP_TEXTS : ACCOUNT_DELETE_REMOVE_TEXTS);
	const struct audit_event e = { AUDIT_ACCOUNT_DELETED, r->user_id, r->user_id, AUDIT_ON_NOTHING, 0, mode,
				       r->client };
	if (rc == MODEL_OK)
		rc = audit_record(r->db, &e);
	return rc;
}

/* POST /me/delete (confirm_password, mode keep|remove): 303 to the front
 * page, signed out, the account gone; 400 wrong password or mode. */
int web_me_delete(struct req *r)
{
	const char *mode = req_form(r, "mode");
	if (mode == NULL || (strcmp(mode, "keep") != 0 && strcmp(mode, "remove") != 0))
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	struct account a;
	enum model_rc rc = account_get(r->db, r->region, r->user_id, &a);
	if (rc == MODEL_OK)
		rc = account_authenticate(r->db, r->region, a.email, req_form(r, "confirm_password"), &a);
	if (rc == MODEL_NOT_FOUND)
		return req_fail(r, 400, MSG_ME_WRONG_PASSWORD);
	if (rc == MODEL_OK)
		rc = web_tx(r, delete_tx, &mode);
	if (rc == MODEL_CONFLICT)
		return req_fail(r, 409, MSG_ADMIN_LAST_ADMIN);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	req_set_cookie(r, COOKIE_SESSION, "", 0, site.secure);
	return web_redirect_done(r, "/", DONE_ACCOUNT_DELETED);
}
