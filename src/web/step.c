/*
 * step.c: a proposal's way through the city council on its page: the
 * dated timeline (submitted with the text frozen, under consideration,
 * the decision with its reasoning and minutes, implementation with
 * milestones and progress, done), the forms in which council members and
 * the arena's facilitators record each step (decisions by council members
 * only), and the timeline as an Atom feed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "model/step.h"
#include "model/text.h"
#include "web/atom.h"
#include "web/guard.h"
#include "web/layout.h"
#include "web/markdown.h"
#include "web/proposal.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

#define FEED_CONTENT_MAX (1 << 20)

/* The fields a step may have; which kinds use which is in kind_fields. */
enum step_field { SF_HAPPENED_ON, SF_COUNCIL, SF_MEETING_ON, SF_LINK_URL, SF_TITLE, SF_PROGRESS, SF_BODY, SF__MAX };

static const struct field step_fields[] = {
	[SF_HAPPENED_ON] = { "happened_on", MSG_STEP_DATE, FIELD_DATE, NULL, NULL, MSG__MAX, 1, 0 },
	[SF_COUNCIL] = { "council", MSG_STEP_COUNCIL, FIELD_TEXT, NULL, NULL, MSG_STEP_COUNCIL_HINT, 1, STEP_COUNCIL_MAX },
	[SF_MEETING_ON] = { "meeting_on", MSG_STEP_MEETING, FIELD_DATE, NULL, NULL, MSG__MAX, 0, 0 },
	[SF_LINK_URL] = { "link_url", MSG_STEP_AGENDA, FIELD_URL, NULL, NULL, MSG__MAX, 0, TEXT_URL_MAX },
	[SF_TITLE] = { "title", MSG_STEP_MILESTONE_TITLE, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, TEXT_NAME_MAX },
	[SF_PROGRESS] = { "progress", MSG_STEP_PROGRESS, FIELD_NUMBER, NULL, NULL, MSG_STEP_PROGRESS_HINT, 1, 0 },
	[SF_BODY] = { "body", MSG_STEP_BODY, FIELD_TEXTAREA, NULL, NULL, MSG_FORM_MARKDOWN_HINT, 0, STEP_BODY_MAX },
};
_Static_assert(sizeof step_fields / sizeof step_fields[0] == SF__MAX, "a row per field");

#define F(x) (1u << (x))
static const unsigned kind_fields[] = {
	[STEP_SUBMITTED] = F(SF_HAPPENED_ON) | F(SF_COUNCIL) | F(SF_MEETING_ON) | F(SF_LINK_URL) | F(SF_BODY),
	[STEP_CONSIDERING] = F(SF_HAPPENED_ON) | F(SF_BODY),
	[STEP_DECIDED] = F(SF_HAPPENED_ON) | F(SF_COUNCIL) | F(SF_LINK_URL) | F(SF_BODY),
	[STEP_IMPLEMENTING] = F(SF_HAPPENED_ON) | F(SF_BODY),
	[STEP_MILESTONE] = F(SF_HAPPENED_ON) | F(SF_TITLE) | F(SF_PROGRESS) | F(SF_BODY),
	[STEP_DONE] = F(SF_HAPPENED_ON) | F(SF_BODY),
};
_Static_assert(sizeof kind_fields / sizeof kind_fields[0] == STEP__MAX, "fields per step kind");

static const char *step_path(struct req *r, const struct proposal *p)
{
	return web_proposal_path(r, p, "/steps");
}

/* What a step says besides its kind and date. */
static void step_details(struct html *h, struct req *r, const struct proposal *p, const struct step *s)
{
	if (s->kind == STEP_DECIDED && s->outcome != OUTCOME_NONE) {
		HTMLF(h, " <span class=\"tag tag-%s\">", outcome_code(s->outcome));
		html_msg(h, outcome_msg(s->outcome));
		HTML(h, "</span>");
	}
	if (s->kind == STEP_MILESTONE)
		HTMLF(h, ": %s", s->title);
	HTML(h, "</p>");
	if (*s->council) {
		const char *args[] = { s->council };
		HTML(h, "<p>");
		html_msgv(h, s->kind == STEP_SUBMITTED ? MSG_STEP_SUBMITTED_TO : MSG_STEP_DECIDED_BY, args, 1);
		if (s->meeting_on) {
			HTML(h, " ");
			html_msg(h, MSG_STEP_AT_MEETING);
			HTML(h, " ");
			when_date(h, s->meeting_on);
		}
		HTML(h, "</p>");
	}
	if (s->kind == STEP_MILESTONE && s->progress >= 0) {
		char pct[16];
		snprintf(pct, sizeof pct, "%d", s->progress);
		const char *args[] = { pct };
		HTMLF(h, "<p class=\"progress-line\"><progress max=\"100\" value=\"%d\" aria-hidden=\"true\"></progress> ",
		      s->progress);
		html_msgv(h, MSG_STEP_PROGRESS_VALUE, args, 1);
		HTML(h, "</p>");
	}
	if (*s->body)
		markdown_render(h, s->body);
	if (*s->link_url) {
		HTML(h, "<p><a href=\"");
		html_href(h, s->link_url);
		HTML(h, "\">");
		html_msg(h, s->kind == STEP_DECIDED ? MSG_STEP_MINUTES_LINK : MSG_STEP_AGENDA_LINK);
		HTML(h, "</a></p>");
	}
	if (s->revision) {
		char n[24];
		snprintf(n, sizeof n, "%lld", (long long)s->revision);
		const char *args[] = { n };
		HTMLF(h, "<p><a href=\"%s\">",
		      web_proposal_path(r, p, region_printf(r->region, "/revisions/%lld", (long long)s->revision)));
		html_msgv(h, MSG_STEP_FROZEN_TEXT, args, 1);
		HTML(h, "</a></p>");
	}
}

static void step_item(struct html *h, struct req *r, const struct proposal *p, const struct step *s)
{
	HTMLF(h, "<li class=\"done\" id=\"step-%lld\"><p><span class=\"phase-name\">", (long long)s->id);
	html_msg(h, step_kind_msg(s->kind));
	HTML(h, "</span> · ");
	when_date(h, s->happened_on);
	step_details(h, r, p, s);
	HTML(h, "<p class=\"meta\">");
	const char *args[] = { s->recorded_by_name ? s->recorded_by_name : msg_get(r->lang, MSG_DELETED_USER) };
	html_msgv(h, MSG_STEP_RECORDED_BY, args, 1);
	HTML(h, "</p></li>");
}

/* Field k of a form for a step of kind; ids carry the kind, as several
 * such forms are on one page. */
static void field_for(struct html *h, struct req *r, enum step_field k, enum step_kind kind, const char *value)
{
	struct field f = step_fields[k];
	f.value = value;
	if (k == SF_LINK_URL && kind == STEP_DECIDED)
		f.label = MSG_STEP_MINUTES;
	if (k == SF_COUNCIL && kind == STEP_DECIDED)
		f.label = MSG_STEP_DECIDED_BY_FIELD;
	if (k == SF_BODY) {
		f.label = kind == STEP_DECIDED ? MSG_STEP_REASONING : MSG_STEP_BODY;
		f.required = kind == STEP_DECIDED;
	}
	widget_field_id(h, &f, region_printf(r->region, "%s-%s", step_kind_code(kind), f.name), NULL);
}

static void kind_fields_of(struct html *h, struct req *r, enum step_kind k)
{
	for (int f = 0; f < SF__MAX; f++)
		if (kind_fields[k] & F(f))
			field_for(h, r, (enum step_field)f, k, f == SF_HAPPENED_ON ? when_today(r->region) : NULL);
}

/* One form per step that may come next (decisions have their own). */
static void step_forms(struct html *h, struct req *r, const struct proposal *p)
{
	int any = 0;
	for (int k = 0; k < STEP__MAX; k++) {
		if (k == STEP_DECIDED || !step_allowed((enum step_kind)k, p->status, p->outcome))
			continue;
		if (!any) {
			HTML(h, "<h3>");
			html_msg(h, MSG_STEP_RECORD);
			HTML(h, "</h3>");
			any = 1;
		}
		HTML(h, "<details class=\"step-form\"><summary>");
		html_msg(h, step_kind_msg((enum step_kind)k));
		HTML(h, "</summary>");
		widget_form_begin(h, r, step_path(r, p));
		HTMLF(h, "<input type=\"hidden\" name=\"kind\" value=\"%s\">", step_kind_code((enum step_kind)k));
		kind_fields_of(h, r, (enum step_kind)k);
		widget_form_end(h, MSG_STEP_SAVE);
		HTML(h, "</details>");
	}
}

static void decision_form(struct html *h, struct req *r, const struct proposal *p)
{
	HTML(h, "<h3>");
	html_msg(h, MSG_STEP_DECISION);
	HTML(h, "</h3>");
	widget_form_begin(h, r, web_proposal_path(r, p, "/decision"));
	HTML(h, "<fieldset><legend>");
	html_msg(h, MSG_STEP_OUTCOME);
	HTML(h, "</legend>");
	for (int o = OUTCOME_ADOPTED; o < OUTCOME__MAX; o++) {
		HTMLF(h, "<div class=\"check\"><input type=\"radio\" id=\"outcome-%s\" name=\"outcome\" value=\"%s\">"
			 "<label for=\"outcome-%s\">",
		      outcome_code((enum outcome)o), outcome_code((enum outcome)o), outcome_code((enum outcome)o));
		html_msg(h, outcome_msg((enum outcome)o));
		HTML(h, "</label></div>");
	}
	HTML(h, "</fieldset>");
	kind_fields_of(h, r, STEP_DECIDED);
	widget_form_end(h, MSG_STEP_SAVE_DECISION);
}

/* What is still to come after the proposal's status, as the timeline's
 * last, greyed step. */
static enum msg next_step(const struct proposal *p)
{
	switch (p->status) {
	case PROPOSAL_DRAFTING:
		return MSG_STEP_NEXT_SUBMIT;
	case PROPOSAL_SUBMITTED:
	case PROPOSAL_CONSIDERING:
		return MSG_STEP_NEXT_DECISION;
	case PROPOSAL_DECIDED:
		return p->outcome == OUTCOME_REJECTED ? MSG__MAX : MSG_STEP_NEXT_IMPLEMENT;
	case PROPOSAL_IMPLEMENTING:
		return MSG_STEP_NEXT_DONE;
	case PROPOSAL_DONE:
	case PROPOSAL_STATUS__MAX:
		break;
	}
	return MSG__MAX;
}

enum model_rc web_step_section(struct html *h, struct req *r, const struct arena *a, const struct proposal *p)
{
	struct step *items;
	size_t n = 0;
	enum model_rc rc = step_list(r->db, r->region, p->id, &items, &n);
	if (rc != MODEL_OK)
		return rc;
	HTML(h, "<section aria-labelledby=\"timeline\" class=\"steps\"><h2 id=\"timeline\">");
	html_msg(h, MSG_STEP_TITLE);
	HTML(h, "</h2><ol class=\"timeline\"><li class=\"done\"><p><span class=\"phase-name\">");
	html_msg(h, MSG_STEP_STARTED);
	HTML(h, "</span> · ");
	when_datetime(h, p->created_at);
	HTML(h, "</p></li>");
	for (size_t i = 0; i < n; i++)
		step_item(h, r, p, &items[i]);
	enum msg next = next_step(p);
	if (next != MSG__MAX) {
		HTML(h, "<li class=\"later\"><p class=\"meta\">");
		html_msg(h, next);
		HTML(h, "</p></li>");
	}
	HTMLF(h, "</ol><p class=\"feed\"><a href=\"%s\" type=\"application/atom+xml\">",
	      web_proposal_path(r, p, "/timeline.atom"));
	html_msg(h, MSG_STEP_FEED);
	HTML(h, "</a></p>");
	if (web_can(r, PERM_FOLLOW_UP, a->id))
		step_forms(h, r, p);
	if ((p->status == PROPOSAL_SUBMITTED || p->status == PROPOSAL_CONSIDERING) && web_can(r, PERM_DECIDE, 0))
		decision_form(h, r, p);
	HTML(h, "</section>\n");
	return MODEL_OK;
}

struct add {
	const struct proposal *p;
	struct step in;
	struct field_errors errs;
	int64_t id;
};

/* Records the step and tells the proposal's and its arena's followers. */
static enum model_rc add_tx(struct req *r, void *arg)
{
	struct add *x = arg;
	enum model_rc rc = step_add(r->db, &x->in, r->user_id, &x->id, &x->errs);
	return rc == MODEL_OK ? web_tell_step(r, x->p, &x->in) : rc;
}

/* Records a step of kind (from the form, or decided); the two routes. */
static int record(struct req *r, int decision)
{
	int k = decision ? STEP_DECIDED : step_kind_parse(req_form(r, "kind"));
	if (k < 0)
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	if (k == STEP_DECIDED && !web_can(r, PERM_DECIDE, 0))
		return req_fail(r, 403, MSG_STEP_DECISION_ROLE);
	struct arena a;
	struct proposal p;
	enum model_rc rc = web_proposal_load(r, &a, &p);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *outcome = req_form(r, "outcome"), *progress = req_form(r, "progress");
	int o = outcome && *outcome ? outcome_parse(outcome) : OUTCOME_NONE;
	char *end = NULL;
	long pr = progress && *progress ? strtol(progress, &end, 10) : -1;
	struct add x = { .p = &p,
			 .in = { .proposal_id = p.id,
				 .kind = (enum step_kind)k,
				 .happened_on = req_form(r, "happened_on"),
				 .council = req_form(r, "council"),
				 .meeting_on = req_form(r, "meeting_on"),
				 .link_url = req_form(r, "link_url"),
				 .outcome = o < 0 ? OUTCOME__MAX : (enum outcome)o,
				 .title = req_form(r, "title"),
				 .progress = end && *end ? -2 : (int)(pr < -2 || pr > 1000 ? -2 : pr),
				 .body = req_form(r, "body") },
			 .errs = { .n = 0 } };
	if (k != STEP_MILESTONE)
		x.in.progress = -1;
	rc = web_tx(r, add_tx, &x);
	if (rc == MODEL_INVALID) {
		enum msg first = x.errs.n ? x.errs.items[0].msg : MSG_ERROR_INVALID;
		r->error_detail = x.errs.n ? x.errs.items[0].field : NULL;
		return req_fail(r, 400, first);
	}
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, web_proposal_path(r, &p, "#timeline"), DONE_STEP_RECORDED);
}

/* POST /arenas/{id}/proposals/{proposal}/steps (kind, happened_on,
 * council, meeting_on, link_url, title, progress, body): 303 to the
 * timeline; 400 no such kind, a step that cannot follow the proposal's
 * status, a missing or bad field (the message names it); 403 a decision
 * by someone who is not a council member; 404. Council members and the
 * arena's facilitators. */
int web_step_add(struct req *r)
{
	return record(r, 0);
}

/* POST /arenas/{id}/proposals/{proposal}/decision (outcome, council,
 * happened_on, link_url, body): as web_step_add for the council's
 * decision. Council members only. */
int web_step_decide(struct req *r)
{
	return record(r, 1);
}

/* GET /arenas/{id}/proposals/{proposal}/timeline.atom: 200 the steps as
 * an Atom feed, newest first; 404; 500 a step's text past the limit;
 * 503. */
int web_step_feed(struct req *r)
{
	struct arena a;
	struct proposal p;
	struct step *items;
	size_t n = 0;
	enum model_rc rc = web_proposal_load(r, &a, &p);
	if (rc == MODEL_OK)
		rc = step_list(r->db, r->region, p.id, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char **content = region_calloc(r->region, n + 1, sizeof *content);
	struct buf one = BUF_INIT(FEED_CONTENT_MAX);
	struct html oh = { &one, r->lang };
	int64_t updated = p.created_at;
	for (size_t i = 0; i < n && !one.overflow; i++) {
		buf_reset(&one);
		HTML(&oh, "<p>");
		html_msg(&oh, step_kind_msg(items[i].kind));
		step_details(&oh, r, &p, &items[i]);
		content[i] = region_strdup(r->region, buf_str(&one));
		if (items[i].recorded_at > updated)
			updated = items[i].recorded_at;
	}
	int overflow = one.overflow;
	buf_free(&one);
	if (overflow) {
		log_error("step too large for the feed", NULL);
		return req_fail(r, 500, MSG_ERROR_INTERNAL);
	}
	const char *page = web_proposal_path(r, &p, "");
	const char *args[] = { p.title };
	struct html h = web_html(r);
	const struct atom_feed feed = { web_proposal_path(r, &p, "/timeline.atom"), page,
					web_proposal_text(r, MSG_STEP_FEED_TITLE, args, 1), NULL, NULL, updated };
	atom_begin(&h, r, &feed);
	for (size_t i = n; i-- > 0;) {
		const struct step *s = &items[i];
		const char *title = s->kind == STEP_MILESTONE
					    ? region_printf(r->region, "%s: %s", msg_get(r->lang, step_kind_msg(s->kind)), s->title)
				    : s->kind == STEP_DECIDED
					    ? region_printf(r->region, "%s: %s", msg_get(r->lang, step_kind_msg(s->kind)),
							    msg_get(r->lang, outcome_msg(s->outcome)))
					    : msg_get(r->lang, step_kind_msg(s->kind));
		const struct atom_entry e = {
			region_printf(r->region, "%s#step-%lld", page, (long long)s->id), title,
			s->recorded_by_name ? s->recorded_by_name : msg_get(r->lang, MSG_DELETED_USER),
			when_date_start(s->happened_on, s->recorded_at), s->recorded_at, content[i], NULL, NULL, p.lang,
		};
		atom_entry(&h, &e);
	}
	atom_end(&h);
	return 200;
}
