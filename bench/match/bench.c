/*
 * bench.c: the guide matching on a large synthetic programme, with the
 * programme's real hard rules and score (src/match/rules.c): NEWCOMERS
 * newcomers and GUIDES guides of capacity CAP in 30 local areas spread
 * over a 50 x 50 km municipality. Deterministic (fixed seed).
 *
 * Guides: nearly all speak Danish, many English, a few Arabic, Ukrainian,
 * Tigrinya, Dari, Somali, Polish or Turkish; will go 2 to 25 km; 2-5 of
 * 20 interests; free on some of weekday daytime, evenings, weekends; 60 %
 * with a checked child-protection record. Newcomers: half refugees
 * (Arabic, Ukrainian, Tigrinya, Dari, Somali or Kurdish, some with English
 * or some Danish; a quarter prefer a guide of their own gender), 30 %
 * young people (Danish; half under 18), 20 % on long-term sick leave
 * (Danish); waited 0-365 days. Weights: 10 per shared interest, 3 per step
 * of nearness, 1 per week waited.
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

static uint64_t state = 20160704;

static uint64_t rnd(void)
{
	uint64_t z = (state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static int pct(int p)
{
	return (int)(rnd() % 100) < p;
}

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

enum { DA, EN, DE, AR, UK, TI, FA, SO, PL, TR, KU };
#define AREAS 30
#define BIT(x) (1ull << (x))

static uint8_t availability(void)
{
	uint8_t a = 0;
	while (a == 0)
		a = (uint8_t)((pct(35) ? MATCH_WEEKDAY_DAYTIME : 0) |
			      (pct(60) ? MATCH_WEEKDAY_EVENINGS : 0) | (pct(55) ? MATCH_WEEKENDS : 0));
	return a;
}

static uint64_t interests(int lo, int hi)
{
	uint64_t s = 0;
	int k = lo + (int)(rnd() % (uint64_t)(hi - lo + 1));
	while (__builtin_popcountll(s) < k)
		s |= BIT(rnd() % 20);
	return s;
}

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
		lat[a] = 55100000 + (int32_t)(rnd() % 450000);
		lon[a] = 9800000 + (int32_t)(rnd() % 790000);
	}
	for (int a = 0; a < AREAS; a++)
		for (int b = 0; b < AREAS; b++)
			km[a * AREAS + b] = match_km(lat[a], lon[a], lat[b], lon[b]);

	struct match_guide *g = calloc((size_t)ng, sizeof *g);
	struct match_newcomer *n = calloc((size_t)nn, sizeof *n);
	static const int32_t reach[] = { 2, 5, 5, 10, 10, 10, 15, 15, 25 };
	for (int32_t j = 0; j < ng; j++) {
		g[j].area = (int32_t)(rnd() % AREAS);
		g[j].reach_km = reach[rnd() % (sizeof reach / sizeof reach[0])];
		uint64_t l = 0;
		static const struct { int lang, p; } speaks[] = {
			{ DA, 95 }, { EN, 70 }, { DE, 15 }, { AR, 8 }, { UK, 3 },
			{ TI, 1 },  { FA, 3 },  { SO, 2 },  { PL, 3 }, { TR, 3 },
		};
		for (size_t k = 0; k < sizeof speaks / sizeof speaks[0]; k++)
			if (pct(speaks[k].p))
				l |= BIT(speaks[k].lang);
		g[j].languages = l ? l : BIT(DA);
		g[j].interests = interests(2, 5);
		g[j].availability = availability();
		g[j].gender = pct(50) ? MATCH_GENDER_WOMAN : MATCH_GENDER_MAN;
		g[j].record_checked = (uint8_t)pct(60);
		g[j].capacity = cap;
	}
	static const int refugee_lang[] = { AR, AR, AR, UK, UK, TI, FA, SO, KU, AR };
	for (int32_t i = 0; i < nn; i++) {
		n[i].area = (int32_t)(rnd() % AREAS);
		n[i].interests = interests(1, 4);
		n[i].availability = availability();
		n[i].gender = pct(50) ? MATCH_GENDER_WOMAN : MATCH_GENDER_MAN;
		n[i].waited_days = (int32_t)(rnd() % 366);
		int kind = (int)(rnd() % 10);
		if (kind < 5) { /* refugee */
			n[i].languages = BIT(refugee_lang[rnd() % 10]) | (pct(40) ? BIT(EN) : 0) |
					 (pct(30) ? BIT(DA) : 0);
			if (pct(25))
				n[i].flags |= MATCH_SAME_GENDER;
			if (pct(10))
				n[i].flags |= MATCH_MINOR;
		} else if (kind < 8) { /* young person */
			n[i].languages = BIT(DA) | (pct(60) ? BIT(EN) : 0);
			if (pct(50))
				n[i].flags |= MATCH_MINOR;
		} else { /* long-term sick leave */
			n[i].languages = BIT(DA);
		}
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
