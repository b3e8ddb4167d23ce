/*
 * kmeans.c: Pol.is's k-means on points in the plane (clusters.clj), used
 * twice per update: base clusters (k = 100) over participants' positions,
 * then opinion groups (k = 2..5) over the base clusters' centres, weighted
 * by their sizes. Reproduces, function by function:
 *
 * - init-clusters: a cold start takes the first k distinct points, in
 *   input order, as centres, with ids 0..k-1.
 * - clean-start-clusters: a warm start from the last clustering. Each last
 *   cluster is recentred on its members that are still present
 *   (safe-recenter-clusters; clusters left without members are dropped),
 *   clusters with identical centres are merged (uniqify-clusters, keeping
 *   the id of the larger), and while there are fewer clusters than
 *   min(k, distinct points), the point farthest from every centre
 *   (most-distal) leaves its cluster and founds a new one with the next id.
 * - cluster-step: every point joins its closest centre; clusters left
 *   empty are dropped; centres move to the (weighted) mean of their members.
 * - kmeans: steps until same-clustering? (sorted centres all within 0.01 of
 *   the last step's) or max_iters + 1 steps; the members are those of the
 *   last step.
 * - silhouette: the mean silhouette of the points, each counting once.
 *
 * Ties, which Pol.is leaves to hash-map order, go to the cluster with the
 * lowest id; among equally distal points the last one wins, as Clojure's
 * max-key picks the last of equals.
 *
 * Cost: the closest centre of a point is found by searching outward from
 * the point's x among centres sorted by x, which visits a few of the 100
 * base centres instead of all of them; and between steps Hamerly's bounds
 * (the distance to the own centre from above, to any other from below,
 * moved by how far the centres moved) spare most points the search.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/pair.h"
#include "opinion/internal.h"

/* same-clustering? :threshold. */
#define KM_SAME 0.01
/* Neighbour lists pay off from this many points per centre squared. */
#define KM_NEIGHBOURS_FROM 4

void opinion_clustering_free(struct opinion_clustering *c)
{
	free(c->id);
	free(c->cx);
	free(c->cy);
	free(c->size);
	free(c->of);
	memset(c, 0, sizeof *c);
}

static void km_reserve(struct opinion_clustering *c, int n)
{
	if (n <= c->cap)
		return;
	c->cap = n;
	c->id = mem_realloc(c->id, (size_t)n * sizeof *c->id);
	c->cx = mem_realloc(c->cx, (size_t)n * sizeof *c->cx);
	c->cy = mem_realloc(c->cy, (size_t)n * sizeof *c->cy);
	c->size = mem_realloc(c->size, (size_t)n * sizeof *c->size);
}

void opinion_clustering_copy(struct opinion_clustering *dst, const struct opinion_clustering *src)
{
	opinion_clustering_free(dst);
	km_reserve(dst, src->n > 0 ? src->n : 1);
	dst->n = src->n;
	memcpy(dst->id, src->id, (size_t)src->n * sizeof *dst->id);
	memcpy(dst->cx, src->cx, (size_t)src->n * sizeof *dst->cx);
	memcpy(dst->cy, src->cy, (size_t)src->n * sizeof *dst->cy);
	memcpy(dst->size, src->size, (size_t)src->n * sizeof *dst->size);
	dst->n_keys = src->n_keys;
	dst->of = mem_alloc((src->n_keys ? src->n_keys : 1) * sizeof *dst->of);
	memcpy(dst->of, src->of, (size_t)src->n_keys * sizeof *dst->of);
}

/* Smaller and larger of two bounds. Not fmin and fmax: those are calls
 * (for their NaN rules) in the innermost loops; a NaN bound here only
 * makes a check fail, which costs a search and never changes a result. */
static inline double km_min(double a, double b)
{
	return a < b ? a : b;
}

static inline double km_max(double a, double b)
{
	return a > b ? a : b;
}

static double km_d2(double ax, double ay, double bx, double by)
{
	double dx = ax - bx, dy = ay - by;
	return dx * dx + dy * dy;
}

/* Centres sorted by x, for the outward search. */
struct km_index {
	int n;
	int *ord;   /* cluster slots by ascending cx */
	double *sx; /* their cx */
};

static void km_index_build(struct km_index *ix, const double *cx, int n)
{
	ix->n = n;
	ix->ord = mem_realloc(ix->ord, (size_t)(n ? n : 1) * sizeof *ix->ord);
	ix->sx = mem_realloc(ix->sx, (size_t)(n ? n : 1) * sizeof *ix->sx);
	for (int i = 0; i < n; i++) {
		int j = i;
		while (j > 0 && cx[ix->ord[j - 1]] > cx[i]) {
			ix->ord[j] = ix->ord[j - 1];
			j--;
		}
		ix->ord[j] = i;
	}
	for (int i = 0; i < n; i++)
		ix->sx[i] = cx[ix->ord[i]];
}

/* The slot of the centre closest to (x, y); ties to the lowest slot. Slots
 * are in ascending id order. *d1 gets the squared distance to it and, if
 * d2 is not NULL, *d2 a lower bound of the squared distance to any other
 * centre (the second closest among those looked at, or the x distance to
 * the first not looked at, whichever is less). */
static int km_nearest(const struct km_index *ix, const double *cx, const double *cy, double x,
		      double y, double *d1, double *d2)
{
	int best = -1;
	double bd = INFINITY, sd = INFINITY;
	int lo = 0, hi = ix->n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (ix->sx[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	int l = lo - 1, r = lo;
	while (l >= 0 || r < ix->n) {
		/* Take the nearer in x of the next centre left and right. */
		int right = l < 0 || (r < ix->n && ix->sx[r] - x < x - ix->sx[l]);
		int at = right ? r : l;
		double dx = ix->sx[at] - x;
		if (dx * dx > bd) {
			/* Everything further out on this side is further still. */
			sd = km_min(sd, dx * dx);
			if (right)
				r = ix->n;
			else
				l = -1;
			continue;
		}
		if (right)
			r++;
		else
			l--;
		int s = ix->ord[at];
		double d = km_d2(x, y, cx[s], cy[s]);
		if (d < bd || (d == bd && s < best)) {
			sd = km_min(sd, bd);
			bd = d;
			best = s;
		} else {
			sd = km_min(sd, d);
		}
	}
	*d1 = bd;
	if (d2)
		*d2 = sd;
	return best;
}

/* For each centre, half the distance to the nearest other and, if sorted,
 * the others by distance (Elkan's centre-to-centre distances). */
struct km_neighbours {
	int n;
	int sorted_n; /* the n of the lists in ord; 0: none, or renumbered since */
	int *ord;     /* ord[j * (n - 1) + i]: i-th nearest other centre of j */
	double *dist; /* and its distance */
	double *half;
};

static void km_neighbours(struct km_neighbours *nb, const double *cx, const double *cy, int n,
			  int sorted)
{
	size_t m = n > 1 ? (size_t)n * (size_t)(n - 1) : 1;
	nb->n = n;
	nb->half = mem_realloc(nb->half, (size_t)(n ? n : 1) * sizeof *nb->half);
	if (!sorted) {
		/* Only half the distance to the nearest other. */
		for (int j = 0; j < n; j++) {
			double d = INFINITY;
			for (int k = 0; k < n; k++)
				if (k != j)
					d = km_min(d, km_d2(cx[j], cy[j], cx[k], cy[k]));
			nb->half[j] = sqrt(d) / 2;
		}
		return;
	}
	/* Each list in the order (distance, then index). With the same
	 * centres as last time (moved, not renumbered) it starts from last
	 * time's order, nearly right, so the insertion sort has little to do;
	 * else from index order. Either way the same order comes out. */
	int again = nb->ord != NULL && nb->sorted_n == n;
	nb->ord = mem_realloc(nb->ord, m * sizeof *nb->ord);
	nb->dist = mem_realloc(nb->dist, m * sizeof *nb->dist);
	nb->sorted_n = n;
	for (int j = 0; j < n; j++) {
		int *o = nb->ord + (size_t)j * (size_t)(n - 1);
		double *d = nb->dist + (size_t)j * (size_t)(n - 1);
		for (int i = 0; i < n - 1; i++) {
			int k = again ? o[i] : i + (i >= j);
			double dk = sqrt(km_d2(cx[j], cy[j], cx[k], cy[k]));
			int at = i;
			while (at > 0 && (d[at - 1] > dk || (d[at - 1] == dk && o[at - 1] > k))) {
				d[at] = d[at - 1];
				o[at] = o[at - 1];
				at--;
			}
			d[at] = dk;
			o[at] = k;
		}
		nb->half[j] = n > 1 ? d[0] / 2 : INFINITY;
	}
}

/* The closest centre to (x, y), which was closest to centre a at exact
 * distance *up: only centres within 2 *up of a can be closer (triangle
 * inequality), looked at nearest first. Sets *up to the distance to the
 * result and *low to a lower bound of the distance to any other. */
static int km_nearer(const struct km_neighbours *nb, const double *cx, const double *cy, double x,
		     double y, int a, double *up, double *low)
{
	int best = a;
	double bd = *up * *up, sd = INFINITY, u = *up;
	const int *o = nb->ord + (size_t)a * (size_t)(nb->n - 1);
	const double *d = nb->dist + (size_t)a * (size_t)(nb->n - 1);
	for (int i = 0; i < nb->n - 1; i++) {
		/* Every centre from here on is at least d[i] - u away. */
		double floor = d[i] - u;
		if (floor > 0 && floor * floor > bd) {
			sd = km_min(sd, floor * floor);
			break;
		}
		int k = o[i];
		double dk = km_d2(x, y, cx[k], cy[k]);
		if (dk < bd || (dk == bd && k < best)) {
			sd = km_min(sd, bd);
			bd = dk;
			best = k;
		} else {
			sd = km_min(sd, dk);
		}
	}
	*up = sqrt(bd);
	*low = sqrt(sd);
	return best;
}

/* Point i's weight (opinion_points.weight: NULL for all 1). */
static inline double km_w(const double *weight, uint32_t i)
{
	return weight ? weight[i] : 1.0;
}

/* The weighted sums of the points in each of n slots, and their count,
 * from which km_centres makes the centres. Points are added one at a time
 * in index order. */
struct km_sums {
	double *w, *x, *y;
	uint32_t *size;
	int cap;
};

static void km_sums_reset(struct km_sums *sum, int n)
{
	n = n ? n : 1;
	if (n > sum->cap) {
		sum->cap = n;
		sum->w = mem_realloc(sum->w, (size_t)n * sizeof *sum->w);
		sum->x = mem_realloc(sum->x, (size_t)n * sizeof *sum->x);
		sum->y = mem_realloc(sum->y, (size_t)n * sizeof *sum->y);
		sum->size = mem_realloc(sum->size, (size_t)n * sizeof *sum->size);
	}
	memset(sum->w, 0, (size_t)n * sizeof *sum->w);
	memset(sum->x, 0, (size_t)n * sizeof *sum->x);
	memset(sum->y, 0, (size_t)n * sizeof *sum->y);
	memset(sum->size, 0, (size_t)n * sizeof *sum->size);
}

static void km_sums_free(struct km_sums *sum)
{
	free(sum->w);
	free(sum->x);
	free(sum->y);
	free(sum->size);
}

static inline void km_add(struct km_sums *sum, int s, double w, double x, double y)
{
	sum->w[s] += w;
	sum->x[s] += w * x;
	sum->y[s] += w * y;
	sum->size[s]++;
}

/* sum += more, slot by slot, for n slots. */
static void km_sums_join(struct km_sums *sum, const struct km_sums *more, int n)
{
	for (int s = 0; s < n; s++) {
		sum->w[s] += more->w[s];
		sum->x[s] += more->x[s];
		sum->y[s] += more->y[s];
		sum->size[s] += more->size[s];
	}
}

/* Centres as the weighted means of the sums; drops slots left empty
 * (renumbering slot_of). */
static void km_centres(const struct km_sums *sum, struct opinion_clustering *c, int *slot_of,
		       uint32_t npts)
{
	int *remap = mem_alloc((size_t)(c->n ? c->n : 1) * sizeof *remap);
	int n = 0;
	for (int s = 0; s < c->n; s++) {
		if (sum->size[s] == 0) {
			remap[s] = -1;
			continue;
		}
		remap[s] = n;
		c->id[n] = c->id[s];
		c->size[n] = sum->size[s];
		c->cx[n] = sum->x[s] / sum->w[s];
		c->cy[n] = sum->y[s] / sum->w[s];
		n++;
	}
	if (n < c->n)
		for (uint32_t i = 0; i < npts; i++)
			if (slot_of[i] >= 0)
				slot_of[i] = remap[slot_of[i]];
	c->n = n;
	free(remap);
}

/* Centres of the slots as the weighted means of the points in slot_of;
 * drops slots left empty (renumbering slot_of). */
static void km_recenter(const struct opinion_points *pts, struct opinion_clustering *c, int *slot_of)
{
	struct km_sums sum = { 0 };
	km_sums_reset(&sum, c->n);
	for (uint32_t i = 0; i < pts->n; i++)
		if (slot_of[i] >= 0)
			km_add(&sum, slot_of[i], km_w(pts->weight, i), pts->x[i], pts->y[i]);
	km_centres(&sum, c, slot_of, pts->n);
	km_sums_free(&sum);
}

static int km_cmp_xy(const void *a, const void *b)
{
	const double *p = a, *q = b;
	if (p[0] != q[0])
		return p[0] < q[0] ? -1 : 1;
	if (p[1] != q[1])
		return p[1] < q[1] ? -1 : 1;
	return 0;
}

static uint32_t km_distinct(const struct opinion_points *pts)
{
	if (pts->n == 0)
		return 0;
	double *xy = mem_alloc((size_t)pts->n * 2 * sizeof *xy);
	for (uint32_t i = 0; i < pts->n; i++) {
		xy[2 * i] = pts->x[i];
		xy[2 * i + 1] = pts->y[i];
	}
	qsort(xy, pts->n, 2 * sizeof *xy, km_cmp_xy);
	uint32_t n = 1;
	for (uint32_t i = 1; i < pts->n; i++)
		if (km_cmp_xy(xy + 2 * (i - 1), xy + 2 * i) != 0)
			n++;
	free(xy);
	return n;
}

/* init-clusters: the first k distinct points. */
static void km_init(const struct opinion_points *pts, int k, struct opinion_clustering *c)
{
	km_reserve(c, k);
	c->n = 0;
	for (uint32_t i = 0; i < pts->n && c->n < k; i++) {
		int dup = 0;
		for (int s = 0; s < c->n && !dup; s++)
			dup = c->cx[s] == pts->x[i] && c->cy[s] == pts->y[i];
		if (dup)
			continue;
		c->id[c->n] = c->n;
		c->cx[c->n] = pts->x[i];
		c->cy[c->n] = pts->y[i];
		c->n++;
	}
}

static int km_find_id(const struct opinion_clustering *c, int32_t id)
{
	int lo = 0, hi = c->n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (c->id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->n && c->id[lo] == id ? lo : -1;
}

/* Puts slots in ascending id order, carrying slot_of along. */
static void km_sort_ids(struct opinion_clustering *c, int *slot_of, uint32_t npts)
{
	int *pos = mem_alloc((size_t)(c->n ? c->n : 1) * sizeof *pos);
	for (int i = 0; i < c->n; i++)
		pos[i] = i;
	for (int i = 1; i < c->n; i++)
		for (int j = i; j > 0 && c->id[pos[j - 1]] > c->id[pos[j]]; j--) {
			int t = pos[j];
			pos[j] = pos[j - 1];
			pos[j - 1] = t;
		}
	struct opinion_clustering t = { 0 };
	km_reserve(&t, c->n ? c->n : 1);
	int *inv = mem_alloc((size_t)(c->n ? c->n : 1) * sizeof *inv);
	for (int i = 0; i < c->n; i++) {
		t.id[i] = c->id[pos[i]];
		t.cx[i] = c->cx[pos[i]];
		t.cy[i] = c->cy[pos[i]];
		t.size[i] = c->size[pos[i]];
		inv[pos[i]] = i;
	}
	memcpy(c->id, t.id, (size_t)c->n * sizeof *c->id);
	memcpy(c->cx, t.cx, (size_t)c->n * sizeof *c->cx);
	memcpy(c->cy, t.cy, (size_t)c->n * sizeof *c->cy);
	memcpy(c->size, t.size, (size_t)c->n * sizeof *c->size);
	for (uint32_t i = 0; i < npts; i++)
		if (slot_of[i] >= 0)
			slot_of[i] = inv[slot_of[i]];
	opinion_clustering_free(&t);
	free(inv);
	free(pos);
}

/* clean-start-clusters. */
static void km_clean_start(const struct opinion_points *pts, int k,
			   const struct opinion_clustering *last, struct opinion_clustering *c)
{
	int *slot_of = mem_alloc((size_t)(pts->n ? pts->n : 1) * sizeof *slot_of);
	km_reserve(c, last->n + k + 1);
	c->n = last->n;
	memcpy(c->id, last->id, (size_t)last->n * sizeof *c->id);
	for (uint32_t i = 0; i < pts->n; i++) {
		uint32_t key = pts->key[i];
		slot_of[i] = key < last->n_keys && last->of[key] >= 0 ? km_find_id(last, last->of[key]) : -1;
	}
	/* safe-recenter-clusters */
	km_recenter(pts, c, slot_of);
	/* uniqify-clusters: merge into the first cluster with the same centre. */
	int *into = mem_alloc((size_t)(c->n ? c->n : 1) * sizeof *into);
	int merged = 0;
	for (int s = 0; s < c->n; s++) {
		into[s] = s;
		for (int r = 0; r < s; r++)
			if (into[r] == r && c->cx[r] == c->cx[s] && c->cy[r] == c->cy[s]) {
				into[s] = r;
				/* merge-clusters keeps the id of the one with more
				 * members; of equals, the later (max-key). */
				if (c->size[s] >= c->size[r])
					c->id[r] = c->id[s];
				c->size[r] += c->size[s];
				c->size[s] = 0;
				merged = 1;
				break;
			}
	}
	if (merged) {
		for (uint32_t i = 0; i < pts->n; i++)
			if (slot_of[i] >= 0)
				slot_of[i] = into[slot_of[i]];
		km_recenter(pts, c, slot_of);
		km_sort_ids(c, slot_of, pts->n);
	}
	free(into);

	uint32_t distinct = km_distinct(pts);
	uint32_t possible = (uint32_t)k < distinct ? (uint32_t)k : distinct;
	struct km_index ix = { 0 };
	for (;;) {
		km_recenter(pts, c, slot_of);
		if (possible <= (uint32_t)c->n)
			break;
		/* most-distal */
		km_index_build(&ix, c->cx, c->n);
		double far = -1;
		uint32_t at = 0;
		for (uint32_t i = 0; i < pts->n; i++) {
			double d2 = INFINITY;
			if (c->n)
				km_nearest(&ix, c->cx, c->cy, pts->x[i], pts->y[i], &d2, NULL);
			if (d2 >= far) {
				far = d2;
				at = i;
			}
		}
		if (!(far > 0))
			break;
		int32_t next = -1;
		for (int s = 0; s < c->n; s++)
			if (c->id[s] > next)
				next = c->id[s];
		km_reserve(c, c->n + 1);
		c->id[c->n] = next + 1;
		c->cx[c->n] = pts->x[at];
		c->cy[c->n] = pts->y[at];
		slot_of[at] = c->n;
		c->n++;
	}
	free(ix.ord);
	free(ix.sx);
	free(slot_of);
}

/* same-clustering?: centres sorted, compared pairwise. */
static int km_same(const struct opinion_clustering *a, const struct opinion_clustering *b)
{
	int n = a->n < b->n ? a->n : b->n;
	double *pa = mem_alloc((size_t)(a->n ? a->n : 1) * 2 * sizeof *pa);
	double *pb = mem_alloc((size_t)(b->n ? b->n : 1) * 2 * sizeof *pb);
	for (int i = 0; i < a->n; i++) {
		pa[2 * i] = a->cx[i];
		pa[2 * i + 1] = a->cy[i];
	}
	for (int i = 0; i < b->n; i++) {
		pb[2 * i] = b->cx[i];
		pb[2 * i + 1] = b->cy[i];
	}
	qsort(pa, (size_t)a->n, 2 * sizeof *pa, km_cmp_xy);
	qsort(pb, (size_t)b->n, 2 * sizeof *pb, km_cmp_xy);
	int same = 1;
	for (int i = 0; i < n && same; i++)
		same = sqrt(km_d2(pa[2 * i], pa[2 * i + 1], pb[2 * i], pb[2 * i + 1])) < KM_SAME;
	free(pa);
	free(pb);
	return same;
}

/* One cluster-step's assignment of points [from, to) to their closest
 * centres, with Hamerly's bounds: up[i] >= distance to the point's own
 * centre, low[i] <= distance to any other. A point whose own centre is
 * provably closest keeps it without a search; the result is that of
 * searching every point every step. Each point is then added to the
 * range's sums. Points are independent: ranges may run on threads. */
struct km_step {
	const struct opinion_points *pts;
	const struct opinion_clustering *cur;
	const struct km_index *ix;
	const struct km_neighbours *nb;
	int first, use_nb;
	/* How far the centres moved in the last step: each, the most (by
	 * centre arg) and the second most. */
	const double *moved;
	double max1, max2;
	int arg;
	int *slot_of;
	double *up, *low;
	uint32_t from, to;
	struct km_sums *sum;
};

static void *km_assign(void *arg)
{
	const struct km_step *st = arg;
	const double *cx = st->cur->cx, *cy = st->cur->cy;
	const double *px = st->pts->x, *py = st->pts->y, *weight = st->pts->weight;
	int *slot_of = st->slot_of;
	double *up = st->up, *low = st->low;
	/* The step's constants, and the sums' arrays, as locals: the stores
	 * to up and low could otherwise be to them, and they would be loaded
	 * again for each point. */
	const int first = st->first, use_nb = st->use_nb, arg_max = st->arg;
	const double *moved = st->moved, *half = st->nb->half;
	const double max1 = st->max1, max2 = st->max2;
	struct km_sums sum = *st->sum;
	for (uint32_t i = st->from; i < st->to; i++) {
		double x = px[i], y = py[i];
		int search = first;
		if (!first) {
			/* Loosen the bounds by how far the centres moved. */
			int a = slot_of[i];
			double u = up[i] + moved[a], l = low[i] - (a == arg_max ? max2 : max1);
			double bound = km_max(half[a], l);
			if (u >= bound) {
				u = sqrt(km_d2(x, y, cx[a], cy[a]));
				if (u >= bound) {
					if (use_nb)
						slot_of[i] = km_nearer(st->nb, cx, cy, x, y, a, &u, &l);
					else
						search = 1;
				}
			}
			up[i] = u;
			low[i] = l;
		}
		if (search) {
			double d1, d2;
			slot_of[i] = km_nearest(st->ix, cx, cy, x, y, &d1, &d2);
			up[i] = sqrt(d1);
			low[i] = sqrt(d2);
		}
		if (slot_of[i] >= 0)
			km_add(&sum, slot_of[i], km_w(weight, i), x, y);
	}
	return NULL;
}

/* From this many points the assignment runs in two halves on two threads
 * (the machine kind has two cores), and the centres are the sums of the
 * halves, each summed in point order, added (with fewer points, of all
 * points in point order): the same whether the halves run on threads or
 * not. */
#define KM_THREADED_FROM 20000

void opinion_kmeans(const struct opinion_points *pts, int k, int max_iters,
		    const struct opinion_clustering *last, struct opinion_clustering *out)
{
	struct opinion_clustering cur = { 0 }, next = { 0 };
	if (last && last->n > 0)
		km_clean_start(pts, k, last, &cur);
	else
		km_init(pts, k, &cur);
	size_t np = pts->n ? pts->n : 1;
	int *slot_of = mem_alloc(np * sizeof *slot_of);
	double *up = mem_alloc(np * sizeof *up), *low = mem_alloc(np * sizeof *low);
	double *moved = NULL;
	struct km_index ix = { 0 };
	struct km_neighbours nb = { 0 };
	struct km_sums sum[2] = { 0 };
	struct km_step step = { .pts = pts, .ix = &ix, .nb = &nb, .arg = -1, .slot_of = slot_of,
				.up = up, .low = low };
	for (int iter = max_iters, first = 1;; iter--, first = 0) {
		/* cluster-step: every point to its closest centre. */
		km_index_build(&ix, cur.cx, cur.n);
		/* Sorting each centre's neighbours costs k^2 log k a step: worth it
		 * only when there are many more points than that. */
		int use_nb = (size_t)pts->n >= KM_NEIGHBOURS_FROM * (size_t)cur.n * (size_t)cur.n;
		if (!first)
			km_neighbours(&nb, cur.cx, cur.cy, cur.n, use_nb);
		step.cur = &cur;
		step.first = first;
		step.use_nb = use_nb;
		step.moved = moved;
		struct km_step half[2] = { step, step };
		half[0].to = half[1].from = pts->n >= KM_THREADED_FROM ? pts->n / 2 : pts->n;
		half[1].to = pts->n;
		int halves = half[1].from < half[1].to;
		for (int h = 0; h < 2; h++) {
			km_sums_reset(&sum[h], cur.n);
			half[h].sum = &sum[h];
		}
		pair_run(km_assign, &half[0], km_assign, &half[1], halves);
		/* The centres, from the halves' sums. */
		if (halves)
			km_sums_join(&sum[0], &sum[1], cur.n);
		km_reserve(&next, cur.n ? cur.n : 1);
		next.n = cur.n;
		memcpy(next.id, cur.id, (size_t)cur.n * sizeof *next.id);
		km_centres(&sum[0], &next, slot_of, pts->n);
		if (next.n != cur.n)
			nb.sorted_n = 0; /* slots renumbered: sort afresh */
		if (iter == 0 || km_same(&cur, &next))
			break;
		/* next's slots are cur's in order, less those left empty. */
		moved = mem_realloc(moved, (size_t)(next.n ? next.n : 1) * sizeof *moved);
		double max1 = 0, max2 = 0;
		int arg = -1;
		for (int j = 0, o = 0; j < next.n; j++) {
			while (cur.id[o] != next.id[j])
				o++;
			moved[j] = sqrt(km_d2(cur.cx[o], cur.cy[o], next.cx[j], next.cy[j]));
			if (moved[j] > max1) {
				max2 = max1;
				max1 = moved[j];
				arg = j;
			} else if (moved[j] > max2) {
				max2 = moved[j];
			}
		}
		step.max1 = max1;
		step.max2 = max2;
		step.arg = arg;
		struct opinion_clustering t = cur;
		cur = next;
		next = t;
	}
	km_sums_free(&sum[0]);
	km_sums_free(&sum[1]);
	opinion_clustering_free(&cur);
	free(ix.ord);
	free(ix.sx);
	free(nb.ord);
	free(nb.dist);
	free(nb.half);
	free(moved);
	free(up);
	free(low);
	*out = next;
	out->n_keys = pts->n_keys;
	out->of = mem_alloc((pts->n_keys ? pts->n_keys : 1) * sizeof *out->of);
	for (uint32_t i = 0; i < pts->n_keys; i++)
		out->of[i] = -1;
	for (uint32_t i = 0; i < pts->n; i++)
		if (slot_of[i] >= 0)
			out->of[pts->key[i]] = out->id[slot_of[i]];
	free(slot_of);
}

double opinion_silhouette(const struct opinion_points *pts, const struct opinion_clustering *c)
{
	if (c->n < 2 || pts->n == 0)
		return -1; /* Pol.is fails here (no other cluster); we rank it last. */
	int *slot = mem_alloc((size_t)pts->n * sizeof *slot);
	for (uint32_t i = 0; i < pts->n; i++)
		slot[i] = km_find_id(c, c->of[pts->key[i]]);
	double *sum = mem_alloc((size_t)c->n * sizeof *sum);
	uint32_t *cnt = mem_alloc((size_t)c->n * sizeof *cnt);
	double total = 0;
	uint32_t members = 0;
	for (uint32_t i = 0; i < pts->n; i++) {
		if (slot[i] < 0)
			continue;
		members++;
		memset(sum, 0, (size_t)c->n * sizeof *sum);
		memset(cnt, 0, (size_t)c->n * sizeof *cnt);
		for (uint32_t j = 0; j < pts->n; j++) {
			if (j == i || slot[j] < 0)
				continue;
			sum[slot[j]] += sqrt(km_d2(pts->x[i], pts->y[i], pts->x[j], pts->y[j]));
			cnt[slot[j]]++;
		}
		int own = slot[i];
		if (cnt[own] == 0)
			continue; /* a singleton's silhouette is 0 */
		double a = sum[own] / cnt[own], b = INFINITY;
		for (int s = 0; s < c->n; s++)
			if (s != own && cnt[s] > 0 && sum[s] / cnt[s] < b)
				b = sum[s] / cnt[s];
		double m = a > b ? a : b;
		if (m > 0)
			total += (b - a) / m;
	}
	free(slot);
	free(sum);
	free(cnt);
	return members ? total / members : -1;
}
