/*
 * data.c: `samskab area`, `samskab theme` and `samskab organisation`:
 * the platform's own data kept from the command line, as administrators
 * keep it under /admin (web/admin_data.c), with the same checks: list,
 * add, edit, retire (what is in use is retired, not deleted), restore,
 * and delete what nothing uses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/region.h"
#include "model/area.h"
#include "model/organisation.h"
#include "model/theme.h"
#include "store/migrate.h"

/* A sub-command's work, in one transaction. */
struct job {
	const char *cmd;      /* "area", ... */
	struct term_table *table; /* NULL for organisations */
	char **args;
	int nargs;
};

static void print_errors(const char *cmd, const struct field_errors *errs)
{
	for (int i = 0; i < errs->n; i++)
		fprintf(stderr, "samskab %s: %s: %s\n", cmd, errs->items[i].field,
			msg_get(i18n_find("en"), errs->items[i].msg));
}

/* An id argument; 0 after a message when it is not one. */
static int64_t id_arg(const char *cmd, const char *s)
{
	char *end;
	long long id = s ? strtoll(s, &end, 10) : 0;
	if (s == NULL || *end || id <= 0) {
		fprintf(stderr, "samskab %s: '%s' is not an id (see '%s list')\n", cmd, s ? s : "", cmd);
		return 0;
	}
	return id;
}

/* The exit status for a model result, with its message. */
static int outcome(const struct job *j, enum model_rc rc, const struct field_errors *errs, struct store *db)
{
	switch (rc) {
	case MODEL_OK:
		return 0;
	case MODEL_INVALID:
		print_errors(j->cmd, errs);
		return 2;
	case MODEL_NOT_FOUND:
		fprintf(stderr, "samskab %s: there is no %s with that id\n", j->cmd, j->cmd);
		return 1;
	case MODEL_CONFLICT:
		if (errs && errs->n)
			print_errors(j->cmd, errs);
		else
			fprintf(stderr, "samskab %s: it is in use and cannot be deleted; retire it instead\n",
				j->cmd);
		return 1;
	default:
		fprintf(stderr, "samskab %s: %s\n", j->cmd, store_error(db));
		return 1;
	}
}

static int terms(struct store *db, struct region *a, const struct job *j)
{
	const char *verb = j->args[0];
	struct field_errors errs = { .n = 0 };
	if (strcmp(verb, "list") == 0 && j->nargs == 1) {
		struct term *items;
		size_t n;
		enum model_rc rc = term_list(db, j->table, a, 1, &items, &n);
		for (size_t i = 0; rc == MODEL_OK && i < n; i++)
			printf("%lld\t%s%s\n", (long long)items[i].id, items[i].name,
			       items[i].retired_at ? "\t(retired)" : "");
		return outcome(j, rc, NULL, db);
	}
	if (strcmp(verb, "add") == 0 && (j->nargs == 2 || j->nargs == 3)) {
		const struct term t = { 0, j->args[1], j->nargs == 3 ? j->args[2] : "", "da", 0 };
		int64_t id;
		enum model_rc rc = term_create(db, j->table, &t, &id, &errs);
		if (rc == MODEL_OK)
			printf("%s %lld created: %s\n", j->cmd, (long long)id, t.name);
		return outcome(j, rc, &errs, db);
	}
	if (strcmp(verb, "edit") == 0 && (j->nargs == 3 || j->nargs == 4)) {
		int64_t id = id_arg(j->cmd, j->args[1]);
		struct term old;
		if (id == 0)
			return 2;
		enum model_rc rc = term_get(db, j->table, a, id, &old);
		if (rc != MODEL_OK)
			return outcome(j, rc, NULL, db);
		const struct term t = { id, j->args[2], j->nargs == 4 ? j->args[3] : old.description, old.lang, 0 };
		rc = term_update(db, j->table, id, &t, &errs);
		if (rc == MODEL_OK)
			printf("%s %lld saved: %s\n", j->cmd, (long long)id, t.name);
		return outcome(j, rc, &errs, db);
	}
	if ((strcmp(verb, "retire") == 0 || strcmp(verb, "restore") == 0 || strcmp(verb, "delete") == 0) &&
	    j->nargs == 2) {
		int64_t id = id_arg(j->cmd, j->args[1]);
		int del = strcmp(verb, "delete") == 0, retire = strcmp(verb, "retire") == 0;
		if (id == 0)
			return 2;
		enum model_rc rc = del ? term_delete(db, j->table, id) : term_retire(db, j->table, id, retire);
		if (rc == MODEL_OK)
			printf("%s %lld %s\n", j->cmd, (long long)id, del ? "deleted" : retire ? "retired" : "in use again");
		return outcome(j, rc, NULL, db);
	}
	fprintf(stderr, "samskab %s: unknown or incomplete command (see --help)\n", j->cmd);
	return 2;
}

static int organisations(struct store *db, struct region *a, const struct job *j)
{
	const char *verb = j->args[0];
	struct field_errors errs = { .n = 0 };
	if (strcmp(verb, "list") == 0 && j->nargs == 1) {
		struct organisation_filter all = { .sector = -1, .retired = 1 };
		struct paging p = { 1, 100000, 0 };
		struct organisation *items;
		size_t n;
		enum model_rc rc = organisation_list(db, a, &all, &p, &items, &n);
		for (size_t i = 0; rc == MODEL_OK && i < n; i++)
			printf("%lld\t%s\t%s%s\n", (long long)items[i].id, items[i].name, sector_code(items[i].sector),
			       items[i].retired_at ? "\t(retired)" : "");
		return outcome(j, rc, NULL, db);
	}
	if ((strcmp(verb, "add") == 0 && (j->nargs == 3 || j->nargs == 4)) ||
	    (strcmp(verb, "edit") == 0 && (j->nargs == 4 || j->nargs == 5))) {
		int edit = strcmp(verb, "edit") == 0;
		int64_t id = edit ? id_arg(j->cmd, j->args[1]) : 0;
		if (edit && id == 0)
			return 2;
		struct organisation o = { 0 };
		if (edit) {
			enum model_rc rc = organisation_get(db, a, id, &o);
			if (rc != MODEL_OK)
				return outcome(j, rc, NULL, db);
		}
		char **x = j->args + 1 + edit;
		int sector = sector_parse(x[1]);
		if (sector < 0) {
			fprintf(stderr, "samskab %s: the sector must be public, private, voluntary or citizen\n",
				j->cmd);
			return 2;
		}
		o.name = x[0];
		o.sector = (enum sector)sector;
		if (j->nargs == 4 + edit)
			o.website = x[2];
		if (o.lang == NULL)
			o.lang = "da";
		enum model_rc rc = edit ? organisation_update(db, id, &o, &errs)
					: organisation_create(db, &o, &id, &errs);
		if (rc == MODEL_OK)
			printf("organisation %lld %s: %s\n", (long long)id, edit ? "saved" : "created", o.name);
		return outcome(j, rc, &errs, db);
	}
	if ((strcmp(verb, "retire") == 0 || strcmp(verb, "restore") == 0 || strcmp(verb, "delete") == 0) &&
	    j->nargs == 2) {
		int64_t id = id_arg(j->cmd, j->args[1]);
		int del = strcmp(verb, "delete") == 0, retire = strcmp(verb, "retire") == 0;
		if (id == 0)
			return 2;
		enum model_rc rc = del ? organisation_delete(db, id) : organisation_retire(db, id, retire);
		if (rc == MODEL_OK)
			printf("organisation %lld %s\n", (long long)id, del ? "deleted" : retire ? "retired" : "in use again");
		return outcome(j, rc, NULL, db);
	}
	fprintf(stderr, "samskab %s: unknown or incomplete command (see --help)\n", j->cmd);
	return 2;
}

static int run(const char *name, struct term_table *table, const char *usage, const char *summary, int argc,
	       char **argv)
{
	struct db_settings s = DB_SETTINGS_DEFAULT;
	const struct opt opts[] = { DB_OPTS(s) };
	const struct opt_cmd cmd = { name, usage, summary, opts, sizeof opts / sizeof opts[0], 1, 5 };
	char *args[6] = { 0 };
	int nargs, rc = opt_parse(&cmd, argc, argv, args, &nargs);
	if (rc != 0)
		return rc == 1 ? 0 : rc;
	struct store_options so;
	if ((rc = db_settings_check(&cmd, &s, &so)) != 0)
		return rc;
	struct store *db = db_open(name, &s, &so);
	if (db == NULL)
		return 1;
	char err[512];
	if (migrate_check(db, err, sizeof err) != 0) {
		fprintf(stderr, "samskab %s: %s\n", name, err);
		store_close(db);
		return 1;
	}
	struct region *a = region_new();
	const struct job j = { name, table, args, nargs };
	rc = store_begin(db) == STORE_OK ? (table ? terms(db, a, &j) : organisations(db, a, &j)) : 1;
	if (rc == 0 && store_commit(db) != STORE_OK) {
		fprintf(stderr, "samskab %s: %s\n", name, store_error(db));
		rc = 1;
	}
	if (rc != 0)
		store_rollback(db);
	region_free(a);
	store_close(db);
	return rc;
}

int cmd_area(int argc, char **argv)
{
	return run("area", &area_terms,
		   "list | add NAME [DESCRIPTION] | edit ID NAME [DESCRIPTION] | retire ID | restore ID | delete ID",
		   "Keep the local areas: an area in use is retired (no longer offered for new arenas, "
		   "organisations or roles; its page stays), one nothing uses may be deleted.",
		   argc, argv);
}

int cmd_theme(int argc, char **argv)
{
	return run("theme", &theme_terms,
		   "list | add NAME [DESCRIPTION] | edit ID NAME [DESCRIPTION] | retire ID | restore ID | delete ID",
		   "Keep the themes arenas are about: a theme in use is retired (no longer offered for new "
		   "arenas; its page stays), one nothing uses may be deleted.",
		   argc, argv);
}

int cmd_organisation(int argc, char **argv)
{
	return run("organisation", NULL,
		   "list | add NAME SECTOR [WEBSITE] | edit ID NAME SECTOR [WEBSITE] | retire ID | restore ID | "
		   "delete ID",
		   "Keep the organisations (SECTOR: public, private, voluntary or citizen): one that takes part "
		   "in anything is retired, not deleted.",
		   argc, argv);
}
