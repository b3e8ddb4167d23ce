/*
 * opinion_map.h: an arena dialogue's opinion map: computed from the
 * votes by src/opinion (warm-started from the previous update while the
 * process runs, reading only the vote history written since), stored as
 * JSON with the time it was computed, a version, and the statements'
 * comment priorities for choosing what to show next. The JSON is
 * `samskab opinion --json`'s (opinion_map_write), plus "votes" and
 * "groupVotes" tallies per statement. Owns table opinion_map.
 */
#ifndef SAMSKAB_MODEL_OPINION_MAP_H
#define SAMSKAB_MODEL_OPINION_MAP_H

#include <jansson.h>

#include "core/buf.h"
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
	int64_t version;              /* one more each time the map is stored */
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

/* The largest map text kept (a million participants take about 80 MB). */
#define OPINION_MAP_MAX ((size_t)256 << 20)

/* Appends the JSON of a result to b, with participant and statement ids
 * for indices: status, k, participants [{id, group, x, y}], consensus
 * {agree, disagree}, repness [per group], groupInformedConsensus {id:
 * value}, and if tallies, votes {id: {A, D, S}} and groupVotes {id: [{A,
 * D, S} per group]}. Reals with precision significant digits, written as
 * jansson writes them. Written directly, not through a tree of JSON
 * values (for 100,000 participants that took most of the time); the
 * participants on two threads when there are many. 0, or -1 when b
 * refused (its maximum). */
int opinion_map_write(struct buf *b, const struct opinion_result *res, const int64_t *participant_ids,
		      const int64_t *statement_ids, int precision, int tallies);

/* What one arena's updates carry from one to the next: the warm state and
 * the index of every participant and statement seen (new ones are added
 * at the end, so indices stay put). */
struct opinion_tracker;
struct opinion_tracker *opinion_tracker_new(int64_t arena_id);
void opinion_tracker_free(struct opinion_tracker *t);
int64_t opinion_tracker_arena(const struct opinion_tracker *t);
/* What the last refresh did: history rows read, and microseconds spent
 * reading, computing (of which the math's own steps are in the
 * result's step_us) and storing. */
struct opinion_refresh_stats {
	size_t rows;
	int64_t read_us, compute_us, store_us;
};
const struct opinion_refresh_stats *opinion_tracker_stats(const struct opinion_tracker *t);

/* Recomputes the arena's map from its current votes (warm start from t)
 * and stores it with the priorities, in one transaction. */
MODEL_MUST_USE enum model_rc opinion_map_refresh(struct store *db, struct opinion_tracker *t);
/* The arena's stored map, parsed (opinion_map_parse); MODEL_NOT_FOUND
 * before there is one; MODEL_ERROR, logged with what is wrong, when the
 * stored text is not a map samskab made. The caller frees it with
 * opinion_map_free. */
MODEL_MUST_USE enum model_rc opinion_map_load(struct store *db, struct region *a, int64_t arena_id,
					      struct opinion_map *out);
/*
 * The arena's stored map as this node parsed it last, if that is still
 * version (read with opinion_map_head); else loaded, parsed, and kept for
 * the next reader in its place (every node keeps its own: a new map
 * stored by any node is a new version in the database). *out points into
 * the kept map until opinion_map_release(*out); it is shared, read only,
 * and without its JSON (json is NULL: opinion_map_load gives that).
 * MODEL_NOT_FOUND before there is a map.
 */
MODEL_MUST_USE enum model_rc opinion_map_current(struct store *db, int64_t arena_id, int64_t version,
						 const struct opinion_map **out);
void opinion_map_release(const struct opinion_map *m);
/* Parses a map's JSON text into m (arrays from a): MODEL_OK, or
 * MODEL_INVALID with what is wrong in err (not JSON, a group or a count
 * out of bounds, a list of the wrong length); m is then empty. */
MODEL_MUST_USE enum model_rc opinion_map_parse(const char *text, struct region *a, struct opinion_map *m,
					       char *err, size_t errlen);
void opinion_map_free(struct opinion_map *m);
/* The tallies of a statement, or NULL when the map has none. */
const struct opinion_map_votes *opinion_map_votes_of(const struct opinion_map *m, int64_t statement);
/* The comment priorities of the arena's last map (for choosing what to
 * show next), by statement id ascending: n 0 when there is no map. */
MODEL_MUST_USE enum model_rc opinion_map_priorities(struct store *db, struct region *a, int64_t arena_id,
						    int64_t **ids, double **priority, size_t *n);
/* What decides whether a map page drawn before still stands: the arena
 * (its title, when it was last edited) and its map's version (0: none
 * yet), in one lookup. MODEL_NOT_FOUND: no such arena. The version grows
 * each time the map is stored, and each time a statement of the arena is
 * moderated (opinion_map_touch): whenever what the map's pages show may
 * have changed. */
struct opinion_map_head {
	int64_t arena_id;
	const char *title;
	int64_t updated_at, version;
};
MODEL_MUST_USE enum model_rc opinion_map_head(struct store *db, struct region *a, int64_t arena_id,
					      struct opinion_map_head *out);
/* A new version of the map of the statement's arena (if it has one), in
 * the caller's transaction. */
MODEL_MUST_USE enum model_rc opinion_map_touch(struct store *db, int64_t statement_id);
/* Arenas whose newest vote is newer than their map and whose map is at
 * least debounce_ms old (or missing). */
MODEL_MUST_USE enum model_rc opinion_map_stale(struct store *db, struct region *a, int64_t now_ms,
				int64_t debounce_ms, int64_t **arena_ids, size_t *n);

#endif
