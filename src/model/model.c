/*
 * model.c: shared model helpers (see model.h).
 */
#include "model/model.h"

#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "core/log.h"

static const int statuses[] = {
	[MODEL_OK] = 200,
	[MODEL_NOT_FOUND] = 404,
	[MODEL_INVALID] = 400,
	[MODEL_CONFLICT] = 409,
	[MODEL_UNAVAILABLE] = 503,
	[MODEL_ERROR] = 500,
};
_Static_assert(sizeof statuses / sizeof statuses[0] == MODEL__MAX, "a status for every model code");

int model_status(enum model_rc rc)
{
	return (unsigned)rc < MODEL__MAX ? statuses[rc] : 500;
}

enum model_rc model_from_store(struct store *db, int rc, const char *what)
{
	switch (rc) {
	case STORE_OK:
	case STORE_ROW:
	case STORE_DONE:
		return MODEL_OK;
	case STORE_CONFLICT: {
		/* Often expected (a name taken); worth seeing when debugging. */
		struct logline l;
		log_begin(&l, LOG_DEBUG, "constraint refused a change");
		log_str(&l, "during", what);
		log_str(&l, "error", store_error(db));
		log_end(&l);
		return MODEL_CONFLICT;
	}
	case STORE_BUSY:
	case STORE_UNAVAILABLE: {
		struct logline l;
		log_begin(&l, LOG_WARN, "database unavailable");
		log_str(&l, "during", what);
		log_str(&l, "error", store_error(db));
		log_end(&l);
		return MODEL_UNAVAILABLE;
	}
	default: {
		struct logline l;
		log_begin(&l, LOG_ERROR, "database error");
		log_str(&l, "during", what);
		log_str(&l, "error", store_error(db));
		log_end(&l);
		return MODEL_ERROR;
	}
	}
}

void field_error_add(struct field_errors *e, const char *field, enum msg m)
{
	if (e->n < MODEL_MAX_ERRORS) {
		e->items[e->n].field = field;
		e->items[e->n].msg = m;
		e->n++;
	}
}

enum msg field_error_get(const struct field_errors *e, const char *field)
{
	for (int i = 0; i < e->n; i++)
		if (e->items[i].field == field || strcmp(e->items[i].field, field) == 0)
			return e->items[i].msg;
	return MSG__MAX;
}

void paging_clamp(struct paging *p, int64_t max_per_page)
{
	if (p->per_page < 1 || p->per_page > max_per_page)
		p->per_page = max_per_page;
	if (p->page < 1)
		p->page = 1;
	if (p->page > 1000000)
		p->page = 1000000;
}

enum model_rc model_page(struct store *db, struct store_sql *count_sql, struct store_sql *list_sql,
			 model_bind_fn bind, const void *filter, struct paging *p, struct region *a,
			 size_t item_size, model_read_fn read, void **items, size_t *n,
			 const char *what)
{
	struct store_stmt *st = store_prepare(db, count_sql);
	if (st == NULL)
		return MODEL_ERROR;
	if (bind)
		bind(st, filter);
	p->total = 0;
	enum model_rc rc = model_exec(db, st, &p->total, what);
	if (rc != MODEL_OK)
		return rc;
	if ((st = store_prepare(db, list_sql)) == NULL)
		return MODEL_ERROR;
	int bound = bind ? bind(st, filter) : 0;
	store_bind_int(st, bound + 1, p->per_page);
	store_bind_int(st, bound + 2, paging_offset(p));
	return model_collect(db, st, a, item_size, read, items, n, what);
}

int64_t paging_offset(const struct paging *p)
{
	return (p->page - 1) * p->per_page;
}

int64_t paging_pages(const struct paging *p)
{
	return p->total == 0 ? 1 : (p->total + p->per_page - 1) / p->per_page;
}

enum model_rc model_collect(struct store *db, struct store_stmt *st, struct region *a,
			    size_t item_size, model_read_fn read, void **items, size_t *n,
			    const char *what)
{
	size_t cap = 16, count = 0;
	char *arr = region_alloc(a, cap * item_size);
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		if (count == cap) {
			char *bigger = region_alloc(a, 2 * cap * item_size);
			memcpy(bigger, arr, cap * item_size);
			arr = bigger;
			cap *= 2;
		}
		memset(arr + count * item_size, 0, item_size);
		read(st, a, arr + count * item_size);
		count++;
	}
	store_reset(st);
	*items = arr;
	*n = count;
	return rc == STORE_DONE ? MODEL_OK : model_from_store(db, rc, what);
}

enum model_rc model_one(struct store *db, struct store_stmt *st, struct region *a, void *item,
			model_read_fn read, const char *what)
{
	int rc = store_step(st);
	if (rc == STORE_ROW)
		read(st, a, item);
	store_reset(st);
	if (rc == STORE_ROW)
		return MODEL_OK;
	return rc == STORE_DONE ? MODEL_NOT_FOUND : model_from_store(db, rc, what);
}

enum model_rc model_exec(struct store *db, struct store_stmt *st, int64_t *id, const char *what)
{
	int rc = store_step(st);
	if (rc == STORE_ROW && id)
		*id = store_col_int(st, 0);
	while (rc == STORE_ROW)
		rc = store_step(st);
	store_reset(st);
	return rc == STORE_DONE ? MODEL_OK : model_from_store(db, rc, what);
}

enum model_rc model_count_uses(struct store *db, struct store_sql *sql, int64_t id, int64_t *n,
			       const char *what)
{
	struct store_stmt *st = store_prepare(db, sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	*n = 0;
	return model_exec(db, st, n, what);
}

const char *model_text(struct store_stmt *st, struct region *a, int i)
{
	const char *s = store_col_text(st, i);
	return s ? region_strdup(a, s) : NULL;
}

/* 0: the wall clock. A relaxed atomic: one load per call in production. */
static _Atomic int64_t fixed_now;

int64_t model_now(void)
{
	int64_t t = atomic_load_explicit(&fixed_now, memory_order_relaxed);
	return t ? t : (int64_t)time(NULL);
}

void model_clock_set(int64_t now)
{
	atomic_store_explicit(&fixed_now, now, memory_order_relaxed);
}
