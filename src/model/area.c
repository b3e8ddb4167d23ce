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
