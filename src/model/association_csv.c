/*
 * association_csv.c: the association list as CSV (see association_csv.h).
 * Each row is read into a struct association and saved through
 * association_save, so a row is held to exactly what the form holds it
 * to; the field names of the form are the column names, so an error the
 * model reports on a field is reported on the column of that name.
 */
#include "model/association_csv.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/csv.h"
#include "core/idmap.h"
#include "core/language.h"
#include "core/tz.h"
#include "model/area.h"
#include "model/association.h"

enum column {
	COL_NAME,
	COL_AREA,
	COL_CATEGORY,
	COL_LANGUAGES,
	COL_FEE_KR,
	COL_FEE_PER,
	COL_FRITIDSPAS,
	COL_AGE_MIN,
	COL_AGE_MAX,
	COL_STEP_FREE,
	COL_CONTACT_NAME,
	COL_CONTACT_EMAIL,
	COL_CONTACT_PHONE,
	COL_WEBSITE,
	COL_DESCRIPTION,
	COL_LANG,
	COL_MEETINGS,
	COL__MAX
};

/* In the order the export writes them; the form's field names. */
static const char *const column_names[COL__MAX] = {
	[COL_NAME] = "name",
	[COL_AREA] = "area",
	[COL_CATEGORY] = "category",
	[COL_LANGUAGES] = "languages",
	[COL_FEE_KR] = "fee_kr",
	[COL_FEE_PER] = "fee_per",
	[COL_FRITIDSPAS] = "fritidspas",
	[COL_AGE_MIN] = "age_min",
	[COL_AGE_MAX] = "age_max",
	[COL_STEP_FREE] = "step_free",
	[COL_CONTACT_NAME] = "contact_name",
	[COL_CONTACT_EMAIL] = "contact_email",
	[COL_CONTACT_PHONE] = "contact_phone",
	[COL_WEBSITE] = "website",
	[COL_DESCRIPTION] = "description",
	[COL_LANG] = "lang",
	[COL_MEETINGS] = "meetings",
};

/* Weekday names a spreadsheet may hold, by ISO weekday (1 = Monday). */
static const char *const day_names[][7] = {
	{ "mon", "tue", "wed", "thu", "fri", "sat", "sun" },
	{ "man", "tir", "ons", "tor", "fre", "lør", "søn" },
	{ "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag" },
	{ "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" },
};

#define EXPORT_PAGE 500

struct import {
	struct store *db;
	struct region *a;
	struct import_result *out;
	struct term *areas;
	size_t nareas;
	int col[COL__MAX]; /* field index of each column, -1 when absent */
	int64_t actor_id;
	struct idmap *seen; /* organisation id -> line, for names given twice */
};

static void import_error(struct import *im, unsigned long line, const char *column, enum msg m,
			 const char *value)
{
	struct import_result *out = im->out;
	if (out->nerrors == IMPORT_MAX_ERRORS) {
		out->more_errors++;
		return;
	}
	out->errors[out->nerrors++] = (struct import_error){ line, column, m, value };
}

/* Field col of the current record as a region string; NULL when the
 * file has no such column. */
static const char *field(struct import *im, const struct csv *c, enum column col)
{
	int i = im->col[col];
	if (i < 0 || (size_t)i >= c->nfield)
		return NULL;
	return region_strndup(im->a, c->field[i].s, c->field[i].len);
}

/* yes/no in Danish or English; 0 or 1, or -1. */
static int parse_bool(const char *s)
{
	static const char *const yes[] = { "yes", "ja", "1", "true", "y", "j", "x" };
	static const char *const no[] = { "no", "nej", "0", "false", "n", "" };
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	return -1;
}

/* A whole number in [lo, hi], or empty (-1); 0 or -1 when malformed. */
static int parse_optional(const char *s, long lo, long hi, int64_t *v)
{
	while (*s == ' ')
		s++;
	if (*s == '\0') {
		*v = -1;
		return 0;
	}
	char *end;
	long n = strtol(s, &end, 10);
	while (*end == ' ')
		end++;
	if (*end || end == s || n < lo || n > hi)
		return -1;
	*v = n;
	return 0;
}

static int parse_day(const char *s, size_t n)
{
	for (size_t k = 0; k < sizeof day_names / sizeof day_names[0]; k++)
		for (int d = 0; d < 7; d++)
			if (strlen(day_names[k][d]) == n && strncasecmp(s, day_names[k][d], n) == 0)
				return d + 1;
	return -1;
}

static const char *trimmed(struct region *a, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return region_strndup(a, s, n);
}

/* One meeting "DAY HH:MM-HH:MM | place | what" of n bytes; 0 or -1. */
static int parse_meeting(struct region *a, const char *s, size_t n, struct meeting *m)
{
	const char *end = s + n, *p = s;
	while (p < end && *p == ' ')
		p++;
	const char *day = p;
	while (p < end && *p != ' ')
		p++;
	if ((m->weekday = parse_day(day, (size_t)(p - day))) < 0)
		return -1;
	while (p < end && *p == ' ')
		p++;
	const char *from = p;
	while (p < end && *p != '-')
		p++;
	const char *to = p + 1, *bar = to;
	while (bar < end && *bar != '|')
		bar++;
	const char *tend = bar;
	while (tend > to && tend[-1] == ' ')
		tend--;
	if (p >= end || tz_parse_clock(from, (size_t)(p - from), &m->starts_min) != 0 ||
	    tz_parse_clock(to, (size_t)(tend - to), &m->ends_min) != 0)
		return -1;
	m->place = m->what = "";
	if (bar < end) {
		const char *bar2 = bar + 1;
		while (bar2 < end && *bar2 != '|')
			bar2++;
		m->place = trimmed(a, bar + 1, (size_t)(bar2 - bar - 1));
		if (bar2 < end)
			m->what = trimmed(a, bar2 + 1, (size_t)(end - bar2 - 1));
	}
	return 0;
}

/* The meetings column into x; 0, or -1 after an error. */
static int parse_meetings(struct import *im, unsigned long line, const char *s, struct association *x)
{
	size_t n = 0;
	for (const char *p = s; *p; p++)
		n += *p == ';' || *p == '\n';
	struct meeting *m = region_calloc(im->a, n + 1, sizeof *m);
	x->meetings = m;
	x->nmeetings = 0;
	for (const char *p = s; *p;) {
		size_t len = strcspn(p, ";\r\n");
		const char *t = p;
		size_t k = len;
		while (k && (*t == ' ' || *t == '\t')) {
			t++;
			k--;
		}
		if (k) {
			if (parse_meeting(im->a, t, k, &m[x->nmeetings]) != 0) {
				import_error(im, line, column_names[COL_MEETINGS], MSG_IMPORT_BAD_MEETING,
					     region_strndup(im->a, t, k));
				return -1;
			}
			x->nmeetings++;
		}
		p += len;
		p += strspn(p, ";\r\n");
	}
	return 0;
}

/* No control characters but tab and line breaks (the form's rule). */
static int text_ok(const struct csv *c)
{
	for (size_t i = 0; i < c->nfield; i++)
		for (size_t k = 0; k < c->field[i].len; k++) {
			unsigned char b = (unsigned char)c->field[i].s[k];
			if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7f)
				return 0;
		}
	return 1;
}

/* The header: which column is where. 0, or -1 after errors. */
static int read_header(struct import *im, const struct csv *c)
{
	int bad = 0;
	for (int k = 0; k < COL__MAX; k++)
		im->col[k] = -1;
	for (size_t i = 0; i < c->nfield; i++) {
		const char *name = trimmed(im->a, c->field[i].s, c->field[i].len);
		int k;
		for (k = 0; k < COL__MAX && strcmp(name, column_names[k]) != 0; k++)
			;
		if (k == COL__MAX || im->col[k] >= 0) {
			import_error(im, c->line, NULL, k == COL__MAX ? MSG_IMPORT_UNKNOWN_COLUMN
								  : MSG_IMPORT_COLUMN_TWICE, name);
			bad = 1;
		} else {
			im->col[k] = (int)i;
		}
	}
	if (im->col[COL_NAME] < 0) {
		import_error(im, c->line, NULL, MSG_IMPORT_NO_NAME_COLUMN, NULL);
		bad = 1;
	}
	return bad ? -1 : 0;
}

/* The area named s (0 for ""); -1 if there is none. */
static int64_t area_named(const struct import *im, const char *s)
{
	if (*s == '\0')
		return 0;
	for (size_t i = 0; i < im->nareas; i++)
		if (strcmp(im->areas[i].name, s) == 0)
			return im->areas[i].id;
	return -1;
}

/* Fills x from the record's fields over what it had; 0, or -1 after
 * errors (recorded). */
static int read_row(struct import *im, const struct csv *c, struct association *x)
{
	unsigned long line = c->line;
	int bad = 0;
	const char *v;
	int64_t n;
	if ((v = field(im, c, COL_AREA)) != NULL) {
		int64_t area = area_named(im, trimmed(im->a, v, strlen(v)));
		if (area < 0) {
			import_error(im, line, column_names[COL_AREA], MSG_IMPORT_UNKNOWN_AREA, v);
			bad = 1;
		}
		x->org.area_id = area;
	}
	if ((v = field(im, c, COL_CATEGORY)) != NULL) {
		int k = vocab_parse(&vocab_categories, v);
		if (k < 0) {
			import_error(im, line, column_names[COL_CATEGORY], MSG_IMPORT_BAD_CHOICE, v);
			bad = 1;
		}
		x->category = k < 0 ? CATEGORY_OTHER : (enum category)k;
	}
	if ((v = field(im, c, COL_FEE_PER)) != NULL) {
		int k = *v ? vocab_parse(&vocab_fee_pers, v) : FEE_YEAR;
		if (k < 0) {
			import_error(im, line, column_names[COL_FEE_PER], MSG_IMPORT_BAD_CHOICE, v);
			bad = 1;
		}
		x->fee_per = k < 0 ? FEE_YEAR : (enum fee_per)k;
	}
	static const enum column flags[] = { COL_FRITIDSPAS, COL_STEP_FREE };
	for (size_t i = 0; i < 2; i++) {
		if ((v = field(im, c, flags[i])) == NULL)
			continue;
		int b = parse_bool(v);
		if (b < 0) {
			import_error(im, line, column_names[flags[i]], MSG_IMPORT_BAD_YES_NO, v);
			bad = 1;
		}
		*(flags[i] == COL_FRITIDSPAS ? &x->fritidspas : &x->step_free) = b > 0;
	}
	static const enum column numbers[] = { COL_FEE_KR, COL_AGE_MIN, COL_AGE_MAX };
	static const enum msg number_msgs[] = { MSG_FORM_BAD_FEE, MSG_FORM_BAD_AGE, MSG_FORM_BAD_AGE };
	for (size_t i = 0; i < 3; i++) {
		if ((v = field(im, c, numbers[i])) == NULL)
			continue;
		if (parse_optional(v, 0, i == 0 ? 100000 : 120, &n) != 0) {
			import_error(im, line, column_names[numbers[i]], number_msgs[i], v);
			bad = 1;
			continue;
		}
		if (numbers[i] == COL_FEE_KR)
			x->fee_kr = n;
		else
			*(numbers[i] == COL_AGE_MIN ? &x->age_min : &x->age_max) = (int)n;
	}
	if ((v = field(im, c, COL_LANG)) != NULL) {
		if (*v && language_find(v) == NULL) {
			import_error(im, line, column_names[COL_LANG], MSG_IMPORT_BAD_CHOICE, v);
			bad = 1;
		}
		x->org.lang = *v ? v : "da";
	}
	if ((v = field(im, c, COL_LANGUAGES)) != NULL)
		x->languages = v;
	if ((v = field(im, c, COL_CONTACT_NAME)) != NULL)
		x->contact_name = v;
	if ((v = field(im, c, COL_CONTACT_EMAIL)) != NULL)
		x->contact_email = v;
	if ((v = field(im, c, COL_CONTACT_PHONE)) != NULL)
		x->contact_phone = v;
	if ((v = field(im, c, COL_WEBSITE)) != NULL)
		x->org.website = v;
	if ((v = field(im, c, COL_DESCRIPTION)) != NULL)
		x->org.description = v;
	if ((v = field(im, c, COL_MEETINGS)) != NULL && parse_meetings(im, line, v, x) != 0)
		bad = 1;
	return bad ? -1 : 0;
}

/* Whether an error on line and column is recorded already. */
static int already(const struct import *im, unsigned long line, const char *column)
{
	for (size_t i = 0; i < im->out->nerrors; i++)
		if (im->out->errors[i].line == line && im->out->errors[i].column &&
		    column && strcmp(im->out->errors[i].column, column) == 0)
			return 1;
	return 0;
}

/* The column an error on a form field belongs to. */
static const char *column_of(const char *field_name)
{
	for (int k = 0; k < COL__MAX; k++)
		if (strcmp(field_name, column_names[k]) == 0)
			return column_names[k];
	return field_name[0] == 'm' ? column_names[COL_MEETINGS] : NULL;
}

/* One data record: read over the association of that name (or a new
 * one) and saved. MODEL_OK, MODEL_INVALID after errors, or the store's. */
static enum model_rc import_row(struct import *im, const struct csv *c)
{
	unsigned long line = c->line;
	const char *name = field(im, c, COL_NAME);
	name = trimmed(im->a, name, strlen(name));
	if (!text_ok(c)) {
		import_error(im, line, NULL, MSG_IMPORT_BAD_TEXT, NULL);
		return MODEL_INVALID;
	}
	struct association x = {
		.org = { .name = name, .sector = SECTOR_VOLUNTARY, .description = "", .lang = "da" },
		.category = CATEGORY_OTHER, .languages = "da", .fee_kr = -1, .fee_per = FEE_YEAR,
		.age_min = -1, .age_max = -1, .contact_name = "", .contact_email = "",
		.contact_phone = "",
	};
	int64_t id = 0;
	enum model_rc rc = *name ? organisation_find_name(im->db, name, &id) : MODEL_NOT_FOUND;
	if (rc == MODEL_OK) {
		uint32_t before = idmap_get(im->seen, id);
		if (before != IDMAP_NONE) {
			char *at = region_printf(im->a, "%u", before);
			import_error(im, line, column_names[COL_NAME], MSG_IMPORT_NAME_TWICE, at);
			return MODEL_INVALID;
		}
		rc = association_get(im->db, im->a, id, &x);
		if (rc == MODEL_NOT_FOUND) {
			/* An organisation that is not yet an association. */
			rc = organisation_get(im->db, im->a, id, &x.org);
		}
	} else if (rc == MODEL_NOT_FOUND) {
		rc = MODEL_OK;
	}
	if (rc != MODEL_OK)
		return rc;
	struct field_errors errs = { .n = 0 };
	int64_t saved = 0;
	if (read_row(im, c, &x) != 0) {
		/* What the form would also say of the row, written nowhere;
		 * the columns read_row refused keep their own error. */
		char langs[LANGUAGE_SET_MAX];
		rc = association_check(im->db, &x, langs, sizeof langs, &errs);
		for (int i = 0; i < errs.n; i++)
			if (already(im, line, column_of(errs.items[i].field)))
				errs.items[i--] = errs.items[--errs.n];
		if (rc != MODEL_OK && rc != MODEL_INVALID)
			return rc;
		rc = MODEL_INVALID;
	} else {
		rc = association_save(im->db, &x, im->actor_id, &saved, &errs);
	}
	if (rc == MODEL_INVALID || rc == MODEL_CONFLICT) {
		for (int i = 0; i < errs.n; i++) {
			const char *col = column_of(errs.items[i].field);
			int k = -1;
			for (int j = 0; col && j < COL__MAX; j++)
				if (column_names[j] == col)
					k = j;
			import_error(im, line, col, errs.items[i].msg, k >= 0 ? field(im, c, (enum column)k) : NULL);
		}
		return MODEL_INVALID;
	}
	if (rc != MODEL_OK)
		return rc;
	idmap_put(im->seen, saved, (uint32_t)line);
	if (id)
		im->out->updated++;
	else
		im->out->created++;
	return MODEL_OK;
}

enum model_rc association_import(struct store *db, struct region *a, const char *data, size_t len,
				 int64_t actor_id, struct import_result *out)
{
	memset(out, 0, sizeof *out);
	out->errors = region_calloc(a, IMPORT_MAX_ERRORS, sizeof *out->errors);
	struct import im = { .db = db, .a = a, .out = out, .actor_id = actor_id };
	enum model_rc rc = area_list(db, a, &im.areas, &im.nareas);
	if (rc != MODEL_OK)
		return rc;
	struct csv c;
	csv_init_mem(&c, data, len);
	im.seen = idmap_new();
	int got = csv_next(&c);
	if (got == 0)
		import_error(&im, 1, NULL, MSG_IMPORT_EMPTY, NULL);
	else if (got > 0 && read_header(&im, &c) == 0) {
		while (rc == MODEL_OK || rc == MODEL_INVALID) {
			if ((got = csv_next(&c)) <= 0)
				break;
			out->rows++;
			enum model_rc row = import_row(&im, &c);
			if (row != MODEL_OK && row != MODEL_INVALID)
				rc = row; /* the database: stop */
		}
	}
	if (got < 0) {
		/* "line N: what": the reader's own words after the line. */
		const char *e = csv_error(&c), *what = strstr(e, ": ");
		import_error(&im, strtoul(e + 5, NULL, 10), NULL, MSG_IMPORT_BAD_CSV,
			     region_strdup(a, what ? what + 2 : e));
	}
	csv_free(&c);
	idmap_free(im.seen);
	if (rc != MODEL_OK && rc != MODEL_INVALID)
		return rc;
	return out->nerrors ? MODEL_INVALID : MODEL_OK;
}

/* The meetings as the import reads them. */
static int put_meetings(struct buf *b, const struct association *x)
{
	struct buf m = BUF_INIT(8192);
	for (size_t i = 0; i < x->nmeetings; i++) {
		const struct meeting *t = &x->meetings[i];
		buf_printf(&m, "%s%s %02d:%02d-%02d:%02d", i ? "; " : "", day_names[0][t->weekday - 1],
			   t->starts_min / 60, t->starts_min % 60, t->ends_min / 60, t->ends_min % 60);
		if (*t->place || *t->what)
			buf_printf(&m, " | %s", t->place);
		if (*t->what)
			buf_printf(&m, " | %s", t->what);
	}
	int rc = m.overflow ? -1 : csv_put(b, buf_str(&m));
	buf_free(&m);
	return rc;
}

static int put_optional(struct buf *b, int64_t v)
{
	return v < 0 ? csv_put(b, "") : csv_put_int(b, v);
}

enum model_rc association_export(struct store *db, struct buf *out)
{
	for (int k = 0; k < COL__MAX; k++)
		csv_put(out, column_names[k]);
	csv_end(out);
	struct association_filter f = ASSOCIATION_FILTER_ALL;
	struct paging p = { 1, EXPORT_PAGE, 0 };
	for (;; p.page++) {
		struct region *a = region_new();
		struct association *items;
		size_t n;
		enum model_rc rc = association_list(db, a, &f, &p, &items, &n);
		for (size_t i = 0; rc == MODEL_OK && i < n; i++) {
			const struct association *x = &items[i];
			csv_put(out, x->org.name);
			csv_put(out, x->org.area_name ? x->org.area_name : "");
			csv_put(out, vocab_code(&vocab_categories, x->category));
			csv_put(out, x->languages);
			put_optional(out, x->fee_kr);
			csv_put(out, vocab_code(&vocab_fee_pers, x->fee_per));
			csv_put(out, x->fritidspas ? "yes" : "no");
			put_optional(out, x->age_min);
			put_optional(out, x->age_max);
			csv_put(out, x->step_free ? "yes" : "no");
			csv_put(out, x->contact_name);
			csv_put(out, x->contact_email);
			csv_put(out, x->contact_phone);
			csv_put(out, x->org.website ? x->org.website : "");
			csv_put(out, x->org.description);
			csv_put(out, x->org.lang);
			put_meetings(out, x);
			csv_end(out);
		}
		region_free(a);
		if (rc != MODEL_OK)
			return rc;
		if (out->overflow)
			return MODEL_ERROR;
		if ((int64_t)p.page >= paging_pages(&p))
			return MODEL_OK;
	}
}
