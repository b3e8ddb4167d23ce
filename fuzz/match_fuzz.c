/*
 * match_fuzz.c: libFuzzer harness for src/match/solve.c. The input
 * becomes a small instance (up to 6 newcomers, 4 guides, capacities 0-3,
 * any subset of pairs, scores -20..20, pairs in the input's order, some
 * out of range or repeated); match_solve must refuse exactly the invalid
 * ones, and on the valid ones return an assignment that uses only allowed
 * pairs and respects capacities, whose count and total are those of the
 * optimum found by trying every assignment (at most 5^6). An oracle in C,
 * beside the Python ones of tests/match/oracle_test.c.
 * Run through fuzz/run; not part of make check.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/match.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAXN = 6, MAXG = 4 };

struct best {
	int32_t matched;
	int64_t total;
};

/* Every assignment of newcomers i.. given the loads so far. */
static void search(int i, int n, int g, const int32_t *cap, const int64_t score[MAXN][MAXG],
		   const int allowed[MAXN][MAXG], int32_t *load, int32_t matched, int64_t total,
		   struct best *b)
{
	if (i == n) {
		if (matched > b->matched || (matched == b->matched && total > b->total)) {
			b->matched = matched;
			b->total = total;
		}
		return;
	}
	search(i + 1, n, g, cap, score, allowed, load, matched, total, b);
	for (int j = 0; j < g; j++) {
		if (!allowed[i][j] || load[j] >= cap[j])
			continue;
		load[j]++;
		search(i + 1, n, g, cap, score, allowed, load, matched + 1, total + score[i][j], b);
		load[j]--;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	int n = data[0] % (MAXN + 1), g = data[1] % (MAXG + 1);
	size_t at = 2;
	int32_t cap[MAXG] = { 0 };
	for (int j = 0; j < g && at < size; j++)
		cap[j] = data[at++] % 4;
	struct match_pair pairs[64];
	size_t np = 0;
	int allowed[MAXN][MAXG] = { { 0 } }, valid = 1;
	int64_t score[MAXN][MAXG] = { { 0 } };
	while (at + 2 < size && np < 64) {
		/* Indices slightly beyond the ranges, to be refused. */
		int32_t i = data[at] % (MAXN + 2), j = data[at + 1] % (MAXG + 2);
		int64_t s = (int64_t)(data[at + 2] % 41) - 20;
		at += 3;
		pairs[np++] = (struct match_pair){ i, j, s };
		if (i >= n || j >= g || allowed[i][j]) {
			valid = 0;
			continue;
		}
		allowed[i][j] = 1;
		score[i][j] = s;
	}
	struct match_instance in = { n, g, cap, pairs, np };
	int32_t guide_of[MAXN];
	struct match_solution sol;
	char err[256];
	enum match_err rc = match_solve(&in, guide_of, &sol, err, sizeof err);
	if ((rc == MATCH_OK) != valid) {
		fprintf(stderr, "valid %d but rc %d (%s)\n", valid, rc, err);
		abort();
	}
	if (!valid)
		return 0;
	int32_t load[MAXG] = { 0 }, matched = 0;
	int64_t total = 0;
	for (int i = 0; i < n; i++) {
		int32_t j = guide_of[i];
		if (j < 0)
			continue;
		if (j >= g || !allowed[i][j] || ++load[j] > cap[j]) {
			fprintf(stderr, "newcomer %d given guide %d: not allowed or over capacity\n", i, j);
			abort();
		}
		matched++;
		total += score[i][j];
	}
	struct best b = { 0, 0 };
	int32_t scratch[MAXG] = { 0 };
	search(0, n, g, cap, score, allowed, scratch, 0, 0, &b);
	if (matched != sol.matched || total != sol.total || matched != b.matched || total != b.total) {
		fprintf(stderr, "solve %d/%lld (reported %d/%lld), optimum %d/%lld\n", matched,
			(long long)total, sol.matched, (long long)sol.total, b.matched, (long long)b.total);
		abort();
	}
	return 0;
}
