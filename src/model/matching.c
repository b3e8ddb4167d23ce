/*
 * matching.c: a programme's matching round (see matching.h).
 */
#include "model/matching.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/idmap.h"
#include "core/log.h"
#include "core/monotime.h"
#include "model/area.h"
#include "model/audit.h"
#include "model/guide.h"
#include "model/pairing.h"
#include "model/programme.h"

/* Beyond any guide's reach: areas whose centres are not known. */
#define KM_UNKNOWN (GUIDE_REACH_MAX + 1)

/* The round as match.h wants it, with the database ids behind each index. */
struct pool {
	struct programme prog;
	struct match_round round;
	struct match_guide *guide;  /* round.guide, writable */
	struct newcomer *newcomers; /* the pool's, index = match index */
	struct guide *guides;
	int64_t *area_ids;
	struct idmap *newcomer_at, *guide_at, *area_at;
};

static void pool_free(struct pool *p)
{
	idmap_free(p->newcomer_at);
	idmap_free(p->guide_at);
	idmap_free(p->area_at);
}

static uint8_t newcomer_flags(const struct newcomer *x, int64_t now)
{
	return (uint8_t)((newcomer_is_minor(x->born, now) ? MATCH_MINOR : 0) |
			 (x->same_gender ? MATCH_SAME_GENDER : 0));
}

/* Reads the pool (why: for the audit log's detail). */
static enum model_rc pool_load(struct store *db, struct region *a, int64_t programme_id,
			       int64_t now, const struct newcomer_actor *who, const char *why,
			       struct pool *p)
{
	memset(p, 0, sizeof *p);
	p->newcomer_at = idmap_new();
	p->guide_at = idmap_new();
	p->area_at = idmap_new();
	struct area_centre *areas;
	struct guide *guides;
	struct newcomer *newcomers;
	size_t nareas = 0, nguides = 0, nnewcomers = 0;
	enum model_rc rc = programme_get(db, a, programme_id, &p->prog);
	if (rc == MODEL_OK)
		rc = area_centres(db, a, &areas, &nareas);
	if (rc == MODEL_OK)
		rc = guide_list(db, a, programme_id, &guides, &nguides);
	if (rc == MODEL_OK)
		rc = newcomer_list(db, a, programme_id, who, why, &newcomers, &nnewcomers);
	if (rc != MODEL_OK)
		return rc;

	int32_t *km = region_alloc(a, (nareas * nareas + 1) * sizeof *km);
	p->area_ids = region_alloc(a, (nareas + 1) * sizeof *p->area_ids);
	for (size_t i = 0; i < nareas; i++) {
		p->area_ids[i] = areas[i].id;
		idmap_put(p->area_at, areas[i].id, (uint32_t)i);
		for (size_t j = 0; j < nareas; j++)
			km[i * nareas + j] = i == j ? 0
					     : areas[i].known && areas[j].known
						     ? match_km(areas[i].lat, areas[i].lon, areas[j].lat,
								areas[j].lon)
						     : KM_UNKNOWN;
	}

	struct match_guide *mg = region_calloc(a, nguides + 1, sizeof *mg);
	p->guides = region_calloc(a, nguides + 1, sizeof *p->guides);
	int32_t ng = 0;
	for (size_t i = 0; i < nguides; i++) {
		const struct guide *g = &guides[i];
		uint32_t area = idmap_get(p->area_at, g->area_id);
		if (g->status != GUIDE_ACTIVE || area == IDMAP_NONE)
			continue;
		int32_t left = g->capacity - g->taken;
		mg[ng] = (struct match_guide){ (int32_t)area, g->reach_km, g->languages, g->interests,
					       g->availability, (uint8_t)g->gender,
					       g->record_checked_at != 0, left > 0 ? left : 0 };
		p->guides[ng] = *g;
		idmap_put(p->guide_at, g->id, (uint32_t)ng);
		ng++;
	}
	struct match_newcomer *mn = region_calloc(a, nnewcomers + 1, sizeof *mn);
	p->newcomers = region_calloc(a, nnewcomers + 1, sizeof *p->newcomers);
	int32_t nn = 0;
	for (size_t i = 0; i < nnewcomers; i++) {
		const struct newcomer *x = &newcomers[i];
		uint32_t area = idmap_get(p->area_at, x->area_id);
		if (x->status != NEWCOMER_WAITING || area == IDMAP_NONE)
			continue;
		int64_t waited = (now - x->waiting_since) / 86400;
		mn[nn] = (struct match_newcomer){ (int32_t)area, x->languages, x->interests,
						  x->availability, (uint8_t)x->gender,
						  newcomer_flags(x, now),
						  (int32_t)(waited < 0 ? 0 : waited > 100000 ? 100000 : waited) };
		p->newcomers[nn] = *x;
		idmap_put(p->newcomer_at, x->id, (uint32_t)nn);
		nn++;
	}
	p->guide = mg;
	p->round = (struct match_round){
		nn,
		ng,
		(int32_t)nareas,
		mn,
		mg,
		km,
		{ p->prog.weight_interest, p->prog.weight_near, p->prog.weight_wait },
		NULL,
		0,
		NULL,
		0,
	};
	return MODEL_OK;
}

/* The pool's ruled-out pairs, as indices. */
static enum model_rc pool_rejected(struct store *db, struct region *a, struct pool *p)
{
	struct pairing_pair *pairs;
	size_t n = 0;
	enum model_rc rc = pairing_rejected(db, a, p->prog.id, &pairs, &n);
	if (rc != MODEL_OK)
		return rc;
	struct match_fixed *out = region_calloc(a, n + 1, sizeof *out);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t ni = idmap_get(p->newcomer_at, pairs[i].newcomer_id);
		uint32_t gi = idmap_get(p->guide_at, pairs[i].guide_id);
		if (ni != IDMAP_NONE && gi != IDMAP_NONE)
			out[k++] = (struct match_fixed){ (int32_t)ni, (int32_t)gi };
	}
	p->round.rejected = out;
	p->round.nrejected = k;
	return MODEL_OK;
}

/* The round's locks that still fit (both in the pool, the pair allowed,
 * a place for it); the others are unlocked, so the run drops them. */
static enum model_rc pool_locks(struct store *db, struct region *a, struct pool *p)
{
	struct pairing_pair *pairs;
	size_t n = 0;
	enum model_rc rc = pairing_locked(db, a, p->prog.id, &pairs, &n);
	if (rc != MODEL_OK)
		return rc;
	struct match_fixed *out = region_calloc(a, n + 1, sizeof *out);
	int32_t *used = region_calloc(a, (size_t)p->round.guides + 1, sizeof *used);
	size_t k = 0;
	for (size_t i = 0; rc == MODEL_OK && i < n; i++) {
		uint32_t ni = idmap_get(p->newcomer_at, pairs[i].newcomer_id);
		uint32_t gi = idmap_get(p->guide_at, pairs[i].guide_id);
		int64_t score;
		if (ni != IDMAP_NONE && gi != IDMAP_NONE &&
		    used[gi] < p->round.guide[gi].capacity &&
		    match_check(&p->round, (int32_t)ni, (int32_t)gi, &score) == MATCH_RULE__MAX) {
			used[gi]++;
			out[k++] = (struct match_fixed){ (int32_t)ni, (int32_t)gi };
		} else {
			rc = pairing_unlock(db, p->prog.id, pairs[i].newcomer_id);
		}
	}
	p->round.locked = out;
	p->round.nlocked = k;
	return rc;
}

enum model_rc matching_run(struct store *db, struct region *a, int64_t programme_id, int64_t now,
			   const struct newcomer_actor *who, struct matching_result *out)
{
	int64_t t0 = monotime_us();
	memset(out, 0, sizeof *out);
	struct pool p;
	enum model_rc rc = pool_load(db, a, programme_id, now, who, "matching", &p);
	if (rc == MODEL_OK)
		rc = pool_rejected(db, a, &p);
	if (rc == MODEL_OK)
		rc = pool_locks(db, a, &p);
	if (rc == MODEL_OK)
		rc = pairing_clear_round(db, programme_id);
	if (rc != MODEL_OK) {
		pool_free(&p);
		return rc;
	}
	struct match_outcome o;
	char err[256];
	if (match_round_run(&p.round, &o, err, sizeof err) != MATCH_OK) {
		/* The pool is built to be valid: this is a bug. */
		log_error("matching: the round was refused", err);
		pool_free(&p);
		return MODEL_ERROR;
	}
	for (int32_t i = 0; rc == MODEL_OK && i < p.round.newcomers; i++) {
		int32_t g = o.guide_of[i];
		if (g >= 0 && !o.facts[i].locked)
			rc = pairing_add_draft(db, programme_id, p.newcomers[i].id, p.guides[g].id, 0,
					       &o.facts[i]);
		if (g < 0) {
			int32_t fit = o.why[i].fit_area;
			rc = pairing_set_unmatched(db, programme_id, p.newcomers[i].id, &o.why[i],
						   fit >= 0 ? p.area_ids[fit] : 0);
		}
	}
	out->newcomers = p.round.newcomers;
	out->guides = p.round.guides;
	out->matched = o.matched;
	out->locked = (int32_t)p.round.nlocked;
	out->total = o.total;
	match_outcome_free(&o);
	pool_free(&p);
	out->us = monotime_us() - t0;
	if (rc == MODEL_OK)
		rc = programme_ran(db, programme_id, who->account_id, out->us);
	if (rc == MODEL_OK) {
		char detail[96];
		snprintf(detail, sizeof detail, "%d of %d newcomers matched, total %lld",
			 out->matched, out->newcomers, (long long)out->total);
		const struct audit_event e = { .kind = AUDIT_MATCHING_RUN, .actor_id = who->account_id,
					       .object = AUDIT_ON_PROGRAMME, .object_id = programme_id,
					       .detail = detail, .client = who->client };
		rc = audit_record(db, &e);
	}
	return rc;
}

static int candidate_cmp(const void *x, const void *y)
{
	const struct matching_candidate *a = x, *b = y;
	int fa = a->rule == MATCH_RULE__MAX, fb = b->rule == MATCH_RULE__MAX;
	if (fa != fb)
		return fb - fa;
	if (a->rule != b->rule)
		return (int)a->rule - (int)b->rule;
	if (a->facts.score != b->facts.score)
		return a->facts.score < b->facts.score ? 1 : -1;
	return a->guide_id < b->guide_id ? -1 : a->guide_id > b->guide_id;
}

enum model_rc matching_candidates(struct store *db, struct region *a, int64_t programme_id,
				  int64_t newcomer_id, int64_t now,
				  const struct newcomer_actor *who,
				  struct matching_candidate **items, size_t *n)
{
	*n = 0;
	struct pool p;
	enum model_rc rc = pool_load(db, a, programme_id, now, who, "change of guide", &p);
	if (rc == MODEL_OK)
		rc = pool_rejected(db, a, &p);
	struct pairing_pair *locked;
	size_t nlocked = 0;
	if (rc == MODEL_OK)
		rc = pairing_locked(db, a, programme_id, &locked, &nlocked);
	uint32_t ni = idmap_get(p.newcomer_at, newcomer_id);
	if (rc == MODEL_OK && ni == IDMAP_NONE)
		rc = MODEL_CONFLICT; /* not waiting: proposed, matched or gone */
	if (rc != MODEL_OK) {
		pool_free(&p);
		return rc;
	}
	/* Places left: less other newcomers' locked drafts. */
	for (size_t k = 0; k < nlocked; k++) {
		uint32_t gi = idmap_get(p.guide_at, locked[k].guide_id);
		if (gi != IDMAP_NONE && locked[k].newcomer_id != newcomer_id)
			p.guide[gi].capacity--;
	}
	struct matching_candidate *c = region_calloc(a, (size_t)p.round.guides + 1, sizeof *c);
	for (int32_t g = 0; g < p.round.guides; g++) {
		c[g].guide_id = p.guides[g].id;
		c[g].guide_name = p.guides[g].name;
		c[g].area_name = p.guides[g].area_name;
		c[g].places_left = p.round.guide[g].capacity;
		int64_t score = 0;
		c[g].rule = match_check(&p.round, (int32_t)ni, g, &score);
		if (c[g].rule == MATCH_RULE__MAX) {
			for (size_t k = 0; k < p.round.nrejected; k++)
				if (p.round.rejected[k].newcomer == (int32_t)ni &&
				    p.round.rejected[k].guide == g)
					c[g].rule = MATCH_RULE_REJECTED;
		}
		if (c[g].rule == MATCH_RULE__MAX && c[g].places_left <= 0)
			c[g].rule = MATCH_RULE_FULL;
		const struct match_newcomer *x = &p.round.newcomer[ni];
		const struct match_guide *y = &p.round.guide[g];
		c[g].facts = (struct match_facts){
			x->languages & y->languages,
			x->interests & y->interests,
			(uint8_t)(x->availability & y->availability),
			p.round.area_km[(size_t)x->area * (size_t)p.round.areas + (size_t)y->area],
			x->waited_days,
			score,
			0,
		};
	}
	qsort(c, (size_t)p.round.guides, sizeof *c, candidate_cmp);
	*items = c;
	*n = (size_t)p.round.guides;
	pool_free(&p);
	return MODEL_OK;
}
