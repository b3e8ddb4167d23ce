/*
 * textdiff.c: a readable word-by-word difference (see textdiff.h).
 *
 * Words are compared as libgit2 compares lines: each changed stretch is
 * cut into tokens (a word, a run of spaces, a line break, or a mark of
 * punctuation), each token
 * is written as one line (a line break as 0x1E), and git_diff_buffers
 * says which token lines were deleted and inserted. Tokens cover the text
 * byte for byte, so a run of tokens is one slice of the text. The spaces
 * between words are tokens of their own, so a sentence added at the end
 * of a paragraph is an insertion, not a changed last word; where they
 * line up two changes, the fold below joins them.
 */
#include "core/textdiff.h"

#include <string.h>

#include <git2.h>
#include <utf8proc.h>

#include "core/gitlib.h"

#define BREAK_TOKEN '\x1e'

/* A growable array in the region. */
static void *grow(struct region *a, void *items, size_t size, size_t n, size_t *cap)
{
	if (n < *cap)
		return items;
	size_t bigger = *cap ? 2 * *cap : 16;
	void *p = region_alloc(a, bigger * size);
	if (n)
		memcpy(p, items, n * size);
	*cap = bigger;
	return p;
}

/* The length of the word character at s (a letter, digit or mark of any
 * script, or a joiner inside words: "co-create", "it's"), or 0 when it
 * is none (space, punctuation, a symbol, a dash such as "–"). */
static size_t word_char(const char *s, size_t n)
{
	unsigned char c = (unsigned char)*s;
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
		       c == '\'' || c == '_';
	utf8proc_int32_t cp;
	utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
	if (len <= 0)
		return 1; /* not UTF-8: kept with the word, byte by byte */
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return (size_t)len;
	default:
		return 0;
	}
}

/* The length of the (non-word) character at s: one UTF-8 sequence. */
static size_t char_len(const char *s, size_t n)
{
	size_t k = 1;
	while (k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
		k++;
	return k;
}

size_t textdiff_words(const char *s, size_t n)
{
	size_t words = 0;
	int in = 0, counted = 0;
	for (size_t i = 0; i < n;) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
			in = 0;
			i++;
			continue;
		}
		if (!in)
			counted = 0;
		in = 1;
		size_t w = word_char(s + i, n - i);
		if (w && !counted) {
			words++;
			counted = 1;
		}
		i += w ? w : char_len(s + i, n - i);
	}
	return words;
}

/* Byte offsets of the starts of lines of s[0 .. n), plus n at the end. */
static size_t *line_starts(struct region *a, const char *s, size_t n, size_t *nlines)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		count += s[i] == '\n';
	if (n > 0 && s[n - 1] != '\n')
		count++;
	size_t *at = region_alloc(a, (count + 1) * sizeof *at), k = 0;
	at[k++] = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n' && k <= count)
			at[k++] = i + 1;
	at[count] = n;
	*nlines = count;
	return at;
}

struct hunk {
	size_t old_pos, old_n, new_pos, new_n; /* 0-based line positions */
};

struct hunks {
	struct region *a;
	struct hunk *items;
	size_t n, cap;
};

static int on_hunk(const git_diff_delta *d, const git_diff_hunk *h, void *payload)
{
	(void)d;
	struct hunks *hs = payload;
	hs->items = grow(hs->a, hs->items, sizeof *hs->items, hs->n, &hs->cap);
	/* A side with no lines names the line after which the change is. */
	hs->items[hs->n++] = (struct hunk){
		h->old_lines ? (size_t)h->old_start - 1 : (size_t)h->old_start, (size_t)h->old_lines,
		h->new_lines ? (size_t)h->new_start - 1 : (size_t)h->new_start, (size_t)h->new_lines
	};
	return 0;
}

static void diff_options(git_diff_options *o)
{
	git_diff_options_init(o, GIT_DIFF_OPTIONS_VERSION);
	o->context_lines = 0;
	o->interhunk_lines = 0;
	o->flags = GIT_DIFF_FORCE_TEXT;
}

/* The tokens of s[0 .. n): their start offsets, plus n at the end. A
 * token is a line break, a run of spaces, a word, or one other character
 * (punctuation apart from the word it follows: "kaffe," becomes "kaffe"
 * and ",", so adding "og kage" after it is only an insertion). */
static size_t *tokenize(struct region *a, const char *s, size_t n, size_t *ntok)
{
	size_t *at = region_alloc(a, (n + 1) * sizeof *at), k = 0;
	for (size_t i = 0; i < n;) {
		at[k++] = i;
		size_t w;
		if (s[i] == ' ' || s[i] == '\t') {
			while (i < n && (s[i] == ' ' || s[i] == '\t'))
				i++;
		} else if ((w = word_char(s + i, n - i)) > 0) {
			while (i < n && (w = word_char(s + i, n - i)) > 0)
				i += w;
		} else {
			i += char_len(s + i, n - i);
		}
	}
	at[k] = n;
	*ntok = k;
	return at;
}

/* The token lines libgit2 compares. */
static char *token_lines(struct region *a, const char *s, const size_t *at, size_t ntok, size_t *len)
{
	char *out = region_alloc(a, (at[ntok] - at[0]) + ntok + 1);
	size_t o = 0;
	for (size_t t = 0; t < ntok; t++) {
		const char *p = s + at[t];
		size_t m = at[t + 1] - at[t];
		if (m == 1 && p[0] == '\n') {
			out[o++] = BREAK_TOKEN;
		} else {
			memcpy(out + o, p, m);
			o += m;
		}
		out[o++] = '\n';
	}
	out[o] = '\0';
	*len = o;
	return out;
}

struct marks {
	unsigned char *del, *ins;
};

static int on_line(const git_diff_delta *d, const git_diff_hunk *h, const git_diff_line *l, void *payload)
{
	(void)d;
	(void)h;
	struct marks *m = payload;
	if (l->origin == GIT_DIFF_LINE_DELETION && l->old_lineno > 0)
		m->del[l->old_lineno - 1] = 1;
	else if (l->origin == GIT_DIFF_LINE_ADDITION && l->new_lineno > 0)
		m->ins[l->new_lineno - 1] = 1;
	return 0;
}

/* A run of tokens: [o0, o1) of the old text's, [n0, n1) of the new's. */
struct seg {
	int changed;
	size_t o0, o1, n0, n1;
};

static size_t max_sz(size_t x, size_t y)
{
	return x > y ? x : y;
}

/* The bytes a changed segment touches on its longer side. */
static size_t change_size(const struct seg *s, const size_t *ot, const size_t *nt)
{
	return max_sz(ot[s->o1] - ot[s->o0], nt[s->n1] - nt[s->n0]);
}

/* Whether the unchanged run eq, between the changes before and after,
 * is folded into them: the rule diff-match-patch's semantic clean-up
 * uses (an equality no longer than the changes on either side says
 * little). Equalities with a line break stay, so paragraphs stay apart. */
static int foldable(const struct seg *before, const struct seg *eq, const struct seg *after,
		    const char *new, const size_t *ot, const size_t *nt)
{
	size_t n = nt[eq->n1] - nt[eq->n0];
	if (memchr(new + nt[eq->n0], '\n', n))
		return 0;
	size_t b = change_size(before, ot, nt), c = change_size(after, ot, nt);
	return n <= (b < c ? b : c);
}

/* Merges adjacent changes and folds short equalities between changes, in
 * one pass over s (a stack: a fold may make the equality before it
 * foldable too). Returns the new count. */
static size_t fold(struct seg *s, size_t n, const char *new, const size_t *ot, const size_t *nt)
{
	size_t top = 0;
	for (size_t k = 0; k < n; k++) {
		if (!s[k].changed || top == 0) {
			s[top++] = s[k];
			continue;
		}
		if (s[top - 1].changed) {
			s[top - 1].o1 = s[k].o1;
			s[top - 1].n1 = s[k].n1;
		} else {
			s[top++] = s[k];
		}
		while (top >= 3 && s[top - 1].changed && !s[top - 2].changed && s[top - 3].changed &&
		       foldable(&s[top - 3], &s[top - 2], &s[top - 1], new, ot, nt)) {
			s[top - 3].o1 = s[top - 1].o1;
			s[top - 3].n1 = s[top - 1].n1;
			top -= 2;
		}
	}
	return top;
}

struct spans {
	struct region *a;
	struct textdiff_span *items;
	size_t n, cap;
	struct textdiff *out;
};

static void add_span(struct spans *sp, enum textdiff_op op, const char *p, size_t n)
{
	if (n == 0)
		return;
	if (sp->n && sp->items[sp->n - 1].op == op && sp->items[sp->n - 1].p + sp->items[sp->n - 1].n == p) {
		sp->items[sp->n - 1].n += n;
	} else {
		sp->items = grow(sp->a, sp->items, sizeof *sp->items, sp->n, &sp->cap);
		sp->items[sp->n++] = (struct textdiff_span){ op, p, n };
	}
	if (op == TEXTDIFF_DEL)
		sp->out->words_deleted += textdiff_words(p, n);
	else if (op == TEXTDIFF_INS)
		sp->out->words_inserted += textdiff_words(p, n);
}

/* Word by word over old[0 .. on) and new[0 .. nn), both non-empty. */
static int words(struct spans *sp, const char *old, size_t on, const char *new, size_t nn)
{
	struct region *a = sp->a;
	size_t no, nw, lo, ln;
	size_t *ot = tokenize(a, old, on, &no), *nt = tokenize(a, new, nn, &nw);
	char *bo = token_lines(a, old, ot, no, &lo), *bn = token_lines(a, new, nt, nw, &ln);
	struct marks m = { region_calloc(a, no + 1, 1), region_calloc(a, nw + 1, 1) };
	git_diff_options opt;
	diff_options(&opt);
	if (git_diff_buffers(bo, lo, NULL, bn, ln, NULL, &opt, NULL, NULL, NULL, on_line, &m) != 0)
		return -1;
	struct seg *segs = region_alloc(a, (no + nw + 1) * sizeof *segs);
	size_t ns = 0, i = 0, j = 0;
	while (i < no || j < nw) {
		size_t i0 = i, j0 = j;
		if ((i < no && m.del[i]) || (j < nw && m.ins[j])) {
			while (i < no && m.del[i])
				i++;
			while (j < nw && m.ins[j])
				j++;
			segs[ns++] = (struct seg){ 1, i0, i, j0, j };
			continue;
		}
		while (i < no && j < nw && !m.del[i] && !m.ins[j]) {
			i++;
			j++;
		}
		if (i == i0) {
			/* Only one side is left and nothing marks it: a change. */
			i = no;
			j = nw;
			segs[ns++] = (struct seg){ 1, i0, i, j0, j };
		} else {
			segs[ns++] = (struct seg){ 0, i0, i, j0, j };
		}
	}
	ns = fold(segs, ns, new, ot, nt);
	for (size_t k = 0; k < ns; k++) {
		const struct seg *s = &segs[k];
		if (!s->changed) {
			add_span(sp, TEXTDIFF_SAME, new + nt[s->n0], nt[s->n1] - nt[s->n0]);
			continue;
		}
		add_span(sp, TEXTDIFF_DEL, old + ot[s->o0], ot[s->o1] - ot[s->o0]);
		add_span(sp, TEXTDIFF_INS, new + nt[s->n0], nt[s->n1] - nt[s->n0]);
	}
	return 0;
}

static struct textdiff_block *add_block(struct region *a, struct textdiff *out, size_t *cap)
{
	out->blocks = grow(a, out->blocks, sizeof *out->blocks, out->n, cap);
	struct textdiff_block *b = &out->blocks[out->n++];
	memset(b, 0, sizeof *b);
	return b;
}

static void same_block(struct region *a, struct textdiff *out, size_t *cap, const char *new,
		       const size_t *nl, size_t from, size_t to)
{
	if (to <= from)
		return;
	struct textdiff_block *b = add_block(a, out, cap);
	b->line = from;
	b->lines = to - from;
	b->p = new + nl[from];
	b->n = nl[to] - nl[from];
}

int textdiff_run(struct region *a, const char *old, size_t oldn, const char *new, size_t newn,
		 struct textdiff *out)
{
	memset(out, 0, sizeof *out);
	if (gitlib_init() != 0)
		return -1;
	size_t nold, nnew, cap = 0;
	size_t *ol = line_starts(a, old, oldn, &nold), *nl = line_starts(a, new, newn, &nnew);
	struct hunks hs = { a, NULL, 0, 0 };
	git_diff_options opt;
	diff_options(&opt);
	if (git_diff_buffers(old, oldn, NULL, new, newn, NULL, &opt, NULL, NULL, on_hunk, NULL, &hs) != 0)
		return -1;
	size_t cursor = 0;
	for (size_t h = 0; h < hs.n; h++) {
		const struct hunk *k = &hs.items[h];
		if (k->old_pos + k->old_n > nold || k->new_pos + k->new_n > nnew || k->new_pos < cursor)
			return -1; /* not what libgit2 promises */
		same_block(a, out, &cap, new, nl, cursor, k->new_pos);
		struct textdiff_block *b = add_block(a, out, &cap);
		b->changed = 1;
		const char *op = old + ol[k->old_pos], *np = new + nl[k->new_pos];
		size_t on = ol[k->old_pos + k->old_n] - ol[k->old_pos];
		size_t nn = nl[k->new_pos + k->new_n] - nl[k->new_pos];
		struct spans sp = { a, NULL, 0, 0, out };
		if (on == 0 || nn == 0) {
			add_span(&sp, TEXTDIFF_DEL, op, on);
			add_span(&sp, TEXTDIFF_INS, np, nn);
		} else if (words(&sp, op, on, np, nn) != 0) {
			return -1;
		}
		b->spans = sp.items;
		b->nspans = sp.n;
		cursor = k->new_pos + k->new_n;
	}
	same_block(a, out, &cap, new, nl, cursor, nnew);
	return 0;
}
