/*
 * version.h: content in several languages. An association's description,
 * a practical page and a welcome offer are written in one language (the
 * row's lang: the original) and may carry versions in other languages
 * from the content list (core/language.h), each a title and a Markdown
 * body, in a table of their own (association_version, practical_version,
 * offer_version) that the entity's model file owns and declares with
 * VERSION_TABLE. This file reads and writes any of them.
 */
#ifndef SAMSKAB_MODEL_VERSION_H
#define SAMSKAB_MODEL_VERSION_H

#include "model/model.h"

struct version {
	const char *lang;
	const char *title; /* may be "" where the table allows it */
	const char *body;  /* Markdown */
	int64_t updated_at;
};

/* A versions table: its rows are keyed by (key, lang). title_required
 * is 0 where a version may leave the title to the original's. */
struct version_table {
	int title_required;
	struct store_sql list, get, put, del;
};

#define VERSION_TABLE(table, key, title_required)                                               \
	{                                                                                       \
		(title_required),                                                               \
		STORE_SQL("SELECT lang, title, body, updated_at FROM " table " WHERE " key      \
			  " = ? ORDER BY lang"),                                                \
		STORE_SQL("SELECT lang, title, body, updated_at FROM " table " WHERE " key      \
			  " = ? AND lang = ?"),                                                 \
		STORE_SQL("INSERT INTO " table " (" key ", lang, title, body, updated_by, "     \
			  "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (" key ", lang) "  \
			  "DO UPDATE SET title = excluded.title, body = excluded.body, "        \
			  "updated_by = excluded.updated_by, updated_at = excluded.updated_at"), \
		STORE_SQL("DELETE FROM " table " WHERE " key " = ? AND lang = ?"),              \
	}

/* Every version of an item, by language code. */
MODEL_MUST_USE enum model_rc version_list(struct store *db, struct version_table *t, struct region *a,
					  int64_t item_id, struct version **items, size_t *n);
/* The item's version in lang; MODEL_NOT_FOUND if it has none. */
MODEL_MUST_USE enum model_rc version_get(struct store *db, struct version_table *t, struct region *a,
					 int64_t item_id, const char *lang, struct version *out);
/* Writes (or replaces) the version in->lang of an item whose original is
 * in original_lang. MODEL_INVALID with errs: "lang" not on the content
 * list or the original's, "title" or "body" missing or too long. */
MODEL_MUST_USE enum model_rc version_put(struct store *db, struct version_table *t, int64_t item_id,
					 const char *original_lang, const struct version *in,
					 int64_t actor_id, struct field_errors *errs);
/* Removes the version in lang (nothing if there is none). */
MODEL_MUST_USE enum model_rc version_delete(struct store *db, struct version_table *t, int64_t item_id,
					    const char *lang);

#endif
