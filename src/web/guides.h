/*
 * guides.h: what the guide programme's pages share (programme.c, guide.c,
 * newcomer.c, round.c, pairing.c, reasons.c): loading the programme of
 * the path, the connection that may log a read, the vocabularies as form
 * controls and as words, the coordinators' menu, and the reasons behind
 * a pair or a newcomer without a guide in the reader's language.
 *
 * Newcomers' data is read only through the model functions that log the
 * read (model/newcomer.h), inside web_logged: a page that cannot log its
 * reads shows nothing (503).
 */
#ifndef SAMSKAB_WEB_GUIDES_H
#define SAMSKAB_WEB_GUIDES_H

#include "http/request.h"
#include "model/newcomer.h"
#include "model/pairing.h"
#include "model/programme.h"
#include "model/vocab.h"
#include "web/html.h"
#include "web/web.h"
#include "web/widget.h"

/* The programme of the path's first {id}: 0, or the status already set
 * (404, 503). */
int guides_programme(struct req *r, struct programme *p);
/* The reader as the audit log's actor. */
struct newcomer_actor guides_actor(struct req *r);
/* "/programmes/ID" + suffix. */
const char *guides_path(struct req *r, int64_t programme_id, const char *suffix);

/* The coordinators' menu of a programme; current is the path shown. */
void guides_menu(struct html *h, struct req *r, const struct programme *p, const char *current);
/* <h1> with the crumbs back to the programme. */
void guides_heading(struct html *h, struct req *r, const struct programme *p, const char *title);

/* A set as words: "arabisk, engelsk og dansk"; nothing for an empty set. */
void guides_set(struct html *h, const struct vocab *v, uint64_t set);
/* The same as plain text (for mail), in region a. */
const char *guides_set_text(struct region *a, const struct lang *l, const struct vocab *v,
			    uint64_t set);
/* Checkboxes for a vocabulary in a fieldset, named name (one value per
 * code), those in set checked. */
void guides_checks(struct html *h, struct req *r, const char *name, enum msg legend,
		   enum msg hint, const struct vocab *v, uint64_t set,
		   const struct field_errors *errs);
/* Radio buttons for a vocabulary; selected is an index or -1. */
void guides_radios(struct html *h, struct req *r, const char *name, enum msg legend,
		   const struct vocab *v, int selected, const struct field_errors *errs);
/* Every value of the form's field name as a set: 0, or -1 for a code the
 * vocabulary does not have (r->error_detail names it; the caller answers
 * 400 with its message). */
int guides_form_set(struct req *r, const char *name, const struct vocab *v, uint64_t *set);
/* The form's field as a vocabulary index: -1 when missing or unknown. */
int guides_form_choice(struct req *r, const char *name, const struct vocab *v);
/* The form's field as a number in [lo, hi], else def. *ok 0 when it was
 * given but is not such a number. */
int64_t guides_form_int(struct req *r, const char *name, int64_t lo, int64_t hi, int64_t def,
			int *ok);

/* reasons.c: why a pair was proposed, as a list of short sentences. */
void reasons_pair(struct html *h, struct req *r, uint64_t languages, uint64_t interests,
		  uint8_t times, int32_t km, int32_t waited_days);
/* Why a newcomer has no guide: the deciding rule in a sentence, then how
 * many guides each rule left out. */
void reasons_unmatched(struct html *h, struct req *r, const struct pairing_unmatched *u);
/* Why a guide may not be given to a newcomer by hand (rule of match.h). */
void reasons_rule(struct html *h, enum match_rule rule);

#endif
