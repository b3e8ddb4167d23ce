/*
 * calendar.h: the secret address of a person's own calendar feed.
 * Calendar programs send no cookies, so the token in the feed's URL is the
 * credential: one per account, a new one retires the old, and only its
 * hash is stored (core/secret.h). Owns table calendar_token.
 */
#ifndef SAMSKAB_MODEL_CALENDAR_H
#define SAMSKAB_MODEL_CALENDAR_H

#include "core/secret.h"
#include "model/model.h"

/* Makes the account's token, replacing any earlier one; out gets the
 * value to put in the address (shown once, never stored). */
MODEL_MUST_USE enum model_rc calendar_token_issue(struct store *db, int64_t account_id,
				   char out[SECRET_TOKEN_LEN + 1]);
/* The account a token belongs to; MODEL_NOT_FOUND for an unknown,
 * retired or malformed token. */
MODEL_MUST_USE enum model_rc calendar_token_account(struct store *db, const char *token, int64_t *account_id);
/* When the account's current token was made; MODEL_NOT_FOUND if none. */
MODEL_MUST_USE enum model_rc calendar_token_created(struct store *db, int64_t account_id, int64_t *created_at);

#endif
