/*
 * opendata.c: Pol.is openData CSV records into plain arrays (see
 * opendata.h). Strict: a missing column, an id that is not a whole number,
 * an unknown comment, a duplicate comment or participant, a vote other than
 * -1, 0 or 1, or conflicting duplicate votes stop the read with the line.
 */
#include "opinion/opendata.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/idmap.h"
#include "core/mem.h"

void opendata_init(struct opendata *od)
{
	memset(od, 0, sizeof *od);
	od->statements = idmap_new();
	od->participants = idmap_new();
}

void opendata_free(struct opendata *od)
{
	free(od->statement_id);
	free(od->flags);
	free(od->participant_id);
	free(od->polis_group);
	free(od->votes);
	free(od->times);
	idmap_free(od->statements);
	idmap_free(od->participants);
	memset(od, 0, sizeof *od);
}

__attribute__((format(printf, 4, 5))) static int od_fail(char *err, size_t errlen,
							  unsigned long line, const char *fmt, ...)
{
	int n = snprintf(err, errlen, "line %lu: ", line);
	va_list ap;
	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < errlen)
		vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static int csv_fail_to(const struct csv *c, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s", csv_error(c));
	return -1;
}

/* Eight ASCII digits at s as a number, or -1 if they are not all digits
 * (SWAR: one multiply-and-shift per halving instead of a loop). */
static int64_t eight_digits(const char *s)
{
	uint64_t x;
	memcpy(&x, s, 8);
	uint64_t d = x - 0x3030303030303030ull;
	/* A byte is a digit if it is >= '0' (no borrow) and <= '9'. */
	if (((x & 0xf0f0f0f0f0f0f0f0ull) != 0x3030303030303030ull) ||
	    (((d + 0x0606060606060606ull) & 0xf0f0f0f0f0f0f0f0ull) != 0))
		return -1;
	d = (d * 10 + (d >> 8)) & 0x00ff00ff00ff00ffull;
	d = (d * 100 + (d >> 16)) & 0x0000ffff0000ffffull;
	d = (d * 10000 + (d >> 32)) & 0xffffffffull;
	return (int64_t)d;
}

/* A whole number: optional '-', digits, nothing else. */
static int parse_int(const struct csv_field *f, int64_t *out)
{
	const char *s = f->s, *e = f->s + f->len;
	int neg = 0;
	if (s < e && *s == '-') {
		neg = 1;
		s++;
	}
	if (s == e || e - s > 18)
		return -1;
	int64_t v = 0;
	if (e - s >= 8 && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__) {
		int64_t hi = eight_digits(s);
		if (hi < 0)
			return -1;
		v = hi;
		s += 8;
	}
	for (; s < e; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	*out = neg ? -v : v;
	return 0;
}

static int parse_vote(const struct csv_field *f, int8_t *out)
{
	if (f->len == 1 && (f->s[0] == '0' || f->s[0] == '1')) {
		*out = (int8_t)(f->s[0] - '0');
		return 0;
	}
	if (f->len == 2 && f->s[0] == '-' && f->s[1] == '1') {
		*out = -1;
		return 0;
	}
	return -1;
}

/* Column index of name in the header, or -1. */
static int column(const struct csv *c, const char *name)
{
	for (size_t i = 0; i < c->nfield; i++)
		if (csv_eq(c, i, name))
			return (int)i;
	return -1;
}

static int header(struct csv *c, const char *const *names, int *idx, int nreq, int nopt,
		  char *err, size_t errlen)
{
	int rc = csv_next(c);
	if (rc < 0)
		return csv_fail_to(c, err, errlen);
	if (rc == 0)
		return od_fail(err, errlen, 1, "empty file, expected a header");
	for (int i = 0; i < nreq + nopt; i++) {
		idx[i] = column(c, names[i]);
		if (idx[i] < 0 && i < nreq)
			return od_fail(err, errlen, c->line, "no column '%s'", names[i]);
	}
	return 0;
}

static uint32_t add_participant(struct opendata *od, int64_t id)
{
	if (od->n_participants == od->cap_participants) {
		od->cap_participants = od->cap_participants ? od->cap_participants * 2 : 256;
		od->participant_id = mem_realloc(od->participant_id,
						 od->cap_participants * sizeof *od->participant_id);
		if (od->polis_group)
			od->polis_group = mem_realloc(od->polis_group,
						      od->cap_participants * sizeof *od->polis_group);
	}
	uint32_t i = od->n_participants++;
	od->participant_id[i] = id;
	if (od->polis_group)
		od->polis_group[i] = -1;
	idmap_put(od->participants, id, i);
	return i;
}

static void add_vote(struct opendata *od, uint32_t p, uint32_t s, int8_t v, const int64_t *t)
{
	if (od->n_votes == od->cap_votes) {
		od->cap_votes = od->cap_votes ? od->cap_votes * 2 : 4096;
		od->votes = mem_realloc(od->votes, od->cap_votes * sizeof *od->votes);
		if (t)
			od->times = mem_realloc(od->times, od->cap_votes * sizeof *od->times);
	}
	od->votes[od->n_votes] = (struct opinion_vote){ p, s, v };
	if (t)
		od->times[od->n_votes] = *t;
	od->n_votes++;
}

int opendata_comments(struct opendata *od, struct csv *c, char *err, size_t errlen)
{
	static const char *const names[] = { "comment-id", "moderated", "is-meta" };
	int idx[3], rc;
	if (header(c, names, idx, 2, 1, err, errlen) < 0)
		return -1;
	while ((rc = csv_next(c)) == 1) {
		int64_t id, mod;
		if (parse_int(&c->field[idx[0]], &id) < 0)
			return od_fail(err, errlen, c->line, "comment-id is not a whole number");
		if (idmap_get(od->statements, id) != IDMAP_NONE)
			return od_fail(err, errlen, c->line, "comment-id %lld appears twice",
				       (long long)id);
		if (parse_int(&c->field[idx[1]], &mod) < 0 || mod < -1 || mod > 1)
			return od_fail(err, errlen, c->line, "moderated must be -1, 0 or 1");
		uint8_t flags = mod == -1 ? OPINION_MODERATED_OUT : 0;
		if (idx[2] >= 0) {
			if (csv_eq(c, (size_t)idx[2], "true"))
				flags |= OPINION_META;
			else if (!csv_eq(c, (size_t)idx[2], "false"))
				return od_fail(err, errlen, c->line, "is-meta must be true or false");
		}
		if (od->n_statements == od->cap_statements) {
			od->cap_statements = od->cap_statements ? od->cap_statements * 2 : 256;
			od->statement_id = mem_realloc(od->statement_id,
						       od->cap_statements * sizeof *od->statement_id);
			od->flags = mem_realloc(od->flags, od->cap_statements);
		}
		od->statement_id[od->n_statements] = id;
		od->flags[od->n_statements] = flags;
		idmap_put(od->statements, id, od->n_statements++);
	}
	return rc < 0 ? csv_fail_to(c, err, errlen) : 0;
}

/* Finds two votes of one voter on one comment at the same time with
 * different values; returns the later one's index (and the earlier's in
 * *first), or SIZE_MAX. Exact repeats are made harmless by the matrix's
 * latest-wins rule and pass. */
static size_t find_conflict(const struct opendata *od, size_t *first)
{
	size_t np = od->n_participants, ns = od->n_statements, n = od->n_votes;
	size_t *start = mem_calloc(np + 1, sizeof *start);
	for (size_t i = 0; i < n; i++)
		start[od->votes[i].participant + 1]++;
	for (size_t p = 0; p < np; p++)
		start[p + 1] += start[p];
	uint32_t *order = mem_alloc((n ? n : 1) * sizeof *order);
	size_t *fill = mem_alloc((np + 1) * sizeof *fill);
	memcpy(fill, start, (np + 1) * sizeof *fill);
	for (size_t i = 0; i < n; i++)
		order[fill[od->votes[i].participant]++] = (uint32_t)i;
	free(fill);
	uint32_t *stamp = mem_calloc(ns ? ns : 1, sizeof *stamp);
	size_t bad = SIZE_MAX;
	for (size_t p = 0; p < np && bad == SIZE_MAX; p++)
		for (size_t j = start[p]; j < start[p + 1] && bad == SIZE_MAX; j++) {
			const struct opinion_vote *v = &od->votes[order[j]];
			if (stamp[v->statement] != p + 1) {
				stamp[v->statement] = (uint32_t)(p + 1);
				continue;
			}
			/* Seen before in this row: look for a clash (rare). */
			for (size_t q = start[p]; q < j; q++) {
				const struct opinion_vote *w = &od->votes[order[q]];
				if (w->statement == v->statement &&
				    od->times[order[q]] == od->times[order[j]] && w->value != v->value) {
					*first = order[q];
					bad = order[j];
					break;
				}
			}
		}
	free(stamp);
	free(order);
	free(start);
	return bad;
}

/* The records of votes.csv after its header, columns at idx; line[] gets
 * each vote's line. 0, or -1 with the message in err. */
static int votes_body(struct opendata *od, struct csv *c, const int *idx, uint32_t **line,
		      char *err, size_t errlen)
{
	size_t cap_line = 0;
	int csvrc;
	*line = NULL;
	while ((csvrc = csv_next(c)) == 1) {
		int64_t tid, pid, t;
		int8_t v;
		uint32_t s;
		if (parse_int(&c->field[idx[0]], &tid) < 0)
			return od_fail(err, errlen, c->line, "comment-id is not a whole number");
		if ((s = idmap_get(od->statements, tid)) == IDMAP_NONE)
			return od_fail(err, errlen, c->line, "comment-id %lld is not in comments.csv",
				       (long long)tid);
		if (parse_int(&c->field[idx[1]], &pid) < 0)
			return od_fail(err, errlen, c->line, "voter-id is not a whole number");
		if (parse_vote(&c->field[idx[2]], &v) < 0)
			return od_fail(err, errlen, c->line, "vote must be -1, 0 or 1");
		if (parse_int(&c->field[idx[3]], &t) < 0)
			return od_fail(err, errlen, c->line, "timestamp is not a whole number");
		uint32_t p = idmap_get(od->participants, pid);
		if (p == IDMAP_NONE)
			p = add_participant(od, pid);
		if (od->n_votes == cap_line) {
			cap_line = cap_line ? cap_line * 2 : 4096;
			*line = mem_realloc(*line, cap_line * sizeof **line);
		}
		(*line)[od->n_votes] = (uint32_t)c->line;
		add_vote(od, p, s, v, &t);
	}
	return csvrc < 0 ? csv_fail_to(c, err, errlen) : 0;
}

static int votes_check(const struct opendata *od, const uint32_t *line, char *err, size_t errlen)
{
	size_t first, bad = find_conflict(od, &first);
	if (bad == SIZE_MAX)
		return 0;
	return od_fail(err, errlen, line[bad],
		       "a different vote by the same voter on the same comment at the same time as "
		       "line %lu",
		       (unsigned long)line[first]);
}

static const char *const vote_columns[] = { "comment-id", "voter-id", "vote", "timestamp" };

int opendata_votes(struct opendata *od, struct csv *c, char *err, size_t errlen)
{
	int idx[4];
	uint32_t *line = NULL;
	if (header(c, vote_columns, idx, 4, 0, err, errlen) < 0)
		return -1;
	int rc = votes_body(od, c, idx, &line, err, errlen);
	if (rc == 0)
		rc = votes_check(od, line, err, errlen);
	free(line);
	return rc;
}

/* The tail of a split votes.csv, parsed on a second thread. */
struct votes_tail {
	struct opendata od;
	struct csv *c;
	const int *idx;
	uint32_t *line;
	int rc;
	char err[256];
};

static void *votes_tail_run(void *arg)
{
	struct votes_tail *t = arg;
	t->rc = votes_body(&t->od, t->c, t->idx, &t->line, t->err, sizeof t->err);
	return NULL;
}

/* Rewrites "line N: what" as "line N+off: what". */
static void shift_line(char *err, size_t errlen, const char *msg, unsigned long off)
{
	unsigned long n;
	int used = 0;
	if (sscanf(msg, "line %lu: %n", &n, &used) == 1 && used > 0)
		snprintf(err, errlen, "line %lu: %s", n + off, msg + used);
	else
		snprintf(err, errlen, "%s", msg);
}

/* Drops every participant and vote (a failed split is read again). */
static void votes_forget(struct opendata *od)
{
	idmap_free(od->participants);
	od->participants = idmap_new();
	od->n_participants = 0;
	od->n_votes = 0;
}

int opendata_votes_split(struct opendata *od, struct csv *head, struct csv *tail, char *err,
			 size_t errlen)
{
	int idx[4];
	if (header(head, vote_columns, idx, 4, 0, err, errlen) < 0)
		return -1;
	struct votes_tail t = { .c = tail, .idx = idx };
	t.od.statements = od->statements; /* read only, shared */
	t.od.n_statements = od->n_statements;
	t.od.participants = idmap_new();
	pthread_t th;
	int threaded = pthread_create(&th, NULL, votes_tail_run, &t) == 0;
	uint32_t *line = NULL;
	int rc = votes_body(od, head, idx, &line, err, errlen);
	if (threaded)
		pthread_join(th, NULL);
	else
		votes_tail_run(&t);
	unsigned long off = csv_lines(head); /* lines before the tail */
	if (rc < 0 && csv_unterminated(head)) {
		/* The split fell inside a quoted field: read it whole instead. */
		votes_forget(od);
		rc = 1;
	} else if (rc == 0 && t.rc < 0) {
		shift_line(err, errlen, t.err, off);
		rc = -1;
	} else if (rc == 0 && t.od.n_votes > 0 && csv_width(tail) != csv_width(head)) {
		od_fail(err, errlen, off + 1, "%zu field%s, expected %zu", csv_width(tail),
			csv_width(tail) == 1 ? "" : "s", csv_width(head));
		rc = -1;
	}
	if (rc == 0) {
		/* Number the tail's participants after the head's, in order of
		 * appearance, and append its votes. */
		uint32_t *to = mem_alloc((t.od.n_participants ? t.od.n_participants : 1) * sizeof *to);
		for (uint32_t i = 0; i < t.od.n_participants; i++) {
			to[i] = idmap_get(od->participants, t.od.participant_id[i]);
			if (to[i] == IDMAP_NONE)
				to[i] = add_participant(od, t.od.participant_id[i]);
		}
		size_t n = od->n_votes + t.od.n_votes;
		od->votes = mem_realloc(od->votes, (n ? n : 1) * sizeof *od->votes);
		od->times = mem_realloc(od->times, (n ? n : 1) * sizeof *od->times);
		line = mem_realloc(line, (n ? n : 1) * sizeof *line);
		for (size_t i = 0; i < t.od.n_votes; i++) {
			struct opinion_vote v = t.od.votes[i];
			v.participant = to[v.participant];
			od->votes[od->n_votes + i] = v;
			line[od->n_votes + i] = t.line[i] + (uint32_t)off;
		}
		if (t.od.n_votes)
			memcpy(od->times + od->n_votes, t.od.times, t.od.n_votes * sizeof *od->times);
		od->n_votes = od->cap_votes = n;
		free(to);
		rc = votes_check(od, line, err, errlen);
	}
	free(line);
	free(t.line);
	t.od.statements = NULL;
	opendata_free(&t.od);
	return rc;
}

int opendata_participants(struct opendata *od, struct csv *c, int take_votes, char *err,
			  size_t errlen)
{
	static const char *const names[] = { "participant", "group-id", "n-disagree" };
	int idx[3], rc;
	if (header(c, names, idx, 3, 0, err, errlen) < 0)
		return -1;
	/* The comment columns follow n-disagree. */
	size_t first = (size_t)idx[2] + 1, ncol = c->nfield - first;
	uint32_t *col = mem_alloc((ncol ? ncol : 1) * sizeof *col);
	uint8_t *seen_col = mem_calloc(od->n_statements ? od->n_statements : 1, 1);
	for (size_t i = 0; i < ncol; i++) {
		int64_t tid;
		uint32_t s;
		if (parse_int(&c->field[first + i], &tid) < 0 ||
		    (s = idmap_get(od->statements, tid)) == IDMAP_NONE || seen_col[s]) {
			od_fail(err, errlen, c->line, "column %zu: '%.*s' is not a new comment-id of "
						      "comments.csv", first + i + 1,
				(int)c->field[first + i].len, c->field[first + i].s);
			free(col);
			free(seen_col);
			return -1;
		}
		seen_col[s] = 1;
		col[i] = s;
	}
	free(seen_col);
	if (od->polis_group == NULL) {
		od->polis_group = mem_alloc((od->cap_participants ? od->cap_participants : 1) *
					    sizeof *od->polis_group);
		for (uint32_t i = 0; i < od->n_participants; i++)
			od->polis_group[i] = -1;
	}
	size_t seen_cap = od->cap_participants ? od->cap_participants : 1;
	uint8_t *seen_row = mem_calloc(seen_cap, 1);
	int fail = 0;
	while (!fail && (rc = csv_next(c)) == 1) {
		int64_t pid, gid = -1;
		if (parse_int(&c->field[idx[0]], &pid) < 0) {
			fail = od_fail(err, errlen, c->line, "participant is not a whole number");
			break;
		}
		if (c->field[idx[1]].len && (parse_int(&c->field[idx[1]], &gid) < 0 || gid < 0 ||
					     gid > 100)) {
			fail = od_fail(err, errlen, c->line, "group-id must be empty or a group number");
			break;
		}
		uint32_t p = idmap_get(od->participants, pid);
		if (p == IDMAP_NONE)
			p = add_participant(od, pid);
		if (od->cap_participants > seen_cap) {
			seen_row = mem_realloc(seen_row, od->cap_participants);
			memset(seen_row + seen_cap, 0, od->cap_participants - seen_cap);
			seen_cap = od->cap_participants;
		}
		if (seen_row[p]) {
			fail = od_fail(err, errlen, c->line, "participant %lld appears twice",
				       (long long)pid);
			break;
		}
		seen_row[p] = 1;
		od->polis_group[p] = (int32_t)gid;
		if (!take_votes)
			continue;
		for (size_t i = 0; i < ncol; i++) {
			const struct csv_field *f = &c->field[first + i];
			int8_t v;
			if (f->len == 0)
				continue;
			if (parse_vote(f, &v) < 0) {
				fail = od_fail(err, errlen, c->line,
					       "column %zu: a vote must be empty, -1, 0 or 1", first + i + 1);
				break;
			}
			add_vote(od, p, col[i], v, NULL);
		}
	}
	free(seen_row);
	free(col);
	if (fail)
		return -1;
	return rc < 0 ? csv_fail_to(c, err, errlen) : 0;
}

void opendata_order(struct opendata *od)
{
	uint32_t np = od->n_participants;
	if (od->times == NULL || np == 0)
		return;
	int64_t *first = mem_alloc(np * sizeof *first);
	for (uint32_t p = 0; p < np; p++)
		first[p] = INT64_MAX;
	for (size_t i = 0; i < od->n_votes; i++)
		if (od->times[i] < first[od->votes[i].participant])
			first[od->votes[i].participant] = od->times[i];
	/* Stable merge sort of participant indices by first vote time. */
	uint32_t *ord = mem_alloc(np * sizeof *ord), *tmp = mem_alloc(np * sizeof *tmp);
	for (uint32_t p = 0; p < np; p++)
		ord[p] = p;
	for (uint32_t w = 1; w < np; w *= 2) {
		for (uint32_t lo = 0; lo < np; lo += 2 * w) {
			uint32_t mid = lo + w < np ? lo + w : np, hi = lo + 2 * w < np ? lo + 2 * w : np;
			uint32_t a = lo, b = mid, o = lo;
			while (a < mid && b < hi)
				tmp[o++] = first[ord[b]] < first[ord[a]] ? ord[b++] : ord[a++];
			while (a < mid)
				tmp[o++] = ord[a++];
			while (b < hi)
				tmp[o++] = ord[b++];
		}
		uint32_t *t = ord;
		ord = tmp;
		tmp = t;
	}
	/* ord[new] = old; renumber everything. */
	uint32_t *inv = tmp;
	for (uint32_t i = 0; i < np; i++)
		inv[ord[i]] = i;
	for (size_t i = 0; i < od->n_votes; i++)
		od->votes[i].participant = inv[od->votes[i].participant];
	int64_t *ids = mem_alloc(np * sizeof *ids);
	for (uint32_t i = 0; i < np; i++)
		ids[i] = od->participant_id[ord[i]];
	memcpy(od->participant_id, ids, np * sizeof *ids);
	if (od->polis_group) {
		int32_t *g = mem_alloc(np * sizeof *g);
		for (uint32_t i = 0; i < np; i++)
			g[i] = od->polis_group[ord[i]];
		memcpy(od->polis_group, g, np * sizeof *g);
		free(g);
	}
	for (uint32_t i = 0; i < np; i++)
		idmap_put(od->participants, od->participant_id[i], i);
	free(ids);
	free(ord);
	free(tmp);
	free(first);
}

void opendata_input(const struct opendata *od, struct opinion_input *in)
{
	in->n_participants = od->n_participants;
	in->n_statements = od->n_statements;
	in->votes = od->votes;
	in->n_votes = od->n_votes;
	in->times = od->times;
	in->flags = od->flags;
}
