/*
 * match.c: `samskab match INSTANCE.json`: solves a bare matching instance
 * without a database (docs/match.md):
 *
 *   {"newcomers": N, "capacity": [c0, c1, ...], "pairs": [[newcomer, guide, score], ...]}
 *
 * and prints {"matched": M, "total": T, "pairs": [[newcomer, guide], ...]}:
 * the most newcomers matched, and among those the greatest total score
 * (match_solve). "-" reads the instance from standard input.
 *
 * Exit status: 0 solved; 2 bad usage or a bad instance (not JSON, a missing
 * or unknown member, an index out of range, a negative capacity, a pair
 * given twice), with a message naming what is wrong; 1 output failed.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/mem.h"
#include "match/match.h"

struct instance {
	struct match_instance in;
	int32_t *capacity;
	struct match_pair *pairs;
};

static int bad(const char *file, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int bad(const char *file, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "samskab match: %s: ", file);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return 2;
}

/* An integer member within [lo, hi], or a message. */
static int integer(const char *file, json_t *v, const char *what, long long lo, long long hi,
		   long long *out)
{
	if (!json_is_integer(v))
		return bad(file, "%s must be an integer", what);
	long long x = json_integer_value(v);
	if (x < lo || x > hi)
		return bad(file, "%s is %lld, not between %lld and %lld", what, x, lo, hi);
	*out = x;
	return 0;
}

static int read_instance(const char *file, json_t *root, struct instance *t)
{
	if (!json_is_object(root))
		return bad(file, "the instance must be a JSON object with newcomers, capacity and pairs");
	const char *key;
	json_t *v;
	json_object_foreach (root, key, v)
		if (strcmp(key, "newcomers") != 0 && strcmp(key, "capacity") != 0 &&
		    strcmp(key, "pairs") != 0)
			return bad(file, "unknown member \"%s\" (expected newcomers, capacity, pairs)", key);
	static const char *const needed[] = { "newcomers", "capacity", "pairs" };
	for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++)
		if (json_object_get(root, needed[i]) == NULL)
			return bad(file, "member \"%s\" is missing", needed[i]);
	long long x;
	if (integer(file, json_object_get(root, "newcomers"), "newcomers", 0, MATCH_MAX_PEOPLE, &x))
		return 2;
	t->in.newcomers = (int32_t)x;
	json_t *cap = json_object_get(root, "capacity");
	if (!json_is_array(cap))
		return bad(file, "capacity must be an array of integers, one per guide");
	if (json_array_size(cap) > MATCH_MAX_PEOPLE)
		return bad(file, "more than %d guides", MATCH_MAX_PEOPLE);
	t->in.guides = (int32_t)json_array_size(cap);
	t->capacity = mem_alloc(((size_t)t->in.guides + 1) * sizeof *t->capacity);
	char what[64];
	for (int32_t g = 0; g < t->in.guides; g++) {
		snprintf(what, sizeof what, "capacity[%" PRId32 "]", g);
		json_t *c = json_array_get(cap, (size_t)g);
		if (json_is_integer(c) && json_integer_value(c) < 0)
			return bad(file, "%s is %lld: a capacity cannot be negative", what,
				   (long long)json_integer_value(c));
		if (integer(file, c, what, 0, MATCH_MAX_CAPACITY, &x))
			return 2;
		t->capacity[g] = (int32_t)x;
	}
	json_t *pairs = json_object_get(root, "pairs");
	if (!json_is_array(pairs))
		return bad(file, "pairs must be an array of [newcomer, guide, score]");
	size_t n = json_array_size(pairs);
	t->pairs = mem_alloc((n ? n : 1) * sizeof *t->pairs);
	for (size_t k = 0; k < n; k++) {
		json_t *p = json_array_get(pairs, k);
		if (!json_is_array(p) || json_array_size(p) != 3)
			return bad(file, "pairs[%zu] must be [newcomer, guide, score]", k);
		/* The newcomer, then the guide: an index each, known to the instance. */
		static const char *const sides[] = { "newcomer", "guide" };
		const int32_t sizes[] = { t->in.newcomers, t->in.guides };
		int32_t *index[] = { &t->pairs[k].newcomer, &t->pairs[k].guide };
		for (int s = 0; s < 2; s++) {
			snprintf(what, sizeof what, "pairs[%zu]: the %s", k, sides[s]);
			if (integer(file, json_array_get(p, (size_t)s), what, 0, INT32_MAX, &x))
				return 2;
			if (x >= sizes[s])
				return bad(file, "pairs[%zu]: %s %lld is unknown (%s %" PRId32 ": 0 to %" PRId32 ")",
					   k, sides[s], x, s ? "capacity lists" : "there are", sizes[s],
					   sizes[s] - 1);
			*index[s] = (int32_t)x;
		}
		snprintf(what, sizeof what, "pairs[%zu]: the score", k);
		if (integer(file, json_array_get(p, 2), what, -MATCH_SCORE_MAX, MATCH_SCORE_MAX, &x))
			return 2;
		t->pairs[k].score = x;
	}
	t->in.capacity = t->capacity;
	t->in.pairs = t->pairs;
	t->in.npairs = n;
	return 0;
}

static int print_solution(const int32_t *guide_of, int32_t newcomers,
			  const struct match_solution *sol)
{
	if (printf("{\"matched\": %" PRId32 ", \"total\": %" PRId64 ", \"pairs\": [", sol->matched,
		   sol->total) < 0)
		return 1;
	int first = 1;
	for (int32_t i = 0; i < newcomers; i++) {
		if (guide_of[i] < 0)
			continue;
		if (printf("%s[%" PRId32 ", %" PRId32 "]", first ? "" : ", ", i, guide_of[i]) < 0)
			return 1;
		first = 0;
	}
	if (puts("]}") == EOF || fflush(stdout) != 0)
		return 1;
	return 0;
}

int cmd_match(int argc, char **argv)
{
	const struct opt_cmd cmd = {
		"match", "INSTANCE.json",
		"Solve a bare matching instance {\"newcomers\": N, \"capacity\": [c0, ...], "
		"\"pairs\": [[newcomer, guide, score], ...]} (\"-\": standard input): the most "
		"newcomers matched, and among those the greatest total score. Prints "
		"{\"matched\": M, \"total\": T, \"pairs\": [[newcomer, guide], ...]}. See docs/match.md.",
		NULL, 0, 1, 1
	};
	char *args[1];
	int nargs, rc = opt_parse(&cmd, argc, argv, args, &nargs);
	if (rc != 0)
		return rc == 1 ? 0 : rc;
	const char *file = args[0];
	json_error_t jerr;
	json_t *root = strcmp(file, "-") == 0
			       ? json_loadf(stdin, JSON_REJECT_DUPLICATES, &jerr)
			       : json_load_file(file, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		if (jerr.line < 0)
			return bad(file, "cannot read: %s", jerr.text);
		return bad(file, "not JSON: line %d, column %d: %s", jerr.line, jerr.column, jerr.text);
	}
	struct instance t = { 0 };
	int32_t *guide_of = NULL;
	rc = read_instance(file, root, &t);
	json_decref(root);
	if (rc == 0) {
		guide_of = mem_alloc(((size_t)t.in.newcomers + 1) * sizeof *guide_of);
		struct match_solution sol;
		char err[256];
		if (match_solve(&t.in, guide_of, &sol, err, sizeof err) != MATCH_OK)
			rc = bad(file, "%s", err);
		else
			rc = print_solution(guide_of, t.in.newcomers, &sol);
	}
	free(guide_of);
	free(t.capacity);
	free(t.pairs);
	return rc;
}
