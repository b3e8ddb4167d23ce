/*
 * consent.h: what a person agreed to, which wording, and when; and its
 * withdrawal, which is as easy as giving it. Owns table consent.
 */
#ifndef SAMSKAB_MODEL_CONSENT_H
#define SAMSKAB_MODEL_CONSENT_H

#include "model/model.h"

/* The purposes consent is asked for, with the version of their wording.
 * Changing a wording means a new version here and in the catalogues. */
enum consent_purpose { CONSENT_TERMS, CONSENT_UPDATES, CONSENT__MAX };

struct consent {
	int64_t id;
	enum consent_purpose purpose;
	const char *text_version;
	int64_t given_at, withdrawn_at; /* withdrawn_at 0 while in force */
};

const char *consent_code(enum consent_purpose p);
int consent_parse(const char *code);
const char *consent_version(enum consent_purpose p);
enum msg consent_msg(enum consent_purpose p);

MODEL_MUST_USE enum model_rc consent_give(struct store *db, int64_t account_id, enum consent_purpose p);
/* Withdraws the consent in force; MODEL_NOT_FOUND if none is. */
MODEL_MUST_USE enum model_rc consent_withdraw(struct store *db, int64_t account_id, enum consent_purpose p);
/* Every record, newest first. */
MODEL_MUST_USE enum model_rc consent_list(struct store *db, struct region *a, int64_t account_id,
			   struct consent **items, size_t *n);
/* Whether consent for p is in force. */
MODEL_MUST_USE enum model_rc consent_active(struct store *db, int64_t account_id, enum consent_purpose p, int *yes);

#endif
