/*
 * layout.h: the frame around every page: <head>, skip link, header with
 * the main menu, language switch and sign-in state, <main>, footer. Pages
 * write their content between layout_begin and layout_end.
 */
#ifndef SAMSKAB_WEB_LAYOUT_H
#define SAMSKAB_WEB_LAYOUT_H

#include "http/request.h"
#include "web/html.h"

/* Main menu entries; the current one is marked aria-current="page". */
enum nav { NAV_NONE, NAV_HOME, NAV_ARENAS, NAV_AREAS, NAV_THEMES, NAV_ORGANISATIONS, NAV_STORIES,
	   NAV_PROGRAMMES, NAV_LOCAL_LIFE, NAV__MAX };

/* Another form of the page, linked from <head> as <link rel="alternate">
 * so browsers and feed readers find it: an Atom feed, an iCalendar feed. */
struct layout_alternate {
	const char *type;  /* e.g. "application/atom+xml" */
	const char *href;  /* a path on this site */
	const char *title; /* plain text (escaped) */
};

/* A writer for r's response body in r's language. */
struct html web_html(struct req *r);
/* title is plain text (escaped); NULL for the site name alone. */
void layout_begin(struct html *h, struct req *r, const char *title, enum nav current);
/* layout_begin with n alternates in <head>. */
void layout_begin_alternates(struct html *h, struct req *r, const char *title, enum nav current,
			     const struct layout_alternate *alternates, size_t n);
void layout_end(struct html *h, struct req *r);
/* A text with a count as plain text in the reader's language, from the
 * request's region ("12 stemmer"), for a value inside another text. */
const char *web_count(struct req *r, enum msgn m, long long n);

#endif
