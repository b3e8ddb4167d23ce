/*
 * polis_fuzz.c: libFuzzer harness for the Pol.is openData reader
 * (src/opinion/opendata.c), which reads files from outside in
 * `samskab opinion` and `samskab polis-import`. The input is split at
 * form feeds into comments.csv, votes.csv and participants-votes.csv;
 * whatever they hold, the reader refuses with a message or gives arrays
 * that hold together: every vote's statement and participant index is in
 * range, its value is -1, 0 or 1, and the order groups every vote once.
 * votes.csv is also read in two parts split at a line feed near its
 * middle (opendata_votes_split, as samskab opinion reads a large one):
 * the same votes, or the same message, or 1 (read it whole).
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

/* Reads votes.csv (text, len) after comments.csv into a fresh od, in two
 * parts split at the first line feed after the middle; the result of
 * opendata_votes_split, or 1 if there is no line feed to split at. */
static int read_split(struct opendata *od, const char *comments, size_t clen, const char *text,
		      size_t len, char *err, size_t errlen)
{
	struct csv c, head, tail;
	opendata_init(od);
	csv_init_mem(&c, comments, clen);
	int rc = opendata_comments(od, &c, err, errlen);
	csv_free(&c);
	const char *nl = memchr(text + len / 2, '\n', len - len / 2);
	if (rc != 0 || nl == NULL)
		return 1;
	size_t mid = (size_t)(nl + 1 - text);
	csv_init_mem(&head, text, mid);
	csv_init_mem(&tail, text + mid, len - mid);
	rc = opendata_votes_split(od, &head, &tail, csv_line_feeds(text, mid) + 1,
				  csv_line_feeds(text + mid, len - mid) + 1, err, errlen);
	csv_free(&head);
	csv_free(&tail);
	return rc;
}

/* The split read gave what the whole read gave: rc and err from it, od
 * the votes it read. */
static void check_split(const struct opendata *od, int rc, const char *err, const char *part[3],
			const size_t len[3])
{
	struct opendata sp;
	char serr[256];
	int src = read_split(&sp, part[0], len[0], part[1], len[1], serr, sizeof serr);
	if (src == 0 && rc == 0) {
		if (sp.n_votes != od->n_votes || sp.n_participants != od->n_participants)
			fail("a split read gives other votes than a whole one");
		for (size_t i = 0; i < od->n_votes; i++)
			if (memcmp(&sp.votes[i], &od->votes[i], sizeof sp.votes[i]) != 0 ||
			    sp.times[i] != od->times[i])
				fail("a split read gives other votes than a whole one");
	} else if (src != 1 && (src != rc || strcmp(serr, err) != 0)) {
		fail("a split read ends otherwise than a whole one");
	}
	opendata_free(&sp);
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
		int rc = opendata_votes(&od, &c, err, sizeof err);
		csv_free(&c);
		check_split(&od, rc, err, part, len);
		ok = rc == 0;
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
