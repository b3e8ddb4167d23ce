/*
 * main.c: the samskab binary: dispatches to a sub-command.
 */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{ "serve", cmd_serve, "serve the platform over HTTP" },
	{ "migrate", cmd_migrate, "bring the database schema up to date" },
	{ "demo", cmd_demo, "load demo data into a new database" },
	{ "opinion", cmd_opinion, "compute the opinion map of a Pol.is openData directory" },
	{ "match", cmd_match, "solve a bare guide-matching instance (docs/match.md)" },
	{ "polis-import", cmd_polis_import, "import a Pol.is openData conversation into an arena" },
	{ "polis-export", cmd_polis_export, "write an arena's dialogue as Pol.is openData" },
	{ "export", cmd_export, "write the platform's open data (CSV and JSON) into a folder" },
	{ "user", cmd_user, "create accounts, grant and revoke roles" },
	{ "area", cmd_area, "keep the local areas" },
	{ "theme", cmd_theme, "keep the themes" },
	{ "organisation", cmd_organisation, "keep the organisations" },
	{ "outbox", cmd_outbox, "list mail waiting to be sent" },
	{ "routes", cmd_routes, "list every route: method, pattern, permission and flags" },
	{ "version", cmd_version, "print the version" },
	{ "db-copy", cmd_dbcopy, "copy an installation between SQLite and PostgreSQL" },
	{ "backup", cmd_backup, "write a consistent copy of a SQLite database" },
	{ "associations", cmd_associations, "import or export the association list as CSV" },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: samskab COMMAND [options]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-14s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n'samskab COMMAND --help' describes a command and its settings.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(1, argv + 1);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "samskab: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return 2;
}
