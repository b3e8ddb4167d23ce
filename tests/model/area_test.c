/*
 * area_test.c: local areas (src/model/area.c) on a fresh migrated SQLite
 * database, and on PostgreSQL when SAMSKAB_TEST_PG is set (else those
 * cases are skipped): validation with field errors, create and read back,
 * duplicate names, and the order lists show.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/area.h"
#include "model/text.h"
#include "support/modeldb.h"

/* s repeated n times (static until the next call). */
static const char *repeat(const char *s, size_t n)
{
	static char out[100000];
	size_t len = strlen(s);
	for (size_t i = 0; i < n; i++)
		memcpy(out + i * len, s, len);
	out[n * len] = '\0';
	return out;
}

static int64_t create(struct modeldb *f, const char *name)
{
	struct term in = { .name = name, .description = "", .lang = "da" };
	struct field_errors e = { .n = 0 };
	int64_t id = 0;
	enum model_rc rc = area_create(f->db, &in, &id, &e);
	if (rc != MODEL_OK)
		fail_msg("area_create(\"%s\"): %d", name, rc);
	return id;
}

static size_t count(struct modeldb *f)
{
	struct term *items;
	size_t n;
	assert_int_equal(area_list(f->db, f->region, &items, &n), MODEL_OK);
	return n;
}

static void test_create_then_get_returns_what_was_stored(void **state)
{
	struct modeldb *f = modeldb_get(state);
	struct term in = { .name = "Ærø & <Omegn>", .description = "Øen **syd** for Fyn.", .lang = "en" };
	struct field_errors e = { .n = 0 };
	int64_t id = 0;
	assert_int_equal(area_create(f->db, &in, &id, &e), MODEL_OK);
	assert_true(id > 0);
	assert_int_equal(e.n, 0);
	struct term out;
	assert_int_equal(area_get(f->db, f->region, id, &out), MODEL_OK);
	assert_int_equal(out.id, id);
	assert_string_equal(out.name, "Ærø & <Omegn>"); /* stored as typed; escaped on output */
	assert_string_equal(out.description, "Øen **syd** for Fyn.");
	assert_string_equal(out.lang, "en");
}

static void test_missing_description_and_language_get_defaults(void **state)
{
	struct modeldb *f = modeldb_get(state);
	struct term in = { .name = "Vest" };
	struct field_errors e = { .n = 0 };
	int64_t id;
	assert_int_equal(area_create(f->db, &in, &id, &e), MODEL_OK);
	struct term out;
	assert_int_equal(area_get(f->db, f->region, id, &out), MODEL_OK);
	assert_string_equal(out.description, "");
	assert_string_equal(out.lang, "da");
}

static void test_invalid_input_is_refused_with_field_errors(void **state)
{
	struct modeldb *f = modeldb_get(state);
	static const struct {
		const char *what;
		const char *name, *description;
		const char *field;
		enum msg msg;
	} cases[] = {
		{ "no name", NULL, "", "name", MSG_FORM_REQUIRED },
		{ "blank name", "  \t ", "", "name", MSG_FORM_REQUIRED },
		{ "name of 201 characters", NULL, "", "name", MSG_FORM_TOO_LONG },
		{ "description of 20001 characters", "Nord", NULL, "description", MSG_FORM_TOO_LONG },
	};
	char *long_name = strdup(repeat("ø", TEXT_NAME_MAX + 1));
	char *long_body = strdup(repeat("æ", TEXT_BODY_MAX + 1));
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct term in = { .name = cases[i].name, .description = cases[i].description };
		if (i == 2)
			in.name = long_name;
		if (i == 3)
			in.description = long_body;
		struct field_errors e = { .n = 0 };
		int64_t id = -1;
		assert_int_equal(area_create(f->db, &in, &id, &e), MODEL_INVALID);
		if (field_error_get(&e, cases[i].field) != cases[i].msg)
			fail_msg("%s: field %s has %s", cases[i].what, cases[i].field,
				 msg_key(field_error_get(&e, cases[i].field)));
	}
	/* Both fields wrong: both reported at once. */
	struct term both = { .name = "", .description = long_body };
	struct field_errors e = { .n = 0 };
	int64_t id;
	assert_int_equal(area_create(f->db, &both, &id, &e), MODEL_INVALID);
	assert_int_equal(e.n, 2);
	free(long_name);
	free(long_body);
	assert_int_equal(count(f), 0); /* nothing was stored */
}

static void test_name_limit_counts_characters(void **state)
{
	struct modeldb *f = modeldb_get(state);
	char *name = strdup(repeat("ø", TEXT_NAME_MAX)); /* 400 bytes, 200 characters */
	int64_t id = create(f, name);
	struct term out;
	assert_int_equal(area_get(f->db, f->region, id, &out), MODEL_OK);
	assert_string_equal(out.name, name);
	free(name);
}

static void test_duplicate_name_is_conflict_on_name_field(void **state)
{
	struct modeldb *f = modeldb_get(state);
	create(f, "Midtbyen");
	struct term in = { .name = "Midtbyen", .description = "again" };
	struct field_errors e = { .n = 0 };
	int64_t id = 0;
	assert_int_equal(area_create(f->db, &in, &id, &e), MODEL_CONFLICT);
	assert_int_equal(field_error_get(&e, "name"), MSG_FORM_NAME_TAKEN);
	assert_int_equal(count(f), 1);
	/* The connection works on after the refusal. */
	create(f, "Midtbyen Nord");
	assert_int_equal(count(f), 2);
}

static void test_get_unknown_id_is_not_found(void **state)
{
	struct modeldb *f = modeldb_get(state);
	struct term out;
	assert_int_equal(area_get(f->db, f->region, 1, &out), MODEL_NOT_FOUND);
	int64_t id = create(f, "Syd");
	assert_int_equal(area_get(f->db, f->region, id + 1, &out), MODEL_NOT_FOUND);
	assert_int_equal(area_get(f->db, f->region, INT64_MAX, &out), MODEL_NOT_FOUND);
}

static void test_list_is_sorted_case_insensitively(void **state)
{
	struct modeldb *f = modeldb_get(state);
	static const char *const created[] = { "beta", "Ærø", "Alpha", "charlie", "alpha 2", "Zealand", "Bravo" };
	static const char *const sorted[] = { "Alpha", "alpha 2", "beta", "Bravo", "charlie", "Zealand", "Ærø" };
	for (size_t i = 0; i < sizeof created / sizeof created[0]; i++)
		create(f, created[i]);
	struct term *items;
	size_t n;
	assert_int_equal(area_list(f->db, f->region, &items, &n), MODEL_OK);
	assert_int_equal(n, sizeof sorted / sizeof sorted[0]);
	for (size_t i = 0; i < n; i++)
		if (strcmp(items[i].name, sorted[i]) != 0)
			fail_msg("position %zu: %s, expected %s", i, items[i].name, sorted[i]);
}

static void test_list_of_empty_table_is_empty(void **state)
{
	struct modeldb *f = modeldb_get(state);
	assert_int_equal(count(f), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELDB_BOTH(test_create_then_get_returns_what_was_stored),
		MODELDB_BOTH(test_missing_description_and_language_get_defaults),
		MODELDB_BOTH(test_invalid_input_is_refused_with_field_errors),
		MODELDB_BOTH(test_name_limit_counts_characters),
		MODELDB_BOTH(test_duplicate_name_is_conflict_on_name_field),
		MODELDB_BOTH(test_get_unknown_id_is_not_found),
		MODELDB_BOTH(test_list_is_sorted_case_insensitively),
		MODELDB_BOTH(test_list_of_empty_table_is_empty),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
