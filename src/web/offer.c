/*
 * offer.c: welcome offers on pages: the list of open offers (by area and
 * a language the host speaks), one offer in the reader's language, the
 * forms in which a local person makes one and writes it in other
 * languages, answering one (a newcomer, or a coordinator for one with
 * the consent recorded), reporting one, and the moderators' page where
 * reported offers are hidden with a reason. The host's name is shown;
 * nobody's address, phone or e-mail is: contact details travel only in
 * an answer's conversation (web/answer.c), once both have said yes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/language.h"
#include "http/query.h"
#include "model/area.h"
#include "model/audit.h"
#include "model/role.h"
#include "model/text.h"
#include "web/content.h"
#include "web/guard.h"
#include "web/layout.h"
#include "web/locallife.h"
#include "web/mail.h"
#include "web/markdown.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

#define OFFERS_PER_PAGE 20
#define EXCERPT_BYTES 200
#define ANSWERS_PER_HOUR 20
#define REPORTS_PER_HOUR 10
#define WINDOW_HOUR 3600

/* "1.–30. juni", or one day; and the time when there is one. */
static void offer_when(struct html *h, const struct offer *o)
{
	when_date(h, o->starts_on);
	if (strcmp(o->starts_on, o->ends_on) != 0) {
		HTML(h, " – ");
		when_date(h, o->ends_on);
	}
	if (*o->at_time) {
		const char *args[] = { o->at_time };
		HTML(h, ", ");
		html_msgv(h, MSG_OFFER_AT_TIME, args, 1);
	}
}

static void places_left(struct html *h, const struct offer *o)
{
	char left[16], all[16];
	snprintf(left, sizeof left, "%d", o->places - o->taken);
	snprintf(all, sizeof all, "%d", o->places);
	const char *args[] = { left, all };
	html_msgv(h, MSG_OFFER_PLACES_LEFT, args, 2);
}

void web_offer_cards(struct html *h, struct req *r, const struct offer *o, size_t n)
{
	(void)r;
	HTML(h, "<ul class=\"cards offers\">");
	for (size_t i = 0; i < n; i++) {
		HTML(h, "<li");
		html_lang_attr(h, o[i].lang);
		HTMLF(h, "><h3><a href=\"/offers/%lld\">%s</a></h3><p class=\"meta\">", (long long)o[i].id,
		      o[i].title);
		offer_when(h, &o[i]);
		HTMLF(h, " · %s</p><p>", o[i].area_name);
		markdown_excerpt(h, o[i].body, EXCERPT_BYTES);
		HTML(h, "</p><p class=\"meta\">");
		html_msg(h, MSG_OFFER_HOST_SPEAKS);
		HTML(h, " ");
		content_languages(h, o[i].languages);
		HTML(h, " · ");
		places_left(h, &o[i]);
		HTML(h, "</p></li>");
	}
	HTML(h, "</ul>\n");
}

/* GET /offers?area=&language=&page=: 200 open offers, soonest first;
 * 400 a malformed filter; 503. */
int web_offer_list(struct req *r)
{
	struct offer_filter f = { 0, NULL, NULL };
	struct paging p = { 1, OFFERS_PER_PAGE, 0 };
	if (query_int(r, "area", 0, 1, INT64_MAX, &f.area_id) != 0 ||
	    query_int(r, "page", 1, 1, 1000000, &p.page) != 0)
		return 400;
	const char *language = req_query(r, "language");
	if (language && *language) {
		if (language_find(language) == NULL) {
			r->error_detail = "language";
			return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
		}
		f.language = language;
	}
	const char *wants[CONTENT_WANTS];
	content_wants(r, wants, CONTENT_WANTS);
	f.lang = wants[0];
	struct term *areas;
	struct offer *items;
	size_t nareas, n;
	enum model_rc rc = area_list(r->db, r->region, &areas, &nareas);
	if (rc == MODEL_OK)
		rc = offer_list(r->db, r->region, &f, &p, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_OFFERS_TITLE), NAV_LOCAL_LIFE);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_OFFERS_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_OFFERS_INTRO);
	HTML(&h, "</p>\n<ul class=\"chips\"><li><a href=\"/offers/new\">");
	html_msg(&h, MSG_OFFER_NEW);
	HTML(&h, "</a></li>");
	if (r->user_id) {
		HTML(&h, "<li><a href=\"/offers/mine\">");
		html_msg(&h, MSG_OFFERS_MINE);
		HTML(&h, "</a></li>");
	}
	HTML(&h, "</ul>\n<form class=\"filters\" method=\"get\" action=\"/offers\"><div class=\"field\">"
		 "<label for=\"f-area\">");
	html_msg(&h, MSG_ORGANISATION_AREA);
	HTML(&h, "</label><select id=\"f-area\" name=\"area\"><option value=\"\">");
	html_msg(&h, MSG_FILTER_ALL);
	HTML(&h, "</option>");
	for (size_t i = 0; i < nareas; i++)
		HTMLF(&h, "<option value=\"%lld\"%s>%s</option>", (long long)areas[i].id,
		      f.area_id == areas[i].id ? " selected" : "", areas[i].name);
	HTML(&h, "</select></div>");
	content_select(&h, r, "language", MSG_OFFER_FILTER_LANGUAGE, MSG_FILTER_ALL, f.language, NULL);
	HTML(&h, "<button type=\"submit\">");
	html_msg(&h, MSG_FILTER_APPLY);
	HTML(&h, "</button></form>\n");
	HTML(&h, "<p class=\"count\" role=\"status\">");
	html_count(&h, MSGN_OFFERS_COUNT, p.total);
	HTML(&h, "</p>\n");
	if (n)
		web_offer_cards(&h, r, items, n);
	widget_paging(&h, r, &p);
	layout_end(&h, r);
	return 200;
}

/* The route's offer as a visitor may see it: a hidden one only for its
 * host and moderators. 0, or 404, 503. */
static int visible_offer(struct req *r, struct offer *o)
{
	enum model_rc rc = offer_get(r->db, r->region, r->params[0], o);
	if (rc == MODEL_OK && o->hidden_at && o->author_id != r->user_id &&
	    !web_can(r, PERM_MODERATE_SITE, 0))
		rc = MODEL_NOT_FOUND;
	return rc == MODEL_OK ? 0 : req_status(r, model_status(rc));
}

/* The answer form: for oneself, or (coordinators) for a newcomer. */
static void answer_form(struct html *h, struct req *r, const struct offer *o,
			const struct field_errors *errs)
{
	static const struct field fields[] = {
		{ "people", MSG_ANSWER_PEOPLE, FIELD_NUMBER, NULL, NULL, MSG__MAX, 1, 2 },
		{ "contact", MSG_ANSWER_CONTACT, FIELD_TEXT, NULL, NULL, MSG_ANSWER_CONTACT_HINT, 0, 200 },
		{ "message", MSG_ANSWER_MESSAGE, FIELD_TEXTAREA, NULL, NULL, MSG_ANSWER_MESSAGE_HINT, 0,
		  MESSAGE_MAX },
		{ "for_name", MSG_ANSWER_FOR_NAME, FIELD_TEXT, NULL, NULL, MSG_ANSWER_FOR_NAME_HINT, 0,
		  TEXT_NAME_MAX },
		{ "consent", MSG_ANSWER_CONSENT, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
	};
	HTML(h, "<section aria-labelledby=\"answer\"><h2 id=\"answer\">");
	html_msg(h, MSG_ANSWER_TITLE);
	HTML(h, "</h2>\n<p>");
	html_msg(h, MSG_ANSWER_INTRO);
	HTML(h, "</p>\n");
	widget_errors(h, errs, fields, sizeof fields / sizeof fields[0]);
	widget_form_begin(h, r, region_printf(r->region, "/offers/%lld/answer", (long long)o->id));
	const char *values[] = { req_form(r, "people") ? req_form(r, "people") : "1", req_form(r, "contact"),
				 req_form(r, "message"), req_form(r, "for_name") };
	for (size_t i = 0; i < 3; i++) {
		struct field f = fields[i];
		f.value = values[i];
		widget_field(h, &f, errs);
	}
	if (web_can(r, PERM_COORDINATE, 0)) {
		HTML(h, "<fieldset><legend>");
		html_msg(h, MSG_ANSWER_FOR_NEWCOMER);
		HTML(h, "</legend>");
		struct field f = fields[3];
		f.value = values[3];
		widget_field(h, &f, errs);
		struct option o2[ANSWER_CONSENT__MAX];
		for (int c = 0; c < ANSWER_CONSENT__MAX; c++)
			o2[c] = (struct option){ vocab_code(&vocab_answer_consents, (enum answer_consent)c),
						 msg_get(r->lang, vocab_msg(&vocab_answer_consents, (enum answer_consent)c)) };
		widget_select(h, "consent", MSG_ANSWER_CONSENT, o2, ANSWER_CONSENT__MAX,
			      req_form(r, "consent"), errs);
		HTML(h, "</fieldset>");
	}
	widget_form_end(h, MSG_ANSWER_SUBMIT);
	HTML(h, "</section>\n");
}

/* The host's view of the answers. */
static void answers_section(struct html *h, const struct answer *a, size_t n)
{
	HTML(h, "<section aria-labelledby=\"answers\"><h2 id=\"answers\">");
	html_msg(h, MSG_OFFER_ANSWERS);
	HTML(h, "</h2>\n");
	if (n == 0) {
		HTML(h, "<p>");
		html_msg(h, MSG_OFFER_NO_ANSWERS);
		HTML(h, "</p></section>\n");
		return;
	}
	HTML(h, "<ul class=\"rows\">");
	for (size_t i = 0; i < n; i++) {
		HTMLF(h, "<li><a href=\"/answers/%lld\"><bdi>%s</bdi></a>", (long long)a[i].id,
		      *a[i].for_name ? a[i].for_name : a[i].account_name);
		HTML(h, " <span class=\"meta\">");
		html_count(h, MSGN_ANSWER_PEOPLE_COUNT, a[i].people);
		HTML(h, "</span> <span class=\"tag\">");
		html_msg(h, vocab_msg(&vocab_answer_statuses, a[i].status));
		HTML(h, "</span></li>");
	}
	HTML(h, "</ul></section>\n");
}

static void moderation_section(struct html *h, struct req *r, const struct offer *o,
			       const struct offer_report *rep, size_t nrep, const struct field_errors *errs)
{
	const char *action = region_printf(r->region, "/offers/%lld/hide", (long long)o->id);
	HTML(h, "<section class=\"moderation\" aria-labelledby=\"moderation\"><h2 id=\"moderation\">");
	html_msg(h, MSG_OFFER_MODERATION);
	HTML(h, "</h2>\n");
	if (nrep) {
		HTML(h, "<ul class=\"rows\">");
		for (size_t i = 0; i < nrep; i++) {
			HTML(h, "<li><p class=\"user-text\" dir=\"auto\">");
			html_text(h, rep[i].reason);
			HTML(h, "</p><p class=\"meta\">");
			if (rep[i].account_name)
				HTMLF(h, "<bdi>%s</bdi> · ", rep[i].account_name);
			else {
				html_msg(h, MSG_OFFER_REPORT_BY_VISITOR);
				HTML(h, " · ");
			}
			when_datetime(h, rep[i].created_at);
			HTML(h, "</p></li>");
		}
		HTML(h, "</ul>\n");
	}
	if (o->hidden_at) {
		widget_form_begin(h, r, action);
		HTML(h, "<input type=\"hidden\" name=\"action\" value=\"show\">");
		widget_form_end(h, MSG_OFFER_SHOW_AGAIN);
	} else {
		static const struct field reason = { "reason", MSG_OFFER_HIDE_REASON, FIELD_TEXTAREA, NULL, NULL,
						     MSG_OFFER_HIDE_REASON_HINT, 1, REASON_MAX };
		widget_form_begin(h, r, action);
		HTML(h, "<input type=\"hidden\" name=\"action\" value=\"hide\">");
		widget_field(h, &reason, errs);
		widget_form_end(h, MSG_OFFER_HIDE);
		if (nrep) {
			widget_form_begin(h, r, action);
			HTML(h, "<input type=\"hidden\" name=\"action\" value=\"dismiss\">");
			widget_form_end(h, MSG_OFFER_DISMISS_REPORTS);
		}
	}
	HTML(h, "</section>\n");
}

/* The offer's page, with errors of a form posted to it; returns status. */
static int offer_page(struct req *r, int status, const struct field_errors *answer_errs,
		      const struct field_errors *moderation_errs)
{
	struct offer o;
	int st = visible_offer(r, &o);
	if (st)
		return st;
	int host = r->user_id && o.author_id == r->user_id;
	int moderator = web_can(r, PERM_MODERATE_SITE, 0);
	struct version *v = NULL;
	struct answer *answers = NULL, *mine = NULL;
	struct offer_report *reports = NULL;
	size_t nv = 0, nanswers = 0, nmine = 0, nreports = 0;
	enum model_rc rc = version_list(r->db, &offer_versions, r->region, o.id, &v, &nv);
	if (rc == MODEL_OK && host)
		rc = offer_answers_of_offer(r->db, r->region, o.id, &answers, &nanswers);
	if (rc == MODEL_OK && r->user_id && !host)
		rc = offer_answers_of_account(r->db, r->region, r->user_id, &mine, &nmine);
	if (rc == MODEL_OK && moderator)
		rc = offer_reports(r->db, r->region, o.id, &reports, &nreports);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const struct answer *own = NULL;
	for (size_t i = 0; i < nmine; i++)
		if (mine[i].offer_id == o.id && *mine[i].for_name == '\0')
			own = &mine[i];
	struct content_choice c = content_pick(r, o.original_lang, v, nv);
	const char *title = c.version ? c.version->title : o.title;
	const char *body = c.version ? c.version->body : o.body;
	const char *base = region_printf(r->region, "/offers/%lld", (long long)o.id);
	if (r->user_id)
		req_set_header(r, "Cache-Control", "private, no-store");
	struct html h = web_html(r);
	layout_begin(&h, r, title, NAV_LOCAL_LIFE);
	HTML(&h, "<nav class=\"crumbs\" aria-label=\"");
	html_msg(&h, MSG_NAV_BREADCRUMBS);
	HTML(&h, "\"><a href=\"/offers\">");
	html_msg(&h, MSG_OFFERS_TITLE);
	HTMLF(&h, "</a> / <a href=\"/areas/%lld/local-life#offers\">%s</a></nav>\n", (long long)o.area_id,
	      o.area_name);
	if (o.hidden_at) {
		HTML(&h, "<div class=\"notice warning\" role=\"status\"><p>");
		html_msg(&h, MSG_OFFER_HIDDEN);
		HTML(&h, "</p><p class=\"user-text\" dir=\"auto\">");
		html_text(&h, o.hidden_reason);
		HTML(&h, "</p></div>\n");
	} else if (o.expired || o.closed) {
		HTML(&h, "<div class=\"notice\" role=\"status\">");
		html_msg(&h, o.expired ? MSG_OFFER_EXPIRED : MSG_OFFER_CLOSED);
		HTML(&h, "</div>\n");
	}
	content_nav(&h, r, base, &c, o.original_lang, v, nv);
	/* The title and text in their language; the facts in the page's. */
	HTML(&h, "<article><h1");
	html_lang_attr(&h, c.shown);
	HTMLF(&h, ">%s</h1>\n<dl class=\"facts\"><dt>", title);
	html_msg(&h, MSG_OFFER_WHEN);
	HTML(&h, "</dt><dd>");
	offer_when(&h, &o);
	HTML(&h, "</dd><dt>");
	html_msg(&h, MSG_ORGANISATION_AREA);
	HTMLF(&h, "</dt><dd>%s</dd><dt>", o.area_name);
	html_msg(&h, MSG_OFFER_HOST);
	HTMLF(&h, "</dt><dd><bdi>%s</bdi>", o.author_name);
	if (o.organisation_id) {
		HTMLF(&h, ", <a href=\"/associations/%lld\">%s</a>", (long long)o.organisation_id,
		      o.organisation_name);
	}
	HTML(&h, "</dd><dt>");
	html_msg(&h, MSG_OFFER_HOST_SPEAKS);
	HTML(&h, "</dt><dd>");
	content_languages(&h, o.languages);
	HTML(&h, "</dd><dt>");
	html_msg(&h, MSG_OFFER_PLACES);
	HTML(&h, "</dt><dd>");
	places_left(&h, &o);
	HTML(&h, "</dd></dl>\n<div class=\"prose\"");
	html_lang_attr(&h, c.shown);
	HTML(&h, ">");
	markdown_render(&h, body);
	HTML(&h, "</div></article>\n");

	int open = !o.closed && !o.expired && !o.hidden_at;
	if (host) {
		HTML(&h, "<nav class=\"tools-bar\" aria-label=\"");
		html_msg(&h, MSG_OFFER_TOOLS);
		HTMLF(&h, "\"><ul><li><a href=\"%s/edit\">", base);
		html_msg(&h, MSG_OFFER_EDIT);
		HTMLF(&h, "</a></li><li><a href=\"%s/version\">", base);
		html_msg(&h, MSG_VERSION_ADD);
		HTML(&h, "</a></li><li>");
		widget_form_begin(&h, r, region_printf(r->region, "%s/close", base));
		if (o.closed)
			HTML(&h, "<input type=\"hidden\" name=\"open\" value=\"1\">");
		HTML(&h, "<button type=\"submit\" class=\"link\">");
		html_msg(&h, o.closed ? MSG_OFFER_REOPEN : MSG_OFFER_CLOSE);
		HTML(&h, "</button></form></li></ul></nav>\n");
		answers_section(&h, answers, nanswers);
	} else if (own) {
		HTMLF(&h, "<p class=\"notice\"><a href=\"/answers/%lld\">", (long long)own->id);
		html_msg(&h, MSG_OFFER_YOUR_ANSWER);
		HTML(&h, "</a> <span class=\"tag\">");
		html_msg(&h, vocab_msg(&vocab_answer_statuses, own->status));
		HTML(&h, "</span></p>\n");
	} else if (open && r->user_id) {
		answer_form(&h, r, &o, answer_errs);
	} else if (open) {
		HTMLF(&h, "<p><a class=\"button\" href=\"/login?next=/offers/%lld\">", (long long)o.id);
		html_msg(&h, MSG_OFFER_SIGN_IN_TO_ANSWER);
		HTML(&h, "</a></p>\n");
	}
	if (moderator)
		moderation_section(&h, r, &o, reports, nreports, moderation_errs);
	if (!host) {
		static const struct field reason = { "reason", MSG_OFFER_REPORT_REASON, FIELD_TEXTAREA, NULL, NULL,
						     MSG__MAX, 1, REASON_MAX };
		HTML(&h, "<details class=\"report\"><summary>");
		html_msg(&h, MSG_OFFER_REPORT);
		HTML(&h, "</summary><p class=\"hint\">");
		html_msg(&h, MSG_OFFER_REPORT_HINT);
		HTML(&h, "</p>");
		widget_form_begin(&h, r, region_printf(r->region, "%s/report", base));
		widget_field(&h, &reason, NULL);
		widget_form_end(&h, MSG_OFFER_REPORT_SUBMIT);
		HTML(&h, "</details>\n");
	}
	layout_end(&h, r);
	return status;
}

/* GET /offers/{id}[?in=LANG]: 200; 404 no such offer, or hidden from
 * this reader; 503. */
int web_offer_show(struct req *r)
{
	return offer_page(r, 200, NULL, NULL);
}

enum { OF_AREA, OF_TITLE, OF_BODY, OF_LANG, OF_STARTS, OF_ENDS, OF_AT, OF_LANGUAGES, OF_PLACES,
       OF_ORGANISATION, OF__MAX };
static const struct field offer_fields[OF__MAX] = {
	[OF_AREA] = { "area", MSG_ORGANISATION_AREA, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
	[OF_TITLE] = { "title", MSG_OFFER_TITLE_FIELD, FIELD_TEXT, NULL, NULL, MSG_OFFER_TITLE_HINT, 1,
		       TEXT_NAME_MAX },
	[OF_BODY] = { "body", MSG_OFFER_BODY, FIELD_TEXTAREA, NULL, NULL, MSG_OFFER_BODY_HINT, 1, TEXT_BODY_MAX },
	[OF_LANG] = { "lang", MSG_FORM_CONTENT_LANGUAGE, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
	[OF_STARTS] = { "starts_on", MSG_OFFER_STARTS_ON, FIELD_DATE, NULL, NULL, MSG__MAX, 1, 10 },
	[OF_ENDS] = { "ends_on", MSG_OFFER_ENDS_ON, FIELD_DATE, NULL, NULL, MSG_OFFER_ENDS_ON_HINT, 1, 10 },
	[OF_AT] = { "at_time", MSG_OFFER_AT_TIME_FIELD, FIELD_TEXT, NULL, NULL, MSG_OFFER_AT_TIME_HINT, 0, 5 },
	[OF_LANGUAGES] = { "languages", MSG_OFFER_HOST_SPEAKS, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
	[OF_PLACES] = { "places", MSG_OFFER_PLACES, FIELD_NUMBER, NULL, NULL, MSG_OFFER_PLACES_HINT, 1, 2 },
	[OF_ORGANISATION] = { "organisation", MSG_OFFER_ORGANISATION, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
};

/* The organisations the user represents, for "offered by". */
static enum model_rc represented(struct req *r, struct option **o, size_t *n)
{
	struct role_grant *g;
	size_t ng;
	enum model_rc rc = role_list(r->db, r->region, r->user_id, &g, &ng);
	if (rc != MODEL_OK)
		return rc;
	*o = region_calloc(r->region, ng + 1, sizeof **o);
	(*o)[0] = (struct option){ "", msg_get(r->lang, MSG_OFFER_AS_MYSELF) };
	*n = 1;
	for (size_t i = 0; i < ng; i++)
		if (g[i].role == ROLE_REPRESENTATIVE && g[i].scope == SCOPE_ORGANISATION)
			(*o)[(*n)++] = (struct option){ region_printf(r->region, "%lld", (long long)g[i].scope_id),
							g[i].scope_name };
	return MODEL_OK;
}

static int offer_form(struct req *r, int status, const struct offer *o, enum msg title,
		      const struct field_errors *errs)
{
	struct term *areas;
	struct option *orgs = NULL;
	size_t nareas, norgs = 0;
	enum model_rc rc = area_list(r->db, r->region, &areas, &nareas);
	if (rc == MODEL_OK)
		rc = represented(r, &orgs, &norgs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	req_set_header(r, "Cache-Control", "private, no-store");
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, title), NAV_LOCAL_LIFE);
	HTML(&h, "<h1>");
	html_msg(&h, title);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_OFFER_FORM_INTRO);
	HTML(&h, "</p>\n");
	widget_errors(&h, errs, offer_fields, OF__MAX);
	widget_form_begin(&h, r, r->path);
	widget_area_select(&h, r, areas, nareas, MSG_FORM_CHOOSE, o->area_id, errs);
	const char *values[OF__MAX] = {
		[OF_TITLE] = o->title,	     [OF_BODY] = o->body,   [OF_STARTS] = o->starts_on,
		[OF_ENDS] = o->ends_on,	     [OF_AT] = o->at_time,
		[OF_PLACES] = o->places > 0 ? region_printf(r->region, "%d", o->places) : req_form(r, "places"),
	};
	for (int i = OF_TITLE; i <= OF_BODY; i++) {
		struct field f = offer_fields[i];
		f.value = values[i];
		widget_field(&h, &f, errs);
	}
	content_select(&h, r, "lang", MSG_FORM_CONTENT_LANGUAGE, MSG__MAX, o->lang, errs);
	for (int i = OF_STARTS; i <= OF_AT; i++) {
		struct field f = offer_fields[i];
		f.value = values[i];
		widget_field(&h, &f, errs);
	}
	content_checkboxes(&h, "languages", MSG_OFFER_HOST_SPEAKS, o->languages, errs);
	struct field f = offer_fields[OF_PLACES];
	f.value = values[OF_PLACES];
	widget_field(&h, &f, errs);
	if (norgs > 1)
		widget_select(&h, "organisation", MSG_OFFER_ORGANISATION, orgs, norgs,
			      region_printf(r->region, "%lld", (long long)o->organisation_id), errs);
	HTML(&h, "<p class=\"hint\">");
	html_msg(&h, MSG_OFFER_PRIVACY_HINT);
	HTML(&h, "</p>");
	widget_form_end(&h, MSG_FORM_SAVE);
	layout_end(&h, r);
	return status;
}

struct offer_args {
	struct offer o;
	int64_t id;
	struct field_errors errs;
};

static enum model_rc offer_tx(struct req *r, void *arg)
{
	struct offer_args *a = arg;
	enum model_rc rc = offer_save(r->db, &a->o, &a->id, &a->errs);
	return rc == MODEL_OK && a->o.id == 0 ? web_tell_offer(r, &a->o, a->id) : rc;
}

static int offer_post(struct req *r, const struct offer *before, enum msg title)
{
	struct offer_args *a = region_calloc(r->region, 1, sizeof *a);
	a->o = *before;
	a->o.area_id = widget_form_id(r, "area", &a->errs);
	a->o.organisation_id = widget_form_id(r, "organisation", &a->errs);
	if (a->o.organisation_id && !web_can(r, PERM_REPRESENT, a->o.organisation_id))
		field_error_add(&a->errs, "organisation", MSG_FORM_CHOOSE_ONE);
	a->o.title = req_form(r, "title");
	a->o.body = req_form(r, "body");
	a->o.lang = req_form(r, "lang");
	a->o.starts_on = req_form(r, "starts_on");
	a->o.ends_on = req_form(r, "ends_on");
	a->o.at_time = req_form(r, "at_time");
	a->o.languages = content_form_set(r, "languages");
	const char *places = req_form(r, "places");
	a->o.places = places && *places ? atoi(places) : 0;
	enum model_rc rc = a->errs.n ? MODEL_INVALID : web_tx(r, offer_tx, a);
	if (rc == MODEL_INVALID)
		return offer_form(r, 400, &a->o, title, &a->errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/offers/%lld", (long long)a->id), DONE_SAVED);
}

/* GET /offers/new?area=: 200 the form (signed in: the guard checks);
 * 400 bad area; 503. */
int web_offer_new(struct req *r)
{
	struct offer o = { .author_id = r->user_id, .lang = r->lang->code, .languages = r->lang->code };
	if (query_int(r, "area", 0, 1, INT64_MAX, &o.area_id) != 0)
		return 400;
	return offer_form(r, 200, &o, MSG_OFFER_NEW, NULL);
}

/* POST /offers/new (area, title, body, lang, starts_on, ends_on,
 * at_time, languages, places, organisation): 303 to the offer; 400 the
 * form with errors; 503. */
int web_offer_create(struct req *r)
{
	struct offer o = { .author_id = r->user_id };
	return offer_post(r, &o, MSG_OFFER_NEW);
}

/* The route's offer, if the signed-in user made it: 0, or 403 (checked
 * here: the route is signed-in only), 404, 503. */
static int own_offer(struct req *r, struct offer *o)
{
	enum model_rc rc = offer_get(r->db, r->region, r->params[0], o);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return o->author_id == r->user_id ? 0 : req_fail(r, 403, MSG_ERROR_FORBIDDEN);
}

/* GET /offers/{id}/edit: 200; 403 not the host; 404; 503. */
int web_offer_edit(struct req *r)
{
	struct offer o;
	int status = own_offer(r, &o);
	return status ? status : offer_form(r, 200, &o, MSG_OFFER_EDIT, NULL);
}

/* POST /offers/{id}/edit: 303; 400 errors (places may not go below those
 * accepted); 403; 404; 503. */
int web_offer_update(struct req *r)
{
	struct offer o;
	int status = own_offer(r, &o);
	return status ? status : offer_post(r, &o, MSG_OFFER_EDIT);
}

static int version_page(struct req *r, struct version_page *vp)
{
	struct offer o;
	int status = own_offer(r, &o);
	if (status)
		return status;
	*vp = (struct version_page){
		.base = region_printf(r->region, "/offers/%lld", (long long)o.id),
		.item_title = o.title,
		.original_lang = o.original_lang,
		.table = &offer_versions,
		.item_id = o.id,
		.title_label = MSG_OFFER_TITLE_FIELD,
		.body_label = MSG_OFFER_BODY,
		.title_required = 1,
		.nav = NAV_LOCAL_LIFE,
	};
	return 0;
}

/* GET /offers/{id}/version?lang=: 200; 403 not the host; 404; 503. */
int web_offer_version(struct req *r)
{
	return web_version_get(r, version_page);
}

/* POST /offers/{id}/version (lang, title, body, delete): 303; 400; 403;
 * 404; 503. */
int web_offer_version_save(struct req *r)
{
	return web_version_post(r, version_page);
}

struct close_args {
	int64_t id;
	int closed;
};

static enum model_rc close_tx(struct req *r, void *arg)
{
	struct close_args *a = arg;
	return offer_set_closed(r->db, a->id, a->closed);
}

/* POST /offers/{id}/close (open=1 opens it again): 303 to the offer;
 * 403 not the host; 404; 503. */
int web_offer_close(struct req *r)
{
	struct offer o;
	int status = own_offer(r, &o);
	if (status)
		return status;
	struct close_args a = { o.id, req_form(r, "open") == NULL };
	enum model_rc rc = web_tx(r, close_tx, &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/offers/%lld", (long long)o.id), DONE_SAVED);
}

struct answer_args {
	const struct offer *o;
	const char *for_name, *contact, *message;
	enum answer_consent consent;
	int people;
	int64_t id;
	struct field_errors errs;
};

static enum model_rc answer_tx(struct req *r, void *arg)
{
	struct answer_args *a = arg;
	enum model_rc rc = offer_answer_create(r->db, a->o->id, r->user_id, a->for_name, a->consent, a->people,
					       a->contact, a->message, &a->id, &a->errs);
	if (rc == MODEL_OK && a->consent != CONSENT_SELF) {
		/* A coordinator answered for someone: who, and how they said yes. */
		const struct audit_event e = {
			AUDIT_OFFER_ANSWERED_FOR, r->user_id, 0, AUDIT_ON_NOTHING, 0,
			region_printf(r->region, "%s (offer %lld, answer %lld, consent: %s)", a->for_name,
				      (long long)a->o->id, (long long)a->id,
				      vocab_code(&vocab_answer_consents, a->consent)),
			r->client
		};
		rc = audit_record(r->db, &e);
	}
	if (rc == MODEL_OK) {
		const char *args[] = { r->user_name, a->o->title, mail_link(r, "/answers/", region_printf(r->region, "%lld", (long long)a->id)) };
		rc = mail_queue(r, a->o->author_id, a->o->author_email, a->o->author_lang,
				MSG_MAIL_OFFER_ANSWERED_SUBJECT, MSG_MAIL_OFFER_ANSWERED_BODY, args, 3);
	}
	return rc;
}

/* POST /offers/{id}/answer (people, contact, message; coordinators also
 * for_name and consent): 303 to the conversation; 400 the offer page with
 * the form's errors; 404 no such offer (or hidden); 409 the offer is not
 * open, is one's own or was answered already; 429 too many; 503. */
int web_offer_answer(struct req *r)
{
	struct offer o;
	int status = visible_offer(r, &o);
	if (status)
		return status;
	char who[24];
	snprintf(who, sizeof who, "%lld", (long long)r->user_id);
	if ((status = web_rate_limit(r, "offer-answer", who, ANSWERS_PER_HOUR, WINDOW_HOUR)) != 0)
		return status;
	struct answer_args *a = region_calloc(r->region, 1, sizeof *a);
	a->o = &o;
	a->contact = req_form(r, "contact");
	a->message = req_form(r, "message");
	const char *people = req_form(r, "people");
	char *end = NULL;
	long n = people ? strtol(people, &end, 10) : 1;
	a->people = people && (*people == '\0' || *end) ? 0 : (int)(n > 0 && n < 100 ? n : 0);
	a->for_name = "";
	a->consent = CONSENT_SELF;
	if (web_can(r, PERM_COORDINATE, 0)) {
		a->for_name = req_form(r, "for_name") ? req_form(r, "for_name") : "";
		int c = vocab_parse(&vocab_answer_consents, req_form(r, "consent") ? req_form(r, "consent") : "self");
		a->consent = c < 0 ? ANSWER_CONSENT__MAX : (enum answer_consent)c;
	}
	enum model_rc rc = web_tx(r, answer_tx, a);
	if (rc == MODEL_INVALID)
		return offer_page(r, 400, &a->errs, NULL);
	if (rc == MODEL_CONFLICT)
		return req_fail(r, 409, MSG_OFFER_CANNOT_ANSWER);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return req_redirect(r, region_printf(r->region, "/answers/%lld", (long long)a->id));
}

struct report_args {
	int64_t id;
	const char *reason;
	struct field_errors errs;
};

static enum model_rc report_tx(struct req *r, void *arg)
{
	struct report_args *a = arg;
	return offer_report(r->db, a->id, r->user_id, a->reason, &a->errs);
}

/* POST /offers/{id}/report (reason): 303 to the offer, which thanks;
 * 400 no reason; 404; 429 too many from this address; 503. Anyone may
 * report, signed in or not. */
int web_offer_report(struct req *r)
{
	struct offer o;
	int status = visible_offer(r, &o);
	if (status)
		return status;
	if ((status = web_rate_limit(r, "offer-report", r->client, REPORTS_PER_HOUR, WINDOW_HOUR)) != 0)
		return status;
	struct report_args a = { o.id, req_form(r, "reason"), { .n = 0 } };
	enum model_rc rc = web_tx(r, report_tx, &a);
	if (rc == MODEL_INVALID)
		return req_fail(r, 400, MSG_OFFER_REPORT_NEEDS_REASON);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/offers/%lld", (long long)o.id), DONE_OFFER_REPORTED);
}

enum moderation { MOD_HIDE, MOD_SHOW, MOD_DISMISS, MOD__MAX };
static const char *const moderation_codes[MOD__MAX] = { "hide", "show", "dismiss" };

struct hide_args {
	const struct offer *o;
	enum moderation action;
	const char *reason;
	struct field_errors errs;
};

static enum model_rc hide_tx(struct req *r, void *arg)
{
	struct hide_args *a = arg;
	if (a->action == MOD_SHOW)
		return offer_unhide(r->db, a->o->id);
	if (a->action == MOD_DISMISS)
		return offer_reports_handled(r->db, a->o->id, r->user_id);
	enum model_rc rc = offer_hide(r->db, a->o->id, r->user_id, a->reason, &a->errs);
	if (rc != MODEL_OK)
		return rc;
	const char *args[] = { a->o->title, a->reason,
			       mail_link(r, "/offers/", region_printf(r->region, "%lld", (long long)a->o->id)) };
	return mail_queue(r, a->o->author_id, a->o->author_email, a->o->author_lang, MSG_MAIL_OFFER_HIDDEN_SUBJECT,
			  MSG_MAIL_OFFER_HIDDEN_BODY, args, 3);
}

/* POST /offers/{id}/hide (action: hide with a reason, show, dismiss the
 * reports): 303 to the offer; 400 no reason or no such action; 404; 503.
 * Moderators of the whole site (the guard checks); the host gets a mail
 * saying why. */
int web_offer_hide(struct req *r)
{
	struct offer o;
	enum model_rc rc = offer_get(r->db, r->region, r->params[0], &o);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *action = req_form(r, "action");
	struct hide_args *a = region_calloc(r->region, 1, sizeof *a);
	a->o = &o;
	a->reason = req_form(r, "reason");
	a->action = MOD__MAX;
	for (int i = 0; action && i < MOD__MAX; i++)
		if (strcmp(action, moderation_codes[i]) == 0)
			a->action = (enum moderation)i;
	if (a->action == MOD__MAX) {
		r->error_detail = "action";
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	}
	rc = web_tx(r, hide_tx, a);
	if (rc == MODEL_INVALID)
		return offer_page(r, 400, NULL, &a->errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/offers/%lld", (long long)o.id), DONE_SAVED);
}

/* A list of offers with their state, for the host and for moderators. */
static void offer_rows(struct html *h, const struct offer *o, size_t n, int reports)
{
	HTML(h, "<ul class=\"rows\">");
	for (size_t i = 0; i < n; i++) {
		HTMLF(h, "<li><a href=\"/offers/%lld\"", (long long)o[i].id);
		html_lang_attr(h, o[i].lang);
		HTMLF(h, ">%s</a> <span class=\"meta\">", o[i].title);
		offer_when(h, &o[i]);
		HTMLF(h, " · %s</span> ", o[i].area_name);
		if (o[i].hidden_at) {
			HTML(h, "<span class=\"tag\">");
			html_msg(h, MSG_OFFER_STATE_HIDDEN);
			HTML(h, "</span>");
		} else if (o[i].expired || o[i].closed) {
			HTML(h, "<span class=\"tag\">");
			html_msg(h, o[i].expired ? MSG_OFFER_STATE_EXPIRED : MSG_OFFER_STATE_CLOSED);
			HTML(h, "</span>");
		}
		if (reports && o[i].open_reports) {
			HTML(h, " <span class=\"tag\">");
			html_count(h, MSGN_OFFER_REPORTS_COUNT, o[i].open_reports);
			HTML(h, "</span>");
		}
		HTML(h, "</li>");
	}
	HTML(h, "</ul>\n");
}

/* GET /offers/moderate: 200 reported and hidden offers (moderators of
 * the whole site: the guard checks); 503. */
int web_offer_moderate(struct req *r)
{
	struct offer *o;
	size_t n;
	enum model_rc rc = offer_list_moderation(r->db, r->region, &o, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	req_set_header(r, "Cache-Control", "private, no-store");
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_OFFER_MODERATION), NAV_LOCAL_LIFE);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_OFFER_MODERATION);
	HTML(&h, "</h1>\n");
	if (n)
		offer_rows(&h, o, n, 1);
	else {
		HTML(&h, "<p>");
		html_msg(&h, MSG_OFFER_MODERATION_NONE);
		HTML(&h, "</p>\n");
	}
	layout_end(&h, r);
	return 200;
}

/* GET /offers/mine: 200 the offers one made and the answers one gave;
 * 503. */
int web_offers_mine(struct req *r)
{
	struct offer *o;
	struct answer *a = NULL;
	size_t n, na = 0;
	enum model_rc rc = offer_list_author(r->db, r->region, r->user_id, &o, &n);
	if (rc == MODEL_OK)
		rc = offer_answers_of_account(r->db, r->region, r->user_id, &a, &na);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	req_set_header(r, "Cache-Control", "private, no-store");
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_OFFERS_MINE), NAV_LOCAL_LIFE);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_OFFERS_MINE);
	HTML(&h, "</h1>\n<h2>");
	html_msg(&h, MSG_OFFERS_MADE);
	HTML(&h, "</h2>\n");
	if (n)
		offer_rows(&h, o, n, 0);
	HTML(&h, "<p><a href=\"/offers/new\">");
	html_msg(&h, MSG_OFFER_NEW);
	HTML(&h, "</a></p>\n<h2>");
	html_msg(&h, MSG_OFFERS_ANSWERED);
	HTML(&h, "</h2>\n");
	if (na == 0) {
		HTML(&h, "<p>");
		html_msg(&h, MSG_OFFERS_ANSWERED_NONE);
		HTML(&h, "</p>\n");
	} else {
		HTML(&h, "<ul class=\"rows\">");
		for (size_t i = 0; i < na; i++) {
			HTMLF(&h, "<li><a href=\"/answers/%lld\"", (long long)a[i].id);
			html_lang_attr(&h, a[i].offer_lang);
			HTMLF(&h, ">%s</a>", a[i].offer_title);
			if (*a[i].for_name)
				HTMLF(&h, " <span class=\"meta\">(<bdi>%s</bdi>)</span>", a[i].for_name);
			HTML(&h, " <span class=\"tag\">");
			html_msg(&h, vocab_msg(&vocab_answer_statuses, a[i].status));
			HTML(&h, "</span></li>");
		}
		HTML(&h, "</ul>\n");
	}
	layout_end(&h, r);
	return 200;
}

