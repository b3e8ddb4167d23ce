/*
 * arena.c: co-creation arenas (see arena.h).
 */
#include "model/arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tz.h"
#include "model/account.h"
#include "model/image.h"
#include "model/role.h"
#include "model/text.h"
#include "model/theme.h"

static const char *const status_codes[] = { [ARENA_OPEN] = "open", [ARENA_CLOSED] = "closed" };
_Static_assert(sizeof status_codes / sizeof status_codes[0] == ARENA_STATUS__MAX, "a code for every status");
static const struct {
	const char *code;
	enum msg name;
} phase_kinds[] = {
	[PHASE_DIALOGUE] = { "dialogue", MSG_PHASE_DIALOGUE },
	[PHASE_DRAFTING] = { "drafting", MSG_PHASE_DRAFTING },
	[PHASE_COUNCIL] = { "council", MSG_PHASE_COUNCIL },
	[PHASE_FOLLOWUP] = { "followup", MSG_PHASE_FOLLOWUP },
	[PHASE_OTHER] = { "other", MSG_PHASE_OTHER },
};
_Static_assert(sizeof phase_kinds / sizeof phase_kinds[0] == PHASE__MAX, "a code for every phase kind");
static const struct {
	const char *code;
	enum msg name;
} invitations[] = {
	[INVITED] = { "invited", MSG_INVITATION_INVITED },
	[ACCEPTED] = { "accepted", MSG_INVITATION_ACCEPTED },
	[DECLINED] = { "declined", MSG_INVITATION_DECLINED },
};
_Static_assert(sizeof invitations / sizeof invitations[0] == INVITATION__MAX, "a code for every invitation");

#define ARENA_COLUMNS                                                                           \
	"a.id, a.title, a.theme_id, t.name, a.description, a.status, a.current_phase_id, p.name, " \
	"p.kind, a.lang, a.created_at, a.updated_at, t.lang, " IMAGE_REF_COLUMNS("a.image_id")   \
	", a.image_alt FROM arena a JOIN theme t ON t.id = a.theme_id "                          \
	"LEFT JOIN arena_phase p ON p.id = a.current_phase_id " IMAGE_REF_JOIN("a.image_id")
#define ARENA_FILTER                                                                            \
	"WHERE (CAST(? AS BIGINT) = 0 OR a.theme_id = ?) AND (CAST(? AS BIGINT) = 0 OR EXISTS "   \
	"(SELECT 1 FROM arena_area x WHERE x.arena_id = a.id AND x.area_id = ?)) AND "           \
	"(CAST(? AS TEXT) IS NULL OR p.kind = ?) AND (CAST(? AS TEXT) IS NULL OR a.status = ?) "

static struct store_sql count_sql = STORE_SQL(
	"SELECT COUNT(*) FROM arena a LEFT JOIN arena_phase p ON p.id = a.current_phase_id " ARENA_FILTER);
static struct store_sql list_sql = STORE_SQL(
	"SELECT " ARENA_COLUMNS ARENA_FILTER
	"ORDER BY CASE a.status WHEN 'open' THEN 0 ELSE 1 END, a.title_key, a.id LIMIT ? OFFSET ?");
static struct store_sql get_sql = STORE_SQL("SELECT " ARENA_COLUMNS "WHERE a.id = ?");
static struct store_sql areas_sql = STORE_SQL(
	"SELECT ar.id, ar.name, ar.description, ar.lang FROM arena_area x JOIN area ar ON "
	"ar.id = x.area_id WHERE x.arena_id = ? ORDER BY ar.name_key, ar.id");
static struct store_sql phases_sql = STORE_SQL(
	"SELECT id, position, kind, name, starts_on, ends_on FROM arena_phase WHERE arena_id = ? "
	"ORDER BY position");
static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO arena (title, title_key, theme_id, description, lang, created_by, created_at, "
	"updated_at, image_id, image_alt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
static struct store_sql update_sql = STORE_SQL(
	"UPDATE arena SET title = ?, title_key = ?, theme_id = ?, description = ?, lang = ?, "
	"updated_at = ?, image_id = ?, image_alt = ? WHERE id = ?");
static struct store_sql status_sql =
	STORE_SQL("UPDATE arena SET status = ?, updated_at = ? WHERE id = ?");
static struct store_sql clear_areas_sql = STORE_SQL("DELETE FROM arena_area WHERE arena_id = ?");
static struct store_sql add_area_sql =
	STORE_SQL("INSERT INTO arena_area (arena_id, area_id) VALUES (?, ?) ON CONFLICT DO NOTHING");
static struct store_sql clear_phases_sql = STORE_SQL(
	"UPDATE arena SET current_phase_id = NULL WHERE id = ?");
static struct store_sql delete_phases_sql = STORE_SQL("DELETE FROM arena_phase WHERE arena_id = ?");
static struct store_sql add_phase_sql = STORE_SQL(
	"INSERT INTO arena_phase (arena_id, position, kind, name, starts_on, ends_on) "
	"VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
static struct store_sql current_sql = STORE_SQL(
	"UPDATE arena SET current_phase_id = ?, updated_at = ? WHERE id = ?");
#define MEMBER_COLUMNS                                                                          \
	"SELECT m.arena_id, m.organisation_id, a.title, o.name, o.sector, m.status, "           \
	"m.contact_name, m.contact_email, m.invited_at, m.responded_at FROM arena_organisation m " \
	"JOIN arena a ON a.id = m.arena_id JOIN organisation o ON o.id = m.organisation_id "
static struct store_sql members_sql =
	STORE_SQL(MEMBER_COLUMNS "WHERE m.arena_id = ? ORDER BY o.sector, o.name_key");
static struct store_sql memberships_sql =
	STORE_SQL(MEMBER_COLUMNS "WHERE m.organisation_id = ? ORDER BY a.title_key");
/* The invitations of the organisations an account represents. */
static struct store_sql represented_sql = STORE_SQL(
	MEMBER_COLUMNS "WHERE m.organisation_id IN (SELECT scope_id FROM role_grant WHERE account_id = ? AND "
	"role = 'representative' AND scope_kind = 'organisation') ORDER BY CASE m.status WHEN 'invited' THEN 0 "
	"WHEN 'accepted' THEN 1 ELSE 2 END, a.title_key, o.name_key");
static struct store_sql invited_sql = STORE_SQL(
	"SELECT status FROM arena_organisation WHERE arena_id = ? AND organisation_id = ?");
static struct store_sql invite_sql = STORE_SQL(
	"INSERT INTO arena_organisation (arena_id, organisation_id, status, contact_name, "
	"contact_email, invited_at) VALUES (?, ?, 'invited', ?, ?, ?)");
static struct store_sql respond_sql = STORE_SQL(
	"UPDATE arena_organisation SET status = ?, responded_at = ? WHERE arena_id = ? AND "
	"organisation_id = ? RETURNING arena_id");

const char *arena_status_code(enum arena_status s)
{
	return (unsigned)s < ARENA_STATUS__MAX ? status_codes[s] : "open";
}

int arena_status_parse(const char *code)
{
	for (int i = 0; code && i < ARENA_STATUS__MAX; i++)
		if (strcmp(code, status_codes[i]) == 0)
			return i;
	return -1;
}

const char *phase_kind_code(enum phase_kind k)
{
	return (unsigned)k < PHASE__MAX ? phase_kinds[k].code : "other";
}

int phase_kind_parse(const char *code)
{
	for (int i = 0; code && i < PHASE__MAX; i++)
		if (strcmp(code, phase_kinds[i].code) == 0)
			return i;
	return -1;
}

enum msg phase_kind_msg(enum phase_kind k)
{
	return (unsigned)k < PHASE__MAX ? phase_kinds[k].name : MSG_PHASE_OTHER;
}

enum msg invitation_msg(enum invitation s)
{
	return (unsigned)s < INVITATION__MAX ? invitations[s].name : MSG_INVITATION_INVITED;
}

static void arena_read(struct store_stmt *st, struct region *a, void *item)
{
	struct arena *x = item;
	x->id = store_col_int(st, 0);
	x->title = model_text(st, a, 1);
	x->theme_id = store_col_int(st, 2);
	x->theme_name = model_text(st, a, 3);
	x->description = model_text(st, a, 4);
	int s = arena_status_parse(store_col_text(st, 5));
	x->status = s < 0 ? ARENA_OPEN : (enum arena_status)s;
	x->current_phase_id = store_col_int(st, 6);
	x->current_phase_name = model_text(st, a, 7);
	x->current_phase_kind = store_col_null(st, 8) ? -1 : phase_kind_parse(store_col_text(st, 8));
	x->lang = model_text(st, a, 9);
	x->created_at = store_col_int(st, 10);
	x->updated_at = store_col_int(st, 11);
	x->theme_lang = model_text(st, a, 12);
	image_ref_read(st, a, 13, &x->image);
	x->image_alt = model_text(st, a, 18);
}

static void area_row_read(struct store_stmt *st, struct region *a, void *item)
{
	struct term *x = item;
	x->id = store_col_int(st, 0);
	x->name = model_text(st, a, 1);
	x->description = model_text(st, a, 2);
	x->lang = model_text(st, a, 3);
}

static void phase_read(struct store_stmt *st, struct region *a, void *item)
{
	struct arena_phase *p = item;
	p->id = store_col_int(st, 0);
	p->position = (int)store_col_int(st, 1);
	int k = phase_kind_parse(store_col_text(st, 2));
	p->kind = k < 0 ? PHASE_OTHER : (enum phase_kind)k;
	p->name = model_text(st, a, 3);
	p->starts_on = model_text(st, a, 4);
	p->ends_on = model_text(st, a, 5);
}

static enum model_rc load_areas(struct store *db, struct region *a, struct arena *x)
{
	struct store_stmt *st = store_prepare(db, &areas_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, x->id);
	return model_collect(db, st, a, sizeof *x->areas, area_row_read, (void **)&x->areas, &x->nareas,
			     "arena_areas");
}

/* Binds the filter to parameters 1..8. */
static int bind_filter(struct store_stmt *st, const void *filter)
{
	const struct arena_filter *f = filter;
	const char *kind = f->phase_kind >= 0 ? phase_kind_code((enum phase_kind)f->phase_kind) : NULL;
	const char *status = f->status >= 0 ? arena_status_code((enum arena_status)f->status) : NULL;
	store_bind_int(st, 1, f->theme_id);
	store_bind_int(st, 2, f->theme_id);
	store_bind_int(st, 3, f->area_id);
	store_bind_int(st, 4, f->area_id);
	store_bind_text(st, 5, kind);
	store_bind_text(st, 6, kind);
	store_bind_text(st, 7, status);
	store_bind_text(st, 8, status);
	return 8;
}

enum model_rc arena_list(struct store *db, struct region *a, const struct arena_filter *f,
			 struct paging *p, struct arena **items, size_t *n)
{
	enum model_rc rc = model_page(db, &count_sql, &list_sql, bind_filter, f, p, a, sizeof **items,
				      arena_read, (void **)items, n, "arena_list");
	for (size_t i = 0; rc == MODEL_OK && i < *n; i++)
		rc = load_areas(db, a, &(*items)[i]);
	return rc;
}

enum model_rc arena_brief(struct store *db, struct region *a, int64_t id, struct arena *out)
{
	memset(out, 0, sizeof *out);
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_one(db, st, a, out, arena_read, "arena_get");
}

enum model_rc arena_get(struct store *db, struct region *a, int64_t id, struct arena *out)
{
	enum model_rc rc = arena_brief(db, a, id, out);
	struct store_stmt *st;
	if (rc == MODEL_OK)
		rc = load_areas(db, a, out);
	if (rc != MODEL_OK)
		return rc;
	st = store_prepare(db, &phases_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_collect(db, st, a, sizeof *out->phases, phase_read, (void **)&out->phases,
			     &out->nphases, "arena_phases");
}

/* Binds the arena's image and its alt text to parameters i and i + 1. */
static void bind_image(struct store_stmt *st, int i, const struct arena *in)
{
	if (in->image.id > 0)
		store_bind_int(st, i, in->image.id);
	else
		store_bind_null(st, i);
	store_bind_text(st, i + 1, in->image.id > 0 && in->image_alt ? in->image_alt : "");
}

/* Checks the fields both create and update take. */
static enum model_rc check_arena(struct store *db, const struct arena *in, const int64_t *area_ids,
				 size_t nareas, struct field_errors *errs)
{
	text_check(errs, "title", in->title, 1, TEXT_NAME_MAX);
	text_check(errs, "description", in->description, 0, TEXT_BODY_MAX);
	image_alt_check(errs, "image_alt", in->image.id, in->image_alt);
	struct region *tmp = region_new();
	struct term t;
	enum model_rc rc = in->theme_id > 0 ? theme_get(db, tmp, in->theme_id, &t) : MODEL_NOT_FOUND;
	if (rc == MODEL_NOT_FOUND) {
		field_error_add(errs, "theme", MSG_FORM_CHOOSE_ONE);
		rc = MODEL_OK;
	}
	if (nareas > ARENA_MAX_AREAS)
		field_error_add(errs, "areas", MSG_FORM_CHOOSE_ONE);
	for (size_t i = 0; rc == MODEL_OK && i < nareas && nareas <= ARENA_MAX_AREAS; i++) {
		struct term ar;
		rc = area_get(db, tmp, area_ids[i], &ar);
		if (rc == MODEL_NOT_FOUND) {
			field_error_add(errs, "areas", MSG_FORM_CHOOSE_ONE);
			rc = MODEL_OK;
			break;
		}
	}
	region_free(tmp);
	if (rc != MODEL_OK)
		return rc;
	return errs->n ? MODEL_INVALID : MODEL_OK;
}

static enum model_rc set_areas(struct store *db, int64_t id, const int64_t *area_ids, size_t n)
{
	struct store_stmt *st = store_prepare(db, &clear_areas_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	enum model_rc rc = model_exec(db, st, NULL, "arena_clear_areas");
	for (size_t i = 0; rc == MODEL_OK && i < n; i++) {
		st = store_prepare(db, &add_area_sql);
		if (st == NULL)
			return MODEL_ERROR;
		store_bind_int(st, 1, id);
		store_bind_int(st, 2, area_ids[i]);
		rc = model_exec(db, st, NULL, "arena_add_area");
	}
	return rc;
}

enum model_rc arena_create(struct store *db, const struct arena *in, const int64_t *area_ids,
			   size_t nareas, int64_t creator, const char *client, int64_t *id,
			   struct field_errors *errs)
{
	enum model_rc rc = check_arena(db, in, area_ids, nareas, errs);
	if (rc != MODEL_OK)
		return rc;
	struct store_stmt *st = store_prepare(db, &insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	char *key = text_sort_key(in->title);
	store_bind_text(st, 1, in->title);
	store_bind_text(st, 2, key);
	store_bind_int(st, 3, in->theme_id);
	store_bind_text(st, 4, in->description ? in->description : "");
	store_bind_text(st, 5, in->lang ? in->lang : "da");
	if (creator > 0)
		store_bind_int(st, 6, creator);
	else
		store_bind_null(st, 6);
	store_bind_int(st, 7, now);
	store_bind_int(st, 8, now);
	bind_image(st, 9, in);
	rc = model_exec(db, st, id, "arena_create");
	free(key);
	if (rc == MODEL_OK)
		rc = set_areas(db, *id, area_ids, nareas);
	/* The usual path of a co-creation process, named in the arena's
	 * language; the facilitator renames and reorders as needed. */
	const struct lang *l = i18n_find(in->lang ? in->lang : "da");
	struct arena_phase phases[4];
	for (int k = 0; k < 4; k++)
		phases[k] = (struct arena_phase){ 0, k + 1, (enum phase_kind)k,
						  msg_get(l, phase_kinds[k].name), NULL, NULL };
	if (rc == MODEL_OK)
		rc = arena_set_phases(db, *id, phases, 4, 0, errs);
	if (rc == MODEL_OK && creator > 0)
		rc = role_grant(db, creator, ROLE_FACILITATOR, SCOPE_ARENA, *id, creator, client, errs);
	return rc;
}

enum model_rc arena_update(struct store *db, int64_t id, const struct arena *in,
			   const int64_t *area_ids, size_t nareas, struct field_errors *errs)
{
	enum model_rc rc = check_arena(db, in, area_ids, nareas, errs);
	if (rc != MODEL_OK)
		return rc;
	struct store_stmt *st = store_prepare(db, &update_sql);
	if (st == NULL)
		return MODEL_ERROR;
	char *key = text_sort_key(in->title);
	store_bind_text(st, 1, in->title);
	store_bind_text(st, 2, key);
	store_bind_int(st, 3, in->theme_id);
	store_bind_text(st, 4, in->description ? in->description : "");
	store_bind_text(st, 5, in->lang ? in->lang : "da");
	store_bind_int(st, 6, model_now());
	bind_image(st, 7, in);
	store_bind_int(st, 9, id);
	rc = model_exec(db, st, NULL, "arena_update");
	free(key);
	return rc == MODEL_OK ? set_areas(db, id, area_ids, nareas) : rc;
}

enum model_rc arena_set_status(struct store *db, int64_t id, enum arena_status status)
{
	struct store_stmt *st = store_prepare(db, &status_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, arena_status_code(status));
	store_bind_int(st, 2, model_now());
	store_bind_int(st, 3, id);
	return model_exec(db, st, NULL, "arena_set_status");
}

/* Field names for phase N's errors, N from 1 to ARENA_MAX_PHASES: its
 * name ("name") or its dates. */
static const char *phase_field(int n, const char *what)
{
	static const char *const names[][2] = {
		{ "phase-1-name", "phase-1-dates" },   { "phase-2-name", "phase-2-dates" },
		{ "phase-3-name", "phase-3-dates" },   { "phase-4-name", "phase-4-dates" },
		{ "phase-5-name", "phase-5-dates" },   { "phase-6-name", "phase-6-dates" },
		{ "phase-7-name", "phase-7-dates" },   { "phase-8-name", "phase-8-dates" },
		{ "phase-9-name", "phase-9-dates" },   { "phase-10-name", "phase-10-dates" },
		{ "phase-11-name", "phase-11-dates" }, { "phase-12-name", "phase-12-dates" },
	};
	_Static_assert(sizeof names / sizeof names[0] == ARENA_MAX_PHASES, "field names for every phase");
	return names[n - 1][strcmp(what, "name") == 0 ? 0 : 1];
}

static int check_phases(const struct arena_phase *phases, size_t n, struct field_errors *errs)
{
	int64_t previous_start = -1;
	for (size_t i = 0; i < n; i++) {
		const struct arena_phase *p = &phases[i];
		int num = (int)i + 1;
		text_check(errs, phase_field(num, "name"), p->name, 1, TEXT_NAME_MAX);
		int64_t start = -1, end = -1;
		int bad = (p->starts_on && *p->starts_on && tz_parse_date(p->starts_on, &start) != 0) ||
			  (p->ends_on && *p->ends_on && tz_parse_date(p->ends_on, &end) != 0);
		if (bad) {
			field_error_add(errs, phase_field(num, "dates"), MSG_FORM_BAD_DATE);
			continue;
		}
		if (start >= 0 && end >= 0 && end < start)
			field_error_add(errs, phase_field(num, "dates"), MSG_FORM_DATES_ORDER);
		else if (start >= 0 && start < previous_start)
			field_error_add(errs, phase_field(num, "dates"), MSG_FORM_PHASE_ORDER);
		if (start >= 0)
			previous_start = start;
	}
	return errs->n == 0;
}

enum model_rc arena_set_phases(struct store *db, int64_t id, const struct arena_phase *phases,
			       size_t n, int current_index, struct field_errors *errs)
{
	if (n > ARENA_MAX_PHASES) {
		field_error_add(errs, "phases", MSG_FORM_TOO_MANY_PHASES);
		return MODEL_INVALID;
	}
	if (!check_phases(phases, n, errs))
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &clear_phases_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	enum model_rc rc = model_exec(db, st, NULL, "arena_clear_current");
	if (rc == MODEL_OK && (st = store_prepare(db, &delete_phases_sql)) == NULL)
		return MODEL_ERROR;
	if (rc == MODEL_OK) {
		store_bind_int(st, 1, id);
		rc = model_exec(db, st, NULL, "arena_delete_phases");
	}
	int64_t current = 0;
	for (size_t i = 0; rc == MODEL_OK && i < n; i++) {
		if ((st = store_prepare(db, &add_phase_sql)) == NULL)
			return MODEL_ERROR;
		store_bind_int(st, 1, id);
		store_bind_int(st, 2, (int64_t)i + 1);
		store_bind_text(st, 3, phase_kind_code(phases[i].kind));
		store_bind_text(st, 4, phases[i].name);
		store_bind_text(st, 5, phases[i].starts_on && *phases[i].starts_on ? phases[i].starts_on : NULL);
		store_bind_text(st, 6, phases[i].ends_on && *phases[i].ends_on ? phases[i].ends_on : NULL);
		int64_t pid = 0;
		rc = model_exec(db, st, &pid, "arena_add_phase");
		if ((int)i == current_index)
			current = pid;
	}
	if (rc != MODEL_OK)
		return rc;
	if ((st = store_prepare(db, &current_sql)) == NULL)
		return MODEL_ERROR;
	if (current)
		store_bind_int(st, 1, current);
	else
		store_bind_null(st, 1);
	store_bind_int(st, 2, model_now());
	store_bind_int(st, 3, id);
	return model_exec(db, st, NULL, "arena_set_current");
}

static void member_read(struct store_stmt *st, struct region *a, void *item)
{
	struct arena_member *m = item;
	m->arena_id = store_col_int(st, 0);
	m->organisation_id = store_col_int(st, 1);
	m->arena_title = model_text(st, a, 2);
	m->organisation_name = model_text(st, a, 3);
	int s = sector_parse(store_col_text(st, 4));
	m->sector = s < 0 ? SECTOR_PUBLIC : (enum sector)s;
	const char *status = store_col_text(st, 5);
	m->status = INVITED;
	for (int i = 0; status && i < INVITATION__MAX; i++)
		if (strcmp(status, invitations[i].code) == 0)
			m->status = (enum invitation)i;
	m->contact_name = model_text(st, a, 6);
	m->contact_email = model_text(st, a, 7);
	m->invited_at = store_col_int(st, 8);
	m->responded_at = store_col_int(st, 9);
}

static enum model_rc members_by(struct store *db, struct region *a, struct store_sql *sql,
				int64_t key, struct arena_member **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, key);
	return model_collect(db, st, a, sizeof **items, member_read, (void **)items, n, "arena_members");
}

enum model_rc arena_members(struct store *db, struct region *a, int64_t arena_id,
			    struct arena_member **items, size_t *n)
{
	return members_by(db, a, &members_sql, arena_id, items, n);
}

enum model_rc arena_memberships_of(struct store *db, struct region *a, int64_t organisation_id,
				   struct arena_member **items, size_t *n)
{
	return members_by(db, a, &memberships_sql, organisation_id, items, n);
}

enum model_rc arena_memberships_represented(struct store *db, struct region *a, int64_t account_id,
					   struct arena_member **items, size_t *n)
{
	return members_by(db, a, &represented_sql, account_id, items, n);
}

enum model_rc arena_invite(struct store *db, int64_t arena_id, int64_t organisation_id,
			   const char *contact_name, const char *contact_email,
			   struct field_errors *errs)
{
	struct region *tmp = region_new();
	struct organisation o;
	enum model_rc rc = organisation_get(db, tmp, organisation_id, &o);
	const char *email = contact_email && *contact_email ? account_normalise_email(tmp, contact_email) : "";
	if (rc == MODEL_NOT_FOUND)
		field_error_add(errs, "organisation", MSG_FORM_CHOOSE_ONE);
	text_check(errs, "contact_name", contact_name, 0, TEXT_NAME_MAX);
	if (email == NULL)
		field_error_add(errs, "contact_email", MSG_FORM_BAD_EMAIL);
	if (rc == MODEL_NOT_FOUND || errs->n) {
		region_free(tmp);
		return MODEL_INVALID;
	}
	struct store_stmt *st = rc == MODEL_OK ? store_prepare(db, &invited_sql) : NULL;
	if (st) {
		store_bind_int(st, 1, arena_id);
		store_bind_int(st, 2, organisation_id);
		int src = store_step(st);
		store_reset(st);
		rc = src == STORE_ROW ? MODEL_CONFLICT : src == STORE_DONE ? MODEL_OK
									   : model_from_store(db, src, "arena_invited");
		if (rc == MODEL_CONFLICT)
			field_error_add(errs, "organisation", MSG_FORM_ALREADY_INVITED);
	} else if (rc == MODEL_OK) {
		rc = MODEL_ERROR;
	}
	if (rc == MODEL_OK && (st = store_prepare(db, &invite_sql)) == NULL)
		rc = MODEL_ERROR;
	if (rc == MODEL_OK) {
		store_bind_int(st, 1, arena_id);
		store_bind_int(st, 2, organisation_id);
		store_bind_text(st, 3, contact_name ? contact_name : "");
		store_bind_text(st, 4, email);
		store_bind_int(st, 5, model_now());
		rc = model_exec(db, st, NULL, "arena_invite");
	}
	region_free(tmp);
	return rc;
}

enum model_rc arena_respond(struct store *db, int64_t arena_id, int64_t organisation_id, int accept)
{
	struct store_stmt *st = store_prepare(db, &respond_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, invitations[accept ? ACCEPTED : DECLINED].code);
	store_bind_int(st, 2, model_now());
	store_bind_int(st, 3, arena_id);
	store_bind_int(st, 4, organisation_id);
	int64_t found = 0;
	enum model_rc rc = model_exec(db, st, &found, "arena_respond");
	return rc == MODEL_OK && found == 0 ? MODEL_NOT_FOUND : rc;
}
