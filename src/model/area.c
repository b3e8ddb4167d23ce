/*
 * area.c: local areas (see area.h).
 */
#include "model/area.h"

/* What refers to an area: arenas, organisations, people (their own area
 * and the one they gave in a dialogue), stories, coordinator roles. */
struct term_table area_terms = TERM_TABLE(
	"area", "WITH x (id) AS (SELECT CAST(? AS BIGINT)) SELECT "
		"(SELECT COUNT(*) FROM arena_area, x WHERE area_id = x.id) + "
		"(SELECT COUNT(*) FROM organisation, x WHERE area_id = x.id) + "
		"(SELECT COUNT(*) FROM account, x WHERE area_id = x.id) + "
		"(SELECT COUNT(*) FROM participant, x WHERE area_id = x.id) + "
		"(SELECT COUNT(*) FROM story, x WHERE area_id = x.id) + "
		"(SELECT COUNT(*) FROM role_grant, x WHERE scope_kind = 'area' AND scope_id = x.id)");

enum model_rc area_list(struct store *db, struct region *a, struct term **items, size_t *n)
{
	return term_list(db, &area_terms, a, 0, items, n);
}

enum model_rc area_get(struct store *db, struct region *a, int64_t id, struct term *out)
{
	return term_get(db, &area_terms, a, id, out);
}

enum model_rc area_create(struct store *db, const struct term *in, int64_t *id,
			  struct field_errors *errs)
{
	return term_create(db, &area_terms, in, id, errs);
}

static struct store_sql centres_sql = STORE_SQL(
	"SELECT id, lat, lon FROM area ORDER BY id");
static struct store_sql set_centre_sql = STORE_SQL(
	"UPDATE area SET lat = ?, lon = ?, updated_at = ? WHERE id = ? RETURNING id");

static void centre_read(struct store_stmt *st, struct region *a, void *item)
{
	(void)a;
	struct area_centre *c = item;
	c->id = store_col_int(st, 0);
	c->known = !store_col_null(st, 1) && !store_col_null(st, 2);
	c->lat = c->known ? (int32_t)store_col_int(st, 1) : 0;
	c->lon = c->known ? (int32_t)store_col_int(st, 2) : 0;
}

enum model_rc area_centres(struct store *db, struct region *a, struct area_centre **items,
			   size_t *n)
{
	struct store_stmt *st = store_prepare(db, &centres_sql);
	if (st == NULL)
		return MODEL_ERROR;
	return model_collect(db, st, a, sizeof **items, centre_read, (void **)items, n,
			     "area_centres");
}

enum model_rc area_set_centre(struct store *db, int64_t id, int32_t lat, int32_t lon)
{
	if (lat < -90000000 || lat > 90000000 || lon < -180000000 || lon > 180000000)
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &set_centre_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, lat);
	store_bind_int(st, 2, lon);
	store_bind_int(st, 3, model_now());
	store_bind_int(st, 4, id);
	int64_t got = 0;
	enum model_rc rc = model_exec(db, st, &got, "area_set_centre");
	return rc == MODEL_OK && got == 0 ? MODEL_NOT_FOUND : rc;
}
