/*
 * token_test.c: single-use e-mail tokens (src/model/token.c) on SQLite
 * and, when SAMSKAB_TEST_PG is set, PostgreSQL: a link works once, not
 * after it expired, not for the other kind; a new reset link retires the
 * older ones; two nodes using one link at once cannot both succeed; old
 * tokens are purged.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "model/token.h"
#include "support/modeldb.h"

typedef char token_t[SECRET_TOKEN_LEN + 1];

static void set_column(struct modeldb *m, const token_t t, const char *column, int64_t v)
{
	char hash[SECRET_HASH_LEN + 1];
	secret_hash(t, hash);
	modeldb_exec(m, "UPDATE token SET %s = %lld WHERE hash = '%s'", column, (long long)v, hash);
}

static int64_t get_column(struct modeldb *m, const token_t t, const char *column)
{
	char hash[SECRET_HASH_LEN + 1];
	secret_hash(t, hash);
	return modeldb_int(m, "SELECT %s FROM token WHERE hash = '%s'", column, hash);
}

static enum token_state peek(struct modeldb *m, enum token_kind k, const char *t, int64_t *account)
{
	enum token_state s = TOKEN_OK;
	int64_t id = -1;
	assert_int_equal(token_peek(m->db, k, t, &s, &id), MODEL_OK);
	if (account)
		*account = id;
	return s;
}

static enum token_state consume(struct modeldb *m, enum token_kind k, const char *t, int64_t *account)
{
	enum token_state s = TOKEN_OK;
	int64_t id = -1;
	assert_int_equal(token_consume(m->db, k, t, &s, &id), MODEL_OK);
	if (account)
		*account = id;
	return s;
}

static void test_issue_peek_consume_once(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t id = modeldb_account(m, "anna@example.dk", "Anna");
	token_t t;
	int64_t now = model_now();
	assert_int_equal(token_issue(m->db, TOKEN_VERIFY, id, t), MODEL_OK);
	assert_true(secret_token_valid(t));
	/* Only the hash is stored. */
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM token WHERE hash = '%s'", t), 0);
	assert_int_equal(get_column(m, t, "account_id"), id);

	/* Peeking (showing the form) does not use it up. */
	int64_t who = 0;
	assert_int_equal(peek(m, TOKEN_VERIFY, t, &who), TOKEN_OK);
	assert_int_equal(who, id);
	assert_int_equal(peek(m, TOKEN_VERIFY, t, NULL), TOKEN_OK);
	assert_int_equal(get_column(m, t, "used_at"), MODELDB_NULL);

	who = 0;
	assert_int_equal(consume(m, TOKEN_VERIFY, t, &who), TOKEN_OK);
	assert_int_equal(who, id);
	assert_in_range(get_column(m, t, "used_at"), now, model_now());

	/* A second use, and a peek after it, say "used". */
	assert_int_equal(consume(m, TOKEN_VERIFY, t, NULL), TOKEN_USED);
	assert_int_equal(peek(m, TOKEN_VERIFY, t, NULL), TOKEN_USED);
}

static void test_lifetimes_and_expiry(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t id = modeldb_account(m, "anna@example.dk", "Anna");
	token_t verify, reset;
	assert_int_equal(token_issue(m->db, TOKEN_VERIFY, id, verify), MODEL_OK);
	assert_int_equal(token_issue(m->db, TOKEN_RESET, id, reset), MODEL_OK);
	/* Confirming an address: 7 days; resetting a password: 1 hour. */
	assert_int_equal(get_column(m, verify, "expires_at") - get_column(m, verify, "created_at"),
			 7 * 24 * 3600);
	assert_int_equal(get_column(m, reset, "expires_at") - get_column(m, reset, "created_at"), 3600);

	int64_t now = model_now();
	set_column(m, reset, "expires_at", now + 60);
	assert_int_equal(peek(m, TOKEN_RESET, reset, NULL), TOKEN_OK);
	set_column(m, reset, "expires_at", now - 1);
	int64_t who = 0;
	assert_int_equal(peek(m, TOKEN_RESET, reset, &who), TOKEN_EXPIRED);
	assert_int_equal(who, id);
	assert_int_equal(consume(m, TOKEN_RESET, reset, NULL), TOKEN_EXPIRED);
	assert_int_equal(get_column(m, reset, "used_at"), MODELDB_NULL); /* not used up */
	/* The other token is untouched. */
	assert_int_equal(consume(m, TOKEN_VERIFY, verify, NULL), TOKEN_OK);
}

static void test_wrong_kind_or_malformed_is_unknown(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t id = modeldb_account(m, "anna@example.dk", "Anna");
	token_t verify, reset, fresh;
	assert_int_equal(token_issue(m->db, TOKEN_VERIFY, id, verify), MODEL_OK);
	assert_int_equal(token_issue(m->db, TOKEN_RESET, id, reset), MODEL_OK);
	secret_token(fresh);

	/* A confirmation link cannot reset a password, nor the reverse. */
	assert_int_equal(peek(m, TOKEN_RESET, verify, NULL), TOKEN_UNKNOWN);
	assert_int_equal(consume(m, TOKEN_RESET, verify, NULL), TOKEN_UNKNOWN);
	assert_int_equal(consume(m, TOKEN_VERIFY, reset, NULL), TOKEN_UNKNOWN);

	char hash[SECRET_HASH_LEN + 1];
	secret_hash(verify, hash);
	const char *const bad[] = { NULL, "", "abc", fresh, hash, "AAAAAAAAAAAAAAAAAAAAA'AAAAAAAAAAAAAAAAAAAAA" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int64_t who = -1;
		if (peek(m, TOKEN_VERIFY, bad[i], &who) != TOKEN_UNKNOWN || who != 0)
			fail_msg("peek \"%s\": not unknown", bad[i] ? bad[i] : "(null)");
		if (consume(m, TOKEN_VERIFY, bad[i], &who) != TOKEN_UNKNOWN || who != 0)
			fail_msg("consume \"%s\": not unknown", bad[i] ? bad[i] : "(null)");
	}
	/* Trying the wrong kind did not use them up. */
	assert_int_equal(consume(m, TOKEN_VERIFY, verify, NULL), TOKEN_OK);
	assert_int_equal(consume(m, TOKEN_RESET, reset, NULL), TOKEN_OK);
}

static void test_new_reset_link_retires_older_ones(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t id = modeldb_account(m, "anna@example.dk", "Anna");
	int64_t other = modeldb_account(m, "bo@example.dk", "Bo");
	token_t r1, r2, r3, v1, v2, bo;
	assert_int_equal(token_issue(m->db, TOKEN_VERIFY, id, v1), MODEL_OK);
	assert_int_equal(token_issue(m->db, TOKEN_RESET, other, bo), MODEL_OK);
	assert_int_equal(token_issue(m->db, TOKEN_RESET, id, r1), MODEL_OK);
	assert_int_equal(token_issue(m->db, TOKEN_RESET, id, r2), MODEL_OK);
	assert_int_equal(peek(m, TOKEN_RESET, r1, NULL), TOKEN_USED);
	assert_int_equal(peek(m, TOKEN_RESET, r2, NULL), TOKEN_OK);
	assert_int_equal(token_issue(m->db, TOKEN_RESET, id, r3), MODEL_OK);
	assert_int_equal(consume(m, TOKEN_RESET, r2, NULL), TOKEN_USED);
	assert_int_equal(consume(m, TOKEN_RESET, r1, NULL), TOKEN_USED);
	/* Other kinds and other accounts keep theirs. */
	assert_int_equal(peek(m, TOKEN_VERIFY, v1, NULL), TOKEN_OK);
	assert_int_equal(peek(m, TOKEN_RESET, bo, NULL), TOKEN_OK);
	/* Confirmation links are not retired by a newer one: any still
	 * works, whichever mail the person opens. */
	assert_int_equal(token_issue(m->db, TOKEN_VERIFY, id, v2), MODEL_OK);
	assert_int_equal(consume(m, TOKEN_VERIFY, v1, NULL), TOKEN_OK);
	assert_int_equal(consume(m, TOKEN_RESET, r3, NULL), TOKEN_OK);
}

static void test_purge_keeps_recently_expired_for_a_day(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t id = modeldb_account(m, "anna@example.dk", "Anna");
	token_t live, used, recent, old;
	assert_int_equal(token_issue(m->db, TOKEN_VERIFY, id, live), MODEL_OK);
	assert_int_equal(token_issue(m->db, TOKEN_VERIFY, id, used), MODEL_OK);
	assert_int_equal(token_issue(m->db, TOKEN_VERIFY, id, recent), MODEL_OK);
	assert_int_equal(token_issue(m->db, TOKEN_VERIFY, id, old), MODEL_OK);
	assert_int_equal(consume(m, TOKEN_VERIFY, used, NULL), TOKEN_OK);
	int64_t now = model_now();
	set_column(m, recent, "expires_at", now - 3600);
	set_column(m, old, "expires_at", now - 24 * 3600 - 60);
	assert_int_equal(token_purge(m->db, now), MODEL_OK);
	/* An hour-old expired link still says "expired", not "unknown". */
	assert_int_equal(peek(m, TOKEN_VERIFY, recent, NULL), TOKEN_EXPIRED);
	assert_int_equal(peek(m, TOKEN_VERIFY, old, NULL), TOKEN_UNKNOWN);
	assert_int_equal(peek(m, TOKEN_VERIFY, live, NULL), TOKEN_OK);
	assert_int_equal(peek(m, TOKEN_VERIFY, used, NULL), TOKEN_USED);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM token"), 3);
}

/* Two nodes (two connections, two threads) use the same links at the
 * same time: each link is used exactly once. */
enum { RACE_TOKENS = 20 };

struct racer {
	struct store *db;
	token_t *tokens;
	int ok, used, errors;
};

static void *race(void *arg)
{
	struct racer *r = arg;
	for (int i = 0; i < RACE_TOKENS; i++) {
		enum token_state s;
		int64_t id;
		if (token_consume(r->db, TOKEN_RESET, r->tokens[i], &s, &id) != MODEL_OK)
			r->errors++;
		else if (s == TOKEN_OK)
			r->ok++;
		else if (s == TOKEN_USED)
			r->used++;
		else
			r->errors++;
	}
	return NULL;
}

static void test_concurrent_use_succeeds_once(void **state)
{
	struct modeldb *m = modeldb_get(state);
	token_t tokens[RACE_TOKENS];
	for (int i = 0; i < RACE_TOKENS; i++) {
		char email[64];
		snprintf(email, sizeof email, "p%d@example.dk", i);
		int64_t id = modeldb_account(m, email, "P");
		assert_int_equal(token_issue(m->db, TOKEN_RESET, id, tokens[i]), MODEL_OK);
	}
	struct racer a = { .db = modeldb_connect(m), .tokens = tokens };
	struct racer b = { .db = modeldb_connect(m), .tokens = tokens };
	pthread_t ta, tb;
	assert_int_equal(pthread_create(&ta, NULL, race, &a), 0);
	assert_int_equal(pthread_create(&tb, NULL, race, &b), 0);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	store_close(a.db);
	store_close(b.db);
	assert_int_equal(a.errors + b.errors, 0);
	assert_int_equal(a.ok + b.ok, RACE_TOKENS);
	assert_int_equal(a.used + b.used, RACE_TOKENS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELDB_BOTH(test_issue_peek_consume_once),
		MODELDB_BOTH(test_lifetimes_and_expiry),
		MODELDB_BOTH(test_wrong_kind_or_malformed_is_unknown),
		MODELDB_BOTH(test_new_reset_link_retires_older_ones),
		MODELDB_BOTH(test_purge_keeps_recently_expired_for_a_day),
		MODELDB_BOTH(test_concurrent_use_succeeds_once),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
