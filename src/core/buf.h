/*
 * buf.h: a growable byte buffer with a maximum. Every append checks the
 * maximum before growing; past it the buffer refuses the append, keeps what
 * it had and sets a sticky error flag, so a caller may append many times and
 * check once at the end (as SQLite's StrAccum does). The contents are always
 * NUL-terminated. The buffer owns its memory until buf_take hands it over.
 */
#ifndef SAMSKAB_CORE_BUF_H
#define SAMSKAB_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct buf {
	char *data;   /* NUL-terminated; NULL until the first append */
	size_t len;   /* bytes used, not counting the NUL */
	size_t cap;   /* bytes allocated */
	size_t max;   /* appends that would pass this length are refused */
	int overflow; /* set once an append was refused; stays set */
};

#define BUF_INIT(maxlen) { NULL, 0, 0, (maxlen), 0 }

void buf_init(struct buf *b, size_t max);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
/* Each returns 0, or -1 if the append would pass the maximum. */
int buf_put(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A whole number in decimal, as "%lld" writes it, without printf's
 * machinery (exports write millions). */
int buf_put_int(struct buf *b, int64_t v);
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* The contents as a string ("" when empty); owned by b. */
const char *buf_str(const struct buf *b);
/* Hands the contents to the caller, who must free() them; b is left empty.
 * Never NULL. */
char *buf_take(struct buf *b, size_t *len);

#endif
