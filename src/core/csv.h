/*
 * csv.h: a strict RFC 4180 CSV reader. Records end in CRLF or LF; fields are
 * separated by commas; a field that starts with a double quote runs to the
 * matching quote, may hold commas, line breaks and doubled quotes ("" for ").
 * Everything else is an error reported with its line number: a quote inside
 * an unquoted field, text after a closing quote, an unterminated quote, a
 * bare CR, invalid UTF-8 or a NUL byte, and a record whose field count
 * differs from the first record's. A UTF-8 byte order mark at the very
 * start is skipped (spreadsheets write one).
 *
 * The reader works on text already in memory (csv_init_mem) or pulls it
 * through a read callback in chunks (csv_init_read), so a file of any size
 * is parsed in bounded memory. Field pointers stay valid until the next
 * csv_next call. The reader never allocates per field.
 *
 * The writer (csv_put, csv_put_int, csv_end) appends records to a struct
 * buf that this reader reads back field for field: a field is quoted, its
 * quotes doubled, when it holds a comma, a quote, a CR or a LF.
 */
#ifndef SAMSKAB_CORE_CSV_H
#define SAMSKAB_CORE_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* Fills dst with up to n bytes; returns the count, 0 at end, -1 on error. */
typedef long (*csv_read_fn)(void *ctx, char *dst, size_t n);

struct csv_field {
	const char *s; /* not NUL-terminated */
	size_t len;
};

struct csv {
	/* The current record, after a csv_next that returned 1. */
	struct csv_field *field;
	size_t nfield;
	unsigned long line; /* physical line on which the record starts (1-based) */

	/* Private. */
	char *buf;          /* text window; owned unless memory-backed */
	size_t len, pos, cap;
	int eof, owned, bom_checked, unterminated, mapped;
	size_t given_back;  /* mapped: the bytes before this were given back */
	csv_read_fn read;
	void *ctx;
	unsigned long next_line;
	size_t width;       /* field count of the first record; 0 before it */
	size_t fcap;
	char *esc;          /* unescaped copies of quoted fields with "" in them */
	size_t esc_len, esc_cap;
	char err[160];
};

/* Largest record accepted, in bytes. */
#define CSV_MAX_RECORD ((size_t)64 << 20)

/* Reads the len bytes at data (not copied; must outlive the reader). */
void csv_init_mem(struct csv *c, const char *data, size_t len);
/* As csv_init_mem, for a file mapped into memory (mmap): the pages read
 * are given back (madvise) as the reader moves on, so that the mapping
 * of a large file does not stay in memory, and csv_window hands it out
 * a few MB at a time. */
void csv_init_map(struct csv *c, const char *data, size_t len);
/* Reads through fn(ctx, ...) in chunks. */
void csv_init_read(struct csv *c, csv_read_fn fn, void *ctx);
void csv_free(struct csv *c);
/* 1: a record is in c->field; 0: end of input; -1: error (csv_error). */
int csv_next(struct csv *c);
/* The last error, "line N: what". */
const char *csv_error(const struct csv *c);
/* Physical lines read so far. */
unsigned long csv_lines(const struct csv *c);
/* Field count of the first record (0 before it). */
size_t csv_width(const struct csv *c);
/* For a reader that starts inside a file, after its first record (the
 * header) of width fields: every record must have width fields, and no
 * byte order mark is looked for (only a file starts with one). */
void csv_continue(struct csv *c, size_t width);
/* 1 if the last error was the input ending inside a quoted field. */
int csv_unterminated(const struct csv *c);
/* 1 if field i of the current record equals the NUL-terminated s. */
int csv_eq(const struct csv *c, size_t i, const char *s);
/* For a caller that splits simple records itself (after the first
 * record, which sets the width): the unread text, reading more first when
 * fewer than want bytes are left and the input has more; *p and the
 * count (0 at the end), or -1 on a read error (csv_error). */
long csv_window(struct csv *c, const char **p, size_t want);
/* Takes the next n bytes of the window as read: lines whole records of
 * one line each, as csv_next would have read them (width fields, no
 * quote, CR, NUL or byte >= 0x80); c->line is the last one's. */
void csv_consume(struct csv *c, size_t n, unsigned long lines);
/* The line feeds in the len bytes at p. Text with n of them holds at
 * most n + 1 records (a record may span lines, never share one). */
size_t csv_line_feeds(const char *p, size_t len);
/* The same in mapped text (see csv_init_map), given back as it is read. */
size_t csv_map_line_feeds(const char *p, size_t len);

/* Appends s as the next field of the record being written in b: after a
 * comma unless it starts the record (b is empty or ends with the line
 * feed of the record before; a quoted field never ends in one). Each
 * returns 0, or -1 when b refused the append (its maximum). */
int csv_put(struct buf *b, const char *s);
int csv_put_int(struct buf *b, int64_t v);
/* Free text for spreadsheets: as csv_put, but a text that starts with
 * =, +, -, @, a tab or a carriage return gets an apostrophe in front, so
 * that a spreadsheet shows it instead of computing it (CSV injection).
 * Numbers written with csv_put_int are numbers and stay as they are. */
int csv_put_text(struct buf *b, const char *s);
/* Ends the record with a line feed. */
int csv_end(struct buf *b);
/* Ends the record with CR LF, as RFC 4180 has it (exports). */
int csv_end_crlf(struct buf *b);

#endif
