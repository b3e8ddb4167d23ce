/*
 * offer.c: welcome offers, their answers, messages and reports (see
 * offer.h). Places are kept in welcome_offer.taken by the statements that
 * accept and withdraw answers, each guarded in its WHERE so that two
 * hosts' clicks or an accept racing a withdrawal never take more places
 * than there are (the CHECK in the table is the last word).
 */
#include "model/offer.h"

#include <stdio.h>
#include <string.h>

#include "core/language.h"
#include "core/tz.h"
#include "model/area.h"
#include "model/text.h"

#define CONTACT_TEXT_MAX 200

static const char *const status_codes[ANSWER__MAX] = {
	[ANSWER_WAITING] = "waiting",
	[ANSWER_ACCEPTED] = "accepted",
	[ANSWER_DECLINED] = "declined",
	[ANSWER_WITHDRAWN] = "withdrawn",
};
static const enum msg status_msgs[ANSWER__MAX] = {
	[ANSWER_WAITING] = MSG_ANSWER_WAITING,
	[ANSWER_ACCEPTED] = MSG_ANSWER_ACCEPTED,
	[ANSWER_DECLINED] = MSG_ANSWER_DECLINED,
	[ANSWER_WITHDRAWN] = MSG_ANSWER_WITHDRAWN,
};
static const char *const consent_codes[ANSWER_CONSENT__MAX] = {
	[CONSENT_SELF] = "self",
	[CONSENT_IN_PERSON] = "in_person",
	[CONSENT_PHONE] = "phone",
	[CONSENT_WRITTEN] = "written",
};
static const enum msg consent_msgs[ANSWER_CONSENT__MAX] = {
	[CONSENT_SELF] = MSG_ANSWER_CONSENT_SELF,
	[CONSENT_IN_PERSON] = MSG_ANSWER_CONSENT_IN_PERSON,
	[CONSENT_PHONE] = MSG_ANSWER_CONSENT_PHONE,
	[CONSENT_WRITTEN] = MSG_ANSWER_CONSENT_WRITTEN,
};

const struct vocab vocab_answer_statuses = VOCAB(status_codes, status_msgs);
const struct vocab vocab_answer_consents = VOCAB(consent_codes, consent_msgs);

struct version_table offer_versions = VERSION_TABLE("offer_version", "offer_id", 1);

/* Parameter 1: the language of a version to read titles in (NULL: the
 * originals). */
#define OFFER_SELECT                                                                            \
	"SELECT o.id, o.author_id, acc.name, acc.email, acc.lang, o.organisation_id, org.name, "  \
	"o.area_id, ar.name, COALESCE(v.title, o.title), COALESCE(v.body, o.body), "            \
	"COALESCE(v.lang, o.lang), o.lang, o.starts_on, o.ends_on, o.at_time, o.languages, "    \
	"o.places, o.taken, o.status, o.hidden_at, o.hidden_reason, o.created_at, "             \
	"o.updated_at, (SELECT COUNT(*) FROM offer_report r WHERE r.offer_id = o.id AND "      \
	"r.handled_at IS NULL) "                                                                \
	"FROM welcome_offer o JOIN account acc ON acc.id = o.author_id "                         \
	"LEFT JOIN organisation org ON org.id = o.organisation_id JOIN area ar ON ar.id = o.area_id "
#define OFFER_VERSION "LEFT JOIN offer_version v ON v.offer_id = o.id AND v.lang = ? "
/* Parameters 2..6: today, area (twice), language (code, pattern). */
#define OPEN_FILTER                                                                             \
	"WHERE o.status = 'open' AND o.hidden_at IS NULL AND o.ends_on >= ? "                   \
	"AND (CAST(? AS BIGINT) = 0 OR o.area_id = ?) "                                          \
	"AND (CAST(? AS TEXT) IS NULL OR (' ' || o.languages || ' ') LIKE ?) "

static struct store_sql list_sql = STORE_SQL(
	OFFER_SELECT OFFER_VERSION OPEN_FILTER "ORDER BY o.starts_on, o.id LIMIT ? OFFSET ?");
static struct store_sql count_sql = STORE_SQL(
	"SELECT COUNT(*) FROM welcome_offer o " OFFER_VERSION OPEN_FILTER);
static struct store_sql author_sql = STORE_SQL(
	OFFER_SELECT OFFER_VERSION "WHERE o.author_id = ? ORDER BY o.created_at DESC, o.id DESC");
static struct store_sql moderation_sql = STORE_SQL(
	OFFER_SELECT OFFER_VERSION "WHERE o.hidden_at IS NOT NULL OR EXISTS (SELECT 1 FROM "
	"offer_report r WHERE r.offer_id = o.id AND r.handled_at IS NULL) "
	"ORDER BY o.updated_at DESC, o.id DESC LIMIT 200");
static struct store_sql get_sql = STORE_SQL(OFFER_SELECT OFFER_VERSION "WHERE o.id = ?");
static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO welcome_offer (author_id, organisation_id, area_id, title, body, lang, "
	"starts_on, ends_on, at_time, languages, places, created_at, updated_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
static struct store_sql update_sql = STORE_SQL(
	"UPDATE welcome_offer SET organisation_id = ?, area_id = ?, title = ?, body = ?, lang = ?, "
	"starts_on = ?, ends_on = ?, at_time = ?, languages = ?, places = ?, updated_at = ? "
	"WHERE id = ? AND taken <= ? RETURNING id");
static struct store_sql closed_sql =
	STORE_SQL("UPDATE welcome_offer SET status = ?, updated_at = ? WHERE id = ?");
static struct store_sql hide_sql = STORE_SQL(
	"UPDATE welcome_offer SET hidden_at = ?, hidden_by = ?, hidden_reason = ?, updated_at = ? "
	"WHERE id = ?");
static struct store_sql unhide_sql = STORE_SQL(
	"UPDATE welcome_offer SET hidden_at = NULL, hidden_by = NULL, hidden_reason = '', "
	"updated_at = ? WHERE id = ?");
static struct store_sql report_sql = STORE_SQL(
	"INSERT INTO offer_report (offer_id, account_id, reason, created_at) VALUES (?, ?, ?, ?)");
static struct store_sql reports_sql = STORE_SQL(
	"SELECT r.id, r.offer_id, r.account_id, a.name, r.reason, r.created_at FROM offer_report r "
	"LEFT JOIN account a ON a.id = r.account_id WHERE r.offer_id = ? AND r.handled_at IS NULL "
	"ORDER BY r.id");
static struct store_sql handled_sql = STORE_SQL(
	"UPDATE offer_report SET handled_at = ?, handled_by = ? WHERE offer_id = ? AND "
	"handled_at IS NULL");

#define ANSWER_SELECT                                                                           \
	"SELECT n.id, n.offer_id, o.title, o.lang, o.author_id, h.name, h.email, h.lang, "      \
	"n.account_id, p.name, p.email, p.lang, n.for_name, n.consent_how, n.consent_at, "       \
	"n.people, n.status, n.answer_contact, n.host_contact, n.decided_at, n.created_at, "    \
	"n.updated_at FROM offer_answer n JOIN welcome_offer o ON o.id = n.offer_id "           \
	"JOIN account h ON h.id = o.author_id JOIN account p ON p.id = n.account_id "

static struct store_sql answer_get_sql = STORE_SQL(ANSWER_SELECT "WHERE n.id = ?");
static struct store_sql answers_offer_sql =
	STORE_SQL(ANSWER_SELECT "WHERE n.offer_id = ? ORDER BY n.id");
static struct store_sql answers_account_sql =
	STORE_SQL(ANSWER_SELECT "WHERE n.account_id = ? ORDER BY n.id DESC");
static struct store_sql answered_sql = STORE_SQL(
	"SELECT id FROM offer_answer WHERE offer_id = ? AND account_id = ? AND for_name = ?");
static struct store_sql answer_insert_sql = STORE_SQL(
	"INSERT INTO offer_answer (offer_id, account_id, for_name, consent_how, consent_at, people, "
	"answer_contact, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
static struct store_sql take_sql = STORE_SQL(
	"UPDATE welcome_offer SET taken = taken + ? WHERE id = ? AND taken + ? <= places RETURNING taken");
static struct store_sql free_sql = STORE_SQL(
	"UPDATE welcome_offer SET taken = taken - ? WHERE id = ? AND taken >= ? RETURNING taken");
static struct store_sql accept_sql = STORE_SQL(
	"UPDATE offer_answer SET status = 'accepted', host_contact = ?, decided_at = ?, "
	"updated_at = ? WHERE id = ? AND status = 'waiting' RETURNING id");
static struct store_sql decline_sql = STORE_SQL(
	"UPDATE offer_answer SET status = 'declined', decided_at = ?, updated_at = ? "
	"WHERE id = ? AND status = 'waiting' RETURNING id");
static struct store_sql withdraw_sql = STORE_SQL(
	"UPDATE offer_answer SET status = 'withdrawn', updated_at = ? WHERE id = ? AND status = ? "
	"RETURNING id");
static struct store_sql message_insert_sql = STORE_SQL(
	"INSERT INTO offer_message (answer_id, author_id, body, created_at) VALUES (?, ?, ?, ?)");
static struct store_sql messages_sql = STORE_SQL(
	"SELECT m.id, m.answer_id, m.author_id, a.name, m.body, m.created_at FROM offer_message m "
	"LEFT JOIN account a ON a.id = m.author_id WHERE m.answer_id = ? ORDER BY m.id");
static struct store_sql free_all_sql = STORE_SQL(
	"UPDATE welcome_offer SET taken = taken - (SELECT COALESCE(SUM(n.people), 0) FROM offer_answer n "
	"WHERE n.offer_id = welcome_offer.id AND n.account_id = ? AND n.status = 'accepted') "
	"WHERE id IN (SELECT offer_id FROM offer_answer WHERE account_id = ? AND status = 'accepted')");
static struct store_sql forget_messages_sql = STORE_SQL("DELETE FROM offer_message WHERE author_id = ?");
static struct store_sql touch_sql =
	STORE_SQL("UPDATE offer_answer SET updated_at = ? WHERE id = ?");

void offer_today(char out[11])
{
	struct tz_local l;
	tz_from_utc(model_now(), &l);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)l.year % 10000u, (unsigned)l.month % 100u,
		 (unsigned)l.day % 100u);
}

static void offer_read(struct store_stmt *st, struct region *a, void *item)
{
	struct offer *o = item;
	char today[11];
	offer_today(today);
	memset(o, 0, sizeof *o);
	o->id = store_col_int(st, 0);
	o->author_id = store_col_int(st, 1);
	o->author_name = model_text(st, a, 2);
	o->author_email = model_text(st, a, 3);
	o->author_lang = model_text(st, a, 4);
	o->organisation_id = store_col_int(st, 5);
	o->organisation_name = model_text(st, a, 6);
	o->area_id = store_col_int(st, 7);
	o->area_name = model_text(st, a, 8);
	o->title = model_text(st, a, 9);
	o->body = model_text(st, a, 10);
	o->lang = model_text(st, a, 11);
	o->original_lang = model_text(st, a, 12);
	o->starts_on = model_text(st, a, 13);
	o->ends_on = model_text(st, a, 14);
	o->at_time = model_text(st, a, 15);
	o->languages = model_text(st, a, 16);
	o->places = (int)store_col_int(st, 17);
	o->taken = (int)store_col_int(st, 18);
	const char *status = store_col_text(st, 19);
	o->closed = status && strcmp(status, "closed") == 0;
	o->hidden_at = store_col_int(st, 20);
	o->hidden_reason = model_text(st, a, 21);
	o->created_at = store_col_int(st, 22);
	o->updated_at = store_col_int(st, 23);
	o->open_reports = store_col_int(st, 24);
	o->expired = strcmp(o->ends_on, today) < 0;
	o->langs = "";
}

struct list_filter {
	const struct offer_filter *f;
	char today[11], pattern[16];
};

static int bind_open(struct store_stmt *st, const void *filter)
{
	const struct list_filter *l = filter;
	const char *language = l->f->language && language_find(l->f->language) ? l->f->language : NULL;
	store_bind_text(st, 1, l->f->lang);
	store_bind_text(st, 2, l->today);
	store_bind_int(st, 3, l->f->area_id);
	store_bind_int(st, 4, l->f->area_id);
	store_bind_text(st, 5, language);
	store_bind_text(st, 6, language ? l->pattern : NULL);
	return 6;
}

enum model_rc offer_list(struct store *db, struct region *a, const struct offer_filter *f,
			 struct paging *p, struct offer **items, size_t *n)
{
	struct list_filter l = { .f = f };
	offer_today(l.today);
	snprintf(l.pattern, sizeof l.pattern, "%% %s %%", f->language ? f->language : "");
	return model_page(db, &count_sql, &list_sql, bind_open, &l, p, a, sizeof **items, offer_read,
			  (void **)items, n, "offer_list");
}

enum model_rc offer_list_author(struct store *db, struct region *a, int64_t author_id,
				struct offer **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &author_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, NULL);
	store_bind_int(st, 2, author_id);
	return model_collect(db, st, a, sizeof **items, offer_read, (void **)items, n, "offer_list_author");
}

enum model_rc offer_list_moderation(struct store *db, struct region *a, struct offer **items,
				    size_t *n)
{
	struct store_stmt *st = store_prepare(db, &moderation_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, NULL);
	return model_collect(db, st, a, sizeof **items, offer_read, (void **)items, n,
			     "offer_list_moderation");
}

enum model_rc offer_get(struct store *db, struct region *a, int64_t id, struct offer *out)
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, NULL);
	store_bind_int(st, 2, id);
	return model_one(db, st, a, out, offer_read, "offer_get");
}

/* Checks the period: real dates, in order, not over, not too long. */
static void check_period(const struct offer *in, struct field_errors *errs)
{
	int64_t from, to;
	char today[11];
	int64_t now_days;
	offer_today(today);
	if (tz_parse_date(today, &now_days) != 0)
		now_days = 0;
	int ok_from = in->starts_on && tz_parse_date(in->starts_on, &from) == 0;
	int ok_to = in->ends_on && tz_parse_date(in->ends_on, &to) == 0;
	if (!ok_from)
		field_error_add(errs, "starts_on", MSG_FORM_BAD_DATE);
	if (!ok_to)
		field_error_add(errs, "ends_on", MSG_FORM_BAD_DATE);
	else if (ok_from && to < from)
		field_error_add(errs, "ends_on", MSG_FORM_DATES_ORDER);
	else if (to < now_days)
		field_error_add(errs, "ends_on", MSG_FORM_OFFER_OVER);
	else if (ok_from && to - from > OFFER_DAYS_MAX)
		field_error_add(errs, "ends_on", MSG_FORM_OFFER_TOO_LONG);
}

enum model_rc offer_save(struct store *db, const struct offer *in, int64_t *id,
			 struct field_errors *errs)
{
	char langs[LANGUAGE_SET_MAX];
	const char *bad;
	size_t badlen;
	int minutes;
	text_check(errs, "title", in->title, 1, TEXT_NAME_MAX);
	text_check(errs, "body", in->body, 1, TEXT_BODY_MAX);
	if (language_find(in->lang) == NULL)
		field_error_add(errs, "lang", MSG_FORM_CHOOSE_ONE);
	if (in->area_id <= 0)
		field_error_add(errs, "area", MSG_FORM_CHOOSE_ONE);
	check_period(in, errs);
	if (in->at_time && *in->at_time &&
	    (tz_parse_clock(in->at_time, strlen(in->at_time), &minutes) != 0 || minutes >= 1440))
		field_error_add(errs, "at_time", MSG_FORM_BAD_CLOCK);
	if (language_set_parse(in->languages, langs, sizeof langs, &bad, &badlen) != 0)
		field_error_add(errs, "languages", MSG_FORM_BAD_LANGUAGES);
	else if (*langs == '\0')
		field_error_add(errs, "languages", MSG_FORM_REQUIRED);
	if (in->places < 1 || in->places > OFFER_PLACES_MAX)
		field_error_add(errs, "places", MSG_FORM_BAD_PLACES);
	if (errs->n)
		return MODEL_INVALID;
	struct region *tmp = region_new();
	struct term area;
	enum model_rc rc = area_get(db, tmp, in->area_id, &area);
	if (rc == MODEL_NOT_FOUND)
		field_error_add(errs, "area", MSG_FORM_CHOOSE_ONE);
	if (rc == MODEL_OK && in->id) {
		struct version v;
		rc = version_get(db, &offer_versions, tmp, in->id, in->lang, &v);
		if (rc == MODEL_OK)
			field_error_add(errs, "lang", MSG_FORM_LANG_HAS_VERSION);
		if (rc == MODEL_NOT_FOUND || rc == MODEL_OK)
			rc = MODEL_OK;
	}
	region_free(tmp);
	if (rc != MODEL_OK)
		return rc == MODEL_NOT_FOUND ? MODEL_INVALID : rc;
	if (errs->n)
		return MODEL_INVALID;

	char at[8] = "";
	if (in->at_time && *in->at_time)
		snprintf(at, sizeof at, "%02d:%02d", minutes / 60 % 100, minutes % 60);
	int64_t now = model_now();
	struct store_stmt *st = store_prepare(db, in->id ? &update_sql : &insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int i = 1;
	if (!in->id)
		store_bind_int(st, i++, in->author_id);
	if (in->organisation_id > 0)
		store_bind_int(st, i++, in->organisation_id);
	else
		store_bind_null(st, i++);
	store_bind_int(st, i++, in->area_id);
	store_bind_text(st, i++, in->title);
	store_bind_text(st, i++, in->body);
	store_bind_text(st, i++, in->lang);
	store_bind_text(st, i++, in->starts_on);
	store_bind_text(st, i++, in->ends_on);
	store_bind_text(st, i++, at);
	store_bind_text(st, i++, langs);
	store_bind_int(st, i++, in->places);
	if (!in->id) {
		store_bind_int(st, i++, now);
		store_bind_int(st, i, now);
		return model_exec(db, st, id, "offer_create");
	}
	store_bind_int(st, i++, now);
	store_bind_int(st, i++, in->id);
	store_bind_int(st, i, in->places);
	int64_t done = -1;
	if ((rc = model_exec(db, st, &done, "offer_update")) != MODEL_OK)
		return rc;
	if (done < 0) {
		/* More people accepted than the new number of places. */
		field_error_add(errs, "places", MSG_FORM_PLACES_BELOW_TAKEN);
		return MODEL_INVALID;
	}
	*id = in->id;
	return MODEL_OK;
}

enum model_rc offer_set_closed(struct store *db, int64_t id, int closed)
{
	struct store_stmt *st = store_prepare(db, &closed_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, closed ? "closed" : "open");
	store_bind_int(st, 2, model_now());
	store_bind_int(st, 3, id);
	return model_exec(db, st, NULL, "offer_set_closed");
}

enum model_rc offer_hide(struct store *db, int64_t id, int64_t moderator_id, const char *reason,
			 struct field_errors *errs)
{
	if (!text_check(errs, "reason", reason, 1, REASON_MAX))
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &hide_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	store_bind_int(st, 1, now);
	store_bind_int(st, 2, moderator_id);
	store_bind_text(st, 3, reason);
	store_bind_int(st, 4, now);
	store_bind_int(st, 5, id);
	enum model_rc rc = model_exec(db, st, NULL, "offer_hide");
	return rc == MODEL_OK ? offer_reports_handled(db, id, moderator_id) : rc;
}

enum model_rc offer_unhide(struct store *db, int64_t id)
{
	struct store_stmt *st = store_prepare(db, &unhide_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, model_now());
	store_bind_int(st, 2, id);
	return model_exec(db, st, NULL, "offer_unhide");
}

enum model_rc offer_report(struct store *db, int64_t id, int64_t account_id, const char *reason,
			   struct field_errors *errs)
{
	if (!text_check(errs, "reason", reason, 1, REASON_MAX))
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &report_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	if (account_id > 0)
		store_bind_int(st, 2, account_id);
	else
		store_bind_null(st, 2);
	store_bind_text(st, 3, reason);
	store_bind_int(st, 4, model_now());
	return model_exec(db, st, NULL, "offer_report");
}

static void report_read(struct store_stmt *st, struct region *a, void *item)
{
	struct offer_report *r = item;
	r->id = store_col_int(st, 0);
	r->offer_id = store_col_int(st, 1);
	r->account_id = store_col_int(st, 2);
	r->account_name = model_text(st, a, 3);
	r->reason = model_text(st, a, 4);
	r->created_at = store_col_int(st, 5);
}

enum model_rc offer_reports(struct store *db, struct region *a, int64_t id,
			    struct offer_report **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &reports_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_collect(db, st, a, sizeof **items, report_read, (void **)items, n, "offer_reports");
}

enum model_rc offer_reports_handled(struct store *db, int64_t id, int64_t moderator_id)
{
	struct store_stmt *st = store_prepare(db, &handled_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, model_now());
	store_bind_int(st, 2, moderator_id);
	store_bind_int(st, 3, id);
	return model_exec(db, st, NULL, "offer_reports_handled");
}

static void answer_read(struct store_stmt *st, struct region *a, void *item)
{
	struct answer *n = item;
	n->id = store_col_int(st, 0);
	n->offer_id = store_col_int(st, 1);
	n->offer_title = model_text(st, a, 2);
	n->offer_lang = model_text(st, a, 3);
	n->host_id = store_col_int(st, 4);
	n->host_name = model_text(st, a, 5);
	n->host_email = model_text(st, a, 6);
	n->host_lang = model_text(st, a, 7);
	n->account_id = store_col_int(st, 8);
	n->account_name = model_text(st, a, 9);
	n->account_email = model_text(st, a, 10);
	n->account_lang = model_text(st, a, 11);
	n->for_name = model_text(st, a, 12);
	int c = vocab_parse(&vocab_answer_consents, store_col_text(st, 13));
	n->consent = c < 0 ? CONSENT_SELF : (enum answer_consent)c;
	n->consent_at = store_col_int(st, 14);
	n->people = (int)store_col_int(st, 15);
	int s = vocab_parse(&vocab_answer_statuses, store_col_text(st, 16));
	n->status = s < 0 ? ANSWER_WAITING : (enum answer_status)s;
	n->answer_contact = model_text(st, a, 17);
	n->host_contact = model_text(st, a, 18);
	n->decided_at = store_col_int(st, 19);
	n->created_at = store_col_int(st, 20);
	n->updated_at = store_col_int(st, 21);
}

static void read_id(struct store_stmt *st, struct region *a, void *item)
{
	(void)a;
	*(int64_t *)item = store_col_int(st, 0);
}

enum model_rc offer_answer_create(struct store *db, int64_t offer_id, int64_t account_id,
				  const char *for_name, enum answer_consent consent, int people,
				  const char *contact, const char *message, int64_t *id,
				  struct field_errors *errs)
{
	int for_other = for_name && !text_blank(for_name);
	if (for_other)
		text_check(errs, "for_name", for_name, 1, TEXT_NAME_MAX);
	if ((unsigned)consent >= ANSWER_CONSENT__MAX || (for_other == (consent == CONSENT_SELF)))
		field_error_add(errs, "consent", MSG_FORM_CHOOSE_ONE);
	if (people < 1 || people > ANSWER_PEOPLE_MAX)
		field_error_add(errs, "people", MSG_FORM_BAD_PEOPLE);
	text_check(errs, "contact", contact, 0, CONTACT_TEXT_MAX);
	text_check(errs, "message", message, 0, MESSAGE_MAX);
	if (errs->n)
		return MODEL_INVALID;
	struct region *tmp = region_new();
	struct offer o;
	enum model_rc rc = offer_get(db, tmp, offer_id, &o);
	int open = rc == MODEL_OK && !o.closed && !o.expired && o.hidden_at == 0 &&
		   o.author_id != account_id;
	region_free(tmp);
	if (rc != MODEL_OK)
		return rc;
	if (!open)
		return MODEL_CONFLICT;
	struct store_stmt *st = store_prepare(db, &answered_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, offer_id);
	store_bind_int(st, 2, account_id);
	store_bind_text(st, 3, for_other ? for_name : "");
	int64_t before = 0;
	rc = model_one(db, st, NULL, &before, read_id, "offer_answered");
	if (rc == MODEL_OK)
		return MODEL_CONFLICT;
	if (rc != MODEL_NOT_FOUND)
		return rc;
	if ((st = store_prepare(db, &answer_insert_sql)) == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	store_bind_int(st, 1, offer_id);
	store_bind_int(st, 2, account_id);
	store_bind_text(st, 3, for_other ? for_name : "");
	store_bind_text(st, 4, vocab_code(&vocab_answer_consents, consent));
	store_bind_int(st, 5, now);
	store_bind_int(st, 6, people);
	store_bind_text(st, 7, contact ? contact : "");
	store_bind_int(st, 8, now);
	store_bind_int(st, 9, now);
	if ((rc = model_exec(db, st, id, "offer_answer_create")) != MODEL_OK)
		return rc;
	if (text_blank(message))
		return MODEL_OK;
	return offer_message_add(db, *id, account_id, message, errs);
}

enum model_rc offer_answer_get(struct store *db, struct region *a, int64_t id, struct answer *out)
{
	struct store_stmt *st = store_prepare(db, &answer_get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_one(db, st, a, out, answer_read, "offer_answer_get");
}

enum model_rc offer_answers_of_offer(struct store *db, struct region *a, int64_t offer_id,
				     struct answer **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &answers_offer_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, offer_id);
	return model_collect(db, st, a, sizeof **items, answer_read, (void **)items, n,
			     "offer_answers_of_offer");
}

enum model_rc offer_answers_of_account(struct store *db, struct region *a, int64_t account_id,
				       struct answer **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &answers_account_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	return model_collect(db, st, a, sizeof **items, answer_read, (void **)items, n,
			     "offer_answers_of_account");
}

/* Runs a guarded UPDATE ... RETURNING: MODEL_CONFLICT when its WHERE
 * matched no row. */
static enum model_rc guarded(struct store *db, struct store_stmt *st, const char *what)
{
	int64_t row = -1;
	enum model_rc rc = model_exec(db, st, &row, what);
	return rc == MODEL_OK && row < 0 ? MODEL_CONFLICT : rc;
}

enum model_rc offer_answer_accept(struct store *db, int64_t id, const char *contact,
				  struct field_errors *errs)
{
	if (!text_check(errs, "contact", contact, 0, CONTACT_TEXT_MAX))
		return MODEL_INVALID;
	struct region *tmp = region_new();
	struct answer n;
	enum model_rc rc = offer_answer_get(db, tmp, id, &n);
	region_free(tmp);
	if (rc != MODEL_OK)
		return rc;
	if (n.status != ANSWER_WAITING)
		return MODEL_CONFLICT;
	struct store_stmt *st = store_prepare(db, &take_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, n.people);
	store_bind_int(st, 2, n.offer_id);
	store_bind_int(st, 3, n.people);
	if ((rc = guarded(db, st, "offer_take")) != MODEL_OK) {
		if (rc == MODEL_CONFLICT)
			field_error_add(errs, "people", MSG_FORM_NO_PLACES_LEFT);
		return rc;
	}
	if ((st = store_prepare(db, &accept_sql)) == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	store_bind_text(st, 1, contact ? contact : "");
	store_bind_int(st, 2, now);
	store_bind_int(st, 3, now);
	store_bind_int(st, 4, id);
	return guarded(db, st, "offer_answer_accept");
}

enum model_rc offer_answer_decline(struct store *db, int64_t id)
{
	struct store_stmt *st = store_prepare(db, &decline_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	store_bind_int(st, 1, now);
	store_bind_int(st, 2, now);
	store_bind_int(st, 3, id);
	return guarded(db, st, "offer_answer_decline");
}

enum model_rc offer_answer_withdraw(struct store *db, int64_t id)
{
	struct region *tmp = region_new();
	struct answer n;
	enum model_rc rc = offer_answer_get(db, tmp, id, &n);
	region_free(tmp);
	if (rc != MODEL_OK)
		return rc;
	if (n.status != ANSWER_WAITING && n.status != ANSWER_ACCEPTED)
		return MODEL_CONFLICT;
	struct store_stmt *st;
	if (n.status == ANSWER_ACCEPTED) {
		if ((st = store_prepare(db, &free_sql)) == NULL)
			return MODEL_ERROR;
		store_bind_int(st, 1, n.people);
		store_bind_int(st, 2, n.offer_id);
		store_bind_int(st, 3, n.people);
		if ((rc = guarded(db, st, "offer_free")) != MODEL_OK)
			return rc;
	}
	if ((st = store_prepare(db, &withdraw_sql)) == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, model_now());
	store_bind_int(st, 2, id);
	store_bind_text(st, 3, vocab_code(&vocab_answer_statuses, n.status));
	return guarded(db, st, "offer_answer_withdraw");
}

enum model_rc offer_message_add(struct store *db, int64_t answer_id, int64_t author_id,
				const char *body, struct field_errors *errs)
{
	if (!text_check(errs, "message", body, 1, MESSAGE_MAX))
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &message_insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	store_bind_int(st, 1, answer_id);
	store_bind_int(st, 2, author_id);
	store_bind_text(st, 3, body);
	store_bind_int(st, 4, now);
	enum model_rc rc = model_exec(db, st, NULL, "offer_message_add");
	if (rc != MODEL_OK)
		return rc;
	if ((st = store_prepare(db, &touch_sql)) == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, now);
	store_bind_int(st, 2, answer_id);
	return model_exec(db, st, NULL, "offer_answer_touch");
}

static void message_read(struct store_stmt *st, struct region *a, void *item)
{
	struct offer_message *m = item;
	m->id = store_col_int(st, 0);
	m->answer_id = store_col_int(st, 1);
	m->author_id = store_col_int(st, 2);
	m->author_name = model_text(st, a, 3);
	m->body = model_text(st, a, 4);
	m->created_at = store_col_int(st, 5);
}

enum model_rc offer_messages(struct store *db, struct region *a, int64_t answer_id,
			     struct offer_message **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &messages_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, answer_id);
	return model_collect(db, st, a, sizeof **items, message_read, (void **)items, n, "offer_messages");
}

enum model_rc offer_forget_account(struct store *db, int64_t account_id, int remove)
{
	struct store_stmt *st = store_prepare(db, &free_all_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	store_bind_int(st, 2, account_id);
	enum model_rc rc = model_exec(db, st, NULL, "offer_forget_places");
	if (rc != MODEL_OK || !remove)
		return rc;
	if ((st = store_prepare(db, &forget_messages_sql)) == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	return model_exec(db, st, NULL, "offer_forget_messages");
}
