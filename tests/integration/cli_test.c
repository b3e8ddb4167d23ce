/*
 * cli_test.c: the samskab binary's sub-commands as an operator meets
 * them: help, refused settings naming the setting, migrations that are
 * idempotent, a database newer than the binary refused, demo data only
 * into a new database.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include "store/store.h"
#include "support/support.h"

static void expect(const char *const *args, int status, const char *out_has, const char *err_has)
{
	char *out, *err;
	int rc = test_run(args, &out, &err);
	if (rc != status)
		fail_msg("samskab %s: exit %d, expected %d\nstdout: %s\nstderr: %s", args[0], rc, status,
			 out, err);
	if (out_has)
		assert_contains(out, out_has);
	if (err_has)
		assert_contains(err, err_has);
	free(out);
	free(err);
}

static void test_usage_and_help(void **state)
{
	(void)state;
	const char *none[] = { NULL };
	expect(none, 2, NULL, "usage: samskab COMMAND");
	const char *unknown[] = { "frobnicate", NULL };
	expect(unknown, 2, NULL, "unknown command 'frobnicate'");
	const char *cmds[] = { "serve", "migrate", "demo", "version", "routes" };
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		const char *help[] = { cmds[i], "--help", NULL };
		char want[64];
		snprintf(want, sizeof want, "usage: samskab %s", cmds[i]);
		expect(help, 0, want, NULL);
	}
	const char *serve_help[] = { "serve", "--help", NULL };
	expect(serve_help, 0, "[env SAMSKAB_LISTEN]", NULL);
	/* Each default is said once (the licence's was said twice). */
	char *out;
	assert_int_equal(test_run(serve_help, &out, NULL), 0);
	assert_contains(out, "(default: CC BY 4.0)");
	for (const char *line = out; *line; line += strcspn(line, "\n") + (line[strcspn(line, "\n")] != 0)) {
		const char *first = strstr(line, "(default:");
		const char *eol = line + strcspn(line, "\n");
		if (first && first < eol) {
			const char *second = strstr(first + 1, "(default:");
			if (second && second < eol)
				fail_msg("a default said twice: %.*s", (int)(eol - line), line);
		}
	}
	free(out);
	const char *version[] = { "version", NULL };
	expect(version, 0, "samskab 0.1.0 (schema ", NULL);
	/* The route table, one route a line, as the hostile-input browser
	 * test reads it. */
	const char *routes[] = { "routes", NULL };
	expect(routes, 0, "\nPOST /arenas/new organise upload\n", NULL);
	expect(routes, 0, "\nGET /arenas/{id}/proposals/{proposal}/edit signed-in -\n", NULL);
}

static void test_bad_settings_are_refused_by_name(void **state)
{
	(void)state;
	const char *workers[] = { "serve", "--workers", "lots", NULL };
	expect(workers, 2, NULL, "invalid --workers (SAMSKAB_WORKERS) value 'lots'");
	const char *listen[] = { "serve", "--listen", "localhost", NULL };
	expect(listen, 2, NULL, "invalid --listen (SAMSKAB_LISTEN) value 'localhost'");
	const char *port[] = { "serve", "--listen", "127.0.0.1:99999", NULL };
	expect(port, 2, NULL, "port must be a number");
	const char *level[] = { "serve", "--log-level", "loud", NULL };
	expect(level, 2, NULL, "invalid --log-level (SAMSKAB_LOG_LEVEL) value 'loud'");
	const char *sync[] = { "migrate", "--sync", "sometimes", NULL };
	expect(sync, 2, NULL, "invalid --sync (SAMSKAB_SYNC)");
	const char *unknown[] = { "migrate", "--colour", NULL };
	expect(unknown, 2, NULL, "unknown option '--colour'");
	const char *missing[] = { "migrate", "--db", NULL };
	expect(missing, 2, NULL, "--db needs a value");

	/* The same checks apply to settings from the environment. */
	setenv("SAMSKAB_WORKERS", "0", 1);
	const char *serve[] = { "serve", NULL };
	expect(serve, 2, NULL, "invalid --workers (SAMSKAB_WORKERS) value '0'");
	unsetenv("SAMSKAB_WORKERS");
	setenv("SAMSKAB_LISTEN", "127.0.0.1:x", 1);
	expect(serve, 2, NULL, "SAMSKAB_LISTEN");
	unsetenv("SAMSKAB_LISTEN");

	/* A sender address is refused whole, never cut to fit. */
	char from[300];
	memset(from, 'n', sizeof from);
	memcpy(from + sizeof from - 12, "@example.dk", 12);
	const char *long_from[] = { "serve", "--mail-from", from, NULL };
	expect(long_from, 2, NULL, "invalid --mail-from (SAMSKAB_MAIL_FROM) value");
	expect(long_from, 2, NULL, "is longer than 254 characters");
	const char *no_at[] = { "serve", "--mail-from", "noreply", NULL };
	expect(no_at, 2, NULL, "invalid --mail-from (SAMSKAB_MAIL_FROM) value 'noreply': must be an e-mail address");
}

static void test_migrate_is_idempotent_and_serve_needs_it(void **state)
{
	(void)state;
	if (getenv("SAMSKAB_TEST_PG"))
		test_skip("not applicable: SQLite file behaviour; this run is on PostgreSQL");
	char dir[] = "/tmp/samskab-cli-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char db[128];
	snprintf(db, sizeof db, "%s/x.db", dir);

	const char *serve[] = { "serve", "--db", db, "--listen", "127.0.0.1:0", NULL };
	/* No database there: serve says how to make one, logs no failed
	 * statement and leaves no empty file behind. */
	char *out, *errs;
	assert_int_equal(test_run(serve, &out, &errs), 1);
	assert_contains(errs, "there is no database at");
	assert_contains(errs, "samskab migrate --db");
	assert_not_contains(errs, "prepare failed");
	assert_int_equal(access(db, F_OK), -1);
	free(out);
	free(errs);
	/* An empty file (not a samskab database): told to migrate, quietly. */
	FILE *empty = fopen(db, "w");
	assert_non_null(empty);
	fclose(empty);
	assert_int_equal(test_run(serve, &out, &errs), 1);
	assert_contains(errs, "run 'samskab migrate' first");
	assert_not_contains(errs, "prepare failed");
	assert_not_contains(errs, "no such table");
	free(out);
	free(errs);
	const char *migrate[] = { "migrate", "--db", db, NULL };
	expect(migrate, 0, "migration", NULL);
	expect(migrate, 0, "(0 migrations applied)", NULL);

	const char *demo[] = { "demo", "--db", db, NULL };
	expect(demo, 0, "demo data loaded", NULL);
	expect(demo, 1, NULL, "already has data");

	/* A database from a newer samskab is refused, not damaged. */
	char err[256];
	struct store *s = store_open(db, NULL, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_exec(s, "INSERT INTO schema_migration VALUES (999, 'future', 0)"), STORE_OK);
	store_close(s);
	expect(migrate, 1, NULL, "newer than this samskab knows");
	expect(serve, 1, NULL, "newer than this samskab knows");

	const char *nodir[] = { "migrate", "--db", "/nonexistent/dir/x.db", NULL };
	expect(nodir, 1, NULL, "cannot open SQLite database /nonexistent/dir/x.db");
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

static void test_port_in_use_is_refused(void **state)
{
	(void)state;
	struct test_server s;
	test_db_create(&s, 0);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(listen(fd, 1), 0);
	socklen_t len = sizeof a;
	getsockname(fd, (struct sockaddr *)&a, &len);
	char listen_at[32];
	snprintf(listen_at, sizeof listen_at, "127.0.0.1:%d", ntohs(a.sin_port));
	const char *serve[] = { "serve", "--db", s.db, "--listen", listen_at, NULL };
	expect(serve, 1, NULL, "cannot listen on 127.0.0.1 port");
	close(fd);
	test_db_drop(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_usage_and_help),
		TEST_CASE(test_bad_settings_are_refused_by_name),
		TEST_CASE(test_migrate_is_idempotent_and_serve_needs_it),
		TEST_CASE(test_port_in_use_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
