/*
 * dialogue.c: an arena's dialogue, where everyone takes part, with or
 * without an account: one statement at a time to agree with, disagree
 * with or pass (chosen by Pol.is's comment priority), one's own votes to
 * change, new statements of up to 280 characters, optional facts for the
 * map's break-downs, and the moderators' page. Plain forms; assets/app.js
 * makes voting quicker where script runs (the vote answers JSON when asked
 * for it).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "http/route.h"
#include "core/secret.h"
#include "http/json.h"
#include "model/area.h"
#include "model/arena.h"
#include "model/dialogue.h"
#include "model/organisation.h"
#include "model/participant.h"
#include "web/guard.h"
#include "web/layout.h"
#include "web/site.h"
#include "web/web.h"
#include "web/widget.h"

#define PARTICIPANT_COOKIE_AGE (365L * 24 * 3600)
#define ORIGIN_GROUPS 5 /* the biggest groups sharing an address shown to facilitators */
/* A group at least this big, and this share of the voters, is pointed out. */
#define ORIGIN_NOTABLE 10
#define ORIGIN_NOTABLE_PERCENT 20
#define STATEMENTS_PER_CLIENT 30 /* an hour */

static const struct {
	const char *code;
	int value;
	enum msg label;
} choices[] = {
	{ "agree", 1, MSG_DIALOGUE_AGREE },
	{ "disagree", -1, MSG_DIALOGUE_DISAGREE },
	{ "pass", 0, MSG_DIALOGUE_PASS },
};

static enum msg choice_label(int value)
{
	for (size_t i = 0; i < sizeof choices / sizeof choices[0]; i++)
		if (choices[i].value == value)
			return choices[i].label;
	return MSG_DIALOGUE_PASS;
}

/* The network a visitor comes from, for counting: the address itself, or
 * for IPv6 its /64 (one household or office gets a whole /64); NULL when
 * the address is a proxy's that everyone shares (r->proxied). */
static const char *client_network(struct req *r)
{
	if (r->proxied)
		return NULL;
	struct in6_addr a;
	if (strchr(r->client, ':') == NULL || inet_pton(AF_INET6, r->client, &a) != 1 || IN6_IS_ADDR_V4MAPPED(&a))
		return r->client;
	memset(a.s6_addr + 8, 0, 8);
	char *text = region_alloc(r->region, INET6_ADDRSTRLEN);
	return inet_ntop(AF_INET6, &a, text, INET6_ADDRSTRLEN) ? text : r->client;
}

/* The keyed hash a new pseudonymous participant keeps of where it came
 * from: never the address, and only comparable with this site's key. */
static const char *client_origin(struct req *r)
{
	const char *net = client_network(r);
	if (net == NULL)
		return NULL;
	char *out = region_alloc(r->region, SECRET_TOKEN_LEN + 1);
	secret_site_sign("origin", net, out);
	return out;
}

enum model_rc web_participant(struct req *r, int create, int64_t *id)
{
	*id = 0;
	if (r->user_id)
		return participant_of_account(r->db, r->user_id, create, id);
	const char *token = req_cookie(r, COOKIE_PARTICIPANT);
	if (token && secret_token_valid(token)) {
		enum model_rc rc = participant_from_token(r->db, token, create, client_origin(r), id);
		return rc == MODEL_NOT_FOUND ? MODEL_OK : rc;
	}
	if (!create)
		return MODEL_OK;
	char *fresh = region_alloc(r->region, SECRET_TOKEN_LEN + 1);
	secret_token(fresh);
	enum model_rc rc = participant_from_token(r->db, fresh, 1, client_origin(r), id);
	if (rc == MODEL_OK)
		req_set_cookie(r, COOKIE_PARTICIPANT, fresh, PARTICIPANT_COOKIE_AGE, site.secure);
	return rc;
}

/* Before a vote, statement or facts that may make a new pseudonymous
 * participant: 0 to go on; 403 when the dialogue is for confirmed
 * accounts only and the reader has none; 429 when the reader's network
 * made too many new participants in the last hour (found by an
 * attacker: 200 fresh participants from one address all voted on one
 * statement). Behind a proxy that is not trusted every visitor has the
 * proxy's address: then there is no such limit. */
static int may_take_part(struct req *r, int64_t arena_id)
{
	struct dialogue_settings set;
	enum model_rc rc = dialogue_settings(r->db, arena_id, &set);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if (set.verified_only && !(r->user_id && r->user_verified))
		return req_fail(r, 403, r->user_id ? MSG_DIALOGUE_VERIFIED_ONLY_CONFIRM : MSG_DIALOGUE_VERIFIED_ONLY);
	if (r->user_id || site.participants_per_hour == 0 || client_network(r) == NULL)
		return 0;
	int64_t pid;
	if ((rc = web_participant(r, 0, &pid)) != MODEL_OK)
		return req_status(r, model_status(rc));
	if (pid)
		return 0;
	int status = web_rate_limit(r, "participant", client_network(r), site.participants_per_hour, 3600);
	if (status == 429)
		r->error = MSG_DIALOGUE_TOO_MANY_PARTICIPANTS;
	return status;
}

/* A uniform random number in [0, 1) for choosing the next statement. */
static double random_unit(void)
{
	return (double)randombytes_uniform(1u << 30) / (double)(1u << 30);
}

static const struct field text_field = { "text", MSG_DIALOGUE_NEW_STATEMENT, FIELD_TEXTAREA, NULL, NULL,
					 MSG_DIALOGUE_STATEMENT_HINT, 1, STATEMENT_MAX };

static void progress(struct html *h, size_t voted, size_t total)
{
	char a[24], b[24];
	snprintf(a, sizeof a, "%zu", total);
	snprintf(b, sizeof b, "%zu", voted);
	const char *args[] = { a, b };
	HTML(h, "<p class=\"progress\" id=\"progress\">");
	html_msgn(h, MSGN_DIALOGUE_PROGRESS, total, args, 2);
	HTML(h, "</p>");
}

static void vote_buttons(struct html *h, int chosen)
{
	HTML(h, "<div class=\"choices\">");
	for (size_t i = 0; i < sizeof choices / sizeof choices[0]; i++) {
		HTMLF(h, "<button type=\"submit\" name=\"vote\" value=\"%s\" class=\"choice choice-%s\"",
		      choices[i].code, choices[i].code);
		if (chosen == choices[i].value)
			HTML(h, " aria-pressed=\"true\"");
		HTML(h, ">");
		html_msg(h, choices[i].label);
		HTML(h, "</button>");
	}
	HTML(h, "</div>");
}

/* The statement to take a stand on, or the "all done" note. */
static void next_card(struct html *h, struct req *r, const struct arena *a, const struct statement *next)
{
	HTML(h, "<section aria-labelledby=\"next\" class=\"next-card\" id=\"card\"><h2 id=\"next\">");
	html_msg(h, MSG_DIALOGUE_NEXT);
	HTML(h, "</h2>");
	if (next == NULL) {
		HTML(h, "<p>");
		html_msg(h, MSG_DIALOGUE_ALL_DONE);
		HTMLF(h, " <a href=\"/arenas/%lld/opinion\">", (long long)a->id);
		html_msg(h, MSG_DIALOGUE_SEE_MAP);
		HTML(h, "</a></p></section>\n");
		return;
	}
	HTML(h, "<blockquote class=\"statement\" tabindex=\"-1\" id=\"statement\"");
	html_lang_attr(h, next->lang);
	HTMLF(h, "><p>%s</p></blockquote>", next->text);
	widget_form_begin(h, r, region_printf(r->region, "/arenas/%lld/dialogue/vote", (long long)a->id));
	HTMLF(h, "<input type=\"hidden\" name=\"statement\" value=\"%lld\">", (long long)next->id);
	vote_buttons(h, 2);
	HTML(h, "</form></section>\n");
}

/* The reader's votes, each with buttons to change it when can_change. */
static void my_votes(struct html *h, struct req *r, const struct arena *a, const struct statement *all,
		     size_t n, const struct dialogue_vote *mine, size_t nmine, int can_change)
{
	if (nmine == 0)
		return;
	HTML(h, "<details class=\"my-votes\"><summary>");
	html_msg(h, MSG_DIALOGUE_MY_VOTES);
	HTML(h, "</summary><ul class=\"rows\">");
	for (size_t i = 0; i < nmine; i++) {
		const struct statement *s = NULL;
		for (size_t k = 0; k < n && s == NULL; k++)
			if (all[k].id == mine[i].statement_id)
				s = &all[k];
		if (s == NULL || s->status != STATEMENT_ACCEPTED)
			continue;
		HTML(h, "<li><p");
		html_lang_attr(h, s->lang);
		HTMLF(h, ">%s</p><p class=\"meta\">", s->text);
		html_msg(h, MSG_DIALOGUE_YOUR_VOTE);
		HTML(h, " <strong>");
		html_msg(h, choice_label(mine[i].value));
		HTML(h, "</strong></p>");
		if (!can_change) {
			HTML(h, "</li>");
			continue;
		}
		widget_form_begin(h, r, region_printf(r->region, "/arenas/%lld/dialogue/vote", (long long)a->id));
		HTMLF(h, "<input type=\"hidden\" name=\"statement\" value=\"%lld\">"
			 "<input type=\"hidden\" name=\"back\" value=\"mine\">",
		      (long long)s->id);
		vote_buttons(h, mine[i].value);
		HTML(h, "</form></li>");
	}
	HTML(h, "</ul></details>\n");
}

/* The participant's facts for the map's break-downs: areas to choose
 * from, and what was chosen (area_id 0, sector -1: not said). */
static void about_form(struct html *h, struct req *r, const struct arena *a, const struct term *areas,
		       size_t nareas, int64_t area_id, int sector)
{
	HTML(h, "<details class=\"about\"><summary>");
	html_msg(h, MSG_DIALOGUE_ABOUT);
	HTML(h, "</summary><p class=\"hint\">");
	html_msg(h, MSG_DIALOGUE_ABOUT_HINT);
	HTML(h, "</p>");
	widget_form_begin(h, r, region_printf(r->region, "/arenas/%lld/dialogue/about", (long long)a->id));
	struct option *o = region_calloc(r->region, nareas + 1, sizeof *o);
	o[0] = (struct option){ "", msg_get(r->lang, MSG_DIALOGUE_NOT_SAID) };
	for (size_t i = 0; i < nareas; i++)
		o[i + 1] = (struct option){ region_printf(r->region, "%lld", (long long)areas[i].id), areas[i].name };
	widget_select(h, "area", MSG_ORGANISATION_AREA, o, nareas + 1,
		      region_printf(r->region, "%lld", (long long)area_id), NULL);
	struct option so[SECTOR__MAX + 1];
	so[0] = (struct option){ "", msg_get(r->lang, MSG_DIALOGUE_NOT_SAID) };
	for (int s = 0; s < SECTOR__MAX; s++)
		so[s + 1] = (struct option){ sector_code((enum sector)s), msg_get(r->lang, sector_msg((enum sector)s)) };
	widget_select(h, "sector", MSG_DIALOGUE_SECTOR, so, SECTOR__MAX + 1,
		      sector >= 0 ? sector_code((enum sector)sector) : "", NULL);
	widget_form_end(h, MSG_FORM_SAVE);
	HTML(h, "</details>\n");
}

static int dialogue_page(struct req *r, int status, const struct field_errors *errs)
{
	struct arena a;
	struct statement *all, next;
	struct dialogue_vote *mine = NULL;
	struct term *areas = NULL;
	size_t n = 0, nmine = 0, nareas = 0;
	int64_t pid = 0, area_id = 0;
	int sector = -1;
	struct dialogue_settings set = { MODERATION_AFTER, 0 };
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], &a);
	if (rc == MODEL_OK)
		rc = dialogue_settings(r->db, a.id, &set);
	enum moderation mode = set.moderation;
	if (rc == MODEL_OK)
		rc = statement_list(r->db, r->region, a.id, STATEMENT_ACCEPTED, &all, &n);
	if (rc == MODEL_OK)
		rc = web_participant(r, 0, &pid);
	if (rc == MODEL_OK && pid)
		rc = vote_list_mine(r->db, r->region, a.id, pid, &mine, &nmine);
	int has_next = 0;
	if (rc == MODEL_OK && a.status == ARENA_OPEN) {
		rc = dialogue_next(r->db, r->region, a.id, pid, random_unit(), &next);
		has_next = rc == MODEL_OK;
		if (rc == MODEL_NOT_FOUND)
			rc = MODEL_OK;
		if (rc == MODEL_OK)
			rc = area_list(r->db, r->region, &areas, &nareas);
		if (rc == MODEL_OK)
			rc = participant_facts(r->db, pid, &area_id, &sector);
	}
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	const char *title = region_printf(r->region, "%s: %s", msg_get(r->lang, MSG_DIALOGUE_TITLE), a.title);
	const struct layout_page page = { .title = title, .nav = NAV_ARENAS,
					  .description = msg_get(r->lang, MSG_DIALOGUE_INTRO) };
	layout_open(&h, r, &page);
	HTMLF(&h, "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/arenas\">%s</a> › "
		  "<a href=\"/arenas/%lld\">%s</a></nav>\n<h1>",
	      msg_get(r->lang, MSG_NAV_BREADCRUMBS), msg_get(r->lang, MSG_ARENAS_TITLE), (long long)a.id, a.title);
	html_msg(&h, MSG_DIALOGUE_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_DIALOGUE_INTRO);
	HTML(&h, "</p>\n");
	HTML(&h, "<div aria-live=\"polite\">");
	progress(&h, nmine, n);
	HTML(&h, "</div>");
	int can_vote = !set.verified_only || (r->user_id && r->user_verified);
	if (a.status != ARENA_OPEN) {
		HTML(&h, "<p>");
		html_msg(&h, MSG_DIALOGUE_CLOSED);
		HTML(&h, "</p>");
	} else if (!can_vote) {
		/* Only confirmed accounts take part here: the statements show,
		 * with the way in instead of the buttons. */
		HTML(&h, "<section aria-labelledby=\"next\" class=\"next-card\" id=\"card\"><h2 id=\"next\">");
		html_msg(&h, MSG_DIALOGUE_NEXT);
		HTML(&h, "</h2>");
		if (has_next) {
			HTML(&h, "<blockquote class=\"statement\" id=\"statement\"");
			html_lang_attr(&h, next.lang);
			HTMLF(&h, "><p>%s</p></blockquote>", next.text);
		}
		HTML(&h, "<p>");
		html_msg(&h, r->user_id ? MSG_DIALOGUE_VERIFIED_ONLY_CONFIRM : MSG_DIALOGUE_VERIFIED_ONLY);
		if (!r->user_id) {
			struct buf login = BUF_INIT(4096);
			buf_puts(&login, "/login?next=");
			form_encode(&login, r->target);
			HTMLF(&h, " <a href=\"%s\">%s</a>", buf_str(&login), msg_get(r->lang, MSG_SIGNIN_TITLE));
			buf_free(&login);
		}
		HTML(&h, "</p></section>\n");
	} else {
		next_card(&h, r, &a, has_next ? &next : NULL);
	}
	HTMLF(&h, "<p><a href=\"/arenas/%lld/opinion\">", (long long)a.id);
	html_msg(&h, MSG_DIALOGUE_SEE_MAP);
	HTML(&h, "</a></p>\n");
	if (a.status == ARENA_OPEN && can_vote) {
		HTML(&h, "<section aria-labelledby=\"write\"><h2 id=\"write\">");
		html_msg(&h, MSG_DIALOGUE_NEW_STATEMENT);
		HTML(&h, "</h2>");
		if (mode == MODERATION_BEFORE) {
			HTML(&h, "<p class=\"hint\">");
			html_msg(&h, MSG_DIALOGUE_MODERATED_BEFORE);
			HTML(&h, "</p>");
		}
		widget_errors(&h, errs, &text_field, 1);
		widget_form_begin(&h, r, region_printf(r->region, "/arenas/%lld/dialogue/statements", (long long)a.id));
		struct field f = text_field;
		f.value = req_form(r, "text");
		widget_field(&h, &f, errs);
		widget_form_end(&h, MSG_DIALOGUE_ADD);
		HTML(&h, "</section>\n");
		about_form(&h, r, &a, areas, nareas, area_id, sector);
	}
	my_votes(&h, r, &a, all, n, mine, nmine, a.status == ARENA_OPEN && can_vote);
	if (web_can(r, PERM_MODERATE, a.id)) {
		HTMLF(&h, "<p><a href=\"/arenas/%lld/dialogue/moderate\">", (long long)a.id);
		html_msg(&h, MSG_DIALOGUE_MODERATE);
		HTML(&h, "</a></p>\n");
	}
	layout_end(&h, r);
	return status;
}

/* GET /arenas/{id}/dialogue: 200; 404 no such arena. */
int web_dialogue(struct req *r)
{
	return dialogue_page(r, 200, NULL);
}

static int wants_json(struct req *r)
{
	const char *accept = req_header(r, "Accept");
	return accept && strstr(accept, "application/json") != NULL;
}

/* The answer to a vote made by script: the next statement and progress. */
static int vote_json(struct req *r, int64_t arena_id, int64_t pid)
{
	struct statement *all, next;
	struct dialogue_vote *mine;
	size_t n = 0, nmine = 0;
	enum model_rc rc = statement_list(r->db, r->region, arena_id, STATEMENT_ACCEPTED, &all, &n);
	if (rc == MODEL_OK)
		rc = vote_list_mine(r->db, r->region, arena_id, pid, &mine, &nmine);
	if (rc == MODEL_OK)
		rc = dialogue_next(r->db, r->region, arena_id, pid, random_unit(), &next);
	if (rc != MODEL_OK && rc != MODEL_NOT_FOUND)
		return req_status(r, model_status(rc));
	char text[24], total[24];
	snprintf(text, sizeof text, "%zu", nmine);
	snprintf(total, sizeof total, "%zu", n);
	/* Plain text: assets/app.js sets it as the progress line's text. */
	struct buf b = BUF_INIT(4096);
	const char *args[] = { total, text };
	msgn_format(&b, r->lang, MSGN_DIALOGUE_PROGRESS, n, args, 2);
	json_t *j = json_pack("{s:i,s:i,s:s,s:o}", "voted", (int)nmine, "total", (int)n, "progress", buf_str(&b),
			      "next", rc == MODEL_OK ? json_pack("{s:I,s:s,s:s}", "id", (json_int_t)next.id, "text",
								  next.text, "lang", next.lang)
						  : json_null());
	buf_free(&b);
	req_set_header(r, "Cache-Control", "no-store");
	return http_json(r, j, 200);
}

/* A vote of the reader's participant (made for a visitor without one),
 * written by web_tx; someone signed in follows the arena (taking part). */
struct vote_args {
	int64_t arena_id;
	int64_t pid; /* set */
	int64_t statement_id;
	int value;
	int64_t at_ms;
};

static enum model_rc vote_tx(struct req *r, void *arg)
{
	struct vote_args *v = arg;
	enum model_rc rc = web_participant(r, 1, &v->pid);
	if (rc == MODEL_OK)
		rc = vote_cast(r->db, v->pid, v->statement_id, v->value, v->at_ms);
	return rc == MODEL_OK ? follow_taking_part(r->db, r->user_id, FOLLOW_ARENA, v->arena_id) : rc;
}

/* POST /arenas/{id}/dialogue/vote (statement, vote agree|disagree|pass):
 * 303 back to the dialogue (or JSON with the next statement when asked
 * with Accept: application/json); 400 no such choice; 404 a statement
 * that is not in this arena or not accepted; 409 the arena is closed. */
int web_dialogue_vote(struct req *r)
{
	struct arena a;
	struct statement s;
	const char *choice = req_form(r, "vote"), *sid = req_form(r, "statement");
	int value = 2;
	for (size_t i = 0; choice && i < sizeof choices / sizeof choices[0]; i++)
		if (strcmp(choice, choices[i].code) == 0)
			value = choices[i].value;
	if (value == 2)
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	if (route_id(sid) < 0)
		return req_fail(r, 400, MSG_ERROR_BAD_NUMBER);
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], &a);
	if (rc == MODEL_OK)
		rc = statement_get(r->db, r->region, route_id(sid), &s);
	if (rc == MODEL_OK && (s.arena_id != a.id || s.status != STATEMENT_ACCEPTED))
		rc = MODEL_NOT_FOUND;
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if (a.status != ARENA_OPEN)
		return req_fail(r, 409, MSG_DIALOGUE_CLOSED);
	int status = may_take_part(r, a.id);
	if (status)
		return status;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct vote_args v = { a.id, 0, s.id, value, (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 };
	rc = web_tx(r, vote_tx, &v);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if (wants_json(r))
		return vote_json(r, a.id, v.pid);
	const char *back = req_form(r, "back");
	return req_redirect(r, region_printf(r->region, "/arenas/%lld/dialogue%s", (long long)a.id,
					     back && strcmp(back, "mine") == 0 ? "" : "#card"));
}

/* The reader's new statement (text) in an arena's dialogue, written by
 * web_tx; published at once when a facilitator writes it. Someone
 * signed in follows the arena (taking part). */
struct statement_args {
	int64_t arena_id;
	int facilitator;
	enum statement_status status;
	struct field_errors errs;
};

static enum model_rc statement_tx(struct req *r, void *arg)
{
	struct statement_args *x = arg;
	int64_t pid = 0, id;
	enum model_rc rc = web_participant(r, 1, &pid);
	if (rc == MODEL_OK)
		rc = statement_add(r->db, x->arena_id, pid, r->user_id, req_form(r, "text"), r->lang->code,
				   x->facilitator, &x->status, &id, &x->errs);
	return rc == MODEL_OK ? follow_taking_part(r->db, r->user_id, FOLLOW_ARENA, x->arena_id) : rc;
}

/* POST /arenas/{id}/dialogue/statements (text): 303 back (published, or
 * waiting for a moderator); 400 empty, too long or already said; 409
 * closed; 429 too many statements from one place; 404. */
int web_dialogue_add(struct req *r)
{
	struct arena a;
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if (a.status != ARENA_OPEN)
		return req_fail(r, 409, MSG_DIALOGUE_CLOSED);
	int status = may_take_part(r, a.id);
	if (status == 0)
		status = web_rate_limit(r, "statement", r->client, STATEMENTS_PER_CLIENT, 3600);
	if (status)
		return status;
	struct statement_args x = { a.id, web_can(r, PERM_FACILITATE, a.id), STATEMENT_PENDING, { .n = 0 } };
	rc = web_tx(r, statement_tx, &x);
	if (rc == MODEL_INVALID)
		return dialogue_page(r, 400, &x.errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/arenas/%lld/dialogue", (long long)a.id),
				 x.status == STATEMENT_ACCEPTED ? DONE_STATEMENT_ADDED : DONE_STATEMENT_PENDING);
}

/* The facts the reader's participant gives (area 0, sector -1: not
 * said), written by web_tx. */
struct facts_args {
	int64_t area_id;
	int sector;
};

static enum model_rc facts_tx(struct req *r, void *arg)
{
	const struct facts_args *f = arg;
	int64_t pid;
	enum model_rc rc = web_participant(r, 1, &pid);
	return rc == MODEL_OK ? participant_set_facts(r->db, pid, f->area_id, f->sector) : rc;
}

/* POST /arenas/{id}/dialogue/about (area, sector; both optional): 303
 * back; 400 an unknown area or sector; 404. */
int web_dialogue_about(struct req *r)
{
	struct arena a;
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *area = req_form(r, "area"), *sector = req_form(r, "sector");
	int64_t area_id = area && *area ? route_id(area) : 0;
	int s = sector && *sector ? sector_parse(sector) : -1;
	if (area_id < 0 || (sector && *sector && s < 0))
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	int status = may_take_part(r, a.id);
	if (status)
		return status;
	struct facts_args f = { area_id, s };
	rc = web_tx(r, facts_tx, &f);
	if (rc == MODEL_INVALID)
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/arenas/%lld/dialogue", (long long)a.id), DONE_ABOUT_SAVED);
}

/* A statement with its counts, and the forms to approve it or to reject
 * it with a reason (required: failed is 1 when a rejection without one
 * was just refused, shown beside the field). */
static void moderation_row(struct html *h, struct req *r, const struct arena *a, const struct statement *s,
			   int failed)
{
	HTML(h, "<li><p");
	html_lang_attr(h, s->lang);
	HTMLF(h, ">%s</p><p class=\"meta\">", s->text);
	char counts[64];
	snprintf(counts, sizeof counts, "%lld / %lld / %lld", (long long)s->agree, (long long)s->disagree,
		 (long long)s->pass);
	html_msg(h, MSG_DIALOGUE_COUNTS);
	HTMLF(h, " %s", counts);
	if (s->status == STATEMENT_REJECTED)
		HTMLF(h, " · %s: %s", msg_get(r->lang, MSG_DIALOGUE_REASON), s->reject_reason);
	HTML(h, "</p>");
	const char *action = region_printf(r->region, "/arenas/%lld/dialogue/statements/%lld/moderate",
					   (long long)a->id, (long long)s->id);
	HTML(h, "<div class=\"moderate\">");
	if (s->status != STATEMENT_ACCEPTED) {
		widget_form_begin(h, r, action);
		HTML(h, "<input type=\"hidden\" name=\"action\" value=\"accept\"><button type=\"submit\">");
		html_msg(h, MSG_DIALOGUE_ACCEPT);
		HTMLF(h, "<span class=\"visually-hidden\"> %s</span></button></form>", s->text);
	}
	if (s->status != STATEMENT_REJECTED) {
		widget_form_begin(h, r, action);
		char id[32];
		snprintf(id, sizeof id, "reason-%lld", (long long)s->id);
		HTMLF(h, "<input type=\"hidden\" name=\"action\" value=\"reject\"><div class=\"field%s\"><label for=\"%s\">",
		      failed ? " invalid" : "", id);
		html_msg(h, MSG_DIALOGUE_REASON);
		HTMLF(h, " <span class=\"optional\">(%s)</span></label>", msg_get(r->lang, MSG_FORM_REQUIRED_MARK));
		if (failed) {
			HTMLF(h, "<p class=\"error\" id=\"%s-error\">", id);
			html_msg(h, MSG_DIALOGUE_REASON_REQUIRED);
			HTML(h, "</p>");
		}
		HTMLF(h, "<input type=\"text\" id=\"%s\" name=\"reason\" maxlength=\"200\" required", id);
		if (failed)
			HTMLF(h, " aria-invalid=\"true\" aria-describedby=\"%s-error\" autofocus", id);
		HTML(h, "></div><button type=\"submit\" class=\"secondary\">");
		html_msg(h, MSG_DIALOGUE_REJECT);
		HTMLF(h, "<span class=\"visually-hidden\"> %s</span></button></form>", s->text);
	}
	HTML(h, "</div></li>");
}

/* Where the dialogue's pseudonymous voters came from: how many share one
 * network address, the biggest groups first, pointed out when one group
 * is big (many votes from one place may be one person). */
static void origins(struct html *h, const int64_t *groups, size_t n, int64_t voters)
{
	HTML(h, "<section aria-labelledby=\"origins\"><h2 id=\"origins\">");
	html_msg(h, MSG_DIALOGUE_ORIGINS);
	HTML(h, "</h2><p class=\"hint\">");
	html_msg(h, MSG_DIALOGUE_ORIGINS_HINT);
	HTML(h, "</p>");
	if (n > 0 && groups[0] >= ORIGIN_NOTABLE && groups[0] * 100 >= voters * ORIGIN_NOTABLE_PERCENT) {
		char count[24], total[24];
		snprintf(count, sizeof count, "%lld", (long long)groups[0]);
		snprintf(total, sizeof total, "%lld", (long long)voters);
		const char *args[] = { count, total };
		HTML(h, "<p class=\"notice warning\" role=\"status\">");
		html_msgv(h, MSG_DIALOGUE_ORIGINS_CLUSTER, args, 2);
		HTML(h, "</p>");
	}
	if (n == 0) {
		HTML(h, "<p>");
		html_msg(h, MSG_DIALOGUE_ORIGINS_NONE);
		HTML(h, "</p></section>\n");
		return;
	}
	HTML(h, "<ul class=\"origins\">");
	for (size_t i = 0; i < n; i++) {
		char count[24], total[24];
		snprintf(count, sizeof count, "%lld", (long long)groups[i]);
		snprintf(total, sizeof total, "%lld", (long long)voters);
		const char *args[] = { count, total };
		HTML(h, "<li>");
		html_msgv(h, MSG_DIALOGUE_ORIGINS_GROUP, args, 2);
		HTML(h, "</li>");
	}
	HTML(h, "</ul></section>\n");
}

/* The moderators' page, answered with status; failed: the statement
 * whose rejection lacked a reason (0: none). */
static int moderate_page(struct req *r, int status, int64_t failed)
{
	struct arena a;
	struct statement *items;
	int64_t *clusters = NULL, voters = 0;
	size_t n = 0, nclusters = 0;
	struct dialogue_settings set = { MODERATION_AFTER, 0 };
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], &a);
	if (rc == MODEL_OK)
		rc = dialogue_settings(r->db, a.id, &set);
	enum moderation mode = set.moderation;
	if (rc == MODEL_OK)
		rc = statement_list(r->db, r->region, a.id, -1, &items, &n);
	if (rc == MODEL_OK)
		rc = dialogue_origins(r->db, r->region, a.id, ORIGIN_GROUPS, &clusters, &nclusters, &voters);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_DIALOGUE_MODERATE), NAV_ARENAS);
	HTMLF(&h, "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/arenas/%lld/dialogue\">%s</a></nav>\n<h1>",
	      msg_get(r->lang, MSG_NAV_BREADCRUMBS), (long long)a.id, a.title);
	html_msg(&h, MSG_DIALOGUE_MODERATE);
	HTML(&h, "</h1>\n");
	if (web_can(r, PERM_FACILITATE, a.id)) {
		widget_form_begin(&h, r, region_printf(r->region, "/arenas/%lld/dialogue/settings", (long long)a.id));
		HTML(&h, "<fieldset><legend>");
		html_msg(&h, MSG_DIALOGUE_MODERATION);
		HTML(&h, "</legend>");
		HTMLF(&h, "<div class=\"check\"><input type=\"radio\" id=\"mod-after\" name=\"moderation\" value=\"after\"%s>"
			  "<label for=\"mod-after\">",
		      mode == MODERATION_AFTER ? " checked" : "");
		html_msg(&h, MSG_DIALOGUE_MODERATION_AFTER);
		HTMLF(&h, "</label></div><div class=\"check\"><input type=\"radio\" id=\"mod-before\" "
			  "name=\"moderation\" value=\"before\"%s><label for=\"mod-before\">",
		      mode == MODERATION_BEFORE ? " checked" : "");
		html_msg(&h, MSG_DIALOGUE_MODERATION_BEFORE);
		HTML(&h, "</label></div></fieldset>");
		widget_checkbox(&h, "verified", "yes", MSG_DIALOGUE_VERIFIED_SETTING, set.verified_only, NULL);
		widget_form_end(&h, MSG_FORM_SAVE);
	}
	origins(&h, clusters, nclusters, voters);
	static const struct {
		enum statement_status status;
		const char *id;
		enum msg title;
	} groups[] = { { STATEMENT_PENDING, "pending", MSG_DIALOGUE_PENDING },
		       { STATEMENT_ACCEPTED, "published", MSG_DIALOGUE_PUBLISHED },
		       { STATEMENT_REJECTED, "rejected", MSG_DIALOGUE_REJECTED } };
	for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
		HTMLF(&h, "<section aria-labelledby=\"%s\"><h2 id=\"%s\">", groups[g].id, groups[g].id);
		html_msg(&h, groups[g].title);
		HTML(&h, "</h2><ul class=\"rows\">");
		size_t shown = 0;
		for (size_t i = 0; i < n; i++)
			if (items[i].status == groups[g].status) {
				moderation_row(&h, r, &a, &items[i], items[i].id == failed);
				shown++;
			}
		HTML(&h, "</ul>");
		if (shown == 0) {
			HTML(&h, "<p>");
			html_msg(&h, MSG_DIALOGUE_NONE);
			HTML(&h, "</p>");
		}
		HTML(&h, "</section>\n");
	}
	layout_end(&h, r);
	return status;
}

/* GET /arenas/{id}/dialogue/moderate: 200 (moderators and facilitators of
 * the arena); 404. */
int web_dialogue_moderate_page(struct req *r)
{
	return moderate_page(r, 200, 0);
}

/* A moderator's decision, written by web_tx; the statement's author is
 * told (with the reason, when it is turned down). */
struct moderate_args {
	const struct statement *s;
	int accept;
	struct field_errors errs;
};

static enum model_rc moderate_tx(struct req *r, void *arg)
{
	struct moderate_args *m = arg;
	const char *reason = req_form(r, "reason");
	enum model_rc rc = statement_moderate(r->db, m->s->id, m->accept, reason, r->user_id, &m->errs);
	return rc == MODEL_OK ? web_tell_moderated(r, m->s, m->accept, reason) : rc;
}

/* POST /arenas/{id}/dialogue/statements/{statement}/moderate (action
 * accept|reject, reason): 303 back; 400 no action, or rejecting without
 * a reason (the page again, the error beside the reason); 404 a
 * statement of another arena. */
int web_dialogue_moderate(struct req *r)
{
	const char *action = req_form(r, "action");
	int accept = action && strcmp(action, "accept") == 0;
	if (!accept && !(action && strcmp(action, "reject") == 0))
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	struct statement s;
	enum model_rc rc = statement_get(r->db, r->region, r->params[1], &s);
	if (rc == MODEL_OK && s.arena_id != r->params[0])
		rc = MODEL_NOT_FOUND;
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct moderate_args m = { &s, accept, { .n = 0 } };
	rc = web_tx(r, moderate_tx, &m);
	if (rc == MODEL_INVALID)
		return moderate_page(r, 400, s.id);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/arenas/%lld/dialogue/moderate#pending", (long long)s.arena_id),
				 accept ? DONE_STATEMENT_ACCEPTED : DONE_STATEMENT_REJECTED);
}

/* POST /arenas/{id}/dialogue/settings (moderation before|after): 303 to
 * the moderation page; 400 no such setting; 404. */
int web_dialogue_settings(struct req *r)
{
	const char *m = req_form(r, "moderation");
	int before = m && strcmp(m, "before") == 0;
	if (!before && !(m && strcmp(m, "after") == 0))
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	const char *v = req_form(r, "verified");
	if (v && strcmp(v, "yes") != 0)
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	struct arena a;
	struct dialogue_settings set = { before ? MODERATION_BEFORE : MODERATION_AFTER, v != NULL };
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], &a);
	if (rc == MODEL_OK)
		rc = dialogue_set_settings(r->db, a.id, &set);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/arenas/%lld/dialogue/moderate", (long long)a.id),
				 DONE_MODERATION_SAVED);
}
