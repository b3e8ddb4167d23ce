/*
 * proposal.c: /api/v1/proposals and /api/v1/arenas/{id}/proposals:
 * proposals as open data, paged (?status=, ?sort=, and for all arenas
 * ?arena=), and one proposal with its newest text, its authors, every
 * revision (without its text: each has a page), the amendments with
 * their decisions, support by sector and by local area with the
 * organisations that support it, and the way through the council. Who
 * supports it personally is not here, only how many.
 */
#include <stdio.h>

#include "api/api.h"
#include "http/query.h"
#include "model/amendment.h"
#include "model/arena.h"
#include "model/proposal.h"
#include "model/revision.h"
#include "model/step.h"
#include "model/support.h"

static json_t *text_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *proposal_json(const struct proposal *p)
{
	char url[64];
	snprintf(url, sizeof url, "/arenas/%lld/proposals/%lld", (long long)p->arena_id, (long long)p->id);
	json_t *question = p->question_id ? json_pack("{s:I,s:s}", "id", (json_int_t)p->question_id, "text",
						      p->question ? p->question : "")
					  : json_null();
	return json_pack("{s:I,s:{s:I,s:s},s:s,s:s,s:s,s:o,s:o,s:I,s:o,s:I,s:I,s:o,s:o,s:s}", "id", (json_int_t)p->id,
			 "arena", "id", (json_int_t)p->arena_id, "name", p->arena_title, "title",
			 p->title, "lang", p->lang, "status", proposal_status_code(p->status), "outcome",
			 text_or_null(outcome_code(p->outcome)), "question", question, "newest_revision", (json_int_t)p->head,
			 "frozen_revision", p->frozen ? json_integer(p->frozen) : json_null(), "supports",
			 (json_int_t)p->supports, "comments", (json_int_t)p->comments, "created_at",
			 api_time(p->created_at), "updated_at", api_time(p->updated_at), "url", url);
}

/* ?status= ?sort=; -1 with r->error set. */
static int read_filter(struct req *r, struct proposal_filter *f)
{
	const char *status = req_query(r, "status"), *sort = req_query(r, "sort");
	f->status = -1;
	f->sort = PROPOSAL_SORT_ACTIVE;
	if (status && *status && (f->status = proposal_status_parse(status)) < 0) {
		r->error_detail = "status";
		r->error = MSG_ERROR_BAD_CHOICE;
		return -1;
	}
	if (sort && *sort) {
		int s = proposal_sort_parse(sort);
		if (s < 0) {
			r->error_detail = "sort";
			r->error = MSG_ERROR_BAD_CHOICE;
			return -1;
		}
		f->sort = (enum proposal_sort)s;
	}
	return 0;
}

static int list(struct req *r, struct proposal_filter *f)
{
	struct paging p;
	if (read_filter(r, f) != 0 || api_paging(r, &p, 100) != 0)
		return 400;
	struct proposal *items;
	size_t n;
	enum model_rc rc = proposal_list(r->db, r->region, f, &p, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, proposal_json(&items[i]));
	return api_send(r, api_page(r, arr, &p), 200);
}

/* GET /api/v1/arenas/{id}/proposals?status=&sort=&page=&per_page=: 200
 * one page; 400 a bad filter or paging; 404 no such arena; 503. */
int api_proposal_list_arena(struct req *r)
{
	struct arena a;
	enum model_rc rc = arena_brief(r->db, r->region, r->params[0], &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct proposal_filter f = { .arena_id = a.id };
	return list(r, &f);
}

/* GET /api/v1/proposals?arena=&status=&sort=&page=&per_page=: 200 one
 * page of every arena's proposals (or one arena's); 400; 503. */
int api_proposal_list(struct req *r)
{
	struct proposal_filter f = { 0 };
	if (query_int(r, "arena", 0, 1, INT64_MAX, &f.arena_id) != 0)
		return 400;
	return list(r, &f);
}

static json_t *revisions_json(struct req *r, const struct proposal *p, const struct revision *v, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		char *url = region_printf(r->region, "/arenas/%lld/proposals/%lld/revisions/%lld", (long long)p->arena_id,
					  (long long)p->id, (long long)v[i].number);
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s,s:o,s:I,s:I,s:o,s:s}", "number",
						     (json_int_t)v[i].number, "kind", revision_kind_code(v[i].kind), "title",
						     v[i].title, "note", v[i].note, "author", text_or_null(v[i].author_name),
						     "words_added", (json_int_t)v[i].words_added, "words_removed",
						     (json_int_t)v[i].words_removed, "created_at", api_time(v[i].created_at),
						     "url", url));
	}
	return arr;
}

static json_t *amendments_json(const struct amendment *m, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
			arr, json_pack("{s:I,s:I,s:s,s:s,s:s,s:o,s:s,s:o,s:s,s:o,s:o,s:o}", "id", (json_int_t)m[i].id,
				       "base_revision", (json_int_t)m[i].base, "title", m[i].title, "text", m[i].text,
				       "reason", m[i].reason, "author", text_or_null(m[i].author_name), "status",
				       amendment_status_code(m[i].status), "decided_by",
				       m[i].status == AMENDMENT_PENDING ? json_null() : text_or_null(m[i].decided_by_name),
				       "decision_reason", m[i].decision_reason, "decided_at",
				       m[i].decided_at ? api_time(m[i].decided_at) : json_null(), "revision",
				       m[i].revision ? json_integer(m[i].revision) : json_null(), "created_at",
				       api_time(m[i].created_at)));
	return arr;
}

static json_t *support_json(int64_t total, const struct support_sectors *s, const struct support_area *areas,
			    size_t nareas, const struct support_organisation *orgs, size_t norgs)
{
	json_t *by_sector = json_object();
	for (int k = 0; k < SECTOR__MAX; k++)
		json_object_set_new(by_sector, sector_code((enum sector)k),
				    json_pack("{s:I,s:I}", "people", (json_int_t)s->people[k], "organisations",
					      (json_int_t)s->organisations[k]));
	json_t *by_area = json_array();
	for (size_t i = 0; i < nareas; i++)
		json_array_append_new(by_area,
				      json_pack("{s:o,s:I,s:I}", "area",
						areas[i].area_id ? json_pack("{s:I,s:s}", "id", (json_int_t)areas[i].area_id,
									     "name", areas[i].name ? areas[i].name : "")
								 : json_null(),
						"people", (json_int_t)areas[i].people, "organisations",
						(json_int_t)areas[i].organisations));
	json_t *list = json_array();
	for (size_t i = 0; i < norgs; i++)
		json_array_append_new(list, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)orgs[i].organisation_id, "name",
						      orgs[i].name, "sector", sector_code(orgs[i].sector)));
	return json_pack("{s:I,s:o,s:o,s:o}", "total", (json_int_t)total, "by_sector", by_sector, "by_area", by_area,
			 "organisations", list);
}

static json_t *steps_json(const struct step *s, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
			arr, json_pack("{s:I,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:s,s:o,s:o}", "id", (json_int_t)s[i].id,
				       "kind", step_kind_code(s[i].kind), "happened_on", s[i].happened_on, "council",
				       s[i].council, "meeting_on", text_or_null(s[i].meeting_on), "link_url",
				       *s[i].link_url ? json_string(s[i].link_url) : json_null(), "outcome",
				       text_or_null(outcome_code(s[i].outcome)), "title",
				       *s[i].title ? json_string(s[i].title) : json_null(), "progress",
				       s[i].progress >= 0 ? json_integer(s[i].progress) : json_null(), "body", s[i].body,
				       "revision", s[i].revision ? json_integer(s[i].revision) : json_null(),
				       "recorded_at", api_time(s[i].recorded_at)));
	return arr;
}

/* GET /api/v1/proposals/{id}: 200 the proposal with its text, authors,
 * revisions, amendments, support and steps; 404; 503. */
int api_proposal_show(struct req *r)
{
	struct proposal p;
	struct revision head, *revisions;
	struct proposal_author *authors;
	struct amendment *amendments;
	struct support_sectors sectors;
	struct support_area *areas;
	struct support_organisation *orgs;
	struct step *steps;
	size_t nrev = 0, nauth = 0, nam = 0, nareas = 0, norgs = 0, nsteps = 0;
	enum model_rc rc = proposal_get(r->db, r->region, r->params[0], &p);
	if (rc == MODEL_OK)
		rc = revision_get(r->db, r->region, p.id, p.head, &head);
	if (rc == MODEL_OK)
		rc = revision_list(r->db, r->region, p.id, &revisions, &nrev);
	if (rc == MODEL_OK)
		rc = proposal_authors(r->db, r->region, p.id, &authors, &nauth);
	if (rc == MODEL_OK)
		rc = amendment_list(r->db, r->region, p.id, &amendments, &nam);
	if (rc == MODEL_OK)
		rc = support_by_sector(r->db, p.id, &sectors);
	if (rc == MODEL_OK)
		rc = support_by_area(r->db, r->region, p.id, &areas, &nareas);
	if (rc == MODEL_OK)
		rc = support_organisations(r->db, r->region, p.id, &orgs, &norgs);
	if (rc == MODEL_OK)
		rc = step_list(r->db, r->region, p.id, &steps, &nsteps);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	json_t *j = proposal_json(&p);
	json_object_set_new(j, "text", json_string(head.text));
	json_t *who = json_array();
	for (size_t i = 0; i < nauth; i++)
		json_array_append_new(who, json_pack("{s:o,s:I}", "name", text_or_null(authors[i].name), "revisions",
						     (json_int_t)authors[i].revisions));
	json_object_set_new(j, "authors", who);
	json_object_set_new(j, "revisions", revisions_json(r, &p, revisions, nrev));
	json_object_set_new(j, "amendments", amendments_json(amendments, nam));
	json_object_set_new(j, "support", support_json(p.supports, &sectors, areas, nareas, orgs, norgs));
	json_object_set_new(j, "steps", steps_json(steps, nsteps));
	return api_send(r, j, 200);
}
