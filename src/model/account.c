/*
 * account.c: accounts (see account.h).
 */
#include "model/account.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/password.h"
#include "core/utf8.h"
#include "model/amendment.h"
#include "model/comment.h"
#include "model/offer.h"
#include "model/outbox.h"
#include "model/role.h"
#include "model/signup.h"
#include "model/story.h"
#include "model/text.h"

#define EMAIL_MAX 254

#define ACCOUNT_COLUMNS                                                                         \
	"a.id, a.email, a.name, a.lang, a.area_id, ar.name, a.verified_at, a.created_at, "      \
	"a.password_changed_at FROM account a LEFT JOIN area ar ON ar.id = a.area_id "

static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO account (email, name, password_hash, lang, password_changed_at, created_at, "
	"updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
static struct store_sql get_sql = STORE_SQL("SELECT " ACCOUNT_COLUMNS "WHERE a.id = ?");
static struct store_sql by_email_sql = STORE_SQL("SELECT " ACCOUNT_COLUMNS "WHERE a.email = ?");
static struct store_sql hash_sql = STORE_SQL("SELECT password_hash FROM account WHERE id = ?");
static struct store_sql verify_sql =
	STORE_SQL("UPDATE account SET verified_at = ?, updated_at = ? WHERE id = ? AND verified_at IS NULL");
static struct store_sql password_sql = STORE_SQL(
	"UPDATE account SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = ?");
static struct store_sql end_sessions_sql = STORE_SQL("DELETE FROM session WHERE account_id = ?");
static struct store_sql profile_sql = STORE_SQL(
	"UPDATE account SET name = ?, lang = ?, area_id = ?, updated_at = ? WHERE id = ?");
static struct store_sql memberships_sql =
	STORE_SQL("SELECT o.id, o.name FROM membership m JOIN organisation o ON o.id = m.organisation_id "
		  "WHERE m.account_id = ? ORDER BY o.name_key");
static struct store_sql clear_memberships_sql = STORE_SQL("DELETE FROM membership WHERE account_id = ?");
static struct store_sql add_membership_sql = STORE_SQL(
	"INSERT INTO membership (account_id, organisation_id, created_at) VALUES (?, ?, ?) "
	"ON CONFLICT DO NOTHING");
static struct store_sql detach_participant_sql =
	STORE_SQL("UPDATE participant SET account_id = NULL, token_hash = NULL WHERE account_id = ?");
static struct store_sql delete_sql = STORE_SQL("DELETE FROM account WHERE id = ?");

static void account_read(struct store_stmt *st, struct region *a, void *item)
{
	struct account *x = item;
	x->id = store_col_int(st, 0);
	x->email = model_text(st, a, 1);
	x->name = model_text(st, a, 2);
	x->lang = model_text(st, a, 3);
	x->area_id = store_col_int(st, 4);
	x->area_name = model_text(st, a, 5);
	x->verified_at = store_col_int(st, 6);
	x->created_at = store_col_int(st, 7);
	x->password_changed_at = store_col_int(st, 8);
}

const char *account_normalise_email(struct region *a, const char *email)
{
	if (email == NULL)
		return NULL;
	while (*email == ' ')
		email++;
	size_t n = strlen(email);
	while (n && email[n - 1] == ' ')
		n--;
	if (n < 3 || n > EMAIL_MAX)
		return NULL;
	char *e = region_strndup(a, email, n);
	/* One '@' with something on both sides, a dot in the domain, no
	 * spaces or characters that would need quoting in a mail header. */
	const char *at = strchr(e, '@');
	if (at == NULL || at == e || strchr(at + 1, '@') || strchr(at + 1, '.') == NULL ||
	    at[1] == '.' || e[n - 1] == '.' || strpbrk(e, " \t\n\r<>()[],;:\"\\"))
		return NULL;
	for (char *p = e; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return e;
}

static void check_password(struct field_errors *errs, const char *password)
{
	size_t n = password ? utf8_length(password) : 0;
	if (n < PASSWORD_MIN)
		field_error_add(errs, "password", MSG_FORM_PASSWORD_SHORT);
	else if (n > PASSWORD_MAX)
		field_error_add(errs, "password", MSG_FORM_TOO_LONG);
}

/* The address (normalised into *e) and name of a new account. */
static void check_identity(struct region *a, const char *email, const char *name,
			   struct field_errors *errs, const char **e)
{
	*e = account_normalise_email(a, email);
	if (*e == NULL)
		field_error_add(errs, "email", MSG_FORM_BAD_EMAIL);
	text_check(errs, "name", name, 1, TEXT_NAME_MAX);
}

enum model_rc account_create(struct store *db, struct region *a, const char *email, const char *name,
			     const char *password, const char *lang, int64_t *id,
			     struct field_errors *errs)
{
	const char *e;
	check_identity(a, email, name, errs, &e);
	check_password(errs, password);
	if (errs->n)
		return MODEL_INVALID;
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(password, hash) != 0)
		return MODEL_ERROR;
	return account_create_hashed(db, a, e, name, hash, lang, id, errs);
}

enum model_rc account_create_hashed(struct store *db, struct region *a, const char *email,
				    const char *name, const char *hash, const char *lang, int64_t *id,
				    struct field_errors *errs)
{
	const char *e;
	check_identity(a, email, name, errs, &e);
	if (errs->n)
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	store_bind_text(st, 1, e);
	store_bind_text(st, 2, name);
	store_bind_text(st, 3, hash);
	store_bind_text(st, 4, lang ? lang : "da");
	store_bind_int(st, 5, now);
	store_bind_int(st, 6, now);
	store_bind_int(st, 7, now);
	return model_exec(db, st, id, "account_create");
}

enum model_rc account_get(struct store *db, struct region *a, int64_t id, struct account *out)
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_one(db, st, a, out, account_read, "account_get");
}

enum model_rc account_by_email(struct store *db, struct region *a, const char *email,
			       struct account *out)
{
	const char *e = account_normalise_email(a, email);
	if (e == NULL)
		return MODEL_NOT_FOUND;
	struct store_stmt *st = store_prepare(db, &by_email_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, e);
	return model_one(db, st, a, out, account_read, "account_by_email");
}

enum model_rc account_authenticate(struct store *db, struct region *a, const char *email,
				   const char *password, struct account *out)
{
	if (password == NULL)
		password = "";
	enum model_rc rc = account_by_email(db, a, email, out);
	if (rc == MODEL_NOT_FOUND) {
		password_verify(NULL, password); /* same time as a real check */
		return MODEL_NOT_FOUND;
	}
	if (rc != MODEL_OK)
		return rc;
	struct store_stmt *st = store_prepare(db, &hash_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, out->id);
	int src = store_step(st);
	char hash[PASSWORD_HASH_MAX] = "";
	if (src == STORE_ROW && store_col_text(st, 0))
		snprintf(hash, sizeof hash, "%s", store_col_text(st, 0));
	store_reset(st);
	if (src != STORE_ROW)
		return model_from_store(db, src, "account_authenticate");
	return password_verify(hash, password) ? MODEL_OK : MODEL_NOT_FOUND;
}

enum model_rc account_mark_verified(struct store *db, int64_t id)
{
	struct store_stmt *st = store_prepare(db, &verify_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	store_bind_int(st, 1, now);
	store_bind_int(st, 2, now);
	store_bind_int(st, 3, id);
	return model_exec(db, st, NULL, "account_mark_verified");
}

enum model_rc account_set_password(struct store *db, int64_t id, const char *password,
				   struct field_errors *errs)
{
	check_password(errs, password);
	if (errs->n)
		return MODEL_INVALID;
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(password, hash) != 0)
		return MODEL_ERROR;
	struct store_stmt *st = store_prepare(db, &password_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	store_bind_text(st, 1, hash);
	store_bind_int(st, 2, now);
	store_bind_int(st, 3, now);
	store_bind_int(st, 4, id);
	enum model_rc rc = model_exec(db, st, NULL, "account_set_password");
	if (rc != MODEL_OK)
		return rc;
	st = store_prepare(db, &end_sessions_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_exec(db, st, NULL, "account_end_sessions");
}

enum model_rc account_update_profile(struct store *db, int64_t id, const char *name,
				     const char *lang, int64_t area_id, struct field_errors *errs)
{
	text_check(errs, "name", name, 1, TEXT_NAME_MAX);
	if (errs->n)
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &profile_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, name);
	store_bind_text(st, 2, lang);
	if (area_id > 0)
		store_bind_int(st, 3, area_id);
	else
		store_bind_null(st, 3);
	store_bind_int(st, 4, model_now());
	store_bind_int(st, 5, id);
	enum model_rc rc = model_exec(db, st, NULL, "account_update_profile");
	if (rc == MODEL_CONFLICT) /* an area that does not exist */
		field_error_add(errs, "area", MSG_FORM_CHOOSE_ONE);
	return rc;
}

struct membership_row {
	int64_t id;
	const char *name;
};

static void membership_read(struct store_stmt *st, struct region *a, void *item)
{
	struct membership_row *m = item;
	m->id = store_col_int(st, 0);
	m->name = model_text(st, a, 1);
}

enum model_rc account_memberships(struct store *db, struct region *a, int64_t id, int64_t **org_ids,
				  const char ***names, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &memberships_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	struct membership_row *rows;
	enum model_rc rc = model_collect(db, st, a, sizeof *rows, membership_read, (void **)&rows, n,
					 "account_memberships");
	if (rc != MODEL_OK)
		return rc;
	*org_ids = region_calloc(a, *n + 1, sizeof **org_ids);
	*names = region_calloc(a, *n + 1, sizeof **names);
	for (size_t i = 0; i < *n; i++) {
		(*org_ids)[i] = rows[i].id;
		(*names)[i] = rows[i].name;
	}
	return MODEL_OK;
}

enum model_rc account_set_memberships(struct store *db, int64_t id, const int64_t *org_ids,
				      size_t n)
{
	struct store_stmt *st = store_prepare(db, &clear_memberships_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	enum model_rc rc = model_exec(db, st, NULL, "account_clear_memberships");
	for (size_t i = 0; rc == MODEL_OK && i < n; i++) {
		st = store_prepare(db, &add_membership_sql);
		if (st == NULL)
			return MODEL_ERROR;
		store_bind_int(st, 1, id);
		store_bind_int(st, 2, org_ids[i]);
		store_bind_int(st, 3, model_now());
		rc = model_exec(db, st, NULL, "account_add_membership");
	}
	return rc;
}

enum model_rc account_delete(struct store *db, int64_t id, enum account_delete_mode mode)
{
	/* The platform always keeps an administrator. */
	int last = 0;
	enum model_rc lrc = role_is_last_admin(db, id, &last);
	if (lrc != MODEL_OK)
		return lrc;
	if (last)
		return MODEL_CONFLICT;
	/* Places the person held go to the waiting lists. */
	struct region *tmp = region_new();
	struct signup_moved *moved;
	size_t nmoved;
	enum model_rc src = signup_cancel_all(db, tmp, id, &moved, &nmoved);
	region_free(tmp);
	if (src != MODEL_OK)
		return src;
	/* Texts the person wrote: removed, or kept as from a deleted user. */
	enum model_rc rc = story_forget_author(db, id, mode == ACCOUNT_DELETE_REMOVE_TEXTS,
					       msg_get(i18n_default(), MSG_DELETED_USER));
	if (rc != MODEL_OK)
		return rc;
	/* Comments on proposals: their places stay for the replies; amendments
	 * not taken in go. Revisions stay, as from a deleted user: others
	 * wrote on them. */
	if ((rc = comment_forget_author(db, id, mode == ACCOUNT_DELETE_REMOVE_TEXTS)) != MODEL_OK ||
	    (rc = amendment_forget_author(db, id, mode == ACCOUNT_DELETE_REMOVE_TEXTS)) != MODEL_OK)
		return rc;
	/* Welcome offers: places freed; messages as the other texts. */
	if ((rc = offer_forget_account(db, id, mode == ACCOUNT_DELETE_REMOVE_TEXTS)) != MODEL_OK)
		return rc;
	struct store_stmt *st = store_prepare(db, &detach_participant_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	rc = model_exec(db, st, NULL, "account_detach_participant");
	if (rc != MODEL_OK)
		return rc;
	rc = outbox_forget_account(db, id);
	if (rc != MODEL_OK)
		return rc;
	/* Sessions, tokens, roles, consents and memberships go by ON DELETE
	 * CASCADE. */
	st = store_prepare(db, &delete_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_exec(db, st, NULL, "account_delete");
}
