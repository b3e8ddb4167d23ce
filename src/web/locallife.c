/*
 * locallife.c: local life, area by area: the way in (/local-life, the
 * areas), an area's local life (/areas/{id}/local-life: its week of
 * association meetings, filtered as the directory is, the leisure
 * calendar, welcome offers and practical information), the area's
 * leisure calendar as iCalendar (events, and weekly meetings as
 * recurring events in Danish time), and the summary the area's own page
 * shows.
 */
#include <stdio.h>
#include <string.h>

#include "core/tz.h"
#include "core/version.h"
#include "http/form.h"
#include "model/area.h"
#include "web/content.h"
#include "web/guard.h"
#include "web/ical.h"
#include "web/layout.h"
#include "web/locallife.h"
#include "web/markdown.h"
#include "web/site.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

#define WEEK_MAX 500         /* meetings an area's week shows */
#define HUB_EVENTS 20
#define HUB_OFFERS 6
#define SUMMARY_EVENTS 3
#define SUMMARY_OFFERS 3
#define CALENDAR_DAYS 400    /* how far ahead the feed reaches */
#define FEED_MAX 2000

/* GET /local-life: 200 the way into local life: each area, and the
 * directory, offers and practical information of all; 503. */
int web_local_life(struct req *r)
{
	struct term *areas;
	size_t n;
	enum model_rc rc = area_list(r->db, r->region, &areas, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_LOCAL_LIFE_TITLE), NAV_LOCAL_LIFE);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_LOCAL_LIFE_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_LOCAL_LIFE_INTRO);
	HTML(&h, "</p>\n<ul class=\"chips\"><li><a href=\"/associations\">");
	html_msg(&h, MSG_ASSOCIATIONS_TITLE);
	HTML(&h, "</a></li><li><a href=\"/offers\">");
	html_msg(&h, MSG_OFFERS_TITLE);
	HTML(&h, "</a></li><li><a href=\"/practical\">");
	html_msg(&h, MSG_PRACTICAL_TITLE);
	HTML(&h, "</a></li></ul>\n<h2>");
	html_msg(&h, MSG_LOCAL_LIFE_CHOOSE_AREA);
	HTML(&h, "</h2>\n<ul class=\"cards\">");
	for (size_t i = 0; i < n; i++) {
		HTMLF(&h, "<li><h3><a href=\"/areas/%lld/local-life\"", (long long)areas[i].id);
		html_lang_attr(&h, areas[i].lang);
		HTMLF(&h, ">%s</a></h3></li>", areas[i].name);
	}
	HTML(&h, "</ul>\n");
	layout_end(&h, r);
	return 200;
}

/* The query of r, for a link to the directory with the same filter. */
static const char *filter_query(struct req *r, int64_t area_id)
{
	struct buf b = BUF_INIT(4096);
	buf_printf(&b, "area=%lld", (long long)area_id);
	for (size_t i = 0; i < r->query.n; i++) {
		const char *k = r->query.items[i].key;
		if (strcmp(k, "area") == 0 || strcmp(k, "page") == 0 || strcmp(k, "in") == 0)
			continue;
		buf_putc(&b, '&');
		form_encode(&b, k);
		buf_putc(&b, '=');
		form_encode(&b, r->query.items[i].value);
	}
	const char *s = b.overflow ? "" : region_strdup(r->region, buf_str(&b));
	buf_free(&b);
	return s;
}

/* Whether the filter narrows anything. */
static int filtered(const struct association_filter *f)
{
	return f->category >= 0 || f->language || f->days || f->from_min >= 0 || f->age >= 0 || f->free ||
	       f->fritidspas || f->step_free;
}

/* The week: meetings by weekday, each with its time, association, what
 * and where. */
static void week(struct html *h, struct req *r, const struct meeting *m, size_t n)
{
	int day = 0;
	for (size_t i = 0; i < n; i++) {
		if (m[i].weekday != day) {
			if (day)
				HTML(h, "</ul>");
			day = m[i].weekday;
			HTML(h, "<h3>");
			html_msg(h, web_weekday_msg(day));
			HTML(h, "</h3><ul class=\"rows week\">");
		}
		HTML(h, "<li><span class=\"time\">");
		web_meeting_when(h, r->region, &m[i], 0);
		HTMLF(h, "</span> <a href=\"/associations/%lld\"", (long long)m[i].organisation_id);
		html_lang_attr(h, m[i].org_lang);
		HTMLF(h, ">%s</a> <span class=\"tag\">", m[i].org_name);
		html_msg(h, vocab_msg(&vocab_categories, m[i].org_category));
		HTML(h, "</span>");
		if (*m[i].what || *m[i].place) {
			HTML(h, "<br><span class=\"meta\"");
			html_lang_attr(h, m[i].org_lang);
			HTML(h, ">");
			if (*m[i].what)
				HTMLF(h, "%s", m[i].what);
			if (*m[i].what && *m[i].place)
				HTML(h, " · ");
			if (*m[i].place)
				HTMLF(h, "<bdi>%s</bdi>", m[i].place);
			HTML(h, "</span>");
		}
		HTML(h, "</li>");
	}
	if (day)
		HTML(h, "</ul>\n");
}

static void section_open(struct html *h, const char *id, enum msg title)
{
	HTMLF(h, "<section aria-labelledby=\"%s\"><h2 id=\"%s\">", id, id);
	html_msg(h, title);
	HTML(h, "</h2>\n");
}

static void none(struct html *h, enum msg m)
{
	HTML(h, "<p>");
	html_msg(h, m);
	HTML(h, "</p>\n");
}

/* The reader's first content language, for titles in lists. */
static const char *first_language(struct req *r)
{
	const char *wants[CONTENT_WANTS];
	return content_wants(r, wants, CONTENT_WANTS) ? wants[0] : "da";
}

/* GET /areas/{id}/local-life?day=&from=&category=&language=&age=&free=
 * &fritidspas=&step_free=: 200 the area's local life; 400 a malformed
 * filter; 404 no such area; 503. */
int web_area_local_life(struct req *r)
{
	struct association_filter f;
	int status = web_association_filter(r, 0, &f);
	if (status)
		return status;
	struct term a;
	struct meeting *m = NULL;
	struct leisure_event *events = NULL;
	struct offer *offers = NULL;
	struct practical_page *pages = NULL;
	size_t nm = 0, nevents = 0, noffers = 0, npages = 0;
	struct paging op = { 1, HUB_OFFERS, 0 };
	struct offer_filter of = { r->params[0], NULL, first_language(r) };
	f.area_id = r->params[0];
	enum model_rc rc = area_get(r->db, r->region, r->params[0], &a);
	if (rc == MODEL_OK)
		rc = association_week(r->db, r->region, &f, WEEK_MAX, &m, &nm);
	if (rc == MODEL_OK)
		rc = leisure_list(r->db, r->region, 0, a.id, model_now(), HUB_EVENTS, &events, &nevents);
	if (rc == MODEL_OK)
		rc = offer_list(r->db, r->region, &of, &op, &offers, &noffers);
	if (rc == MODEL_OK)
		rc = practical_list(r->db, r->region, a.id, of.lang, &pages, &npages);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *self = region_printf(r->region, "/areas/%lld/local-life", (long long)a.id);
	const char *ics = region_printf(r->region, "%s.ics", self);
	const char *title = region_printf(r->region, "%s · %s", msg_get(r->lang, MSG_LOCAL_LIFE_TITLE), a.name);
	const struct layout_alternate alt = { "text/calendar", ics, msg_get(r->lang, MSG_LEISURE_CALENDAR) };
	struct html h = web_html(r);
	const struct layout_page page = { .title = title, .nav = NAV_LOCAL_LIFE, .description_md = a.description,
					  .content_lang = a.lang, .alternates = &alt, .nalternates = 1 };
	layout_open(&h, r, &page);
	HTML(&h, "<nav class=\"crumbs\" aria-label=\"");
	html_msg(&h, MSG_NAV_BREADCRUMBS);
	HTML(&h, "\"><a href=\"/local-life\">");
	html_msg(&h, MSG_LOCAL_LIFE_TITLE);
	HTMLF(&h, "</a> / <a href=\"/areas/%lld\"", (long long)a.id);
	html_lang_attr(&h, a.lang);
	HTMLF(&h, ">%s</a></nav>\n<h1>", a.name);
	const char *args[] = { a.name };
	html_msgv(&h, MSG_LOCAL_LIFE_IN, args, 1);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_LOCAL_LIFE_AREA_INTRO);
	HTML(&h, "</p>\n<nav class=\"toc\" aria-label=\"");
	html_msg(&h, MSG_LOCAL_LIFE_CONTENTS);
	HTML(&h, "\"><ul class=\"chips\"><li><a href=\"#week\">");
	html_msg(&h, MSG_LOCAL_LIFE_WEEK);
	HTML(&h, "</a></li><li><a href=\"#events\">");
	html_msg(&h, MSG_LEISURE_COMING);
	HTML(&h, "</a></li><li><a href=\"#offers\">");
	html_msg(&h, MSG_OFFERS_TITLE);
	HTML(&h, "</a></li><li><a href=\"#practical\">");
	html_msg(&h, MSG_PRACTICAL_TITLE);
	HTML(&h, "</a></li></ul></nav>\n");

	section_open(&h, "week", MSG_LOCAL_LIFE_WEEK);
	web_association_filter_form(&h, r, self, &f, NULL, 0);
	HTML(&h, "<p class=\"count\" role=\"status\">");
	html_count(&h, filtered(&f) ? MSGN_LOCAL_LIFE_WEEK_MATCHES : MSGN_LOCAL_LIFE_WEEK_COUNT, (long long)nm);
	HTML(&h, "</p>\n");
	week(&h, r, m, nm);
	HTML(&h, "<p><a href=\"/associations?");
	html_text(&h, filter_query(r, a.id));
	HTML(&h, "\">");
	html_msg(&h, MSG_LOCAL_LIFE_AS_LIST);
	HTML(&h, "</a></p>\n</section>\n");

	section_open(&h, "events", MSG_LEISURE_COMING);
	if (nevents)
		web_leisure_rows(&h, events, nevents, 1);
	else
		none(&h, MSG_LEISURE_NONE);
	HTMLF(&h, "<p><a href=\"%s\">", ics);
	html_msg(&h, MSG_LEISURE_CALENDAR);
	HTML(&h, "</a></p>\n</section>\n");

	section_open(&h, "offers", MSG_OFFERS_TITLE);
	HTML(&h, "<p>");
	html_msg(&h, MSG_OFFERS_INTRO);
	HTML(&h, "</p>\n");
	if (noffers)
		web_offer_cards(&h, r, offers, noffers);
	else
		none(&h, MSG_OFFERS_NONE);
	HTMLF(&h, "<ul class=\"chips\"><li><a href=\"/offers?area=%lld\">", (long long)a.id);
	html_msg(&h, MSG_OFFERS_ALL);
	HTMLF(&h, "</a></li><li><a href=\"/offers/new?area=%lld\">", (long long)a.id);
	html_msg(&h, MSG_OFFER_NEW);
	HTML(&h, "</a></li></ul>\n</section>\n");

	section_open(&h, "practical", MSG_PRACTICAL_TITLE);
	if (npages)
		web_practical_list(&h, pages, npages);
	else
		none(&h, MSG_PRACTICAL_NONE);
	if (web_can(r, PERM_LOCAL_LIFE, 0)) {
		HTMLF(&h, "<p><a href=\"/practical/new?area=%lld\">", (long long)a.id);
		html_msg(&h, MSG_PRACTICAL_NEW);
		HTML(&h, "</a></p>\n");
	}
	HTML(&h, "</section>\n");
	layout_end(&h, r);
	return 200;
}

enum model_rc web_local_life_load(struct req *r, int64_t area_id, struct local_life_summary *s)
{
	memset(s, 0, sizeof *s);
	struct paging op = { 1, SUMMARY_OFFERS, 0 };
	struct offer_filter of = { area_id, NULL, first_language(r) };
	enum model_rc rc = association_count(r->db, area_id, &s->associations);
	if (rc == MODEL_OK)
		rc = leisure_list(r->db, r->region, 0, area_id, model_now(), SUMMARY_EVENTS, &s->events,
				  &s->nevents);
	if (rc == MODEL_OK)
		rc = offer_list(r->db, r->region, &of, &op, &s->offers, &s->noffers);
	s->total_offers = op.total;
	if (rc == MODEL_OK)
		rc = practical_list(r->db, r->region, area_id, of.lang, &s->pages, &s->npages);
	return rc;
}

void web_local_life_summary(struct html *h, struct req *r, const struct term *area,
			    const struct local_life_summary *s)
{
	section_open(h, "local-life", MSG_LOCAL_LIFE_TITLE);
	char num[24];
	snprintf(num, sizeof num, "%lld", (long long)s->associations);
	const char *args[] = { num };
	HTMLF(h, "<p><a class=\"more\" href=\"/areas/%lld/local-life\">", (long long)area->id);
	html_msgv(h, MSG_LOCAL_LIFE_SUMMARY_LINK, args, 1);
	HTML(h, "</a></p>\n<h3>");
	html_msg(h, MSG_LEISURE_COMING);
	HTML(h, "</h3>\n");
	if (s->nevents)
		web_leisure_rows(h, s->events, s->nevents, 1);
	else
		none(h, MSG_LEISURE_NONE);
	HTML(h, "<h3>");
	html_msg(h, MSG_OFFERS_TITLE);
	HTML(h, "</h3>\n");
	if (s->noffers)
		web_offer_cards(h, r, s->offers, s->noffers);
	else
		none(h, MSG_OFFERS_NONE);
	if (s->total_offers > (int64_t)s->noffers) {
		HTMLF(h, "<p><a href=\"/offers?area=%lld\">", (long long)area->id);
		html_msg(h, MSG_OFFERS_ALL);
		HTML(h, "</a></p>\n");
	}
	HTML(h, "<h3>");
	html_msg(h, MSG_PRACTICAL_TITLE);
	HTML(h, "</h3>\n");
	if (s->npages)
		web_practical_list(h, s->pages, s->npages);
	else
		none(h, MSG_PRACTICAL_NONE);
	HTML(h, "</section>\n");
}

/* Europe/Copenhagen as RFC 5545 rules (the EU's since 1996), for the
 * weekly meetings, which keep their local time across the changes. */
static void timezone_block(struct buf *out)
{
	ICAL_VALUE(out, "BEGIN", "VTIMEZONE");
	ICAL_VALUE(out, "TZID", "Europe/Copenhagen");
	ICAL_VALUE(out, "BEGIN", "DAYLIGHT");
	ICAL_VALUE(out, "TZOFFSETFROM", "+0100");
	ICAL_VALUE(out, "TZOFFSETTO", "+0200");
	ICAL_VALUE(out, "TZNAME", "CEST");
	ICAL_VALUE(out, "DTSTART", "19700329T020000");
	ICAL_VALUE(out, "RRULE", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
	ICAL_VALUE(out, "END", "DAYLIGHT");
	ICAL_VALUE(out, "BEGIN", "STANDARD");
	ICAL_VALUE(out, "TZOFFSETFROM", "+0200");
	ICAL_VALUE(out, "TZOFFSETTO", "+0100");
	ICAL_VALUE(out, "TZNAME", "CET");
	ICAL_VALUE(out, "DTSTART", "19701025T030000");
	ICAL_VALUE(out, "RRULE", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
	ICAL_VALUE(out, "END", "STANDARD");
	ICAL_VALUE(out, "END", "VTIMEZONE");
}

static void event_vevent(struct calendar_feed *f, const struct leisure_event *e)
{
	struct region *a = f->r->region;
	struct buf *out = &f->r->out;
	const char *kind = msg_get(f->lang, vocab_msg(&vocab_leisure_kinds, e->kind));
	const char *text = region_printf(a, "%s · %s", kind, e->organisation_name);
	if (*e->description)
		text = region_printf(a, "%s\n\n%s", text, e->description);
	ICAL_VALUE(out, "BEGIN", "VEVENT");
	ICAL_VALUE(out, "UID", region_printf(a, "leisure-%lld@%s", (long long)e->id, f->host));
	ICAL_UTC(out, "DTSTAMP", f->now);
	ICAL_UTC(out, "DTSTART", e->starts_at);
	ICAL_UTC(out, "DTEND", e->ends_at);
	ICAL_UTC(out, "LAST-MODIFIED", e->updated_at);
	ICAL_VALUE(out, "SEQUENCE", region_printf(a, "%lld", (long long)e->revision));
	ICAL_VALUE(out, "STATUS", e->cancelled ? "CANCELLED" : "CONFIRMED");
	ICAL_TEXT(out, "SUMMARY", e->cancelled ? region_printf(a, "%s %s", msg_get(f->lang, MSG_CALENDAR_CANCELLED), e->title)
					       : e->title);
	ICAL_TEXT(out, "DESCRIPTION", text);
	ICAL_TEXT(out, "LOCATION", e->place);
	ICAL_TEXT(out, "CATEGORIES", kind);
	ICAL_VALUE(out, "URL", region_printf(a, "%s/associations/%lld/events/%lld", site.base_url,
					     (long long)e->organisation_id, (long long)e->id));
	ICAL_VALUE(out, "END", "VEVENT");
}

/* A weekly meeting as an event repeating every week from the first such
 * weekday on or after anchor (a UTC time: the association's last change,
 * so the feed says the same on every fetch until it changes). */
static void meeting_vevent(struct calendar_feed *f, const struct meeting *m, int64_t anchor)
{
	struct region *a = f->r->region;
	struct buf *out = &f->r->out;
	static const char *const byday[8] = { "", "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
	struct tz_local l;
	tz_from_utc(anchor, &l);
	int iso = l.weekday == 0 ? 7 : l.weekday;
	int64_t days = tz_days_from_civil(l.year, l.month, l.day) + (m->weekday - iso + 7) % 7;
	tz_from_utc(days * 86400 + 12 * 3600, &l);
	const char *date = region_printf(a, "%04d%02d%02d", l.year, l.month, l.day);
	int end = m->ends_min == 1440 ? 1439 : m->ends_min;
	const char *text = m->what && *m->what ? region_printf(a, "%s\n\n%s", m->org_name, m->what) : m->org_name;
	ICAL_VALUE(out, "BEGIN", "VEVENT");
	ICAL_VALUE(out, "UID", region_printf(a, "meeting-%lld@%s", (long long)m->id, f->host));
	ICAL_UTC(out, "DTSTAMP", f->now);
	ICAL_VALUE(out, "SEQUENCE", "0");
	ICAL_VALUE(out, "DTSTART;TZID=Europe/Copenhagen",
		   region_printf(a, "%sT%02d%02d00", date, m->starts_min / 60, m->starts_min % 60));
	ICAL_VALUE(out, "DTEND;TZID=Europe/Copenhagen",
		   region_printf(a, "%sT%02d%02d00", date, end / 60, end % 60));
	ICAL_VALUE(out, "RRULE", region_printf(a, "FREQ=WEEKLY;BYDAY=%s", byday[m->weekday]));
	ICAL_TEXT(out, "SUMMARY", m->what && *m->what ? region_printf(a, "%s: %s", m->org_name, m->what) : m->org_name);
	ICAL_TEXT(out, "DESCRIPTION", text);
	ICAL_TEXT(out, "LOCATION", m->place);
	ICAL_VALUE(out, "URL", region_printf(a, "%s/associations/%lld", site.base_url,
					     (long long)m->organisation_id));
	ICAL_VALUE(out, "END", "VEVENT");
}

/* GET /areas/{id}/local-life.ics: 200 the area's leisure calendar: its
 * associations' events from today on, and their weekly meetings as
 * recurring events; 404 no such area; 503. */
int web_area_local_life_calendar(struct req *r)
{
	struct term a;
	struct leisure_event *events = NULL;
	struct meeting *m = NULL;
	struct association *assoc = NULL;
	size_t nevents = 0, nm = 0, nassoc = 0;
	struct association_filter f = ASSOCIATION_FILTER_ALL;
	struct paging p = { 1, FEED_MAX, 0 };
	f.area_id = r->params[0];
	enum model_rc rc = area_get(r->db, r->region, r->params[0], &a);
	if (rc == MODEL_OK)
		rc = leisure_list(r->db, r->region, 0, a.id, model_now() - 86400, FEED_MAX, &events, &nevents);
	if (rc == MODEL_OK)
		rc = association_week(r->db, r->region, &f, FEED_MAX, &m, &nm);
	if (rc == MODEL_OK)
		rc = association_list(r->db, r->region, &f, &p, &assoc, &nassoc);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct calendar_feed feed;
	web_calendar_begin(&feed, r, r->lang,
			   region_printf(r->region, "%s · %s", a.name, msg_get(r->lang, MSG_LOCAL_LIFE_TITLE)));
	timezone_block(&r->out);
	for (size_t i = 0; i < nevents && events[i].starts_at < model_now() + CALENDAR_DAYS * 86400LL; i++)
		event_vevent(&feed, &events[i]);
	for (size_t i = 0; i < nm; i++) {
		int64_t anchor = 0;
		for (size_t k = 0; k < nassoc; k++)
			if (assoc[k].org.id == m[i].organisation_id)
				anchor = assoc[k].updated_at;
		meeting_vevent(&feed, &m[i], anchor);
	}
	return web_calendar_end(&feed);
}
