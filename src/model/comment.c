/*
 * comment.c: comments on proposals and their moderation (see comment.h).
 * thread_id is the id of the comment that starts the thread (its own for
 * that one), so one index gives pages in thread order.
 */
#include "model/comment.h"

#include <stdio.h>
#include <string.h>

#include "model/audit.h"
#include "model/proposal.h"
#include "model/text.h"

static const char *const status_codes[] = {
	[COMMENT_VISIBLE] = "visible", [COMMENT_HIDDEN] = "hidden", [COMMENT_REMOVED] = "removed",
};
_Static_assert(sizeof status_codes / sizeof status_codes[0] == COMMENT_STATUS__MAX, "a code per status");

static const char *const action_codes[] = {
	[MODERATE_HIDE] = "hide", [MODERATE_SHOW] = "show", [MODERATE_KEEP] = "keep",
};
_Static_assert(sizeof action_codes / sizeof action_codes[0] == MODERATE__MAX, "a code per action");

#define COMMENT_COLUMNS                                                                            \
	"SELECT c.id, c.proposal_id, c.thread_id, c.parent_id, c.author_id, a.name, c.body, c.lang, " \
	"c.status, c.hidden_reason, c.hidden_at, c.created_at, (SELECT COUNT(*) FROM "             \
	"proposal_comment_report r WHERE r.comment_id = c.id AND r.handled_at IS NULL), p.title, " \
	"p.arena_id "                                                                              \
	"FROM proposal_comment c JOIN proposal p ON p.id = c.proposal_id "                         \
	"LEFT JOIN account a ON a.id = c.author_id "
static struct store_sql count_sql = STORE_SQL("SELECT COUNT(*) FROM proposal_comment WHERE proposal_id = ?");
/* A page needs neither the proposal's title nor its arena (the page is
 * the proposal's): no join for them, row by row; and the open reports
 * only for moderators. */
#define PAGE_SQL(reports)                                                                          \
	"SELECT c.id, c.proposal_id, c.thread_id, c.parent_id, c.author_id, a.name, c.body, c.lang, " \
	"c.status, c.hidden_reason, c.hidden_at, c.created_at, " reports ", NULL, 0 FROM "          \
	"proposal_comment c LEFT JOIN account a ON a.id = c.author_id WHERE c.proposal_id = ? "     \
	"ORDER BY c.thread_id, c.id LIMIT ? OFFSET ?"
static struct store_sql page_sql = STORE_SQL(PAGE_SQL("0"));
static struct store_sql page_reports_sql = STORE_SQL(PAGE_SQL(
	"(SELECT COUNT(*) FROM proposal_comment_report r WHERE r.comment_id = c.id AND r.handled_at IS NULL)"));
static struct store_sql get_sql = STORE_SQL(COMMENT_COLUMNS "WHERE c.id = ?");
static struct store_sql position_sql = STORE_SQL(
	"SELECT COUNT(*) FROM proposal_comment WHERE proposal_id = ? AND (thread_id < ? OR "
	"(thread_id = ? AND id < ?))");
static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO proposal_comment (proposal_id, thread_id, parent_id, author_id, body, lang, created_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
static struct store_sql own_thread_sql = STORE_SQL("UPDATE proposal_comment SET thread_id = id WHERE id = ?");
static struct store_sql reported_sql = STORE_SQL(
	"SELECT COUNT(*) FROM proposal_comment_report WHERE comment_id = ? AND account_id = ?");
static struct store_sql report_sql = STORE_SQL(
	"INSERT INTO proposal_comment_report (comment_id, account_id, reason, created_at) VALUES (?, ?, ?, ?)");
static struct store_sql hide_sql = STORE_SQL(
	"UPDATE proposal_comment SET status = 'hidden', hidden_reason = ?, hidden_by = ?, hidden_at = ? "
	"WHERE id = ? AND status <> 'removed'");
static struct store_sql show_sql = STORE_SQL(
	"UPDATE proposal_comment SET status = 'visible', hidden_reason = '', hidden_by = NULL, "
	"hidden_at = NULL WHERE id = ? AND status = 'hidden'");
static struct store_sql handled_sql = STORE_SQL(
	"UPDATE proposal_comment_report SET handled_at = ? WHERE comment_id = ? AND handled_at IS NULL");
static struct store_sql moderation_sql = STORE_SQL(
	COMMENT_COLUMNS "WHERE p.arena_id = ? AND (c.status = 'hidden' OR EXISTS (SELECT 1 FROM "
			"proposal_comment_report r WHERE r.comment_id = c.id AND r.handled_at IS NULL)) "
			"ORDER BY 13 DESC, c.id DESC LIMIT ?");
static struct store_sql open_reports_sql = STORE_SQL(
	"SELECT r.comment_id, r.reason, r.created_at FROM proposal_comment_report r JOIN proposal_comment c "
	"ON c.id = r.comment_id JOIN proposal p ON p.id = c.proposal_id WHERE p.arena_id = ? AND "
	"r.handled_at IS NULL ORDER BY r.comment_id, r.created_at");
static struct store_sql remove_sql = STORE_SQL(
	"UPDATE proposal_comment SET body = '', status = 'removed' WHERE author_id = ?");

const char *moderation_action_code(enum moderation_action m)
{
	return action_codes[(unsigned)m < MODERATE__MAX ? m : MODERATE_KEEP];
}

int moderation_action_parse(const char *code)
{
	for (int i = 0; code && i < MODERATE__MAX; i++)
		if (strcmp(code, action_codes[i]) == 0)
			return i;
	return -1;
}

static enum comment_status status_parse(const char *code)
{
	for (int i = 0; code && i < COMMENT_STATUS__MAX; i++)
		if (strcmp(code, status_codes[i]) == 0)
			return (enum comment_status)i;
	return COMMENT_VISIBLE;
}

static int64_t col_id(struct store_stmt *st, int i)
{
	return store_col_null(st, i) ? 0 : store_col_int(st, i);
}

static void comment_read(struct store_stmt *st, struct region *a, void *item)
{
	struct comment *c = item;
	c->id = store_col_int(st, 0);
	c->proposal_id = store_col_int(st, 1);
	c->thread_id = col_id(st, 2);
	c->parent_id = col_id(st, 3);
	c->author_id = col_id(st, 4);
	c->author_name = model_text(st, a, 5);
	c->body = model_text(st, a, 6);
	c->lang = model_text(st, a, 7);
	c->status = status_parse(store_col_text(st, 8));
	c->hidden_reason = model_text(st, a, 9);
	c->hidden_at = col_id(st, 10);
	c->created_at = store_col_int(st, 11);
	c->open_reports = store_col_int(st, 12);
	c->proposal_title = model_text(st, a, 13);
	c->arena_id = store_col_int(st, 14);
}

enum model_rc comment_get(struct store *db, struct region *a, int64_t id, struct comment *out)
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_one(db, st, a, out, comment_read, "comment_get");
}

enum model_rc comment_add(struct store *db, int64_t proposal_id, int64_t parent_id, int64_t author,
			  const char *body, const char *lang, int64_t *id, struct field_errors *errs)
{
	if (!text_check(errs, "body", body, 1, COMMENT_MAX))
		return MODEL_INVALID;
	int64_t thread = 0;
	if (parent_id > 0) {
		struct region *tmp = region_new();
		struct comment parent;
		enum model_rc rc = comment_get(db, tmp, parent_id, &parent);
		region_free(tmp);
		if (rc == MODEL_NOT_FOUND || (rc == MODEL_OK && parent.proposal_id != proposal_id)) {
			field_error_add(errs, "parent", MSG_COMMENT_NO_PARENT);
			return MODEL_INVALID;
		}
		if (rc != MODEL_OK)
			return rc;
		thread = parent.thread_id;
	}
	struct store_stmt *st = store_prepare(db, &insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, proposal_id);
	if (thread > 0) {
		store_bind_int(st, 2, thread);
		store_bind_int(st, 3, parent_id);
	} else {
		store_bind_null(st, 2);
		store_bind_null(st, 3);
	}
	store_bind_int(st, 4, author);
	store_bind_text(st, 5, body);
	store_bind_text(st, 6, lang ? lang : "da");
	store_bind_int(st, 7, model_now());
	enum model_rc rc = model_exec(db, st, id, "comment_add");
	if (rc == MODEL_OK && thread == 0) {
		if ((st = store_prepare(db, &own_thread_sql)) == NULL)
			return MODEL_ERROR;
		store_bind_int(st, 1, *id);
		rc = model_exec(db, st, NULL, "comment_thread");
	}
	return rc == MODEL_OK ? proposal_touch(db, proposal_id) : rc;
}

static int bind_proposal(struct store_stmt *st, const void *filter)
{
	store_bind_int(st, 1, *(const int64_t *)filter);
	return 1;
}

enum model_rc comment_page(struct store *db, struct region *a, int64_t proposal_id, int reports,
			   struct paging *p, struct comment **items, size_t *n)
{
	return model_page(db, &count_sql, reports ? &page_reports_sql : &page_sql, bind_proposal, &proposal_id, p, a, sizeof **items,
			  comment_read, (void **)items, n, "comment_page");
}

enum model_rc comment_position(struct store *db, int64_t proposal_id, int64_t id, int64_t *before)
{
	*before = 0;
	struct region *tmp = region_new();
	struct comment c;
	enum model_rc rc = comment_get(db, tmp, id, &c);
	region_free(tmp);
	if (rc == MODEL_OK && c.proposal_id != proposal_id)
		rc = MODEL_NOT_FOUND;
	if (rc != MODEL_OK)
		return rc;
	struct store_stmt *st = store_prepare(db, &position_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, proposal_id);
	store_bind_int(st, 2, c.thread_id);
	store_bind_int(st, 3, c.thread_id);
	store_bind_int(st, 4, c.id);
	return model_exec(db, st, before, "comment_position");
}

enum model_rc comment_report(struct store *db, int64_t id, int64_t account_id, const char *reason,
			     struct field_errors *errs)
{
	if (!text_check(errs, "reason", reason, 1, COMMENT_REASON_MAX))
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &reported_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	store_bind_int(st, 2, account_id);
	int64_t already = 0;
	enum model_rc rc = model_exec(db, st, &already, "comment_reported");
	if (rc != MODEL_OK)
		return rc;
	if (already)
		return MODEL_CONFLICT;
	if ((st = store_prepare(db, &report_sql)) == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	store_bind_int(st, 2, account_id);
	store_bind_text(st, 3, reason);
	store_bind_int(st, 4, model_now());
	return model_exec(db, st, NULL, "comment_report");
}

enum model_rc comment_moderate(struct store *db, int64_t id, enum moderation_action action,
			       const char *reason, int64_t moderator, const char *client,
			       struct field_errors *errs)
{
	if (action == MODERATE_HIDE && !text_check(errs, "reason", reason, 1, COMMENT_REASON_MAX))
		return MODEL_INVALID;
	struct store_stmt *st;
	enum model_rc rc;
	int64_t now = model_now();
	if (action == MODERATE_HIDE) {
		if ((st = store_prepare(db, &hide_sql)) == NULL)
			return MODEL_ERROR;
		store_bind_text(st, 1, reason);
		store_bind_int(st, 2, moderator);
		store_bind_int(st, 3, now);
		store_bind_int(st, 4, id);
		rc = model_exec(db, st, NULL, "comment_hide");
	} else if (action == MODERATE_SHOW) {
		if ((st = store_prepare(db, &show_sql)) == NULL)
			return MODEL_ERROR;
		store_bind_int(st, 1, id);
		rc = model_exec(db, st, NULL, "comment_show");
	} else {
		rc = MODEL_OK;
	}
	if (rc != MODEL_OK)
		return rc;
	if ((st = store_prepare(db, &handled_sql)) == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, now);
	store_bind_int(st, 2, id);
	if ((rc = model_exec(db, st, NULL, "comment_reports_handled")) != MODEL_OK || action == MODERATE_KEEP)
		return rc;
	struct region *tmp = region_new();
	struct comment c;
	rc = comment_get(db, tmp, id, &c);
	region_free(tmp);
	if (rc == MODEL_OK)
		rc = proposal_touch(db, c.proposal_id);
	if (rc != MODEL_OK)
		return rc;
	const struct audit_event e = { action == MODERATE_HIDE ? AUDIT_COMMENT_HIDDEN : AUDIT_COMMENT_SHOWN,
				       moderator, c.author_id, AUDIT_ON_PROPOSAL, c.proposal_id,
				       action == MODERATE_HIDE ? reason : "", client };
	return audit_record(db, &e);
}

enum model_rc comment_moderation(struct store *db, struct region *a, int64_t arena_id, int64_t limit,
				 struct comment **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &moderation_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, arena_id);
	store_bind_int(st, 2, limit);
	return model_collect(db, st, a, sizeof **items, comment_read, (void **)items, n, "comment_moderation");
}

static void report_read(struct store_stmt *st, struct region *a, void *item)
{
	struct comment_report *r = item;
	r->comment_id = store_col_int(st, 0);
	r->reason = model_text(st, a, 1);
	r->created_at = store_col_int(st, 2);
}

enum model_rc comment_open_reports(struct store *db, struct region *a, int64_t arena_id,
				   struct comment_report **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &open_reports_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, arena_id);
	return model_collect(db, st, a, sizeof **items, report_read, (void **)items, n, "comment_open_reports");
}

enum model_rc comment_forget_author(struct store *db, int64_t author_id, int remove)
{
	if (!remove) /* the author goes by ON DELETE SET NULL; pages show it */
		return proposal_touch_all(db);
	struct store_stmt *st = store_prepare(db, &remove_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, author_id);
	enum model_rc rc = model_exec(db, st, NULL, "comment_forget_author");
	return rc == MODEL_OK ? proposal_touch_all(db) : rc;
}
