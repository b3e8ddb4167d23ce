/*
 * i18n.h: the interface languages. Each language is a gettext PO file in
 * i18n/ (i18n/README.md), compiled into the binary by tools/po; the keys
 * of the reference i18n/da.po make the enums, so code can only ask for a
 * text that exists: enum msg for texts without a count, enum msgn for
 * texts whose form depends on a number ("1 deltager", "5 deltagere";
 * Arabic has six forms), chosen by the rule in the catalogue's
 * Plural-Forms header. A language is added by adding a file, not code.
 * Catalogue texts are plain text (the HTML writer escapes them); {1},
 * {2}... mark places for values.
 */
#ifndef SAMSKAB_CORE_I18N_H
#define SAMSKAB_CORE_I18N_H

#include <stddef.h>

#include "core/buf.h"
#include "core/plural.h"

#include "msg.h"

struct lang {
	const char *code;           /* BCP 47, e.g. "da", "en", "ar" */
	const char *name;           /* the language's name in itself, e.g. "Dansk" */
	int rtl;                    /* written right to left */
	int review_pending;         /* no native speaker has reviewed it yet */
	const char *plural_forms;   /* the PO header's Plural-Forms */
	struct plural plural;       /* ... parsed */
	const char *const *msg;     /* MSG__MAX texts; NULL where it lacks one */
	const char *const *msgn;    /* MSGN__MAX texts, plural forms NUL-separated */
	int problem_count;          /* keys missing, fuzzy, untranslated... */
	const char *problems;       /* ... one "file:line: key: what" line each */
};

/* Sets up the embedded catalogues once; later calls return the first
 * result. 0, or -1 with a message naming the file in err. */
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
/* The form of text m for the count n in l, by l's plural rule; where l
 * lacks the text, the Danish form by the Danish rule. */
const char *msgn_get(const struct lang *l, enum msgn m, unsigned long n);
const char *msgn_key(enum msgn m);

/* Writes the text for m with {1}..{n} replaced by args: put receives the
 * text's own pieces with arg 0 and the value of {i} with arg i, so a
 * caller can escape one and not the other, or write {i} its own way. */
typedef void msg_put_fn(void *ctx, const char *s, size_t n, int arg);
void msg_expand(const struct lang *l, enum msg m, const char *const *args, int nargs, msg_put_fn *put,
		void *ctx);
/* The same for the form of m that fits the count n. */
void msgn_expand(const struct lang *l, enum msgn m, unsigned long n, const char *const *args, int nargs,
		 msg_put_fn *put, void *ctx);
/* Appends the text for m with {1}..{n} replaced by args to out, as plain
 * text: nothing escaped, for mail, JSON and values that are escaped
 * once where they are written (HTML goes through html_msgv instead). */
void msg_format(struct buf *out, const struct lang *l, enum msg m, const char *const *args, int nargs);
void msgn_format(struct buf *out, const struct lang *l, enum msgn m, unsigned long n, const char *const *args,
		 int nargs);
/* Keys of a catalogue that it lacks (or has untranslated), texts without
 * a count first; the count is returned, at most max names set. */
size_t i18n_missing(const struct lang *l, const char **keys, size_t max);

#endif
