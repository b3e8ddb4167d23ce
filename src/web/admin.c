/*
 * admin.c: administration: granting and revoking roles, and reading the
 * audit log. Only administrators reach these pages (the route table says
 * so; the guard checks it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/query.h"
#include "model/account.h"
#include "model/area.h"
#include "model/audit.h"
#include "model/organisation.h"
#include "model/role.h"
#include "web/layout.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

static const struct field email_field = { "email", MSG_ADMIN_ACCOUNT_EMAIL, FIELD_EMAIL, NULL,
					  "off", MSG__MAX, 1, 254 };

/* The scope choices: the whole platform, each area, each organisation,
 * as "kind:id" values; *count of them. A model code. */
static enum model_rc scope_options(struct req *r, struct option **out, size_t *count)
{
	struct term *areas;
	struct organisation *orgs;
	size_t nareas = 0, norgs = 0;
	struct organisation_filter all = { .sector = -1 };
	struct paging p = { 1, 1000, 0 };
	enum model_rc rc = area_list(r->db, r->region, &areas, &nareas);
	if (rc == MODEL_OK)
		rc = organisation_list(r->db, r->region, &all, &p, &orgs, &norgs);
	if (rc != MODEL_OK)
		return rc;
	struct option *o = region_calloc(r->region, 1 + nareas + norgs, sizeof *o);
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
	HTML(&h, "<h1>");
	html_msg(&h, MSG_ADMIN_ROLES_TITLE);
	HTML(&h, "</h1>\n");
	HTML(&h, "<div class=\"table\"><table><caption>");
	html_msg(&h, MSG_ADMIN_ROLES_CAPTION);
	HTML(&h, "</caption><thead><tr><th scope=\"col\">");
	html_msg(&h, MSG_ACCOUNT_NAME);
	HTML(&h, "</th><th scope=\"col\">");
	html_msg(&h, MSG_ADMIN_ROLE);
	HTML(&h, "</th><th scope=\"col\">");
	html_msg(&h, MSG_ADMIN_SCOPE);
	HTML(&h, "</th><th scope=\"col\">");
	html_msg(&h, MSG_ADMIN_GRANTED_AT);
	HTML(&h, "</th><th scope=\"col\"><span class=\"visually-hidden\">");
	html_msg(&h, MSG_ADMIN_REVOKE);
	HTML(&h, "</span></th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		HTMLF(&h, "<tr><td>%s<br><span class=\"meta\">%s</span></td><td>", grants[i].account_name,
		      grants[i].account_email);
		html_msg(&h, role_msg(grants[i].role));
		HTML(&h, "</td><td>");
		if (grants[i].scope == SCOPE_GLOBAL)
			html_msg(&h, MSG_ADMIN_SCOPE_GLOBAL);
		else if (grants[i].scope_name && *grants[i].scope_name)
			html_text(&h, grants[i].scope_name);
		else
			HTMLF(&h, "%s %lld", scope_code(grants[i].scope), (long long)grants[i].scope_id);
		HTML(&h, "</td><td>");
		when_datetime(&h, grants[i].granted_at);
		HTML(&h, "</td><td>");
		widget_form_begin(&h, r, region_printf(r->region, "/admin/roles/%lld/revoke", (long long)grants[i].id));
		HTML(&h, "<button type=\"submit\" class=\"secondary\">");
		html_msg(&h, MSG_ADMIN_REVOKE);
		HTMLF(&h, "<span class=\"visually-hidden\"> %s</span></button></form></td></tr>",
		      grants[i].account_name);
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
	HTML(&h, "<p><a href=\"/admin/audit\">");
	html_msg(&h, MSG_ADMIN_AUDIT_TITLE);
	HTML(&h, "</a></p>\n");
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
		char *end = NULL;
		scope = colon ? scope_parse(region_strndup(r->region, scope_text, (size_t)(colon - scope_text))) : -1;
		scope_id = colon ? strtoll(colon + 1, &end, 10) : 0;
		if (scope <= SCOPE_GLOBAL || end == NULL || *end || scope_id <= 0)
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

/* Revokes the grant whose id arg points to, with its audit record;
 * written by web_tx. */
static enum model_rc revoke_tx(struct req *r, void *arg)
{
	return role_revoke(r->db, *(const int64_t *)arg, r->user_id, r->client);
}

/* POST /admin/roles/{id}/revoke: 303 back; 404 no such grant. */
int web_admin_revoke(struct req *r)
{
	enum model_rc rc = web_tx(r, revoke_tx, &r->params[0]);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, "/admin/roles", DONE_ROLE_REVOKED);
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
	HTML(&h, "<h1>");
	html_msg(&h, MSG_ADMIN_AUDIT_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_ADMIN_AUDIT_INTRO);
	HTML(&h, "</p>\n<div class=\"table\"><table><thead><tr><th scope=\"col\">");
	html_msg(&h, MSG_ADMIN_AUDIT_WHEN);
	HTML(&h, "</th><th scope=\"col\">");
	html_msg(&h, MSG_ADMIN_AUDIT_WHO);
	HTML(&h, "</th><th scope=\"col\">");
	html_msg(&h, MSG_ADMIN_AUDIT_WHAT);
	HTML(&h, "</th><th scope=\"col\">");
	html_msg(&h, MSG_ADMIN_AUDIT_FROM);
	HTML(&h, "</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		HTML(&h, "<tr><td>");
		when_datetime(&h, items[i].at);
		HTML(&h, "</td><td>");
		if (items[i].actor_name)
			html_text(&h, items[i].actor_name);
		else if (items[i].actor_id)
			HTMLF(&h, "#%lld", (long long)items[i].actor_id);
		else
			html_msg(&h, MSG_ADMIN_AUDIT_SYSTEM);
		HTMLF(&h, "</td><td><code>%s</code> %s <span class=\"meta\">%s</span></td><td>%s</td></tr>",
		      items[i].action, items[i].subject, items[i].detail, items[i].client);
	}
	HTML(&h, "</tbody></table></div>\n");
	widget_paging(&h, r, &p);
	layout_end(&h, r);
	return 200;
}
