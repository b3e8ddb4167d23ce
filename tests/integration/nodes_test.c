/*
 * nodes_test.c: several samskab nodes on one PostgreSQL, as behind a load
 * balancer: a write through one node is read through the other, a
 * session made on one is valid on the other, and killing one node in the
 * middle of a stream of writes loses none that were acknowledged; a new
 * opinion map computed by one node is shown by the other, which keeps
 * the map page it drew for the last version, and a statement rejected
 * through one leaves the other's map page at once. Then a node with a
 * streaming read replica: its reads keep being served from the replica
 * while the primary is down. PostgreSQL only (skipped otherwise).
 */
#include <jansson.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
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
	atomic_int nack;
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
		if (r.status == 303) {
			w->acknowledged[atomic_load(&w->nack)] = i;
			atomic_fetch_add(&w->nack, 1);
		}
		http_resp_free(&r);
	}
	return NULL;
}

/* Some writes acknowledged, more to come: a is in the middle of them. */
static int writing(void *arg)
{
	return atomic_load(&((struct writer *)arg)->nack) >= 20;
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
	test_wait_until(writing, wa, TEST_DEADLINE_MS, "20 writes acknowledged by node a");
	test_server_kill(&a); /* in the middle of its writes */
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	assert_true(wa->nack >= 20 && wa->nack < 400); /* a wrote, then died */
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

/* How many participants the opinion map of the API has. */
static size_t api_participants(struct test_server *s)
{
	struct http_resp r;
	http_get(s, "/api/v1/arenas/2/opinion", &r);
	assert_int_equal(r.status, 200);
	json_t *j = json_loads(r.body, 0, NULL);
	assert_non_null(j);
	size_t n = json_array_size(json_object_get(j, "participants"));
	json_decref(j);
	http_resp_free(&r);
	return n;
}

/* How many have voted, by the opinion page's lead ("48 har stemt"). */
static int voters_shown(struct test_server *s, char **page)
{
	struct http_resp r;
	http_get(s, "/arenas/2/opinion", &r);
	assert_int_equal(r.status, 200);
	const char *lead = strstr(r.body, "<p class=\"lead\">");
	int n = lead ? atoi(lead + strlen("<p class=\"lead\">")) : -1;
	if (page)
		*page = strdup(r.body);
	http_resp_free(&r);
	return n;
}

struct shown_wait {
	struct test_server *srv;
	int voters;
};

static int shows_voters(void *arg)
{
	struct shown_wait *w = arg;
	return voters_shown(w->srv, NULL) == w->voters;
}

static void test_a_new_map_on_one_is_shown_by_the_other(void **state)
{
	(void)state;
	need_pg();
	struct test_server a, b;
	const char *extra[] = { "--rate-factor", "100", "--jobs-interval", "50", NULL };
	test_db_create(&a, 1);
	b = a;
	snprintf(b.log, sizeof b.log, "%s/server-b.log", a.dir);
	test_server_start(&a, extra);
	test_server_start(&b, extra);
	/* Both draw the page for the demo's map and keep it. */
	char *before_a, *before_b, *again;
	int voters = voters_shown(&a, &before_a);
	assert_true(voters > 0);
	assert_int_equal(voters_shown(&b, &before_b), voters);
	assert_int_equal(voters_shown(&b, &again), voters);
	assert_string_equal(again, before_b);
	free(again);
	assert_int_equal(api_participants(&b), voters);
	/* A newcomer votes through a; whichever node leads the background
	 * work computes the new map, and b shows it. */
	struct test_client c = { 0 };
	for (int i = 0; i < 8; i++) {
		struct http_resp r;
		client_get(&a, &c, "/arenas/2/dialogue", &r);
		const char *p = strstr(r.body, "name=\"statement\" value=\"");
		assert_non_null(p);
		char form[80];
		snprintf(form, sizeof form, "statement=%d&vote=%s", atoi(p + 24), i % 2 ? "agree" : "disagree");
		http_resp_free(&r);
		client_post(&a, &c, "/arenas/2/dialogue/vote", form, &r);
		assert_int_equal(r.status, 303);
		http_resp_free(&r);
	}
	struct shown_wait w = { &b, voters + 1 };
	test_wait_until(shows_voters, &w, TEST_DEADLINE_MS, "node b to show the new map");
	assert_int_equal(voters_shown(&a, NULL), voters + 1);
	assert_int_equal(api_participants(&b), voters + 1);
	/* A statement rejected through a is gone from b's map page at once. */
	const char *text = "Biblioteket er et godt sted at mødes på tværs af generationer.";
	char *page;
	voters_shown(&b, &page);
	assert_contains(page, text);
	free(page);
	struct test_client frida = { 0 };
	test_sign_in(&a, &frida, "frida%40demo.example", "demo-password", 303);
	struct http_resp r;
	client_get(&a, &frida, "/arenas/2/dialogue/moderate", &r);
	http_resp_free(&r);
	char path[120];
	snprintf(path, sizeof path, "/arenas/2/dialogue/statements/%lld/moderate",
		 (long long)test_sql_int(&a, "SELECT id FROM statement WHERE text LIKE 'Biblioteket er et godt sted%'"));
	client_post(&a, &frida, path, "action=reject&reason=Uden+for+emnet", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	voters_shown(&b, &page);
	assert_not_contains(page, text);
	free(page);
	free(before_a);
	free(before_b);
	test_server_stop(&b);
	test_server_stop(&a);
	test_db_drop(&a);
}

static void test_reads_follow_the_replica_while_the_primary_is_down(void **state)
{
	(void)state;
	need_pg();
	/* Stopped and removed however the test ends, newest first: the
	 * replica, the primary, the directory. */
	char dir[64], pg_dir[80], replica_dir[80];
	unsigned undo_dir = test_tmpdir(dir, sizeof dir, "nodes");
	snprintf(pg_dir, sizeof pg_dir, "%s/pg", dir);
	snprintf(replica_dir, sizeof replica_dir, "%s/replica", dir);
	unsigned undo_primary = test_pg_stop_later(pg_dir);
	unsigned undo_replica = test_pg_stop_later(replica_dir);
	char args[256], primary[256], replica[256];
	snprintf(args, sizeof args, "start %s", pg_dir);
	assert_int_equal(test_pg(args, primary, sizeof primary), 0);
	/* The database on this primary, then its replica. */
	const char *shared = getenv("SAMSKAB_TEST_PG");
	char *saved = strdup(shared);
	setenv("SAMSKAB_TEST_PG", primary, 1);
	struct test_server s;
	test_db_create(&s, 1);
	setenv("SAMSKAB_TEST_PG", saved, 1);
	snprintf(args, sizeof args, "replica %s %s", pg_dir, replica_dir);
	assert_int_equal(test_pg(args, replica, sizeof replica), 0);
	char replica_db[300];
	snprintf(replica_db, sizeof replica_db, "%.*s/%s", (int)(strrchr(replica, '/') - replica), replica, s.pg_name);
	const char *extra[] = { "--db-replica", replica_db, NULL };
	test_server_start(&s, extra);

	struct http_resp r;
	http_get(&s, "/organisations", &r);
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
	test_undo(undo_primary); /* scripts/pg stop */
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
	test_db_drop(&s); /* its database went with the primary */
	test_undo(undo_replica);
	test_undo(undo_dir);
	free(saved);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_write_on_one_read_on_other),
		TEST_CASE(test_killing_a_node_loses_no_acknowledged_write),
		TEST_CASE(test_a_new_map_on_one_is_shown_by_the_other),
		TEST_CASE(test_reads_follow_the_replica_while_the_primary_is_down),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
