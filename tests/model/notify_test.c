/*
 * notify_test.c: following (src/model/follow.c) and notifications
 * (src/model/notify.c) on SQLite and PostgreSQL: who is told of an event
 * (followers of its subject, arena and areas, a named recipient, an
 * organisation's people; once each; never the one who caused it), when
 * mail is due for each choice (also across summer time), the inbox
 * (unread first, marking read, only one's own), choices changing waiting
 * mail, the digest job's queries, signed unsubscribe links, and purging.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tz.h"
#include "model/follow.h"
#include "model/notify.h"
#include "support/modeldb.h"

struct world {
	int64_t ann, bo, cai, dina, area, other_area, arena, activity, org;
};

static struct world make_world(struct modeldb *m)
{
	struct world w;
	w.ann = modeldb_account(m, "ann@example.dk", "Ann");
	w.bo = modeldb_account(m, "bo@example.dk", "Bo");
	w.cai = modeldb_account(m, "cai@example.dk", "Cai");
	w.dina = modeldb_account(m, "dina@example.dk", "Dina");
	w.area = modeldb_area(m, "Haarby");
	w.other_area = modeldb_area(m, "Aarup");
	w.org = modeldb_org(m, "DGI");
	modeldb_exec(m, "INSERT INTO theme (name, name_key, created_at, updated_at) VALUES ('T', 't', 1, 1)");
	modeldb_exec(m, "INSERT INTO arena (title, title_key, theme_id, created_at, updated_at) "
			"VALUES ('Ensomme ældre', 'e', 1, 1, 1)");
	w.arena = modeldb_int(m, "SELECT MAX(id) FROM arena");
	modeldb_exec(m, "INSERT INTO arena_area (arena_id, area_id) VALUES (%lld, %lld)", (long long)w.arena,
		     (long long)w.area);
	modeldb_exec(m, "INSERT INTO activity (arena_id, kind, title, starts_at, ends_at, created_at, updated_at) "
			"VALUES (%lld, 'workshop', 'Workshop', 10, 20, 1, 1)",
		     (long long)w.arena);
	w.activity = modeldb_int(m, "SELECT MAX(id) FROM activity");
	return w;
}

static int64_t told(struct modeldb *m, int64_t event_id)
{
	return modeldb_int(m, "SELECT COUNT(*) FROM notification WHERE event_id = %lld", (long long)event_id);
}

static int was_told(struct modeldb *m, int64_t event_id, int64_t account)
{
	return modeldb_int(m, "SELECT COUNT(*) FROM notification WHERE event_id = %lld AND account_id = %lld",
			   (long long)event_id, (long long)account) == 1;
}

static void test_following_by_choice_and_by_taking_part(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct world w = make_world(m);
	int on = -1;
	assert_int_equal(follow_get(m->db, w.ann, FOLLOW_ARENA, w.arena, &on), MODEL_OK);
	assert_int_equal(on, 0);
	assert_int_equal(follow_set(m->db, w.ann, FOLLOW_ARENA, w.arena, 1), MODEL_OK);
	assert_int_equal(follow_set(m->db, w.ann, FOLLOW_AREA, w.area, 1), MODEL_OK);
	assert_int_equal(follow_get(m->db, w.ann, FOLLOW_ARENA, w.arena, &on), MODEL_OK);
	assert_int_equal(on, 1);
	/* Something that does not exist cannot be followed. */
	assert_int_equal(follow_set(m->db, w.ann, FOLLOW_ARENA, 999, 1), MODEL_NOT_FOUND);
	assert_int_equal(follow_set(m->db, w.ann, FOLLOW_PROPOSAL, 1, 1), MODEL_NOT_FOUND);
	/* Taking part follows ... */
	assert_int_equal(follow_taking_part(m->db, w.bo, FOLLOW_ACTIVITY, w.activity), MODEL_OK);
	assert_int_equal(follow_get(m->db, w.bo, FOLLOW_ACTIVITY, w.activity, &on), MODEL_OK);
	assert_int_equal(on, 1);
	/* ... but not someone who stopped following. */
	assert_int_equal(follow_set(m->db, w.bo, FOLLOW_ACTIVITY, w.activity, 0), MODEL_OK);
	assert_int_equal(follow_taking_part(m->db, w.bo, FOLLOW_ACTIVITY, w.activity), MODEL_OK);
	assert_int_equal(follow_get(m->db, w.bo, FOLLOW_ACTIVITY, w.activity, &on), MODEL_OK);
	assert_int_equal(on, 0);
	/* A visitor without an account follows nothing, and nothing fails. */
	assert_int_equal(follow_taking_part(m->db, 0, FOLLOW_ARENA, w.arena), MODEL_OK);

	struct follow *items;
	size_t n;
	assert_int_equal(follow_taking_part(m->db, w.ann, FOLLOW_ACTIVITY, w.activity), MODEL_OK);
	assert_int_equal(follow_list(m->db, m->region, w.ann, &items, &n), MODEL_OK);
	assert_int_equal(n, 3);
	assert_int_equal(items[0].kind, FOLLOW_ARENA);
	assert_string_equal(items[0].title, "Ensomme ældre");
	assert_false(items[0].by_taking_part);
	assert_int_equal(items[1].kind, FOLLOW_AREA);
	assert_string_equal(items[1].title, "Haarby");
	assert_int_equal(items[2].kind, FOLLOW_ACTIVITY);
	assert_true(items[2].by_taking_part);
	assert_int_equal(items[2].arena_id, w.arena);
	assert_string_equal(follow_link(m->region, items[2].kind, items[2].id, items[2].arena_id), "/arenas/1/activities/1");
	/* A proposal, once there is one; listed after the rest. */
	int64_t p = modeldb_proposal(m, w.arena, "Bænke ved søen", "", w.bo);
	assert_int_equal(follow_taking_part(m->db, w.ann, FOLLOW_PROPOSAL, p), MODEL_OK);
	assert_int_equal(follow_list(m->db, m->region, w.ann, &items, &n), MODEL_OK);
	assert_int_equal(n, 4);
	assert_int_equal(items[3].kind, FOLLOW_PROPOSAL);
	assert_string_equal(items[3].title, "Bænke ved søen");
	assert_string_equal(follow_link(m->region, items[3].kind, items[3].id, items[3].arena_id), "/arenas/1/proposals/1");
	/* A thing removed drops out of the list. */
	modeldb_exec(m, "DELETE FROM activity WHERE id = %lld", (long long)w.activity);
	modeldb_exec(m, "DELETE FROM proposal WHERE id = %lld", (long long)p);
	assert_int_equal(follow_list(m->db, m->region, w.ann, &items, &n), MODEL_OK);
	assert_int_equal(n, 2);
}

/* A proposal's steps reach its followers and its arena's, each told in
 * the words of the step; a reply reaches the comment's author alone. */
static void test_proposal_steps_and_replies(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct world w = make_world(m);
	int64_t p = modeldb_proposal(m, w.arena, "Bænke ved søen", "Flere bænke.", w.ann);
	assert_int_equal(follow_taking_part(m->db, w.bo, FOLLOW_PROPOSAL, p), MODEL_OK);
	assert_int_equal(follow_set(m->db, w.cai, FOLLOW_ARENA, w.arena, 1), MODEL_OK);
	assert_int_equal(follow_set(m->db, w.dina, FOLLOW_AREA, w.area, 1), MODEL_OK);
	int64_t ev;
	struct notify_event e = { .kind = NOTIFY_PROPOSAL_STEP, .variant = "adopted", .arena_id = w.arena,
				  .subject_kind = FOLLOW_PROPOSAL, .subject_id = p, .actor = w.ann,
				  .title = "Bænke ved søen", .detail = "Assens Byråd", .link = "/arenas/1/proposals/1" };
	assert_int_equal(notify_event(m->db, &e, &ev), MODEL_OK);
	/* Bo (the proposal) and Cai (the arena); not the area's Dina, not
	 * Ann who recorded it. */
	assert_int_equal(told(m, ev), 2);
	assert_true(was_told(m, ev, w.bo));
	assert_true(was_told(m, ev, w.cai));
	e.variant = "submitted";
	assert_int_equal(notify_event(m->db, &e, &ev), MODEL_OK);
	e.variant = NULL;
	assert_int_equal(notify_event(m->db, &e, &ev), MODEL_OK);
	struct paging pg = { 1, 10, 0 };
	struct notification *items;
	size_t n;
	assert_int_equal(notify_list(m->db, m->region, w.bo, &pg, &items, &n), MODEL_OK);
	assert_int_equal(n, 3);
	assert_int_equal(notify_line(&items[0]), MSG_NOTIFY_LINE_PROPOSAL_STEP);
	assert_string_equal(items[1].variant, "submitted");
	assert_int_equal(notify_line(&items[1]), MSG_NOTIFY_LINE_PROPOSAL_SUBMITTED);
	assert_int_equal(notify_line(&items[2]), MSG_NOTIFY_LINE_PROPOSAL_ADOPTED);
	assert_string_equal(items[2].detail, "Assens Byråd");
	/* A reply to Dina's comment, by Bo: Dina alone. */
	e = (struct notify_event){ .kind = NOTIFY_REPLY, .arena_id = w.arena, .recipient = w.dina, .actor = w.bo,
				   .title = "Bænke ved søen", .detail = "Enig!", .link = "/arenas/1/proposals/1/comments/2" };
	assert_int_equal(notify_event(m->db, &e, &ev), MODEL_OK);
	assert_int_equal(told(m, ev), 1);
	assert_true(was_told(m, ev, w.dina));
	/* Nor is anyone told of their own reply to their own comment. */
	e.actor = w.dina;
	assert_int_equal(notify_event(m->db, &e, &ev), MODEL_OK);
	assert_int_equal(told(m, ev), 0);
}

static void test_who_is_told_of_an_event(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct world w = make_world(m);
	/* Ann follows the arena and its area (told once), Bo the area only,
	 * Cai the activity, Dina another area; Cai causes the first event. */
	assert_int_equal(follow_set(m->db, w.ann, FOLLOW_ARENA, w.arena, 1), MODEL_OK);
	assert_int_equal(follow_set(m->db, w.ann, FOLLOW_AREA, w.area, 1), MODEL_OK);
	assert_int_equal(follow_set(m->db, w.bo, FOLLOW_AREA, w.area, 1), MODEL_OK);
	assert_int_equal(follow_set(m->db, w.cai, FOLLOW_ACTIVITY, w.activity, 1), MODEL_OK);
	assert_int_equal(follow_set(m->db, w.dina, FOLLOW_AREA, w.other_area, 1), MODEL_OK);
	int64_t ev;
	struct notify_event e = { .kind = NOTIFY_ACTIVITY_NEW, .arena_id = w.arena, .subject_kind = FOLLOW_ACTIVITY,
				  .subject_id = w.activity, .actor = w.bo, .title = "Workshop",
				  .at = 1000, .link = "/arenas/1/activities/1" };
	assert_int_equal(notify_event(m->db, &e, &ev), MODEL_OK);
	/* A new activity: the arena's and its areas' followers, not the
	 * one who made it (Bo), not other areas. */
	assert_int_equal(told(m, ev), 1);
	assert_true(was_told(m, ev, w.ann));
	/* A change: the activity's followers and the arena's. */
	e.kind = NOTIFY_ACTIVITY_CHANGED;
	e.actor = 0;
	e.detail = "Haarby Bibliotek";
	assert_int_equal(notify_event(m->db, &e, &ev), MODEL_OK);
	assert_int_equal(told(m, ev), 2);
	assert_true(was_told(m, ev, w.ann));
	assert_true(was_told(m, ev, w.cai));
	/* A phase: the arena's followers. */
	e = (struct notify_event){ .kind = NOTIFY_PHASE, .arena_id = w.arena, .title = "Ensomme ældre",
				   .detail = "Forslag skrives", .link = "/arenas/1" };
	assert_int_equal(notify_event(m->db, &e, &ev), MODEL_OK);
	assert_int_equal(told(m, ev), 1);
	/* A story of another area: that area's followers and the arena's. */
	e = (struct notify_event){ .kind = NOTIFY_STORY, .arena_id = w.arena, .area_id = w.other_area,
				   .title = "Hvad vi lærte", .link = "/stories/1" };
	assert_int_equal(notify_event(m->db, &e, &ev), MODEL_OK);
	assert_int_equal(told(m, ev), 3);
	assert_true(was_told(m, ev, w.dina));
	assert_true(was_told(m, ev, w.bo));
	/* One's own statement: the author alone, follower or not. */
	e = (struct notify_event){ .kind = NOTIFY_STATEMENT_MODERATED, .arena_id = w.arena, .recipient = w.dina,
				   .title = "Flere bænke", .link = "/arenas/1/dialogue" };
	assert_int_equal(notify_event(m->db, &e, &ev), MODEL_OK);
	assert_int_equal(told(m, ev), 1);
	assert_true(was_told(m, ev, w.dina));
	/* An invitation: the organisation's members and representatives. */
	modeldb_exec(m, "INSERT INTO membership (account_id, organisation_id, created_at) VALUES (%lld, %lld, 1)",
		     (long long)w.ann, (long long)w.org);
	modeldb_exec(m, "INSERT INTO role_grant (account_id, role, scope_kind, scope_id, granted_at) "
			"VALUES (%lld, 'representative', 'organisation', %lld, 1), "
			"(%lld, 'representative', 'organisation', %lld, 1)",
		     (long long)w.ann, (long long)w.org, (long long)w.bo, (long long)w.org);
	e = (struct notify_event){ .kind = NOTIFY_INVITATION, .arena_id = w.arena, .organisation_id = w.org,
				   .title = "Ensomme ældre", .detail = "DGI", .link = "/arenas/1" };
	assert_int_equal(notify_event(m->db, &e, &ev), MODEL_OK);
	assert_int_equal(told(m, ev), 2);
	assert_true(was_told(m, ev, w.ann));
	assert_true(was_told(m, ev, w.bo));
}

static int64_t local(int y, int mo, int d, int h, int mi)
{
	int64_t t = 0;
	assert_int_equal(tz_to_utc(y, mo, d, h, mi, &t), 0);
	return t;
}

static void test_when_mail_is_due(void **state)
{
	(void)state;
	/* Thursday 4 June 2026. */
	int64_t t = local(2026, 6, 4, 9, 30);
	assert_int_equal(notify_mail_due(MAIL_NOW, t), t);
	assert_int_equal(notify_mail_due(MAIL_NONE, t), 0);
	assert_int_equal(notify_mail_due(MAIL_DAILY, t), local(2026, 6, 5, 7, 0));
	assert_int_equal(notify_mail_due(MAIL_WEEKLY, t), local(2026, 6, 8, 7, 0));
	/* Before seven: the same morning. At seven: the next. */
	assert_int_equal(notify_mail_due(MAIL_DAILY, local(2026, 6, 4, 6, 59)), local(2026, 6, 4, 7, 0));
	assert_int_equal(notify_mail_due(MAIL_DAILY, local(2026, 6, 4, 7, 0)), local(2026, 6, 5, 7, 0));
	/* Monday before seven: this Monday; after: the next. */
	assert_int_equal(notify_mail_due(MAIL_WEEKLY, local(2026, 6, 8, 6, 0)), local(2026, 6, 8, 7, 0));
	assert_int_equal(notify_mail_due(MAIL_WEEKLY, local(2026, 6, 8, 8, 0)), local(2026, 6, 15, 7, 0));
	/* Late on the evening before summer time starts (a 23-hour day
	 * follows) and before it ends (25 hours): the next morning at seven. */
	assert_int_equal(notify_mail_due(MAIL_DAILY, local(2026, 3, 28, 23, 30)), local(2026, 3, 29, 7, 0));
	assert_int_equal(notify_mail_due(MAIL_DAILY, local(2026, 10, 24, 23, 30)), local(2026, 10, 25, 7, 0));
	assert_int_equal(notify_mail_due(MAIL_WEEKLY, local(2026, 3, 28, 23, 30)), local(2026, 3, 30, 7, 0));
}

static int64_t phase_event(struct modeldb *m, const struct world *w, const char *phase)
{
	struct notify_event e = { .kind = NOTIFY_PHASE, .arena_id = w->arena, .title = "Ensomme ældre",
				  .detail = phase, .link = "/arenas/1" };
	int64_t ev = 0;
	assert_int_equal(notify_event(m->db, &e, &ev), MODEL_OK);
	return ev;
}

static void test_mail_choices(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct world w = make_world(m);
	assert_int_equal(follow_set(m->db, w.ann, FOLLOW_ARENA, w.arena, 1), MODEL_OK);
	assert_int_equal(follow_set(m->db, w.bo, FOLLOW_ARENA, w.arena, 1), MODEL_OK);
	assert_int_equal(follow_set(m->db, w.cai, FOLLOW_ARENA, w.arena, 1), MODEL_OK);
	enum notify_mail prefs[NOTIFY__MAX];
	assert_int_equal(notify_prefs(m->db, w.bo, prefs), MODEL_OK);
	for (int k = 0; k < NOTIFY__MAX; k++)
		assert_int_equal(prefs[k], MAIL_DAILY);
	assert_int_equal(notify_set_pref(m->db, w.bo, NOTIFY_PHASE, MAIL_NOW), MODEL_OK);
	assert_int_equal(notify_set_pref(m->db, w.cai, -1, MAIL_NONE), MODEL_OK);
	assert_int_equal(notify_prefs(m->db, w.bo, prefs), MODEL_OK);
	assert_int_equal(prefs[NOTIFY_PHASE], MAIL_NOW);
	assert_int_equal(prefs[NOTIFY_STORY], MAIL_DAILY);
	int64_t ev = phase_event(m, &w, "Forslag");
	assert_int_equal(modeldb_int(m, "SELECT mail_due FROM notification WHERE event_id = %lld AND account_id = %lld",
				     (long long)ev, (long long)w.cai),
			 MODELDB_NULL);
	int64_t ann_due = modeldb_int(m, "SELECT mail_due FROM notification WHERE account_id = %lld", (long long)w.ann);
	int64_t bo_due = modeldb_int(m, "SELECT mail_due FROM notification WHERE account_id = %lld", (long long)w.bo);
	int64_t now = model_now();
	assert_true(bo_due <= now && bo_due > now - 60);
	assert_int_equal(ann_due, notify_mail_due(MAIL_DAILY, bo_due));
	/* Ann changes to weekly: what waits follows; with none it waits no more. */
	assert_int_equal(notify_set_pref(m->db, w.ann, NOTIFY_PHASE, MAIL_WEEKLY), MODEL_OK);
	assert_int_equal(modeldb_int(m, "SELECT mail_due FROM notification WHERE account_id = %lld", (long long)w.ann),
			 notify_mail_due(MAIL_WEEKLY, model_now()));
	assert_int_equal(notify_set_pref(m->db, w.ann, NOTIFY_PHASE, MAIL_NONE), MODEL_OK);
	assert_int_equal(modeldb_int(m, "SELECT mail_due FROM notification WHERE account_id = %lld", (long long)w.ann),
			 MODELDB_NULL);
	assert_int_equal(notify_set_pref(m->db, w.ann, NOTIFY__MAX, MAIL_NONE), MODEL_INVALID);
}

static void test_inbox(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct world w = make_world(m);
	assert_int_equal(follow_set(m->db, w.ann, FOLLOW_ARENA, w.arena, 1), MODEL_OK);
	assert_int_equal(follow_set(m->db, w.bo, FOLLOW_ARENA, w.arena, 1), MODEL_OK);
	int64_t first = phase_event(m, &w, "Et");
	phase_event(m, &w, "To");
	phase_event(m, &w, "Tre");
	int64_t n = 0;
	assert_int_equal(notify_unread(m->db, w.ann, &n), MODEL_OK);
	assert_int_equal(n, 3);
	int64_t first_note = modeldb_int(m, "SELECT id FROM notification WHERE account_id = %lld AND event_id = %lld",
					 (long long)w.ann, (long long)first);
	int64_t bos = modeldb_int(m, "SELECT MIN(id) FROM notification WHERE account_id = %lld", (long long)w.bo);
	assert_int_equal(notify_mark_read(m->db, w.ann, first_note), MODEL_OK);
	assert_int_equal(notify_mark_read(m->db, w.ann, first_note), MODEL_OK); /* again: no harm */
	/* Not one's own: not found, and Bo's stays unread. */
	assert_int_equal(notify_mark_read(m->db, w.ann, bos), MODEL_NOT_FOUND);
	assert_int_equal(notify_mark_read(m->db, w.ann, 99999), MODEL_NOT_FOUND);
	assert_int_equal(notify_unread(m->db, w.bo, &n), MODEL_OK);
	assert_int_equal(n, 3);
	assert_int_equal(notify_unread(m->db, w.ann, &n), MODEL_OK);
	assert_int_equal(n, 2);
	/* Unread first, newest first; the read one last. */
	struct paging p = { 1, 2, 0 };
	struct notification *items;
	size_t k;
	assert_int_equal(notify_list(m->db, m->region, w.ann, &p, &items, &k), MODEL_OK);
	assert_int_equal(p.total, 3);
	assert_int_equal(k, 2);
	assert_string_equal(items[0].detail, "Tre");
	assert_string_equal(items[1].detail, "To");
	assert_int_equal(items[0].read_at, 0);
	assert_string_equal(items[0].arena_title, "Ensomme ældre");
	assert_string_equal(items[0].link, "/arenas/1");
	assert_int_equal(notify_line(&items[0]), MSG_NOTIFY_LINE_PHASE);
	p.page = 2;
	assert_int_equal(notify_list(m->db, m->region, w.ann, &p, &items, &k), MODEL_OK);
	assert_int_equal(k, 1);
	assert_string_equal(items[0].detail, "Et");
	assert_true(items[0].read_at > 0);
	assert_int_equal(notify_mark_read(m->db, w.ann, 0), MODEL_OK);
	assert_int_equal(notify_unread(m->db, w.ann, &n), MODEL_OK);
	assert_int_equal(n, 0);
	assert_int_equal(notify_unread(m->db, w.bo, &n), MODEL_OK);
	assert_int_equal(n, 3);
}

static void test_due_mail_for_the_digest_job(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct world w = make_world(m);
	assert_int_equal(follow_set(m->db, w.ann, FOLLOW_ARENA, w.arena, 1), MODEL_OK);
	assert_int_equal(follow_set(m->db, w.bo, FOLLOW_ARENA, w.arena, 1), MODEL_OK);
	assert_int_equal(follow_set(m->db, w.cai, FOLLOW_AREA, w.area, 1), MODEL_OK);
	assert_int_equal(notify_set_pref(m->db, w.bo, NOTIFY_PHASE, MAIL_NOW), MODEL_OK);
	phase_event(m, &w, "Et");
	struct notify_event story = { .kind = NOTIFY_STORY, .title = "Uden arena", .area_id = w.area,
				      .link = "/stories/1" };
	assert_int_equal(notify_event(m->db, &story, NULL), MODEL_OK);
	story.arena_id = w.arena;
	story.title = "Med arena";
	assert_int_equal(notify_event(m->db, &story, NULL), MODEL_OK);
	int64_t now = model_now();
	int64_t *ids;
	size_t n;
	/* Now: Bo's phase only. Tomorrow morning: everyone. */
	assert_int_equal(notify_due_accounts(m->db, m->region, now, 0, 10, &ids, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], w.bo);
	int64_t later = notify_mail_due(MAIL_DAILY, now);
	assert_int_equal(notify_due_accounts(m->db, m->region, later, 0, 10, &ids, &n), MODEL_OK);
	assert_int_equal(n, 3);
	assert_int_equal(notify_due_accounts(m->db, m->region, later, w.ann, 1, &ids, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], w.bo);
	/* Cai's: the arena's first, the one of no arena last. */
	struct notification *items;
	assert_int_equal(notify_due_of(m->db, m->region, w.cai, later, &items, &n), MODEL_OK);
	assert_int_equal(n, 2);
	assert_string_equal(items[0].title, "Med arena");
	assert_string_equal(items[1].title, "Uden arena");
	assert_int_equal(items[1].arena_id, 0);
	/* Bo's mail at once went out; then the digest takes the rest. */
	assert_int_equal(notify_due_of(m->db, m->region, w.bo, now, &items, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].mail, MAIL_NOW);
	modeldb_exec(m, "INSERT INTO outbox (recipient, subject, body, created_at, next_attempt_at) "
			"VALUES ('bo@example.dk', 's', 'b', 1, 1), ('bo@example.dk', 'd', 'b', 1, 1)");
	assert_int_equal(notify_mailed(m->db, items[0].id, 1, now), MODEL_OK);
	assert_int_equal(notify_due_accounts(m->db, m->region, now, 0, 10, &ids, &n), MODEL_OK);
	assert_int_equal(n, 0);
	assert_int_equal(notify_digest_mailed(m->db, w.bo, 2, later), MODEL_OK);
	assert_int_equal(notify_due_of(m->db, m->region, w.bo, later, &items, &n), MODEL_OK);
	assert_int_equal(n, 0);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM notification WHERE account_id = %lld AND outbox_id = 2",
				     (long long)w.bo),
			 1);
	/* Never to be mailed (an unconfirmed address): due no more. */
	assert_int_equal(notify_due_of(m->db, m->region, w.ann, later, &items, &n), MODEL_OK);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(notify_mailed(m->db, items[i].id, 0, later), MODEL_OK);
	assert_int_equal(notify_due_of(m->db, m->region, w.ann, later, &items, &n), MODEL_OK);
	assert_int_equal(n, 0);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM notification WHERE account_id = %lld AND mailed_at IS NULL",
				     (long long)w.ann),
			 2);
}

static void test_unsubscribe_links_are_signed(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct world w = make_world(m);
	char sig[SECRET_SIGNATURE_LEN + 1], again[SECRET_SIGNATURE_LEN + 1];
	/* No key yet: nothing checks out. */
	assert_int_equal(notify_unsubscribe_check(m->db, w.ann, "all", "x"), MODEL_NOT_FOUND);
	assert_int_equal(notify_unsubscribe_sign(m->db, w.ann, "all", sig), MODEL_OK);
	assert_int_equal(notify_unsubscribe_sign(m->db, w.ann, "all", again), MODEL_OK);
	assert_string_equal(sig, again); /* one key, kept */
	assert_int_equal(notify_unsubscribe_check(m->db, w.ann, "all", sig), MODEL_OK);
	assert_int_equal(notify_unsubscribe_check(m->db, w.bo, "all", sig), MODEL_NOT_FOUND);
	assert_int_equal(notify_unsubscribe_check(m->db, w.ann, "phase", sig), MODEL_NOT_FOUND);
	sig[0] = sig[0] == 'A' ? 'B' : 'A';
	assert_int_equal(notify_unsubscribe_check(m->db, w.ann, "all", sig), MODEL_NOT_FOUND);
	assert_int_equal(notify_unsubscribe_check(m->db, w.ann, "all", ""), MODEL_NOT_FOUND);
	assert_int_equal(notify_unsubscribe_sign(m->db, w.ann, "phase", sig), MODEL_OK);
	assert_int_equal(notify_unsubscribe_check(m->db, w.ann, "phase", sig), MODEL_OK);
	assert_int_equal(notify_unsubscribe_sign(m->db, w.ann, "nonsense", sig), MODEL_INVALID);
	assert_int_equal(notify_unsubscribe_check(m->db, w.ann, "nonsense", sig), MODEL_NOT_FOUND);
	assert_int_equal(notify_unsubscribe_check(m->db, w.ann, NULL, sig), MODEL_NOT_FOUND);
}

static void test_old_events_are_purged_with_their_notifications(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct world w = make_world(m);
	assert_int_equal(follow_set(m->db, w.ann, FOLLOW_ARENA, w.arena, 1), MODEL_OK);
	int64_t old = phase_event(m, &w, "Gammel");
	phase_event(m, &w, "Ny");
	modeldb_exec(m, "UPDATE event SET created_at = created_at - 400 * 86400 WHERE id = %lld", (long long)old);
	assert_int_equal(notify_purge(m->db, model_now()), MODEL_OK);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM event"), 1);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM notification"), 1);
	/* Deleting an account takes its follows, notifications and choices. */
	assert_int_equal(notify_set_pref(m->db, w.ann, -1, MAIL_WEEKLY), MODEL_OK);
	modeldb_exec(m, "DELETE FROM account WHERE id = %lld", (long long)w.ann);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM notification"), 0);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM follow"), 0);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM notify_pref"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELDB_BOTH(test_following_by_choice_and_by_taking_part),
		MODELDB_BOTH(test_who_is_told_of_an_event),
		MODELDB_BOTH(test_proposal_steps_and_replies),
		cmocka_unit_test(test_when_mail_is_due),
		MODELDB_BOTH(test_mail_choices),
		MODELDB_BOTH(test_inbox),
		MODELDB_BOTH(test_due_mail_for_the_digest_job),
		MODELDB_BOTH(test_unsubscribe_links_are_signed),
		MODELDB_BOTH(test_old_events_are_purged_with_their_notifications),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
