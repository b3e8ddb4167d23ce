/*
 * arena.c: /api/v1/arenas: arenas, their phases, areas and organisations,
 * and their activities, as JSON. Who signed up is personal and not here.
 */
#include <stdio.h>

#include "api/api.h"
#include "http/query.h"
#include "model/activity.h"
#include "model/arena.h"

static json_t *areas_json(const struct term *areas, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:I,s:s}", "id", (json_int_t)areas[i].id, "name",
						     areas[i].name));
	return arr;
}

static json_t *arena_json(const struct arena *a)
{
	char url[48];
	snprintf(url, sizeof url, "/arenas/%lld", (long long)a->id);
	json_t *phase = a->current_phase_id
				? json_pack("{s:I,s:s,s:s}", "id", (json_int_t)a->current_phase_id, "name",
					    a->current_phase_name ? a->current_phase_name : "", "kind",
					    phase_kind_code((enum phase_kind)(a->current_phase_kind < 0 ? PHASE_OTHER : a->current_phase_kind)))
				: json_null();
	return json_pack("{s:I,s:s,s:{s:I,s:s},s:s,s:s,s:o,s:o,s:s,s:s}", "id", (json_int_t)a->id,
			 "title", a->title, "theme", "id", (json_int_t)a->theme_id, "name", a->theme_name,
			 "description", a->description, "status", arena_status_code(a->status),
			 "current_phase", phase, "areas", areas_json(a->areas, a->nareas), "lang", a->lang,
			 "url", url);
}

static json_t *activity_json(const struct activity *x)
{
	char url[80];
	snprintf(url, sizeof url, "/arenas/%lld/activities/%lld", (long long)x->arena_id, (long long)x->id);
	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:o,s:o,s:s,s:s,s:o,s:I,s:b,s:s,s:s,s:b,s:s,s:s,s:s,s:s}",
			 "id", (json_int_t)x->id, "arena_id", (json_int_t)x->arena_id, "kind",
			 activity_kind_code(x->kind), "kind_name", x->kind_other, "title", x->title,
			 "description", x->description, "starts_at", api_time(x->starts_at), "ends_at",
			 api_time(x->ends_at), "place", x->place, "online_url", x->online_url, "capacity",
			 x->capacity < 0 ? json_null() : json_integer(x->capacity), "places_taken",
			 (json_int_t)x->confirmed, "step_free", x->step_free, "accessibility",
			 x->accessibility, "interpretation", x->interpretation, "cancelled", x->cancelled,
			 "minutes", x->minutes, "summary", x->summary, "lang", x->lang, "url", url);
}

/* GET /api/v1/arenas?theme=&area=&phase=&status=&page=&per_page=: 200;
 * 400 bad filter or paging; 503. */
int api_arena_list(struct req *r)
{
	struct arena_filter f = { .phase_kind = -1, .status = -1 };
	struct paging p;
	const char *phase = req_query(r, "phase"), *status = req_query(r, "status");
	if (query_int(r, "theme", 0, 1, INT64_MAX, &f.theme_id) != 0 ||
	    query_int(r, "area", 0, 1, INT64_MAX, &f.area_id) != 0 || api_paging(r, &p, 100) != 0)
		return 400;
	if ((phase && *phase && (f.phase_kind = phase_kind_parse(phase)) < 0) ||
	    (status && *status && (f.status = arena_status_parse(status)) < 0)) {
		r->error_detail = phase && f.phase_kind < 0 && *phase ? "phase" : "status";
		return req_fail(r, 400, MSG_ERROR_BAD_CHOICE);
	}
	struct arena *items;
	size_t n;
	enum model_rc rc = arena_list(r->db, r->region, &f, &p, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, arena_json(&items[i]));
	return api_send(r, api_page(r, arr, &p), 200);
}

/* GET /api/v1/arenas/{id}: 200 with phases, organisations taking part
 * and upcoming activities; 404; 503. */
int api_arena_show(struct req *r)
{
	struct arena a;
	struct arena_member *m;
	struct activity *up;
	size_t nm = 0, nup = 0;
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], &a);
	if (rc == MODEL_OK)
		rc = arena_members(r->db, r->region, a.id, &m, &nm);
	if (rc == MODEL_OK)
		rc = activity_list_arena(r->db, r->region, a.id, ACTIVITY_UPCOMING, 100, &up, &nup);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	json_t *j = arena_json(&a);
	json_t *phases = json_array();
	for (size_t i = 0; i < a.nphases; i++) {
		const struct arena_phase *p = &a.phases[i];
		json_array_append_new(phases, json_pack("{s:I,s:i,s:s,s:s,s:s?,s:s?,s:b}", "id", (json_int_t)p->id,
							"position", p->position, "kind", phase_kind_code(p->kind),
							"name", p->name, "starts_on", p->starts_on, "ends_on",
							p->ends_on, "current", p->id == a.current_phase_id));
	}
	json_object_set_new(j, "phases", phases);
	json_t *orgs = json_array();
	for (size_t i = 0; i < nm; i++)
		if (m[i].status == ACCEPTED)
			json_array_append_new(orgs, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)m[i].organisation_id,
							      "name", m[i].organisation_name, "sector",
							      sector_code(m[i].sector)));
	json_object_set_new(j, "organisations", orgs);
	json_t *acts = json_array();
	for (size_t i = 0; i < nup; i++)
		json_array_append_new(acts, activity_json(&up[i]));
	json_object_set_new(j, "upcoming_activities", acts);
	return api_send(r, j, 200);
}

/* GET /api/v1/arenas/{id}/activities: 200 every activity, in time order;
 * 404; 503. */
int api_activity_list(struct req *r)
{
	struct arena a;
	struct activity *items;
	size_t n = 0;
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], &a);
	if (rc == MODEL_OK)
		rc = activity_list_arena(r->db, r->region, a.id, ACTIVITY_ALL, 1000, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, activity_json(&items[i]));
	struct paging p = { 1, (int64_t)(n ? n : 1), (int64_t)n };
	return api_send(r, api_page(r, arr, &p), 200);
}

/* GET /api/v1/arenas/{id}/activities/{activity}: 200; 404 (also when
 * the activity is of another arena); 503. */
int api_activity_show(struct req *r)
{
	struct activity x;
	enum model_rc rc = activity_get(r->db, r->region, r->params[1], &x);
	if (rc == MODEL_OK && x.arena_id != r->params[0])
		rc = MODEL_NOT_FOUND;
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return api_send(r, activity_json(&x), 200);
}
