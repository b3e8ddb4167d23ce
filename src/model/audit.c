/*
 * audit.c: the audit log (see audit.h).
 */
#include "model/audit.h"

#include <string.h>

static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO audit_log (at, actor_id, action, subject, detail, client) VALUES (?, ?, ?, ?, ?, ?)");
static struct store_sql count_sql = STORE_SQL("SELECT COUNT(*) FROM audit_log");
static struct store_sql list_sql = STORE_SQL(
	"SELECT l.id, l.at, l.actor_id, a.name, l.action, l.subject, l.detail, l.client "
	"FROM audit_log l LEFT JOIN account a ON a.id = l.actor_id ORDER BY l.id DESC LIMIT ? OFFSET ?");

/* Every action the model writes, with its meaning. */
static const struct {
	const char *code;
	enum msg name;
} actions[] = {
	{ "role.grant", MSG_AUDIT_ROLE_GRANT },
	{ "role.revoke", MSG_AUDIT_ROLE_REVOKE },
	{ "account.delete", MSG_AUDIT_ACCOUNT_DELETE },
	{ "signup.read", MSG_AUDIT_SIGNUP_READ },
	{ "newcomer.create", MSG_AUDIT_NEWCOMER_CREATE },
	{ "newcomer.read", MSG_AUDIT_NEWCOMER_READ },
	{ "newcomer.read.summary", MSG_AUDIT_NEWCOMER_READ_SUMMARY },
	{ "newcomer.list", MSG_AUDIT_NEWCOMER_LIST },
	{ "newcomer.update", MSG_AUDIT_NEWCOMER_UPDATE },
	{ "newcomer.status", MSG_AUDIT_NEWCOMER_STATUS },
	{ "newcomer.answer", MSG_AUDIT_NEWCOMER_ANSWER },
	{ "newcomer.delete", MSG_AUDIT_NEWCOMER_DELETE },
	{ "matching.run", MSG_AUDIT_MATCHING_RUN },
	{ "guide.record.checked", MSG_AUDIT_GUIDE_RECORD_CHECKED },
	{ "guide.record.cleared", MSG_AUDIT_GUIDE_RECORD_CLEARED },
};
static const struct {
	const char *word;
	enum msg name;
} kinds[] = {
	{ "newcomer", MSG_AUDIT_KIND_NEWCOMER },
	{ "programme", MSG_AUDIT_KIND_PROGRAMME },
	{ "guide", MSG_AUDIT_KIND_GUIDE },
	{ "account", MSG_AUDIT_KIND_ACCOUNT },
	{ "activity", MSG_AUDIT_KIND_ACTIVITY },
};

enum msg audit_action_msg(const char *action)
{
	for (size_t i = 0; action && i < sizeof actions / sizeof actions[0]; i++)
		if (strcmp(action, actions[i].code) == 0)
			return actions[i].name;
	return MSG__MAX;
}

enum msg audit_kind_msg(const char *subject, size_t *kind_len)
{
	for (size_t i = 0; subject && i < sizeof kinds / sizeof kinds[0]; i++) {
		size_t n = strlen(kinds[i].word);
		if (strncmp(subject, kinds[i].word, n) == 0 && subject[n] == ' ') {
			*kind_len = n;
			return kinds[i].name;
		}
	}
	return MSG__MAX;
}

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
