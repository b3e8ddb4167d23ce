/*
 * programme.c: guide programmes (vejviserordninger): the list, a
 * programme's page (what it is, how to take part, one's own place in it;
 * for a workplace's representatives the sign-up link for colleagues), an
 * administrator's form for a new programme, and for the coordinators the
 * settings (weights), the dashboard and the CSV export.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/tz.h"
#include "model/guide.h"
#include "model/newcomer.h"
#include "model/organisation.h"
#include "model/pairing.h"
#include "model/role.h"
#include "web/guard.h"
#include "web/guides.h"
#include "web/layout.h"
#include "web/markdown.h"
#include "web/web.h"
#include "web/widget.h"

static const struct field programme_fields[] = {
	{ "name", MSG_PROGRAMME_NAME, FIELD_TEXT, NULL, "off", MSG__MAX, 1, 200 },
	{ "description", MSG_PROGRAMME_DESCRIPTION, FIELD_TEXTAREA, NULL, NULL, MSG_FORM_MARKDOWN_HINT, 0, 0 },
	{ "weight_interest", MSG_PROGRAMME_WEIGHT_INTEREST, FIELD_NUMBER, NULL, "off",
	  MSG_PROGRAMME_WEIGHT_INTEREST_HINT, 1, 0 },
	{ "weight_near", MSG_PROGRAMME_WEIGHT_NEAR, FIELD_NUMBER, NULL, "off",
	  MSG_PROGRAMME_WEIGHT_NEAR_HINT, 1, 0 },
	{ "weight_wait", MSG_PROGRAMME_WEIGHT_WAIT, FIELD_NUMBER, NULL, "off",
	  MSG_PROGRAMME_WEIGHT_WAIT_HINT, 1, 0 },
};
#define NFIELDS (sizeof programme_fields / sizeof programme_fields[0])

/* GET /programmes: 200. */
int web_programme_list(struct req *r)
{
	struct programme *items;
	size_t n = 0;
	enum model_rc rc = programme_list(r->db, r->region, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_PROGRAMMES_TITLE), NAV_PROGRAMMES);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_PROGRAMMES_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_PROGRAMMES_INTRO);
	HTML(&h, "</p>\n");
	if (n == 0) {
		HTML(&h, "<p>");
		html_msg(&h, MSG_PROGRAMMES_NONE);
		HTML(&h, "</p>\n");
	}
	HTML(&h, "<ul class=\"cards\">");
	for (size_t i = 0; i < n; i++)
		HTMLF(&h, "<li><h2><a href=\"/programmes/%lld\">%s</a></h2></li>", (long long)items[i].id,
		      items[i].name);
	HTML(&h, "</ul>\n");
	if (web_can(r, PERM_ADMIN, 0)) {
		HTML(&h, "<p><a href=\"/programmes/new\">");
		html_msg(&h, MSG_PROGRAMME_NEW);
		HTML(&h, "</a></p>\n");
	}
	layout_end(&h, r);
	return 200;
}

/* What the reader is in the programme, and how to take part. */
static void taking_part(struct html *h, struct req *r, const struct programme *p,
			const struct guide *g, const struct newcomer *own)
{
	HTML(h, "<section aria-labelledby=\"take-part\"><h2 id=\"take-part\">");
	html_msg(h, MSG_PROGRAMME_TAKE_PART);
	HTML(h, "</h2>");
	if (r->user_id == 0) {
		HTMLF(h, "<p>%s</p><p><a href=\"/login?next=/programmes/%lld\">%s</a> · "
			 "<a href=\"/signup\">%s</a></p></section>\n",
		      msg_get(r->lang, MSG_PROGRAMME_SIGN_IN_FIRST), (long long)p->id,
		      msg_get(r->lang, MSG_NAV_SIGN_IN), msg_get(r->lang, MSG_NAV_SIGN_UP));
		return;
	}
	HTML(h, "<ul class=\"rows\"><li>");
	if (g) {
		HTML(h, "<p>");
		html_msg(h, MSG_PROGRAMME_YOU_GUIDE);
		HTML(h, " (");
		html_msg(h, guide_status_msg(g->status));
		HTMLF(h, ")</p><p><a href=\"/programmes/%lld/guide\">", (long long)p->id);
		html_msg(h, MSG_PROGRAMME_EDIT_GUIDE);
		HTML(h, "</a></p>");
	} else {
		HTML(h, "<p>");
		html_msg(h, MSG_PROGRAMME_GUIDE_PITCH);
		HTMLF(h, "</p><p><a href=\"/programmes/%lld/guide\">", (long long)p->id);
		html_msg(h, MSG_PROGRAMME_BECOME_GUIDE);
		HTML(h, "</a></p>");
	}
	HTML(h, "</li><li>");
	if (own) {
		HTML(h, "<p>");
		html_msg(h, MSG_PROGRAMME_YOU_NEWCOMER);
		HTML(h, " (");
		html_msg(h, newcomer_status_msg(own->status));
		HTMLF(h, ")</p><p><a href=\"/programmes/%lld/newcomer\">", (long long)p->id);
		html_msg(h, MSG_PROGRAMME_SEE_NEWCOMER);
		HTML(h, "</a></p>");
	} else {
		HTML(h, "<p>");
		html_msg(h, MSG_PROGRAMME_NEWCOMER_PITCH);
		HTMLF(h, "</p><p><a href=\"/programmes/%lld/newcomer\">", (long long)p->id);
		html_msg(h, MSG_PROGRAMME_BECOME_NEWCOMER);
		HTML(h, "</a></p>");
	}
	HTML(h, "</li></ul></section>\n");
}

/* For a workplace's representatives: the link for colleagues, and how
 * many of them are guides. */
static enum model_rc workplaces(struct html *h, struct req *r, const struct programme *p,
				const struct role_grant *grants, size_t n)
{
	int any = 0;
	for (size_t i = 0; i < n; i++) {
		if (grants[i].role != ROLE_REPRESENTATIVE)
			continue;
		int64_t count = 0;
		enum model_rc rc = guide_count_of_organisation(r->db, p->id, grants[i].scope_id, &count);
		if (rc != MODEL_OK)
			return rc;
		if (!any) {
			HTML(h, "<section aria-labelledby=\"workplace\"><h2 id=\"workplace\">");
			html_msg(h, MSG_PROGRAMME_WORKPLACE);
			HTML(h, "</h2><ul class=\"rows\">");
			any = 1;
		}
		char nbuf[24];
		snprintf(nbuf, sizeof nbuf, "%lld", (long long)count);
		const char *args[] = { nbuf, grants[i].scope_name };
		HTML(h, "<li><p>");
		html_msgn(h, MSGN_PROGRAMME_WORKPLACE_COUNT, (unsigned long)count, args, 2);
		HTML(h, "</p><p>");
		html_msg(h, MSG_PROGRAMME_WORKPLACE_LINK);
		HTMLF(h, " <code>/programmes/%lld/guide?workplace=%lld</code></p></li>", (long long)p->id,
		      (long long)grants[i].scope_id);
	}
	if (any)
		HTML(h, "</ul></section>\n");
	return MODEL_OK;
}

/* GET /programmes/{id}: 200; 404. */
int web_programme_show(struct req *r)
{
	struct programme p;
	int status = guides_programme(r, &p);
	if (status)
		return status;
	struct guide g;
	struct newcomer *own = NULL;
	struct role_grant *grants = NULL;
	size_t nown = 0, ngrants = 0;
	int is_guide = 0;
	enum model_rc rc = MODEL_OK;
	if (r->user_id) {
		rc = guide_of_account(r->db, r->region, p.id, r->user_id, &g);
		is_guide = rc == MODEL_OK;
		if (rc == MODEL_NOT_FOUND)
			rc = MODEL_OK;
		if (rc == MODEL_OK)
			rc = newcomer_own(r->db, r->region, r->user_id, &own, &nown);
		if (rc == MODEL_OK)
			rc = role_list(r->db, r->region, r->user_id, &grants, &ngrants);
	}
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const struct newcomer *mine = NULL;
	for (size_t i = 0; i < nown; i++)
		if (own[i].programme_id == p.id)
			mine = &own[i];
	struct html h = web_html(r);
	layout_begin(&h, r, p.name, NAV_PROGRAMMES);
	HTMLF(&h, "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/programmes\">%s</a></nav>\n",
	      msg_get(r->lang, MSG_NAV_BREADCRUMBS), msg_get(r->lang, MSG_PROGRAMMES_TITLE));
	HTML(&h, "<article");
	html_lang_attr(&h, p.lang);
	HTMLF(&h, "><h1>%s</h1>\n", p.name);
	if (web_can(r, PERM_COORDINATE, p.id))
		guides_menu(&h, r, &p, NULL);
	markdown_render(&h, p.description);
	HTML(&h, "</article>\n<section aria-labelledby=\"how\"><h2 id=\"how\">");
	html_msg(&h, MSG_PROGRAMME_HOW);
	HTML(&h, "</h2><ol class=\"timeline\"><li>");
	html_msg(&h, MSG_PROGRAMME_HOW_1);
	HTML(&h, "</li><li>");
	html_msg(&h, MSG_PROGRAMME_HOW_2);
	HTML(&h, "</li><li>");
	html_msg(&h, MSG_PROGRAMME_HOW_3);
	HTML(&h, "</li><li>");
	html_msg(&h, MSG_PROGRAMME_HOW_4);
	HTML(&h, "</li></ol></section>\n");
	taking_part(&h, r, &p, is_guide ? &g : NULL, mine);
	rc = workplaces(&h, r, &p, grants, ngrants);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	layout_end(&h, r);
	return 200;
}

/* The form for a new programme or a programme's settings. */
static int programme_form(struct req *r, int status, const struct programme *p,
			  const struct field_errors *errs)
{
	int editing = p->id != 0;
	const char *title = editing ? msg_get(r->lang, MSG_GUIDES_MENU_SETTINGS)
				    : msg_get(r->lang, MSG_PROGRAMME_NEW);
	struct html h = web_html(r);
	layout_begin(&h, r, title, NAV_PROGRAMMES);
	if (editing) {
		guides_heading(&h, r, p, title);
		guides_menu(&h, r, p, guides_path(r, p->id, "/settings"));
	} else {
		HTMLF(&h, "<h1>%s</h1>\n", title);
	}
	widget_errors(&h, errs, programme_fields, NFIELDS);
	widget_form_begin(&h, r, editing ? guides_path(r, p->id, "/settings") : "/programmes/new");
	if (editing)
		HTMLF(&h, "<input type=\"hidden\" name=\"revision\" value=\"%lld\">", (long long)p->revision);
	char w[3][24];
	snprintf(w[0], sizeof w[0], "%d", p->weight_interest);
	snprintf(w[1], sizeof w[1], "%d", p->weight_near);
	snprintf(w[2], sizeof w[2], "%d", p->weight_wait);
	const char *values[NFIELDS] = { p->name, p->description, w[0], w[1], w[2] };
	for (size_t i = 0; i < NFIELDS; i++) {
		if (i == 2) {
			HTML(&h, "<fieldset><legend>");
			html_msg(&h, MSG_PROGRAMME_WEIGHTS);
			HTML(&h, "</legend><p class=\"hint\">");
			html_msg(&h, MSG_PROGRAMME_WEIGHTS_HINT);
			HTML(&h, "</p>");
		}
		struct field f = programme_fields[i];
		f.value = req_form(r, f.name) ? req_form(r, f.name) : values[i];
		widget_field(&h, &f, errs);
	}
	HTML(&h, "</fieldset>");
	widget_form_end(&h, MSG_FORM_SAVE);
	layout_end(&h, r);
	return status;
}

/* The programme as typed into the form; a weight that is no number
 * becomes -1, which the model reports. */
static void from_form(struct req *r, struct programme *p)
{
	p->name = req_form(r, "name");
	p->description = req_form(r, "description");
	int ok;
	p->weight_interest = (int32_t)guides_form_int(r, "weight_interest", 0, 1000000, -1, &ok);
	p->weight_near = (int32_t)guides_form_int(r, "weight_near", 0, 1000000, -1, &ok);
	p->weight_wait = (int32_t)guides_form_int(r, "weight_wait", 0, 1000000, -1, &ok);
}

/* GET /programmes/new: 200 (administrators). */
int web_programme_new(struct req *r)
{
	struct programme p = { .weight_interest = 10, .weight_near = 3, .weight_wait = 2 };
	return programme_form(r, 200, &p, NULL);
}

struct create_args {
	struct programme p;
	int64_t id;
	struct field_errors errs;
};

static enum model_rc create_tx(struct req *r, void *arg)
{
	struct create_args *c = arg;
	return programme_create(r->db, &c->p, &c->id, &c->errs);
}

/* POST /programmes/new: 303 to the programme; 400 with the errors beside
 * the fields (no name, a weight out of range), 409 a name in use. */
int web_programme_create(struct req *r)
{
	struct create_args c = { .p = { .lang = r->lang->code }, .errs = { .n = 0 } };
	from_form(r, &c.p);
	enum model_rc rc = web_tx(r, create_tx, &c);
	if (rc == MODEL_INVALID || rc == MODEL_CONFLICT)
		return programme_form(r, rc == MODEL_INVALID ? 400 : 409, &c.p, &c.errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/programmes/%lld", (long long)c.id), DONE_PROGRAMME_CREATED);
}

/* GET /programmes/{id}/settings: 200 (coordinators); 404. */
int web_programme_settings(struct req *r)
{
	struct programme p;
	int status = guides_programme(r, &p);
	return status ? status : programme_form(r, 200, &p, NULL);
}

struct update_args {
	struct programme p;
	int64_t revision;
	struct field_errors errs;
};

static enum model_rc update_tx(struct req *r, void *arg)
{
	struct update_args *u = arg;
	return programme_update(r->db, u->p.id, &u->p, u->revision, &u->errs);
}

/* POST /programmes/{id}/settings (name, description, weights, revision):
 * 303 to the programme; 400 with the errors beside the fields; 409 when
 * someone changed the round meanwhile (the message says to reload); 404. */
int web_programme_update(struct req *r)
{
	struct programme old;
	int status = guides_programme(r, &old);
	if (status)
		return status;
	int ok;
	struct update_args u = { .p = old, .errs = { .n = 0 } };
	u.revision = guides_form_int(r, "revision", 0, INT64_MAX, -1, &ok);
	from_form(r, &u.p);
	enum model_rc rc = web_tx(r, update_tx, &u);
	if (rc == MODEL_INVALID)
		return programme_form(r, 400, &u.p, &u.errs);
	if (rc == MODEL_CONFLICT && u.errs.n)
		return programme_form(r, 409, &u.p, &u.errs);
	if (rc == MODEL_CONFLICT)
		return req_fail(r, 409, MSG_ROUND_CHANGED);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/programmes/%lld", (long long)old.id), DONE_PROGRAMME_SAVED);
}

/* ---- the dashboard ---- */

static void count_cell(struct html *h, int64_t n)
{
	if (n)
		HTMLF(h, "<td>%lld</td>", (long long)n);
	else
		HTML(h, "<td class=\"meta\">0</td>");
}

static void waiting_table(struct html *h, struct req *r, const struct newcomer_waiting *w, size_t n)
{
	HTML(h, "<section aria-labelledby=\"waiting\"><h2 id=\"waiting\">");
	html_msg(h, MSG_DASHBOARD_WAITING);
	HTML(h, "</h2>");
	if (n == 0) {
		HTML(h, "<p>");
		html_msg(h, MSG_DASHBOARD_NOBODY_WAITS);
		HTML(h, "</p></section>\n");
		return;
	}
	HTMLF(h, "<div class=\"table\"><table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
		 "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr>"
		 "</thead><tbody>",
	      msg_get(r->lang, MSG_ORGANISATION_AREA), msg_get(r->lang, MSG_NEWCOMER_TARGET_GROUP),
	      msg_get(r->lang, MSG_DASHBOARD_COUNT), msg_get(r->lang, MSG_DASHBOARD_LONGEST),
	      msg_get(r->lang, MSG_DASHBOARD_MEDIAN));
	int64_t total = 0;
	for (size_t i = 0; i < n; i++) {
		HTMLF(h, "<tr><th scope=\"row\">%s</th><td>", w[i].area_name);
		html_msg(h, vocab_msg(&vocab_target_groups, (int)w[i].target_group));
		HTMLF(h, "</td><td>%lld</td><td>%lld</td><td>%lld</td></tr>", (long long)w[i].count,
		      (long long)w[i].longest_days, (long long)w[i].median_days);
		total += w[i].count;
	}
	HTMLF(h, "</tbody><tfoot><tr><th scope=\"row\" colspan=\"2\">%s</th><td>%lld</td><td></td>"
		 "<td></td></tr></tfoot></table></div></section>\n",
	      msg_get(r->lang, MSG_DASHBOARD_TOTAL), (long long)total);
}

/* Pairs by area and target group and status. */
static void pairs_table(struct html *h, struct req *r, const struct pairing_count *c, size_t n)
{
	HTML(h, "<section aria-labelledby=\"pairs\"><h2 id=\"pairs\">");
	html_msg(h, MSG_DASHBOARD_PAIRS);
	HTML(h, "</h2>");
	if (n == 0) {
		HTML(h, "<p>");
		html_msg(h, MSG_DASHBOARD_NO_PAIRS);
		HTML(h, "</p></section>\n");
		return;
	}
	HTMLF(h, "<div class=\"table\"><table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
		 "</th>",
	      msg_get(r->lang, MSG_ORGANISATION_AREA), msg_get(r->lang, MSG_NEWCOMER_TARGET_GROUP));
	for (int s = PAIRING_PROPOSED; s < PAIRING_ENDED; s++)
		HTMLF(h, "<th scope=\"col\">%s</th>", msg_get(r->lang, pairing_status_msg((enum pairing_status)s)));
	HTMLF(h, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	      msg_get(r->lang, MSG_DASHBOARD_COMPLETED), msg_get(r->lang, MSG_DASHBOARD_EARLY));
	for (size_t i = 0; i < n;) {
		int64_t by[PAIRING_STATUS__MAX] = { 0 }, completed = 0, early = 0;
		size_t j = i;
		for (; j < n && c[j].area_id == c[i].area_id && c[j].target_group == c[i].target_group; j++) {
			by[c[j].status] += c[j].count;
			if (c[j].status == PAIRING_ENDED && c[j].end_reason == END_COMPLETED)
				completed += c[j].count;
			else if (c[j].status == PAIRING_ENDED)
				early += c[j].count;
		}
		HTMLF(h, "<tr><th scope=\"row\">%s</th><td>", c[i].area_name);
		html_msg(h, vocab_msg(&vocab_target_groups, (int)c[i].target_group));
		HTML(h, "</td>");
		for (int s = PAIRING_PROPOSED; s < PAIRING_ENDED; s++)
			count_cell(h, by[s]);
		count_cell(h, completed);
		count_cell(h, early);
		HTML(h, "</tr>");
		i = j;
	}
	HTML(h, "</tbody></table></div></section>\n");
}

/* Ended early, by reason and target group. */
static void early_table(struct html *h, struct req *r, const struct pairing_count *c, size_t n)
{
	int64_t by[END__MAX][TARGET__MAX] = { { 0 } }, any = 0;
	for (size_t i = 0; i < n; i++)
		if (c[i].status == PAIRING_ENDED && c[i].end_reason >= 0 && c[i].end_reason != END_COMPLETED) {
			by[c[i].end_reason][c[i].target_group] += c[i].count;
			any += c[i].count;
		}
	HTML(h, "<section aria-labelledby=\"early\"><h2 id=\"early\">");
	html_msg(h, MSG_DASHBOARD_EARLY_WHY);
	HTML(h, "</h2>");
	if (any == 0) {
		HTML(h, "<p>");
		html_msg(h, MSG_DASHBOARD_NONE_EARLY);
		HTML(h, "</p></section>\n");
		return;
	}
	HTMLF(h, "<div class=\"table\"><table><thead><tr><th scope=\"col\">%s</th>",
	      msg_get(r->lang, MSG_MATCH_END_REASON));
	for (int t = 0; t < TARGET__MAX; t++)
		HTMLF(h, "<th scope=\"col\">%s</th>", msg_get(r->lang, vocab_msg(&vocab_target_groups, t)));
	HTML(h, "</tr></thead><tbody>");
	for (int e = 0; e < END__MAX; e++) {
		if (e == END_COMPLETED)
			continue;
		HTMLF(h, "<tr><th scope=\"row\">%s</th>", msg_get(r->lang, vocab_msg(&vocab_end_reasons, e)));
		for (int t = 0; t < TARGET__MAX; t++)
			count_cell(h, by[e][t]);
		HTML(h, "</tr>");
	}
	HTML(h, "</tbody></table></div></section>\n");
}

static void guides_summary(struct html *h, struct req *r, const struct guide *g, size_t n)
{
	int64_t active = 0, places = 0, taken = 0, checked = 0;
	for (size_t i = 0; i < n; i++) {
		if (g[i].status != GUIDE_ACTIVE)
			continue;
		active++;
		places += g[i].capacity;
		taken += g[i].taken < g[i].capacity ? g[i].taken : g[i].capacity;
		checked += g[i].record_checked_at != 0;
	}
	const char *args[] = { web_count(r, MSGN_DASHBOARD_GUIDES_ACTIVE, active),
			       web_count(r, MSGN_DASHBOARD_GUIDES_PLACES, places),
			       web_count(r, MSGN_DASHBOARD_GUIDES_FREE, places - taken),
			       web_count(r, MSGN_DASHBOARD_GUIDES_CHECKED, checked) };
	HTML(h, "<section aria-labelledby=\"guides\"><h2 id=\"guides\">");
	html_msg(h, MSG_GUIDES_MENU_GUIDES);
	HTML(h, "</h2><p>");
	html_msgv(h, MSG_DASHBOARD_GUIDES, args, 4);
	HTML(h, "</p></section>\n");
}

/* GET /programmes/{id}/dashboard: 200 (coordinators): who waits and for
 * how long, pairs by area and target group, matches ended early and why,
 * guides and places. Counts only: no one is named. 404. */
int web_programme_dashboard(struct req *r)
{
	struct programme p;
	int status = guides_programme(r, &p);
	if (status)
		return status;
	struct newcomer_waiting *w;
	struct pairing_count *c;
	struct guide *g;
	size_t nw = 0, nc = 0, ng = 0;
	enum model_rc rc = newcomer_waiting_stats(r->db, r->region, p.id, model_now(), &w, &nw);
	if (rc == MODEL_OK)
		rc = pairing_counts(r->db, r->region, p.id, &c, &nc);
	if (rc == MODEL_OK)
		rc = guide_list(r->db, r->region, p.id, &g, &ng);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *title = msg_get(r->lang, MSG_GUIDES_MENU_DASHBOARD);
	struct html h = web_html(r);
	layout_begin(&h, r, title, NAV_PROGRAMMES);
	guides_heading(&h, r, &p, title);
	guides_menu(&h, r, &p, guides_path(r, p.id, "/dashboard"));
	waiting_table(&h, r, w, nw);
	pairs_table(&h, r, c, nc);
	early_table(&h, r, c, nc);
	guides_summary(&h, r, g, ng);
	HTMLF(&h, "<p><a href=\"/programmes/%lld/export.csv\" download>%s</a></p>\n<p class=\"hint\">%s</p>\n",
	      (long long)p.id, msg_get(r->lang, MSG_DASHBOARD_EXPORT),
	      msg_get(r->lang, MSG_DASHBOARD_EXPORT_HINT));
	layout_end(&h, r);
	return 200;
}

/* ---- the export ---- */

/* A field for a spreadsheet: text that a spreadsheet would take for a
 * formula (=, +, -, @, tab) gets a leading apostrophe. */
static void cell(struct buf *b, const char *s)
{
	if (s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r')) {
		char *safe = malloc(strlen(s) + 2);
		if (safe == NULL) {
			b->overflow = 1;
			return;
		}
		safe[0] = '\'';
		strcpy(safe + 1, s);
		csv_put(b, safe);
		free(safe);
		return;
	}
	csv_put(b, s ? s : "");
}

static void set_cell(struct buf *b, const struct vocab *v, uint64_t set)
{
	char codes[512];
	cell(b, vocab_set_format(v, set, codes, sizeof codes));
}

static void day_cell(struct buf *b, int64_t t)
{
	char day[16] = "";
	if (t > 0) {
		struct tz_local l;
		tz_from_utc(t, &l);
		snprintf(day, sizeof day, "%04d-%02d-%02d", l.year, l.month, l.day);
	}
	cell(b, day);
}

struct export_args {
	int64_t programme_id;
	struct newcomer *x;
	struct pairing *pairs;
	size_t nx, np;
};

static enum model_rc export_fn(struct req *r, void *arg)
{
	struct export_args *a = arg;
	struct newcomer_actor who = guides_actor(r);
	enum model_rc rc = newcomer_list(r->db, r->region, a->programme_id, &who, "CSV export", &a->x, &a->nx);
	if (rc == MODEL_OK)
		rc = pairing_list(r->db, r->region, a->programme_id, ~0u & ~(1u << PAIRING_DRAFT), &who,
				  "CSV export", &a->pairs, &a->np);
	return rc;
}

/* GET /programmes/{id}/export.csv: 200, text/csv (coordinators): every
 * newcomer with their latest pair; the export is in the audit log; 503
 * when it cannot be logged; 404. */
int web_programme_export(struct req *r)
{
	struct programme p;
	int status = guides_programme(r, &p);
	if (status)
		return status;
	struct export_args a = { p.id, NULL, NULL, 0, 0 };
	enum model_rc rc = web_logged(r, export_fn, &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct newcomer *x = a.x;
	struct pairing *pairs = a.pairs;
	size_t nx = a.nx, np = a.np;
	static const char *const head[] = {
		"id", "first_name", "last_name", "email", "phone", "target_group", "born", "gender",
		"area", "languages", "interests", "times", "same_gender", "needs", "consent_how",
		"consent_at", "status", "waiting_since", "guide", "pair_status", "proposed_on",
		"accepted_on", "first_meeting_on", "ended_on", "end_reason",
	};
	struct buf *b = &r->out;
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
		csv_put(b, head[i]);
	csv_end(b);
	for (size_t i = 0; i < nx; i++) {
		/* The latest pair: lists come newest first. */
		const struct pairing *q = NULL;
		for (size_t k = 0; k < np && q == NULL; k++)
			if (pairs[k].newcomer_id == x[i].id)
				q = &pairs[k];
		csv_put_int(b, x[i].id);
		cell(b, x[i].first_name);
		cell(b, x[i].last_name);
		cell(b, x[i].email);
		cell(b, x[i].phone);
		cell(b, vocab_code(&vocab_target_groups, (int)x[i].target_group));
		cell(b, x[i].born);
		cell(b, vocab_code(&vocab_genders, (int)x[i].gender));
		cell(b, x[i].area_name);
		set_cell(b, &vocab_languages, x[i].languages);
		set_cell(b, &vocab_interests, x[i].interests);
		set_cell(b, &vocab_times, x[i].availability);
		csv_put_int(b, x[i].same_gender);
		cell(b, x[i].needs);
		cell(b, vocab_code(&vocab_consent_how, (int)x[i].consent_how));
		day_cell(b, x[i].consent_at);
		cell(b, newcomer_status_code(x[i].status));
		day_cell(b, x[i].waiting_since);
		cell(b, q ? q->guide_name : "");
		cell(b, q ? pairing_status_code(q->status) : "");
		day_cell(b, q ? q->proposed_at : 0);
		day_cell(b, q ? q->accepted_at : 0);
		cell(b, q && q->first_meeting_on ? q->first_meeting_on : "");
		day_cell(b, q ? q->ended_at : 0);
		cell(b, q && q->end_reason >= 0 ? vocab_code(&vocab_end_reasons, q->end_reason) : "");
		csv_end(b);
	}
	if (b->overflow)
		return req_fail(r, 500, MSG_ERROR_INTERNAL);
	r->content_type = "text/csv; charset=utf-8";
	req_set_header(r, "Content-Disposition", "attachment; filename=\"vejvisere.csv\"");
	req_set_header(r, "Cache-Control", "no-store");
	return 200;
}
