/*
 * pagecache.c: kept pages (see pagecache.h). A small table under one
 * mutex, searched by a hash of the key; the least recently used page
 * goes when the table or its byte budget is full.
 */
#include "web/pagecache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/monotime.h"

#define SLOTS 128
#define PAGE_MAX (512u << 10)
#define BUDGET ((size_t)32 << 20)

struct slot {
	uint64_t hash;
	char *key;      /* NULL: empty */
	int64_t version;
	int64_t stored_us, used_us;
	char *body;
	size_t len;
};

static struct slot slots[SLOTS];
static size_t bytes;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* The key: the language, then the target as sent (path and query). */
static const char *key_of(struct req *r)
{
	return region_printf(r->region, "%s %s", r->lang ? r->lang->code : "", r->target);
}

static uint64_t hash_of(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static int eligible(const struct req *r)
{
	return r->user_id == 0 && (r->method == HTTP_GET || r->method == HTTP_HEAD);
}

static struct slot *find(uint64_t h, const char *key)
{
	for (int i = 0; i < SLOTS; i++)
		if (slots[i].key && slots[i].hash == h && strcmp(slots[i].key, key) == 0)
			return &slots[i];
	return NULL;
}

static void drop(struct slot *s)
{
	bytes -= s->len;
	free(s->key);
	free(s->body);
	memset(s, 0, sizeof *s);
}

int pagecache_get(struct req *r, int64_t version)
{
	if (!eligible(r))
		return 0;
	const char *key = key_of(r);
	uint64_t h = hash_of(key);
	int64_t now = monotime_us();
	int hit = 0;
	pthread_mutex_lock(&lock);
	struct slot *s = find(h, key);
	if (s && s->version == version && now - s->stored_us < (int64_t)PAGECACHE_TTL * 1000000) {
		s->used_us = now;
		buf_put(&r->out, s->body, s->len);
		hit = 1;
	}
	pthread_mutex_unlock(&lock);
	return hit && !r->out.overflow;
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
	const char *key = key_of(r);
	uint64_t h = hash_of(key);
	int64_t now = monotime_us();
	pthread_mutex_lock(&lock);
	struct slot *s = find(h, key);
	if (s)
		drop(s);
	/* An empty slot within the budget, making room from the least
	 * recently used (a page is far smaller than the budget). */
	for (s = NULL;;) {
		struct slot *empty = NULL, *oldest = NULL;
		for (int i = 0; i < SLOTS; i++) {
			if (slots[i].key == NULL)
				empty = empty ? empty : &slots[i];
			else if (oldest == NULL || slots[i].used_us < oldest->used_us)
				oldest = &slots[i];
		}
		if (empty && bytes + r->out.len <= BUDGET) {
			s = empty;
			break;
		}
		if (oldest == NULL)
			break;
		drop(oldest);
	}
	if (s) {
		s->key = mem_strdup(key);
		s->hash = h;
		s->version = version;
		s->stored_us = s->used_us = now;
		s->body = mem_alloc(r->out.len ? r->out.len : 1);
		memcpy(s->body, r->out.data, r->out.len);
		s->len = r->out.len;
		bytes += s->len;
	}
	pthread_mutex_unlock(&lock);
}
