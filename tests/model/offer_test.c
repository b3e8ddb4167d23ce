/*
 * offer_test.c: welcome offers (src/model/offer.c) on SQLite and
 * PostgreSQL: what an offer must say, who may answer (not the host, not
 * twice, not once it is closed, hidden or over), places taken on accept
 * and freed on withdrawal and never more than there are, a coordinator's
 * answer for a newcomer with the consent recorded, the conversation,
 * reports handled by hiding, and the lists that leave out what is not
 * open.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tz.h"
#include "model/account.h"
#include "model/offer.h"
#include "support/modeldb.h"

struct fixture {
	int64_t area, host, newcomer, other, coordinator, offer;
};

/* A local date days from today, YYYY-MM-DD (in the region). */
static const char *day(struct modeldb *m, int days)
{
	char today[11];
	int64_t d;
	offer_today(today);
	assert_int_equal(tz_parse_date(today, &d), 0);
	struct tz_local l;
	tz_from_utc((d + days) * 86400 + 12 * 3600, &l);
	return region_printf(m->region, "%04d-%02d-%02d", l.year, l.month, l.day);
}

static struct offer offer_in(struct modeldb *m, const struct fixture *f)
{
	return (struct offer){ .author_id = f->host, .area_id = f->area, .title = "Løb med os om tirsdagen",
			       .body = "Vi løber 5 km i roligt tempo.", .lang = "da",
			       .starts_on = day(m, 0), .ends_on = day(m, 30), .at_time = "17:00",
			       .languages = "da en", .places = 3 };
}

static void make_fixture(struct modeldb *m, struct fixture *f)
{
	f->area = modeldb_area(m, "Haarby");
	f->host = modeldb_account(m, "lise@example.dk", "Lise");
	f->newcomer = modeldb_account(m, "amina@example.dk", "Amina");
	f->other = modeldb_account(m, "oleh@example.dk", "Oleh");
	f->coordinator = modeldb_account(m, "karen@example.dk", "Karen");
	struct offer in = offer_in(m, f);
	struct field_errors e = { .n = 0 };
	assert_int_equal(offer_save(m->db, &in, &f->offer, &e), MODEL_OK);
}

static const char *first_error(struct modeldb *m, const struct offer *in)
{
	struct field_errors e = { .n = 0 };
	int64_t id = 0;
	enum model_rc rc = offer_save(m->db, in, &id, &e);
	if (rc == MODEL_OK)
		return "";
	assert_int_equal(rc, MODEL_INVALID);
	return e.items[0].field;
}

static void test_what_an_offer_must_say(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f;
	make_fixture(m, &f);
	struct offer in = offer_in(m, &f), x;
	x = in;
	x.title = " ";
	assert_string_equal(first_error(m, &x), "title");
	x = in;
	x.ends_on = day(m, -1);
	x.starts_on = day(m, -5);
	assert_string_equal(first_error(m, &x), "ends_on");
	x = in;
	x.ends_on = day(m, -1);
	assert_string_equal(first_error(m, &x), "ends_on"); /* before the start */
	x = in;
	x.ends_on = day(m, 400);
	assert_string_equal(first_error(m, &x), "ends_on");
	x = in;
	x.starts_on = "2026-02-30";
	assert_string_equal(first_error(m, &x), "starts_on");
	x = in;
	x.at_time = "25:00";
	assert_string_equal(first_error(m, &x), "at_time");
	x = in;
	x.languages = "da klingon";
	assert_string_equal(first_error(m, &x), "languages");
	x = in;
	x.places = 51;
	assert_string_equal(first_error(m, &x), "places");
	x = in;
	x.area_id = 999999;
	assert_string_equal(first_error(m, &x), "area");
	x = in;
	x.lang = "tlh";
	assert_string_equal(first_error(m, &x), "lang");
	/* A time written 9.30 is kept as 09:30. */
	x = in;
	x.at_time = "9.30";
	int64_t id = 0;
	struct field_errors e = { .n = 0 };
	assert_int_equal(offer_save(m->db, &x, &id, &e), MODEL_OK);
	struct offer got;
	assert_int_equal(offer_get(m->db, m->region, id, &got), MODEL_OK);
	assert_string_equal(got.at_time, "09:30");
	assert_string_equal(got.languages, "da en");
	assert_string_equal(got.author_name, "Lise");
}

static enum model_rc answer(struct modeldb *m, int64_t offer, int64_t who, int people, int64_t *id)
{
	struct field_errors e = { .n = 0 };
	return offer_answer_create(m->db, offer, who, "", CONSENT_SELF, people, "+45 11 22 33 44",
				   "Hej! Jeg vil gerne med.", id, &e);
}

static void test_who_may_answer(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f;
	make_fixture(m, &f);
	int64_t id = 0, again = 0;
	assert_int_equal(answer(m, f.offer, f.host, 1, &id), MODEL_CONFLICT); /* one's own */
	assert_int_equal(answer(m, f.offer, f.newcomer, 1, &id), MODEL_OK);
	assert_int_equal(answer(m, f.offer, f.newcomer, 1, &again), MODEL_CONFLICT); /* twice */
	struct offer_message *msgs;
	size_t n;
	assert_int_equal(offer_messages(m->db, m->region, id, &msgs, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_string_equal(msgs[0].author_name, "Amina");
	/* A coordinator answers for a newcomer without an account: with the
	 * consent said, and only then. */
	struct field_errors e = { .n = 0 };
	assert_int_equal(offer_answer_create(m->db, f.offer, f.coordinator, "Fatima", CONSENT_SELF, 2, "",
					     "", &id, &e),
			 MODEL_INVALID);
	assert_string_equal(e.items[0].field, "consent");
	e.n = 0;
	assert_int_equal(offer_answer_create(m->db, f.offer, f.coordinator, "Fatima", CONSENT_PHONE, 2, "",
					     "", &id, &e),
			 MODEL_OK);
	struct answer a;
	assert_int_equal(offer_answer_get(m->db, m->region, id, &a), MODEL_OK);
	assert_string_equal(a.for_name, "Fatima");
	assert_int_equal(a.consent, CONSENT_PHONE);
	assert_true(a.consent_at > 0);
	assert_int_equal(a.people, 2);
	/* Closed, hidden, over: no more answers. */
	assert_int_equal(offer_set_closed(m->db, f.offer, 1), MODEL_OK);
	assert_int_equal(answer(m, f.offer, f.other, 1, &id), MODEL_CONFLICT);
	assert_int_equal(offer_set_closed(m->db, f.offer, 0), MODEL_OK);
	e.n = 0;
	assert_int_equal(offer_hide(m->db, f.offer, f.coordinator, "", &e), MODEL_INVALID);
	assert_int_equal(offer_hide(m->db, f.offer, f.coordinator, "Reklame for en butik", &e), MODEL_OK);
	assert_int_equal(answer(m, f.offer, f.other, 1, &id), MODEL_CONFLICT);
	assert_int_equal(offer_unhide(m->db, f.offer), MODEL_OK);
	modeldb_exec(m, "UPDATE welcome_offer SET starts_on = '2020-01-01', ends_on = '2020-01-31'");
	assert_int_equal(answer(m, f.offer, f.other, 1, &id), MODEL_CONFLICT);
	struct offer got;
	assert_int_equal(offer_get(m->db, m->region, f.offer, &got), MODEL_OK);
	assert_true(got.expired);
}

static void test_places(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f;
	make_fixture(m, &f); /* 3 places */
	int64_t a1, a2, a3;
	assert_int_equal(answer(m, f.offer, f.newcomer, 2, &a1), MODEL_OK);
	assert_int_equal(answer(m, f.offer, f.other, 2, &a2), MODEL_OK);
	assert_int_equal(answer(m, f.offer, f.coordinator, 1, &a3), MODEL_OK);
	struct field_errors e = { .n = 0 };
	assert_int_equal(offer_answer_accept(m->db, a1, "lise@example.dk", &e), MODEL_OK);
	assert_int_equal(offer_answer_accept(m->db, a1, "", &e), MODEL_CONFLICT); /* not waiting */
	assert_int_equal(offer_answer_accept(m->db, a2, "", &e), MODEL_CONFLICT); /* 2 + 2 > 3 */
	assert_string_equal(e.items[0].field, "people");
	assert_int_equal(modeldb_int(m, "SELECT taken FROM welcome_offer"), 2);
	e.n = 0;
	assert_int_equal(offer_answer_accept(m->db, a3, "", &e), MODEL_OK);
	assert_int_equal(modeldb_int(m, "SELECT taken FROM welcome_offer"), 3);
	/* Places may not go below those taken. */
	struct offer in = offer_in(m, &f);
	in.id = f.offer;
	in.places = 2;
	assert_string_equal(first_error(m, &in), "places");
	/* A withdrawal frees its places; then the other fits. */
	assert_int_equal(offer_answer_withdraw(m->db, a1), MODEL_OK);
	assert_int_equal(offer_answer_withdraw(m->db, a1), MODEL_CONFLICT);
	assert_int_equal(modeldb_int(m, "SELECT taken FROM welcome_offer"), 1);
	assert_int_equal(offer_answer_accept(m->db, a2, "", &e), MODEL_OK);
	assert_int_equal(modeldb_int(m, "SELECT taken FROM welcome_offer"), 3);
	struct answer a;
	assert_int_equal(offer_answer_get(m->db, m->region, a2, &a), MODEL_OK);
	assert_int_equal(a.status, ANSWER_ACCEPTED);
	assert_string_equal(a.answer_contact, "+45 11 22 33 44");
	/* Declining is for waiting answers only. */
	assert_int_equal(offer_answer_decline(m->db, a2), MODEL_CONFLICT);
	struct answer *list;
	size_t n;
	assert_int_equal(offer_answers_of_offer(m->db, m->region, f.offer, &list, &n), MODEL_OK);
	assert_int_equal(n, 3);
	assert_int_equal(list[0].status, ANSWER_WITHDRAWN);
	assert_int_equal(offer_answers_of_account(m->db, m->region, f.other, &list, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].offer_title, "Løb med os om tirsdagen");
}

static void test_lists_and_reports(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f;
	make_fixture(m, &f);
	int64_t glamsbjerg = modeldb_area(m, "Glamsbjerg");
	struct offer in = offer_in(m, &f);
	in.area_id = glamsbjerg;
	in.title = "Aftensmad hos os";
	in.languages = "da ar";
	in.starts_on = day(m, 3);
	in.ends_on = day(m, 3);
	int64_t dinner = 0, gone = 0;
	struct field_errors e = { .n = 0 };
	assert_int_equal(offer_save(m->db, &in, &dinner, &e), MODEL_OK);
	in.title = "Forbi";
	assert_int_equal(offer_save(m->db, &in, &gone, &e), MODEL_OK);
	modeldb_exec(m, "UPDATE welcome_offer SET starts_on = '2020-01-01', ends_on = '2020-01-02' "
			"WHERE id = %lld", (long long)gone);
	struct version ar = { "ar", "عشاء عندنا", "تعالوا لتناول العشاء معنا.", 0 };
	assert_int_equal(version_put(m->db, &offer_versions, dinner, "da", &ar, f.host, &e), MODEL_OK);

	struct offer_filter all = { 0, NULL, NULL };
	struct paging p = { 1, 20, 0 };
	struct offer *items;
	size_t n;
	assert_int_equal(offer_list(m->db, m->region, &all, &p, &items, &n), MODEL_OK);
	assert_int_equal(n, 2); /* the past one is left out */
	assert_int_equal(p.total, 2);
	assert_string_equal(items[0].title, "Løb med os om tirsdagen");
	struct offer_filter arabic = { 0, "ar", "ar" };
	assert_int_equal(offer_list(m->db, m->region, &arabic, &p, &items, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].title, "عشاء عندنا");
	assert_string_equal(items[0].lang, "ar");
	assert_string_equal(items[0].original_lang, "da");
	struct offer_filter there = { glamsbjerg, NULL, "uk" };
	assert_int_equal(offer_list(m->db, m->region, &there, &p, &items, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].title, "Aftensmad hos os");

	/* Two reports; hiding handles them; the list leaves it out. */
	assert_int_equal(offer_report(m->db, dinner, 0, "Ser ud som reklame", &e), MODEL_OK);
	assert_int_equal(offer_report(m->db, dinner, f.other, "Mærkeligt", &e), MODEL_OK);
	assert_int_equal(offer_report(m->db, dinner, f.other, "", &e), MODEL_INVALID);
	assert_int_equal(offer_list_moderation(m->db, m->region, &items, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].open_reports, 2);
	struct offer_report *r;
	assert_int_equal(offer_reports(m->db, m->region, dinner, &r, &n), MODEL_OK);
	assert_int_equal(n, 2);
	assert_null(r[0].account_name);
	assert_string_equal(r[1].account_name, "Oleh");
	e.n = 0;
	assert_int_equal(offer_hide(m->db, dinner, f.coordinator, "Reklame", &e), MODEL_OK);
	assert_int_equal(offer_reports(m->db, m->region, dinner, &r, &n), MODEL_OK);
	assert_int_equal(n, 0);
	assert_int_equal(offer_list(m->db, m->region, &all, &p, &items, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(offer_list_moderation(m->db, m->region, &items, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].hidden_reason, "Reklame");
	assert_int_equal(offer_list_author(m->db, m->region, f.host, &items, &n), MODEL_OK);
	assert_int_equal(n, 3);
	/* The author's list keeps the original text. */
	assert_string_equal(items[1].title, "Aftensmad hos os");
}

static void test_deleted_accounts(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f;
	make_fixture(m, &f);
	int64_t a1, a2;
	struct field_errors e = { .n = 0 };
	assert_int_equal(answer(m, f.offer, f.newcomer, 2, &a1), MODEL_OK);
	assert_int_equal(answer(m, f.offer, f.other, 1, &a2), MODEL_OK);
	assert_int_equal(offer_answer_accept(m->db, a1, "", &e), MODEL_OK);
	assert_int_equal(offer_answer_accept(m->db, a2, "", &e), MODEL_OK);
	assert_int_equal(offer_message_add(m->db, a2, f.host, "Velkommen!", &e), MODEL_OK);
	/* Kept as from a deleted user, or removed; the places freed. */
	assert_int_equal(account_delete(m->db, f.newcomer, ACCOUNT_DELETE_REMOVE_TEXTS), MODEL_OK);
	assert_int_equal(modeldb_int(m, "SELECT taken FROM welcome_offer"), 1);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM offer_message WHERE answer_id = %lld", (long long)a1), 0);
	assert_int_equal(account_delete(m->db, f.host, ACCOUNT_DELETE_KEEP_TEXTS), MODEL_OK);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM welcome_offer"), 0);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM offer_answer"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELDB_BOTH(test_what_an_offer_must_say),
		MODELDB_BOTH(test_who_may_answer),
		MODELDB_BOTH(test_places),
		MODELDB_BOTH(test_lists_and_reports),
		MODELDB_BOTH(test_deleted_accounts),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
