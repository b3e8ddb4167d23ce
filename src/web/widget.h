/*
 * widget.h: form controls that every form uses, so they all behave the
 * same: a label for every control, hints and errors tied to it with
 * aria-describedby, errors beside the field and in a summary at the top
 * (linking to each field), what was typed kept, and the CSRF token.
 */
#ifndef SAMSKAB_WEB_WIDGET_H
#define SAMSKAB_WEB_WIDGET_H

#include "http/request.h"
#include "model/area.h"
#include "model/model.h"
#include "web/html.h"

enum field_kind { FIELD_TEXT, FIELD_EMAIL, FIELD_PASSWORD, FIELD_TEXTAREA, FIELD_URL, FIELD_NUMBER,
		  FIELD_DATETIME, FIELD_DATE };

struct field {
	const char *name;         /* form field name, also the id */
	enum msg label;
	enum field_kind kind;
	const char *value;        /* shown in the control; NULL for empty */
	const char *autocomplete; /* NULL for none */
	enum msg hint;            /* MSG__MAX for none */
	int required;
	int maxlength;            /* 0 for none */
};

/* <form method="post" action="..."> with the CSRF token. */
void widget_form_begin(struct html *h, struct req *r, const char *action);
/* The same for a form with a file input (multipart/form-data; its route
 * must have ROUTE_UPLOAD). */
void widget_form_begin_upload(struct html *h, struct req *r, const char *action);
void widget_form_end(struct html *h, enum msg submit);
/* The same, for what cannot be undone (deleting, removing): the button
 * looks unlike the ordinary "save" one. */
void widget_form_end_danger(struct html *h, enum msg submit);
/* The error summary, if there are errors: one link per field error,
 * labelled by the fields' labels. */
void widget_errors(struct html *h, const struct field_errors *errs, const struct field *fields,
		   size_t nfields);
void widget_field(struct html *h, const struct field *f, const struct field_errors *errs);
/* widget_field with its own id, for a field that is in several forms of
 * one page (the name is still f->name). */
void widget_field_id(struct html *h, const struct field *f, const char *id, const struct field_errors *errs);
/* A <select>: options are value/label pairs (labels plain text). */
struct option {
	const char *value;
	const char *label;
};
void widget_select(struct html *h, const char *name, enum msg label, const struct option *opts,
		   size_t n, const char *selected, const struct field_errors *errs);
/* A <select> of a filter form (GET): first "all" (value ""), then the
 * options; selected is a value, or NULL. */
void widget_filter_select(struct html *h, const char *name, enum msg label, const struct option *opts,
			  size_t n, const char *selected);
/* The local-area <select> named "area": first none (labelled so), then
 * every area; selected is an area id, or 0 for none. */
void widget_area_select(struct html *h, struct req *r, const struct term *areas, size_t n,
			enum msg none, int64_t selected, const struct field_errors *errs);
/* A single checkbox with its label after it. */
void widget_checkbox(struct html *h, const char *name, const char *value, enum msg label,
		     int checked, const struct field_errors *errs);
/* A group of checkboxes (multiple) or radio buttons in a fieldset with
 * its legend, hint (MSG__MAX: none) and error; checked[i] says which are
 * on. Ids are name-value. */
void widget_choices(struct html *h, const char *name, int multiple, enum msg legend, enum msg hint,
		    const struct option *opts, size_t n, const int *checked,
		    const struct field_errors *errs);
/* "Previous / page X of Y / Next" under a list; the links keep the
 * request's other query fields. Nothing when there is one page. */
void widget_paging(struct html *h, struct req *r, const struct paging *p);
/* The id chosen in a <select> named key (an area, an organisation): 0
 * when none is; a malformed one adds MSG_FORM_CHOOSE_ONE on key. */
int64_t widget_form_id(struct req *r, const char *key, struct field_errors *errs);

#endif
