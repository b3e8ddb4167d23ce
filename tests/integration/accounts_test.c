/*
 * accounts_test.c: signing up, confirming by the mailed link, signing in
 * and out, CSRF, password reset, rate limits, the profile, consents, the
 * data download and account deletion, through the real server, with the
 * links taken from `samskab outbox` as a person would take them from mail.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/secret.h"
#include "store/store.h"
#include "support/support.h"

static struct test_server srv;

/* The suite's own server counts generously, so one test's attempts do
 * not limit the next; the rate-limit test runs a server of its own. */
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

/* The path part of the newest mailed link containing needle. */
static char *mailed_path(const char *needle)
{
	char *link = test_outbox_link(&srv, needle);
	if (link == NULL)
		fail_msg("no mailed link with %s", needle);
	char *path = strdup(strchr(link + 7, '/'));
	free(link);
	return path;
}

/* Signs up and confirms; leaves c signed in. */
static void sign_up(struct test_client *c, const char *name, const char *email, const char *password)
{
	struct http_resp r;
	client_get(&srv, c, "/signup", &r);
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
	char form[512];
	snprintf(form, sizeof form, "name=%s&email=%s&password=%s&terms=yes", name, email, password);
	client_post(&srv, c, "/signup", form, &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	char *path = mailed_path("/verify?token=");
	client_get(&srv, c, path, &r);
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
	char form2[128];
	snprintf(form2, sizeof form2, "token=%s", strchr(path, '=') + 1);
	client_post(&srv, c, "/verify", form2, &r);
	assert_int_equal(r.status, 303);
	char *loc = http_header(&r, "Location");
	assert_string_equal(loc, "/me?done=verified");
	free(loc);
	free(path);
	http_resp_free(&r);
}

static void test_sign_up_confirm_and_sign_in(void **state)
{
	(void)state;
	struct test_client c = { 0 };
	sign_up(&c, "Bo+Borger", "bo%40example.dk", "correct-horse-battery");
	struct http_resp r;
	client_get(&srv, &c, "/me?done=verified", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Din e-mailadresse er bekræftet");
	assert_contains(r.body, "<strong>bo@example.dk</strong>");
	assert_contains(r.body, "<a href=\"/me\">Bo Borger</a>"); /* the header shows who is signed in */
	http_resp_free(&r);

	/* The session cookie is HttpOnly and SameSite, and not readable as a secret. */
	struct test_client d = { 0 };
	client_get(&srv, &d, "/login", &r);
	http_resp_free(&r);
	client_post(&srv, &d, "/login", "email=BO%40Example.DK&password=correct-horse-battery", &r);
	assert_int_equal(r.status, 303);
	char *set = http_set_cookie(&r, "sid");
	assert_non_null(set);
	assert_contains(set, "HttpOnly");
	assert_contains(set, "SameSite=Lax");
	assert_not_contains(set, "Secure");
	free(set);
	char *loc = http_header(&r, "Location");
	assert_string_equal(loc, "/me");
	free(loc);
	http_resp_free(&r);

	/* Signing out ends the session for good. */
	char sid[128];
	snprintf(sid, sizeof sid, "%s", client_cookie(&d, "sid"));
	client_get(&srv, &d, "/me", &r);
	http_resp_free(&r);
	client_post(&srv, &d, "/logout", "", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	char cookie[200];
	snprintf(cookie, sizeof cookie, "Cookie: sid=%s", sid);
	const char *h[] = { cookie, NULL };
	http_request(&srv, "GET", "/me", NULL, h, &r);
	assert_int_equal(r.status, 303);
	loc = http_header(&r, "Location");
	assert_string_equal(loc, "/login?next=%2Fme");
	free(loc);
	http_resp_free(&r);
}

static void test_sign_up_errors_beside_fields(void **state)
{
	(void)state;
	struct test_client c = { 0 };
	struct http_resp r;
	client_get(&srv, &c, "/signup", &r);
	http_resp_free(&r);
	client_post(&srv, &c, "/signup", "name=Kim&email=not-an-address&password=short", &r);
	assert_int_equal(r.status, 400);
	assert_contains(r.body, "Der er fejl i formularen");
	assert_contains(r.body, "<a href=\"#email\">");
	assert_contains(r.body, "id=\"email-error\"");
	assert_contains(r.body, "aria-invalid=\"true\"");
	assert_contains(r.body, "Adgangskoden skal have mindst 10 tegn.");
	assert_contains(r.body, "Du skal acceptere privatlivspolitikken");
	assert_contains(r.body, "value=\"Kim\"");            /* what was typed is kept */
	assert_contains(r.body, "value=\"not-an-address\"");
	assert_not_contains(r.body, "value=\"short\"");      /* but never a password */
	http_resp_free(&r);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM account WHERE name = 'Kim'"), 0);
}

static void test_existing_address_is_not_revealed(void **state)
{
	(void)state;
	struct test_client c = { 0 }, d = { 0 };
	sign_up(&c, "Ea", "ea%40example.dk", "first-password-1");
	struct http_resp r;
	client_get(&srv, &d, "/signup", &r);
	http_resp_free(&r);
	client_post(&srv, &d, "/signup", "name=Impostor&email=ea%40example.dk&password=other-password-2&terms=yes", &r);
	assert_int_equal(r.status, 303);
	char *loc = http_header(&r, "Location");
	assert_string_equal(loc, "/signup?sent=1"); /* the same as for a new address */
	free(loc);
	http_resp_free(&r);
	/* The owner is told, with a way to reset the password. */
	char *link = test_outbox_link(&srv, "/password-reset");
	assert_non_null(link);
	free(link);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM account WHERE email = 'ea@example.dk'"), 1);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM account WHERE name = 'Impostor'"), 0);

	/* Wrong password and unknown address: the same answer. */
	struct test_client e = { 0 };
	client_get(&srv, &e, "/login", &r);
	http_resp_free(&r);
	client_post(&srv, &e, "/login", "email=ea%40example.dk&password=wrong-password", &r);
	assert_int_equal(r.status, 400);
	assert_contains(r.body, "E-mailadressen eller adgangskoden er forkert.");
	http_resp_free(&r);
	client_post(&srv, &e, "/login", "email=nobody%40example.dk&password=wrong-password", &r);
	assert_int_equal(r.status, 400);
	assert_contains(r.body, "E-mailadressen eller adgangskoden er forkert.");
	http_resp_free(&r);
}

static void test_unverified_cannot_sign_in_and_gets_new_link(void **state)
{
	(void)state;
	struct test_client c = { 0 };
	struct http_resp r;
	client_get(&srv, &c, "/signup", &r);
	http_resp_free(&r);
	client_post(&srv, &c, "/signup", "name=Uffe&email=uffe%40example.dk&password=uffes-password&terms=yes", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	int64_t before = test_sql_int(&srv, "SELECT COUNT(*) FROM outbox WHERE recipient = 'uffe@example.dk'");
	test_sign_in(&srv, &c, "uffe%40example.dk", "uffes-password", 403);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM outbox WHERE recipient = 'uffe@example.dk'"), before + 1);
	assert_string_equal(client_cookie(&c, "sid"), "");
}

static void test_tokens_unknown_used_expired(void **state)
{
	(void)state;
	struct http_resp r;
	http_get(&srv, "/verify?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &r);
	assert_int_equal(r.status, 404);
	assert_contains(r.body, "Linket virker ikke");
	http_resp_free(&r);
	http_get(&srv, "/verify?token=%3Cscript%3E", &r);
	assert_int_equal(r.status, 404);
	assert_not_contains(r.body, "<script>");
	http_resp_free(&r);

	struct test_client c = { 0 };
	sign_up(&c, "Tina", "tina%40example.dk", "tinas-password");
	char *path = mailed_path("/verify?token=");
	client_get(&srv, &c, path, &r); /* used by sign_up already */
	assert_int_equal(r.status, 410);
	assert_contains(r.body, "Linket er brugt");
	http_resp_free(&r);
	free(path);

	/* An expired reset link. */
	struct test_client d = { 0 };
	client_get(&srv, &d, "/password-reset", &r);
	http_resp_free(&r);
	client_post(&srv, &d, "/password-reset", "email=tina%40example.dk", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	test_sql(&srv, "UPDATE token SET expires_at = 1000 WHERE kind = 'reset' AND used_at IS NULL");
	path = mailed_path("/password-reset?token=");
	client_get(&srv, &d, path, &r);
	assert_int_equal(r.status, 410);
	assert_contains(r.body, "Linket er udløbet");
	http_resp_free(&r);
	free(path);
}

static void test_password_reset_ends_other_sessions(void **state)
{
	(void)state;
	struct test_client phone = { 0 }, laptop = { 0 };
	sign_up(&phone, "Rasmus", "rasmus%40example.dk", "old-password-1");
	test_sign_in(&srv, &laptop, "rasmus%40example.dk", "old-password-1", 303);

	/* An unknown address gets the same answer and no mail. */
	struct test_client anon = { 0 };
	struct http_resp r;
	client_get(&srv, &anon, "/password-reset", &r);
	http_resp_free(&r);
	int64_t mails = test_sql_int(&srv, "SELECT COUNT(*) FROM outbox");
	client_post(&srv, &anon, "/password-reset", "email=ghost%40example.dk", &r);
	assert_int_equal(r.status, 303);
	char *loc = http_header(&r, "Location");
	assert_string_equal(loc, "/password-reset?sent=1");
	free(loc);
	http_resp_free(&r);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM outbox"), mails);

	client_post(&srv, &anon, "/password-reset", "email=rasmus%40example.dk", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	char *path = mailed_path("/password-reset?token=");
	client_get(&srv, &anon, path, &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Vælg en ny adgangskode");
	http_resp_free(&r);
	char form[200];
	/* Too short: the link stays usable. */
	snprintf(form, sizeof form, "token=%s&password=short", strchr(path, '=') + 1);
	client_post(&srv, &anon, "/password-reset", form, &r);
	assert_int_equal(r.status, 400);
	http_resp_free(&r);
	snprintf(form, sizeof form, "token=%s&password=brand-new-password", strchr(path, '=') + 1);
	client_post(&srv, &anon, "/password-reset", form, &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	client_get(&srv, &anon, "/me", &r); /* now signed in: the session's token */
	http_resp_free(&r);
	client_post(&srv, &anon, "/password-reset", form, &r); /* replayed */
	assert_int_equal(r.status, 410);
	http_resp_free(&r);
	free(path);

	/* The laptop's session ended; old password refused, new accepted. */
	client_get(&srv, &laptop, "/me", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	test_sign_in(&srv, &laptop, "rasmus%40example.dk", "old-password-1", 400);
	test_sign_in(&srv, &laptop, "rasmus%40example.dk", "brand-new-password", 303);
	client_get(&srv, &anon, "/me", &r); /* the browser that reset is signed in */
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
}

static void test_csrf_missing_wrong_or_foreign(void **state)
{
	(void)state;
	struct test_client c = { 0 }, other = { 0 };
	sign_up(&c, "Carl", "carl%40example.dk", "carls-password");
	sign_up(&other, "Olga", "olga%40example.dk", "olgas-password");
	struct http_resp r;
	char cookie[300];
	snprintf(cookie, sizeof cookie, "Cookie: sid=%s", client_cookie(&c, "sid"));
	const char *h[] = { "Content-Type: application/x-www-form-urlencoded", cookie, NULL };
	http_request(&srv, "POST", "/me/consent", "purpose=updates&action=give", h, &r);
	assert_int_equal(r.status, 403);
	assert_contains(r.body, "Formularen var for gammel eller kom ikke fra denne side");
	http_resp_free(&r);
	http_request(&srv, "POST", "/me/consent", "purpose=updates&action=give&csrf=forged", h, &r);
	assert_int_equal(r.status, 403);
	http_resp_free(&r);
	/* Another person's valid token is no good for this session. */
	char body[200];
	client_get(&srv, &other, "/me", &r);
	http_resp_free(&r);
	snprintf(body, sizeof body, "purpose=updates&action=give&csrf=%s", other.csrf);
	http_request(&srv, "POST", "/me/consent", body, h, &r);
	assert_int_equal(r.status, 403);
	http_resp_free(&r);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM consent c JOIN account a ON a.id = c.account_id "
				 "WHERE a.email = 'carl@example.dk' AND c.purpose = 'updates'"), 0);
	/* With its own token it works. Pages carry it masked, differently
	 * on every page (so a compressed page gives nothing away about it),
	 * and an older page's form still works. */
	client_get(&srv, &c, "/me", &r);
	http_resp_free(&r);
	char older[sizeof c.csrf];
	snprintf(older, sizeof older, "%s", c.csrf);
	client_get(&srv, &c, "/me", &r);
	http_resp_free(&r);
	assert_string_not_equal(older, c.csrf);
	struct test_client visitor = { 0 };
	client_get(&srv, &visitor, "/login", &r);
	assert_non_null(client_cookie(&visitor, "csrf"));
	assert_not_contains(r.body, client_cookie(&visitor, "csrf")); /* the token itself */
	http_resp_free(&r);
	snprintf(c.csrf, sizeof c.csrf, "%s", older);
	client_post(&srv, &c, "/me/consent", "purpose=updates&action=give", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM consent c JOIN account a ON a.id = c.account_id "
				 "WHERE a.email = 'carl@example.dk' AND c.purpose = 'updates' AND "
				 "c.withdrawn_at IS NULL"), 1);
	/* Found by an attacker: before signing in, a CSRF cookie the client
	 * chose itself was taken as long as the form repeated it. The cookie
	 * must carry the server's signature of its token. */
	const char *chosen = "AttackerChoseThisTokenAttackerChoseThisToke";
	assert_int_equal(strlen(chosen), 43);
	char own[200], form_own[300];
	snprintf(own, sizeof own, "Cookie: csrf=%s", chosen);
	snprintf(form_own, sizeof form_own, "csrf=%s&email=carl%%40example.dk&password=carls-password", chosen);
	const char *h3[] = { "Content-Type: application/x-www-form-urlencoded", own, NULL };
	http_request(&srv, "POST", "/login", form_own, h3, &r);
	assert_int_equal(r.status, 403);
	assert_null(http_set_cookie(&r, "sid"));
	http_resp_free(&r);
	/* Nor with a signature made up for it, nor a signed cookie with
	 * another token in the form. */
	snprintf(own, sizeof own, "Cookie: csrf=%s.%s", chosen, chosen);
	http_request(&srv, "POST", "/login", form_own, h3, &r);
	assert_int_equal(r.status, 403);
	http_resp_free(&r);
	snprintf(own, sizeof own, "Cookie: csrf=%s", client_cookie(&visitor, "csrf"));
	http_request(&srv, "POST", "/login", form_own, h3, &r);
	assert_int_equal(r.status, 403);
	http_resp_free(&r);
	/* The visitor's own signed cookie and its page's token sign in. */
	test_sign_in(&srv, &visitor, "carl%40example.dk", "carls-password", 303);
	/* A sign-in form without the token is refused too (login CSRF). */
	const char *h2[] = { "Content-Type: application/x-www-form-urlencoded", NULL };
	http_request(&srv, "POST", "/login", "email=carl%40example.dk&password=carls-password", h2, &r);
	assert_int_equal(r.status, 403);
	http_resp_free(&r);
}

static void test_thousand_rapid_sign_ins_are_limited(void **state)
{
	(void)state;
	/* A server of its own, with the default limits. */
	struct test_server suite = srv;
	test_server_up(&srv, 1);
	struct test_client victim = { 0 };
	sign_up(&victim, "Vera", "vera%40example.dk", "veras-password");
	int64_t hash_before = test_sql_int(&srv, "SELECT LENGTH(password_hash) FROM account WHERE email = 'vera@example.dk'");
	struct test_client c = { 0 };
	struct http_resp r;
	client_get(&srv, &c, "/login", &r);
	http_resp_free(&r);
	int wrong = 0, limited = 0, other = 0;
	for (int i = 0; i < 1000; i++) {
		char form[128];
		snprintf(form, sizeof form, "email=vera%%40example.dk&password=guess-%d", i);
		client_post(&srv, &c, "/login", form, &r);
		if (r.status == 400)
			wrong++;
		else if (r.status == 429)
			limited++;
		else
			other++;
		if (r.status == 429 && limited == 1) {
			char *retry = http_header(&r, "Retry-After");
			assert_non_null(retry);
			assert_contains(r.body, "For mange forsøg");
			free(retry);
		}
		http_resp_free(&r);
	}
	assert_int_equal(other, 0);
	assert_int_equal(wrong, 10); /* the per-account limit */
	assert_int_equal(limited, 990);
	assert_string_equal(client_cookie(&c, "sid"), "");
	assert_int_equal(test_sql_int(&srv, "SELECT LENGTH(password_hash) FROM account WHERE email = 'vera@example.dk'"),
			 hash_before);
	/* Vera's own session is untouched. */
	client_get(&srv, &victim, "/me", &r);
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
	test_server_stop(&srv);
	test_db_drop(&srv);
	srv = suite;
}

/* The suite's server while a test runs one of its own. */
static struct test_server suite_srv;

/* Gives the suite its server back. */
static void restore_suite(const void *arg)
{
	(void)arg;
	srv = suite_srv;
}

/* Status of one sign-in attempt of c (its CSRF token from an earlier page);
 * the body of the answer in body (n bytes) when body is not NULL. */
static long attempt(struct test_client *c, const char *email, const char *password, char *body, size_t n)
{
	char form[300];
	snprintf(form, sizeof form, "email=%s&password=%s", email, password);
	struct http_resp r;
	client_post(&srv, c, "/login", form, &r);
	long status = r.status;
	if (body)
		snprintf(body, n, "%s", r.body);
	http_resp_free(&r);
	return status;
}

/* Found by an attacker: ten wrong passwords from anywhere locked an
 * account for 15 minutes, its owner included. A browser that signed in
 * to the account before keeps an allowance of its own (device cookie);
 * unknown browsers share the account's, and guessing stays throttled; a
 * known and an unknown address are throttled alike (nothing tells which
 * has an account). */
static void test_known_browser_signs_in_while_guessing_is_throttled(void **state)
{
	(void)state;
	/* A server with the default limits; the suite's is back after. */
	suite_srv = srv;
	test_defer(restore_suite, NULL, 0);
	test_server_up(&srv, 1);
	struct test_client owner = { 0 }, attacker = { 0 };
	sign_up(&owner, "Vera", "vera%40example.dk", "veras-password");
	struct http_resp r;
	client_post(&srv, &owner, "/logout", "", &r);
	http_resp_free(&r);
	test_sign_in(&srv, &owner, "vera%40example.dk", "veras-password", 303);
	assert_int_equal(strlen(client_cookie(&owner, "device")), 87);
	client_post(&srv, &owner, "/logout", "", &r);
	http_resp_free(&r);

	client_get(&srv, &attacker, "/login", &r);
	http_resp_free(&r);
	/* The owner's sign-in counted once for the account: one for the
	 * unknown address too, then each gets the same answers. */
	char known[8192], unknown[8192];
	assert_int_equal(attempt(&attacker, "nobody%40example.dk", "guess", unknown, sizeof unknown), 400);
	for (int i = 0; i < 9; i++) {
		char guess[32];
		snprintf(guess, sizeof guess, "guess-%d", i);
		assert_int_equal(attempt(&attacker, "vera%40example.dk", guess, known, sizeof known), 400);
		assert_int_equal(attempt(&attacker, "nobody%40example.dk", guess, unknown, sizeof unknown), 400);
	}
	assert_int_equal(attempt(&attacker, "vera%40example.dk", "guess-10", known, sizeof known), 429);
	assert_int_equal(attempt(&attacker, "nobody%40example.dk", "guess-10", unknown, sizeof unknown), 429);
	assert_contains(known, "browser, du har brugt før");
	assert_contains(unknown, "browser, du har brugt før");
	/* Guessing right does not help now. */
	assert_int_equal(attempt(&attacker, "vera%40example.dk", "veras-password", NULL, 0), 429);
	assert_string_equal(client_cookie(&attacker, "sid"), "");
	/* Nor does a device cookie made up, or one for another address. */
	struct test_client forger = attacker;
	char *c = strstr(forger.cookies, "csrf=");
	assert_non_null(c);
	size_t used = strlen(forger.cookies);
	snprintf(forger.cookies + used, sizeof forger.cookies - used,
		 "; device=%s.%s", "ForgedForgedForgedForgedForgedForgedForged", "ForgedForgedForgedForgedForgedForgedForged");
	assert_int_equal(attempt(&forger, "vera%40example.dk", "veras-password", NULL, 0), 429);

	/* The owner's browser signs in all the same. */
	test_sign_in(&srv, &owner, "vera%40example.dk", "veras-password", 303);
	client_get(&srv, &owner, "/me", &r);
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
	/* Its allowance is its own, and limited too. */
	client_post(&srv, &owner, "/logout", "", &r);
	http_resp_free(&r);
	client_get(&srv, &owner, "/login", &r);
	http_resp_free(&r);
	int wrong = 0;
	while (attempt(&owner, "vera%40example.dk", "not-it", NULL, 0) == 400)
		wrong++;
	assert_int_equal(wrong, 10); /* each sign-in gives the browser a new cookie */
	test_server_stop(&srv);
	test_db_drop(&srv);
}

static void test_profile_consents_data_and_deletion(void **state)
{
	(void)state;
	struct test_client c = { 0 };
	sign_up(&c, "Dorte", "dorte%40example.dk", "dortes-password");
	struct http_resp r;
	client_get(&srv, &c, "/me", &r);
	http_resp_free(&r);
	client_post(&srv, &c, "/me", "name=Dorte+Dahl&lang=en&area=4&org=2&org=13", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	assert_string_equal(client_cookie(&c, "lang"), "en");
	client_get(&srv, &c, "/me", &r);
	assert_contains(r.body, "<html lang=\"en\"");
	assert_contains(r.body, "value=\"Dorte Dahl\"");
	assert_contains(r.body, "<option value=\"4\" selected>Glamsbjerg</option>");
	assert_contains(r.body, "id=\"org-13\" name=\"org\" value=\"13\" checked");
	http_resp_free(&r);
	client_post(&srv, &c, "/me", "name=&lang=xx&area=999", &r);
	assert_int_equal(r.status, 400);
	http_resp_free(&r);

	/* Give, then withdraw, consent to updates: both recorded. */
	client_post(&srv, &c, "/me/consent", "purpose=updates&action=give", &r);
	http_resp_free(&r);
	client_post(&srv, &c, "/me/consent", "purpose=updates&action=withdraw", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	client_post(&srv, &c, "/me/consent", "purpose=terms&action=withdraw", &r);
	assert_int_equal(r.status, 400);
	http_resp_free(&r);

	client_get(&srv, &c, "/me/data", &r);
	assert_int_equal(r.status, 200);
	char *disp = http_header(&r, "Content-Disposition");
	assert_contains(disp, "attachment");
	free(disp);
	json_t *j = json_loads(r.body, 0, NULL);
	assert_non_null(j);
	json_t *tables = json_object_get(j, "tables");
	json_t *me = json_array_get(json_object_get(tables, "account"), 0);
	assert_string_equal(json_string_value(json_object_get(me, "email")), "dorte@example.dk");
	assert_string_equal(json_string_value(json_object_get(me, "area")), "Glamsbjerg");
	assert_int_equal(json_array_size(json_object_get(tables, "membership")), 2);
	json_t *consents = json_object_get(tables, "consent");
	assert_int_equal(json_array_size(consents), 2); /* terms, updates (withdrawn) */
	json_t *updates = json_array_get(consents, 1);
	assert_string_equal(json_string_value(json_object_get(updates, "purpose")), "updates");
	assert_true(json_is_integer(json_object_get(updates, "withdrawn_at")));
	assert_true(json_array_size(json_object_get(tables, "outbox")) >= 1);
	assert_null(json_object_get(me, "password_hash"));
	assert_not_contains(r.body, "argon2");
	json_decref(j);
	http_resp_free(&r);

	/* Deleting needs the password; then the account is gone. */
	client_post(&srv, &c, "/me/delete", "mode=keep&confirm_password=wrong", &r);
	assert_int_equal(r.status, 400);
	http_resp_free(&r);
	client_post(&srv, &c, "/me/delete", "mode=keep&confirm_password=dortes-password", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM account WHERE email = 'dorte@example.dk'"), 0);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM outbox WHERE recipient = 'dorte@example.dk'"), 0);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM consent c LEFT JOIN account a ON a.id = c.account_id "
				 "WHERE a.id IS NULL"), 0);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM audit_log WHERE action = 'account.delete'"), 1);
	client_get(&srv, &c, "/me", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	test_sign_in(&srv, &c, "dorte%40example.dk", "dortes-password", 400);
}

static void test_pseudonymous_participation_is_attached_on_sign_up(void **state)
{
	(void)state;
	/* A visitor took part before signing up: a participant with the hash
	 * of the random id in their cookie. */
	const char *pid = "pseudonymPseudonymPseudonymPseudonym1234567";
	char hash[SECRET_HASH_LEN + 1], insert[256], check[320];
	assert_int_equal(secret_init(), 0);
	secret_hash(pid, hash);
	snprintf(insert, sizeof insert, "INSERT INTO participant (token_hash, created_at) VALUES ('%s', 0)", hash);
	test_sql(&srv, insert);
	struct test_client c = { 0 };
	snprintf(c.cookies, sizeof c.cookies, "pid=%s", pid);
	sign_up(&c, "Petra", "petra%40example.dk", "petras-password");
	snprintf(check, sizeof check,
		 "SELECT COUNT(*) FROM participant p JOIN account a ON a.id = p.account_id "
		 "WHERE p.token_hash = '%s' AND a.email = 'petra@example.dk'", hash);
	assert_int_equal(test_sql_int(&srv, check), 1);
}

static void test_audit_log_is_append_only(void **state)
{
	(void)state;
	char err[256];
	struct store *s = store_open(srv.db, NULL, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_exec(s, "INSERT INTO audit_log (at, action, subject) VALUES (1, 'test', 'x')"),
			 STORE_OK);
	assert_int_not_equal(store_exec(s, "UPDATE audit_log SET action = 'forged'"), STORE_OK);
	assert_contains(store_error(s), "append-only");
	assert_int_not_equal(store_exec(s, "DELETE FROM audit_log"), STORE_OK);
	store_close(s);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM audit_log WHERE action = 'forged'"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_sign_up_confirm_and_sign_in),
		TEST_CASE(test_sign_up_errors_beside_fields),
		TEST_CASE(test_existing_address_is_not_revealed),
		TEST_CASE(test_unverified_cannot_sign_in_and_gets_new_link),
		TEST_CASE(test_tokens_unknown_used_expired),
		TEST_CASE(test_password_reset_ends_other_sessions),
		TEST_CASE(test_csrf_missing_wrong_or_foreign),
		TEST_CASE(test_thousand_rapid_sign_ins_are_limited),
		TEST_CASE(test_known_browser_signs_in_while_guessing_is_throttled),
		TEST_CASE(test_profile_consents_data_and_deletion),
		TEST_CASE(test_pseudonymous_participation_is_attached_on_sign_up),
		TEST_CASE(test_audit_log_is_append_only),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
