/*
 * i18n.h: the interface languages. Each language is a catalogue file in
 * i18n/ (compiled into the binary), "key = text" per line, with @code,
 * @name and @dir headers; i18n/da.txt is the reference whose keys make the
 * MSG_ enum, so code can only ask for a key that exists. A language is
 * added by adding a file, not code. Catalogue texts are plain text (the
 * HTML writer escapes them); {1}, {2}... mark places for values.
 */
#ifndef SAMSKAB_CORE_I18N_H
#define SAMSKAB_CORE_I18N_H

#include <stddef.h>

#include "core/buf.h"

#include "msg.h"

struct lang {
	const char *code; /* BCP 47, e.g. "da", "en", "ar" */
	const char *name; /* the language's name in itself, e.g. "Dansk" */
	int rtl;          /* written right to left */
	const char *msg[MSG__MAX]; /* NULL where the catalogue lacks the key */
};

/* Parses the embedded catalogues once; later calls return the first result.
 * 0, or -1 with a message naming file and line in err. */
int i18n_init(char *err, size_t errlen);
const struct lang *i18n_default(void);
size_t i18n_count(void);
const struct lang *i18n_at(size_t i);
/* The language with this code, or NULL. */
const struct lang *i18n_find(const char *code);
/* One language range of an Accept-Language header h: *range and *n its
 * text ("en-GB", "*"), *q its weight (1 when not given, 0 when
 * malformed); returns where the next one starts, NULL after the last. */
const char *i18n_accept_next(const char *h, const char **range, size_t *n, double *q);
/* The best language for an Accept-Language header, or NULL. */
const struct lang *i18n_negotiate(const char *accept_language);
/* The text for m in l, falling back to the default language. */
const char *msg_get(const struct lang *l, enum msg m);
const char *msg_key(enum msg m);
/* Writes the text for m with {1}..{n} replaced by args: put receives the
 * text's own pieces with arg 0 and the value of {i} with arg i, so a
 * caller can escape one and not the other, or write {i} its own way. */
void msg_expand(const struct lang *l, enum msg m, const char *const *args, int nargs,
		void (*put)(void *ctx, const char *s, size_t n, int arg), void *ctx);
/* Appends the text for m with {1}..{n} replaced by args to out, as plain
 * text: nothing escaped, for mail, JSON and values that are escaped
 * once where they are written (HTML goes through html_msgv instead). */
void msg_format(struct buf *out, const struct lang *l, enum msg m, const char *const *args, int nargs);
/* Keys of a catalogue that are missing; *count set. Names are static. */
size_t i18n_missing(const struct lang *l, const char **keys, size_t max);
/* Keys in a catalogue that the reference does not have (file:line text). */
size_t i18n_unknown(char *report, size_t len);

#endif
