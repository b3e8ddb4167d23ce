/*
 * account.h: people who sign in: e-mail, name, password (Argon2id hash),
 * preferred language, local area, e-mail verification, and deletion as
 * GDPR requires. Owns tables account and membership.
 */
#ifndef SAMSKAB_MODEL_ACCOUNT_H
#define SAMSKAB_MODEL_ACCOUNT_H

#include "model/model.h"

struct account {
	int64_t id;
	const char *email;
	const char *name;
	const char *lang;
	int64_t area_id;      /* 0 when none */
	const char *area_name;
	int64_t verified_at;  /* 0 until the address is confirmed */
	int64_t created_at;
	int64_t password_changed_at;
};

/* Lower-cases and trims an address (region copy); NULL if it is not a
 * plausible e-mail address. */
const char *account_normalise_email(struct region *a, const char *email);

/* Validates and creates an unverified account. MODEL_INVALID with field
 * errors ("email", "name", "password"); MODEL_CONFLICT when the address
 * has an account (no field error: callers must not reveal it). */
MODEL_MUST_USE enum model_rc account_create(struct store *db, struct region *a, const char *email, const char *name,
			     const char *password, const char *lang, int64_t *id,
			     struct field_errors *errs);
/* The same with a password already hashed (password_hash), for loading
 * many accounts that share one (the demo). */
MODEL_MUST_USE enum model_rc account_create_hashed(struct store *db, struct region *a, const char *email,
						   const char *name, const char *hash, const char *lang,
						   int64_t *id, struct field_errors *errs);
MODEL_MUST_USE enum model_rc account_get(struct store *db, struct region *a, int64_t id, struct account *out);
MODEL_MUST_USE enum model_rc account_by_email(struct store *db, struct region *a, const char *email,
			       struct account *out);
/* MODEL_OK with out filled when email and password match; MODEL_NOT_FOUND
 * otherwise, taking the same time whether or not the address exists. */
MODEL_MUST_USE enum model_rc account_authenticate(struct store *db, struct region *a, const char *email,
				   const char *password, struct account *out);
MODEL_MUST_USE enum model_rc account_mark_verified(struct store *db, int64_t id);
/* Sets a new password (validated; errors on "password") and ends every
 * session of the account. */
MODEL_MUST_USE enum model_rc account_set_password(struct store *db, int64_t id, const char *password,
				   struct field_errors *errs);
MODEL_MUST_USE enum model_rc account_update_profile(struct store *db, int64_t id, const char *name,
				     const char *lang, int64_t area_id, struct field_errors *errs);

/* Organisation memberships shown on the profile. */
MODEL_MUST_USE enum model_rc account_memberships(struct store *db, struct region *a, int64_t id, int64_t **org_ids,
				  const char ***names, size_t *n);
MODEL_MUST_USE enum model_rc account_set_memberships(struct store *db, int64_t id, const int64_t *org_ids,
				      size_t n);

enum account_delete_mode {
	ACCOUNT_DELETE_KEEP_TEXTS,   /* texts stay, shown as from a deleted user */
	ACCOUNT_DELETE_REMOVE_TEXTS, /* texts are removed */
};
/* Deletes the account and everything personal: sessions, tokens, roles,
 * (MODEL_CONFLICT, nothing deleted, for the platform's only
 * administrator),
 * consents, memberships, queued mail, sign-ups; the participant is
 * detached so its votes stay only as anonymous counts. Runs in the
 * caller's transaction. Places the account held go to the waiting
 * lists; to tell those who move up, cancel with signup_cancel_all first. */
MODEL_MUST_USE enum model_rc account_delete(struct store *db, int64_t id, enum account_delete_mode mode);

#endif
