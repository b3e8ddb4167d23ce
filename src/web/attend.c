/*
 * attend.c: signing up for an activity without an account, and for
 * others. A guest gives a name and an e-mail address and gets a link by
 * mail; the link's page confirms the sign-up and, later, cancels it (a
 * mail scanner opening the link changes nothing: the page's buttons do).
 * Staff add a sign-up taken by phone and cancel one for someone. Who
 * comes, with their needs, is a page of its own for the arena's
 * facilitators, and a file to download; every view and download is in
 * the audit log before anything is shown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/datetext.h"
#include "model/account.h"
#include "model/audit.h"
#include "web/attend.h"
#include "web/guard.h"
#include "web/layout.h"
#include "web/mail.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

#define GUEST_PER_CLIENT 20
#define GUEST_PER_ADDRESS 5
#define WINDOW_HOUR 3600

static const struct field guest_fields[] = {
	{ "name", MSG_ACCOUNT_NAME, FIELD_TEXT, NULL, "name", MSG__MAX, 1, 200 },
	{ "email", MSG_ACCOUNT_EMAIL, FIELD_EMAIL, NULL, "email", MSG_GUEST_EMAIL_HINT, 1, 254 },
	{ "interpreter", MSG_ATTEND_INTERPRETER, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
	{ "other_needs", MSG_ATTEND_OTHER_NEEDS, FIELD_TEXTAREA, NULL, NULL, MSG__MAX, 0, 1000 },
};
#define NGUEST (sizeof guest_fields / sizeof guest_fields[0])

/* The activity's address. */
static const char *activity_path(struct req *r, const struct activity *x)
{
	return region_printf(r->region, "/arenas/%lld/activities/%lld", (long long)x->arena_id, (long long)x->id);
}

void attend_guest_form(struct html *h, struct req *r, const struct activity *x, const struct field_errors *errs)
{
	const char *base = activity_path(r, x);
	HTML(h, "<p>");
	html_msg(h, MSG_GUEST_OR_SIGN_IN);
	HTML(h, " <a href=\"/login?next=");
	html_urlpart(h, base);
	HTML(h, "\">");
	html_msg(h, MSG_ATTEND_SIGN_IN);
	HTML(h, "</a></p><h3>");
	html_msg(h, MSG_GUEST_FORM_TITLE);
	HTML(h, "</h3><p class=\"hint\">");
	html_msg(h, MSG_GUEST_FORM_INTRO);
	HTML(h, "</p>");
	widget_errors(h, errs, guest_fields, NGUEST);
	widget_form_begin(h, r, region_printf(r->region, "%s/guest", base));
	for (size_t i = 0; i < 2; i++) {
		struct field f = guest_fields[i];
		f.value = req_form(r, f.name);
		widget_field(h, &f, errs);
	}
	attend_needs_fields(h, r, x, errs);
	int full = x->capacity >= 0 && x->confirmed >= x->capacity;
	widget_form_end(h, full ? MSG_ATTEND_JOIN_WAITING : MSG_GUEST_SUBMIT);
}

/* The link a guest gets by mail. */
static const char *guest_link(struct req *r, const char *token)
{
	return mail_link(r, "/guest?token=", token);
}

/* Mails a guest their link: to confirm (pending), or again to the place
 * they have; by staff (added_by set), that they were signed up. */
static enum model_rc mail_guest(struct req *r, const struct activity *x, const char *name, const char *email,
				const char *lang, const char *token, enum signup_status status, const char *by)
{
	const struct lang *l = i18n_find(lang) ? i18n_find(lang) : r->lang;
	struct buf when = BUF_INIT(256);
	datetext_datetime(&when, l, x->starts_at);
	const char *args[] = { name, x->title, region_strdup(r->region, buf_str(&when)), guest_link(r, token), by };
	buf_free(&when);
	enum msg subject = by ? MSG_MAIL_STAFF_ADDED_SUBJECT
		       : status == SIGNUP_PENDING ? MSG_MAIL_GUEST_SUBJECT
						  : MSG_MAIL_GUEST_AGAIN_SUBJECT;
	enum msg body = by ? MSG_MAIL_STAFF_ADDED_BODY
		    : status == SIGNUP_PENDING ? MSG_MAIL_GUEST_BODY
					       : MSG_MAIL_GUEST_AGAIN_BODY;
	return mail_queue(r, 0, email, l->code, subject, body, args, 5);
}

/* A guest's request and its mail, written by web_tx. */
struct guest_args {
	const struct activity *x;
	struct field_errors errs;
};

static enum model_rc guest_tx(struct req *r, void *arg)
{
	struct guest_args *g = arg;
	char token[SECRET_TOKEN_LEN + 1];
	enum signup_status status;
	const struct signup_needs needs = attend_needs_from_form(r);
	enum model_rc rc = signup_guest_request(r->db, r->region, g->x->id, req_form(r, "name"), req_form(r, "email"),
						r->lang->code, &needs, token, &status, &g->errs);
	if (rc != MODEL_OK)
		return rc;
	return mail_guest(r, g->x, req_form(r, "name"), account_normalise_email(r->region, req_form(r, "email")),
			  r->lang->code, token, status, NULL);
}

/* POST /arenas/{id}/activities/{activity}/guest (name, email, needs):
 * 303 back saying a link was mailed (the same whether or not the address
 * was signed up already); 400 with errors beside the fields; 409 the
 * activity has started or is cancelled; 429 too many requests; 404. */
int web_activity_guest(struct req *r)
{
	struct arena a;
	struct activity x;
	enum model_rc rc = attend_load(r, &a, &x);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *email = req_form(r, "email");
	int status = web_rate_limit(r, "guest", r->client, GUEST_PER_CLIENT, WINDOW_HOUR);
	if (status == 0 && email && *email)
		status = web_rate_limit(r, "guest-address", email, GUEST_PER_ADDRESS, WINDOW_HOUR);
	if (status)
		return status;
	struct guest_args g = { &x, { .n = 0 } };
	rc = web_tx(r, guest_tx, &g);
	if (rc == MODEL_INVALID && field_error_get(&g.errs, "activity") != MSG__MAX)
		return req_fail(r, 409, field_error_get(&g.errs, "activity"));
	if (rc == MODEL_INVALID)
		return attend_activity_page(r, 400, &g.errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "%s#signup", activity_path(r, &x)), DONE_GUEST_SENT);
}

/* The page of a guest's link: the sign-up, and what can be done. */
static int guest_page(struct req *r, int status, const char *token, const struct signup *s,
		      const struct field_errors *errs)
{
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_GUEST_TITLE), NAV_ARENAS);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_GUEST_TITLE);
	HTMLF(&h, "</h1>\n<p class=\"lead\"><a href=\"/arenas/%lld/activities/%lld\">%s</a><br><span class=\"meta\">",
	      (long long)s->arena_id, (long long)s->activity_id, s->activity_title);
	when_range(&h, s->starts_at, s->ends_at);
	HTMLF(&h, "</span></p>\n<p>%s</p>\n", s->name);
	if (errs && errs->n) {
		HTML(&h, "<div class=\"error-summary\" role=\"alert\"><p>");
		html_msg(&h, errs->items[0].msg);
		HTML(&h, "</p></div>\n");
	}
	static const enum msg says[SIGNUP__MAX] = {
		[SIGNUP_CONFIRMED] = MSG_ATTEND_YOU_ARE_IN,
		[SIGNUP_WAITING] = MSG_ATTEND_YOU_WAIT,
		[SIGNUP_CANCELLED] = MSG_GUEST_CANCELLED,
		[SIGNUP_PENDING] = MSG_GUEST_PENDING,
	};
	HTML(&h, "<p class=\"notice\" role=\"status\">");
	html_msg(&h, says[s->status]);
	HTML(&h, "</p>\n");
	if (s->status != SIGNUP_CANCELLED && s->starts_at > model_now()) {
		if (s->status == SIGNUP_PENDING) {
			widget_form_begin(&h, r, "/guest");
			HTMLF(&h, "<input type=\"hidden\" name=\"token\" value=\"%s\">"
				  "<input type=\"hidden\" name=\"action\" value=\"confirm\">",
			      token);
			widget_form_end(&h, MSG_GUEST_CONFIRM);
		}
		widget_form_begin(&h, r, "/guest");
		HTMLF(&h, "<input type=\"hidden\" name=\"token\" value=\"%s\">"
			  "<input type=\"hidden\" name=\"action\" value=\"cancel\">",
		      token);
		widget_form_end_danger(&h, s->status == SIGNUP_PENDING ? MSG_GUEST_NOT_ME : MSG_GUEST_CANCEL);
	}
	layout_end(&h, r);
	return status;
}

/* GET /guest?token=: 200 the sign-up its link is for; 404 unknown. */
int web_guest(struct req *r)
{
	const char *token = req_query(r, "token");
	struct signup s;
	enum model_rc rc = signup_by_token(r->db, r->region, token, &s);
	if (rc == MODEL_NOT_FOUND)
		return req_fail(r, 404, MSG_TOKEN_UNKNOWN);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return guest_page(r, 200, token, &s, NULL);
}

/* A guest's confirmation or cancellation, written by web_tx. */
struct guest_act {
	struct signup s;
	int cancel;
	enum signup_status status;
	struct field_errors errs;
};

static enum model_rc guest_act_tx(struct req *r, void *arg)
{
	struct guest_act *g = arg;
	if (!g->cancel)
		return signup_confirm(r->db, g->s.id, &g->status, &g->errs);
	struct signup_promoted *p;
	size_t n;
	struct activity x;
	enum model_rc rc = signup_cancel_id(r->db, r->region, g->s.id, &p, &n);
	if (rc == MODEL_OK)
		rc = activity_get(r->db, r->region, g->s.activity_id, &x);
	g->status = SIGNUP_CANCELLED;
	return rc == MODEL_OK ? attend_tell_promoted(r, &x, p, n) : rc;
}

/* POST /guest (token, action confirm|cancel): 303 to the link's page
 * saying what happened; 400 no such action; 404 unknown link or (to
 * confirm) a cancelled sign-up; 409 the activity has started or is
 * cancelled (the page again, saying so). */
int web_guest_act(struct req *r)
{
	const char *token = req_form(r, "token"), *action = req_form(r, "action");
	int cancel = action && strcmp(action, "cancel") == 0;
	if (!cancel && !(action && strcmp(action, "confirm") == 0))
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	struct guest_act g = { .cancel = cancel, .errs.n = 0 };
	enum model_rc rc = signup_by_token(r->db, r->region, token, &g.s);
	if (rc == MODEL_NOT_FOUND)
		return req_fail(r, 404, MSG_TOKEN_UNKNOWN);
	if (rc == MODEL_OK)
		rc = web_tx(r, guest_act_tx, &g);
	if (rc == MODEL_INVALID)
		return guest_page(r, 409, token, &g.s, &g.errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct buf path = BUF_INIT(256);
	buf_puts(&path, "/guest?token=");
	form_encode(&path, token);
	const char *to = region_strdup(r->region, buf_str(&path));
	buf_free(&path);
	return web_redirect_done(r, to,
				 cancel			       ? DONE_SIGNUP_CANCELLED
				 : g.status == SIGNUP_CONFIRMED ? DONE_SIGNED_UP
								 : DONE_WAITING);
}

/* The needs of one sign-up as a sentence ("Interpreter: Arabic. ..."). */
static void needs_text(struct html *h, const struct signup *s)
{
	if (s->interpreter && *s->interpreter) {
		html_msg(h, MSG_ATTEND_INTERPRETER);
		HTML(h, ": ");
		attend_language_name(h, s->interpreter, strlen(s->interpreter));
		HTML(h, ". ");
	}
	if (s->step_free) {
		html_msg(h, MSG_ATTEND_STEP_FREE);
		HTML(h, ". ");
	}
	if (s->childcare) {
		html_msg(h, MSG_ATTEND_CHILDCARE);
		HTML(h, ". ");
	}
	html_text(h, s->other_needs);
}

/* Who comes, read with the log entry that the reader saw (or, export,
 * took) them, by web_logged: a read the log cannot record is not shown. */
struct attendees_read {
	struct arena *a;
	struct activity *x;
	struct signup *s;
	size_t n;
	enum audit_kind how;
};

static enum model_rc attendees_fn(struct req *r, void *arg)
{
	struct attendees_read *q = arg;
	enum model_rc rc = attend_load(r, q->a, q->x);
	if (rc == MODEL_OK)
		rc = signup_list(r->db, r->region, q->x->id, q->how, r->user_id, r->client, &q->s, &q->n);
	return rc;
}

static enum model_rc read_attendees(struct req *r, struct arena *a, struct activity *x, struct signup **s,
				    size_t *n, int export)
{
	struct attendees_read q = { a, x, NULL, 0, export ? AUDIT_ATTENDEES_EXPORTED : AUDIT_ATTENDEES_READ };
	enum model_rc rc = web_logged(r, attendees_fn, &q);
	*s = q.s;
	*n = q.n;
	return rc;
}

/* GET /arenas/{id}/activities/{activity}/attendees: 200 who comes, with
 * their needs and contact (the arena's facilitators; in the audit log);
 * 404; 503 when the view cannot be logged. */
int web_attendees(struct req *r)
{
	struct arena a;
	struct activity x;
	struct signup *s;
	size_t n = 0;
	enum model_rc rc = read_attendees(r, &a, &x, &s, &n, 0);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *base = activity_path(r, &x);
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_ATTENDEES_TITLE), NAV_ARENAS);
	HTMLF(&h, "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"%s\"", msg_get(r->lang, MSG_NAV_BREADCRUMBS), base);
	html_lang_attr(&h, x.lang);
	HTMLF(&h, ">%s</a></nav>\n<h1>", x.title);
	html_msg(&h, MSG_ATTENDEES_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_ATTENDEES_INTRO);
	HTMLF(&h, "</p>\n<ul class=\"links\"><li><a href=\"%s/signups/new\">", base);
	html_msg(&h, MSG_ATTENDEES_ADD);
	HTMLF(&h, "</a></li><li><a href=\"%s/attendees.csv\" download>", base);
	html_msg(&h, MSG_ATTENDEES_EXPORT);
	HTML(&h, "</a></li></ul>\n");
	if (n == 0) {
		HTML(&h, "<p>");
		html_msg(&h, MSG_ATTENDEES_NONE);
		HTML(&h, "</p>\n");
		layout_end(&h, r);
		return 200;
	}
	const char *l_name = msg_get(r->lang, MSG_ACCOUNT_NAME), *l_status = msg_get(r->lang, MSG_ATTENDEES_STATUS),
		   *l_needs = msg_get(r->lang, MSG_ATTEND_NEEDS), *l_contact = msg_get(r->lang, MSG_ATTENDEES_CONTACT);
	HTMLF(&h, "<div class=\"table\"><table class=\"reflow\"><thead><tr><th scope=\"col\">%s</th>"
		  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		  "<th scope=\"col\"><span class=\"visually-hidden\">%s</span></th></tr></thead><tbody>",
	      l_name, l_contact, l_status, l_needs, msg_get(r->lang, MSG_ATTENDEES_CANCEL));
	for (size_t i = 0; i < n; i++) {
		HTMLF(&h, "<tr><td data-label=\"%s\">%s", l_name, s[i].name);
		if (s[i].account_id == 0) {
			HTML(&h, " <span class=\"tag\">");
			html_msg(&h, s[i].added_by ? MSG_ATTENDEES_BY_STAFF : MSG_ATTENDEES_GUEST);
			HTML(&h, "</span>");
		}
		HTMLF(&h, "</td><td data-label=\"%s\">%s", l_contact, s[i].email);
		if (*s[i].phone)
			HTMLF(&h, "%s%s", *s[i].email ? ", " : "", s[i].phone);
		HTMLF(&h, "</td><td data-label=\"%s\">", l_status);
		html_msg(&h, s[i].status == SIGNUP_CONFIRMED ? MSG_ATTENDEES_CONFIRMED : MSG_ATTENDEES_WAITING);
		HTMLF(&h, "</td><td data-label=\"%s\">", l_needs);
		needs_text(&h, &s[i]);
		HTMLF(&h, "</td><td><a href=\"%s/signups/%lld/cancel\">", base, (long long)s[i].id);
		html_msg(&h, MSG_ATTENDEES_CANCEL);
		HTMLF(&h, "<span class=\"visually-hidden\"> %s</span></a></td></tr>", s[i].name);
	}
	HTML(&h, "</tbody></table></div>\n");
	layout_end(&h, r);
	return 200;
}

/* A spreadsheet cell that cannot start a formula (=, +, -, @): such a
 * text gets an apostrophe in front, as spreadsheets read it. */
static void cell(struct req *r, struct buf *b, const char *s)
{
	if (s && s[0] && strchr("=+-@\t\r", s[0]))
		csv_put(b, region_printf(r->region, "'%s", s));
	else
		csv_put(b, s ? s : "");
}

/* GET .../attendees.csv: 200 who comes as a spreadsheet (CSV, UTF-8),
 * for the door or for the caterer (in the audit log as a download);
 * 404; 503 when the download cannot be logged. */
int web_attendees_csv(struct req *r)
{
	struct arena a;
	struct activity x;
	struct signup *s;
	size_t n = 0;
	enum model_rc rc = read_attendees(r, &a, &x, &s, &n, 1);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	static const enum msg head[] = { MSG_ACCOUNT_NAME,	MSG_ACCOUNT_EMAIL,     MSG_SIGNUP_FOR_PHONE,
					 MSG_ATTENDEES_STATUS,	MSG_ATTEND_INTERPRETER, MSG_ATTEND_STEP_FREE,
					 MSG_ATTEND_CHILDCARE, MSG_ATTEND_OTHER_NEEDS };
	/* A byte order mark: spreadsheets then read the file as UTF-8. */
	buf_puts(&r->out, "\xEF\xBB\xBF");
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
		csv_put(&r->out, msg_get(r->lang, head[i]));
	csv_end(&r->out);
	const char *yes = msg_get(r->lang, MSG_CSV_YES);
	for (size_t i = 0; i < n; i++) {
		cell(r, &r->out, s[i].name);
		cell(r, &r->out, s[i].email);
		cell(r, &r->out, s[i].phone);
		csv_put(&r->out, msg_get(r->lang, s[i].status == SIGNUP_CONFIRMED ? MSG_ATTENDEES_CONFIRMED
										  : MSG_ATTENDEES_WAITING));
		cell(r, &r->out, s[i].interpreter);
		csv_put(&r->out, s[i].step_free ? yes : "");
		csv_put(&r->out, s[i].childcare ? yes : "");
		cell(r, &r->out, s[i].other_needs);
		csv_end(&r->out);
	}
	r->content_type = "text/csv; charset=utf-8";
	req_set_header(r, "Content-Disposition",
		       region_printf(r->region, "attachment; filename=\"attendees-%lld.csv\"", (long long)x.id));
	req_set_header(r, "Cache-Control", "no-store");
	return 200;
}

static const struct field for_fields[] = {
	{ "name", MSG_ACCOUNT_NAME, FIELD_TEXT, NULL, "off", MSG__MAX, 1, 200 },
	{ "phone", MSG_SIGNUP_FOR_PHONE, FIELD_TEXT, NULL, "off", MSG_SIGNUP_FOR_PHONE_HINT, 0, SIGNUP_PHONE_MAX },
	{ "email", MSG_ACCOUNT_EMAIL, FIELD_EMAIL, NULL, "off", MSG_SIGNUP_FOR_EMAIL_HINT, 0, 254 },
	{ "interpreter", MSG_ATTEND_INTERPRETER, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
	{ "other_needs", MSG_ATTEND_OTHER_NEEDS, FIELD_TEXTAREA, NULL, NULL, MSG__MAX, 0, 1000 },
};
#define NFOR (sizeof for_fields / sizeof for_fields[0])

static int for_form(struct req *r, int status, const struct activity *x, const struct field_errors *errs)
{
	const char *base = activity_path(r, x);
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_SIGNUP_FOR_TITLE), NAV_ARENAS);
	HTMLF(&h, "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"%s\"", msg_get(r->lang, MSG_NAV_BREADCRUMBS), base);
	html_lang_attr(&h, x->lang);
	HTMLF(&h, ">%s</a></nav>\n<h1>", x->title);
	html_msg(&h, MSG_SIGNUP_FOR_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_SIGNUP_FOR_INTRO);
	HTML(&h, "</p>\n");
	widget_errors(&h, errs, for_fields, NFOR);
	widget_form_begin(&h, r, region_printf(r->region, "%s/signups/new", base));
	for (size_t i = 0; i < 3; i++) {
		struct field f = for_fields[i];
		f.value = req_form(r, f.name);
		widget_field(&h, &f, errs);
	}
	attend_needs_fields(&h, r, x, errs);
	widget_form_end(&h, MSG_SIGNUP_FOR_SUBMIT);
	layout_end(&h, r);
	return status;
}

/* GET .../signups/new: 200 the form for a sign-up taken by phone (the
 * arena's facilitators); 404. */
int web_signup_for_form(struct req *r)
{
	struct arena a;
	struct activity x;
	enum model_rc rc = attend_load(r, &a, &x);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return for_form(r, 200, &x, NULL);
}

/* A sign-up for someone, its audit record and its mail, by web_tx. */
struct for_args {
	const struct activity *x;
	struct field_errors errs;
};

static enum model_rc for_tx(struct req *r, void *arg)
{
	struct for_args *f = arg;
	char token[SECRET_TOKEN_LEN + 1];
	enum signup_status status;
	const struct signup_needs needs = attend_needs_from_form(r);
	const char *name = req_form(r, "name"), *email = req_form(r, "email");
	enum model_rc rc = signup_add_for(r->db, r->region, f->x->id, name, email, req_form(r, "phone"), r->lang->code,
					  &needs, r->user_id, token, &status, &f->errs);
	const struct audit_event e = { AUDIT_SIGNUP_ADDED, r->user_id, 0, AUDIT_ON_ACTIVITY, f->x->id, name,
				       r->client };
	if (rc == MODEL_OK)
		rc = audit_record(r->db, &e);
	if (rc == MODEL_OK && *token)
		rc = mail_guest(r, f->x, name, account_normalise_email(r->region, email), r->lang->code, token, status,
				r->user_name);
	return rc;
}

/* POST .../signups/new (name, phone, email, needs): 303 to who comes;
 * 400 with errors; 409 the address is signed up already, or the activity
 * has started or is cancelled; 404. */
int web_signup_for(struct req *r)
{
	struct arena a;
	struct activity x;
	enum model_rc rc = attend_load(r, &a, &x);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct for_args f = { &x, { .n = 0 } };
	rc = web_tx(r, for_tx, &f);
	if (rc == MODEL_CONFLICT) {
		field_error_add(&f.errs, "email", MSG_ATTEND_ALREADY_THEM);
		return for_form(r, 409, &x, &f.errs);
	}
	if (rc == MODEL_INVALID && field_error_get(&f.errs, "activity") != MSG__MAX)
		return req_fail(r, 409, field_error_get(&f.errs, "activity"));
	if (rc == MODEL_INVALID)
		return for_form(r, 400, &x, &f.errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "%s/attendees", activity_path(r, &x)), DONE_SIGNUP_ADDED);
}

/* The sign-up {signup} of the path's activity; MODEL_NOT_FOUND when it
 * is another activity's. */
static enum model_rc load_signup(struct req *r, struct arena *a, struct activity *x, struct signup *s)
{
	enum model_rc rc = attend_load(r, a, x);
	if (rc == MODEL_OK)
		rc = signup_get_id(r->db, r->region, r->params[2], s);
	if (rc == MODEL_OK && s->activity_id != x->id)
		rc = MODEL_NOT_FOUND;
	return rc;
}

/* GET .../signups/{signup}/cancel: 200 the question, naming whose
 * sign-up for what; 404. */
int web_signup_for_cancel_confirm(struct req *r)
{
	struct arena a;
	struct activity x;
	struct signup s;
	enum model_rc rc = load_signup(r, &a, &x, &s);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *args[] = { s.name, x.title };
	struct buf what = BUF_INIT(2048);
	msg_format(&what, r->lang, MSG_CONFIRM_CANCEL_FOR, args, 2);
	const char *base = activity_path(r, &x);
	const struct web_confirm c = {
		.what = region_strdup(r->region, buf_str(&what)),
		.consequence = MSG_CONFIRM_CANCEL_FOR_CONSEQUENCE,
		.action = region_printf(r->region, "%s/signups/%lld/cancel", base, (long long)s.id),
		.submit = MSG_CONFIRM_CANCEL_FOR_SUBMIT,
		.back = region_printf(r->region, "%s/attendees", base),
		.danger = 1,
		.nav = NAV_ARENAS,
	};
	buf_free(&what);
	return web_confirm(r, &c);
}

/* Cancels someone's sign-up with its audit record, by web_tx: whoever
 * moves up gets a mail. */
struct cancel_for {
	const struct activity *x;
	const struct signup *s;
};

static enum model_rc cancel_for_tx(struct req *r, void *arg)
{
	const struct cancel_for *c = arg;
	struct signup_promoted *p;
	size_t n;
	enum model_rc rc = signup_cancel_id(r->db, r->region, c->s->id, &p, &n);
	const struct audit_event e = { AUDIT_SIGNUP_CANCELLED, r->user_id, c->s->account_id, AUDIT_ON_ACTIVITY,
				       c->x->id, c->s->name, r->client };
	if (rc == MODEL_OK)
		rc = audit_record(r->db, &e);
	return rc == MODEL_OK ? attend_tell_promoted(r, c->x, p, n) : rc;
}

/* POST .../signups/{signup}/cancel: 303 to who comes; 404 (also one
 * cancelled already). */
int web_signup_for_cancel(struct req *r)
{
	struct arena a;
	struct activity x;
	struct signup s;
	enum model_rc rc = load_signup(r, &a, &x, &s);
	struct cancel_for c = { &x, &s };
	if (rc == MODEL_OK)
		rc = web_tx(r, cancel_for_tx, &c);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "%s/attendees", activity_path(r, &x)), DONE_SIGNUP_REMOVED);
}
