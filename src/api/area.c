/*
 * area.c: /api/v1/areas: local areas as JSON.
 */
#include <stdio.h>

#include "api/api.h"
#include "model/area.h"

static json_t *area_json(const struct term *a)
{
	char url[48];
	snprintf(url, sizeof url, "/areas/%lld", (long long)a->id);
	return json_pack("{s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)a->id, "name", a->name,
			 "description", a->description, "lang", a->lang, "url", url);
}

/* GET /api/v1/areas: 200 every area (areas are few: one page); 503. */
int api_area_list(struct req *r)
{
	struct term *items;
	size_t n;
	enum model_rc rc = area_list(r->db, r->region, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, area_json(&items[i]));
	struct paging p = { 1, (int64_t)(n ? n : 1), (int64_t)n };
	return api_send(r, api_page(r, arr, &p), 200);
}

/* GET /api/v1/areas/{id}: 200; 404; 503. */
int api_area_show(struct req *r)
{
	struct term a;
	enum model_rc rc = area_get(r->db, r->region, r->params[0], &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return api_send(r, area_json(&a), 200);
}
