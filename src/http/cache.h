/*
 * cache.h: parts of responses already made (pages, JSON), kept in this
 * process (each node has its own) for the next request that would make
 * them the same; below web and api, which both use it. A part
 * is found by a key that names everything it was drawn from, a version
 * read from the database among them (the opinion map's, for instance),
 * so a part is never stale: a new version is a new key, and the old part
 * ages out. What depends on the reader (who is signed in, their own place
 * on a map, the CSRF token) never goes in.
 *
 * Bounded: at most CACHE_BYTES of text, the least recently used part
 * going first. Safe to use from every worker thread at once.
 */
#ifndef SAMSKAB_HTTP_CACHE_H
#define SAMSKAB_HTTP_CACHE_H

#include <stddef.h>

#include "core/buf.h"

#define CACHE_BYTES ((size_t)64 << 20)
#define CACHE_KEY 256 /* longest key */

/* Appends the part kept under key to out: 1; or 0 when there is none
 * (draw it, then cache_put). */
int cache_get(const char *key, struct buf *out);
/* Keeps a copy of text[0 .. len) under key (a part larger than an eighth
 * of the cache is not kept). */
void cache_put(const char *key, const char *text, size_t len);
/* The memory the kept parts take, their bookkeeping included (for
 * /metrics: it grows up to about CACHE_BYTES and stays there). */
size_t cache_bytes(void);

#endif
