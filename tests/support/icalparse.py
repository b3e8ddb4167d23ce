#!/usr/bin/python3
"""icalparse.py FILE: reads an iCalendar feed for the integration tests
with an independent parser, Debian's python3-icalendar, and prints what
it found as JSON: {"problems": [...], "calendar": {...}, "events": [...]}.

The parser is lenient about framing, so the framing RFC 5545 asks for is
checked here first and reported in "problems": CRLF line ends, physical
lines of at most 75 octets, each of them valid UTF-8 on its own (a fold
inside a character would break that), continuation lines starting with
one space. Times are printed in UTC as YYYYMMDDTHHMMSSZ, and only if the
feed gave them in UTC; a start given in a time zone is also printed as
its wall clock there (dtstart_local), with a repeating event's RRULE."""
import datetime
import json
import sys

import icalendar


def framing(raw):
    problems = []
    if not raw.endswith(b"\r\n"):
        problems.append("the feed does not end in CRLF")
    for i, line in enumerate(raw.split(b"\r\n")[:-1], 1):
        if b"\r" in line or b"\n" in line:
            problems.append("line %d: a bare CR or LF" % i)
        if len(line) > 75:
            problems.append("line %d: %d octets" % (i, len(line)))
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append("line %d: not UTF-8 by itself (a fold split a character)" % i)
        if line[:1] == b"\t":
            problems.append("line %d: folded with a tab" % i)
    return problems


def utc(value):
    if not isinstance(value, datetime.datetime) or value.utcoffset() != datetime.timedelta(0):
        return "not UTC: %r" % (value,)
    return value.strftime("%Y%m%dT%H%M%SZ")


def local(value):
    """A time given with a TZID, as the wall clock there: YYYYMMDDTHHMMSS TZ."""
    if not isinstance(value, datetime.datetime) or value.tzinfo is None:
        return None
    return value.strftime("%Y%m%dT%H%M%S ") + str(value.tzinfo)


def text(component, name):
    value = component.get(name)
    return None if value is None else str(value)


def main():
    with open(sys.argv[1], "rb") as f:
        raw = f.read()
    out = {"problems": framing(raw), "calendar": {}, "events": []}
    cal = icalendar.Calendar.from_ical(raw)
    for name in ("VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME", "X-WR-TIMEZONE"):
        out["calendar"][name] = text(cal, name)
    for ev in cal.walk("VEVENT"):
        cats = ev.get("CATEGORIES")
        out["events"].append({
            "uid": text(ev, "UID"),
            "summary": text(ev, "SUMMARY"),
            "description": text(ev, "DESCRIPTION"),
            "location": text(ev, "LOCATION"),
            "url": text(ev, "URL"),
            "status": text(ev, "STATUS"),
            "sequence": ev.decoded("SEQUENCE"),
            "rrule": ev["RRULE"].to_ical().decode() if "RRULE" in ev else None,
            "dtstart_local": local(ev.decoded("DTSTART")),
            "categories": [str(c) for c in cats.cats] if cats is not None else [],
            "dtstart": utc(ev.decoded("DTSTART")),
            "dtend": utc(ev.decoded("DTEND")),
            "dtstamp": utc(ev.decoded("DTSTAMP")),
        })
    json.dump(out, sys.stdout, ensure_ascii=False)


main()
