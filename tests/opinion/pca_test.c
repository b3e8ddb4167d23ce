/*
 * pca_test.c: the vote matrix (matrix.c) and its principal components and
 * projections (pca.c) on matrices small enough to check by hand.
 */
#include <math.h>
#include <stdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "opinion/internal.h"
#include "opinion/near.h"

#define A OPINION_AGREE
#define D OPINION_DISAGREE
#define P OPINION_PASS

static void test_matrix_latest_vote(void **state)
{
	(void)state;
	/* Participant 0 changes their mind on statement 1; the times say which
	 * vote is the latest, whatever the order. */
	const struct opinion_vote v[] = { { 0, 1, A }, { 0, 0, D }, { 0, 1, D }, { 1, 1, P } };
	const int64_t t[] = { 20, 5, 10, 7 };
	const uint8_t flags[] = { 0, 0, OPINION_MODERATED_OUT };
	struct opinion_input in = { 3, 3, v, 4, t, flags, NULL, NULL };
	struct opinion_matrix m;
	char err[128];
	assert_int_equal(opinion_matrix_build(&m, &in, err, sizeof err), OPINION_OK);
	assert_int_equal(m.row_votes[0], 2);
	assert_int_equal(m.row_votes[1], 1);
	assert_int_equal(m.row_votes[2], 0);
	assert_int_equal(m.n_active_rows, 2);
	assert_int_equal(m.n_active, 2);
	assert_int_equal(m.col_votes[1], 2);
	/* Row 0: statement 1 first (its first appearance), agree at time 20,
	 * stored in Pol.is's sign (-1). */
	assert_int_equal(OPINION_ENTRY_COL(m.entry[0]), 1);
	assert_int_equal(OPINION_ENTRY_VOTE(m.entry[0]), -1);
	assert_int_equal(OPINION_ENTRY_VOTE(m.entry[1]), 1);
	assert_int_equal(m.out[2], 1);
	assert_int_equal(m.n_active_out, 0); /* no votes on statement 2 */
	opinion_matrix_free(&m);

	/* Without times the later vote in the array wins. */
	in.times = NULL;
	assert_int_equal(opinion_matrix_build(&m, &in, err, sizeof err), OPINION_OK);
	assert_int_equal(OPINION_ENTRY_VOTE(m.entry[0]), 1);
	opinion_matrix_free(&m);

	const struct opinion_vote bad[] = { { 0, 3, A } };
	struct opinion_input in2 = { 3, 3, bad, 1, NULL, NULL, NULL, NULL };
	assert_int_equal(opinion_matrix_build(&m, &in2, err, sizeof err), OPINION_EINPUT);
	assert_string_equal(err, "vote 0: participant 0, statement 3, value 1 out of range");
}

static void build(struct opinion_matrix *m, const struct opinion_vote *v, size_t n, uint32_t np,
		  uint32_t ns, const uint8_t *flags)
{
	struct opinion_input in = { np, ns, v, n, NULL, flags, NULL, NULL };
	char err[128];
	assert_int_equal(opinion_matrix_build(m, &in, err, sizeof err), OPINION_OK);
}

static void test_pca_two_camps(void **state)
{
	(void)state;
	/* Two agree with both statements, two disagree with both, and one
	 * agreed with statement 0 only. In Pol.is's sign the camps are (-1, -1)
	 * and (1, 1); column 0 has mean -1/5, column 1 mean 0. */
	const struct opinion_vote v[] = {
		{ 0, 0, A }, { 0, 1, A }, { 1, 0, A }, { 1, 1, A }, { 2, 0, D },
		{ 2, 1, D }, { 3, 0, D }, { 3, 1, D }, { 4, 0, A },
	};
	struct opinion_matrix m;
	build(&m, v, 9, 5, 2, NULL);
	struct opinion_pca p;
	const double *const none[2] = { NULL, NULL };
	opinion_pca_run(&m, none, &p);
	assert_near(p.center[0], -0.2, 1e-15);
	assert_near(p.center[1], 0, 1e-15);
	/* Centred X: rows (-0.8,-1) x2, (1.2,1) x2, (-0.8, 0); X'X =
	 * [[4.8, 4], [4, 4]]: trace 8.8, determinant 3.2, eigenvalues
	 * 4.4 +- sqrt(4.4^2 - 3.2). */
	double l1 = 4.4 + sqrt(16.16), l2 = 4.4 - sqrt(16.16);
	/* Iteration stops when the eigenvalues settle to 1e-9, so the vectors
	 * are good to about the square root of that. */
	assert_near(p.eigval[0], l1, 1e-8);
	assert_near(p.eigval[1], l2, 1e-6);
	/* First component: (4, l1 - 4.8) normalised, positive like the start. */
	double n1 = hypot(4, l1 - 4.8);
	assert_near(p.comp[0][0], 4 / n1, 1e-5);
	assert_near(p.comp[0][1], (l1 - 4.8) / n1, 1e-5);
	assert_near(p.comp[0][0] * p.comp[1][0] + p.comp[0][1] * p.comp[1][1], 0, 1e-12);

	double x[5], y[5];
	opinion_pca_project(&m, &p, x, y);
	/* Full voters: dot of the centred row with the component, scale 1. */
	assert_near(x[0], -0.8 * p.comp[0][0] - 1 * p.comp[0][1], 1e-12);
	assert_near(x[2], 1.2 * p.comp[0][0] + 1 * p.comp[0][1], 1e-12);
	/* Participant 4 voted on one of two: scaled by sqrt(2 / 1). */
	assert_near(x[4], -0.8 * p.comp[0][0] * sqrt(2), 1e-12);

	double ext[2];
	opinion_pca_extremity(&m, &p, ext);
	/* A lone agree (-1 in Pol.is's sign) on statement 0, scaled by sqrt(2). */
	assert_near(ext[0], hypot(-0.8 * p.comp[0][0], -0.8 * p.comp[1][0]) * sqrt(2), 1e-12);
	opinion_pca_free(&p);
	opinion_matrix_free(&m);
}

static void test_pca_moderated_out(void **state)
{
	(void)state;
	/* Statement 2 is moderated out: it drops out of the components, yet
	 * counts as voted for everyone in the projection's scaling, as Pol.is's
	 * zeroed column does. */
	const struct opinion_vote v[] = {
		{ 0, 0, A }, { 0, 1, A }, { 0, 2, D }, { 1, 0, D }, { 1, 1, D }, { 2, 0, A },
	};
	const uint8_t flags[] = { 0, 0, OPINION_MODERATED_OUT };
	struct opinion_matrix m;
	build(&m, v, 6, 3, 3, flags);
	assert_int_equal(m.n_active_out, 1);
	struct opinion_pca p;
	const double *const none[2] = { NULL, NULL };
	opinion_pca_run(&m, none, &p);
	assert_near(p.center[2], 0, 0);
	assert_near(p.comp[0][2], 0, 0);
	assert_near(p.comp[1][2], 0, 0);
	double x[3], y[3];
	opinion_pca_project(&m, &p, x, y);
	/* Participant 2: one real vote plus the zeroed column of 3. */
	double c0 = -1 - p.center[0];
	assert_near(x[2], c0 * p.comp[0][0] * sqrt(3.0 / 2), 1e-12);
	opinion_pca_free(&p);
	opinion_matrix_free(&m);
}

static void test_pca_warm_start(void **state)
{
	(void)state;
	/* Started from the components it converged to, it stays there at once. */
	const struct opinion_vote v[] = {
		{ 0, 0, A }, { 0, 1, A }, { 0, 2, D }, { 1, 0, D }, { 1, 1, A },
		{ 1, 2, A }, { 2, 0, D }, { 2, 1, D }, { 3, 2, A }, { 3, 0, P },
	};
	struct opinion_matrix m;
	build(&m, v, 10, 4, 3, NULL);
	struct opinion_pca cold, warm;
	const double *const none[2] = { NULL, NULL };
	opinion_pca_run(&m, none, &cold);
	const double *const start[2] = { cold.comp[0], cold.comp[1] };
	opinion_pca_run(&m, start, &warm);
	assert_true(warm.iters < 4);
	for (int k = 0; k < 2; k++)
		for (int c = 0; c < 3; c++)
			assert_near(warm.comp[k][c], cold.comp[k][c], 1e-5);
	opinion_pca_free(&cold);
	opinion_pca_free(&warm);
	opinion_matrix_free(&m);
}

/* The leading eigenvector of the dense symmetric n x n matrix g with u
 * factored out (u NULL: none), by power iteration run to the last digits:
 * the slow, sure way, for checking. */
static void dense_component(const double *g, int n, const double *u, double *v)
{
	for (int i = 0; i < n; i++)
		v[i] = 1 + 0.1 * i;
	for (int it = 0; it < 200000; it++) {
		double w[8] = { 0 }, len = 0, d = 0;
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++)
				w[i] += g[i * n + j] * v[j];
		for (int i = 0; u && i < n; i++)
			d += u[i] * w[i];
		for (int i = 0; i < n; i++) {
			w[i] -= u ? d * u[i] : 0;
			len += w[i] * w[i];
		}
		len = sqrt(len);
		for (int i = 0; i < n; i++)
			v[i] = w[i] / len;
	}
}

/* p's components are those of X'X made dense and found the slow way
 * (at most 8 statements). */
static void assert_dense_components(const struct opinion_matrix *m, const struct opinion_pca *p)
{
	enum { MAX = 8 };
	uint32_t ns = m->n_cols;
	assert_true(ns <= MAX);
	double g[MAX * MAX] = { 0 }, x[MAX], u0[MAX], u1[MAX];
	for (uint32_t r = 0; r < m->n_rows; r++) {
		memset(x, 0, sizeof x);
		for (size_t j = m->row_start[r]; j < m->row_start[r + 1]; j++)
			x[OPINION_ENTRY_COL(m->entry[j])] =
				OPINION_ENTRY_VOTE(m->entry[j]) - p->center[OPINION_ENTRY_COL(m->entry[j])];
		for (uint32_t i = 0; i < ns; i++)
			for (uint32_t j = 0; j < ns; j++)
				g[i * ns + j] += x[i] * x[j];
	}
	dense_component(g, (int)ns, NULL, u0);
	dense_component(g, (int)ns, u0, u1);
	for (int k = 0; k < 2; k++) {
		const double *u = k ? u1 : u0;
		double dot = 0;
		for (uint32_t c = 0; c < ns; c++)
			dot += u[c] * p->comp[k][c];
		assert_near(fabs(dot), 1, 1e-9);
	}
}

static void test_pca_close_components(void **state)
{
	(void)state;
	/* Two opinion axes of nearly equal spread (statements 0-2 and 3-5,
	 * four camps; every tenth person passes on the second axis, every
	 * seventh turns on statement 0): power iteration does not tell the
	 * two components apart within Pol.is's 100 passes; the block of three
	 * needs a handful and finds both. */
	enum { NP = 200, NS = 6 };
	struct opinion_vote v[NP * NS];
	size_t n = 0;
	for (uint32_t i = 0; i < NP; i++)
		for (uint32_t c = 0; c < NS; c++) {
			int side = c < 3 ? (i % 2 ? 1 : -1) : (i / 2 % 2 ? 1 : -1);
			if (c == 0 && i % 7 == 0)
				side = -side;
			int8_t value = c >= 3 && i % 10 == 0 ? P : (int8_t)side;
			v[n++] = (struct opinion_vote){ i, c, value };
		}
	struct opinion_matrix m;
	build(&m, v, n, NP, NS, NULL);
	struct opinion_pca p;
	const double *const none[2] = { NULL, NULL };
	opinion_pca_run(&m, none, &p);
	assert_true(p.iters <= 10);

	assert_dense_components(&m, &p);

	/* Started from its components turned around, it stays there at once,
	 * turned the way it was started (power iteration keeps the start's
	 * side), so a refreshed map does not flip. */
	double *neg[2];
	for (int k = 0; k < 2; k++) {
		neg[k] = malloc(NS * sizeof *neg[k]);
		for (int c = 0; c < NS; c++)
			neg[k][c] = -p.comp[k][c];
	}
	struct opinion_pca warm;
	const double *const start[2] = { neg[0], neg[1] };
	opinion_pca_run(&m, start, &warm);
	assert_true(warm.iters < 4);
	for (int k = 0; k < 2; k++)
		for (int c = 0; c < NS; c++)
			assert_near(warm.comp[k][c], neg[k][c], 1e-6);
	free(neg[0]);
	free(neg[1]);
	opinion_pca_free(&warm);
	opinion_pca_free(&p);
	opinion_matrix_free(&m);
}

/* np participants on 8 statements, every one voted: two axes
 * (statements 0-3 and 4-7) of nearly equal spread, four camps, and one
 * vote in five at random; with alike > 0, every alike-th participant
 * (from the first) agrees with everything instead. */
static void build_four_camps(struct opinion_matrix *m, uint32_t np, uint32_t alike)
{
	enum { NS = 8 };
	struct opinion_vote *v = malloc((size_t)np * NS * sizeof *v);
	assert_non_null(v);
	size_t n = 0;
	for (uint32_t i = 0; i < np; i++) {
		uint32_t h = i * 2654435761u;
		for (uint32_t c = 0; c < NS; c++) {
			int side = c < 4 ? (h >> 7 & 1 ? 1 : -1) : (h >> 9 & 1 ? 1 : -1);
			uint32_t noise = (h ^ (c * 40503u)) * 2246822519u >> 27;
			int8_t value = noise < 3 ? P : noise < 7 ? (int8_t)-side : (int8_t)side;
			v[n++] = (struct opinion_vote){ i, c, alike && i % alike == 0 ? A : value };
		}
	}
	build(m, v, n, np, NS, NULL);
	free(v);
}

/* A cold start on a conversation of a million votes or more is iterated
 * first on a sample of the participants (every 16th) and then on all: the
 * components are those of all the votes, in fewer passes over them than
 * from the random start. */
static void test_pca_large_cold_start(void **state)
{
	(void)state;
	struct opinion_matrix m;
	build_four_camps(&m, 130000, 0);
	struct opinion_pca p;
	const double *const none[2] = { NULL, NULL };
	opinion_pca_run(&m, none, &p);

	assert_dense_components(&m, &p);
	/* 10 passes over all the votes from the random start. */
	assert_true(p.iters <= 7);
	opinion_pca_free(&p);
	opinion_matrix_free(&m);
}

/* Where the sampled participants (every 16th) all vote alike, the sample
 * has a single direction: the iteration then starts from the random
 * vectors instead, and still finds both components. */
static void test_pca_sample_of_one_kind(void **state)
{
	(void)state;
	/* 2^17 rows of 8 votes: the halves split at row 2^16, a multiple of
	 * 16, so the sampled rows are those r % 16 == 0. */
	struct opinion_matrix m;
	build_four_camps(&m, 1 << 17, 16);
	struct opinion_pca p;
	const double *const none[2] = { NULL, NULL };
	opinion_pca_run(&m, none, &p);
	assert_dense_components(&m, &p);
	opinion_pca_free(&p);
	opinion_matrix_free(&m);
}

/* A matrix large enough to be built in two halves on two threads, with
 * changes of mind in both halves (the second half moves down over the
 * room they leave), is the one built row by row: per row the latest vote
 * per statement, at the place of the first, and the counts. */
static void test_matrix_in_halves(void **state)
{
	(void)state;
	enum { NP = 20000, NS = 70, PER = 60, CHANGED = 10 };
	size_t n = (size_t)NP * PER;
	struct opinion_vote *v = malloc(n * sizeof *v);
	int64_t *t = malloc(n * sizeof *t);
	/* Row p votes on statements (p + j) % NS for j < PER - CHANGED, then
	 * again on the first CHANGED of them; a change lands later in time
	 * except every third, which is older and loses. */
	size_t k = 0;
	for (uint32_t p = 0; p < NP; p++)
		for (uint32_t j = 0; j < PER; j++) {
			uint32_t jj = j < PER - CHANGED ? j : j - (PER - CHANGED);
			int value = (int)((p + j) % 3) - 1;
			v[k] = (struct opinion_vote){ p, (p + jj) % NS, (int8_t)value };
			t[k] = j < PER - CHANGED ? 1000 + (int64_t)j : (j % 3 == 0 ? 0 : 5000 + (int64_t)j);
			k++;
		}
	struct opinion_input in = { NP, NS, v, n, t, NULL, NULL, NULL };
	struct opinion_matrix m;
	char err[128];
	assert_int_equal(opinion_matrix_build(&m, &in, err, sizeof err), OPINION_OK);
	assert_int_equal(m.n_active_rows, NP);
	assert_int_equal(m.row_start[NP], (size_t)NP * (PER - CHANGED));
	uint32_t *col = calloc(NS, sizeof *col);
	for (uint32_t p = 0; p < NP; p++) {
		assert_int_equal(m.row_votes[p], PER - CHANGED);
		assert_int_equal(m.row_start[p], (size_t)p * (PER - CHANGED));
		for (uint32_t jj = 0; jj < PER - CHANGED; jj++) {
			/* The latest of the two votes where there are two. */
			uint32_t j = jj < CHANGED && (jj + PER - CHANGED) % 3 != 0 ? jj + PER - CHANGED : jj;
			uint32_t e = m.entry[m.row_start[p] + jj];
			assert_int_equal(OPINION_ENTRY_COL(e), (p + jj) % NS);
			assert_int_equal(OPINION_ENTRY_VOTE(e), -((int)((p + j) % 3) - 1)); /* Pol.is's sign */
			col[OPINION_ENTRY_COL(e)]++;
		}
	}
	for (uint32_t c = 0; c < NS; c++)
		assert_int_equal(m.col_votes[c], col[c]);
	opinion_matrix_free(&m);

	/* Votes out of range, looked for in two halves: the first is named. */
	char want[128];
	uint32_t statement = v[n - 5].statement;
	v[n - 5].statement = NS;
	assert_int_equal(opinion_matrix_build(&m, &in, err, sizeof err), OPINION_EINPUT);
	snprintf(want, sizeof want, "vote %zu: participant %u, statement %u, value %d out of range",
		 n - 5, (unsigned)v[n - 5].participant, (unsigned)NS, v[n - 5].value);
	assert_string_equal(err, want);
	v[7].value = 2;
	assert_int_equal(opinion_matrix_build(&m, &in, err, sizeof err), OPINION_EINPUT);
	snprintf(want, sizeof want, "vote 7: participant 0, statement %u, value 2 out of range",
		 (unsigned)v[7].statement);
	assert_string_equal(err, want);

	/* The same votes given grouped by participant (as opendata_input
	 * gives them): the rows' pass finds them, and the first is named. */
	uint32_t *order = malloc(n * sizeof *order);
	size_t *start = malloc(((size_t)NP + 1) * sizeof *start);
	for (size_t i = 0; i < n; i++)
		order[i] = (uint32_t)i;
	for (uint32_t p = 0; p <= NP; p++)
		start[p] = (size_t)p * PER;
	in.by_participant = order;
	in.vote_start = start;
	assert_int_equal(opinion_matrix_build(&m, &in, err, sizeof err), OPINION_EINPUT);
	assert_string_equal(err, want);
	v[7].value = 0;
	assert_int_equal(opinion_matrix_build(&m, &in, err, sizeof err), OPINION_EINPUT);
	snprintf(want, sizeof want, "vote %zu: participant %u, statement %u, value %d out of range",
		 n - 5, (unsigned)v[n - 5].participant, (unsigned)NS, v[n - 5].value);
	assert_string_equal(err, want);
	/* All in range, but a row names another participant's vote. */
	v[n - 5].statement = statement;
	order[PER] = 0;
	assert_int_equal(opinion_matrix_build(&m, &in, err, sizeof err), OPINION_EINPUT);
	assert_string_equal(err, "the votes grouped by participant are not the votes");
	order[PER] = PER;
	assert_int_equal(opinion_matrix_build(&m, &in, err, sizeof err), OPINION_OK);
	assert_int_equal(m.row_start[NP], (size_t)NP * (PER - CHANGED));
	opinion_matrix_free(&m);
	free(order);
	free(start);
	free(col);
	free(v);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matrix_latest_vote),
		cmocka_unit_test(test_pca_two_camps),
		cmocka_unit_test(test_pca_moderated_out),
		cmocka_unit_test(test_pca_warm_start),
		cmocka_unit_test(test_pca_close_components),
		cmocka_unit_test(test_pca_large_cold_start),
		cmocka_unit_test(test_pca_sample_of_one_kind),
		cmocka_unit_test(test_matrix_in_halves),
	};
	return cmocka_run_group_tests_name("opinion/pca", tests, NULL, NULL);
}
