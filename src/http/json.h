/*
 * json.h: a JSON document as the response to a request. Below both the
 * pages (web/: the vote answered to script, "my data") and the open-data
 * endpoints (api/), which answer JSON alike and must not include each
 * other.
 */
#ifndef SAMSKAB_HTTP_JSON_H
#define SAMSKAB_HTTP_JSON_H

#include <jansson.h>

#include "http/request.h"

/* Writes j (taking ownership; NULL is a failure) as r's body, typed
 * application/json, and returns status; 500 when it cannot be written.
 * Reals keep 10 significant digits, as opinion maps are stored
 * (model/opinion_map.c): a stored map goes out as it was stored. */
int http_json(struct req *r, json_t *j, int status);

#endif
