/*
 * when.c: local dates and times in the page's language (see when.h). The
 * words and their order come from the catalogues (date.* keys).
 */
#include "web/when.h"

#include <stdio.h>

#include "core/tz.h"
#include "model/model.h"

static const enum msg weekdays[7] = { MSG_DATE_SUNDAY,	 MSG_DATE_MONDAY, MSG_DATE_TUESDAY,
				      MSG_DATE_WEDNESDAY, MSG_DATE_THURSDAY, MSG_DATE_FRIDAY,
				      MSG_DATE_SATURDAY };
static const enum msg months[12] = { MSG_DATE_JANUARY, MSG_DATE_FEBRUARY, MSG_DATE_MARCH,
				     MSG_DATE_APRIL,   MSG_DATE_MAY,	  MSG_DATE_JUNE,
				     MSG_DATE_JULY,    MSG_DATE_AUGUST,	  MSG_DATE_SEPTEMBER,
				     MSG_DATE_OCTOBER, MSG_DATE_NOVEMBER, MSG_DATE_DECEMBER };

/* n in decimal, at least width digits, into out (which has room). */
static const char *digits(char *out, size_t size, int n, int width)
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

/* The parts of "{weekday} {day}. {month} {year}" and "kl. {hour}.{minute}"
 * in the catalogue's words and order. */
struct when_parts {
	char day[8], year[8], hh[4], mm[4];
	const char *date[4], *time[2];
};

static void parts(struct when_parts *p, const struct lang *lang, const struct tz_local *l, int weekday)
{
	p->date[0] = weekday ? msg_get(lang, weekdays[l->weekday]) : "";
	p->date[1] = digits(p->day, sizeof p->day, l->day, 1);
	p->date[2] = msg_get(lang, months[l->month - 1]);
	p->date[3] = digits(p->year, sizeof p->year, l->year, 1);
	p->time[0] = digits(p->hh, sizeof p->hh, l->hour, 2);
	p->time[1] = digits(p->mm, sizeof p->mm, l->minute, 2);
}

static void day_text(struct html *h, const struct tz_local *l, int weekday)
{
	struct when_parts p;
	parts(&p, h->lang, l, weekday);
	html_msgv(h, weekday ? MSG_DATE_DAY_FORMAT : MSG_DATE_DATE_FORMAT, p.date, 4);
}

static void time_text(struct html *h, const struct tz_local *l)
{
	struct when_parts p;
	parts(&p, h->lang, l, 0);
	html_msgv(h, MSG_DATE_TIME_FORMAT, p.time, 2);
}

void when_plain(struct buf *out, const struct lang *lang, int64_t utc)
{
	struct tz_local l;
	struct when_parts p;
	tz_from_utc(utc, &l);
	parts(&p, lang, &l, 1);
	msg_format(out, lang, MSG_DATE_DAY_FORMAT, p.date, 4);
	buf_putc(out, ' ');
	msg_format(out, lang, MSG_DATE_TIME_FORMAT, p.time, 2);
}

static void time_open(struct html *h, const struct tz_local *l)
{
	char y[8], mo[4], d[4], hh[4], mi[4];
	HTMLF(h, "<time datetime=\"%s-%s-%sT%s:%s%s\">", digits(y, sizeof y, l->year, 4), digits(mo, sizeof mo, l->month, 2),
	      digits(d, sizeof d, l->day, 2), digits(hh, sizeof hh, l->hour, 2), digits(mi, sizeof mi, l->minute, 2),
	      l->offset == 7200 ? "+02:00" : "+01:00");
}

void when_datetime(struct html *h, int64_t utc)
{
	struct tz_local l;
	tz_from_utc(utc, &l);
	time_open(h, &l);
	day_text(h, &l, 1);
	HTML(h, " ");
	time_text(h, &l);
	HTML(h, "</time>");
}

void when_range(struct html *h, int64_t start, int64_t end)
{
	struct tz_local a, b;
	tz_from_utc(start, &a);
	tz_from_utc(end, &b);
	when_datetime(h, start);
	HTML(h, "–");
	if (a.year == b.year && a.month == b.month && a.day == b.day) {
		time_open(h, &b);
		time_text(h, &b);
		HTML(h, "</time>");
	} else {
		when_datetime(h, end);
	}
}

void when_date(struct html *h, const char *ymd)
{
	int64_t days;
	if (ymd == NULL || tz_parse_date(ymd, &days) != 0) {
		html_text(h, ymd);
		return;
	}
	struct tz_local l;
	tz_from_utc(days * 86400 + 12 * 3600, &l);
	HTMLF(h, "<time datetime=\"%s\">", ymd);
	day_text(h, &l, 0);
	HTML(h, "</time>");
}

const char *when_today(struct region *a)
{
	struct tz_local l;
	tz_from_utc(model_now(), &l);
	return region_printf(a, "%04d-%02d-%02d", l.year, l.month, l.day);
}

/* Denmark changes clocks at 01:00 UTC, so the offset at 00:00 UTC is the
 * one in force at local midnight. */
int64_t when_date_start(const char *ymd, int64_t fallback)
{
	int64_t days;
	if (tz_parse_date(ymd, &days) != 0)
		return fallback;
	struct tz_local l;
	tz_from_utc(days * 86400, &l);
	return days * 86400 - l.offset;
}
