/*
 * ops_test.c: what operators rely on: /healthz, /metrics, the access log,
 * and a clean stop on SIGTERM that finishes the request in flight.
 */
#include <arpa/inet.h>
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

static void test_access_log_line_per_request(void **state)
{
	(void)state;
	struct http_resp r;
	http_get(&srv, "/themes?x=1", &r);
	char *rid = http_header(&r, "X-Request-Id");
	http_resp_free(&r);
	usleep(50000);
	char *log = read_log();
	char want[128];
	snprintf(want, sizeof want, "req=%s msg=request method=GET path=/themes status=200 bytes=", rid);
	assert_contains(log, want);
	char *line = strstr(log, want);
	assert_non_null(strstr(line, " us="));
	assert_contains(log, "level=info msg=listening addr=127.0.0.1 port=");
	free(rid);
	free(log);
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
	const char *head = "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Type: "
			   "application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\na=";
	assert_int_equal(write(fd, head, strlen(head)), (ssize_t)strlen(head));
	usleep(200000);
	kill(s.pid, SIGTERM);
	usleep(300000);
	/* No new connections now. */
	int fd2 = socket(AF_INET, SOCK_STREAM, 0);
	assert_int_not_equal(connect(fd2, (struct sockaddr *)&a, sizeof a), 0);
	close(fd2);
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
	char *log = NULL;
	FILE *f = fopen(s.log, "r");
	log = calloc(1, 65536);
	size_t k = fread(log, 1, 65535, f);
	log[k] = '\0';
	fclose(f);
	assert_contains(log, "msg=stopping signal=SIGTERM");
	assert_contains(log, "msg=stopped");
	free(log);
	test_db_drop(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_healthz),
		cmocka_unit_test(test_metrics_count_requests_by_route_and_status),
		cmocka_unit_test(test_access_log_line_per_request),
		cmocka_unit_test(test_sigterm_finishes_request_in_flight),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
