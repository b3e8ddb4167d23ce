/*
 * form_fuzz.c: libFuzzer harness for src/http/form.c: form_parse,
 * form_decode and cookie_parse on arbitrary bytes. Besides crashes and
 * sanitizer reports it checks what form.h promises: limits hold, every
 * decoded key and value is valid UTF-8 without control characters (values
 * may keep tabs and line breaks, never CR), and form_encode round-trips.
 * Run through fuzz/run; not part of make check.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "http/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *s)
{
	fprintf(stderr, "form_fuzz: %s: \"%s\"\n", what, s);
	abort();
}

/* Valid UTF-8, no NUL, no control byte except (when breaks) tab and LF. */
static void check_clean(const char *s, int breaks, const char *what)
{
	if (!utf8_valid(s, strlen(s)))
		fail(what, s);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && !(breaks && (*p == '\t' || *p == '\n'))) || *p == 0x7f)
			fail(what, s);
}

static void check_round_trip(struct region *a, const char *s)
{
	struct buf b = BUF_INIT(1 << 20);
	form_encode(&b, s);
	if (b.overflow)
		fail("form_encode overflowed", s);
	for (const char *p = buf_str(&b); *p; p++)
		if (strchr(" &=+/?#<>\"'\t\n", *p))
			fail("form_encode left a reserved character", s);
	char *back;
	if (form_decode(a, buf_str(&b), b.len, 1, 1, &back) != FORM_OK || strcmp(back, s) != 0)
		fail("form_encode does not round-trip", s);
	buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct region *a = region_new();

	/* The first byte picks the limits, so small limits get exercised. */
	struct form_limits lim = { 1 + (size ? data[0] % 16 : 0), 1 + (size ? data[0] % 40 : 0), 64 };
	struct kvlist l;
	if (form_parse(a, s, size, &lim, &l) == FORM_OK) {
		if (l.n > lim.max_fields)
			fail("more fields than max_fields", "");
		for (size_t i = 0; i < l.n; i++) {
			if (strlen(l.items[i].key) > lim.max_key || strlen(l.items[i].value) > lim.max_value)
				fail("field past its limit", l.items[i].key);
			check_clean(l.items[i].key, 0, "bad key");
			check_clean(l.items[i].value, 1, "bad value");
			if (strchr(l.items[i].value, '\r'))
				fail("CR left in a value", l.items[i].value);
			check_round_trip(a, l.items[i].value);
			if (kv_get(&l, l.items[i].key) == NULL)
				fail("kv_get misses a parsed key", l.items[i].key);
		}
	}

	for (int mode = 0; mode < 4; mode++) {
		char *out = NULL;
		if (form_decode(a, s, size, mode & 1, mode >> 1, &out) == FORM_OK) {
			if (strlen(out) > size)
				fail("decoded longer than encoded", out);
			check_clean(out, mode >> 1, "bad decoded text");
		}
	}

	/* A Cookie header is a C string: cut at the first NUL. */
	char *h = malloc(size + 1);
	memcpy(h, data, size);
	h[size] = '\0';
	cookie_parse(a, h, &l);
	for (size_t i = 0; i < l.n; i++) {
		if (*l.items[i].key == '\0')
			fail("empty cookie name", "");
		if (!utf8_valid(l.items[i].key, strlen(l.items[i].key)) ||
		    !utf8_valid(l.items[i].value, strlen(l.items[i].value)))
			fail("cookie not valid UTF-8", l.items[i].key);
		if (strpbrk(l.items[i].key, ";=") || strchr(l.items[i].value, ';'))
			fail("cookie pair not split", l.items[i].key);
#ifdef FUZZ_STRICT
		/* form.h: "Every decoded key and value is valid UTF-8 without
		 * control characters" -- cookie values are not decoded, though. */
		check_clean(l.items[i].key, 0, "control byte in cookie name");
		check_clean(l.items[i].value, 0, "control byte in cookie value");
#endif
	}
	free(h);
	region_free(a);
	return 0;
}
