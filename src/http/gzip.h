/*
 * gzip.h: compressing response bodies for clients that accept gzip. A
 * page of the opinion map shrinks from 130 KB to about 20 KB, which is
 * what a cheap phone on a slow connection waits for.
 */
#ifndef SAMSKAB_HTTP_GZIP_H
#define SAMSKAB_HTTP_GZIP_H

#include <stddef.h>

/* Bodies smaller than this are sent as they are: the gzip header and the
 * time to compress cost more than they save. */
#define GZIP_MIN_BYTES 1024

/* Whether an Accept-Encoding header value (may be NULL) accepts gzip:
 * "gzip" or "x-gzip" or "*" listed without q=0. */
int gzip_accepted(const char *accept_encoding);
/* Whether a response of this Content-Type is worth compressing (text,
 * scripts, calendars, JSON, SVG and feeds; not images or archives that
 * are compressed already). */
int gzip_worth(const char *content_type);
/* in compressed as a gzip member into a new malloc'ed buffer; NULL when
 * zlib fails or the result would not be smaller. */
char *gzip_compress(const char *in, size_t n, size_t *out_len);

#endif
