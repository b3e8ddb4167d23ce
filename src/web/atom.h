/*
 * atom.h: Atom feeds (RFC 4287), written through the HTML writer: its
 * escaping is also right for XML text and attribute values, so every value
 * here is escaped, and an entry's content, HTML already (type="html"), is
 * escaped once more as the RFC asks. Ids and links are absolute, made from
 * site.base_url; times are RFC 3339 in Danish local time.
 */
#ifndef SAMSKAB_WEB_ATOM_H
#define SAMSKAB_WEB_ATOM_H

#include <stdint.h>

#include "http/request.h"
#include "web/html.h"

struct atom_feed {
	const char *path;      /* the feed's own path, also its id: "/stories.atom" */
	const char *page;      /* path of the HTML page it follows: "/stories" */
	const char *title;
	const char *rights;    /* e.g. the licence's name; NULL for none */
	const char *rights_url; /* the licence's text (link rel="license", RFC 4946); NULL */
	int64_t updated;       /* Unix time of the newest change */
};

struct atom_entry {
	const char *path;      /* the entry's page on this site, also its id */
	const char *title;
	const char *author;
	int64_t published, updated; /* Unix times */
	const char *content;   /* HTML */
	const char *rights, *rights_url;
	const char *lang;      /* of title and content */
};

/* Starts the document and the feed element, and sets r's content type. */
void atom_begin(struct html *h, struct req *r, const struct atom_feed *f);
void atom_entry(struct html *h, const struct atom_entry *e);
void atom_end(struct html *h);

#endif
