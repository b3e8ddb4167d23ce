/*
 * route_test.c: path matching (src/http/route.c) on a test table, and
 * checks on the application's own table (src/routes.c): every pattern is
 * well formed, no two rows clash, and every row can be reached.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "http/route.h"
#include "routes.h"

static int h_dummy(struct req *r)
{
	(void)r;
	return 200;
}

enum {
	R_HOME,
	R_ITEMS,
	R_ITEMS_POST,
	R_ITEMS_NEW,
	R_ITEM,
	R_ITEM_DELETE,
	R_ITEM_PART,
	R_FILES,
	R_FIRST,
	R_SHADOWED,
	R_POST_ONLY,
	R__MAX
};

static const struct route table[R__MAX] = {
	[R_HOME] = { HTTP_GET, "/", h_dummy, 0 },
	[R_ITEMS] = { HTTP_GET, "/items", h_dummy, 0 },
	[R_ITEMS_POST] = { HTTP_POST, "/items", h_dummy, 0 },
	[R_ITEMS_NEW] = { HTTP_GET, "/items/new", h_dummy, 0 },
	[R_ITEM] = { HTTP_GET, "/items/{id}", h_dummy, 0 },
	[R_ITEM_DELETE] = { HTTP_DELETE, "/items/{id}", h_dummy, 0 },
	[R_ITEM_PART] = { HTTP_GET, "/items/{id}/parts/{part}", h_dummy, 0 },
	[R_FILES] = { HTTP_GET, "/files/*", h_dummy, 0 },
	[R_FIRST] = { HTTP_GET, "/first/{id}", h_dummy, 0 },
	[R_SHADOWED] = { HTTP_GET, "/first/*", h_dummy, 0 },
	[R_POST_ONLY] = { HTTP_POST, "/submit", h_dummy, 0 },
};

#define BIT(m) (1u << (m))

static const struct {
	enum http_method method;
	const char *path;
	int result;         /* ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_BAD_METHOD */
	int index;          /* for ROUTE_FOUND */
	const char *params; /* "1,2" for ROUTE_FOUND */
	const char *rest;   /* for ROUTE_FOUND with '*' */
	unsigned allowed;   /* for ROUTE_BAD_METHOD */
} cases[] = {
	{ HTTP_GET, "/", ROUTE_FOUND, R_HOME, "", NULL, 0 },
	{ HTTP_GET, "/items", ROUTE_FOUND, R_ITEMS, "", NULL, 0 },
	{ HTTP_POST, "/items", ROUTE_FOUND, R_ITEMS_POST, "", NULL, 0 },
	{ HTTP_GET, "/items/new", ROUTE_FOUND, R_ITEMS_NEW, "", NULL, 0 },
	{ HTTP_GET, "/items/1", ROUTE_FOUND, R_ITEM, "1", NULL, 0 },
	{ HTTP_GET, "/items/42", ROUTE_FOUND, R_ITEM, "42", NULL, 0 },
	{ HTTP_GET, "/items/123456789012345678", ROUTE_FOUND, R_ITEM, "123456789012345678", NULL, 0 },
	{ HTTP_GET, "/items/999999999999999999", ROUTE_FOUND, R_ITEM, "999999999999999999", NULL, 0 },
	{ HTTP_DELETE, "/items/7", ROUTE_FOUND, R_ITEM_DELETE, "7", NULL, 0 },
	{ HTTP_GET, "/items/7/parts/3", ROUTE_FOUND, R_ITEM_PART, "7,3", NULL, 0 },
	{ HTTP_GET, "/files/style.css", ROUTE_FOUND, R_FILES, "", "style.css", 0 },
	{ HTTP_GET, "/files/a/b/c.js", ROUTE_FOUND, R_FILES, "", "a/b/c.js", 0 },
	{ HTTP_GET, "/first/5", ROUTE_FOUND, R_FIRST, "5", NULL, 0 }, /* first match wins */
	{ HTTP_GET, "/first/x", ROUTE_FOUND, R_SHADOWED, "", "x", 0 },
	/* HEAD is answered by GET routes. */
	{ HTTP_HEAD, "/items", ROUTE_FOUND, R_ITEMS, "", NULL, 0 },
	{ HTTP_HEAD, "/items/3", ROUTE_FOUND, R_ITEM, "3", NULL, 0 },
	{ HTTP_HEAD, "/files/x", ROUTE_FOUND, R_FILES, "", "x", 0 },

	/* {id} is a positive integer without leading zero, at most 18 digits. */
	{ HTTP_GET, "/items/0", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 },
	{ HTTP_GET, "/items/01", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 },
	{ HTTP_GET, "/items/-1", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 },
	{ HTTP_GET, "/items/+1", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 },
	{ HTTP_GET, "/items/1a", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 },
	{ HTTP_GET, "/items/1.0", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 },
	{ HTTP_GET, "/items/ 1", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 },
	{ HTTP_GET, "/items/0x10", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 },
	{ HTTP_GET, "/items/1234567890123456789", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 }, /* 19 digits */
	{ HTTP_GET, "/items/99999999999999999999", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 },
	{ HTTP_GET, "/items/", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 },
	{ HTTP_GET, "/items/1/", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 },
	{ HTTP_GET, "/items//1", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 },
	{ HTTP_GET, "/items/1/parts/", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 },
	{ HTTP_GET, "/items/1/parts/0", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 },
	/* Literal segments match exactly. */
	{ HTTP_GET, "/Items", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 },
	{ HTTP_GET, "/items/", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 },
	{ HTTP_GET, "/itemsx", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 },
	{ HTTP_GET, "/item", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 },
	{ HTTP_GET, "", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 },
	{ HTTP_GET, "//", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 },
	/* A trailing '*' needs something to match. */
	{ HTTP_GET, "/files/", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 },
	{ HTTP_GET, "/files", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 },

	/* 405: the path exists for other methods; allowed lists them. */
	{ HTTP_PUT, "/items", ROUTE_BAD_METHOD, 0, NULL, NULL, BIT(HTTP_GET) | BIT(HTTP_HEAD) | BIT(HTTP_POST) },
	{ HTTP_DELETE, "/items", ROUTE_BAD_METHOD, 0, NULL, NULL, BIT(HTTP_GET) | BIT(HTTP_HEAD) | BIT(HTTP_POST) },
	{ HTTP_POST, "/items/9", ROUTE_BAD_METHOD, 0, NULL, NULL, BIT(HTTP_GET) | BIT(HTTP_HEAD) | BIT(HTTP_DELETE) },
	{ HTTP_POST, "/", ROUTE_BAD_METHOD, 0, NULL, NULL, BIT(HTTP_GET) | BIT(HTTP_HEAD) },
	{ HTTP_OTHER, "/", ROUTE_BAD_METHOD, 0, NULL, NULL, BIT(HTTP_GET) | BIT(HTTP_HEAD) },
	{ HTTP_GET, "/submit", ROUTE_BAD_METHOD, 0, NULL, NULL, BIT(HTTP_POST) },
	{ HTTP_HEAD, "/submit", ROUTE_BAD_METHOD, 0, NULL, NULL, BIT(HTTP_POST) }, /* no GET: no HEAD */
	{ HTTP_POST, "/items/0", ROUTE_NOT_FOUND, 0, NULL, NULL, 0 }, /* no such path: 404, not 405 */
};

static void test_route_match_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t index = 999;
		int64_t params[REQ_MAX_PARAMS];
		int nparams = -1;
		const char *rest = "unset";
		unsigned allowed = 12345;
		int rc = route_match(table, R__MAX, cases[i].method, cases[i].path, &index, params, &nparams,
				     &rest, &allowed);
		const char *what = http_method_name(cases[i].method);
		if (rc != cases[i].result)
			fail_msg("%s %s: result %d, expected %d", what, cases[i].path, rc, cases[i].result);
		if (rc == ROUTE_FOUND) {
			if ((int)index != cases[i].index)
				fail_msg("%s %s: row %zu, expected %d", what, cases[i].path, index, cases[i].index);
			char got[128] = "";
			for (int k = 0; k < nparams; k++) {
				size_t used = strlen(got);
				snprintf(got + used, sizeof got - used, "%s%lld", k ? "," : "", (long long)params[k]);
			}
			if (strcmp(got, cases[i].params) != 0)
				fail_msg("%s %s: params \"%s\", expected \"%s\"", what, cases[i].path, got,
					 cases[i].params);
			if ((rest == NULL) != (cases[i].rest == NULL) ||
			    (rest && strcmp(rest, cases[i].rest) != 0))
				fail_msg("%s %s: rest \"%s\", expected \"%s\"", what, cases[i].path,
					 rest ? rest : "(null)", cases[i].rest ? cases[i].rest : "(null)");
		} else if (allowed != cases[i].allowed) {
			fail_msg("%s %s: allowed 0x%x, expected 0x%x", what, cases[i].path, allowed,
				 cases[i].allowed);
		}
	}
}

/* Ids in forms and queries are read like {x} segments (route_id). */
static void test_route_id_is_strict(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		int64_t id;
	} ids[] = {
		{ "1", 1 }, { "42", 42 }, { "999999999999999999", 999999999999999999 },
		{ NULL, -1 }, { "", -1 }, { "0", -1 }, { "007", -1 }, { "-1", -1 }, { "+16", -1 },
		{ " 13", -1 }, { "13 ", -1 }, { "11abc", -1 }, { "14e9", -1 }, { "17.9", -1 },
		{ "0x10", -1 }, { "1000000000000000000", -1 }, { "\xd9\xa1", -1 }, /* Arabic-Indic one */
	};
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		if (route_id(ids[i].s) != ids[i].id)
			fail_msg("route_id(\"%s\") = %lld, expected %lld", ids[i].s ? ids[i].s : "(null)",
				 (long long)route_id(ids[i].s), (long long)ids[i].id);
}

static void test_method_names_round_trip(void **state)
{
	(void)state;
	for (int m = 0; m < HTTP_OTHER; m++)
		assert_int_equal(http_method_parse(http_method_name((enum http_method)m)), m);
	/* Methods are case-sensitive (RFC 9110); unknown ones are OTHER. */
	assert_int_equal(http_method_parse("get"), HTTP_OTHER);
	assert_int_equal(http_method_parse("BREW"), HTTP_OTHER);
	assert_int_equal(http_method_parse(""), HTTP_OTHER);
	assert_int_equal(http_method_parse("GETX"), HTTP_OTHER);
	assert_string_equal(http_method_name(HTTP__MAX), "OTHER");
	assert_string_equal(http_method_name((enum http_method)-1), "OTHER");
}

/* NULL if pattern is well formed, else why not. */
static const char *pattern_problem(const char *p, int *nparams)
{
	*nparams = 0;
	if (p == NULL || p[0] != '/')
		return "does not start with '/'";
	if (strcmp(p, "/") == 0)
		return NULL;
	size_t n = strlen(p);
	if (p[n - 1] == '/')
		return "ends with '/'";
	if (strstr(p, "//"))
		return "has an empty segment";
	for (const char *s = p; *s; s++) {
		if (*s == '*') {
			if (s[1] != '\0' || s[-1] != '/')
				return "'*' is not a whole last segment";
		} else if (*s == '{') {
			if (s[-1] != '/')
				return "'{' does not start a segment";
			const char *close = strchr(s, '}');
			if (close == NULL)
				return "'{' without '}'";
			if (close == s + 1)
				return "empty parameter name";
			for (const char *c = s + 1; c < close; c++)
				if (!((*c >= 'a' && *c <= 'z') || *c == '_'))
					return "parameter name is not [a-z_]";
			if (close[1] != '\0' && close[1] != '/')
				return "'}' does not end a segment";
			(*nparams)++;
			s = close;
		} else if (*s == '}') {
			return "'}' without '{'";
		} else if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || strchr("/-._", *s))) {
			return "has a character other than a-z 0-9 - . _ /";
		}
	}
	if (*nparams > REQ_MAX_PARAMS)
		return "has more parameters than REQ_MAX_PARAMS";
	return NULL;
}

static void test_pattern_checker_refuses_bad_patterns(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"areas", "/areas/", "/a//b", "/a/*/b", "/a*", "/a/{id", "/a/{}", "/a/x{id}",
		"/a/{id}x", "/a/{ID}", "/a/}", "/A", "/a b", "/a/{a}/{b}/{c}/{d}/{e}",
	};
	int n;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (pattern_problem(bad[i], &n) == NULL)
			fail_msg("checker accepted \"%s\"", bad[i]);
	assert_null(pattern_problem("/", &n));
	assert_null(pattern_problem("/api/v1/areas/{id}", &n));
	assert_int_equal(n, 1);
	assert_null(pattern_problem("/assets/*", &n));
}

static void test_app_routes_are_well_formed(void **state)
{
	(void)state;
	assert_true(app_routes_count > 0);
	for (size_t i = 0; i < app_routes_count; i++) {
		const struct route *r = &app_routes[i];
		int n;
		const char *why = pattern_problem(r->pattern, &n);
		if (why)
			fail_msg("app_routes[%zu] \"%s\" %s", i, r->pattern ? r->pattern : "(null)", why);
		if (r->handler == NULL)
			fail_msg("app_routes[%zu] %s has no handler", i, r->pattern);
		if ((unsigned)r->method >= HTTP_OTHER || r->method == HTTP_HEAD)
			fail_msg("app_routes[%zu] %s: method %d (HEAD is served by GET rows)", i, r->pattern,
				 r->method);
	}
}

static void test_app_routes_have_no_duplicate_rows(void **state)
{
	(void)state;
	for (size_t i = 0; i < app_routes_count; i++)
		for (size_t k = i + 1; k < app_routes_count; k++)
			if (app_routes[i].method == app_routes[k].method &&
			    strcmp(app_routes[i].pattern, app_routes[k].pattern) == 0)
				fail_msg("app_routes[%zu] and [%zu] are both %s %s", i, k,
					 http_method_name(app_routes[i].method), app_routes[i].pattern);
}

static void test_every_app_route_is_reachable(void **state)
{
	(void)state;
	/* A path made from each pattern ({x} -> 1, * -> x) must reach its own
	 * row: an earlier row matching it would make this one dead code. */
	for (size_t i = 0; i < app_routes_count; i++) {
		char path[512] = "";
		size_t n = 0;
		for (const char *p = app_routes[i].pattern; *p && n + 2 < sizeof path; p++) {
			if (*p == '{') {
				path[n++] = '1';
				p = strchr(p, '}');
			} else if (*p == '*') {
				path[n++] = 'x';
			} else {
				path[n++] = *p;
			}
		}
		path[n] = '\0';
		size_t index;
		int64_t params[REQ_MAX_PARAMS];
		int nparams;
		const char *rest;
		unsigned allowed;
		int rc = route_match(app_routes, app_routes_count, app_routes[i].method, path, &index, params,
				     &nparams, &rest, &allowed);
		if (rc != ROUTE_FOUND || index != i)
			fail_msg("%s %s (row %zu) is answered by %s", http_method_name(app_routes[i].method),
				 path, i, rc == ROUTE_FOUND ? app_routes[index].pattern : "no row");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_route_match_table),
		cmocka_unit_test(test_route_id_is_strict),
		cmocka_unit_test(test_method_names_round_trip),
		cmocka_unit_test(test_pattern_checker_refuses_bad_patterns),
		cmocka_unit_test(test_app_routes_are_well_formed),
		cmocka_unit_test(test_app_routes_have_no_duplicate_rows),
		cmocka_unit_test(test_every_app_route_is_reachable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
