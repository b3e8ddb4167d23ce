/*
 * datetext.h: dates and times as people read them, in Danish local time
 * and a language's words and order (the date.* catalogue keys): "tirsdag
 * 16. juni 2026 kl. 14.00". The words come as a catalogue text and its
 * arguments, so that pages escape them as they write (web/when.c wraps
 * them in <time>) and mail takes them as plain text. Numbers are written
 * without printf (a page of fifty comments writes a hundred dates).
 */
#ifndef SAMSKAB_CORE_DATETEXT_H
#define SAMSKAB_CORE_DATETEXT_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/i18n.h"
#include "core/tz.h"

/* A catalogue text and its arguments; the numbers live in num. */
struct datetext {
	enum msg m;
	const char *args[4];
	int nargs;
	char num[2][8];
};

/* "{weekday} {day}. {month} {year}", or without the weekday. */
void datetext_day(struct datetext *out, const struct lang *l, const struct tz_local *t, int weekday);
/* "kl. 14.00" */
void datetext_time(struct datetext *out, const struct tz_local *t);
/* The day with its weekday and the time of a UTC time, as plain text. */
void datetext_datetime(struct buf *b, const struct lang *l, int64_t utc);
/* n (negative: 0) in decimal with at least width digits, written at the
 * end of out[size]; returns where it starts. */
const char *datetext_digits(char *out, size_t size, int n, int width);

#endif
