/*
 * audit.c: the audit log (see audit.h).
 */
#include "model/audit.h"

#include <stdio.h>
#include <string.h>

static const char *const kind_codes[] = {
	[AUDIT_ROLE_GRANTED] = "role.grant",
	[AUDIT_ROLE_REVOKED] = "role.revoke",
	[AUDIT_ACCOUNT_DELETED] = "account.delete",
	[AUDIT_MY_DATA_READ] = "mydata.read",
	[AUDIT_ATTENDEES_READ] = "signup.read",
	[AUDIT_ATTENDEES_EXPORTED] = "attendees.export",
	[AUDIT_SIGNUP_ADDED] = "signup.add",
	[AUDIT_SIGNUP_CANCELLED] = "signup.cancel",
	[AUDIT_COMMENT_HIDDEN] = "comment.hide",
	[AUDIT_COMMENT_SHOWN] = "comment.show",
	[AUDIT_NEWCOMER_CREATED] = "newcomer.create",
	[AUDIT_NEWCOMER_READ] = "newcomer.read",
	[AUDIT_NEWCOMER_SUMMARY_READ] = "newcomer.read.summary",
	[AUDIT_NEWCOMERS_LISTED] = "newcomer.list",
	[AUDIT_NEWCOMER_UPDATED] = "newcomer.update",
	[AUDIT_NEWCOMER_STATUS] = "newcomer.status",
	[AUDIT_NEWCOMER_ANSWER] = "newcomer.answer",
	[AUDIT_NEWCOMER_DELETED] = "newcomer.delete",
	[AUDIT_MATCHING_RUN] = "matching.run",
	[AUDIT_GUIDE_RECORD_CHECKED] = "guide.record.checked",
	[AUDIT_GUIDE_RECORD_CLEARED] = "guide.record.cleared",
	[AUDIT_PERSONAL_EXPORTED] = "export.personal",
	[AUDIT_OFFER_ANSWERED_FOR] = "offer.answer_for",
};
_Static_assert(sizeof kind_codes / sizeof kind_codes[0] == AUDIT_KIND__MAX, "a code for every audit kind");

static const char *const object_codes[] = {
	[AUDIT_ON_NOTHING] = "", [AUDIT_ON_ARENA] = "arena", [AUDIT_ON_ACTIVITY] = "activity",
	[AUDIT_ON_ORGANISATION] = "organisation", [AUDIT_ON_AREA] = "area", [AUDIT_ON_PROPOSAL] = "proposal",
	[AUDIT_ON_PROGRAMME] = "programme", [AUDIT_ON_NEWCOMER] = "newcomer", [AUDIT_ON_GUIDE] = "guide",
};
_Static_assert(sizeof object_codes / sizeof object_codes[0] == AUDIT_OBJECT__MAX, "a code for every object");

static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO audit_log (at, actor_id, action, subject, detail, client, person_id, object_kind, "
	"object_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
static struct store_sql count_sql = STORE_SQL("SELECT COUNT(*) FROM audit_log");
/* Names now, not as they were: a renamed arena reads under its new name,
 * a deleted account as gone. A newcomer is never named (their number
 * is), a guide by their account's name. */
static struct store_sql list_sql = STORE_SQL(
	"SELECT l.id, l.at, l.actor_id, a.name, l.action, l.subject, l.detail, l.client, "
	"COALESCE(l.person_id, 0), p.name, l.object_kind, COALESCE(l.object_id, 0), "
	"COALESCE(ar.title, act.title, o.name, area.name, pr.title, prog.name, ga.name, "
	"CASE WHEN nc.id IS NOT NULL THEN '' END), "
	"COALESCE(act.arena_id, pr.arena_id, nc.programme_id, g.programme_id, 0) "
	"FROM audit_log l LEFT JOIN account a ON a.id = l.actor_id LEFT JOIN account p ON p.id = l.person_id "
	"LEFT JOIN programme prog ON l.object_kind = 'programme' AND prog.id = l.object_id "
	"LEFT JOIN newcomer nc ON l.object_kind = 'newcomer' AND nc.id = l.object_id "
	"LEFT JOIN guide g ON l.object_kind = 'guide' AND g.id = l.object_id "
	"LEFT JOIN account ga ON ga.id = g.account_id "
	"LEFT JOIN arena ar ON l.object_kind = 'arena' AND ar.id = l.object_id "
	"LEFT JOIN activity act ON l.object_kind = 'activity' AND act.id = l.object_id "
	"LEFT JOIN organisation o ON l.object_kind = 'organisation' AND o.id = l.object_id "
	"LEFT JOIN area ON l.object_kind = 'area' AND area.id = l.object_id "
	"LEFT JOIN proposal pr ON l.object_kind = 'proposal' AND pr.id = l.object_id "
	"ORDER BY l.id DESC LIMIT ? OFFSET ?");

const char *audit_kind_code(enum audit_kind k)
{
	return (unsigned)k < AUDIT_KIND__MAX ? kind_codes[k] : "?";
}

int audit_kind_parse(const char *code)
{
	for (int i = 0; code && i < AUDIT_KIND__MAX; i++)
		if (strcmp(code, kind_codes[i]) == 0)
			return i;
	return -1;
}

const char *audit_object_code(enum audit_object o)
{
	return (unsigned)o < AUDIT_OBJECT__MAX ? object_codes[o] : "";
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
	e->person_id = store_col_int(st, 8);
	e->person_name = model_text(st, a, 9);
	const char *object = store_col_text(st, 10);
	e->object = AUDIT_ON_NOTHING;
	for (int i = 1; object && i < AUDIT_OBJECT__MAX; i++)
		if (strcmp(object, object_codes[i]) == 0)
			e->object = (enum audit_object)i;
	e->object_id = store_col_int(st, 11);
	e->object_name = model_text(st, a, 12);
	e->object_parent_id = store_col_int(st, 13);
	/* Entries from before people's ids were kept name nobody: shown as
	 * they were written. */
	e->kind = audit_kind_parse(e->action);
	if (e->person_id == 0 && e->object == AUDIT_ON_NOTHING && *e->subject)
		e->kind = -1;
}

enum model_rc audit_record(struct store *db, const struct audit_event *e)
{
	if ((unsigned)e->kind >= AUDIT_KIND__MAX || (unsigned)e->object >= AUDIT_OBJECT__MAX)
		return MODEL_ERROR;
	struct store_stmt *st = store_prepare(db, &insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	/* A short plain form, for reading the table itself. */
	char subject[96] = "";
	if (e->person_id > 0)
		snprintf(subject, sizeof subject, "account %lld", (long long)e->person_id);
	if (e->object != AUDIT_ON_NOTHING) {
		size_t used = strlen(subject);
		snprintf(subject + used, sizeof subject - used, "%s%s %lld", used ? " " : "",
			 object_codes[e->object], (long long)e->object_id);
	}
	store_bind_int(st, 1, model_now());
	if (e->actor_id > 0)
		store_bind_int(st, 2, e->actor_id);
	else
		store_bind_null(st, 2);
	store_bind_text(st, 3, kind_codes[e->kind]);
	store_bind_text(st, 4, subject);
	store_bind_text(st, 5, e->detail ? e->detail : "");
	store_bind_text(st, 6, e->client ? e->client : "");
	if (e->person_id > 0)
		store_bind_int(st, 7, e->person_id);
	else
		store_bind_null(st, 7);
	store_bind_text(st, 8, object_codes[e->object]);
	if (e->object != AUDIT_ON_NOTHING)
		store_bind_int(st, 9, e->object_id);
	else
		store_bind_null(st, 9);
	return model_exec(db, st, NULL, "audit_record");
}

enum model_rc audit_list(struct store *db, struct region *a, struct paging *p,
			 struct audit_entry **items, size_t *n)
{
	return model_page(db, &count_sql, &list_sql, NULL, NULL, p, a, sizeof **items, entry_read,
			  (void **)items, n, "audit_list");
}
