/*
 * dialogue_test.c: the dialogue through the real server with the demo
 * data: voting without an account (a participant cookie), changing a vote
 * (history kept, never counted twice), the quick JSON answer, adding
 * statements (limits, duplicates), moderation before and after
 * publication, a closed arena, the map recomputed in the background, and
 * the participation kept on signing up.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "support/support.h"

static struct test_server srv;
static int64_t demo_votes;

static int setup(void **state)
{
	(void)state;
	const char *extra[] = { "--rate-factor", "100", "--jobs-interval", "100", NULL };
	test_db_create(&srv, 1);
	demo_votes = test_sql_int(&srv, "SELECT COUNT(*) FROM vote v JOIN statement s ON s.id = v.statement_id WHERE s.arena_id = 2");
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

/* The statement id shown on the dialogue page, after a fresh GET. */
static int shown_statement(struct test_client *c, struct http_resp *r)
{
	client_get(&srv, c, "/arenas/2/dialogue", r);
	assert_int_equal(r->status, 200);
	const char *p = strstr(r->body, "name=\"statement\" value=\"");
	return p ? atoi(p + 24) : 0;
}

static long vote(struct test_client *c, int statement, const char *choice)
{
	char form[80];
	snprintf(form, sizeof form, "statement=%d&vote=%s", statement, choice);
	struct http_resp r;
	client_post(&srv, c, "/arenas/2/dialogue/vote", form, &r);
	long status = r.status;
	http_resp_free(&r);
	return status;
}

static void test_anonymous_voting_and_changing_a_vote(void **state)
{
	(void)state;
	struct test_client c = { 0 };
	struct http_resp r;
	int s = shown_statement(&c, &r);
	assert_true(s > 0);
	assert_contains(r.body, "Du har taget stilling til 0 af 12 udsagn.");
	http_resp_free(&r);
	assert_int_equal(vote(&c, s, "agree"), 303);
	assert_int_equal(strlen(client_cookie(&c, "pid")), 43);
	int next = shown_statement(&c, &r);
	assert_int_not_equal(next, s);
	assert_contains(r.body, "Du har taget stilling til 1 af 12 udsagn.");
	/* The vote is listed as mine and can be changed. */
	assert_contains(r.body, "Din stemme: <strong>Enig</strong>");
	http_resp_free(&r);
	assert_int_equal(vote(&c, s, "disagree"), 303);
	assert_int_equal(vote(&c, s, "disagree"), 303); /* the same again */
	char q[200];
	snprintf(q, sizeof q, "SELECT COUNT(*) FROM vote WHERE statement_id = %d AND participant_id = "
		 "(SELECT MAX(id) FROM participant)", s);
	assert_int_equal(test_sql_int(&srv, q), 1); /* one current vote */
	snprintf(q, sizeof q, "SELECT value FROM vote WHERE statement_id = %d AND participant_id = "
		 "(SELECT MAX(id) FROM participant)", s);
	assert_int_equal(test_sql_int(&srv, q), -1);
	snprintf(q, sizeof q, "SELECT COUNT(*) FROM vote_history WHERE statement_id = %d AND participant_id = "
		 "(SELECT MAX(id) FROM participant)", s);
	assert_int_equal(test_sql_int(&srv, q), 3); /* every vote kept */
	client_get(&srv, &c, "/arenas/2/dialogue", &r);
	assert_contains(r.body, "Du har taget stilling til 1 af 12 udsagn.");
	http_resp_free(&r);

	/* Bad input. */
	assert_int_equal(vote(&c, s, "maybe"), 400);
	assert_int_equal(vote(&c, 999999, "agree"), 404);
	struct test_client d = { 0 };
	client_get(&srv, &d, "/arenas/1/dialogue", &r);
	assert_contains(r.body, "Dialogen er lukket.");
	http_resp_free(&r);
}

/* Found by an attacker: the statement field took "11abc", "14e9",
 * "17.9", " 13" and "+16" as statements 11, 14, 17, 13 and 16. Ids are
 * read as strictly as in a path: anything else is a 400 and no vote. */
static void test_statement_ids_are_strict(void **state)
{
	(void)state;
	struct test_client c = { 0 };
	struct http_resp r;
	int s = shown_statement(&c, &r);
	http_resp_free(&r);
	assert_true(s > 0 && s < 100);
	char form[128];
	const char *bad[] = { "%dabc", "%de9", "%d.9", "+%d", "%%20%d", "0%d", "%d%%00" };
	int64_t votes = test_sql_int(&srv, "SELECT COUNT(*) FROM vote_history");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char id[32];
		snprintf(id, sizeof id, bad[i], s);
		snprintf(form, sizeof form, "statement=%s&vote=agree", id);
		client_post(&srv, &c, "/arenas/2/dialogue/vote", form, &r);
		if (r.status != 400)
			fail_msg("statement=%s: status %ld, expected 400", id, r.status);
		http_resp_free(&r);
	}
	snprintf(form, sizeof form, "vote=agree");
	client_post(&srv, &c, "/arenas/2/dialogue/vote", form, &r);
	assert_int_equal(r.status, 400);
	http_resp_free(&r);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM vote_history"), votes);
	assert_int_equal(vote(&c, s, "agree"), 303); /* the id itself is fine */
}

/* The suite's server while a test runs one of its own. */
static struct test_server suite_srv;

static void restore_suite(const void *arg)
{
	(void)arg;
	srv = suite_srv;
}

/* A vote of c on the statement its dialogue page shows; the status. */
static long vote_shown(struct test_client *c, const char *const *headers)
{
	struct http_resp r;
	client_get(&srv, c, "/arenas/2/dialogue", &r);
	const char *p = strstr(r.body, "name=\"statement\" value=\"");
	int s = p ? atoi(p + 24) : 0;
	http_resp_free(&r);
	if (headers == NULL)
		return vote(c, s, "agree");
	char body[300];
	snprintf(body, sizeof body, "csrf=%s&statement=%d&vote=agree", c->csrf, s);
	char cookie[8300];
	snprintf(cookie, sizeof cookie, "Cookie: %s", c->cookies);
	const char *h[8] = { "Content-Type: application/x-www-form-urlencoded", cookie };
	for (int i = 0; headers[i] && i < 5; i++)
		h[i + 2] = headers[i];
	http_request(&srv, "POST", "/arenas/2/dialogue/vote", body, h, &r);
	long status = r.status;
	http_resp_free(&r);
	return status;
}

/* Found by an attacker: 200 fresh pseudonymous participants from one
 * address all voted on one statement. New participants are counted per
 * address and hour; facilitators see how voters cluster on addresses
 * (a keyed hash is kept, never the address); and an arena can let only
 * confirmed accounts vote. */
static void test_new_participants_per_address_are_limited(void **state)
{
	(void)state;
	suite_srv = srv;
	test_defer(restore_suite, NULL, 0);
	const char *extra[] = { "--participants-per-hour", "12", NULL };
	test_db_create(&srv, 1);
	test_server_start(&srv, extra);
	struct test_client returning = { 0 };
	assert_int_equal(vote_shown(&returning, NULL), 303);
	for (int i = 1; i < 12; i++) {
		struct test_client fresh = { 0 };
		assert_int_equal(vote_shown(&fresh, NULL), 303);
	}
	struct test_client one_too_many = { 0 };
	struct http_resp r;
	client_get(&srv, &one_too_many, "/arenas/2/dialogue", &r);
	http_resp_free(&r);
	client_post(&srv, &one_too_many, "/arenas/2/dialogue/vote", "statement=1&vote=agree", &r);
	assert_int_equal(r.status, 429);
	assert_contains(r.body, "mange nye deltagere fra dit netværk");
	char *retry = http_header(&r, "Retry-After");
	assert_non_null(retry);
	free(retry);
	http_resp_free(&r);
	client_post(&srv, &one_too_many, "/arenas/2/dialogue/statements", "text=Nyt+udsagn+herfra", &r);
	assert_int_equal(r.status, 429);
	http_resp_free(&r);
	/* Those who have a participant go on; so do people signed in. */
	assert_int_equal(vote_shown(&returning, NULL), 303);
	struct test_client amina = { 0 };
	test_sign_in(&srv, &amina, "amina%40demo.example", "demo-password", 303);
	assert_int_equal(vote_shown(&amina, NULL), 303);
	/* Behind a proxy that is not trusted, every visitor has its address:
	 * no limit then (nor a fingerprint). */
	const char *proxy[] = { "X-Forwarded-For: 203.0.113.7", NULL };
	const char *unknown_origin = "SELECT COUNT(*) FROM participant WHERE token_hash IS NOT NULL AND origin IS NULL";
	int64_t before = test_sql_int(&srv, unknown_origin);
	struct test_client behind = { 0 };
	assert_int_equal(vote_shown(&behind, proxy), 303);
	assert_int_equal(test_sql_int(&srv, unknown_origin), before + 1);

	/* The facilitator sees twelve voters from one network (and the
	 * demo's eight from a school's, of its 48); the database holds a
	 * keyed hash of it, not the address. */
	assert_int_equal(test_sql_int(&srv, "SELECT MAX(c) FROM (SELECT COUNT(*) AS c FROM participant "
				      "WHERE origin IS NOT NULL GROUP BY origin) g"), 12);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM participant WHERE origin LIKE '%127.0.0.1%'"), 0);
	assert_int_equal(test_sql_int(&srv, "SELECT MIN(LENGTH(origin)) FROM participant WHERE origin IS NOT NULL"), 43);
	struct test_client frida = { 0 };
	test_sign_in(&srv, &frida, "frida%40demo.example", "demo-password", 303);
	client_get(&srv, &frida, "/arenas/2/dialogue/moderate", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Bemærk: 12 af 60 deltagere uden konto kom fra samme netværk.");
	assert_contains(r.body, "<li>8 af 60 deltagere uden konto kom fra samme netværk</li>");
	http_resp_free(&r);

	/* Only confirmed accounts vote: visitors see the statement and the
	 * way in, no buttons; their votes are refused. */
	client_post(&srv, &frida, "/arenas/2/dialogue/settings", "moderation=after&verified=yes", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	client_get(&srv, &returning, "/arenas/2/dialogue", &r);
	assert_contains(r.body, "kun deltagere, der er logget ind med en bekræftet e-mailadresse");
	assert_not_contains(r.body, "name=\"vote\"");
	assert_not_contains(r.body, "/dialogue/statements\"");
	http_resp_free(&r);
	assert_int_equal(vote(&returning, 1, "agree"), 403);
	assert_int_equal(vote_shown(&amina, NULL), 303);
	client_get(&srv, &frida, "/arenas/2/dialogue/moderate", &r);
	assert_contains(r.body, "name=\"verified\" value=\"yes\" checked");
	http_resp_free(&r);
	client_post(&srv, &frida, "/arenas/2/dialogue/settings", "moderation=after", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	assert_int_equal(vote(&returning, 1, "disagree"), 303);
	test_server_stop(&srv);
	test_db_drop(&srv);
}

static void test_script_gets_the_next_statement_as_json(void **state)
{
	(void)state;
	struct test_client c = { 0 };
	struct http_resp r;
	int s = shown_statement(&c, &r);
	http_resp_free(&r);
	char cookie[sizeof c.cookies + 16], body[256];
	snprintf(cookie, sizeof cookie, "Cookie: %s", c.cookies);
	snprintf(body, sizeof body, "csrf=%s&statement=%d&vote=pass", c.csrf, s);
	const char *h[] = { "Content-Type: application/x-www-form-urlencoded", "Accept: application/json",
			    cookie, NULL };
	http_request(&srv, "POST", "/arenas/2/dialogue/vote", body, h, &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "\"voted\":1");
	assert_contains(r.body, "\"total\":12");
	assert_contains(r.body, "\"next\":{\"id\":");
	json_t *j = json_loads(r.body, 0, NULL);
	assert_non_null(j);
	int next = (int)json_integer_value(json_object_get(json_object_get(j, "next"), "id"));
	json_decref(j);
	/* The participant this vote made, for the votes that follow. */
	char *pid = http_set_cookie(&r, "pid");
	assert_non_null(pid);
	snprintf(cookie, sizeof cookie, "Cookie: %s; %.*s", c.cookies, (int)strcspn(pid, ";"), pid);
	free(pid);
	http_resp_free(&r);

	/* The progress line is plain text, which the script sets as text: in
	 * English it has an apostrophe, not "&#39;". The page itself
	 * escapes it, once. */
	snprintf(body, sizeof body, "csrf=%s&statement=%d&vote=agree", c.csrf, next);
	const char *en[] = { "Content-Type: application/x-www-form-urlencoded", "Accept: application/json",
			     "Accept-Language: en", cookie, NULL };
	http_request(&srv, "POST", "/arenas/2/dialogue/vote", body, en, &r);
	assert_int_equal(r.status, 200);
	j = json_loads(r.body, 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "progress")),
			    "You've taken a stand on 2 of 12 statements.");
	json_decref(j);
	http_resp_free(&r);
	const char *page_en[] = { "Accept-Language: en", cookie, NULL };
	http_request(&srv, "GET", "/arenas/2/dialogue", NULL, page_en, &r);
	assert_contains(r.body, ">You&#39;ve taken a stand on 2 of 12 statements.</p>");
	http_resp_free(&r);
}

static void test_adding_statements(void **state)
{
	(void)state;
	struct test_client c = { 0 };
	struct http_resp r;
	client_get(&srv, &c, "/arenas/2/dialogue", &r);
	http_resp_free(&r);
	char longtext[400] = "text=";
	for (int i = 0; i < 281; i++)
		strcat(longtext, "a");
	client_post(&srv, &c, "/arenas/2/dialogue/statements", longtext, &r);
	assert_int_equal(r.status, 400);
	assert_contains(r.body, "Teksten er for lang.");
	http_resp_free(&r);
	/* 280 characters, several bytes each, are fine. */
	char fits[2000] = "text=";
	for (int i = 0; i < 280; i++)
		strcat(fits, "%C3%A6");
	client_post(&srv, &c, "/arenas/2/dialogue/statements", fits, &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	client_post(&srv, &c, "/arenas/2/dialogue/statements",
		    "text=En+ugentlig+f%C3%A6llesspisning+i+Haarby+ville+hj%C3%A6lpe+mange.", &r);
	assert_int_equal(r.status, 400);
	assert_contains(r.body, "Det udsagn er der allerede i dialogen.");
	http_resp_free(&r);
	client_post(&srv, &c, "/arenas/2/dialogue/statements", "text=Bibliotekets+caf%C3%A9+skal+holde+%C3%A5bent+om+aftenen.", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM statement WHERE arena_id = 2 AND status = 'accepted'"), 14);
	client_get(&srv, &c, "/arenas/1/dialogue", &r);
	http_resp_free(&r);
	client_post(&srv, &c, "/arenas/1/dialogue/statements", "text=For+sent", &r);
	assert_int_equal(r.status, 409);
	http_resp_free(&r);
}

static void test_moderation_before_publication(void **state)
{
	(void)state;
	struct test_client frida = { 0 }, amina = { 0 }, anon = { 0 };
	test_sign_in(&srv, &frida, "frida%40demo.example", "demo-password", 303);
	test_sign_in(&srv, &amina, "amina%40demo.example", "demo-password", 303);
	struct http_resp r;
	client_get(&srv, &amina, "/arenas/2/dialogue/moderate", &r);
	assert_int_equal(r.status, 403);
	http_resp_free(&r);
	client_get(&srv, &frida, "/arenas/2/dialogue/moderate", &r);
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
	client_post(&srv, &frida, "/arenas/2/dialogue/settings", "moderation=before", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	client_get(&srv, &anon, "/arenas/2/dialogue", &r);
	assert_contains(r.body, "Nye udsagn bliver læst af en moderator");
	http_resp_free(&r);
	client_post(&srv, &anon, "/arenas/2/dialogue/statements", "text=Alle+%C3%A6ldre+skal+have+en+tablet.", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	client_get(&srv, &anon, "/arenas/2/dialogue?done=statement-pending", &r);
	assert_contains(r.body, "vises, når en moderator har læst det");
	http_resp_free(&r);
	int id = (int)test_sql_int(&srv, "SELECT id FROM statement WHERE text = 'Alle ældre skal have en tablet.'");
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM statement WHERE text = 'Alle ældre skal have en tablet.' AND status = 'pending'"), 1);
	/* Pending: no votes. */
	assert_int_equal(vote(&anon, id, "agree"), 404);
	char path[120];
	snprintf(path, sizeof path, "/arenas/2/dialogue/statements/%d/moderate", id);
	client_get(&srv, &frida, "/arenas/2/dialogue/moderate", &r);
	assert_contains(r.body, "Alle ældre skal have en tablet.");
	http_resp_free(&r);
	client_post(&srv, &frida, path, "action=reject&reason=", &r);
	assert_int_equal(r.status, 400);
	assert_contains(r.body, "Skriv en begrundelse");
	http_resp_free(&r);
	client_post(&srv, &frida, path, "action=accept", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	assert_int_equal(vote(&anon, id, "agree"), 303);
	client_post(&srv, &frida, path, "action=reject&reason=Gentager+et+andet+udsagn", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	assert_int_equal(vote(&anon, id, "agree"), 404);
	/* A statement of another arena cannot be moderated through this one. */
	client_post(&srv, &frida, "/arenas/1/dialogue/statements/1/moderate", "action=accept", &r);
	assert_int_equal(r.status, 404);
	http_resp_free(&r);
	client_post(&srv, &frida, "/arenas/2/dialogue/settings", "moderation=after", &r);
	http_resp_free(&r);
}

static void test_map_follows_the_votes_and_sign_up_keeps_them(void **state)
{
	(void)state;
	int64_t all = test_sql_int(&srv, "SELECT COUNT(*) FROM vote v JOIN statement s ON s.id = v.statement_id WHERE s.arena_id = 2");
	/* The background job catches up within a few rounds. */
	test_wait_sql(&srv, "SELECT votes FROM opinion_map WHERE arena_id = 2", all, TEST_DEADLINE_MS);
	assert_true(all >= demo_votes + 3); /* the demo's votes and this suite's */

	struct test_client c = { 0 };
	struct http_resp r;
	int s = shown_statement(&c, &r);
	http_resp_free(&r);
	assert_int_equal(vote(&c, s, "agree"), 303);
	client_get(&srv, &c, "/signup", &r);
	http_resp_free(&r);
	client_post(&srv, &c, "/signup", "name=Karl&email=karl%40example.dk&password=karls-password&terms=yes", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM vote v JOIN participant p ON p.id = v.participant_id "
				 "JOIN account a ON a.id = p.account_id WHERE a.email = 'karl@example.dk'"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_anonymous_voting_and_changing_a_vote),
		TEST_CASE(test_statement_ids_are_strict),
		TEST_CASE(test_new_participants_per_address_are_limited),
		TEST_CASE(test_script_gets_the_next_statement_as_json),
		TEST_CASE(test_adding_statements),
		TEST_CASE(test_moderation_before_publication),
		TEST_CASE(test_map_follows_the_votes_and_sign_up_keeps_them),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
