/*
 * pagecache.h: pages kept for readers who are not signed in, so that a
 * page many read is made once per change instead of once per reader. A
 * page is kept under its path and query and the reader's language, with
 * the version of what it was made from (proposal_version of its arena,
 * say, which grows in the transaction of every change); it is served
 * again while that version is the same, for at most PAGECACHE_TTL seconds
 * (so what no version counts, a renamed account, shows within that).
 * Never a page for someone signed in, nor one that sets a cookie or holds
 * a form's token; only 200s. In each node's memory, bounded; the version
 * comes from the database, so the nodes of one installation agree.
 */
#ifndef SAMSKAB_WEB_PAGECACHE_H
#define SAMSKAB_WEB_PAGECACHE_H

#include <stdint.h>

#include "http/request.h"

#define PAGECACHE_TTL 10 /* seconds */

/* Answers r from a kept page of this version: 1 when it did (r's body
 * and content type are set), else 0. */
int pagecache_get(struct req *r, int64_t version);
/* Keeps r's response, made from version, if it may be kept (see above). */
void pagecache_put(struct req *r, int64_t version, int status);

#endif
