/*
 * api.h: the JSON endpoints under /api/v1/ (one file per concept in
 * src/api/), and what they share. Lists are paged:
 *   {"items": [...], "page": 1, "per_page": 50, "total": 18, "next": null}
 * with next the URL of the following page. Errors are JSON too (see
 * web_render_error).
 */
#ifndef SAMSKAB_API_API_H
#define SAMSKAB_API_API_H

#include <jansson.h>

#include "http/request.h"
#include "model/model.h"

/* http_json, with the header that lets any site read the open data
 * (Access-Control-Allow-Origin: *). */
int api_send(struct req *r, json_t *j, int status);
/* Wraps items (taking ownership) in the paging envelope. */
json_t *api_page(struct req *r, json_t *items, const struct paging *p);
/* Reads ?page= and ?per_page= (at most max); -1 with r->error set. */
int api_paging(struct req *r, struct paging *p, int64_t max);
/* A Unix time as ISO 8601 in Danish local time ("2026-06-16T14:00:00+02:00"). */
json_t *api_time(int64_t t);

int api_area_list(struct req *r);
int api_area_show(struct req *r);
int api_theme_list(struct req *r);
int api_theme_show(struct req *r);
int api_organisation_list(struct req *r);
int api_organisation_show(struct req *r);
int api_arena_list(struct req *r);
int api_arena_show(struct req *r);
int api_activity_list(struct req *r);
int api_activity_show(struct req *r);
int api_story_list(struct req *r);
int api_story_show(struct req *r);
int api_opinion(struct req *r);
int api_search(struct req *r);
int api_proposal_list(struct req *r);
int api_proposal_list_arena(struct req *r);
int api_proposal_show(struct req *r);
int api_healthz(struct req *r);
int api_metrics(struct req *r);

#endif
