/*
 * arenas_test.c: co-creation arenas through the real server with the
 * demo data: the list and its filters, an arena at a glance, a
 * facilitator opening and running an arena (phases, invitations,
 * activities), a representative answering an invitation, citizens
 * signing up, the waiting list moving up, and every refusal: bad dates,
 * capacity below the sign-ups, signing up twice or too late, someone
 * else's arena, unknown ids.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tz.h"
#include "store/store.h"
#include "support/support.h"

static struct test_server srv;

static int setup(void **state)
{
	(void)state;
	const char *extra[] = { "--rate-factor", "100", NULL };
	test_db_create(&srv, 1);
	test_server_start(&srv, extra);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_server_stop(&srv);
	test_db_drop(&srv);
	return 0;
}

static void expect_get(struct test_client *c, const char *path, long status, const char *has)
{
	client_expect(&srv, c, path, status, has);
}

/* POSTs form to path (after a GET of page for the token); returns the
 * status and, for 303, the Location (malloc'd) in *loc. */
static long post(struct test_client *c, const char *page, const char *path, const char *form, char **loc,
		 char **body)
{
	return client_post_from(&srv, c, page, path, form, loc, body);
}

static void test_list_filters_and_glance(void **state)
{
	(void)state;
	struct test_client anon = { 0 };
	expect_get(&anon, "/arenas", 200, "2 arenaer");
	expect_get(&anon, "/arenas?status=closed", 200, "Folkemødet 2016");
	struct http_resp r;
	client_get(&srv, &anon, "/arenas?status=closed", &r);
	assert_not_contains(r.body, "Ensomme ældre i Haarby</a>");
	http_resp_free(&r);
	expect_get(&anon, "/arenas?area=5", 200, "Ensomme ældre i Haarby</a>");
	client_get(&srv, &anon, "/arenas?phase=followup", &r);
	assert_contains(r.body, "1 arena<");
	assert_contains(r.body, "Folkemødet 2016");
	http_resp_free(&r);
	expect_get(&anon, "/arenas?phase=lunch", 400, "En valgt mulighed findes ikke");
	expect_get(&anon, "/arenas?theme=abc", 400, NULL);

	client_get(&srv, &anon, "/arenas/1", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "<h2 id=\"who\">Hvem er med</h2>");
	assert_contains(r.body, "Offentlig <span class=\"count\">(7)</span>");
	assert_contains(r.body, "Privat <span class=\"count\">(4)</span>");
	assert_contains(r.body, "Frivillig <span class=\"count\">(7)</span>");
	assert_contains(r.body, "aria-current=\"step\"><span class=\"phase-name\">Opfølgning i lokalområderne");
	assert_contains(r.body, "Paneldebat: Hvem tager ansvar for integrationen?");
	assert_contains(r.body, "torsdag 16. juni 2016 kl. 14.00");
	assert_contains(r.body, "type=\"text/calendar\"");
	assert_not_contains(r.body, "Facilitatorens værktøjer");
	http_resp_free(&r);
	/* An activity, with its minutes and what was heard. */
	expect_get(&anon, "/arenas/1/activities/2", 200, "<h2 id=\"heard\">Det hørte vi</h2>");
	expect_get(&anon, "/arenas/999", 404, "Vi kan ikke finde det");
	expect_get(&anon, "/arenas/1/activities/999", 404, NULL);
	expect_get(&anon, "/arenas/2/activities/1", 404, NULL); /* activity of another arena */
}

static void test_facilitator_opens_and_runs_an_arena(void **state)
{
	(void)state;
	struct test_client frida = { 0 }, amina = { 0 }, anon = { 0 };
	test_sign_in(&srv, &frida, "frida%40demo.example", "demo-password", 303);
	test_sign_in(&srv, &amina, "amina%40demo.example", "demo-password", 303);
	/* Only global facilitators open arenas. */
	expect_get(&amina, "/arenas/new", 403, NULL);
	struct http_resp r;
	client_get(&srv, &anon, "/arenas/new", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	char *loc = NULL, *body = NULL;
	assert_int_equal(post(&frida, "/arenas/new", "/arenas/new", "title=&theme=999&areas=1", NULL, &body), 400);
	assert_contains(body, "id=\"title-error\"");
	assert_contains(body, "<a href=\"#theme\">");
	free(body);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM arena"), 2);
	assert_int_equal(post(&frida, "/arenas/new", "/arenas/new",
			      "title=Unge+i+Glamsbjerg&theme=2&areas=4&description=Hvad+savner+I%3F&lang=da", &loc, NULL),
			 303);
	assert_string_equal(loc, "/arenas/3?done=arena-created");
	free(loc);
	expect_get(&frida, "/arenas/3", 200, "Facilitatorens værktøjer");
	expect_get(&frida, "/arenas/3", 200, "aria-current=\"step\"><span class=\"phase-name\">Åben dialog");
	expect_get(&amina, "/arenas/3/edit", 403, NULL);

	/* Phases: dates in the wrong order are refused beside the phase. */
	assert_int_equal(post(&frida, "/arenas/3/phases", "/arenas/3/phases",
			      "phase-1-name=Vi+lytter&phase-1-kind=dialogue&phase-1-start=2027-03-01&phase-1-end=2027-02-01"
			      "&phase-1-order=1&current=1",
			      NULL, &body),
		 400);
	assert_contains(body, "Slutdatoen ligger før startdatoen.");
	free(body);
	assert_int_equal(post(&frida, "/arenas/3/phases", "/arenas/3/phases",
			      "phase-1-name=Forslag&phase-1-kind=drafting&phase-1-start=2027-03-01&phase-1-order=2"
			      "&phase-2-name=Vi+lytter&phase-2-kind=dialogue&phase-2-start=2027-01-01&phase-2-end=2027-02-28"
			      "&phase-2-order=1&current=2&phase-3-name=Slettes&phase-3-delete=1",
			      &loc, NULL),
		 303);
	free(loc);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM arena_phase WHERE arena_id = 3"), 2);
	assert_int_equal(test_sql_int(&srv, "SELECT position FROM arena_phase WHERE arena_id = 3 AND name = 'Vi lytter'"), 1);
	expect_get(&anon, "/arenas/3", 200, "aria-current=\"step\"><span class=\"phase-name\">Vi lytter");

	/* Invite DGI; its representative accepts; nobody else can answer. */
	assert_int_equal(post(&frida, "/arenas/3", "/arenas/3/organisations",
			      "organisation=13&contact_name=Dennis&contact_email=dgi%40demo.example", &loc, NULL),
		 303);
	free(loc);
	assert_int_equal(post(&frida, "/arenas/3", "/arenas/3/organisations", "organisation=13", NULL, NULL), 409);
	char *link = test_outbox_link(&srv, "/arenas/3");
	assert_non_null(link);
	free(link);
	assert_int_equal(post(&amina, "/arenas/3", "/arenas/3/organisations/13/respond", "answer=accept", NULL, NULL),
			 403);
	struct test_client dgi = { 0 };
	test_sign_in(&srv, &dgi, "dgi%40demo.example", "demo-password", 303);
	expect_get(&dgi, "/arenas/3", 200, "DGI er inviteret til at være med i arenaen.");
	assert_int_equal(post(&dgi, "/arenas/3", "/arenas/3/organisations/13/respond", "answer=accept", &loc, NULL),
			 303);
	free(loc);
	expect_get(&anon, "/arenas/3", 200, "<a href=\"/organisations/13\">DGI</a>");

	/* Close and reopen. */
	assert_int_equal(post(&frida, "/arenas/3", "/arenas/3/close", "", &loc, NULL), 303);
	free(loc);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM arena WHERE id = 3 AND status = 'closed'"), 1);
	assert_int_equal(post(&frida, "/arenas/3", "/arenas/3/reopen", "", &loc, NULL), 303);
	free(loc);
}

static void test_activities_sign_up_and_waiting_list(void **state)
{
	(void)state;
	struct test_client frida = { 0 };
	test_sign_in(&srv, &frida, "frida%40demo.example", "demo-password", 303);
	char *loc = NULL, *body = NULL;
	/* The end before the start, no place: errors, nothing saved. */
	assert_int_equal(post(&frida, "/arenas/2/activities/new", "/arenas/2/activities/new",
			      "title=Kaffe&kind=meeting&starts_at=2030-03-10T15:00&ends_at=2030-03-10T14:00", NULL, &body),
		 400);
	assert_contains(body, "Sluttidspunktet skal ligge efter starttidspunktet.");
	assert_contains(body, "Skriv et sted eller et link");
	assert_contains(body, "value=\"2030-03-10T15:00\""); /* typed values kept */
	free(body);
	/* 2:30 on the last Sunday of March does not exist in Denmark. */
	assert_int_equal(post(&frida, "/arenas/2/activities/new", "/arenas/2/activities/new",
			      "title=Kaffe&kind=meeting&starts_at=2030-03-31T02:30&ends_at=2030-03-31T04:00&place=Her",
			      NULL, &body),
		 400);
	free(body);
	assert_int_equal(post(&frida, "/arenas/2/activities/new", "/arenas/2/activities/new",
			      "title=Strikkecaf%C3%A9&kind=other&kind_other=Caf%C3%A9&starts_at=2030-10-27T01:30"
			      "&ends_at=2030-10-27T04:00&place=Haarby+Bibliotek&capacity=2&interpretation=ar&interpretation=uk",
			      &loc, NULL),
		 303);
	int id = atoi(strrchr(loc, '/') + 1);
	free(loc);
	/* 01:30 summer time is 23:30 UTC the day before; 04:00 winter time is 03:00 UTC. */
	int64_t start, end;
	tz_to_utc(2030, 10, 27, 1, 30, &start);
	tz_to_utc(2030, 10, 27, 4, 0, &end);
	char q[160];
	snprintf(q, sizeof q, "SELECT ends_at - starts_at FROM activity WHERE id = %d", id);
	assert_int_equal(test_sql_int(&srv, q), end - start);
	assert_int_equal(end - start, 3 * 3600 + 1800);
	char page[80], signup[96], cancel[96], edit[96];
	snprintf(page, sizeof page, "/arenas/2/activities/%d", id);
	snprintf(signup, sizeof signup, "%s/signup", page);
	snprintf(cancel, sizeof cancel, "%s/cancel", page);
	snprintf(edit, sizeof edit, "%s/edit", page);
	expect_get(&frida, page, 200, "arabisk, ukrainsk");

	/* Three people for two places: the third waits. */
	struct test_client people[3];
	memset(people, 0, sizeof people);
	const char *names[] = { "amina", "dgi", "anna" };
	for (int i = 0; i < 3; i++) {
		char email[64];
		snprintf(email, sizeof email, "%s%%40demo.example", names[i]);
		test_sign_in(&srv, &people[i], email, "demo-password", 303);
		assert_int_equal(post(&people[i], page, signup, "interpreter=ar&step_free=1&other_needs=Kommer+med+rollator",
				      &loc, NULL),
			 303);
		free(loc);
	}
	snprintf(q, sizeof q, "SELECT confirmed FROM activity WHERE id = %d", id);
	assert_int_equal(test_sql_int(&srv, q), 2);
	expect_get(&people[2], page, 200, "Du står på ventelisten.");
	assert_int_equal(post(&people[0], page, signup, "", NULL, NULL), 409); /* twice */
	/* The facilitator sees how many come and what they need on the page
	 * (numbers: not logged), and who on a page of its own, each look at
	 * the needs in the audit log. */
	char logged[160];
	snprintf(logged, sizeof logged, "SELECT COUNT(*) FROM audit_log WHERE action = 'signup.read' AND "
					"object_kind = 'activity' AND object_id = %d", id);
	int64_t looks = test_sql_int(&srv, logged);
	expect_get(&frida, page, 200, "Behov: 3 tolk, 3 niveaufri adgang, 0 børnepasning.");
	assert_int_equal(test_sql_int(&srv, logged), looks);
	char who[128];
	snprintf(who, sizeof who, "%s/attendees", page);
	expect_get(&frida, who, 200, "Kommer med rollator");
	expect_get(&frida, who, 200, "Kommer med rollator");
	assert_int_equal(test_sql_int(&srv, logged), looks + 2);
	struct test_client anon = { 0 };
	struct http_resp r;
	client_get(&srv, &anon, page, &r);
	assert_not_contains(r.body, "Kommer med rollator");
	assert_contains(r.body, "Log ind for at tilmelde dig");
	http_resp_free(&r);

	/* Fewer places than sign-ups: refused. */
	char form[400];
	snprintf(form, sizeof form,
		 "title=Strikkecaf%%C3%%A9&kind=other&kind_other=Caf%%C3%%A9&starts_at=2030-10-27T01:30"
		 "&ends_at=2030-10-27T04:00&place=Haarby+Bibliotek&capacity=1");
	assert_int_equal(post(&frida, edit, edit, form, NULL, &body), 400);
	assert_contains(body, "Der er allerede flere tilmeldte end det antal pladser.");
	free(body);

	/* The first cancels: the one waiting moves up and gets a mail. */
	assert_int_equal(post(&people[0], page, cancel, "", &loc, NULL), 303);
	free(loc);
	assert_int_equal(test_sql_int(&srv, q), 2);
	expect_get(&people[2], page, 200, "Du er tilmeldt.");
	char *mail = test_outbox_link(&srv, page);
	assert_non_null(mail);
	free(mail);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM outbox WHERE subject = 'Du har fået en plads' AND "
				 "recipient = 'anna@demo.example'"), 1);
	/* Cancelling twice: nothing to cancel. */
	assert_int_equal(post(&people[0], page, cancel, "", NULL, NULL), 404);

	/* More places: the waiting list (now empty) and the counts follow. */
	snprintf(form, sizeof form,
		 "title=Strikkecaf%%C3%%A9&kind=other&kind_other=Caf%%C3%%A9&starts_at=2030-10-27T01:30"
		 "&ends_at=2030-10-27T04:00&place=Haarby+Bibliotek&capacity=5&minutes=Referat");
	assert_int_equal(post(&frida, edit, edit, form, &loc, NULL), 303);
	free(loc);

	/* Past activities take no sign-ups. */
	struct test_client amina = people[0];
	assert_int_equal(post(&amina, "/arenas/1/activities/1", "/arenas/1/activities/1/signup", "", NULL, NULL), 409);
	/* A facilitator of one arena cannot change another. */
	setenv("SAMSKAB_PASSWORD", "other-facilitator", 1);
	const char *add[] = { "user", "add", "ole@demo.example", "Ole", "--db", srv.db, NULL };
	assert_int_equal(test_run(add, NULL, NULL), 0);
	unsetenv("SAMSKAB_PASSWORD");
	const char *grant[] = { "user", "grant", "ole@demo.example", "facilitator", "arena:1", "--db", srv.db, NULL };
	assert_int_equal(test_run(grant, NULL, NULL), 0);
	struct test_client ole = { 0 };
	client_get(&srv, &ole, "/login", &r);
	http_resp_free(&r);
	client_post(&srv, &ole, "/login", "email=ole%40demo.example&password=other-facilitator", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	expect_get(&ole, "/arenas/1/edit", 200, NULL);
	expect_get(&ole, edit, 403, NULL);
	assert_int_equal(post(&ole, "/arenas/1", "/arenas/2/close", "", NULL, NULL), 403);
	expect_get(&ole, "/arenas/new", 403, NULL);
}

/* The control named name in a form page: from its name to the end of
 * the tag (an input) or of its text (a textarea); fails if absent. */
static char *control(const char *body, const char *name)
{
	char key[64];
	snprintf(key, sizeof key, "name=\"%s\"", name);
	/* In the page's content: <head> has <meta name="description">. */
	const char *content = strstr(body, "<main");
	const char *at = content ? strstr(content, key) : NULL;
	if (at == NULL)
		fail_msg("no control %s in:\n%.3000s", name, body);
	const char *start = at;
	while (start > body && *start != '<')
		start--;
	const char *end = strncmp(start, "<textarea", 9) == 0 ? strstr(at, "</textarea>") : strchr(at, '>');
	assert_non_null(end);
	return strndup(start, (size_t)(end - start));
}

static void assert_control(const char *body, const char *name, const char *has)
{
	char *c = control(body, name);
	assert_contains(c, has);
	free(c);
}

static void test_activity_form_puts_each_value_in_its_field(void **state)
{
	(void)state;
	struct test_client frida = { 0 };
	test_sign_in(&srv, &frida, "frida%40demo.example", "demo-password", 303);
	char *loc = NULL, *body = NULL;
	assert_int_equal(post(&frida, "/arenas/2/activities/new", "/arenas/2/activities/new",
			      "title=Titel-1&kind=other&kind_other=Art-2&starts_at=2031-05-06T17:00"
			      "&ends_at=2031-05-06T19:30&place=Sted-3&online_url=https%3A%2F%2Fmoede.example%2F4"
			      "&capacity=25&accessibility=Adgang-6&step_free=1&interpretation=ar&interpretation=uk"
			      "&description=Beskrivelse-8",
			      &loc, NULL),
		 303);
	char edit[96];
	snprintf(edit, sizeof edit, "%s/edit", strtok(loc, "?"));
	free(loc);
	/* Minutes and what was heard come after the activity: not in a new
	 * one's form; written on the edit form. */
	struct http_resp r;
	client_get(&srv, &frida, "/arenas/2/activities/new", &r);
	assert_not_contains(r.body, "name=\"minutes\"");
	assert_not_contains(r.body, "name=\"summary\"");
	assert_contains(r.body, "name=\"step_free\"");
	http_resp_free(&r);
	assert_int_equal(post(&frida, edit, edit,
			      "title=Titel-1&kind=other&kind_other=Art-2&starts_at=2031-05-06T17:00"
			      "&ends_at=2031-05-06T19:30&place=Sted-3&online_url=https%3A%2F%2Fmoede.example%2F4"
			      "&capacity=25&accessibility=Adgang-6&step_free=1&interpretation=ar&interpretation=uk"
			      "&description=Beskrivelse-8&minutes=Referat-9&summary=Hoert-10",
			      NULL, &body),
		 303);
	free(body);
	client_get(&srv, &frida, edit, &r);
	assert_int_equal(r.status, 200);
	const struct {
		const char *name, *has;
	} shown[] = {
		{ "title", "value=\"Titel-1\"" },
		{ "kind_other", "value=\"Art-2\"" },
		{ "starts_at", "value=\"2031-05-06T17:00\"" },
		{ "ends_at", "value=\"2031-05-06T19:30\"" },
		{ "place", "value=\"Sted-3\"" },
		{ "online_url", "value=\"https://moede.example/4\"" },
		{ "capacity", "value=\"25\"" },
		{ "accessibility", ">Adgang-6" },
		{ "step_free", "checked" },
		{ "description", ">Beskrivelse-8" },
		{ "minutes", ">Referat-9" },
		{ "summary", ">Hoert-10" },
	};
	for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
		assert_control(r.body, shown[i].name, shown[i].has);
	/* The step-free box belongs with the accessibility text, after it. */
	const char *access = strstr(r.body, "name=\"accessibility\""), *step = strstr(r.body, "name=\"step_free\""),
		   *interp = strstr(r.body, "name=\"interpretation\"");
	assert_true(access && step && interp && access < step && step < interp);
	/* Languages by name in the reader's language, not as codes. */
	assert_contains(r.body, "value=\"ar\" checked><label for=\"interpretation-ar\">arabisk</label>");
	assert_contains(r.body, "value=\"uk\" checked><label for=\"interpretation-uk\">ukrainsk</label>");
	assert_contains(r.body, "<label for=\"interpretation-fa\">farsi</label>");
	http_resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_list_filters_and_glance),
		TEST_CASE(test_facilitator_opens_and_runs_an_arena),
		TEST_CASE(test_activities_sign_up_and_waiting_list),
		TEST_CASE(test_activity_form_puts_each_value_in_its_field),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
