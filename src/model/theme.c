/*
 * theme.c: policy themes (see theme.h).
 */
#include "model/theme.h"

/* What refers to a theme: its arenas. */
struct term_table theme_terms = TERM_TABLE(
	"theme", "WITH x (id) AS (SELECT CAST(? AS BIGINT)) SELECT COUNT(*) FROM arena, x WHERE theme_id = x.id");

enum model_rc theme_list(struct store *db, struct region *a, struct term **items, size_t *n)
{
	return term_list(db, &theme_terms, a, 0, items, n);
}

enum model_rc theme_get(struct store *db, struct region *a, int64_t id, struct term *out)
{
	return term_get(db, &theme_terms, a, id, out);
}

enum model_rc theme_create(struct store *db, const struct term *in, int64_t *id,
			   struct field_errors *errs)
{
	return term_create(db, &theme_terms, in, id, errs);
}
