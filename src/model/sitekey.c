/*
 * sitekey.c: the installation's secret keys (see sitekey.h). Stored in
 * base64url; nodes making the first key at once agree on whichever was
 * inserted first.
 */
#include "model/sitekey.h"

#include <sodium.h>
#include <string.h>

static struct store_sql get_sql = STORE_SQL("SELECT value FROM site_secret WHERE name = ?");
static struct store_sql add_sql = STORE_SQL(
	"INSERT INTO site_secret (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING");

static enum model_rc read_key(struct store *db, const char *name, unsigned char key[SECRET_KEY_BYTES])
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, name);
	int rc = store_step(st);
	enum model_rc out = rc == STORE_DONE ? MODEL_NOT_FOUND : model_from_store(db, rc, "sitekey_get");
	if (rc == STORE_ROW) {
		const char *text = store_col_text(st, 0);
		size_t n = 0;
		out = text && sodium_base642bin(key, SECRET_KEY_BYTES, text, strlen(text), NULL, &n, NULL,
						sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0 &&
				      n == SECRET_KEY_BYTES
			      ? MODEL_OK
			      : MODEL_ERROR;
	}
	store_reset(st);
	return out;
}

enum model_rc sitekey_get(struct store *db, const char *name, int create,
			  unsigned char key[SECRET_KEY_BYTES])
{
	enum model_rc rc = read_key(db, name, key);
	if (rc != MODEL_NOT_FOUND || !create)
		return rc;
	unsigned char fresh[SECRET_KEY_BYTES];
	char text[SECRET_KEY_BYTES * 2];
	secret_key(fresh);
	sodium_bin2base64(text, sizeof text, fresh, sizeof fresh, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(fresh, sizeof fresh);
	struct store_stmt *st = store_prepare(db, &add_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, name);
	store_bind_text(st, 2, text);
	store_bind_int(st, 3, model_now());
	sodium_memzero(text, sizeof text);
	if ((rc = model_exec(db, st, NULL, "sitekey_add")) != MODEL_OK)
		return rc;
	return read_key(db, name, key);
}
