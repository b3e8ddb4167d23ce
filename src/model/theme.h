/*
 * theme.h: policy themes (integration, vulnerable young people, lonely
 * elderly, ...) that arenas are about. Owns table theme (a vocabulary,
 * see term.h: staff change and retire themes through theme_terms with
 * the term_ calls).
 */
#ifndef SAMSKAB_MODEL_THEME_H
#define SAMSKAB_MODEL_THEME_H

#include "model/term.h"

extern struct term_table theme_terms;

/* The themes in use, by name. */
MODEL_MUST_USE enum model_rc theme_list(struct store *db, struct region *a, struct term **items, size_t *n);
MODEL_MUST_USE enum model_rc theme_get(struct store *db, struct region *a, int64_t id, struct term *out);
MODEL_MUST_USE enum model_rc theme_create(struct store *db, const struct term *in, int64_t *id,
			   struct field_errors *errs);

#endif
