/*
 * log.c: logfmt lines on stderr (see log.h).
 */
#include "core/log.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static atomic_int log_level = LOG_INFO;
static atomic_int log_fd = 2;
static _Thread_local char log_request[40];

static const char *const level_names[] = {
	[LOG_DEBUG] = "debug",
	[LOG_INFO] = "info",
	[LOG_WARN] = "warn",
	[LOG_ERROR] = "error",
	[LOG_OFF] = "off",
};

int log_level_parse(const char *s)
{
	for (int i = 0; i <= LOG_OFF; i++)
		if (strcmp(s, level_names[i]) == 0)
			return i;
	return -1;
}

void log_set_level(enum log_level level)
{
	atomic_store(&log_level, (int)level);
}

int log_enabled(enum log_level level)
{
	return level != LOG_OFF && (int)level >= atomic_load(&log_level);
}

void log_set_fd(int fd)
{
	atomic_store(&log_fd, fd < 0 ? 2 : fd);
}

void log_set_request(const char *id)
{
	if (id == NULL) {
		log_request[0] = '\0';
		return;
	}
	snprintf(log_request, sizeof log_request, "%s", id);
}

static void log_raw(struct logline *l, const char *s, size_t n)
{
	/* Keep room for the newline; a long line is cut, never overflowed. */
	if (n > sizeof l->text - 2 - l->len)
		n = sizeof l->text - 2 - l->len;
	memcpy(l->text + l->len, s, n);
	l->len += n;
}

/* Writes a value, quoted when it is empty or holds a space, quote, '=' or a
 * control byte; control bytes are escaped so a line stays one line. */
static void log_value(struct logline *l, const char *v)
{
	int quote = *v == '\0';
	for (const unsigned char *p = (const unsigned char *)v; *p && !quote; p++)
		quote = *p <= ' ' || *p == '"' || *p == '=' || *p == '\\' || *p == 0x7f;
	if (!quote) {
		log_raw(l, v, strlen(v));
		return;
	}
	log_raw(l, "\"", 1);
	/* Room for the closing quote is kept back, so a value cut short
	 * still ends in a quote and the line still parses. */
	size_t room = sizeof l->text - 3;
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		char esc[8];
		size_t n;
		const char *out = esc;
		if (*p == '"' || *p == '\\') {
			esc[0] = '\\';
			esc[1] = (char)*p;
			n = 2;
		} else if (*p == '\n') {
			memcpy(esc, "\\n", 2);
			n = 2;
		} else if (*p < ' ' || *p == 0x7f) {
			n = (size_t)snprintf(esc, sizeof esc, "\\x%02x", *p);
		} else {
			out = (const char *)p;
			n = 1;
		}
		if (l->len + n > room)
			break;
		log_raw(l, out, n);
	}
	log_raw(l, "\"", 1);
}

void log_begin(struct logline *l, enum log_level level, const char *msg)
{
	l->len = 0;
	l->on = log_enabled(level);
	if (!l->on)
		return;
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	char head[64];
	int n = snprintf(head, sizeof head, "time=%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ level=%s",
			 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
			 tm.tm_sec, ts.tv_nsec / 1000000, level_names[level]);
	log_raw(l, head, (size_t)n);
	if (log_request[0])
		log_str(l, "req", log_request);
	log_str(l, "msg", msg);
}

void log_str(struct logline *l, const char *key, const char *value)
{
	if (!l->on)
		return;
	log_raw(l, " ", 1);
	log_raw(l, key, strlen(key));
	log_raw(l, "=", 1);
	log_value(l, value ? value : "");
}

void log_int(struct logline *l, const char *key, long long value)
{
	char num[24];
	snprintf(num, sizeof num, "%lld", value);
	log_str(l, key, num);
}

void log_end(struct logline *l)
{
	if (!l->on)
		return;
	l->text[l->len++] = '\n';
	ssize_t rc = write(atomic_load(&log_fd), l->text, l->len);
	(void)rc; /* nowhere left to report a failed log write */
}

static void log_simple(enum log_level level, const char *msg, const char *detail)
{
	struct logline l;
	log_begin(&l, level, msg);
	if (detail)
		log_str(&l, "detail", detail);
	log_end(&l);
}

void log_info(const char *msg, const char *detail)
{
	log_simple(LOG_INFO, msg, detail);
}

void log_warn(const char *msg, const char *detail)
{
	log_simple(LOG_WARN, msg, detail);
}

void log_error(const char *msg, const char *detail)
{
	log_simple(LOG_ERROR, msg, detail);
}
