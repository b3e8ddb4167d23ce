/*
 * gzip.c: gzip bodies with zlib (see gzip.h).
 */
#include "http/gzip.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

/* zlib level 5: within a few per cent of level 9's size on our pages at
 * about a third of its time. */
#define GZIP_LEVEL 5

/* Whether the list item [s, e) is name, case-insensitively, with no q=0
 * parameter. */
static int item_accepts(const char *s, const char *e, const char *name)
{
	while (s < e && isspace((unsigned char)*s))
		s++;
	size_t n = strlen(name);
	if ((size_t)(e - s) < n || strncasecmp(s, name, n) != 0)
		return 0;
	const char *p = s + n;
	while (p < e && isspace((unsigned char)*p))
		p++;
	if (p == e)
		return 1;
	if (*p != ';')
		return 0;
	/* Parameters: only q matters; q=0 (0.0, 0.00, ...) refuses. */
	for (const char *semi = p; semi; semi = memchr(semi + 1, ';', (size_t)(e - semi - 1))) {
		const char *v = semi + 1;
		while (v < e && isspace((unsigned char)*v))
			v++;
		if (e - v > 2 && (*v == 'q' || *v == 'Q') && v[1] == '=')
			return strtod(v + 2, NULL) > 0;
	}
	return 1;
}

int gzip_accepted(const char *accept_encoding)
{
	if (accept_encoding == NULL)
		return 0;
	const char *s = accept_encoding;
	for (;;) {
		const char *e = strchr(s, ',');
		if (e == NULL)
			e = s + strlen(s);
		if (item_accepts(s, e, "gzip") || item_accepts(s, e, "x-gzip") || item_accepts(s, e, "*"))
			return 1;
		if (*e == '\0')
			return 0;
		s = e + 1;
	}
}

int gzip_worth(const char *content_type)
{
	static const char *const types[] = {
		"text/", "application/json", "image/svg+xml", "application/atom+xml",
	};
	if (content_type == NULL)
		return 1; /* the default is text/html */
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strncasecmp(content_type, types[i], strlen(types[i])) == 0)
			return 1;
	return 0;
}

char *gzip_compress(const char *in, size_t n, size_t *out_len)
{
	z_stream z = { 0 };
	/* 15 + 16: a gzip header and trailer around the deflate stream. */
	if (deflateInit2(&z, GZIP_LEVEL, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	size_t cap = deflateBound(&z, (uLong)n);
	char *out = malloc(cap);
	if (out == NULL) {
		deflateEnd(&z);
		return NULL;
	}
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)n;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	int rc = deflate(&z, Z_FINISH);
	*out_len = z.total_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END || *out_len >= n) {
		free(out);
		return NULL;
	}
	return out;
}
