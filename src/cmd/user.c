/*
 * user.c: `samskab user add`, `grant` and `revoke`: accounts and roles
 * from the command line, for the first administrator of a new
 * installation (the last administrator's role is never revoked). The password comes from SAMSKAB_PASSWORD or the first
 * line of standard input, never from a flag (flags show in `ps`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/region.h"
#include "core/secret.h"
#include "model/account.h"
#include "model/consent.h"
#include "model/role.h"
#include "store/migrate.h"

static const char *read_password(char *buf, size_t n)
{
	const char *env = getenv("SAMSKAB_PASSWORD");
	if (env && *env)
		return env;
	if (fgets(buf, (int)n, stdin) == NULL)
		return NULL;
	buf[strcspn(buf, "\r\n")] = '\0';
	return buf;
}

static void print_errors(const struct field_errors *errs)
{
	for (int i = 0; i < errs->n; i++)
		fprintf(stderr, "samskab user: %s: %s\n", errs->items[i].field,
			msg_get(i18n_find("en"), errs->items[i].msg));
}

/* Runs fn in a transaction on the database named by the settings. */
static int with_db(const struct opt_cmd *cmd, struct db_settings *s,
		   int (*fn)(struct store *db, struct region *a, char **args), char **args)
{
	struct store_options so;
	int rc = db_settings_check(cmd, s, &so);
	if (rc != 0)
		return rc;
	if (secret_init() != 0)
		return 1;
	struct store *db = db_open("user", s, &so);
	if (db == NULL)
		return 1;
	char err[512];
	if (migrate_check(db, err, sizeof err) != 0) {
		fprintf(stderr, "samskab user: %s\n", err);
		store_close(db);
		return 1;
	}
	struct region *a = region_new();
	rc = store_begin(db) == STORE_OK ? fn(db, a, args) : 1;
	if (rc == 0 && store_commit(db) != STORE_OK)
		rc = 1;
	if (rc != 0)
		store_rollback(db);
	region_free(a);
	store_close(db);
	return rc;
}

static int add(struct store *db, struct region *a, char **args)
{
	char buf[512];
	const char *pw = read_password(buf, sizeof buf);
	if (pw == NULL) {
		fprintf(stderr, "samskab user add: give the password in SAMSKAB_PASSWORD or on standard input\n");
		return 2;
	}
	struct field_errors errs = { .n = 0 };
	int64_t id;
	enum model_rc rc = account_create(db, a, args[0], args[1], pw, "da", &id, &errs);
	if (rc == MODEL_INVALID) {
		print_errors(&errs);
		return 2;
	}
	if (rc == MODEL_CONFLICT) {
		fprintf(stderr, "samskab user add: %s already has an account\n", args[0]);
		return 1;
	}
	/* Added by an operator who knows the address: confirmed already. */
	if (rc == MODEL_OK)
		rc = account_mark_verified(db, id);
	if (rc == MODEL_OK)
		rc = consent_give(db, id, CONSENT_TERMS);
	if (rc != MODEL_OK) {
		fprintf(stderr, "samskab user add: %s\n", store_error(db));
		return 1;
	}
	printf("account %lld created for %s\n", (long long)id, account_normalise_email(a, args[0]));
	return 0;
}

/* The account, role and scope of grant or revoke's arguments; 0, or the
 * exit status after a message. */
static int grant_args(struct store *db, struct region *a, const char *verb, char **args, struct account *acc,
		      int *role, int *scope, int64_t *scope_id)
{
	enum model_rc rc = account_by_email(db, a, args[0], acc);
	if (rc == MODEL_NOT_FOUND) {
		fprintf(stderr, "samskab user %s: no account for %s\n", verb, args[0]);
		return 1;
	}
	if (rc != MODEL_OK) {
		fprintf(stderr, "samskab user %s: %s\n", verb, store_error(db));
		return 1;
	}
	*role = role_parse(args[1]);
	if (*role < 0) {
		fprintf(stderr, "samskab user %s: unknown role '%s' (admin, facilitator, moderator, "
				"council, coordinator, guide, newcomer, representative)\n",
			verb, args[1]);
		return 2;
	}
	*scope = SCOPE_GLOBAL;
	*scope_id = 0;
	if (args[2]) {
		char *colon = strchr(args[2], ':');
		if (colon) {
			*colon = '\0';
			*scope = scope_parse(args[2]);
			*scope_id = strtoll(colon + 1, NULL, 10);
		}
		if (colon == NULL || *scope <= SCOPE_GLOBAL || *scope_id <= 0) {
			fprintf(stderr, "samskab user %s: the scope must be arena:ID, organisation:ID, area:ID or "
				"programme:ID\n", verb);
			return 2;
		}
	}
	return 0;
}

static int grant(struct store *db, struct region *a, char **args)
{
	struct account acc;
	int role, scope;
	int64_t scope_id;
	int status = grant_args(db, a, "grant", args, &acc, &role, &scope, &scope_id);
	if (status)
		return status;
	struct field_errors errs = { .n = 0 };
	enum model_rc rc = role_grant(db, acc.id, (enum role)role, (enum scope)scope, scope_id, 0, "command line", &errs);
	if (rc == MODEL_INVALID) {
		print_errors(&errs);
		return 2;
	}
	if (rc == MODEL_CONFLICT) {
		fprintf(stderr, "samskab user grant: %s already has that role\n", acc.email);
		return 1;
	}
	if (rc != MODEL_OK) {
		fprintf(stderr, "samskab user grant: %s\n", store_error(db));
		return 1;
	}
	if (scope == SCOPE_GLOBAL)
		printf("%s is now %s\n", acc.email, args[1]);
	else
		printf("%s is now %s of %s %lld\n", acc.email, args[1], scope_code((enum scope)scope),
		       (long long)scope_id);
	return 0;
}

static int revoke(struct store *db, struct region *a, char **args)
{
	struct account acc;
	int role, scope;
	int64_t scope_id;
	int status = grant_args(db, a, "revoke", args, &acc, &role, &scope, &scope_id);
	if (status)
		return status;
	struct role_grant *grants;
	size_t n = 0;
	enum model_rc rc = role_list(db, a, acc.id, &grants, &n);
	size_t i = 0;
	while (rc == MODEL_OK && i < n &&
	       !(grants[i].role == (enum role)role && grants[i].scope == (enum scope)scope &&
		 (scope == SCOPE_GLOBAL || grants[i].scope_id == scope_id)))
		i++;
	if (rc == MODEL_OK && i == n) {
		fprintf(stderr, "samskab user revoke: %s does not have that role\n", acc.email);
		return 1;
	}
	if (rc == MODEL_OK)
		rc = role_revoke(db, grants[i].id, 0, "command line");
	if (rc == MODEL_CONFLICT) {
		fprintf(stderr, "samskab user revoke: %s is the last administrator; give someone else the "
				"role first, so the platform keeps one\n",
			acc.email);
		return 1;
	}
	if (rc != MODEL_OK) {
		fprintf(stderr, "samskab user revoke: %s\n", store_error(db));
		return 1;
	}
	if (scope == SCOPE_GLOBAL)
		printf("%s is no longer %s\n", acc.email, args[1]);
	else
		printf("%s is no longer %s of %s %lld\n", acc.email, args[1], scope_code((enum scope)scope),
		       (long long)scope_id);
	return 0;
}

int cmd_user(int argc, char **argv)
{
	struct db_settings s = DB_SETTINGS_DEFAULT;
	const struct opt opts[] = { DB_OPTS(s) };
	const struct opt_cmd cmd = {
		"user", "add EMAIL NAME | grant EMAIL ROLE [SCOPE] | revoke EMAIL ROLE [SCOPE]",
		"Create an account (password from SAMSKAB_PASSWORD or standard input; the address "
		"counts as confirmed), grant a role or revoke one (SCOPE: arena:ID, organisation:ID, area:ID "
		"or programme:ID; none for the whole platform). Both are written to the audit log; the last "
		"administrator's role is never revoked.",
		opts, sizeof opts / sizeof opts[0], 3, 4
	};
	char *args[5] = { 0 };
	int nargs, rc = opt_parse(&cmd, argc, argv, args, &nargs);
	if (rc != 0)
		return rc == 1 ? 0 : rc;
	if (strcmp(args[0], "add") == 0 && nargs == 3)
		return with_db(&cmd, &s, add, args + 1);
	if (strcmp(args[0], "grant") == 0)
		return with_db(&cmd, &s, grant, args + 1);
	if (strcmp(args[0], "revoke") == 0)
		return with_db(&cmd, &s, revoke, args + 1);
	fprintf(stderr, "usage: samskab user %s (see --help)\n", cmd.usage);
	return 2;
}
