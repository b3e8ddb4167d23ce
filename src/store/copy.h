/*
 * copy.h: copying every table of one database into another, of either
 * engine, and proving the copy equal (db-copy). Tables and columns come
 * from the databases' own catalogues (catalog.h), never from a list here;
 * two tables are left out: schema_migration, since each side records its
 * own migrations, and search_doc, which the target's triggers fill from
 * the rows copied (search indexes are per engine).
 *
 * Rows are read in primary-key order, bytewise for text, a batch at a time
 * (keyset paging, so a large table is never held in memory), from one
 * snapshot of the source. The target gets them in one transaction, and is
 * committed only after every table's row count and digest agree with the
 * source; otherwise it is rolled back and keeps nothing.
 */
#ifndef SAMSKAB_STORE_COPY_H
#define SAMSKAB_STORE_COPY_H

#include <stddef.h>
#include <stdint.h>

#include "store/catalog.h"
#include "store/store.h"

#define STORE_DIGEST_BYTES 16

/* What a table holds, computed the same way on either engine: the row
 * count and a BLAKE2b hash over its rows in primary-key order, each value
 * as text (integers in decimal, reals as %.17g, NULL told apart). */
struct store_digest {
	int64_t rows;
	unsigned char hash[STORE_DIGEST_BYTES];
};

struct store_copy_table {
	char *name;
	struct store_digest from, to;
};

struct store_copy {
	struct store_copy_table *tables; /* compared so far, in the order copied */
	int ntables;
	int64_t rows; /* rows copied in all */
};

/*
 * Copies every table of from into to. Both must be at the same schema (the
 * same tables, columns and primary keys; the caller migrates to first),
 * and to must hold no rows. PostgreSQL sequences of the target are set
 * past the copied ids. 0 when the copy is committed and verified; -1 with
 * err otherwise, and to is as it was. c says what was compared, as far as
 * the copy got; free it with store_copy_free either way.
 */
int store_copy(struct store *from, struct store *to, struct store_copy *c, char *err,
	       size_t errlen);
void store_copy_free(struct store_copy *c);

/* The digest of one table; 0, or -1 with err. */
int store_table_digest(struct store *s, const struct store_table *t, struct store_digest *d,
		       char *err, size_t errlen);

#endif
