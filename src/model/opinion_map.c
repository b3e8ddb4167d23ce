/*
 * opinion_map.c: computing and keeping opinion maps (see opinion_map.h).
 */
#include "model/opinion_map.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/idmap.h"
#include "core/log.h"
#include "core/mem.h"
#include "model/dialogue.h"

static struct store_sql get_sql = STORE_SQL(
	"SELECT arena_id, computed_at, last_vote_at, votes, map FROM opinion_map WHERE arena_id = ?");
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
	struct opinion_input input = { .n_participants = (uint32_t)t->participants.n,
				       .n_statements = (uint32_t)t->statements.n,
				       .votes = in,
				       .n_votes = nv,
				       .times = times,
				       .flags = flags };
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

static void row_read(struct store_stmt *st, struct region *a, void *item)
{
	struct opinion_map_row *m = item;
	m->arena_id = store_col_int(st, 0);
	m->computed_at = store_col_int(st, 1);
	m->last_vote_at = store_col_int(st, 2);
	m->votes = store_col_int(st, 3);
	m->map = model_text(st, a, 4);
}

enum model_rc opinion_map_get(struct store *db, struct region *a, int64_t arena_id,
			      struct opinion_map_row *out)
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, arena_id);
	return model_one(db, st, a, out, row_read, "opinion_map_get");
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
