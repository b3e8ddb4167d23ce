/*
 * leisure.c: the leisure calendar's events (see leisure.h).
 */
#include "model/leisure.h"

#include <string.h>

#include "model/text.h"

static const char *const kind_codes[LEISURE__MAX] = {
	[LEISURE_EVENT] = "event",
	[LEISURE_OPEN_TRAINING] = "open_training",
	[LEISURE_OPEN_HOUSE] = "open_house",
};
static const enum msg kind_msgs[LEISURE__MAX] = {
	[LEISURE_EVENT] = MSG_LEISURE_EVENT,
	[LEISURE_OPEN_TRAINING] = MSG_LEISURE_OPEN_TRAINING,
	[LEISURE_OPEN_HOUSE] = MSG_LEISURE_OPEN_HOUSE,
};

const struct vocab vocab_leisure_kinds = VOCAB(kind_codes, kind_msgs);

#define EVENT_COLUMNS                                                                           \
	"SELECT e.id, e.organisation_id, o.name, o.lang, o.area_id, e.kind, e.title, "          \
	"e.description, e.starts_at, e.ends_at, e.place, e.cancelled, e.lang, e.revision, "     \
	"e.updated_at FROM leisure_event e JOIN organisation o ON o.id = e.organisation_id "

static struct store_sql list_sql = STORE_SQL(
	EVENT_COLUMNS "WHERE (CAST(? AS BIGINT) = 0 OR e.organisation_id = ?) AND "
		      "(CAST(? AS BIGINT) = 0 OR o.area_id = ?) AND e.ends_at > ? "
		      "ORDER BY e.starts_at, e.id LIMIT ?");
static struct store_sql get_sql = STORE_SQL(EVENT_COLUMNS "WHERE e.id = ?");
static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO leisure_event (organisation_id, kind, title, description, starts_at, ends_at, "
	"place, cancelled, lang, created_by, created_at, updated_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
static struct store_sql update_sql = STORE_SQL(
	"UPDATE leisure_event SET kind = ?, title = ?, description = ?, starts_at = ?, ends_at = ?, "
	"place = ?, cancelled = ?, lang = ?, revision = revision + 1, updated_at = ? WHERE id = ?");

static void event_read(struct store_stmt *st, struct region *a, void *item)
{
	struct leisure_event *e = item;
	e->id = store_col_int(st, 0);
	e->organisation_id = store_col_int(st, 1);
	e->organisation_name = model_text(st, a, 2);
	e->organisation_lang = model_text(st, a, 3);
	e->area_id = store_col_int(st, 4);
	int k = vocab_parse(&vocab_leisure_kinds, store_col_text(st, 5));
	e->kind = k < 0 ? LEISURE_EVENT : (enum leisure_kind)k;
	e->title = model_text(st, a, 6);
	e->description = model_text(st, a, 7);
	e->starts_at = store_col_int(st, 8);
	e->ends_at = store_col_int(st, 9);
	e->place = model_text(st, a, 10);
	e->cancelled = store_col_int(st, 11) != 0;
	e->lang = model_text(st, a, 12);
	e->revision = store_col_int(st, 13);
	e->updated_at = store_col_int(st, 14);
}

enum model_rc leisure_list(struct store *db, struct region *a, int64_t organisation_id,
			   int64_t area_id, int64_t from, int64_t limit, struct leisure_event **items,
			   size_t *n)
{
	struct store_stmt *st = store_prepare(db, &list_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, organisation_id);
	store_bind_int(st, 2, organisation_id);
	store_bind_int(st, 3, area_id);
	store_bind_int(st, 4, area_id);
	store_bind_int(st, 5, from);
	store_bind_int(st, 6, limit);
	return model_collect(db, st, a, sizeof **items, event_read, (void **)items, n, "leisure_list");
}

enum model_rc leisure_get(struct store *db, struct region *a, int64_t id, struct leisure_event *out)
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_one(db, st, a, out, event_read, "leisure_get");
}

enum model_rc leisure_save(struct store *db, const struct leisure_event *in, int64_t actor_id,
			   int64_t *id, struct field_errors *errs)
{
	if ((unsigned)in->kind >= LEISURE__MAX)
		field_error_add(errs, "kind", MSG_FORM_CHOOSE_ONE);
	text_check(errs, "title", in->title, 1, TEXT_NAME_MAX);
	text_check(errs, "description", in->description, 0, TEXT_BODY_MAX);
	text_check(errs, "place", in->place, 1, TEXT_NAME_MAX);
	if (in->starts_at <= 0)
		field_error_add(errs, "starts_at", MSG_FORM_BAD_TIME);
	if (in->ends_at <= 0)
		field_error_add(errs, "ends_at", MSG_FORM_BAD_TIME);
	else if (in->starts_at > 0 && in->ends_at <= in->starts_at)
		field_error_add(errs, "ends_at", MSG_FORM_END_BEFORE_START);
	if (errs->n)
		return MODEL_INVALID;
	int64_t now = model_now();
	struct store_stmt *st = store_prepare(db, in->id ? &update_sql : &insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int i = 1;
	if (!in->id)
		store_bind_int(st, i++, in->organisation_id);
	store_bind_text(st, i++, vocab_code(&vocab_leisure_kinds, in->kind));
	store_bind_text(st, i++, in->title);
	store_bind_text(st, i++, in->description ? in->description : "");
	store_bind_int(st, i++, in->starts_at);
	store_bind_int(st, i++, in->ends_at);
	store_bind_text(st, i++, in->place);
	store_bind_int(st, i++, in->cancelled != 0);
	store_bind_text(st, i++, in->lang ? in->lang : "da");
	if (in->id) {
		store_bind_int(st, i++, now);
		store_bind_int(st, i, in->id);
		*id = in->id;
		return model_exec(db, st, NULL, "leisure_update");
	}
	if (actor_id > 0)
		store_bind_int(st, i++, actor_id);
	else
		store_bind_null(st, i++);
	store_bind_int(st, i++, now);
	store_bind_int(st, i, now);
	return model_exec(db, st, id, "leisure_create");
}
