/*
 * match.h: the guide programme's matching in pure C. Callers hand in plain
 * arrays and get plain arrays back; nothing in src/match touches SQL, HTTP
 * or files, and it includes only core/.
 *
 * Two parts:
 *  - solve.c: the optimum of a bare instance: newcomers, guides with
 *    capacities, and the allowed pairs with integer scores. Of all
 *    assignments that match the most newcomers, the one with the greatest
 *    total score (a maximum-cardinality, maximum-weight b-matching, solved
 *    as a minimum-cost flow; the header of solve.c says how and why it is
 *    optimal).
 *  - rules.c: the programme's hard rules and score. From people described
 *    by bit sets (languages, interests, availability), areas with
 *    distances, preferences and record checks, it lists the allowed pairs
 *    with their scores, solves, and gives the facts a page turns into
 *    reasons: what each proposed pair shares, and why each newcomer left
 *    unmatched found no guide (how many guides each hard rule excluded).
 */
#ifndef SAMSKAB_MATCH_MATCH_H
#define SAMSKAB_MATCH_MATCH_H

#include <stddef.h>
#include <stdint.h>

enum match_err {
	MATCH_OK = 0,
	MATCH_EINPUT, /* the instance is not valid; the message says what and where */
};

/* Limits that keep every sum and every potential inside int64_t (see
 * solve.c): scores in [-MATCH_SCORE_MAX, MATCH_SCORE_MAX], at most
 * MATCH_MAX_PEOPLE newcomers and guides together. */
#define MATCH_SCORE_MAX 1000000000
#define MATCH_MAX_PEOPLE (1 << 26)
#define MATCH_MAX_CAPACITY 1000000000

struct match_pair {
	int32_t newcomer; /* < newcomers */
	int32_t guide;    /* < guides */
	int64_t score;
};

struct match_instance {
	int32_t newcomers, guides;
	const int32_t *capacity;        /* per guide, 0 .. MATCH_MAX_CAPACITY */
	const struct match_pair *pairs; /* the allowed pairs, each at most once */
	size_t npairs;
};

struct match_solution {
	int32_t matched; /* newcomers with a guide */
	int64_t total;   /* the sum of their pairs' scores */
};

/* Solves inst: guide_of[i] (an array of inst->newcomers the caller owns) is
 * newcomer i's guide, or -1. On MATCH_EINPUT, err names the first thing
 * wrong ("pair 7: guide 9, but there are 5 guides"). Deterministic: the
 * same instance gives the same assignment. */
enum match_err match_solve(const struct match_instance *inst, int32_t *guide_of,
			   struct match_solution *sol, char *err, size_t errlen);

/* ---- rules.c: the programme's hard rules, score and reasons ---- */

/* Availability bits. */
enum {
	MATCH_WEEKDAY_DAYTIME = 1,
	MATCH_WEEKDAY_EVENINGS = 2,
	MATCH_WEEKENDS = 4,
};

enum match_gender { MATCH_GENDER_UNSAID, MATCH_GENDER_WOMAN, MATCH_GENDER_MAN, MATCH_GENDER__MAX };

/* Newcomer flags. */
enum {
	MATCH_MINOR = 1,       /* under 18: only guides whose record was checked */
	MATCH_SAME_GENDER = 2, /* prefers a guide of their own gender */
};

struct match_guide {
	int32_t area;          /* index into the distance table */
	int32_t reach_km;      /* how far from their area they will go */
	uint64_t languages;    /* bit per language (caller's numbering) */
	uint64_t interests;    /* bit per interest */
	uint8_t availability;  /* MATCH_WEEKDAY_... bits */
	uint8_t gender;        /* enum match_gender */
	uint8_t record_checked;
	int32_t capacity;      /* newcomers they may still take */
};

struct match_newcomer {
	int32_t area;
	uint64_t languages, interests;
	uint8_t availability, gender, flags;
	int32_t waited_days;
};

/* The coordinator's weights: points per shared interest, per step of
 * nearness (0 .. MATCH_NEAR_STEPS: same area = all steps, at the edge of
 * the guide's reach = none), and per week waited (up to MATCH_WAIT_WEEKS). */
struct match_weights {
	int32_t interest, near, wait;
};
#define MATCH_WEIGHT_MAX 1000
#define MATCH_NEAR_STEPS 10
#define MATCH_WAIT_WEEKS 52

/* The hard rules in the order reasons are told: a guide is excluded for
 * a newcomer by the first rule it fails. MATCH_RULE_FULL is not a rule
 * of the pair: the guide fits, but the optimum gave their places to
 * others (or the coordinator locked them, or rejected this pair). */
enum match_rule {
	MATCH_RULE_REACH,        /* the newcomer's area is beyond the guide's reach */
	MATCH_RULE_LANGUAGE,     /* no shared language */
	MATCH_RULE_AVAILABILITY, /* no shared time of the week */
	MATCH_RULE_GENDER,       /* the newcomer prefers a guide of their own gender */
	MATCH_RULE_RECORD,       /* the newcomer is a minor, the guide's record unchecked */
	MATCH_RULE_REJECTED,     /* the coordinator ruled this pair out */
	MATCH_RULE_FULL,         /* fits, but has no place left */
	MATCH_RULE__MAX
};

/* A pair the coordinator fixed (locked) or ruled out. */
struct match_fixed {
	int32_t newcomer, guide;
};

struct match_round {
	int32_t newcomers, guides, areas;
	const struct match_newcomer *newcomer;
	const struct match_guide *guide;
	const int32_t *area_km;          /* areas x areas, km between area centres */
	struct match_weights weights;
	const struct match_fixed *locked; /* kept as they are; take a guide's place */
	size_t nlocked;
	const struct match_fixed *rejected; /* never proposed */
	size_t nrejected;
};

/* What a proposed pair shares, for its reasons. */
struct match_facts {
	uint64_t languages, interests;
	uint8_t availability;
	int32_t km, waited_days;
	int64_t score;
	int locked;
};

/* Why a newcomer has no guide: how many guides each rule excluded
 * (guides[MATCH_RULE_FULL]: they fit but are full), and the area of the
 * fitting guides when they all share one (else -1). */
struct match_unmatched {
	int32_t guides[MATCH_RULE__MAX];
	int32_t fit_area;
};

struct match_outcome {
	int32_t matched;  /* newcomers with a guide, locked pairs included */
	int64_t total;    /* the sum of their scores */
	int32_t *guide_of;            /* per newcomer: guide or -1 */
	struct match_facts *facts;    /* per newcomer with a guide */
	struct match_unmatched *why;  /* per newcomer without one */
};

/* Whether the guide may be proposed to the newcomer, and if so *score:
 * MATCH_RULE__MAX when the pair passes every hard rule, else the first
 * rule it fails. */
enum match_rule match_check(const struct match_round *r, int32_t newcomer, int32_t guide,
			    int64_t *score);

/* Runs a round: every allowed pair (hard rules, rejected pairs left out)
 * scored, locked pairs kept, the rest solved with match_solve; fills out
 * (arrays malloc'd here; free with match_outcome_free). MATCH_EINPUT when
 * an index, weight or locked pair is not valid. */
enum match_err match_round_run(const struct match_round *r, struct match_outcome *out, char *err,
			       size_t errlen);
void match_outcome_free(struct match_outcome *out);

/* Kilometres between two points given in millionths of a degree
 * (haversine on a sphere of the Earth's mean radius), rounded. */
int32_t match_km(int32_t lat1, int32_t lon1, int32_t lat2, int32_t lon2);

#endif
