/*
 * json.c: JSON responses and the paging envelope (see api.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "api/api.h"
#include "core/tz.h"
#include "web/query.h"

int api_send(struct req *r, json_t *j, int status)
{
	/* Reals with 10 significant digits, as opinion maps are stored
	 * (model/opinion_map.c): a stored map goes out as it was stored. */
	char *s = j ? json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(10)) : NULL;
	json_decref(j);
	if (s == NULL) {
		r->error = MSG_ERROR_INTERNAL;
		return 500;
	}
	buf_puts(&r->out, s);
	buf_putc(&r->out, '\n');
	free(s);
	r->content_type = "application/json; charset=utf-8";
	req_set_header(r, "Access-Control-Allow-Origin", "*");
	return status;
}

json_t *api_time(int64_t t)
{
	char iso[32];
	tz_iso(t, iso);
	return json_string(iso);
}

int api_paging(struct req *r, struct paging *p, int64_t max)
{
	p->total = 0;
	if (query_int(r, "page", 1, 1, 1000000, &p->page) != 0 ||
	    query_int(r, "per_page", max, 1, max, &p->per_page) != 0)
		return -1;
	return 0;
}

json_t *api_page(struct req *r, json_t *items, const struct paging *p)
{
	json_t *next = json_null();
	if (p->page < paging_pages(p)) {
		struct buf url = BUF_INIT(8192);
		query_page_url(&url, r, p->page + 1);
		json_decref(next);
		next = json_string(buf_str(&url));
		buf_free(&url);
	}
	return json_pack("{s:o,s:I,s:I,s:I,s:o}", "items", items, "page", (json_int_t)p->page,
			 "per_page", (json_int_t)p->per_page, "total", (json_int_t)p->total, "next", next);
}
