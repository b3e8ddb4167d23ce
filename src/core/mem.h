/*
 * mem.h: allocation that cannot return NULL. samskab treats running out of
 * memory as fatal (as Redis does): the process logs and aborts rather than
 * threading an unlikely error through every caller. Growth that depends on
 * input is bounded elsewhere (buf's maximum, the request arena's limit), so
 * a client cannot drive the server into this path.
 */
#ifndef SAMSKAB_CORE_MEM_H
#define SAMSKAB_CORE_MEM_H

#include <stddef.h>

void *mem_alloc(size_t n);
void *mem_calloc(size_t count, size_t size);
void *mem_realloc(void *p, size_t n);
char *mem_strdup(const char *s);
char *mem_strndup(const char *s, size_t n);

#endif
