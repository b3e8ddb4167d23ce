/*
 * session_test.c: signed-in sessions (src/model/session.c) on SQLite and,
 * when SAMSKAB_TEST_PG is set, PostgreSQL: what a cookie value finds, that
 * only its hash is stored, when "last seen" is written, idle and absolute
 * expiry (by moving the stored times), malformed cookies, signing out
 * here or everywhere else, the list of one's sessions, and purging.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"
#include "model/session.h"
#include "support/modeldb.h"

typedef char token_t[SECRET_TOKEN_LEN + 1];

static int64_t start(struct modeldb *m, int64_t account_id, token_t t)
{
	assert_int_equal(session_create(m->db, account_id, "192.0.2.1", "Firefox", t), MODEL_OK);
	return model_now();
}

/* Sets a column of the session behind token t. */
static void set_column(struct modeldb *m, const token_t t, const char *column, int64_t v)
{
	char hash[SECRET_HASH_LEN + 1];
	secret_hash(t, hash);
	modeldb_exec(m, "UPDATE session SET %s = %lld WHERE id_hash = '%s'", column, (long long)v, hash);
}

static int64_t get_column(struct modeldb *m, const token_t t, const char *column)
{
	char hash[SECRET_HASH_LEN + 1];
	secret_hash(t, hash);
	return modeldb_int(m, "SELECT %s FROM session WHERE id_hash = '%s'", column, hash);
}

static void test_create_then_lookup(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t id = modeldb_account(m, "anna@example.dk", "Anna");
	modeldb_exec(m, "UPDATE account SET lang = 'en', verified_at = 1234 WHERE id = %lld", (long long)id);
	token_t t;
	int64_t before = model_now();
	assert_int_equal(session_create(m->db, id, "192.0.2.7", "Mozilla/5.0 (X11)", t), MODEL_OK);
	assert_true(secret_token_valid(t));

	struct session s;
	memset(&s, 0, sizeof s);
	assert_int_equal(session_lookup(m->db, m->region, t, &s), MODEL_OK);
	assert_int_equal(s.account_id, id);
	assert_string_equal(s.name, "Anna");
	assert_string_equal(s.email, "anna@example.dk");
	assert_string_equal(s.lang, "en");
	assert_int_equal(s.verified_at, 1234);
	assert_string_equal(s.client, "192.0.2.7");
	assert_string_equal(s.user_agent, "Mozilla/5.0 (X11)");
	assert_in_range(s.created_at, before, model_now());
	assert_int_equal(s.seen_at, s.created_at);
	assert_int_equal(s.expires_at, s.created_at + SESSION_MAX);
	/* Each session has its own CSRF token, not the cookie value. */
	assert_true(secret_token_valid(s.csrf));
	assert_string_not_equal(s.csrf, t);
	token_t t2;
	start(m, id, t2);
	struct session s2;
	assert_int_equal(session_lookup(m->db, m->region, t2, &s2), MODEL_OK);
	assert_string_not_equal(s2.csrf, s.csrf);
	assert_string_not_equal(t2, t);

	/* The database holds the hash only: its copy lets nobody sign in. */
	char hash[SECRET_HASH_LEN + 1];
	secret_hash(t, hash);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM session WHERE id_hash = '%s'", t), 0);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM session WHERE id_hash = '%s'", hash), 1);
	struct session none;
	assert_int_equal(session_lookup(m->db, m->region, hash, &none), MODEL_NOT_FOUND);
}

static void test_seen_at_is_written_at_most_every_touch_interval(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t id = modeldb_account(m, "anna@example.dk", "Anna");
	token_t t;
	int64_t now = start(m, id, t);
	struct session s;

	/* Seen half a minute ago: not written again (no write per request). */
	set_column(m, t, "seen_at", now - SESSION_TOUCH / 2);
	assert_int_equal(session_lookup(m->db, m->region, t, &s), MODEL_OK);
	assert_int_equal(get_column(m, t, "seen_at"), now - SESSION_TOUCH / 2);

	/* Seen longer ago than SESSION_TOUCH: refreshed to now. */
	set_column(m, t, "seen_at", now - SESSION_TOUCH - 5);
	assert_int_equal(session_lookup(m->db, m->region, t, &s), MODEL_OK);
	assert_in_range(get_column(m, t, "seen_at"), now, model_now());
	/* Touching does not extend the absolute expiry. */
	assert_int_equal(get_column(m, t, "expires_at"), get_column(m, t, "created_at") + SESSION_MAX);
}

static void test_idle_and_absolute_expiry(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t id = modeldb_account(m, "anna@example.dk", "Anna");
	token_t idle, old;
	int64_t now = start(m, id, idle);
	start(m, id, old);
	struct session s;

	/* Idle: a minute short of SESSION_IDLE still works and is refreshed. */
	set_column(m, idle, "seen_at", now - SESSION_IDLE + 60);
	assert_int_equal(session_lookup(m->db, m->region, idle, &s), MODEL_OK);
	assert_true(get_column(m, idle, "seen_at") >= now);
	/* Past SESSION_IDLE without a request: gone. */
	set_column(m, idle, "seen_at", now - SESSION_IDLE - 1);
	assert_int_equal(session_lookup(m->db, m->region, idle, &s), MODEL_NOT_FOUND);
	/* ... and stays gone (a failed lookup does not revive it). */
	assert_int_equal(session_lookup(m->db, m->region, idle, &s), MODEL_NOT_FOUND);

	/* Absolute: past expires_at it is gone though used a moment ago. */
	set_column(m, old, "expires_at", now + 60);
	assert_int_equal(session_lookup(m->db, m->region, old, &s), MODEL_OK);
	set_column(m, old, "expires_at", now - 1);
	set_column(m, old, "seen_at", now);
	assert_int_equal(session_lookup(m->db, m->region, old, &s), MODEL_NOT_FOUND);
}

static void test_malformed_or_unknown_cookies_find_nothing(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t id = modeldb_account(m, "anna@example.dk", "Anna");
	token_t t;
	start(m, id, t);
	token_t changed;
	memcpy(changed, t, sizeof changed);
	changed[10] = changed[10] == 'A' ? 'B' : 'A';
	char longer[SECRET_TOKEN_LEN + 2], shorter[SECRET_TOKEN_LEN];
	snprintf(longer, sizeof longer, "%sA", t);
	memcpy(shorter, t, sizeof shorter - 1);
	shorter[sizeof shorter - 1] = '\0';
	token_t fresh;
	secret_token(fresh);
	const char *const cases[] = {
		"", "x", "' OR 1=1 --", shorter, longer, changed, fresh,
		"AAAAAAAAAAAAAAAAAAAAA;AAAAAAAAAAAAAAAAAAAAA",
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct session s;
		if (session_lookup(m->db, m->region, cases[i], &s) != MODEL_NOT_FOUND)
			fail_msg("cookie \"%s\" found a session", cases[i]);
		/* Signing out with it is harmless and ends nothing. */
		assert_int_equal(session_end(m->db, cases[i]), MODEL_OK);
	}
	struct session s;
	assert_int_equal(session_lookup(m->db, m->region, NULL, &s), MODEL_NOT_FOUND);
	assert_int_equal(session_end(m->db, NULL), MODEL_OK);
	assert_int_equal(session_lookup(m->db, m->region, t, &s), MODEL_OK);
}

static void test_end_signs_out_one_session(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t id = modeldb_account(m, "anna@example.dk", "Anna");
	token_t phone, laptop;
	start(m, id, phone);
	start(m, id, laptop);
	assert_int_equal(session_end(m->db, phone), MODEL_OK);
	struct session s;
	assert_int_equal(session_lookup(m->db, m->region, phone, &s), MODEL_NOT_FOUND);
	assert_int_equal(session_lookup(m->db, m->region, laptop, &s), MODEL_OK);
	assert_int_equal(session_end(m->db, phone), MODEL_OK); /* again: nothing to do */
}

static void test_end_others_keeps_the_current_one(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t id = modeldb_account(m, "anna@example.dk", "Anna");
	int64_t other = modeldb_account(m, "bo@example.dk", "Bo");
	token_t a, b, c, bo;
	start(m, id, a);
	start(m, id, b);
	start(m, id, c);
	start(m, other, bo);
	assert_int_equal(session_end_others(m->db, id, b), MODEL_OK);
	struct session s;
	assert_int_equal(session_lookup(m->db, m->region, a, &s), MODEL_NOT_FOUND);
	assert_int_equal(session_lookup(m->db, m->region, b, &s), MODEL_OK);
	assert_int_equal(session_lookup(m->db, m->region, c, &s), MODEL_NOT_FOUND);
	assert_int_equal(session_lookup(m->db, m->region, bo, &s), MODEL_OK); /* not the account's */

	/* Another account's token keeps nothing of this account's. */
	assert_int_equal(session_end_others(m->db, id, bo), MODEL_OK);
	assert_int_equal(session_lookup(m->db, m->region, b, &s), MODEL_NOT_FOUND);
	assert_int_equal(session_lookup(m->db, m->region, bo, &s), MODEL_OK);

	/* Without a current token (a password reset by e-mail): all end. */
	start(m, id, a);
	start(m, id, b);
	assert_int_equal(session_end_others(m->db, id, NULL), MODEL_OK);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM session WHERE account_id = %lld", (long long)id), 0);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM session WHERE account_id = %lld", (long long)other), 1);
}

static void test_list_is_newest_first_and_marks_the_current_one(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t id = modeldb_account(m, "anna@example.dk", "Anna");
	int64_t other = modeldb_account(m, "bo@example.dk", "Bo");
	token_t first, second, third, expired, bo;
	int64_t now = model_now();
	assert_int_equal(session_create(m->db, id, "192.0.2.1", "first", first), MODEL_OK);
	assert_int_equal(session_create(m->db, id, "192.0.2.2", "second", second), MODEL_OK);
	assert_int_equal(session_create(m->db, id, "192.0.2.3", "third", third), MODEL_OK);
	assert_int_equal(session_create(m->db, id, "192.0.2.4", "expired", expired), MODEL_OK);
	assert_int_equal(session_create(m->db, other, "192.0.2.5", "bo", bo), MODEL_OK);
	/* Created in one second: give them distinct times. */
	set_column(m, first, "created_at", now - 300);
	set_column(m, second, "created_at", now - 100);
	set_column(m, third, "created_at", now - 200);
	set_column(m, expired, "seen_at", now - SESSION_IDLE - 1);

	struct session *items;
	size_t n;
	assert_int_equal(session_list(m->db, m->region, id, second, &items, &n), MODEL_OK);
	assert_int_equal(n, 3);
	assert_string_equal(items[0].user_agent, "second");
	assert_string_equal(items[1].user_agent, "third");
	assert_string_equal(items[2].user_agent, "first");
	assert_int_equal(items[0].current, 1);
	assert_int_equal(items[1].current, 0);
	assert_int_equal(items[2].current, 0);
	assert_string_equal(items[2].client, "192.0.2.1");
	for (size_t i = 0; i < n; i++)
		assert_int_equal(items[i].account_id, id);

	/* Without a (valid) current token none is marked. */
	assert_int_equal(session_list(m->db, m->region, id, NULL, &items, &n), MODEL_OK);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(items[i].current, 0);
	assert_int_equal(session_list(m->db, m->region, id, "garbage", &items, &n), MODEL_OK);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(items[i].current, 0);
	assert_int_equal(session_list(m->db, m->region, id + other + 1, NULL, &items, &n), MODEL_OK);
	assert_int_equal(n, 0);
}

static void test_purge_removes_only_dead_sessions(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t id = modeldb_account(m, "anna@example.dk", "Anna");
	token_t live, idle, old, nearly;
	int64_t now = start(m, id, live);
	start(m, id, idle);
	start(m, id, old);
	start(m, id, nearly);
	set_column(m, idle, "seen_at", now - SESSION_IDLE - 10);
	set_column(m, old, "expires_at", now - 10);
	set_column(m, nearly, "seen_at", now - SESSION_IDLE + 3600);
	assert_int_equal(session_purge(m->db, now), MODEL_OK);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM session"), 2);
	struct session s;
	assert_int_equal(session_lookup(m->db, m->region, live, &s), MODEL_OK);
	assert_int_equal(session_lookup(m->db, m->region, nearly, &s), MODEL_OK);
	assert_int_equal(get_column(m, idle, "seen_at"), MODELDB_NONE);
	assert_int_equal(get_column(m, old, "seen_at"), MODELDB_NONE);
}

/* The user agent is stored cut to 200 bytes; a cut inside a character
 * must not leave broken UTF-8 (PostgreSQL refuses it, so signing in
 * would fail for such a browser). */
static void test_long_user_agent_is_cut_to_whole_characters(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t id = modeldb_account(m, "anna@example.dk", "Anna");
	char ua[400];
	memset(ua, 'a', 199);
	snprintf(ua + 199, sizeof ua - 199, "%s", "æøå Browser/1.0 æøå æøå æøå");
	token_t t;
	assert_int_equal(session_create(m->db, id, "192.0.2.1", ua, t), MODEL_OK);
	struct session s;
	assert_int_equal(session_lookup(m->db, m->region, t, &s), MODEL_OK);
	assert_true(strlen(s.user_agent) <= 200);
	assert_true(strncmp(s.user_agent, ua, 199) == 0);
	assert_true(utf8_valid(s.user_agent, strlen(s.user_agent)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELDB_BOTH(test_create_then_lookup),
		MODELDB_BOTH(test_seen_at_is_written_at_most_every_touch_interval),
		MODELDB_BOTH(test_idle_and_absolute_expiry),
		MODELDB_BOTH(test_malformed_or_unknown_cookies_find_nothing),
		MODELDB_BOTH(test_end_signs_out_one_session),
		MODELDB_BOTH(test_end_others_keeps_the_current_one),
		MODELDB_BOTH(test_list_is_newest_first_and_marks_the_current_one),
		MODELDB_BOTH(test_purge_removes_only_dead_sessions),
		MODELDB_BOTH(test_long_user_agent_is_cut_to_whole_characters),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
