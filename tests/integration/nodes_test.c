/*
 * nodes_test.c: several samskab nodes on one PostgreSQL, as behind a load
 * balancer: a write through one node is read through the other, a
 * session made on one is valid on the other, and killing one node in the
 * middle of a stream of writes loses none that were acknowledged. Then a
 * node with a streaming read replica: its reads keep being served from
 * the replica while the primary is down. PostgreSQL only (skipped
 * otherwise).
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/store.h"
#include "support/support.h"

static void need_pg(void)
{
	if (getenv("SAMSKAB_TEST_PG") == NULL)
		test_skip("not applicable: PostgreSQL only; this run is on SQLite (SAMSKAB_TEST_PG unset)");
}

static void test_write_on_one_read_on_other(void **state)
{
	(void)state;
	need_pg();
	struct test_server a, b;
	const char *extra[] = { "--rate-factor", "100", NULL };
	test_db_create(&a, 1);
	b = a;
	snprintf(b.log, sizeof b.log, "%s/server-b.log", a.dir);
	test_server_start(&a, extra);
	test_server_start(&b, extra);

	struct test_client c = { 0 };
	test_sign_in(&a, &c, "amina%40demo.example", "demo-password", 303);
	/* The session made on a is good on b, and b's pages carry its token. */
	struct http_resp r;
	client_get(&b, &c, "/me", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Amina Haddad");
	http_resp_free(&r);
	client_post(&b, &c, "/me", "name=Amina+H.&lang=da&area=5", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	client_get(&a, &c, "/me", &r);
	assert_contains(r.body, "value=\"Amina H.\"");
	http_resp_free(&r);
	/* Signing out on a ends the session on b too. */
	client_post(&a, &c, "/logout", "", &r);
	http_resp_free(&r);
	client_get(&b, &c, "/me", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	test_server_stop(&b);
	test_server_stop(&a);
	test_db_drop(&a);
}

struct writer {
	struct test_server *srv;
	struct test_client client;
	int prefix;
	int acknowledged[400];
	int nack;
};

/* Opens arenas as fast as it can; remembers which were acknowledged. */
static void *write_arenas(void *arg)
{
	struct writer *w = arg;
	for (int i = 0; i < 400; i++) {
		char form[160];
		snprintf(form, sizeof form, "title=Arena+%d-%d&theme=1", w->prefix, i);
		struct http_resp r;
		/* A node that is gone: curl fails, so use a raw attempt. */
		char cookie[sizeof w->client.cookies + 16], body[512];
		snprintf(cookie, sizeof cookie, "Cookie: %s", w->client.cookies);
		snprintf(body, sizeof body, "csrf=%s&%s", w->client.csrf, form);
		const char *h[] = { "Content-Type: application/x-www-form-urlencoded", cookie, NULL };
		if (http_try(w->srv, "POST", "/arenas/new", body, h, &r) != 0)
			continue; /* not acknowledged */
		if (r.status == 303)
			w->acknowledged[w->nack++] = i;
		http_resp_free(&r);
	}
	return NULL;
}

static void test_killing_a_node_loses_no_acknowledged_write(void **state)
{
	(void)state;
	need_pg();
	struct test_server a, b;
	const char *extra[] = { "--rate-factor", "100", NULL };
	test_db_create(&a, 1);
	b = a;
	snprintf(b.log, sizeof b.log, "%s/server-b.log", a.dir);
	test_server_start(&a, extra);
	test_server_start(&b, extra);
	struct writer *wa = calloc(1, sizeof *wa), *wb = calloc(1, sizeof *wb);
	wa->srv = &a;
	wa->prefix = 1;
	wb->srv = &b;
	wb->prefix = 2;
	test_sign_in(&a, &wa->client, "frida%40demo.example", "demo-password", 303);
	test_sign_in(&b, &wb->client, "frida%40demo.example", "demo-password", 303);
	struct http_resp r;
	client_get(&a, &wa->client, "/arenas/new", &r);
	http_resp_free(&r);
	client_get(&b, &wb->client, "/arenas/new", &r);
	http_resp_free(&r);
	pthread_t ta, tb;
	pthread_create(&ta, NULL, write_arenas, wa);
	pthread_create(&tb, NULL, write_arenas, wb);
	usleep(400000);
	kill(a.pid, SIGKILL); /* in the middle of its writes */
	int status;
	waitpid(a.pid, &status, 0);
	a.pid = 0;
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	assert_true(wa->nack > 0);   /* a wrote before it died */
	assert_int_equal(wb->nack, 400); /* b never noticed */
	for (int k = 0; k < 2; k++) {
		struct writer *w = k ? wb : wa;
		for (int i = 0; i < w->nack; i++) {
			char q[160];
			snprintf(q, sizeof q, "SELECT COUNT(*) FROM arena WHERE title = 'Arena %d-%d'", w->prefix,
				 w->acknowledged[i]);
			if (test_sql_int(&a, q) != 1)
				fail_msg("acknowledged write Arena %d-%d is missing", w->prefix, w->acknowledged[i]);
		}
	}
	free(wa);
	free(wb);
	test_server_stop(&b);
	test_db_drop(&a);
}

/* scripts/pg CMD ARGS; the first line it prints (a URL) in out. */
static int pg(const char *args, char *out, size_t n)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "scripts/pg %s", args);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	if (out) {
		out[0] = '\0';
		if (fgets(out, (int)n, p))
			out[strcspn(out, "\n")] = '\0';
	}
	return pclose(p);
}

static void test_reads_follow_the_replica_while_the_primary_is_down(void **state)
{
	(void)state;
	need_pg();
	char dir[] = "/tmp/samskab-nodes-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char args[256], primary[256], replica[256];
	snprintf(args, sizeof args, "start %s/pg", dir);
	assert_int_equal(pg(args, primary, sizeof primary), 0);
	/* The database on this primary, then its replica. */
	const char *shared = getenv("SAMSKAB_TEST_PG");
	char *saved = strdup(shared);
	setenv("SAMSKAB_TEST_PG", primary, 1);
	struct test_server s;
	test_db_create(&s, 1);
	setenv("SAMSKAB_TEST_PG", saved, 1);
	snprintf(args, sizeof args, "replica %s/pg %s/replica", dir, dir);
	assert_int_equal(pg(args, replica, sizeof replica), 0);
	char replica_db[300];
	snprintf(replica_db, sizeof replica_db, "%.*s/%s", (int)(strrchr(replica, '/') - replica), replica, s.pg_name);
	const char *extra[] = { "--db-replica", replica_db, NULL };
	test_server_start(&s, extra);

	struct http_resp r;
	http_get(&s, "/organisations", &r);
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
	snprintf(args, sizeof args, "stop %s/pg", dir);
	assert_int_equal(pg(args, NULL, 0), 0);
	/* Reads go on from the replica; writes cannot. */
	http_get(&s, "/organisations", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Dansk Flygtningehjælp");
	http_resp_free(&r);
	http_get(&s, "/arenas/2", &r);
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
	const char *h[] = { "Content-Type: application/x-www-form-urlencoded", NULL };
	http_request(&s, "POST", "/login", "email=x&password=y", h, &r);
	assert_int_equal(r.status, 503);
	http_resp_free(&r);

	test_server_stop(&s);
	snprintf(args, sizeof args, "stop %s/replica", dir);
	pg(args, NULL, 0);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(saved);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_on_one_read_on_other),
		cmocka_unit_test(test_killing_a_node_loses_no_acknowledged_write),
		cmocka_unit_test(test_reads_follow_the_replica_while_the_primary_is_down),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
