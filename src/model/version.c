/*
 * version.c: versions of content in other languages (see version.h).
 */
#include "model/version.h"

#include <string.h>

#include "core/language.h"
#include "model/text.h"

static void version_read(struct store_stmt *st, struct region *a, void *item)
{
	struct version *v = item;
	v->lang = model_text(st, a, 0);
	v->title = model_text(st, a, 1);
	v->body = model_text(st, a, 2);
	v->updated_at = store_col_int(st, 3);
}

enum model_rc version_list(struct store *db, struct version_table *t, struct region *a,
			   int64_t item_id, struct version **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &t->list);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, item_id);
	return model_collect(db, st, a, sizeof **items, version_read, (void **)items, n, "version_list");
}

enum model_rc version_get(struct store *db, struct version_table *t, struct region *a,
			  int64_t item_id, const char *lang, struct version *out)
{
	struct store_stmt *st = store_prepare(db, &t->get);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, item_id);
	store_bind_text(st, 2, lang);
	return model_one(db, st, a, out, version_read, "version_get");
}

enum model_rc version_put(struct store *db, struct version_table *t, int64_t item_id,
			  const char *original_lang, const struct version *in, int64_t actor_id,
			  struct field_errors *errs)
{
	if (language_find(in->lang) == NULL ||
	    (original_lang && in->lang && strcmp(in->lang, original_lang) == 0))
		field_error_add(errs, "lang", MSG_FORM_CHOOSE_ONE);
	text_check(errs, "title", in->title, t->title_required ? 1 : 0, TEXT_NAME_MAX);
	text_check(errs, "body", in->body, 1, TEXT_BODY_MAX);
	if (errs->n)
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &t->put);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, item_id);
	store_bind_text(st, 2, in->lang);
	store_bind_text(st, 3, in->title ? in->title : "");
	store_bind_text(st, 4, in->body);
	if (actor_id > 0)
		store_bind_int(st, 5, actor_id);
	else
		store_bind_null(st, 5);
	store_bind_int(st, 6, model_now());
	return model_exec(db, st, NULL, "version_put");
}

enum model_rc version_delete(struct store *db, struct version_table *t, int64_t item_id,
			     const char *lang)
{
	struct store_stmt *st = store_prepare(db, &t->del);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, item_id);
	store_bind_text(st, 2, lang);
	return model_exec(db, st, NULL, "version_delete");
}
