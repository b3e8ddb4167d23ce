/*
 * words.c: words, terms and Danish stemming for search (see words.h).
 */
#include "core/words.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/mem.h"

/* Snowball's Danish stop words, the list PostgreSQL's `danish`
 * configuration uses (tsearch_data/danish.stop), in bytewise order. */
static const char *const stop_words[] = {
	"ad",	 "af",	   "alle",   "alt",    "anden", "at",	 "blev",  "blive",  "bliver", "da",
	"de",	 "dem",	   "den",    "denne",  "der",	"deres", "det",	  "dette",  "dig",    "din",
	"disse", "dog",	   "du",     "efter",  "eller", "en",	 "end",	  "er",	    "et",     "for",
	"fra",	 "ham",	   "han",    "hans",   "har",	"havde", "have",  "hende",  "hendes", "her",
	"hos",	 "hun",	   "hvad",   "hvis",   "hvor",	"i",	 "ikke",  "ind",    "jeg",    "jer",
	"jo",	 "kunne",  "man",    "mange",  "med",	"meget", "men",	  "mig",    "min",    "mine",
	"mit",	 "mod",	   "ned",    "noget",  "nogle", "nu",	 "når",	  "og",	    "også",   "om",
	"op",	 "os",	   "over",   "på",     "selv",	"sig",	 "sin",	  "sine",   "sit",    "skal",
	"skulle", "som",   "sådan",  "thi",    "til",	"ud",	 "under", "var",    "vi",     "vil",
	"ville", "vor",	   "være",   "været",
};

struct words {
	struct sb_stemmer *stemmer;
	char lower[WORDS_MAX_BYTES + 8]; /* the word being read, lower-cased */
};

struct words *words_new(void)
{
	struct sb_stemmer *s = sb_stemmer_new("danish", "UTF_8");
	if (s == NULL)
		return NULL;
	struct words *w = mem_calloc(1, sizeof *w);
	w->stemmer = s;
	return w;
}

void words_free(struct words *w)
{
	if (w == NULL)
		return;
	sb_stemmer_delete(w->stemmer);
	free(w);
}

static int cmp_word(const void *key, const void *item)
{
	return strcmp(key, *(const char *const *)item);
}

int words_is_stop(const char *lower)
{
	return bsearch(lower, stop_words, sizeof stop_words / sizeof stop_words[0], sizeof stop_words[0],
		       cmp_word) != NULL;
}

static int word_char(utf8proc_int32_t c)
{
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

/* The word at text[start, end) lower-cased into w->lower: its length,
 * or -1 when it is too long; *digit set if it has a digit. */
static long lower_of(struct words *w, const char *text, size_t start, size_t end, int *digit)
{
	if (end - start > WORDS_MAX_BYTES)
		return -1;
	size_t n = 0;
	*digit = 0;
	for (size_t i = start; i < end;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
						      (utf8proc_ssize_t)(end - i), &c);
		i += (size_t)k; /* the caller passed valid UTF-8 */
		*digit |= utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
		utf8proc_uint8_t out[4];
		utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(c), out);
		if (n + (size_t)m > WORDS_MAX_BYTES)
			return -1;
		memcpy(w->lower + n, out, (size_t)m);
		n += (size_t)m;
	}
	w->lower[n] = '\0';
	return (long)n;
}

/* The term of the lower-cased word in w->lower (n bytes): 0 with *term,
 * *len set, or -1 when it has none (a stop word). */
static int stem(struct words *w, size_t n, int digit, const char **term, size_t *len)
{
	if (digit) {
		*term = w->lower;
		*len = n;
		return 0;
	}
	if (words_is_stop(w->lower))
		return -1;
	const sb_symbol *s = sb_stemmer_stem(w->stemmer, (const sb_symbol *)w->lower, (int)n);
	if (s == NULL) { /* out of memory: the word as it is */
		*term = w->lower;
		*len = n;
		return 0;
	}
	*term = (const char *)s;
	*len = (size_t)sb_stemmer_length(w->stemmer);
	return 0;
}

/* The term of the word at text[start, end): 0 with *term, *len set, or
 * -1 when it has none (a stop word, too long). */
static int term_of(struct words *w, const char *text, size_t start, size_t end, const char **term,
		   size_t *len)
{
	int digit;
	long n = lower_of(w, text, start, end, &digit);
	return n < 0 ? -1 : stem(w, (size_t)n, digit, term, len);
}

int words_any(const char *text, size_t n)
{
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(n - i), &c);
		if (k < 0)
			k = 1;
		else if (word_char(c))
			return 1;
		i += (size_t)k;
	}
	return 0;
}

/* Calls fn for each run of word characters in text (invalid UTF-8
 * separates), with its place; stops at fn's first nonzero answer. */
typedef int (*span_fn)(struct words *w, const char *text, size_t start, size_t end, void *ctx);
static int each_span(struct words *w, const char *text, size_t n, span_fn fn, void *ctx)
{
	size_t i = 0, start = 0;
	int in_word = 0;
	while (i <= n) {
		utf8proc_int32_t c = -1;
		utf8proc_ssize_t k = 1;
		if (i < n) {
			k = utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(n - i), &c);
			if (k < 0) {
				k = 1;
				c = -1;
			}
		}
		int inside = c >= 0 && word_char(c);
		if (inside && !in_word) {
			start = i;
			in_word = 1;
		} else if (!inside && in_word) {
			in_word = 0;
			int rc = fn(w, text, start, i, ctx);
			if (rc)
				return rc;
		}
		i += (size_t)k;
	}
	return 0;
}

struct each_call {
	words_fn fn;
	void *ctx;
};

static int each_term(struct words *w, const char *text, size_t start, size_t end, void *arg)
{
	struct each_call *c = arg;
	const char *term;
	size_t len;
	return term_of(w, text, start, end, &term, &len) == 0 ? c->fn(c->ctx, term, len, start, end) : 0;
}

int words_each(struct words *w, const char *text, size_t n, words_fn fn, void *ctx)
{
	struct each_call c = { fn, ctx };
	return each_span(w, text, n, each_term, &c);
}

struct mark_call {
	const char *const *terms;
	size_t nterms;
	words_mark_fn fn;
	void *ctx;
};

static int mark_word(struct words *w, const char *text, size_t start, size_t end, void *arg)
{
	struct mark_call *c = arg;
	int digit, hit = 0;
	long n = lower_of(w, text, start, end, &digit);
	/* A Danish stem is the word with an ending taken off: only a word
	 * that begins with one of the terms can have it, and only those
	 * are stemmed. */
	int maybe = 0;
	for (size_t t = 0; n > 0 && !maybe && t < c->nterms; t++)
		maybe = strncmp(w->lower, c->terms[t], strlen(c->terms[t])) == 0;
	const char *term;
	size_t len;
	if (maybe && stem(w, (size_t)n, digit, &term, &len) == 0)
		for (size_t t = 0; !hit && t < c->nterms; t++)
			hit = strlen(c->terms[t]) == len && memcmp(c->terms[t], term, len) == 0;
	return c->fn(c->ctx, start, end, hit);
}

int words_mark(struct words *w, const char *text, size_t n, const char *const *terms, size_t nterms,
	       words_mark_fn fn, void *ctx)
{
	struct mark_call c = { terms, nterms, fn, ctx };
	return each_span(w, text, n, mark_word, &c);
}
