/*
 * copy.c: db-copy's engine (see copy.h). The statements here are built at
 * run time, because they serve whatever tables the catalogue lists: only
 * names read from the catalogue go into their text, quoted by
 * store_quote_ident; every value is bound.
 */
#include "store/copy.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"

#define COPY_BATCH 10000
#define COPY_SQL_MAX (1 << 20)

/* Tables db-copy leaves to the target: migrate.c's record (each side
 * keeps its own), and search_doc, which triggers on the tables it is
 * made from fill as their rows arrive (its ids follow the order of
 * arrival, so it is not compared either). */
static int skipped(const char *table)
{
	return strcmp(table, "schema_migration") == 0 || strcmp(table, "search_doc") == 0;
}

/* A key column's value in the last row read: where the next batch starts. */
struct key {
	enum store_type type;
	int64_t i;
	double d;
	char *text;
};

/* Reads a table in primary-key order, COPY_BATCH rows a statement. */
struct reader {
	struct store *s;
	const struct store_table *t;
	struct store_stmt *first, *next, *cur;
	int64_t in_batch;
	int *kcol;        /* the column of each key position */
	struct key *keys; /* t->npk of them */
};

static void select_from(struct buf *b, const struct store_table *t)
{
	buf_puts(b, "SELECT ");
	for (int i = 0; i < t->ncols; i++) {
		if (i)
			buf_puts(b, ", ");
		store_quote_ident(b, t->cols[i].name);
	}
	buf_puts(b, " FROM ");
	store_quote_ident(b, t->name);
}

/* The key columns, text compared bytewise so both engines agree. */
static void key_list(struct buf *b, const struct reader *r)
{
	const char *bytewise =
		store_dialect(r->s) == STORE_POSTGRES ? " COLLATE \"C\"" : " COLLATE BINARY";
	for (int k = 0; k < r->t->npk; k++) {
		const struct store_column *c = &r->t->cols[r->kcol[k]];
		if (k)
			buf_puts(b, ", ");
		store_quote_ident(b, c->name);
		if (c->text)
			buf_puts(b, bytewise);
	}
}

static void reader_close(struct reader *r)
{
	store_finalize(r->first);
	store_finalize(r->next);
	for (int k = 0; r->keys && k < r->t->npk; k++)
		free(r->keys[k].text);
	free(r->keys);
	free(r->kcol);
	memset(r, 0, sizeof *r);
}

static int reader_open(struct reader *r, struct store *s, const struct store_table *t, char *err,
		       size_t errlen)
{
	memset(r, 0, sizeof *r);
	r->s = s;
	r->t = t;
	if (t->npk == 0) {
		snprintf(err, errlen, "table %s has no primary key: db-copy reads tables in key order",
			 t->name);
		return -1;
	}
	r->kcol = mem_calloc((size_t)t->npk, sizeof *r->kcol);
	r->keys = mem_calloc((size_t)t->npk, sizeof *r->keys);
	for (int i = 0; i < t->ncols; i++)
		if (t->cols[i].pk > 0 && t->cols[i].pk <= t->npk)
			r->kcol[t->cols[i].pk - 1] = i;
	struct buf first = BUF_INIT(COPY_SQL_MAX), next = BUF_INIT(COPY_SQL_MAX);
	select_from(&first, t);
	select_from(&next, t);
	buf_puts(&next, " WHERE (");
	key_list(&next, r);
	buf_puts(&next, ") > (");
	for (int k = 0; k < t->npk; k++)
		buf_puts(&next, k ? ", ?" : "?");
	buf_puts(&next, ")");
	buf_puts(&first, " ORDER BY ");
	buf_puts(&next, " ORDER BY ");
	key_list(&first, r);
	key_list(&next, r);
	buf_printf(&first, " LIMIT %d", COPY_BATCH);
	buf_printf(&next, " LIMIT %d", COPY_BATCH);
	if (!first.overflow && !next.overflow) {
		r->first = store_prepare_text(s, buf_str(&first));
		r->next = r->first ? store_prepare_text(s, buf_str(&next)) : NULL;
	}
	buf_free(&first);
	buf_free(&next);
	if (r->next == NULL) {
		snprintf(err, errlen, "cannot read table %s: %s", t->name, store_error(s));
		reader_close(r);
		return -1;
	}
	r->cur = r->first;
	return 0;
}

static void remember_keys(struct reader *r)
{
	for (int k = 0; k < r->t->npk; k++) {
		struct key *key = &r->keys[k];
		free(key->text);
		key->text = NULL;
		key->type = store_col_type(r->cur, r->kcol[k]);
		if (key->type == STORE_INT)
			key->i = store_col_int(r->cur, r->kcol[k]);
		else if (key->type == STORE_REAL)
			key->d = store_col_double(r->cur, r->kcol[k]);
		else if (key->type != STORE_NULL)
			key->text = mem_strdup(store_col_text(r->cur, r->kcol[k]));
	}
}

/* The next row (its columns on r->cur), STORE_DONE, or an error code. */
static int reader_step(struct reader *r)
{
	for (;;) {
		int rc = store_step(r->cur);
		if (rc == STORE_ROW) {
			r->in_batch++;
			remember_keys(r);
			return rc;
		}
		if (rc != STORE_DONE || r->in_batch < COPY_BATCH)
			return rc;
		/* A full batch: go on after its last key. */
		store_reset(r->cur);
		r->cur = r->next;
		r->in_batch = 0;
		for (int k = 0; k < r->t->npk; k++) {
			const struct key *key = &r->keys[k];
			if (key->type == STORE_INT)
				store_bind_int(r->cur, k + 1, key->i);
			else if (key->type == STORE_REAL)
				store_bind_double(r->cur, k + 1, key->d);
			else
				store_bind_text(r->cur, k + 1, key->text);
		}
	}
}

/* Column i of st as canonical bytes (see struct store_digest): 1 with *p
 * and *n set (a BLOB's own bytes), 0 for NULL. */
static int value_text(struct store_stmt *st, int i, char num[40], const char **p, size_t *n)
{
	switch (store_col_type(st, i)) {
	case STORE_NULL:
		return 0;
	case STORE_INT:
		*n = (size_t)snprintf(num, 40, "%lld", (long long)store_col_int(st, i));
		*p = num;
		return 1;
	case STORE_REAL:
		*n = (size_t)snprintf(num, 40, "%.17g", store_col_double(st, i));
		*p = num;
		return 1;
	case STORE_BLOB:
		*p = store_col_blob(st, i, n);
		if (*p == NULL)
			*p = "";
		return 1;
	case STORE_TEXT:
		break;
	}
	*p = store_col_text(st, i);
	*n = strlen(*p);
	return 1;
}

int store_table_digest(struct store *s, const struct store_table *t, struct store_digest *d,
		       char *err, size_t errlen)
{
	struct reader r;
	if (reader_open(&r, s, t, err, errlen) != 0)
		return -1;
	crypto_generichash_state h;
	crypto_generichash_init(&h, NULL, 0, STORE_DIGEST_BYTES);
	d->rows = 0;
	int rc, out = -1;
	while ((rc = reader_step(&r)) == STORE_ROW) {
		d->rows++;
		for (int i = 0; i < t->ncols; i++) {
			char num[40];
			const char *p = NULL;
			size_t n = 0;
			int has = value_text(r.cur, i, num, &p, &n);
			/* A tag and a length before each value: no two rows run together. */
			unsigned char head[9] = { has ? 'V' : 'N' };
			for (int b = 0; b < 8; b++)
				head[1 + b] = (unsigned char)((uint64_t)n >> (8 * b));
			crypto_generichash_update(&h, head, sizeof head);
			if (has)
				crypto_generichash_update(&h, (const unsigned char *)p, n);
		}
	}
	if (rc != STORE_DONE) {
		snprintf(err, errlen, "cannot read table %s: %s", t->name, store_error(s));
		goto done;
	}
	crypto_generichash_final(&h, d->hash, STORE_DIGEST_BYTES);
	out = 0;
done:
	if (r.cur)
		store_reset(r.cur);
	reader_close(&r);
	return out;
}

/* Copies the rows of table from_t (on from) into to_t (on to). */
static int copy_table(struct store *from, const struct store_table *from_t, struct store *to,
		      const struct store_table *to_t, int64_t *rows, char *err, size_t errlen)
{
	struct buf sql = BUF_INIT(COPY_SQL_MAX);
	buf_puts(&sql, "INSERT INTO ");
	store_quote_ident(&sql, to_t->name);
	buf_puts(&sql, " (");
	for (int i = 0; i < to_t->ncols; i++) {
		if (i)
			buf_puts(&sql, ", ");
		store_quote_ident(&sql, to_t->cols[i].name);
	}
	/* Keeps the ids even of identity columns declared GENERATED ALWAYS. */
	buf_puts(&sql, store_dialect(to) == STORE_POSTGRES ? ") OVERRIDING SYSTEM VALUE VALUES ("
							   : ") VALUES (");
	for (int i = 0; i < to_t->ncols; i++)
		buf_puts(&sql, i ? ", ?" : "?");
	buf_puts(&sql, ")");
	struct store_stmt *ins = sql.overflow ? NULL : store_prepare_text(to, buf_str(&sql));
	buf_free(&sql);
	if (ins == NULL) {
		snprintf(err, errlen, "cannot write table %s: %s", to_t->name, store_error(to));
		return -1;
	}
	struct reader r;
	if (reader_open(&r, from, from_t, err, errlen) != 0) {
		store_finalize(ins);
		return -1;
	}
	int rc, out = -1;
	while ((rc = reader_step(&r)) == STORE_ROW) {
		store_reset(ins);
		for (int i = 0; i < from_t->ncols; i++) {
			switch (store_col_type(r.cur, i)) {
			case STORE_NULL:
				store_bind_null(ins, i + 1);
				break;
			case STORE_INT:
				store_bind_int(ins, i + 1, store_col_int(r.cur, i));
				break;
			case STORE_REAL:
				store_bind_double(ins, i + 1, store_col_double(r.cur, i));
				break;
			case STORE_TEXT:
				store_bind_text(ins, i + 1, store_col_text(r.cur, i));
				break;
			case STORE_BLOB: {
				size_t n = 0;
				const void *p = store_col_blob(r.cur, i, &n);
				store_bind_blob(ins, i + 1, p ? p : "", n);
				break;
			}
			}
		}
		if (store_step(ins) != STORE_DONE) {
			snprintf(err, errlen, "cannot copy a row of table %s: %s", to_t->name,
				 store_error(to));
			goto done;
		}
		(*rows)++;
	}
	if (rc != STORE_DONE) {
		snprintf(err, errlen, "cannot read table %s: %s", from_t->name, store_error(from));
		goto done;
	}
	out = 0;
done:
	store_reset(r.cur);
	reader_close(&r);
	store_finalize(ins);
	return out;
}

/* "a*, b, c": a table's columns, key columns starred, for comparing. */
static void signature(struct buf *b, const struct store_table *t)
{
	for (int i = 0; i < t->ncols; i++)
		buf_printf(b, "%s%s%s", i ? ", " : "", t->cols[i].name, t->cols[i].pk ? "*" : "");
}

/* Both sides must have the same tables with the same columns and keys. */
static int same_schema(const struct store_catalog *from, const struct store_catalog *to,
		       char *err, size_t errlen)
{
	for (int i = 0; i < from->ntables; i++)
		if (store_catalog_find(to, from->tables[i].name) == NULL) {
			snprintf(err, errlen, "table %s is in FROM but not in TO", from->tables[i].name);
			return -1;
		}
	for (int i = 0; i < to->ntables; i++) {
		const struct store_table *t = &to->tables[i];
		const struct store_table *f = store_catalog_find(from, t->name);
		if (f == NULL) {
			snprintf(err, errlen, "table %s is in TO but not in FROM", t->name);
			return -1;
		}
		if (skipped(t->name))
			continue;
		struct buf a = BUF_INIT(COPY_SQL_MAX), b = BUF_INIT(COPY_SQL_MAX);
		signature(&a, f);
		signature(&b, t);
		int same = strcmp(buf_str(&a), buf_str(&b)) == 0;
		if (!same)
			snprintf(err, errlen, "table %s differs: FROM has (%s), TO has (%s)", t->name,
				 buf_str(&a), buf_str(&b));
		buf_free(&a);
		buf_free(&b);
		if (!same)
			return -1;
	}
	return 0;
}

static int is_empty(struct store *s, const struct store_table *t, char *err, size_t errlen)
{
	struct buf sql = BUF_INIT(COPY_SQL_MAX);
	buf_puts(&sql, "SELECT 1 FROM ");
	store_quote_ident(&sql, t->name);
	buf_puts(&sql, " LIMIT 1");
	struct store_stmt *st = sql.overflow ? NULL : store_prepare_text(s, buf_str(&sql));
	buf_free(&sql);
	int rc = st ? store_step(st) : STORE_ERROR;
	store_finalize(st);
	if (rc == STORE_DONE)
		return 1;
	if (rc == STORE_ROW)
		snprintf(err, errlen,
			 "TO is not empty: table %s has rows (db-copy only fills a new database)",
			 t->name);
	else
		snprintf(err, errlen, "cannot read table %s: %s", t->name, store_error(s));
	return 0;
}

/* PostgreSQL: each sequence behind a column goes on after the largest id. */
static int reset_sequences(struct store *s, const struct store_table *t, char *err, size_t errlen)
{
	for (int i = 0; i < t->ncols; i++) {
		if (!t->cols[i].identity)
			continue;
		struct buf sql = BUF_INIT(COPY_SQL_MAX);
		buf_puts(&sql, "SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX(");
		store_quote_ident(&sql, t->cols[i].name);
		buf_puts(&sql, "), 0) + 1, false) FROM ");
		store_quote_ident(&sql, t->name);
		struct buf table = BUF_INIT(COPY_SQL_MAX);
		store_quote_ident(&table, t->name);
		struct store_stmt *st = sql.overflow ? NULL : store_prepare_text(s, buf_str(&sql));
		int rc = STORE_ERROR;
		if (st) {
			store_bind_text(st, 1, buf_str(&table));
			store_bind_text(st, 2, t->cols[i].name);
			rc = store_step(st);
		}
		store_finalize(st);
		buf_free(&sql);
		buf_free(&table);
		if (rc != STORE_ROW) {
			snprintf(err, errlen, "cannot set the sequence of %s.%s: %s", t->name,
				 t->cols[i].name, store_error(s));
			return -1;
		}
	}
	return 0;
}

static int tx_error(const char *what, struct store *s, char *err, size_t errlen)
{
	snprintf(err, errlen, "cannot begin a transaction on %s: %s", what, store_error(s));
	return -1;
}

int store_copy(struct store *from, struct store *to, struct store_copy *c, char *err,
	       size_t errlen)
{
	struct store_catalog cf, ct;
	int out = -1;
	memset(c, 0, sizeof *c);
	memset(&cf, 0, sizeof cf);
	memset(&ct, 0, sizeof ct);
	if (store_catalog_read(from, &cf, err, errlen) != 0 ||
	    store_catalog_read(to, &ct, err, errlen) != 0 || same_schema(&cf, &ct, err, errlen) != 0)
		goto done;
	if (store_begin_read(from) != STORE_OK) {
		tx_error("FROM", from, err, errlen);
		goto done;
	}
	if (store_begin(to) != STORE_OK) {
		tx_error("TO", to, err, errlen);
		goto done;
	}
	c->tables = mem_calloc((size_t)ct.ntables + 1, sizeof *c->tables);
	for (int i = 0; i < ct.ntables; i++) {
		const struct store_table *t = &ct.tables[i];
		if (!skipped(t->name) && !is_empty(to, t, err, errlen))
			goto done;
	}
	/* In TO's foreign-key order: referenced rows arrive first. */
	for (int i = 0; i < ct.ntables; i++) {
		const struct store_table *t = &ct.tables[i];
		const struct store_table *f = store_catalog_find(&cf, t->name);
		if (!skipped(t->name) &&
		    copy_table(from, f, to, t, &c->rows, err, errlen) != 0)
			goto done;
	}
	/* Verify every table before judging, so the report is complete. */
	const char *differs = NULL;
	for (int i = 0; i < ct.ntables; i++) {
		const struct store_table *t = &ct.tables[i];
		if (skipped(t->name))
			continue;
		const struct store_table *f = store_catalog_find(&cf, t->name);
		struct store_copy_table *e = &c->tables[c->ntables++];
		e->name = mem_strdup(t->name);
		if (store_table_digest(from, f, &e->from, err, errlen) != 0 ||
		    store_table_digest(to, t, &e->to, err, errlen) != 0)
			goto done;
		if (!differs && (e->from.rows != e->to.rows ||
				 memcmp(e->from.hash, e->to.hash, sizeof e->from.hash) != 0))
			differs = e->name;
	}
	if (differs) {
		snprintf(err, errlen, "table %s differs after copying; nothing was kept", differs);
		goto done;
	}
	for (int i = 0; i < ct.ntables; i++)
		if (reset_sequences(to, &ct.tables[i], err, errlen) != 0)
			goto done;
	if (store_commit(to) != STORE_OK) {
		snprintf(err, errlen, "cannot commit the copy: %s", store_error(to));
		goto done;
	}
	out = 0;
done:
	store_rollback(to);
	store_rollback(from);
	store_catalog_free(&cf);
	store_catalog_free(&ct);
	return out;
}

void store_copy_free(struct store_copy *c)
{
	for (int i = 0; i < c->ntables; i++)
		free(c->tables[i].name);
	free(c->tables);
	memset(c, 0, sizeof *c);
}
