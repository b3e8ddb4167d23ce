/*
 * breakdown_test.c: votes by local area and by sector
 * (src/model/breakdown.c) on SQLite and, when SAMSKAB_TEST_PG is set,
 * PostgreSQL, on a dialogue imported as polis-import does it
 * (participant_add_detached, statement_import, vote_import): only voters
 * who gave an area or sector count, only current votes on accepted
 * statements that are not meta, and imports of any size (batches and
 * their remainder) keep every vote and the newest time.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "model/breakdown.h"
#include "model/dialogue.h"
#include "model/organisation.h"
#include "model/participant.h"
#include "support/modeldb.h"

static int64_t arena(struct modeldb *m)
{
	modeldb_exec(m, "INSERT INTO theme (name, name_key, created_at, updated_at) VALUES ('T', 't', 1, 1)");
	modeldb_exec(m, "INSERT INTO arena (title, title_key, theme_id, created_at, updated_at) "
			"VALUES ('A', 'a', (SELECT MAX(id) FROM theme), 1, 1)");
	return modeldb_int(m, "SELECT MAX(id) FROM arena");
}

static int64_t statement(struct modeldb *m, int64_t arena_id, enum statement_status status, int meta,
			 int64_t external)
{
	struct statement s = { .arena_id = arena_id, .text = "Et udsagn, \"citeret\"", .lang = "da",
			       .status = status, .meta = meta, .external_id = external, .created_at = 5 };
	int64_t id = 0;
	assert_int_equal(statement_import(m->db, &s, &id), MODEL_OK);
	return id;
}

static void test_counts_by_area_and_sector(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t a = arena(m), haarby = modeldb_area(m, "Haarby"), aarup = modeldb_area(m, "Aarup");
	int64_t s1 = statement(m, a, STATEMENT_ACCEPTED, 0, 0), s2 = statement(m, a, STATEMENT_ACCEPTED, 0, 7);
	int64_t out = statement(m, a, STATEMENT_REJECTED, 0, 8), meta = statement(m, a, STATEMENT_ACCEPTED, 1, 9);
	int64_t p[5];
	for (int i = 0; i < 5; i++)
		assert_int_equal(participant_add_detached(m->db, &p[i]), MODEL_OK);
	/* p0 Haarby/public, p1 Haarby/citizen, p2 Aarup, p3 citizen, p4 nothing. */
	assert_int_equal(participant_set_facts(m->db, p[0], haarby, SECTOR_PUBLIC), MODEL_OK);
	assert_int_equal(participant_set_facts(m->db, p[1], haarby, SECTOR_CITIZEN), MODEL_OK);
	assert_int_equal(participant_set_facts(m->db, p[2], aarup, -1), MODEL_OK);
	assert_int_equal(participant_set_facts(m->db, p[3], 0, SECTOR_CITIZEN), MODEL_OK);
	const struct dialogue_vote votes[] = {
		{ p[0], s1, 1, 100 },  { p[1], s1, -1, 101 }, { p[2], s1, 0, 102 }, { p[3], s1, 1, 103 },
		{ p[4], s1, -1, 104 }, { p[0], s2, -1, 105 }, { p[1], out, 1, 106 }, { p[1], meta, 1, 107 },
	};
	size_t nv = sizeof votes / sizeof votes[0];
	assert_int_equal(vote_import(m->db, a, votes, nv, 0), MODEL_OK);
	assert_int_equal(vote_import(m->db, a, votes, nv, 1), MODEL_OK);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM vote_history"), (int64_t)nv);
	assert_int_equal(modeldb_int(m, "SELECT last_vote_at FROM dialogue_activity WHERE arena_id = %lld",
				     (long long)a),
			 107);

	struct breakdown_voters v;
	assert_int_equal(breakdown_voters(m->db, a, &v), MODEL_OK);
	assert_int_equal(v.with_area, 3);
	assert_int_equal(v.with_sector, 3);

	struct breakdown_cell *c;
	size_t n;
	assert_int_equal(breakdown_votes(m->db, m->region, a, BREAKDOWN_AREA, &c, &n), MODEL_OK);
	assert_int_equal(n, 3); /* s1 Aarup, s1 Haarby, s2 Haarby */
	assert_int_equal(c[0].statement_id, s1);
	assert_string_equal(c[0].name, "Aarup");
	assert_int_equal(c[0].area_id, aarup);
	assert_true(c[0].agree == 0 && c[0].disagree == 0 && c[0].pass == 1);
	assert_string_equal(c[1].name, "Haarby");
	assert_true(c[1].agree == 1 && c[1].disagree == 1 && c[1].pass == 0);
	assert_int_equal(c[2].statement_id, s2);
	assert_true(c[2].agree == 0 && c[2].disagree == 1 && c[2].pass == 0);

	assert_int_equal(breakdown_votes(m->db, m->region, a, BREAKDOWN_SECTOR, &c, &n), MODEL_OK);
	assert_int_equal(n, 3); /* s1 citizen, s1 public, s2 public */
	assert_string_equal(c[0].name, "citizen");
	assert_true(c[0].agree == 1 && c[0].disagree == 1);
	assert_string_equal(c[1].name, "public");
	assert_true(c[1].agree == 1 && c[1].disagree == 0);
	assert_int_equal(c[2].statement_id, s2);

	/* The imported statements as read back: external ids (0 is one),
	 * text, status. */
	struct statement *all;
	assert_int_equal(statement_list(m->db, m->region, a, -1, &all, &n), MODEL_OK);
	assert_int_equal(n, 4);
	assert_int_equal(all[0].external_id, 0);
	assert_int_equal(all[1].external_id, 7);
	assert_string_equal(all[0].text, "Et udsagn, \"citeret\"");
	assert_int_equal(all[2].status, STATEMENT_REJECTED);
	assert_int_equal(all[3].meta, 1);
	assert_int_equal(all[0].agree, 2);
}

static void test_nothing_to_break_down(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t a = arena(m);
	struct breakdown_voters v;
	assert_int_equal(breakdown_voters(m->db, a, &v), MODEL_OK);
	assert_true(v.with_area == 0 && v.with_sector == 0);
	struct breakdown_cell *c;
	size_t n = 1;
	assert_int_equal(breakdown_votes(m->db, m->region, a, BREAKDOWN_AREA, &c, &n), MODEL_OK);
	assert_int_equal(n, 0);
	/* A statement added in samskab has no external id. */
	struct field_errors errs = { .n = 0 };
	enum statement_status st;
	int64_t id;
	assert_int_equal(statement_add(m->db, a, 0, 0, "Nyt", "da", 1, &st, &id, &errs), MODEL_OK);
	struct statement s;
	assert_int_equal(statement_get(m->db, m->region, id, &s), MODEL_OK);
	assert_int_equal(s.external_id, -1);
}

/* 16 rows go in one statement; 8 * 16 + 5 votes cross eight batches
 * and a remainder of single rows. */
static void test_import_in_batches(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t a = arena(m);
	enum { NP = 19, NS = 7 };
	int64_t s[NS], p[NP];
	for (int i = 0; i < NS; i++)
		s[i] = statement(m, a, STATEMENT_ACCEPTED, 0, i);
	for (int i = 0; i < NP; i++)
		assert_int_equal(participant_add_detached(m->db, &p[i]), MODEL_OK);
	struct dialogue_vote v[NP * NS];
	size_t n = 0;
	for (int i = 0; i < NP; i++)
		for (int k = 0; k < NS; k++, n++)
			v[n] = (struct dialogue_vote){ p[i], s[k], (i + k) % 3 - 1, 1000 + (int64_t)n };
	assert_int_equal(n, 133);
	assert_int_equal(vote_import(m->db, a, v, n, 1), MODEL_OK);
	struct dialogue_vote *back;
	size_t nback;
	assert_int_equal(vote_list_arena(m->db, m->region, a, &back, &nback), MODEL_OK);
	assert_int_equal(nback, n);
	for (size_t i = 0; i < n; i++)
		assert_true(back[i].participant_id == v[i].participant_id &&
			    back[i].statement_id == v[i].statement_id && back[i].value == v[i].value &&
			    back[i].voted_at == v[i].voted_at);
	assert_int_equal(modeldb_int(m, "SELECT last_vote_at FROM dialogue_activity"), 1132);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELDB_BOTH(test_counts_by_area_and_sector),
		MODELDB_BOTH(test_nothing_to_break_down),
		MODELDB_BOTH(test_import_in_batches),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
