/*
 * disk_test.c: /healthz tells the truth about writes. Found by an
 * attacker: with the disk full and every write failing, /healthz said
 * "ok", so a load balancer kept sending sign-ups and votes to a node that
 * lost them. Here a SQLite database lives on a small tmpfs of its own; the
 * disk is filled, and /healthz must answer 503 saying why, and 200 again
 * once there is room. On the PostgreSQL suite, a database that takes no
 * writes (default_transaction_read_only, as on a standby) answers 503 too.
 *
 * Mounting needs root (CAP_SYS_ADMIN): without it the disk test skips,
 * saying so. Each test runs on the suite it applies to.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "support/support.h"

struct health {
	struct test_server *s;
	long want;        /* the status awaited */
	const char *says; /* and a part of the body */
	char body[1024];
};

static int health_is(void *arg)
{
	struct health *h = arg;
	struct http_resp r;
	http_get(h->s, "/healthz", &r);
	snprintf(h->body, sizeof h->body, "%s", r.body);
	int ok = r.status == h->want && strstr(r.body, h->says) != NULL;
	http_resp_free(&r);
	return ok;
}

static void wait_health(struct test_server *s, long want, const char *says)
{
	struct health h = { s, want, says, "" };
	if (!test_poll(health_is, &h, TEST_DEADLINE_MS))
		fail_msg("waited for /healthz %ld with %s; it said %s", want, says, h.body);
}

static void sh(const char *cmd)
{
	int rc = system(cmd);
	if (rc != 0)
		fail_msg("%s: status %d", cmd, rc);
}

static void test_healthz_sees_a_full_disk(void **state)
{
	(void)state;
	const char *pg = getenv("SAMSKAB_TEST_PG");
	if (pg && *pg)
		test_skip("not applicable: the disk under a SQLite file (the SQLite suite runs it)");
	struct test_server s;
	memset(&s, 0, sizeof s);
	test_tmpdir(s.dir, sizeof s.dir, "disk");
	char mnt[300], cmd[1024];
	snprintf(mnt, sizeof mnt, "%s/mnt", s.dir);
	snprintf(cmd, sizeof cmd, "mkdir %s && mount -t tmpfs -o size=8m tmpfs %s 2>/dev/null", mnt, mnt);
	if (system(cmd) != 0)
		test_skip("missing: permission to mount a tmpfs (run the tests as root)");
	const char *umount[] = { "umount", "-l", mnt, NULL };
	unsigned undo_mount = test_defer_command(umount);
	snprintf(s.db, sizeof s.db, "%s/samskab.db", mnt);
	snprintf(s.log, sizeof s.log, "%s/server.log", s.dir);
	const char *migrate[] = { "migrate", "--db", s.db, "--log-level", "warn", NULL };
	assert_int_equal(test_run(migrate, NULL, NULL), 0);
	test_server_start(&s, NULL);

	struct http_resp r;
	http_get(&s, "/healthz", &r);
	assert_int_equal(r.status, 200);
	json_t *j = json_loads(r.body, 0, NULL);
	assert_string_equal(json_string_value(json_object_get(j, "database")), "ok");
	assert_string_equal(json_string_value(json_object_get(j, "disk")), "ok");
	assert_true(json_integer_value(json_object_get(j, "disk_free_bytes")) > (1 << 20));
	json_decref(j);
	http_resp_free(&r);

	/* The disk fills up. */
	snprintf(cmd, sizeof cmd, "dd if=/dev/zero of=%s/filler bs=64k 2>/dev/null; true", mnt);
	sh(cmd);
	wait_health(&s, 503, "\"disk\":\"full\"");
	snprintf(cmd, sizeof cmd, "rm %s/filler", mnt);
	sh(cmd);
	wait_health(&s, 200, "\"status\":\"ok\"");

	test_server_stop(&s);
	test_undo(undo_mount);
}

/* A PostgreSQL database that answers reads and refuses every write. */
static void test_healthz_sees_a_read_only_database(void **state)
{
	(void)state;
	const char *pg = getenv("SAMSKAB_TEST_PG");
	if (!pg || !*pg)
		test_skip("not applicable: PostgreSQL only (SQLite's case is the full disk)");
	struct test_server s;
	test_db_create(&s, 0);
	test_server_start(&s, NULL);
	wait_health(&s, 200, "\"database\":\"ok\"");
	test_server_stop(&s);
	char sql[256];
	snprintf(sql, sizeof sql, "ALTER DATABASE %s SET default_transaction_read_only = on", s.pg_name);
	test_sql(&s, sql);
	test_server_start(&s, NULL);
	wait_health(&s, 503, "\"database\":\"read-only\"");
	/* Reads go on. */
	struct http_resp r;
	http_get(&s, "/areas", &r);
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
	test_server_stop(&s);
	test_db_drop(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_healthz_sees_a_full_disk),
		TEST_CASE(test_healthz_sees_a_read_only_database),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
