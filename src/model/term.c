/*
 * term.c: reading and writing a vocabulary's terms (see term.h).
 */
#include "model/term.h"

#include <stdlib.h>

#include "model/text.h"

static void term_read(struct store_stmt *st, struct region *a, void *item)
{
	struct term *x = item;
	x->id = store_col_int(st, 0);
	x->name = model_text(st, a, 1);
	x->description = model_text(st, a, 2);
	x->lang = model_text(st, a, 3);
}

enum model_rc term_list(struct store *db, struct term_table *t, struct region *a,
			struct term **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &t->list);
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

enum model_rc term_create(struct store *db, struct term_table *t, const struct term *in,
			  int64_t *id, struct field_errors *errs)
{
	text_check(errs, "name", in->name, 1, TEXT_NAME_MAX);
	text_check(errs, "description", in->description, 0, TEXT_BODY_MAX);
	if (errs->n)
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &t->insert);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	char *key = text_sort_key(in->name);
	store_bind_text(st, 1, in->name);
	store_bind_text(st, 2, key);
	store_bind_text(st, 3, in->description ? in->description : "");
	store_bind_text(st, 4, in->lang ? in->lang : "da");
	store_bind_int(st, 5, now);
	store_bind_int(st, 6, now);
	free(key);
	enum model_rc rc = model_exec(db, st, id, t->name);
	if (rc == MODEL_CONFLICT)
		field_error_add(errs, "name", MSG_FORM_NAME_TAKEN);
	return rc;
}
