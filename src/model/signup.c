/*
 * signup.c: sign-ups and waiting lists (see signup.h).
 */
#include "model/signup.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "model/account.h"
#include "model/audit.h"
#include "model/text.h"

#define PENDING_KEPT (7 * 24 * 3600) /* a guest's unconfirmed request */

static const char *const status_codes[] = {
	[SIGNUP_CONFIRMED] = "confirmed", [SIGNUP_WAITING] = "waiting", [SIGNUP_CANCELLED] = "cancelled",
	[SIGNUP_PENDING] = "pending",
};
_Static_assert(sizeof status_codes / sizeof status_codes[0] == SIGNUP__MAX, "a code for every sign-up status");

static struct store_sql activity_sql = STORE_SQL(
	"SELECT starts_at, cancelled FROM activity WHERE id = ?");
/* Takes a place if there is one: the whole race is this one statement. */
static struct store_sql take_place_sql = STORE_SQL(
	"UPDATE activity SET confirmed = confirmed + 1 WHERE id = ? AND (capacity IS NULL OR "
	"confirmed < capacity) RETURNING confirmed");
static struct store_sql free_place_sql = STORE_SQL(
	"UPDATE activity SET confirmed = confirmed - 1 WHERE id = ? AND confirmed > 0");
static struct store_sql existing_sql = STORE_SQL(
	"SELECT id, status FROM signup WHERE activity_id = ? AND account_id = ?");
static struct store_sql guest_existing_sql = STORE_SQL(
	"SELECT id, status FROM signup WHERE activity_id = ? AND account_id IS NULL AND guest_email = ? AND "
	"guest_email <> ''");
static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO signup (activity_id, account_id, status, interpreter, step_free, childcare, other_needs, "
	"queued_at, created_at, updated_at, guest_name, guest_email, guest_phone, guest_lang, token_hash, "
	"added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
/* Signing up again after cancelling goes to the back of the queue. */
static struct store_sql renew_sql = STORE_SQL(
	"UPDATE signup SET status = ?, interpreter = ?, step_free = ?, childcare = ?, other_needs = ?, "
	"queued_at = ?, updated_at = ?, guest_name = ?, token_hash = ? WHERE id = ?");
static struct store_sql token_sql = STORE_SQL(
	"UPDATE signup SET token_hash = ?, updated_at = ? WHERE id = ?");
static struct store_sql status_sql = STORE_SQL(
	"UPDATE signup SET status = ?, queued_at = ?, updated_at = ? WHERE id = ?");
static struct store_sql state_sql = STORE_SQL("SELECT activity_id, status FROM signup WHERE id = ?");
static struct store_sql cancel_sql = STORE_SQL(
	"UPDATE signup SET status = 'cancelled', updated_at = ? WHERE id = ? AND status <> 'cancelled'");
static struct store_sql next_waiting_sql = STORE_SQL(
	"SELECT s.id, COALESCE(s.account_id, 0), COALESCE(a.name, s.guest_name), COALESCE(a.email, s.guest_email), "
	"COALESCE(a.lang, s.guest_lang) FROM signup s LEFT JOIN account a ON a.id = s.account_id WHERE "
	"s.activity_id = ? AND s.status = 'waiting' ORDER BY s.queued_at, s.id LIMIT 1");
static struct store_sql confirm_sql = STORE_SQL(
	"UPDATE signup SET status = 'confirmed', updated_at = ? WHERE id = ?");
static struct store_sql purge_sql = STORE_SQL(
	"DELETE FROM signup WHERE status = 'pending' AND updated_at < ?");
#define SIGNUP_COLUMNS                                                                          \
	"s.id, s.activity_id, COALESCE(s.account_id, 0), COALESCE(a.name, s.guest_name), "      \
	"COALESCE(a.email, s.guest_email), COALESCE(a.lang, s.guest_lang), s.status, "          \
	"s.interpreter, s.step_free, s.childcare, s.other_needs, s.queued_at, t.title, "        \
	"t.arena_id, t.starts_at, t.ends_at, s.guest_phone, COALESCE(s.added_by, 0) FROM signup s " \
	"LEFT JOIN account a ON a.id = s.account_id JOIN activity t ON t.id = s.activity_id "
static struct store_sql get_sql =
	STORE_SQL("SELECT " SIGNUP_COLUMNS "WHERE s.activity_id = ? AND s.account_id = ?");
static struct store_sql get_id_sql = STORE_SQL("SELECT " SIGNUP_COLUMNS "WHERE s.id = ?");
static struct store_sql by_token_sql = STORE_SQL("SELECT " SIGNUP_COLUMNS "WHERE s.token_hash = ?");
static struct store_sql list_sql = STORE_SQL(
	"SELECT " SIGNUP_COLUMNS "WHERE s.activity_id = ? AND s.status IN ('confirmed', 'waiting') ORDER BY "
	"CASE s.status WHEN 'confirmed' THEN 0 ELSE 1 END, s.queued_at, s.id");
static struct store_sql tally_sql = STORE_SQL(
	"SELECT COALESCE(SUM(CASE WHEN status = 'confirmed' THEN 1 ELSE 0 END), 0), "
	"COALESCE(SUM(CASE WHEN status = 'waiting' THEN 1 ELSE 0 END), 0), "
	"COALESCE(SUM(CASE WHEN interpreter <> '' THEN 1 ELSE 0 END), 0), "
	"COALESCE(SUM(CASE WHEN step_free <> 0 THEN 1 ELSE 0 END), 0), "
	"COALESCE(SUM(CASE WHEN childcare <> 0 THEN 1 ELSE 0 END), 0) "
	"FROM signup WHERE activity_id = ? AND status IN ('confirmed', 'waiting')");
static struct store_sql of_account_sql = STORE_SQL(
	"SELECT " SIGNUP_COLUMNS "WHERE s.account_id = ? AND s.status IN ('confirmed', 'waiting') ORDER BY "
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
	s->phone = model_text(st, a, 16);
	s->added_by = store_col_int(st, 17);
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

/* The needs, checked: an interpreter's language code, other needs. */
static void check_needs(const struct signup_needs *needs, struct field_errors *errs)
{
	const char *lang = needs->interpreter ? needs->interpreter : "";
	size_t ln = strlen(lang);
	int lang_ok = ln == 0 || ln == 2 || ln == 3;
	for (size_t i = 0; i < ln; i++)
		lang_ok &= islower((unsigned char)lang[i]) != 0;
	if (!lang_ok)
		field_error_add(errs, "interpreter", MSG_FORM_CHOOSE_ONE);
	text_check(errs, "other_needs", needs->other, 0, 1000);
}

/* Whether one may sign up for the activity now: an error on "activity"
 * when it has started or is cancelled; MODEL_NOT_FOUND if none. */
static enum model_rc check_activity(struct store *db, int64_t activity_id, struct field_errors *errs)
{
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
	return MODEL_OK;
}

/* The sign-up (id, status) a statement with two bound values finds;
 * *id 0 when none. */
static enum model_rc find(struct store *db, struct store_sql *sql, int64_t activity_id, int64_t account_id,
			  const char *email, int64_t *id, enum signup_status *status)
{
	struct store_stmt *st = store_prepare(db, sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, activity_id);
	if (email)
		store_bind_text(st, 2, email);
	else
		store_bind_int(st, 2, account_id);
	int src = store_step(st);
	*id = src == STORE_ROW ? store_col_int(st, 0) : 0;
	*status = src == STORE_ROW ? status_parse(store_col_text(st, 1)) : SIGNUP_CANCELLED;
	store_reset(st);
	return src == STORE_ROW || src == STORE_DONE ? MODEL_OK : model_from_store(db, src, "signup_find");
}

/* A place if there is one, else the waiting list. */
static enum model_rc place(struct store *db, int64_t activity_id, enum signup_status *status)
{
	enum model_rc rc;
	int taken = take_place(db, activity_id, &rc);
	if (taken < 0)
		return rc;
	*status = taken ? SIGNUP_CONFIRMED : SIGNUP_WAITING;
	return MODEL_OK;
}

/* Who a new row is for: an account, or a guest by name and contact. */
struct who {
	int64_t account_id; /* 0: a guest */
	const char *name, *email, *phone, *lang;
	int64_t added_by;
};

static enum model_rc insert(struct store *db, int64_t activity_id, const struct who *w,
			    const struct signup_needs *needs, enum signup_status status, const char *token_hash,
			    int64_t *id)
{
	struct store_stmt *st = store_prepare(db, &insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	store_bind_int(st, 1, activity_id);
	if (w->account_id > 0)
		store_bind_int(st, 2, w->account_id);
	else
		store_bind_null(st, 2);
	store_bind_text(st, 3, status_codes[status]);
	store_bind_text(st, 4, needs->interpreter ? needs->interpreter : "");
	store_bind_int(st, 5, needs->step_free != 0);
	store_bind_int(st, 6, needs->childcare != 0);
	store_bind_text(st, 7, needs->other ? needs->other : "");
	store_bind_int(st, 8, now);
	store_bind_int(st, 9, now);
	store_bind_int(st, 10, now);
	store_bind_text(st, 11, w->name ? w->name : "");
	store_bind_text(st, 12, w->email ? w->email : "");
	store_bind_text(st, 13, w->phone ? w->phone : "");
	store_bind_text(st, 14, w->lang ? w->lang : "da");
	store_bind_text(st, 15, token_hash);
	if (w->added_by > 0)
		store_bind_int(st, 16, w->added_by);
	else
		store_bind_null(st, 16);
	return model_exec(db, st, id, "signup_insert");
}

static enum model_rc renew(struct store *db, int64_t id, const char *guest_name, const struct signup_needs *needs,
			   enum signup_status status, const char *token_hash)
{
	struct store_stmt *st = store_prepare(db, &renew_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	store_bind_text(st, 1, status_codes[status]);
	store_bind_text(st, 2, needs->interpreter ? needs->interpreter : "");
	store_bind_int(st, 3, needs->step_free != 0);
	store_bind_int(st, 4, needs->childcare != 0);
	store_bind_text(st, 5, needs->other ? needs->other : "");
	store_bind_int(st, 6, now);
	store_bind_int(st, 7, now);
	store_bind_text(st, 8, guest_name ? guest_name : "");
	store_bind_text(st, 9, token_hash);
	store_bind_int(st, 10, id);
	return model_exec(db, st, NULL, "signup_renew");
}

enum model_rc signup_create(struct store *db, int64_t activity_id, int64_t account_id,
			    const struct signup_needs *needs, enum signup_status *status,
			    struct field_errors *errs)
{
	check_needs(needs, errs);
	enum model_rc rc = check_activity(db, activity_id, errs);
	if (rc != MODEL_OK)
		return rc;
	if (errs->n)
		return MODEL_INVALID;
	int64_t id;
	enum signup_status old;
	if ((rc = find(db, &existing_sql, activity_id, account_id, NULL, &id, &old)) != MODEL_OK)
		return rc;
	if (id && old != SIGNUP_CANCELLED)
		return MODEL_CONFLICT;
	if ((rc = place(db, activity_id, status)) != MODEL_OK)
		return rc;
	const struct who w = { account_id, "", "", "", "da", 0 };
	return id ? renew(db, id, "", needs, *status, NULL) : insert(db, activity_id, &w, needs, *status, NULL, &id);
}

/* A fresh link: the token in token, its hash in hash. */
static void new_token(char token[SECRET_TOKEN_LEN + 1], char hash[SECRET_HASH_LEN + 1])
{
	secret_token(token);
	secret_hash(token, hash);
}

/* Checks a guest's name and address (normalised into *email). */
static void check_guest(struct region *a, const char *name, const char **email, struct field_errors *errs)
{
	text_check(errs, "name", name, 1, TEXT_NAME_MAX);
	const char *normal = *email && **email ? account_normalise_email(a, *email) : NULL;
	if (*email && **email && normal == NULL)
		field_error_add(errs, "email", MSG_FORM_BAD_EMAIL);
	*email = normal ? normal : "";
}

enum model_rc signup_guest_request(struct store *db, struct region *a, int64_t activity_id,
				   const char *name, const char *email, const char *lang,
				   const struct signup_needs *needs, char token[SECRET_TOKEN_LEN + 1],
				   enum signup_status *status, struct field_errors *errs)
{
	token[0] = '\0';
	if (email == NULL || *email == '\0')
		field_error_add(errs, "email", MSG_FORM_REQUIRED);
	check_guest(a, name, &email, errs);
	check_needs(needs, errs);
	enum model_rc rc = check_activity(db, activity_id, errs);
	if (rc != MODEL_OK)
		return rc;
	if (errs->n)
		return MODEL_INVALID;
	int64_t id;
	enum signup_status old;
	if ((rc = find(db, &guest_existing_sql, activity_id, 0, email, &id, &old)) != MODEL_OK)
		return rc;
	char hash[SECRET_HASH_LEN + 1];
	new_token(token, hash);
	if (id && (old == SIGNUP_CONFIRMED || old == SIGNUP_WAITING)) {
		/* Signed up already: a new link to the same place. */
		*status = old;
		struct store_stmt *st = store_prepare(db, &token_sql);
		if (st == NULL)
			return MODEL_ERROR;
		store_bind_text(st, 1, hash);
		store_bind_int(st, 2, model_now());
		store_bind_int(st, 3, id);
		return model_exec(db, st, NULL, "signup_guest_token");
	}
	*status = SIGNUP_PENDING;
	const struct who w = { 0, name, email, "", lang, 0 };
	return id ? renew(db, id, name, needs, SIGNUP_PENDING, hash)
		  : insert(db, activity_id, &w, needs, SIGNUP_PENDING, hash, &id);
}

enum model_rc signup_add_for(struct store *db, struct region *a, int64_t activity_id,
			     const char *name, const char *email, const char *phone, const char *lang,
			     const struct signup_needs *needs, int64_t added_by, char token[SECRET_TOKEN_LEN + 1],
			     enum signup_status *status, struct field_errors *errs)
{
	token[0] = '\0';
	check_guest(a, name, &email, errs);
	if (phone && *phone && (!text_phone_ok(phone) || strlen(phone) > SIGNUP_PHONE_MAX))
		field_error_add(errs, "phone", MSG_FORM_BAD_PHONE);
	else if (*email == '\0' && (phone == NULL || *phone == '\0'))
		field_error_add(errs, "phone", MSG_FORM_PHONE_OR_EMAIL);
	check_needs(needs, errs);
	enum model_rc rc = check_activity(db, activity_id, errs);
	if (rc != MODEL_OK)
		return rc;
	if (errs->n)
		return MODEL_INVALID;
	int64_t id = 0;
	enum signup_status old = SIGNUP_CANCELLED;
	if (*email && (rc = find(db, &guest_existing_sql, activity_id, 0, email, &id, &old)) != MODEL_OK)
		return rc;
	if (id && (old == SIGNUP_CONFIRMED || old == SIGNUP_WAITING))
		return MODEL_CONFLICT;
	char hash[SECRET_HASH_LEN + 1];
	if (*email)
		new_token(token, hash);
	if ((rc = place(db, activity_id, status)) != MODEL_OK)
		return rc;
	const struct who w = { 0, name, email, phone ? phone : "", lang, added_by };
	return id ? renew(db, id, name, needs, *status, *email ? hash : NULL)
		  : insert(db, activity_id, &w, needs, *status, *email ? hash : NULL, &id);
}

enum model_rc signup_by_token(struct store *db, struct region *a, const char *token, struct signup *out)
{
	if (token == NULL || !secret_token_valid(token))
		return MODEL_NOT_FOUND;
	char hash[SECRET_HASH_LEN + 1];
	secret_hash(token, hash);
	struct store_stmt *st = store_prepare(db, &by_token_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, hash);
	return model_one(db, st, a, out, signup_read, "signup_by_token");
}

/* The activity and status of a sign-up by id; MODEL_NOT_FOUND. */
static enum model_rc state(struct store *db, int64_t signup_id, int64_t *activity_id, enum signup_status *status)
{
	struct store_stmt *st = store_prepare(db, &state_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, signup_id);
	int src = store_step(st);
	*activity_id = src == STORE_ROW ? store_col_int(st, 0) : 0;
	*status = src == STORE_ROW ? status_parse(store_col_text(st, 1)) : SIGNUP_CANCELLED;
	store_reset(st);
	if (src == STORE_ROW)
		return MODEL_OK;
	return src == STORE_DONE ? MODEL_NOT_FOUND : model_from_store(db, src, "signup_state");
}

enum model_rc signup_confirm(struct store *db, int64_t signup_id, enum signup_status *status,
			     struct field_errors *errs)
{
	int64_t activity_id;
	enum model_rc rc = state(db, signup_id, &activity_id, status);
	if (rc != MODEL_OK)
		return rc;
	if (*status == SIGNUP_CANCELLED)
		return MODEL_NOT_FOUND;
	if (*status != SIGNUP_PENDING)
		return MODEL_OK;
	if ((rc = check_activity(db, activity_id, errs)) != MODEL_OK)
		return rc;
	if (errs->n)
		return MODEL_INVALID;
	if ((rc = place(db, activity_id, status)) != MODEL_OK)
		return rc;
	struct store_stmt *st = store_prepare(db, &status_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	store_bind_text(st, 1, status_codes[*status]);
	store_bind_int(st, 2, now);
	store_bind_int(st, 3, now);
	store_bind_int(st, 4, signup_id);
	return model_exec(db, st, NULL, "signup_confirm");
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
		if ((rc = model_exec(db, st, NULL, "signup_confirm_waiting")) != MODEL_OK)
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

enum model_rc signup_cancel_id(struct store *db, struct region *a, int64_t signup_id,
			       struct signup_promoted **promoted, size_t *npromoted)
{
	*npromoted = 0;
	*promoted = NULL;
	int64_t activity_id;
	enum signup_status old;
	enum model_rc rc = state(db, signup_id, &activity_id, &old);
	if (rc != MODEL_OK)
		return rc;
	if (old == SIGNUP_CANCELLED)
		return MODEL_NOT_FOUND;
	struct store_stmt *st = store_prepare(db, &cancel_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, model_now());
	store_bind_int(st, 2, signup_id);
	rc = model_exec(db, st, NULL, "signup_cancel");
	if (rc != MODEL_OK || old != SIGNUP_CONFIRMED)
		return rc;
	if ((st = store_prepare(db, &free_place_sql)) == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, activity_id);
	rc = model_exec(db, st, NULL, "signup_free_place");
	return rc == MODEL_OK ? signup_promote(db, a, activity_id, promoted, npromoted) : rc;
}

enum model_rc signup_cancel(struct store *db, struct region *a, int64_t activity_id,
			    int64_t account_id, struct signup_promoted **promoted, size_t *npromoted)
{
	*npromoted = 0;
	*promoted = NULL;
	int64_t id;
	enum signup_status old;
	enum model_rc rc = find(db, &existing_sql, activity_id, account_id, NULL, &id, &old);
	if (rc != MODEL_OK)
		return rc;
	if (id == 0 || old == SIGNUP_CANCELLED)
		return MODEL_NOT_FOUND;
	return signup_cancel_id(db, a, id, promoted, npromoted);
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
		rc = signup_cancel_id(db, a, items[i].id, &lists[i], &counts[i]);
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

enum model_rc signup_get_id(struct store *db, struct region *a, int64_t signup_id, struct signup *out)
{
	struct store_stmt *st = store_prepare(db, &get_id_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, signup_id);
	return model_one(db, st, a, out, signup_read, "signup_get_id");
}

enum model_rc signup_list(struct store *db, struct region *a, int64_t activity_id, enum audit_kind how,
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
	char detail[24];
	snprintf(detail, sizeof detail, "%zu", *n);
	const struct audit_event e = { .kind = how, .actor_id = actor_id, .object = AUDIT_ON_ACTIVITY,
				       .object_id = activity_id, .detail = detail, .client = client };
	return audit_record(db, &e);
}

enum model_rc signup_tally(struct store *db, int64_t activity_id, struct signup_tally *out)
{
	struct store_stmt *st = store_prepare(db, &tally_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, activity_id);
	int src = store_step(st);
	if (src == STORE_ROW) {
		out->confirmed = (int)store_col_int(st, 0);
		out->waiting = (int)store_col_int(st, 1);
		out->interpreters = (int)store_col_int(st, 2);
		out->step_free = (int)store_col_int(st, 3);
		out->childcare = (int)store_col_int(st, 4);
	}
	store_reset(st);
	return src == STORE_ROW ? MODEL_OK : model_from_store(db, src, "signup_tally");
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

enum model_rc signup_purge(struct store *db, int64_t now)
{
	struct store_stmt *st = store_prepare(db, &purge_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, now - PENDING_KEPT);
	return model_exec(db, st, NULL, "signup_purge");
}
