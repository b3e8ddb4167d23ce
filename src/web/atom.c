/*
 * atom.c: Atom feed writer (see atom.h).
 */
#include "web/atom.h"

#include <stdio.h>

#include "core/tz.h"
#include "web/site.h"

/* An RFC 3339 date-time element in local time, e.g.
 * <updated>2016-06-18T14:00:00+02:00</updated>. */
static void atom_time(struct html *h, const char *element, int64_t utc)
{
	struct tz_local l;
	char t[40];
	tz_from_utc(utc, &l);
	snprintf(t, sizeof t, "%04d-%02d-%02dT%02d:%02d:%02d+%02d:00", l.year, l.month, l.day, l.hour,
		 l.minute, l.second, l.offset / 3600);
	HTMLF(h, "<%s>%s</%s>\n", element, t, element);
}

/* <link rel="..." href="BASE/path"> for a path on this site, or for an
 * absolute URL when path is one. */
static void atom_link(struct html *h, const char *rel, const char *type, const char *path)
{
	HTMLF(h, "<link rel=\"%s\"", rel);
	if (type)
		HTMLF(h, " type=\"%s\"", type);
	HTMLF(h, " href=\"%s%s\"/>\n", path[0] == '/' ? site.base_url : "", path);
}

static void atom_rights(struct html *h, const char *rights, const char *url)
{
	if (rights)
		HTMLF(h, "<rights>%s</rights>\n", rights);
	if (url)
		atom_link(h, "license", "text/html", url);
}

void atom_begin(struct html *h, struct req *r, const struct atom_feed *f)
{
	r->content_type = "application/atom+xml; charset=utf-8";
	HTMLF(h, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		 "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"%s\">\n<id>%s%s</id>\n"
		 "<title>%s</title>\n",
	      h->lang->code, site.base_url, f->path, f->title);
	atom_time(h, "updated", f->updated);
	atom_link(h, "self", "application/atom+xml", f->path);
	atom_link(h, "alternate", "text/html", f->page);
	atom_rights(h, f->rights, f->rights_url);
	HTMLF(h, "<generator>%s</generator>\n", msg_get(h->lang, MSG_SITE_NAME));
}

void atom_entry(struct html *h, const struct atom_entry *e)
{
	HTMLF(h, "<entry xml:lang=\"%s\">\n<id>%s%s</id>\n<title>%s</title>\n", e->lang, site.base_url,
	      e->path, e->title);
	atom_time(h, "published", e->published);
	atom_time(h, "updated", e->updated);
	HTMLF(h, "<author><name>%s</name></author>\n", e->author);
	atom_link(h, "alternate", "text/html", e->path);
	atom_rights(h, e->rights, e->rights_url);
	HTMLF(h, "<content type=\"html\">%s</content>\n</entry>\n", e->content);
}

void atom_end(struct html *h)
{
	HTML(h, "</feed>\n");
}
