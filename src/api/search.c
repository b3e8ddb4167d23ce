/*
 * search.c: /api/v1/search: search (model/search.h) as JSON. ?q= (the
 * words), ?kind=, ?arena=, ?area=, ?theme=, ?page=, ?per_page=. Each hit
 * has its kind, id, address, title and an extract as parts, found words
 * marked ("match": true), so a client highlights them however it likes,
 * and for a comment the proposal it is on;
 * "counts" gives the hits of each kind (the other filters applied), and
 * "more" the kinds with more hits than that (model/search.h's SEARCH_CAP).
 */
#include <stdio.h>

#include "api/api.h"
#include "model/search.h"
#include "http/query.h"

static json_t *parts_json(const struct search_part *p, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s,s:b}", "text", p[i].text, "match", p[i].hit));
	return arr;
}

static json_t *hit_json(struct req *r, const struct search_hit *h)
{
	json_t *arena = h->arena_id ? json_pack("{s:I,s:s}", "id", (json_int_t)h->arena_id, "title", h->arena_title)
				    : json_null();
	json_t *proposal = h->kind == SEARCH_COMMENT && h->parent_id
				   ? json_pack("{s:I,s:s}", "id", (json_int_t)h->parent_id, "title", h->parent_title)
				   : json_null();
	return json_pack("{s:s,s:I,s:s,s:o,s:o,s:b,s:b,s:o,s:o,s:s}", "kind", search_kind_code(h->kind), "id",
			 (json_int_t)h->id, "url", search_link(r->region, h), "title", parts_json(h->title, h->ntitle),
			 "extract", parts_json(h->extract, h->nextract), "extract_cut_before",
			 h->extract_cut_before, "extract_cut_after", h->extract_cut_after, "arena", arena, "proposal",
			 proposal, "lang", h->lang ? h->lang : "");
}

/* GET /api/v1/search: 200 one page; 400 no words to search for, a query
 * too long, a bad filter or paging (the parameter is named); 503. */
int api_search(struct req *r)
{
	struct search_query q = { .q = req_query(r, "q"), .kind = -1 };
	struct paging p;
	const char *kind = req_query(r, "kind");
	if (query_int(r, "arena", 0, 1, INT64_MAX, &q.arena_id) != 0 ||
	    query_int(r, "area", 0, 1, INT64_MAX, &q.area_id) != 0 ||
	    query_int(r, "theme", 0, 1, INT64_MAX, &q.theme_id) != 0 || api_paging(r, &p, 100) != 0)
		return 400;
	if (kind && *kind && (q.kind = search_kind_parse(kind)) < 0) {
		r->error_detail = "kind";
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	}
	struct search_result res;
	struct field_errors errs = { .n = 0 };
	enum model_rc rc = search_run(r->db, r->region, &q, &p, &res, &errs);
	if (rc == MODEL_INVALID) {
		r->error_detail = "q";
		return req_fail(r, 400, field_error_get(&errs, "q"));
	}
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	json_t *items = json_array(), *counts = json_object(), *more = json_array();
	for (size_t i = 0; i < res.n; i++)
		json_array_append_new(items, hit_json(r, &res.hits[i]));
	for (int k = 0; k < SEARCH_KIND__MAX; k++) {
		json_object_set_new(counts, search_kind_code((enum search_kind)k), json_integer(res.count[k]));
		if (res.more[k])
			json_array_append_new(more, json_string(search_kind_code((enum search_kind)k)));
	}
	json_t *page = api_page(r, items, &p);
	json_object_set_new(page, "counts", counts);
	json_object_set_new(page, "more", more);
	return api_send(r, page, 200);
}
