/*
 * catalog.c: the tables of a database, their columns and keys, in
 * foreign-key order (see catalog.h). Each dialect answers three questions
 * with its own catalogue: which tables, which columns of a table, which
 * tables a table references. The rest is the same for both.
 */
#include "store/catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

enum { Q_TABLES, Q_COLUMNS, Q_PARENTS, Q__MAX };

/* Columns answer: name, position in the primary key, holds text, identity. */
static struct store_sql sqlite_sql[Q__MAX] = {
	/* Q_TABLES: ordinary tables, not virtual tables, their shadows or sqlite_* */
	STORE_SQL("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
		  "AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name"),
	/* Q_COLUMNS: hidden 2 and 3 are generated columns. Text affinity
	 * follows SQLite's rules: INT first, then CHAR, CLOB or TEXT. */
	STORE_SQL("SELECT name, pk, type NOT LIKE '%INT%' AND (type LIKE '%CHAR%' OR "
		  "type LIKE '%CLOB%' OR type LIKE '%TEXT%'), 0 "
		  "FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid"),
	/* Q_PARENTS */
	STORE_SQL("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)"),
};

static struct store_sql postgres_sql[Q__MAX] = {
	/* Q_TABLES */
	STORE_SQL("SELECT table_name FROM information_schema.tables "
		  "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
		  "ORDER BY table_name"),
	/* Q_COLUMNS */
	STORE_SQL("SELECT c.column_name, "
		  "COALESCE((SELECT k.ordinal_position FROM information_schema.table_constraints t "
		  "JOIN information_schema.key_column_usage k ON k.constraint_schema = "
		  "t.constraint_schema AND k.constraint_name = t.constraint_name AND "
		  "k.table_name = t.table_name WHERE t.table_schema = c.table_schema AND "
		  "t.table_name = c.table_name AND t.constraint_type = 'PRIMARY KEY' AND "
		  "k.column_name = c.column_name), 0), "
		  "(c.data_type IN ('text', 'character varying', 'character'))::int, "
		  "(c.is_identity = 'YES' OR COALESCE(c.column_default LIKE 'nextval(%', false))::int "
		  "FROM information_schema.columns c WHERE c.table_schema = current_schema() AND "
		  "c.table_name = ? AND c.is_generated = 'NEVER' ORDER BY c.ordinal_position"),
	/* Q_PARENTS: pg_constraint, since information_schema joins foreign keys
	 * to their targets by constraint name, which need not be unique. */
	STORE_SQL("SELECT DISTINCT p.relname FROM pg_constraint k "
		  "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid "
		  "WHERE k.contype = 'f' AND c.relnamespace = current_schema()::regnamespace "
		  "AND c.relname = ?"),
};

/* A table while the catalogue is read: its parents by name. */
struct pending {
	struct store_table t;
	char **parents;
	int nparents;
	int placed;
};

void store_quote_ident(struct buf *b, const char *name)
{
	buf_putc(b, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

static void table_free(struct store_table *t)
{
	for (int i = 0; i < t->ncols; i++)
		free(t->cols[i].name);
	free(t->cols);
	free(t->name);
}

void store_catalog_free(struct store_catalog *c)
{
	for (int i = 0; i < c->ntables; i++)
		table_free(&c->tables[i]);
	free(c->tables);
	c->tables = NULL;
	c->ntables = 0;
}

const struct store_table *store_catalog_find(const struct store_catalog *c, const char *name)
{
	for (int i = 0; i < c->ntables; i++)
		if (strcmp(c->tables[i].name, name) == 0)
			return &c->tables[i];
	return NULL;
}

/* Runs query q (with the table name bound, if it takes one) and calls
 * row for each row. */
static int each_row(struct store *s, struct store_sql *q, const char *table,
		    void (*row)(struct store_stmt *st, void *arg), void *arg, char *err, size_t errlen)
{
	struct store_stmt *st = store_prepare(s, q);
	if (st == NULL)
		goto fail;
	if (table)
		store_bind_text(st, 1, table);
	int rc;
	while ((rc = store_step(st)) == STORE_ROW)
		row(st, arg);
	store_reset(st);
	if (rc == STORE_DONE)
		return 0;
fail:
	snprintf(err, errlen, "cannot read the database catalogue%s%s: %s", table ? " for " : "",
		 table ? table : "", store_error(s));
	return -1;
}

struct list {
	struct pending *items;
	int n;
};

static void add_table(struct store_stmt *st, void *arg)
{
	struct list *l = arg;
	l->items = mem_realloc(l->items, (size_t)(l->n + 1) * sizeof *l->items);
	memset(&l->items[l->n], 0, sizeof l->items[l->n]);
	l->items[l->n++].t.name = mem_strdup(store_col_text(st, 0));
}

static void add_column(struct store_stmt *st, void *arg)
{
	struct store_table *t = arg;
	t->cols = mem_realloc(t->cols, (size_t)(t->ncols + 1) * sizeof *t->cols);
	struct store_column *c = &t->cols[t->ncols++];
	c->name = mem_strdup(store_col_text(st, 0));
	c->pk = (int)store_col_int(st, 1);
	c->text = store_col_int(st, 2) != 0;
	c->identity = store_col_int(st, 3) != 0;
	if (c->pk > t->npk)
		t->npk = c->pk;
}

static void add_parent(struct store_stmt *st, void *arg)
{
	struct pending *p = arg;
	p->parents = mem_realloc(p->parents, (size_t)(p->nparents + 1) * sizeof *p->parents);
	p->parents[p->nparents++] = mem_strdup(store_col_text(st, 0));
}

/* 1 if every table p references (other than itself) is placed already. */
static int ready(const struct list *l, const struct pending *p)
{
	for (int i = 0; i < p->nparents; i++) {
		if (strcmp(p->parents[i], p->t.name) == 0)
			continue;
		for (int j = 0; j < l->n; j++)
			if (!l->items[j].placed && strcmp(l->items[j].t.name, p->parents[i]) == 0)
				return 0;
	}
	return 1;
}

/* Moves the tables into c in dependency order, alphabetical among equals;
 * -1 with err if foreign keys form a cycle. */
static int order(struct list *l, struct store_catalog *c, char *err, size_t errlen)
{
	c->tables = mem_calloc((size_t)l->n + 1, sizeof *c->tables);
	while (c->ntables < l->n) {
		int next = -1;
		for (int i = 0; i < l->n && next < 0; i++)
			if (!l->items[i].placed && ready(l, &l->items[i]))
				next = i;
		if (next < 0) {
			struct buf names = BUF_INIT(256);
			for (int i = 0; i < l->n; i++)
				if (!l->items[i].placed)
					buf_printf(&names, "%s%s", names.len ? ", " : "", l->items[i].t.name);
			snprintf(err, errlen, "the foreign keys of these tables form a cycle: %s",
				 buf_str(&names));
			buf_free(&names);
			return -1;
		}
		l->items[next].placed = 1;
		c->tables[c->ntables++] = l->items[next].t;
		memset(&l->items[next].t, 0, sizeof l->items[next].t);
	}
	return 0;
}

int store_catalog_read(struct store *s, struct store_catalog *c, char *err, size_t errlen)
{
	struct store_sql *q = store_dialect(s) == STORE_POSTGRES ? postgres_sql : sqlite_sql;
	struct list l = { NULL, 0 };
	int rc = -1;
	memset(c, 0, sizeof *c);
	if (each_row(s, &q[Q_TABLES], NULL, add_table, &l, err, errlen) != 0)
		goto out;
	for (int i = 0; i < l.n; i++) {
		struct pending *p = &l.items[i];
		if (each_row(s, &q[Q_COLUMNS], p->t.name, add_column, &p->t, err, errlen) != 0 ||
		    each_row(s, &q[Q_PARENTS], p->t.name, add_parent, p, err, errlen) != 0)
			goto out;
	}
	rc = order(&l, c, err, errlen);
out:
	for (int i = 0; i < l.n; i++) {
		table_free(&l.items[i].t);
		for (int j = 0; j < l.items[i].nparents; j++)
			free(l.items[i].parents[j]);
		free(l.items[i].parents);
	}
	free(l.items);
	if (rc != 0)
		store_catalog_free(c);
	return rc;
}
