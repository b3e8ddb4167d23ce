/*
 * mailer_test.c: delivering the outbox (src/jobs/mailer.c) to the tests'
 * SMTP server (tests/support/smtp.c: a real SMTP conversation on
 * loopback), on SQLite and, when SAMSKAB_TEST_PG is set, PostgreSQL: due
 * mail arrives whole (headers, encoded subject, CRLF lines, a lone dot)
 * and is marked sent; a refusing or absent server leaves the mail queued
 * with the error and a back-off; without an SMTP URL nothing happens.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "jobs/mailer.h"
#include "model/outbox.h"
#include "support/modeldb.h"
#include "support/smtp.h"

struct fixture {
	struct smtp_sink *sink;
	char url[64];
	struct mailer_config cfg;
};

static void start_sink(struct fixture *f)
{
	f->sink = smtp_start();
	assert_non_null(f->sink);
	snprintf(f->url, sizeof f->url, "smtp://127.0.0.1:%d", smtp_port(f->sink));
	f->cfg = (struct mailer_config){ .smtp_url = f->url, .from = "noreply@samskab.test" };
}

static void run(struct modeldb *m, const struct mailer_config *cfg, int sent, int failed)
{
	int s = -1, n = -1;
	assert_int_equal(mailer_run(m->db, cfg, &s, &n), STORE_OK);
	if (s != sent || n != failed)
		fail_msg("sent %d and failed %d, expected %d and %d", s, n, sent, failed);
}

static const struct outbox_mail *mail(struct modeldb *m, int64_t id)
{
	struct outbox_mail *items;
	size_t n;
	assert_int_equal(outbox_list(m->db, m->region, 1, 100, &items, &n), MODEL_OK);
	for (size_t i = 0; i < n; i++)
		if (items[i].id == id)
			return &items[i];
	fail_msg("no mail %lld in the outbox", (long long)id);
	return NULL;
}

static void assert_has(const char *message, const char *needle)
{
	if (strstr(message, needle) == NULL)
		fail_msg("the message lacks \"%s\":\n%s", needle, message);
}

static void test_due_mail_is_delivered_and_marked_sent(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f;
	start_sink(&f);
	int64_t anna = modeldb_account(m, "anna@example.dk", "Anna");
	const char *subject = "Bekræft din adresse på Samskab";
	assert_int_equal(outbox_add(m->db, anna, "anna@example.dk", subject,
				    "Hej Anna\n\nKlik her: https://samskab.example/verify/abc\n.\nVenlig hilsen"),
			 MODEL_OK);
	assert_int_equal(outbox_add(m->db, 0, "drift@example.dk", "Test", "En linje"), MODEL_OK);
	assert_int_equal(outbox_add(m->db, 0, "later@example.dk", "Senere", "Ikke endnu"), MODEL_OK);
	int64_t now = model_now();
	modeldb_exec(m, "UPDATE outbox SET next_attempt_at = %lld WHERE id = 3", (long long)(now + 3600));

	run(m, &f.cfg, 2, 0);
	assert_int_equal(smtp_count(f.sink), 2);
	const char *msg = smtp_message(f.sink, 0);
	assert_has(msg, "To: <anna@example.dk>\r\n");
	assert_has(msg, "From: <noreply@samskab.test>\r\n");
	assert_has(msg, "Content-Type: text/plain; charset=utf-8\r\n");
	assert_has(msg, "Message-ID: <outbox-1-");
	assert_has(msg, "@samskab.test>\r\n");
	/* The subject as an RFC 2047 encoded word of its UTF-8 bytes. */
	char b64[256], header[300];
	sodium_bin2base64(b64, sizeof b64, (const unsigned char *)subject, strlen(subject),
			  sodium_base64_VARIANT_ORIGINAL);
	snprintf(header, sizeof header, "Subject: =?UTF-8?B?%s?=\r\n", b64);
	assert_has(msg, header);
	/* The body with CRLF line ends; nothing after a lone dot is lost. */
	assert_has(msg, "\r\n\r\nHej Anna\r\n\r\nKlik her: https://samskab.example/verify/abc\r\n");
	assert_has(msg, "Venlig hilsen\r\n");
	for (const char *p = msg; (p = strchr(p, '\n')) != NULL; p++)
		if (p == msg || p[-1] != '\r')
			fail_msg("a bare line feed at %ld:\n%s", (long)(p - msg), msg);
	assert_has(smtp_message(f.sink, 1), "To: <drift@example.dk>\r\n");

	const struct outbox_mail *x = mail(m, 1);
	assert_in_range(x->sent_at, now, model_now());
	assert_int_equal(x->attempts, 1);
	assert_null(x->last_error);
	assert_true(mail(m, 2)->sent_at > 0);
	assert_int_equal(mail(m, 3)->sent_at, 0); /* not due yet */
	assert_int_equal(mail(m, 3)->attempts, 0);

	/* Sent mail is not sent again. */
	run(m, &f.cfg, 0, 0);
	assert_int_equal(smtp_count(f.sink), 2);
	smtp_stop(f.sink);
}

static void test_refusing_server_leaves_mail_queued_with_back_off(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f;
	start_sink(&f);
	assert_int_equal(outbox_add(m->db, 0, "anna@example.dk", "Hej", "Tekst"), MODEL_OK);
	log_set_level(LOG_ERROR); /* "mail not sent; will retry" is expected */
	smtp_refuse(f.sink, 1);
	int64_t before = model_now();
	run(m, &f.cfg, 0, 1);
	assert_int_equal(smtp_refused(f.sink), 1);
	assert_int_equal(smtp_count(f.sink), 0);
	const struct outbox_mail *x = mail(m, 1);
	assert_int_equal(x->sent_at, 0);
	assert_int_equal(x->attempts, 1);
	assert_non_null(x->last_error);
	assert_true(strlen(x->last_error) > 0);
	assert_in_range(x->next_attempt_at, before + 60, model_now() + 60);

	/* Not retried before the back-off is over. */
	run(m, &f.cfg, 0, 0);
	assert_int_equal(smtp_refused(f.sink), 1);

	/* The server accepts again and the wait is over: delivered. */
	smtp_refuse(f.sink, 0);
	modeldb_exec(m, "UPDATE outbox SET next_attempt_at = %lld", (long long)model_now());
	run(m, &f.cfg, 1, 0);
	assert_int_equal(smtp_count(f.sink), 1);
	x = mail(m, 1);
	assert_true(x->sent_at > 0);
	assert_int_equal(x->attempts, 2);
	assert_null(x->last_error);
	smtp_stop(f.sink);
}

static void test_absent_server_is_a_failed_attempt(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f;
	start_sink(&f);
	smtp_stop(f.sink); /* nothing listens on its port any more */
	log_set_level(LOG_ERROR); /* "mail not sent; will retry" is expected */
	assert_int_equal(outbox_add(m->db, 0, "anna@example.dk", "Hej", "Tekst"), MODEL_OK);
	assert_int_equal(outbox_add(m->db, 0, "bo@example.dk", "Hej", "Tekst"), MODEL_OK);
	run(m, &f.cfg, 0, 2);
	for (int64_t id = 1; id <= 2; id++) {
		const struct outbox_mail *x = mail(m, id);
		assert_int_equal(x->sent_at, 0);
		assert_int_equal(x->attempts, 1);
		assert_non_null(x->last_error);
	}
}

static void test_without_smtp_url_nothing_is_sent_or_changed(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f;
	start_sink(&f);
	assert_int_equal(outbox_add(m->db, 0, "anna@example.dk", "Hej", "Tekst"), MODEL_OK);
	struct mailer_config off = { .smtp_url = NULL, .from = "noreply@samskab.test" };
	run(m, &off, 0, 0);
	assert_int_equal(smtp_count(f.sink), 0);
	assert_int_equal(smtp_refused(f.sink), 0);
	const struct outbox_mail *x = mail(m, 1);
	assert_int_equal(x->sent_at, 0);
	assert_int_equal(x->attempts, 0);
	assert_null(x->last_error);
	assert_true(x->next_attempt_at <= model_now()); /* still due */
	smtp_stop(f.sink);
}

/* What can be a sender or a recipient: nothing that would be cut or
 * would break the SMTP command or the headers it goes into. */
static void test_addresses_are_checked_not_cut(void **state)
{
	(void)state;
	char longest[MAILER_ADDRESS_MAX + 2];
	memset(longest, 'a', sizeof longest);
	memcpy(longest + MAILER_ADDRESS_MAX - 11, "@example.dk", 12); /* 254 bytes */
	assert_int_equal(strlen(longest), MAILER_ADDRESS_MAX);
	assert_null(mailer_address_problem(longest));
	assert_null(mailer_address_problem("noreply@assens.dk"));
	longest[0] = '\0';
	memset(longest, 'a', MAILER_ADDRESS_MAX + 1);
	memcpy(longest + MAILER_ADDRESS_MAX + 1 - 11, "@example.dk", 12); /* 255 bytes */
	assert_string_equal(mailer_address_problem(longest), "is longer than 254 characters");
	static const char *const bad[] = { "", "noreply", "@assens.dk", "noreply@", "a@b@c",
					   "no reply@assens.dk", "noreply@assens.dk\r\nBcc: x@y.dk",
					   "<noreply@assens.dk>", "noreply@assens.dk>" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (mailer_address_problem(bad[i]) == NULL)
			fail_msg("'%s' was taken as an address", bad[i]);
}

/* A sender too long for the envelope is refused, never shortened: no
 * mail leaves with another sender than the one configured. */
static void test_a_sender_that_cannot_be_used_sends_nothing(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f;
	start_sink(&f);
	char from[400];
	memset(from, 'n', sizeof from);
	memcpy(from + sizeof from - 12, "@example.dk", 12);
	f.cfg.from = from;
	log_set_level(LOG_ERROR); /* "mail not sent; will retry" is expected */
	assert_int_equal(outbox_add(m->db, 0, "anna@example.dk", "Hej", "Tekst"), MODEL_OK);
	run(m, &f.cfg, 0, 1);
	assert_int_equal(smtp_count(f.sink), 0);
	const struct outbox_mail *x = mail(m, 1);
	assert_int_equal(x->sent_at, 0);
	assert_non_null(x->last_error);
	assert_has(x->last_error, "is longer than 254 characters");
	smtp_stop(f.sink);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELDB_BOTH(test_due_mail_is_delivered_and_marked_sent),
		MODELDB_BOTH(test_refusing_server_leaves_mail_queued_with_back_off),
		MODELDB_BOTH(test_absent_server_is_a_failed_attempt),
		MODELDB_BOTH(test_without_smtp_url_nothing_is_sent_or_changed),
		cmocka_unit_test(test_addresses_are_checked_not_cut),
		MODELDB_BOTH(test_a_sender_that_cannot_be_used_sends_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
