/*
 * support.h: what the integration tests share: a real `samskab serve` on
 * a free loopback port with a fresh database (SQLite in a temporary
 * directory, or a fresh PostgreSQL database when SAMSKAB_TEST_PG names a
 * server), a real HTTP client (libcurl), and running sub-commands.
 *
 * Include after <cmocka.h>'s prerequisites; the helpers use cmocka's
 * assertions and fail the test on any set-up error. Servers, databases
 * and directories are registered with proc.h as they are made, so a test
 * declared with TEST_CASE leaves none behind even when it fails.
 */
#ifndef SAMSKAB_TESTS_SUPPORT_H
#define SAMSKAB_TESTS_SUPPORT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <sys/types.h>

#include <cmocka.h>

#include "support/skip.h"
#include "support/proc.h"
#include "support/wait.h"

struct test_server {
	pid_t pid;
	int port;
	char dir[256];  /* temporary directory, removed at stop */
	char db[512];   /* database URL given to samskab */
	char pg_name[64]; /* PostgreSQL database to drop, or "" */
	char log[320];  /* the server's stderr */
	unsigned undo_dir, undo_db; /* their registrations (proc.h) */
};

struct http_resp {
	long status;
	char *body;    /* NUL-terminated (binary bodies too: len counts) */
	size_t len;
	char *headers; /* raw header block */
};

/* The samskab binary under test ($SAMSKAB_BIN, default build/samskab). */
const char *test_bin(void);
/* Creates a database (migrated; with demo data when demo is set). */
void test_db_create(struct test_server *s, int demo);
/* Starts serve on the database test_db_create made; extra arguments are
 * passed to serve (NULL-terminated, may be NULL). */
void test_server_start(struct test_server *s, const char *const *extra);
/* test_db_create + test_server_start. */
void test_server_up(struct test_server *s, int demo);
/* SIGTERM; asserts a clean exit (status 0) within 15 s. */
int test_server_stop(struct test_server *s);
/* SIGKILL, as a node that dies; reaped. */
void test_server_kill(struct test_server *s);
/* Removes the database and the temporary directory. */
void test_db_drop(struct test_server *s);

/* Runs samskab with args (NULL-terminated); captures stdout and stderr
 * (malloc'd; may be NULL). Returns the exit status; fails the test if it
 * has not ended within 5 minutes. */
int test_run(const char *const *args, char **out, char **err);

/* A fresh directory /tmp/samskab-NAME-XXXXXX in dir (n >= 64 bytes),
 * removed with all in it when undone; returns its registration. */
unsigned test_tmpdir(char *dir, size_t n, const char *name);
/* scripts/pg ARGS ("start DIR", "replica PRIMARY_DIR DIR", "stop DIR"):
 * its exit status, and the URL it printed in url (when url is not NULL). */
int test_pg(const char *args, char *url, size_t n);
/* Registers "scripts/pg stop DIR" before the server in DIR is started, so
 * a start that fails half-way is stopped too; returns the registration. */
unsigned test_pg_stop_later(const char *dir);

/* How often needle occurs in the file at path (0 when it does not exist). */
int test_file_count(const char *path, const char *needle);
/* Waits until the file at path (a server's log) holds needle at least
 * times; fails the test, printing the file, past deadline_ms. */
void test_wait_file(const char *path, const char *needle, int times, int deadline_ms);
/* Waits until query (one integer) gives want on the server's database;
 * fails the test, saying what it gives, past deadline_ms. */
void test_wait_sql(struct test_server *s, const char *query, int64_t want, int deadline_ms);

/* One HTTP request to the server; headers is NULL or NULL-terminated
 * "Name: value" strings; body may be NULL. An "Accept-Encoding: ..."
 * header is sent as given and the body decoded by libcurl, so the body
 * is what the page says whatever the encoding (see Content-Encoding). */
void http_request(struct test_server *s, const char *method, const char *path, const char *body,
		  const char *const *headers, struct http_resp *out);
void http_get(struct test_server *s, const char *path, struct http_resp *out);
/* http_request that does not fail the test when no connection can be
 * made (a node that was killed): -1 then, out untouched. */
int http_try(struct test_server *s, const char *method, const char *path, const char *body,
	     const char *const *headers, struct http_resp *out);
/* The first value of a response header (malloc'd), or NULL. */
char *http_header(const struct http_resp *r, const char *name);
void http_resp_free(struct http_resp *r);

/* A browser-like client: keeps cookies between requests and the CSRF
 * token of the last page with a form. */
struct test_client {
	char cookies[8192]; /* "a=1; b=2" */
	char csrf[128];
};
void client_get(struct test_server *s, struct test_client *c, const char *path, struct http_resp *out);
/* POSTs form (urlencoded, without csrf) adding the client's CSRF token. */
void client_post(struct test_server *s, struct test_client *c, const char *path, const char *form,
		 struct http_resp *out);
/* GETs path as c; fails the test unless the status is status and (has
 * not NULL) the body contains has. */
void client_expect(struct test_server *s, struct test_client *c, const char *path, long status, const char *has);
/* POSTs form to path as c after a GET of from (for its CSRF token, as a
 * browser would); returns the status, with the Location in *loc and the
 * body in *body (each malloc'd, NULL when absent) when not NULL. */
long client_post_from(struct test_server *s, struct test_client *c, const char *from, const char *path,
		      const char *form, char **loc, char **body);
/* A file to send with a multipart form. */
struct test_upload {
	const char *field, *filename, *type;
	const void *data;
	size_t size;
};
/* POSTs a multipart/form-data form (fields: name, value, ..., NULL;
 * file may be NULL) with the client's CSRF token. */
void client_post_multipart(struct test_server *s, struct test_client *c, const char *path,
			   const char *const *fields, const struct test_upload *file, struct http_resp *out);
/* The value of a cookie the client holds, or "" (static buffer). */
const char *client_cookie(const struct test_client *c, const char *name);
/* The Set-Cookie header for name in a response (malloc'd), or NULL. */
char *http_set_cookie(const struct http_resp *r, const char *name);
/* The first link in `samskab outbox` output that contains needle
 * (malloc'd), or NULL; db is the server's database. */
char *test_outbox_link(struct test_server *s, const char *needle);

/* Runs one SQL statement on the server's database (set-up, or a check
 * of what was stored), failing the test if it fails. */
void test_sql(struct test_server *s, const char *statement);
/* The integer in the first column of the first row of query. */
int64_t test_sql_int(struct test_server *s, const char *query);
/* Signs c in on s through the sign-in form; asserts the status (303 when
 * it succeeds). */
void test_sign_in(struct test_server *s, struct test_client *c, const char *email,
		  const char *password, long expect);

/* The space-separated words of s, sorted (a static buffer): hits as a
 * set, whatever order an engine ranked them in. */
const char *test_sorted_words(const char *s);

/* Fails the test, printing the body, unless body contains needle. */
#define assert_contains(hay, needle) test_assert_contains((hay), (needle), __FILE__, __LINE__)
#define assert_not_contains(hay, needle) test_assert_not_contains((hay), (needle), __FILE__, __LINE__)
void test_assert_contains(const char *hay, const char *needle, const char *file, int line);
void test_assert_not_contains(const char *hay, const char *needle, const char *file, int line);

#endif
