/*
 * stories_test.c: stories through the real server. A facilitator writes
 * one for their arena; it shows in the list, on its own page, in the Atom
 * feed (read by feedparser, a parser that is not ours: feeds.py) and in
 * the API (read with jansson). Bad input is refused beside the fields with
 * nothing saved; a story of someone else's arena cannot be edited; unknown
 * ids are 404; the licence is the installation's to choose.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/secret.h"
#include "core/tz.h"
#include "model/arena.h"
#include "store/store.h"
#include "support/support.h"

#define BASE "https://samskab.example.dk"
#define PASSWORD "story-password-1"
#define FEEDS_PY "/usr/bin/python3 tests/integration/feeds.py"

static struct test_server srv;
static int64_t arena_fie, arena_ole; /* each facilitated by one of them */
static char story_path[64];          /* the first story, "/stories/N" */

static const char *const server_args[] = { "--rate-factor", "100", "--base-url", BASE, NULL };

static void add_user(const char *email, const char *name)
{
	const char *add[] = { "user", "add", email, name, "--db", srv.db, NULL };
	assert_int_equal(test_run(add, NULL, NULL), 0);
}

/* An arena made through the model; its creator becomes its facilitator. */
static int64_t make_arena(struct store *db, const char *title, const char *email)
{
	char query[160];
	snprintf(query, sizeof query, "SELECT id FROM account WHERE email = '%s'", email);
	struct store_sql q = STORE_SQL(query);
	struct store_stmt *st = store_prepare(db, &q);
	assert_int_equal(store_step(st), STORE_ROW);
	int64_t creator = store_col_int(st, 0);
	store_reset(st);
	struct arena a = { .title = title, .theme_id = 1, .description = "", .lang = "da" };
	const int64_t areas[] = { 1 };
	struct field_errors errs = { .n = 0 };
	int64_t id;
	assert_int_equal(store_begin(db), STORE_OK);
	assert_int_equal(arena_create(db, &a, areas, 1, creator, "test", &id, &errs), MODEL_OK);
	assert_int_equal(store_commit(db), STORE_OK);
	return id;
}

static int setup(void **state)
{
	(void)state;
	char err[256];
	test_db_create(&srv, 1);
	setenv("SAMSKAB_PASSWORD", PASSWORD, 1);
	add_user("fie@example.dk", "Fie Facilitator");
	add_user("ole@example.dk", "Ole Facilitator");
	add_user("bo@example.dk", "Bo Borger");
	unsetenv("SAMSKAB_PASSWORD");
	assert_int_equal(i18n_init(err, sizeof err), 0);
	assert_int_equal(secret_init(), 0);
	struct store *db = store_open(srv.db, NULL, err, sizeof err);
	assert_non_null(db);
	arena_fie = make_arena(db, "Integration på Vestfyn", "fie@example.dk");
	arena_ole = make_arena(db, "Nye naboer i Brylle", "ole@example.dk");
	store_close(db);
	test_server_start(&srv, server_args);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_server_stop(&srv);
	test_db_drop(&srv);
	return 0;
}

static void sign_in(struct test_client *c, const char *email)
{
	struct http_resp r;
	client_get(&srv, c, "/login", &r);
	http_resp_free(&r);
	char form[160];
	snprintf(form, sizeof form, "email=%s&password=" PASSWORD, email);
	client_post(&srv, c, "/login", form, &r);
	if (r.status != 303)
		fail_msg("sign in %s: %ld\n%s", email, r.status, r.body);
	http_resp_free(&r);
}

/* GET as c (NULL: anonymous); asserts the status; the caller frees. */
static void get(struct test_client *c, const char *path, long status, struct http_resp *r)
{
	if (c)
		client_get(&srv, c, path, r);
	else
		http_get(&srv, path, r);
	if (r->status != status)
		fail_msg("GET %s: %ld, expected %ld\n%s", path, r->status, status, r->body);
}

/* Signs c in as email and opens the new-story form of an arena (which
 * also gives c the CSRF token); path is set to the form's. */
static void open_form(struct test_client *c, const char *email, int64_t arena, char *path, size_t n,
		      struct http_resp *r)
{
	sign_in(c, email);
	snprintf(path, n, "/arenas/%lld/stories/new", (long long)arena);
	get(c, path, 200, r);
}

static json_t *parse_json(const char *text)
{
	json_error_t err;
	json_t *j = json_loads(text, JSON_REJECT_DUPLICATES, &err);
	if (j == NULL)
		fail_msg("not JSON (%s): %s", err.text, text);
	return j;
}

static json_t *get_json(const char *path)
{
	struct http_resp r;
	get(NULL, path, 200, &r);
	char *type = http_header(&r, "Content-Type");
	assert_string_equal(type, "application/json; charset=utf-8");
	free(type);
	json_t *j = parse_json(r.body);
	http_resp_free(&r);
	return j;
}

static int64_t story_count(void)
{
	json_t *j = get_json("/api/v1/stories");
	int64_t n = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	return n;
}

/* The feed as feedparser read it (see feeds.py). */
static json_t *parsed_feed(void)
{
	struct http_resp r;
	get(NULL, "/stories.atom", 200, &r);
	char *type = http_header(&r, "Content-Type");
	assert_string_equal(type, "application/atom+xml; charset=utf-8");
	free(type);
	char path[] = "/tmp/samskab-feed-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fwrite(r.body, 1, r.len, f);
	fclose(f);
	http_resp_free(&r);
	char cmd[256];
	snprintf(cmd, sizeof cmd, FEEDS_PY " < %s", path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char out[1 << 16];
	size_t n = fread(out, 1, sizeof out - 1, p);
	out[n] = '\0';
	assert_int_equal(pclose(p), 0);
	unlink(path);
	json_t *j = parse_json(out);
	if (json_is_true(json_object_get(j, "bozo")))
		fail_msg("feedparser: not well-formed: %s", json_string_value(json_object_get(j, "bozo_exception")));
	return j;
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "(none)";
}

/* The feed's entry for a story ("/stories/N"); fails if there is none. */
static json_t *feed_entry(json_t *feed, const char *path)
{
	char id[160];
	snprintf(id, sizeof id, BASE "%s", path);
	json_t *e;
	size_t i;
	json_array_foreach(json_object_get(feed, "entries"), i, e)
	{
		if (strcmp(str(e, "id"), id) == 0)
			return e;
	}
	fail_msg("no entry %s in the feed", id);
	return NULL;
}

static void test_facilitator_writes_a_story(void **state)
{
	(void)state;
	struct test_client fie = { 0 };
	struct http_resp r;
	char path[96], today[16];
	int64_t before = story_count();
	open_form(&fie, "fie@example.dk", arena_fie, path, sizeof path, &r);
	struct tz_local l;
	tz_from_utc(time(NULL), &l);
	snprintf(today, sizeof today, "%04d-%02d-%02d", l.year, l.month, l.day);
	assert_contains(r.body, ">Integration på Vestfyn</a>");
	assert_contains(r.body, "type=\"date\"");
	assert_contains(r.body, today);
	assert_contains(r.body, "value=\"CC BY 4.0\"");
	assert_contains(r.body, "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/stories.atom\"");
	http_resp_free(&r);

	client_post(&srv, &fie, path,
		    "title=Hvad+vi+l%C3%A6rte+af+%3Carenaen%3E&area=1&published_on=2016-06-18"
		    "&licence=CC+BY+4.0&body=Vi+var+**18+organisationer**+p%C3%A5+Folkem%C3%B8det."
		    "%0A%0A%23%23+N%C3%A6ste+skridt%0A%0AAt+g%C3%B8re+det+lokalt.",
		    &r);
	assert_int_equal(r.status, 303);
	char *loc = http_header(&r, "Location");
	assert_non_null(strstr(loc, "/stories/"));
	assert_non_null(strstr(loc, "?done=story-published"));
	snprintf(story_path, sizeof story_path, "%.*s", (int)(strchr(loc, '?') - loc), loc);
	http_resp_free(&r);

	/* Its page: everything a reader needs to reuse it. */
	get(NULL, loc, 200, &r);
	free(loc);
	assert_contains(r.body, "Historien er udgivet.");
	assert_contains(r.body, "<h1>Hvad vi lærte af &lt;arenaen&gt;</h1>");
	assert_contains(r.body, "<time datetime=\"2016-06-18\">18. juni 2016</time>");
	assert_contains(r.body, "<dd>Fie Facilitator</dd>");
	char link[96];
	snprintf(link, sizeof link, "<a href=\"/arenas/%lld\">Integration på Vestfyn</a>", (long long)arena_fie);
	assert_contains(r.body, link);
	assert_contains(r.body, "<a href=\"/areas/1\">Assens</a>");
	assert_contains(r.body, "<strong>18 organisationer</strong>");
	assert_contains(r.body, "<a rel=\"license\" href=\"https://creativecommons.org/licenses/by/4.0/\">CC BY 4.0</a>");
	assert_contains(r.body, "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/stories.atom\"");
	assert_contains(r.body, "<a href=\"/stories.atom\" type=\"application/atom+xml\">");
	assert_not_contains(r.body, "/edit\">"); /* a visitor may not edit */
	http_resp_free(&r);
	get(&fie, story_path, 200, &r);
	assert_contains(r.body, "/edit\">Ret historien</a>");
	http_resp_free(&r);

	/* The list: the title, the arena and the first paragraph only. */
	get(NULL, "/stories", 200, &r);
	char count[48];
	snprintf(count, sizeof count, "Antal historier: %lld", (long long)before + 1);
	assert_contains(r.body, count);
	assert_contains(r.body, ">Hvad vi lærte af &lt;arenaen&gt;</a></h2>");
	assert_contains(r.body, "<p>Vi var 18 organisationer på Folkemødet.</p>");
	assert_not_contains(r.body, "Næste skridt");
	assert_contains(r.body, link);
	assert_contains(r.body, "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/stories.atom\"");
	http_resp_free(&r);

	/* The feed, as a feed reader sees it. */
	json_t *feed = parsed_feed();
	assert_string_equal(str(feed, "version"), "atom10");
	assert_string_equal(str(feed, "id"), BASE "/stories.atom");
	assert_string_equal(str(feed, "title"), "Historier fra samskab");
	assert_string_equal(str(feed, "rights"), "CC BY 4.0");
	json_t *links = json_object_get(feed, "links");
	assert_string_equal(str(links, "self"), BASE "/stories.atom");
	assert_string_equal(str(links, "alternate"), BASE "/stories");
	assert_string_equal(str(links, "license"), "https://creativecommons.org/licenses/by/4.0/");
	assert_int_equal(json_array_size(json_object_get(feed, "entries")), before + 1);
	json_t *e = feed_entry(feed, story_path);
	assert_string_equal(str(e, "title"), "Hvad vi lærte af <arenaen>");
	snprintf(link, sizeof link, BASE "%s", story_path);
	assert_string_equal(str(e, "id"), link);
	assert_string_equal(str(e, "link"), link);
	/* Midnight in Copenhagen (summer time) is 22:00 UTC the day before. */
	assert_string_equal(str(e, "published"), "2016-06-17T22:00:00Z");
	assert_string_equal(str(e, "updated"), str(feed, "updated")); /* the newest change */
	assert_string_equal(str(e, "author"), "Fie Facilitator");
	assert_string_equal(str(e, "rights"), "CC BY 4.0");
	assert_string_equal(str(e, "content_type"), "text/html");
	assert_contains(str(e, "content"), "<strong>18 organisationer</strong>");
	json_decref(feed);

	/* The API: the same story, whole. */
	snprintf(path, sizeof path, "/api/v1/stories?arena=%lld", (long long)arena_fie);
	json_t *list = get_json(path);
	assert_int_equal(json_integer_value(json_object_get(list, "total")), 1);
	json_t *s = json_array_get(json_object_get(list, "items"), 0);
	assert_string_equal(str(s, "title"), "Hvad vi lærte af <arenaen>");
	assert_string_equal(str(s, "published_on"), "2016-06-18");
	assert_string_equal(str(s, "author"), "Fie Facilitator");
	assert_string_equal(str(s, "licence"), "CC BY 4.0");
	assert_string_equal(str(s, "licence_url"), "https://creativecommons.org/licenses/by/4.0/");
	assert_string_equal(str(s, "url"), story_path);
	assert_string_equal(str(json_object_get(s, "arena"), "name"), "Integration på Vestfyn");
	assert_string_equal(str(json_object_get(s, "area"), "name"), "Assens");
	assert_contains(str(s, "body"), "**18 organisationer**");
	snprintf(path, sizeof path, "/api/v1%s", story_path);
	json_t *one = get_json(path);
	assert_true(json_equal(one, s));
	json_decref(one);
	json_decref(list);
	snprintf(path, sizeof path, "/api/v1/stories?arena=%lld", (long long)arena_ole);
	list = get_json(path);
	assert_int_equal(json_integer_value(json_object_get(list, "total")), 0);
	json_decref(list);
}

static void test_bad_input_is_refused_beside_the_fields(void **state)
{
	(void)state;
	struct test_client fie = { 0 };
	struct http_resp r;
	char path[64];
	open_form(&fie, "fie@example.dk", arena_fie, path, sizeof path, &r);
	http_resp_free(&r);
	int64_t before = story_count();
	client_post(&srv, &fie, path,
		    "title=+&body=Det+vi+skrev&area=999999&published_on=2016-02-30&licence=CC+BY+4.0", &r);
	assert_int_equal(r.status, 400);
	assert_contains(r.body, "<div class=\"error-summary\"");
	assert_contains(r.body, "<p class=\"error\" id=\"title-error\">Skal udfyldes.</p>");
	assert_contains(r.body, "<p class=\"error\" id=\"published_on-error\">Skriv en dato som ÅÅÅÅ-MM-DD.</p>");
	assert_contains(r.body, "<p class=\"error\" id=\"area-error\">Vælg en af mulighederne.</p>");
	assert_contains(r.body, ">Det vi skrev</textarea>"); /* what was typed stays */
	assert_contains(r.body, "value=\"2016-02-30\"");
	http_resp_free(&r);
	/* A malformed area, an empty licence and no body at all. */
	client_post(&srv, &fie, path, "title=En+titel&area=Assens&published_on=2016-06-18&licence=", &r);
	assert_int_equal(r.status, 400);
	assert_contains(r.body, "id=\"area-error\"");
	assert_contains(r.body, "id=\"licence-error\"");
	assert_contains(r.body, "id=\"body-error\"");
	assert_contains(r.body, "value=\"En titel\"");
	http_resp_free(&r);
	assert_int_equal(story_count(), before);
}

static void test_only_the_arenas_facilitators_edit(void **state)
{
	(void)state;
	struct test_client fie = { 0 }, ole = { 0 }, bo = { 0 };
	struct http_resp r;
	char edit[80], path[64];
	snprintf(edit, sizeof edit, "%s/edit", story_path);
	sign_in(&ole, "ole@example.dk");
	sign_in(&bo, "bo@example.dk");
	/* Ole facilitates another arena; Bo none. */
	get(&ole, edit, 403, &r);
	http_resp_free(&r);
	get(&bo, edit, 403, &r);
	http_resp_free(&r);
	get(&ole, "/signup", 200, &r); /* a page with a form: the CSRF token */
	http_resp_free(&r);
	client_post(&srv, &ole, edit, "title=Overtaget&body=x&area=&published_on=2016-06-18&licence=CC+BY+4.0", &r);
	assert_int_equal(r.status, 403);
	http_resp_free(&r);
	snprintf(path, sizeof path, "/arenas/%lld/stories/new", (long long)arena_fie);
	get(&ole, path, 403, &r);
	http_resp_free(&r);
	snprintf(path, sizeof path, "/arenas/%lld/stories/new", (long long)arena_ole);
	get(&ole, path, 200, &r);
	http_resp_free(&r);
	get(NULL, edit, 303, &r); /* a visitor is sent to sign in */
	http_resp_free(&r);
	get(NULL, story_path, 200, &r);
	assert_not_contains(r.body, "Overtaget");
	http_resp_free(&r);

	/* Fie edits her own; the form starts from what is stored. */
	sign_in(&fie, "fie@example.dk");
	get(&fie, edit, 200, &r);
	assert_contains(r.body, "value=\"Hvad vi lærte af &lt;arenaen&gt;\"");
	assert_contains(r.body, "<option value=\"1\" selected>Assens</option>");
	assert_contains(r.body, "value=\"2016-06-18\"");
	http_resp_free(&r);
	client_post(&srv, &fie, edit,
		    "title=Det+vi+l%C3%A6rte&body=Vi+var+mange.&area=&published_on=2016-06-19&licence=CC+BY+4.0", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	get(NULL, story_path, 200, &r);
	assert_contains(r.body, "<h1>Det vi lærte</h1>");
	assert_not_contains(r.body, "<a href=\"/areas/1\">");
	http_resp_free(&r);
	json_t *feed = parsed_feed();
	json_t *e = feed_entry(feed, story_path);
	assert_string_equal(str(e, "title"), "Det vi lærte");
	assert_string_equal(str(e, "published"), "2016-06-18T22:00:00Z");
	json_decref(feed);
}

static void test_unknown_ids_and_bad_queries(void **state)
{
	(void)state;
	struct test_client fie = { 0 };
	struct http_resp r;
	sign_in(&fie, "fie@example.dk");
	get(NULL, "/stories/999999", 404, &r);
	http_resp_free(&r);
	get(&fie, "/stories/999999/edit", 404, &r);
	http_resp_free(&r);
	get(NULL, "/api/v1/stories/999999", 404, &r);
	json_t *j = parse_json(r.body);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "error"), "status")), 404);
	json_decref(j);
	http_resp_free(&r);
	get(NULL, "/api/v1/stories?arena=x", 400, &r);
	http_resp_free(&r);
	get(NULL, "/stories?page=0", 400, &r);
	http_resp_free(&r);
	/* A facilitator of one arena is not one of an arena that does not
	 * exist: the guard refuses before the handler could say 404. */
	get(&fie, "/arenas/999999/stories/new", 403, &r);
	http_resp_free(&r);
}

/* Newest first by date, in pages that link the next one. */
static void test_api_pages_newest_first(void **state)
{
	(void)state;
	struct test_client ole = { 0 };
	struct http_resp r;
	char path[64], form[160];
	int64_t before = story_count();
	open_form(&ole, "ole@example.dk", arena_ole, path, sizeof path, &r);
	http_resp_free(&r);
	for (int i = 1; i <= 4; i++) {
		snprintf(form, sizeof form, "title=Historie+%d&body=Tekst+%d&area=5&published_on=2030-0%d-01"
			 "&licence=CC0+1.0", i, i, i);
		client_post(&srv, &ole, path, form, &r);
		assert_int_equal(r.status, 303);
		http_resp_free(&r);
	}
	const char *newest[] = { "Historie 4", "Historie 3", "Historie 2", "Historie 1" };
	int64_t total = before + 4, seen = 0;
	char next[256] = "/api/v1/stories?per_page=2", last_date[16] = "9999-12-31";
	while (next[0]) {
		json_t *j = get_json(next);
		assert_int_equal(json_integer_value(json_object_get(j, "total")), total);
		json_t *items = json_object_get(j, "items"), *s;
		size_t i;
		json_array_foreach(items, i, s)
		{
			assert_true(seen < total);
			if (seen < 4)
				assert_string_equal(str(s, "title"), newest[seen]);
			assert_true(strcmp(str(s, "published_on"), last_date) <= 0);
			snprintf(last_date, sizeof last_date, "%s", str(s, "published_on"));
			seen++;
		}
		json_t *n = json_object_get(j, "next");
		snprintf(next, sizeof next, "%s", json_is_string(n) ? json_string_value(n) : "");
		json_decref(j);
	}
	assert_int_equal(seen, total);
	json_t *j = get_json("/api/v1/stories?per_page=1");
	json_t *s = json_array_get(json_object_get(j, "items"), 0);
	assert_string_equal(str(s, "licence_url"), "https://creativecommons.org/publicdomain/zero/1.0/");
	assert_string_equal(str(json_object_get(s, "area"), "name"), "Haarby");
	json_decref(j);
	json_t *feed = parsed_feed();
	assert_int_equal(json_array_size(json_object_get(feed, "entries")), total);
	json_t *e = json_array_get(json_object_get(feed, "entries"), 0);
	assert_string_equal(str(e, "title"), "Historie 4");
	assert_string_equal(str(e, "rights"), "CC0 1.0");
	json_decref(feed);
}

/* --licence sets the default of new stories and the feed's rights;
 * stories keep the licence they were published under. */
static void test_licence_is_configurable(void **state)
{
	(void)state;
	char *err = NULL;
	const char *empty[] = { "serve", "--db", srv.db, "--licence", "", NULL };
	assert_int_equal(test_run(empty, NULL, &err), 2);
	assert_contains(err, "--licence");
	free(err);
	test_server_stop(&srv);
	const char *args[] = { "--rate-factor", "100", "--base-url", BASE, "--licence", "CC BY-SA 4.0", NULL };
	test_server_start(&srv, args);
	struct test_client fie = { 0 };
	struct http_resp r;
	char path[64];
	open_form(&fie, "fie@example.dk", arena_fie, path, sizeof path, &r);
	assert_contains(r.body, "value=\"CC BY-SA 4.0\"");
	http_resp_free(&r);
	json_t *feed = parsed_feed();
	assert_string_equal(str(feed, "rights"), "CC BY-SA 4.0");
	assert_string_equal(str(json_object_get(feed, "links"), "license"),
			    "https://creativecommons.org/licenses/by-sa/4.0/");
	assert_string_equal(str(feed_entry(feed, story_path), "rights"), "CC BY 4.0");
	json_decref(feed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_facilitator_writes_a_story),
		TEST_CASE(test_bad_input_is_refused_beside_the_fields),
		TEST_CASE(test_only_the_arenas_facilitators_edit),
		TEST_CASE(test_unknown_ids_and_bad_queries),
		TEST_CASE(test_api_pages_newest_first),
		TEST_CASE(test_licence_is_configurable),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
