/*
 * guides_test.c: the guide programme through the real server, on SQLite
 * and PostgreSQL: an administrator opens a programme and makes a
 * coordinator; a guide and a newcomer sign up, a coordinator registers a
 * young newcomer by phone; the coordinator runs the matching, reads the
 * reasons, sends; the guide answers by the mailed link and sees only the
 * newcomer's first name, languages, interests and area; the newcomer
 * answers on /me; both see each other's contact details only then; the
 * first meeting schedules follow-ups. Every bad input is refused with a
 * clear message and nothing stored: 0 or 99 places, an unknown language
 * code, a newcomer without consent, two coordinators re-running at once
 * (one wins, the other is told, nothing half-saved). Who may see what:
 * a guide or an administrator gets 403 on newcomers' data, and every read
 * of it is in the audit log, readable on /admin/audit. The jobs remind
 * the coordinators of follow-ups and delete newcomers' data after the
 * retention time.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"
#include "support/support.h"

static struct test_server srv;
static struct test_client admin, karin, berit, guide, newcomer, other;

#define PASSWORD "guide-programme-1"

static void add_user(const char *email, const char *name, const char *role)
{
	const char *add[] = { "user", "add", email, name, "--db", srv.db, "--log-level", "warn", NULL };
	assert_int_equal(test_run(add, NULL, NULL), 0);
	if (role) {
		const char *grant[] = { "user", "grant", email, role, "--db", srv.db, "--log-level", "warn", NULL };
		assert_int_equal(test_run(grant, NULL, NULL), 0);
	}
}

/* A text value from the server's database (malloc'd), or NULL. */
static char *sql_text(const char *query)
{
	char err[256];
	struct store *db = store_open(srv.db, NULL, err, sizeof err);
	if (db == NULL)
		fail_msg("%s", err);
	struct store_sql q = STORE_SQL(query);
	struct store_stmt *st = store_prepare(db, &q);
	char *out = NULL;
	if (st && store_step(st) == STORE_ROW && store_col_text(st, 0))
		out = strdup(store_col_text(st, 0));
	if (st)
		store_reset(st);
	store_close(db);
	return out;
}

/* The round's revision on the page. */
static long revision_on(const char *body)
{
	const char *p = strstr(body, "name=\"revision\" value=\"");
	if (p == NULL)
		fail_msg("no revision on the page:\n%s", body);
	return strtol(p + strlen("name=\"revision\" value=\""), NULL, 10);
}

static long round_revision(struct test_client *c)
{
	struct http_resp r;
	client_get(&srv, c, "/programmes/1/round", &r);
	assert_int_equal(r.status, 200);
	long rev = revision_on(r.body);
	http_resp_free(&r);
	return rev;
}

static long post(struct test_client *c, const char *path, const char *form, const char *expect_text)
{
	struct http_resp r;
	client_post(&srv, c, path, form, &r);
	long status = r.status;
	if (expect_text)
		assert_contains(r.body, expect_text);
	http_resp_free(&r);
	return status;
}

static const char guide_form[] = "organisation=&area=1&reach=15&languages=da&languages=ar&"
				 "interests=football&interests=cooking&times=evenings&times=weekends&"
				 "capacity=%s&gender=woman&phone=%%2B45+20+30+40+50&note=";

static int setup(void **state)
{
	(void)state;
	const char *extra[] = { "--rate-factor", "100", "--jobs-interval", "50", NULL };
	test_db_create(&srv, 0);
	/* Aarup and Assens, 14 km apart, and Haarby with no centre given. */
	test_sql(&srv, "INSERT INTO area (name, name_key, lat, lon, created_at, updated_at) VALUES "
		       "('Aarup', 'aarup', 55379000, 10044000, 1, 1), "
		       "('Assens', 'assens', 55269700, 9900300, 1, 1), "
		       "('Haarby', 'haarby', NULL, NULL, 1, 1)");
	setenv("SAMSKAB_PASSWORD", PASSWORD, 1);
	add_user("anna@example.dk", "Anna Admin", "admin");
	add_user("karin@example.dk", "Karin Koordinator", NULL);
	add_user("berit@example.dk", "Berit Koordinator", "coordinator");
	add_user("mette@example.dk", "Mette Jensen", NULL);
	add_user("amina@example.dk", "Amina Haddad", NULL);
	add_user("ole@example.dk", "Ole Olsen", NULL);
	unsetenv("SAMSKAB_PASSWORD");
	test_server_start(&srv, extra);
	test_sign_in(&srv, &admin, "anna@example.dk", PASSWORD, 303);
	test_sign_in(&srv, &karin, "karin@example.dk", PASSWORD, 303);
	test_sign_in(&srv, &berit, "berit@example.dk", PASSWORD, 303);
	test_sign_in(&srv, &guide, "mette@example.dk", PASSWORD, 303);
	test_sign_in(&srv, &newcomer, "amina@example.dk", PASSWORD, 303);
	test_sign_in(&srv, &other, "ole@example.dk", PASSWORD, 303);
	/* A page with a form gives each the session's CSRF token. */
	struct test_client *all[] = { &admin, &karin, &berit, &guide, &newcomer, &other };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		struct http_resp r;
		client_get(&srv, all[i], "/me", &r);
		assert_int_equal(r.status, 200);
		http_resp_free(&r);
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_server_stop(&srv);
	test_db_drop(&srv);
	return 0;
}

/* Runs first: the programme, its coordinator, and every refused input. */
static void test_programme_and_refused_sign_ups(void **state)
{
	(void)state;
	assert_int_equal(post(&admin, "/programmes/new", "name=&weight_interest=10&weight_near=3&weight_wait=2",
			      "Skal udfyldes"),
			 400);
	assert_int_equal(post(&admin, "/programmes/new",
			      "name=Vejvisere+i+Assens&description=Kollegaer+viser+vej.&weight_interest=10&"
			      "weight_near=3&weight_wait=5000",
			      "Skriv en vægt fra 0 til 1.000"),
			 400);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM programme"), 0);
	assert_int_equal(post(&admin, "/programmes/new",
			      "name=Vejvisere+i+Assens&description=Kollegaer+viser+vej.&weight_interest=10&"
			      "weight_near=3&weight_wait=2",
			      NULL),
			 303);
	/* An administrator is not a coordinator: newcomers' data stays closed
	 * until someone is made one (in the audit log). */
	struct http_resp r;
	client_get(&srv, &admin, "/programmes/1/round", &r);
	assert_int_equal(r.status, 403);
	http_resp_free(&r);
	assert_int_equal(post(&admin, "/admin/roles", "email=karin%40example.dk&role=coordinator&scope=programme%3A1",
			      NULL),
			 303);
	client_get(&srv, &karin, "/programmes/1/round", &r);
	assert_int_equal(r.status, 200);
	http_resp_free(&r);

	/* A guide with 0 or 99 places, or an unknown language: refused with
	 * a message, nothing stored. */
	char form[600];
	snprintf(form, sizeof form, guide_form, "0");
	assert_int_equal(post(&guide, "/programmes/1/guide", form, "Vælg 1, 2 eller 3 personer."), 400);
	snprintf(form, sizeof form, guide_form, "99");
	assert_int_equal(post(&guide, "/programmes/1/guide", form, "Vælg 1, 2 eller 3 personer."), 400);
	snprintf(form, sizeof form, guide_form, "2");
	char *bad = strdup(form);
	char *lang = strstr(bad, "languages=ar");
	memcpy(lang, "languages=xx", 12);
	assert_int_equal(post(&guide, "/programmes/1/guide", bad, "Sproget findes ikke: xx"), 400);
	free(bad);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM guide"), 0);

	/* A newcomer without consent: refused, nothing stored or logged. */
	static const char newcomer_form[] =
		"first_name=Amina&last_name=Haddad&phone=&born=1990-05-01&target_group=refugee&"
		"area=1&languages=ar&languages=en&interests=football&times=evenings&gender=woman&"
		"needs=Tolk+ved+f%C3%B8rste+m%C3%B8de";
	assert_int_equal(post(&newcomer, "/programmes/1/newcomer", newcomer_form,
			      "Der skal være givet samtykke"),
			 400);
	snprintf(form, sizeof form, "%s&consent=1&languages=zz", newcomer_form);
	assert_int_equal(post(&newcomer, "/programmes/1/newcomer", form, "Sproget findes ikke: zz"), 400);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM newcomer"), 0);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM audit_log WHERE action = 'newcomer.create'"), 0);
	/* A coordinator's registration without saying how consent was given. */
	assert_int_equal(post(&karin, "/programmes/1/newcomers/new",
			      "first_name=Filmon&born=2010-02-02&target_group=young&area=1&languages=ti&"
			      "times=weekends&consent=1",
			      "Vælg en af mulighederne."),
			 400);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM newcomer"), 0);
}

/* The next case relies on this one's people. */
static void test_round_from_sign_up_to_accepted(void **state)
{
	(void)state;
	char form[700];
	snprintf(form, sizeof form, guide_form, "2");
	assert_int_equal(post(&guide, "/programmes/1/guide", form, NULL), 303);
	assert_int_equal(post(&newcomer, "/programmes/1/newcomer",
			      "first_name=Amina&last_name=Haddad&born=1990-05-01&target_group=refugee&"
			      "area=1&languages=ar&languages=en&interests=football&times=evenings&"
			      "gender=woman&needs=Tolk+ved+f%C3%B8rste+m%C3%B8de&consent=1",
			      NULL),
			 303);
	/* A 15-year-old, registered by phone: Mette's record is unchecked. */
	assert_int_equal(post(&karin, "/programmes/1/newcomers/new",
			      "first_name=Filmon&last_name=Kidane&phone=%2B45+11+22+33+44&born=2011-02-02&"
			      "target_group=young&area=2&languages=ti&languages=da&times=weekends&"
			      "consent_how=phone&consent=1",
			      NULL),
			 303);
	/* And one in Haarby, whose centre is not known: out of everyone's reach. */
	assert_int_equal(post(&karin, "/programmes/1/newcomers/new",
			      "first_name=Yonas&born=1998-06-30&target_group=refugee&area=3&languages=ti&"
			      "times=evenings&consent_how=in_person&consent=1",
			      NULL),
			 303);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM newcomer WHERE consent_how = 'phone' AND "
					    "consent_by IS NOT NULL"),
			 1);

	long rev = round_revision(&karin);
	char run[64];
	snprintf(run, sizeof run, "revision=%ld", rev);
	assert_int_equal(post(&karin, "/programmes/1/round/run", run, NULL), 303);
	struct http_resp r;
	client_get(&srv, &karin, "/programmes/1/round", &r);
	assert_int_equal(r.status, 200);
	/* Amina and Mette, with the reasons in words. */
	assert_contains(r.body, "Mette Jensen");
	assert_contains(r.body, "begge taler arabisk;");
	assert_contains(r.body, "begge kan lide fodbold");
	assert_contains(r.body, "samme lokalområde");
	/* Filmon: under 18, and Mette's record is not checked (her Danish
	 * and weekends fit); Yonas: nobody reaches Haarby. */
	assert_contains(r.body, "Personen er under 18.");
	assert_contains(r.body, "Ingen vejviser når til Haarby.");
	rev = revision_on(r.body);
	http_resp_free(&r);

	/* Stale: the page before the run is refused, nothing sent. */
	snprintf(run, sizeof run, "revision=%ld", rev - 1);
	assert_int_equal(post(&karin, "/programmes/1/round/send", run, "En anden koordinator har ændret"), 409);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM guide_match WHERE status = 'proposed'"), 0);

	snprintf(run, sizeof run, "revision=%ld", rev);
	assert_int_equal(post(&karin, "/programmes/1/round/send", run, NULL), 303);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM guide_match WHERE status = 'proposed'"), 1);

	/* The guide's mail: first name, languages, interests, area; a link. */
	char *mail = sql_text("SELECT body FROM outbox WHERE recipient = 'mette@example.dk' ORDER BY id DESC");
	assert_non_null(mail);
	assert_contains(mail, "Amina");
	assert_contains(mail, "Sprog: engelsk og arabisk");
	assert_not_contains(mail, "Haddad");
	assert_not_contains(mail, "amina@example.dk");
	char *link = strstr(mail, "/matches/");
	assert_non_null(link);
	link[strcspn(link, "\n")] = '\0';
	char *guide_path = strdup(link);
	free(mail);

	/* Anyone with the link: what a guide may see, and no more. */
	struct test_client stranger = { 0 };
	client_get(&srv, &stranger, guide_path, &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Amina");
	assert_contains(r.body, "engelsk og arabisk");
	assert_not_contains(r.body, "Haddad");
	assert_not_contains(r.body, "amina@example.dk");
	assert_not_contains(r.body, "Tolk");
	http_resp_free(&r);
	const char *t = strstr(guide_path, "t=") + 2;
	char answer[200];
	snprintf(answer, sizeof answer, "t=%s&answer=yes", t);
	char action[64];
	snprintf(action, sizeof action, "%.*s", (int)(strchr(guide_path, '?') - guide_path), guide_path);
	assert_int_equal(post(&stranger, action, answer, NULL), 303);
	/* Twice: refused. */
	assert_int_equal(post(&stranger, action, answer, "allerede besvaret"), 409);
	/* A made-up link opens nothing. */
	char forged[200];
	snprintf(forged, sizeof forged, "%s?t=%s", action, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
	client_get(&srv, &stranger, forged, &r);
	assert_int_equal(r.status, 404);
	http_resp_free(&r);

	/* The newcomer answers on /me: the guide's first name, not more. */
	client_get(&srv, &newcomer, "/me", &r);
	assert_contains(r.body, "Mette");
	assert_not_contains(r.body, "Jensen");
	assert_not_contains(r.body, "mette@example.dk");
	http_resp_free(&r);
	char respond[64];
	snprintf(respond, sizeof respond, "/matches/%lld/respond",
		 (long long)test_sql_int(&srv, "SELECT id FROM guide_match WHERE status = 'proposed'"));
	assert_int_equal(post(&other, respond, "answer=yes", NULL), 404); /* not theirs */
	assert_int_equal(post(&newcomer, respond, "answer=yes", NULL), 303);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM guide_match WHERE status = 'accepted'"), 1);

	/* Accepted: both see each other's contact details, and get them. */
	client_get(&srv, &newcomer, "/me", &r);
	assert_contains(r.body, "Mette Jensen");
	assert_contains(r.body, "mette@example.dk");
	assert_contains(r.body, "+45 20 30 40 50");
	http_resp_free(&r);
	client_get(&srv, &guide, "/me", &r);
	assert_contains(r.body, "Amina Haddad");
	assert_contains(r.body, "amina@example.dk");
	http_resp_free(&r);
	mail = sql_text("SELECT body FROM outbox WHERE recipient = 'amina@example.dk' ORDER BY id DESC");
	assert_non_null(mail);
	assert_contains(mail, "mette@example.dk");
	free(mail);

	/* The first meeting: active, with three follow-ups. */
	char match[80];
	snprintf(match, sizeof match, "/programmes/1/matches/%lld/meeting",
		 (long long)test_sql_int(&srv, "SELECT id FROM guide_match WHERE status = 'accepted'"));
	assert_int_equal(post(&karin, match, "met_on=2999-01-01", "Skriv en dato"), 400);
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	char met[40];
	strftime(met, sizeof met, "met_on=%Y-%m-%d", &tm);
	assert_int_equal(post(&karin, match, met, NULL), 303);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM match_followup"), 3);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM guide_match WHERE status = 'active'"), 1);
	free(guide_path);
}

/* Who may see what, and that every look is in the log. */
static void test_only_coordinators_see_newcomers(void **state)
{
	(void)state;
	static const char *const closed[] = {
		"/programmes/1/newcomers", "/programmes/1/newcomers/1", "/programmes/1/round",
		"/programmes/1/matches", "/programmes/1/export.csv", "/programmes/1/dashboard",
	};
	struct test_client *outsiders[] = { &guide, &newcomer, &other, &admin };
	for (size_t i = 0; i < sizeof closed / sizeof closed[0]; i++)
		for (size_t k = 0; k < sizeof outsiders / sizeof outsiders[0]; k++) {
			struct http_resp r;
			client_get(&srv, outsiders[k], closed[i], &r);
			if (r.status != 403)
				fail_msg("%s for outsider %zu: %ld", closed[i], k, r.status);
			http_resp_free(&r);
		}
	int64_t reads = test_sql_int(&srv, "SELECT COUNT(*) FROM audit_log WHERE action = 'newcomer.read'");
	struct http_resp r;
	client_get(&srv, &karin, "/programmes/1/newcomers/1", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Tolk ved første møde");
	http_resp_free(&r);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM audit_log WHERE action = 'newcomer.read'"),
			 reads + 1);
	client_get(&srv, &karin, "/programmes/1/export.csv", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "first_name,last_name");
	assert_contains(r.body, "Amina,Haddad");
	char *type = http_header(&r, "Content-Type");
	assert_string_equal(type, "text/csv; charset=utf-8");
	free(type);
	http_resp_free(&r);
	assert_true(test_sql_int(&srv, "SELECT COUNT(*) FROM audit_log WHERE detail LIKE 'CSV export%'") >= 1);
	/* Names never go into the append-only log. */
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM audit_log WHERE subject LIKE '%Amina%' OR "
					    "detail LIKE '%Amina%' OR subject LIKE '%Haddad%'"),
			 0);
	/* The administrator reads the log in words. */
	client_get(&srv, &admin, "/admin/audit", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Karin Koordinator læste oplysningerne om <a href=\"/programmes/1/newcomers/1\">"
				"nytilkommen nr. 1</a> (newcomer page).");
	assert_contains(r.body, "kørte matchningen i <a href=\"/programmes/1\">");
	http_resp_free(&r);
}

/* Two coordinators press "run" on the same round at once: one run is
 * stored, the other is told, and the drafts are one run's. */
static void test_concurrent_runs(void **state)
{
	(void)state;
	/* A waiting newcomer so a run has something to write. */
	assert_int_equal(post(&karin, "/programmes/1/newcomers/new",
			      "first_name=Olena&born=1986-04-12&target_group=refugee&area=1&languages=ar&"
			      "times=evenings&consent_how=in_person&consent=1",
			      NULL),
			 303);
	for (int attempt = 0; attempt < 5; attempt++) {
		long rev = round_revision(&karin);
		assert_int_equal(round_revision(&berit), rev);
		char form[64];
		snprintf(form, sizeof form, "revision=%ld", rev);
		int fds[2];
		assert_int_equal(pipe(fds), 0);
		pid_t kids[2];
		struct test_client *who[2] = { &karin, &berit };
		for (int k = 0; k < 2; k++) {
			kids[k] = fork();
			assert_true(kids[k] >= 0);
			if (kids[k] == 0) {
				char go;
				close(fds[1]);
				/* Both wait for the same start. */
				if (read(fds[0], &go, 1) != 1)
					_exit(3);
				struct http_resp r;
				client_post(&srv, who[k], "/programmes/1/round/run", form, &r);
				int code = r.status == 303 ? 0
					   : r.status == 409 && strstr(r.body, "En anden koordinator har ændret")
						   ? 1
						   : 2;
				_exit(code);
			}
		}
		close(fds[0]);
		assert_int_equal(write(fds[1], "gg", 2), 2);
		close(fds[1]);
		int won = 0, told = 0;
		for (int k = 0; k < 2; k++) {
			int st;
			assert_int_equal(waitpid(kids[k], &st, 0), kids[k]);
			assert_true(WIFEXITED(st));
			won += WEXITSTATUS(st) == 0;
			told += WEXITSTATUS(st) == 1;
		}
		assert_int_equal(won, 1);
		assert_int_equal(told, 1);
		assert_int_equal(test_sql_int(&srv, "SELECT revision FROM programme WHERE id = 1"), rev + 1);
		/* One run's drafts: one per newcomer at most. */
		assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) - COUNT(DISTINCT newcomer_id) FROM guide_match "
						    "WHERE status = 'draft'"),
				 0);
		assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM match_unmatched") +
					 test_sql_int(&srv, "SELECT COUNT(*) FROM guide_match WHERE status = 'draft'"),
				 test_sql_int(&srv, "SELECT COUNT(*) FROM newcomer WHERE status = 'waiting'"));
	}
}

/* Waits up to 15 s for query to give want. */
static void wait_sql(const char *query, int64_t want)
{
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		int64_t got = test_sql_int(&srv, query);
		if (got == want)
			return;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec > 15)
			fail_msg("%s: %lld, waited for %lld", query, (long long)got, (long long)want);
		struct timespec step = { 0, 20 * 1000000L };
		nanosleep(&step, NULL);
	}
}

/* The jobs: a follow-up two weeks after the first meeting reminds the
 * coordinators (once, without the newcomer's name); a newcomer who
 * withdrew longer ago than the retention time is deleted, logged. */
static void test_reminders_and_retention(void **state)
{
	(void)state;
	int64_t match = test_sql_int(&srv, "SELECT id FROM guide_match WHERE status = 'active'");
	char sql[300];
	snprintf(sql, sizeof sql, "UPDATE match_followup SET due_at = 1000 WHERE match_id = %lld AND step = '2w'",
		 (long long)match);
	test_sql(&srv, sql);
	wait_sql("SELECT COUNT(*) FROM match_followup WHERE step = '2w' AND reminded_at IS NOT NULL", 1);
	char *mail = sql_text("SELECT body FROM outbox WHERE recipient = 'karin@example.dk' ORDER BY id DESC");
	assert_non_null(mail);
	assert_contains(mail, "opfølgning efter 2 uger");
	assert_contains(mail, "/programmes/1/matches/");
	assert_not_contains(mail, "Amina");
	free(mail);
	/* The global coordinator is told too; each once. */
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM outbox WHERE subject LIKE 'Opfølgning%'"), 2);

	/* Yonas withdrew 100 days ago; the default keeps 90. */
	int64_t yonas = test_sql_int(&srv, "SELECT id FROM newcomer WHERE first_name = 'Yonas'");
	struct http_resp r;
	char path[80];
	snprintf(path, sizeof path, "/programmes/1/newcomers/%lld/withdraw", (long long)yonas);
	assert_int_equal(post(&karin, path, "", NULL), 303);
	snprintf(sql, sizeof sql, "UPDATE newcomer SET ended_at = %lld WHERE id = %lld",
		 (long long)(time(NULL) - 100 * 86400), (long long)yonas);
	test_sql(&srv, sql);
	/* The purge runs when a node takes up the jobs: restart. */
	assert_int_equal(test_server_stop(&srv), 0);
	const char *extra[] = { "--rate-factor", "100", "--jobs-interval", "50", NULL };
	test_server_start(&srv, extra);
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM newcomer WHERE id = %lld", (long long)yonas);
	wait_sql(sql, 0);
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM audit_log WHERE action = 'newcomer.delete' AND "
				  "subject = 'newcomer %lld'",
		 (long long)yonas);
	assert_int_equal(test_sql_int(&srv, sql), 1);
	/* Amina, matched, is kept. */
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM newcomer WHERE first_name = 'Amina'"), 1);
	(void)r;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_programme_and_refused_sign_ups),
		cmocka_unit_test(test_round_from_sign_up_to_accepted),
		cmocka_unit_test(test_only_coordinators_see_newcomers),
		cmocka_unit_test(test_concurrent_runs),
		cmocka_unit_test(test_reminders_and_retention),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
