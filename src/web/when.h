/*
 * when.h: dates and times as people read them, in Danish local time
 * (Europe/Copenhagen) and the page's language ("tirsdag 16. juni 2026 kl.
 * 14.00"), inside <time datetime="..."> so machines read them too.
 */
#ifndef SAMSKAB_WEB_WHEN_H
#define SAMSKAB_WEB_WHEN_H

#include <stdint.h>

#include "core/region.h"
#include "web/html.h"

/* A date and time. */
void when_datetime(struct html *h, int64_t utc);
/* A start and end: the end's time only when on the same day. */
void when_range(struct html *h, int64_t start, int64_t end);
/* A calendar date given as YYYY-MM-DD. */
void when_date(struct html *h, const char *ymd);
/* Today in Copenhagen as YYYY-MM-DD, in region a: the date a form
 * suggests for what happens now. */
const char *when_today(struct region *a);
/* Midnight in Copenhagen at the start of a YYYY-MM-DD date (UTC
 * seconds), or fallback if the date cannot be read. */
int64_t when_date_start(const char *ymd, int64_t fallback);

#endif
