/*
 * audit.c: the audit log (see audit.h).
 */
#include "model/audit.h"

static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO audit_log (at, actor_id, action, subject, detail, client) VALUES (?, ?, ?, ?, ?, ?)");
static struct store_sql count_sql = STORE_SQL("SELECT COUNT(*) FROM audit_log");
static struct store_sql list_sql = STORE_SQL(
	"SELECT l.id, l.at, l.actor_id, a.name, l.action, l.subject, l.detail, l.client "
	"FROM audit_log l LEFT JOIN account a ON a.id = l.actor_id ORDER BY l.id DESC LIMIT ? OFFSET ?");

static void entry_read(struct store_stmt *st, struct region *a, void *item)
{
	struct audit_entry *e = item;
	e->id = store_col_int(st, 0);
	e->at = store_col_int(st, 1);
	e->actor_id = store_col_int(st, 2);
	e->actor_name = model_text(st, a, 3);
	e->action = model_text(st, a, 4);
	e->subject = model_text(st, a, 5);
	e->detail = model_text(st, a, 6);
	e->client = model_text(st, a, 7);
}

enum model_rc audit_record(struct store *db, int64_t actor_id, const char *action,
			   const char *subject, const char *detail, const char *client)
{
	struct store_stmt *st = store_prepare(db, &insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, model_now());
	if (actor_id > 0)
		store_bind_int(st, 2, actor_id);
	else
		store_bind_null(st, 2);
	store_bind_text(st, 3, action);
	store_bind_text(st, 4, subject);
	store_bind_text(st, 5, detail ? detail : "");
	store_bind_text(st, 6, client ? client : "");
	return model_exec(db, st, NULL, "audit_record");
}

enum model_rc audit_list(struct store *db, struct region *a, struct paging *p,
			 struct audit_entry **items, size_t *n)
{
	return model_page(db, &count_sql, &list_sql, NULL, NULL, p, a, sizeof **items, entry_read,
			  (void **)items, n, "audit_list");
}
