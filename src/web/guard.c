/*
 * guard.c: sessions, CSRF and permissions before every handler (see
 * guard.h).
 */
#include "web/guard.h"

#include <string.h>

#include "core/secret.h"
#include "model/participant.h"
#include "model/ratelimit.h"
#include "model/session.h"
#include "web/site.h"

#define CSRF_COOKIE_AGE (12 * 3600)

static int unsafe_method(enum http_method m)
{
	return m != HTTP_GET && m != HTTP_HEAD && m != HTTP_OPTIONS;
}

/* Fills the user fields from the session cookie, if it names a live
 * session; a dead one is cleared from the browser. */
static int load_session(struct req *r)
{
	const char *token = req_cookie(r, COOKIE_SESSION);
	if (token == NULL)
		return 0;
	struct session s;
	/* The primary: a lookup may refresh the session's last-seen time. */
	enum model_rc rc = session_lookup(r->primary, r->region, token, &s);
	if (rc == MODEL_NOT_FOUND) {
		req_set_cookie(r, COOKIE_SESSION, "", 0, site.secure);
		return 0;
	}
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	unsigned bits;
	rc = role_global_bits(r->db, s.account_id, &bits);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	r->user_id = s.account_id;
	r->user_name = s.name;
	r->user_roles = bits;
	r->user_verified = s.verified_at != 0;
	r->session_token = region_strdup(r->region, token);
	r->csrf = region_strdup(r->region, s.csrf);
	return 0;
}

/*
 * Before signing in, the CSRF token lives in a cookie: "TOKEN.SIGNATURE",
 * signed with the installation's key (a signed double-submit cookie).
 * A form must repeat the token, and the cookie must carry the server's
 * signature of it: a client (or whoever can set cookies for the site)
 * cannot choose a token of its own and have it accepted.
 */
#define CSRF_SIGNED_LEN (2 * SECRET_TOKEN_LEN + 1)

/* The token of the CSRF cookie, or NULL when it is absent or not signed
 * by this installation. */
static const char *csrf_cookie(struct req *r)
{
	const char *c = req_cookie(r, COOKIE_CSRF);
	if (c == NULL || strlen(c) != CSRF_SIGNED_LEN || c[SECRET_TOKEN_LEN] != '.')
		return NULL;
	char *token = region_strndup(r->region, c, SECRET_TOKEN_LEN);
	if (!secret_token_valid(token) || !secret_site_signed("csrf", token, c + SECRET_TOKEN_LEN + 1))
		return NULL;
	return token;
}

/* The client's CSRF token: the session's, else the signed cookie's, else
 * a new one set as the cookie. */
static const char *csrf_token(struct req *r)
{
	if (r->csrf)
		return r->csrf;
	const char *c = csrf_cookie(r);
	if (c) {
		r->csrf = c;
		return c;
	}
	char *fresh = region_alloc(r->region, CSRF_SIGNED_LEN + 1);
	secret_token(fresh);
	fresh[SECRET_TOKEN_LEN] = '.';
	secret_site_sign("csrf", region_strndup(r->region, fresh, SECRET_TOKEN_LEN), fresh + SECRET_TOKEN_LEN + 1);
	req_set_cookie(r, COOKIE_CSRF, fresh, CSRF_COOKIE_AGE, site.secure);
	r->csrf = region_strndup(r->region, fresh, SECRET_TOKEN_LEN);
	return r->csrf;
}

const char *web_csrf(struct req *r)
{
	char *masked = region_alloc(r->region, SECRET_MASKED_LEN + 1);
	secret_mask(csrf_token(r), masked);
	return masked;
}

int web_can(struct req *r, enum perm p, int64_t scope_id)
{
	int allowed = 0;
	if (r->db == NULL)
		return p == PERM_ANYONE;
	if (role_permits(r->db, r->user_id, r->user_roles, p, scope_id, &allowed) != MODEL_OK)
		return 0;
	return allowed;
}

int web_guard(struct req *r)
{
	/* Without the primary (it is away and a replica serves the read),
	 * the request is answered as to a visitor who is not signed in. */
	if (r->primary) {
		int status = load_session(r);
		if (status)
			return status;
	}
	if (unsafe_method(r->method) && !(r->route->flags & ROUTE_ONE_CLICK)) {
		/* The token must come with the form and match the session's (or,
		 * before signing in, the cookie's), compared in constant time. */
		const char *sent = req_form(r, "csrf");
		const char *expected = r->csrf ? r->csrf : csrf_cookie(r);
		/* Pages carry it masked (web_csrf); a client may also send the
		 * token itself. */
		char unmasked[SECRET_TOKEN_LEN + 1];
		if (sent && strlen(sent) == SECRET_MASKED_LEN && secret_unmask(sent, unmasked) == 0)
			sent = unmasked;
		if (sent == NULL || expected == NULL || !secret_equal(sent, expected))
			return req_fail(r, 403, MSG_ERROR_CSRF);
	}
	int sp = r->route->scope_param;
	int64_t scope = sp < r->nparams ? r->params[sp] : 0;
	if (web_can(r, (enum perm)r->route->perm, scope))
		return 0;
	if (r->user_id == 0) {
		if (r->method == HTTP_GET || r->method == HTTP_HEAD) {
			struct buf next = BUF_INIT(4096);
			buf_puts(&next, "/login?next=");
			form_encode(&next, r->target);
			int status = req_redirect(r, buf_str(&next));
			buf_free(&next);
			return status;
		}
		return req_fail(r, 403, MSG_ERROR_SIGN_IN_FIRST);
	}
	return req_fail(r, 403, MSG_ERROR_FORBIDDEN);
}

enum model_rc web_sign_in(struct req *r, int64_t account_id)
{
	char token[SECRET_TOKEN_LEN + 1];
	enum model_rc rc = session_create(r->db, account_id, r->client, req_header(r, "User-Agent"), token);
	if (rc == MODEL_OK)
		rc = participant_attach(r->db, req_cookie(r, COOKIE_PARTICIPANT), account_id);
	if (rc != MODEL_OK)
		return rc;
	req_set_cookie(r, COOKIE_SESSION, token, SESSION_MAX, site.secure);
	r->user_id = account_id;
	r->session_token = region_strdup(r->region, token);
	return MODEL_OK;
}

int web_rate_limit(struct req *r, const char *what, const char *who, int64_t limit, int64_t window)
{
	/* The key holds a hash, not the address or e-mail itself. */
	char hash[SECRET_HASH_LEN + 1];
	secret_hash(who, hash);
	const char *key = region_printf(r->region, "%s:%.32s", what, hash);
	int allowed;
	enum model_rc rc = rate_limit_hit(r->db, key, limit * site.rate_factor, window, &allowed);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if (allowed)
		return 0;
	req_set_header(r, "Retry-After", region_printf(r->region, "%lld", (long long)window));
	return req_fail(r, 429, MSG_ERROR_TOO_MANY_REQUESTS);
}
