/*
 * solve.c: the optimum of a bare instance (see match.h): of all
 * assignments of newcomers to guides that respect the guides' capacities
 * and use only allowed pairs, one that matches the most newcomers, and
 * among those one with the greatest total score.
 *
 * How, in two steps on the pairs stored by newcomer (compressed rows; a
 * guide is a column with a capacity):
 *
 * 1. The most newcomers that can be matched, F, by Hopcroft and Karp's
 *    algorithm for bipartite matching, with a capacity per column instead
 *    of one: shortest augmenting paths, found in phases (a breadth-first
 *    search from every free newcomer, then depth-first searches along its
 *    layers). O(E sqrt(V)).
 *
 * 2. A minimum-cost assignment of EVERY newcomer with a pair to a column,
 *    with cost -score, where one more column, "nobody", has room for
 *    exactly N - F of them (N: newcomers with at least one pair). Since no
 *    assignment matches more than F, every complete assignment matches
 *    exactly F, and its cost is (N - F) K - (total score): the cheapest is
 *    the lexicographic optimum. No large "bonus per match" is needed, so no
 *    bound on it either. This is the transportation problem rows -> columns
 *    with column capacities, solved by successive shortest augmenting
 *    paths (the Hungarian method as Jonker and Volgenant write it): each
 *    newcomer still without a column is added along a shortest path in the
 *    reduced costs c(i,j) - u(i) - v(j) >= 0 (Dijkstra over columns, with
 *    a binary heap, stopping at the first column with room). The duals
 *    stay feasible and every assigned pair tight, so the assignment is
 *    optimal at every step; a column with room keeps v = 0 and all v <= 0,
 *    which is what optimality asks of columns that need not be full. A
 *    greedy start gives each newcomer its cheapest column while it has
 *    room, which keeps the duals feasible (u(i) = the row minimum, v = 0).
 *
 * Bounds: scores within +-MATCH_SCORE_MAX (10^9 < 2^30) and at most
 * MATCH_MAX_PEOPLE (2^26) newcomers and guides. A potential changes along
 * paths of at most 2^27 arcs of reduced cost at most the cost range, and
 * potentials and distances stay below 2^27 * 2^31 * 4 = 2^60: no int64_t
 * overflows. Totals are below 2^26 * 2^30.
 *
 * Proven against scipy's linear_sum_assignment and networkx's min-cost
 * flow on random instances (tests/match/oracle_test.py).
 */
#include "match/internal.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

#define NONE (-1)
#define INF INT64_MAX

struct solver {
	int32_t rows, cols;      /* cols includes "nobody" at index cols - 1 when used */
	size_t *off;             /* arcs of row r: off[r] .. off[r + 1] */
	int32_t *col;            /* arc -> column */
	int32_t *cost;           /* arc -> -score */
	int32_t *cap, *load;     /* per column */
	int32_t *head;           /* per column: first row assigned to it */
	int32_t *next, *prev;    /* per row: the column's list of rows */
	int32_t *of;             /* per row: its column, or NONE */
	int32_t *ofcost;         /* per row: cost of its arc */
	int32_t nobody;          /* index of "nobody", or NONE when F = N */
	int32_t nobody_cost;
};

static void assign(struct solver *s, int32_t r, int32_t j, int32_t c)
{
	int32_t old = s->of[r];
	if (old != NONE) {
		if (s->prev[r] != NONE)
			s->next[s->prev[r]] = s->next[r];
		else
			s->head[old] = s->next[r];
		if (s->next[r] != NONE)
			s->prev[s->next[r]] = s->prev[r];
		s->load[old]--;
	}
	s->of[r] = j;
	s->ofcost[r] = c;
	s->prev[r] = NONE;
	s->next[r] = s->head[j];
	if (s->head[j] != NONE)
		s->prev[s->head[j]] = r;
	s->head[j] = r;
	s->load[j]++;
}

static int has_room(const struct solver *s, int32_t j)
{
	return s->load[j] < s->cap[j];
}

/* ---- step 1: Hopcroft-Karp with column capacities ---- */

struct hk {
	int32_t *dist;  /* per row: BFS layer, or HK_FAR */
	int32_t *queue; /* rows */
	size_t *it;     /* per row: current arc (Dinic's current-arc rule) */
	int32_t *stk, *mem; /* the DFS: rows on the path, last member tried */
	int32_t found;  /* layer of the rows next to a column with room */
};
#define HK_FAR INT32_MAX

static int hk_bfs(struct solver *s, struct hk *h)
{
	int32_t qh = 0, qt = 0;
	for (int32_t r = 0; r < s->rows; r++) {
		if (s->of[r] == NONE && s->off[r] < s->off[r + 1]) {
			h->dist[r] = 0;
			h->queue[qt++] = r;
		} else {
			h->dist[r] = HK_FAR;
		}
	}
	h->found = HK_FAR;
	while (qh < qt) {
		int32_t r = h->queue[qh++];
		if (h->dist[r] >= h->found)
			continue;
		for (size_t a = s->off[r]; a < s->off[r + 1]; a++) {
			int32_t j = s->col[a];
			if (has_room(s, j)) {
				h->found = h->dist[r];
				continue;
			}
			for (int32_t m = s->head[j]; m != NONE; m = s->next[m]) {
				if (h->dist[m] == HK_FAR) {
					h->dist[m] = h->dist[r] + 1;
					h->queue[qt++] = m;
				}
			}
		}
	}
	return h->found != HK_FAR;
}

/* One augmenting path from the free row root along the layers, without
 * recursion (paths may be as long as there are rows). */
static int hk_dfs(struct solver *s, struct hk *h, int32_t root)
{
	int32_t depth = 0;
	h->stk[0] = root;
	h->mem[0] = NONE;
	while (depth >= 0) {
		int32_t r = h->stk[depth];
		int descended = 0;
		while (h->it[r] < s->off[r + 1]) {
			size_t a = h->it[r];
			int32_t j = s->col[a];
			if (has_room(s, j)) {
				if (h->dist[r] == h->found) {
					/* The path: stk[d] moves into the column stk[d + 1]
					 * leaves, deepest first. */
					assign(s, r, j, s->cost[a]);
					for (int32_t d = depth - 1; d >= 0; d--) {
						int32_t q = h->stk[d];
						assign(s, q, s->col[h->it[q]], s->cost[h->it[q]]);
					}
					return 1;
				}
			} else if (h->dist[r] < h->found) {
				int32_t m = h->mem[depth] == NONE ? s->head[j] : s->next[h->mem[depth]];
				while (m != NONE && h->dist[m] != h->dist[r] + 1)
					m = s->next[m];
				if (m != NONE) {
					h->mem[depth] = m;
					h->stk[++depth] = m;
					h->mem[depth] = NONE;
					descended = 1;
					break;
				}
			}
			h->it[r]++;
			h->mem[depth] = NONE;
		}
		if (descended)
			continue;
		h->dist[r] = HK_FAR; /* a dead end for the rest of this phase */
		depth--;
	}
	return 0;
}

static int32_t max_matched(struct solver *s)
{
	struct hk h;
	h.dist = mem_alloc((size_t)s->rows * sizeof *h.dist);
	h.queue = mem_alloc((size_t)s->rows * sizeof *h.queue);
	h.it = mem_alloc((size_t)s->rows * sizeof *h.it);
	h.stk = mem_alloc(((size_t)s->rows + 1) * sizeof *h.stk);
	h.mem = mem_alloc(((size_t)s->rows + 1) * sizeof *h.mem);
	int32_t matched = 0;
	/* Greedy first: each row takes the first column with room. */
	for (int32_t r = 0; r < s->rows; r++)
		for (size_t a = s->off[r]; a < s->off[r + 1]; a++)
			if (has_room(s, s->col[a])) {
				assign(s, r, s->col[a], s->cost[a]);
				matched++;
				break;
			}
	while (hk_bfs(s, &h)) {
		for (int32_t r = 0; r < s->rows; r++)
			h.it[r] = s->off[r];
		for (int32_t r = 0; r < s->rows; r++)
			if (s->of[r] == NONE && h.dist[r] == 0)
				matched += hk_dfs(s, &h, r);
	}
	free(h.dist);
	free(h.queue);
	free(h.it);
	free(h.stk);
	free(h.mem);
	return matched;
}

/* ---- step 2: shortest augmenting paths ---- */

struct sap {
	int64_t *v;      /* per column: dual */
	/* Per column: its distance in this search plus v, INF if unreached.
	 * Kept with v folded in, the test of an arc (h + c < d + v) reads
	 * one array, the hot loop's only random access. */
	int64_t *dv;
	int32_t *pred;   /* per column: the row it was reached from */
	int32_t *pcost;  /* per column: the cost of that row's arc to it */
	int32_t *heap, *pos; /* binary heap of columns by (d, no room); pos NONE: not in it */
	int32_t nheap;
	int32_t *done;   /* columns finalised in this search, in order */
	int32_t ndone;
	int32_t *touched; /* columns whose dv was set, to reset */
	int32_t ntouched;
};

static int64_t dist(const struct sap *p, int32_t j)
{
	return p->dv[j] - p->v[j];
}

static int heap_less(const struct solver *s, const struct sap *p, int32_t a, int32_t b)
{
	int64_t da = dist(p, a), db = dist(p, b);
	if (da != db)
		return da < db;
	/* Among equals, a column with room first: shorter paths. */
	return has_room(s, a) && !has_room(s, b);
}

static void heap_up(const struct solver *s, struct sap *p, int32_t i)
{
	int32_t c = p->heap[i];
	while (i > 0) {
		int32_t parent = (i - 1) / 2;
		if (!heap_less(s, p, c, p->heap[parent]))
			break;
		p->heap[i] = p->heap[parent];
		p->pos[p->heap[i]] = i;
		i = parent;
	}
	p->heap[i] = c;
	p->pos[c] = i;
}

static int32_t heap_pop(const struct solver *s, struct sap *p)
{
	int32_t top = p->heap[0];
	p->pos[top] = NONE;
	int32_t last = p->heap[--p->nheap];
	if (p->nheap > 0) {
		int32_t i = 0;
		for (;;) {
			int32_t c = 2 * i + 1;
			if (c >= p->nheap)
				break;
			if (c + 1 < p->nheap && heap_less(s, p, p->heap[c + 1], p->heap[c]))
				c++;
			if (!heap_less(s, p, p->heap[c], last))
				break;
			p->heap[i] = p->heap[c];
			p->pos[p->heap[i]] = i;
			i = c;
		}
		p->heap[i] = last;
		p->pos[last] = i;
	}
	return top;
}

/* Reaches column j from row r at distance hc - v(j) (hc = h + c), nearer
 * than before (the caller tested hc < dv(j), the loop's fast path). A
 * finalised column needs no test of its own: reduced costs are never
 * negative, so a new distance is never below its own. Returns 1 when j
 * has room and is reached at distance at most D: nothing can be nearer,
 * so the search may end there. */
static int relax(const struct solver *s, struct sap *p, int32_t j, int64_t hc, int32_t r,
		 int32_t c, int64_t D)
{
	if (p->dv[j] == INF)
		p->touched[p->ntouched++] = j;
	p->dv[j] = hc;
	p->pred[j] = r;
	p->pcost[j] = c;
	if (p->pos[j] == NONE) {
		p->heap[p->nheap] = j;
		p->pos[j] = p->nheap++;
	}
	heap_up(s, p, p->pos[j]);
	return hc - p->v[j] <= D && has_room(s, j);
}

/* Every arc of row r (and its arc to "nobody"), reached at h = d(r) - u(r);
 * a column with room reached at distance D ends the scan (returned),
 * else NONE. */
static int32_t scan_row(const struct solver *s, struct sap *p, int32_t r, int64_t h, int64_t D)
{
	for (size_t a = s->off[r]; a < s->off[r + 1]; a++) {
		int32_t j = s->col[a];
		int64_t hc = h + s->cost[a];
		if (hc < p->dv[j] && relax(s, p, j, hc, r, s->cost[a], D))
			return j;
	}
	int64_t hc = h + s->nobody_cost;
	if (s->nobody != NONE && hc < p->dv[s->nobody] &&
	    relax(s, p, s->nobody, hc, r, s->nobody_cost, D))
		return s->nobody;
	return NONE;
}

/* Adds the free row i0 along a shortest augmenting path. One always
 * exists: a complete assignment does (step 1 sized "nobody" for it). */
static void augment(struct solver *s, struct sap *p, int32_t i0)
{
	p->nheap = p->ndone = p->ntouched = 0;
	scan_row(s, p, i0, 0, INT64_MIN);
	int32_t end = NONE;
	int64_t D = 0;
	while (p->nheap > 0 && end == NONE) {
		int32_t j = heap_pop(s, p);
		D = dist(p, j);
		if (has_room(s, j)) {
			end = j;
			break;
		}
		p->done[p->ndone++] = j;
		/* Its rows sit on tight arcs: d(r) = d(j), u(r) = c(r,j) - v(j). */
		for (int32_t r = s->head[j]; r != NONE && end == NONE; r = s->next[r])
			end = scan_row(s, p, r, D - (s->ofcost[r] - p->v[j]), D);
	}
	if (end == NONE)
		abort(); /* cannot happen: see above */
	for (int32_t k = 0; k < p->ndone; k++) {
		int32_t j = p->done[k];
		p->v[j] += dist(p, j) - D;
	}
	for (int32_t k = 0; k < p->ntouched; k++) {
		int32_t j = p->touched[k];
		p->dv[j] = INF;
		p->pos[j] = NONE;
	}
	for (int32_t j = end;;) {
		int32_t r = p->pred[j];
		int32_t old = s->of[r];
		assign(s, r, j, p->pcost[j]);
		if (r == i0)
			break;
		j = old;
	}
}

static void min_cost(struct solver *s)
{
	struct sap p;
	size_t nc = (size_t)s->cols;
	p.v = mem_calloc(nc, sizeof *p.v);
	p.dv = mem_alloc(nc * sizeof *p.dv);
	p.pred = mem_alloc(nc * sizeof *p.pred);
	p.pcost = mem_alloc(nc * sizeof *p.pcost);
	p.heap = mem_alloc(nc * sizeof *p.heap);
	p.pos = mem_alloc(nc * sizeof *p.pos);
	p.done = mem_alloc(nc * sizeof *p.done);
	p.touched = mem_alloc(nc * sizeof *p.touched);
	for (size_t j = 0; j < nc; j++) {
		p.dv[j] = INF;
		p.pos[j] = NONE;
	}
	/* Greedy start: the cheapest column (v = 0), while it has room. */
	int32_t *todo = mem_alloc((size_t)s->rows * sizeof *todo), ntodo = 0;
	for (int32_t r = 0; r < s->rows; r++) {
		if (s->off[r] == s->off[r + 1])
			continue;
		/* Any column at the row's minimum keeps the duals feasible:
		 * take one with room. */
		size_t best = s->off[r];
		for (size_t a = best + 1; a < s->off[r + 1]; a++)
			if (s->cost[a] < s->cost[best] ||
			    (s->cost[a] == s->cost[best] && !has_room(s, s->col[best]) &&
			     has_room(s, s->col[a])))
				best = a;
		if (has_room(s, s->col[best]))
			assign(s, r, s->col[best], s->cost[best]);
		else
			todo[ntodo++] = r;
	}
	for (int32_t k = 0; k < ntodo; k++)
		augment(s, &p, todo[k]);
	free(todo);
	free(p.v);
	free(p.dv);
	free(p.pred);
	free(p.pcost);
	free(p.heap);
	free(p.pos);
	free(p.done);
	free(p.touched);
}

/* ---- the instance ---- */

enum match_err match_refuse(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return MATCH_EINPUT;
}

static enum match_err check(const struct match_instance *in, char *err, size_t errlen)
{
	if (in->newcomers < 0 || in->guides < 0)
		return match_refuse(err, errlen, "the numbers of newcomers and guides cannot be negative");
	if ((int64_t)in->newcomers + in->guides > MATCH_MAX_PEOPLE)
		return match_refuse(err, errlen, "more than %d newcomers and guides together",
			       MATCH_MAX_PEOPLE);
	for (int32_t g = 0; g < in->guides; g++)
		if (in->capacity[g] < 0 || in->capacity[g] > MATCH_MAX_CAPACITY)
			return match_refuse(err, errlen, "capacity %d: %" PRId32 " is not between 0 and %d", g,
				       in->capacity[g], MATCH_MAX_CAPACITY);
	for (size_t k = 0; k < in->npairs; k++) {
		const struct match_pair *q = &in->pairs[k];
		if (q->newcomer < 0 || q->newcomer >= in->newcomers)
			return match_refuse(err, errlen,
				       "pair %zu: newcomer %" PRId32 ", but newcomers are 0 to %" PRId32,
				       k, q->newcomer, in->newcomers - 1);
		if (q->guide < 0 || q->guide >= in->guides)
			return match_refuse(err, errlen,
				       "pair %zu: guide %" PRId32 ", but guides are 0 to %" PRId32, k,
				       q->guide, in->guides - 1);
		if (q->score < -MATCH_SCORE_MAX || q->score > MATCH_SCORE_MAX)
			return match_refuse(err, errlen, "pair %zu: score %" PRId64 " is not between %d and %d",
				       k, q->score, -MATCH_SCORE_MAX, MATCH_SCORE_MAX);
	}
	return MATCH_OK;
}

/* Rows of pairs (counting sort by newcomer, input order kept within a
 * row), dropping pairs with a guide of capacity 0; finds duplicates. */
static enum match_err build(struct solver *s, const struct match_instance *in, char *err,
			    size_t errlen)
{
	size_t n = (size_t)in->newcomers;
	s->off = mem_calloc(n + 2, sizeof *s->off);
	for (size_t k = 0; k < in->npairs; k++)
		s->off[in->pairs[k].newcomer + 2]++;
	for (size_t r = 2; r <= n + 1; r++)
		s->off[r] += s->off[r - 1];
	s->col = mem_alloc((in->npairs ? in->npairs : 1) * sizeof *s->col);
	s->cost = mem_alloc((in->npairs ? in->npairs : 1) * sizeof *s->cost);
	uint32_t *from = mem_alloc((in->npairs ? in->npairs : 1) * sizeof *from);
	for (size_t k = 0; k < in->npairs; k++) {
		size_t at = s->off[in->pairs[k].newcomer + 1]++;
		s->col[at] = in->pairs[k].guide;
		s->cost[at] = (int32_t)-in->pairs[k].score;
		from[at] = (uint32_t)k;
	}
	/* Duplicates: the last arc seen per guide, row by row. */
	size_t *seen = mem_alloc(((size_t)in->guides + 1) * sizeof *seen);
	for (int32_t g = 0; g < in->guides; g++)
		seen[g] = SIZE_MAX;
	enum match_err rc = MATCH_OK;
	for (size_t r = 0; r < n && rc == MATCH_OK; r++) {
		for (size_t a = s->off[r]; a < s->off[r + 1]; a++) {
			int32_t g = s->col[a];
			if (seen[g] != SIZE_MAX && seen[g] >= s->off[r]) {
				rc = match_refuse(err, errlen,
					     "pairs %" PRIu32 " and %" PRIu32 " both pair newcomer %zu "
					     "with guide %" PRId32,
					     from[seen[g]], from[a], r, g);
				break;
			}
			seen[g] = a;
		}
	}
	free(seen);
	free(from);
	if (rc != MATCH_OK)
		return rc;
	/* Arcs to full guides (capacity 0) can never be used. */
	size_t w = 0, start = 0;
	for (size_t r = 0; r < n; r++) {
		size_t end = s->off[r + 1];
		for (size_t a = start; a < end; a++) {
			if (in->capacity[s->col[a]] > 0) {
				s->col[w] = s->col[a];
				s->cost[w] = s->cost[a];
				w++;
			}
		}
		start = end;
		s->off[r + 1] = w;
	}
	return MATCH_OK;
}

enum match_err match_solve(const struct match_instance *in, int32_t *guide_of,
			   struct match_solution *sol, char *err, size_t errlen)
{
	if (errlen)
		err[0] = '\0';
	enum match_err rc = check(in, err, errlen);
	if (rc != MATCH_OK)
		return rc;
	struct solver s = { 0 };
	s.rows = in->newcomers;
	s.cols = in->guides + 1;
	rc = build(&s, in, err, errlen);
	if (rc != MATCH_OK) {
		free(s.off);
		free(s.col);
		free(s.cost);
		return rc;
	}
	size_t nr = (size_t)s.rows, nc = (size_t)s.cols;
	s.cap = mem_alloc(nc * sizeof *s.cap);
	s.load = mem_calloc(nc, sizeof *s.load);
	s.head = mem_alloc(nc * sizeof *s.head);
	s.next = mem_alloc((nr ? nr : 1) * sizeof *s.next);
	s.prev = mem_alloc((nr ? nr : 1) * sizeof *s.prev);
	s.of = mem_alloc((nr ? nr : 1) * sizeof *s.of);
	s.ofcost = mem_alloc((nr ? nr : 1) * sizeof *s.ofcost);
	if (in->guides > 0) /* capacity may be NULL then */
		memcpy(s.cap, in->capacity, (size_t)in->guides * sizeof *s.cap);
	for (size_t j = 0; j < nc; j++)
		s.head[j] = NONE;
	for (size_t r = 0; r < nr; r++)
		s.of[r] = NONE;
	s.nobody = NONE;

	int32_t with_pairs = 0;
	int32_t worst = 0;
	for (int32_t r = 0; r < s.rows; r++) {
		if (s.off[r] < s.off[r + 1])
			with_pairs++;
		for (size_t a = s.off[r]; a < s.off[r + 1]; a++)
			if (s.cost[a] > worst)
				worst = s.cost[a];
	}
	int32_t most = max_matched(&s);
	/* Start step 2 afresh, with "nobody" taking the rest. */
	for (size_t j = 0; j < nc; j++) {
		s.head[j] = NONE;
		s.load[j] = 0;
	}
	for (size_t r = 0; r < nr; r++)
		s.of[r] = NONE;
	if (most < with_pairs) {
		s.nobody = in->guides;
		s.cap[s.nobody] = with_pairs - most;
		/* Dearer than any pair: any constant would do (exactly N - F rows
		 * take it); this one keeps searches from wandering through it. */
		s.nobody_cost = worst + 1;
	} else {
		s.cap[in->guides] = 0;
	}
	min_cost(&s);

	sol->matched = 0;
	sol->total = 0;
	for (int32_t r = 0; r < s.rows; r++) {
		int32_t j = s.of[r];
		if (j == NONE || j == s.nobody) {
			guide_of[r] = NONE;
			continue;
		}
		guide_of[r] = j;
		sol->matched++;
		sol->total -= s.ofcost[r];
	}
	free(s.off);
	free(s.col);
	free(s.cost);
	free(s.cap);
	free(s.load);
	free(s.head);
	free(s.next);
	free(s.prev);
	free(s.of);
	free(s.ofcost);
	return MATCH_OK;
}
