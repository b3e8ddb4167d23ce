/*
 * step_test.c: a proposal's way through the council (src/model/step.c)
 * on SQLite and PostgreSQL: each step follows the one before in order
 * and sets the proposal's status; submitting freezes the newest
 * revision; a decision needs an outcome, who decided and the reasoning;
 * only what was adopted is carried out; milestones carry progress; a
 * step out of order or with bad dates is refused, nothing stored.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "model/proposal.h"
#include "model/step.h"
#include "support/modeldb.h"

static enum proposal_status status_of(struct modeldb *m, int64_t id)
{
	struct proposal p;
	assert_int_equal(proposal_get(m->db, m->region, id, &p), MODEL_OK);
	return p.status;
}

static enum model_rc add(struct modeldb *m, int64_t proposal, struct step s, struct field_errors *e)
{
	s.proposal_id = proposal;
	if (s.happened_on == NULL)
		s.happened_on = "2017-02-23";
	if (s.progress == 0 && s.kind != STEP_MILESTONE)
		s.progress = -1;
	int64_t id;
	e->n = 0;
	return step_add(m->db, &s, 1, &id, e);
}

static void test_table(void **state)
{
	(void)state;
	static const char *const codes[] = { "submitted", "considering", "decided", "implementing", "milestone", "done" };
	assert_int_equal(sizeof codes / sizeof codes[0], STEP__MAX);
	for (int i = 0; i < STEP__MAX; i++) {
		assert_string_equal(step_kind_code((enum step_kind)i), codes[i]);
		assert_int_equal(step_kind_parse(codes[i]), i);
	}
	assert_int_equal(step_kind_parse("vedtaget"), -1);
	assert_true(step_allowed(STEP_SUBMITTED, PROPOSAL_DRAFTING, OUTCOME_NONE));
	assert_false(step_allowed(STEP_DECIDED, PROPOSAL_DRAFTING, OUTCOME_NONE));
	assert_true(step_allowed(STEP_DECIDED, PROPOSAL_SUBMITTED, OUTCOME_NONE));
	assert_true(step_allowed(STEP_IMPLEMENTING, PROPOSAL_DECIDED, OUTCOME_AMENDED));
	assert_false(step_allowed(STEP_IMPLEMENTING, PROPOSAL_DECIDED, OUTCOME_REJECTED));
	assert_false(step_allowed(STEP_DONE, PROPOSAL_DECIDED, OUTCOME_REJECTED));
	assert_true(step_allowed(STEP_MILESTONE, PROPOSAL_IMPLEMENTING, OUTCOME_ADOPTED));
	assert_false(step_allowed(STEP_SUBMITTED, PROPOSAL_DONE, OUTCOME_ADOPTED));
	assert_false(step_allowed(STEP__MAX, PROPOSAL_DRAFTING, OUTCOME_NONE));
}

static void test_from_submission_to_done(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t anna = modeldb_account(m, "anna@example.dk", "Anna");
	int64_t arena = modeldb_arena(m, "Integration");
	int64_t p = modeldb_proposal(m, arena, "Vejvisere", "Tekst.", anna);
	struct field_errors e;
	/* Not decided before it was submitted. */
	assert_int_equal(add(m, p, (struct step){ .kind = STEP_DECIDED, .council = "Byrådet", .outcome = OUTCOME_ADOPTED,
						  .body = "Fordi." },
			     &e),
			 MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "kind"), MSG_STEP_OUT_OF_ORDER);
	/* Submitted: to whom is required; dates must be dates. */
	assert_int_equal(add(m, p, (struct step){ .kind = STEP_SUBMITTED }, &e), MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "council"), MSG_FORM_REQUIRED);
	assert_int_equal(add(m, p, (struct step){ .kind = STEP_SUBMITTED, .council = "Byrådet", .happened_on = "2017-02-30",
						  .meeting_on = "i morgen" },
			     &e),
			 MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "happened_on"), MSG_FORM_BAD_DATE);
	assert_int_equal(field_error_get(&e, "meeting_on"), MSG_FORM_BAD_DATE);
	assert_int_equal(add(m, p, (struct step){ .kind = STEP_SUBMITTED, .council = "Byrådet", .link_url = "javascript:x" },
			     &e),
			 MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "link_url"), MSG_FORM_BAD_URL);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM proposal_step"), 0);
	assert_int_equal(status_of(m, p), PROPOSAL_DRAFTING);

	assert_int_equal(add(m, p, (struct step){ .kind = STEP_SUBMITTED, .council = "Assens Byråd", .meeting_on = "2017-02-23",
						  .link_url = "https://www.assens.dk/dagsorden" },
			     &e),
			 MODEL_OK);
	assert_int_equal(status_of(m, p), PROPOSAL_SUBMITTED);
	assert_int_equal(add(m, p, (struct step){ .kind = STEP_CONSIDERING, .body = "Udvalget drøfter forslaget." }, &e),
			 MODEL_OK);
	/* A decision needs its outcome, who decided and why. */
	assert_int_equal(add(m, p, (struct step){ .kind = STEP_DECIDED }, &e), MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "outcome"), MSG_FORM_CHOOSE_ONE);
	assert_int_equal(field_error_get(&e, "council"), MSG_FORM_REQUIRED);
	assert_int_equal(field_error_get(&e, "body"), MSG_FORM_REQUIRED);
	assert_int_equal(add(m, p, (struct step){ .kind = STEP_DECIDED, .council = "Assens Byråd", .outcome = OUTCOME_AMENDED,
						  .body = "Vedtaget med den ændring, at det begynder i Haarby." },
			     &e),
			 MODEL_OK);
	struct proposal got;
	assert_int_equal(proposal_get(m->db, m->region, p, &got), MODEL_OK);
	assert_int_equal(got.status, PROPOSAL_DECIDED);
	assert_int_equal(got.outcome, OUTCOME_AMENDED);
	assert_int_equal(got.frozen, 1);
	/* A milestone only while it is carried out. */
	assert_int_equal(add(m, p, (struct step){ .kind = STEP_MILESTONE, .title = "Første vejvisere", .progress = 20 }, &e),
			 MODEL_INVALID);
	assert_int_equal(add(m, p, (struct step){ .kind = STEP_IMPLEMENTING }, &e), MODEL_OK);
	assert_int_equal(add(m, p, (struct step){ .kind = STEP_MILESTONE, .title = "Første vejvisere", .progress = 101 }, &e),
			 MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "progress"), MSG_STEP_BAD_PROGRESS);
	assert_int_equal(add(m, p, (struct step){ .kind = STEP_MILESTONE, .title = "Første vejvisere", .progress = 40 }, &e),
			 MODEL_OK);
	assert_int_equal(status_of(m, p), PROPOSAL_IMPLEMENTING);
	assert_int_equal(add(m, p, (struct step){ .kind = STEP_DONE }, &e), MODEL_OK);
	assert_int_equal(status_of(m, p), PROPOSAL_DONE);

	struct step *items;
	size_t n;
	assert_int_equal(step_list(m->db, m->region, p, &items, &n), MODEL_OK);
	assert_int_equal(n, 6);
	assert_int_equal(items[0].kind, STEP_SUBMITTED);
	assert_int_equal(items[0].revision, 1);
	assert_string_equal(items[0].meeting_on, "2017-02-23");
	assert_string_equal(items[0].link_url, "https://www.assens.dk/dagsorden");
	assert_int_equal(items[0].progress, -1);
	assert_int_equal(items[2].outcome, OUTCOME_AMENDED);
	assert_string_equal(items[2].council, "Assens Byråd");
	assert_int_equal(items[4].progress, 40);
	assert_string_equal(items[4].title, "Første vejvisere");
	assert_null(items[1].meeting_on);
}

static void test_rejected_is_the_end(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t anna = modeldb_account(m, "anna@example.dk", "Anna");
	int64_t p = modeldb_proposal(m, modeldb_arena(m, "Integration"), "Vejvisere", "", anna);
	struct field_errors e;
	assert_int_equal(add(m, p, (struct step){ .kind = STEP_SUBMITTED, .council = "Økonomiudvalget" }, &e), MODEL_OK);
	assert_int_equal(add(m, p, (struct step){ .kind = STEP_DECIDED, .council = "Økonomiudvalget",
						  .outcome = OUTCOME_REJECTED, .body = "Der er ikke penge." },
			     &e),
			 MODEL_OK);
	assert_int_equal(add(m, p, (struct step){ .kind = STEP_IMPLEMENTING }, &e), MODEL_INVALID);
	assert_int_equal(add(m, p, (struct step){ .kind = STEP_DONE }, &e), MODEL_INVALID);
	assert_int_equal(add(m, p, (struct step){ .kind = STEP_SUBMITTED, .council = "Byrådet" }, &e), MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "kind"), MSG_STEP_OUT_OF_ORDER);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM proposal_step"), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		MODELDB_BOTH(test_from_submission_to_done),
		MODELDB_BOTH(test_rejected_is_the_end),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
