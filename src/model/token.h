/*
 * token.h: single-use, expiring tokens sent by e-mail: confirming an
 * address (TOKEN_VERIFY, valid 7 days) and resetting a password
 * (TOKEN_RESET, valid 1 hour). Only hashes are stored. Owns table token.
 */
#ifndef SAMSKAB_MODEL_TOKEN_H
#define SAMSKAB_MODEL_TOKEN_H

#include "core/secret.h"
#include "model/model.h"

enum token_kind { TOKEN_VERIFY, TOKEN_RESET };

enum token_state {
	TOKEN_OK,      /* valid: now used up */
	TOKEN_UNKNOWN, /* no such token (or malformed) */
	TOKEN_EXPIRED,
	TOKEN_USED,    /* used before */
};

/* Issues a token; out gets the value to put in the link. Issuing a reset
 * token retires the account's earlier unused ones of the same kind. */
MODEL_MUST_USE enum model_rc token_issue(struct store *db, enum token_kind kind, int64_t account_id,
			  char out[SECRET_TOKEN_LEN + 1]);
/* Checks a token without using it (to show a form); *state and
 * *account_id are set. */
MODEL_MUST_USE enum model_rc token_peek(struct store *db, enum token_kind kind, const char *token,
			 enum token_state *state, int64_t *account_id);
/* Uses a token: only one caller can ever get TOKEN_OK for it. */
MODEL_MUST_USE enum model_rc token_consume(struct store *db, enum token_kind kind, const char *token,
			    enum token_state *state, int64_t *account_id);
/* Removes tokens expired for more than a day. */
MODEL_MUST_USE enum model_rc token_purge(struct store *db, int64_t now);

#endif
