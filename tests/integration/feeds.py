#!/usr/bin/python3
"""feeds.py: reads an Atom feed on standard input with feedparser (Debian's
python3-feedparser, a parser that is not ours) and prints what it understood
as one JSON object, for the C tests to check: whether it was well-formed
(bozo), the feed's id, title, updated, rights and links by rel, and per
entry its id, title, link, published, updated, author, rights and content.
Times are printed in UTC as feedparser normalised them."""
import json
import sys
import time

import feedparser


def utc(parsed):
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', parsed) if parsed else None


def links(item):
    return {link.get('rel'): link.get('href') for link in item.get('links', [])}


def entry(e):
    content = e.get('content') or [{}]
    return {
        'id': e.get('id'),
        'title': e.get('title'),
        'link': e.get('link'),
        'links': links(e),
        'published': utc(e.get('published_parsed')),
        'updated': utc(e.get('updated_parsed')),
        'author': e.get('author'),
        'rights': e.get('rights'),
        'content_type': content[0].get('type'),
        'content': content[0].get('value'),
    }


def main():
    d = feedparser.parse(sys.stdin.buffer.read())
    out = {
        'bozo': bool(d.bozo),
        'bozo_exception': str(d.get('bozo_exception', '')),
        'version': d.get('version'),
        'id': d.feed.get('id'),
        'title': d.feed.get('title'),
        'updated': utc(d.feed.get('updated_parsed')),
        'rights': d.feed.get('rights'),
        'links': links(d.feed),
        'entries': [entry(e) for e in d.entries],
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == '__main__':
    main()
