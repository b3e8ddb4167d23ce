/*
 * term.c: reading and writing a vocabulary's terms (see term.h).
 */
#include "model/term.h"

#include <stdlib.h>
#include <string.h>

#include "model/text.h"

static void term_read(struct store_stmt *st, struct region *a, void *item)
{
	struct term *x = item;
	x->id = store_col_int(st, 0);
	x->name = model_text(st, a, 1);
	x->description = model_text(st, a, 2);
	x->lang = model_text(st, a, 3);
	x->retired_at = store_col_int(st, 4);
}

enum model_rc term_list(struct store *db, struct term_table *t, struct region *a, int all,
			struct term **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, all ? &t->list_all : &t->list);
	if (st == NULL)
		return MODEL_ERROR;
	return model_collect(db, st, a, sizeof **items, term_read, (void **)items, n, t->name);
}

enum model_rc term_get(struct store *db, struct term_table *t, struct region *a, int64_t id,
		       struct term *out)
{
	struct store_stmt *st = store_prepare(db, &t->get);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_one(db, st, a, out, term_read, t->name);
}

static int term_check(const struct term *in, struct field_errors *errs)
{
	text_check(errs, "name", in->name, 1, TEXT_NAME_MAX);
	text_check(errs, "description", in->description, 0, TEXT_BODY_MAX);
	if (in->lang && (strlen(in->lang) < 2 || strlen(in->lang) > 8))
		field_error_add(errs, "lang", MSG_FORM_CHOOSE_ONE);
	return errs->n == 0;
}

/* Binds name, its key, description and language to parameters 1..4. */
static void bind_term(struct store_stmt *st, const struct term *in, char **key)
{
	*key = text_sort_key(in->name);
	store_bind_text(st, 1, in->name);
	store_bind_text(st, 2, *key);
	store_bind_text(st, 3, in->description ? in->description : "");
	store_bind_text(st, 4, in->lang ? in->lang : "da");
}

enum model_rc term_create(struct store *db, struct term_table *t, const struct term *in,
			  int64_t *id, struct field_errors *errs)
{
	if (!term_check(in, errs))
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &t->insert);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	char *key;
	bind_term(st, in, &key);
	store_bind_int(st, 5, now);
	store_bind_int(st, 6, now);
	enum model_rc rc = model_exec(db, st, id, t->name);
	free(key);
	if (rc == MODEL_CONFLICT)
		field_error_add(errs, "name", MSG_FORM_NAME_TAKEN);
	return rc;
}

enum model_rc term_update(struct store *db, struct term_table *t, int64_t id, const struct term *in,
			  struct field_errors *errs)
{
	if (!term_check(in, errs))
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &t->update);
	if (st == NULL)
		return MODEL_ERROR;
	char *key;
	bind_term(st, in, &key);
	store_bind_int(st, 5, model_now());
	store_bind_int(st, 6, id);
	int64_t found = 0;
	enum model_rc rc = model_exec(db, st, &found, t->name);
	free(key);
	if (rc == MODEL_CONFLICT)
		field_error_add(errs, "name", MSG_FORM_NAME_TAKEN);
	return rc == MODEL_OK && found == 0 ? MODEL_NOT_FOUND : rc;
}

enum model_rc term_retire(struct store *db, struct term_table *t, int64_t id, int retired)
{
	struct store_stmt *st = store_prepare(db, &t->retire);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now(), found = 0;
	if (retired)
		store_bind_int(st, 1, now);
	else
		store_bind_null(st, 1);
	store_bind_int(st, 2, now);
	store_bind_int(st, 3, id);
	enum model_rc rc = model_exec(db, st, &found, t->name);
	return rc == MODEL_OK && found == 0 ? MODEL_NOT_FOUND : rc;
}

enum model_rc term_uses(struct store *db, struct term_table *t, int64_t id, int64_t *uses)
{
	return model_count_uses(db, &t->uses, id, uses, t->name);
}

enum model_rc term_delete(struct store *db, struct term_table *t, int64_t id)
{
	int64_t uses = 0, found = 0;
	enum model_rc rc = term_uses(db, t, id, &uses);
	if (rc != MODEL_OK)
		return rc;
	if (uses > 0)
		return MODEL_CONFLICT;
	struct store_stmt *st = store_prepare(db, &t->delete);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	rc = model_exec(db, st, &found, t->name);
	return rc == MODEL_OK && found == 0 ? MODEL_NOT_FOUND : rc;
}
