/*
 * migrate.c: `samskab migrate`: brings the database schema up to date.
 */
#include <stdio.h>

#include "cmd/cmd.h"
#include "store/migrate.h"

int cmd_migrate(int argc, char **argv)
{
	struct db_settings s = DB_SETTINGS_DEFAULT;
	const struct opt opts[] = { DB_OPTS(s) };
	const struct opt_cmd cmd = { "migrate", "[options]",
				     "Apply the schema migrations this samskab has and the database "
				     "lacks. Running it again does nothing.",
				     opts, sizeof opts / sizeof opts[0], 0, 0 };
	char *args[1];
	int nargs, rc = opt_parse(&cmd, argc, argv, args, &nargs);
	if (rc != 0)
		return rc == 1 ? 0 : rc;
	struct store_options so;
	if ((rc = db_settings_check(&cmd, &s, &so)) != 0)
		return rc;
	struct store *db = db_open("migrate", &s, &so);
	if (db == NULL)
		return 1;
	char err[512];
	int applied = 0;
	rc = migrate_apply(db, &applied, err, sizeof err);
	if (rc != 0)
		fprintf(stderr, "samskab migrate: %s\n", err);
	else
		printf("schema at version %d (%d migration%s applied)\n", migrate_latest(), applied,
		       applied == 1 ? "" : "s");
	store_close(db);
	return rc == 0 ? 0 : 1;
}
