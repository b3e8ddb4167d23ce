/*
 * auth.c: signing up, confirming the e-mail address, signing in and out,
 * and resetting a forgotten password. Nothing here tells a visitor
 * whether an address has an account: sign-up and reset requests answer
 * the same either way, and a failed sign-in takes as long for an unknown
 * address as for a wrong password. Where the reader was going (next, a
 * local path) is kept from the sign-in page through signing up and the
 * confirmation mail's link, so a new account lands where it set out.
 *
 * Guessing is throttled per client address and per account, but a browser
 * that has signed in to the account before carries a device cookie and
 * has an allowance of its own (OWASP's device cookies): someone who only
 * knows an e-mail address can use up the account's allowance for unknown
 * browsers, never its owner's. The cookie is "NONCE.HMAC(address, NONCE)"
 * under the site key: it holds no address, is good for one address only,
 * and is checked without the database, so it tells nothing about which
 * addresses have accounts.
 */
#include <string.h>

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
#define SIGNIN_PER_ACCOUNT 10 /* from browsers without its device cookie */
#define SIGNIN_PER_DEVICE 10  /* from a browser with one */
#define DEVICE_COOKIE "device"
#define DEVICE_COOKIE_AGE (180L * 24 * 3600)
#define RESET_PER_CLIENT 20
#define RESET_PER_ACCOUNT 5
#define WINDOW_SIGNIN (15 * 60)
#define WINDOW_HOUR 3600

/* The sign-up form's fields (the terms are a checkbox). */
enum signup_field { SIGNUP_NAME, SIGNUP_EMAIL, SIGNUP_PASSWORD, SIGNUP_TERMS, SIGNUP__MAX };

static const struct field signup_fields[] = {
	[SIGNUP_NAME] = { "name", MSG_ACCOUNT_NAME, FIELD_TEXT, NULL, "name", MSG_ACCOUNT_NAME_HINT, 1, 200 },
	[SIGNUP_EMAIL] = { "email", MSG_ACCOUNT_EMAIL, FIELD_EMAIL, NULL, "email", MSG__MAX, 1, 254 },
	[SIGNUP_PASSWORD] = { "password", MSG_ACCOUNT_PASSWORD, FIELD_PASSWORD, NULL, "new-password",
			      MSG_ACCOUNT_PASSWORD_HINT, 1, 200 },
	[SIGNUP_TERMS] = { "terms", MSG_CONSENT_TERMS, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
};
_Static_assert(sizeof signup_fields / sizeof signup_fields[0] == SIGNUP__MAX, "a field for every SIGNUP_");

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

/* Where the reader was going: next from the form or the address, a
 * local path ("/" when none or not local). */
static const char *next_of(struct req *r)
{
	const char *next = req_form(r, "next") ? req_form(r, "next") : req_query(r, "next");
	return query_local_path(next);
}

/* The hidden next field of a form, when there is somewhere to go. */
static void next_field(struct html *h, struct req *r)
{
	const char *next = next_of(r);
	if (next[1] == '\0')
		return;
	HTML(h, "<input type=\"hidden\" name=\"next\" value=\"");
	html_text(h, next);
	HTML(h, "\">");
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
	widget_errors(&h, errs, signup_fields, SIGNUP__MAX);
	widget_form_begin(&h, r, "/signup");
	next_field(&h, r);
	for (int i = SIGNUP_NAME; i <= SIGNUP_PASSWORD; i++) {
		struct field f = signup_fields[i];
		f.value = req_form(r, f.name);
		widget_field(&h, &f, errs);
	}
	widget_checkbox(&h, signup_fields[SIGNUP_TERMS].name, "yes", signup_fields[SIGNUP_TERMS].label,
			req_form(r, signup_fields[SIGNUP_TERMS].name) != NULL, errs);
	HTML(&h, "<p class=\"hint\"><a href=\"/privacy\">");
	html_msg(&h, MSG_PRIVACY_READ);
	HTML(&h, "</a></p>");
	widget_checkbox(&h, "updates", "yes", MSG_CONSENT_UPDATES, req_form(r, "updates") != NULL, errs);
	widget_form_end(&h, MSG_SIGNUP_SUBMIT);
	HTML(&h, "<p>");
	html_msg(&h, MSG_SIGNUP_HAVE_ACCOUNT);
	HTML(&h, " <a href=\"/login");
	if (next_of(r)[1]) {
		HTML(&h, "?next=");
		html_urlpart(&h, next_of(r));
	}
	HTML(&h, "\">");
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

/* Sends a confirmation link for a new account; the link goes on to
 * where the reader was going. */
static enum model_rc send_verification(struct req *r, int64_t id, const char *email, const char *name,
				       const char *lang)
{
	char token[SECRET_TOKEN_LEN + 1];
	enum model_rc rc = token_issue(r->db, TOKEN_VERIFY, id, token);
	if (rc != MODEL_OK)
		return rc;
	struct buf link = BUF_INIT(8192);
	buf_puts(&link, mail_link(r, "/verify?token=", token));
	if (next_of(r)[1]) {
		buf_puts(&link, "&next=");
		form_encode(&link, next_of(r));
	}
	const char *args[] = { name, region_strdup(r->region, buf_str(&link)) };
	buf_free(&link);
	return mail_queue(r, id, email, lang, MSG_MAIL_VERIFY_SUBJECT, MSG_MAIL_VERIFY_BODY, args, 2);
}

/* A sign-up, written by web_tx (errs: a struct field_errors): a new
 * account with its consents and a confirmation mail, or, for an address
 * that has an account, a mail to its owner saying so. */
static enum model_rc signup_tx(struct req *r, void *arg)
{
	struct field_errors *errs = arg;
	const char *name = req_form(r, "name"), *email = req_form(r, "email");
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
					     r->lang->code, &id, errs);
	if (exists)
		password_verify(NULL, req_form(r, "password") ? req_form(r, "password") : "");
	if (req_form(r, "terms") == NULL && (rc == MODEL_OK || rc == MODEL_INVALID)) {
		field_error_add(errs, "terms", MSG_FORM_TERMS_REQUIRED);
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
	return rc;
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
	enum model_rc rc = web_tx(r, signup_tx, &errs);
	if (rc == MODEL_INVALID) {
		signup_form(r, &errs);
		return 400;
	}
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return req_redirect(r, "/signup?sent=1");
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
	next_field(&h, r);
	widget_form_end(&h, MSG_VERIFY_SUBMIT);
	layout_end(&h, r);
	return 200;
}

/* A mailed token being used: what it says (state) and whose it is. */
struct token_args {
	const char *token;
	enum token_state state;
	int64_t id;
	struct field_errors errs;
};

/* Uses up a confirmation token, written by web_tx: the address is
 * confirmed and its owner signed in. */
static enum model_rc verify_tx(struct req *r, void *arg)
{
	struct token_args *t = arg;
	enum model_rc rc = token_consume(r->db, TOKEN_VERIFY, t->token, &t->state, &t->id);
	if (rc == MODEL_OK && t->state == TOKEN_OK)
		rc = account_mark_verified(r->db, t->id);
	if (rc == MODEL_OK && t->state == TOKEN_OK)
		rc = web_sign_in(r, t->id);
	return rc;
}

/* POST /verify (token, next): 303 to next (a local path) or the
 * profile, signed in; 404 unknown token; 410 expired or already used. */
int web_verify(struct req *r)
{
	struct token_args t = { req_form(r, "token"), TOKEN_OK, 0, { .n = 0 } };
	enum model_rc rc = web_tx(r, verify_tx, &t);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if (t.state == TOKEN_UNKNOWN)
		return message_page(r, 404, MSG_TOKEN_UNKNOWN_TITLE, MSG_TOKEN_UNKNOWN);
	if (t.state != TOKEN_OK)
		return message_page(r, 410, t.state == TOKEN_EXPIRED ? MSG_TOKEN_EXPIRED_TITLE : MSG_TOKEN_USED_TITLE,
				    t.state == TOKEN_EXPIRED ? MSG_VERIFY_EXPIRED : MSG_VERIFY_USED);
	const char *next = next_of(r);
	return web_redirect_done(r, next[1] ? next : "/me", DONE_VERIFIED);
}

static void signin_form(struct req *r, const struct field_errors *errs)
{
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_SIGNIN_TITLE), NAV_NONE);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_SIGNIN_TITLE);
	HTML(&h, "</h1>\n");
	widget_errors(&h, errs, signin_fields, sizeof signin_fields / sizeof signin_fields[0]);
	widget_form_begin(&h, r, "/login");
	next_field(&h, r);
	for (size_t i = 0; i < sizeof signin_fields / sizeof signin_fields[0]; i++) {
		struct field f = signin_fields[i];
		f.value = req_form(r, f.name);
		widget_field(&h, &f, errs);
	}
	widget_form_end(&h, MSG_SIGNIN_SUBMIT);
	HTML(&h, "<ul class=\"links\"><li><a href=\"/password-reset\">");
	html_msg(&h, MSG_RESET_FORGOT);
	HTML(&h, "</a></li><li><a href=\"/signup");
	if (next_of(r)[1]) {
		HTML(&h, "?next=");
		html_urlpart(&h, next_of(r));
	}
	HTML(&h, "\">");
	html_msg(&h, MSG_SIGNUP_TITLE);
	HTML(&h, "</a></li></ul>\n");
	layout_end(&h, r);
}

/* GET /login: 200 the form. */
int web_signin_form(struct req *r)
{
	signin_form(r, NULL);
	return 200;
}

/* Signs in account a (its password was right), written by web_tx; an
 * address not yet confirmed gets a new confirmation link instead. */
static enum model_rc signin_tx(struct req *r, void *arg)
{
	const struct account *a = arg;
	if (a->verified_at == 0)
		return send_verification(r, a->id, a->email, a->name, a->lang);
	/* A session of whoever was signed in here before ends. */
	enum model_rc rc = r->session_token ? session_end(r->db, r->session_token) : MODEL_OK;
	return rc == MODEL_OK ? web_sign_in(r, a->id) : rc;
}

/* The nonce of this browser's device cookie when it was made for the
 * address (signed in here before), else NULL. */
static const char *device_nonce(struct req *r, const char *address)
{
	const char *c = req_cookie(r, DEVICE_COOKIE);
	if (c == NULL || strlen(c) != 2 * SECRET_TOKEN_LEN + 1 || c[SECRET_TOKEN_LEN] != '.')
		return NULL;
	const char *nonce = region_strndup(r->region, c, SECRET_TOKEN_LEN);
	const char *msg = region_printf(r->region, "%s\n%s", address, nonce);
	return secret_token_valid(nonce) && secret_site_signed("device", msg, c + SECRET_TOKEN_LEN + 1) ? nonce : NULL;
}

/* After a successful sign-in: a new device cookie for the address. */
static void device_remember(struct req *r, const char *address)
{
	char nonce[SECRET_TOKEN_LEN + 1], sig[SECRET_TOKEN_LEN + 1];
	secret_token(nonce);
	secret_site_sign("device", region_printf(r->region, "%s\n%s", address, nonce), sig);
	req_set_cookie(r, DEVICE_COOKIE, region_printf(r->region, "%s.%s", nonce, sig), DEVICE_COOKIE_AGE,
		       site.secure);
}

/* Counts the attempt: against the browser's own allowance when it has
 * signed in to this address before, else against the client address's
 * and the account's allowance for unknown browsers. 0, or 429. */
static int signin_limit(struct req *r, const char *address)
{
	const char *nonce = device_nonce(r, address);
	int status = nonce ? web_rate_limit(r, "signin-device", nonce, SIGNIN_PER_DEVICE, WINDOW_SIGNIN)
			   : web_rate_limit(r, "signin", r->client, SIGNIN_PER_CLIENT, WINDOW_SIGNIN);
	if (status == 0 && nonce == NULL)
		status = web_rate_limit(r, "signin-account", address, SIGNIN_PER_ACCOUNT, WINDOW_SIGNIN);
	if (status == 429)
		r->error = nonce ? MSG_ERROR_TOO_MANY_REQUESTS : MSG_SIGNIN_LIMITED;
	return status;
}

/* POST /login: 303 to next (a local path) or the profile; 400 wrong
 * address or password (one message for both); 403 address not yet
 * confirmed (a new link is sent); 429 too many attempts. */
int web_signin(struct req *r)
{
	const char *email = req_form(r, "email");
	const char *address = account_normalise_email(r->region, email);
	int status = signin_limit(r, address ? address : email ? email : "");
	if (status)
		return status;
	struct account a;
	enum model_rc rc = account_authenticate(r->db, r->region, email, req_form(r, "password"), &a);
	if (rc == MODEL_NOT_FOUND) {
		struct field_errors errs = { .n = 0 };
		field_error_add(&errs, "email", MSG_SIGNIN_WRONG);
		signin_form(r, &errs);
		return 400;
	}
	if (rc == MODEL_OK)
		rc = web_tx(r, signin_tx, &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if (a.verified_at == 0)
		return message_page(r, 403, MSG_SIGNIN_UNVERIFIED_TITLE, MSG_SIGNIN_UNVERIFIED);
	device_remember(r, address);
	const char *next = next_of(r);
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

/* Sets the new password for a reset token, written by web_tx: the
 * token is used up, the address confirmed (whoever knows the password
 * can read the mail), the owner signed in. MODEL_NOT_FOUND, nothing
 * written, when the token is not usable (t->state says why). */
static enum model_rc reset_tx(struct req *r, void *arg)
{
	struct token_args *t = arg;
	enum model_rc rc = token_peek(r->db, TOKEN_RESET, t->token, &t->state, &t->id);
	/* The new password is checked before the token is used up, so a
	 * too-short password can be corrected with the same link. */
	if (rc == MODEL_OK && t->state == TOKEN_OK)
		rc = account_set_password(r->db, t->id, req_form(r, "password"), &t->errs);
	if (rc == MODEL_OK && t->state == TOKEN_OK)
		rc = token_consume(r->db, TOKEN_RESET, t->token, &t->state, &t->id);
	if (rc == MODEL_OK && t->state == TOKEN_OK)
		rc = account_mark_verified(r->db, t->id);
	if (rc == MODEL_OK && t->state == TOKEN_OK)
		rc = web_sign_in(r, t->id);
	return rc == MODEL_OK && t->state != TOKEN_OK ? MODEL_NOT_FOUND : rc;
}

static int reset_with_token(struct req *r, const char *token)
{
	struct token_args t = { token, TOKEN_OK, 0, { .n = 0 } };
	enum model_rc rc = web_tx(r, reset_tx, &t);
	if (rc == MODEL_INVALID) {
		reset_password_form(r, token, &t.errs);
		return 400;
	}
	if (rc == MODEL_NOT_FOUND && t.state != TOKEN_OK)
		return bad_token(r, t.state);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, "/me", DONE_PASSWORD_CHANGED);
}

/* A request for a reset link: the address asked for, and the rate
 * limit's answer (0 within the limit). */
struct reset_request {
	const char *email;
	int status;
};

/* Counts the request for the address and, within the limit and when it
 * has an account, mails it a reset link; written by web_tx in one
 * transaction with one commit whether or not the address has an
 * account, so the answer takes about as long either way. */
static enum model_rc reset_request_tx(struct req *r, void *arg)
{
	struct reset_request *q = arg;
	q->status = web_rate_limit(r, "reset-account", q->email, RESET_PER_ACCOUNT, WINDOW_HOUR);
	if (q->status)
		return MODEL_OK;
	struct account a;
	enum model_rc rc = account_by_email(r->db, r->region, q->email, &a);
	if (rc == MODEL_OK) {
		char t[SECRET_TOKEN_LEN + 1];
		rc = token_issue(r->db, TOKEN_RESET, a.id, t);
		if (rc == MODEL_OK) {
			const char *args[] = { a.name, mail_link(r, "/password-reset?token=", t) };
			rc = mail_queue(r, a.id, a.email, a.lang, MSG_MAIL_RESET_SUBJECT, MSG_MAIL_RESET_BODY,
					args, 2);
		}
	}
	return rc == MODEL_NOT_FOUND ? MODEL_OK : rc;
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
	struct reset_request q = { normal, 0 };
	enum model_rc rc = web_tx(r, reset_request_tx, &q);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if (q.status)
		return q.status;
	return req_redirect(r, "/password-reset?sent=1");
}
