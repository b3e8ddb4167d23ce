/*
 * export.h: open data out of samskab, as CSV (RFC 4180: CRLF, quoted
 * where needed; free text made safe for spreadsheets, core/csv.h) or
 * JSON, streamed: the caller pulls the next bytes with export_read and
 * the export holds one batch of rows at a time, never the whole, so an
 * arena with ten million votes is written in the memory of a few rows.
 *
 * An arena's export: the arena, its statements with their current vote
 * counts, every vote cast (votes.csv, as Pol.is's: a changed vote is
 * there twice, the later counts), its activities with sign-up counts,
 * its proposals (the newest text, support and comment counts) with their
 * steps through the council, and, only when asked for with personal
 * data, who signed up with what they need. Participants are numbered in the export only, as
 * polis-export numbers them (0, 1, 2, ... for voters in the order of
 * their first vote, then authors who never voted): samskab's participant
 * id, one per person across all arenas, never leaves. The platform's
 * export: local areas, themes, organisations, stories and the arenas.
 * People are named in the personal table alone: a proposal's writers,
 * supporters and commenters are counted, not named.
 *
 * All of an export is read from one snapshot of the database: give it a
 * connection of its own (it begins a read transaction and keeps it to
 * the end). The queries are here, not in the files owning the tables,
 * because they serve exports alone; they only read.
 */
#ifndef SAMSKAB_MODEL_EXPORT_H
#define SAMSKAB_MODEL_EXPORT_H

#include "model/model.h"

enum export_format { EXPORT_CSV, EXPORT_JSON };

enum export_table {
	EXPORT_ALL,           /* JSON: every table of the arena (or the platform) in one document */
	EXPORT_STATEMENTS,    /* of an arena */
	EXPORT_VOTES,
	EXPORT_ACTIVITIES,
	EXPORT_PROPOSALS,     /* with their newest texts */
	EXPORT_STEPS,         /* the proposals' ways through the council */
	EXPORT_SIGNUPS,       /* personal data */
	EXPORT_AREAS,         /* of the platform */
	EXPORT_THEMES,
	EXPORT_ORGANISATIONS,
	EXPORT_STORIES,
	EXPORT_ARENAS,
	EXPORT_TABLE__MAX
};

struct export;

/* The file an export is written to ("votes.csv", "arena.json",
 * "platform.json"), or NULL when the table has no such form (a CSV of
 * everything). */
const char *export_file_name(enum export_table t, enum export_format f, int arena);
/* The table and format of a file name an arena (arena 1) or the platform
 * (0) has; -1 if it has none by that name. */
int export_parse_file(const char *name, int arena, enum export_table *t, enum export_format *f);
/* Whether the table holds personal data. */
int export_personal(enum export_table t);

/*
 * Starts an export of table t of arena arena_id (0: of the platform) on
 * db, which it uses alone until export_close. personal: sign-ups are
 * part of EXPORT_ALL (EXPORT_SIGNUPS needs it). MODEL_NOT_FOUND for an
 * arena that does not exist, MODEL_INVALID for a table and format that
 * do not go together.
 */
MODEL_MUST_USE enum model_rc export_open(struct store *db, int64_t arena_id, enum export_table t, enum export_format f,
			  int personal, struct export **out);
/* Copies up to max next bytes into dst: their number, 0 at the end, -1
 * on failure (export_error says why). */
long export_read(struct export *x, char *dst, size_t max);
const char *export_error(const struct export *x);
/* Rows written so far. */
int64_t export_rows(const struct export *x);
/* Ends the read transaction and frees the export (not the connection). */
void export_close(struct export *x);

#endif
