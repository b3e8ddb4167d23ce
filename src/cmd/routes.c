/*
 * routes.c: `samskab routes`: the route table (src/routes.c) one route a
 * line, "METHOD PATTERN PERMISSION FLAGS", for operators writing proxy
 * rules and for tests that must reach every page and form without a list
 * of their own (tests/browser/hostile.test.mjs).
 */
#include <stdio.h>

#include "cmd/cmd.h"
#include "http/route.h"
#include "model/role.h"
#include "routes.h"

static const char *const perm_codes[] = {
	[PERM_ANYONE] = "anyone",
	[PERM_SIGNED_IN] = "signed-in",
	[PERM_ADMIN] = "admin",
	[PERM_ORGANISE] = "organise",
	[PERM_FACILITATE] = "facilitate",
	[PERM_MODERATE] = "moderate",
	[PERM_REPRESENT] = "represent",
	[PERM_COORDINATE] = "coordinate",
	[PERM_FOLLOW_UP] = "follow-up",
	[PERM_DECIDE] = "decide",
	[PERM_LOCAL_LIFE] = "local-life",
	[PERM_MODERATE_SITE] = "moderate-site",
};
_Static_assert(sizeof perm_codes / sizeof perm_codes[0] == PERM__MAX, "a code for every permission");

static const struct {
	unsigned bit;
	const char *code;
} flag_codes[] = {
	{ ROUTE_NO_DB, "no-db" },
	{ ROUTE_DB_OPTIONAL, "db-optional" },
	{ ROUTE_OWN_SNAPSHOT, "own-snapshot" },
	{ ROUTE_ONE_CLICK, "one-click" },
	{ ROUTE_UPLOAD, "upload" },
	{ ROUTE_OPERATOR, "operator" },
};

int cmd_routes(int argc, char **argv)
{
	const struct opt_cmd cmd = {
		"routes", "",
		"Print every route the server answers, one a line: method, pattern ({x} is an id, "
		"a trailing * the rest of the path), the permission it needs (anyone, signed-in, "
		"admin, organise, facilitate, moderate, represent, coordinate, follow-up, decide, "
		"local-life, moderate-site) and its flags, comma-separated, or - (upload: the form "
		"may carry files; one-click: a mail link's POST without a session; operator: "
		"loopback or the operator token only; no-db, db-optional, own-snapshot: how it "
		"uses the database).",
		NULL, 0, 0, 0
	};
	char *args[1];
	int nargs, rc = opt_parse(&cmd, argc, argv, args, &nargs);
	if (rc != 0)
		return rc == 1 ? 0 : rc;
	for (size_t i = 0; i < app_routes_count; i++) {
		const struct route *rt = &app_routes[i];
		printf("%s %s %s ", http_method_name(rt->method), rt->pattern, perm_codes[rt->perm]);
		int any = 0;
		for (size_t f = 0; f < sizeof flag_codes / sizeof flag_codes[0]; f++)
			if (rt->flags & flag_codes[f].bit)
				printf("%s%s", any++ ? "," : "", flag_codes[f].code);
		printf("%s\n", any ? "" : "-");
	}
	return ferror(stdout) ? 1 : 0;
}
