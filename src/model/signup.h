/*
 * signup.h: people signing up for activities, with what they need
 * (an interpreter, step-free access, childcare), a waiting list that
 * moves up by itself when places free, and cancelling. Three ways in:
 * with an account; as a guest with a name and an e-mail address,
 * confirmed by a link that also cancels (pending until then, holding no
 * place: the link proves the address); and by staff, for someone who
 * phoned (no link needed, or one mailed when an address is given).
 * The number of places taken lives in activity.confirmed and changes
 * only here, by one conditional UPDATE, so two people can never take the
 * last place at once on either database. Owns table signup.
 */
#ifndef SAMSKAB_MODEL_SIGNUP_H
#define SAMSKAB_MODEL_SIGNUP_H

#include "core/secret.h"
#include "model/audit.h"
#include "model/model.h"

enum signup_status { SIGNUP_CONFIRMED, SIGNUP_WAITING, SIGNUP_CANCELLED, SIGNUP_PENDING, SIGNUP__MAX };

#define SIGNUP_PHONE_MAX 30 /* characters */

struct signup {
	int64_t id, activity_id;
	int64_t account_id;              /* 0: a guest's, or taken by staff */
	const char *name, *email, *lang; /* the account's, or as given ("" email: none) */
	const char *phone;               /* as given to staff, or "" */
	int64_t added_by;                /* the staff member who took it, or 0 */
	enum signup_status status;
	const char *interpreter;         /* language code, or "" */
	int step_free, childcare;
	const char *other_needs;
	int64_t queued_at;
	/* its activity: */
	const char *activity_title;
	int64_t arena_id, starts_at, ends_at;
};

/* Someone moved up from the waiting list, to be told by mail (email ""
 * for one who gave only a phone number: staff call them). */
struct signup_promoted {
	int64_t account_id;
	const char *name, *email, *lang;
};

struct signup_needs {
	const char *interpreter;
	int step_free, childcare;
	const char *other;
};

const char *signup_status_code(enum signup_status s);

/* Signs an account up: *status is SIGNUP_CONFIRMED or SIGNUP_WAITING.
 * MODEL_CONFLICT if already signed up (not cancelled); MODEL_INVALID
 * with an error on "activity" if it has started, ended or is cancelled,
 * and on "interpreter"/"other_needs" for bad needs. Runs in the caller's
 * transaction. */
MODEL_MUST_USE enum model_rc signup_create(struct store *db, int64_t activity_id, int64_t account_id,
			    const struct signup_needs *needs, enum signup_status *status,
			    struct field_errors *errs);
/* A guest's request (name, e-mail, needs): a pending sign-up and a new
 * link token (to mail; only its hash is kept). Asked again for the same
 * address: the same sign-up, renewed (a cancelled or pending one anew,
 * a confirmed or waiting one keeps its place), with a new token. *status
 * is the sign-up's state after. Errors on "name", "email", the needs,
 * and "activity" as signup_create. */
MODEL_MUST_USE enum model_rc signup_guest_request(struct store *db, struct region *a, int64_t activity_id,
				   const char *name, const char *email, const char *lang,
				   const struct signup_needs *needs, char token[SECRET_TOKEN_LEN + 1],
				   enum signup_status *status, struct field_errors *errs);
/* A sign-up staff took (by phone): confirmed or on the waiting list at
 * once. A name, and a phone number or an e-mail address ("phone" error
 * when neither); with an address, token gets a link to mail (else "").
 * Errors as signup_guest_request, "phone" for a malformed number. */
MODEL_MUST_USE enum model_rc signup_add_for(struct store *db, struct region *a, int64_t activity_id,
			     const char *name, const char *email, const char *phone, const char *lang,
			     const struct signup_needs *needs, int64_t added_by, char token[SECRET_TOKEN_LEN + 1],
			     enum signup_status *status, struct field_errors *errs);
/* The sign-up a guest's link names; MODEL_NOT_FOUND if none. */
MODEL_MUST_USE enum model_rc signup_by_token(struct store *db, struct region *a, const char *token, struct signup *out);
/* A pending sign-up confirmed (by its link): a place, or the waiting
 * list; one already confirmed or waiting is left as it is. *status as
 * after. MODEL_INVALID with an error on "activity" when it has started
 * or is cancelled; MODEL_NOT_FOUND when it was cancelled. */
MODEL_MUST_USE enum model_rc signup_confirm(struct store *db, int64_t signup_id, enum signup_status *status,
			     struct field_errors *errs);
/* Cancels one sign-up by id (a guest by their link, staff for someone):
 * a freed place goes to the waiting list, whose promoted people are
 * returned (region memory). MODEL_NOT_FOUND if it is not active. */
MODEL_MUST_USE enum model_rc signup_cancel_id(struct store *db, struct region *a, int64_t signup_id,
			       struct signup_promoted **promoted, size_t *npromoted);
/* Cancels an account's sign-up for an activity, as signup_cancel_id. */
MODEL_MUST_USE enum model_rc signup_cancel(struct store *db, struct region *a, int64_t activity_id,
			    int64_t account_id, struct signup_promoted **promoted, size_t *npromoted);
/* Someone who moved up on an activity's waiting list. */
struct signup_moved {
	int64_t activity_id;
	struct signup_promoted person;
};

/* Cancels all of an account's sign-ups (account deletion): every place
 * freed goes to its waiting list; those promoted are returned. */
MODEL_MUST_USE enum model_rc signup_cancel_all(struct store *db, struct region *a, int64_t account_id,
				struct signup_moved **moved, size_t *nmoved);
/* Fills free places from the waiting list, oldest first (after a
 * capacity rise); returns those promoted. */
MODEL_MUST_USE enum model_rc signup_promote(struct store *db, struct region *a, int64_t activity_id,
			     struct signup_promoted **promoted, size_t *npromoted);
/* The account's sign-up for an activity; MODEL_NOT_FOUND if none. */
MODEL_MUST_USE enum model_rc signup_get(struct store *db, struct region *a, int64_t activity_id, int64_t account_id,
			 struct signup *out);
/* One sign-up by id. */
MODEL_MUST_USE enum model_rc signup_get_id(struct store *db, struct region *a, int64_t signup_id, struct signup *out);
/* Everyone signed up or waiting (not pending or cancelled), confirmed
 * first, in order, with their needs (which may reveal health) and
 * contact: for the facilitators. The read is written to the audit log
 * as how (AUDIT_ATTENDEES_READ or _EXPORTED) with the actor and client
 * (in the same transaction: see web_logged). */
MODEL_MUST_USE enum model_rc signup_list(struct store *db, struct region *a, int64_t activity_id,
					 enum audit_kind how, int64_t actor_id, const char *client,
					 struct signup **items, size_t *n);
/* How many come and what they need, in numbers (no one named: not
 * logged). */
struct signup_tally {
	int confirmed, waiting, interpreters, step_free, childcare;
};
MODEL_MUST_USE enum model_rc signup_tally(struct store *db, int64_t activity_id, struct signup_tally *out);
/* An account's active sign-ups with their activities, in time order. */
MODEL_MUST_USE enum model_rc signup_of_account(struct store *db, struct region *a, int64_t account_id,
				struct signup **items, size_t *n);
/* Removes guests' requests never confirmed within a week of `now`. */
MODEL_MUST_USE enum model_rc signup_purge(struct store *db, int64_t now);

#endif
