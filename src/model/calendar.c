/*
 * calendar.c: calendar feed tokens (see calendar.h).
 */
#include "model/calendar.h"

/* The primary key on account_id makes a new token replace the old one
 * in one statement, on both engines. */
static struct store_sql issue_sql = STORE_SQL(
	"INSERT INTO calendar_token (account_id, token_hash, created_at) VALUES (?, ?, ?) "
	"ON CONFLICT (account_id) DO UPDATE SET token_hash = excluded.token_hash, "
	"created_at = excluded.created_at");
static struct store_sql account_sql =
	STORE_SQL("SELECT account_id FROM calendar_token WHERE token_hash = ?");
static struct store_sql created_sql =
	STORE_SQL("SELECT created_at FROM calendar_token WHERE account_id = ?");

static void read_int(struct store_stmt *st, struct region *a, void *item)
{
	(void)a;
	*(int64_t *)item = store_col_int(st, 0);
}

enum model_rc calendar_token_issue(struct store *db, int64_t account_id,
				   char out[SECRET_TOKEN_LEN + 1])
{
	char hash[SECRET_HASH_LEN + 1];
	secret_token(out);
	secret_hash(out, hash);
	struct store_stmt *st = store_prepare(db, &issue_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	store_bind_text(st, 2, hash);
	store_bind_int(st, 3, model_now());
	return model_exec(db, st, NULL, "calendar_token_issue");
}

enum model_rc calendar_token_account(struct store *db, const char *token, int64_t *account_id)
{
	if (!secret_token_valid(token))
		return MODEL_NOT_FOUND;
	char hash[SECRET_HASH_LEN + 1];
	secret_hash(token, hash);
	struct store_stmt *st = store_prepare(db, &account_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, hash);
	return model_one(db, st, NULL, account_id, read_int, "calendar_token_account");
}

enum model_rc calendar_token_created(struct store *db, int64_t account_id, int64_t *created_at)
{
	struct store_stmt *st = store_prepare(db, &created_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	return model_one(db, st, NULL, created_at, read_int, "calendar_token_created");
}
