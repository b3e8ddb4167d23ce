/*
 * association_csv.c: the association list as CSV for staff: the export
 * (with the contact persons' e-mails and phones, never public), and the
 * import page, which loads a whole list in one transaction or, when any
 * row is wrong, nothing, listing every error with its line and column.
 */
#include <stdio.h>
#include <string.h>

#include "model/association_csv.h"
#include "web/layout.h"
#include "web/web.h"
#include "web/widget.h"

#define EXPORT_MAX ((size_t)64 << 20)

/* GET /associations/export.csv: 200 every association as CSV (staff: the
 * guard checks); 500 past EXPORT_MAX; 503. */
int web_association_export(struct req *r)
{
	struct buf out = BUF_INIT(EXPORT_MAX);
	enum model_rc rc = association_export(r->db, &out);
	if (rc != MODEL_OK) {
		buf_free(&out);
		return req_status(r, model_status(rc));
	}
	buf_put(&r->out, out.data, out.len);
	buf_free(&out);
	r->content_type = "text/csv; charset=utf-8";
	req_set_header(r, "Content-Disposition", "attachment; filename=\"associations.csv\"");
	req_set_header(r, "Cache-Control", "private, no-store");
	return 200;
}

static const struct field csv_field = { "csv", MSG_IMPORT_CSV, FIELD_TEXTAREA, NULL, NULL, MSG_IMPORT_CSV_HINT,
					1, 0 };

static void errors_list(struct html *h, const struct import_result *res)
{
	HTML(h, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"errors\"><h2>");
	html_msg(h, MSG_IMPORT_REFUSED);
	HTML(h, "</h2><ul>");
	for (size_t i = 0; i < res->nerrors; i++) {
		const struct import_error *e = &res->errors[i];
		char line[24];
		snprintf(line, sizeof line, "%lu", e->line);
		const char *args[] = { line, e->column ? e->column : "" };
		HTML(h, "<li>");
		html_msgv(h, e->column ? MSG_IMPORT_AT_COLUMN : MSG_IMPORT_AT_LINE, args, 2);
		HTML(h, " ");
		html_msg(h, e->msg);
		if (e->value && *e->value)
			HTMLF(h, " (<q><bdi>%s</bdi></q>)", e->value);
		HTML(h, "</li>");
	}
	if (res->more_errors) {
		char more[24];
		snprintf(more, sizeof more, "%zu", res->more_errors);
		const char *args[] = { more };
		HTML(h, "<li>");
		html_msgv(h, MSG_IMPORT_MORE_ERRORS, args, 1);
		HTML(h, "</li>");
	}
	HTML(h, "</ul></div>\n");
}

static int import_page(struct req *r, int status, const struct import_result *res, const char *text)
{
	req_set_header(r, "Cache-Control", "private, no-store");
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_ASSOCIATIONS_IMPORT), NAV_LOCAL_LIFE);
	HTML(&h, "<nav class=\"crumbs\" aria-label=\"");
	html_msg(&h, MSG_NAV_BREADCRUMBS);
	HTML(&h, "\"><a href=\"/associations\">");
	html_msg(&h, MSG_ASSOCIATIONS_TITLE);
	HTML(&h, "</a></nav>\n<h1>");
	html_msg(&h, MSG_ASSOCIATIONS_IMPORT);
	HTML(&h, "</h1>\n");
	if (res && res->nerrors)
		errors_list(&h, res);
	else if (res) {
		HTML(&h, "<div class=\"notice\" role=\"status\">");
		html_count(&h, MSGN_IMPORT_DONE_ROWS, (long long)res->rows);
		HTML(&h, " ");
		html_count(&h, MSGN_IMPORT_DONE_CREATED, (long long)res->created);
		HTML(&h, " ");
		html_count(&h, MSGN_IMPORT_DONE_UPDATED, (long long)res->updated);
		HTML(&h, "</div>\n");
	}
	HTML(&h, "<p class=\"lead\">");
	html_msg(&h, MSG_IMPORT_INTRO);
	HTML(&h, "</p>\n<p>");
	html_msg(&h, MSG_IMPORT_COLUMNS);
	HTML(&h, "</p>\n<pre tabindex=\"0\"><code>name,area,category,languages,fee_kr,fee_per,fritidspas,age_min,age_max,"
		 "step_free,contact_name,contact_email,contact_phone,website,description,lang,meetings\n"
		 "Haarby Boldklub,Haarby,sport,da ar,0,year,yes,6,14,yes,Hanne Holm,"
		 "formand@example.dk,+45 12345678,,Fodbold for alle.,da,"
		 "\"tue 16:30-18:00 | Haarby Stadion | U10; thu 17:00-18:30 | Haarby Stadion | U12\""
		 "</code></pre>\n<p><a href=\"/associations/export.csv\" download>");
	html_msg(&h, MSG_ASSOCIATIONS_EXPORT);
	HTML(&h, "</a></p>\n");
	widget_form_begin(&h, r, "/associations/import");
	struct field f = csv_field;
	f.value = text;
	widget_field(&h, &f, NULL);
	widget_form_end(&h, MSG_IMPORT_SUBMIT);
	layout_end(&h, r);
	return status;
}

/* GET /associations/import: 200 the form (staff: the guard checks). */
int web_association_import_form(struct req *r)
{
	return import_page(r, 200, NULL, NULL);
}

struct import_args {
	const char *text;
	struct import_result res;
};

static enum model_rc import_tx(struct req *r, void *arg)
{
	struct import_args *a = arg;
	return association_import(r->db, r->region, a->text, strlen(a->text), r->user_id, &a->res);
}

/* POST /associations/import (csv): 200 the page saying how many rows
 * were created and updated; 400 with every error's line and column,
 * nothing imported; 503. */
int web_association_import(struct req *r)
{
	struct import_args *a = region_calloc(r->region, 1, sizeof *a);
	a->text = req_form(r, "csv") ? req_form(r, "csv") : "";
	enum model_rc rc = web_tx(r, import_tx, a);
	if (rc == MODEL_INVALID)
		return import_page(r, 400, &a->res, a->text);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return import_page(r, 200, &a->res, NULL);
}
