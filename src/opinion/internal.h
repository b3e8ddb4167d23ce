/*
 * internal.h: what the files of src/opinion share with each other and with
 * their unit tests; not for other layers (they use opinion.h). Each
 * function here is implemented in the file its prefix names, or here
 * when it is inline.
 */
#ifndef SAMSKAB_OPINION_INTERNAL_H
#define SAMSKAB_OPINION_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "opinion/opinion.h"

/*
 * matrix.c: the participant x statement matrix of latest votes, stored by
 * participant (compressed rows). Pol.is's raw-rating-mat: only participants
 * and statements with at least one vote exist in it ("active"). Each entry
 * packs the statement and the vote as (statement << 2) | (v + 1), where v
 * is the vote in Pol.is's sign (agree = -1, see opinion.h).
 */
struct opinion_matrix {
	uint32_t n_rows, n_cols; /* participants, statements (the caller's index space) */
	size_t *row_start;       /* entries of row r: entry[row_start[r] .. row_start[r + 1]) */
	uint32_t *entry;
	uint32_t *row_votes;     /* latest votes per participant (Pol.is user-vote-counts) */
	uint32_t *col_votes;     /* latest votes per statement; > 0: the column is active */
	uint32_t *col_code;      /* [3 * c + code]: of them agree (0), pass (1), disagree (2) */
	uint8_t *out;            /* 1: moderated out or meta, zeroed in the math */
	uint32_t n_active;       /* active statements (Pol.is n-cmts) */
	uint32_t n_active_out;   /* active statements that are moderated out */
	uint32_t n_active_rows;  /* participants with a vote (Pol.is n) */
};

#define OPINION_ENTRY_COL(e) ((e) >> 2)
/* The vote in Pol.is's sign: -1 agree, 0 pass, +1 disagree. */
#define OPINION_ENTRY_VOTE(e) ((int)((e) & 3) - 1)

/* Counts the entries [from, to) into codes[3 * c + code], by statement c and
 * code (agree 0, pass 1, disagree 2), as col_code counts. */
static inline void opinion_count_codes(uint32_t *codes, const uint32_t *entry, size_t from,
				       size_t to)
{
	for (size_t j = from; j < to; j++)
		codes[3 * (size_t)OPINION_ENTRY_COL(entry[j]) + (entry[j] & 3)]++;
}

/* Where rows [0, n_rows) split into two halves of about equal votes, row r's
 * votes being [start[r], start[r + 1]): the first row r with start[r] >=
 * start[n_rows] / 2, or n_rows if there is none. */
static inline uint32_t opinion_half_row(const size_t *start, uint32_t n_rows)
{
	size_t half = start[n_rows] / 2;
	uint32_t r = 0;
	while (r < n_rows && start[r] < half)
		r++;
	return r;
}

enum opinion_err opinion_matrix_build(struct opinion_matrix *m, const struct opinion_input *in,
				      char *err, size_t errlen);
void opinion_matrix_free(struct opinion_matrix *m);

/*
 * pca.c: two principal components by power iteration (pca.clj).
 */
struct opinion_pca {
	uint32_t n_cols;
	double *center;     /* column means of the votes; 0 for moderated-out columns */
	double *comp[2];    /* unit vectors over the statements */
	double eigval[2];   /* |X'X v| at the last iteration */
	int iters;          /* iterations used */
};

/* start[c] may be NULL (then a fixed pseudo-random start) and is read over
 * m->n_cols entries. */
void opinion_pca_run(const struct opinion_matrix *m, const double *const start[2],
		     struct opinion_pca *p);
void opinion_pca_free(struct opinion_pca *p);
/* Pol.is's sparsity-aware projection of every participant (x, y); NaN for
 * participants without votes. */
void opinion_pca_project(const struct opinion_matrix *m, const struct opinion_pca *p, double *x,
			 double *y);
/* Length of each statement's projection (Pol.is comment-extremity). */
void opinion_pca_extremity(const struct opinion_matrix *m, const struct opinion_pca *p,
			   double *extremity);

/*
 * kmeans.c: Pol.is's k-means (clusters.clj) on points in the plane, with
 * its warm start from the last clustering. A point has a key (participant
 * index for base clusters, base cluster id for groups) by which the last
 * clustering names its members.
 */
struct opinion_clustering {
	int n;            /* clusters */
	int cap;
	int32_t *id;      /* cluster ids, ascending */
	double *cx, *cy;  /* centers */
	uint32_t *size;   /* members */
	uint32_t n_keys;
	int32_t *of;      /* of[key]: id of the cluster holding key, or -1 */
};

struct opinion_points {
	uint32_t n;
	const double *x, *y;
	const uint32_t *key;  /* < n_keys, distinct */
	const double *weight; /* NULL: all 1 */
	uint32_t n_keys;
};

/* Clusters pts into at most k clusters, starting from last (NULL or with no
 * clusters: Pol.is's init-clusters), at most max_iters + 1 steps. */
void opinion_kmeans(const struct opinion_points *pts, int k, int max_iters,
		    const struct opinion_clustering *last, struct opinion_clustering *out);
void opinion_clustering_free(struct opinion_clustering *c);
void opinion_clustering_copy(struct opinion_clustering *dst, const struct opinion_clustering *src);
/* Pol.is's silhouette coefficient of a clustering of the points (each point
 * counts once, whatever its weight). */
double opinion_silhouette(const struct opinion_points *pts, const struct opinion_clustering *c);

/*
 * repness.c: representativeness (repness.clj conv-repness and
 * select-rep-comments) and the statistics behind it (stats.clj).
 */
double opinion_prop_test(double succ, double n);
double opinion_two_prop_test(double succ_in, double succ_out, double pop_in, double pop_out);
int opinion_z_sig_90(double z);

/* counts[g * n_cols + s]: Pol.is's na/nd/ns of group g on statement s.
 * Selects each group's representative statements into res->rep. */
void opinion_repness(const struct opinion_tally *counts, int k, uint32_t n_cols,
		     const uint8_t *out, const uint32_t *col_votes, struct opinion_result *res);

/*
 * consensus.c: consensus statements over everyone, and group-informed
 * consensus over the groups (repness.clj select-consensus-comments,
 * conversation.clj :group-aware-consensus).
 */
void opinion_consensus(const struct opinion_tally *all, uint32_t n_cols, const uint8_t *out,
		       const uint32_t *col_votes, struct opinion_result *res);
void opinion_group_consensus(const struct opinion_tally *groups, int k, uint32_t n_cols,
			     const uint32_t *col_votes, double *gac);

/*
 * priority.c: Pol.is's comment priority (conversation.clj priority-metric).
 */
double opinion_importance(double a, double p, double s, double e);
double opinion_priority_metric(int meta, double a, double p, double s, double e);
void opinion_priorities(const struct opinion_tally *groups, int k, uint32_t n_cols,
			const uint32_t *col_votes, const uint8_t *flags, const double *extremity,
			double *priority);

#endif
