/*
 * calendar_test.c: the iCalendar feeds through a real server, read back
 * with an independent parser (Debian's python3-icalendar, through
 * tests/support/icalparse.py, which also checks the line framing): an
 * arena's and a local area's activities, with times across both
 * daylight-saving changes and text full of commas, semicolons, line
 * breaks and non-ASCII characters, linked from the area's page; and a
 * person's own sign-ups at the secret address made on POST /me/calendar,
 * which shows only that person's and stops working when renewed.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/log.h"
#include "core/secret.h"
#include "core/tz.h"
#include "model/account.h"
#include "model/activity.h"
#include "model/area.h"
#include "model/arena.h"
#include "model/session.h"
#include "model/signup.h"
#include "model/theme.h"
#include "support/support.h"

#define HOST "samskab.example.dk"
#define BASE "https://" HOST ":8443"

static const char tricky_title[] = "Dialog; om sprog, kultur og C:\\skråstreg";
static const char tricky_place[] = "Rådhuset, Østergade 1; 1. sal";
static const char arena_title[] = "Sprog, kultur; fællesskab i Aarup";

static struct test_server srv;
static struct {
	int64_t aarup, haarby, arena, other_arena;
	int64_t dst_autumn, dst_spring, tricky, online, cancelled, elsewhere, full;
	int64_t anna, bo;
	char anna_sid[SECRET_TOKEN_LEN + 1], bo_sid[SECRET_TOKEN_LEN + 1];
	char tricky_description[4096];
	int64_t soon; /* start of the activities people sign up for */
} fx;

static int64_t local(int y, int mo, int d, int h, int mi)
{
	int64_t t = 0;
	assert_int_equal(tz_to_utc(y, mo, d, h, mi, &t), 0);
	return t;
}

static int64_t activity(struct store *db, int64_t arena, enum activity_kind kind, const char *title,
			const char *description, int64_t start, int64_t end, const char *place,
			const char *online, int64_t capacity)
{
	struct activity in = { .arena_id = arena, .kind = kind, .title = title,
			       .description = description, .starts_at = start, .ends_at = end,
			       .place = place, .online_url = online, .capacity = capacity, .lang = "da" };
	struct field_errors errs = { .n = 0 };
	int64_t id = 0;
	if (activity_create(db, &in, &id, &errs) != MODEL_OK)
		fail_msg("activity %s: %d field errors, first on %s", title, errs.n,
			 errs.n ? errs.items[0].field : "-");
	return id;
}

static void sign_up(struct store *db, int64_t activity_id, int64_t account, enum signup_status want)
{
	struct signup_needs needs = { "", 0, 0, "" };
	struct field_errors errs = { .n = 0 };
	enum signup_status got = SIGNUP__MAX;
	assert_int_equal(signup_create(db, activity_id, account, &needs, &got, &errs), MODEL_OK);
	assert_int_equal(got, want);
}

/* Two areas, a theme, two arenas (one per area) with activities made
 * through the models, two people signed up, each with a session. */
static int setup(void **state)
{
	(void)state;
	char err[256];
	assert_int_equal(i18n_init(err, sizeof err), 0);
	assert_int_equal(secret_init(), 0);
	log_set_level(LOG_WARN);
	test_db_create(&srv, 0);
	struct store *db = store_open(srv.db, NULL, err, sizeof err);
	assert_non_null(db);
	struct region *rg = region_new();
	struct field_errors errs = { .n = 0 };

	struct term aarup = { .name = "Aarup", .description = "", .lang = "da" };
	struct term haarby = { .name = "Haarby", .description = "", .lang = "da" };
	struct term theme = { .name = "Integration", .description = "", .lang = "da" };
	int64_t theme_id = 0;
	assert_int_equal(area_create(db, &aarup, &fx.aarup, &errs), MODEL_OK);
	assert_int_equal(area_create(db, &haarby, &fx.haarby, &errs), MODEL_OK);
	assert_int_equal(theme_create(db, &theme, &theme_id, &errs), MODEL_OK);
	assert_int_equal(account_create(db, rg, "anna@example.dk", "Anna", "anna-password-1", "da",
					&fx.anna, &errs), MODEL_OK);
	assert_int_equal(account_create(db, rg, "bo@example.dk", "Bo", "bo-password-12", "en", &fx.bo,
					&errs), MODEL_OK);

	struct arena in = { .title = arena_title, .theme_id = theme_id, .description = "", .lang = "da" };
	assert_int_equal(arena_create(db, &in, &fx.aarup, 1, fx.anna, "127.0.0.1", &fx.arena, &errs), MODEL_OK);
	in.title = "Ensomme ældre";
	assert_int_equal(arena_create(db, &in, &fx.haarby, 1, fx.anna, "127.0.0.1", &fx.other_arena, &errs),
			 MODEL_OK);

	/* 02:30 happens twice on 25 October 2026 (the first, CEST, counts);
	 * on 28 March 2027 the clock jumps from 02:00 to 03:00. */
	fx.dst_autumn = activity(db, fx.arena, KIND_PANEL, "Paneldebat om natten", "",
				 local(2026, 10, 25, 2, 30), local(2026, 10, 25, 3, 30), "Aarup Hallen", "", -1);
	fx.dst_spring = activity(db, fx.arena, KIND_MEETING, "Morgenmøde", "", local(2027, 3, 28, 1, 30),
				 local(2027, 3, 28, 3, 30), "Biblioteket", "", -1);
	/* A description long enough to be folded many times, with two-,
	 * three- and four-octet characters at every offset. (No backslash
	 * before an "n": python3-icalendar 4.0.3 reads the escaped form \\n
	 * as a line break; tests/web/ical_test.c checks that case.) */
	int n = snprintf(fx.tricky_description, sizeof fx.tricky_description,
			 "Første linje\nAnden linje, med komma; og semikolon\r\n\r\nمرحبا بكم — Привіт 😀 \\ ");
	for (int i = 0; i < 40; i++)
		n += snprintf(fx.tricky_description + n, sizeof fx.tricky_description - (size_t)n, "%s",
			      i % 4 == 0 ? "æøå " : i % 4 == 1 ? "€, " : i % 4 == 2 ? "😀; " : "a");
	fx.soon = (time(NULL) / 3600 + 24 * 14) * 3600;
	fx.tricky = activity(db, fx.arena, KIND_WORKSHOP, tricky_title, fx.tricky_description, fx.soon,
			     fx.soon + 7200, tricky_place, "https://meet.example.dk/a?b=1,2", -1);
	fx.online = activity(db, fx.arena, KIND_INTERVIEW, "Interview online", "", fx.soon + 86400,
			     fx.soon + 86400 + 3600, "", "https://meet.example.dk/x?y=1;z=2", -1);
	fx.cancelled = activity(db, fx.arena, KIND_WORKSHOP, "Workshop to", "", fx.soon + 2 * 86400,
				fx.soon + 2 * 86400 + 3600, "Skolen", "", -1);
	fx.full = activity(db, fx.arena, KIND_WORKSHOP, "Workshop med én plads", "", fx.soon + 3 * 86400,
			   fx.soon + 3 * 86400 + 3600, "Skolen", "", 1);
	fx.elsewhere = activity(db, fx.other_arena, KIND_MEETING, "Kaffe i Haarby", "", fx.soon + 86400,
				fx.soon + 86400 + 3600, "Haarby Kro", "", -1);

	/* Anna: a place on two, waiting on the full one; Bo: the place on
	 * the full one, and one in the other arena. */
	sign_up(db, fx.full, fx.bo, SIGNUP_CONFIRMED);
	sign_up(db, fx.tricky, fx.anna, SIGNUP_CONFIRMED);
	sign_up(db, fx.cancelled, fx.anna, SIGNUP_CONFIRMED);
	sign_up(db, fx.full, fx.anna, SIGNUP_WAITING);
	sign_up(db, fx.elsewhere, fx.bo, SIGNUP_CONFIRMED);

	/* Cancelling after sign-up: STATUS and SEQUENCE change. */
	struct activity x;
	assert_int_equal(activity_get(db, rg, fx.cancelled, &x), MODEL_OK);
	x.cancelled = 1;
	assert_int_equal(activity_update(db, fx.cancelled, &x, &errs), MODEL_OK);

	assert_int_equal(session_create(db, fx.anna, "127.0.0.1", "test", fx.anna_sid), MODEL_OK);
	assert_int_equal(session_create(db, fx.bo, "127.0.0.1", "test", fx.bo_sid), MODEL_OK);
	region_free(rg);
	store_close(db);
	const char *extra[] = { "--base-url", BASE, NULL };
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

/* GETs a feed, asserts 200 and its type, and returns what the parser
 * read (framing problems fail the test). */
static json_t *feed(const char *path)
{
	struct http_resp r;
	http_get(&srv, path, &r);
	if (r.status != 200)
		fail_msg("GET %s: %ld %s", path, r.status, r.body);
	char *type = http_header(&r, "Content-Type");
	assert_string_equal(type, "text/calendar; charset=utf-8");
	free(type);
	char file[600], cmd[800];
	snprintf(file, sizeof file, "%s/feed.ics", srv.dir);
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
	if (j == NULL || status != 0)
		fail_msg("icalparse.py on %s: exit %d, %s", path, status, jerr.text);
	json_t *problems = json_object_get(j, "problems");
	if (json_array_size(problems) > 0) {
		char *s = json_dumps(problems, 0);
		fail_msg("%s: %s", path, s);
	}
	return j;
}

static const char *cal(json_t *j, const char *name)
{
	return json_string_value(json_object_get(json_object_get(j, "calendar"), name));
}

/* The event with this activity's UID, or NULL. */
static json_t *event(json_t *j, int64_t id)
{
	char uid[128];
	snprintf(uid, sizeof uid, "activity-%lld@" HOST, (long long)id);
	json_t *ev;
	size_t i;
	json_array_foreach(json_object_get(j, "events"), i, ev)
	if (strcmp(json_string_value(json_object_get(ev, "uid")), uid) == 0)
		return ev;
	return NULL;
}

static const char *field(json_t *ev, const char *name)
{
	assert_non_null(ev);
	return json_string_value(json_object_get(ev, name));
}

static const char *utc(int64_t t)
{
	static char s[4][32];
	static int k;
	k = (k + 1) % 4;
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(s[k], sizeof s[k], "%Y%m%dT%H%M%SZ", &tm);
	return s[k];
}

static void assert_event_count(json_t *j, size_t n)
{
	assert_int_equal(json_array_size(json_object_get(j, "events")), n);
}

static void test_arena_feed_calendar_properties(void **state)
{
	(void)state;
	char path[64];
	snprintf(path, sizeof path, "/arenas/%lld/calendar.ics", (long long)fx.arena);
	json_t *j = feed(path);
	assert_string_equal(cal(j, "VERSION"), "2.0");
	assert_string_equal(cal(j, "CALSCALE"), "GREGORIAN");
	assert_string_equal(cal(j, "METHOD"), "PUBLISH");
	assert_string_equal(cal(j, "X-WR-CALNAME"), arena_title);
	assert_string_equal(cal(j, "X-WR-TIMEZONE"), "Europe/Copenhagen");
	assert_contains(cal(j, "PRODID"), "samskab");
	/* Every activity of the arena, past and coming; none of the other. */
	assert_event_count(j, 6);
	assert_null(event(j, fx.elsewhere));
	json_decref(j);
}

static void test_times_are_utc_across_daylight_saving_changes(void **state)
{
	(void)state;
	char path[64];
	snprintf(path, sizeof path, "/arenas/%lld/calendar.ics", (long long)fx.arena);
	json_t *j = feed(path);
	/* 02:30 CEST (the first of the two) to 03:30 CET: two hours. */
	json_t *ev = event(j, fx.dst_autumn);
	assert_string_equal(field(ev, "dtstart"), "20261025T003000Z");
	assert_string_equal(field(ev, "dtend"), "20261025T023000Z");
	/* 01:30 CET to 03:30 CEST: one hour. */
	ev = event(j, fx.dst_spring);
	assert_string_equal(field(ev, "dtstart"), "20270328T003000Z");
	assert_string_equal(field(ev, "dtend"), "20270328T013000Z");
	ev = event(j, fx.tricky);
	assert_string_equal(field(ev, "dtstart"), utc(fx.soon));
	assert_string_equal(field(ev, "dtend"), utc(fx.soon + 7200));
	assert_true(strncmp(field(ev, "dtstamp"), "20", 2) == 0);
	json_decref(j);
}

static void test_texts_survive_escaping_and_folding(void **state)
{
	(void)state;
	char path[64], want[8192], url[128];
	snprintf(path, sizeof path, "/arenas/%lld/calendar.ics", (long long)fx.arena);
	json_t *j = feed(path);
	json_t *ev = event(j, fx.tricky);
	assert_string_equal(field(ev, "summary"), tricky_title);
	assert_string_equal(field(ev, "location"), tricky_place);
	/* Kind and arena, the description (CRLF read as one line break),
	 * and the online link, as a place was given too. */
	char *desc = strdup(fx.tricky_description);
	char *crlf;
	while ((crlf = strstr(desc, "\r\n")) != NULL)
		memmove(crlf, crlf + 1, strlen(crlf));
	snprintf(want, sizeof want, "Workshop · %s\n\n%s\n\nOnline: https://meet.example.dk/a?b=1,2",
		 arena_title, desc);
	free(desc);
	assert_string_equal(field(ev, "description"), want);
	snprintf(url, sizeof url, BASE "/arenas/%lld/activities/%lld", (long long)fx.arena,
		 (long long)fx.tricky);
	assert_string_equal(field(ev, "url"), url);
	assert_string_equal(field(ev, "status"), "CONFIRMED");
	assert_int_equal(json_integer_value(json_object_get(ev, "sequence")), 0);
	assert_string_equal(json_string_value(json_array_get(json_object_get(ev, "categories"), 0)),
			    "Workshop");

	/* Online only: the link is the location. */
	ev = event(j, fx.online);
	assert_string_equal(field(ev, "location"), "https://meet.example.dk/x?y=1;z=2");
	snprintf(want, sizeof want, "Interview · %s", arena_title);
	assert_string_equal(field(ev, "description"), want);
	json_decref(j);
}

static void test_cancelled_activity_is_marked_with_a_new_sequence(void **state)
{
	(void)state;
	char path[64];
	snprintf(path, sizeof path, "/arenas/%lld/calendar.ics", (long long)fx.arena);
	json_t *j = feed(path);
	json_t *ev = event(j, fx.cancelled);
	assert_string_equal(field(ev, "status"), "CANCELLED");
	assert_string_equal(field(ev, "summary"), "Aflyst: Workshop to");
	assert_int_equal(json_integer_value(json_object_get(ev, "sequence")), 1);
	json_decref(j);
}

static void test_area_feed_has_the_activities_of_its_arenas(void **state)
{
	(void)state;
	char path[64];
	snprintf(path, sizeof path, "/areas/%lld/calendar.ics", (long long)fx.aarup);
	json_t *j = feed(path);
	assert_string_equal(cal(j, "X-WR-CALNAME"), "Aarup · Aktiviteter");
	assert_event_count(j, 6);
	assert_non_null(event(j, fx.dst_autumn));
	assert_null(event(j, fx.elsewhere));
	json_decref(j);

	snprintf(path, sizeof path, "/areas/%lld/calendar.ics", (long long)fx.haarby);
	j = feed(path);
	assert_event_count(j, 1);
	assert_string_equal(field(event(j, fx.elsewhere), "summary"), "Kaffe i Haarby");
	assert_string_equal(field(event(j, fx.elsewhere), "location"), "Haarby Kro");
	json_decref(j);
}

static void test_area_page_links_its_feed(void **state)
{
	(void)state;
	char path[64], link[160];
	snprintf(path, sizeof path, "/areas/%lld", (long long)fx.aarup);
	snprintf(link, sizeof link, "<link rel=\"alternate\" type=\"text/calendar\" href=\"/areas/%lld/calendar.ics\"",
		 (long long)fx.aarup);
	struct http_resp r;
	http_get(&srv, path, &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, link);
	http_resp_free(&r);
}

static void test_unknown_arena_or_area_is_404(void **state)
{
	(void)state;
	const char *paths[] = { "/arenas/999999/calendar.ics", "/areas/999999/calendar.ics" };
	for (size_t i = 0; i < 2; i++) {
		struct http_resp r;
		http_get(&srv, paths[i], &r);
		assert_int_equal(r.status, 404);
		http_resp_free(&r);
	}
}

/* Signs in (the session made in setup), makes the calendar address with
 * POST /me/calendar and returns the feed's path from the page. */
static void make_address(const char *sid, char *path, size_t n)
{
	struct test_client c = { .cookies = "" };
	snprintf(c.cookies, sizeof c.cookies, "sid=%s", sid);
	struct http_resp r;
	client_get(&srv, &c, "/signup", &r); /* a page with a form: the CSRF token */
	http_resp_free(&r);
	client_post(&srv, &c, "/me/calendar", "", &r);
	assert_int_equal(r.status, 200);
	char *cache = http_header(&r, "Cache-Control");
	assert_string_equal(cache, "no-store");
	free(cache);
	const char *at = strstr(r.body, BASE "/me/calendar.ics?token=");
	assert_non_null(at);
	at += strlen(BASE);
	snprintf(path, n, "%.*s", (int)(strlen("/me/calendar.ics?token=") + SECRET_TOKEN_LEN), at);
	assert_true(secret_token_valid(path + strlen("/me/calendar.ics?token=")));
	http_resp_free(&r);
}

static void test_personal_feed_shows_only_ones_own_with_ones_place(void **state)
{
	(void)state;
	char anna[128], bo[128];
	make_address(fx.anna_sid, anna, sizeof anna);
	make_address(fx.bo_sid, bo, sizeof bo);

	json_t *j = feed(anna);
	assert_string_equal(cal(j, "X-WR-CALNAME"), "samskab · Mine aktiviteter");
	assert_event_count(j, 3);
	char want[8192];
	snprintf(want, sizeof want, "Du har en plads.\n\nWorkshop · %s\n\n", arena_title);
	assert_true(strncmp(field(event(j, fx.tricky), "description"), want, strlen(want)) == 0);
	snprintf(want, sizeof want, "Du er på ventelisten.\n\nWorkshop · %s", arena_title);
	assert_string_equal(field(event(j, fx.full), "description"), want);
	assert_string_equal(field(event(j, fx.cancelled), "status"), "CANCELLED");
	assert_null(event(j, fx.elsewhere));
	json_decref(j);

	/* Bo's, in his language. */
	j = feed(bo);
	assert_string_equal(cal(j, "X-WR-CALNAME"), "samskab · My activities");
	assert_event_count(j, 2);
	snprintf(want, sizeof want, "You have a place.\n\nWorkshop · %s", arena_title);
	assert_string_equal(field(event(j, fx.full), "description"), want);
	assert_string_equal(field(event(j, fx.elsewhere), "description"),
			    "You have a place.\n\nMeeting · Ensomme ældre");
	assert_null(event(j, fx.tricky));
	json_decref(j);

	struct http_resp r;
	http_get(&srv, anna, &r);
	char *cache = http_header(&r, "Cache-Control");
	assert_string_equal(cache, "private, no-store");
	free(cache);
	http_resp_free(&r);
}

static void test_wrong_or_renewed_token_is_404(void **state)
{
	(void)state;
	char old[128], renewed[128], other[SECRET_TOKEN_LEN + 1], path[128];
	make_address(fx.anna_sid, old, sizeof old);
	make_address(fx.anna_sid, renewed, sizeof renewed);
	assert_string_not_equal(old, renewed);
	secret_token(other);
	snprintf(path, sizeof path, "/me/calendar.ics?token=%s", other);
	const char *paths[] = { old, path, "/me/calendar.ics", "/me/calendar.ics?token=",
				"/me/calendar.ics?token=%27%20OR%201=1--" };
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		struct http_resp r;
		http_get(&srv, paths[i], &r);
		if (r.status != 404)
			fail_msg("GET %s: %ld", paths[i], r.status);
		http_resp_free(&r);
	}
	json_t *j = feed(renewed);
	assert_event_count(j, 3);
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_arena_feed_calendar_properties),
		TEST_CASE(test_times_are_utc_across_daylight_saving_changes),
		TEST_CASE(test_texts_survive_escaping_and_folding),
		TEST_CASE(test_cancelled_activity_is_marked_with_a_new_sequence),
		TEST_CASE(test_area_feed_has_the_activities_of_its_arenas),
		TEST_CASE(test_area_page_links_its_feed),
		TEST_CASE(test_unknown_arena_or_area_is_404),
		TEST_CASE(test_personal_feed_shows_only_ones_own_with_ones_place),
		TEST_CASE(test_wrong_or_renewed_token_is_404),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
