/*
 * support.c: real server, real client, real database for the integration
 * tests (see support.h).
 */
#include "support/support.h"

#include <curl/curl.h>

#include "store/store.h"
#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

const char *test_bin(void)
{
	const char *b = getenv("SAMSKAB_BIN");
	return b && *b ? b : "build/samskab";
}

/* The server's log after why it is shown (a summary shows the head of a
 * program's standard error, so the reason goes first), its last
 * LOG_TAIL lines only. */
#define LOG_TAIL 60
static void print_log(const char *path, const char *why)
{
	fprintf(stderr, "# %s; the last lines of its log (%s):\n", why, path);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return;
	static char lines[LOG_TAIL][1024];
	size_t n = 0;
	while (fgets(lines[n % LOG_TAIL], sizeof lines[0], f))
		n++;
	fclose(f);
	for (size_t i = n > LOG_TAIL ? n - LOG_TAIL : 0; i < n; i++)
		fprintf(stderr, "    | %s", lines[i % LOG_TAIL]);
}

static char *read_all(int fd)
{
	size_t cap = 4096, n = 0;
	char *p = malloc(cap);
	for (;;) {
		if (n + 1 >= cap)
			p = realloc(p, cap *= 2);
		ssize_t k = read(fd, p + n, cap - n - 1);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		n += (size_t)k;
	}
	p[n] = '\0';
	return p;
}

int test_run(const char *const *args, char **out, char **err)
{
	char outpath[] = "/tmp/samskab-run-XXXXXX";
	char errpath[] = "/tmp/samskab-run-XXXXXX";
	int ofd = mkstemp(outpath), efd = mkstemp(errpath);
	assert_true(ofd >= 0 && efd >= 0);
	/* Gone from the directory at once; the descriptors keep them. */
	unlink(outpath);
	unlink(errpath);
	const char *argv[64] = { test_bin() };
	int n = 1;
	for (; args[n - 1] && n < 63; n++)
		argv[n] = args[n - 1];
	argv[n] = NULL;
	pid_t pid = test_spawn(argv, ofd, efd);
	int status;
	if (!test_proc_wait(pid, 5 * 60 * 1000, &status)) {
		test_proc_kill(pid);
		close(ofd);
		close(efd);
		fail_msg("samskab %s did not end within 5 minutes", args[0] ? args[0] : "");
	}
	lseek(ofd, 0, SEEK_SET);
	lseek(efd, 0, SEEK_SET);
	char *o = read_all(ofd), *e = read_all(efd);
	close(ofd);
	close(efd);
	if (out)
		*out = o;
	else
		free(o);
	if (err)
		*err = e;
	else
		free(e);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* A database to drop: where, and which. */
struct pg_db {
	char admin[256];
	char name[64];
};

static void pg_drop(const void *arg)
{
	const struct pg_db *d = arg;
	PGconn *c = PQconnectdb(d->admin);
	char sql[128];
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", d->name);
	PQclear(PQexec(c, sql));
	PQfinish(c);
}

/* With SAMSKAB_TEST_PG (an admin URL ending in /postgres), makes a fresh
 * database for this server. */
static void pg_create(struct test_server *s)
{
	const char *admin = getenv("SAMSKAB_TEST_PG");
	static int serial;
	snprintf(s->pg_name, sizeof s->pg_name, "t%ld_%d_%d", (long)getpid(), serial++,
		 (int)(time(NULL) % 100000));
	PGconn *c = PQconnectdb(admin);
	assert_int_equal(PQstatus(c), CONNECTION_OK);
	char sql[128];
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", s->pg_name);
	PGresult *r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		fail_msg("CREATE DATABASE: %s", PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
	struct pg_db d;
	snprintf(d.admin, sizeof d.admin, "%s", admin);
	snprintf(d.name, sizeof d.name, "%s", s->pg_name);
	s->undo_db = test_defer(pg_drop, &d, sizeof d);
	const char *slash = strrchr(admin, '/');
	assert_non_null(slash);
	snprintf(s->db, sizeof s->db, "%.*s/%s", (int)(slash - admin), admin, s->pg_name);
}

void test_db_create(struct test_server *s, int demo)
{
	memset(s, 0, sizeof *s);
	snprintf(s->dir, sizeof s->dir, "/tmp/samskab-test-XXXXXX");
	assert_non_null(mkdtemp(s->dir));
	const char *rm[] = { "rm", "-rf", s->dir, NULL };
	s->undo_dir = test_defer_command(rm);
	snprintf(s->log, sizeof s->log, "%s/server.log", s->dir);
	const char *pg = getenv("SAMSKAB_TEST_PG");
	if (pg && *pg)
		pg_create(s);
	else
		snprintf(s->db, sizeof s->db, "%s/test.db", s->dir);
	char *err = NULL;
	const char *migrate[] = { "migrate", "--db", s->db, "--log-level", "warn", NULL };
	const char *load[] = { "demo", "--db", s->db, "--log-level", "warn", NULL };
	int rc = test_run(demo ? load : migrate, NULL, &err);
	if (rc != 0)
		fail_msg("samskab %s failed (%d): %s", demo ? "demo" : "migrate", rc, err);
	free(err);
}

struct listening {
	struct test_server *s;
	int exited;
};

/* The port from "msg=listening ... port=N" in the log, or whether the
 * server ended before it got there. */
static int listening_or_exited(void *arg)
{
	struct listening *l = arg;
	FILE *f = fopen(l->s->log, "r");
	char line[1024];
	while (f && fgets(line, sizeof line, f)) {
		const char *p = strstr(line, "msg=listening");
		const char *port = p ? strstr(p, " port=") : NULL;
		if (port)
			l->s->port = atoi(port + 6);
	}
	if (f)
		fclose(f);
	if (l->s->port == 0 && test_proc_wait(l->s->pid, 0, NULL)) {
		l->s->pid = 0;
		l->exited = 1;
	}
	return l->s->port != 0 || l->exited;
}

void test_server_start(struct test_server *s, const char *const *extra)
{
	int fd = open(s->log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	s->port = 0;
	const char *argv[64] = { test_bin(), "serve", "--db", s->db, "--listen", "127.0.0.1:0",
				 "--workers", "2" };
	int n = 8;
	for (int i = 0; extra && extra[i] && n < 63; i++)
		argv[n++] = extra[i];
	argv[n] = NULL;
	s->pid = test_spawn(argv, fd, fd);
	close(fd);
	struct listening l = { s, 0 };
	if (!test_poll(listening_or_exited, &l, TEST_DEADLINE_MS)) {
		print_log(s->log, "samskab serve did not start listening");
		fail_msg("samskab serve did not start listening in %d s", TEST_DEADLINE_MS / 1000);
	}
	if (l.exited) {
		print_log(s->log, "samskab serve exited before listening");
		fail_msg("samskab serve exited before listening");
	}
}

void test_server_up(struct test_server *s, int demo)
{
	test_db_create(s, demo);
	test_server_start(s, NULL);
}

int test_server_stop(struct test_server *s)
{
	if (s->pid <= 0)
		return 0;
	kill(s->pid, SIGTERM);
	int status = 0;
	pid_t pid = s->pid;
	s->pid = 0;
	/* The server gives requests in flight 10 s, then finishes the
	 * background round it is in (a sanitized build on a loaded machine
	 * is slow at both). */
	if (!test_proc_wait(pid, 40000, &status)) {
		test_proc_kill(pid);
		print_log(s->log, "samskab serve did not stop within 40 s of SIGTERM");
		fail_msg("samskab serve did not stop within 40 s of SIGTERM");
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		char why[80];
		if (WIFSIGNALED(status))
			snprintf(why, sizeof why, "samskab serve ended by signal %d after SIGTERM", WTERMSIG(status));
		else
			snprintf(why, sizeof why, "samskab serve exited with status %d after SIGTERM", WEXITSTATUS(status));
		print_log(s->log, why);
		fail_msg("%s", why);
	}
	return 0;
}

void test_server_kill(struct test_server *s)
{
	if (s->pid > 0)
		test_proc_kill(s->pid);
	s->pid = 0;
}

void test_db_drop(struct test_server *s)
{
	test_undo(s->undo_db);
	test_undo(s->undo_dir);
	s->undo_db = s->undo_dir = 0;
}

unsigned test_tmpdir(char *dir, size_t n, const char *name)
{
	snprintf(dir, n, "/tmp/samskab-%s-XXXXXX", name);
	if (mkdtemp(dir) == NULL)
		fail_msg("mkdtemp %s: %s", dir, strerror(errno));
	const char *rm[] = { "rm", "-rf", dir, NULL };
	return test_defer_command(rm);
}

int test_pg(const char *args, char *url, size_t n)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "scripts/pg %s", args);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char line[256] = "";
	if (fgets(line, sizeof line, p) && url && strncmp(line, "postgres://", 11) == 0) {
		line[strcspn(line, "\n")] = '\0';
		snprintf(url, n, "%s", line);
	}
	return pclose(p);
}

unsigned test_pg_stop_later(const char *dir)
{
	const char *stop[] = { "scripts/pg", "stop", dir, NULL };
	return test_defer_command(stop);
}

int test_file_count(const char *path, const char *needle)
{
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return 0;
	size_t cap = 1 << 16, n = 0;
	char *text = malloc(cap);
	size_t k;
	while ((k = fread(text + n, 1, cap - n - 1, f)) > 0) {
		n += k;
		if (n + 1 == cap)
			text = realloc(text, cap *= 2);
	}
	text[n] = '\0';
	fclose(f);
	int count = 0;
	for (const char *p = text; (p = strstr(p, needle)) != NULL; p++)
		count++;
	free(text);
	return count;
}

struct file_wait {
	const char *path, *needle;
	int times;
};

static int file_has(void *arg)
{
	const struct file_wait *w = arg;
	return test_file_count(w->path, w->needle) >= w->times;
}

void test_wait_file(const char *path, const char *needle, int times, int deadline_ms)
{
	struct file_wait w = { path, needle, times };
	if (test_poll(file_has, &w, deadline_ms))
		return;
	print_log(path, "the text waited for is missing");
	fail_msg("waited %d ms for \"%s\" %d times in %s; it is there %d times", deadline_ms, needle,
		 times, path, test_file_count(path, needle));
}

struct sql_wait {
	struct test_server *s;
	const char *query;
	int64_t want;
};

static int sql_gives(void *arg)
{
	const struct sql_wait *w = arg;
	return test_sql_int(w->s, w->query) == w->want;
}

void test_wait_sql(struct test_server *s, const char *query, int64_t want, int deadline_ms)
{
	struct sql_wait w = { s, query, want };
	if (!test_poll(sql_gives, &w, deadline_ms))
		fail_msg("waited %d ms for %s to be %lld; it is %lld", deadline_ms, query, (long long)want,
			 (long long)test_sql_int(s, query));
}

static size_t collect(char *data, size_t size, size_t n, void *arg)
{
	char **buf = arg;
	size_t old = *buf ? strlen(*buf) : 0, add = size * n;
	*buf = realloc(*buf, old + add + 1);
	memcpy(*buf + old, data, add);
	(*buf)[old + add] = '\0';
	return add;
}

/* A response body, binary-safe (images): out->len counts its bytes. */
static size_t collect_body(char *data, size_t size, size_t n, void *arg)
{
	struct http_resp *out = arg;
	size_t add = size * n;
	out->body = realloc(out->body, out->len + add + 1);
	memcpy(out->body + out->len, data, add);
	out->len += add;
	out->body[out->len] = '\0';
	return add;
}

/* One request with libcurl (a multipart body when mime is set); the
 * curl result. */
static CURLcode perform_mime(struct test_server *s, const char *method, const char *path, const char *body,
			     curl_mime *mime, const char *const *headers, struct http_resp *out)
{
	memset(out, 0, sizeof *out);
	CURL *c = curl_easy_init();
	assert_non_null(c);
	size_t urllen = strlen(path) + 32;
	char *url = malloc(urllen);
	snprintf(url, urllen, "http://127.0.0.1:%d%s", s->port, path);
	struct curl_slist *hl = NULL;
	for (int i = 0; headers && headers[i]; i++) {
		if (strncasecmp(headers[i], "Accept-Encoding:", 16) == 0)
			curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, headers[i] + 16 + strspn(headers[i] + 16, " "));
		else
			hl = curl_slist_append(hl, headers[i]);
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (strcmp(method, "HEAD") == 0)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	if (body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	}
	if (mime)
		curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &out->headers);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	CURLcode rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
	curl_slist_free_all(hl);
	curl_easy_cleanup(c);
	free(url);
	if (out->body == NULL)
		out->body = calloc(1, 1);
	if (out->headers == NULL)
		out->headers = calloc(1, 1);
	return rc;
}

static CURLcode perform(struct test_server *s, const char *method, const char *path, const char *body,
			const char *const *headers, struct http_resp *out)
{
	return perform_mime(s, method, path, body, NULL, headers, out);
}

void http_request(struct test_server *s, const char *method, const char *path, const char *body,
		  const char *const *headers, struct http_resp *out)
{
	CURLcode rc = perform(s, method, path, body, headers, out);
	if (rc != CURLE_OK)
		fail_msg("%s %s: %s", method, path, curl_easy_strerror(rc));
}

int http_try(struct test_server *s, const char *method, const char *path, const char *body,
	     const char *const *headers, struct http_resp *out)
{
	if (perform(s, method, path, body, headers, out) == CURLE_OK)
		return 0;
	http_resp_free(out);
	return -1;
}

void http_get(struct test_server *s, const char *path, struct http_resp *out)
{
	http_request(s, "GET", path, NULL, NULL, out);
}

char *http_header(const struct http_resp *r, const char *name)
{
	size_t n = strlen(name);
	for (const char *line = r->headers; line && *line;) {
		const char *eol = strchr(line, '\n');
		if (strncasecmp(line, name, n) == 0 && line[n] == ':') {
			const char *v = line + n + 1;
			while (*v == ' ')
				v++;
			size_t len = eol ? (size_t)(eol - v) : strlen(v);
			while (len && (v[len - 1] == '\r' || v[len - 1] == '\n'))
				len--;
			return strndup(v, len);
		}
		line = eol ? eol + 1 : NULL;
	}
	return NULL;
}

void http_resp_free(struct http_resp *r)
{
	free(r->body);
	free(r->headers);
	memset(r, 0, sizeof *r);
}

void test_assert_contains(const char *hay, const char *needle, const char *file, int line)
{
	if (hay && strstr(hay, needle))
		return;
	fprintf(stderr, "%s:%d: expected to find \"%s\" in:\n%.4000s\n", file, line, needle,
		hay ? hay : "(null)");
	_fail(file, line);
}

void test_assert_not_contains(const char *hay, const char *needle, const char *file, int line)
{
	if (hay == NULL || strstr(hay, needle) == NULL)
		return;
	fprintf(stderr, "%s:%d: did not expect \"%s\" in:\n%.4000s\n", file, line, needle, hay);
	_fail(file, line);
}

char *http_set_cookie(const struct http_resp *r, const char *name)
{
	size_t n = strlen(name);
	for (const char *line = r->headers; line && *line;) {
		const char *eol = strchr(line, '\n');
		if (strncasecmp(line, "Set-Cookie:", 11) == 0) {
			const char *v = line + 11;
			while (*v == ' ')
				v++;
			if (strncmp(v, name, n) == 0 && v[n] == '=') {
				size_t len = eol ? (size_t)(eol - v) : strlen(v);
				while (len && (v[len - 1] == '\r' || v[len - 1] == '\n'))
					len--;
				return strndup(v, len);
			}
		}
		line = eol ? eol + 1 : NULL;
	}
	return NULL;
}

/* Sets or removes (Max-Age=0) one cookie in the client's jar. */
static void jar_set(struct test_client *c, const char *name, const char *value, int remove)
{
	char out[sizeof c->cookies] = "";
	size_t n = strlen(name);
	for (char *p = c->cookies; *p;) {
		char *end = strstr(p, "; ");
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (!(strncmp(p, name, n) == 0 && p[n] == '='))
			snprintf(out + strlen(out), sizeof out - strlen(out), "%s%.*s", out[0] ? "; " : "",
				 (int)len, p);
		p = end ? end + 2 : p + len;
	}
	if (!remove)
		snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s=%s", out[0] ? "; " : "", name,
			 value);
	snprintf(c->cookies, sizeof c->cookies, "%s", out);
}

static void client_absorb(struct test_client *c, const struct http_resp *r)
{
	for (const char *line = r->headers; line && *line;) {
		const char *eol = strchr(line, '\n');
		if (strncasecmp(line, "Set-Cookie:", 11) == 0) {
			char name[64], value[256];
			const char *v = line + 11;
			while (*v == ' ')
				v++;
			if (sscanf(v, "%63[^=]=%255[^;\r\n]", name, value) >= 1) {
				if (v[strlen(name) + 1] == ';')
					value[0] = '\0';
				jar_set(c, name, value, strstr(v, "Max-Age=0") != NULL);
			}
		}
		line = eol ? eol + 1 : NULL;
	}
	const char *f = strstr(r->body, "name=\"csrf\" value=\"");
	if (f)
		sscanf(f + 19, "%127[^\"]", c->csrf);
}

void client_get(struct test_server *s, struct test_client *c, const char *path, struct http_resp *out)
{
	char cookie[sizeof c->cookies + 16];
	snprintf(cookie, sizeof cookie, "Cookie: %s", c->cookies);
	const char *h[] = { cookie, "Accept-Language: da", NULL };
	http_request(s, "GET", path, NULL, c->cookies[0] ? h : h + 1, out);
	client_absorb(c, out);
}

void client_post(struct test_server *s, struct test_client *c, const char *path, const char *form,
		 struct http_resp *out)
{
	char cookie[sizeof c->cookies + 16];
	snprintf(cookie, sizeof cookie, "Cookie: %s", c->cookies);
	size_t n = strlen(form) + 128;
	char *body = malloc(n);
	snprintf(body, n, "csrf=%s%s%s", c->csrf, form[0] ? "&" : "", form);
	const char *h[] = { "Content-Type: application/x-www-form-urlencoded", "Accept-Language: da",
			    cookie, NULL };
	if (c->cookies[0] == '\0')
		h[2] = NULL;
	http_request(s, "POST", path, body, h, out);
	free(body);
	client_absorb(c, out);
}

void client_expect(struct test_server *s, struct test_client *c, const char *path, long status, const char *has)
{
	struct http_resp r;
	client_get(s, c, path, &r);
	if (r.status != status)
		fail_msg("GET %s: %ld, expected %ld\n%.3000s", path, r.status, status, r.body);
	if (has)
		assert_contains(r.body, has);
	http_resp_free(&r);
}

long client_post_from(struct test_server *s, struct test_client *c, const char *from, const char *path,
		      const char *form, char **loc, char **body)
{
	struct http_resp r;
	client_get(s, c, from, &r);
	http_resp_free(&r);
	client_post(s, c, path, form, &r);
	long status = r.status;
	if (loc)
		*loc = http_header(&r, "Location");
	if (body)
		*body = strdup(r.body);
	http_resp_free(&r);
	return status;
}

void client_post_multipart(struct test_server *s, struct test_client *c, const char *path,
			   const char *const *fields, const struct test_upload *file, struct http_resp *out)
{
	CURL *easy = curl_easy_init();
	curl_mime *mime = curl_mime_init(easy);
	curl_mimepart *part = curl_mime_addpart(mime);
	curl_mime_name(part, "csrf");
	curl_mime_data(part, c->csrf, CURL_ZERO_TERMINATED);
	for (int i = 0; fields && fields[i]; i += 2) {
		part = curl_mime_addpart(mime);
		curl_mime_name(part, fields[i]);
		curl_mime_data(part, fields[i + 1], CURL_ZERO_TERMINATED);
	}
	if (file) {
		part = curl_mime_addpart(mime);
		curl_mime_name(part, file->field);
		curl_mime_filename(part, file->filename);
		curl_mime_type(part, file->type);
		curl_mime_data(part, (const char *)file->data, file->size);
	}
	char cookie[sizeof c->cookies + 16];
	snprintf(cookie, sizeof cookie, "Cookie: %s", c->cookies);
	const char *h[] = { "Accept-Language: da", cookie, NULL };
	if (c->cookies[0] == '\0')
		h[1] = NULL;
	CURLcode rc = perform_mime(s, "POST", path, NULL, mime, h, out);
	curl_mime_free(mime);
	curl_easy_cleanup(easy);
	if (rc != CURLE_OK)
		fail_msg("POST %s: %s", path, curl_easy_strerror(rc));
	client_absorb(c, out);
}

const char *client_cookie(const struct test_client *c, const char *name)
{
	static char value[256];
	size_t n = strlen(name);
	value[0] = '\0';
	for (const char *p = c->cookies; *p;) {
		const char *end = strstr(p, "; ");
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (strncmp(p, name, n) == 0 && p[n] == '=')
			snprintf(value, sizeof value, "%.*s", (int)(len - n - 1), p + n + 1);
		p = end ? end + 2 : p + len;
	}
	return value;
}

char *test_outbox_link(struct test_server *s, const char *needle)
{
	const char *args[] = { "outbox", "--db", s->db, "--all", "--log-level", "warn", NULL };
	char *out = NULL;
	int rc = test_run(args, &out, NULL);
	assert_int_equal(rc, 0);
	char *link = NULL;
	/* Newest first: the first match is the latest mail's link. */
	for (char *p = strstr(out, "http://"); p && !link; p = strstr(p + 1, "http://")) {
		size_t len = strcspn(p, " \n");
		if (memmem(p, len, needle, strlen(needle)))
			link = strndup(p, len);
	}
	free(out);
	return link;
}

void test_sql(struct test_server *s, const char *statement)
{
	char err[256];
	struct store *db = store_open(s->db, NULL, err, sizeof err);
	if (db == NULL)
		fail_msg("%s", err);
	if (store_exec(db, statement) != STORE_OK)
		fail_msg("%s: %s", statement, store_error(db));
	store_close(db);
}

int64_t test_sql_int(struct test_server *s, const char *query)
{
	char err[256];
	struct store *db = store_open(s->db, NULL, err, sizeof err);
	if (db == NULL)
		fail_msg("%s", err);
	struct store_sql q = STORE_SQL(query);
	struct store_stmt *st = store_prepare(db, &q);
	if (st == NULL || store_step(st) != STORE_ROW)
		fail_msg("%s: %s", query, store_error(db));
	int64_t v = store_col_int(st, 0);
	store_reset(st);
	store_close(db);
	return v;
}

void test_sign_in(struct test_server *s, struct test_client *c, const char *email,
		  const char *password, long expect)
{
	struct http_resp r;
	client_get(s, c, "/login", &r);
	http_resp_free(&r);
	char form[300];
	snprintf(form, sizeof form, "email=%s&password=%s", email, password);
	client_post(s, c, "/login", form, &r);
	if (r.status != expect)
		fail_msg("sign in %s: %ld, expected %ld", email, r.status, expect);
	http_resp_free(&r);
}

static int cmp_word(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

const char *test_sorted_words(const char *s)
{
	static char out[8192];
	char copy[8192], *words[512];
	int n = 0;
	snprintf(copy, sizeof copy, "%s", s);
	for (char *t = strtok(copy, " "); t && n < 512; t = strtok(NULL, " "))
		words[n++] = t;
	qsort(words, (size_t)n, sizeof words[0], cmp_word);
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		size_t used = strlen(out);
		snprintf(out + used, sizeof out - used, "%s%s", i ? " " : "", words[i]);
	}
	return out;
}
