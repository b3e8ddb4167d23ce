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

/* What a page tells the frame about itself: its title, where it sits in
 * the menu, and what a search engine or a link preview (Open Graph: the
 * card Facebook, Signal or a text message shows) says about it. */
struct layout_page {
	const char *title;       /* plain text; NULL: the site name alone */
	enum nav nav;
	/* The page's summary for <meta name="description"> and og:description,
	 * from its own content: plain text, or Markdown (its first paragraph
	 * is used); neither: the site's own summary. */
	const char *description;
	const char *description_md;
	const char *content_lang; /* the language of title and description, if not the page's */
	const char *image;        /* og:image: a path on this site, or NULL */
	const char *image_alt;
	int image_width, image_height;
	const struct layout_alternate *alternates;
	size_t nalternates;
};

/* What a form did, said at the top of the page it leads to: the page is
 * asked for with ?done=CODE, which the language links leave out, so a
 * notice is shown once and not again after switching language. */
enum done {
	DONE_ARENA_CREATED,
	DONE_ARENA_SAVED,
	DONE_ARENA_CLOSED,
	DONE_ARENA_REOPENED,
	DONE_PHASES_SAVED,
	DONE_INVITED,
	DONE_INVITATION_ACCEPTED,
	DONE_INVITATION_DECLINED,
	DONE_INVITATION_WITHDRAWN,
	DONE_ACTIVITY_CREATED,
	DONE_ACTIVITY_SAVED,
	DONE_SIGNED_UP,
	DONE_WAITING,
	DONE_SIGNUP_CANCELLED,
	DONE_STATEMENT_ADDED,
	DONE_STATEMENT_PENDING,
	DONE_ABOUT_SAVED,
	DONE_STATEMENT_ACCEPTED,
	DONE_STATEMENT_REJECTED,
	DONE_MODERATION_SAVED,
	DONE_ROLE_GRANTED,
	DONE_ROLE_REVOKED,
	DONE_VERIFIED,
	DONE_PROFILE_SAVED,
	DONE_PASSWORD_CHANGED,
	DONE_CONSENT_SAVED,
	DONE_SESSIONS_ENDED,
	DONE_ACCOUNT_DELETED,
	DONE_STORY_PUBLISHED,
	DONE_STORY_SAVED,
	DONE_PROPOSAL_STARTED,
	DONE_REVISION_SAVED,
	DONE_REVISION_MERGED,
	DONE_REVISION_UNCHANGED,
	DONE_REVISION_RESTORED,
	DONE_SUPPORT_GIVEN,
	DONE_SUPPORT_WITHDRAWN,
	DONE_COMMENT_ADDED,
	DONE_COMMENT_REPORTED,
	DONE_COMMENT_MODERATED,
	DONE_COMMENTS_MODERATED,
	DONE_STEP_RECORDED,
	DONE_AMENDMENT_ADDED,
	DONE_AMENDMENT_ACCEPTED,
	DONE_AMENDMENT_REJECTED,
	DONE_SITE_SAVED,
	DONE_GUEST_SENT,
	DONE_SIGNUP_ADDED,
	DONE_SIGNUP_REMOVED,
	DONE_AREA_CREATED,
	DONE_AREA_SAVED,
	DONE_AREA_RETIRED,
	DONE_AREA_RESTORED,
	DONE_AREA_DELETED,
	DONE_THEME_CREATED,
	DONE_THEME_SAVED,
	DONE_THEME_RETIRED,
	DONE_THEME_RESTORED,
	DONE_THEME_DELETED,
	DONE_ORGANISATION_CREATED,
	DONE_ORGANISATION_SAVED,
	DONE_ORGANISATION_RETIRED,
	DONE_ORGANISATION_RESTORED,
	DONE_ORGANISATION_DELETED,
	DONE_GUIDE_SAVED,
	DONE_GUIDE_STATUS,
	DONE_RECORD_SAVED,
	DONE_NEWCOMER_SAVED,
	DONE_NEWCOMER_WITHDRAWN,
	DONE_MATCH_ANSWERED,
	DONE_MATCH_SAVED,
	DONE_PROGRAMME_CREATED,
	DONE_PROGRAMME_SAVED,
	DONE_ROUND_RUN,
	DONE_ROUND_SAVED,
	DONE_NOTIFICATIONS_READ,
	DONE_NOTIFY_SETTINGS_SAVED,
	DONE_SAVED,
	DONE_OFFER_REPORTED,
	DONE__MAX
};

/* A writer for r's response body in r's language. */
struct html web_html(struct req *r);
void layout_open(struct html *h, struct req *r, const struct layout_page *p);
/* layout_open with a title (plain text; NULL for the site name alone)
 * and a menu entry only. */
void layout_begin(struct html *h, struct req *r, const char *title, enum nav current);
void layout_end(struct html *h, struct req *r);
/* A text with a count as plain text in the reader's language, from the
 * request's region ("12 stemmer"), for a value inside another text. */
const char *web_count(struct req *r, enum msgn m, long long n);
/* 303 to path (a local path, maybe with a #fragment) with ?done=CODE. */
int web_redirect_done(struct req *r, const char *path, enum done d);

#endif
