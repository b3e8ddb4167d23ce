/*
 * query.h: reading typed values from the query string, and the address
 * of another page of a list. A malformed value is the client's error:
 * the caller answers 400 with the message left in r->error. Pages and
 * JSON endpoints both read their queries here (the paging links of a
 * page are drawn by web/widget.h, the "next" of a JSON list by api/).
 */
#ifndef SAMSKAB_HTTP_QUERY_H
#define SAMSKAB_HTTP_QUERY_H

#include <stdint.h>

#include "core/buf.h"
#include "http/request.h"

/* *out = the query's integer key, or def when absent or empty. 0, or -1
 * (r->error set) when it is not a whole number in [min, max]. */
int query_int(struct req *r, const char *key, int64_t def, int64_t min, int64_t max, int64_t *out);
/* next if it is a path on this site, else "/": never another site
 * ("//host", "https:..."), backslashes or control characters. */
const char *query_local_path(const char *next);
/* Appends r's path and query with page=n in place of any page field;
 * the other fields are kept, percent-encoded. */
void query_page_url(struct buf *out, struct req *r, int64_t n);
/* Appends r's path and query without the fields named key; the others
 * are kept, percent-encoded. */
void query_url_except(struct buf *out, struct req *r, const char *key);

#endif
