/*
 * kmeans_test.c: Pol.is's k-means (kmeans.c) on points placed by hand: the
 * cold start from the first distinct points, the steps to convergence,
 * the warm start that keeps cluster ids and founds new clusters at the
 * most distal point, weights, and the silhouette.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "opinion/internal.h"
#include "opinion/near.h"

static const double line_x[] = { 0, 0, 1, 10, 11 }, zero_y[] = { 0, 0, 0, 0, 0 };
static const uint32_t keys5[] = { 0, 1, 2, 3, 4 };

static void test_cold_start(void **state)
{
	(void)state;
	struct opinion_points pts = { 5, line_x, zero_y, keys5, NULL, 5 };
	struct opinion_clustering c;
	opinion_kmeans(&pts, 2, 20, NULL, &c);
	/* Starts from (0,0) and (1,0), the first two distinct points; (1,0)
	 * first pulls 10 and 11 (centre 22/3), then goes back to 0's side. */
	assert_int_equal(c.n, 2);
	assert_int_equal(c.id[0], 0);
	assert_int_equal(c.id[1], 1);
	assert_near(c.cx[0], 1.0 / 3, 1e-12);
	assert_near(c.cx[1], 10.5, 1e-12);
	assert_int_equal(c.size[0], 3);
	assert_int_equal(c.size[1], 2);
	assert_int_equal(c.of[2], 0);
	assert_int_equal(c.of[3], 1);

	/* Silhouette: 0 and 0 have a = 1/2, b = 10.5; 1 has a = 1, b = 9.5;
	 * 10 has a = 1, b = 29/3; 11 has a = 1, b = 32/3. */
	assert_near(opinion_silhouette(&pts, &c), 0.9204600942010199, 1e-12);
	opinion_clustering_free(&c);

	/* More clusters than distinct points: one per distinct point. */
	opinion_kmeans(&pts, 100, 20, NULL, &c);
	assert_int_equal(c.n, 4);
	opinion_clustering_free(&c);
}

static void test_warm_start(void **state)
{
	(void)state;
	/* Last time: cluster 5 = {keys 0, 1}, cluster 7 = {key 2}. Now key 3
	 * has arrived far away and k = 3: the clusters keep their ids and key
	 * 3, the most distal point, founds cluster 8. */
	int32_t ids[] = { 5, 7 };
	double cx[] = { 0, 1 }, cy[] = { 0, 0 };
	uint32_t size[] = { 2, 1 };
	int32_t of[] = { 5, 5, 7, -1 };
	struct opinion_clustering last = { 2, 2, ids, cx, cy, size, 4, of };
	const double x[] = { 0, 0.5, 1, 20 }, y[] = { 0, 0, 0, 0 };
	const uint32_t keys[] = { 0, 1, 2, 3 };
	struct opinion_points pts = { 4, x, y, keys, NULL, 4 };
	struct opinion_clustering c;
	opinion_kmeans(&pts, 3, 20, &last, &c);
	assert_int_equal(c.n, 3);
	assert_int_equal(c.id[0], 5);
	assert_int_equal(c.id[1], 7);
	assert_int_equal(c.id[2], 8);
	assert_int_equal(c.of[3], 8);
	assert_near(c.cx[2], 20, 0);
	/* Cluster 5 centres on 0 and 0.5. */
	assert_int_equal(c.of[1], 5);
	assert_near(c.cx[0], 0.25, 1e-12);
	opinion_clustering_free(&c);

	/* Identical centres after recentring merge, keeping the larger's id;
	 * the new cluster takes the next id after those left (6, not 8). */
	const double x2[] = { 3, 3, 3, 9 };
	pts.x = x2;
	opinion_kmeans(&pts, 2, 20, &last, &c);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.id[0], 5);
	assert_int_equal(c.id[1], 6);
	assert_int_equal(c.of[2], 5);
	opinion_clustering_free(&c);
}

static void test_weights(void **state)
{
	(void)state;
	/* Base clusters as weighted points: the heavy one pulls the centre. */
	const double x[] = { 0, 1, 10 }, y[] = { 0, 0, 0 }, w[] = { 1, 3, 5 };
	const uint32_t keys[] = { 0, 1, 2 };
	struct opinion_points pts = { 3, x, y, keys, w, 3 };
	struct opinion_clustering c;
	opinion_kmeans(&pts, 2, 20, NULL, &c);
	assert_int_equal(c.n, 2);
	assert_near(c.cx[0], 0.75, 1e-12);
	assert_near(c.cx[1], 10, 1e-12);
	/* The silhouette counts each point once, whatever its weight. */
	double s0 = (10.0 - 1) / 10, s1 = (9.0 - 1) / 9, s2 = 0; /* 10 is alone */
	assert_near(opinion_silhouette(&pts, &c), (s0 + s1 + s2) / 3, 1e-12);
	opinion_clustering_free(&c);
}

static void test_many_centres(void **state)
{
	(void)state;
	/* The sorted nearest-centre search must agree with a plain scan. */
	enum { N = 2000 };
	static double x[N], y[N];
	static uint32_t keys[N];
	uint32_t r = 12345;
	for (int i = 0; i < N; i++) {
		r = r * 1103515245u + 12345u;
		x[i] = (double)(r >> 8) / (1 << 24) * 10;
		r = r * 1103515245u + 12345u;
		y[i] = (double)(r >> 8) / (1 << 24) * 10;
		keys[i] = (uint32_t)i;
	}
	struct opinion_points pts = { N, x, y, keys, NULL, N };
	/* k = 100 searches by x; k = 10 (N >= 4 k^2) by neighbour lists. */
	for (int k = 100; k >= 10; k -= 90) {
		struct opinion_clustering c;
		opinion_kmeans(&pts, k, 100, NULL, &c);
		assert_int_equal(c.n, k);
		uint32_t total = 0;
		for (int j = 0; j < c.n; j++)
			total += c.size[j];
		assert_int_equal(total, N);
		/* Every point sits in a cluster no farther than the scan's
		 * nearest of the centres it was assigned against, so after
		 * convergence (same centres within 0.01) its own centre is within
		 * 0.02 of the nearest. */
		for (int i = 0; i < N; i++) {
			double best = INFINITY, own = 0;
			for (int j = 0; j < c.n; j++) {
				double d = hypot(x[i] - c.cx[j], y[i] - c.cy[j]);
				best = fmin(best, d);
				if (c.id[j] == c.of[i])
					own = d;
			}
			assert_true(own <= best + 0.02);
		}
		opinion_clustering_free(&c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cold_start),
		cmocka_unit_test(test_warm_start),
		cmocka_unit_test(test_weights),
		cmocka_unit_test(test_many_centres),
	};
	return cmocka_run_group_tests_name("opinion/kmeans", tests, NULL, NULL);
}
