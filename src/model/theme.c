/*
 * theme.c: policy themes (see theme.h).
 */
#include "model/theme.h"

static struct term_table table = TERM_TABLE("theme");

enum model_rc theme_list(struct store *db, struct region *a, struct term **items, size_t *n)
{
	return term_list(db, &table, a, items, n);
}

enum model_rc theme_get(struct store *db, struct region *a, int64_t id, struct term *out)
{
	return term_get(db, &table, a, id, out);
}

enum model_rc theme_create(struct store *db, const struct term *in, int64_t *id,
			   struct field_errors *errs)
{
	return term_create(db, &table, in, id, errs);
}
