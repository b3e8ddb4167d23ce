/*
 * amendment.h: changes suggested to a proposal by someone who did not
 * write it: the whole changed text (and title), written against one
 * revision, with a reason. The proposal's authors or the arena's
 * facilitator accept it, and it is merged in as a revision credited to
 * its author, or reject it with a reason; both stay visible. Owns table
 * proposal_amendment.
 */
#ifndef SAMSKAB_MODEL_AMENDMENT_H
#define SAMSKAB_MODEL_AMENDMENT_H

#include "model/model.h"
#include "model/revision.h"

#define AMENDMENT_REASON_MAX 2000

enum amendment_status { AMENDMENT_PENDING, AMENDMENT_ACCEPTED, AMENDMENT_REJECTED, AMENDMENT_STATUS__MAX };

struct amendment {
	int64_t id, proposal_id, base;
	const char *title, *text, *reason;
	int64_t author_id;        /* 0: a deleted account */
	const char *author_name;
	enum amendment_status status;
	int64_t decided_by;
	const char *decided_by_name;
	int64_t decided_at;
	const char *decision_reason;
	int64_t revision;         /* accepted: the revision it became */
	int64_t created_at;
};

const char *amendment_status_code(enum amendment_status s);
enum msg amendment_status_msg(enum amendment_status s);

/* Suggests a change. Errors on "title", "text", "reason", "base" (not a
 * revision of the proposal), and "text" when it changes nothing;
 * "author" (MSG_AMENDMENT_OWN) when the author wrote the proposal: they
 * edit it instead. MODEL_CONFLICT when the proposal is no longer being
 * drafted. Runs in the caller's transaction. */
MODEL_MUST_USE enum model_rc amendment_add(struct store *db, int64_t proposal_id, int64_t base, const char *title,
			    const char *text, const char *reason, int64_t author, int64_t *id,
			    struct field_errors *errs);
/* A proposal's amendments, newest first, with their texts. */
MODEL_MUST_USE enum model_rc amendment_list(struct store *db, struct region *a, int64_t proposal_id,
			     struct amendment **items, size_t *n);
MODEL_MUST_USE enum model_rc amendment_get(struct store *db, struct region *a, int64_t id, struct amendment *out);
/* The pending ones of a proposal. */
MODEL_MUST_USE enum model_rc amendment_pending(struct store *db, int64_t proposal_id, int64_t *count);
/*
 * Accepts a pending amendment: its text is merged in as a revision
 * credited to its author (revision_save). When the text changed since
 * in an overlapping way, the decider resolves: resolved_text and
 * resolved_title (NULL the first time) are saved against revision
 * resolved_base instead. MODEL_CONFLICT when no longer pending
 * (out->frozen 0, out->head 0) or when the proposal is frozen or the
 * merge overlaps (see revision_save).
 */
MODEL_MUST_USE enum model_rc amendment_accept(struct store *db, struct region *a, int64_t id, int64_t decider,
			       int64_t resolved_base, const char *resolved_title,
			       const char *resolved_text, struct revision_result *out,
			       struct field_errors *errs);
/* Rejects a pending amendment; "reason" required. MODEL_CONFLICT when no
 * longer pending. */
MODEL_MUST_USE enum model_rc amendment_reject(struct store *db, int64_t id, int64_t decider, const char *reason,
			       struct field_errors *errs);

/* Account deletion: with remove, the author's amendments go, but those
 * accepted (their words are a revision of the proposal now); else they
 * stay, as from a deleted user. */
MODEL_MUST_USE enum model_rc amendment_forget_author(struct store *db, int64_t author_id, int remove);

#endif
