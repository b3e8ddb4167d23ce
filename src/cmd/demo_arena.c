/*
 * demo_arena.c: the demo's people and arenas: four demo accounts (printed
 * by `samskab demo`), the 2016 Folkemødet co-creation arena on refugee
 * integration with its 18 organisations, a panel debate, two workshops
 * and an interview (past, with minutes), the story Assens told of it, and
 * an open arena on lonely elderly in Haarby with activities in the coming
 * weeks, so a visitor can sign up.
 */
#include <stdio.h>
#include <string.h>

#include "cmd/demo.h"
#include "core/tz.h"
#include "model/account.h"
#include "model/activity.h"
#include "model/arena.h"
#include "core/secret.h"
#include "model/consent.h"
#include "model/dialogue.h"
#include "model/participant.h"
#include "model/role.h"
#include "model/story.h"

const struct demo_person demo_people[DEMO_PEOPLE] = {
	{ "anna@demo.example", "Anna Andersen", "administrator" },
	{ "frida@demo.example", "Frida Facilitator", "facilitator (opens and runs arenas)" },
	{ "dgi@demo.example", "Dennis fra DGI", "representative of DGI" },
	{ "amina@demo.example", "Amina Haddad", "citizen" },
	{ "byraad@demo.example", "Søren Madsen", "council member (records the council's decisions)" },
};

/* Local time in Copenhagen, as UTC seconds (the demo's dates exist). */
static int64_t at(int y, int m, int d, int hh, int mm)
{
	int64_t t = 0;
	tz_to_utc(y, m, d, hh, mm, &t);
	return t;
}

int64_t demo_in_days(int days, int hh, int mm)
{
	struct tz_local l;
	tz_from_utc(model_now() + (int64_t)days * 86400, &l);
	return at(l.year, l.month, l.day, hh, mm);
}

static const char folkemodet_description[] =
	"På Folkemødet på Bornholm i juni 2016 samlede konsulentfirmaet Resonans 18 aktører fra "
	"den offentlige, private og frivillige sektor i en **samskabelsesarena** om integration af "
	"flygtninge: paneldebatter, workshops og interviews.\n\n"
	"Arenaen startede med et blankt papir: intet komma eller punktum var sat på forhånd. "
	"Assens Kommune tog to idéer med hjem: at bruge lokalområderne i stedet for hele kommunen "
	"som arena, og at lade kolleger på arbejdspladserne være vejvisere ind i foreningslivet.";

static const char haarby_description[] =
	"Mange ældre i og omkring Haarby bor alene, og flere savner nogen at tale med i "
	"hverdagen. Sammen med foreninger, naboer, butikker og de ældre selv vil vi finde ud af, "
	"hvad der kan skabe fællesskab, også uden for kommunens åbningstid.\n\n"
	"Alle er velkomne: kom til en workshop, skriv dig på et møde, eller del dine idéer i "
	"dialogen.";

static const char story_body[] =
	"Udgangspunktet var løsninger på integrationsområdet, men efter Folkemødet 2016 stod "
	"oplevelsen stærkt: samskabelsens principper kan bruges på mange andre politiske områder, "
	"fra udsatte unge til ensomme ældre.\n\n"
	"## Alle er med i dialogen\n\n"
	"I en samskabelsesproces taler man ikke *om* de mennesker, politikken handler om: de er "
	"med i dialogen. Det giver en bedre argumentation og bruger alle de ressourcer, der er.\n\n"
	"## Skal oversættes lokalt\n\n"
	"- I stedet for hele kommunen som arena bruges lokalområderne. Kommunen lukker om "
	"eftermiddagen, men nye medborgere har et liv efter lukketid og har brug for lokale, der "
	"inviterer dem ind i fritidslivet.\n"
	"- Kolleger på arbejdspladserne kan være vejvisere til foreningslivet, for flygtninge, "
	"sårbare unge og langtidssygemeldte, der vender tilbage.\n\n"
	"Læringen: politikere må aldrig blive så forelskede i én løsning, at de glemmer dialogen "
	"med borgere og foreninger.\n\n"
	"*Frit gengivet efter Assens Kommunes fortælling på DenOffentlige, 4. juli 2016.*";

struct demo_activity {
	enum activity_kind kind;
	const char *title, *description, *place;
	int y, m, d, hh, mm, minutes;
	const char *summary, *notes;
};

static const struct demo_activity folkemodet_activities[] = {
	{ KIND_PANEL, "Paneldebat: Hvem tager ansvar for integrationen?",
	  "Politikere, frivillige og virksomheder om, hvordan flygtninge bliver en del af "
	  "arbejdsliv og lokalsamfund.",
	  "Samskabelsesarenaen, Allinge", 2016, 6, 16, 14, 0, 60,
	  "Ingen aktør kan løfte integrationen alene. Virksomhederne efterlyste en fast indgang til "
	  "kommunen, de frivillige en plads ved bordet tidligt i processen.",
	  "- Kommunerne fortalte om job med løntilskud og sprogundervisning på arbejdspladsen.\n"
	  "- De frivillige pegede på fritidslivet som stedet, hvor naboskab opstår.\n"
	  "- Aftale: et fælles notat om, hvad hver sektor kan bidrage med." },
	{ KIND_WORKSHOP, "Workshop: Fra modtagelse til medborgerskab",
	  "Vi tegner forløbet for en familie fra ankomst til et liv i lokalsamfundet, og finder "
	  "hullerne sammen.",
	  "Samskabelsesarenaen, Allinge", 2016, 6, 17, 10, 0, 120,
	  "Det største hul er tiden efter kl. 16: her mangler nye medborgere lokale, der inviterer "
	  "dem med.",
	  "Forløbet blev tegnet i fem trin. Flest sedler kom ved trinnet \"de første tre måneder i "
	  "kommunen\"." },
	{ KIND_WORKSHOP, "Workshop: Lokalområdet som arena",
	  "Hvad sker der, hvis vi samskaber i det enkelte lokalområde i stedet for i hele "
	  "kommunen?",
	  "Samskabelsesarenaen, Allinge", 2016, 6, 17, 13, 0, 120,
	  "Lokalområdet er den rigtige størrelse: folk kender hinanden, og foreningerne er tæt på.",
	  "Idé: en lokal \"velkomstpakke\" med foreningernes tilbud og en fast kontaktperson." },
	{ KIND_INTERVIEW, "Interview: Nye medborgere fortæller",
	  "Tre nye medborgere fortæller om deres første år i en dansk kommune.",
	  "Samskabelsesarenaen, Allinge", 2016, 6, 18, 11, 0, 60,
	  "At blive inviteret med, til fodbold, til arbejdsdag i børnehaven, betød mere end "
	  "nogen folder.",
	  "" },
};

/* Takes the arena's organisations in and marks them as having accepted. */
static int add_members(struct store *db, int64_t arena_id, const int64_t *org_ids, size_t n, int accept)
{
	for (size_t i = 0; i < n; i++) {
		struct field_errors errs = { .n = 0 };
		if (arena_invite(db, arena_id, org_ids[i], "", "", &errs) != MODEL_OK ||
		    (accept && arena_respond(db, arena_id, org_ids[i], 1) != MODEL_OK))
			return -1;
	}
	return 0;
}

static int add_activity(struct store *db, int64_t arena_id, const struct activity *x, int64_t *out)
{
	struct field_errors errs = { .n = 0 };
	int64_t id, *idp = out ? out : &id;
	struct activity copy = *x;
	copy.arena_id = arena_id;
	if (activity_create(db, &copy, idp, &errs) != MODEL_OK) {
		for (int i = 0; i < errs.n; i++)
			fprintf(stderr, "samskab demo: activity %s: %s\n", x->title, errs.items[i].field);
		return -1;
	}
	return 0;
}

int demo_person_create(struct store *db, struct region *a, const struct demo_person *p, const char *lang,
		       int64_t *id)
{
	struct field_errors errs = { .n = 0 };
	if (account_create(db, a, p->email, p->name, DEMO_PASSWORD, lang, id, &errs) != MODEL_OK ||
	    account_mark_verified(db, *id) != MODEL_OK || consent_give(db, *id, CONSENT_TERMS) != MODEL_OK)
		return -1;
	return 0;
}

int demo_people_load(struct store *db, struct region *a, int64_t ids[DEMO_PEOPLE], int64_t dgi_id)
{
	for (int i = 0; i < DEMO_PEOPLE; i++)
		if (demo_person_create(db, a, &demo_people[i], "da", &ids[i]) != 0)
			return -1;
	struct field_errors errs = { .n = 0 };
	if (role_grant(db, ids[0], ROLE_ADMIN, SCOPE_GLOBAL, 0, 0, "demo", &errs) != MODEL_OK ||
	    role_grant(db, ids[1], ROLE_FACILITATOR, SCOPE_GLOBAL, 0, 0, "demo", &errs) != MODEL_OK ||
	    role_grant(db, ids[2], ROLE_REPRESENTATIVE, SCOPE_ORGANISATION, dgi_id, 0, "demo", &errs) != MODEL_OK ||
	    role_grant(db, ids[4], ROLE_COUNCIL, SCOPE_GLOBAL, 0, 0, "demo", &errs) != MODEL_OK)
		return -1;
	return 0;
}

int demo_arenas_load(struct store *db, const struct demo_refs *refs, struct demo_arenas *out)
{
	struct field_errors errs = { .n = 0 };
	int64_t folkemodet, haarby, id;
	struct arena a = { .title = "Samskabelsesarena om integration – Folkemødet 2016",
			   .theme_id = refs->theme_integration,
			   .description = folkemodet_description,
			   .lang = "da" };
	if (arena_create(db, &a, NULL, 0, refs->facilitator, "demo", &folkemodet, &errs) != MODEL_OK)
		return -1;
	out->folkemodet = folkemodet;
	struct arena_phase phases[] = {
		{ 0, 1, PHASE_DIALOGUE, "Arena på Folkemødet", "2016-06-16", "2016-06-18" },
		{ 0, 2, PHASE_DRAFTING, "Idéer oversættes lokalt", "2016-07-01", "2016-12-31" },
		{ 0, 3, PHASE_COUNCIL, "Hos byrådet", "2017-01-01", "2017-03-31" },
		{ 0, 4, PHASE_FOLLOWUP, "Opfølgning i lokalområderne", "2017-04-01", NULL },
	};
	if (arena_set_phases(db, folkemodet, phases, 4, 3, &errs) != MODEL_OK ||
	    add_members(db, folkemodet, refs->arena_orgs, refs->narena_orgs, 1) != 0)
		return -1;
	for (size_t i = 0; i < sizeof folkemodet_activities / sizeof folkemodet_activities[0]; i++) {
		const struct demo_activity *d = &folkemodet_activities[i];
		int64_t start = at(d->y, d->m, d->d, d->hh, d->mm);
		struct activity x = { .kind = d->kind, .title = d->title, .description = d->description,
				      .starts_at = start, .ends_at = start + d->minutes * 60, .place = d->place,
				      .capacity = 60, .step_free = 1, .summary = d->summary, .minutes = d->notes,
				      .lang = "da" };
		if (add_activity(db, folkemodet, &x, NULL) != 0)
			return -1;
	}
	if (arena_set_status(db, folkemodet, ARENA_CLOSED) != MODEL_OK)
		return -1;
	struct story s = { .title = "Samskabelse er politikudvikling på højt niveau",
			   .body = story_body,
			   .arena_id = folkemodet,
			   .area_id = refs->area_assens,
			   .author_name = "Assens Kommune",
			   .published_on = "2016-07-04",
			   .licence = STORY_LICENCE_DEFAULT,
			   .lang = "da" };
	if (story_create(db, &s, &id, &errs) != MODEL_OK)
		return -1;

	struct arena b = { .title = "Ensomme ældre i Haarby",
			   .theme_id = refs->theme_elderly,
			   .description = haarby_description,
			   .lang = "da" };
	int64_t haarby_area = refs->area_haarby;
	if (arena_create(db, &b, &haarby_area, 1, refs->facilitator, "demo", &haarby, &errs) != MODEL_OK)
		return -1;
	out->haarby = haarby;
	if (add_members(db, haarby, refs->haarby_orgs, refs->nhaarby_orgs, 1) != 0 ||
	    add_members(db, haarby, &refs->dgi, 1, 0) != 0)
		return -1;
	char today[32], later[32];
	struct tz_local l;
	tz_from_utc(model_now(), &l);
	snprintf(today, sizeof today, "%04d-%02d-%02d", l.year, l.month, l.day);
	tz_from_utc(model_now() + 60 * 86400, &l);
	snprintf(later, sizeof later, "%04d-%02d-%02d", l.year, l.month, l.day);
	struct arena_phase hp[] = {
		{ 0, 1, PHASE_DIALOGUE, "Vi lytter og taler sammen", today, later },
		{ 0, 2, PHASE_DRAFTING, "Forslag skrives sammen", NULL, NULL },
		{ 0, 3, PHASE_COUNCIL, "Hos byrådet", NULL, NULL },
		{ 0, 4, PHASE_FOLLOWUP, "Opfølgning", NULL, NULL },
	};
	if (arena_set_phases(db, haarby, hp, 4, 0, &errs) != MODEL_OK)
		return -1;
	struct activity workshop = {
		.kind = KIND_WORKSHOP, .title = "Workshop: Hvor mødes vi i Haarby?",
		.description = "Vi kortlægger steder og tidspunkter, hvor ældre og naboer kan mødes. "
			       "Kaffe og kage. Tolkning til arabisk og ukrainsk.",
		.starts_at = demo_in_days(10, 17, 0), .ends_at = demo_in_days(10, 19, 0), .place = "Haarby Bibliotek",
		.capacity = 20, .step_free = 1,
		.accessibility = "Indgang fra parkeringspladsen, handicaptoilet, høreslynge.",
		.interpretation = "ar uk", .lang = "da"
	};
	struct activity meeting = {
		.kind = KIND_MEETING, .title = "Borgermøde om fællesspisning",
		.description = "Skal vi have en fast fællesspisning i Haarby? Kom og sig din mening.",
		.starts_at = demo_in_days(24, 18, 0), .ends_at = demo_in_days(24, 20, 0), .place = "Haarby Hallen, mødelokale 2",
		.capacity = -1, .step_free = 1, .lang = "da"
	};
	struct activity interview = {
		.kind = KIND_INTERVIEW, .title = "Samtaler: Ældre fortæller",
		.description = "Korte samtaler med ældre i Haarby om hverdagen. Kun tre pladser.",
		.starts_at = demo_in_days(31, 10, 0), .ends_at = demo_in_days(31, 12, 0), .place = "Haarby Ældrecenter",
		.capacity = 3, .step_free = 1, .lang = "da"
	};
	int64_t workshop_id, interview_id;
	if (add_activity(db, haarby, &workshop, &workshop_id) != 0 || add_activity(db, haarby, &meeting, NULL) != 0 ||
	    add_activity(db, haarby, &interview, &interview_id) != 0)
		return -1;
	if (demo_dialogue_load(db, haarby, haarby_area, refs->facilitator) != 0)
		return -1;
	return demo_follow_load(db, refs, haarby, workshop_id, interview_id);
}

/* Statements of the Haarby dialogue, and how three kinds of participant
 * tend to vote on them (1 agree, -1 disagree, 0 pass): people who want
 * more done by volunteers and neighbours, people who want the municipality
 * to do more, and the elderly themselves. */
static const struct {
	const char *text;
	int leaning[3];
} haarby_statements[] = {
	{ "Naboer kan gøre mere for ensomme ældre end kommunen kan.", { 1, -1, 0 } },
	{ "Kommunen skal have en fast medarbejder, der opsøger ensomme ældre.", { -1, 1, 1 } },
	{ "En ugentlig fællesspisning i Haarby ville hjælpe mange.", { 1, 1, 1 } },
	{ "Foreningerne bør åbne deres aktiviteter for ældre, der ikke er medlemmer.", { 1, 0, 1 } },
	{ "Det er pinligt at sige, at man er ensom.", { 0, 0, 1 } },
	{ "Busforbindelserne er for dårlige til, at ældre kan komme ud.", { -1, 1, 1 } },
	{ "Unge og ældre bør mødes mere, fx i skolen.", { 1, -1, 1 } },
	{ "Frivillige skal ikke løse opgaver, som kommunen har ansvaret for.", { -1, 1, 0 } },
	{ "Biblioteket er et godt sted at mødes på tværs af generationer.", { 1, 1, 0 } },
	{ "Digitale tilbud kan ikke erstatte at mødes.", { 1, 1, 1 } },
	{ "Jeg vil gerne selv være besøgsven.", { 1, -1, -1 } },
	{ "Butikkerne i Haarby kunne være mødesteder, fx med en kaffekrog.", { 1, 0, 1 } },
};

int demo_dialogue_load(struct store *db, int64_t arena_id, int64_t area_id, int64_t facilitator)
{
	enum { NS = sizeof haarby_statements / sizeof haarby_statements[0], NP = 48 };
	int64_t sids[NS];
	for (int i = 0; i < NS; i++) {
		struct field_errors errs = { .n = 0 };
		enum statement_status st;
		if (statement_add(db, arena_id, 0, facilitator, haarby_statements[i].text, "da", 1, &st, &sids[i],
				  &errs) != MODEL_OK)
			return -1;
	}
	/* A fixed pseudo-random sequence, so every demo is the same. */
	uint32_t seed = 20161607;
	int64_t t = (model_now() - 3 * 86400) * 1000;
	for (int p = 0; p < NP; p++) {
		char token[SECRET_TOKEN_LEN + 1], address[32], origin[SECRET_TOKEN_LEN + 1];
		int64_t pid;
		secret_token(token);
		/* Eight voted from one school's network; facilitators see it. */
		snprintf(address, sizeof address, "198.51.100.%d", p < 8 ? 23 : 30 + p);
		secret_site_sign("origin", address, origin);
		if (participant_from_token(db, token, 1, origin, &pid) != MODEL_OK)
			return -1;
		int kind = p % 3;
		if (p % 2 == 0 && participant_set_facts(db, pid, area_id, kind == 1 ? SECTOR_PUBLIC : SECTOR_CITIZEN) != MODEL_OK)
			return -1;
		for (int s = 0; s < NS; s++) {
			seed = seed * 1103515245u + 12345u;
			int roll = (int)(seed >> 16) % 100;
			if (roll < 20)
				continue; /* not everyone sees every statement */
			int value = haarby_statements[s].leaning[kind];
			if (roll > 88)
				value = -value; /* people are not blocks */
			t += 1000 + (int64_t)(seed % 60000);
			if (vote_cast(db, pid, sids[s], value, t) != MODEL_OK)
				return -1;
		}
	}
	return 0;
}
