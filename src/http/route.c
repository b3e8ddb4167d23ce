/*
 * route.c: segment-by-segment matching of paths against route patterns.
 * A table of a few hundred rows is scanned per request; that costs well
 * under a microsecond, so no trie.
 */
#include "http/route.h"

#include <string.h>

static const char *const method_names[HTTP__MAX] = {
	[HTTP_GET] = "GET",	    [HTTP_HEAD] = "HEAD",	[HTTP_POST] = "POST",
	[HTTP_PUT] = "PUT",	    [HTTP_DELETE] = "DELETE",	[HTTP_PATCH] = "PATCH",
	[HTTP_OPTIONS] = "OPTIONS", [HTTP_OTHER] = "OTHER",
};

enum http_method http_method_parse(const char *s)
{
	for (int i = 0; i < HTTP_OTHER; i++)
		if (strcmp(s, method_names[i]) == 0)
			return (enum http_method)i;
	return HTTP_OTHER;
}

const char *http_method_name(enum http_method m)
{
	return (unsigned)m < HTTP__MAX ? method_names[m] : "OTHER";
}

/* A positive decimal integer that fits in int64; -1 if the segment is not. */
static int64_t segment_id(const char *s, size_t n)
{
	if (n == 0 || n > 18 || s[0] == '0')
		return -1;
	int64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int64_t route_id(const char *s)
{
	return s ? segment_id(s, strlen(s)) : -1;
}

/* 1 if path matches pattern; fills params and rest. */
static int path_match(const char *pat, const char *path, int64_t *params, int *nparams,
		      const char **rest)
{
	*nparams = 0;
	*rest = NULL;
	while (*pat) {
		if (*pat == '*' && pat[1] == '\0') {
			*rest = path;
			return *path != '\0';
		}
		if (*pat == '{') {
			const char *close = strchr(pat, '}');
			if (close == NULL)
				return 0;
			size_t n = strcspn(path, "/");
			int64_t v = segment_id(path, n);
			if (v < 0 || *nparams >= REQ_MAX_PARAMS)
				return 0;
			params[(*nparams)++] = v;
			pat = close + 1;
			path += n;
			continue;
		}
		if (*pat != *path)
			return 0;
		pat++;
		path++;
	}
	return *path == '\0';
}

int route_match(const struct route *table, size_t n, enum http_method method, const char *path,
		size_t *index, int64_t *params, int *nparams, const char **rest, unsigned *allowed)
{
	enum http_method want = method == HTTP_HEAD ? HTTP_GET : method;
	*allowed = 0;
	for (size_t i = 0; i < n; i++) {
		if (!path_match(table[i].pattern, path, params, nparams, rest))
			continue;
		if (table[i].method == want) {
			*index = i;
			return ROUTE_FOUND;
		}
		*allowed |= 1u << table[i].method;
	}
	if (*allowed & (1u << HTTP_GET))
		*allowed |= 1u << HTTP_HEAD;
	return *allowed ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
}
