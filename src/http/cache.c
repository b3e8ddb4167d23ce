/*
 * cache.c: parts of responses already made (see cache.h). A hash table of
 * parts by key, and a list of them from the least to the most recently
 * used; one mutex guards both (a part is copied out under it: a few
 * microseconds for a page's worth).
 */
#include "http/cache.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

#define BUCKETS 1024

struct part {
	char key[CACHE_KEY];
	char *text;
	size_t len;
	struct part *next_in_bucket;
	struct part *older, *newer; /* the use list */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct part *bucket[BUCKETS];
static struct part *oldest, *newest;
static size_t bytes, nparts;

/* FNV-1a. */
static size_t key_hash(const char *key)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 0x100000001b3ull;
	return (size_t)(h % BUCKETS);
}

static struct part **find(const char *key)
{
	struct part **at = &bucket[key_hash(key)];
	while (*at && strcmp((*at)->key, key) != 0)
		at = &(*at)->next_in_bucket;
	return at;
}

static void unlink_use(struct part *p)
{
	if (p->older)
		p->older->newer = p->newer;
	else
		oldest = p->newer;
	if (p->newer)
		p->newer->older = p->older;
	else
		newest = p->older;
	p->older = p->newer = NULL;
}

static void link_newest(struct part *p)
{
	p->older = newest;
	p->newer = NULL;
	if (newest)
		newest->newer = p;
	else
		oldest = p;
	newest = p;
}

static void drop(struct part **at)
{
	struct part *p = *at;
	*at = p->next_in_bucket;
	unlink_use(p);
	bytes -= p->len;
	nparts--;
	free(p->text);
	free(p);
}

int cache_get(const char *key, struct buf *out)
{
	pthread_mutex_lock(&lock);
	struct part *p = *find(key);
	if (p) {
		unlink_use(p);
		link_newest(p);
		buf_put(out, p->text, p->len);
	}
	pthread_mutex_unlock(&lock);
	return p != NULL;
}

void cache_put(const char *key, const char *text, size_t len)
{
	if (strlen(key) >= CACHE_KEY || len > CACHE_BYTES / 8)
		return;
	struct part *p = mem_calloc(1, sizeof *p);
	strcpy(p->key, key);
	p->text = mem_alloc(len ? len : 1);
	memcpy(p->text, text, len);
	p->len = len;
	pthread_mutex_lock(&lock);
	struct part **at = find(key);
	if (*at)
		drop(at); /* drawn twice at once: keep the later */
	p->next_in_bucket = bucket[key_hash(key)];
	bucket[key_hash(key)] = p;
	link_newest(p);
	bytes += len;
	nparts++;
	while (bytes > CACHE_BYTES && oldest != p)
		drop(find(oldest->key));
	pthread_mutex_unlock(&lock);
}

size_t cache_bytes(void)
{
	pthread_mutex_lock(&lock);
	size_t n = bytes + nparts * sizeof(struct part);
	pthread_mutex_unlock(&lock);
	return n;
}
