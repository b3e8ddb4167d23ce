/*
 * gzip_test.c: response compression (src/http/gzip.c): which
 * Accept-Encoding values take gzip, which content types are worth it, and
 * that a compressed body inflates back to the original.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "http/gzip.h"

static void test_accept_encoding(void **state)
{
	(void)state;
	static const struct {
		const char *header;
		int accepted;
	} cases[] = {
		{ NULL, 0 },
		{ "", 0 },
		{ "identity", 0 },
		{ "gzip", 1 },
		{ "GZIP", 1 },
		{ "gzip, deflate, br", 1 },
		{ "br, gzip", 1 },
		{ "deflate,gzip;q=0.5", 1 },
		{ "x-gzip", 1 },
		{ "*", 1 },
		{ "gzip;q=0", 0 },
		{ "gzip; q=0.0, identity", 0 },
		{ "gzip;q=0.001", 1 },
		{ "gzipped", 0 },
		{ "br, deflate", 0 },
		{ "  gzip  ", 1 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (gzip_accepted(cases[i].header) != cases[i].accepted)
			fail_msg("Accept-Encoding: %s: %s", cases[i].header ? cases[i].header : "(none)",
				 cases[i].accepted ? "should take gzip" : "should not");
}

static void test_types_worth_compressing(void **state)
{
	(void)state;
	assert_true(gzip_worth(NULL)); /* text/html by default */
	assert_true(gzip_worth("text/html; charset=utf-8"));
	assert_true(gzip_worth("text/css; charset=utf-8"));
	assert_true(gzip_worth("text/calendar; charset=utf-8"));
	assert_true(gzip_worth("application/json; charset=utf-8"));
	assert_true(gzip_worth("image/svg+xml; charset=utf-8"));
	assert_true(gzip_worth("application/atom+xml"));
	assert_false(gzip_worth("image/png"));
	assert_false(gzip_worth("application/gzip"));
}

static void test_compress_inflates_back(void **state)
{
	(void)state;
	size_t n = 50000;
	char *page = malloc(n);
	for (size_t i = 0; i < n; i++)
		page[i] = "<li>Ensomme ældre i Haarby</li>\n"[i % 33];
	size_t zn = 0;
	char *z = gzip_compress(page, n, &zn);
	assert_non_null(z);
	assert_true(zn < n / 10);
	assert_int_equal((unsigned char)z[0], 0x1f); /* a gzip member */
	assert_int_equal((unsigned char)z[1], 0x8b);

	char *back = malloc(n + 1);
	z_stream s = { 0 };
	assert_int_equal(inflateInit2(&s, 15 + 16), Z_OK);
	s.next_in = (Bytef *)z;
	s.avail_in = (uInt)zn;
	s.next_out = (Bytef *)back;
	s.avail_out = (uInt)n + 1;
	assert_int_equal(inflate(&s, Z_FINISH), Z_STREAM_END);
	assert_int_equal(s.total_out, n);
	inflateEnd(&s);
	assert_memory_equal(back, page, n);
	free(back);
	free(z);
	free(page);
}

static void test_incompressible_body_is_left_alone(void **state)
{
	(void)state;
	unsigned char noise[4096];
	uint64_t x = 88172645463325252ull;
	for (size_t i = 0; i < sizeof noise; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		noise[i] = (unsigned char)x;
	}
	size_t zn = 0;
	assert_null(gzip_compress((const char *)noise, sizeof noise, &zn));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accept_encoding),
		cmocka_unit_test(test_types_worth_compressing),
		cmocka_unit_test(test_compress_inflates_back),
		cmocka_unit_test(test_incompressible_body_is_left_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
