/*
 * role.c: role grants and the permission check (see role.h).
 */
#include "model/role.h"

#include <stdio.h>
#include <string.h>

#include "model/audit.h"

static const struct {
	const char *code;
	enum msg name, noun; /* as a heading; inside a sentence */
	unsigned scopes; /* bit (1 << scope) for each scope the role may have */
} roles[ROLE__MAX] = {
	[ROLE_ADMIN] = { "admin", MSG_ROLE_ADMIN, MSG_ROLE_ADMIN_NOUN, 1u << SCOPE_GLOBAL },
	[ROLE_FACILITATOR] = { "facilitator", MSG_ROLE_FACILITATOR, MSG_ROLE_FACILITATOR_NOUN,
			       1u << SCOPE_GLOBAL | 1u << SCOPE_ARENA },
	[ROLE_MODERATOR] = { "moderator", MSG_ROLE_MODERATOR, MSG_ROLE_MODERATOR_NOUN,
			     1u << SCOPE_GLOBAL | 1u << SCOPE_ARENA },
	[ROLE_COUNCIL] = { "council", MSG_ROLE_COUNCIL, MSG_ROLE_COUNCIL_NOUN, 1u << SCOPE_GLOBAL },
	[ROLE_COORDINATOR] = { "coordinator", MSG_ROLE_COORDINATOR, MSG_ROLE_COORDINATOR_NOUN,
			       1u << SCOPE_GLOBAL | 1u << SCOPE_PROGRAMME },
	[ROLE_GUIDE] = { "guide", MSG_ROLE_GUIDE, MSG_ROLE_GUIDE_NOUN, 1u << SCOPE_GLOBAL | 1u << SCOPE_AREA },
	[ROLE_NEWCOMER] = { "newcomer", MSG_ROLE_NEWCOMER, MSG_ROLE_NEWCOMER_NOUN,
			    1u << SCOPE_GLOBAL | 1u << SCOPE_AREA },
	[ROLE_REPRESENTATIVE] = { "representative", MSG_ROLE_REPRESENTATIVE, MSG_ROLE_REPRESENTATIVE_NOUN,
				  1u << SCOPE_ORGANISATION },
};

static const char *const scope_codes[SCOPE__MAX] = {
	[SCOPE_GLOBAL] = "", [SCOPE_ARENA] = "arena", [SCOPE_ORGANISATION] = "organisation",
	[SCOPE_AREA] = "area", [SCOPE_PROGRAMME] = "programme",
};

/* Whether a scope's id names something that exists. */
static struct store_sql scope_exists_sql[SCOPE__MAX] = {
	[SCOPE_ARENA] = STORE_SQL("SELECT 1 FROM arena WHERE id = ?"),
	[SCOPE_ORGANISATION] = STORE_SQL("SELECT 1 FROM organisation WHERE id = ?"),
	[SCOPE_AREA] = STORE_SQL("SELECT 1 FROM area WHERE id = ?"),
	[SCOPE_PROGRAMME] = STORE_SQL("SELECT 1 FROM programme WHERE id = ?"),
};

static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO role_grant (account_id, role, scope_kind, scope_id, granted_by, granted_at) "
	"VALUES (?, ?, ?, ?, ?, ?)");
static struct store_sql get_sql = STORE_SQL(
	"SELECT g.account_id, g.role, g.scope_kind, g.scope_id, a.email FROM role_grant g "
	"JOIN account a ON a.id = g.account_id WHERE g.id = ?");
static struct store_sql delete_sql = STORE_SQL("DELETE FROM role_grant WHERE id = ?");
#define GRANT_COLUMNS                                                                           \
	"SELECT g.id, g.account_id, g.role, g.scope_kind, g.scope_id, a.name, a.email, "        \
	"COALESCE(o.name, ar.name, r.title, pr.name, ''), g.granted_at FROM role_grant g "      \
	"JOIN account a ON a.id = g.account_id "                                                \
	"LEFT JOIN programme pr ON g.scope_kind = 'programme' AND pr.id = g.scope_id "          \
	"LEFT JOIN organisation o ON g.scope_kind = 'organisation' AND o.id = g.scope_id "      \
	"LEFT JOIN area ar ON g.scope_kind = 'area' AND ar.id = g.scope_id "                    \
	"LEFT JOIN arena r ON g.scope_kind = 'arena' AND r.id = g.scope_id "
static struct store_sql by_id_sql = STORE_SQL(GRANT_COLUMNS "WHERE g.id = ?");
static struct store_sql list_one_sql =
	STORE_SQL(GRANT_COLUMNS "WHERE g.account_id = ? ORDER BY g.role, g.scope_kind, g.scope_id");
static struct store_sql list_all_sql =
	STORE_SQL(GRANT_COLUMNS "ORDER BY a.name, g.role, g.scope_kind, g.scope_id");
static struct store_sql holders_sql = STORE_SQL(
	GRANT_COLUMNS "WHERE g.role = ? AND g.scope_kind = ? AND g.scope_id = ? ORDER BY a.name");
static struct store_sql admins_sql = STORE_SQL(
	"SELECT COUNT(*), COALESCE(SUM(CASE WHEN account_id = ? THEN 1 ELSE 0 END), 0) FROM role_grant "
	"WHERE role = 'admin' AND scope_kind = ''");
static struct store_sql global_sql =
	STORE_SQL("SELECT role FROM role_grant WHERE account_id = ? AND scope_kind = ''");
static struct store_sql scoped_sql = STORE_SQL(
	"SELECT 1 FROM role_grant WHERE account_id = ? AND role IN (?, ?) AND scope_kind = ? AND "
	"(scope_id = ? OR CAST(? AS BIGINT) = 0)");

const char *role_code(enum role r)
{
	return (unsigned)r < ROLE__MAX ? roles[r].code : "?";
}

int role_parse(const char *code)
{
	for (int i = 0; code && i < ROLE__MAX; i++)
		if (strcmp(code, roles[i].code) == 0)
			return i;
	return -1;
}

enum msg role_msg(enum role r)
{
	return (unsigned)r < ROLE__MAX ? roles[r].name : MSG_ROLE_ADMIN;
}

enum msg role_noun_msg(enum role r)
{
	return (unsigned)r < ROLE__MAX ? roles[r].noun : MSG_ROLE_ADMIN_NOUN;
}

const char *scope_code(enum scope s)
{
	return (unsigned)s < SCOPE__MAX ? scope_codes[s] : "";
}

int scope_parse(const char *code)
{
	for (int i = 0; code && i < SCOPE__MAX; i++)
		if (strcmp(code, scope_codes[i]) == 0)
			return i;
	return -1;
}

static void grant_read(struct store_stmt *st, struct region *a, void *item)
{
	struct role_grant *g = item;
	g->id = store_col_int(st, 0);
	g->account_id = store_col_int(st, 1);
	int r = role_parse(store_col_text(st, 2)), s = scope_parse(store_col_text(st, 3));
	g->role = r < 0 ? ROLE_NEWCOMER : (enum role)r;
	g->scope = s < 0 ? SCOPE_GLOBAL : (enum scope)s;
	g->scope_id = store_col_int(st, 4);
	g->account_name = model_text(st, a, 5);
	g->account_email = model_text(st, a, 6);
	g->scope_name = model_text(st, a, 7);
	g->granted_at = store_col_int(st, 8);
}

/* The audit entry of a grant or revocation of role in scope. */
static enum model_rc audit_grant(struct store *db, enum audit_kind kind, int64_t account_id, enum role role,
				 enum scope scope, int64_t scope_id, int64_t actor_id, const char *client)
{
	static const enum audit_object objects[SCOPE__MAX] = {
		[SCOPE_GLOBAL] = AUDIT_ON_NOTHING, [SCOPE_ARENA] = AUDIT_ON_ARENA,
		[SCOPE_ORGANISATION] = AUDIT_ON_ORGANISATION, [SCOPE_AREA] = AUDIT_ON_AREA,
	};
	const struct audit_event e = { kind, actor_id, account_id,
				       (unsigned)scope < SCOPE__MAX ? objects[scope] : AUDIT_ON_NOTHING, scope_id,
				       role_code(role), client };
	return audit_record(db, &e);
}

enum model_rc role_grant(struct store *db, int64_t account_id, enum role role, enum scope scope,
			 int64_t scope_id, int64_t actor_id, const char *client,
			 struct field_errors *errs)
{
	if ((unsigned)role >= ROLE__MAX)
		field_error_add(errs, "role", MSG_FORM_CHOOSE_ONE);
	else if ((unsigned)scope >= SCOPE__MAX || !(roles[role].scopes & (1u << scope)))
		field_error_add(errs, "scope", MSG_FORM_ROLE_SCOPE);
	if (errs->n)
		return MODEL_INVALID;
	if (scope != SCOPE_GLOBAL) {
		struct store_stmt *st = store_prepare(db, &scope_exists_sql[scope]);
		if (st == NULL)
			return MODEL_ERROR;
		store_bind_int(st, 1, scope_id);
		int rc = store_step(st);
		store_reset(st);
		if (rc == STORE_DONE) {
			field_error_add(errs, "scope_id", MSG_FORM_NO_SUCH_SCOPE);
			return MODEL_INVALID;
		}
		if (rc != STORE_ROW)
			return model_from_store(db, rc, "role_scope_exists");
	}
	struct store_stmt *st = store_prepare(db, &insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	store_bind_text(st, 2, role_code(role));
	store_bind_text(st, 3, scope_code(scope));
	store_bind_int(st, 4, scope == SCOPE_GLOBAL ? 0 : scope_id);
	if (actor_id > 0)
		store_bind_int(st, 5, actor_id);
	else
		store_bind_null(st, 5);
	store_bind_int(st, 6, model_now());
	enum model_rc rc = model_exec(db, st, NULL, "role_grant");
	if (rc != MODEL_OK)
		return rc;
	return audit_grant(db, AUDIT_ROLE_GRANTED, account_id, role, scope, scope_id, actor_id, client);
}

enum model_rc role_revoke(struct store *db, int64_t grant_id, int64_t actor_id, const char *client)
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, grant_id);
	int rc = store_step(st);
	int64_t account_id = 0, scope_id = 0;
	int role = -1, scope = -1;
	if (rc == STORE_ROW) {
		account_id = store_col_int(st, 0);
		role = role_parse(store_col_text(st, 1));
		scope = scope_parse(store_col_text(st, 2));
		scope_id = store_col_int(st, 3);
	}
	store_reset(st);
	if (rc != STORE_ROW)
		return rc == STORE_DONE ? MODEL_NOT_FOUND : model_from_store(db, rc, "role_revoke_get");
	/* The platform always keeps an administrator. */
	if (role == ROLE_ADMIN && scope == SCOPE_GLOBAL) {
		int last = 0;
		enum model_rc lrc = role_is_last_admin(db, account_id, &last);
		if (lrc != MODEL_OK)
			return lrc;
		if (last)
			return MODEL_CONFLICT;
	}
	st = store_prepare(db, &delete_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, grant_id);
	enum model_rc mrc = model_exec(db, st, NULL, "role_revoke");
	if (mrc != MODEL_OK)
		return mrc;
	return audit_grant(db, AUDIT_ROLE_REVOKED, account_id, (enum role)role, (enum scope)scope, scope_id, actor_id,
			   client);
}

enum model_rc role_get(struct store *db, struct region *a, int64_t grant_id, struct role_grant *out)
{
	struct store_stmt *st = store_prepare(db, &by_id_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, grant_id);
	return model_one(db, st, a, out, grant_read, "role_get");
}

enum model_rc role_is_last_admin(struct store *db, int64_t account_id, int *last)
{
	*last = 0;
	struct store_stmt *st = store_prepare(db, &admins_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	int rc = store_step(st);
	if (rc == STORE_ROW)
		*last = store_col_int(st, 0) == 1 && store_col_int(st, 1) == 1;
	store_reset(st);
	return rc == STORE_ROW ? MODEL_OK : model_from_store(db, rc, "role_is_last_admin");
}

enum model_rc role_list(struct store *db, struct region *a, int64_t account_id,
			struct role_grant **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, account_id ? &list_one_sql : &list_all_sql);
	if (st == NULL)
		return MODEL_ERROR;
	if (account_id)
		store_bind_int(st, 1, account_id);
	return model_collect(db, st, a, sizeof **items, grant_read, (void **)items, n, "role_list");
}

enum model_rc role_holders(struct store *db, struct region *a, enum role role, enum scope scope,
			   int64_t scope_id, struct role_grant **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &holders_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, role_code(role));
	store_bind_text(st, 2, scope_code(scope));
	store_bind_int(st, 3, scope == SCOPE_GLOBAL ? 0 : scope_id);
	return model_collect(db, st, a, sizeof **items, grant_read, (void **)items, n, "role_holders");
}

enum model_rc role_global_bits(struct store *db, int64_t account_id, unsigned *bits)
{
	*bits = 0;
	struct store_stmt *st = store_prepare(db, &global_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		int r = role_parse(store_col_text(st, 0));
		if (r >= 0)
			*bits |= 1u << r;
	}
	store_reset(st);
	return rc == STORE_DONE ? MODEL_OK : model_from_store(db, rc, "role_global_bits");
}

/* Whether the account holds role a or b in scope (scope_id 0: any id). */
static enum model_rc holds(struct store *db, int64_t account_id, enum role a, enum role b,
			   enum scope scope, int64_t scope_id, int *yes)
{
	struct store_stmt *st = store_prepare(db, &scoped_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, account_id);
	store_bind_text(st, 2, role_code(a));
	store_bind_text(st, 3, role_code(b));
	store_bind_text(st, 4, scope_code(scope));
	store_bind_int(st, 5, scope_id);
	store_bind_int(st, 6, scope_id);
	int rc = store_step(st);
	*yes = rc == STORE_ROW;
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? MODEL_OK : model_from_store(db, rc, "role_holds");
}

enum model_rc role_permits(struct store *db, int64_t account_id, unsigned bits, enum perm p,
			   int64_t scope_id, int *allowed)
{
	*allowed = 0;
	if (p == PERM_ANYONE) {
		*allowed = 1;
		return MODEL_OK;
	}
	if (account_id <= 0)
		return MODEL_OK;
	if (p == PERM_SIGNED_IN || (p != PERM_COORDINATE && (bits & (1u << ROLE_ADMIN)))) {
		*allowed = 1;
		return MODEL_OK;
	}
	switch (p) {
	case PERM_ORGANISE:
		*allowed = (bits & (1u << ROLE_FACILITATOR)) != 0;
		return MODEL_OK;
	case PERM_FACILITATE:
		if (bits & (1u << ROLE_FACILITATOR)) {
			*allowed = 1;
			return MODEL_OK;
		}
		return holds(db, account_id, ROLE_FACILITATOR, ROLE_FACILITATOR, SCOPE_ARENA, scope_id,
			     allowed);
	case PERM_MODERATE:
		if (bits & (1u << ROLE_FACILITATOR | 1u << ROLE_MODERATOR)) {
			*allowed = 1;
			return MODEL_OK;
		}
		return holds(db, account_id, ROLE_MODERATOR, ROLE_FACILITATOR, SCOPE_ARENA, scope_id,
			     allowed);
	case PERM_REPRESENT:
		return holds(db, account_id, ROLE_REPRESENTATIVE, ROLE_REPRESENTATIVE,
			     SCOPE_ORGANISATION, scope_id, allowed);
	case PERM_COORDINATE:
		if (bits & (1u << ROLE_COORDINATOR)) {
			*allowed = 1;
			return MODEL_OK;
		}
		return holds(db, account_id, ROLE_COORDINATOR, ROLE_COORDINATOR, SCOPE_PROGRAMME,
			     scope_id, allowed);
	case PERM_DECIDE:
		*allowed = (bits & (1u << ROLE_COUNCIL)) != 0;
		return MODEL_OK;
	case PERM_FOLLOW_UP:
		if (bits & (1u << ROLE_COUNCIL | 1u << ROLE_FACILITATOR)) {
			*allowed = 1;
			return MODEL_OK;
		}
		return holds(db, account_id, ROLE_FACILITATOR, ROLE_FACILITATOR, SCOPE_ARENA, scope_id,
			     allowed);
	case PERM_LOCAL_LIFE:
		*allowed = (bits & (1u << ROLE_FACILITATOR | 1u << ROLE_COORDINATOR)) != 0;
		return MODEL_OK;
	case PERM_MODERATE_SITE:
		*allowed = (bits & (1u << ROLE_FACILITATOR | 1u << ROLE_MODERATOR)) != 0;
		return MODEL_OK;
	case PERM_ANYONE:
	case PERM_SIGNED_IN:
	case PERM_ADMIN:
	case PERM__MAX:
		break;
	}
	return MODEL_OK;
}
