/*
 * opinion_test.c: the whole update (opinion.c, replay.c): maps that are
 * not enough to show, planted groups found, the same bytes from the same
 * input, warm updates, the k smoother, and bad input.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "opinion/opinion.h"

static enum opinion_status status_of(const struct opinion_vote *v, size_t n, uint32_t np,
				     uint32_t ns)
{
	struct opinion_input in = { np, ns, v, n, NULL, NULL, NULL, NULL };
	struct opinion_result res;
	char err[128];
	assert_int_equal(opinion_compute(&in, &res, err, sizeof err), OPINION_OK);
	enum opinion_status st = res.status;
	if (st != OPINION_READY) {
		assert_int_equal(res.k, 0);
		for (uint32_t p = 0; p < np; p++)
			assert_int_equal(res.group[p], -1);
	}
	opinion_result_free(&res);
	return st;
}

static void test_not_enough(void **state)
{
	(void)state;
	/* No votes; no participants; no statements. */
	assert_int_equal(status_of(NULL, 0, 0, 0), OPINION_NOT_ENOUGH);
	assert_int_equal(status_of(NULL, 0, 5, 3), OPINION_NOT_ENOUGH);
	/* One participant. */
	const struct opinion_vote one[] = { { 0, 0, 1 }, { 0, 1, -1 }, { 0, 2, 1 } };
	assert_int_equal(status_of(one, 3, 1, 3), OPINION_NOT_ENOUGH);
	/* Everyone passes on everything. */
	struct opinion_vote pass[40];
	for (int i = 0; i < 40; i++)
		pass[i] = (struct opinion_vote){ (uint32_t)(i / 2), (uint32_t)(i % 2), 0 };
	assert_int_equal(status_of(pass, 40, 20, 2), OPINION_NOT_ENOUGH);
	/* Everyone agrees with everything. */
	for (int i = 0; i < 40; i++)
		pass[i].value = 1;
	assert_int_equal(status_of(pass, 40, 20, 2), OPINION_NOT_ENOUGH);
}

/* NP participants in three camps over NS statements: camp c (p % 3)
 * agrees with statements s where (s + c) % 3 == 0 and disagrees with the
 * rest, skipping about one statement in four (a fixed pseudo-random
 * pattern, so that positions spread within each camp). */
enum { NP = 150, NS = 18 };

static size_t planted(struct opinion_vote *v, int np)
{
	size_t n = 0;
	uint32_t r = 2024;
	for (int p = 0; p < np; p++)
		for (int s = 0; s < NS; s++) {
			r = r * 1103515245u + 12345u;
			if ((r >> 16) % 4 == 0)
				continue;
			int c = p % 3;
			v[n++] = (struct opinion_vote){ (uint32_t)p, (uint32_t)s,
							(int8_t)((s + c) % 3 == 0 ? 1 : -1) };
		}
	return n;
}

static void test_planted_groups(void **state)
{
	(void)state;
	struct opinion_vote v[NP * NS];
	size_t n = planted(v, NP);
	struct opinion_input in = { NP, NS, v, n, NULL, NULL, NULL, NULL };
	struct opinion_result res;
	char err[128];
	assert_int_equal(opinion_compute(&in, &res, err, sizeof err), OPINION_OK);
	assert_int_equal(res.status, OPINION_READY);
	assert_int_equal(res.k, 3);
	for (int g = 0; g < 3; g++)
		assert_int_equal(res.group_size[g], NP / 3);
	/* Same camp, same group; different camps, different groups. */
	for (int p = 0; p < NP; p++) {
		assert_int_equal(res.group[p], res.group[p % 3]);
		assert_true(res.in_conv[p]);
	}
	assert_true(res.group[0] != res.group[1] && res.group[1] != res.group[2] &&
		    res.group[0] != res.group[2]);
	/* Each group is represented by agreeing with its own statements. */
	for (int c = 0; c < 3; c++) {
		int g = res.group[c];
		assert_true(res.rep_start[g + 1] > res.rep_start[g]);
		const struct opinion_rep *r = &res.rep[res.rep_start[g]];
		assert_true(r->agree);
		assert_int_equal(((int)r->statement + c) % 3, 0);
	}
	/* No statement is agreed by all camps: group-informed consensus is low
	 * everywhere, and nothing is a consensus for agreeing. */
	assert_int_equal(res.n_agree, 0);
	for (int s = 0; s < NS; s++)
		assert_true(res.consensus_gac[s] < 0.1);
	opinion_result_free(&res);
}

static void test_deterministic(void **state)
{
	(void)state;
	struct opinion_vote v[NP * NS];
	size_t n = planted(v, NP);
	struct opinion_input in = { NP, NS, v, n, NULL, NULL, NULL, NULL };
	struct opinion_result a, b;
	char err[128];
	assert_int_equal(opinion_compute(&in, &a, err, sizeof err), OPINION_OK);
	assert_int_equal(opinion_compute(&in, &b, err, sizeof err), OPINION_OK);
	assert_memory_equal(a.x, b.x, NP * sizeof(double));
	assert_memory_equal(a.y, b.y, NP * sizeof(double));
	assert_memory_equal(a.group, b.group, NP);
	assert_memory_equal(a.priority, b.priority, NS * sizeof(double));
	assert_int_equal(a.rep_start[a.k], b.rep_start[b.k]);
	for (size_t i = 0; i < a.rep_start[a.k]; i++) {
		assert_int_equal(a.rep[i].statement, b.rep[i].statement);
		assert_memory_equal(&a.rep[i].repness, &b.rep[i].repness, sizeof(double));
	}
	opinion_result_free(&a);
	opinion_result_free(&b);
}

static void test_warm_updates(void **state)
{
	(void)state;
	/* Votes arrive in three batches, then nothing new for four updates:
	 * each update warm-starts from the last, and once the smoother has
	 * seen k = 3 four times the camps are the groups. */
	struct opinion_vote v[NP * NS];
	size_t n = planted(v, NP);
	struct opinion_state *st = opinion_state_new();
	struct opinion_result res;
	char err[128];
	size_t cut[] = { n / 3, 2 * n / 3, n, n, n, n, n };
	for (int i = 0; i < 7; i++) {
		struct opinion_input in = { NP, NS, v, cut[i], NULL, NULL, NULL, NULL };
		assert_int_equal(opinion_update(st, &in, &res, err, sizeof err), OPINION_OK);
		if (i < 6)
			opinion_result_free(&res);
	}
	assert_int_equal(res.status, OPINION_READY);
	assert_int_equal(res.k, 3);
	for (int p = 0; p < NP; p++)
		assert_int_equal(res.group[p], res.group[p % 3]);
	opinion_result_free(&res);

	/* Fewer participants than last time is refused. */
	struct opinion_input less = { NP - 1, NS, v, 0, NULL, NULL, NULL, NULL };
	assert_int_equal(opinion_update(st, &less, &res, err, sizeof err), OPINION_EINPUT);
	opinion_state_free(st);
}

static void test_k_smoother(void **state)
{
	(void)state;
	/* Two camps first, then the third arrives. Whatever k is best in each
	 * update, the map changes its k only once the new k has been best in
	 * 4 updates in a row. */
	struct opinion_vote v[NP * NS];
	size_t n = planted(v, NP);
	struct opinion_vote two[NP * NS];
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].participant % 3 != 2)
			two[m++] = v[i];
	struct opinion_state *st = opinion_state_new();
	struct opinion_result res;
	char err[128];
	struct opinion_input in = { NP, NS, two, m, NULL, NULL, NULL, NULL };
	assert_int_equal(opinion_update(st, &in, &res, err, sizeof err), OPINION_OK);
	assert_int_equal(res.k, 2);
	int shown = res.k, run_k = res.best_k, run = 1, changes = 0;
	opinion_result_free(&res);
	in.votes = v;
	in.n_votes = n;
	for (int i = 0; i < 8; i++) {
		assert_int_equal(opinion_update(st, &in, &res, err, sizeof err), OPINION_OK);
		run = res.best_k == run_k ? run + 1 : 1;
		run_k = res.best_k;
		int want = run >= 4 ? run_k : shown;
		assert_int_equal(res.k, want);
		changes += want != shown;
		shown = want;
		opinion_result_free(&res);
	}
	assert_int_equal(changes, 1); /* the third camp did change the map */
	/* After a reload the smoother starts afresh: the best k at once. */
	opinion_state_reload(st);
	in.votes = two;
	in.n_votes = m;
	assert_int_equal(opinion_update(st, &in, &res, err, sizeof err), OPINION_OK);
	assert_int_equal(res.k, res.best_k);
	opinion_result_free(&res);
	opinion_state_free(st);
}

static void test_replay(void **state)
{
	(void)state;
	struct opinion_vote v[NP * NS];
	size_t n = planted(v, NP);
	int64_t *t = malloc(n * sizeof *t);
	/* Given in reverse time order: the replay sorts. */
	for (size_t i = 0; i < n; i++)
		t[i] = (int64_t)(n - i) * 1000;
	struct opinion_input in = { NP, NS, v, n, t, NULL, NULL, NULL };
	struct opinion_result res;
	size_t updates;
	char err[128];
	assert_int_equal(opinion_replay(&in, 100, 0, 1, &res, &updates, err, sizeof err), OPINION_OK);
	assert_int_equal(updates, (n + 99) / 100);
	assert_int_equal(res.k, 3);
	opinion_result_free(&res);
	assert_int_equal(opinion_replay(&in, 0, 60, 0, &res, &updates, err, sizeof err), OPINION_OK);
	assert_int_equal(updates, (n + 59) / 60);
	opinion_result_free(&res);
	in.times = NULL;
	assert_int_equal(opinion_replay(&in, 0, 60, 0, &res, &updates, err, sizeof err),
			 OPINION_EINPUT);
	/* No votes at all: one update, nothing to show. */
	in.n_votes = 0;
	assert_int_equal(opinion_replay(&in, 0, 60, 1, &res, &updates, err, sizeof err), OPINION_OK);
	assert_int_equal(updates, 1);
	assert_int_equal(res.status, OPINION_NOT_ENOUGH);
	opinion_result_free(&res);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_enough),
		cmocka_unit_test(test_planted_groups),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_warm_updates),
		cmocka_unit_test(test_k_smoother),
		cmocka_unit_test(test_replay),
	};
	return cmocka_run_group_tests_name("opinion/opinion", tests, NULL, NULL);
}
