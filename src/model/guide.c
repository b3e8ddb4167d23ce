/*
 * guide.c: guides of a programme (see guide.h).
 */
#include "model/guide.h"

#include <stdio.h>
#include <string.h>

#include "model/audit.h"
#include "model/text.h"

static const char *const status_codes[GUIDE_STATUS__MAX] = { "active", "paused", "withdrawn" };
static const enum msg status_names[GUIDE_STATUS__MAX] = {
	MSG_GUIDE_STATUS_ACTIVE, MSG_GUIDE_STATUS_PAUSED, MSG_GUIDE_STATUS_WITHDRAWN
};
static const struct vocab statuses = VOCAB(status_codes, status_names);

#define GUIDE_COLUMNS                                                                           \
	"SELECT g.id, g.programme_id, g.account_id, COALESCE(g.organisation_id, 0), g.area_id, "  \
	"a.name, a.email, a.lang, o.name, ar.name, g.phone, g.note, g.gender, g.reach_km, "       \
	"g.capacity, g.availability, g.languages, g.interests, COALESCE(g.record_checked_at, 0), " \
	"g.status, (SELECT COUNT(*) FROM guide_match m WHERE m.guide_id = g.id AND m.status IN " \
	"('proposed', 'accepted', 'active', 'paused')), g.created_at, g.updated_at "             \
	"FROM guide g JOIN account a ON a.id = g.account_id JOIN area ar ON ar.id = g.area_id "   \
	"LEFT JOIN organisation o ON o.id = g.organisation_id "
static struct store_sql get_sql = STORE_SQL(GUIDE_COLUMNS "WHERE g.id = ?");
static struct store_sql of_account_sql =
	STORE_SQL(GUIDE_COLUMNS "WHERE g.programme_id = ? AND g.account_id = ?");
static struct store_sql all_of_account_sql =
	STORE_SQL(GUIDE_COLUMNS "WHERE g.account_id = ? ORDER BY g.programme_id");
static struct store_sql list_sql =
	STORE_SQL(GUIDE_COLUMNS "WHERE g.programme_id = ? ORDER BY a.name, g.id");
static struct store_sql count_org_sql = STORE_SQL(
	"SELECT COUNT(*) FROM guide WHERE programme_id = ? AND organisation_id = ? AND "
	"status <> 'withdrawn'");
static struct store_sql exists_sql = STORE_SQL(
	"SELECT 1 FROM guide WHERE programme_id = ? AND account_id = ?");
static struct store_sql area_sql = STORE_SQL("SELECT 1 FROM area WHERE id = ?");
static struct store_sql org_sql = STORE_SQL("SELECT 1 FROM organisation WHERE id = ?");
static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO guide (programme_id, account_id, organisation_id, phone, gender, area_id, "
	"reach_km, languages, interests, availability, capacity, note, created_at, updated_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
static struct store_sql update_sql = STORE_SQL(
	"UPDATE guide SET organisation_id = ?, phone = ?, gender = ?, area_id = ?, reach_km = ?, "
	"languages = ?, interests = ?, availability = ?, capacity = ?, note = ?, updated_at = ? "
	"WHERE id = ? RETURNING id");
static struct store_sql status_sql = STORE_SQL(
	"UPDATE guide SET status = ?, updated_at = ? WHERE id = ? RETURNING id");
static struct store_sql record_sql = STORE_SQL(
	"UPDATE guide SET record_checked_at = ?, record_checked_by = ?, updated_at = ? WHERE id = ? "
	"RETURNING id");

const char *guide_status_code(enum guide_status s)
{
	return vocab_code(&statuses, (int)s);
}

enum msg guide_status_msg(enum guide_status s)
{
	return vocab_msg(&statuses, (int)s);
}

int guide_status_parse(const char *code)
{
	return vocab_parse(&statuses, code);
}

const char *guide_first_name(struct region *a, const char *name)
{
	if (name == NULL)
		return "";
	while (*name == ' ')
		name++;
	return region_strndup(a, name, strcspn(name, " "));
}

static void guide_read(struct store_stmt *st, struct region *a, void *item)
{
	struct guide *g = item;
	g->id = store_col_int(st, 0);
	g->programme_id = store_col_int(st, 1);
	g->account_id = store_col_int(st, 2);
	g->organisation_id = store_col_int(st, 3);
	g->area_id = store_col_int(st, 4);
	g->name = model_text(st, a, 5);
	g->email = model_text(st, a, 6);
	g->lang = model_text(st, a, 7);
	g->organisation_name = model_text(st, a, 8);
	g->area_name = model_text(st, a, 9);
	g->phone = model_text(st, a, 10);
	g->note = model_text(st, a, 11);
	int gender = vocab_parse(&vocab_genders, store_col_text(st, 12));
	g->gender = gender < 0 ? GENDER_UNSAID : (enum gender)gender;
	g->reach_km = (int32_t)store_col_int(st, 13);
	g->capacity = (int32_t)store_col_int(st, 14);
	g->availability = (uint8_t)store_col_int(st, 15);
	g->languages = vocab_set_read(&vocab_languages, store_col_text(st, 16));
	g->interests = vocab_set_read(&vocab_interests, store_col_text(st, 17));
	g->record_checked_at = store_col_int(st, 18);
	int s = guide_status_parse(store_col_text(st, 19));
	g->status = s < 0 ? GUIDE_ACTIVE : (enum guide_status)s;
	g->taken = (int32_t)store_col_int(st, 20);
	g->created_at = store_col_int(st, 21);
	g->updated_at = store_col_int(st, 22);
}

/* Whether a row with id exists for sql. */
static enum model_rc exists(struct store *db, struct store_sql *sql, int64_t id, int *yes)
{
	struct store_stmt *st = store_prepare(db, sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	int rc = store_step(st);
	store_reset(st);
	*yes = rc == STORE_ROW;
	return rc == STORE_ROW || rc == STORE_DONE ? MODEL_OK : model_from_store(db, rc, "guide_exists");
}

enum model_rc guide_check(struct store *db, const struct guide *in, struct field_errors *errs)
{
	int yes = 0;
	enum model_rc rc = exists(db, &area_sql, in->area_id, &yes);
	if (rc != MODEL_OK)
		return rc;
	if (!yes)
		field_error_add(errs, "area", MSG_FORM_CHOOSE_ONE);
	if (in->organisation_id) {
		rc = exists(db, &org_sql, in->organisation_id, &yes);
		if (rc != MODEL_OK)
			return rc;
		if (!yes)
			field_error_add(errs, "organisation", MSG_FORM_CHOOSE_ONE);
	}
	if (in->capacity < 1 || in->capacity > GUIDE_CAPACITY_MAX)
		field_error_add(errs, "capacity", MSG_FORM_BAD_GUIDE_CAPACITY);
	if (in->reach_km < 0 || in->reach_km > GUIDE_REACH_MAX)
		field_error_add(errs, "reach", MSG_FORM_BAD_REACH);
	if (in->languages == 0 || !vocab_set_valid(&vocab_languages, in->languages))
		field_error_add(errs, "languages", MSG_FORM_LANGUAGE_REQUIRED);
	if (!vocab_set_valid(&vocab_interests, in->interests))
		field_error_add(errs, "interests", MSG_FORM_CHOOSE_ONE);
	if (in->availability == 0 || in->availability > TIMES_ALL)
		field_error_add(errs, "times", MSG_FORM_TIME_REQUIRED);
	if ((unsigned)in->gender >= GENDER__MAX)
		field_error_add(errs, "gender", MSG_FORM_CHOOSE_ONE);
	text_check(errs, "phone", in->phone, 0, 40);
	text_check(errs, "note", in->note, 0, 2000);
	return errs->n ? MODEL_INVALID : MODEL_OK;
}

/* Binds the fields both insert and update write, from parameter i. */
static int bind_fields(struct store_stmt *st, int i, const struct guide *in)
{
	char langs[512], interests[512];
	if (in->organisation_id)
		store_bind_int(st, i, in->organisation_id);
	else
		store_bind_null(st, i);
	store_bind_text(st, i + 1, in->phone ? in->phone : "");
	store_bind_text(st, i + 2, vocab_code(&vocab_genders, (int)in->gender));
	store_bind_int(st, i + 3, in->area_id);
	store_bind_int(st, i + 4, in->reach_km);
	store_bind_text(st, i + 5, vocab_set_format(&vocab_languages, in->languages, langs, sizeof langs));
	store_bind_text(st, i + 6,
			vocab_set_format(&vocab_interests, in->interests, interests, sizeof interests));
	store_bind_int(st, i + 7, in->availability);
	store_bind_int(st, i + 8, in->capacity);
	store_bind_text(st, i + 9, in->note ? in->note : "");
	return i + 10;
}

enum model_rc guide_create(struct store *db, const struct guide *in, int64_t *id,
			   struct field_errors *errs)
{
	enum model_rc rc = guide_check(db, in, errs);
	if (rc != MODEL_OK)
		return rc;
	/* Look first: on PostgreSQL a refused insert ends the transaction. */
	struct store_stmt *st = store_prepare(db, &exists_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, in->programme_id);
	store_bind_int(st, 2, in->account_id);
	int src = store_step(st);
	store_reset(st);
	if (src == STORE_ROW) {
		field_error_add(errs, "programme", MSG_GUIDE_ALREADY);
		return MODEL_CONFLICT;
	}
	if (src != STORE_DONE)
		return model_from_store(db, src, "guide_exists");
	if ((st = store_prepare(db, &insert_sql)) == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, in->programme_id);
	store_bind_int(st, 2, in->account_id);
	int next = bind_fields(st, 3, in);
	int64_t now = model_now();
	store_bind_int(st, next, now);
	store_bind_int(st, next + 1, now);
	return model_exec(db, st, id, "guide_create");
}

enum model_rc guide_update(struct store *db, int64_t id, const struct guide *in,
			   struct field_errors *errs)
{
	enum model_rc rc = guide_check(db, in, errs);
	if (rc != MODEL_OK)
		return rc;
	struct store_stmt *st = store_prepare(db, &update_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int next = bind_fields(st, 1, in);
	store_bind_int(st, next, model_now());
	store_bind_int(st, next + 1, id);
	int64_t got = 0;
	rc = model_exec(db, st, &got, "guide_update");
	return rc == MODEL_OK && got == 0 ? MODEL_NOT_FOUND : rc;
}

enum model_rc guide_get(struct store *db, struct region *a, int64_t id, struct guide *out)
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_one(db, st, a, out, guide_read, "guide_get");
}

enum model_rc guide_of_account(struct store *db, struct region *a, int64_t programme_id,
			       int64_t account_id, struct guide *out)
{
	struct store_stmt *st = store_prepare(db, &of_account_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, programme_id);
	store_bind_int(st, 2, account_id);
	return model_one(db, st, a, out, guide_read, "guide_of_account");
}

enum model_rc guide_all_of_account(struct store *db, struct region *a, int64_t account_id,
				   struct guide **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &all_of_account_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	return model_collect(db, st, a, sizeof **items, guide_read, (void **)items, n,
			     "guide_all_of_account");
}

enum model_rc guide_list(struct store *db, struct region *a, int64_t programme_id,
			 struct guide **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &list_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, programme_id);
	return model_collect(db, st, a, sizeof **items, guide_read, (void **)items, n, "guide_list");
}

enum model_rc guide_count_of_organisation(struct store *db, int64_t programme_id,
					  int64_t organisation_id, int64_t *n)
{
	struct store_stmt *st = store_prepare(db, &count_org_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, programme_id);
	store_bind_int(st, 2, organisation_id);
	*n = 0;
	return model_exec(db, st, n, "guide_count_of_organisation");
}

enum model_rc guide_set_status(struct store *db, int64_t id, enum guide_status s)
{
	struct store_stmt *st = store_prepare(db, &status_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, guide_status_code(s));
	store_bind_int(st, 2, model_now());
	store_bind_int(st, 3, id);
	int64_t got = 0;
	enum model_rc rc = model_exec(db, st, &got, "guide_set_status");
	return rc == MODEL_OK && got == 0 ? MODEL_NOT_FOUND : rc;
}

enum model_rc guide_set_record_checked(struct store *db, int64_t id, int checked,
				       int64_t actor_id, const char *client)
{
	struct store_stmt *st = store_prepare(db, &record_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	if (checked) {
		store_bind_int(st, 1, now);
		store_bind_int(st, 2, actor_id);
	} else {
		store_bind_null(st, 1);
		store_bind_null(st, 2);
	}
	store_bind_int(st, 3, now);
	store_bind_int(st, 4, id);
	int64_t got = 0;
	enum model_rc rc = model_exec(db, st, &got, "guide_set_record_checked");
	if (rc != MODEL_OK)
		return rc;
	if (got == 0)
		return MODEL_NOT_FOUND;
	const struct audit_event e = { .kind = checked ? AUDIT_GUIDE_RECORD_CHECKED : AUDIT_GUIDE_RECORD_CLEARED,
				       .actor_id = actor_id, .object = AUDIT_ON_GUIDE, .object_id = id,
				       .client = client };
	return audit_record(db, &e);
}
