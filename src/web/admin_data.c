/*
 * admin_data.c: staff keep the platform's own data: local areas, themes
 * (one set of pages for both vocabularies, told apart by the path) and
 * organisations: a list with what can be done to each, forms to add and
 * change, and retiring (confirmed; what is in use keeps it) or deleting
 * what nothing uses (confirmed). Administrators only (the route table).
 * The same is done from the command line by `samskab area|theme|
 * organisation` (cmd/data.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/area.h"
#include "model/organisation.h"
#include "model/theme.h"
#include "web/layout.h"
#include "web/markdown.h"
#include "web/web.h"
#include "web/widget.h"

/* A vocabulary's pages. */
struct vocab {
	const char *base;        /* its administration, e.g. /admin/areas */
	const char *public_base; /* its public pages, e.g. /areas */
	struct term_table *table;
	enum msg title, add, edit, name_label;
	enum done created, saved, retired, restored, deleted;
};

static const struct vocab vocabs[] = {
	{ "/admin/areas", "/areas", &area_terms, MSG_AREAS_TITLE, MSG_ADMIN_AREA_NEW, MSG_ADMIN_AREA_EDIT,
	  MSG_ADMIN_AREA_NAME, DONE_AREA_CREATED, DONE_AREA_SAVED, DONE_AREA_RETIRED, DONE_AREA_RESTORED,
	  DONE_AREA_DELETED },
	{ "/admin/themes", "/themes", &theme_terms, MSG_THEMES_TITLE, MSG_ADMIN_THEME_NEW, MSG_ADMIN_THEME_EDIT,
	  MSG_ADMIN_THEME_NAME, DONE_THEME_CREATED, DONE_THEME_SAVED, DONE_THEME_RETIRED, DONE_THEME_RESTORED,
	  DONE_THEME_DELETED },
};

/* The vocabulary the path is about (the routes name only these two). */
static const struct vocab *vocab_of(struct req *r)
{
	for (size_t i = 0; i < sizeof vocabs / sizeof vocabs[0]; i++)
		if (strncmp(r->path, vocabs[i].base, strlen(vocabs[i].base)) == 0)
			return &vocabs[i];
	return &vocabs[0];
}

/* The content languages to choose from, as <select> options. */
static struct option *language_options(struct req *r)
{
	struct option *langs = region_calloc(r->region, i18n_count(), sizeof *langs);
	for (size_t i = 0; i < i18n_count(); i++)
		langs[i] = (struct option){ i18n_at(i)->code, i18n_at(i)->name };
	return langs;
}

/* A form's content language: one of the catalogues', else the page's. */
static const char *form_lang(struct req *r)
{
	const char *lang = req_form(r, "lang");
	return lang && i18n_find(lang) ? lang : r->lang->code;
}

/* "In use" or "Retired", as a tag. */
static void state_tag(struct html *h, int64_t retired_at)
{
	HTMLF(h, "<span class=\"tag %s\">", retired_at ? "tag-closed" : "tag-open");
	html_msg(h, retired_at ? MSG_ADMIN_RETIRED : MSG_ADMIN_IN_USE);
	HTML(h, "</span>");
}

/* What can be done to one thing: change it, retire or restore it, and
 * delete it while nothing uses it. base: its administration's path with
 * its id ("/admin/areas/3"). */
static void row_actions(struct html *h, struct req *r, const char *base, const char *name, int64_t retired_at,
			int64_t uses)
{
	HTMLF(h, "<ul class=\"row-actions\"><li><a href=\"%s/edit\">", base);
	html_msg(h, MSG_ADMIN_EDIT);
	HTMLF(h, "<span class=\"visually-hidden\"> %s</span></a></li><li>", name);
	if (retired_at) {
		widget_form_begin(h, r, region_printf(r->region, "%s/restore", base));
		HTML(h, "<button type=\"submit\" class=\"link\">");
		html_msg(h, MSG_ADMIN_RESTORE);
		HTMLF(h, "<span class=\"visually-hidden\"> %s</span></button></form>", name);
	} else {
		HTMLF(h, "<a href=\"%s/retire\">", base);
		html_msg(h, MSG_ADMIN_RETIRE);
		HTMLF(h, "<span class=\"visually-hidden\"> %s</span></a>", name);
	}
	HTML(h, "</li>");
	if (uses == 0) {
		HTMLF(h, "<li><a href=\"%s/delete\">", base);
		html_msg(h, MSG_ADMIN_DELETE);
		HTMLF(h, "<span class=\"visually-hidden\"> %s</span></a></li>", name);
	}
	HTML(h, "</ul>");
}

/* GET /admin/areas, /admin/themes: 200 every term, retired ones too. */
int web_admin_terms(struct req *r)
{
	const struct vocab *v = vocab_of(r);
	struct term *items;
	size_t n = 0;
	enum model_rc rc = term_list(r->db, v->table, r->region, 1, &items, &n);
	int64_t *uses = region_calloc(r->region, n + 1, sizeof *uses);
	for (size_t i = 0; rc == MODEL_OK && i < n; i++)
		rc = term_uses(r->db, v->table, items[i].id, &uses[i]);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, v->title), NAV_NONE);
	web_admin_crumbs(&h);
	HTML(&h, "<h1>");
	html_msg(&h, v->title);
	HTMLF(&h, "</h1>\n<p><a class=\"button\" href=\"%s/new\">", v->base);
	html_msg(&h, v->add);
	HTML(&h, "</a></p>\n<ul class=\"rows admin-rows\">");
	for (size_t i = 0; i < n; i++) {
		HTMLF(&h, "<li><a href=\"%s/%lld\"", v->public_base, (long long)items[i].id);
		html_lang_attr(&h, items[i].lang);
		HTMLF(&h, ">%s</a> ", items[i].name);
		state_tag(&h, items[i].retired_at);
		row_actions(&h, r, region_printf(r->region, "%s/%lld", v->base, (long long)items[i].id), items[i].name,
			    items[i].retired_at, uses[i]);
		HTML(&h, "</li>");
	}
	HTML(&h, "</ul>\n");
	if (n == 0) {
		HTML(&h, "<p>");
		html_msg(&h, MSG_ADMIN_NONE_YET);
		HTML(&h, "</p>\n");
	}
	layout_end(&h, r);
	return 200;
}

static const struct field term_fields[] = {
	{ "name", MSG_ACCOUNT_NAME, FIELD_TEXT, NULL, "off", MSG__MAX, 1, 200 },
	{ "description", MSG_ARENA_DESCRIPTION, FIELD_TEXTAREA, NULL, NULL, MSG_FORM_MARKDOWN_HINT, 0, 0 },
};
#define NTERM_FIELDS (sizeof term_fields / sizeof term_fields[0])

static int term_form(struct req *r, int status, const struct vocab *v, const char *action, const struct term *t,
		     const struct field_errors *errs)
{
	enum msg title = strstr(action, "/new") ? v->add : v->edit;
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, title), NAV_NONE);
	web_admin_crumbs(&h);
	HTML(&h, "<h1>");
	html_msg(&h, title);
	HTML(&h, "</h1>\n");
	widget_errors(&h, errs, term_fields, NTERM_FIELDS);
	widget_form_begin(&h, r, action);
	struct field f = term_fields[0];
	f.label = v->name_label;
	f.value = t->name;
	widget_field(&h, &f, errs);
	f = term_fields[1];
	f.value = t->description;
	widget_field(&h, &f, errs);
	widget_select(&h, "lang", MSG_FORM_CONTENT_LANGUAGE, language_options(r), i18n_count(),
		      t->lang ? t->lang : r->lang->code, errs);
	widget_form_end(&h, MSG_FORM_SAVE);
	layout_end(&h, r);
	return status;
}

/* GET /admin/areas/new, /admin/themes/new: 200. */
int web_admin_term_new(struct req *r)
{
	const struct vocab *v = vocab_of(r);
	const struct term t = { .lang = r->lang->code };
	return term_form(r, 200, v, region_printf(r->region, "%s/new", v->base), &t, NULL);
}

/* A term as typed, written by web_tx (new when id is 0). */
struct term_args {
	const struct vocab *v;
	int64_t id;
	struct term t;
	struct field_errors errs;
};

static enum model_rc term_save_tx(struct req *r, void *arg)
{
	struct term_args *x = arg;
	return x->id ? term_update(r->db, x->v->table, x->id, &x->t, &x->errs)
		     : term_create(r->db, x->v->table, &x->t, &x->id, &x->errs);
}

/* POST .../new and .../{id}/edit (name, description, lang): 303 to the
 * list; 400 with errors; 409 the name is taken; 404. */
static int term_save(struct req *r, int64_t id)
{
	const struct vocab *v = vocab_of(r);
	struct term_args x = { v, id, { 0, req_form(r, "name"), req_form(r, "description"), form_lang(r), 0 },
			       { .n = 0 } };
	enum model_rc rc = web_tx(r, term_save_tx, &x);
	if (rc == MODEL_INVALID || rc == MODEL_CONFLICT)
		return term_form(r, rc == MODEL_CONFLICT ? 409 : 400, v,
				 id ? region_printf(r->region, "%s/%lld/edit", v->base, (long long)id)
				    : region_printf(r->region, "%s/new", v->base),
				 &x.t, &x.errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, v->base, id ? v->saved : v->created);
}

int web_admin_term_create(struct req *r)
{
	return term_save(r, 0);
}

/* GET .../{id}/edit: 200; 404. */
int web_admin_term_edit(struct req *r)
{
	const struct vocab *v = vocab_of(r);
	struct term t;
	enum model_rc rc = term_get(r->db, v->table, r->region, r->params[0], &t);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return term_form(r, 200, v, region_printf(r->region, "%s/%lld/edit", v->base, (long long)t.id), &t, NULL);
}

int web_admin_term_update(struct req *r)
{
	return term_save(r, r->params[0]);
}

/* "»Aarup« is used by 4 (arenas, organisations, people ...)." */
static const char *uses_sentence(struct req *r, enum msg m, const char *name, int64_t uses)
{
	char count[24];
	snprintf(count, sizeof count, "%lld", (long long)uses);
	const char *args[] = { name, count };
	struct buf out = BUF_INIT(2048);
	msg_format(&out, r->lang, m, args, 2);
	const char *s = region_strdup(r->region, buf_str(&out));
	buf_free(&out);
	return s;
}

/* The confirmation of retiring (retire) or deleting something named
 * name, used uses times, at base ("/admin/areas/3"), back to list. */
static int retire_or_delete_confirm(struct req *r, int retire, const char *base, const char *list, const char *name,
				    int64_t uses)
{
	const struct web_confirm c = {
		.what = uses_sentence(r, retire ? MSG_CONFIRM_RETIRE : MSG_CONFIRM_DELETE, name, uses),
		.consequence = retire ? MSG_CONFIRM_RETIRE_CONSEQUENCE : MSG_CONFIRM_DELETE_CONSEQUENCE,
		.action = region_printf(r->region, "%s/%s", base, retire ? "retire" : "delete"),
		.submit = retire ? MSG_CONFIRM_RETIRE_SUBMIT : MSG_CONFIRM_DELETE_SUBMIT,
		.back = list,
		.danger = !retire,
		.refuse = !retire && uses > 0,
		.refused = MSG_ADMIN_IN_USE_NO_DELETE,
	};
	return web_confirm(r, &c);
}

/* GET .../{id}/retire and .../{id}/delete: 200 the question (deleting
 * what is in use: why it cannot be, and to retire it instead); 404. */
static int term_confirm(struct req *r, int retire)
{
	const struct vocab *v = vocab_of(r);
	struct term t;
	int64_t uses = 0;
	enum model_rc rc = term_get(r->db, v->table, r->region, r->params[0], &t);
	if (rc == MODEL_OK)
		rc = term_uses(r->db, v->table, t.id, &uses);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return retire_or_delete_confirm(r, retire, region_printf(r->region, "%s/%lld", v->base, (long long)t.id),
					v->base, t.name, uses);
}

int web_admin_term_retire_confirm(struct req *r)
{
	return term_confirm(r, 1);
}

int web_admin_term_delete_confirm(struct req *r)
{
	return term_confirm(r, 0);
}

/* What a retire, restore or delete does to params[0], written by web_tx. */
enum change { CHANGE_RETIRE, CHANGE_RESTORE, CHANGE_DELETE };

/* Makes change c by tx in a transaction: 303 to list saying done[c];
 * 404; 409 deleting what is in use. */
static int change_answer(struct req *r, enum model_rc (*tx)(struct req *, void *), enum change c, const char *list,
			 const enum done done[])
{
	enum model_rc rc = web_tx(r, tx, &c);
	if (rc == MODEL_CONFLICT)
		return req_fail(r, 409, MSG_ADMIN_IN_USE_NO_DELETE);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, list, done[c]);
}

static enum model_rc term_change_tx(struct req *r, void *arg)
{
	enum change c = *(const enum change *)arg;
	struct term_table *t = vocab_of(r)->table;
	return c == CHANGE_DELETE ? term_delete(r->db, t, r->params[0])
				  : term_retire(r->db, t, r->params[0], c == CHANGE_RETIRE);
}

/* POST .../{id}/retire, .../restore, .../delete: 303 to the list; 404;
 * 409 deleting what is in use. */
static int term_change(struct req *r, enum change c)
{
	const struct vocab *v = vocab_of(r);
	const enum done done[] = { [CHANGE_RETIRE] = v->retired, [CHANGE_RESTORE] = v->restored,
				   [CHANGE_DELETE] = v->deleted };
	return change_answer(r, term_change_tx, c, v->base, done);
}

int web_admin_term_retire(struct req *r)
{
	return term_change(r, CHANGE_RETIRE);
}

int web_admin_term_restore(struct req *r)
{
	return term_change(r, CHANGE_RESTORE);
}

int web_admin_term_delete(struct req *r)
{
	return term_change(r, CHANGE_DELETE);
}

/* GET /admin/organisations: 200 every organisation, retired ones too. */
int web_admin_organisations(struct req *r)
{
	struct organisation_filter all = { .sector = -1, .retired = 1 };
	struct paging p = { 1, 10000, 0 };
	struct organisation *items;
	size_t n = 0;
	enum model_rc rc = organisation_list(r->db, r->region, &all, &p, &items, &n);
	int64_t *uses = region_calloc(r->region, n + 1, sizeof *uses);
	for (size_t i = 0; rc == MODEL_OK && i < n; i++)
		rc = organisation_uses(r->db, items[i].id, &uses[i]);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_ORGANISATIONS_TITLE), NAV_NONE);
	web_admin_crumbs(&h);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_ORGANISATIONS_TITLE);
	HTML(&h, "</h1>\n<p><a class=\"button\" href=\"/admin/organisations/new\">");
	html_msg(&h, MSG_ADMIN_ORGANISATION_NEW);
	HTML(&h, "</a></p>\n<ul class=\"rows admin-rows\">");
	for (size_t i = 0; i < n; i++) {
		HTMLF(&h, "<li><a href=\"/organisations/%lld\"", (long long)items[i].id);
		html_lang_attr(&h, items[i].lang);
		HTMLF(&h, ">%s</a> <span class=\"tag\">", items[i].name);
		html_msg(&h, sector_msg(items[i].sector));
		HTML(&h, "</span> ");
		state_tag(&h, items[i].retired_at);
		row_actions(&h, r, region_printf(r->region, "/admin/organisations/%lld", (long long)items[i].id),
			    items[i].name, items[i].retired_at, uses[i]);
		HTML(&h, "</li>");
	}
	HTML(&h, "</ul>\n");
	if (n == 0) {
		HTML(&h, "<p>");
		html_msg(&h, MSG_ADMIN_NONE_YET);
		HTML(&h, "</p>\n");
	}
	layout_end(&h, r);
	return 200;
}

/* The organisation form's fields; sector and area are <select>s. */
enum org_field { ORG_F_NAME, ORG_F_SECTOR, ORG_F_AREA, ORG_F_WEBSITE, ORG_F_DESCRIPTION, ORG_F_IMAGE, ORG_F_IMAGE_ALT,
		 ORG_F__MAX };

static const struct field org_fields[] = {
	[ORG_F_NAME] = { "name", MSG_ADMIN_ORGANISATION_NAME, FIELD_TEXT, NULL, "off", MSG__MAX, 1, 200 },
	[ORG_F_SECTOR] = { "sector", MSG_ORGANISATION_SECTOR, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
	[ORG_F_AREA] = { "area", MSG_ORGANISATION_AREA, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
	[ORG_F_WEBSITE] = { "website", MSG_ORGANISATION_WEBSITE, FIELD_URL, NULL, "off", MSG__MAX, 0, 500 },
	[ORG_F_DESCRIPTION] = { "description", MSG_ARENA_DESCRIPTION, FIELD_TEXTAREA, NULL, NULL,
				MSG_FORM_MARKDOWN_HINT, 0, 0 },
	[ORG_F_IMAGE] = { "image", MSG_IMAGE_FIELD, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
	[ORG_F_IMAGE_ALT] = { "image_alt", MSG_IMAGE_ALT, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
};
_Static_assert(sizeof org_fields / sizeof org_fields[0] == ORG_F__MAX, "a field for every ORG_F_");

void web_sector_select(struct html *h, struct req *r, const char *name, int selected,
		       const struct field_errors *errs)
{
	struct option o[SECTOR__MAX];
	for (int s = 0; s < SECTOR__MAX; s++)
		o[s] = (struct option){ sector_code((enum sector)s), msg_get(r->lang, sector_msg((enum sector)s)) };
	widget_select(h, name, MSG_ORGANISATION_SECTOR, o, SECTOR__MAX,
		      (unsigned)selected < SECTOR__MAX ? sector_code((enum sector)selected) : NULL, errs);
}

static int org_form(struct req *r, int status, const char *action, const struct organisation *o,
		    const struct field_errors *errs)
{
	struct term *areas;
	size_t nareas = 0;
	enum model_rc rc = area_list(r->db, r->region, &areas, &nareas);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	enum msg title = o->id ? MSG_ADMIN_ORGANISATION_EDIT : MSG_ADMIN_ORGANISATION_NEW;
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, title), NAV_NONE);
	web_admin_crumbs(&h);
	HTML(&h, "<h1>");
	html_msg(&h, title);
	HTML(&h, "</h1>\n");
	widget_errors(&h, errs, org_fields, ORG_F__MAX);
	widget_form_begin_upload(&h, r, action);
	struct field f = org_fields[ORG_F_NAME];
	f.value = o->name;
	widget_field(&h, &f, errs);
	web_sector_select(&h, r, "sector", (int)o->sector, errs);
	widget_area_select(&h, r, areas, nareas, MSG_STORY_NO_AREA, o->area_id, errs);
	f = org_fields[ORG_F_WEBSITE];
	f.value = o->website;
	widget_field(&h, &f, errs);
	f = org_fields[ORG_F_DESCRIPTION];
	f.value = o->description;
	widget_field(&h, &f, errs);
	web_image_fields(&h, r, MSG_IMAGE_FIELD, o->image.id, o->image_alt ? o->image_alt : "", errs);
	widget_select(&h, "lang", MSG_FORM_CONTENT_LANGUAGE, language_options(r), i18n_count(),
		      o->lang ? o->lang : r->lang->code, errs);
	widget_form_end(&h, MSG_FORM_SAVE);
	layout_end(&h, r);
	return status;
}

/* GET /admin/organisations/new: 200. */
int web_admin_organisation_new(struct req *r)
{
	const struct organisation o = { .sector = SECTOR_VOLUNTARY, .lang = r->lang->code };
	return org_form(r, 200, "/admin/organisations/new", &o, NULL);
}

/* GET /admin/organisations/{id}/edit: 200; 404. */
int web_admin_organisation_edit(struct req *r)
{
	struct organisation o;
	enum model_rc rc = organisation_get(r->db, r->region, r->params[0], &o);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return org_form(r, 200, region_printf(r->region, "/admin/organisations/%lld/edit", (long long)o.id), &o, NULL);
}

int web_organisation_from_form(struct req *r, const char *prefix, struct organisation *o, struct field_errors *errs)
{
	const char *name = req_form(r, region_printf(r->region, "%sname", prefix));
	int sector = sector_parse(req_form(r, region_printf(r->region, "%ssector", prefix)));
	o->name = name;
	o->sector = sector < 0 ? SECTOR__MAX : (enum sector)sector;
	o->website = req_form(r, region_printf(r->region, "%swebsite", prefix));
	o->description = req_form(r, region_printf(r->region, "%sdescription", prefix));
	o->lang = form_lang(r);
	o->image_alt = req_form(r, "image_alt");
	const char *area = req_form(r, region_printf(r->region, "%sarea", prefix));
	o->area_id = 0;
	if (area && *area) {
		char *end;
		o->area_id = strtoll(area, &end, 10);
		if (*end || o->area_id <= 0) {
			field_error_add(errs, region_printf(r->region, "%sarea", prefix), MSG_FORM_CHOOSE_ONE);
			return -1;
		}
	}
	return 0;
}

/* An organisation as typed, written by web_tx (new when id is 0). */
struct org_args {
	int64_t id;
	struct organisation o;
	struct field_errors errs;
};

static enum model_rc org_save_tx(struct req *r, void *arg)
{
	struct org_args *x = arg;
	return x->id ? organisation_update(r->db, x->id, &x->o, &x->errs)
		     : organisation_create(r->db, &x->o, &x->id, &x->errs);
}

/* POST /admin/organisations/new and .../{id}/edit: 303 to the list; 400
 * with errors; 409 the name is taken; 404. */
static int org_save(struct req *r, int64_t id)
{
	struct org_args x = { id, { 0 }, { .n = 0 } };
	struct organisation old = { 0 };
	enum model_rc rc = id ? organisation_get(r->db, r->region, id, &old) : MODEL_OK;
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	web_organisation_from_form(r, "", &x.o, &x.errs);
	x.o.id = id;
	rc = web_image_take(r, old.image.id, &x.o.image.id, &x.errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	/* The model checks the rest; nothing is stored while errs has any. */
	rc = web_tx(r, org_save_tx, &x);
	const char *action = id ? region_printf(r->region, "/admin/organisations/%lld/edit", (long long)id)
				: "/admin/organisations/new";
	if (rc == MODEL_INVALID || rc == MODEL_CONFLICT)
		return org_form(r, rc == MODEL_CONFLICT ? 409 : 400, action, &x.o, &x.errs);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, "/admin/organisations", id ? DONE_ORGANISATION_SAVED : DONE_ORGANISATION_CREATED);
}

int web_admin_organisation_create(struct req *r)
{
	return org_save(r, 0);
}

int web_admin_organisation_update(struct req *r)
{
	return org_save(r, r->params[0]);
}

static int org_confirm(struct req *r, int retire)
{
	struct organisation o;
	int64_t uses = 0;
	enum model_rc rc = organisation_get(r->db, r->region, r->params[0], &o);
	if (rc == MODEL_OK)
		rc = organisation_uses(r->db, o.id, &uses);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return retire_or_delete_confirm(r, retire,
					region_printf(r->region, "/admin/organisations/%lld", (long long)o.id),
					"/admin/organisations", o.name, uses);
}

/* GET /admin/organisations/{id}/retire, .../delete: 200; 404. */
int web_admin_organisation_retire_confirm(struct req *r)
{
	return org_confirm(r, 1);
}

int web_admin_organisation_delete_confirm(struct req *r)
{
	return org_confirm(r, 0);
}

static enum model_rc org_change_tx(struct req *r, void *arg)
{
	enum change c = *(const enum change *)arg;
	return c == CHANGE_DELETE ? organisation_delete(r->db, r->params[0])
				  : organisation_retire(r->db, r->params[0], c == CHANGE_RETIRE);
}

/* POST /admin/organisations/{id}/retire, .../restore, .../delete: 303 to
 * the list; 404; 409 deleting one that takes part in anything. */
static int org_change(struct req *r, enum change c)
{
	static const enum done done[] = { [CHANGE_RETIRE] = DONE_ORGANISATION_RETIRED,
					  [CHANGE_RESTORE] = DONE_ORGANISATION_RESTORED,
					  [CHANGE_DELETE] = DONE_ORGANISATION_DELETED };
	return change_answer(r, org_change_tx, c, "/admin/organisations", done);
}

int web_admin_organisation_retire(struct req *r)
{
	return org_change(r, CHANGE_RETIRE);
}

int web_admin_organisation_restore(struct req *r)
{
	return org_change(r, CHANGE_RESTORE);
}

int web_admin_organisation_delete(struct req *r)
{
	return org_change(r, CHANGE_DELETE);
}
