/*
 * associations.c: `samskab associations import FILE` and `samskab
 * associations export [FILE]`: the association list as CSV (the format
 * model/association_csv.h describes) from and to a municipality's
 * spreadsheet. An import loads the whole file in one transaction or, if
 * any row is wrong, nothing; each error is printed as FILE:LINE: column
 * COLUMN: what, so an editor can jump to it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/region.h"
#include "model/association_csv.h"
#include "store/migrate.h"

#define IMPORT_FILE_MAX ((size_t)256 << 20)
#define EXPORT_MAX ((size_t)256 << 20)

/* The whole file, NUL-terminated (malloc'd); NULL after a message. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		fprintf(stderr, "samskab associations import: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	struct buf b = BUF_INIT(IMPORT_FILE_MAX);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && !b.overflow)
		buf_put(&b, chunk, n);
	int failed = ferror(f);
	fclose(f);
	if (failed || b.overflow) {
		fprintf(stderr, "samskab associations import: %s: %s\n", path,
			failed ? "cannot be read" : "larger than 256 MB");
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b, len);
}

static int import(struct store *db, const char *path)
{
	size_t len = 0;
	char *data = read_file(path, &len);
	if (data == NULL)
		return 1;
	const struct lang *en = i18n_find("en") ? i18n_find("en") : i18n_default();
	struct region *a = region_new();
	struct import_result res;
	int rc = 1;
	if (store_begin(db) != STORE_OK) {
		fprintf(stderr, "samskab associations import: %s\n", store_error(db));
		goto out;
	}
	enum model_rc mrc = association_import(db, a, data ? data : "", len, 0, &res);
	if (mrc == MODEL_OK && store_commit(db) == STORE_OK) {
		printf("%zu rows: %zu associations created, %zu updated\n", res.rows, res.created, res.updated);
		rc = 0;
		goto out;
	}
	store_rollback(db);
	if (mrc != MODEL_INVALID) {
		fprintf(stderr, "samskab associations import: %s\n", store_error(db));
		goto out;
	}
	for (size_t i = 0; i < res.nerrors; i++) {
		const struct import_error *e = &res.errors[i];
		fprintf(stderr, "%s:%lu: ", path, e->line);
		if (e->column)
			fprintf(stderr, "column %s: ", e->column);
		fprintf(stderr, "%s", msg_get(en, e->msg));
		if (e->value && *e->value)
			fprintf(stderr, " (\"%s\")", e->value);
		fputc('\n', stderr);
	}
	if (res.more_errors)
		fprintf(stderr, "%s: %zu more errors\n", path, res.more_errors);
	fprintf(stderr, "samskab associations import: nothing was imported\n");
out:
	free(data);
	region_free(a);
	return rc;
}

static int export(struct store *db, const char *path)
{
	struct buf out = BUF_INIT(EXPORT_MAX);
	if (association_export(db, &out) != MODEL_OK) {
		fprintf(stderr, "samskab associations export: %s\n",
			out.overflow ? "the list is larger than 256 MB" : store_error(db));
		buf_free(&out);
		return 1;
	}
	FILE *f = path ? fopen(path, "wb") : stdout;
	int rc = 0;
	if (f == NULL || fwrite(out.data ? out.data : "", 1, out.len, f) != out.len || fflush(f) != 0) {
		fprintf(stderr, "samskab associations export: %s: %s\n", path ? path : "standard output",
			strerror(errno));
		rc = 1;
	}
	if (f && path && fclose(f) != 0 && rc == 0) {
		fprintf(stderr, "samskab associations export: %s: %s\n", path, strerror(errno));
		rc = 1;
	}
	buf_free(&out);
	return rc;
}

int cmd_associations(int argc, char **argv)
{
	struct db_settings s = DB_SETTINGS_DEFAULT;
	const struct opt opts[] = { DB_OPTS(s) };
	const struct opt_cmd cmd = {
		"associations", "import FILE | export [FILE]",
		"Load the association list from a CSV file (all rows, or none when any is wrong; "
		"rows update associations of the same name) or write it as CSV (to standard output "
		"without FILE). The export holds the contact persons' e-mails and phones.",
		opts, sizeof opts / sizeof opts[0], 1, 2
	};
	char *args[3] = { 0 };
	int nargs, rc = opt_parse(&cmd, argc, argv, args, &nargs);
	if (rc != 0)
		return rc == 1 ? 0 : rc;
	int importing = strcmp(args[0], "import") == 0 && nargs == 2;
	if (!importing && strcmp(args[0], "export") != 0) {
		fprintf(stderr, "usage: samskab associations %s (see --help)\n", cmd.usage);
		return 2;
	}
	struct store_options so;
	if ((rc = db_settings_check(&cmd, &s, &so)) != 0)
		return rc;
	struct store *db = db_open("associations", &s, &so);
	if (db == NULL)
		return 1;
	char err[512];
	if (migrate_check(db, err, sizeof err) != 0) {
		fprintf(stderr, "samskab associations: %s\n", err);
		rc = 1;
	} else {
		rc = importing ? import(db, args[1]) : export(db, args[1]);
	}
	store_close(db);
	return rc;
}
