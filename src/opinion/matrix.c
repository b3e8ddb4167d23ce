/*
 * matrix.c: builds the participant x statement matrix of latest votes
 * (Pol.is conversation.clj :raw-rating-mat, built by named_matrix.clj
 * update-nmat, where a later vote on the same cell overwrites the earlier).
 *
 * Moderation is not applied here: Pol.is's :rating-mat zeroes the columns
 * of moderated-out statements (nm/zero-out-columns), and the consumers of
 * this matrix do that where it matters (see pca.c), while the counts that
 * Pol.is takes from the raw matrix (user-vote-counts for the
 * in-conversation rule, votes-base for group votes) use the raw votes.
 *
 * Cost: O(votes + participants + statements): a counting sort of the
 * votes' indices by participant after a pass that checks them (both
 * skipped when the caller gives them grouped, opinion_input.by_participant:
 * the rows' pass then checks each vote as it reads it), and a pass over
 * each participant's votes keeping the latest per statement.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/pair.h"
#include "opinion/internal.h"

void opinion_matrix_free(struct opinion_matrix *m)
{
	free(m->row_start);
	free(m->entry);
	free(m->row_votes);
	free(m->col_votes);
	free(m->col_code);
	free(m->out);
	memset(m, 0, sizeof *m);
}

/* Vote indices grouped by participant, in input order: *order, with
 * participant r's at [start[r], start[r + 1]). */
static void matrix_group(const struct opinion_input *in, size_t **start_out, uint32_t **order_out)
{
	uint32_t nr = in->n_participants;
	size_t *start = mem_calloc((size_t)nr + 1, sizeof *start);
	for (size_t i = 0; i < in->n_votes; i++)
		start[in->votes[i].participant + 1]++;
	for (uint32_t r = 0; r < nr; r++)
		start[r + 1] += start[r];
	uint32_t *order = mem_alloc((in->n_votes ? in->n_votes : 1) * sizeof *order);
	size_t *fill = mem_alloc(((size_t)nr + 1) * sizeof *fill);
	memcpy(fill, start, ((size_t)nr + 1) * sizeof *fill);
	for (size_t i = 0; i < in->n_votes; i++)
		order[fill[in->votes[i].participant]++] = (uint32_t)i;
	free(fill);
	*start_out = start;
	*order_out = order;
}

/* Whether v is in range: a vote of one of the input's participants on one
 * of its statements, with a value of -1, 0 or 1. */
static inline int matrix_vote_in(const struct opinion_input *in, const struct opinion_vote *v)
{
	return v->participant < in->n_participants && v->statement < in->n_statements &&
	       v->value >= -1 && v->value <= 1;
}

/* The rows go in two halves on two threads from this many votes on. */
#define MATRIX_THREADED_FROM 1000000

/* The votes [from, to) checked: the index of the first out of range in
 * bad (to if none). */
struct matrix_check {
	const struct opinion_input *in;
	size_t from, to, bad;
};

static void *matrix_check_run(void *arg)
{
	struct matrix_check *mc = arg;
	const struct opinion_input *in = mc->in;
	mc->bad = mc->to;
	for (size_t i = mc->from; i < mc->to; i++) {
		if (!matrix_vote_in(in, &in->votes[i])) {
			mc->bad = i;
			break;
		}
	}
	return NULL;
}

/* The index of the first vote out of range, or n_votes; in two halves on
 * two threads for many votes. */
static size_t matrix_first_bad(const struct opinion_input *in)
{
	size_t n = in->n_votes, mid = n >= MATRIX_THREADED_FROM ? n / 2 : n;
	struct matrix_check half[2] = { { in, 0, mid, 0 }, { in, mid, n, 0 } };
	pair_run(matrix_check_run, &half[0], matrix_check_run, &half[1], mid < n);
	return half[0].bad < mid ? half[0].bad : half[1].bad;
}

/* Whether a vote is out of range; if so, err names the first. */
static int matrix_refuse_bad(const struct opinion_input *in, char *err, size_t errlen)
{
	size_t bad = matrix_first_bad(in);
	if (bad == in->n_votes)
		return 0;
	const struct opinion_vote *v = &in->votes[bad];
	snprintf(err, errlen, "vote %zu: participant %u, statement %u, value %d out of range", bad,
		 (unsigned)v->participant, (unsigned)v->statement, v->value);
	return 1;
}

/* Rows [r0, r1) of the matrix, their entries written from out on. */
struct matrix_rows {
	struct opinion_matrix *m;
	const struct opinion_input *in;
	const size_t *start;
	const uint32_t *order;
	uint32_t r0, r1;
	size_t out; /* in: where the entries go; out: past the last */
	uint32_t active_rows;
	uint32_t *col_code; /* the rows' latest votes per statement and code */
	int failed; /* a vote out of range, or the grouping given does not
		     * match the votes */
};

/* Per row, keep one entry per statement: the latest vote, at the place
 * of the first. stamp[c] == r + 1 marks a statement seen in row r;
 * slot[c] is its entry and kept[c] the vote in it, whose time is looked
 * up only when the row has another vote on c (seldom). */
static void *matrix_rows_run(void *arg)
{
	struct matrix_rows *mr = arg;
	const struct opinion_input *in = mr->in;
	struct opinion_matrix *m = mr->m;
	uint32_t nc = in->n_statements;
	uint32_t *stamp = mem_calloc(nc ? nc : 1, sizeof *stamp);
	size_t *slot = mem_alloc((nc ? nc : 1) * sizeof *slot);
	uint32_t *kept = mem_alloc((nc ? nc : 1) * sizeof *kept);
	size_t out = mr->r0 < mr->r1 ? mr->start[mr->r0] : 0;
	for (uint32_t r = mr->r0; r < mr->r1 && !mr->failed; r++) {
		m->row_start[r] = out;
		for (size_t j = mr->start[r]; j < mr->start[r + 1]; j++) {
			uint32_t i = mr->order[j];
			if (i >= in->n_votes || in->votes[i].participant != r ||
			    !matrix_vote_in(in, &in->votes[i])) {
				mr->failed = 1;
				break;
			}
			const struct opinion_vote *v = &in->votes[i];
			/* Pol.is's sign: agree is -1. */
			uint32_t e = (v->statement << 2) | (uint32_t)(-v->value + 1);
			if (stamp[v->statement] != r + 1) {
				stamp[v->statement] = r + 1;
				slot[v->statement] = out;
				kept[v->statement] = i;
				m->entry[out++] = e;
			} else if (!in->times || in->times[i] >= in->times[kept[v->statement]]) {
				kept[v->statement] = i;
				m->entry[slot[v->statement]] = e;
			}
		}
		m->row_votes[r] = (uint32_t)(out - m->row_start[r]);
		mr->active_rows += m->row_votes[r] > 0;
		opinion_count_codes(mr->col_code, m->entry, m->row_start[r], out);
	}
	mr->out = out;
	free(stamp);
	free(slot);
	free(kept);
	return NULL;
}

enum opinion_err opinion_matrix_build(struct opinion_matrix *m, const struct opinion_input *in,
				      char *err, size_t errlen)
{
	memset(m, 0, sizeof *m);
	if (in->n_votes > UINT32_MAX) {
		snprintf(err, errlen, "too many votes (%zu)", in->n_votes);
		return OPINION_EINPUT;
	}
	if (in->n_statements > (UINT32_MAX >> 2)) {
		snprintf(err, errlen, "too many statements (%u)", (unsigned)in->n_statements);
		return OPINION_EINPUT;
	}
	uint32_t nr = in->n_participants, nc = in->n_statements;
	const size_t *start = in->vote_start;
	const uint32_t *order = in->by_participant;
	size_t *own_start = NULL;
	uint32_t *own_order = NULL;
	if (order == NULL || start == NULL) {
		if (matrix_refuse_bad(in, err, errlen))
			return OPINION_EINPUT;
		matrix_group(in, &own_start, &own_order);
		start = own_start;
		order = own_order;
	} else if (start[nr] != in->n_votes) {
		snprintf(err, errlen, "the votes grouped by participant are not the votes");
		return OPINION_EINPUT;
	}

	m->entry = mem_alloc((in->n_votes ? in->n_votes : 1) * sizeof *m->entry);
	m->row_start = mem_alloc(((size_t)nr + 1) * sizeof *m->row_start);
	m->row_votes = mem_calloc(nr ? nr : 1, sizeof *m->row_votes);
	m->col_votes = mem_calloc(nc ? nc : 1, sizeof *m->col_votes);
	m->col_code = mem_calloc(nc ? (size_t)nc * 3 : 1, sizeof *m->col_code);
	uint32_t *code2 = mem_calloc(nc ? (size_t)nc * 3 : 1, sizeof *code2);
	/* Rows in two halves of about equal votes, the second on a thread for
	 * large inputs, each writing its entries from the place of its first
	 * vote; the second half then moves down over the room its duplicate
	 * votes left (none, mostly). Small inputs: all in the first half. */
	uint32_t mid = in->n_votes >= MATRIX_THREADED_FROM ? opinion_half_row(start, nr) : nr;
	struct matrix_rows half[2] = { { m, in, start, order, 0, mid, 0, 0, m->col_code, 0 },
				       { m, in, start, order, mid, nr, 0, 0, code2, 0 } };
	pair_run(matrix_rows_run, &half[0], matrix_rows_run, &half[1], mid < nr);
	for (size_t c = 0; c < (size_t)nc * 3; c++)
		m->col_code[c] += code2[c];
	free(code2);
	size_t second = mid < nr ? start[mid] : 0; /* where the second half's entries went */
	free(own_order);
	free(own_start);
	if (half[0].failed || half[1].failed) {
		if (!matrix_refuse_bad(in, err, errlen))
			snprintf(err, errlen, "the votes grouped by participant are not the votes");
		opinion_matrix_free(m);
		return OPINION_EINPUT;
	}
	size_t out = half[0].out, gap = second - half[0].out;
	if (mid < nr) {
		if (gap) {
			memmove(m->entry + out, m->entry + second, (half[1].out - second) * sizeof *m->entry);
			for (uint32_t r = mid; r < nr; r++)
				m->row_start[r] -= gap;
		}
		out = half[1].out - gap;
	}
	m->row_start[nr] = out;
	m->n_active_rows = half[0].active_rows + half[1].active_rows;
	if (out)
		m->entry = mem_realloc(m->entry, out * sizeof *m->entry);

	m->out = mem_calloc(nc ? nc : 1, 1);
	for (uint32_t c = 0; c < nc; c++) {
		const uint32_t *n = m->col_code + 3 * (size_t)c;
		m->col_votes[c] = n[0] + n[1] + n[2];
		if (in->flags && (in->flags[c] & (OPINION_MODERATED_OUT | OPINION_META)))
			m->out[c] = 1;
		if (m->col_votes[c]) {
			m->n_active++;
			m->n_active_out += m->out[c];
		}
	}
	m->n_rows = nr;
	m->n_cols = nc;
	return OPINION_OK;
}
