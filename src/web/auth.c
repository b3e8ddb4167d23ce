/*
 * auth.c: signing up, confirming the e-mail address, signing in and out,
 * and resetting a forgotten password. Nothing here tells a visitor
 * whether an address has an account: sign-up and reset requests answer
 * the same either way, and a failed sign-in takes as long for an unknown
 * address as for a wrong password.
 */
#include "core/password.h"
#include "http/query.h"
#include "model/account.h"
#include "model/consent.h"
#include "model/participant.h"
#include "model/session.h"
#include "model/token.h"
#include "web/guard.h"
#include "web/layout.h"
#include "web/mail.h"
#include "web/site.h"
#include "web/web.h"
#include "web/widget.h"

/* Limits per client address and per account, per window of seconds. */
#define SIGNUP_PER_CLIENT 20
#define SIGNIN_PER_CLIENT 30
#define SIGNIN_PER_ACCOUNT 10
#define RESET_PER_CLIENT 20
#define RESET_PER_ACCOUNT 5
#define WINDOW_SIGNIN (15 * 60)
#define WINDOW_HOUR 3600

static const struct field signup_fields[] = {
	{ "name", MSG_ACCOUNT_NAME, FIELD_TEXT, NULL, "name", MSG_ACCOUNT_NAME_HINT, 1, 200 },
	{ "email", MSG_ACCOUNT_EMAIL, FIELD_EMAIL, NULL, "email", MSG__MAX, 1, 254 },
	{ "password", MSG_ACCOUNT_PASSWORD, FIELD_PASSWORD, NULL, "new-password",
	  MSG_ACCOUNT_PASSWORD_HINT, 1, 200 },
	{ "terms", MSG_CONSENT_TERMS, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
};

static const struct field signin_fields[] = {
	{ "email", MSG_ACCOUNT_EMAIL, FIELD_EMAIL, NULL, "username", MSG__MAX, 1, 254 },
	{ "password", MSG_ACCOUNT_PASSWORD, FIELD_PASSWORD, NULL, "current-password", MSG__MAX, 1,
	  200 },
};

/* A page that only says something (and maybe links on). */
static int message_page(struct req *r, int status, enum msg title, enum msg text)
{
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, title), NAV_NONE);
	HTML(&h, "<h1>");
	html_msg(&h, title);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, text);
	HTML(&h, "</p>\n");
	layout_end(&h, r);
	return status;
}

static void signup_form(struct req *r, const struct field_errors *errs)
{
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_SIGNUP_TITLE), NAV_NONE);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_SIGNUP_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_SIGNUP_INTRO);
	HTML(&h, "</p>\n");
	widget_errors(&h, errs, signup_fields, sizeof signup_fields / sizeof signup_fields[0]);
	widget_form_begin(&h, r, "/signup");
	for (int i = 0; i < 3; i++) {
		struct field f = signup_fields[i];
		f.value = req_form(r, f.name);
		widget_field(&h, &f, errs);
	}
	widget_checkbox(&h, "terms", "yes", MSG_CONSENT_TERMS, req_form(r, "terms") != NULL, errs);
	HTML(&h, "<p class=\"hint\"><a href=\"/privacy\">");
	html_msg(&h, MSG_PRIVACY_READ);
	HTML(&h, "</a></p>");
	widget_checkbox(&h, "updates", "yes", MSG_CONSENT_UPDATES, req_form(r, "updates") != NULL, errs);
	widget_form_end(&h, MSG_SIGNUP_SUBMIT);
	HTML(&h, "<p>");
	html_msg(&h, MSG_SIGNUP_HAVE_ACCOUNT);
	HTML(&h, " <a href=\"/login\">");
	html_msg(&h, MSG_SIGNIN_TITLE);
	HTML(&h, "</a></p>\n");
	layout_end(&h, r);
}

/* GET /signup: 200 the form, or (?sent=1) the "check your e-mail" page. */
int web_signup_form(struct req *r)
{
	if (req_query(r, "sent"))
		return message_page(r, 200, MSG_SIGNUP_SENT_TITLE, MSG_SIGNUP_SENT);
	signup_form(r, NULL);
	return 200;
}

/* Sends a confirmation link for a new account. */
static enum model_rc send_verification(struct req *r, int64_t id, const char *email, const char *name,
				       const char *lang)
{
	char token[SECRET_TOKEN_LEN + 1];
	enum model_rc rc = token_issue(r->db, TOKEN_VERIFY, id, token);
	if (rc != MODEL_OK)
		return rc;
	const char *args[] = { name, mail_link(r, "/verify?token=", token) };
	return mail_queue(r, id, email, lang, MSG_MAIL_VERIFY_SUBJECT, MSG_MAIL_VERIFY_BODY, args, 2);
}

/* POST /signup: 303 to the "check your e-mail" page, the same whether or
 * not the address already had an account (its owner gets a mail saying
 * so); 400 with the form and its errors; 429 too many attempts. */
int web_signup(struct req *r)
{
	int status = web_rate_limit(r, "signup", r->client, SIGNUP_PER_CLIENT, WINDOW_HOUR);
	if (status)
		return status;
	struct field_errors errs = { .n = 0 };
	const char *name = req_form(r, "name"), *email = req_form(r, "email");
	if (store_begin(r->db) != STORE_OK)
		return req_status(r, model_status(MODEL_UNAVAILABLE));
	int64_t id = 0;
	/* Look first: after a refused insert PostgreSQL would end the
	 * transaction. An existing address takes a dummy hash instead of
	 * the account's, so both ways take the same time. */
	struct account a;
	enum model_rc rc = account_by_email(r->db, r->region, email, &a);
	int exists = rc == MODEL_OK;
	if (rc == MODEL_NOT_FOUND || rc == MODEL_OK)
		rc = exists ? MODEL_OK
			    : account_create(r->db, r->region, email, name, req_form(r, "password"),
					     r->lang->code, &id, &errs);
	if (exists)
		password_verify(NULL, req_form(r, "password") ? req_form(r, "password") : "");
	if (req_form(r, "terms") == NULL && (rc == MODEL_OK || rc == MODEL_INVALID)) {
		field_error_add(&errs, "terms", MSG_FORM_TERMS_REQUIRED);
		rc = MODEL_INVALID;
	}
	if (rc == MODEL_OK && exists) {
		const char *args[] = { a.name, mail_link(r, "/password-reset", "") };
		rc = mail_queue(r, a.id, a.email, a.lang, MSG_MAIL_EXISTS_SUBJECT, MSG_MAIL_EXISTS_BODY, args, 2);
	} else if (rc == MODEL_OK) {
		rc = consent_give(r->db, id, CONSENT_TERMS);
		if (rc == MODEL_OK && req_form(r, "updates"))
			rc = consent_give(r->db, id, CONSENT_UPDATES);
		if (rc == MODEL_OK)
			rc = participant_attach(r->db, req_cookie(r, COOKIE_PARTICIPANT), id);
		if (rc == MODEL_OK)
			rc = send_verification(r, id, account_normalise_email(r->region, email), name,
					       r->lang->code);
	}
	if (rc == MODEL_OK && store_commit(r->db) == STORE_OK)
		return req_redirect(r, "/signup?sent=1");
	store_rollback(r->db);
	if (rc != MODEL_INVALID)
		return req_status(r, model_status(rc == MODEL_OK ? MODEL_ERROR : rc));
	signup_form(r, &errs);
	return 400;
}

/* GET /verify?token=: 200 a confirm button (mail scanners that open
 * links must not use the token up); 404 unknown; 410 expired or used. */
int web_verify_form(struct req *r)
{
	const char *token = req_query(r, "token");
	enum token_state state;
	int64_t id;
	enum model_rc rc = token_peek(r->db, TOKEN_VERIFY, token, &state, &id);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if (state == TOKEN_UNKNOWN)
		return message_page(r, 404, MSG_TOKEN_UNKNOWN_TITLE, MSG_TOKEN_UNKNOWN);
	if (state == TOKEN_EXPIRED)
		return message_page(r, 410, MSG_TOKEN_EXPIRED_TITLE, MSG_VERIFY_EXPIRED);
	if (state == TOKEN_USED)
		return message_page(r, 410, MSG_TOKEN_USED_TITLE, MSG_VERIFY_USED);
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_VERIFY_TITLE), NAV_NONE);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_VERIFY_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_VERIFY_INTRO);
	HTML(&h, "</p>\n");
	widget_form_begin(&h, r, "/verify");
	HTML(&h, "<input type=\"hidden\" name=\"token\" value=\"");
	html_text(&h, token);
	HTML(&h, "\">");
	widget_form_end(&h, MSG_VERIFY_SUBMIT);
	layout_end(&h, r);
	return 200;
}

/* POST /verify: 303 to the profile, signed in; 404 unknown token; 410
 * expired or already used. */
int web_verify(struct req *r)
{
	if (store_begin(r->db) != STORE_OK)
		return req_status(r, model_status(MODEL_UNAVAILABLE));
	enum token_state state;
	int64_t id;
	enum model_rc rc = token_consume(r->db, TOKEN_VERIFY, req_form(r, "token"), &state, &id);
	if (rc == MODEL_OK && state == TOKEN_OK)
		rc = account_mark_verified(r->db, id);
	int status = rc == MODEL_OK && state == TOKEN_OK ? web_sign_in(r, id) : 0;
	if (rc != MODEL_OK || status || store_commit(r->db) != STORE_OK) {
		store_rollback(r->db);
		return status ? status : req_status(r, model_status(rc == MODEL_OK ? MODEL_ERROR : rc));
	}
	if (state == TOKEN_UNKNOWN)
		return message_page(r, 404, MSG_TOKEN_UNKNOWN_TITLE, MSG_TOKEN_UNKNOWN);
	if (state != TOKEN_OK)
		return message_page(r, 410, state == TOKEN_EXPIRED ? MSG_TOKEN_EXPIRED_TITLE : MSG_TOKEN_USED_TITLE,
				    state == TOKEN_EXPIRED ? MSG_VERIFY_EXPIRED : MSG_VERIFY_USED);
	return req_redirect(r, "/me?verified=1");
}

static void signin_form(struct req *r, const struct field_errors *errs, enum msg notice)
{
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_SIGNIN_TITLE), NAV_NONE);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_SIGNIN_TITLE);
	HTML(&h, "</h1>\n");
	if (notice != MSG__MAX)
		widget_notice(&h, notice);
	widget_errors(&h, errs, signin_fields, sizeof signin_fields / sizeof signin_fields[0]);
	widget_form_begin(&h, r, "/login");
	const char *next = req_form(r, "next") ? req_form(r, "next") : req_query(r, "next");
	HTML(&h, "<input type=\"hidden\" name=\"next\" value=\"");
	html_text(&h, query_local_path(next));
	HTML(&h, "\">");
	for (size_t i = 0; i < sizeof signin_fields / sizeof signin_fields[0]; i++) {
		struct field f = signin_fields[i];
		f.value = req_form(r, f.name);
		widget_field(&h, &f, errs);
	}
	widget_form_end(&h, MSG_SIGNIN_SUBMIT);
	HTML(&h, "<ul class=\"links\"><li><a href=\"/password-reset\">");
	html_msg(&h, MSG_RESET_FORGOT);
	HTML(&h, "</a></li><li><a href=\"/signup\">");
	html_msg(&h, MSG_SIGNUP_TITLE);
	HTML(&h, "</a></li></ul>\n");
	layout_end(&h, r);
}

/* GET /login: 200 the form (a notice after a password reset request). */
int web_signin_form(struct req *r)
{
	signin_form(r, NULL, MSG__MAX);
	return 200;
}

/* POST /login: 303 to next (a local path) or the profile; 400 wrong
 * address or password (one message for both); 403 address not yet
 * confirmed (a new link is sent); 429 too many attempts. */
int web_signin(struct req *r)
{
	const char *email = req_form(r, "email");
	int status = web_rate_limit(r, "signin", r->client, SIGNIN_PER_CLIENT, WINDOW_SIGNIN);
	if (status == 0 && email)
		status = web_rate_limit(r, "signin-account",
					account_normalise_email(r->region, email) ? account_normalise_email(r->region, email) : email,
					SIGNIN_PER_ACCOUNT, WINDOW_SIGNIN);
	if (status)
		return status;
	struct account a;
	enum model_rc rc = account_authenticate(r->db, r->region, email, req_form(r, "password"), &a);
	if (rc == MODEL_NOT_FOUND) {
		struct field_errors errs = { .n = 0 };
		field_error_add(&errs, "email", MSG_SIGNIN_WRONG);
		signin_form(r, &errs, MSG__MAX);
		return 400;
	}
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if (store_begin(r->db) != STORE_OK)
		return req_status(r, model_status(MODEL_UNAVAILABLE));
	if (a.verified_at == 0) {
		rc = send_verification(r, a.id, a.email, a.name, a.lang);
		if (rc != MODEL_OK || store_commit(r->db) != STORE_OK) {
			store_rollback(r->db);
			return req_status(r, model_status(rc == MODEL_OK ? MODEL_ERROR : rc));
		}
		return message_page(r, 403, MSG_SIGNIN_UNVERIFIED_TITLE, MSG_SIGNIN_UNVERIFIED);
	}
	/* A session of whoever was signed in here before ends. */
	rc = r->session_token ? session_end(r->db, r->session_token) : MODEL_OK;
	status = rc == MODEL_OK ? web_sign_in(r, a.id) : req_status(r, model_status(rc));
	if (status || store_commit(r->db) != STORE_OK) {
		store_rollback(r->db);
		return status ? status : req_status(r, model_status(MODEL_UNAVAILABLE));
	}
	const char *next = query_local_path(req_form(r, "next"));
	return req_redirect(r, next[1] ? next : "/me");
}

/* POST /logout: 303 to the front page, the session ended. */
int web_signout(struct req *r)
{
	if (r->session_token) {
		enum model_rc rc = session_end(r->db, r->session_token);
		if (rc != MODEL_OK)
			return req_status(r, model_status(rc));
	}
	req_set_cookie(r, COOKIE_SESSION, "", 0, site.secure);
	return req_redirect(r, "/");
}

static void reset_request_form(struct req *r, const struct field_errors *errs)
{
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_RESET_TITLE), NAV_NONE);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_RESET_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_RESET_INTRO);
	HTML(&h, "</p>\n");
	widget_errors(&h, errs, signin_fields, 1);
	widget_form_begin(&h, r, "/password-reset");
	struct field f = signin_fields[0];
	f.value = req_form(r, "email");
	widget_field(&h, &f, errs);
	widget_form_end(&h, MSG_RESET_SUBMIT);
	layout_end(&h, r);
}

static const struct field new_password_field = { "password", MSG_ACCOUNT_NEW_PASSWORD, FIELD_PASSWORD,
						 NULL, "new-password", MSG_ACCOUNT_PASSWORD_HINT,
						 1, 200 };

static void reset_password_form(struct req *r, const char *token, const struct field_errors *errs)
{
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_RESET_NEW_TITLE), NAV_NONE);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_RESET_NEW_TITLE);
	HTML(&h, "</h1>\n");
	widget_errors(&h, errs, &new_password_field, 1);
	widget_form_begin(&h, r, "/password-reset");
	HTML(&h, "<input type=\"hidden\" name=\"token\" value=\"");
	html_text(&h, token);
	HTML(&h, "\">");
	widget_field(&h, &new_password_field, errs);
	widget_form_end(&h, MSG_RESET_NEW_SUBMIT);
	layout_end(&h, r);
}

/* The page for a token that cannot be used. */
static int bad_token(struct req *r, enum token_state state)
{
	if (state == TOKEN_UNKNOWN)
		return message_page(r, 404, MSG_TOKEN_UNKNOWN_TITLE, MSG_TOKEN_UNKNOWN);
	return message_page(r, 410, state == TOKEN_EXPIRED ? MSG_TOKEN_EXPIRED_TITLE : MSG_TOKEN_USED_TITLE,
			    state == TOKEN_EXPIRED ? MSG_RESET_EXPIRED : MSG_RESET_USED);
}

/* GET /password-reset: 200 the request form; ?sent=1 the "check your
 * e-mail" page; ?token= the new-password form (404/410 for a token that
 * is unknown, expired or used). */
int web_reset_form(struct req *r)
{
	if (req_query(r, "sent"))
		return message_page(r, 200, MSG_RESET_SENT_TITLE, MSG_RESET_SENT);
	const char *token = req_query(r, "token");
	if (token == NULL) {
		reset_request_form(r, NULL);
		return 200;
	}
	enum token_state state;
	int64_t id;
	enum model_rc rc = token_peek(r->db, TOKEN_RESET, token, &state, &id);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if (state != TOKEN_OK)
		return bad_token(r, state);
	reset_password_form(r, token, NULL);
	return 200;
}

/* Sets the new password for a reset token. */
static int reset_with_token(struct req *r, const char *token)
{
	struct field_errors errs = { .n = 0 };
	if (store_begin(r->db) != STORE_OK)
		return req_status(r, model_status(MODEL_UNAVAILABLE));
	enum token_state state;
	int64_t id;
	enum model_rc rc = token_peek(r->db, TOKEN_RESET, token, &state, &id);
	/* The new password is checked before the token is used up, so a
	 * too-short password can be corrected with the same link. */
	if (rc == MODEL_OK && state == TOKEN_OK)
		rc = account_set_password(r->db, id, req_form(r, "password"), &errs);
	if (rc == MODEL_OK && state == TOKEN_OK)
		rc = token_consume(r->db, TOKEN_RESET, token, &state, &id);
	/* Whoever knows the password can read the mail: the address is confirmed. */
	if (rc == MODEL_OK && state == TOKEN_OK)
		rc = account_mark_verified(r->db, id);
	int status = rc == MODEL_OK && state == TOKEN_OK ? web_sign_in(r, id) : 0;
	if (rc != MODEL_OK || state != TOKEN_OK || status || store_commit(r->db) != STORE_OK) {
		store_rollback(r->db);
		if (rc == MODEL_INVALID) {
			reset_password_form(r, token, &errs);
			return 400;
		}
		if (rc == MODEL_OK && state != TOKEN_OK)
			return bad_token(r, state);
		return status ? status : req_status(r, model_status(rc == MODEL_OK ? MODEL_ERROR : rc));
	}
	return req_redirect(r, "/me?reset=1");
}

/* POST /password-reset: with token and password, 303 to the profile,
 * signed in, every other session ended (400 weak password; 404/410 bad
 * token); with an address, 303 to the "check your e-mail" page whether or
 * not it has an account; 429 too many requests. */
int web_reset(struct req *r)
{
	const char *token = req_form(r, "token");
	if (token)
		return reset_with_token(r, token);
	const char *email = req_form(r, "email");
	const char *normal = account_normalise_email(r->region, email);
	if (normal == NULL) {
		struct field_errors errs = { .n = 0 };
		field_error_add(&errs, "email", MSG_FORM_BAD_EMAIL);
		reset_request_form(r, &errs);
		return 400;
	}
	int status = web_rate_limit(r, "reset", r->client, RESET_PER_CLIENT, WINDOW_HOUR);
	if (status)
		return status;
	/* One transaction with one commit whether or not the address has an
	 * account, so the answer takes about as long either way. */
	if (store_begin(r->db) != STORE_OK)
		return req_status(r, model_status(MODEL_UNAVAILABLE));
	status = web_rate_limit(r, "reset-account", normal, RESET_PER_ACCOUNT, WINDOW_HOUR);
	struct account a;
	enum model_rc rc = status ? MODEL_OK : account_by_email(r->db, r->region, normal, &a);
	if (status == 0 && rc == MODEL_OK) {
		char t[SECRET_TOKEN_LEN + 1];
		rc = token_issue(r->db, TOKEN_RESET, a.id, t);
		if (rc == MODEL_OK) {
			const char *args[] = { a.name, mail_link(r, "/password-reset?token=", t) };
			rc = mail_queue(r, a.id, a.email, a.lang, MSG_MAIL_RESET_SUBJECT, MSG_MAIL_RESET_BODY,
					args, 2);
		}
	}
	if (rc == MODEL_NOT_FOUND)
		rc = MODEL_OK;
	if (rc != MODEL_OK || store_commit(r->db) != STORE_OK) {
		store_rollback(r->db);
		return req_status(r, model_status(rc == MODEL_OK ? MODEL_UNAVAILABLE : rc));
	}
	if (status)
		return status;
	return req_redirect(r, "/password-reset?sent=1");
}
