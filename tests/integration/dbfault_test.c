/*
 * dbfault_test.c: the database failing in the middle of a request, on a
 * real server with the demo data, on SQLite and on PostgreSQL. A page
 * whose later section cannot be read answers the error page (the table
 * it reads is renamed away: 500, a broken database), never the page
 * with that section left empty and status 200; a write that waits past
 * the lock timeout for a lock another connection holds answers 503 with
 * Retry-After and keeps nothing of what it wrote before (on PostgreSQL
 * also a page whose section's table is locked); a write refused halfway
 * keeps nothing of its first half. Each page is checked whole before and
 * after, so the failure is the renamed table's or the lock's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "support/support.h"

static struct test_server srv;
static int64_t open_arena, member_org;

static int setup(void **state)
{
	(void)state;
	test_server_up(&srv, 1);
	open_arena = test_sql_int(&srv, "SELECT MIN(id) FROM arena WHERE status = 'open'");
	member_org = test_sql_int(&srv, "SELECT MIN(organisation_id) FROM arena_organisation "
					"WHERE status = 'accepted'");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_server_stop(&srv);
	test_db_drop(&srv);
	return 0;
}

static int is_postgres(void)
{
	return strncmp(srv.db, "postgres", 8) == 0;
}

/* GET path as c (or a visitor): the status; body checked against what
 * the whole page shows (expect 200) or the error page (otherwise). */
static void get_page(struct test_client *c, const char *path, long expect, const char *whole)
{
	struct http_resp r;
	if (c)
		client_get(&srv, c, path, &r);
	else
		http_get(&srv, path, &r);
	if (r.status != expect)
		fail_msg("GET %s: %ld, expected %ld:\n%.2000s", path, r.status, expect, r.body);
	if (expect == 200) {
		assert_contains(r.body, whole);
	} else {
		assert_not_contains(r.body, whole);
		assert_contains(r.body, "Fejlkode: ");
		assert_contains(r.body, expect == 503 ? "Tjenesten er midlertidigt utilgængelig"
						      : "Der skete en fejl hos os");
	}
	if (expect == 503) {
		char *retry = http_header(&r, "Retry-After");
		assert_non_null(retry);
		free(retry);
	}
	http_resp_free(&r);
}

static void rename_table(const char *from, const char *to)
{
	char sql[160];
	snprintf(sql, sizeof sql, "ALTER TABLE %s RENAME TO %s", from, to);
	test_sql(&srv, sql);
}

static void test_a_section_that_cannot_be_read_is_an_error_page(void **state)
{
	(void)state;
	struct test_client amina = { 0 };
	test_sign_in(&srv, &amina, "amina%40demo.example", "demo-password", 303);
	char arena[64], dialogue[64], org[64];
	snprintf(arena, sizeof arena, "/arenas/%lld", (long long)open_arena);
	snprintf(dialogue, sizeof dialogue, "/arenas/%lld/dialogue", (long long)open_arena);
	snprintf(org, sizeof org, "/organisations/%lld", (long long)member_org);
	const struct {
		const char *path;
		struct test_client *as;
		const char *table; /* read by a section after the page's first reads */
		const char *whole; /* in the whole page, not in the error page */
	} pages[] = {
		{ "/", NULL, "activity", "<h1>Politik, vi skaber sammen</h1>" },
		{ arena, NULL, "arena_organisation", "id=\"who\"" },
		{ arena, NULL, "statement", "class=\"dialogue-box\"" },
		{ dialogue, NULL, "participant", "/dialogue/about\"" },
		{ org, NULL, "arena_organisation", "id=\"arenas\"" },
		{ "/me", &amina, "consent", "id=\"consents\"" },
		{ "/me", &amina, "calendar_token", "id=\"calendar\"" },
	};
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		char away[64];
		snprintf(away, sizeof away, "%s_away", pages[i].table);
		get_page(pages[i].as, pages[i].path, 200, pages[i].whole);
		rename_table(pages[i].table, away);
		get_page(pages[i].as, pages[i].path, 500, pages[i].whole);
		rename_table(away, pages[i].table);
		get_page(pages[i].as, pages[i].path, 200, pages[i].whole);
	}
}

/* Another connection to the server's database that holds a lock until
 * released: on SQLite the write lock (BEGIN IMMEDIATE), on PostgreSQL
 * the given lock on a table. */
static struct store *hold_lock(const char *pg_lock)
{
	char err[256];
	struct store *db = store_open(srv.db, NULL, err, sizeof err);
	if (db == NULL)
		fail_msg("%s", err);
	if (store_begin(db) != STORE_OK || (pg_lock && store_exec(db, pg_lock) != STORE_OK))
		fail_msg("cannot take the lock: %s", store_error(db));
	return db;
}

static void release(struct store *db)
{
	store_rollback(db);
	store_close(db);
}

static int64_t statements_saying(const char *text)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM statement WHERE text = '%s'", text);
	return test_sql_int(&srv, sql);
}

static void test_a_held_lock_answers_503_and_keeps_nothing(void **state)
{
	(void)state;
	struct test_client visitor = { 0 };
	char dialogue[64], add[80];
	snprintf(dialogue, sizeof dialogue, "/arenas/%lld/dialogue", (long long)open_arena);
	snprintf(add, sizeof add, "/arenas/%lld/dialogue/statements", (long long)open_arena);
	struct http_resp r;
	client_get(&srv, &visitor, dialogue, &r);
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
	int64_t participants = test_sql_int(&srv, "SELECT COUNT(*) FROM participant");

	/* The statement is written after the visitor's new participant, in
	 * one transaction: on PostgreSQL the insert waits for the lock on
	 * statement, on SQLite the transaction waits to begin. */
	struct store *lock = hold_lock(is_postgres() ? "LOCK TABLE statement IN EXCLUSIVE MODE" : NULL);
	client_post(&srv, &visitor, add, "text=Biblioteket+skal+have+aabent+om+aftenen", &r);
	long status = r.status;
	char *retry = http_header(&r, "Retry-After");
	http_resp_free(&r);
	release(lock);
	assert_int_equal(status, 503);
	assert_non_null(retry);
	free(retry);
	assert_int_equal(statements_saying("Biblioteket skal have aabent om aftenen"), 0);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM participant"), participants);

	/* The lock gone, the same form goes through. */
	client_post(&srv, &visitor, add, "text=Biblioteket+skal+have+aabent+om+aftenen", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	assert_int_equal(statements_saying("Biblioteket skal have aabent om aftenen"), 1);

	if (is_postgres()) {
		/* A page's later section: the arena is read, its members wait. */
		char arena[64];
		snprintf(arena, sizeof arena, "/arenas/%lld", (long long)open_arena);
		lock = hold_lock("LOCK TABLE arena_organisation IN ACCESS EXCLUSIVE MODE");
		get_page(NULL, arena, 503, "id=\"who\"");
		release(lock);
		get_page(NULL, arena, 200, "id=\"who\"");
	}
}

static void test_a_write_refused_halfway_keeps_nothing(void **state)
{
	(void)state;
	struct test_client amina = { 0 };
	test_sign_in(&srv, &amina, "amina%40demo.example", "demo-password", 303);
	int64_t memberships = test_sql_int(&srv, "SELECT COUNT(*) FROM membership m JOIN account a ON "
						 "a.id = m.account_id WHERE a.email = 'amina@demo.example'");
	/* The profile is written first, then the memberships, which refuse
	 * an organisation that does not exist: the name stays as it was. */
	struct http_resp r;
	client_get(&srv, &amina, "/me", &r); /* the form, with its CSRF token */
	http_resp_free(&r);
	client_post(&srv, &amina, "/me", "name=Amina+Omdoebt&lang=da&area=&org=999999", &r);
	assert_int_equal(r.status, 400);
	http_resp_free(&r);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM account WHERE name = 'Amina Omdoebt'"), 0);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM account WHERE name = 'Amina Haddad'"), 1);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM membership m JOIN account a ON "
					    "a.id = m.account_id WHERE a.email = 'amina@demo.example'"),
			 memberships);
	/* Without the bad organisation it is saved. */
	client_post(&srv, &amina, "/me", "name=Amina+Omdoebt&lang=da&area=", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM account WHERE name = 'Amina Omdoebt'"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_a_section_that_cannot_be_read_is_an_error_page),
		TEST_CASE(test_a_held_lock_answers_503_and_keeps_nothing),
		TEST_CASE(test_a_write_refused_halfway_keeps_nothing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
