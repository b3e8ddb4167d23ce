/*
 * opinion_map_test.c: reading a stored opinion map back
 * (opinion_map_parse in src/model/opinion_map.c), the one reader of the
 * JSON that pages, the API and polis-export use. What opinion_map_json
 * writes for a real result reads back to the same groups, sizes and
 * tallies; a map that is not one samskab made (bad JSON, a group or a
 * count out of bounds, lists of the wrong length) is refused with a
 * message saying what is wrong and leaves nothing behind; every prefix
 * and many one-byte changes of a good map are either refused or read
 * with every index within bounds (run under AddressSanitizer by make
 * check, so a read out of bounds fails the test).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/opinion_map.h"

/* A small map as opinion_map_json writes it: two groups, a participant
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
 * statements; what opinion_map_json writes for the result. */
static void test_what_the_model_writes_reads_back(void **state)
{
	(void)state;
	struct opinion_vote votes[80];
	size_t n = 0;
	for (uint32_t p = 0; p < 20; p++)
		for (uint32_t s = 0; s < 4; s++)
			votes[n++] = (struct opinion_vote){ p, s, (p < 10) == (s % 2 == 0) ? OPINION_AGREE : OPINION_DISAGREE };
	struct opinion_input in = { 20, 4, votes, n, NULL, NULL };
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
	json_t *j = opinion_map_json(&res, pids, sids);
	char *text = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(10));
	json_decref(j);
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
		cmocka_unit_test(test_a_good_map_reads_back),
		cmocka_unit_test(test_what_the_model_writes_reads_back),
		cmocka_unit_test(test_broken_maps_are_refused_saying_why),
		cmocka_unit_test(test_damaged_maps_never_read_out_of_bounds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
