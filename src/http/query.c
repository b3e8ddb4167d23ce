/*
 * query.c: typed query values and the addresses of a list's pages (see
 * query.h).
 */
#include "http/query.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int query_int(struct req *r, const char *key, int64_t def, int64_t min, int64_t max, int64_t *out)
{
	const char *v = req_query(r, key);
	*out = def;
	if (v == NULL || *v == '\0')
		return 0;
	char *end;
	errno = 0;
	long long x = strtoll(v, &end, 10);
	if (errno || *end || x < min || x > max || !(v[0] >= '0' && v[0] <= '9')) {
		r->error = MSG_ERROR_BAD_NUMBER;
		r->error_detail = key;
		return -1;
	}
	*out = x;
	return 0;
}

const char *query_local_path(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' || strpbrk(next, "\\\r\n\t"))
		return "/";
	return next;
}

void query_url_except(struct buf *out, struct req *r, const char *key)
{
	buf_puts(out, r->path);
	char sep = '?';
	for (size_t i = 0; i < r->query.n; i++) {
		if (strcmp(r->query.items[i].key, key) == 0)
			continue;
		buf_putc(out, sep);
		form_encode(out, r->query.items[i].key);
		buf_putc(out, '=');
		form_encode(out, r->query.items[i].value);
		sep = '&';
	}
}

void query_page_url(struct buf *out, struct req *r, int64_t n)
{
	query_url_except(out, r, "page");
	buf_printf(out, "%cpage=%lld", strchr(buf_str(out), '?') ? '&' : '?', (long long)n);
}
