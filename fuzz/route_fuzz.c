/*
 * route_fuzz.c: libFuzzer harness for src/http/route.c and the path
 * checks of src/http/query.c: every path the outside sends is matched
 * against the application's route table (src/routes.c) for every method,
 * ids are read by route_id, and "next" addresses go through
 * query_local_path. Checks: a match fills only positive ids that are the
 * path's own digits, a bad method names allowed ones, route_id takes
 * exactly the canonical decimals, and query_local_path never lets out
 * another site or a control character.
 * Run long through fuzz/run (make fuzz); make check replays the corpus.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/query.h"
#include "http/route.h"
#include "routes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *s)
{
	fprintf(stderr, "route_fuzz: %s: \"%s\"\n", what, s);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A path is a C string: cut at the first NUL. */
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';

	for (int m = 0; m < HTTP__MAX; m++) {
		size_t index;
		int64_t params[REQ_MAX_PARAMS];
		int nparams = 0;
		const char *rest = NULL;
		unsigned allowed = 0;
		int rc = route_match(app_routes, app_routes_count, (enum http_method)m, s, &index, params,
				     &nparams, &rest, &allowed);
		if (rc == ROUTE_FOUND) {
			if (index >= app_routes_count)
				fail("index past the table", s);
			if (nparams < 0 || nparams > REQ_MAX_PARAMS)
				fail("parameter count", s);
			for (int i = 0; i < nparams; i++) {
				char digits[24];
				snprintf(digits, sizeof digits, "/%" PRId64, params[i]);
				if (params[i] <= 0 || strstr(s, digits) == NULL)
					fail("a parameter that is not the path's own positive id", s);
			}
			if (rest && (*rest == '\0' || rest < s || rest > s + size))
				fail("rest outside the path", s);
		} else if (rc == ROUTE_BAD_METHOD) {
			if (allowed == 0 || (allowed & (1u << m)))
				fail("bad method without another allowed", s);
		} else if (rc != ROUTE_NOT_FOUND) {
			fail("unknown result", s);
		}
	}

	int64_t id = route_id(s);
	char canonical[24];
	snprintf(canonical, sizeof canonical, "%" PRId64, id);
	if (id >= 0 && (id == 0 || strcmp(canonical, s) != 0))
		fail("route_id took what is not a canonical positive decimal", s);
	if (id < 0 && size > 0 && size <= 18 && s[0] >= '1' && s[0] <= '9' &&
	    strspn(s, "0123456789") == size)
		fail("route_id refused a canonical decimal", s);

	const char *next = query_local_path(s);
	if (next != s && strcmp(next, "/") != 0)
		fail("query_local_path made up an address", s);
	if (next[0] != '/' || next[1] == '/' || strpbrk(next, "\\\r\n\t"))
		fail("query_local_path let out another site or a control character", s);
	free(s);
	return 0;
}
