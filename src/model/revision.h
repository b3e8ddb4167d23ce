/*
 * revision.h: the revisions of a proposal: every save, with its author,
 * time and note, numbered 1, 2, ... Two people may write at once: a save
 * says which revision it started from; when others saved since, the
 * changes are merged three-way (core/textmerge.h); where they overlap,
 * nothing is stored and the writer gets both versions to resolve. A
 * save never overwrites words it did not see. Restoring an old revision
 * and accepting an amendment are saves too. Owns table proposal_revision.
 */
#ifndef SAMSKAB_MODEL_REVISION_H
#define SAMSKAB_MODEL_REVISION_H

#include "core/textmerge.h"
#include "model/model.h"

#define REVISION_NOTE_MAX 200

enum revision_kind {
	REVISION_START,     /* the first */
	REVISION_EDIT,      /* written on the newest revision */
	REVISION_MERGED,    /* written on an older one, merged with what came since */
	REVISION_RESTORE,   /* an older revision's text again */
	REVISION_AMENDMENT, /* an accepted amendment, credited to its author */
	REVISION_KIND__MAX
};

struct revision {
	int64_t id, proposal_id, number;
	enum revision_kind kind;
	const char *title, *text; /* text NULL in lists */
	const char *note;
	int64_t author_id;        /* 0: a deleted account */
	const char *author_name;  /* NULL for a deleted account */
	int64_t based_on, restored_from, amendment_id; /* 0: none */
	int64_t words_added, words_removed;
	int64_t created_at;
};

/* A save: the revision the writer started from and what they wrote. */
struct revision_save {
	int64_t proposal_id;
	int64_t base;
	const char *title, *text, *note;
	int64_t author;
	enum revision_kind kind;  /* EDIT (becomes MERGED when merged), RESTORE, AMENDMENT */
	int64_t restored_from, amendment_id;
};

/* What came of a save. */
struct revision_result {
	int64_t number;    /* the new revision (or the newest, when nothing changed) */
	int merged;        /* others' changes were merged in */
	int unchanged;     /* the text and title were those of the newest revision */
	int frozen;        /* MODEL_CONFLICT: the proposal is no longer being drafted */
	/* MODEL_CONFLICT with frozen 0: the overlap to resolve. head is the
	 * newest revision (resolve against it); the pieces are its text
	 * (ours) against the writer's (theirs); title is the merged title,
	 * or NULL when both changed it: then title_ours and title_theirs. */
	int64_t head;
	struct textmerge text;
	const char *title, *title_ours, *title_theirs;
};

const char *revision_kind_code(enum revision_kind k);
enum msg revision_kind_msg(enum revision_kind k);

/*
 * Saves in->text and in->title as a new revision. MODEL_OK: saved (or
 * unchanged); MODEL_CONFLICT: the proposal is frozen (out->frozen), or
 * the changes overlap with what others saved since in->base (out->text
 * has the pieces); MODEL_INVALID with errors on "title", "text", "note"
 * or "base" (not a revision of this proposal); MODEL_NOT_FOUND. Nothing
 * is stored unless MODEL_OK. Runs in the caller's transaction, which it
 * makes wait for other saves of the proposal (proposal_lock).
 */
MODEL_MUST_USE enum model_rc revision_save(struct store *db, struct region *a, const struct revision_save *in,
			    struct revision_result *out, struct field_errors *errs);
/* The first revision of a new proposal (proposal_create). */
MODEL_MUST_USE enum model_rc revision_start(struct store *db, int64_t proposal_id, const char *title, const char *text,
			     int64_t author);
/* Every revision, newest first, without their texts. */
MODEL_MUST_USE enum model_rc revision_list(struct store *db, struct region *a, int64_t proposal_id,
			    struct revision **items, size_t *n);
/* One revision with its text; MODEL_NOT_FOUND for a number the proposal
 * does not have. */
MODEL_MUST_USE enum model_rc revision_get(struct store *db, struct region *a, int64_t proposal_id, int64_t number,
			   struct revision *out);

/* A text as stored: spaces and line breaks at the end taken off. */
const char *revision_trim(struct region *a, const char *s);
/* A title as stored: spaces taken off both ends. */
const char *revision_title(struct region *a, const char *s);

#endif
