/*
 * mydata_test.c: "my data" (/me/data) gives everything the platform holds
 * about the person. The test walks the database's own catalogue for every
 * table that refers to an account or to a participant (a foreign key),
 * gives the person a row in each, and fails when the download leaves a
 * table out or shows none of its rows; so a new table that refers to
 * people cannot be forgotten. Also: no secrets in it (password and token
 * hashes), and the download is in the audit log.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Tables with a foreign key to account or participant, by the
 * catalogue of the engine under test; *n of them (malloc'd names). */
static char **referring_tables(size_t *n)
{
	char err[256];
	struct store *db = store_open(srv.db, NULL, err, sizeof err);
	if (db == NULL)
		fail_msg("%s", err);
	const char *sql = store_dialect(db) == STORE_POSTGRES
				  ? "SELECT DISTINCT tc.table_name FROM information_schema.table_constraints tc JOIN "
				    "information_schema.constraint_column_usage u ON u.constraint_name = tc.constraint_name "
				    "AND u.table_schema = tc.table_schema WHERE tc.constraint_type = 'FOREIGN KEY' AND "
				    "u.table_name IN ('account', 'participant') AND tc.table_name <> u.table_name "
				    "ORDER BY 1"
				  : "SELECT DISTINCT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE "
				    "m.type = 'table' AND f.\"table\" IN ('account', 'participant') AND m.name <> f.\"table\" "
				    "ORDER BY 1";
	struct store_stmt *st = store_prepare_text(db, sql);
	assert_non_null(st);
	char **names = calloc(256, sizeof *names);
	*n = 0;
	while (store_step(st) == STORE_ROW && *n < 255)
		names[(*n)++] = strdup(store_col_text(st, 0));
	store_finalize(st);
	store_close(db);
	return names;
}

/* Gives the account (id) a row in every table that refers to people,
 * straight into the database: this test is about what the download
 * shows, not the forms that write them. */
static void give_rows(int64_t id)
{
	char q[2048];
#define SQL(...)                                   \
	do {                                       \
		snprintf(q, sizeof q, __VA_ARGS__); \
		test_sql(&srv, q);                 \
	} while (0)
	long long a = (long long)id;
	SQL("INSERT INTO token (hash, kind, account_id, created_at, expires_at) VALUES ('tokenhash-%lld', 'reset', "
	    "%lld, 1, 2)", a, a);
	SQL("INSERT INTO outbox (account_id, recipient, subject, body, created_at, next_attempt_at) VALUES (%lld, "
	    "'mig@example.dk', 'Hej', 'Brevets tekst', 1, 1)", a);
	SQL("INSERT INTO role_grant (account_id, role, scope_kind, scope_id, granted_at) VALUES (%lld, 'guide', '', "
	    "0, 1)", a);
	SQL("INSERT INTO membership (account_id, organisation_id, created_at) VALUES (%lld, 1, 1)", a);
	SQL("INSERT INTO consent (account_id, purpose, text_version, given_at) VALUES (%lld, 'updates', 'v1', 1)", a);
	SQL("INSERT INTO participant (token_hash, account_id, created_at, area_id, sector) VALUES ('pidhash-%lld', "
	    "%lld, 1, 5, 'citizen')", a, a);
	int64_t pid = test_sql_int(&srv, "SELECT MAX(id) FROM participant");
	SQL("INSERT INTO statement (arena_id, participant_id, author_id, text, status, created_at) VALUES (2, %lld, "
	    "%lld, 'Mit eget udsagn om busserne', 'accepted', 1)", (long long)pid, a);
	int64_t sid = test_sql_int(&srv, "SELECT MAX(id) FROM statement");
	SQL("INSERT INTO vote (participant_id, statement_id, value, voted_at) VALUES (%lld, %lld, 1, 1000)",
	    (long long)pid, (long long)sid);
	SQL("INSERT INTO vote_history (participant_id, statement_id, value, voted_at) VALUES (%lld, %lld, 1, 1000)",
	    (long long)pid, (long long)sid);
	SQL("INSERT INTO arena (title, title_key, theme_id, created_by, created_at, updated_at) VALUES ('Min arena', "
	    "'min arena', 1, %lld, 1, 1)", a);
	SQL("INSERT INTO signup (activity_id, account_id, status, other_needs, queued_at, created_at, updated_at) "
	    "VALUES (6, %lld, 'waiting', 'Kommer med rollator', 1, 1, 1)", a);
	SQL("INSERT INTO story (title, body, author_id, author_name, published_on, licence, created_at, updated_at) "
	    "VALUES ('Min historie', 'Tekst', %lld, 'Mig', '2026-01-01', 'CC BY 4.0', 1, 1)", a);
	SQL("INSERT INTO calendar_token (account_id, token_hash, created_at) VALUES (%lld, 'calhash-%lld', 1)", a, a);
	SQL("INSERT INTO proposal_question (arena_id, text, created_by, created_at) VALUES (2, 'Mit spørgsmål', "
	    "%lld, 1)", a);
	SQL("INSERT INTO proposal (arena_id, title, created_by, created_at, updated_at) VALUES (2, 'Mit forslag', "
	    "%lld, 1, 1)", a);
	int64_t prop = test_sql_int(&srv, "SELECT MAX(id) FROM proposal");
	SQL("INSERT INTO proposal_revision (proposal_id, number, kind, title, text, author_id, created_at) VALUES "
	    "(%lld, 1, 'start', 'Mit forslag', 'Teksten', %lld, 1)", (long long)prop, a);
	SQL("INSERT INTO proposal_amendment (proposal_id, base, title, text, reason, author_id, created_at) VALUES "
	    "(%lld, 1, 'Ændring', 'Ny tekst', 'Fordi', %lld, 1)", (long long)prop, a);
	SQL("INSERT INTO proposal_support (proposal_id, account_id, created_at) VALUES (%lld, %lld, 1)",
	    (long long)prop, a);
	SQL("INSERT INTO proposal_comment (proposal_id, author_id, body, created_at) VALUES (%lld, %lld, "
	    "'Min kommentar', 1)", (long long)prop, a);
	int64_t comment = test_sql_int(&srv, "SELECT MAX(id) FROM proposal_comment");
	SQL("INSERT INTO proposal_comment_report (comment_id, account_id, reason, created_at) VALUES (%lld, %lld, "
	    "'Min anmeldelse', 1)", (long long)comment, a);
	SQL("INSERT INTO audit_log (at, actor_id, action, subject, person_id, object_kind) VALUES (1, NULL, "
	    "'role.grant', 'account %lld', %lld, '')", a, a);
	SQL("INSERT INTO proposal_step (proposal_id, kind, happened_on, recorded_by, recorded_at) VALUES (%lld, "
	    "'submitted', '2026-01-01', %lld, 1)", (long long)prop, a);
	SQL("INSERT INTO guide (programme_id, account_id, area_id, reach_km, languages, availability, capacity, "
	    "note, created_at, updated_at) VALUES ((SELECT MIN(id) FROM programme), %lld, 1, 5, 'da', 7, 1, "
	    "'Min note som vejviser', 1, 1)", a);
	SQL("INSERT INTO newcomer (programme_id, account_id, first_name, target_group, born, area_id, languages, "
	    "availability, needs, consent_at, consent_how, waiting_since, created_at, updated_at) VALUES ("
	    "(SELECT MAX(id) FROM programme), %lld, 'Mit fornavn', 'refugee', '1990-01-01', 1, 'ar', 7, "
	    "'Mine behov', 1, 'self', 1, 1, 1)", a);
	SQL("INSERT INTO follow (account_id, subject_kind, subject_id, created_at, updated_at) VALUES (%lld, "
	    "'arena', 2, 1, 1)", a);
	SQL("INSERT INTO event (kind, arena_id, title, link, created_at) VALUES ('activity_new', 2, 'Min besked', "
	    "'/arenas/2', 1)");
	SQL("INSERT INTO notification (account_id, event_id, kind, created_at, mail) VALUES (%lld, (SELECT MAX(id) "
	    "FROM event), 'activity_new', 1, 'none')", a);
	SQL("INSERT INTO notify_pref (account_id, kind, mail) VALUES (%lld, 'activity_new', 'weekly')", a);
	/* Local life: an association kept, a leisure event, practical
	 * information, a welcome offer with its answer, message and report,
	 * and versions in other languages. */
	int64_t org = test_sql_int(&srv, "SELECT MIN(organisation_id) FROM association");
	SQL("UPDATE association SET updated_by = %lld WHERE organisation_id = %lld", a, (long long)org);
	SQL("INSERT INTO association_version (organisation_id, lang, title, body, updated_by, updated_at) VALUES "
	    "(%lld, 'ti', '', 'Min oversættelse', %lld, 1)", (long long)org, a);
	SQL("INSERT INTO leisure_event (organisation_id, kind, title, starts_at, ends_at, created_by, created_at, "
	    "updated_at) VALUES (%lld, 'event', 'Min begivenhed', 10, 20, %lld, 1, 1)", (long long)org, a);
	SQL("INSERT INTO practical_page (area_id, topic, title, body, created_by, created_at, updated_at) VALUES "
	    "(1, 'library', 'Min side', 'Tekst', %lld, 1, 1)", a);
	SQL("INSERT INTO practical_version (page_id, lang, title, body, updated_by, updated_at) VALUES ((SELECT "
	    "MAX(id) FROM practical_page), 'uk', 'Моя сторінка', 'Текст', %lld, 1)", a);
	SQL("INSERT INTO welcome_offer (author_id, area_id, title, starts_on, ends_on, languages, places, "
	    "created_at, updated_at) VALUES (%lld, 1, 'Mit tilbud', '2026-01-01', '2026-02-01', 'da', 2, 1, 1)", a);
	int64_t offer = test_sql_int(&srv, "SELECT MAX(id) FROM welcome_offer");
	SQL("INSERT INTO offer_version (offer_id, lang, title, body, updated_by, updated_at) VALUES (%lld, 'en', "
	    "'My offer', 'Text', %lld, 1)", (long long)offer, a);
	SQL("INSERT INTO offer_answer (offer_id, account_id, consent_at, created_at, updated_at) VALUES ((SELECT "
	    "MIN(id) FROM welcome_offer), %lld, 1, 1, 1)", a);
	SQL("INSERT INTO offer_message (answer_id, author_id, body, created_at) VALUES ((SELECT MAX(id) FROM "
	    "offer_answer), %lld, 'Min besked', 1)", a);
	SQL("INSERT INTO offer_report (offer_id, account_id, reason, created_at) VALUES (%lld, %lld, 'Min "
	    "anmeldelse', 1)", (long long)offer, a);
#undef SQL
}

static void test_my_data_leaves_no_table_out(void **state)
{
	(void)state;
	setenv("SAMSKAB_PASSWORD", "mine-own-password", 1);
	const char *add[] = { "user", "add", "mig@example.dk", "Mette Mig", "--db", srv.db, "--log-level", "warn", NULL };
	assert_int_equal(test_run(add, NULL, NULL), 0);
	int64_t id = test_sql_int(&srv, "SELECT id FROM account WHERE email = 'mig@example.dk'");
	give_rows(id);
	struct test_client c = { 0 };
	test_sign_in(&srv, &c, "mig%40example.dk", "mine-own-password", 303); /* a session */
	int64_t before = test_sql_int(&srv, "SELECT COUNT(*) FROM audit_log WHERE action = 'mydata.read'");

	struct http_resp r;
	client_get(&srv, &c, "/me/data", &r);
	assert_int_equal(r.status, 200);
	char *disp = http_header(&r, "Content-Disposition");
	assert_contains(disp, "attachment");
	free(disp);
	json_error_t jerr;
	json_t *j = json_loads(r.body, 0, &jerr);
	if (j == NULL)
		fail_msg("not JSON: %s", jerr.text);
	json_t *tables = json_object_get(j, "tables");
	assert_true(json_is_object(tables));

	size_t n;
	char **names = referring_tables(&n);
	assert_true(n >= 20); /* a catalogue read that finds nothing proves nothing */
	int missing = 0;
	for (size_t i = 0; i < n; i++) {
		json_t *rows = json_object_get(tables, names[i]);
		if (!json_is_array(rows)) {
			fprintf(stderr, "# /me/data leaves out table %s, which refers to people\n", names[i]);
			missing++;
		} else if (json_array_size(rows) == 0) {
			fprintf(stderr, "# /me/data shows none of the person's rows of table %s\n", names[i]);
			missing++;
		}
		free(names[i]);
	}
	free(names);
	/* The account itself and the audit log (whose actor_id and person_id
	 * refer to accounts without a foreign key: entries outlive them). */
	assert_int_equal(json_array_size(json_object_get(tables, "account")), 1);
	assert_true(json_array_size(json_object_get(tables, "audit_log")) >= 1);
	assert_int_equal(missing, 0);

	/* What the rows say, and nothing secret. */
	assert_contains(r.body, "Kommer med rollator");
	assert_contains(r.body, "Mit eget udsagn om busserne");
	assert_contains(r.body, "mig@example.dk");
	assert_not_contains(r.body, "argon2");
	assert_not_contains(r.body, "tokenhash-");
	assert_not_contains(r.body, "pidhash-");
	assert_not_contains(r.body, "calhash-");
	assert_null(json_object_get(json_array_get(json_object_get(tables, "account"), 0), "password_hash"));
	json_decref(j);
	http_resp_free(&r);
	/* The download itself is in the audit log. */
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM audit_log WHERE action = 'mydata.read'"), before + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_my_data_leaves_no_table_out),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
