/*
 * area.h: local areas (lokalområder): the parts of a municipality that
 * arenas, local life and guide matching are scoped to. Owns table area
 * (a vocabulary, see term.h: staff change and retire areas through
 * area_terms with the term_ calls).
 */
#ifndef SAMSKAB_MODEL_AREA_H
#define SAMSKAB_MODEL_AREA_H

#include <stdint.h>

#include "model/term.h"

extern struct term_table area_terms;

/* The areas in use, by name. */
MODEL_MUST_USE enum model_rc area_list(struct store *db, struct region *a, struct term **items, size_t *n);
MODEL_MUST_USE enum model_rc area_get(struct store *db, struct region *a, int64_t id, struct term *out);
MODEL_MUST_USE enum model_rc area_create(struct store *db, const struct term *in, int64_t *id,
			  struct field_errors *errs);

/* An area's centre in millionths of a degree (WGS 84), for distances
 * between areas (guide matching); known 0 when not given. */
struct area_centre {
	int64_t id;
	int known;
	int32_t lat, lon;
};
/* Every area's centre, by id. */
MODEL_MUST_USE enum model_rc area_centres(struct store *db, struct region *a, struct area_centre **items,
			   size_t *n);
/* MODEL_INVALID outside the globe, MODEL_NOT_FOUND for no such area. */
MODEL_MUST_USE enum model_rc area_set_centre(struct store *db, int64_t id, int32_t lat, int32_t lon);

#endif
