/*
 * story.c: /api/v1/stories: published stories as JSON, newest first,
 * paged, optionally of one arena (?arena=, ?page=, ?per_page=), each with
 * its licence so that others may reuse it.
 */
#include <stdio.h>

#include "api/api.h"
#include "http/query.h"
#include "model/story.h"

static json_t *story_json(const struct story *s)
{
	char url[48];
	snprintf(url, sizeof url, "/stories/%lld", (long long)s->id);
	json_t *arena = s->arena_id ? json_pack("{s:I,s:s}", "id", (json_int_t)s->arena_id, "name",
						s->arena_title ? s->arena_title : "")
				    : json_null();
	json_t *area = s->area_id ? json_pack("{s:I,s:s}", "id", (json_int_t)s->area_id, "name",
					      s->area_name ? s->area_name : "")
				  : json_null();
	return json_pack("{s:I,s:s,s:s,s:o,s:o,s:s,s:s,s:s,s:s?,s:s,s:s}", "id", (json_int_t)s->id,
			 "title", s->title, "body", s->body, "arena", arena, "area", area, "author",
			 s->author_name, "published_on", s->published_on, "licence", s->licence,
			 "licence_url", story_licence_url(s->licence), "lang", s->lang, "url", url);
}

/* GET /api/v1/stories: 200 one page; 400 bad arena or paging; 503. */
int api_story_list(struct req *r)
{
	int64_t arena_id;
	struct paging p;
	if (query_int(r, "arena", 0, 1, INT64_MAX, &arena_id) != 0 || api_paging(r, &p, 100) != 0)
		return 400;
	struct story *items;
	size_t n;
	enum model_rc rc = story_list(r->db, r->region, arena_id, &p, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, story_json(&items[i]));
	return api_send(r, api_page(r, arr, &p), 200);
}

/* GET /api/v1/stories/{id}: 200; 404; 503. */
int api_story_show(struct req *r)
{
	struct story s;
	enum model_rc rc = story_get(r->db, r->region, r->params[0], &s);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return api_send(r, story_json(&s), 200);
}
