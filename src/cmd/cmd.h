/*
 * cmd.h: the sub-commands of the samskab binary, and what they share.
 * Each returns the process exit status: 0 done, 1 failed, 2 bad usage or
 * settings (the message names the setting).
 */
#ifndef SAMSKAB_CMD_CMD_H
#define SAMSKAB_CMD_CMD_H

#include <sys/types.h>

#include "core/csv.h"
#include "core/opt.h"
#include "store/store.h"

int cmd_serve(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_opinion(int argc, char **argv);
int cmd_match(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_outbox(int argc, char **argv);
int cmd_dbcopy(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_area(int argc, char **argv);
int cmd_theme(int argc, char **argv);
int cmd_organisation(int argc, char **argv);
int cmd_polis_import(int argc, char **argv);
int cmd_polis_export(int argc, char **argv);
int cmd_associations(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_routes(int argc, char **argv);

/* The settings every sub-command that touches the database has. */
struct db_settings {
	const char *db;        /* --db, SAMSKAB_DB */
	const char *sync;      /* --sync, SAMSKAB_SYNC: full or normal */
	const char *log_level; /* --log-level, SAMSKAB_LOG_LEVEL */
};

#define DB_SETTINGS_DEFAULT { "var/samskab.db", "full", "info" }
#define DB_OPTS(s)                                                                              \
	{ "db", "SAMSKAB_DB", OPT_STR, &(s).db, 0, 0, "URL",                                    \
	  "database: a SQLite file path or postgres://user@host/name" },                         \
	{ "sync", "SAMSKAB_SYNC", OPT_STR, &(s).sync, 0, 0, "MODE",                              \
	  "SQLite durability: full (each commit survives power loss) or normal" },              \
	{ "log-level", "SAMSKAB_LOG_LEVEL", OPT_STR, &(s).log_level, 0, 0, "LEVEL",             \
	  "debug, info, warn, error or off" }

/* Checks the shared settings and fills opt; 0, or 2 after a message. */
int db_settings_check(const struct opt_cmd *cmd, const struct db_settings *s,
		      struct store_options *opt);
/* Opens the database or prints why not; NULL on failure. */
struct store *db_open(const char *cmd, const struct db_settings *s, const struct store_options *opt);

/* A file of a Pol.is openData directory, read as CSV (cmd/polisdir.c). */
struct polisdir_range {
	int fd;
	off_t at, end;
};
struct polisdir_file {
	char path[4096]; /* DIR/name, for messages */
	int fd;
	struct polisdir_range range;
	struct csv csv;
};
/* Opens DIR/name: 0; 1 when it is absent and absent_ok; -1 after a
 * message. Close it with polisdir_close (also after 1 or -1). */
int polisdir_open(struct polisdir_file *f, const char *cmd, const char *dir, const char *name,
		  int absent_ok);
void polisdir_close(struct polisdir_file *f);
struct opendata;
/* Reads comments.csv, then votes.csv or, when it is absent,
 * participants-votes.csv (unless votes_needed_for names what needs
 * votes.csv), into od, participants in the order of their first vote.
 * 0, or 1 after a message naming the file and line. */
int polisdir_read(struct opendata *od, const char *cmd, const char *dir, const char *votes_needed_for);

#endif
