/*
 * idmap.c: id -> index hash map (see idmap.h).
 */
#include "core/idmap.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

struct idmap {
	size_t cap, n; /* cap is a power of two, at least twice n */
	int64_t *key;
	uint32_t *val; /* IDMAP_NONE: empty */
};

static void idmap_alloc(struct idmap *m, size_t cap)
{
	m->cap = cap;
	m->n = 0;
	m->key = mem_alloc(cap * sizeof *m->key);
	m->val = mem_alloc(cap * sizeof *m->val);
	memset(m->val, 0xff, cap * sizeof *m->val);
}

struct idmap *idmap_new(void)
{
	struct idmap *m = mem_calloc(1, sizeof *m);
	idmap_alloc(m, 1024);
	return m;
}

void idmap_free(struct idmap *m)
{
	if (m == NULL)
		return;
	free(m->key);
	free(m->val);
	free(m);
}

/* Fibonacci hashing spreads sequential ids over the table. */
static size_t idmap_slot(const struct idmap *m, int64_t key)
{
	uint64_t h = (uint64_t)key * 0x9e3779b97f4a7c15ull;
	size_t i = (size_t)(h >> 20) & (m->cap - 1);
	while (m->val[i] != IDMAP_NONE && m->key[i] != key)
		i = (i + 1) & (m->cap - 1);
	return i;
}

uint32_t idmap_get(const struct idmap *m, int64_t id)
{
	return m->val[idmap_slot(m, id)];
}

void idmap_put(struct idmap *m, int64_t id, uint32_t index)
{
	if ((m->n + 1) * 2 > m->cap) {
		struct idmap old = *m;
		idmap_alloc(m, old.cap * 2);
		for (size_t i = 0; i < old.cap; i++)
			if (old.val[i] != IDMAP_NONE)
				idmap_put(m, old.key[i], old.val[i]);
		free(old.key);
		free(old.val);
	}
	size_t i = idmap_slot(m, id);
	if (m->val[i] == IDMAP_NONE)
		m->n++;
	m->key[i] = id;
	m->val[i] = index;
}

size_t idmap_count(const struct idmap *m)
{
	return m->n;
}
