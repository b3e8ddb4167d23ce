/*
 * proposal.h: proposals written together in an arena. A proposal starts
 * as a title and maybe nothing else (revision 1); everyone taking part
 * writes it (model/revision.h); it may answer a question a facilitator
 * posed, and proposals of one question are alternatives, compared side
 * by side. Its status follows its way through the council
 * (model/step.h): drafting, submitted, under consideration, decided,
 * being implemented, done. Owns tables proposal and proposal_question.
 */
#ifndef SAMSKAB_MODEL_PROPOSAL_H
#define SAMSKAB_MODEL_PROPOSAL_H

#include "model/model.h"

#define PROPOSAL_TITLE_MAX 200    /* characters */
#define PROPOSAL_TEXT_MAX 150000  /* characters: about 20,000 words */
#define QUESTION_MAX 300

enum proposal_status {
	PROPOSAL_DRAFTING,
	PROPOSAL_SUBMITTED,
	PROPOSAL_CONSIDERING,
	PROPOSAL_DECIDED,
	PROPOSAL_IMPLEMENTING,
	PROPOSAL_DONE,
	PROPOSAL_STATUS__MAX
};

/* What the council decided. */
enum outcome { OUTCOME_NONE, OUTCOME_ADOPTED, OUTCOME_AMENDED, OUTCOME_REJECTED, OUTCOME__MAX };

struct proposal {
	int64_t id, arena_id;
	const char *arena_title;
	int64_t question_id;      /* 0: none */
	const char *question;     /* its text, NULL for none */
	const char *title, *lang;
	int64_t head;             /* the newest revision's number */
	enum proposal_status status;
	enum outcome outcome;
	int64_t frozen;           /* the revision submitted to the council, 0 before */
	int64_t created_by;       /* 0: a deleted account; the first of the authors */
	int64_t created_at, updated_at;
	int64_t supports;         /* people and organisations */
	int64_t comments;         /* visible ones */
};

enum proposal_sort { PROPOSAL_SORT_ACTIVE, PROPOSAL_SORT_SUPPORT, PROPOSAL_SORT_NEW, PROPOSAL_SORT__MAX };

struct proposal_filter {
	int64_t arena_id;    /* 0: every arena's */
	int64_t question_id; /* 0: any */
	int status;          /* enum proposal_status, or -1 for any */
	enum proposal_sort sort;
};

struct question {
	int64_t id, arena_id;
	const char *text;
	int64_t created_at;
	int64_t proposals; /* how many answer it */
};

/* A person who wrote revisions of a proposal (0 and the deleted-user
 * name for accounts that are gone). */
struct proposal_author {
	int64_t account_id;
	const char *name; /* NULL for a deleted account */
	int64_t revisions;
};

const char *proposal_status_code(enum proposal_status s);
int proposal_status_parse(const char *code); /* -1 if unknown */
enum msg proposal_status_msg(enum proposal_status s);
const char *outcome_code(enum outcome o);    /* NULL for OUTCOME_NONE */
int outcome_parse(const char *code);         /* -1 if unknown; NULL is OUTCOME_NONE */
enum msg outcome_msg(enum outcome o);
const char *proposal_sort_code(enum proposal_sort s);
int proposal_sort_parse(const char *code);

/* One page of an arena's proposals; p->total set. */
MODEL_MUST_USE enum model_rc proposal_list(struct store *db, struct region *a, const struct proposal_filter *f,
			    struct paging *p, struct proposal **items, size_t *n);
MODEL_MUST_USE enum model_rc proposal_get(struct store *db, struct region *a, int64_t id, struct proposal *out);
/* Starts a proposal: revision 1 with title and text (text may be empty)
 * by author. Errors on "title", "text", "question" (not a question of
 * this arena). Runs in the caller's transaction. */
MODEL_MUST_USE enum model_rc proposal_create(struct store *db, int64_t arena_id, int64_t question_id,
			      const char *title, const char *text, const char *lang, int64_t author,
			      int64_t *id, struct field_errors *errs);
/* Everyone who wrote a revision, in the order they first did. */
MODEL_MUST_USE enum model_rc proposal_authors(struct store *db, struct region *a, int64_t proposal_id,
			       struct proposal_author **items, size_t *n);
/* Whether the account wrote a revision of the proposal. */
MODEL_MUST_USE enum model_rc proposal_is_author(struct store *db, int64_t proposal_id, int64_t account_id, int *yes);

/* What a save needs to know of a proposal, read while taking its row
 * for the rest of the caller's transaction: on PostgreSQL other saves of
 * the same proposal wait until this transaction ends (SQLite's write
 * transactions are serialised already). */
struct proposal_locked {
	int64_t arena_id, head;
	enum proposal_status status;
	enum outcome outcome;
	const char *title;
};
MODEL_MUST_USE enum model_rc proposal_lock(struct store *db, struct region *a, int64_t id, struct proposal_locked *out);
/* After a new revision: its number and title. */
MODEL_MUST_USE enum model_rc proposal_set_head(struct store *db, int64_t id, int64_t head, const char *title);
/* After a step: the status, the outcome (OUTCOME_NONE keeps it) and the
 * revision frozen (0 keeps it). */
MODEL_MUST_USE enum model_rc proposal_set_status(struct store *db, int64_t id, enum proposal_status status,
				  enum outcome outcome, int64_t frozen);

/* The version of an arena's proposals: it grows with every change to
 * them, their texts, steps, supports, comments and amendments (0 before
 * the first). Pages made from them are the same while it is. */
MODEL_MUST_USE enum model_rc proposal_version(struct store *db, int64_t arena_id, int64_t *version);
/* Marks a change: to the arena's proposals, to the proposal's arena's,
 * or (account deletion) to every arena's. The model calls these in the
 * transaction of each change. */
MODEL_MUST_USE enum model_rc proposal_touch_arena(struct store *db, int64_t arena_id);
MODEL_MUST_USE enum model_rc proposal_touch(struct store *db, int64_t proposal_id);
MODEL_MUST_USE enum model_rc proposal_touch_all(struct store *db);

/* An arena's questions, oldest first, with how many proposals answer each. */
MODEL_MUST_USE enum model_rc question_list(struct store *db, struct region *a, int64_t arena_id,
			    struct question **items, size_t *n);
MODEL_MUST_USE enum model_rc question_get(struct store *db, struct region *a, int64_t id, struct question *out);
/* Errors on "question" (empty or too long). */
MODEL_MUST_USE enum model_rc question_create(struct store *db, int64_t arena_id, const char *text, int64_t author,
			      int64_t *id, struct field_errors *errs);

#endif
