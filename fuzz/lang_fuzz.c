/*
 * lang_fuzz.c: libFuzzer harness for the Accept-Language negotiation and
 * the language cookie (src/core/i18n.c): whatever the header says, the
 * answer is one of the catalogues or none, and a catalogue is only ever
 * picked for a tag the header names (or a prefix of one).
 * Run long through fuzz/run (make fuzz); make check replays the corpus.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/i18n.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *s)
{
	fprintf(stderr, "lang_fuzz: %s: \"%s\"\n", what, s);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_i18n_once();
	/* A header value is a C string: cut at the first NUL. */
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	const struct lang *l = i18n_negotiate(s);
	if (l) {
		if (i18n_find(l->code) != l)
			fail("negotiated a language that is not a catalogue", s);
		if (strcasestr(s, l->code) == NULL)
			fail("picked a language the header does not name", s);
	}
	const struct lang *c = i18n_find(s);
	if (c && strcmp(c->code, s) != 0 && strcasecmp(c->code, s) != 0)
		fail("the cookie's code found another language", s);
	free(s);
	return 0;
}
