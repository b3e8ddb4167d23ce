/*
 * image.c: images on pages (see image.h in web/, the widget part of
 * web.h): serving them under their content hash, the <img> with its
 * responsive sizes, and the image part of forms (upload, alt text,
 * keeping an upload when the rest of the form had errors, removing).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/image.h"
#include "web/layout.h"
#include "web/web.h"
#include "web/widget.h"

/* GET /images/HASH-WIDTH.EXT: 200 the variant, cached for a year (its
 * address changes when its bytes do); 304 when the client has it; 404. */
int web_image(struct req *r)
{
	char hash[IMAGE_HASH_LEN + 1], ext[8];
	int width = 0, used = 0;
	if (sscanf(r->rest, "%16[0-9a-f]-%d.%7[a-z]%n", hash, &width, ext, &used) != 3 ||
	    r->rest[used] != '\0' || strlen(hash) != IMAGE_HASH_LEN || width <= 0)
		return 404;
	enum image_format f;
	const void *bytes;
	size_t n;
	enum model_rc rc = image_variant_get(r->db, r->region, hash, width, &f, &bytes, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	if (strcmp(ext, image_format_ext(f)) != 0)
		return 404;
	const char *etag = region_printf(r->region, "\"%s-%d\"", hash, width);
	req_set_header(r, "ETag", etag);
	req_set_header(r, "Cache-Control", "public, max-age=31536000, immutable");
	r->content_type = image_format_type(f);
	const char *inm = req_header(r, "If-None-Match");
	if (inm && strstr(inm, etag))
		return 304;
	buf_put(&r->out, bytes, n);
	return 200;
}

const char *web_image_url(struct req *r, const struct image_ref *img, int width)
{
	int widths[IMAGE_NWIDTHS], n = image_widths(img->width, widths), w = widths[n - 1];
	for (int i = 0; i < n; i++)
		if (widths[i] >= width) {
			w = widths[i];
			break;
		}
	return region_printf(r->region, "/images/%s-%d.%s", img->hash, w, image_format_ext(img->format));
}

void web_page_image(struct req *r, struct layout_page *page, const struct image_ref *img, const char *alt)
{
	if (img == NULL || img->id == 0)
		return;
	/* Link previews want about 1200 pixels across. */
	int widths[IMAGE_NWIDTHS], n = image_widths(img->width, widths), w = widths[n - 1];
	for (int i = 0; i < n; i++)
		if (widths[i] >= 1024) {
			w = widths[i];
			break;
		}
	page->image = web_image_url(r, img, w);
	page->image_alt = alt;
	page->image_width = w;
	page->image_height = (int)((int64_t)img->height * w / img->width);
}

void web_img(struct html *h, struct req *r, const struct image_ref *img, const char *alt, const char *alt_lang,
	     const char *sizes, const char *cls)
{
	if (img == NULL || img->id == 0)
		return;
	int widths[IMAGE_NWIDTHS], n = image_widths(img->width, widths);
	HTMLF(h, "<img class=\"%s\" src=\"%s\" srcset=\"", cls, web_image_url(r, img, 640));
	for (int i = 0; i < n; i++)
		HTMLF(h, "%s/images/%s-%d.%s %dw", i ? ", " : "", img->hash, widths[i], image_format_ext(img->format),
		      widths[i]);
	HTMLF(h, "\" sizes=\"%s\" width=\"%d\" height=\"%d\" alt=\"%s\"", sizes, img->width, img->height,
	      alt ? alt : "");
	html_lang_attr(h, alt_lang);
	HTML(h, " loading=\"lazy\" decoding=\"async\">");
}

/* What image_process's refusals say beside the field. */
static enum msg refusal(enum image_err e)
{
	switch (e) {
	case IMAGE_NOT_AN_IMAGE:
		return MSG_IMAGE_NOT_AN_IMAGE;
	case IMAGE_TOO_LARGE:
		return MSG_IMAGE_TOO_LARGE;
	case IMAGE_TOO_MANY_PIXELS:
		return MSG_IMAGE_TOO_MANY_PIXELS;
	case IMAGE_BROKEN:
	case IMAGE_ERROR:
	case IMAGE_OK:
		break;
	}
	return MSG_IMAGE_BROKEN;
}

/* Stores a processed upload, written by web_tx; arg: struct saving. */
struct saving {
	const struct image_result *result;
	int64_t id;
};

static enum model_rc save_tx(struct req *r, void *arg)
{
	struct saving *s = arg;
	return image_save(r->db, s->result, &s->id);
}

enum model_rc web_image_take(struct req *r, int64_t current, int64_t *id, struct field_errors *errs)
{
	*id = current;
	const char *keep = req_form(r, "image_keep");
	if (keep && *keep) {
		char *end;
		int64_t k = strtoll(keep, &end, 10);
		struct image_ref ref;
		enum model_rc rc = *end || k <= 0 ? MODEL_NOT_FOUND : image_get(r->db, r->region, k, &ref);
		if (rc == MODEL_OK)
			*id = k;
		else if (rc != MODEL_NOT_FOUND)
			return rc;
	}
	if (req_form(r, "image_remove"))
		*id = 0;
	const struct req_file *f = req_file(r, "image");
	if (f == NULL)
		return MODEL_OK;
	/* Decoded outside any transaction: it takes a while and holds no lock. */
	struct image_result res;
	enum image_err e = image_process(f->data, f->size, &res);
	if (e == IMAGE_ERROR) {
		image_result_free(&res);
		return MODEL_ERROR;
	}
	if (e != IMAGE_OK) {
		image_result_free(&res);
		field_error_add(errs, "image", refusal(e));
		return MODEL_OK;
	}
	/* Its own transaction: kept for the form even when the rest of it is
	 * refused (an image nothing uses goes after a day). */
	struct saving s = { &res, 0 };
	enum model_rc rc = web_tx(r, save_tx, &s);
	image_result_free(&res);
	if (rc == MODEL_OK)
		*id = s.id;
	return rc;
}

void web_image_fields(struct html *h, struct req *r, enum msg legend, int64_t image_id, const char *alt,
		      const struct field_errors *errs)
{
	struct image_ref shown = { 0 };
	if (image_id > 0 && image_get(r->db, r->region, image_id, &shown) != MODEL_OK)
		shown.id = 0; /* gone meanwhile: the form offers a new one */
	enum msg error = errs ? field_error_get(errs, "image") : MSG__MAX;
	HTML(h, "<fieldset class=\"image\" id=\"image-fields\"><legend>");
	html_msg(h, legend);
	HTML(h, " <span class=\"optional\">(");
	html_msg(h, MSG_FORM_OPTIONAL);
	HTML(h, ")</span></legend>");
	if (shown.id) {
		HTML(h, "<figure class=\"current\">");
		web_img(h, r, &shown, alt, NULL, "12rem", "preview");
		HTML(h, "<figcaption>");
		html_msg(h, MSG_IMAGE_CURRENT);
		HTMLF(h, "</figcaption></figure><input type=\"hidden\" name=\"image_keep\" value=\"%lld\">",
		      (long long)shown.id);
		widget_checkbox(h, "image_remove", "1", MSG_IMAGE_REMOVE, req_form(r, "image_remove") != NULL, errs);
	}
	HTMLF(h, "<div class=\"field%s\"><label for=\"image\">", error != MSG__MAX ? " invalid" : "");
	html_msg(h, shown.id ? MSG_IMAGE_REPLACE : MSG_IMAGE_CHOOSE);
	HTML(h, "</label><p class=\"hint\" id=\"image-hint\">");
	html_msg(h, MSG_IMAGE_HINT);
	HTML(h, "</p>");
	if (error != MSG__MAX) {
		HTML(h, "<p class=\"error\" id=\"image-error\">");
		html_msg(h, error);
		HTML(h, "</p>");
	}
	HTMLF(h, "<input type=\"file\" id=\"image\" name=\"image\" accept=\"image/jpeg,image/png,image/webp,image/gif\" "
		 "aria-describedby=\"image-hint%s\"%s></div>",
	      error != MSG__MAX ? " image-error" : "", error != MSG__MAX ? " aria-invalid=\"true\"" : "");
	const struct field alt_field = { "image_alt", MSG_IMAGE_ALT, FIELD_TEXT, alt, "off", MSG_IMAGE_ALT_HINT, 0,
					 IMAGE_ALT_MAX };
	if (alt)
		widget_field(h, &alt_field, errs);
	HTML(h, "</fieldset>\n");
}
