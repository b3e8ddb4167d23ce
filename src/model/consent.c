/*
 * consent.c: consent records (see consent.h).
 */
#include "model/consent.h"

#include <string.h>

static const struct {
	const char *code, *version;
	enum msg text;
} purposes[CONSENT__MAX] = {
	[CONSENT_TERMS] = { "terms", "privacy-2026-11", MSG_CONSENT_TERMS },
	[CONSENT_UPDATES] = { "updates", "updates-2026-11", MSG_CONSENT_UPDATES },
};

static struct store_sql give_sql = STORE_SQL(
	"INSERT INTO consent (account_id, purpose, text_version, given_at) VALUES (?, ?, ?, ?)");
static struct store_sql withdraw_sql = STORE_SQL(
	"UPDATE consent SET withdrawn_at = ? WHERE account_id = ? AND purpose = ? AND withdrawn_at IS NULL "
	"RETURNING id");
static struct store_sql list_sql = STORE_SQL(
	"SELECT id, purpose, text_version, given_at, withdrawn_at FROM consent WHERE account_id = ? "
	"ORDER BY given_at DESC, id DESC");
static struct store_sql active_sql = STORE_SQL(
	"SELECT 1 FROM consent WHERE account_id = ? AND purpose = ? AND withdrawn_at IS NULL");

const char *consent_code(enum consent_purpose p)
{
	return (unsigned)p < CONSENT__MAX ? purposes[p].code : "?";
}

int consent_parse(const char *code)
{
	for (int i = 0; code && i < CONSENT__MAX; i++)
		if (strcmp(code, purposes[i].code) == 0)
			return i;
	return -1;
}

const char *consent_version(enum consent_purpose p)
{
	return (unsigned)p < CONSENT__MAX ? purposes[p].version : "?";
}

enum msg consent_msg(enum consent_purpose p)
{
	return (unsigned)p < CONSENT__MAX ? purposes[p].text : MSG_CONSENT_TERMS;
}

static void consent_read(struct store_stmt *st, struct region *a, void *item)
{
	struct consent *c = item;
	c->id = store_col_int(st, 0);
	int p = consent_parse(store_col_text(st, 1));
	c->purpose = p < 0 ? CONSENT_TERMS : (enum consent_purpose)p;
	c->text_version = model_text(st, a, 2);
	c->given_at = store_col_int(st, 3);
	c->withdrawn_at = store_col_int(st, 4);
}

enum model_rc consent_active(struct store *db, int64_t account_id, enum consent_purpose p, int *yes)
{
	struct store_stmt *st = store_prepare(db, &active_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	store_bind_text(st, 2, consent_code(p));
	int rc = store_step(st);
	*yes = rc == STORE_ROW;
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? MODEL_OK : model_from_store(db, rc, "consent_active");
}

enum model_rc consent_give(struct store *db, int64_t account_id, enum consent_purpose p)
{
	int yes;
	enum model_rc rc = consent_active(db, account_id, p, &yes);
	if (rc != MODEL_OK || yes)
		return rc; /* giving it again changes nothing */
	struct store_stmt *st = store_prepare(db, &give_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	store_bind_text(st, 2, consent_code(p));
	store_bind_text(st, 3, consent_version(p));
	store_bind_int(st, 4, model_now());
	return model_exec(db, st, NULL, "consent_give");
}

enum model_rc consent_withdraw(struct store *db, int64_t account_id, enum consent_purpose p)
{
	struct store_stmt *st = store_prepare(db, &withdraw_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, model_now());
	store_bind_int(st, 2, account_id);
	store_bind_text(st, 3, consent_code(p));
	int64_t id = 0;
	enum model_rc rc = model_exec(db, st, &id, "consent_withdraw");
	return rc == MODEL_OK && id == 0 ? MODEL_NOT_FOUND : rc;
}

enum model_rc consent_list(struct store *db, struct region *a, int64_t account_id,
			   struct consent **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &list_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	return model_collect(db, st, a, sizeof **items, consent_read, (void **)items, n, "consent_list");
}
