/*
 * arena.c: pages for co-creation arenas: the list with filters, one arena
 * at a glance (what it is about, where it stands, who takes part by
 * sector, its activities), and the facilitator's forms to open, edit,
 * close and reopen an arena, manage its phases and invite organisations,
 * and the representative's answer to an invitation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/route.h"
#include "http/query.h"
#include "model/activity.h"
#include "model/arena.h"
#include "model/dialogue.h"
#include "model/role.h"
#include "model/text.h"
#include "model/theme.h"
#include "web/guard.h"
#include "web/layout.h"
#include "web/mail.h"
#include "web/markdown.h"
#include "web/proposal.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

#define ARENAS_PER_PAGE 20

/* The arena form's fields (theme is a <select>, areas are checkboxes). */
enum arena_field { ARENA_F_TITLE, ARENA_F_THEME, ARENA_F_AREAS, ARENA_F_DESCRIPTION, ARENA_F_IMAGE,
		   ARENA_F_IMAGE_ALT, ARENA_F__MAX };

static const struct field arena_fields[] = {
	[ARENA_F_TITLE] = { "title", MSG_ARENA_TITLE_FIELD, FIELD_TEXT, NULL, "off", MSG__MAX, 1, 200 },
	[ARENA_F_THEME] = { "theme", MSG_ARENA_THEME, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
	[ARENA_F_AREAS] = { "areas", MSG_ARENA_AREAS, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
	[ARENA_F_DESCRIPTION] = { "description", MSG_ARENA_DESCRIPTION, FIELD_TEXTAREA, NULL, NULL,
				  MSG_FORM_MARKDOWN_HINT, 0, 0 },
	[ARENA_F_IMAGE] = { "image", MSG_IMAGE_FIELD, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
	[ARENA_F_IMAGE_ALT] = { "image_alt", MSG_IMAGE_ALT, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
};
_Static_assert(sizeof arena_fields / sizeof arena_fields[0] == ARENA_F__MAX, "a field for every ARENA_F_");

/* Reads ?theme= ?area= ?phase= ?status=; -1 after setting r->error. */
static int read_filter(struct req *r, struct arena_filter *f)
{
	*f = (struct arena_filter){ .phase_kind = -1, .status = -1 };
	const char *phase = req_query(r, "phase"), *status = req_query(r, "status");
	if (query_int(r, "theme", 0, 1, INT64_MAX, &f->theme_id) != 0 ||
	    query_int(r, "area", 0, 1, INT64_MAX, &f->area_id) != 0)
		return -1;
	if (phase && *phase && (f->phase_kind = phase_kind_parse(phase)) < 0) {
		r->error = MSG_ERROR_BAD_CHOICE;
		r->error_detail = "phase";
		return -1;
	}
	if (status && *status && (f->status = arena_status_parse(status)) < 0) {
		r->error = MSG_ERROR_BAD_CHOICE;
		r->error_detail = "status";
		return -1;
	}
	return 0;
}

static void filter_form(struct html *h, struct req *r, const struct term *themes, size_t nthemes,
			const struct term *areas, size_t nareas)
{
	struct option *o = region_calloc(r->region, nthemes + nareas + PHASE__MAX + 2, sizeof *o);
	HTML(h, "<form class=\"filters\" method=\"get\" action=\"/arenas\">");
	for (size_t i = 0; i < nthemes; i++)
		o[i] = (struct option){ region_printf(r->region, "%lld", (long long)themes[i].id), themes[i].name };
	widget_filter_select(h, "theme", MSG_ARENA_THEME, o, nthemes, req_query(r, "theme"));
	for (size_t i = 0; i < nareas; i++)
		o[i] = (struct option){ region_printf(r->region, "%lld", (long long)areas[i].id), areas[i].name };
	widget_filter_select(h, "area", MSG_ORGANISATION_AREA, o, nareas, req_query(r, "area"));
	for (int k = 0; k < PHASE__MAX; k++)
		o[k] = (struct option){ phase_kind_code((enum phase_kind)k),
					msg_get(r->lang, phase_kind_msg((enum phase_kind)k)) };
	widget_filter_select(h, "phase", MSG_ARENA_PHASE, o, PHASE__MAX, req_query(r, "phase"));
	o[0] = (struct option){ "open", msg_get(r->lang, MSG_ARENA_OPEN) };
	o[1] = (struct option){ "closed", msg_get(r->lang, MSG_ARENA_CLOSED) };
	widget_filter_select(h, "status", MSG_ARENA_STATUS, o, 2, req_query(r, "status"));
	HTML(h, "<button type=\"submit\">");
	html_msg(h, MSG_FILTER_APPLY);
	HTML(h, "</button></form>\n");
}

static void area_names(struct html *h, const struct term *areas, size_t n)
{
	if (n == 0) {
		html_msg(h, MSG_ARENA_WHOLE_MUNICIPALITY);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (i)
			HTML(h, ", ");
		HTMLF(h, "<a href=\"/areas/%lld\"", (long long)areas[i].id);
		html_lang_attr(h, areas[i].lang);
		HTMLF(h, ">%s</a>", areas[i].name);
	}
}

static void now_part(struct html *h, int i, void *ctx)
{
	const struct arena *a = ctx;
	(void)i;
	HTML(h, "<strong");
	html_lang_attr(h, a->lang);
	HTMLF(h, ">%s</strong>", a->current_phase_name);
}

void web_arena_now(struct html *h, const struct arena *a)
{
	if (a->current_phase_name == NULL)
		return;
	HTML(h, "<p>");
	html_msg_parts(h, MSG_ARENA_NOW, 1, now_part, (void *)a);
	HTML(h, "</p>");
}

static void status_tag(struct html *h, const struct arena *a)
{
	HTMLF(h, "<span class=\"tag tag-%s\">", arena_status_code(a->status));
	html_msg(h, a->status == ARENA_OPEN ? MSG_ARENA_OPEN : MSG_ARENA_CLOSED);
	HTML(h, "</span>");
}

void web_arena_cards(struct html *h, struct req *r, const struct arena *items, size_t n, int level)
{
	HTML(h, "<ul class=\"cards\">");
	for (size_t i = 0; i < n; i++) {
		HTML(h, "<li>");
		/* The title says what the card is: its picture is decoration. */
		web_img(h, r, &items[i].image, "", NULL, "(max-width: 40rem) 100vw, 20rem", "card-image");
		HTMLF(h, "<h%d", level);
		html_lang_attr(h, items[i].lang);
		HTMLF(h, "><a href=\"/arenas/%lld\">%s</a></h%d><p class=\"meta\">", (long long)items[i].id,
		      items[i].title, level);
		status_tag(h, &items[i]);
		HTML(h, " ");
		html_content(h, "span", items[i].theme_lang, items[i].theme_name);
		HTML(h, " · ");
		area_names(h, items[i].areas, items[i].nareas);
		HTML(h, "</p>");
		web_arena_now(h, &items[i]);
		HTML(h, "</li>");
	}
	HTML(h, "</ul>\n");
}

/* GET /arenas?theme=&area=&phase=&status=&page=: 200; 400 bad filter. */
int web_arena_list(struct req *r)
{
	struct arena_filter f;
	struct paging p = { 1, ARENAS_PER_PAGE, 0 };
	if (read_filter(r, &f) != 0 || query_int(r, "page", 1, 1, 1000000, &p.page) != 0)
		return 400;
	struct term *themes;
	struct term *areas;
	struct arena *items;
	size_t nthemes, nareas, n;
	enum model_rc rc = theme_list(r->db, r->region, &themes, &nthemes);
	if (rc == MODEL_OK)
		rc = area_list(r->db, r->region, &areas, &nareas);
	if (rc == MODEL_OK)
		rc = arena_list(r->db, r->region, &f, &p, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	const struct layout_page page = { .title = msg_get(r->lang, MSG_ARENAS_TITLE), .nav = NAV_ARENAS,
					  .description = msg_get(r->lang, MSG_ARENAS_INTRO) };
	layout_open(&h, r, &page);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_ARENAS_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_ARENAS_INTRO);
	HTML(&h, "</p>\n");
	if (web_can(r, PERM_ORGANISE, 0)) {
		HTML(&h, "<p><a class=\"button\" href=\"/arenas/new\">");
		html_msg(&h, MSG_ARENA_NEW);
		HTML(&h, "</a></p>\n");
	}
	filter_form(&h, r, themes, nthemes, areas, nareas);
	HTML(&h, "<p class=\"count\" role=\"status\">");
	html_count(&h, MSGN_ARENAS_COUNT, p.total);
	HTML(&h, "</p>\n");
	web_arena_cards(&h, r, items, n, 2);
	widget_paging(&h, r, &p);
	layout_end(&h, r);
	return 200;
}

/* How far the dialogue has come (its published statements), and the way in. */
static void dialogue_box(struct html *h, struct req *r, const struct arena *a, const struct statement *items,
			 size_t n)
{
	int64_t votes = 0;
	for (size_t i = 0; i < n; i++)
		votes += items[i].agree + items[i].disagree + items[i].pass;
	const char *args[] = { web_count(r, MSGN_COUNT_STATEMENTS, (long long)n), web_count(r, MSGN_COUNT_VOTES, votes) };
	HTML(h, "<section aria-labelledby=\"dialogue\" class=\"dialogue-box\"><h2 id=\"dialogue\">");
	html_msg(h, MSG_DIALOGUE_TITLE);
	HTML(h, "</h2><p>");
	html_msgv(h, MSG_ARENA_DIALOGUE_COUNTS, args, 2);
	HTMLF(h, "</p><p><a class=\"button\" href=\"/arenas/%lld/dialogue\">", (long long)a->id);
	html_msg(h, a->status == ARENA_OPEN ? MSG_ARENA_JOIN_DIALOGUE : MSG_ARENA_READ_DIALOGUE);
	HTMLF(h, "</a> <a href=\"/arenas/%lld/opinion\">", (long long)a->id);
	html_msg(h, MSG_DIALOGUE_SEE_MAP);
	HTML(h, "</a></p></section>\n");
}

static void phase_timeline(struct html *h, const struct arena *a)
{
	HTML(h, "<section aria-labelledby=\"phases\"><h2 id=\"phases\">");
	html_msg(h, MSG_ARENA_PHASES);
	HTML(h, "</h2><ol class=\"timeline\">");
	int passed = a->current_phase_id != 0;
	for (size_t i = 0; i < a->nphases; i++) {
		const struct arena_phase *p = &a->phases[i];
		int current = p->id == a->current_phase_id;
		if (current)
			passed = 0;
		HTMLF(h, "<li class=\"%s\"", current ? "current" : passed ? "done" : "later");
		if (current)
			HTML(h, " aria-current=\"step\"");
		HTML(h, "><span class=\"phase-name\"");
		html_lang_attr(h, a->lang); /* phases are named in the arena's language */
		HTMLF(h, ">%s</span>", p->name);
		if (current) {
			HTML(h, " <span class=\"tag\">");
			html_msg(h, MSG_ARENA_NOW_TAG);
			HTML(h, "</span>");
		}
		if (p->starts_on || p->ends_on) {
			HTML(h, "<br><span class=\"meta\">");
			if (p->starts_on)
				when_date(h, p->starts_on);
			HTML(h, " – ");
			if (p->ends_on)
				when_date(h, p->ends_on);
			HTML(h, "</span>");
		}
		HTML(h, "</li>");
	}
	HTML(h, "</ol></section>\n");
}

/* Accepted organisations by sector; invitations for facilitators and
 * what each organisation's representatives may answer. */
static void members_section(struct html *h, struct req *r, const struct arena_member *m, size_t n, int facilitator)
{
	HTML(h, "<section aria-labelledby=\"who\"><h2 id=\"who\">");
	html_msg(h, MSG_ARENA_WHO);
	HTML(h, "</h2>");
	size_t accepted = 0;
	for (size_t i = 0; i < n; i++)
		accepted += m[i].status == ACCEPTED;
	if (accepted == 0) {
		HTML(h, "<p>");
		html_msg(h, MSG_ARENA_NO_MEMBERS);
		HTML(h, "</p>");
	}
	HTML(h, "<div class=\"sectors-columns\">");
	for (int s = 0; s < SECTOR__MAX; s++) {
		size_t count = 0;
		for (size_t i = 0; i < n; i++)
			count += m[i].status == ACCEPTED && m[i].sector == (enum sector)s;
		if (count == 0)
			continue;
		HTMLF(h, "<div><h3>%s <span class=\"count\">(%zu)</span></h3><ul>",
		      msg_get(r->lang, sector_msg((enum sector)s)), count);
		for (size_t i = 0; i < n; i++)
			if (m[i].status == ACCEPTED && m[i].sector == (enum sector)s)
				HTMLF(h, "<li><a href=\"/organisations/%lld\">%s</a></li>", (long long)m[i].organisation_id,
				      m[i].organisation_name);
		HTML(h, "</ul></div>");
	}
	HTML(h, "</div>");
	for (size_t i = 0; i < n; i++)
		if (web_can(r, PERM_REPRESENT, m[i].organisation_id))
			web_invitation(h, r, &m[i], 0);
	if (facilitator && n > accepted) {
		HTML(h, "<h3>");
		html_msg(h, MSG_ARENA_INVITATIONS);
		HTML(h, "</h3><ul>");
		for (size_t i = 0; i < n; i++) {
			if (m[i].status == ACCEPTED)
				continue;
			HTMLF(h, "<li>%s <span class=\"tag\">", m[i].organisation_name);
			html_msg(h, invitation_msg(m[i].status));
			HTML(h, "</span></li>");
		}
		HTML(h, "</ul>");
	}
	HTML(h, "</section>\n");
}

void web_activity_rows(struct html *h, const struct activity *items, size_t n, int show_arena)
{
	HTML(h, "<ul class=\"rows\">");
	for (size_t i = 0; i < n; i++) {
		const struct activity *x = &items[i];
		HTMLF(h, "<li><a href=\"/arenas/%lld/activities/%lld\"", (long long)x->arena_id, (long long)x->id);
		html_lang_attr(h, x->lang);
		HTMLF(h, ">%s</a> <span class=\"tag\">", x->title);
		if (x->kind == KIND_OTHER && x->kind_other && *x->kind_other)
			html_content(h, "span", x->lang, x->kind_other);
		else
			html_msg(h, activity_kind_msg(x->kind));
		HTML(h, "</span><br><span class=\"meta\">");
		when_range(h, x->starts_at, x->ends_at);
		if (x->place && *x->place) {
			HTML(h, " · ");
			html_content(h, "span", x->lang, x->place);
		}
		if (show_arena) {
			HTMLF(h, " · <a href=\"/arenas/%lld\"", (long long)x->arena_id);
			html_lang_attr(h, x->lang);
			HTMLF(h, ">%s</a>", x->arena_title);
		}
		if (x->cancelled) {
			HTML(h, " · <strong>");
			html_msg(h, MSG_ACTIVITY_CANCELLED);
			HTML(h, "</strong>");
		}
		HTML(h, "</span></li>");
	}
	HTML(h, "</ul>");
}

static void facilitator_tools(struct html *h, struct req *r, const struct arena *a)
{
	HTML(h, "<nav class=\"tools-bar\" aria-label=\"");
	html_msg(h, MSG_ARENA_TOOLS);
	HTMLF(h, "\"><ul><li><a href=\"/arenas/%lld/edit\">", (long long)a->id);
	html_msg(h, MSG_ARENA_EDIT);
	HTMLF(h, "</a></li><li><a href=\"/arenas/%lld/phases\">", (long long)a->id);
	html_msg(h, MSG_ARENA_PHASES_EDIT);
	HTMLF(h, "</a></li><li><a href=\"/arenas/%lld/activities/new\">", (long long)a->id);
	html_msg(h, MSG_ACTIVITY_NEW);
	HTMLF(h, "</a></li><li><a href=\"/arenas/%lld/stories/new\">", (long long)a->id);
	html_msg(h, MSG_ARENA_WRITE_STORY);
	HTMLF(h, "</a></li><li><a href=\"/arenas/%lld/export\">", (long long)a->id);
	html_msg(h, MSG_EXPORT_LINK);
	HTML(h, "</a></li><li>");
	if (a->status == ARENA_OPEN) {
		/* Closing is asked on a page of its own; reopening is not. */
		HTMLF(h, "<a href=\"/arenas/%lld/close\">", (long long)a->id);
		html_msg(h, MSG_ARENA_CLOSE);
		HTML(h, "</a>");
	} else {
		widget_form_begin(h, r, region_printf(r->region, "/arenas/%lld/reopen", (long long)a->id));
		HTML(h, "<button type=\"submit\" class=\"secondary\">");
		html_msg(h, MSG_ARENA_REOPEN);
		HTML(h, "</button></form>");
	}
	HTML(h, "</li></ul></nav>\n");
}

/* The invitation form's fields: an organisation from the list (a
 * <select>), or one not on it yet (its name and sector: added on the
 * spot), and whom to write to. */
enum invite_field { INVITE_ORGANISATION, INVITE_NEW_NAME, INVITE_NEW_SECTOR, INVITE_CONTACT_NAME,
		    INVITE_CONTACT_EMAIL, INVITE__MAX };

static const struct field invite_fields[] = {
	[INVITE_ORGANISATION] = { "organisation", MSG_ARENA_INVITE_ORGANISATION, FIELD_TEXT, NULL, NULL, MSG__MAX,
				  0, 0 },
	[INVITE_NEW_NAME] = { "new_name", MSG_ADMIN_ORGANISATION_NAME, FIELD_TEXT, NULL, "off", MSG__MAX, 0, 200 },
	[INVITE_NEW_SECTOR] = { "new_sector", MSG_ORGANISATION_SECTOR, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
	[INVITE_CONTACT_NAME] = { "contact_name", MSG_ARENA_CONTACT_NAME, FIELD_TEXT, NULL, "off", MSG__MAX, 0,
				  200 },
	[INVITE_CONTACT_EMAIL] = { "contact_email", MSG_ARENA_CONTACT_EMAIL, FIELD_EMAIL, NULL, "off", MSG__MAX,
				   0, 254 },
};
_Static_assert(sizeof invite_fields / sizeof invite_fields[0] == INVITE__MAX, "a field for every INVITE_");

/* orgs: every organisation, to choose from. */
static void invite_form(struct html *h, struct req *r, const struct arena *a, const struct organisation *orgs,
			size_t n, const struct field_errors *errs)
{
	HTML(h, "<section aria-labelledby=\"invite\"><h2 id=\"invite\">");
	html_msg(h, MSG_ARENA_INVITE);
	HTML(h, "</h2>");
	widget_errors(h, errs, invite_fields, INVITE__MAX);
	widget_form_begin(h, r, region_printf(r->region, "/arenas/%lld/organisations", (long long)a->id));
	struct option *o = region_calloc(r->region, n + 1, sizeof *o);
	o[0] = (struct option){ "", msg_get(r->lang, MSG_ARENA_INVITE_CHOOSE) };
	for (size_t i = 0; i < n; i++)
		o[i + 1] = (struct option){ region_printf(r->region, "%lld", (long long)orgs[i].id), orgs[i].name };
	widget_select(h, invite_fields[INVITE_ORGANISATION].name, invite_fields[INVITE_ORGANISATION].label, o, n + 1,
		      req_form(r, invite_fields[INVITE_ORGANISATION].name), errs);
	HTML(h, "<fieldset id=\"new\"><legend>");
	html_msg(h, MSG_ARENA_INVITE_NEW);
	HTML(h, "</legend>");
	struct field nf = invite_fields[INVITE_NEW_NAME];
	nf.value = req_form(r, nf.name);
	widget_field(h, &nf, errs);
	int sector = sector_parse(req_form(r, "new_sector"));
	web_sector_select(h, r, "new_sector", sector < 0 ? SECTOR_VOLUNTARY : sector, errs);
	HTML(h, "</fieldset>");
	for (int i = INVITE_CONTACT_NAME; i <= INVITE_CONTACT_EMAIL; i++) {
		struct field f = invite_fields[i];
		f.value = req_form(r, f.name);
		widget_field(h, &f, errs);
	}
	widget_form_end(h, MSG_ARENA_INVITE_SUBMIT);
	HTML(h, "</section>\n");
}

static int arena_page(struct req *r, int status, const struct field_errors *invite_errs)
{
	struct arena a;
	struct activity *upcoming, *past;
	struct statement *statements;
	struct arena_member *members;
	struct organisation *orgs = NULL;
	size_t nup = 0, npast = 0, nfac = 0, nstatements = 0, nmembers = 0, norgs = 0;
	struct role_grant *facilitators;
	int facilitator = 0, following = 0;
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], &a);
	if (rc == MODEL_OK)
		rc = follow_get(r->db, r->user_id, FOLLOW_ARENA, a.id, &following);
	if (rc == MODEL_OK)
		rc = activity_list_arena(r->db, r->region, a.id, ACTIVITY_UPCOMING, 50, &upcoming, &nup);
	if (rc == MODEL_OK)
		rc = activity_list_arena(r->db, r->region, a.id, ACTIVITY_PAST, 50, &past, &npast);
	if (rc == MODEL_OK)
		rc = role_holders(r->db, r->region, ROLE_FACILITATOR, SCOPE_ARENA, a.id, &facilitators, &nfac);
	if (rc == MODEL_OK)
		rc = statement_list(r->db, r->region, a.id, STATEMENT_ACCEPTED, &statements, &nstatements);
	if (rc == MODEL_OK)
		rc = arena_members(r->db, r->region, a.id, &members, &nmembers);
	struct proposal_box proposals;
	if (rc == MODEL_OK)
		rc = web_proposal_box_read(r, &a, &proposals);
	if (rc == MODEL_OK && (facilitator = web_can(r, PERM_FACILITATE, a.id))) {
		struct organisation_filter all = { .sector = -1 };
		struct paging p = { 1, 1000, 0 };
		rc = organisation_list(r->db, r->region, &all, &p, &orgs, &norgs);
	}
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *ics = region_printf(r->region, "/arenas/%lld/calendar.ics", (long long)a.id);
	const struct layout_alternate alt = { "text/calendar", ics, msg_get(r->lang, MSG_ARENA_CALENDAR) };
	struct html h = web_html(r);
	struct layout_page page = { .title = a.title, .nav = NAV_ARENAS, .description_md = a.description,
				    .content_lang = a.lang, .alternates = &alt, .nalternates = 1 };
	web_page_image(r, &page, &a.image, a.image_alt);
	layout_open(&h, r, &page);
	HTML(&h, "<nav class=\"crumbs\" aria-label=\"");
	html_msg(&h, MSG_NAV_BREADCRUMBS);
	HTML(&h, "\"><a href=\"/arenas\">");
	html_msg(&h, MSG_ARENAS_TITLE);
	/* The arena's own words are marked with its language; the
	 * interface's words between them (status, tools) are not. */
	HTML(&h, "</a></nav>\n<article><h1");
	html_lang_attr(&h, a.lang);
	HTMLF(&h, ">%s</h1>\n<p class=\"meta\">", a.title);
	status_tag(&h, &a);
	HTMLF(&h, " <a href=\"/themes/%lld\"", (long long)a.theme_id);
	html_lang_attr(&h, a.theme_lang);
	HTMLF(&h, ">%s</a> · ", a.theme_name);
	area_names(&h, a.areas, a.nareas);
	HTML(&h, "</p>\n");
	web_img(&h, r, &a.image, a.image_alt, a.lang, "(max-width: 62rem) 100vw, 60rem", "lead-image");
	if (facilitator)
		facilitator_tools(&h, r, &a);
	web_follow_button(&h, r, FOLLOW_ARENA, a.id, following);
	markdown_content(&h, a.lang, a.description);
	HTML(&h, "</article>\n");
	dialogue_box(&h, r, &a, statements, nstatements);
	web_proposal_box(&h, r, &a, &proposals);
	phase_timeline(&h, &a);
	HTML(&h, "<section aria-labelledby=\"upcoming\"><h2 id=\"upcoming\">");
	html_msg(&h, MSG_ARENA_UPCOMING);
	HTML(&h, "</h2>");
	if (nup)
		web_activity_rows(&h, upcoming, nup, 0);
	else {
		HTML(&h, "<p>");
		html_msg(&h, MSG_ARENA_NO_UPCOMING);
		HTML(&h, "</p>");
	}
	HTMLF(&h, "<p><a href=\"%s\">", ics);
	html_msg(&h, MSG_ARENA_CALENDAR);
	HTML(&h, "</a></p></section>\n");
	members_section(&h, r, members, nmembers, facilitator);
	if (facilitator)
		invite_form(&h, r, &a, orgs, norgs, invite_errs);
	if (npast) {
		HTML(&h, "<section aria-labelledby=\"past\"><h2 id=\"past\">");
		html_msg(&h, MSG_ARENA_PAST);
		HTML(&h, "</h2>");
		web_activity_rows(&h, past, npast, 0);
		HTML(&h, "</section>\n");
	}
	if (nfac) {
		HTML(&h, "<p class=\"meta\">");
		html_msg(&h, MSG_ARENA_FACILITATORS);
		for (size_t i = 0; i < nfac; i++) {
			if (i)
				HTML(&h, ",");
			HTMLF(&h, " %s", facilitators[i].account_name);
		}
		HTML(&h, "</p>\n");
	}
	layout_end(&h, r);
	return status;
}

/* GET /arenas/{id}: 200; 404 no such arena. */
int web_arena_show(struct req *r)
{
	return arena_page(r, 200, NULL);
}

/* The area ids ticked in the form ("areas" fields); -1 if one is bad. */
static int form_areas(struct req *r, int64_t **ids, size_t *n)
{
	*ids = region_calloc(r->region, r->form.n + 1, sizeof **ids);
	*n = 0;
	for (size_t i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.items[i].key, "areas") != 0)
			continue;
		int64_t v = route_id(r->form.items[i].value);
		if (v < 0)
			return -1;
		(*ids)[(*n)++] = v;
	}
	return 0;
}

/* The form to open or edit an arena, answered with status; 503 (or the
 * like) when the themes and areas to choose from cannot be read. */
static int arena_form(struct req *r, int status, const char *title, const char *action, const struct arena *a,
		      const int64_t *area_ids, size_t nareas_chosen, const struct field_errors *errs)
{
	struct term *themes;
	struct term *areas;
	size_t nthemes = 0, nareas = 0;
	enum model_rc rc = theme_list(r->db, r->region, &themes, &nthemes);
	if (rc == MODEL_OK)
		rc = area_list(r->db, r->region, &areas, &nareas);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	layout_begin(&h, r, title, NAV_ARENAS);
	HTMLF(&h, "<h1>%s</h1>\n", title);
	widget_errors(&h, errs, arena_fields, ARENA_F__MAX);
	widget_form_begin_upload(&h, r, action);
	struct field f = arena_fields[ARENA_F_TITLE];
	f.value = a->title;
	widget_field(&h, &f, errs);
	struct option *o = region_calloc(r->region, nthemes + 1, sizeof *o);
	for (size_t i = 0; i < nthemes; i++)
		o[i] = (struct option){ region_printf(r->region, "%lld", (long long)themes[i].id), themes[i].name };
	widget_select(&h, "theme", MSG_ARENA_THEME, o, nthemes,
		      region_printf(r->region, "%lld", (long long)a->theme_id), errs);
	HTML(&h, "<fieldset class=\"checks\" id=\"areas\"><legend>");
	html_msg(&h, MSG_ARENA_AREAS);
	HTML(&h, "</legend><p class=\"hint\">");
	html_msg(&h, MSG_ARENA_AREAS_HINT);
	HTML(&h, "</p>");
	for (size_t i = 0; i < nareas; i++) {
		int on = 0;
		for (size_t k = 0; k < nareas_chosen; k++)
			on |= area_ids[k] == areas[i].id;
		HTMLF(&h, "<div class=\"check\"><input type=\"checkbox\" id=\"area-%lld\" name=\"areas\" "
			  "value=\"%lld\"%s><label for=\"area-%lld\">%s</label></div>",
		      (long long)areas[i].id, (long long)areas[i].id, on ? " checked" : "",
		      (long long)areas[i].id, areas[i].name);
	}
	HTML(&h, "</fieldset>");
	f = arena_fields[ARENA_F_DESCRIPTION];
	f.value = a->description;
	widget_field(&h, &f, errs);
	web_image_fields(&h, r, MSG_IMAGE_FIELD, a->image.id, a->image_alt ? a->image_alt : "", errs);
	struct option *langs = region_calloc(r->region, i18n_count(), sizeof *langs);
	for (size_t i = 0; i < i18n_count(); i++)
		langs[i] = (struct option){ i18n_at(i)->code, i18n_at(i)->name };
	widget_select(&h, "lang", MSG_FORM_CONTENT_LANGUAGE, langs, i18n_count(), a->lang, errs);
	widget_form_end(&h, MSG_FORM_SAVE);
	layout_end(&h, r);
	return status;
}

/* The arena as typed into the form. */
static void arena_from_form(struct req *r, struct arena *a)
{
	memset(a, 0, sizeof *a);
	a->title = req_form(r, "title");
	a->description = req_form(r, "description");
	const char *theme = req_form(r, "theme");
	a->theme_id = theme && *theme ? route_id(theme) : 0; /* -1: no such theme, the model says */
	a->lang = req_form(r, "lang");
	if (a->lang == NULL || i18n_find(a->lang) == NULL)
		a->lang = r->lang->code;
	a->image_alt = req_form(r, "image_alt");
}

/* GET /arenas/new: 200 (global facilitators). */
int web_arena_new(struct req *r)
{
	struct arena a = { .lang = r->lang->code };
	return arena_form(r, 200, msg_get(r->lang, MSG_ARENA_NEW), "/arenas/new", &a, NULL, 0, NULL);
}

/* An arena as typed into the form, with the areas ticked; written by
 * web_tx: create_tx makes a new one (id set), update_tx changes arena id. */
struct arena_args {
	struct arena a;
	int64_t *areas;
	size_t nareas;
	int64_t id;
	struct field_errors errs;
};

static enum model_rc create_tx(struct req *r, void *arg)
{
	struct arena_args *x = arg;
	return arena_create(r->db, &x->a, x->areas, x->nareas, r->user_id, r->client, &x->id, &x->errs);
}

static enum model_rc update_tx(struct req *r, void *arg)
{
	struct arena_args *x = arg;
	return arena_update(r->db, x->id, &x->a, x->areas, x->nareas, &x->errs);
}

/* POST /arenas/new: 303 to the new arena (its creator is its
 * facilitator); 400 with errors beside the fields. */
int web_arena_create(struct req *r)
{
	struct arena_args x = { .errs.n = 0 };
	arena_from_form(r, &x.a);
	enum model_rc rc = web_image_take(r, 0, &x.a.image.id, &x.errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	rc = MODEL_INVALID;
	if (form_areas(r, &x.areas, &x.nareas) != 0)
		field_error_add(&x.errs, "areas", MSG_FORM_CHOOSE_ONE);
	else /* the model checks the rest; nothing is stored while errs has any */
		rc = web_tx(r, create_tx, &x);
	if (rc == MODEL_INVALID)
		return arena_form(r, 400, msg_get(r->lang, MSG_ARENA_NEW), "/arenas/new", &x.a, x.areas, x.nareas,
				  &x.errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/arenas/%lld", (long long)x.id), DONE_ARENA_CREATED);
}

/* GET /arenas/{id}/edit: 200 (the arena's facilitators); 404. */
int web_arena_edit(struct req *r)
{
	struct arena a;
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	int64_t *ids = region_calloc(r->region, a.nareas + 1, sizeof *ids);
	for (size_t i = 0; i < a.nareas; i++)
		ids[i] = a.areas[i].id;
	return arena_form(r, 200, msg_get(r->lang, MSG_ARENA_EDIT),
			  region_printf(r->region, "/arenas/%lld/edit", (long long)a.id), &a, ids, a.nareas, NULL);
}

/* POST /arenas/{id}/edit: 303 to the arena; 400 with errors; 404. */
int web_arena_update(struct req *r)
{
	struct arena old;
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], &old);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct arena_args x = { .id = old.id, .errs.n = 0 };
	arena_from_form(r, &x.a);
	rc = web_image_take(r, old.image.id, &x.a.image.id, &x.errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if (form_areas(r, &x.areas, &x.nareas) != 0)
		field_error_add(&x.errs, "areas", MSG_FORM_CHOOSE_ONE);
	else
		rc = web_tx(r, update_tx, &x);
	if (x.errs.n)
		return arena_form(r, 400, msg_get(r->lang, MSG_ARENA_EDIT),
				  region_printf(r->region, "/arenas/%lld/edit", (long long)old.id), &x.a, x.areas,
				  x.nareas, &x.errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/arenas/%lld", (long long)old.id), DONE_ARENA_SAVED);
}

static int set_status(struct req *r, enum arena_status s)
{
	struct arena a;
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], &a);
	if (rc == MODEL_OK)
		rc = arena_set_status(r->db, a.id, s);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/arenas/%lld", (long long)a.id),
				 s == ARENA_CLOSED ? DONE_ARENA_CLOSED : DONE_ARENA_REOPENED);
}

/* GET /arenas/{id}/close: 200 the question, naming the arena; 404. */
int web_arena_close_confirm(struct req *r)
{
	struct arena a;
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *args[] = { a.title };
	struct buf what = BUF_INIT(2048);
	msg_format(&what, r->lang, MSG_CONFIRM_CLOSE, args, 1);
	const struct web_confirm c = {
		.what = region_strdup(r->region, buf_str(&what)),
		.consequence = MSG_CONFIRM_CLOSE_CONSEQUENCE,
		.action = region_printf(r->region, "/arenas/%lld/close", (long long)a.id),
		.submit = MSG_CONFIRM_CLOSE_SUBMIT,
		.back = region_printf(r->region, "/arenas/%lld", (long long)a.id),
		.nav = NAV_ARENAS,
	};
	buf_free(&what);
	return web_confirm(r, &c);
}

/* POST /arenas/{id}/close: 303 back; 404. */
int web_arena_close(struct req *r)
{
	return set_status(r, ARENA_CLOSED);
}

/* POST /arenas/{id}/reopen: 303 back; 404. */
int web_arena_reopen(struct req *r)
{
	return set_status(r, ARENA_OPEN);
}

/* The phase rows of the form: the arena's phases, then one blank row
 * for a new phase. Field names carry the row number. */
static void phases_form(struct req *r, const struct arena *a, const struct arena_phase *rows, size_t n,
			int current, const struct field_errors *errs)
{
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_ARENA_PHASES_EDIT), NAV_ARENAS);
	HTMLF(&h, "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/arenas/%lld\"",
	      msg_get(r->lang, MSG_NAV_BREADCRUMBS), (long long)a->id);
	html_lang_attr(&h, a->lang);
	HTMLF(&h, ">%s</a></nav>\n<h1>", a->title);
	html_msg(&h, MSG_ARENA_PHASES_EDIT);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_ARENA_PHASES_INTRO);
	HTML(&h, "</p>\n");
	if (errs && errs->n) {
		HTML(&h, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>");
		html_msg(&h, MSG_FORM_ERRORS_TITLE);
		HTML(&h, "</h2><ul>");
		for (int i = 0; i < errs->n; i++) {
			HTMLF(&h, "<li><a href=\"#%s\">", errs->items[i].field);
			html_msg(&h, errs->items[i].msg);
			HTML(&h, "</a></li>");
		}
		HTML(&h, "</ul></div>");
	}
	widget_form_begin(&h, r, region_printf(r->region, "/arenas/%lld/phases", (long long)a->id));
	for (size_t i = 0; i <= n && i < ARENA_MAX_PHASES; i++) {
		const struct arena_phase *p = i < n ? &rows[i] : NULL;
		int num = (int)i + 1;
		char name_id[32], dates_id[32];
		snprintf(name_id, sizeof name_id, "phase-%d-name", num);
		snprintf(dates_id, sizeof dates_id, "phase-%d-dates", num);
		enum msg name_err = errs ? field_error_get(errs, name_id) : MSG__MAX;
		enum msg dates_err = errs ? field_error_get(errs, dates_id) : MSG__MAX;
		HTML(&h, "<fieldset class=\"phase\"><legend>");
		if (p) {
			char pos[8];
			snprintf(pos, sizeof pos, "%d", num);
			const char *args[] = { pos };
			html_msgv(&h, MSG_ARENA_PHASE_N, args, 1);
		} else {
			html_msg(&h, MSG_ARENA_PHASE_ADD);
		}
		HTMLF(&h, "</legend><div class=\"field\"><label for=\"%s\">", name_id);
		html_msg(&h, MSG_ARENA_PHASE_NAME);
		HTML(&h, "</label>");
		if (name_err != MSG__MAX) {
			HTMLF(&h, "<p class=\"error\" id=\"%s-error\">", name_id);
			html_msg(&h, name_err);
			HTML(&h, "</p>");
		}
		HTMLF(&h, "<input type=\"text\" id=\"%s\" name=\"%s\" value=\"%s\"%s></div>", name_id, name_id,
		      p ? p->name : "", name_err != MSG__MAX ? " aria-invalid=\"true\"" : "");
		HTMLF(&h, "<div class=\"field\"><label for=\"phase-%d-kind\">", num);
		html_msg(&h, MSG_ARENA_PHASE_KIND);
		HTMLF(&h, "</label><select id=\"phase-%d-kind\" name=\"phase-%d-kind\">", num, num);
		for (int k = 0; k < PHASE__MAX; k++)
			HTMLF(&h, "<option value=\"%s\"%s>%s</option>", phase_kind_code((enum phase_kind)k),
			      p && p->kind == (enum phase_kind)k ? " selected" : "",
			      msg_get(r->lang, phase_kind_msg((enum phase_kind)k)));
		HTMLF(&h, "</select></div><div class=\"dates\" id=\"%s\">", dates_id);
		if (dates_err != MSG__MAX) {
			HTML(&h, "<p class=\"error\">");
			html_msg(&h, dates_err);
			HTML(&h, "</p>");
		}
		HTMLF(&h, "<div class=\"field\"><label for=\"phase-%d-start\">", num);
		html_msg(&h, MSG_ARENA_PHASE_START);
		HTMLF(&h, "</label><input type=\"date\" id=\"phase-%d-start\" name=\"phase-%d-start\" value=\"%s\"></div>",
		      num, num, p && p->starts_on ? p->starts_on : "");
		HTMLF(&h, "<div class=\"field\"><label for=\"phase-%d-end\">", num);
		html_msg(&h, MSG_ARENA_PHASE_END);
		HTMLF(&h, "</label><input type=\"date\" id=\"phase-%d-end\" name=\"phase-%d-end\" value=\"%s\"></div></div>",
		      num, num, p && p->ends_on ? p->ends_on : "");
		HTMLF(&h, "<div class=\"field\"><label for=\"phase-%d-order\">", num);
		html_msg(&h, MSG_ARENA_PHASE_ORDER);
		HTMLF(&h, "</label><input type=\"number\" id=\"phase-%d-order\" name=\"phase-%d-order\" "
			  "value=\"%d\" min=\"1\" max=\"99\"></div>",
		      num, num, num);
		HTMLF(&h, "<div class=\"check\"><input type=\"radio\" id=\"phase-%d-current\" name=\"current\" "
			  "value=\"%d\"%s><label for=\"phase-%d-current\">",
		      num, num, current == (int)i ? " checked" : "", num);
		html_msg(&h, MSG_ARENA_PHASE_CURRENT);
		HTML(&h, "</label></div>");
		if (p) {
			HTMLF(&h, "<div class=\"check\"><input type=\"checkbox\" id=\"phase-%d-delete\" "
				  "name=\"phase-%d-delete\" value=\"1\"><label for=\"phase-%d-delete\">",
			      num, num, num);
			html_msg(&h, MSG_ARENA_PHASE_DELETE);
			HTML(&h, "</label></div>");
		}
		HTML(&h, "</fieldset>\n");
	}
	widget_form_end(&h, MSG_FORM_SAVE);
	layout_end(&h, r);
}

/* GET /arenas/{id}/phases: 200 (facilitators); 404. */
int web_arena_phases(struct req *r)
{
	struct arena a;
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	int current = -1;
	for (size_t i = 0; i < a.nphases; i++)
		if (a.phases[i].id == a.current_phase_id)
			current = (int)i;
	phases_form(r, &a, a.phases, a.nphases, current, NULL);
	return 200;
}

struct phase_row {
	struct arena_phase p;
	long order;
	int current;
};

static int by_order(const void *x, const void *y)
{
	const struct phase_row *a = x, *b = y;
	return a->order != b->order ? (a->order < b->order ? -1 : 1) : (a->p.position - b->p.position);
}

/* An arena's phases, all replaced by web_tx; a new current phase is told
 * to the arena's followers. */
struct phases_args {
	const struct arena *arena;
	const struct arena_phase *phases;
	size_t n;
	int current;
	struct field_errors errs;
};

static enum model_rc phases_tx(struct req *r, void *arg)
{
	struct phases_args *p = arg;
	enum model_rc rc = arena_set_phases(r->db, p->arena->id, p->phases, p->n, p->current, &p->errs);
	return rc == MODEL_OK ? web_tell_phase(r, p->arena, p->phases, p->n, p->current) : rc;
}

/* POST /arenas/{id}/phases: 303 to the arena; 400 with errors (names
 * missing, dates in the wrong order); 404. */
int web_arena_set_phases(struct req *r)
{
	struct arena a;
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct phase_row rows[ARENA_MAX_PHASES + 1];
	size_t n = 0;
	const char *cur = req_form(r, "current");
	long current_row = cur ? strtol(cur, NULL, 10) : 0;
	for (int num = 1; num <= ARENA_MAX_PHASES + 1; num++) {
		char key[32];
		snprintf(key, sizeof key, "phase-%d-name", num);
		const char *name = req_form(r, key);
		snprintf(key, sizeof key, "phase-%d-delete", num);
		if (name == NULL || req_form(r, key) || (num > (int)a.nphases && *name == '\0'))
			continue;
		struct phase_row *row = &rows[n++];
		row->p = (struct arena_phase){ .position = num, .name = name };
		snprintf(key, sizeof key, "phase-%d-kind", num);
		int k = phase_kind_parse(req_form(r, key));
		row->p.kind = k < 0 ? PHASE_OTHER : (enum phase_kind)k;
		snprintf(key, sizeof key, "phase-%d-start", num);
		row->p.starts_on = req_form(r, key);
		snprintf(key, sizeof key, "phase-%d-end", num);
		row->p.ends_on = req_form(r, key);
		snprintf(key, sizeof key, "phase-%d-order", num);
		const char *order = req_form(r, key);
		row->order = order && *order ? strtol(order, NULL, 10) : num;
		row->current = current_row == num;
		if (n > ARENA_MAX_PHASES)
			break;
	}
	qsort(rows, n, sizeof rows[0], by_order);
	struct arena_phase phases[ARENA_MAX_PHASES + 1];
	int current = -1;
	for (size_t i = 0; i < n; i++) {
		phases[i] = rows[i].p;
		if (rows[i].current)
			current = (int)i;
	}
	struct phases_args p = { &a, phases, n, current, { .n = 0 } };
	rc = web_tx(r, phases_tx, &p);
	if (rc == MODEL_INVALID) {
		phases_form(r, &a, phases, n > ARENA_MAX_PHASES ? ARENA_MAX_PHASES : n, current, &p.errs);
		return 400;
	}
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/arenas/%lld#phases", (long long)a.id), DONE_PHASES_SAVED);
}

/* An invitation and the mail to its contact, written by web_tx; the
 * organisation's people are told. */
struct invite_args {
	const struct arena *arena;
	int64_t org_id;
	struct field_errors errs;
};

/* An organisation not on the list yet, added while inviting it: its
 * errors are said beside the invitation form's own fields. */
static enum model_rc add_organisation(struct req *r, struct invite_args *x)
{
	struct organisation o = { .name = req_form(r, "new_name"), .lang = x->arena->lang };
	int sector = sector_parse(req_form(r, "new_sector"));
	o.sector = sector < 0 ? SECTOR__MAX : (enum sector)sector;
	struct field_errors errs = { .n = 0 };
	enum model_rc rc = organisation_create(r->db, &o, &x->org_id, &errs);
	for (int i = 0; i < errs.n; i++)
		field_error_add(&x->errs, strcmp(errs.items[i].field, "sector") == 0 ? "new_sector" : "new_name",
				errs.items[i].msg);
	return rc == MODEL_CONFLICT ? MODEL_INVALID : rc;
}

static enum model_rc invite_tx(struct req *r, void *arg)
{
	struct invite_args *x = arg;
	const char *email = req_form(r, "contact_email"), *new_name = req_form(r, "new_name");
	enum model_rc rc = MODEL_OK;
	if (new_name && !text_blank(new_name))
		rc = add_organisation(r, x);
	else if (x->org_id <= 0) {
		field_error_add(&x->errs, "organisation", MSG_ARENA_INVITE_WHICH);
		rc = MODEL_INVALID;
	}
	if (rc == MODEL_OK)
		rc = arena_invite(r->db, x->arena->id, x->org_id, req_form(r, "contact_name"), email, &x->errs);
	if (rc == MODEL_OK)
		rc = web_tell_invitation(r, x->arena, x->org_id);
	if (rc == MODEL_OK && email && *email) {
		const char *link = region_printf(r->region, "%s/arenas/%lld", mail_link(r, "", ""),
						 (long long)x->arena->id);
		const char *args[] = { x->arena->title, link };
		rc = mail_queue(r, 0, email, x->arena->lang, MSG_MAIL_INVITE_SUBJECT, MSG_MAIL_INVITE_BODY, args,
				2);
	}
	return rc;
}

/* POST /arenas/{id}/organisations (organisation, contact_name,
 * contact_email): 303 to the arena (the contact gets a mail); 400 with
 * errors; 409 already invited; 404. */
int web_arena_invite(struct req *r)
{
	struct arena a;
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *org = req_form(r, "organisation");
	struct invite_args x = { &a, route_id(org), { .n = 0 } };
	rc = web_tx(r, invite_tx, &x);
	if (rc == MODEL_INVALID || rc == MODEL_CONFLICT)
		return arena_page(r, rc == MODEL_CONFLICT ? 409 : 400, &x.errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/arenas/%lld#who", (long long)a.id), DONE_INVITED);
}

void web_invitation(struct html *h, struct req *r, const struct arena_member *m, int with_arena)
{
	const char *args[] = { m->organisation_name, m->arena_title };
	static const enum msg says[INVITATION__MAX] = {
		[INVITED] = MSG_ARENA_INVITATION_FOR,
		[ACCEPTED] = MSG_ARENA_INVITATION_ACCEPTED,
		[DECLINED] = MSG_ARENA_INVITATION_DECLINED,
	};
	HTMLF(h, "<div class=\"%s\"><p>", m->status == INVITED ? "notice" : "invitation");
	if (with_arena) {
		HTMLF(h, "<a href=\"/arenas/%lld\">%s</a>: ", (long long)m->arena_id, m->arena_title);
	}
	html_msgv(h, says[m->status], args, 2);
	HTML(h, "</p>");
	const char *base = region_printf(r->region, "/arenas/%lld/organisations/%lld", (long long)m->arena_id,
					 (long long)m->organisation_id);
	if (m->status == ACCEPTED) {
		/* Asked on a page of its own, which names the arena. */
		HTMLF(h, "<p><a href=\"%s/withdraw\">", base);
		html_msg(h, MSG_ARENA_WITHDRAW);
		HTMLF(h, "<span class=\"visually-hidden\"> %s</span></a></p></div>", m->arena_title);
		return;
	}
	widget_form_begin(h, r, region_printf(r->region, "%s/respond", base));
	HTML(h, "<button type=\"submit\" name=\"answer\" value=\"accept\">");
	html_msg(h, MSG_ARENA_ACCEPT);
	HTMLF(h, "<span class=\"visually-hidden\"> %s</span></button>", m->arena_title);
	if (m->status == INVITED) {
		HTML(h, " <button type=\"submit\" class=\"secondary\" name=\"answer\" value=\"decline\">");
		html_msg(h, MSG_ARENA_DECLINE);
		HTMLF(h, "<span class=\"visually-hidden\"> %s</span></button>", m->arena_title);
	}
	HTML(h, "</form></div>");
}

/* GET /arenas/{id}/organisations/{org}/withdraw: 200 the question, naming
 * the organisation and the arena (its representatives); 404 not
 * invited. */
int web_arena_withdraw_confirm(struct req *r)
{
	struct arena_member *m;
	size_t n = 0, i = 0;
	enum model_rc rc = arena_memberships_of(r->db, r->region, r->params[1], &m, &n);
	while (rc == MODEL_OK && i < n && m[i].arena_id != r->params[0])
		i++;
	if (rc == MODEL_OK && i == n)
		rc = MODEL_NOT_FOUND;
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *args[] = { m[i].organisation_name, m[i].arena_title };
	struct buf what = BUF_INIT(2048);
	msg_format(&what, r->lang, MSG_CONFIRM_WITHDRAW, args, 2);
	const struct web_confirm c = {
		.what = region_strdup(r->region, buf_str(&what)),
		.consequence = MSG_CONFIRM_WITHDRAW_CONSEQUENCE,
		.action = region_printf(r->region, "/arenas/%lld/organisations/%lld/respond", (long long)r->params[0],
					(long long)r->params[1]),
		.submit = MSG_CONFIRM_WITHDRAW_SUBMIT,
		.back = region_printf(r->region, "/arenas/%lld#who", (long long)r->params[0]),
		.danger = 1,
		.nav = NAV_ARENAS,
		.hidden = { { "answer", "withdraw" } },
	};
	buf_free(&what);
	return web_confirm(r, &c);
}

/* An organisation's answer (a withdrawal is a refusal after accepting),
 * written by web_tx; a representative who accepts follows the arena
 * (they take part). */
static enum model_rc respond_tx(struct req *r, void *arg)
{
	int accept = *(const int *)arg;
	enum model_rc rc = arena_respond(r->db, r->params[0], r->params[1], accept);
	return rc == MODEL_OK && accept ? follow_taking_part(r->db, r->user_id, FOLLOW_ARENA, r->params[0]) : rc;
}

/* POST /arenas/{id}/organisations/{org}/respond (answer accept, decline
 * or withdraw, after accepting): 303 to the arena; 400 no answer; 404 not
 * invited. The route checks that the caller represents organisation
 * {org}. */
int web_arena_respond(struct req *r)
{
	const char *answer = req_form(r, "answer");
	int accept = answer && strcmp(answer, "accept") == 0;
	int withdraw = answer && strcmp(answer, "withdraw") == 0;
	if (!accept && !withdraw && !(answer && strcmp(answer, "decline") == 0))
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	enum model_rc rc = web_tx(r, respond_tx, &accept);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "/arenas/%lld#who", (long long)r->params[0]),
				 accept ? DONE_INVITATION_ACCEPTED : withdraw ? DONE_INVITATION_WITHDRAWN
									  : DONE_INVITATION_DECLINED);
}
