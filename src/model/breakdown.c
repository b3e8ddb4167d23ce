/*
 * breakdown.c: votes by local area and by sector (see breakdown.h).
 */
#include "model/breakdown.h"

#define COUNTS                                                                              \
	"SUM(CASE WHEN v.value = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN v.value = -1 THEN 1 ELSE 0 END), " \
	"SUM(CASE WHEN v.value = 0 THEN 1 ELSE 0 END) "
/* The votes that count: current ones on accepted statements that are not
 * about the dialogue itself, as in the map. */
#define VOTES                                                                                   \
	"FROM vote v JOIN statement s ON s.id = v.statement_id JOIN participant p ON p.id = "   \
	"v.participant_id "
#define IN_MAP "WHERE s.arena_id = ? AND s.status = 'accepted' AND s.meta = 0 "

/* Only participants who gave a fact are looked up in the votes: few,
 * where all voters of a large dialogue would be many. */
static struct store_sql voters_sql = STORE_SQL(
	"SELECT COUNT(p.area_id), COUNT(p.sector) FROM participant p WHERE (p.area_id IS NOT NULL OR "
	"p.sector IS NOT NULL) AND EXISTS (SELECT 1 FROM vote v JOIN statement s ON s.id = v.statement_id "
	"WHERE v.participant_id = p.id AND s.arena_id = ? AND s.status = 'accepted' AND s.meta = 0)");
static struct store_sql by_area_sql = STORE_SQL(
	"SELECT v.statement_id, ar.id, ar.name, " COUNTS VOTES "JOIN area ar ON ar.id = p.area_id " IN_MAP
	"GROUP BY v.statement_id, ar.id, ar.name ORDER BY v.statement_id, ar.name, ar.id");
static struct store_sql by_sector_sql = STORE_SQL(
	"SELECT v.statement_id, 0, p.sector, " COUNTS VOTES IN_MAP "AND p.sector IS NOT NULL "
	"GROUP BY v.statement_id, p.sector ORDER BY v.statement_id, p.sector");

enum model_rc breakdown_voters(struct store *db, int64_t arena_id, struct breakdown_voters *out)
{
	*out = (struct breakdown_voters){ 0 };
	struct store_stmt *st = store_prepare(db, &voters_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, arena_id);
	int rc = store_step(st);
	if (rc == STORE_ROW) {
		out->with_area = store_col_int(st, 0);
		out->with_sector = store_col_int(st, 1);
	}
	store_reset(st);
	return rc == STORE_ROW ? MODEL_OK : model_from_store(db, rc, "breakdown_voters");
}

static void cell_read(struct store_stmt *st, struct region *a, void *item)
{
	struct breakdown_cell *c = item;
	c->statement_id = store_col_int(st, 0);
	c->area_id = store_col_int(st, 1);
	c->name = model_text(st, a, 2);
	c->agree = store_col_int(st, 3);
	c->disagree = store_col_int(st, 4);
	c->pass = store_col_int(st, 5);
}

enum model_rc breakdown_votes(struct store *db, struct region *a, int64_t arena_id,
			      enum breakdown_kind kind, struct breakdown_cell **cells, size_t *n)
{
	struct store_stmt *st = store_prepare(db, kind == BREAKDOWN_AREA ? &by_area_sql : &by_sector_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, arena_id);
	return model_collect(db, st, a, sizeof **cells, cell_read, (void **)cells, n, "breakdown_votes");
}
