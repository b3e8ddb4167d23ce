/*
 * diff.c: times the word-by-word difference (core/textdiff.c) between two
 * revisions of a 20,000-word proposal, and the three-way merge
 * (core/textmerge.c) of two writers' revisions of it: for a revision that
 * changes a sentence in 5 of its 200 paragraphs, and one that changes 2 %
 * of the words all through. Prints the median and the slowest of RUNS
 * runs, in milliseconds of CPU time.
 *
 *   diff [RUNS]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/region.h"
#include "core/textdiff.h"
#include "core/textmerge.h"
#include "words.h"

enum { WORDS = 20000, PARAGRAPH = 100 };


/* The text; with change_every > 0 every change_every-th word replaced,
 * with paragraphs listed, a word in those paragraphs. */
static char *text(unsigned change_every, const int *paragraphs, int nparagraphs, const char *mark)
{
	struct buf b = BUF_INIT(1 << 24);
	seed = 7;
	for (int i = 0; i < WORDS; i++) {
		const char *w = words[next() % NWORDS];
		int para = i / PARAGRAPH, changed = change_every && (unsigned)i % change_every == change_every - 1;
		for (int k = 0; k < nparagraphs; k++)
			changed |= paragraphs[k] == para && i % PARAGRAPH == 40;
		buf_puts(&b, changed ? mark : w);
		buf_puts(&b, i % PARAGRAPH == PARAGRAPH - 1 ? ".\n\n" : i % 12 == 11 ? ". " : " ");
	}
	return buf_take(&b, NULL);
}

/* CPU time of this process: the machine may be shared, and wall time
 * then measures the others too. */
static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void report(const char *what, double *ms, int runs)
{
	qsort(ms, (size_t)runs, sizeof *ms, cmp);
	printf("%-58s %8.2f %8.2f\n", what, ms[runs / 2], ms[runs - 1]);
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 51;
	if (runs < 1)
		runs = 1;
	const int few[] = { 3, 47, 101, 150, 199 }, others[] = { 10, 60, 120, 170, 190 };
	char *base = text(0, NULL, 0, NULL);
	char *few_a = text(0, few, 5, "ændret"), *few_b = text(0, others, 5, "rettet");
	char *all = text(50, NULL, 0, "ændret");
	double *ms = calloc((size_t)runs, sizeof *ms);
	size_t n = strlen(base);
	printf("20,000 words (%zu bytes), %d runs                          %8s %8s\n", n, runs, "median", "max");
	struct {
		const char *what, *new;
	} diffs[] = { { "diff: a sentence changed in 5 of 200 paragraphs", few_a },
		      { "diff: 2 % of the words changed all through", all } };
	for (size_t d = 0; d < sizeof diffs / sizeof diffs[0]; d++) {
		for (int r = -1; r < runs; r++) { /* one run to warm up */
			struct region *a = region_new();
			struct textdiff out;
			double t0 = now_ms();
			if (textdiff_run(a, base, n, diffs[d].new, strlen(diffs[d].new), &out) != 0) {
				fprintf(stderr, "diff failed\n");
				return 1;
			}
			if (r >= 0)
				ms[r] = now_ms() - t0;
			region_free(a);
		}
		report(diffs[d].what, ms, runs);
	}
	for (int r = 0; r < runs; r++) {
		struct region *a = region_new();
		struct textmerge out;
		double t0 = now_ms();
		if (textmerge_run(a, base, few_a, few_b, &out) != 0 || out.conflicts != 0) {
			fprintf(stderr, "merge failed\n");
			return 1;
		}
		ms[r] = now_ms() - t0;
		region_free(a);
	}
	report("merge: two writers, 5 paragraphs each, apart", ms, runs);
	free(ms);
	free(base);
	free(few_a);
	free(few_b);
	free(all);
	return 0;
}
