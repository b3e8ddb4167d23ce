/*
 * json.c: what the JSON endpoints share: the open-data header on every
 * answer, the paging envelope, times (see api.h).
 */
#include <stdio.h>

#include "api/api.h"
#include "core/tz.h"
#include "http/json.h"
#include "http/query.h"

int api_send(struct req *r, json_t *j, int status)
{
	/* Open data: any site may read it from a browser. */
	req_set_header(r, "Access-Control-Allow-Origin", "*");
	return http_json(r, j, status);
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
