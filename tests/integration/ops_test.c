/*
 * ops_test.c: what operators rely on: /healthz, /metrics, the access log,
 * and a clean stop on SIGTERM that finishes the request in flight.
 */
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/support.h"

static struct test_server srv;

static int setup(void **state)
{
	(void)state;
	test_server_up(&srv, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_server_stop(&srv);
	test_db_drop(&srv);
	return 0;
}

static char *read_log(void)
{
	FILE *f = fopen(srv.log, "r");
	assert_non_null(f);
	char *text = calloc(1, 1 << 20);
	size_t n = fread(text, 1, (1 << 20) - 1, f);
	text[n] = '\0';
	fclose(f);
	return text;
}

static void test_healthz(void **state)
{
	(void)state;
	struct http_resp r;
	http_get(&srv, "/healthz", &r);
	assert_int_equal(r.status, 200);
	json_t *j = json_loads(r.body, 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "ok");
	assert_string_equal(json_string_value(json_object_get(j, "database")), "ok");
	assert_string_equal(json_string_value(json_object_get(j, "schema")), "current");
	json_decref(j);
	http_resp_free(&r);
}

static void test_metrics_count_requests_by_route_and_status(void **state)
{
	(void)state;
	struct http_resp r;
	for (int i = 0; i < 3; i++) {
		http_get(&srv, "/areas", &r);
		http_resp_free(&r);
	}
	http_get(&srv, "/areas/424242", &r);
	http_resp_free(&r);
	http_get(&srv, "/no-such", &r);
	http_resp_free(&r);
	http_get(&srv, "/metrics", &r);
	assert_int_equal(r.status, 200);
	char *type = http_header(&r, "Content-Type");
	assert_contains(type, "text/plain; version=0.0.4");
	free(type);
	assert_contains(r.body, "samskab_http_requests_total{route=\"/areas\",method=\"GET\",status=\"200\"} 3\n");
	assert_contains(r.body, "samskab_http_requests_total{route=\"/areas/{id}\",method=\"GET\",status=\"404\"} 1\n");
	assert_contains(r.body, "samskab_http_requests_total{route=\"unmatched\",method=\"\",status=\"404\"} 1\n");
	assert_contains(r.body, "samskab_http_request_duration_seconds_bucket{route=\"/areas\",method=\"GET\",le=\"+Inf\"} 3\n");
	assert_contains(r.body, "samskab_http_request_duration_seconds_count{route=\"/areas\",method=\"GET\"} 3\n");
	assert_contains(r.body, "# TYPE samskab_db_seconds_total counter\n");
	assert_not_contains(r.body, "samskab_db_requests_total 0\n");
	http_resp_free(&r);
}

/* The sum of one metric's values over all its label sets. */
static double metric_sum(const char *body, const char *name)
{
	double sum = 0;
	size_t n = strlen(name);
	for (const char *line = body; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL)
		if (strncmp(line, name, n) == 0 && (line[n] == '{' || line[n] == ' '))
			sum += strtod(strchr(line + n, ' ') + 1, NULL);
	return sum;
}

/* Counted before the answer leaves: whoever has the answer of a request
 * finds it in /metrics right after, with no waiting. The database time
 * is each request's own: never more than the requests took. */
static void test_metrics_count_a_request_before_its_answer_arrives(void **state)
{
	(void)state;
	struct http_resp r;
	for (int i = 1; i <= 40; i++) {
		http_get(&srv, "/themes", &r);
		assert_int_equal(r.status, 200);
		http_resp_free(&r);
		http_get(&srv, "/metrics", &r);
		char want[128];
		snprintf(want, sizeof want,
			 "samskab_http_requests_total{route=\"/themes\",method=\"GET\",status=\"200\"} %d\n", i);
		assert_contains(r.body, want);
		double db = metric_sum(r.body, "samskab_db_seconds_total");
		double all = metric_sum(r.body, "samskab_http_request_duration_seconds_sum");
		if (db > all)
			fail_msg("database time %.6f s is more than the requests' %.6f s", db, all);
		http_resp_free(&r);
	}
}

static void test_access_log_line_per_request(void **state)
{
	(void)state;
	struct http_resp r;
	http_get(&srv, "/themes?x=1", &r);
	char *rid = http_header(&r, "X-Request-Id");
	http_resp_free(&r);
	/* The line is written once the response has been sent, so it can
	 * come a moment after the client has it. */
	char want[128];
	snprintf(want, sizeof want, "req=%s msg=request method=GET path=/themes status=200 bytes=", rid);
	test_wait_file(srv.log, want, 1, TEST_DEADLINE_MS);
	char *log = read_log();
	char *line = strstr(log, want);
	assert_non_null(strstr(line, " us="));
	assert_contains(log, "level=info msg=listening addr=127.0.0.1 port=");
	free(rid);
	free(log);
}

/* Connecting to the server: 0 when it accepted, -1 when it refused. */
static int try_connect(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	int rc = connect(fd, (struct sockaddr *)&a, sizeof a);
	close(fd);
	return rc == 0 ? 0 : -1;
}

static int refuses_connections(void *arg)
{
	return try_connect(*(int *)arg) != 0;
}

struct reader {
	int fd;
	char buf[4096];
	size_t len;
};

/* Reads what has arrived (the socket does not block); whether it holds
 * the head of "100 Continue". */
static int continue_arrived(void *arg)
{
	struct reader *r = arg;
	ssize_t n = recv(r->fd, r->buf + r->len, sizeof r->buf - 1 - r->len, MSG_DONTWAIT);
	if (n > 0)
		r->len += (size_t)n;
	r->buf[r->len] = '\0';
	return strstr(r->buf, "\r\n\r\n") != NULL;
}

/* A request whose body is still arriving when SIGTERM comes is answered;
 * new connections are refused; the process exits 0. */
static void test_sigterm_finishes_request_in_flight(void **state)
{
	(void)state;
	struct test_server s;
	test_server_up(&s, 0);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)s.port) };
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	/* The server answers "100 Continue" once it has the head and is
	 * waiting for the body: from then on the request is in flight. */
	const char *head = "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Type: "
			   "application/x-www-form-urlencoded\r\nContent-Length: 7\r\n"
			   "Expect: 100-continue\r\n\r\n";
	assert_int_equal(write(fd, head, strlen(head)), (ssize_t)strlen(head));
	struct reader rd = { .fd = fd };
	test_wait_until(continue_arrived, &rd, TEST_DEADLINE_MS, "100 Continue");
	assert_contains(rd.buf, "HTTP/1.1 100 Continue\r\n");
	assert_int_equal(write(fd, "a=", 2), 2);
	kill(s.pid, SIGTERM);
	/* No new connections now. */
	test_wait_until(refuses_connections, &s.port, TEST_DEADLINE_MS, "new connections to be refused");
	assert_int_equal(write(fd, "12345", 5), 5);
	char resp[4096];
	ssize_t n, total = 0;
	while ((n = read(fd, resp + total, sizeof resp - 1 - (size_t)total)) > 0)
		total += n;
	resp[total] = '\0';
	close(fd);
	assert_contains(resp, "HTTP/1.1 200 OK");
	assert_contains(resp, "\"status\":\"ok\"");
	test_server_stop(&s); /* asserts exit status 0 */
	assert_int_equal(test_file_count(s.log, "msg=stopping signal=SIGTERM"), 1);
	assert_int_equal(test_file_count(s.log, "msg=stopped"), 1);
	assert_int_equal(test_file_count(s.log, "Failed to remove listen FD"), 0);
	test_db_drop(&s);
}

/* A plain HTTP/1.0 GET of path from the server at addr:port with one
 * extra header line (or NULL); the status, and the response in out. */
static int raw_get(const char *addr, int port, const char *path, const char *header, char *out, size_t n)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	inet_pton(AF_INET, addr, &a.sin_addr);
	assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	char req[512];
	int len = snprintf(req, sizeof req, "GET %s HTTP/1.0\r\n%s%s\r\n", path, header ? header : "",
			   header ? "\r\n" : "");
	assert_int_equal(write(fd, req, (size_t)len), len);
	size_t total = 0;
	ssize_t got;
	while (total + 1 < n && (got = read(fd, out + total, n - 1 - total)) > 0)
		total += (size_t)got;
	out[total] = '\0';
	close(fd);
	int status = 0;
	sscanf(out, "HTTP/1.%*d %d", &status);
	return status;
}

/* An IPv4 address of this machine other than loopback, or 0. */
static int other_address(char *out, size_t n)
{
	struct ifaddrs *all, *i;
	int found = 0;
	if (getifaddrs(&all) != 0)
		return 0;
	for (i = all; i && !found; i = i->ifa_next)
		if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET) {
			const struct in_addr *a = &((struct sockaddr_in *)(void *)i->ifa_addr)->sin_addr;
			if ((ntohl(a->s_addr) >> 24) != 127)
				found = inet_ntop(AF_INET, a, out, (socklen_t)n) != NULL;
		}
	freeifaddrs(all);
	return found;
}

#define TOKEN "metrics-token-for-the-test-0123"

/* Found by an attacker: /metrics (every route's traffic, timings and
 * errors) was public. It answers this machine, and others only with the
 * operator token; a request a proxy passed on is not this machine's. */
static void test_metrics_only_here_or_with_the_token(void **state)
{
	(void)state;
	char out[1 << 16];
	assert_int_equal(raw_get("127.0.0.1", srv.port, "/metrics", NULL, out, sizeof out), 200);
	assert_int_equal(raw_get("127.0.0.1", srv.port, "/metrics", "X-Forwarded-For: 203.0.113.9", out, sizeof out), 403);
	assert_contains(out, "kun for driften");
	assert_not_contains(out, "samskab_http_requests_total");
	assert_int_equal(raw_get("127.0.0.1", srv.port, "/metrics", "Forwarded: for=203.0.113.9", out, sizeof out), 403);
	assert_int_equal(raw_get("127.0.0.1", srv.port, "/metrics", "X-Real-IP: 203.0.113.9", out, sizeof out), 403);
	/* Without a token configured, no token opens it. */
	assert_int_equal(raw_get("127.0.0.1", srv.port, "/metrics",
				 "X-Forwarded-For: 203.0.113.9\r\nAuthorization: Bearer x", out, sizeof out), 403);
	/* The rest of the site is the same for everyone. */
	assert_int_equal(raw_get("127.0.0.1", srv.port, "/healthz", "X-Forwarded-For: 203.0.113.9", out, sizeof out), 200);

	/* A node serving on its network address, with a token: from there
	 * (not loopback) only the token opens /metrics. */
	char addr[INET_ADDRSTRLEN];
	if (!other_address(addr, sizeof addr)) {
		fprintf(stderr, "# no address other than loopback: the network part is not run\n");
		return;
	}
	char listen[64];
	snprintf(listen, sizeof listen, "%s:0", addr);
	struct test_server s;
	const char *extra[] = { "--listen", listen, "--metrics-token", TOKEN, NULL };
	test_db_create(&s, 0);
	test_server_start(&s, extra);
	assert_int_equal(raw_get(addr, s.port, "/metrics", NULL, out, sizeof out), 403);
	assert_int_equal(raw_get(addr, s.port, "/metrics", "Authorization: Bearer wrong-token-wrong-token", out, sizeof out), 403);
	assert_int_equal(raw_get(addr, s.port, "/metrics", "Authorization: Bearer " TOKEN, out, sizeof out), 200);
	assert_contains(out, "samskab_http_requests_total");
	assert_int_equal(raw_get(addr, s.port, "/areas", NULL, out, sizeof out), 200);
	test_server_stop(&s);
	test_db_drop(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_healthz),
		TEST_CASE(test_metrics_count_requests_by_route_and_status),
		TEST_CASE(test_metrics_count_a_request_before_its_answer_arrives),
		TEST_CASE(test_access_log_line_per_request),
		TEST_CASE(test_sigterm_finishes_request_in_flight),
		TEST_CASE(test_metrics_only_here_or_with_the_token),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
