/*
 * pagecache.c: kept pages (see pagecache.h), in the process's cache of
 * made parts (http/cache.h), which bounds them and lets the least
 * recently used go. The key names the version and the span of
 * PAGECACHE_TTL seconds the page was made in, so a page is found while
 * both are the same and ages out after.
 */
#include "web/pagecache.h"

#include <string.h>

#include "core/monotime.h"
#include "http/cache.h"

#define PAGE_MAX (512u << 10)

/* The key: version, span, language, then the target as sent (path and
 * query); NULL when too long to keep (such a page is made each time). */
static const char *key_of(struct req *r, int64_t version)
{
	long long span = (long long)(monotime_us() / ((int64_t)PAGECACHE_TTL * 1000000));
	const char *key = region_printf(r->region, "page %lld %lld %s %s", (long long)version, span,
					r->lang ? r->lang->code : "", r->target);
	return strlen(key) < CACHE_KEY ? key : NULL;
}

static int eligible(const struct req *r)
{
	return r->user_id == 0 && (r->method == HTTP_GET || r->method == HTTP_HEAD);
}

int pagecache_get(struct req *r, int64_t version)
{
	const char *key = eligible(r) ? key_of(r, version) : NULL;
	return key && cache_get(key, &r->out) && !r->out.overflow;
}

void pagecache_put(struct req *r, int64_t version, int status)
{
	if (status != 200 || !eligible(r) || r->content_type || r->out.overflow || r->out.len > PAGE_MAX)
		return;
	for (int i = 0; i < r->nheaders; i++)
		if (strcmp(r->headers[i].key, "Set-Cookie") == 0)
			return;
	if (memmem(r->out.data, r->out.len, "name=\"csrf\"", 11))
		return;
	const char *key = key_of(r, version);
	if (key)
		cache_put(key, r->out.data, r->out.len);
}
