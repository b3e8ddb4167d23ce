/*
 * csv_fuzz.c: libFuzzer harness for src/core/csv.c, the reader of every
 * CSV file from outside (Pol.is exports, imports). The same bytes are
 * read from memory and through the chunked reader with small chunks (the
 * first byte picks their size): both must give the same records or the
 * same error. Every record read is written back with csv_put and read
 * again to the same fields.
 * Run long through fuzz/run (make fuzz); make check replays the corpus.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, unsigned long line)
{
	fprintf(stderr, "csv_fuzz: %s (record at line %lu)\n", what, line);
	abort();
}

struct chunks {
	const uint8_t *p;
	size_t left, step;
};

static long chunk_read(void *ctx, char *dst, size_t n)
{
	struct chunks *c = ctx;
	size_t k = c->left < c->step ? c->left : c->step;
	if (k > n)
		k = n;
	memcpy(dst, c->p, k);
	c->p += k;
	c->left -= k;
	return (long)k;
}

/* Writes the record and reads it back: the same fields. */
static void round_trip(const struct csv *c)
{
	struct buf b = BUF_INIT(1 << 24);
	for (size_t i = 0; i < c->nfield; i++) {
		char *f = malloc(c->field[i].len + 1);
		memcpy(f, c->field[i].s, c->field[i].len);
		f[c->field[i].len] = '\0';
		if (csv_put(&b, f) != 0)
			fail("csv_put refused a field it read", c->line);
		free(f);
	}
	csv_end(&b);
	struct csv back;
	csv_init_mem(&back, buf_str(&b), b.len);
	if (csv_next(&back) != 1 || back.nfield != c->nfield)
		fail("a written record reads back differently", c->line);
	for (size_t i = 0; i < c->nfield; i++)
		if (back.field[i].len != c->field[i].len || memcmp(back.field[i].s, c->field[i].s, c->field[i].len))
			fail("a written field reads back differently", c->line);
	if (csv_next(&back) != 0)
		fail("a written record reads back as more than one", c->line);
	csv_free(&back);
	buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv m, r;
	struct chunks ch = { data, size, 1 + (size ? data[0] % 7 : 0) };
	csv_init_mem(&m, (const char *)data, size);
	csv_init_read(&r, chunk_read, &ch);
	for (;;) {
		int a = csv_next(&m), b = csv_next(&r);
		if (a != b)
			fail("memory and chunked reading disagree", m.line);
		if (a != 1) {
			if (a < 0 && strcmp(csv_error(&m), csv_error(&r)) != 0)
				fail("memory and chunked reading give different errors", m.line);
			break;
		}
		if (m.nfield != r.nfield || m.line != r.line)
			fail("memory and chunked reading give different records", m.line);
		for (size_t i = 0; i < m.nfield; i++)
			if (m.field[i].len != r.field[i].len || memcmp(m.field[i].s, r.field[i].s, m.field[i].len))
				fail("memory and chunked reading give different fields", m.line);
		round_trip(&m);
	}
	csv_free(&m);
	csv_free(&r);
	return 0;
}
