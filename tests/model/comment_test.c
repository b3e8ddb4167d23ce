/*
 * comment_test.c: comments on proposals (src/model/comment.c) on SQLite
 * and PostgreSQL: threads two levels deep (a reply to a reply joins the
 * thread), pages in thread order and each comment's place in them; a
 * reply only to a comment of the same proposal; reports once per person;
 * hiding with a reason, showing again and keeping close the reports and
 * (hide, show) go to the audit log; the moderators' list; an author who
 * leaves takes their words, not the place of the replies.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "model/comment.h"
#include "support/modeldb.h"

struct fixture {
	int64_t anna, bo, mod, arena, proposal;
};

static struct fixture setup(struct modeldb *m)
{
	struct fixture f;
	f.anna = modeldb_account(m, "anna@example.dk", "Anna");
	f.bo = modeldb_account(m, "bo@example.dk", "Bo");
	f.mod = modeldb_account(m, "mod@example.dk", "Moderator");
	f.arena = modeldb_arena(m, "Integration");
	f.proposal = modeldb_proposal(m, f.arena, "Vejvisere", "", f.anna);
	return f;
}

static int64_t add(struct modeldb *m, const struct fixture *f, int64_t parent, const char *body)
{
	struct field_errors e = { .n = 0 };
	int64_t id = 0;
	assert_int_equal(comment_add(m->db, f->proposal, parent, f->bo, body, "da", &id, &e), MODEL_OK);
	return id;
}

static void test_threads_and_pages(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f = setup(m);
	int64_t a = add(m, &f, 0, "Første tråd");
	int64_t b = add(m, &f, 0, "Anden tråd");
	int64_t a1 = add(m, &f, a, "Svar i første tråd");
	int64_t a2 = add(m, &f, a1, "Svar på svaret");
	int64_t b1 = add(m, &f, b, "Svar i anden tråd");
	struct comment *items;
	size_t n;
	struct paging p = { 1, 3, 0 };
	assert_int_equal(comment_page(m->db, m->region, f.proposal, 1, &p, &items, &n), MODEL_OK);
	assert_int_equal(p.total, 5);
	assert_int_equal(n, 3);
	assert_int_equal(items[0].id, a);
	assert_int_equal(items[0].parent_id, 0);
	assert_int_equal(items[1].id, a1);
	assert_int_equal(items[1].parent_id, a);
	assert_int_equal(items[2].id, a2);
	assert_int_equal(items[2].thread_id, a); /* two levels: in a's thread */
	assert_int_equal(items[2].parent_id, a1);
	assert_string_equal(items[2].author_name, "Bo");
	p.page = 2;
	assert_int_equal(comment_page(m->db, m->region, f.proposal, 1, &p, &items, &n), MODEL_OK);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].id, b);
	assert_int_equal(items[1].id, b1);
	const int64_t order[] = { a, a1, a2, b, b1 };
	for (int64_t i = 0; i < 5; i++) {
		int64_t before;
		assert_int_equal(comment_position(m->db, f.proposal, order[i], &before), MODEL_OK);
		assert_int_equal(before, i);
	}
	int64_t before;
	assert_int_equal(comment_position(m->db, f.proposal + 1, a, &before), MODEL_NOT_FOUND);

	/* Replies only within the proposal; no empty or long comments. */
	int64_t other = modeldb_proposal(m, f.arena, "Andet", "", f.anna), id;
	struct field_errors e = { .n = 0 };
	assert_int_equal(comment_add(m->db, other, a, f.bo, "Forkert sted", "da", &id, &e), MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "parent"), MSG_COMMENT_NO_PARENT);
	e.n = 0;
	assert_int_equal(comment_add(m->db, f.proposal, 0, f.bo, " \n ", "da", &id, &e), MODEL_INVALID);
	char big[COMMENT_MAX + 2];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	e.n = 0;
	assert_int_equal(comment_add(m->db, f.proposal, 0, f.bo, big, "da", &id, &e), MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "body"), MSG_FORM_TOO_LONG);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM proposal_comment"), 5);
}

static void test_report_and_moderate(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f = setup(m);
	int64_t a = add(m, &f, 0, "Grimt sagt"), b = add(m, &f, 0, "Helt fint"), c = add(m, &f, a, "Svar");
	struct field_errors e = { .n = 0 };
	assert_int_equal(comment_report(m->db, a, f.anna, "Nedladende", &e), MODEL_OK);
	assert_int_equal(comment_report(m->db, a, f.anna, "Igen", &e), MODEL_CONFLICT);
	assert_int_equal(comment_report(m->db, a, f.mod, "Også mig", &e), MODEL_OK);
	assert_int_equal(comment_report(m->db, b, f.anna, "Uenig", &e), MODEL_OK);
	e.n = 0;
	assert_int_equal(comment_report(m->db, b, f.mod, "", &e), MODEL_INVALID);

	struct comment *items;
	size_t n;
	assert_int_equal(comment_moderation(m->db, m->region, f.arena, 50, &items, &n), MODEL_OK);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].id, a); /* most reports first */
	assert_int_equal(items[0].open_reports, 2);
	assert_string_equal(items[0].proposal_title, "Vejvisere");
	struct comment_report *reports;
	assert_int_equal(comment_open_reports(m->db, m->region, f.arena, &reports, &n), MODEL_OK);
	assert_int_equal(n, 3);

	/* Hiding needs a reason. */
	e.n = 0;
	assert_int_equal(comment_moderate(m->db, a, MODERATE_HIDE, "", f.mod, "127.0.0.1", &e), MODEL_INVALID);
	assert_int_equal(comment_moderate(m->db, a, MODERATE_HIDE, "Personangreb", f.mod, "127.0.0.1", &e), MODEL_OK);
	assert_int_equal(comment_moderate(m->db, b, MODERATE_KEEP, NULL, f.mod, "127.0.0.1", &e), MODEL_OK);
	struct comment got;
	assert_int_equal(comment_get(m->db, m->region, a, &got), MODEL_OK);
	assert_int_equal(got.status, COMMENT_HIDDEN);
	assert_string_equal(got.hidden_reason, "Personangreb");
	assert_int_equal(got.open_reports, 0);
	assert_int_equal(comment_get(m->db, m->region, b, &got), MODEL_OK);
	assert_int_equal(got.status, COMMENT_VISIBLE);
	assert_int_equal(got.open_reports, 0);
	/* Now only the hidden one waits in the list; its reply is untouched. */
	assert_int_equal(comment_moderation(m->db, m->region, f.arena, 50, &items, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, a);
	assert_int_equal(comment_get(m->db, m->region, c, &got), MODEL_OK);
	assert_int_equal(got.status, COMMENT_VISIBLE);
	assert_int_equal(comment_moderate(m->db, a, MODERATE_SHOW, NULL, f.mod, "127.0.0.1", &e), MODEL_OK);
	assert_int_equal(comment_get(m->db, m->region, a, &got), MODEL_OK);
	assert_int_equal(got.status, COMMENT_VISIBLE);
	assert_string_equal(got.hidden_reason, "");
	/* Hidden and shown again: both in the audit log, as about the
	 * comment's author on its proposal. */
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM audit_log WHERE object_kind = 'proposal' AND "
					"object_id = %lld AND person_id = %lld AND actor_id = %lld",
				     (long long)f.proposal, (long long)f.bo, (long long)f.mod),
			 2);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM audit_log WHERE action = 'comment.hide' AND "
					"detail = 'Personangreb'"),
			 1);
}

static void test_author_leaves(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f = setup(m);
	int64_t a = add(m, &f, 0, "Bo skrev dette");
	struct field_errors e = { .n = 0 };
	int64_t reply;
	assert_int_equal(comment_add(m->db, f.proposal, a, f.anna, "Anna svarer", "da", &reply, &e), MODEL_OK);
	assert_int_equal(comment_forget_author(m->db, f.bo, 0), MODEL_OK);
	struct comment got;
	assert_int_equal(comment_get(m->db, m->region, a, &got), MODEL_OK);
	assert_string_equal(got.body, "Bo skrev dette");
	assert_int_equal(comment_forget_author(m->db, f.bo, 1), MODEL_OK);
	assert_int_equal(comment_get(m->db, m->region, a, &got), MODEL_OK);
	assert_string_equal(got.body, "");
	assert_int_equal(got.status, COMMENT_REMOVED);
	assert_int_equal(comment_get(m->db, m->region, reply, &got), MODEL_OK);
	assert_string_equal(got.body, "Anna svarer");
	assert_int_equal(got.thread_id, a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELDB_BOTH(test_threads_and_pages),
		MODELDB_BOTH(test_report_and_moderate),
		MODELDB_BOTH(test_author_leaves),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
