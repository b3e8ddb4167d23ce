/*
 * widget.c: accessible form controls (see widget.h).
 */
#include "web/widget.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/query.h"
#include "web/guard.h"

static const char *const kind_types[] = {
	[FIELD_TEXT] = "text",	       [FIELD_EMAIL] = "email", [FIELD_PASSWORD] = "password",
	[FIELD_TEXTAREA] = "textarea", [FIELD_URL] = "url",	[FIELD_NUMBER] = "number",
	[FIELD_DATETIME] = "datetime-local", [FIELD_DATE] = "date",
};

void widget_form_begin(struct html *h, struct req *r, const char *action)
{
	HTML(h, "<form method=\"post\" action=\"");
	html_text(h, action);
	HTMLF(h, "\" novalidate><input type=\"hidden\" name=\"csrf\" value=\"%s\">", web_csrf(r));
}

void widget_form_begin_upload(struct html *h, struct req *r, const char *action)
{
	HTML(h, "<form method=\"post\" enctype=\"multipart/form-data\" action=\"");
	html_text(h, action);
	HTMLF(h, "\" novalidate><input type=\"hidden\" name=\"csrf\" value=\"%s\">", web_csrf(r));
}

void widget_form_end(struct html *h, enum msg submit)
{
	HTML(h, "<div class=\"actions\"><button type=\"submit\">");
	html_msg(h, submit);
	HTML(h, "</button></div></form>\n");
}

void widget_form_end_danger(struct html *h, enum msg submit)
{
	HTML(h, "<div class=\"actions\"><button type=\"submit\" class=\"danger\">");
	html_msg(h, submit);
	HTML(h, "</button></div></form>\n");
}

/* One line of the summary: "Label: message"; "Question? message" for a
 * label that asks ("What do you invite to?"); the message alone for a
 * label that is a sentence of its own (a checkbox's "I have read ...
 * there."), which the message says again in short. */
static void error_line(struct html *h, const char *field, enum msg label, enum msg m)
{
	HTMLF(h, "<li><a href=\"#%s\">", field);
	if (label != MSG__MAX) {
		const char *text = msg_get(h->lang, label);
		size_t n = strlen(text);
		char last = n ? text[n - 1] : 0;
		if (last == '?' || last == ':' || (n >= 2 && memcmp(text + n - 2, "\u061f", 2) == 0)) {
			html_text(h, text);
			HTML(h, " ");
		} else if (last == 0 || !strchr(".!;", last)) {
			html_text(h, text);
			HTML(h, ": ");
		}
	}
	html_msg(h, m);
	HTML(h, "</a></li>");
}

void widget_errors(struct html *h, const struct field_errors *errs, const struct field *fields,
		   size_t nfields)
{
	if (errs == NULL || errs->n == 0)
		return;
	HTML(h, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"errors\"><h2>");
	html_msg(h, MSG_FORM_ERRORS_TITLE);
	HTML(h, "</h2><ul>");
	/* In the order of the form, then any error of a field it does not list. */
	for (size_t f = 0; f < nfields; f++)
		for (int i = 0; i < errs->n; i++)
			if (strcmp(errs->items[i].field, fields[f].name) == 0)
				error_line(h, errs->items[i].field, fields[f].label, errs->items[i].msg);
	for (int i = 0; i < errs->n; i++) {
		size_t f = 0;
		while (f < nfields && strcmp(errs->items[i].field, fields[f].name) != 0)
			f++;
		if (f == nfields)
			error_line(h, errs->items[i].field, MSG__MAX, errs->items[i].msg);
	}
	HTML(h, "</ul></div>\n");
}

/* The hint and error lines, and the ids aria-describedby names. */
static void described_by(struct html *h, const char *name, int hint, int error)
{
	if (!hint && !error)
		return;
	HTML(h, " aria-describedby=\"");
	if (hint)
		HTMLF(h, "%s-hint", name);
	if (error)
		HTMLF(h, "%s%s-error", hint ? " " : "", name);
	HTML(h, "\"");
	if (error)
		HTML(h, " aria-invalid=\"true\"");
}

static void hint_and_error(struct html *h, const char *name, enum msg hint, enum msg error)
{
	if (hint != MSG__MAX) {
		HTMLF(h, "<p class=\"hint\" id=\"%s-hint\">", name);
		html_msg(h, hint);
		HTML(h, "</p>");
	}
	if (error != MSG__MAX) {
		HTMLF(h, "<p class=\"error\" id=\"%s-error\">", name);
		html_msg(h, error);
		HTML(h, "</p>");
	}
}

void widget_field(struct html *h, const struct field *f, const struct field_errors *errs)
{
	widget_field_id(h, f, f->name, errs);
}

void widget_field_id(struct html *h, const struct field *f, const char *id, const struct field_errors *errs)
{
	enum msg error = errs ? field_error_get(errs, f->name) : MSG__MAX;
	HTMLF(h, "<div class=\"field%s\"><label for=\"%s\">", error != MSG__MAX ? " invalid" : "", id);
	html_msg(h, f->label);
	if (!f->required) {
		HTML(h, " <span class=\"optional\">(");
		html_msg(h, MSG_FORM_OPTIONAL);
		HTML(h, ")</span>");
	}
	HTML(h, "</label>");
	hint_and_error(h, id, f->hint, error);
	if (f->kind == FIELD_TEXTAREA)
		HTMLF(h, "<textarea id=\"%s\" name=\"%s\" rows=\"6\"", id, f->name);
	else
		HTMLF(h, "<input id=\"%s\" name=\"%s\" type=\"%s\"", id, f->name, kind_types[f->kind]);
	if (f->autocomplete)
		HTMLF(h, " autocomplete=\"%s\"", f->autocomplete);
	if (f->required)
		HTML(h, " required");
	if (f->maxlength)
		HTMLF(h, " maxlength=\"%d\"", f->maxlength);
	described_by(h, id, f->hint != MSG__MAX, error != MSG__MAX);
	if (f->kind == FIELD_TEXTAREA) {
		HTML(h, ">");
		html_text(h, f->value);
		HTML(h, "</textarea></div>\n");
		return;
	}
	/* A password is never sent back to the browser. */
	if (f->value && f->kind != FIELD_PASSWORD) {
		HTML(h, " value=\"");
		html_text(h, f->value);
		HTML(h, "\"");
	}
	HTML(h, "></div>\n");
}

void widget_select(struct html *h, const char *name, enum msg label, const struct option *opts,
		   size_t n, const char *selected, const struct field_errors *errs)
{
	enum msg error = errs ? field_error_get(errs, name) : MSG__MAX;
	HTMLF(h, "<div class=\"field\"><label for=\"%s\">", name);
	html_msg(h, label);
	HTML(h, "</label>");
	hint_and_error(h, name, MSG__MAX, error);
	HTMLF(h, "<select id=\"%s\" name=\"%s\"", name, name);
	described_by(h, name, 0, error != MSG__MAX);
	HTML(h, ">");
	for (size_t i = 0; i < n; i++) {
		int sel = selected && opts[i].value && strcmp(selected, opts[i].value) == 0;
		HTMLF(h, "<option value=\"%s\"%s>%s</option>", opts[i].value, sel ? " selected" : "",
		      opts[i].label);
	}
	HTML(h, "</select></div>\n");
}

void widget_area_select(struct html *h, struct req *r, const struct term *areas, size_t n,
			enum msg none, int64_t selected, const struct field_errors *errs)
{
	struct option *opts = region_calloc(r->region, n + 1, sizeof *opts);
	opts[0].value = "";
	opts[0].label = msg_get(r->lang, none);
	for (size_t i = 0; i < n; i++) {
		opts[i + 1].value = region_printf(r->region, "%lld", (long long)areas[i].id);
		opts[i + 1].label = areas[i].name;
	}
	widget_select(h, "area", MSG_ORGANISATION_AREA, opts, n + 1,
		      region_printf(r->region, "%lld", (long long)selected), errs);
}

void widget_checkbox(struct html *h, const char *name, const char *value, enum msg label,
		     int checked, const struct field_errors *errs)
{
	enum msg error = errs ? field_error_get(errs, name) : MSG__MAX;
	/* The error above the box and its label, across the form's width,
	 * not squeezed into the row beside the box. */
	if (error != MSG__MAX) {
		HTML(h, "<div class=\"field invalid\">");
		hint_and_error(h, name, MSG__MAX, error);
	}
	HTMLF(h, "<div class=\"check\"><input type=\"checkbox\" id=\"%s\" name=\"%s\" value=\"%s\"%s", name,
	      name, value, checked ? " checked" : "");
	described_by(h, name, 0, error != MSG__MAX);
	HTMLF(h, "><label for=\"%s\">", name);
	html_msg(h, label);
	HTML(h, "</label></div>\n");
	if (error != MSG__MAX)
		HTML(h, "</div>\n");
}

void widget_filter_select(struct html *h, const char *name, enum msg label, const struct option *o,
			  size_t n, const char *selected)
{
	HTMLF(h, "<div class=\"field\"><label for=\"%s\">", name);
	html_msg(h, label);
	HTMLF(h, "</label><select id=\"%s\" name=\"%s\"><option value=\"\">", name, name);
	html_msg(h, MSG_FILTER_ALL);
	HTML(h, "</option>");
	for (size_t i = 0; i < n; i++) {
		int sel = selected && strcmp(selected, o[i].value) == 0;
		HTMLF(h, "<option value=\"%s\"%s>%s</option>", o[i].value, sel ? " selected" : "", o[i].label);
	}
	HTML(h, "</select></div>");
}

static void page_link(struct html *h, struct req *r, int64_t n)
{
	struct buf url = BUF_INIT(8192);
	query_page_url(&url, r, n);
	html_text(h, buf_str(&url));
	buf_free(&url);
}

void widget_paging(struct html *h, struct req *r, const struct paging *p)
{
	int64_t pages = paging_pages(p);
	if (pages <= 1)
		return;
	HTML(h, "<nav class=\"paging\" aria-label=\"");
	html_msg(h, MSG_PAGING_LABEL);
	HTML(h, "\"><ul>");
	if (p->page > 1) {
		HTML(h, "<li><a rel=\"prev\" href=\"");
		page_link(h, r, p->page - 1);
		HTML(h, "\">");
		html_msg(h, MSG_PAGING_PREVIOUS);
		HTML(h, "</a></li>");
	}
	char cur[24], total[24];
	snprintf(cur, sizeof cur, "%lld", (long long)p->page);
	snprintf(total, sizeof total, "%lld", (long long)pages);
	const char *args[] = { cur, total };
	HTML(h, "<li aria-current=\"page\">");
	html_msgv(h, MSG_PAGING_PAGE_OF, args, 2);
	HTML(h, "</li>");
	if (p->page < pages) {
		HTML(h, "<li><a rel=\"next\" href=\"");
		page_link(h, r, p->page + 1);
		HTML(h, "\">");
		html_msg(h, MSG_PAGING_NEXT);
		HTML(h, "</a></li>");
	}
	HTML(h, "</ul></nav>\n");
}

void widget_choices(struct html *h, const char *name, int multiple, enum msg legend, enum msg hint,
		    const struct option *opts, size_t n, const int *checked,
		    const struct field_errors *errs)
{
	enum msg error = errs ? field_error_get(errs, name) : MSG__MAX;
	HTMLF(h, "<fieldset id=\"%s\"", name);
	if (error != MSG__MAX)
		HTML(h, " class=\"invalid\"");
	if (hint != MSG__MAX || error != MSG__MAX) {
		HTML(h, " aria-describedby=\"");
		if (hint != MSG__MAX)
			HTMLF(h, "%s-hint", name);
		if (error != MSG__MAX)
			HTMLF(h, "%s%s-error", hint != MSG__MAX ? " " : "", name);
		HTML(h, "\"");
	}
	HTML(h, "><legend>");
	html_msg(h, legend);
	HTML(h, "</legend>");
	hint_and_error(h, name, hint, error);
	for (size_t i = 0; i < n; i++) {
		const char *id = *opts[i].value ? opts[i].value : "none";
		HTMLF(h, "<div class=\"check\"><input type=\"%s\" id=\"%s-%s\" name=\"%s\" "
			 "value=\"%s\"%s><label for=\"%s-%s\">%s</label></div>",
		      multiple ? "checkbox" : "radio", name, id, name, opts[i].value,
		      checked[i] ? " checked" : "", name, id, opts[i].label);
	}
	HTML(h, "</fieldset>\n");
}

int64_t widget_form_id(struct req *r, const char *key, struct field_errors *errs)
{
	const char *v = req_form(r, key);
	if (v == NULL || *v == '\0')
		return 0;
	char *end;
	long long id = strtoll(v, &end, 10);
	if (*end || id <= 0) {
		field_error_add(errs, key, MSG_FORM_CHOOSE_ONE);
		return 0;
	}
	return id;
}
