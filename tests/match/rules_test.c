/*
 * rules_test.c: the programme's hard rules, score and reasons
 * (match/rules.c) on people described by hand: each hard rule excludes a
 * guide and is named as the reason, the score adds interests, nearness and
 * waiting by the coordinator's weights, locked pairs keep their places and
 * take a guide's room, rejected pairs are never proposed, facts of a pair
 * and the counts behind an unmatched newcomer, distances between real
 * towns, and invalid rounds refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "match/match.h"

enum { DA = 1, EN = 2, AR = 4, TI = 8 };           /* language bits */
enum { FOOTBALL = 1, COOKING = 2, CHESS = 4 };     /* interest bits */
enum { AARUP, ASSENS, GLAMSBJERG, AREAS };

/* Aarup-Assens 14 km, Aarup-Glamsbjerg 12 km, Assens-Glamsbjerg 17 km. */
static const int32_t km[AREAS * AREAS] = {
	0, 14, 12,
	14, 0, 17,
	12, 17, 0,
};

static struct match_guide guide(int32_t area, int32_t reach, uint64_t lang)
{
	return (struct match_guide){ area, reach, lang, FOOTBALL | COOKING,
				     MATCH_WEEKDAY_EVENINGS | MATCH_WEEKENDS, MATCH_GENDER_WOMAN, 1, 1 };
}

static struct match_newcomer newcomer(int32_t area, uint64_t lang)
{
	return (struct match_newcomer){ area, lang, FOOTBALL, MATCH_WEEKENDS, MATCH_GENDER_MAN, 0, 35 };
}

static struct match_round round_of(struct match_newcomer *n, int32_t nn, struct match_guide *g,
				   int32_t ng)
{
	return (struct match_round){ nn, ng, AREAS, n, g, km, { 10, 3, 1 }, NULL, 0, NULL, 0 };
}

static void test_each_rule(void **state)
{
	(void)state;
	struct match_newcomer n[] = { newcomer(AARUP, AR | EN) };
	struct match_guide g[] = { guide(AARUP, 5, DA | EN) };
	struct match_round r = round_of(n, 1, g, 1);
	int64_t score = -1;
	assert_int_equal(match_check(&r, 0, 0, &score), MATCH_RULE__MAX);
	/* 1 shared interest (football) x 10, same area: 10 steps x 3, 5 weeks x 1 */
	assert_int_equal(score, 10 + 30 + 5);

	g[0].area = ASSENS; /* 14 km away, goes 5 */
	assert_int_equal(match_check(&r, 0, 0, &score), MATCH_RULE_REACH);
	g[0].reach_km = 14; /* at the edge of reach: no nearness points */
	assert_int_equal(match_check(&r, 0, 0, &score), MATCH_RULE__MAX);
	assert_int_equal(score, 10 + 0 + 5);
	g[0].reach_km = 20; /* 10 * (20 - 14) / 20 = 3 steps */
	assert_int_equal(match_check(&r, 0, 0, &score), MATCH_RULE__MAX);
	assert_int_equal(score, 10 + 9 + 5);

	g[0].languages = DA;
	assert_int_equal(match_check(&r, 0, 0, &score), MATCH_RULE_LANGUAGE);
	g[0].languages = AR;
	g[0].availability = MATCH_WEEKDAY_DAYTIME;
	assert_int_equal(match_check(&r, 0, 0, &score), MATCH_RULE_AVAILABILITY);
	g[0].availability = MATCH_WEEKENDS;
	n[0].flags = MATCH_SAME_GENDER;
	assert_int_equal(match_check(&r, 0, 0, &score), MATCH_RULE_GENDER);
	g[0].gender = MATCH_GENDER_MAN;
	assert_int_equal(match_check(&r, 0, 0, &score), MATCH_RULE__MAX);
	n[0].flags = MATCH_MINOR;
	g[0].record_checked = 0;
	assert_int_equal(match_check(&r, 0, 0, &score), MATCH_RULE_RECORD);
	g[0].record_checked = 1;
	assert_int_equal(match_check(&r, 0, 0, &score), MATCH_RULE__MAX);

	/* The first failing rule is the one named: out of reach and no
	 * shared language is "out of reach". */
	g[0].area = GLAMSBJERG;
	g[0].reach_km = 2;
	g[0].languages = DA;
	assert_int_equal(match_check(&r, 0, 0, &score), MATCH_RULE_REACH);

	/* Waiting counts in whole weeks, at most a year's. */
	g[0] = guide(AARUP, 5, AR);
	n[0] = newcomer(AARUP, AR);
	n[0].waited_days = 1000;
	r.weights = (struct match_weights){ 0, 0, 2 };
	assert_int_equal(match_check(&r, 0, 0, &score), MATCH_RULE__MAX);
	assert_int_equal(score, 2 * MATCH_WAIT_WEEKS);
	r.weights = (struct match_weights){ 7, 0, 0 };
	n[0].interests = FOOTBALL | COOKING | CHESS;
	assert_int_equal(match_check(&r, 0, 0, &score), MATCH_RULE__MAX);
	assert_int_equal(score, 14);
}

static void test_round_and_reasons(void **state)
{
	(void)state;
	/* Two Arabic speakers in Aarup, one Tigrinya speaker in Aarup; one
	 * guide in Aarup speaks Arabic and has one place, one in Assens
	 * speaks Arabic but goes only 5 km. */
	struct match_newcomer n[] = { newcomer(AARUP, AR), newcomer(AARUP, AR), newcomer(AARUP, TI) };
	n[1].waited_days = 70; /* waited longest: preferred */
	struct match_guide g[] = { guide(AARUP, 5, AR | DA), guide(ASSENS, 5, AR) };
	struct match_round r = round_of(n, 3, g, 2);
	struct match_outcome out;
	char err[128];
	assert_int_equal(match_round_run(&r, &out, err, sizeof err), MATCH_OK);
	assert_int_equal(out.matched, 1);
	assert_int_equal(out.guide_of[0], -1);
	assert_int_equal(out.guide_of[1], 0);
	assert_int_equal(out.guide_of[2], -1);
	assert_int_equal(out.total, 10 + 30 + 10);
	const struct match_facts *f = &out.facts[1];
	assert_int_equal(f->languages, AR);
	assert_int_equal(f->interests, FOOTBALL);
	assert_int_equal(f->availability, MATCH_WEEKENDS);
	assert_int_equal(f->km, 0);
	assert_int_equal(f->waited_days, 70);
	assert_int_equal(f->score, 50);
	assert_false(f->locked);
	/* Newcomer 0: guide 1 is out of reach, guide 0 fits but is full,
	 * and the only guide who fits is in Aarup. */
	const struct match_unmatched *w = &out.why[0];
	assert_int_equal(w->guides[MATCH_RULE_REACH], 1);
	assert_int_equal(w->guides[MATCH_RULE_FULL], 1);
	assert_int_equal(w->guides[MATCH_RULE_LANGUAGE], 0);
	assert_int_equal(w->fit_area, AARUP);
	/* Newcomer 2: nobody within reach speaks Tigrinya. */
	w = &out.why[2];
	assert_int_equal(w->guides[MATCH_RULE_REACH], 1);
	assert_int_equal(w->guides[MATCH_RULE_LANGUAGE], 1);
	assert_int_equal(w->guides[MATCH_RULE_FULL], 0);
	assert_int_equal(w->fit_area, -1);
	match_outcome_free(&out);

	/* The coordinator locks newcomer 0 to guide 0 and re-runs: the lock
	 * holds and takes the place; newcomer 1 is now the one waiting. */
	struct match_fixed lock[] = { { 0, 0 } };
	r.locked = lock;
	r.nlocked = 1;
	assert_int_equal(match_round_run(&r, &out, err, sizeof err), MATCH_OK);
	assert_int_equal(out.guide_of[0], 0);
	assert_true(out.facts[0].locked);
	assert_int_equal(out.guide_of[1], -1);
	assert_int_equal(out.why[1].guides[MATCH_RULE_FULL], 1);
	match_outcome_free(&out);

	/* Rejecting the pair 1-0 instead: newcomer 0 gets the place, and the
	 * reason for 1 is the rejection, not a full guide. */
	r.locked = NULL;
	r.nlocked = 0;
	struct match_fixed no[] = { { 1, 0 } };
	r.rejected = no;
	r.nrejected = 1;
	assert_int_equal(match_round_run(&r, &out, err, sizeof err), MATCH_OK);
	assert_int_equal(out.guide_of[0], 0);
	assert_int_equal(out.guide_of[1], -1);
	assert_int_equal(out.why[1].guides[MATCH_RULE_REJECTED], 1);
	assert_int_equal(out.why[1].guides[MATCH_RULE_FULL], 0);
	match_outcome_free(&out);
}

static void test_capacity_and_invalid(void **state)
{
	(void)state;
	struct match_newcomer n[] = { newcomer(AARUP, DA), newcomer(AARUP, DA), newcomer(AARUP, DA) };
	struct match_guide g[] = { guide(AARUP, 5, DA) };
	g[0].capacity = 3;
	struct match_round r = round_of(n, 3, g, 1);
	struct match_outcome out;
	char err[128];
	assert_int_equal(match_round_run(&r, &out, err, sizeof err), MATCH_OK);
	assert_int_equal(out.matched, 3);
	match_outcome_free(&out);
	g[0].capacity = 0; /* paused */
	assert_int_equal(match_round_run(&r, &out, err, sizeof err), MATCH_OK);
	assert_int_equal(out.matched, 0);
	assert_int_equal(out.why[0].guides[MATCH_RULE_FULL], 1);
	match_outcome_free(&out);

	/* Two locks on a guide with one place. */
	g[0].capacity = 1;
	struct match_fixed two[] = { { 0, 0 }, { 1, 0 } };
	r.locked = two;
	r.nlocked = 2;
	assert_int_equal(match_round_run(&r, &out, err, sizeof err), MATCH_EINPUT);
	assert_string_equal(err, "guide 0 has more locked newcomers than places");
	/* One newcomer locked twice. */
	g[0].capacity = 2;
	struct match_fixed twice[] = { { 0, 0 }, { 0, 0 } };
	r.locked = twice;
	assert_int_equal(match_round_run(&r, &out, err, sizeof err), MATCH_EINPUT);
	assert_string_equal(err, "newcomer 0 is locked to two guides");
	struct match_fixed unknown[] = { { 0, 5 } };
	r.locked = unknown;
	r.nlocked = 1;
	assert_int_equal(match_round_run(&r, &out, err, sizeof err), MATCH_EINPUT);
	assert_string_equal(err, "locked pair 0: unknown newcomer or guide");
	r.nlocked = 0;
	r.weights.near = MATCH_WEIGHT_MAX + 1;
	assert_int_equal(match_round_run(&r, &out, err, sizeof err), MATCH_EINPUT);
	assert_string_equal(err, "weight 1001 is not between 0 and 1000");
	r.weights.near = 1;
	n[1].area = AREAS;
	assert_int_equal(match_round_run(&r, &out, err, sizeof err), MATCH_EINPUT);
	assert_string_equal(err, "newcomer 1: unknown area or gender");
}

static void test_km(void **state)
{
	(void)state;
	/* Assens (55.2697 N, 9.9003 E) to Odense (55.3959 N, 10.3883 E):
	 * about 33 km as the crow flies; a place to itself: 0. */
	int32_t d = match_km(55269700, 9900300, 55395900, 10388300);
	assert_in_range(d, 32, 34);
	assert_int_equal(match_km(55269700, 9900300, 55269700, 9900300), 0);
	/* Symmetric. */
	assert_int_equal(d, match_km(55395900, 10388300, 55269700, 9900300));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_rule),
		cmocka_unit_test(test_round_and_reasons),
		cmocka_unit_test(test_capacity_and_invalid),
		cmocka_unit_test(test_km),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
