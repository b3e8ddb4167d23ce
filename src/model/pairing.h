/*
 * pairing.h: pairs of a guide and a newcomer, from the draft a matching
 * run proposes to the end of the match:
 *
 *   draft -> proposed -> accepted -> active <-> paused -> ended
 *
 * A draft belongs to the round being prepared: coordinators see it with
 * its reasons, may lock it (re-runs keep it), change its guide (a locked
 * draft) or rule the pair out, and re-run around that. Sending makes every
 * draft a proposal: guide and newcomer each get an answer link by mail (or
 * answer on /me; a coordinator may record the newcomer's answer given by
 * phone). When both said yes the pair is accepted and contact details are
 * shared; a no ends it (reason "declined"), rules the pair out of later
 * rounds and puts the newcomer back on the waiting list with their wait
 * kept. Recording the first meeting makes it active and schedules the
 * follow-ups at 2 weeks, 2 months and 6 months, which the jobs remind the
 * coordinators of.
 *
 * Rows join newcomer data, so every read for a coordinator or a guide is
 * audited here (see newcomer.h). Owns tables guide_match, match_unmatched,
 * match_rejected and match_followup.
 */
#ifndef SAMSKAB_MODEL_PAIRING_H
#define SAMSKAB_MODEL_PAIRING_H

#include "core/secret.h"
#include "match/match.h"
#include "model/model.h"
#include "model/newcomer.h"
#include "model/vocab.h"

enum pairing_status { PAIRING_DRAFT, PAIRING_PROPOSED, PAIRING_ACCEPTED, PAIRING_ACTIVE,
		      PAIRING_PAUSED, PAIRING_ENDED, PAIRING_STATUS__MAX };
enum pairing_side { SIDE_GUIDE, SIDE_NEWCOMER, SIDE__MAX };
enum pairing_answer { ANSWER_NONE, ANSWER_YES, ANSWER_NO, ANSWER__MAX };
enum followup_step { FOLLOWUP_2W, FOLLOWUP_2M, FOLLOWUP_6M, FOLLOWUP__MAX };

struct pairing {
	int64_t id, programme_id, newcomer_id, guide_id;
	enum pairing_status status;
	int locked;
	int64_t score;
	uint64_t shared_languages, shared_interests;
	uint8_t shared_times;
	int32_t km, waited_days;
	enum pairing_answer answer[SIDE__MAX];
	int64_t proposed_at, accepted_at, paused_at, ended_at;
	const char *first_meeting_on;  /* YYYY-MM-DD, or NULL */
	int end_reason;                /* enum end_reason, or -1 */
	const char *end_note;
	/* The two people, joined. */
	const char *newcomer_first_name, *newcomer_area;
	int64_t newcomer_area_id;
	enum target_group target_group;
	uint64_t newcomer_languages, newcomer_interests;
	const char *guide_name, *guide_area, *guide_workplace;
	int64_t guide_account_id, newcomer_account_id;
	uint64_t guide_languages, guide_interests;
	int64_t updated_at;
};

/* What a proposal mail needs: the pair and both answer tokens. */
struct pairing_sent {
	int64_t id, newcomer_id, guide_id;
	char guide_token[SECRET_TOKEN_LEN + 1], newcomer_token[SECRET_TOKEN_LEN + 1];
};

/* Why a newcomer of the last run has no guide (match_unmatched). */
struct pairing_unmatched {
	int64_t newcomer_id;
	struct match_unmatched why;    /* fit_area is an area id here, or -1 */
	const char *first_name, *area_name;
	enum target_group target_group;
	uint64_t languages;
	int64_t area_id, waiting_since;
	const char *fit_area_name;
};

struct pairing_followup {
	int64_t match_id;
	enum followup_step step;
	int64_t due_at, reminded_at, done_at;
	const char *note;
};

/* A follow-up due, for the reminder mail: who to tell. */
struct pairing_due {
	int64_t match_id, programme_id;
	enum followup_step step;
	int64_t due_at;
	const char *programme_name;
};

const char *pairing_status_code(enum pairing_status s);
enum msg pairing_status_msg(enum pairing_status s);
const char *followup_step_code(enum followup_step s);
enum msg followup_step_msg(enum followup_step s);
int followup_step_parse(const char *code);
int pairing_live(enum pairing_status s); /* proposed, accepted, active or paused */

/* ---- the round being prepared (callers bump the programme's revision) ---- */

/* Drops the programme's drafts that are not locked, and the last run's
 * reasons. */
MODEL_MUST_USE enum model_rc pairing_clear_round(struct store *db, int64_t programme_id);
/* A draft with its facts (locked: kept by re-runs). */
MODEL_MUST_USE enum model_rc pairing_add_draft(struct store *db, int64_t programme_id, int64_t newcomer_id,
				int64_t guide_id, int locked, const struct match_facts *f);
/* Makes newcomer's draft the pair with guide_id, locked (replacing any
 * other draft of theirs). */
MODEL_MUST_USE enum model_rc pairing_lock(struct store *db, int64_t programme_id, int64_t newcomer_id,
			   int64_t guide_id, const struct match_facts *f);
/* Unlocks newcomer's draft; MODEL_NOT_FOUND if none. */
MODEL_MUST_USE enum model_rc pairing_unlock(struct store *db, int64_t programme_id, int64_t newcomer_id);
/* Rules the pair out of every later round and drops its draft. */
MODEL_MUST_USE enum model_rc pairing_reject(struct store *db, int64_t newcomer_id, int64_t guide_id);
/* A pair by database ids. */
struct pairing_pair {
	int64_t newcomer_id, guide_id;
};
/* The programme's ruled-out pairs. */
MODEL_MUST_USE enum model_rc pairing_rejected(struct store *db, struct region *a, int64_t programme_id,
			       struct pairing_pair **items, size_t *n);
/* The round's locked drafts. */
MODEL_MUST_USE enum model_rc pairing_locked(struct store *db, struct region *a, int64_t programme_id,
			     struct pairing_pair **items, size_t *n);
MODEL_MUST_USE enum model_rc pairing_set_unmatched(struct store *db, int64_t programme_id, int64_t newcomer_id,
				    const struct match_unmatched *why, int64_t fit_area_id);
/* The last run's unmatched newcomers with their reasons; audited. */
MODEL_MUST_USE enum model_rc pairing_unmatched_list(struct store *db, struct region *a, int64_t programme_id,
				     const struct newcomer_actor *who,
				     struct pairing_unmatched **items, size_t *n);
/* Sends every draft: proposals with fresh answer tokens (*sent, for the
 * mails); the newcomers are matched. */
MODEL_MUST_USE enum model_rc pairing_send(struct store *db, struct region *a, int64_t programme_id,
			   struct pairing_sent **sent, size_t *n);

/* ---- reading (audited: the rows carry newcomer data) ---- */

/* The programme's pairs with a status bit set in statuses (1 << status),
 * drafts by newcomer's wait, others newest first. */
MODEL_MUST_USE enum model_rc pairing_list(struct store *db, struct region *a, int64_t programme_id,
			   unsigned statuses, const struct newcomer_actor *who, const char *why,
			   struct pairing **items, size_t *n);
MODEL_MUST_USE enum model_rc pairing_get(struct store *db, struct region *a, int64_t id,
			  const struct newcomer_actor *who, const char *why, struct pairing *out);
/* A guide's pairs (not drafts) across programmes; each read of the
 * newcomer's first name, languages, interests and area is logged with
 * the guide as actor. */
MODEL_MUST_USE enum model_rc pairing_of_guide(struct store *db, struct region *a, int64_t account_id,
			       const char *client, struct pairing **items, size_t *n);
/* A newcomer's own pairs (not drafts). */
MODEL_MUST_USE enum model_rc pairing_of_newcomer(struct store *db, struct region *a, int64_t account_id,
				  struct pairing **items, size_t *n);
/* The pair an answer link's token opens, and whose link it is; logged
 * when the guide's. MODEL_NOT_FOUND for an unknown token or a pair that
 * has ended. */
MODEL_MUST_USE enum model_rc pairing_by_token(struct store *db, struct region *a, const char *token,
			       const char *client, struct pairing *out, enum pairing_side *side);

/* ---- the match ---- */

/* Records side's answer to a proposal (recorded_by: a coordinator who
 * took it by phone, else 0). Yes from both: accepted (*now_accepted set).
 * No: ended as declined, the pair ruled out, the newcomer waiting again.
 * MODEL_CONFLICT when it is no longer a proposal or side has answered. */
MODEL_MUST_USE enum model_rc pairing_answer(struct store *db, int64_t id, enum pairing_side side, int yes,
			     int64_t recorded_by, const struct newcomer_actor *who,
			     int *now_accepted);
/* The first meeting (YYYY-MM-DD, not in the future): accepted -> active,
 * follow-ups scheduled from that day. MODEL_INVALID for a bad date
 * (MSG_FORM_BAD_DATE on "met_on"), MODEL_CONFLICT if not accepted. */
MODEL_MUST_USE enum model_rc pairing_first_meeting(struct store *db, int64_t id, const char *date,
				    struct field_errors *errs);
MODEL_MUST_USE enum model_rc pairing_pause(struct store *db, int64_t id, int pause);
/* Ends a proposal or match with a reason; the newcomer waits again
 * (keeping their wait) when wait_again, else they are finished (and the
 * retention clock starts). */
MODEL_MUST_USE enum model_rc pairing_end(struct store *db, int64_t id, enum end_reason reason, const char *note,
			  int wait_again, const struct newcomer_actor *who,
			  struct field_errors *errs);
/* Ends the newcomer's live pair (withdrawal); nothing if none. */
MODEL_MUST_USE enum model_rc pairing_end_of_newcomer(struct store *db, int64_t newcomer_id);

MODEL_MUST_USE enum model_rc pairing_followups(struct store *db, struct region *a, int64_t match_id,
				struct pairing_followup **items, size_t *n);
MODEL_MUST_USE enum model_rc pairing_followup_done(struct store *db, int64_t match_id, enum followup_step step,
				    const char *note, int64_t actor_id, struct field_errors *errs);
/* Follow-ups due by now that nobody was reminded of yet. */
MODEL_MUST_USE enum model_rc pairing_followups_due(struct store *db, struct region *a, int64_t now,
				    struct pairing_due **items, size_t *n);
MODEL_MUST_USE enum model_rc pairing_followup_reminded(struct store *db, int64_t match_id,
					enum followup_step step, int64_t now);

/* The dashboard: pairs (not drafts) by the newcomer's area and target
 * group, status, and for ended ones the reason (ended early: any reason
 * but "completed"). */
struct pairing_count {
	int64_t area_id;
	const char *area_name;
	enum target_group target_group;
	enum pairing_status status;
	int end_reason;   /* for ended pairs, else -1 */
	int64_t count;
};
MODEL_MUST_USE enum model_rc pairing_counts(struct store *db, struct region *a, int64_t programme_id,
			     struct pairing_count **items, size_t *n);

#endif
