/*
 * layout.c: the shared page frame (see layout.h): <head> with the page's
 * summary for search engines and link previews, the header, the notice
 * of what a form just did, and the footer.
 */
#include "web/layout.h"

#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/version.h"
#include "http/asset.h"
#include "http/query.h"
#include "model/notify.h"
#include "model/role.h"
#include "model/site.h"
#include "web/guard.h"
#include "web/markdown.h"
#include "web/site.h"
#include "web/web.h"

#define VERSION_TEXT "samskab " SAMSKAB_VERSION
/* Search engines show about this much of a description. */
#define DESCRIPTION_BYTES 200

static const struct {
	enum nav id;
	const char *href;
	enum msg label;
} nav_items[] = {
	{ NAV_ARENAS, "/arenas", MSG_NAV_ARENAS },
	{ NAV_AREAS, "/areas", MSG_NAV_AREAS },
	{ NAV_LOCAL_LIFE, "/local-life", MSG_NAV_LOCAL_LIFE },
	{ NAV_THEMES, "/themes", MSG_NAV_THEMES },
	{ NAV_ORGANISATIONS, "/organisations", MSG_NAV_ORGANISATIONS },
	{ NAV_STORIES, "/stories", MSG_NAV_STORIES },
	{ NAV_PROGRAMMES, "/programmes", MSG_NAV_PROGRAMMES },
};

/* ?done=CODE and what it says. */
static const struct {
	const char *code;
	enum msg text;
} done_notices[] = {
	[DONE_ARENA_CREATED] = { "arena-created", MSG_DONE_ARENA_CREATED },
	[DONE_ARENA_SAVED] = { "arena-saved", MSG_DONE_ARENA_SAVED },
	[DONE_ARENA_CLOSED] = { "arena-closed", MSG_DONE_ARENA_CLOSED },
	[DONE_ARENA_REOPENED] = { "arena-reopened", MSG_DONE_ARENA_REOPENED },
	[DONE_PHASES_SAVED] = { "phases-saved", MSG_DONE_PHASES_SAVED },
	[DONE_INVITED] = { "invited", MSG_DONE_INVITED },
	[DONE_INVITATION_ACCEPTED] = { "invitation-accepted", MSG_DONE_INVITATION_ACCEPTED },
	[DONE_INVITATION_DECLINED] = { "invitation-declined", MSG_DONE_INVITATION_DECLINED },
	[DONE_INVITATION_WITHDRAWN] = { "invitation-withdrawn", MSG_DONE_INVITATION_WITHDRAWN },
	[DONE_ACTIVITY_CREATED] = { "activity-created", MSG_DONE_ACTIVITY_CREATED },
	[DONE_ACTIVITY_SAVED] = { "activity-saved", MSG_DONE_ACTIVITY_SAVED },
	[DONE_SIGNED_UP] = { "signed-up", MSG_DONE_SIGNED_UP },
	[DONE_WAITING] = { "waiting", MSG_DONE_WAITING },
	[DONE_SIGNUP_CANCELLED] = { "signup-cancelled", MSG_DONE_SIGNUP_CANCELLED },
	[DONE_STATEMENT_ADDED] = { "statement-added", MSG_DONE_STATEMENT_ADDED },
	[DONE_STATEMENT_PENDING] = { "statement-pending", MSG_DIALOGUE_ADDED_PENDING },
	[DONE_ABOUT_SAVED] = { "about-saved", MSG_DONE_ABOUT_SAVED },
	[DONE_STATEMENT_ACCEPTED] = { "statement-accepted", MSG_DONE_STATEMENT_ACCEPTED },
	[DONE_STATEMENT_REJECTED] = { "statement-rejected", MSG_DONE_STATEMENT_REJECTED },
	[DONE_MODERATION_SAVED] = { "moderation-saved", MSG_DONE_MODERATION_SAVED },
	[DONE_ROLE_GRANTED] = { "role-granted", MSG_ADMIN_GRANTED },
	[DONE_ROLE_REVOKED] = { "role-revoked", MSG_ADMIN_REVOKED },
	[DONE_VERIFIED] = { "verified", MSG_ME_NOTICE_VERIFIED },
	[DONE_PROFILE_SAVED] = { "profile-saved", MSG_ME_NOTICE_SAVED },
	[DONE_PASSWORD_CHANGED] = { "password-changed", MSG_ME_NOTICE_PASSWORD },
	[DONE_CONSENT_SAVED] = { "consent-saved", MSG_ME_NOTICE_CONSENT },
	[DONE_SESSIONS_ENDED] = { "sessions-ended", MSG_ME_NOTICE_SESSIONS },
	[DONE_ACCOUNT_DELETED] = { "account-deleted", MSG_ME_NOTICE_DELETED },
	[DONE_STORY_PUBLISHED] = { "story-published", MSG_DONE_STORY_PUBLISHED },
	[DONE_STORY_SAVED] = { "story-saved", MSG_STORY_SAVED },
	[DONE_PROPOSAL_STARTED] = { "proposal-started", MSG_PROPOSAL_STARTED },
	[DONE_REVISION_SAVED] = { "revision-saved", MSG_REVISION_SAVED },
	[DONE_REVISION_MERGED] = { "revision-merged", MSG_REVISION_SAVED_MERGED },
	[DONE_REVISION_UNCHANGED] = { "revision-unchanged", MSG_REVISION_UNCHANGED },
	[DONE_REVISION_RESTORED] = { "revision-restored", MSG_REVISION_RESTORED },
	[DONE_SUPPORT_GIVEN] = { "support-given", MSG_SUPPORT_GIVEN },
	[DONE_SUPPORT_WITHDRAWN] = { "support-withdrawn", MSG_SUPPORT_WITHDRAWN },
	[DONE_COMMENT_ADDED] = { "comment-added", MSG_COMMENT_ADDED },
	[DONE_COMMENT_REPORTED] = { "comment-reported", MSG_COMMENT_REPORTED },
	[DONE_COMMENT_MODERATED] = { "comment-moderated", MSG_DONE_COMMENT_MODERATED },
	[DONE_COMMENTS_MODERATED] = { "comments-moderated", MSG_DONE_COMMENTS_MODERATED },
	[DONE_STEP_RECORDED] = { "step-recorded", MSG_STEP_RECORDED },
	[DONE_AMENDMENT_ADDED] = { "amendment-added", MSG_AMENDMENT_ADDED },
	[DONE_AMENDMENT_ACCEPTED] = { "amendment-accepted", MSG_AMENDMENT_ACCEPTED_NOTICE },
	[DONE_AMENDMENT_REJECTED] = { "amendment-rejected", MSG_AMENDMENT_REJECTED_NOTICE },
	[DONE_SITE_SAVED] = { "site-saved", MSG_DONE_SITE_SAVED },
	[DONE_GUEST_SENT] = { "guest-sent", MSG_DONE_GUEST_SENT },
	[DONE_SIGNUP_ADDED] = { "signup-added", MSG_DONE_SIGNUP_ADDED },
	[DONE_SIGNUP_REMOVED] = { "signup-removed", MSG_DONE_SIGNUP_REMOVED },
	[DONE_AREA_CREATED] = { "area-created", MSG_DONE_AREA_CREATED },
	[DONE_AREA_SAVED] = { "area-saved", MSG_DONE_AREA_SAVED },
	[DONE_AREA_RETIRED] = { "area-retired", MSG_DONE_AREA_RETIRED },
	[DONE_AREA_RESTORED] = { "area-restored", MSG_DONE_AREA_RESTORED },
	[DONE_AREA_DELETED] = { "area-deleted", MSG_DONE_AREA_DELETED },
	[DONE_THEME_CREATED] = { "theme-created", MSG_DONE_THEME_CREATED },
	[DONE_THEME_SAVED] = { "theme-saved", MSG_DONE_THEME_SAVED },
	[DONE_THEME_RETIRED] = { "theme-retired", MSG_DONE_THEME_RETIRED },
	[DONE_THEME_RESTORED] = { "theme-restored", MSG_DONE_THEME_RESTORED },
	[DONE_THEME_DELETED] = { "theme-deleted", MSG_DONE_THEME_DELETED },
	[DONE_ORGANISATION_CREATED] = { "organisation-created", MSG_DONE_ORGANISATION_CREATED },
	[DONE_ORGANISATION_SAVED] = { "organisation-saved", MSG_DONE_ORGANISATION_SAVED },
	[DONE_ORGANISATION_RETIRED] = { "organisation-retired", MSG_DONE_ORGANISATION_RETIRED },
	[DONE_ORGANISATION_RESTORED] = { "organisation-restored", MSG_DONE_ORGANISATION_RESTORED },
	[DONE_ORGANISATION_DELETED] = { "organisation-deleted", MSG_DONE_ORGANISATION_DELETED },
	[DONE_GUIDE_SAVED] = { "guide-saved", MSG_DONE_GUIDE_SAVED },
	[DONE_GUIDE_STATUS] = { "guide-status", MSG_DONE_GUIDE_STATUS },
	[DONE_RECORD_SAVED] = { "record-saved", MSG_DONE_RECORD_SAVED },
	[DONE_NEWCOMER_SAVED] = { "newcomer-saved", MSG_DONE_NEWCOMER_SAVED },
	[DONE_NEWCOMER_WITHDRAWN] = { "newcomer-withdrawn", MSG_DONE_NEWCOMER_WITHDRAWN },
	[DONE_MATCH_ANSWERED] = { "answered", MSG_MATCH_THANKS },
	[DONE_MATCH_SAVED] = { "match-saved", MSG_DONE_MATCH_SAVED },
	[DONE_PROGRAMME_CREATED] = { "programme-created", MSG_DONE_PROGRAMME_CREATED },
	[DONE_PROGRAMME_SAVED] = { "programme-saved", MSG_DONE_PROGRAMME_SAVED },
	[DONE_ROUND_RUN] = { "round-run", MSG_DONE_ROUND_RUN },
	[DONE_ROUND_SAVED] = { "round-saved", MSG_DONE_ROUND_SAVED },
	[DONE_NOTIFICATIONS_READ] = { "notifications-read", MSG_NOTIFY_MARKED },
	[DONE_NOTIFY_SETTINGS_SAVED] = { "notify-settings-saved", MSG_DONE_NOTIFY_SETTINGS_SAVED },
	[DONE_SAVED] = { "saved", MSG_DONE_SAVED },
	[DONE_OFFER_REPORTED] = { "offer-reported", MSG_OFFER_REPORTED },
};
_Static_assert(sizeof done_notices / sizeof done_notices[0] == DONE__MAX, "a notice for every DONE_");

int web_redirect_done(struct req *r, const char *path, enum done d)
{
	size_t n = strcspn(path, "#");
	const char *code = (unsigned)d < DONE__MAX ? done_notices[d].code : "";
	return req_redirect(r, region_printf(r->region, "%.*s%sdone=%s%s", (int)n, path,
					     memchr(path, '?', n) ? "&" : "?", code, path + n));
}

struct html web_html(struct req *r)
{
	struct html h = { &r->out, r->lang };
	return h;
}

const char *web_count(struct req *r, enum msgn m, long long n)
{
	struct buf b = BUF_INIT(256);
	char s[24];
	snprintf(s, sizeof s, "%lld", n);
	const char *args[] = { s };
	msgn_format(&b, r->lang, m, n < 0 ? 0 : (unsigned long)n, args, 1);
	const char *out = region_printf(r->region, "%s", buf_str(&b));
	buf_free(&b);
	return out;
}

/* The language links keep the reader on the same page, without the
 * notice of what was just done (it was said already). */
static void language_switch(struct html *h, struct req *r)
{
	struct buf here = BUF_INIT(8192);
	query_url_except(&here, r, "done");
	HTML(h, "<nav class=\"langs\" aria-label=\"");
	html_msg(h, MSG_NAV_LANGUAGES);
	HTML(h, "\"><ul>");
	for (size_t i = 0; i < i18n_count(); i++) {
		const struct lang *l = i18n_at(i);
		HTMLF(h, "<li><a href=\"/language?set=%s&amp;next=", l->code);
		html_urlpart(h, buf_str(&here));
		HTMLF(h, "\" hreflang=\"%s\" lang=\"%s\" dir=\"%s\"", l->code, l->code, l->rtl ? "rtl" : "ltr");
		if (l == r->lang)
			HTML(h, " aria-current=\"true\"");
		HTMLF(h, ">%s</a></li>", l->name);
	}
	HTML(h, "</ul></nav>");
	buf_free(&here);
}

/* The notifications, with how many are unread (when it can be told). */
static void notifications_link(struct html *h, struct req *r)
{
	int64_t unread = 0;
	if (r->db == NULL || notify_unread(r->db, r->user_id, &unread) != MODEL_OK)
		unread = 0;
	HTML(h, "<li><a href=\"/me/notifications\">");
	html_msg(h, MSG_NOTIFY_NAV);
	if (unread > 0) {
		char n[24];
		snprintf(n, sizeof n, "%lld", (long long)(unread > 99 ? 99 : unread));
		const char *args[] = { unread > 99 ? "99+" : n };
		HTML(h, " <span class=\"badge\">");
		html_msgn(h, MSGN_NOTIFY_NAV_UNREAD, (unsigned long)(unread > 99 ? 99 : unread), args, 1);
		HTML(h, "</span>");
	}
	HTML(h, "</a></li>");
}

/* The search box, on every page (GET /search; works without script). */
static void search_box(struct html *h, struct req *r)
{
	HTML(h, "<form class=\"search\" role=\"search\" method=\"get\" action=\"/search\"><label "
		"for=\"site-search\" class=\"visually-hidden\">");
	html_msg(h, MSG_SEARCH_BOX);
	HTML(h, "</label><input type=\"search\" id=\"site-search\" name=\"q\" maxlength=\"200\"");
	const char *q = strcmp(r->path, "/search") == 0 ? req_query(r, "q") : NULL;
	if (q)
		HTMLF(h, " value=\"%s\"", q);
	HTML(h, "><button type=\"submit\">");
	html_msg(h, MSG_SEARCH_BUTTON);
	HTML(h, "</button></form>");
}

/* Signed in: the name (to the profile), administration for
 * administrators, and signing out (a form: it changes state). Otherwise
 * links to sign in and to sign up. */
static void account_links(struct html *h, struct req *r)
{
	HTML(h, "<nav class=\"account\" aria-label=\"");
	html_msg(h, MSG_NAV_ACCOUNT);
	HTML(h, "\"><ul>");
	if (r->user_id) {
		HTMLF(h, "<li><a href=\"/me\">%s</a></li>", r->user_name);
		notifications_link(h, r);
		if (r->user_roles & (1u << ROLE_ADMIN)) {
			HTML(h, "<li><a href=\"/admin\">");
			html_msg(h, MSG_NAV_ADMIN);
			HTML(h, "</a></li>");
		}
		HTMLF(h, "<li><form method=\"post\" action=\"/logout\"><input type=\"hidden\" "
			 "name=\"csrf\" value=\"%s\"><button type=\"submit\" class=\"link\">",
		      web_csrf(r));
		html_msg(h, MSG_NAV_SIGN_OUT);
		HTML(h, "</button></form></li>");
	} else {
		HTML(h, "<li><a href=\"/login\">");
		html_msg(h, MSG_NAV_SIGN_IN);
		HTML(h, "</a></li><li><a href=\"/signup\">");
		html_msg(h, MSG_NAV_SIGN_UP);
		HTML(h, "</a></li>");
	}
	HTML(h, "</ul></nav>");
}

/* The site as the municipality made it its own, or the defaults. */
static void brand_of(struct req *r, struct site_brand *b)
{
	*b = (struct site_brand){ .name = "", .colour = "", .home_title = "", .home_intro = "" };
	/* Without a database (an error page about it, an asset) the
	 * defaults; a page that read its own data can read this too, so a
	 * failure here is worth a line in the log but not the page. */
	if (r->db && site_brand_get(r->db, r->region, r->lang->code, b) != MODEL_OK) {
		log_warn("the site's name and colour could not be read; the defaults are shown", store_error(r->db));
		*b = (struct site_brand){ .name = "", .colour = "", .home_title = "", .home_intro = "" };
	}
	if (*b->name == '\0')
		b->name = msg_get(r->lang, MSG_SITE_NAME);
}

/* The page's summary, as an attribute value (escaped). */
static void description(struct html *h, const struct layout_page *p, const struct site_brand *b)
{
	if (p->description_md && *p->description_md)
		markdown_excerpt(h, p->description_md, DESCRIPTION_BYTES);
	else if (p->description && *p->description)
		html_text(h, p->description);
	else
		markdown_excerpt(h, *b->home_intro ? b->home_intro : msg_get(h->lang, MSG_HOME_INTRO), DESCRIPTION_BYTES);
}

/* <meta name="description"> and the Open Graph card. */
static void summary_tags(struct html *h, struct req *r, const struct layout_page *p, const struct site_brand *b)
{
	HTML(h, "<meta name=\"description\" content=\"");
	description(h, p, b);
	HTMLF(h, "\">\n<meta property=\"og:type\" content=\"website\">\n<meta property=\"og:site_name\" content=\"%s",
	      b->name);
	HTMLF(h, "\">\n<meta property=\"og:title\" content=\"%s", p->title ? p->title : b->name);
	HTML(h, "\">\n<meta property=\"og:description\" content=\"");
	description(h, p, b);
	struct buf here = BUF_INIT(8192);
	query_url_except(&here, r, "done");
	HTML(h, "\">\n<meta property=\"og:url\" content=\"");
	html_text(h, site.base_url);
	html_text(h, buf_str(&here));
	buf_free(&here);
	const char *locale = p->content_lang ? p->content_lang : r->lang->code;
	HTMLF(h, "\">\n<meta property=\"og:locale\" content=\"%s\">\n",
	      strcmp(locale, "da") == 0 ? "da_DK" : strcmp(locale, "en") == 0 ? "en_GB" : locale);
	/* A page without an image of its own is shown with the logo. */
	const char *image = p->image;
	if (image == NULL && b->logo.id)
		image = web_image_url(r, &b->logo, b->logo.width);
	if (image) {
		HTML(h, "<meta property=\"og:image\" content=\"");
		html_text(h, site.base_url);
		html_text(h, image);
		HTML(h, "\">\n");
		if (p->image_width > 0)
			HTMLF(h, "<meta property=\"og:image:width\" content=\"%d\">\n"
				 "<meta property=\"og:image:height\" content=\"%d\">\n",
			      p->image_width, p->image_height);
		if (p->image_alt)
			HTMLF(h, "<meta property=\"og:image:alt\" content=\"%s\">\n", p->image_alt);
		HTMLF(h, "<meta name=\"twitter:card\" content=\"%s\">\n", p->image ? "summary_large_image" : "summary");
	}
}

/* The notice for ?done=, if it names one. */
static void done_notice(struct html *h, struct req *r)
{
	const char *code = req_query(r, "done");
	for (size_t i = 0; code && i < DONE__MAX; i++)
		if (strcmp(code, done_notices[i].code) == 0) {
			HTML(h, "<div class=\"notice\" role=\"status\">");
			html_msg(h, done_notices[i].text);
			HTML(h, "</div>\n");
			return;
		}
}

void layout_begin(struct html *h, struct req *r, const char *title, enum nav current)
{
	const struct layout_page p = { .title = title, .nav = current };
	layout_open(h, r, &p);
}

void layout_open(struct html *h, struct req *r, const struct layout_page *p)
{
	struct site_brand b;
	brand_of(r, &b);
	HTMLF(h, "<!doctype html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
	      r->lang->code, r->lang->rtl ? "rtl" : "ltr");
	HTML(h, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	if (p->title) {
		html_text(h, p->title);
		HTML(h, " · ");
	}
	html_text(h, b.name);
	HTML(h, "</title>\n");
	summary_tags(h, r, p, &b);
	HTMLF(h, "<link rel=\"stylesheet\" href=\"%s\">\n", asset_url("style.css"));
	/* The municipality's colour: a stylesheet of its own (no inline
	 * styles under our CSP), its address changing when it does. */
	if (*b.colour)
		HTMLF(h, "<link rel=\"stylesheet\" href=\"/brand.css?v=%lld\">\n", (long long)b.updated_at);
	HTMLF(h, "<link rel=\"icon\" href=\"%s\" type=\"image/svg+xml\">\n", asset_url("icon.svg"));
	HTMLF(h, "<script src=\"%s\" defer></script>\n", asset_url("app.js"));
	for (size_t i = 0; i < p->nalternates; i++)
		HTMLF(h, "<link rel=\"alternate\" type=\"%s\" href=\"%s\" title=\"%s\">\n",
		      p->alternates[i].type, p->alternates[i].href, p->alternates[i].title);
	HTML(h, "</head>\n<body>\n<a class=\"skip\" href=\"#main\">");
	html_msg(h, MSG_SKIP_TO_CONTENT);
	HTML(h, "</a>\n<header class=\"site\"><div class=\"bar\"><a class=\"brand\" href=\"/\"");
	if (p->nav == NAV_HOME)
		HTML(h, " aria-current=\"page\"");
	HTML(h, ">");
	/* The logo is decoration beside the name, which says the same. */
	if (b.logo.id)
		HTMLF(h, "<img class=\"logo\" src=\"%s\" alt=\"\" height=\"40\">", web_image_url(r, &b.logo, 1));
	html_text(h, b.name);
	HTML(h, "</a><nav class=\"main\" aria-label=\"");
	html_msg(h, MSG_NAV_MAIN);
	HTML(h, "\"><ul>");
	for (size_t i = 0; i < sizeof nav_items / sizeof nav_items[0]; i++) {
		HTMLF(h, "<li><a href=\"%s\"", nav_items[i].href);
		if (nav_items[i].id == p->nav)
			HTML(h, " aria-current=\"page\"");
		HTML(h, ">");
		html_msg(h, nav_items[i].label);
		HTML(h, "</a></li>");
	}
	HTML(h, "</ul></nav><div class=\"tools\">");
	search_box(h, r);
	language_switch(h, r);
	account_links(h, r);
	HTML(h, "</div></div></header>\n<main id=\"main\" tabindex=\"-1\">\n");
	done_notice(h, r);
}

void layout_end(struct html *h, struct req *r)
{
	(void)r;
	HTML(h, "\n</main>\n<footer class=\"site\"><div class=\"bar\"><ul><li><a href=\"/accessibility\">");
	html_msg(h, MSG_NAV_ACCESSIBILITY);
	HTML(h, "</a></li><li><a href=\"/privacy\">");
	html_msg(h, MSG_NAV_PRIVACY);
	HTML(h, "</a></li><li><a href=\"/api/v1/organisations\">");
	html_msg(h, MSG_NAV_OPEN_DATA);
	HTML(h, "</a></li></ul><p>" VERSION_TEXT "</p></div></footer>\n</body>\n</html>\n");
}
