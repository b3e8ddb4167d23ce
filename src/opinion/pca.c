/*
 * pca.c: the two principal components of the vote matrix and the
 * projection of participants and statements onto them, as Pol.is's
 * pca.clj does it:
 *
 * - Imputation (conversation.clj :mat): a missing vote is replaced by the
 *   mean of its column, and the data is centred by the same column means
 *   (powerit-pca). A missing cell therefore becomes exactly 0 after
 *   centring, so the centred matrix is as sparse as the votes, and every
 *   product below runs over the votes only, never over a dense matrix.
 *   Moderated-out columns are zeroed (nm/zero-out-columns): their mean and
 *   centred values are 0.
 * - Components (power-iteration, xtxr): the two leading eigenvectors of
 *   X'X, the second being the first of the data with the first factored
 *   out (factor-matrix: X (I - p p')). Pol.is finds them one after the
 *   other by power iteration, v <- X'X v / |X'X v|, from the last update's
 *   components (warm start; new statements get 1, as Pol.is pads the start
 *   vector) or, the first time, from entries in [0, 1) as Pol.is's
 *   rand-starting-vec (here drawn from a fixed hash instead of a random
 *   generator, to stay deterministic), at most 100 times (:pca-iters).
 *   We start from the same vectors and iterate them in one pass over the
 *   votes with a third vector beside them, as a block (subspace
 *   iteration): after each product the block's best pair is taken from the
 *   3 x 3 projection of X'X onto it (Rayleigh-Ritz). Power iteration
 *   converges as fast as lambda2 / lambda1 and lambda3 / lambda2 shrink,
 *   the block as lambda4 / lambda1 and lambda4 / lambda2: where the first
 *   two eigenvalues are close (a dialogue split several ways) it needs
 *   far fewer passes, 10 instead of 24 on the 4-camp synthetic
 *   conversation of bench/opinion, and ends nearer the true pair (to 2e-6
 *   there, where power iteration's 24 passes were 2e-4 off). Each
 *   component is turned to the side of its start vector, the side power
 *   iteration keeps, so a warm-started map does not flip. We stop when
 *   the block's estimates of both eigenvalues change by less than 1e-9 of
 *   themselves; on the openData conversations a single run then gives the
 *   same groups as with 1e-15. (A replay of thousands of updates can end
 *   in either of two nearly equal clusterings depending on the last
 *   digits, whatever the tolerance: see agreement_test.c.)
 *   A cold start (no last components) on a million votes or more is
 *   first iterated on every 16th participant only, at a sixteenth of the
 *   cost a pass, until its eigenvalues change by less than 1e-3: a start
 *   near the components, from which the passes over all the votes take 7
 *   instead of 10 on the synthetic conversation (the same groups, the
 *   positions within 4e-6 of the random start's).
 * - Projection (sparsity-aware-project-ptpt): a participant's coordinates
 *   are the dot products of their centred votes with the components, over
 *   the cells they voted (moderated-out cells count as voted with 0, as
 *   Pol.is's zeroed columns do), scaled by sqrt(n_statements / n_votes),
 *   which pushes out those who voted little.
 * - Statement extremity (pca-project-cmnts, with-proj-and-extremtiy): each
 *   statement projected as a participant who agreed with it alone
 *   (a single -1 in Pol.is's sign), and the length of that point.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/pair.h"
#include "opinion/internal.h"

/* Pol.is :pca-iters. */
#define PCA_ITERS 100
/* Vectors iterated together: the two components and one more. */
#define PCA_BLOCK 3
/* The product keeps the first two as a pair and the third beside them
 * (four places per column), and pca_eigen3 is for 3 x 3. */
_Static_assert(PCA_BLOCK == 3, "the product's layout and pca_eigen3 are for a block of three");
/* The products run in two parts, on two threads once there are
 * PCA_THREADED_FROM votes. */
#define PCA_THREADED_FROM 1000000
/* Relative change of |X'X v| taken as converged (see above). */
#define PCA_TOL 1e-9
/* A cold start on a large conversation is first iterated on every
 * PCA_SAMPLE_STEP-th participant until PCA_SAMPLE_TOL (see above). */
#define PCA_SAMPLE_FROM 1000000
#define PCA_SAMPLE_STEP 16
#define PCA_SAMPLE_TOL 1e-3

void opinion_pca_free(struct opinion_pca *p)
{
	free(p->center);
	free(p->comp[0]);
	free(p->comp[1]);
	memset(p, 0, sizeof *p);
}

static double pca_dot(const double *a, const double *b, uint32_t n)
{
	double s = 0;
	for (uint32_t i = 0; i < n; i++)
		s += a[i] * b[i];
	return s;
}

/* v -= (u . v) u */
static void pca_factor(double *v, const double *u, uint32_t n)
{
	double d = pca_dot(u, v, n);
	for (uint32_t i = 0; i < n; i++)
		v[i] -= d * u[i];
}

/* Normalises v in place; returns its former length (0 leaves v zero). */
static double pca_normalise(double *v, uint32_t n)
{
	double len = sqrt(pca_dot(v, v, n));
	if (len > 0)
		for (uint32_t i = 0; i < n; i++)
			v[i] /= len;
	return len;
}

/* Pol.is's rand-starting-vec draws each entry from [0, 1); we draw it
 * from a fixed hash of the statement index and the component, so the
 * start is the same in every run. (A vector of ones, power-iteration's own
 * default, can be orthogonal to the data when camps are symmetric.) */
static double pca_rand(uint32_t c, uint32_t k)
{
	/* The third vector's keys lie past every component's. */
	uint64_t key = k < 2 ? ((uint64_t)c << 1 | k) : (uint64_t)c + ((uint64_t)1 << 33);
	uint64_t h = key * 0x9e3779b97f4a7c15ull;
	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 29;
	return (double)(h >> 11) / 9007199254740992.0;
}

/* Centred value of each packed entry: cv[entry] (see internal.h). */
static double *pca_centred(const struct opinion_matrix *m, const double *center)
{
	double *cv = mem_calloc((size_t)m->n_cols * 4 + 1, sizeof *cv);
	for (uint32_t c = 0; c < m->n_cols; c++)
		if (!m->out[c])
			for (int code = 0; code < 3; code++)
				cv[(size_t)c * 4 + (size_t)code] = (code - 1) - center[c];
	return cv;
}

/* w = X'X v over rows r0, r0 + step, ... before r1 for the block's three
 * vectors at once; v and w hold them side by side (v[4c + k], the fourth
 * place unused). */
struct pca_part {
	const struct opinion_matrix *m;
	const double *vx; /* per entry: its three terms, then its centred value */
	double *w;
	uint32_t r0, r1, step;
};

/*
 * Each row's dot products with the block are sums, chains of dependent
 * additions; PCA_ROWS rows are summed side by side, so that their chains
 * overlap in the processor. An entry's four places (its three terms and
 * its centred value) are one vector of four doubles, added and multiplied
 * lane by lane: in two instructions of two lanes each (SSE2), or in one of
 * four where the processor has AVX (the function is compiled for both and
 * the loader picks one). The fourth lane sums centred values that nothing
 * reads. Each term is looked up, made once per product for every
 * (statement, vote) (pca_product). Every sum adds the same terms in the
 * same order, without fused multiply-adds (ISO C's default contraction
 * is off), and the rows are added into w one after the other, so the
 * result is the same to the bit on either processor, and as one row and
 * one vector at a time.
 */
#define PCA_ROWS 4

/* Loaded from and stored to any double (aligned as one). */
typedef double pca_v4 __attribute__((vector_size(4 * sizeof(double)), aligned(sizeof(double))));

/* One row's product, from j on: its dot products *dot (lanes 0-2)
 * finished, then its terms added into w. (Vectors pass by pointer: by
 * value their passing would differ between the two compilations.) */
static inline void pca_row(const uint32_t *e, size_t j, size_t len, const double *vx, double *w,
			   const pca_v4 *dot)
{
	pca_v4 d = *dot;
	for (; j < len; j++)
		d += *(const pca_v4 *)(vx + 4 * (size_t)e[j]);
	for (j = 0; j < len; j++) {
		pca_v4 *wc = (pca_v4 *)(w + 4 * OPINION_ENTRY_COL(e[j]));
		*wc += d * vx[4 * (size_t)e[j] + 3];
	}
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx", "default")))
#endif
static void *pca_product_part(void *arg)
{
	const struct pca_part *pp = arg;
	const double *vx = pp->vx;
	double *w = pp->w;
	const size_t *start = pp->m->row_start;
	const uint32_t *entry = pp->m->entry;
	memset(w, 0, (size_t)pp->m->n_cols * 4 * sizeof *w);
	uint32_t r = pp->r0, step = pp->step;
	for (; r < pp->r1 && (pp->r1 - 1 - r) / step >= PCA_ROWS - 1; r += PCA_ROWS * step) {
		uint32_t r1 = r + step, r2 = r1 + step, r3 = r2 + step;
		const uint32_t *e0 = entry + start[r], *e1 = entry + start[r1], *e2 = entry + start[r2],
			       *e3 = entry + start[r3];
		size_t l0 = start[r + 1] - start[r], l1 = start[r1 + 1] - start[r1],
		       l2 = start[r2 + 1] - start[r2], l3 = start[r3 + 1] - start[r3];
		size_t common = l0 < l1 ? l0 : l1;
		common = l2 < common ? l2 : common;
		common = l3 < common ? l3 : common;
		pca_v4 d0 = { 0 }, d1 = { 0 }, d2 = { 0 }, d3 = { 0 };
		for (size_t j = 0; j < common; j++) {
			d0 += *(const pca_v4 *)(vx + 4 * (size_t)e0[j]);
			d1 += *(const pca_v4 *)(vx + 4 * (size_t)e1[j]);
			d2 += *(const pca_v4 *)(vx + 4 * (size_t)e2[j]);
			d3 += *(const pca_v4 *)(vx + 4 * (size_t)e3[j]);
		}
		pca_row(e0, common, l0, vx, w, &d0);
		pca_row(e1, common, l1, vx, w, &d1);
		pca_row(e2, common, l2, vx, w, &d2);
		pca_row(e3, common, l3, vx, w, &d3);
	}
	const pca_v4 zero = { 0 };
	for (; r < pp->r1; r += step)
		pca_row(entry + start[r], 0, start[r + 1] - start[r], vx, w, &zero);
	return NULL;
}

/* The product over every step-th row (all of them for step 1) in two
 * fixed parts of about equal votes, summed in a fixed order: the result
 * is the same whether the parts run on threads or not. Threads are used
 * only when there are enough votes to pay for them. */
static void pca_product(const struct opinion_matrix *m, uint32_t step, const double *v, double *w,
			double *scratch, double *vx)
{
	/* Each entry's terms of a row's dot products: its centred value
	 * (kept in the entry's fourth place) times the vectors at its
	 * column, made once here instead of once per vote (the same
	 * products, so the same bits). */
	for (size_t e = 0; e < (size_t)m->n_cols * 4; e++)
		for (int k = 0; k < PCA_BLOCK; k++)
			vx[4 * e + (size_t)k] = v[4 * (e >> 2) + (size_t)k] * vx[4 * e + 3];
	/* Two parts of about equal votes. */
	size_t nnz = m->row_start[m->n_rows];
	uint32_t mid = opinion_half_row(m->row_start, m->n_rows);
	struct pca_part part[2] = { { m, vx, w, 0, mid, step },
				    { m, vx, scratch, mid, m->n_rows, step } };
	pair_run(pca_product_part, &part[0], pca_product_part, &part[1],
		 nnz / step >= PCA_THREADED_FROM);
	for (size_t c = 0; c < (size_t)m->n_cols * 4; c++)
		w[c] += scratch[c];
}

/* Makes the block's vectors orthonormal in order (Gram-Schmidt, twice,
 * as one pass loses orthogonality when a vector is nearly in the span of
 * those before it); a vector in that span becomes zero. */
static void pca_orthonormalise(double *b[PCA_BLOCK], uint32_t n)
{
	for (int k = 0; k < PCA_BLOCK; k++) {
		double before = sqrt(pca_dot(b[k], b[k], n));
		for (int pass = 0; pass < 2; pass++)
			for (int i = 0; i < k; i++)
				pca_factor(b[k], b[i], n);
		if (pca_normalise(b[k], n) <= 1e-10 * before)
			memset(b[k], 0, n * sizeof *b[k]);
	}
}

/* The eigenvalues mu (largest first) and unit eigenvectors (q's columns,
 * in the same order) of the symmetric 3 x 3 matrix h, which is destroyed:
 * cyclic Jacobi rotations until h is diagonal to the last bits. */
static void pca_eigen3(double h[3][3], double mu[3], double q[3][3])
{
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 3; j++)
			q[i][j] = i == j;
	for (int sweep = 0; sweep < 16; sweep++) {
		double off = fabs(h[0][1]) + fabs(h[0][2]) + fabs(h[1][2]);
		if (off <= 1e-17 * (fabs(h[0][0]) + fabs(h[1][1]) + fabs(h[2][2])))
			break;
		for (int p = 0; p < 2; p++)
			for (int r = p + 1; r < 3; r++) {
				if (h[p][r] == 0)
					continue;
				double theta = (h[r][r] - h[p][p]) / (2 * h[p][r]);
				double t = (theta >= 0 ? 1 : -1) / (fabs(theta) + sqrt(theta * theta + 1));
				double c = 1 / sqrt(t * t + 1), sn = t * c;
				for (int k = 0; k < 3; k++) {
					double a = h[k][p], b = h[k][r];
					h[k][p] = c * a - sn * b;
					h[k][r] = sn * a + c * b;
				}
				for (int k = 0; k < 3; k++) {
					double a = h[p][k], b = h[r][k];
					h[p][k] = c * a - sn * b;
					h[r][k] = sn * a + c * b;
				}
				for (int k = 0; k < 3; k++) {
					double a = q[k][p], b = q[k][r];
					q[k][p] = c * a - sn * b;
					q[k][r] = sn * a + c * b;
				}
			}
	}
	int order[3] = { 0, 1, 2 };
	for (int i = 1; i < 3; i++)
		for (int j = i; j > 0 && h[order[j]][order[j]] > h[order[j - 1]][order[j - 1]]; j--) {
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	double sorted[3][3];
	for (int j = 0; j < 3; j++) {
		mu[j] = h[order[j]][order[j]];
		for (int i = 0; i < 3; i++)
			sorted[i][j] = q[i][order[j]];
	}
	memcpy(q, sorted, sizeof sorted);
}

/* The block, and what its iteration works in. */
struct pca_block {
	const struct opinion_matrix *m;
	uint32_t nc;
	double *b[PCA_BLOCK], *y[PCA_BLOCK]; /* the block, and room for the next */
	double *vi, *w, *scratch, *vx;       /* the product's (see pca_product) */
	double eigval[2];                    /* |X'X v| of the last product */
};

/* Iterates the block over every step-th row until the estimates of the
 * first two eigenvalues change by at most tol of themselves, or
 * PCA_ITERS + 1 times; returns the products made. */
static int pca_iterate(struct pca_block *k3, uint32_t step, double tol)
{
	uint32_t nc = k3->nc;
	double *w = k3->w;
	double last[2] = { 0, 0 };
	for (int it = 0;; it++) {
		for (uint32_t c = 0; c < nc; c++)
			for (int k = 0; k < PCA_BLOCK; k++)
				k3->vi[4 * (size_t)c + (size_t)k] = k3->b[k][c];
		pca_product(k3->m, step, k3->vi, w, k3->scratch, k3->vx);
		/* The block's projection h = B'X'XB, its eigenvectors q, and the
		 * next block: X'X times the Ritz vectors B q (the products just
		 * made, combined by q). */
		double h[PCA_BLOCK][PCA_BLOCK], mu[PCA_BLOCK], q[PCA_BLOCK][PCA_BLOCK];
		for (int i = 0; i < PCA_BLOCK; i++)
			for (int j = 0; j < PCA_BLOCK; j++) {
				double s = 0;
				for (uint32_t c = 0; c < nc; c++)
					s += k3->b[i][c] * w[4 * (size_t)c + (size_t)j];
				h[i][j] = s;
			}
		for (int i = 0; i < PCA_BLOCK; i++)
			for (int j = 0; j < i; j++)
				h[i][j] = h[j][i] = (h[i][j] + h[j][i]) / 2;
		pca_eigen3(h, mu, q);
		for (int j = 0; j < PCA_BLOCK; j++)
			for (uint32_t c = 0; c < nc; c++) {
				const double *wc = w + 4 * (size_t)c;
				k3->y[j][c] = wc[0] * q[0][j] + wc[1] * q[1][j] + wc[2] * q[2][j];
			}
		for (int k = 0; k < 2; k++)
			k3->eigval[k] = sqrt(pca_dot(k3->y[k], k3->y[k], nc));
		for (int k = 0; k < PCA_BLOCK; k++) {
			double *t = k3->b[k];
			k3->b[k] = k3->y[k];
			k3->y[k] = t;
		}
		pca_orthonormalise(k3->b, nc);
		int same = 1;
		for (int k = 0; k < 2; k++)
			if (fabs(mu[k] - last[k]) > tol * fabs(mu[k]))
				same = 0;
		if (it == PCA_ITERS || same)
			return it + 1;
		last[0] = mu[0];
		last[1] = mu[1];
	}
}

/* The block's start: the given components (start[k] not NULL) or
 * Pol.is's random vectors, over the statements with votes. */
static void pca_start(struct pca_block *k3, const double *const start[2])
{
	for (int k = 0; k < PCA_BLOCK; k++)
		for (uint32_t c = 0; c < k3->nc; c++)
			k3->b[k][c] = !k3->m->col_votes[c] ? 0
				      : k < 2 && start[k] ? start[k][c]
				      : pca_rand(c, (uint32_t)k);
}

void opinion_pca_run(const struct opinion_matrix *m, const double *const start[2],
		     struct opinion_pca *p)
{
	uint32_t nc = m->n_cols;
	size_t n4 = (size_t)nc * 4 + 1;
	memset(p, 0, sizeof *p);
	p->n_cols = nc;
	/* The mean of a column's votes in Pol.is's sign: (disagree - agree)
	 * / votes, from the matrix's counts (the sum of whole numbers is
	 * exact, as summing the votes one by one was). */
	p->center = mem_calloc(nc ? nc : 1, sizeof *p->center);
	for (uint32_t c = 0; c < nc; c++) {
		const uint32_t *n = m->col_code + 3 * (size_t)c;
		p->center[c] = (m->out[c] || m->col_votes[c] == 0)
				       ? 0
				       : ((double)n[2] - (double)n[0]) / m->col_votes[c];
	}

	struct pca_block k3 = { .m = m, .nc = nc };
	double *cv = pca_centred(m, p->center);
	k3.vx = mem_alloc(n4 * 4 * sizeof *k3.vx);
	for (size_t e = 0; e < (size_t)nc * 4; e++)
		k3.vx[4 * e + 3] = cv[e];
	free(cv);
	k3.w = mem_alloc(n4 * sizeof *k3.w);
	k3.vi = mem_calloc(n4, sizeof *k3.vi);
	k3.scratch = mem_alloc(n4 * sizeof *k3.scratch);
	for (int k = 0; k < PCA_BLOCK; k++) {
		k3.b[k] = mem_alloc((nc ? nc : 1) * sizeof *k3.b[k]);
		k3.y[k] = mem_alloc((nc ? nc : 1) * sizeof *k3.y[k]);
	}
	pca_start(&k3, start);
	/* Power iteration keeps the sign of each start vector's part along
	 * its component; the block's components are turned the same way. */
	double *s0 = mem_alloc(2 * (nc ? nc : 1) * sizeof *s0), *s1 = s0 + (nc ? nc : 1);
	memcpy(s0, k3.b[0], nc * sizeof *s0);
	memcpy(s1, k3.b[1], nc * sizeof *s1);
	pca_orthonormalise(k3.b, nc);
	if (!start[0] && !start[1] && m->row_start[m->n_rows] >= PCA_SAMPLE_FROM) {
		pca_iterate(&k3, PCA_SAMPLE_STEP, PCA_SAMPLE_TOL);
		/* A sample with fewer than three directions (its participants
		 * alike) leaves a vector of the block zero, which no product
		 * brings back: then the random start it is. */
		for (int k = 0; k < PCA_BLOCK; k++)
			if (pca_dot(k3.b[k], k3.b[k], nc) == 0) {
				pca_start(&k3, start);
				pca_orthonormalise(k3.b, nc);
				break;
			}
	}
	p->iters = pca_iterate(&k3, 1, PCA_TOL);
	for (int k = 0; k < 2; k++) {
		p->eigval[k] = k3.eigval[k];
		if (pca_dot(k3.b[k], k ? s1 : s0, nc) < 0)
			for (uint32_t c = 0; c < nc; c++)
				k3.b[k][c] = -k3.b[k][c];
	}
	free(s0);
	p->comp[0] = k3.b[0];
	p->comp[1] = k3.b[1];
	free(k3.b[2]);
	for (int k = 0; k < PCA_BLOCK; k++)
		free(k3.y[k]);
	free(k3.w);
	free(k3.vi);
	free(k3.scratch);
	free(k3.vx);
}

/* The projection of rows [r0, r1) (see opinion_pca_project). */
struct pca_rows {
	const struct opinion_matrix *m;
	const struct opinion_pca *p;
	const double *cv;
	double *x, *y;
	uint32_t r0, r1;
};

static void *pca_project_rows(void *arg)
{
	const struct pca_rows *pr = arg;
	const struct opinion_matrix *m = pr->m;
	const struct opinion_pca *p = pr->p;
	for (uint32_t r = pr->r0; r < pr->r1; r++) {
		if (m->row_votes[r] == 0) {
			pr->x[r] = pr->y[r] = NAN;
			continue;
		}
		double p0 = 0, p1 = 0;
		uint32_t n_out = 0;
		for (size_t j = m->row_start[r]; j < m->row_start[r + 1]; j++) {
			uint32_t e = m->entry[j], c = OPINION_ENTRY_COL(e);
			p0 += pr->cv[e] * p->comp[0][c];
			p1 += pr->cv[e] * p->comp[1][c];
			n_out += m->out[c];
		}
		/* Zeroed columns count as voted for every participant. */
		double n = (double)(m->row_votes[r] - n_out + m->n_active_out);
		double scale = sqrt((double)m->n_active / (n > 1 ? n : 1));
		pr->x[r] = p0 * scale;
		pr->y[r] = p1 * scale;
	}
	return NULL;
}

void opinion_pca_project(const struct opinion_matrix *m, const struct opinion_pca *p, double *x,
			 double *y)
{
	double *cv = pca_centred(m, p->center);
	/* Rows are independent: two halves of about equal votes. */
	size_t nnz = m->row_start[m->n_rows];
	uint32_t mid = opinion_half_row(m->row_start, m->n_rows);
	struct pca_rows half[2] = { { m, p, cv, x, y, 0, mid }, { m, p, cv, x, y, mid, m->n_rows } };
	pair_run(pca_project_rows, &half[0], pca_project_rows, &half[1], nnz >= PCA_THREADED_FROM);
	free(cv);
}

void opinion_pca_extremity(const struct opinion_matrix *m, const struct opinion_pca *p,
			   double *extremity)
{
	/* One vote (n_votes = 1) of -1: scale sqrt(n_statements / 1). */
	double scale = sqrt((double)m->n_active);
	for (uint32_t c = 0; c < m->n_cols; c++) {
		if (m->col_votes[c] == 0) {
			extremity[c] = 0;
			continue;
		}
		double d = -1.0 - p->center[c];
		extremity[c] = hypot(d * p->comp[0][c] * scale, d * p->comp[1][c] * scale);
	}
}
