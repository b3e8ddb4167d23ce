/*
 * amendment_test.c: amendments (src/model/amendment.c) on SQLite and
 * PostgreSQL: someone who did not write the proposal suggests a change
 * with a reason; its authors may not (they edit); an amendment that
 * changes nothing, names no revision of the proposal or comes after the
 * proposal was submitted is refused; accepted, it is merged in as a
 * revision credited to its author, also when the text moved on since;
 * where that overlaps, the decider resolves; rejected, with a reason;
 * decided once only.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "model/amendment.h"
#include "model/proposal.h"
#include "model/step.h"
#include "support/modeldb.h"

struct fixture {
	int64_t anna, carl, frida, proposal;
};

static struct fixture setup(struct modeldb *m)
{
	struct fixture f;
	f.anna = modeldb_account(m, "anna@example.dk", "Anna");
	f.carl = modeldb_account(m, "carl@example.dk", "Carl");
	f.frida = modeldb_account(m, "frida@example.dk", "Frida");
	int64_t arena = modeldb_arena(m, "Integration");
	f.proposal = modeldb_proposal(m, arena, "Vejvisere", "Kolleger viser vej.\n\nForeningerne tager imod.", f.anna);
	return f;
}

static int64_t amend(struct modeldb *m, const struct fixture *f, int64_t base, const char *text,
		     struct field_errors *e, enum model_rc expect)
{
	int64_t id = 0;
	e->n = 0;
	assert_int_equal(amendment_add(m->db, f->proposal, base, "Vejvisere", text, "Det er mere præcist.", f->carl,
				       &id, e),
			 expect);
	return id;
}

/* Anna saves text on revision 1, as the text moves on before a decision. */
static void anna_saves(struct modeldb *m, const struct fixture *f, const char *text)
{
	struct revision_result out;
	struct field_errors e = { .n = 0 };
	struct revision_save s = { .proposal_id = f->proposal, .base = 1, .title = "Vejvisere", .text = text, .note = "",
				   .author = f->anna, .kind = REVISION_EDIT };
	assert_int_equal(revision_save(m->db, m->region, &s, &out, &e), MODEL_OK);
}

static void test_add_and_refusals(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f = setup(m);
	struct field_errors e;
	int64_t id = amend(m, &f, 1, "Kolleger på arbejdspladsen viser vej.\n\nForeningerne tager imod.", &e, MODEL_OK);
	struct amendment a;
	assert_int_equal(amendment_get(m->db, m->region, id, &a), MODEL_OK);
	assert_int_equal(a.status, AMENDMENT_PENDING);
	assert_int_equal(a.base, 1);
	assert_string_equal(a.author_name, "Carl");
	assert_string_equal(a.reason, "Det er mere præcist.");
	int64_t pending;
	assert_int_equal(amendment_pending(m->db, f.proposal, &pending), MODEL_OK);
	assert_int_equal(pending, 1);

	/* Changes nothing; no such revision. */
	amend(m, &f, 1, "Kolleger viser vej.\n\nForeningerne tager imod.\n", &e, MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "text"), MSG_AMENDMENT_NO_CHANGE);
	amend(m, &f, 2, "Noget andet.", &e, MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "base"), MSG_REVISION_BAD_BASE);
	amend(m, &f, 0, "Noget andet.", &e, MODEL_INVALID);
	/* No reason. */
	e.n = 0;
	assert_int_equal(amendment_add(m->db, f.proposal, 1, "Vejvisere", "Noget andet.", "", f.carl, &id, &e),
			 MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "reason"), MSG_FORM_REQUIRED);
	/* The author of the proposal edits instead. */
	e.n = 0;
	assert_int_equal(amendment_add(m->db, f.proposal, 1, "Vejvisere", "Noget andet.", "Fordi.", f.anna, &id, &e),
			 MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "author"), MSG_AMENDMENT_OWN);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM proposal_amendment"), 1);

	/* Once submitted, no more amendments. */
	struct step s = { .proposal_id = f.proposal, .kind = STEP_SUBMITTED, .happened_on = "2026-03-01",
			  .council = "Byrådet", .progress = -1 };
	e.n = 0;
	assert_int_equal(step_add(m->db, &s, f.frida, &id, &e), MODEL_OK);
	amend(m, &f, 1, "Noget tredje.", &e, MODEL_CONFLICT);
}

static void test_accept_merges_credited_to_its_author(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f = setup(m);
	struct field_errors e;
	int64_t id = amend(m, &f, 1, "Kolleger på arbejdspladsen viser vej.\n\nForeningerne tager imod.", &e, MODEL_OK);
	/* The text moves on in another paragraph before the decision. */
	anna_saves(m, &f, "Kolleger viser vej.\n\nForeningerne tager godt imod.");
	struct revision_result out;
	e.n = 0;
	assert_int_equal(amendment_accept(m->db, m->region, id, f.anna, 0, NULL, NULL, &out, &e), MODEL_OK);
	assert_int_equal(out.number, 3);
	struct revision r;
	assert_int_equal(revision_get(m->db, m->region, f.proposal, 3, &r), MODEL_OK);
	assert_string_equal(r.text, "Kolleger på arbejdspladsen viser vej.\n\nForeningerne tager godt imod.");
	assert_int_equal(r.kind, REVISION_AMENDMENT);
	assert_int_equal(r.author_id, f.carl);
	assert_int_equal(r.amendment_id, id);
	struct amendment a;
	assert_int_equal(amendment_get(m->db, m->region, id, &a), MODEL_OK);
	assert_int_equal(a.status, AMENDMENT_ACCEPTED);
	assert_int_equal(a.revision, 3);
	assert_string_equal(a.decided_by_name, "Anna");
	/* Decided once. */
	assert_int_equal(amendment_accept(m->db, m->region, id, f.anna, 0, NULL, NULL, &out, &e), MODEL_CONFLICT);
	assert_int_equal(amendment_reject(m->db, id, f.anna, "Nej.", &e), MODEL_CONFLICT);
	/* Carl is an author now: he edits from here on. */
	amend(m, &f, 3, "Noget nyt.", &e, MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "author"), MSG_AMENDMENT_OWN);
}

static void test_accept_with_overlap_is_resolved(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f = setup(m);
	struct field_errors e;
	int64_t id = amend(m, &f, 1, "Kolleger på jobbet viser vej.\n\nForeningerne tager imod.", &e, MODEL_OK);
	anna_saves(m, &f, "Kolleger i kommunen viser vej.\n\nForeningerne tager imod.");
	struct revision_result out;
	e.n = 0;
	assert_int_equal(amendment_accept(m->db, m->region, id, f.frida, 0, NULL, NULL, &out, &e), MODEL_CONFLICT);
	assert_false(out.frozen);
	assert_int_equal(out.head, 2);
	assert_int_equal(out.text.conflicts, 1);
	struct amendment a;
	assert_int_equal(amendment_get(m->db, m->region, id, &a), MODEL_OK);
	assert_int_equal(a.status, AMENDMENT_PENDING);
	/* Frida resolves against revision 2. */
	assert_int_equal(amendment_accept(m->db, m->region, id, f.frida, 2, "Vejvisere",
					  "Kolleger i kommunen og på jobbet viser vej.\n\nForeningerne tager imod.", &out, &e),
			 MODEL_OK);
	assert_int_equal(out.number, 3);
	assert_int_equal(amendment_get(m->db, m->region, id, &a), MODEL_OK);
	assert_int_equal(a.status, AMENDMENT_ACCEPTED);
}

static void test_reject_with_a_reason(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f = setup(m);
	struct field_errors e;
	int64_t id = amend(m, &f, 1, "Noget helt andet.", &e, MODEL_OK);
	e.n = 0;
	assert_int_equal(amendment_reject(m->db, id, f.anna, "  ", &e), MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "reason"), MSG_FORM_REQUIRED);
	e.n = 0;
	assert_int_equal(amendment_reject(m->db, id, f.anna, "Det passer ikke til forslaget.", &e), MODEL_OK);
	struct amendment *items;
	size_t n;
	assert_int_equal(amendment_list(m->db, m->region, f.proposal, &items, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].status, AMENDMENT_REJECTED);
	assert_string_equal(items[0].decision_reason, "Det passer ikke til forslaget.");
	assert_int_equal(items[0].revision, 0);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM proposal_revision"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELDB_BOTH(test_add_and_refusals),
		MODELDB_BOTH(test_accept_merges_credited_to_its_author),
		MODELDB_BOTH(test_accept_with_overlap_is_resolved),
		MODELDB_BOTH(test_reject_with_a_reason),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
