/*
 * content.h: content in several languages on a page (model/version.h):
 * which of a text's languages a reader sees, the note that says so when
 * it is not theirs, links to the other languages (each named in itself,
 * so a reader who reads no Danish finds theirs), and the form controls
 * that choose languages. The reader's languages are, best first: one
 * asked for in the address (?in=ar), the interface language they chose,
 * those their browser asks for (Accept-Language), the interface
 * language, Danish. Content may be in a language the interface is not
 * (Arabic text on a Danish page): html_lang_attr marks it with lang and
 * dir, so it reads right to left inside a left-to-right page.
 */
#ifndef SAMSKAB_WEB_CONTENT_H
#define SAMSKAB_WEB_CONTENT_H

#include "http/request.h"
#include "model/version.h"
#include "web/html.h"

#define CONTENT_WANTS 8

/* Which text a page shows. */
struct content_choice {
	const char *shown;              /* its language */
	const char *wanted;             /* the reader's first language */
	const struct version *version;  /* NULL: the original */
};

/* The reader's languages, best first; returns how many (at most max). */
size_t content_wants(struct req *r, const char **out, size_t max);
/* Chooses among an original in original_lang and its versions. */
struct content_choice content_pick(struct req *r, const char *original_lang, const struct version *v,
				   size_t n);
/* The note when the text shown is not in the reader's first language,
 * then the languages it is in as links to base?in=CODE. */
void content_nav(struct html *h, struct req *r, const char *base, const struct content_choice *c,
		 const char *original_lang, const struct version *v, size_t n);
/* A language's name in the page's language, then in itself when that
 * differs ("arabisk (العربية)"); an unknown code as it is. */
void content_language(struct html *h, const char *code);
/* The names of a set of languages ("da ar"), separated by commas. */
void content_languages(struct html *h, const char *set);
/* A <select> of the content languages named name; selected may be NULL.
 * none (MSG__MAX for none) labels an empty first choice. */
void content_select(struct html *h, struct req *r, const char *name, enum msg label, enum msg none,
		    const char *selected, const struct field_errors *errs);
/* Checkboxes, one per content language, all named name, in a fieldset;
 * those in set are ticked. */
void content_checkboxes(struct html *h, const char *name, enum msg legend, const char *set,
			const struct field_errors *errs);
/* The values of a repeated form field (checkboxes), space-separated. */
const char *content_form_set(struct req *r, const char *name);

#endif
