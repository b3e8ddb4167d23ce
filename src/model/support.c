/*
 * support.c: supports and their counts (see support.h). A support's
 * sector and area are read from the person or organisation as it is
 * given, in the same INSERT.
 */
#include "model/support.h"

#include <string.h>

#include "model/proposal.h"

static struct store_sql given_person_sql = STORE_SQL(
	"SELECT COUNT(*) FROM proposal_support WHERE proposal_id = ? AND account_id = ? AND "
	"organisation_id IS NULL");
static struct store_sql given_org_sql = STORE_SQL(
	"SELECT COUNT(*) FROM proposal_support WHERE proposal_id = ? AND organisation_id = ?");
static struct store_sql add_person_sql = STORE_SQL(
	"INSERT INTO proposal_support (proposal_id, account_id, organisation_id, sector, area_id, created_at) "
	"SELECT ?, a.id, NULL, COALESCE(p.sector, 'citizen'), COALESCE(p.area_id, a.area_id), ? "
	"FROM account a LEFT JOIN participant p ON p.account_id = a.id WHERE a.id = ? RETURNING id");
static struct store_sql add_org_sql = STORE_SQL(
	"INSERT INTO proposal_support (proposal_id, account_id, organisation_id, sector, area_id, created_at) "
	"SELECT ?, ?, o.id, o.sector, o.area_id, ? FROM organisation o WHERE o.id = ? RETURNING id");
static struct store_sql withdraw_person_sql = STORE_SQL(
	"DELETE FROM proposal_support WHERE proposal_id = ? AND account_id = ? AND organisation_id IS NULL "
	"RETURNING id");
static struct store_sql withdraw_org_sql = STORE_SQL(
	"DELETE FROM proposal_support WHERE proposal_id = ? AND organisation_id = ? RETURNING id");
static struct store_sql by_sector_sql = STORE_SQL(
	"SELECT sector, CASE WHEN organisation_id IS NULL THEN 1 ELSE 0 END, COUNT(*) FROM proposal_support "
	"WHERE proposal_id = ? GROUP BY sector, CASE WHEN organisation_id IS NULL THEN 1 ELSE 0 END");
static struct store_sql by_area_sql = STORE_SQL(
	"SELECT s.area_id, ar.name, SUM(CASE WHEN s.organisation_id IS NULL THEN 1 ELSE 0 END), "
	"SUM(CASE WHEN s.organisation_id IS NULL THEN 0 ELSE 1 END) FROM proposal_support s "
	"LEFT JOIN area ar ON ar.id = s.area_id WHERE s.proposal_id = ? GROUP BY s.area_id, ar.name "
	"ORDER BY ar.name IS NULL, ar.name");
static struct store_sql organisations_sql = STORE_SQL(
	"SELECT o.id, o.name, o.sector, s.created_at FROM proposal_support s JOIN organisation o ON "
	"o.id = s.organisation_id WHERE s.proposal_id = ? ORDER BY o.sector, o.name_key");

static enum model_rc count(struct store *db, struct store_sql *sql, int64_t a, int64_t b, int64_t *n)
{
	*n = 0;
	struct store_stmt *st = store_prepare(db, sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, a);
	store_bind_int(st, 2, b);
	return model_exec(db, st, n, "support_given");
}

enum model_rc support_given(struct store *db, int64_t proposal_id, int64_t account_id,
			    int64_t organisation_id, int *yes)
{
	int64_t n = 0;
	enum model_rc rc = organisation_id > 0 ? count(db, &given_org_sql, proposal_id, organisation_id, &n)
					       : count(db, &given_person_sql, proposal_id, account_id, &n);
	*yes = n > 0;
	return rc;
}

enum model_rc support_add(struct store *db, int64_t proposal_id, int64_t account_id,
			  int64_t organisation_id)
{
	int yes;
	enum model_rc rc = support_given(db, proposal_id, account_id, organisation_id, &yes);
	if (rc != MODEL_OK)
		return rc;
	if (yes)
		return MODEL_CONFLICT;
	struct store_stmt *st = store_prepare(db, organisation_id > 0 ? &add_org_sql : &add_person_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, proposal_id);
	if (organisation_id > 0) {
		store_bind_int(st, 2, account_id);
		store_bind_int(st, 3, model_now());
		store_bind_int(st, 4, organisation_id);
	} else {
		store_bind_int(st, 2, model_now());
		store_bind_int(st, 3, account_id);
	}
	int64_t id = 0;
	rc = model_exec(db, st, &id, "support_add");
	if (rc == MODEL_OK && id == 0)
		return MODEL_NOT_FOUND;
	return rc == MODEL_OK ? proposal_touch(db, proposal_id) : rc;
}

enum model_rc support_withdraw(struct store *db, int64_t proposal_id, int64_t account_id,
			       int64_t organisation_id)
{
	struct store_stmt *st =
		store_prepare(db, organisation_id > 0 ? &withdraw_org_sql : &withdraw_person_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, proposal_id);
	store_bind_int(st, 2, organisation_id > 0 ? organisation_id : account_id);
	int64_t id = 0;
	enum model_rc rc = model_exec(db, st, &id, "support_withdraw");
	if (rc == MODEL_OK && id == 0)
		return MODEL_NOT_FOUND;
	return rc == MODEL_OK ? proposal_touch(db, proposal_id) : rc;
}

enum model_rc support_by_sector(struct store *db, int64_t proposal_id, struct support_sectors *out)
{
	memset(out, 0, sizeof *out);
	struct store_stmt *st = store_prepare(db, &by_sector_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, proposal_id);
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		int s = sector_parse(store_col_text(st, 0));
		if (s < 0)
			s = SECTOR_CITIZEN;
		if (store_col_int(st, 1))
			out->people[s] += store_col_int(st, 2);
		else
			out->organisations[s] += store_col_int(st, 2);
	}
	store_reset(st);
	return rc == STORE_DONE ? MODEL_OK : model_from_store(db, rc, "support_by_sector");
}

static void area_read(struct store_stmt *st, struct region *a, void *item)
{
	struct support_area *s = item;
	s->area_id = store_col_null(st, 0) ? 0 : store_col_int(st, 0);
	s->name = model_text(st, a, 1);
	s->people = store_col_int(st, 2);
	s->organisations = store_col_int(st, 3);
}

enum model_rc support_by_area(struct store *db, struct region *a, int64_t proposal_id,
			      struct support_area **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &by_area_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, proposal_id);
	return model_collect(db, st, a, sizeof **items, area_read, (void **)items, n, "support_by_area");
}

static void organisation_read(struct store_stmt *st, struct region *a, void *item)
{
	struct support_organisation *o = item;
	o->organisation_id = store_col_int(st, 0);
	o->name = model_text(st, a, 1);
	int s = sector_parse(store_col_text(st, 2));
	o->sector = s < 0 ? SECTOR_CITIZEN : (enum sector)s;
	o->created_at = store_col_int(st, 3);
}

enum model_rc support_organisations(struct store *db, struct region *a, int64_t proposal_id,
				    struct support_organisation **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &organisations_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, proposal_id);
	return model_collect(db, st, a, sizeof **items, organisation_read, (void **)items, n,
			     "support_organisations");
}
