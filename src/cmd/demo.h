/*
 * demo.h: the parts of `samskab demo` (demo.c loads places, themes and
 * organisations; demo_arena.c the people and arenas).
 */
#ifndef SAMSKAB_CMD_DEMO_H
#define SAMSKAB_CMD_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "core/region.h"
#include "store/store.h"

#define DEMO_PEOPLE 5
#define DEMO_PASSWORD "demo-password"

struct demo_person {
	const char *email, *name, *what;
};

extern const struct demo_person demo_people[DEMO_PEOPLE];

/* What demo.c made that the arenas refer to. */
struct demo_refs {
	int64_t theme_integration, theme_elderly;
	int64_t area_assens, area_haarby;
	const int64_t *arena_orgs; /* the 18 of Folkemødet 2016 */
	size_t narena_orgs;
	const int64_t *haarby_orgs;
	size_t nhaarby_orgs;
	int64_t dgi;
	int64_t facilitator;
	int64_t citizen; /* Amina */
	/* For the proposals (demo_proposal.c). */
	const int64_t *people; /* demo_people's accounts */
	int64_t assens_kommune, iss, nye_naboer; /* organisations of three more sectors */
	int64_t area_glamsbjerg;
};

/* The address demo mail links to: where `make run` serves. */
#define DEMO_BASE_URL "http://127.0.0.1:8080"

/* What Amina follows and has heard of (demo_follow.c): called by
 * demo_arenas_load with the Haarby arena and its activities' ids. */
int demo_follow_load(struct store *db, const struct demo_refs *refs, int64_t haarby, int64_t workshop,
		     int64_t interview);
/* Her daily digest of it, in the outbox (after the demo is committed). */
int demo_digest(struct store *db);

/* The arenas demo_arena.c made. */
struct demo_arenas {
	int64_t folkemodet, haarby;
};

/* The guide programme's demo accounts (demo_guides.c). */
#define DEMO_GUIDE_PEOPLE 3
extern const struct demo_person demo_guide_people[DEMO_GUIDE_PEOPLE];

/* What demo.c made that the guide programme refers to, by name. */
struct demo_guide_refs {
	const char *const *area_names;
	const int64_t *area_ids;
	size_t nareas;
	const char *const *org_names;
	const int64_t *org_ids;
	size_t norgs;
};
/* The guide programme: 0, or -1 on failure. */
int demo_guides_load(struct store *db, struct region *a, const struct demo_guide_refs *refs);

/* A verified account with password DEMO_PASSWORD, the terms consented
 * to, in language lang; 0, or -1 on failure. */
int demo_person_create(struct store *db, struct region *a, const struct demo_person *p, const char *lang,
		       int64_t *id);
/* days from today at hh:mm, local time, as UTC seconds. */
int64_t demo_in_days(int days, int hh, int mm);
/* Accounts (verified, password DEMO_PASSWORD) and their roles; ids in
 * demo_people order. 0, or -1 on failure. */
int demo_people_load(struct store *db, struct region *a, int64_t ids[DEMO_PEOPLE], int64_t dgi_id);
int demo_arenas_load(struct store *db, const struct demo_refs *refs, struct demo_arenas *out);
/* Proposals: in the Folkemødet arena two alternatives written by several
 * people, with amendments, comments, supports of four sectors and the
 * way through Assens Byråd; in the Haarby arena one still being written. */
int demo_proposals_load(struct store *db, struct region *a, const struct demo_refs *refs,
			const struct demo_arenas *arenas);
/* Local life (demo_locallife.c): its own demo accounts, printed by
 * `samskab demo`. */
#define DEMO_LOCAL_PEOPLE 3
extern const struct demo_person demo_local_people[DEMO_LOCAL_PEOPLE];
/* What demo.c made that local life refers to. */
struct demo_local_refs {
	int64_t haarby, glamsbjerg;
	int64_t nye_naboer, glamsbjerg_if; /* organisations that become associations */
	int64_t newcomer;                  /* Amina, who answers an offer */
	int64_t staff;                     /* writes the practical pages */
};
/* A dozen associations in Haarby and Glamsbjerg with their weeks and
 * events, practical pages in Danish and Arabic (one in Ukrainian too),
 * welcome offers from locals, one accepted by a newcomer. 0 or -1. */
int demo_local_life_load(struct store *db, struct region *a, const struct demo_local_refs *refs);
/* The Haarby arena's dialogue: seeded statements and the votes of 48
 * pseudonymous participants, the same every time. */
int demo_dialogue_load(struct store *db, int64_t arena_id, int64_t area_id, int64_t facilitator);

#endif
