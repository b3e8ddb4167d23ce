/*
 * term.h: the municipality's vocabularies, lists of named terms with a
 * description: local areas (area.h) and policy themes (theme.h). Each
 * vocabulary is its own table with the same columns; this file reads and
 * writes any of them. Staff keep them (web/admin_terms.c, `samskab area`
 * and `samskab theme`): a term in use is retired, not deleted, so what
 * refers to it keeps its meaning; a retired term is left out of lists
 * and choices but its page stays.
 */
#ifndef SAMSKAB_MODEL_TERM_H
#define SAMSKAB_MODEL_TERM_H

#include "model/model.h"

struct term {
	int64_t id;
	const char *name;
	const char *description;
	const char *lang;   /* language of name and description */
	int64_t retired_at; /* 0 while in use */
};

/* One vocabulary's table and statements; define with TERM_TABLE. */
struct term_table {
	const char *name;
	struct store_sql list, list_all, get, insert, update, retire, uses, delete;
};

#define TERM_COLUMNS "SELECT id, name, description, lang, COALESCE(retired_at, 0) FROM "
/* table: its name; uses: a statement counting what refers to term ?
 * (every ? is bound to the term's id). */
#define TERM_TABLE(table, uses_sql)                                                             \
	{                                                                                       \
		(table),                                                                        \
		STORE_SQL(TERM_COLUMNS table " WHERE retired_at IS NULL ORDER BY name_key, id"), \
		STORE_SQL(TERM_COLUMNS table " ORDER BY name_key, id"),                         \
		STORE_SQL(TERM_COLUMNS table " WHERE id = ?"),                                  \
		STORE_SQL("INSERT INTO " table " (name, name_key, description, lang, "          \
			  "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),    \
		STORE_SQL("UPDATE " table " SET name = ?, name_key = ?, description = ?, "      \
			  "lang = ?, updated_at = ? WHERE id = ? RETURNING id"),                \
		STORE_SQL("UPDATE " table " SET retired_at = ?, updated_at = ? WHERE id = ? "   \
			  "RETURNING id"),                                                      \
		STORE_SQL(uses_sql),                                                            \
		STORE_SQL("DELETE FROM " table " WHERE id = ? RETURNING id"),                   \
	}

/* The terms in use (all: also the retired ones), by name as people sort
 * it (case and accents folded). */
MODEL_MUST_USE enum model_rc term_list(struct store *db, struct term_table *t, struct region *a, int all,
			struct term **items, size_t *n);
MODEL_MUST_USE enum model_rc term_get(struct store *db, struct term_table *t, struct region *a, int64_t id,
		       struct term *out);
/* A name of 1..TEXT_NAME_MAX characters, unique in its vocabulary (else
 * MODEL_CONFLICT with MSG_FORM_NAME_TAKEN on "name"); description up to
 * TEXT_BODY_MAX; missing description and language become "" and "da". */
MODEL_MUST_USE enum model_rc term_create(struct store *db, struct term_table *t, const struct term *in,
			  int64_t *id, struct field_errors *errs);
/* Changes name, description and language, checked as by term_create;
 * MODEL_NOT_FOUND if there is no such term. */
MODEL_MUST_USE enum model_rc term_update(struct store *db, struct term_table *t, int64_t id,
			  const struct term *in, struct field_errors *errs);
/* Retires the term (retired 1) or takes it into use again (0). */
MODEL_MUST_USE enum model_rc term_retire(struct store *db, struct term_table *t, int64_t id, int retired);
/* How many things refer to the term (arenas, organisations, people, ...). */
MODEL_MUST_USE enum model_rc term_uses(struct store *db, struct term_table *t, int64_t id, int64_t *uses);
/* Deletes a term nothing refers to; MODEL_CONFLICT when something does
 * (retire it instead), MODEL_NOT_FOUND when there is no such term. */
MODEL_MUST_USE enum model_rc term_delete(struct store *db, struct term_table *t, int64_t id);

#endif
