/*
 * arena.h: a region allocator for memory that lives exactly as long as one
 * unit of work (one HTTP request, one page, one import). Allocations are
 * never freed one by one; arena_free releases them all at once (h2o's
 * mem_pool). An arena has a byte limit; past it, allocation aborts the
 * process (see mem.h), so callers must bound what input can make them
 * allocate (request sizes are bounded by the HTTP layer).
 */
#ifndef SAMSKAB_CORE_ARENA_H
#define SAMSKAB_CORE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *a);
/* Memory aligned for any type; never NULL. */
void *arena_alloc(struct arena *a, size_t n);
void *arena_calloc(struct arena *a, size_t count, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Bytes handed out so far. */
size_t arena_used(const struct arena *a);

#endif
