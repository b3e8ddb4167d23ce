/*
 * theme.h: policy themes (integration, vulnerable young people, lonely
 * elderly, ...) that arenas are about. Owns table theme.
 */
#ifndef SAMSKAB_MODEL_THEME_H
#define SAMSKAB_MODEL_THEME_H

#include "model/model.h"

struct theme {
	int64_t id;
	const char *name;
	const char *description;
	const char *lang;
};

enum model_rc theme_list(struct store *db, struct region *a, struct theme **items, size_t *n);
enum model_rc theme_get(struct store *db, struct region *a, int64_t id, struct theme *out);
enum model_rc theme_create(struct store *db, const struct theme *in, int64_t *id,
			   struct field_errors *errs);

#endif
