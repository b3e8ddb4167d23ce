/*
 * comment.c: comments on a proposal's page, two levels deep and paged in
 * thread order (a long thread stays quick and each comment has a link
 * that finds its page), replies, reports, and the moderation of the
 * arena's moderators and facilitators: hide with a reason shown in the
 * comment's place, show again, keep; one at a time on the proposal's
 * page or many at once on the moderation page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/route.h"
#include "model/comment.h"
#include "web/guard.h"
#include "web/layout.h"
#include "web/proposal.h"
#include "http/query.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

#define COMMENTS_PER_HOUR 60 /* by one account */
#define MODERATION_MAX 200

static const struct field body_field = { "body", MSG_COMMENT_WRITE, FIELD_TEXTAREA, NULL, NULL, MSG__MAX, 1,
					 COMMENT_MAX };

/* The path of a comment's link, which finds its page. */
static const char *comment_link(struct req *r, const struct proposal *p, int64_t id)
{
	return web_proposal_path(r, p, region_printf(r->region, "/comments/%lld", (long long)id));
}

static void comment_body(struct html *h, struct req *r, const struct comment *c)
{
	if (c->status == COMMENT_HIDDEN) {
		HTML(h, "<p class=\"hidden-comment\">");
		const char *args[] = { c->hidden_reason };
		html_msgv(h, MSG_COMMENT_HIDDEN, args, 1);
		HTML(h, "</p>");
	} else if (c->status == COMMENT_REMOVED) {
		HTML(h, "<p class=\"hidden-comment\">");
		html_msg(h, MSG_COMMENT_REMOVED);
		HTML(h, "</p>");
	} else {
		HTML(h, "<p class=\"comment-body\"");
		html_lang_attr(h, c->lang);
		HTMLF(h, ">%s</p>", c->body);
	}
	(void)r;
}

static void reason_form(struct html *h, struct req *r, const char *action, const char *id_prefix, int64_t id,
			const char *hidden_name, const char *hidden_value, enum msg label, enum msg submit)
{
	widget_form_begin(h, r, action);
	if (hidden_name)
		HTMLF(h, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", hidden_name, hidden_value);
	HTMLF(h, "<div class=\"field\"><label for=\"%s-%lld\">", id_prefix, (long long)id);
	html_msg(h, label);
	HTMLF(h, "</label><input type=\"text\" id=\"%s-%lld\" name=\"reason\" maxlength=\"%d\"></div>", id_prefix,
	      (long long)id, COMMENT_REASON_MAX);
	widget_form_end(h, submit);
}

static void comment_actions(struct html *h, struct req *r, const struct proposal *p, const struct comment *c,
			    int moderator)
{
	if (r->user_id <= 0)
		return;
	const char *base = comment_link(r, p, c->id);
	HTML(h, "<div class=\"comment-actions\">");
	if (c->status == COMMENT_VISIBLE && c->author_id != r->user_id) {
		HTMLF(h, "<a href=\"%s/report\">", base);
		html_msg(h, MSG_COMMENT_REPORT);
		HTML(h, "</a>");
	}
	if (moderator) {
		if (c->open_reports > 0) {
			HTML(h, "<p class=\"meta\">");
			char n[24];
			snprintf(n, sizeof n, "%lld", (long long)c->open_reports);
			const char *args[] = { n };
			html_msgv(h, MSG_COMMENT_OPEN_REPORTS, args, 1);
			HTML(h, "</p>");
		}
		if (c->status == COMMENT_HIDDEN) {
			widget_form_begin(h, r, region_printf(r->region, "%s/moderate", base));
			HTML(h, "<input type=\"hidden\" name=\"action\" value=\"show\">");
			widget_form_end(h, MSG_COMMENT_SHOW);
		} else if (c->status == COMMENT_VISIBLE) {
			HTML(h, "<details><summary>");
			html_msg(h, MSG_COMMENT_HIDE);
			HTML(h, "</summary>");
			reason_form(h, r, region_printf(r->region, "%s/moderate", base), "hide", c->id, "action", "hide",
				    MSG_COMMENT_HIDE_REASON, MSG_COMMENT_HIDE);
			HTML(h, "</details>");
		}
	}
	HTML(h, "</div>");
}

/* The form to reply in a thread, after its comments on the page. */
static void reply_form(struct html *h, struct req *r, const struct proposal *p, int64_t thread)
{
	if (r->user_id <= 0)
		return;
	HTML(h, "<details class=\"reply\"><summary>");
	html_msg(h, MSG_COMMENT_REPLY);
	HTML(h, "</summary>");
	widget_form_begin(h, r, web_proposal_path(r, p, "/comments"));
	HTMLF(h, "<input type=\"hidden\" name=\"parent\" value=\"%lld\"><div class=\"field\"><label "
		 "for=\"reply-%lld\">",
	      (long long)thread, (long long)thread);
	html_msg(h, MSG_COMMENT_YOUR_REPLY);
	HTMLF(h, "</label><textarea id=\"reply-%lld\" name=\"body\" rows=\"3\" maxlength=\"%d\"></textarea></div>",
	      (long long)thread, COMMENT_MAX);
	widget_form_end(h, MSG_COMMENT_SEND_REPLY);
	HTML(h, "</details>");
}

static void comment_item(struct html *h, struct req *r, const struct proposal *p, const struct comment *c,
			 int moderator)
{
	HTMLF(h, "<article class=\"comment\" id=\"comment-%lld\"><p class=\"meta\"><strong>%s</strong> · "
		 "<a href=\"/arenas/%lld/proposals/%lld/comments/%lld\">",
	      (long long)c->id, c->author_name ? c->author_name : msg_get(r->lang, MSG_DELETED_USER),
	      (long long)p->arena_id, (long long)p->id, (long long)c->id);
	when_datetime(h, c->created_at);
	HTML(h, "</a>");
	if (c->parent_id && c->parent_id != c->thread_id)
		HTMLF(h, " · <a href=\"%s\">%s</a>", comment_link(r, p, c->parent_id),
		      msg_get(r->lang, MSG_COMMENT_REPLY_TO));
	HTML(h, "</p>");
	comment_body(h, r, c);
	comment_actions(h, r, p, c, moderator);
	HTML(h, "</article>");
}

enum model_rc web_comment_section(struct html *h, struct req *r, const struct arena *a, const struct proposal *p,
				  const struct field_errors *errs)
{
	struct paging pg = { 1, PROPOSAL_COMMENTS_PER_PAGE, 0 };
	if (query_int(r, "page", 1, 1, 1000000, &pg.page) != 0)
		pg.page = 1;
	struct comment *items;
	size_t n = 0;
	int moderator = web_can(r, PERM_MODERATE, a->id);
	enum model_rc rc = comment_page(r->db, r->region, p->id, moderator, &pg, &items, &n);
	if (rc != MODEL_OK)
		return rc;
	HTML(h, "<section aria-labelledby=\"comments\" class=\"comments\"><h2 id=\"comments\">");
	char total[24];
	snprintf(total, sizeof total, "%lld", (long long)pg.total);
	const char *args[] = { total };
	html_msgv(h, MSG_COMMENTS_TITLE, args, 1);
	HTML(h, "</h2>");
	if (r->user_id > 0) {
		widget_errors(h, errs, &body_field, 1);
		widget_form_begin(h, r, web_proposal_path(r, p, "/comments"));
		struct field f = body_field;
		f.value = errs && !req_form(r, "parent") ? req_form(r, "body") : NULL;
		widget_field(h, &f, errs && !req_form(r, "parent") ? errs : NULL);
		widget_form_end(h, MSG_COMMENT_SEND);
	} else {
		HTMLF(h, "<p><a href=\"/login?next=%s\">", web_proposal_path(r, p, "%23comments"));
		html_msg(h, MSG_COMMENT_SIGN_IN);
		HTML(h, "</a></p>");
	}
	if (moderator) {
		HTMLF(h, "<p><a href=\"/arenas/%lld/proposals/moderate\">", (long long)a->id);
		html_msg(h, MSG_COMMENT_MODERATE);
		HTML(h, "</a></p>");
	}
	if (n)
		HTML(h, "<ol class=\"threads\">");
	int64_t thread = 0; /* the thread open on the page, 0 for none */
	int in_replies = 0;
	for (size_t i = 0; i < n; i++) {
		const struct comment *c = &items[i];
		if (c->thread_id != thread) {
			if (in_replies)
				HTML(h, "</ol>");
			if (thread) {
				reply_form(h, r, p, thread);
				HTML(h, "</li>");
			}
			in_replies = 0;
			thread = c->thread_id;
			HTML(h, "<li class=\"thread\">");
			if (c->parent_id == 0) {
				comment_item(h, r, p, c, moderator);
				continue;
			}
			/* The page begins inside a thread. */
			HTMLF(h, "<p class=\"meta\"><a href=\"%s\">%s</a></p>", comment_link(r, p, c->thread_id),
			      msg_get(r->lang, MSG_COMMENT_THREAD_BEFORE));
		}
		if (!in_replies) {
			HTML(h, "<ol class=\"replies\">");
			in_replies = 1;
		}
		HTML(h, "<li>");
		comment_item(h, r, p, c, moderator);
		HTML(h, "</li>");
	}
	if (in_replies)
		HTML(h, "</ol>");
	if (thread) {
		reply_form(h, r, p, thread);
		HTML(h, "</li>");
	}
	if (n)
		HTML(h, "</ol>");
	widget_paging(h, r, &pg);
	HTML(h, "</section>\n");
	return MODEL_OK;
}

/* The page of the proposal a comment is on, as a path with its anchor. */
static enum model_rc comment_place(struct req *r, const struct proposal *p, int64_t id, const char *notice,
				   const char **path)
{
	int64_t before;
	enum model_rc rc = comment_position(r->db, p->id, id, &before);
	if (rc != MODEL_OK)
		return rc;
	int64_t page = before / PROPOSAL_COMMENTS_PER_PAGE + 1;
	const char *query = page > 1 ? region_printf(r->region, "?page=%lld%s%s", (long long)page, notice ? "&" : "",
						     notice ? notice : "")
				     : notice ? region_printf(r->region, "?%s", notice) : "";
	*path = web_proposal_path(r, p, region_printf(r->region, "%s#comment-%lld", query, (long long)id));
	return MODEL_OK;
}

/* GET /arenas/{id}/proposals/{proposal}/comments/{comment}: 303 to the
 * page of the proposal the comment is on, at the comment; 404. */
int web_comment_link(struct req *r)
{
	struct arena a;
	struct proposal p;
	const char *path;
	enum model_rc rc = web_proposal_load(r, &a, &p);
	if (rc == MODEL_OK)
		rc = comment_place(r, &p, r->params[2], NULL, &path);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return req_redirect(r, path);
}

struct add {
	const struct proposal *p;
	int64_t parent, id;
	struct field_errors errs;
};

static enum model_rc add_tx(struct req *r, void *arg)
{
	struct add *x = arg;
	const char *body = req_form(r, "body");
	enum model_rc rc = comment_add(r->db, x->p->id, x->parent, r->user_id, body, r->lang->code, &x->id, &x->errs);
	/* Commenting follows the proposal (taking part); a reply is told to
	 * the author of the comment it answers. */
	if (rc == MODEL_OK)
		rc = follow_taking_part(r->db, r->user_id, FOLLOW_PROPOSAL, x->p->id);
	return rc == MODEL_OK && x->parent ? web_tell_reply(r, x->p, x->parent, x->id, body) : rc;
}

/* POST /arenas/{id}/proposals/{proposal}/comments (body, parent): 303 to
 * the new comment; 400 empty or too long (the page with the form
 * again), a parent that is not a comment of this proposal; 404; 429 too
 * many comments from one account. */
int web_comment_add(struct req *r)
{
	struct arena a;
	struct proposal p;
	enum model_rc rc = web_proposal_load(r, &a, &p);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *parent = req_form(r, "parent");
	struct add x = { .p = &p, .errs = { .n = 0 } };
	if (parent && *parent) {
		x.parent = route_id(parent);
		if (x.parent < 0)
			return req_fail(r, 400, MSG_COMMENT_NO_PARENT);
	}
	int status = web_proposal_rate(r, "comment", COMMENTS_PER_HOUR);
	if (status)
		return status;
	rc = web_tx(r, add_tx, &x);
	if (rc == MODEL_INVALID && field_error_get(&x.errs, "parent") != MSG__MAX)
		return req_fail(r, 400, MSG_COMMENT_NO_PARENT);
	if (rc == MODEL_INVALID)
		return x.parent ? req_fail(r, 400, field_error_get(&x.errs, "body"))
				: web_proposal_page_with_errors(r, &x.errs);
	const char *path;
	if (rc == MODEL_OK)
		rc = comment_place(r, &p, x.id, "done=comment-added", &path);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return req_redirect(r, path);
}

/* The comment {comment} of the page's proposal. */
static enum model_rc load_comment(struct req *r, struct arena *a, struct proposal *p, struct comment *c)
{
	enum model_rc rc = web_proposal_load(r, a, p);
	if (rc == MODEL_OK)
		rc = comment_get(r->db, r->region, r->params[2], c);
	if (rc == MODEL_OK && c->proposal_id != p->id)
		rc = MODEL_NOT_FOUND;
	return rc;
}

static const struct field report_field = { "reason", MSG_COMMENT_REPORT_REASON, FIELD_TEXT, NULL, "off",
					   MSG_COMMENT_REPORT_HINT, 1, COMMENT_REASON_MAX };

/* The page on which to report a comment: the comment, and why. */
static int report_page(struct req *r, int status, const struct arena *a, const struct proposal *p,
		       const struct comment *c, const struct field_errors *errs)
{
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_COMMENT_REPORT_TITLE), NAV_ARENAS);
	web_proposal_crumbs(&h, r, a, p);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_COMMENT_REPORT_TITLE);
	HTML(&h, "</h1>\n<blockquote class=\"reported\">");
	comment_body(&h, r, c);
	HTMLF(&h, "<p class=\"meta\">%s</p></blockquote>\n",
	      c->author_name ? c->author_name : msg_get(r->lang, MSG_DELETED_USER));
	widget_errors(&h, errs, &report_field, 1);
	widget_form_begin(&h, r, region_printf(r->region, "%s/report", comment_link(r, p, c->id)));
	struct field f = report_field;
	f.value = req_form(r, "reason");
	widget_field(&h, &f, errs);
	widget_form_end(&h, MSG_COMMENT_REPORT);
	HTMLF(&h, "<p><a href=\"%s\">", comment_link(r, p, c->id));
	html_msg(&h, MSG_FORM_CANCEL);
	HTML(&h, "</a></p>\n");
	layout_end(&h, r);
	return status;
}

struct report {
	const struct comment *c;
	struct field_errors errs;
};

static enum model_rc report_tx(struct req *r, void *arg)
{
	struct report *x = arg;
	return comment_report(r->db, x->c->id, r->user_id, req_form(r, "reason"), &x->errs);
}

/* GET /arenas/{id}/proposals/{proposal}/comments/{comment}/report: 200
 * the comment and the form to report it; 404. */
int web_comment_report_form(struct req *r)
{
	struct arena a;
	struct proposal p;
	struct comment c;
	enum model_rc rc = load_comment(r, &a, &p, &c);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return report_page(r, 200, &a, &p, &c, NULL);
}

/* POST /arenas/{id}/proposals/{proposal}/comments/{comment}/report
 * (reason): 303 back to the comment; 400 no reason (the form again); 404;
 * 409 reported by the reader already. */
int web_comment_report(struct req *r)
{
	struct arena a;
	struct proposal p;
	struct comment c;
	const char *path;
	enum model_rc rc = load_comment(r, &a, &p, &c);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct report x = { .c = &c, .errs = { .n = 0 } };
	rc = web_tx(r, report_tx, &x);
	if (rc == MODEL_INVALID)
		return report_page(r, 400, &a, &p, &c, &x.errs);
	if (rc == MODEL_CONFLICT)
		return req_fail(r, 409, MSG_COMMENT_REPORTED_ALREADY);
	if (rc == MODEL_OK)
		rc = comment_place(r, &p, c.id, "done=comment-reported", &path);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return req_redirect(r, path);
}

struct moderate {
	const int64_t *ids;
	size_t n;
	enum moderation_action action;
	struct field_errors errs;
};

static enum model_rc moderate_tx(struct req *r, void *arg)
{
	struct moderate *x = arg;
	enum model_rc rc = MODEL_OK;
	for (size_t i = 0; rc == MODEL_OK && i < x->n; i++)
		rc = comment_moderate(r->db, x->ids[i], x->action, req_form(r, "reason"), r->user_id, r->client,
				      &x->errs);
	return rc;
}

/* The action of a moderation form; -1 (400 set) when there is none. */
static int read_action(struct req *r, enum moderation_action *out)
{
	int act = moderation_action_parse(req_form(r, "action"));
	if (act < 0) {
		r->error = MSG_ERROR_BAD_CHOICE;
		return -1;
	}
	*out = (enum moderation_action)act;
	return 0;
}

/* POST /arenas/{id}/proposals/{proposal}/comments/{comment}/moderate
 * (action hide|show|keep, reason): 303 back to the comment; 400 no such
 * action, or hiding without a reason; 404. */
int web_comment_moderate(struct req *r)
{
	struct moderate x = { .errs = { .n = 0 } };
	if (read_action(r, &x.action) != 0)
		return 400;
	struct arena a;
	struct proposal p;
	struct comment c;
	const char *path;
	enum model_rc rc = load_comment(r, &a, &p, &c);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	x.ids = &c.id;
	x.n = 1;
	rc = web_tx(r, moderate_tx, &x);
	if (rc == MODEL_INVALID)
		return req_fail(r, 400, MSG_COMMENT_HIDE_REASON_REQUIRED);
	if (rc == MODEL_OK)
		rc = comment_place(r, &p, c.id, "done=comment-moderated", &path);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return req_redirect(r, path);
}

static void moderation_row(struct html *h, struct req *r, const struct comment *c, const struct comment_report *reports,
			   size_t nreports)
{
	const struct proposal p = { .id = c->proposal_id, .arena_id = c->arena_id };
	HTMLF(h, "<li><div class=\"check\"><input type=\"checkbox\" id=\"c-%lld\" name=\"comment\" value=\"%lld\">"
		 "<label for=\"c-%lld\">",
	      (long long)c->id, (long long)c->id, (long long)c->id);
	const char *args[] = { c->author_name ? c->author_name : msg_get(r->lang, MSG_DELETED_USER), c->proposal_title };
	html_msgv(h, MSG_COMMENT_BY_ON, args, 2);
	HTMLF(h, "</label></div><p class=\"meta\"><a href=\"%s\">", comment_link(r, &p, c->id));
	when_datetime(h, c->created_at);
	HTML(h, "</a></p>");
	if (c->status == COMMENT_HIDDEN) {
		comment_body(h, r, c);
		HTML(h, "<p class=\"comment-body\"");
		html_lang_attr(h, c->lang);
		HTMLF(h, ">%s</p>", c->body);
	} else {
		comment_body(h, r, c);
	}
	size_t shown = 0;
	for (size_t i = 0; i < nreports; i++) {
		if (reports[i].comment_id != c->id)
			continue;
		if (shown++ == 0) {
			HTML(h, "<p class=\"meta\">");
			html_msg(h, MSG_COMMENT_REPORTS);
			HTML(h, "</p><ul>");
		}
		HTMLF(h, "<li>%s</li>", reports[i].reason);
	}
	if (shown)
		HTML(h, "</ul>");
	HTML(h, "</li>");
}

/* GET /arenas/{id}/proposals/moderate: 200 the arena's reported and
 * hidden comments with a form to hide, show or keep many at once
 * (moderators and facilitators of the arena); 404; 503. */
int web_comment_moderation_page(struct req *r)
{
	struct arena a;
	struct comment *items;
	struct comment_report *reports;
	size_t n = 0, nreports = 0;
	enum model_rc rc = arena_brief(r->db, r->region, r->params[0], &a);
	if (rc == MODEL_OK)
		rc = comment_moderation(r->db, r->region, a.id, MODERATION_MAX, &items, &n);
	if (rc == MODEL_OK)
		rc = comment_open_reports(r->db, r->region, a.id, &reports, &nreports);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_COMMENT_MODERATE), NAV_ARENAS);
	web_proposal_crumbs(&h, r, &a, NULL);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_COMMENT_MODERATE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_COMMENT_MODERATE_INTRO);
	HTML(&h, "</p>\n");
	if (n == 0) {
		HTML(&h, "<p>");
		html_msg(&h, MSG_COMMENT_MODERATE_NONE);
		HTML(&h, "</p>\n");
		layout_end(&h, r);
		return 200;
	}
	widget_form_begin(&h, r, region_printf(r->region, "/arenas/%lld/proposals/moderate", (long long)a.id));
	HTML(&h, "<fieldset><legend>");
	html_msg(&h, MSG_COMMENT_CHOOSE);
	HTML(&h, "</legend><ul class=\"rows moderation\">");
	for (size_t i = 0; i < n; i++)
		moderation_row(&h, r, &items[i], reports, nreports);
	HTML(&h, "</ul></fieldset>");
	const struct option actions[] = {
		{ moderation_action_code(MODERATE_HIDE), msg_get(r->lang, MSG_COMMENT_HIDE) },
		{ moderation_action_code(MODERATE_SHOW), msg_get(r->lang, MSG_COMMENT_SHOW) },
		{ moderation_action_code(MODERATE_KEEP), msg_get(r->lang, MSG_COMMENT_KEEP) },
	};
	widget_select(&h, "action", MSG_COMMENT_ACTION, actions, sizeof actions / sizeof actions[0], NULL, NULL);
	HTMLF(&h, "<div class=\"field\"><label for=\"reason\">%s</label><p class=\"hint\" id=\"reason-hint\">%s</p>"
		  "<input type=\"text\" id=\"reason\" name=\"reason\" maxlength=\"%d\" aria-describedby=\"reason-hint\"></div>",
	      msg_get(r->lang, MSG_COMMENT_HIDE_REASON), msg_get(r->lang, MSG_COMMENT_HIDE_REASON_HINT),
	      COMMENT_REASON_MAX);
	widget_form_end(&h, MSG_COMMENT_APPLY);
	layout_end(&h, r);
	return 200;
}

/* POST /arenas/{id}/proposals/moderate (comment, repeated; action;
 * reason): 303 back; 400 none chosen, no such action, hiding without a
 * reason; 404 a comment that is not of this arena. */
int web_comment_moderation_bulk(struct req *r)
{
	struct moderate x = { .errs = { .n = 0 } };
	if (read_action(r, &x.action) != 0)
		return 400;
	int64_t *ids = region_calloc(r->region, r->form.n + 1, sizeof *ids);
	size_t n = 0;
	for (size_t i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.items[i].key, "comment") != 0)
			continue;
		int64_t id = route_id(r->form.items[i].value);
		if (id < 0)
			return req_fail(r, 400, MSG_ERROR_BAD_NUMBER);
		struct comment c;
		enum model_rc rc = comment_get(r->db, r->region, id, &c);
		if (rc == MODEL_OK && c.arena_id != r->params[0])
			rc = MODEL_NOT_FOUND;
		if (rc != MODEL_OK)
			return req_status(r, model_status(rc));
		ids[n++] = id;
	}
	if (n == 0)
		return req_fail(r, 400, MSG_COMMENT_NONE_CHOSEN);
	x.ids = ids;
	x.n = n;
	enum model_rc rc = web_tx(r, moderate_tx, &x);
	if (rc == MODEL_INVALID)
		return req_fail(r, 400, MSG_COMMENT_HIDE_REASON_REQUIRED);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/arenas/%lld/proposals/moderate", (long long)r->params[0]),
				 DONE_COMMENTS_MODERATED);
}
