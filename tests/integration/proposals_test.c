/*
 * proposals_test.c: proposals through the real server with the demo
 * data, on SQLite and (in the PostgreSQL run) PostgreSQL: a facilitator,
 * two citizens, another participant and a council member carry a
 * proposal from a blank page to the council's decision (two edits that
 * overlap and are resolved, history and difference, an amendment
 * accepted and one rejected, support, comments with a report and a
 * hidden one, the steps, the feed); bad input answered with a clear
 * message and a 4xx, and nothing stored; and 20 saves at once on one
 * proposal, each of which lands as a revision or comes back as a
 * conflict to resolve, with nothing lost.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "support/support.h"

#define PASSWORD "demo-password"
#define HAARBY 2 /* the demo's open arena */

static struct test_server srv;
static struct test_client frida, amina, karin, jonas, council, dennis;

static int setup(void **state)
{
	(void)state;
	const char *extra[] = { "--rate-factor", "100", NULL };
	test_db_create(&srv, 1);
	test_server_start(&srv, extra);
	struct {
		struct test_client *c;
		const char *email;
	} people[] = { { &frida, "frida@demo.example" },  { &amina, "amina@demo.example" },
		       { &karin, "karin@demo.example" },  { &jonas, "jonas@demo.example" },
		       { &council, "byraad@demo.example" }, { &dennis, "dgi@demo.example" } };
	for (size_t i = 0; i < sizeof people / sizeof people[0]; i++)
		test_sign_in(&srv, people[i].c, people[i].email, PASSWORD, 303);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_server_stop(&srv);
	test_db_drop(&srv);
	return 0;
}

/* name=value pairs (NULL-terminated), percent-encoded (malloc'd). */
static char *form(const char *name, ...)
{
	va_list ap;
	va_start(ap, name);
	size_t cap = 256, len = 0;
	char *out = calloc(1, cap);
	for (const char *k = name; k; k = va_arg(ap, const char *)) {
		const char *v = va_arg(ap, const char *);
		char *ev = curl_easy_escape(NULL, v, (int)strlen(v));
		size_t need = len + strlen(k) + strlen(ev) + 3;
		if (need > cap) {
			cap = need * 2;
			out = realloc(out, cap);
		}
		len += (size_t)snprintf(out + len, cap - len, "%s%s=%s", len ? "&" : "", k, ev);
		curl_free(ev);
	}
	va_end(ap);
	return out;
}

/* POSTs form (taking it) as c; returns the status, the Location in *loc
 * (malloc'd) when loc is given, the body in *body when given. */
static long post(struct test_client *c, const char *path, char *f, char **loc, char **body)
{
	struct http_resp r;
	client_post(&srv, c, path, f, &r);
	free(f);
	long status = r.status;
	if (loc)
		*loc = http_header(&r, "Location");
	if (body)
		*body = strdup(r.body);
	http_resp_free(&r);
	return status;
}

static long get(struct test_client *c, const char *path, char **body)
{
	struct http_resp r;
	client_get(&srv, c, path, &r);
	long status = r.status;
	if (body)
		*body = strdup(r.body);
	http_resp_free(&r);
	return status;
}

static int64_t count(const char *fmt, long long id)
{
	char q[512];
	snprintf(q, sizeof q, fmt, id);
	return test_sql_int(&srv, q);
}

/* The proposal's page, where its newest text is shown (malloc'd). */
static char *head_text(long long proposal)
{
	char path[64];
	snprintf(path, sizeof path, "/arenas/%d/proposals/%lld", HAARBY, proposal);
	struct http_resp r;
	http_get(&srv, path, &r);
	assert_int_equal(r.status, 200);
	char *out = strdup(r.body);
	http_resp_free(&r);
	return out;
}

/* Starts a proposal in Haarby as the facilitator; its id. */
static long long start(const char *title, const char *question)
{
	char *loc = NULL;
	char path[64];
	snprintf(path, sizeof path, "/arenas/%d/proposals/new", HAARBY);
	char *page = NULL;
	if (get(&frida, path, &page) != 200)
		fail_msg("%.3000s", page);
	free(page);
	long status = post(&frida, path, form("title", title, "new_question", question, "text", "", NULL), &loc, NULL);
	assert_int_equal(status, 303);
	long long id = 0;
	assert_int_equal(sscanf(loc, "/arenas/2/proposals/%lld?done=proposal-started", &id), 1);
	free(loc);
	return id;
}

static const char *ppath(long long id, const char *suffix)
{
	static char buf[8][256];
	static int next;
	char *b = buf[next++ % 8];
	snprintf(b, sizeof buf[0], "/arenas/%d/proposals/%lld%s", HAARBY, id, suffix);
	return b;
}

static long edit(struct test_client *c, long long id, const char *base, const char *title, const char *text,
		 char **body)
{
	assert_int_equal(get(c, ppath(id, ""), NULL), 200); /* for the form's token */
	return post(c, ppath(id, "/edit"), form("base", base, "title", title, "text", text, "note", "", NULL), NULL, body);
}

static void test_blank_page_to_decision(void **state)
{
	(void)state;
	/* A facilitator opens a proposal that is only a question. */
	long long p = start("", "Hvordan når vi ensomme ældre efter kl. 16?");
	char *body;
	assert_int_equal(get(&amina, ppath(p, ""), &body), 200);
	assert_contains(body, "<h1>Hvordan når vi ensomme ældre efter kl. 16?</h1>");
	assert_contains(body, "Forslaget er tomt endnu");
	free(body);

	/* Two citizens write on the blank page at once: Amina saves first;
	 * Karin's overlaps, both versions come back, nothing is stored. */
	const char *title = "Fællesspisning torsdag";
	assert_int_equal(edit(&amina, p, "1", title, "Vi spiser sammen i hallen kl. 17.\n\nAlle er velkomne.", NULL),
			 303);
	assert_int_equal(edit(&karin, p, "1", title, "Vi spiser sammen på biblioteket.", &body), 409);
	assert_contains(body, "Andre har skrevet det samme sted som dig");
	assert_contains(body, "Vi spiser sammen i hallen kl. 17.");
	assert_contains(body, "Vi spiser sammen på biblioteket.");
	assert_contains(body, "name=\"base\" value=\"2\"");
	free(body);
	assert_int_equal(count("SELECT COUNT(*) FROM proposal_revision WHERE proposal_id = %lld", p), 2);
	/* Karin resolves against revision 2. */
	assert_int_equal(get(&karin, ppath(p, ""), NULL), 200);
	assert_int_equal(post(&karin, ppath(p, "/edit"),
			      form("base", "2", "title", title, "note", "Samlet", "part",
				   "Vi spiser sammen i hallen kl. 17, og bagefter er der kaffe på biblioteket.", "part",
				   "\n\nAlle er velkomne.", NULL),
			      NULL, NULL),
			 303);
	/* Another edit, from revision 2 again, in the other paragraph: merged. */
	assert_int_equal(edit(&amina, p, "2", title,
			      "Vi spiser sammen i hallen kl. 17.\n\nAlle er velkomne. Besøgsvenner henter dem, der ikke kan gå.",
			      &body),
			 303);
	free(body);
	assert_int_equal(count("SELECT COUNT(*) FROM proposal_revision WHERE proposal_id = %lld AND kind = 'merged'", p), 1);
	assert_int_equal(get(&amina, ppath(p, ""), &body), 200);
	assert_contains(body, "bagefter er der kaffe på biblioteket");
	assert_contains(body, "Besøgsvenner henter dem");
	free(body);

	/* History and the difference, word by word, for screen readers too. */
	assert_int_equal(get(&jonas, ppath(p, "/history"), &body), 200);
	assert_contains(body, "Karin Holm");
	assert_contains(body, "Amina Haddad");
	assert_contains(body, "Redigeret samtidig med andre");
	free(body);
	assert_int_equal(get(&jonas, ppath(p, "/diff?from=2&to=3"), &body), 200);
	assert_contains(body, "<ins><span class=\"visually-hidden\">tilføjet: </span>, og bagefter er der kaffe på "
			      "biblioteket");
	free(body);

	/* Jonas did not write it: he suggests an amendment; Karin, an author, accepts it. */
	assert_int_equal(get(&jonas, ppath(p, "/amendments"), NULL), 200);
	assert_int_equal(post(&jonas, ppath(p, "/amendments"),
			      form("base", "4", "title", title,
				   "text", "Vi spiser sammen i hallen kl. 17 hver torsdag, og bagefter er der kaffe på "
					   "biblioteket.\n\nAlle er velkomne. Besøgsvenner henter dem, der ikke kan gå.",
				   "reason", "Dagen skal stå i forslaget.", NULL),
			      NULL, NULL),
			 303);
	long long amendment = (long long)count("SELECT MAX(id) FROM proposal_amendment WHERE proposal_id = %lld", p);
	char path[96];
	snprintf(path, sizeof path, "/amendments/%lld/accept", amendment);
	/* Someone who neither wrote it nor facilitates may not decide. */
	assert_int_equal(get(&dennis, ppath(p, "/amendments"), NULL), 200);
	assert_int_equal(post(&dennis, ppath(p, path), strdup(""), NULL, NULL), 403);
	assert_int_equal(get(&karin, ppath(p, "/amendments"), NULL), 200);
	assert_int_equal(post(&karin, ppath(p, path), strdup(""), NULL, NULL), 303);
	assert_int_equal(count("SELECT COUNT(*) FROM proposal_revision r JOIN account a ON a.id = r.author_id WHERE "
			       "r.proposal_id = %lld AND r.kind = 'amendment' AND a.email = 'jonas@demo.example'", p),
			 1);
	/* A second amendment, rejected by the facilitator with a reason. */
	assert_int_equal(get(&dennis, ppath(p, "/amendments"), NULL), 200);
	assert_int_equal(post(&dennis, ppath(p, "/amendments"),
			      form("base", "5", "title", "Fællesspisning hver dag", "text", "Vi spiser sammen hver dag.",
				   "reason", "Oftere er bedre.", NULL),
			      NULL, NULL),
			 303);
	amendment = (long long)count("SELECT MAX(id) FROM proposal_amendment WHERE proposal_id = %lld", p);
	snprintf(path, sizeof path, "/amendments/%lld/reject", amendment);
	assert_int_equal(get(&frida, ppath(p, "/amendments"), NULL), 200);
	assert_int_equal(post(&frida, ppath(p, path), form("reason", "", NULL), NULL, NULL), 400);
	assert_int_equal(post(&frida, ppath(p, path), form("reason", "Der er ikke frivillige nok til hver dag.", NULL),
			      NULL, NULL),
			 303);
	assert_int_equal(get(&amina, ppath(p, "/amendments"), &body), 200);
	assert_contains(body, "Der er ikke frivillige nok til hver dag.");
	assert_contains(body, "Afvist af Frida Facilitator");
	assert_contains(body, "Taget med af Karin Holm");
	free(body);

	/* Support: a person's, once; an organisation's through its representative. */
	assert_int_equal(get(&amina, ppath(p, ""), NULL), 200);
	assert_int_equal(post(&amina, ppath(p, "/support"), form("action", "support", NULL), NULL, NULL), 303);
	long long dgi = (long long)test_sql_int(&srv, "SELECT id FROM organisation WHERE name = 'DGI'");
	char org[24];
	snprintf(org, sizeof org, "%lld", dgi);
	assert_int_equal(post(&amina, ppath(p, "/support"), form("action", "support", "organisation", org, NULL), NULL, NULL),
			 403);
	assert_int_equal(get(&dennis, ppath(p, ""), &body), 200);
	assert_contains(body, "Støt på vegne af DGI");
	free(body);
	assert_int_equal(post(&dennis, ppath(p, "/support"), form("action", "support", "organisation", org, NULL), NULL, NULL),
			 303);
	assert_int_equal(get(&jonas, ppath(p, ""), &body), 200);
	assert_contains(body, "Støtte: 2");
	assert_contains(body, "<a href=\"/organisations/");
	free(body);

	/* Comments: one, a reply, a report, and a moderator hides it with a reason. */
	assert_int_equal(post(&jonas, ppath(p, "/comments"), form("body", "Hvem laver maden?", NULL), NULL, NULL), 303);
	long long comment = (long long)count("SELECT MAX(id) FROM proposal_comment WHERE proposal_id = %lld", p);
	char cid[24];
	snprintf(cid, sizeof cid, "%lld", comment);
	assert_int_equal(get(&karin, ppath(p, ""), NULL), 200);
	assert_int_equal(post(&karin, ppath(p, "/comments"), form("parent", cid, "body", "Netværket for nye naboer.", NULL),
			      NULL, NULL),
			 303);
	snprintf(path, sizeof path, "/comments/%lld/report", comment);
	assert_int_equal(get(&karin, ppath(p, path), &body), 200);
	assert_contains(body, "Anmeld en kommentar");
	assert_contains(body, "Hvem laver maden?");
	free(body);
	assert_int_equal(post(&karin, ppath(p, path), form("reason", " ", NULL), NULL, &body), 400);
	assert_contains(body, "Skal udfyldes.");
	free(body);
	assert_int_equal(post(&karin, ppath(p, path), form("reason", "Spam", NULL), NULL, NULL), 303);
	assert_int_equal(post(&karin, ppath(p, path), form("reason", "Spam", NULL), NULL, NULL), 409);
	assert_int_equal(get(&frida, "/arenas/2/proposals/moderate", &body), 200);
	assert_contains(body, "Hvem laver maden?");
	assert_contains(body, "Spam");
	free(body);
	assert_int_equal(post(&frida, "/arenas/2/proposals/moderate",
			      form("comment", cid, "action", "hide", "reason", "Et spørgsmål til facilitator, ikke til forslaget",
				   NULL),
			      NULL, NULL),
			 303);
	assert_int_equal(get(&amina, ppath(p, ""), &body), 200);
	assert_contains(body, "Skjult af en moderator: Et spørgsmål til facilitator, ikke til forslaget");
	assert_not_contains(body, "Hvem laver maden?");
	assert_contains(body, "Netværket for nye naboer.");
	free(body);

	/* The facilitator submits it: the text is frozen. */
	assert_int_equal(get(&frida, ppath(p, ""), NULL), 200);
	assert_int_equal(post(&frida, ppath(p, "/steps"),
			      form("kind", "submitted", "happened_on", "2026-11-20", "council", "Assens Byråd", "meeting_on",
				   "2026-12-10", "link_url", "https://www.assens.dk/politik", NULL),
			      NULL, NULL),
			 303);
	int64_t revisions = count("SELECT COUNT(*) FROM proposal_revision WHERE proposal_id = %lld", p);
	assert_int_equal(edit(&amina, p, "5", title, "Noget helt nyt.", &body), 409);
	assert_contains(body, "teksten er låst");
	free(body);
	assert_int_equal(count("SELECT COUNT(*) FROM proposal_revision WHERE proposal_id = %lld", p), revisions);

	/* Only a council member records the decision. */
	assert_int_equal(post(&frida, ppath(p, "/decision"),
			      form("outcome", "adopted", "happened_on", "2026-12-10", "council", "Assens Byråd", "body",
				   "Fordi.", NULL),
			      NULL, NULL),
			 403);
	assert_int_equal(post(&frida, ppath(p, "/steps"),
			      form("kind", "decided", "outcome", "adopted", "happened_on", "2026-12-10", "council",
				   "Assens Byråd", "body", "Fordi.", NULL),
			      NULL, &body),
			 403);
	assert_contains(body, "Kun byrådsmedlemmer kan registrere en beslutning.");
	free(body);
	assert_int_equal(get(&council, ppath(p, ""), &body), 200);
	assert_contains(body, "Registrér byrådets beslutning");
	free(body);
	assert_int_equal(post(&council, ppath(p, "/decision"),
			      form("outcome", "adopted", "happened_on", "2026-12-10", "council", "Assens Byråd", "body",
				   "Byrådet vedtog forslaget og afsætter 20.000 kr. til mad.", "link_url",
				   "https://www.assens.dk/referat", NULL),
			      NULL, NULL),
			 303);
	assert_int_equal(post(&council, ppath(p, "/steps"),
			      form("kind", "implementing", "happened_on", "2027-01-05", NULL), NULL, NULL),
			 303);
	assert_int_equal(post(&council, ppath(p, "/steps"),
			      form("kind", "milestone", "happened_on", "2027-02-01", "title", "Første torsdag",
				   "progress", "25", NULL),
			      NULL, NULL),
			 303);
	assert_int_equal(get(&amina, ppath(p, ""), &body), 200);
	assert_contains(body, "Gennemføres: Vedtaget");
	assert_contains(body, "Byrådet vedtog forslaget og afsætter 20.000 kr. til mad.");
	assert_contains(body, "25 % gennemført");
	assert_contains(body, "Den tekst, der blev sendt (version 5)");
	free(body);
	assert_int_equal(get(&amina, ppath(p, "/timeline.atom"), &body), 200);
	int entries = 0;
	for (const char *s = body; (s = strstr(s, "<entry")) != NULL; s++)
		entries++;
	assert_int_equal(entries, 4);
	assert_contains(body, "<title>Besluttet: Vedtaget</title>");
	free(body);
	/* Supported no more once decided. */
	assert_int_equal(post(&jonas, ppath(p, "/support"), form("action", "support", NULL), NULL, NULL), 409);

	/* The same as open data. */
	char api[64];
	snprintf(api, sizeof api, "/api/v1/proposals/%lld", p);
	struct http_resp r;
	http_get(&srv, api, &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "\"status\":\"implementing\"");
	assert_contains(r.body, "\"outcome\":\"adopted\"");
	assert_contains(r.body, "\"frozen_revision\":5");
	assert_contains(r.body, "\"kind\":\"amendment\"");
	assert_contains(r.body, "\"decision_reason\":\"Der er ikke frivillige nok til hver dag.\"");
	assert_contains(r.body, "\"voluntary\":{\"people\":0,\"organisations\":1}");
	assert_contains(r.body, "\"progress\":25");
	http_resp_free(&r);
}

static void test_bad_input_stores_nothing(void **state)
{
	(void)state;
	long long p = start("Prøveforslag", "Et spørgsmål til prøve?");
	assert_int_equal(edit(&amina, p, "1", "Prøveforslag", "Første udgave.", NULL), 303);
	int64_t revisions = count("SELECT COUNT(*) FROM proposal_revision WHERE proposal_id = %lld", p);
	char *body;

	/* Oversized: past the proposal's limit, and past the server's for one field. */
	size_t big = 150001;
	char *text = malloc(big + 1);
	memset(text, 'a', big);
	text[big] = '\0';
	assert_int_equal(edit(&amina, p, "2", "Prøveforslag", text, &body), 400);
	assert_contains(body, "Teksten er for lang.");
	free(body);
	free(text);
	big = 600000;
	text = malloc(big + 1);
	memset(text, 'b', big);
	text[big] = '\0';
	assert_int_equal(edit(&amina, p, "2", "Prøveforslag", text, NULL), 413);
	free(text);
	/* Bad revision numbers. */
	static const char *const bases[] = { "abc", "0", "-1", "99", "" };
	for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++) {
		assert_int_equal(edit(&amina, p, bases[i], "Prøveforslag", "Anden udgave.", &body), 400);
		assert_contains(body, "Den version, du skrev ud fra, findes ikke i forslaget.");
		free(body);
	}
	assert_int_equal(get(&amina, ppath(p, "/diff?from=abc&to=2"), NULL), 400);
	assert_int_equal(get(&amina, ppath(p, "/diff?from=1&to=99"), &body), 404);
	assert_contains(body, "Forslaget har ikke en version med det nummer.");
	free(body);
	assert_int_equal(get(&amina, ppath(p, "/revisions/99"), NULL), 404);
	assert_int_equal(get(&amina, ppath(p, ""), NULL), 200);
	assert_int_equal(post(&amina, ppath(p, "/restore"), form("revision", "99", "base", "2", NULL), NULL, NULL), 404);
	assert_int_equal(post(&amina, ppath(p, "/restore"), form("revision", "x", "base", "2", NULL), NULL, NULL), 400);
	/* A proposal of another arena under this one's path. */
	assert_int_equal(get(&amina, "/arenas/2/proposals/1", NULL), 404);
	assert_int_equal(count("SELECT COUNT(*) FROM proposal_revision WHERE proposal_id = %lld", p), revisions);

	/* Amending one's own proposal. */
	assert_int_equal(get(&amina, ppath(p, "/amendments"), NULL), 200);
	assert_int_equal(post(&amina, ppath(p, "/amendments"),
			      form("base", "2", "title", "Prøveforslag", "text", "Ændret.", "reason", "Fordi.", NULL), NULL,
			      &body),
			 403);
	assert_contains(body, "ret teksten direkte");
	free(body);
	/* An amendment that changes nothing, or has no reason. */
	assert_int_equal(get(&jonas, ppath(p, "/amendments"), NULL), 200);
	assert_int_equal(post(&jonas, ppath(p, "/amendments"),
			      form("base", "2", "title", "Prøveforslag", "text", "Første udgave.", "reason", "Fordi.", NULL),
			      NULL, &body),
			 400);
	assert_contains(body, "Ændringsforslaget ændrer ikke noget i teksten.");
	free(body);
	assert_int_equal(post(&jonas, ppath(p, "/amendments"),
			      form("base", "2", "title", "Prøveforslag", "text", "Ny.", "reason", "", NULL), NULL, NULL),
			 400);
	assert_int_equal(count("SELECT COUNT(*) FROM proposal_amendment WHERE proposal_id = %lld", p), 0);

	/* Supporting twice; withdrawing what was not given. */
	assert_int_equal(get(&jonas, ppath(p, ""), NULL), 200);
	assert_int_equal(post(&jonas, ppath(p, "/support"), form("action", "support", NULL), NULL, NULL), 303);
	assert_int_equal(post(&jonas, ppath(p, "/support"), form("action", "support", NULL), NULL, &body), 409);
	assert_contains(body, "Forslaget har allerede den støtte.");
	free(body);
	assert_int_equal(post(&karin, ppath(p, "/support"), form("action", "withdraw", NULL), NULL, NULL), 409);
	assert_int_equal(post(&karin, ppath(p, "/support"), form("action", "maybe", NULL), NULL, NULL), 400);
	assert_int_equal(count("SELECT COUNT(*) FROM proposal_support WHERE proposal_id = %lld", p), 1);

	/* Comments: empty, a reply to a comment elsewhere. */
	assert_int_equal(post(&jonas, ppath(p, "/comments"), form("body", "  ", NULL), NULL, &body), 400);
	assert_contains(body, "Skal udfyldes.");
	free(body);
	long long other = (long long)test_sql_int(&srv, "SELECT MIN(id) FROM proposal_comment");
	char oid[24];
	snprintf(oid, sizeof oid, "%lld", other);
	assert_int_equal(post(&jonas, ppath(p, "/comments"), form("parent", oid, "body", "Svar", NULL), NULL, NULL), 400);
	assert_int_equal(count("SELECT COUNT(*) FROM proposal_comment WHERE proposal_id = %lld", p), 0);

	/* Steps out of order, and decisions without the role. */
	assert_int_equal(get(&council, ppath(p, ""), NULL), 200);
	assert_int_equal(post(&council, ppath(p, "/decision"),
			      form("outcome", "adopted", "happened_on", "2026-12-10", "council", "Byrådet", "body", "Fordi.",
				   NULL),
			      NULL, &body),
			 400);
	assert_contains(body, "Det trin kan ikke følge forslagets nuværende status.");
	free(body);
	assert_int_equal(post(&frida, ppath(p, "/steps"), form("kind", "submitted", "happened_on", "2026-13-01", NULL), NULL,
			      NULL),
			 400);
	assert_int_equal(post(&amina, ppath(p, "/steps"), form("kind", "submitted", NULL), NULL, NULL), 403);
	assert_int_equal(post(&amina, ppath(p, "/decision"), form("outcome", "adopted", NULL), NULL, NULL), 403);
	assert_int_equal(count("SELECT COUNT(*) FROM proposal_step WHERE proposal_id = %lld", p), 0);

	/* Editing a submitted proposal. */
	assert_int_equal(get(&frida, ppath(p, ""), NULL), 200);
	assert_int_equal(post(&frida, ppath(p, "/steps"),
			      form("kind", "submitted", "happened_on", "2026-11-20", "council", "Byrådet", NULL), NULL, NULL),
			 303);
	assert_int_equal(edit(&amina, p, "2", "Prøveforslag", "Ændret bagefter.", &body), 409);
	assert_contains(body, "teksten er låst");
	free(body);
	assert_int_equal(get(&amina, ppath(p, "/edit"), NULL), 409);
	assert_int_equal(count("SELECT COUNT(*) FROM proposal_revision WHERE proposal_id = %lld", p), revisions);
}

/* One of the concurrent writers. */
struct writer {
	long long proposal;
	int index;
	const char *base, *title;
	const char *text; /* what it saves */
	const char *word; /* its own word, which must not be lost */
	struct test_client client;
	long status;
	char *body;
};

static void *save_at_once(void *arg)
{
	struct writer *w = arg;
	char cookie[sizeof w->client.cookies + 16];
	snprintf(cookie, sizeof cookie, "Cookie: %s", w->client.cookies);
	char *f = form("csrf", w->client.csrf, "base", w->base, "title", w->title, "text", w->text, "note", "", NULL);
	const char *h[] = { "Content-Type: application/x-www-form-urlencoded", "Accept-Language: da", cookie, NULL };
	struct http_resp r;
	w->status = -1;
	if (http_try(&srv, "POST", ppath(w->proposal, "/edit"), f, h, &r) == 0) {
		w->status = r.status;
		w->body = strdup(r.body);
		http_resp_free(&r);
	}
	free(f);
	return NULL;
}

enum { WRITERS = 20 };

/* Runs WRITERS saves at once from base; each writer's text from make. */
static void run_writers(struct writer *w, long long p, const char *base, const char *title)
{
	pthread_t t[WRITERS];
	assert_int_equal(get(&amina, ppath(p, "/edit"), NULL), 200);
	for (int i = 0; i < WRITERS; i++) {
		w[i].proposal = p;
		w[i].index = i;
		w[i].base = base;
		w[i].title = title;
		w[i].client = amina;
		w[i].body = NULL;
	}
	for (int i = 0; i < WRITERS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, save_at_once, &w[i]), 0);
	for (int i = 0; i < WRITERS; i++)
		pthread_join(t[i], NULL);
}

static void test_twenty_saves_at_once(void **state)
{
	(void)state;
	long long p = start("Tyve på én gang", "Kan tyve skrive samtidig?");
	const char *title = "Tyve på én gang";
	/* Twenty paragraphs; each writer changes its own. */
	char base[WRITERS * 64] = "";
	for (int i = 0; i < WRITERS; i++)
		snprintf(base + strlen(base), sizeof base - strlen(base), "%sAfsnit %d er her.", i ? "\n\n" : "", i);
	assert_int_equal(edit(&amina, p, "1", title, base, NULL), 303);
	struct writer w[WRITERS];
	char texts[WRITERS][sizeof base + 64], words[WRITERS][32];
	for (int i = 0; i < WRITERS; i++) {
		snprintf(words[i], sizeof words[i], "ord%dx", i);
		texts[i][0] = '\0';
		for (int k = 0; k < WRITERS; k++)
			snprintf(texts[i] + strlen(texts[i]), sizeof texts[i] - strlen(texts[i]), "%sAfsnit %d er her%s%s.",
				 k ? "\n\n" : "", k, k == i ? " med " : "", k == i ? words[i] : "");
		w[i].text = texts[i];
		w[i].word = words[i];
	}
	run_writers(w, p, "2", title);
	/* Apart, they all land: each a revision, merged with the others. */
	char *text = head_text(p);
	for (int i = 0; i < WRITERS; i++) {
		if (w[i].status != 303)
			fail_msg("writer %d: %ld\n%.2000s", i, w[i].status, w[i].body ? w[i].body : "");
		assert_contains(text, words[i]);
		free(w[i].body);
	}
	free(text);
	assert_int_equal(count("SELECT COUNT(*) FROM proposal_revision WHERE proposal_id = %lld", p), 2 + WRITERS);
	int64_t head = count("SELECT head FROM proposal WHERE id = %lld", p);

	/* All on the same sentence: one lands, the others come back with both
	 * versions to resolve; every word is in the text or in its answer. */
	char same[WRITERS][64];
	for (int i = 0; i < WRITERS; i++) {
		snprintf(words[i], sizeof words[i], "samme%dy", i);
		snprintf(same[i], sizeof same[i], "Kun samme%dy her.", i);
		w[i].text = same[i];
		w[i].word = words[i];
	}
	char hb[24];
	snprintf(hb, sizeof hb, "%lld", (long long)head);
	run_writers(w, p, hb, title);
	int landed = 0;
	text = head_text(p);
	for (int i = 0; i < WRITERS; i++) {
		if (w[i].status == 303) {
			landed++;
			assert_contains(text, words[i]);
		} else if (w[i].status == 409) {
			assert_contains(w[i].body, "Andre har skrevet det samme sted som dig");
			assert_contains(w[i].body, words[i]);
		} else {
			fail_msg("writer %d: %ld", i, w[i].status);
		}
		free(w[i].body);
	}
	free(text);
	assert_int_equal(landed, 1);
	assert_int_equal(count("SELECT COUNT(*) FROM proposal_revision WHERE proposal_id = %lld", p), 2 + WRITERS + 1);
}

/* Jonas's words in the proposals are in his data; when he leaves and
 * takes his texts, his comments go but their places and the replies
 * stay, and the revisions he wrote stay as from a deleted user. */
static void test_my_data_and_leaving(void **state)
{
	(void)state;
	long long p = start("Jonas skriver", "Et spørgsmål til Jonas?");
	assert_int_equal(edit(&jonas, p, "1", "Jonas skriver", "Jonas' tekst.", NULL), 303);
	assert_int_equal(post(&jonas, ppath(p, "/comments"), form("body", "Jonas' kommentar", NULL), NULL, NULL), 303);
	long long comment = (long long)count("SELECT MAX(id) FROM proposal_comment WHERE proposal_id = %lld", p);
	char cid[24];
	snprintf(cid, sizeof cid, "%lld", comment);
	assert_int_equal(get(&amina, ppath(p, ""), NULL), 200);
	assert_int_equal(post(&amina, ppath(p, "/comments"), form("parent", cid, "body", "Aminas svar", NULL), NULL, NULL),
			 303);
	assert_int_equal(post(&jonas, ppath(p, "/support"), form("action", "support", NULL), NULL, NULL), 303);
	char *body;
	assert_int_equal(get(&amina, ppath(p, ""), &body), 200);
	assert_contains(body, "Jonas&#39; kommentar"); /* as the page writes it, before he leaves */
	free(body);
	assert_int_equal(get(&jonas, "/me/data", &body), 200);
	assert_contains(body, "\"proposal_comment\":[");
	assert_contains(body, "Jonas' kommentar");
	assert_contains(body, "\"title\":\"Jonas skriver\"");
	assert_contains(body, "\"proposal_support\":[{");
	assert_contains(body, "\"proposal_amendment\":[{");
	assert_contains(body, "Prisen skal stå i forslaget"); /* his amendment in the demo's Haarby proposal */
	free(body);
	assert_int_equal(get(&jonas, "/me", NULL), 200);
	assert_int_equal(post(&jonas, "/me/delete", form("mode", "remove", "confirm_password", PASSWORD, NULL), NULL, NULL),
			 303);
	assert_int_equal(get(&amina, ppath(p, ""), &body), 200);
	assert_not_contains(body, "Jonas&#39; kommentar");
	assert_contains(body, "Kommentaren er slettet af den, der skrev den.");
	assert_contains(body, "Aminas svar");
	assert_contains(body, "Jonas&#39; tekst.");
	assert_contains(body, "Slettet bruger");
	free(body);
	assert_int_equal(count("SELECT COUNT(*) FROM proposal_support WHERE proposal_id = %lld", p), 0);
	/* His amendment in Haarby was not taken in: it went with him. */
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM proposal_amendment WHERE reason LIKE 'Prisen skal%'"), 0);
}

/* Pages kept for readers who are not signed in: the next change shows at
 * once; someone signed in never gets a kept page. */
static void test_kept_pages_follow_changes(void **state)
{
	(void)state;
	long long p = start("Gemte sider", "Viser siden det nyeste?");
	char *before = head_text(p), *again = head_text(p);
	assert_contains(before, "Forslaget er tomt endnu");
	assert_string_equal(before, again); /* the same page twice (the second kept) */
	free(before);
	free(again);
	char *body;
	assert_int_equal(get(&amina, ppath(p, ""), &body), 200);
	assert_contains(body, "Skriv i forslaget"); /* her page, not the kept one */
	assert_contains(body, "Log ud");
	free(body);
	assert_int_equal(edit(&amina, p, "1", "Gemte sider", "Den nye tekst står her.", NULL), 303);
	char *after = head_text(p);
	assert_contains(after, "Den nye tekst står her.");
	assert_not_contains(after, "Log ud");
	free(after);
	assert_int_equal(post(&karin, ppath(p, "/comments"), form("body", "Og en kommentar.", NULL), NULL, NULL), 303);
	after = head_text(p);
	assert_contains(after, "Og en kommentar.");
	free(after);
	char list[64];
	snprintf(list, sizeof list, "/arenas/%d/proposals", HAARBY);
	struct http_resp r;
	http_get(&srv, list, &r);
	assert_contains(r.body, "Gemte sider");
	http_resp_free(&r);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_blank_page_to_decision),
		TEST_CASE(test_bad_input_stores_nothing),
		TEST_CASE(test_twenty_saves_at_once),
		TEST_CASE(test_kept_pages_follow_changes),
		TEST_CASE(test_my_data_and_leaving),
	};
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
