/*
 * csv_test.c: table-driven tests of the strict CSV reader (src/core/csv.c):
 * inputs with the records they must give, and bad inputs with the error
 * and line they must report. Each input is read both from memory and
 * through a read callback that hands out one byte at a time, so every
 * record boundary also falls on a refill. The writer's records are read
 * back field for field.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/csv.h"

struct good {
	const char *in;
	size_t len; /* 0: strlen(in) */
	const char *out; /* records as field|field, one per line */
};

static const struct good goods[] = {
	{ "", 0, "" },
	{ "a,b,c\n1,2,3\n", 0, "a|b|c\n1|2|3\n" },
	{ "a,b,c\r\n1,2,3\r\n", 0, "a|b|c\n1|2|3\n" },
	{ "a,b\n1,2", 0, "a|b\n1|2\n" },
	{ "a,b\n,\n", 0, "a|b\n|\n" },
	{ "a,b\n1,", 0, "a|b\n1|\n" },
	{ "x\n\"q,\"\"w\"\"\ne\"\n", 0, "x\nq,\"w\"\ne\n" },
	{ "x,y\n\"\",\"\"\"\"\n", 0, "x|y\n|\"\n" },
	{ "\xef\xbb\xbf" "id,t\n1,bl\xc3\xa5" "b\xc3\xa6r\n", 0, "id|t\n1|bl\xc3\xa5" "b\xc3\xa6r\n" },
	{ "a\n\n", 0, "a\n\n" },
	{ "\"a\r\nb\",c\r\n", 0, "a\r\nb|c\n" },
	/* Records of 16 bytes and more, read by the plain fast path from
	 * memory (and byte by byte, which never has 16 bytes at hand):
	 * commas and the LF at every place in a block, empty fields, a
	 * record ending exactly at a block's end, the last without a LF. */
	{ "timestamp,datetime,comment-id,voter-id,vote\n"
	  "1700000000000,Tue Nov 14 22:13:20 UTC 2023,12,345,-1\n"
	  ",,,,\n"
	  "123456789012345,,,,1\n"
	  "a,b,c,d,e\n"
	  "1234567890,bcdef,ghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP,q,r\n"
	  "1,2,3,4,5", 0,
	  "timestamp|datetime|comment-id|voter-id|vote\n"
	  "1700000000000|Tue Nov 14 22:13:20 UTC 2023|12|345|-1\n"
	  "||||\n"
	  "123456789012345||||1\n"
	  "a|b|c|d|e\n"
	  "1234567890|bcdef|ghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP|q|r\n"
	  "1|2|3|4|5\n" },
	/* A quote, a CRLF, UTF-8 late in a long record: the full reader. */
	{ "aaaaaaaaaaaaaaaaaaaa,bbbbbbbbbbbbbbbbbbbbbbbbbb\n"
	  "cccccccccccccccccccc,\"dd,dd\"\n"
	  "eeeeeeeeeeeeeeeeeeee,ffffffffffffffffffffffff\r\n"
	  "gggggggggggggggggggg,bl\xc3\xa5" "b\xc3\xa6rbl\xc3\xa5" "b\xc3\xa6r\n", 0,
	  "aaaaaaaaaaaaaaaaaaaa|bbbbbbbbbbbbbbbbbbbbbbbbbb\n"
	  "cccccccccccccccccccc|dd,dd\n"
	  "eeeeeeeeeeeeeeeeeeee|ffffffffffffffffffffffff\n"
	  "gggggggggggggggggggg|bl\xc3\xa5" "b\xc3\xa6rbl\xc3\xa5" "b\xc3\xa6r\n" },
};

struct bad {
	const char *in;
	size_t len;
	const char *err;
};

static const struct bad bads[] = {
	{ "a,b\n1,2,3\n", 0, "line 2: 3 fields, expected 2" },
	{ "a,b\n1\n", 0, "line 2: 1 field, expected 2" },
	{ "a\nb\"c\n", 0, "line 2: quote inside an unquoted field" },
	{ "a\n\"b\"c\n", 0, "line 2: text after the closing quote of a field" },
	{ "a\n\"x\ny\nz\n", 0, "line 2: unterminated quoted field" },
	{ "a\nb\rc\n", 0, "line 2: carriage return not followed by a line feed" },
	{ "a\n\"m\nn\"\n\xff\n", 0, "line 4: invalid UTF-8 in a field" },
	{ "a\n\"\xc3\x28\"\n", 0, "line 2: invalid UTF-8 or NUL byte in a field" },
	{ "a\nb\0c\n", 6, "line 2: NUL byte in a field" },
	{ "a\n\xed\xa0\x80\n", 0, "line 2: invalid UTF-8 in a field" },
	/* The same late in records of 16 bytes and more. */
	{ "aaaaaaaaaaaaaaaaaaaa,b\ncccccccccccccccccccc,d,e\n", 0, "line 2: 3 fields, expected 2" },
	{ "aaaaaaaaaaaaaaaaaaaa,b\ncccccccccccccccccccc,d\"\n", 0,
	  "line 2: quote inside an unquoted field" },
	{ "aaaaaaaaaaaaaaaaaaaa,b\ncccccccccccccccccccc,d\re\n", 0,
	  "line 2: carriage return not followed by a line feed" },
	{ "aaaaaaaaaaaaaaaaaaaa,b\ncccccccccccccccccccc,\xff\n", 0,
	  "line 2: invalid UTF-8 in a field" },
	{ "aaaaaaaaaaaaaaaaaaaa,b\ncccccccccccccccccccc,d\0\n", 47, "line 2: NUL byte in a field" },
};

struct trickle {
	const char *p;
	size_t left;
};

static long trickle_read(void *ctx, char *dst, size_t n)
{
	struct trickle *t = ctx;
	if (t->left == 0)
		return 0;
	(void)n;
	*dst = *t->p++;
	t->left--;
	return 1;
}

/* Reads everything; returns the records as text, or the error. */
static char *read_all(struct csv *c)
{
	struct buf b = BUF_INIT(1 << 20);
	int rc;
	while ((rc = csv_next(c)) == 1) {
		for (size_t i = 0; i < c->nfield; i++) {
			if (i)
				buf_putc(&b, '|');
			buf_put(&b, c->field[i].s, c->field[i].len);
		}
		buf_putc(&b, '\n');
	}
	if (rc < 0) {
		buf_reset(&b);
		buf_puts(&b, csv_error(c));
	}
	return buf_take(&b, NULL);
}

static void check(const char *in, size_t len, const char *want)
{
	struct csv c;
	csv_init_mem(&c, in, len);
	char *got = read_all(&c);
	csv_free(&c);
	assert_string_equal(got, want);
	free(got);

	struct trickle t = { in, len };
	csv_init_read(&c, trickle_read, &t);
	got = read_all(&c);
	csv_free(&c);
	assert_string_equal(got, want);
	free(got);
}

static void test_good(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof goods / sizeof goods[0]; i++)
		check(goods[i].in, goods[i].len ? goods[i].len : strlen(goods[i].in), goods[i].out);
}

static void test_bad(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bads / sizeof bads[0]; i++)
		check(bads[i].in, bads[i].len ? bads[i].len : strlen(bads[i].in), bads[i].err);
}

static void test_record_line(void **state)
{
	(void)state;
	struct csv c;
	const char *in = "h,t\n1,\"two\nlines\"\n2,x\n";
	csv_init_mem(&c, in, strlen(in));
	assert_int_equal(csv_next(&c), 1);
	assert_int_equal(c.line, 1);
	assert_true(csv_eq(&c, 0, "h"));
	assert_false(csv_eq(&c, 0, "ht"));
	assert_int_equal(csv_next(&c), 1);
	assert_int_equal(c.line, 2);
	assert_int_equal(csv_next(&c), 1);
	assert_int_equal(c.line, 4);
	assert_true(csv_eq(&c, 1, "x"));
	assert_int_equal(csv_next(&c), 0);
	csv_free(&c);
}

/* A reader that starts after the header of a file (csv_continue)
 * holds its first record to the header's width too, and takes a byte
 * order mark at its start for text. */
static void test_expect_width(void **state)
{
	(void)state;
	struct csv c;
	const char *in = "1,2\n3\n";
	csv_init_mem(&c, in, strlen(in));
	csv_continue(&c, 2);
	assert_int_equal(csv_next(&c), 1);
	assert_int_equal(csv_next(&c), -1);
	assert_string_equal(csv_error(&c), "line 2: 1 field, expected 2");
	csv_free(&c);
	csv_init_mem(&c, in, strlen(in));
	csv_continue(&c, 1);
	assert_int_equal(csv_next(&c), -1);
	assert_string_equal(csv_error(&c), "line 1: 2 fields, expected 1");
	csv_free(&c);
	in = "\xef\xbb\xbfx\n";
	csv_init_mem(&c, in, strlen(in));
	csv_continue(&c, 1);
	assert_int_equal(csv_next(&c), 1);
	assert_int_equal(c.field[0].len, 4);
	csv_free(&c);
}

/* Records written with csv_put, exactly as written, and read back. */
/* A mapped file larger than the steps in which its pages are given back
 * (csv_init_map): every record is read as written, by csv_next and
 * through csv_window and csv_consume, and its line feeds are counted. */
static void test_mapped(void **state)
{
	(void)state;
	char path[] = "/tmp/csv_test_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	unlink(path);
	struct buf b = BUF_INIT((size_t)64 << 20);
	enum { N = 600000 };
	for (int i = 0; i < N; i++)
		assert_int_equal(buf_printf(&b, "%d,some text to fill the line,%d\n", i, i * 7), 0);
	assert_int_equal(write(fd, b.data, b.len), (ssize_t)b.len);
	size_t len = b.len;
	buf_free(&b);
	char *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	assert_true(map != MAP_FAILED);
	assert_int_equal(csv_map_line_feeds(map, len), N);
	for (int way = 0; way < 2; way++) {
		struct csv c;
		csv_init_map(&c, map, len);
		int i = 0, rc;
		while ((rc = csv_next(&c)) == 1) {
			assert_int_equal(atoi(c.field[0].s), i);
			assert_int_equal(atoi(c.field[2].s), i * 7);
			assert_int_equal(c.line, (unsigned long)i + 1);
			i++;
			if (way == 0)
				continue;
			/* Take the rest a window at a time, a line at a time. */
			const char *p;
			long n;
			while ((n = csv_window(&c, &p, 1 << 16)) > 0) {
				const char *nl = memchr(p, '\n', (size_t)n);
				if (nl == NULL)
					break;
				assert_int_equal(atoi(p), i);
				csv_consume(&c, (size_t)(nl + 1 - p), 1);
				assert_int_equal(c.line, (unsigned long)i + 1);
				i++;
			}
		}
		assert_int_equal(rc, 0);
		assert_int_equal(i, N);
		csv_free(&c);
	}
	munmap(map, len);
	close(fd);
}

static void test_write(void **state)
{
	(void)state;
	static const char *const fields[][3] = {
		{ "plain", "with, comma", "say \"hi\"" },
		{ "", "", "" },
		{ "two\nlines", "crlf\r\nand bare\rcr", "\"\"" },
		{ "bl\xc3\xa5", "", "end," },
	};
	struct buf b = BUF_INIT(4096);
	for (size_t r = 0; r < 4; r++) {
		for (size_t i = 0; i < 3; i++)
			assert_int_equal(csv_put(&b, fields[r][i]), 0);
		assert_int_equal(csv_end(&b), 0);
	}
	assert_int_equal(csv_put_int(&b, -42), 0);
	assert_int_equal(csv_put(&b, ""), 0);
	assert_int_equal(csv_put_int(&b, 7), 0);
	csv_end(&b);
	assert_string_equal(buf_str(&b), "plain,\"with, comma\",\"say \"\"hi\"\"\"\n"
					 "\"\",,\n"
					 "\"two\nlines\",\"crlf\r\nand bare\rcr\",\"\"\"\"\"\"\n"
					 "bl\xc3\xa5,,\"end,\"\n"
					 "-42,,7\n");
	struct csv c;
	csv_init_mem(&c, b.data, b.len);
	for (size_t r = 0; r < 4; r++) {
		assert_int_equal(csv_next(&c), 1);
		for (size_t i = 0; i < 3; i++)
			assert_true(csv_eq(&c, i, fields[r][i]));
	}
	assert_int_equal(csv_next(&c), 1);
	assert_true(csv_eq(&c, 0, "-42") && csv_eq(&c, 1, "") && csv_eq(&c, 2, "7"));
	assert_int_equal(csv_next(&c), 0);
	csv_free(&c);
	/* Past the maximum: refused, and said so. */
	struct buf small = BUF_INIT(4);
	assert_int_equal(csv_put(&small, "a,b"), -1);
	assert_true(small.overflow);
	buf_free(&small);
	buf_free(&b);
}

/* A first field that begins with a byte order mark (U+FEFF) survives a
 * file of its own: the reader drops a mark at the start of a file, so the
 * writer quotes it there (found by fuzz/csv_fuzz.c). */
static void test_write_leading_byte_order_mark(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(64);
	assert_int_equal(csv_put(&b, "\xef\xbb\xbfmark"), 0);
	assert_int_equal(csv_put(&b, "\xef\xbb\xbf"), 0);
	csv_end(&b);
	assert_string_equal(buf_str(&b), "\"\xef\xbb\xbfmark\",\xef\xbb\xbf\n");
	struct csv c;
	csv_init_mem(&c, b.data, b.len);
	assert_int_equal(csv_next(&c), 1);
	assert_true(csv_eq(&c, 0, "\xef\xbb\xbfmark") && csv_eq(&c, 1, "\xef\xbb\xbf"));
	csv_free(&c);
	buf_free(&b);
}

/* Text that a spreadsheet would compute is shown instead; numbers stay
 * numbers; CRLF ends a record and the reader reads it all back. */
static void test_write_safe_for_spreadsheets(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(4096);
	static const char *const in[] = { "=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx",
					   "plain", "a=b", "" };
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
		assert_int_equal(csv_put_text(&b, in[i]), 0);
	assert_int_equal(csv_put_int(&b, -1), 0);
	assert_int_equal(csv_end_crlf(&b), 0);
	assert_string_equal(buf_str(&b), "\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2+3,'@SUM(A1),'\tx,plain,a=b,,-1\r\n");
	struct csv c;
	csv_init_mem(&c, b.data, b.len);
	assert_int_equal(csv_next(&c), 1);
	assert_int_equal(c.nfield, 9);
	assert_true(csv_eq(&c, 0, "'=HYPERLINK(\"http://x\")"));
	assert_true(csv_eq(&c, 8, "-1"));
	assert_int_equal(csv_next(&c), 0);
	csv_free(&c);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_record_line),
		cmocka_unit_test(test_expect_width),
		cmocka_unit_test(test_mapped),
		cmocka_unit_test(test_write),
		cmocka_unit_test(test_write_leading_byte_order_mark),
		cmocka_unit_test(test_write_safe_for_spreadsheets),
	};
	return cmocka_run_group_tests_name("core/csv", tests, NULL, NULL);
}
