/*
 * solve_test.c: match_solve on instances worked by hand: the most matched
 * before the greatest total (a lower-scoring pair kept when it lets one
 * more newcomer in), capacities, a long chain of moves, ties and
 * determinism, empty instances; and every refusal naming what is wrong.
 * Random instances against the oracles are in oracle_test.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "match/match.h"

static enum match_err solve(int32_t newcomers, const int32_t *cap, int32_t guides,
			    const struct match_pair *pairs, size_t npairs, int32_t *guide_of,
			    struct match_solution *sol, char *err)
{
	struct match_instance in = { newcomers, guides, cap, pairs, npairs };
	return match_solve(&in, guide_of, sol, err, 256);
}

static void test_cardinality_first(void **state)
{
	(void)state;
	/* Newcomer 1 scores 90 with guide 0 and 1 with guide 1; newcomer 0
	 * may only take guide 0. Both are matched: 0-0 and 1-1. */
	const int32_t cap[] = { 1, 1 };
	const struct match_pair p[] = { { 0, 0, 100 }, { 1, 0, 90 }, { 1, 1, 1 } };
	int32_t of[2];
	struct match_solution sol;
	char err[256];
	assert_int_equal(solve(2, cap, 2, p, 3, of, &sol, err), MATCH_OK);
	assert_int_equal(sol.matched, 2);
	assert_int_equal(sol.total, 101);
	assert_int_equal(of[0], 0);
	assert_int_equal(of[1], 1);

	/* Three newcomers, one place each at two guides: two matched, with
	 * the greatest total (0-0 and either of the others with guide 1). */
	const struct match_pair q[] = { { 0, 0, 1000 }, { 1, 0, 1 }, { 1, 1, 1 }, { 2, 1, 1 },
					{ 0, 1, -5 } };
	int32_t of3[3];
	assert_int_equal(solve(3, cap, 2, q, 5, of3, &sol, err), MATCH_OK);
	assert_int_equal(sol.matched, 2);
	assert_int_equal(sol.total, 1001);
	assert_int_equal(of3[0], 0);
	assert_int_equal(of3[1] + of3[2], 0); /* one of them, guide 1 */
}

static void test_capacity(void **state)
{
	(void)state;
	/* One guide with room for 2 of 4 newcomers: the two best. */
	const int32_t cap[] = { 2 };
	const struct match_pair p[] = { { 0, 0, 3 }, { 1, 0, 9 }, { 2, 0, 1 }, { 3, 0, 7 } };
	int32_t of[4];
	struct match_solution sol;
	char err[256];
	assert_int_equal(solve(4, cap, 1, p, 4, of, &sol, err), MATCH_OK);
	assert_int_equal(sol.matched, 2);
	assert_int_equal(sol.total, 16);
	assert_int_equal(of[0], -1);
	assert_int_equal(of[1], 0);
	assert_int_equal(of[2], -1);
	assert_int_equal(of[3], 0);

	/* Capacity 0: nobody, though pairs exist. */
	const int32_t none[] = { 0 };
	assert_int_equal(solve(4, none, 1, p, 4, of, &sol, err), MATCH_OK);
	assert_int_equal(sol.matched, 0);
	assert_int_equal(sol.total, 0);
	for (int i = 0; i < 4; i++)
		assert_int_equal(of[i], -1);
}

static void test_long_chain(void **state)
{
	(void)state;
	/* Newcomer i < N may take guide i (score 10) or guide i + 1 (score
	 * 0); newcomer N may only take guide 0. For all to be matched,
	 * everyone shifts one place and gives up 10 points. */
	enum { N = 200 };
	int32_t cap[N + 1];
	struct match_pair p[2 * N + 1];
	size_t np = 0;
	for (int i = 0; i <= N; i++)
		cap[i] = 1;
	for (int i = 0; i < N; i++) {
		p[np++] = (struct match_pair){ i, i, 10 };
		p[np++] = (struct match_pair){ i, i + 1, 0 };
	}
	p[np++] = (struct match_pair){ N, 0, 0 };
	int32_t of[N + 1];
	struct match_solution sol;
	char err[256];
	assert_int_equal(solve(N + 1, cap, N + 1, p, np, of, &sol, err), MATCH_OK);
	assert_int_equal(sol.matched, N + 1);
	assert_int_equal(sol.total, 0);
	for (int i = 0; i < N; i++)
		assert_int_equal(of[i], i + 1);
	assert_int_equal(of[N], 0);
}

static void test_ties_deterministic(void **state)
{
	(void)state;
	const int32_t cap[] = { 1, 1, 1 };
	struct match_pair p[9];
	for (int i = 0; i < 3; i++)
		for (int g = 0; g < 3; g++)
			p[i * 3 + g] = (struct match_pair){ i, g, 5 };
	int32_t a[3], b[3];
	struct match_solution sa, sb;
	char err[256];
	assert_int_equal(solve(3, cap, 3, p, 9, a, &sa, err), MATCH_OK);
	assert_int_equal(solve(3, cap, 3, p, 9, b, &sb, err), MATCH_OK);
	assert_int_equal(sa.matched, 3);
	assert_int_equal(sa.total, 15);
	assert_memory_equal(a, b, sizeof a);
	assert_int_not_equal(a[0], a[1]);
	assert_int_not_equal(a[1], a[2]);
	assert_int_not_equal(a[0], a[2]);
}

static void test_empty(void **state)
{
	(void)state;
	struct match_solution sol = { 7, 7 };
	char err[256];
	int32_t of[3] = { 9, 9, 9 };
	assert_int_equal(solve(0, NULL, 0, NULL, 0, of, &sol, err), MATCH_OK);
	assert_int_equal(sol.matched, 0);
	assert_int_equal(sol.total, 0);
	/* Newcomers but no guides: all unmatched. */
	assert_int_equal(solve(3, NULL, 0, NULL, 0, of, &sol, err), MATCH_OK);
	assert_int_equal(sol.matched, 0);
	assert_int_equal(of[0], -1);
	assert_int_equal(of[2], -1);
}

static void test_refusals(void **state)
{
	(void)state;
	int32_t of[4];
	struct match_solution sol;
	char err[256];
	const int32_t cap[] = { 1, 2 };
	const struct {
		struct match_pair pair;
		const char *says;
	} bad[] = {
		{ { 4, 0, 1 }, "pair 1: newcomer 4, but newcomers are 0 to 3" },
		{ { -1, 0, 1 }, "pair 1: newcomer -1, but newcomers are 0 to 3" },
		{ { 0, 2, 1 }, "pair 1: guide 2, but guides are 0 to 1" },
		{ { 0, 1, MATCH_SCORE_MAX + 1LL }, "pair 1: score 1000000001 is not between" },
		{ { 0, 0, 3 }, "pairs 0 and 1 both pair newcomer 0 with guide 0" },
	};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		const struct match_pair p[] = { { 0, 0, 1 }, bad[k].pair };
		assert_int_equal(solve(4, cap, 2, p, 2, of, &sol, err), MATCH_EINPUT);
		if (strstr(err, bad[k].says) == NULL)
			fail_msg("said \"%s\", expected \"%s\"", err, bad[k].says);
	}
	const int32_t negative[] = { 1, -1 };
	const struct match_pair p[] = { { 0, 0, 1 } };
	assert_int_equal(solve(4, negative, 2, p, 1, of, &sol, err), MATCH_EINPUT);
	assert_string_equal(err, "capacity 1: -1 is not between 0 and 1000000000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cardinality_first), cmocka_unit_test(test_capacity),
		cmocka_unit_test(test_long_chain),        cmocka_unit_test(test_ties_deterministic),
		cmocka_unit_test(test_empty),             cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
