/*
 * audit_test.c: the audit log (src/model/audit.c) on SQLite and, when
 * SAMSKAB_TEST_PG is set, PostgreSQL: what an entry records (who, whose,
 * what about, with today's names), that the database itself refuses to
 * change or delete entries (migration 0003, per engine), entries older
 * than their kinds read as written, and paging newest first.
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
	int64_t bo = modeldb_account(m, "bo@example.dk", "Bo");
	int64_t org = modeldb_org(m, "Røde Kors");
	int64_t before = model_now();
	const struct audit_event events[] = {
		{ AUDIT_ROLE_GRANTED, anna, bo, AUDIT_ON_ORGANISATION, org, "representative", "192.0.2.1" },
		{ AUDIT_MY_DATA_READ, bo, bo, AUDIT_ON_NOTHING, 0, NULL, NULL },
		{ AUDIT_ATTENDEES_READ, anna + 100, 0, AUDIT_ON_ACTIVITY, 424242, "", "192.0.2.2" },
	};
	for (size_t i = 0; i < sizeof events / sizeof events[0]; i++)
		assert_int_equal(audit_record(m->db, &events[i]), MODEL_OK);
	/* A kind or object out of range is a bug, refused. */
	const struct audit_event bad = { AUDIT_KIND__MAX, anna, 0, AUDIT_ON_NOTHING, 0, NULL, NULL };
	assert_int_equal(audit_record(m->db, &bad), MODEL_ERROR);

	struct paging p = { .page = 1, .per_page = 10 };
	struct audit_entry *e;
	size_t n;
	assert_int_equal(audit_list(m->db, m->region, &p, &e, &n), MODEL_OK);
	assert_int_equal(n, 3);
	assert_int_equal(p.total, 3);
	/* An actor whose account is gone (or never was): id kept, no name;
	 * what it was about is gone too: no name, the id kept. */
	assert_int_equal(e[0].kind, AUDIT_ATTENDEES_READ);
	assert_int_equal(e[0].actor_id, anna + 100);
	assert_null(e[0].actor_name);
	assert_int_equal(e[0].object, AUDIT_ON_ACTIVITY);
	assert_int_equal(e[0].object_id, 424242);
	assert_null(e[0].object_name);
	assert_string_equal(e[0].client, "192.0.2.2");
	/* Missing detail and client are stored empty. */
	assert_int_equal(e[1].kind, AUDIT_MY_DATA_READ);
	assert_string_equal(e[1].person_name, "Bo");
	assert_string_equal(e[1].detail, "");
	assert_string_equal(e[1].client, "");
	assert_int_equal(e[1].object, AUDIT_ON_NOTHING);
	/* Names as they are now. */
	assert_int_equal(e[2].kind, AUDIT_ROLE_GRANTED);
	assert_string_equal(e[2].actor_name, "Anna");
	assert_string_equal(e[2].person_name, "Bo");
	assert_int_equal(e[2].object, AUDIT_ON_ORGANISATION);
	assert_string_equal(e[2].object_name, "Røde Kors");
	assert_string_equal(e[2].detail, "representative");
	assert_string_equal(e[2].action, "role.grant");
	assert_in_range(e[2].at, before, model_now());
	modeldb_exec(m, "UPDATE organisation SET name = 'Dansk Røde Kors' WHERE id = %lld", (long long)org);
	assert_int_equal(audit_list(m->db, m->region, &p, &e, &n), MODEL_OK);
	assert_string_equal(e[2].object_name, "Dansk Røde Kors");
}

static void test_entries_cannot_be_changed_or_deleted(void **state)
{
	struct modeldb *m = modeldb_get(state);
	const struct audit_event grant = { AUDIT_ROLE_GRANTED, 0, 1, AUDIT_ON_NOTHING, 0, "admin", "cli" };
	const struct audit_event revoke = { AUDIT_ROLE_REVOKED, 0, 1, AUDIT_ON_NOTHING, 0, "admin", "cli" };
	assert_int_equal(audit_record(m->db, &grant), MODEL_OK);
	assert_int_equal(audit_record(m->db, &revoke), MODEL_OK);
	static const char *const attempts[] = {
		"UPDATE audit_log SET action = 'nothing'",
		"UPDATE audit_log SET detail = '' WHERE id = 1",
		"UPDATE audit_log SET person_id = 2 WHERE id = 1",
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
					"AND detail = 'admin' AND person_id = 1"),
			 2);
	/* Appending still works afterwards. */
	assert_int_equal(audit_record(m->db, &grant), MODEL_OK);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM audit_log"), 3);
}

/* An entry written before entries named people and things (as role.c
 * wrote them until migration 0013) reads as it was written. */
static void test_older_entries_read_as_written(void **state)
{
	struct modeldb *m = modeldb_get(state);
	modeldb_exec(m, "INSERT INTO audit_log (at, actor_id, action, subject, detail, client) VALUES "
			"(1, NULL, 'role.grant', 'role facilitator of arena 3', 'account 2', 'cli')");
	struct paging p = { .page = 1, .per_page = 10 };
	struct audit_entry *e;
	size_t n;
	assert_int_equal(audit_list(m->db, m->region, &p, &e, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(e[0].kind, -1);
	assert_string_equal(e[0].subject, "role facilitator of arena 3");
}

/* "id|id" of one page, by person_id; *total set. */
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
		snprintf(out + used, sizeof out - used, "%s%lld", i ? "|" : "", (long long)e[i].person_id);
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
		const struct audit_event e = { AUDIT_MY_DATA_READ, i, i, AUDIT_ON_NOTHING, 0, NULL, NULL };
		assert_int_equal(audit_record(m->db, &e), MODEL_OK);
	}
	/* All written in the same second: newest is the last written. */
	assert_string_equal(page(m, 1, 10, &total), "25|24|23|22|21|20|19|18|17|16");
	assert_int_equal(total, 25);
	assert_string_equal(page(m, 2, 10, &total), "15|14|13|12|11|10|9|8|7|6");
	assert_string_equal(page(m, 3, 10, &total), "5|4|3|2|1");
	assert_string_equal(page(m, 4, 10, &total), "");
	assert_int_equal(total, 25);
	assert_string_equal(page(m, 9, 3, &total), "1");
	struct paging p = { .page = 3, .per_page = 10, .total = 25 };
	assert_int_equal(paging_pages(&p), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELDB_BOTH(test_record_then_list),
		MODELDB_BOTH(test_entries_cannot_be_changed_or_deleted),
		MODELDB_BOTH(test_older_entries_read_as_written),
		MODELDB_BOTH(test_pages_newest_first),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
