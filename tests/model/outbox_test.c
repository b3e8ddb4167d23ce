/*
 * outbox_test.c: the mail outbox (src/model/outbox.c) on SQLite and, when
 * SAMSKAB_TEST_PG is set, PostgreSQL: what is due and in which order,
 * the operator's lists, the retry back-off (doubling from a minute, at
 * most six hours), sent mail, mail of one account, forgetting an
 * account's mail, and purging old sent mail while unsent mail stays.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "model/outbox.h"
#include "support/modeldb.h"

/* "subject|subject" of a list. */
static const char *subjects(const struct outbox_mail *items, size_t n)
{
	static char out[512];
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t used = strlen(out);
		snprintf(out + used, sizeof out - used, "%s%s", i ? "|" : "", items[i].subject);
	}
	return out;
}

static const char *due(struct modeldb *m, int64_t now, int64_t limit)
{
	struct outbox_mail *items;
	size_t n;
	assert_int_equal(outbox_due(m->db, m->region, now, limit, &items, &n), MODEL_OK);
	return subjects(items, n);
}

static const char *listed(struct modeldb *m, int all, int64_t limit)
{
	struct outbox_mail *items;
	size_t n;
	assert_int_equal(outbox_list(m->db, m->region, all, limit, &items, &n), MODEL_OK);
	return subjects(items, n);
}

static void test_add_then_due_and_list(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t id = modeldb_account(m, "anna@example.dk", "Anna");
	int64_t before = model_now();
	assert_int_equal(outbox_add(m->db, id, "anna@example.dk", "Bekræft", "Linje 1\nLinje 2 æøå"), MODEL_OK);
	assert_int_equal(outbox_add(m->db, 0, "drift@example.dk", "Drift", "Til driften"), MODEL_OK);
	assert_int_equal(outbox_add(m->db, id, "anna@example.dk", "Nulstil", "Kode"), MODEL_OK);
	int64_t now = model_now();

	struct outbox_mail *items;
	size_t n;
	assert_int_equal(outbox_due(m->db, m->region, now, 10, &items, &n), MODEL_OK);
	assert_int_equal(n, 3);
	assert_string_equal(subjects(items, n), "Bekræft|Drift|Nulstil"); /* oldest first */
	assert_int_equal(items[0].account_id, id);
	assert_string_equal(items[0].recipient, "anna@example.dk");
	assert_string_equal(items[0].body, "Linje 1\nLinje 2 æøå");
	assert_in_range(items[0].created_at, before, now);
	assert_int_equal(items[0].attempts, 0);
	assert_int_equal(items[0].sent_at, 0);
	assert_null(items[0].last_error);
	assert_int_equal(items[1].account_id, 0); /* mail about no account */

	assert_string_equal(due(m, now, 2), "Bekræft|Drift");
	assert_string_equal(due(m, before - 1, 10), ""); /* nothing due before it was added */

	/* The operator's view: newest first; sent mail only with all. */
	assert_string_equal(listed(m, 0, 10), "Nulstil|Drift|Bekræft");
	assert_string_equal(listed(m, 0, 2), "Nulstil|Drift");
	assert_int_equal(outbox_mark_sent(m->db, items[1].id, now), MODEL_OK);
	assert_string_equal(listed(m, 0, 10), "Nulstil|Bekræft");
	assert_string_equal(listed(m, 1, 10), "Nulstil|Drift|Bekræft");
	assert_string_equal(due(m, now, 10), "Bekræft|Nulstil");
}

static void test_failed_delivery_backs_off_doubling_up_to_six_hours(void **state)
{
	struct modeldb *m = modeldb_get(state);
	assert_int_equal(outbox_add(m->db, 0, "anna@example.dk", "Hej", "Tekst"), MODEL_OK);
	assert_int_equal(outbox_add(m->db, 0, "bo@example.dk", "Anden", "Tekst"), MODEL_OK);
	int64_t mail = modeldb_int(m, "SELECT id FROM outbox WHERE subject = 'Hej'");
	static const int64_t waits[] = { 60, 120, 240, 480, 960, 1920, 3840, 7680, 15360, 21600, 21600, 21600 };
	int64_t now = 1800000000;
	for (size_t i = 0; i < sizeof waits / sizeof waits[0]; i++) {
		char err[64];
		snprintf(err, sizeof err, "451 try again (%zu)", i);
		assert_int_equal(outbox_mark_failed(m->db, mail, err, now), MODEL_OK);
		struct outbox_mail *items;
		size_t n;
		assert_int_equal(outbox_list(m->db, m->region, 0, 10, &items, &n), MODEL_OK);
		assert_int_equal(n, 2);
		const struct outbox_mail *x = &items[1];
		assert_int_equal(x->id, mail);
		if (x->next_attempt_at - now != waits[i])
			fail_msg("after failure %zu: next attempt in %lld s, expected %lld", i + 1,
				 (long long)(x->next_attempt_at - now), (long long)waits[i]);
		assert_int_equal(x->attempts, (int64_t)i + 1);
		assert_string_equal(x->last_error, err);
		assert_int_equal(x->sent_at, 0);
		/* Not due a second early; due on time, with the other mail. */
		assert_string_equal(due(m, x->next_attempt_at - 1, 10), "Anden");
		assert_string_equal(due(m, x->next_attempt_at, 10), "Hej|Anden");
		now = x->next_attempt_at;
	}
	/* Many failures later the wait is still six hours (no overflow). */
	modeldb_exec(m, "UPDATE outbox SET attempts = 100000 WHERE id = %lld", (long long)mail);
	assert_int_equal(outbox_mark_failed(m->db, mail, "x", now), MODEL_OK);
	assert_int_equal(modeldb_int(m, "SELECT next_attempt_at FROM outbox WHERE id = %lld", (long long)mail),
			 now + 21600);
	assert_int_equal(outbox_mark_failed(m->db, mail + 100, "x", now), MODEL_NOT_FOUND);
}

static void test_mark_sent_clears_the_error_and_stops_retries(void **state)
{
	struct modeldb *m = modeldb_get(state);
	assert_int_equal(outbox_add(m->db, 0, "anna@example.dk", "Hej", "Tekst"), MODEL_OK);
	int64_t mail = modeldb_int(m, "SELECT id FROM outbox");
	int64_t now = model_now();
	assert_int_equal(outbox_mark_failed(m->db, mail, "connection refused", now), MODEL_OK);
	assert_int_equal(outbox_mark_sent(m->db, mail, now + 120), MODEL_OK);
	struct outbox_mail *items;
	size_t n;
	assert_int_equal(outbox_list(m->db, m->region, 1, 10, &items, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].sent_at, now + 120);
	assert_int_equal(items[0].attempts, 2);
	assert_null(items[0].last_error);
	assert_string_equal(due(m, now + 365 * 24 * 3600, 10), "");
	assert_string_equal(listed(m, 0, 10), "");
}

static void test_forget_account(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t anna = modeldb_account(m, "anna@example.dk", "Anna");
	int64_t bo = modeldb_account(m, "bo@example.dk", "Bo");
	assert_int_equal(outbox_add(m->db, anna, "anna@example.dk", "A1", "x"), MODEL_OK);
	assert_int_equal(outbox_add(m->db, bo, "bo@example.dk", "B1", "x"), MODEL_OK);
	assert_int_equal(outbox_add(m->db, anna, "anna@example.dk", "A2", "x"), MODEL_OK);
	assert_int_equal(outbox_add(m->db, 0, "drift@example.dk", "D", "x"), MODEL_OK);
	int64_t a1 = modeldb_int(m, "SELECT id FROM outbox WHERE subject = 'A1'");
	assert_int_equal(outbox_mark_sent(m->db, a1, model_now()), MODEL_OK);

	/* Sent or not, an account's mail goes when it is forgotten. */
	assert_int_equal(outbox_forget_account(m->db, anna), MODEL_OK);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM outbox WHERE account_id = %lld", (long long)anna), 0);
	assert_string_equal(listed(m, 1, 10), "D|B1");
}

static void test_purge_removes_old_sent_mail_only(void **state)
{
	struct modeldb *m = modeldb_get(state);
	static const char *const names[] = { "sent 31 days ago", "sent 29 days ago", "unsent, 100 days old",
					     "failing, 100 days old" };
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(outbox_add(m->db, 0, "anna@example.dk", names[i], "x"), MODEL_OK);
	int64_t now = model_now(), day = 24 * 3600;
	modeldb_exec(m, "UPDATE outbox SET sent_at = %lld WHERE id = 1", (long long)(now - 31 * day));
	modeldb_exec(m, "UPDATE outbox SET sent_at = %lld WHERE id = 2", (long long)(now - 29 * day));
	modeldb_exec(m, "UPDATE outbox SET created_at = %lld, next_attempt_at = %lld WHERE id >= 3",
		     (long long)(now - 100 * day), (long long)(now - 100 * day));
	assert_int_equal(outbox_mark_failed(m->db, 4, "refused", now - 99 * day), MODEL_OK);
	assert_int_equal(outbox_purge(m->db, now), MODEL_OK);
	/* Mail never sent is never lost, however old. */
	assert_string_equal(listed(m, 1, 10), "failing, 100 days old|unsent, 100 days old|sent 29 days ago");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELDB_BOTH(test_add_then_due_and_list),
		MODELDB_BOTH(test_failed_delivery_backs_off_doubling_up_to_six_hours),
		MODELDB_BOTH(test_mark_sent_clears_the_error_and_stops_retries),
		MODELDB_BOTH(test_forget_account),
		MODELDB_BOTH(test_purge_removes_old_sent_mail_only),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
