/*
 * signup.c: sign-ups and waiting lists (see signup.h).
 */
#include "model/signup.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "model/audit.h"
#include "model/text.h"

static const char *const status_codes[SIGNUP__MAX] = { "confirmed", "waiting", "cancelled" };

static struct store_sql activity_sql = STORE_SQL(
	"SELECT starts_at, cancelled FROM activity WHERE id = ?");
/* Takes a place if there is one: the whole race is this one statement. */
static struct store_sql take_place_sql = STORE_SQL(
	"UPDATE activity SET confirmed = confirmed + 1 WHERE id = ? AND (capacity IS NULL OR "
	"confirmed < capacity) RETURNING confirmed");
static struct store_sql free_place_sql = STORE_SQL(
	"UPDATE activity SET confirmed = confirmed - 1 WHERE id = ? AND confirmed > 0");
static struct store_sql existing_sql = STORE_SQL(
	"SELECT status FROM signup WHERE activity_id = ? AND account_id = ?");
static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO signup (activity_id, account_id, status, interpreter, step_free, childcare, "
	"other_needs, queued_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
static struct store_sql renew_sql = STORE_SQL(
	"UPDATE signup SET status = ?, interpreter = ?, step_free = ?, childcare = ?, other_needs = ?, "
	"queued_at = ?, updated_at = ? WHERE activity_id = ? AND account_id = ?");
static struct store_sql cancel_sql = STORE_SQL(
	"UPDATE signup SET status = 'cancelled', updated_at = ? WHERE activity_id = ? AND "
	"account_id = ? AND status <> 'cancelled'");
static struct store_sql next_waiting_sql = STORE_SQL(
	"SELECT s.id, s.account_id, a.name, a.email, a.lang FROM signup s JOIN account a ON "
	"a.id = s.account_id WHERE s.activity_id = ? AND s.status = 'waiting' ORDER BY s.queued_at, "
	"s.id LIMIT 1");
static struct store_sql confirm_sql = STORE_SQL(
	"UPDATE signup SET status = 'confirmed', updated_at = ? WHERE id = ?");
#define SIGNUP_COLUMNS                                                                          \
	"s.id, s.activity_id, s.account_id, a.name, a.email, a.lang, s.status, s.interpreter, "  \
	"s.step_free, s.childcare, s.other_needs, s.queued_at, t.title, t.arena_id, t.starts_at, " \
	"t.ends_at FROM signup s JOIN account a ON a.id = s.account_id JOIN activity t ON "      \
	"t.id = s.activity_id "
static struct store_sql get_sql =
	STORE_SQL("SELECT " SIGNUP_COLUMNS "WHERE s.activity_id = ? AND s.account_id = ?");
static struct store_sql list_sql = STORE_SQL(
	"SELECT " SIGNUP_COLUMNS "WHERE s.activity_id = ? AND s.status <> 'cancelled' ORDER BY "
	"CASE s.status WHEN 'confirmed' THEN 0 ELSE 1 END, s.queued_at, s.id");
static struct store_sql of_account_sql = STORE_SQL(
	"SELECT " SIGNUP_COLUMNS "WHERE s.account_id = ? AND s.status <> 'cancelled' ORDER BY "
	"t.starts_at, t.id");

const char *signup_status_code(enum signup_status s)
{
	return (unsigned)s < SIGNUP__MAX ? status_codes[s] : "cancelled";
}

static enum signup_status status_parse(const char *code)
{
	for (int i = 0; code && i < SIGNUP__MAX; i++)
		if (strcmp(code, status_codes[i]) == 0)
			return (enum signup_status)i;
	return SIGNUP_CANCELLED;
}

static void signup_read(struct store_stmt *st, struct region *a, void *item)
{
	struct signup *s = item;
	s->id = store_col_int(st, 0);
	s->activity_id = store_col_int(st, 1);
	s->account_id = store_col_int(st, 2);
	s->name = model_text(st, a, 3);
	s->email = model_text(st, a, 4);
	s->lang = model_text(st, a, 5);
	s->status = status_parse(store_col_text(st, 6));
	s->interpreter = model_text(st, a, 7);
	s->step_free = (int)store_col_int(st, 8);
	s->childcare = (int)store_col_int(st, 9);
	s->other_needs = model_text(st, a, 10);
	s->queued_at = store_col_int(st, 11);
	s->activity_title = model_text(st, a, 12);
	s->arena_id = store_col_int(st, 13);
	s->starts_at = store_col_int(st, 14);
	s->ends_at = store_col_int(st, 15);
}

/* Tries to take a place: 1 taken, 0 full, -1 error (rc set). */
static int take_place(struct store *db, int64_t activity_id, enum model_rc *rc)
{
	struct store_stmt *st = store_prepare(db, &take_place_sql);
	if (st == NULL) {
		*rc = MODEL_ERROR;
		return -1;
	}
	store_bind_int(st, 1, activity_id);
	int64_t count = 0;
	*rc = model_exec(db, st, &count, "signup_take_place");
	return *rc != MODEL_OK ? -1 : count > 0;
}

enum model_rc signup_create(struct store *db, int64_t activity_id, int64_t account_id,
			    const struct signup_needs *needs, enum signup_status *status,
			    struct field_errors *errs)
{
	const char *lang = needs->interpreter ? needs->interpreter : "";
	size_t ln = strlen(lang);
	int lang_ok = ln == 0 || ln == 2 || ln == 3;
	for (size_t i = 0; i < ln; i++)
		lang_ok &= islower((unsigned char)lang[i]) != 0;
	if (!lang_ok)
		field_error_add(errs, "interpreter", MSG_FORM_CHOOSE_ONE);
	text_check(errs, "other_needs", needs->other, 0, 1000);

	struct store_stmt *st = store_prepare(db, &activity_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, activity_id);
	int src = store_step(st);
	int64_t starts_at = src == STORE_ROW ? store_col_int(st, 0) : 0;
	int cancelled = src == STORE_ROW ? (int)store_col_int(st, 1) : 0;
	store_reset(st);
	if (src != STORE_ROW)
		return src == STORE_DONE ? MODEL_NOT_FOUND : model_from_store(db, src, "signup_activity");
	if (cancelled)
		field_error_add(errs, "activity", MSG_SIGNUP_ACTIVITY_CANCELLED);
	else if (starts_at <= model_now())
		field_error_add(errs, "activity", MSG_SIGNUP_ACTIVITY_PAST);
	if (errs->n)
		return MODEL_INVALID;

	st = store_prepare(db, &existing_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, activity_id);
	store_bind_int(st, 2, account_id);
	src = store_step(st);
	int exists = src == STORE_ROW;
	enum signup_status old = exists ? status_parse(store_col_text(st, 0)) : SIGNUP_CANCELLED;
	store_reset(st);
	if (src != STORE_ROW && src != STORE_DONE)
		return model_from_store(db, src, "signup_existing");
	if (exists && old != SIGNUP_CANCELLED)
		return MODEL_CONFLICT;

	enum model_rc rc;
	int taken = take_place(db, activity_id, &rc);
	if (taken < 0)
		return rc;
	*status = taken ? SIGNUP_CONFIRMED : SIGNUP_WAITING;
	int64_t now = model_now();
	/* Signing up again after cancelling goes to the back of the queue. */
	st = store_prepare(db, exists ? &renew_sql : &insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	if (exists) {
		store_bind_text(st, 1, status_codes[*status]);
		store_bind_text(st, 2, lang);
		store_bind_int(st, 3, needs->step_free != 0);
		store_bind_int(st, 4, needs->childcare != 0);
		store_bind_text(st, 5, needs->other ? needs->other : "");
		store_bind_int(st, 6, now);
		store_bind_int(st, 7, now);
		store_bind_int(st, 8, activity_id);
		store_bind_int(st, 9, account_id);
	} else {
		store_bind_int(st, 1, activity_id);
		store_bind_int(st, 2, account_id);
		store_bind_text(st, 3, status_codes[*status]);
		store_bind_text(st, 4, lang);
		store_bind_int(st, 5, needs->step_free != 0);
		store_bind_int(st, 6, needs->childcare != 0);
		store_bind_text(st, 7, needs->other ? needs->other : "");
		store_bind_int(st, 8, now);
		store_bind_int(st, 9, now);
		store_bind_int(st, 10, now);
	}
	return model_exec(db, st, NULL, "signup_create");
}

struct waiting_row {
	int64_t id;
	struct signup_promoted p;
};

static void waiting_read(struct store_stmt *st, struct region *a, void *item)
{
	struct waiting_row *w = item;
	w->id = store_col_int(st, 0);
	w->p.account_id = store_col_int(st, 1);
	w->p.name = model_text(st, a, 2);
	w->p.email = model_text(st, a, 3);
	w->p.lang = model_text(st, a, 4);
}

enum model_rc signup_promote(struct store *db, struct region *a, int64_t activity_id,
			     struct signup_promoted **promoted, size_t *npromoted)
{
	size_t cap = 8;
	*npromoted = 0;
	*promoted = region_alloc(a, cap * sizeof **promoted);
	for (;;) {
		struct store_stmt *st = store_prepare(db, &next_waiting_sql);
		if (st == NULL)
			return MODEL_ERROR;
		store_bind_int(st, 1, activity_id);
		struct waiting_row w;
		enum model_rc rc = model_one(db, st, a, &w, waiting_read, "signup_next_waiting");
		if (rc == MODEL_NOT_FOUND)
			return MODEL_OK; /* nobody waiting */
		if (rc != MODEL_OK)
			return rc;
		int taken = take_place(db, activity_id, &rc);
		if (taken <= 0)
			return taken < 0 ? rc : MODEL_OK; /* full again */
		if ((st = store_prepare(db, &confirm_sql)) == NULL)
			return MODEL_ERROR;
		store_bind_int(st, 1, model_now());
		store_bind_int(st, 2, w.id);
		if ((rc = model_exec(db, st, NULL, "signup_confirm")) != MODEL_OK)
			return rc;
		if (*npromoted == cap) {
			struct signup_promoted *bigger = region_alloc(a, 2 * cap * sizeof *bigger);
			memcpy(bigger, *promoted, cap * sizeof *bigger);
			*promoted = bigger;
			cap *= 2;
		}
		(*promoted)[(*npromoted)++] = w.p;
	}
}

enum model_rc signup_cancel(struct store *db, struct region *a, int64_t activity_id,
			    int64_t account_id, struct signup_promoted **promoted, size_t *npromoted)
{
	*npromoted = 0;
	*promoted = NULL;
	struct store_stmt *st = store_prepare(db, &existing_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, activity_id);
	store_bind_int(st, 2, account_id);
	int src = store_step(st);
	enum signup_status old = src == STORE_ROW ? status_parse(store_col_text(st, 0)) : SIGNUP_CANCELLED;
	store_reset(st);
	if (src != STORE_ROW && src != STORE_DONE)
		return model_from_store(db, src, "signup_cancel_find");
	if (old == SIGNUP_CANCELLED)
		return MODEL_NOT_FOUND;
	if ((st = store_prepare(db, &cancel_sql)) == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, model_now());
	store_bind_int(st, 2, activity_id);
	store_bind_int(st, 3, account_id);
	enum model_rc rc = model_exec(db, st, NULL, "signup_cancel");
	if (rc != MODEL_OK || old != SIGNUP_CONFIRMED)
		return rc;
	if ((st = store_prepare(db, &free_place_sql)) == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, activity_id);
	rc = model_exec(db, st, NULL, "signup_free_place");
	return rc == MODEL_OK ? signup_promote(db, a, activity_id, promoted, npromoted) : rc;
}

enum model_rc signup_cancel_all(struct store *db, struct region *a, int64_t account_id,
				struct signup_moved **moved, size_t *nmoved)
{
	struct signup *items;
	size_t n = 0, total = 0;
	*moved = NULL;
	*nmoved = 0;
	enum model_rc rc = signup_of_account(db, a, account_id, &items, &n);
	struct signup_promoted **lists = region_calloc(a, n + 1, sizeof *lists);
	size_t *counts = region_calloc(a, n + 1, sizeof *counts);
	for (size_t i = 0; rc == MODEL_OK && i < n; i++) {
		rc = signup_cancel(db, a, items[i].activity_id, account_id, &lists[i], &counts[i]);
		total += counts[i];
	}
	if (rc != MODEL_OK)
		return rc;
	*moved = region_calloc(a, total + 1, sizeof **moved);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < counts[i]; k++)
			(*moved)[(*nmoved)++] = (struct signup_moved){ items[i].activity_id, lists[i][k] };
	return MODEL_OK;
}

enum model_rc signup_get(struct store *db, struct region *a, int64_t activity_id, int64_t account_id,
			 struct signup *out)
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, activity_id);
	store_bind_int(st, 2, account_id);
	return model_one(db, st, a, out, signup_read, "signup_get");
}

enum model_rc signup_list(struct store *db, struct region *a, int64_t activity_id,
			  int64_t actor_id, const char *client, struct signup **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &list_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, activity_id);
	enum model_rc rc = model_collect(db, st, a, sizeof **items, signup_read, (void **)items, n,
					 "signup_list");
	if (rc != MODEL_OK)
		return rc;
	char subject[48], detail[48];
	snprintf(subject, sizeof subject, "activity %lld", (long long)activity_id);
	snprintf(detail, sizeof detail, "%zu sign-ups with their needs", *n);
	return audit_record(db, actor_id, "signup.read", subject, detail, client);
}

enum model_rc signup_of_account(struct store *db, struct region *a, int64_t account_id,
				struct signup **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &of_account_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	return model_collect(db, st, a, sizeof **items, signup_read, (void **)items, n,
			     "signup_of_account");
}
