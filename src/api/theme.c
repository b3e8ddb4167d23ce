/*
 * theme.c: /api/v1/themes: policy themes as JSON.
 */
#include <stdio.h>

#include "api/api.h"
#include "model/theme.h"

static json_t *theme_json(const struct term *t)
{
	char url[48];
	snprintf(url, sizeof url, "/themes/%lld", (long long)t->id);
	return json_pack("{s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)t->id, "name", t->name,
			 "description", t->description, "lang", t->lang, "url", url);
}

/* GET /api/v1/themes: 200 every theme; 503. */
int api_theme_list(struct req *r)
{
	struct term *items;
	size_t n;
	enum model_rc rc = theme_list(r->db, r->region, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, theme_json(&items[i]));
	struct paging p = { 1, (int64_t)(n ? n : 1), (int64_t)n };
	return api_send(r, api_page(r, arr, &p), 200);
}

/* GET /api/v1/themes/{id}: 200; 404; 503. */
int api_theme_show(struct req *r)
{
	struct term t;
	enum model_rc rc = theme_get(r->db, r->region, r->params[0], &t);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return api_send(r, theme_json(&t), 200);
}
