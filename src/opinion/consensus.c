/*
 * consensus.c: what unites the participants.
 *
 * Consensus statements (repness.clj consensus-stats and
 * select-consensus-comments): over everyone's latest votes, per statement
 * pa = (na + 1) / (ns + 2) and pat = prop-test(na, ns) (see repness.c),
 * and the same for disagree. A statement is a consensus for agreeing if
 * pa > 1/2 and pat is significant at 90%; the five with the largest
 * pa * pat are kept, in that order (ties in column order). The same for
 * disagreeing with pd, pdt. Moderated-out statements are left out.
 *
 * Group-informed consensus (conversation.clj :group-aware-consensus): per
 * statement, the product over the groups of (A + 1) / (S + 2), the
 * group's agree probability with a Laplace prior, from the raw votes of
 * the groups' members. It is high only if every group tends to agree.
 */
#include <math.h>

#include "opinion/internal.h"

/* One side's top five; agree = 1 for agreeing. */
static int cons_top(const struct opinion_tally *all, uint32_t n_cols, const uint8_t *out,
		    const uint32_t *col_votes, int agree, struct opinion_consensus *top)
{
	int n = 0;
	double key[OPINION_MAX_REP];
	for (uint32_t s = 0; s < n_cols; s++) {
		if (col_votes[s] == 0 || out[s])
			continue;
		double ns = all[s].seen, nk = agree ? all[s].agree : all[s].disagree;
		double p = (nk + 1) / (ns + 2), t = opinion_prop_test(nk, ns);
		if (!(p > 0.5 && opinion_z_sig_90(t)))
			continue;
		double m = p * t;
		/* Insert after every kept statement with a metric >= m. */
		int j = n < OPINION_MAX_REP ? n++ : OPINION_MAX_REP;
		while (j > 0 && key[j - 1] < m) {
			if (j < OPINION_MAX_REP) {
				key[j] = key[j - 1];
				top[j] = top[j - 1];
			}
			j--;
		}
		if (j < OPINION_MAX_REP) {
			key[j] = m;
			top[j] = (struct opinion_consensus){ s, (uint32_t)nk, (uint32_t)ns, p, t };
		}
	}
	return n;
}

void opinion_consensus(const struct opinion_tally *all, uint32_t n_cols, const uint8_t *out,
		       const uint32_t *col_votes, struct opinion_result *res)
{
	res->n_agree = cons_top(all, n_cols, out, col_votes, 1, res->agree);
	res->n_disagree = cons_top(all, n_cols, out, col_votes, 0, res->disagree);
}

void opinion_group_consensus(const struct opinion_tally *groups, int k, uint32_t n_cols,
			     const uint32_t *col_votes, double *gac)
{
	for (uint32_t s = 0; s < n_cols; s++) {
		if (col_votes[s] == 0 || k == 0) {
			gac[s] = NAN;
			continue;
		}
		double p = 1;
		for (int g = 0; g < k; g++) {
			const struct opinion_tally *t = &groups[(size_t)g * n_cols + s];
			p *= (t->agree + 1.0) / (t->seen + 2.0);
		}
		gac[s] = p;
	}
}
