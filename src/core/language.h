/*
 * language.h: the languages people speak and content may be written in
 * (an association's description, a practical page, a welcome offer, an
 * interpreter asked for): a fixed list of codes (ISO 639-1; ISO 639-3
 * "prs" for Dari, which has none), each with its name in itself (what a
 * reader who reads no Danish looks for), its writing direction, and the
 * catalogue key of its name in the reader's language. Not the interface
 * languages (core/i18n.h): content may be in Arabic before the interface
 * is. Stored as codes; a set of languages is stored as codes separated
 * by spaces, in the order of this list.
 */
#ifndef SAMSKAB_CORE_LANGUAGE_H
#define SAMSKAB_CORE_LANGUAGE_H

#include <stddef.h>

#include "core/i18n.h"

struct language {
	const char *code;
	const char *autonym; /* the name in the language itself, e.g. "العربية" */
	int rtl;             /* written right to left */
	enum msg name;       /* its name in a catalogue's language */
};

/* The list as two arrays in the same order, for the vocabularies of
 * model/vocab.h (the guide programme's sets of languages). */
#define LANGUAGE_COUNT 17
extern const char *const language_codes[LANGUAGE_COUNT];
extern const enum msg language_names[LANGUAGE_COUNT];

size_t language_count(void);
const struct language *language_at(size_t i);
/* The language with this code (exact, lower case), or NULL. */
const struct language *language_find(const char *code);
/* language_find on the n bytes at code. */
const struct language *language_findn(const char *code, size_t n);

/* The longest stored set: every code and a space after each. */
#define LANGUAGE_SET_MAX 80

/* Reads a set of codes separated by spaces or commas into out (at least
 * LANGUAGE_SET_MAX bytes): known codes once each, in the list's order,
 * space-separated. 0; or -1 with *bad and *badlen naming the first code
 * that is not on the list (out then undefined). */
int language_set_parse(const char *codes, char *out, size_t outlen, const char **bad,
		       size_t *badlen);
/* Whether set (as stored) holds code. */
int language_set_has(const char *set, const char *code);

/* The content languages an Accept-Language header asks for, best first
 * ("ar-SY" counts as "ar"; "*" and unknown ones are left out): at most
 * max codes in out; returns how many. */
size_t language_accepted(const char *accept_language, const char **out, size_t max);

#endif
