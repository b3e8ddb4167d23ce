/*
 * textdiff.h: the difference between two versions of a text, word by
 * word, for people to read (a proposal's history). Two levels: libgit2's
 * diff finds the lines (paragraphs) that changed; inside each changed
 * stretch, libgit2's diff again finds the words, on the words put one per
 * line. What is written here by hand is only the last step: small
 * unchanged words caught between changes ("og", "at") are folded into the
 * change around them, so a rewritten sentence reads as one deletion and
 * one insertion instead of a comb of fragments.
 *
 * The result is blocks in text order: unchanged stretches of the new text
 * (whole lines), and changed stretches as spans of kept, deleted and
 * inserted text. Spans point into the two texts given (no copies). Pure:
 * no database, no HTTP.
 */
#ifndef SAMSKAB_CORE_TEXTDIFF_H
#define SAMSKAB_CORE_TEXTDIFF_H

#include <stddef.h>

#include "core/region.h"

enum textdiff_op { TEXTDIFF_SAME, TEXTDIFF_DEL, TEXTDIFF_INS };

struct textdiff_span {
	enum textdiff_op op;
	const char *p; /* into the old text (DEL) or the new text (SAME, INS) */
	size_t n;
};

struct textdiff_block {
	int changed;
	/* unchanged: lines [line, line + lines) of the new text, p/n their bytes
	 * (each line with its newline, the last maybe without) */
	size_t line, lines;
	const char *p;
	size_t n;
	/* changed: the spans, in order */
	struct textdiff_span *spans;
	size_t nspans;
};

struct textdiff {
	struct textdiff_block *blocks; /* in the region */
	size_t n;
	size_t words_deleted, words_inserted;
};

/*
 * Compares old[0 .. oldn) with new[0 .. newn). Everything goes in region a;
 * the spans point into old and new, which must outlive the result.
 * Returns 0, or -1 when libgit2 fails (message from gitlib_error()).
 */
int textdiff_run(struct region *a, const char *old, size_t oldn, const char *new, size_t newn,
		 struct textdiff *out);

/* The number of words in s[0 .. n): runs of non-space bytes with a letter
 * or digit in them (a lone dash or comma is no word). */
size_t textdiff_words(const char *s, size_t n);

#endif
