/*
 * area.c: local areas (see area.h).
 */
#include "model/area.h"

#include <stdlib.h>

#include "model/text.h"

static struct store_sql list_sql =
	STORE_SQL("SELECT id, name, description, lang FROM area ORDER BY name_key, id");
static struct store_sql get_sql =
	STORE_SQL("SELECT id, name, description, lang FROM area WHERE id = ?");
static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO area (name, name_key, description, lang, created_at, updated_at) "
	"VALUES (?, ?, ?, ?, ?, ?) "
	"RETURNING id");

static void area_read(struct store_stmt *st, struct region *a, void *item)
{
	struct area *x = item;
	x->id = store_col_int(st, 0);
	x->name = model_text(st, a, 1);
	x->description = model_text(st, a, 2);
	x->lang = model_text(st, a, 3);
}

enum model_rc area_list(struct store *db, struct region *a, struct area **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &list_sql);
	if (st == NULL)
		return MODEL_ERROR;
	return model_collect(db, st, a, sizeof **items, area_read, (void **)items, n, "area_list");
}

enum model_rc area_get(struct store *db, struct region *a, int64_t id, struct area *out)
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_one(db, st, a, out, area_read, "area_get");
}

enum model_rc area_create(struct store *db, const struct area *in, int64_t *id,
			  struct field_errors *errs)
{
	text_check(errs, "name", in->name, 1, TEXT_NAME_MAX);
	text_check(errs, "description", in->description, 0, TEXT_BODY_MAX);
	if (errs->n)
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	char *key = text_sort_key(in->name);
	store_bind_text(st, 1, in->name);
	store_bind_text(st, 2, key);
	store_bind_text(st, 3, in->description ? in->description : "");
	store_bind_text(st, 4, in->lang ? in->lang : "da");
	store_bind_int(st, 5, now);
	store_bind_int(st, 6, now);
	free(key);
	enum model_rc rc = model_exec(db, st, id, "area_create");
	if (rc == MODEL_CONFLICT)
		field_error_add(errs, "name", MSG_FORM_NAME_TAKEN);
	return rc;
}
