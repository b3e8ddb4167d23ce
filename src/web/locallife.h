/*
 * locallife.h: what the pages of local life share (issue 14): the
 * association directory's filter (read from the query, drawn as a GET
 * form that works without JavaScript), weekly meeting times as people
 * read them, who keeps an association, the translation form every kind
 * of content uses, and an area's summary for its page.
 */
#ifndef SAMSKAB_WEB_LOCALLIFE_H
#define SAMSKAB_WEB_LOCALLIFE_H

#include "model/association.h"
#include "model/leisure.h"
#include "model/offer.h"
#include "model/practical.h"
#include "model/term.h"
#include "web/html.h"
#include "web/layout.h"

/* Reads ?area=&category=&day=&from=&language=&age=&free=&fritidspas=
 * &step_free= into f (area only when with_area); 0, or 400 with the
 * field named. */
int web_association_filter(struct req *r, int with_area, struct association_filter *f);
/* The filter as a GET form to action; the area <select> only when areas
 * is not NULL. */
void web_association_filter_form(struct html *h, struct req *r, const char *action,
				 const struct association_filter *f, const struct term *areas,
				 size_t nareas);
/* "16.30" in l's clock style (plain text, in a). */
const char *web_clock_text(struct region *a, const struct lang *l, int minutes);
/* web_clock_text in the page's language, written. */
void web_clock(struct html *h, struct region *a, int minutes);
/* "tirsdag 16.30–18.00" (with_day), or "16.30–18.00". */
void web_meeting_when(struct html *h, struct region *a, const struct meeting *m, int with_day);
/* The catalogue name of ISO weekday 1..7 (1 = Monday). */
enum msg web_weekday_msg(int weekday);
/* Whether the signed-in user keeps organisation id's association facts:
 * its representative, or staff (PERM_LOCAL_LIFE). */
int web_keeps_association(struct req *r, int64_t organisation_id);
/* The leisure calendar's events as rows with time, kind, association. */
void web_leisure_rows(struct html *h, const struct leisure_event *e, size_t n, int with_association);
/* A list of welcome offers as cards. */
void web_offer_cards(struct html *h, struct req *r, const struct offer *o, size_t n);
/* Practical pages as a list by topic, with the languages each is in. */
void web_practical_list(struct html *h, const struct practical_page *p, size_t n);

/* The page that writes a version of some content in another language. */
struct version_page {
	const char *base;           /* the content's page, e.g. "/practical/3" */
	const char *item_title;     /* its title, for the heading (plain text) */
	const char *original_lang;
	struct version_table *table;
	int64_t item_id;
	enum msg title_label, body_label;
	int title_required;
	enum nav nav;
};
/* Fills p for the route's content, if the user may write its versions:
 * 0, or the status to answer (403, 404, 503). */
typedef int (*version_page_fn)(struct req *r, struct version_page *p);
/* GET .../version?lang=: 200 the form, filled from the version in lang
 * when there is one; or load's status. */
int web_version_get(struct req *r, version_page_fn load);
/* POST .../version (lang, title, body, delete): 303 to the content in
 * that language (or, deleted, in its original); 400 the form with its
 * errors; or load's status; 503. */
int web_version_post(struct req *r, version_page_fn load);

/* What an area's page shows of its local life, read before it writes. */
struct local_life_summary {
	int64_t associations;
	struct leisure_event *events;
	size_t nevents;
	struct offer *offers;
	size_t noffers;
	int64_t total_offers;
	struct practical_page *pages;
	size_t npages;
};
MODEL_MUST_USE enum model_rc web_local_life_load(struct req *r, int64_t area_id,
						 struct local_life_summary *s);
void web_local_life_summary(struct html *h, struct req *r, const struct term *area,
			    const struct local_life_summary *s);

#endif
