/*
 * admin.c: administration: its front page, granting and revoking roles
 * (a revocation is confirmed on a page that names whose role it is, and
 * the last administrator's is refused), and the audit log read as
 * sentences with names and links. Only administrators reach these pages
 * (the route table says so; the guard checks it). The platform's own
 * data is kept in admin_data.c, its name and looks in admin_site.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/route.h"
#include "http/query.h"
#include "model/account.h"
#include "model/area.h"
#include "model/audit.h"
#include "model/newcomer.h"
#include "model/organisation.h"
#include "model/programme.h"
#include "model/role.h"
#include "model/vocab.h"
#include "web/layout.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

static const struct field email_field = { "email", MSG_ADMIN_ACCOUNT_EMAIL, FIELD_EMAIL, NULL,
					  "off", MSG__MAX, 1, 254 };

/* The scope choices: the whole platform, each area, each organisation,
 * each guide programme, as "kind:id" values; *count of them. A model
 * code. */
static enum model_rc scope_options(struct req *r, struct option **out, size_t *count)
{
	struct term *areas;
	struct organisation *orgs;
	struct programme *programmes;
	size_t nareas = 0, norgs = 0, nprogrammes = 0;
	struct organisation_filter all = { .sector = -1 };
	struct paging p = { 1, 1000, 0 };
	enum model_rc rc = area_list(r->db, r->region, &areas, &nareas);
	if (rc == MODEL_OK)
		rc = organisation_list(r->db, r->region, &all, &p, &orgs, &norgs);
	if (rc == MODEL_OK)
		rc = programme_list(r->db, r->region, &programmes, &nprogrammes);
	if (rc != MODEL_OK)
		return rc;
	struct option *o = region_calloc(r->region, 1 + nareas + norgs + nprogrammes, sizeof *o);
	size_t n = 0;
	o[n].value = "";
	o[n++].label = msg_get(r->lang, MSG_ADMIN_SCOPE_GLOBAL);
	for (size_t i = 0; i < nareas; i++, n++) {
		o[n].value = region_printf(r->region, "area:%lld", (long long)areas[i].id);
		o[n].label = region_printf(r->region, "%s: %s", msg_get(r->lang, MSG_ORGANISATION_AREA),
					  areas[i].name);
	}
	for (size_t i = 0; i < norgs; i++, n++) {
		o[n].value = region_printf(r->region, "organisation:%lld", (long long)orgs[i].id);
		o[n].label = region_printf(r->region, "%s: %s", msg_get(r->lang, MSG_ADMIN_SCOPE_ORGANISATION),
					  orgs[i].name);
	}
	for (size_t i = 0; i < nprogrammes; i++, n++) {
		o[n].value = region_printf(r->region, "programme:%lld", (long long)programmes[i].id);
		o[n].label = region_printf(r->region, "%s: %s", msg_get(r->lang, MSG_ADMIN_SCOPE_PROGRAMME),
					  programmes[i].name);
	}
	*out = o;
	*count = n;
	return MODEL_OK;
}

static int roles_page(struct req *r, int status, const struct field_errors *errs)
{
	struct role_grant *grants;
	struct option *scopes;
	size_t n = 0, nscopes = 0;
	enum model_rc rc = role_list(r->db, r->region, 0, &grants, &n);
	if (rc == MODEL_OK)
		rc = scope_options(r, &scopes, &nscopes);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_ADMIN_ROLES_TITLE), NAV_NONE);
	web_admin_crumbs(&h);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_ADMIN_ROLES_TITLE);
	HTML(&h, "</h1>\n");
	const char *l_name = msg_get(r->lang, MSG_ACCOUNT_NAME), *l_role = msg_get(r->lang, MSG_ADMIN_ROLE),
		   *l_scope = msg_get(r->lang, MSG_ADMIN_SCOPE), *l_at = msg_get(r->lang, MSG_ADMIN_GRANTED_AT);
	HTMLF(&h, "<div class=\"table\"><table class=\"reflow\"><caption>%s</caption><thead><tr>"
		  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		  "<th scope=\"col\">%s</th><th scope=\"col\"><span class=\"visually-hidden\">%s</span></th>"
		  "</tr></thead><tbody>",
	      msg_get(r->lang, MSG_ADMIN_ROLES_CAPTION), l_name, l_role, l_scope, l_at,
	      msg_get(r->lang, MSG_ADMIN_REVOKE));
	for (size_t i = 0; i < n; i++) {
		HTMLF(&h, "<tr><td data-label=\"%s\">%s<br><span class=\"meta\">%s</span></td><td data-label=\"%s\">",
		      l_name, grants[i].account_name, grants[i].account_email, l_role);
		html_msg(&h, role_msg(grants[i].role));
		HTMLF(&h, "</td><td data-label=\"%s\">", l_scope);
		if (grants[i].scope == SCOPE_GLOBAL)
			html_msg(&h, MSG_ADMIN_SCOPE_GLOBAL);
		else if (grants[i].scope_name && *grants[i].scope_name)
			html_text(&h, grants[i].scope_name);
		else
			HTMLF(&h, "%s %lld", scope_code(grants[i].scope), (long long)grants[i].scope_id);
		HTMLF(&h, "</td><td data-label=\"%s\">", l_at);
		when_datetime(&h, grants[i].granted_at);
		/* Asked on a page of its own, which names whose role it is. */
		HTMLF(&h, "</td><td><a class=\"button secondary\" href=\"/admin/roles/%lld/revoke\">",
		      (long long)grants[i].id);
		html_msg(&h, MSG_ADMIN_REVOKE);
		HTMLF(&h, "<span class=\"visually-hidden\"> %s</span></a></td></tr>",
		      region_printf(r->region, "%s: %s", grants[i].account_name,
				    msg_get(r->lang, role_msg(grants[i].role))));
	}
	HTML(&h, "</tbody></table></div>\n<h2>");
	html_msg(&h, MSG_ADMIN_GRANT_TITLE);
	HTML(&h, "</h2>\n");
	widget_errors(&h, errs, &email_field, 1);
	widget_form_begin(&h, r, "/admin/roles");
	struct field f = email_field;
	f.value = req_form(r, "email");
	widget_field(&h, &f, errs);
	struct option roles[ROLE__MAX];
	for (int i = 0; i < ROLE__MAX; i++) {
		roles[i].value = role_code((enum role)i);
		roles[i].label = msg_get(r->lang, role_msg((enum role)i));
	}
	widget_select(&h, "role", MSG_ADMIN_ROLE, roles, ROLE__MAX, req_form(r, "role"), errs);
	widget_select(&h, "scope", MSG_ADMIN_SCOPE, scopes, nscopes, req_form(r, "scope"), errs);
	widget_form_end(&h, MSG_ADMIN_GRANT_SUBMIT);
	layout_end(&h, r);
	return status;
}

/* GET /admin/roles: 200 (administrators). */
int web_admin_roles(struct req *r)
{
	return roles_page(r, 200, NULL);
}

/* A grant with its audit record, written by web_tx. */
struct grant_args {
	int64_t account_id;
	enum role role;
	enum scope scope;
	int64_t scope_id;
	struct field_errors *errs;
};

static enum model_rc grant_tx(struct req *r, void *arg)
{
	const struct grant_args *g = arg;
	return role_grant(r->db, g->account_id, g->role, g->scope, g->scope_id, r->user_id, r->client, g->errs);
}

/* POST /admin/roles (email, role, scope "kind:id" or ""): 303 back;
 * 400 unknown account, role or scope, or a role that cannot have that
 * scope; 409 already granted. */
int web_admin_grant(struct req *r)
{
	struct field_errors errs = { .n = 0 };
	struct account a;
	enum model_rc rc = account_by_email(r->db, r->region, req_form(r, "email"), &a);
	if (rc == MODEL_NOT_FOUND)
		field_error_add(&errs, "email", MSG_ADMIN_NO_ACCOUNT);
	else if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	int role = role_parse(req_form(r, "role"));
	if (role < 0)
		field_error_add(&errs, "role", MSG_FORM_CHOOSE_ONE);
	const char *scope_text = req_form(r, "scope") ? req_form(r, "scope") : "";
	int scope = SCOPE_GLOBAL;
	int64_t scope_id = 0;
	if (*scope_text) {
		const char *colon = strchr(scope_text, ':');
		scope = colon ? scope_parse(region_strndup(r->region, scope_text, (size_t)(colon - scope_text))) : -1;
		scope_id = colon ? route_id(colon + 1) : -1;
		if (scope <= SCOPE_GLOBAL || scope_id < 0)
			field_error_add(&errs, "scope", MSG_FORM_CHOOSE_ONE);
	}
	if (errs.n)
		return roles_page(r, 400, &errs);
	struct grant_args g = { a.id, (enum role)role, (enum scope)scope, scope_id, &errs };
	rc = web_tx(r, grant_tx, &g);
	if (rc == MODEL_INVALID)
		return roles_page(r, 400, &errs);
	if (rc == MODEL_CONFLICT) {
		field_error_add(&errs, "role", MSG_ADMIN_ALREADY);
		return roles_page(r, 409, &errs);
	}
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, "/admin/roles", DONE_ROLE_GRANTED);
}

/* "Remove Frida Facilitator's role as facilitator in Lonely elderly
 * in Haarby", for the confirmation. */
static const char *revoke_sentence(struct req *r, const struct role_grant *g)
{
	struct buf out = BUF_INIT(2048);
	const char *args[] = { web_genitive(r, g->account_name), msg_get(r->lang, role_noun_msg(g->role)),
			       g->scope_name };
	int in = g->scope != SCOPE_GLOBAL && g->scope_name && *g->scope_name;
	msg_format(&out, r->lang, in ? MSG_CONFIRM_REVOKE_IN : MSG_CONFIRM_REVOKE, args, 3);
	const char *s = region_strdup(r->region, buf_str(&out));
	buf_free(&out);
	return s;
}

/* GET /admin/roles/{id}/revoke: 200 the question, naming whose role it
 * is (for the last administrator: why it cannot be done); 404. */
int web_admin_revoke_confirm(struct req *r)
{
	struct role_grant g;
	int last = 0;
	enum model_rc rc = role_get(r->db, r->region, r->params[0], &g);
	if (rc == MODEL_OK && g.role == ROLE_ADMIN && g.scope == SCOPE_GLOBAL)
		rc = role_is_last_admin(r->db, g.account_id, &last);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const struct web_confirm c = {
		.what = revoke_sentence(r, &g),
		.consequence = MSG_CONFIRM_REVOKE_CONSEQUENCE,
		.action = region_printf(r->region, "/admin/roles/%lld/revoke", (long long)g.id),
		.submit = MSG_CONFIRM_REVOKE_SUBMIT,
		.back = "/admin/roles",
		.danger = 1,
		.refuse = last,
		.refused = MSG_ADMIN_LAST_ADMIN,
	};
	return web_confirm(r, &c);
}

/* Revokes the grant whose id arg points to, with its audit record;
 * written by web_tx. */
static enum model_rc revoke_tx(struct req *r, void *arg)
{
	return role_revoke(r->db, *(const int64_t *)arg, r->user_id, r->client);
}

/* POST /admin/roles/{id}/revoke: 303 back; 404 no such grant; 409 the
 * last administrator's role (the platform keeps one). */
int web_admin_revoke(struct req *r)
{
	enum model_rc rc = web_tx(r, revoke_tx, &r->params[0]);
	if (rc == MODEL_CONFLICT)
		return req_fail(r, 409, MSG_ADMIN_LAST_ADMIN);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, "/admin/roles", DONE_ROLE_REVOKED);
}

/* One entry's parts: who did it, whose, what about, and the detail. */
static void audit_part(struct html *h, int i, void *ctx)
{
	const struct audit_entry *e = ctx;
	switch (i) {
	case 1:
		if (e->actor_name)
			html_text(h, e->actor_name);
		else
			html_msg(h, e->actor_id ? MSG_AUDIT_DELETED_ACCOUNT : MSG_ADMIN_AUDIT_SYSTEM);
		return;
	case 2:
		if (e->person_name)
			HTMLF(h, "<strong>%s</strong>", e->person_name);
		else
			html_msg(h, MSG_AUDIT_DELETED_ACCOUNT);
		return;
	case 3:
		if (e->object == AUDIT_ON_NEWCOMER) {
			/* A newcomer by number, linked while their record is kept. */
			char number[24];
			snprintf(number, sizeof number, "%lld", (long long)e->object_id);
			const char *no = number;
			if (e->object_name)
				HTMLF(h, "<a href=\"/programmes/%lld/newcomers/%lld\">", (long long)e->object_parent_id,
				      (long long)e->object_id);
			html_msgv(h, MSG_AUDIT_NEWCOMER_NO, &no, 1);
			if (e->object_name)
				HTML(h, "</a>");
			return;
		}
		if (e->object_name == NULL) {
			html_msg(h, MSG_AUDIT_DELETED_THING);
			return;
		}
		switch (e->object) {
		case AUDIT_ON_ARENA:
			HTMLF(h, "<a href=\"/arenas/%lld\">%s</a>", (long long)e->object_id, e->object_name);
			return;
		case AUDIT_ON_ACTIVITY:
			HTMLF(h, "<a href=\"/arenas/%lld/activities/%lld\">%s</a>", (long long)e->object_parent_id,
			      (long long)e->object_id, e->object_name);
			return;
		case AUDIT_ON_ORGANISATION:
			HTMLF(h, "<a href=\"/organisations/%lld\">%s</a>", (long long)e->object_id, e->object_name);
			return;
		case AUDIT_ON_AREA:
			HTMLF(h, "<a href=\"/areas/%lld\">%s</a>", (long long)e->object_id, e->object_name);
			return;
		case AUDIT_ON_PROPOSAL:
			HTMLF(h, "<a href=\"/arenas/%lld/proposals/%lld\">%s</a>", (long long)e->object_parent_id,
			      (long long)e->object_id, e->object_name);
			return;
		case AUDIT_ON_PROGRAMME:
			HTMLF(h, "<a href=\"/programmes/%lld\">%s</a>", (long long)e->object_id, e->object_name);
			return;
		case AUDIT_ON_GUIDE:
			HTMLF(h, "<a href=\"/programmes/%lld/guides\">%s</a>", (long long)e->object_parent_id,
			      e->object_name);
			return;
		case AUDIT_ON_NEWCOMER:
			break; /* above: never named */
		case AUDIT_ON_NOTHING:
		case AUDIT_OBJECT__MAX:
			break;
		}
		html_text(h, e->object_name);
		return;
	default:
		break;
	}
	/* {4}: the detail, as its kind means it. */
	int role = role_parse(e->detail), status = newcomer_status_parse(e->detail),
	    consent = vocab_parse(&vocab_consent_how, e->detail);
	if ((e->kind == AUDIT_ROLE_GRANTED || e->kind == AUDIT_ROLE_REVOKED) && role >= 0)
		html_msg(h, role_noun_msg((enum role)role));
	else if (e->kind == AUDIT_ACCOUNT_DELETED)
		html_msg(h, strcmp(e->detail, "keep") == 0 ? MSG_AUDIT_TEXTS_KEEP : MSG_AUDIT_TEXTS_REMOVE);
	else if (e->kind == AUDIT_NEWCOMER_STATUS && status >= 0)
		html_msg(h, newcomer_status_msg((enum newcomer_status)status));
	else if (e->kind == AUDIT_NEWCOMER_CREATED && consent >= 0)
		html_msg(h, vocab_msg(&vocab_consent_how, consent));
	else if (e->kind >= AUDIT_NEWCOMER_CREATED)
		html_text(h, e->detail); /* the purpose in the model's words, or what was exported */
	else
		HTMLF(h, "<strong>%s</strong>", e->detail);
}

/* The sentence of each kind: [kind][0] without what it is about, [1] with. */
static const enum msg audit_sentences[][2] = {
	[AUDIT_ROLE_GRANTED] = { MSG_AUDIT_ROLE_GRANTED, MSG_AUDIT_ROLE_GRANTED_IN },
	[AUDIT_ROLE_REVOKED] = { MSG_AUDIT_ROLE_REVOKED, MSG_AUDIT_ROLE_REVOKED_IN },
	[AUDIT_ACCOUNT_DELETED] = { MSG_AUDIT_ACCOUNT_DELETED, MSG_AUDIT_ACCOUNT_DELETED },
	[AUDIT_MY_DATA_READ] = { MSG_AUDIT_MYDATA_READ, MSG_AUDIT_MYDATA_READ },
	[AUDIT_ATTENDEES_READ] = { MSG_AUDIT_ATTENDEES_READ, MSG_AUDIT_ATTENDEES_READ },
	[AUDIT_ATTENDEES_EXPORTED] = { MSG_AUDIT_ATTENDEES_EXPORTED, MSG_AUDIT_ATTENDEES_EXPORTED },
	[AUDIT_SIGNUP_ADDED] = { MSG_AUDIT_SIGNUP_ADDED, MSG_AUDIT_SIGNUP_ADDED },
	[AUDIT_SIGNUP_CANCELLED] = { MSG_AUDIT_SIGNUP_CANCELLED, MSG_AUDIT_SIGNUP_CANCELLED },
	[AUDIT_COMMENT_HIDDEN] = { MSG_AUDIT_COMMENT_HIDDEN, MSG_AUDIT_COMMENT_HIDDEN },
	[AUDIT_COMMENT_SHOWN] = { MSG_AUDIT_COMMENT_SHOWN, MSG_AUDIT_COMMENT_SHOWN },
	[AUDIT_NEWCOMER_CREATED] = { MSG_AUDIT_NEWCOMER_CREATED, MSG_AUDIT_NEWCOMER_CREATED },
	[AUDIT_NEWCOMER_READ] = { MSG_AUDIT_NEWCOMER_READ, MSG_AUDIT_NEWCOMER_READ },
	[AUDIT_NEWCOMER_SUMMARY_READ] = { MSG_AUDIT_NEWCOMER_SUMMARY_READ, MSG_AUDIT_NEWCOMER_SUMMARY_READ },
	[AUDIT_NEWCOMERS_LISTED] = { MSG_AUDIT_NEWCOMERS_LISTED, MSG_AUDIT_NEWCOMERS_LISTED },
	[AUDIT_NEWCOMER_UPDATED] = { MSG_AUDIT_NEWCOMER_UPDATED, MSG_AUDIT_NEWCOMER_UPDATED },
	[AUDIT_NEWCOMER_STATUS] = { MSG_AUDIT_NEWCOMER_STATUS, MSG_AUDIT_NEWCOMER_STATUS },
	[AUDIT_NEWCOMER_ANSWER] = { MSG_AUDIT_NEWCOMER_ANSWERED, MSG_AUDIT_NEWCOMER_ANSWERED },
	[AUDIT_NEWCOMER_DELETED] = { MSG_AUDIT_NEWCOMER_DELETED, MSG_AUDIT_NEWCOMER_DELETED },
	[AUDIT_MATCHING_RUN] = { MSG_AUDIT_MATCHING_RAN, MSG_AUDIT_MATCHING_RAN },
	[AUDIT_GUIDE_RECORD_CHECKED] = { MSG_AUDIT_RECORD_CHECKED, MSG_AUDIT_RECORD_CHECKED },
	[AUDIT_GUIDE_RECORD_CLEARED] = { MSG_AUDIT_RECORD_CLEARED, MSG_AUDIT_RECORD_CLEARED },
	[AUDIT_PERSONAL_EXPORTED] = { MSG_AUDIT_EXPORT_PERSONAL_ALL, MSG_AUDIT_EXPORT_PERSONAL },
	[AUDIT_OFFER_ANSWERED_FOR] = { MSG_AUDIT_OFFER_ANSWERED_FOR, MSG_AUDIT_OFFER_ANSWERED_FOR },
};
_Static_assert(sizeof audit_sentences / sizeof audit_sentences[0] == AUDIT_KIND__MAX,
	       "a sentence for every audit kind");

static void audit_sentence(struct html *h, const struct audit_entry *e)
{
	if (e->kind < 0) {
		/* Written before entries named people: as it was written. */
		HTML(h, "<span class=\"meta\">");
		html_msg(h, MSG_AUDIT_OLDER);
		HTMLF(h, "</span> <code>%s</code> %s %s", e->action, e->subject, e->detail);
		return;
	}
	html_msg_parts(h, audit_sentences[e->kind][e->object != AUDIT_ON_NOTHING], 4, audit_part, (void *)e);
}

/* GET /admin/audit?page=: 200 (administrators); 400 bad page. */
int web_admin_audit(struct req *r)
{
	struct paging p = { 1, 100, 0 };
	if (query_int(r, "page", 1, 1, 1000000, &p.page) != 0)
		return 400;
	struct audit_entry *items;
	size_t n = 0;
	enum model_rc rc = audit_list(r->db, r->region, &p, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_ADMIN_AUDIT_TITLE), NAV_NONE);
	web_admin_crumbs(&h);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_ADMIN_AUDIT_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_ADMIN_AUDIT_INTRO);
	const char *l_when = msg_get(r->lang, MSG_ADMIN_AUDIT_WHEN), *l_what = msg_get(r->lang, MSG_ADMIN_AUDIT_WHAT),
		   *l_from = msg_get(r->lang, MSG_ADMIN_AUDIT_FROM);
	HTMLF(&h, "</p>\n<div class=\"table\"><table class=\"reflow audit\"><thead><tr><th scope=\"col\">%s</th>"
		  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	      l_when, l_what, l_from);
	for (size_t i = 0; i < n; i++) {
		HTMLF(&h, "<tr><td data-label=\"%s\">", l_when);
		when_datetime(&h, items[i].at);
		HTMLF(&h, "</td><td data-label=\"%s\">", l_what);
		audit_sentence(&h, &items[i]);
		HTMLF(&h, "</td><td data-label=\"%s\">%s</td></tr>", l_from, items[i].client);
	}
	HTML(&h, "</tbody></table></div>\n");
	widget_paging(&h, r, &p);
	layout_end(&h, r);
	return 200;
}

/* The way back to administration's front page. */
void web_admin_crumbs(struct html *h)
{
	HTML(h, "<nav class=\"crumbs\" aria-label=\"");
	html_msg(h, MSG_NAV_BREADCRUMBS);
	HTML(h, "\"><a href=\"/admin\">");
	html_msg(h, MSG_ADMIN_TITLE);
	HTML(h, "</a></nav>\n");
}

/* Administration's sections, each with what it is for. */
static const struct {
	const char *href;
	enum msg title, intro;
} sections[] = {
	{ "/admin/roles", MSG_ADMIN_ROLES_TITLE, MSG_ADMIN_ROLES_INTRO },
	{ "/admin/areas", MSG_AREAS_TITLE, MSG_ADMIN_AREAS_INTRO },
	{ "/admin/themes", MSG_THEMES_TITLE, MSG_ADMIN_THEMES_INTRO },
	{ "/admin/organisations", MSG_ORGANISATIONS_TITLE, MSG_ADMIN_ORGANISATIONS_INTRO },
	{ "/admin/site", MSG_ADMIN_SITE_TITLE, MSG_ADMIN_SITE_INTRO },
	{ "/admin/audit", MSG_ADMIN_AUDIT_TITLE, MSG_ADMIN_AUDIT_LIST_INTRO },
};

/* GET /admin: 200 (administrators). */
int web_admin(struct req *r)
{
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_ADMIN_TITLE), NAV_NONE);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_ADMIN_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_ADMIN_INTRO);
	HTML(&h, "</p>\n<ul class=\"cards\">");
	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
		HTMLF(&h, "<li><h2><a href=\"%s\">", sections[i].href);
		html_msg(&h, sections[i].title);
		HTML(&h, "</a></h2><p>");
		html_msg(&h, sections[i].intro);
		HTML(&h, "</p></li>");
	}
	HTML(&h, "</ul>\n");
	layout_end(&h, r);
	return 200;
}
