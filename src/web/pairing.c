/*
 * pairing.c: proposals and matches. Guide and newcomer answer a proposal
 * through the link in their mail or on /me; until both said yes a guide
 * sees only the newcomer's first name, languages, interests and area, and
 * the newcomer the guide's first name, languages, interests, area and
 * workplace; after that, each other's name, e-mail and phone. The
 * coordinators follow every match: record a newcomer's answer given by
 * phone, the first meeting, pauses, the follow-ups, and the end with its
 * reason.
 */
#include <stdio.h>
#include <string.h>

#include "model/account.h"
#include "model/guide.h"
#include "model/newcomer.h"
#include "model/pairing.h"
#include "web/guard.h"
#include "web/guides.h"
#include "web/layout.h"
#include "web/mail.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

#define LIVE ((1u << PAIRING_PROPOSED) | (1u << PAIRING_ACCEPTED) | (1u << PAIRING_ACTIVE) | \
	      (1u << PAIRING_PAUSED))

static int shared(const struct pairing *p)
{
	return p->status == PAIRING_ACCEPTED || p->status == PAIRING_ACTIVE ||
	       p->status == PAIRING_PAUSED;
}

static void answer_text(struct html *h, enum pairing_answer a)
{
	html_msg(h, a == ANSWER_YES ? MSG_MATCH_ANSWER_YES
		 : a == ANSWER_NO   ? MSG_MATCH_ANSWER_NO
				    : MSG_MATCH_ANSWER_NONE);
}

/* What one side sees of the other before both said yes. */
static void summary(struct html *h, struct req *r, const struct pairing *p, enum pairing_side side)
{
	HTML(h, "<dl class=\"facts\"><dt>");
	html_msg(h, MSG_MATCH_FIRST_NAME);
	HTMLF(h, "</dt><dd>%s</dd><dt>", side == SIDE_GUIDE ? p->newcomer_first_name
							 : guide_first_name(r->region, p->guide_name));
	html_msg(h, MSG_NEWCOMER_LANGUAGES);
	HTML(h, "</dt><dd>");
	guides_set(h, &vocab_languages, side == SIDE_GUIDE ? p->newcomer_languages : p->guide_languages);
	HTML(h, "</dd><dt>");
	html_msg(h, MSG_GUIDE_INTERESTS);
	HTML(h, "</dt><dd>");
	guides_set(h, &vocab_interests, side == SIDE_GUIDE ? p->newcomer_interests : p->guide_interests);
	HTMLF(h, "</dd><dt>%s</dt><dd>%s</dd>", msg_get(r->lang, MSG_ORGANISATION_AREA),
	      side == SIDE_GUIDE ? p->newcomer_area : p->guide_area);
	if (side == SIDE_NEWCOMER && p->guide_workplace)
		HTMLF(h, "<dt>%s</dt><dd>%s</dd>", msg_get(r->lang, MSG_GUIDE_WORKPLACE), p->guide_workplace);
	HTML(h, "<dt>");
	html_msg(h, MSG_ROUND_REASONS);
	HTML(h, "</dt><dd>");
	reasons_pair(h, r, p->shared_languages, p->shared_interests, p->shared_times, p->km, p->waited_days);
	HTML(h, "</dd></dl>\n");
}

/* The other side's contact details, once both said yes. */
struct contact {
	const char *name, *email, *phone;
};

static void contact_details(struct html *h, const struct contact *c)
{
	HTML(h, "<section class=\"notice\" aria-labelledby=\"contact\"><h3 id=\"contact\">");
	html_msg(h, MSG_MATCH_CONTACT);
	HTMLF(h, "</h3><p>%s", c->name);
	if (c->email && *c->email) {
		HTML(h, "<br><a href=\"mailto:");
		html_text(h, c->email);
		HTMLF(h, "\">%s</a>", c->email);
	}
	if (c->phone && *c->phone)
		HTMLF(h, "<br>%s", c->phone);
	HTML(h, "</p></section>\n");
}

/* Reads the other side's contact details for side (logged when it is the
 * newcomer's, read by the guide). */
static enum model_rc contact_of(struct req *r, struct store *db, const struct pairing *p,
				enum pairing_side side, int64_t reader, struct contact *out)
{
	if (side == SIDE_GUIDE) {
		struct newcomer x;
		struct newcomer_actor who = { reader, r->client };
		enum model_rc rc = newcomer_get(db, r->region, p->newcomer_id, &who, "contact details", &x);
		if (rc == MODEL_OK)
			*out = (struct contact){ region_printf(r->region, "%s %s", x.first_name, x.last_name),
						 x.email, x.phone };
		return rc;
	}
	struct guide g;
	enum model_rc rc = guide_get(db, r->region, p->guide_id, &g);
	if (rc == MODEL_OK)
		*out = (struct contact){ g.name, g.email, g.phone };
	return rc;
}

/* The yes/no form of one side, posting to action (with the token when
 * answering through a mail link). */
static void answer_form(struct html *h, struct req *r, const char *action, const char *token,
			const struct pairing *p, enum pairing_side side)
{
	HTML(h, "<div class=\"actions\">");
	for (int yes = 1; yes >= 0; yes--) {
		widget_form_begin(h, r, action);
		if (token)
			HTMLF(h, "<input type=\"hidden\" name=\"t\" value=\"%s\">", token);
		HTMLF(h, "<input type=\"hidden\" name=\"answer\" value=\"%s\">", yes ? "yes" : "no");
		if (yes)
			HTML(h, "<button type=\"submit\">");
		else
			HTML(h, "<button type=\"submit\" class=\"secondary\">");
		html_msg(h, yes ? MSG_MATCH_SAY_YES : MSG_MATCH_SAY_NO);
		/* Only the first name: the full one is shared when both said yes. */
		HTMLF(h, "<span class=\"visually-hidden\"> %s</span></button></form>",
		      side == SIDE_GUIDE ? p->newcomer_first_name : guide_first_name(r->region, p->guide_name));
	}
	HTML(h, "</div>\n");
}

/* One proposal or match as its guide or newcomer sees it. */
static void as_party(struct html *h, struct req *r, const struct pairing *p, enum pairing_side side,
		     const char *action, const char *token, const struct contact *c)
{
	HTML(h, "<p>");
	html_msg(h, MSG_NEWCOMER_STATUS);
	HTML(h, ": <strong>");
	html_msg(h, pairing_status_msg(p->status));
	HTML(h, "</strong></p>\n");
	summary(h, r, p, side);
	if (p->status == PAIRING_PROPOSED && p->answer[side] == ANSWER_NONE) {
		HTML(h, "<p>");
		html_msg(h, side == SIDE_GUIDE ? MSG_MATCH_ASK_GUIDE : MSG_MATCH_ASK_NEWCOMER);
		HTML(h, "</p>");
		answer_form(h, r, action, token, p, side);
	} else if (p->status == PAIRING_PROPOSED) {
		HTML(h, "<p>");
		html_msg(h, MSG_MATCH_WAITING_OTHER);
		HTML(h, "</p>\n");
	}
	if (c)
		contact_details(h, c);
}

/* "A proposal for you" until both said yes, then "Your guide" or "You
 * are guiding". */
static enum msg title_of(const struct pairing *p, enum pairing_side side)
{
	if (shared(p))
		return side == SIDE_GUIDE ? MSG_MATCH_TITLE_GUIDING : MSG_MATCH_TITLE_YOUR_GUIDE;
	return side == SIDE_GUIDE ? MSG_MATCH_TITLE_GUIDE : MSG_MATCH_TITLE_NEWCOMER;
}

/* ---- through the mail link ---- */

/* The pair a link's token opens, and for the page the other side's
 * contact details once shared (the reads logged). */
struct token_args {
	const char *token;
	int with_contact;
	struct pairing p;
	enum pairing_side side;
	struct contact c;
};

static enum model_rc token_fn(struct req *r, void *arg)
{
	struct token_args *a = arg;
	enum model_rc rc = pairing_by_token(r->db, r->region, a->token, r->client, &a->p, &a->side);
	if (rc == MODEL_OK && a->p.id != r->params[0])
		rc = MODEL_NOT_FOUND;
	if (rc != MODEL_OK || !a->with_contact || !shared(&a->p))
		return rc;
	int64_t reader = a->side == SIDE_GUIDE ? a->p.guide_account_id : a->p.newcomer_account_id;
	return contact_of(r, r->db, &a->p, a->side, reader, &a->c);
}

/* Loads the pair of the path for the token: 0, or a status (404: an
 * unknown or dead link, or another pair's). */
static int by_token(struct req *r, struct token_args *a)
{
	enum model_rc rc = web_logged(r, token_fn, a);
	if (rc == MODEL_NOT_FOUND)
		return req_fail(r, 404, MSG_MATCH_LINK_DEAD);
	return rc == MODEL_OK ? 0 : req_status(r, model_status(rc));
}

static int answer_page(struct req *r, const char *token)
{
	struct token_args a = { .token = token, .with_contact = 1 };
	int status = by_token(r, &a);
	if (status)
		return status;
	const char *title = msg_get(r->lang, title_of(&a.p, a.side));
	struct html h = web_html(r);
	layout_begin(&h, r, title, NAV_PROGRAMMES);
	HTMLF(&h, "<h1>%s</h1>\n", title);
	as_party(&h, r, &a.p, a.side, region_printf(r->region, "/matches/%lld/answer", (long long)a.p.id),
		 token, shared(&a.p) ? &a.c : NULL);
	layout_end(&h, r);
	return 200;
}

/* GET /matches/{id}/answer?t=TOKEN: 200, the proposal as the link's
 * holder may see it (anyone with the link: it is the credential); 404 for
 * an unknown link or a pair that ended. */
int web_match_answer_page(struct req *r)
{
	return answer_page(r, req_query(r, "t"));
}

/* The mails with each other's contact details, when both said yes. */
static enum model_rc mail_accepted(struct req *r, int64_t pairing_id, int64_t reader)
{
	struct newcomer_actor system = { reader, r->client };
	struct pairing p;
	struct guide g;
	struct newcomer x;
	enum model_rc rc = pairing_get(r->db, r->region, pairing_id, &system, "acceptance mail", &p);
	if (rc == MODEL_OK)
		rc = guide_get(r->db, r->region, p.guide_id, &g);
	if (rc == MODEL_OK)
		rc = newcomer_get(r->db, r->region, p.newcomer_id, &system, "acceptance mail", &x);
	if (rc != MODEL_OK)
		return rc;
	const char *full = region_printf(r->region, "%s %s", x.first_name, x.last_name);
	const char *gargs[] = { guide_first_name(r->region, g.name), full, x.email, x.phone };
	rc = mail_queue(r, g.account_id, g.email, g.lang, MSG_MAIL_ACCEPTED_SUBJECT,
			MSG_MAIL_ACCEPTED_GUIDE_BODY, gargs, 4);
	if (rc != MODEL_OK || x.email == NULL || *x.email == '\0')
		return rc;
	const char *nargs[] = { x.first_name, g.name, g.email, g.phone };
	return mail_queue(r, x.account_id, x.email, x.lang, MSG_MAIL_ACCEPTED_SUBJECT,
			  MSG_MAIL_ACCEPTED_NEWCOMER_BODY, nargs, 4);
}

struct answer_args {
	int64_t id;
	enum pairing_side side;
	int yes;
	int64_t recorded_by, reader;
};

static enum model_rc answer_tx(struct req *r, void *arg)
{
	struct answer_args *a = arg;
	struct newcomer_actor who = { a->reader, r->client };
	int accepted = 0;
	enum model_rc rc = pairing_answer(r->db, a->id, a->side, a->yes, a->recorded_by, &who, &accepted);
	if (rc == MODEL_OK && accepted)
		rc = mail_accepted(r, a->id, a->reader);
	return rc;
}

/* The form's answer: 1 yes, 0 no, -1 neither. */
static int yes_of(struct req *r)
{
	const char *a = req_form(r, "answer");
	return a && strcmp(a, "yes") == 0 ? 1 : a && strcmp(a, "no") == 0 ? 0 : -1;
}

static int answered(struct req *r, enum model_rc rc)
{
	if (rc == MODEL_CONFLICT)
		return req_fail(r, 409, MSG_MATCH_ALREADY_ANSWERED);
	return req_status(r, model_status(rc));
}

/* POST /matches/{id}/answer (t, answer yes|no): 303 back to the link's
 * page; yes from both shares the contact details (and mails them); a no
 * ends the proposal; 400 no answer; 404 dead link; 409 answered before or
 * no longer a proposal. */
int web_match_answer(struct req *r)
{
	const char *token = req_form(r, "t");
	struct token_args t = { .token = token };
	int status = by_token(r, &t);
	if (status)
		return status;
	struct pairing p = t.p;
	enum pairing_side side = t.side;
	int yes = yes_of(r);
	if (yes < 0)
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	struct answer_args a = { p.id, side, yes, 0,
				 side == SIDE_GUIDE ? p.guide_account_id : p.newcomer_account_id };
	enum model_rc rc = web_tx(r, answer_tx, &a);
	if (rc != MODEL_OK)
		return answered(r, rc);
	if (!yes)
		return web_redirect_done(r, region_printf(r->region, "/programmes/%lld", (long long)p.programme_id),
					 DONE_MATCH_ANSWERED);
	return web_redirect_done(r, region_printf(r->region, "/matches/%lld/answer?t=%s", (long long)p.id, token),
				 DONE_MATCH_ANSWERED);
}

/* ---- on /me ---- */

struct my_programmes {
	struct pairing *as_guide, *as_newcomer;
	size_t nguide, nnewcomer;
	struct contact *guide_contacts, *newcomer_contacts; /* per pair, when shared */
};

static enum model_rc mine_fn(struct req *r, void *arg)
{
	struct my_programmes *m = arg;
	struct store *db = r->db;
	enum model_rc rc = pairing_of_guide(db, r->region, r->user_id, r->client, &m->as_guide, &m->nguide);
	if (rc == MODEL_OK)
		rc = pairing_of_newcomer(db, r->region, r->user_id, &m->as_newcomer, &m->nnewcomer);
	if (rc != MODEL_OK)
		return rc;
	m->guide_contacts = region_calloc(r->region, m->nguide + 1, sizeof *m->guide_contacts);
	m->newcomer_contacts = region_calloc(r->region, m->nnewcomer + 1, sizeof *m->newcomer_contacts);
	for (size_t i = 0; rc == MODEL_OK && i < m->nguide; i++)
		if (shared(&m->as_guide[i]))
			rc = contact_of(r, db, &m->as_guide[i], SIDE_GUIDE, r->user_id, &m->guide_contacts[i]);
	for (size_t i = 0; rc == MODEL_OK && i < m->nnewcomer; i++)
		if (shared(&m->as_newcomer[i]))
			rc = contact_of(r, db, &m->as_newcomer[i], SIDE_NEWCOMER, r->user_id,
					&m->newcomer_contacts[i]);
	return rc;
}

enum model_rc web_my_programmes(struct req *r, struct my_programmes **out)
{
	struct my_programmes *m = region_calloc(r->region, 1, sizeof *m);
	*out = m;
	/* Most people are neither: their page stays a plain read. */
	struct guide *g;
	struct newcomer *x;
	size_t ng = 0, nx = 0;
	enum model_rc rc = guide_all_of_account(r->db, r->region, r->user_id, &g, &ng);
	if (rc == MODEL_OK)
		rc = newcomer_own(r->db, r->region, r->user_id, &x, &nx);
	if (rc != MODEL_OK || ng + nx == 0)
		return rc;
	return web_logged(r, mine_fn, m);
}

void web_my_programmes_section(struct html *h, struct req *r, const struct my_programmes *m)
{
	if (m->nguide + m->nnewcomer == 0)
		return;
	HTML(h, "<section aria-labelledby=\"guiding\"><h2 id=\"guiding\">");
	html_msg(h, MSG_ME_GUIDING);
	HTML(h, "</h2>\n");
	for (int side = 0; side < SIDE__MAX; side++) {
		const struct pairing *p = side == SIDE_GUIDE ? m->as_guide : m->as_newcomer;
		const struct contact *c = side == SIDE_GUIDE ? m->guide_contacts : m->newcomer_contacts;
		size_t n = side == SIDE_GUIDE ? m->nguide : m->nnewcomer;
		for (size_t i = 0; i < n; i++) {
			if (p[i].status == PAIRING_ENDED)
				continue;
			HTML(h, "<article class=\"pair\"><h3>");
			html_msg(h, title_of(&p[i], (enum pairing_side)side));
			HTML(h, "</h3>");
			as_party(h, r, &p[i], (enum pairing_side)side,
				 region_printf(r->region, "/matches/%lld/respond", (long long)p[i].id), NULL,
				 shared(&p[i]) ? &c[i] : NULL);
			HTML(h, "</article>\n");
		}
	}
	HTML(h, "</section>\n");
}

/* POST /matches/{id}/respond (answer yes|no): 303 to /me; the reader must
 * be the pair's guide or newcomer (else 404); 400; 409 answered before. */
int web_match_respond(struct req *r)
{
	struct answer_args a = { .id = r->params[0], .side = SIDE__MAX, .reader = r->user_id };
	struct my_programmes *m;
	enum model_rc rc = web_my_programmes(r, &m);
	for (size_t i = 0; rc == MODEL_OK && i < m->nguide; i++)
		if (m->as_guide[i].id == a.id)
			a.side = SIDE_GUIDE;
	for (size_t i = 0; rc == MODEL_OK && i < m->nnewcomer; i++)
		if (m->as_newcomer[i].id == a.id)
			a.side = SIDE_NEWCOMER;
	if (rc == MODEL_OK && a.side == SIDE__MAX)
		rc = MODEL_NOT_FOUND;
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if ((a.yes = yes_of(r)) < 0)
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	rc = web_tx(r, answer_tx, &a);
	if (rc != MODEL_OK)
		return answered(r, rc);
	return web_redirect_done(r, "/me#guiding", DONE_MATCH_ANSWERED);
}

/* ---- for coordinators ---- */

struct list_args {
	int64_t programme_id;
	unsigned wanted;
	struct pairing *items;
	size_t n;
};

static enum model_rc list_fn(struct req *r, void *arg)
{
	struct list_args *a = arg;
	struct newcomer_actor who = guides_actor(r);
	return pairing_list(r->db, r->region, a->programme_id, a->wanted, &who, "matches page", &a->items,
			    &a->n);
}

/* GET /programmes/{id}/matches[?status=...]: 200 (coordinators): the
 * proposals and matches, newest change first; the read is logged; 400
 * unknown status; 404. */
int web_match_list(struct req *r)
{
	struct programme p;
	int status = guides_programme(r, &p);
	if (status)
		return status;
	unsigned wanted = LIVE;
	const char *s = req_query(r, "status");
	if (s && *s) {
		wanted = 0;
		for (int k = PAIRING_PROPOSED; k < PAIRING_STATUS__MAX; k++)
			if (strcmp(s, pairing_status_code((enum pairing_status)k)) == 0)
				wanted = 1u << k;
		if (wanted == 0) {
			r->error_detail = s;
			return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
		}
	}
	struct list_args a = { p.id, wanted, NULL, 0 };
	enum model_rc rc = web_logged(r, list_fn, &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct pairing *items = a.items;
	size_t n = a.n;
	const char *title = msg_get(r->lang, MSG_GUIDES_MENU_MATCHES);
	struct html h = web_html(r);
	layout_begin(&h, r, title, NAV_PROGRAMMES);
	guides_heading(&h, r, &p, title);
	guides_menu(&h, r, &p, guides_path(r, p.id, "/matches"));
	HTMLF(&h, "<nav class=\"chips\" aria-label=\"%s\"><ul><li><a href=\"/programmes/%lld/matches\"%s>%s</a></li>",
	      msg_get(r->lang, MSG_MATCH_FILTER), (long long)p.id, s && *s ? "" : " aria-current=\"true\"",
	      msg_get(r->lang, MSG_MATCH_ALL_LIVE));
	for (int k = PAIRING_PROPOSED; k < PAIRING_STATUS__MAX; k++) {
		const char *code = pairing_status_code((enum pairing_status)k);
		HTMLF(&h, "<li><a href=\"/programmes/%lld/matches?status=%s\"", (long long)p.id, code);
		if (s && strcmp(s, code) == 0)
			HTML(&h, " aria-current=\"true\"");
		HTMLF(&h, ">%s</a></li>", msg_get(r->lang, pairing_status_msg((enum pairing_status)k)));
	}
	HTML(&h, "</ul></nav>\n");
	if (n == 0) {
		HTML(&h, "<p>");
		html_msg(&h, MSG_MATCH_NONE);
		HTML(&h, "</p>\n");
	}
	HTML(&h, "<ul class=\"rows\">");
	for (size_t i = 0; i < n; i++) {
		HTMLF(&h, "<li><a href=\"/programmes/%lld/matches/%lld\">%s – %s</a><br><span class=\"meta\">",
		      (long long)p.id, (long long)items[i].id, items[i].newcomer_first_name, items[i].guide_name);
		html_msg(&h, pairing_status_msg(items[i].status));
		HTML(&h, " · ");
		when_datetime(&h, items[i].updated_at);
		HTML(&h, "</span></li>");
	}
	HTML(&h, "</ul>\n");
	layout_end(&h, r);
	return 200;
}

static void followups_section(struct html *h, struct req *r, const struct programme *prog,
			      const struct pairing *p, const struct pairing_followup *f, size_t n,
			      const struct field_errors *errs)
{
	if (n == 0)
		return;
	HTML(h, "<section aria-labelledby=\"followups\"><h2 id=\"followups\">");
	html_msg(h, MSG_MATCH_FOLLOWUPS);
	HTML(h, "</h2><ul class=\"rows\">");
	int64_t now = model_now();
	for (size_t i = 0; i < n; i++) {
		HTML(h, "<li><h3>");
		html_msg(h, followup_step_msg(f[i].step));
		HTML(h, "</h3><p class=\"meta\">");
		html_msg(h, MSG_MATCH_FOLLOWUP_DUE);
		HTML(h, " ");
		when_datetime(h, f[i].due_at);
		if (f[i].done_at) {
			HTML(h, " · ");
			html_msg(h, MSG_MATCH_FOLLOWUP_DONE);
			HTML(h, " ");
			when_datetime(h, f[i].done_at);
			HTMLF(h, "</p><p>%s</p></li>", f[i].note);
			continue;
		}
		if (f[i].due_at <= now) {
			HTML(h, " · <strong>");
			html_msg(h, MSG_MATCH_FOLLOWUP_NOW);
			HTML(h, "</strong>");
		}
		HTML(h, "</p>");
		if (p->status == PAIRING_ACTIVE || p->status == PAIRING_PAUSED) {
			widget_form_begin(h, r,
					  region_printf(r->region, "/programmes/%lld/matches/%lld/followup",
							(long long)prog->id, (long long)p->id));
			HTMLF(h, "<input type=\"hidden\" name=\"step\" value=\"%s\">",
			      followup_step_code(f[i].step));
			struct field note = { region_printf(r->region, "note-%s", followup_step_code(f[i].step)),
					      MSG_MATCH_FOLLOWUP_NOTE, FIELD_TEXTAREA, NULL, NULL, MSG__MAX,
					      0, 2000 };
			widget_field(h, &note, errs);
			widget_form_end(h, MSG_MATCH_FOLLOWUP_MARK);
		}
		HTML(h, "</li>");
	}
	HTML(h, "</ul></section>\n");
}

static const char *match_action(struct req *r, const struct programme *prog, const struct pairing *p,
				const char *what)
{
	return region_printf(r->region, "/programmes/%lld/matches/%lld/%s", (long long)prog->id,
			     (long long)p->id, what);
}

/* The coordinator's forms for the pair's status. */
static void coordinator_forms(struct html *h, struct req *r, const struct programme *prog,
			      const struct pairing *p, const struct field_errors *errs)
{
	if (p->status == PAIRING_PROPOSED && p->answer[SIDE_NEWCOMER] == ANSWER_NONE) {
		HTML(h, "<section aria-labelledby=\"phone\"><h2 id=\"phone\">");
		html_msg(h, MSG_MATCH_RECORD_ANSWER);
		HTML(h, "</h2><p>");
		html_msg(h, MSG_MATCH_RECORD_ANSWER_INTRO);
		HTML(h, "</p>");
		answer_form(h, r, match_action(r, prog, p, "answer"), NULL, p, SIDE_NEWCOMER);
		HTML(h, "</section>\n");
	}
	if (p->status == PAIRING_ACCEPTED) {
		HTML(h, "<section aria-labelledby=\"meeting\"><h2 id=\"meeting\">");
		html_msg(h, MSG_MATCH_FIRST_MEETING);
		HTML(h, "</h2>");
		widget_form_begin(h, r, match_action(r, prog, p, "meeting"));
		struct field met = { "met_on", MSG_MATCH_MET_ON, FIELD_DATE, req_form(r, "met_on"), NULL,
				     MSG_MATCH_MET_ON_HINT, 1, 10 };
		widget_field(h, &met, errs);
		widget_form_end(h, MSG_MATCH_RECORD_MEETING);
		HTML(h, "</section>\n");
	}
	if (p->status == PAIRING_ACTIVE || p->status == PAIRING_PAUSED) {
		widget_form_begin(h, r, match_action(r, prog, p, "pause"));
		HTMLF(h, "<input type=\"hidden\" name=\"pause\" value=\"%s\">",
		      p->status == PAIRING_ACTIVE ? "1" : "0");
		widget_form_end(h, p->status == PAIRING_ACTIVE ? MSG_MATCH_PAUSE : MSG_MATCH_RESUME);
	}
	if (p->status == PAIRING_ENDED || p->status == PAIRING_DRAFT)
		return;
	HTML(h, "<section aria-labelledby=\"end\"><h2 id=\"end\">");
	html_msg(h, MSG_MATCH_END);
	HTML(h, "</h2>");
	widget_form_begin(h, r, match_action(r, prog, p, "end"));
	guides_radios(h, r, "reason", MSG_MATCH_END_REASON, &vocab_end_reasons,
		      guides_form_choice(r, "reason", &vocab_end_reasons), errs);
	struct field note = { "note", MSG_MATCH_END_NOTE, FIELD_TEXTAREA, req_form(r, "note"), NULL,
			      MSG_MATCH_END_NOTE_HINT, 0, 2000 };
	widget_field(h, &note, errs);
	widget_checkbox(h, "wait_again", "1", MSG_MATCH_WAIT_AGAIN, req_form(r, "wait_again") != NULL, errs);
	widget_form_end(h, MSG_MATCH_END);
	HTML(h, "</section>\n");
}

/* The path's match of the programme, and its follow-ups (logged as why). */
struct match_args {
	int64_t programme_id;
	const char *why;
	struct pairing p;
	struct pairing_followup *f;
	size_t nf;
};

static enum model_rc match_fn(struct req *r, void *arg)
{
	struct match_args *a = arg;
	struct newcomer_actor who = guides_actor(r);
	enum model_rc rc = pairing_get(r->db, r->region, r->params[1], &who, a->why, &a->p);
	if (rc == MODEL_OK && a->p.programme_id != a->programme_id)
		rc = MODEL_NOT_FOUND;
	if (rc == MODEL_OK)
		rc = pairing_followups(r->db, r->region, a->p.id, &a->f, &a->nf);
	return rc;
}

static int match_page(struct req *r, int status, const struct field_errors *errs)
{
	struct programme prog;
	int st = guides_programme(r, &prog);
	if (st)
		return st;
	struct match_args a = { prog.id, "match page", { 0 }, NULL, 0 };
	enum model_rc rc = web_logged(r, match_fn, &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct pairing p = a.p;
	struct pairing_followup *f = a.f;
	size_t nf = a.nf;
	const char *title = region_printf(r->region, "%s – %s", p.newcomer_first_name, p.guide_name);
	struct html h = web_html(r);
	layout_begin(&h, r, title, NAV_PROGRAMMES);
	guides_heading(&h, r, &prog, title);
	guides_menu(&h, r, &prog, NULL);
	HTML(&h, "<dl class=\"facts\"><dt>");
	html_msg(&h, MSG_NEWCOMER_STATUS);
	HTML(&h, "</dt><dd>");
	html_msg(&h, pairing_status_msg(p.status));
	if (p.status == PAIRING_ENDED && p.end_reason >= 0) {
		HTML(&h, ": ");
		html_msg(&h, vocab_msg(&vocab_end_reasons, p.end_reason));
		if (p.end_note && *p.end_note)
			HTMLF(&h, " (%s)", p.end_note);
	}
	HTMLF(&h, "</dd><dt>%s</dt><dd><a href=\"/programmes/%lld/newcomers/%lld\">%s</a>, %s</dd>",
	      msg_get(r->lang, MSG_ROUND_NEWCOMER), (long long)prog.id, (long long)p.newcomer_id,
	      p.newcomer_first_name, p.newcomer_area);
	HTMLF(&h, "<dt>%s</dt><dd>%s, %s</dd><dt>", msg_get(r->lang, MSG_ROUND_GUIDE), p.guide_name,
	      p.guide_area);
	html_msg(&h, MSG_MATCH_GUIDE_ANSWER);
	HTML(&h, "</dt><dd>");
	answer_text(&h, p.answer[SIDE_GUIDE]);
	HTML(&h, "</dd><dt>");
	html_msg(&h, MSG_MATCH_NEWCOMER_ANSWER);
	HTML(&h, "</dt><dd>");
	answer_text(&h, p.answer[SIDE_NEWCOMER]);
	HTML(&h, "</dd>");
	if (p.first_meeting_on)
		HTMLF(&h, "<dt>%s</dt><dd>%s</dd>", msg_get(r->lang, MSG_MATCH_FIRST_MEETING), p.first_meeting_on);
	HTML(&h, "<dt>");
	html_msg(&h, MSG_ROUND_REASONS);
	HTML(&h, "</dt><dd>");
	reasons_pair(&h, r, p.shared_languages, p.shared_interests, p.shared_times, p.km, p.waited_days);
	HTML(&h, "</dd></dl>\n");
	followups_section(&h, r, &prog, &p, f, nf, errs);
	coordinator_forms(&h, r, &prog, &p, errs);
	layout_end(&h, r);
	return status;
}

/* GET /programmes/{id}/matches/{match}: 200 (coordinators); the read is
 * logged; 404 not of this programme. */
int web_match_show(struct req *r)
{
	return match_page(r, 200, NULL);
}

/* What a coordinator's form does to a match, in one transaction. */
struct change_args {
	int64_t id;
	enum { CHANGE_ANSWER, CHANGE_MEETING, CHANGE_PAUSE, CHANGE_END, CHANGE_FOLLOWUP } what;
	int yes, pause, wait_again;
	const char *date, *note;
	int reason, step;
	struct field_errors errs;
};

static enum model_rc change_tx(struct req *r, void *arg)
{
	struct change_args *c = arg;
	struct newcomer_actor who = guides_actor(r);
	switch (c->what) {
	case CHANGE_ANSWER: {
		struct answer_args a = { c->id, SIDE_NEWCOMER, c->yes, r->user_id, r->user_id };
		return answer_tx(r, &a);
	}
	case CHANGE_MEETING:
		return pairing_first_meeting(r->db, c->id, c->date, &c->errs);
	case CHANGE_PAUSE:
		return pairing_pause(r->db, c->id, c->pause);
	case CHANGE_END:
		return pairing_end(r->db, c->id, c->reason < 0 ? END__MAX : (enum end_reason)c->reason, c->note,
				   c->wait_again, &who, &c->errs);
	case CHANGE_FOLLOWUP:
		return pairing_followup_done(r->db, c->id, c->step < 0 ? FOLLOWUP__MAX : (enum followup_step)c->step,
					     c->note, r->user_id, &c->errs);
	}
	return MODEL_ERROR;
}

/* Runs a coordinator's change of the path's match: 303 back; 400 with the
 * errors on the page; 409 when the match is not in the state the change
 * needs; 404. */
static int change(struct req *r, struct change_args *c)
{
	struct programme prog;
	int st = guides_programme(r, &prog);
	if (st)
		return st;
	struct match_args a = { prog.id, "match change", { 0 }, NULL, 0 };
	enum model_rc rc = web_logged(r, match_fn, &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct pairing p = a.p;
	/* The form is read after the match is found: a bad value for a
	 * match that exists is 400, for one that does not 404. */
	if ((c->what == CHANGE_ANSWER && c->yes < 0) || (c->what == CHANGE_PAUSE && c->pause < 0))
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	c->id = p.id;
	rc = web_tx(r, change_tx, c);
	if (rc == MODEL_INVALID)
		return match_page(r, 400, &c->errs);
	if (rc == MODEL_CONFLICT)
		return req_fail(r, 409, MSG_MATCH_WRONG_STATE);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/programmes/%lld/matches/%lld", (long long)prog.id,
						   (long long)p.id),
				 DONE_MATCH_SAVED);
}

/* POST /programmes/{id}/matches/{match}/answer (answer yes|no): the
 * newcomer's answer, taken by a coordinator (recorded as such). */
int web_match_record_answer(struct req *r)
{
	struct change_args c = { .what = CHANGE_ANSWER, .yes = yes_of(r) };
	return change(r, &c);
}

/* POST /programmes/{id}/matches/{match}/meeting (met_on YYYY-MM-DD). */
int web_match_meeting(struct req *r)
{
	struct change_args c = { .what = CHANGE_MEETING, .date = req_form(r, "met_on") };
	return change(r, &c);
}

/* POST /programmes/{id}/matches/{match}/pause (pause 1|0). */
int web_match_pause(struct req *r)
{
	const char *v = req_form(r, "pause");
	struct change_args c = { .what = CHANGE_PAUSE,
				 .pause = v && strcmp(v, "1") == 0 ? 1 : v && strcmp(v, "0") == 0 ? 0 : -1 };
	return change(r, &c);
}

/* POST /programmes/{id}/matches/{match}/end (reason, note, wait_again). */
int web_match_end(struct req *r)
{
	struct change_args c = { .what = CHANGE_END,
				 .reason = guides_form_choice(r, "reason", &vocab_end_reasons),
				 .note = req_form(r, "note"),
				 .wait_again = req_form(r, "wait_again") != NULL };
	return change(r, &c);
}

/* POST /programmes/{id}/matches/{match}/followup (step, note-STEP). */
int web_match_followup(struct req *r)
{
	const char *step = req_form(r, "step");
	struct change_args c = { .what = CHANGE_FOLLOWUP, .step = followup_step_parse(step) };
	c.note = step ? req_form(r, region_printf(r->region, "note-%s", step)) : NULL;
	return change(r, &c);
}
