/*
 * notify.c: events, notifications and mail choices (see notify.h).
 *
 * An event reaches people by one INSERT ... SELECT per audience (the
 * followers of something, one account, an organisation's people), each
 * joined with the person's mail choice for the kind; UNIQUE (account_id,
 * event_id) with ON CONFLICT DO NOTHING keeps it to one notification per
 * person.
 */
#include "model/notify.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/tz.h"
#include "model/sitekey.h"

#define KEEP_EVENTS (365 * 86400)
#define UNSUBSCRIBE_KEY "unsubscribe"

/* Who hears of an event of a kind, besides a recipient or an
 * organisation named in it. */
#define AUD_ARENA 1u   /* followers of its arena */
#define AUD_AREAS 2u   /* followers of the arena's local areas, and of its own */
#define AUD_SUBJECT 4u /* followers of its subject */

static const struct {
	const char *code;
	enum msg name, line;
	unsigned audience;
} kinds[NOTIFY__MAX] = {
	[NOTIFY_ACTIVITY_NEW] = { "activity_new", MSG_NOTIFY_KIND_ACTIVITY_NEW, MSG_NOTIFY_LINE_ACTIVITY_NEW,
				  AUD_ARENA | AUD_AREAS },
	[NOTIFY_ACTIVITY_CHANGED] = { "activity_changed", MSG_NOTIFY_KIND_ACTIVITY_CHANGED,
				      MSG_NOTIFY_LINE_ACTIVITY_CHANGED, AUD_ARENA | AUD_SUBJECT },
	[NOTIFY_ACTIVITY_CANCELLED] = { "activity_cancelled", MSG_NOTIFY_KIND_ACTIVITY_CANCELLED,
					MSG_NOTIFY_LINE_ACTIVITY_CANCELLED, AUD_ARENA | AUD_SUBJECT },
	[NOTIFY_PHASE] = { "phase", MSG_NOTIFY_KIND_PHASE, MSG_NOTIFY_LINE_PHASE, AUD_ARENA },
	[NOTIFY_STATEMENT_MODERATED] = { "statement_moderated", MSG_NOTIFY_KIND_STATEMENT_MODERATED,
					 MSG_NOTIFY_LINE_STATEMENT_REJECTED, 0 },
	[NOTIFY_REPLY] = { "reply", MSG_NOTIFY_KIND_REPLY, MSG_NOTIFY_LINE_REPLY, 0 },
	[NOTIFY_PROPOSAL_STEP] = { "proposal_step", MSG_NOTIFY_KIND_PROPOSAL_STEP, MSG_NOTIFY_LINE_PROPOSAL_STEP,
				   AUD_ARENA | AUD_SUBJECT },
	[NOTIFY_STORY] = { "story", MSG_NOTIFY_KIND_STORY, MSG_NOTIFY_LINE_STORY, AUD_ARENA | AUD_AREAS },
	[NOTIFY_INVITATION] = { "invitation", MSG_NOTIFY_KIND_INVITATION, MSG_NOTIFY_LINE_INVITATION, 0 },
	[NOTIFY_OFFER_NEW] = { "offer_new", MSG_NOTIFY_KIND_OFFER_NEW, MSG_NOTIFY_LINE_OFFER_NEW, AUD_AREAS },
};
_Static_assert(sizeof kinds / sizeof kinds[0] == NOTIFY__MAX, "a row per kind");

/* Lines of their own for some events of a kind (notify_event's variant):
 * a proposal's steps and the council's decisions, each said in its words. */
static const struct {
	enum notify_kind kind;
	const char *variant;
	enum msg line;
} variants[] = {
	{ NOTIFY_PROPOSAL_STEP, "submitted", MSG_NOTIFY_LINE_PROPOSAL_SUBMITTED },
	{ NOTIFY_PROPOSAL_STEP, "considering", MSG_NOTIFY_LINE_PROPOSAL_CONSIDERING },
	{ NOTIFY_PROPOSAL_STEP, "adopted", MSG_NOTIFY_LINE_PROPOSAL_ADOPTED },
	{ NOTIFY_PROPOSAL_STEP, "amended", MSG_NOTIFY_LINE_PROPOSAL_AMENDED },
	{ NOTIFY_PROPOSAL_STEP, "rejected", MSG_NOTIFY_LINE_PROPOSAL_REJECTED },
	{ NOTIFY_PROPOSAL_STEP, "implementing", MSG_NOTIFY_LINE_PROPOSAL_IMPLEMENTING },
	{ NOTIFY_PROPOSAL_STEP, "milestone", MSG_NOTIFY_LINE_PROPOSAL_MILESTONE },
	{ NOTIFY_PROPOSAL_STEP, "done", MSG_NOTIFY_LINE_PROPOSAL_DONE },
};

static const struct {
	const char *code;
	enum msg name;
} mails[MAIL__MAX] = {
	[MAIL_NONE] = { "none", MSG_NOTIFY_MAIL_NONE },
	[MAIL_NOW] = { "now", MSG_NOTIFY_MAIL_NOW },
	[MAIL_DAILY] = { "daily", MSG_NOTIFY_MAIL_DAILY },
	[MAIL_WEEKLY] = { "weekly", MSG_NOTIFY_MAIL_WEEKLY },
};
_Static_assert(sizeof mails / sizeof mails[0] == MAIL__MAX, "a row per mail choice");

static struct store_sql event_sql = STORE_SQL(
	"INSERT INTO event (kind, variant, arena_id, title, detail, at, link, created_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");

/* Bound: event id, kind, time, the default choice twice, when mail is
 * due now, daily and weekly; the audience's own parameters; the kind
 * again and the actor. */
#define FAN_HEAD                                                                                \
	"INSERT INTO notification (account_id, event_id, kind, created_at, mail, mail_due) "    \
	"SELECT DISTINCT x.account_id, CAST(? AS BIGINT), ?, CAST(? AS BIGINT), COALESCE(p.mail, ?), " \
	"CASE COALESCE(p.mail, ?) "                                                             \
	"WHEN 'now' THEN CAST(? AS BIGINT) WHEN 'daily' THEN CAST(? AS BIGINT) "                 \
	"WHEN 'weekly' THEN CAST(? AS BIGINT) END FROM ("
#define FAN_TAIL                                                                                \
	") x LEFT JOIN notify_pref p ON p.account_id = x.account_id AND p.kind = ? "           \
	"WHERE x.account_id <> ? ON CONFLICT (account_id, event_id) DO NOTHING"

enum audience { FAN_SUBJECT, FAN_AREAS, FAN_ACCOUNT, FAN_ORGANISATION, FAN__MAX };
static struct store_sql fan_sql[FAN__MAX] = {
	/* subject kind, subject id */
	[FAN_SUBJECT] = STORE_SQL(FAN_HEAD "SELECT account_id FROM follow WHERE subject_kind = ? AND "
					   "subject_id = ? AND following = 1" FAN_TAIL),
	/* arena id, an area id of the event's own */
	[FAN_AREAS] = STORE_SQL(FAN_HEAD "SELECT account_id FROM follow WHERE subject_kind = 'area' AND "
					 "following = 1 AND (subject_id IN (SELECT area_id FROM arena_area WHERE "
					 "arena_id = ?) OR subject_id = ?)" FAN_TAIL),
	/* account id */
	[FAN_ACCOUNT] = STORE_SQL(FAN_HEAD "SELECT id AS account_id FROM account WHERE id = ?" FAN_TAIL),
	/* organisation id twice */
	[FAN_ORGANISATION] = STORE_SQL(FAN_HEAD "SELECT account_id FROM membership WHERE organisation_id = ? "
						"UNION SELECT account_id FROM role_grant WHERE role = 'representative' "
						"AND scope_kind = 'organisation' AND scope_id = ?" FAN_TAIL),
};

#define NOTE_COLUMNS                                                                            \
	"SELECT n.id, n.kind, n.mail, COALESCE(e.arena_id, 0), COALESCE(ar.title, ''), e.title, " \
	"e.detail, COALESCE(e.at, 0), e.link, n.created_at, COALESCE(n.read_at, 0), e.variant "       \
	"FROM notification n "                                                                    \
	"JOIN event e ON e.id = n.event_id LEFT JOIN arena ar ON ar.id = e.arena_id "
static struct store_sql unread_sql =
	STORE_SQL("SELECT COUNT(*) FROM notification WHERE account_id = ? AND read_at IS NULL");
static struct store_sql count_sql = STORE_SQL("SELECT COUNT(*) FROM notification WHERE account_id = ?");
static struct store_sql list_sql = STORE_SQL(
	NOTE_COLUMNS "WHERE n.account_id = ? ORDER BY CASE WHEN n.read_at IS NULL THEN 0 ELSE 1 END, n.id DESC "
		     "LIMIT ? OFFSET ?");
static struct store_sql read_one_sql = STORE_SQL(
	"UPDATE notification SET read_at = COALESCE(read_at, ?) WHERE account_id = ? AND id = ? RETURNING id");
static struct store_sql read_all_sql =
	STORE_SQL("UPDATE notification SET read_at = ? WHERE account_id = ? AND read_at IS NULL");

static struct store_sql prefs_sql = STORE_SQL("SELECT kind, mail FROM notify_pref WHERE account_id = ?");
static struct store_sql set_pref_sql = STORE_SQL(
	"INSERT INTO notify_pref (account_id, kind, mail) VALUES (?, ?, ?) "
	"ON CONFLICT (account_id, kind) DO UPDATE SET mail = excluded.mail");
/* Waiting notifications of the kind take the new choice: mail, when due. */
static struct store_sql repend_sql = STORE_SQL(
	"UPDATE notification SET mail = ?, mail_due = CAST(? AS BIGINT) "
	"WHERE account_id = ? AND kind = ? AND mail_due IS NOT NULL");

static struct store_sql due_accounts_sql = STORE_SQL(
	"SELECT account_id FROM notification WHERE mail_due <= ? AND account_id > ? GROUP BY account_id "
	"ORDER BY account_id LIMIT ?");
static struct store_sql due_of_sql = STORE_SQL(
	NOTE_COLUMNS "WHERE n.account_id = ? AND n.mail_due <= ? "
		     "ORDER BY CASE WHEN e.arena_id IS NULL THEN 1 ELSE 0 END, ar.title, e.arena_id, n.id");
static struct store_sql mailed_sql = STORE_SQL(
	"UPDATE notification SET mail_due = NULL, mailed_at = ?, outbox_id = ? WHERE id = ?");
static struct store_sql digest_mailed_sql = STORE_SQL(
	"UPDATE notification SET mail_due = NULL, mailed_at = ?, outbox_id = ? "
	"WHERE account_id = ? AND mail_due <= ? AND mail <> 'now'");
static struct store_sql purge_sql = STORE_SQL("DELETE FROM event WHERE created_at < ?");

const char *notify_kind_code(enum notify_kind k)
{
	return (unsigned)k < NOTIFY__MAX ? kinds[k].code : "?";
}

int notify_kind_parse(const char *code)
{
	for (int i = 0; code && i < NOTIFY__MAX; i++)
		if (strcmp(code, kinds[i].code) == 0)
			return i;
	return -1;
}

enum msg notify_kind_msg(enum notify_kind k)
{
	return (unsigned)k < NOTIFY__MAX ? kinds[k].name : MSG_NOTIFY_KIND_ACTIVITY_NEW;
}

enum msg notify_line(const struct notification *n)
{
	if ((unsigned)n->kind >= NOTIFY__MAX)
		return MSG_NOTIFY_LINE_ACTIVITY_NEW;
	/* A statement accepted has no reason; a rejected one has. */
	if (n->kind == NOTIFY_STATEMENT_MODERATED && (n->detail == NULL || *n->detail == '\0'))
		return MSG_NOTIFY_LINE_STATEMENT_ACCEPTED;
	for (size_t i = 0; n->variant && *n->variant && i < sizeof variants / sizeof variants[0]; i++)
		if (variants[i].kind == n->kind && strcmp(variants[i].variant, n->variant) == 0)
			return variants[i].line;
	return kinds[n->kind].line;
}

const char *notify_mail_code(enum notify_mail m)
{
	return (unsigned)m < MAIL__MAX ? mails[m].code : "?";
}

int notify_mail_parse(const char *code)
{
	for (int i = 0; code && i < MAIL__MAX; i++)
		if (strcmp(code, mails[i].code) == 0)
			return i;
	return -1;
}

enum msg notify_mail_msg(enum notify_mail m)
{
	return (unsigned)m < MAIL__MAX ? mails[m].name : MSG_NOTIFY_MAIL_DAILY;
}

int64_t notify_mail_due(enum notify_mail m, int64_t t)
{
	if (m == MAIL_NOW)
		return t;
	if (m != MAIL_DAILY && m != MAIL_WEEKLY)
		return 0;
	/* Days are counted from noon, which exists on every day and stays on
	 * the right day whatever summer time does. */
	struct tz_local l;
	int64_t noon = t;
	tz_from_utc(t, &l);
	tz_to_utc(l.year, l.month, l.day, 12, 0, &noon);
	for (int k = 0; k <= 8; k++) {
		tz_from_utc(noon + (int64_t)k * 86400, &l);
		int64_t at = 0;
		if (tz_to_utc(l.year, l.month, l.day, NOTIFY_DIGEST_HOUR, 0, &at) != 0 || at <= t)
			continue;
		if (m == MAIL_DAILY || l.weekday == 1)
			return at;
	}
	return t; /* not reached: every week has a Monday */
}

static enum model_rc fan_out(struct store *db, enum audience aud, int64_t event_id, const struct notify_event *e,
			     int64_t now, int64_t a, int64_t b)
{
	struct store_stmt *st = store_prepare(db, &fan_sql[aud]);
	if (st == NULL)
		return MODEL_ERROR;
	int i = 1;
	const char *dflt = mails[NOTIFY_MAIL_DEFAULT].code;
	store_bind_int(st, i++, event_id);
	store_bind_text(st, i++, kinds[e->kind].code);
	store_bind_int(st, i++, now);
	store_bind_text(st, i++, dflt);
	store_bind_text(st, i++, dflt);
	store_bind_int(st, i++, notify_mail_due(MAIL_NOW, now));
	store_bind_int(st, i++, notify_mail_due(MAIL_DAILY, now));
	store_bind_int(st, i++, notify_mail_due(MAIL_WEEKLY, now));
	switch (aud) {
	case FAN_SUBJECT:
		store_bind_text(st, i++, follow_kind_code((enum follow_kind)a));
		store_bind_int(st, i++, b);
		break;
	case FAN_AREAS:
	case FAN_ORGANISATION:
		store_bind_int(st, i++, a);
		store_bind_int(st, i++, b);
		break;
	case FAN_ACCOUNT:
	case FAN__MAX:
		store_bind_int(st, i++, a);
		break;
	}
	store_bind_text(st, i++, kinds[e->kind].code);
	store_bind_int(st, i, e->actor);
	return model_exec(db, st, NULL, "notify_fan_out");
}

enum model_rc notify_event(struct store *db, const struct notify_event *e, int64_t *event_id)
{
	if ((unsigned)e->kind >= NOTIFY__MAX || e->title == NULL || e->link == NULL)
		return MODEL_ERROR;
	struct store_stmt *st = store_prepare(db, &event_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now(), id = 0;
	store_bind_text(st, 1, kinds[e->kind].code);
	store_bind_text(st, 2, e->variant ? e->variant : "");
	if (e->arena_id > 0)
		store_bind_int(st, 3, e->arena_id);
	else
		store_bind_null(st, 3);
	store_bind_text(st, 4, e->title);
	store_bind_text(st, 5, e->detail ? e->detail : "");
	if (e->at)
		store_bind_int(st, 6, e->at);
	else
		store_bind_null(st, 6);
	store_bind_text(st, 7, e->link);
	store_bind_int(st, 8, now);
	enum model_rc rc = model_exec(db, st, &id, "notify_event");
	unsigned aud = kinds[e->kind].audience;
	if (rc == MODEL_OK && (aud & AUD_SUBJECT) && e->subject_id > 0)
		rc = fan_out(db, FAN_SUBJECT, id, e, now, e->subject_kind, e->subject_id);
	if (rc == MODEL_OK && (aud & AUD_ARENA) && e->arena_id > 0)
		rc = fan_out(db, FAN_SUBJECT, id, e, now, FOLLOW_ARENA, e->arena_id);
	if (rc == MODEL_OK && (aud & AUD_AREAS) && (e->arena_id > 0 || e->area_id > 0))
		rc = fan_out(db, FAN_AREAS, id, e, now, e->arena_id, e->area_id);
	if (rc == MODEL_OK && e->recipient > 0)
		rc = fan_out(db, FAN_ACCOUNT, id, e, now, e->recipient, 0);
	if (rc == MODEL_OK && e->organisation_id > 0)
		rc = fan_out(db, FAN_ORGANISATION, id, e, now, e->organisation_id, e->organisation_id);
	if (rc == MODEL_OK && event_id)
		*event_id = id;
	return rc;
}

enum model_rc notify_unread(struct store *db, int64_t account_id, int64_t *n)
{
	*n = 0;
	struct store_stmt *st = store_prepare(db, &unread_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	return model_exec(db, st, n, "notify_unread");
}

static void note_read(struct store_stmt *st, struct region *a, void *item)
{
	struct notification *n = item;
	n->id = store_col_int(st, 0);
	int k = notify_kind_parse(store_col_text(st, 1)), m = notify_mail_parse(store_col_text(st, 2));
	n->kind = k < 0 ? NOTIFY_ACTIVITY_NEW : (enum notify_kind)k;
	n->mail = m < 0 ? MAIL_NONE : (enum notify_mail)m;
	n->arena_id = store_col_int(st, 3);
	n->arena_title = model_text(st, a, 4);
	n->title = model_text(st, a, 5);
	n->detail = model_text(st, a, 6);
	n->at = store_col_int(st, 7);
	n->link = model_text(st, a, 8);
	n->created_at = store_col_int(st, 9);
	n->read_at = store_col_int(st, 10);
	n->variant = model_text(st, a, 11);
}

static int bind_account(struct store_stmt *st, const void *account_id)
{
	store_bind_int(st, 1, *(const int64_t *)account_id);
	return 1;
}

enum model_rc notify_list(struct store *db, struct region *a, int64_t account_id, struct paging *p,
			  struct notification **items, size_t *n)
{
	return model_page(db, &count_sql, &list_sql, bind_account, &account_id, p, a, sizeof **items, note_read,
			  (void **)items, n, "notify_list");
}

enum model_rc notify_mark_read(struct store *db, int64_t account_id, int64_t id)
{
	struct store_stmt *st = store_prepare(db, id > 0 ? &read_one_sql : &read_all_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, model_now());
	store_bind_int(st, 2, account_id);
	if (id <= 0)
		return model_exec(db, st, NULL, "notify_read_all");
	store_bind_int(st, 3, id);
	int64_t found = 0;
	enum model_rc rc = model_exec(db, st, &found, "notify_read");
	return rc == MODEL_OK && found == 0 ? MODEL_NOT_FOUND : rc;
}

enum model_rc notify_prefs(struct store *db, int64_t account_id, enum notify_mail out[NOTIFY__MAX])
{
	for (int k = 0; k < NOTIFY__MAX; k++)
		out[k] = NOTIFY_MAIL_DEFAULT;
	struct store_stmt *st = store_prepare(db, &prefs_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		int k = notify_kind_parse(store_col_text(st, 0)), m = notify_mail_parse(store_col_text(st, 1));
		if (k >= 0 && m >= 0)
			out[k] = (enum notify_mail)m;
	}
	store_reset(st);
	return rc == STORE_DONE ? MODEL_OK : model_from_store(db, rc, "notify_prefs");
}

enum model_rc notify_set_pref(struct store *db, int64_t account_id, int k, enum notify_mail m)
{
	if (k >= NOTIFY__MAX || (unsigned)m >= MAIL__MAX)
		return MODEL_INVALID;
	if (k < 0) {
		enum model_rc rc = MODEL_OK;
		for (int i = 0; rc == MODEL_OK && i < NOTIFY__MAX; i++)
			rc = notify_set_pref(db, account_id, i, m);
		return rc;
	}
	struct store_stmt *st = store_prepare(db, &set_pref_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	store_bind_text(st, 2, kinds[k].code);
	store_bind_text(st, 3, mails[m].code);
	enum model_rc rc = model_exec(db, st, NULL, "notify_set_pref");
	if (rc != MODEL_OK || (st = store_prepare(db, &repend_sql)) == NULL)
		return rc == MODEL_OK ? MODEL_ERROR : rc;
	int64_t due = notify_mail_due(m, model_now());
	store_bind_text(st, 1, mails[m].code);
	if (due)
		store_bind_int(st, 2, due);
	else
		store_bind_null(st, 2);
	store_bind_int(st, 3, account_id);
	store_bind_text(st, 4, kinds[k].code);
	return model_exec(db, st, NULL, "notify_repend");
}

static void id_read(struct store_stmt *st, struct region *a, void *item)
{
	(void)a;
	*(int64_t *)item = store_col_int(st, 0);
}

enum model_rc notify_due_accounts(struct store *db, struct region *a, int64_t now, int64_t after,
				  int64_t limit, int64_t **ids, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &due_accounts_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, now);
	store_bind_int(st, 2, after);
	store_bind_int(st, 3, limit);
	return model_collect(db, st, a, sizeof **ids, id_read, (void **)ids, n, "notify_due_accounts");
}

enum model_rc notify_due_of(struct store *db, struct region *a, int64_t account_id, int64_t now,
			    struct notification **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &due_of_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	store_bind_int(st, 2, now);
	return model_collect(db, st, a, sizeof **items, note_read, (void **)items, n, "notify_due_of");
}

enum model_rc notify_mailed(struct store *db, int64_t id, int64_t outbox_id, int64_t now)
{
	struct store_stmt *st = store_prepare(db, &mailed_sql);
	if (st == NULL)
		return MODEL_ERROR;
	if (outbox_id > 0) {
		store_bind_int(st, 1, now);
		store_bind_int(st, 2, outbox_id);
	} else {
		store_bind_null(st, 1);
		store_bind_null(st, 2);
	}
	store_bind_int(st, 3, id);
	return model_exec(db, st, NULL, "notify_mailed");
}

enum model_rc notify_digest_mailed(struct store *db, int64_t account_id, int64_t outbox_id, int64_t now)
{
	struct store_stmt *st = store_prepare(db, &digest_mailed_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, now);
	store_bind_int(st, 2, outbox_id);
	store_bind_int(st, 3, account_id);
	store_bind_int(st, 4, now);
	return model_exec(db, st, NULL, "notify_digest_mailed");
}

enum model_rc notify_purge(struct store *db, int64_t now)
{
	struct store_stmt *st = store_prepare(db, &purge_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, now - KEEP_EVENTS);
	return model_exec(db, st, NULL, "notify_purge");
}

/* What an unsubscribe link signs; scope is a kind's code or "all". */
static const char *unsubscribe_text(char *buf, size_t n, int64_t account_id, const char *scope)
{
	snprintf(buf, n, "unsubscribe:%lld:%s", (long long)account_id, scope);
	return buf;
}

static int scope_valid(const char *scope)
{
	return scope && (strcmp(scope, "all") == 0 || notify_kind_parse(scope) >= 0);
}

enum model_rc notify_unsubscribe_sign(struct store *db, int64_t account_id, const char *scope,
				      char sig[SECRET_SIGNATURE_LEN + 1])
{
	unsigned char key[SECRET_KEY_BYTES];
	char text[96];
	if (!scope_valid(scope))
		return MODEL_INVALID;
	enum model_rc rc = sitekey_get(db, UNSUBSCRIBE_KEY, 1, key);
	if (rc == MODEL_OK)
		secret_sign(key, unsubscribe_text(text, sizeof text, account_id, scope), sig);
	sodium_memzero(key, sizeof key);
	return rc;
}

enum model_rc notify_unsubscribe_check(struct store *db, int64_t account_id, const char *scope,
				       const char *sig)
{
	unsigned char key[SECRET_KEY_BYTES];
	char text[96];
	if (!scope_valid(scope) || account_id <= 0)
		return MODEL_NOT_FOUND;
	enum model_rc rc = sitekey_get(db, UNSUBSCRIBE_KEY, 0, key);
	if (rc == MODEL_OK && !secret_verify(key, unsubscribe_text(text, sizeof text, account_id, scope), sig))
		rc = MODEL_NOT_FOUND;
	sodium_memzero(key, sizeof key);
	return rc;
}
