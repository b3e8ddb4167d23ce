/*
 * guide.c: guides (vejvisere): signing up and changing one's details,
 * taking a break or withdrawing, and for the coordinators the list of a
 * programme's guides with the child-protection record check (børneattest)
 * they record before a guide is matched with anyone under 18.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/route.h"
#include "model/area.h"
#include "model/guide.h"
#include "model/organisation.h"
#include "web/guides.h"
#include "web/layout.h"
#include "web/web.h"
#include "web/widget.h"

static const struct field guide_fields[] = {
	{ "organisation", MSG_GUIDE_WORKPLACE, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
	{ "area", MSG_ORGANISATION_AREA, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
	{ "reach", MSG_GUIDE_REACH, FIELD_NUMBER, NULL, "off", MSG_GUIDE_REACH_HINT, 1, 0 },
	{ "languages", MSG_GUIDE_LANGUAGES, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
	{ "interests", MSG_GUIDE_INTERESTS, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
	{ "times", MSG_GUIDE_TIMES, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
	{ "capacity", MSG_GUIDE_CAPACITY, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
	{ "gender", MSG_GUIDE_GENDER, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
	{ "phone", MSG_GUIDE_PHONE, FIELD_TEXT, NULL, "tel", MSG_GUIDE_PHONE_HINT, 0, 40 },
	{ "note", MSG_GUIDE_NOTE, FIELD_TEXTAREA, NULL, NULL, MSG_GUIDE_NOTE_HINT, 0, 2000 },
};
#define NFIELDS (sizeof guide_fields / sizeof guide_fields[0])

static int guide_form(struct req *r, int status, const struct programme *p, const struct guide *g,
		      int exists, const struct field_errors *errs)
{
	struct term *areas;
	struct organisation *orgs;
	size_t nareas = 0, norgs = 0;
	struct organisation_filter all = { .sector = -1 };
	struct paging pg = { 1, 1000, 0 };
	enum model_rc rc = area_list(r->db, r->region, &areas, &nareas);
	if (rc == MODEL_OK)
		rc = organisation_list(r->db, r->region, &all, &pg, &orgs, &norgs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *title = msg_get(r->lang, exists ? MSG_GUIDE_EDIT_TITLE : MSG_GUIDE_SIGNUP_TITLE);
	struct html h = web_html(r);
	layout_begin(&h, r, title, NAV_PROGRAMMES);
	guides_heading(&h, r, p, title);
	if (exists) {
		HTML(&h, "<p>");
		html_msg(&h, MSG_GUIDE_STATUS);
		HTML(&h, ": <strong>");
		html_msg(&h, guide_status_msg(g->status));
		HTML(&h, "</strong>. ");
		html_msg(&h, g->record_checked_at ? MSG_GUIDE_RECORD_CHECKED : MSG_GUIDE_RECORD_NOT_CHECKED);
		HTML(&h, "</p>\n");
	} else {
		HTML(&h, "<p class=\"lead\">");
		html_msg(&h, MSG_GUIDE_SIGNUP_INTRO);
		HTML(&h, "</p>\n");
	}
	widget_errors(&h, errs, guide_fields, NFIELDS);
	widget_form_begin(&h, r, guides_path(r, p->id, "/guide"));
	struct option *o = region_calloc(r->region, norgs + 1, sizeof *o);
	o[0] = (struct option){ "", msg_get(r->lang, MSG_GUIDE_NO_WORKPLACE) };
	for (size_t i = 0; i < norgs; i++)
		o[i + 1] = (struct option){ region_printf(r->region, "%lld", (long long)orgs[i].id),
					    orgs[i].name };
	widget_select(&h, "organisation", MSG_GUIDE_WORKPLACE, o, norgs + 1,
		      region_printf(r->region, "%lld", (long long)g->organisation_id), errs);
	widget_area_select(&h, r, areas, nareas, MSG_GUIDE_CHOOSE_AREA, g->area_id, errs);
	struct field f = guide_fields[2];
	char reach[24];
	snprintf(reach, sizeof reach, "%d", g->reach_km);
	f.value = req_form(r, "reach") ? req_form(r, "reach") : reach;
	widget_field(&h, &f, errs);
	guides_checks(&h, r, "languages", MSG_GUIDE_LANGUAGES, MSG__MAX, &vocab_languages, g->languages,
		      errs);
	guides_checks(&h, r, "interests", MSG_GUIDE_INTERESTS, MSG_GUIDE_INTERESTS_HINT,
		      &vocab_interests, g->interests, errs);
	guides_checks(&h, r, "times", MSG_GUIDE_TIMES, MSG__MAX, &vocab_times, g->availability, errs);
	static const struct option places[] = { { "1", "1" }, { "2", "2" }, { "3", "3" } };
	int on[3] = { g->capacity == 1, g->capacity == 2, g->capacity == 3 };
	widget_choices(&h, "capacity", 0, MSG_GUIDE_CAPACITY, MSG_GUIDE_CAPACITY_HINT, places, 3, on,
		       errs);
	guides_radios(&h, r, "gender", MSG_GUIDE_GENDER, &vocab_genders, (int)g->gender, errs);
	for (size_t i = 8; i < NFIELDS; i++) {
		f = guide_fields[i];
		f.value = req_form(r, f.name) ? req_form(r, f.name) : i == 8 ? g->phone : g->note;
		widget_field(&h, &f, errs);
	}
	widget_form_end(&h, exists ? MSG_FORM_SAVE : MSG_GUIDE_SIGNUP_SUBMIT);
	if (exists) {
		HTML(&h, "<section aria-labelledby=\"break\"><h2 id=\"break\">");
		html_msg(&h, MSG_GUIDE_BREAK);
		HTML(&h, "</h2><p>");
		html_msg(&h, MSG_GUIDE_BREAK_INTRO);
		HTML(&h, "</p>");
		widget_form_begin(&h, r, guides_path(r, p->id, "/guide/status"));
		HTMLF(&h, "<input type=\"hidden\" name=\"status\" value=\"%s\">",
		      g->status == GUIDE_ACTIVE ? "paused" : "active");
		widget_form_end(&h, g->status == GUIDE_ACTIVE ? MSG_GUIDE_PAUSE : MSG_GUIDE_RESUME);
		if (g->status != GUIDE_WITHDRAWN) {
			widget_form_begin(&h, r, guides_path(r, p->id, "/guide/status"));
			HTML(&h, "<input type=\"hidden\" name=\"status\" value=\"withdrawn\">");
			widget_form_end(&h, MSG_GUIDE_WITHDRAW);
		}
		HTML(&h, "</section>\n");
	}
	layout_end(&h, r);
	return status;
}

/* GET /programmes/{id}/guide[?workplace=ORG]: 200, the sign-up form, or
 * one's details when one is a guide already; 404. */
int web_guide_form(struct req *r)
{
	struct programme p;
	int status = guides_programme(r, &p);
	if (status)
		return status;
	struct guide g;
	enum model_rc rc = guide_of_account(r->db, r->region, p.id, r->user_id, &g);
	if (rc == MODEL_NOT_FOUND) {
		/* A workplace's link for its staff names the workplace. */
		const char *w = req_query(r, "workplace");
		int64_t workplace = route_id(w);
		g = (struct guide){ .reach_km = 10, .capacity = 1, .organisation_id = workplace > 0 ? workplace : 0 };
		return guide_form(r, 200, &p, &g, 0, NULL);
	}
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return guide_form(r, 200, &p, &g, 1, NULL);
}

struct save_args {
	struct guide g;
	int exists;
	int64_t id;
	struct field_errors errs;
};

static enum model_rc save_tx(struct req *r, void *arg)
{
	struct save_args *s = arg;
	return s->exists ? guide_update(r->db, s->g.id, &s->g, &s->errs)
			 : guide_create(r->db, &s->g, &s->id, &s->errs);
}

/* POST /programmes/{id}/guide (organisation, area, reach, languages,
 * interests, times, capacity, gender, phone, note): 303 back, signed up
 * or saved; 400 with the errors beside the fields (no place or more than
 * 3, no language, no time, ...), or an unknown language or interest code
 * named on the error page; nothing is stored then; 404. */
int web_guide_save(struct req *r)
{
	struct programme p;
	int status = guides_programme(r, &p);
	if (status)
		return status;
	struct save_args s = { .errs = { .n = 0 } };
	enum model_rc rc = guide_of_account(r->db, r->region, p.id, r->user_id, &s.g);
	if (rc != MODEL_OK && rc != MODEL_NOT_FOUND)
		return req_status(r, model_status(rc));
	s.exists = rc == MODEL_OK;
	s.g.programme_id = p.id;
	s.g.account_id = r->user_id;
	uint64_t times = 0;
	if (guides_form_set(r, "languages", &vocab_languages, &s.g.languages) != 0)
		return req_fail(r, 400, MSG_ERROR_UNKNOWN_LANGUAGE);
	if (guides_form_set(r, "interests", &vocab_interests, &s.g.interests) != 0 ||
	    guides_form_set(r, "times", &vocab_times, &times) != 0)
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	s.g.availability = (uint8_t)times;
	int ok;
	s.g.organisation_id = guides_form_int(r, "organisation", 1, INT64_MAX, 0, &ok);
	if (!ok)
		field_error_add(&s.errs, "organisation", MSG_FORM_CHOOSE_ONE);
	s.g.area_id = guides_form_int(r, "area", 1, INT64_MAX, 0, &ok);
	s.g.reach_km = (int32_t)guides_form_int(r, "reach", -1000000, 1000000, -1, &ok);
	/* A number out of range is the model's to refuse beside the field. */
	s.g.capacity = (int32_t)guides_form_int(r, "capacity", -1000000, 1000000, 0, &ok);
	int gender = guides_form_choice(r, "gender", &vocab_genders);
	s.g.gender = gender < 0 ? GENDER_UNSAID : (enum gender)gender;
	s.g.phone = req_form(r, "phone");
	s.g.note = req_form(r, "note");
	rc = s.errs.n ? MODEL_INVALID : web_tx(r, save_tx, &s);
	if (rc == MODEL_INVALID || rc == MODEL_CONFLICT)
		return guide_form(r, rc == MODEL_INVALID ? 400 : 409, &p, &s.g, s.exists, &s.errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, guides_path(r, p.id, "/guide"), DONE_GUIDE_SAVED);
}

struct status_args {
	int64_t id;
	enum guide_status status;
};

static enum model_rc status_tx(struct req *r, void *arg)
{
	struct status_args *s = arg;
	return guide_set_status(r->db, s->id, s->status);
}

/* POST /programmes/{id}/guide/status (status active|paused|withdrawn):
 * 303 back; 400 unknown status; 404 not a guide here. */
int web_guide_status(struct req *r)
{
	struct programme p;
	int status = guides_programme(r, &p);
	if (status)
		return status;
	struct guide g;
	enum model_rc rc = guide_of_account(r->db, r->region, p.id, r->user_id, &g);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	int s = guide_status_parse(req_form(r, "status"));
	if (s < 0)
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	struct status_args a = { g.id, (enum guide_status)s };
	rc = web_tx(r, status_tx, &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, guides_path(r, p.id, "/guide"), DONE_GUIDE_STATUS);
}

/* GET /programmes/{id}/guides: 200 (coordinators): every guide with their
 * workplace, area, languages, places and record check; 404. */
int web_guide_list(struct req *r)
{
	struct programme p;
	int status = guides_programme(r, &p);
	if (status)
		return status;
	struct guide *g;
	size_t n = 0;
	enum model_rc rc = guide_list(r->db, r->region, p.id, &g, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *title = msg_get(r->lang, MSG_GUIDES_MENU_GUIDES);
	struct html h = web_html(r);
	layout_begin(&h, r, title, NAV_PROGRAMMES);
	guides_heading(&h, r, &p, title);
	guides_menu(&h, r, &p, guides_path(r, p.id, "/guides"));
	HTML(&h, "<p class=\"lead\">");
	html_msg(&h, MSG_GUIDES_LIST_INTRO);
	HTML(&h, "</p>\n");
	if (n == 0) {
		HTML(&h, "<p>");
		html_msg(&h, MSG_GUIDES_NONE);
		HTML(&h, "</p>\n");
	}
	HTMLF(&h, "<div class=\"table\"><table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
		  "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		  "<th scope=\"col\">%s</th></tr></thead><tbody>",
	      msg_get(r->lang, MSG_ACCOUNT_NAME), msg_get(r->lang, MSG_GUIDE_WORKPLACE),
	      msg_get(r->lang, MSG_ORGANISATION_AREA), msg_get(r->lang, MSG_GUIDE_LANGUAGES),
	      msg_get(r->lang, MSG_GUIDE_PLACES), msg_get(r->lang, MSG_GUIDE_RECORD));
	for (size_t i = 0; i < n; i++) {
		HTMLF(&h, "<tr><td>%s<br><span class=\"meta\">%s · ", g[i].name, g[i].email);
		html_msg(&h, guide_status_msg(g[i].status));
		HTMLF(&h, "</span></td><td>%s</td><td>%s (%d km)</td><td>", g[i].organisation_name,
		      g[i].area_name, g[i].reach_km);
		guides_set(&h, &vocab_languages, g[i].languages);
		HTMLF(&h, "</td><td>%d / %d</td><td>", g[i].taken, g[i].capacity);
		html_msg(&h, g[i].record_checked_at ? MSG_GUIDE_RECORD_YES : MSG_GUIDE_RECORD_NO);
		widget_form_begin(&h, r,
				  region_printf(r->region, "/programmes/%lld/guides/%lld/record",
						(long long)p.id, (long long)g[i].id));
		HTMLF(&h, "<input type=\"hidden\" name=\"checked\" value=\"%s\">",
		      g[i].record_checked_at ? "0" : "1");
		HTML(&h, "<button type=\"submit\" class=\"secondary\">");
		html_msg(&h, g[i].record_checked_at ? MSG_GUIDE_RECORD_CLEAR : MSG_GUIDE_RECORD_SET);
		HTMLF(&h, "<span class=\"visually-hidden\"> %s</span></button></form></td></tr>", g[i].name);
	}
	HTML(&h, "</tbody></table></div>\n");
	layout_end(&h, r);
	return 200;
}

struct record_args {
	int64_t id;
	int checked;
};

static enum model_rc record_tx(struct req *r, void *arg)
{
	struct record_args *a = arg;
	return guide_set_record_checked(r->db, a->id, a->checked, r->user_id, r->client);
}

/* POST /programmes/{id}/guides/{guide}/record (checked 1|0): 303 to the
 * list; the check is in the audit log; 400 bad value; 404 not a guide of
 * this programme. */
int web_guide_record(struct req *r)
{
	struct programme p;
	int status = guides_programme(r, &p);
	if (status)
		return status;
	struct guide g;
	enum model_rc rc = guide_get(r->db, r->region, r->params[1], &g);
	if (rc == MODEL_OK && g.programme_id != p.id)
		rc = MODEL_NOT_FOUND;
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *checked = req_form(r, "checked");
	if (checked == NULL || (strcmp(checked, "1") != 0 && strcmp(checked, "0") != 0))
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	struct record_args a = { g.id, checked[0] == '1' };
	rc = web_tx(r, record_tx, &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, guides_path(r, p.id, "/guides"), DONE_RECORD_SAVED);
}
