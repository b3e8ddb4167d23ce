/*
 * query.h: reading typed values from the query string, and the paging
 * links under lists. A malformed value is the client's error: the caller
 * answers 400 with the message left in r->error.
 */
#ifndef SAMSKAB_WEB_QUERY_H
#define SAMSKAB_WEB_QUERY_H

#include <stdint.h>

#include "http/request.h"
#include "model/model.h"
#include "web/html.h"

/* *out = the query's integer key, or def when absent or empty. 0, or -1
 * (r->error set) when it is not a whole number in [min, max]. */
int query_int(struct req *r, const char *key, int64_t def, int64_t min, int64_t max, int64_t *out);
/* next if it is a path on this site, else "/": never another site
 * ("//host", "https:..."), backslashes or control characters. */
const char *query_local_path(const char *next);
/* Appends r's path and query with page=n in place of any page field;
 * the other fields are kept, percent-encoded. */
void query_page_url(struct buf *out, struct req *r, int64_t n);
/* "Previous / page X of Y / Next" under a list; the links keep the
 * request's other query fields. Nothing when there is one page. */
void paging_nav(struct html *h, struct req *r, const struct paging *p);

#endif
