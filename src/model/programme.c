/*
 * programme.c: guide programmes (see programme.h).
 */
#include "model/programme.h"

#include <stdlib.h>

#include "match/match.h"
#include "model/text.h"

#define PROGRAMME_COLUMNS                                                                       \
	"SELECT id, name, description, lang, weight_interest, weight_near, weight_wait, revision, " \
	"COALESCE(run_at, 0), COALESCE(run_by, 0), COALESCE(run_us, 0), created_at, updated_at "  \
	"FROM programme "
static struct store_sql list_sql = STORE_SQL(PROGRAMME_COLUMNS "ORDER BY name_key, id");
static struct store_sql get_sql = STORE_SQL(PROGRAMME_COLUMNS "WHERE id = ?");
static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO programme (name, name_key, description, lang, weight_interest, weight_near, "
	"weight_wait, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
static struct store_sql update_sql = STORE_SQL(
	"UPDATE programme SET name = ?, name_key = ?, description = ?, weight_interest = ?, "
	"weight_near = ?, weight_wait = ?, updated_at = ? WHERE id = ?");
static struct store_sql bump_sql = STORE_SQL(
	"UPDATE programme SET revision = revision + 1 WHERE id = ? AND revision = ? RETURNING id");
static struct store_sql exists_sql = STORE_SQL("SELECT 1 FROM programme WHERE id = ?");
static struct store_sql ran_sql = STORE_SQL(
	"UPDATE programme SET run_at = ?, run_by = ?, run_us = ? WHERE id = ?");

static void programme_read(struct store_stmt *st, struct region *a, void *item)
{
	struct programme *p = item;
	p->id = store_col_int(st, 0);
	p->name = model_text(st, a, 1);
	p->description = model_text(st, a, 2);
	p->lang = model_text(st, a, 3);
	p->weight_interest = (int32_t)store_col_int(st, 4);
	p->weight_near = (int32_t)store_col_int(st, 5);
	p->weight_wait = (int32_t)store_col_int(st, 6);
	p->revision = store_col_int(st, 7);
	p->run_at = store_col_int(st, 8);
	p->run_by = store_col_int(st, 9);
	p->run_us = store_col_int(st, 10);
	p->created_at = store_col_int(st, 11);
	p->updated_at = store_col_int(st, 12);
}

enum model_rc programme_list(struct store *db, struct region *a, struct programme **items,
			     size_t *n)
{
	struct store_stmt *st = store_prepare(db, &list_sql);
	if (st == NULL)
		return MODEL_ERROR;
	return model_collect(db, st, a, sizeof **items, programme_read, (void **)items, n,
			     "programme_list");
}

enum model_rc programme_get(struct store *db, struct region *a, int64_t id,
			    struct programme *out)
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_one(db, st, a, out, programme_read, "programme_get");
}

static void check(const struct programme *in, struct field_errors *errs)
{
	text_check(errs, "name", in->name, 1, TEXT_NAME_MAX);
	text_check(errs, "description", in->description, 0, TEXT_BODY_MAX);
	const struct {
		const char *field;
		int32_t v;
	} w[] = { { "weight_interest", in->weight_interest },
		  { "weight_near", in->weight_near },
		  { "weight_wait", in->weight_wait } };
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
		if (w[i].v < 0 || w[i].v > MATCH_WEIGHT_MAX)
			field_error_add(errs, w[i].field, MSG_FORM_BAD_WEIGHT);
}

enum model_rc programme_create(struct store *db, const struct programme *in, int64_t *id,
			       struct field_errors *errs)
{
	check(in, errs);
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
	store_bind_int(st, 5, in->weight_interest);
	store_bind_int(st, 6, in->weight_near);
	store_bind_int(st, 7, in->weight_wait);
	store_bind_int(st, 8, now);
	store_bind_int(st, 9, now);
	free(key);
	enum model_rc rc = model_exec(db, st, id, "programme_create");
	if (rc == MODEL_CONFLICT)
		field_error_add(errs, "name", MSG_FORM_NAME_TAKEN);
	return rc;
}

enum model_rc programme_bump(struct store *db, int64_t id, int64_t revision)
{
	struct store_stmt *st = store_prepare(db, &bump_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	store_bind_int(st, 2, revision);
	int64_t got = 0;
	enum model_rc rc = model_exec(db, st, &got, "programme_bump");
	if (rc != MODEL_OK || got != 0)
		return rc;
	/* Nothing changed: a newer revision, or no such programme. */
	st = store_prepare(db, &exists_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	int src = store_step(st);
	store_reset(st);
	if (src == STORE_ROW)
		return MODEL_CONFLICT;
	return src == STORE_DONE ? MODEL_NOT_FOUND : model_from_store(db, src, "programme_exists");
}

enum model_rc programme_update(struct store *db, int64_t id, const struct programme *in,
			       int64_t revision, struct field_errors *errs)
{
	check(in, errs);
	if (errs->n)
		return MODEL_INVALID;
	enum model_rc rc = programme_bump(db, id, revision);
	if (rc != MODEL_OK)
		return rc;
	struct store_stmt *st = store_prepare(db, &update_sql);
	if (st == NULL)
		return MODEL_ERROR;
	char *key = text_sort_key(in->name);
	store_bind_text(st, 1, in->name);
	store_bind_text(st, 2, key);
	store_bind_text(st, 3, in->description ? in->description : "");
	store_bind_int(st, 4, in->weight_interest);
	store_bind_int(st, 5, in->weight_near);
	store_bind_int(st, 6, in->weight_wait);
	store_bind_int(st, 7, model_now());
	store_bind_int(st, 8, id);
	free(key);
	rc = model_exec(db, st, NULL, "programme_update");
	if (rc == MODEL_CONFLICT)
		field_error_add(errs, "name", MSG_FORM_NAME_TAKEN);
	return rc;
}

enum model_rc programme_ran(struct store *db, int64_t id, int64_t actor_id, int64_t us)
{
	struct store_stmt *st = store_prepare(db, &ran_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, model_now());
	if (actor_id > 0)
		store_bind_int(st, 2, actor_id);
	else
		store_bind_null(st, 2);
	store_bind_int(st, 3, us);
	store_bind_int(st, 4, id);
	return model_exec(db, st, NULL, "programme_ran");
}
