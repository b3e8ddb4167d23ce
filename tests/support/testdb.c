/*
 * testdb.c: fresh databases of either engine for tests (see testdb.h).
 */
#include "support/testdb.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Runs one statement on the admin database; fails the test on error. */
static void admin_exec(const char *sql)
{
	PGconn *c = PQconnectdb(getenv("SAMSKAB_TEST_PG"));
	PGresult *r = PQexec(c, sql);
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	char msg[512];
	snprintf(msg, sizeof msg, "%s", PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
	if (!ok)
		fail_msg("%s: %s", sql, msg);
}

struct testdb *testdb_new(enum testdb_kind kind)
{
	struct testdb *t = calloc(1, sizeof *t);
	t->kind = kind;
	if (kind == TESTDB_SQLITE) {
		snprintf(t->dir, sizeof t->dir, "/tmp/samskab-testdb-XXXXXX");
		assert_non_null(mkdtemp(t->dir));
		snprintf(t->url, sizeof t->url, "%s/test.db", t->dir);
	} else {
		const char *admin = getenv("SAMSKAB_TEST_PG");
		if (admin == NULL || *admin == '\0')
			return t;
		static int serial;
		snprintf(t->pg_name, sizeof t->pg_name, "testdb_%ld_%d_%ld", (long)getpid(), serial++,
			 (long)(time(NULL) % 100000));
		char sql[128];
		snprintf(sql, sizeof sql, "CREATE DATABASE %s", t->pg_name);
		admin_exec(sql);
		const char *slash = strrchr(admin, '/');
		assert_non_null(slash);
		snprintf(t->url, sizeof t->url, "%.*s/%s", (int)(slash - admin), admin, t->pg_name);
	}
	t->db = testdb_connect(t);
	return t;
}

struct store *testdb_connect(const struct testdb *t)
{
	char err[512];
	struct store *s = store_open(t->url, NULL, err, sizeof err);
	if (s == NULL)
		fail_msg("store_open %s: %s", t->url, err);
	return s;
}

void testdb_free(struct testdb *t)
{
	if (t == NULL)
		return;
	store_close(t->db);
	if (t->pg_name[0]) {
		char sql[160];
		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", t->pg_name);
		admin_exec(sql);
	}
	if (t->dir[0]) {
		char cmd[128];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
		if (system(cmd) != 0)
			fprintf(stderr, "# could not remove %s\n", t->dir);
	}
	free(t);
}

struct testdb *testdb_get(void **state)
{
	struct testdb *t = *state;
	if (t->db == NULL)
		test_skip("missing: PostgreSQL (SAMSKAB_TEST_PG is not set; scripts/check starts one)");
	return t;
}

void testdb_exec(struct testdb *t, const char *script)
{
	if (store_exec(t->db, script) != STORE_OK)
		fail_msg("%s: %s", script, store_error(t->db));
}
