/*
 * errors_test.c: bad input from the outside. Each case gets a clear page
 * in the reader's language with the right 4xx, and the server goes on
 * serving (checked after every case).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/support.h"

static struct test_server srv;

static int setup(void **state)
{
	(void)state;
	const char *extra[] = { "--max-field", "4096", NULL };
	test_db_create(&srv, 1);
	test_server_start(&srv, extra);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_server_stop(&srv);
	test_db_drop(&srv);
	return 0;
}

/* The server still answers a normal request. */
static void still_serving(void)
{
	struct http_resp r;
	http_get(&srv, "/areas", &r);
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
}

static const struct {
	const char *method, *path;
	long status;
	const char *says; /* in the Danish page */
} cases[] = {
	{ "GET", "/no/such/page", 404, "Siden findes ikke" },
	{ "GET", "/organisations/999999", 404, "Vi kan ikke finde det" },
	{ "GET", "/organisations/abc", 404, "Siden findes ikke" },
	{ "GET", "/organisations/0", 404, "Siden findes ikke" },
	{ "GET", "/organisations/-1", 404, "Siden findes ikke" },
	{ "GET", "/organisations/007", 404, "Siden findes ikke" },
	{ "GET", "/organisations/99999999999999999999999", 404, "Siden findes ikke" },
	{ "GET", "/areas/%zz", 400, "ugyldig %-kode" },
	{ "GET", "/areas%", 400, "ugyldig %-kode" },
	{ "GET", "/areas/%C3%28", 400, "ugyldige tegn" },
	{ "GET", "/areas/%00", 400, "ugyldige tegn" },
	{ "GET", "/organisations?sector=%FF", 400, "ugyldige tegn" },
	{ "GET", "/organisations?sector=banks", 400, "En valgt mulighed findes ikke" },
	{ "GET", "/organisations?page=abc", 400, "Et tal i adressen er ikke gyldigt" },
	{ "GET", "/organisations?page=0", 400, "Et tal i adressen er ikke gyldigt" },
	{ "GET", "/organisations?area=1e3", 400, "Et tal i adressen er ikke gyldigt" },
	{ "DELETE", "/organisations/1", 405, "kan ikke bruges på denne måde" },
	{ "POST", "/areas", 405, "kan ikke bruges på denne måde" },
	{ "PUT", "/", 405, "kan ikke bruges på denne måde" },
};

static void test_bad_requests_get_clear_pages(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct http_resp r;
		http_request(&srv, cases[i].method, cases[i].path, NULL, NULL, &r);
		if (r.status != cases[i].status)
			fail_msg("%s %s: status %ld, expected %ld", cases[i].method, cases[i].path, r.status,
				 cases[i].status);
		assert_contains(r.body, cases[i].says);
		assert_contains(r.body, "<a href=\"/\">Gå til forsiden</a>");
		char *type = http_header(&r, "Content-Type");
		assert_string_equal(type, "text/html; charset=utf-8");
		free(type);
		http_resp_free(&r);
		still_serving();
	}
}

static void test_405_names_allowed_methods(void **state)
{
	(void)state;
	struct http_resp r;
	http_request(&srv, "DELETE", "/organisations/1", NULL, NULL, &r);
	char *allow = http_header(&r, "Allow");
	assert_string_equal(allow, "GET, HEAD");
	free(allow);
	http_resp_free(&r);
}

static void test_error_page_in_english(void **state)
{
	(void)state;
	struct http_resp r;
	const char *h[] = { "Accept-Language: en", NULL };
	http_request(&srv, "GET", "/nothing-here", NULL, h, &r);
	assert_int_equal(r.status, 404);
	assert_contains(r.body, "<html lang=\"en\"");
	assert_contains(r.body, "Page not found");
	http_resp_free(&r);
}

static void test_oversize_body_is_413(void **state)
{
	(void)state;
	size_t n = (1 << 20) + 10;
	char *big = malloc(n + 1);
	memset(big, 'a', n);
	memcpy(big, "x=", 2);
	big[n] = '\0';
	struct http_resp r;
	const char *h[] = { "Content-Type: application/x-www-form-urlencoded", NULL };
	http_request(&srv, "POST", "/language", big, h, &r);
	assert_int_equal(r.status, 413);
	assert_contains(r.body, "For meget data");
	http_resp_free(&r);
	free(big);
	still_serving();
}

static void test_too_many_fields_is_413(void **state)
{
	(void)state;
	struct http_resp r;
	char path[4096] = "/organisations?";
	for (int i = 0; i < 250; i++) {
		size_t used = strlen(path);
		snprintf(path + used, sizeof path - used, "f%d=1&", i);
	}
	http_get(&srv, path, &r);
	assert_int_equal(r.status, 413);
	assert_contains(r.body, "for mange felter");
	http_resp_free(&r);
	still_serving();
}

static void test_overlong_field_is_413(void **state)
{
	(void)state;
	/* The server runs with --max-field 4096. */
	char path[8192];
	snprintf(path, sizeof path, "/organisations?q=");
	memset(path + strlen(path), 'b', 5000);
	path[17 + 5000] = '\0';
	struct http_resp r;
	http_get(&srv, path, &r);
	assert_int_equal(r.status, 413);
	assert_contains(r.body, "Et af felterne er for langt");
	http_resp_free(&r);
	still_serving();
}

static void test_overlong_url_is_414(void **state)
{
	(void)state;
	size_t n = 70000;
	char *path = malloc(n + 1);
	memcpy(path, "/organisations?q=", 17);
	memset(path + 17, 'b', n - 17);
	path[n] = '\0';
	struct http_resp r;
	http_get(&srv, path, &r);
	assert_int_equal(r.status, 414);
	http_resp_free(&r);
	free(path);
	still_serving();
}

static void test_wrong_content_type_is_415(void **state)
{
	(void)state;
	struct http_resp r;
	const char *h[] = { "Content-Type: application/json", NULL };
	http_request(&srv, "GET", "/organisations", "{\"a\":1}", h, &r);
	assert_int_equal(r.status, 415);
	assert_contains(r.body, "format");
	http_resp_free(&r);
}

static void test_api_errors_are_json(void **state)
{
	(void)state;
	struct http_resp r;
	http_get(&srv, "/api/v1/organisations/424242", &r);
	assert_int_equal(r.status, 404);
	char *type = http_header(&r, "Content-Type");
	assert_string_equal(type, "application/json; charset=utf-8");
	assert_contains(r.body, "\"status\":404");
	free(type);
	http_resp_free(&r);
	http_get(&srv, "/api/v1/organisations?per_page=1000", &r);
	assert_int_equal(r.status, 400);
	assert_contains(r.body, "\"error\"");
	http_resp_free(&r);
}

/* Found by an attacker: a redirect's Location carried raw non-ASCII
 * bytes (and spaces, quotes) from the address it was given. */
static void test_location_is_percent_encoded(void **state)
{
	(void)state;
	struct http_resp r;
	http_get(&srv, "/language?set=en&next=/s%C3%B8g%20x?q=%E2%80%AE%22%3C%7B", &r);
	assert_int_equal(r.status, 303);
	char *location = http_header(&r, "Location");
	assert_string_equal(location, "/s%C3%B8g%20x?q=%E2%80%AE%22%3C%7B");
	free(location);
	http_resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_bad_requests_get_clear_pages),
		TEST_CASE(test_405_names_allowed_methods),
		TEST_CASE(test_error_page_in_english),
		TEST_CASE(test_oversize_body_is_413),
		TEST_CASE(test_too_many_fields_is_413),
		TEST_CASE(test_overlong_field_is_413),
		TEST_CASE(test_overlong_url_is_414),
		TEST_CASE(test_wrong_content_type_is_415),
		TEST_CASE(test_api_errors_are_json),
		TEST_CASE(test_location_is_percent_encoded),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
