/*
 * words.h: the words of a text as search sees them, the same way when a
 * text is indexed (the SQLite FTS5 tokenizer, store/sqlite.c), when a
 * query is read (model/search.c) and when hits are highlighted.
 *
 * A word is a run of letters, digits and combining marks (Unicode
 * categories L, N and M); everything else separates words. Its term is
 * the word lower-cased (simple case mapping), then, if it has no digit,
 * reduced by the Snowball Danish stemmer (libstemmer), so "ældre" and
 * "ældres" are both "ældr", "foreninger" and "forening" both
 * "forening". Danish stop words ("og", "i", "det", ...) have no term.
 * This is what PostgreSQL's built-in `danish` text search configuration
 * does (the same Snowball stemmer and stop-word list; words with digits
 * go through its `simple` dictionary unstemmed), so both engines find
 * the same documents. Other languages are found word by word.
 *
 * A struct words holds a stemmer, which is not thread-safe: one per
 * thread or connection.
 */
#ifndef SAMSKAB_CORE_WORDS_H
#define SAMSKAB_CORE_WORDS_H

#include <stddef.h>

/* Words longer than this (bytes) are passed over: no term. */
#define WORDS_MAX_BYTES 255

struct words;

/* NULL if the stemmer cannot be made (out of memory). */
struct words *words_new(void);
void words_free(struct words *w);

/*
 * Calls fn for each word of the n bytes at text that has a term: the
 * term (not NUL-terminated, valid during the call) and where the word
 * stands in text (bytes [start, end)). Invalid UTF-8 separates words.
 * Stops and returns what fn returned when it is not 0; else 0.
 */
typedef int (*words_fn)(void *ctx, const char *term, size_t len, size_t start, size_t end);
int words_each(struct words *w, const char *text, size_t n, words_fn fn, void *ctx);

/*
 * Calls fn for every word of text, stop words too, with where it stands
 * and hit = 1 if its term is one of terms (terms made by words_each).
 * For highlighting: cheaper than words_each, since only words that begin
 * with one of the terms are stemmed (Snowball's Danish stems are the
 * word with an ending taken off). Stops and returns fn's first nonzero.
 */
typedef int (*words_mark_fn)(void *ctx, size_t start, size_t end, int hit);
int words_mark(struct words *w, const char *text, size_t n, const char *const *terms, size_t nterms,
	       words_mark_fn fn, void *ctx);

/* 1 if the n bytes at text hold a word at all, with a term or not. */
int words_any(const char *text, size_t n);
/* 1 if the lower-cased word (NUL-terminated) is a Danish stop word. */
int words_is_stop(const char *lower);

#endif
