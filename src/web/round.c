/*
 * round.c: a programme's matching round, for its coordinators: run the
 * matching, review the proposed pairs with their reasons and why the
 * others have no guide, lock a pair, choose another guide or rule a pair
 * out and run again around that, then send the proposals (each of the two
 * gets a mail with an answer link).
 *
 * Every form carries the round's revision; a change made on an older one
 * (another coordinator ran, locked or sent meanwhile) is refused with 409
 * and a message saying so, and nothing of it is stored
 * (model/programme.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/guide.h"
#include "model/matching.h"
#include "model/newcomer.h"
#include "model/pairing.h"
#include "web/guides.h"
#include "web/layout.h"
#include "web/mail.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

#define DRAFTS (1u << PAIRING_DRAFT)

/* A small form posting to the round with its revision. */
static void round_form(struct html *h, struct req *r, const struct programme *p, const char *action,
		       enum msg button, int secondary, const char *guide_id, const char *label)
{
	widget_form_begin(h, r, action);
	HTMLF(h, "<input type=\"hidden\" name=\"revision\" value=\"%lld\">", (long long)p->revision);
	if (guide_id)
		HTMLF(h, "<input type=\"hidden\" name=\"guide\" value=\"%s\">", guide_id);
	if (secondary)
		HTML(h, "<button type=\"submit\" class=\"secondary\">");
	else
		HTML(h, "<button type=\"submit\">");
	html_msg(h, button);
	if (label)
		HTMLF(h, "<span class=\"visually-hidden\"> %s</span>", label);
	HTML(h, "</button></form>");
}

static const char *newcomer_path(struct req *r, const struct programme *p, int64_t id,
				 const char *suffix)
{
	return region_printf(r->region, "/programmes/%lld/round/newcomers/%lld%s", (long long)p->id,
			     (long long)id, suffix);
}

static void drafts_section(struct html *h, struct req *r, const struct programme *p,
			   const struct pairing *d, size_t n)
{
	HTML(h, "<section aria-labelledby=\"drafts\"><h2 id=\"drafts\">");
	html_msg(h, MSG_ROUND_DRAFTS);
	HTMLF(h, " (%zu)</h2>", n);
	if (n == 0) {
		HTML(h, "<p>");
		html_msg(h, MSG_ROUND_NO_DRAFTS);
		HTML(h, "</p></section>\n");
		return;
	}
	HTMLF(h, "<div class=\"table\"><table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
		 "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr>"
		 "</thead><tbody>",
	      msg_get(r->lang, MSG_ROUND_NEWCOMER), msg_get(r->lang, MSG_ROUND_GUIDE),
	      msg_get(r->lang, MSG_ROUND_REASONS), msg_get(r->lang, MSG_ROUND_SCORE),
	      msg_get(r->lang, MSG_ROUND_ACTIONS));
	for (size_t i = 0; i < n; i++) {
		const char *who = region_printf(r->region, "%s – %s", d[i].newcomer_first_name, d[i].guide_name);
		HTMLF(h, "<tr><td>%s<br><span class=\"meta\">", d[i].newcomer_first_name);
		html_msg(h, vocab_msg(&vocab_target_groups, (int)d[i].target_group));
		HTMLF(h, ", %s</span></td><td>%s<br><span class=\"meta\">%s%s%s</span></td><td>",
		      d[i].newcomer_area, d[i].guide_name, d[i].guide_workplace ? d[i].guide_workplace : "",
		      d[i].guide_workplace ? ", " : "", d[i].guide_area);
		if (d[i].locked) {
			HTML(h, "<strong class=\"tag\">");
			html_msg(h, MSG_ROUND_LOCKED);
			HTML(h, "</strong> ");
		}
		reasons_pair(h, r, d[i].shared_languages, d[i].shared_interests, d[i].shared_times,
			     d[i].km, d[i].waited_days);
		HTMLF(h, "</td><td>%lld</td><td>", (long long)d[i].score);
		char guide[24];
		snprintf(guide, sizeof guide, "%lld", (long long)d[i].guide_id);
		if (d[i].locked)
			round_form(h, r, p, newcomer_path(r, p, d[i].newcomer_id, "/unlock"), MSG_ROUND_UNLOCK, 1,
				   NULL, who);
		else
			round_form(h, r, p, newcomer_path(r, p, d[i].newcomer_id, "/lock"), MSG_ROUND_LOCK, 1,
				   guide, who);
		round_form(h, r, p, newcomer_path(r, p, d[i].newcomer_id, "/reject"), MSG_ROUND_REJECT, 1,
			   guide, who);
		HTML(h, "<a href=\"");
		html_text(h, newcomer_path(r, p, d[i].newcomer_id, ""));
		HTMLF(h, "\">%s<span class=\"visually-hidden\"> %s</span></a></td></tr>",
		      msg_get(r->lang, MSG_ROUND_OTHER_GUIDE), d[i].newcomer_first_name);
	}
	HTML(h, "</tbody></table></div></section>\n");
}

static void unmatched_section(struct html *h, struct req *r, const struct programme *p,
			      const struct pairing_unmatched *u, size_t n)
{
	if (n == 0)
		return;
	HTML(h, "<section aria-labelledby=\"unmatched\"><h2 id=\"unmatched\">");
	html_msg(h, MSG_ROUND_UNMATCHED);
	HTMLF(h, " (%zu)</h2><ul class=\"rows\">", n);
	int64_t now = model_now();
	for (size_t i = 0; i < n; i++) {
		HTMLF(h, "<li><h3>%s <span class=\"meta\">", u[i].first_name);
		html_msg(h, vocab_msg(&vocab_target_groups, (int)u[i].target_group));
		HTMLF(h, ", %s, ", u[i].area_name);
		html_count(h, MSGN_NEWCOMER_WAITED_DAYS, (now - u[i].waiting_since) / 86400);
		HTML(h, "</span></h3>");
		reasons_unmatched(h, r, &u[i]);
		HTML(h, "<p><a href=\"");
		html_text(h, newcomer_path(r, p, u[i].newcomer_id, ""));
		HTMLF(h, "\">%s<span class=\"visually-hidden\"> %s</span></a></p></li>",
		      msg_get(r->lang, MSG_ROUND_CHOOSE_GUIDE), u[i].first_name);
	}
	HTML(h, "</ul></section>\n");
}

struct round_args {
	int64_t programme_id;
	struct pairing *d;
	struct pairing_unmatched *u;
	size_t nd, nu;
};

static enum model_rc round_fn(struct req *r, void *arg)
{
	struct round_args *a = arg;
	struct newcomer_actor who = guides_actor(r);
	enum model_rc rc = pairing_list(r->db, r->region, a->programme_id, DRAFTS, &who, "round page", &a->d,
					&a->nd);
	if (rc == MODEL_OK)
		rc = pairing_unmatched_list(r->db, r->region, a->programme_id, &who, &a->u, &a->nu);
	return rc;
}

/* GET /programmes/{id}/round: 200 (coordinators): the round being
 * prepared; the read of newcomer data is logged (503 if it cannot be);
 * 404. */
int web_round(struct req *r)
{
	struct programme p;
	int status = guides_programme(r, &p);
	if (status)
		return status;
	struct round_args a = { p.id, NULL, NULL, 0, 0 };
	enum model_rc rc = web_logged(r, round_fn, &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct pairing *d = a.d;
	struct pairing_unmatched *u = a.u;
	size_t nd = a.nd, nu = a.nu;
	const char *title = msg_get(r->lang, MSG_GUIDES_MENU_ROUND);
	struct html h = web_html(r);
	layout_begin(&h, r, title, NAV_PROGRAMMES);
	guides_heading(&h, r, &p, title);
	guides_menu(&h, r, &p, guides_path(r, p.id, "/round"));
	const char *sent = req_query(r, "sent");
	char *sent_end = NULL;
	long long nsent = sent ? strtoll(sent, &sent_end, 10) : -1;
	if (sent && *sent && *sent_end == '\0' && nsent >= 0) {
		HTML(&h, "<div class=\"notice\" role=\"status\">");
		html_count(&h, MSGN_ROUND_SENT, nsent);
		HTML(&h, "</div>\n");
	}
	HTML(&h, "<p class=\"lead\">");
	html_msg(&h, MSG_ROUND_INTRO);
	HTML(&h, "</p>\n");
	if (p.run_at) {
		char ms[32];
		snprintf(ms, sizeof ms, "%lld", (long long)(p.run_us + 500) / 1000);
		HTML(&h, "<p class=\"meta\" role=\"status\">");
		html_msg(&h, MSG_ROUND_LAST_RUN);
		HTML(&h, " ");
		when_datetime(&h, p.run_at);
		HTML(&h, " (");
		const char *args[] = { ms };
		html_msgv(&h, MSG_ROUND_TOOK, args, 1);
		HTML(&h, ")</p>\n");
	}
	HTML(&h, "<div class=\"actions\">");
	round_form(&h, r, &p, guides_path(r, p.id, "/round/run"), p.run_at ? MSG_ROUND_RUN_AGAIN : MSG_ROUND_RUN,
		   0, NULL, NULL);
	HTML(&h, "</div>\n");
	drafts_section(&h, r, &p, d, nd);
	unmatched_section(&h, r, &p, u, nu);
	if (nd) {
		HTML(&h, "<section aria-labelledby=\"send\"><h2 id=\"send\">");
		html_msg(&h, MSG_ROUND_SEND_TITLE);
		HTML(&h, "</h2><p>");
		html_msg(&h, MSG_ROUND_SEND_INTRO);
		HTML(&h, "</p>");
		round_form(&h, r, &p, guides_path(r, p.id, "/round/send"), MSG_ROUND_SEND, 0, NULL, NULL);
		HTML(&h, "</section>\n");
	}
	layout_end(&h, r);
	return 200;
}

/* The form's revision: 0, or 400 when it is missing or no number. */
static int revision_of(struct req *r, int64_t *rev)
{
	int ok;
	*rev = guides_form_int(r, "revision", 0, INT64_MAX, -1, &ok);
	return ok && *rev >= 0 ? 0 : req_fail(r, 400, MSG_ERROR_INVALID);
}

/* The status for a refused change of the round. */
static int refused(struct req *r, enum model_rc rc)
{
	if (rc == MODEL_CONFLICT)
		return req_fail(r, 409, MSG_ROUND_CHANGED);
	return req_status(r, model_status(rc));
}

struct run_args {
	int64_t programme_id, revision;
	struct matching_result res;
};

static enum model_rc run_tx(struct req *r, void *arg)
{
	struct run_args *a = arg;
	struct newcomer_actor who = guides_actor(r);
	enum model_rc rc = programme_bump(r->db, a->programme_id, a->revision);
	return rc == MODEL_OK ? matching_run(r->db, r->region, a->programme_id, model_now(), &who, &a->res)
			      : rc;
}

/* POST /programmes/{id}/round/run (revision): 303 to the round, run;
 * 409 when the round changed since the page was shown (another
 * coordinator ran it): nothing is stored; 400 no revision; 404. */
int web_round_run(struct req *r)
{
	struct programme p;
	struct run_args a;
	int status = guides_programme(r, &p);
	if (status == 0)
		status = revision_of(r, &a.revision);
	if (status)
		return status;
	a.programme_id = p.id;
	enum model_rc rc = web_tx(r, run_tx, &a);
	if (rc != MODEL_OK)
		return refused(r, rc);
	return web_redirect_done(r, guides_path(r, p.id, "/round"), DONE_ROUND_RUN);
}

/* The mails of one proposal: to the guide (the newcomer's first name,
 * languages, interests and area: what a guide may see before both said
 * yes) and, when they have an address, to the newcomer. */
static enum model_rc mail_proposal(struct req *r, const struct pairing_sent *s)
{
	struct newcomer_actor who = guides_actor(r);
	struct pairing pr;
	struct guide g;
	struct newcomer x;
	enum model_rc rc = pairing_get(r->db, r->region, s->id, &who, "proposal mail", &pr);
	if (rc == MODEL_OK)
		rc = guide_get(r->db, r->region, s->guide_id, &g);
	if (rc == MODEL_OK)
		rc = newcomer_get(r->db, r->region, s->newcomer_id, &who, "proposal mail", &x);
	if (rc != MODEL_OK)
		return rc;
	const struct lang *gl = i18n_find(g.lang) ? i18n_find(g.lang) : i18n_default();
	const char *link = mail_link(r, region_printf(r->region, "/matches/%lld/answer?t=", (long long)s->id),
				     s->guide_token);
	const char *gargs[] = { guide_first_name(r->region, g.name), x.first_name,
				guides_set_text(r->region, gl, &vocab_languages, pr.newcomer_languages),
				guides_set_text(r->region, gl, &vocab_interests, pr.newcomer_interests),
				pr.newcomer_area, link };
	rc = mail_queue(r, g.account_id, g.email, g.lang, MSG_MAIL_PROPOSAL_GUIDE_SUBJECT,
			MSG_MAIL_PROPOSAL_GUIDE_BODY, gargs, 6);
	if (rc != MODEL_OK || x.email == NULL || *x.email == '\0')
		return rc;
	const char *nlink = mail_link(r, region_printf(r->region, "/matches/%lld/answer?t=", (long long)s->id),
				      s->newcomer_token);
	const char *nargs[] = { x.first_name, guide_first_name(r->region, g.name), pr.guide_area, nlink };
	return mail_queue(r, x.account_id, x.email, x.lang, MSG_MAIL_PROPOSAL_NEWCOMER_SUBJECT,
			  MSG_MAIL_PROPOSAL_NEWCOMER_BODY, nargs, 4);
}

struct send_args {
	int64_t programme_id, revision;
	size_t sent;
};

static enum model_rc send_tx(struct req *r, void *arg)
{
	struct send_args *a = arg;
	struct pairing_sent *s;
	enum model_rc rc = programme_bump(r->db, a->programme_id, a->revision);
	if (rc == MODEL_OK)
		rc = pairing_send(r->db, r->region, a->programme_id, &s, &a->sent);
	for (size_t i = 0; rc == MODEL_OK && i < a->sent; i++)
		rc = mail_proposal(r, &s[i]);
	return rc;
}

/* POST /programmes/{id}/round/send (revision): 303 to the round; every
 * draft becomes a proposal and both people get a mail; 409 when the round
 * changed meanwhile (nothing is sent then); 400; 404. */
int web_round_send(struct req *r)
{
	struct programme p;
	struct send_args a = { 0 };
	int status = guides_programme(r, &p);
	if (status == 0)
		status = revision_of(r, &a.revision);
	if (status)
		return status;
	a.programme_id = p.id;
	enum model_rc rc = web_tx(r, send_tx, &a);
	if (rc != MODEL_OK)
		return refused(r, rc);
	return req_redirect(r, region_printf(r->region, "/programmes/%lld/round?sent=%zu", (long long)p.id,
					     a.sent));
}

struct pair_args {
	int64_t programme_id, revision, newcomer_id, guide_id;
	enum { PAIR_LOCK, PAIR_UNLOCK, PAIR_REJECT } what;
	enum match_rule rule; /* why a lock was refused */
};

static enum model_rc pair_tx(struct req *r, void *arg)
{
	struct pair_args *a = arg;
	enum model_rc rc = programme_bump(r->db, a->programme_id, a->revision);
	if (rc != MODEL_OK)
		return rc;
	if (a->what == PAIR_UNLOCK)
		return pairing_unlock(r->db, a->programme_id, a->newcomer_id);
	if (a->what == PAIR_REJECT)
		return pairing_reject(r->db, a->newcomer_id, a->guide_id);
	/* Locking: the pair must pass the hard rules and the guide have room. */
	struct newcomer_actor who = guides_actor(r);
	struct matching_candidate *c;
	size_t n = 0;
	rc = matching_candidates(r->db, r->region, a->programme_id, a->newcomer_id, model_now(), &who, &c,
				 &n);
	if (rc != MODEL_OK)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (c[i].guide_id != a->guide_id)
			continue;
		a->rule = c[i].rule;
		if (c[i].rule != MATCH_RULE__MAX)
			return MODEL_INVALID;
		return pairing_lock(r->db, a->programme_id, a->newcomer_id, a->guide_id, &c[i].facts);
	}
	return MODEL_NOT_FOUND; /* no such active guide in the programme */
}

static int pair_change(struct req *r, int what)
{
	struct programme p;
	struct pair_args a = { .what = what, .rule = MATCH_RULE__MAX };
	int status = guides_programme(r, &p);
	if (status == 0)
		status = revision_of(r, &a.revision);
	if (status)
		return status;
	int ok = 1;
	a.programme_id = p.id;
	a.newcomer_id = r->params[1];
	a.guide_id = what == PAIR_UNLOCK ? 0 : guides_form_int(r, "guide", 1, INT64_MAX, 0, &ok);
	if (what != PAIR_UNLOCK && a.guide_id == 0)
		return req_fail(r, 400, MSG_ERROR_INVALID);
	enum model_rc rc = web_tx(r, pair_tx, &a);
	if (rc == MODEL_INVALID) {
		/* The error page names the rule that stands in the way. */
		struct buf why = BUF_INIT(400);
		struct html h = { &why, r->lang };
		reasons_rule(&h, a.rule);
		r->error_detail = region_strdup(r->region, buf_str(&why));
		buf_free(&why);
		return req_fail(r, 409, MSG_ROUND_CANNOT_PAIR);
	}
	if (rc != MODEL_OK)
		return refused(r, rc);
	return web_redirect_done(r, guides_path(r, p.id, "/round#drafts"), DONE_ROUND_SAVED);
}

/* POST /programmes/{id}/round/newcomers/{newcomer}/lock (revision,
 * guide): 303 to the round: the pair is a locked draft that re-runs keep;
 * 409 when the pair breaks a hard rule or the guide has no room (the
 * message names which), or the round changed meanwhile; 400; 404. */
int web_round_lock(struct req *r)
{
	return pair_change(r, PAIR_LOCK);
}

/* POST .../unlock (revision): 303 to the round; 409 stale; 404 no draft. */
int web_round_unlock(struct req *r)
{
	return pair_change(r, PAIR_UNLOCK);
}

/* POST .../reject (revision, guide): 303 to the round; the pair is never
 * proposed again; 409 stale; 400; 404. */
int web_round_reject(struct req *r)
{
	return pair_change(r, PAIR_REJECT);
}

struct candidates_args {
	int64_t programme_id;
	struct newcomer x;
	struct matching_candidate *c;
	size_t n;
};

static enum model_rc candidates_fn(struct req *r, void *arg)
{
	struct candidates_args *a = arg;
	struct newcomer_actor who = guides_actor(r);
	enum model_rc rc = newcomer_get(r->db, r->region, r->params[1], &who, "choosing a guide", &a->x);
	if (rc == MODEL_OK && a->x.programme_id != a->programme_id)
		rc = MODEL_NOT_FOUND;
	if (rc == MODEL_OK)
		rc = matching_candidates(r->db, r->region, a->programme_id, a->x.id, model_now(), &who, &a->c,
					 &a->n);
	return rc;
}

/* GET /programmes/{id}/round/newcomers/{newcomer}: 200 (coordinators):
 * every guide for this newcomer, those who fit first with the reasons,
 * the others with the rule that stands in the way; 409 when the newcomer
 * is not waiting (proposed, matched or gone); the reads are logged; 404. */
int web_round_candidates(struct req *r)
{
	struct programme p;
	int status = guides_programme(r, &p);
	if (status)
		return status;
	struct candidates_args a = { p.id, { 0 }, NULL, 0 };
	enum model_rc rc = web_logged(r, candidates_fn, &a);
	struct newcomer x = a.x;
	struct matching_candidate *c = a.c;
	size_t n = a.n;
	if (rc == MODEL_CONFLICT)
		return req_fail(r, 409, MSG_ROUND_NOT_WAITING);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *title = region_printf(r->region, "%s: %s", msg_get(r->lang, MSG_ROUND_CHOOSE_GUIDE),
					  x.first_name);
	struct html h = web_html(r);
	layout_begin(&h, r, title, NAV_PROGRAMMES);
	guides_heading(&h, r, &p, title);
	guides_menu(&h, r, &p, NULL);
	HTML(&h, "<dl class=\"facts\"><dt>");
	html_msg(&h, MSG_NEWCOMER_TARGET_GROUP);
	HTML(&h, "</dt><dd>");
	html_msg(&h, vocab_msg(&vocab_target_groups, (int)x.target_group));
	HTMLF(&h, "</dd><dt>%s</dt><dd>%s</dd><dt>", msg_get(r->lang, MSG_ORGANISATION_AREA), x.area_name);
	html_msg(&h, MSG_NEWCOMER_LANGUAGES);
	HTML(&h, "</dt><dd>");
	guides_set(&h, &vocab_languages, x.languages);
	HTML(&h, "</dd><dt>");
	html_msg(&h, MSG_GUIDE_INTERESTS);
	HTML(&h, "</dt><dd>");
	guides_set(&h, &vocab_interests, x.interests);
	HTML(&h, "</dd><dt>");
	html_msg(&h, MSG_GUIDE_TIMES);
	HTML(&h, "</dt><dd>");
	guides_set(&h, &vocab_times, x.availability);
	HTML(&h, "</dd></dl>\n");
	HTMLF(&h, "<div class=\"table\"><table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
		  "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	      msg_get(r->lang, MSG_ROUND_GUIDE), msg_get(r->lang, MSG_ROUND_REASONS),
	      msg_get(r->lang, MSG_ROUND_SCORE), msg_get(r->lang, MSG_ROUND_ACTIONS));
	for (size_t i = 0; i < n; i++) {
		HTMLF(&h, "<tr><td>%s<br><span class=\"meta\">%s</span></td><td>", c[i].guide_name,
		      c[i].area_name);
		if (c[i].rule == MATCH_RULE__MAX) {
			reasons_pair(&h, r, c[i].facts.languages, c[i].facts.interests, c[i].facts.availability,
				     c[i].facts.km, c[i].facts.waited_days);
			HTMLF(&h, "</td><td>%lld</td><td>", (long long)c[i].facts.score);
			char guide[24];
			snprintf(guide, sizeof guide, "%lld", (long long)c[i].guide_id);
			round_form(&h, r, &p, newcomer_path(r, &p, x.id, "/lock"), MSG_ROUND_CHOOSE, 0, guide,
				   c[i].guide_name);
		} else {
			reasons_rule(&h, c[i].rule);
			HTML(&h, "</td><td></td><td>");
		}
		HTML(&h, "</td></tr>");
	}
	HTML(&h, "</tbody></table></div>\n");
	layout_end(&h, r);
	return 200;
}
