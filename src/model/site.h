/*
 * site.h: the site as the municipality makes it its own: its name, its
 * main colour (legible: at least WCAG AA contrast against white text on
 * it and against the page behind it as text), the municipality's logo,
 * and the home page's title and introduction in each language. Empty
 * means the product's default (the catalogue's name and texts, the
 * stylesheet's colour). Owns tables site_brand and site_text.
 */
#ifndef SAMSKAB_MODEL_SITE_H
#define SAMSKAB_MODEL_SITE_H

#include "model/image.h"
#include "model/model.h"

#define SITE_NAME_MAX 80 /* characters */
/* The backgrounds the main colour is used on, besides white text on it:
 * the page (white) and the header and footer (the stylesheet's wash). */
#define SITE_BACKGROUNDS { "#ffffff", "#f3f5f7" }

struct site_brand {
	const char *name;    /* "" : the default */
	const char *colour;  /* "#rrggbb", or "" */
	struct image_ref logo; /* id 0: none */
	int64_t updated_at;  /* 0: never set */
	const char *home_title, *home_intro; /* in the language asked for; "" */
};

/* The brand, and the home page's texts in lang ("" where not set): one
 * query, which every page makes. */
MODEL_MUST_USE enum model_rc site_brand_get(struct store *db, struct region *a, const char *lang, struct site_brand *out);
/* Checks and saves: "name" up to SITE_NAME_MAX characters; "colour"
 * "#rrggbb" (MSG_FORM_BAD_COLOUR) with at least AA contrast
 * (MSG_FORM_COLOUR_CONTRAST; site_colour_contrast says how much it has). */
MODEL_MUST_USE enum model_rc site_brand_set(struct store *db, const char *name, const char *colour, int64_t logo_id,
			     struct field_errors *errs);
/* The contrast of colour with each of SITE_BACKGROUNDS (white, then the
 * light grey of tags, table heads and boxes) into on[], and the lowest;
 * 0 when it is not a colour. */
double site_colour_contrast(const char *colour, double on[2]);
/* Sets them ("title" up to TEXT_NAME_MAX characters, "intro" up to
 * TEXT_BODY_MAX); errors carry the field names prefixed ("title-da"). */
MODEL_MUST_USE enum model_rc site_text_set(struct store *db, struct region *a, const char *lang, const char *title,
			    const char *intro, struct field_errors *errs);

#endif
