/*
 * export.c: `samskab export DIR [--arena ID] [--personal]`: the platform's
 * open data as a folder (no zip): platform.json and a CSV file per table
 * (areas, themes, organisations, stories, arenas), and per arena a folder
 * arenas/ID with arena.json, statements.csv, votes.csv, activities.csv,
 * proposals.csv and steps.csv (model/export.h). With --arena, that arena's files
 * alone, in DIR. Everything is read from one snapshot, streamed to each
 * file (a temporary file renamed into place when complete), in constant
 * memory. --personal adds who signed up for activities (signups.csv, and
 * in arena.json), and is written to the audit log first.
 *
 * Exit status: 0 done, 1 failed (the message names the file), 2 bad
 * usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "core/region.h"
#include "model/arena.h"
#include "model/audit.h"
#include "model/export.h"

#define READ_SIZE ((size_t)64 << 10)

/* Streams one export into DIR/name; 0, or 1 after a message. */
static int write_file(struct store *db, const char *dir, int64_t arena_id, enum export_table t,
		      enum export_format f, int personal, int64_t *rows)
{
	const char *name = export_file_name(t, f, arena_id > 0);
	char path[4096], tmp[4200];
	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path) {
		fprintf(stderr, "samskab export: %s: path too long\n", dir);
		return 1;
	}
	snprintf(tmp, sizeof tmp, "%s.partial", path);
	struct export *x;
	enum model_rc rc = export_open(db, arena_id, t, f, personal, &x);
	if (rc != MODEL_OK) {
		fprintf(stderr, "samskab export: %s: %s\n", path,
			rc == MODEL_NOT_FOUND ? "no such arena" : store_error(db));
		return 1;
	}
	FILE *out = fopen(tmp, "w");
	if (out == NULL) {
		fprintf(stderr, "samskab export: %s: %s\n", tmp, strerror(errno));
		export_close(x);
		return 1;
	}
	static char chunk[READ_SIZE];
	long n;
	int failed = 0;
	while ((n = export_read(x, chunk, sizeof chunk)) > 0)
		if (fwrite(chunk, 1, (size_t)n, out) != (size_t)n) {
			failed = 1;
			break;
		}
	if (n < 0)
		fprintf(stderr, "samskab export: %s: %s\n", path, export_error(x));
	else if (failed || fclose(out) != 0)
		fprintf(stderr, "samskab export: %s: %s\n", path, strerror(errno));
	else
		out = NULL;
	*rows += export_rows(x);
	export_close(x);
	if (out || n < 0 || rename(tmp, path) != 0) {
		if (out)
			fclose(out);
		remove(tmp);
		return 1;
	}
	return 0;
}

static int make_dir(const char *path)
{
	if (mkdir(path, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "samskab export: %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

/* An arena's files into dir. */
static int write_arena(struct store *db, const char *dir, int64_t arena_id, int personal, int64_t *rows)
{
	static const enum export_table csv[] = { EXPORT_STATEMENTS, EXPORT_VOTES, EXPORT_ACTIVITIES, EXPORT_PROPOSALS,
						  EXPORT_STEPS, EXPORT_SIGNUPS };
	if (write_file(db, dir, arena_id, EXPORT_ALL, EXPORT_JSON, personal, rows) != 0)
		return 1;
	for (size_t i = 0; i < sizeof csv / sizeof csv[0]; i++)
		if ((personal || !export_personal(csv[i])) &&
		    write_file(db, dir, arena_id, csv[i], EXPORT_CSV, personal, rows) != 0)
			return 1;
	return 0;
}

/* The platform's files, and a folder per arena. */
static int write_platform(struct store *db, const char *dir, int personal, int64_t *rows, int64_t *arenas)
{
	static const enum export_table csv[] = { EXPORT_AREAS, EXPORT_THEMES, EXPORT_ORGANISATIONS, EXPORT_STORIES,
						  EXPORT_ARENAS };
	if (write_file(db, dir, 0, EXPORT_ALL, EXPORT_JSON, personal, rows) != 0)
		return 1;
	for (size_t i = 0; i < sizeof csv / sizeof csv[0]; i++)
		if (write_file(db, dir, 0, csv[i], EXPORT_CSV, personal, rows) != 0)
			return 1;
	char sub[4096];
	if ((size_t)snprintf(sub, sizeof sub, "%s/arenas", dir) >= sizeof sub || make_dir(sub) != 0)
		return 1;
	struct arena_filter all = { .phase_kind = -1, .status = -1 };
	for (struct paging p = { 1, 100, 0 };; p.page++) {
		struct region *a = region_new();
		struct arena *items;
		size_t n = 0;
		int rc = arena_list(db, a, &all, &p, &items, &n) == MODEL_OK ? 0 : 1;
		if (rc)
			fprintf(stderr, "samskab export: cannot list the arenas: %s\n", store_error(db));
		for (size_t i = 0; rc == 0 && i < n; i++) {
			snprintf(sub, sizeof sub, "%s/arenas/%lld", dir, (long long)items[i].id);
			rc = make_dir(sub) || write_arena(db, sub, items[i].id, personal, rows);
			(*arenas)++;
		}
		region_free(a);
		if (rc)
			return 1;
		if (n == 0 || p.page >= paging_pages(&p))
			return 0;
	}
}

int cmd_export(int argc, char **argv)
{
	struct db_settings s = DB_SETTINGS_DEFAULT;
	long arena_id = 0;
	int personal = 0;
	const struct opt opts[] = {
		DB_OPTS(s),
		{ "arena", NULL, OPT_INT, &arena_id, 1, INT64_MAX, "ID", "export this arena only" },
		{ "personal", NULL, OPT_FLAG, &personal, 0, 0, "",
		  "include personal data: who signed up for activities, with their needs (audited)" },
	};
	const struct opt_cmd cmd = {
		"export", "DIR [options]",
		"Write the platform's open data into the folder DIR (made if missing): platform.json and "
		"CSV files of the local areas, themes, organisations, stories and arenas, and per arena "
		"arenas/ID/ with arena.json, statements.csv, votes.csv, activities.csv, proposals.csv "
		"and steps.csv (the proposals' ways through the council). Participants "
		"are numbered within each arena's files only.",
		opts, sizeof opts / sizeof opts[0], 1, 1
	};
	char *args[1];
	int nargs, rc = opt_parse(&cmd, argc, argv, args, &nargs);
	if (rc != 0)
		return rc == 1 ? 0 : rc;
	struct store_options so;
	if ((rc = db_settings_check(&cmd, &s, &so)) != 0)
		return rc;
	so.must_exist = 1;
	so.scan = 1;
	struct store *db = db_open("export", &s, &so);
	if (db == NULL)
		return 1;
	rc = make_dir(args[0]);
	if (rc == 0 && personal) {
		const struct audit_event e = { AUDIT_PERSONAL_EXPORTED, 0, 0, arena_id ? AUDIT_ON_ARENA : AUDIT_ON_NOTHING,
					       arena_id, args[0], "samskab export" };
		if (store_begin(db) != STORE_OK || audit_record(db, &e) != MODEL_OK ||
		    store_commit(db) != STORE_OK) {
			fprintf(stderr, "samskab export: cannot write to the audit log: %s\n", store_error(db));
			store_rollback(db);
			rc = 1;
		}
	}
	int64_t rows = 0, arenas = 0;
	/* One snapshot for every file: each export sees the transaction
	 * open and reads in it. */
	if (rc == 0 && store_begin_read(db) != STORE_OK) {
		fprintf(stderr, "samskab export: %s\n", store_error(db));
		rc = 1;
	}
	if (rc == 0)
		rc = arena_id ? write_arena(db, args[0], arena_id, personal, &rows)
			      : write_platform(db, args[0], personal, &rows, &arenas);
	store_rollback(db);
	if (rc == 0 && arena_id)
		printf("arena %ld: %lld rows written to %s\n", arena_id, (long long)rows, args[0]);
	else if (rc == 0)
		printf("%lld rows of the platform and %lld arenas written to %s\n", (long long)rows,
		       (long long)arenas, args[0]);
	store_close(db);
	return rc;
}
