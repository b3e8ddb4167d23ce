/*
 * dialogue.h: an arena's dialogue: statements of up to 280 characters
 * written by participants (signed in or pseudonymous) or seeded by the
 * facilitator, moderated before or after publication, and the votes on
 * them (agree = 1, disagree = -1, pass = 0): one current vote per
 * participant and statement, every vote kept in the history. Owns tables
 * statement, vote, vote_history and dialogue_activity, and the arena's
 * settings for its dialogue (moderation, who votes).
 */
#ifndef SAMSKAB_MODEL_DIALOGUE_H
#define SAMSKAB_MODEL_DIALOGUE_H

#include "model/model.h"

#define STATEMENT_MAX 280 /* characters */

enum statement_status { STATEMENT_PENDING, STATEMENT_ACCEPTED, STATEMENT_REJECTED, STATEMENT__MAX };
enum moderation { MODERATION_AFTER, MODERATION_BEFORE };

struct statement {
	int64_t id, arena_id, participant_id, author_id;
	const char *text, *lang;
	enum statement_status status;
	int seed, meta;
	const char *reject_reason;
	int64_t external_id; /* Pol.is comment-id (0 is one), -1 if none */
	int64_t created_at;
	int64_t agree, disagree, pass; /* current votes */
};

/* One current vote, for the math and exports. */
struct dialogue_vote {
	int64_t participant_id, statement_id;
	int value;
	int64_t voted_at; /* milliseconds */
};

const char *statement_status_code(enum statement_status s);

struct dialogue_settings {
	enum moderation moderation;
	int verified_only; /* only people with a confirmed account vote and add statements */
};

MODEL_MUST_USE enum model_rc dialogue_settings(struct store *db, int64_t arena_id, struct dialogue_settings *out);
MODEL_MUST_USE enum model_rc dialogue_set_settings(struct store *db, int64_t arena_id,
						   const struct dialogue_settings *s);
/* How the dialogue's pseudonymous voters cluster on network addresses
 * (participant.origin: a keyed hash, never the address): *total of them
 * whose origin is known, and the sizes of the biggest groups sharing
 * one, at most max, biggest first (groups of one left out). */
MODEL_MUST_USE enum model_rc dialogue_origins(struct store *db, struct region *a, int64_t arena_id, size_t max,
					      int64_t **groups, size_t *n, int64_t *total);

/* Adds a statement: accepted at once, or pending when the arena moderates
 * before publication (a facilitator's seed is always accepted). Errors on
 * "text" (empty, over 280 characters, or already said in this dialogue). */
MODEL_MUST_USE enum model_rc statement_add(struct store *db, int64_t arena_id, int64_t participant_id,
			    int64_t author_id, const char *text, const char *lang, int seed,
			    enum statement_status *status, int64_t *id, struct field_errors *errs);
MODEL_MUST_USE enum model_rc statement_get(struct store *db, struct region *a, int64_t id, struct statement *out);
/* The arena's statements with their vote counts, oldest first; status -1
 * for all. */
MODEL_MUST_USE enum model_rc statement_list(struct store *db, struct region *a, int64_t arena_id, int status,
			     struct statement **items, size_t *n);
/* The statement of id among items sorted by id (as statement_list gives
 * them), or NULL. */
const struct statement *statement_find(const struct statement *items, size_t n, int64_t id);
/* Accepts, or rejects with a reason ("reason" required): a rejected
 * statement leaves the map and is shown no more. */
MODEL_MUST_USE enum model_rc statement_moderate(struct store *db, int64_t id, int accept, const char *reason,
				 int64_t moderator, struct field_errors *errs);
/* Every statement of an arena, in any status, by id, without counting
 * their votes (agree, disagree and pass are 0): for pages that take the
 * counts from elsewhere (the opinion map's tallies). */
MODEL_MUST_USE enum model_rc statement_texts(struct store *db, struct region *a, int64_t arena_id,
					     struct statement **items, size_t *n);
/* What the opinion map needs of a statement: its status and whether it
 * is about the dialogue itself. */
struct statement_state {
	int64_t id;
	enum statement_status status;
	int meta;
};
/* Every statement of an arena, in any status, by id. */
MODEL_MUST_USE enum model_rc statement_states(struct store *db, struct region *a, int64_t arena_id,
					      struct statement_state **items, size_t *n);
/* Records a vote (value -1, 0 or 1) on an accepted statement: the current
 * vote is replaced, the history grows. MODEL_NOT_FOUND for a statement
 * that is not accepted. Runs in the caller's transaction. */
MODEL_MUST_USE enum model_rc vote_cast(struct store *db, int64_t participant_id, int64_t statement_id, int value,
			int64_t now_ms);
/* A participant's current votes in an arena's dialogue. */
MODEL_MUST_USE enum model_rc vote_list_mine(struct store *db, struct region *a, int64_t arena_id,
			     int64_t participant_id, struct dialogue_vote **items, size_t *n);
/* Every current vote of an arena's dialogue, in time order. */
MODEL_MUST_USE enum model_rc vote_list_arena(struct store *db, struct region *a, int64_t arena_id,
			      struct dialogue_vote **items, size_t *n);
/* Every vote ever cast in an arena's dialogue, in the order recorded:
 * the order they were cast, or for an import the order of its file. */
MODEL_MUST_USE enum model_rc vote_history_arena(struct store *db, struct region *a, int64_t arena_id,
				 struct dialogue_vote **items, size_t *n);
/* A row of the vote history and its id: ids grow in the order rows
 * are written. */
struct history_vote {
	int64_t id;
	struct dialogue_vote vote;
};
/* The history rows of an arena's dialogue with after < id <= upto, by
 * id: the whole history up to upto when after is 0. statements are the
 * arena's (every statement a row of its history can be on; ascending):
 * after 0 the rows are read by id, every arena's, and these pick the
 * arena's. */
MODEL_MUST_USE enum model_rc vote_history_range(struct store *db, struct region *a, int64_t arena_id,
						const int64_t *statements, size_t ns, int64_t after, int64_t upto,
						struct history_vote **items, size_t *n);
/*
 * Where to stop reading an arena's history so that no row is left behind:
 * waits until no vote of the arena is being written (every vote takes the
 * arena's activity row first; this takes it too, and lets go without
 * writing), then gives the newest history id of the whole database in
 * *upto and the arena's newest vote time. Every history row of the arena
 * with an id up to *upto is then written; rows written later get larger
 * ids. (On PostgreSQL ids are handed out before commit, so a row with a
 * smaller id can otherwise appear after one with a larger.) Both are 0
 * while the arena has no vote: then a first one may be on its way, and
 * nothing may be read. Opens and ends its own transaction.
 */
MODEL_MUST_USE enum model_rc dialogue_fence(struct store *db, int64_t arena_id, int64_t *upto,
					    int64_t *last_vote_ms);
/* Everyone who voted in an arena's dialogue, in the order of their first
 * vote ever (ties by id): the order Pol.is numbers participants in. */
MODEL_MUST_USE enum model_rc vote_voters_arena(struct store *db, struct region *a, int64_t arena_id, int64_t **ids,
				size_t *n);

/* Imports a conversation from another platform (samskab polis-import),
 * in the caller's transaction. statement_import adds in's arena_id,
 * participant_id (its author, or 0), text (kept as written there, even
 * past 280 characters), lang, status, seed, meta, external_id and
 * created_at. vote_import adds votes as they were cast, on statements in
 * any state: all of them to the history; with current set they are the
 * current votes instead (one per participant and statement, none there
 * yet). Either way the newest of them becomes the arena's last vote time
 * if it is newer, and the arena's activity row is taken first, as
 * vote_cast does (see dialogue_fence). */
MODEL_MUST_USE enum model_rc statement_import(struct store *db, const struct statement *in, int64_t *id);
MODEL_MUST_USE enum model_rc vote_import(struct store *db, int64_t arena_id, const struct dialogue_vote *votes,
			  size_t n, int current);

/* The next statement for a participant: among accepted statements they
 * have not voted on, one chosen by comment priority with u in [0, 1).
 * MODEL_NOT_FOUND when they have voted on everything. */
MODEL_MUST_USE enum model_rc dialogue_next(struct store *db, struct region *a, int64_t arena_id,
			    int64_t participant_id, double u, struct statement *out);

#endif
