/*
 * api_test.c: the JSON endpoints under /api/v1/, read with a real JSON
 * parser: shapes, paging and filters that other municipalities' tools
 * would rely on.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/support.h"

static struct test_server srv;

static int setup(void **state)
{
	(void)state;
	test_server_up(&srv, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_server_stop(&srv);
	test_db_drop(&srv);
	return 0;
}

/* GETs path, asserts 200 JSON, returns the parsed document. */
static json_t *get_json(const char *path)
{
	struct http_resp r;
	http_get(&srv, path, &r);
	if (r.status != 200)
		fail_msg("GET %s: %ld %s", path, r.status, r.body);
	char *type = http_header(&r, "Content-Type");
	assert_string_equal(type, "application/json; charset=utf-8");
	free(type);
	json_error_t err;
	json_t *j = json_loads(r.body, JSON_REJECT_DUPLICATES, &err);
	if (j == NULL)
		fail_msg("GET %s: not JSON (%s): %s", path, err.text, r.body);
	http_resp_free(&r);
	return j;
}

static void test_organisations_paged_with_next_links(void **state)
{
	(void)state;
	json_t *j = get_json("/api/v1/organisations?per_page=5&sector=");
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 32);
	assert_int_equal(json_integer_value(json_object_get(j, "per_page")), 5);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 5);
	/* Walk the pages by following "next": every organisation once. */
	int seen = 0, pages = 0;
	char next[512];
	snprintf(next, sizeof next, "%s", json_string_value(json_object_get(j, "next")));
	seen += (int)json_array_size(json_object_get(j, "items"));
	pages++;
	json_decref(j);
	while (next[0]) {
		j = get_json(next);
		seen += (int)json_array_size(json_object_get(j, "items"));
		pages++;
		json_t *n = json_object_get(j, "next");
		snprintf(next, sizeof next, "%s", json_is_string(n) ? json_string_value(n) : "");
		json_decref(j);
		assert_true(pages < 10);
	}
	assert_int_equal(seen, 32);
	assert_int_equal(pages, 7);
}

static void test_organisation_shape(void **state)
{
	(void)state;
	json_t *j = get_json("/api/v1/organisations?sector=voluntary&per_page=100");
	json_t *items = json_object_get(j, "items");
	assert_true(json_array_size(items) >= 8);
	size_t i;
	json_t *o;
	int found_dgi = 0;
	json_array_foreach(items, i, o)
	{
		assert_string_equal(json_string_value(json_object_get(o, "sector")), "voluntary");
		assert_true(json_is_integer(json_object_get(o, "id")));
		assert_true(json_is_string(json_object_get(o, "url")));
		if (strcmp(json_string_value(json_object_get(o, "name")), "DGI") == 0) {
			found_dgi = 1;
			assert_string_equal(json_string_value(json_object_get(o, "website")), "https://www.dgi.dk");
			assert_true(json_is_null(json_object_get(o, "area")));
		}
	}
	assert_true(found_dgi);
	assert_true(json_is_null(json_object_get(j, "next")));
	json_decref(j);
}

static void test_organisation_by_id_with_area(void **state)
{
	(void)state;
	json_t *list = get_json("/api/v1/organisations?area=1");
	json_t *first = json_array_get(json_object_get(list, "items"), 0);
	assert_non_null(first);
	char path[64];
	snprintf(path, sizeof path, "/api/v1/organisations/%lld",
		 (long long)json_integer_value(json_object_get(first, "id")));
	json_t *o = get_json(path);
	json_t *area = json_object_get(o, "area");
	assert_string_equal(json_string_value(json_object_get(area, "name")), "Assens");
	assert_int_equal(json_integer_value(json_object_get(area, "id")), 1);
	json_decref(o);
	json_decref(list);
}

static void test_areas_and_themes(void **state)
{
	(void)state;
	json_t *j = get_json("/api/v1/areas");
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 8);
	json_t *a = json_array_get(json_object_get(j, "items"), 0);
	assert_string_equal(json_string_value(json_object_get(a, "name")), "Aarup");
	assert_string_equal(json_string_value(json_object_get(a, "lang")), "da");
	json_decref(j);
	j = get_json("/api/v1/areas/6");
	assert_string_equal(json_string_value(json_object_get(j, "name")), "Tommerup");
	json_decref(j);
	j = get_json("/api/v1/themes");
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 3);
	json_decref(j);
	j = get_json("/api/v1/themes/3");
	assert_true(json_is_string(json_object_get(j, "description")));
	json_decref(j);
}

static void test_api_is_readable_cross_origin(void **state)
{
	(void)state;
	struct http_resp r;
	http_get(&srv, "/api/v1/areas", &r);
	char *acao = http_header(&r, "Access-Control-Allow-Origin");
	assert_string_equal(acao, "*");
	free(acao);
	http_resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_organisations_paged_with_next_links),
		TEST_CASE(test_organisation_shape),
		TEST_CASE(test_organisation_by_id_with_area),
		TEST_CASE(test_areas_and_themes),
		TEST_CASE(test_api_is_readable_cross_origin),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
