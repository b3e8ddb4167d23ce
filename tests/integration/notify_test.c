/*
 * notify_test.c: following and notifications through the real server
 * with the demo data: following and unfollowing with one click, taking
 * part following by itself (and an unfollow sticking), who hears of new,
 * moved and cancelled activities and of a moderator's decision, the
 * unread count in the header, marking read, the mail settings; then mail
 * end to end against a real SMTP server (aiosmtpd): the demo digest, a
 * mail at once with RFC 8058 one-click unsubscribe used without signing
 * in, a daily digest grouped by arena; and a server killed between
 * digest batches, which on restart neither loses nor repeats a digest.
 * The suite runs on SQLite and, in the PostgreSQL suite, on PostgreSQL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store.h"
#include "support/smtp.h"
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

/* The background jobs run every 50 ms here. */
static void wait_for(struct test_server *s, const char *query, int64_t want)
{
	test_wait_sql(s, query, want, TEST_DEADLINE_MS);
}

static char *page(struct test_client *c, const char *path)
{
	struct http_resp r;
	client_get(&srv, c, path, &r);
	if (r.status != 200)
		fail_msg("GET %s: %ld\n%.2000s", path, r.status, r.body);
	char *body = strdup(r.body);
	http_resp_free(&r);
	return body;
}

/* POSTs form to path after a GET of from (for the form's token); the
 * status, and the Location of a 303 in *loc (malloc'd) when loc is set. */
static long post(struct test_client *c, const char *from, const char *path, const char *form, char **loc)
{
	return client_post_from(&srv, c, from, path, form, loc, NULL);
}

static void expect_in(struct test_client *c, const char *path, const char *needle)
{
	char *body = page(c, path);
	assert_contains(body, needle);
	free(body);
}

static void expect_not_in(struct test_client *c, const char *path, const char *needle)
{
	char *body = page(c, path);
	assert_not_contains(body, needle);
	free(body);
}

/* A new activity in the Haarby arena; its id. */
static int new_activity(struct test_client *frida, const char *title_form)
{
	char form[512], *loc = NULL;
	snprintf(form, sizeof form,
		 "title=%s&kind=meeting&starts_at=2031-05-06T10:00&ends_at=2031-05-06T12:00&place=Haarby+S%%C3%%B8",
		 title_form);
	assert_int_equal(post(frida, "/arenas/2/activities/new", "/arenas/2/activities/new", form, &loc), 303);
	int id = atoi(strrchr(loc, '/') + 1);
	free(loc);
	return id;
}

static void test_follow_and_hear_of_activities(void **state)
{
	(void)state;
	struct test_client amina = { 0 }, dennis = { 0 }, frida = { 0 }, anon = { 0 };
	test_sign_in(&srv, &amina, "amina%40demo.example", "demo-password", 303);
	test_sign_in(&srv, &dennis, "dgi%40demo.example", "demo-password", 303);
	test_sign_in(&srv, &frida, "frida%40demo.example", "demo-password", 303);
	/* The demo: Amina follows the arena, three of her four notifications
	 * unread, one of them a reply to her comment on a proposal. */
	expect_in(&amina, "/arenas/2", "Du følger med her og får besked om nyt.");
	expect_in(&amina, "/", "<span class=\"badge\">3 ulæste</span>");
	expect_in(&anon, "/arenas/2", "Log ind for at følge med");
	char *body = page(&amina, "/me/notifications");
	assert_contains(body, "Du har 3 ulæste notifikationer.");
	assert_contains(body, "Ny aktivitet: Fællesspisning i Haarby Hallen");
	assert_contains(body, "Begrundelse: Tak!");
	assert_contains(body, "Nyt svar på din kommentar til forslaget »Kolleger som vejvisere til foreningslivet«: »Tak, "
			      "Amina.");
	free(body);

	/* Dennis follows the local area of Haarby with one click. */
	expect_in(&dennis, "/areas/5", "Følg lokalområdet");
	char *loc = NULL;
	assert_int_equal(post(&dennis, "/areas/5", "/follow", "kind=area&id=5&on=1&next=%2Fareas%2F5", &loc), 303);
	assert_string_equal(loc, "/areas/5");
	free(loc);
	expect_in(&dennis, "/areas/5", "Du følger med her");
	/* Never a redirect off the site, nothing that does not exist. */
	assert_int_equal(post(&dennis, "/areas/5", "/follow", "kind=area&id=5&on=1&next=%2F%2Fevil.example", &loc), 303);
	assert_string_equal(loc, "/");
	free(loc);
	assert_int_equal(post(&dennis, "/areas/5", "/follow", "kind=area&id=99999&on=1", NULL), 404);
	assert_int_equal(post(&dennis, "/areas/5", "/follow", "kind=galaxy&id=5&on=1", NULL), 400);

	/* A new activity: the arena's follower and the area's hear of it; the
	 * facilitator who made it does not. */
	int id = new_activity(&frida, "G%C3%A5tur+ved+Haarby+S%C3%B8");
	expect_in(&amina, "/", "<span class=\"badge\">4 ulæste</span>");
	expect_in(&amina, "/me/notifications", "Ny aktivitet: Gåtur ved Haarby Sø, tirsdag 6. maj 2031 kl. 10.00");
	expect_in(&dennis, "/me/notifications", "Ny aktivitet: Gåtur ved Haarby Sø");
	expect_in(&frida, "/me/notifications", "Du har ingen notifikationer endnu.");

	/* Moved, then cancelled: the arena's followers hear of both (the
	 * area's follower of neither). */
	char path[96], form[400];
	snprintf(path, sizeof path, "/arenas/2/activities/%d/edit", id);
	assert_int_equal(post(&frida, path, path,
			      "title=G%C3%A5tur+ved+Haarby+S%C3%B8&kind=meeting&starts_at=2031-05-07T14:00"
			      "&ends_at=2031-05-07T16:00&place=P-pladsen+ved+Haarby+S%C3%B8",
			      NULL),
			 303);
	expect_in(&amina, "/me/notifications",
		  "Ændret: Gåtur ved Haarby Sø er nu onsdag 7. maj 2031 kl. 14.00, P-pladsen ved Haarby Sø");
	snprintf(form, sizeof form, "title=G%%C3%%A5tur+ved+Haarby+S%%C3%%B8&kind=meeting&starts_at=2031-05-07T14:00"
				    "&ends_at=2031-05-07T16:00&place=P-pladsen+ved+Haarby+S%%C3%%B8&cancelled=1");
	assert_int_equal(post(&frida, path, path, form, NULL), 303);
	expect_in(&amina, "/me/notifications", "Aflyst: Gåtur ved Haarby Sø, onsdag 7. maj 2031 kl. 14.00");
	expect_not_in(&dennis, "/me/notifications", "Aflyst:");
	/* An edit that changes nothing anyone needs to know tells nobody. */
	int64_t before = test_sql_int(&srv, "SELECT COUNT(*) FROM notification");
	snprintf(path, sizeof path, "/arenas/2/activities/%d/edit", id);
	assert_int_equal(post(&frida, path, path,
			      "title=G%C3%A5tur+ved+Haarby+S%C3%B8&kind=meeting&starts_at=2031-05-07T14:00"
			      "&ends_at=2031-05-07T16:00&place=P-pladsen+ved+Haarby+S%C3%B8&cancelled=1"
			      "&description=Husk+gode+sko",
			      NULL),
			 303);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM notification"), before);

	/* Marking read: one, then all; never someone else's. */
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT MAX(id) FROM notification WHERE account_id = 3");
	int64_t dennis_note = test_sql_int(&srv, sql);
	snprintf(form, sizeof form, "id=%lld", (long long)dennis_note);
	assert_int_equal(post(&amina, "/me/notifications", "/me/notifications/read", form, NULL), 404);
	int64_t amina_note = test_sql_int(&srv, "SELECT MAX(id) FROM notification WHERE account_id = 4");
	snprintf(form, sizeof form, "id=%lld", (long long)amina_note);
	assert_int_equal(post(&amina, "/me/notifications", "/me/notifications/read", form, NULL), 303);
	expect_in(&amina, "/", "<span class=\"badge\">5 ulæste</span>");
	assert_int_equal(post(&amina, "/me/notifications", "/me/notifications/read", "all=1", NULL), 303);
	expect_not_in(&amina, "/", "class=\"badge\"");
	expect_in(&amina, "/me/notifications", "Du har 0 ulæste notifikationer.");
	assert_int_equal(post(&amina, "/me/notifications", "/me/notifications/read", "", NULL), 400);

	/* "My data" holds what she follows and her notifications. */
	body = page(&amina, "/me/data");
	assert_contains(body, "{\"kind\":\"arena\",\"id\":2,\"title\":\"Ensomme ældre i Haarby\",\"following\":1");
	assert_contains(body, "\"notification\":[{\"kind\":");
	assert_contains(body, "\"title\":\"Gåtur ved Haarby Sø\"");
	free(body);

	/* Unfollowing the arena and the area, from the settings: no more news
	 * of new activities for Amina. */
	expect_in(&amina, "/me/notifications/settings", "Ensomme ældre i Haarby");
	assert_int_equal(post(&amina, "/me/notifications/settings", "/follow",
			      "kind=arena&id=2&on=0&next=%2Fme%2Fnotifications%2Fsettings", NULL),
			 303);
	assert_int_equal(post(&amina, "/me/notifications/settings", "/follow",
			      "kind=area&id=5&on=0&next=%2Fme%2Fnotifications%2Fsettings", NULL),
			 303);
	expect_in(&amina, "/arenas/2", "Følg arenaen");
	new_activity(&frida, "Bankospil");
	expect_not_in(&amina, "/me/notifications", "Bankospil");
	expect_in(&dennis, "/me/notifications", "Ny aktivitet: Bankospil");
}

static void test_taking_part_follows_and_unfollowing_sticks(void **state)
{
	(void)state;
	struct test_client c = { 0 };
	test_sign_in(&srv, &c, "anna%40demo.example", "demo-password", 303);
	expect_in(&c, "/me/notifications/settings", "Du følger ikke noget endnu.");
	char *body = page(&c, "/arenas/2/dialogue");
	const char *p = strstr(body, "name=\"statement\" value=\"");
	assert_non_null(p);
	char form[80];
	snprintf(form, sizeof form, "statement=%d&vote=agree", atoi(p + 24));
	free(body);
	assert_int_equal(post(&c, "/arenas/2/dialogue", "/arenas/2/dialogue/vote", form, NULL), 303);
	body = page(&c, "/me/notifications/settings");
	assert_contains(body, ">Ensomme ældre i Haarby</a> <span class=\"meta\">(fordi du deltog)</span>");
	free(body);
	assert_int_equal(post(&c, "/arenas/2", "/follow", "kind=arena&id=2&on=0&next=%2Farenas%2F2", NULL), 303);
	body = page(&c, "/arenas/2/dialogue");
	p = strstr(body, "name=\"statement\" value=\"");
	assert_non_null(p);
	snprintf(form, sizeof form, "statement=%d&vote=disagree", atoi(p + 24));
	free(body);
	assert_int_equal(post(&c, "/arenas/2/dialogue", "/arenas/2/dialogue/vote", form, NULL), 303);
	expect_in(&c, "/me/notifications/settings", "Du følger ikke noget endnu.");
}

static void test_moderators_decision_is_told_with_its_reason(void **state)
{
	(void)state;
	struct test_client frida = { 0 }, dennis = { 0 };
	test_sign_in(&srv, &frida, "frida%40demo.example", "demo-password", 303);
	test_sign_in(&srv, &dennis, "dgi%40demo.example", "demo-password", 303);
	assert_int_equal(post(&frida, "/arenas/2/dialogue/moderate", "/arenas/2/dialogue/settings", "moderation=before",
			      NULL),
			 303);
	assert_int_equal(post(&dennis, "/arenas/2/dialogue", "/arenas/2/dialogue/statements",
			      "text=Haarby+har+brug+for+en+ny+sportshal+nu.", NULL),
			 303);
	int64_t id = test_sql_int(&srv, "SELECT MAX(id) FROM statement");
	char path[128];
	snprintf(path, sizeof path, "/arenas/2/dialogue/statements/%lld/moderate", (long long)id);
	assert_int_equal(post(&frida, "/arenas/2/dialogue/moderate", path,
			      "action=reject&reason=Det+handler+ikke+om+ensomme+%C3%A6ldre.", NULL),
			 303);
	expect_in(&dennis, "/me/notifications",
		  "Dit udsagn blev ikke godkendt: »Haarby har brug for en ny sportshal nu.«. Begrundelse: Det "
		  "handler ikke om ensomme ældre.");
	assert_int_equal(post(&frida, "/arenas/2/dialogue/moderate", "/arenas/2/dialogue/settings", "moderation=after",
			      NULL),
			 303);
}

static void test_mail_settings(void **state)
{
	(void)state;
	struct test_client c = { 0 };
	test_sign_in(&srv, &c, "frida%40demo.example", "demo-password", 303);
	char *body = page(&c, "/me/notifications/settings");
	assert_contains(body, "<label for=\"mail-activity_new\">Nye aktiviteter</label>");
	assert_contains(body, "<option value=\"daily\" selected>Daglig oversigt</option>");
	free(body);
	assert_int_equal(post(&c, "/me/notifications/settings", "/me/notifications/settings",
			      "mail-activity_new=weekly&mail-story=none", NULL),
			 303);
	body = page(&c, "/me/notifications/settings");
	assert_contains(body, "<option value=\"weekly\" selected>Ugentlig oversigt</option>");
	assert_contains(body, "<option value=\"none\" selected>Ingen mail (kun her på siden)</option>");
	free(body);
	assert_int_equal(post(&c, "/me/notifications/settings", "/me/notifications/settings",
			      "mail-activity_new=hourly", NULL),
			 400);
}

/* Each of the n clients reads line among their notifications; not does not. */
static void told_of(const char *line, struct test_client *const *told, size_t n, struct test_client *not)
{
	for (size_t i = 0; i < n; i++)
		expect_in(told[i], "/me/notifications", line);
	expect_not_in(not, "/me/notifications", line);
}

/* The demo's Haarby proposal, still being written: Amina wrote in it,
 * Jonas commented on it. */
#define HAARBY_PROPOSAL "/arenas/2/proposals/3"

static void test_proposals_are_followed_and_tell_of_steps_and_replies(void **state)
{
	(void)state;
	struct test_client amina = { 0 }, dennis = { 0 }, frida = { 0 }, anna = { 0 }, jonas = { 0 }, soren = { 0 },
			   anon = { 0 };
	test_sign_in(&srv, &amina, "amina%40demo.example", "demo-password", 303);
	test_sign_in(&srv, &dennis, "dgi%40demo.example", "demo-password", 303);
	test_sign_in(&srv, &frida, "frida%40demo.example", "demo-password", 303);
	test_sign_in(&srv, &anna, "anna%40demo.example", "demo-password", 303);
	test_sign_in(&srv, &jonas, "jonas%40demo.example", "demo-password", 303);
	test_sign_in(&srv, &soren, "byraad%40demo.example", "demo-password", 303);
	/* Writing in it followed it (the demo); a visitor is asked to sign in. */
	expect_in(&amina, HAARBY_PROPOSAL, "Du følger med her og får besked om nyt.");
	expect_in(&anon, HAARBY_PROPOSAL, "Log ind for at følge med");
	char *body = page(&amina, "/me/notifications/settings");
	assert_contains(body, ">Fællesspisning og besøgsvenner efter kl. 16</a> <span class=\"meta\">(fordi du deltog)");
	free(body);
	/* Dennis follows it with one click; Anna by supporting it. */
	expect_in(&dennis, HAARBY_PROPOSAL, "Følg forslaget");
	assert_int_equal(post(&dennis, HAARBY_PROPOSAL, "/follow", "kind=proposal&id=3&on=1&next=%2Farenas%2F2%2Fproposals%2F3",
			      NULL),
			 303);
	expect_in(&dennis, HAARBY_PROPOSAL, "Du følger med her");
	assert_int_equal(post(&anna, HAARBY_PROPOSAL, HAARBY_PROPOSAL "/support", "action=support", NULL), 303);
	expect_in(&anna, HAARBY_PROPOSAL, "Du følger med her");
	assert_int_equal(post(&dennis, HAARBY_PROPOSAL, "/follow", "kind=proposal&id=99999&on=1", NULL), 404);

	/* Anna answers Jonas's comment: he is told, with the start of her
	 * answer on one line; no one else is. */
	int64_t jonas_comment = test_sql_int(&srv, "SELECT MAX(c.id) FROM proposal_comment c JOIN account a ON "
						   "a.id = c.author_id WHERE a.email = 'jonas@demo.example' AND "
						   "c.proposal_id = 3");
	int64_t before = test_sql_int(&srv, "SELECT COUNT(*) FROM notification");
	char form[512];
	snprintf(form, sizeof form,
		 "parent=%lld&body=Dejligt%%21+Kan+I+ogs%%C3%%A5+lave+mad+uden+svinek%%C3%%B8d%%3F%%0A%%0AMange+bruger+"
		 "det.",
		 (long long)jonas_comment);
	assert_int_equal(post(&anna, HAARBY_PROPOSAL, HAARBY_PROPOSAL "/comments", form, NULL), 303);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM notification"), before + 1);
	expect_in(&jonas, "/me/notifications",
		  "Nyt svar på din kommentar til forslaget »Fællesspisning og besøgsvenner efter kl. 16«: »Dejligt! "
		  "Kan I også lave mad uden svinekød?  Mange bruger det.«");
	int64_t reply = test_sql_int(&srv, "SELECT MAX(id) FROM proposal_comment");
	char link[128];
	snprintf(link, sizeof link, "href=\"/arenas/2/proposals/3/comments/%lld\"", (long long)reply);
	expect_in(&jonas, "/me/notifications", link);

	/* Frida sends it to a committee: its followers (Amina, Dennis, Anna,
	 * Jonas) and the arena's hear of it, once each; Frida, who recorded
	 * it, does not. */
	assert_int_equal(post(&frida, HAARBY_PROPOSAL, HAARBY_PROPOSAL "/steps",
			      "kind=submitted&happened_on=2031-03-02&council=Social-+og+Sundhedsudvalget"
			      "&meeting_on=2031-03-16",
			      NULL),
			 303);
	struct test_client *const sent_to[] = { &amina, &dennis, &anna, &jonas };
	told_of("Forslaget »Fællesspisning og besøgsvenner efter kl. 16« er sendt til Social- og Sundhedsudvalget",
		sent_to, 4, &frida);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM notification n JOIN event e ON e.id = n.event_id "
					    "WHERE e.kind = 'proposal_step' AND e.variant = 'submitted' AND "
					    "n.account_id = 4"),
			 1);
	/* Jonas stops following it; the council's decision reaches the rest
	 * (Dennis also as a follower of the arena, where he wrote). */
	assert_int_equal(post(&jonas, HAARBY_PROPOSAL, "/follow", "kind=proposal&id=3&on=0&next=%2Farenas%2F2%2Fproposals%2F3",
			      NULL),
			 303);
	expect_in(&jonas, HAARBY_PROPOSAL, "Følg forslaget");
	assert_int_equal(post(&soren, HAARBY_PROPOSAL, HAARBY_PROPOSAL "/decision",
			      "outcome=amended&happened_on=2031-03-16&council=Assens+Byr%C3%A5d"
			      "&body=Vedtaget+som+fors%C3%B8g+i+et+%C3%A5r.",
			      NULL),
			 303);
	struct test_client *const decided_to[] = { &amina, &anna, &dennis };
	told_of("Forslaget »Fællesspisning og besøgsvenner efter kl. 16« er vedtaget med ændringer af Assens Byråd",
		decided_to, 3, &jonas);
	/* In English for someone who reads English. */
	const char *h[] = { "Accept-Language: en", NULL };
	struct http_resp r;
	char cookie[8300];
	snprintf(cookie, sizeof cookie, "Cookie: %s", anna.cookies);
	const char *hc[] = { h[0], cookie, NULL };
	http_request(&srv, "GET", "/me/notifications", NULL, hc, &r);
	assert_contains(r.body, "The proposal &quot;Fællesspisning og besøgsvenner efter kl. 16&quot; was adopted with "
				"changes by Assens Byråd");
	http_resp_free(&r);
}

/* The i-th message to `to` the sink holds (0-based), or NULL. */
static const char *mail_to(struct smtp_sink *sink, const char *to, int i)
{
	char needle[128];
	snprintf(needle, sizeof needle, "To: <%s>\r\n", to);
	for (size_t k = 0; k < smtp_count(sink); k++)
		if (strstr(smtp_message(sink, k), needle) && i-- == 0)
			return smtp_message(sink, k);
	return NULL;
}

struct awaited_mail {
	struct smtp_sink *sink;
	const char *to;
	int i;
	const char *found;
};

static int mail_came(void *arg)
{
	struct awaited_mail *w = arg;
	return (w->found = mail_to(w->sink, w->to, w->i)) != NULL;
}

static const char *wait_mail(struct smtp_sink *sink, const char *to, int i)
{
	struct awaited_mail w = { sink, to, i, NULL };
	char what[160];
	snprintf(what, sizeof what, "mail %d to %s", i, to);
	test_wait_until(mail_came, &w, TEST_DEADLINE_MS, what);
	return w.found;
}

static void test_mail_end_to_end(void **state)
{
	(void)state;
	struct smtp_sink *sink = smtp_start();
	assert_non_null(sink);
	char url[64];
	snprintf(url, sizeof url, "smtp://127.0.0.1:%d", smtp_port(sink));
	struct test_server s;
	const char *extra[] = { "--smtp-url", url, "--jobs-interval", "50", "--rate-factor", "100", NULL };
	test_db_create(&s, 1);
	test_server_start(&s, extra);

	/* The demo's digest for Amina goes out first: grouped by arena, with
	 * one-click unsubscribe. */
	const char *m = wait_mail(sink, "amina@demo.example", 0);
	assert_contains(m, "Subject: =?UTF-8?B?");
	assert_contains(m, "\r\nList-Unsubscribe: <http://127.0.0.1:8080/unsubscribe?u=4&s=all&t=");
	assert_contains(m, "\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
	assert_contains(m, "Content-Type: text/plain; charset=utf-8\r\n");
	assert_contains(m, "Ensomme ældre i Haarby\r\n----------------------\r\n");
	assert_contains(m, "- Ny aktivitet: Fællesspisning i Haarby Hallen");

	/* Amina wants news of new activities at once. */
	struct test_client amina = { 0 }, frida = { 0 }, dennis = { 0 };
	test_sign_in(&s, &amina, "amina%40demo.example", "demo-password", 303);
	test_sign_in(&s, &frida, "frida%40demo.example", "demo-password", 303);
	test_sign_in(&s, &dennis, "dgi%40demo.example", "demo-password", 303);
	struct http_resp r;
	client_get(&s, &amina, "/me/notifications/settings", &r);
	http_resp_free(&r);
	client_post(&s, &amina, "/me/notifications/settings", "mail-activity_new=now", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	/* Dennis follows the arena and keeps the daily digest. */
	client_get(&s, &dennis, "/arenas/2", &r);
	http_resp_free(&r);
	client_post(&s, &dennis, "/follow", "kind=arena&id=2&on=1", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	client_get(&s, &frida, "/arenas/2/activities/new", &r);
	http_resp_free(&r);
	client_post(&s, &frida, "/arenas/2/activities/new",
		    "title=Caf%C3%A9aften&kind=meeting&starts_at=2031-05-06T19:00&ends_at=2031-05-06T21:00"
		    "&place=Haarby+Bibliotek",
		    &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);

	m = wait_mail(sink, "amina@demo.example", 1);
	assert_contains(m, "Ny aktivitet: Caféaften, tirsdag 6. maj 2031 kl. 19.00");
	assert_contains(m, "/arenas/2/activities/");
	assert_contains(m, "\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
	const char *lu = strstr(m, "\r\nList-Unsubscribe: <");
	assert_non_null(lu);
	const char *path = strstr(lu, "/unsubscribe?");
	assert_non_null(path);
	char target[256];
	snprintf(target, sizeof target, "%.*s", (int)(strchr(path, '>') - path), path);
	assert_non_null(strstr(target, "s=activity_new"));

	/* The mail system's one click: no cookies, no token, a multipart body. */
	const char *h[] = { "Content-Type: multipart/form-data; boundary=b", NULL };
	http_request(&s, "POST", target,
		     "--b\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--b--\r\n", h, &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Du får ikke flere mails om »Nye aktiviteter«");
	http_resp_free(&r);
	assert_int_equal(test_sql_int(&s, "SELECT COUNT(*) FROM notify_pref WHERE account_id = 4 AND "
					  "kind = 'activity_new' AND mail = 'none'"),
			 1);
	/* A tampered link unsubscribes nobody. */
	char bad[256];
	snprintf(bad, sizeof bad, "%s", target);
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == 'A' ? 'B' : 'A';
	http_request(&s, "POST", bad, "List-Unsubscribe=One-Click", NULL, &r);
	assert_int_equal(r.status, 404);
	http_resp_free(&r);
	client_get(&s, &dennis, target, &r); /* the page behind the link asks first */
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Vil du stoppe mails om »Nye aktiviteter«");
	http_resp_free(&r);

	/* Dennis's daily digest, when its morning comes. */
	wait_for(&s, "SELECT COUNT(*) FROM notification WHERE account_id = 3 AND mail_due IS NOT NULL", 1);
	test_sql(&s, "UPDATE notification SET mail_due = 1 WHERE account_id = 3 AND mail_due IS NOT NULL");
	m = wait_mail(sink, "dgi@demo.example", 0);
	/* "Dagens nyt fra samskab (1)" */
	assert_contains(m, "Subject: =?UTF-8?B?RGFnZW5zIG55dCBmcmEgc2Ftc2thYiAoMSk=?=\r\n");
	assert_contains(m, "Hej Dennis fra DGI\r\n");
	assert_contains(m, "Ensomme ældre i Haarby\r\n");
	assert_contains(m, "- Ny aktivitet: Caféaften");
	assert_contains(m, "/unsubscribe?u=3&s=all&t=");
	wait_for(&s, "SELECT COUNT(*) FROM notification WHERE account_id = 3 AND outbox_id IS NOT NULL AND mailed_at IS NOT NULL",
		 1);
	test_server_stop(&s);
	test_db_drop(&s);
	smtp_stop(sink);
}

/* Accounts each with one daily notification due, straight into the
 * tables. */
static void due_digests(struct test_server *s, int n)
{
	char sql[1024];
	snprintf(sql, sizeof sql,
		 "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %d) "
		 "INSERT INTO account (email, name, password_hash, lang, verified_at, password_changed_at, "
		 "created_at, updated_at) SELECT 'p' || i || '@example.dk', 'Person ' || i, 'x', 'da', 1, 1, 1, 1 FROM k",
		 n);
	test_sql(s, sql);
	/* Made now (old events are purged), due since long. */
	long long now = (long long)time(NULL);
	snprintf(sql, sizeof sql, "INSERT INTO event (kind, title, detail, link, created_at) VALUES ('story', "
				  "'Nyt fra Haarby', '', '/stories', %lld)", now);
	test_sql(s, sql);
	snprintf(sql, sizeof sql, "INSERT INTO notification (account_id, event_id, kind, created_at, mail, mail_due) "
				  "SELECT id, (SELECT MAX(id) FROM event), 'story', %lld, 'daily', 1 FROM account", now);
	test_sql(s, sql);
}

static void test_digest_survives_a_kill_between_batches(void **state)
{
	(void)state;
	enum { PEOPLE = 3000 };
	struct test_server s;
	test_db_create(&s, 0);
	due_digests(&s, PEOPLE);
	/* One person per transaction, every batch logged. */
	const char *extra[] = { "--digest-batch", "1", "--log-level", "debug", "--jobs-interval", "50", NULL };
	test_server_start(&s, extra);
	test_wait_file(s.log, "msg=\"notification mail batch written\"", 1, TEST_DEADLINE_MS);
	test_server_kill(&s);
	/* Part done: as many digests as notifications marked sent, each in
	 * the mail of its own person. */
	int64_t done = test_sql_int(&s, "SELECT COUNT(*) FROM outbox");
	fprintf(stderr, "# killed after %lld of %d digests\n", (long long)done, PEOPLE);
	assert_true(done >= 1);
	assert_true(done < PEOPLE);
	assert_int_equal(test_sql_int(&s, "SELECT COUNT(*) FROM notification WHERE mail_due IS NULL"), done);
	/* Started again, it takes the rest. */
	const char *again[] = { "--jobs-interval", "50", NULL };
	test_server_start(&s, again);
	wait_for(&s, "SELECT COUNT(*) FROM notification WHERE mail_due IS NOT NULL", 0);
	assert_int_equal(test_sql_int(&s, "SELECT COUNT(*) FROM outbox"), PEOPLE);
	assert_int_equal(test_sql_int(&s, "SELECT COUNT(*) FROM (SELECT account_id FROM outbox GROUP BY account_id "
					  "HAVING COUNT(*) <> 1) x"),
			 0);
	assert_int_equal(test_sql_int(&s, "SELECT COUNT(*) FROM notification n JOIN outbox o ON o.id = n.outbox_id "
					  "WHERE o.account_id = n.account_id AND n.mailed_at IS NOT NULL"),
			 PEOPLE);
	test_server_stop(&s);
	test_db_drop(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_follow_and_hear_of_activities),
		TEST_CASE(test_taking_part_follows_and_unfollowing_sticks),
		TEST_CASE(test_moderators_decision_is_told_with_its_reason),
		TEST_CASE(test_mail_settings),
		TEST_CASE(test_proposals_are_followed_and_tell_of_steps_and_replies),
		TEST_CASE(test_mail_end_to_end),
		TEST_CASE(test_digest_survives_a_kill_between_batches),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
