/*
 * opinion.c: one update of the opinion map, in the order of Pol.is's
 * conversation.clj small-conv-update graph, warm-started from the last
 * update as Pol.is's worker does (see opinion.h). Steps:
 *
 *  1. matrix: latest votes (matrix.c).
 *  2. in-conv: participants who voted on at least min(7, statements) are
 *     in the conversation, and stay in; while fewer than 15 are, the
 *     most active others are added up to 15 (:in-conv, greedy-n 15).
 *  3. PCA and projection of every voter (pca.c), warm-started from the
 *     last components.
 *  4. base clusters: k-means with k = 100 (:base-k), at most 100 steps
 *     (:base-iters), over the in-conv participants' positions, warm-started
 *     from the last base clusters (kmeans.c).
 *  5. groups: for each k from 2 to min(5, 2 + base clusters / 12)
 *     (max-k-fn, :max-k 5), weighted k-means over the base clusters'
 *     centres with their sizes as weights, warm-started from the last
 *     clustering with the same k, at most 21 steps (Pol.is passes
 *     :cluster-iters, which its kmeans ignores, so its default :max-iters
 *     20 applies).
 *  6. k: the k with the best silhouette over the base clusters (ties to
 *     the larger k, as max-key picks the last), smoothed: a new k replaces
 *     the shown one only after it was best 4 updates in a row
 *     (:group-k-smoother, :group-k-buffer 4).
 *  7. per group vote tallies over its members (:votes-base, :group-votes),
 *     representativeness (repness.c), consensus and group-informed
 *     consensus (consensus.c), comment priorities (priority.c).
 *
 * Pol.is's subgroups (clusters within each group) are not computed: no
 * output uses them. Pol.is's mini-batch PCA for conversations over 10,000
 * participants and its 100,000-participant cap are not reproduced: every
 * update here is exact, at any size.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/monotime.h"
#include "core/pair.h"
#include "opinion/internal.h"

/* conversation.clj base-conv-update-graph :opts' and :in-conv. */
#define IN_CONV_VOTES 7
#define IN_CONV_GREEDY 15
#define BASE_K 100
#define BASE_ITERS 100
#define GROUP_ITERS 20
#define K_BUFFER 4

const char *const opinion_step_name[OPINION_STEP__MAX] = {
	[OPINION_STEP_MATRIX] = "matrix",
	[OPINION_STEP_PCA] = "pca",
	[OPINION_STEP_BASE] = "base clusters",
	[OPINION_STEP_GROUPS] = "groups",
	[OPINION_STEP_STATS] = "statistics",
};

/* Rows [r0, r1): each participant's group (of its base cluster), the
 * groups' sizes, and their latest votes per statement and code. */
struct group_votes {
	const struct opinion_matrix *m;
	const int32_t *base_of; /* base cluster of a participant, or -1 */
	const int8_t *of_base;  /* group of a base cluster */
	int8_t *group;
	uint32_t *codes; /* [(g * n_cols + c) * 3 + code] */
	uint32_t size[OPINION_MAX_K];
	uint32_t r0, r1;
};

/* The rows go in two halves on two threads from this many votes on. */
#define GROUP_VOTES_THREADED_FROM 1000000

static void *group_votes_run(void *arg)
{
	struct group_votes *gv = arg;
	const struct opinion_matrix *m = gv->m;
	for (uint32_t r = gv->r0; r < gv->r1; r++) {
		int32_t b = gv->base_of[r];
		if (b < 0)
			continue;
		int grp = gv->of_base[b];
		gv->group[r] = (int8_t)grp;
		gv->size[grp]++;
		opinion_count_codes(gv->codes + (size_t)grp * m->n_cols * 3, m->entry, m->row_start[r],
				    m->row_start[r + 1]);
	}
	return NULL;
}

/* Ends step s: adds the time since *t to took[s], restarts *t. */
static void step_done(int64_t *took, enum opinion_step s, int64_t *t)
{
	int64_t now = monotime_us();
	took[s] += now - *t;
	*t = now;
}

struct opinion_state {
	uint32_t n_participants, n_statements;
	uint8_t *in_conv;    /* per participant; once in, always in */
	uint8_t *was_active; /* per statement: a column of the last PCA */
	double *comp[2];     /* the last components, over statements */
	int have_pca;
	struct opinion_clustering base;
	struct opinion_clustering groups[OPINION_MAX_K + 1]; /* by k; n == 0: none */
	int last_k, last_k_count, smoothed_k;                /* 0: none yet */
};

struct opinion_state *opinion_state_new(void)
{
	return mem_calloc(1, sizeof(struct opinion_state));
}

void opinion_state_free(struct opinion_state *st)
{
	if (st == NULL)
		return;
	free(st->in_conv);
	free(st->was_active);
	free(st->comp[0]);
	free(st->comp[1]);
	opinion_clustering_free(&st->base);
	for (int k = 0; k <= OPINION_MAX_K; k++)
		opinion_clustering_free(&st->groups[k]);
	free(st);
}

void opinion_state_reload(struct opinion_state *st)
{
	for (int k = 0; k <= OPINION_MAX_K; k++)
		opinion_clustering_free(&st->groups[k]);
	st->last_k = st->last_k_count = st->smoothed_k = 0;
}

void opinion_result_free(struct opinion_result *res)
{
	free(res->x);
	free(res->y);
	free(res->group);
	free(res->in_conv);
	free(res->votes);
	free(res->tally);
	free(res->group_tally);
	free(res->consensus_gac);
	free(res->priority);
	free(res->extremity);
	free(res->rep);
	memset(res, 0, sizeof *res);
}

/* Grows the state's per-participant and per-statement arrays. */
static void state_grow(struct opinion_state *st, uint32_t np, uint32_t ns)
{
	if (np > st->n_participants) {
		st->in_conv = mem_realloc(st->in_conv, np);
		memset(st->in_conv + st->n_participants, 0, np - st->n_participants);
		st->n_participants = np;
	}
	if (ns > st->n_statements) {
		st->was_active = mem_realloc(st->was_active, ns);
		memset(st->was_active + st->n_statements, 0, ns - st->n_statements);
		for (int k = 0; k < 2; k++) {
			st->comp[k] = mem_realloc(st->comp[k], ns * sizeof *st->comp[k]);
			memset(st->comp[k] + st->n_statements, 0,
			       (ns - st->n_statements) * sizeof *st->comp[k]);
		}
		st->n_statements = ns;
	}
}

/* Step 2. */
static void in_conv_update(struct opinion_state *st, const struct opinion_matrix *m)
{
	uint32_t need = m->n_active < IN_CONV_VOTES ? m->n_active : IN_CONV_VOTES, n = 0;
	for (uint32_t r = 0; r < m->n_rows; r++) {
		if (m->row_votes[r] > 0 && m->row_votes[r] >= need)
			st->in_conv[r] = 1;
		n += st->in_conv[r];
	}
	while (n < IN_CONV_GREEDY) {
		/* The most active participant not yet in; ties to the lowest index. */
		uint32_t best = UINT32_MAX;
		for (uint32_t r = 0; r < m->n_rows; r++)
			if (!st->in_conv[r] && m->row_votes[r] > 0 &&
			    (best == UINT32_MAX || m->row_votes[r] > m->row_votes[best]))
				best = r;
		if (best == UINT32_MAX)
			break;
		st->in_conv[best] = 1;
		n++;
	}
}

/* Step 3's start vectors: the last components, 1 for new statements. */
static void pca_start(const struct opinion_state *st, const struct opinion_matrix *m,
		      double *start[2])
{
	for (int k = 0; k < 2; k++) {
		start[k] = NULL;
		if (!st->have_pca)
			continue;
		double *v = mem_alloc((m->n_cols ? m->n_cols : 1) * sizeof *v);
		int nonzero = 0;
		for (uint32_t c = 0; c < m->n_cols; c++) {
			v[c] = st->was_active[c] ? st->comp[k][c] : 1.0;
			nonzero |= m->col_votes[c] && v[c] != 0;
		}
		/* wrapped-pca: an all-zero start vector means none. */
		if (nonzero)
			start[k] = v;
		else
			free(v);
	}
}

static void result_alloc(struct opinion_result *res, uint32_t np, uint32_t ns)
{
	memset(res, 0, sizeof *res);
	res->n_participants = np;
	res->n_statements = ns;
	res->x = mem_alloc((np ? np : 1) * sizeof *res->x);
	res->y = mem_alloc((np ? np : 1) * sizeof *res->y);
	res->group = mem_alloc(np ? np : 1);
	memset(res->group, -1, np);
	res->in_conv = mem_calloc(np ? np : 1, 1);
	res->votes = mem_calloc(np ? np : 1, sizeof *res->votes);
	res->tally = mem_calloc(ns ? ns : 1, sizeof *res->tally);
	res->consensus_gac = mem_alloc((ns ? ns : 1) * sizeof *res->consensus_gac);
	res->priority = mem_calloc(ns ? ns : 1, sizeof *res->priority);
	res->extremity = mem_calloc(ns ? ns : 1, sizeof *res->extremity);
	for (uint32_t s = 0; s < ns; s++)
		res->consensus_gac[s] = NAN;
	for (uint32_t p = 0; p < np; p++)
		res->x[p] = res->y[p] = NAN;
	for (int k = 0; k <= OPINION_MAX_K; k++)
		res->silhouette[k] = NAN;
}

/* Tallies from counts of each entry code (internal.h: agree 0, pass 1,
 * disagree 2, as codes[3 * i + code]), counted without a branch per vote. */
static void tally_codes(struct opinion_tally *t, const uint32_t *codes, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		const uint32_t *c = codes + 3 * (size_t)i;
		t[i] = (struct opinion_tally){ .agree = c[0], .disagree = c[2], .seen = c[0] + c[1] + c[2] };
	}
}

/* Steps 5 and 6: returns the chosen clustering's k, or 0 if none. */
static int groups_update(struct opinion_state *st, const struct opinion_points *bp,
			 struct opinion_result *res)
{
	int max_k = 2 + (int)(bp->n / 12);
	if (max_k > OPINION_MAX_K)
		max_k = OPINION_MAX_K;
	struct opinion_clustering fresh[OPINION_MAX_K + 1];
	memset(fresh, 0, sizeof fresh);
	int best_k = 0;
	for (int k = 2; k <= max_k; k++) {
		opinion_kmeans(bp, k, GROUP_ITERS, &st->groups[k], &fresh[k]);
		res->silhouette[k] = opinion_silhouette(bp, &fresh[k]);
		if (best_k == 0 || res->silhouette[k] >= res->silhouette[best_k])
			best_k = k;
	}
	/* Pol.is keeps only this update's clusterings for the next one. */
	for (int k = 0; k <= OPINION_MAX_K; k++) {
		opinion_clustering_free(&st->groups[k]);
		st->groups[k] = fresh[k];
	}
	int count = (st->last_k && best_k == st->last_k) ? st->last_k_count + 1 : 1;
	int smoothed = count >= K_BUFFER ? best_k : (st->smoothed_k ? st->smoothed_k : best_k);
	st->last_k = best_k;
	st->last_k_count = count;
	st->smoothed_k = smoothed;
	res->best_k = best_k;
	res->smoothed_k = smoothed;
	/* When the base clusters shrank below what the smoothed k needs, Pol.is
	 * would show no groups; we show this update's best k. */
	return smoothed <= max_k ? smoothed : best_k;
}

enum opinion_err opinion_update(struct opinion_state *st, const struct opinion_input *in,
				struct opinion_result *res, char *err, size_t errlen)
{
	memset(res, 0, sizeof *res);
	if (in->n_participants < st->n_participants || in->n_statements < st->n_statements) {
		snprintf(err, errlen, "fewer participants or statements than the last update");
		return OPINION_EINPUT;
	}
	int64_t mark = monotime_us(), took[OPINION_STEP__MAX] = { 0 };
	struct opinion_matrix m;
	enum opinion_err rc = opinion_matrix_build(&m, in, err, errlen);
	if (rc != OPINION_OK)
		return rc;
	uint32_t np = m.n_rows, ns = m.n_cols;
	state_grow(st, np, ns);
	result_alloc(res, np, ns);
	res->status = OPINION_NOT_ENOUGH;
	if (np)
		memcpy(res->votes, m.row_votes, np * sizeof *res->votes);
	tally_codes(res->tally, m.col_code, ns);

	struct opinion_pca pca = { 0 };
	struct opinion_points pp = { 0 }, bp = { 0 };
	struct opinion_clustering base = { 0 };
	double *bx = NULL, *by = NULL, *bw = NULL;
	uint32_t *bkey = NULL, *pkey = NULL;
	double *px = NULL, *py = NULL;

	in_conv_update(st, &m);
	if (np)
		memcpy(res->in_conv, st->in_conv, np);
	step_done(took, OPINION_STEP_MATRIX, &mark);
	if (m.n_active == 0 || m.n_active_rows == 0)
		goto done;

	double *start[2];
	pca_start(st, &m, start);
	opinion_pca_run(&m, (const double *const *)start, &pca);
	free(start[0]);
	free(start[1]);
	opinion_pca_project(&m, &pca, res->x, res->y);
	opinion_pca_extremity(&m, &pca, res->extremity);
	for (uint32_t c = 0; c < ns; c++) {
		st->was_active[c] = m.col_votes[c] > 0;
		st->comp[0][c] = pca.comp[0][c];
		st->comp[1][c] = pca.comp[1][c];
	}
	st->have_pca = 1;
	res->pca_iters = pca.iters;
	step_done(took, OPINION_STEP_PCA, &mark);
	if (!(pca.eigval[0] > 0))
		goto done; /* no disagreement anywhere: every position is the same */

	/* Step 4. */
	pkey = mem_alloc((np ? np : 1) * sizeof *pkey);
	px = mem_alloc((np ? np : 1) * sizeof *px);
	py = mem_alloc((np ? np : 1) * sizeof *py);
	for (uint32_t r = 0; r < np; r++)
		if (st->in_conv[r] && m.row_votes[r] > 0) {
			pkey[pp.n] = r;
			px[pp.n] = res->x[r];
			py[pp.n] = res->y[r];
			pp.n++;
		}
	pp.x = px;
	pp.y = py;
	pp.key = pkey;
	pp.n_keys = np;
	opinion_kmeans(&pp, BASE_K, BASE_ITERS, &st->base, &base);
	opinion_clustering_free(&st->base);
	opinion_clustering_copy(&st->base, &base);
	res->n_base = base.n;
	step_done(took, OPINION_STEP_BASE, &mark);
	if (base.n < 2)
		goto done;

	/* Step 5: the base clusters as weighted points, keyed by id. */
	bx = mem_alloc((size_t)base.n * sizeof *bx);
	by = mem_alloc((size_t)base.n * sizeof *by);
	bw = mem_alloc((size_t)base.n * sizeof *bw);
	bkey = mem_alloc((size_t)base.n * sizeof *bkey);
	for (int i = 0; i < base.n; i++) {
		bx[i] = base.cx[i];
		by[i] = base.cy[i];
		bw[i] = base.size[i];
		bkey[i] = (uint32_t)base.id[i];
	}
	bp.n = (uint32_t)base.n;
	bp.x = bx;
	bp.y = by;
	bp.weight = bw;
	bp.key = bkey;
	bp.n_keys = (uint32_t)base.id[base.n - 1] + 1;
	int k = groups_update(st, &bp, res);
	step_done(took, OPINION_STEP_GROUPS, &mark);
	const struct opinion_clustering *g = &st->groups[k];
	if (g->n < 2)
		goto done;

	/* Step 7. Group ids in ascending order become 0..k-1. */
	res->k = g->n;
	int8_t *of_base = mem_alloc(bp.n_keys);
	memset(of_base, -1, bp.n_keys);
	for (int i = 0; i < base.n; i++) {
		int32_t gid = g->of[base.id[i]];
		for (int j = 0; j < g->n; j++)
			if (g->id[j] == gid)
				of_base[base.id[i]] = (int8_t)j;
	}
	res->group_tally = mem_calloc((size_t)res->k * (ns ? ns : 1), sizeof *res->group_tally);
	size_t ncodes = (size_t)res->k * (ns ? ns : 1) * 3;
	size_t nnz = m.row_start[np];
	uint32_t mid = opinion_half_row(m.row_start, np);
	struct group_votes half[2] = {
		{ &m, base.of, of_base, res->group, mem_calloc(ncodes, sizeof(uint32_t)), { 0 }, 0, mid },
		{ &m, base.of, of_base, res->group, mem_calloc(ncodes, sizeof(uint32_t)), { 0 }, mid, np }
	};
	pair_run(group_votes_run, &half[0], group_votes_run, &half[1], nnz >= GROUP_VOTES_THREADED_FROM);
	for (size_t c = 0; c < ncodes; c++)
		half[0].codes[c] += half[1].codes[c];
	for (int j = 0; j < res->k; j++)
		res->group_size[j] = half[0].size[j] + half[1].size[j];
	tally_codes(res->group_tally, half[0].codes, (uint32_t)res->k * ns);
	free(half[0].codes);
	free(half[1].codes);
	free(of_base);
	opinion_repness(res->group_tally, res->k, ns, m.out, m.col_votes, res);
	opinion_group_consensus(res->group_tally, res->k, ns, m.col_votes, res->consensus_gac);
	res->status = OPINION_READY;
done:
	if (res->status != OPINION_READY) {
		res->k = 0;
		memset(res->group, -1, np);
		memset(res->group_size, 0, sizeof res->group_size);
		free(res->group_tally);
		res->group_tally = NULL;
	}
	/* What everyone shares, and what to show next, need no groups. */
	opinion_consensus(res->tally, ns, m.out, m.col_votes, res);
	opinion_priorities(res->group_tally, res->k, ns, m.col_votes, in->flags, res->extremity,
			   res->priority);
	opinion_clustering_free(&base);
	opinion_pca_free(&pca);
	free(pkey);
	free(px);
	free(py);
	free(bx);
	free(by);
	free(bw);
	free(bkey);
	opinion_matrix_free(&m);
	step_done(took, OPINION_STEP_STATS, &mark);
	memcpy(res->step_us, took, sizeof took);
	return OPINION_OK;
}

enum opinion_err opinion_compute(const struct opinion_input *in, struct opinion_result *res,
				 char *err, size_t errlen)
{
	struct opinion_state *st = opinion_state_new();
	enum opinion_err rc = opinion_update(st, in, res, err, errlen);
	opinion_state_free(st);
	return rc;
}
