/*
 * backup.c: `samskab backup --db FILE OUT`: a consistent copy of a SQLite
 * database taken while samskab may be serving and writing (store_backup),
 * written to a new file readable by its owner only: it holds personal
 * data. PostgreSQL has its own tools; this says which and where the
 * deployment guide describes them.
 */
#include <stdio.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "store/migrate.h"

int cmd_backup(int argc, char **argv)
{
	struct db_settings s = DB_SETTINGS_DEFAULT;
	const struct opt opts[] = { DB_OPTS(s) };
	const struct opt_cmd cmd = { "backup", "OUT [options]",
				     "Write a consistent copy of the SQLite database to the new file "
				     "OUT, while samskab may go on serving.",
				     opts, sizeof opts / sizeof opts[0], 1, 1 };
	char *args[1];
	int nargs, rc = opt_parse(&cmd, argc, argv, args, &nargs);
	if (rc != 0)
		return rc == 1 ? 0 : rc;
	struct store_options so;
	if ((rc = db_settings_check(&cmd, &s, &so)) != 0)
		return rc;
	if (store_url_is_postgres(s.db)) {
		fprintf(stderr,
			"samskab backup: this backs up SQLite databases only. Back up PostgreSQL with "
			"its own tools: pg_dump -Fc for a logical copy, pg_basebackup (with WAL "
			"archiving) for a physical one; see docs/deploy.md, \"Backups and "
			"restore\".\n");
		return 2;
	}
	so.must_exist = 1;
	struct store *db = db_open("backup", &s, &so), *copy = NULL;
	if (db == NULL)
		return 1;
	rc = 1;
	umask(077);
	if (store_backup(db, args[0]) != STORE_OK) {
		fprintf(stderr, "samskab backup: %s\n", store_error(db));
		goto out;
	}
	/* The copy must be one samskab serves: open it and check its schema. */
	char err[512];
	struct db_settings out_s = s;
	out_s.db = args[0];
	if ((copy = db_open("backup", &out_s, &so)) == NULL)
		goto out;
	struct stat sb;
	stat(args[0], &sb);
	if (migrate_check(copy, err, sizeof err) != 0)
		printf("backup written to %s (%lld bytes); note: %s\n", args[0], (long long)sb.st_size, err);
	else
		printf("backup written to %s (%lld bytes, schema version %d)\n", args[0],
		       (long long)sb.st_size, migrate_latest());
	rc = 0;
out:
	store_close(copy);
	store_close(db);
	return rc;
}
