/*
 * ical.c: iCalendar content lines (see ical.h). A line is written in
 * units that must stay together (one character, or one escape such as
 * "\,"), and folded before the unit that would pass ICAL_FOLD octets, so
 * folding never splits a UTF-8 sequence or an escape.
 */
#include "web/ical.h"

#include <time.h>

/* The content line being written. */
struct line {
	struct buf *out;
	size_t col; /* octets on the current physical line */
};

static void put(struct line *l, const char *p, size_t n)
{
	if (l->col + n > ICAL_FOLD) {
		buf_put(l->out, "\r\n ", 3);
		l->col = 1;
	}
	buf_put(l->out, p, n);
	l->col += n;
}

/* Octets of the character at s: a lead byte with its continuation bytes
 * (at most four in all); a stray byte counts alone. */
static size_t char_len(const unsigned char *s)
{
	size_t n = 1;
	if (*s >= 0xC0)
		while (n < 4 && (s[n] & 0xC0) == 0x80)
			n++;
	return n;
}

/* RFC 5545's CONTROL: every C0 character but tab, and DEL. */
static int is_control(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

static void line_begin(struct line *l, struct buf *out, const char *name)
{
	l->out = out;
	l->col = 0;
	for (const char *p = name; *p; p++)
		put(l, p, 1);
	put(l, ":", 1);
}

static void line_end(struct line *l)
{
	buf_put(l->out, "\r\n", 2);
}

/* Writes s character by character; with text set, escaped as TEXT. */
static void put_value(struct line *l, const char *s, int text)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		if (text && (*p == '\\' || *p == ';' || *p == ',')) {
			char esc[2] = { '\\', (char)*p };
			put(l, esc, 2);
			p++;
		} else if (text && (*p == '\r' || *p == '\n')) {
			put(l, "\\n", 2);
			p += p[0] == '\r' && p[1] == '\n' ? 2 : 1;
		} else if (is_control(*p)) {
			p++;
		} else {
			size_t n = char_len(p);
			put(l, (const char *)p, n);
			p += n;
		}
	}
}

void ical_text_(struct buf *out, const char *name, const char *text)
{
	struct line l;
	line_begin(&l, out, name);
	put_value(&l, text, 1);
	line_end(&l);
}

void ical_value_(struct buf *out, const char *name, const char *value)
{
	struct line l;
	line_begin(&l, out, name);
	put_value(&l, value, 0);
	line_end(&l);
}

void ical_utc_(struct buf *out, const char *name, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char value[32];
	if (gmtime_r(&tt, &tm) == NULL || strftime(value, sizeof value, "%Y%m%dT%H%M%SZ", &tm) == 0)
		value[0] = '\0';
	ical_value_(out, name, value);
}
