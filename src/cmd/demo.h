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

#define DEMO_PEOPLE 4
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
};

/* UTC seconds of hh:00 Danish time, days from today. */
int64_t demo_in_days(int days, int hh);

/* The address demo mail links to: where `make run` serves. */
#define DEMO_BASE_URL "http://127.0.0.1:8080"

/* What Amina follows and has heard of (demo_follow.c): called by
 * demo_arenas_load with the Haarby arena and its activities' ids. */
int demo_follow_load(struct store *db, const struct demo_refs *refs, int64_t haarby, int64_t workshop,
		     int64_t interview);
/* Her daily digest of it, in the outbox (after the demo is committed). */
int demo_digest(struct store *db);

/* Accounts (verified, password DEMO_PASSWORD) and their roles; ids in
 * demo_people order. 0, or -1 on failure. */
int demo_people_load(struct store *db, struct region *a, int64_t ids[DEMO_PEOPLE], int64_t dgi_id);
int demo_arenas_load(struct store *db, const struct demo_refs *refs);
/* The Haarby arena's dialogue: seeded statements and the votes of 48
 * pseudonymous participants, the same every time. */
int demo_dialogue_load(struct store *db, int64_t arena_id, int64_t area_id, int64_t facilitator);

#endif
