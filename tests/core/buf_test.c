/*
 * buf_test.c: the bounded growable buffer (src/core/buf.c): the maximum
 * is enforced before growing, a refusal sticks, contents are always a
 * NUL-terminated string, printf grows past its stack buffer, and buf_take
 * hands the memory over.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"

static void test_append_up_to_maximum_is_accepted(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(10);
	assert_int_equal(buf_puts(&b, "01234"), 0);
	assert_int_equal(buf_put(&b, "56789", 5), 0);
	assert_int_equal(b.len, 10);
	assert_string_equal(buf_str(&b), "0123456789");
	assert_false(b.overflow);
	buf_free(&b);
}

static void test_append_past_maximum_is_refused_and_keeps_contents(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(8);
	assert_int_equal(buf_puts(&b, "abcde"), 0);
	assert_int_equal(buf_puts(&b, "fghi"), -1); /* 9 > 8: nothing of it is taken */
	assert_string_equal(buf_str(&b), "abcde");
	assert_int_equal(b.len, 5);
	assert_true(b.overflow);
	assert_int_equal(buf_putc(&b, 'x'), 0); /* a later append that fits is taken... */
	assert_true(b.overflow);                /* ...but the refusal stays visible */
	assert_int_equal(buf_printf(&b, "%d", 12345), -1);
	assert_string_equal(buf_str(&b), "abcdex");
	assert_true(b.overflow);
	buf_free(&b);
}

static void test_reset_clears_contents_and_overflow(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(4);
	assert_int_equal(buf_puts(&b, "toolong"), -1);
	assert_true(b.overflow);
	buf_reset(&b);
	assert_false(b.overflow);
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(buf_puts(&b, "ok"), 0);
	assert_string_equal(buf_str(&b), "ok");
	buf_free(&b);
}

static void test_huge_length_is_refused_without_wrapping(void **state)
{
	(void)state;
	struct buf b = BUF_INIT((size_t)-1 / 2);
	assert_int_equal(buf_puts(&b, "x"), 0);
	/* len + n would wrap around SIZE_MAX: must be refused, not allocated. */
	assert_int_equal(buf_put(&b, "", (size_t)-1), -1);
	assert_int_equal(buf_put(&b, "", (size_t)-1 / 2), -1);
	assert_true(b.overflow);
	assert_string_equal(buf_str(&b), "x");
	buf_free(&b);
}

static void test_contents_are_always_nul_terminated(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(1000);
	assert_string_equal(buf_str(&b), ""); /* nothing appended yet */
	assert_null(b.data);
	assert_int_equal(buf_put(&b, "abcdef", 3), 0);
	assert_int_equal(b.data[3], '\0');
	assert_string_equal(buf_str(&b), "abc");
	assert_int_equal(buf_put(&b, "", 0), 0);
	assert_string_equal(buf_str(&b), "abc");
	/* Embedded NUL bytes are kept in the length; the string view stops there. */
	assert_int_equal(buf_put(&b, "d\0e", 3), 0);
	assert_int_equal(b.len, 6);
	assert_int_equal(memcmp(b.data, "abcd\0e\0", 7), 0);
	buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.max, 1000); /* buf_free keeps the maximum for reuse */
	assert_string_equal(buf_str(&b), "");
}

static void test_growth_keeps_earlier_bytes(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(100000);
	for (int i = 0; i < 10000; i++)
		assert_int_equal(buf_putc(&b, (char)('a' + i % 26)), 0);
	assert_int_equal(b.len, 10000);
	assert_true(b.cap > b.len);
	for (int i = 0; i < 10000; i++)
		assert_int_equal(b.data[i], 'a' + i % 26);
	assert_int_equal(b.data[10000], '\0');
	buf_free(&b);
}

static void test_printf_short_and_long(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(10000);
	assert_int_equal(buf_printf(&b, "%s=%d;", "n", -42), 0);
	assert_string_equal(buf_str(&b), "n=-42;");
	/* 255 bytes fit the stack buffer; 256 and more take the other path. */
	char big[2001];
	for (size_t len = 250; len <= 2000; len += (len < 260 ? 1 : 370)) {
		memset(big, 'x', len);
		big[len] = '\0';
		buf_reset(&b);
		assert_int_equal(buf_printf(&b, "<%s>", big), 0);
		assert_int_equal(b.len, len + 2);
		assert_int_equal(b.data[0], '<');
		assert_int_equal(b.data[len + 1], '>');
		assert_int_equal(b.data[len + 2], '\0');
		assert_int_equal(strspn(b.data + 1, "x"), len);
	}
	buf_free(&b);
}

static void test_long_printf_appends_after_existing_text(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(10000);
	char big[600];
	memset(big, 'y', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(buf_puts(&b, "head:"), 0);
	assert_int_equal(buf_printf(&b, "%s|%05d", big, 7), 0);
	assert_int_equal(b.len, 5 + 599 + 6);
	assert_int_equal(strncmp(b.data, "head:yyy", 8), 0);
	assert_string_equal(b.data + 5 + 599, "|00007");
	buf_free(&b);
}

static void test_long_printf_past_maximum_is_refused(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(300);
	char big[400];
	memset(big, 'z', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(buf_puts(&b, "keep"), 0);
	assert_int_equal(buf_printf(&b, "%s", big), -1);
	assert_true(b.overflow);
	assert_string_equal(buf_str(&b), "keep");
	/* Exactly at the maximum through the long path is still accepted. */
	buf_reset(&b);
	assert_int_equal(buf_printf(&b, "%.300s", big), 0);
	assert_int_equal(b.len, 300);
	assert_false(b.overflow);
	buf_free(&b);
}

static void test_take_hands_over_contents(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(100);
	buf_puts(&b, "hello");
	size_t len = 0;
	char *p = buf_take(&b, &len);
	assert_string_equal(p, "hello");
	assert_int_equal(len, 5);
	/* b no longer owns it: appending again must not touch p. */
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_str(&b), "");
	buf_puts(&b, "other");
	assert_string_equal(p, "hello");
	assert_string_equal(buf_str(&b), "other");
	free(p); /* the caller frees; b frees its own new memory */
	buf_free(&b);
}

static void test_take_of_empty_buffer_is_empty_string(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(100);
	size_t len = 99;
	char *p = buf_take(&b, &len);
	assert_non_null(p);
	assert_string_equal(p, "");
	assert_int_equal(len, 0);
	free(p);
	char *q = buf_take(&b, NULL); /* len may be NULL */
	assert_non_null(q);
	free(q);
}

static void test_put_int_writes_as_printf_does(void **state)
{
	(void)state;
	static const int64_t values[] = { 0, 7, -1, 10, 1234567890123LL, -987654321, INT64_MAX, INT64_MIN };
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		struct buf b = BUF_INIT(64);
		char want[32];
		snprintf(want, sizeof want, "%lld", (long long)values[i]);
		assert_int_equal(buf_put_int(&b, values[i]), 0);
		assert_string_equal(buf_str(&b), want);
		buf_free(&b);
	}
	struct buf small = BUF_INIT(3);
	assert_int_equal(buf_put_int(&small, 1234), -1);
	assert_true(small.overflow);
	buf_free(&small);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append_up_to_maximum_is_accepted),
		cmocka_unit_test(test_append_past_maximum_is_refused_and_keeps_contents),
		cmocka_unit_test(test_reset_clears_contents_and_overflow),
		cmocka_unit_test(test_put_int_writes_as_printf_does),
		cmocka_unit_test(test_huge_length_is_refused_without_wrapping),
		cmocka_unit_test(test_contents_are_always_nul_terminated),
		cmocka_unit_test(test_growth_keeps_earlier_bytes),
		cmocka_unit_test(test_printf_short_and_long),
		cmocka_unit_test(test_long_printf_appends_after_existing_text),
		cmocka_unit_test(test_long_printf_past_maximum_is_refused),
		cmocka_unit_test(test_take_hands_over_contents),
		cmocka_unit_test(test_take_of_empty_buffer_is_empty_string),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
