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

/* The term of the word at text[start, end): 0 with *term, *len set, or
 * -1 when it has none (a stop word, too long). */
static int term_of(struct words *w, const char *text, size_t start, size_t end, const char **term,
		   size_t *len)
{
	if (end - start > WORDS_MAX_BYTES)
		return -1;
	size_t n = 0;
	int digit = 0;
	for (size_t i = start; i < end;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
						      (utf8proc_ssize_t)(end - i), &c);
		i += (size_t)k; /* the caller passed valid UTF-8 */
		digit |= utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
		utf8proc_uint8_t out[4];
		utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(c), out);
		if (n + (size_t)m > WORDS_MAX_BYTES)
			return -1;
		memcpy(w->lower + n, out, (size_t)m);
		n += (size_t)m;
	}
	w->lower[n] = '\0';
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

int words_each(struct words *w, const char *text, size_t n, words_fn fn, void *ctx)
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
			const char *term;
			size_t len;
			if (term_of(w, text, start, i, &term, &len) == 0) {
				int rc = fn(ctx, term, len, start, i);
				if (rc)
					return rc;
			}
		}
		i += (size_t)k;
	}
	return 0;
}
