/*
 * consent_test.c: consent records (src/model/consent.c) on SQLite and,
 * when SAMSKAB_TEST_PG is set, PostgreSQL: what a person agreed to, which
 * wording and when; withdrawing is as easy as giving; giving twice keeps
 * one record; purposes and people are kept apart; the history stays.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "model/consent.h"
#include "support/modeldb.h"

static int active(struct modeldb *m, int64_t id, enum consent_purpose p)
{
	int yes = -1;
	assert_int_equal(consent_active(m->db, id, p, &yes), MODEL_OK);
	return yes;
}

static void test_purpose_codes_and_versions(void **state)
{
	(void)state;
	static const struct {
		enum consent_purpose p;
		const char *code, *version;
	} cases[] = {
		{ CONSENT_TERMS, "terms", "privacy-2026-11" },
		{ CONSENT_UPDATES, "updates", "updates-2026-11" },
	};
	assert_int_equal(sizeof cases / sizeof cases[0], CONSENT__MAX);
	for (size_t i = 0; i < CONSENT__MAX; i++) {
		assert_string_equal(consent_code(cases[i].p), cases[i].code);
		assert_int_equal(consent_parse(cases[i].code), cases[i].p);
		assert_string_equal(consent_version(cases[i].p), cases[i].version);
	}
	assert_int_not_equal(consent_msg(CONSENT_TERMS), consent_msg(CONSENT_UPDATES));
	assert_int_equal(consent_parse("Terms"), -1);
	assert_int_equal(consent_parse(""), -1);
	assert_int_equal(consent_parse(NULL), -1);
	assert_string_equal(consent_code(CONSENT__MAX), "?");
}

static void test_give_withdraw_give_keeps_the_history(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t id = modeldb_account(m, "anna@example.dk", "Anna");
	assert_int_equal(active(m, id, CONSENT_UPDATES), 0);
	int64_t before = model_now();
	assert_int_equal(consent_give(m->db, id, CONSENT_UPDATES), MODEL_OK);
	assert_int_equal(active(m, id, CONSENT_UPDATES), 1);
	/* Giving again while in force changes nothing. */
	assert_int_equal(consent_give(m->db, id, CONSENT_UPDATES), MODEL_OK);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM consent"), 1);

	assert_int_equal(consent_withdraw(m->db, id, CONSENT_UPDATES), MODEL_OK);
	assert_int_equal(active(m, id, CONSENT_UPDATES), 0);
	assert_int_equal(consent_withdraw(m->db, id, CONSENT_UPDATES), MODEL_NOT_FOUND);

	assert_int_equal(consent_give(m->db, id, CONSENT_UPDATES), MODEL_OK);
	assert_int_equal(active(m, id, CONSENT_UPDATES), 1);

	struct consent *items;
	size_t n;
	assert_int_equal(consent_list(m->db, m->region, id, &items, &n), MODEL_OK);
	assert_int_equal(n, 2);
	/* Newest first: the one in force, then the withdrawn one. */
	assert_int_equal(items[0].purpose, CONSENT_UPDATES);
	assert_string_equal(items[0].text_version, "updates-2026-11");
	assert_int_equal(items[0].withdrawn_at, 0);
	assert_in_range(items[0].given_at, before, model_now());
	assert_int_equal(items[1].purpose, CONSENT_UPDATES);
	assert_in_range(items[1].withdrawn_at, items[1].given_at, model_now());
	assert_true(items[0].id > items[1].id);
}

static void test_purposes_and_people_are_apart(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t anna = modeldb_account(m, "anna@example.dk", "Anna");
	int64_t bo = modeldb_account(m, "bo@example.dk", "Bo");
	assert_int_equal(consent_give(m->db, anna, CONSENT_TERMS), MODEL_OK);
	assert_int_equal(consent_give(m->db, anna, CONSENT_UPDATES), MODEL_OK);
	assert_int_equal(consent_give(m->db, bo, CONSENT_UPDATES), MODEL_OK);
	assert_int_equal(consent_withdraw(m->db, anna, CONSENT_UPDATES), MODEL_OK);
	assert_int_equal(active(m, anna, CONSENT_TERMS), 1);
	assert_int_equal(active(m, anna, CONSENT_UPDATES), 0);
	assert_int_equal(active(m, bo, CONSENT_UPDATES), 1);
	assert_int_equal(active(m, bo, CONSENT_TERMS), 0);
	assert_int_equal(consent_withdraw(m->db, bo, CONSENT_TERMS), MODEL_NOT_FOUND);

	struct consent *items;
	size_t n;
	assert_int_equal(consent_list(m->db, m->region, bo, &items, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].purpose, CONSENT_UPDATES);
	/* A given time in the past: the list is by time, not by insertion. */
	modeldb_exec(m, "UPDATE consent SET given_at = given_at + 100 WHERE account_id = %lld AND purpose = 'terms'",
		     (long long)anna);
	assert_int_equal(consent_list(m->db, m->region, anna, &items, &n), MODEL_OK);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].purpose, CONSENT_TERMS);
	assert_string_equal(items[0].text_version, "privacy-2026-11");
	assert_int_equal(items[1].purpose, CONSENT_UPDATES);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_purpose_codes_and_versions),
		MODELDB_BOTH(test_give_withdraw_give_keeps_the_history),
		MODELDB_BOTH(test_purposes_and_people_are_apart),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
