/*
 * pages_test.c: the public pages of the foundation, through a real server
 * with the demo data: what a visitor sees, in Danish and English, and the
 * headers every response carries.
 */
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

static void test_home_shows_areas_themes_sectors(void **state)
{
	(void)state;
	struct http_resp r;
	http_get(&srv, "/", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "<html lang=\"da\" dir=\"ltr\">");
	assert_contains(r.body, "<h1>Politik, vi skaber sammen</h1>");
	assert_contains(r.body, ">Glamsbjerg</a>");
	assert_contains(r.body, ">Integration af flygtninge</a>");
	assert_contains(r.body, "<a class=\"skip\" href=\"#main\">");
	assert_contains(r.body, "<main id=\"main\"");
	/* 18 arena organisations + 4 local groups, by sector */
	assert_contains(r.body, "/organisations?sector=public\"><span class=\"count\">7</span>");
	assert_contains(r.body, "/organisations?sector=citizen\"><span class=\"count\">3</span>");
	http_resp_free(&r);
}

static void test_security_headers_on_every_response(void **state)
{
	(void)state;
	const char *paths[] = { "/", "/organisations/1", "/nope", "/api/v1/areas", "/healthz" };
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		struct http_resp r;
		http_get(&srv, paths[i], &r);
		char *csp = http_header(&r, "Content-Security-Policy");
		assert_non_null(csp);
		assert_contains(csp, "frame-ancestors 'none'");
		assert_not_contains(csp, "unsafe-inline");
		char *nosniff = http_header(&r, "X-Content-Type-Options");
		char *referrer = http_header(&r, "Referrer-Policy");
		char *rid = http_header(&r, "X-Request-Id");
		assert_string_equal(nosniff, "nosniff");
		assert_non_null(referrer);
		assert_non_null(rid);
		free(csp);
		free(nosniff);
		free(referrer);
		free(rid);
		http_resp_free(&r);
	}
}

static void test_organisation_list_filter_and_detail(void **state)
{
	(void)state;
	struct http_resp r;
	http_get(&srv, "/organisations?sector=private", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, ">NCC</a>");
	assert_contains(r.body, ">ISS</a>");
	assert_not_contains(r.body, ">DGI</a>");
	assert_contains(r.body, "<option value=\"private\" selected>");
	assert_contains(r.body, "4 organisationer");
	http_resp_free(&r);

	http_get(&srv, "/organisations", &r);
	/* Sorted by name regardless of case: "Resonans" before "RUC". */
	const char *res = strstr(r.body, ">Resonans</a>"), *ruc = strstr(r.body, ">RUC</a>");
	assert_non_null(res);
	assert_non_null(ruc);
	assert_true(res < ruc);
	char *href = strstr(r.body, "<a href=\"/organisations/");
	assert_non_null(href);
	char path[64];
	snprintf(path, sizeof path, "/organisations/%d", atoi(href + 24));
	http_resp_free(&r);

	http_get(&srv, "/organisations?area=4", &r); /* Glamsbjerg: its sports club and local life's four associations */
	assert_int_equal(r.status, 200);
	assert_contains(r.body, ">Glamsbjerg Idrætsforening</a>");
	assert_contains(r.body, "5 organisationer");
	http_resp_free(&r);

	http_get(&srv, path, &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "<dt>Sektor</dt>");
	http_resp_free(&r);
}

static void test_area_page_lists_its_organisations(void **state)
{
	(void)state;
	struct http_resp r;
	http_get(&srv, "/areas", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "<a href=\"/areas/5\">Haarby</a>");
	http_resp_free(&r);
	http_get(&srv, "/areas/5", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "<h1>Haarby</h1>");
	assert_contains(r.body, "Haarby Netværk for Nye Naboer");
	http_resp_free(&r);
}

static void test_themes(void **state)
{
	(void)state;
	struct http_resp r;
	http_get(&srv, "/themes", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Ensomme ældre");
	assert_contains(r.body, "Udsatte unge");
	http_resp_free(&r);
	http_get(&srv, "/themes/1", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "<h1>");
	http_resp_free(&r);
}

static void test_english_by_accept_language_and_cookie(void **state)
{
	(void)state;
	struct http_resp r;
	const char *accept_en[] = { "Accept-Language: en-GB,en;q=0.9,da;q=0.5", NULL };
	http_request(&srv, "GET", "/", NULL, accept_en, &r);
	assert_contains(r.body, "<html lang=\"en\" dir=\"ltr\">");
	assert_contains(r.body, "<h1>Policy we make together</h1>");
	/* Danish content keeps its language for screen readers. */
	assert_contains(r.body, "lang=\"da\"");
	http_resp_free(&r);

	/* The cookie wins over the header. */
	const char *cookie_da[] = { "Accept-Language: en", "Cookie: lang=da", NULL };
	http_request(&srv, "GET", "/", NULL, cookie_da, &r);
	assert_contains(r.body, "<h1>Politik, vi skaber sammen</h1>");
	http_resp_free(&r);

	/* An unknown language falls back to Danish. */
	const char *accept_xx[] = { "Accept-Language: xx, zz;q=0.2", NULL };
	http_request(&srv, "GET", "/", NULL, accept_xx, &r);
	assert_contains(r.body, "<html lang=\"da\"");
	http_resp_free(&r);
}

static void test_language_switch_sets_cookie_and_returns(void **state)
{
	(void)state;
	struct http_resp r;
	http_get(&srv, "/language?set=en&next=%2Forganisations%3Fsector%3Dpublic", &r);
	assert_int_equal(r.status, 303);
	char *loc = http_header(&r, "Location"), *cookie = http_header(&r, "Set-Cookie");
	assert_string_equal(loc, "/organisations?sector=public");
	assert_contains(cookie, "lang=en");
	assert_contains(cookie, "HttpOnly");
	assert_contains(cookie, "SameSite=Lax");
	free(loc);
	free(cookie);
	http_resp_free(&r);

	/* Never a redirect to another site. */
	const char *bad[] = { "https%3A%2F%2Fevil.example", "%2F%2Fevil.example", "%2F%5Cevil",
			      "%2Fok%0D%0ASet-Cookie%3A%20x%3D1" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char path[160];
		snprintf(path, sizeof path, "/language?set=en&next=%s", bad[i]);
		http_get(&srv, path, &r);
		assert_int_equal(r.status, 303);
		loc = http_header(&r, "Location");
		assert_string_equal(loc, "/");
		free(loc);
		http_resp_free(&r);
	}

	http_get(&srv, "/language?set=xx", &r);
	assert_int_equal(r.status, 400);
	assert_contains(r.body, "Sproget findes ikke");
	http_resp_free(&r);
}

static void test_accessibility_statement(void **state)
{
	(void)state;
	struct http_resp r;
	http_get(&srv, "/accessibility", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "<h1>Tilgængelighedserklæring</h1>");
	assert_contains(r.body, "WCAG 2.1");
	assert_contains(r.body, "mailto:");
	assert_contains(r.body, "Digitaliseringsstyrelsen");
	http_resp_free(&r);
}

static void test_assets_are_immutable_with_etag(void **state)
{
	(void)state;
	struct http_resp r;
	http_get(&srv, "/", &r);
	char *css = strstr(r.body, "/assets/style.");
	assert_non_null(css);
	char path[128];
	snprintf(path, sizeof path, "%.*s", (int)strcspn(css, "\""), css);
	http_resp_free(&r);

	http_get(&srv, path, &r);
	assert_int_equal(r.status, 200);
	char *cc = http_header(&r, "Cache-Control"), *etag = http_header(&r, "ETag"),
	     *type = http_header(&r, "Content-Type");
	assert_string_equal(cc, "public, max-age=31536000, immutable");
	assert_string_equal(type, "text/css; charset=utf-8");
	assert_non_null(etag);
	assert_contains(r.body, ":focus-visible");
	http_resp_free(&r);

	char inm[128];
	snprintf(inm, sizeof inm, "If-None-Match: %s", etag);
	const char *h[] = { inm, NULL };
	http_request(&srv, "GET", path, NULL, h, &r);
	assert_int_equal(r.status, 304);
	assert_int_equal(r.len, 0);
	http_resp_free(&r);

	/* An old hash is not served under the new content. */
	http_get(&srv, "/assets/style.000000000000.css", &r);
	assert_int_equal(r.status, 404);
	http_resp_free(&r);
	free(cc);
	free(etag);
	free(type);
}

/* A client that takes gzip gets the same page compressed, with Vary so
 * caches keep both; one that does not (or refuses it with q=0) gets it
 * plain; small answers are not compressed. */
static void test_gzip_for_clients_that_take_it(void **state)
{
	(void)state;
	struct http_resp plain, z;
	http_get(&srv, "/organisations", &plain);
	assert_int_equal(plain.status, 200);
	assert_null(http_header(&plain, "Content-Encoding"));
	char *vary = http_header(&plain, "Vary");
	assert_contains(vary, "Accept-Encoding");
	free(vary);

	const char *gzip[] = { "Accept-Encoding: gzip, deflate", NULL };
	http_request(&srv, "GET", "/organisations", NULL, gzip, &z);
	assert_int_equal(z.status, 200);
	char *enc = http_header(&z, "Content-Encoding"), *length = http_header(&z, "Content-Length");
	assert_string_equal(enc, "gzip");
	assert_non_null(length);
	if (strtol(length, NULL, 10) * 2 > (long)plain.len)
		fail_msg("compressed %s bytes of %zu", length, plain.len);
	/* The same page, but for the CSRF token and request id. */
	assert_int_equal(z.len, plain.len);
	free(enc);
	free(length);
	http_resp_free(&z);

	const char *refused[] = { "Accept-Encoding: gzip;q=0, identity", NULL };
	http_request(&srv, "GET", "/organisations", NULL, refused, &z);
	assert_null(http_header(&z, "Content-Encoding"));
	http_resp_free(&z);

	http_request(&srv, "GET", "/healthz", NULL, gzip, &z);
	assert_int_equal(z.status, 200);
	assert_null(http_header(&z, "Content-Encoding"));
	http_resp_free(&z);
	http_resp_free(&plain);
}

static void test_head_has_no_body(void **state)
{
	(void)state;
	struct http_resp r;
	http_request(&srv, "HEAD", "/areas", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.len, 0);
	http_resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_home_shows_areas_themes_sectors),
		TEST_CASE(test_security_headers_on_every_response),
		TEST_CASE(test_organisation_list_filter_and_detail),
		TEST_CASE(test_area_page_lists_its_organisations),
		TEST_CASE(test_themes),
		TEST_CASE(test_english_by_accept_language_and_cookie),
		TEST_CASE(test_language_switch_sets_cookie_and_returns),
		TEST_CASE(test_accessibility_statement),
		TEST_CASE(test_assets_are_immutable_with_etag),
		TEST_CASE(test_head_has_no_body),
		TEST_CASE(test_gzip_for_clients_that_take_it),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
