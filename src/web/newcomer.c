/*
 * newcomer.c: newcomers: signing up oneself (with consent, after being
 * told what is kept, who sees it and when it is deleted), seeing and
 * correcting one's own data and withdrawing; and for the coordinators the
 * list, registering someone with their consent recorded, a newcomer's
 * page with their pairs, corrections and withdrawal. Newcomers' data is
 * special-category data: every coordinator's read and every change goes
 * through model/newcomer.h, which logs it.
 */
#include <stdio.h>
#include <string.h>

#include "model/account.h"
#include "model/area.h"
#include "model/pairing.h"
#include "web/guides.h"
#include "web/layout.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

enum mode { SELF_NEW, SELF_EDIT, COORD_NEW, COORD_EDIT };

static const struct field newcomer_fields[] = {
	{ "first_name", MSG_NEWCOMER_FIRST_NAME, FIELD_TEXT, NULL, "given-name", MSG__MAX, 1, 100 },
	{ "last_name", MSG_NEWCOMER_LAST_NAME, FIELD_TEXT, NULL, "family-name", MSG__MAX, 0, 100 },
	{ "email", MSG_ACCOUNT_EMAIL, FIELD_EMAIL, NULL, "email", MSG_NEWCOMER_EMAIL_HINT, 0, 254 },
	{ "phone", MSG_GUIDE_PHONE, FIELD_TEXT, NULL, "tel", MSG__MAX, 0, 40 },
	{ "born", MSG_NEWCOMER_BORN, FIELD_DATE, NULL, "bday", MSG_NEWCOMER_BORN_HINT, 1, 10 },
	{ "needs", MSG_NEWCOMER_NEEDS, FIELD_TEXTAREA, NULL, NULL, MSG_NEWCOMER_NEEDS_HINT, 0, 2000 },
	{ "target_group", MSG_NEWCOMER_TARGET_GROUP, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
	{ "area", MSG_ORGANISATION_AREA, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
	{ "languages", MSG_NEWCOMER_LANGUAGES, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
	{ "interests", MSG_GUIDE_INTERESTS, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
	{ "times", MSG_GUIDE_TIMES, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
	{ "gender", MSG_GUIDE_GENDER, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
	{ "consent_how", MSG_NEWCOMER_CONSENT_HOW, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
	{ "consent", MSG_NEWCOMER_CONSENT, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
	{ "programme", MSG_PROGRAMME_TAKE_PART, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
};
#define NFIELDS (sizeof newcomer_fields / sizeof newcomer_fields[0])

static const char *action_of(struct req *r, const struct programme *p, const struct newcomer *x,
			     enum mode mode)
{
	switch (mode) {
	case SELF_NEW:
	case SELF_EDIT:
		return guides_path(r, p->id, "/newcomer");
	case COORD_NEW:
		return guides_path(r, p->id, "/newcomers/new");
	case COORD_EDIT:
		break;
	}
	return region_printf(r->region, "/programmes/%lld/newcomers/%lld", (long long)p->id,
			     (long long)x->id);
}

/* The form for a newcomer's data, in each of the four modes. */
static void newcomer_fields_form(struct html *h, struct req *r, const struct programme *p,
				 const struct newcomer *x, enum mode mode, const struct term *areas,
				 size_t nareas, const struct field_errors *errs)
{
	widget_errors(h, errs, newcomer_fields, NFIELDS);
	widget_form_begin(h, r, action_of(r, p, x, mode));
	const char *values[] = { x->first_name, x->last_name, x->email, x->phone, x->born, x->needs };
	for (size_t i = 0; i < 6; i++) {
		if (i == 2 && (mode == SELF_NEW || mode == SELF_EDIT))
			continue; /* their account's address */
		if (i == 5) {
			guides_radios(h, r, "target_group", MSG_NEWCOMER_TARGET_GROUP, &vocab_target_groups,
				      (int)x->target_group, errs);
			widget_area_select(h, r, areas, nareas, MSG_GUIDE_CHOOSE_AREA, x->area_id, errs);
			guides_checks(h, r, "languages", MSG_NEWCOMER_LANGUAGES, MSG__MAX, &vocab_languages,
				      x->languages, errs);
			guides_checks(h, r, "interests", MSG_GUIDE_INTERESTS, MSG_GUIDE_INTERESTS_HINT,
				      &vocab_interests, x->interests, errs);
			guides_checks(h, r, "times", MSG_GUIDE_TIMES, MSG__MAX, &vocab_times,
				      x->availability, errs);
			guides_radios(h, r, "gender", MSG_GUIDE_GENDER, &vocab_genders, (int)x->gender, errs);
			widget_checkbox(h, "same_gender", "1", MSG_NEWCOMER_SAME_GENDER, x->same_gender, errs);
		}
		struct field f = newcomer_fields[i];
		f.value = req_form(r, f.name) ? req_form(r, f.name) : values[i];
		widget_field(h, &f, errs);
	}
	if (mode == COORD_NEW) {
		/* The language of the mails the newcomer gets, when they have an address. */
		struct option *langs = region_calloc(r->region, i18n_count(), sizeof *langs);
		for (size_t i = 0; i < i18n_count(); i++)
			langs[i] = (struct option){ i18n_at(i)->code, i18n_at(i)->name };
		widget_select(h, "lang", MSG_NEWCOMER_MAIL_LANGUAGE, langs, i18n_count(),
			      req_form(r, "lang") ? req_form(r, "lang") : x->lang, errs);
	}
	if (mode == SELF_NEW || mode == COORD_NEW) {
		HTML(h, "<section aria-labelledby=\"consent-title\" class=\"consent\"><h2 id=\"consent-title\">");
		html_msg(h, MSG_NEWCOMER_CONSENT_TITLE);
		HTML(h, "</h2><p>");
		html_msg(h, MSG_NEWCOMER_CONSENT_TEXT);
		HTML(h, "</p>");
		if (mode == COORD_NEW) {
			struct vocab told = vocab_consent_how;
			told.codes++; /* not "self": the coordinator records it */
			told.names++;
			told.n--;
			int how = guides_form_choice(r, "consent_how", &told);
			guides_radios(h, r, "consent_how", MSG_NEWCOMER_CONSENT_HOW, &told, how, errs);
		}
		widget_checkbox(h, "consent", "1",
				mode == SELF_NEW ? MSG_NEWCOMER_CONSENT_SELF : MSG_NEWCOMER_CONSENT_GIVEN,
				req_form(r, "consent") != NULL, errs);
		HTML(h, "</section>");
	}
	widget_form_end(h, mode == SELF_NEW ? MSG_NEWCOMER_SIGNUP_SUBMIT
			   : mode == COORD_NEW ? MSG_NEWCOMER_REGISTER_SUBMIT
					       : MSG_FORM_SAVE);
}

static void withdraw_form(struct html *h, struct req *r, const char *action)
{
	HTML(h, "<section aria-labelledby=\"withdraw\"><h2 id=\"withdraw\">");
	html_msg(h, MSG_NEWCOMER_WITHDRAW);
	HTML(h, "</h2><p>");
	html_msg(h, MSG_NEWCOMER_WITHDRAW_INTRO);
	HTML(h, "</p>");
	widget_form_begin(h, r, action);
	widget_form_end(h, MSG_NEWCOMER_WITHDRAW);
	HTML(h, "</section>\n");
}

/* The page with the form, for the reader themselves (SELF_*) or for a
 * coordinator (COORD_*); for COORD_EDIT also the newcomer's pairs. */
static int newcomer_page(struct req *r, int status, const struct programme *p,
			 const struct newcomer *x, enum mode mode, const struct pairing *pairs,
			 size_t npairs, const struct field_errors *errs)
{
	struct term *areas;
	size_t nareas = 0;
	enum model_rc rc = area_list(r->db, r->region, &areas, &nareas);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	static const enum msg titles[] = { [SELF_NEW] = MSG_NEWCOMER_SIGNUP_TITLE,
					   [SELF_EDIT] = MSG_NEWCOMER_YOURS_TITLE,
					   [COORD_NEW] = MSG_NEWCOMER_REGISTER_TITLE,
					   [COORD_EDIT] = MSG_NEWCOMER_TITLE };
	const char *title = mode == COORD_EDIT
				    ? region_printf(r->region, "%s %s", x->first_name, x->last_name)
				    : msg_get(r->lang, titles[mode]);
	struct html h = web_html(r);
	layout_begin(&h, r, title, NAV_PROGRAMMES);
	guides_heading(&h, r, p, title);
	if (mode == COORD_NEW || mode == COORD_EDIT)
		guides_menu(&h, r, p, guides_path(r, p->id, "/newcomers"));
	if (mode == SELF_NEW) {
		HTML(&h, "<p class=\"lead\">");
		html_msg(&h, MSG_NEWCOMER_SIGNUP_INTRO);
		HTML(&h, "</p>\n");
	}
	if (mode == SELF_EDIT || mode == COORD_EDIT) {
		HTML(&h, "<dl class=\"facts\"><dt>");
		html_msg(&h, MSG_NEWCOMER_STATUS);
		HTML(&h, "</dt><dd>");
		html_msg(&h, newcomer_status_msg(x->status));
		HTML(&h, "</dd><dt>");
		html_msg(&h, MSG_NEWCOMER_WAITING_SINCE);
		HTML(&h, "</dt><dd>");
		when_datetime(&h, x->waiting_since);
		HTML(&h, "</dd><dt>");
		html_msg(&h, MSG_NEWCOMER_CONSENT_RECORDED);
		HTML(&h, "</dt><dd>");
		when_datetime(&h, x->consent_at);
		HTML(&h, " (");
		html_msg(&h, vocab_msg(&vocab_consent_how, (int)x->consent_how));
		HTML(&h, ")</dd></dl>\n");
	}
	if (mode == COORD_EDIT && npairs) {
		HTML(&h, "<section aria-labelledby=\"pairs\"><h2 id=\"pairs\">");
		html_msg(&h, MSG_GUIDES_MENU_MATCHES);
		HTML(&h, "</h2><ul class=\"rows\">");
		for (size_t i = 0; i < npairs; i++) {
			HTMLF(&h, "<li><a href=\"/programmes/%lld/matches/%lld\">%s</a> · ", (long long)p->id,
			      (long long)pairs[i].id, pairs[i].guide_name);
			html_msg(&h, pairing_status_msg(pairs[i].status));
			HTML(&h, "</li>");
		}
		HTML(&h, "</ul></section>\n");
	}
	if (mode == COORD_EDIT && x->status == NEWCOMER_WAITING)
		HTMLF(&h, "<p><a href=\"/programmes/%lld/round/newcomers/%lld\">%s</a></p>\n", (long long)p->id,
		      (long long)x->id, msg_get(r->lang, MSG_ROUND_CHOOSE_GUIDE));
	if (x->status == NEWCOMER_WITHDRAWN || x->status == NEWCOMER_ENDED) {
		HTML(&h, "<p>");
		html_msg(&h, MSG_NEWCOMER_DELETED_LATER);
		HTML(&h, "</p>\n");
	} else {
		newcomer_fields_form(&h, r, p, x, mode, areas, nareas, errs);
		if (mode == SELF_EDIT)
			withdraw_form(&h, r, guides_path(r, p->id, "/newcomer/withdraw"));
		if (mode == COORD_EDIT)
			withdraw_form(&h, r,
				      region_printf(r->region, "/programmes/%lld/newcomers/%lld/withdraw",
						    (long long)p->id, (long long)x->id));
	}
	layout_end(&h, r);
	return status;
}

/* The reader's own record in the programme: 0 with *found, or a status. */
static int own_record(struct req *r, const struct programme *p, struct newcomer *x, int *found)
{
	struct newcomer *own;
	size_t n = 0;
	enum model_rc rc = newcomer_own(r->db, r->region, r->user_id, &own, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	*found = 0;
	for (size_t i = 0; i < n; i++)
		if (own[i].programme_id == p->id) {
			*x = own[i];
			*found = 1;
		}
	return 0;
}

/* GET /programmes/{id}/newcomer: 200, the sign-up form, or one's own data
 * when signed up; 404. */
int web_newcomer_form(struct req *r)
{
	struct programme p;
	struct newcomer x;
	int found;
	int status = guides_programme(r, &p);
	if (status == 0)
		status = own_record(r, &p, &x, &found);
	if (status)
		return status;
	if (!found)
		x = (struct newcomer){ .availability = 0, .target_group = (enum target_group)-1 };
	return newcomer_page(r, 200, &p, &x, found ? SELF_EDIT : SELF_NEW, NULL, 0, NULL);
}

/* The newcomer as typed into the form: 0, or 400 (r->error set) for an
 * unknown language, interest or time code. */
static int from_form(struct req *r, struct newcomer *x)
{
	uint64_t times;
	if (guides_form_set(r, "languages", &vocab_languages, &x->languages) != 0)
		return req_fail(r, 400, MSG_ERROR_UNKNOWN_LANGUAGE);
	if (guides_form_set(r, "interests", &vocab_interests, &x->interests) != 0 ||
	    guides_form_set(r, "times", &vocab_times, &times) != 0)
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	x->availability = (uint8_t)times;
	x->first_name = req_form(r, "first_name");
	x->last_name = req_form(r, "last_name");
	x->phone = req_form(r, "phone");
	x->born = req_form(r, "born");
	x->needs = req_form(r, "needs");
	int t = guides_form_choice(r, "target_group", &vocab_target_groups);
	x->target_group = t < 0 ? TARGET__MAX : (enum target_group)t;
	int g = guides_form_choice(r, "gender", &vocab_genders);
	x->gender = g < 0 ? GENDER_UNSAID : (enum gender)g;
	x->same_gender = req_form(r, "same_gender") != NULL;
	int ok;
	x->area_id = guides_form_int(r, "area", 1, INT64_MAX, 0, &ok);
	return 0;
}

struct save_args {
	struct newcomer x;
	int exists, consent;
	int64_t id;
	struct field_errors errs;
};

static enum model_rc save_tx(struct req *r, void *arg)
{
	struct save_args *s = arg;
	struct newcomer_actor who = guides_actor(r);
	return s->exists ? newcomer_update(r->db, s->x.id, &s->x, &who, &s->errs)
			 : newcomer_create(r->db, &s->x, s->consent, &who, &s->id, &s->errs);
}

/* POST /programmes/{id}/newcomer (first_name, last_name, phone, born,
 * target_group, area, languages, interests, times, gender, same_gender,
 * needs, consent): 303 back, signed up (consent recorded as given by
 * oneself) or corrected; 400 with errors beside the fields (no consent, a
 * bad date, no language or time), or an unknown code named on the error
 * page: nothing is stored then; 404. */
int web_newcomer_save(struct req *r)
{
	struct programme p;
	struct save_args s = { .errs = { .n = 0 } };
	int status = guides_programme(r, &p);
	if (status == 0)
		status = own_record(r, &p, &s.x, &s.exists);
	if (status)
		return status;
	struct account acc;
	enum model_rc rc = account_get(r->db, r->region, r->user_id, &acc);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if ((status = from_form(r, &s.x)) != 0)
		return status;
	s.x.programme_id = p.id;
	s.x.account_id = r->user_id;
	s.x.email = acc.email;
	s.x.lang = acc.lang;
	s.x.consent_how = CONSENT_HOW_SELF;
	s.consent = req_form(r, "consent") != NULL;
	rc = web_tx(r, save_tx, &s);
	if (rc == MODEL_INVALID || rc == MODEL_CONFLICT)
		return newcomer_page(r, rc == MODEL_INVALID ? 400 : 409, &p, &s.x,
				     s.exists ? SELF_EDIT : SELF_NEW, NULL, 0, &s.errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, guides_path(r, p.id, "/newcomer"), DONE_NEWCOMER_SAVED);
}

struct withdraw_args {
	int64_t id;
};

static enum model_rc withdraw_tx(struct req *r, void *arg)
{
	struct withdraw_args *w = arg;
	struct newcomer_actor who = guides_actor(r);
	enum model_rc rc = pairing_end_of_newcomer(r->db, w->id);
	return rc == MODEL_OK ? newcomer_set_status(r->db, w->id, NEWCOMER_WITHDRAWN, 1, &who) : rc;
}

/* POST /programmes/{id}/newcomer/withdraw: 303 back; a pair in progress
 * ends; the data is deleted after the retention time; 404 not signed up. */
int web_newcomer_withdraw_own(struct req *r)
{
	struct programme p;
	struct newcomer x;
	int found;
	int status = guides_programme(r, &p);
	if (status == 0)
		status = own_record(r, &p, &x, &found);
	if (status)
		return status;
	if (!found)
		return req_status(r, model_status(MODEL_NOT_FOUND));
	struct withdraw_args w = { x.id };
	enum model_rc rc = web_tx(r, withdraw_tx, &w);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, guides_path(r, p.id, "/newcomer"), DONE_NEWCOMER_WITHDRAWN);
}

/* ---- for coordinators ---- */

struct list_args {
	int64_t programme_id;
	struct newcomer *x;
	size_t n;
};

static enum model_rc list_fn(struct req *r, void *arg)
{
	struct list_args *a = arg;
	struct newcomer_actor who = guides_actor(r);
	return newcomer_list(r->db, r->region, a->programme_id, &who, "newcomers page", &a->x, &a->n);
}

/* GET /programmes/{id}/newcomers: 200 (coordinators): everyone with their
 * status and wait; the read is logged (503 if it cannot be); 404. */
int web_newcomer_list(struct req *r)
{
	struct programme p;
	int status = guides_programme(r, &p);
	if (status)
		return status;
	struct list_args a = { p.id, NULL, 0 };
	enum model_rc rc = web_logged(r, list_fn, &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct newcomer *x = a.x;
	size_t n = a.n;
	const char *title = msg_get(r->lang, MSG_GUIDES_MENU_NEWCOMERS);
	struct html h = web_html(r);
	layout_begin(&h, r, title, NAV_PROGRAMMES);
	guides_heading(&h, r, &p, title);
	guides_menu(&h, r, &p, guides_path(r, p.id, "/newcomers"));
	HTMLF(&h, "<p><a href=\"/programmes/%lld/newcomers/new\">%s</a></p>\n", (long long)p.id,
	      msg_get(r->lang, MSG_NEWCOMER_REGISTER_TITLE));
	if (n == 0) {
		HTML(&h, "<p>");
		html_msg(&h, MSG_NEWCOMERS_NONE);
		HTML(&h, "</p>\n");
	}
	HTMLF(&h, "<div class=\"table\"><table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
		  "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr>"
		  "</thead><tbody>",
	      msg_get(r->lang, MSG_ACCOUNT_NAME), msg_get(r->lang, MSG_NEWCOMER_TARGET_GROUP),
	      msg_get(r->lang, MSG_ORGANISATION_AREA), msg_get(r->lang, MSG_NEWCOMER_LANGUAGES),
	      msg_get(r->lang, MSG_NEWCOMER_STATUS));
	int64_t now = model_now();
	for (size_t i = 0; i < n; i++) {
		HTMLF(&h, "<tr><td><a href=\"/programmes/%lld/newcomers/%lld\">%s %s</a></td><td>",
		      (long long)p.id, (long long)x[i].id, x[i].first_name, x[i].last_name);
		html_msg(&h, vocab_msg(&vocab_target_groups, (int)x[i].target_group));
		HTMLF(&h, "</td><td>%s</td><td>", x[i].area_name);
		guides_set(&h, &vocab_languages, x[i].languages);
		HTML(&h, "</td><td>");
		html_msg(&h, newcomer_status_msg(x[i].status));
		if (x[i].status == NEWCOMER_WAITING) {
			HTML(&h, " <span class=\"meta\">(");
			html_count(&h, MSGN_NEWCOMER_WAITED_DAYS, (now - x[i].waiting_since) / 86400);
			HTML(&h, ")</span>");
		}
		HTML(&h, "</td></tr>");
	}
	HTML(&h, "</tbody></table></div>\n");
	layout_end(&h, r);
	return 200;
}

/* GET /programmes/{id}/newcomers/new: 200 (coordinators); 404. */
int web_newcomer_new(struct req *r)
{
	struct programme p;
	int status = guides_programme(r, &p);
	if (status)
		return status;
	struct newcomer x = { .target_group = (enum target_group)-1 };
	return newcomer_page(r, 200, &p, &x, COORD_NEW, NULL, 0, NULL);
}

/* POST /programmes/{id}/newcomers/new (the newcomer's data, email, lang,
 * consent_how, consent): 303 to the newcomer; 400 with errors beside the
 * fields (no consent, or no way it was given; a bad date, ...), or an
 * unknown code named on the error page: nothing is stored then; 404. */
int web_newcomer_create(struct req *r)
{
	struct programme p;
	int status = guides_programme(r, &p);
	if (status)
		return status;
	struct save_args s = { .errs = { .n = 0 } };
	if ((status = from_form(r, &s.x)) != 0)
		return status;
	s.x.programme_id = p.id;
	s.x.email = req_form(r, "email");
	s.x.lang = req_form(r, "lang") && i18n_find(req_form(r, "lang")) ? req_form(r, "lang") : "da";
	int how = guides_form_choice(r, "consent_how", &vocab_consent_how);
	/* "self" is what a newcomer signing up gives; not for a coordinator. */
	s.x.consent_how = how <= CONSENT_HOW_SELF ? CONSENT_HOW__MAX : (enum consent_how)how;
	s.consent = req_form(r, "consent") != NULL;
	enum model_rc rc = web_tx(r, save_tx, &s);
	if (rc == MODEL_INVALID)
		return newcomer_page(r, 400, &p, &s.x, COORD_NEW, NULL, 0, &s.errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/programmes/%lld/newcomers/%lld", (long long)p.id,
							   (long long)s.id),
				 DONE_NEWCOMER_SAVED);
}

/* The path's newcomer, and for the page their pairs (the reads logged
 * as why). */
struct newcomer_args {
	int64_t programme_id;
	const char *why;
	int with_pairs;
	struct newcomer x;
	struct pairing *pairs;
	size_t npairs;
};

static enum model_rc newcomer_fn(struct req *r, void *arg)
{
	struct newcomer_args *a = arg;
	struct newcomer_actor who = guides_actor(r);
	enum model_rc rc = newcomer_get(r->db, r->region, r->params[1], &who, a->why, &a->x);
	if (rc == MODEL_OK && a->x.programme_id != a->programme_id)
		rc = MODEL_NOT_FOUND;
	if (rc != MODEL_OK || !a->with_pairs)
		return rc;
	struct pairing *all;
	size_t total = 0;
	rc = pairing_list(r->db, r->region, a->programme_id, ~0u & ~(1u << PAIRING_DRAFT), &who, a->why,
			  &all, &total);
	if (rc != MODEL_OK)
		return rc;
	a->pairs = region_calloc(r->region, total + 1, sizeof *a->pairs);
	for (size_t i = 0; i < total; i++)
		if (all[i].newcomer_id == a->x.id)
			a->pairs[a->npairs++] = all[i];
	return MODEL_OK;
}

/* Loads the path's newcomer for a coordinator: 0, or the status (404 not
 * of this programme, 503 when the read cannot be logged). */
static int load_newcomer(struct req *r, struct newcomer_args *a)
{
	enum model_rc rc = web_logged(r, newcomer_fn, a);
	return rc == MODEL_OK ? 0 : req_status(r, model_status(rc));
}

/* GET /programmes/{id}/newcomers/{newcomer}: 200 (coordinators), the read
 * logged; 404 not of this programme; 503 when it cannot be logged. */
int web_newcomer_show(struct req *r)
{
	struct programme p;
	int status = guides_programme(r, &p);
	if (status)
		return status;
	struct newcomer_args a = { p.id, "newcomer page", 1, { 0 }, NULL, 0 };
	if ((status = load_newcomer(r, &a)) != 0)
		return status;
	return newcomer_page(r, 200, &p, &a.x, COORD_EDIT, a.pairs, a.npairs, NULL);
}

/* POST /programmes/{id}/newcomers/{newcomer}: 303 back, corrected (in
 * the log); 400 with errors beside the fields; 404. */
int web_newcomer_update(struct req *r)
{
	struct programme p;
	struct save_args s = { .exists = 1, .errs = { .n = 0 } };
	int status = guides_programme(r, &p);
	if (status)
		return status;
	struct newcomer_args a = { p.id, "correction", 0, { 0 }, NULL, 0 };
	if ((status = load_newcomer(r, &a)) != 0)
		return status;
	s.x = a.x;
	if ((status = from_form(r, &s.x)) != 0)
		return status;
	s.x.email = req_form(r, "email");
	enum model_rc rc = web_tx(r, save_tx, &s);
	if (rc == MODEL_INVALID)
		return newcomer_page(r, 400, &p, &s.x, COORD_EDIT, NULL, 0, &s.errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/programmes/%lld/newcomers/%lld", (long long)p.id,
							   (long long)s.x.id),
				 DONE_NEWCOMER_SAVED);
}

/* POST /programmes/{id}/newcomers/{newcomer}/withdraw: 303 back; a pair
 * in progress ends; the data is deleted after the retention time; 404. */
int web_newcomer_withdraw(struct req *r)
{
	struct programme p;
	int status = guides_programme(r, &p);
	if (status)
		return status;
	struct newcomer_args a = { p.id, "withdrawal", 0, { 0 }, NULL, 0 };
	if ((status = load_newcomer(r, &a)) != 0)
		return status;
	struct newcomer x = a.x;
	struct withdraw_args w = { x.id };
	enum model_rc rc = web_tx(r, withdraw_tx, &w);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/programmes/%lld/newcomers/%lld", (long long)p.id,
							   (long long)x.id),
				 DONE_NEWCOMER_WITHDRAWN);
}
