/*
 * follow.h: who follows what: an arena, an activity, a local area, a
 * proposal. Following is how a person hears of what happens there
 * (model/notify.h). A person follows by choice (one click, and one to
 * stop) or by taking part: voting or writing in an arena's dialogue,
 * signing up for an activity, supporting a proposal. Someone who stopped
 * following stays stopped when they take part again. Owns table follow.
 */
#ifndef SAMSKAB_MODEL_FOLLOW_H
#define SAMSKAB_MODEL_FOLLOW_H

#include "model/model.h"

enum follow_kind { FOLLOW_ARENA, FOLLOW_ACTIVITY, FOLLOW_AREA, FOLLOW_PROPOSAL, FOLLOW__MAX };

struct follow {
	enum follow_kind kind;
	int64_t id;
	const char *title;      /* the arena's, activity's, area's or proposal's */
	int64_t arena_id;       /* of an activity or a proposal; 0 else */
	int by_taking_part;
	int64_t since;
};

const char *follow_kind_code(enum follow_kind k);
int follow_kind_parse(const char *code); /* -1 if unknown */
/* The path of what is followed on this site. */
const char *follow_link(struct region *a, enum follow_kind k, int64_t id, int64_t arena_id);

/* Follows (on 1) or stops following (on 0), by choice. */
MODEL_MUST_USE enum model_rc follow_set(struct store *db, int64_t account_id, enum follow_kind k, int64_t id, int on);
/* Follows because the person took part, unless they stopped following
 * it before. Runs in the caller's transaction. */
MODEL_MUST_USE enum model_rc follow_taking_part(struct store *db, int64_t account_id, enum follow_kind k, int64_t id);
/* *following is 1 if the person follows it now. */
MODEL_MUST_USE enum model_rc follow_get(struct store *db, int64_t account_id, enum follow_kind k, int64_t id,
			 int *following);
/* What a person follows, arenas first, each kind by title; things since
 * removed are left out. */
MODEL_MUST_USE enum model_rc follow_list(struct store *db, struct region *a, int64_t account_id, struct follow **items,
			  size_t *n);

#endif
