/*
 * programme.h: guide programmes (vejviserordninger): a name, a
 * description, the coordinators' matching weights, and the revision of
 * the round being prepared. Every change to that round (a run, a locked
 * or ruled-out pair, sending the proposals) names the revision it was
 * made on and bumps it in the same transaction (programme_bump), so when
 * two coordinators act on the same round at once one wins and the other
 * gets MODEL_CONFLICT: nothing is half-saved and nobody's work is
 * overwritten unseen. Owns table programme.
 */
#ifndef SAMSKAB_MODEL_PROGRAMME_H
#define SAMSKAB_MODEL_PROGRAMME_H

#include "model/model.h"

struct programme {
	int64_t id;
	const char *name, *description, *lang;
	int32_t weight_interest, weight_near, weight_wait;
	int64_t revision;
	int64_t run_at, run_by, run_us; /* the last matching run; 0 if none */
	int64_t created_at, updated_at;
};

MODEL_MUST_USE enum model_rc programme_list(struct store *db, struct region *a, struct programme **items,
			     size_t *n);
MODEL_MUST_USE enum model_rc programme_get(struct store *db, struct region *a, int64_t id,
			    struct programme *out);
/* Name 1..TEXT_NAME_MAX characters and unique (MODEL_CONFLICT with
 * MSG_FORM_NAME_TAKEN on "name"); description up to TEXT_BODY_MAX. */
MODEL_MUST_USE enum model_rc programme_create(struct store *db, const struct programme *in, int64_t *id,
			       struct field_errors *errs);
/* Name, description and weights (each 0 .. MATCH_WEIGHT_MAX). Bumps the
 * revision: the weights change the next run. */
MODEL_MUST_USE enum model_rc programme_update(struct store *db, int64_t id, const struct programme *in,
			       int64_t revision, struct field_errors *errs);
/* Checks that the round is still at revision and moves it to the next;
 * MODEL_CONFLICT when someone changed it meanwhile, MODEL_NOT_FOUND. Call
 * first in the transaction that changes the round: on SQLite the write
 * takes the lock at once, on PostgreSQL the row lock orders the writers. */
MODEL_MUST_USE enum model_rc programme_bump(struct store *db, int64_t id, int64_t revision);
/* Records the last run (who, when, how long). */
MODEL_MUST_USE enum model_rc programme_ran(struct store *db, int64_t id, int64_t actor_id, int64_t us);

#endif
