/*
 * priority.c: which statement to show next (conversation.clj
 * importance-metric, priority-metric, :comment-priorities; the server's
 * selectProbabilistically).
 *
 * For a statement with A agrees, D disagrees, P passes and S votes in all
 * (over the grouped participants) and extremity E (see pca.c):
 *   importance = (1 - p) (E + 1) a,  p = (P + 1) / (S + 2),
 *                                    a = (A + 1) / (S + 2)
 *   priority   = (importance * (1 + 8 * 2^(-S / 5)))^2
 * so statements that are agreed with, rarely passed, and divide the map
 * come first, and new statements (small S) get a boost that fades over
 * their first votes. Meta statements get the fixed priority 7^2.
 * Pol.is computes this from the previous update's group votes (its
 * :comment-priorities reads (:group-votes conv)); we use this update's.
 */
#include <math.h>

#include "opinion/internal.h"

/* conversation.clj meta-priority. */
#define META_PRIORITY 7.0

double opinion_importance(double a, double p, double s, double e)
{
	double pp = (p + 1) / (s + 2), aa = (a + 1) / (s + 2);
	return (1 - pp) * (e + 1) * aa;
}

double opinion_priority_metric(int meta, double a, double p, double s, double e)
{
	double v = meta ? META_PRIORITY : opinion_importance(a, p, s, e) * (1 + 8 * pow(2, s / -5));
	return v * v;
}

void opinion_priorities(const struct opinion_tally *groups, int k, uint32_t n_cols,
			const uint32_t *col_votes, const uint8_t *flags, const double *extremity,
			double *priority)
{
	for (uint32_t s = 0; s < n_cols; s++) {
		if (col_votes[s] == 0) {
			priority[s] = 0; /* not in Pol.is's map: the server's default */
			continue;
		}
		double a = 0, d = 0, n = 0;
		for (int g = 0; g < k; g++) {
			const struct opinion_tally *t = &groups[(size_t)g * n_cols + s];
			a += t->agree;
			d += t->disagree;
			n += t->seen;
		}
		int meta = flags && (flags[s] & OPINION_META);
		priority[s] = opinion_priority_metric(meta, a, n - (a + d), n, extremity[s]);
	}
}

uint32_t opinion_next_statement(const double *priority, const uint8_t *eligible, uint32_t n,
				double u)
{
	double total = 0;
	for (uint32_t s = 0; s < n; s++)
		if (eligible[s])
			total += priority[s] > 0 ? priority[s] : 1;
	double target = u * total, run = 0;
	uint32_t last = UINT32_MAX;
	for (uint32_t s = 0; s < n; s++) {
		if (!eligible[s])
			continue;
		run += priority[s] > 0 ? priority[s] : 1;
		last = s;
		if (run > target)
			return s;
	}
	return last;
}
