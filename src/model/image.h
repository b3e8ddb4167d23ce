/*
 * image.h: images shown with arenas, stories, organisations and as the
 * site's logo: what image/ made of an upload, stored in the database
 * (so backups and db-copy carry them) and served by the hash of their
 * bytes. Owns tables image and image_variant. Whoever shows an image
 * keeps its id and its alt text (arena.image_id, ...); an image nothing
 * refers to is removed a day after it was stored (an upload whose form
 * was never saved).
 */
#ifndef SAMSKAB_MODEL_IMAGE_H
#define SAMSKAB_MODEL_IMAGE_H

#include "image/image.h"
#include "model/model.h"

#define IMAGE_ALT_MAX 300 /* characters of alt text */

/* An image as a page needs it: the address of each variant follows from
 * the hash, the format and the widths image_widths(width) gives. */
struct image_ref {
	int64_t id; /* 0: none */
	const char *hash;
	enum image_format format;
	int width, height; /* of the widest variant */
};

/* Columns to select for an image joined as img on ID_COLUMN, in the
 * order image_ref_read reads them. */
#define IMAGE_REF_COLUMNS(id_column) id_column ", img.hash, img.format, img.width, img.height"
#define IMAGE_REF_JOIN(id_column) " LEFT JOIN image img ON img.id = " id_column " "
/* Reads the five columns from col on into out (id 0 when NULL). */
void image_ref_read(struct store_stmt *st, struct region *a, int col, struct image_ref *out);
/* The alt text of an image something shows: required (on field) when
 * image_id is set, at most IMAGE_ALT_MAX characters. */
void image_alt_check(struct field_errors *errs, const char *field, int64_t image_id, const char *alt);

/* Stores the variants; the same image again (same hash) is not stored
 * twice: *id is the one stored before. */
MODEL_MUST_USE enum model_rc image_save(struct store *db, const struct image_result *res, int64_t *id);
MODEL_MUST_USE enum model_rc image_get(struct store *db, struct region *a, int64_t id, struct image_ref *out);
/* One variant's bytes (region copy) by hash and width; MODEL_NOT_FOUND
 * when there is no such image or width. */
MODEL_MUST_USE enum model_rc image_variant_get(struct store *db, struct region *a, const char *hash, int width,
				enum image_format *format, const void **bytes, size_t *n);
/* Removes images stored before `before` that nothing refers to; *n
 * counts them. */
MODEL_MUST_USE enum model_rc image_purge(struct store *db, int64_t before, int64_t *n);

#endif
