/*
 * tz.c: Europe/Copenhagen local time (see tz.h). The civil-date
 * arithmetic is Howard Hinnant's days_from_civil / civil_from_days.
 */
#include "core/tz.h"

#include <stdio.h>
#include <string.h>

int64_t tz_days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* UTC seconds of 01:00 UTC on the last Sunday of month in year. */
static int64_t last_sunday_0100(int year, int month)
{
	const int last = 31; /* March and October both end on the 31st */
	int64_t days = tz_days_from_civil(year, month, last);
	int weekday = (int)((days + 4) % 7); /* 1970-01-01 was a Thursday */
	if (weekday < 0)
		weekday += 7;
	return (days - weekday) * 86400 + 3600;
}

static int summer(int64_t utc, int year)
{
	return utc >= last_sunday_0100(year, 3) && utc < last_sunday_0100(year, 10);
}

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

void tz_from_utc(int64_t utc, struct tz_local *out)
{
	int y, m, d;
	civil_from_days(floor_div(utc, 86400), &y, &m, &d);
	out->offset = summer(utc, y) ? 7200 : 3600;
	int64_t local = utc + out->offset;
	int64_t days = floor_div(local, 86400), secs = local - days * 86400;
	civil_from_days(days, &out->year, &out->month, &out->day);
	out->hour = (int)(secs / 3600);
	out->minute = (int)(secs / 60 % 60);
	out->second = (int)(secs % 60);
	out->weekday = (int)(((days + 4) % 7 + 7) % 7);
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int tz_to_utc(int year, int month, int day, int hour, int minute, int64_t *utc)
{
	if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 ||
	    day > days_in_month(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59)
		return -1;
	int64_t wall = tz_days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60;
	/* Keep the offset that maps back to the same wall time. In the autumn
	 * hour both do; summer time, tried first, is the first occurrence. */
	for (int offset = 7200; offset >= 3600; offset -= 3600) {
		int64_t candidate = wall - offset;
		struct tz_local l;
		tz_from_utc(candidate, &l);
		if (l.offset == offset) {
			*utc = candidate;
			return 0;
		}
	}
	return -1; /* the hour skipped in spring */
}

int tz_parse_local(const char *s, int64_t *utc)
{
	int y, mo, d, h, mi;
	char tail;
	if (s == NULL || strlen(s) != 16 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
	    sscanf(s, "%4d-%2d-%2dT%2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) != 5)
		return -1;
	return tz_to_utc(y, mo, d, h, mi, utc);
}

void tz_format_local(int64_t utc, char out[32])
{
	struct tz_local l;
	tz_from_utc(utc, &l);
	snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d", l.year, l.month, l.day, l.hour, l.minute);
}

int tz_parse_date(const char *s, int64_t *days)
{
	int y, m, d;
	char tail;
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || y < 1900 || m < 1 || m > 12 || d < 1 ||
	    d > days_in_month(y, m))
		return -1;
	*days = tz_days_from_civil(y, m, d);
	return 0;
}

int tz_parse_clock(const char *s, size_t n, int *minutes)
{
	size_t i = 0;
	int h = 0, digits = 0;
	while (i < n && s[i] >= '0' && s[i] <= '9' && digits < 2) {
		h = h * 10 + (s[i++] - '0');
		digits++;
	}
	if (digits == 0 || i >= n || (s[i] != ':' && s[i] != '.'))
		return -1;
	i++;
	if (n - i != 2 || s[i] < '0' || s[i] > '5' || s[i + 1] < '0' || s[i + 1] > '9')
		return -1;
	int m = (s[i] - '0') * 10 + (s[i + 1] - '0');
	if (h > 24 || (h == 24 && m != 0))
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

void tz_iso(int64_t utc, char out[32])
{
	struct tz_local l;
	tz_from_utc(utc, &l);
	snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d%s", l.year % 10000, l.month, l.day, l.hour, l.minute,
		 l.second, l.offset == 7200 ? "+02:00" : "+01:00");
}
