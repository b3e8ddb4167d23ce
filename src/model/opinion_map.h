/*
 * opinion_map.h: an arena dialogue's opinion map: computed from the
 * current votes by src/opinion (warm-started from the previous update
 * while the process runs), stored as JSON with the time it was computed,
 * and the statements' comment priorities written back for choosing what
 * to show next. The JSON is `samskab opinion --json`'s (opinion_map_json),
 * plus "votes" and "groupVotes" tallies per statement. Owns table
 * opinion_map.
 */
#ifndef SAMSKAB_MODEL_OPINION_MAP_H
#define SAMSKAB_MODEL_OPINION_MAP_H

#include <jansson.h>

#include "model/model.h"
#include "opinion/opinion.h"

/* Agree, disagree and all votes ("A", "D", "S") on a statement. */
struct opinion_map_tally {
	int64_t agree, disagree, seen;
};

/* One participant on the map. */
struct opinion_map_part {
	int64_t id;   /* samskab's participant id */
	int group;    /* 0 .. k - 1, or -1: in no group */
	int placed;   /* x and y are numbers (else the participant has no place) */
	double x, y;
};

/* A statement of a group's representative list, or of a consensus list. */
struct opinion_map_pick {
	int64_t statement;
	int agree;    /* representative for agreeing (1) or disagreeing (0) */
	int64_t n_success, n_trials; /* 0 <= n_success <= n_trials */
};

/* The tallies of one statement: everyone's, and each group's (k). */
struct opinion_map_votes {
	int64_t statement;
	struct opinion_map_tally all;
	struct opinion_map_tally group[OPINION_MAX_K];
};

/*
 * A stored map, read and checked once: every group index within 0 .. k
 * - 1, k within OPINION_MAX_K, a representative list and a tally per
 * group, counts that are not negative and add up (agree + disagree <=
 * seen, successes <= trials). Pages, the API and the export use it
 * without checking again. Its arrays come from the region it was parsed
 * into; json is the document as stored (owned: opinion_map_free), for
 * who serves it as it is.
 */
struct opinion_map {
	int64_t arena_id, computed_at;
	int ready;                    /* status "ready": there are groups to show */
	int k;                        /* groups */
	struct opinion_map_part *parts;
	size_t nparts;
	uint32_t size[OPINION_MAX_K]; /* participants in each group */
	size_t loose;                 /* placed participants in no group */
	struct opinion_map_pick *rep[OPINION_MAX_K]; /* each group's representative statements */
	size_t nrep[OPINION_MAX_K];
	struct opinion_map_pick *consensus[2]; /* what unites: [1] agreeing, [0] disagreeing */
	size_t nconsensus[2];
	struct opinion_map_votes *votes; /* by statement id */
	size_t nvotes;
	json_t *json;
};

/* The JSON of a result, with participant and statement ids for indices:
 * status, k, participants [{id, group, x, y}], consensus {agree,
 * disagree}, repness [per group], groupInformedConsensus {id: value},
 * votes {id: {A, D, S}}, groupVotes {id: [{A, D, S} per group]}. */
json_t *opinion_map_json(const struct opinion_result *res, const int64_t *participant_ids,
			 const int64_t *statement_ids);

/* What one arena's updates carry from one to the next: the warm state and
 * the index of every participant and statement seen (new ones are added
 * at the end, so indices stay put). */
struct opinion_tracker;
struct opinion_tracker *opinion_tracker_new(int64_t arena_id);
void opinion_tracker_free(struct opinion_tracker *t);
int64_t opinion_tracker_arena(const struct opinion_tracker *t);

/* Recomputes the arena's map from its current votes (warm start from t)
 * and stores it with the priorities, in one transaction. */
MODEL_MUST_USE enum model_rc opinion_map_refresh(struct store *db, struct opinion_tracker *t);
/* The arena's stored map, parsed (opinion_map_parse); MODEL_NOT_FOUND
 * before there is one; MODEL_ERROR, logged with what is wrong, when the
 * stored text is not a map samskab made. The caller frees it with
 * opinion_map_free. */
MODEL_MUST_USE enum model_rc opinion_map_load(struct store *db, struct region *a, int64_t arena_id,
					      struct opinion_map *out);
/* Parses a map's JSON text into m (arrays from a): MODEL_OK, or
 * MODEL_INVALID with what is wrong in err (not JSON, a group or a count
 * out of bounds, a list of the wrong length); m is then empty. */
MODEL_MUST_USE enum model_rc opinion_map_parse(const char *text, struct region *a, struct opinion_map *m,
					       char *err, size_t errlen);
void opinion_map_free(struct opinion_map *m);
/* The tallies of a statement, or NULL when the map has none. */
const struct opinion_map_votes *opinion_map_votes_of(const struct opinion_map *m, int64_t statement);
/* Arenas whose newest vote is newer than their map and whose map is at
 * least debounce_ms old (or missing). */
MODEL_MUST_USE enum model_rc opinion_map_stale(struct store *db, struct region *a, int64_t now_ms,
				int64_t debounce_ms, int64_t **arena_ids, size_t *n);

#endif
