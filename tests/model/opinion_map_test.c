/*
 * opinion_map_test.c: the opinion map's JSON text (opinion_map_write in
 * src/model/opinion_map.c): a computed map read back with jansson gives
 * every id, group, position, statistic and tally of the result (exactly
 * at 17 digits, to the digits asked for at 10), the tallies only when
 * asked for, and reals written as jansson writes them (a point or an
 * exponent always, the exponent without '+' or leading zeros, null for
 * what is not a number).
 */
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/opinion_map.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map_read_back),
		cmocka_unit_test(test_reals),
		cmocka_unit_test(test_too_big),
	};
	return cmocka_run_group_tests_name("model/opinion_map", tests, NULL, NULL);
}
