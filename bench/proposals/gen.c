/*
 * gen.c: fills a demo database (made by `samskab demo`) for the proposal
 * benchmark, through the model as the pages write: an arena with 1,000
 * proposals (about 80 words each, a few supports and comments each), and
 * in it one proposal with 100 revisions by 20 people (about 1,000 words,
 * each revision changing a sentence) and 300 comments (100 threads of a
 * comment and two replies). Deterministic. Prints the arena's and the big
 * proposal's ids: "ARENA PROPOSAL".
 *
 *   gen DB
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/region.h"
#include "core/secret.h"
#include "model/arena.h"
#include "model/comment.h"
#include "model/proposal.h"
#include "model/revision.h"
#include "model/support.h"
#include "model/account.h"
#include "words.h"

enum { PROPOSALS = 1000, PEOPLE = 20, REVISIONS = 100, THREADS = 100, BIG_WORDS = 1000 };


/* About n words in sentences of 12 and paragraphs of 8 sentences. */
static void prose(struct buf *b, int n)
{
	for (int i = 0; i < n; i++) {
		const char *w = words[next() % NWORDS];
		buf_puts(b, w);
		buf_puts(b, i + 1 == n ? "." : i % 96 == 95 ? ".\n\n" : i % 12 == 11 ? ". " : " ");
	}
}

static int fail(const char *what, struct store *db)
{
	fprintf(stderr, "gen: %s failed: %s\n", what, store_error(db));
	return 1;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: gen DB\n");
		return 2;
	}
	if (secret_init() != 0)
		return fail("libsodium", NULL);
	char err[256];
	struct store_options opt = { .busy_ms = 5000 };
	struct store *db = store_open(argv[1], &opt, err, sizeof err);
	if (db == NULL) {
		fprintf(stderr, "gen: %s\n", err);
		return 1;
	}
	seed = 2016;
	struct region *a = region_new();
	struct field_errors errs = { .n = 0 };
	int64_t people[PEOPLE], arena, big = 0;
	if (store_begin(db) != STORE_OK)
		return fail("begin", db);
	for (int i = 0; i < PEOPLE; i++) {
		char email[64], name[64];
		snprintf(email, sizeof email, "person%d@bench.example", i);
		snprintf(name, sizeof name, "Person %d", i);
		if (account_create(db, a, email, name, "bench-password", "da", &people[i], &errs) != MODEL_OK)
			return fail("account_create", db);
	}
	struct arena in = { .title = "Benchmark: 1.000 forslag", .theme_id = 1, .description = "", .lang = "da" };
	if (arena_create(db, &in, NULL, 0, people[0], "bench", &arena, &errs) != MODEL_OK)
		return fail("arena_create", db);
	struct buf b = BUF_INIT(1 << 20);
	for (int i = 0; i < PROPOSALS; i++) {
		char title[80];
		int64_t id;
		snprintf(title, sizeof title, "Forslag %d: %s og %s", i + 1, words[next() % NWORDS], words[next() % NWORDS]);
		buf_reset(&b);
		prose(&b, 80);
		if (proposal_create(db, arena, 0, title, buf_str(&b), "da", people[i % PEOPLE], &id, &errs) != MODEL_OK)
			return fail("proposal_create", db);
		for (int s = 0; s < i % 5; s++)
			if (support_add(db, id, people[(i + s) % PEOPLE], 0) != MODEL_OK)
				return fail("support_add", db);
		for (int c = 0; c < i % 3; c++) {
			int64_t cid;
			if (comment_add(db, id, 0, people[(i + c) % PEOPLE], "En kommentar til forslaget.", "da", &cid,
					&errs) != MODEL_OK)
				return fail("comment_add", db);
		}
	}
	buf_reset(&b);
	prose(&b, BIG_WORDS);
	const char *title = "Et forslag med 100 versioner og 300 kommentarer";
	if (proposal_create(db, arena, 0, title, buf_str(&b), "da", people[0], &big, &errs) != MODEL_OK)
		return fail("proposal_create", db);
	char *text = buf_take(&b, NULL);
	for (int r = 2; r <= REVISIONS; r++) {
		/* Each revision changes one word somewhere in the text. */
		size_t n = strlen(text), at = next() % n;
		while (at < n && text[at] != ' ')
			at++;
		struct buf nb = BUF_INIT(1 << 20);
		buf_put(&nb, text, at);
		buf_printf(&nb, " ændret%d", r);
		buf_puts(&nb, text + at);
		free(text);
		text = buf_take(&nb, NULL);
		struct revision_save s = { .proposal_id = big, .base = r - 1, .title = title, .text = text,
					   .note = "En rettelse", .author = people[r % PEOPLE], .kind = REVISION_EDIT };
		struct revision_result out;
		if (revision_save(db, a, &s, &out, &errs) != MODEL_OK)
			return fail("revision_save", db);
	}
	free(text);
	for (int t = 0; t < THREADS; t++) {
		int64_t top, reply;
		if (comment_add(db, big, 0, people[t % PEOPLE], "Hvad koster det, og hvem betaler for maden?", "da", &top,
				&errs) != MODEL_OK ||
		    comment_add(db, big, top, people[(t + 1) % PEOPLE], "Kommunen betaler det første år.", "da", &reply,
				&errs) != MODEL_OK ||
		    comment_add(db, big, top, people[(t + 2) % PEOPLE], "Og foreningerne står for maden.", "da", &reply,
				&errs) != MODEL_OK)
			return fail("comment_add", db);
	}
	for (int s = 0; s < PEOPLE; s++)
		if (support_add(db, big, people[s], 0) != MODEL_OK)
			return fail("support_add", db);
	if (store_commit(db) != STORE_OK)
		return fail("commit", db);
	buf_free(&b);
	region_free(a);
	store_close(db);
	printf("%lld %lld\n", (long long)arena, (long long)big);
	return 0;
}
