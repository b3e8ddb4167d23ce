/*
 * smtp.c: the tests' SMTP server (see smtp.h): Debian's aiosmtpd, run by
 * tests/support/smtpsink.py in a folder of its own, through which it
 * tells its port and hands over each message it accepts. The sink dies
 * with the test program (PR_SET_PDEATHSIG), also when a test fails
 * before smtp_stop.
 */
#include "support/smtp.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SMTP_MAX 1000

struct smtp_sink {
	pid_t pid;
	int port;
	char dir[64];
	char *messages[SMTP_MAX]; /* read so far, in the order accepted */
	size_t count;
};

static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

static char *slurp(const char *path, size_t *len)
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
	if (len)
		*len = n;
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

struct smtp_sink *smtp_start(void)
{
	struct smtp_sink *s = calloc(1, sizeof *s);
	snprintf(s->dir, sizeof s->dir, "/tmp/samskab-smtp-XXXXXX");
	if (mkdtemp(s->dir) == NULL) {
		free(s);
		return NULL;
	}
	pid_t parent = getpid();
	s->pid = fork();
	if (s->pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent)
			_exit(1);
		execl("/usr/bin/python3", "python3", script(), s->dir, (char *)NULL);
		_exit(127);
	}
	char port_file[128];
	snprintf(port_file, sizeof port_file, "%s/port", s->dir);
	/* The sink writes its port when it listens: wait for it, up to 20 s. */
	for (int i = 0; i < 2000 && s->pid > 0; i++) {
		char *text = slurp(port_file, NULL);
		if (text) {
			s->port = atoi(text);
			free(text);
			return s;
		}
		if (waitpid(s->pid, NULL, WNOHANG) == s->pid)
			break;
		pause_ms(10);
	}
	fprintf(stderr, "# the SMTP sink (%s) did not start\n", script());
	smtp_stop(s);
	return NULL;
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
		if (f)
			fclose(f);
	} else {
		unlink(path);
	}
}

/* Reads the messages the sink has written since the last look. */
static void collect(struct smtp_sink *s)
{
	for (;;) {
		char path[128];
		snprintf(path, sizeof path, "%s/%06zu.eml", s->dir, s->count + 1);
		if (s->count == SMTP_MAX)
			return;
		char *m = slurp(path, NULL);
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
	if (s == NULL)
		return;
	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		int done = 0;
		for (int i = 0; i < 500 && !done; i++) {
			done = waitpid(s->pid, NULL, WNOHANG) == s->pid;
			if (!done)
				pause_ms(10);
		}
		if (!done) {
			kill(s->pid, SIGKILL);
			waitpid(s->pid, NULL, 0);
		}
	}
	DIR *d = opendir(s->dir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char path[384];
		snprintf(path, sizeof path, "%s/%s", s->dir, e->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(s->dir);
	for (size_t i = 0; i < s->count; i++)
		free(s->messages[i]);
	free(s);
}
