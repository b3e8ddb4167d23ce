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

#include "core/buf.h"
#include "model/model.h"
#include "opinion/opinion.h"

struct opinion_map_row {
	int64_t arena_id, computed_at, last_vote_at, votes;
	const char *map; /* JSON text */
	int64_t version; /* one more each time the map is stored */
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
enum model_rc opinion_map_refresh(struct store *db, struct opinion_tracker *t);
enum model_rc opinion_map_get(struct store *db, struct region *a, int64_t arena_id,
			      struct opinion_map_row *out);
/* The comment priorities of the arena's last map (for choosing what to
 * show next), by statement id ascending: n 0 when there is no map. */
enum model_rc opinion_map_priorities(struct store *db, struct region *a, int64_t arena_id, int64_t **ids,
				     double **priority, size_t *n);
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
enum model_rc opinion_map_head(struct store *db, struct region *a, int64_t arena_id,
			       struct opinion_map_head *out);
/* A new version of the map of the statement's arena (if it has one), in
 * the caller's transaction. */
enum model_rc opinion_map_touch(struct store *db, int64_t statement_id);
/* Arenas whose newest vote is newer than their map and whose map is at
 * least debounce_ms old (or missing). */
enum model_rc opinion_map_stale(struct store *db, struct region *a, int64_t now_ms,
				int64_t debounce_ms, int64_t **arena_ids, size_t *n);

#endif
