/*
 * participant_test.c: pseudonymous participants (src/model/participant.c)
 * on SQLite and, when SAMSKAB_TEST_PG is set, PostgreSQL: a visitor's
 * cookie finds (or makes) one participant, only its hash is stored; on
 * signing in it is attached to the account unless the account already
 * has one; an account always has exactly one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "model/participant.h"
#include "support/modeldb.h"

typedef char token_t[SECRET_TOKEN_LEN + 1];

static int64_t from_token(struct modeldb *m, const char *t, int create)
{
	int64_t id = -1;
	assert_int_equal(participant_from_token(m->db, t, create, NULL, &id), MODEL_OK);
	return id;
}

static int64_t of_account(struct modeldb *m, int64_t account)
{
	int64_t id = -1;
	assert_int_equal(participant_of_account(m->db, account, 1, &id), MODEL_OK);
	return id;
}

static void test_from_token_finds_or_creates(void **state)
{
	struct modeldb *m = modeldb_get(state);
	token_t t, u;
	secret_token(t);
	secret_token(u);
	/* Without create nothing is made. */
	assert_int_equal(from_token(m, t, 0), 0);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM participant"), 0);
	int64_t id = from_token(m, t, 1);
	assert_true(id > 0);
	assert_int_equal(from_token(m, t, 0), id);
	assert_int_equal(from_token(m, t, 1), id); /* not a second one */
	int64_t other = from_token(m, u, 1);
	assert_true(other > 0 && other != id);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM participant"), 2);
	/* Only the hash is stored, and no account yet. */
	char hash[SECRET_HASH_LEN + 1];
	secret_hash(t, hash);
	assert_int_equal(modeldb_int(m, "SELECT id FROM participant WHERE token_hash = '%s'", hash), id);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM participant WHERE token_hash = '%s'", t), 0);
	assert_int_equal(modeldb_int(m, "SELECT account_id FROM participant WHERE id = %lld", (long long)id),
			 MODELDB_NULL);

	/* A malformed cookie finds nothing and makes nothing. */
	const char *const bad[] = { NULL, "", "short", hash, "AAAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAAAAAAA" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int64_t none = -1;
		assert_int_equal(participant_from_token(m->db, bad[i], 1, NULL, &none), MODEL_NOT_FOUND);
		assert_int_equal(none, 0);
	}
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM participant"), 2);
}

static void test_attach_only_when_the_account_has_none(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t anna = modeldb_account(m, "anna@example.dk", "Anna");
	int64_t bo = modeldb_account(m, "bo@example.dk", "Bo");
	token_t phone, laptop;
	secret_token(phone);
	secret_token(laptop);
	int64_t p_phone = from_token(m, phone, 1), p_laptop = from_token(m, laptop, 1);

	/* Anna votes on her phone, then signs up: her votes come along. */
	assert_int_equal(participant_attach(m->db, phone, anna), MODEL_OK);
	assert_int_equal(of_account(m, anna), p_phone);
	assert_int_equal(from_token(m, phone, 0), p_phone);

	/* Later she signs in on a laptop where she also voted: her account
	 * keeps its participant; the laptop's stays apart, unattached. */
	assert_int_equal(participant_attach(m->db, laptop, anna), MODEL_OK);
	assert_int_equal(of_account(m, anna), p_phone);
	assert_int_equal(modeldb_int(m, "SELECT account_id FROM participant WHERE id = %lld", (long long)p_laptop),
			 MODELDB_NULL);

	/* Bo signs in on Anna's phone: Anna's participation is not his. */
	assert_int_equal(participant_attach(m->db, phone, bo), MODEL_OK);
	assert_int_equal(modeldb_int(m, "SELECT account_id FROM participant WHERE id = %lld", (long long)p_phone),
			 anna);
	int64_t p_bo = of_account(m, bo);
	assert_true(p_bo != p_phone && p_bo != p_laptop);

	/* A malformed or unknown cookie attaches nothing. */
	token_t unknown;
	secret_token(unknown);
	int64_t carl = modeldb_account(m, "carl@example.dk", "Carl");
	assert_int_equal(participant_attach(m->db, "garbage", carl), MODEL_OK);
	assert_int_equal(participant_attach(m->db, NULL, carl), MODEL_OK);
	assert_int_equal(participant_attach(m->db, unknown, carl), MODEL_OK);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM participant WHERE account_id = %lld", (long long)carl), 0);
}

static void test_of_account_makes_exactly_one(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t anna = modeldb_account(m, "anna@example.dk", "Anna");
	int64_t bo = modeldb_account(m, "bo@example.dk", "Bo");
	/* Looking without create (a page being read) makes nothing. */
	int64_t none = -1;
	assert_int_equal(participant_of_account(m->db, anna, 0, &none), MODEL_OK);
	assert_int_equal(none, 0);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM participant"), 0);
	int64_t a = of_account(m, anna);
	assert_true(a > 0);
	assert_int_equal(of_account(m, anna), a);
	int64_t b = of_account(m, bo);
	assert_true(b > 0 && b != a);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM participant"), 2);
	/* Made for an account, it has no cookie. */
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM participant WHERE token_hash IS NULL"), 2);
	/* An account that has one does not take a cookie's. */
	token_t t;
	secret_token(t);
	int64_t p = from_token(m, t, 1);
	assert_int_equal(participant_attach(m->db, t, anna), MODEL_OK);
	assert_int_equal(of_account(m, anna), a);
	assert_int_equal(modeldb_int(m, "SELECT account_id FROM participant WHERE id = %lld", (long long)p),
			 MODELDB_NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELDB_BOTH(test_from_token_finds_or_creates),
		MODELDB_BOTH(test_attach_only_when_the_account_has_none),
		MODELDB_BOTH(test_of_account_makes_exactly_one),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
