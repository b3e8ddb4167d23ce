/*
 * people.h: synthetic guides and newcomers for the matching benchmarks
 * (bench.c: a solver-sized programme; programme.c: a municipality's, in
 * a database), drawn the same way, deterministically, with bits that are
 * model/vocab.h's (so they can be stored).
 *
 * Guides: nearly all speak Danish, many English, a few Arabic, Ukrainian,
 * Tigrinya, Farsi, Somali, Polish or Turkish; will go 2 to 25 km; 2-5 of
 * 20 interests; free on some of weekday daytime, evenings, weekends; 60 %
 * with a checked child-protection record. Newcomers: half refugees
 * (Arabic, Ukrainian, Tigrinya, Farsi, Somali or Kurdish, some with
 * English or some Danish; a quarter prefer a guide of their own gender,
 * a tenth under 18), 30 % young people (Danish; half under 18), 20 % on
 * long-term sick leave (Danish); waited 0-365 days.
 */
#ifndef SAMSKAB_BENCH_MATCH_PEOPLE_H
#define SAMSKAB_BENCH_MATCH_PEOPLE_H

#include <stdint.h>

#include "match/match.h"
#include "model/vocab.h"

static uint64_t people_state = 20160704;

static inline uint64_t people_rnd(void)
{
	uint64_t z = (people_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static inline int people_pct(int p)
{
	return (int)(people_rnd() % 100) < p;
}

static inline uint64_t people_lang(const char *code)
{
	return 1ull << vocab_parse(&vocab_languages, code);
}

static inline uint8_t people_times(void)
{
	uint8_t a = 0;
	while (a == 0)
		a = (uint8_t)((people_pct(35) ? MATCH_WEEKDAY_DAYTIME : 0) |
			      (people_pct(60) ? MATCH_WEEKDAY_EVENINGS : 0) |
			      (people_pct(55) ? MATCH_WEEKENDS : 0));
	return a;
}

static inline uint64_t people_interests(int lo, int hi)
{
	uint64_t s = 0;
	int k = lo + (int)(people_rnd() % (uint64_t)(hi - lo + 1));
	while (__builtin_popcountll(s) < k)
		s |= 1ull << (people_rnd() % (uint64_t)vocab_interests.n);
	return s;
}

/* A guide in one of areas areas, with capacity places. */
static inline struct match_guide people_guide(int32_t areas, int32_t capacity)
{
	static const int32_t reach[] = { 2, 5, 5, 10, 10, 10, 15, 15, 25 };
	static const struct {
		const char *code;
		int p;
	} speaks[] = {
		{ "da", 95 }, { "en", 70 }, { "de", 15 }, { "ar", 8 }, { "uk", 3 },
		{ "ti", 1 },  { "fa", 3 },  { "so", 2 },  { "pl", 3 }, { "tr", 3 },
	};
	struct match_guide g = { 0 };
	g.area = (int32_t)(people_rnd() % (uint64_t)areas);
	g.reach_km = reach[people_rnd() % (sizeof reach / sizeof reach[0])];
	for (size_t k = 0; k < sizeof speaks / sizeof speaks[0]; k++)
		if (people_pct(speaks[k].p))
			g.languages |= people_lang(speaks[k].code);
	if (g.languages == 0)
		g.languages = people_lang("da");
	g.interests = people_interests(2, 5);
	g.availability = people_times();
	g.gender = people_pct(50) ? MATCH_GENDER_WOMAN : MATCH_GENDER_MAN;
	g.record_checked = (uint8_t)people_pct(60);
	g.capacity = capacity;
	return g;
}

/* A newcomer in one of areas areas; *target their target group. */
static inline struct match_newcomer people_newcomer(int32_t areas, enum target_group *target)
{
	static const char *const refugee[] = { "ar", "ar", "ar", "uk", "uk", "ti", "fa", "so", "ku", "ar" };
	struct match_newcomer n = { 0 };
	n.area = (int32_t)(people_rnd() % (uint64_t)areas);
	n.interests = people_interests(1, 4);
	n.availability = people_times();
	n.gender = people_pct(50) ? MATCH_GENDER_WOMAN : MATCH_GENDER_MAN;
	n.waited_days = (int32_t)(people_rnd() % 366);
	int kind = (int)(people_rnd() % 10);
	if (kind < 5) {
		*target = TARGET_REFUGEE;
		n.languages = people_lang(refugee[people_rnd() % 10]) | (people_pct(40) ? people_lang("en") : 0) |
			      (people_pct(30) ? people_lang("da") : 0);
		if (people_pct(25))
			n.flags |= MATCH_SAME_GENDER;
		if (people_pct(10))
			n.flags |= MATCH_MINOR;
	} else if (kind < 8) {
		*target = TARGET_YOUNG;
		n.languages = people_lang("da") | (people_pct(60) ? people_lang("en") : 0);
		if (people_pct(50))
			n.flags |= MATCH_MINOR;
	} else {
		*target = TARGET_SICK_LEAVE;
		n.languages = people_lang("da");
	}
	return n;
}

#endif
