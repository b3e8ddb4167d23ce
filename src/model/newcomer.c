/*
 * newcomer.c: newcomers of a guide programme, every read and change
 * audited (see newcomer.h).
 */
#include "model/newcomer.h"

#include <stdio.h>
#include <string.h>

#include "core/tz.h"
#include "model/audit.h"
#include "model/text.h"

static const char *const status_codes[NEWCOMER_STATUS__MAX] = { "waiting", "matched", "ended",
								 "withdrawn" };
static const enum msg status_names[NEWCOMER_STATUS__MAX] = {
	MSG_NEWCOMER_STATUS_WAITING, MSG_NEWCOMER_STATUS_MATCHED, MSG_NEWCOMER_STATUS_ENDED,
	MSG_NEWCOMER_STATUS_WITHDRAWN
};
static const struct vocab statuses = VOCAB(status_codes, status_names);

#define NEWCOMER_COLUMNS                                                                        \
	"SELECT n.id, n.programme_id, COALESCE(n.account_id, 0), n.area_id, n.first_name, "       \
	"n.last_name, n.email, n.phone, n.lang, n.born, n.needs, ar.name, n.target_group, "       \
	"n.gender, n.languages, n.interests, n.availability, n.same_gender, n.consent_at, "       \
	"COALESCE(n.consent_by, 0), n.consent_how, n.status, n.waiting_since, "                   \
	"COALESCE(n.ended_at, 0), n.created_at, n.updated_at FROM newcomer n JOIN area ar ON "    \
	"ar.id = n.area_id "
static struct store_sql get_sql = STORE_SQL(NEWCOMER_COLUMNS "WHERE n.id = ?");
static struct store_sql list_sql = STORE_SQL(
	NEWCOMER_COLUMNS "WHERE n.programme_id = ? ORDER BY n.waiting_since, n.id");
static struct store_sql own_sql =
	STORE_SQL(NEWCOMER_COLUMNS "WHERE n.account_id = ? ORDER BY n.programme_id");
static struct store_sql exists_sql =
	STORE_SQL("SELECT 1 FROM newcomer WHERE programme_id = ? AND account_id = ?");
static struct store_sql area_sql = STORE_SQL("SELECT 1 FROM area WHERE id = ?");
static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO newcomer (programme_id, account_id, first_name, last_name, email, phone, lang, "
	"target_group, born, gender, area_id, languages, interests, availability, same_gender, "
	"needs, consent_at, consent_how, consent_by, waiting_since, created_at, updated_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
static struct store_sql update_sql = STORE_SQL(
	"UPDATE newcomer SET first_name = ?, last_name = ?, email = ?, phone = ?, lang = ?, "
	"target_group = ?, born = ?, gender = ?, area_id = ?, languages = ?, interests = ?, "
	"availability = ?, same_gender = ?, needs = ?, updated_at = ? WHERE id = ? RETURNING id");
static struct store_sql status_sql = STORE_SQL(
	"UPDATE newcomer SET status = ?, ended_at = ?, waiting_since = ?, updated_at = ? "
	"WHERE id = ? RETURNING waiting_since");
static struct store_sql waiting_since_sql =
	STORE_SQL("SELECT waiting_since FROM newcomer WHERE id = ?");
static struct store_sql expired_sql = STORE_SQL(
	"SELECT id FROM newcomer WHERE status IN ('ended', 'withdrawn') AND ended_at <= ? "
	"ORDER BY id");
static struct store_sql delete_sql = STORE_SQL("DELETE FROM newcomer WHERE id = ?");
static struct store_sql waiting_sql = STORE_SQL(
	"SELECT n.area_id, ar.name, n.target_group, n.waiting_since FROM newcomer n JOIN area ar "
	"ON ar.id = n.area_id WHERE n.programme_id = ? AND n.status = 'waiting' "
	"ORDER BY ar.name_key, n.area_id, n.target_group, n.waiting_since");

const char *newcomer_status_code(enum newcomer_status s)
{
	return vocab_code(&statuses, (int)s);
}

enum msg newcomer_status_msg(enum newcomer_status s)
{
	return vocab_msg(&statuses, (int)s);
}

int newcomer_status_parse(const char *code)
{
	return vocab_parse(&statuses, code);
}

int newcomer_is_minor(const char *born, int64_t now)
{
	int y, m, d;
	int64_t days;
	if (born == NULL || tz_parse_date(born, &days) != 0 || sscanf(born, "%d-%d-%d", &y, &m, &d) != 3)
		return 1;
	struct tz_local t;
	tz_from_utc(now, &t);
	int age = t.year - y - (t.month < m || (t.month == m && t.day < d));
	return age < 18;
}

static void newcomer_read(struct store_stmt *st, struct region *a, void *item)
{
	struct newcomer *x = item;
	x->id = store_col_int(st, 0);
	x->programme_id = store_col_int(st, 1);
	x->account_id = store_col_int(st, 2);
	x->area_id = store_col_int(st, 3);
	x->first_name = model_text(st, a, 4);
	x->last_name = model_text(st, a, 5);
	x->email = model_text(st, a, 6);
	x->phone = model_text(st, a, 7);
	x->lang = model_text(st, a, 8);
	x->born = model_text(st, a, 9);
	x->needs = model_text(st, a, 10);
	x->area_name = model_text(st, a, 11);
	int t = vocab_parse(&vocab_target_groups, store_col_text(st, 12));
	x->target_group = t < 0 ? TARGET_REFUGEE : (enum target_group)t;
	int g = vocab_parse(&vocab_genders, store_col_text(st, 13));
	x->gender = g < 0 ? GENDER_UNSAID : (enum gender)g;
	x->languages = vocab_set_read(&vocab_languages, store_col_text(st, 14));
	x->interests = vocab_set_read(&vocab_interests, store_col_text(st, 15));
	x->availability = (uint8_t)store_col_int(st, 16);
	x->same_gender = store_col_int(st, 17) != 0;
	x->consent_at = store_col_int(st, 18);
	x->consent_by = store_col_int(st, 19);
	int c = vocab_parse(&vocab_consent_how, store_col_text(st, 20));
	x->consent_how = c < 0 ? CONSENT_HOW_SELF : (enum consent_how)c;
	int s = newcomer_status_parse(store_col_text(st, 21));
	x->status = s < 0 ? NEWCOMER_WAITING : (enum newcomer_status)s;
	x->waiting_since = store_col_int(st, 22);
	x->ended_at = store_col_int(st, 23);
	x->created_at = store_col_int(st, 24);
	x->updated_at = store_col_int(st, 25);
}

static enum model_rc log_access(struct store *db, const struct newcomer_actor *who, enum audit_kind kind,
				enum audit_object object, int64_t id, const char *detail)
{
	const struct audit_event e = { .kind = kind, .actor_id = who->account_id, .object = object,
				       .object_id = id, .detail = detail, .client = who->client };
	return audit_record(db, &e);
}

static enum model_rc check(struct store *db, const struct newcomer *in, struct field_errors *errs)
{
	text_check(errs, "first_name", in->first_name, 1, 100);
	text_check(errs, "last_name", in->last_name, 0, 100);
	text_check(errs, "phone", in->phone, 0, 40);
	text_check(errs, "needs", in->needs, 0, 2000);
	if (in->email && *in->email &&
	    (!text_check(errs, "email", in->email, 0, 254) || strchr(in->email, '@') == NULL))
		field_error_add(errs, "email", MSG_FORM_BAD_EMAIL);
	if ((unsigned)in->target_group >= TARGET__MAX)
		field_error_add(errs, "target_group", MSG_FORM_CHOOSE_ONE);
	if ((unsigned)in->gender >= GENDER__MAX)
		field_error_add(errs, "gender", MSG_FORM_CHOOSE_ONE);
	int64_t days;
	if (in->born == NULL || tz_parse_date(in->born, &days) != 0 ||
	    days > model_now() / 86400 || days < tz_days_from_civil(1900, 1, 1))
		field_error_add(errs, "born", MSG_FORM_BAD_BIRTH_DATE);
	if (in->languages == 0 || !vocab_set_valid(&vocab_languages, in->languages))
		field_error_add(errs, "languages", MSG_FORM_LANGUAGE_REQUIRED);
	if (!vocab_set_valid(&vocab_interests, in->interests))
		field_error_add(errs, "interests", MSG_FORM_CHOOSE_ONE);
	if (in->availability == 0 || in->availability > TIMES_ALL)
		field_error_add(errs, "times", MSG_FORM_TIME_REQUIRED);
	struct store_stmt *st = store_prepare(db, &area_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, in->area_id);
	int rc = store_step(st);
	store_reset(st);
	if (rc == STORE_DONE)
		field_error_add(errs, "area", MSG_FORM_CHOOSE_ONE);
	else if (rc != STORE_ROW)
		return model_from_store(db, rc, "newcomer_area");
	return errs->n ? MODEL_INVALID : MODEL_OK;
}

/* Binds the fields both insert and update write, from parameter i. */
static int bind_fields(struct store_stmt *st, int i, const struct newcomer *in)
{
	char langs[512], interests[512];
	store_bind_text(st, i, in->first_name);
	store_bind_text(st, i + 1, in->last_name ? in->last_name : "");
	store_bind_text(st, i + 2, in->email ? in->email : "");
	store_bind_text(st, i + 3, in->phone ? in->phone : "");
	store_bind_text(st, i + 4, in->lang && *in->lang ? in->lang : "da");
	store_bind_text(st, i + 5, vocab_code(&vocab_target_groups, (int)in->target_group));
	store_bind_text(st, i + 6, in->born);
	store_bind_text(st, i + 7, vocab_code(&vocab_genders, (int)in->gender));
	store_bind_int(st, i + 8, in->area_id);
	store_bind_text(st, i + 9, vocab_set_format(&vocab_languages, in->languages, langs, sizeof langs));
	store_bind_text(st, i + 10,
			vocab_set_format(&vocab_interests, in->interests, interests, sizeof interests));
	store_bind_int(st, i + 11, in->availability);
	store_bind_int(st, i + 12, in->same_gender != 0);
	store_bind_text(st, i + 13, in->needs ? in->needs : "");
	return i + 14;
}

enum model_rc newcomer_create(struct store *db, const struct newcomer *in, int consent_given,
			      const struct newcomer_actor *who, int64_t *id,
			      struct field_errors *errs)
{
	if (!consent_given)
		field_error_add(errs, "consent", MSG_FORM_CONSENT_REQUIRED);
	if ((unsigned)in->consent_how >= CONSENT_HOW__MAX)
		field_error_add(errs, "consent_how", MSG_FORM_CHOOSE_ONE);
	enum model_rc rc = check(db, in, errs);
	if (rc != MODEL_OK || errs->n)
		return rc == MODEL_OK ? MODEL_INVALID : rc;
	if (in->account_id) {
		/* Look first: on PostgreSQL a refused insert ends the transaction. */
		struct store_stmt *st = store_prepare(db, &exists_sql);
		if (st == NULL)
			return MODEL_ERROR;
		store_bind_int(st, 1, in->programme_id);
		store_bind_int(st, 2, in->account_id);
		int src = store_step(st);
		store_reset(st);
		if (src == STORE_ROW) {
			field_error_add(errs, "programme", MSG_NEWCOMER_ALREADY);
			return MODEL_CONFLICT;
		}
		if (src != STORE_DONE)
			return model_from_store(db, src, "newcomer_exists");
	}
	struct store_stmt *st = store_prepare(db, &insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	store_bind_int(st, 1, in->programme_id);
	if (in->account_id)
		store_bind_int(st, 2, in->account_id);
	else
		store_bind_null(st, 2);
	int next = bind_fields(st, 3, in);
	store_bind_int(st, next, now);
	store_bind_text(st, next + 1, vocab_code(&vocab_consent_how, (int)in->consent_how));
	if (in->consent_how != CONSENT_HOW_SELF && who->account_id > 0)
		store_bind_int(st, next + 2, who->account_id);
	else
		store_bind_null(st, next + 2);
	/* Waiting since: when a coordinator moves a waiting list kept
	 * elsewhere, the day they first asked; else now. */
	store_bind_int(st, next + 3,
		       in->waiting_since > 0 && in->waiting_since <= now ? in->waiting_since : now);
	store_bind_int(st, next + 4, now);
	store_bind_int(st, next + 5, now);
	rc = model_exec(db, st, id, "newcomer_create");
	if (rc != MODEL_OK)
		return rc;
	return log_access(db, who, AUDIT_NEWCOMER_CREATED, AUDIT_ON_NEWCOMER, *id,
			  vocab_code(&vocab_consent_how, (int)in->consent_how));
}

enum model_rc newcomer_update(struct store *db, int64_t id, const struct newcomer *in,
			      const struct newcomer_actor *who, struct field_errors *errs)
{
	enum model_rc rc = check(db, in, errs);
	if (rc != MODEL_OK)
		return rc;
	struct store_stmt *st = store_prepare(db, &update_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int next = bind_fields(st, 1, in);
	store_bind_int(st, next, model_now());
	store_bind_int(st, next + 1, id);
	int64_t got = 0;
	rc = model_exec(db, st, &got, "newcomer_update");
	if (rc != MODEL_OK)
		return rc;
	if (got == 0)
		return MODEL_NOT_FOUND;
	return log_access(db, who, AUDIT_NEWCOMER_UPDATED, AUDIT_ON_NEWCOMER, id, "");
}

enum model_rc newcomer_get(struct store *db, struct region *a, int64_t id,
			   const struct newcomer_actor *who, const char *why, struct newcomer *out)
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	enum model_rc rc = model_one(db, st, a, out, newcomer_read, "newcomer_get");
	if (rc != MODEL_OK)
		return rc;
	return log_access(db, who, AUDIT_NEWCOMER_READ, AUDIT_ON_NEWCOMER, id, why);
}

enum model_rc newcomer_list(struct store *db, struct region *a, int64_t programme_id,
			    const struct newcomer_actor *who, const char *why,
			    struct newcomer **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &list_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, programme_id);
	enum model_rc rc = model_collect(db, st, a, sizeof **items, newcomer_read, (void **)items, n,
					 "newcomer_list");
	if (rc != MODEL_OK)
		return rc;
	char detail[160];
	snprintf(detail, sizeof detail, "%s: %zu newcomers", why ? why : "list", *n);
	return log_access(db, who, AUDIT_NEWCOMERS_LISTED, AUDIT_ON_PROGRAMME, programme_id, detail);
}

enum model_rc newcomer_own(struct store *db, struct region *a, int64_t account_id,
			   struct newcomer **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &own_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	return model_collect(db, st, a, sizeof **items, newcomer_read, (void **)items, n,
			     "newcomer_own");
}

enum model_rc newcomer_set_status(struct store *db, int64_t id, enum newcomer_status s,
				  int keep_wait, const struct newcomer_actor *who)
{
	int64_t now = model_now(), since = now;
	if (keep_wait || s != NEWCOMER_WAITING) {
		struct store_stmt *st = store_prepare(db, &waiting_since_sql);
		if (st == NULL)
			return MODEL_ERROR;
		store_bind_int(st, 1, id);
		int rc = store_step(st);
		if (rc == STORE_ROW)
			since = store_col_int(st, 0);
		store_reset(st);
		if (rc != STORE_ROW)
			return rc == STORE_DONE ? MODEL_NOT_FOUND
						: model_from_store(db, rc, "newcomer_waiting_since");
	}
	struct store_stmt *st = store_prepare(db, &status_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, newcomer_status_code(s));
	if (s == NEWCOMER_ENDED || s == NEWCOMER_WITHDRAWN)
		store_bind_int(st, 2, now);
	else
		store_bind_null(st, 2);
	store_bind_int(st, 3, since);
	store_bind_int(st, 4, now);
	store_bind_int(st, 5, id);
	int64_t got = 0;
	enum model_rc rc = model_exec(db, st, &got, "newcomer_set_status");
	if (rc != MODEL_OK)
		return rc;
	if (got == 0)
		return MODEL_NOT_FOUND;
	return log_access(db, who, AUDIT_NEWCOMER_STATUS, AUDIT_ON_NEWCOMER, id, newcomer_status_code(s));
}

enum model_rc newcomer_purge(struct store *db, int64_t now, int64_t retention, int64_t *deleted)
{
	*deleted = 0;
	struct region *a = region_new();
	struct store_stmt *st = store_prepare(db, &expired_sql);
	enum model_rc rc = MODEL_ERROR;
	if (st == NULL)
		goto out;
	store_bind_int(st, 1, now - retention);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int src;
	while ((src = store_step(st)) == STORE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			int64_t *more = region_alloc(a, cap * sizeof *more);
			if (n)
				memcpy(more, ids, n * sizeof *ids);
			ids = more;
		}
		ids[n++] = store_col_int(st, 0);
	}
	store_reset(st);
	if (src != STORE_DONE) {
		rc = model_from_store(db, src, "newcomer_expired");
		goto out;
	}
	const struct newcomer_actor system = { 0, "" };
	char detail[64];
	snprintf(detail, sizeof detail, "retention: %lld days", (long long)(retention / 86400));
	rc = MODEL_OK;
	for (size_t i = 0; rc == MODEL_OK && i < n; i++) {
		if ((st = store_prepare(db, &delete_sql)) == NULL) {
			rc = MODEL_ERROR;
			break;
		}
		store_bind_int(st, 1, ids[i]);
		rc = model_exec(db, st, NULL, "newcomer_purge");
		if (rc == MODEL_OK)
			rc = log_access(db, &system, AUDIT_NEWCOMER_DELETED, AUDIT_ON_NEWCOMER, ids[i], detail);
		if (rc == MODEL_OK)
			(*deleted)++;
	}
out:
	region_free(a);
	return rc;
}

struct waiting_row {
	int64_t area_id;
	const char *area_name;
	enum target_group target_group;
	int64_t days;
};

static void waiting_read(struct store_stmt *st, struct region *a, void *item)
{
	struct waiting_row *w = item;
	w->area_id = store_col_int(st, 0);
	w->area_name = model_text(st, a, 1);
	int t = vocab_parse(&vocab_target_groups, store_col_text(st, 2));
	w->target_group = t < 0 ? TARGET_REFUGEE : (enum target_group)t;
	w->days = store_col_int(st, 3); /* waiting_since, until made days below */
}

enum model_rc newcomer_waiting_stats(struct store *db, struct region *a, int64_t programme_id,
				     int64_t now, struct newcomer_waiting **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &waiting_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, programme_id);
	struct waiting_row *rows;
	size_t nrows = 0;
	enum model_rc rc = model_collect(db, st, a, sizeof *rows, waiting_read, (void **)&rows, &nrows,
					 "newcomer_waiting_stats");
	if (rc != MODEL_OK)
		return rc;
	/* Rows come by area and group, longest wait first. */
	struct newcomer_waiting *out = region_calloc(a, nrows + 1, sizeof *out);
	size_t count = 0;
	for (size_t i = 0; i < nrows;) {
		size_t j = i;
		while (j < nrows && rows[j].area_id == rows[i].area_id &&
		       rows[j].target_group == rows[i].target_group)
			j++;
		size_t k = j - i;
		int64_t lo = (now - rows[i + (k - 1) / 2].days) / 86400;
		int64_t hi = (now - rows[i + k / 2].days) / 86400;
		out[count++] = (struct newcomer_waiting){ rows[i].area_id, rows[i].area_name,
							  rows[i].target_group, (int64_t)k,
							  (now - rows[i].days) / 86400, (lo + hi) / 2 };
		i = j;
	}
	*items = out;
	*n = count;
	return MODEL_OK;
}
