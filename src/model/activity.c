/*
 * activity.c: activities of arenas (see activity.h).
 */
#include "model/activity.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "model/text.h"

#define CAPACITY_MAX 100000

static const struct {
	const char *code;
	enum msg name;
} kinds[KIND__MAX] = {
	[KIND_PANEL] = { "panel", MSG_ACTIVITY_KIND_PANEL },
	[KIND_WORKSHOP] = { "workshop", MSG_ACTIVITY_KIND_WORKSHOP },
	[KIND_INTERVIEW] = { "interview", MSG_ACTIVITY_KIND_INTERVIEW },
	[KIND_MEETING] = { "meeting", MSG_ACTIVITY_KIND_MEETING },
	[KIND_OTHER] = { "other", MSG_ACTIVITY_KIND_OTHER },
};

#define ACTIVITY_COLUMNS                                                                        \
	"a.id, a.arena_id, r.title, a.kind, a.kind_other, a.title, a.description, a.starts_at, "  \
	"a.ends_at, a.place, a.online_url, a.capacity, a.confirmed, (SELECT COUNT(*) FROM signup " \
	"s WHERE s.activity_id = a.id AND s.status = 'waiting'), a.step_free, a.accessibility, "  \
	"a.interpretation, a.minutes, a.summary, a.cancelled, a.lang, a.revision, a.updated_at "  \
	"FROM activity a JOIN arena r ON r.id = a.arena_id "

static struct store_sql upcoming_arena_sql = STORE_SQL(
	"SELECT " ACTIVITY_COLUMNS "WHERE a.arena_id = ? AND a.ends_at > ? ORDER BY a.starts_at, a.id LIMIT ?");
static struct store_sql past_arena_sql = STORE_SQL(
	"SELECT " ACTIVITY_COLUMNS "WHERE a.arena_id = ? AND a.ends_at <= ? ORDER BY a.starts_at DESC, "
	"a.id LIMIT ?");
static struct store_sql all_arena_sql = STORE_SQL(
	"SELECT " ACTIVITY_COLUMNS "WHERE a.arena_id = ? ORDER BY a.starts_at, a.id LIMIT ?");
static struct store_sql area_sql = STORE_SQL(
	"SELECT " ACTIVITY_COLUMNS "WHERE EXISTS (SELECT 1 FROM arena_area x WHERE x.arena_id = "
	"a.arena_id AND x.area_id = ?) ORDER BY a.starts_at, a.id");
static struct store_sql upcoming_sql = STORE_SQL(
	"SELECT " ACTIVITY_COLUMNS "WHERE r.status = 'open' AND a.cancelled = 0 AND a.ends_at > ? "
	"AND (CAST(? AS BIGINT) = 0 OR r.theme_id = ?) AND (CAST(? AS BIGINT) = 0 OR EXISTS (SELECT 1 "
	"FROM arena_area x WHERE x.arena_id = a.arena_id AND x.area_id = ?)) "
	"ORDER BY a.starts_at, a.id LIMIT ?");
static struct store_sql get_sql = STORE_SQL("SELECT " ACTIVITY_COLUMNS "WHERE a.id = ?");
static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO activity (arena_id, kind, kind_other, title, description, starts_at, ends_at, "
	"place, online_url, capacity, step_free, accessibility, interpretation, minutes, summary, "
	"cancelled, lang, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	"?, ?, ?, ?, ?) RETURNING id");
static struct store_sql update_sql = STORE_SQL(
	"UPDATE activity SET kind = ?, kind_other = ?, title = ?, description = ?, starts_at = ?, "
	"ends_at = ?, place = ?, online_url = ?, capacity = ?, step_free = ?, accessibility = ?, "
	"interpretation = ?, minutes = ?, summary = ?, cancelled = ?, lang = ?, updated_at = ?, "
	"revision = revision + 1 WHERE id = ? AND (? < 0 OR confirmed <= ?) RETURNING id");

const char *activity_kind_code(enum activity_kind k)
{
	return (unsigned)k < KIND__MAX ? kinds[k].code : "other";
}

int activity_kind_parse(const char *code)
{
	for (int i = 0; code && i < KIND__MAX; i++)
		if (strcmp(code, kinds[i].code) == 0)
			return i;
	return -1;
}

enum msg activity_kind_msg(enum activity_kind k)
{
	return (unsigned)k < KIND__MAX ? kinds[k].name : MSG_ACTIVITY_KIND_OTHER;
}

static void activity_read(struct store_stmt *st, struct region *a, void *item)
{
	struct activity *x = item;
	x->id = store_col_int(st, 0);
	x->arena_id = store_col_int(st, 1);
	x->arena_title = model_text(st, a, 2);
	int k = activity_kind_parse(store_col_text(st, 3));
	x->kind = k < 0 ? KIND_OTHER : (enum activity_kind)k;
	x->kind_other = model_text(st, a, 4);
	x->title = model_text(st, a, 5);
	x->description = model_text(st, a, 6);
	x->starts_at = store_col_int(st, 7);
	x->ends_at = store_col_int(st, 8);
	x->place = model_text(st, a, 9);
	x->online_url = model_text(st, a, 10);
	x->capacity = store_col_null(st, 11) ? -1 : store_col_int(st, 11);
	x->confirmed = store_col_int(st, 12);
	x->waiting = store_col_int(st, 13);
	x->step_free = (int)store_col_int(st, 14);
	x->accessibility = model_text(st, a, 15);
	x->interpretation = model_text(st, a, 16);
	x->minutes = model_text(st, a, 17);
	x->summary = model_text(st, a, 18);
	x->cancelled = (int)store_col_int(st, 19);
	x->lang = model_text(st, a, 20);
	x->revision = store_col_int(st, 21);
	x->updated_at = store_col_int(st, 22);
}

enum model_rc activity_list_arena(struct store *db, struct region *a, int64_t arena_id,
				  enum activity_when when, int64_t limit, struct activity **items,
				  size_t *n)
{
	struct store_sql *sql = when == ACTIVITY_UPCOMING ? &upcoming_arena_sql
				: when == ACTIVITY_PAST	   ? &past_arena_sql
							   : &all_arena_sql;
	struct store_stmt *st = store_prepare(db, sql);
	if (st == NULL)
		return MODEL_ERROR;
	int i = 1;
	store_bind_int(st, i++, arena_id);
	if (when != ACTIVITY_ALL)
		store_bind_int(st, i++, model_now());
	store_bind_int(st, i, limit);
	return model_collect(db, st, a, sizeof **items, activity_read, (void **)items, n,
			     "activity_list_arena");
}

enum model_rc activity_list_area(struct store *db, struct region *a, int64_t area_id,
				 struct activity **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &area_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, area_id);
	return model_collect(db, st, a, sizeof **items, activity_read, (void **)items, n,
			     "activity_list_area");
}

enum model_rc activity_list_upcoming(struct store *db, struct region *a, int64_t theme_id, int64_t area_id,
				     int64_t limit, struct activity **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &upcoming_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, model_now());
	store_bind_int(st, 2, theme_id);
	store_bind_int(st, 3, theme_id);
	store_bind_int(st, 4, area_id);
	store_bind_int(st, 5, area_id);
	store_bind_int(st, 6, limit);
	return model_collect(db, st, a, sizeof **items, activity_read, (void **)items, n,
			     "activity_list_upcoming");
}

enum model_rc activity_get(struct store *db, struct region *a, int64_t id, struct activity *out)
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_one(db, st, a, out, activity_read, "activity_get");
}

/* Normalises "ar, uk  en" to "ar uk en" in out; 0, or -1 if a code is not
 * two or three letters. */
static int normalise_languages(const char *in, char *out, size_t outlen)
{
	size_t o = 0;
	out[0] = '\0';
	for (const char *p = in ? in : ""; *p;) {
		while (*p == ' ' || *p == ',')
			p++;
		size_t n = 0;
		while (isalpha((unsigned char)p[n]))
			n++;
		if (n == 0 && *p)
			return -1;
		if (n == 0)
			break;
		if (n < 2 || n > 3 || o + n + 2 > outlen || (p[n] && p[n] != ' ' && p[n] != ','))
			return -1;
		if (o)
			out[o++] = ' ';
		for (size_t i = 0; i < n; i++)
			out[o++] = (char)tolower((unsigned char)p[i]);
		out[o] = '\0';
		p += n;
	}
	return 0;
}

static int check_activity(const struct activity *in, char *languages, size_t langlen,
			  struct field_errors *errs)
{
	text_check(errs, "title", in->title, 1, TEXT_NAME_MAX);
	text_check(errs, "description", in->description, 0, TEXT_BODY_MAX);
	text_check(errs, "minutes", in->minutes, 0, TEXT_BODY_MAX);
	text_check(errs, "summary", in->summary, 0, TEXT_BODY_MAX);
	text_check(errs, "accessibility", in->accessibility, 0, TEXT_BODY_MAX);
	text_check(errs, "place", in->place, 0, TEXT_NAME_MAX);
	if ((unsigned)in->kind >= KIND__MAX)
		field_error_add(errs, "kind", MSG_FORM_CHOOSE_ONE);
	else if (in->kind == KIND_OTHER)
		text_check(errs, "kind_other", in->kind_other, 1, TEXT_NAME_MAX);
	if (in->starts_at <= 0)
		field_error_add(errs, "starts_at", MSG_FORM_BAD_TIME);
	if (in->ends_at <= 0)
		field_error_add(errs, "ends_at", MSG_FORM_BAD_TIME);
	else if (in->starts_at > 0 && in->ends_at <= in->starts_at)
		field_error_add(errs, "ends_at", MSG_FORM_END_BEFORE_START);
	text_check_url(errs, "online_url", in->online_url);
	if (text_blank(in->place) && text_blank(in->online_url))
		field_error_add(errs, "place", MSG_FORM_PLACE_REQUIRED);
	if (in->capacity == 0 || in->capacity < -1 || in->capacity > CAPACITY_MAX)
		field_error_add(errs, "capacity", MSG_FORM_BAD_CAPACITY);
	if (normalise_languages(in->interpretation, languages, langlen) != 0)
		field_error_add(errs, "interpretation", MSG_FORM_BAD_LANGUAGES);
	return errs->n == 0;
}

/* Binds the editable fields to parameters first..first+16. */
static void bind_fields(struct store_stmt *st, int first, const struct activity *in, const char *languages)
{
	int i = first;
	store_bind_text(st, i++, activity_kind_code(in->kind));
	store_bind_text(st, i++, in->kind == KIND_OTHER && in->kind_other ? in->kind_other : "");
	store_bind_text(st, i++, in->title);
	store_bind_text(st, i++, in->description ? in->description : "");
	store_bind_int(st, i++, in->starts_at);
	store_bind_int(st, i++, in->ends_at);
	store_bind_text(st, i++, in->place ? in->place : "");
	store_bind_text(st, i++, in->online_url ? in->online_url : "");
	if (in->capacity > 0)
		store_bind_int(st, i++, in->capacity);
	else
		store_bind_null(st, i++);
	store_bind_int(st, i++, in->step_free != 0);
	store_bind_text(st, i++, in->accessibility ? in->accessibility : "");
	store_bind_text(st, i++, languages);
	store_bind_text(st, i++, in->minutes ? in->minutes : "");
	store_bind_text(st, i++, in->summary ? in->summary : "");
	store_bind_int(st, i++, in->cancelled != 0);
	store_bind_text(st, i++, in->lang ? in->lang : "da");
	store_bind_int(st, i, model_now());
}

enum model_rc activity_create(struct store *db, const struct activity *in, int64_t *id,
			      struct field_errors *errs)
{
	char languages[256];
	if (!check_activity(in, languages, sizeof languages, errs))
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, in->arena_id);
	bind_fields(st, 2, in, languages);
	store_bind_int(st, 19, model_now());
	return model_exec(db, st, id, "activity_create");
}

enum model_rc activity_update(struct store *db, int64_t id, const struct activity *in,
			      struct field_errors *errs)
{
	char languages[256];
	if (!check_activity(in, languages, sizeof languages, errs))
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &update_sql);
	if (st == NULL)
		return MODEL_ERROR;
	bind_fields(st, 1, in, languages);
	store_bind_int(st, 18, id);
	store_bind_int(st, 19, in->capacity);
	store_bind_int(st, 20, in->capacity);
	int64_t found = 0;
	enum model_rc rc = model_exec(db, st, &found, "activity_update");
	if (rc == MODEL_OK && found == 0) {
		/* The activity exists (the caller loaded it): the capacity is
		 * below the places already taken. */
		field_error_add(errs, "capacity", MSG_FORM_CAPACITY_BELOW_SIGNUPS);
		return MODEL_INVALID;
	}
	return rc;
}
