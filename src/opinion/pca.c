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
 * - Components (power-iteration, xtxr): v <- X'X v / |X'X v|, from the
 *   last update's components (warm start; new statements get 1, as
 *   Pol.is pads the start vector) or, the first time, from entries in
 *   [0, 1) as Pol.is's rand-starting-vec, drawn from a fixed hash instead
 *   of a random generator to stay deterministic. At most 100 iterations
 *   (:pca-iters). Pol.is stops early only when |X'X v| repeats exactly,
 *   so it mostly runs all 100; we stop when |X'X v| of both components
 *   changes by less than 1e-9 of itself. On the openData conversations a
 *   single run gives the same groups as with 1e-13, and a warm start
 *   takes about 13 iterations instead of 40. (A replay of thousands of
 *   updates can end in either of two nearly equal clusterings depending
 *   on such last digits, whatever the tolerance: see agreement_test.c.)
 * - The second component is the first of the data with the first factored
 *   out (factor-matrix: X (I - p p')). We iterate both vectors in the same
 *   pass over the votes (simultaneous iteration, projecting the first out
 *   of the second at each step), which reaches the same pair as Pol.is's
 *   one-after-the-other deflation with half the passes over the data.
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

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/mem.h"
#include "core/pair.h"
#include "opinion/internal.h"

/* Pol.is :pca-iters. */
#define PCA_ITERS 100
/* The products run in two parts, on two threads once there are
 * PCA_THREADED_FROM votes. */
#define PCA_THREADED_FROM 1000000
/* Relative change of |X'X v| taken as converged (see above). */
#define PCA_TOL 1e-9

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
	uint64_t h = ((uint64_t)c << 1 | k) * 0x9e3779b97f4a7c15ull;
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

/* w = X'X v over rows [r0, r1), for two vectors at once; v and w
 * interleaved (v[2c], v[2c+1]). */
struct pca_part {
	const struct opinion_matrix *m;
	const double *vx; /* per entry: its two terms, then its centred value twice */
	double *w;
	uint32_t r0, r1;
};

/*
 * Each row's dot products with v are one sum each, a chain of dependent
 * additions; PCA_ROWS rows are summed side by side, so that their chains
 * overlap in the processor, and the two vectors as one pair of doubles
 * (SSE2 does both lanes in one instruction); each term is looked up,
 * made once per product for every (statement, vote) (pca_product). Every
 * sum still adds the same terms in the same order, and the rows are added
 * into w one after the other, so the result is the same to the bit as one
 * row and one vector at a time.
 */
#define PCA_ROWS 4

#ifdef __SSE2__
typedef __m128d pca_pair;
#define PCA_ZERO() _mm_setzero_pd()
#define PCA_LOAD(p) _mm_loadu_pd(p)
#define PCA_STORE(p, a) _mm_storeu_pd((p), (a))
#define PCA_MADDP(acc, a, b) _mm_add_pd((acc), _mm_mul_pd((a), (b)))
#define PCA_ADD(acc, a) _mm_add_pd((acc), (a))
#define PCA_MUL(a, x) _mm_mul_pd((a), _mm_set1_pd(x))
#else
typedef struct {
	double lo, hi;
} pca_pair;
static inline pca_pair pca_load(const double *p)
{
	return (pca_pair){ p[0], p[1] };
}
static inline pca_pair pca_maddp(pca_pair acc, pca_pair a, pca_pair b)
{
	return (pca_pair){ acc.lo + a.lo * b.lo, acc.hi + a.hi * b.hi };
}
static inline pca_pair pca_add(pca_pair acc, pca_pair a)
{
	return (pca_pair){ acc.lo + a.lo, acc.hi + a.hi };
}
static inline pca_pair pca_mul(pca_pair a, double x)
{
	return (pca_pair){ a.lo * x, a.hi * x };
}
#define PCA_ZERO() ((pca_pair){ 0, 0 })
#define PCA_LOAD(p) pca_load(p)
#define PCA_STORE(p, a) ((p)[0] = (a).lo, (p)[1] = (a).hi)
#define PCA_MADDP(acc, a, b) pca_maddp((acc), (a), (b))
#define PCA_ADD(acc, a) pca_add((acc), (a))
#define PCA_MUL(a, x) pca_mul((a), (x))
#endif

static void *pca_product_part(void *arg)
{
	const struct pca_part *pp = arg;
	const double *vx = pp->vx;
	double *w = pp->w;
	const size_t *start = pp->m->row_start;
	const uint32_t *entry = pp->m->entry;
	memset(w, 0, (size_t)pp->m->n_cols * 2 * sizeof *w);
	for (uint32_t r = pp->r0; r < pp->r1; r += PCA_ROWS) {
		uint32_t rows = pp->r1 - r < PCA_ROWS ? pp->r1 - r : PCA_ROWS;
		pca_pair d[PCA_ROWS];
		size_t len[PCA_ROWS], common = SIZE_MAX;
		for (uint32_t i = 0; i < rows; i++) {
			d[i] = PCA_ZERO();
			len[i] = start[r + i + 1] - start[r + i];
			common = len[i] < common ? len[i] : common;
		}
		if (rows == PCA_ROWS) {
			const uint32_t *e0 = entry + start[r], *e1 = entry + start[r + 1],
				       *e2 = entry + start[r + 2], *e3 = entry + start[r + 3];
			pca_pair d0 = PCA_ZERO(), d1 = PCA_ZERO(), d2 = PCA_ZERO(), d3 = PCA_ZERO();
			for (size_t j = 0; j < common; j++) {
				d0 = PCA_ADD(d0, PCA_LOAD(vx + 4 * (size_t)e0[j]));
				d1 = PCA_ADD(d1, PCA_LOAD(vx + 4 * (size_t)e1[j]));
				d2 = PCA_ADD(d2, PCA_LOAD(vx + 4 * (size_t)e2[j]));
				d3 = PCA_ADD(d3, PCA_LOAD(vx + 4 * (size_t)e3[j]));
			}
			d[0] = d0;
			d[1] = d1;
			d[2] = d2;
			d[3] = d3;
		} else {
			common = 0;
		}
		for (uint32_t i = 0; i < rows; i++) {
			const uint32_t *e = entry + start[r + i];
			for (size_t j = common; j < len[i]; j++)
				d[i] = PCA_ADD(d[i], PCA_LOAD(vx + 4 * (size_t)e[j]));
		}
		for (uint32_t i = 0; i < rows; i++) {
			const uint32_t *e = entry + start[r + i];
			for (size_t j = 0; j < len[i]; j++) {
				double *wc = w + 2 * OPINION_ENTRY_COL(e[j]);
				PCA_STORE(wc, PCA_MADDP(PCA_LOAD(wc), d[i], PCA_LOAD(vx + 4 * (size_t)e[j] + 2)));
			}
		}
	}
	return NULL;
}

/* The product in two fixed parts of about equal votes, summed in a fixed
 * order: the result is the same whether the parts run on threads or not.
 * Threads are used only when there are enough votes to pay for them. */
static void pca_product(const struct opinion_matrix *m, const double *v, double *w, double *scratch,
			double *vx)
{
	/* Each entry's term of a row's dot product, for both vectors: its
	 * centred value times the vectors at its column, made once here
	 * instead of once per vote (the same product, so the same bits),
	 * beside the entry's centred value, twice: the pair w's terms are
	 * multiplied by (the same product as by the one value), on the same
	 * cache line as the term the row's dot product just read. */
	for (size_t e = 0; e < (size_t)m->n_cols * 4; e++) {
		size_t c = e >> 2;
		PCA_STORE(vx + 4 * e, PCA_MUL(PCA_LOAD(v + 2 * c), vx[4 * e + 2]));
	}
	/* Two parts of about equal votes. */
	size_t nnz = m->row_start[m->n_rows];
	uint32_t mid = 0;
	while (mid < m->n_rows && m->row_start[mid] < nnz / 2)
		mid++;
	struct pca_part part[2] = { { m, vx, w, 0, mid }, { m, vx, scratch, mid, m->n_rows } };
	pair_run(pca_product_part, &part[0], pca_product_part, &part[1], nnz >= PCA_THREADED_FROM);
	for (size_t c = 0; c < (size_t)m->n_cols * 2; c++)
		w[c] += scratch[c];
}

void opinion_pca_run(const struct opinion_matrix *m, const double *const start[2],
		     struct opinion_pca *p)
{
	uint32_t nc = m->n_cols;
	memset(p, 0, sizeof *p);
	p->n_cols = nc;
	p->center = mem_calloc(nc ? nc : 1, sizeof *p->center);
	for (size_t j = 0; j < m->row_start[m->n_rows]; j++)
		p->center[OPINION_ENTRY_COL(m->entry[j])] += OPINION_ENTRY_VOTE(m->entry[j]);
	for (uint32_t c = 0; c < nc; c++)
		p->center[c] = (m->out[c] || m->col_votes[c] == 0) ? 0 : p->center[c] / m->col_votes[c];

	double *cv = pca_centred(m, p->center), *vx = mem_alloc(((size_t)nc * 16 + 1) * sizeof *vx);
	for (size_t e = 0; e < (size_t)nc * 4; e++)
		vx[4 * e + 2] = vx[4 * e + 3] = cv[e];
	free(cv);
	double *v[2], *w = mem_alloc(((size_t)nc * 2 + 1) * sizeof *w);
	double *vi = mem_alloc(((size_t)nc * 2 + 1) * sizeof *vi);
	double *scratch = mem_alloc(((size_t)nc * 2 + 1) * sizeof *scratch);
	for (int k = 0; k < 2; k++) {
		v[k] = mem_calloc(nc ? nc : 1, sizeof *v[k]);
		for (uint32_t c = 0; c < nc; c++)
			if (m->col_votes[c])
				v[k][c] = start[k] ? start[k][c] : pca_rand(c, (uint32_t)k);
	}
	pca_normalise(v[0], nc);
	pca_factor(v[1], v[0], nc);
	pca_normalise(v[1], nc);
	double last[2] = { 0, 0 };
	int it;
	for (it = 0;; it++) {
		for (uint32_t c = 0; c < nc; c++) {
			vi[2 * c] = v[0][c];
			vi[2 * c + 1] = v[1][c];
		}
		pca_product(m, vi, w, scratch, vx);
		for (uint32_t c = 0; c < nc; c++) {
			v[0][c] = w[2 * c];
			v[1][c] = w[2 * c + 1];
		}
		p->eigval[0] = pca_normalise(v[0], nc);
		pca_factor(v[1], v[0], nc);
		p->eigval[1] = pca_normalise(v[1], nc);
		int same = 1;
		for (int k = 0; k < 2; k++)
			if (fabs(p->eigval[k] - last[k]) > PCA_TOL * p->eigval[k])
				same = 0;
		if (it == PCA_ITERS || same)
			break;
		last[0] = p->eigval[0];
		last[1] = p->eigval[1];
	}
	p->iters = it + 1;
	p->comp[0] = v[0];
	p->comp[1] = v[1];
	free(w);
	free(vi);
	free(scratch);
	free(vx);
}

void opinion_pca_project(const struct opinion_matrix *m, const struct opinion_pca *p, double *x,
			 double *y)
{
	double *cv = pca_centred(m, p->center);
	for (uint32_t r = 0; r < m->n_rows; r++) {
		if (m->row_votes[r] == 0) {
			x[r] = y[r] = NAN;
			continue;
		}
		double p0 = 0, p1 = 0;
		uint32_t n_out = 0;
		for (size_t j = m->row_start[r]; j < m->row_start[r + 1]; j++) {
			uint32_t e = m->entry[j], c = OPINION_ENTRY_COL(e);
			p0 += cv[e] * p->comp[0][c];
			p1 += cv[e] * p->comp[1][c];
			n_out += m->out[c];
		}
		/* Zeroed columns count as voted for every participant. */
		double n = (double)(m->row_votes[r] - n_out + m->n_active_out);
		double scale = sqrt((double)m->n_active / (n > 1 ? n : 1));
		x[r] = p0 * scale;
		y[r] = p1 * scale;
	}
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
