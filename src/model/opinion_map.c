/*
 * opinion_map.c: computing and keeping opinion maps, and reading a
 * stored one back, checked, into struct opinion_map (see opinion_map.h):
 * the one place that reads a stored map's JSON.
 */
#include "model/opinion_map.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/idmap.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/monotime.h"
#include "core/realtext.h"
#include "core/pair.h"
#include "model/dialogue.h"

static struct store_sql get_sql =
	STORE_SQL("SELECT computed_at, map, version FROM opinion_map WHERE arena_id = ?");
static struct store_sql head_sql = STORE_SQL(
	"SELECT a.id, a.title, a.updated_at, COALESCE(m.version, 0) FROM arena a LEFT JOIN opinion_map m "
	"ON m.arena_id = a.id WHERE a.id = ?");
static struct store_sql touch_sql = STORE_SQL(
	"UPDATE opinion_map SET version = version + 1 WHERE arena_id = (SELECT arena_id FROM statement "
	"WHERE id = ?)");
static struct store_sql store_sql_ = STORE_SQL(
	"INSERT INTO opinion_map (arena_id, computed_at, last_vote_at, votes, map, priorities, version) "
	"VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (arena_id) DO UPDATE SET computed_at = "
	"excluded.computed_at, last_vote_at = excluded.last_vote_at, votes = excluded.votes, map = "
	"excluded.map, priorities = excluded.priorities, version = opinion_map.version + 1");
static struct store_sql priorities_sql =
	STORE_SQL("SELECT priorities FROM opinion_map WHERE arena_id = ?");
static struct store_sql stale_sql = STORE_SQL(
	"SELECT d.arena_id FROM dialogue_activity d LEFT JOIN opinion_map m ON m.arena_id = d.arena_id "
	"WHERE m.arena_id IS NULL OR (d.last_vote_at > m.last_vote_at AND m.computed_at * 1000 <= ?) "
	"ORDER BY d.arena_id");

/* A real as jansson writes it (JSON_REAL_PRECISION(precision)): "%.*g",
 * ".0" when that has neither a point nor an exponent, the exponent
 * without '+' and leading zeros; null when not finite. */
static void put_real(struct buf *b, double v, int precision)
{
	if (!isfinite(v)) {
		buf_put(b, "null", 4);
		return;
	}
	char t[REALTEXT_MAX + 2];
	int n = realtext_g(t, v, precision);
	if (n < 0 || n >= REALTEXT_MAX) {
		buf_put(b, "null", 4);
		return;
	}
	char *e = memchr(t, 'e', (size_t)n);
	if (e == NULL && memchr(t, '.', (size_t)n) == NULL) {
		t[n++] = '.';
		t[n++] = '0';
	} else if (e) {
		char *from = e + 1, *to = e + 1;
		if (*from == '-')
			to = ++from;
		else if (*from == '+')
			from++;
		while (*from == '0' && from[1] != '\0')
			from++;
		size_t tail = (size_t)(t + n - from);
		memmove(to, from, tail);
		n = (int)(to - t + (ptrdiff_t)tail);
	}
	buf_put(b, t, (size_t)n);
}

/* "key": (keys here are fixed ASCII words: nothing to escape) */
static void put_key(struct buf *b, const char *key)
{
	buf_putc(b, '"');
	buf_puts(b, key);
	buf_put(b, "\":", 2);
}

static void put_tally(struct buf *b, const struct opinion_tally *t)
{
	buf_put(b, "{\"A\":", 5);
	buf_put_int(b, t->agree);
	buf_put(b, ",\"D\":", 5);
	buf_put_int(b, t->disagree);
	buf_put(b, ",\"S\":", 5);
	buf_put_int(b, t->seen);
	buf_putc(b, '}');
}

/* Participants [from, to) as array elements. */
struct map_part {
	const struct opinion_result *res;
	const int64_t *pids;
	uint32_t from, to;
	int precision;
	struct buf b;
};

static void *put_participants(void *arg)
{
	struct map_part *mp = arg;
	const struct opinion_result *res = mp->res;
	for (uint32_t p = mp->from; p < mp->to; p++) {
		buf_put(&mp->b, p ? ",{\"id\":" : "{\"id\":", p ? 7 : 6);
		buf_put_int(&mp->b, mp->pids[p]);
		buf_put(&mp->b, ",\"group\":", 9);
		if (res->group[p] >= 0)
			buf_put_int(&mp->b, res->group[p]);
		else
			buf_put(&mp->b, "null", 4);
		buf_put(&mp->b, ",\"x\":", 5);
		put_real(&mp->b, res->x[p], mp->precision);
		buf_put(&mp->b, ",\"y\":", 5);
		put_real(&mp->b, res->y[p], mp->precision);
		buf_putc(&mp->b, '}');
	}
	return NULL;
}

/* The participants are written on two threads from this many on (two
 * reals each cost most of the text's time). */
#define MAP_THREADED_FROM 20000

int opinion_map_write(struct buf *b, const struct opinion_result *res, const int64_t *pids,
		      const int64_t *sids, int precision, int tallies)
{
	buf_put(b, "{\"status\":", 10);
	buf_puts(b, res->status == OPINION_READY ? "\"ready\"" : "\"not-enough\"");
	buf_put(b, ",\"k\":", 5);
	buf_put_int(b, res->k);
	buf_put(b, ",\"participants\":[", 17);
	uint32_t np = res->n_participants, mid = np >= MAP_THREADED_FROM ? np / 2 : np;
	struct map_part part[2] = { { res, pids, 0, mid, precision, BUF_INIT(b->max) },
				    { res, pids, mid, np, precision, BUF_INIT(b->max) } };
	pair_run(put_participants, &part[0], put_participants, &part[1], mid < np);
	for (int i = 0; i < 2; i++) {
		if (part[i].b.overflow)
			b->overflow = 1;
		buf_put(b, part[i].b.data, part[i].b.len);
		buf_free(&part[i].b);
	}

	buf_put(b, "],\"consensus\":{", 15);
	for (int side = 0; side < 2; side++) {
		const struct opinion_consensus *list = side == 0 ? res->agree : res->disagree;
		int n = side == 0 ? res->n_agree : res->n_disagree;
		put_key(b, side == 0 ? "agree" : "disagree");
		buf_putc(b, '[');
		for (int i = 0; i < n; i++) {
			buf_puts(b, i ? ",{\"statement\":" : "{\"statement\":");
			buf_put_int(b, sids[list[i].statement]);
			buf_put(b, ",\"nSuccess\":", 12);
			buf_put_int(b, list[i].n_success);
			buf_put(b, ",\"nTrials\":", 11);
			buf_put_int(b, list[i].n_trials);
			buf_put(b, ",\"pSuccess\":", 12);
			put_real(b, list[i].p_success, precision);
			buf_put(b, ",\"pTest\":", 9);
			put_real(b, list[i].p_test, precision);
			buf_putc(b, '}');
		}
		buf_puts(b, side == 0 ? "]," : "]");
	}
	buf_put(b, "},\"repness\":[", 13);
	for (int g = 0; g < res->k; g++) {
		buf_puts(b, g ? ",[" : "[");
		for (size_t i = res->rep_start[g]; i < res->rep_start[g + 1]; i++) {
			const struct opinion_rep *r = &res->rep[i];
			buf_puts(b, i > res->rep_start[g] ? ",{\"statement\":" : "{\"statement\":");
			buf_put_int(b, sids[r->statement]);
			buf_puts(b, r->agree ? ",\"repfulFor\":\"agree\"" : ",\"repfulFor\":\"disagree\"");
			buf_put(b, ",\"nSuccess\":", 12);
			buf_put_int(b, r->n_success);
			buf_put(b, ",\"nTrials\":", 11);
			buf_put_int(b, r->n_trials);
			buf_put(b, ",\"pSuccess\":", 12);
			put_real(b, r->p_success, precision);
			buf_put(b, ",\"pTest\":", 9);
			put_real(b, r->p_test, precision);
			buf_put(b, ",\"repness\":", 11);
			put_real(b, r->repness, precision);
			buf_put(b, ",\"repnessTest\":", 15);
			put_real(b, r->repness_test, precision);
			if (r->best_agree)
				buf_puts(b, ",\"bestAgree\":true");
			buf_putc(b, '}');
		}
		buf_putc(b, ']');
	}
	buf_put(b, "],\"groupInformedConsensus\":{", 28);
	int first = 1;
	for (uint32_t s = 0; s < res->n_statements; s++) {
		if (!isfinite(res->consensus_gac[s]))
			continue;
		buf_puts(b, first ? "\"" : ",\"");
		first = 0;
		buf_put_int(b, sids[s]);
		buf_put(b, "\":", 2);
		put_real(b, res->consensus_gac[s], precision);
	}
	buf_putc(b, '}');
	if (tallies) {
		buf_put(b, ",\"votes\":{", 10);
		for (uint32_t s = 0; s < res->n_statements; s++) {
			buf_puts(b, s ? ",\"" : "\"");
			buf_put_int(b, sids[s]);
			buf_put(b, "\":", 2);
			put_tally(b, &res->tally[s]);
		}
		buf_put(b, "},\"groupVotes\":{", 16);
		for (uint32_t s = 0; s < res->n_statements; s++) {
			buf_puts(b, s ? ",\"" : "\"");
			buf_put_int(b, sids[s]);
			buf_put(b, "\":[", 3);
			for (int g = 0; g < res->k; g++) {
				if (g)
					buf_putc(b, ',');
				put_tally(b, &res->group_tally[(size_t)g * res->n_statements + s]);
			}
			buf_putc(b, ']');
		}
		buf_putc(b, '}');
	}
	buf_putc(b, '}');
	return b->overflow ? -1 : 0;
}

/* Ids numbered densely in order of first sight, as the math wants. */
struct id_order {
	int64_t *ids; /* index -> id */
	size_t n, cap;
	struct idmap *index; /* id -> index */
};

struct opinion_tracker {
	int64_t arena_id;
	struct opinion_state *state;
	struct id_order participants, statements;
	/* The arena's vote history read so far, in the order it was written:
	 * the votes as the math takes them, with their times, and the id up
	 * to which every row has been read. Rows are never deleted while the
	 * arena exists (participants are detached, statements kept), so a
	 * refresh reads only the rows after read_to. */
	struct opinion_vote *votes;
	int64_t *times;
	size_t n_votes, cap_votes;
	int64_t read_to;
	struct opinion_refresh_stats stats;
};

struct opinion_tracker *opinion_tracker_new(int64_t arena_id)
{
	struct opinion_tracker *t = mem_calloc(1, sizeof *t);
	t->arena_id = arena_id;
	t->state = opinion_state_new();
	t->participants.index = idmap_new();
	t->statements.index = idmap_new();
	return t;
}

void opinion_tracker_free(struct opinion_tracker *t)
{
	if (t == NULL)
		return;
	opinion_state_free(t->state);
	free(t->participants.ids);
	free(t->statements.ids);
	idmap_free(t->participants.index);
	idmap_free(t->statements.index);
	free(t->votes);
	free(t->times);
	free(t);
}

int64_t opinion_tracker_arena(const struct opinion_tracker *t)
{
	return t->arena_id;
}

const struct opinion_refresh_stats *opinion_tracker_stats(const struct opinion_tracker *t)
{
	return &t->stats;
}

/* The index of id, numbered in order of first sight: new ids are added
 * at the end. */
static uint32_t index_of(struct id_order *o, int64_t id)
{
	uint32_t i = idmap_get(o->index, id);
	if (i != IDMAP_NONE)
		return i;
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 256;
		o->ids = mem_realloc(o->ids, o->cap * sizeof *o->ids);
	}
	o->ids[o->n] = id;
	idmap_put(o->index, id, (uint32_t)o->n);
	return (uint32_t)o->n++;
}

/* A voter seen for the first time, and their first vote's time. */
struct newcomer {
	int64_t id, first;
};

static int newcomer_cmp(const void *x, const void *y)
{
	const struct newcomer *a = x, *b = y;
	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

/* Adds history rows (in id order) to the tracker. Participants are
 * numbered in the order of their first vote ever, ties by id, as Pol.is
 * numbers them: those in rows read before keep their numbers, those new
 * here (all of whose votes are here) come after, in that order. So a
 * tracker that read the history in parts numbers everyone as one that
 * read it whole, and an imported conversation gets the map its files
 * give. */
static void tracker_add(struct opinion_tracker *t, struct region *a, const struct history_vote *rows,
			size_t n)
{
	struct newcomer *fresh = region_calloc(a, n + 1, sizeof *fresh);
	struct idmap *slot = idmap_new();
	size_t nfresh = 0;
	for (size_t i = 0; i < n; i++) {
		const struct dialogue_vote *v = &rows[i].vote;
		if (idmap_get(t->participants.index, v->participant_id) != IDMAP_NONE)
			continue;
		uint32_t k = idmap_get(slot, v->participant_id);
		if (k == IDMAP_NONE) {
			idmap_put(slot, v->participant_id, (uint32_t)nfresh);
			fresh[nfresh++] = (struct newcomer){ v->participant_id, v->voted_at };
		} else if (v->voted_at < fresh[k].first) {
			fresh[k].first = v->voted_at;
		}
	}
	idmap_free(slot);
	qsort(fresh, nfresh, sizeof *fresh, newcomer_cmp);
	for (size_t i = 0; i < nfresh; i++)
		index_of(&t->participants, fresh[i].id);
	if (t->n_votes + n > t->cap_votes) {
		t->cap_votes = t->n_votes + n > 2 * t->cap_votes ? t->n_votes + n : 2 * t->cap_votes;
		t->votes = mem_realloc(t->votes, t->cap_votes * sizeof *t->votes);
		t->times = mem_realloc(t->times, t->cap_votes * sizeof *t->times);
	}
	for (size_t i = 0; i < n; i++) {
		const struct dialogue_vote *v = &rows[i].vote;
		t->votes[t->n_votes] = (struct opinion_vote){ index_of(&t->participants, v->participant_id),
							      index_of(&t->statements, v->statement_id),
							      (int8_t)v->value };
		t->times[t->n_votes++] = v->voted_at;
	}
}

/*
 * Writes the map with its statements' comment priorities, one row. The
 * priorities are text, "id priority" pairs by statement id, each
 * priority to 17 digits (exact), 1 for one that is not a number: one
 * value for the whole arena instead of an update per statement, which
 * on PostgreSQL took 15 to 30 ms for 900 statements.
 */
static enum model_rc map_store(struct store *db, struct opinion_tracker *t, const struct opinion_result *res,
			       const struct statement_state *stmts, size_t ns, int64_t last_vote, const char *text)
{
	struct buf pri = BUF_INIT(OPINION_MAP_MAX);
	for (size_t i = 0; i < ns; i++) {
		double p = res->priority[index_of(&t->statements, stmts[i].id)];
		buf_printf(&pri, "%s%lld %.17g", i ? " " : "", (long long)stmts[i].id, isfinite(p) ? p : 1.0);
	}
	/* The current votes it saw: the latest of each participant on each
	 * statement. */
	int64_t current = 0;
	for (uint32_t p = 0; p < res->n_participants; p++)
		current += res->votes[p];
	struct store_stmt *st = pri.overflow ? NULL : store_prepare(db, &store_sql_);
	enum model_rc rc = st ? MODEL_OK : MODEL_ERROR;
	if (rc == MODEL_OK) {
		store_bind_int(st, 1, t->arena_id);
		store_bind_int(st, 2, model_now());
		store_bind_int(st, 3, last_vote);
		store_bind_int(st, 4, current);
		store_bind_text(st, 5, text);
		store_bind_text(st, 6, buf_str(&pri));
		/* A first version from the clock (microseconds), not 1: a node
		 * that keeps maps by arena and version then never takes one
		 * database's map for another's (tests run both engines in one
		 * process). Later versions count on from it. */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		store_bind_int(st, 7, (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000);
		rc = model_exec(db, st, NULL, "opinion_map_store");
	}
	buf_free(&pri);
	return rc;
}

enum model_rc opinion_map_priorities(struct store *db, struct region *a, int64_t arena_id, int64_t **ids,
				     double **priority, size_t *n)
{
	*n = 0;
	*ids = NULL;
	*priority = NULL;
	struct store_stmt *st = store_prepare(db, &priorities_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, arena_id);
	int src = store_step(st);
	if (src != STORE_ROW) {
		store_reset(st);
		return src == STORE_DONE ? MODEL_OK : model_from_store(db, src, "opinion_map_priorities");
	}
	const char *text = model_text(st, a, 0);
	store_reset(st);
	size_t cap = 1;
	for (const char *p = text; *p; p++)
		cap += *p == ' ';
	*ids = region_calloc(a, cap / 2 + 1, sizeof **ids);
	*priority = region_calloc(a, cap / 2 + 1, sizeof **priority);
	for (const char *p = text; *p && *n < cap / 2 + 1;) {
		char *end;
		long long id = strtoll(p, &end, 10);
		if (end == p || *end != ' ')
			break; /* not a list this samskab wrote: what was read stands */
		double v = strtod(end + 1, &end);
		(*ids)[*n] = id;
		(*priority)[(*n)++] = v;
		p = *end == ' ' ? end + 1 : end;
	}
	return MODEL_OK;
}

enum model_rc opinion_map_refresh(struct store *db, struct opinion_tracker *t)
{
	struct region *a = region_new();
	struct statement_state *stmts;
	struct history_vote *rows = NULL;
	size_t ns = 0, nrows = 0;
	int64_t upto = 0, last_vote = 0, t0 = monotime_us();
	/* Only the history written since the last refresh is read, up to a
	 * fence past which no earlier row can still appear. */
	enum model_rc rc = dialogue_fence(db, t->arena_id, &upto, &last_vote);
	if (rc == MODEL_OK)
		rc = statement_states(db, a, t->arena_id, &stmts, &ns);
	int64_t *ids = NULL;
	if (rc == MODEL_OK) {
		ids = region_calloc(a, ns + 1, sizeof *ids);
		for (size_t i = 0; i < ns; i++)
			ids[i] = stmts[i].id; /* by id, as read */
	}
	if (rc == MODEL_OK && upto > t->read_to)
		rc = vote_history_range(db, a, t->arena_id, ids, ns, t->read_to, upto, &rows, &nrows);
	if (rc != MODEL_OK) {
		region_free(a);
		return rc;
	}
	/* Statements numbered by id first (every statement of the arena, so
	 * a statement without votes yet keeps its place), then the votes. */
	for (size_t i = 0; i < ns; i++)
		index_of(&t->statements, stmts[i].id);
	tracker_add(t, a, rows, nrows);
	if (upto > t->read_to)
		t->read_to = upto;
	/* Rejected and not yet accepted statements leave the math; meta ones
	 * are not opinions. Statements deleted since are out too. */
	uint8_t *flags = region_calloc(a, t->statements.n + 1, 1);
	for (size_t s = 0; s < t->statements.n; s++)
		flags[s] = OPINION_MODERATED_OUT;
	for (size_t i = 0; i < ns; i++) {
		uint32_t s = index_of(&t->statements, stmts[i].id);
		flags[s] = stmts[i].status != STATEMENT_ACCEPTED ? OPINION_MODERATED_OUT
							       : stmts[i].meta ? OPINION_META : 0;
	}
	struct opinion_input input = { .n_participants = (uint32_t)t->participants.n,
				       .n_statements = (uint32_t)t->statements.n,
				       .votes = t->votes,
				       .n_votes = t->n_votes,
				       .times = t->times,
				       .flags = flags };
	struct opinion_result res;
	char err[256];
	int64_t t1 = monotime_us();
	if (opinion_update(t->state, &input, &res, err, sizeof err) != OPINION_OK) {
		log_error("opinion map failed", err);
		region_free(a);
		return MODEL_ERROR;
	}
	struct buf text = BUF_INIT(OPINION_MAP_MAX);
	int written = opinion_map_write(&text, &res, t->participants.ids, t->statements.ids, 10, 1);
	int64_t t2 = monotime_us();
	rc = written == 0 ? map_store(db, t, &res, stmts, ns, last_vote, buf_str(&text)) : MODEL_ERROR;
	t->stats = (struct opinion_refresh_stats){ nrows, t1 - t0, t2 - t1, monotime_us() - t2 };
	buf_free(&text);
	opinion_result_free(&res);
	region_free(a);
	return rc;
}

/* Parsing a stored map: each check names what it found wrong. */
struct parse {
	struct region *a;
	struct opinion_map *m;
	char *err;
	size_t errlen;
};

static int bad(struct parse *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int bad(struct parse *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->err, p->errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* An integer member of o (where[i], or the map itself when where is
 * NULL) within [lo, hi] into *out; -1 (err set) if absent, of another
 * type or out of bounds. */
static int int_in(struct parse *p, json_t *o, const char *key, int64_t lo, int64_t hi, int64_t *out,
		  const char *where, size_t i)
{
	char at[64] = "";
	if (where)
		snprintf(at, sizeof at, "%s[%zu].", where, i);
	json_t *v = json_object_get(o, key);
	if (!json_is_integer(v))
		return bad(p, "%s%s is not a whole number", at, key);
	json_int_t x = json_integer_value(v);
	if (x < lo || x > hi)
		return bad(p, "%s%s %lld is outside %lld..%lld", at, key, (long long)x, (long long)lo, (long long)hi);
	*out = x;
	return 0;
}

static int tally_of(struct parse *p, json_t *t, struct opinion_map_tally *out, const char *where, size_t i)
{
	if (!json_is_object(t))
		return bad(p, "%s[%zu] is not a tally", where, i);
	if (int_in(p, t, "S", 0, INT32_MAX, &out->seen, where, i) != 0 ||
	    int_in(p, t, "A", 0, out->seen, &out->agree, where, i) != 0 ||
	    int_in(p, t, "D", 0, out->seen - out->agree, &out->disagree, where, i) != 0)
		return -1;
	return 0;
}

static int parse_parts(struct parse *p, json_t *parts)
{
	struct opinion_map *m = p->m;
	if (!json_is_array(parts))
		return bad(p, "participants is not a list");
	m->nparts = json_array_size(parts);
	m->parts = region_calloc(p->a, m->nparts + 1, sizeof *m->parts);
	size_t i;
	json_t *o;
	json_array_foreach(parts, i, o)
	{
		struct opinion_map_part *d = &m->parts[i];
		json_t *g = json_object_get(o, "group"), *x = json_object_get(o, "x"), *y = json_object_get(o, "y");
		int64_t group = -1;
		if (!json_is_object(o))
			return bad(p, "participants[%zu] is not an object", i);
		if (int_in(p, o, "id", 0, INT64_MAX, &d->id, "participants", i) != 0 ||
		    (g && !json_is_null(g) && int_in(p, o, "group", 0, m->k - 1, &group, "participants", i) != 0))
			return -1;
		if (json_is_number(x) != json_is_number(y) || (!json_is_number(x) && !json_is_null(x)) ||
		    (!json_is_number(y) && !json_is_null(y)))
			return bad(p, "participants[%zu] has no place (x, y) or half of one", i);
		d->group = (int)group;
		d->placed = json_is_number(x);
		d->x = json_number_value(x);
		d->y = json_number_value(y);
		if (d->group >= 0)
			m->size[d->group]++;
		else if (d->placed)
			m->loose++;
	}
	return 0;
}

/* A list of picked statements (a group's representatives, a consensus
 * side); side: the consensus side, or -1 to read repfulFor. */
static int parse_picks(struct parse *p, json_t *list, int side, struct opinion_map_pick **out, size_t *n,
		       const char *where)
{
	if (!json_is_array(list))
		return bad(p, "%s is not a list", where);
	*n = json_array_size(list);
	*out = region_calloc(p->a, *n + 1, sizeof **out);
	size_t i;
	json_t *o;
	json_array_foreach(list, i, o)
	{
		struct opinion_map_pick *k = &(*out)[i];
		if (!json_is_object(o))
			return bad(p, "%s[%zu] is not an object", where, i);
		if (int_in(p, o, "statement", 1, INT64_MAX, &k->statement, where, i) != 0 ||
		    int_in(p, o, "nTrials", 0, INT32_MAX, &k->n_trials, where, i) != 0 ||
		    int_in(p, o, "nSuccess", 0, k->n_trials, &k->n_success, where, i) != 0)
			return -1;
		if (side >= 0) {
			k->agree = side;
			continue;
		}
		const char *f = json_string_value(json_object_get(o, "repfulFor"));
		if (f == NULL || (strcmp(f, "agree") != 0 && strcmp(f, "disagree") != 0))
			return bad(p, "%s[%zu].repfulFor is neither agree nor disagree", where, i);
		k->agree = strcmp(f, "agree") == 0;
	}
	return 0;
}

static int votes_cmp(const void *x, const void *y)
{
	const struct opinion_map_votes *a = x, *b = y;
	return (a->statement > b->statement) - (a->statement < b->statement);
}

/* "votes" {id: tally} and "groupVotes" {id: [tally per group]}; either
 * may be absent (no tallies), a statement in groupVotes must be in votes. */
static int parse_votes(struct parse *p, json_t *votes, json_t *groups)
{
	struct opinion_map *m = p->m;
	if ((votes && !json_is_object(votes)) || (groups && !json_is_object(groups)))
		return bad(p, "votes or groupVotes is not an object");
	m->nvotes = json_object_size(votes);
	m->votes = region_calloc(p->a, m->nvotes + 1, sizeof *m->votes);
	size_t i = 0;
	const char *key;
	json_t *t;
	json_object_foreach(votes, key, t)
	{
		struct opinion_map_votes *v = &m->votes[i];
		char *end;
		errno = 0;
		long long id = strtoll(key, &end, 10);
		if (errno || *end || end == key || id < 1)
			return bad(p, "votes has a key \"%.40s\" that is not a statement id", key);
		v->statement = id;
		if (tally_of(p, t, &v->all, "votes", i) != 0)
			return -1;
		json_t *per = json_object_get(groups, key);
		if (groups && json_array_size(per) != (size_t)m->k)
			return bad(p, "groupVotes[\"%s\"] has %zu tallies for %d groups", key, json_array_size(per),
				   m->k);
		for (int g = 0; g < m->k; g++)
			if (tally_of(p, json_array_get(per, (size_t)g), &v->group[g], "groupVotes", i) != 0)
				return -1;
		i++;
	}
	if (json_object_size(groups) > m->nvotes)
		return bad(p, "groupVotes has statements that votes has not");
	qsort(m->votes, m->nvotes, sizeof *m->votes, votes_cmp);
	for (size_t k = 1; k < m->nvotes; k++)
		if (m->votes[k].statement == m->votes[k - 1].statement)
			return bad(p, "votes has statement %lld twice", (long long)m->votes[k].statement);
	return 0;
}

static int parse_map(struct parse *p, json_t *j)
{
	struct opinion_map *m = p->m;
	if (!json_is_object(j))
		return bad(p, "the map is not an object");
	const char *status = json_string_value(json_object_get(j, "status"));
	if (status == NULL || (strcmp(status, "ready") != 0 && strcmp(status, "not-enough") != 0))
		return bad(p, "status is neither ready nor not-enough");
	int64_t k;
	if (int_in(p, j, "k", 0, OPINION_MAX_K, &k, NULL, 0) != 0)
		return -1;
	m->k = (int)k;
	m->ready = strcmp(status, "ready") == 0 && k > 0;
	json_t *rep = json_object_get(j, "repness"), *cons = json_object_get(j, "consensus");
	if (parse_parts(p, json_object_get(j, "participants")) != 0)
		return -1;
	if (!json_is_array(rep) || json_array_size(rep) != (size_t)m->k)
		return bad(p, "repness has %zu lists for %d groups", json_array_size(rep), m->k);
	for (int g = 0; g < m->k; g++)
		if (parse_picks(p, json_array_get(rep, (size_t)g), -1, &m->rep[g], &m->nrep[g], "repness") != 0)
			return -1;
	if (!json_is_object(cons))
		return bad(p, "consensus is not an object");
	for (int side = 0; side < 2; side++)
		if (parse_picks(p, json_object_get(cons, side ? "agree" : "disagree"), side, &m->consensus[side],
				&m->nconsensus[side], side ? "consensus.agree" : "consensus.disagree") != 0)
			return -1;
	return parse_votes(p, json_object_get(j, "votes"), json_object_get(j, "groupVotes"));
}

enum model_rc opinion_map_parse(const char *text, struct region *a, struct opinion_map *m, char *err,
				size_t errlen)
{
	memset(m, 0, sizeof *m);
	json_error_t jerr;
	json_t *j = json_loads(text ? text : "", JSON_REJECT_DUPLICATES, &jerr);
	if (j == NULL) {
		snprintf(err, errlen, "not JSON: %s (line %d)", jerr.text, jerr.line);
		return MODEL_INVALID;
	}
	struct parse p = { a, m, err, errlen };
	if (parse_map(&p, j) != 0) {
		json_decref(j);
		memset(m, 0, sizeof *m);
		return MODEL_INVALID;
	}
	m->json = j;
	return MODEL_OK;
}

void opinion_map_free(struct opinion_map *m)
{
	json_decref(m->json);
	m->json = NULL;
}

const struct opinion_map_votes *opinion_map_votes_of(const struct opinion_map *m, int64_t statement)
{
	struct opinion_map_votes key = { .statement = statement };
	return m->nvotes ? bsearch(&key, m->votes, m->nvotes, sizeof *m->votes, votes_cmp) : NULL;
}

/* A row of opinion_map. */
struct row {
	int64_t computed_at, version;
	const char *map; /* JSON text */
};

static void row_read(struct store_stmt *st, struct region *a, void *item)
{
	struct row *m = item;
	m->computed_at = store_col_int(st, 0);
	m->map = model_text(st, a, 1);
	m->version = store_col_int(st, 2);
}

enum model_rc opinion_map_load(struct store *db, struct region *a, int64_t arena_id, struct opinion_map *out)
{
	memset(out, 0, sizeof *out);
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, arena_id);
	struct row row;
	enum model_rc rc = model_one(db, st, a, &row, row_read, "opinion_map_get");
	if (rc != MODEL_OK)
		return rc;
	char err[256];
	if (opinion_map_parse(row.map, a, out, err, sizeof err) != MODEL_OK) {
		struct logline l;
		log_begin(&l, LOG_ERROR, "stored opinion map is broken");
		log_int(&l, "arena", arena_id);
		log_str(&l, "error", err);
		log_end(&l);
		return MODEL_ERROR;
	}
	out->arena_id = arena_id;
	out->computed_at = row.computed_at;
	out->version = row.version;
	return MODEL_OK;
}

/*
 * The maps this node parsed, one per arena at most MAP_KEPT arenas, each
 * with the region its arrays live in; a map stays while a reader holds
 * it, even once a newer version took its place. One mutex guards the
 * table and the counts of readers.
 */
#define MAP_KEPT 64

struct kept_map {
	struct opinion_map map; /* first: a reader's pointer is the entry's */
	struct region *region;
	int readers;
	int current; /* still in the table */
	int64_t used; /* when last handed out, for choosing what to drop */
};

static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;
static struct kept_map *kept[MAP_KEPT];
static int64_t kept_clock;

static void kept_free(struct kept_map *k)
{
	opinion_map_free(&k->map);
	region_free(k->region);
	free(k);
}

/* Takes k out of the table (the lock held); freed now or by its last
 * reader. */
static void kept_retire(int i)
{
	struct kept_map *k = kept[i];
	kept[i] = NULL;
	k->current = 0;
	if (k->readers == 0)
		kept_free(k);
}

enum model_rc opinion_map_current(struct store *db, int64_t arena_id, int64_t version,
				  const struct opinion_map **out)
{
	*out = NULL;
	pthread_mutex_lock(&kept_lock);
	for (int i = 0; i < MAP_KEPT; i++)
		if (kept[i] && kept[i]->map.arena_id == arena_id && kept[i]->map.version == version) {
			kept[i]->readers++;
			kept[i]->used = ++kept_clock;
			*out = &kept[i]->map;
			pthread_mutex_unlock(&kept_lock);
			return MODEL_OK;
		}
	pthread_mutex_unlock(&kept_lock);
	/* Parsed outside the lock: two readers may both parse a new version;
	 * the later one's is kept. */
	struct kept_map *k = mem_calloc(1, sizeof *k);
	k->region = region_new();
	enum model_rc rc = opinion_map_load(db, k->region, arena_id, &k->map);
	if (rc != MODEL_OK) {
		kept_free(k);
		return rc;
	}
	/* The arrays are all pages draw from; the JSON tree (several times
	 * the text's size) is not kept. */
	opinion_map_free(&k->map);
	k->readers = 1;
	k->current = 1;
	pthread_mutex_lock(&kept_lock);
	int slot = -1;
	for (int i = 0; i < MAP_KEPT; i++)
		if (kept[i] && kept[i]->map.arena_id == arena_id) {
			if (kept[i]->map.version > k->map.version) {
				k->current = 0; /* an older one than is kept: not kept */
				break;
			}
			kept_retire(i);
			slot = i;
		}
	for (int i = 0; k->current && slot < 0 && i < MAP_KEPT; i++)
		if (kept[i] == NULL)
			slot = i;
	if (k->current && slot < 0) {
		/* The table is full: the least recently used goes. */
		slot = 0;
		for (int i = 1; i < MAP_KEPT; i++)
			if (kept[i]->used < kept[slot]->used)
				slot = i;
		kept_retire(slot);
	}
	if (k->current) {
		k->used = ++kept_clock;
		kept[slot] = k;
	}
	pthread_mutex_unlock(&kept_lock);
	*out = &k->map;
	return MODEL_OK;
}

void opinion_map_release(const struct opinion_map *m)
{
	if (m == NULL)
		return;
	struct kept_map *k = (struct kept_map *)(void *)m; /* the map is the entry's first member */
	pthread_mutex_lock(&kept_lock);
	int last = --k->readers == 0 && !k->current;
	pthread_mutex_unlock(&kept_lock);
	if (last)
		kept_free(k);
}

static void head_read(struct store_stmt *st, struct region *a, void *item)
{
	struct opinion_map_head *h = item;
	h->arena_id = store_col_int(st, 0);
	h->title = model_text(st, a, 1);
	h->updated_at = store_col_int(st, 2);
	h->version = store_col_int(st, 3);
}

enum model_rc opinion_map_head(struct store *db, struct region *a, int64_t arena_id,
			       struct opinion_map_head *out)
{
	struct store_stmt *st = store_prepare(db, &head_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, arena_id);
	return model_one(db, st, a, out, head_read, "opinion_map_head");
}

enum model_rc opinion_map_touch(struct store *db, int64_t statement_id)
{
	struct store_stmt *st = store_prepare(db, &touch_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, statement_id);
	return model_exec(db, st, NULL, "opinion_map_touch");
}

static void id_read(struct store_stmt *st, struct region *a, void *item)
{
	(void)a;
	*(int64_t *)item = store_col_int(st, 0);
}

enum model_rc opinion_map_stale(struct store *db, struct region *a, int64_t now_ms,
				int64_t debounce_ms, int64_t **arena_ids, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &stale_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, now_ms - debounce_ms);
	return model_collect(db, st, a, sizeof **arena_ids, id_read, (void **)arena_ids, n, "opinion_map_stale");
}
