/*
 * firstuse_test.c: what a new user tripped over (issue 11), through the
 * real server with the demo data: theme and area pages that lead on to
 * arenas and activities; notices that say what happened, once (not again
 * after switching language); one time style; Danish content marked as
 * Danish on English pages, with interface text outside it; a summary of
 * each page for search engines and link previews; the moderator's
 * refusal shown in place; the sign-up form's error summary in the form's
 * order without doubled punctuation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/support.h"

static struct test_server srv;

static int setup(void **state)
{
	(void)state;
	const char *extra[] = { "--rate-factor", "100", "--base-url", "https://samskab.example.dk", NULL };
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

static void get(struct test_client *c, const char *path, long status, struct http_resp *r)
{
	client_get(&srv, c, path, r);
	if (r->status != status)
		fail_msg("GET %s: %ld, expected %ld\n%.3000s", path, r->status, status, r->body);
}

/* The text between the first `from` and the next `to` after it
 * (malloc'd); fails the test when either is missing. */
static char *between(const char *hay, const char *from, const char *to)
{
	const char *a = strstr(hay, from);
	if (a == NULL)
		fail_msg("no \"%s\" in:\n%.3000s", from, hay);
	const char *b = strstr(a + strlen(from), to);
	if (b == NULL)
		fail_msg("no \"%s\" after \"%s\"", to, from);
	return strndup(a + strlen(from), (size_t)(b - a - strlen(from)));
}

static void test_theme_and_area_pages_lead_on(void **state)
{
	(void)state;
	struct test_client anon = { 0 };
	struct http_resp r;
	/* Theme 3 is "Ensomme ældre": its arena and that arena's workshop. */
	get(&anon, "/themes/3", 200, &r);
	assert_contains(r.body, "<a href=\"/arenas/2\">Ensomme ældre i Haarby</a>");
	assert_contains(r.body, "Workshop: Hvor mødes vi i Haarby?</a>");
	http_resp_free(&r);
	/* Area 5 is Haarby: the same arena, its activities, its calendar. */
	get(&anon, "/areas/5", 200, &r);
	assert_contains(r.body, "<a href=\"/arenas/2\">Ensomme ældre i Haarby</a>");
	assert_contains(r.body, "Borgermøde om fællesspisning</a>");
	assert_contains(r.body, "/areas/5/calendar.ics");
	http_resp_free(&r);
	/* A theme without arenas says so instead of leaving a dead end. */
	get(&anon, "/themes/2", 200, &r);
	assert_contains(r.body, "Der er ingen arenaer her endnu.");
	http_resp_free(&r);
}

static void test_notices_say_what_happened_once(void **state)
{
	(void)state;
	struct test_client frida = { 0 }, amina = { 0 };
	struct http_resp r;
	test_sign_in(&srv, &frida, "frida%40demo.example", "demo-password", 303);
	test_sign_in(&srv, &amina, "amina%40demo.example", "demo-password", 303);

	get(&amina, "/arenas/2/activities/6", 200, &r);
	http_resp_free(&r);
	client_post(&srv, &amina, "/arenas/2/activities/6/signup", "", &r);
	assert_int_equal(r.status, 303);
	char *loc = http_header(&r, "Location");
	assert_string_equal(loc, "/arenas/2/activities/6?done=signed-up#signup");
	http_resp_free(&r);
	get(&amina, loc, 200, &r);
	assert_contains(r.body, "<div class=\"notice\" role=\"status\">Du er tilmeldt.</div>");
	/* The language links lead back without the notice: it is not said
	 * again in the other language. */
	assert_contains(r.body, "/language?set=en&amp;next=%2Farenas%2F2%2Factivities%2F6\"");
	assert_not_contains(r.body, "next=%2Farenas%2F2%2Factivities%2F6%3Fdone");
	http_resp_free(&r);
	free(loc);
	client_post(&srv, &amina, "/arenas/2/activities/6/cancel", "", &r);
	loc = http_header(&r, "Location");
	assert_string_equal(loc, "/arenas/2/activities/6?done=signup-cancelled#signup");
	http_resp_free(&r);
	get(&amina, loc, 200, &r);
	assert_contains(r.body, "Du er afmeldt.");
	assert_not_contains(r.body, ">Gemt.<");
	http_resp_free(&r);
	free(loc);

	/* Other query fields stay in the language links. */
	get(&amina, "/organisations?sector=public&done=profile-saved", 200, &r);
	assert_contains(r.body, "next=%2Forganisations%3Fsector%3Dpublic\"");
	http_resp_free(&r);
	/* An unknown code shows nothing. */
	get(&amina, "/arenas?done=nonsense", 200, &r);
	assert_not_contains(r.body, "class=\"notice\"");
	http_resp_free(&r);
}

static void test_one_time_style(void **state)
{
	(void)state;
	struct test_client anna = { 0 };
	struct http_resp r;
	test_sign_in(&srv, &anna, "anna%40demo.example", "demo-password", 303);
	const char *pages[] = { "/me", "/admin/roles", "/admin/audit" };
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		get(&anna, pages[i], 200, &r);
		assert_not_contains(r.body, "UTC");
		if (strstr(r.body, " kl. ") == NULL) {
			/* Say which page, and what its first time looked like. */
			const char *t = strstr(r.body, "<time");
			fail_msg("%s shows no time as \" kl. \": %.300s", pages[i], t ? t : r.body);
		}
		/* Machine-readable, with Danish time's offset. */
		assert_true(strstr(r.body, "+01:00\">") || strstr(r.body, "+02:00\">"));
		http_resp_free(&r);
	}
}

static void test_danish_content_marked_on_english_pages(void **state)
{
	(void)state;
	struct test_client en = { 0 };
	strcpy(en.cookies, "lang=en");
	struct http_resp r;
	get(&en, "/arenas", 200, &r);
	assert_contains(r.body, "<html lang=\"en\"");
	/* The title is Danish; "Now:" is English, outside the Danish phase name. */
	assert_contains(r.body, "<h2 lang=\"da\"><a href=\"/arenas/2\">Ensomme ældre i Haarby</a></h2>");
	assert_contains(r.body, "<p>Now: <strong lang=\"da\">Vi lytter og taler sammen</strong></p>");
	assert_not_contains(r.body, "<li lang=\"da\">");
	http_resp_free(&r);
	get(&en, "/arenas/2", 200, &r);
	assert_contains(r.body, "<a href=\"/arenas/2/activities/5\" lang=\"da\">Workshop: Hvor mødes vi i Haarby?</a>");
	assert_contains(r.body, "<span class=\"phase-name\" lang=\"da\">Vi lytter og taler sammen</span> "
				"<span class=\"tag\">Now</span>");
	assert_not_contains(r.body, "Now:</span>");
	/* The facilitator's tools and other interface text are not inside
	 * an element marked Danish. */
	assert_not_contains(r.body, "<article lang=\"da\">");
	http_resp_free(&r);
	get(&en, "/", 200, &r);
	assert_contains(r.body, "lang=\"da\">Workshop: Hvor mødes vi i Haarby?</a>");
	http_resp_free(&r);
}

static void test_every_public_page_has_a_summary(void **state)
{
	(void)state;
	struct test_client anon = { 0 };
	struct http_resp r;
	const struct {
		const char *path, *title, *description;
	} pages[] = {
		{ "/", "samskab", "Her udvikler kommunen politik sammen med borgere" },
		{ "/arenas", "Samskabelsesarenaer", "En arena samler borgere" },
		{ "/arenas/2", "Ensomme ældre i Haarby", "Mange ældre i og omkring Haarby bor alene" },
		{ "/arenas/2/activities/5", "Workshop: Hvor mødes vi i Haarby?", "Vi kortlægger steder og tidspunkter" },
		{ "/areas/5", "Haarby", "By i den sydlige del af kommunen" },
		{ "/themes/3", "Ensomme ældre", "Ældre, der sidder alene" },
		{ "/organisations", "Organisationer", "Offentlige, private og frivillige" },
		{ "/stories", "Historier", "Hvad arenaerne har lært" },
		{ "/stories/1", "Samskabelse er politikudvikling på højt niveau", "" },
	};
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		get(&anon, pages[i].path, 200, &r);
		char *desc = between(r.body, "<meta name=\"description\" content=\"", "\">");
		char *og = between(r.body, "<meta property=\"og:description\" content=\"", "\">");
		char *title = between(r.body, "<meta property=\"og:title\" content=\"", "\">");
		char *url = between(r.body, "<meta property=\"og:url\" content=\"", "\">");
		if (strncmp(desc, pages[i].description, strlen(pages[i].description)) != 0 || strlen(desc) < 20)
			fail_msg("%s: description \"%s\", expected it to begin \"%s\"", pages[i].path, desc,
				 pages[i].description);
		assert_string_equal(og, desc);
		assert_string_equal(title, pages[i].title);
		char want[256];
		snprintf(want, sizeof want, "https://samskab.example.dk%s", pages[i].path);
		assert_string_equal(url, want);
		/* Search engines show about 160 characters: never a whole page. */
		assert_true(strlen(desc) <= 210 + 3);
		assert_contains(r.body, "<meta property=\"og:site_name\" content=\"samskab\">");
		assert_contains(r.body, "<meta property=\"og:locale\" content=\"da_DK\">");
		free(desc);
		free(og);
		free(title);
		free(url);
		http_resp_free(&r);
	}
}

static void test_rejection_without_reason_shown_in_place(void **state)
{
	(void)state;
	struct test_client frida = { 0 };
	struct http_resp r;
	test_sign_in(&srv, &frida, "frida%40demo.example", "demo-password", 303);
	get(&frida, "/arenas/2/dialogue/moderate", 200, &r);
	/* The reason is marked as required where the rejection is asked for. */
	assert_contains(r.body, "name=\"reason\" maxlength=\"200\" required");
	http_resp_free(&r);
	client_post(&srv, &frida, "/arenas/2/dialogue/statements/1/moderate", "action=reject&reason=", &r);
	assert_int_equal(r.status, 400);
	/* The moderation page again, with the error beside the statement's reason. */
	assert_contains(r.body, "<h1>Moderér dialogen</h1>");
	assert_contains(r.body, "<p class=\"error\" id=\"reason-1-error\">Skriv en begrundelse");
	assert_contains(r.body, "id=\"reason-1\" name=\"reason\" maxlength=\"200\" required aria-invalid=\"true\"");
	assert_contains(r.body, "Biblioteket er et godt sted");
	http_resp_free(&r);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM statement WHERE id = 1 AND status = 'rejected'"), 0);
	client_post(&srv, &frida, "/arenas/2/dialogue/statements/1/moderate", "action=reject&reason=Gentagelse", &r);
	assert_int_equal(r.status, 303);
	char *loc = http_header(&r, "Location");
	assert_string_equal(loc, "/arenas/2/dialogue/moderate?done=statement-rejected#pending");
	free(loc);
	http_resp_free(&r);
	client_post(&srv, &frida, "/arenas/2/dialogue/statements/1/moderate", "action=accept", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
}

static void test_sign_up_errors_in_form_order(void **state)
{
	(void)state;
	struct test_client anon = { 0 };
	struct http_resp r;
	get(&anon, "/signup", 200, &r);
	http_resp_free(&r);
	client_post(&srv, &anon, "/signup", "name=&email=nope&password=short", &r);
	assert_int_equal(r.status, 400);
	char *summary = between(r.body, "<div class=\"error-summary\"", "</div>");
	const char *name = strstr(summary, "href=\"#name\""), *email = strstr(summary, "href=\"#email\""),
		   *password = strstr(summary, "href=\"#password\""), *terms = strstr(summary, "href=\"#terms\"");
	assert_true(name && email && password && terms);
	assert_true(name < email && email < password && password < terms);
	/* The terms' label is a sentence: no ".:" after it. */
	assert_not_contains(summary, ".:");
	assert_contains(summary, "<a href=\"#terms\">Du skal acceptere privatlivspolitikken");
	free(summary);
	/* The box's error is above the box, not in the row beside it. */
	assert_contains(r.body, "<div class=\"field invalid\"><p class=\"error\" id=\"terms-error\">");
	http_resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_theme_and_area_pages_lead_on),
		TEST_CASE(test_notices_say_what_happened_once),
		TEST_CASE(test_one_time_style),
		TEST_CASE(test_danish_content_marked_on_english_pages),
		TEST_CASE(test_every_public_page_has_a_summary),
		TEST_CASE(test_rejection_without_reason_shown_in_place),
		TEST_CASE(test_sign_up_errors_in_form_order),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
