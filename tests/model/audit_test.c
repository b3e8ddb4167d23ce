/*
 * audit_test.c: the audit log (src/model/audit.c) on SQLite and, when
 * SAMSKAB_TEST_PG is set, PostgreSQL: what an entry records, that the
 * database itself refuses to change or delete entries (migration 0003,
 * per engine), and paging newest first.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "model/audit.h"
#include "support/modeldb.h"

static void test_record_then_list(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t anna = modeldb_account(m, "anna@example.dk", "Anna");
	int64_t before = model_now();
	assert_int_equal(audit_record(m->db, anna, "data.view", "account 7", "health notes", "192.0.2.1"),
			 MODEL_OK);
	assert_int_equal(audit_record(m->db, 0, "role.grant", "role admin", NULL, NULL), MODEL_OK);
	assert_int_equal(audit_record(m->db, anna + 100, "data.export", "account 9", "", "192.0.2.2"), MODEL_OK);

	struct paging p = { .page = 1, .per_page = 10 };
	struct audit_entry *e;
	size_t n;
	assert_int_equal(audit_list(m->db, m->region, &p, &e, &n), MODEL_OK);
	assert_int_equal(n, 3);
	assert_int_equal(p.total, 3);
	/* An actor whose account is gone (or never was): id kept, no name. */
	assert_string_equal(e[0].action, "data.export");
	assert_int_equal(e[0].actor_id, anna + 100);
	assert_null(e[0].actor_name);
	/* The system (command line): no actor; missing detail and client
	 * are stored empty. */
	assert_int_equal(e[1].actor_id, 0);
	assert_null(e[1].actor_name);
	assert_string_equal(e[1].detail, "");
	assert_string_equal(e[1].client, "");
	assert_string_equal(e[2].action, "data.view");
	assert_string_equal(e[2].subject, "account 7");
	assert_string_equal(e[2].detail, "health notes");
	assert_string_equal(e[2].client, "192.0.2.1");
	assert_int_equal(e[2].actor_id, anna);
	assert_string_equal(e[2].actor_name, "Anna");
	assert_in_range(e[2].at, before, model_now());
}

static void test_entries_cannot_be_changed_or_deleted(void **state)
{
	struct modeldb *m = modeldb_get(state);
	assert_int_equal(audit_record(m->db, 0, "role.grant", "role admin", "account 1", "cli"), MODEL_OK);
	assert_int_equal(audit_record(m->db, 0, "role.revoke", "role admin", "account 1", "cli"), MODEL_OK);
	static const char *const attempts[] = {
		"UPDATE audit_log SET action = 'nothing'",
		"UPDATE audit_log SET detail = '' WHERE id = 1",
		"DELETE FROM audit_log WHERE id = 2",
		"DELETE FROM audit_log",
	};
	for (size_t i = 0; i < sizeof attempts / sizeof attempts[0]; i++) {
		if (store_exec(m->db, attempts[i]) == STORE_OK)
			fail_msg("\"%s\" was allowed", attempts[i]);
		store_rollback(m->db);
	}
	/* Nor through a prepared statement with bound values. */
	struct store_stmt *st = store_prepare_text(m->db, "UPDATE audit_log SET subject = ? WHERE id = ?");
	assert_non_null(st);
	store_bind_text(st, 1, "rewritten");
	store_bind_int(st, 2, 1);
	assert_int_not_equal(store_step(st), STORE_DONE);
	store_finalize(st);

	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM audit_log"), 2);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM audit_log WHERE action IN ('role.grant', 'role.revoke') "
					"AND detail = 'account 1' AND subject = 'role admin'"),
			 2);
	/* Appending still works afterwards. */
	assert_int_equal(audit_record(m->db, 0, "data.view", "account 1", "", "cli"), MODEL_OK);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM audit_log"), 3);
}

/* "subject|subject" of one page; *total set. */
static const char *page(struct modeldb *m, int64_t number, int64_t per_page, int64_t *total)
{
	static char out[512];
	struct paging p = { .page = number, .per_page = per_page };
	struct audit_entry *e;
	size_t n;
	assert_int_equal(audit_list(m->db, m->region, &p, &e, &n), MODEL_OK);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t used = strlen(out);
		snprintf(out + used, sizeof out - used, "%s%s", i ? "|" : "", e[i].subject);
	}
	*total = p.total;
	return out;
}

static void test_pages_newest_first(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t total;
	assert_string_equal(page(m, 1, 10, &total), "");
	assert_int_equal(total, 0);
	for (int i = 1; i <= 25; i++) {
		char subject[16];
		snprintf(subject, sizeof subject, "s%d", i);
		assert_int_equal(audit_record(m->db, 0, "data.view", subject, "", ""), MODEL_OK);
	}
	/* All written in the same second: newest is the last written. */
	assert_string_equal(page(m, 1, 10, &total), "s25|s24|s23|s22|s21|s20|s19|s18|s17|s16");
	assert_int_equal(total, 25);
	assert_string_equal(page(m, 2, 10, &total), "s15|s14|s13|s12|s11|s10|s9|s8|s7|s6");
	assert_string_equal(page(m, 3, 10, &total), "s5|s4|s3|s2|s1");
	assert_string_equal(page(m, 4, 10, &total), "");
	assert_int_equal(total, 25);
	assert_string_equal(page(m, 9, 3, &total), "s1");
	struct paging p = { .page = 3, .per_page = 10, .total = 25 };
	assert_int_equal(paging_pages(&p), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELDB_BOTH(test_record_then_list),
		MODELDB_BOTH(test_entries_cannot_be_changed_or_deleted),
		MODELDB_BOTH(test_pages_newest_first),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
