/*
 * admin_test.c: the municipality runs the platform itself, from an empty
 * database (no demo data): the first administrator from the command
 * line, then areas, themes and organisations kept under /admin and with
 * samskab sub-commands (created, changed, retired when in use, deleted
 * when not, with the confirmations naming what will happen); the site's
 * name, colour (refused with the contrast it has) and home page; the last
 * administrator kept, in the browser's pages and on the command line; the
 * audit log read as sentences; and no page of a new installation naming
 * a municipality its data does not name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/support.h"

static struct test_server srv;
static struct test_client anna;

static void run(const char *const *args, int status, const char *out_has, const char *err_has)
{
	char *out = NULL, *err = NULL;
	int rc = test_run(args, &out, &err);
	if (rc != status)
		fail_msg("samskab %s %s: exit %d, expected %d\n%s%s", args[0], args[1], rc, status, out, err);
	if (out_has)
		assert_contains(out, out_has);
	if (err_has)
		assert_contains(err, err_has);
	free(out);
	free(err);
}

static int setup(void **state)
{
	(void)state;
	const char *extra[] = { "--rate-factor", "100", NULL };
	test_db_create(&srv, 0);
	setenv("SAMSKAB_PASSWORD", "anna-admin-password", 1);
	const char *add[] = { "user", "add", "anna@kommune.example", "Anna Andersen", "--db", srv.db, NULL };
	run(add, 0, "created", NULL);
	const char *grant[] = { "user", "grant", "anna@kommune.example", "admin", "--db", srv.db, NULL };
	run(grant, 0, "is now admin", NULL);
	test_server_start(&srv, extra);
	memset(&anna, 0, sizeof anna);
	test_sign_in(&srv, &anna, "anna%40kommune.example", "anna-admin-password", 303);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_server_stop(&srv);
	test_db_drop(&srv);
	return 0;
}

static void get(const char *path, long status, struct http_resp *r)
{
	client_get(&srv, &anna, path, r);
	if (r->status != status)
		fail_msg("GET %s: %ld, expected %ld\n%.3000s", path, r->status, status, r->body);
}

/* POSTs form after a GET of page (for the token); the status, and the
 * Location (malloc'd) for a 303, the body for others. */
static long post(const char *page, const char *path, const char *form, char **loc, char **body)
{
	return client_post_from(&srv, &anna, page, path, form, loc, body);
}

static void test_areas_themes_organisations(void **state)
{
	(void)state;
	struct http_resp r;
	char *loc = NULL, *body = NULL;
	get("/admin", 200, &r);
	assert_contains(r.body, "<a href=\"/admin/areas\">");
	assert_contains(r.body, "<a href=\"/admin/site\">");
	http_resp_free(&r);
	/* An administrator's menu leads to the front page of administration. */
	get("/", 200, &r);
	assert_contains(r.body, "<a href=\"/admin\">Administration</a>");
	http_resp_free(&r);

	assert_int_equal(post("/admin/areas/new", "/admin/areas/new", "name=Vestby&description=Byen+mod+vest&lang=da",
			      &loc, NULL),
			 303);
	assert_string_equal(loc, "/admin/areas?done=area-created");
	free(loc);
	assert_int_equal(post("/admin/areas/new", "/admin/areas/new", "name=%C3%98stby&lang=da", NULL, NULL), 303);
	/* The same name again: refused beside the field. */
	assert_int_equal(post("/admin/areas/new", "/admin/areas/new", "name=vestby+&lang=da", NULL, &body), 303);
	free(body);
	assert_int_equal(post("/admin/areas/new", "/admin/areas/new", "name=Vestby&lang=da", NULL, &body), 409);
	assert_contains(body, "Navnet er allerede i brug.");
	free(body);
	assert_int_equal(post("/admin/areas/new", "/admin/areas/new", "name=&lang=da", NULL, &body), 400);
	assert_contains(body, "id=\"name-error\"");
	free(body);
	int64_t vestby = test_sql_int(&srv, "SELECT id FROM area WHERE name = 'Vestby'");
	char path[96], edit[96];
	snprintf(edit, sizeof edit, "/admin/areas/%lld/edit", (long long)vestby);
	assert_int_equal(post(edit, edit, "name=Vestby+By&description=Byen+mod+vest&lang=da", &loc, NULL), 303);
	assert_string_equal(loc, "/admin/areas?done=area-saved");
	free(loc);
	get("/areas", 200, &r);
	assert_contains(r.body, ">Vestby By</a>");
	http_resp_free(&r);

	assert_int_equal(post("/admin/themes/new", "/admin/themes/new", "name=Ensomhed&lang=da", NULL, NULL), 303);
	assert_int_equal(post("/admin/themes/new", "/admin/themes/new", "name=Stavefejl&lang=da", NULL, NULL), 303);
	/* An organisation, tied to the area: the area is now in use. */
	char form[256];
	snprintf(form, sizeof form, "name=Vestby+IF&sector=voluntary&area=%lld&website=https%%3A%%2F%%2Fvif.example&lang=da",
		 (long long)vestby);
	assert_int_equal(post("/admin/organisations/new", "/admin/organisations/new", form, &loc, NULL), 303);
	assert_string_equal(loc, "/admin/organisations?done=organisation-created");
	free(loc);
	assert_int_equal(post("/admin/organisations/new", "/admin/organisations/new", "name=X&sector=space&lang=da",
			      NULL, &body),
			 400);
	assert_contains(body, "id=\"sector-error\"");
	free(body);

	/* Deleting what is in use: the confirmation says why it cannot, and
	 * the post is refused; nothing is gone. */
	snprintf(path, sizeof path, "/admin/areas/%lld/delete", (long long)vestby);
	get(path, 200, &r);
	assert_contains(r.body, "Slet »Vestby By« for altid. Det bruges 1 steder.");
	assert_contains(r.body, "bruges stadig og kan derfor ikke slettes");
	assert_not_contains(r.body, "Ja, slet det");
	http_resp_free(&r);
	assert_int_equal(post(path, path, "", NULL, NULL), 409);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM area WHERE name = 'Vestby By'"), 1);
	/* Retiring it is asked first, naming it; then it is offered no more
	 * but its page stays, saying so. */
	snprintf(path, sizeof path, "/admin/areas/%lld/retire", (long long)vestby);
	get(path, 200, &r);
	assert_contains(r.body, "Tag »Vestby By« ud af brug. Det bruges 1 steder.");
	assert_contains(r.body, "Ja, tag det ud af brug");
	http_resp_free(&r);
	assert_int_equal(post(path, path, "", &loc, NULL), 303);
	assert_string_equal(loc, "/admin/areas?done=area-retired");
	free(loc);
	get("/areas", 200, &r);
	assert_not_contains(r.body, "Vestby By");
	assert_contains(r.body, "Østby");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/areas/%lld", (long long)vestby);
	get(path, 200, &r);
	assert_contains(r.body, "Bruges ikke længere til nye arenaer");
	assert_contains(r.body, "Vestby IF</a>");
	http_resp_free(&r);
	get("/admin/organisations/new", 200, &r);
	assert_not_contains(r.body, "Vestby By</option>");
	http_resp_free(&r);
	get("/admin/areas", 200, &r);
	assert_contains(r.body, "Vestby By</a> <span class=\"tag tag-closed\">Taget ud af brug</span>");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/admin/areas/%lld/restore", (long long)vestby);
	assert_int_equal(post("/admin/areas", path, "", NULL, NULL), 303);
	get("/areas", 200, &r);
	assert_contains(r.body, "Vestby By");
	http_resp_free(&r);

	/* What nothing uses is deleted, after being asked. */
	int64_t typo = test_sql_int(&srv, "SELECT id FROM theme WHERE name = 'Stavefejl'");
	snprintf(path, sizeof path, "/admin/themes/%lld/delete", (long long)typo);
	get(path, 200, &r);
	assert_contains(r.body, "Slet »Stavefejl« for altid. Det bruges 0 steder.");
	http_resp_free(&r);
	assert_int_equal(post(path, path, "", &loc, NULL), 303);
	assert_string_equal(loc, "/admin/themes?done=theme-deleted");
	free(loc);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM theme WHERE name = 'Stavefejl'"), 0);
}

static void test_command_line_keeps_data_too(void **state)
{
	(void)state;
	const char *add[] = { "area", "add", "Nordby", "Byen mod nord", "--db", srv.db, NULL };
	run(add, 0, "area", NULL);
	const char *twice[] = { "area", "add", "Nordby", "--db", srv.db, NULL };
	run(twice, 1, NULL, "already in use");
	const char *list[] = { "area", "list", "--db", srv.db, NULL };
	run(list, 0, "Nordby", NULL);
	int64_t nordby = test_sql_int(&srv, "SELECT id FROM area WHERE name = 'Nordby'");
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)nordby);
	const char *retire[] = { "area", "retire", id, "--db", srv.db, NULL };
	run(retire, 0, "retired", NULL);
	run(list, 0, "Nordby\t(retired)", NULL);
	const char *theme[] = { "theme", "add", "Unge", "--db", srv.db, NULL };
	run(theme, 0, "theme", NULL);
	const char *org[] = { "organisation", "add", "Nordby Borgerforening", "citizen", "https://nbf.example", "--db",
			      srv.db, NULL };
	run(org, 0, "created", NULL);
	const char *badsector[] = { "organisation", "add", "X", "galactic", "--db", srv.db, NULL };
	run(badsector, 2, NULL, "the sector must be public, private, voluntary or citizen");
	const char *nothing[] = { "organisation", "delete", "999999", "--db", srv.db, NULL };
	run(nothing, 1, NULL, "no organisation with that id");
	const char *help[] = { "area", "--help", NULL };
	run(help, 0, "usage: samskab area", NULL);
}

static void test_the_site_made_its_own(void **state)
{
	(void)state;
	struct http_resp r;
	char *body = NULL, *loc = NULL;
	/* A colour too light for legible text: refused, saying how much
	 * contrast it has (#ff0000 on white: 4.0:1). */
	assert_int_equal(post("/admin/site", "/admin/site", "name=Sammen+i+Vestby&colour=%23ff0000", NULL, &body), 400);
	assert_contains(body, "Kontrasten er 4,0:1 mod hvid og 3,7:1 mod den lysegrå baggrund");
	free(body);
	assert_int_equal(post("/admin/site", "/admin/site", "name=Sammen+i+Vestby&colour=red", NULL, &body), 400);
	assert_contains(body, "Skriv farven som #rrggbb");
	free(body);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM site_brand"), 0);
	assert_int_equal(post("/admin/site", "/admin/site",
			      "name=Sammen+i+Vestby&colour=%231D6B2F&title-da=Velkommen+til+Vestby"
			      "&intro-da=Her+laver+vi+politik+*sammen*.&title-en=Welcome+to+Westby",
			      &loc, NULL),
			 303);
	assert_string_equal(loc, "/admin/site?done=site-saved");
	free(loc);
	struct test_client visitor = { 0 };
	client_get(&srv, &visitor, "/", &r);
	assert_contains(r.body, "<title>Sammen i Vestby</title>");
	assert_contains(r.body, "<h1>Velkommen til Vestby</h1>");
	assert_contains(r.body, "Her laver vi politik <em>sammen</em>.");
	assert_contains(r.body, "<meta property=\"og:site_name\" content=\"Sammen i Vestby\">");
	assert_contains(r.body, "<meta name=\"description\" content=\"Her laver vi politik sammen.\">");
	char *css = strstr(r.body, "href=\"/brand.css?v=");
	assert_non_null(css);
	char csspath[64];
	snprintf(csspath, sizeof csspath, "%.*s", (int)strcspn(css + 6, "\""), css + 6);
	http_resp_free(&r);
	client_get(&srv, &visitor, csspath, &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "--accent: #1d6b2f;");
	char *cache = http_header(&r, "Cache-Control");
	assert_string_equal(cache, "public, max-age=31536000, immutable");
	free(cache);
	http_resp_free(&r);
	/* In English: the English title, the Danish one not at all. */
	strcpy(visitor.cookies, "lang=en");
	client_get(&srv, &visitor, "/", &r);
	assert_contains(r.body, "<h1>Welcome to Westby</h1>");
	assert_not_contains(r.body, "Velkommen til Vestby");
	http_resp_free(&r);
}

/* Every page a visitor and an administrator reach on a new installation
 * (areas, themes, organisations made above; no demo data): none names
 * Assens, or any municipality, which its data does not. */
static void test_nothing_says_assens(void **state)
{
	(void)state;
	const char *pages[] = { "/", "/arenas", "/areas", "/themes", "/organisations", "/stories", "/accessibility",
				"/privacy", "/signup", "/login", "/password-reset", "/admin", "/admin/roles",
				"/admin/audit", "/admin/areas", "/admin/themes", "/admin/organisations", "/admin/site",
				"/arenas/new", "/me", "/areas/1", "/themes/1", "/organisations/1", "/api/v1/areas",
				"/api/v1/organisations", "/stories.atom" };
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		struct http_resp r;
		client_get(&srv, &anna, pages[i], &r);
		if (r.status != 200)
			fail_msg("GET %s: %ld", pages[i], r.status);
		if (strcasestr(r.body, "assens"))
			fail_msg("%s names Assens:\n%.2000s", pages[i], strcasestr(r.body, "assens") - 200);
		http_resp_free(&r);
	}
}

static void test_last_administrator_is_kept(void **state)
{
	(void)state;
	struct http_resp r;
	int64_t grant = test_sql_int(&srv, "SELECT id FROM role_grant WHERE role = 'admin'");
	char path[64];
	snprintf(path, sizeof path, "/admin/roles/%lld/revoke", (long long)grant);
	/* The roles page links to a question; for the only administrator the
	 * question says why it cannot be done. */
	get("/admin/roles", 200, &r);
	assert_contains(r.body, "href=\"/admin/roles/");
	assert_not_contains(r.body, "<form method=\"post\" action=\"/admin/roles/1/revoke\"");
	http_resp_free(&r);
	get(path, 200, &r);
	assert_contains(r.body, "Fjern Anna Andersens rolle som administrator.");
	assert_contains(r.body, "Du kan ikke fjerne den sidste administrator");
	assert_not_contains(r.body, "Ja, fjern rollen");
	http_resp_free(&r);
	assert_int_equal(post("/admin/roles", path, "", NULL, NULL), 409);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM role_grant WHERE role = 'admin'"), 1);
	const char *revoke[] = { "user", "revoke", "anna@kommune.example", "admin", "--db", srv.db, NULL };
	run(revoke, 1, NULL, "is the last administrator");
	/* Deleting the account is refused too. */
	char *body = NULL;
	assert_int_equal(post("/me", "/me/delete", "mode=keep&confirm_password=anna-admin-password", NULL, &body), 409);
	assert_contains(body, "Du kan ikke fjerne den sidste administrator");
	free(body);

	/* With a second administrator it is asked, and done. */
	setenv("SAMSKAB_PASSWORD", "bo-admin-password-1", 1);
	const char *add[] = { "user", "add", "bo@kommune.example", "Bo Bundgaard", "--db", srv.db, NULL };
	run(add, 0, NULL, NULL);
	assert_int_equal(post("/admin/roles", "/admin/roles", "email=bo%40kommune.example&role=admin&scope=", NULL, NULL),
			 303);
	get(path, 200, &r);
	assert_contains(r.body, "Ja, fjern rollen");
	http_resp_free(&r);
	int64_t bos = test_sql_int(&srv, "SELECT g.id FROM role_grant g JOIN account a ON a.id = g.account_id "
					 "WHERE a.email = 'bo@kommune.example'");
	snprintf(path, sizeof path, "/admin/roles/%lld/revoke", (long long)bos);
	get(path, 200, &r);
	assert_contains(r.body, "Fjern Bo Bundgaards rolle som administrator.");
	http_resp_free(&r);
	char *loc = NULL;
	assert_int_equal(post(path, path, "", &loc, NULL), 303);
	assert_string_equal(loc, "/admin/roles?done=role-revoked");
	free(loc);

	/* The audit log says it in sentences, with names. */
	get("/admin/audit", 200, &r);
	assert_contains(r.body, "Anna Andersen gav <strong>Bo Bundgaard</strong> rollen som administrator.");
	assert_contains(r.body, "Anna Andersen fjernede rollen som administrator fra <strong>Bo Bundgaard</strong>.");
	assert_contains(r.body, "Systemet gav <strong>Anna Andersen</strong> rollen som administrator.");
	assert_not_contains(r.body, "role.grant");
	http_resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_areas_themes_organisations),
		TEST_CASE(test_command_line_keeps_data_too),
		TEST_CASE(test_the_site_made_its_own),
		TEST_CASE(test_nothing_says_assens),
		TEST_CASE(test_last_administrator_is_kept),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
