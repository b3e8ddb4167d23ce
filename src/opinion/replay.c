/*
 * replay.c: a conversation's votes replayed in time order through the
 * incremental update, as Pol.is's worker saw them: its poller collects
 * the votes that arrived since the last poll (about every second, or
 * however long the last update took) and runs one conv-update on the batch
 * (poller.clj, conv_man.clj). Here a batch closes after every_votes votes
 * or every_seconds seconds of recorded time since its first vote,
 * whichever comes first; 0 turns a limit off.
 *
 * With reload, the state is reloaded (opinion_state_reload) before the
 * last update, as when Pol.is's worker restarts, or when its export
 * (darwin/export.clj get-export-data with update-math) loads the
 * conversation from the database and updates it with all votes once more.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "opinion/opinion.h"

/* Vote indices in time order, input order for equal times (merge sort). */
static uint32_t *replay_order(const int64_t *times, size_t n)
{
	uint32_t *a = mem_alloc((n ? n : 1) * sizeof *a), *b = mem_alloc((n ? n : 1) * sizeof *b);
	for (size_t i = 0; i < n; i++)
		a[i] = (uint32_t)i;
	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, o = lo;
			while (i < mid && j < hi)
				b[o++] = times[a[j]] < times[a[i]] ? a[j++] : a[i++];
			while (i < mid)
				b[o++] = a[i++];
			while (j < hi)
				b[o++] = a[j++];
		}
		uint32_t *t = a;
		a = b;
		b = t;
	}
	free(b);
	return a;
}

enum opinion_err opinion_replay(const struct opinion_input *in, long every_votes,
				long every_seconds, int reload, struct opinion_result *res,
				size_t *updates, char *err, size_t errlen)
{
	memset(res, 0, sizeof *res);
	*updates = 0;
	if ((in->times == NULL && in->n_votes > 0) || (every_votes <= 0 && every_seconds <= 0)) {
		snprintf(err, errlen, "a replay needs vote times and a batch limit");
		return OPINION_EINPUT;
	}
	size_t n = in->n_votes;
	uint32_t *ord = replay_order(in->times, n);
	struct opinion_vote *v = mem_alloc((n ? n : 1) * sizeof *v);
	int64_t *t = mem_alloc((n ? n : 1) * sizeof *t);
	for (size_t i = 0; i < n; i++) {
		v[i] = in->votes[ord[i]];
		t[i] = in->times[ord[i]];
	}
	free(ord);
	struct opinion_input part = *in;
	part.votes = v;
	part.times = t;
	part.by_participant = NULL; /* a grouping of in->votes, not of these */
	part.vote_start = NULL;
	struct opinion_state *st = opinion_state_new();
	enum opinion_err rc = OPINION_OK;
	size_t i = 0;
	do {
		size_t j = i + 1;
		while (j < n && (every_votes <= 0 || (long)(j - i) < every_votes) &&
		       (every_seconds <= 0 || t[j] - t[i] < (int64_t)every_seconds * 1000))
			j++;
		part.n_votes = j < n ? j : n;
		if (reload && j >= n)
			opinion_state_reload(st);
		opinion_result_free(res);
		rc = opinion_update(st, &part, res, err, errlen);
		(*updates)++;
		i = j;
	} while (rc == OPINION_OK && i < n);
	opinion_state_free(st);
	free(v);
	free(t);
	return rc;
}
