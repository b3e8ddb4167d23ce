/*
 * outbox.c: the mail outbox (see outbox.h).
 */
#include "model/outbox.h"

#include "core/buf.h"

#define OUTBOX_KEEP (30 * 24 * 3600)
#define BACKOFF_FIRST 60
#define BACKOFF_MAX (6 * 3600)

#define OUTBOX_COLUMNS                                                                          \
	"id, account_id, recipient, subject, body, created_at, attempts, next_attempt_at, "     \
	"sent_at, last_error, unsubscribe FROM outbox "

static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO outbox (account_id, recipient, subject, body, created_at, next_attempt_at, unsubscribe) "
	"VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
static struct store_sql due_sql = STORE_SQL(
	"SELECT " OUTBOX_COLUMNS "WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?");
static struct store_sql pending_sql =
	STORE_SQL("SELECT " OUTBOX_COLUMNS "WHERE sent_at IS NULL ORDER BY id DESC LIMIT ?");
static struct store_sql all_sql = STORE_SQL("SELECT " OUTBOX_COLUMNS "ORDER BY id DESC LIMIT ?");
static struct store_sql sent_sql =
	STORE_SQL("UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?");
static struct store_sql failed_sql = STORE_SQL(
	"UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?");
static struct store_sql attempts_sql = STORE_SQL("SELECT attempts FROM outbox WHERE id = ?");
static struct store_sql forget_sql = STORE_SQL("DELETE FROM outbox WHERE account_id = ?");
static struct store_sql purge_sql =
	STORE_SQL("DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ?");

static void mail_read(struct store_stmt *st, struct region *a, void *item)
{
	struct outbox_mail *m = item;
	m->id = store_col_int(st, 0);
	m->account_id = store_col_int(st, 1);
	m->recipient = model_text(st, a, 2);
	m->subject = model_text(st, a, 3);
	m->body = model_text(st, a, 4);
	m->created_at = store_col_int(st, 5);
	m->attempts = store_col_int(st, 6);
	m->next_attempt_at = store_col_int(st, 7);
	m->sent_at = store_col_int(st, 8);
	m->last_error = model_text(st, a, 9);
	m->unsubscribe = model_text(st, a, 10);
}

enum model_rc outbox_add(struct store *db, int64_t account_id, const char *recipient,
			 const char *subject, const char *body)
{
	return outbox_add_list(db, account_id, recipient, subject, body, NULL, NULL);
}

enum model_rc outbox_add_list(struct store *db, int64_t account_id, const char *recipient,
			      const char *subject, const char *body, const char *unsubscribe, int64_t *id)
{
	struct store_stmt *st = store_prepare(db, &insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	if (account_id > 0)
		store_bind_int(st, 1, account_id);
	else
		store_bind_null(st, 1);
	store_bind_text(st, 2, recipient);
	store_bind_text(st, 3, subject);
	store_bind_text(st, 4, body);
	store_bind_int(st, 5, now);
	store_bind_int(st, 6, now);
	store_bind_text(st, 7, unsubscribe);
	return model_exec(db, st, id, "outbox_add");
}

enum model_rc outbox_due(struct store *db, struct region *a, int64_t now, int64_t limit,
			 struct outbox_mail **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &due_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, now);
	store_bind_int(st, 2, limit);
	return model_collect(db, st, a, sizeof **items, mail_read, (void **)items, n, "outbox_due");
}

enum model_rc outbox_list(struct store *db, struct region *a, int all, int64_t limit,
			  struct outbox_mail **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, all ? &all_sql : &pending_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, limit);
	return model_collect(db, st, a, sizeof **items, mail_read, (void **)items, n, "outbox_list");
}


enum model_rc outbox_mark_sent(struct store *db, int64_t id, int64_t now)
{
	struct store_stmt *st = store_prepare(db, &sent_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, now);
	store_bind_int(st, 2, id);
	return model_exec(db, st, NULL, "outbox_mark_sent");
}

enum model_rc outbox_mark_failed(struct store *db, int64_t id, const char *error, int64_t now)
{
	struct store_stmt *st = store_prepare(db, &attempts_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	int rc = store_step(st);
	int64_t attempts = rc == STORE_ROW ? store_col_int(st, 0) : 0;
	store_reset(st);
	if (rc != STORE_ROW)
		return rc == STORE_DONE ? MODEL_NOT_FOUND : model_from_store(db, rc, "outbox_attempts");
	int64_t wait = BACKOFF_FIRST;
	for (int64_t i = 0; i < attempts && wait < BACKOFF_MAX; i++)
		wait *= 2;
	if (wait > BACKOFF_MAX)
		wait = BACKOFF_MAX;
	st = store_prepare(db, &failed_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, error);
	store_bind_int(st, 2, now + wait);
	store_bind_int(st, 3, id);
	return model_exec(db, st, NULL, "outbox_mark_failed");
}

enum model_rc outbox_forget_account(struct store *db, int64_t account_id)
{
	struct store_stmt *st = store_prepare(db, &forget_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	return model_exec(db, st, NULL, "outbox_forget_account");
}

enum model_rc outbox_purge(struct store *db, int64_t now)
{
	struct store_stmt *st = store_prepare(db, &purge_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, now - OUTBOX_KEEP);
	return model_exec(db, st, NULL, "outbox_purge");
}

enum model_rc outbox_compose(struct store *db, int64_t account_id, const char *recipient,
			     const char *lang_code, enum msg subject, enum msg body,
			     const char *const *args, int nargs, const char *base_url)
{
	const struct lang *l = lang_code ? i18n_find(lang_code) : NULL;
	if (l == NULL)
		l = i18n_default();
	struct buf subj = BUF_INIT(1000), text = BUF_INIT(64 * 1024);
	msg_format(&subj, l, subject, args, nargs);
	msg_format(&text, l, body, args, nargs);
	buf_puts(&text, "\n\n-- \n");
	msg_format(&text, l, MSG_MAIL_SIGNATURE, &base_url, 1);
	buf_putc(&text, '\n');
	enum model_rc rc = subj.overflow || text.overflow
				   ? MODEL_ERROR
				   : outbox_add(db, account_id, recipient, buf_str(&subj), buf_str(&text));
	buf_free(&subj);
	buf_free(&text);
	return rc;
}
