/*
 * log.h: one line per event on stderr, in logfmt:
 *   time=2026-11-29T11:00:00.123Z level=info req=5f3a0c1e00000001 msg="..." key=value
 * Values are quoted and escaped when they need it, so a line always parses.
 * The request id is per thread: the HTTP layer sets it while a request is
 * handled, so lower layers log with it without passing it around.
 * A line is written with a single write(2), so lines from threads do not mix.
 */
#ifndef SAMSKAB_CORE_LOG_H
#define SAMSKAB_CORE_LOG_H

#include <stddef.h>
#include <stdint.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR, LOG_OFF };

/* Parses "debug", "info", "warn", "error" or "off"; -1 if none. */
int log_level_parse(const char *s);
void log_set_level(enum log_level level);
int log_enabled(enum log_level level);
/* Redirects output (tests); -1 restores stderr. */
void log_set_fd(int fd);

/* The current thread's request id; NULL clears it. */
void log_set_request(const char *id);

struct logline {
	char text[2048];
	size_t len;
	int on;
};

/* Builds one line: begin, any number of fields, end. */
void log_begin(struct logline *l, enum log_level level, const char *msg);
void log_str(struct logline *l, const char *key, const char *value);
void log_int(struct logline *l, const char *key, long long value);
void log_end(struct logline *l);

/* One-call forms; detail may be NULL. */
void log_info(const char *msg, const char *detail);
void log_warn(const char *msg, const char *detail);
void log_error(const char *msg, const char *detail);

#endif
