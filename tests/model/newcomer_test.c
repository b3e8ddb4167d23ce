/*
 * newcomer_test.c: newcomers and guides of a programme (newcomer.c,
 * guide.c) on SQLite and PostgreSQL: without consent, or with a bad date,
 * no language, no time, an unknown area, nothing is stored; every read
 * and change by a coordinator is in the audit log (by id, never a name),
 * a person's own records are read without; the minor rule by date of
 * birth; the waiting list by area and target group; guides refused with
 * 0 or 99 places, a second sign-up refused, the record check recorded
 * and logged; the vocabularies' codes.
 */
#include <stdio.h>
#include <string.h>

#include "core/tz.h"
#include "model/guide.h"
#include "model/newcomer.h"
#include "support/programmedb.h"

static struct newcomer base(const struct programmedb *f)
{
	return (struct newcomer){
		.programme_id = f->programme,
		.first_name = "Olena",
		.last_name = "Kovalenko",
		.email = "olena@example.org",
		.target_group = TARGET_REFUGEE,
		.born = "1988-10-10",
		.area_id = f->assens,
		.languages = 1u << vocab_parse(&vocab_languages, "uk"),
		.availability = 2,
		.consent_how = CONSENT_HOW_IN_PERSON,
		.needs = "Har to børn i børnehave.",
	};
}

static void test_consent_and_validation(void **state)
{
	struct programmedb f;
	programmedb_setup(modeldb_get(state), &f);
	struct newcomer x = base(&f);
	struct field_errors e = { .n = 0 };
	int64_t id = 0;
	/* No consent: refused, nothing stored, nothing logged. */
	assert_int_equal(newcomer_create(f.m->db, &x, 0, &f.who, &id, &e), MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "consent"), MSG_FORM_CONSENT_REQUIRED);
	assert_int_equal(modeldb_int(f.m, "SELECT COUNT(*) FROM newcomer"), 0);
	assert_int_equal(modeldb_int(f.m, "SELECT COUNT(*) FROM audit_log"), 0);

	/* Each field spoilt in turn is named. */
	static const char *const fields[] = { "born", "languages", "times", "area", "first_name", "email" };
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		x = base(&f);
		switch (i) {
		case 0: x.born = "10-10-1988"; break;
		case 1: x.languages = 0; break;
		case 2: x.availability = 8; break;
		case 3: x.area_id = 9999; break;
		case 4: x.first_name = " "; break;
		default: x.email = "not an address"; break;
		}
		e.n = 0;
		assert_int_equal(newcomer_create(f.m->db, &x, 1, &f.who, &id, &e), MODEL_INVALID);
		if (field_error_get(&e, fields[i]) == MSG__MAX)
			fail_msg("no error on %s", fields[i]);
	}
	/* A language outside the vocabulary. */
	x = base(&f);
	x.languages = 1ull << 63;
	e.n = 0;
	assert_int_equal(newcomer_create(f.m->db, &x, 1, &f.who, &id, &e), MODEL_INVALID);
	assert_int_equal(modeldb_int(f.m, "SELECT COUNT(*) FROM newcomer"), 0);
	assert_int_equal(modeldb_int(f.m, "SELECT COUNT(*) FROM audit_log"), 0);
}

static void test_reads_and_changes_are_logged(void **state)
{
	struct programmedb f;
	programmedb_setup(modeldb_get(state), &f);
	struct newcomer x = base(&f);
	struct field_errors e = { .n = 0 };
	int64_t id = 0;
	assert_int_equal(newcomer_create(f.m->db, &x, 1, &f.who, &id, &e), MODEL_OK);
	char subject[48];
	snprintf(subject, sizeof subject, "newcomer %lld", (long long)id);
	assert_int_equal(programmedb_audits(&f, "newcomer.create", subject), 1);
	assert_int_equal(modeldb_int(f.m, "SELECT consent_by FROM newcomer WHERE id = %lld", (long long)id),
			 f.coordinator);

	struct newcomer out;
	assert_int_equal(newcomer_get(f.m->db, f.m->region, id, &f.who, "the newcomer's page", &out),
			 MODEL_OK);
	assert_string_equal(out.first_name, "Olena");
	assert_string_equal(out.needs, "Har to børn i børnehave.");
	assert_int_equal(out.consent_how, CONSENT_HOW_IN_PERSON);
	assert_int_equal(out.status, NEWCOMER_WAITING);
	assert_int_equal(programmedb_audits(&f, "newcomer.read", subject), 1);
	assert_int_equal(modeldb_int(f.m, "SELECT COUNT(*) FROM audit_log WHERE action = 'newcomer.read' "
					  "AND detail = 'the newcomer''s page' AND actor_id = %lld",
				     (long long)f.coordinator),
			 1);
	x.first_name = "Olena M.";
	assert_int_equal(newcomer_update(f.m->db, id, &x, &f.who, &e), MODEL_OK);
	assert_int_equal(programmedb_audits(&f, "newcomer.update", subject), 1);
	struct newcomer *list;
	size_t n;
	assert_int_equal(newcomer_list(f.m->db, f.m->region, f.programme, &f.who, "export", &list, &n),
			 MODEL_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].first_name, "Olena M.");
	assert_int_equal(modeldb_int(f.m, "SELECT COUNT(*) FROM audit_log WHERE action = "
					  "'newcomer.list' AND detail = 'export: 1 newcomers'"),
			 1);
	assert_int_equal(newcomer_get(f.m->db, f.m->region, id + 1, &f.who, "x", &out), MODEL_NOT_FOUND);
	/* No entry names her. */
	assert_int_equal(modeldb_int(f.m, "SELECT COUNT(*) FROM audit_log WHERE subject LIKE '%%Olena%%' OR "
					  "detail LIKE '%%Olena%%'"),
			 0);

	/* Self sign-up: her own account; her own reads are not logged. */
	int64_t acc = modeldb_account(f.m, "amina@example.org", "Amina Haddad");
	struct newcomer self = base(&f);
	self.account_id = acc;
	self.consent_how = CONSENT_HOW_SELF;
	self.first_name = "Amina";
	struct newcomer_actor amina = { acc, "203.0.113.5" };
	assert_int_equal(newcomer_create(f.m->db, &self, 1, &amina, &id, &e), MODEL_OK);
	assert_int_equal(modeldb_int(f.m, "SELECT COUNT(*) FROM newcomer WHERE id = %lld AND consent_by IS NULL",
				     (long long)id),
			 1);
	assert_int_equal(newcomer_create(f.m->db, &self, 1, &amina, &id, &e), MODEL_CONFLICT);
	int64_t before = modeldb_int(f.m, "SELECT COUNT(*) FROM audit_log");
	assert_int_equal(newcomer_own(f.m->db, f.m->region, acc, &list, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(modeldb_int(f.m, "SELECT COUNT(*) FROM audit_log"), before);
}

static void test_minor_and_waiting(void **state)
{
	struct programmedb f;
	programmedb_setup(modeldb_get(state), &f);
	int64_t now;
	assert_int_equal(tz_to_utc(2024, 6, 15, 12, 0, &now), 0);
	assert_true(newcomer_is_minor("2006-06-16", now));
	assert_false(newcomer_is_minor("2006-06-15", now));
	assert_true(newcomer_is_minor("2010-01-01", now));
	assert_true(newcomer_is_minor("garbage", now)); /* the stricter rule */

	int64_t a = programmedb_newcomer(&f, "A", f.aarup, "ar", "1990-01-01");
	int64_t b = programmedb_newcomer(&f, "B", f.aarup, "ar", "1990-01-01");
	int64_t c = programmedb_newcomer(&f, "C", f.aarup, "ar", "1990-01-01");
	programmedb_newcomer(&f, "D", f.assens, "uk", "1990-01-01");
	int64_t t0 = 1700000000;
	modeldb_exec(f.m, "UPDATE newcomer SET waiting_since = %lld WHERE id = %lld", (long long)t0, (long long)a);
	modeldb_exec(f.m, "UPDATE newcomer SET waiting_since = %lld WHERE id = %lld", (long long)(t0 + 10 * 86400),
		     (long long)b);
	modeldb_exec(f.m, "UPDATE newcomer SET waiting_since = %lld WHERE id = %lld", (long long)(t0 + 30 * 86400),
		     (long long)c);
	modeldb_exec(f.m, "UPDATE newcomer SET waiting_since = %lld WHERE area_id = %lld", (long long)t0,
		     (long long)f.assens);
	struct newcomer_waiting *w;
	size_t n;
	assert_int_equal(newcomer_waiting_stats(f.m->db, f.m->region, f.programme, t0 + 40 * 86400, &w, &n),
			 MODEL_OK);
	assert_int_equal(n, 2);
	assert_string_equal(w[0].area_name, "Aarup");
	assert_int_equal(w[0].count, 3);
	assert_int_equal(w[0].longest_days, 40);
	assert_int_equal(w[0].median_days, 30);
	assert_string_equal(w[1].area_name, "Assens");
	assert_int_equal(w[1].count, 1);
	/* Withdrawn: off the list, ended_at set. */
	assert_int_equal(newcomer_set_status(f.m->db, a, NEWCOMER_WITHDRAWN, 1, &f.who), MODEL_OK);
	assert_int_equal(newcomer_waiting_stats(f.m->db, f.m->region, f.programme, t0 + 40 * 86400, &w, &n),
			 MODEL_OK);
	assert_int_equal(w[0].count, 2);
	assert_int_equal(w[0].longest_days, 30);
	assert_int_equal(w[0].median_days, 20);
}

static void test_guides(void **state)
{
	struct programmedb f;
	programmedb_setup(modeldb_get(state), &f);
	int64_t acc = modeldb_account(f.m, "mette@iss.dk", "Mette Hansen");
	int64_t iss = modeldb_org(f.m, "ISS");
	struct guide g = { .programme_id = f.programme, .account_id = acc, .organisation_id = iss,
			   .area_id = f.aarup, .reach_km = 10, .languages = 1, .availability = 2,
			   .capacity = 2 };
	struct field_errors e = { .n = 0 };
	int64_t id = 0;
	const int32_t refused[] = { 0, 99, -1, 4 };
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		g.capacity = refused[i];
		e.n = 0;
		assert_int_equal(guide_create(f.m->db, &g, &id, &e), MODEL_INVALID);
		assert_int_equal(field_error_get(&e, "capacity"), MSG_FORM_BAD_GUIDE_CAPACITY);
	}
	g.capacity = 2;
	g.languages = 0;
	e.n = 0;
	assert_int_equal(guide_create(f.m->db, &g, &id, &e), MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "languages"), MSG_FORM_LANGUAGE_REQUIRED);
	g.languages = 1;
	g.organisation_id = iss + 100;
	e.n = 0;
	assert_int_equal(guide_create(f.m->db, &g, &id, &e), MODEL_INVALID);
	assert_int_equal(modeldb_int(f.m, "SELECT COUNT(*) FROM guide"), 0);
	g.organisation_id = iss;
	e.n = 0;
	assert_int_equal(guide_create(f.m->db, &g, &id, &e), MODEL_OK);
	assert_int_equal(guide_create(f.m->db, &g, &id, &e), MODEL_CONFLICT);
	assert_int_equal(field_error_get(&e, "programme"), MSG_GUIDE_ALREADY);

	struct guide out;
	assert_int_equal(guide_get(f.m->db, f.m->region, id, &out), MODEL_OK);
	assert_string_equal(out.name, "Mette Hansen");
	assert_string_equal(out.organisation_name, "ISS");
	assert_string_equal(guide_first_name(f.m->region, out.name), "Mette");
	assert_int_equal(out.record_checked_at, 0);
	assert_int_equal(guide_set_record_checked(f.m->db, id, 1, f.coordinator, "192.0.2.1"), MODEL_OK);
	assert_int_equal(guide_get(f.m->db, f.m->region, id, &out), MODEL_OK);
	assert_true(out.record_checked_at > 0);
	char subject[48];
	snprintf(subject, sizeof subject, "guide %lld", (long long)id);
	assert_int_equal(programmedb_audits(&f, "guide.record.checked", subject), 1);
	int64_t count = 0;
	assert_int_equal(guide_count_of_organisation(f.m->db, f.programme, iss, &count), MODEL_OK);
	assert_int_equal(count, 1);
	assert_int_equal(guide_set_status(f.m->db, id, GUIDE_WITHDRAWN), MODEL_OK);
	assert_int_equal(guide_count_of_organisation(f.m->db, f.programme, iss, &count), MODEL_OK);
	assert_int_equal(count, 0);
	assert_int_equal(guide_set_status(f.m->db, id + 5, GUIDE_ACTIVE), MODEL_NOT_FOUND);
}

static void test_vocabularies(void **state)
{
	(void)state;
	uint64_t set;
	const char *bad = NULL;
	size_t badlen = 0;
	assert_int_equal(vocab_set_parse(&vocab_languages, "da, ar ti", &set, &bad, &badlen), 0);
	char buf[512];
	assert_string_equal(vocab_set_format(&vocab_languages, set, buf, sizeof buf), "da ar ti");
	assert_int_equal(vocab_set_parse(&vocab_languages, "da xx ar", &set, &bad, &badlen), -1);
	assert_int_equal(badlen, 2);
	assert_memory_equal(bad, "xx", 2);
	assert_int_equal(vocab_set_read(&vocab_languages, "da xx ar"),
			 vocab_set_read(&vocab_languages, "ar da"));
	assert_true(vocab_set_valid(&vocab_interests, 1));
	assert_false(vocab_set_valid(&vocab_interests, 1ull << 40));
	assert_int_equal(vocab_parse(&vocab_end_reasons, "declined"), END_DECLINED);
	assert_int_equal(vocab_parse(&vocab_target_groups, "sick_leave"), TARGET_SICK_LEAVE);
	for (int i = 0; i < vocab_languages.n; i++)
		assert_int_not_equal(vocab_msg(&vocab_languages, i), MSG__MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELDB_BOTH(test_consent_and_validation),
		MODELDB_BOTH(test_reads_and_changes_are_logged),
		MODELDB_BOTH(test_minor_and_waiting),
		MODELDB_BOTH(test_guides),
		cmocka_unit_test(test_vocabularies),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
