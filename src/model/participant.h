/*
 * participant.h: people taking part in dialogues, signed in or not. A
 * visitor gets a random id in a cookie (only its hash is stored); on
 * sign-up or sign-in the participation is attached to the account, so
 * nothing done before is lost. Owns table participant.
 */
#ifndef SAMSKAB_MODEL_PARTICIPANT_H
#define SAMSKAB_MODEL_PARTICIPANT_H

#include "core/secret.h"
#include "model/model.h"

/* The participant for a cookie value (creating it when create is set and
 * there is none, with origin: the keyed hash of the network address it
 * came from, or NULL); *id 0 when none and not created. */
MODEL_MUST_USE enum model_rc participant_from_token(struct store *db, const char *token, int create,
						    const char *origin, int64_t *id);
/* The participant of an account, creating one when create is set;
 * *id 0 when there is none and none was created (reads must not write:
 * a GET runs in a read-only snapshot). */
MODEL_MUST_USE enum model_rc participant_of_account(struct store *db, int64_t account_id, int create, int64_t *id);
/* Attaches the cookie's participant to the account, unless the account
 * already has one (then the account's stays; the cookie's is kept apart). */
MODEL_MUST_USE enum model_rc participant_attach(struct store *db, const char *token, int64_t account_id);

/* The optional facts a participant gave for the map's break-downs: local
 * area (0 none) and sector (enum sector, -1 none). */
MODEL_MUST_USE enum model_rc participant_facts(struct store *db, int64_t id, int64_t *area_id, int *sector);
/* Sets them; MODEL_INVALID for an area that does not exist. */
MODEL_MUST_USE enum model_rc participant_set_facts(struct store *db, int64_t id, int64_t area_id, int sector);

/* A new participant with neither cookie nor account: a person of a
 * conversation imported from another platform (samskab polis-import). */
MODEL_MUST_USE enum model_rc participant_add_detached(struct store *db, int64_t *id);

#endif
