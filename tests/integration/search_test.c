/*
 * search_test.c: search through the real server with the demo data, the
 * same queries on SQLite and (in the PostgreSQL suite) on PostgreSQL with
 * the same answers: Danish word forms ("ældre" finds "ældres",
 * "foreninger" finds "forening"), filters, the box on every page, the
 * API; proposals and their comments; a statement waiting for a moderator
 * or a comment a moderator hid is never found, not in counts or
 * extracts; and bad queries (empty, 10 KB, operators and quotes an
 * engine would misread, bad UTF-8) get a clear answer, never a 500.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "support/support.h"

static struct test_server srv;

static int setup(void **state)
{
	(void)state;
	const char *extra[] = { "--rate-factor", "100", NULL };
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

static char *get(const char *path, long status)
{
	struct http_resp r;
	http_get(&srv, path, &r);
	if (r.status != status)
		fail_msg("GET %s: %ld, expected %ld\n%.2000s", path, r.status, status, r.body);
	char *body = strdup(r.body);
	http_resp_free(&r);
	return body;
}

/* The API's hits for query, as "kind:id kind:id ..." in order, and
 * the total. */
static const char *api_hits(const char *query, int64_t *total)
{
	static char out[4096];
	char path[512];
	snprintf(path, sizeof path, "/api/v1/search?%s", query);
	char *body = get(path, 200);
	json_error_t e;
	json_t *j = json_loads(body, 0, &e);
	if (j == NULL)
		fail_msg("%s: not JSON: %s", path, e.text);
	out[0] = '\0';
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(j, "items"), i, it)
	{
		size_t used = strlen(out);
		snprintf(out + used, sizeof out - used, "%s%s:%lld", i ? " " : "",
			 json_string_value(json_object_get(it, "kind")),
			 (long long)json_integer_value(json_object_get(it, "id")));
	}
	*total = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	free(body);
	return out;
}


static void test_danish_word_forms_in_the_demo(void **state)
{
	(void)state;
	/* "ældre" finds the dinner evening "for de ældres skyld". */
	char *body = get("/search?q=%C3%A6ldre", 200);
	assert_contains(body, "for de <mark>ældres</mark> skyld");
	assert_contains(body, "<a href=\"/arenas/2\">Ensomme <mark>ældre</mark> i Haarby</a>");
	assert_contains(body, "resultater for »ældre«");
	free(body);
	/* "foreninger" finds "forening" (the dinner) and "foreningerne". */
	body = get("/search?q=foreninger", 200);
	assert_contains(body, "sammen med en lokal <mark>forening</mark>");
	assert_contains(body, "<mark>Foreningerne</mark> bør åbne");
	free(body);
	/* The same through the API, with the same numbers on either engine. */
	int64_t total;
	const char *hits = api_hits("q=%C3%A6ldres&kind=activity", &total);
	assert_string_equal(test_sorted_words(hits), "activity:5 activity:7 activity:8");
	assert_int_equal(total, 3);
	hits = api_hits("q=%C3%A6ldre&kind=statement&per_page=50", &total);
	assert_string_equal(test_sorted_words(hits), "statement:1 statement:2 statement:4 statement:6 statement:7");
	hits = api_hits("q=%C3%A6ldre&per_page=50", &total);
	assert_string_equal(test_sorted_words(hits), "activity:5 activity:7 activity:8 arena:2 proposal:3 statement:1 "
					  "statement:2 statement:4 statement:6 statement:7 story:1");
	hits = api_hits("q=foreninger", &total);
	assert_string_equal(test_sorted_words(hits), "activity:3 activity:8 arena:2 comment:1 comment:2 comment:5 "
					  "organisation:13 proposal:1 proposal:2 statement:4 story:1");
	hits = api_hits("q=folkem%C3%B8det", &total);
	assert_string_equal(test_sorted_words(hits), "arena:1 organisation:9 story:1");
	hits = api_hits("q=folkem%C3%B8det&kind=story", &total);
	assert_string_equal(hits, "story:1");
	/* A title above a mention, on either engine. */
	hits = api_hits("q=fortæller&per_page=50", &total);
	assert_int_equal(strncmp(hits, "activity:", 9), 0);
	/* Filters: an area, a theme, an arena. */
	hits = api_hits("q=haarby&area=1", &total);
	assert_int_equal(total, 0);
	hits = api_hits("q=kommunen&theme=1", &total);
	assert_true(total > 0);
	int64_t all;
	api_hits("q=kommunen", &all);
	assert_true(all > total);
	hits = api_hits("q=kommunen&arena=1&kind=arena", &total);
	assert_string_equal(hits, "arena:1");
}

static void test_box_on_every_page(void **state)
{
	(void)state;
	static const char *const pages[] = { "/", "/arenas", "/arenas/2", "/areas/5", "/stories", "/privacy" };
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		char *body = get(pages[i], 200);
		assert_contains(body, "<form class=\"search\" role=\"search\" method=\"get\" action=\"/search\">");
		assert_contains(body, "<label for=\"site-search\" class=\"visually-hidden\">Søg på samskab</label>");
		free(body);
	}
	/* The error pages too. */
	char *body = get("/arenas/999999", 404);
	assert_contains(body, "action=\"/search\"");
	free(body);
}

static void test_hidden_statements_are_not_found(void **state)
{
	(void)state;
	struct test_client frida = { 0 }, anon = { 0 };
	test_sign_in(&srv, &frida, "frida%40demo.example", "demo-password", 303);
	struct http_resp r;
	client_get(&srv, &frida, "/arenas/2/dialogue/moderate", &r);
	http_resp_free(&r);
	client_post(&srv, &frida, "/arenas/2/dialogue/settings", "moderation=before", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	client_get(&srv, &anon, "/arenas/2/dialogue", &r);
	http_resp_free(&r);
	client_post(&srv, &anon, "/arenas/2/dialogue/statements", "text=Vi+skal+have+flere+pindsvinehuse+i+parken.", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	int64_t total;
	assert_string_equal(api_hits("q=pindsvinehuse", &total), "");
	assert_int_equal(total, 0);
	char *body = get("/search?q=pindsvinehuse", 200);
	assert_contains(body, "0 resultater for »pindsvinehuse«");
	assert_not_contains(body, "<mark>");
	free(body);
	/* The demo's turned-down statement is not found either. */
	assert_string_equal(api_hits("q=b%C3%A6nke", &total), "");
	/* Accepted: found. */
	int64_t id = test_sql_int(&srv, "SELECT MAX(id) FROM statement");
	char path[128];
	snprintf(path, sizeof path, "/arenas/2/dialogue/statements/%lld/moderate", (long long)id);
	client_get(&srv, &frida, "/arenas/2/dialogue/moderate", &r);
	http_resp_free(&r);
	client_post(&srv, &frida, path, "action=accept", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	char want[64];
	snprintf(want, sizeof want, "statement:%lld", (long long)id);
	assert_string_equal(api_hits("q=pindsvinehuse", &total), want);
	client_post(&srv, &frida, "/arenas/2/dialogue/settings", "moderation=after", &r);
	http_resp_free(&r);
}

static void test_proposals_and_their_comments(void **state)
{
	(void)state;
	/* A proposal by its newest text: "vejviseren" finds "vejvisere". */
	char *body = get("/search?q=vejviseren&kind=proposal", 200);
	assert_contains(body, "<a href=\"/arenas/1/proposals/1\">Kolleger som <mark>vejvisere</mark> til foreningslivet</a>");
	assert_contains(body, "<span class=\"tag\">Forslag</span> Samskabelsesarena om integration");
	free(body);
	/* A comment: where it is, the proposal it is on. */
	body = get("/search?q=badmintonklubben", 200);
	assert_contains(body, "<a href=\"/arenas/1/proposals/1/comments/4\">Kommentar til »Kolleger som vejvisere til "
			      "foreningslivet«</a>");
	assert_contains(body, "Jeg kom selv med i <mark>badmintonklubben</mark>");
	free(body);
	body = get("/api/v1/search?q=badmintonklubben", 200);
	assert_contains(body, "\"proposal\":{\"id\":1,\"title\":\"Kolleger som vejvisere til foreningslivet\"}");
	assert_contains(body, "\"url\":\"/arenas/1/proposals/1/comments/4\"");
	free(body);
	struct http_resp r;
	http_get(&srv, "/arenas/1/proposals/1/comments/4", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	int64_t total;
	assert_string_equal(api_hits("q=folder&kind=comment", &total), "comment:4");
	/* Hidden by a moderator: found by nobody, not counted, not shown. */
	struct test_client frida = { 0 };
	test_sign_in(&srv, &frida, "frida%40demo.example", "demo-password", 303);
	client_get(&srv, &frida, "/arenas/1/proposals/1", &r);
	http_resp_free(&r);
	client_post(&srv, &frida, "/arenas/1/proposals/1/comments/4/moderate", "action=hide&reason=Test", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	assert_string_equal(api_hits("q=badmintonklubben", &total), "");
	assert_int_equal(total, 0);
	body = get("/api/v1/search?q=folder", 200);
	assert_contains(body, "\"comment\":0");
	free(body);
	body = get("/search?q=badmintonklubben", 200);
	assert_contains(body, "0 resultater for »badmintonklubben«");
	assert_not_contains(body, "<mark>");
	free(body);
	/* Shown again: found again. */
	client_post(&srv, &frida, "/arenas/1/proposals/1/comments/4/moderate", "action=show", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	assert_string_equal(api_hits("q=badmintonklubben", &total), "comment:4");
}

static void test_bad_queries_get_a_clear_answer(void **state)
{
	(void)state;
	/* No words: the page explains; the API says which parameter. */
	char *body = get("/search", 200);
	assert_contains(body, "»ældre« finder også »ældres«");
	free(body);
	body = get("/search?q=", 200);
	free(body);
	body = get("/search?q=%22%2A%5E-%3A%28%29", 200);
	assert_contains(body, "Skriv et eller flere ord, du vil søge efter.");
	free(body);
	body = get("/api/v1/search?q=", 400);
	assert_contains(body, "\"parameter\":\"q\"");
	free(body);
	body = get("/search?q=og+i+det", 200);
	assert_contains(body, "Ordene er for almindelige");
	free(body);
	/* 10 KB of query. */
	char path[12 * 1024] = "/search?q=";
	size_t n = strlen(path);
	for (int i = 0; i < 10 * 1024 / 6; i++)
		n += (size_t)snprintf(path + n, sizeof path - n, "%s", "haarby+");
	body = get(path, 400);
	assert_contains(body, "Søgningen er for lang");
	free(body);
	snprintf(path, 18, "/api/v1/search?q=");
	n = strlen(path);
	for (int i = 0; i < 10 * 1024 / 6; i++)
		n += (size_t)snprintf(path + n, sizeof path - n, "%s", "haarby");
	body = get(path, 400);
	assert_contains(body, "\"parameter\":\"q\"");
	free(body);
	/* What FTS5 or tsquery would read as syntax is words here. */
	static const char *const tricky[] = {
		"/search?q=%22haarby", "/search?q=haarby%22+OR+%22x", "/search?q=title%3Ahaarby",
		"/search?q=haarby*", "/search?q=NEAR%28haarby+aarup%29", "/search?q=haarby+%26+%21aarup",
		"/search?q=%27%3B+DROP+TABLE+search_doc%3B--", "/search?q=%5E%7Bhaarby%7D",
		"/api/v1/search?q=%22haarby", "/api/v1/search?q=haarby%3A*+%7C+x",
	};
	for (size_t i = 0; i < sizeof tricky / sizeof tricky[0]; i++) {
		body = get(tricky[i], 200);
		free(body);
	}
	int64_t total;
	api_hits("q=%22haarby", &total);
	int64_t plain;
	api_hits("q=haarby", &plain);
	assert_int_equal(total, plain);
	/* Bad UTF-8 and a bad filter: 400, with the reason. */
	body = get("/search?q=%C3%28", 400);
	free(body);
	body = get("/api/v1/search?q=haarby&kind=galaxy", 400);
	assert_contains(body, "\"parameter\":\"kind\"");
	free(body);
	body = get("/search?q=haarby&arena=x", 400);
	free(body);
	body = get("/api/v1/search?q=haarby&per_page=0", 400);
	free(body);
	/* A page past the last: empty, not an error. */
	body = get("/api/v1/search?q=haarby&page=999", 200);
	assert_contains(body, "\"items\":[]");
	free(body);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_danish_word_forms_in_the_demo),
		TEST_CASE(test_box_on_every_page),
		TEST_CASE(test_hidden_statements_are_not_found),
		TEST_CASE(test_proposals_and_their_comments),
		TEST_CASE(test_bad_queries_get_a_clear_answer),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
