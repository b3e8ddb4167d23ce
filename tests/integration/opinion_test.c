/*
 * opinion_test.c: the opinion map through the real server, and Pol.is
 * openData in and out. A real conversation (scoop-hivemind.ubi, in
 * tests/data/polis-opendata) imported with polis-import shows on the
 * page, in the SVG and in the API the groups `samskab opinion --json`
 * finds in the same files; exported with polis-export and imported into a new database it
 * gives the same votes and the same groups. Bad files are refused naming
 * file and line, with nothing imported; statement text with commas,
 * quotes and line breaks survives the round trip; an empty dialogue, a
 * one-participant one and an all-pass one show that there is not enough
 * to show; a visitor who voted finds their own place; the demo's votes
 * are broken down by local area and sector. An export numbers its
 * participants in the dialogue (0, 1, 2, ...), the same in every file,
 * never by samskab's participant id, which would link a person's votes
 * across dialogues.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/support.h"

#define CONVERSATION "scoop-hivemind.ubi"

static struct test_server srv;

static int setup(void **state)
{
	(void)state;
	const char *extra[] = { "--rate-factor", "100", "--jobs-interval", "100", NULL };
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

/* DIR of the conversation (run from the repository root), or skip the
 * test when the data is absent. */
static const char *conversation(char *buf, size_t n)
{
	snprintf(buf, n, "tests/data/polis-opendata/%s", CONVERSATION);
	struct stat sb;
	if (stat(buf, &sb) != 0)
		test_skip("missing: Pol.is openData at %s (run from the repository root)", buf);
	return buf;
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	mkdir(dir, 0700);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* samskab polis-import DIR into db; returns the arena's id. */
static int64_t import(const char *db, const char *dir)
{
	const char *args[] = { "polis-import", dir, "--db", db, "--log-level", "warn", NULL };
	char *out, *err;
	int rc = test_run(args, &out, &err);
	if (rc != 0)
		fail_msg("polis-import %s: exit %d: %s", dir, rc, err);
	long long id = 0;
	assert_int_equal(sscanf(out, "arena %lld:", &id), 1);
	free(out);
	free(err);
	return id;
}

/* samskab opinion DIR --json. */
static json_t *cli_map(const char *dir)
{
	const char *args[] = { "opinion", dir, "--json", NULL };
	char *out, *err;
	assert_int_equal(test_run(args, &out, &err), 0);
	json_t *j = json_loads(out, 0, NULL);
	assert_non_null(j);
	free(out);
	free(err);
	return j;
}

static json_t *api_map(struct test_server *s, int64_t arena)
{
	char path[80];
	snprintf(path, sizeof path, "/api/v1/arenas/%lld/opinion", (long long)arena);
	struct http_resp r;
	http_get(s, path, &r);
	assert_int_equal(r.status, 200);
	json_t *j = json_loads(r.body, 0, NULL);
	assert_non_null(j);
	http_resp_free(&r);
	return j;
}

/* The same k and, participant by participant (both list them in the order
 * of their first vote), the same group. */
static void assert_same_groups(json_t *a, json_t *b)
{
	assert_int_equal(json_integer_value(json_object_get(a, "k")), json_integer_value(json_object_get(b, "k")));
	json_t *pa = json_object_get(a, "participants"), *pb = json_object_get(b, "participants");
	assert_int_equal(json_array_size(pa), json_array_size(pb));
	for (size_t i = 0; i < json_array_size(pa); i++)
		assert_true(json_equal(json_object_get(json_array_get(pa, i), "group"),
				       json_object_get(json_array_get(pb, i), "group")));
}

/* Group sizes of a map. */
static void sizes(json_t *map, int size[5])
{
	memset(size, 0, 5 * sizeof *size);
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(map, "participants"), i, p)
	{
		json_t *g = json_object_get(p, "group");
		if (json_is_integer(g))
			size[json_integer_value(g)]++;
	}
}

static char *get(struct test_server *s, struct test_client *c, const char *path, long status)
{
	struct http_resp r;
	client_get(s, c, path, &r);
	if (r.status != status)
		fail_msg("GET %s: %ld, expected %ld\n%.2000s", path, r.status, status, r.body);
	char *body = strdup(r.body);
	http_resp_free(&r);
	return body;
}

/* Parses svg as XML with Python's minidom; the number of <use> elements
 * (one per participant on the map, one per group in the legend). */
static int svg_uses(const char *svg)
{
	char path[320], cmd[800];
	snprintf(path, sizeof path, "%s/map.svg", srv.dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(svg, f);
	fclose(f);
	snprintf(cmd, sizeof cmd,
		 "/usr/bin/python3 -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]).documentElement; "
		 "assert d.tagName == \"svg\" and d.getAttribute(\"role\") == \"img\"; "
		 "t = d.getElementsByTagName(\"title\")[0].firstChild.data; "
		 "assert t and d.getElementsByTagName(\"desc\")[0].firstChild.data; "
		 "print(len(d.getElementsByTagName(\"use\")))' %s",
		 path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	int n = -1;
	if (fscanf(p, "%d", &n) != 1)
		n = -1;
	assert_int_equal(pclose(p), 0);
	return n;
}

static const char *const marks_da[] = { "blå cirkler", "orange firkanter", "grønne trekanter", "lyserøde ruder",
					"lilla kryds" };

static void test_import_shows_the_groups_of_the_cli(void **state)
{
	(void)state;
	char dir[512];
	conversation(dir, sizeof dir);
	int64_t arena = import(srv.db, dir);
	json_t *cli = cli_map(dir), *api = api_map(&srv, arena);
	assert_string_equal(json_string_value(json_object_get(api, "status")), "ready");
	assert_true(json_is_string(json_object_get(api, "computedAt")));
	assert_same_groups(cli, api);
	/* Numbered in this dialogue, not by samskab's participant ids (the
	 * demo's participants came first, so those start above 48). */
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(api, "participants"), i, p)
		assert_int_equal(json_integer_value(json_object_get(p, "id")), i);
	int k = (int)json_integer_value(json_object_get(cli, "k")), size[5];
	assert_true(k >= 2);
	sizes(cli, size);

	/* The page names every group with its size, mark and statements. */
	struct test_client c = { 0 };
	char path[80], want[160];
	snprintf(path, sizeof path, "/arenas/%lld/opinion", (long long)arena);
	char *page = get(&srv, &c, path, 200);
	snprintf(want, sizeof want, "Kortet finder %d grupper", k);
	assert_contains(page, want);
	for (int g = 0; g < k; g++) {
		snprintf(want, sizeof want, "Gruppe %c (%s): %d deltagere.", 'A' + g, marks_da[g], size[g]);
		assert_contains(page, want);
	}
	assert_contains(page, "role=\"img\" lang=\"da\" direction=\"ltr\" aria-labelledby=\"map-title\" aria-describedby=\"groups-text\"");
	assert_contains(page, "<h2 id=\"unites\">Det samler os</h2>");
	assert_contains(page, "<h2 id=\"differs\">Her er grupperne uenige</h2>");
	assert_contains(page, "Sidst beregnet <time");
	assert_contains(page, "/dialogue\">Tag stilling i dialogen</a>");
	assert_not_contains(page, "style=");
	free(page);
	/* Every statement, a page at a time. */
	snprintf(path, sizeof path, "/arenas/%lld/opinion?page=2", (long long)arena);
	page = get(&srv, &c, path, 200);
	assert_contains(page, "Side 2 af 3");
	free(page);
	snprintf(path, sizeof path, "/arenas/%lld/opinion?page=x", (long long)arena);
	free(get(&srv, &c, path, 400));

	/* The image alone is XML with a title and a description; one mark
	 * per participant on the map and per group in the legend. */
	snprintf(path, sizeof path, "/arenas/%lld/opinion.svg", (long long)arena);
	struct http_resp r;
	client_get(&srv, &c, path, &r);
	assert_int_equal(r.status, 200);
	char *type = http_header(&r, "Content-Type");
	assert_string_equal(type, "image/svg+xml; charset=utf-8");
	free(type);
	size_t placed = 0;
	json_array_foreach(json_object_get(cli, "participants"), i, p)
		placed += json_is_number(json_object_get(p, "x"));
	int loose = (int)placed;
	for (int g = 0; g < k; g++)
		loose -= size[g];
	assert_int_equal(svg_uses(r.body), (int)placed + k + (loose > 0));
	assert_contains(r.body, "<desc id=\"map-desc\">");
	assert_contains(r.body, "(blå cirkler):");
	http_resp_free(&r);

	/* In English too. */
	const char *en[] = { "Accept-Language: en", NULL };
	snprintf(path, sizeof path, "/arenas/%lld/opinion", (long long)arena);
	http_request(&srv, "GET", path, NULL, en, &r);
	snprintf(want, sizeof want, "Group A (blue circles): %d participants.", size[0]);
	assert_contains(r.body, want);
	http_resp_free(&r);
	json_decref(cli);
	json_decref(api);
}

/* Votes of an arena in a few numbers: how many, and sums that change
 * when any vote, statement or time changes. */
static void vote_prints(struct test_server *s, int64_t arena, int64_t out[4])
{
	static const char *const q[] = {
		"SELECT COUNT(*) FROM vote v JOIN statement s ON s.id = v.statement_id WHERE s.arena_id = %lld",
		"SELECT COUNT(*) FROM vote_history v JOIN statement s ON s.id = v.statement_id WHERE s.arena_id = %lld",
		"SELECT SUM((v.value + 2) * (s.external_id + 1)) FROM vote v JOIN statement s ON s.id = v.statement_id "
		"WHERE s.arena_id = %lld",
		"SELECT SUM(v.voted_at %% 1000003) FROM vote_history v JOIN statement s ON s.id = v.statement_id "
		"WHERE s.arena_id = %lld",
	};
	for (int i = 0; i < 4; i++) {
		char sql[300];
		snprintf(sql, sizeof sql, q[i], (long long)arena);
		out[i] = test_sql_int(s, sql);
	}
}

static void test_export_and_import_again(void **state)
{
	(void)state;
	char dir[512], out[320];
	conversation(dir, sizeof dir);
	int64_t arena = import(srv.db, dir);
	snprintf(out, sizeof out, "%s/export", srv.dir);
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)arena);
	const char *args[] = { "polis-export", id, out, "--db", srv.db, NULL };
	char *o, *e;
	assert_int_equal(test_run(args, &o, &e), 0);
	assert_contains(o, "written to");
	free(o);
	free(e);

	/* `samskab opinion` reads the export as the original: the same
	 * groups and, as comment-ids are kept, the same statements. */
	json_t *orig = cli_map(dir), *exported = cli_map(out);
	assert_same_groups(orig, exported);
	assert_true(json_equal(json_object_get(orig, "repness"), json_object_get(exported, "repness")));
	assert_true(json_equal(json_object_get(orig, "consensus"), json_object_get(exported, "consensus")));

	/* Into a new database: the same votes and the same map. */
	struct test_server other;
	test_db_create(&other, 1);
	test_server_start(&other, NULL);
	int64_t again = import(other.db, out);
	int64_t a[4], b[4];
	vote_prints(&srv, arena, a);
	vote_prints(&other, again, b);
	assert_memory_equal(a, b, sizeof a);
	json_t *m1 = api_map(&srv, arena), *m2 = api_map(&other, again);
	assert_same_groups(m1, m2);
	assert_same_groups(orig, m2);
	/* The votes again, from participants-votes.csv alone: the same
	 * current votes. */
	char path[400];
	snprintf(path, sizeof path, "%s/votes.csv", out);
	assert_int_equal(unlink(path), 0);
	int64_t third = import(other.db, out);
	int64_t c[4];
	vote_prints(&other, third, c);
	assert_int_equal(c[0], a[0]);
	assert_int_equal(c[1], a[0]); /* one history row per current vote */
	assert_int_equal(c[2], a[2]);
	json_decref(orig);
	json_decref(exported);
	json_decref(m1);
	json_decref(m2);
	test_server_stop(&other);
	test_db_drop(&other);
}

/* Counts that must not move when an import is refused. */
static int64_t rows(void)
{
	return test_sql_int(&srv, "SELECT (SELECT COUNT(*) FROM arena) + (SELECT COUNT(*) FROM statement) + "
				  "(SELECT COUNT(*) FROM participant) + (SELECT COUNT(*) FROM vote_history)");
}

static void refused(const char *dir, const char *const *extra, const char *message)
{
	const char *args[8] = { "polis-import", dir, "--db", srv.db };
	int n = 4;
	for (; extra && *extra; extra++)
		args[n++] = *extra;
	args[n] = NULL;
	int64_t before = rows();
	char *o, *e;
	int rc = test_run(args, &o, &e);
	if (rc != 1)
		fail_msg("polis-import %s: exit %d, expected 1\n%s", dir, rc, e);
	assert_contains(e, message);
	assert_int_equal(rows(), before);
	free(o);
	free(e);
}

#define COMMENTS "timestamp,comment-id,author-id,moderated,comment-body\n1000,0,1,1,Yes\n2000,1,2,1,No\n"
#define VOTES "timestamp,comment-id,voter-id,vote\n"

/* Found by an attacker: polis-import stored a statement of 300,000
 * characters where the form takes 280. Longer than Pol.is allows (1,000)
 * is refused, naming file and line; longer than 280 (real conversations
 * have comments of 400) is imported and named the same way. */
static void test_long_comments_are_refused_or_named(void **state)
{
	(void)state;
	size_t n = 300000;
	char *comments = malloc(n + 200);
	int len = snprintf(comments, 200, COMMENTS "3000,2,1,1,");
	memset(comments + len, 'a', n);
	comments[len + (int)n] = '\n';
	comments[len + (int)n + 1] = '\0';
	char dir[320];
	snprintf(dir, sizeof dir, "%s/huge", srv.dir);
	write_file(dir, "comments.csv", comments);
	write_file(dir, "votes.csv", VOTES "1,0,1,1\n");
	refused(dir, NULL, "/comments.csv: line 4: comment-body is longer than the 1,000 characters Pol.is allows");
	/* 400 characters, two bytes each. */
	len = snprintf(comments, 200, COMMENTS "3000,2,1,1,");
	for (int i = 0; i < 400; i++)
		len += snprintf(comments + len, 3, "\xc3\xa6");
	snprintf(comments + len, 3, "\n");
	snprintf(dir, sizeof dir, "%s/long", srv.dir);
	write_file(dir, "comments.csv", comments);
	write_file(dir, "votes.csv", VOTES "1,0,1,1\n");
	const char *args[] = { "polis-import", dir, "--db", srv.db, NULL };
	char *o, *e;
	assert_int_equal(test_run(args, &o, &e), 0);
	assert_contains(e, "/comments.csv: line 4: comment-id 2 has 400 characters, more than the 280");
	assert_contains(o, "3 statements (0 rejected, 1 longer than 280 characters)");
	free(o);
	free(e);
	free(comments);
}

static void test_bad_files_are_refused(void **state)
{
	(void)state;
	static const struct {
		const char *comments, *votes, *participants; /* NULL: no such file */
		const char *message;
	} bad[] = {
		{ "comment-id,moderated\n0,1\n", VOTES "1,0,1,1\n", NULL,
		  "/comments.csv: line 1: no column 'comment-body'" },
		{ COMMENTS, "timestamp,comment-id,vote\n1,0,1\n", NULL, "/votes.csv: line 1: no column 'voter-id'" },
		{ COMMENTS, VOTES "1,0,1,1\n2,5,1,1\n", NULL, "/votes.csv: line 3: comment-id 5 is not in comments.csv" },
		{ COMMENTS, VOTES "1,0,1,1\n1,0,1,-1\n", NULL,
		  "/votes.csv: line 3: a different vote by the same voter on the same comment at the same time as line 2" },
		{ COMMENTS "3000,0,1,1,Again\n", VOTES "1,0,1,1\n", NULL, "/comments.csv: line 4: comment-id 0 appears twice" },
		{ COMMENTS, VOTES "1,0,1,1\n2,1,1,+1\n", NULL, "/votes.csv: line 3: vote must be -1, 0 or 1" },
		{ COMMENTS, VOTES "1,0,1,1\n2,1,1,agree\n", NULL, "/votes.csv: line 3: vote must be -1, 0 or 1" },
		{ COMMENTS "3000,2,1,1,caf\xe9\n", VOTES "1,0,1,1\n", NULL, "/comments.csv: line 4: invalid UTF-8" },
		{ COMMENTS "3000,2,1,1,\n", VOTES "1,0,1,1\n", NULL, "/comments.csv: line 4: comment-body is empty" },
		{ COMMENTS, VOTES "1,0,1,1\n2,1,1\n", NULL, "/votes.csv: line 3: 3 fields, expected 4" },
		{ COMMENTS, NULL, "participant,group-id,n-disagree,0,1\n1,,0,1,\n1,,0,,-1\n",
		  "/participants-votes.csv: line 3: participant 1 appears twice" },
		{ COMMENTS, NULL, "participant,group-id,n-disagree,0,7\n1,,0,1,\n",
		  "/participants-votes.csv: line 1: column 5: '7' is not a new comment-id of comments.csv" },
		{ COMMENTS, NULL, NULL, "/participants-votes.csv: No such file" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char dir[320];
		snprintf(dir, sizeof dir, "%s/bad%zu", srv.dir, i);
		write_file(dir, "comments.csv", bad[i].comments);
		if (bad[i].votes)
			write_file(dir, "votes.csv", bad[i].votes);
		if (bad[i].participants)
			write_file(dir, "participants-votes.csv", bad[i].participants);
		refused(dir, NULL, bad[i].message);
	}
	/* Into an arena that is not there, or one that has these comments. */
	char dir[320];
	snprintf(dir, sizeof dir, "%s/good", srv.dir);
	write_file(dir, "comments.csv", COMMENTS);
	write_file(dir, "votes.csv", VOTES "1,0,1,1\n2,1,2,-1\n");
	const char *nowhere[] = { "--arena", "999999", NULL };
	refused(dir, nowhere, "no arena 999999");
	int64_t arena = import(srv.db, dir);
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)arena);
	const char *twice[] = { "--arena", id, NULL };
	refused(dir, twice, "already has comment-id 0");
	const char *lang[] = { "--lang", "Dansk", NULL };
	const char *args[] = { "polis-import", dir, "--db", srv.db, lang[0], lang[1], NULL };
	char *o, *e;
	assert_int_equal(test_run(args, &o, &e), 2);
	assert_contains(e, "invalid --lang value 'Dansk'");
	free(o);
	free(e);
}

/* A votes.csv of more than 16 MB, which samskab opinion reads in two
 * halves at once, each into arrays sized by a guess from its first lines:
 * written with long lines first (the guess too small for the first half,
 * so its lines are counted and it is read again) or with its lines of one
 * length, it gives the same map, byte for byte. */
static void write_big_votes(const char *dir, int long_first)
{
	enum { NS = 60, NP = 12000 };
	char path[400], pad[201];
	mkdir(dir, 0700);
	snprintf(path, sizeof path, "%s/comments.csv", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("timestamp,comment-id,author-id,moderated,comment-body\n", f);
	for (int s = 0; s < NS; s++)
		fprintf(f, "%d,%d,1,1,Statement %d\n", 1000 + s, s, s);
	assert_int_equal(fclose(f), 0);
	memset(pad, 'x', sizeof pad - 1);
	pad[sizeof pad - 1] = '\0';
	snprintf(path, sizeof path, "%s/votes.csv", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("timestamp,datetime,comment-id,voter-id,vote\n", f);
	long bytes = 0, t = 1700000000000;
	for (int p = 0; p < NP; p++)
		for (int s = 0; s < NS; s++) {
			/* Two camps by voter, split on the odd statements; every
			 * seventh vote a pass. */
			int v = (p * NS + s) % 7 == 0 ? 0 : ((p % 2) ^ (s % 2)) ? 1 : -1;
			int n = fprintf(f, "%ld,%s,%d,%d,%d\n", t++, long_first && bytes < (3 << 20) ? pad : "d", s,
					p, v);
			bytes += n;
		}
	assert_int_equal(fclose(f), 0);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_true(sb.st_size > (16 << 20));
}

static void test_a_large_votes_file_read_in_halves(void **state)
{
	(void)state;
	char even[320], uneven[320];
	snprintf(even, sizeof even, "%s/big-even", srv.dir);
	snprintf(uneven, sizeof uneven, "%s/big-uneven", srv.dir);
	write_big_votes(even, 0);
	write_big_votes(uneven, 1);
	const char *a1[] = { "opinion", even, "--json", NULL }, *a2[] = { "opinion", uneven, "--json", NULL };
	char *o1, *e1, *o2, *e2;
	assert_int_equal(test_run(a1, &o1, &e1), 0);
	assert_int_equal(test_run(a2, &o2, &e2), 0);
	assert_string_equal(e1, "");
	assert_string_equal(e2, "");
	assert_string_equal(o2, o1);
	json_t *map = json_loads(o1, 0, NULL);
	assert_non_null(map);
	assert_int_equal(json_integer_value(json_object_get(map, "k")), 2);
	assert_int_equal(json_array_size(json_object_get(map, "participants")), 12000);
	json_decref(map);
	free(o1);
	free(e1);
	free(o2);
	free(e2);
}

static void test_text_survives_the_round_trip(void **state)
{
	(void)state;
	char dir[320], out[320];
	snprintf(dir, sizeof dir, "%s/text", srv.dir);
	snprintf(out, sizeof out, "%s/text-out", srv.dir);
	write_file(dir, "comments.csv",
		   "timestamp,comment-id,author-id,moderated,is-meta,comment-body\n"
		   "1000,0,7,1,false,\"Busser, tog og \"\"flextur\"\"\nskal hænge sammen\"\n"
		   "2000,1,8,-1,false,Afvist\n"
		   "3000,2,7,0,true,Om dialogen\n");
	write_file(dir, "votes.csv", VOTES "5000,0,7,1\n6000,0,8,-1\n7000,0,7,0\n");
	write_file(dir, "summary.csv", "topic,\"Trafik, by og land\"\nconversation-description,Kort **tekst**\n");
	int64_t arena = import(srv.db, dir);
	char sql[400];
	snprintf(sql, sizeof sql,
		 "SELECT COUNT(*) FROM arena a JOIN statement s ON s.arena_id = a.id WHERE a.id = %lld AND "
		 "a.title = 'Trafik, by og land' AND a.description = 'Kort **tekst**' AND s.text = "
		 "'Busser, tog og \"flextur\"\nskal hænge sammen' AND s.status = 'accepted' AND s.external_id = 0",
		 (long long)arena);
	assert_int_equal(test_sql_int(&srv, sql), 1);
	snprintf(sql, sizeof sql,
		 "SELECT COUNT(*) FROM statement WHERE arena_id = %lld AND ((external_id = 1 AND status = "
		 "'rejected') OR (external_id = 2 AND meta = 1))",
		 (long long)arena);
	assert_int_equal(test_sql_int(&srv, sql), 2);
	/* The vote changed at 7000 is current; all three are in the history. */
	snprintf(sql, sizeof sql,
		 "SELECT COUNT(*) * 10 + SUM(v.value) FROM vote v JOIN statement s ON s.id = v.statement_id "
		 "WHERE s.arena_id = %lld",
		 (long long)arena);
	assert_int_equal(test_sql_int(&srv, sql), 20 - 1);

	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)arena);
	const char *args[] = { "polis-export", id, out, "--db", srv.db, NULL };
	assert_int_equal(test_run(args, NULL, NULL), 0);
	int64_t again = import(srv.db, out);
	snprintf(sql, sizeof sql,
		 "SELECT COUNT(*) FROM statement a JOIN statement b ON b.external_id = a.external_id AND "
		 "b.text = a.text AND b.status = a.status AND b.meta = a.meta WHERE a.arena_id = %lld AND "
		 "b.arena_id = %lld",
		 (long long)arena, (long long)again);
	assert_int_equal(test_sql_int(&srv, sql), 3);
	snprintf(sql, sizeof sql,
		 "SELECT COUNT(*) FROM arena WHERE id = %lld AND title = 'Trafik, by og land' AND description = "
		 "'Kort **tekst**'",
		 (long long)again);
	assert_int_equal(test_sql_int(&srv, sql), 1);
	snprintf(sql, sizeof sql,
		 "SELECT SUM(h.voted_at * h.value + h.voted_at) FROM vote_history h JOIN statement s ON s.id = "
		 "h.statement_id WHERE s.arena_id = %lld",
		 (long long)again);
	assert_int_equal(test_sql_int(&srv, sql), 5000 * 2 + 6000 * 0 + 7000 * 1);
}

/* Imports a conversation of four statements (comments.csv's records)
 * on which two camps of twelve vote, each agreeing where the other
 * disagrees; the arena's id. Its map is computed at once. */
static int64_t two_camps(const char *name, const char *comments)
{
	char dir[320], votes[8192] = VOTES;
	snprintf(dir, sizeof dir, "%s/%s", srv.dir, name);
	write_file(dir, "comments.csv", comments);
	for (int p = 1; p <= 24; p++)
		for (int c = 0; c < 4; c++)
			snprintf(votes + strlen(votes), sizeof votes - strlen(votes), "%d,%d,%d,%d\n", 10000 + p * 10 + c,
				 c, p, (p <= 12) == (c % 2 == 0) ? 1 : -1);
	write_file(dir, "votes.csv", votes);
	return import(srv.db, dir);
}

/* Statement text with "&", "<" and quotes is escaped once on the page
 * and in the image (in the group descriptions, the quotations and the
 * bars' lists), never twice. */
static void test_text_is_escaped_once(void **state)
{
	(void)state;
	int64_t arena = two_camps("escape", "timestamp,comment-id,author-id,moderated,comment-body\n"
					    "1000,0,1,1,Bus & tog <hver time>\n"
					    "2000,1,2,1,\"Flere \"\"cykelstier\"\" i Aarup\"\n"
					    "3000,2,3,1,Skolen & hallen skal deles\n"
					    "4000,3,4,1,Mindre <støj> om natten\n");
	json_t *api = api_map(&srv, arena);
	assert_string_equal(json_string_value(json_object_get(api, "status")), "ready");
	json_decref(api);

	struct test_client c = { 0 };
	char path[80];
	snprintf(path, sizeof path, "/arenas/%lld/opinion", (long long)arena);
	char *page = get(&srv, &c, path, 200);
	assert_contains(page, "Bus &amp; tog &lt;hver time&gt;");
	assert_contains(page, "Flere &quot;cykelstier&quot; i Aarup");
	assert_contains(page, "Er mest enig i »");
	assert_not_contains(page, "&amp;amp;");
	assert_not_contains(page, "&amp;lt;");
	assert_not_contains(page, "&amp;quot;");
	free(page);
	snprintf(path, sizeof path, "/arenas/%lld/opinion.svg", (long long)arena);
	char *svg = get(&srv, &c, path, 200);
	assert_true(svg_uses(svg) > 0); /* well-formed XML */
	assert_not_contains(svg, "&amp;amp;");
	assert_not_contains(svg, "&amp;lt;");
	free(svg);
}

/* A stored map that is not one samskab made (hand-edited, or written by a
 * bug): the page, the image and the API answer 500, saying so in the
 * log; the export goes on without groups, saying so; nothing crashes or
 * reads out of bounds (the sanitized run uses an ASan server). */
static void test_a_broken_stored_map_is_an_error_not_a_crash(void **state)
{
	(void)state;
	int64_t arena = two_camps("broken", "timestamp,comment-id,author-id,moderated,comment-body\n"
					    "1000,0,1,1,En\n2000,1,2,1,To\n3000,2,3,1,Tre\n4000,3,4,1,Fire\n");
	struct test_client c = { 0 };
	char sql[4096], path[3][80];
	snprintf(path[0], sizeof path[0], "/arenas/%lld/opinion", (long long)arena);
	snprintf(path[1], sizeof path[1], "/arenas/%lld/opinion.svg", (long long)arena);
	snprintf(path[2], sizeof path[2], "/api/v1/arenas/%lld/opinion", (long long)arena);
	for (int i = 0; i < 3; i++)
		free(get(&srv, &c, path[i], 200));
	static const char *const broken[] = {
		"{\"status\":\"ready\",\"k\":", /* not JSON */
		/* a group beyond k, and k beyond the marks there are */
		"{\"status\":\"ready\",\"k\":2,\"participants\":[{\"id\":1,\"group\":7,\"x\":1,\"y\":1}],"
		"\"consensus\":{\"agree\":[],\"disagree\":[]},\"repness\":[[],[]]}",
		"{\"status\":\"ready\",\"k\":9,\"participants\":[],\"consensus\":{\"agree\":[],"
		"\"disagree\":[]},\"repness\":[[],[],[],[],[],[],[],[],[]]}",
		/* a tally list shorter than the groups */
		"{\"status\":\"ready\",\"k\":2,\"participants\":[],\"consensus\":{\"agree\":[],"
		"\"disagree\":[]},\"repness\":[[],[]],\"votes\":{\"1\":{\"A\":1,\"D\":0,\"S\":1}},"
		"\"groupVotes\":{\"1\":[{\"A\":1,\"D\":0,\"S\":1}]}}",
	};
	for (size_t b = 0; b < sizeof broken / sizeof broken[0]; b++) {
		/* A new version, as every map stored is (the nodes keep what
		 * they drew of the last one). */
		snprintf(sql, sizeof sql, "UPDATE opinion_map SET map = '%s', version = version + 1 WHERE arena_id = %lld",
			 broken[b], (long long)arena);
		test_sql(&srv, sql);
		char *page = get(&srv, &c, path[0], 500);
		assert_contains(page, "Der skete en fejl hos os");
		free(page);
		free(get(&srv, &c, path[1], 500));
		char *api = get(&srv, &c, path[2], 500);
		assert_contains(api, "\"status\":500");
		free(api);
		char id[24], out[340];
		snprintf(id, sizeof id, "%lld", (long long)arena);
		snprintf(out, sizeof out, "%s/broken-out-%zu", srv.dir, b);
		const char *args[] = { "polis-export", id, out, "--db", srv.db, NULL };
		char *err = NULL;
		assert_int_equal(test_run(args, NULL, &err), 0);
		assert_contains(err, "the stored opinion map cannot be read");
		free(err);
		char csv[400];
		snprintf(csv, sizeof csv, "%s/participants-votes.csv", out);
		assert_int_equal(access(csv, R_OK), 0);
	}
	/* The server is still there, and says in its log what was wrong. */
	free(get(&srv, &c, "/", 200));
	FILE *log = fopen(srv.log, "r");
	assert_non_null(log);
	char line[1024];
	int said = 0;
	while (fgets(line, sizeof line, log))
		said |= strstr(line, "stored opinion map is broken") && strstr(line, "is outside 0..1");
	fclose(log);
	assert_true(said);
}

/* The page, the image and the API of an arena all say there is not
 * enough to show. */
static void not_enough(int64_t arena)
{
	struct test_client c = { 0 };
	char path[80];
	snprintf(path, sizeof path, "/arenas/%lld/opinion", (long long)arena);
	char *body = get(&srv, &c, path, 200);
	assert_contains(body, "Der er ikke nok at vise endnu");
	assert_not_contains(body, "<svg");
	free(body);
	snprintf(path, sizeof path, "/arenas/%lld/opinion.svg", (long long)arena);
	body = get(&srv, &c, path, 200);
	assert_contains(body, ">Ikke nok at vise endnu</text>");
	assert_int_equal(svg_uses(body), 0);
	free(body);
	json_t *j = api_map(&srv, arena);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "not-enough");
	assert_int_equal(json_integer_value(json_object_get(j, "k")), 0);
	json_decref(j);
}

static void test_not_enough_to_show(void **state)
{
	(void)state;
	/* No dialogue at all: the demo's first arena. */
	not_enough(1);
	json_t *j = api_map(&srv, 1);
	assert_true(json_is_null(json_object_get(j, "computedAt")));
	json_decref(j);
	struct http_resp r;
	http_get(&srv, "/arenas/999999/opinion", &r);
	assert_int_equal(r.status, 404);
	http_resp_free(&r);
	http_get(&srv, "/arenas/999999/opinion.svg", &r);
	assert_int_equal(r.status, 404);
	http_resp_free(&r);
	http_get(&srv, "/api/v1/arenas/999999/opinion", &r);
	assert_int_equal(r.status, 404);
	http_resp_free(&r);

	/* One participant; and twenty who pass on everything. */
	char dir[320];
	snprintf(dir, sizeof dir, "%s/one", srv.dir);
	write_file(dir, "comments.csv", COMMENTS);
	write_file(dir, "votes.csv", VOTES "1,0,1,1\n2,1,1,-1\n");
	not_enough(import(srv.db, dir));
	char votes[4096] = VOTES;
	for (int p = 1; p <= 20; p++)
		for (int s = 0; s < 2; s++)
			snprintf(votes + strlen(votes), sizeof votes - strlen(votes), "%d,%d,%d,0\n", p * 10 + s, s, p);
	snprintf(dir, sizeof dir, "%s/pass", srv.dir);
	write_file(dir, "comments.csv", COMMENTS);
	write_file(dir, "votes.csv", votes);
	not_enough(import(srv.db, dir));
}

/* The statement the dialogue page offers to vote on, or 0. */
static int offered(struct test_client *c)
{
	char *body = get(&srv, c, "/arenas/2/dialogue", 200);
	const char *p = strstr(body, "name=\"statement\" value=\"");
	int id = p ? atoi(p + 24) : 0;
	free(body);
	return id;
}

struct map_wait {
	struct test_client *c;
	char *page; /* the map page once the visitor is on it */
};

/* The background job redraws the map in its own time. */
static int visitor_on_map(void *arg)
{
	struct map_wait *w = arg;
	w->page = get(&srv, w->c, "/arenas/2/opinion", 200);
	if (strstr(w->page, ">Dig</text>"))
		return 1;
	free(w->page);
	w->page = NULL;
	return 0;
}

static void test_own_place_and_breakdowns(void **state)
{
	(void)state;
	struct test_client c = { 0 };
	char *page = get(&srv, &c, "/arenas/2/opinion", 200);
	assert_contains(page, "Tag stilling til nogle udsagn for at se, hvor du står på kortet.");
	assert_not_contains(page, ">Dig</text>");
	/* The demo's voters: every second one gave the area and a sector. */
	assert_contains(page, "<h2 id=\"by-area\">Efter lokalområde</h2><p>24 af dem, der har stemt, har sagt");
	assert_contains(page, "<th scope=\"col\">Haarby</th>");
	assert_contains(page, "<h2 id=\"by-sector\">Efter sektor</h2><p>24 af dem");
	assert_contains(page, "<th scope=\"col\">Borgerdrevet</th><th scope=\"col\">Offentlig</th>");
	assert_contains(page, "% enige, ");
	free(page);

	/* A visitor agrees with everything; once the map has caught up, the
	 * visitor is on it. */
	int64_t before = test_sql_int(&srv, "SELECT computed_at FROM opinion_map WHERE arena_id = 2");
	for (int s, n = 0; (s = offered(&c)) != 0 && n < 20; n++) {
		char form[80];
		snprintf(form, sizeof form, "statement=%d&vote=agree", s);
		struct http_resp r;
		client_post(&srv, &c, "/arenas/2/dialogue/vote", form, &r);
		assert_int_equal(r.status, 303);
		http_resp_free(&r);
	}
	int64_t mine = test_sql_int(&srv, "SELECT MAX(id) FROM participant");
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM vote WHERE participant_id = %lld", (long long)mine);
	assert_int_equal(test_sql_int(&srv, sql), 12);
	struct map_wait w = { &c, NULL };
	test_wait_until(visitor_on_map, &w, TEST_DEADLINE_MS, "the visitor on the opinion map");
	page = w.page;
	assert_true(test_sql_int(&srv, "SELECT computed_at FROM opinion_map WHERE arena_id = 2") >= before);
	assert_true(strstr(page, "Du er i Gruppe ") || strstr(page, "Du står på kortet"));
	assert_contains(page, "Du er markeret med en ring.");
	free(page);
	char *svg = get(&srv, &c, "/arenas/2/opinion.svg", 200);
	assert_contains(svg, "r=\"10\" fill=\"none\" stroke=\"#1b1f24\"");
	assert_true(svg_uses(svg) > 48);
	free(svg);
	/* Others do not see that ring. */
	struct test_client other = { 0 };
	svg = get(&srv, &other, "/arenas/2/opinion.svg", 200);
	assert_not_contains(svg, "r=\"10\" fill=\"none\"");
	free(svg);
}

#define EMPTY (-9)

/* Column col of DIR/name, one number per record after the header (EMPTY:
 * an empty field); the files read here have plain fields, no quotes.
 * Returns how many records there were. */
static size_t csv_column(const char *dir, const char *name, const char *col, long long *out, size_t max)
{
	char path[400], line[1024];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	int want = -1;
	size_t n = 0;
	for (int row = 0; fgets(line, sizeof line, f); row++) {
		assert_null(strchr(line, '"'));
		line[strcspn(line, "\r\n")] = '\0';
		char *rest = line, *field;
		for (int i = 0; (field = strsep(&rest, ",")) != NULL; i++)
			if (row == 0 && strcmp(field, col) == 0)
				want = i;
			else if (row > 0 && i == want) {
				assert_true(n < max);
				out[n++] = *field ? atoll(field) : EMPTY;
			}
		if (row == 0 && want < 0)
			fail_msg("%s: no column '%s'", path, col);
	}
	assert_int_equal(fclose(f), 0);
	return n;
}

static void assert_column(const char *dir, const char *name, const char *col, const long long *want, size_t n)
{
	long long got[16];
	assert_int_equal(csv_column(dir, name, col, got, 16), n);
	for (size_t i = 0; i < n; i++)
		if (got[i] != want[i])
			fail_msg("%s %s, record %zu: %lld, expected %lld", name, col, i + 1, got[i], want[i]);
}

static void test_export_numbers_participants_in_the_dialogue(void **state)
{
	(void)state;
	char dir[320], out[320];
	snprintf(dir, sizeof dir, "%s/numbers", srv.dir);
	snprintf(out, sizeof out, "%s/numbers-out", srv.dir);
	write_file(dir, "comments.csv",
		   "timestamp,comment-id,author-id,moderated,comment-body\n"
		   "1000,0,7,1,Yes\n2000,1,8,1,No\n3000,2,9,1,Maybe\n");
	write_file(dir, "votes.csv", VOTES "4000,1,8,1\n5000,0,7,-1\n6000,0,8,1\n7000,1,8,-1\n");
	int64_t arena = import(srv.db, dir);

	/* A visitor votes in the demo's dialogue, then in this one: one
	 * participant in two arenas. */
	struct test_client c = { 0 };
	char form[80], path[80], sql[400];
	int s = offered(&c);
	assert_true(s > 0);
	snprintf(form, sizeof form, "statement=%d&vote=agree", s);
	struct http_resp r;
	client_post(&srv, &c, "/arenas/2/dialogue/vote", form, &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	snprintf(sql, sizeof sql, "SELECT id FROM statement WHERE arena_id = %lld AND external_id = 2", (long long)arena);
	snprintf(form, sizeof form, "statement=%lld&vote=disagree", (long long)test_sql_int(&srv, sql));
	snprintf(path, sizeof path, "/arenas/%lld/dialogue/vote", (long long)arena);
	client_post(&srv, &c, path, form, &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	snprintf(sql, sizeof sql,
		 "SELECT COUNT(DISTINCT s.arena_id) FROM vote v JOIN statement s ON s.id = v.statement_id WHERE "
		 "v.participant_id = (SELECT w.participant_id FROM vote w JOIN statement t ON t.id = w.statement_id "
		 "WHERE t.arena_id = %lld AND t.external_id = 2)",
		 (long long)arena);
	assert_int_equal(test_sql_int(&srv, sql), 2);

	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)arena);
	const char *args[] = { "polis-export", id, out, "--db", srv.db, NULL };
	assert_int_equal(test_run(args, NULL, NULL), 0);
	/* Voters in the order of their first vote: 8 is 0, 7 is 1, the
	 * visitor 2; then 9, who wrote but never voted, 3. */
	static const long long voters[] = { 0, 1, 0, 0, 2 }, rows[] = { 0, 1, 2, 3 }, authors[] = { 1, 0, 3 },
			       written[] = { 1, 1, 0, 1 }, cast[] = { 2, 1, 1, 0 };
	assert_column(out, "votes.csv", "voter-id", voters, 5);
	assert_column(out, "participants-votes.csv", "participant", rows, 4);
	assert_column(out, "comments.csv", "author-id", authors, 3);
	assert_column(out, "participants-votes.csv", "n-comments", written, 4);
	assert_column(out, "participants-votes.csv", "n-votes", cast, 4);
	/* Each current vote in its voter's row: 8 agreed with comment 0 and
	 * changed to disagree with comment 1, 7 disagreed with comment 0,
	 * the visitor with comment 2. */
	static const long long on0[] = { 1, -1, EMPTY, EMPTY }, on1[] = { -1, EMPTY, EMPTY, EMPTY },
			       on2[] = { EMPTY, EMPTY, -1, EMPTY };
	assert_column(out, "participants-votes.csv", "0", on0, 4);
	assert_column(out, "participants-votes.csv", "1", on1, 4);
	assert_column(out, "participants-votes.csv", "2", on2, 4);

	/* Read back, number 0 is a participant like the others: the author
	 * of comment 1 is the one who voted first. */
	int64_t again = import(srv.db, out);
	snprintf(sql, sizeof sql,
		 "SELECT COUNT(*) FROM statement s JOIN vote_history h ON h.participant_id = s.participant_id WHERE "
		 "s.arena_id = %lld AND s.external_id = 1 AND h.voted_at = 4000",
		 (long long)again);
	assert_int_equal(test_sql_int(&srv, sql), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_import_shows_the_groups_of_the_cli),
		TEST_CASE(test_export_and_import_again),
		TEST_CASE(test_bad_files_are_refused),
		TEST_CASE(test_a_large_votes_file_read_in_halves),
		TEST_CASE(test_long_comments_are_refused_or_named),
		TEST_CASE(test_text_survives_the_round_trip),
		TEST_CASE(test_not_enough_to_show),
		TEST_CASE(test_text_is_escaped_once),
		TEST_CASE(test_a_broken_stored_map_is_an_error_not_a_crash),
		TEST_CASE(test_own_place_and_breakdowns),
		TEST_CASE(test_export_numbers_participants_in_the_dialogue),
	};
	return cmocka_run_group_tests_name("integration/opinion", tests, setup, teardown);
}
