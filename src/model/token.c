/*
 * token.c: single-use tokens (see token.h).
 */
#include "model/token.h"

static const char *const kind_codes[] = { [TOKEN_VERIFY] = "verify", [TOKEN_RESET] = "reset" };
static const int64_t kind_ttl[] = { [TOKEN_VERIFY] = 7 * 24 * 3600, [TOKEN_RESET] = 3600 };

static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO token (hash, kind, account_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)");
static struct store_sql retire_sql = STORE_SQL(
	"UPDATE token SET used_at = ? WHERE account_id = ? AND kind = ? AND used_at IS NULL");
static struct store_sql peek_sql = STORE_SQL(
	"SELECT account_id, expires_at, used_at FROM token WHERE hash = ? AND kind = ?");
/* The condition makes using a token atomic: a second use changes no row. */
static struct store_sql use_sql = STORE_SQL(
	"UPDATE token SET used_at = ? WHERE hash = ? AND kind = ? AND used_at IS NULL AND "
	"expires_at > ? RETURNING account_id");
static struct store_sql purge_sql = STORE_SQL("DELETE FROM token WHERE expires_at < ?");

enum model_rc token_issue(struct store *db, enum token_kind kind, int64_t account_id,
			  char out[SECRET_TOKEN_LEN + 1])
{
	int64_t now = model_now();
	struct store_stmt *st;
	if (kind == TOKEN_RESET) {
		st = store_prepare(db, &retire_sql);
		if (st == NULL)
			return MODEL_ERROR;
		store_bind_int(st, 1, now);
		store_bind_int(st, 2, account_id);
		store_bind_text(st, 3, kind_codes[kind]);
		enum model_rc rc = model_exec(db, st, NULL, "token_retire");
		if (rc != MODEL_OK)
			return rc;
	}
	char hash[SECRET_HASH_LEN + 1];
	secret_token(out);
	secret_hash(out, hash);
	st = store_prepare(db, &insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, hash);
	store_bind_text(st, 2, kind_codes[kind]);
	store_bind_int(st, 3, account_id);
	store_bind_int(st, 4, now);
	store_bind_int(st, 5, now + kind_ttl[kind]);
	return model_exec(db, st, NULL, "token_issue");
}

enum model_rc token_peek(struct store *db, enum token_kind kind, const char *token,
			 enum token_state *state, int64_t *account_id)
{
	*state = TOKEN_UNKNOWN;
	*account_id = 0;
	if (!secret_token_valid(token))
		return MODEL_OK;
	char hash[SECRET_HASH_LEN + 1];
	secret_hash(token, hash);
	struct store_stmt *st = store_prepare(db, &peek_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, hash);
	store_bind_text(st, 2, kind_codes[kind]);
	int rc = store_step(st);
	if (rc == STORE_ROW) {
		*account_id = store_col_int(st, 0);
		if (!store_col_null(st, 2))
			*state = TOKEN_USED;
		else if (store_col_int(st, 1) <= model_now())
			*state = TOKEN_EXPIRED;
		else
			*state = TOKEN_OK;
	}
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? MODEL_OK : model_from_store(db, rc, "token_peek");
}

enum model_rc token_consume(struct store *db, enum token_kind kind, const char *token,
			    enum token_state *state, int64_t *account_id)
{
	enum model_rc rc = token_peek(db, kind, token, state, account_id);
	if (rc != MODEL_OK || *state != TOKEN_OK)
		return rc;
	char hash[SECRET_HASH_LEN + 1];
	secret_hash(token, hash);
	struct store_stmt *st = store_prepare(db, &use_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	store_bind_int(st, 1, now);
	store_bind_text(st, 2, hash);
	store_bind_text(st, 3, kind_codes[kind]);
	store_bind_int(st, 4, now);
	int64_t id = 0;
	rc = model_exec(db, st, &id, "token_consume");
	if (rc == MODEL_OK && id == 0)
		*state = TOKEN_USED; /* someone used it between peek and now */
	return rc;
}

enum model_rc token_purge(struct store *db, int64_t now)
{
	struct store_stmt *st = store_prepare(db, &purge_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, now - 24 * 3600);
	return model_exec(db, st, NULL, "token_purge");
}
