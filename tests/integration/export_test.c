/*
 * export_test.c: exports through the real server and `samskab export`
 * with the demo data: who may export (facilitators and administrators),
 * the files as CSV (read back by a strict RFC 4180 reader, every record
 * as wide as the header) and JSON (parsed), vote counts and votes that
 * add up to what is stored, participants numbered as polis-export
 * numbers them, proposals with their newest texts and counts and their
 * steps through the council (no one named), text a spreadsheet would
 * compute made safe, personal
 * data only by POST and only with an audit entry, and the command line's
 * folder equal to what the server sends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "core/csv.h"
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

/* Reads CSV text with the strict reader: its records (header included),
 * failing the test on any error. */
static long csv_records(const char *text, const char *header)
{
	struct csv c;
	csv_init_mem(&c, text, strlen(text));
	long n = 0;
	int rc;
	while ((rc = csv_next(&c)) == 1) {
		if (n == 0 && header) {
			char first[512] = "";
			for (size_t i = 0; i < c.nfield; i++) {
				size_t used = strlen(first);
				snprintf(first + used, sizeof first - used, "%s%.*s", i ? "," : "", (int)c.field[i].len,
					 c.field[i].s);
			}
			assert_string_equal(first, header);
		}
		n++;
	}
	if (rc < 0)
		fail_msg("CSV: %s", csv_error(&c));
	csv_free(&c);
	return n;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("%s: cannot read", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

static void test_who_may_export(void **state)
{
	(void)state;
	struct test_client anon = { 0 }, amina = { 0 }, frida = { 0 }, anna = { 0 };
	test_sign_in(&srv, &amina, "amina%40demo.example", "demo-password", 303);
	test_sign_in(&srv, &frida, "frida%40demo.example", "demo-password", 303);
	test_sign_in(&srv, &anna, "anna%40demo.example", "demo-password", 303);
	struct http_resp r;
	client_get(&srv, &anon, "/arenas/2/export/votes.csv", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	client_get(&srv, &amina, "/arenas/2/export/votes.csv", &r);
	assert_int_equal(r.status, 403);
	http_resp_free(&r);
	client_get(&srv, &frida, "/arenas/2", &r);
	assert_contains(r.body, "<a href=\"/arenas/2/export\">");
	http_resp_free(&r);
	client_get(&srv, &frida, "/arenas/2/export", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "href=\"/arenas/2/export/votes.csv\" download");
	assert_contains(r.body, "Hent signups.csv med personoplysninger");
	http_resp_free(&r);
	client_get(&srv, &anna, "/arenas/2/export/activities.csv", &r);
	assert_int_equal(r.status, 200);
	http_resp_free(&r);
	client_get(&srv, &frida, "/arenas/2/export/nothing.csv", &r);
	assert_int_equal(r.status, 404);
	http_resp_free(&r);
	/* Personal data never by GET. */
	client_get(&srv, &frida, "/arenas/2/export/signups.csv", &r);
	assert_int_equal(r.status, 404);
	http_resp_free(&r);
}

static void test_files_add_up(void **state)
{
	(void)state;
	struct test_client frida = { 0 };
	test_sign_in(&srv, &frida, "frida%40demo.example", "demo-password", 303);
	/* A statement a spreadsheet would compute. */
	struct http_resp r;
	client_get(&srv, &frida, "/arenas/2/dialogue", &r);
	http_resp_free(&r);
	client_post(&srv, &frida, "/arenas/2/dialogue/statements", "text=%3D1%2B1+er+to%2C+%22siger%22+de", &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);

	client_get(&srv, &frida, "/arenas/2/export/votes.csv", &r);
	assert_int_equal(r.status, 200);
	char *type = http_header(&r, "Content-Type"), *disp = http_header(&r, "Content-Disposition");
	assert_string_equal(type, "text/csv; charset=utf-8; header=present");
	assert_string_equal(disp, "attachment; filename=\"arena-2-votes.csv\"");
	free(type);
	free(disp);
	long votes = csv_records(r.body, "statement,participant,vote,timestamp,datetime") - 1;
	assert_int_equal(votes, test_sql_int(&srv, "SELECT COUNT(*) FROM vote_history h JOIN statement s ON "
						   "s.id = h.statement_id WHERE s.arena_id = 2"));
	/* Participants are numbered 0 .. n-1. */
	assert_non_null(strstr(r.body, ",0,"));
	long voters = test_sql_int(&srv, "SELECT COUNT(DISTINCT h.participant_id) FROM vote_history h JOIN "
					 "statement s ON s.id = h.statement_id WHERE s.arena_id = 2");
	char last[32];
	snprintf(last, sizeof last, ",%ld,", voters - 1);
	assert_non_null(strstr(r.body, last));
	snprintf(last, sizeof last, ",%ld,", voters);
	assert_null(strstr(r.body, last));
	http_resp_free(&r);

	client_get(&srv, &frida, "/arenas/2/export/statements.csv", &r);
	assert_int_equal(r.status, 200);
	long stmts = csv_records(r.body, "id,created_at,author,status,seed,meta,agree,disagree,pass,lang,text") - 1;
	assert_int_equal(stmts, test_sql_int(&srv, "SELECT COUNT(*) FROM statement WHERE arena_id = 2"));
	assert_contains(r.body, ",\"'=1+1 er to, \"\"siger\"\" de\"\r\n");
	assert_contains(r.body, ",rejected,0,0,0,0,0,da,\"Der mangler bænke");
	http_resp_free(&r);

	client_get(&srv, &frida, "/arenas/2/export/activities.csv", &r);
	assert_int_equal(r.status, 200);
	csv_records(r.body, "id,kind,title,starts_at,ends_at,place,online_url,capacity,signed_up,waiting,cancelled,"
			    "step_free,interpretation,lang,description,summary,minutes");
	assert_contains(r.body, "Workshop: Hvor mødes vi i Haarby?");
	assert_not_contains(r.body, "amina@demo.example");
	http_resp_free(&r);

	client_get(&srv, &frida, "/arenas/2/export/arena.json", &r);
	assert_int_equal(r.status, 200);
	json_error_t e;
	json_t *j = json_loads(r.body, 0, &e);
	if (j == NULL)
		fail_msg("arena.json: %s (line %d)", e.text, e.line);
	assert_string_equal(json_string_value(json_object_get(j, "kind")), "samskab arena export");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "arena"), "title")),
			    "Ensomme ældre i Haarby");
	assert_int_equal((long)json_array_size(json_object_get(j, "votes")), votes);
	assert_int_equal((long)json_array_size(json_object_get(j, "statements")), stmts);
	assert_null(json_object_get(j, "signups"));
	/* The counts are the current votes. */
	int64_t agree = 0;
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(j, "statements"), i, s)
		agree += json_integer_value(json_object_get(s, "agree"));
	assert_int_equal(agree, test_sql_int(&srv, "SELECT COUNT(*) FROM vote v JOIN statement s ON s.id = v.statement_id "
						   "WHERE s.arena_id = 2 AND v.value = 1"));
	assert_true(json_is_true(json_object_get(json_array_get(json_object_get(j, "statements"), 0), "seed")));
	json_decref(j);
	http_resp_free(&r);
}

/* The Folkemødet arena's two proposals: the one adopted with changes
 * and being carried out, and the one under consideration. */
static void test_proposals_with_their_steps(void **state)
{
	(void)state;
	struct test_client frida = { 0 };
	test_sign_in(&srv, &frida, "frida%40demo.example", "demo-password", 303);
	struct http_resp r;
	client_get(&srv, &frida, "/arenas/1/export", &r);
	assert_contains(r.body, "href=\"/arenas/1/export/proposals.csv\" download");
	assert_contains(r.body, "href=\"/arenas/1/export/steps.csv\" download");
	http_resp_free(&r);

	client_get(&srv, &frida, "/arenas/1/export/proposals.csv", &r);
	assert_int_equal(r.status, 200);
	long proposals = csv_records(r.body, "id,title,status,outcome,question,revision,frozen_revision,supports,"
					     "organisations,comments,created_at,updated_at,lang,text") - 1;
	assert_int_equal(proposals, test_sql_int(&srv, "SELECT COUNT(*) FROM proposal WHERE arena_id = 1"));
	/* Seven supports, four of organisations; five visible comments; the
	 * text as it is now (the accepted amendment's contact person in it). */
	assert_contains(r.body, "1,Kolleger som vejvisere til foreningslivet,implementing,amended,");
	char counts[64];
	snprintf(counts, sizeof counts, ",%lld,7,4,%lld,",
		 (long long)test_sql_int(&srv, "SELECT head FROM proposal WHERE id = 1"),
		 (long long)test_sql_int(&srv, "SELECT COUNT(*) FROM proposal_comment WHERE proposal_id = 1 AND "
					       "status = 'visible'"));
	assert_contains(r.body, counts);
	assert_contains(r.body, "2,Lokale inviterer nye naboer ind i fritidslivet,considering,,");
	assert_not_contains(r.body, "Amina");
	assert_not_contains(r.body, "Haarby Netværk for Nye Naboer vil gerne"); /* another arena's */
	http_resp_free(&r);

	client_get(&srv, &frida, "/arenas/1/export/steps.csv", &r);
	assert_int_equal(r.status, 200);
	long steps = csv_records(r.body, "proposal,id,kind,happened_on,council,meeting_on,link_url,outcome,title,"
					 "progress,revision,recorded_at,body") - 1;
	assert_int_equal(steps, test_sql_int(&srv, "SELECT COUNT(*) FROM proposal_step s JOIN proposal p ON "
						   "p.id = s.proposal_id WHERE p.arena_id = 1"));
	assert_contains(r.body, ",decided,2017-02-23,Assens Byråd,,");
	assert_contains(r.body, ",amended,,,");
	assert_contains(r.body, ",milestone,2017-09-01,,,,,De første 20 vejvisere er i gang,40,,");
	assert_not_contains(r.body, "Søren");
	http_resp_free(&r);

	/* In arena.json as well, and nothing of them in another arena's. */
	client_get(&srv, &frida, "/arenas/1/export/arena.json", &r);
	json_t *j = json_loads(r.body, 0, NULL);
	assert_non_null(j);
	assert_int_equal((long)json_array_size(json_object_get(j, "proposals")), proposals);
	assert_int_equal((long)json_array_size(json_object_get(j, "steps")), steps);
	json_t *first = json_array_get(json_object_get(j, "proposals"), 0);
	assert_string_equal(json_string_value(json_object_get(first, "outcome")), "amended");
	assert_int_equal(json_integer_value(json_object_get(first, "supports")), 7);
	json_t *milestone = NULL, *step;
	size_t i;
	json_array_foreach(json_object_get(j, "steps"), i, step)
		if (strcmp(json_string_value(json_object_get(step, "kind")), "milestone") == 0)
			milestone = step;
	assert_non_null(milestone);
	assert_int_equal(json_integer_value(json_object_get(milestone, "progress")), 40);
	assert_true(json_is_null(json_object_get(json_array_get(json_object_get(j, "steps"), 0), "progress")));
	json_decref(j);
	http_resp_free(&r);
	client_get(&srv, &frida, "/arenas/2/export/steps.csv", &r);
	assert_int_equal(csv_records(r.body, NULL), 1); /* the header: Haarby's proposal is being written */
	http_resp_free(&r);
}

static void test_personal_data_by_post_and_audited(void **state)
{
	(void)state;
	struct test_client frida = { 0 };
	test_sign_in(&srv, &frida, "frida%40demo.example", "demo-password", 303);
	int64_t audited = test_sql_int(&srv, "SELECT COUNT(*) FROM audit_log WHERE action = 'export.personal'");
	struct http_resp r;
	client_get(&srv, &frida, "/arenas/2/export", &r);
	http_resp_free(&r);
	client_post(&srv, &frida, "/arenas/2/export/signups.csv", "", &r);
	assert_int_equal(r.status, 200);
	csv_records(r.body, "activity,activity_title,name,email,status,interpreter,step_free,childcare,other_needs,"
			    "signed_up_at");
	assert_contains(r.body, "Amina Haddad,amina@demo.example,confirmed,ar,0,0,,");
	char *cache = http_header(&r, "Cache-Control");
	assert_string_equal(cache, "no-store");
	free(cache);
	http_resp_free(&r);
	client_post(&srv, &frida, "/arenas/2/export/arena.json", "", &r);
	assert_int_equal(r.status, 200);
	json_t *j = json_loads(r.body, 0, NULL);
	assert_non_null(j);
	assert_int_equal(json_array_size(json_object_get(j, "signups")), 1);
	json_decref(j);
	http_resp_free(&r);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM audit_log WHERE action = 'export.personal' AND "
					  "actor_id = 2 AND subject = 'arena 2'"),
			 audited + 2);
	/* The administrator reads it as a sentence: who, which arena, which file. */
	struct test_client anna = { 0 };
	test_sign_in(&srv, &anna, "anna%40demo.example", "demo-password", 303);
	client_get(&srv, &anna, "/admin/audit", &r);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Frida Facilitator hentede personoplysninger fra <a href=\"/arenas/2\">Ensomme ældre i "
				"Haarby</a> ud: signups.csv.");
	http_resp_free(&r);
	/* Without the form's token: refused, and nothing written. */
	struct test_client other = { 0 };
	test_sign_in(&srv, &other, "frida%40demo.example", "demo-password", 303);
	const char *h[] = { "Content-Type: application/x-www-form-urlencoded", NULL };
	http_request(&srv, "POST", "/arenas/2/export/signups.csv", "", h, &r);
	assert_int_equal(r.status, 403);
	http_resp_free(&r);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM audit_log WHERE action = 'export.personal'"),
			 audited + 2);
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted "timestamp,participant,vote" keys of a votes file, as a string. */
static char *vote_keys(const char *text, int ts_col, int who_col, int vote_col)
{
	struct csv c;
	csv_init_mem(&c, text, strlen(text));
	size_t cap = 1024, n = 0;
	char **keys = malloc(cap * sizeof *keys);
	int first = 1;
	while (csv_next(&c) == 1) {
		if (first) {
			first = 0;
			continue;
		}
		if (n == cap)
			keys = realloc(keys, (cap *= 2) * sizeof *keys);
		char k[128];
		snprintf(k, sizeof k, "%.*s,%.*s,%.*s", (int)c.field[ts_col].len, c.field[ts_col].s,
			 (int)c.field[who_col].len, c.field[who_col].s, (int)c.field[vote_col].len, c.field[vote_col].s);
		keys[n++] = strdup(k);
	}
	csv_free(&c);
	qsort(keys, n, sizeof *keys, cmp_key);
	size_t len = 1;
	for (size_t i = 0; i < n; i++)
		len += strlen(keys[i]) + 1;
	char *out = malloc(len);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		strcat(out, keys[i]);
		strcat(out, "\n");
		free(keys[i]);
	}
	free(keys);
	return out;
}

static void test_command_line_folder(void **state)
{
	(void)state;
	char dir[64];
	unsigned undo_dir = test_tmpdir(dir, sizeof dir, "export");
	char out_dir[256], polis_dir[256];
	snprintf(out_dir, sizeof out_dir, "%s/open", dir);
	snprintf(polis_dir, sizeof polis_dir, "%s/polis", dir);
	const char *args[] = { "export", out_dir, "--db", srv.db, "--log-level", "warn", NULL };
	char *out = NULL, *err = NULL;
	if (test_run(args, &out, &err) != 0)
		fail_msg("samskab export: %s", err);
	assert_contains(out, "2 arenas written to");
	free(out);
	free(err);
	static const char *const files[] = { "platform.json", "areas.csv", "themes.csv", "organisations.csv",
					     "stories.csv", "arenas.csv", "arenas/1/arena.json",
					     "arenas/2/votes.csv", "arenas/2/statements.csv", "arenas/2/activities.csv",
					     "arenas/1/proposals.csv", "arenas/1/steps.csv" };
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s/%s", out_dir, files[i]);
		char *text = slurp(path);
		if (strstr(files[i], ".json")) {
			json_error_t e;
			json_t *j = json_loads(text, 0, &e);
			if (j == NULL)
				fail_msg("%s: %s", files[i], e.text);
			json_decref(j);
		} else {
			assert_true(csv_records(text, NULL) >= 1);
		}
		free(text);
	}
	/* No personal data unless asked for. */
	char path[512];
	snprintf(path, sizeof path, "%s/arenas/2/signups.csv", out_dir);
	assert_int_not_equal(access(path, F_OK), 0);

	/* The server's votes.csv is the same file. */
	struct test_client frida = { 0 };
	test_sign_in(&srv, &frida, "frida%40demo.example", "demo-password", 303);
	struct http_resp r;
	client_get(&srv, &frida, "/arenas/2/export/votes.csv", &r);
	snprintf(path, sizeof path, "%s/arenas/2/votes.csv", out_dir);
	char *text = slurp(path);
	assert_string_equal(text, r.body);
	http_resp_free(&r);

	/* Numbered as polis-export numbers them: the same votes by the same
	 * numbers at the same times. */
	const char *polis[] = { "polis-export", "2", polis_dir, "--db", srv.db, "--log-level", "warn", NULL };
	assert_int_equal(test_run(polis, NULL, NULL), 0);
	snprintf(path, sizeof path, "%s/votes.csv", polis_dir);
	char *theirs = slurp(path);
	char *a = vote_keys(text, 3, 1, 2), *b = vote_keys(theirs, 0, 3, 4);
	assert_string_equal(a, b);
	free(a);
	free(b);
	free(theirs);
	free(text);

	/* With --personal: the sign-ups, and a line in the audit log. */
	snprintf(out_dir, sizeof out_dir, "%s/personal", dir);
	const char *personal[] = { "export", out_dir, "--arena", "2", "--personal", "--db", srv.db, "--log-level", "warn",
				   NULL };
	assert_int_equal(test_run(personal, NULL, NULL), 0);
	snprintf(path, sizeof path, "%s/signups.csv", out_dir);
	text = slurp(path);
	assert_contains(text, "amina@demo.example");
	free(text);
	assert_true(test_sql_int(&srv, "SELECT COUNT(*) FROM audit_log WHERE action = 'export.personal' AND "
				       "subject = 'arena 2' AND client = 'samskab export'") == 1);
	/* A bad arena: a message and exit status 1. */
	const char *bad[] = { "export", out_dir, "--arena", "999999", "--db", srv.db, "--log-level", "warn", NULL };
	err = NULL;
	assert_int_equal(test_run(bad, NULL, &err), 1);
	assert_contains(err, "no such arena");
	free(err);
	test_undo(undo_dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_who_may_export),
		TEST_CASE(test_files_add_up),
		TEST_CASE(test_proposals_with_their_steps),
		TEST_CASE(test_personal_data_by_post_and_audited),
		TEST_CASE(test_command_line_folder),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
