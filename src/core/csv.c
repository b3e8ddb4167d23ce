/*
 * csv.c: the strict RFC 4180 reader (see csv.h). A record is parsed from
 * the start each time: if the window ends inside it, the reader pulls more
 * text and parses the record again, so no parser state spans a refill.
 * The writer is at the end.
 */
#include "core/csv.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/utf8.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define CSV_CHUNK ((size_t)1 << 20)

/* Bytes that end the fast scan of an unquoted field: 1 structural or
 * forbidden, 2 a byte of a multi-byte sequence (checked as UTF-8 later). */
static const unsigned char csv_class[256] = {
	[0] = 1, [','] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1, [0x80 ... 0xff] = 2,
};

static void csv_reset(struct csv *c)
{
	memset(c, 0, sizeof *c);
	c->next_line = 1;
}

void csv_init_mem(struct csv *c, const char *data, size_t len)
{
	csv_reset(c);
	c->buf = (char *)data; /* never written: owned == 0 */
	c->len = len;
	c->eof = 1;
}

void csv_init_map(struct csv *c, const char *data, size_t len)
{
	csv_init_mem(c, data, len);
	c->mapped = 1;
}

/* Mapped text is given back in steps of this many bytes. */
#define CSV_GIVE_BACK ((size_t)8 << 20)

/* Gives back the whole pages of mapped text in [from, to): only a hint,
 * the pages are read again from the file if touched. */
static void csv_unmap_pages(const char *from, const char *to)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t a = ((uintptr_t)from + page - 1) & ~(page - 1), b = (uintptr_t)to & ~(page - 1);
	if (b > a)
		(void)madvise((void *)a, b - a, MADV_DONTNEED);
}

/* Gives back the mapped text before the read position, in steps. */
static void csv_give_back(struct csv *c)
{
	if (!c->mapped || c->pos - c->given_back < CSV_GIVE_BACK)
		return;
	csv_unmap_pages(c->buf + c->given_back, c->buf + c->pos);
	c->given_back = c->pos;
}

void csv_init_read(struct csv *c, csv_read_fn fn, void *ctx)
{
	csv_reset(c);
	c->read = fn;
	c->ctx = ctx;
	c->owned = 1;
}

void csv_free(struct csv *c)
{
	if (c->owned)
		free(c->buf);
	free(c->field);
	free(c->esc);
	c->buf = NULL;
	c->field = NULL;
	c->esc = NULL;
}

const char *csv_error(const struct csv *c)
{
	return c->err;
}

unsigned long csv_lines(const struct csv *c)
{
	return c->next_line - 1;
}

size_t csv_width(const struct csv *c)
{
	return c->width;
}

void csv_continue(struct csv *c, size_t width)
{
	c->width = width;
	c->bom_checked = 1;
}

int csv_unterminated(const struct csv *c)
{
	return c->unterminated;
}

int csv_eq(const struct csv *c, size_t i, const char *s)
{
	size_t n = strlen(s);
	return i < c->nfield && c->field[i].len == n && memcmp(c->field[i].s, s, n) == 0;
}

__attribute__((format(printf, 3, 4))) static int csv_fail(struct csv *c, unsigned long line,
							   const char *fmt, ...)
{
	int n = snprintf(c->err, sizeof c->err, "line %lu: ", line);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->err + n, sizeof c->err - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

/* The first byte at or after p with a class (see csv_class), or end. Scans
 * 16 bytes at a time where SSE2 is there: this is the reader's hot loop. */
static const char *csv_scan(const char *p, const char *end)
{
#ifdef __SSE2__
	const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'),
		      cr = _mm_set1_epi8('\r'), quote = _mm_set1_epi8('"'), nul = _mm_setzero_si128();
	while (end - p >= 16) {
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b, comma), _mm_cmpeq_epi8(b, lf)),
					 _mm_or_si128(_mm_cmpeq_epi8(b, cr), _mm_cmpeq_epi8(b, quote)));
		/* movemask of b itself flags the bytes >= 0x80 */
		int hit = _mm_movemask_epi8(_mm_or_si128(m, _mm_cmpeq_epi8(b, nul))) |
			  _mm_movemask_epi8(b);
		if (hit)
			return p + __builtin_ctz((unsigned)hit);
		p += 16;
	}
#endif
	while (p < end && !csv_class[(unsigned char)*p])
		p++;
	return p;
}

/* Field offsets are kept relative (to the window, or to esc when marked by
 * the high bit) until the record is complete, since esc may move. */
#define CSV_IN_ESC ((size_t)1 << (sizeof(size_t) * 8 - 1))

static inline void csv_add(struct csv *c, size_t off, size_t len)
{
	if (__builtin_expect(c->nfield == c->fcap, 0)) {
		c->fcap = c->fcap ? c->fcap * 2 : 16;
		c->field = mem_realloc(c->field, c->fcap * sizeof *c->field);
	}
	c->field[c->nfield].s = (const char *)(uintptr_t)off;
	c->field[c->nfield].len = len;
	c->nfield++;
}

/* Copies the quoted content [s, e) with "" collapsed into esc; returns the
 * esc offset (marked). */
static size_t csv_unescape(struct csv *c, const char *s, const char *e, size_t *len)
{
	size_t need = c->esc_len + (size_t)(e - s);
	if (need > c->esc_cap) {
		c->esc_cap = need * 2;
		c->esc = mem_realloc(c->esc, c->esc_cap);
	}
	size_t start = c->esc_len;
	char *d = c->esc + start;
	while (s < e) {
		*d++ = *s;
		s += (*s == '"') ? 2 : 1;
	}
	*len = (size_t)(d - (c->esc + start));
	c->esc_len += *len;
	return start | CSV_IN_ESC;
}

/* Ends a parsed record: field offsets become pointers, and the reader
 * moves past the record's nl line breaks to p. */
static void csv_done(struct csv *c, const char *p, unsigned long nl)
{
	const char *base = c->buf;
	for (size_t i = 0; i < c->nfield; i++) {
		size_t off = (size_t)(uintptr_t)c->field[i].s;
		c->field[i].s = (off & CSV_IN_ESC) ? c->esc + (off & ~CSV_IN_ESC) : base + off;
	}
	c->pos = (size_t)(p - base);
	c->line = c->next_line;
	c->next_line += nl;
}

#ifdef __SSE2__
/*
 * The plain record, in one pass: a line of unquoted ASCII fields ending in
 * LF, found 16 bytes at a time, every comma and the LF by bit masks (no
 * call per field, no second look at a byte). 1: parsed; 0: anything else
 * (a quote, a CR, a NUL, a byte >= 0x80, or the window ends first), which
 * csv_parse then reads from the start of the record with every check.
 */
static int csv_parse_plain(struct csv *c)
{
	const char *base = c->buf, *field = c->buf + c->pos, *end = c->buf + c->len;
	const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'),
		      quote = _mm_set1_epi8('"'), nul = _mm_setzero_si128();
	c->nfield = 0;
	for (const char *q = field; end - q >= 16; q += 16) {
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)q);
		unsigned commas = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b, comma));
		unsigned lfs = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b, lf));
		unsigned odd = (unsigned)_mm_movemask_epi8(
				       _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b, cr), _mm_cmpeq_epi8(b, quote)),
						    _mm_cmpeq_epi8(b, nul))) |
			       (unsigned)_mm_movemask_epi8(b);
		/* The bytes of this record in the block: up to the first LF. */
		unsigned mine = lfs ? (lfs & -lfs) - 1 : 0xffff;
		if (odd & mine)
			return 0;
		for (commas &= mine; commas; commas &= commas - 1) {
			const char *at = q + __builtin_ctz(commas);
			csv_add(c, (size_t)(field - base), (size_t)(at - field));
			field = at + 1;
		}
		if (lfs) {
			const char *at = q + __builtin_ctz(lfs);
			csv_add(c, (size_t)(field - base), (size_t)(at - field));
			csv_done(c, at + 1, 1);
			return 1;
		}
	}
	return 0;
}
#endif

/* 1: record parsed; 0: need more text; -1: error. */
static int csv_parse(struct csv *c)
{
#ifdef __SSE2__
	if (csv_parse_plain(c))
		return 1;
#endif

	const char *base = c->buf, *p = c->buf + c->pos, *end = c->buf + c->len;
	unsigned long line = c->next_line, nl = 0;
	c->nfield = 0;
	c->esc_len = 0;
	for (;;) {
		if (p == end) {
			if (!c->eof)
				return 0;
			/* Input ends right after a comma: a final empty field. */
			csv_add(c, (size_t)(p - base), 0);
			break;
		}
		if (*p == '"') {
			const char *s = p + 1, *q = s;
			int doubled = 0;
			for (;;) {
				q = memchr(q, '"', (size_t)(end - q));
				if (q == NULL) {
					if (!c->eof)
						return 0;
					c->unterminated = 1;
					return csv_fail(c, line + nl, "unterminated quoted field");
				}
				if (q + 1 == end && !c->eof)
					return 0;
				if (q + 1 < end && q[1] == '"') {
					doubled = 1;
					q += 2;
					continue;
				}
				break;
			}
			if (!utf8_valid(s, (size_t)(q - s)))
				return csv_fail(c, line + nl, "invalid UTF-8 or NUL byte in a field");
			for (const char *t = s; (t = memchr(t, '\n', (size_t)(q - t))) != NULL; t++)
				nl++;
			if (doubled) {
				size_t len, off = csv_unescape(c, s, q, &len);
				csv_add(c, off, len);
			} else {
				csv_add(c, (size_t)(s - base), (size_t)(q - s));
			}
			p = q + 1;
			if (p < end && *p != ',' && *p != '\n' && *p != '\r')
				return csv_fail(c, line + nl, "text after the closing quote of a field");
		} else if (*p == ',') {
			/* An empty field before a comma: the common case of sparse
			 * files such as Pol.is's participants-votes.csv. */
			csv_add(c, (size_t)(p - base), 0);
			p++;
			continue;
		} else {
			const char *s = p;
			int wide = 0;
			for (;;) {
				p = csv_scan(p, end);
				if (p < end && csv_class[(unsigned char)*p] == 2) {
					wide = 1;
					p++;
					continue;
				}
				break;
			}
			if (p == end && !c->eof)
				return 0;
			if (p < end && *p == '"')
				return csv_fail(c, line + nl, "quote inside an unquoted field");
			if (p < end && *p == '\0')
				return csv_fail(c, line + nl, "NUL byte in a field");
			if (wide && !utf8_valid(s, (size_t)(p - s)))
				return csv_fail(c, line + nl, "invalid UTF-8 in a field");
			csv_add(c, (size_t)(s - base), (size_t)(p - s));
		}
		/* p is at a separator, a line end or the end of the input. */
		if (p == end) {
			if (!c->eof)
				return 0;
			break;
		}
		if (*p == ',') {
			p++;
			continue;
		}
		if (*p == '\r') {
			if (p + 1 == end && !c->eof)
				return 0;
			if (p + 1 == end || p[1] != '\n')
				return csv_fail(c, line + nl, "carriage return not followed by a line feed");
			p++;
		}
		p++; /* the LF */
		nl++;
		break;
	}
	csv_done(c, p, nl);
	return 1;
}

/* Moves the unread tail to the front and reads more; -1 on error. */
static int csv_fill(struct csv *c)
{
	size_t tail = c->len - c->pos;
	if (c->pos > 0) {
		memmove(c->buf, c->buf + c->pos, tail);
		c->len = tail;
		c->pos = 0;
	}
	if (c->cap - c->len < CSV_CHUNK) {
		if (c->len > CSV_MAX_RECORD)
			return csv_fail(c, c->next_line, "record longer than %zu bytes",
					(size_t)CSV_MAX_RECORD);
		c->cap = c->len + CSV_CHUNK * 4;
		c->buf = mem_realloc(c->buf, c->cap);
	}
	long n = c->read(c->ctx, c->buf + c->len, c->cap - c->len);
	if (n < 0)
		return csv_fail(c, c->next_line, "read error");
	if (n == 0)
		c->eof = 1;
	c->len += (size_t)n;
	return 0;
}

int csv_next(struct csv *c)
{
	for (;;) {
		if (!c->bom_checked && (c->len - c->pos >= 3 || c->eof)) {
			c->bom_checked = 1;
			if (c->len - c->pos >= 3 && memcmp(c->buf + c->pos, "\xef\xbb\xbf", 3) == 0)
				c->pos += 3;
		}
		if (c->bom_checked && c->pos == c->len && c->eof)
			return 0;
		int rc = c->bom_checked ? csv_parse(c) : 0;
		if (rc < 0)
			return -1;
		if (rc == 1) {
			csv_give_back(c);
			break;
		}
		if (csv_fill(c) < 0)
			return -1;
	}
	if (c->width == 0)
		c->width = c->nfield;
	else if (c->nfield != c->width)
		return csv_fail(c, c->line, "%zu field%s, expected %zu", c->nfield,
				c->nfield == 1 ? "" : "s", c->width);
	return 1;
}

long csv_window(struct csv *c, const char **p, size_t want)
{
	if (c->len - c->pos < want && !c->eof && c->bom_checked && csv_fill(c) < 0)
		return -1;
	csv_give_back(c);
	*p = c->buf + c->pos;
	size_t n = c->len - c->pos;
	return (long)(c->mapped && n > CSV_GIVE_BACK ? CSV_GIVE_BACK : n);
}

void csv_consume(struct csv *c, size_t n, unsigned long lines)
{
	c->pos += n;
	if (lines) {
		c->line = c->next_line + lines - 1;
		c->next_line += lines;
	}
}

size_t csv_line_feeds(const char *p, size_t len)
{
	size_t n = 0;
	const char *end = p + len;
#ifdef __SSE2__
	/* Each match subtracts -1 from its byte's counter; the counters are
	 * summed (psadbw) before one can pass 255. */
	const __m128i lf = _mm_set1_epi8('\n');
	while (end - p >= 16) {
		__m128i acc = _mm_setzero_si128();
		for (int i = 0; i < 255 && end - p >= 16; i++, p += 16)
			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(
							_mm_loadu_si128((const __m128i *)(const void *)p), lf));
		__m128i sum = _mm_sad_epu8(acc, _mm_setzero_si128());
		n += (size_t)_mm_cvtsi128_si32(sum) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
	}
#endif
	for (; p < end; p++)
		n += *p == '\n';
	return n;
}

size_t csv_map_line_feeds(const char *p, size_t len)
{
	size_t n = 0;
	for (size_t at = 0; at < len; at += CSV_GIVE_BACK) {
		size_t step = len - at < CSV_GIVE_BACK ? len - at : CSV_GIVE_BACK;
		n += csv_line_feeds(p + at, step);
		csv_unmap_pages(p + at, p + at + step);
	}
	return n;
}

static int csv_starts_record(const struct buf *b)
{
	return b->len == 0 || b->data[b->len - 1] == '\n';
}

/* The separator before a field, unless the field starts a record. */
static int csv_sep(struct buf *b)
{
	return csv_starts_record(b) ? 0 : buf_putc(b, ',');
}

int csv_put(struct buf *b, const char *s)
{
	/* An empty first field is quoted, so the next one is not taken for
	 * the start of a record; so is a first field that begins with a byte
	 * order mark, which the reader drops at the start of a file. */
	int quote = csv_starts_record(b) && (*s == '\0' || strncmp(s, "\xef\xbb\xbf", 3) == 0);
	if (csv_sep(b) < 0)
		return -1;
	if (!quote && s[strcspn(s, ",\"\r\n")] == '\0')
		return buf_puts(b, s);
	int rc = buf_putc(b, '"');
	for (const char *q; rc == 0 && (q = strchr(s, '"')) != NULL; s = q + 1)
		rc = buf_put(b, s, (size_t)(q - s + 1)) | buf_putc(b, '"');
	return rc | buf_puts(b, s) | buf_putc(b, '"');
}

int csv_put_int(struct buf *b, int64_t v)
{
	return csv_sep(b) < 0 ? -1 : buf_put_int(b, v);
}

int csv_put_text(struct buf *b, const char *s)
{
	if (s == NULL)
		s = "";
	if (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r') {
		struct buf safe = BUF_INIT(b->max);
		int rc = buf_putc(&safe, '\'') | buf_puts(&safe, s);
		rc = rc ? -1 : csv_put(b, buf_str(&safe));
		buf_free(&safe);
		return rc;
	}
	return csv_put(b, s);
}

int csv_end(struct buf *b)
{
	return buf_putc(b, '\n');
}

int csv_end_crlf(struct buf *b)
{
	return buf_puts(b, "\r\n");
}
