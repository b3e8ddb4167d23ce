/*
 * pairing_test.c: a guide programme's round and matches through the model
 * (matching.c, pairing.c, programme.c), on SQLite and PostgreSQL: a run
 * writes drafts with their facts and the reasons for those left without
 * a guide; a locked pair survives re-runs and a ruled-out pair never comes
 * back; a stale revision is refused; sending makes proposals with answer
 * tokens; yes from both accepts, a no ends the pair, rules it out and
 * puts the newcomer back with their wait kept; the first meeting
 * schedules follow-ups that fall due and are reminded once; ending with a
 * reason finishes the newcomer, and the retention purge deletes them with
 * their matches, logged. Every read of newcomer data is in the audit log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/guide.h"
#include "model/matching.h"
#include "model/pairing.h"
#include "model/programme.h"
#include "support/programmedb.h"

#define DRAFTS (1u << PAIRING_DRAFT)
#define ALL ((1u << PAIRING_STATUS__MAX) - 1)

static struct matching_result run(struct programmedb *f, int64_t revision)
{
	struct matching_result res;
	assert_int_equal(programme_bump(f->m->db, f->programme, revision), MODEL_OK);
	assert_int_equal(matching_run(f->m->db, f->m->region, f->programme, model_now(), &f->who, &res),
			 MODEL_OK);
	return res;
}

/* The draft of newcomer, or NULL. */
static const struct pairing *draft_of(struct programmedb *f, int64_t newcomer)
{
	struct pairing *p;
	size_t n;
	assert_int_equal(pairing_list(f->m->db, f->m->region, f->programme, DRAFTS, &f->who, "test",
				      &p, &n),
			 MODEL_OK);
	for (size_t i = 0; i < n; i++)
		if (p[i].newcomer_id == newcomer)
			return &p[i];
	return NULL;
}

static void test_run_drafts_and_reasons(void **state)
{
	struct programmedb f;
	programmedb_setup(modeldb_get(state), &f);
	int64_t mette = programmedb_guide(&f, "mette@iss.dk", "Mette Hansen", f.aarup, "da ar", 1);
	int64_t lars = programmedb_guide(&f, "lars@ncc.dk", "Lars Nielsen", f.assens, "da en", 2);
	int64_t amina = programmedb_newcomer(&f, "Amina", f.aarup, "ar", "1990-05-01");
	int64_t yonas = programmedb_newcomer(&f, "Yonas", f.aarup, "ti", "1995-02-03");
	int64_t olena = programmedb_newcomer(&f, "Olena", f.assens, "uk en", "1988-10-10");

	struct matching_result res = run(&f, 0);
	assert_int_equal(res.newcomers, 3);
	assert_int_equal(res.guides, 2);
	assert_int_equal(res.matched, 2);
	const struct pairing *d = draft_of(&f, amina);
	assert_non_null(d);
	assert_int_equal(d->guide_id, mette);
	assert_string_equal(d->newcomer_first_name, "Amina");
	assert_int_equal(d->km, 0);
	/* Arabic and football shared; same area: 10 + 3 x 10 */
	assert_int_equal(d->shared_languages, 1u << vocab_parse(&vocab_languages, "ar"));
	assert_int_equal(d->score, 10 + 30);
	d = draft_of(&f, olena);
	assert_non_null(d);
	assert_int_equal(d->guide_id, lars);
	assert_null(draft_of(&f, yonas));

	/* Yonas: nobody within reach speaks Tigrinya. */
	struct pairing_unmatched *u;
	size_t n;
	assert_int_equal(pairing_unmatched_list(f.m->db, f.m->region, f.programme, &f.who, &u, &n),
			 MODEL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(u[0].newcomer_id, yonas);
	assert_int_equal(u[0].why.guides[MATCH_RULE_LANGUAGE], 2);
	assert_int_equal(u[0].why.guides[MATCH_RULE_FULL], 0);

	/* Logged: the run, and the reads of the pool and the lists. */
	char subject[48];
	snprintf(subject, sizeof subject, "programme %lld", (long long)f.programme);
	assert_int_equal(programmedb_audits(&f, "matching.run", subject), 1);
	assert_true(programmedb_audits(&f, "newcomer.list", subject) >= 3);
	assert_int_equal(modeldb_int(f.m, "SELECT COUNT(*) FROM audit_log WHERE action = "
					  "'newcomer.list' AND actor_id = %lld AND client = '192.0.2.1'",
				     (long long)f.coordinator),
			 programmedb_audits(&f, "newcomer.list", subject));

	/* The round moved on: acting on revision 0 again is refused, and
	 * nothing of it is written. */
	assert_int_equal(programme_bump(f.m->db, f.programme, 0), MODEL_CONFLICT);
	assert_int_equal(programme_bump(f.m->db, f.programme + 99, 0), MODEL_NOT_FOUND);
}

static void test_lock_reject_rerun(void **state)
{
	struct programmedb f;
	programmedb_setup(modeldb_get(state), &f);
	int64_t mette = programmedb_guide(&f, "mette@iss.dk", "Mette Hansen", f.aarup, "da ar", 1);
	int64_t lars = programmedb_guide(&f, "lars@ncc.dk", "Lars Nielsen", f.aarup, "da ar", 1);
	int64_t amina = programmedb_newcomer(&f, "Amina", f.aarup, "ar", "1990-05-01");
	run(&f, 0);
	const struct pairing *d = draft_of(&f, amina);
	assert_non_null(d);
	int64_t first = d->guide_id, other = first == mette ? lars : mette;

	/* The coordinator gives Amina the other guide, locked. */
	struct matching_candidate *c;
	size_t n;
	assert_int_equal(matching_candidates(f.m->db, f.m->region, f.programme, amina, model_now(),
					     &f.who, &c, &n),
			 MODEL_OK);
	assert_int_equal(n, 2);
	const struct matching_candidate *pick = c[0].guide_id == other ? &c[0] : &c[1];
	assert_int_equal(pick->rule, MATCH_RULE__MAX);
	assert_int_equal(programme_bump(f.m->db, f.programme, 1), MODEL_OK);
	assert_int_equal(pairing_lock(f.m->db, f.programme, amina, other, &pick->facts), MODEL_OK);
	run(&f, 2);
	d = draft_of(&f, amina);
	assert_non_null(d);
	assert_int_equal(d->guide_id, other);
	assert_true(d->locked);

	/* Unlocked and that pair ruled out: the run gives the first guide. */
	assert_int_equal(pairing_unlock(f.m->db, f.programme, amina), MODEL_OK);
	assert_int_equal(pairing_reject(f.m->db, amina, other), MODEL_OK);
	assert_null(draft_of(&f, amina));
	run(&f, 3);
	d = draft_of(&f, amina);
	assert_non_null(d);
	assert_int_equal(d->guide_id, first);
	assert_false(d->locked);
	/* Both pairs ruled out: none, and the reason says so. */
	assert_int_equal(pairing_reject(f.m->db, amina, first), MODEL_OK);
	run(&f, 4);
	assert_null(draft_of(&f, amina));
	struct pairing_unmatched *u;
	assert_int_equal(pairing_unmatched_list(f.m->db, f.m->region, f.programme, &f.who, &u, &n),
			 MODEL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(u[0].why.guides[MATCH_RULE_REJECTED], 2);
	assert_int_equal(pairing_unlock(f.m->db, f.programme, amina), MODEL_NOT_FOUND);
}

/* Sends the round and returns the one proposal's tokens. */
static struct pairing_sent send_one(struct programmedb *f, int64_t revision)
{
	struct pairing_sent *sent;
	size_t n;
	assert_int_equal(programme_bump(f->m->db, f->programme, revision), MODEL_OK);
	assert_int_equal(pairing_send(f->m->db, f->m->region, f->programme, &sent, &n), MODEL_OK);
	assert_int_equal(n, 1);
	return sent[0];
}

static void test_proposal_accepted(void **state)
{
	struct programmedb f;
	programmedb_setup(modeldb_get(state), &f);
	int64_t mette = programmedb_guide(&f, "mette@iss.dk", "Mette Hansen", f.aarup, "da ar", 1);
	int64_t amina = programmedb_newcomer(&f, "Amina", f.aarup, "ar", "1990-05-01");
	run(&f, 0);
	struct pairing_sent s = send_one(&f, 1);
	assert_int_equal(s.guide_id, mette);
	assert_int_equal(modeldb_int(f.m, "SELECT status FROM newcomer WHERE id = %lld", (long long)amina) ==
				 MODELDB_NONE,
			 0);
	assert_int_equal(modeldb_int(f.m, "SELECT COUNT(*) FROM newcomer WHERE status = 'matched'"), 1);

	/* The links: each opens the pair as its side; the guide's read of the
	 * newcomer is logged. */
	struct pairing p;
	enum pairing_side side;
	assert_int_equal(pairing_by_token(f.m->db, f.m->region, s.guide_token, "198.51.100.7", &p, &side),
			 MODEL_OK);
	assert_int_equal(side, SIDE_GUIDE);
	assert_string_equal(p.newcomer_first_name, "Amina");
	char subject[48];
	snprintf(subject, sizeof subject, "newcomer %lld", (long long)amina);
	assert_int_equal(programmedb_audits(&f, "newcomer.read.summary", subject), 1);
	assert_int_equal(pairing_by_token(f.m->db, f.m->region, s.newcomer_token, "x", &p, &side), MODEL_OK);
	assert_int_equal(side, SIDE_NEWCOMER);
	char wrong[SECRET_TOKEN_LEN + 1];
	secret_token(wrong);
	assert_int_equal(pairing_by_token(f.m->db, f.m->region, wrong, "x", &p, &side), MODEL_NOT_FOUND);
	assert_int_equal(pairing_by_token(f.m->db, f.m->region, "short", "x", &p, &side), MODEL_NOT_FOUND);

	int accepted = -1;
	struct newcomer_actor guide = { 0, "198.51.100.7" };
	assert_int_equal(pairing_answer(f.m->db, s.id, SIDE_GUIDE, 1, 0, &guide, &accepted), MODEL_OK);
	assert_false(accepted);
	/* Answering twice is refused. */
	assert_int_equal(pairing_answer(f.m->db, s.id, SIDE_GUIDE, 0, 0, &guide, &accepted),
			 MODEL_CONFLICT);
	/* The coordinator records the newcomer's yes, given by phone. */
	assert_int_equal(pairing_answer(f.m->db, s.id, SIDE_NEWCOMER, 1, f.coordinator, &f.who, &accepted),
			 MODEL_OK);
	assert_true(accepted);
	assert_int_equal(pairing_get(f.m->db, f.m->region, s.id, &f.who, "test", &p), MODEL_OK);
	assert_int_equal(p.status, PAIRING_ACCEPTED);
	assert_int_equal(p.answer[SIDE_GUIDE], ANSWER_YES);
	assert_int_equal(p.answer[SIDE_NEWCOMER], ANSWER_YES);
	assert_int_equal(modeldb_int(f.m, "SELECT newcomer_answered_by FROM guide_match WHERE id = %lld",
				     (long long)s.id),
			 f.coordinator);
	/* Mette's place is taken. */
	struct guide g;
	assert_int_equal(guide_get(f.m->db, f.m->region, mette, &g), MODEL_OK);
	assert_int_equal(g.taken, 1);
}

static void test_declined(void **state)
{
	struct programmedb f;
	programmedb_setup(modeldb_get(state), &f);
	int64_t mette = programmedb_guide(&f, "mette@iss.dk", "Mette Hansen", f.aarup, "da ar", 1);
	int64_t amina = programmedb_newcomer(&f, "Amina", f.aarup, "ar", "1990-05-01");
	modeldb_exec(f.m, "UPDATE newcomer SET waiting_since = 1000 WHERE id = %lld", (long long)amina);
	run(&f, 0);
	struct pairing_sent s = send_one(&f, 1);
	int accepted;
	struct newcomer_actor guide = { 0, "x" };
	assert_int_equal(pairing_answer(f.m->db, s.id, SIDE_GUIDE, 0, 0, &guide, &accepted), MODEL_OK);
	struct pairing p;
	assert_int_equal(pairing_get(f.m->db, f.m->region, s.id, &f.who, "test", &p), MODEL_OK);
	assert_int_equal(p.status, PAIRING_ENDED);
	assert_int_equal(p.end_reason, END_DECLINED);
	/* The link is dead; Amina waits again from when she first did. */
	enum pairing_side side;
	assert_int_equal(pairing_by_token(f.m->db, f.m->region, s.newcomer_token, "x", &p, &side),
			 MODEL_NOT_FOUND);
	assert_int_equal(modeldb_int(f.m, "SELECT waiting_since FROM newcomer WHERE id = %lld AND "
					  "status = 'waiting'",
				     (long long)amina),
			 1000);
	/* The pair is never proposed again. */
	run(&f, 2);
	assert_null(draft_of(&f, amina));
	assert_int_equal(modeldb_int(f.m, "SELECT COUNT(*) FROM match_rejected WHERE newcomer_id = %lld "
					  "AND guide_id = %lld",
				     (long long)amina, (long long)mette),
			 1);
}

static void test_meeting_followups_end_purge(void **state)
{
	struct programmedb f;
	programmedb_setup(modeldb_get(state), &f);
	programmedb_guide(&f, "mette@iss.dk", "Mette Hansen", f.aarup, "da ar", 1);
	int64_t amina = programmedb_newcomer(&f, "Amina", f.aarup, "ar", "1990-05-01");
	run(&f, 0);
	struct pairing_sent s = send_one(&f, 1);
	int accepted;
	struct field_errors e = { .n = 0 };
	/* Not accepted yet: no meeting. */
	assert_int_equal(pairing_first_meeting(f.m->db, s.id, "2024-03-01", &e), MODEL_CONFLICT);
	assert_int_equal(pairing_answer(f.m->db, s.id, SIDE_GUIDE, 1, 0, &f.who, &accepted), MODEL_OK);
	assert_int_equal(pairing_answer(f.m->db, s.id, SIDE_NEWCOMER, 1, 0, &f.who, &accepted), MODEL_OK);
	assert_int_equal(pairing_first_meeting(f.m->db, s.id, "2100-01-01", &e), MODEL_INVALID);
	assert_int_equal(e.n, 1);
	e.n = 0;
	assert_int_equal(pairing_first_meeting(f.m->db, s.id, "2024-03-01", &e), MODEL_OK);
	struct pairing_followup *fu;
	size_t n;
	assert_int_equal(pairing_followups(f.m->db, f.m->region, s.id, &fu, &n), MODEL_OK);
	assert_int_equal(n, 3);
	int64_t day = 19783; /* 2024-03-01 */
	assert_int_equal(fu[0].step, FOLLOWUP_2W);
	assert_int_equal(fu[0].due_at, (day + 14) * 86400);
	assert_int_equal(fu[1].due_at, (day + 61) * 86400);
	assert_int_equal(fu[2].due_at, (day + 183) * 86400);

	/* On day 70 the first two are due; reminded once. */
	struct pairing_due *due;
	int64_t t = (day + 70) * 86400;
	assert_int_equal(pairing_followups_due(f.m->db, f.m->region, t, &due, &n), MODEL_OK);
	assert_int_equal(n, 2);
	assert_string_equal(due[0].programme_name, "Vejvisere i Assens");
	assert_int_equal(pairing_followup_reminded(f.m->db, s.id, FOLLOWUP_2W, t), MODEL_OK);
	assert_int_equal(pairing_followup_done(f.m->db, s.id, FOLLOWUP_2M, "Godt i gang", f.coordinator, &e),
			 MODEL_OK);
	assert_int_equal(pairing_followups_due(f.m->db, f.m->region, t, &due, &n), MODEL_OK);
	assert_int_equal(n, 0);

	assert_int_equal(pairing_pause(f.m->db, s.id, 1), MODEL_OK);
	assert_int_equal(pairing_pause(f.m->db, s.id, 1), MODEL_CONFLICT);
	assert_int_equal(pairing_pause(f.m->db, s.id, 0), MODEL_OK);

	/* Ended as planned: Amina is finished; the retention clock runs. */
	assert_int_equal(pairing_end(f.m->db, s.id, END__MAX, "", 0, &f.who, &e), MODEL_INVALID);
	e.n = 0;
	assert_int_equal(pairing_end(f.m->db, s.id, END_COMPLETED, "Et godt forløb", 0, &f.who, &e),
			 MODEL_OK);
	assert_int_equal(pairing_end(f.m->db, s.id, END_COMPLETED, "", 0, &f.who, &e), MODEL_CONFLICT);
	assert_int_equal(modeldb_int(f.m, "SELECT COUNT(*) FROM newcomer WHERE status = 'ended'"), 1);
	struct pairing_count *c;
	assert_int_equal(pairing_counts(f.m->db, f.m->region, f.programme, &c, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(c[0].status, PAIRING_ENDED);
	assert_int_equal(c[0].end_reason, END_COMPLETED);
	assert_int_equal(c[0].count, 1);

	int64_t deleted = -1;
	assert_int_equal(newcomer_purge(f.m->db, model_now(), 90 * 86400, &deleted), MODEL_OK);
	assert_int_equal(deleted, 0);
	assert_int_equal(newcomer_purge(f.m->db, model_now() + 91 * 86400, 90 * 86400, &deleted), MODEL_OK);
	assert_int_equal(deleted, 1);
	assert_int_equal(modeldb_int(f.m, "SELECT COUNT(*) FROM newcomer"), 0);
	assert_int_equal(modeldb_int(f.m, "SELECT COUNT(*) FROM guide_match"), 0);
	assert_int_equal(modeldb_int(f.m, "SELECT COUNT(*) FROM match_followup"), 0);
	char subject[48];
	snprintf(subject, sizeof subject, "newcomer %lld", (long long)amina);
	assert_int_equal(programmedb_audits(&f, "newcomer.delete", subject), 1);
	/* The log keeps no name. */
	assert_int_equal(modeldb_int(f.m, "SELECT COUNT(*) FROM audit_log WHERE subject LIKE '%%Amina%%' "
					  "OR detail LIKE '%%Amina%%'"),
			 0);
}

static void test_withdrawn_newcomer(void **state)
{
	struct programmedb f;
	programmedb_setup(modeldb_get(state), &f);
	programmedb_guide(&f, "mette@iss.dk", "Mette Hansen", f.aarup, "da ar", 1);
	int64_t amina = programmedb_newcomer(&f, "Amina", f.aarup, "ar", "1990-05-01");
	run(&f, 0);
	send_one(&f, 1);
	assert_int_equal(pairing_end_of_newcomer(f.m->db, amina), MODEL_OK);
	assert_int_equal(newcomer_set_status(f.m->db, amina, NEWCOMER_WITHDRAWN, 1, &f.who), MODEL_OK);
	assert_int_equal(modeldb_int(f.m, "SELECT COUNT(*) FROM guide_match WHERE status = 'ended' AND "
					  "end_reason = 'withdrew'"),
			 1);
	/* Withdrawn: not in the next round. */
	struct matching_result res = run(&f, 2);
	assert_int_equal(res.newcomers, 0);
	int64_t deleted;
	assert_int_equal(newcomer_purge(f.m->db, model_now() + 2, 1, &deleted), MODEL_OK);
	assert_int_equal(deleted, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELDB_BOTH(test_run_drafts_and_reasons),
		MODELDB_BOTH(test_lock_reject_rerun),
		MODELDB_BOTH(test_proposal_accepted),
		MODELDB_BOTH(test_declined),
		MODELDB_BOTH(test_meeting_followups_end_purge),
		MODELDB_BOTH(test_withdrawn_newcomer),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
