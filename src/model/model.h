/*
 * model.h: what every model file shares: result codes, field errors for
 * forms, and paging. Model files own their tables and all SQL on them;
 * they take a store connection and a region for results, and never know
 * about requests or HTML (model_status() only names the status class of
 * a result code).
 */
#ifndef SAMSKAB_MODEL_MODEL_H
#define SAMSKAB_MODEL_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "core/region.h"
#include "core/i18n.h"
#include "store/store.h"

/* On every function that returns a model code: a caller that drops one
 * renders a page from data it does not have (an empty list where the
 * database failed, with status 200), so the compiler refuses it. */
#define MODEL_MUST_USE __attribute__((warn_unused_result))

enum model_rc {
	MODEL_OK = 0,
	MODEL_NOT_FOUND,   /* no such row */
	MODEL_INVALID,     /* input refused; see the field errors */
	MODEL_CONFLICT,    /* clashes with what is stored (duplicate, stale) */
	MODEL_UNAVAILABLE, /* the database cannot be reached or stayed locked */
	MODEL_ERROR,       /* a bug or a broken database; logged */
	MODEL__MAX
};

/*
 * The status a page or a JSON endpoint answers for a result: 200, 404,
 * 400, 409, 503, 500 (MODEL_ERROR and anything out of range). The model
 * knows no requests; these numbers are the classes its codes stand for,
 * kept here beside the codes so that web/ and api/ (siblings, which
 * share nothing above the model) answer them alike, with
 * req_status(r, model_status(rc)).
 */
int model_status(enum model_rc rc);

/* Maps a failed store call to a model code and logs real errors. */
MODEL_MUST_USE enum model_rc model_from_store(struct store *db, int store_rc, const char *what);

#define MODEL_MAX_ERRORS 16

/* Field errors of a submitted form: which field, and the message. */
struct field_errors {
	struct {
		const char *field;
		enum msg msg;
	} items[MODEL_MAX_ERRORS];
	int n;
};

void field_error_add(struct field_errors *e, const char *field, enum msg m);
/* The message for field, or MSG__MAX when it has none. */
enum msg field_error_get(const struct field_errors *e, const char *field);

/* A page of a list: 1-based page number and size; total filled in. */
struct paging {
	int64_t page;
	int64_t per_page;
	int64_t total;
};

/* Clamps page and per_page to sane values (per_page 1..max). */
void paging_clamp(struct paging *p, int64_t max_per_page);
int64_t paging_offset(const struct paging *p);
int64_t paging_pages(const struct paging *p);

/* Reads the current row of st into item (a struct of the caller's). */
typedef void (*model_read_fn)(struct store_stmt *st, struct region *a, void *item);

/*
 * Steps a prepared, bound statement to its end and collects the rows into
 * a region array of item_size-byte structs. Resets st. MODEL_OK with
 * *n == 0 when there are no rows.
 */
MODEL_MUST_USE enum model_rc model_collect(struct store *db, struct store_stmt *st, struct region *a,
			    size_t item_size, model_read_fn read, void **items, size_t *n,
			    const char *what);
/* Binds a list's filter to st's first parameters; returns how many. */
typedef int (*model_bind_fn)(struct store_stmt *st, const void *filter);
/*
 * One page of a list: p->total from count_sql, then the page's rows from
 * list_sql as model_collect reads them. bind (NULL: no filter) binds the
 * same filter to both; list_sql takes LIMIT and OFFSET after it.
 */
MODEL_MUST_USE enum model_rc model_page(struct store *db, struct store_sql *count_sql, struct store_sql *list_sql,
			 model_bind_fn bind, const void *filter, struct paging *p, struct region *a,
			 size_t item_size, model_read_fn read, void **items, size_t *n,
			 const char *what);
/* Reads the one row of st into item; MODEL_NOT_FOUND if none. Resets st. */
MODEL_MUST_USE enum model_rc model_one(struct store *db, struct store_stmt *st, struct region *a, void *item,
			model_read_fn read, const char *what);
/* Steps a statement that returns no rows (or one id with RETURNING, put in
 * *id when id is not NULL). Resets st. */
MODEL_MUST_USE enum model_rc model_exec(struct store *db, struct store_stmt *st, int64_t *id, const char *what);
/* Runs a statement that counts what refers to id (every use of its one
 * parameter) into *n. */
MODEL_MUST_USE enum model_rc model_count_uses(struct store *db, struct store_sql *sql, int64_t id, int64_t *n,
			       const char *what);
/* Column i as a region string; NULL stays NULL. */
const char *model_text(struct store_stmt *st, struct region *a, int i);

/* Seconds since the Unix epoch: the model's clock, which every entry's
 * time and every deadline (sessions, tokens, rate limits, mail retries)
 * is read from. The wall clock, unless a test fixed it. */
int64_t model_now(void);
/* For tests only: the clock stands at now (seconds since the epoch) until
 * set again, so time-based behaviour is tested by moving the clock, not
 * by waiting; 0 gives the wall clock back. Never called by the server. */
void model_clock_set(int64_t now);

#endif
