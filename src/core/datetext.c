/*
 * datetext.c: local dates and times in words (see datetext.h).
 */
#include "core/datetext.h"

static const enum msg weekdays[7] = { MSG_DATE_SUNDAY,	 MSG_DATE_MONDAY, MSG_DATE_TUESDAY,
				      MSG_DATE_WEDNESDAY, MSG_DATE_THURSDAY, MSG_DATE_FRIDAY,
				      MSG_DATE_SATURDAY };
static const enum msg months[12] = { MSG_DATE_JANUARY, MSG_DATE_FEBRUARY, MSG_DATE_MARCH,
				     MSG_DATE_APRIL,   MSG_DATE_MAY,	  MSG_DATE_JUNE,
				     MSG_DATE_JULY,    MSG_DATE_AUGUST,	  MSG_DATE_SEPTEMBER,
				     MSG_DATE_OCTOBER, MSG_DATE_NOVEMBER, MSG_DATE_DECEMBER };

const char *datetext_digits(char *out, size_t size, int n, int width)
{
	char *p = out + size - 1;
	*p = '\0';
	unsigned u = n < 0 ? 0u : (unsigned)n;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
		width--;
	} while ((u || width > 0) && p > out);
	return p;
}

void datetext_day(struct datetext *out, const struct lang *l, const struct tz_local *t, int weekday)
{
	out->m = weekday ? MSG_DATE_DAY_FORMAT : MSG_DATE_DATE_FORMAT;
	out->args[0] = weekday ? msg_get(l, weekdays[t->weekday]) : "";
	out->args[1] = datetext_digits(out->num[0], sizeof out->num[0], t->day, 1);
	out->args[2] = msg_get(l, months[t->month - 1]);
	out->args[3] = datetext_digits(out->num[1], sizeof out->num[1], t->year, 1);
	out->nargs = 4;
}

void datetext_time(struct datetext *out, const struct tz_local *t)
{
	out->m = MSG_DATE_TIME_FORMAT;
	out->args[0] = datetext_digits(out->num[0], sizeof out->num[0], t->hour, 2);
	out->args[1] = datetext_digits(out->num[1], sizeof out->num[1], t->minute, 2);
	out->nargs = 2;
}

void datetext_datetime(struct buf *b, const struct lang *l, int64_t utc)
{
	struct tz_local t;
	tz_from_utc(utc, &t);
	struct datetext d;
	datetext_day(&d, l, &t, 1);
	msg_format(b, l, d.m, d.args, d.nargs);
	buf_putc(b, ' ');
	datetext_time(&d, &t);
	msg_format(b, l, d.m, d.args, d.nargs);
}
