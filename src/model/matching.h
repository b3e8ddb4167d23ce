/*
 * matching.h: a matching round of a programme, from the database to
 * src/match and back. The pool is every newcomer waiting without a live
 * pair and every active guide with their places left (capacity less the
 * pairs not ended); the round's locked drafts keep their places, its
 * ruled-out pairs are never proposed; distances come from the areas'
 * centres. No SQL here: the tables' own model files read and write.
 */
#ifndef SAMSKAB_MODEL_MATCHING_H
#define SAMSKAB_MODEL_MATCHING_H

#include "match/match.h"
#include "model/model.h"
#include "model/newcomer.h"

struct matching_result {
	int32_t newcomers, guides; /* in the pool */
	int32_t matched, locked;   /* drafts now, and of them locked */
	int64_t total;             /* their total score */
	int64_t us;                /* reading, solving and writing */
};

/* Runs the round: drops drafts that are not locked (and locks that no
 * longer fit: a newcomer or guide gone, a guide with fewer places),
 * solves, writes the drafts with their facts and why the others have no
 * guide, and records the run. Audited (the pool is read as "matching").
 * Call in a transaction, after programme_bump. */
MODEL_MUST_USE enum model_rc matching_run(struct store *db, struct region *a, int64_t programme_id, int64_t now,
			   const struct newcomer_actor *who, struct matching_result *out);

/* A guide for the "change the guide" choice: whether they may be paired
 * with the newcomer (rule MATCH_RULE__MAX if so, else the first rule they
 * fail; MATCH_RULE_FULL: no place left outside this newcomer's draft) and
 * the facts such a pair would have. */
struct matching_candidate {
	int64_t guide_id;
	const char *guide_name, *area_name;
	int32_t places_left;
	enum match_rule rule;
	struct match_facts facts;
};
/* Every active guide of the programme for newcomer (who must be waiting
 * without a live pair: else MODEL_CONFLICT), those who fit first, by
 * score. Audited (the newcomer is read). */
MODEL_MUST_USE enum model_rc matching_candidates(struct store *db, struct region *a, int64_t programme_id,
				  int64_t newcomer_id, int64_t now,
				  const struct newcomer_actor *who,
				  struct matching_candidate **items, size_t *n);

#endif
