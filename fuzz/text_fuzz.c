/*
 * text_fuzz.c: libFuzzer harness for src/core/textdiff.c and
 * src/core/textmerge.c on arbitrary texts. The input is cut at 0xFF bytes
 * into a base and two changed versions (any bytes but NUL; the model stores
 * only valid UTF-8, the code must not trust that). Besides crashes and
 * sanitizer reports it checks what the headers promise: the kept and
 * inserted spans of a diff give the new text and the kept and deleted
 * ones the old; a merge in which one side changed nothing gives the other
 * side; the agreed pieces and either side of each conflict hold every
 * line that side wrote (no lost words). Run through fuzz/run; not part of
 * make check.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/region.h"
#include "core/textdiff.h"
#include "core/textmerge.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what)
{
	fprintf(stderr, "text_fuzz: %s\n", what);
	abort();
}

/* The n-th text of the input (cut at 0xFF), without NUL bytes. */
static char *part(struct region *a, const uint8_t *data, size_t size, int n)
{
	char *out = region_alloc(a, size + 1);
	size_t o = 0;
	for (size_t i = 0; i < size; i++) {
		if (data[i] == 0xFF) {
			n--;
			continue;
		}
		if (n == 0 && data[i] != 0)
			out[o++] = (char)data[i];
	}
	out[o] = '\0';
	return out;
}

static void check_diff(struct region *a, const char *old, const char *new)
{
	struct textdiff d;
	if (textdiff_run(a, old, strlen(old), new, strlen(new), &d) != 0)
		return; /* libgit2 refused: allowed, nothing to check */
	struct buf o = BUF_INIT(1 << 24), n = BUF_INIT(1 << 24);
	for (size_t i = 0; i < d.n; i++) {
		const struct textdiff_block *b = &d.blocks[i];
		if (!b->changed) {
			buf_put(&o, b->p, b->n);
			buf_put(&n, b->p, b->n);
			continue;
		}
		for (size_t s = 0; s < b->nspans; s++) {
			if (b->spans[s].op != TEXTDIFF_INS)
				buf_put(&o, b->spans[s].p, b->spans[s].n);
			if (b->spans[s].op != TEXTDIFF_DEL)
				buf_put(&n, b->spans[s].p, b->spans[s].n);
		}
	}
	if (strcmp(buf_str(&o), old) != 0 || strcmp(buf_str(&n), new) != 0)
		fail("the diff does not rebuild its texts");
	buf_free(&o);
	buf_free(&n);
}

/* Both sides of the merge put together, each conflict as its side. */
static const char *side(struct region *a, const struct textmerge *m, int theirs)
{
	struct buf b = BUF_INIT(1 << 24);
	for (size_t i = 0; i < m->n; i++)
		buf_puts(&b, m->pieces[i].kind == TEXTMERGE_AGREED ? m->pieces[i].text
				 : theirs			     ? m->pieces[i].theirs
								     : m->pieces[i].ours);
	const char *s = region_strdup(a, buf_str(&b));
	buf_free(&b);
	return s;
}

/* Whether s, without the sentence breaks the merge may add or drop
 * (spaces and line breaks), is t without them. */
static int same_words(const char *s, const char *t)
{
	for (;;) {
		while (*s == ' ' || *s == '\n')
			s++;
		while (*t == ' ' || *t == '\n')
			t++;
		if (*s != *t)
			return 0;
		if (*s == '\0')
			return 1;
		s++, t++;
	}
}

static void check_merge(struct region *a, const char *base, const char *ours, const char *theirs)
{
	struct textmerge m;
	if (textmerge_run(a, base, ours, theirs, &m) != 0)
		return; /* both whole texts as one conflict: nothing lost */
	if (m.conflicts == 0 && m.text == NULL)
		fail("a merge without conflicts has no text");
	if (strchr(ours, '\x1f') || strchr(theirs, '\x1f') || strchr(base, '\x1f'))
		return; /* dropped by design */
	/* One side changed nothing: the other side's text. */
	if (strcmp(base, ours) == 0 && !same_words(side(a, &m, 1), theirs))
		fail("ours unchanged, yet the merge is not theirs");
	if (strcmp(base, theirs) == 0 && !same_words(side(a, &m, 0), ours))
		fail("theirs unchanged, yet the merge is not ours");
	/* Both the same: that text, without conflicts. */
	if (strcmp(ours, theirs) == 0 && (m.conflicts != 0 || !same_words(m.text, ours)))
		fail("both sides alike, yet not merged to it");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct region *a = region_new();
	const char *base = part(a, data, size, 0), *ours = part(a, data, size, 1), *theirs = part(a, data, size, 2);
	check_diff(a, base, ours);
	check_diff(a, ours, theirs);
	check_merge(a, base, ours, theirs);
	region_free(a);
	return 0;
}
