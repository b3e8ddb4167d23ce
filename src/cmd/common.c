/*
 * common.c: settings and set-up shared by sub-commands (see cmd.h).
 */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/i18n.h"
#include "core/log.h"

int db_settings_check(const struct opt_cmd *cmd, const struct db_settings *s,
		      struct store_options *opt)
{
	int level = log_level_parse(s->log_level);
	if (level < 0)
		return opt_fail(cmd, "log-level", s->log_level, "must be debug, info, warn, error or off");
	log_set_level((enum log_level)level);
	if (strcmp(s->sync, "full") != 0 && strcmp(s->sync, "normal") != 0)
		return opt_fail(cmd, "sync", s->sync, "must be full or normal");
	*opt = (struct store_options){ .sync_full = strcmp(s->sync, "full") == 0, .busy_ms = 5000 };
	char err[256];
	if (i18n_init(err, sizeof err) != 0) {
		fprintf(stderr, "samskab %s: broken message catalogue: %s\n", cmd->name, err);
		return 1;
	}
	return 0;
}

struct store *db_open(const char *cmd, const struct db_settings *s, const struct store_options *opt)
{
	char err[512];
	struct store *db = store_open(s->db, opt, err, sizeof err);
	if (db == NULL)
		fprintf(stderr, "samskab %s: %s\n", cmd, err);
	return db;
}
