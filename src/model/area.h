/*
 * area.h: local areas (lokalområder): the parts of a municipality that
 * arenas, local life and guide matching are scoped to. Owns table area.
 */
#ifndef SAMSKAB_MODEL_AREA_H
#define SAMSKAB_MODEL_AREA_H

#include "model/model.h"

struct area {
	int64_t id;
	const char *name;
	const char *description;
	const char *lang; /* language of name and description */
};

/* Every area, by name (a municipality has tens, not thousands). */
enum model_rc area_list(struct store *db, struct region *a, struct area **items, size_t *n);
enum model_rc area_get(struct store *db, struct region *a, int64_t id, struct area *out);
/* Validates and inserts; MODEL_INVALID fills errs, MODEL_CONFLICT if the
 * name is taken (also reported in errs). */
enum model_rc area_create(struct store *db, const struct area *in, int64_t *id,
			  struct field_errors *errs);

#endif
