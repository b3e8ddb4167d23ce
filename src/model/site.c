/*
 * site.c: the site's own name, colour, logo and home page texts (see
 * site.h).
 */
#include "model/site.h"

#include <stdio.h>
#include <string.h>

#include "core/colour.h"
#include "model/text.h"

/* One row always: what is not set comes back empty. */
static struct store_sql brand_sql = STORE_SQL(
	"SELECT COALESCE(b.name, ''), COALESCE(b.colour, ''), " IMAGE_REF_COLUMNS("b.logo_id") ", "
	"COALESCE(b.updated_at, 0), COALESCE(t.home_title, ''), COALESCE(t.home_intro, '') FROM (SELECT 1 AS one) x "
	"LEFT JOIN site_brand b ON b.id = 1" IMAGE_REF_JOIN("b.logo_id") "LEFT JOIN site_text t ON t.lang = ?");
static struct store_sql brand_set_sql = STORE_SQL(
	"INSERT INTO site_brand (id, name, colour, logo_id, updated_at) VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) "
	"DO UPDATE SET name = excluded.name, colour = excluded.colour, logo_id = excluded.logo_id, "
	"updated_at = excluded.updated_at");
static struct store_sql text_set_sql = STORE_SQL(
	"INSERT INTO site_text (lang, home_title, home_intro, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (lang) "
	"DO UPDATE SET home_title = excluded.home_title, home_intro = excluded.home_intro, "
	"updated_at = excluded.updated_at");

static void brand_read(struct store_stmt *st, struct region *a, void *item)
{
	struct site_brand *b = item;
	b->name = model_text(st, a, 0);
	b->colour = model_text(st, a, 1);
	image_ref_read(st, a, 2, &b->logo);
	b->updated_at = store_col_int(st, 7);
	b->home_title = model_text(st, a, 8);
	b->home_intro = model_text(st, a, 9);
}

enum model_rc site_brand_get(struct store *db, struct region *a, const char *lang, struct site_brand *out)
{
	struct store_stmt *st = store_prepare(db, &brand_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, lang);
	return model_one(db, st, a, out, brand_read, "site_brand_get");
}

double site_colour_contrast(const char *colour, double on[2])
{
	static const char *const backgrounds[] = SITE_BACKGROUNDS;
	int c[3], bg[3];
	if (colour_parse(colour, c) != 0)
		return 0;
	double lowest = 21;
	for (size_t i = 0; i < sizeof backgrounds / sizeof backgrounds[0]; i++) {
		if (colour_parse(backgrounds[i], bg) != 0)
			continue;
		double x = colour_contrast(c, bg);
		if (on && i < 2)
			on[i] = x;
		if (x < lowest)
			lowest = x;
	}
	return lowest;
}

enum model_rc site_brand_set(struct store *db, const char *name, const char *colour, int64_t logo_id,
			     struct field_errors *errs)
{
	text_check(errs, "name", name, 0, SITE_NAME_MAX);
	int rgb[3];
	if (colour && *colour && colour_parse(colour, rgb) != 0)
		field_error_add(errs, "colour", MSG_FORM_BAD_COLOUR);
	else if (colour && *colour && site_colour_contrast(colour, NULL) < COLOUR_AA)
		field_error_add(errs, "colour", MSG_FORM_COLOUR_CONTRAST);
	if (errs->n)
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &brand_set_sql);
	if (st == NULL)
		return MODEL_ERROR;
	char lower[8] = "";
	if (colour && *colour)
		snprintf(lower, sizeof lower, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
	store_bind_text(st, 1, name ? name : "");
	store_bind_text(st, 2, lower);
	if (logo_id > 0)
		store_bind_int(st, 3, logo_id);
	else
		store_bind_null(st, 3);
	store_bind_int(st, 4, model_now());
	return model_exec(db, st, NULL, "site_brand_set");
}

enum model_rc site_text_set(struct store *db, struct region *a, const char *lang, const char *title,
			    const char *intro, struct field_errors *errs)
{
	text_check(errs, region_printf(a, "title-%s", lang), title, 0, TEXT_NAME_MAX);
	text_check(errs, region_printf(a, "intro-%s", lang), intro, 0, TEXT_BODY_MAX);
	if (errs->n)
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &text_set_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, lang);
	store_bind_text(st, 2, title ? title : "");
	store_bind_text(st, 3, intro ? intro : "");
	store_bind_int(st, 4, model_now());
	return model_exec(db, st, NULL, "site_text_set");
}
