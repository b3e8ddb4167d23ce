/*
 * session.c: sessions (see session.h).
 */
#include "model/session.h"

#include "core/utf8.h"

#include <stdio.h>
#include <string.h>

static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO session (id_hash, account_id, csrf, created_at, seen_at, expires_at, client, "
	"user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
static struct store_sql lookup_sql = STORE_SQL(
	"SELECT s.account_id, s.csrf, s.created_at, s.seen_at, s.expires_at, s.client, "
	"s.user_agent, a.name, a.email, a.lang, a.verified_at FROM session s "
	"JOIN account a ON a.id = s.account_id WHERE s.id_hash = ? AND s.expires_at > ? AND "
	"s.seen_at > ?");
static struct store_sql touch_sql = STORE_SQL("UPDATE session SET seen_at = ? WHERE id_hash = ?");
static struct store_sql end_sql = STORE_SQL("DELETE FROM session WHERE id_hash = ?");
static struct store_sql end_others_sql =
	STORE_SQL("DELETE FROM session WHERE account_id = ? AND id_hash <> ?");
static struct store_sql list_sql = STORE_SQL(
	"SELECT s.account_id, s.csrf, s.created_at, s.seen_at, s.expires_at, s.client, "
	"s.user_agent, a.name, a.email, a.lang, a.verified_at, s.id_hash FROM session s "
	"JOIN account a ON a.id = s.account_id WHERE s.account_id = ? AND s.expires_at > ? "
	"AND s.seen_at > ? ORDER BY s.created_at DESC");
static struct store_sql purge_sql =
	STORE_SQL("DELETE FROM session WHERE expires_at <= ? OR seen_at <= ?");

static void session_read(struct store_stmt *st, struct region *a, void *item)
{
	struct session *s = item;
	s->account_id = store_col_int(st, 0);
	snprintf(s->csrf, sizeof s->csrf, "%s", store_col_text(st, 1) ? store_col_text(st, 1) : "");
	s->created_at = store_col_int(st, 2);
	s->seen_at = store_col_int(st, 3);
	s->expires_at = store_col_int(st, 4);
	s->client = model_text(st, a, 5);
	s->user_agent = model_text(st, a, 6);
	s->name = model_text(st, a, 7);
	s->email = model_text(st, a, 8);
	s->lang = model_text(st, a, 9);
	s->verified_at = store_col_int(st, 10);
}

enum model_rc session_create(struct store *db, int64_t account_id, const char *client,
			     const char *user_agent, char token[SECRET_TOKEN_LEN + 1])
{
	char hash[SECRET_HASH_LEN + 1], csrf[SECRET_TOKEN_LEN + 1];
	secret_token(token);
	secret_token(csrf);
	secret_hash(token, hash);
	struct store_stmt *st = store_prepare(db, &insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	/* Kept for the person's list of sessions: at most 200 bytes, cut at a
	 * character boundary; a header that is not UTF-8 is not kept. */
	char ua[201] = "";
	if (user_agent && utf8_valid(user_agent, strlen(user_agent)))
		snprintf(ua, sizeof ua, "%.*s", (int)utf8_prefix(user_agent, 200), user_agent);
	store_bind_text(st, 1, hash);
	store_bind_int(st, 2, account_id);
	store_bind_text(st, 3, csrf);
	store_bind_int(st, 4, now);
	store_bind_int(st, 5, now);
	store_bind_int(st, 6, now + SESSION_MAX);
	store_bind_text(st, 7, client ? client : "");
	store_bind_text(st, 8, ua);
	return model_exec(db, st, NULL, "session_create");
}

enum model_rc session_lookup(struct store *db, struct region *a, const char *token,
			     struct session *out)
{
	if (!secret_token_valid(token))
		return MODEL_NOT_FOUND;
	char hash[SECRET_HASH_LEN + 1];
	secret_hash(token, hash);
	struct store_stmt *st = store_prepare(db, &lookup_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	store_bind_text(st, 1, hash);
	store_bind_int(st, 2, now);
	store_bind_int(st, 3, now - SESSION_IDLE);
	enum model_rc rc = model_one(db, st, a, out, session_read, "session_lookup");
	if (rc != MODEL_OK || now - out->seen_at < SESSION_TOUCH)
		return rc;
	st = store_prepare(db, &touch_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, now);
	store_bind_text(st, 2, hash);
	return model_exec(db, st, NULL, "session_touch");
}

enum model_rc session_end(struct store *db, const char *token)
{
	if (!secret_token_valid(token))
		return MODEL_OK;
	char hash[SECRET_HASH_LEN + 1];
	secret_hash(token, hash);
	struct store_stmt *st = store_prepare(db, &end_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, hash);
	return model_exec(db, st, NULL, "session_end");
}

enum model_rc session_end_others(struct store *db, int64_t account_id, const char *token)
{
	char hash[SECRET_HASH_LEN + 1] = "";
	if (token && secret_token_valid(token))
		secret_hash(token, hash);
	struct store_stmt *st = store_prepare(db, &end_others_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	store_bind_text(st, 2, hash);
	return model_exec(db, st, NULL, "session_end_others");
}

struct session_row {
	struct session s;
	const char *hash;
};

static void session_row_read(struct store_stmt *st, struct region *a, void *item)
{
	struct session_row *r = item;
	session_read(st, a, &r->s);
	r->hash = model_text(st, a, 11);
}

enum model_rc session_list(struct store *db, struct region *a, int64_t account_id,
			   const char *current_token, struct session **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &list_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	store_bind_int(st, 1, account_id);
	store_bind_int(st, 2, now);
	store_bind_int(st, 3, now - SESSION_IDLE);
	struct session_row *rows;
	enum model_rc rc = model_collect(db, st, a, sizeof *rows, session_row_read, (void **)&rows, n,
					 "session_list");
	if (rc != MODEL_OK)
		return rc;
	char current[SECRET_HASH_LEN + 1] = "";
	if (current_token && secret_token_valid(current_token))
		secret_hash(current_token, current);
	*items = region_calloc(a, *n + 1, sizeof **items);
	for (size_t i = 0; i < *n; i++) {
		(*items)[i] = rows[i].s;
		(*items)[i].current = rows[i].hash && strcmp(rows[i].hash, current) == 0;
	}
	return MODEL_OK;
}

enum model_rc session_purge(struct store *db, int64_t now)
{
	struct store_stmt *st = store_prepare(db, &purge_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, now);
	store_bind_int(st, 2, now - SESSION_IDLE);
	return model_exec(db, st, NULL, "session_purge");
}
