/*
 * export_test.c: streamed exports (src/model/export.c) on SQLite and
 * PostgreSQL: a large export read a piece at a time comes out whole and
 * in order (its buffer never holds more than a chunk, whatever the
 * size), small reads give the same bytes as large ones, participants are
 * numbered by their first vote, a table and format that do not go
 * together or personal data not asked for are refused, and an arena that
 * does not exist is not found.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "model/export.h"
#include "support/modeldb.h"

/* One arena: statements x participants votes, participant p voting at
 * time (participants - p) so the last made is the first to vote. */
static void votes(struct modeldb *m, int statements, int participants)
{
	modeldb_exec(m, "INSERT INTO theme (name, name_key, created_at, updated_at) VALUES ('T', 't', 1, 1)");
	modeldb_exec(m, "INSERT INTO arena (title, title_key, theme_id, created_at, updated_at) VALUES ('A', 'a', 1, 1, 1)");
	modeldb_exec(m, "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %d) "
			"INSERT INTO statement (arena_id, text, status, created_at) SELECT 1, '=udsagn ' || i, 'accepted', i FROM k",
		     statements);
	modeldb_exec(m, "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %d) "
			"INSERT INTO participant (created_at) SELECT 1 FROM k",
		     participants);
	modeldb_exec(m, "INSERT INTO vote_history (participant_id, statement_id, value, voted_at) "
			"SELECT p.id, s.id, (p.id + s.id) %% 3 - 1, (%d - p.id) * 1000 + s.id FROM participant p, statement s",
		     participants);
}

/* The whole export, read in pieces of `piece` bytes (malloc'd). */
static char *read_all(struct modeldb *m, enum export_table t, enum export_format f, size_t piece, size_t *len,
		      int64_t *rows)
{
	struct store *db = modeldb_connect(m);
	struct export *x;
	assert_int_equal(export_open(db, 1, t, f, 0, &x), MODEL_OK);
	size_t cap = 1 << 20, n = 0;
	char *all = malloc(cap), *chunk = malloc(piece);
	long k;
	while ((k = export_read(x, chunk, piece)) > 0) {
		if (n + (size_t)k + 1 > cap)
			all = realloc(all, cap = 2 * (n + (size_t)k + 1));
		memcpy(all + n, chunk, (size_t)k);
		n += (size_t)k;
	}
	if (k < 0)
		fail_msg("export_read: %s", export_error(x));
	all[n] = '\0';
	*len = n;
	*rows = export_rows(x);
	export_close(x);
	store_close(db);
	free(chunk);
	return all;
}

static void test_a_large_export_streams_whole(void **state)
{
	struct modeldb *m = modeldb_get(state);
	votes(m, 200, 2000); /* 400,000 votes, some 20 MB of CSV */
	size_t len, small_len;
	int64_t rows, small_rows;
	char *csv = read_all(m, EXPORT_VOTES, EXPORT_CSV, 64 * 1024, &len, &rows);
	assert_int_equal(rows, 400000);
	assert_true(len > 16u << 20);
	/* Read back strictly: every record as wide as the header, in order. */
	struct csv c;
	csv_init_mem(&c, csv, len);
	long records = 0, last_statement = 0;
	while (csv_next(&c) == 1) {
		if (records++ == 0)
			continue;
		long s = strtol(c.field[0].s, NULL, 10);
		assert_true(s >= last_statement);
		last_statement = s;
	}
	assert_int_equal(records, 400001);
	csv_free(&c);
	/* The participant who voted first (the last made) is number 0. */
	assert_non_null(strstr(csv, "\r\n1,0,"));
	assert_non_null(strstr(csv, "\r\n1,1999,"));
	assert_null(strstr(csv, ",2000,"));
	/* Tiny pieces give the same bytes. */
	char *small = read_all(m, EXPORT_VOTES, EXPORT_CSV, 7, &small_len, &small_rows);
	assert_int_equal(small_len, len);
	assert_memory_equal(small, csv, len);
	free(small);
	free(csv);
	/* Statement text a spreadsheet would compute is made safe. */
	csv = read_all(m, EXPORT_STATEMENTS, EXPORT_CSV, 4096, &len, &rows);
	assert_int_equal(rows, 200);
	assert_non_null(strstr(csv, ",'=udsagn 1\r\n"));
	free(csv);
}

static void test_what_is_refused(void **state)
{
	struct modeldb *m = modeldb_get(state);
	votes(m, 1, 1);
	struct export *x = NULL;
	assert_int_equal(export_open(m->db, 1, EXPORT_VOTES, EXPORT_JSON, 0, &x), MODEL_INVALID);
	assert_int_equal(export_open(m->db, 1, EXPORT_SIGNUPS, EXPORT_CSV, 0, &x), MODEL_INVALID);
	assert_int_equal(export_open(m->db, 1, EXPORT_AREAS, EXPORT_CSV, 0, &x), MODEL_INVALID);
	assert_int_equal(export_open(m->db, 0, EXPORT_VOTES, EXPORT_CSV, 0, &x), MODEL_INVALID);
	assert_int_equal(export_open(m->db, 99, EXPORT_VOTES, EXPORT_CSV, 0, &x), MODEL_NOT_FOUND);
	assert_null(x);
	assert_int_equal(export_open(m->db, 1, EXPORT_SIGNUPS, EXPORT_CSV, 1, &x), MODEL_OK);
	export_close(x);
	enum export_table t;
	enum export_format f;
	assert_int_equal(export_parse_file("votes.csv", 1, &t, &f), 0);
	assert_int_equal(t, EXPORT_VOTES);
	assert_int_equal(export_parse_file("arena.json", 1, &t, &f), 0);
	assert_int_equal(f, EXPORT_JSON);
	assert_int_equal(export_parse_file("platform.json", 1, &t, &f), -1);
	assert_int_equal(export_parse_file("../../etc/passwd", 1, &t, &f), -1);
	assert_int_equal(export_parse_file(NULL, 1, &t, &f), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELDB_BOTH(test_a_large_export_streams_whole),
		MODELDB_BOTH(test_what_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
