/*
 * answer.c: an answer to a welcome offer, as a conversation between its
 * host and whoever answered (the newcomer, or the coordinator who
 * answered for one). Nobody else reads it: any other reader is told
 * there is no such page. Each side's contact details are shown to the
 * other only when both have said yes (the answer, and the host's
 * acceptance); until then they write here, and a mail says that there
 * is something to read, never what.
 */
#include <stdio.h>
#include <string.h>

#include "model/text.h"
#include "web/guard.h"
#include "web/layout.h"
#include "web/locallife.h"
#include "web/mail.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

#define MESSAGES_PER_HOUR 60
#define WINDOW_HOUR 3600

/* The route's answer, for one of its two sides: 0 (*host set), or 404
 * for anyone else as for none (checked here: the route is signed-in
 * only), 503. */
static int party(struct req *r, struct answer *a, int *host)
{
	enum model_rc rc = offer_answer_get(r->db, r->region, r->params[0], a);
	if (rc == MODEL_OK && a->host_id != r->user_id && a->account_id != r->user_id)
		rc = MODEL_NOT_FOUND;
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	*host = a->host_id == r->user_id;
	return 0;
}

/* The two sides' contact details, or why they are not shown yet. */
static void contacts(struct html *h, const struct answer *a)
{
	HTML(h, "<section class=\"contact\" aria-labelledby=\"contact\"><h2 id=\"contact\">");
	html_msg(h, MSG_ANSWER_CONTACTS);
	HTML(h, "</h2>\n");
	if (a->status != ANSWER_ACCEPTED) {
		HTML(h, "<p>");
		html_msg(h, MSG_ANSWER_CONTACTS_LATER);
		HTML(h, "</p></section>\n");
		return;
	}
	HTML(h, "<dl class=\"facts\">");
	HTMLF(h, "<dt><bdi>%s</bdi></dt><dd class=\"user-text\" dir=\"auto\">", a->host_name);
	if (*a->host_contact)
		html_text(h, a->host_contact);
	else
		html_msg(h, MSG_ANSWER_NO_CONTACT);
	HTMLF(h, "</dd><dt><bdi>%s</bdi></dt><dd class=\"user-text\" dir=\"auto\">",
	      *a->for_name ? a->for_name : a->account_name);
	if (*a->answer_contact)
		html_text(h, a->answer_contact);
	else
		html_msg(h, MSG_ANSWER_NO_CONTACT);
	HTML(h, "</dd></dl></section>\n");
}

static void messages(struct html *h, const struct offer_message *m, size_t n, int64_t me)
{
	HTML(h, "<ol class=\"messages\">");
	for (size_t i = 0; i < n; i++) {
		HTMLF(h, "<li class=\"%s\"><p class=\"meta\"><bdi>", m[i].author_id == me ? "mine" : "theirs");
		if (m[i].author_name)
			html_text(h, m[i].author_name);
		else
			html_msg(h, MSG_DELETED_USER);
		HTML(h, "</bdi> · ");
		when_datetime(h, m[i].created_at);
		/* A message records no language: its direction follows its
		 * own first strong character. */
		HTML(h, "</p><p class=\"user-text\" dir=\"auto\">");
		html_text(h, m[i].body);
		HTML(h, "</p></li>");
	}
	HTML(h, "</ol>\n");
}

static int answer_page(struct req *r, int status, const struct field_errors *errs)
{
	struct answer a;
	int host;
	int st = party(r, &a, &host);
	if (st)
		return st;
	struct offer_message *m;
	size_t n;
	enum model_rc rc = offer_messages(r->db, r->region, a.id, &m, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *base = region_printf(r->region, "/answers/%lld", (long long)a.id);
	static const struct field message = { "message", MSG_ANSWER_MESSAGE, FIELD_TEXTAREA, NULL, NULL,
					      MSG__MAX, 1, MESSAGE_MAX };
	static const struct field contact = { "contact", MSG_ANSWER_CONTACT, FIELD_TEXT, NULL, NULL,
					      MSG_ANSWER_HOST_CONTACT_HINT, 0, 200 };
	req_set_header(r, "Cache-Control", "private, no-store");
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_ANSWER_CONVERSATION), NAV_LOCAL_LIFE);
	HTML(&h, "<nav class=\"crumbs\" aria-label=\"");
	html_msg(&h, MSG_NAV_BREADCRUMBS);
	HTML(&h, "\"><a href=\"/offers/mine\">");
	html_msg(&h, MSG_OFFERS_MINE);
	HTMLF(&h, "</a> / <a href=\"/offers/%lld\"", (long long)a.offer_id);
	html_lang_attr(&h, a.offer_lang);
	HTMLF(&h, ">%s</a></nav>\n", a.offer_title);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_ANSWER_CONVERSATION);
	HTML(&h, "</h1>\n<dl class=\"facts\"><dt>");
	html_msg(&h, MSG_OFFER_HOST);
	HTMLF(&h, "</dt><dd><bdi>%s</bdi></dd><dt>", a.host_name);
	html_msg(&h, MSG_ANSWER_WHO);
	HTMLF(&h, "</dt><dd><bdi>%s</bdi>", *a.for_name ? a.for_name : a.account_name);
	if (*a.for_name) {
		const char *args[] = { a.account_name, msg_get(r->lang, vocab_msg(&vocab_answer_consents, a.consent)) };
		HTML(&h, " <span class=\"meta\">");
		html_msgv(&h, MSG_ANSWER_VIA_COORDINATOR, args, 2);
		HTML(&h, "</span>");
	}
	HTML(&h, "</dd><dt>");
	html_msg(&h, MSG_ANSWER_PEOPLE);
	HTMLF(&h, "</dt><dd>%d</dd><dt>", a.people);
	html_msg(&h, MSG_ANSWER_STATUS);
	HTML(&h, "</dt><dd><strong>");
	html_msg(&h, vocab_msg(&vocab_answer_statuses, a.status));
	HTML(&h, "</strong></dd></dl>\n");
	contacts(&h, &a);

	HTML(&h, "<section aria-labelledby=\"messages\"><h2 id=\"messages\">");
	html_msg(&h, MSG_ANSWER_MESSAGES);
	HTML(&h, "</h2>\n");
	if (n)
		messages(&h, m, n, r->user_id);
	else {
		HTML(&h, "<p>");
		html_msg(&h, MSG_ANSWER_NO_MESSAGES);
		HTML(&h, "</p>\n");
	}
	int live = a.status == ANSWER_WAITING || a.status == ANSWER_ACCEPTED;
	if (live) {
		widget_errors(&h, errs, &message, 1);
		widget_form_begin(&h, r, region_printf(r->region, "%s/messages", base));
		widget_field(&h, &message, errs);
		widget_form_end(&h, MSG_ANSWER_SEND);
	}
	HTML(&h, "</section>\n");
	if (host && a.status == ANSWER_WAITING) {
		HTML(&h, "<section aria-labelledby=\"decide\"><h2 id=\"decide\">");
		html_msg(&h, MSG_ANSWER_DECIDE);
		HTML(&h, "</h2><p>");
		html_msg(&h, MSG_ANSWER_DECIDE_HINT);
		HTML(&h, "</p>");
		widget_form_begin(&h, r, region_printf(r->region, "%s/accept", base));
		widget_field(&h, &contact, errs);
		widget_form_end(&h, MSG_ANSWER_ACCEPT);
		widget_form_begin(&h, r, region_printf(r->region, "%s/decline", base));
		HTML(&h, "<div class=\"actions\"><button type=\"submit\" class=\"secondary\">");
		html_msg(&h, MSG_ANSWER_DECLINE);
		HTML(&h, "</button></div></form></section>\n");
	}
	if (!host && live) {
		widget_form_begin(&h, r, region_printf(r->region, "%s/withdraw", base));
		HTML(&h, "<div class=\"actions\"><button type=\"submit\" class=\"secondary\">");
		html_msg(&h, MSG_ANSWER_WITHDRAW);
		HTML(&h, "</button></div></form>\n");
	}
	layout_end(&h, r);
	return status;
}

/* GET /answers/{id}: 200 the conversation, for its host and whoever
 * answered; 404 for anyone else, as for none; 503. */
int web_answer_show(struct req *r)
{
	return answer_page(r, 200, NULL);
}

/* A change to an answer and the mail that tells the other side. */
struct answer_change {
	const struct answer *a;
	int host;
	const char *text;
	struct field_errors errs;
	enum model_rc (*apply)(struct req *r, struct answer_change *c);
	enum msg subject, body;
};

static enum model_rc change_tx(struct req *r, void *arg)
{
	struct answer_change *c = arg;
	enum model_rc rc = c->apply(r, c);
	if (rc != MODEL_OK)
		return rc;
	const struct answer *a = c->a;
	const char *args[] = { r->user_name, a->offer_title,
			       mail_link(r, "/answers/", region_printf(r->region, "%lld", (long long)a->id)) };
	return c->host ? mail_queue(r, a->account_id, a->account_email, a->account_lang, c->subject, c->body, args, 3)
		       : mail_queue(r, a->host_id, a->host_email, a->host_lang, c->subject, c->body, args, 3);
}

static enum model_rc apply_message(struct req *r, struct answer_change *c)
{
	return offer_message_add(r->db, c->a->id, r->user_id, c->text, &c->errs);
}

static enum model_rc apply_accept(struct req *r, struct answer_change *c)
{
	return offer_answer_accept(r->db, c->a->id, c->text, &c->errs);
}

static enum model_rc apply_decline(struct req *r, struct answer_change *c)
{
	return offer_answer_decline(r->db, c->a->id);
}

static enum model_rc apply_withdraw(struct req *r, struct answer_change *c)
{
	return offer_answer_withdraw(r->db, c->a->id);
}

/* Runs a change for the side who may make it (host 1: the host, 0: who
 * answered, -1: either): 303 to the conversation; 400 the page with the
 * form's errors; 404 not a side of it; 409 not in a state that allows
 * it (or no places left); 503. */
static int change(struct req *r, int side, enum model_rc (*apply)(struct req *, struct answer_change *),
		  enum msg subject, enum msg body)
{
	struct answer a;
	int host;
	int status = party(r, &a, &host);
	if (status)
		return status;
	if (side >= 0 && side != host)
		return req_fail(r, 403, MSG_ERROR_FORBIDDEN);
	struct answer_change *c = region_calloc(r->region, 1, sizeof *c);
	*c = (struct answer_change){ &a, host, NULL, { .n = 0 }, apply, subject, body };
	c->text = req_form(r, apply == apply_message ? "message" : "contact");
	enum model_rc rc = web_tx(r, change_tx, c);
	if (rc == MODEL_INVALID)
		return answer_page(r, 400, &c->errs);
	if (rc == MODEL_CONFLICT)
		return req_fail(r, 409, c->errs.n ? c->errs.items[0].msg : MSG_ANSWER_CHANGED);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/answers/%lld", (long long)a.id), DONE_SAVED);
}

/* POST /answers/{id}/messages (message): 303; 400 empty or too long; 404;
 * 409 the answer was declined or withdrawn; 429; 503. */
int web_answer_message(struct req *r)
{
	char who[24];
	snprintf(who, sizeof who, "%lld", (long long)r->user_id);
	int status = web_rate_limit(r, "offer-message", who, MESSAGES_PER_HOUR, WINDOW_HOUR);
	if (status)
		return status;
	struct answer a;
	int host;
	if ((status = party(r, &a, &host)) != 0)
		return status;
	if (a.status != ANSWER_WAITING && a.status != ANSWER_ACCEPTED)
		return req_fail(r, 409, MSG_ANSWER_CHANGED);
	return change(r, -1, apply_message, MSG_MAIL_OFFER_MESSAGE_SUBJECT, MSG_MAIL_OFFER_MESSAGE_BODY);
}

/* POST /answers/{id}/accept (contact): the host says yes; 303; 403 not
 * the host; 404; 409 not waiting, or too few places left; 503. */
int web_answer_accept(struct req *r)
{
	return change(r, 1, apply_accept, MSG_MAIL_OFFER_ACCEPTED_SUBJECT, MSG_MAIL_OFFER_ACCEPTED_BODY);
}

/* POST /answers/{id}/decline: the host says no; 303; 403; 404; 409; 503. */
int web_answer_decline(struct req *r)
{
	return change(r, 1, apply_decline, MSG_MAIL_OFFER_DECLINED_SUBJECT, MSG_MAIL_OFFER_DECLINED_BODY);
}

/* POST /answers/{id}/withdraw: whoever answered takes it back (freeing
 * any places); 303; 403 the host; 404; 409; 503. */
int web_answer_withdraw(struct req *r)
{
	return change(r, 0, apply_withdraw, MSG_MAIL_OFFER_WITHDRAWN_SUBJECT, MSG_MAIL_OFFER_WITHDRAWN_BODY);
}
