/*
 * participant.c: pseudonymous participants (see participant.h).
 */
#include "model/participant.h"

#include "model/area.h"
#include "model/organisation.h"

static struct store_sql by_token_sql = STORE_SQL("SELECT id FROM participant WHERE token_hash = ?");
static struct store_sql insert_token_sql = STORE_SQL(
	"INSERT INTO participant (token_hash, created_at, origin) VALUES (?, ?, ?) "
	"ON CONFLICT (token_hash) DO UPDATE SET token_hash = excluded.token_hash RETURNING id");
static struct store_sql by_account_sql = STORE_SQL("SELECT id FROM participant WHERE account_id = ?");
static struct store_sql insert_account_sql = STORE_SQL(
	"INSERT INTO participant (account_id, created_at) VALUES (?, ?) "
	"ON CONFLICT (account_id) DO UPDATE SET account_id = excluded.account_id RETURNING id");
static struct store_sql attach_sql = STORE_SQL(
	"UPDATE participant SET account_id = ? WHERE token_hash = ? AND account_id IS NULL AND "
	"NOT EXISTS (SELECT 1 FROM participant p WHERE p.account_id = ?)");

static enum model_rc find_id(struct store *db, struct store_sql *sql, int64_t key_int,
			     const char *key_text, int64_t *id)
{
	*id = 0;
	struct store_stmt *st = store_prepare(db, sql);
	if (st == NULL)
		return MODEL_ERROR;
	if (key_text)
		store_bind_text(st, 1, key_text);
	else
		store_bind_int(st, 1, key_int);
	return model_exec(db, st, id, "participant_find");
}

enum model_rc participant_from_token(struct store *db, const char *token, int create, const char *origin,
				     int64_t *id)
{
	*id = 0;
	if (!secret_token_valid(token))
		return MODEL_NOT_FOUND;
	char hash[SECRET_HASH_LEN + 1];
	secret_hash(token, hash);
	enum model_rc rc = find_id(db, &by_token_sql, 0, hash, id);
	if (rc != MODEL_OK || *id || !create)
		return rc;
	struct store_stmt *st = store_prepare(db, &insert_token_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, hash);
	store_bind_int(st, 2, model_now());
	store_bind_text(st, 3, origin);
	return model_exec(db, st, id, "participant_create");
}

enum model_rc participant_of_account(struct store *db, int64_t account_id, int create, int64_t *id)
{
	enum model_rc rc = find_id(db, &by_account_sql, account_id, NULL, id);
	if (rc != MODEL_OK || *id || !create)
		return rc;
	struct store_stmt *st = store_prepare(db, &insert_account_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	store_bind_int(st, 2, model_now());
	return model_exec(db, st, id, "participant_of_account");
}

enum model_rc participant_attach(struct store *db, const char *token, int64_t account_id)
{
	if (!secret_token_valid(token))
		return MODEL_OK;
	char hash[SECRET_HASH_LEN + 1];
	secret_hash(token, hash);
	struct store_stmt *st = store_prepare(db, &attach_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	store_bind_text(st, 2, hash);
	store_bind_int(st, 3, account_id);
	return model_exec(db, st, NULL, "participant_attach");
}

static struct store_sql facts_sql = STORE_SQL("SELECT area_id, sector FROM participant WHERE id = ?");
static struct store_sql set_facts_sql =
	STORE_SQL("UPDATE participant SET area_id = ?, sector = ? WHERE id = ?");

enum model_rc participant_facts(struct store *db, int64_t id, int64_t *area_id, int *sector)
{
	*area_id = 0;
	*sector = -1;
	struct store_stmt *st = store_prepare(db, &facts_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	int rc = store_step(st);
	if (rc == STORE_ROW) {
		*area_id = store_col_int(st, 0);
		*sector = sector_parse(store_col_text(st, 1));
	}
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? MODEL_OK : model_from_store(db, rc, "participant_facts");
}

enum model_rc participant_set_facts(struct store *db, int64_t id, int64_t area_id, int sector)
{
	if (area_id > 0) {
		struct region *tmp = region_new();
		struct term a;
		enum model_rc rc = area_get(db, tmp, area_id, &a);
		region_free(tmp);
		if (rc != MODEL_OK)
			return rc == MODEL_NOT_FOUND ? MODEL_INVALID : rc;
	}
	struct store_stmt *st = store_prepare(db, &set_facts_sql);
	if (st == NULL)
		return MODEL_ERROR;
	if (area_id > 0)
		store_bind_int(st, 1, area_id);
	else
		store_bind_null(st, 1);
	store_bind_text(st, 2, sector >= 0 ? sector_code((enum sector)sector) : NULL);
	store_bind_int(st, 3, id);
	return model_exec(db, st, NULL, "participant_set_facts");
}

static struct store_sql detached_sql = STORE_SQL("INSERT INTO participant (created_at) VALUES (?) RETURNING id");

enum model_rc participant_add_detached(struct store *db, int64_t *id)
{
	struct store_stmt *st = store_prepare(db, &detached_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, model_now());
	return model_exec(db, st, id, "participant_add_detached");
}
