/*
 * datetext.c: local dates and times in words (see datetext.h).
 */
#include "core/datetext.h"

#include <stdio.h>

static const enum msg weekdays[7] = { MSG_DATE_SUNDAY,	 MSG_DATE_MONDAY, MSG_DATE_TUESDAY,
				      MSG_DATE_WEDNESDAY, MSG_DATE_THURSDAY, MSG_DATE_FRIDAY,
				      MSG_DATE_SATURDAY };
static const enum msg months[12] = { MSG_DATE_JANUARY, MSG_DATE_FEBRUARY, MSG_DATE_MARCH,
				     MSG_DATE_APRIL,   MSG_DATE_MAY,	  MSG_DATE_JUNE,
				     MSG_DATE_JULY,    MSG_DATE_AUGUST,	  MSG_DATE_SEPTEMBER,
				     MSG_DATE_OCTOBER, MSG_DATE_NOVEMBER, MSG_DATE_DECEMBER };

static void put(void *ctx, const char *s, size_t n, int is_arg)
{
	(void)is_arg;
	buf_put(ctx, s, n);
}

void datetext_day(struct buf *b, const struct lang *l, const struct tz_local *t, int weekday)
{
	char day[8], year[8];
	snprintf(day, sizeof day, "%d", t->day);
	snprintf(year, sizeof year, "%d", t->year);
	const char *args[] = { weekday ? msg_get(l, weekdays[t->weekday]) : "", day,
			       msg_get(l, months[t->month - 1]), year };
	msg_expand(l, weekday ? MSG_DATE_DAY_FORMAT : MSG_DATE_DATE_FORMAT, args, 4, put, b);
}

void datetext_time(struct buf *b, const struct lang *l, const struct tz_local *t)
{
	char hh[4], mm[4];
	snprintf(hh, sizeof hh, "%02d", t->hour);
	snprintf(mm, sizeof mm, "%02d", t->minute);
	const char *args[] = { hh, mm };
	msg_expand(l, MSG_DATE_TIME_FORMAT, args, 2, put, b);
}

void datetext_datetime(struct buf *b, const struct lang *l, int64_t utc)
{
	struct tz_local t;
	tz_from_utc(utc, &t);
	datetext_day(b, l, &t, 1);
	buf_putc(b, ' ');
	datetext_time(b, l, &t);
}
