/*
 * demo.c: `samskab demo`: fills a new database with Assens-like data so
 * every page has something real to show: local areas of Assens
 * Municipality, three themes, the 18 organisations of the co-creation
 * arena at Folkemødet 2016 (from the seed story) with their sectors, and
 * local groups; then the people and arenas of demo_arena.c, the guide
 * programme of demo_guides.c and local life in Haarby and Glamsbjerg
 * (demo_locallife.c). All in one
 * transaction: the demo loads whole or not at all. It needs libsodium
 * ready (demo passwords are hashed).
 */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/demo.h"
#include "core/region.h"
#include "core/secret.h"
#include "model/area.h"
#include "model/opinion_map.h"
#include "model/organisation.h"
#include "model/sitekey.h"
#include "model/theme.h"
#include "store/migrate.h"

static const struct term demo_areas[] = {
	{ 0, "Assens", "Købstaden ved Lillebælt med havn, handelsliv og kommunens rådhus.", "da", 0 },
	{ 0, "Aarup", "Stationsby i den nordlige del af kommunen med skole, hal og et aktivt "
		      "foreningsliv.", "da", 0 },
	{ 0, "Ebberup", "Landsby mellem Assens og Helnæs med skole og forsamlingshus.", "da", 0 },
	{ 0, "Glamsbjerg", "By midt i kommunen med skoler, idrætscenter og butikker.", "da", 0 },
	{ 0, "Haarby", "By i den sydlige del af kommunen med skole, hal og mange foreninger.", "da", 0 },
	{ 0, "Tommerup", "Stationsby i den østlige del af kommunen tæt på Odense.", "da", 0 },
	{ 0, "Vissenbjerg", "By i den nordøstlige del af kommunen med skov, bakker og "
			    "foreningsliv.", "da", 0 },
	{ 0, "Brylle", "Landsby ved Tommerup med skole, børnehus og idrætsforening.", "da", 0 },
};

static const struct term demo_themes[] = {
	{ 0, "Integration af flygtninge",
	  "Hvordan nye medborgere bliver en del af lokalsamfundet: fritidsliv, foreninger, "
	  "arbejde og hverdag, også efter kommunens lukketid.", "da", 0 },
	{ 0, "Udsatte unge",
	  "Unge, der har svært ved at finde fodfæste i skole, job og fællesskaber, og hvad "
	  "lokalsamfundet kan gøre sammen med dem.", "da", 0 },
	{ 0, "Ensomme ældre",
	  "Ældre, der sidder alene: hvordan naboer, foreninger og kommune kan skabe "
	  "fællesskaber sammen med dem.", "da", 0 },
};

/* The 18 organisations of the Folkemødet 2016 arena, as the seed lists
 * them. Descriptions only where the organisation's role is plain. */
#define DEMO_ORG(n, s, web, desc) { .name = (n), .sector = (s), .website = (web), .description = (desc), .lang = "da" }
static const struct organisation demo_orgs[] = {
	DEMO_ORG("Københavns Kommune", SECTOR_PUBLIC, "https://www.kk.dk",
		 "Danmarks største kommune."),
	DEMO_ORG("Assens Kommune", SECTOR_PUBLIC, "https://www.assens.dk",
		 "Kommunen på Vestfyn, der tog samskabelsen med hjem og bruger den lokalområde for "
	  "lokalområde."),
	DEMO_ORG("Skanderborg Kommune", SECTOR_PUBLIC, "https://www.skanderborg.dk",
		 ""),
	DEMO_ORG("Frivilligrådet", SECTOR_PUBLIC, NULL,
		 "Rådgiver om frivilligt socialt arbejde og civilsamfundets rolle."),
	DEMO_ORG("Boligforeningen 3B", SECTOR_VOLUNTARY, NULL,
		 "Almen boligforening."),
	DEMO_ORG("RUC", SECTOR_PUBLIC, "https://ruc.dk",
		 "Roskilde Universitet."),
	DEMO_ORG("VIA", SECTOR_PUBLIC, "https://www.via.dk",
		 "VIA University College."),
	DEMO_ORG("BETA", SECTOR_PRIVATE, NULL,
		 ""),
	DEMO_ORG("Resonans", SECTOR_PRIVATE, NULL,
		 "Konsulentfirma, der arrangerede samskabelsesarenaen på Folkemødet 2016."),
	DEMO_ORG("Dansk Flygtningehjælp", SECTOR_VOLUNTARY, "https://flygtning.dk",
		 "Humanitær organisation, der arbejder med flygtninge i Danmark og i verden."),
	DEMO_ORG("Dansk Flygtningehjælps Ungdom", SECTOR_VOLUNTARY, NULL,
		 "Ungdomsorganisation under Dansk Flygtningehjælp."),
	DEMO_ORG("Ungdommens Røde Kors", SECTOR_VOLUNTARY, "https://urk.dk",
		 "Frivillig organisation af unge for børn og unge."),
	DEMO_ORG("DGI", SECTOR_VOLUNTARY, "https://www.dgi.dk",
		 "Idrætsorganisation for foreninger."),
	DEMO_ORG("BROEN Danmark", SECTOR_VOLUNTARY, NULL,
		 "Hjælper børn og unge fra udsatte familier ind i foreningslivet."),
	DEMO_ORG("DeltagerDanmark", SECTOR_VOLUNTARY, NULL,
		 ""),
	DEMO_ORG("UCSJ", SECTOR_PUBLIC, NULL,
		 "University College Sjælland."),
	DEMO_ORG("ISS", SECTOR_PRIVATE, NULL,
		 "Servicevirksomhed."),
	DEMO_ORG("NCC", SECTOR_PRIVATE, NULL,
		 "Bygge- og anlægsvirksomhed."),
};

/* Local groups in the areas, so area pages and the citizen-led sector
 * have something to show. Invented for the demo. */
static const struct {
	const char *name, *area, *description;
	enum sector sector;
} demo_local[] = {
	{ "Haarby Netværk for Nye Naboer", "Haarby",
	  "Borgere, der inviterer nye naboer med til fællesspisning, sport og arbejdsdage i "
	  "børnehaven.", SECTOR_CITIZEN },
	{ "Glamsbjerg Idrætsforening", "Glamsbjerg", "Fodbold, håndbold og gymnastik for alle aldre.",
	  SECTOR_VOLUNTARY },
	{ "Aarup Seniorklub", "Aarup", "Ugentlige træf, ture og kaffe for seniorer.", SECTOR_CITIZEN },
	{ "Assens Lokalråd", "Assens", "Borgernes stemme i byens udvikling.", SECTOR_CITIZEN },
};

static int demo_load(struct store *db, struct region *a)
{
	struct field_errors errs = { .n = 0 };
	enum { NAREAS = sizeof demo_areas / sizeof demo_areas[0], NTHEMES = sizeof demo_themes / sizeof demo_themes[0],
	       NORGS = sizeof demo_orgs / sizeof demo_orgs[0], NLOCAL = sizeof demo_local / sizeof demo_local[0] };
	int64_t area_ids[NAREAS], theme_ids[NTHEMES], org_ids[NORGS], local_ids[NLOCAL];
	for (size_t i = 0; i < NAREAS; i++)
		if (area_create(db, &demo_areas[i], &area_ids[i], &errs) != MODEL_OK)
			return -1;
	for (size_t i = 0; i < NTHEMES; i++)
		if (theme_create(db, &demo_themes[i], &theme_ids[i], &errs) != MODEL_OK)
			return -1;
	for (size_t i = 0; i < NORGS; i++) {
		struct organisation o = demo_orgs[i];
		if (strcmp(o.name, "Assens Kommune") == 0)
			o.area_id = area_ids[0];
		if (organisation_create(db, &o, &org_ids[i], &errs) != MODEL_OK)
			return -1;
	}
	for (size_t i = 0; i < NLOCAL; i++) {
		struct organisation o = { .name = demo_local[i].name,
					  .sector = demo_local[i].sector,
					  .description = demo_local[i].description,
					  .lang = "da" };
		for (size_t k = 0; k < NAREAS; k++)
			if (strcmp(demo_areas[k].name, demo_local[i].area) == 0)
				o.area_id = area_ids[k];
		if (organisation_create(db, &o, &local_ids[i], &errs) != MODEL_OK)
			return -1;
	}
	int64_t dgi = 0, urk = 0, assens = 0, iss = 0;
	for (size_t i = 0; i < NORGS; i++) {
		if (strcmp(demo_orgs[i].name, "DGI") == 0)
			dgi = org_ids[i];
		if (strcmp(demo_orgs[i].name, "Ungdommens Røde Kors") == 0)
			urk = org_ids[i];
		if (strcmp(demo_orgs[i].name, "Assens Kommune") == 0)
			assens = org_ids[i];
		if (strcmp(demo_orgs[i].name, "ISS") == 0)
			iss = org_ids[i];
	}
	int64_t people[DEMO_PEOPLE];
	if (demo_people_load(db, a, people, dgi) != 0)
		return -1;
	/* Haarby: the Red Cross youth, the senior club and the neighbours' network. */
	const int64_t haarby_orgs[] = { urk, local_ids[0], local_ids[2] };
	struct demo_refs refs = {
		.theme_integration = theme_ids[0],
		.theme_elderly = theme_ids[2],
		.area_assens = area_ids[0],
		.area_haarby = area_ids[4],
		.arena_orgs = org_ids,
		.narena_orgs = NORGS,
		.haarby_orgs = haarby_orgs,
		.nhaarby_orgs = sizeof haarby_orgs / sizeof haarby_orgs[0],
		.dgi = dgi,
		.facilitator = people[1],
		.citizen = people[3],
		.people = people,
		.assens_kommune = assens,
		.iss = iss,
		.nye_naboer = local_ids[0],
		.area_glamsbjerg = area_ids[3],
	};
	struct demo_arenas arenas;
	if (demo_arenas_load(db, &refs, &arenas) != 0 || demo_proposals_load(db, a, &refs, &arenas) != 0)
		return -1;
	const char *area_names[NAREAS], *org_names[NORGS + NLOCAL];
	int64_t orgs[NORGS + NLOCAL];
	for (size_t i = 0; i < NAREAS; i++)
		area_names[i] = demo_areas[i].name;
	for (size_t i = 0; i < NORGS; i++) {
		org_names[i] = demo_orgs[i].name;
		orgs[i] = org_ids[i];
	}
	for (size_t i = 0; i < NLOCAL; i++) {
		org_names[NORGS + i] = demo_local[i].name;
		orgs[NORGS + i] = local_ids[i];
	}
	struct demo_guide_refs guide_refs = { area_names, area_ids, NAREAS, org_names, orgs,
					      NORGS + NLOCAL };
	if (demo_guides_load(db, a, &guide_refs) != 0)
		return -1;
	const struct demo_local_refs life = { area_ids[4], area_ids[3], local_ids[0], local_ids[1], people[3],
					      people[1] };
	return demo_local_life_load(db, a, &life);
}

/* The maps of the demo's dialogues, so the pages show them at once. */
static int refresh_maps(struct store *db)
{
	struct region *a = region_new();
	int64_t *ids;
	size_t n = 0;
	enum model_rc rc = opinion_map_stale(db, a, INT64_MAX / 2, 0, &ids, &n);
	for (size_t i = 0; rc == MODEL_OK && i < n; i++) {
		struct opinion_tracker *t = opinion_tracker_new(ids[i]);
		rc = opinion_map_refresh(db, t);
		opinion_tracker_free(t);
	}
	region_free(a);
	return rc == MODEL_OK ? 0 : -1;
}

/* The database's site key, made now, so the demo's participants carry
 * fingerprints of their addresses that the server can compare. */
static int demo_key(struct store *db)
{
	unsigned char key[SECRET_KEY_BYTES];
	if (sitekey_get(db, SITEKEY_SITE, 1, key) != MODEL_OK)
		return -1;
	secret_site_key_set(key);
	return 0;
}

int cmd_demo(int argc, char **argv)
{
	struct db_settings s = DB_SETTINGS_DEFAULT;
	const struct opt opts[] = { DB_OPTS(s) };
	const struct opt_cmd cmd = { "demo", "[options]",
				     "Load Assens-like demo data into a new, empty database "
				     "(migrating it first).",
				     opts, sizeof opts / sizeof opts[0], 0, 0 };
	char *args[1];
	int nargs, rc = opt_parse(&cmd, argc, argv, args, &nargs);
	if (rc != 0)
		return rc == 1 ? 0 : rc;
	struct store_options so;
	if ((rc = db_settings_check(&cmd, &s, &so)) != 0)
		return rc;
	if (secret_init() != 0) {
		fprintf(stderr, "samskab demo: cannot initialise libsodium\n");
		return 1;
	}
	struct store *db = db_open("demo", &s, &so);
	if (db == NULL)
		return 1;
	char err[512];
	int applied;
	struct region *a = region_new();
	struct term *existing;
	size_t n = 0;
	rc = 1;
	if (migrate_apply(db, &applied, err, sizeof err) != 0) {
		fprintf(stderr, "samskab demo: %s\n", err);
	} else if (area_list(db, a, &existing, &n) != MODEL_OK) {
		fprintf(stderr, "samskab demo: cannot read the database: %s\n", store_error(db));
	} else if (n > 0) {
		fprintf(stderr, "samskab demo: the database already has data; demo data goes into a "
				"new database only\n");
	} else if (store_begin(db) != STORE_OK || demo_key(db) != 0 || demo_load(db, a) != 0 ||
		   store_commit(db) != STORE_OK) {
		fprintf(stderr, "samskab demo: loading failed, nothing was saved: %s\n", store_error(db));
		store_rollback(db);
	} else if (refresh_maps(db) != 0) {
		fprintf(stderr, "samskab demo: the opinion maps could not be computed: %s\n", store_error(db));
	} else if (demo_digest(db) != 0) {
		fprintf(stderr, "samskab demo: the demo digest could not be written: %s\n", store_error(db));
	} else {
		printf("demo data loaded; demo accounts (password \"%s\"):\n", DEMO_PASSWORD);
		for (int i = 0; i < DEMO_PEOPLE; i++)
			printf("  %-22s %s\n", demo_people[i].email, demo_people[i].what);
		for (int i = 0; i < DEMO_GUIDE_PEOPLE; i++)
			printf("  %-22s %s\n", demo_guide_people[i].email, demo_guide_people[i].what);
		for (int i = 0; i < DEMO_LOCAL_PEOPLE; i++)
			printf("  %-22s %s\n", demo_local_people[i].email, demo_local_people[i].what);
		rc = 0;
	}
	region_free(a);
	store_close(db);
	return rc;
}
