/*
 * support_test.c: supports (src/model/support.c) on SQLite and
 * PostgreSQL: a person supports once and withdraws; an organisation
 * supports once whoever represents it; each counts for a sector and a
 * local area (a person's as they told the dialogue, else citizen and
 * their account's area; an organisation's own), counted by sector and by
 * area; an organisation that does not exist supports nothing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "model/participant.h"
#include "model/support.h"
#include "support/modeldb.h"

static void test_support_once_and_withdraw(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t anna = modeldb_account(m, "anna@example.dk", "Anna"), bo = modeldb_account(m, "bo@example.dk", "Bo");
	int64_t arena = modeldb_arena(m, "Integration");
	int64_t p = modeldb_proposal(m, arena, "Vejvisere", "", anna), q = modeldb_proposal(m, arena, "Andet", "", anna);
	int64_t dgi = modeldb_org(m, "DGI");
	int yes;
	assert_int_equal(support_given(m->db, p, bo, 0, &yes), MODEL_OK);
	assert_false(yes);
	assert_int_equal(support_add(m->db, p, bo, 0), MODEL_OK);
	assert_int_equal(support_add(m->db, p, bo, 0), MODEL_CONFLICT);
	assert_int_equal(support_given(m->db, p, bo, 0, &yes), MODEL_OK);
	assert_true(yes);
	assert_int_equal(support_given(m->db, q, bo, 0, &yes), MODEL_OK);
	assert_false(yes);
	/* Bo also gives DGI's support; Anna, also DGI's representative, cannot give it twice. */
	assert_int_equal(support_add(m->db, p, bo, dgi), MODEL_OK);
	assert_int_equal(support_add(m->db, p, anna, dgi), MODEL_CONFLICT);
	assert_int_equal(support_add(m->db, p, anna, 999999), MODEL_NOT_FOUND);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM proposal_support"), 2);

	assert_int_equal(support_withdraw(m->db, p, bo, 0), MODEL_OK);
	assert_int_equal(support_withdraw(m->db, p, bo, 0), MODEL_NOT_FOUND);
	assert_int_equal(support_given(m->db, p, bo, dgi, &yes), MODEL_OK);
	assert_true(yes); /* the organisation's stays */
	assert_int_equal(support_withdraw(m->db, p, anna, dgi), MODEL_OK);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM proposal_support"), 0);
}

static void test_counts_by_sector_and_area(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t haarby = modeldb_area(m, "Haarby"), aarup = modeldb_area(m, "Aarup");
	int64_t people[4];
	const char *emails[] = { "a@example.dk", "b@example.dk", "c@example.dk", "d@example.dk" };
	for (int i = 0; i < 4; i++)
		people[i] = modeldb_account(m, emails[i], "Person");
	int64_t arena = modeldb_arena(m, "Integration");
	int64_t p = modeldb_proposal(m, arena, "Vejvisere", "", people[0]);
	/* a: said public sector, Haarby in the dialogue; b: nothing said,
	 * lives in Aarup by the account; c, d: nothing at all. */
	int64_t pid;
	assert_int_equal(participant_of_account(m->db, people[0], 1, &pid), MODEL_OK);
	assert_int_equal(participant_set_facts(m->db, pid, haarby, SECTOR_PUBLIC), MODEL_OK);
	modeldb_exec(m, "UPDATE account SET area_id = %lld WHERE id = %lld", (long long)aarup, (long long)people[1]);
	for (int i = 0; i < 4; i++)
		assert_int_equal(support_add(m->db, p, people[i], 0), MODEL_OK);
	int64_t dgi = modeldb_org(m, "DGI"), netvaerk = modeldb_org(m, "Haarby Netværk");
	modeldb_exec(m, "UPDATE organisation SET sector = 'voluntary' WHERE id = %lld", (long long)dgi);
	modeldb_exec(m, "UPDATE organisation SET sector = 'citizen', area_id = %lld WHERE id = %lld",
		     (long long)haarby, (long long)netvaerk);
	assert_int_equal(support_add(m->db, p, people[2], dgi), MODEL_OK);
	assert_int_equal(support_add(m->db, p, people[3], netvaerk), MODEL_OK);

	struct support_sectors s;
	assert_int_equal(support_by_sector(m->db, p, &s), MODEL_OK);
	assert_int_equal(s.people[SECTOR_PUBLIC], 1);
	assert_int_equal(s.people[SECTOR_CITIZEN], 3);
	assert_int_equal(s.people[SECTOR_VOLUNTARY], 0);
	assert_int_equal(s.organisations[SECTOR_VOLUNTARY], 1);
	assert_int_equal(s.organisations[SECTOR_CITIZEN], 1);
	assert_int_equal(s.organisations[SECTOR_PUBLIC], 0);

	struct support_area *areas;
	size_t n;
	assert_int_equal(support_by_area(m->db, m->region, p, &areas, &n), MODEL_OK);
	assert_int_equal(n, 3);
	assert_string_equal(areas[0].name, "Aarup");
	assert_int_equal(areas[0].people, 1);
	assert_string_equal(areas[1].name, "Haarby");
	assert_int_equal(areas[1].people, 1);
	assert_int_equal(areas[1].organisations, 1);
	assert_null(areas[2].name);
	assert_int_equal(areas[2].area_id, 0);
	assert_int_equal(areas[2].people, 2);
	assert_int_equal(areas[2].organisations, 1);

	struct support_organisation *orgs;
	assert_int_equal(support_organisations(m->db, m->region, p, &orgs, &n), MODEL_OK);
	assert_int_equal(n, 2);
	assert_string_equal(orgs[0].name, "Haarby Netværk"); /* citizen before voluntary */
	assert_int_equal(orgs[0].sector, SECTOR_CITIZEN);
	assert_string_equal(orgs[1].name, "DGI");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELDB_BOTH(test_support_once_and_withdraw),
		MODELDB_BOTH(test_counts_by_sector_and_area),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
