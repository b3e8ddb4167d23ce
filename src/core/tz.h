/*
 * tz.h: Danish local time (Europe/Copenhagen) without the process-wide
 * TZ variable: CET (UTC+1), and CEST (UTC+2) from the last Sunday of
 * March 01:00 UTC to the last Sunday of October 01:00 UTC, the EU rule in
 * force since 1996. Times are stored as UTC seconds and shown and entered
 * in local time.
 */
#ifndef SAMSKAB_CORE_TZ_H
#define SAMSKAB_CORE_TZ_H

#include <stddef.h>
#include <stdint.h>

struct tz_local {
	int year, month, day; /* month 1..12 */
	int hour, minute, second;
	int weekday;          /* 0 = Sunday */
	int offset;           /* seconds east of UTC: 3600 or 7200 */
};

/* UTC seconds -> local time. */
void tz_from_utc(int64_t utc, struct tz_local *out);
/* Local wall-clock time -> UTC seconds. A time that does not exist (the
 * spring-forward hour) is an error (-1); a time that happens twice (the
 * autumn hour) means its first occurrence. 0 on success. */
int tz_to_utc(int year, int month, int day, int hour, int minute, int64_t *utc);
/* Parses "YYYY-MM-DDTHH:MM" (an HTML datetime-local value) as local
 * time; 0, or -1 if malformed, out of range or nonexistent. */
int tz_parse_local(const char *s, int64_t *utc);
/* Formats as "YYYY-MM-DDTHH:MM" in local time (for datetime-local). */
void tz_format_local(int64_t utc, char out[32]);
/* ISO 8601 in local time with its offset: "2026-06-16T14:00:00+02:00". */
void tz_iso(int64_t utc, char out[32]);
/* Parses "YYYY-MM-DD" (a year from 1900; dates of birth come before
 * 1970) into *days since 1970-01-01, negative before it; 0 or -1. */
int tz_parse_date(const char *s, int64_t *days);
/* Parses a clock time "HH:MM" (also "H:MM", "HH.MM"; "24:00" for an
 * end) of n bytes into minutes after midnight; 0, or -1. */
int tz_parse_clock(const char *s, size_t n, int *minutes);
/* Days since 1970-01-01 for a civil date (proleptic Gregorian). */
int64_t tz_days_from_civil(int year, int month, int day);

#endif
