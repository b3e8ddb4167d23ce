/*
 * slowclients_test.c: one client cannot stop the server. Found by an
 * attacker: 10,050 connections from one address, each sending a header
 * line every ~10 s, kept every other request waiting (0 of 14 health
 * probes answered in 70 s). Here, bounded: 300 connections from one
 * address (127.0.0.2) trickle header lines for a fixed time while probes
 * from another (127.0.0.1) must all be answered; the address holds no
 * more than its allowance (and the margin that gets 503s), every slow
 * head is cut at its deadline, and a well-behaved client of that
 * address past its allowance gets a clear 503.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "support/support.h"

#define ATTACKERS 300
#define PER_CLIENT 32
#define SPARE (PER_CLIENT / 4 + 4) /* http/conns.c: 503s before refusals */
#define HEAD_TIMEOUT 2             /* seconds */
#define RUN_MS 6000

static struct test_server srv;

static int setup(void **state)
{
	(void)state;
	char per[16], head[16];
	snprintf(per, sizeof per, "%d", PER_CLIENT);
	snprintf(head, sizeof head, "%d", HEAD_TIMEOUT);
	const char *extra[] = { "--max-client-connections", per, "--head-timeout", head, "--max-connections", "256", NULL };
	test_db_create(&srv, 0);
	test_server_start(&srv, extra);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_server_stop(&srv);
	test_db_drop(&srv);
	return 0;
}

/* A connection from source to the server, non-blocking; -1 if refused. */
static int open_from(const char *source, int nonblocking)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_in src = { .sin_family = AF_INET };
	inet_pton(AF_INET, source, &src.sin_addr);
	if (bind(fd, (struct sockaddr *)&src, sizeof src) != 0)
		fail_msg("bind %s: %s", source, strerror(errno));
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)srv.port) };
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		close(fd);
		return -1;
	}
	if (nonblocking)
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	return fd;
}

/* Whether the server has closed fd (or reset it): a read finds the end. */
static int closed_by_server(int fd)
{
	char b[4096];
	for (;;) {
		ssize_t n = recv(fd, b, sizeof b, MSG_DONTWAIT);
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK))
			return 1;
		if (n < 0)
			return 0;
	}
}

/* Connections the kernel has completed to the server's port that the
 * server has not accepted yet: the queues of its listening sockets (the
 * rx_queue of a LISTEN line in /proc/net/tcp and tcp6). They are not the
 * server's to hold; on a loaded machine it takes them a while to refuse. */
static int accept_backlog(void)
{
	static const char *const files[] = { "/proc/net/tcp", "/proc/net/tcp6" };
	int n = 0;
	for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
		FILE *in = fopen(files[f], "r");
		if (in == NULL)
			continue;
		char line[512];
		while (fgets(line, sizeof line, in)) {
			char local[64];
			unsigned state, tx, rx;
			if (sscanf(line, " %*u: %63s %*s %x %x:%x", local, &state, &tx, &rx) != 4)
				continue;
			const char *port = strrchr(local, ':');
			if (state == 0x0A && port && strtoul(port + 1, NULL, 16) == (unsigned long)srv.port)
				n += (int)rx;
		}
		fclose(in);
	}
	return n;
}

/* GET path from 127.0.0.1 on a connection of its own, with a deadline of
 * deadline_ms for the whole answer; the status (0: none in time), the
 * answer in out. */
static int probe(const char *path, int deadline_ms, char *out, size_t n)
{
	int fd = open_from("127.0.0.1", 1);
	if (fd < 0)
		return 0;
	char req[256];
	int len = snprintf(req, sizeof req, "GET %s HTTP/1.0\r\n\r\n", path);
	if (send(fd, req, (size_t)len, MSG_NOSIGNAL) != len) {
		close(fd);
		return 0;
	}
	size_t got = 0;
	int64_t end = test_ms() + deadline_ms;
	for (;;) {
		int left = (int)(end - test_ms());
		struct pollfd p = { fd, POLLIN, 0 };
		if (left <= 0 || poll(&p, 1, left) <= 0)
			break;
		ssize_t k = recv(fd, out + got, n - 1 - got, 0);
		if (k <= 0)
			break;
		got += (size_t)k;
		if (got + 1 >= n)
			break;
	}
	out[got] = '\0';
	close(fd);
	int status = 0;
	sscanf(out, "HTTP/1.%*d %d", &status);
	return status;
}

static void test_one_address_cannot_hold_the_server(void **state)
{
	(void)state;
	static int fds[ATTACKERS];
	static char answer[1 << 16];
	int opened = 0;
	for (int i = 0; i < ATTACKERS; i++) {
		fds[i] = open_from("127.0.0.2", 1);
		if (fds[i] < 0)
			continue;
		opened++;
		/* The first line and one header: the head has begun. */
		const char *start = "GET /areas HTTP/1.1\r\nHost: samskab\r\n";
		send(fds[i], start, strlen(start), MSG_NOSIGNAL);
	}
	/* A line more every 250 ms, and a probe from elsewhere, for a fixed
	 * time. */
	int probes = 0, answered = 0, max_held = 0, last_held = -1, max_backlog = 0;
	int64_t slowest = 0, began = test_ms(), cut_by = -1;
	while (test_ms() - began < RUN_MS) {
		/* The backlog first: a connection the server takes meanwhile
		 * and refuses is then counted in neither. */
		int backlog = accept_backlog(), held = 0;
		for (int i = 0; i < ATTACKERS; i++) {
			if (fds[i] < 0)
				continue;
			if (closed_by_server(fds[i]) || send(fds[i], "X-Slow: 1\r\n", 11, MSG_NOSIGNAL) < 0) {
				close(fds[i]);
				fds[i] = -1;
				continue;
			}
			held++;
		}
		/* Connections the kernel took before the server did wait in
		 * its backlog until accepted (and refused): those still there
		 * are not counted, nor is the first half-second, nor one that
		 * is gone by the next look (taken, and refused a moment later,
		 * by a server the machine's load slows down). */
		int now_held = held - backlog;
		if (test_ms() - began >= 500 && last_held >= 0) {
			int kept = now_held < last_held ? now_held : last_held;
			if (kept > max_held)
				max_held = kept;
		}
		last_held = now_held;
		if (backlog > max_backlog)
			max_backlog = backlog;
		if (held == 0 && cut_by < 0)
			cut_by = test_ms() - began;
		int64_t t = test_ms();
		probes++;
		if (probe("/healthz", 2000, answer, sizeof answer) == 200)
			answered++;
		if (test_ms() - t > slowest)
			slowest = test_ms() - t;
		struct pollfd none;
		poll(&none, 0, 250);
	}
	fprintf(stderr, "# %d connections opened from 127.0.0.2, at most %d held at once by the server for a look and the next "
			"(and %d waiting to be accepted), all cut by %lld ms (head deadline %d s); %d of %d "
			"probes from 127.0.0.1 answered, slowest %lld ms\n",
		opened, max_held, max_backlog, (long long)cut_by, HEAD_TIMEOUT, answered, probes,
		(long long)slowest);
	assert_int_equal(answered, probes);
	assert_true(max_held <= PER_CLIENT + SPARE);
	assert_true(max_held >= PER_CLIENT); /* the allowance itself is served */
	/* Every slow head was cut at its deadline (and the sweeper's beat). */
	assert_true(cut_by >= 0 && cut_by <= (HEAD_TIMEOUT + 2) * 1000);
	for (int i = 0; i < ATTACKERS; i++)
		if (fds[i] >= 0)
			close(fds[i]);
}

/* A client of one address past its allowance is told so: 503, a page
 * that says why, Retry-After, and the security headers. */
static void test_one_connection_too_many_gets_a_clear_503(void **state)
{
	(void)state;
	static int fds[PER_CLIENT];
	static char answer[1 << 16];
	/* The allowance, each connection kept open after a whole request. */
	for (int i = 0; i < PER_CLIENT; i++) {
		fds[i] = open_from("127.0.0.3", 0);
		assert_true(fds[i] >= 0);
		const char *req = "GET /healthz HTTP/1.1\r\nHost: samskab\r\n\r\n";
		assert_int_equal(send(fds[i], req, strlen(req), MSG_NOSIGNAL), (ssize_t)strlen(req));
		ssize_t n = recv(fds[i], answer, sizeof answer - 1, 0);
		assert_true(n > 0);
		answer[n] = '\0';
		assert_contains(answer, "HTTP/1.1 200");
	}
	int fd = open_from("127.0.0.3", 0);
	assert_true(fd >= 0);
	const char *req = "GET /areas HTTP/1.1\r\nHost: samskab\r\nAccept-Language: da\r\n\r\n";
	assert_int_equal(send(fd, req, strlen(req), MSG_NOSIGNAL), (ssize_t)strlen(req));
	size_t got = 0;
	ssize_t n;
	while ((n = recv(fd, answer + got, sizeof answer - 1 - got, 0)) > 0)
		got += (size_t)n; /* to the end: the server closes it */
	answer[got] = '\0';
	close(fd);
	assert_contains(answer, "HTTP/1.1 503");
	assert_contains(answer, "Retry-After: 10");
	assert_contains(answer, "Content-Security-Policy: ");
	assert_contains(answer, "for mange åbne forbindelser fra dit netværk");
	/* Another address is served meanwhile. */
	assert_int_equal(probe("/areas", 5000, answer, sizeof answer), 200);
	for (int i = 0; i < PER_CLIENT; i++)
		close(fds[i]);
}

/* libmicrohttpd answered a 64 KB header or a 100 KB address itself: a
 * reset, and no security headers. They are ours now: 431 and 414. */
static void test_large_heads_get_our_answers(void **state)
{
	(void)state;
	static char req[200000], answer[1 << 16];
	const struct {
		const char *what;
		int status;
		const char *says;
	} cases[] = {
		{ "GET /%0*d HTTP/1.1\r\nHost: x\r\n\r\n", 414, "Adressen er længere" },
		{ "GET / HTTP/1.1\r\nHost: x\r\nX-Big: %0*d\r\n\r\n", 431, "Slet cookies" },
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		int len = snprintf(req, sizeof req, cases[c].what, c == 0 ? 100000 : 65536, 0);
		int fd = open_from("127.0.0.1", 0);
		assert_int_equal(send(fd, req, (size_t)len, MSG_NOSIGNAL), len);
		size_t got = 0;
		ssize_t n;
		while ((n = recv(fd, answer + got, sizeof answer - 1 - got, 0)) > 0)
			got += (size_t)n;
		answer[got] = '\0';
		if (n < 0)
			fail_msg("case %zu: the connection was reset (%s)", c, strerror(errno));
		close(fd);
		char status[32];
		snprintf(status, sizeof status, "HTTP/1.1 %d", cases[c].status);
		assert_contains(answer, status);
		assert_contains(answer, "Content-Security-Policy: ");
		assert_contains(answer, "X-Frame-Options: DENY");
		assert_contains(answer, cases[c].says);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_one_address_cannot_hold_the_server),
		TEST_CASE(test_one_connection_too_many_gets_a_clear_503),
		TEST_CASE(test_large_heads_get_our_answers),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
