/*
 * datetext.h: dates and times as people read them, in Danish local time
 * and a language's words and order (the date.* catalogue keys): "tirsdag
 * 16. juni 2026 kl. 14.00". Plain text, for mail and for pages alike
 * (web/when.h wraps it in <time>).
 */
#ifndef SAMSKAB_CORE_DATETEXT_H
#define SAMSKAB_CORE_DATETEXT_H

#include <stdint.h>

#include "core/buf.h"
#include "core/i18n.h"
#include "core/tz.h"

/* "{weekday} {day}. {month} {year}", or without the weekday. */
void datetext_day(struct buf *b, const struct lang *l, const struct tz_local *t, int weekday);
/* "kl. 14.00" */
void datetext_time(struct buf *b, const struct lang *l, const struct tz_local *t);
/* The day with its weekday and the time of a UTC time. */
void datetext_datetime(struct buf *b, const struct lang *l, int64_t utc);

#endif
