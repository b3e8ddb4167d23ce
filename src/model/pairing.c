/*
 * pairing.c: pairs of a guide and a newcomer, from draft to ended (see
 * pairing.h).
 */
#include "model/pairing.h"

#include <stdio.h>
#include <string.h>

#include "core/tz.h"
#include "model/audit.h"
#include "model/text.h"

static const char *const status_codes[PAIRING_STATUS__MAX] = {
	"draft", "proposed", "accepted", "active", "paused", "ended",
};
static const enum msg status_names[PAIRING_STATUS__MAX] = {
	MSG_PAIRING_DRAFT,  MSG_PAIRING_PROPOSED, MSG_PAIRING_ACCEPTED,
	MSG_PAIRING_ACTIVE, MSG_PAIRING_PAUSED,   MSG_PAIRING_ENDED,
};
static const struct vocab statuses = VOCAB(status_codes, status_names);
static const char *const step_codes[FOLLOWUP__MAX] = { "2w", "2m", "6m" };
static const enum msg step_names[FOLLOWUP__MAX] = { MSG_FOLLOWUP_2W, MSG_FOLLOWUP_2M, MSG_FOLLOWUP_6M };
static const struct vocab steps = VOCAB(step_codes, step_names);
/* Days after the first meeting each follow-up falls due. */
static const int step_days[FOLLOWUP__MAX] = { 14, 61, 183 };
static const char *const answer_codes[ANSWER__MAX] = { "", "yes", "no" };
static const struct vocab answers = { answer_codes, NULL, ANSWER__MAX };

#define PAIRING_COLUMNS                                                                         \
	"SELECT m.id, m.programme_id, m.newcomer_id, m.guide_id, m.status, m.locked, m.score, "   \
	"m.shared_languages, m.shared_interests, m.shared_times, m.km, m.waited_days, "           \
	"m.guide_answer, m.newcomer_answer, COALESCE(m.proposed_at, 0), "                         \
	"COALESCE(m.accepted_at, 0), COALESCE(m.paused_at, 0), COALESCE(m.ended_at, 0), "         \
	"m.first_meeting_on, m.end_reason, m.end_note, n.first_name, nar.name, n.area_id, "       \
	"n.target_group, n.languages, n.interests, a.name, gar.name, o.name, g.account_id, "      \
	"COALESCE(n.account_id, 0), g.languages, g.interests, m.updated_at FROM guide_match m "   \
	"JOIN newcomer n ON n.id = m.newcomer_id JOIN area nar ON nar.id = n.area_id "           \
	"JOIN guide g ON g.id = m.guide_id JOIN account a ON a.id = g.account_id "               \
	"JOIN area gar ON gar.id = g.area_id LEFT JOIN organisation o ON o.id = g.organisation_id "
static struct store_sql list_sql = STORE_SQL(
	PAIRING_COLUMNS "WHERE m.programme_id = ? AND m.status IN (?, ?, ?, ?, ?, ?) "
	"ORDER BY CASE m.status WHEN 'draft' THEN n.waiting_since ELSE -m.updated_at END, m.id");
static struct store_sql get_sql = STORE_SQL(PAIRING_COLUMNS "WHERE m.id = ?");
static struct store_sql of_guide_sql = STORE_SQL(
	PAIRING_COLUMNS "WHERE g.account_id = ? AND m.status <> 'draft' "
	"ORDER BY CASE m.status WHEN 'ended' THEN 1 ELSE 0 END, m.updated_at DESC, m.id");
static struct store_sql of_newcomer_sql = STORE_SQL(
	PAIRING_COLUMNS "WHERE n.account_id = ? AND m.status <> 'draft' "
	"ORDER BY CASE m.status WHEN 'ended' THEN 1 ELSE 0 END, m.updated_at DESC, m.id");
static struct store_sql by_token_sql = STORE_SQL(
	PAIRING_COLUMNS "WHERE (m.guide_token_hash = ? OR m.newcomer_token_hash = ?) AND "
	"m.status <> 'ended'");
static struct store_sql token_side_sql =
	STORE_SQL("SELECT guide_token_hash FROM guide_match WHERE id = ?");

static struct store_sql clear_drafts_sql = STORE_SQL(
	"DELETE FROM guide_match WHERE programme_id = ? AND status = 'draft' AND locked = 0");
static struct store_sql clear_unmatched_sql =
	STORE_SQL("DELETE FROM match_unmatched WHERE programme_id = ?");
static struct store_sql drop_draft_sql = STORE_SQL(
	"DELETE FROM guide_match WHERE programme_id = ? AND newcomer_id = ? AND status = 'draft'");
static struct store_sql insert_draft_sql = STORE_SQL(
	"INSERT INTO guide_match (programme_id, newcomer_id, guide_id, status, locked, score, "
	"shared_languages, shared_interests, shared_times, km, waited_days, created_at, "
	"updated_at) VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?)");
static struct store_sql unlock_sql = STORE_SQL(
	"UPDATE guide_match SET locked = 0, updated_at = ? WHERE programme_id = ? AND "
	"newcomer_id = ? AND status = 'draft' RETURNING id");
static struct store_sql reject_sql = STORE_SQL(
	"INSERT INTO match_rejected (newcomer_id, guide_id, at) VALUES (?, ?, ?) "
	"ON CONFLICT DO NOTHING");
static struct store_sql drop_pair_draft_sql = STORE_SQL(
	"DELETE FROM guide_match WHERE newcomer_id = ? AND guide_id = ? AND status = 'draft'");
static struct store_sql rejected_sql = STORE_SQL(
	"SELECT r.newcomer_id, r.guide_id FROM match_rejected r JOIN newcomer n ON "
	"n.id = r.newcomer_id WHERE n.programme_id = ? ORDER BY r.newcomer_id, r.guide_id");
static struct store_sql locked_sql = STORE_SQL(
	"SELECT newcomer_id, guide_id FROM guide_match WHERE programme_id = ? AND "
	"status = 'draft' AND locked = 1 ORDER BY newcomer_id");
static struct store_sql set_unmatched_sql = STORE_SQL(
	"INSERT INTO match_unmatched (programme_id, newcomer_id, reach, language, availability, "
	"gender, record, rejected, full_guides, fit_area_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
static struct store_sql unmatched_sql = STORE_SQL(
	"SELECT u.newcomer_id, u.reach, u.language, u.availability, u.gender, u.record, "
	"u.rejected, u.full_guides, COALESCE(u.fit_area_id, -1), n.first_name, ar.name, "
	"n.target_group, n.languages, n.area_id, n.waiting_since, fa.name FROM match_unmatched u "
	"JOIN newcomer n ON n.id = u.newcomer_id JOIN area ar ON ar.id = n.area_id "
	"LEFT JOIN area fa ON fa.id = u.fit_area_id WHERE u.programme_id = ? AND "
	"n.status = 'waiting' AND NOT EXISTS (SELECT 1 FROM guide_match m WHERE "
	"m.newcomer_id = n.id AND m.status <> 'ended') ORDER BY n.waiting_since, n.id");
static struct store_sql drafts_sql = STORE_SQL(
	"SELECT id, newcomer_id, guide_id FROM guide_match WHERE programme_id = ? AND "
	"status = 'draft' ORDER BY id");
static struct store_sql propose_sql = STORE_SQL(
	"UPDATE guide_match SET status = 'proposed', locked = 0, proposed_at = ?, "
	"guide_token_hash = ?, newcomer_token_hash = ?, updated_at = ? WHERE id = ?");
static struct store_sql newcomer_matched_sql = STORE_SQL(
	"UPDATE newcomer SET status = 'matched', updated_at = ? WHERE id = ?");

static struct store_sql answer_sql[SIDE__MAX] = {
	[SIDE_GUIDE] = STORE_SQL(
		"UPDATE guide_match SET guide_answer = ?, guide_answered_at = ?, updated_at = ? "
		"WHERE id = ? AND status = 'proposed' AND guide_answer = '' "
		"RETURNING newcomer_answer"),
	[SIDE_NEWCOMER] = STORE_SQL(
		"UPDATE guide_match SET newcomer_answer = ?, newcomer_answered_at = ?, "
		"newcomer_answered_by = ?, updated_at = ? WHERE id = ? AND status = 'proposed' AND "
		"newcomer_answer = '' RETURNING guide_answer"),
};
static struct store_sql accept_sql = STORE_SQL(
	"UPDATE guide_match SET status = 'accepted', accepted_at = ?, updated_at = ? WHERE id = ?");
static struct store_sql pair_of_sql =
	STORE_SQL("SELECT newcomer_id, guide_id, status FROM guide_match WHERE id = ?");
static struct store_sql end_sql = STORE_SQL(
	"UPDATE guide_match SET status = 'ended', ended_at = ?, end_reason = ?, end_note = ?, "
	"guide_token_hash = NULL, newcomer_token_hash = NULL, updated_at = ? WHERE id = ? AND "
	"status IN ('proposed', 'accepted', 'active', 'paused') RETURNING newcomer_id");
static struct store_sql live_of_newcomer_sql = STORE_SQL(
	"SELECT id FROM guide_match WHERE newcomer_id = ? AND status IN ('proposed', 'accepted', "
	"'active', 'paused')");
static struct store_sql drop_drafts_of_newcomer_sql =
	STORE_SQL("DELETE FROM guide_match WHERE newcomer_id = ? AND status = 'draft'");
static struct store_sql meeting_sql = STORE_SQL(
	"UPDATE guide_match SET status = 'active', first_meeting_on = ?, updated_at = ? "
	"WHERE id = ? AND status = 'accepted' RETURNING id");
static struct store_sql followup_add_sql = STORE_SQL(
	"INSERT INTO match_followup (match_id, step, due_at) VALUES (?, ?, ?) "
	"ON CONFLICT DO NOTHING");
static struct store_sql pause_sql = STORE_SQL(
	"UPDATE guide_match SET status = 'paused', paused_at = ?, updated_at = ? WHERE id = ? AND "
	"status = 'active' RETURNING id");
static struct store_sql resume_sql = STORE_SQL(
	"UPDATE guide_match SET status = 'active', paused_at = NULL, updated_at = ? WHERE id = ? "
	"AND status = 'paused' RETURNING id");
static struct store_sql followups_sql = STORE_SQL(
	"SELECT match_id, step, due_at, COALESCE(reminded_at, 0), COALESCE(done_at, 0), note "
	"FROM match_followup WHERE match_id = ? ORDER BY due_at");
static struct store_sql followup_done_sql = STORE_SQL(
	"UPDATE match_followup SET done_at = ?, done_by = ?, note = ? WHERE match_id = ? AND "
	"step = ? RETURNING match_id");
static struct store_sql due_sql = STORE_SQL(
	"SELECT f.match_id, m.programme_id, f.step, f.due_at, p.name FROM match_followup f "
	"JOIN guide_match m ON m.id = f.match_id JOIN programme p ON p.id = m.programme_id "
	"WHERE f.reminded_at IS NULL AND f.done_at IS NULL AND f.due_at <= ? AND "
	"m.status IN ('active', 'paused') ORDER BY f.due_at, f.match_id");
static struct store_sql reminded_sql = STORE_SQL(
	"UPDATE match_followup SET reminded_at = ? WHERE match_id = ? AND step = ?");
static struct store_sql counts_sql = STORE_SQL(
	"SELECT n.area_id, ar.name, n.target_group, m.status, m.end_reason, COUNT(*) "
	"FROM guide_match m JOIN newcomer n ON n.id = m.newcomer_id JOIN area ar ON "
	"ar.id = n.area_id WHERE m.programme_id = ? AND m.status <> 'draft' GROUP BY n.area_id, "
	"ar.name, ar.name_key, n.target_group, m.status, m.end_reason ORDER BY ar.name_key, "
	"n.area_id, n.target_group, m.status, m.end_reason");

const char *pairing_status_code(enum pairing_status s)
{
	return vocab_code(&statuses, (int)s);
}

enum msg pairing_status_msg(enum pairing_status s)
{
	return vocab_msg(&statuses, (int)s);
}

static int status_parse(const char *code)
{
	return vocab_parse(&statuses, code);
}

const char *followup_step_code(enum followup_step s)
{
	return vocab_code(&steps, (int)s);
}

enum msg followup_step_msg(enum followup_step s)
{
	return vocab_msg(&steps, (int)s);
}

int followup_step_parse(const char *code)
{
	return vocab_parse(&steps, code);
}

int pairing_live(enum pairing_status s)
{
	return s == PAIRING_PROPOSED || s == PAIRING_ACCEPTED || s == PAIRING_ACTIVE ||
	       s == PAIRING_PAUSED;
}

static enum pairing_answer answer_parse(const char *code)
{
	int a = vocab_parse(&answers, code);
	return a < 0 ? ANSWER_NONE : (enum pairing_answer)a;
}

static void pairing_read(struct store_stmt *st, struct region *a, void *item)
{
	struct pairing *p = item;
	p->id = store_col_int(st, 0);
	p->programme_id = store_col_int(st, 1);
	p->newcomer_id = store_col_int(st, 2);
	p->guide_id = store_col_int(st, 3);
	int s = status_parse(store_col_text(st, 4));
	p->status = s < 0 ? PAIRING_DRAFT : (enum pairing_status)s;
	p->locked = store_col_int(st, 5) != 0;
	p->score = store_col_int(st, 6);
	p->shared_languages = vocab_set_read(&vocab_languages, store_col_text(st, 7));
	p->shared_interests = vocab_set_read(&vocab_interests, store_col_text(st, 8));
	p->shared_times = (uint8_t)store_col_int(st, 9);
	p->km = (int32_t)store_col_int(st, 10);
	p->waited_days = (int32_t)store_col_int(st, 11);
	p->answer[SIDE_GUIDE] = answer_parse(store_col_text(st, 12));
	p->answer[SIDE_NEWCOMER] = answer_parse(store_col_text(st, 13));
	p->proposed_at = store_col_int(st, 14);
	p->accepted_at = store_col_int(st, 15);
	p->paused_at = store_col_int(st, 16);
	p->ended_at = store_col_int(st, 17);
	p->first_meeting_on = model_text(st, a, 18);
	const char *reason = store_col_text(st, 19);
	p->end_reason = reason && *reason ? vocab_parse(&vocab_end_reasons, reason) : -1;
	p->end_note = model_text(st, a, 20);
	p->newcomer_first_name = model_text(st, a, 21);
	p->newcomer_area = model_text(st, a, 22);
	p->newcomer_area_id = store_col_int(st, 23);
	int t = vocab_parse(&vocab_target_groups, store_col_text(st, 24));
	p->target_group = t < 0 ? TARGET_REFUGEE : (enum target_group)t;
	p->newcomer_languages = vocab_set_read(&vocab_languages, store_col_text(st, 25));
	p->newcomer_interests = vocab_set_read(&vocab_interests, store_col_text(st, 26));
	p->guide_name = model_text(st, a, 27);
	p->guide_area = model_text(st, a, 28);
	p->guide_workplace = model_text(st, a, 29);
	p->guide_account_id = store_col_int(st, 30);
	p->newcomer_account_id = store_col_int(st, 31);
	p->guide_languages = vocab_set_read(&vocab_languages, store_col_text(st, 32));
	p->guide_interests = vocab_set_read(&vocab_interests, store_col_text(st, 33));
	p->updated_at = store_col_int(st, 34);
}

static enum model_rc log_read(struct store *db, int64_t actor, const char *client, enum audit_kind kind,
			      enum audit_object object, int64_t id, const char *detail)
{
	const struct audit_event e = { .kind = kind, .actor_id = actor, .object = object, .object_id = id,
				       .detail = detail, .client = client };
	return audit_record(db, &e);
}

/* Steps a prepared, bound update with RETURNING: MODEL_NOT_FOUND when it
 * changed nothing. */
static enum model_rc exec_one(struct store *db, struct store_stmt *st, const char *what)
{
	int64_t got = 0;
	enum model_rc rc = model_exec(db, st, &got, what);
	return rc == MODEL_OK && got == 0 ? MODEL_NOT_FOUND : rc;
}

static enum model_rc exec_plain(struct store *db, struct store_sql *sql, int64_t a, int64_t b,
				const char *what)
{
	struct store_stmt *st = store_prepare(db, sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, a);
	if (b >= 0)
		store_bind_int(st, 2, b);
	return model_exec(db, st, NULL, what);
}

/* ---- the round ---- */

enum model_rc pairing_clear_round(struct store *db, int64_t programme_id)
{
	enum model_rc rc = exec_plain(db, &clear_drafts_sql, programme_id, -1, "pairing_clear");
	if (rc == MODEL_OK)
		rc = exec_plain(db, &clear_unmatched_sql, programme_id, -1, "pairing_clear_unmatched");
	return rc;
}

enum model_rc pairing_add_draft(struct store *db, int64_t programme_id, int64_t newcomer_id,
				int64_t guide_id, int locked, const struct match_facts *f)
{
	struct store_stmt *st = store_prepare(db, &insert_draft_sql);
	if (st == NULL)
		return MODEL_ERROR;
	char langs[512], interests[512];
	int64_t now = model_now();
	store_bind_int(st, 1, programme_id);
	store_bind_int(st, 2, newcomer_id);
	store_bind_int(st, 3, guide_id);
	store_bind_int(st, 4, locked != 0);
	store_bind_int(st, 5, f->score);
	store_bind_text(st, 6, vocab_set_format(&vocab_languages, f->languages, langs, sizeof langs));
	store_bind_text(st, 7,
			vocab_set_format(&vocab_interests, f->interests, interests, sizeof interests));
	store_bind_int(st, 8, f->availability);
	store_bind_int(st, 9, f->km);
	store_bind_int(st, 10, f->waited_days);
	store_bind_int(st, 11, now);
	store_bind_int(st, 12, now);
	return model_exec(db, st, NULL, "pairing_add_draft");
}

enum model_rc pairing_lock(struct store *db, int64_t programme_id, int64_t newcomer_id,
			   int64_t guide_id, const struct match_facts *f)
{
	enum model_rc rc = exec_plain(db, &drop_draft_sql, programme_id, newcomer_id, "pairing_lock");
	return rc == MODEL_OK ? pairing_add_draft(db, programme_id, newcomer_id, guide_id, 1, f) : rc;
}

enum model_rc pairing_unlock(struct store *db, int64_t programme_id, int64_t newcomer_id)
{
	struct store_stmt *st = store_prepare(db, &unlock_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, model_now());
	store_bind_int(st, 2, programme_id);
	store_bind_int(st, 3, newcomer_id);
	return exec_one(db, st, "pairing_unlock");
}

enum model_rc pairing_reject(struct store *db, int64_t newcomer_id, int64_t guide_id)
{
	struct store_stmt *st = store_prepare(db, &reject_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, newcomer_id);
	store_bind_int(st, 2, guide_id);
	store_bind_int(st, 3, model_now());
	enum model_rc rc = model_exec(db, st, NULL, "pairing_reject");
	if (rc == MODEL_OK)
		rc = exec_plain(db, &drop_pair_draft_sql, newcomer_id, guide_id, "pairing_reject_draft");
	return rc;
}

static void pair_read(struct store_stmt *st, struct region *a, void *item)
{
	(void)a;
	struct pairing_pair *p = item;
	p->newcomer_id = store_col_int(st, 0);
	p->guide_id = store_col_int(st, 1);
}

enum model_rc pairing_rejected(struct store *db, struct region *a, int64_t programme_id,
			       struct pairing_pair **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &rejected_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, programme_id);
	return model_collect(db, st, a, sizeof **items, pair_read, (void **)items, n,
			     "pairing_rejected");
}

enum model_rc pairing_locked(struct store *db, struct region *a, int64_t programme_id,
			     struct pairing_pair **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &locked_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, programme_id);
	return model_collect(db, st, a, sizeof **items, pair_read, (void **)items, n,
			     "pairing_locked");
}

enum model_rc pairing_set_unmatched(struct store *db, int64_t programme_id, int64_t newcomer_id,
				    const struct match_unmatched *why, int64_t fit_area_id)
{
	struct store_stmt *st = store_prepare(db, &set_unmatched_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, programme_id);
	store_bind_int(st, 2, newcomer_id);
	for (int r = 0; r < MATCH_RULE__MAX; r++)
		store_bind_int(st, 3 + r, why->guides[r]);
	if (fit_area_id > 0)
		store_bind_int(st, 3 + MATCH_RULE__MAX, fit_area_id);
	else
		store_bind_null(st, 3 + MATCH_RULE__MAX);
	return model_exec(db, st, NULL, "pairing_set_unmatched");
}

static void unmatched_read(struct store_stmt *st, struct region *a, void *item)
{
	struct pairing_unmatched *u = item;
	u->newcomer_id = store_col_int(st, 0);
	for (int r = 0; r < MATCH_RULE__MAX; r++)
		u->why.guides[r] = (int32_t)store_col_int(st, 1 + r);
	u->why.fit_area = (int32_t)store_col_int(st, 8);
	u->first_name = model_text(st, a, 9);
	u->area_name = model_text(st, a, 10);
	int t = vocab_parse(&vocab_target_groups, store_col_text(st, 11));
	u->target_group = t < 0 ? TARGET_REFUGEE : (enum target_group)t;
	u->languages = vocab_set_read(&vocab_languages, store_col_text(st, 12));
	u->area_id = store_col_int(st, 13);
	u->waiting_since = store_col_int(st, 14);
	u->fit_area_name = model_text(st, a, 15);
}
_Static_assert(MATCH_RULE__MAX == 7, "match_unmatched has a column per rule");

enum model_rc pairing_unmatched_list(struct store *db, struct region *a, int64_t programme_id,
				     const struct newcomer_actor *who,
				     struct pairing_unmatched **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &unmatched_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, programme_id);
	enum model_rc rc = model_collect(db, st, a, sizeof **items, unmatched_read, (void **)items, n,
					 "pairing_unmatched_list");
	if (rc != MODEL_OK)
		return rc;
	char detail[64];
	snprintf(detail, sizeof detail, "unmatched: %zu newcomers", *n);
	return log_read(db, who->account_id, who->client, AUDIT_NEWCOMERS_LISTED, AUDIT_ON_PROGRAMME, programme_id,
			detail);
}

enum model_rc pairing_send(struct store *db, struct region *a, int64_t programme_id,
			   struct pairing_sent **sent, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &drafts_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, programme_id);
	size_t cap = 16, count = 0;
	struct pairing_sent *out = region_calloc(a, cap, sizeof *out);
	int src;
	while ((src = store_step(st)) == STORE_ROW) {
		if (count == cap) {
			struct pairing_sent *more = region_calloc(a, cap * 2, sizeof *more);
			memcpy(more, out, cap * sizeof *out);
			out = more;
			cap *= 2;
		}
		out[count].id = store_col_int(st, 0);
		out[count].newcomer_id = store_col_int(st, 1);
		out[count].guide_id = store_col_int(st, 2);
		count++;
	}
	store_reset(st);
	if (src != STORE_DONE)
		return model_from_store(db, src, "pairing_drafts");
	int64_t now = model_now();
	enum model_rc rc = MODEL_OK;
	for (size_t i = 0; rc == MODEL_OK && i < count; i++) {
		char gh[SECRET_HASH_LEN + 1], nh[SECRET_HASH_LEN + 1];
		secret_token(out[i].guide_token);
		secret_token(out[i].newcomer_token);
		secret_hash(out[i].guide_token, gh);
		secret_hash(out[i].newcomer_token, nh);
		if ((st = store_prepare(db, &propose_sql)) == NULL)
			return MODEL_ERROR;
		store_bind_int(st, 1, now);
		store_bind_text(st, 2, gh);
		store_bind_text(st, 3, nh);
		store_bind_int(st, 4, now);
		store_bind_int(st, 5, out[i].id);
		rc = model_exec(db, st, NULL, "pairing_send");
		if (rc == MODEL_OK)
			rc = exec_plain(db, &newcomer_matched_sql, now, out[i].newcomer_id,
					"pairing_send_newcomer");
	}
	*sent = out;
	*n = count;
	return rc;
}

/* ---- reading ---- */

enum model_rc pairing_list(struct store *db, struct region *a, int64_t programme_id,
			   unsigned statuses_wanted, const struct newcomer_actor *who,
			   const char *why, struct pairing **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &list_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, programme_id);
	for (int s = 0; s < PAIRING_STATUS__MAX; s++)
		store_bind_text(st, 2 + s,
				statuses_wanted & (1u << s) ? pairing_status_code((enum pairing_status)s)
							    : NULL);
	enum model_rc rc = model_collect(db, st, a, sizeof **items, pairing_read, (void **)items, n,
					 "pairing_list");
	if (rc != MODEL_OK)
		return rc;
	char detail[160];
	snprintf(detail, sizeof detail, "%s: %zu pairs", why ? why : "pairs", *n);
	return log_read(db, who->account_id, who->client, AUDIT_NEWCOMERS_LISTED, AUDIT_ON_PROGRAMME, programme_id,
			detail);
}
_Static_assert(PAIRING_STATUS__MAX == 6, "list_sql has a place per status");

enum model_rc pairing_get(struct store *db, struct region *a, int64_t id,
			  const struct newcomer_actor *who, const char *why, struct pairing *out)
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	enum model_rc rc = model_one(db, st, a, out, pairing_read, "pairing_get");
	if (rc != MODEL_OK)
		return rc;
	return log_read(db, who->account_id, who->client, AUDIT_NEWCOMER_READ, AUDIT_ON_NEWCOMER,
			out->newcomer_id, why);
}

enum model_rc pairing_of_guide(struct store *db, struct region *a, int64_t account_id,
			       const char *client, struct pairing **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &of_guide_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	enum model_rc rc = model_collect(db, st, a, sizeof **items, pairing_read, (void **)items, n,
					 "pairing_of_guide");
	for (size_t i = 0; rc == MODEL_OK && i < *n; i++)
		if ((*items)[i].status != PAIRING_ENDED)
			rc = log_read(db, account_id, client, AUDIT_NEWCOMER_SUMMARY_READ, AUDIT_ON_NEWCOMER,
				      (*items)[i].newcomer_id, "the guide's page");
	return rc;
}

enum model_rc pairing_of_newcomer(struct store *db, struct region *a, int64_t account_id,
				  struct pairing **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &of_newcomer_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	return model_collect(db, st, a, sizeof **items, pairing_read, (void **)items, n,
			     "pairing_of_newcomer");
}

enum model_rc pairing_by_token(struct store *db, struct region *a, const char *token,
			       const char *client, struct pairing *out, enum pairing_side *side)
{
	if (token == NULL || !secret_token_valid(token))
		return MODEL_NOT_FOUND;
	char hash[SECRET_HASH_LEN + 1];
	secret_hash(token, hash);
	struct store_stmt *st = store_prepare(db, &by_token_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, hash);
	store_bind_text(st, 2, hash);
	enum model_rc rc = model_one(db, st, a, out, pairing_read, "pairing_by_token");
	if (rc != MODEL_OK)
		return rc;
	if ((st = store_prepare(db, &token_side_sql)) == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, out->id);
	int src = store_step(st);
	const char *g = src == STORE_ROW ? store_col_text(st, 0) : NULL;
	*side = g && secret_equal(g, hash) ? SIDE_GUIDE : SIDE_NEWCOMER;
	store_reset(st);
	if (src != STORE_ROW)
		return src == STORE_DONE ? MODEL_NOT_FOUND : model_from_store(db, src, "pairing_side");
	if (*side == SIDE_GUIDE)
		return log_read(db, out->guide_account_id, client, AUDIT_NEWCOMER_SUMMARY_READ, AUDIT_ON_NEWCOMER,
				out->newcomer_id, "the guide's answer link");
	return MODEL_OK;
}

/* ---- the match ---- */

/* Ends pair id (in a live status) with reason; the newcomer waits again
 * or is finished. */
static enum model_rc end_pair(struct store *db, int64_t id, enum end_reason reason,
			      const char *note, int wait_again, const struct newcomer_actor *who)
{
	struct store_stmt *st = store_prepare(db, &end_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	store_bind_int(st, 1, now);
	store_bind_text(st, 2, vocab_code(&vocab_end_reasons, (int)reason));
	store_bind_text(st, 3, note ? note : "");
	store_bind_int(st, 4, now);
	store_bind_int(st, 5, id);
	int64_t newcomer = 0;
	enum model_rc rc = model_exec(db, st, &newcomer, "pairing_end");
	if (rc != MODEL_OK)
		return rc;
	if (newcomer == 0)
		return MODEL_CONFLICT; /* not live: a draft, or ended already */
	return newcomer_set_status(db, newcomer, wait_again ? NEWCOMER_WAITING : NEWCOMER_ENDED, 1,
				   who);
}

enum model_rc pairing_answer(struct store *db, int64_t id, enum pairing_side side, int yes,
			     int64_t recorded_by, const struct newcomer_actor *who,
			     int *now_accepted)
{
	*now_accepted = 0;
	if ((unsigned)side >= SIDE__MAX)
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &answer_sql[side]);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	int i = 1;
	store_bind_text(st, i++, yes ? "yes" : "no");
	store_bind_int(st, i++, now);
	if (side == SIDE_NEWCOMER) {
		if (recorded_by > 0)
			store_bind_int(st, i++, recorded_by);
		else
			store_bind_null(st, i++);
	}
	store_bind_int(st, i++, now);
	store_bind_int(st, i, id);
	int src = store_step(st);
	int applied = src == STORE_ROW; /* a row comes back iff the update applied */
	enum pairing_answer other = applied ? answer_parse(store_col_text(st, 0)) : ANSWER_NONE;
	while (src == STORE_ROW)
		src = store_step(st);
	store_reset(st);
	if (src != STORE_DONE)
		return model_from_store(db, src, "pairing_answer");
	if (!applied)
		return MODEL_CONFLICT; /* not a proposal any more, or answered before */
	if ((st = store_prepare(db, &pair_of_sql)) == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	src = store_step(st);
	int64_t newcomer = src == STORE_ROW ? store_col_int(st, 0) : 0;
	int64_t guide = src == STORE_ROW ? store_col_int(st, 1) : 0;
	store_reset(st);
	if (src != STORE_ROW)
		return src == STORE_DONE ? MODEL_NOT_FOUND : model_from_store(db, src, "pairing_of");
	char detail[32];
	snprintf(detail, sizeof detail, "%s: %s", side == SIDE_GUIDE ? "guide" : "newcomer",
		 yes ? "yes" : "no");
	/* The newcomer's answer is their data; the guide's is about them. */
	enum model_rc rc = log_read(db, who->account_id, who->client, AUDIT_NEWCOMER_ANSWER, AUDIT_ON_NEWCOMER,
				    newcomer, detail);
	if (rc != MODEL_OK)
		return rc;
	if (!yes) {
		rc = end_pair(db, id, END_DECLINED, "", 1, who);
		return rc == MODEL_OK ? pairing_reject(db, newcomer, guide) : rc;
	}
	if (other == ANSWER_YES) {
		if ((st = store_prepare(db, &accept_sql)) == NULL)
			return MODEL_ERROR;
		store_bind_int(st, 1, now);
		store_bind_int(st, 2, now);
		store_bind_int(st, 3, id);
		rc = model_exec(db, st, NULL, "pairing_accept");
		*now_accepted = rc == MODEL_OK;
	}
	return rc;
}

enum model_rc pairing_first_meeting(struct store *db, int64_t id, const char *date,
				    struct field_errors *errs)
{
	int64_t day;
	if (date == NULL || tz_parse_date(date, &day) != 0 || day > model_now() / 86400 + 1) {
		field_error_add(errs, "met_on", MSG_FORM_BAD_DATE);
		return MODEL_INVALID;
	}
	struct store_stmt *st = store_prepare(db, &meeting_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, date);
	store_bind_int(st, 2, model_now());
	store_bind_int(st, 3, id);
	enum model_rc rc = exec_one(db, st, "pairing_first_meeting");
	if (rc == MODEL_NOT_FOUND)
		return MODEL_CONFLICT; /* not accepted (or no such pair: the caller looked) */
	for (int s = 0; rc == MODEL_OK && s < FOLLOWUP__MAX; s++) {
		if ((st = store_prepare(db, &followup_add_sql)) == NULL)
			return MODEL_ERROR;
		store_bind_int(st, 1, id);
		store_bind_text(st, 2, step_codes[s]);
		store_bind_int(st, 3, (day + step_days[s]) * 86400);
		rc = model_exec(db, st, NULL, "pairing_followup_add");
	}
	return rc;
}

enum model_rc pairing_pause(struct store *db, int64_t id, int pause)
{
	struct store_stmt *st = store_prepare(db, pause ? &pause_sql : &resume_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	int i = 1;
	if (pause)
		store_bind_int(st, i++, now);
	store_bind_int(st, i++, now);
	store_bind_int(st, i, id);
	enum model_rc rc = exec_one(db, st, "pairing_pause");
	return rc == MODEL_NOT_FOUND ? MODEL_CONFLICT : rc;
}

enum model_rc pairing_end(struct store *db, int64_t id, enum end_reason reason, const char *note,
			  int wait_again, const struct newcomer_actor *who,
			  struct field_errors *errs)
{
	if ((unsigned)reason >= END__MAX)
		field_error_add(errs, "reason", MSG_FORM_CHOOSE_ONE);
	text_check(errs, "note", note, 0, 2000);
	if (errs->n)
		return MODEL_INVALID;
	return end_pair(db, id, reason, note, wait_again, who);
}

enum model_rc pairing_end_of_newcomer(struct store *db, int64_t newcomer_id)
{
	enum model_rc rc = exec_plain(db, &drop_drafts_of_newcomer_sql, newcomer_id, -1,
				      "pairing_drop_drafts");
	struct store_stmt *st = rc == MODEL_OK ? store_prepare(db, &live_of_newcomer_sql) : NULL;
	if (rc != MODEL_OK)
		return rc;
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, newcomer_id);
	int64_t id = 0;
	rc = model_exec(db, st, &id, "pairing_live_of_newcomer");
	if (rc != MODEL_OK || id == 0)
		return rc;
	if ((st = store_prepare(db, &end_sql)) == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	store_bind_int(st, 1, now);
	store_bind_text(st, 2, vocab_code(&vocab_end_reasons, END_WITHDREW));
	store_bind_text(st, 3, "");
	store_bind_int(st, 4, now);
	store_bind_int(st, 5, id);
	return model_exec(db, st, NULL, "pairing_end_of_newcomer");
}

static void followup_read(struct store_stmt *st, struct region *a, void *item)
{
	struct pairing_followup *f = item;
	f->match_id = store_col_int(st, 0);
	int s = followup_step_parse(store_col_text(st, 1));
	f->step = s < 0 ? FOLLOWUP_2W : (enum followup_step)s;
	f->due_at = store_col_int(st, 2);
	f->reminded_at = store_col_int(st, 3);
	f->done_at = store_col_int(st, 4);
	f->note = model_text(st, a, 5);
}

enum model_rc pairing_followups(struct store *db, struct region *a, int64_t match_id,
				struct pairing_followup **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &followups_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, match_id);
	return model_collect(db, st, a, sizeof **items, followup_read, (void **)items, n,
			     "pairing_followups");
}

enum model_rc pairing_followup_done(struct store *db, int64_t match_id, enum followup_step step,
				    const char *note, int64_t actor_id, struct field_errors *errs)
{
	if ((unsigned)step >= FOLLOWUP__MAX)
		field_error_add(errs, "step", MSG_FORM_CHOOSE_ONE);
	text_check(errs, "note", note, 0, 2000);
	if (errs->n)
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &followup_done_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, model_now());
	store_bind_int(st, 2, actor_id);
	store_bind_text(st, 3, note ? note : "");
	store_bind_int(st, 4, match_id);
	store_bind_text(st, 5, followup_step_code(step));
	return exec_one(db, st, "pairing_followup_done");
}

static void due_read(struct store_stmt *st, struct region *a, void *item)
{
	struct pairing_due *d = item;
	d->match_id = store_col_int(st, 0);
	d->programme_id = store_col_int(st, 1);
	int s = followup_step_parse(store_col_text(st, 2));
	d->step = s < 0 ? FOLLOWUP_2W : (enum followup_step)s;
	d->due_at = store_col_int(st, 3);
	d->programme_name = model_text(st, a, 4);
}

enum model_rc pairing_followups_due(struct store *db, struct region *a, int64_t now,
				    struct pairing_due **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &due_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, now);
	return model_collect(db, st, a, sizeof **items, due_read, (void **)items, n,
			     "pairing_followups_due");
}

enum model_rc pairing_followup_reminded(struct store *db, int64_t match_id,
					enum followup_step step, int64_t now)
{
	struct store_stmt *st = store_prepare(db, &reminded_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, now);
	store_bind_int(st, 2, match_id);
	store_bind_text(st, 3, followup_step_code(step));
	return model_exec(db, st, NULL, "pairing_followup_reminded");
}

static void count_read(struct store_stmt *st, struct region *a, void *item)
{
	struct pairing_count *c = item;
	c->area_id = store_col_int(st, 0);
	c->area_name = model_text(st, a, 1);
	int t = vocab_parse(&vocab_target_groups, store_col_text(st, 2));
	c->target_group = t < 0 ? TARGET_REFUGEE : (enum target_group)t;
	int s = status_parse(store_col_text(st, 3));
	c->status = s < 0 ? PAIRING_PROPOSED : (enum pairing_status)s;
	const char *reason = store_col_text(st, 4);
	c->end_reason = reason && *reason ? vocab_parse(&vocab_end_reasons, reason) : -1;
	c->count = store_col_int(st, 5);
}

enum model_rc pairing_counts(struct store *db, struct region *a, int64_t programme_id,
			     struct pairing_count **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &counts_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, programme_id);
	return model_collect(db, st, a, sizeof **items, count_read, (void **)items, n,
			     "pairing_counts");
}
