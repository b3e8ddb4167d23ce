/*
 * smtp.c: the tests' SMTP server (see smtp.h). One thread, one
 * connection at a time: enough for a mailer that sends one by one.
 */
#include "support/smtp.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "support/proc.h"

#define SMTP_MAX 1000

struct smtp_sink {
	int fd, port;
	pthread_t thread;
	pthread_mutex_t lock;
	int refuse, stop;
	char *messages[SMTP_MAX];
	size_t count, refused;
	unsigned undo; /* its registration: stopped if the test fails */
};

static void say(int fd, const char *line)
{
	ssize_t rc = write(fd, line, strlen(line));
	(void)rc;
}

/* Reads one line (up to CRLF) into buf; 0 at end. */
static int read_line(int fd, char *buf, size_t n)
{
	size_t k = 0;
	while (k + 1 < n) {
		char c;
		if (read(fd, &c, 1) != 1)
			return 0;
		buf[k++] = c;
		if (c == '\n')
			break;
	}
	buf[k] = '\0';
	return 1;
}

static void serve_one(struct smtp_sink *s, int c)
{
	char line[4096];
	say(c, "220 test.invalid ESMTP\r\n");
	while (read_line(c, line, sizeof line)) {
		if (strncasecmp(line, "EHLO", 4) == 0 || strncasecmp(line, "HELO", 4) == 0) {
			say(c, "250-test.invalid\r\n250 8BITMIME\r\n");
		} else if (strncasecmp(line, "MAIL FROM", 9) == 0) {
			pthread_mutex_lock(&s->lock);
			int refuse = s->refuse;
			s->refused += refuse;
			pthread_mutex_unlock(&s->lock);
			say(c, refuse ? "451 4.3.0 try again later\r\n" : "250 OK\r\n");
		} else if (strncasecmp(line, "RCPT TO", 7) == 0) {
			say(c, "250 OK\r\n");
		} else if (strncasecmp(line, "DATA", 4) == 0) {
			say(c, "354 go ahead\r\n");
			size_t cap = 8192, len = 0;
			char *msg = malloc(cap);
			while (read_line(c, line, sizeof line) && strcmp(line, ".\r\n") != 0) {
				size_t n = strlen(line);
				if (len + n + 1 > cap)
					msg = realloc(msg, cap = (len + n + 1) * 2);
				memcpy(msg + len, line, n);
				len += n;
			}
			msg[len] = '\0';
			pthread_mutex_lock(&s->lock);
			if (s->count < SMTP_MAX)
				s->messages[s->count++] = msg;
			else
				free(msg);
			pthread_mutex_unlock(&s->lock);
			say(c, "250 OK queued\r\n");
		} else if (strncasecmp(line, "QUIT", 4) == 0) {
			say(c, "221 bye\r\n");
			break;
		} else {
			say(c, "250 OK\r\n");
		}
	}
	close(c);
}

static void stop_sink(const void *arg);

static void *smtp_main(void *arg)
{
	struct smtp_sink *s = arg;
	for (;;) {
		struct pollfd p = { .fd = s->fd, .events = POLLIN };
		int ready = poll(&p, 1, 50);
		pthread_mutex_lock(&s->lock);
		int stop = s->stop;
		pthread_mutex_unlock(&s->lock);
		if (stop)
			break;
		if (ready <= 0)
			continue;
		int c = accept(s->fd, NULL, NULL);
		if (c >= 0)
			serve_one(s, c);
	}
	return NULL;
}

struct smtp_sink *smtp_start(void)
{
	struct smtp_sink *s = calloc(1, sizeof *s);
	s->fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof a;
	if (bind(s->fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(s->fd, 16) != 0 ||
	    getsockname(s->fd, (struct sockaddr *)&a, &len) != 0) {
		close(s->fd);
		free(s);
		return NULL;
	}
	s->port = ntohs(a.sin_port);
	pthread_mutex_init(&s->lock, NULL);
	pthread_create(&s->thread, NULL, smtp_main, s);
	s->undo = test_defer(stop_sink, &s, sizeof s);
	return s;
}

int smtp_port(const struct smtp_sink *s)
{
	return s->port;
}

void smtp_refuse(struct smtp_sink *s, int refuse)
{
	pthread_mutex_lock(&s->lock);
	s->refuse = refuse;
	pthread_mutex_unlock(&s->lock);
}

size_t smtp_count(struct smtp_sink *s)
{
	pthread_mutex_lock(&s->lock);
	size_t n = s->count;
	pthread_mutex_unlock(&s->lock);
	return n;
}

const char *smtp_message(struct smtp_sink *s, size_t i)
{
	pthread_mutex_lock(&s->lock);
	const char *m = i < s->count ? s->messages[i] : NULL;
	pthread_mutex_unlock(&s->lock);
	return m;
}

size_t smtp_refused(struct smtp_sink *s)
{
	pthread_mutex_lock(&s->lock);
	size_t n = s->refused;
	pthread_mutex_unlock(&s->lock);
	return n;
}

void smtp_stop(struct smtp_sink *s)
{
	test_undo(s->undo); /* stop_sink */
}

static void stop_sink(const void *arg)
{
	struct smtp_sink *s = *(struct smtp_sink *const *)arg;
	pthread_mutex_lock(&s->lock);
	s->stop = 1;
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->thread, NULL);
	close(s->fd);
	for (size_t i = 0; i < s->count; i++)
		free(s->messages[i]);
	pthread_mutex_destroy(&s->lock);
	free(s);
}
