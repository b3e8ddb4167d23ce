/*
 * organisation.c: organisations and their sectors (see organisation.h).
 */
#include "model/organisation.h"

#include <stdlib.h>
#include <string.h>

#include "model/area.h"
#include "model/text.h"

static const char *const sector_codes[SECTOR__MAX] = {
	[SECTOR_PUBLIC] = "public",
	[SECTOR_PRIVATE] = "private",
	[SECTOR_VOLUNTARY] = "voluntary",
	[SECTOR_CITIZEN] = "citizen",
};

static const enum msg sector_msgs[SECTOR__MAX] = {
	[SECTOR_PUBLIC] = MSG_SECTOR_PUBLIC,
	[SECTOR_PRIVATE] = MSG_SECTOR_PRIVATE,
	[SECTOR_VOLUNTARY] = MSG_SECTOR_VOLUNTARY,
	[SECTOR_CITIZEN] = MSG_SECTOR_CITIZEN,
};

#define ORG_COLUMNS                                                                            \
	"o.id, o.name, o.sector, o.website, o.description, o.area_id, a.name, o.lang, "        \
	"COALESCE(o.retired_at, 0), " IMAGE_REF_COLUMNS("o.image_id") ", o.image_alt "          \
	"FROM organisation o LEFT JOIN area a ON a.id = o.area_id " IMAGE_REF_JOIN("o.image_id")
#define ORG_FILTER                                                                             \
	"WHERE (CAST(? AS TEXT) IS NULL OR o.sector = ?) AND (CAST(? AS BIGINT) = 0 OR o.area_id = ?) " \
	"AND (CAST(? AS BIGINT) = 1 OR o.retired_at IS NULL) "

static struct store_sql list_sql =
	STORE_SQL("SELECT " ORG_COLUMNS ORG_FILTER "ORDER BY o.name_key, o.id LIMIT ? OFFSET ?");
static struct store_sql count_sql =
	STORE_SQL("SELECT COUNT(*) FROM organisation o " ORG_FILTER);
static struct store_sql get_sql = STORE_SQL("SELECT " ORG_COLUMNS "WHERE o.id = ?");
static struct store_sql insert_sql =
	STORE_SQL("INSERT INTO organisation (name, name_key, sector, website, description, area_id, "
		  "lang, image_id, image_alt, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
		  "RETURNING id");
static struct store_sql update_sql =
	STORE_SQL("UPDATE organisation SET name = ?, name_key = ?, sector = ?, website = ?, description = ?, "
		  "area_id = ?, lang = ?, image_id = ?, image_alt = ?, updated_at = ? WHERE id = ? RETURNING id");
static struct store_sql retire_sql =
	STORE_SQL("UPDATE organisation SET retired_at = ?, updated_at = ? WHERE id = ? RETURNING id");
static struct store_sql uses_sql = STORE_SQL(
	"WITH x (id) AS (SELECT CAST(? AS BIGINT)) SELECT "
	"(SELECT COUNT(*) FROM arena_organisation, x WHERE organisation_id = x.id) + "
	"(SELECT COUNT(*) FROM membership, x WHERE organisation_id = x.id) + "
	"(SELECT COUNT(*) FROM role_grant, x WHERE scope_kind = 'organisation' AND scope_id = x.id) + "
	"(SELECT COUNT(*) FROM leisure_event, x WHERE organisation_id = x.id) + "
	"(SELECT COUNT(*) FROM welcome_offer, x WHERE organisation_id = x.id)");
static struct store_sql delete_sql = STORE_SQL("DELETE FROM organisation WHERE id = ? RETURNING id");
static struct store_sql find_name_sql = STORE_SQL("SELECT id FROM organisation WHERE name = ?");
static struct store_sql by_sector_sql =
	STORE_SQL("SELECT sector, COUNT(*) FROM organisation WHERE retired_at IS NULL GROUP BY sector");

const char *sector_code(enum sector s)
{
	return (unsigned)s < SECTOR__MAX ? sector_codes[s] : "public";
}

int sector_parse(const char *code)
{
	for (int i = 0; code && i < SECTOR__MAX; i++)
		if (strcmp(code, sector_codes[i]) == 0)
			return i;
	return -1;
}

enum msg sector_msg(enum sector s)
{
	return (unsigned)s < SECTOR__MAX ? sector_msgs[s] : MSG_SECTOR_PUBLIC;
}

static void org_read(struct store_stmt *st, struct region *a, void *item)
{
	struct organisation *o = item;
	o->id = store_col_int(st, 0);
	o->name = model_text(st, a, 1);
	int s = sector_parse(store_col_text(st, 2));
	o->sector = s < 0 ? SECTOR_PUBLIC : (enum sector)s;
	o->website = model_text(st, a, 3);
	o->description = model_text(st, a, 4);
	o->area_id = store_col_int(st, 5);
	o->area_name = model_text(st, a, 6);
	o->lang = model_text(st, a, 7);
	o->retired_at = store_col_int(st, 8);
	image_ref_read(st, a, 9, &o->image);
	o->image_alt = model_text(st, a, 14);
}

/* Binds the filter to parameters 1..5. */
static int bind_filter(struct store_stmt *st, const void *filter)
{
	const struct organisation_filter *f = filter;
	const char *code = f->sector >= 0 ? sector_code((enum sector)f->sector) : NULL;
	store_bind_text(st, 1, code);
	store_bind_text(st, 2, code);
	store_bind_int(st, 3, f->area_id);
	store_bind_int(st, 4, f->area_id);
	store_bind_int(st, 5, f->retired != 0);
	return 5;
}

enum model_rc organisation_list(struct store *db, struct region *a,
				const struct organisation_filter *f, struct paging *p,
				struct organisation **items, size_t *n)
{
	return model_page(db, &count_sql, &list_sql, bind_filter, f, p, a, sizeof **items, org_read,
			  (void **)items, n, "organisation_list");
}

enum model_rc organisation_get(struct store *db, struct region *a, int64_t id,
			       struct organisation *out)
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_one(db, st, a, out, org_read, "organisation_get");
}

enum model_rc organisation_check(struct store *db, const struct organisation *in,
				 struct field_errors *errs)
{
	text_check(errs, "name", in->name, 1, TEXT_NAME_MAX);
	text_check(errs, "description", in->description, 0, TEXT_BODY_MAX);
	text_check_url(errs, "website", in->website);
	image_alt_check(errs, "image_alt", in->image.id, in->image_alt);
	if ((unsigned)in->sector >= SECTOR__MAX)
		field_error_add(errs, "sector", MSG_FORM_CHOOSE_ONE);
	if (in->area_id > 0) {
		/* Checked first: a refused insert would end a PostgreSQL
		 * transaction, and a conflict below means a taken name. */
		struct term area;
		struct region *tmp = region_new();
		enum model_rc arc = area_get(db, tmp, in->area_id, &area);
		region_free(tmp);
		if (arc == MODEL_NOT_FOUND)
			field_error_add(errs, "area", MSG_FORM_CHOOSE_ONE);
		else if (arc != MODEL_OK)
			return arc;
	}
	return errs->n ? MODEL_INVALID : MODEL_OK;
}

/* Binds the organisation's fields to parameters 1..9; *key to free. */
static void org_bind(struct store_stmt *st, const struct organisation *in, char **key)
{
	*key = text_sort_key(in->name);
	store_bind_text(st, 1, in->name);
	store_bind_text(st, 2, *key);
	store_bind_text(st, 3, sector_code(in->sector));
	store_bind_text(st, 4, in->website && *in->website ? in->website : NULL);
	store_bind_text(st, 5, in->description ? in->description : "");
	if (in->area_id > 0)
		store_bind_int(st, 6, in->area_id);
	else
		store_bind_null(st, 6);
	store_bind_text(st, 7, in->lang ? in->lang : "da");
	if (in->image.id > 0)
		store_bind_int(st, 8, in->image.id);
	else
		store_bind_null(st, 8);
	store_bind_text(st, 9, in->image.id > 0 && in->image_alt ? in->image_alt : "");
}

enum model_rc organisation_create(struct store *db, const struct organisation *in, int64_t *id,
				  struct field_errors *errs)
{
	enum model_rc rc = organisation_check(db, in, errs);
	if (rc != MODEL_OK)
		return rc;
	struct store_stmt *st = store_prepare(db, &insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	char *key;
	org_bind(st, in, &key);
	store_bind_int(st, 10, now);
	store_bind_int(st, 11, now);
	rc = model_exec(db, st, id, "organisation_create");
	free(key);
	if (rc == MODEL_CONFLICT)
		field_error_add(errs, "name", MSG_FORM_NAME_TAKEN);
	return rc;
}

enum model_rc organisation_update(struct store *db, int64_t id, const struct organisation *in,
				  struct field_errors *errs)
{
	enum model_rc rc = organisation_check(db, in, errs);
	if (rc != MODEL_OK)
		return rc;
	/* A name another has is looked for first: a refused update would end
	 * a PostgreSQL transaction the caller may be in the middle of. */
	int64_t other = 0;
	rc = organisation_find_name(db, in->name, &other);
	if (rc == MODEL_OK && other != id) {
		field_error_add(errs, "name", MSG_FORM_NAME_TAKEN);
		return MODEL_CONFLICT;
	}
	if (rc != MODEL_OK && rc != MODEL_NOT_FOUND)
		return rc;
	struct store_stmt *st = store_prepare(db, &update_sql);
	if (st == NULL)
		return MODEL_ERROR;
	char *key;
	int64_t found = 0;
	org_bind(st, in, &key);
	store_bind_int(st, 10, model_now());
	store_bind_int(st, 11, id);
	rc = model_exec(db, st, &found, "organisation_update");
	free(key);
	if (rc == MODEL_CONFLICT)
		field_error_add(errs, "name", MSG_FORM_NAME_TAKEN);
	return rc == MODEL_OK && found == 0 ? MODEL_NOT_FOUND : rc;
}

enum model_rc organisation_retire(struct store *db, int64_t id, int retired)
{
	struct store_stmt *st = store_prepare(db, &retire_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now(), found = 0;
	if (retired)
		store_bind_int(st, 1, now);
	else
		store_bind_null(st, 1);
	store_bind_int(st, 2, now);
	store_bind_int(st, 3, id);
	enum model_rc rc = model_exec(db, st, &found, "organisation_retire");
	return rc == MODEL_OK && found == 0 ? MODEL_NOT_FOUND : rc;
}

enum model_rc organisation_uses(struct store *db, int64_t id, int64_t *uses)
{
	return model_count_uses(db, &uses_sql, id, uses, "organisation_uses");
}

enum model_rc organisation_delete(struct store *db, int64_t id)
{
	int64_t uses = 0, found = 0;
	enum model_rc rc = organisation_uses(db, id, &uses);
	if (rc != MODEL_OK)
		return rc;
	if (uses > 0)
		return MODEL_CONFLICT;
	struct store_stmt *st = store_prepare(db, &delete_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	rc = model_exec(db, st, &found, "organisation_delete");
	return rc == MODEL_OK && found == 0 ? MODEL_NOT_FOUND : rc;
}

static void read_id(struct store_stmt *st, struct region *a, void *item)
{
	(void)a;
	*(int64_t *)item = store_col_int(st, 0);
}

enum model_rc organisation_find_name(struct store *db, const char *name, int64_t *id)
{
	struct store_stmt *st = store_prepare(db, &find_name_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, name);
	return model_one(db, st, NULL, id, read_id, "organisation_find_name");
}

enum model_rc organisation_count_by_sector(struct store *db, int64_t counts[SECTOR__MAX])
{
	memset(counts, 0, sizeof(int64_t) * SECTOR__MAX);
	struct store_stmt *st = store_prepare(db, &by_sector_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		int s = sector_parse(store_col_text(st, 0));
		if (s >= 0)
			counts[s] = store_col_int(st, 1);
	}
	store_reset(st);
	return rc == STORE_DONE ? MODEL_OK : model_from_store(db, rc, "organisation_count_by_sector");
}
