/*
 * proposal_test.c: proposals and questions (src/model/proposal.c) on
 * SQLite and PostgreSQL: the code tables; starting a proposal with only a
 * title; answering a question of the arena, not another's; lists paged,
 * filtered by question and status, sorted by activity, support and age,
 * with support and comment counts; questions with their counts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "model/comment.h"
#include "model/proposal.h"
#include "model/revision.h"
#include "model/support.h"
#include "support/modeldb.h"

static void test_codes(void **state)
{
	(void)state;
	static const char *const statuses[] = { "drafting", "submitted", "considering", "decided", "implementing", "done" };
	assert_int_equal(sizeof statuses / sizeof statuses[0], PROPOSAL_STATUS__MAX);
	for (int i = 0; i < PROPOSAL_STATUS__MAX; i++) {
		assert_string_equal(proposal_status_code((enum proposal_status)i), statuses[i]);
		assert_int_equal(proposal_status_parse(statuses[i]), i);
		for (int k = 0; k < i; k++)
			assert_int_not_equal(proposal_status_msg((enum proposal_status)i),
					     proposal_status_msg((enum proposal_status)k));
	}
	assert_int_equal(proposal_status_parse("Drafting"), -1);
	assert_int_equal(proposal_status_parse(NULL), -1);
	assert_null(outcome_code(OUTCOME_NONE));
	assert_int_equal(outcome_parse(NULL), OUTCOME_NONE);
	assert_int_equal(outcome_parse("amended"), OUTCOME_AMENDED);
	assert_int_equal(outcome_parse("maybe"), -1);
	assert_int_equal(proposal_sort_parse("support"), PROPOSAL_SORT_SUPPORT);
	assert_string_equal(proposal_sort_code(PROPOSAL_SORT_NEW), "new");
	assert_int_equal(proposal_sort_parse("best"), -1);
}

static void test_start_with_a_title_only(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t anna = modeldb_account(m, "anna@example.dk", "Anna");
	int64_t arena = modeldb_arena(m, "Integration");
	struct field_errors e = { .n = 0 };
	int64_t id;
	assert_int_equal(proposal_create(m->db, arena, 0, "  Kolleger som vejvisere  \n", NULL, "da", anna, &id, &e),
			 MODEL_OK);
	struct proposal p;
	assert_int_equal(proposal_get(m->db, m->region, id, &p), MODEL_OK);
	assert_string_equal(p.title, "Kolleger som vejvisere");
	assert_int_equal(p.question_id, 0);
	assert_null(p.question);
	assert_int_equal(p.created_by, anna);
	assert_int_equal(p.supports, 0);
	assert_int_equal(p.comments, 0);
	/* No title, or one too long: refused, nothing stored. */
	char title[PROPOSAL_TITLE_MAX + 2];
	memset(title, 'x', sizeof title - 1);
	title[sizeof title - 1] = '\0';
	const char *bad[] = { "", "   ", title };
	for (size_t i = 0; i < 3; i++) {
		e.n = 0;
		assert_int_equal(proposal_create(m->db, arena, 0, bad[i], "", "da", anna, &id, &e), MODEL_INVALID);
		assert_int_not_equal(field_error_get(&e, "title"), MSG__MAX);
	}
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM proposal"), 1);
	assert_int_equal(proposal_get(m->db, m->region, 999, &p), MODEL_NOT_FOUND);
}

static void test_questions(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t frida = modeldb_account(m, "frida@example.dk", "Frida");
	int64_t arena = modeldb_arena(m, "Integration"), other = modeldb_arena(m, "Ældre");
	struct field_errors e = { .n = 0 };
	int64_t q, q2, id;
	assert_int_equal(question_create(m->db, arena, "Hvordan når vi ensomme ældre efter kl. 16?", frida, &q, &e),
			 MODEL_OK);
	assert_int_equal(question_create(m->db, other, "Et andet spørgsmål?", frida, &q2, &e), MODEL_OK);
	e.n = 0;
	assert_int_equal(question_create(m->db, arena, " ", frida, &id, &e), MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "question"), MSG_FORM_REQUIRED);
	e.n = 0;
	assert_int_equal(proposal_create(m->db, arena, q, "Besøgsvenner", "", "da", frida, &id, &e), MODEL_OK);
	assert_int_equal(proposal_create(m->db, arena, q, "Fællesspisning", "", "da", frida, &id, &e), MODEL_OK);
	/* A question of another arena is not one to answer here. */
	assert_int_equal(proposal_create(m->db, arena, q2, "Forkert", "", "da", frida, &id, &e), MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "question"), MSG_FORM_CHOOSE_ONE);
	struct question *qs;
	size_t n;
	assert_int_equal(question_list(m->db, m->region, arena, &qs, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(qs[0].proposals, 2);
	struct proposal p;
	assert_int_equal(proposal_get(m->db, m->region, id, &p), MODEL_OK);
	assert_string_equal(p.question, "Hvordan når vi ensomme ældre efter kl. 16?");
}

static void test_list_filter_sort_page(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t anna = modeldb_account(m, "anna@example.dk", "Anna"), bo = modeldb_account(m, "bo@example.dk", "Bo");
	int64_t arena = modeldb_arena(m, "Integration"), other = modeldb_arena(m, "Ældre");
	struct field_errors e = { .n = 0 };
	int64_t q, ids[5], id;
	assert_int_equal(question_create(m->db, arena, "Hvordan?", anna, &q, &e), MODEL_OK);
	for (int i = 0; i < 5; i++) {
		char title[32];
		snprintf(title, sizeof title, "Forslag %d", i);
		assert_int_equal(proposal_create(m->db, arena, i < 2 ? q : 0, title, "", "da", anna, &ids[i], &e),
				 MODEL_OK);
		modeldb_exec(m, "UPDATE proposal SET created_at = %d, updated_at = %d WHERE id = %lld", 100 + i,
			     200 - i, (long long)ids[i]);
	}
	modeldb_proposal(m, other, "Andetsteds", "", anna);
	assert_int_equal(support_add(m->db, ids[3], anna, 0), MODEL_OK);
	assert_int_equal(support_add(m->db, ids[3], bo, 0), MODEL_OK);
	assert_int_equal(support_add(m->db, ids[1], bo, 0), MODEL_OK);
	assert_int_equal(comment_add(m->db, ids[4], 0, bo, "Godt!", "da", &id, &e), MODEL_OK);
	modeldb_exec(m, "UPDATE proposal SET status = 'submitted' WHERE id = %lld", (long long)ids[2]);

	struct proposal *items;
	size_t n;
	struct proposal_filter f = { .arena_id = arena, .status = -1, .sort = PROPOSAL_SORT_ACTIVE };
	struct paging p = { 1, 2, 0 };
	assert_int_equal(proposal_list(m->db, m->region, &f, &p, &items, &n), MODEL_OK);
	assert_int_equal(p.total, 5);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].id, ids[0]); /* most recently active first */
	assert_int_equal(items[1].id, ids[1]);
	p.page = 3;
	assert_int_equal(proposal_list(m->db, m->region, &f, &p, &items, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, ids[4]);
	assert_int_equal(items[0].comments, 1);

	f.sort = PROPOSAL_SORT_SUPPORT;
	p = (struct paging){ 1, 10, 0 };
	assert_int_equal(proposal_list(m->db, m->region, &f, &p, &items, &n), MODEL_OK);
	assert_int_equal(items[0].id, ids[3]);
	assert_int_equal(items[0].supports, 2);
	assert_int_equal(items[1].id, ids[1]);
	f.sort = PROPOSAL_SORT_NEW;
	assert_int_equal(proposal_list(m->db, m->region, &f, &p, &items, &n), MODEL_OK);
	assert_int_equal(items[0].id, ids[4]);

	f.question_id = q;
	assert_int_equal(proposal_list(m->db, m->region, &f, &p, &items, &n), MODEL_OK);
	assert_int_equal(p.total, 2);
	f.question_id = 0;
	f.status = PROPOSAL_SUBMITTED;
	assert_int_equal(proposal_list(m->db, m->region, &f, &p, &items, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, ids[2]);
	assert_int_equal(items[0].status, PROPOSAL_SUBMITTED);
}

/* Every change to an arena's proposals moves its version; others' stay. */
static void test_version_grows_with_every_change(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t anna = modeldb_account(m, "anna@example.dk", "Anna"), bo = modeldb_account(m, "bo@example.dk", "Bo");
	int64_t arena = modeldb_arena(m, "Integration"), other = modeldb_arena(m, "Ældre");
	int64_t v = -1, last, theirs;
	assert_int_equal(proposal_version(m->db, arena, &v), MODEL_OK);
	assert_int_equal(v, 0);
	int64_t p = modeldb_proposal(m, arena, "Vejvisere", "", anna);
	assert_int_equal(proposal_version(m->db, other, &theirs), MODEL_OK);
	struct field_errors e = { .n = 0 };
	int64_t id;
	struct revision_result out;
	struct revision_save save = { .proposal_id = p, .base = 1, .title = "Vejvisere", .text = "Tekst.", .note = "",
				      .author = bo, .kind = REVISION_EDIT };
	assert_int_equal(proposal_version(m->db, arena, &last), MODEL_OK);
	assert_true(last > 0);
	for (int step = 0; step < 5; step++) {
		enum model_rc rc = step == 0 ? revision_save(m->db, m->region, &save, &out, &e)
				 : step == 1 ? support_add(m->db, p, bo, 0)
				 : step == 2 ? comment_add(m->db, p, 0, bo, "Godt.", "da", &id, &e)
				 : step == 3 ? support_withdraw(m->db, p, bo, 0)
					     : comment_moderate(m->db, id, MODERATE_HIDE, "Nej", anna, "test", &e);
		assert_int_equal(rc, MODEL_OK);
		assert_int_equal(proposal_version(m->db, arena, &v), MODEL_OK);
		if (v <= last)
			fail_msg("change %d left the version at %lld", step, (long long)v);
		last = v;
	}
	assert_int_equal(proposal_version(m->db, other, &v), MODEL_OK);
	assert_int_equal(v, theirs);
	/* A save that changes nothing changes no page. */
	save.base = 2;
	assert_int_equal(revision_save(m->db, m->region, &save, &out, &e), MODEL_OK);
	assert_true(out.unchanged);
	assert_int_equal(proposal_version(m->db, arena, &v), MODEL_OK);
	assert_int_equal(v, last);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes),
		MODELDB_BOTH(test_start_with_a_title_only),
		MODELDB_BOTH(test_questions),
		MODELDB_BOTH(test_list_filter_sort_page),
		MODELDB_BOTH(test_version_grows_with_every_change),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
