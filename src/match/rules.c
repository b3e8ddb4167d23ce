/*
 * rules.c: the programme's hard rules and score, and the facts behind
 * each proposal and each newcomer left without a guide (see match.h).
 * A round: locked pairs keep their places; every other newcomer-guide
 * pair that passes the hard rules and was not ruled out is scored and
 * handed to match_solve; then the facts are gathered. Pure: no SQL, no
 * HTTP, no text (web/ words the facts in the reader's language).
 */
#include "match/internal.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

int32_t match_km(int32_t lat1, int32_t lon1, int32_t lat2, int32_t lon2)
{
	const double rad = 3.14159265358979323846 / 180e6, earth_km = 6371.0088;
	double p1 = lat1 * rad, p2 = lat2 * rad;
	double dp = (lat2 - lat1) * rad, dl = (lon2 - lon1) * rad;
	double h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
	return (int32_t)lround(2 * earth_km * asin(sqrt(h < 1 ? h : 1)));
}

static int32_t km_between(const struct match_round *r, int32_t a, int32_t b)
{
	return r->area_km[(size_t)a * (size_t)r->areas + (size_t)b];
}

enum match_rule match_check(const struct match_round *r, int32_t i, int32_t g, int64_t *score)
{
	const struct match_newcomer *n = &r->newcomer[i];
	const struct match_guide *gd = &r->guide[g];
	int32_t km = km_between(r, n->area, gd->area);
	if (km > gd->reach_km)
		return MATCH_RULE_REACH;
	if ((n->languages & gd->languages) == 0)
		return MATCH_RULE_LANGUAGE;
	if ((n->availability & gd->availability) == 0)
		return MATCH_RULE_AVAILABILITY;
	if ((n->flags & MATCH_SAME_GENDER) && n->gender != MATCH_GENDER_UNSAID &&
	    gd->gender != n->gender)
		return MATCH_RULE_GENDER;
	if ((n->flags & MATCH_MINOR) && !gd->record_checked)
		return MATCH_RULE_RECORD;
	int64_t near = gd->reach_km > 0
			       ? (int64_t)MATCH_NEAR_STEPS * (gd->reach_km - km) / gd->reach_km
			       : MATCH_NEAR_STEPS;
	int64_t weeks = n->waited_days > 0 ? n->waited_days / 7 : 0;
	if (weeks > MATCH_WAIT_WEEKS)
		weeks = MATCH_WAIT_WEEKS;
	*score = (int64_t)r->weights.interest * __builtin_popcountll(n->interests & gd->interests) +
		 (int64_t)r->weights.near * near + (int64_t)r->weights.wait * weeks;
	return MATCH_RULE__MAX;
}

static enum match_err check_round(const struct match_round *r, char *err, size_t errlen)
{
	if (r->newcomers < 0 || r->guides < 0 || r->areas < 0 ||
	    (int64_t)r->newcomers + r->guides > MATCH_MAX_PEOPLE)
		return match_refuse(err, errlen, "bad numbers of newcomers, guides or areas");
	const int32_t w[] = { r->weights.interest, r->weights.near, r->weights.wait };
	for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
		if (w[k] < 0 || w[k] > MATCH_WEIGHT_MAX)
			return match_refuse(err, errlen, "weight %" PRId32 " is not between 0 and %d", w[k],
				       MATCH_WEIGHT_MAX);
	for (int32_t i = 0; i < r->newcomers; i++)
		if (r->newcomer[i].area < 0 || r->newcomer[i].area >= r->areas ||
		    r->newcomer[i].gender >= MATCH_GENDER__MAX)
			return match_refuse(err, errlen, "newcomer %" PRId32 ": unknown area or gender", i);
	for (int32_t g = 0; g < r->guides; g++)
		if (r->guide[g].area < 0 || r->guide[g].area >= r->areas ||
		    r->guide[g].gender >= MATCH_GENDER__MAX || r->guide[g].capacity < 0 ||
		    r->guide[g].capacity > MATCH_MAX_CAPACITY || r->guide[g].reach_km < 0)
			return match_refuse(err, errlen,
				       "guide %" PRId32 ": unknown area or gender, or a negative "
				       "capacity or reach",
				       g);
	const struct match_fixed *lists[] = { r->locked, r->rejected };
	const size_t counts[] = { r->nlocked, r->nrejected };
	for (size_t l = 0; l < 2; l++)
		for (size_t k = 0; k < counts[l]; k++)
			if (lists[l][k].newcomer < 0 || lists[l][k].newcomer >= r->newcomers ||
			    lists[l][k].guide < 0 || lists[l][k].guide >= r->guides)
				return match_refuse(err, errlen, "%s pair %zu: unknown newcomer or guide",
					       l ? "rejected" : "locked", k);
	return MATCH_OK;
}

static int fixed_cmp(const void *a, const void *b)
{
	const struct match_fixed *x = a, *y = b;
	if (x->newcomer != y->newcomer)
		return x->newcomer < y->newcomer ? -1 : 1;
	return (x->guide > y->guide) - (x->guide < y->guide);
}

static int is_rejected(const struct match_fixed *sorted, size_t n, int32_t i, int32_t g)
{
	struct match_fixed key = { i, g };
	return n && bsearch(&key, sorted, n, sizeof key, fixed_cmp) != NULL;
}

void match_outcome_free(struct match_outcome *out)
{
	free(out->guide_of);
	free(out->facts);
	free(out->why);
	memset(out, 0, sizeof *out);
}

static void fill_facts(const struct match_round *r, int32_t i, int32_t g, int locked,
		       struct match_facts *f)
{
	const struct match_newcomer *n = &r->newcomer[i];
	const struct match_guide *gd = &r->guide[g];
	f->languages = n->languages & gd->languages;
	f->interests = n->interests & gd->interests;
	f->availability = n->availability & gd->availability;
	f->km = km_between(r, n->area, gd->area);
	f->waited_days = n->waited_days;
	f->locked = locked;
	f->score = 0;
	match_check(r, i, g, &f->score); /* a locked pair may break a rule: score what it has */
}

static void explain(const struct match_round *r, const struct match_fixed *rejected, int32_t i,
		    struct match_unmatched *w)
{
	memset(w, 0, sizeof *w);
	w->fit_area = -1;
	int areas_differ = 0;
	for (int32_t g = 0; g < r->guides; g++) {
		int64_t score;
		enum match_rule rule = match_check(r, i, g, &score);
		if (rule == MATCH_RULE__MAX)
			rule = is_rejected(rejected, r->nrejected, i, g) ? MATCH_RULE_REJECTED
									   : MATCH_RULE_FULL;
		w->guides[rule]++;
		if (rule == MATCH_RULE_FULL) {
			if (w->fit_area < 0 && !areas_differ)
				w->fit_area = r->guide[g].area;
			else if (w->fit_area != r->guide[g].area) {
				areas_differ = 1;
				w->fit_area = -1;
			}
		}
	}
}

enum match_err match_round_run(const struct match_round *r, struct match_outcome *out, char *err,
			       size_t errlen)
{
	memset(out, 0, sizeof *out);
	if (errlen)
		err[0] = '\0';
	enum match_err rc = check_round(r, err, errlen);
	if (rc != MATCH_OK)
		return rc;
	size_t nn = (size_t)r->newcomers, ng = (size_t)r->guides;
	int32_t *left = mem_alloc((ng + 1) * sizeof *left);   /* places left per guide */
	int32_t *lock = mem_alloc((nn + 1) * sizeof *lock);   /* locked guide per newcomer */
	for (size_t g = 0; g < ng; g++)
		left[g] = r->guide[g].capacity;
	for (size_t i = 0; i < nn; i++)
		lock[i] = -1;
	for (size_t k = 0; k < r->nlocked; k++) {
		const struct match_fixed *f = &r->locked[k];
		if (lock[f->newcomer] >= 0) {
			rc = match_refuse(err, errlen, "newcomer %" PRId32 " is locked to two guides",
				     f->newcomer);
			goto fail;
		}
		if (left[f->guide] == 0) {
			rc = match_refuse(err, errlen,
				     "guide %" PRId32 " has more locked newcomers than places", f->guide);
			goto fail;
		}
		lock[f->newcomer] = f->guide;
		left[f->guide]--;
	}
	struct match_fixed *rejected = NULL;
	if (r->nrejected) {
		rejected = mem_alloc(r->nrejected * sizeof *rejected);
		memcpy(rejected, r->rejected, r->nrejected * sizeof *rejected);
		qsort(rejected, r->nrejected, sizeof *rejected, fixed_cmp);
	}

	/* The instance: every free newcomer with every guide with room. */
	size_t cap = 1024, npairs = 0;
	struct match_pair *pairs = mem_alloc(cap * sizeof *pairs);
	for (int32_t i = 0; i < r->newcomers; i++) {
		if (lock[i] >= 0)
			continue;
		for (int32_t g = 0; g < r->guides; g++) {
			int64_t score;
			if (left[g] == 0 || match_check(r, i, g, &score) != MATCH_RULE__MAX ||
			    is_rejected(rejected, r->nrejected, i, g))
				continue;
			if (npairs == cap) {
				cap *= 2;
				pairs = mem_realloc(pairs, cap * sizeof *pairs);
			}
			pairs[npairs++] = (struct match_pair){ i, g, score };
		}
	}
	struct match_instance in = { r->newcomers, r->guides, left, pairs, npairs };
	out->guide_of = mem_alloc((nn + 1) * sizeof *out->guide_of);
	struct match_solution sol;
	rc = match_solve(&in, out->guide_of, &sol, err, errlen);
	free(pairs);
	if (rc != MATCH_OK) {
		free(rejected);
		match_outcome_free(out);
		goto fail;
	}
	out->facts = mem_calloc(nn + 1, sizeof *out->facts);
	out->why = mem_calloc(nn + 1, sizeof *out->why);
	for (int32_t i = 0; i < r->newcomers; i++) {
		int locked = lock[i] >= 0;
		if (locked)
			out->guide_of[i] = lock[i];
		int32_t g = out->guide_of[i];
		if (g >= 0) {
			fill_facts(r, i, g, locked, &out->facts[i]);
			out->matched++;
			out->total += out->facts[i].score;
		} else {
			explain(r, rejected, i, &out->why[i]);
		}
	}
	free(rejected);
fail:
	free(left);
	free(lock);
	return rc;
}
