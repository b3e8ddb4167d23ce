/*
 * dialogue.c: statements and votes (see dialogue.h).
 */
#include "model/dialogue.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/opinion_map.h"
#include "model/text.h"
#include "opinion/opinion.h"

static const char *const status_codes[STATEMENT__MAX] = { "pending", "accepted", "rejected" };

static struct store_sql settings_sql = STORE_SQL("SELECT moderation, verified_votes FROM arena WHERE id = ?");
static struct store_sql set_settings_sql =
	STORE_SQL("UPDATE arena SET moderation = ?, verified_votes = ?, updated_at = ? WHERE id = ?");
/* The dialogue's pseudonymous voters sharing a network address (by its
 * keyed hash), the biggest groups first; and how many there are. */
static struct store_sql origins_sql = STORE_SQL(
	"SELECT COUNT(DISTINCT p.id) FROM vote v JOIN statement s ON s.id = v.statement_id "
	"JOIN participant p ON p.id = v.participant_id WHERE s.arena_id = ? AND p.origin IS NOT NULL "
	"GROUP BY p.origin HAVING COUNT(DISTINCT p.id) > 1 ORDER BY 1 DESC LIMIT ?");
static struct store_sql origin_total_sql = STORE_SQL(
	"SELECT COUNT(DISTINCT p.id) FROM vote v JOIN statement s ON s.id = v.statement_id "
	"JOIN participant p ON p.id = v.participant_id WHERE s.arena_id = ? AND p.origin IS NOT NULL");
static struct store_sql same_text_sql = STORE_SQL(
	"SELECT COUNT(*) FROM statement WHERE arena_id = ? AND lower(text) = lower(?) AND status <> 'rejected'");
static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO statement (arena_id, participant_id, author_id, text, lang, status, seed, created_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
#define STATEMENT_COLUMNS                                                                       \
	"s.id, s.arena_id, s.participant_id, s.author_id, s.text, s.lang, s.status, s.seed, s.meta, " \
	"s.reject_reason, s.external_id, s.created_at, "                                           \
	"(SELECT COUNT(*) FROM vote v WHERE v.statement_id = s.id AND v.value = 1), "              \
	"(SELECT COUNT(*) FROM vote v WHERE v.statement_id = s.id AND v.value = -1), "             \
	"(SELECT COUNT(*) FROM vote v WHERE v.statement_id = s.id AND v.value = 0) FROM statement s "
static struct store_sql get_sql = STORE_SQL("SELECT " STATEMENT_COLUMNS "WHERE s.id = ?");
static struct store_sql list_sql = STORE_SQL(
	"SELECT " STATEMENT_COLUMNS "WHERE s.arena_id = ? AND (CAST(? AS TEXT) IS NULL OR s.status = ?) "
	"ORDER BY s.id");
static struct store_sql moderate_sql = STORE_SQL(
	"UPDATE statement SET status = ?, reject_reason = ?, moderated_by = ?, moderated_at = ? WHERE id = ?");
static struct store_sql texts_sql = STORE_SQL(
	"SELECT s.id, s.arena_id, s.participant_id, s.author_id, s.text, s.lang, s.status, s.seed, s.meta, "
	"s.reject_reason, s.external_id, s.created_at, 0, 0, 0 FROM statement s WHERE s.arena_id = ? "
	"ORDER BY s.id");
static struct store_sql states_sql =
	STORE_SQL("SELECT id, status, meta FROM statement WHERE arena_id = ? ORDER BY id");
static struct store_sql accepted_sql = STORE_SQL(
	"SELECT arena_id FROM statement WHERE id = ? AND status = 'accepted'");
static struct store_sql vote_sql = STORE_SQL(
	"INSERT INTO vote (participant_id, statement_id, value, voted_at) VALUES (?, ?, ?, ?) "
	"ON CONFLICT (participant_id, statement_id) DO UPDATE SET value = excluded.value, "
	"voted_at = excluded.voted_at");
static struct store_sql history_sql = STORE_SQL(
	"INSERT INTO vote_history (participant_id, statement_id, value, voted_at) VALUES (?, ?, ?, ?)");
static struct store_sql activity_sql = STORE_SQL(
	"INSERT INTO dialogue_activity (arena_id, last_vote_at) VALUES (?, ?) ON CONFLICT (arena_id) "
	"DO UPDATE SET last_vote_at = CASE WHEN excluded.last_vote_at > dialogue_activity.last_vote_at "
	"THEN excluded.last_vote_at ELSE dialogue_activity.last_vote_at END");
static struct store_sql mine_sql = STORE_SQL(
	"SELECT v.participant_id, v.statement_id, v.value, v.voted_at FROM vote v JOIN statement s ON "
	"s.id = v.statement_id WHERE s.arena_id = ? AND v.participant_id = ? ORDER BY v.voted_at, s.id");
static struct store_sql arena_votes_sql = STORE_SQL(
	"SELECT v.participant_id, v.statement_id, v.value, v.voted_at FROM vote v JOIN statement s ON "
	"s.id = v.statement_id WHERE s.arena_id = ? ORDER BY v.voted_at, v.participant_id, v.statement_id");
static struct store_sql arena_history_sql = STORE_SQL(
	"SELECT h.participant_id, h.statement_id, h.value, h.voted_at FROM vote_history h JOIN "
	"statement s ON s.id = h.statement_id WHERE s.arena_id = ? ORDER BY h.id");
/* An arena's history up to a row, found through its statements (a
 * first read), and a range of every arena's history by id alone (the
 * reads after: the primary key bounds the rows read, whatever the
 * planner knows; rows of other arenas are left out by statement). */
static struct store_sql history_upto_sql = STORE_SQL(
	"SELECT h.id, h.participant_id, h.statement_id, h.value, h.voted_at FROM vote_history h JOIN "
	"statement s ON s.id = h.statement_id WHERE s.arena_id = ? AND h.id <= ? ORDER BY h.id");
static struct store_sql history_range_sql = STORE_SQL(
	"SELECT id, participant_id, statement_id, value, voted_at FROM vote_history WHERE id > ? AND "
	"id <= ? ORDER BY id");
/* The fence: takes the arena's activity row as every vote does first
 * (vote_cast, vote_import), then reads the newest history id. */
static struct store_sql fence_lock_sql = STORE_SQL(
	"UPDATE dialogue_activity SET last_vote_at = last_vote_at WHERE arena_id = ?");
static struct store_sql fence_sql = STORE_SQL(
	"SELECT (SELECT MAX(id) FROM vote_history), (SELECT last_vote_at FROM dialogue_activity "
	"WHERE arena_id = ?)");
static struct store_sql voters_sql = STORE_SQL(
	"SELECT h.participant_id FROM vote_history h JOIN statement s ON s.id = h.statement_id "
	"WHERE s.arena_id = ? GROUP BY h.participant_id ORDER BY MIN(h.voted_at), h.participant_id");
static struct store_sql eligible_sql = STORE_SQL(
	"SELECT " STATEMENT_COLUMNS "WHERE s.arena_id = ? AND s.status = 'accepted' AND NOT EXISTS "
	"(SELECT 1 FROM vote v WHERE v.statement_id = s.id AND v.participant_id = ?) ORDER BY s.id");
static struct store_sql import_statement_sql = STORE_SQL(
	"INSERT INTO statement (arena_id, participant_id, text, lang, status, seed, meta, external_id, "
	"created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
/* Imported votes go in IMPORT_ROWS at a time, one round trip each on
 * PostgreSQL instead of one per vote: 16 rows of 4 are the 64 parameters
 * a statement may have there (store/postgres.c). */
#define IMPORT_ROWS 16
#define VOTE_ROW "(?, ?, ?, ?)"
#define VOTE_ROWS_4 VOTE_ROW "," VOTE_ROW "," VOTE_ROW "," VOTE_ROW
#define VOTE_ROWS_16 VOTE_ROWS_4 "," VOTE_ROWS_4 "," VOTE_ROWS_4 "," VOTE_ROWS_4
static struct store_sql import_votes_sql = STORE_SQL(
	"INSERT INTO vote (participant_id, statement_id, value, voted_at) VALUES " VOTE_ROWS_16);
static struct store_sql import_history_sql = STORE_SQL(
	"INSERT INTO vote_history (participant_id, statement_id, value, voted_at) VALUES " VOTE_ROWS_16);

const char *statement_status_code(enum statement_status s)
{
	return (unsigned)s < STATEMENT__MAX ? status_codes[s] : "pending";
}

static enum statement_status status_parse(const char *code)
{
	for (int i = 0; code && i < STATEMENT__MAX; i++)
		if (strcmp(code, status_codes[i]) == 0)
			return (enum statement_status)i;
	return STATEMENT_PENDING;
}

enum model_rc dialogue_settings(struct store *db, int64_t arena_id, struct dialogue_settings *out)
{
	struct store_stmt *st = store_prepare(db, &settings_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, arena_id);
	int rc = store_step(st);
	if (rc == STORE_ROW) {
		const char *m = store_col_text(st, 0);
		out->moderation = m && strcmp(m, "before") == 0 ? MODERATION_BEFORE : MODERATION_AFTER;
		out->verified_only = store_col_int(st, 1) != 0;
	}
	store_reset(st);
	return rc == STORE_ROW ? MODEL_OK : rc == STORE_DONE ? MODEL_NOT_FOUND : model_from_store(db, rc, "dialogue_settings");
}

enum model_rc dialogue_set_settings(struct store *db, int64_t arena_id, const struct dialogue_settings *s)
{
	struct store_stmt *st = store_prepare(db, &set_settings_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, s->moderation == MODERATION_BEFORE ? "before" : "after");
	store_bind_int(st, 2, s->verified_only != 0);
	store_bind_int(st, 3, model_now());
	store_bind_int(st, 4, arena_id);
	return model_exec(db, st, NULL, "dialogue_set_settings");
}

static void int_read(struct store_stmt *st, struct region *a, void *item)
{
	(void)a;
	*(int64_t *)item = store_col_int(st, 0);
}

enum model_rc dialogue_origins(struct store *db, struct region *a, int64_t arena_id, size_t max,
			       int64_t **groups, size_t *n, int64_t *total)
{
	*n = 0;
	*total = 0;
	struct store_stmt *st = store_prepare(db, &origin_total_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, arena_id);
	enum model_rc rc = model_one(db, st, a, total, int_read, "dialogue_origin_total");
	if (rc != MODEL_OK)
		return rc;
	st = store_prepare(db, &origins_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, arena_id);
	store_bind_int(st, 2, (int64_t)max);
	return model_collect(db, st, a, sizeof **groups, int_read, (void **)groups, n, "dialogue_origins");
}

static void statement_read(struct store_stmt *st, struct region *a, void *item)
{
	struct statement *s = item;
	s->id = store_col_int(st, 0);
	s->arena_id = store_col_int(st, 1);
	s->participant_id = store_col_int(st, 2);
	s->author_id = store_col_int(st, 3);
	s->text = model_text(st, a, 4);
	s->lang = model_text(st, a, 5);
	s->status = status_parse(store_col_text(st, 6));
	s->seed = (int)store_col_int(st, 7);
	s->meta = (int)store_col_int(st, 8);
	s->reject_reason = model_text(st, a, 9);
	s->external_id = store_col_null(st, 10) ? -1 : store_col_int(st, 10);
	s->created_at = store_col_int(st, 11);
	s->agree = store_col_int(st, 12);
	s->disagree = store_col_int(st, 13);
	s->pass = store_col_int(st, 14);
}

static void bind_optional(struct store_stmt *st, int i, int64_t v)
{
	if (v > 0)
		store_bind_int(st, i, v);
	else
		store_bind_null(st, i);
}

enum model_rc statement_add(struct store *db, int64_t arena_id, int64_t participant_id,
			    int64_t author_id, const char *text, const char *lang, int seed,
			    enum statement_status *status, int64_t *id, struct field_errors *errs)
{
	if (!text_check(errs, "text", text, 1, STATEMENT_MAX))
		return MODEL_INVALID;
	struct dialogue_settings set;
	enum model_rc rc = dialogue_settings(db, arena_id, &set);
	if (rc != MODEL_OK)
		return rc;
	enum moderation m = set.moderation;
	struct store_stmt *st = store_prepare(db, &same_text_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, arena_id);
	store_bind_text(st, 2, text);
	int src = store_step(st);
	int64_t same = src == STORE_ROW ? store_col_int(st, 0) : 0;
	store_reset(st);
	if (src != STORE_ROW)
		return model_from_store(db, src, "statement_same_text");
	if (same) {
		field_error_add(errs, "text", MSG_FORM_STATEMENT_EXISTS);
		return MODEL_INVALID;
	}
	*status = seed || m == MODERATION_AFTER ? STATEMENT_ACCEPTED : STATEMENT_PENDING;
	if ((st = store_prepare(db, &insert_sql)) == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, arena_id);
	bind_optional(st, 2, participant_id);
	bind_optional(st, 3, author_id);
	store_bind_text(st, 4, text);
	store_bind_text(st, 5, lang ? lang : "da");
	store_bind_text(st, 6, status_codes[*status]);
	store_bind_int(st, 7, seed != 0);
	store_bind_int(st, 8, model_now());
	return model_exec(db, st, id, "statement_add");
}

enum model_rc statement_get(struct store *db, struct region *a, int64_t id, struct statement *out)
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_one(db, st, a, out, statement_read, "statement_get");
}

enum model_rc statement_list(struct store *db, struct region *a, int64_t arena_id, int status,
			     struct statement **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &list_sql);
	if (st == NULL)
		return MODEL_ERROR;
	const char *code = status >= 0 ? statement_status_code((enum statement_status)status) : NULL;
	store_bind_int(st, 1, arena_id);
	store_bind_text(st, 2, code);
	store_bind_text(st, 3, code);
	return model_collect(db, st, a, sizeof **items, statement_read, (void **)items, n, "statement_list");
}

enum model_rc statement_texts(struct store *db, struct region *a, int64_t arena_id,
			      struct statement **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &texts_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, arena_id);
	return model_collect(db, st, a, sizeof **items, statement_read, (void **)items, n, "statement_texts");
}

static int id_cmp(const void *key, const void *item)
{
	const int64_t *id = key;
	const struct statement *s = item;
	return (*id > s->id) - (*id < s->id);
}

const struct statement *statement_find(const struct statement *items, size_t n, int64_t id)
{
	return bsearch(&id, items, n, sizeof *items, id_cmp);
}

enum model_rc statement_moderate(struct store *db, int64_t id, int accept, const char *reason,
				 int64_t moderator, struct field_errors *errs)
{
	if (!accept && !text_check(errs, "reason", reason, 1, TEXT_NAME_MAX))
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &moderate_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, status_codes[accept ? STATEMENT_ACCEPTED : STATEMENT_REJECTED]);
	store_bind_text(st, 2, accept ? "" : reason);
	bind_optional(st, 3, moderator);
	store_bind_int(st, 4, model_now());
	store_bind_int(st, 5, id);
	enum model_rc rc = model_exec(db, st, NULL, "statement_moderate");
	/* The map's pages show only accepted statements: a moderation is a
	 * new version of what they show. */
	return rc == MODEL_OK ? opinion_map_touch(db, id) : rc;
}

static void state_read(struct store_stmt *st, struct region *a, void *item)
{
	(void)a;
	struct statement_state *s = item;
	s->id = store_col_int(st, 0);
	s->status = status_parse(store_col_text(st, 1));
	s->meta = store_col_int(st, 2) != 0;
}

enum model_rc statement_states(struct store *db, struct region *a, int64_t arena_id,
			       struct statement_state **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &states_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, arena_id);
	return model_collect(db, st, a, sizeof **items, state_read, (void **)items, n, "statement_states");
}

/* Records ms as the arena's newest vote time if it is newer, and takes
 * the arena's activity row until the transaction ends. */
static enum model_rc activity_touch(struct store *db, int64_t arena_id, int64_t ms)
{
	struct store_stmt *st = store_prepare(db, &activity_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, arena_id);
	store_bind_int(st, 2, ms);
	return model_exec(db, st, NULL, "dialogue_activity");
}

enum model_rc vote_cast(struct store *db, int64_t participant_id, int64_t statement_id, int value,
			int64_t now_ms)
{
	if (value < -1 || value > 1)
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &accepted_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, statement_id);
	int src = store_step(st);
	int64_t arena_id = src == STORE_ROW ? store_col_int(st, 0) : 0;
	store_reset(st);
	if (src != STORE_ROW)
		return src == STORE_DONE ? MODEL_NOT_FOUND : model_from_store(db, src, "vote_statement");
	/* The arena's activity row first: it is the lock the opinion map's
	 * fence waits on (dialogue_fence), so no history row of the arena is
	 * written without it. */
	enum model_rc rc = activity_touch(db, arena_id, now_ms);
	struct store_sql *steps[] = { &vote_sql, &history_sql };
	for (int i = 0; rc == MODEL_OK && i < 2; i++) {
		if ((st = store_prepare(db, steps[i])) == NULL)
			return MODEL_ERROR;
		store_bind_int(st, 1, participant_id);
		store_bind_int(st, 2, statement_id);
		store_bind_int(st, 3, value);
		store_bind_int(st, 4, now_ms);
		rc = model_exec(db, st, NULL, "vote_cast");
	}
	return rc;
}

static void vote_read(struct store_stmt *st, struct region *a, void *item)
{
	(void)a;
	struct dialogue_vote *v = item;
	v->participant_id = store_col_int(st, 0);
	v->statement_id = store_col_int(st, 1);
	v->value = (int)store_col_int(st, 2);
	v->voted_at = store_col_int(st, 3);
}

enum model_rc vote_list_mine(struct store *db, struct region *a, int64_t arena_id,
			     int64_t participant_id, struct dialogue_vote **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &mine_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, arena_id);
	store_bind_int(st, 2, participant_id);
	return model_collect(db, st, a, sizeof **items, vote_read, (void **)items, n, "vote_list_mine");
}

static enum model_rc votes_by(struct store *db, struct region *a, struct store_sql *sql, int64_t arena_id,
			      struct dialogue_vote **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, arena_id);
	return model_collect(db, st, a, sizeof **items, vote_read, (void **)items, n, "dialogue_votes");
}

enum model_rc vote_list_arena(struct store *db, struct region *a, int64_t arena_id,
			      struct dialogue_vote **items, size_t *n)
{
	return votes_by(db, a, &arena_votes_sql, arena_id, items, n);
}

enum model_rc vote_history_arena(struct store *db, struct region *a, int64_t arena_id,
				 struct dialogue_vote **items, size_t *n)
{
	return votes_by(db, a, &arena_history_sql, arena_id, items, n);
}

static void history_read(struct store_stmt *st, struct region *a, void *item)
{
	(void)a;
	struct history_vote *h = item;
	h->id = store_col_int(st, 0);
	h->vote.participant_id = store_col_int(st, 1);
	h->vote.statement_id = store_col_int(st, 2);
	h->vote.value = (int)store_col_int(st, 3);
	h->vote.voted_at = store_col_int(st, 4);
}

static int int64_cmp(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

enum model_rc vote_history_range(struct store *db, struct region *a, int64_t arena_id,
				 const int64_t *statements, size_t ns, int64_t after, int64_t upto,
				 struct history_vote **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, after > 0 ? &history_range_sql : &history_upto_sql);
	if (st == NULL)
		return MODEL_ERROR;
	if (after == 0) {
		store_bind_int(st, 1, arena_id);
		store_bind_int(st, 2, upto);
		return model_collect(db, st, a, sizeof **items, history_read, (void **)items, n,
				     "vote_history_range");
	}
	store_bind_int(st, 1, after);
	store_bind_int(st, 2, upto);
	enum model_rc rc = model_collect(db, st, a, sizeof **items, history_read, (void **)items, n,
					 "vote_history_range");
	size_t kept = 0;
	for (size_t i = 0; rc == MODEL_OK && i < *n; i++)
		if (bsearch(&(*items)[i].vote.statement_id, statements, ns, sizeof *statements, int64_cmp))
			(*items)[kept++] = (*items)[i];
	*n = kept;
	return rc;
}

enum model_rc dialogue_fence(struct store *db, int64_t arena_id, int64_t *upto, int64_t *last_vote_ms)
{
	*upto = *last_vote_ms = 0;
	int brc = store_begin(db);
	if (brc != STORE_OK)
		return model_from_store(db, brc, "dialogue_fence");
	struct store_stmt *st = store_prepare(db, &fence_lock_sql);
	enum model_rc rc = st ? MODEL_OK : MODEL_ERROR;
	if (rc == MODEL_OK) {
		store_bind_int(st, 1, arena_id);
		rc = model_exec(db, st, NULL, "dialogue_fence");
	}
	if (rc == MODEL_OK && (st = store_prepare(db, &fence_sql)) == NULL)
		rc = MODEL_ERROR;
	if (rc == MODEL_OK) {
		store_bind_int(st, 1, arena_id);
		int src = store_step(st);
		if (src == STORE_ROW && !store_col_null(st, 1)) {
			*upto = store_col_null(st, 0) ? 0 : store_col_int(st, 0);
			*last_vote_ms = store_col_int(st, 1);
		} else if (src != STORE_ROW) {
			rc = model_from_store(db, src, "dialogue_fence");
		}
		store_reset(st);
	}
	/* Nothing was written: letting go is all that is left. */
	store_rollback(db);
	return rc;
}

static void voter_read(struct store_stmt *st, struct region *a, void *item)
{
	(void)a;
	*(int64_t *)item = store_col_int(st, 0);
}

enum model_rc vote_voters_arena(struct store *db, struct region *a, int64_t arena_id, int64_t **ids,
				size_t *n)
{
	struct store_stmt *st = store_prepare(db, &voters_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, arena_id);
	return model_collect(db, st, a, sizeof **ids, voter_read, (void **)ids, n, "vote_voters_arena");
}

enum model_rc dialogue_next(struct store *db, struct region *a, int64_t arena_id,
			    int64_t participant_id, double u, struct statement *out)
{
	struct store_stmt *st = store_prepare(db, &eligible_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, arena_id);
	store_bind_int(st, 2, participant_id);
	struct statement *items;
	size_t n;
	enum model_rc rc = model_collect(db, st, a, sizeof *items, statement_read, (void **)&items, &n,
					 "dialogue_next");
	if (rc != MODEL_OK)
		return rc;
	if (n == 0)
		return MODEL_NOT_FOUND;
	/* The comment priorities of the last map; 1 for a statement it has
	 * not seen yet. */
	int64_t *ids;
	double *known;
	size_t nknown = 0;
	rc = opinion_map_priorities(db, a, arena_id, &ids, &known, &nknown);
	if (rc != MODEL_OK)
		return rc;
	double *priority = region_calloc(a, n, sizeof *priority);
	uint8_t *eligible = region_calloc(a, n, 1);
	for (size_t i = 0; i < n; i++) {
		const int64_t *at = nknown ? bsearch(&items[i].id, ids, nknown, sizeof *ids, int64_cmp) : NULL;
		priority[i] = at ? known[at - ids] : 1;
		eligible[i] = 1;
	}
	uint32_t pick = opinion_next_statement(priority, eligible, (uint32_t)n, u);
	*out = items[pick < n ? pick : 0];
	return MODEL_OK;
}

enum model_rc statement_import(struct store *db, const struct statement *in, int64_t *id)
{
	struct store_stmt *st = store_prepare(db, &import_statement_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, in->arena_id);
	bind_optional(st, 2, in->participant_id);
	store_bind_text(st, 3, in->text);
	store_bind_text(st, 4, in->lang ? in->lang : "da");
	store_bind_text(st, 5, statement_status_code(in->status));
	store_bind_int(st, 6, in->seed != 0);
	store_bind_int(st, 7, in->meta != 0);
	if (in->external_id >= 0)
		store_bind_int(st, 8, in->external_id);
	else
		store_bind_null(st, 8);
	store_bind_int(st, 9, in->created_at);
	return model_exec(db, st, id, "statement_import");
}

/* One INSERT of votes[0 .. n) by sql, whose VALUES has n rows. */
static enum model_rc insert_votes(struct store *db, struct store_sql *sql,
				  const struct dialogue_vote *votes, size_t n)
{
	struct store_stmt *st = store_prepare(db, sql);
	if (st == NULL)
		return MODEL_ERROR;
	for (size_t i = 0; i < n; i++) {
		int at = (int)i * 4;
		store_bind_int(st, at + 1, votes[i].participant_id);
		store_bind_int(st, at + 2, votes[i].statement_id);
		store_bind_int(st, at + 3, votes[i].value);
		store_bind_int(st, at + 4, votes[i].voted_at);
	}
	return model_exec(db, st, NULL, "vote_import");
}

enum model_rc vote_import(struct store *db, int64_t arena_id, const struct dialogue_vote *votes,
			  size_t n, int current)
{
	struct store_sql *many = current ? &import_votes_sql : &import_history_sql;
	struct store_sql *one = current ? &vote_sql : &history_sql;
	if (n == 0)
		return MODEL_OK;
	/* The activity row first, as vote_cast. The history's newest time is
	 * the current votes' newest too: the latest of each is current. */
	int64_t newest = INT64_MIN;
	for (size_t i = 0; i < n; i++)
		if (votes[i].voted_at > newest)
			newest = votes[i].voted_at;
	enum model_rc rc = activity_touch(db, arena_id, newest);
	for (size_t i = 0; rc == MODEL_OK && i < n;) {
		size_t k = n - i >= IMPORT_ROWS ? IMPORT_ROWS : 1;
		rc = insert_votes(db, k == 1 ? one : many, votes + i, k);
		i += k;
	}
	return rc;
}
