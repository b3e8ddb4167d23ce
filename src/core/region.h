/*
 * region.h: a region allocator for memory that lives exactly as long as one
 * unit of work (one HTTP request, one page, one import). Allocations are
 * never freed one by one; region_free releases them all at once (h2o's
 * mem_pool). A region has a byte limit; past it, allocation aborts the
 * process (see mem.h), so callers must bound what input can make them
 * allocate (request sizes are bounded by the HTTP layer).
 */
#ifndef SAMSKAB_CORE_REGION_H
#define SAMSKAB_CORE_REGION_H

#include <stdarg.h>
#include <stddef.h>

struct region;

struct region *region_new(void);
void region_free(struct region *a);
/* Memory aligned for any type; never NULL. */
void *region_alloc(struct region *a, size_t n);
void *region_calloc(struct region *a, size_t count, size_t size);
char *region_strdup(struct region *a, const char *s);
char *region_strndup(struct region *a, const char *s, size_t n);
char *region_printf(struct region *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Bytes handed out so far. */
size_t region_used(const struct region *a);

#endif
