/*
 * comment.h: comments on proposals, two levels deep: a comment, and
 * replies to it (a reply to a reply joins the same thread). Read in pages
 * in thread order, so a thread of hundreds stays fast, and each comment
 * has a place to link to. Moderation as in the dialogue: anyone signed in
 * reports a comment with a reason; a moderator or facilitator of the
 * arena hides it with a reason shown in its place (the replies stay),
 * shows it again, or keeps it and closes its reports; many at once.
 * Hiding and showing again go to the audit log. Owns tables
 * proposal_comment and proposal_comment_report.
 */
#ifndef SAMSKAB_MODEL_COMMENT_H
#define SAMSKAB_MODEL_COMMENT_H

#include "model/model.h"

#define COMMENT_MAX 2000 /* characters */
#define COMMENT_REASON_MAX 200

enum comment_status { COMMENT_VISIBLE, COMMENT_HIDDEN, COMMENT_REMOVED, COMMENT_STATUS__MAX };

struct comment {
	int64_t id, proposal_id, arena_id, thread_id;
	int64_t parent_id;        /* 0 for a comment that starts a thread */
	int64_t author_id;        /* 0: a deleted account */
	const char *author_name;
	const char *body, *lang;
	enum comment_status status;
	const char *hidden_reason;
	int64_t hidden_at;
	int64_t created_at;
	int64_t open_reports;
	const char *proposal_title; /* comment_moderation only */
};

/* An open report, for moderators. */
struct comment_report {
	int64_t comment_id;
	const char *reason;
	int64_t created_at;
};

enum moderation_action { MODERATE_HIDE, MODERATE_SHOW, MODERATE_KEEP, MODERATE__MAX };

const char *moderation_action_code(enum moderation_action m);
int moderation_action_parse(const char *code); /* -1 if unknown */

/* Adds a comment (parent_id 0) or a reply. Errors on "body" (empty, too
 * long) and "parent" (not a comment of this proposal). Runs in the
 * caller's transaction. */
MODEL_MUST_USE enum model_rc comment_add(struct store *db, int64_t proposal_id, int64_t parent_id, int64_t author,
			  const char *body, const char *lang, int64_t *id, struct field_errors *errs);
/* One page in thread order (a thread's comment, then its replies by time);
 * p->total counts every comment, hidden ones too (they keep their place).
 * proposal_title and arena_id are left empty: the caller has them; the
 * open reports are counted when reports is set (for moderators), else 0. */
MODEL_MUST_USE enum model_rc comment_page(struct store *db, struct region *a, int64_t proposal_id, int reports,
			   struct paging *p, struct comment **items, size_t *n);
/* How many comments come before it in thread order (for its page). */
MODEL_MUST_USE enum model_rc comment_position(struct store *db, int64_t proposal_id, int64_t id, int64_t *before);
MODEL_MUST_USE enum model_rc comment_get(struct store *db, struct region *a, int64_t id, struct comment *out);
/* Reports a comment; "reason" required. MODEL_CONFLICT when the account
 * reported it already. */
MODEL_MUST_USE enum model_rc comment_report(struct store *db, int64_t id, int64_t account_id, const char *reason,
			     struct field_errors *errs);
/* Hides (reason required, shown in its place), shows again, or keeps a
 * comment; each closes its open reports. Audited. */
MODEL_MUST_USE enum model_rc comment_moderate(struct store *db, int64_t id, enum moderation_action action,
			       const char *reason, int64_t moderator, const char *client,
			       struct field_errors *errs);
/* The arena's comments with open reports, then the hidden ones, newest
 * first, at most limit. */
MODEL_MUST_USE enum model_rc comment_moderation(struct store *db, struct region *a, int64_t arena_id, int64_t limit,
				 struct comment **items, size_t *n);
/* The open reports on the arena's comments, by comment. */
MODEL_MUST_USE enum model_rc comment_open_reports(struct store *db, struct region *a, int64_t arena_id,
				   struct comment_report **items, size_t *n);
/* Account deletion: the author's comments are kept as from a deleted
 * user (keep) or their text removed (the place stays for the replies). */
MODEL_MUST_USE enum model_rc comment_forget_author(struct store *db, int64_t author_id, int remove);

#endif
