/*
 * association.c: the association directory and an association's page,
 * with the forms in which its representatives and staff keep its facts
 * and weekly meetings, and write its description in other languages.
 * The directory's filters combine and work without JavaScript (a GET
 * form); the same filter narrows an area's week (web/locallife.c). The
 * contact person's e-mail and phone are shown only to those who keep
 * the association.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/language.h"
#include "core/tz.h"
#include "http/query.h"
#include "model/area.h"
#include "model/text.h"
#include "web/content.h"
#include "web/guard.h"
#include "web/layout.h"
#include "web/locallife.h"
#include "web/markdown.h"
#include "web/web.h"
#include "web/widget.h"

#define ASSOCIATIONS_PER_PAGE 30
#define EVENTS_ON_PAGE 20
#define BLANK_MEETING_ROWS 2

static const enum msg weekday_msgs[8] = {
	MSG__MAX,	   MSG_DATE_MONDAY, MSG_DATE_TUESDAY,  MSG_DATE_WEDNESDAY,
	MSG_DATE_THURSDAY, MSG_DATE_FRIDAY, MSG_DATE_SATURDAY, MSG_DATE_SUNDAY,
};
/* The day filter's values: a group, or one day (1 << (weekday - 1)). */
static const struct {
	const char *code;
	unsigned days;
} day_choices[] = {
	{ "weekdays", DAYS_WEEKDAYS }, { "weekend", DAYS_WEEKEND }, { "mon", 1u << 0 },
	{ "tue", 1u << 1 },	       { "wed", 1u << 2 },	    { "thu", 1u << 3 },
	{ "fri", 1u << 4 },	       { "sat", 1u << 5 },	    { "sun", 1u << 6 },
};
/* The times of day the filter offers: "starts at or after". */
static const int from_choices[] = { 12 * 60, 15 * 60, 16 * 60, 17 * 60, 18 * 60, 19 * 60 };

enum msg web_weekday_msg(int weekday)
{
	return weekday >= 1 && weekday <= 7 ? weekday_msgs[weekday] : MSG__MAX;
}

const char *web_clock_text(struct region *a, const struct lang *l, int minutes)
{
	char hh[4], mm[4];
	snprintf(hh, sizeof hh, "%02u", (unsigned)(minutes / 60) % 100u);
	snprintf(mm, sizeof mm, "%02u", (unsigned)(minutes % 60));
	const char *args[] = { hh, mm };
	struct buf b = BUF_INIT(64);
	msg_format(&b, l, MSG_CLOCK_FORMAT, args, 2);
	const char *s = region_strdup(a, buf_str(&b));
	buf_free(&b);
	return s;
}

void web_clock(struct html *h, struct region *a, int minutes)
{
	html_text(h, web_clock_text(a, h->lang, minutes));
}

void web_meeting_when(struct html *h, struct region *a, const struct meeting *m, int with_day)
{
	if (with_day && web_weekday_msg(m->weekday) != MSG__MAX) {
		html_msg(h, web_weekday_msg(m->weekday));
		HTML(h, " ");
	}
	web_clock(h, a, m->starts_min);
	HTML(h, "–");
	web_clock(h, a, m->ends_min);
}

int web_keeps_association(struct req *r, int64_t organisation_id)
{
	return web_can(r, PERM_LOCAL_LIFE, 0) || web_can(r, PERM_REPRESENT, organisation_id);
}

/* A "HH:MM" value of the filter's time; -1 for none; -2 if malformed. */
static int read_from(const char *s)
{
	int m;
	if (s == NULL || *s == '\0')
		return -1;
	return tz_parse_clock(s, strlen(s), &m) == 0 && m < 1440 ? m : -2;
}

static int bad_filter(struct req *r, const char *field)
{
	r->error_detail = field;
	return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
}

int web_association_filter(struct req *r, int with_area, struct association_filter *f)
{
	*f = (struct association_filter)ASSOCIATION_FILTER_ALL;
	const char *v;
	if (with_area && query_int(r, "area", 0, 1, INT64_MAX, &f->area_id) != 0)
		return 400;
	if ((v = req_query(r, "category")) && *v && (f->category = vocab_parse(&vocab_categories, v)) < 0)
		return bad_filter(r, "category");
	if ((v = req_query(r, "language")) && *v) {
		if (language_find(v) == NULL)
			return bad_filter(r, "language");
		f->language = language_find(v)->code;
	}
	if ((v = req_query(r, "day")) && *v) {
		for (size_t i = 0; i < sizeof day_choices / sizeof day_choices[0] && !f->days; i++)
			if (strcmp(v, day_choices[i].code) == 0)
				f->days = day_choices[i].days;
		if (!f->days)
			return bad_filter(r, "day");
	}
	if ((f->from_min = read_from(req_query(r, "from"))) == -2)
		return bad_filter(r, "from");
	int64_t age;
	if (query_int(r, "age", -1, 0, 120, &age) != 0)
		return 400;
	f->age = (int)age;
	f->free = req_query(r, "free") != NULL;
	f->fritidspas = req_query(r, "fritidspas") != NULL;
	f->step_free = req_query(r, "step_free") != NULL;
	return 0;
}

static void filter_check(struct html *h, const char *name, enum msg label, int on)
{
	HTMLF(h, "<div class=\"check\"><input type=\"checkbox\" id=\"f-%s\" name=\"%s\" value=\"1\"%s>"
		 "<label for=\"f-%s\">",
	      name, name, on ? " checked" : "", name);
	html_msg(h, label);
	HTML(h, "</label></div>");
}

static void filter_select_open(struct html *h, const char *name, enum msg label)
{
	HTMLF(h, "<div class=\"field\"><label for=\"f-%s\">", name);
	html_msg(h, label);
	HTMLF(h, "</label><select id=\"f-%s\" name=\"%s\"><option value=\"\">", name, name);
	html_msg(h, MSG_FILTER_ALL);
	HTML(h, "</option>");
}

void web_association_filter_form(struct html *h, struct req *r, const char *action,
				 const struct association_filter *f, const struct term *areas,
				 size_t nareas)
{
	HTML(h, "<form class=\"filters\" method=\"get\" action=\"");
	html_text(h, action);
	HTML(h, "\" aria-label=\"");
	html_msg(h, MSG_ASSOCIATIONS_FILTER);
	HTML(h, "\">");
	if (areas) {
		filter_select_open(h, "area", MSG_ORGANISATION_AREA);
		for (size_t i = 0; i < nareas; i++)
			HTMLF(h, "<option value=\"%lld\"%s>%s</option>", (long long)areas[i].id,
			      f->area_id == areas[i].id ? " selected" : "", areas[i].name);
		HTML(h, "</select></div>");
	}
	filter_select_open(h, "day", MSG_FILTER_DAY);
	for (size_t i = 0; i < sizeof day_choices / sizeof day_choices[0]; i++) {
		HTMLF(h, "<option value=\"%s\"%s>", day_choices[i].code,
		      f->days == day_choices[i].days ? " selected" : "");
		if (i == 0)
			html_msg(h, MSG_FILTER_WEEKDAYS);
		else if (i == 1)
			html_msg(h, MSG_FILTER_WEEKEND);
		else
			html_msg(h, weekday_msgs[i - 1]);
		HTML(h, "</option>");
	}
	HTML(h, "</select></div>");
	filter_select_open(h, "from", MSG_FILTER_FROM);
	for (size_t i = 0; i < sizeof from_choices / sizeof from_choices[0]; i++) {
		HTMLF(h, "<option value=\"%02d:%02d\"%s>", from_choices[i] / 60, from_choices[i] % 60,
		      f->from_min == from_choices[i] ? " selected" : "");
		const char *args[] = { web_clock_text(r->region, h->lang, from_choices[i]) };
		html_msgv(h, MSG_FILTER_FROM_TIME, args, 1);
		HTML(h, "</option>");
	}
	HTML(h, "</select></div>");
	filter_select_open(h, "category", MSG_ASSOCIATION_CATEGORY);
	for (int c = 0; c < CATEGORY__MAX; c++) {
		HTMLF(h, "<option value=\"%s\"%s>", vocab_code(&vocab_categories, (enum category)c),
		      f->category == c ? " selected" : "");
		html_msg(h, vocab_msg(&vocab_categories, (enum category)c));
		HTML(h, "</option>");
	}
	HTML(h, "</select></div>");
	filter_select_open(h, "language", MSG_FILTER_LANGUAGE);
	for (size_t i = 0; i < language_count(); i++) {
		const struct language *l = language_at(i);
		HTMLF(h, "<option value=\"%s\"%s>", l->code,
		      f->language && strcmp(f->language, l->code) == 0 ? " selected" : "");
		html_msg(h, l->name);
		if (strcmp(l->code, h->lang->code) != 0)
			HTMLF(h, " – %s", l->autonym);
		HTML(h, "</option>");
	}
	HTML(h, "</select></div><div class=\"field\"><label for=\"f-age\">");
	html_msg(h, MSG_FILTER_AGE);
	HTML(h, "</label><input type=\"number\" id=\"f-age\" name=\"age\" min=\"0\" max=\"120\" "
		"inputmode=\"numeric\" class=\"short\"");
	if (f->age >= 0)
		HTMLF(h, " value=\"%d\"", f->age);
	HTML(h, "></div><div class=\"checks\">");
	filter_check(h, "free", MSG_FILTER_FREE, f->free);
	filter_check(h, "fritidspas", MSG_FILTER_FRITIDSPAS, f->fritidspas);
	filter_check(h, "step_free", MSG_FILTER_STEP_FREE, f->step_free);
	HTML(h, "</div><button type=\"submit\">");
	html_msg(h, MSG_FILTER_APPLY);
	HTML(h, "</button></form>\n");
}

/* "6–14 år", "Fra 60 år", "Op til 14 år"; nothing without bounds. */
static void ages(struct html *h, int lo, int hi)
{
	char a[8], b[8];
	snprintf(a, sizeof a, "%d", lo);
	snprintf(b, sizeof b, "%d", hi);
	const char *args[] = { a, b };
	if (lo >= 0 && hi >= 0)
		html_msgv(h, MSG_AGE_RANGE, args, 2);
	else if (lo >= 0)
		html_msgv(h, MSG_AGE_FROM, args, 1);
	else if (hi >= 0)
		html_msgv(h, MSG_AGE_TO, args + 1, 1);
	else
		html_msg(h, MSG_AGE_ALL);
}

/* "Gratis", "450 kr. om året"; nothing when not stated. */
static void fee(struct html *h, const struct association *x)
{
	if (x->fee_kr < 0)
		return;
	if (x->fee_kr == 0) {
		html_msg(h, MSG_FEE_FREE);
		return;
	}
	char kr[24];
	snprintf(kr, sizeof kr, "%lld", (long long)x->fee_kr);
	const char *args[] = { kr, msg_get(h->lang, vocab_msg(&vocab_fee_pers, x->fee_per)) };
	html_msgv(h, MSG_FEE_AMOUNT, args, 2);
}

static void meetings_inline(struct html *h, struct region *a, const struct association *x)
{
	for (size_t i = 0; i < x->nmeetings; i++) {
		if (i)
			HTML(h, ", ");
		web_meeting_when(h, a, &x->meetings[i], 1);
	}
}

/* One association in the directory. */
static void association_row(struct html *h, struct region *a, const struct association *x,
			    int with_area)
{
	HTMLF(h, "<li><h2 class=\"row-title\"><a href=\"/associations/%lld\"", (long long)x->org.id);
	html_lang_attr(h, x->org.lang);
	HTMLF(h, ">%s</a></h2> <span class=\"tag\">", x->org.name);
	html_msg(h, vocab_msg(&vocab_categories, x->category));
	HTML(h, "</span>");
	if (x->fritidspas) {
		HTML(h, " <span class=\"tag\">");
		html_msg(h, MSG_ASSOCIATION_FRITIDSPAS);
		HTML(h, "</span>");
	}
	HTML(h, "<p class=\"meta\">");
	if (with_area && x->org.area_name)
		HTMLF(h, "%s · ", x->org.area_name);
	if (x->nmeetings)
		meetings_inline(h, a, x);
	else
		html_msg(h, MSG_ASSOCIATION_NO_MEETINGS);
	HTML(h, "</p><p class=\"meta\">");
	content_languages(h, x->languages);
	HTML(h, " · ");
	ages(h, x->age_min, x->age_max);
	if (x->fee_kr >= 0) {
		HTML(h, " · ");
		fee(h, x);
	}
	if (x->step_free) {
		HTML(h, " · ");
		html_msg(h, MSG_ASSOCIATION_STEP_FREE_SHORT);
	}
	HTML(h, "</p></li>");
}

/* Links for staff: new, import, export. */
static void staff_tools(struct html *h, struct req *r)
{
	if (!web_can(r, PERM_LOCAL_LIFE, 0))
		return;
	HTML(h, "<nav class=\"tools-bar\" aria-label=\"");
	html_msg(h, MSG_ASSOCIATIONS_TOOLS);
	HTML(h, "\"><ul><li><a href=\"/associations/new\">");
	html_msg(h, MSG_ASSOCIATION_NEW);
	HTML(h, "</a></li><li><a href=\"/associations/import\">");
	html_msg(h, MSG_ASSOCIATIONS_IMPORT);
	HTML(h, "</a></li><li><a href=\"/associations/export.csv\" download>");
	html_msg(h, MSG_ASSOCIATIONS_EXPORT);
	HTML(h, "</a></li></ul></nav>\n");
}

/* GET /associations?area=&day=&from=&category=&language=&age=&free=
 * &fritidspas=&step_free=&page=: 200; 400 a malformed filter; 503. */
int web_association_list(struct req *r)
{
	struct association_filter f;
	struct paging p = { 1, ASSOCIATIONS_PER_PAGE, 0 };
	int status = web_association_filter(r, 1, &f);
	if (status)
		return status;
	if (query_int(r, "page", 1, 1, 1000000, &p.page) != 0)
		return 400;
	struct term *areas;
	struct association *items;
	size_t nareas, n;
	enum model_rc rc = area_list(r->db, r->region, &areas, &nareas);
	if (rc == MODEL_OK)
		rc = association_list(r->db, r->region, &f, &p, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_ASSOCIATIONS_TITLE), NAV_LOCAL_LIFE);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_ASSOCIATIONS_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_ASSOCIATIONS_INTRO);
	HTML(&h, "</p>\n");
	staff_tools(&h, r);
	web_association_filter_form(&h, r, "/associations", &f, areas, nareas);
	HTML(&h, "<p class=\"count\" role=\"status\">");
	html_count(&h, MSGN_ASSOCIATIONS_COUNT, p.total);
	HTML(&h, "</p>\n<ul class=\"rows\">");
	for (size_t i = 0; i < n; i++)
		association_row(&h, r->region, &items[i], 1);
	HTML(&h, "</ul>\n");
	widget_paging(&h, r, &p);
	layout_end(&h, r);
	return 200;
}

/* The facts of an association as a <dl>; the contact's e-mail and phone
 * only for those who keep it. */
static void association_facts(struct html *h, struct req *r, const struct association *x, int keeper)
{
	HTML(h, "<dl class=\"facts\"><dt>");
	html_msg(h, MSG_ASSOCIATION_CATEGORY);
	HTMLF(h, "</dt><dd><a href=\"/associations?category=%s\">", vocab_code(&vocab_categories, x->category));
	html_msg(h, vocab_msg(&vocab_categories, x->category));
	HTML(h, "</a></dd>");
	if (x->org.area_name) {
		HTML(h, "<dt>");
		html_msg(h, MSG_ORGANISATION_AREA);
		HTMLF(h, "</dt><dd><a href=\"/areas/%lld/local-life\">%s</a></dd>", (long long)x->org.area_id,
		      x->org.area_name);
	}
	HTML(h, "<dt>");
	html_msg(h, MSG_ASSOCIATION_MEETS);
	HTML(h, "</dt><dd>");
	if (x->nmeetings == 0)
		html_msg(h, MSG_ASSOCIATION_NO_MEETINGS);
	else
		HTML(h, "<ul class=\"plain\">");
	for (size_t i = 0; i < x->nmeetings; i++) {
		const struct meeting *m = &x->meetings[i];
		HTML(h, "<li>");
		web_meeting_when(h, r->region, m, 1);
		if (*m->what) {
			HTML(h, " · <span");
			html_lang_attr(h, x->org.lang);
			HTMLF(h, ">%s</span>", m->what);
		}
		if (*m->place)
			HTMLF(h, " · %s", m->place);
		HTML(h, "</li>");
	}
	if (x->nmeetings)
		HTML(h, "</ul>");
	HTML(h, "</dd><dt>");
	html_msg(h, MSG_ASSOCIATION_LANGUAGES);
	HTML(h, "</dt><dd>");
	content_languages(h, x->languages);
	HTML(h, "</dd><dt>");
	html_msg(h, MSG_ASSOCIATION_AGES);
	HTML(h, "</dt><dd>");
	ages(h, x->age_min, x->age_max);
	HTML(h, "</dd>");
	if (x->fee_kr >= 0 || x->fritidspas) {
		HTML(h, "<dt>");
		html_msg(h, MSG_ASSOCIATION_FEE);
		HTML(h, "</dt><dd>");
		fee(h, x);
		if (x->fritidspas) {
			if (x->fee_kr >= 0)
				HTML(h, ". ");
			html_msg(h, MSG_ASSOCIATION_TAKES_FRITIDSPAS);
		}
		HTML(h, "</dd>");
	}
	HTML(h, "<dt>");
	html_msg(h, MSG_ASSOCIATION_ACCESS);
	HTML(h, "</dt><dd>");
	html_msg(h, x->step_free ? MSG_ASSOCIATION_STEP_FREE : MSG_ASSOCIATION_STEP_FREE_UNKNOWN);
	HTML(h, "</dd>");
	if (*x->contact_name) {
		HTML(h, "<dt>");
		html_msg(h, MSG_ASSOCIATION_CONTACT_NAME);
		HTMLF(h, "</dt><dd><bdi>%s</bdi></dd>", x->contact_name);
	}
	if (x->org.website) {
		HTML(h, "<dt>");
		html_msg(h, MSG_ORGANISATION_WEBSITE);
		HTML(h, "</dt><dd><a rel=\"external noopener\" href=\"");
		html_href(h, x->org.website);
		HTMLF(h, "\"><bdi>%s</bdi></a></dd>", x->org.website);
	}
	HTML(h, "</dl>\n");
	if (keeper && (*x->contact_email || *x->contact_phone)) {
		HTML(h, "<section class=\"private\" aria-labelledby=\"private\"><h2 id=\"private\">");
		html_msg(h, MSG_ASSOCIATION_PRIVATE_TITLE);
		HTML(h, "</h2><p class=\"hint\">");
		html_msg(h, MSG_ASSOCIATION_PRIVATE_HINT);
		HTML(h, "</p><dl class=\"facts\">");
		if (*x->contact_email) {
			HTML(h, "<dt>");
			html_msg(h, MSG_ASSOCIATION_CONTACT_EMAIL);
			HTMLF(h, "</dt><dd><bdi>%s</bdi></dd>", x->contact_email);
		}
		if (*x->contact_phone) {
			HTML(h, "<dt>");
			html_msg(h, MSG_ASSOCIATION_CONTACT_PHONE);
			HTMLF(h, "</dt><dd><bdi>%s</bdi></dd>", x->contact_phone);
		}
		HTML(h, "</dl></section>\n");
	}
}

/* GET /associations/{id}[?in=LANG]: 200 the association in the reader's
 * language where a version has it; 404 no such association; 503. */
int web_association_show(struct req *r)
{
	struct association x;
	struct version *v = NULL;
	struct leisure_event *events = NULL;
	size_t nv = 0, nevents = 0;
	enum model_rc rc = association_get(r->db, r->region, r->params[0], &x);
	if (rc == MODEL_OK)
		rc = version_list(r->db, &association_versions, r->region, x.org.id, &v, &nv);
	if (rc == MODEL_OK)
		rc = leisure_list(r->db, r->region, x.org.id, 0, model_now(), EVENTS_ON_PAGE, &events, &nevents);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	int keeper = web_keeps_association(r, x.org.id);
	struct content_choice c = content_pick(r, x.org.lang, v, nv);
	const char *base = region_printf(r->region, "/associations/%lld", (long long)x.org.id);
	const char *name = c.version && *c.version->title ? c.version->title : x.org.name;
	const char *description = c.version ? c.version->body : x.org.description;
	if (keeper)
		req_set_header(r, "Cache-Control", "private, no-store");
	struct html h = web_html(r);
	layout_begin(&h, r, name, NAV_LOCAL_LIFE);
	HTML(&h, "<nav class=\"crumbs\" aria-label=\"");
	html_msg(&h, MSG_NAV_BREADCRUMBS);
	HTML(&h, "\"><a href=\"/associations\">");
	html_msg(&h, MSG_ASSOCIATIONS_TITLE);
	HTML(&h, "</a></nav>\n");
	HTML(&h, "<article><h1");
	html_lang_attr(&h, c.version && *c.version->title ? c.shown : x.org.lang);
	HTMLF(&h, ">%s</h1>\n", name);
	content_nav(&h, r, base, &c, x.org.lang, v, nv);
	association_facts(&h, r, &x, keeper);
	HTML(&h, "<div class=\"prose\"");
	html_lang_attr(&h, c.shown);
	HTML(&h, ">");
	markdown_render(&h, description);
	HTML(&h, "</div></article>\n<section aria-labelledby=\"events\"><h2 id=\"events\">");
	html_msg(&h, MSG_LEISURE_COMING);
	HTML(&h, "</h2>\n");
	if (nevents)
		web_leisure_rows(&h, events, nevents, 0);
	else {
		HTML(&h, "<p>");
		html_msg(&h, MSG_LEISURE_NONE);
		HTML(&h, "</p>\n");
	}
	HTML(&h, "</section>\n");
	if (keeper) {
		HTML(&h, "<nav class=\"tools-bar\" aria-label=\"");
		html_msg(&h, MSG_ASSOCIATION_KEEP);
		HTMLF(&h, "\"><ul><li><a href=\"%s/edit\">", base);
		html_msg(&h, MSG_ASSOCIATION_EDIT);
		HTMLF(&h, "</a></li><li><a href=\"%s/version\">", base);
		html_msg(&h, MSG_VERSION_ADD);
		HTMLF(&h, "</a></li><li><a href=\"%s/events/new\">", base);
		html_msg(&h, MSG_LEISURE_NEW);
		HTML(&h, "</a></li></ul></nav>\n");
	}
	layout_end(&h, r);
	return 200;
}

/* The form's fields, for labels and the error summary; meetings and
 * the <select>s and checkboxes are drawn on their own. */
enum association_field {
	AF_NAME,
	AF_AREA,
	AF_CATEGORY,
	AF_DESCRIPTION,
	AF_LANG,
	AF_WEBSITE,
	AF_LANGUAGES,
	AF_FEE_KR,
	AF_FEE_PER,
	AF_AGE_MIN,
	AF_AGE_MAX,
	AF_CONTACT_NAME,
	AF_CONTACT_EMAIL,
	AF_CONTACT_PHONE,
	AF_MEETINGS,
	AF__MAX
};
static const struct field association_fields[AF__MAX] = {
	[AF_NAME] = { "name", MSG_ASSOCIATION_NAME, FIELD_TEXT, NULL, "organization", MSG__MAX, 1, TEXT_NAME_MAX },
	[AF_AREA] = { "area", MSG_ORGANISATION_AREA, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
	[AF_CATEGORY] = { "category", MSG_ASSOCIATION_CATEGORY, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
	[AF_DESCRIPTION] = { "description", MSG_ASSOCIATION_DESCRIPTION, FIELD_TEXTAREA, NULL, NULL,
			     MSG_FORM_MARKDOWN_HINT, 0, TEXT_BODY_MAX },
	[AF_LANG] = { "lang", MSG_FORM_CONTENT_LANGUAGE, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
	[AF_WEBSITE] = { "website", MSG_ORGANISATION_WEBSITE, FIELD_URL, NULL, "url", MSG__MAX, 0, TEXT_URL_MAX },
	[AF_LANGUAGES] = { "languages", MSG_ASSOCIATION_LANGUAGES, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
	[AF_FEE_KR] = { "fee_kr", MSG_ASSOCIATION_FEE_KR, FIELD_NUMBER, NULL, NULL, MSG_ASSOCIATION_FEE_HINT,
			0, 6 },
	[AF_FEE_PER] = { "fee_per", MSG_ASSOCIATION_FEE_PER, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
	[AF_AGE_MIN] = { "age_min", MSG_ASSOCIATION_AGE_MIN, FIELD_NUMBER, NULL, NULL, MSG__MAX, 0, 3 },
	[AF_AGE_MAX] = { "age_max", MSG_ASSOCIATION_AGE_MAX, FIELD_NUMBER, NULL, NULL, MSG__MAX, 0, 3 },
	[AF_CONTACT_NAME] = { "contact_name", MSG_ASSOCIATION_CONTACT_NAME, FIELD_TEXT, NULL, NULL,
			      MSG_ASSOCIATION_CONTACT_NAME_HINT, 0, CONTACT_MAX },
	[AF_CONTACT_EMAIL] = { "contact_email", MSG_ASSOCIATION_CONTACT_EMAIL, FIELD_EMAIL, NULL, NULL,
			       MSG_ASSOCIATION_PRIVATE_HINT, 0, CONTACT_MAX },
	[AF_CONTACT_PHONE] = { "contact_phone", MSG_ASSOCIATION_CONTACT_PHONE, FIELD_TEXT, NULL, NULL,
			       MSG_ASSOCIATION_PRIVATE_HINT, 0, 40 },
	[AF_MEETINGS] = { "meetings", MSG_ASSOCIATION_MEETS, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
};
_Static_assert(sizeof association_fields / sizeof association_fields[0] == AF__MAX, "a field per AF_");

/* A meeting row as typed, so a wrong time is shown back as it was. */
struct meeting_row {
	const char *day, *from, *to, *place, *what;
};

/* The association as posted; its meetings from the rows that have
 * anything in them, in order (rows[] keeps what was typed). */
struct posted {
	struct association x;
	struct meeting meetings[MEETINGS_MAX];
	struct meeting_row rows[MEETINGS_MAX];
	size_t nrows;
};

static const char *form_or(struct req *r, const char *key, const char *def)
{
	const char *v = req_form(r, key);
	return v ? v : def;
}

/* A number field: -1 when empty, -2 when not a whole number. */
static int64_t form_number(struct req *r, const char *key)
{
	const char *v = req_form(r, key);
	if (v == NULL || text_blank(v))
		return -1;
	char *end;
	long long n = strtoll(v, &end, 10);
	while (*end == ' ')
		end++;
	return *end || n < 0 || n > 1000000 ? -2 : n;
}

static int clock_value(const char *s, int *minutes)
{
	return s && tz_parse_clock(s, strlen(s), minutes) == 0 ? 0 : -1;
}

static void read_posted(struct req *r, struct posted *p, struct field_errors *errs)
{
	struct association *x = &p->x;
	x->org.name = form_or(r, "name", "");
	x->org.description = form_or(r, "description", "");
	x->org.website = form_or(r, "website", "");
	x->org.lang = form_or(r, "lang", "da");
	x->org.area_id = widget_form_id(r, "area", errs);
	int c = vocab_parse(&vocab_categories, req_form(r, "category"));
	x->category = c < 0 ? CATEGORY__MAX : (enum category)c;
	x->languages = content_form_set(r, "languages");
	x->fee_kr = form_number(r, "fee_kr");
	if (x->fee_kr == -2)
		x->fee_kr = -3; /* out of range: the model names the field */
	int f = vocab_parse(&vocab_fee_pers, form_or(r, "fee_per", "year"));
	x->fee_per = f < 0 ? FEE__MAX : (enum fee_per)f;
	x->fritidspas = req_form(r, "fritidspas") != NULL;
	x->step_free = req_form(r, "step_free") != NULL;
	int64_t lo = form_number(r, "age_min"), hi = form_number(r, "age_max");
	x->age_min = lo == -2 ? 999 : (int)lo;
	x->age_max = hi == -2 ? 999 : (int)hi;
	x->contact_name = form_or(r, "contact_name", "");
	x->contact_email = form_or(r, "contact_email", "");
	x->contact_phone = form_or(r, "contact_phone", "");
	p->nrows = 0;
	for (size_t i = 0; i < MEETINGS_MAX; i++) {
		const char *id = association_meeting_field(i);
		struct meeting_row row = {
			form_or(r, region_printf(r->region, "%s_day", id), ""),
			form_or(r, region_printf(r->region, "%s_from", id), ""),
			form_or(r, region_printf(r->region, "%s_to", id), ""),
			form_or(r, region_printf(r->region, "%s_place", id), ""),
			form_or(r, region_printf(r->region, "%s_what", id), ""),
		};
		if (text_blank(row.day) && text_blank(row.from) && text_blank(row.to) &&
		    text_blank(row.place) && text_blank(row.what))
			continue;
		struct meeting *m = &p->meetings[p->nrows];
		*m = (struct meeting){ .weekday = atoi(row.day), .place = row.place, .what = row.what };
		if (clock_value(row.from, &m->starts_min) != 0)
			m->starts_min = -1;
		if (clock_value(row.to, &m->ends_min) != 0)
			m->ends_min = -1;
		p->rows[p->nrows++] = row;
	}
	x->meetings = p->meetings;
	x->nmeetings = p->nrows;
}

/* The rows of the form from what is stored. */
static void rows_from(struct region *a, struct posted *p, const struct association *x)
{
	p->x = *x;
	p->nrows = 0;
	for (size_t i = 0; i < x->nmeetings && i < MEETINGS_MAX; i++) {
		const struct meeting *m = &x->meetings[i];
		p->rows[p->nrows++] = (struct meeting_row){
			region_printf(a, "%d", m->weekday),
			region_printf(a, "%02d:%02d", m->starts_min / 60, m->starts_min % 60),
			region_printf(a, "%02d:%02d", m->ends_min / 60, m->ends_min % 60),
			m->place,
			m->what,
		};
	}
}

static void select_field(struct html *h, enum association_field f,
			 const struct option *o, size_t n, const char *selected,
			 const struct field_errors *errs)
{
	widget_select(h, association_fields[f].name, association_fields[f].label, o, n, selected, errs);
}

static void text_field(struct html *h, enum association_field f, const char *value,
		       const struct field_errors *errs)
{
	struct field x = association_fields[f];
	x.value = value;
	widget_field(h, &x, errs);
}

static const char *number_text(struct region *a, int64_t v)
{
	return v >= 0 && v < 1000000 ? region_printf(a, "%lld", (long long)v) : "";
}

/* One meeting row: a fieldset with day, from, to, place and what. */
static void meeting_row(struct html *h, size_t i, const struct meeting_row *row,
			const struct field_errors *errs)
{
	const char *id = association_meeting_field(i);
	enum msg error = errs ? field_error_get(errs, id) : MSG__MAX;
	char n[8];
	snprintf(n, sizeof n, "%zu", i + 1);
	const char *args[] = { n };
	HTMLF(h, "<fieldset class=\"meeting%s\" id=\"%s\"", error != MSG__MAX ? " invalid" : "", id);
	if (error != MSG__MAX)
		HTMLF(h, " aria-describedby=\"%s-error\"", id);
	HTML(h, "><legend>");
	html_msgv(h, MSG_ASSOCIATION_MEETING_N, args, 1);
	HTML(h, "</legend>");
	if (error != MSG__MAX) {
		HTMLF(h, "<p class=\"error\" id=\"%s-error\">", id);
		html_msg(h, error);
		HTML(h, "</p>");
	}
	HTMLF(h, "<div class=\"field\"><label for=\"%s_day\">", id);
	html_msg(h, MSG_MEETING_DAY);
	HTMLF(h, "</label><select id=\"%s_day\" name=\"%s_day\"><option value=\"\">", id, id);
	html_msg(h, MSG_MEETING_NO_DAY);
	HTML(h, "</option>");
	for (int d = 1; d <= 7; d++) {
		HTMLF(h, "<option value=\"%d\"%s>", d, row && atoi(row->day) == d ? " selected" : "");
		html_msg(h, weekday_msgs[d]);
		HTML(h, "</option>");
	}
	HTML(h, "</select></div><div class=\"times\">");
	static const char *const parts[] = { "from", "to" };
	static const enum msg part_labels[] = { MSG_MEETING_FROM, MSG_MEETING_TO };
	for (int k = 0; k < 2; k++) {
		const char *value = row ? (k ? row->to : row->from) : "";
		HTMLF(h, "<div class=\"field\"><label for=\"%s_%s\">", id, parts[k]);
		html_msg(h, part_labels[k]);
		HTMLF(h, "</label><input id=\"%s_%s\" name=\"%s_%s\" type=\"text\" inputmode=\"numeric\" "
			 "maxlength=\"5\" class=\"short\" placeholder=\"16:30\" value=\"%s\"></div>",
		      id, parts[k], id, parts[k], value);
	}
	HTMLF(h, "</div><div class=\"field\"><label for=\"%s_place\">", id);
	html_msg(h, MSG_MEETING_PLACE);
	HTMLF(h, "</label><input id=\"%s_place\" name=\"%s_place\" type=\"text\" maxlength=\"200\" value=\"%s\">"
		 "</div><div class=\"field\"><label for=\"%s_what\">",
	      id, id, row ? row->place : "", id);
	html_msg(h, MSG_MEETING_WHAT);
	HTMLF(h, "</label><input id=\"%s_what\" name=\"%s_what\" type=\"text\" maxlength=\"200\" value=\"%s\">"
		 "</div></fieldset>\n",
	      id, id, row ? row->what : "");
}

/* The association form, posted back to r->path; returns status. */
static int association_form(struct req *r, int status, const struct posted *p, enum msg title,
			    const struct field_errors *errs)
{
	struct term *areas;
	size_t nareas;
	enum model_rc rc = area_list(r->db, r->region, &areas, &nareas);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const struct association *x = &p->x;
	req_set_header(r, "Cache-Control", "private, no-store");
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, title), NAV_LOCAL_LIFE);
	HTML(&h, "<h1>");
	html_msg(&h, title);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_ASSOCIATION_FORM_INTRO);
	HTML(&h, "</p>\n");
	widget_errors(&h, errs, association_fields, AF__MAX);
	widget_form_begin(&h, r, r->path);
	text_field(&h, AF_NAME, x->org.name, errs);
	widget_area_select(&h, r, areas, nareas, MSG_ASSOCIATION_NO_AREA, x->org.area_id, errs);
	struct option cats[CATEGORY__MAX + 1] = { { "", msg_get(r->lang, MSG_FORM_CHOOSE) } };
	for (int c = 0; c < CATEGORY__MAX; c++)
		cats[c + 1] = (struct option){ vocab_code(&vocab_categories, (enum category)c),
					       msg_get(r->lang, vocab_msg(&vocab_categories, (enum category)c)) };
	select_field(&h, AF_CATEGORY, cats, CATEGORY__MAX + 1,
		     (unsigned)x->category < CATEGORY__MAX ? vocab_code(&vocab_categories, x->category) : "", errs);
	text_field(&h, AF_DESCRIPTION, x->org.description, errs);
	content_select(&h, r, "lang", MSG_FORM_CONTENT_LANGUAGE, MSG__MAX, x->org.lang, errs);
	text_field(&h, AF_WEBSITE, x->org.website, errs);
	content_checkboxes(&h, "languages", MSG_ASSOCIATION_LANGUAGES_SPOKEN, x->languages, errs);

	HTML(&h, "<fieldset><legend>");
	html_msg(&h, MSG_ASSOCIATION_WHO_AND_COST);
	HTML(&h, "</legend>");
	text_field(&h, AF_AGE_MIN, number_text(r->region, x->age_min), errs);
	text_field(&h, AF_AGE_MAX, number_text(r->region, x->age_max), errs);
	text_field(&h, AF_FEE_KR, number_text(r->region, x->fee_kr), errs);
	struct option per[FEE__MAX];
	for (int f = 0; f < FEE__MAX; f++)
		per[f] = (struct option){ vocab_code(&vocab_fee_pers, (enum fee_per)f),
					  msg_get(r->lang, vocab_msg(&vocab_fee_pers, (enum fee_per)f)) };
	select_field(&h, AF_FEE_PER, per, FEE__MAX, vocab_code(&vocab_fee_pers, x->fee_per), errs);
	widget_checkbox(&h, "fritidspas", "1", MSG_ASSOCIATION_TAKES_FRITIDSPAS, x->fritidspas, errs);
	widget_checkbox(&h, "step_free", "1", MSG_ASSOCIATION_STEP_FREE, x->step_free, errs);
	HTML(&h, "</fieldset>\n<fieldset id=\"meetings\"><legend>");
	html_msg(&h, MSG_ASSOCIATION_MEETS);
	HTML(&h, "</legend><p class=\"hint\">");
	html_msg(&h, MSG_ASSOCIATION_MEETINGS_HINT);
	HTML(&h, "</p>");
	size_t rows = p->nrows + BLANK_MEETING_ROWS;
	if (rows > MEETINGS_MAX)
		rows = MEETINGS_MAX;
	for (size_t i = 0; i < rows; i++)
		meeting_row(&h, i, i < p->nrows ? &p->rows[i] : NULL, errs);
	HTML(&h, "</fieldset>\n<fieldset><legend>");
	html_msg(&h, MSG_ASSOCIATION_CONTACT_NAME);
	HTML(&h, "</legend>");
	text_field(&h, AF_CONTACT_NAME, x->contact_name, errs);
	text_field(&h, AF_CONTACT_EMAIL, x->contact_email, errs);
	text_field(&h, AF_CONTACT_PHONE, x->contact_phone, errs);
	HTML(&h, "</fieldset>\n");
	widget_form_end(&h, MSG_FORM_SAVE);
	layout_end(&h, r);
	return status;
}

struct save_args {
	struct posted *p;
	int64_t id;
	struct field_errors *errs;
};

static enum model_rc save_tx(struct req *r, void *arg)
{
	struct save_args *s = arg;
	return association_save(r->db, &s->p->x, r->user_id, &s->id, s->errs);
}

/* Saves the posted association (organisation id, or a new one for 0):
 * 303 to its page; 400 the form with errors; 409 a name taken; 503. */
static int association_post(struct req *r, int64_t id, enum sector sector, enum msg title)
{
	struct posted *p = region_calloc(r->region, 1, sizeof *p);
	struct field_errors errs = { .n = 0 };
	read_posted(r, p, &errs);
	p->x.org.id = id;
	p->x.org.sector = sector;
	struct save_args s = { p, id, &errs };
	enum model_rc rc = errs.n ? MODEL_INVALID : web_tx(r, save_tx, &s);
	if (rc == MODEL_INVALID || rc == MODEL_CONFLICT)
		return association_form(r, rc == MODEL_CONFLICT ? 409 : 400, p, title, &errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/associations/%lld", (long long)s.id), DONE_SAVED);
}

/* GET /associations/new: 200 the form (staff: the guard checks); 503. */
int web_association_new(struct req *r)
{
	struct posted *p = region_calloc(r->region, 1, sizeof *p);
	p->x = (struct association){ .org = { .lang = r->lang->code }, .category = CATEGORY__MAX,
				     .languages = "da", .fee_kr = -1, .age_min = -1, .age_max = -1 };
	p->x.org.area_id = 0;
	return association_form(r, 200, p, MSG_ASSOCIATION_NEW, NULL);
}

/* POST /associations/new (the form's fields): 303 to the new
 * association; 400 errors; 409 the name is taken; 503. */
int web_association_create(struct req *r)
{
	return association_post(r, 0, SECTOR_VOLUNTARY, MSG_ASSOCIATION_NEW);
}

/* The association of the route's organisation for its keeper: an
 * organisation that is not one yet starts from defaults. 0, or 403 not
 * its representative nor staff (checked here: the route is signed-in
 * only), 404 no such organisation, 503. */
static int keep(struct req *r, struct association *x)
{
	enum model_rc rc = association_get(r->db, r->region, r->params[0], x);
	if (rc == MODEL_NOT_FOUND) {
		*x = (struct association){ .category = CATEGORY__MAX, .languages = "da", .fee_kr = -1,
					   .age_min = -1, .age_max = -1, .contact_name = "",
					   .contact_email = "", .contact_phone = "" };
		rc = organisation_get(r->db, r->region, r->params[0], &x->org);
	}
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if (!web_keeps_association(r, x->org.id))
		return req_fail(r, 403, MSG_ERROR_FORBIDDEN);
	return 0;
}

/* GET /associations/{id}/edit: 200 the form; 403 not its keeper; 404;
 * 503. {id} is an organisation, which becomes an association when saved. */
int web_association_edit(struct req *r)
{
	struct association x;
	int status = keep(r, &x);
	if (status)
		return status;
	struct posted *p = region_calloc(r->region, 1, sizeof *p);
	rows_from(r->region, p, &x);
	return association_form(r, 200, p, MSG_ASSOCIATION_EDIT, NULL);
}

/* POST /associations/{id}/edit: 303 to its page; 400 errors; 403 not its
 * keeper; 404; 409 a name another has; 503. */
int web_association_update(struct req *r)
{
	struct association x;
	int status = keep(r, &x);
	if (status)
		return status;
	return association_post(r, x.org.id, x.org.sector, MSG_ASSOCIATION_EDIT);
}

/* The translation page of an association, for its keeper; 0 or status. */
static int version_page(struct req *r, struct version_page *p)
{
	struct association x;
	enum model_rc rc = association_get(r->db, r->region, r->params[0], &x);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if (!web_keeps_association(r, x.org.id))
		return req_fail(r, 403, MSG_ERROR_FORBIDDEN);
	*p = (struct version_page){
		.base = region_printf(r->region, "/associations/%lld", (long long)x.org.id),
		.item_title = x.org.name,
		.original_lang = x.org.lang,
		.table = &association_versions,
		.item_id = x.org.id,
		.title_label = MSG_VERSION_NAME,
		.body_label = MSG_ASSOCIATION_DESCRIPTION,
		.title_required = 0,
		.nav = NAV_LOCAL_LIFE,
	};
	return 0;
}

/* GET /associations/{id}/version?lang=: 200 the form; 403 not its
 * keeper; 404 no such association; 503. */
int web_association_version(struct req *r)
{
	return web_version_get(r, version_page);
}

/* POST /associations/{id}/version (lang, title, body, delete): 303 to
 * the association in that language; 400 errors; 403; 404; 503. */
int web_association_version_save(struct req *r)
{
	return web_version_post(r, version_page);
}
