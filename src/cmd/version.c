/*
 * version.c: `samskab version`.
 */
#include <stdio.h>

#include "cmd/cmd.h"
#include "core/version.h"
#include "store/migrate.h"

int cmd_version(int argc, char **argv)
{
	const struct opt_cmd cmd = { "version", "", "Print the version and the schema version.",
				     NULL, 0, 0, 0 };
	char *args[1];
	int nargs, rc = opt_parse(&cmd, argc, argv, args, &nargs);
	if (rc != 0)
		return rc == 1 ? 0 : rc;
	printf("samskab %s (schema %d)\n", SAMSKAB_VERSION, migrate_latest());
	return 0;
}
