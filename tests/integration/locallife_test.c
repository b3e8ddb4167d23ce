/*
 * locallife_test.c: local life through a real server on the demo data
 * (on SQLite, and on PostgreSQL when the suite runs there): a newcomer
 * finds what happens in Haarby after 16:00 on a weekday and at the
 * weekend; practical information in the reader's language (Accept-
 * Language, ?in=, a chosen interface language), else Danish with a note;
 * a local makes a welcome offer that a newcomer answers, with contact
 * details hidden until both have said yes and the conversation closed to
 * everyone else; reports and a moderator hiding an offer; a
 * representative keeping their association and others refused; staff
 * importing an association list (all or nothing, errors with line and
 * column) and exporting it, the contact persons' e-mails never public;
 * the area's leisure calendar read back by an independent iCalendar
 * parser; a new offer told to the followers of its area, and offers,
 * leisure events and practical pages found by search.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/support.h"

static struct test_server srv;

/* Demo ids (src/cmd/demo.c, demo_locallife.c). */
#define HAARBY 5
#define GLAMSBJERG 4
#define BOLDKLUB 23
#define DOCTOR_PAGE 1
#define RUNNING_OFFER 1

/* Appends key=value (value percent-encoded) to a form being built. */
static void form_add(char *form, size_t n, const char *key, const char *value)
{
	size_t used = strlen(form);
	used += (size_t)snprintf(form + used, n - used, "%s%s=", used ? "&" : "", key);
	for (const unsigned char *p = (const unsigned char *)value; *p && used + 4 < n; p++)
		used += (size_t)(isalnum(*p) ? snprintf(form + used, n - used, "%c", *p)
					     : snprintf(form + used, n - used, "%%%02X", *p));
}

static void get_lang(const char *path, const char *accept, struct http_resp *r)
{
	char header[128];
	snprintf(header, sizeof header, "Accept-Language: %s", accept);
	const char *headers[] = { header, NULL };
	http_request(&srv, "GET", path, NULL, headers, r);
}

static int setup(void **state)
{
	(void)state;
	test_server_up(&srv, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_server_stop(&srv);
	test_db_drop(&srv);
	return 0;
}

static void test_after_16_on_a_weekday(void **state)
{
	(void)state;
	struct http_resp r;
	http_get(&srv, "/areas/5/local-life?day=weekdays&from=16%3A00", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "<h1>Fritid og hverdag i Haarby</h1>");
	assert_contains(r.body, "Haarby Boldklub");       /* Tuesday 16:30 */
	assert_contains(r.body, "Haarby Skakklub");       /* Wednesday 19:00 */
	assert_contains(r.body, "Kvindernes Syværksted"); /* Tuesday 17:00 */
	assert_not_contains(r.body, "Haarby Seniorklub"); /* Monday 10:00, Thursday 14:00 */
	assert_not_contains(r.body, "Glamsbjerg Svømmeklub");
	assert_not_contains(r.body, "Fodboldleg for de mindste"); /* Saturday */
	assert_contains(r.body, "<option value=\"weekdays\" selected>");
	assert_contains(r.body, "8 faste mødetider passer til det, du har valgt");
	/* The filter works without JavaScript: a GET form back to the page. */
	assert_contains(r.body, "<form class=\"filters\" method=\"get\" action=\"/areas/5/local-life\"");
	assert_contains(r.body, "href=\"/associations?area=5&amp;day=weekdays&amp;from=16%3A00\"");
	http_resp_free(&r);

	/* The directory with the same filter, and the weekend. */
	http_get(&srv, "/associations?area=5&day=weekdays&from=16%3A00&language=ar", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "3 foreninger");
	assert_contains(r.body, "Haarby Boldklub");
	assert_contains(r.body, "Haarby Netværk for Nye Naboer");
	assert_contains(r.body, "Kvindernes Syværksted");
	assert_not_contains(r.body, "Haarby Skakklub");
	http_resp_free(&r);
	http_get(&srv, "/associations?area=5&day=weekend", &r);
	assert_contains(r.body, "1 forening<");
	assert_contains(r.body, "Haarby Boldklub");
	http_resp_free(&r);
	http_get(&srv, "/associations?area=4&age=10&fritidspas=1", &r);
	assert_contains(r.body, "2 foreninger");
	assert_contains(r.body, "Glamsbjerg Svømmeklub");
	assert_contains(r.body, "Glamsbjerg Idrætsforening");
	http_resp_free(&r);
	/* Bad filters are the client's error, said plainly. */
	const char *bad[] = { "/associations?day=someday", "/associations?from=25%3A00",
			      "/associations?language=xx", "/associations?age=200",
			      "/areas/5/local-life?category=knitting", "/offers?language=xx" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		http_get(&srv, bad[i], &r);
		if (r.status != 400)
			fail_msg("%s: %ld", bad[i], r.status);
		http_resp_free(&r);
	}
	http_get(&srv, "/areas/999999/local-life", &r);
	assert_int_equal(r.status, 404);
	http_resp_free(&r);
}

static void test_practical_in_the_readers_language(void **state)
{
	(void)state;
	struct http_resp r;
	/* A browser asking for Arabic: an Arabic page, right to left, with
	 * the text in Arabic (no lang of its own: the page's), no note. */
	get_lang("/practical/1", "ar", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "<article class=\"prose\"><h1>الطبيب في هاربي</h1>");
	assert_contains(r.body, "<html lang=\"ar\" dir=\"rtl\"");
	assert_not_contains(r.body, "findes ikke på");
	assert_contains(r.body, "href=\"/practical/1?in=uk\" hreflang=\"uk\" lang=\"uk\" dir=\"ltr\">Українська</a>");
	http_resp_free(&r);
	get_lang("/practical/1", "uk-UA, uk;q=0.9", &r);
	assert_contains(r.body, "Лікар у Гаарбю");
	http_resp_free(&r);
	/* Farsi: not there; Danish, and a note naming both. */
	get_lang("/practical/1", "fa", &r);
	assert_contains(r.body, "<h1>Læge i Haarby</h1>");
	assert_contains(r.body, "Teksten findes ikke på farsi. Her er den på dansk.");
	http_resp_free(&r);
	/* Asked for in the address, whatever the browser says. */
	get_lang("/practical/1?in=ar", "uk", &r);
	assert_contains(r.body, "الطبيب في هاربي");
	http_resp_free(&r);
	/* English chosen for the interface, Arabic read: no English text,
	 * so Arabic, with the note in English. */
	const char *headers[] = { "Accept-Language: ar", "Cookie: lang=en", NULL };
	http_request(&srv, "GET", "/practical/1", NULL, headers, &r);
	assert_contains(r.body, "<html lang=\"en\"");
	assert_contains(r.body, "This text is not available in English. Here it is in Arabic.");
	assert_contains(r.body, "lang=\"ar\" dir=\"rtl\"><h1>الطبيب في هاربي</h1>");
	/* Danish content on the English page is marked so. */
	assert_contains(r.body, "<a href=\"/practical/1?in=da\" hreflang=\"da\" lang=\"da\">Dansk</a>");
	http_resp_free(&r);
	/* The lists name each page's languages in their own script, and
	 * give titles in the reader's language. */
	get_lang("/areas/5/local-life", "ar", &r);
	assert_contains(r.body, "<html lang=\"ar\" dir=\"rtl\""); /* Arabic text on an Arabic page needs no mark */
	assert_contains(r.body, "<span>العربية</span>");
	assert_contains(r.body, "<a href=\"/practical/1\">الطبيب في هاربي</a>");
	assert_contains(r.body, "<a href=\"/offers/1\">");
	assert_contains(r.body, "اركضوا معنا أيام الثلاثاء");
	http_resp_free(&r);
	/* The area's own page leads there. */
	http_get(&srv, "/areas/5", &r);
	assert_contains(r.body, "href=\"/areas/5/local-life\"");
	assert_contains(r.body, "Læge i Haarby");
	assert_contains(r.body, "Affaldssortering i Assens Kommune"); /* the whole municipality's */
	assert_contains(r.body, "Løb med os om tirsdagen");
	http_resp_free(&r);
}

/* The id in a 303's Location after prefix ("/answers/"), or 0. */
static int64_t created(const struct http_resp *r, const char *prefix)
{
	char *loc = http_header(r, "Location");
	const char *p = loc ? strstr(loc, prefix) : NULL;
	int64_t id = p ? strtoll(p + strlen(prefix), NULL, 10) : 0;
	free(loc);
	return id;
}

/* How many notifications of a new offer titled title the account with
 * e-mail email has. */
static int64_t offer_notes(const char *email, const char *title)
{
	char sql[512];
	snprintf(sql, sizeof sql,
		 "SELECT COUNT(*) FROM notification n JOIN event e ON e.id = n.event_id JOIN account a ON "
		 "a.id = n.account_id WHERE e.kind = 'offer_new' AND a.email = '%s' AND e.title = '%s'",
		 email, title);
	return test_sql_int(&srv, sql);
}

/* The API's count of hits of kind for q (a query string, encoded). */
static int64_t api_count(const char *q, const char *kind)
{
	char path[256];
	snprintf(path, sizeof path, "/api/v1/search?q=%s", q);
	struct http_resp r;
	http_get(&srv, path, &r);
	assert_int_equal(r.status, 200);
	json_error_t err;
	json_t *j = json_loads(r.body, 0, &err);
	assert_non_null(j);
	json_t *n = json_object_get(json_object_get(j, "counts"), kind);
	assert_true(json_is_integer(n));
	int64_t count = (int64_t)json_integer_value(n);
	json_decref(j);
	http_resp_free(&r);
	return count;
}

static void test_offer_answered_and_accepted(void **state)
{
	(void)state;
	struct test_client jens = { 0 }, amina = { 0 }, oleh = { 0 };
	struct http_resp r;
	test_sign_in(&srv, &jens, "jens@demo.example", "demo-password", 303);
	test_sign_in(&srv, &amina, "amina@demo.example", "demo-password", 303);
	test_sign_in(&srv, &oleh, "oleh@demo.example", "demo-password", 303);
	client_get(&srv, &jens, "/offers/new?area=4", &r);
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
	/* Errors first: no title, an end before the start. */
	char form[2048] = "";
	form_add(form, sizeof form, "area", "4");
	form_add(form, sizeof form, "starts_on", "2099-05-10");
	form_add(form, sizeof form, "ends_on", "2099-05-01");
	form_add(form, sizeof form, "places", "2");
	form_add(form, sizeof form, "lang", "da");
	client_post(&srv, &jens, "/offers/new", form, &r);
	assert_int_equal(r.status, 400);
	assert_contains(r.body, "href=\"#title\"");
	assert_contains(r.body, "Slutdatoen ligger før startdatoen.");
	http_resp_free(&r);
	form[0] = '\0';
	form_add(form, sizeof form, "area", "4");
	form_add(form, sizeof form, "title", "Fisketur ved Brændegård Sø");
	form_add(form, sizeof form, "body", "Vi fisker og griller pølser. Stænger har jeg.");
	form_add(form, sizeof form, "lang", "da");
	form_add(form, sizeof form, "starts_on", "2099-05-01");
	form_add(form, sizeof form, "ends_on", "2099-05-31");
	form_add(form, sizeof form, "at_time", "9.00");
	form_add(form, sizeof form, "languages", "da");
	form_add(form, sizeof form, "languages", "de");
	form_add(form, sizeof form, "places", "2");
	client_post(&srv, &jens, "/offers/new", form, &r);
	assert_int_equal(r.status, 303);
	int64_t offer = created(&r, "/offers/");
	assert_true(offer > 0);
	http_resp_free(&r);

	char path[128];
	snprintf(path, sizeof path, "/offers/%lld", (long long)offer);
	http_get(&srv, path, &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Fisketur ved Brændegård Sø");
	assert_contains(r.body, "kl. 09:00");
	assert_contains(r.body, "dansk, tysk");
	assert_contains(r.body, "2 ledige af 2");
	assert_contains(r.body, "Log ind for at svare");
	assert_not_contains(r.body, "jens@demo.example");
	http_resp_free(&r);

	/* Amina answers, with contact details for later and a message. */
	client_get(&srv, &amina, path, &r);
	assert_contains(r.body, "Sig ja tak");
	http_resp_free(&r);
	form[0] = '\0';
	form_add(form, sizeof form, "people", "2");
	form_add(form, sizeof form, "contact", "+45 11 22 33 44");
	form_add(form, sizeof form, "message", "مرحبا! Vi kommer gerne, min søn og jeg.");
	snprintf(path, sizeof path, "/offers/%lld/answer", (long long)offer);
	client_post(&srv, &amina, path, form, &r);
	assert_int_equal(r.status, 303);
	int64_t answer = created(&r, "/answers/");
	assert_true(answer > 0);
	http_resp_free(&r);
	/* Twice: refused. One's own: refused. */
	client_post(&srv, &amina, path, form, &r);
	assert_int_equal(r.status, 409);
	http_resp_free(&r);
	client_post(&srv, &jens, path, form, &r);
	assert_int_equal(r.status, 409);
	http_resp_free(&r);
	/* The host got a mail with the link, not the message. */
	char needle[64];
	snprintf(needle, sizeof needle, "/answers/%lld", (long long)answer);
	char *link = test_outbox_link(&srv, needle);
	assert_non_null(link);
	free(link);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM outbox WHERE recipient = 'jens@demo.example' "
					    "AND body LIKE '%Fisketur%' AND body NOT LIKE '%min søn%'"),
			 1);

	/* Before the host says yes: no contact details, for either. */
	snprintf(path, sizeof path, "/answers/%lld", (long long)answer);
	client_get(&srv, &jens, path, &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Amina Haddad");
	assert_contains(r.body, "<p class=\"user-text\" dir=\"auto\">مرحبا! Vi kommer gerne, min søn og jeg.</p>");
	assert_not_contains(r.body, "+45 11 22 33 44");
	assert_contains(r.body, "I ser hinandens kontaktoplysninger, når værten har sagt ja.");
	assert_contains(r.body, "Ja, velkommen");
	http_resp_free(&r);
	/* Nobody else reads it, not even signed in. */
	client_get(&srv, &oleh, path, &r);
	assert_int_equal(r.status, 404);
	http_resp_free(&r);
	snprintf(path, sizeof path, "/answers/%lld/messages", (long long)answer);
	client_post(&srv, &oleh, path, "message=hej", &r);
	assert_int_equal(r.status, 404);
	http_resp_free(&r);
	/* Only the host accepts. */
	snprintf(path, sizeof path, "/answers/%lld/accept", (long long)answer);
	client_post(&srv, &amina, path, "contact=x", &r);
	assert_int_equal(r.status, 403);
	http_resp_free(&r);
	client_post(&srv, &jens, path, "contact=Jens%2C+tlf.+55+66+77+88", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	/* Both said yes: both see both. */
	snprintf(path, sizeof path, "/answers/%lld", (long long)answer);
	struct test_client *sides[] = { &jens, &amina };
	for (int i = 0; i < 2; i++) {
		client_get(&srv, sides[i], path, &r);
		assert_contains(r.body, "+45 11 22 33 44");
		assert_contains(r.body, "Jens, tlf. 55 66 77 88");
		assert_contains(r.body, "<strong>Aftalt</strong>");
		http_resp_free(&r);
	}
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM outbox WHERE recipient = 'amina@demo.example' "
					    "AND subject = 'Du er velkommen'"),
			 1);
	snprintf(path, sizeof path, "/offers/%lld", (long long)offer);
	http_get(&srv, path, &r);
	assert_contains(r.body, "0 ledige af 2");
	assert_not_contains(r.body, "+45 11 22 33 44");
	assert_not_contains(r.body, "55 66 77 88");
	http_resp_free(&r);
	/* Withdrawn: the places are free again, messages closed. */
	snprintf(path, sizeof path, "/answers/%lld/withdraw", (long long)answer);
	client_post(&srv, &amina, path, "", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	assert_int_equal(test_sql_int(&srv, "SELECT taken FROM welcome_offer WHERE title = 'Fisketur ved Brændegård Sø'"),
			 0);
	snprintf(path, sizeof path, "/answers/%lld/messages", (long long)answer);
	client_post(&srv, &jens, path, "message=hej", &r);
	assert_int_equal(r.status, 409);
	http_resp_free(&r);
	/* The lists of one's own. */
	client_get(&srv, &amina, "/offers/mine", &r);
	assert_contains(r.body, "Fisketur ved Brændegård Sø");
	assert_contains(r.body, "Aftensmad hos os"); /* the demo's accepted one */
	http_resp_free(&r);
}

static void test_report_and_hide(void **state)
{
	(void)state;
	struct test_client visitor = { 0 }, anna = { 0 }, lise = { 0 };
	struct http_resp r;
	client_get(&srv, &visitor, "/offers/1", &r);
	assert_contains(r.body, "Anmeld tilbuddet");
	http_resp_free(&r);
	client_post(&srv, &visitor, "/offers/1/report", "reason=", &r);
	assert_int_equal(r.status, 400);
	http_resp_free(&r);
	client_post(&srv, &visitor, "/offers/1/report", "reason=Ser+ud+som+reklame", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	test_sign_in(&srv, &anna, "anna@demo.example", "demo-password", 303);
	client_get(&srv, &anna, "/offers/moderate", &r);
	assert_contains(r.body, "Løb med os om tirsdagen");
	assert_contains(r.body, "1 anmeldelse<");
	http_resp_free(&r);
	client_get(&srv, &anna, "/offers/1", &r);
	assert_contains(r.body, "Ser ud som reklame");
	assert_contains(r.body, "En besøgende uden konto");
	http_resp_free(&r);
	client_post(&srv, &anna, "/offers/1/hide", "action=hide&reason=", &r);
	assert_int_equal(r.status, 400);
	http_resp_free(&r);
	assert_int_equal(api_count("tirsdagen", "offer"), 1);
	client_post(&srv, &anna, "/offers/1/hide", "action=hide&reason=Ikke+et+velkomsttilbud", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	/* Gone for others, search too; the host sees why, by mail too. */
	assert_int_equal(api_count("tirsdagen", "offer"), 0);
	http_get(&srv, "/offers/1", &r);
	assert_int_equal(r.status, 404);
	http_resp_free(&r);
	http_get(&srv, "/offers", &r);
	assert_not_contains(r.body, "Løb med os om tirsdagen");
	http_resp_free(&r);
	test_sign_in(&srv, &lise, "lise@demo.example", "demo-password", 303);
	client_get(&srv, &lise, "/offers/1", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Ikke et velkomsttilbud");
	http_resp_free(&r);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM outbox WHERE recipient = 'lise@demo.example' "
					    "AND body LIKE '%Ikke et velkomsttilbud%'"),
			 1);
	client_post(&srv, &anna, "/offers/1/hide", "action=show", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	assert_int_equal(api_count("tirsdagen", "offer"), 1);
	http_get(&srv, "/offers/1", &r);
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
	client_post(&srv, &anna, "/offers/1/hide", "action=explode", &r);
	assert_int_equal(r.status, 400);
	http_resp_free(&r);
}

static void test_representative_keeps_association(void **state)
{
	(void)state;
	struct test_client lise = { 0 }, amina = { 0 };
	struct http_resp r;
	test_sign_in(&srv, &lise, "lise@demo.example", "demo-password", 303);
	test_sign_in(&srv, &amina, "amina@demo.example", "demo-password", 303);
	client_get(&srv, &amina, "/associations/23/edit", &r);
	assert_int_equal(r.status, 403);
	http_resp_free(&r);
	client_get(&srv, &lise, "/associations/23/edit", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "value=\"Haarby Boldklub\"");
	assert_contains(r.body, "id=\"m1_from\" name=\"m1_from\"");
	http_resp_free(&r);
	char form[4096] = "";
	form_add(form, sizeof form, "name", "Haarby Boldklub");
	form_add(form, sizeof form, "area", "5");
	form_add(form, sizeof form, "category", "sport");
	form_add(form, sizeof form, "description", "Fodbold for alle.");
	form_add(form, sizeof form, "lang", "da");
	form_add(form, sizeof form, "languages", "da");
	form_add(form, sizeof form, "languages", "ar");
	form_add(form, sizeof form, "fee_kr", "0");
	form_add(form, sizeof form, "fee_per", "year");
	form_add(form, sizeof form, "contact_name", "Lise Holm");
	form_add(form, sizeof form, "contact_email", "lise.holm@boldklub.example");
	form_add(form, sizeof form, "m1_day", "5");
	form_add(form, sizeof form, "m1_from", "16:15");
	form_add(form, sizeof form, "m1_to", "17:45");
	form_add(form, sizeof form, "m1_place", "Haarby Stadion");
	form_add(form, sizeof form, "m2_day", "2");
	form_add(form, sizeof form, "m2_from", "25:00");
	form_add(form, sizeof form, "m2_to", "26:00");
	client_post(&srv, &lise, "/associations/23/edit", form, &r);
	assert_int_equal(r.status, 400);
	assert_contains(r.body, "href=\"#m2\"");
	assert_contains(r.body, "value=\"25:00\""); /* what was typed is kept */
	http_resp_free(&r);
	client_post(&srv, &amina, "/associations/23/edit", form, &r);
	assert_int_equal(r.status, 403);
	http_resp_free(&r);
	char *m2 = strstr(form, "&m2_day");
	*m2 = '\0';
	client_post(&srv, &lise, "/associations/23/edit", form, &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	/* The public page: the new time, the name; never the e-mail. */
	http_get(&srv, "/associations/23", &r);
	assert_contains(r.body, "fredag 16.15–17.45");
	assert_contains(r.body, "Lise Holm");
	assert_not_contains(r.body, "lise.holm@boldklub.example");
	assert_contains(r.body, "Gratis");
	http_resp_free(&r);
	client_get(&srv, &lise, "/associations/23", &r);
	assert_contains(r.body, "lise.holm@boldklub.example");
	http_resp_free(&r);
	/* An event, and the translation form. */
	form[0] = '\0';
	form_add(form, sizeof form, "kind", "open_house");
	form_add(form, sizeof form, "title", "Klubdag");
	form_add(form, sizeof form, "starts_at", "2099-06-06T10:00");
	form_add(form, sizeof form, "ends_at", "2099-06-06T14:00");
	form_add(form, sizeof form, "place", "Haarby Stadion");
	form_add(form, sizeof form, "lang", "da");
	client_post(&srv, &lise, "/associations/23/events/new", form, &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	client_post(&srv, &lise, "/associations/23/version", "lang=uk&title=&body=%D0%A4%D1%83%D1%82%D0%B1%D0%BE%D0%BB",
		    &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	client_post(&srv, &lise, "/associations/23/version", "lang=da&title=&body=x", &r);
	assert_int_equal(r.status, 400); /* the original's language */
	http_resp_free(&r);
	get_lang("/associations/23", "uk", &r);
	assert_contains(r.body, "<html lang=\"uk\"");
	assert_contains(r.body, "<div class=\"prose\"><p>Футбол</p>");
	http_resp_free(&r);
}

static void test_staff_import_and_export(void **state)
{
	(void)state;
	struct test_client frida = { 0 }, visitor = { 0 };
	struct http_resp r;
	test_sign_in(&srv, &frida, "frida@demo.example", "demo-password", 303);
	int64_t before = test_sql_int(&srv, "SELECT COUNT(*) FROM association");
	client_get(&srv, &frida, "/associations/import", &r);
	http_resp_free(&r);
	char form[4096] = "";
	form_add(form, sizeof form, "csv",
		 "name,area,category,languages,fee_kr,contact_email,meetings\n"
		 "Haarby Petanque,Haarby,sport,da,50,petanque@example.dk,\"fri 14:00-16:00 | Haarby Anlæg\"\n"
		 "Haarby Strikkeklub,Haarby,crafts,da,-5,,\n"
		 "Haarby Billard,Haarby,games,da,,,sun 10:00\n");
	client_post(&srv, &frida, "/associations/import", form, &r);
	assert_int_equal(r.status, 400);
	assert_contains(r.body, "Intet blev indlæst.");
	assert_contains(r.body, "Linje 3, kolonne fee_kr:");
	assert_contains(r.body, "Linje 4, kolonne meetings:");
	http_resp_free(&r);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM association"), before);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM organisation WHERE name = 'Haarby Petanque'"), 0);
	form[0] = '\0';
	form_add(form, sizeof form, "csv",
		 "name,area,category,languages,fee_kr,contact_email,meetings\n"
		 "Haarby Petanque,Haarby,sport,da,50,petanque@example.dk,\"fri 14:00-16:00 | Haarby Anlæg\"\n"
		 "Haarby Boldklub,Haarby,sport,da ar en,450,,\"tue 16:30-18:00 | Haarby Stadion | U8–U10\"\n");
	client_post(&srv, &frida, "/associations/import", form, &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "2 rækker indlæst. 1 forening oprettet. 1 forening opdateret.");
	http_resp_free(&r);
	http_get(&srv, "/associations?area=5&category=sport&day=fri", &r);
	assert_contains(r.body, "Haarby Petanque");
	assert_not_contains(r.body, "petanque@example.dk");
	http_resp_free(&r);
	client_get(&srv, &frida, "/associations/export.csv", &r);
	assert_int_equal(r.status, 200);
	char *type = http_header(&r, "Content-Type");
	assert_string_equal(type, "text/csv; charset=utf-8");
	free(type);
	assert_contains(r.body, "name,area,category,languages,fee_kr,fee_per,fritidspas,age_min,age_max,step_free,"
				"contact_name,contact_email,contact_phone,website,description,lang,meetings\n");
	assert_contains(r.body, "Haarby Petanque,Haarby,sport,da,50,year,no,,,no,,petanque@example.dk,,,,da,"
				"fri 14:00-16:00 | Haarby Anlæg\n");
	http_resp_free(&r);
	client_get(&srv, &visitor, "/associations/export.csv", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
}

static void test_leisure_calendar(void **state)
{
	(void)state;
	struct http_resp r;
	http_get(&srv, "/areas/5/local-life.ics", &r);
	assert_int_equal(r.status, 200);
	char dir[128], file[192], cmd[320];
	unsigned tmp = test_tmpdir(dir, sizeof dir, "ics");
	snprintf(file, sizeof file, "%s/feed.ics", dir);
	FILE *f = fopen(file, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(r.body, 1, r.len, f), r.len);
	fclose(f);
	http_resp_free(&r);
	snprintf(cmd, sizeof cmd, "/usr/bin/python3 tests/support/icalparse.py '%s'", file);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	json_error_t jerr;
	json_t *j = json_loadf(p, 0, &jerr);
	int status = pclose(p);
	test_undo(tmp);
	if (j == NULL || status != 0)
		fail_msg("icalparse.py: exit %d, %s", status, jerr.text);
	assert_int_equal(json_array_size(json_object_get(j, "problems")), 0);
	int training = 0, tuesday = 0;
	json_t *ev;
	size_t i;
	json_array_foreach(json_object_get(j, "events"), i, ev)
	{
		const char *summary = json_string_value(json_object_get(ev, "summary"));
		const char *rrule = json_string_value(json_object_get(ev, "rrule"));
		const char *local = json_string_value(json_object_get(ev, "dtstart_local"));
		if (summary && strcmp(summary, "Åben træning for nye spillere") == 0)
			training++;
		/* The weekly U8–U10 training: every Tuesday at 16:30 in
		 * Copenhagen, summer and winter alike. */
		if (summary && strcmp(summary, "Haarby Boldklub: U8–U10") == 0) {
			assert_string_equal(rrule, "FREQ=WEEKLY;BYDAY=TU");
			assert_non_null(strstr(local, "T163000 Europe/Copenhagen"));
			assert_string_equal(json_string_value(json_object_get(ev, "location")), "Haarby Stadion");
			tuesday++;
		}
		assert_null(strstr(json_string_value(json_object_get(ev, "description")), "@"));
	}
	assert_int_equal(training, 1);
	assert_int_equal(tuesday, 1);
	json_decref(j);
}

static void test_offer_found_and_followers_told(void **state)
{
	(void)state;
	struct test_client jens = { 0 }, oleh = { 0 };
	struct http_resp r;
	test_sign_in(&srv, &jens, "jens@demo.example", "demo-password", 303);
	test_sign_in(&srv, &oleh, "oleh@demo.example", "demo-password", 303);
	/* Oleh follows Glamsbjerg from its page; Amina (the demo) follows
	 * Haarby only. */
	client_get(&srv, &oleh, "/areas/4", &r);
	assert_contains(r.body, "Følg lokalområdet");
	http_resp_free(&r);
	client_post(&srv, &oleh, "/follow", "kind=area&id=4&on=1", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	const char *title = "Kajaktur på Brændegård Sø";
	char form[2048] = "";
	form_add(form, sizeof form, "area", "4");
	form_add(form, sizeof form, "title", title);
	form_add(form, sizeof form, "body", "Vi padler en tur på søen. Redningsveste har jeg.");
	form_add(form, sizeof form, "lang", "da");
	form_add(form, sizeof form, "starts_on", "2099-06-01");
	form_add(form, sizeof form, "ends_on", "2099-06-30");
	form_add(form, sizeof form, "languages", "da");
	form_add(form, sizeof form, "places", "3");
	client_get(&srv, &jens, "/offers/new?area=4", &r);
	http_resp_free(&r);
	client_post(&srv, &jens, "/offers/new", form, &r);
	assert_int_equal(r.status, 303);
	int64_t offer = created(&r, "/offers/");
	assert_true(offer > 0);
	http_resp_free(&r);

	/* The follower of the area is told, once; the host and a follower of
	 * another area are not. */
	assert_int_equal(offer_notes("oleh@demo.example", title), 1);
	assert_int_equal(offer_notes("jens@demo.example", title), 0);
	assert_int_equal(offer_notes("amina@demo.example", title), 0);
	client_get(&srv, &oleh, "/me/notifications", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Nyt velkomsttilbud i Glamsbjerg: Kajaktur på Brændegård Sø");
	char link[64];
	snprintf(link, sizeof link, "href=\"/offers/%lld\"", (long long)offer);
	assert_contains(r.body, link);
	http_resp_free(&r);
	/* Editing it tells nobody again. */
	char path[128];
	snprintf(path, sizeof path, "/offers/%lld/edit", (long long)offer);
	client_post(&srv, &jens, path, form, &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	assert_int_equal(offer_notes("oleh@demo.example", title), 1);

	/* Search finds it by a word of its text in another form, with the
	 * kind and its area as filters, and not in another area. */
	http_get(&srv, "/search?q=redningsvest&kind=offer", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, link);
	assert_contains(r.body, "Velkomsttilbud");
	http_resp_free(&r);
	http_get(&srv, "/search?q=kajaktur&area=4", &r);
	assert_contains(r.body, link);
	http_resp_free(&r);
	http_get(&srv, "/search?q=kajaktur&area=5", &r);
	assert_not_contains(r.body, link);
	http_resp_free(&r);
	assert_int_equal(api_count("kajaktur", "offer"), 1);
	/* Closed by its host: no longer found; open again: found. */
	snprintf(path, sizeof path, "/offers/%lld/close", (long long)offer);
	client_post(&srv, &jens, path, "", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	assert_int_equal(api_count("kajaktur", "offer"), 0);
	http_get(&srv, "/search?q=kajaktur", &r);
	assert_not_contains(r.body, link);
	http_resp_free(&r);
	client_post(&srv, &jens, path, "open=1", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	assert_int_equal(api_count("kajaktur", "offer"), 1);

	/* Practical information and the associations' events are found too,
	 * an event with its association. */
	snprintf(link, sizeof link, "href=\"/practical/%d\"", DOCTOR_PAGE);
	http_get(&srv, "/search?q=l%C3%A6ge&kind=practical", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, link);
	http_resp_free(&r);
	assert_true(api_count("l%C3%A6ge", "practical") >= 1);
	http_get(&srv, "/search?q=snobr%C3%B8d&kind=leisure", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Bål og <mark>snobrød</mark>: prøv at være spejder");
	assert_contains(r.body, "KFUM-Spejderne i Haarby");
	assert_contains(r.body, "/events/");
	http_resp_free(&r);
	assert_int_equal(api_count("snobr%C3%B8d", "leisure"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_after_16_on_a_weekday),
		TEST_CASE(test_practical_in_the_readers_language),
		TEST_CASE(test_leisure_calendar),
		TEST_CASE(test_offer_answered_and_accepted),
		TEST_CASE(test_report_and_hide),
		TEST_CASE(test_representative_keeps_association),
		TEST_CASE(test_staff_import_and_export),
		TEST_CASE(test_offer_found_and_followers_told),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
