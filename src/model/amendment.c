/*
 * amendment.c: suggested changes and their decisions (see amendment.h).
 * Deciding takes the proposal's row first (proposal_lock), so two people
 * deciding the same amendment at once do it one after the other, and the
 * second finds it decided.
 */
#include "model/amendment.h"

#include <string.h>

#include "model/proposal.h"
#include "model/text.h"

static const struct {
	const char *code;
	enum msg name;
} statuses[] = {
	[AMENDMENT_PENDING] = { "pending", MSG_AMENDMENT_PENDING },
	[AMENDMENT_ACCEPTED] = { "accepted", MSG_AMENDMENT_ACCEPTED },
	[AMENDMENT_REJECTED] = { "rejected", MSG_AMENDMENT_REJECTED },
};
_Static_assert(sizeof statuses / sizeof statuses[0] == AMENDMENT_STATUS__MAX, "a row per status");

#define AMENDMENT_COLUMNS                                                                          \
	"SELECT m.id, m.proposal_id, m.base, m.title, m.text, m.reason, m.author_id, a.name, "     \
	"m.status, m.decided_by, d.name, m.decided_at, m.decision_reason, m.revision, m.created_at " \
	"FROM proposal_amendment m LEFT JOIN account a ON a.id = m.author_id "                     \
	"LEFT JOIN account d ON d.id = m.decided_by "
static struct store_sql list_sql =
	STORE_SQL(AMENDMENT_COLUMNS "WHERE m.proposal_id = ? ORDER BY m.id DESC");
static struct store_sql get_sql = STORE_SQL(AMENDMENT_COLUMNS "WHERE m.id = ?");
static struct store_sql pending_sql = STORE_SQL(
	"SELECT COUNT(*) FROM proposal_amendment WHERE proposal_id = ? AND status = 'pending'");
static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO proposal_amendment (proposal_id, base, title, text, reason, author_id, created_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
static struct store_sql forget_sql = STORE_SQL(
	"DELETE FROM proposal_amendment WHERE author_id = ? AND status <> 'accepted'");
static struct store_sql decide_sql = STORE_SQL(
	"UPDATE proposal_amendment SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?, "
	"revision = ? WHERE id = ? AND status = 'pending'");

const char *amendment_status_code(enum amendment_status s)
{
	return statuses[(unsigned)s < AMENDMENT_STATUS__MAX ? s : AMENDMENT_PENDING].code;
}

enum msg amendment_status_msg(enum amendment_status s)
{
	return statuses[(unsigned)s < AMENDMENT_STATUS__MAX ? s : AMENDMENT_PENDING].name;
}

static enum amendment_status status_parse(const char *code)
{
	for (int i = 0; code && i < AMENDMENT_STATUS__MAX; i++)
		if (strcmp(code, statuses[i].code) == 0)
			return (enum amendment_status)i;
	return AMENDMENT_PENDING;
}

static int64_t col_id(struct store_stmt *st, int i)
{
	return store_col_null(st, i) ? 0 : store_col_int(st, i);
}

static void amendment_read(struct store_stmt *st, struct region *a, void *item)
{
	struct amendment *m = item;
	m->id = store_col_int(st, 0);
	m->proposal_id = store_col_int(st, 1);
	m->base = store_col_int(st, 2);
	m->title = model_text(st, a, 3);
	m->text = model_text(st, a, 4);
	m->reason = model_text(st, a, 5);
	m->author_id = col_id(st, 6);
	m->author_name = model_text(st, a, 7);
	m->status = status_parse(store_col_text(st, 8));
	m->decided_by = col_id(st, 9);
	m->decided_by_name = model_text(st, a, 10);
	m->decided_at = col_id(st, 11);
	m->decision_reason = model_text(st, a, 12);
	m->revision = col_id(st, 13);
	m->created_at = store_col_int(st, 14);
}

enum model_rc amendment_list(struct store *db, struct region *a, int64_t proposal_id,
			     struct amendment **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &list_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, proposal_id);
	return model_collect(db, st, a, sizeof **items, amendment_read, (void **)items, n, "amendment_list");
}

enum model_rc amendment_get(struct store *db, struct region *a, int64_t id, struct amendment *out)
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_one(db, st, a, out, amendment_read, "amendment_get");
}

enum model_rc amendment_pending(struct store *db, int64_t proposal_id, int64_t *count)
{
	*count = 0;
	struct store_stmt *st = store_prepare(db, &pending_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, proposal_id);
	return model_exec(db, st, count, "amendment_pending");
}

enum model_rc amendment_add(struct store *db, int64_t proposal_id, int64_t base, const char *title,
			    const char *text, const char *reason, int64_t author, int64_t *id,
			    struct field_errors *errs)
{
	text_check(errs, "title", title, 1, PROPOSAL_TITLE_MAX);
	text_check(errs, "text", text, 0, PROPOSAL_TEXT_MAX);
	text_check(errs, "reason", reason, 1, AMENDMENT_REASON_MAX);
	if (errs->n)
		return MODEL_INVALID;
	struct region *tmp = region_new();
	struct proposal p;
	struct revision r;
	int own = 0;
	enum model_rc rc = proposal_get(db, tmp, proposal_id, &p);
	if (rc == MODEL_OK && p.status != PROPOSAL_DRAFTING)
		rc = MODEL_CONFLICT;
	if (rc == MODEL_OK)
		rc = proposal_is_author(db, proposal_id, author, &own);
	if (rc == MODEL_OK && own) {
		field_error_add(errs, "author", MSG_AMENDMENT_OWN);
		rc = MODEL_INVALID;
	}
	if (rc == MODEL_OK && (base < 1 || base > p.head)) {
		field_error_add(errs, "base", MSG_REVISION_BAD_BASE);
		rc = MODEL_INVALID;
	}
	if (rc == MODEL_OK)
		rc = revision_get(db, tmp, proposal_id, base, &r);
	const char *t = revision_title(tmp, title), *body = revision_trim(tmp, text ? text : "");
	if (rc == MODEL_OK && strcmp(t, r.title) == 0 && strcmp(body, r.text) == 0) {
		field_error_add(errs, "text", MSG_AMENDMENT_NO_CHANGE);
		rc = MODEL_INVALID;
	}
	if (rc == MODEL_OK) {
		struct store_stmt *st = store_prepare(db, &insert_sql);
		rc = MODEL_ERROR;
		if (st != NULL) {
			store_bind_int(st, 1, proposal_id);
			store_bind_int(st, 2, base);
			store_bind_text(st, 3, t);
			store_bind_text(st, 4, body);
			store_bind_text(st, 5, revision_trim(tmp, reason));
			store_bind_int(st, 6, author);
			store_bind_int(st, 7, model_now());
			rc = model_exec(db, st, id, "amendment_add");
		}
	}
	if (rc == MODEL_OK)
		rc = proposal_touch(db, proposal_id);
	region_free(tmp);
	return rc;
}

static enum model_rc decide(struct store *db, int64_t id, enum amendment_status status, int64_t decider,
			    const char *reason, int64_t revision)
{
	struct store_stmt *st = store_prepare(db, &decide_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, amendment_status_code(status));
	store_bind_int(st, 2, decider);
	store_bind_int(st, 3, model_now());
	store_bind_text(st, 4, reason);
	if (revision > 0)
		store_bind_int(st, 5, revision);
	else
		store_bind_null(st, 5);
	store_bind_int(st, 6, id);
	enum model_rc rc = model_exec(db, st, NULL, "amendment_decide");
	struct region *tmp = region_new();
	struct amendment m;
	if (rc == MODEL_OK && (rc = amendment_get(db, tmp, id, &m)) == MODEL_OK)
		rc = proposal_touch(db, m.proposal_id);
	region_free(tmp);
	return rc;
}

/* The amendment, read after its proposal's row is taken; MODEL_CONFLICT
 * when it is no longer pending. */
static enum model_rc pending_locked(struct store *db, struct region *a, int64_t id, struct amendment *m)
{
	enum model_rc rc = amendment_get(db, a, id, m);
	struct proposal_locked p;
	if (rc == MODEL_OK)
		rc = proposal_lock(db, a, m->proposal_id, &p);
	if (rc == MODEL_OK)
		rc = amendment_get(db, a, id, m);
	if (rc == MODEL_OK && m->status != AMENDMENT_PENDING)
		rc = MODEL_CONFLICT;
	return rc;
}

enum model_rc amendment_accept(struct store *db, struct region *a, int64_t id, int64_t decider,
			       int64_t resolved_base, const char *resolved_title,
			       const char *resolved_text, struct revision_result *out,
			       struct field_errors *errs)
{
	memset(out, 0, sizeof *out);
	struct amendment m;
	enum model_rc rc = pending_locked(db, a, id, &m);
	if (rc != MODEL_OK)
		return rc;
	int resolved = resolved_text != NULL;
	struct revision_save s = { .proposal_id = m.proposal_id,
				   .base = resolved ? resolved_base : m.base,
				   .title = resolved ? resolved_title : m.title,
				   .text = resolved ? resolved_text : m.text,
				   .note = "",
				   .author = m.author_id,
				   .kind = REVISION_AMENDMENT,
				   .amendment_id = m.id };
	if ((rc = revision_save(db, a, &s, out, errs)) != MODEL_OK)
		return rc;
	return decide(db, m.id, AMENDMENT_ACCEPTED, decider, "", out->number);
}

enum model_rc amendment_reject(struct store *db, int64_t id, int64_t decider, const char *reason,
			       struct field_errors *errs)
{
	if (!text_check(errs, "reason", reason, 1, AMENDMENT_REASON_MAX))
		return MODEL_INVALID;
	struct region *tmp = region_new();
	struct amendment m;
	enum model_rc rc = pending_locked(db, tmp, id, &m);
	if (rc == MODEL_OK)
		rc = decide(db, m.id, AMENDMENT_REJECTED, decider, revision_trim(tmp, reason), 0);
	region_free(tmp);
	return rc;
}

enum model_rc amendment_forget_author(struct store *db, int64_t author_id, int remove)
{
	if (!remove)
		return MODEL_OK;
	struct store_stmt *st = store_prepare(db, &forget_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, author_id);
	enum model_rc rc = model_exec(db, st, NULL, "amendment_forget_author");
	return rc == MODEL_OK ? proposal_touch_all(db) : rc;
}
