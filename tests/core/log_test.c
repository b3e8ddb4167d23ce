/*
 * log_test.c: logfmt lines (src/core/log.c). Every line must parse back
 * into the values that were logged, whatever bytes they hold, stay one
 * line, carry the request id of its own thread, and appear only at the
 * levels asked for. Output goes to a pipe through log_set_fd.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <pthread.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"

static int pipefd[2];

static int setup(void **state)
{
	(void)state;
	if (pipe(pipefd) != 0)
		return -1;
	fcntl(pipefd[0], F_SETFL, O_NONBLOCK);
	fcntl(pipefd[1], F_SETPIPE_SZ, 1 << 20);
	log_set_fd(pipefd[1]);
	log_set_level(LOG_INFO);
	log_set_request(NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	log_set_fd(-1);
	log_set_level(LOG_INFO);
	log_set_request(NULL);
	close(pipefd[0]);
	close(pipefd[1]);
	return 0;
}

/* Everything logged since the last call (NUL-terminated, static). */
static const char *logged(void)
{
	static char text[65536];
	ssize_t n = read(pipefd[0], text, sizeof text - 1);
	text[n > 0 ? n : 0] = '\0';
	return text;
}

/*
 * A logfmt reader: finds key in line and decodes its value into out.
 * Returns 1 if found, 0 if not, -1 if the line does not parse (an
 * unterminated quote, a bad escape, a pair without '=').
 */
static int logfmt_get(const char *line, const char *key, char *out, size_t outlen)
{
	const char *p = line;
	int found = 0;
	while (*p && *p != '\n') {
		const char *k = p;
		while (*p && *p != '=' && *p != ' ' && *p != '\n')
			p++;
		if (*p != '=' || p == k)
			return -1;
		int match = (size_t)(p - k) == strlen(key) && strncmp(k, key, strlen(key)) == 0;
		p++;
		size_t n = 0;
		char val[4096];
		if (*p == '"') {
			p++;
			for (;;) {
				if (*p == '\0' || *p == '\n')
					return -1; /* unterminated */
				if (*p == '"') {
					p++;
					break;
				}
				char c = *p++;
				if (c == '\\') {
					c = *p++;
					if (c == 'n')
						c = '\n';
					else if (c == 'x') {
						unsigned v;
						if (sscanf(p, "%2x", &v) != 1)
							return -1;
						c = (char)v;
						p += 2;
					} else if (c != '"' && c != '\\')
						return -1;
				} else if ((unsigned char)c < ' ') {
					return -1; /* raw control byte */
				}
				if (n + 1 < sizeof val)
					val[n++] = c;
			}
		} else {
			while (*p && *p != ' ' && *p != '\n') {
				if (*p == '"' || *p == '=' || (unsigned char)*p < ' ')
					return -1;
				if (n + 1 < sizeof val)
					val[n++] = *p;
				p++;
			}
		}
		val[n] = '\0';
		if (*p == ' ')
			p++;
		else if (*p && *p != '\n')
			return -1;
		if (match && !found) {
			size_t copy = n < outlen - 1 ? n : outlen - 1;
			memcpy(out, val, copy);
			out[copy] = 0;
			found = 1;
		}
	}
	return found;
}

static void test_line_has_time_level_and_message(void **state)
{
	(void)state;
	log_info("server started", NULL);
	const char *line = logged();
	regex_t re;
	assert_int_equal(regcomp(&re,
				 "^time=[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z "
				 "level=info msg=\"server started\"\n$",
				 REG_EXTENDED),
			 0);
	if (regexec(&re, line, 0, NULL, 0) != 0)
		fail_msg("unexpected line: %s", line);
	regfree(&re);
	log_warn("disk low", "92%");
	assert_non_null(strstr(logged(), " level=warn msg=\"disk low\" detail=92%\n"));
	log_error("oops", "x");
	assert_non_null(strstr(logged(), " level=error msg=oops detail=x\n"));
}

static const struct {
	const char *value;
	const char *written; /* exactly as it must appear after "v=" */
} values[] = {
	{ "plain", "plain" },
	{ "Ærø-日本", "Ærø-日本" },
	{ "/areas/1?x", "/areas/1?x" },
	{ "", "\"\"" },
	{ "two words", "\"two words\"" },
	{ "say \"hi\"", "\"say \\\"hi\\\"\"" },
	{ "k=v", "\"k=v\"" },
	{ "back\\slash", "\"back\\\\slash\"" },
	{ "line1\nline2", "\"line1\\nline2\"" },
	{ "tab\there", "\"tab\\x09here\"" },
	{ "cr\r\n", "\"cr\\x0d\\n\"" },
	{ "\x1b[31mred", "\"\\x1b[31mred\"" },
	{ "del\x7f", "\"del\\x7f\"" },
	{ "\x01", "\"\\x01\"" },
	{ "fake level=error msg=x", "\"fake level=error msg=x\"" },
};

static void test_values_are_quoted_and_escaped(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		struct logline l;
		log_begin(&l, LOG_INFO, "t");
		log_str(&l, "v", values[i].value);
		log_end(&l);
		const char *line = logged();
		const char *v = strstr(line, " v=");
		assert_non_null(v);
		char want[256];
		snprintf(want, sizeof want, " v=%s\n", values[i].written);
		if (strcmp(v, want) != 0)
			fail_msg("value %zu: wrote%s expected%s", i, v, want);
	}
}

static void test_every_line_parses_back_to_what_was_logged(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		log_info(values[i].value, values[i].value);
		const char *line = logged();
		assert_non_null(strchr(line, '\n'));
		assert_ptr_equal(strchr(line, '\n'), line + strlen(line) - 1); /* one line */
		char msg[512], detail[512], level[16];
		assert_int_equal(logfmt_get(line, "msg", msg, sizeof msg), 1);
		assert_int_equal(logfmt_get(line, "detail", detail, sizeof detail), 1);
		assert_int_equal(logfmt_get(line, "level", level, sizeof level), 1);
		assert_string_equal(msg, values[i].value);
		assert_string_equal(detail, values[i].value);
		assert_string_equal(level, "info"); /* a value cannot fake another key */
	}
}

static void test_int_and_null_values(void **state)
{
	(void)state;
	struct logline l;
	log_begin(&l, LOG_INFO, "n");
	log_int(&l, "neg", -42);
	log_int(&l, "big", 9223372036854775807LL);
	log_str(&l, "none", NULL);
	log_end(&l);
	const char *line = logged();
	assert_non_null(strstr(line, " neg=-42 big=9223372036854775807 none=\"\"\n"));
}

static void test_long_line_stays_one_bounded_line(void **state)
{
	(void)state;
	char big[5000];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	struct logline l;
	log_begin(&l, LOG_INFO, "long");
	log_str(&l, "v", big);
	log_str(&l, "after", "x");
	log_end(&l);
	const char *line = logged();
	size_t n = strlen(line);
	assert_true(n <= sizeof l.text);
	assert_int_equal(line[n - 1], '\n');
	assert_ptr_equal(strchr(line, '\n'), line + n - 1);
	/* The next line starts cleanly. */
	log_info("next", NULL);
	assert_int_equal(strncmp(logged(), "time=", 5), 0);
}

/* BUG (reported): a cut value loses its closing quote, so the line no longer
 * parses as logfmt although log.h promises it always does. */
static void test_long_quoted_value_cut_still_parses(void **state)
{
	(void)state;
	char big[5000];
	memset(big, 'a', sizeof big - 1);
	big[100] = ' ';
	big[sizeof big - 1] = '\0';
	log_info("long", big);
	const char *line = logged();
	char msg[64];
	if (logfmt_get(line, "msg", msg, sizeof msg) != 1)
		fail_msg("a cut line does not parse: ...%s", line + strlen(line) - 40);
}

struct thread_arg {
	const char *id; /* set in the thread, or NULL */
	char line[4096];
};

static void *thread_logs(void *p)
{
	struct thread_arg *t = p;
	if (t->id)
		log_set_request(t->id);
	struct logline l;
	log_begin(&l, LOG_INFO, "in thread");
	memcpy(t->line, l.text, l.len);
	t->line[l.len] = '\0';
	log_end(&l);
	return NULL;
}

static void test_request_id_is_per_thread(void **state)
{
	(void)state;
	log_set_request("5f3a0c1e00000001");
	struct thread_arg a = { .id = "aaaa000000000002" }, b = { .id = NULL };
	pthread_t ta, tb;
	assert_int_equal(pthread_create(&ta, NULL, thread_logs, &a), 0);
	assert_int_equal(pthread_join(ta, NULL), 0);
	assert_int_equal(pthread_create(&tb, NULL, thread_logs, &b), 0);
	assert_int_equal(pthread_join(tb, NULL), 0);
	logged();
	assert_non_null(strstr(a.line, " req=aaaa000000000002 msg=\"in thread\""));
	assert_null(strstr(b.line, "req=")); /* a fresh thread has none */
	log_info("main", NULL);
	assert_non_null(strstr(logged(), " req=5f3a0c1e00000001 msg=main"));
	log_set_request(NULL);
	log_info("cleared", NULL);
	assert_null(strstr(logged(), "req="));
}

static void test_request_id_is_escaped_like_any_value(void **state)
{
	(void)state;
	log_set_request("a b\nc");
	log_info("m", NULL);
	const char *line = logged();
	char req[64];
	assert_int_equal(logfmt_get(line, "req", req, sizeof req), 1);
	assert_string_equal(req, "a b\nc");
	log_set_request(NULL);
}

static void test_level_filtering(void **state)
{
	(void)state;
	log_set_level(LOG_WARN);
	log_info("hidden", NULL);
	assert_string_equal(logged(), "");
	assert_false(log_enabled(LOG_INFO));
	assert_true(log_enabled(LOG_WARN));
	log_warn("shown", NULL);
	log_error("shown too", NULL);
	const char *out = logged();
	assert_non_null(strstr(out, "level=warn msg=shown\n"));
	assert_non_null(strstr(out, "level=error msg=\"shown too\"\n"));

	log_set_level(LOG_OFF);
	log_error("nothing", NULL);
	assert_string_equal(logged(), "");

	log_set_level(LOG_DEBUG);
	struct logline l;
	log_begin(&l, LOG_DEBUG, "detail");
	log_end(&l);
	assert_non_null(strstr(logged(), "level=debug msg=detail\n"));
	/* OFF is never a level a line is written at. */
	assert_false(log_enabled(LOG_OFF));
}

static void test_level_names_parse(void **state)
{
	(void)state;
	assert_int_equal(log_level_parse("debug"), LOG_DEBUG);
	assert_int_equal(log_level_parse("info"), LOG_INFO);
	assert_int_equal(log_level_parse("warn"), LOG_WARN);
	assert_int_equal(log_level_parse("error"), LOG_ERROR);
	assert_int_equal(log_level_parse("off"), LOG_OFF);
	assert_int_equal(log_level_parse("INFO"), -1);
	assert_int_equal(log_level_parse("warning"), -1);
	assert_int_equal(log_level_parse(""), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_line_has_time_level_and_message, setup, teardown),
		cmocka_unit_test_setup_teardown(test_values_are_quoted_and_escaped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_line_parses_back_to_what_was_logged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_int_and_null_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_line_stays_one_bounded_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_quoted_value_cut_still_parses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_request_id_is_per_thread, setup, teardown),
		cmocka_unit_test_setup_teardown(test_request_id_is_escaped_like_any_value, setup, teardown),
		cmocka_unit_test_setup_teardown(test_level_filtering, setup, teardown),
		cmocka_unit_test_setup_teardown(test_level_names_parse, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
