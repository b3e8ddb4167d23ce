/*
 * opinion.c: /api/v1/arenas/{id}/opinion: an arena dialogue's opinion map
 * as JSON: the stored map, which is what `samskab opinion --json` prints
 * (with samskab's statement ids and the participants numbered in this
 * dialogue) plus the "votes" and "groupVotes" tallies, and computedAt. Before there is a map it is a
 * "not-enough" document of the same shape.
 */
#include "api/api.h"
#include "http/cache.h"
#include "model/opinion_map.h"

/* The map of a dialogue nobody has voted in yet. */
static json_t *not_enough(void)
{
	return json_pack("{s:s,s:i,s:[],s:{s:[],s:[]},s:[],s:{},s:{},s:{},s:n}", "status", "not-enough", "k", 0,
			 "participants", "consensus", "agree", "disagree", "repness", "groupInformedConsensus",
			 "votes", "groupVotes", "computedAt");
}

/* GET /api/v1/arenas/{id}/opinion: 200 the map, or a "not-enough"
 * document before there is one; 404 no such arena; 500 a stored map that
 * is not one samskab made (model/opinion_map.c checks it); 503. The
 * document is made once per map version and kept (http/cache.h): it is
 * the same for every reader. */
int api_opinion(struct req *r)
{
	struct opinion_map_head a;
	enum model_rc rc = opinion_map_head(r->db, r->region, r->params[0], &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *key = region_printf(r->region, "opinion/api/%lld/%lld", (long long)a.arena_id,
					(long long)a.version);
	if (a.version && cache_get(key, &r->out)) {
		r->content_type = "application/json; charset=utf-8";
		req_set_header(r, "Access-Control-Allow-Origin", "*");
		return 200;
	}
	struct opinion_map m;
	rc = opinion_map_load(r->db, r->region, a.arena_id, &m);
	if (rc == MODEL_NOT_FOUND)
		return api_send(r, not_enough(), 200);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	/* The document as stored, checked; this request owns it now. */
	json_t *j = m.json;
	m.json = NULL;
	int64_t version = m.version, computed_at = m.computed_at;
	opinion_map_free(&m);
	/* Participants by their number in this dialogue (0, 1, ... in the
	 * order of their first vote, as Pol.is and polis-export number them), not by
	 * samskab's participant id, which is the same in every arena and
	 * would link a person's places across dialogues. */
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(j, "participants"), i, p)
		json_object_set_new(p, "id", json_integer((json_int_t)i));
	json_object_set_new(j, "computedAt", api_time(computed_at));
	size_t from = r->out.len;
	int status = api_send(r, j, 200);
	/* Kept only if made from the version in its key. */
	if (status == 200 && version == a.version && !r->out.overflow)
		cache_put(key, r->out.data + from, r->out.len - from);
	return status;
}
