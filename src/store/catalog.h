/*
 * catalog.h: what tables a database holds, read from its own catalogue
 * (sqlite_master and its pragmas; information_schema and pg_catalog), for
 * tools that work on every table without naming any: db-copy. Tables come
 * in foreign-key order, every table after those it references, so rows can
 * be inserted in that order and deleted in the reverse.
 *
 * Internal tables (sqlite_*, SQLite's virtual tables and their shadow
 * tables) are left out; generated columns too, since they cannot be
 * written. Model code never needs this.
 */
#ifndef SAMSKAB_STORE_CATALOG_H
#define SAMSKAB_STORE_CATALOG_H

#include <stddef.h>

#include "core/buf.h"
#include "store/store.h"

struct store_column {
	char *name;
	int pk;       /* position in the primary key from 1; 0 if not in it */
	int text;     /* holds text: ordered bytewise (COLLATE BINARY / "C") */
	int identity; /* PostgreSQL: takes its default from a sequence */
};

struct store_table {
	char *name;
	struct store_column *cols;
	int ncols;
	int npk; /* columns in the primary key; 0 if the table has none */
};

struct store_catalog {
	struct store_table *tables; /* referenced tables first */
	int ntables;
};

/* Reads the catalogue; 0, or -1 with err (e.g. a foreign-key cycle). */
int store_catalog_read(struct store *s, struct store_catalog *c, char *err, size_t errlen);
void store_catalog_free(struct store_catalog *c);
/* The table called name, or NULL. */
const struct store_table *store_catalog_find(const struct store_catalog *c, const char *name);

/* Appends name to b as a quoted SQL identifier ("a""b"). */
void store_quote_ident(struct buf *b, const char *name);

#endif
