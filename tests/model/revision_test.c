/*
 * revision_test.c: saving a proposal written together (src/model/
 * revision.c) on SQLite and PostgreSQL: a save on the newest revision
 * is the next revision; a save from an older one is merged with what
 * came since, or, where the changes overlap, comes back as a conflict
 * with both versions and stores nothing; the resolution saves; the
 * title merges too; bad revision numbers, oversized texts and frozen
 * proposals are refused with nothing stored; restore; the history.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "model/proposal.h"
#include "model/revision.h"
#include "model/step.h"
#include "support/modeldb.h"

struct fixture {
	int64_t anna, bo, arena, proposal;
};

static struct fixture setup_proposal(struct modeldb *m, const char *text)
{
	struct fixture f;
	f.anna = modeldb_account(m, "anna@example.dk", "Anna");
	f.bo = modeldb_account(m, "bo@example.dk", "Bo");
	f.arena = modeldb_arena(m, "Ensomme ældre");
	f.proposal = modeldb_proposal(m, f.arena, "Fællesspisning", text, f.anna);
	return f;
}

static enum model_rc save(struct modeldb *m, int64_t proposal, int64_t base, const char *title,
			  const char *text, int64_t author, struct revision_result *out)
{
	struct field_errors e = { .n = 0 };
	struct revision_save s = { .proposal_id = proposal, .base = base, .title = title, .text = text,
				   .note = "", .author = author, .kind = REVISION_EDIT };
	return revision_save(m->db, m->region, &s, out, &e);
}

static int64_t revisions(struct modeldb *m, int64_t proposal)
{
	return modeldb_int(m, "SELECT COUNT(*) FROM proposal_revision WHERE proposal_id = %lld", (long long)proposal);
}

static const char *head_text(struct modeldb *m, int64_t proposal)
{
	struct proposal p;
	struct revision r;
	assert_int_equal(proposal_get(m->db, m->region, proposal, &p), MODEL_OK);
	assert_int_equal(revision_get(m->db, m->region, proposal, p.head, &r), MODEL_OK);
	return r.text;
}

static void test_start_and_edit(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f = setup_proposal(m, "");
	struct proposal p;
	assert_int_equal(proposal_get(m->db, m->region, f.proposal, &p), MODEL_OK);
	assert_int_equal(p.head, 1);
	assert_int_equal(p.status, PROPOSAL_DRAFTING);
	assert_string_equal(head_text(m, f.proposal), "");

	struct revision_result out;
	assert_int_equal(save(m, f.proposal, 1, "Fællesspisning i Haarby", "Vi mødes hver torsdag.\n\n", f.bo, &out),
			 MODEL_OK);
	assert_int_equal(out.number, 2);
	assert_false(out.merged);
	struct revision r;
	assert_int_equal(revision_get(m->db, m->region, f.proposal, 2, &r), MODEL_OK);
	/* Stored without the blank lines at the end; credited to Bo. */
	assert_string_equal(r.text, "Vi mødes hver torsdag.");
	assert_string_equal(r.title, "Fællesspisning i Haarby");
	assert_int_equal(r.kind, REVISION_EDIT);
	assert_int_equal(r.author_id, f.bo);
	assert_string_equal(r.author_name, "Bo");
	assert_int_equal(r.based_on, 1);
	assert_int_equal(r.words_added, 4);
	assert_int_equal(r.words_removed, 0);
	assert_int_equal(proposal_get(m->db, m->region, f.proposal, &p), MODEL_OK);
	assert_int_equal(p.head, 2);
	assert_string_equal(p.title, "Fællesspisning i Haarby");

	/* The same again changes nothing and stores nothing. */
	assert_int_equal(save(m, f.proposal, 2, "Fællesspisning i Haarby", "Vi mødes hver torsdag.", f.anna, &out),
			 MODEL_OK);
	assert_true(out.unchanged);
	assert_int_equal(out.number, 2);
	assert_int_equal(revisions(m, f.proposal), 2);

	int yes;
	assert_int_equal(proposal_is_author(m->db, f.proposal, f.bo, &yes), MODEL_OK);
	assert_true(yes);
	struct proposal_author *authors;
	size_t n;
	assert_int_equal(proposal_authors(m->db, m->region, f.proposal, &authors, &n), MODEL_OK);
	assert_int_equal(n, 2);
	assert_string_equal(authors[0].name, "Anna");
	assert_string_equal(authors[1].name, "Bo");
}

static void test_stale_save_is_merged(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f = setup_proposal(m, "Første afsnit.\n\nAndet afsnit.\n\nTredje afsnit.");
	struct revision_result out;
	/* Both start from revision 1; Anna saves first. */
	assert_int_equal(save(m, f.proposal, 1, "Fællesspisning", "Første afsnit, rettet af Anna.\n\nAndet afsnit.\n\nTredje afsnit.",
			      f.anna, &out),
			 MODEL_OK);
	assert_int_equal(out.number, 2);
	assert_int_equal(save(m, f.proposal, 1, "Fællesspisning", "Første afsnit.\n\nAndet afsnit.\n\nTredje afsnit, rettet af Bo.",
			      f.bo, &out),
			 MODEL_OK);
	assert_int_equal(out.number, 3);
	assert_true(out.merged);
	assert_string_equal(head_text(m, f.proposal),
			    "Første afsnit, rettet af Anna.\n\nAndet afsnit.\n\nTredje afsnit, rettet af Bo.");
	struct revision r;
	assert_int_equal(revision_get(m->db, m->region, f.proposal, 3, &r), MODEL_OK);
	assert_int_equal(r.kind, REVISION_MERGED);
	assert_int_equal(r.based_on, 1);
}

static void test_overlap_is_a_conflict_and_stores_nothing(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f = setup_proposal(m, "Vi mødes i hallen. Der er kaffe kl. 16.");
	struct revision_result out;
	assert_int_equal(save(m, f.proposal, 1, "Fællesspisning", "Vi mødes i hallen. Der er kaffe og kage kl. 16.",
			      f.anna, &out),
			 MODEL_OK);
	assert_int_equal(save(m, f.proposal, 1, "Fællesspisning", "Vi mødes i hallen. Der er te kl. 17.", f.bo, &out),
			 MODEL_CONFLICT);
	assert_false(out.frozen);
	assert_int_equal(out.head, 2);
	assert_int_equal(out.text.conflicts, 1);
	assert_null(out.title_ours);
	int found = 0;
	for (size_t i = 0; i < out.text.n; i++)
		if (out.text.pieces[i].kind == TEXTMERGE_CONFLICT) {
			assert_string_equal(out.text.pieces[i].ours, "Der er kaffe og kage kl. 16.");
			assert_string_equal(out.text.pieces[i].theirs, "Der er te kl. 17.");
			found = 1;
		}
	assert_true(found);
	assert_int_equal(revisions(m, f.proposal), 2);

	/* Bo resolves against revision 2: saved. */
	assert_int_equal(save(m, f.proposal, out.head, "Fællesspisning",
			      "Vi mødes i hallen. Der er kaffe, te og kage kl. 16.", f.bo, &out),
			 MODEL_OK);
	assert_int_equal(out.number, 3);
	assert_string_equal(head_text(m, f.proposal), "Vi mødes i hallen. Der er kaffe, te og kage kl. 16.");
}

static void test_titles_merge_and_clash(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f = setup_proposal(m, "Tekst.");
	struct revision_result out;
	assert_int_equal(save(m, f.proposal, 1, "Fællesspisning hver uge", "Tekst.", f.anna, &out), MODEL_OK);
	/* Bo changed only the text: Anna's title stays. */
	assert_int_equal(save(m, f.proposal, 1, "Fællesspisning", "Tekst med mere.", f.bo, &out), MODEL_OK);
	struct proposal p;
	assert_int_equal(proposal_get(m->db, m->region, f.proposal, &p), MODEL_OK);
	assert_string_equal(p.title, "Fællesspisning hver uge");
	/* Both change the title from revision 3. */
	assert_int_equal(save(m, f.proposal, 3, "Spisning for alle", "Tekst med mere.", f.anna, &out), MODEL_OK);
	assert_int_equal(save(m, f.proposal, 3, "Torsdagsspisning", "Tekst med mere.", f.bo, &out), MODEL_CONFLICT);
	assert_string_equal(out.title_ours, "Spisning for alle");
	assert_string_equal(out.title_theirs, "Torsdagsspisning");
	assert_int_equal(out.text.conflicts, 0);
	assert_int_equal(out.text.n, 1);
	assert_string_equal(out.text.pieces[0].text, "Tekst med mere.");
	assert_int_equal(revisions(m, f.proposal), 4);
}

static void test_bad_input_stores_nothing(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f = setup_proposal(m, "Tekst.");
	struct revision_result out;
	struct field_errors e = { .n = 0 };
	static const int64_t bases[] = { 0, -1, 2, 99 };
	for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++) {
		e.n = 0;
		struct revision_save s = { .proposal_id = f.proposal, .base = bases[i], .title = "T", .text = "Ny.",
					   .note = "", .author = f.bo, .kind = REVISION_EDIT };
		assert_int_equal(revision_save(m->db, m->region, &s, &out, &e), MODEL_INVALID);
		assert_int_equal(field_error_get(&e, "base"), MSG_REVISION_BAD_BASE);
	}
	size_t big = PROPOSAL_TEXT_MAX + 1;
	char *text = malloc(big + 1);
	memset(text, 'a', big);
	text[big] = '\0';
	e.n = 0;
	struct revision_save s = { .proposal_id = f.proposal, .base = 1, .title = "", .text = text, .note = "",
				   .author = f.bo, .kind = REVISION_EDIT };
	assert_int_equal(revision_save(m->db, m->region, &s, &out, &e), MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "text"), MSG_FORM_TOO_LONG);
	assert_int_equal(field_error_get(&e, "title"), MSG_FORM_REQUIRED);
	free(text);
	s = (struct revision_save){ .proposal_id = 999999, .base = 1, .title = "T", .text = "", .note = "",
				    .author = f.bo, .kind = REVISION_EDIT };
	e.n = 0;
	assert_int_equal(revision_save(m->db, m->region, &s, &out, &e), MODEL_NOT_FOUND);
	assert_int_equal(revisions(m, f.proposal), 1);
}

static void test_submitted_proposal_is_frozen(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f = setup_proposal(m, "Tekst.");
	struct revision_result out;
	assert_int_equal(save(m, f.proposal, 1, "Fællesspisning", "Tekst, færdig.", f.bo, &out), MODEL_OK);
	struct field_errors e = { .n = 0 };
	struct step s = { .proposal_id = f.proposal, .kind = STEP_SUBMITTED, .happened_on = "2026-03-01",
			  .council = "Byrådet", .progress = -1 };
	int64_t id;
	assert_int_equal(step_add(m->db, &s, f.anna, &id, &e), MODEL_OK);
	assert_int_equal(save(m, f.proposal, 2, "Fællesspisning", "Tekst, ændret bagefter.", f.bo, &out),
			 MODEL_CONFLICT);
	assert_true(out.frozen);
	assert_int_equal(revisions(m, f.proposal), 2);
	struct proposal p;
	assert_int_equal(proposal_get(m->db, m->region, f.proposal, &p), MODEL_OK);
	assert_int_equal(p.frozen, 2);
}

static void test_restore_and_history(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f = setup_proposal(m, "Version et.");
	struct revision_result out;
	assert_int_equal(save(m, f.proposal, 1, "Fællesspisning", "Version to.", f.bo, &out), MODEL_OK);
	struct revision old;
	assert_int_equal(revision_get(m->db, m->region, f.proposal, 1, &old), MODEL_OK);
	struct field_errors e = { .n = 0 };
	struct revision_save s = { .proposal_id = f.proposal, .base = 2, .title = old.title, .text = old.text,
				   .note = "Tilbage til start", .author = f.anna, .kind = REVISION_RESTORE,
				   .restored_from = 1 };
	assert_int_equal(revision_save(m->db, m->region, &s, &out, &e), MODEL_OK);
	assert_int_equal(out.number, 3);
	struct revision *items;
	size_t n;
	assert_int_equal(revision_list(m->db, m->region, f.proposal, &items, &n), MODEL_OK);
	assert_int_equal(n, 3);
	assert_int_equal(items[0].number, 3);
	assert_int_equal(items[0].kind, REVISION_RESTORE);
	assert_int_equal(items[0].restored_from, 1);
	assert_string_equal(items[0].note, "Tilbage til start");
	assert_null(items[0].text); /* lists carry no texts */
	assert_int_equal(items[2].kind, REVISION_START);
	assert_string_equal(head_text(m, f.proposal), "Version et.");
	struct revision r;
	assert_int_equal(revision_get(m->db, m->region, f.proposal, 4, &r), MODEL_NOT_FOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELDB_BOTH(test_start_and_edit),
		MODELDB_BOTH(test_stale_save_is_merged),
		MODELDB_BOTH(test_overlap_is_a_conflict_and_stores_nothing),
		MODELDB_BOTH(test_titles_merge_and_clash),
		MODELDB_BOTH(test_bad_input_stores_nothing),
		MODELDB_BOTH(test_submitted_proposal_is_frozen),
		MODELDB_BOTH(test_restore_and_history),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
