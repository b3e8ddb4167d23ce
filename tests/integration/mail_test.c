/*
 * mail_test.c: the outbox delivered over SMTP to a real SMTP conversation
 * on loopback: a refusing server means retries with the error kept and
 * nothing lost; two nodes on one database send each mail exactly once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "support/smtp.h"
#include "support/support.h"

/* The background jobs run every 50 ms here; a mail server's answer
 * takes milliseconds. */
static void wait_for(struct test_server *s, const char *query, int64_t want)
{
	test_wait_sql(s, query, want, TEST_DEADLINE_MS);
}

static void test_refused_mail_is_retried_then_delivered(void **state)
{
	(void)state;
	struct smtp_sink *sink = smtp_start();
	assert_non_null(sink);
	smtp_refuse(sink, 1);
	char url[64];
	snprintf(url, sizeof url, "smtp://127.0.0.1:%d", smtp_port(sink));
	struct test_server srv;
	const char *extra[] = { "--smtp-url", url, "--mail-from", "noreply@assens.dk", "--jobs-interval", "50",
				NULL };
	/* No demo data: its outbox holds a digest already. */
	test_db_create(&srv, 0);
	test_server_start(&srv, extra);

	struct test_client c = { 0 };
	struct http_resp r;
	client_get(&srv, &c, "/signup", &r);
	http_resp_free(&r);
	client_post(&srv, &c, "/signup", "name=Sofie+S%C3%B8rensen&email=sofie%40example.dk&password=sofies-password&terms=yes", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);

	wait_for(&srv, "SELECT COUNT(*) FROM outbox WHERE attempts >= 1 AND last_error IS NOT NULL AND sent_at IS NULL", 1);
	assert_true(smtp_refused(sink) >= 1);
	assert_int_equal(smtp_count(sink), 0);
	/* The failure is visible to an operator, and the next try is later. */
	const char *args[] = { "outbox", "--db", srv.db, NULL };
	char *out = NULL;
	assert_int_equal(test_run(args, &out, NULL), 0);
	assert_contains(out, "pending, 1 attempt, last error:");
	assert_contains(out, "To: sofie@example.dk");
	free(out);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM outbox WHERE next_attempt_at > created_at + 30"), 1);

	/* The server takes mail again; the retry is due now. */
	smtp_refuse(sink, 0);
	test_sql(&srv, "UPDATE outbox SET next_attempt_at = 0");
	wait_for(&srv, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL", 1);
	assert_int_equal(smtp_count(sink), 1);
	const char *m = smtp_message(sink, 0);
	assert_contains(m, "To: <sofie@example.dk>\r\n");
	assert_contains(m, "From: <noreply@assens.dk>\r\n");
	/* "Bekræft din e-mailadresse", RFC 2047 base64 */
	assert_contains(m, "Subject: =?UTF-8?B?QmVrcsOmZnQgZGluIGUtbWFpbGFkcmVzc2U=?=\r\n");
	assert_contains(m, "Content-Type: text/plain; charset=utf-8\r\n");
	assert_contains(m, "Hej Sofie Sørensen\r\n");
	assert_contains(m, "/verify?token=");
	test_server_stop(&srv);
	test_db_drop(&srv);
	smtp_stop(sink);
}

static void test_two_nodes_send_each_mail_once(void **state)
{
	(void)state;
	struct smtp_sink *sink = smtp_start();
	char url[64];
	snprintf(url, sizeof url, "smtp://127.0.0.1:%d", smtp_port(sink));
	const char *extra[] = { "--smtp-url", url, "--jobs-interval", "20", NULL };
	struct test_server a, b;
	test_db_create(&a, 0);
	b = a;
	snprintf(b.log, sizeof b.log, "%s/server-b.log", a.dir);
	b.pg_name[0] = '\0'; /* a drops the database */
	for (int i = 0; i < 30; i++) {
		char ins[256];
		snprintf(ins, sizeof ins,
			 "INSERT INTO outbox (recipient, subject, body, created_at, next_attempt_at) "
			 "VALUES ('p%d@example.dk', 'Mail %d', 'Body %d', 0, 0)", i, i, i);
		test_sql(&a, ins);
	}
	test_server_start(&a, extra);
	test_server_start(&b, extra);
	wait_for(&a, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL", 30);
	/* A duplicate would come from a node that took a mail before the
	 * other marked it sent. Stopping both waits for their background
	 * work to end, and the sink keeps a message before it says 250: once
	 * they are stopped, everything they sent is in the sink. */
	test_server_stop(&b);
	test_server_stop(&a);
	assert_int_equal(smtp_count(sink), 30);
	int seen[30] = { 0 };
	for (size_t i = 0; i < smtp_count(sink); i++) {
		const char *to = strstr(smtp_message(sink, i), "To: <p");
		assert_non_null(to);
		seen[atoi(to + 6)]++;
	}
	for (int i = 0; i < 30; i++)
		assert_int_equal(seen[i], 1);
	test_db_drop(&a);
	smtp_stop(sink);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_refused_mail_is_retried_then_delivered),
		TEST_CASE(test_two_nodes_send_each_mail_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
