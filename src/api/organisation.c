/*
 * organisation.c: /api/v1/organisations: organisations as JSON, paged and
 * filtered like the HTML list (?sector=, ?area=, ?page=, ?per_page=).
 */
#include <stdio.h>

#include "api/api.h"
#include "http/query.h"
#include "model/organisation.h"

static json_t *organisation_json(const struct organisation *o)
{
	char url[48];
	snprintf(url, sizeof url, "/organisations/%lld", (long long)o->id);
	json_t *area = o->area_id ? json_pack("{s:I,s:s}", "id", (json_int_t)o->area_id, "name",
					      o->area_name ? o->area_name : "")
				  : json_null();
	return json_pack("{s:I,s:s,s:s,s:s?,s:s,s:o,s:s,s:s}", "id", (json_int_t)o->id, "name",
			 o->name, "sector", sector_code(o->sector), "website", o->website,
			 "description", o->description, "area", area, "lang", o->lang, "url", url);
}

/* GET /api/v1/organisations: 200 one page; 400 bad filter or paging; 503. */
int api_organisation_list(struct req *r)
{
	struct organisation_filter f = { .sector = -1, .area_id = 0 };
	struct paging p;
	const char *sector = req_query(r, "sector");
	if (sector && *sector && (f.sector = sector_parse(sector)) < 0) {
		r->error_detail = "sector";
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	}
	if (query_int(r, "area", 0, 1, INT64_MAX, &f.area_id) != 0 || api_paging(r, &p, 100) != 0)
		return 400;
	struct organisation *items;
	size_t n;
	enum model_rc rc = organisation_list(r->db, r->region, &f, &p, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, organisation_json(&items[i]));
	return api_send(r, api_page(r, arr, &p), 200);
}

/* GET /api/v1/organisations/{id}: 200; 404; 503. */
int api_organisation_show(struct req *r)
{
	struct organisation o;
	enum model_rc rc = organisation_get(r->db, r->region, r->params[0], &o);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return api_send(r, organisation_json(&o), 200);
}
