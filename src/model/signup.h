/*
 * signup.h: people signing up for activities, with what they need
 * (an interpreter, step-free access, childcare), a waiting list that
 * moves up by itself when places free, and cancelling. The number of
 * places taken lives in activity.confirmed and changes only here, by one
 * conditional UPDATE, so two people can never take the last place at
 * once on either database. Owns table signup.
 */
#ifndef SAMSKAB_MODEL_SIGNUP_H
#define SAMSKAB_MODEL_SIGNUP_H

#include "model/model.h"

enum signup_status { SIGNUP_CONFIRMED, SIGNUP_WAITING, SIGNUP_CANCELLED, SIGNUP__MAX };

struct signup {
	int64_t id, activity_id, account_id;
	const char *name, *email, *lang; /* the person's */
	enum signup_status status;
	const char *interpreter;         /* language code, or "" */
	int step_free, childcare;
	const char *other_needs;
	int64_t queued_at;
	/* for a person's own list: */
	const char *activity_title;
	int64_t arena_id, starts_at, ends_at;
};

/* Someone moved up from the waiting list, to be told by mail. */
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

/* Signs up: *status is SIGNUP_CONFIRMED or SIGNUP_WAITING. MODEL_CONFLICT
 * if already signed up (not cancelled); MODEL_INVALID with an error on
 * "activity" if it has started, ended or is cancelled, and on
 * "interpreter"/"other_needs" for bad needs. Runs in the caller's
 * transaction. */
MODEL_MUST_USE enum model_rc signup_create(struct store *db, int64_t activity_id, int64_t account_id,
			    const struct signup_needs *needs, enum signup_status *status,
			    struct field_errors *errs);
/* Cancels one's sign-up; a freed place goes to the waiting list, and
 * those promoted are returned (region memory). MODEL_NOT_FOUND if there
 * is no active sign-up. */
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
/* The person's sign-up for an activity; MODEL_NOT_FOUND if none. */
MODEL_MUST_USE enum model_rc signup_get(struct store *db, struct region *a, int64_t activity_id, int64_t account_id,
			 struct signup *out);
/* Everyone signed up or waiting (not cancelled), confirmed first, in
 * order, with their needs (which may reveal health): for the
 * facilitators. The read is written to the audit log with the actor and
 * client (subject "activity N"). */
MODEL_MUST_USE enum model_rc signup_list(struct store *db, struct region *a, int64_t activity_id,
					 int64_t actor_id, const char *client, struct signup **items,
					 size_t *n);
/* A person's active sign-ups with their activities, in time order. */
MODEL_MUST_USE enum model_rc signup_of_account(struct store *db, struct region *a, int64_t account_id,
				struct signup **items, size_t *n);

#endif
