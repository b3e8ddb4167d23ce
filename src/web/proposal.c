/*
 * proposal.c: an arena's proposals: the list (with the questions they
 * answer), starting one, the proposal's page (its text, how it was
 * written, who supports it by sector and area, its way through the
 * council, comments), support, and alternatives side by side. Also what
 * the other proposal pages share (web/proposal.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/route.h"
#include "model/amendment.h"
#include "model/role.h"
#include "model/step.h"
#include "model/support.h"
#include "model/text.h"
#include "web/guard.h"
#include "web/layout.h"
#include "web/markdown.h"
#include "web/pagecache.h"
#include "web/proposal.h"
#include "http/query.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

#define PROPOSALS_PER_PAGE 25
#define STARTS_PER_HOUR 20 /* new proposals by one account */
#define COMPARE_MAX 4
#define EXCERPT_BYTES 240
#define QUESTION_PROPOSALS 20 /* linked from a proposal for comparison */

const char *web_proposal_text(struct req *r, enum msg m, const char *const *args, int nargs)
{
	struct buf b = BUF_INIT(1 << 16);
	msg_format(&b, r->lang, m, args, nargs);
	const char *s = region_strdup(r->region, buf_str(&b));
	buf_free(&b);
	return s;
}

int web_proposal_rate(struct req *r, const char *what, int64_t limit)
{
	return web_rate_limit(r, what, region_printf(r->region, "%lld", (long long)r->user_id), limit, 3600);
}

enum model_rc web_proposal_load(struct req *r, struct arena *a, struct proposal *p)
{
	enum model_rc rc = arena_brief(r->db, r->region, r->params[0], a);
	if (rc == MODEL_OK)
		rc = proposal_get(r->db, r->region, r->params[1], p);
	if (rc == MODEL_OK && p->arena_id != a->id)
		rc = MODEL_NOT_FOUND;
	return rc;
}

const char *web_proposal_path(struct req *r, const struct proposal *p, const char *suffix)
{
	return region_printf(r->region, "/arenas/%lld/proposals/%lld%s", (long long)p->arena_id, (long long)p->id,
			     suffix);
}

void web_proposal_crumbs(struct html *h, struct req *r, const struct arena *a, const struct proposal *p)
{
	HTMLF(h, "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/arenas\">%s</a> › "
		 "<a href=\"/arenas/%lld\">%s</a> › <a href=\"/arenas/%lld/proposals\">%s</a>",
	      msg_get(r->lang, MSG_NAV_BREADCRUMBS), msg_get(r->lang, MSG_ARENAS_TITLE), (long long)a->id, a->title,
	      (long long)a->id, msg_get(r->lang, MSG_PROPOSALS_TITLE));
	if (p)
		HTMLF(h, " › <a href=\"%s\">%s</a>", web_proposal_path(r, p, ""), p->title);
	HTML(h, "</nav>\n");
}

int web_proposal_writable(struct req *r, const struct arena *a, const struct proposal *p)
{
	return r->user_id > 0 && a->status == ARENA_OPEN && p->status == PROPOSAL_DRAFTING;
}

int web_proposal_load_writable(struct req *r, struct arena *a, struct proposal *p)
{
	enum model_rc rc = web_proposal_load(r, a, p);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if (!web_proposal_writable(r, a, p))
		return req_fail(r, 409, a->status != ARENA_OPEN ? MSG_PROPOSAL_ARENA_CLOSED : MSG_PROPOSAL_FROZEN);
	return 0;
}

static void status_tag(struct html *h, const struct proposal *p)
{
	HTMLF(h, "<span class=\"tag tag-%s\">", proposal_status_code(p->status));
	html_msg(h, proposal_status_msg(p->status));
	if (p->outcome != OUTCOME_NONE) {
		HTML(h, ": ");
		html_msg(h, outcome_msg(p->outcome));
	}
	HTML(h, "</span>");
}

static void count_line(struct html *h, enum msg m, int64_t n)
{
	char s[24];
	snprintf(s, sizeof s, "%lld", (long long)n);
	const char *args[] = { s };
	html_msgv(h, m, args, 1);
}

/* Whether the reader may start a proposal in the arena: signed in, the
 * arena open, and in its proposal phase (a facilitator at any time). */
static int may_start(struct req *r, const struct arena *a)
{
	if (r->user_id <= 0 || a->status != ARENA_OPEN)
		return 0;
	return a->current_phase_kind == PHASE_DRAFTING || web_can(r, PERM_FACILITATE, a->id);
}

#define BOX_PROPOSALS 3

enum model_rc web_proposal_box_read(struct req *r, const struct arena *a, struct proposal_box *out)
{
	struct proposal_filter f = { a->id, 0, -1, PROPOSAL_SORT_ACTIVE };
	struct paging p = { 1, BOX_PROPOSALS, 0 };
	enum model_rc rc = proposal_list(r->db, r->region, &f, &p, &out->items, &out->n);
	out->total = p.total;
	return rc;
}

void web_proposal_box(struct html *h, struct req *r, const struct arena *a, const struct proposal_box *b)
{
	HTML(h, "<section aria-labelledby=\"proposals\" class=\"dialogue-box\"><h2 id=\"proposals\">");
	html_msg(h, MSG_PROPOSALS_TITLE);
	HTML(h, "</h2><p>");
	count_line(h, MSG_PROPOSALS_COUNT, b->total);
	HTML(h, "</p>");
	if (b->n) {
		HTML(h, "<ul>");
		for (size_t i = 0; i < b->n; i++) {
			HTMLF(h, "<li><a href=\"%s\">%s</a> ", web_proposal_path(r, &b->items[i], ""), b->items[i].title);
			status_tag(h, &b->items[i]);
			HTML(h, "</li>");
		}
		HTML(h, "</ul>");
	}
	HTMLF(h, "<p><a class=\"button\" href=\"/arenas/%lld/proposals\">", (long long)a->id);
	html_msg(h, MSG_PROPOSALS_SEE_ALL);
	HTML(h, "</a>");
	if (may_start(r, a)) {
		HTMLF(h, " <a href=\"/arenas/%lld/proposals/new\">", (long long)a->id);
		html_msg(h, MSG_PROPOSAL_NEW);
		HTML(h, "</a>");
	}
	HTML(h, "</p></section>\n");
}

/* ?status= ?question= ?sort= ?page=; -1 with r->error set. */
static int read_filter(struct req *r, struct proposal_filter *f, struct paging *p)
{
	const char *status = req_query(r, "status"), *sort = req_query(r, "sort");
	if (query_int(r, "question", 0, 1, INT64_MAX, &f->question_id) != 0 ||
	    query_int(r, "page", 1, 1, 1000000, &p->page) != 0)
		return -1;
	if (status && *status && (f->status = proposal_status_parse(status)) < 0) {
		r->error = MSG_ERROR_BAD_CHOICE;
		r->error_detail = "status";
		return -1;
	}
	int s = sort && *sort ? proposal_sort_parse(sort) : PROPOSAL_SORT_ACTIVE;
	if (s < 0) {
		r->error = MSG_ERROR_BAD_CHOICE;
		r->error_detail = "sort";
		return -1;
	}
	f->sort = (enum proposal_sort)s;
	return 0;
}

static void select_filter(struct html *h, struct req *r, const char *name, enum msg label,
			  const struct option *o, size_t n, int with_all)
{
	const char *selected = req_query(r, name);
	HTMLF(h, "<div class=\"field\"><label for=\"f-%s\">", name);
	html_msg(h, label);
	HTMLF(h, "</label><select id=\"f-%s\" name=\"%s\">", name, name);
	if (with_all) {
		HTML(h, "<option value=\"\">");
		html_msg(h, MSG_FILTER_ALL);
		HTML(h, "</option>");
	}
	for (size_t i = 0; i < n; i++)
		HTMLF(h, "<option value=\"%s\"%s>%s</option>", o[i].value,
		      selected && strcmp(selected, o[i].value) == 0 ? " selected" : "", o[i].label);
	HTML(h, "</select></div>");
}

static void filter_form(struct html *h, struct req *r, const struct arena *a, const struct question *qs,
			size_t nq)
{
	struct option o[PROPOSAL_STATUS__MAX];
	_Static_assert((int)PROPOSAL_SORT__MAX <= (int)PROPOSAL_STATUS__MAX, "the options fit");
	HTMLF(h, "<form class=\"filters\" method=\"get\" action=\"/arenas/%lld/proposals\">", (long long)a->id);
	for (int s = 0; s < PROPOSAL_STATUS__MAX; s++)
		o[s] = (struct option){ proposal_status_code((enum proposal_status)s),
					msg_get(r->lang, proposal_status_msg((enum proposal_status)s)) };
	select_filter(h, r, "status", MSG_PROPOSAL_STATUS, o, PROPOSAL_STATUS__MAX, 1);
	if (nq) {
		struct option *qo = region_calloc(r->region, nq, sizeof *qo);
		for (size_t i = 0; i < nq; i++)
			qo[i] = (struct option){ region_printf(r->region, "%lld", (long long)qs[i].id), qs[i].text };
		select_filter(h, r, "question", MSG_PROPOSAL_QUESTION, qo, nq, 1);
	}
	static const enum msg sort_names[] = { MSG_PROPOSAL_SORT_ACTIVE, MSG_PROPOSAL_SORT_SUPPORT, MSG_PROPOSAL_SORT_NEW };
	_Static_assert(sizeof sort_names / sizeof sort_names[0] == PROPOSAL_SORT__MAX, "a name per sort");
	for (int s = 0; s < PROPOSAL_SORT__MAX; s++)
		o[s] = (struct option){ proposal_sort_code((enum proposal_sort)s), msg_get(r->lang, sort_names[s]) };
	select_filter(h, r, "sort", MSG_PROPOSAL_SORT, o, PROPOSAL_SORT__MAX, 0);
	HTML(h, "<button type=\"submit\">");
	html_msg(h, MSG_FILTER_APPLY);
	HTML(h, "</button></form>\n");
}

/* The questions proposals answer, each with a link to compare its answers. */
static enum model_rc questions_section(struct html *h, struct req *r, const struct arena *a,
				       const struct question *qs, size_t nq)
{
	if (nq == 0)
		return MODEL_OK;
	HTML(h, "<section aria-labelledby=\"questions\"><h2 id=\"questions\">");
	html_msg(h, MSG_PROPOSAL_QUESTIONS);
	HTML(h, "</h2><ul class=\"rows\">");
	for (size_t i = 0; i < nq; i++) {
		HTMLF(h, "<li><strong>%s</strong><br><span class=\"meta\">", qs[i].text);
		count_line(h, MSG_PROPOSAL_ANSWERS, qs[i].proposals);
		HTML(h, "</span>");
		if (qs[i].proposals > 0)
			HTMLF(h, " · <a href=\"/arenas/%lld/proposals?question=%lld\">%s</a>", (long long)a->id,
			      (long long)qs[i].id, msg_get(r->lang, MSG_PROPOSAL_SEE_ANSWERS));
		if (qs[i].proposals > 1) {
			struct proposal *items;
			size_t n;
			struct proposal_filter f = { a->id, qs[i].id, -1, PROPOSAL_SORT_SUPPORT };
			struct paging p = { 1, COMPARE_MAX, 0 };
			enum model_rc rc = proposal_list(r->db, r->region, &f, &p, &items, &n);
			if (rc != MODEL_OK)
				return rc;
			HTMLF(h, " · <a href=\"/arenas/%lld/proposals/compare?ids=", (long long)a->id);
			for (size_t k = 0; k < n; k++)
				HTMLF(h, "%s%lld", k ? "," : "", (long long)items[k].id);
			HTML(h, "\">");
			html_msg(h, MSG_PROPOSAL_COMPARE);
			HTML(h, "</a>");
		}
		HTML(h, "</li>");
	}
	HTML(h, "</ul></section>\n");
	return MODEL_OK;
}

/* The version of the page's arena's proposals, and whether r was
 * answered from a kept page of it (1). */
static int kept(struct req *r, int64_t *version, enum model_rc *rc)
{
	*rc = proposal_version(r->db, r->params[0], version);
	return *rc == MODEL_OK && pagecache_get(r, *version);
}

/* GET /arenas/{id}/proposals?status=&question=&sort=&page=: 200 (kept for
 * readers who are not signed in, until the proposals change); 400 a bad
 * filter; 404 no such arena; 503. */
int web_proposal_list(struct req *r)
{
	struct proposal_filter f = { .arena_id = r->params[0], .status = -1 };
	struct paging p = { 1, PROPOSALS_PER_PAGE, 0 };
	if (read_filter(r, &f, &p) != 0)
		return 400;
	int64_t version;
	enum model_rc vrc;
	if (kept(r, &version, &vrc))
		return 200;
	if (vrc != MODEL_OK)
		return req_status(r, model_status(vrc));
	struct arena a;
	struct question *qs;
	struct proposal *items;
	size_t nq = 0, n = 0;
	enum model_rc rc = arena_brief(r->db, r->region, r->params[0], &a);
	if (rc == MODEL_OK)
		rc = question_list(r->db, r->region, a.id, &qs, &nq);
	if (rc == MODEL_OK)
		rc = proposal_list(r->db, r->region, &f, &p, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	const char *title = region_printf(r->region, "%s: %s", msg_get(r->lang, MSG_PROPOSALS_TITLE), a.title);
	layout_begin(&h, r, title, NAV_ARENAS);
	HTMLF(&h, "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/arenas\">%s</a> › <a href=\"/arenas/%lld\">%s</a>"
		  "</nav>\n<h1>",
	      msg_get(r->lang, MSG_NAV_BREADCRUMBS), msg_get(r->lang, MSG_ARENAS_TITLE), (long long)a.id, a.title);
	html_msg(&h, MSG_PROPOSALS_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_PROPOSALS_INTRO);
	HTML(&h, "</p>\n");
	if (may_start(r, &a)) {
		HTMLF(&h, "<p><a class=\"button\" href=\"/arenas/%lld/proposals/new\">", (long long)a.id);
		html_msg(&h, MSG_PROPOSAL_NEW);
		HTML(&h, "</a></p>\n");
	} else if (a.status == ARENA_OPEN) {
		HTML(&h, "<p class=\"hint\">");
		html_msg(&h, r->user_id ? MSG_PROPOSAL_NOT_PHASE : MSG_PROPOSAL_SIGN_IN);
		HTML(&h, "</p>\n");
	}
	rc = questions_section(&h, r, &a, qs, nq);
	if (rc != MODEL_OK) {
		buf_reset(&r->out);
		return req_status(r, model_status(rc));
	}
	if (web_can(r, PERM_MODERATE, a.id)) {
		HTMLF(&h, "<p><a href=\"/arenas/%lld/proposals/moderate\">", (long long)a.id);
		html_msg(&h, MSG_COMMENT_MODERATE);
		HTML(&h, "</a></p>\n");
	}
	filter_form(&h, r, &a, qs, nq);
	HTML(&h, "<p class=\"count\" role=\"status\">");
	count_line(&h, MSG_PROPOSALS_COUNT, p.total);
	HTML(&h, "</p>\n");
	if (n)
		HTML(&h, "<ul class=\"rows proposals\">");
	for (size_t i = 0; i < n; i++) {
		const struct proposal *x = &items[i];
		HTML(&h, "<li");
		html_lang_attr(&h, x->lang);
		HTMLF(&h, "><h2 class=\"h3\"><a href=\"%s\">%s</a></h2><p class=\"meta\">", web_proposal_path(r, x, ""),
		      x->title);
		status_tag(&h, x);
		HTML(&h, " · ");
		count_line(&h, MSG_PROPOSAL_SUPPORTS, x->supports);
		HTML(&h, " · ");
		count_line(&h, MSG_PROPOSAL_COMMENTS, x->comments);
		HTML(&h, " · ");
		html_msg(&h, MSG_PROPOSAL_UPDATED);
		HTML(&h, " ");
		when_datetime(&h, x->updated_at);
		HTML(&h, "</p>");
		if (x->question)
			HTMLF(&h, "<p class=\"meta\">%s %s</p>", msg_get(r->lang, MSG_PROPOSAL_ANSWERS_QUESTION), x->question);
		HTML(&h, "</li>");
	}
	if (n)
		HTML(&h, "</ul>\n");
	widget_paging(&h, r, &p);
	layout_end(&h, r);
	pagecache_put(r, version, 200);
	return 200;
}

static const struct field new_fields[] = {
	{ "title", MSG_PROPOSAL_TITLE_FIELD, FIELD_TEXT, NULL, "off", MSG_PROPOSAL_TITLE_HINT, 1, PROPOSAL_TITLE_MAX },
	{ "text", MSG_PROPOSAL_TEXT, FIELD_TEXTAREA, NULL, NULL, MSG_PROPOSAL_TEXT_HINT, 0, 0 },
	{ "question", MSG_PROPOSAL_QUESTION, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
	{ "new_question", MSG_PROPOSAL_NEW_QUESTION, FIELD_TEXT, NULL, "off", MSG_PROPOSAL_NEW_QUESTION_HINT, 0,
	  QUESTION_MAX },
};
enum { NF_TITLE, NF_TEXT, NF_QUESTION, NF_NEW_QUESTION, NF__MAX };
_Static_assert(sizeof new_fields / sizeof new_fields[0] == NF__MAX, "a row per field");

static int new_page(struct req *r, const struct arena *a, int status, const struct field_errors *errs)
{
	struct question *qs;
	size_t nq = 0;
	enum model_rc rc = question_list(r->db, r->region, a->id, &qs, &nq);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	int facilitator = web_can(r, PERM_FACILITATE, a->id);
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_PROPOSAL_NEW), NAV_ARENAS);
	web_proposal_crumbs(&h, r, a, NULL);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_PROPOSAL_NEW);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_PROPOSAL_NEW_INTRO);
	HTML(&h, "</p>\n");
	widget_errors(&h, errs, new_fields, NF__MAX);
	widget_form_begin(&h, r, region_printf(r->region, "/arenas/%lld/proposals/new", (long long)a->id));
	struct field f = new_fields[NF_TITLE];
	f.value = req_form(r, "title");
	f.required = !facilitator;
	widget_field(&h, &f, errs);
	if (nq) {
		struct option *o = region_calloc(r->region, nq + 1, sizeof *o);
		o[0] = (struct option){ "", msg_get(r->lang, MSG_PROPOSAL_NO_QUESTION) };
		for (size_t i = 0; i < nq; i++)
			o[i + 1] = (struct option){ region_printf(r->region, "%lld", (long long)qs[i].id), qs[i].text };
		const char *chosen = req_form(r, "question") ? req_form(r, "question") : req_query(r, "question");
		widget_select(&h, "question", MSG_PROPOSAL_QUESTION, o, nq + 1, chosen, errs);
	}
	if (facilitator) {
		f = new_fields[NF_NEW_QUESTION];
		f.value = req_form(r, "new_question");
		widget_field(&h, &f, errs);
	}
	f = new_fields[NF_TEXT];
	f.value = req_form(r, "text");
	widget_field(&h, &f, errs);
	widget_form_end(&h, MSG_PROPOSAL_START);
	layout_end(&h, r);
	return status;
}

/* The arena r->params[0], where the reader may start a proposal now: 0,
 * or the status to answer (404, 503; 409 the arena is closed or not in
 * its proposal phase). */
static int load_startable(struct req *r, struct arena *a)
{
	enum model_rc rc = arena_brief(r->db, r->region, r->params[0], a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if (!may_start(r, a))
		return req_fail(r, 409, a->status == ARENA_OPEN ? MSG_PROPOSAL_NOT_PHASE : MSG_PROPOSAL_ARENA_CLOSED);
	return 0;
}

/* GET /arenas/{id}/proposals/new: 200; 404; 409 the arena is closed or
 * not in its proposal phase. */
int web_proposal_new(struct req *r)
{
	struct arena a;
	int status = load_startable(r, &a);
	return status ? status : new_page(r, &a, 200, NULL);
}

struct create {
	const struct arena *arena;
	struct field_errors errs;
	int64_t id;
};

static enum model_rc create_tx(struct req *r, void *arg)
{
	struct create *c = arg;
	const char *title = req_form(r, "title"), *question = req_form(r, "question");
	const char *new_question = req_form(r, "new_question");
	int64_t question_id = 0;
	if (question && *question) {
		question_id = route_id(question);
		if (question_id < 0) {
			field_error_add(&c->errs, "question", MSG_FORM_CHOOSE_ONE);
			return MODEL_INVALID;
		}
	}
	if (!text_blank(new_question)) {
		if (!web_can(r, PERM_FACILITATE, c->arena->id))
			return MODEL_INVALID;
		enum model_rc rc = question_create(r->db, c->arena->id, new_question, r->user_id, &question_id, &c->errs);
		if (rc != MODEL_OK)
			return rc;
		/* A proposal that is only a question: its title is the question. */
		if (text_blank(title))
			title = new_question;
	}
	enum model_rc rc = proposal_create(r->db, c->arena->id, question_id, title ? title : "", req_form(r, "text"),
					   r->lang->code, r->user_id, &c->id, &c->errs);
	/* Its first writer follows it (taking part). */
	return rc == MODEL_OK ? follow_taking_part(r->db, r->user_id, FOLLOW_PROPOSAL, c->id) : rc;
}

/* POST /arenas/{id}/proposals/new (title, text, question, new_question):
 * 303 to the new proposal; 400 no title, too long, an unknown question
 * (the form again, what was typed kept); 404; 409 not the time; 429 too
 * many from one account. */
int web_proposal_create(struct req *r)
{
	struct arena a;
	int status = load_startable(r, &a);
	if (status || (status = web_proposal_rate(r, "proposal", STARTS_PER_HOUR)) != 0)
		return status;
	struct create c = { .arena = &a, .errs = { .n = 0 } };
	enum model_rc rc = web_tx(r, create_tx, &c);
	if (rc == MODEL_INVALID)
		return c.errs.n ? new_page(r, &a, 400, &c.errs) : req_fail(r, 403, MSG_ERROR_FORBIDDEN);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/arenas/%lld/proposals/%lld", (long long)a.id,
						  (long long)c.id),
				 DONE_PROPOSAL_STARTED);
}

/* The organisations the reader represents (for supporting on their behalf). */
static enum model_rc represented(struct req *r, struct role_grant **orgs, size_t *n)
{
	*n = 0;
	if (r->user_id <= 0)
		return MODEL_OK;
	struct role_grant *grants;
	size_t ng;
	enum model_rc rc = role_list(r->db, r->region, r->user_id, &grants, &ng);
	if (rc != MODEL_OK)
		return rc;
	*orgs = region_calloc(r->region, ng + 1, sizeof **orgs);
	for (size_t i = 0; i < ng; i++)
		if (grants[i].role == ROLE_REPRESENTATIVE && grants[i].scope == SCOPE_ORGANISATION)
			(*orgs)[(*n)++] = grants[i];
	return MODEL_OK;
}

static int may_support(const struct proposal *p)
{
	return p->status == PROPOSAL_DRAFTING || p->status == PROPOSAL_SUBMITTED ||
	       p->status == PROPOSAL_CONSIDERING;
}

static void support_button(struct html *h, struct req *r, const struct proposal *p, int64_t org, int given,
			   const char *org_name)
{
	widget_form_begin(h, r, web_proposal_path(r, p, "/support"));
	HTMLF(h, "<input type=\"hidden\" name=\"action\" value=\"%s\">", given ? "withdraw" : "support");
	if (org)
		HTMLF(h, "<input type=\"hidden\" name=\"organisation\" value=\"%lld\">", (long long)org);
	HTMLF(h, "<button type=\"submit\"%s>", given ? " class=\"secondary\"" : "");
	if (org) {
		const char *args[] = { org_name };
		html_msgv(h, given ? MSG_SUPPORT_WITHDRAW_FOR : MSG_SUPPORT_FOR, args, 1);
	} else {
		html_msg(h, given ? MSG_SUPPORT_WITHDRAW : MSG_SUPPORT_GIVE);
	}
	HTML(h, "</button></form>");
}

/* The start of a table of support counts: caption, the column that names
 * the row, people, organisations. */
static void support_table(struct html *h, struct req *r, enum msg caption, enum msg first)
{
	HTML(h, "<div class=\"table\"><table><caption>");
	html_msg(h, caption);
	HTMLF(h, "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		 "</tr></thead><tbody>",
	      msg_get(r->lang, first), msg_get(r->lang, MSG_SUPPORT_PEOPLE), msg_get(r->lang, MSG_SUPPORT_ORGANISATIONS));
}

/* Counts by sector and by area, the organisations, and the buttons. */
static enum model_rc support_section(struct html *h, struct req *r, const struct proposal *p)
{
	struct support_sectors s;
	struct support_area *areas;
	struct support_organisation *orgs;
	struct role_grant *mine = NULL;
	size_t nareas = 0, norgs = 0, nmine = 0;
	int given = 0;
	enum model_rc rc = support_by_sector(r->db, p->id, &s);
	if (rc == MODEL_OK)
		rc = support_by_area(r->db, r->region, p->id, &areas, &nareas);
	if (rc == MODEL_OK)
		rc = support_organisations(r->db, r->region, p->id, &orgs, &norgs);
	if (rc == MODEL_OK && r->user_id > 0)
		rc = support_given(r->db, p->id, r->user_id, 0, &given);
	if (rc == MODEL_OK)
		rc = represented(r, &mine, &nmine);
	if (rc != MODEL_OK)
		return rc;
	HTML(h, "<section aria-labelledby=\"support\" class=\"support\"><h2 id=\"support\">");
	html_msg(h, MSG_SUPPORT_TITLE);
	HTML(h, "</h2><p class=\"support-total\">");
	count_line(h, MSG_PROPOSAL_SUPPORTS, p->supports);
	HTML(h, "</p>");
	if (p->supports > 0) {
		HTML(h, "<div class=\"support-tables\">");
		support_table(h, r, MSG_SUPPORT_BY_SECTOR, MSG_SUPPORT_SECTOR);
		for (int k = 0; k < SECTOR__MAX; k++)
			HTMLF(h, "<tr><th scope=\"row\">%s</th><td>%lld</td><td>%lld</td></tr>",
			      msg_get(r->lang, sector_msg((enum sector)k)), (long long)s.people[k],
			      (long long)s.organisations[k]);
		HTML(h, "</tbody></table></div>");
		support_table(h, r, MSG_SUPPORT_BY_AREA, MSG_ORGANISATION_AREA);
		for (size_t i = 0; i < nareas; i++)
			HTMLF(h, "<tr><th scope=\"row\">%s</th><td>%lld</td><td>%lld</td></tr>",
			      areas[i].name ? areas[i].name : msg_get(r->lang, MSG_SUPPORT_NO_AREA),
			      (long long)areas[i].people, (long long)areas[i].organisations);
		HTML(h, "</tbody></table></div></div>");
	}
	if (norgs) {
		HTML(h, "<h3>");
		html_msg(h, MSG_SUPPORT_ORGANISATIONS_LIST);
		HTML(h, "</h3><ul class=\"support-orgs\">");
		for (size_t i = 0; i < norgs; i++)
			HTMLF(h, "<li><a href=\"/organisations/%lld\">%s</a> <span class=\"tag\">%s</span></li>",
			      (long long)orgs[i].organisation_id, orgs[i].name,
			      msg_get(r->lang, sector_msg(orgs[i].sector)));
		HTML(h, "</ul>");
	}
	if (!may_support(p)) {
		HTML(h, "<p class=\"hint\">");
		html_msg(h, MSG_SUPPORT_CLOSED);
		HTML(h, "</p>");
	} else if (r->user_id <= 0) {
		HTMLF(h, "<p><a href=\"/login?next=%s\">", web_proposal_path(r, p, "%23support"));
		html_msg(h, MSG_SUPPORT_SIGN_IN);
		HTML(h, "</a></p>");
	} else {
		HTML(h, "<div class=\"support-actions\">");
		support_button(h, r, p, 0, given, NULL);
		for (size_t i = 0; i < nmine; i++) {
			int org_given = 0;
			for (size_t k = 0; k < norgs; k++)
				org_given |= orgs[k].organisation_id == mine[i].scope_id;
			support_button(h, r, p, mine[i].scope_id, org_given, mine[i].scope_name);
		}
		HTML(h, "</div>");
	}
	HTML(h, "</section>\n");
	return MODEL_OK;
}

/* How the text came to be: versions and who wrote them (printed too). */
static enum model_rc authors_section(struct html *h, struct req *r, const struct proposal *p)
{
	struct proposal_author *authors;
	size_t n = 0;
	enum model_rc rc = proposal_authors(r->db, r->region, p->id, &authors, &n);
	if (rc != MODEL_OK)
		return rc;
	char versions[24], people[24];
	snprintf(versions, sizeof versions, "%lld", (long long)p->head);
	snprintf(people, sizeof people, "%zu", n);
	const char *args[] = { versions, people };
	HTML(h, "<section aria-labelledby=\"written\" class=\"written\"><h2 id=\"written\">");
	html_msg(h, MSG_PROPOSAL_WRITTEN);
	HTML(h, "</h2><p>");
	html_msgv(h, MSG_PROPOSAL_WRITTEN_BY, args, 2);
	HTML(h, "</p><ul class=\"authors\">");
	for (size_t i = 0; i < n; i++) {
		HTMLF(h, "<li>%s (", authors[i].name ? authors[i].name : msg_get(r->lang, MSG_DELETED_USER));
		count_line(h, MSG_PROPOSAL_VERSIONS, authors[i].revisions);
		HTML(h, ")</li>");
	}
	HTMLF(h, "</ul><p><a href=\"%s\">", web_proposal_path(r, p, "/history"));
	html_msg(h, MSG_REVISION_HISTORY);
	HTML(h, "</a></p></section>\n");
	return MODEL_OK;
}

/* The other proposals that answer the same question, for comparison. */
static enum model_rc alternatives(struct req *r, const struct proposal *p, struct proposal **items, size_t *n)
{
	*n = 0;
	if (p->question_id == 0)
		return MODEL_OK;
	struct proposal_filter f = { p->arena_id, p->question_id, -1, PROPOSAL_SORT_SUPPORT };
	struct paging pg = { 1, QUESTION_PROPOSALS, 0 };
	return proposal_list(r->db, r->region, &f, &pg, items, n);
}

static void tools(struct html *h, struct req *r, const struct arena *a, const struct proposal *p,
		  int64_t pending, const struct proposal *alts, size_t nalts)
{
	HTML(h, "<nav class=\"tools-bar\" aria-label=\"");
	html_msg(h, MSG_PROPOSAL_TOOLS);
	HTML(h, "\"><ul>");
	if (web_proposal_writable(r, a, p)) {
		HTMLF(h, "<li><a href=\"%s\">", web_proposal_path(r, p, "/edit"));
		html_msg(h, MSG_PROPOSAL_EDIT);
		HTML(h, "</a></li>");
	}
	HTMLF(h, "<li><a href=\"%s\">", web_proposal_path(r, p, "/history"));
	count_line(h, MSG_PROPOSAL_HISTORY_LINK, p->head);
	HTMLF(h, "</a></li><li><a href=\"%s\">", web_proposal_path(r, p, "/amendments"));
	html_count(h, MSGN_PROPOSAL_AMENDMENTS_LINK, pending);
	HTML(h, "</a></li>");
	if (nalts > 1) {
		HTMLF(h, "<li><a href=\"/arenas/%lld/proposals/compare?ids=%lld", (long long)a->id, (long long)p->id);
		for (size_t i = 0, shown = 1; i < nalts && shown < COMPARE_MAX; i++)
			if (alts[i].id != p->id) {
				HTMLF(h, ",%lld", (long long)alts[i].id);
				shown++;
			}
		HTML(h, "\">");
		html_msg(h, MSG_PROPOSAL_COMPARE);
		HTML(h, "</a></li>");
	}
	HTMLF(h, "<li><a href=\"%s\" type=\"application/atom+xml\">", web_proposal_path(r, p, "/timeline.atom"));
	html_msg(h, MSG_STEP_FEED);
	HTML(h, "</a></li></ul></nav>\n");
}

/* The proposal's page; errs for the comment form. */
static int proposal_page(struct req *r, int status, const struct field_errors *errs)
{
	struct arena a;
	struct proposal p, *alts = NULL;
	struct revision head;
	int64_t pending = 0;
	size_t nalts = 0;
	int following = 0;
	enum model_rc rc = web_proposal_load(r, &a, &p);
	if (rc == MODEL_OK && r->user_id > 0)
		rc = follow_get(r->db, r->user_id, FOLLOW_PROPOSAL, p.id, &following);
	if (rc == MODEL_OK)
		rc = revision_get(r->db, r->region, p.id, p.head, &head);
	if (rc == MODEL_OK)
		rc = amendment_pending(r->db, p.id, &pending);
	if (rc == MODEL_OK)
		rc = alternatives(r, &p, &alts, &nalts);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *feed = web_proposal_path(r, &p, "/timeline.atom");
	const struct layout_alternate alt = { "application/atom+xml", feed, msg_get(r->lang, MSG_STEP_FEED) };
	struct html h = web_html(r);
	const struct layout_page page = { .title = p.title, .nav = NAV_ARENAS, .description_md = head.text,
					  .content_lang = p.lang, .alternates = &alt, .nalternates = 1 };
	layout_open(&h, r, &page);
	web_proposal_crumbs(&h, r, &a, NULL);
	HTML(&h, "<article class=\"proposal\"");
	html_lang_attr(&h, p.lang);
	HTMLF(&h, "><h1>%s</h1>\n<p class=\"meta\">", p.title);
	status_tag(&h, &p);
	HTML(&h, " · ");
	html_msg(&h, MSG_PROPOSAL_UPDATED);
	HTML(&h, " ");
	when_datetime(&h, p.updated_at);
	HTML(&h, " · ");
	count_line(&h, MSG_PROPOSAL_VERSION, p.head);
	HTML(&h, "</p>\n");
	if (p.question)
		HTMLF(&h, "<p class=\"question\"><strong>%s</strong> %s</p>\n",
		      msg_get(r->lang, MSG_PROPOSAL_ANSWERS_QUESTION), p.question);
	tools(&h, r, &a, &p, pending, alts, nalts);
	web_follow_button(&h, r, FOLLOW_PROPOSAL, p.id, following);
	if (p.frozen) {
		char n[24];
		snprintf(n, sizeof n, "%lld", (long long)p.frozen);
		const char *args[] = { n };
		HTML(&h, "<p class=\"notice frozen\">");
		html_msgv(&h, MSG_PROPOSAL_FROZEN_AT, args, 1);
		HTMLF(&h, " <a href=\"%s\">", web_proposal_path(r, &p, region_printf(r->region, "/revisions/%lld",
										       (long long)p.frozen)));
		html_msg(&h, MSG_PROPOSAL_SEE_FROZEN);
		HTML(&h, "</a></p>\n");
	}
	HTML(&h, "<div class=\"proposal-text\">");
	if (text_blank(head.text)) {
		HTML(&h, "<p class=\"blank\">");
		html_msg(&h, web_proposal_writable(r, &a, &p) ? MSG_PROPOSAL_BLANK_WRITE : MSG_PROPOSAL_BLANK);
		HTML(&h, "</p>");
	} else {
		markdown_render(&h, head.text);
	}
	HTML(&h, "</div>\n</article>\n");
	if ((rc = authors_section(&h, r, &p)) == MODEL_OK && (rc = support_section(&h, r, &p)) == MODEL_OK &&
	    (rc = web_step_section(&h, r, &a, &p)) == MODEL_OK)
		rc = web_comment_section(&h, r, &a, &p, errs);
	if (rc != MODEL_OK) {
		buf_reset(&r->out);
		return req_status(r, model_status(rc));
	}
	layout_end(&h, r);
	return status;
}

/* GET /arenas/{id}/proposals/{proposal}?page=: 200 (kept for readers
 * who are not signed in, until the arena's proposals change); 400 a bad
 * page; 404 (also a proposal of another arena); 503. */
int web_proposal_show(struct req *r)
{
	int64_t page, version;
	if (query_int(r, "page", 1, 1, 1000000, &page) != 0)
		return 400;
	enum model_rc rc;
	if (kept(r, &version, &rc))
		return 200;
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	int status = proposal_page(r, 200, NULL);
	pagecache_put(r, version, status);
	return status;
}

int web_proposal_page_with_errors(struct req *r, const struct field_errors *errs)
{
	return proposal_page(r, 400, errs);
}

struct support_change {
	const struct proposal *p;
	int withdraw;
	int64_t organisation;
};

static enum model_rc support_tx(struct req *r, void *arg)
{
	struct support_change *s = arg;
	if (s->withdraw)
		return support_withdraw(r->db, s->p->id, r->user_id, s->organisation);
	enum model_rc rc = support_add(r->db, s->p->id, r->user_id, s->organisation);
	/* Supporting follows the proposal (taking part). */
	return rc == MODEL_OK ? follow_taking_part(r->db, r->user_id, FOLLOW_PROPOSAL, s->p->id) : rc;
}

/* POST /arenas/{id}/proposals/{proposal}/support (action support|withdraw,
 * organisation: give it on the organisation's behalf): 303 back; 400 no
 * such action or organisation; 403 not the organisation's
 * representative; 404; 409 given already, nothing to withdraw, or the
 * proposal is decided. */
int web_proposal_support(struct req *r)
{
	const char *action = req_form(r, "action"), *org = req_form(r, "organisation");
	int withdraw = action && strcmp(action, "withdraw") == 0;
	if (!withdraw && !(action && strcmp(action, "support") == 0))
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	int64_t org_id = 0;
	if (org && *org) {
		org_id = route_id(org);
		if (org_id < 0)
			return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
		if (!web_can(r, PERM_REPRESENT, org_id))
			return req_fail(r, 403, MSG_SUPPORT_NOT_REPRESENTATIVE);
	}
	struct arena a;
	struct proposal p;
	enum model_rc rc = web_proposal_load(r, &a, &p);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if (!may_support(&p))
		return req_fail(r, 409, MSG_SUPPORT_CLOSED);
	struct support_change s = { &p, withdraw, org_id };
	rc = web_tx(r, support_tx, &s);
	if (rc == MODEL_CONFLICT)
		return req_fail(r, 409, MSG_SUPPORT_ALREADY);
	if (rc == MODEL_NOT_FOUND)
		return withdraw ? req_fail(r, 409, MSG_SUPPORT_NONE) : req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, web_proposal_path(r, &p, "#support"), withdraw ? DONE_SUPPORT_WITHDRAWN : DONE_SUPPORT_GIVEN);
}

/* The ids of ?ids=1,2,3 (also repeated ?ids=); -1 for a bad one. */
static int compare_ids(struct req *r, int64_t *ids, size_t *n)
{
	*n = 0;
	for (size_t i = 0; i < r->query.n; i++) {
		if (strcmp(r->query.items[i].key, "ids") != 0)
			continue;
		for (const char *s = r->query.items[i].value; *s;) {
			size_t len = strcspn(s, ",");
			const char *end = s + len;
			int64_t v = len < 20 ? route_id(region_strndup(r->region, s, len)) : -1;
			if (v < 0)
				return -1;
			int seen = 0;
			for (size_t k = 0; k < *n; k++)
				seen |= ids[k] == v;
			if (!seen) {
				if (*n == COMPARE_MAX)
					return -1;
				ids[(*n)++] = v;
			}
			s = *end ? end + 1 : end;
		}
	}
	return *n >= 1 ? 0 : -1;
}

struct compared {
	struct proposal p;
	struct revision head;
	struct support_sectors s;
	struct support_area *areas;
	size_t nareas;
};

/* GET /arenas/{id}/proposals/compare?ids=1,2: 200 the proposals side by
 * side with their support overall, by sector and by area; 400 no ids,
 * a bad one or more than four; 404 one that is not of this arena; 503. */
int web_proposal_compare(struct req *r)
{
	int64_t ids[COMPARE_MAX];
	size_t n;
	if (compare_ids(r, ids, &n) != 0)
		return req_fail(r, 400, MSG_PROPOSAL_COMPARE_IDS);
	struct arena a;
	struct compared c[COMPARE_MAX];
	enum model_rc rc = arena_brief(r->db, r->region, r->params[0], &a);
	for (size_t i = 0; rc == MODEL_OK && i < n; i++) {
		rc = proposal_get(r->db, r->region, ids[i], &c[i].p);
		if (rc == MODEL_OK && c[i].p.arena_id != a.id)
			rc = MODEL_NOT_FOUND;
		if (rc == MODEL_OK)
			rc = revision_get(r->db, r->region, c[i].p.id, c[i].p.head, &c[i].head);
		if (rc == MODEL_OK)
			rc = support_by_sector(r->db, c[i].p.id, &c[i].s);
		if (rc == MODEL_OK)
			rc = support_by_area(r->db, r->region, c[i].p.id, &c[i].areas, &c[i].nareas);
	}
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	/* Every area any of them has support from, once. */
	struct support_area *areas = region_calloc(r->region, 1, sizeof *areas);
	size_t nareas = 0, cap = 1;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < c[i].nareas; k++) {
			size_t j = 0;
			while (j < nareas && areas[j].area_id != c[i].areas[k].area_id)
				j++;
			if (j < nareas)
				continue;
			if (nareas == cap) {
				struct support_area *bigger = region_calloc(r->region, 2 * cap, sizeof *bigger);
				memcpy(bigger, areas, nareas * sizeof *areas);
				areas = bigger;
				cap *= 2;
			}
			areas[nareas++] = c[i].areas[k];
		}
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_PROPOSAL_COMPARE_TITLE), NAV_ARENAS);
	web_proposal_crumbs(&h, r, &a, NULL);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_PROPOSAL_COMPARE_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_PROPOSAL_COMPARE_INTRO);
	HTML(&h, "</p>\n");
	if (n && c[0].p.question)
		HTMLF(&h, "<p class=\"question\"><strong>%s</strong> %s</p>\n",
		      msg_get(r->lang, MSG_PROPOSAL_ANSWERS_QUESTION), c[0].p.question);
	HTML(&h, "<div class=\"table\"><table class=\"compare\"><caption>");
	html_msg(&h, MSG_SUPPORT_TITLE);
	HTML(&h, "</caption><thead><tr><td></td>");
	for (size_t i = 0; i < n; i++)
		HTMLF(&h, "<th scope=\"col\"><a href=\"%s\">%s</a></th>", web_proposal_path(r, &c[i].p, ""), c[i].p.title);
	HTMLF(&h, "</tr></thead><tbody><tr><th scope=\"row\">%s</th>", msg_get(r->lang, MSG_PROPOSAL_STATUS));
	for (size_t i = 0; i < n; i++) {
		HTML(&h, "<td>");
		status_tag(&h, &c[i].p);
		HTML(&h, "</td>");
	}
	HTMLF(&h, "</tr><tr><th scope=\"row\">%s</th>", msg_get(r->lang, MSG_SUPPORT_TOTAL));
	for (size_t i = 0; i < n; i++)
		HTMLF(&h, "<td><strong>%lld</strong></td>", (long long)c[i].p.supports);
	HTML(&h, "</tr>");
	for (int k = 0; k < SECTOR__MAX; k++) {
		HTMLF(&h, "<tr><th scope=\"row\">%s</th>", msg_get(r->lang, sector_msg((enum sector)k)));
		for (size_t i = 0; i < n; i++) {
			const char *args[] = { web_count(r, MSGN_COUNT_PEOPLE, c[i].s.people[k]),
					       web_count(r, MSGN_ORGANISATIONS_COUNT, c[i].s.organisations[k]) };
			HTML(&h, "<td>");
			html_msgv(&h, MSG_SUPPORT_CELL, args, 2);
			HTML(&h, "</td>");
		}
		HTML(&h, "</tr>");
	}
	for (size_t j = 0; j < nareas; j++) {
		HTMLF(&h, "<tr><th scope=\"row\">%s</th>",
		      areas[j].name ? areas[j].name : msg_get(r->lang, MSG_SUPPORT_NO_AREA));
		for (size_t i = 0; i < n; i++) {
			int64_t people = 0, orgs = 0;
			for (size_t k = 0; k < c[i].nareas; k++)
				if (c[i].areas[k].area_id == areas[j].area_id) {
					people = c[i].areas[k].people;
					orgs = c[i].areas[k].organisations;
				}
			const char *args[] = { web_count(r, MSGN_COUNT_PEOPLE, people),
					       web_count(r, MSGN_ORGANISATIONS_COUNT, orgs) };
			HTML(&h, "<td>");
			html_msgv(&h, MSG_SUPPORT_CELL, args, 2);
			HTML(&h, "</td>");
		}
		HTML(&h, "</tr>");
	}
	HTML(&h, "</tbody></table></div>\n<div class=\"side-by-side\">");
	for (size_t i = 0; i < n; i++) {
		HTML(&h, "<article");
		html_lang_attr(&h, c[i].p.lang);
		HTMLF(&h, "><h2><a href=\"%s\">%s</a></h2>", web_proposal_path(r, &c[i].p, ""), c[i].p.title);
		if (text_blank(c[i].head.text)) {
			HTML(&h, "<p class=\"blank\">");
			html_msg(&h, MSG_PROPOSAL_BLANK);
			HTML(&h, "</p>");
		} else {
			markdown_render(&h, c[i].head.text);
		}
		HTML(&h, "</article>");
	}
	HTML(&h, "</div>\n");
	layout_end(&h, r);
	return 200;
}
