/*
 * attend_test.c: who comes to an activity, through the real server with
 * the demo data: a guest without an account signs up by name and e-mail
 * and confirms by the mailed link (opening it changes nothing, its
 * buttons do; the same link cancels, and the place goes to the waiting
 * list); staff add a sign-up taken by phone and cancel one after a page
 * that names whose and for what; the facilitators' list of who comes and
 * its file, each look in the audit log and read there as a sentence;
 * the confirmation pages for closing an arena, cancelling one's own
 * sign-up and withdrawing an organisation; inviting an organisation not
 * on the list adds it; where the reader was going is kept through
 * signing up and the confirmation mail.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/support.h"

static struct test_server srv;
static struct test_client frida;
static long long activity; /* with one place, made by the set-up */
static char page[96];

static int setup(void **state)
{
	(void)state;
	const char *extra[] = { "--rate-factor", "100", NULL };
	test_db_create(&srv, 1);
	test_server_start(&srv, extra);
	memset(&frida, 0, sizeof frida);
	test_sign_in(&srv, &frida, "frida%40demo.example", "demo-password", 303);
	struct http_resp r;
	client_get(&srv, &frida, "/arenas/2/activities/new", &r);
	http_resp_free(&r);
	client_post(&srv, &frida, "/arenas/2/activities/new",
		    "title=Suppeaften&kind=meeting&starts_at=2031-03-04T18:00&ends_at=2031-03-04T20:00"
		    "&place=Haarby+Hallen&capacity=1",
		    &r);
	assert_int_equal(r.status, 303);
	char *loc = http_header(&r, "Location");
	assert_int_equal(sscanf(loc, "/arenas/2/activities/%lld", &activity), 1);
	free(loc);
	http_resp_free(&r);
	snprintf(page, sizeof page, "/arenas/2/activities/%lld", activity);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_server_stop(&srv);
	test_db_drop(&srv);
	return 0;
}

/* client_post_from on this test's server. */
static long post(struct test_client *c, const char *from, const char *to, const char *form, char **loc, char **body)
{
	return client_post_from(&srv, c, from, to, form, loc, body);
}

static const char *path(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *path(const char *fmt, ...)
{
	static char buf[4][256];
	static int next;
	char *b = buf[next++ % 4];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b, sizeof buf[0], fmt, ap);
	va_end(ap);
	return b;
}

static int64_t status_count(const char *email, const char *status)
{
	return test_sql_int(&srv, path("SELECT COUNT(*) FROM signup WHERE activity_id = %lld AND guest_email = '%s' "
				       "AND status = '%s'",
				       activity, email, status));
}

/* The guest link mailed last to email, as a local path (malloc'd). */
static char *guest_link(const char *email)
{
	char *link = test_outbox_link(&srv, "/guest?token=");
	assert_non_null(link);
	assert_int_equal(test_sql_int(&srv, path("SELECT COUNT(*) FROM outbox WHERE recipient = '%s' AND body LIKE "
						  "'%%%s%%'",
						  email, strstr(link, "token=") + 6)),
			 1);
	char *local = strdup(strstr(link, "/guest?"));
	free(link);
	return local;
}

static void test_guests_sign_up_by_mail(void **state)
{
	(void)state;
	struct test_client sara = { 0 }, omar = { 0 };
	char *out = NULL;
	/* Signed out, the activity offers signing up without an account. */
	client_expect(&srv, &sara, page, 200, "Tilmeld dig uden konto");
	client_expect(&srv, &sara, page, 200, path("action=\"%s/guest\"", page));
	/* A name and an address are needed. */
	assert_int_equal(post(&sara, page, path("%s/guest", page), "name=&email=sara", NULL, &out), 400);
	assert_contains(out, "<a href=\"#name\">");
	assert_contains(out, "<a href=\"#email\">");
	free(out);
	assert_int_equal(post(&sara, page, path("%s/guest", page), "name=Sara+Holm&email=Sara%40Example.dk&childcare=1",
			      &out, NULL),
			 303);
	assert_string_equal(out, path("%s?done=guest-sent#signup", page));
	free(out);
	/* Asked, not yet signed up: no place is held. */
	assert_int_equal(status_count("sara@example.dk", "pending"), 1);
	char *link = guest_link("sara@example.dk");
	/* Opening the link (as a mail scanner would) changes nothing. */
	client_expect(&srv, &sara, link, 200, "Tilmeldingen er ikke bekræftet endnu.");
	assert_int_equal(status_count("sara@example.dk", "pending"), 1);
	char form[256];
	snprintf(form, sizeof form, "token=%s&action=confirm", strstr(link, "token=") + 6);
	assert_int_equal(post(&sara, link, "/guest", form, &out, NULL), 303);
	assert_string_equal(out, path("%s&done=signed-up", link));
	free(out);
	assert_int_equal(status_count("sara@example.dk", "confirmed"), 1);
	client_expect(&srv, &sara, link, 200, "Afmeld mig");

	/* The one place is taken: the next guest waits. Asking again mails
	 * the link again, and says the same. */
	assert_int_equal(post(&omar, page, path("%s/guest", page), "name=Omar+Said&email=omar%40example.dk", &out,
			      NULL),
			 303);
	free(out);
	char *omars = guest_link("omar@example.dk");
	snprintf(form, sizeof form, "token=%s&action=confirm", strstr(omars, "token=") + 6);
	assert_int_equal(post(&omar, omars, "/guest", form, &out, NULL), 303);
	assert_contains(out, "done=waiting");
	free(out);
	assert_int_equal(status_count("omar@example.dk", "waiting"), 1);
	int64_t mails = test_sql_int(&srv, "SELECT COUNT(*) FROM outbox WHERE recipient = 'omar@example.dk'");
	assert_int_equal(post(&omar, page, path("%s/guest", page), "name=Omar+Said&email=omar%40example.dk", &out,
			      NULL),
			 303);
	free(out);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM outbox WHERE recipient = 'omar@example.dk'"),
			 mails + 1);
	assert_int_equal(status_count("omar@example.dk", "waiting"), 1);

	/* Sara cancels by her link: Omar moves up and is told by mail. */
	snprintf(form, sizeof form, "token=%s&action=cancel", strstr(link, "token=") + 6);
	assert_int_equal(post(&sara, link, "/guest", form, &out, NULL), 303);
	free(out);
	assert_int_equal(status_count("sara@example.dk", "cancelled"), 1);
	assert_int_equal(status_count("omar@example.dk", "confirmed"), 1);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM outbox WHERE recipient = 'omar@example.dk'"),
			 mails + 2);
	client_expect(&srv, &sara, link, 200, "Du er afmeldt.");
	/* A cancelled sign-up cannot be confirmed again by the link. */
	snprintf(form, sizeof form, "token=%s&action=confirm", strstr(link, "token=") + 6);
	assert_int_equal(post(&sara, link, "/guest", form, NULL, NULL), 404);
	client_expect(&srv, &sara, "/guest?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 404, NULL);
	free(link);
	free(omars);
}

static void test_staff_sign_up_others_and_see_who_comes(void **state)
{
	(void)state;
	struct test_client amina = { 0 }, anna = { 0 };
	char *out = NULL;
	char attendees[128], added[128], cancel[160], link[160];
	snprintf(attendees, sizeof attendees, "%s/attendees", page);
	snprintf(added, sizeof added, "%s/signups/new", page);
	/* Only the arena's facilitators. */
	test_sign_in(&srv, &amina, "amina%40demo.example", "demo-password", 303);
	client_expect(&srv, &amina, attendees, 403, NULL);
	client_expect(&srv, &amina, path("%s/attendees.csv", page), 403, NULL);
	client_expect(&srv, &amina, added, 403, NULL);

	/* A sign-up taken by phone: a name and a phone number will do. */
	client_expect(&srv, &frida, added, 200, "Tilføj en tilmelding");
	assert_int_equal(post(&frida, added, added, "name=&phone=", &out, NULL), 400);
	free(out);
	assert_int_equal(post(&frida, added, added, "name=Bent+Hansen&phone=%2B45+12+34+56+78&interpreter=ar"
						 "&other_needs=Kommer+med+rollator",
			      &out, NULL),
			 303);
	assert_string_equal(out, path("%s/attendees?done=signup-added", page));
	free(out);
	int64_t bent = test_sql_int(&srv, path("SELECT id FROM signup WHERE activity_id = %lld AND guest_name = "
					       "'Bent Hansen'",
					       activity));
	assert_true(bent > 0);

	/* Who comes: names, contact, needs; each look is logged. */
	const char *reads = "SELECT COUNT(*) FROM audit_log WHERE action = 'signup.read' AND object_kind = 'activity'";
	int64_t looked = test_sql_int(&srv, reads);
	client_expect(&srv, &frida, attendees, 200, "Bent Hansen <span class=\"tag\">tilføjet af personalet</span>");
	client_expect(&srv, &frida, attendees, 200, "+45 12 34 56 78");
	client_expect(&srv, &frida, attendees, 200, "Kommer med rollator");
	assert_int_equal(test_sql_int(&srv, reads), looked + 3);
	/* The activity's own page counts them, naming nobody (not logged). */
	client_expect(&srv, &frida, page, 200, "Behov: 1 tolk");
	assert_int_equal(test_sql_int(&srv, reads), looked + 3);

	/* The file: UTF-8 with a byte order mark, not kept by caches. */
	struct http_resp r;
	client_get(&srv, &frida, path("%s/attendees.csv", page), &r);
	assert_int_equal(r.status, 200);
	assert_memory_equal(r.body, "\xEF\xBB\xBF", 3);
	assert_contains(r.body, "Bent Hansen");
	assert_contains(r.body, "Kommer med rollator");
	char *type = http_header(&r, "Content-Type"), *cache = http_header(&r, "Cache-Control");
	assert_string_equal(type, "text/csv; charset=utf-8");
	assert_string_equal(cache, "no-store");
	free(type);
	free(cache);
	http_resp_free(&r);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM audit_log WHERE action = 'attendees.export'"), 1);

	/* Cancelling for someone: a page names whose sign-up for what. */
	snprintf(cancel, sizeof cancel, "%s/signups/%lld/cancel", page, (long long)bent);
	client_expect(&srv, &frida, cancel, 200, "Afmeld Bent Hansen fra »Suppeaften«.");
	client_expect(&srv, &frida, cancel, 200, "Pladsen går videre til den første på ventelisten.");
	assert_int_equal(post(&frida, cancel, cancel, "", &out, NULL), 303);
	assert_string_equal(out, path("%s/attendees?done=signup-removed", page));
	free(out);
	assert_int_equal(test_sql_int(&srv, path("SELECT COUNT(*) FROM signup WHERE id = %lld AND status = 'cancelled'",
						 (long long)bent)),
			 1);
	assert_int_equal(post(&frida, page, cancel, "", NULL, NULL), 404);

	/* The log in words: who, what, for which activity (linked). */
	test_sign_in(&srv, &anna, "anna%40demo.example", "demo-password", 303);
	client_get(&srv, &anna, "/admin/audit", &r);
	assert_int_equal(r.status, 200);
	snprintf(link, sizeof link, "<a href=\"%s\">Suppeaften</a>", page);
	assert_contains(r.body, path("Frida Facilitator tilmeldte <strong>Bent Hansen</strong> til %s.", link));
	assert_contains(r.body, path("Frida Facilitator så de tilmeldte til %s og deres behov (", link));
	assert_contains(r.body, path("Frida Facilitator hentede de tilmeldte til %s og deres behov som fil (", link));
	assert_contains(r.body, path("Frida Facilitator afmeldte <strong>Bent Hansen</strong> fra %s.", link));
	http_resp_free(&r);
}

static void test_confirmations_say_what_will_happen(void **state)
{
	(void)state;
	struct test_client amina = { 0 }, dgi = { 0 }; /* dgi: the club's representative */
	char *out = NULL;
	/* Closing an arena. */
	client_expect(&srv, &frida, "/arenas/2", 200, "href=\"/arenas/2/close\"");
	client_expect(&srv, &frida, "/arenas/2/close", 200, "Luk arenaen »Ensomme ældre i Haarby«.");
	client_expect(&srv, &frida, "/arenas/2/close", 200, "action=\"/arenas/2/close\"");
	client_expect(&srv, &frida, "/arenas/2/close", 200, "<a href=\"/arenas/2\"");

	/* Cancelling one's own sign-up. */
	test_sign_in(&srv, &amina, "amina%40demo.example", "demo-password", 303);
	char other[128], cancel[160];
	assert_int_equal(post(&frida, "/arenas/2/activities/new", "/arenas/2/activities/new",
			      "title=Kagebord&kind=meeting&starts_at=2031-04-01T14:00&ends_at=2031-04-01T16:00"
			      "&place=Biblioteket",
			      &out, NULL),
			 303);
	snprintf(other, sizeof other, "%.*s", (int)strcspn(out, "?"), out);
	snprintf(cancel, sizeof cancel, "%s/cancel", other);
	free(out);
	assert_int_equal(post(&amina, other, path("%s/signup", other), "", &out, NULL), 303);
	free(out);
	client_expect(&srv, &amina, other, 200, path("href=\"%s/cancel\"", other));
	client_expect(&srv, &amina, cancel, 200, "Afmeld dig fra »Kagebord«.");
	assert_int_equal(post(&amina, cancel, cancel, "", &out, NULL), 303);
	assert_contains(out, "done=signup-cancelled");
	free(out);

	/* Inviting an organisation that is not on the list adds it. */
	int64_t orgs = test_sql_int(&srv, "SELECT COUNT(*) FROM organisation");
	assert_int_equal(post(&frida, "/arenas/2", "/arenas/2/organisations", "new_name=&new_sector=voluntary", &out,
			      NULL),
			 400);
	free(out);
	assert_int_equal(post(&frida, "/arenas/2", "/arenas/2/organisations",
			      "new_name=Haarby+Strikkeklub&new_sector=voluntary&contact_name=Else"
			      "&contact_email=else%40example.dk",
			      &out, NULL),
			 303);
	free(out);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM organisation"), orgs + 1);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM arena_organisation m JOIN organisation o ON o.id = "
					    "m.organisation_id WHERE o.name = 'Haarby Strikkeklub' AND m.arena_id = 2"),
			 1);

	/* Its representative sees the invitation on /me, accepts there, and
	 * withdraws after a page naming the organisation and the arena. */
	long long club = test_sql_int(&srv, "SELECT id FROM organisation WHERE name = 'Haarby Strikkeklub'");
	char scope[48], base[96], withdraw[128];
	snprintf(scope, sizeof scope, "organisation:%lld", club);
	snprintf(base, sizeof base, "/arenas/2/organisations/%lld", club);
	snprintf(withdraw, sizeof withdraw, "%s/withdraw", base);
	setenv("SAMSKAB_PASSWORD", "else-har-et-langt-kodeord", 1);
	const char *add[] = { "user", "add", "else@example.dk", "Else Strik", "--db", srv.db, NULL };
	const char *grant[] = { "user", "grant", "else@example.dk", "representative", scope, "--db", srv.db, NULL };
	assert_int_equal(test_run(add, NULL, NULL), 0);
	assert_int_equal(test_run(grant, NULL, NULL), 0);
	test_sign_in(&srv, &dgi, "else%40example.dk", "else-har-et-langt-kodeord", 303);
	client_expect(&srv, &dgi, "/me", 200, path("action=\"%s/respond\"", base));
	assert_int_equal(post(&dgi, "/me", path("%s/respond", base), "answer=accept", &out, NULL), 303);
	free(out);
	client_expect(&srv, &dgi, "/me", 200, path("href=\"%s\"", withdraw));
	client_expect(&srv, &dgi, withdraw, 200, "Meld Haarby Strikkeklub ud af arenaen »Ensomme ældre i Haarby«.");
	client_expect(&srv, &amina, withdraw, 403, NULL);
	assert_int_equal(post(&dgi, withdraw, path("%s/respond", base), "answer=withdraw", &out, NULL), 303);
	assert_contains(out, "done=invitation-withdrawn");
	free(out);
}

static void test_next_kept_through_signing_up(void **state)
{
	(void)state;
	struct test_client lone = { 0 };
	char *out = NULL;
	/* From an activity to the sign-in page, on to creating an account. */
	client_expect(&srv, &lone, page, 200,
		      path("href=\"/login?next=%%2Farenas%%2F2%%2Factivities%%2F%lld\"", activity));
	client_expect(&srv, &lone, path("/login?next=%s", page), 200,
		   path("href=\"/signup?next=%%2Farenas%%2F2%%2Factivities%%2F%lld\"", activity));
	char signup[160];
	snprintf(signup, sizeof signup, "/signup?next=%s", page);
	client_expect(&srv, &lone, signup, 200, path("<input type=\"hidden\" name=\"next\" value=\"%s\">", page));
	assert_int_equal(post(&lone, signup, "/signup",
			      path("name=Lone+Berg&email=lone%%40example.dk&password=lone-har-et-langt-kodeord"
				   "&terms=1&next=%s",
				   page),
			      &out, NULL),
			 303);
	free(out);
	/* The mail's link carries it, and confirming goes there. */
	char *link = test_outbox_link(&srv, "/verify?token=");
	assert_non_null(link);
	assert_contains(link, path("&next=%%2Farenas%%2F2%%2Factivities%%2F%lld", activity));
	const char *local = strstr(link, "/verify?");
	client_expect(&srv, &lone, local, 200, path("<input type=\"hidden\" name=\"next\" value=\"%s\">", page));
	char token[128];
	sscanf(strstr(local, "token=") + 6, "%127[^&]", token);
	assert_int_equal(post(&lone, local, "/verify", path("token=%s&next=%s", token, page), &out, NULL), 303);
	assert_string_equal(out, path("%s?done=verified", page));
	free(out);
	free(link);
	/* Somewhere else than this site is never a next. */
	struct http_resp r;
	client_get(&srv, &lone, "/signup?next=https%3A%2F%2Fevil.example%2F", &r);
	assert_int_equal(r.status, 200);
	assert_not_contains(r.body, "name=\"next\"");
	http_resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_guests_sign_up_by_mail),
		TEST_CASE(test_staff_sign_up_others_and_see_who_comes),
		TEST_CASE(test_confirmations_say_what_will_happen),
		TEST_CASE(test_next_kept_through_signing_up),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
