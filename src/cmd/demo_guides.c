/*
 * demo_guides.c: the demo's guide programme, "Vejvisere i Assens": the
 * areas' centres (for distances), a coordinator, 30 guides from local
 * workplaces (ISS, NCC, Assens Kommune, DGI, ...) and 40 newcomers in the
 * three target groups with Danish, Arabic, Ukrainian, Tigrinya, Dari,
 * Somali and Kurdish names and languages. A first round was matched and
 * sent some months ago: most pairs said yes and met, one declined, one
 * ended early when the newcomer moved, and Sanne (ISS, Aarup) and Olena
 * are at their 2-month follow-up. A second round has been run since and
 * waits for the coordinator: its proposals, and why the others have no
 * guide. Everything through the model, as the pages do it.
 */
#include <stdio.h>
#include <string.h>

#include "cmd/demo.h"
#include "core/password.h"
#include "core/tz.h"
#include "model/account.h"
#include "model/area.h"
#include "model/consent.h"
#include "model/guide.h"
#include "model/matching.h"
#include "model/newcomer.h"
#include "model/pairing.h"
#include "model/programme.h"
#include "model/role.h"

const struct demo_person demo_guide_people[DEMO_GUIDE_PEOPLE] = {
	{ "helle@demo.example", "Helle Koordinator", "coordinator of the guide programme" },
	{ "sanne@demo.example", "Sanne Jensen", "guide (ISS, Aarup), matched with Olena" },
	{ "olena@demo.example", "Olena Kovalenko", "newcomer, matched with Sanne" },
};

/* The demo areas' centres, millionths of a degree. */
static const struct {
	const char *name;
	int32_t lat, lon;
} centres[] = {
	{ "Assens", 55269700, 9900300 },     { "Aarup", 55379000, 10044000 },
	{ "Ebberup", 55245000, 9963000 },    { "Glamsbjerg", 55274000, 10106000 },
	{ "Haarby", 55224000, 10123000 },    { "Tommerup", 55320000, 10205000 },
	{ "Vissenbjerg", 55385000, 10133000 }, { "Brylle", 55339000, 10245000 },
};

struct demo_guide {
	const char *name, *email, *workplace, *area;
	int reach, capacity;
	const char *languages, *interests, *times;
	enum gender gender;
	int record;
};

static const struct demo_guide guides[] = {
	{ "Sanne Jensen", "sanne@demo.example", "ISS", "Aarup", 15, 2, "da en uk ru", "cooking gardening nature", "evenings weekends", GENDER_WOMAN, 1 },
	{ "Lars Nielsen", "lars.nielsen@demo.example", "NCC", "Assens", 10, 2, "da en", "football fishing", "evenings weekends", GENDER_MAN, 1 },
	{ "Hanne Sørensen", "hanne@demo.example", "Assens Kommune", "Assens", 20, 3, "da en de", "singing culture reading", "daytime evenings", GENDER_WOMAN, 1 },
	{ "Karim Haddad", "karim@demo.example", "ISS", "Glamsbjerg", 15, 2, "da ar en", "football cooking", "evenings weekends", GENDER_MAN, 1 },
	{ "Birgitte Holm", "birgitte@demo.example", "Assens Kommune", "Haarby", 10, 1, "da en", "crafts gardening", "daytime", GENDER_WOMAN, 1 },
	{ "Jesper Madsen", "jesper@demo.example", "NCC", "Tommerup", 20, 2, "da en", "cycling running", "weekends", GENDER_MAN, 0 },
	{ "Søren Kristensen", "soren@demo.example", "DGI", "Glamsbjerg", 25, 3, "da en", "football handball fitness", "evenings weekends", GENDER_MAN, 1 },
	{ "Pernille Lund", "pernille@demo.example", "Assens Kommune", "Vissenbjerg", 15, 2, "da en", "dance music", "evenings", GENDER_WOMAN, 1 },
	{ "Ahmad Rahimi", "ahmad@demo.example", "Dansk Flygtningehjælp", "Assens", 25, 2, "da fa prs en", "football computers", "evenings weekends", GENDER_MAN, 1 },
	{ "Tina Andersen", "tina@demo.example", "ISS", "Haarby", 10, 1, "da", "cooking children", "daytime evenings", GENDER_WOMAN, 0 },
	{ "Michael Pedersen", "michael@demo.example", "NCC", "Aarup", 15, 1, "da en", "fishing nature", "weekends", GENDER_MAN, 0 },
	{ "Camilla Rasmussen", "camilla@demo.example", "Assens Kommune", "Ebberup", 10, 2, "da en", "swimming reading", "evenings", GENDER_WOMAN, 1 },
	{ "Yasmin Ali", "yasmin@demo.example", "Assens Kommune", "Glamsbjerg", 20, 2, "da so ar en", "cooking volunteering", "daytime weekends", GENDER_WOMAN, 1 },
	{ "Thomas Larsen", "thomas@demo.example", "ISS", "Tommerup", 15, 2, "da en", "computers board_games", "evenings", GENDER_MAN, 0 },
	{ "Louise Christensen", "louise@demo.example", "Boligforeningen 3B", "Assens", 10, 1, "da en", "gardening children", "weekends", GENDER_WOMAN, 1 },
	{ "Rasmus Poulsen", "rasmus@demo.example", "DGI", "Haarby", 20, 3, "da en", "football running fitness", "evenings", GENDER_MAN, 1 },
	{ "Anne-Marie Olsen", "annemarie@demo.example", "Assens Kommune", "Aarup", 15, 2, "da de", "crafts singing", "daytime", GENDER_WOMAN, 1 },
	{ "Henrik Thomsen", "henrik.t@demo.example", "NCC", "Brylle", 10, 1, "da", "cycling fishing", "weekends", GENDER_MAN, 0 },
	{ "Dorthe Jakobsen", "dorthe@demo.example", "ISS", "Assens", 10, 2, "da en", "cooking music", "evenings weekends", GENDER_WOMAN, 1 },
	{ "Nikolaj Møller", "nikolaj@demo.example", "Assens Kommune", "Glamsbjerg", 15, 2, "da en uk", "computers culture", "evenings", GENDER_MAN, 1 },
	{ "Gitte Johansen", "gitte@demo.example", "Glamsbjerg Idrætsforening", "Glamsbjerg", 10, 3, "da", "handball swimming", "evenings weekends", GENDER_WOMAN, 1 },
	{ "Mohammed Hassan", "mohammed@demo.example", "ISS", "Vissenbjerg", 20, 2, "da ar ku en", "football volunteering", "weekends", GENDER_MAN, 1 },
	{ "Susanne Berg", "susanne.b@demo.example", "Assens Kommune", "Tommerup", 15, 1, "da en", "reading culture", "daytime", GENDER_WOMAN, 0 },
	{ "Kasper Nørgaard", "kasper@demo.example", "NCC", "Glamsbjerg", 20, 2, "da en", "running cycling", "evenings", GENDER_MAN, 1 },
	{ "Lene Frederiksen", "lene@demo.example", "DGI", "Aarup", 15, 2, "da en", "dance fitness", "evenings", GENDER_WOMAN, 1 },
	{ "Peter Mortensen", "peter@demo.example", "Assens Kommune", "Assens", 10, 1, "da", "fishing board_games", "daytime", GENDER_MAN, 1 },
	{ "Maria Petersen", "maria@demo.example", "ISS", "Ebberup", 15, 1, "da en ro pl", "cooking children", "weekends", GENDER_WOMAN, 0 },
	{ "Jonas Eriksen", "jonas.e@demo.example", "Dansk Flygtningehjælp", "Haarby", 25, 2, "da en ti", "football music", "evenings weekends", GENDER_MAN, 1 },
	{ "Inge Vestergaard", "inge@demo.example", "Assens Kommune", "Vissenbjerg", 10, 1, "da", "gardening crafts", "daytime", GENDER_WOMAN, 1 },
	{ "Bo Hansen", "bo@demo.example", "NCC", "Assens", 15, 2, "da en", "football fishing", "weekends", GENDER_MAN, 0 },
};
#define NGUIDES (sizeof guides / sizeof guides[0])

struct demo_newcomer {
	const char *first, *last;
	enum target_group target;
	const char *born;
	enum gender gender;
	const char *area, *languages, *interests, *times, *needs;
	int same_gender, waited_days;
};

static const struct demo_newcomer newcomers[] = {
	{ "Olena", "Kovalenko", TARGET_REFUGEE, "1986-04-12", GENDER_WOMAN, "Aarup", "uk ru en", "cooking nature", "evenings weekends", "Har to børn i skole. Vil gerne i et kor.", 0, 170 },
	{ "Ahmad", "Al-Hassan", TARGET_REFUGEE, "1990-09-03", GENDER_MAN, "Glamsbjerg", "ar en", "football computers", "evenings weekends", "", 0, 160 },
	{ "Fatima", "Khalil", TARGET_REFUGEE, "1993-01-22", GENDER_WOMAN, "Assens", "ar", "cooking crafts", "daytime", "Ønsker en kvindelig vejviser.", 1, 150 },
	{ "Yonas", "Tesfay", TARGET_REFUGEE, "1998-06-30", GENDER_MAN, "Haarby", "ti en", "football running", "evenings weekends", "", 0, 140 },
	{ "Senait", "Gebremedhin", TARGET_REFUGEE, "1995-11-11", GENDER_WOMAN, "Haarby", "ti", "singing cooking", "daytime", "Taler kun tigrinya; tolk ved første møde.", 1, 130 },
	{ "Dmytro", "Shevchenko", TARGET_REFUGEE, "1979-02-17", GENDER_MAN, "Glamsbjerg", "uk ru", "fishing computers", "evenings", "", 0, 120 },
	{ "Farid", "Ahmadi", TARGET_REFUGEE, "2001-08-08", GENDER_MAN, "Assens", "prs fa en", "football fitness", "evenings weekends", "", 0, 118 },
	{ "Hodan", "Abdi", TARGET_REFUGEE, "1988-03-05", GENDER_WOMAN, "Glamsbjerg", "so ar", "cooking children", "daytime weekends", "Har tre små børn.", 1, 110 },
	{ "Rojda", "Aydin", TARGET_REFUGEE, "1997-12-01", GENDER_WOMAN, "Vissenbjerg", "ku ar tr", "dance music", "evenings", "", 0, 100 },
	{ "Omar", "Saleh", TARGET_REFUGEE, "1984-07-19", GENDER_MAN, "Vissenbjerg", "ar en", "football volunteering", "weekends", "", 0, 95 },
	{ "Iryna", "Bondarenko", TARGET_REFUGEE, "1975-05-25", GENDER_WOMAN, "Tommerup", "uk en", "reading culture", "daytime evenings", "", 0, 90 },
	{ "Mariam", "Sultani", TARGET_REFUGEE, "1999-10-14", GENDER_WOMAN, "Assens", "prs fa", "crafts cooking", "daytime", "", 1, 85 },
	{ "Filmon", "Kidane", TARGET_REFUGEE, "2007-02-02", GENDER_MAN, "Haarby", "ti en", "football music", "evenings weekends", "Bor med sin onkel.", 0, 80 },
	{ "Rania", "Mahmoud", TARGET_REFUGEE, "1991-04-30", GENDER_WOMAN, "Aarup", "ar en", "swimming children", "weekends", "", 0, 75 },
	{ "Mykola", "Kravets", TARGET_REFUGEE, "1968-09-09", GENDER_MAN, "Brylle", "uk", "fishing gardening", "daytime", "", 0, 70 },
	{ "Abdi", "Warsame", TARGET_REFUGEE, "1994-06-06", GENDER_MAN, "Haarby", "so en", "football running", "evenings", "", 0, 60 },
	{ "Layla", "Darwish", TARGET_REFUGEE, "2006-03-21", GENDER_WOMAN, "Glamsbjerg", "ar da", "dance handball", "evenings", "Går i 9. klasse.", 0, 50 },
	{ "Oksana", "Melnyk", TARGET_REFUGEE, "1982-12-12", GENDER_WOMAN, "Assens", "uk ru", "singing crafts", "evenings", "", 0, 40 },
	{ "Helen", "Berhane", TARGET_REFUGEE, "1989-08-18", GENDER_WOMAN, "Assens", "ti ar", "cooking volunteering", "daytime", "", 0, 30 },
	{ "Khaled", "Nasser", TARGET_REFUGEE, "1978-01-10", GENDER_MAN, "Ebberup", "ar", "gardening fishing", "daytime weekends", "", 0, 20 },
	{ "Mikkel", "Skov", TARGET_YOUNG, "2008-05-14", GENDER_MAN, "Assens", "da", "computers board_games", "evenings", "Har svært ved at komme ud; mor har kontakten.", 0, 155 },
	{ "Sofie", "Krogh", TARGET_YOUNG, "2004-07-07", GENDER_WOMAN, "Haarby", "da en", "dance music", "evenings weekends", "", 0, 145 },
	{ "Emil", "Bach", TARGET_YOUNG, "2007-11-29", GENDER_MAN, "Glamsbjerg", "da", "football fitness", "evenings", "", 0, 125 },
	{ "Freja", "Dam", TARGET_YOUNG, "2005-02-14", GENDER_WOMAN, "Aarup", "da en", "swimming culture", "weekends", "", 0, 105 },
	{ "Jonas", "Lauridsen", TARGET_YOUNG, "2003-09-01", GENDER_MAN, "Tommerup", "da en", "cycling computers", "evenings weekends", "Er droppet ud af uddannelse.", 0, 88 },
	{ "Ida", "Winther", TARGET_YOUNG, "2008-12-24", GENDER_WOMAN, "Vissenbjerg", "da", "handball dance", "evenings", "", 1, 66 },
	{ "Oliver", "Brandt", TARGET_YOUNG, "2006-06-16", GENDER_MAN, "Ebberup", "da", "fishing nature", "weekends", "", 0, 45 },
	{ "Laura", "Friis", TARGET_YOUNG, "2002-04-04", GENDER_WOMAN, "Assens", "da en", "reading singing", "daytime evenings", "", 0, 35 },
	{ "Malthe", "Vinther", TARGET_YOUNG, "2007-08-21", GENDER_MAN, "Brylle", "da", "running board_games", "evenings", "", 0, 25 },
	{ "Nanna", "Kjær", TARGET_YOUNG, "2005-10-10", GENDER_WOMAN, "Glamsbjerg", "da en", "crafts children", "weekends", "", 0, 12 },
	{ "Henrik", "Bjerre", TARGET_SICK_LEAVE, "1971-03-03", GENDER_MAN, "Assens", "da", "fishing board_games", "daytime", "Sygemeldt med stress; vil gerne tilbage til sit job på lageret.", 0, 135 },
	{ "Pia", "Lindholm", TARGET_SICK_LEAVE, "1968-06-12", GENDER_WOMAN, "Aarup", "da", "gardening singing", "daytime", "", 0, 115 },
	{ "Jens", "Overgaard", TARGET_SICK_LEAVE, "1975-09-27", GENDER_MAN, "Haarby", "da", "cycling fishing", "daytime weekends", "", 0, 98 },
	{ "Bettina", "Kragh", TARGET_SICK_LEAVE, "1980-01-19", GENDER_WOMAN, "Tommerup", "da en", "swimming reading", "daytime", "Efter en længere sygemelding.", 1, 78 },
	{ "Morten", "Holst", TARGET_SICK_LEAVE, "1966-11-02", GENDER_MAN, "Vissenbjerg", "da", "football culture", "evenings", "", 0, 64 },
	{ "Lone", "Damgaard", TARGET_SICK_LEAVE, "1972-05-05", GENDER_WOMAN, "Glamsbjerg", "da", "crafts cooking", "daytime", "", 0, 55 },
	{ "Kim", "Schmidt", TARGET_SICK_LEAVE, "1983-08-30", GENDER_MAN, "Ebberup", "da de", "computers cycling", "evenings", "", 0, 42 },
	{ "Susanne", "Lykke", TARGET_SICK_LEAVE, "1970-02-28", GENDER_WOMAN, "Assens", "da", "music volunteering", "daytime", "", 0, 33 },
	{ "Allan", "Bundgaard", TARGET_SICK_LEAVE, "1962-07-15", GENDER_MAN, "Brylle", "da", "gardening nature", "daytime", "", 0, 18 },
	{ "Charlotte", "Rask", TARGET_SICK_LEAVE, "1978-12-06", GENDER_WOMAN, "Haarby", "da en", "dance fitness", "evenings", "", 0, 8 },
};
#define NNEWCOMERS (sizeof newcomers / sizeof newcomers[0])

static uint64_t set_of(const struct vocab *v, const char *codes)
{
	return vocab_set_read(v, codes);
}

static int64_t id_of(const char *name, const char *const *names, const int64_t *ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return ids[i];
	return 0;
}

/* YYYY-MM-DD of days ago, local time. */
static const char *day_ago(struct region *a, int days)
{
	struct tz_local l;
	tz_from_utc(model_now() - (int64_t)days * 86400, &l);
	return region_printf(a, "%04d-%02d-%02d", l.year, l.month, l.day);
}

/* The first round's answers: (newcomer first name, what became of it). */
enum fate { YES_MET, YES_ONLY, DECLINED, MOVED, UNANSWERED };

static enum fate fate_of(const char *first)
{
	static const struct {
		const char *first;
		enum fate fate;
	} fates[] = {
		{ "Ahmad", YES_ONLY }, { "Fatima", DECLINED }, { "Henrik", MOVED },
		{ "Sofie", UNANSWERED }, { "Mikkel", UNANSWERED },
	};
	for (size_t i = 0; i < sizeof fates / sizeof fates[0]; i++)
		if (strcmp(fates[i].first, first) == 0)
			return fates[i].fate;
	return YES_MET;
}

static int first_round(struct store *db, struct region *a, int64_t programme, int64_t coordinator)
{
	struct newcomer_actor who = { coordinator, "demo" };
	struct matching_result res;
	struct pairing_sent *sent;
	struct newcomer *all;
	struct matching_candidate *c;
	size_t n = 0, nc = 0;
	/* The coordinator knew Olena and Sanne would get on: locked first. */
	if (newcomer_list(db, a, programme, &who, "demo", &all, &n) != MODEL_OK)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(all[i].first_name, "Olena") != 0)
			continue;
		if (matching_candidates(db, a, programme, all[i].id, model_now(), &who, &c, &nc) != MODEL_OK)
			return -1;
		for (size_t k = 0; k < nc; k++)
			if (strcmp(c[k].guide_name, "Sanne Jensen") == 0 &&
			    pairing_lock(db, programme, all[i].id, c[k].guide_id, &c[k].facts) != MODEL_OK)
				return -1;
	}
	if (programme_bump(db, programme, 0) != MODEL_OK ||
	    matching_run(db, a, programme, model_now(), &who, &res) != MODEL_OK ||
	    programme_bump(db, programme, 1) != MODEL_OK ||
	    pairing_send(db, a, programme, &sent, &n) != MODEL_OK)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct pairing p;
		if (pairing_get(db, a, sent[i].id, &who, "demo", &p) != MODEL_OK)
			return -1;
		enum fate f = fate_of(p.newcomer_first_name);
		int accepted = 0;
		struct field_errors errs = { .n = 0 };
		if (f == UNANSWERED)
			continue;
		if (pairing_answer(db, p.id, SIDE_GUIDE, f != DECLINED, 0, &who, &accepted) != MODEL_OK)
			return -1;
		if (f == DECLINED)
			continue;
		if (pairing_answer(db, p.id, SIDE_NEWCOMER, 1, coordinator, &who, &accepted) != MODEL_OK)
			return -1;
		if (f == YES_ONLY)
			continue;
		/* Olena and Sanne met 62 days ago: at the 2-month follow-up;
		 * the others 20 to 50 days ago. */
		int met = strcmp(p.newcomer_first_name, "Olena") == 0 ? 62 : 20 + (int)(p.id * 7 % 31);
		if (pairing_first_meeting(db, p.id, day_ago(a, met), &errs) != MODEL_OK)
			return -1;
		if (pairing_followup_done(db, p.id, FOLLOWUP_2W, "Godt første møde; de har aftalt at ses hver anden uge.",
					  coordinator, &errs) != MODEL_OK)
			return -1;
		/* Olena and Sanne's 2-month follow-up is due, and Helle has had
		 * the reminder (so a fresh demo sends no mail of its own). */
		if (met == 62 && pairing_followup_reminded(db, p.id, FOLLOWUP_2M, model_now()) != MODEL_OK)
			return -1;
		if (f == MOVED &&
		    pairing_end(db, p.id, END_MOVED, "Fik arbejde i Odense og flyttede.", 0, &who, &errs) != MODEL_OK)
			return -1;
	}
	return 0;
}

/* The newcomers who waited since before the first round (early), or
 * those who came after it. */
static int add_newcomers(struct store *db, struct region *a, const struct demo_guide_refs *refs,
			 int64_t programme, int64_t coordinator, const char *hash, int early)
{
	struct field_errors errs = { .n = 0 };
	struct newcomer_actor who = { coordinator, "demo" };
	int64_t now = model_now();
	for (size_t i = 0; i < NNEWCOMERS; i++) {
		const struct demo_newcomer *d = &newcomers[i];
		if ((d->waited_days >= 90) != early)
			continue;
		struct newcomer x = {
			.programme_id = programme,
			.first_name = d->first,
			.last_name = d->last,
			.target_group = d->target,
			.born = d->born,
			.gender = d->gender,
			.area_id = id_of(d->area, refs->area_names, refs->area_ids, refs->nareas),
			.languages = set_of(&vocab_languages, d->languages),
			.interests = set_of(&vocab_interests, d->interests),
			.availability = (uint8_t)set_of(&vocab_times, d->times),
			.same_gender = d->same_gender,
			.needs = d->needs,
			.consent_how = i % 3 ? CONSENT_HOW_IN_PERSON : CONSENT_HOW_PHONE,
			.lang = "da",
			.waiting_since = now - (int64_t)d->waited_days * 86400,
			.phone = region_printf(a, "+45 2%d %02d %02d %02d", (int)(i % 10), (int)(i * 37 % 100),
					       (int)(i * 53 % 100), (int)(i * 71 % 100)),
		};
		struct newcomer_actor self = who;
		if (i == 0) { /* Olena signed up herself */
			if (account_create_hashed(db, a, demo_guide_people[2].email, demo_guide_people[2].name, hash,
						  "en", &x.account_id, &errs) != MODEL_OK ||
			    account_mark_verified(db, x.account_id) != MODEL_OK ||
			    consent_give(db, x.account_id, CONSENT_TERMS) != MODEL_OK)
				return -1;
			x.consent_how = CONSENT_HOW_SELF;
			x.email = demo_guide_people[2].email;
			x.lang = "en";
			self = (struct newcomer_actor){ x.account_id, "demo" };
		}
		int64_t id;
		if (newcomer_create(db, &x, 1, &self, &id, &errs) != MODEL_OK)
			return -1;
	}
	return 0;
}

int demo_guides_load(struct store *db, struct region *a, const struct demo_guide_refs *refs)
{
	struct field_errors errs = { .n = 0 };
	for (size_t i = 0; i < sizeof centres / sizeof centres[0]; i++) {
		int64_t id = id_of(centres[i].name, refs->area_names, refs->area_ids, refs->nareas);
		if (id == 0 || area_set_centre(db, id, centres[i].lat, centres[i].lon) != MODEL_OK)
			return -1;
	}
	struct programme prog = {
		.name = "Vejvisere i Assens Kommune",
		.description = "Kollegaer på arbejdspladserne og frivillige i foreningerne viser vej "
			       "ind i foreningslivet og hverdagen i lokalområdet: for flygtninge, for "
			       "sårbare unge og for langtidssygemeldte på vej tilbage til jobbet.\n\n"
			       "Idéen kom hjem fra samskabelsesarenaen på Folkemødet 2016. En "
			       "koordinator matcher vejvisere og nytilkomne, så flest muligt får en "
			       "vejviser, og følger op efter 2 uger, 2 måneder og et halvt år.",
		.weight_interest = 10,
		.weight_near = 3,
		.weight_wait = 2,
		.lang = "da",
	};
	int64_t programme;
	if (programme_create(db, &prog, &programme, &errs) != MODEL_OK)
		return -1;
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(DEMO_PASSWORD, hash) != 0)
		return -1;
	int64_t coordinator;
	if (account_create_hashed(db, a, demo_guide_people[0].email, demo_guide_people[0].name, hash, "da",
				  &coordinator, &errs) != MODEL_OK ||
	    account_mark_verified(db, coordinator) != MODEL_OK ||
	    consent_give(db, coordinator, CONSENT_TERMS) != MODEL_OK ||
	    role_grant(db, coordinator, ROLE_COORDINATOR, SCOPE_PROGRAMME, programme, 0, "demo", &errs) != MODEL_OK)
		return -1;
	for (size_t i = 0; i < NGUIDES; i++) {
		const struct demo_guide *d = &guides[i];
		struct guide g = {
			.programme_id = programme,
			.organisation_id = id_of(d->workplace, refs->org_names, refs->org_ids, refs->norgs),
			.area_id = id_of(d->area, refs->area_names, refs->area_ids, refs->nareas),
			.reach_km = d->reach,
			.capacity = d->capacity,
			.languages = set_of(&vocab_languages, d->languages),
			.interests = set_of(&vocab_interests, d->interests),
			.availability = (uint8_t)set_of(&vocab_times, d->times),
			.gender = d->gender,
			.phone = region_printf(a, "+45 4%d %02d %02d %02d", (int)(i % 10), (int)(i * 41 % 100),
					       (int)(i * 59 % 100), (int)(i * 67 % 100)),
		};
		int64_t id;
		if (account_create_hashed(db, a, d->email, d->name, hash, "da", &g.account_id, &errs) != MODEL_OK ||
		    account_mark_verified(db, g.account_id) != MODEL_OK ||
		    consent_give(db, g.account_id, CONSENT_TERMS) != MODEL_OK ||
		    guide_create(db, &g, &id, &errs) != MODEL_OK ||
		    (d->record && guide_set_record_checked(db, id, 1, coordinator, "demo") != MODEL_OK))
			return -1;
	}
	struct newcomer_actor who = { coordinator, "demo" };
	/* Those waiting since before the first round, then the round, then
	 * those who signed up after it, then the second round's run. */
	if (add_newcomers(db, a, refs, programme, coordinator, hash, 1) != 0 ||
	    first_round(db, a, programme, coordinator) != 0 ||
	    add_newcomers(db, a, refs, programme, coordinator, hash, 0) != 0)
		return -1;
	struct matching_result res;
	if (programme_bump(db, programme, 2) != MODEL_OK ||
	    matching_run(db, a, programme, model_now(), &who, &res) != MODEL_OK)
		return -1;
	return 0;
}
