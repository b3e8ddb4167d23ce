/*
 * image.c: stored images (see image.h).
 */
#include "model/image.h"

#include <string.h>

#include "model/text.h"

static struct store_sql by_hash_sql = STORE_SQL("SELECT id FROM image WHERE hash = ?");
static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO image (hash, format, width, height, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id");
static struct store_sql variant_insert_sql =
	STORE_SQL("INSERT INTO image_variant (image_id, width, height, bytes) VALUES (?, ?, ?, ?)");
static struct store_sql get_sql =
	STORE_SQL("SELECT " IMAGE_REF_COLUMNS("i.id") " FROM image i" IMAGE_REF_JOIN("i.id") "WHERE i.id = ?");
static struct store_sql variant_sql = STORE_SQL(
	"SELECT i.format, v.bytes FROM image i JOIN image_variant v ON v.image_id = i.id WHERE i.hash = ? "
	"AND v.width = ?");
/* Everything that shows an image; a new one is added here too. */
static struct store_sql purge_sql = STORE_SQL(
	"DELETE FROM image WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM arena WHERE image_id = image.id) "
	"AND NOT EXISTS (SELECT 1 FROM story WHERE image_id = image.id) AND NOT EXISTS (SELECT 1 FROM "
	"organisation WHERE image_id = image.id) AND NOT EXISTS (SELECT 1 FROM site_brand WHERE logo_id = "
	"image.id) RETURNING id");

void image_ref_read(struct store_stmt *st, struct region *a, int col, struct image_ref *out)
{
	memset(out, 0, sizeof *out);
	if (store_col_null(st, col) || store_col_null(st, col + 1))
		return;
	out->id = store_col_int(st, col);
	out->hash = model_text(st, a, col + 1);
	int f = image_format_parse(store_col_text(st, col + 2));
	out->format = f < 0 ? IMAGE_JPEG : (enum image_format)f;
	out->width = (int)store_col_int(st, col + 3);
	out->height = (int)store_col_int(st, col + 4);
}

void image_alt_check(struct field_errors *errs, const char *field, int64_t image_id, const char *alt)
{
	if (image_id > 0 && text_blank(alt))
		field_error_add(errs, field, MSG_FORM_ALT_REQUIRED);
	else
		text_check(errs, field, alt, 0, IMAGE_ALT_MAX);
}

static void ref_read(struct store_stmt *st, struct region *a, void *item)
{
	image_ref_read(st, a, 0, item);
}

enum model_rc image_save(struct store *db, const struct image_result *res, int64_t *id)
{
	if (res->nvariants < 1)
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &by_hash_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, res->hash);
	*id = 0;
	enum model_rc rc = model_exec(db, st, id, "image_by_hash");
	if (rc != MODEL_OK || *id > 0)
		return rc;
	const struct image_variant *widest = &res->variants[res->nvariants - 1];
	if ((st = store_prepare(db, &insert_sql)) == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, res->hash);
	store_bind_text(st, 2, image_format_code(res->format));
	store_bind_int(st, 3, widest->width);
	store_bind_int(st, 4, widest->height);
	store_bind_int(st, 5, model_now());
	rc = model_exec(db, st, id, "image_save");
	for (int i = 0; rc == MODEL_OK && i < res->nvariants; i++) {
		if ((st = store_prepare(db, &variant_insert_sql)) == NULL)
			return MODEL_ERROR;
		store_bind_int(st, 1, *id);
		store_bind_int(st, 2, res->variants[i].width);
		store_bind_int(st, 3, res->variants[i].height);
		store_bind_blob(st, 4, res->variants[i].bytes, res->variants[i].size);
		rc = model_exec(db, st, NULL, "image_save_variant");
	}
	return rc;
}

enum model_rc image_get(struct store *db, struct region *a, int64_t id, struct image_ref *out)
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_one(db, st, a, out, ref_read, "image_get");
}

enum model_rc image_variant_get(struct store *db, struct region *a, const char *hash, int width,
				enum image_format *format, const void **bytes, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &variant_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, hash);
	store_bind_int(st, 2, width);
	int rc = store_step(st);
	if (rc == STORE_ROW) {
		int f = image_format_parse(store_col_text(st, 0));
		*format = f < 0 ? IMAGE_JPEG : (enum image_format)f;
		size_t len = 0;
		const void *p = store_col_blob(st, 1, &len);
		void *copy = region_alloc(a, len ? len : 1);
		if (p && len)
			memcpy(copy, p, len);
		*bytes = copy;
		*n = p ? len : 0;
	}
	store_reset(st);
	if (rc == STORE_ROW)
		return MODEL_OK;
	return rc == STORE_DONE ? MODEL_NOT_FOUND : model_from_store(db, rc, "image_variant_get");
}

enum model_rc image_purge(struct store *db, int64_t before, int64_t *n)
{
	struct store_stmt *st = store_prepare(db, &purge_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, before);
	*n = 0;
	int rc;
	while ((rc = store_step(st)) == STORE_ROW)
		(*n)++;
	store_reset(st);
	return rc == STORE_DONE ? MODEL_OK : model_from_store(db, rc, "image_purge");
}
