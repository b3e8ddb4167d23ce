/*
 * opinion_map_test.c: the opinion map of src/model/opinion_map.c.
 *
 * Its JSON text (opinion_map_write): a computed map read back with
 * jansson gives every id, group, position, statistic and tally of the
 * result (exactly at 17 digits, to the digits asked for at 10), the
 * tallies only when asked for, and reals written as jansson writes them
 * (a point or an exponent always, the exponent without '+' or leading
 * zeros, null for what is not a number).
 *
 * Reading a stored map back (opinion_map_parse), the one reader of the
 * JSON that pages, the API and polis-export use: what the model writes
 * for a real result reads back to the same groups, sizes and tallies; a
 * map that is not one samskab made (bad JSON, a group or a count out of
 * bounds, lists of the wrong length) is refused with a message saying
 * what is wrong and leaves nothing behind; every prefix and many one-byte
 * changes of a good map are either refused or read with every index
 * within bounds (run under AddressSanitizer by make check, so a read out
 * of bounds fails the test). A node keeps a parsed map per version
 * (opinion_map_current): the same map for the same version, a new one
 * for a new version, each held until its last reader lets go.
 *
 * Its refresh, on SQLite and PostgreSQL: a tracker that reads only the
 * vote history written since its last refresh stores, round after round
 * of votes, changes of mind, newcomers and moderation, byte for byte the
 * map (and the priorities) of a computation that reads the whole history
 * every time, with one more version each time, and the priorities kept
 * with it read back exactly and used to choose what to show next; and
 * on PostgreSQL, where a vote's history id is handed out before it
 * commits, a vote still being written when a refresh starts is waited
 * for, not skipped.
 */
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include <pthread.h>

#include "core/idmap.h"
#include "model/dialogue.h"
#include "model/opinion_map.h"
#include "model/participant.h"
#include "support/modeldb.h"
#include "support/skip.h"

/* A map of 60 participants in three camps on 12 statements. */
static void compute(struct opinion_result *res)
{
	enum { NP = 60, NS = 12 };
	static struct opinion_vote v[NP * NS];
	size_t n = 0;
	for (uint32_t p = 0; p < NP; p++)
		for (uint32_t s = 0; s < NS; s++) {
			if ((p * 7 + s * 3) % 5 == 0)
				continue; /* some left unvoted */
			int camp = (int)(p % 3), lean = (int)((s + (uint32_t)camp * 4) % NS) < 6;
			int8_t value = (p + s) % 9 == 0 ? OPINION_PASS : lean ? OPINION_AGREE : OPINION_DISAGREE;
			v[n++] = (struct opinion_vote){ p, s, value };
		}
	struct opinion_input in = { .n_participants = NP, .n_statements = NS, .votes = v, .n_votes = n };
	char err[128];
	assert_int_equal(opinion_compute(&in, res, err, sizeof err), OPINION_OK);
	assert_int_equal(res->status, OPINION_READY);
	assert_true(res->k >= 2);
}

static double real(json_t *j)
{
	assert_true(json_is_real(j));
	return json_real_value(j);
}

static void assert_near(double want, double got, int precision)
{
	if (precision == 17)
		assert_true(want == got);
	else
		assert_true(fabs(want - got) <= fabs(want) * 1e-9);
}

static void check_map(const struct opinion_result *res, int precision, int tallies)
{
	int64_t pids[60], sids[12];
	for (int i = 0; i < 60; i++)
		pids[i] = 1000 + i;
	for (int i = 0; i < 12; i++)
		sids[i] = 50 - i;
	struct buf b = BUF_INIT(1 << 20);
	assert_int_equal(opinion_map_write(&b, res, pids, sids, precision, tallies), 0);
	json_error_t je;
	json_t *j = json_loads(b.data, JSON_REJECT_DUPLICATES, &je);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "ready");
	assert_int_equal(json_integer_value(json_object_get(j, "k")), res->k);
	json_t *parts = json_object_get(j, "participants");
	assert_int_equal(json_array_size(parts), 60);
	for (uint32_t p = 0; p < 60; p++) {
		json_t *o = json_array_get(parts, p);
		assert_int_equal(json_integer_value(json_object_get(o, "id")), pids[p]);
		if (res->group[p] < 0)
			assert_true(json_is_null(json_object_get(o, "group")));
		else
			assert_int_equal(json_integer_value(json_object_get(o, "group")), res->group[p]);
		assert_near(res->x[p], real(json_object_get(o, "x")), precision);
		assert_near(res->y[p], real(json_object_get(o, "y")), precision);
	}
	json_t *agree = json_object_get(json_object_get(j, "consensus"), "agree");
	assert_int_equal(json_array_size(agree), res->n_agree);
	for (int i = 0; i < res->n_agree; i++) {
		json_t *o = json_array_get(agree, (size_t)i);
		assert_int_equal(json_integer_value(json_object_get(o, "statement")),
				 sids[res->agree[i].statement]);
		assert_int_equal(json_integer_value(json_object_get(o, "nTrials")), res->agree[i].n_trials);
		assert_near(res->agree[i].p_test, real(json_object_get(o, "pTest")), precision);
	}
	json_t *rep = json_object_get(j, "repness");
	assert_int_equal(json_array_size(rep), res->k);
	for (int g = 0; g < res->k; g++) {
		json_t *list = json_array_get(rep, (size_t)g);
		assert_int_equal(json_array_size(list), res->rep_start[g + 1] - res->rep_start[g]);
		for (size_t i = res->rep_start[g]; i < res->rep_start[g + 1]; i++) {
			json_t *o = json_array_get(list, i - res->rep_start[g]);
			const struct opinion_rep *r = &res->rep[i];
			assert_int_equal(json_integer_value(json_object_get(o, "statement")), sids[r->statement]);
			assert_string_equal(json_string_value(json_object_get(o, "repfulFor")),
					    r->agree ? "agree" : "disagree");
			assert_near(r->repness, real(json_object_get(o, "repness")), precision);
			assert_int_equal(json_is_true(json_object_get(o, "bestAgree")), r->best_agree);
		}
	}
	json_t *gac = json_object_get(j, "groupInformedConsensus");
	for (uint32_t s = 0; s < 12; s++) {
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)sids[s]);
		assert_near(res->consensus_gac[s], real(json_object_get(gac, key)), precision);
		json_t *t = json_object_get(json_object_get(j, "votes"), key);
		json_t *gt = json_object_get(json_object_get(j, "groupVotes"), key);
		if (!tallies) {
			assert_null(t);
			assert_null(gt);
			continue;
		}
		assert_int_equal(json_integer_value(json_object_get(t, "A")), res->tally[s].agree);
		assert_int_equal(json_integer_value(json_object_get(t, "D")), res->tally[s].disagree);
		assert_int_equal(json_integer_value(json_object_get(t, "S")), res->tally[s].seen);
		assert_int_equal(json_array_size(gt), res->k);
		for (int g = 0; g < res->k; g++)
			assert_int_equal(json_integer_value(json_object_get(json_array_get(gt, (size_t)g), "S")),
					 res->group_tally[(size_t)g * 12 + s].seen);
	}
	json_decref(j);
	buf_free(&b);
}

static void test_map_read_back(void **state)
{
	(void)state;
	struct opinion_result res;
	compute(&res);
	check_map(&res, 17, 0);
	check_map(&res, 17, 1);
	check_map(&res, 10, 1);
	opinion_result_free(&res);
}

/* Reals as jansson writes them, through the participants' positions. */
static void test_reals(void **state)
{
	(void)state;
	static const struct {
		double v;
		int precision;
		const char *text;
	} cases[] = {
		{ 1.0, 17, "1.0" },
		{ -3.0, 10, "-3.0" },
		{ 0.5, 17, "0.5" },
		{ 1e-5, 10, "1e-5" },
		{ 9.8874931804265382e-5, 17, "9.8874931804265382e-5" },
		{ 1.5e-300, 17, "1.5000000000000001e-300" },
		{ 123456789012.5, 10, "1.23456789e11" },
		{ 2.5e100, 17, "2.4999999999999999e100" },
		{ -0.0, 17, "-0.0" },
		{ NAN, 17, "null" },
		{ INFINITY, 10, "null" },
	};
	enum { N = sizeof cases / sizeof cases[0] };
	for (size_t i = 0; i < N; i++) {
		double x = cases[i].v, y = 0;
		int8_t group = -1;
		struct opinion_result res = { .status = OPINION_NOT_ENOUGH, .n_participants = 1, .x = &x, .y = &y, .group = &group };
		int64_t id = 7;
		struct buf b = BUF_INIT(4096);
		assert_int_equal(opinion_map_write(&b, &res, &id, NULL, cases[i].precision, 0), 0);
		char want[256];
		snprintf(want, sizeof want,
			 "{\"status\":\"not-enough\",\"k\":0,\"participants\":[{\"id\":7,\"group\":null,\"x\":%s,"
			 "\"y\":0.0}],\"consensus\":{\"agree\":[],\"disagree\":[]},\"repness\":[],"
			 "\"groupInformedConsensus\":{}}",
			 cases[i].text);
		assert_string_equal(b.data, want);
		/* jansson writes the same. */
		json_t *j = json_real(x);
		if (j) {
			char *text = json_dumps(j, JSON_ENCODE_ANY | JSON_REAL_PRECISION(cases[i].precision));
			assert_string_equal(text, cases[i].text);
			free(text);
			json_decref(j);
		}
		buf_free(&b);
	}
}

/* A map that does not fit is refused, not cut. */
static void test_too_big(void **state)
{
	(void)state;
	struct opinion_result res;
	compute(&res);
	int64_t pids[60] = { 0 }, sids[12] = { 0 };
	struct buf b = BUF_INIT(1000);
	assert_int_equal(opinion_map_write(&b, &res, pids, sids, 17, 1), -1);
	buf_free(&b);
	opinion_result_free(&res);
}

/* The arena of a test, with nstmt accepted statements in s[]. */
static int64_t arena_with(struct modeldb *m, int64_t *s, int nstmt)
{
	long long k = (long long)modeldb_int(m, "SELECT COUNT(*) FROM arena");
	modeldb_exec(m, "INSERT INTO theme (name, name_key, created_at, updated_at) VALUES ('T%lld', 't%lld', 1, 1)",
		     k, k);
	modeldb_exec(m, "INSERT INTO arena (title, title_key, theme_id, created_at, updated_at) "
			"VALUES ('A%lld', 'a%lld', (SELECT MAX(id) FROM theme), 1, 1)",
		     k, k);
	int64_t a = modeldb_int(m, "SELECT MAX(id) FROM arena");
	for (int i = 0; i < nstmt; i++) {
		struct statement st = { .arena_id = a, .text = "Udsagn", .lang = "da",
					.status = STATEMENT_ACCEPTED, .meta = i == nstmt - 1, .external_id = -1,
					.created_at = 1 };
		assert_int_equal(statement_import(m->db, &st, &s[i]), MODEL_OK);
	}
	return a;
}

/* The arena's stored map row, as it is in the table. */
struct stored {
	char *map; /* owned */
	int64_t version, last_vote_at, votes;
};

static void stored_row(struct modeldb *m, int64_t arena, struct stored *out)
{
	struct store_stmt *st =
		store_prepare_text(m->db, "SELECT map, version, last_vote_at, votes FROM opinion_map WHERE arena_id = ?");
	assert_non_null(st);
	store_bind_int(st, 1, arena);
	assert_int_equal(store_step(st), STORE_ROW);
	out->map = strdup(store_col_text(st, 0));
	out->version = store_col_int(st, 1);
	out->last_vote_at = store_col_int(st, 2);
	out->votes = store_col_int(st, 3);
	store_finalize(st);
}

static void cast(struct store *db, int64_t p, int64_t s, int value, int64_t ms)
{
	assert_int_equal(store_begin(db), STORE_OK);
	assert_int_equal(vote_cast(db, p, s, value, ms), MODEL_OK);
	assert_int_equal(store_commit(db), STORE_OK);
}

/* The map computed as a refresh did before it read the history in parts:
 * the whole history every time, voters numbered by their first vote. */
struct oracle {
	struct opinion_state *state;
	struct idmap *pidx, *sidx;
	int64_t pids[256], sids[64];
	uint32_t np, ns;
};

static uint32_t oracle_index(struct idmap *m, int64_t *ids, uint32_t *n, int64_t id)
{
	uint32_t i = idmap_get(m, id);
	if (i == IDMAP_NONE) {
		ids[*n] = id;
		idmap_put(m, id, i = (*n)++);
	}
	return i;
}

static char *oracle_map(struct modeldb *m, struct oracle *o, int64_t arena, struct opinion_result *res)
{
	struct statement *st;
	struct dialogue_vote *h;
	int64_t *voters;
	size_t ns, nh, nv;
	assert_int_equal(statement_list(m->db, m->region, arena, -1, &st, &ns), MODEL_OK);
	assert_int_equal(vote_voters_arena(m->db, m->region, arena, &voters, &nv), MODEL_OK);
	assert_int_equal(vote_history_arena(m->db, m->region, arena, &h, &nh), MODEL_OK);
	for (size_t i = 0; i < ns; i++)
		oracle_index(o->sidx, o->sids, &o->ns, st[i].id);
	for (size_t i = 0; i < nv; i++)
		oracle_index(o->pidx, o->pids, &o->np, voters[i]);
	struct opinion_vote *v = calloc(nh + 1, sizeof *v);
	int64_t *t = calloc(nh + 1, sizeof *t);
	for (size_t i = 0; i < nh; i++) {
		v[i] = (struct opinion_vote){ oracle_index(o->pidx, o->pids, &o->np, h[i].participant_id),
					      oracle_index(o->sidx, o->sids, &o->ns, h[i].statement_id),
					      (int8_t)h[i].value };
		t[i] = h[i].voted_at;
	}
	uint8_t flags[64];
	for (size_t i = 0; i < ns; i++)
		flags[idmap_get(o->sidx, st[i].id)] = st[i].status != STATEMENT_ACCEPTED ? OPINION_MODERATED_OUT
						      : st[i].meta		   ? OPINION_META
										   : 0;
	struct opinion_input in = { .n_participants = o->np, .n_statements = o->ns, .votes = v,
				    .n_votes = nh, .times = t, .flags = flags };
	char err[128];
	assert_int_equal(opinion_update(o->state, &in, res, err, sizeof err), OPINION_OK);
	struct buf b = BUF_INIT(1 << 22);
	assert_int_equal(opinion_map_write(&b, res, o->pids, o->sids, 10, 1), 0);
	free(v);
	free(t);
	return buf_take(&b, NULL);
}

static void test_refresh_reads_new_rows_only(void **state)
{
	struct modeldb *m = modeldb_get(state);
	enum { NS = 9, NP = 60 };
	int64_t s[NS], p[NP];
	int64_t a = arena_with(m, s, NS);
	for (int i = 0; i < NP; i++)
		assert_int_equal(participant_add_detached(m->db, &p[i]), MODEL_OK);
	struct opinion_tracker *t = opinion_tracker_new(a);
	struct oracle o = { opinion_state_new(), idmap_new(), idmap_new(), { 0 }, { 0 }, 0, 0 };
	int64_t ms = 1000, first_version = 0;
	uint64_t seed = 12345;
	for (int round = 0; round < 6; round++) {
		/* Newcomers join each round, in no particular order of id; the
		 * ones before vote again, some changing their minds. */
		int upto = 20 + round * 8;
		for (int k = 0; k < 90; k++) {
			seed = seed * 6364136223846793005ull + 1442695040888963407ull;
			int i = (int)((seed >> 33) % (uint64_t)upto), j = (int)((seed >> 45) % NS);
			if (round > 3 && j == 2)
				continue; /* rejected: no more votes */
			int camp = i % 2, lean = (j + camp * 4) % NS < 4;
			int value = (seed >> 60) % 5 == 0 ? 0 : lean ? 1 : -1;
			cast(m->db, p[upto - 1 - i], s[j], value, ms += 7);
		}
		if (round == 3) {
			/* A statement rejected after it had votes leaves the math. */
			struct field_errors errs = { .n = 0 };
			assert_int_equal(statement_moderate(m->db, s[2], 0, "off topic", 0, &errs), MODEL_OK);
		}
		assert_int_equal(opinion_map_refresh(m->db, t), MODEL_OK);
		struct stored row;
		stored_row(m, a, &row);
		struct opinion_result res;
		char *want = oracle_map(m, &o, a, &res);
		assert_string_equal(row.map, want);
		/* One more per refresh, and one for the moderation. */
		if (round == 0)
			first_version = row.version;
		assert_int_equal(row.version, first_version + round + (round >= 3));
		assert_int_equal(row.last_vote_at, ms);
		struct opinion_map_head head;
		assert_int_equal(opinion_map_head(m->db, m->region, a, &head), MODEL_OK);
		assert_int_equal(head.version, row.version);
		assert_int_equal(head.arena_id, a);
		int64_t *ids;
		double *pri;
		size_t np;
		assert_int_equal(opinion_map_priorities(m->db, m->region, a, &ids, &pri, &np), MODEL_OK);
		assert_int_equal(np, NS);
		for (size_t i = 0; i < np; i++) {
			assert_int_equal(ids[i], s[i]);
			assert_true(pri[i] == res.priority[idmap_get(o.sidx, ids[i])]);
		}
		if (round == 5)
			assert_int_equal(res.status, OPINION_READY);
		free(want);
		free(row.map);
		opinion_result_free(&res);
	}
	opinion_tracker_free(t);
	opinion_state_free(o.state);
	idmap_free(o.pidx);
	idmap_free(o.sidx);
}

/* What to show next is chosen by the priorities kept with the map; a
 * statement the map has not seen counts 1. */
static void test_next_statement_by_map_priorities(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t s[4], p;
	int64_t a = arena_with(m, s, 4); /* s[3] is meta: still shown */
	assert_int_equal(participant_add_detached(m->db, &p), MODEL_OK);
	struct statement next;
	/* No map yet: all count 1, so u picks by place. */
	assert_int_equal(dialogue_next(m->db, m->region, a, p, 0.6, &next), MODEL_OK);
	assert_int_equal(next.id, s[2]);
	modeldb_exec(m, "INSERT INTO opinion_map (arena_id, computed_at, last_vote_at, votes, map, priorities) "
			"VALUES (%lld, 1, 1, 0, '{}', '%lld 0.001 %lld 1000 %lld 0.001')",
		     (long long)a, (long long)s[0], (long long)s[1], (long long)s[2]);
	for (int i = 0; i < 10; i++) {
		assert_int_equal(dialogue_next(m->db, m->region, a, p, i / 10.0 + 0.0001, &next), MODEL_OK);
		assert_int_equal(next.id, s[1]);
	}
	/* s[3] is not in the list: priority 1 of 1001 in all. */
	assert_int_equal(dialogue_next(m->db, m->region, a, p, 0.9995, &next), MODEL_OK);
	assert_int_equal(next.id, s[3]);
	cast(m->db, p, s[1], 1, 5);
	assert_int_equal(dialogue_next(m->db, m->region, a, p, 0.5, &next), MODEL_OK);
	assert_int_equal(next.id, s[3]);
}

/* A node parses a map once per version: the same for the same version,
 * a new one for a new version, the old one still whole for who holds it. */
static void test_a_node_keeps_the_parsed_map(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t s[4], p[30];
	int64_t a = arena_with(m, s, 4);
	for (int i = 0; i < 30; i++)
		assert_int_equal(participant_add_detached(m->db, &p[i]), MODEL_OK);
	const struct opinion_map *none;
	assert_int_equal(opinion_map_current(m->db, a, 0, &none), MODEL_NOT_FOUND);
	for (int i = 0; i < 20; i++)
		for (int j = 0; j < 3; j++)
			cast(m->db, p[i], s[j], (i + j) % 2 ? 1 : -1, 10 + i * 3 + j);
	struct opinion_tracker *t = opinion_tracker_new(a);
	assert_int_equal(opinion_map_refresh(m->db, t), MODEL_OK);
	struct opinion_map_head head;
	assert_int_equal(opinion_map_head(m->db, m->region, a, &head), MODEL_OK);
	const struct opinion_map *first, *again;
	assert_int_equal(opinion_map_current(m->db, a, head.version, &first), MODEL_OK);
	assert_int_equal(opinion_map_current(m->db, a, head.version, &again), MODEL_OK);
	assert_ptr_equal(first, again);
	assert_int_equal(first->version, head.version);
	assert_int_equal(first->nparts, 20);
	opinion_map_release(again);
	/* Ten more voters: a new version, parsed anew; the first is still
	 * whole for its reader. */
	for (int i = 20; i < 30; i++)
		cast(m->db, p[i], s[0], 1, 100 + i);
	assert_int_equal(opinion_map_refresh(m->db, t), MODEL_OK);
	assert_int_equal(opinion_map_head(m->db, m->region, a, &head), MODEL_OK);
	const struct opinion_map *second;
	assert_int_equal(opinion_map_current(m->db, a, head.version, &second), MODEL_OK);
	assert_ptr_not_equal(second, first);
	assert_int_equal(second->nparts, 30);
	assert_int_equal(first->nparts, 20);
	assert_int_equal(first->parts[19].id, p[19]);
	opinion_map_release(first);
	opinion_map_release(second);
	opinion_tracker_free(t);
}

/* The refresh of the fence test, on its own connection and thread. */
struct refresher {
	struct store *db;
	struct opinion_tracker *t;
	enum model_rc rc;
};

static void *refresh_run(void *arg)
{
	struct refresher *r = arg;
	r->rc = opinion_map_refresh(r->db, r->t);
	return NULL;
}

static void test_refresh_waits_for_a_vote_being_written(void **state)
{
	struct modeldb *m = modeldb_get(state);
	if (m->kind != TESTDB_POSTGRES)
		test_skip("not applicable: PostgreSQL only (SQLite writes one transaction at a time: ids come in "
			  "commit order); this run is on SQLite");
	int64_t s[3], other[3], p[3];
	int64_t a = arena_with(m, s, 3);
	arena_with(m, other, 3);
	for (int i = 0; i < 3; i++)
		assert_int_equal(participant_add_detached(m->db, &p[i]), MODEL_OK);
	cast(m->db, p[0], s[0], 1, 100);
	/* A vote in arena a is being written (its history id taken) while a
	 * later vote in arena b commits with a larger id. */
	struct store *writer = modeldb_connect(m), *watcher = modeldb_connect(m);
	assert_int_equal(store_begin(writer), STORE_OK);
	assert_int_equal(vote_cast(writer, p[1], s[0], -1, 200), MODEL_OK);
	cast(m->db, p[2], other[0], 1, 300);
	struct refresher r = { modeldb_connect(m), opinion_tracker_new(a), MODEL_ERROR };
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, refresh_run, &r), 0);
	/* The refresh waits on the arena's lock until the vote is in. */
	struct store_stmt *q = store_prepare_text(watcher, "SELECT COUNT(*) FROM pg_stat_activity WHERE "
							     "wait_event_type = 'Lock' AND datname = current_database()");
	int waiting = 0;
	for (int tries = 0; tries < 2000 && !waiting; tries++) {
		assert_int_equal(store_step(q), STORE_ROW);
		waiting = store_col_int(q, 0) > 0;
		store_reset(q);
		if (!waiting)
			nanosleep(&(struct timespec){ 0, 5000000 }, NULL); /* poll; deadline 10 s */
	}
	store_finalize(q);
	/* Let go of everything before asserting, so a failure leaves no
	 * transaction open. */
	int committed = store_commit(writer);
	pthread_join(th, NULL);
	opinion_tracker_free(r.t);
	store_close(r.db);
	store_close(writer);
	store_close(watcher);
	assert_true(waiting);
	assert_int_equal(committed, STORE_OK);
	assert_int_equal(r.rc, MODEL_OK);
	struct stored row;
	stored_row(m, a, &row);
	free(row.map);
	assert_int_equal(row.votes, 2); /* both votes on s[0] */
	assert_int_equal(row.last_vote_at, 200);
}

/* A small map as the model writes it: two groups, a participant
 * in none with a place, one with no place. */
static const char good[] =
	"{\"status\":\"ready\",\"k\":2,\"participants\":["
	"{\"id\":11,\"group\":0,\"x\":0.5,\"y\":-1},{\"id\":12,\"group\":1,\"x\":-0.5,\"y\":1},"
	"{\"id\":13,\"group\":null,\"x\":null,\"y\":null},{\"id\":14,\"group\":null,\"x\":0.1,\"y\":0.2}],"
	"\"consensus\":{\"agree\":[{\"statement\":5,\"nSuccess\":3,\"nTrials\":4,\"pSuccess\":0.6,\"pTest\":1.2}],"
	"\"disagree\":[]},"
	"\"repness\":[[{\"statement\":5,\"repfulFor\":\"agree\",\"nSuccess\":2,\"nTrials\":2,\"pSuccess\":0.75,"
	"\"pTest\":1.5,\"repness\":2,\"repnessTest\":1.1,\"bestAgree\":true}],"
	"[{\"statement\":6,\"repfulFor\":\"disagree\",\"nSuccess\":1,\"nTrials\":2,\"pSuccess\":0.5,\"pTest\":0,"
	"\"repness\":1.5,\"repnessTest\":0.4}]],"
	"\"groupInformedConsensus\":{\"5\":0.4},"
	"\"votes\":{\"5\":{\"A\":3,\"D\":1,\"S\":4},\"6\":{\"A\":1,\"D\":2,\"S\":4}},"
	"\"groupVotes\":{\"5\":[{\"A\":2,\"D\":0,\"S\":2},{\"A\":1,\"D\":1,\"S\":2}],"
	"\"6\":[{\"A\":0,\"D\":2,\"S\":2},{\"A\":1,\"D\":0,\"S\":2}]}}";

/* good with the first occurrence of from replaced by to (static). */
static const char *changed(const char *from, const char *to)
{
	static char text[sizeof good + 256];
	const char *at = strstr(good, from);
	assert_non_null(at);
	snprintf(text, sizeof text, "%.*s%s%s", (int)(at - good), good, to, at + strlen(from));
	return text;
}

/* Every index and count of a map that was read is within bounds. */
static void assert_within_bounds(const struct opinion_map *m)
{
	assert_true(m->k >= 0 && m->k <= OPINION_MAX_K);
	size_t grouped = 0, loose = 0;
	for (size_t i = 0; i < m->nparts; i++) {
		assert_true(m->parts[i].group >= -1 && m->parts[i].group < m->k);
		grouped += m->parts[i].group >= 0;
		loose += m->parts[i].group < 0 && m->parts[i].placed;
	}
	size_t sizes = 0;
	for (int g = 0; g < m->k; g++) {
		sizes += m->size[g];
		for (size_t i = 0; i < m->nrep[g]; i++)
			assert_true(m->rep[g][i].n_success >= 0 && m->rep[g][i].n_success <= m->rep[g][i].n_trials);
	}
	assert_int_equal(sizes, grouped);
	assert_int_equal(m->loose, loose);
	for (size_t i = 0; i < m->nvotes; i++) {
		const struct opinion_map_votes *v = &m->votes[i];
		assert_true(v->all.agree >= 0 && v->all.disagree >= 0 && v->all.agree + v->all.disagree <= v->all.seen);
		for (int g = 0; g < m->k; g++)
			assert_true(v->group[g].agree + v->group[g].disagree <= v->group[g].seen);
		assert_ptr_equal(opinion_map_votes_of(m, v->statement), v);
	}
}

static void test_a_good_map_reads_back(void **state)
{
	(void)state;
	struct region *a = region_new();
	struct opinion_map m;
	char err[200] = "";
	assert_int_equal(opinion_map_parse(good, a, &m, err, sizeof err), MODEL_OK);
	assert_true(m.ready);
	assert_int_equal(m.k, 2);
	assert_int_equal(m.nparts, 4);
	assert_int_equal(m.size[0], 1);
	assert_int_equal(m.size[1], 1);
	assert_int_equal(m.loose, 1);
	assert_int_equal(m.parts[1].id, 12);
	assert_false(m.parts[2].placed);
	assert_int_equal(m.parts[2].group, -1);
	assert_int_equal(m.nrep[0], 1);
	assert_int_equal(m.rep[1][0].statement, 6);
	assert_false(m.rep[1][0].agree);
	assert_int_equal(m.nconsensus[1], 1);
	assert_int_equal(m.consensus[1][0].statement, 5);
	assert_int_equal(m.nconsensus[0], 0);
	const struct opinion_map_votes *v = opinion_map_votes_of(&m, 6);
	assert_non_null(v);
	assert_int_equal(v->all.disagree, 2);
	assert_int_equal(v->group[1].agree, 1);
	assert_null(opinion_map_votes_of(&m, 7));
	assert_non_null(m.json);
	assert_within_bounds(&m);
	opinion_map_free(&m);
	/* Before there are groups. */
	assert_int_equal(opinion_map_parse("{\"status\":\"not-enough\",\"k\":0,\"participants\":[],\"consensus\":"
					   "{\"agree\":[],\"disagree\":[]},\"repness\":[],\"votes\":{},"
					   "\"groupVotes\":{}}",
					   a, &m, err, sizeof err),
			 MODEL_OK);
	assert_false(m.ready);
	assert_int_equal(m.k, 0);
	opinion_map_free(&m);
	region_free(a);
}

/* Two camps of ten, each agreeing where the other disagrees, on four
 * statements; what opinion_map_write writes for the result. */
static void test_what_the_model_writes_reads_back(void **state)
{
	(void)state;
	struct opinion_vote votes[80];
	size_t n = 0;
	for (uint32_t p = 0; p < 20; p++)
		for (uint32_t s = 0; s < 4; s++)
			votes[n++] = (struct opinion_vote){ p, s, (p < 10) == (s % 2 == 0) ? OPINION_AGREE : OPINION_DISAGREE };
	struct opinion_input in = { 20, 4, votes, n, NULL, NULL, NULL, NULL };
	struct opinion_state *st = opinion_state_new();
	struct opinion_result res;
	char err[200] = "";
	assert_int_equal(opinion_update(st, &in, &res, err, sizeof err), OPINION_OK);
	assert_int_equal(res.status, OPINION_READY);
	int64_t pids[20], sids[4];
	for (int i = 0; i < 20; i++)
		pids[i] = 100 + i;
	for (int i = 0; i < 4; i++)
		sids[i] = 7 + i;
	struct buf b = BUF_INIT(1 << 20);
	assert_int_equal(opinion_map_write(&b, &res, pids, sids, 10, 1), 0);
	char *text = buf_take(&b, NULL);
	struct region *a = region_new();
	struct opinion_map m;
	assert_int_equal(opinion_map_parse(text, a, &m, err, sizeof err), MODEL_OK);
	assert_int_equal(m.k, res.k);
	assert_int_equal(m.nparts, 20);
	for (int g = 0; g < res.k; g++) {
		assert_int_equal(m.size[g], res.group_size[g]);
		assert_int_equal(m.nrep[g], res.rep_start[g + 1] - res.rep_start[g]);
	}
	for (uint32_t s = 0; s < 4; s++) {
		const struct opinion_map_votes *v = opinion_map_votes_of(&m, sids[s]);
		assert_non_null(v);
		assert_int_equal(v->all.agree, res.tally[s].agree);
		assert_int_equal(v->all.seen, res.tally[s].seen);
		for (int g = 0; g < res.k; g++)
			assert_int_equal(v->group[g].disagree, res.group_tally[(size_t)g * 4 + s].disagree);
	}
	for (uint32_t p = 0; p < 20; p++) {
		assert_int_equal(m.parts[p].id, pids[p]);
		assert_int_equal(m.parts[p].group, res.group[p]);
	}
	assert_within_bounds(&m);
	opinion_map_free(&m);
	region_free(a);
	free(text);
	opinion_result_free(&res);
	opinion_state_free(st);
}

static void test_broken_maps_are_refused_saying_why(void **state)
{
	(void)state;
	const struct {
		const char *from, *to; /* in good; from NULL: the whole text is to */
		const char *says;
	} cases[] = {
		{ NULL, "not json", "not JSON" },
		{ NULL, "", "not JSON" },
		{ NULL, "[1, 2]", "not an object" },
		{ NULL, "{\"status\":\"ready\",\"k\":2}", "participants is not a list" },
		{ "\"k\":2", "\"k\":6", "k 6 is outside 0..5" },
		{ "\"k\":2", "\"k\":-1", "k -1 is outside 0..5" },
		{ "\"k\":2", "\"k\":\"2\"", "k is not a whole number" },
		{ "\"status\":\"ready\"", "\"status\":\"done\"", "status is neither" },
		{ "\"group\":1", "\"group\":2", "participants[1].group 2 is outside 0..1" },
		{ "\"group\":0", "\"group\":-1", "participants[0].group -1 is outside 0..1" },
		{ "\"group\":0", "\"group\":\"0\"", "participants[0].group is not a whole number" },
		{ "\"id\":11", "\"id\":11.5", "participants[0].id is not a whole number" },
		{ "\"x\":0.5", "\"x\":null", "participants[0] has no place (x, y) or half of one" },
		{ "\"participants\":[", "\"participants\":{\"a\":[", "not JSON" },
		{ "\"repness\":[[", "\"repness\":[[],[],[", "repness has 4 lists for 2 groups" },
		{ "\"repfulFor\":\"agree\"", "\"repfulFor\":\"maybe\"", "repness[0].repfulFor is neither" },
		{ "\"nSuccess\":2,\"nTrials\":2", "\"nSuccess\":3,\"nTrials\":2", "repness[0].nSuccess 3 is outside 0..2" },
		{ "\"statement\":6", "\"statement\":-6", "repness[0].statement -6 is outside" },
		{ "\"consensus\":{", "\"consensus\":[{", "not JSON" },
		{ "\"agree\":[{\"statement\":5,\"nSuccess\":3", "\"agree\":[{\"statement\":5,\"nSuccess\":-3",
		  "consensus.agree[0].nSuccess -3 is outside" },
		{ "\"5\":{\"A\":3,\"D\":1,\"S\":4}", "\"5\":{\"A\":3,\"D\":2,\"S\":4}", "votes[0].D 2 is outside 0..1" },
		{ "\"5\":{\"A\":3,\"D\":1,\"S\":4}", "\"5\":{\"A\":5,\"D\":1,\"S\":4}", "votes[0].A 5 is outside 0..4" },
		{ "\"5\":{\"A\":3,\"D\":1,\"S\":4}", "\"x5\":{\"A\":3,\"D\":1,\"S\":4}", "not a statement id" },
		{ "\"5\":[{\"A\":2,\"D\":0,\"S\":2},", "\"5\":[", "groupVotes[\"5\"] has 1 tallies for 2 groups" },
		{ "\"6\":[{\"A\":0", "\"7\":[],\"6\":[{\"A\":0", "groupVotes has statements that votes has not" },
		{ "\"votes\":{\"5\"", "\"votes\":{\"6\":{\"A\":1,\"D\":2,\"S\":4},\"5\"", "not JSON" }, /* a key twice */
		{ "\"votes\":{", "\"votes\":[{", "not JSON" },
		{ "\"votes\":{\"5\":{\"A\":3,\"D\":1,\"S\":4},", "\"votes\":{\"5\":7,", "votes[0] is not a tally" },
	};
	struct region *a = region_new();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *text = cases[i].from ? changed(cases[i].from, cases[i].to) : cases[i].to;
		struct opinion_map m;
		char err[200] = "";
		if (opinion_map_parse(text, a, &m, err, sizeof err) != MODEL_INVALID)
			fail_msg("case %zu read:\n%s", i, text);
		if (strstr(err, cases[i].says) == NULL)
			fail_msg("case %zu: expected \"%s\" in \"%s\"", i, cases[i].says, err);
		assert_int_equal(m.k, 0);
		assert_int_equal(m.nparts, 0);
		assert_null(m.json);
		opinion_map_free(&m);
	}
	region_free(a);
}

/* Every prefix of a good map, and every byte of it changed to each of a
 * few characters that change numbers and structure: refused, or read
 * with every index within bounds. */
static void test_damaged_maps_never_read_out_of_bounds(void **state)
{
	(void)state;
	char text[sizeof good];
	size_t len = strlen(good), read = 0, refused = 0;
	for (size_t n = 0; n < len; n++) {
		struct region *a = region_new();
		memcpy(text, good, n);
		text[n] = '\0';
		struct opinion_map m;
		char err[200];
		assert_int_equal(opinion_map_parse(text, a, &m, err, sizeof err), MODEL_INVALID);
		region_free(a);
	}
	static const char subst[] = "9-0\"]}5,:n";
	for (size_t i = 0; i < len; i++)
		for (const char *c = subst; *c; c++) {
			if (good[i] == *c)
				continue;
			struct region *a = region_new();
			memcpy(text, good, len + 1);
			text[i] = *c;
			struct opinion_map m;
			char err[200];
			if (opinion_map_parse(text, a, &m, err, sizeof err) == MODEL_OK) {
				assert_within_bounds(&m);
				read++;
			} else {
				assert_true(err[0] != '\0');
				refused++;
			}
			opinion_map_free(&m);
			region_free(a);
		}
	/* Both kinds happened: the changes reached the checks. */
	assert_true(read > 0 && refused > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map_read_back),
		cmocka_unit_test(test_a_good_map_reads_back),
		cmocka_unit_test(test_what_the_model_writes_reads_back),
		cmocka_unit_test(test_broken_maps_are_refused_saying_why),
		cmocka_unit_test(test_damaged_maps_never_read_out_of_bounds),
		cmocka_unit_test(test_reals),
		cmocka_unit_test(test_too_big),
		MODELDB_BOTH(test_refresh_reads_new_rows_only),
		MODELDB_BOTH(test_refresh_waits_for_a_vote_being_written),
		MODELDB_BOTH(test_next_statement_by_map_priorities),
		MODELDB_BOTH(test_a_node_keeps_the_parsed_map),
	};
	return cmocka_run_group_tests_name("model/opinion_map", tests, NULL, modeldb_group_teardown);
}
