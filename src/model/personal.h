/*
 * personal.h: everything the platform holds about one account, for the
 * right of access ("my data", web/me.c): a table per table of the
 * database that refers to the account or to its participant in
 * dialogues, with the columns a person may see (no secrets). Reads
 * only; owns no table (the SQL here reads others' tables, as a report).
 */
#ifndef SAMSKAB_MODEL_PERSONAL_H
#define SAMSKAB_MODEL_PERSONAL_H

#include "model/model.h"

struct personal_table {
	const char *name;           /* the table's, e.g. "signup" */
	const char *const *cols;    /* the names of what is read, NULL-ended */
	struct store_sql sql;       /* every ? is the account's id */
};

/* One value read. */
struct personal_value {
	enum store_type type;
	int64_t i;
	double d;
	const char *text;
};

size_t personal_table_count(void);
const struct personal_table *personal_table_at(size_t i);
/* The account's rows of table number table: *nrows rows of the table's
 * columns, row after row (region memory). */
MODEL_MUST_USE enum model_rc personal_rows(struct store *db, struct region *a, size_t table, int64_t account_id,
			    struct personal_value **values, size_t *nrows);

#endif
