/*
 * stats_test.c: the statistics of repness.c, consensus.c and priority.c on
 * small hand-checked cases: Pol.is's proportion tests, the 90% threshold,
 * representative statement selection, consensus selection, group-informed
 * consensus and comment priority.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "opinion/internal.h"
#include "opinion/near.h"

static void test_prop_tests(void **state)
{
	(void)state;
	/* 3 agree of 4: 2 sqrt(5) (4/5 - 1/2) */
	assert_near(opinion_prop_test(3, 4), 1.341640786499874, 1e-12);
	assert_near(opinion_prop_test(0, 0), 1, 1e-12); /* 2 sqrt(1) (1/1 - 1/2) */
	/* (4/5 - 2/5) / sqrt(0.6 * 0.4 * (1/5 + 1/5)) */
	assert_near(opinion_two_prop_test(3, 1, 4, 4), 1.2909944487358056, 1e-12);
	/* Pooled proportion exactly 1: Pol.is returns 0. */
	assert_near(opinion_two_prop_test(4, 4, 4, 4), 0, 0);
	assert_true(opinion_z_sig_90(1.2817));
	assert_false(opinion_z_sig_90(1.2816));
}

/* Two groups of 10; statement 0 splits them, 1 unites them in agreement,
 * 2 is mostly passed, 3 is moderated out though it splits them too. */
static const struct opinion_tally groups[2 * 4] = {
	{ 10, 0, 10 }, { 9, 1, 10 }, { 1, 0, 10 }, { 10, 0, 10 },
	{ 0, 10, 10 }, { 9, 0, 10 }, { 0, 1, 10 }, { 0, 10, 10 },
};
static const uint8_t out[4] = { 0, 0, 0, 1 };
static const uint32_t col_votes[4] = { 20, 20, 20, 20 };

static void test_repness(void **state)
{
	(void)state;
	struct opinion_result res;
	memset(&res, 0, sizeof res);
	opinion_repness(groups, 2, 4, out, col_votes, &res);
	/* Group 0 is represented by agreeing with 0; group 1 by its best
	 * agreed statement (1, agreed by 9 of 10, put first) and by
	 * disagreeing with 0. Statement 3 never appears. */
	assert_int_equal(res.rep_start[0], 0);
	assert_int_equal(res.rep_start[1], 1);
	assert_int_equal(res.rep_start[2], 3);
	const struct opinion_rep *r = &res.rep[0];
	assert_int_equal(r->statement, 0);
	assert_true(r->agree);
	assert_true(r->best_agree);
	assert_int_equal(r->n_success, 10);
	assert_int_equal(r->n_trials, 10);
	assert_near(r->p_success, 11.0 / 12, 1e-12);
	/* ra = pa / ((0 + 1) / (10 + 2)) */
	assert_near(r->repness, 11.0, 1e-12);
	assert_near(r->p_test, sqrt(11), 1e-12);
	r = &res.rep[1];
	assert_int_equal(r->statement, 1);
	assert_true(r->agree);
	assert_true(r->best_agree);
	/* Both groups agree 9 of 10: no difference, rat = 0. */
	assert_near(r->repness_test, 0, 0);
	r = &res.rep[2];
	assert_int_equal(r->statement, 0);
	assert_false(r->agree);
	assert_false(r->best_agree);
	assert_int_equal(r->n_success, 10);
	free(res.rep);
}

static void test_consensus(void **state)
{
	(void)state;
	struct opinion_tally all[4];
	for (int s = 0; s < 4; s++) {
		all[s].agree = groups[s].agree + groups[4 + s].agree;
		all[s].disagree = groups[s].disagree + groups[4 + s].disagree;
		all[s].seen = groups[s].seen + groups[4 + s].seen;
	}
	struct opinion_result res;
	memset(&res, 0, sizeof res);
	opinion_consensus(all, 4, out, col_votes, &res);
	/* Only statement 1 (18 of 20 agree): pa = 19/22 > 1/2, pat significant. */
	assert_int_equal(res.n_agree, 1);
	assert_int_equal(res.agree[0].statement, 1);
	assert_near(res.agree[0].p_success, 19.0 / 22, 1e-12);
	assert_near(res.agree[0].p_test, opinion_prop_test(18, 20), 1e-12);
	assert_int_equal(res.n_disagree, 0);

	double gac[4];
	opinion_group_consensus(groups, 2, 4, col_votes, gac);
	assert_near(gac[0], (11.0 / 12) * (1.0 / 12), 1e-12);
	assert_near(gac[1], (10.0 / 12) * (10.0 / 12), 1e-12);
	/* Group-informed consensus counts moderated-out statements too. */
	assert_near(gac[3], (11.0 / 12) * (1.0 / 12), 1e-12);
}

static void test_priority(void **state)
{
	(void)state;
	/* importance(A=1, P=0, S=1, E=0) = (1 - 1/3) (0 + 1) (2/3) */
	assert_near(opinion_importance(1, 0, 1, 0), 4.0 / 9, 1e-12);
	assert_near(opinion_priority_metric(0, 1, 0, 1, 0), 12.529726250088045, 1e-9);
	assert_near(opinion_priority_metric(1, 1, 0, 1, 0), 49, 0);

	double ext[4] = { 1, 0, 0, 2 }, pri[4];
	uint8_t flags[4] = { 0, 0, OPINION_META, 0 };
	uint32_t votes[4] = { 20, 20, 20, 0 };
	opinion_priorities(groups, 2, 4, votes, flags, ext, pri);
	/* A = 10, D = 10, S = 20, P = 0, E = 1 */
	assert_near(pri[0], opinion_priority_metric(0, 10, 0, 20, 1), 1e-12);
	assert_near(pri[2], 49, 0);
	assert_near(pri[3], 0, 0); /* no votes: not in the map */

	/* Weighted choice: priorities 0 (counts 1), 3, and 1 ineligible. */
	double p[3] = { 0, 3, 1 };
	uint8_t ok[3] = { 1, 1, 0 };
	assert_int_equal(opinion_next_statement(p, ok, 3, 0.0), 0);
	assert_int_equal(opinion_next_statement(p, ok, 3, 0.24), 0);
	assert_int_equal(opinion_next_statement(p, ok, 3, 0.26), 1);
	assert_int_equal(opinion_next_statement(p, ok, 3, 0.999), 1);
	uint8_t none[3] = { 0, 0, 0 };
	assert_int_equal(opinion_next_statement(p, none, 3, 0.5), UINT32_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prop_tests),
		cmocka_unit_test(test_repness),
		cmocka_unit_test(test_consensus),
		cmocka_unit_test(test_priority),
	};
	return cmocka_run_group_tests_name("opinion/stats", tests, NULL, NULL);
}
