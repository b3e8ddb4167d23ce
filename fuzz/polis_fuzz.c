/*
 * polis_fuzz.c: libFuzzer harness for the Pol.is openData reader
 * (src/opinion/opendata.c), which reads files from outside in
 * `samskab opinion` and `samskab polis-import`. The input is split at
 * form feeds into comments.csv, votes.csv and participants-votes.csv;
 * whatever they hold, the reader refuses with a message or gives arrays
 * that hold together: every vote's statement and participant index is in
 * range, its value is -1, 0 or 1, and the order groups every vote once.
 * Run long through fuzz/run (make fuzz); make check replays the corpus.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opinion/opendata.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what)
{
	fprintf(stderr, "polis_fuzz: %s\n", what);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *part[3] = { "", "", "" };
	size_t len[3] = { 0, 0, 0 };
	const char *p = (const char *)data, *end = p + size;
	for (int i = 0; i < 3 && p <= end; i++) {
		const char *ff = memchr(p, '\f', (size_t)(end - p));
		part[i] = p;
		len[i] = (size_t)((ff ? ff : end) - p);
		p = ff ? ff + 1 : end + 1;
	}
	struct opendata od;
	opendata_init(&od);
	char err[256];
	struct csv c;
	int ok = 1;
	csv_init_mem(&c, part[0], len[0]);
	ok = opendata_comments(&od, &c, err, sizeof err) == 0;
	csv_free(&c);
	int have_votes = len[1] > 0;
	if (ok && have_votes) {
		csv_init_mem(&c, part[1], len[1]);
		ok = opendata_votes(&od, &c, err, sizeof err) == 0;
		csv_free(&c);
	}
	if (ok && len[2] > 0) {
		csv_init_mem(&c, part[2], len[2]);
		ok = opendata_participants(&od, &c, !have_votes, err, sizeof err) == 0;
		csv_free(&c);
	}
	if (ok)
		ok = opendata_order(&od, err, sizeof err) == 0;
	if (!ok && strstr(err, "line ") == NULL)
		fail("a refusal without a line");
	if (ok) {
		for (size_t i = 0; i < od.n_votes; i++) {
			const struct opinion_vote *v = &od.votes[i];
			if (v->statement >= od.n_statements || v->participant >= od.n_participants)
				fail("a vote out of range");
			if (v->value < -1 || v->value > 1)
				fail("a vote that is not -1, 0 or 1");
		}
		struct opinion_input in;
		opendata_input(&od, &in);
		if (in.n_participants != od.n_participants || in.n_statements != od.n_statements)
			fail("the input to the map does not match what was read");
		size_t grouped = 0;
		for (uint32_t i = 0; i < od.n_grouped; i++)
			grouped += od.vote_start[i + 1] - od.vote_start[i];
		if (od.n_grouped && grouped != od.n_votes)
			fail("the order does not group every vote once");
	}
	opendata_free(&od);
	return 0;
}
