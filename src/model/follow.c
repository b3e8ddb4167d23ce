/*
 * follow.c: following (see follow.h).
 */
#include "model/follow.h"

#include <string.h>

static const char *const codes[FOLLOW__MAX] = {
	[FOLLOW_ARENA] = "arena",
	[FOLLOW_ACTIVITY] = "activity",
	[FOLLOW_AREA] = "area",
	[FOLLOW_PROPOSAL] = "proposal",
};

/* Whether the thing followed exists. */
static struct store_sql exists_sql[FOLLOW__MAX] = {
	[FOLLOW_ARENA] = STORE_SQL("SELECT 1 FROM arena WHERE id = ?"),
	[FOLLOW_ACTIVITY] = STORE_SQL("SELECT 1 FROM activity WHERE id = ?"),
	[FOLLOW_AREA] = STORE_SQL("SELECT 1 FROM area WHERE id = ?"),
	[FOLLOW_PROPOSAL] = STORE_SQL("SELECT 1 FROM proposal WHERE id = ?"),
};

static struct store_sql set_sql = STORE_SQL(
	"INSERT INTO follow (account_id, subject_kind, subject_id, following, by_taking_part, created_at, "
	"updated_at) VALUES (?, ?, ?, ?, 0, ?, ?) ON CONFLICT (account_id, subject_kind, subject_id) "
	"DO UPDATE SET following = excluded.following, by_taking_part = 0, updated_at = excluded.updated_at");
static struct store_sql taking_part_sql = STORE_SQL(
	"INSERT INTO follow (account_id, subject_kind, subject_id, following, by_taking_part, created_at, "
	"updated_at) VALUES (?, ?, ?, 1, 1, ?, ?) ON CONFLICT (account_id, subject_kind, subject_id) DO NOTHING");
static struct store_sql get_sql = STORE_SQL(
	"SELECT following FROM follow WHERE account_id = ? AND subject_kind = ? AND subject_id = ?");
static struct store_sql list_sql = STORE_SQL(
	"SELECT f.subject_kind, f.subject_id, COALESCE(ar.title, ac.title, a.name, p.title), "
	"COALESCE(ac.arena_id, p.arena_id, 0), f.by_taking_part, f.created_at FROM follow f "
	"LEFT JOIN arena ar ON f.subject_kind = 'arena' AND ar.id = f.subject_id "
	"LEFT JOIN activity ac ON f.subject_kind = 'activity' AND ac.id = f.subject_id "
	"LEFT JOIN area a ON f.subject_kind = 'area' AND a.id = f.subject_id "
	"LEFT JOIN proposal p ON f.subject_kind = 'proposal' AND p.id = f.subject_id "
	"WHERE f.account_id = ? AND f.following = 1 AND COALESCE(ar.title, ac.title, a.name, p.title) IS NOT NULL "
	"ORDER BY CASE f.subject_kind WHEN 'arena' THEN 0 WHEN 'area' THEN 1 WHEN 'activity' THEN 2 ELSE 3 END, "
	"3, f.subject_id");

const char *follow_kind_code(enum follow_kind k)
{
	return (unsigned)k < FOLLOW__MAX ? codes[k] : "?";
}

int follow_kind_parse(const char *code)
{
	for (int i = 0; code && i < FOLLOW__MAX; i++)
		if (strcmp(code, codes[i]) == 0)
			return i;
	return -1;
}

const char *follow_link(struct region *a, enum follow_kind k, int64_t id, int64_t arena_id)
{
	switch (k) {
	case FOLLOW_ACTIVITY:
		return region_printf(a, "/arenas/%lld/activities/%lld", (long long)arena_id, (long long)id);
	case FOLLOW_AREA:
		return region_printf(a, "/areas/%lld", (long long)id);
	case FOLLOW_PROPOSAL:
		return region_printf(a, "/arenas/%lld/proposals/%lld", (long long)arena_id, (long long)id);
	case FOLLOW_ARENA:
	case FOLLOW__MAX:
		break;
	}
	return region_printf(a, "/arenas/%lld", (long long)id);
}

static enum model_rc exists(struct store *db, enum follow_kind k, int64_t id)
{
	if ((unsigned)k >= FOLLOW__MAX)
		return MODEL_NOT_FOUND;
	struct store_stmt *st = store_prepare(db, &exists_sql[k]);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	int rc = store_step(st);
	store_reset(st);
	return rc == STORE_ROW ? MODEL_OK : rc == STORE_DONE ? MODEL_NOT_FOUND : model_from_store(db, rc, "follow_exists");
}

enum model_rc follow_set(struct store *db, int64_t account_id, enum follow_kind k, int64_t id, int on)
{
	enum model_rc rc = exists(db, k, id);
	if (rc != MODEL_OK)
		return rc;
	struct store_stmt *st = store_prepare(db, &set_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	store_bind_int(st, 1, account_id);
	store_bind_text(st, 2, codes[k]);
	store_bind_int(st, 3, id);
	store_bind_int(st, 4, on ? 1 : 0);
	store_bind_int(st, 5, now);
	store_bind_int(st, 6, now);
	return model_exec(db, st, NULL, "follow_set");
}

enum model_rc follow_taking_part(struct store *db, int64_t account_id, enum follow_kind k, int64_t id)
{
	if (account_id <= 0 || (unsigned)k >= FOLLOW__MAX)
		return MODEL_OK; /* a visitor without an account follows nothing */
	struct store_stmt *st = store_prepare(db, &taking_part_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	store_bind_int(st, 1, account_id);
	store_bind_text(st, 2, codes[k]);
	store_bind_int(st, 3, id);
	store_bind_int(st, 4, now);
	store_bind_int(st, 5, now);
	return model_exec(db, st, NULL, "follow_taking_part");
}

enum model_rc follow_get(struct store *db, int64_t account_id, enum follow_kind k, int64_t id,
			 int *following)
{
	*following = 0;
	if (account_id <= 0 || (unsigned)k >= FOLLOW__MAX)
		return MODEL_OK;
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	store_bind_text(st, 2, codes[k]);
	store_bind_int(st, 3, id);
	int rc = store_step(st);
	if (rc == STORE_ROW)
		*following = store_col_int(st, 0) != 0;
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? MODEL_OK : model_from_store(db, rc, "follow_get");
}

static void follow_read(struct store_stmt *st, struct region *a, void *item)
{
	struct follow *f = item;
	int k = follow_kind_parse(store_col_text(st, 0));
	f->kind = k < 0 ? FOLLOW_ARENA : (enum follow_kind)k;
	f->id = store_col_int(st, 1);
	f->title = model_text(st, a, 2);
	f->arena_id = store_col_int(st, 3);
	f->by_taking_part = store_col_int(st, 4) != 0;
	f->since = store_col_int(st, 5);
}

enum model_rc follow_list(struct store *db, struct region *a, int64_t account_id, struct follow **items,
			  size_t *n)
{
	struct store_stmt *st = store_prepare(db, &list_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	return model_collect(db, st, a, sizeof **items, follow_read, (void **)items, n, "follow_list");
}
