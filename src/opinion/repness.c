/*
 * repness.c: what represents each opinion group, as Pol.is's repness.clj
 * computes it, with the tests of stats.clj.
 *
 * Per group g and statement s (comment-stats, add-comparitive-stats), from
 * the latest votes of the group's members (n = count, a = agree,
 * d = disagree, s = seen, i.e. voted including pass):
 *   pa  = (na + 1) / (ns + 2)            agree probability, Laplace prior
 *   pd  = (nd + 1) / (ns + 2)
 *   pat = prop-test(na, ns)              is the group's agreement > 1/2?
 *   pdt = prop-test(nd, ns)
 *   ra  = pa / ((1 + na') / (2 + ns'))   agreement relative to everyone
 *                                        else (the primed counts summed
 *                                        over the other groups)
 *   rd  = pd / ((1 + nd') / (2 + ns'))
 *   rat = two-prop-test(na, na', ns, ns') does the group agree more?
 *   rdt = two-prop-test(nd, nd', ns, ns')
 * prop-test(k, n) = 2 sqrt(n + 1) ((k + 1) / (n + 1) - 1/2), and
 * two-prop-test is the two-proportion z-test with 1 added to each count.
 * A z-value is significant at 90% (one-sided) above 1.2816 (z-sig-90?).
 *
 * Selection (select-rep-comments), per group, over the statements in
 * column order, moderated-out ones skipped:
 * - "sufficient": both the relative and the absolute test pass for agree
 *   (rat, pat) or for disagree (rdt, pdt);
 * - "best": while nothing is sufficient, the statement with the largest
 *   max(rat, rdt), so every group gets at least one;
 * - "best agree": the statement with the best ra*rat*pa*pat (once the
 *   best so far has ra > 1), else pa*pat, else the first with pat
 *   significant or ra > 1 and pa > 1/2; never one nobody agreed or
 *   disagreed with.
 * Each is reported for agree if rat > rdt, else for disagree
 * (finalize-cmt-stats). The result: the best agree first, then the
 * sufficient ones by repness * repness-test * p-success * p-test, at most
 * five, agrees before disagrees; or, with nothing sufficient, the best
 * agree alone, else the best alone. Pol.is keeps repness-test as a single
 * precision float and compares with it; so do we.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "opinion/internal.h"

/* stats.clj z-sig-90?: one-sided 90% critical value of the normal. */
#define Z_90 1.2816

double opinion_prop_test(double succ, double n)
{
	succ += 1;
	n += 1;
	return 2 * sqrt(n) * (succ / n - 0.5);
}

double opinion_two_prop_test(double succ_in, double succ_out, double pop_in, double pop_out)
{
	succ_in += 1;
	succ_out += 1;
	pop_in += 1;
	pop_out += 1;
	double pi1 = succ_in / pop_in, pi2 = succ_out / pop_out;
	/* Pol.is returns 0 when the pooled proportion is exactly 1. */
	if (succ_in + succ_out == pop_in + pop_out)
		return 0;
	double pi_hat = (succ_in + succ_out) / (pop_in + pop_out);
	return (pi1 - pi2) / sqrt(pi_hat * (1 - pi_hat) * (1 / pop_in + 1 / pop_out));
}

int opinion_z_sig_90(double z)
{
	return z > Z_90;
}

struct rstat {
	double na, nd, ns, pa, pd, pat, pdt, ra, rd, rat, rdt;
};

static void rep_stats(const struct opinion_tally *in, double na_rest, double nd_rest,
		      double ns_rest, struct rstat *st)
{
	st->na = in->agree;
	st->nd = in->disagree;
	st->ns = in->seen;
	st->pa = (1 + st->na) / (2 + st->ns);
	st->pd = (1 + st->nd) / (2 + st->ns);
	st->pat = opinion_prop_test(st->na, st->ns);
	st->pdt = opinion_prop_test(st->nd, st->ns);
	st->ra = st->pa / ((1 + na_rest) / (2 + ns_rest));
	st->rd = st->pd / ((1 + nd_rest) / (2 + ns_rest));
	st->rat = opinion_two_prop_test(st->na, na_rest, st->ns, ns_rest);
	st->rdt = opinion_two_prop_test(st->nd, nd_rest, st->ns, ns_rest);
}

static struct opinion_rep rep_finalize(uint32_t s, const struct rstat *st)
{
	struct opinion_rep r = { .statement = s };
	if (st->rat > st->rdt) {
		r.agree = 1;
		r.n_success = (uint32_t)st->na;
		r.p_success = st->pa;
		r.p_test = st->pat;
		r.repness = st->ra;
		r.repness_test = (float)st->rat;
	} else {
		r.n_success = (uint32_t)st->nd;
		r.p_success = st->pd;
		r.p_test = st->pdt;
		r.repness = st->rd;
		r.repness_test = (float)st->rdt;
	}
	r.n_trials = (uint32_t)st->ns;
	return r;
}

static int rep_passes(const struct rstat *st)
{
	return (opinion_z_sig_90(st->rat) && opinion_z_sig_90(st->pat)) ||
	       (opinion_z_sig_90(st->rdt) && opinion_z_sig_90(st->pdt));
}

static int rep_beats_best_agree(const struct rstat *st, const struct rstat *cb)
{
	if (st->na == 0 && st->nd == 0)
		return 0;
	if (cb && cb->ra > 1.0)
		return st->ra * st->rat * st->pa * st->pat > cb->ra * cb->rat * cb->pa * cb->pat;
	if (cb)
		return st->pa * st->pat > cb->pa * cb->pat;
	return opinion_z_sig_90(st->pat) || (st->ra > 1.0 && st->pa > 0.5);
}

static double rep_metric(const struct opinion_rep *r)
{
	return r->repness * r->repness_test * r->p_success * r->p_test;
}

/* Picks group g's statements into out (at most OPINION_MAX_REP); returns
 * how many. */
static int rep_select(const struct rstat *st, uint32_t n_cols, const uint8_t *out,
		      const uint32_t *col_votes, struct opinion_rep *suff, struct opinion_rep *res)
{
	int n_suff = 0, have_best = 0;
	struct opinion_rep best = { 0 };
	const struct rstat *best_agree = NULL;
	uint32_t best_agree_s = 0;
	for (uint32_t s = 0; s < n_cols; s++) {
		if (col_votes[s] == 0 || out[s])
			continue;
		if (rep_passes(&st[s]))
			suff[n_suff++] = rep_finalize(s, &st[s]);
		if (n_suff == 0 &&
		    (!have_best || fmax(st[s].rat, st[s].rdt) > best.repness_test)) {
			best = rep_finalize(s, &st[s]);
			have_best = 1;
		}
		if (rep_beats_best_agree(&st[s], best_agree)) {
			best_agree = &st[s];
			best_agree_s = s;
		}
	}
	int n = 0;
	if (best_agree) {
		res[n] = rep_finalize(best_agree_s, best_agree);
		res[n++].best_agree = 1;
	}
	if (n_suff == 0) {
		if (n == 0 && have_best)
			res[n++] = best;
		return n;
	}
	/* Stable sort by the metric, descending, without the best agree. */
	int m = 0;
	for (int i = 0; i < n_suff; i++) {
		if (best_agree && suff[i].statement == best_agree_s)
			continue;
		struct opinion_rep r = suff[i];
		double key = rep_metric(&r);
		int j = m++;
		while (j > 0 && rep_metric(&suff[j - 1]) < key) {
			suff[j] = suff[j - 1];
			j--;
		}
		suff[j] = r;
	}
	for (int i = 0; i < m && n < OPINION_MAX_REP; i++)
		res[n++] = suff[i];
	/* agrees-before-disagrees, stable. */
	struct opinion_rep tmp[OPINION_MAX_REP];
	int t = 0;
	for (int pass = 1; pass >= 0; pass--)
		for (int i = 0; i < n; i++)
			if (res[i].agree == pass)
				tmp[t++] = res[i];
	memcpy(res, tmp, (size_t)n * sizeof *res);
	return n;
}

void opinion_repness(const struct opinion_tally *counts, int k, uint32_t n_cols,
		     const uint8_t *out, const uint32_t *col_votes, struct opinion_result *res)
{
	struct rstat *st = mem_alloc((size_t)(n_cols ? n_cols : 1) * sizeof *st);
	struct opinion_rep *suff = mem_alloc((size_t)(n_cols ? n_cols : 1) * sizeof *suff);
	res->rep = mem_alloc((size_t)(k ? k : 1) * OPINION_MAX_REP * sizeof *res->rep);
	size_t n = 0;
	for (int g = 0; g < k; g++) {
		for (uint32_t s = 0; s < n_cols; s++) {
			double na = 0, nd = 0, ns = 0;
			for (int h = 0; h < k; h++) {
				if (h == g)
					continue;
				const struct opinion_tally *t = &counts[(size_t)h * n_cols + s];
				na += t->agree;
				nd += t->disagree;
				ns += t->seen;
			}
			rep_stats(&counts[(size_t)g * n_cols + s], na, nd, ns, &st[s]);
		}
		res->rep_start[g] = n;
		n += (size_t)rep_select(st, n_cols, out, col_votes, suff, res->rep + n);
	}
	res->rep_start[k] = n;
	free(st);
	free(suff);
}
