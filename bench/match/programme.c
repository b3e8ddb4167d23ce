/*
 * programme.c: a municipality-sized guide programme in a new database, for
 * timing a coordinator's click on "run the matching" through the real
 * server (bench/match/run): NEWCOMERS newcomers waiting and GUIDES guides
 * (people.h) in 10 local areas over a 30 x 30 km municipality, and a
 * coordinator bench@example.dk (password bench-password-1). Written
 * through the model, in one transaction.
 *
 *   programme DB [NEWCOMERS GUIDES]   (default 300 150)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/log.h"
#include "core/password.h"
#include "core/secret.h"
#include "model/account.h"
#include "model/area.h"
#include "model/guide.h"
#include "model/newcomer.h"
#include "model/programme.h"
#include "model/role.h"
#include "people.h"
#include "store/migrate.h"

#define AREAS 10

static int load(struct store *db, struct region *a, int nn, int ng)
{
	struct field_errors e = { .n = 0 };
	int64_t area[AREAS];
	for (int k = 0; k < AREAS; k++) {
		struct term t = { .name = region_printf(a, "Område %d", k + 1), .lang = "da" };
		if (area_create(db, &t, &area[k], &e) != MODEL_OK ||
		    area_set_centre(db, area[k], 55150000 + (int32_t)(people_rnd() % 270000),
				    9850000 + (int32_t)(people_rnd() % 470000)) != MODEL_OK)
			return -1;
	}
	struct programme p = { .name = "Vejvisere", .weight_interest = 10, .weight_near = 3,
			       .weight_wait = 2, .lang = "da" };
	int64_t programme, coordinator;
	char hash[PASSWORD_HASH_MAX];
	if (programme_create(db, &p, &programme, &e) != MODEL_OK || password_hash("bench-password-1", hash) != 0 ||
	    account_create_hashed(db, a, "bench@example.dk", "Bente Bench", hash, "da", &coordinator, &e) != MODEL_OK ||
	    account_mark_verified(db, coordinator) != MODEL_OK ||
	    role_grant(db, coordinator, ROLE_COORDINATOR, SCOPE_GLOBAL, 0, 0, "bench", &e) != MODEL_OK)
		return -1;
	for (int j = 0; j < ng; j++) {
		struct match_guide m = people_guide(AREAS, 1 + (int32_t)(people_rnd() % 3));
		struct guide g = { .programme_id = programme, .area_id = area[m.area], .reach_km = m.reach_km,
				   .languages = m.languages, .interests = m.interests,
				   .availability = m.availability, .gender = (enum gender)m.gender,
				   .capacity = m.capacity };
		int64_t id;
		if (account_create_hashed(db, a, region_printf(a, "guide%d@example.dk", j), "Guide", hash, "da",
					  &g.account_id, &e) != MODEL_OK ||
		    guide_create(db, &g, &id, &e) != MODEL_OK ||
		    (m.record_checked && guide_set_record_checked(db, id, 1, coordinator, "bench") != MODEL_OK))
			return -1;
	}
	struct newcomer_actor who = { coordinator, "bench" };
	int64_t now = model_now();
	for (int i = 0; i < nn; i++) {
		enum target_group target;
		struct match_newcomer m = people_newcomer(AREAS, &target);
		/* A date of birth on the right side of 18. */
		const char *born = m.flags & MATCH_MINOR ? "2012-01-01" : "1990-01-01";
		struct newcomer x = { .programme_id = programme, .first_name = "Nytilkommen",
				      .target_group = target, .born = born, .gender = (enum gender)m.gender,
				      .area_id = area[m.area], .languages = m.languages,
				      .interests = m.interests, .availability = m.availability,
				      .same_gender = (m.flags & MATCH_SAME_GENDER) != 0,
				      .consent_how = CONSENT_HOW_IN_PERSON,
				      .waiting_since = now - (int64_t)m.waited_days * 86400 };
		int64_t id;
		if (newcomer_create(db, &x, 1, &who, &id, &e) != MODEL_OK)
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2 && argc != 4) {
		fprintf(stderr, "usage: programme DB [NEWCOMERS GUIDES]\n");
		return 2;
	}
	int nn = argc == 4 ? atoi(argv[2]) : 300, ng = argc == 4 ? atoi(argv[3]) : 150;
	char err[512];
	int applied;
	log_set_level(LOG_WARN);
	if (secret_init() != 0 || i18n_init(err, sizeof err) != 0) {
		fprintf(stderr, "programme: cannot initialise\n");
		return 1;
	}
	struct store *db = store_open(argv[1], NULL, err, sizeof err);
	if (db == NULL || migrate_apply(db, &applied, err, sizeof err) != 0) {
		fprintf(stderr, "programme: %s\n", err);
		return 1;
	}
	struct region *a = region_new();
	int rc = store_begin(db) == STORE_OK && load(db, a, nn, ng) == 0 && store_commit(db) == STORE_OK ? 0 : 1;
	if (rc)
		fprintf(stderr, "programme: loading failed: %s\n", store_error(db));
	region_free(a);
	store_close(db);
	return rc;
}
