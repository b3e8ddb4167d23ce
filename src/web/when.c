/*
 * when.c: local dates and times in the page's language (see when.h), in
 * the words of core/datetext.c.
 */
#include "web/when.h"

#include <stdio.h>

#include "core/datetext.h"
#include "core/tz.h"
#include "model/model.h"

/* "{weekday} {day}. {month} {year}" in the catalogue's order. */
static void day_text(struct html *h, const struct tz_local *l, int weekday)
{
	struct datetext d;
	datetext_day(&d, h->lang, l, weekday);
	html_msgv(h, d.m, d.args, d.nargs);
}

static void time_text(struct html *h, const struct tz_local *l)
{
	struct datetext d;
	datetext_time(&d, l);
	html_msgv(h, d.m, d.args, d.nargs);
}

static void time_open(struct html *h, const struct tz_local *l)
{
	char y[8], mo[4], d[4], hh[4], mi[4];
	HTMLF(h, "<time datetime=\"%s-%s-%sT%s:%s%s\">", datetext_digits(y, sizeof y, l->year, 4),
	      datetext_digits(mo, sizeof mo, l->month, 2), datetext_digits(d, sizeof d, l->day, 2),
	      datetext_digits(hh, sizeof hh, l->hour, 2), datetext_digits(mi, sizeof mi, l->minute, 2),
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
