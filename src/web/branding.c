/*
 * branding.c: the municipality makes the site its own: an
 * administrator's form for the site's name, its main colour (refused,
 * saying the contrast it has, when text would not be legible), the
 * municipality's logo and the home page's texts in each language; and
 * the stylesheet of that colour (/brand.css), cached for a year under
 * the version its address names. The layout shows them on every page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/colour.h"
#include "model/site.h"
#include "web/layout.h"
#include "web/web.h"
#include "web/widget.h"

static const struct field site_fields[] = {
	{ "name", MSG_ADMIN_SITE_NAME, FIELD_TEXT, NULL, "off", MSG_ADMIN_SITE_NAME_HINT, 0, SITE_NAME_MAX },
	{ "colour", MSG_ADMIN_SITE_COLOUR, FIELD_TEXT, NULL, "off", MSG_ADMIN_SITE_COLOUR_HINT, 0, 7 },
	{ "image", MSG_ADMIN_SITE_LOGO, FIELD_TEXT, NULL, NULL, MSG__MAX, 0, 0 },
};
#define NSITE (sizeof site_fields / sizeof site_fields[0])

/* The colour field: its error says the contrast the colour has. */
static void colour_field(struct html *h, struct req *r, const char *value, const struct field_errors *errs)
{
	enum msg error = errs ? field_error_get(errs, "colour") : MSG__MAX;
	HTMLF(h, "<div class=\"field%s\"><label for=\"colour\">", error != MSG__MAX ? " invalid" : "");
	html_msg(h, MSG_ADMIN_SITE_COLOUR);
	HTML(h, " <span class=\"optional\">(");
	html_msg(h, MSG_FORM_OPTIONAL);
	HTML(h, ")</span></label><p class=\"hint\" id=\"colour-hint\">");
	html_msg(h, MSG_ADMIN_SITE_COLOUR_HINT);
	HTML(h, "</p>");
	if (error == MSG_FORM_COLOUR_CONTRAST) {
		double on[2] = { 0, 0 };
		site_colour_contrast(value, on);
		char ratio[2][16];
		for (int i = 0; i < 2; i++) {
			snprintf(ratio[i], sizeof ratio[i], "%.1f", on[i]);
			/* The catalogue's decimal sign. */
			char *dot = strchr(ratio[i], '.');
			if (dot && strcmp(msg_get(r->lang, MSG_GRAMMAR_DECIMAL), ".") != 0)
				*dot = msg_get(r->lang, MSG_GRAMMAR_DECIMAL)[0];
		}
		const char *args[] = { ratio[0], ratio[1] };
		HTML(h, "<p class=\"error\" id=\"colour-error\">");
		html_msgv(h, MSG_ADMIN_SITE_COLOUR_CONTRAST, args, 2);
		HTML(h, "</p>");
	} else if (error != MSG__MAX) {
		HTML(h, "<p class=\"error\" id=\"colour-error\">");
		html_msg(h, error);
		HTML(h, "</p>");
	}
	HTMLF(h, "<input id=\"colour\" name=\"colour\" type=\"text\" maxlength=\"7\" autocomplete=\"off\" "
		 "aria-describedby=\"colour-hint%s\"",
	      error != MSG__MAX ? " colour-error" : "");
	if (error != MSG__MAX)
		HTML(h, " aria-invalid=\"true\"");
	HTMLF(h, " value=\"%s\">", value ? value : "");
	HTML(h, "</div>\n");
}

/* The form; b holds the values shown (stored, or as posted). */
static int site_form(struct req *r, int status, const struct site_brand *b, const char *const *titles,
		     const char *const *intros, const struct field_errors *errs)
{
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_ADMIN_SITE_TITLE), NAV_NONE);
	web_admin_crumbs(&h);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_ADMIN_SITE_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_ADMIN_SITE_INTRO);
	HTML(&h, "</p>\n");
	widget_errors(&h, errs, site_fields, NSITE);
	widget_form_begin_upload(&h, r, "/admin/site");
	struct field f = site_fields[0];
	f.value = b->name;
	widget_field(&h, &f, errs);
	colour_field(&h, r, b->colour, errs);
	web_image_fields(&h, r, MSG_ADMIN_SITE_LOGO, b->logo.id, NULL, errs);
	for (size_t i = 0; i < i18n_count(); i++) {
		const struct lang *l = i18n_at(i);
		const char *args[] = { l->name };
		HTML(&h, "<fieldset><legend>");
		html_msgv(&h, MSG_ADMIN_SITE_HOME, args, 1);
		HTML(&h, "</legend><p class=\"hint\">");
		html_msg(&h, MSG_ADMIN_SITE_HOME_HINT);
		HTML(&h, "</p>");
		struct field t = { region_printf(r->region, "title-%s", l->code), MSG_ADMIN_SITE_HOME_TITLE, FIELD_TEXT,
				   titles[i], "off", MSG__MAX, 0, 200 };
		struct field in = { region_printf(r->region, "intro-%s", l->code), MSG_ADMIN_SITE_HOME_INTRO,
				    FIELD_TEXTAREA, intros[i], NULL, MSG_FORM_MARKDOWN_HINT, 0, 0 };
		widget_field(&h, &t, errs);
		widget_field(&h, &in, errs);
		HTML(&h, "</fieldset>\n");
	}
	widget_form_end(&h, MSG_ADMIN_SITE_SAVE);
	layout_end(&h, r);
	return status;
}

/* GET /admin/site: 200 (administrators). */
int web_admin_site(struct req *r)
{
	size_t nl = i18n_count();
	const char **titles = region_calloc(r->region, nl, sizeof *titles);
	const char **intros = region_calloc(r->region, nl, sizeof *intros);
	struct site_brand b;
	enum model_rc rc = MODEL_OK;
	for (size_t i = 0; rc == MODEL_OK && i < nl; i++) {
		rc = site_brand_get(r->db, r->region, i18n_at(i)->code, &b);
		titles[i] = b.home_title;
		intros[i] = b.home_intro;
	}
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return site_form(r, 200, &b, titles, intros, NULL);
}

/* The site as posted, written by web_tx. */
struct site_args {
	struct site_brand b;
	const char **titles, **intros;
	struct field_errors errs;
};

static enum model_rc site_tx(struct req *r, void *arg)
{
	struct site_args *x = arg;
	enum model_rc rc = site_brand_set(r->db, x->b.name, x->b.colour, x->b.logo.id, &x->errs);
	for (size_t i = 0; rc == MODEL_OK && i < i18n_count(); i++)
		rc = site_text_set(r->db, r->region, i18n_at(i)->code, x->titles[i], x->intros[i], &x->errs);
	return rc;
}

/* POST /admin/site (name, colour, logo, title-LANG, intro-LANG): 303 to
 * the form saying so; 400 with errors (a colour too light says the
 * contrast it has; nothing is saved). */
int web_admin_site_save(struct req *r)
{
	struct site_brand old;
	enum model_rc rc = site_brand_get(r->db, r->region, r->lang->code, &old);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	size_t nl = i18n_count();
	struct site_args x = { .b = { .name = req_form(r, "name"), .colour = req_form(r, "colour") },
			       .titles = region_calloc(r->region, nl, sizeof *x.titles),
			       .intros = region_calloc(r->region, nl, sizeof *x.intros),
			       .errs = { .n = 0 } };
	for (size_t i = 0; i < nl; i++) {
		x.titles[i] = req_form(r, region_printf(r->region, "title-%s", i18n_at(i)->code));
		x.intros[i] = req_form(r, region_printf(r->region, "intro-%s", i18n_at(i)->code));
	}
	rc = web_image_take(r, old.logo.id, &x.b.logo.id, &x.errs);
	if (rc == MODEL_OK) /* the model checks the rest; nothing is saved while errs has any */
		rc = web_tx(r, site_tx, &x);
	if (x.errs.n) {
		/* The logo kept or chosen, to show. */
		if (x.b.logo.id && image_get(r->db, r->region, x.b.logo.id, &x.b.logo) != MODEL_OK)
			x.b.logo.id = 0;
		return site_form(r, 400, &x.b, x.titles, x.intros, &x.errs);
	}
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, "/admin/site", DONE_SITE_SAVED);
}

/* GET /brand.css?v=VERSION: 200 the site's colour as the stylesheet's
 * accent (empty when none is set); cached for a year when VERSION is
 * the current one (the layout links it so), else not at all. */
int web_brand_css(struct req *r)
{
	struct site_brand b;
	enum model_rc rc = site_brand_get(r->db, r->region, r->lang->code, &b);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *v = req_query(r, "v");
	int current = v && strtoll(v, NULL, 10) == b.updated_at;
	req_set_header(r, "Cache-Control", current ? "public, max-age=31536000, immutable" : "no-cache");
	r->content_type = "text/css; charset=utf-8";
	int rgb[3];
	if (colour_parse(b.colour, rgb) == 0)
		buf_printf(&r->out, ":root { --accent: #%02x%02x%02x; }\n", rgb[0], rgb[1], rgb[2]);
	return 200;
}
