/*
 * bench.c: the guide matching on a large synthetic programme, with the
 * programme's real hard rules and score (src/match/rules.c): NEWCOMERS
 * newcomers and GUIDES guides of capacity CAP (people.h) in 30 local
 * areas spread over a 50 x 50 km municipality. Deterministic (fixed
 * seed). Weights: 10 per shared interest, 3 per step of nearness, 1 per
 * week waited.
 *
 * Lists the allowed pairs with match_check, then solves with match_solve,
 * timing both; writes the instance (int32 newcomers, guides, npairs; int32
 * capacity[guides]; int32 newcomer, guide, score per pair) for
 * reference.py, and prints one JSON line: pairs, matched, total, and the
 * milliseconds of listing and of solving (medians of RUNS solves).
 *
 *   bench OUT.bin [NEWCOMERS GUIDES CAP RUNS]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "match/match.h"
#include "people.h"

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

#define AREAS 30

int main(int argc, char **argv)
{
	if (argc != 2 && argc != 6) {
		fprintf(stderr, "usage: bench OUT.bin [NEWCOMERS GUIDES CAP RUNS]\n");
		return 2;
	}
	int32_t nn = argc == 6 ? atoi(argv[2]) : 10000, ng = argc == 6 ? atoi(argv[3]) : 5000;
	int32_t cap = argc == 6 ? atoi(argv[4]) : 2;
	int runs = argc == 6 ? atoi(argv[5]) : 5;

	int32_t lat[AREAS], lon[AREAS], km[AREAS * AREAS];
	for (int a = 0; a < AREAS; a++) {
		/* 50 km ~ 0.45 degrees of latitude, 0.79 of longitude at 55 N */
		lat[a] = 55100000 + (int32_t)(people_rnd() % 450000);
		lon[a] = 9800000 + (int32_t)(people_rnd() % 790000);
	}
	for (int a = 0; a < AREAS; a++)
		for (int b = 0; b < AREAS; b++)
			km[a * AREAS + b] = match_km(lat[a], lon[a], lat[b], lon[b]);

	struct match_guide *g = calloc((size_t)ng, sizeof *g);
	struct match_newcomer *n = calloc((size_t)nn, sizeof *n);
	for (int32_t j = 0; j < ng; j++)
		g[j] = people_guide(AREAS, cap);
	for (int32_t i = 0; i < nn; i++) {
		enum target_group target;
		n[i] = people_newcomer(AREAS, &target);
	}
	struct match_round r = { nn, ng, AREAS, n, g, km, { 10, 3, 1 }, NULL, 0, NULL, 0 };

	double t0 = now_ms();
	size_t npairs = 0, room = 1 << 20;
	struct match_pair *pairs = malloc(room * sizeof *pairs);
	for (int32_t i = 0; i < nn; i++)
		for (int32_t j = 0; j < ng; j++) {
			int64_t score;
			if (match_check(&r, i, j, &score) != MATCH_RULE__MAX)
				continue;
			if (npairs == room)
				pairs = realloc(pairs, (room *= 2) * sizeof *pairs);
			pairs[npairs++] = (struct match_pair){ i, j, score };
		}
	double list_ms = now_ms() - t0;

	int32_t *capacity = malloc((size_t)ng * sizeof *capacity);
	for (int32_t j = 0; j < ng; j++)
		capacity[j] = g[j].capacity;
	struct match_instance in = { nn, ng, capacity, pairs, npairs };
	int32_t *guide_of = malloc((size_t)nn * sizeof *guide_of);
	struct match_solution sol = { 0, 0 };
	double *ms = malloc((size_t)runs * sizeof *ms);
	char err[256];
	for (int k = 0; k < runs; k++) {
		t0 = now_ms();
		if (match_solve(&in, guide_of, &sol, err, sizeof err) != MATCH_OK) {
			fprintf(stderr, "bench: %s\n", err);
			return 1;
		}
		ms[k] = now_ms() - t0;
	}
	qsort(ms, (size_t)runs, sizeof *ms, cmp_double);

	FILE *f = fopen(argv[1], "wb");
	if (f == NULL) {
		perror(argv[1]);
		return 1;
	}
	int32_t head[3] = { nn, ng, (int32_t)npairs };
	fwrite(head, sizeof head, 1, f);
	fwrite(capacity, sizeof *capacity, (size_t)ng, f);
	for (size_t k = 0; k < npairs; k++) {
		int32_t t[3] = { pairs[k].newcomer, pairs[k].guide, (int32_t)pairs[k].score };
		fwrite(t, sizeof t, 1, f);
	}
	if (fclose(f) != 0) {
		perror(argv[1]);
		return 1;
	}
	printf("{\"pairs\": %zu, \"matched\": %d, \"total\": %lld, \"list_ms\": %.1f, "
	       "\"solve_ms\": %.1f}\n",
	       npairs, sol.matched, (long long)sol.total, list_ms, ms[runs / 2]);
	free(ms);
	free(guide_of);
	free(capacity);
	free(pairs);
	free(g);
	free(n);
	return 0;
}
