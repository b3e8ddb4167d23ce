/*
 * dbcopy.c: `samskab db-copy FROM TO`: copies a whole installation from
 * one database into a new one, SQLite to PostgreSQL or back. FROM must be
 * at this samskab's schema; TO is migrated first and must hold no rows.
 * The copy is one transaction on TO, committed only when every table's
 * row count and digest agree with FROM (see store/copy.h); the table of
 * counts is printed either way. URLs are never printed: they may hold
 * passwords.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "store/copy.h"
#include "store/migrate.h"

static const char *engine(const struct store *s)
{
	return store_dialect(s) == STORE_POSTGRES ? "PostgreSQL" : "SQLite";
}

static void print_report(const struct store_copy *c)
{
	printf("%-24s %12s %12s  %s\n", "table", "FROM rows", "TO rows", "digest");
	for (int i = 0; i < c->ntables; i++) {
		const struct store_copy_table *t = &c->tables[i];
		char hex[2 * STORE_DIGEST_BYTES + 1];
		sodium_bin2hex(hex, sizeof hex, t->from.hash, sizeof t->from.hash);
		int same = t->from.rows == t->to.rows &&
			   memcmp(t->from.hash, t->to.hash, sizeof t->from.hash) == 0;
		printf("%-24s %12lld %12lld  %s%s\n", t->name, (long long)t->from.rows,
		       (long long)t->to.rows, hex, same ? "" : "  DIFFERS");
	}
}

int cmd_dbcopy(int argc, char **argv)
{
	struct db_settings s = DB_SETTINGS_DEFAULT;
	const struct opt opts[] = {
		{ "sync", "SAMSKAB_SYNC", OPT_STR, &s.sync, 0, 0, "MODE",
		  "durability of a SQLite TO: full or normal" },
		{ "log-level", "SAMSKAB_LOG_LEVEL", OPT_STR, &s.log_level, 0, 0, "LEVEL",
		  "debug, info, warn, error or off" },
	};
	const struct opt_cmd cmd = { "db-copy", "FROM TO [options]",
				     "Copy every table of database FROM (a SQLite file or "
				     "postgres://...) into TO, which must be new or empty, and verify "
				     "the copy by row counts and digests.",
				     opts, sizeof opts / sizeof opts[0], 2, 2 };
	char *args[2];
	int nargs, rc = opt_parse(&cmd, argc, argv, args, &nargs);
	if (rc != 0)
		return rc == 1 ? 0 : rc;
	struct store_options so;
	if ((rc = db_settings_check(&cmd, &s, &so)) != 0)
		return rc;
	if (strcmp(args[0], args[1]) == 0) {
		fprintf(stderr, "samskab db-copy: FROM and TO are the same database\n");
		return 2;
	}
	struct store *from = NULL, *to = NULL;
	struct store_copy c = { NULL, 0, 0 };
	char err[1024];
	rc = 1;
	struct store_options from_opt = so;
	from_opt.must_exist = 1;
	s.db = args[0];
	if ((from = db_open("db-copy", &s, &from_opt)) == NULL)
		goto out;
	if (migrate_check(from, err, sizeof err) != 0) {
		fprintf(stderr, "samskab db-copy: FROM: %s\n", err);
		goto out;
	}
	s.db = args[1];
	if ((to = db_open("db-copy", &s, &so)) == NULL)
		goto out;
	int applied;
	if (migrate_apply(to, &applied, err, sizeof err) != 0) {
		fprintf(stderr, "samskab db-copy: TO: %s\n", err);
		goto out;
	}
	int copied = store_copy(from, to, &c, err, sizeof err);
	if (c.ntables > 0)
		print_report(&c);
	if (copied != 0) {
		fprintf(stderr, "samskab db-copy: %s\n", err);
		goto out;
	}
	printf("copied %lld rows in %d tables from %s to %s; row counts and digests agree\n",
	       (long long)c.rows, c.ntables, engine(from), engine(to));
	rc = 0;
out:
	store_copy_free(&c);
	store_close(to);
	store_close(from);
	return rc;
}
