/*
 * textmerge.h: the three-way merge of a text that two people changed from
 * the same revision (a proposal written together). libgit2's
 * git_merge_file does the merge; this file makes it work on prose: each
 * line is cut after every sentence (". ", "! ", "? ") before the merge and
 * joined again after, so two people who change different sentences of one
 * paragraph are merged without a conflict, and a conflict is shown as the
 * sentences both changed, not a whole paragraph.
 *
 * The result is a list of pieces in order: text both agree on (or that
 * only one side changed), and conflicts with both versions. Joining the
 * pieces, with each conflict resolved, gives the merged text; no word of
 * either side is dropped by the merge itself. Pure: no database, no HTTP.
 */
#ifndef SAMSKAB_CORE_TEXTMERGE_H
#define SAMSKAB_CORE_TEXTMERGE_H

#include <stddef.h>

#include "core/region.h"

enum textmerge_kind { TEXTMERGE_AGREED, TEXTMERGE_CONFLICT };

struct textmerge_piece {
	enum textmerge_kind kind;
	const char *text;   /* AGREED: the merged text of this stretch */
	const char *ours;   /* CONFLICT: what the saved side has here */
	const char *theirs; /* CONFLICT: what the incoming side has here */
};

struct textmerge {
	struct textmerge_piece *pieces; /* in text order, in the region */
	size_t n;
	size_t conflicts;  /* pieces of kind CONFLICT */
	const char *text;  /* the merged text when conflicts == 0, else NULL */
};

/*
 * Merges the changes from base to ours and from base to theirs. Texts
 * are NUL-terminated; the unit separator (0x1F), which the model never
 * stores, is dropped from them. Everything goes in region a. Returns 0;
 * or -1 when libgit2 fails (message from gitlib_error()): out then holds
 * one conflict of the whole of ours against the whole of theirs, so a
 * caller that shows it still loses nothing.
 */
int textmerge_run(struct region *a, const char *base, const char *ours, const char *theirs,
		  struct textmerge *out);

#endif
