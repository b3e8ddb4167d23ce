/*
 * guard.h: what runs before every handler: who is asking (the session
 * cookie), the CSRF check on every state-changing request, and the one
 * permission check against the route's perm. Handlers never check these
 * themselves; to show or hide a control they ask web_can.
 */
#ifndef SAMSKAB_WEB_GUARD_H
#define SAMSKAB_WEB_GUARD_H

#include "http/request.h"
#include "model/role.h"

#define COOKIE_SESSION "sid"
#define COOKIE_CSRF "csrf"
#define COOKIE_PARTICIPANT "pid"

/* The http_config guard: 0 to go on, or 303 (to sign in), 403. */
int web_guard(struct req *r);
/* Whether the current user has p for scope_id (the same check). */
int web_can(struct req *r, enum perm p, int64_t scope_id);
/* The CSRF field for this client's forms: its token under a fresh mask
 * each call, so that no compressed page repeats it (BREACH); for a
 * visitor without a session, a cookie is set on first use. */
const char *web_csrf(struct req *r);
/* Counts an attempt at what (e.g. "signin") by who (an address, an
 * e-mail); 0 while within limit per window seconds (times the site's
 * rate factor), else 429 with a message and Retry-After. */
int web_rate_limit(struct req *r, const char *what, const char *who, int64_t limit, int64_t window);
/* Signs the account in (in the caller's transaction): a new session and
 * its cookie; the visitor's participation is attached to the account. */
MODEL_MUST_USE enum model_rc web_sign_in(struct req *r, int64_t account_id);

#endif
