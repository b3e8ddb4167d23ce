/*
 * textdiff.c: a readable word-by-word difference (see textdiff.h).
 *
 * Words are compared as libgit2 compares lines: each changed stretch is
 * cut into tokens (a word, a run of spaces, a line break, or a mark of
 * punctuation), each token is written as one line (a line break as an
 * empty one), and git_diff_buffers says which token lines were deleted
 * and inserted. Tokens cover the text byte for byte, so a run of tokens
 * is one slice of the text. The spaces between words are tokens of their
 * own, so a sentence added at the end of a paragraph is an insertion,
 * not a changed last word; where they line up two changes, the fold below
 * joins them.
 */
#include "core/textdiff.h"

#include <stdio.h>
#include <string.h>

#include <git2.h>
#include <utf8proc.h>

#include "core/gitlib.h"

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

/* ASCII letters and digits, and the joiners inside words ("co-create",
 * "it's"). */
static const unsigned char ascii_word[128] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1,
	['9'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
	['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1,
	['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
	['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1, ['-'] = 1,
	['\''] = 1, ['_'] = 1,
};

/* A character past ASCII: its length if it is a letter, digit or mark of
 * any script, else 0 (punctuation, a symbol, a dash such as "–"). */
static size_t word_char_utf8(const char *s, size_t n)
{
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

/* The length of the word character at s (see above), or 0 when it is
 * none. */
static inline size_t word_char(const char *s, size_t n)
{
	unsigned char c = (unsigned char)*s;
	if (c < 0x80)
		return ascii_word[c];
	/* Latin-1's letters (æ ø å é ü ...), all but × and ÷: quickly. */
	if (c == 0xC3 && n > 1 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0xBF)
		return (unsigned char)s[1] == 0x97 || (unsigned char)s[1] == 0xB7 ? 0 : 2;
	return word_char_utf8(s, n);
}

/* The length of the (non-word) character at s: one UTF-8 sequence (an
 * ASCII byte alone, so a line break never takes the bytes after it). */
static size_t char_len(const char *s, size_t n)
{
	if ((unsigned char)s[0] < 0xC0)
		return 1;
	size_t k = 1;
	while (k < n && k < 4 && ((unsigned char)s[k] & 0xC0) == 0x80)
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
/* The length of the token at s[0 .. n). */
static size_t token_len(const char *s, size_t n)
{
	size_t i = 0, w;
	if (s[0] == ' ' || s[0] == '\t') {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
	} else if ((w = word_char(s, n)) > 0) {
		while (i < n && (w = word_char(s + i, n - i)) > 0)
			i += w;
	} else {
		i = char_len(s, n);
	}
	return i;
}

static size_t *tokenize(struct region *a, const char *s, size_t n, size_t *ntok)
{
	size_t cap = n / 4 + 16, k = 0;
	size_t *at = region_alloc(a, (cap + 1) * sizeof *at);
	for (size_t i = 0; i < n; i += token_len(s + i, n - i)) {
		if (k == cap) {
			size_t *bigger = region_alloc(a, (2 * cap + 1) * sizeof *at);
			memcpy(bigger, at, k * sizeof *at);
			at = bigger;
			cap *= 2;
		}
		at[k++] = i;
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
		if (!(m == 1 && p[0] == '\n')) {
			memcpy(out + o, p, m);
			o += m;
		}
		out[o++] = '\n'; /* a line break is an empty line: no token is empty */
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

/* A changed stretch to diff word by word: its text on both sides, its
 * tokens, and where its token lines start in the batch. */
struct stretch {
	size_t block;          /* its block in out->blocks */
	const char *old, *new;
	size_t *ot, *nt;       /* token offsets, with the end after the last */
	size_t no, nw;         /* tokens */
	size_t obase, nbase;   /* its first token line in the batch's buffers */
};

/* The spans of a stretch from its tokens' marks (del[i]: old token i is
 * deleted; ins[j]: new token j is inserted). Returns -1 when the marks
 * are not an edit script of the stretch (the unmarked tokens do not pair
 * up): libgit2 went wrong. */
static int spans_of(struct spans *sp, const struct stretch *x, const unsigned char *del, const unsigned char *ins)
{
	size_t kept_old = 0, kept_new = 0;
	for (size_t i = 0; i < x->no; i++)
		kept_old += !del[i];
	for (size_t j = 0; j < x->nw; j++)
		kept_new += !ins[j];
	if (kept_old != kept_new)
		return -1;
	/* Segments begin where a change begins or ends: at most twice the
	 * changed tokens, plus one. */
	size_t changes = (x->no - kept_old) + (x->nw - kept_new);
	struct seg *segs = region_alloc(sp->a, (2 * changes + 2) * sizeof *segs);
	size_t ns = 0, i = 0, j = 0;
	while (i < x->no || j < x->nw) {
		size_t i0 = i, j0 = j;
		if ((i < x->no && del[i]) || (j < x->nw && ins[j])) {
			while (i < x->no && del[i])
				i++;
			while (j < x->nw && ins[j])
				j++;
			segs[ns++] = (struct seg){ 1, i0, i, j0, j };
			continue;
		}
		while (i < x->no && j < x->nw && !del[i] && !ins[j]) {
			i++;
			j++;
		}
		segs[ns++] = (struct seg){ 0, i0, i, j0, j };
	}
	ns = fold(segs, ns, x->new, x->ot, x->nt);
	for (size_t k = 0; k < ns; k++) {
		const struct seg *g = &segs[k];
		if (!g->changed) {
			add_span(sp, TEXTDIFF_SAME, x->new + x->nt[g->n0], x->nt[g->n1] - x->nt[g->n0]);
			continue;
		}
		add_span(sp, TEXTDIFF_DEL, x->old + x->ot[g->o0], x->ot[g->o1] - x->ot[g->o0]);
		add_span(sp, TEXTDIFF_INS, x->new + x->nt[g->n0], x->nt[g->n1] - x->nt[g->n0]);
	}
	return 0;
}

/* The token lines of stretches [0, n) on one side, each stretch after a
 * line that names it (0x1D and its index): lines no token can be, and
 * different for every stretch, so a diff of several pairs them up and
 * keeps the stretches apart. Sets each stretch's base; returns the
 * buffer. */
static char *batch_lines(struct region *a, struct stretch *x, size_t n, int new_side, size_t *len, size_t *lines)
{
	size_t bytes = 0, count = 0;
	for (size_t k = 0; k < n; k++) {
		size_t nt = new_side ? x[k].nw : x[k].no;
		const size_t *t = new_side ? x[k].nt : x[k].ot;
		bytes += t[nt] - t[0] + nt + 24;
		count += nt + 1;
	}
	char *out = region_alloc(a, bytes + 1);
	size_t o = 0, line = 0;
	for (size_t k = 0; k < n; k++) {
		o += (size_t)snprintf(out + o, 24, "\x1d%zu\n", k);
		line++;
		size_t tl;
		char *t = new_side ? token_lines(a, x[k].new, x[k].nt, x[k].nw, &tl)
				   : token_lines(a, x[k].old, x[k].ot, x[k].no, &tl);
		memcpy(out + o, t, tl);
		o += tl;
		if (new_side)
			x[k].nbase = line;
		else
			x[k].obase = line;
		line += new_side ? x[k].nw : x[k].no;
	}
	out[o] = '\0';
	*len = o;
	*lines = count;
	return out;
}

/* libgit2's marks for two token-line buffers of old and new lines. */
static int diff_lines(const char *bo, size_t lo, size_t no, const char *bn, size_t ln, size_t nn, struct marks *m,
		      struct region *a)
{
	m->del = region_calloc(a, no + 1, 1);
	m->ins = region_calloc(a, nn + 1, 1);
	git_diff_options opt;
	diff_options(&opt);
	return git_diff_buffers(bo, lo, NULL, bn, ln, NULL, &opt, NULL, NULL, NULL, on_line, m) == 0 ? 0 : -1;
}

/* Word by word over each stretch, one diff each: the cost of a diff grows
 * with its length times its changes, so many small diffs of the changed
 * paragraphs beat one diff of them all (measured: 4x on a 20,000-word
 * text with a change in every paragraph). */
static int words(struct region *a, struct textdiff *out, struct stretch *x, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		struct marks m;
		size_t lo, ln, no, nn;
		char *bo = batch_lines(a, &x[k], 1, 0, &lo, &no), *bn = batch_lines(a, &x[k], 1, 1, &ln, &nn);
		struct spans sp = { a, NULL, 0, 0, out };
		if (diff_lines(bo, lo, no, bn, ln, nn, &m, a) != 0 ||
		    spans_of(&sp, &x[k], m.del + x[k].obase, m.ins + x[k].nbase) != 0)
			return -1;
		out->blocks[x[k].block].spans = sp.items;
		out->blocks[x[k].block].nspans = sp.n;
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
	struct stretch *x = region_alloc(a, (hs.n + 1) * sizeof *x);
	size_t nx = 0, cursor = 0;
	for (size_t h = 0; h < hs.n; h++) {
		const struct hunk *k = &hs.items[h];
		if (k->old_pos + k->old_n > nold || k->new_pos + k->new_n > nnew || k->new_pos < cursor)
			return -1; /* not what libgit2 promises */
		same_block(a, out, &cap, new, nl, cursor, k->new_pos);
		add_block(a, out, &cap)->changed = 1;
		const char *op = old + ol[k->old_pos], *np = new + nl[k->new_pos];
		size_t on = ol[k->old_pos + k->old_n] - ol[k->old_pos];
		size_t nn = nl[k->new_pos + k->new_n] - nl[k->new_pos];
		if (on == 0 || nn == 0) {
			struct spans sp = { a, NULL, 0, 0, out };
			add_span(&sp, TEXTDIFF_DEL, op, on);
			add_span(&sp, TEXTDIFF_INS, np, nn);
			out->blocks[out->n - 1].spans = sp.items;
			out->blocks[out->n - 1].nspans = sp.n;
		} else {
			struct stretch *s = &x[nx++];
			*s = (struct stretch){ .block = out->n - 1, .old = op, .new = np };
			s->ot = tokenize(a, op, on, &s->no);
			s->nt = tokenize(a, np, nn, &s->nw);
		}
		cursor = k->new_pos + k->new_n;
	}
	same_block(a, out, &cap, new, nl, cursor, nnew);
	return words(a, out, x, nx);
}
