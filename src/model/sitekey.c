/*
 * sitekey.c: the installation's key (see sitekey.h).
 */
#include "model/sitekey.h"

#include <sodium.h>
#include <string.h>

#include "core/log.h"

static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO site_key (id, secret, created_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING");
static struct store_sql select_sql = STORE_SQL("SELECT secret FROM site_key WHERE id = 1");

static void read_secret(struct store_stmt *st, struct region *a, void *item)
{
	*(const char **)item = region_strdup(a, store_col_text(st, 0));
}

/* The stored key in key; MODEL_NOT_FOUND when there is none yet. */
static enum model_rc stored(struct store *db, unsigned char key[SECRET_KEY_LEN])
{
	struct store_stmt *st = store_prepare(db, &select_sql);
	if (st == NULL)
		return MODEL_ERROR;
	struct region *a = region_new();
	const char *hex = NULL;
	enum model_rc rc = model_one(db, st, a, &hex, read_secret, "site_key_select");
	if (rc == MODEL_OK && secret_key_parse(hex, key) != 0) {
		log_error("the stored site key is not 64 hex digits", NULL);
		rc = MODEL_ERROR;
	}
	region_free(a);
	return rc;
}

enum model_rc site_key_load(struct store *db, unsigned char key[SECRET_KEY_LEN])
{
	enum model_rc rc = stored(db, key);
	if (rc != MODEL_NOT_FOUND)
		return rc;
	char fresh[SECRET_KEY_HEX_LEN + 1];
	secret_key_new(fresh);
	struct store_stmt *st = store_prepare(db, &insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, fresh);
	store_bind_int(st, 2, model_now());
	rc = model_exec(db, st, NULL, "site_key_insert");
	sodium_memzero(fresh, sizeof fresh);
	return rc == MODEL_OK ? stored(db, key) : rc;
}
