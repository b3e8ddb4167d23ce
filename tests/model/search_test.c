/*
 * search_test.c: search (src/model/search.c) on SQLite (FTS5 with the
 * danish tokenizer) and on PostgreSQL (its danish configuration) with the
 * same data and the same queries, expecting the same answers from both:
 * Danish word forms find each other, only accepted statements are found
 * (also not counted, not in extracts), proposals by their newest text and
 * comments while no moderator hides them, filters by kind, arena, area and
 * theme, a title outranks a mention, paging, highlighting, and queries
 * that would trip an engine's query language are read as plain words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/comment.h"
#include "model/revision.h"
#include "model/search.h"
#include "support/modeldb.h"
#include "support/support.h"

struct world {
	int64_t haarby, assens, elderly, integration, arena_h, arena_f, pending, rejected;
};

/* Two arenas on two themes, in two areas, with activities, statements in
 * every state, a story and organisations; all through the tables, so the
 * triggers of migration 0011 build the index. */
static struct world make_world(struct modeldb *m)
{
	struct world w;
	w.haarby = modeldb_area(m, "Haarby");
	w.assens = modeldb_area(m, "Assens");
	modeldb_exec(m, "INSERT INTO theme (name, name_key, created_at, updated_at) VALUES "
			"('Ensomme ældre', 'ensomme ældre', 1, 1), ('Integration', 'integration', 1, 1)");
	w.elderly = modeldb_int(m, "SELECT id FROM theme WHERE name = 'Ensomme ældre'");
	w.integration = modeldb_int(m, "SELECT id FROM theme WHERE name = 'Integration'");
	modeldb_exec(m, "INSERT INTO arena (title, title_key, theme_id, description, created_at, updated_at) VALUES "
			"('Ensomme ældre i Haarby', 'e', %lld, 'Mange **ældre** bor alene. Vi vil skabe fællesskab "
			"sammen med foreninger og naboer.', 1, 1)",
		     (long long)w.elderly);
	w.arena_h = modeldb_int(m, "SELECT id FROM arena WHERE title_key = 'e'");
	modeldb_exec(m, "INSERT INTO arena (title, title_key, theme_id, description, created_at, updated_at) VALUES "
			"('Integration på Folkemødet', 'f', %lld, 'Nye medborgere og lokalt foreningsliv.', 2, 2)",
		     (long long)w.integration);
	w.arena_f = modeldb_int(m, "SELECT id FROM arena WHERE title_key = 'f'");
	modeldb_exec(m, "INSERT INTO arena_area (arena_id, area_id) VALUES (%lld, %lld), (%lld, %lld)",
		     (long long)w.arena_h, (long long)w.haarby, (long long)w.arena_f, (long long)w.assens);
	modeldb_exec(m, "INSERT INTO activity (arena_id, kind, title, description, starts_at, ends_at, place, "
			"created_at, updated_at) VALUES (%lld, 'workshop', 'Workshop om fællesspisning', "
			"'Kaffe og kage for de ældres skyld.', 10, 20, 'Haarby Bibliotek', 3, 3)",
		     (long long)w.arena_h);
	modeldb_exec(m, "INSERT INTO statement (arena_id, text, status, created_at) VALUES "
			"(%lld, 'Foreningerne bør åbne deres aktiviteter for ældre.', 'accepted', 4), "
			"(%lld, 'En forening for ældre mangler i Haarby.', 'pending', 5), "
			"(%lld, 'Ældre er en byrde, hemmeligt ord zebrafinke.', 'rejected', 6), "
			"(%lld, 'Sprogcafé i foreningen hver tirsdag.', 'accepted', 7)",
		     (long long)w.arena_h, (long long)w.arena_h, (long long)w.arena_h, (long long)w.arena_f);
	w.pending = modeldb_int(m, "SELECT id FROM statement WHERE status = 'pending'");
	w.rejected = modeldb_int(m, "SELECT id FROM statement WHERE status = 'rejected'");
	modeldb_exec(m, "INSERT INTO story (title, body, arena_id, area_id, author_name, published_on, licence, "
			"created_at, updated_at) VALUES ('Hvad vi lærte om naboskab', 'Naboer og foreninger "
			"inviterede ældre med.', %lld, %lld, 'Assens Kommune', '2016-07-04', 'CC BY 4.0', 8, 8)",
		     (long long)w.arena_f, (long long)w.assens);
	modeldb_exec(m, "INSERT INTO organisation (name, name_key, sector, description, area_id, created_at, "
			"updated_at) VALUES ('Haarby Seniorklub', 'h', 'citizen', 'Kaffe og ture for ældre.', %lld, 9, 9)",
		     (long long)w.haarby);
	return w;
}

/* "kind:id kind:id ..." of every hit, in order; total in *total. */
static const char *run(struct modeldb *m, const struct search_query *q, int64_t per_page, int64_t page,
		       int64_t *total, struct search_result *res)
{
	static char out[2048];
	struct paging p = { page, per_page, 0 };
	struct field_errors e = { .n = 0 };
	struct search_result r;
	enum model_rc rc = search_run(m->db, m->region, q, &p, &r, &e);
	if (rc != MODEL_OK)
		fail_msg("search \"%s\": %d", q->q, rc);
	out[0] = '\0';
	for (size_t i = 0; i < r.n; i++) {
		size_t used = strlen(out);
		snprintf(out + used, sizeof out - used, "%s%s:%lld", i ? " " : "",
			 search_kind_code(r.hits[i].kind), (long long)r.hits[i].id);
	}
	if (total)
		*total = p.total;
	if (res)
		*res = r;
	return out;
}

static void test_danish_word_forms_find_each_other(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct world w = make_world(m);
	(void)w;
	int64_t total;
	struct search_query q = { .q = "ældres", .kind = -1 };
	/* ældre, ældres: the arena (title and text), the activity (ældres),
	 * the accepted statement, the story, the organisation. */
	assert_string_equal(test_sorted_words(run(m, &q, 20, 1, &total, NULL)),
			    "activity:1 arena:1 organisation:1 statement:1 story:1");
	assert_int_equal(total, 5);
	q.q = "foreninger";
	assert_string_equal(test_sorted_words(run(m, &q, 20, 1, &total, NULL)), "arena:1 statement:1 statement:4 story:1");
	q.q = "FORENING";
	assert_string_equal(test_sorted_words(run(m, &q, 20, 1, &total, NULL)), "arena:1 statement:1 statement:4 story:1");
	/* Two words: both must be there. */
	q.q = "ældre kaffe";
	assert_string_equal(test_sorted_words(run(m, &q, 20, 1, &total, NULL)), "activity:1 organisation:1");
	/* A word that is nowhere. */
	q.q = "vindmølle";
	assert_string_equal(run(m, &q, 20, 1, &total, NULL), "");
	assert_int_equal(total, 0);
}

static void test_hidden_statements_are_never_found(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct world w = make_world(m);
	int64_t total;
	struct search_result r;
	struct search_query q = { .q = "zebrafinke", .kind = -1 };
	assert_string_equal(run(m, &q, 20, 1, &total, &r), "");
	assert_int_equal(total, 0);
	for (int k = 0; k < SEARCH_KIND__MAX; k++)
		assert_int_equal(r.count[k], 0);
	q.q = "mangler";
	assert_string_equal(run(m, &q, 20, 1, &total, NULL), "");
	/* Accepted by a moderator: found from then on. */
	modeldb_exec(m, "UPDATE statement SET status = 'accepted' WHERE id = %lld", (long long)w.pending);
	assert_string_equal(run(m, &q, 20, 1, &total, NULL), "statement:2");
	/* Rejected again, or deleted: gone. */
	modeldb_exec(m, "UPDATE statement SET status = 'rejected' WHERE id = %lld", (long long)w.pending);
	assert_string_equal(run(m, &q, 20, 1, &total, NULL), "");
	q.q = "sprogcafé";
	assert_string_equal(run(m, &q, 20, 1, &total, NULL), "statement:4");
	modeldb_exec(m, "DELETE FROM statement WHERE id = 4");
	assert_string_equal(run(m, &q, 20, 1, &total, NULL), "");
	/* An edited title is found by its new words only. */
	modeldb_exec(m, "UPDATE arena SET title = 'Fællesskab for seniorer' WHERE id = %lld", (long long)w.arena_h);
	q.q = "seniorer";
	assert_string_equal(run(m, &q, 20, 1, &total, NULL), "arena:1");
	q.q = "haarby";
	assert_string_equal(test_sorted_words(run(m, &q, 20, 1, &total, NULL)), "activity:1 organisation:1");
}

/* Proposals and comments go through the model, as the pages write them. */
static void test_proposals_by_their_newest_text_and_visible_comments(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct world w = make_world(m);
	int64_t bo = modeldb_account(m, "bo@example.dk", "Bo"), moderator = modeldb_account(m, "mo@example.dk", "Mo");
	int64_t p = modeldb_proposal(m, w.arena_h, "Besøgsvenner for de ensomme",
				     "Frivillige besøgsvenner kommer hjem til de ældre hver uge.", bo);
	int64_t total;
	struct search_result r;
	struct search_query q = { .q = "besøgsvennerne", .kind = -1 };
	assert_string_equal(run(m, &q, 20, 1, &total, &r), "proposal:1");
	assert_string_equal(search_link(m->region, &r.hits[0]), "/arenas/1/proposals/1");
	assert_string_equal(r.hits[0].title[0].text, "Besøgsvenner");
	assert_true(r.hits[0].title[0].hit);
	/* A new revision: its words are found, the old ones no more. */
	struct revision_result out;
	struct field_errors e = { .n = 0 };
	struct revision_save s = { .proposal_id = p, .base = 1, .title = "Besøgsvenner og nabohjælp",
				   .text = "Naboer kommer på besøg hos de ældre hver uge.", .note = "", .author = bo,
				   .kind = REVISION_EDIT };
	assert_int_equal(revision_save(m->db, m->region, &s, &out, &e), MODEL_OK);
	q.q = "frivillige";
	assert_string_equal(run(m, &q, 20, 1, &total, NULL), "");
	q.q = "nabohjælp";
	assert_string_equal(run(m, &q, 20, 1, &total, NULL), "proposal:1");
	/* "ældre" in the proposal too now; a filter by kind keeps it alone. */
	q = (struct search_query){ .q = "ældre", .kind = SEARCH_PROPOSAL };
	assert_string_equal(run(m, &q, 20, 1, &total, &r), "proposal:1");
	assert_int_equal(r.count[SEARCH_PROPOSAL], 1);
	assert_int_equal(r.count[SEARCH_STATEMENT], 1);

	/* A comment, with the proposal it is on. */
	int64_t c, reply;
	assert_int_equal(comment_add(m->db, p, 0, bo, "Jeg vil gerne være besøgsven hver torsdag.", "da", &c, &e),
			 MODEL_OK);
	assert_int_equal(comment_add(m->db, p, c, moderator, "Godt, torsdag passer os.", "da", &reply, &e), MODEL_OK);
	q = (struct search_query){ .q = "torsdag", .kind = -1 };
	assert_string_equal(test_sorted_words(run(m, &q, 20, 1, &total, &r)), "comment:1 comment:2");
	for (size_t i = 0; i < r.n; i++) {
		assert_int_equal(r.hits[i].parent_id, p);
		assert_string_equal(r.hits[i].parent_title, "Besøgsvenner og nabohjælp");
		assert_string_equal(r.hits[i].arena_title, "Ensomme ældre i Haarby");
	}
	char want[96];
	snprintf(want, sizeof want, "/arenas/1/proposals/1/comments/%lld", (long long)r.hits[0].id);
	assert_string_equal(search_link(m->region, &r.hits[0]), want);
	/* Hidden by a moderator: found by nobody, also not counted; shown
	 * again: found again. */
	assert_int_equal(comment_moderate(m->db, c, MODERATE_HIDE, "Personlige oplysninger", moderator, "test", &e),
			 MODEL_OK);
	assert_string_equal(run(m, &q, 20, 1, &total, &r), "comment:2");
	assert_int_equal(r.count[SEARCH_COMMENT], 1);
	q.q = "besøgsven torsdag";
	assert_string_equal(run(m, &q, 20, 1, &total, &r), "");
	assert_int_equal(r.count[SEARCH_COMMENT], 0);
	assert_int_equal(comment_moderate(m->db, c, MODERATE_SHOW, NULL, moderator, "test", &e), MODEL_OK);
	assert_string_equal(run(m, &q, 20, 1, &total, NULL), "comment:1");
	/* Filtered by arena, area and theme like the rest of the arena. */
	q = (struct search_query){ .q = "torsdag", .kind = -1, .arena_id = w.arena_f };
	assert_string_equal(run(m, &q, 20, 1, &total, NULL), "");
	q = (struct search_query){ .q = "torsdag", .kind = -1, .area_id = w.haarby, .theme_id = w.elderly };
	assert_string_equal(test_sorted_words(run(m, &q, 20, 1, &total, NULL)), "comment:1 comment:2");
	/* A proposal deleted (with its arena, say) takes its comments along. */
	modeldb_exec(m, "DELETE FROM proposal WHERE id = %lld", (long long)p);
	assert_string_equal(run(m, &q, 20, 1, &total, NULL), "");
	q = (struct search_query){ .q = "nabohjælp", .kind = -1 };
	assert_string_equal(run(m, &q, 20, 1, &total, NULL), "");
}

static void test_filters_and_counts_per_kind(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct world w = make_world(m);
	int64_t total;
	struct search_result r;
	struct search_query q = { .q = "ældre", .kind = SEARCH_STATEMENT };
	assert_string_equal(run(m, &q, 20, 1, &total, &r), "statement:1");
	assert_int_equal(total, 1);
	/* Counts per kind ignore the kind filter, so a page can offer them. */
	assert_int_equal(r.count[SEARCH_ARENA], 1);
	assert_int_equal(r.count[SEARCH_ACTIVITY], 1);
	assert_int_equal(r.count[SEARCH_STATEMENT], 1);
	assert_int_equal(r.count[SEARCH_STORY], 1);
	assert_int_equal(r.count[SEARCH_ORGANISATION], 1);
	q = (struct search_query){ .q = "foreninger", .kind = -1, .arena_id = w.arena_f };
	assert_string_equal(test_sorted_words(run(m, &q, 20, 1, &total, NULL)), "statement:4 story:1");
	/* An area: its arenas' things, and things of its own. */
	q = (struct search_query){ .q = "ældre", .kind = -1, .area_id = w.haarby };
	assert_string_equal(test_sorted_words(run(m, &q, 20, 1, &total, NULL)), "activity:1 arena:1 organisation:1 statement:1");
	q = (struct search_query){ .q = "ældre", .kind = -1, .area_id = w.assens };
	assert_string_equal(test_sorted_words(run(m, &q, 20, 1, &total, NULL)), "story:1");
	q = (struct search_query){ .q = "ældre", .kind = -1, .theme_id = w.integration };
	assert_string_equal(test_sorted_words(run(m, &q, 20, 1, &total, NULL)), "story:1");
	q = (struct search_query){ .q = "ældre", .kind = SEARCH_ARENA, .theme_id = w.elderly, .area_id = w.haarby };
	assert_string_equal(run(m, &q, 20, 1, &total, NULL), "arena:1");
}

static void test_title_outranks_text_and_pages(void **state)
{
	struct modeldb *m = modeldb_get(state);
	make_world(m);
	for (int i = 0; i < 7; i++)
		modeldb_exec(m, "INSERT INTO organisation (name, name_key, sector, description, created_at, updated_at) "
				"VALUES ('Klub %d', 'k%d', 'citizen', 'Vi spiller petanque og drikker kaffe, "
				"petanque hver dag.', 10, 10)", i, i);
	modeldb_exec(m, "INSERT INTO organisation (name, name_key, sector, description, created_at, updated_at) "
			"VALUES ('Petanqueklubben Petanque', 'p', 'citizen', 'Om petanque.', 11, 11)");
	int64_t total;
	struct search_query q = { .q = "petanque", .kind = -1 };
	const char *first = run(m, &q, 3, 1, &total, NULL);
	assert_int_equal(total, 8);
	/* The one with the word in its title comes first on both engines. */
	assert_int_equal(strncmp(first, "organisation:9 ", 15), 0);
	char seen[2048] = "";
	for (int page = 1; page <= 3; page++) {
		const char *hits = run(m, &q, 3, page, &total, NULL);
		assert_true(strlen(seen) + strlen(hits) + 2 < sizeof seen);
		strcat(seen, *seen ? " " : "");
		strcat(seen, hits);
	}
	/* Every hit once over the pages, and nothing past the last. */
	assert_string_equal(test_sorted_words(seen), "organisation:2 organisation:3 organisation:4 organisation:5 "
					  "organisation:6 organisation:7 organisation:8 organisation:9");
	assert_string_equal(run(m, &q, 3, 4, &total, NULL), "");
	assert_int_equal(total, 8);
}

static void test_found_words_are_highlighted(void **state)
{
	struct modeldb *m = modeldb_get(state);
	make_world(m);
	struct search_result r;
	struct search_query q = { .q = "ældres foreninger", .kind = SEARCH_ARENA };
	assert_string_equal(run(m, &q, 20, 1, NULL, &r), "arena:1");
	const struct search_hit *h = &r.hits[0];
	/* Title: "Ensomme " [ældre] " i Haarby" */
	assert_int_equal(h->ntitle, 3);
	assert_string_equal(h->title[0].text, "Ensomme ");
	assert_string_equal(h->title[1].text, "ældre");
	assert_true(h->title[1].hit);
	assert_false(h->title[0].hit);
	/* Text: the Markdown emphasis is gone, the found forms marked. */
	char text[1024] = "";
	for (size_t i = 0; i < h->nextract; i++) {
		strcat(text, h->extract[i].hit ? "[" : "");
		strcat(text, h->extract[i].text);
		strcat(text, h->extract[i].hit ? "]" : "");
	}
	assert_string_equal(text, "Mange [ældre] bor alene. Vi vil skabe fællesskab sammen med [foreninger] og naboer.");
	assert_false(h->extract_cut_before);
	assert_false(h->extract_cut_after);
	assert_string_equal(h->arena_title, "Ensomme ældre i Haarby");
	assert_string_equal(search_link(m->region, h), "/arenas/1");
}

static void test_long_text_gives_an_extract_around_the_words(void **state)
{
	struct modeldb *m = modeldb_get(state);
	make_world(m);
	char body[4096] = "";
	for (int i = 0; i < 30; i++)
		strcat(body, "lang tekst uden noget særligt ");
	strcat(body, "men her står ordet vejviser midt i det hele ");
	for (int i = 0; i < 30; i++)
		strcat(body, "og mere tekst bagefter ");
	modeldb_exec(m, "INSERT INTO story (title, body, author_name, published_on, licence, created_at, updated_at) "
			"VALUES ('Lang', '%s', 'A', '2020-01-01', 'CC BY 4.0', 1, 1)", body);
	struct search_result r;
	struct search_query q = { .q = "vejvisere", .kind = -1 };
	assert_string_equal(run(m, &q, 20, 1, NULL, &r), "story:2");
	const struct search_hit *h = &r.hits[0];
	assert_true(h->extract_cut_before);
	assert_true(h->extract_cut_after);
	int hits = 0;
	size_t words = 0;
	for (size_t i = 0; i < h->nextract; i++) {
		hits += h->extract[i].hit;
		for (const char *p = h->extract[i].text; *p; p++)
			words += *p == ' ';
	}
	assert_int_equal(hits, 1);
	assert_true(words < 50);
	assert_string_equal(h->extract[0].text, "men her står ordet ");
}

/* A word in more things of a kind than SEARCH_CAP: the newest are
 * counted and ranked, and the count says there are more. */
static void test_a_very_common_word_ranks_the_newest(void **state)
{
	struct modeldb *m = modeldb_get(state);
	make_world(m);
	modeldb_exec(m, "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %d) "
			"INSERT INTO statement (arena_id, text, status, created_at) "
			"SELECT 1, 'Udsagn nummer ' || i || ' om vindmøller', 'accepted', i FROM k",
		     SEARCH_CAP + 10);
	int64_t newest = modeldb_int(m, "SELECT MAX(id) FROM statement"), total;
	struct search_result r;
	struct search_query q = { .q = "vindmøller", .kind = -1 };
	const char *hits = run(m, &q, 20, 1, &total, &r);
	assert_int_equal(total, SEARCH_CAP);
	assert_int_equal(r.count[SEARCH_STATEMENT], SEARCH_CAP);
	assert_true(r.more[SEARCH_STATEMENT]);
	assert_false(r.more[SEARCH_ARENA]);
	char want[64];
	snprintf(want, sizeof want, "statement:%lld ", (long long)newest);
	assert_int_equal(strncmp(hits, want, strlen(want)), 0);
	/* The last page ends with the oldest of those ranked. */
	hits = run(m, &q, 20, SEARCH_CAP / 20, &total, &r);
	snprintf(want, sizeof want, "statement:%lld", (long long)(newest - SEARCH_CAP + 1));
	assert_non_null(strstr(hits, want));
	assert_string_equal(run(m, &q, 20, SEARCH_CAP / 20 + 1, &total, &r), "");
	/* Two words narrow it down, and everything is counted again. */
	q.q = "vindmøller 17";
	assert_string_equal(run(m, &q, 20, 1, &total, &r), "statement:21");
	assert_false(r.more[SEARCH_STATEMENT]);
}

static void test_bad_queries_get_a_reason(void **state)
{
	struct modeldb *m = modeldb_get(state);
	make_world(m);
	static const struct {
		const char *q;
		enum msg why;
	} bad[] = {
		{ "", MSG_SEARCH_EMPTY },
		{ "   ", MSG_SEARCH_EMPTY },
		{ "\"*^-:()", MSG_SEARCH_EMPTY },
		{ "og i det", MSG_SEARCH_ONLY_COMMON },
		{ "en to tre fire fem seks syv otte ni ti elleve tolv tretten fjorten", MSG_SEARCH_TOO_LONG },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct paging p = { 1, 10, 0 };
		struct field_errors e = { .n = 0 };
		struct search_result r;
		struct search_query q = { .q = bad[i].q, .kind = -1 };
		assert_int_equal(search_run(m->db, m->region, &q, &p, &r, &e), MODEL_INVALID);
		if (field_error_get(&e, "q") != bad[i].why)
			fail_msg("\"%s\": message %d, want %d", bad[i].q, field_error_get(&e, "q"), bad[i].why);
	}
	char huge[10 * 1024 + 1];
	memset(huge, 'x', sizeof huge - 1);
	huge[sizeof huge - 1] = '\0';
	struct paging p = { 1, 10, 0 };
	struct field_errors e = { .n = 0 };
	struct search_result r;
	struct search_query q = { .q = huge, .kind = -1 };
	assert_int_equal(search_run(m->db, m->region, &q, &p, &r, &e), MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "q"), MSG_SEARCH_TOO_LONG);
}

static void test_query_language_is_read_as_words(void **state)
{
	struct modeldb *m = modeldb_get(state);
	make_world(m);
	/* FTS5 would read these as operators, column filters, prefixes or
	 * an unbalanced phrase; tsquery as & | ! :*. Here they are words. */
	static const char *const queries[] = {
		"ældre OR zebrafinke", "\"ældre", "title:ældre", "ældre*", "NEAR(ældre kaffe)",
		"ældre AND kaffe", "-kaffe ældre", "ældre & !kaffe", "ældre:* | kaffe", "^ældre", "{ældre}",
	};
	static const char *const want[] = {
		"", "activity:1 arena:1 organisation:1 statement:1 story:1",
		"", "activity:1 arena:1 organisation:1 statement:1 story:1",
		"", "", "activity:1 organisation:1",
		"activity:1 organisation:1", "activity:1 organisation:1",
		"activity:1 arena:1 organisation:1 statement:1 story:1",
		"activity:1 arena:1 organisation:1 statement:1 story:1",
	};
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		int64_t total;
		struct search_query q = { .q = queries[i], .kind = -1 };
		const char *got = test_sorted_words(run(m, &q, 20, 1, &total, NULL));
		if (strcmp(got, want[i]) != 0)
			fail_msg("\"%s\": got \"%s\", want \"%s\"", queries[i], got, want[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELDB_BOTH(test_danish_word_forms_find_each_other),
		MODELDB_BOTH(test_hidden_statements_are_never_found),
		MODELDB_BOTH(test_proposals_by_their_newest_text_and_visible_comments),
		MODELDB_BOTH(test_filters_and_counts_per_kind),
		MODELDB_BOTH(test_title_outranks_text_and_pages),
		MODELDB_BOTH(test_found_words_are_highlighted),
		MODELDB_BOTH(test_long_text_gives_an_extract_around_the_words),
		MODELDB_BOTH(test_a_very_common_word_ranks_the_newest),
		MODELDB_BOTH(test_bad_queries_get_a_reason),
		MODELDB_BOTH(test_query_language_is_read_as_words),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
