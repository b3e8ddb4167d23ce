/*
 * opinion.h: the opinion map, Pol.is's method in pure C. Callers hand in
 * votes as plain arrays and get plain arrays back: opinion groups, every
 * participant's position, what represents each group, what unites them,
 * and which statement to show next. Nothing in src/opinion touches SQL,
 * HTTP or files.
 *
 * The method and every constant follow Pol.is's Clojure math
 * (compdemocracy/polis, math/src/polismath/math/{conversation,pca,clusters,
 * repness,stats}.clj); each file here names the function it reproduces.
 *
 * Sign convention: votes come in with agree = +1, disagree = -1, pass = 0,
 * as in Pol.is's openData CSV files and in samskab's database. Pol.is's
 * math works with the opposite sign (agree = -1); the matrix stores that
 * sign, so every formula reads as in the Clojure, and x/y come out oriented
 * as Pol.is's would from the same start vectors.
 *
 * Incremental use: keep one struct opinion_state per dialogue and call
 * opinion_update with all current votes each time the map is recomputed.
 * The state carries what Pol.is's worker carries from one update to the
 * next (principal components, base clusters, group clusterings for every
 * k, the k smoother, who is "in the conversation"), so an update is a warm
 * start, not a recompute from scratch. Indices of participants and
 * statements must stay the same from one update to the next; new ones may
 * be added at the end.
 *
 * Deterministic: the same inputs through the same sequence of updates give
 * the same outputs, byte for byte. No randomness. A second thread is used
 * in two places, for large inputs only: the PCA products, split into
 * fixed parts summed in a fixed order, and reading a large votes.csv in
 * two halves (opendata.h); neither changes a bit of the result.
 */
#ifndef SAMSKAB_OPINION_OPINION_H
#define SAMSKAB_OPINION_OPINION_H

#include <stddef.h>
#include <stdint.h>

#define OPINION_AGREE 1
#define OPINION_DISAGREE (-1)
#define OPINION_PASS 0

/* Statement flags. A moderated-out statement leaves the math as in Pol.is
 * (its column is zeroed); a meta statement is also left out of the math
 * and gets Pol.is's fixed meta priority. */
enum {
	OPINION_MODERATED_OUT = 1,
	OPINION_META = 2,
};

/* Most groups, as Pol.is's :max-k. */
#define OPINION_MAX_K 5
/* Representative statements per group and consensus statements per side. */
#define OPINION_MAX_REP 5

enum opinion_err {
	OPINION_OK = 0,
	OPINION_EINPUT, /* an index or value out of range; message says which vote */
};

struct opinion_vote {
	uint32_t participant; /* < n_participants */
	uint32_t statement;   /* < n_statements */
	int8_t value;         /* OPINION_AGREE, OPINION_DISAGREE or OPINION_PASS */
};

struct opinion_input {
	uint32_t n_participants, n_statements;
	const struct opinion_vote *votes;
	size_t n_votes;
	/* NULL, or one time per vote. Only the latest vote of a participant on a
	 * statement counts: the one with the greatest time, or when times are
	 * equal or absent, the one that comes last in votes. */
	const int64_t *times;
	/* NULL, or one OPINION_MODERATED_OUT | OPINION_META set per statement. */
	const uint8_t *flags;
	/* NULL, or the votes grouped by participant: the indices of
	 * participant p's votes, in input order, are by_participant[
	 * vote_start[p] .. vote_start[p + 1]). Spares the update sorting
	 * them; opendata_input (opendata.h) gives them. Only the votes it
	 * names are read, and checked as they are read. */
	const uint32_t *by_participant;
	const size_t *vote_start;
};

enum opinion_status {
	OPINION_READY,      /* groups were found */
	OPINION_NOT_ENOUGH, /* too few votes or participants, or no disagreement
			     * at all: there is no map to show */
};

/* Counts of latest votes (agree, disagree, and all votes including passes). */
struct opinion_tally {
	uint32_t agree, disagree, seen;
};

/* One representative statement of a group (repness.clj finalize-cmt-stats). */
struct opinion_rep {
	uint32_t statement;
	int agree;          /* 1 if representative for agreeing, 0 for disagreeing */
	int best_agree;     /* 1 if chosen as the group's best agreed statement */
	uint32_t n_success; /* group members who agreed (or disagreed) */
	uint32_t n_trials;  /* group members who voted on it */
	double p_success, p_test, repness, repness_test;
};

/* One consensus statement (repness.clj select-consensus-comments). */
struct opinion_consensus {
	uint32_t statement;
	uint32_t n_success, n_trials;
	double p_success, p_test;
};

/* The steps of an update (opinion.c), for timing them. */
enum opinion_step {
	OPINION_STEP_MATRIX, /* latest votes, tallies, who is in the conversation */
	OPINION_STEP_PCA,    /* components and projection */
	OPINION_STEP_BASE,   /* base clusters */
	OPINION_STEP_GROUPS, /* groups for each k, silhouettes */
	OPINION_STEP_STATS,  /* group tallies, repness, consensus, priorities */
	OPINION_STEP__MAX
};
/* A short name of each step, for logs and --timings. */
extern const char *const opinion_step_name[OPINION_STEP__MAX];

struct opinion_result {
	enum opinion_status status;
	uint32_t n_participants, n_statements;
	int k; /* number of groups; 0 unless READY */

	/* Per participant. x and y are NaN for a participant without votes. */
	double *x, *y;
	int8_t *group;   /* 0..k-1, or -1: not in a group */
	uint8_t *in_conv; /* 1 if counted "in the conversation" (clustered) */
	uint32_t *votes; /* number of latest votes, passes included */

	/* Per statement. */
	struct opinion_tally *tally;  /* over every participant */
	struct opinion_tally *group_tally; /* [g * n_statements + s], g < k */
	double *consensus_gac; /* group-informed consensus; NaN if no votes */
	double *priority;      /* comment priority for choosing what to show next */
	double *extremity;     /* length of the statement's own projection */

	/* Per group: group_size[g], and its representative statements
	 * rep[rep_start[g] .. rep_start[g + 1]). */
	uint32_t group_size[OPINION_MAX_K];
	size_t rep_start[OPINION_MAX_K + 1];
	struct opinion_rep *rep;

	/* Consensus statements for agreeing and for disagreeing. */
	struct opinion_consensus agree[OPINION_MAX_REP], disagree[OPINION_MAX_REP];
	int n_agree, n_disagree;

	/* Diagnostics: the k the smoother chose, the best k of this update by
	 * silhouette, the silhouette per k (NaN where not computed), the
	 * number of base clusters, the PCA's iterations, and where the time
	 * went (microseconds per step, on the monotonic clock). */
	int smoothed_k, best_k, n_base, pca_iters;
	double silhouette[OPINION_MAX_K + 1];
	int64_t step_us[OPINION_STEP__MAX];
};

struct opinion_state;

struct opinion_state *opinion_state_new(void);
void opinion_state_free(struct opinion_state *st);
/* Forgets what Pol.is's worker does not keep when it restarts and reloads
 * a conversation from its database (conv_man.clj restructure-json-conv):
 * the group clusterings and the k smoother. The components, base clusters
 * and who is in the conversation are kept. */
void opinion_state_reload(struct opinion_state *st);

/*
 * Recomputes the map from all current votes, warm-starting from st (which
 * it then updates). On OPINION_OK res is filled and must be released with
 * opinion_result_free; on error a message is in err and res is empty.
 */
enum opinion_err opinion_update(struct opinion_state *st, const struct opinion_input *in,
				struct opinion_result *res, char *err, size_t errlen);
/* One cold computation: a fresh state, one update. */
enum opinion_err opinion_compute(const struct opinion_input *in, struct opinion_result *res,
				 char *err, size_t errlen);
void opinion_result_free(struct opinion_result *res);

/*
 * Replays in->votes in time order (in->times is required) through
 * opinion_update from a fresh state, recomputing after every batch: a batch
 * closes after every_votes votes or every_seconds seconds of vote time
 * (times in milliseconds) since its first vote; a limit <= 0 is off, but
 * not both. With reload, opinion_state_reload runs before the last update.
 * res gets the last update's map; *updates their number.
 */
enum opinion_err opinion_replay(const struct opinion_input *in, long every_votes,
				long every_seconds, int reload, struct opinion_result *res,
				size_t *updates, char *err, size_t errlen);

/*
 * The next statement to show a participant, as Pol.is's server picks it
 * (selectProbabilistically): among the statements with eligible[s] set,
 * one at random with probability proportional to its priority (a priority
 * of 0 counts as 1). u in [0, 1) is the caller's random number, so the
 * choice is reproducible. Returns the statement, or UINT32_MAX if none is
 * eligible.
 */
uint32_t opinion_next_statement(const double *priority, const uint8_t *eligible, uint32_t n,
				double u);

#endif
