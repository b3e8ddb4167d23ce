/*
 * calendar_test.c: calendar feed tokens (src/model/calendar.c) on SQLite
 * and, when SAMSKAB_TEST_PG is set, PostgreSQL: a token names its
 * account, only its hash is stored, a new one retires the old, unknown
 * and malformed tokens name nobody, and deleting the account removes it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "model/account.h"
#include "model/calendar.h"
#include "support/modeldb.h"

typedef char token_t[SECRET_TOKEN_LEN + 1];

static void test_token_names_its_account_and_only_the_hash_is_stored(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t anna = modeldb_account(m, "anna@example.dk", "Anna");
	int64_t bo = modeldb_account(m, "bo@example.dk", "Bo");
	int64_t created = 0, now = model_now();
	assert_int_equal(calendar_token_created(m->db, anna, &created), MODEL_NOT_FOUND);

	token_t a, b;
	assert_int_equal(calendar_token_issue(m->db, anna, a), MODEL_OK);
	assert_int_equal(calendar_token_issue(m->db, bo, b), MODEL_OK);
	assert_true(secret_token_valid(a));
	assert_string_not_equal(a, b);
	char hash[SECRET_HASH_LEN + 1];
	secret_hash(a, hash);
	assert_int_equal(modeldb_int(m, "SELECT account_id FROM calendar_token WHERE token_hash = '%s'", hash),
			 anna);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM calendar_token WHERE token_hash = '%s'", a), 0);

	int64_t who = 0;
	assert_int_equal(calendar_token_account(m->db, a, &who), MODEL_OK);
	assert_int_equal(who, anna);
	assert_int_equal(calendar_token_account(m->db, b, &who), MODEL_OK);
	assert_int_equal(who, bo);
	assert_int_equal(calendar_token_created(m->db, anna, &created), MODEL_OK);
	assert_in_range(created, now, model_now());
}

static void test_new_token_retires_the_old(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t anna = modeldb_account(m, "anna@example.dk", "Anna");
	token_t first, second;
	assert_int_equal(calendar_token_issue(m->db, anna, first), MODEL_OK);
	modeldb_exec(m, "UPDATE calendar_token SET created_at = 1000");
	assert_int_equal(calendar_token_issue(m->db, anna, second), MODEL_OK);
	int64_t who = 0, created = 0;
	assert_int_equal(calendar_token_account(m->db, first, &who), MODEL_NOT_FOUND);
	assert_int_equal(calendar_token_account(m->db, second, &who), MODEL_OK);
	assert_int_equal(who, anna);
	assert_int_equal(calendar_token_created(m->db, anna, &created), MODEL_OK);
	assert_true(created > 1000);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM calendar_token"), 1);
}

static void test_unknown_and_malformed_tokens_name_nobody(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t anna = modeldb_account(m, "anna@example.dk", "Anna");
	token_t t, other;
	assert_int_equal(calendar_token_issue(m->db, anna, t), MODEL_OK);
	secret_token(other);
	char longer[SECRET_TOKEN_LEN + 2], bad[SECRET_TOKEN_LEN + 1];
	memcpy(longer, t, SECRET_TOKEN_LEN);
	memcpy(longer + SECRET_TOKEN_LEN, "A", 2);
	memcpy(bad, t, sizeof bad);
	bad[5] = '%';
	const char *tokens[] = { other, "", NULL, longer, bad, t + 1 };
	for (size_t i = 0; i < sizeof tokens / sizeof tokens[0]; i++) {
		int64_t who = -1;
		assert_int_equal(calendar_token_account(m->db, tokens[i], &who), MODEL_NOT_FOUND);
	}
}

static void test_deleting_the_account_removes_its_token(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t anna = modeldb_account(m, "anna@example.dk", "Anna");
	token_t t;
	assert_int_equal(calendar_token_issue(m->db, anna, t), MODEL_OK);
	assert_int_equal(account_delete(m->db, anna, ACCOUNT_DELETE_REMOVE_TEXTS), MODEL_OK);
	int64_t who = 0;
	assert_int_equal(calendar_token_account(m->db, t, &who), MODEL_NOT_FOUND);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM calendar_token"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELDB_BOTH(test_token_names_its_account_and_only_the_hash_is_stored),
		MODELDB_BOTH(test_new_token_retires_the_old),
		MODELDB_BOTH(test_unknown_and_malformed_tokens_name_nobody),
		MODELDB_BOTH(test_deleting_the_account_removes_its_token),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
