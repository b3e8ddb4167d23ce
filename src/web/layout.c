/*
 * layout.c: the shared page frame (see layout.h).
 */
#include "web/layout.h"

#include <stdio.h>
#include <string.h>

#include "core/version.h"
#include "http/asset.h"
#include "model/notify.h"
#include "model/role.h"
#include "web/guard.h"

#define VERSION_TEXT "samskab " SAMSKAB_VERSION

static const struct {
	enum nav id;
	const char *href;
	enum msg label;
} nav_items[] = {
	{ NAV_ARENAS, "/arenas", MSG_NAV_ARENAS },
	{ NAV_AREAS, "/areas", MSG_NAV_AREAS },
	{ NAV_THEMES, "/themes", MSG_NAV_THEMES },
	{ NAV_ORGANISATIONS, "/organisations", MSG_NAV_ORGANISATIONS },
	{ NAV_STORIES, "/stories", MSG_NAV_STORIES },
	{ NAV_PROGRAMMES, "/programmes", MSG_NAV_PROGRAMMES },
};

struct html web_html(struct req *r)
{
	struct html h = { &r->out, r->lang };
	return h;
}

/* The language links keep the reader on the same page. */
static void language_switch(struct html *h, struct req *r)
{
	HTML(h, "<nav class=\"langs\" aria-label=\"");
	html_msg(h, MSG_NAV_LANGUAGES);
	HTML(h, "\"><ul>");
	for (size_t i = 0; i < i18n_count(); i++) {
		const struct lang *l = i18n_at(i);
		HTMLF(h, "<li><a href=\"/language?set=%s&amp;next=", l->code);
		html_urlpart(h, r->target);
		HTMLF(h, "\" hreflang=\"%s\" lang=\"%s\" dir=\"%s\"", l->code, l->code, l->rtl ? "rtl" : "ltr");
		if (l == r->lang)
			HTML(h, " aria-current=\"true\"");
		HTMLF(h, ">%s</a></li>", l->name);
	}
	HTML(h, "</ul></nav>");
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
		html_msgv(h, MSG_NOTIFY_NAV_UNREAD, args, 1);
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
			HTML(h, "<li><a href=\"/admin/roles\">");
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

void layout_begin(struct html *h, struct req *r, const char *title, enum nav current)
{
	layout_begin_alternates(h, r, title, current, NULL, 0);
}

void layout_begin_alternates(struct html *h, struct req *r, const char *title, enum nav current,
			     const struct layout_alternate *alternates, size_t n)
{
	HTMLF(h, "<!doctype html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
	      r->lang->code, r->lang->rtl ? "rtl" : "ltr");
	HTML(h, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	if (title) {
		html_text(h, title);
		HTML(h, " · ");
	}
	html_msg(h, MSG_SITE_NAME);
	HTMLF(h, "</title>\n<link rel=\"stylesheet\" href=\"%s\">\n", asset_url("style.css"));
	HTMLF(h, "<link rel=\"icon\" href=\"%s\" type=\"image/svg+xml\">\n", asset_url("icon.svg"));
	HTMLF(h, "<script src=\"%s\" defer></script>\n", asset_url("app.js"));
	for (size_t i = 0; i < n; i++)
		HTMLF(h, "<link rel=\"alternate\" type=\"%s\" href=\"%s\" title=\"%s\">\n",
		      alternates[i].type, alternates[i].href, alternates[i].title);
	HTML(h, "</head>\n<body>\n<a class=\"skip\" href=\"#main\">");
	html_msg(h, MSG_SKIP_TO_CONTENT);
	HTML(h, "</a>\n<header class=\"site\"><div class=\"bar\"><a class=\"brand\" href=\"/\"");
	if (current == NAV_HOME)
		HTML(h, " aria-current=\"page\"");
	HTML(h, ">");
	html_msg(h, MSG_SITE_NAME);
	HTML(h, "</a><nav class=\"main\" aria-label=\"");
	html_msg(h, MSG_NAV_MAIN);
	HTML(h, "\"><ul>");
	for (size_t i = 0; i < sizeof nav_items / sizeof nav_items[0]; i++) {
		HTMLF(h, "<li><a href=\"%s\"", nav_items[i].href);
		if (nav_items[i].id == current)
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
}

void layout_end(struct html *h, struct req *r)
{
	(void)r;
	HTML(h, "\n</main>\n<footer class=\"site\"><ul><li><a href=\"/accessibility\">");
	html_msg(h, MSG_NAV_ACCESSIBILITY);
	HTML(h, "</a></li><li><a href=\"/privacy\">");
	html_msg(h, MSG_NAV_PRIVACY);
	HTML(h, "</a></li><li><a href=\"/api/v1/organisations\">");
	html_msg(h, MSG_NAV_OPEN_DATA);
	HTML(h, "</a></li></ul><p>" VERSION_TEXT "</p></footer>\n</body>\n</html>\n");
}
