/*
 * term.h: the municipality's vocabularies, lists of named terms with a
 * description: local areas (area.h) and policy themes (theme.h). Each
 * vocabulary is its own table with the same columns; this file reads and
 * writes any of them.
 */
#ifndef SAMSKAB_MODEL_TERM_H
#define SAMSKAB_MODEL_TERM_H

#include "model/model.h"

struct term {
	int64_t id;
	const char *name;
	const char *description;
	const char *lang; /* language of name and description */
};

/* One vocabulary's table and statements; define with TERM_TABLE("area"). */
struct term_table {
	const char *name;
	struct store_sql list, get, insert;
};

#define TERM_TABLE(table)                                                                       \
	{                                                                                       \
		(table),                                                                        \
		STORE_SQL("SELECT id, name, description, lang FROM " table                      \
			  " ORDER BY name_key, id"),                                            \
		STORE_SQL("SELECT id, name, description, lang FROM " table " WHERE id = ?"),    \
		STORE_SQL("INSERT INTO " table " (name, name_key, description, lang, "          \
			  "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),    \
	}

/* All terms, by name as people sort it (case and accents folded). */
MODEL_MUST_USE enum model_rc term_list(struct store *db, struct term_table *t, struct region *a,
			struct term **items, size_t *n);
MODEL_MUST_USE enum model_rc term_get(struct store *db, struct term_table *t, struct region *a, int64_t id,
		       struct term *out);
/* A name of 1..TEXT_NAME_MAX characters, unique in its vocabulary (else
 * MODEL_CONFLICT with MSG_FORM_NAME_TAKEN on "name"); description up to
 * TEXT_BODY_MAX; missing description and language become "" and "da". */
MODEL_MUST_USE enum model_rc term_create(struct store *db, struct term_table *t, const struct term *in,
			  int64_t *id, struct field_errors *errs);

#endif
