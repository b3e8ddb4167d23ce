/*
 * association_csv.h: the association list as CSV (RFC 4180, UTF-8), the
 * form in which a municipality keeps it in a spreadsheet: export, and an
 * import that loads all of a file or nothing.
 *
 * The first record names the columns, in any order: name (required),
 * area (an area's name; empty for none), category, languages (codes,
 * "da ar"), fee_kr (whole kroner; empty: not stated), fee_per, fritidspas,
 * age_min, age_max, step_free (yes/no, ja/nej, 1/0), contact_name,
 * contact_email, contact_phone, website, description (Markdown), lang
 * (the language the description is written in) and meetings: weekly
 * meetings separated by ";" or line breaks, each "DAY HH:MM-HH:MM |
 * place | what" (DAY: mon..sun, or Danish man..søn or mandag..søndag;
 * place and what may be left out).
 *
 * A row whose name is an organisation's updates it (and makes it an
 * association); other rows create one (voluntary sector). Columns left
 * out of the file keep what an existing association has. Every row is
 * checked as the association form checks it; any error anywhere makes
 * the import refuse the whole file, with every error's line and column.
 */
#ifndef SAMSKAB_MODEL_ASSOCIATION_CSV_H
#define SAMSKAB_MODEL_ASSOCIATION_CSV_H

#include "core/buf.h"
#include "model/model.h"

#define IMPORT_MAX_ERRORS 100

struct import_error {
	unsigned long line;  /* physical line where the record starts */
	const char *column;  /* NULL: the record as a whole */
	enum msg msg;
	const char *value;   /* what was found (plain text), or NULL */
};

struct import_result {
	size_t rows, created, updated;
	struct import_error *errors;
	size_t nerrors;      /* at most IMPORT_MAX_ERRORS kept */
	size_t more_errors;  /* found beyond those */
};

/*
 * Imports the len bytes at data in the caller's transaction. MODEL_OK
 * with out's counts; MODEL_INVALID with out's errors, and the caller
 * must roll back (rows before the first error were written); or the
 * store's code.
 */
MODEL_MUST_USE enum model_rc association_import(struct store *db, struct region *a, const char *data,
						size_t len, int64_t actor_id, struct import_result *out);
/* Every association, by name, as CSV with a header, into out (which
 * has a maximum: MODEL_ERROR if it overflows). Includes the contact
 * e-mails and phones: for staff only. */
MODEL_MUST_USE enum model_rc association_export(struct store *db, struct buf *out);

#endif
