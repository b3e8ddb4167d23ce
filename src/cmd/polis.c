/*
 * polis.c: `samskab polis-import DIR [--arena ID]` and `samskab
 * polis-export ARENA DIR`: an arena's dialogue in and out of Pol.is's
 * openData format (comments.csv, votes.csv, participants-votes.csv,
 * summary.csv). Votes there are agree = 1, disagree = -1, pass = 0: the
 * same sign as samskab's, so no vote is turned around on the way.
 *
 * Import, all in one transaction, into an existing arena or a new one on
 * the first theme, titled by summary.csv's topic (else the directory's
 * name) and described by its conversation-description: every voter and
 * author becomes a new pseudonymous participant (no cookie, no account),
 * every comment a statement with its text (moderated -1: rejected; 0 and
 * 1: accepted, as both count in Pol.is's math), is-meta, is-seed and its
 * comment-id as external id; every row of votes.csv goes into the vote
 * history (times in milliseconds) and the latest per voter and comment is
 * the current vote. participants-votes.csv has no times: its votes are
 * recorded at the time of the import. Then the map is computed once, as
 * the background job would, so the pages show it at once. Participants
 * are made in the order of their first vote and statements in the order
 * of comments.csv, so the map is the one `samskab opinion DIR` computes.
 *
 * Export: comments.csv (comment-id: an imported statement's Pol.is
 * comment-id, the others numbered on after the largest), votes.csv (the
 * whole history in time order), participants-votes.csv (current votes,
 * with each voter's group in the stored map) and summary.csv, each
 * written whole to a temporary file and renamed into place. Participants
 * are numbered in this dialogue, as Pol.is numbers its pids: 0, 1, 2, ...
 * for the voters in the order of their first vote, then the authors who
 * never voted, the same number in author-id, voter-id and participant.
 * Never samskab's participant id: that is one per person across all
 * arenas, so open data carrying it would link a person's votes across
 * dialogues. `samskab opinion` and polis-import read the files back to
 * the same votes and the same map.
 *
 * A comment longer than the 280 characters a statement may have here is
 * imported as Pol.is had it (real conversations have comments of 400),
 * and named with its file and line on stderr; one longer than Pol.is
 * itself allows (1,000) is bad input.
 *
 * Exit status: 0 done, 1 bad input (the message names file and line; the
 * database is left as it was) or a failed database, 2 bad usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cmd/cmd.h"
#include "core/i18n.h"
#include "core/mem.h"
#include "core/utf8.h"
#include "model/arena.h"
#include "model/dialogue.h"
#include "model/opinion_map.h"
#include "model/participant.h"
#include "model/theme.h"
#include "opinion/opendata.h"
#include "store/migrate.h"

/* What polis-import reads besides the votes (struct opendata): per
 * statement index its text, author (voter-id, -1 none), time (ms, -1
 * none) and seed flag; summary.csv's topic and description, or NULL. */
struct conversation {
	struct opendata od;
	const char **body;
	int64_t *author, *created_ms;
	uint8_t *seed;
	const char *topic, *description;
	struct region *a;
};

/* Column index of name in the header record, or -1. */
static int column(const struct csv *c, const char *name)
{
	for (size_t i = 0; i < c->nfield; i++)
		if (csv_eq(c, i, name))
			return (int)i;
	return -1;
}

/* A whole number; 0, or -1 if the field is not one. */
static int field_int(const struct csv_field *f, int64_t *out)
{
	char tmp[24];
	if (f->len == 0 || f->len >= sizeof tmp)
		return -1;
	memcpy(tmp, f->s, f->len);
	tmp[f->len] = '\0';
	char *end;
	errno = 0;
	long long v = strtoll(tmp, &end, 10);
	if (*end || errno || tmp[0] == '+' || tmp[0] == ' ')
		return -1;
	*out = v;
	return 0;
}

/* The longest comment Pol.is takes, in characters: longer is not one. */
#define POLIS_COMMENT_MAX 1000

/* Reads comments.csv again for what struct opendata does not keep: 0, or
 * 1 after a message naming the file and line. Comments longer than a
 * statement here are named on stderr and *long_ones counts them. */
static int read_comment_texts(struct conversation *cv, const char *dir, size_t *long_ones)
{
	struct polisdir_file f;
	int rc = polisdir_open(&f, "polis-import", dir, "comments.csv", 0);
	uint32_t ns = cv->od.n_statements, i = 0;
	cv->body = region_calloc(cv->a, ns + 1, sizeof *cv->body);
	cv->author = region_calloc(cv->a, ns + 1, sizeof *cv->author);
	cv->created_ms = region_calloc(cv->a, ns + 1, sizeof *cv->created_ms);
	cv->seed = region_calloc(cv->a, ns + 1, 1);
	const char *bad = NULL;
	int id_col = -1, body_col = -1, author_col = -1, time_col = -1, seed_col = -1;
	if (rc == 0 && (rc = csv_next(&f.csv)) == 1) {
		id_col = column(&f.csv, "comment-id");
		body_col = column(&f.csv, "comment-body");
		author_col = column(&f.csv, "author-id");
		time_col = column(&f.csv, "timestamp");
		seed_col = column(&f.csv, "is-seed");
		if (body_col < 0)
			bad = "no column 'comment-body'";
	}
	while (bad == NULL && rc == 1 && (rc = csv_next(&f.csv)) == 1 && i < ns) {
		const struct csv_field *fl = f.csv.field;
		int64_t id;
		if (id_col < 0 || field_int(&fl[id_col], &id) != 0 || id != cv->od.statement_id[i])
			bad = "comment-id is not the one read before";
		else if (fl[body_col].len == 0)
			bad = "comment-body is empty";
		else if (!utf8_valid(fl[body_col].s, fl[body_col].len))
			bad = "comment-body is not valid UTF-8";
		else if (utf8_length(region_strndup(cv->a, fl[body_col].s, fl[body_col].len)) > POLIS_COMMENT_MAX)
			bad = "comment-body is longer than the 1,000 characters Pol.is allows";
		else if (author_col >= 0 && fl[author_col].len && field_int(&fl[author_col], &cv->author[i]) != 0)
			bad = "author-id must be empty or a whole number";
		else if (time_col >= 0 && field_int(&fl[time_col], &cv->created_ms[i]) != 0)
			bad = "timestamp is not a whole number";
		else if (seed_col >= 0 && !csv_eq(&f.csv, (size_t)seed_col, "true") &&
			 !csv_eq(&f.csv, (size_t)seed_col, "false"))
			bad = "is-seed must be true or false";
		if (bad)
			break;
		if (author_col < 0 || fl[author_col].len == 0)
			cv->author[i] = -1;
		if (time_col < 0)
			cv->created_ms[i] = -1;
		cv->seed[i] = seed_col >= 0 && csv_eq(&f.csv, (size_t)seed_col, "true");
		cv->body[i] = region_strndup(cv->a, fl[body_col].s, fl[body_col].len);
		size_t chars = utf8_length(cv->body[i]);
		if (chars > STATEMENT_MAX) {
			fprintf(stderr, "samskab polis-import: %s: line %lu: comment-id %lld has %zu characters, more "
					"than the %d a statement may have here; imported as it is\n",
				f.path, f.csv.line, (long long)cv->od.statement_id[i], chars, STATEMENT_MAX);
			(*long_ones)++;
		}
		i++;
	}
	if (bad)
		fprintf(stderr, "samskab polis-import: %s: line %lu: %s\n", f.path, f.csv.line, bad);
	else if (rc < 0 && f.fd >= 0)
		fprintf(stderr, "samskab polis-import: %s: %s\n", f.path, csv_error(&f.csv));
	polisdir_close(&f);
	return bad || rc < 0 ? 1 : 0;
}

/* summary.csv's topic and conversation-description, when it is there. */
static int read_summary(struct conversation *cv, const char *dir)
{
	struct polisdir_file f;
	int rc = polisdir_open(&f, "polis-import", dir, "summary.csv", 1);
	while (rc == 0 && (rc = csv_next(&f.csv)) == 1) {
		if (f.csv.nfield >= 2 && (csv_eq(&f.csv, 0, "topic") || csv_eq(&f.csv, 0, "conversation-description"))) {
			const char *v = region_strndup(cv->a, f.csv.field[1].s, f.csv.field[1].len);
			*(csv_eq(&f.csv, 0, "topic") ? &cv->topic : &cv->description) = v;
		}
		rc = 0;
	}
	if (rc < 0 && f.fd >= 0)
		fprintf(stderr, "samskab polis-import: %s: %s\n", f.path, csv_error(&f.csv));
	polisdir_close(&f);
	return rc < 0 ? 1 : 0;
}

/* A Pol.is id and the participant made for it. */
struct person {
	int64_t key, pid;
};

static int person_cmp(const void *x, const void *y)
{
	const struct person *a = x, *b = y;
	return (a->key > b->key) - (a->key < b->key);
}

static int64_t person_find(const struct person *p, size_t n, int64_t key)
{
	struct person k = { key, 0 };
	const struct person *hit = bsearch(&k, p, n, sizeof *p, person_cmp);
	return hit ? hit->pid : 0;
}

/* Orders vote indices by voter, comment, time and then place in the file:
 * the last of each voter and comment is the current vote. */
static int vote_cmp(const void *x, const void *y, void *ctx)
{
	const struct opendata *od = ctx;
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	const struct opinion_vote *a = &od->votes[i], *b = &od->votes[j];
	if (a->participant != b->participant)
		return a->participant < b->participant ? -1 : 1;
	if (a->statement != b->statement)
		return a->statement < b->statement ? -1 : 1;
	int64_t ta = od->times ? od->times[i] : 0, tb = od->times ? od->times[j] : 0;
	if (ta != tb)
		return ta < tb ? -1 : 1;
	return (i > j) - (i < j);
}

/* Counts of what an import added, for the closing line. */
struct tally {
	size_t participants, statements, rejected, history, current;
	size_t long_ones; /* statements longer than the form allows */
};

/* Writes the conversation into arena_id in the caller's transaction; a
 * model code (a message is printed for refused input). */
static enum model_rc import_into(struct store *db, struct conversation *cv, int64_t arena_id,
				 const char *lang, struct tally *t)
{
	const struct opendata *od = &cv->od;
	struct region *a = cv->a;
	int64_t now_ms = model_now() * 1000;
	/* Voters first, in the order of their first vote, then authors who
	 * never voted. */
	size_t np = od->n_participants, nperson = 0;
	struct person *people = region_calloc(a, np + od->n_statements + 1, sizeof *people);
	enum model_rc rc = MODEL_OK;
	for (size_t i = 0; rc == MODEL_OK && i < np; i++) {
		people[nperson].key = od->participant_id[i];
		rc = participant_add_detached(db, &people[nperson++].pid);
	}
	qsort(people, nperson, sizeof *people, person_cmp);
	for (uint32_t s = 0; rc == MODEL_OK && s < od->n_statements; s++) {
		if (cv->author[s] < 0 || person_find(people, nperson, cv->author[s]))
			continue;
		people[nperson].key = cv->author[s];
		rc = participant_add_detached(db, &people[nperson++].pid);
		qsort(people, nperson, sizeof *people, person_cmp);
	}
	t->participants = nperson;

	int64_t *sids = region_calloc(a, od->n_statements + 1, sizeof *sids);
	for (uint32_t s = 0; rc == MODEL_OK && s < od->n_statements; s++) {
		int out = (od->flags[s] & OPINION_MODERATED_OUT) != 0;
		struct statement st = {
			.arena_id = arena_id,
			.participant_id = cv->author[s] >= 0 ? person_find(people, nperson, cv->author[s]) : 0,
			.text = cv->body[s],
			.lang = lang,
			.status = out ? STATEMENT_REJECTED : STATEMENT_ACCEPTED,
			.seed = cv->seed[s],
			.meta = (od->flags[s] & OPINION_META) != 0,
			.external_id = od->statement_id[s],
			.created_at = (cv->created_ms[s] >= 0 ? cv->created_ms[s] : now_ms) / 1000,
		};
		rc = statement_import(db, &st, &sids[s]);
		t->rejected += out;
	}
	t->statements = od->n_statements;
	if (rc != MODEL_OK)
		return rc;

	/* Every row into the history; the latest per voter and comment is
	 * the current vote. */
	size_t nv = od->n_votes;
	int64_t *pid_of = region_calloc(a, np + 1, sizeof *pid_of);
	for (size_t i = 0; i < np; i++)
		pid_of[i] = person_find(people, nperson, od->participant_id[i]);
	struct dialogue_vote *all = region_calloc(a, nv + 1, sizeof *all);
	for (size_t i = 0; i < nv; i++)
		all[i] = (struct dialogue_vote){ pid_of[od->votes[i].participant], sids[od->votes[i].statement],
						 od->votes[i].value, od->times ? od->times[i] : now_ms };
	size_t *order = region_calloc(a, nv + 1, sizeof *order);
	for (size_t i = 0; i < nv; i++)
		order[i] = i;
	qsort_r(order, nv, sizeof *order, vote_cmp, (void *)od);
	struct dialogue_vote *current = region_calloc(a, nv + 1, sizeof *current);
	size_t nc = 0;
	for (size_t k = 0; k < nv; k++) {
		const struct opinion_vote *v = &od->votes[order[k]], *next = k + 1 < nv ? &od->votes[order[k + 1]] : NULL;
		if (next == NULL || next->participant != v->participant || next->statement != v->statement)
			current[nc++] = all[order[k]];
	}
	rc = vote_import(db, arena_id, all, nv, 0);
	if (rc == MODEL_OK)
		rc = vote_import(db, arena_id, current, nc, 1);
	t->history = nv;
	t->current = nc;
	return rc;
}

/* Comment-ids the arena already has from an earlier import: importing
 * them again would make two statements of one comment-id. */
static enum model_rc check_new_comments(struct store *db, struct region *a, const struct opendata *od,
					int64_t arena_id)
{
	struct statement *have;
	size_t n = 0;
	enum model_rc rc = statement_list(db, a, arena_id, -1, &have, &n);
	for (size_t i = 0; rc == MODEL_OK && i < n; i++)
		for (uint32_t s = 0; have[i].external_id >= 0 && s < od->n_statements; s++)
			if (od->statement_id[s] == have[i].external_id) {
				fprintf(stderr, "samskab polis-import: arena %lld already has comment-id %lld\n",
					(long long)arena_id, (long long)have[i].external_id);
				return MODEL_CONFLICT;
			}
	return rc;
}

/* A new arena for the conversation: on the first theme, titled by
 * summary.csv's topic or the directory's name. */
static enum model_rc new_arena(struct store *db, struct conversation *cv, const char *dir, const char *lang,
			       int64_t *id)
{
	struct term *themes;
	size_t nthemes = 0;
	enum model_rc rc = theme_list(db, cv->a, &themes, &nthemes);
	if (rc == MODEL_OK && nthemes == 0) {
		fprintf(stderr, "samskab polis-import: no theme to put a new arena under: make one first\n");
		return MODEL_INVALID;
	}
	if (rc != MODEL_OK)
		return rc;
	const char *title = cv->topic;
	if (title == NULL) {
		size_t end = strlen(dir);
		while (end > 1 && dir[end - 1] == '/')
			end--;
		size_t start = end;
		while (start > 0 && dir[start - 1] != '/')
			start--;
		title = region_strndup(cv->a, dir + start, end - start);
	}
	struct arena in = { .title = title, .theme_id = themes[0].id,
			    .description = cv->description ? cv->description : "", .lang = lang };
	struct field_errors errs = { .n = 0 };
	rc = arena_create(db, &in, NULL, 0, 0, "polis-import", id, &errs);
	for (int i = 0; rc == MODEL_INVALID && i < errs.n; i++)
		fprintf(stderr, "samskab polis-import: the arena's %s (%s): %s\n", errs.items[i].field,
			cv->topic ? "summary.csv" : "the directory's name",
			msg_get(i18n_find("en"), errs.items[i].msg));
	return rc;
}

/* A language code as BCP 47 has them: "en", "da", "pt-BR". */
static int lang_ok(const char *s)
{
	size_t n = strlen(s), primary = strspn(s, "abcdefghijklmnopqrstuvwxyz");
	if (primary < 2 || primary > 3 || n > 35)
		return 0;
	for (const char *p = s + primary; *p; p++)
		if (*p != '-' && !(*p >= 'a' && *p <= 'z') && !(*p >= 'A' && *p <= 'Z') && !(*p >= '0' && *p <= '9'))
			return 0;
	return s[n - 1] != '-';
}

/* The database named by the settings, checked to be migrated; NULL after
 * a message. */
static struct store *open_db(const struct opt_cmd *cmd, const struct db_settings *s, int *rc)
{
	struct store_options so;
	if ((*rc = db_settings_check(cmd, s, &so)) != 0)
		return NULL;
	*rc = 1;
	struct store *db = db_open(cmd->name, s, &so);
	char err[512];
	if (db && migrate_check(db, err, sizeof err) != 0) {
		fprintf(stderr, "samskab %s: %s\n", cmd->name, err);
		store_close(db);
		db = NULL;
	}
	return db;
}

/* "k groups (sizes ...)", or that there is not enough, from the stored
 * map; -1 when it cannot be read (logged). */
static int print_map(struct store *db, struct region *a, int64_t arena_id)
{
	struct opinion_map m;
	enum model_rc rc = opinion_map_load(db, a, arena_id, &m);
	if (rc != MODEL_OK && rc != MODEL_NOT_FOUND)
		return -1;
	if (rc == MODEL_NOT_FOUND || !m.ready) {
		printf("map: not enough to show yet\n");
	} else {
		printf("map: %d groups (sizes", m.k);
		for (int g = 0; g < m.k; g++)
			printf("%s %u", g ? "," : "", m.size[g]);
		printf(")\n");
	}
	opinion_map_free(&m);
	return 0;
}

int cmd_polis_import(int argc, char **argv)
{
	struct db_settings s = DB_SETTINGS_DEFAULT;
	long arena_id = 0;
	const char *lang = "en";
	const struct opt opts[] = {
		DB_OPTS(s),
		{ "arena", NULL, OPT_INT, &arena_id, 1, 1L << 53, "ID",
		  "import into this arena (default: a new arena on the first theme)" },
		{ "lang", NULL, OPT_STR, &lang, 0, 0, "CODE",
		  "the language the conversation is written in (default en)" },
	};
	const struct opt_cmd cmd = {
		"polis-import", "DIR [options]",
		"Import a Pol.is openData conversation (comments.csv, and votes.csv or else "
		"participants-votes.csv; summary.csv for a new arena's title) into one arena, in one "
		"transaction, and compute its opinion map.",
		opts, sizeof opts / sizeof opts[0], 1, 1
	};
	char *args[1];
	int nargs, rc = opt_parse(&cmd, argc, argv, args, &nargs);
	if (rc != 0)
		return rc == 1 ? 0 : rc;
	if (!lang_ok(lang))
		return opt_fail(&cmd, "lang", lang, "must be a language code such as en or da");
	struct conversation cv = { .a = region_new() };
	opendata_init(&cv.od);
	struct store *db = NULL;
	struct tally t = { 0 };
	int64_t id = arena_id;
	rc = 1;
	if (polisdir_read(&cv.od, cmd.name, args[0], NULL) != 0 || read_comment_texts(&cv, args[0], &t.long_ones) != 0 ||
	    (arena_id == 0 && read_summary(&cv, args[0]) != 0))
		goto out;
	if ((db = open_db(&cmd, &s, &rc)) == NULL)
		goto out;
	rc = 1;
	struct arena existing;
	enum model_rc mrc = store_begin(db) == STORE_OK ? MODEL_OK : MODEL_UNAVAILABLE;
	if (mrc == MODEL_OK && arena_id) {
		mrc = arena_get(db, cv.a, arena_id, &existing);
		if (mrc == MODEL_NOT_FOUND)
			fprintf(stderr, "samskab polis-import: no arena %ld\n", arena_id);
		if (mrc == MODEL_OK)
			mrc = check_new_comments(db, cv.a, &cv.od, arena_id);
	} else if (mrc == MODEL_OK) {
		mrc = new_arena(db, &cv, args[0], lang, &id);
	}
	if (mrc == MODEL_OK)
		mrc = import_into(db, &cv, id, lang, &t);
	if (mrc == MODEL_OK && store_commit(db) != STORE_OK)
		mrc = MODEL_UNAVAILABLE;
	if (mrc != MODEL_OK) {
		if (mrc != MODEL_NOT_FOUND && mrc != MODEL_CONFLICT && mrc != MODEL_INVALID)
			fprintf(stderr, "samskab polis-import: %s: nothing imported\n", store_error(db));
		store_rollback(db);
		goto out;
	}
	printf("arena %lld: %zu participants, %zu statements (%zu rejected, %zu longer than %d characters), "
	       "%zu votes (%zu current)\n",
	       (long long)id, t.participants, t.statements, t.rejected, t.long_ones, STATEMENT_MAX, t.history,
	       t.current);
	struct opinion_tracker *tracker = opinion_tracker_new(id);
	mrc = opinion_map_refresh(db, tracker);
	opinion_tracker_free(tracker);
	if (mrc != MODEL_OK) {
		fprintf(stderr, "samskab polis-import: imported, but the map could not be computed now (%s); "
				"the server's background job will\n",
			store_error(db));
		goto out;
	}
	if (print_map(db, cv.a, id) != 0) {
		fprintf(stderr, "samskab polis-import: imported, but the stored map cannot be read (see the log)\n");
		goto out;
	}
	rc = fflush(stdout) == 0 ? 0 : 1;
out:
	if (db)
		store_close(db);
	opendata_free(&cv.od);
	region_free(cv.a);
	return rc;
}

/* A file being written: records go to a buffer, the buffer to
 * DIR/name.tmp, which is renamed to DIR/name once it is whole. */
struct outfile {
	FILE *f;
	struct buf b;
	char path[4096], tmp[4100];
	int failed;
};

#define OUT_FLUSH ((size_t)1 << 20)

static int out_open(struct outfile *o, const char *dir, const char *name)
{
	buf_init(&o->b, 64 * OUT_FLUSH);
	o->failed = (size_t)snprintf(o->path, sizeof o->path, "%s/%s", dir, name) >= sizeof o->path;
	snprintf(o->tmp, sizeof o->tmp, "%s.tmp", o->path);
	o->f = o->failed ? NULL : fopen(o->tmp, "w");
	if (o->f == NULL)
		fprintf(stderr, "samskab polis-export: %s: %s\n", o->tmp, o->failed ? "path too long" : strerror(errno));
	o->failed = o->f == NULL;
	return o->failed ? 1 : 0;
}

static void out_flush(struct outfile *o)
{
	if (o->b.overflow || fwrite(o->b.data ? o->b.data : "", 1, o->b.len, o->f) != o->b.len)
		o->failed = 1;
	buf_reset(&o->b);
}

/* Ends a record; the buffer goes to the file when it has grown large. */
static void out_record(struct outfile *o)
{
	csv_end(&o->b);
	if (o->b.len >= OUT_FLUSH || o->b.overflow)
		out_flush(o);
}

/* Writes the rest and renames the file into place; 0, or 1 after a
 * message (and the temporary file removed). */
static int out_close(struct outfile *o)
{
	if (o->f == NULL) {
		buf_free(&o->b);
		return 1;
	}
	out_flush(o);
	if (fclose(o->f) != 0)
		o->failed = 1;
	if (!o->failed && rename(o->tmp, o->path) != 0)
		o->failed = 1;
	if (o->failed) {
		fprintf(stderr, "samskab polis-export: %s: %s\n", o->path,
			o->b.overflow ? "a record too large" : strerror(errno));
		remove(o->tmp);
	}
	buf_free(&o->b);
	return o->failed ? 1 : 0;
}

/* Pol.is's datetime column ("Wed Jul 27 15:09:49 UTC 2022"), in UTC. */
static void put_datetime(struct buf *b, int64_t ms)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	char text[64];
	gmtime_r(&t, &tm);
	strftime(text, sizeof text, "%a %b %d %H:%M:%S UTC %Y", &tm);
	csv_put(b, text);
}

/* What polis-export writes, read in one snapshot. */
struct dialogue_dump {
	struct arena arena;
	struct statement *stmts; /* by id */
	int64_t *comment_id;     /* per statement */
	size_t ns;
	struct dialogue_vote *history, *current;
	size_t nh, nc;
	int64_t *voters; /* in the order of their first vote */
	size_t nvoters;
	struct opinion_map map; /* the stored map; k 0 and no participants when there is none */
};

/* The statement's index in d->stmts, or -1 (a statement since deleted). */
static long stmt_index(const struct dialogue_dump *d, int64_t id)
{
	const struct statement *s = statement_find(d->stmts, d->ns, id);
	return s ? (long)(s - d->stmts) : -1;
}

static enum model_rc dump_read(struct store *db, struct region *a, int64_t arena_id, struct dialogue_dump *d)
{
	enum model_rc rc = store_begin_read(db) == STORE_OK ? MODEL_OK : MODEL_UNAVAILABLE;
	if (rc == MODEL_OK)
		rc = arena_get(db, a, arena_id, &d->arena);
	if (rc == MODEL_OK)
		rc = statement_list(db, a, arena_id, -1, &d->stmts, &d->ns);
	if (rc == MODEL_OK)
		rc = vote_history_arena(db, a, arena_id, &d->history, &d->nh);
	if (rc == MODEL_OK)
		rc = vote_list_arena(db, a, arena_id, &d->current, &d->nc);
	if (rc == MODEL_OK)
		rc = vote_voters_arena(db, a, arena_id, &d->voters, &d->nvoters);
	enum model_rc mrc = rc == MODEL_OK ? opinion_map_load(db, a, arena_id, &d->map) : MODEL_OK;
	/* The map only adds each voter's group: without one (none yet, or a
	 * broken one, logged) the votes go out without groups. */
	if (mrc == MODEL_ERROR)
		fprintf(stderr, "samskab polis-export: the stored opinion map cannot be read; "
				"participants-votes.csv has no groups\n");
	else if (mrc != MODEL_OK && mrc != MODEL_NOT_FOUND)
		rc = mrc;
	store_rollback(db);
	if (rc != MODEL_OK)
		return rc;
	/* Imported statements keep their comment-id; the others follow the
	 * largest, in the order they were written. */
	int64_t next = 0;
	for (size_t i = 0; i < d->ns; i++)
		if (d->stmts[i].external_id >= next)
			next = d->stmts[i].external_id + 1;
	d->comment_id = region_calloc(a, d->ns + 1, sizeof *d->comment_id);
	for (size_t i = 0; i < d->ns; i++)
		d->comment_id[i] = d->stmts[i].external_id >= 0 ? d->stmts[i].external_id : next++;
	return MODEL_OK;
}

/* A participant's row of participants-votes.csv; its index is their
 * number in the export. */
struct row {
	int64_t pid;     /* samskab's participant id: never written out */
	int group;       /* in the stored map; -1: none */
	int comments;    /* statements written */
	size_t first, n; /* their current votes: by_voter[first .. first + n) */
};

/* The rows: voters in the order of their first vote, then authors who
 * never voted; index finds a row by participant id (key: id, pid: row). */
struct people {
	struct row *rows;
	size_t n;
	struct person *index;
	size_t *by_voter; /* indices of d->current, grouped by row */
	size_t ngroups, commenters;
};

static struct row *row_of(const struct people *pp, int64_t pid)
{
	struct person k = { pid, 0 }, *hit = bsearch(&k, pp->index, pp->n, sizeof k, person_cmp);
	return hit ? &pp->rows[hit->pid] : NULL;
}

/* The participant's number in this export: their row of
 * participants-votes.csv, from 0. Every voter and author has a row, as
 * people_of read them from the same snapshot. */
static int64_t number_of(const struct people *pp, int64_t pid)
{
	return (int64_t)(row_of(pp, pid) - pp->rows);
}

static void add_row(struct people *pp, int64_t pid)
{
	pp->rows[pp->n] = (struct row){ pid, -1, 0, 0, 0 };
	pp->index[pp->n] = (struct person){ pid, (int64_t)pp->n };
	pp->n++;
	qsort(pp->index, pp->n, sizeof *pp->index, person_cmp);
}

static void people_of(const struct dialogue_dump *d, struct region *a, struct people *pp)
{
	size_t cap = d->nvoters + d->ns + 1;
	pp->rows = region_calloc(a, cap, sizeof *pp->rows);
	pp->index = region_calloc(a, cap, sizeof *pp->index);
	pp->n = 0;
	for (size_t i = 0; i < d->nvoters; i++) {
		pp->rows[i] = (struct row){ d->voters[i], -1, 0, 0, 0 };
		pp->index[i] = (struct person){ d->voters[i], (int64_t)i };
	}
	pp->n = d->nvoters;
	qsort(pp->index, pp->n, sizeof *pp->index, person_cmp);
	pp->commenters = 0;
	for (size_t s = 0; s < d->ns; s++) {
		int64_t author = d->stmts[s].participant_id;
		if (author == 0)
			continue;
		if (row_of(pp, author) == NULL)
			add_row(pp, author);
		pp->commenters += row_of(pp, author)->comments++ == 0;
	}
	pp->ngroups = (size_t)d->map.k;
	for (size_t i = 0; i < d->map.nparts; i++) {
		struct row *r = row_of(pp, d->map.parts[i].id);
		if (r)
			r->group = d->map.parts[i].group;
	}
	/* Current votes grouped by voter: count, place, fill. */
	pp->by_voter = region_calloc(a, d->nc + 1, sizeof *pp->by_voter);
	for (size_t v = 0; v < d->nc; v++)
		row_of(pp, d->current[v].participant_id)->n++;
	for (size_t r = 0, at = 0; r < pp->n; r++) {
		pp->rows[r].first = at;
		at += pp->rows[r].n;
		pp->rows[r].n = 0;
	}
	for (size_t v = 0; v < d->nc; v++) {
		struct row *r = row_of(pp, d->current[v].participant_id);
		pp->by_voter[r->first + r->n++] = v;
	}
}

static int moderated(enum statement_status s)
{
	return s == STATEMENT_ACCEPTED ? 1 : s == STATEMENT_REJECTED ? -1 : 0;
}

static int write_comments(const struct dialogue_dump *d, const struct people *pp, const char *dir)
{
	struct outfile o;
	if (out_open(&o, dir, "comments.csv") != 0)
		return 1;
	static const char *const head[] = { "timestamp", "datetime", "comment-id", "author-id", "agrees",
					    "disagrees", "moderated", "is-meta", "is-seed", "comment-body" };
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
		csv_put(&o.b, head[i]);
	out_record(&o);
	for (size_t i = 0; i < d->ns; i++) {
		const struct statement *s = &d->stmts[i];
		csv_put_int(&o.b, s->created_at * 1000);
		put_datetime(&o.b, s->created_at * 1000);
		csv_put_int(&o.b, d->comment_id[i]);
		if (s->participant_id)
			csv_put_int(&o.b, number_of(pp, s->participant_id));
		else
			csv_put(&o.b, "");
		csv_put_int(&o.b, s->agree);
		csv_put_int(&o.b, s->disagree);
		csv_put_int(&o.b, moderated(s->status));
		csv_put(&o.b, s->meta ? "true" : "false");
		csv_put(&o.b, s->seed ? "true" : "false");
		csv_put(&o.b, s->text);
		out_record(&o);
	}
	return out_close(&o);
}

static int write_votes(const struct dialogue_dump *d, const struct people *pp, const char *dir)
{
	struct outfile o;
	if (out_open(&o, dir, "votes.csv") != 0)
		return 1;
	static const char *const head[] = { "timestamp", "datetime", "comment-id", "voter-id", "vote" };
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
		csv_put(&o.b, head[i]);
	out_record(&o);
	for (size_t i = 0; i < d->nh; i++) {
		const struct dialogue_vote *v = &d->history[i];
		long s = stmt_index(d, v->statement_id);
		if (s < 0)
			continue;
		csv_put_int(&o.b, v->voted_at);
		put_datetime(&o.b, v->voted_at);
		csv_put_int(&o.b, d->comment_id[s]);
		csv_put_int(&o.b, number_of(pp, v->participant_id));
		csv_put_int(&o.b, v->value);
		out_record(&o);
	}
	return out_close(&o);
}

static int write_participants(const struct dialogue_dump *d, const struct people *pp, const char *dir,
			      struct region *a)
{
	struct outfile o;
	if (out_open(&o, dir, "participants-votes.csv") != 0)
		return 1;
	static const char *const head[] = { "participant", "xid", "group-id", "n-comments", "n-votes",
					    "n-agree", "n-disagree" };
	for (size_t h = 0; h < sizeof head / sizeof head[0]; h++)
		csv_put(&o.b, head[h]);
	for (size_t s = 0; s < d->ns; s++)
		csv_put_int(&o.b, d->comment_id[s]);
	out_record(&o);
	signed char *vote = region_alloc(a, d->ns + 1);
	for (size_t r = 0; r < pp->n; r++) {
		const struct row *row = &pp->rows[r];
		memset(vote, 2, d->ns); /* 2: no vote */
		int agree = 0, disagree = 0;
		for (size_t k = 0; k < row->n; k++) {
			const struct dialogue_vote *v = &d->current[pp->by_voter[row->first + k]];
			long s = stmt_index(d, v->statement_id);
			if (s >= 0)
				vote[s] = (signed char)v->value;
			agree += v->value == 1;
			disagree += v->value == -1;
		}
		csv_put_int(&o.b, (int64_t)r); /* the participant's number */
		csv_put(&o.b, "");
		if (row->group >= 0)
			csv_put_int(&o.b, row->group);
		else
			csv_put(&o.b, "");
		csv_put_int(&o.b, row->comments);
		csv_put_int(&o.b, (int64_t)row->n);
		csv_put_int(&o.b, agree);
		csv_put_int(&o.b, disagree);
		for (size_t s = 0; s < d->ns; s++)
			if (vote[s] == 2)
				csv_put(&o.b, "");
			else
				csv_put_int(&o.b, vote[s]);
		out_record(&o);
	}
	return out_close(&o);
}

static int write_summary(const struct dialogue_dump *d, const struct people *pp, const char *dir)
{
	struct outfile o;
	if (out_open(&o, dir, "summary.csv") != 0)
		return 1;
	const struct {
		const char *key, *text;
		int64_t n;
	} rows[] = {
		{ "topic", d->arena.title, 0 },
		{ "voters", NULL, (int64_t)d->nvoters },
		{ "commenters", NULL, (int64_t)pp->commenters },
		{ "comments", NULL, (int64_t)d->ns },
		{ "groups", NULL, (int64_t)pp->ngroups },
		{ "conversation-description", d->arena.description ? d->arena.description : "", 0 },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		csv_put(&o.b, rows[i].key);
		if (rows[i].text)
			csv_put(&o.b, rows[i].text);
		else
			csv_put_int(&o.b, rows[i].n);
		out_record(&o);
	}
	return out_close(&o);
}

int cmd_polis_export(int argc, char **argv)
{
	struct db_settings s = DB_SETTINGS_DEFAULT;
	const struct opt opts[] = { DB_OPTS(s) };
	const struct opt_cmd cmd = {
		"polis-export", "ARENA DIR [options]",
		"Write an arena's dialogue as a Pol.is openData conversation into DIR (made if "
		"missing): comments.csv, votes.csv (every vote cast, agree = 1), "
		"participants-votes.csv (the current votes and the groups of the map) and summary.csv.",
		opts, sizeof opts / sizeof opts[0], 2, 2
	};
	char *args[2];
	int nargs, rc = opt_parse(&cmd, argc, argv, args, &nargs);
	if (rc != 0)
		return rc == 1 ? 0 : rc;
	char *end;
	long long arena_id = strtoll(args[0], &end, 10);
	if (*end || arena_id <= 0) {
		fprintf(stderr, "samskab polis-export: ARENA must be an arena's id, not '%s'\n", args[0]);
		return 2;
	}
	struct store *db = open_db(&cmd, &s, &rc);
	if (db == NULL)
		return rc;
	struct region *a = region_new();
	struct dialogue_dump d = { 0 };
	struct people pp;
	rc = 1;
	enum model_rc mrc = dump_read(db, a, arena_id, &d);
	if (mrc != MODEL_OK) {
		if (mrc == MODEL_NOT_FOUND)
			fprintf(stderr, "samskab polis-export: no arena %lld\n", arena_id);
		else
			fprintf(stderr, "samskab polis-export: %s\n", store_error(db));
		goto out;
	}
	if (mkdir(args[1], 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "samskab polis-export: %s: %s\n", args[1], strerror(errno));
		goto out;
	}
	people_of(&d, a, &pp);
	if (write_comments(&d, &pp, args[1]) != 0 || write_votes(&d, &pp, args[1]) != 0 ||
	    write_participants(&d, &pp, args[1], a) != 0 || write_summary(&d, &pp, args[1]) != 0)
		goto out;
	printf("arena %lld: %zu statements, %zu votes (%zu current) by %zu voters written to %s\n", arena_id,
	       d.ns, d.nh, d.nc, d.nvoters, args[1]);
	rc = fflush(stdout) == 0 ? 0 : 1;
out:
	opinion_map_free(&d.map);
	region_free(a);
	store_close(db);
	return rc;
}
