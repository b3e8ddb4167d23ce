/*
 * amendment.c: a proposal's amendments: suggesting one (someone who did
 * not write the proposal: the changed text and why), every amendment with
 * its changes word by word and its decision, and the decisions of the
 * proposal's authors or the arena's facilitator: accept (merged in as a
 * revision credited to its author; where the text moved on in the same
 * places, the decider resolves) or reject with a reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/route.h"
#include "core/log.h"
#include "model/amendment.h"
#include "web/guard.h"
#include "web/layout.h"
#include "web/proposal.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

#define AMENDMENT_DIFF_CONTEXT 1
#define AMENDMENTS_PER_HOUR 30 /* by one account */

static const struct field amend_fields[] = {
	{ "title", MSG_PROPOSAL_TITLE_FIELD, FIELD_TEXT, NULL, "off", MSG__MAX, 1, PROPOSAL_TITLE_MAX },
	{ "text", MSG_AMENDMENT_TEXT, FIELD_TEXTAREA, NULL, NULL, MSG_AMENDMENT_TEXT_HINT, 0, 0 },
	{ "reason", MSG_AMENDMENT_REASON, FIELD_TEXTAREA, NULL, NULL, MSG_AMENDMENT_REASON_HINT, 1,
	  AMENDMENT_REASON_MAX },
};
enum { AF_TITLE, AF_TEXT, AF_REASON, AF__MAX };
_Static_assert(sizeof amend_fields / sizeof amend_fields[0] == AF__MAX, "a row per field");

/* Whether the reader decides the proposal's amendments: one of its
 * authors, or a facilitator of the arena. */
static enum model_rc decider(struct req *r, const struct proposal *p, int *yes)
{
	*yes = web_can(r, PERM_FACILITATE, p->arena_id);
	if (*yes || r->user_id <= 0)
		return MODEL_OK;
	return proposal_is_author(r->db, p->id, r->user_id, yes);
}

static void suggest_form(struct html *h, struct req *r, const struct proposal *p, const struct revision *head,
			 const struct field_errors *errs)
{
	HTML(h, "<section aria-labelledby=\"suggest\"><h2 id=\"suggest\">");
	html_msg(h, MSG_AMENDMENT_SUGGEST);
	HTML(h, "</h2>");
	widget_errors(h, errs, amend_fields, AF__MAX);
	widget_form_begin(h, r, web_proposal_path(r, p, "/amendments"));
	const char *base = errs ? req_form(r, "base") : NULL;
	HTMLF(h, "<input type=\"hidden\" name=\"base\" value=\"%s\">",
	      base ? base : region_printf(r->region, "%lld", (long long)head->number));
	for (int i = 0; i < AF__MAX; i++) {
		struct field f = amend_fields[i];
		f.value = req_form(r, f.name);
		if (f.value == NULL && i == AF_TITLE)
			f.value = head->title;
		if (f.value == NULL && i == AF_TEXT)
			f.value = head->text;
		widget_field(h, &f, errs);
	}
	widget_form_end(h, MSG_AMENDMENT_SEND);
	HTML(h, "</section>\n");
}

static void decision_forms(struct html *h, struct req *r, const struct proposal *p, const struct amendment *m)
{
	const char *base = web_proposal_path(r, p, region_printf(r->region, "/amendments/%lld", (long long)m->id));
	HTML(h, "<div class=\"decide\">");
	widget_form_begin(h, r, region_printf(r->region, "%s/accept", base));
	widget_form_end(h, MSG_AMENDMENT_ACCEPT);
	widget_form_begin(h, r, region_printf(r->region, "%s/reject", base));
	HTMLF(h, "<div class=\"field\"><label for=\"reject-%lld\">", (long long)m->id);
	html_msg(h, MSG_AMENDMENT_REJECT_REASON);
	HTMLF(h, "</label><input type=\"text\" id=\"reject-%lld\" name=\"reason\" maxlength=\"%d\"></div>",
	      (long long)m->id, AMENDMENT_REASON_MAX);
	HTML(h, "<div class=\"actions\"><button type=\"submit\" class=\"secondary\">");
	html_msg(h, MSG_AMENDMENT_REJECT);
	HTML(h, "</button></div></form></div>");
}

static enum model_rc amendment_item(struct html *h, struct req *r, const struct proposal *p,
				    const struct amendment *m, int may_decide)
{
	struct revision base;
	enum model_rc rc = revision_get(r->db, r->region, p->id, m->base, &base);
	if (rc != MODEL_OK)
		return rc;
	struct textdiff d;
	if (textdiff_run(r->region, base.text, strlen(base.text), m->text, strlen(m->text), &d) != 0)
		return MODEL_ERROR;
	HTMLF(h, "<li id=\"amendment-%lld\"><h2 class=\"h3\">", (long long)m->id);
	const char *args[] = { m->author_name ? m->author_name : msg_get(r->lang, MSG_DELETED_USER) };
	html_msgv(h, MSG_AMENDMENT_FROM, args, 1);
	HTMLF(h, "</h2><p class=\"meta\"><span class=\"tag tag-%s\">", amendment_status_code(m->status));
	html_msg(h, amendment_status_msg(m->status));
	HTML(h, "</span> · ");
	when_datetime(h, m->created_at);
	char n[24];
	snprintf(n, sizeof n, "%lld", (long long)m->base);
	const char *on[] = { n };
	HTML(h, " · ");
	html_msgv(h, MSG_AMENDMENT_ON, on, 1);
	HTMLF(h, "</p><p><strong>%s:</strong> %s</p>", msg_get(r->lang, MSG_AMENDMENT_REASON), m->reason);
	if (strcmp(base.title, m->title) != 0)
		HTMLF(h, "<p><strong>%s</strong> <del>%s</del> → <ins>%s</ins></p>", msg_get(r->lang, MSG_PROPOSAL_TITLE_FIELD),
		      base.title, m->title);
	web_diff(h, r, &d, AMENDMENT_DIFF_CONTEXT);
	if (m->status != AMENDMENT_PENDING) {
		HTML(h, "<p class=\"decision\">");
		const char *who[] = { m->decided_by_name ? m->decided_by_name : msg_get(r->lang, MSG_DELETED_USER) };
		html_msgv(h, m->status == AMENDMENT_ACCEPTED ? MSG_AMENDMENT_ACCEPTED_BY : MSG_AMENDMENT_REJECTED_BY, who, 1);
		HTML(h, " ");
		when_datetime(h, m->decided_at);
		if (m->status == AMENDMENT_REJECTED)
			HTMLF(h, ". %s: %s", msg_get(r->lang, MSG_AMENDMENT_REASON), m->decision_reason);
		if (m->revision)
			HTMLF(h, ". <a href=\"%s\">%s %lld</a>",
			      web_proposal_path(r, p, region_printf(r->region, "/revisions/%lld", (long long)m->revision)),
			      msg_get(r->lang, MSG_PROPOSAL_VERSION_WORD), (long long)m->revision);
		HTML(h, "</p>");
	} else if (may_decide && p->status == PROPOSAL_DRAFTING) {
		decision_forms(h, r, p, m);
	}
	HTML(h, "</li>");
	return MODEL_OK;
}

static int amendments_page(struct req *r, int status, const struct field_errors *errs)
{
	struct arena a;
	struct proposal p;
	struct revision head;
	struct amendment *items;
	size_t n = 0;
	int may_decide = 0, author = 0;
	enum model_rc rc = web_proposal_load(r, &a, &p);
	if (rc == MODEL_OK)
		rc = revision_get(r->db, r->region, p.id, p.head, &head);
	if (rc == MODEL_OK)
		rc = amendment_list(r->db, r->region, p.id, &items, &n);
	if (rc == MODEL_OK)
		rc = decider(r, &p, &may_decide);
	if (rc == MODEL_OK)
		rc = proposal_is_author(r->db, p.id, r->user_id, &author);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	layout_begin(&h, r, region_printf(r->region, "%s: %s", msg_get(r->lang, MSG_AMENDMENTS_TITLE), p.title),
		     NAV_ARENAS);
	web_proposal_crumbs(&h, r, &a, &p);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_AMENDMENTS_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_AMENDMENTS_INTRO);
	HTML(&h, "</p>\n");
	if (!web_proposal_writable(r, &a, &p)) {
		HTML(&h, "<p class=\"hint\">");
		html_msg(&h, r->user_id <= 0 ? MSG_AMENDMENT_SIGN_IN
			     : a.status != ARENA_OPEN ? MSG_PROPOSAL_ARENA_CLOSED
						      : MSG_PROPOSAL_FROZEN);
		HTML(&h, "</p>\n");
	} else if (author) {
		HTMLF(&h, "<p class=\"hint\">%s <a href=\"%s\">%s</a></p>\n", msg_get(r->lang, MSG_AMENDMENT_OWN),
		      web_proposal_path(r, &p, "/edit"), msg_get(r->lang, MSG_PROPOSAL_EDIT));
	} else {
		suggest_form(&h, r, &p, &head, errs);
	}
	HTML(&h, "<section aria-labelledby=\"all\"><h2 id=\"all\">");
	html_msg(&h, MSG_AMENDMENTS_ALL);
	HTML(&h, "</h2>");
	if (n == 0) {
		HTML(&h, "<p>");
		html_msg(&h, MSG_AMENDMENTS_NONE);
		HTML(&h, "</p>");
	} else {
		HTML(&h, "<ol class=\"rows amendments\" reversed>");
		for (size_t i = 0; rc == MODEL_OK && i < n; i++)
			rc = amendment_item(&h, r, &p, &items[i], may_decide && a.status == ARENA_OPEN);
		HTML(&h, "</ol>");
	}
	if (rc != MODEL_OK) {
		buf_reset(&r->out);
		return req_status(r, model_status(rc));
	}
	HTML(&h, "</section>\n");
	layout_end(&h, r);
	return status;
}

/* GET /arenas/{id}/proposals/{proposal}/amendments: 200 every amendment
 * with its changes and decision, and the form to suggest one; 404; 503. */
int web_amendment_list(struct req *r)
{
	return amendments_page(r, 200, NULL);
}

struct add {
	const struct proposal *p;
	struct field_errors errs;
	int64_t id;
};

static enum model_rc add_tx(struct req *r, void *arg)
{
	struct add *x = arg;
	const char *base = req_form(r, "base");
	int64_t b = route_id(base);
	enum model_rc rc = amendment_add(r->db, x->p->id, b > 0 ? b : 0, req_form(r, "title"), req_form(r, "text"),
					 req_form(r, "reason"), r->user_id, &x->id, &x->errs);
	/* Suggesting a change follows the proposal (taking part). */
	return rc == MODEL_OK ? follow_taking_part(r->db, r->user_id, FOLLOW_PROPOSAL, x->p->id) : rc;
}

/* POST /arenas/{id}/proposals/{proposal}/amendments (base, title, text,
 * reason): 303 to the amendments; 400 no reason, no change, too long, a
 * revision the proposal does not have (the form again); 403 the reader
 * wrote in the proposal (they edit it); 404; 409 the arena is closed or
 * the text frozen; 429 too many from one account. */
int web_amendment_add(struct req *r)
{
	struct arena a;
	struct proposal p;
	int status = web_proposal_load_writable(r, &a, &p);
	if (status || (status = web_proposal_rate(r, "amendment", AMENDMENTS_PER_HOUR)) != 0)
		return status;
	struct add x = { .p = &p, .errs = { .n = 0 } };
	enum model_rc rc = web_tx(r, add_tx, &x);
	if (rc == MODEL_INVALID && field_error_get(&x.errs, "author") != MSG__MAX)
		return req_fail(r, 403, MSG_AMENDMENT_OWN);
	if (rc == MODEL_INVALID)
		return amendments_page(r, 400, &x.errs);
	if (rc == MODEL_CONFLICT)
		return req_fail(r, 409, MSG_PROPOSAL_FROZEN);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, web_proposal_path(r, &p, region_printf(r->region, "/amendments#amendment-%lld",
									    (long long)x.id)),
				 DONE_AMENDMENT_ADDED);
}

/* The amendment {amendment} of the page's proposal, and whether the
 * reader may decide it: 0, or the status to answer. */
static int load_for_decision(struct req *r, struct arena *a, struct proposal *p, struct amendment *m)
{
	enum model_rc rc = web_proposal_load(r, a, p);
	if (rc == MODEL_OK)
		rc = amendment_get(r->db, r->region, r->params[2], m);
	if (rc == MODEL_OK && m->proposal_id != p->id)
		rc = MODEL_NOT_FOUND;
	int yes = 0;
	if (rc == MODEL_OK)
		rc = decider(r, p, &yes);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if (!yes)
		return req_fail(r, 403, MSG_AMENDMENT_NOT_DECIDER);
	if (!web_proposal_writable(r, a, p))
		return req_fail(r, 409, a->status != ARENA_OPEN ? MSG_PROPOSAL_ARENA_CLOSED : MSG_PROPOSAL_FROZEN);
	if (m->status != AMENDMENT_PENDING)
		return req_fail(r, 409, MSG_AMENDMENT_DECIDED);
	return 0;
}

struct accept {
	const struct amendment *m;
	struct revision_result out;
	struct field_errors errs;
};

static enum model_rc accept_tx(struct req *r, void *arg)
{
	struct accept *x = arg;
	const char *text = web_resolved_text(r);
	int64_t b = route_id(req_form(r, "base"));
	return amendment_accept(r->db, r->region, x->m->id, r->user_id, b > 0 ? b : 0,
				req_form(r, "title"), text, &x->out, &x->errs);
}

/* POST /arenas/{id}/proposals/{proposal}/amendments/{amendment}/accept
 * (after an overlap also base, title and the resolution's parts): 303 to
 * the proposal with the amendment as its newest revision; 400 a bad
 * resolution; 403 neither an author nor the facilitator; 404; 409
 * decided already, the text frozen, or the text moved on in the same
 * places (the page to resolve it). */
int web_amendment_accept(struct req *r)
{
	struct arena a;
	struct proposal p;
	struct amendment m;
	int status = load_for_decision(r, &a, &p, &m);
	if (status)
		return status;
	struct accept x = { .m = &m, .errs = { .n = 0 } };
	enum model_rc rc = web_tx(r, accept_tx, &x);
	if (rc == MODEL_OK)
		return web_redirect_done(r, web_proposal_path(r, &p, region_printf(r->region, "/amendments#amendment-%lld",
										    (long long)m.id)),
					 DONE_AMENDMENT_ACCEPTED);
	if (rc == MODEL_CONFLICT && x.out.frozen)
		return req_fail(r, 409, MSG_PROPOSAL_FROZEN);
	if (rc == MODEL_CONFLICT && x.out.head == 0)
		return req_fail(r, 409, MSG_AMENDMENT_DECIDED);
	if (rc == MODEL_INVALID)
		return req_fail(r, 400, field_error_get(&x.errs, "base") != MSG__MAX ? MSG_REVISION_BAD_BASE
										: MSG_ERROR_INVALID);
	if (rc != MODEL_CONFLICT)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_CONFLICT_TITLE_AMENDMENT), NAV_ARENAS);
	web_proposal_crumbs(&h, r, &a, &p);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_CONFLICT_TITLE_AMENDMENT);
	HTML(&h, "</h1>\n<div class=\"notice\" role=\"alert\"><p>");
	html_msg(&h, MSG_CONFLICT_INTRO_AMENDMENT);
	HTML(&h, "</p></div>\n");
	web_conflict_form(&h, r,
			  web_proposal_path(r, &p, region_printf(r->region, "/amendments/%lld/accept", (long long)m.id)),
			  &x.out, m.title, "");
	layout_end(&h, r);
	return 409;
}

struct reject {
	const struct amendment *m;
	struct field_errors errs;
};

static enum model_rc reject_tx(struct req *r, void *arg)
{
	struct reject *x = arg;
	return amendment_reject(r->db, x->m->id, r->user_id, req_form(r, "reason"), &x->errs);
}

/* POST /arenas/{id}/proposals/{proposal}/amendments/{amendment}/reject
 * (reason): 303 to the amendments; 400 no reason; 403 neither an author
 * nor the facilitator; 404; 409 decided already or the text frozen. */
int web_amendment_reject(struct req *r)
{
	struct arena a;
	struct proposal p;
	struct amendment m;
	int status = load_for_decision(r, &a, &p, &m);
	if (status)
		return status;
	struct reject x = { .m = &m, .errs = { .n = 0 } };
	enum model_rc rc = web_tx(r, reject_tx, &x);
	if (rc == MODEL_INVALID)
		return req_fail(r, 400, MSG_AMENDMENT_REASON_REQUIRED);
	if (rc == MODEL_CONFLICT)
		return req_fail(r, 409, MSG_AMENDMENT_DECIDED);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, web_proposal_path(r, &p, region_printf(r->region, "/amendments#amendment-%lld",
									    (long long)m.id)),
				 DONE_AMENDMENT_REJECTED);
}
