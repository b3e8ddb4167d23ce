/*
 * step.h: a proposal's way through the city council, public and dated:
 * submitted (to which committee or the council, the meeting, the agenda
 * item; the text is frozen as the newest revision, so everyone sees what
 * the council received), under consideration, decided (adopted, adopted
 * with changes or rejected, who decided, the reasoning, the minutes),
 * being implemented (milestones with dates and progress), done. Steps
 * follow each other in that order; each sets the proposal's status.
 * Owns table proposal_step.
 */
#ifndef SAMSKAB_MODEL_STEP_H
#define SAMSKAB_MODEL_STEP_H

#include "model/model.h"
#include "model/proposal.h"

#define STEP_BODY_MAX 20000
#define STEP_COUNCIL_MAX 200

enum step_kind {
	STEP_SUBMITTED,
	STEP_CONSIDERING,
	STEP_DECIDED,
	STEP_IMPLEMENTING,
	STEP_MILESTONE,
	STEP_DONE,
	STEP__MAX
};

struct step {
	int64_t id, proposal_id;
	enum step_kind kind;
	const char *happened_on;  /* YYYY-MM-DD */
	const char *council;      /* submitted: to whom; decided: who decided */
	const char *meeting_on;   /* submitted: the meeting (YYYY-MM-DD), or NULL */
	const char *link_url;     /* submitted: the agenda item; decided: the minutes */
	enum outcome outcome;     /* decided */
	const char *title;        /* milestone */
	int progress;             /* milestone: 0..100; -1 for none */
	const char *body;         /* Markdown: reasoning, what happened */
	int64_t revision;         /* submitted: the revision frozen */
	int64_t recorded_by;
	const char *recorded_by_name;
	int64_t recorded_at;
};

const char *step_kind_code(enum step_kind k);
int step_kind_parse(const char *code); /* -1 if unknown */
enum msg step_kind_msg(enum step_kind k);
/* Whether a step of kind k may follow a proposal in status s (with the
 * council's outcome o). */
int step_allowed(enum step_kind k, enum proposal_status s, enum outcome o);

/*
 * Records a step. Errors: "kind" (MSG_STEP_OUT_OF_ORDER: it does not
 * follow the proposal's status), "happened_on", "meeting_on" (dates),
 * "council" (required for submitted and decided), "outcome" (required
 * for decided), "body" (the reasoning, required for decided), "title" and
 * "progress" (milestones), "link_url". Submitting freezes the newest
 * revision. Runs in the caller's transaction, after other saves of the
 * proposal (proposal_lock).
 */
MODEL_MUST_USE enum model_rc step_add(struct store *db, const struct step *in, int64_t recorder, int64_t *id,
		       struct field_errors *errs);
/* A proposal's steps, oldest first. */
MODEL_MUST_USE enum model_rc step_list(struct store *db, struct region *a, int64_t proposal_id, struct step **items,
			size_t *n);

#endif
