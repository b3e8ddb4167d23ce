/*
 * demo_proposal.c: the demo's proposals, written as Assens Kommune and
 * the people of the 2016 arena might have written them. In the Folkemødet
 * arena the two ideas Assens took home, as alternative answers to one
 * question: "Kolleger som vejvisere til foreningslivet" (five authors'
 * revisions, an accepted amendment, supported by organisations of all
 * four sectors, submitted to and adopted with changes by Assens Byråd,
 * being implemented with a milestone) and "Lokale inviterer nye naboer
 * ind i fritidslivet" (a rejected amendment, under consideration in a
 * committee). In the Haarby arena a proposal still being written, with
 * an amendment waiting. Every step goes through the model, as the pages
 * do; as on the pages, whoever writes, suggests a change, comments or
 * supports follows the proposal. Lars answers Amina's comment, and she
 * is told (it is in her digest).
 */
#include <stdio.h>
#include <string.h>

#include "cmd/demo.h"
#include "model/account.h"
#include "model/amendment.h"
#include "model/comment.h"
#include "model/consent.h"
#include "model/follow.h"
#include "model/notify.h"
#include "model/participant.h"
#include "model/proposal.h"
#include "model/revision.h"
#include "model/role.h"
#include "model/step.h"
#include "model/support.h"

/* People who write in the proposals besides demo_people (same password). */
enum writer { LARS, METTE, JONAS, KARIN, NWRITERS };
static const struct {
	const char *email, *name;
} writers[NWRITERS] = {
	[LARS] = { "lars@demo.example", "Lars Jensen" },   /* ISS, a colleague and guide */
	[METTE] = { "mette@demo.example", "Mette Lund" },   /* Assens Kommune, jobcentret */
	[JONAS] = { "jonas@demo.example", "Jonas Berg" },   /* Haarby Netværk for Nye Naboer */
	[KARIN] = { "karin@demo.example", "Karin Holm" },   /* a citizen in Assens */
};

/* demo_people, by their place in that table. */
enum { ANNA, FRIDA, DENNIS, AMINA, SOREN };

static const char question[] =
	"Hvordan hjælper vi nye medborgere ind i fritidslivet – også efter kommunens lukketid?";

/* A change to a text: add after the first place it says after (NULL: at
 * the end). Revisions are written as changes to the one before, as their
 * writers made them. */
struct change {
	const char *after, *add;
};

/* "Kolleger som vejvisere til foreningslivet": Frida wrote it from the
 * workshop at Folkemødet; Lars (ISS) how, Amina whom it is for, Mette
 * (Assens Kommune) the municipality's part; Dennis's amendment, a
 * contact person in each association. */
static const char guides_start[] =
	"På arbejdspladserne møder nye medborgere kolleger hver dag. En kollega, der selv går til "
	"fodbold, synger i kor eller er leder i spejderhytten, kan tage en ny kollega med.\n\n"
	"Vi foreslår, at kommunen sammen med virksomheder og foreninger gør kolleger til "
	"**vejvisere** til foreningslivet.";
static const struct change guides_how[] = {
	{ NULL, "\n\n## Sådan gør vi\n\n"
		"- Virksomheder melder sig som vejviserarbejdspladser.\n"
		"- Kolleger, der vil være vejvisere, får en kort introduktion sammen med foreningerne.\n"
		"- Vejviseren tager den nye kollega med til en aktivitet mindst tre gange." },
};
static const struct change guides_whom[] = {
	{ "kolleger hver dag.", " For mange flygtninge er arbejdspladsen det første sted, de lærer danskere at kende." },
	{ "til foreningslivet.", " Det gælder også sårbare unge i praktik og langtidssygemeldte, der vender tilbage "
				 "til jobbet." },
};
static const struct change guides_municipality[] = {
	{ NULL, "\n\n## Hvad kommunen gør\n\n"
		"Jobcentret formidler kontakten mellem virksomhederne og foreningerne og samler erfaringerne op. "
		"Kommunen betaler introduktionen og kontingentet det første halve år for dem, der ikke selv kan." },
};
static const struct change guides_contact[] = {
	{ "mindst tre gange.", "\n- Hver forening udpeger en fast kontaktperson, der tager imod dem, der kommer med "
			       "en vejviser." },
};

/* "Lokale inviterer nye naboer ind i fritidslivet": Jonas (Haarby
 * Netværk for Nye Naboer) wrote it, Amina what it takes, Karin where to
 * meet; Lars's amendment, a fee, was rejected. */
static const char neighbours_start[] =
	"Kommunen lukker om eftermiddagen, men nye medborgere har et liv, der skal leves efter "
	"lukketid. De er afhængige af, at lokale borgere kender til og inviterer dem ind i "
	"fritidslivet.";
static const struct change neighbours_what[] = {
	{ NULL, "\n\n## Forslag\n\n"
		"- I hvert lokalområde laver foreningerne og lokalrådet en velkomstpakke med tilbud, også dem om "
		"aftenen og i weekenden.\n"
		"- Lokale borgere melder sig som *nabovenner*, der inviterer en ny familie med til fællesspisning, "
		"sport eller arbejdsdag i børnehaven.\n"
		"- Nabovennerne hjælper med det praktiske: hvor man handler, og hvordan man deltager i skolens og "
		"børnehavens arrangementer." },
};
static const struct change neighbours_where[] = {
	{ NULL, "\n- Boligforeningernes fælleslokaler og skolerne stilles gratis til rådighed for fællesspisning "
		"om aftenen." },
};
static const struct change neighbours_fee[] = {
	{ "arbejdsdag i børnehaven.", " Nabovennerne får et mindre honorar fra kommunen." },
};

/* The Haarby proposal, still being written: Amina's first draft on
 * Frida's question, Karin's visiting friends, Jonas's amendment waiting. */
static const struct change haarby_draft[] = {
	{ NULL, "Mange ældre i Haarby er alene, når hjemmeplejen er gået, og biblioteket og aktivitetscentret "
		"lukker kl. 16.\n\n"
		"Vi foreslår en fællesspisning hver torsdag kl. 17.30 i Haarby Hallens cafeteria, hvor ældre, "
		"naboer og nye medborgere spiser sammen." },
};
static const struct change haarby_visits[] = {
	{ NULL, "\n\nFrivillige besøgsvenner henter dem, der ikke selv kan komme, og ringer til dem, der ikke har "
		"været der et stykke tid." },
};
static const struct change haarby_price[] = {
	{ "spiser sammen.", " Prisen er 40 kr., og ingen afvises, fordi de ikke kan betale." },
};

#define CHANGES(c) (c), sizeof(c) / sizeof((c)[0])

struct ctx {
	struct store *db;
	struct region *a;
	int64_t people[DEMO_PEOPLE];
	int64_t writer[NWRITERS];
};

/* text with the changes made, in region a. */
static const char *changed(struct region *a, const char *text, const struct change *ch, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *at = ch[i].after ? strstr(text, ch[i].after) : NULL;
		size_t cut = at ? (size_t)(at - text) + strlen(ch[i].after) : strlen(text);
		text = region_printf(a, "%.*s%s%s", (int)cut, text, ch[i].add, text + cut);
	}
	return text;
}

static int fail(const char *what)
{
	fprintf(stderr, "samskab demo: proposals: %s failed\n", what);
	return -1;
}

/* A revision by author on the newest one, the changes made to its text;
 * *text becomes the new text. */
static int write(struct ctx *c, int64_t proposal, const char *title, const char **text, const struct change *ch,
		 size_t n, const char *note, int64_t author)
{
	struct proposal p;
	if (proposal_get(c->db, c->a, proposal, &p) != MODEL_OK)
		return fail("proposal_get");
	*text = changed(c->a, *text, ch, n);
	struct field_errors errs = { .n = 0 };
	struct revision_result out;
	struct revision_save s = { .proposal_id = proposal, .base = p.head, .title = title, .text = *text,
				   .note = note, .author = author, .kind = REVISION_EDIT };
	return revision_save(c->db, c->a, &s, &out, &errs) == MODEL_OK &&
			       follow_taking_part(c->db, author, FOLLOW_PROPOSAL, proposal) == MODEL_OK
		       ? 0
		       : fail("revision_save");
}

static int comment(struct ctx *c, int64_t proposal, int64_t parent, int64_t author, const char *body, int64_t *id)
{
	struct field_errors errs = { .n = 0 };
	int64_t ignored;
	return comment_add(c->db, proposal, parent, author, body, "da", id ? id : &ignored, &errs) == MODEL_OK &&
			       follow_taking_part(c->db, author, FOLLOW_PROPOSAL, proposal) == MODEL_OK
		       ? 0
		       : fail("comment_add");
}

static int support(struct ctx *c, int64_t proposal, int64_t account, int64_t organisation)
{
	return support_add(c->db, proposal, account, organisation) == MODEL_OK &&
			       follow_taking_part(c->db, account, FOLLOW_PROPOSAL, proposal) == MODEL_OK
		       ? 0
		       : fail("support_add");
}

/* Lars answers Amina's comment on the proposal, and she is told. */
static int answer_amina(struct ctx *c, int64_t proposal, int64_t arena, const char *title, int64_t amina_comment)
{
	static const char answer[] = "Tak, Amina. Må vi fortælle din historie, når vi inviterer arbejdspladserne?";
	int64_t id;
	if (comment(c, proposal, amina_comment, c->writer[LARS], answer, &id))
		return -1;
	const char *link = region_printf(c->a, "/arenas/%lld/proposals/%lld/comments/%lld", (long long)arena,
					 (long long)proposal, (long long)id);
	struct notify_event e = { .kind = NOTIFY_REPLY, .arena_id = arena, .recipient = c->people[AMINA],
				  .actor = c->writer[LARS], .title = title, .detail = answer, .link = link };
	return notify_event(c->db, &e, NULL) == MODEL_OK ? 0 : fail("notify_event");
}

static int step(struct ctx *c, struct step s, int64_t recorder)
{
	struct field_errors errs = { .n = 0 };
	int64_t id;
	if (s.kind != STEP_MILESTONE)
		s.progress = -1;
	if (step_add(c->db, &s, recorder, &id, &errs) != MODEL_OK) {
		for (int i = 0; i < errs.n; i++)
			fprintf(stderr, "samskab demo: step %s: %s\n", step_kind_code(s.kind), errs.items[i].field);
		return fail("step_add");
	}
	return 0;
}

static int people(struct ctx *c, const struct demo_refs *refs)
{
	memcpy(c->people, refs->people, sizeof c->people);
	for (int i = 0; i < NWRITERS; i++) {
		struct field_errors errs = { .n = 0 };
		if (account_create(c->db, c->a, writers[i].email, writers[i].name, DEMO_PASSWORD, "da", &c->writer[i],
				   &errs) != MODEL_OK ||
		    account_mark_verified(c->db, c->writer[i]) != MODEL_OK ||
		    consent_give(c->db, c->writer[i], CONSENT_TERMS) != MODEL_OK)
			return fail("account_create");
	}
	struct field_errors errs = { .n = 0 };
	const struct {
		int64_t account, organisation;
	} reps[] = { { c->writer[LARS], refs->iss },
		     { c->writer[METTE], refs->assens_kommune },
		     { c->writer[JONAS], refs->nye_naboer } };
	for (size_t i = 0; i < sizeof reps / sizeof reps[0]; i++)
		if (role_grant(c->db, reps[i].account, ROLE_REPRESENTATIVE, SCOPE_ORGANISATION, reps[i].organisation, 0,
			       "demo", &errs) != MODEL_OK)
			return fail("role_grant");
	/* What Amina and Karin told the dialogue, for support by area. */
	const struct {
		int64_t account, area;
	} facts[] = { { c->people[AMINA], refs->area_haarby }, { c->writer[KARIN], refs->area_assens },
		      { c->writer[LARS], refs->area_glamsbjerg } };
	for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++) {
		int64_t pid;
		if (participant_of_account(c->db, facts[i].account, 1, &pid) != MODEL_OK ||
		    participant_set_facts(c->db, pid, facts[i].area, SECTOR_CITIZEN) != MODEL_OK)
			return fail("participant facts");
	}
	return 0;
}

static int guides(struct ctx *c, const struct demo_refs *refs, int64_t arena, int64_t q, int64_t *out)
{
	const char *title = "Kolleger som vejvisere til foreningslivet";
	struct field_errors errs = { .n = 0 };
	int64_t p;
	const char *text = guides_start;
	if (proposal_create(c->db, arena, q, title, text, "da", c->people[FRIDA], &p, &errs) != MODEL_OK ||
	    follow_taking_part(c->db, c->people[FRIDA], FOLLOW_PROPOSAL, p) != MODEL_OK)
		return fail("proposal_create");
	*out = p;
	if (write(c, p, title, &text, CHANGES(guides_how), "Sådan kan det gøres i praksis", c->writer[LARS]) ||
	    write(c, p, title, &text, CHANGES(guides_whom), "Også for unge og langtidssygemeldte", c->people[AMINA]) ||
	    write(c, p, title, &text, CHANGES(guides_municipality), "Kommunens rolle", c->writer[METTE]))
		return -1;
	int64_t amendment;
	if (amendment_add(c->db, p, 4, title, changed(c->a, text, CHANGES(guides_contact)),
			  "Det er meget lettere at komme igen, når man kender et navn i foreningen. Sådan gør vi "
			  "allerede i DGI's foreninger med nye medlemmer.",
			  c->people[DENNIS], &amendment, &errs) != MODEL_OK ||
	    follow_taking_part(c->db, c->people[DENNIS], FOLLOW_PROPOSAL, p) != MODEL_OK)
		return fail("amendment_add");
	struct revision_result res;
	if (amendment_accept(c->db, c->a, amendment, c->writer[LARS], 0, NULL, NULL, &res, &errs) != MODEL_OK)
		return fail("amendment_accept");
	int64_t first, aminas;
	if (comment(c, p, 0, c->writer[KARIN],
		    "Godt forslag. Hvordan sikrer vi, at vejviseren ikke bliver den eneste, den nye kollega kender i "
		    "foreningen?",
		    &first) ||
	    comment(c, p, first, c->people[DENNIS],
		    "Det er netop derfor, vi har foreslået en fast kontaktperson i hver forening.", NULL) ||
	    comment(c, p, first, c->writer[LARS], "Og tre gange er et minimum. Hos os bliver mange ved af sig selv.", NULL) ||
	    comment(c, p, 0, c->people[AMINA],
		    "Jeg kom selv med i badmintonklubben, fordi en kollega tog mig med. Det betød mere end nogen folder.",
		    &aminas) ||
	    comment(c, p, 0, c->writer[JONAS],
		    "Husk de små arbejdspladser i landsbyerne. Her kan foreningerne hjælpe med at finde vejvisere.", NULL))
		return -1;
	if (answer_amina(c, p, arena, title, aminas))
		return -1;
	const struct {
		int64_t account, organisation;
	} supports[] = {
		{ c->writer[METTE], refs->assens_kommune }, /* public */
		{ c->writer[LARS], refs->iss },             /* private */
		{ c->people[DENNIS], refs->dgi },           /* voluntary */
		{ c->writer[JONAS], refs->nye_naboer },     /* citizen */
		{ c->people[AMINA], 0 },
		{ c->writer[KARIN], 0 },
		{ c->writer[JONAS], 0 },
	};
	for (size_t i = 0; i < sizeof supports / sizeof supports[0]; i++)
		if (support(c, p, supports[i].account, supports[i].organisation))
			return -1;
	const char *council = "Assens Byråd", *committee = "Innovations- og Medborgerskabsudvalget";
	const char *minutes = "https://www.assens.dk/politik/dagsordener-og-referater";
	return step(c, (struct step){ .proposal_id = p, .kind = STEP_SUBMITTED, .happened_on = "2017-01-10",
				       .council = committee, .meeting_on = "2017-01-24", .link_url = minutes,
				       .body = "Forslaget er sendt fra samskabelsesarenaen til udvalget, som det blev skrevet." },
		    c->people[FRIDA]) ||
	       step(c, (struct step){ .proposal_id = p, .kind = STEP_CONSIDERING, .happened_on = "2017-01-24",
				      .body = "Udvalget anbefaler forslaget over for byrådet og beder forvaltningen "
					      "beskrive et forsøg i to lokalområder." },
		    c->people[FRIDA]) ||
	       step(c, (struct step){ .proposal_id = p, .kind = STEP_DECIDED, .happened_on = "2017-02-23",
				      .council = council, .outcome = OUTCOME_AMENDED, .link_url = minutes,
				      .body = "Byrådet vedtog forslaget med den ændring, at ordningen begynder som et "
					      "forsøg i Haarby og Glamsbjerg i 2017, og at erfaringerne samles op efter et "
					      "år, før den udbredes til hele kommunen. Der afsættes 150.000 kr. til "
					      "introduktion af vejvisere og til kontingenter." },
		    c->people[SOREN]) ||
	       step(c, (struct step){ .proposal_id = p, .kind = STEP_IMPLEMENTING, .happened_on = "2017-04-03",
				      .body = "Jobcentret og Frivilligcenteret har inviteret de første arbejdspladser og "
					      "foreninger i Haarby og Glamsbjerg." },
		    c->people[FRIDA]) ||
	       step(c, (struct step){ .proposal_id = p, .kind = STEP_MILESTONE, .happened_on = "2017-09-01",
				      .title = "De første 20 vejvisere er i gang", .progress = 40,
				      .body = "20 kolleger fra seks arbejdspladser er i gang som vejvisere. 14 nye "
					      "medborgere er kommet med i en forening, og 11 af dem kommer der stadig." },
		    c->people[FRIDA]);
}

static int neighbours(struct ctx *c, const struct demo_refs *refs, int64_t arena, int64_t q, int64_t *out)
{
	const char *title = "Lokale inviterer nye naboer ind i fritidslivet";
	struct field_errors errs = { .n = 0 };
	int64_t p;
	const char *text = neighbours_start;
	if (proposal_create(c->db, arena, q, title, text, "da", c->writer[JONAS], &p, &errs) != MODEL_OK ||
	    follow_taking_part(c->db, c->writer[JONAS], FOLLOW_PROPOSAL, p) != MODEL_OK)
		return fail("proposal_create");
	*out = p;
	if (write(c, p, title, &text, CHANGES(neighbours_what), "Velkomstpakke og nabovenner", c->people[AMINA]) ||
	    write(c, p, title, &text, CHANGES(neighbours_where), "Steder at mødes om aftenen", c->writer[KARIN]))
		return -1;
	int64_t amendment;
	if (amendment_add(c->db, p, 3, title, changed(c->a, text, CHANGES(neighbours_fee)),
			  "Et lille honorar gør det muligt for flere at være nabovenner, også dem med travle hverdage.",
			  c->writer[LARS], &amendment, &errs) != MODEL_OK ||
	    follow_taking_part(c->db, c->writer[LARS], FOLLOW_PROPOSAL, p) != MODEL_OK ||
	    amendment_reject(c->db, amendment, c->writer[JONAS],
			     "Nabovenner skal være frivillige naboer; et honorar ændrer forholdet mellem dem. Vi foreslår "
			     "i stedet, at kommunen betaler kaffe og materialer til velkomstpakken.",
			     &errs) != MODEL_OK)
		return fail("amendment");
	if (comment(c, p, 0, c->writer[METTE],
		    "Lokalrådene i Haarby og Assens har sagt ja til at være med til at lave velkomstpakken.", NULL) ||
	    comment(c, p, 0, c->people[DENNIS],
		    "Idrætsforeningerne vil gerne have en \"prøv en gang gratis\"-ordning med i pakken.", NULL))
		return -1;
	const struct {
		int64_t account, organisation;
	} supports[] = { { c->writer[JONAS], refs->nye_naboer }, { c->people[DENNIS], refs->dgi },
			 { c->people[AMINA], 0 }, { c->writer[KARIN], 0 }, { c->writer[LARS], 0 } };
	for (size_t i = 0; i < sizeof supports / sizeof supports[0]; i++)
		if (support(c, p, supports[i].account, supports[i].organisation))
			return -1;
	return step(c, (struct step){ .proposal_id = p, .kind = STEP_SUBMITTED, .happened_on = "2017-01-10",
				       .council = "Innovations- og Medborgerskabsudvalget", .meeting_on = "2017-01-24" },
		    c->people[FRIDA]) ||
	       step(c, (struct step){ .proposal_id = p, .kind = STEP_CONSIDERING, .happened_on = "2017-01-24",
				      .body = "Udvalget har bedt forvaltningen beskrive, hvordan velkomstpakken kan laves "
					      "sammen med lokalrådene, og vender tilbage til forslaget." },
		    c->people[FRIDA]);
}

static int haarby(struct ctx *c, int64_t arena)
{
	struct field_errors errs = { .n = 0 };
	int64_t q, p;
	const char *asked = "Hvordan når vi ensomme ældre efter kl. 16?";
	const char *title = "Fællesspisning og besøgsvenner efter kl. 16";
	const char *text = "";
	if (question_create(c->db, arena, asked, c->people[FRIDA], &q, &errs) != MODEL_OK ||
	    proposal_create(c->db, arena, q, asked, text, "da", c->people[FRIDA], &p, &errs) != MODEL_OK ||
	    follow_taking_part(c->db, c->people[FRIDA], FOLLOW_PROPOSAL, p) != MODEL_OK)
		return fail("Haarby proposal");
	if (write(c, p, title, &text, CHANGES(haarby_draft), "Første udkast", c->people[AMINA]) ||
	    write(c, p, title, &text, CHANGES(haarby_visits), "Besøgsvenner", c->writer[KARIN]))
		return -1;
	int64_t amendment;
	if (amendment_add(c->db, p, 3, title, changed(c->a, text, CHANGES(haarby_price)),
			  "Prisen skal stå i forslaget, så ingen bliver væk af frygt for, hvad det koster.",
			  c->writer[JONAS], &amendment, &errs) != MODEL_OK ||
	    follow_taking_part(c->db, c->writer[JONAS], FOLLOW_PROPOSAL, p) != MODEL_OK)
		return fail("amendment_add");
	return comment(c, p, 0, c->writer[JONAS],
		       "Haarby Netværk for Nye Naboer vil gerne stå for maden den første torsdag i måneden.", NULL);
}

int demo_proposals_load(struct store *db, struct region *a, const struct demo_refs *refs,
			const struct demo_arenas *arenas)
{
	struct ctx c = { .db = db, .a = a };
	struct field_errors errs = { .n = 0 };
	int64_t q, guides_id, neighbours_id;
	if (people(&c, refs) != 0)
		return -1;
	if (question_create(db, arenas->folkemodet, question, c.people[FRIDA], &q, &errs) != MODEL_OK)
		return fail("question_create");
	if (guides(&c, refs, arenas->folkemodet, q, &guides_id) != 0 ||
	    neighbours(&c, refs, arenas->folkemodet, q, &neighbours_id) != 0)
		return -1;
	return haarby(&c, arenas->haarby);
}
