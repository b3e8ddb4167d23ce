/*
 * calendar.c: iCalendar feeds (RFC 5545) of activities: an arena's, a
 * local area's, and a person's own sign-ups. Calendar programs send no
 * cookies, so the personal feed lives at a secret address whose token is
 * the credential (model/calendar.h); this file also has the page that
 * makes that address and the section of /me that leads to it. Every
 * line of a feed goes through web/ical.h; times are written in UTC, so
 * daylight-saving changes need no VTIMEZONE.
 */
#include <string.h>

#include "core/version.h"
#include "model/account.h"
#include "model/activity.h"
#include "model/area.h"
#include "model/arena.h"
#include "model/calendar.h"
#include "model/signup.h"
#include "web/ical.h"
#include "web/layout.h"
#include "web/mail.h"
#include "web/site.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

/* More than any arena holds; the feed is one response, not paged. */
#define FEED_MAX_ACTIVITIES 10000

/* The host of site.base_url ("https://x.dk:8443" -> "x.dk"; an IPv6
 * literal keeps its brackets). */
static const char *base_host(struct region *a)
{
	const char *p = strstr(site.base_url, "://");
	p = p ? p + 3 : site.base_url;
	size_t n = p[0] == '[' ? strcspn(p, "]") + 1 : strcspn(p, ":/");
	return region_strndup(a, p, n);
}

void web_calendar_begin(struct calendar_feed *f, struct req *r, const struct lang *lang, const char *name)
{
	f->r = r;
	f->lang = lang;
	f->host = base_host(r->region);
	f->now = model_now();
	r->content_type = "text/calendar; charset=utf-8";
	struct buf *out = &r->out;
	ICAL_VALUE(out, "BEGIN", "VCALENDAR");
	ICAL_VALUE(out, "VERSION", "2.0");
	ICAL_VALUE(out, "PRODID", "-//samskab//samskab " SAMSKAB_VERSION "//DA");
	ICAL_VALUE(out, "CALSCALE", "GREGORIAN");
	ICAL_VALUE(out, "METHOD", "PUBLISH");
	ICAL_TEXT(out, "X-WR-CALNAME", name);
	ICAL_VALUE(out, "X-WR-TIMEZONE", "Europe/Copenhagen");
	/* How often subscribers should fetch again (RFC 7986; Outlook's). */
	ICAL_VALUE(out, "REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
	ICAL_VALUE(out, "X-PUBLISHED-TTL", "PT1H");
}

int web_calendar_end(struct calendar_feed *f)
{
	ICAL_VALUE(&f->r->out, "END", "VCALENDAR");
	return 200;
}

/* One activity as a VEVENT. standing says where the person stands on it
 * (a place, or the waiting list) in the personal feed; NULL in the
 * public feeds. */
static void feed_event(struct calendar_feed *f, const struct activity *x, const char *standing)
{
	struct region *a = f->r->region;
	struct buf *out = &f->r->out;
	const char *kind = x->kind == KIND_OTHER && x->kind_other && *x->kind_other
				   ? x->kind_other
				   : msg_get(f->lang, activity_kind_msg(x->kind));
	int has_place = x->place && *x->place;
	const char *text = region_printf(a, "%s%s%s · %s", standing ? standing : "",
					 standing ? "\n\n" : "", kind, x->arena_title);
	if (x->description && *x->description)
		text = region_printf(a, "%s\n\n%s", text, x->description);
	if (has_place && x->online_url && *x->online_url)
		text = region_printf(a, "%s\n\n%s %s", text, msg_get(f->lang, MSG_CALENDAR_ONLINE),
				     x->online_url);
	const char *summary = x->cancelled ? region_printf(a, "%s %s", msg_get(f->lang, MSG_CALENDAR_CANCELLED),
							   x->title)
					   : x->title;

	ICAL_VALUE(out, "BEGIN", "VEVENT");
	ICAL_VALUE(out, "UID", region_printf(a, "activity-%lld@%s", (long long)x->id, f->host));
	ICAL_UTC(out, "DTSTAMP", f->now);
	ICAL_UTC(out, "DTSTART", x->starts_at);
	ICAL_UTC(out, "DTEND", x->ends_at);
	ICAL_UTC(out, "LAST-MODIFIED", x->updated_at);
	ICAL_VALUE(out, "SEQUENCE", region_printf(a, "%lld", (long long)x->revision));
	ICAL_VALUE(out, "STATUS", x->cancelled ? "CANCELLED" : "CONFIRMED");
	ICAL_TEXT(out, "SUMMARY", summary);
	ICAL_TEXT(out, "DESCRIPTION", text);
	ICAL_TEXT(out, "LOCATION", has_place ? x->place : x->online_url);
	ICAL_TEXT(out, "CATEGORIES", kind);
	ICAL_VALUE(out, "URL", region_printf(a, "%s/arenas/%lld/activities/%lld", site.base_url,
					     (long long)x->arena_id, (long long)x->id));
	ICAL_VALUE(out, "END", "VEVENT");
}

/* GET /arenas/{id}/calendar.ics: 200 every activity of the arena, past
 * and coming, cancelled ones marked; 404 no such arena; 503. */
int web_arena_calendar(struct req *r)
{
	struct arena ar;
	struct activity *items;
	size_t n;
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], &ar);
	if (rc == MODEL_OK)
		rc = activity_list_arena(r->db, r->region, ar.id, ACTIVITY_ALL, FEED_MAX_ACTIVITIES, &items,
					 &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct calendar_feed f;
	web_calendar_begin(&f, r, r->lang, ar.title);
	for (size_t i = 0; i < n; i++)
		feed_event(&f, &items[i], NULL);
	return web_calendar_end(&f);
}

/* GET /areas/{id}/calendar.ics: 200 the activities of every arena in the
 * local area; 404 no such area; 503. */
int web_area_calendar(struct req *r)
{
	struct term ar;
	struct activity *items;
	size_t n;
	enum model_rc rc = area_get(r->db, r->region, r->params[0], &ar);
	if (rc == MODEL_OK)
		rc = activity_list_area(r->db, r->region, ar.id, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct calendar_feed f;
	web_calendar_begin(&f, r, r->lang,
		   region_printf(r->region, "%s · %s", ar.name, msg_get(r->lang, MSG_CALENDAR_ACTIVITIES)));
	for (size_t i = 0; i < n; i++)
		feed_event(&f, &items[i], NULL);
	return web_calendar_end(&f);
}

/* GET /me/calendar.ics?token=: 200 the activities the token's owner has
 * a place on or is waiting for, in their language, each saying which;
 * 404 for a missing, unknown or retired token; 503. */
int web_my_calendar(struct req *r)
{
	int64_t account_id = 0;
	struct account acc;
	struct signup *items;
	size_t n;
	enum model_rc rc = calendar_token_account(r->db, req_query(r, "token"), &account_id);
	if (rc == MODEL_OK)
		rc = account_get(r->db, r->region, account_id, &acc);
	if (rc == MODEL_OK)
		rc = signup_of_account(r->db, r->region, account_id, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	/* Everything is read before the first line is written, so a failure
	 * still gets an error page. */
	struct activity *acts = region_calloc(r->region, n ? n : 1, sizeof *acts);
	enum msg *standing = region_calloc(r->region, n ? n : 1, sizeof *standing);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		rc = activity_get(r->db, r->region, items[i].activity_id, &acts[m]);
		if (rc == MODEL_NOT_FOUND)
			continue; /* deleted since the list was read */
		if (rc != MODEL_OK)
			return req_status(r, model_status(rc));
		standing[m++] = items[i].status == SIGNUP_WAITING ? MSG_CALENDAR_PLACE_WAITING
								  : MSG_CALENDAR_PLACE_CONFIRMED;
	}
	const struct lang *lang = i18n_find(acc.lang);
	if (lang == NULL)
		lang = r->lang;
	/* Personal data: never kept by a cache on the way. */
	req_set_header(r, "Cache-Control", "private, no-store");
	struct calendar_feed f;
	web_calendar_begin(&f, r, lang,
		   region_printf(r->region, "%s · %s", msg_get(lang, MSG_SITE_NAME), msg_get(lang, MSG_CALENDAR_MINE)));
	for (size_t i = 0; i < m; i++)
		feed_event(&f, &acts[i], msg_get(lang, standing[i]));
	return web_calendar_end(&f);
}

/* POST /me/calendar: 200 a page with the new secret address of one's
 * calendar feed, shown this once (the old address stops working); 503. */
int web_my_calendar_renew(struct req *r)
{
	char token[SECRET_TOKEN_LEN + 1];
	enum model_rc rc = calendar_token_issue(r->db, r->user_id, token);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *url = mail_link(r, "/me/calendar.ics?token=", token);
	req_set_header(r, "Cache-Control", "no-store");
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_CALENDAR_ADDRESS_TITLE), NAV_NONE);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_CALENDAR_ADDRESS_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_CALENDAR_ADDRESS_INTRO);
	HTML(&h, "</p>\n<div class=\"field\"><label for=\"calendar-address\">");
	html_msg(&h, MSG_CALENDAR_ADDRESS);
	HTMLF(&h, "</label><input type=\"url\" id=\"calendar-address\" readonly value=\"%s\" "
		  "aria-describedby=\"calendar-address-hint\"><p class=\"hint\" id=\"calendar-address-hint\">",
	      url);
	html_msg(&h, MSG_CALENDAR_ADDRESS_SECRET);
	HTML(&h, "</p></div>\n<p><a href=\"/me#calendar\">");
	html_msg(&h, MSG_CALENDAR_BACK);
	HTML(&h, "</a></p>\n");
	layout_end(&h, r);
	return 200;
}

void web_calendar_section(struct html *h, struct req *r, int64_t created)
{
	int has = created != 0;
	HTML(h, "<section aria-labelledby=\"calendar\"><h2 id=\"calendar\">");
	html_msg(h, MSG_CALENDAR_TITLE);
	HTML(h, "</h2>\n<p>");
	html_msg(h, MSG_CALENDAR_INTRO);
	HTML(h, "</p>");
	if (has) {
		HTML(h, "<p>");
		html_msg(h, MSG_CALENDAR_MADE);
		HTML(h, " ");
		when_datetime(h, created);
		HTML(h, ". ");
		html_msg(h, MSG_CALENDAR_LOST);
		HTML(h, "</p>");
	}
	widget_form_begin(h, r, "/me/calendar");
	widget_form_end(h, has ? MSG_CALENDAR_RENEW : MSG_CALENDAR_MAKE);
	HTML(h, "</section>\n");
}
