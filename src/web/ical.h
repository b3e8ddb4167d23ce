/*
 * ical.h: the one iCalendar (RFC 5545) writer every calendar feed goes
 * through. Each call writes one content line "NAME:value" ending in CRLF,
 * folded (CRLF and a space) so that no physical line passes 75 octets and
 * no UTF-8 sequence is split. As in html.h, names are literals only (the
 * "" s "" trick); a runtime string reaches the output either escaped as
 * TEXT or, for values the program composed (codes, URIs), with control
 * characters dropped, so user text can never start a line of its own.
 */
#ifndef SAMSKAB_WEB_ICAL_H
#define SAMSKAB_WEB_ICAL_H

#include <stdint.h>

#include "core/buf.h"

/* The longest physical line, in octets without the CRLF (RFC 5545 3.1). */
#define ICAL_FOLD 75

/* NAME:text, text escaped as a TEXT value: backslash, semicolon and comma
 * get a backslash, a line break (CRLF, LF or CR) becomes "\n", other
 * control characters but tab are dropped. NULL writes an empty value. */
#define ICAL_TEXT(out, name, text) ical_text_((out), "" name "", (text))
/* NAME:value as given (a code, a number, a URI), control characters
 * dropped. The name may carry parameters ("REFRESH-INTERVAL;VALUE=..."). */
#define ICAL_VALUE(out, name, value) ical_value_((out), "" name "", (value))
/* NAME:YYYYMMDDTHHMMSSZ, a DATE-TIME in UTC for Unix time t. */
#define ICAL_UTC(out, name, t) ical_utc_((out), "" name "", (t))

void ical_text_(struct buf *out, const char *name, const char *text);
void ical_value_(struct buf *out, const char *name, const char *value);
void ical_utc_(struct buf *out, const char *name, int64_t t);

#endif
