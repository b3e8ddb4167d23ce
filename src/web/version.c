/*
 * version.c: the form that writes a version of some content in another
 * language (see locallife.h), the same for associations, practical pages
 * and welcome offers. ?lang=CODE opens the version in that language to
 * edit it; without it, the writer chooses the language in the form.
 */
#include <string.h>

#include "core/language.h"
#include "model/text.h"
#include "web/content.h"
#include "web/locallife.h"
#include "web/web.h"
#include "web/widget.h"

enum { VF_LANG, VF_TITLE, VF_BODY, VF__MAX };

static int version_page_out(struct req *r, int status, const struct version_page *p,
			    const struct version *v, size_t nv, const struct version *in,
			    const struct field_errors *errs)
{
	const struct field fields[VF__MAX] = {
		[VF_LANG] = { "lang", MSG_VERSION_LANGUAGE, FIELD_TEXT, NULL, NULL, MSG__MAX, 1, 0 },
		[VF_TITLE] = { "title", p->title_label, FIELD_TEXT, in->title, NULL,
			       p->title_required ? MSG__MAX : MSG_VERSION_TITLE_HINT, p->title_required,
			       TEXT_NAME_MAX },
		[VF_BODY] = { "body", p->body_label, FIELD_TEXTAREA, in->body, NULL, MSG_FORM_MARKDOWN_HINT,
			      1, TEXT_BODY_MAX },
	};
	req_set_header(r, "Cache-Control", "private, no-store");
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_VERSION_TITLE), p->nav);
	HTML(&h, "<nav class=\"crumbs\" aria-label=\"");
	html_msg(&h, MSG_NAV_BREADCRUMBS);
	HTML(&h, "\"><a href=\"");
	html_text(&h, p->base);
	HTML(&h, "\"");
	html_lang_attr(&h, p->original_lang);
	HTMLF(&h, ">%s</a></nav>\n<h1>", p->item_title);
	html_msg(&h, MSG_VERSION_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_VERSION_INTRO);
	HTML(&h, " ");
	const char *args[] = { msg_get(r->lang, language_find(p->original_lang)
							? language_find(p->original_lang)->name
							: MSG_LANGUAGE_DA) };
	html_msgv(&h, MSG_VERSION_ORIGINAL_IS, args, 1);
	HTML(&h, "</p>\n");
	if (nv) {
		HTML(&h, "<p>");
		html_msg(&h, MSG_VERSION_EXISTING);
		HTML(&h, "</p><ul class=\"chips\">");
		for (size_t i = 0; i < nv; i++) {
			HTML(&h, "<li><a href=\"");
			html_text(&h, p->base);
			HTMLF(&h, "/version?lang=%s\">", v[i].lang);
			content_language(&h, v[i].lang);
			HTML(&h, "</a></li>");
		}
		HTML(&h, "</ul>\n");
	}
	widget_errors(&h, errs, fields, VF__MAX);
	widget_form_begin(&h, r, region_printf(r->region, "%s/version", p->base));
	content_select(&h, r, "lang", MSG_VERSION_LANGUAGE, MSG_FORM_CHOOSE, in->lang, errs);
	widget_field(&h, &fields[VF_TITLE], errs);
	/* The text's direction follows what is typed: the stylesheet
	 * gives text controls unicode-bidi: plaintext. */
	widget_field(&h, &fields[VF_BODY], errs);
	widget_checkbox(&h, "delete", "1", MSG_VERSION_DELETE, 0, errs);
	widget_form_end(&h, MSG_FORM_SAVE);
	layout_end(&h, r);
	return status;
}

int web_version_get(struct req *r, version_page_fn load)
{
	struct version_page page;
	const struct version_page *p = &page;
	int status = load(r, &page);
	if (status)
		return status;
	struct version *v;
	size_t nv;
	enum model_rc rc = version_list(r->db, p->table, r->region, p->item_id, &v, &nv);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *lang = req_query(r, "lang");
	struct version in = { lang && language_find(lang) ? lang : "", "", "", 0 };
	for (size_t i = 0; i < nv; i++)
		if (strcmp(v[i].lang, in.lang) == 0)
			in = v[i];
	return version_page_out(r, 200, p, v, nv, &in, NULL);
}

struct version_args {
	const struct version_page *p;
	struct version in;
	int delete;
	struct field_errors *errs;
};

static enum model_rc version_tx(struct req *r, void *arg)
{
	struct version_args *a = arg;
	if (a->delete)
		return version_delete(r->db, a->p->table, a->p->item_id, a->in.lang);
	return version_put(r->db, a->p->table, a->p->item_id, a->p->original_lang, &a->in, r->user_id,
			   a->errs);
}

int web_version_post(struct req *r, version_page_fn load)
{
	struct version_page page;
	const struct version_page *p = &page;
	int status = load(r, &page);
	if (status)
		return status;
	struct field_errors errs = { .n = 0 };
	struct version_args a = { p, { req_form(r, "lang"), req_form(r, "title"), req_form(r, "body"), 0 },
				  req_form(r, "delete") != NULL, &errs };
	if (a.in.lang == NULL || language_find(a.in.lang) == NULL) {
		field_error_add(&errs, "lang", MSG_FORM_CHOOSE_ONE);
		a.in.lang = "";
	}
	enum model_rc rc = errs.n ? MODEL_INVALID : web_tx(r, version_tx, &a);
	if (rc == MODEL_INVALID) {
		struct version *v;
		size_t nv;
		rc = version_list(r->db, p->table, r->region, p->item_id, &v, &nv);
		if (rc != MODEL_OK)
			return req_status(r, model_status(rc));
		return version_page_out(r, 400, p, v, nv, &a.in, &errs);
	}
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return web_redirect_done(r, region_printf(r->region, "%s?in=%s", p->base,
					     a.delete ? p->original_lang : a.in.lang), DONE_SAVED);
}
