/*
 * when.c: local dates and times in the page's language (see when.h), in
 * the words of core/datetext.c.
 */
#include "web/when.h"

#include <stdio.h>

#include "core/datetext.h"
#include "core/tz.h"

/* The words of core/datetext.c, escaped. */
static void day_text(struct html *h, const struct tz_local *l, int weekday)
{
	struct buf b = BUF_INIT(256);
	datetext_day(&b, h->lang, l, weekday);
	html_text(h, buf_str(&b));
	buf_free(&b);
}

static void time_text(struct html *h, const struct tz_local *l)
{
	struct buf b = BUF_INIT(64);
	datetext_time(&b, h->lang, l);
	html_text(h, buf_str(&b));
	buf_free(&b);
}

static void time_open(struct html *h, const struct tz_local *l)
{
	HTMLF(h, "<time datetime=\"%04d-%02d-%02dT%02d:%02d%s\">", l->year, l->month, l->day, l->hour,
	      l->minute, l->offset == 7200 ? "+02:00" : "+01:00");
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
