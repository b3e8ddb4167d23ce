/*
 * smtp.c: the tests' SMTP server (see smtp.h): Debian's aiosmtpd, run by
 * tests/support/smtpsink.py in a folder of its own, through which it
 * tells its port and hands over each message it accepts. An independent
 * SMTP implementation, so a mail our client gets wrong (a bare LF, a dot
 * not doubled, a line too long) is refused as a real server would.
 *
 * The sink is a process of the registry (support/proc.h): started with
 * test_spawn, stopped with its folder on every path, also when a test
 * fails before smtp_stop or the program dies.
 */
#include "support/smtp.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/support.h"

#define SMTP_MAX 1000
/* smtpsink.py's exit status when aiosmtpd cannot be imported. */
#define SINK_MISSING 3

struct smtp_sink {
	pid_t pid;
	int port;
	int exited, status; /* the sink ended before it listened */
	char dir[64];
	char *messages[SMTP_MAX]; /* read so far, in the order accepted */
	size_t count;
	unsigned undo_dir, undo; /* its registrations: the folder, the sink */
};

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	size_t cap = 8192, n = 0, k;
	char *data = malloc(cap);
	while ((k = fread(data + n, 1, cap - n - 1, f)) > 0) {
		n += k;
		if (n + 1 == cap)
			data = realloc(data, cap *= 2);
	}
	fclose(f);
	data[n] = '\0';
	return data;
}

/* The source folder of this file: the sink script sits beside it. */
static const char *script(void)
{
	static char path[512];
	const char *here = __FILE__;
	const char *slash = strrchr(here, '/');
	snprintf(path, sizeof path, "%.*s/smtpsink.py", slash ? (int)(slash - here) : 1, slash ? here : ".");
	return path;
}

/* The sink listens (its port file is there) or has ended. */
static int listening_or_ended(void *arg)
{
	struct smtp_sink *s = arg;
	char path[128];
	snprintf(path, sizeof path, "%s/port", s->dir);
	char *text = slurp(path);
	if (text) {
		s->port = atoi(text);
		free(text);
		return 1;
	}
	if (test_proc_wait(s->pid, 0, &s->status)) {
		s->exited = 1;
		return 1;
	}
	return 0;
}

static void stop_sink(const void *arg);

struct smtp_sink *smtp_start(void)
{
	struct smtp_sink *s = calloc(1, sizeof *s);
	s->undo_dir = test_tmpdir(s->dir, sizeof s->dir, "smtp");
	/* Debian's python, which has Debian's aiosmtpd (not one found first in PATH). */
	const char *argv[] = { "/usr/bin/python3", script(), s->dir, NULL };
	s->pid = test_spawn(argv, -1, -1);
	s->undo = test_defer(stop_sink, &s, sizeof s);
	test_wait_until(listening_or_ended, s, TEST_DEADLINE_MS, "the SMTP sink to listen");
	if (s->exited) {
		int missing = WIFEXITED(s->status) && WEXITSTATUS(s->status) == SINK_MISSING;
		smtp_stop(s);
		if (missing)
			test_skip("missing: python3-aiosmtpd (scripts/deps check installs it)");
		fail_msg("the SMTP sink (%s) ended before it listened", script());
	}
	return s;
}

int smtp_port(const struct smtp_sink *s)
{
	return s->port;
}

void smtp_refuse(struct smtp_sink *s, int refuse)
{
	char path[128];
	snprintf(path, sizeof path, "%s/refuse", s->dir);
	if (refuse) {
		FILE *f = fopen(path, "w");
		if (f == NULL)
			fail_msg("cannot tell the SMTP sink to refuse");
		fclose(f);
	} else {
		unlink(path);
	}
}

/* Reads the messages the sink has written since the last look. */
static void collect(struct smtp_sink *s)
{
	while (s->count < SMTP_MAX) {
		char path[128];
		snprintf(path, sizeof path, "%s/%06zu.eml", s->dir, s->count + 1);
		char *m = slurp(path);
		if (m == NULL)
			return;
		s->messages[s->count++] = m;
	}
}

size_t smtp_count(struct smtp_sink *s)
{
	collect(s);
	return s->count;
}

const char *smtp_message(struct smtp_sink *s, size_t i)
{
	collect(s);
	return i < s->count ? s->messages[i] : NULL;
}

size_t smtp_refused(struct smtp_sink *s)
{
	char path[128];
	struct stat st;
	snprintf(path, sizeof path, "%s/refused", s->dir);
	return stat(path, &st) == 0 ? (size_t)st.st_size : 0;
}

void smtp_stop(struct smtp_sink *s)
{
	test_undo(s->undo); /* stop_sink */
}

/* SIGTERM, and SIGKILL when it does not end within the deadline; then
 * its folder goes. */
static void stop_sink(const void *arg)
{
	struct smtp_sink *s = *(struct smtp_sink *const *)arg;
	if (!s->exited) {
		kill(s->pid, SIGTERM);
		if (!test_proc_wait(s->pid, TEST_DEADLINE_MS, NULL))
			test_proc_kill(s->pid);
	}
	test_undo(s->undo_dir); /* rm -rf */
	for (size_t i = 0; i < s->count; i++)
		free(s->messages[i]);
	free(s);
}
