/*
 * opinion_map.c: computing and keeping opinion maps, and reading a
 * stored one back, checked, into struct opinion_map (see opinion_map.h):
 * the one place that reads a stored map's JSON.
 */
#include "model/opinion_map.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/idmap.h"
#include "core/log.h"
#include "core/mem.h"
#include "model/dialogue.h"

static struct store_sql get_sql = STORE_SQL("SELECT computed_at, map FROM opinion_map WHERE arena_id = ?");
static struct store_sql store_sql_ = STORE_SQL(
	"INSERT INTO opinion_map (arena_id, computed_at, last_vote_at, votes, map) VALUES (?, ?, ?, ?, ?) "
	"ON CONFLICT (arena_id) DO UPDATE SET computed_at = excluded.computed_at, last_vote_at = "
	"excluded.last_vote_at, votes = excluded.votes, map = excluded.map");
static struct store_sql stale_sql = STORE_SQL(
	"SELECT d.arena_id FROM dialogue_activity d LEFT JOIN opinion_map m ON m.arena_id = d.arena_id "
	"WHERE m.arena_id IS NULL OR (d.last_vote_at > m.last_vote_at AND m.computed_at * 1000 <= ?) "
	"ORDER BY d.arena_id");

static json_t *real_or_null(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *tally_json(const struct opinion_tally *t)
{
	return json_pack("{s:i,s:i,s:i}", "A", (int)t->agree, "D", (int)t->disagree, "S", (int)t->seen);
}

json_t *opinion_map_json(const struct opinion_result *res, const int64_t *pids, const int64_t *sids)
{
	json_t *root = json_object(), *parts = json_array();
	json_object_set_new(root, "status", json_string(res->status == OPINION_READY ? "ready" : "not-enough"));
	json_object_set_new(root, "k", json_integer(res->k));
	for (uint32_t p = 0; p < res->n_participants; p++) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(pids[p]));
		json_object_set_new(o, "group", res->group[p] >= 0 ? json_integer(res->group[p]) : json_null());
		json_object_set_new(o, "x", real_or_null(res->x[p]));
		json_object_set_new(o, "y", real_or_null(res->y[p]));
		json_array_append_new(parts, o);
	}
	json_object_set_new(root, "participants", parts);

	json_t *cons = json_object();
	for (int side = 0; side < 2; side++) {
		const struct opinion_consensus *list = side == 0 ? res->agree : res->disagree;
		int n = side == 0 ? res->n_agree : res->n_disagree;
		json_t *a = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(a, json_pack("{s:I,s:i,s:i,s:f,s:f}", "statement",
							   (json_int_t)sids[list[i].statement], "nSuccess",
							   (int)list[i].n_success, "nTrials", (int)list[i].n_trials,
							   "pSuccess", list[i].p_success, "pTest", list[i].p_test));
		json_object_set_new(cons, side == 0 ? "agree" : "disagree", a);
	}
	json_object_set_new(root, "consensus", cons);

	json_t *rep = json_array();
	for (int g = 0; g < res->k; g++) {
		json_t *a = json_array();
		for (size_t i = res->rep_start[g]; i < res->rep_start[g + 1]; i++) {
			const struct opinion_rep *r = &res->rep[i];
			json_t *o = json_pack("{s:I,s:s,s:i,s:i,s:f,s:f,s:f,s:f}", "statement",
					      (json_int_t)sids[r->statement], "repfulFor",
					      r->agree ? "agree" : "disagree", "nSuccess", (int)r->n_success,
					      "nTrials", (int)r->n_trials, "pSuccess", r->p_success, "pTest",
					      r->p_test, "repness", r->repness, "repnessTest", r->repness_test);
			if (r->best_agree)
				json_object_set_new(o, "bestAgree", json_true());
			json_array_append_new(a, o);
		}
		json_array_append_new(rep, a);
	}
	json_object_set_new(root, "repness", rep);

	json_t *gac = json_object(), *votes = json_object(), *gvotes = json_object();
	for (uint32_t s = 0; s < res->n_statements; s++) {
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)sids[s]);
		if (isfinite(res->consensus_gac[s]))
			json_object_set_new(gac, key, json_real(res->consensus_gac[s]));
		json_object_set_new(votes, key, tally_json(&res->tally[s]));
		json_t *per = json_array();
		for (int g = 0; g < res->k; g++)
			json_array_append_new(per, tally_json(&res->group_tally[(size_t)g * res->n_statements + s]));
		json_object_set_new(gvotes, key, per);
	}
	json_object_set_new(root, "groupInformedConsensus", gac);
	json_object_set_new(root, "votes", votes);
	json_object_set_new(root, "groupVotes", gvotes);
	return root;
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
	free(t);
}

int64_t opinion_tracker_arena(const struct opinion_tracker *t)
{
	return t->arena_id;
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

enum model_rc opinion_map_refresh(struct store *db, struct opinion_tracker *t)
{
	struct region *a = region_new();
	struct statement *stmts;
	struct dialogue_vote *votes;
	int64_t *voters;
	size_t ns = 0, nv = 0, nvoters = 0;
	int64_t last_vote = 0;
	enum model_rc rc = statement_list(db, a, t->arena_id, -1, &stmts, &ns);
	if (rc == MODEL_OK)
		rc = vote_voters_arena(db, a, t->arena_id, &voters, &nvoters);
	/* Every vote cast, in the order recorded, as `samskab opinion` reads
	 * votes.csv: the math keeps the latest per participant and statement,
	 * where that statement's first vote was (the order of a sum, which
	 * moves the last bits of a position). */
	if (rc == MODEL_OK)
		rc = vote_history_arena(db, a, t->arena_id, &votes, &nv);
	if (rc == MODEL_OK)
		rc = dialogue_last_vote(db, t->arena_id, &last_vote);
	if (rc != MODEL_OK) {
		region_free(a);
		return rc;
	}
	for (size_t i = 0; i < ns; i++)
		index_of(&t->statements, stmts[i].id);
	/* Participants in the order of their first vote ever, as Pol.is
	 * numbers them: a fresh tracker then numbers them as a warm one did,
	 * and an imported conversation gets the map its files give. */
	for (size_t i = 0; i < nvoters; i++)
		index_of(&t->participants, voters[i]);
	struct opinion_vote *in = region_calloc(a, nv + 1, sizeof *in);
	int64_t *times = region_calloc(a, nv + 1, sizeof *times);
	for (size_t i = 0; i < nv; i++) {
		in[i].participant = index_of(&t->participants, votes[i].participant_id);
		in[i].statement = index_of(&t->statements, votes[i].statement_id);
		in[i].value = (int8_t)votes[i].value;
		times[i] = votes[i].voted_at;
	}
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
	struct opinion_input input = { (uint32_t)t->participants.n, (uint32_t)t->statements.n,
				       in, nv, times, flags };
	struct opinion_result res;
	char err[256];
	if (opinion_update(t->state, &input, &res, err, sizeof err) != OPINION_OK) {
		log_error("opinion map failed", err);
		region_free(a);
		return MODEL_ERROR;
	}
	json_t *j = opinion_map_json(&res, t->participants.ids, t->statements.ids);
	char *text = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(10));
	json_decref(j);
	rc = text ? MODEL_OK : MODEL_ERROR;
	if (rc == MODEL_OK && store_begin(db) != STORE_OK)
		rc = MODEL_UNAVAILABLE;
	for (size_t i = 0; rc == MODEL_OK && i < ns; i++)
		rc = statement_set_priority(db, stmts[i].id,
					    res.priority[index_of(&t->statements, stmts[i].id)]);
	/* The current votes it saw: the latest of each participant on each
	 * statement. */
	int64_t current = 0;
	for (uint32_t p = 0; p < res.n_participants; p++)
		current += res.votes[p];
	struct store_stmt *st = rc == MODEL_OK ? store_prepare(db, &store_sql_) : NULL;
	if (rc == MODEL_OK && st == NULL)
		rc = MODEL_ERROR;
	if (rc == MODEL_OK) {
		store_bind_int(st, 1, t->arena_id);
		store_bind_int(st, 2, model_now());
		store_bind_int(st, 3, last_vote);
		store_bind_int(st, 4, current);
		store_bind_text(st, 5, text);
		rc = model_exec(db, st, NULL, "opinion_map_store");
	}
	if (rc == MODEL_OK && store_commit(db) != STORE_OK)
		rc = MODEL_UNAVAILABLE;
	if (rc != MODEL_OK)
		store_rollback(db);
	free(text);
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
	int64_t computed_at;
	const char *map; /* JSON text */
};

static void row_read(struct store_stmt *st, struct region *a, void *item)
{
	struct row *m = item;
	m->computed_at = store_col_int(st, 0);
	m->map = model_text(st, a, 1);
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
	return MODEL_OK;
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
