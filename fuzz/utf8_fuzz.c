/*
 * utf8_fuzz.c: libFuzzer harness for src/core/utf8.c, cross-checked
 * against a reference decoder written from the Unicode standard's table
 * of well-formed byte sequences (Table 3-7), with NUL refused as utf8.h
 * says. utf8_length and utf8_prefix are checked on what is valid.
 * Run through fuzz/run; not part of make check.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Length of the well-formed sequence at s (n bytes left), or 0. */
static size_t ref_seq(const uint8_t *s, size_t n)
{
	static const struct {
		uint8_t lo1, hi1, lo2, hi2; /* first and second byte ranges */
		size_t len;
	} rows[] = {
		{ 0x01, 0x7f, 0, 0, 1 },
		{ 0xc2, 0xdf, 0x80, 0xbf, 2 },
		{ 0xe0, 0xe0, 0xa0, 0xbf, 3 },
		{ 0xe1, 0xec, 0x80, 0xbf, 3 },
		{ 0xed, 0xed, 0x80, 0x9f, 3 },
		{ 0xee, 0xef, 0x80, 0xbf, 3 },
		{ 0xf0, 0xf0, 0x90, 0xbf, 4 },
		{ 0xf1, 0xf3, 0x80, 0xbf, 4 },
		{ 0xf4, 0xf4, 0x80, 0x8f, 4 },
	};
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		if (s[0] < rows[r].lo1 || s[0] > rows[r].hi1)
			continue;
		size_t len = rows[r].len;
		if (n < len)
			return 0;
		if (len > 1 && (s[1] < rows[r].lo2 || s[1] > rows[r].hi2))
			return 0;
		for (size_t i = 2; i < len; i++)
			if (s[i] < 0x80 || s[i] > 0xbf)
				return 0;
		return len;
	}
	return 0;
}

static int ref_valid(const uint8_t *s, size_t n, size_t *count)
{
	*count = 0;
	for (size_t i = 0; i < n;) {
		size_t k = ref_seq(s + i, n - i);
		if (k == 0)
			return 0;
		i += k;
		(*count)++;
	}
	return 1;
}

static void fail(const char *what, size_t a, size_t b)
{
	fprintf(stderr, "utf8_fuzz: %s (%zu vs %zu)\n", what, a, b);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t count;
	int want = ref_valid(data, size, &count);
	/* A copy of exactly size bytes, so reading past it is caught. */
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	int got = utf8_valid(s, size);
	if (got != want)
		fail(got ? "utf8_valid accepted what the reference refuses"
			 : "utf8_valid refused what the reference accepts",
		     (size_t)got, (size_t)want);
	if (want) {
		if (utf8_length(s) != count)
			fail("utf8_length differs", utf8_length(s), count);
		for (size_t max = 0; max <= size + 1; max += 1 + max / 8) {
			size_t p = utf8_prefix(s, max);
			if (p > max || p > size)
				fail("utf8_prefix too long", p, max);
			size_t c;
			if (!ref_valid(data, p, &c))
				fail("utf8_prefix splits a code point", p, max);
			/* Largest: the next code point would not fit. */
			if (p < size && p + ref_seq(data + p, size - p) <= max)
				fail("utf8_prefix not the largest", p, max);
		}
	}
	free(s);
	return 0;
}
