/*
 * outage_test.c: PostgreSQL going away and coming back, and connections
 * that cannot be made. samskab serves on a PostgreSQL server of this
 * test's own (scripts/pg, so it can be stopped): while the server is down
 * pages answer 503 with Retry-After and a readable page, quickly; once it
 * is back on the same port pages answer 200 again, without restarting
 * samskab. At start, an unreachable server, one that never answers, a
 * wrong or missing password and a wrong URL each end samskab with status
 * 1 and a message saying which. Runs only with SAMSKAB_TEST_PG (the
 * PostgreSQL suite); the server it names is not touched.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "support/support.h"

static char dir[64];     /* this test's directory; the server's data in dir/pg */
static char admin[256];  /* postgres://postgres@127.0.0.1:PORT/postgres */
static int port;
static unsigned undo_dir, undo_pg; /* their registrations (support/proc.h) */

/* scripts/pg CMD dir/pg; a URL it prints goes to admin. 0 on success. */
static int pg(const char *cmd)
{
	char args[128];
	snprintf(args, sizeof args, "%s %s/pg", cmd, dir);
	return test_pg(args, admin, sizeof admin);
}

static int setup(void **state)
{
	(void)state;
	if (getenv("SAMSKAB_TEST_PG") == NULL)
		return 0;
	undo_dir = test_tmpdir(dir, sizeof dir, "outage");
	char pg_dir[sizeof dir + 8];
	snprintf(pg_dir, sizeof pg_dir, "%s/pg", dir);
	undo_pg = test_pg_stop_later(pg_dir);
	if (pg("start") != 0)
		return -1;
	port = atoi(strrchr(admin, ':') + 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_undo(undo_pg);
	test_undo(undo_dir);
	return 0;
}

static void need_pg(void)
{
	if (dir[0] == '\0')
		test_skip("not applicable: PostgreSQL only; this run is on SQLite (SAMSKAB_TEST_PG unset)");
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* GET path: the status, asserting an answer within a few seconds. */
static long get_quickly(struct test_server *s, const char *path, struct http_resp *r)
{
	double t0 = now_s();
	http_get(s, path, r);
	double took = now_s() - t0;
	if (took > 3)
		fail_msg("GET %s took %.1f s", path, took);
	return r->status;
}

static void test_pages_answer_503_while_the_database_is_down_and_recover(void **state)
{
	(void)state;
	need_pg();
	struct test_server s;
	memset(&s, 0, sizeof s);
	snprintf(s.dir, sizeof s.dir, "%s/serve", dir);
	assert_int_equal(mkdir(s.dir, 0700), 0);
	snprintf(s.log, sizeof s.log, "%s/server.log", s.dir);
	snprintf(s.db, sizeof s.db, "%s", admin);
	const char *demo[] = { "demo", "--db", s.db, "--log-level", "warn", NULL };
	char *err;
	assert_int_equal(test_run(demo, NULL, &err), 0);
	free(err);
	test_server_start(&s, NULL);
	struct http_resp r;
	assert_int_equal(get_quickly(&s, "/organisations", &r), 200);
	http_resp_free(&r);

	assert_int_equal(pg("stop"), 0);
	/* More requests than workers: every worker meets the outage. */
	const char *paths[] = { "/organisations", "/areas", "/themes", "/organisations",
				"/api/v1/organisations", "/" };
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		assert_int_equal(get_quickly(&s, paths[i], &r), 503);
		char *retry = http_header(&r, "Retry-After");
		assert_non_null(retry);
		assert_true(atoi(retry) > 0);
		free(retry);
		if (strncmp(paths[i], "/api/", 5) != 0)
			assert_contains(r.body, "Databasen svarer ikke lige nu");
		http_resp_free(&r);
	}
	assert_int_equal(get_quickly(&s, "/healthz", &r), 503);
	http_resp_free(&r);

	/* Back on the same port: the first request on each worker works. */
	assert_int_equal(pg("start"), 0);
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		assert_int_equal(get_quickly(&s, paths[i], &r), 200);
		http_resp_free(&r);
	}
	/* A restart between two requests: the connections it closed are
	 * noticed before use, so no request fails. */
	assert_int_equal(pg("stop"), 0);
	assert_int_equal(pg("start"), 0);
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		assert_int_equal(get_quickly(&s, paths[i], &r), 200);
		http_resp_free(&r);
	}
	assert_int_equal(get_quickly(&s, "/organisations", &r), 200);
	assert_contains(r.body, "Assens Kommune");
	http_resp_free(&r);
	test_server_stop(&s); /* the same process throughout, and a clean exit */
	FILE *f = fopen(s.log, "r");
	char log[1 << 16];
	size_t n = fread(log, 1, sizeof log - 1, f);
	log[n] = '\0';
	fclose(f);
	assert_contains(log, "reconnecting");
	/* The server's notice of shutdown went to our log, not raw to stderr. */
	assert_not_contains(log, "\nFATAL:");
}

/* samskab serve with db exits 1 within seconds, saying want. */
static void refuses(const char *db, const char *want)
{
	const char *serve[] = { "serve", "--db", db, "--listen", "127.0.0.1:0", NULL };
	char *err;
	double t0 = now_s();
	int rc = test_run(serve, NULL, &err);
	if (rc != 1)
		fail_msg("serve --db %s: exit %d, expected 1: %s", db, rc, err);
	if (now_s() - t0 > 8)
		fail_msg("serve --db %s took %.1f s to give up", db, now_s() - t0);
	assert_contains(err, want);
	assert_not_contains(err, "secret"); /* passwords are never repeated */
	free(err);
}

static void test_unreachable_or_silent_database_at_start(void **state)
{
	(void)state;
	need_pg();
	/* A port where nothing listens. */
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET };
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
	socklen_t len = sizeof a;
	getsockname(fd, (struct sockaddr *)&a, &len);
	char url[128], want[160];
	snprintf(url, sizeof url, "postgres://postgres@127.0.0.1:%d/postgres", ntohs(a.sin_port));
	snprintf(want, sizeof want,
		 "samskab serve: cannot connect to PostgreSQL: connection to server at "
		 "\"127.0.0.1\", port %d failed: Connection refused",
		 ntohs(a.sin_port));
	refuses(url, want);
	/* Listening but never answering: given up after the connect timeout. */
	assert_int_equal(listen(fd, 8), 0);
	refuses(url, "timeout expired");
	close(fd);
}

static void test_wrong_or_missing_password(void **state)
{
	(void)state;
	need_pg();
	/* A role that must give a password over TCP; the admin keeps trust. */
	char hba[128];
	snprintf(hba, sizeof hba, "%s/pg/data/pg_hba.conf", dir);
	FILE *f = fopen(hba, "r");
	assert_non_null(f);
	static char old[1 << 16];
	size_t n = fread(old, 1, sizeof old - 1, f);
	old[n] = '\0';
	fclose(f);
	f = fopen(hba, "w");
	fprintf(f, "host all pwuser 127.0.0.1/32 scram-sha-256\n%s", old);
	fclose(f);
	const char *sql[] = { "CREATE ROLE pwuser LOGIN PASSWORD 'right'", "SELECT pg_reload_conf()" };
	for (size_t i = 0; i < 2; i++) {
		char cmd[512];
		snprintf(cmd, sizeof cmd, "psql -q -o /dev/null '%s' -c \"%s\"", admin, sql[i]);
		assert_int_equal(system(cmd), 0);
	}
	char url[160];
	snprintf(url, sizeof url, "postgres://pwuser:secret@127.0.0.1:%d/postgres", port);
	refuses(url, "cannot connect to PostgreSQL: connection to server at \"127.0.0.1\"");
	refuses(url, "password authentication failed for user \"pwuser\"");
	snprintf(url, sizeof url, "postgres://pwuser@127.0.0.1:%d/postgres", port);
	refuses(url, "the server asks for a password and none was given: put it in the URL "
		     "(postgres://USER:PASSWORD@HOST/DB), in PGPASSWORD or in ~/.pgpass");
}

static void test_wrong_url(void **state)
{
	(void)state;
	need_pg();
	char url[160];
	snprintf(url, sizeof url, "postgres://postgres@127.0.0.1:%d/nosuch", port);
	refuses(url, "database \"nosuch\" does not exist");
	refuses("postgres://postgres@127.0.0.1:notaport/x",
		"cannot connect to PostgreSQL: invalid integer value \"notaport\" for connection "
		"option \"port\"");
	refuses("postgres://postgres@127.0.0.1/x?colour=blue",
		"cannot connect to PostgreSQL: invalid URI query parameter: \"colour\"");
	snprintf(url, sizeof url, "postgres://nobody@127.0.0.1:%d/postgres", port);
	refuses(url, "role \"nobody\" does not exist");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_pages_answer_503_while_the_database_is_down_and_recover),
		TEST_CASE(test_unreachable_or_silent_database_at_start),
		TEST_CASE(test_wrong_or_missing_password),
		TEST_CASE(test_wrong_url),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
