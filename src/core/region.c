/*
 * region.c: chunked bump allocator (see region.h). Small allocations share
 * 16 KiB chunks; a large one gets a chunk of its own.
 */
#include "core/region.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

#define REGION_CHUNK 16384
#define REGION_ALIGN _Alignof(max_align_t)
#define REGION_LIMIT ((size_t)256 << 20) /* 256 MiB: beyond is a bug */

struct chunk {
	struct chunk *next;
	size_t size, used;
	_Alignas(max_align_t) unsigned char data[];
};

struct region {
	struct chunk *head;
	size_t total;
};

struct region *region_new(void)
{
	return mem_calloc(1, sizeof(struct region));
}

void region_free(struct region *a)
{
	if (a == NULL)
		return;
	for (struct chunk *c = a->head, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

/* Past the limit: a bug or unbounded input, never a reason to go on. */
static _Noreturn void limit_passed(const struct region *a, size_t n)
{
	fprintf(stderr, "level=fatal msg=\"region limit passed\" used=%zu asked=%zu\n", a->total, n);
	abort();
}

void *region_alloc(struct region *a, size_t n)
{
	/* The limit first: rounding a size near SIZE_MAX up would wrap to a
	 * small one. */
	if (n > REGION_LIMIT)
		limit_passed(a, n);
	n = (n + REGION_ALIGN - 1) & ~(size_t)(REGION_ALIGN - 1);
	if (n == 0)
		n = REGION_ALIGN;
	if (a->total > REGION_LIMIT - n)
		limit_passed(a, n);
	struct chunk *c = a->head;
	if (c == NULL || c->size - c->used < n) {
		size_t size = n > REGION_CHUNK / 4 ? n : REGION_CHUNK;
		c = mem_alloc(sizeof *c + size);
		c->size = size;
		c->used = 0;
		if (size == n && a->head) {
			/* A large block: keep the current chunk in front for small ones. */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	void *p = c->data + c->used;
	c->used += n;
	a->total += n;
	return p;
}

void *region_calloc(struct region *a, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size) {
		fprintf(stderr, "level=fatal msg=\"region_calloc overflow\"\n");
		abort();
	}
	void *p = region_alloc(a, count * size);
	memset(p, 0, count * size);
	return p;
}

char *region_strndup(struct region *a, const char *s, size_t n)
{
	if (n >= REGION_LIMIT)
		limit_passed(a, n); /* n + 1 would wrap at SIZE_MAX */
	char *p = region_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *region_strdup(struct region *a, const char *s)
{
	return region_strndup(a, s, strlen(s));
}

char *region_printf(struct region *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return region_strdup(a, "");
	char *p = region_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

size_t region_used(const struct region *a)
{
	return a->total;
}
