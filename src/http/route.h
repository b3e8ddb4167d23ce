/*
 * route.h: matching a method and path against the route table. The table
 * itself is the application's (src/routes.c); this file only matches.
 */
#ifndef SAMSKAB_HTTP_ROUTE_H
#define SAMSKAB_HTTP_ROUTE_H

#include <stddef.h>

#include "http/request.h"

enum route_result { ROUTE_FOUND = 0, ROUTE_NOT_FOUND = -1, ROUTE_BAD_METHOD = -2 };

/*
 * Finds the route for method and path. On ROUTE_FOUND, *index is the row
 * and params/rest hold what the pattern captured. On ROUTE_BAD_METHOD the
 * path exists for other methods: *allowed gets a bit per enum http_method.
 * HEAD matches GET routes.
 */
int route_match(const struct route *table, size_t n, enum http_method method, const char *path,
		size_t *index, int64_t *params, int *nparams, const char **rest, unsigned *allowed);
/* The id s names: a positive decimal integer of at most 18 digits, without
 * sign, spaces or leading zeros, as a {x} segment of a path; -1 for
 * anything else (NULL, "", "11abc", "14e9", "17.9", " 13", "+16", "007").
 * Every id a form or query sends is read with it. */
int64_t route_id(const char *s);
enum http_method http_method_parse(const char *s);
const char *http_method_name(enum http_method m);

#endif
