/*
 * session.h: signed-in sessions. The browser holds a random 256-bit id in
 * an HttpOnly cookie; the database holds its hash, the account, a CSRF
 * token, and two expiries: idle (SESSION_IDLE since last seen) and
 * absolute (SESSION_MAX since sign-in). Owns table session.
 */
#ifndef SAMSKAB_MODEL_SESSION_H
#define SAMSKAB_MODEL_SESSION_H

#include "core/secret.h"
#include "model/model.h"

#define SESSION_IDLE (7 * 24 * 3600)  /* seconds without a request */
#define SESSION_MAX (30 * 24 * 3600)  /* seconds since sign-in */
#define SESSION_TOUCH 60              /* seen_at is refreshed at most this often */

struct session {
	int64_t account_id;
	char csrf[SECRET_TOKEN_LEN + 1];
	int64_t created_at, seen_at, expires_at;
	const char *client, *user_agent;
	const char *name, *email, *lang; /* the account's */
	int64_t verified_at;
	int current;                     /* in session_list: the caller's own */
};

/* Starts a session; token gets the cookie value. */
MODEL_MUST_USE enum model_rc session_create(struct store *db, int64_t account_id, const char *client,
			     const char *user_agent, char token[SECRET_TOKEN_LEN + 1]);
/* The live session for a cookie value, or MODEL_NOT_FOUND (unknown,
 * idle too long, or past its absolute expiry). */
MODEL_MUST_USE enum model_rc session_lookup(struct store *db, struct region *a, const char *token,
			     struct session *out);
MODEL_MUST_USE enum model_rc session_end(struct store *db, const char *token);
/* Ends every session of an account except the one with token (if any). */
MODEL_MUST_USE enum model_rc session_end_others(struct store *db, int64_t account_id, const char *token);
/* The account's live sessions, newest first. */
MODEL_MUST_USE enum model_rc session_list(struct store *db, struct region *a, int64_t account_id,
			   const char *current_token, struct session **items, size_t *n);
/* Removes expired sessions. */
MODEL_MUST_USE enum model_rc session_purge(struct store *db, int64_t now);

#endif
