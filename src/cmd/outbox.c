/*
 * outbox.c: `samskab outbox`: the mail waiting to be sent (or, with
 * --all, all mail kept), in full, so a developer or a test can follow the
 * links in it when no mail server is configured.
 */
#include <stdio.h>
#include <time.h>

#include "cmd/cmd.h"
#include "core/region.h"
#include "model/outbox.h"
#include "store/migrate.h"

int cmd_outbox(int argc, char **argv)
{
	struct db_settings s = DB_SETTINGS_DEFAULT;
	int all = 0;
	long limit = 100;
	const struct opt opts[] = {
		DB_OPTS(s),
		{ "all", NULL, OPT_FLAG, &all, 0, 0, "", "also mail already sent" },
		{ "limit", NULL, OPT_INT, &limit, 1, 100000, "N", "at most N mails, newest first" },
	};
	const struct opt_cmd cmd = { "outbox", "[options]",
				     "List mail waiting to be sent, with full text and links.", opts,
				     sizeof opts / sizeof opts[0], 0, 0 };
	char *args[1];
	int nargs, rc = opt_parse(&cmd, argc, argv, args, &nargs);
	if (rc != 0)
		return rc == 1 ? 0 : rc;
	struct store_options so;
	if ((rc = db_settings_check(&cmd, &s, &so)) != 0)
		return rc;
	struct store *db = db_open("outbox", &s, &so);
	if (db == NULL)
		return 1;
	char err[512];
	struct region *a = region_new();
	struct outbox_mail *items;
	size_t n = 0;
	rc = 1;
	if (migrate_check(db, err, sizeof err) != 0)
		fprintf(stderr, "samskab outbox: %s\n", err);
	else if (outbox_list(db, a, all, limit, &items, &n) != MODEL_OK)
		fprintf(stderr, "samskab outbox: %s\n", store_error(db));
	else
		rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		const struct outbox_mail *m = &items[i];
		char when[32];
		time_t t = (time_t)m->created_at;
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
		printf("--- mail %lld, %s, %s", (long long)m->id, when, m->sent_at ? "sent" : "pending");
		if (m->attempts)
			printf(", %lld attempt%s", (long long)m->attempts, m->attempts == 1 ? "" : "s");
		if (m->last_error)
			printf(", last error: %s", m->last_error);
		printf("\nTo: %s\nSubject: %s\n\n%s\n", m->recipient, m->subject, m->body);
	}
	if (rc == 0 && n == 0)
		printf("no %smail\n", all ? "" : "pending ");
	region_free(a);
	store_close(db);
	return rc;
}
