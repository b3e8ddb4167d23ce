/*
 * export.c: streamed exports (see export.h).
 *
 * An export is a plan of parts (a table each: its query and its columns)
 * written one after the other: a CSV file is one part with a header row;
 * a JSON document is an object with a member per part. export_read
 * fills a buffer with at least a chunk of rows (or the rest) and hands it
 * out piece by piece, so memory holds one chunk; only the numbering of
 * participants (one entry per voter) and an arena's statement ids grow
 * with the arena, never with its votes.
 */
#include "model/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/idmap.h"
#include "core/mem.h"
#include "core/tz.h"
#include "core/utf8.h"
#include "model/dialogue.h"

#define CHUNK ((size_t)64 << 10)     /* rows are written until this much waits */
#define OUT_MAX ((size_t)16 << 20)   /* a chunk and the longest row */

enum col_type {
	C_INT,    /* integer; SQL NULL: empty (null in JSON) */
	C_TEXT,   /* free text */
	C_BOOL,   /* 0 or 1: false or true */
	C_TIME,   /* Unix seconds: ISO 8601 local time */
	C_MS,     /* Unix milliseconds: ISO 8601 local time */
	C_PERSON, /* a participant id: their number in this export */
};

struct column {
	const char *name;
	enum col_type type;
};

enum bind { BIND_NONE, BIND_ARENA, BIND_STATEMENT };

enum part_id { P_ARENA, P_ARENA_AREAS, P_STATEMENTS, P_VOTES, P_ACTIVITIES, P_PROPOSALS, P_STEPS, P_SIGNUPS,
	       P_AREAS, P_THEMES, P_ORGANISATIONS, P_STORIES, P_ARENAS, P__MAX };

struct part {
	const char *name;     /* the JSON member, the CSV file's stem */
	struct store_sql *sql;
	enum bind bind;
	int single;           /* one row, written as a JSON object */
	const struct column *cols;
	size_t ncols;
};

#define COLS(a) a, sizeof a / sizeof a[0]

static const struct column arena_cols[] = {
	{ "id", C_INT },	   { "title", C_TEXT },	   { "theme", C_TEXT },	    { "status", C_TEXT },
	{ "phase", C_TEXT },	   { "lang", C_TEXT },	   { "created_at", C_TIME }, { "updated_at", C_TIME },
	{ "description", C_TEXT },
};
static const struct column arena_area_cols[] = { { "id", C_INT }, { "name", C_TEXT } };
static const struct column statement_cols[] = {
	{ "id", C_INT },     { "created_at", C_TIME }, { "author", C_PERSON }, { "status", C_TEXT },
	{ "seed", C_BOOL },  { "meta", C_BOOL },       { "agree", C_INT },     { "disagree", C_INT },
	{ "pass", C_INT },   { "lang", C_TEXT },       { "text", C_TEXT },
};
static const struct column vote_cols[] = {
	{ "statement", C_INT }, { "participant", C_PERSON }, { "vote", C_INT },
	{ "timestamp", C_INT }, { "datetime", C_MS },
};
static const struct column activity_cols[] = {
	{ "id", C_INT },	     { "kind", C_TEXT },	 { "title", C_TEXT },
	{ "starts_at", C_TIME },     { "ends_at", C_TIME },	 { "place", C_TEXT },
	{ "online_url", C_TEXT },    { "capacity", C_INT },	 { "signed_up", C_INT },
	{ "waiting", C_INT },	     { "cancelled", C_BOOL },	 { "step_free", C_BOOL },
	{ "interpretation", C_TEXT }, { "lang", C_TEXT },	 { "description", C_TEXT },
	{ "summary", C_TEXT },	     { "minutes", C_TEXT },
};
static const struct column proposal_cols[] = {
	{ "id", C_INT },	  { "title", C_TEXT },	    { "status", C_TEXT },   { "outcome", C_TEXT },
	{ "question", C_TEXT },	  { "revision", C_INT },    { "frozen_revision", C_INT }, { "supports", C_INT },
	{ "organisations", C_INT }, { "comments", C_INT },  { "created_at", C_TIME }, { "updated_at", C_TIME },
	{ "lang", C_TEXT },	  { "text", C_TEXT },
};
static const struct column step_cols[] = {
	{ "proposal", C_INT },	 { "id", C_INT },	 { "kind", C_TEXT },	  { "happened_on", C_TEXT },
	{ "council", C_TEXT },	 { "meeting_on", C_TEXT }, { "link_url", C_TEXT }, { "outcome", C_TEXT },
	{ "title", C_TEXT },	 { "progress", C_INT },	 { "revision", C_INT },	  { "recorded_at", C_TIME },
	{ "body", C_TEXT },
};
static const struct column signup_cols[] = {
	{ "activity", C_INT },	 { "activity_title", C_TEXT }, { "name", C_TEXT },	 { "email", C_TEXT },
	{ "status", C_TEXT },	 { "interpreter", C_TEXT },    { "step_free", C_BOOL }, { "childcare", C_BOOL },
	{ "other_needs", C_TEXT }, { "signed_up_at", C_TIME },
};
static const struct column term_cols[] = {
	{ "id", C_INT }, { "name", C_TEXT }, { "lang", C_TEXT }, { "description", C_TEXT },
};
static const struct column organisation_cols[] = {
	{ "id", C_INT },      { "name", C_TEXT }, { "sector", C_TEXT }, { "website", C_TEXT },
	{ "area_id", C_INT }, { "area", C_TEXT }, { "lang", C_TEXT },	{ "description", C_TEXT },
};
static const struct column story_cols[] = {
	{ "id", C_INT },       { "title", C_TEXT },   { "published_on", C_TEXT }, { "author", C_TEXT },
	{ "licence", C_TEXT }, { "arena_id", C_INT }, { "area_id", C_INT },	  { "lang", C_TEXT },
	{ "body", C_TEXT },
};
static const struct column arenas_cols[] = {
	{ "id", C_INT },	 { "title", C_TEXT },	   { "theme", C_TEXT },
	{ "status", C_TEXT },	 { "phase", C_TEXT },	   { "lang", C_TEXT },
	{ "created_at", C_TIME }, { "statements", C_INT }, { "activities", C_INT },
	{ "proposals", C_INT },	 { "description", C_TEXT },
};

#define VOTE_COUNT(v) "(SELECT COUNT(*) FROM vote v WHERE v.statement_id = s.id AND v.value = " v ")"
static struct store_sql part_sql[P__MAX] = {
	[P_ARENA] = STORE_SQL("SELECT a.id, a.title, t.name, a.status, COALESCE(p.name, ''), a.lang, "
			      "a.created_at, a.updated_at, a.description FROM arena a JOIN theme t ON "
			      "t.id = a.theme_id LEFT JOIN arena_phase p ON p.id = a.current_phase_id WHERE a.id = ?"),
	[P_ARENA_AREAS] = STORE_SQL("SELECT ar.id, ar.name FROM arena_area x JOIN area ar ON ar.id = x.area_id "
				    "WHERE x.arena_id = ? ORDER BY ar.name_key, ar.id"),
	[P_STATEMENTS] = STORE_SQL("SELECT s.id, s.created_at, s.participant_id, s.status, s.seed, s.meta, "
				   VOTE_COUNT("1") ", " VOTE_COUNT("-1") ", " VOTE_COUNT("0") ", s.lang, s.text "
				   "FROM statement s WHERE s.arena_id = ? ORDER BY s.id"),
	/* One statement's votes, in the order of the covering index. */
	[P_VOTES] = STORE_SQL("SELECT statement_id, participant_id, value, voted_at, voted_at FROM vote_history "
			      "WHERE statement_id = ? ORDER BY voted_at, participant_id, value"),
	[P_ACTIVITIES] = STORE_SQL("SELECT a.id, a.kind, a.title, a.starts_at, a.ends_at, a.place, a.online_url, "
				   "a.capacity, a.confirmed, (SELECT COUNT(*) FROM signup s WHERE s.activity_id = "
				   "a.id AND s.status = 'waiting'), a.cancelled, a.step_free, a.interpretation, "
				   "a.lang, a.description, a.summary, a.minutes FROM activity a WHERE a.arena_id = ? "
				   "ORDER BY a.starts_at, a.id"),
	/* Each proposal with its newest text; the supports of people and
	 * organisations, and of organisations alone; the visible comments. */
	[P_PROPOSALS] = STORE_SQL("SELECT p.id, p.title, p.status, p.outcome, q.text, p.head, p.frozen, "
				  "(SELECT COUNT(*) FROM proposal_support s WHERE s.proposal_id = p.id), "
				  "(SELECT COUNT(*) FROM proposal_support s WHERE s.proposal_id = p.id AND "
				  "s.organisation_id IS NOT NULL), (SELECT COUNT(*) FROM proposal_comment c WHERE "
				  "c.proposal_id = p.id AND c.status = 'visible'), p.created_at, p.updated_at, p.lang, "
				  "r.text FROM proposal p JOIN proposal_revision r ON r.proposal_id = p.id AND "
				  "r.number = p.head LEFT JOIN proposal_question q ON q.id = p.question_id "
				  "WHERE p.arena_id = ? ORDER BY p.id"),
	[P_STEPS] = STORE_SQL("SELECT s.proposal_id, s.id, s.kind, s.happened_on, s.council, s.meeting_on, s.link_url, "
			      "s.outcome, s.title, s.progress, s.revision, s.recorded_at, s.body FROM proposal_step s "
			      "JOIN proposal p ON p.id = s.proposal_id WHERE p.arena_id = ? ORDER BY s.proposal_id, s.id"),
	[P_SIGNUPS] = STORE_SQL("SELECT s.activity_id, ac.title, u.name, u.email, s.status, s.interpreter, "
				"s.step_free, s.childcare, s.other_needs, s.created_at FROM signup s JOIN activity ac "
				"ON ac.id = s.activity_id JOIN account u ON u.id = s.account_id WHERE ac.arena_id = ? "
				"AND s.status <> 'cancelled' ORDER BY ac.starts_at, ac.id, s.status, s.queued_at, s.id"),
	[P_AREAS] = STORE_SQL("SELECT id, name, lang, description FROM area ORDER BY id"),
	[P_THEMES] = STORE_SQL("SELECT id, name, lang, description FROM theme ORDER BY id"),
	[P_ORGANISATIONS] = STORE_SQL("SELECT o.id, o.name, o.sector, COALESCE(o.website, ''), o.area_id, "
				      "COALESCE(a.name, ''), o.lang, o.description FROM organisation o "
				      "LEFT JOIN area a ON a.id = o.area_id ORDER BY o.id"),
	[P_STORIES] = STORE_SQL("SELECT id, title, published_on, author_name, licence, arena_id, area_id, lang, "
				"body FROM story ORDER BY id"),
	[P_ARENAS] = STORE_SQL("SELECT a.id, a.title, t.name, a.status, COALESCE(p.name, ''), a.lang, a.created_at, "
			       "(SELECT COUNT(*) FROM statement s WHERE s.arena_id = a.id AND s.status = 'accepted'), "
			       "(SELECT COUNT(*) FROM activity x WHERE x.arena_id = a.id), "
			       "(SELECT COUNT(*) FROM proposal x WHERE x.arena_id = a.id), a.description "
			       "FROM arena a JOIN theme t ON t.id = a.theme_id "
			       "LEFT JOIN arena_phase p ON p.id = a.current_phase_id ORDER BY a.id"),
};
static struct store_sql statement_ids_sql =
	STORE_SQL("SELECT id FROM statement WHERE arena_id = ? ORDER BY id");
static struct store_sql authors_sql = STORE_SQL(
	"SELECT participant_id FROM statement WHERE arena_id = ? AND participant_id IS NOT NULL ORDER BY id");

static const struct part parts[P__MAX] = {
	[P_ARENA] = { "arena", &part_sql[P_ARENA], BIND_ARENA, 1, COLS(arena_cols) },
	[P_ARENA_AREAS] = { "areas", &part_sql[P_ARENA_AREAS], BIND_ARENA, 0, COLS(arena_area_cols) },
	[P_STATEMENTS] = { "statements", &part_sql[P_STATEMENTS], BIND_ARENA, 0, COLS(statement_cols) },
	[P_VOTES] = { "votes", &part_sql[P_VOTES], BIND_STATEMENT, 0, COLS(vote_cols) },
	[P_ACTIVITIES] = { "activities", &part_sql[P_ACTIVITIES], BIND_ARENA, 0, COLS(activity_cols) },
	[P_PROPOSALS] = { "proposals", &part_sql[P_PROPOSALS], BIND_ARENA, 0, COLS(proposal_cols) },
	[P_STEPS] = { "steps", &part_sql[P_STEPS], BIND_ARENA, 0, COLS(step_cols) },
	[P_SIGNUPS] = { "signups", &part_sql[P_SIGNUPS], BIND_ARENA, 0, COLS(signup_cols) },
	[P_AREAS] = { "areas", &part_sql[P_AREAS], BIND_NONE, 0, COLS(term_cols) },
	[P_THEMES] = { "themes", &part_sql[P_THEMES], BIND_NONE, 0, COLS(term_cols) },
	[P_ORGANISATIONS] = { "organisations", &part_sql[P_ORGANISATIONS], BIND_NONE, 0, COLS(organisation_cols) },
	[P_STORIES] = { "stories", &part_sql[P_STORIES], BIND_NONE, 0, COLS(story_cols) },
	[P_ARENAS] = { "arenas", &part_sql[P_ARENAS], BIND_NONE, 0, COLS(arenas_cols) },
};

/* The part of each table, and whether it belongs to an arena. */
static const struct {
	enum part_id part;
	int arena;
} tables[EXPORT_TABLE__MAX] = {
	[EXPORT_ALL] = { P__MAX, -1 },
	[EXPORT_STATEMENTS] = { P_STATEMENTS, 1 },
	[EXPORT_VOTES] = { P_VOTES, 1 },
	[EXPORT_ACTIVITIES] = { P_ACTIVITIES, 1 },
	[EXPORT_PROPOSALS] = { P_PROPOSALS, 1 },
	[EXPORT_STEPS] = { P_STEPS, 1 },
	[EXPORT_SIGNUPS] = { P_SIGNUPS, 1 },
	[EXPORT_AREAS] = { P_AREAS, 0 },
	[EXPORT_THEMES] = { P_THEMES, 0 },
	[EXPORT_ORGANISATIONS] = { P_ORGANISATIONS, 0 },
	[EXPORT_STORIES] = { P_STORIES, 0 },
	[EXPORT_ARENAS] = { P_ARENAS, 0 },
};
_Static_assert(sizeof tables / sizeof tables[0] == EXPORT_TABLE__MAX, "a row per table");

#define MAX_PLAN 8

struct export {
	struct store *db;
	struct region *a;
	int64_t arena_id;
	enum export_format fmt;
	enum part_id plan[MAX_PLAN];
	size_t nplan, step;
	struct store_stmt *st;    /* the current part's rows, or NULL */
	int part_open;            /* its opening is written */
	int64_t part_rows;
	int64_t *statements;      /* the arena's statement ids, for its votes */
	size_t nstatements, next_statement;
	struct idmap *people;     /* participant id -> number in this export */
	uint32_t *dense;          /* the same as an array from dense_min, when ids are close */
	int64_t dense_min, dense_len;
	struct buf out;
	size_t pos;               /* out[pos..len) is still to be handed out */
	int done, failed;
	int own_snapshot;         /* it began the read transaction */
	int64_t iso_hour;         /* the UTC hour iso holds, or -1 */
	char iso[32];
	int64_t rows;
	char err[256];
};

const char *export_file_name(enum export_table t, enum export_format f, int arena)
{
	if ((unsigned)t >= EXPORT_TABLE__MAX)
		return NULL;
	if (t == EXPORT_ALL)
		return f == EXPORT_JSON ? (arena ? "arena.json" : "platform.json") : NULL;
	if (tables[t].arena != (arena ? 1 : 0) || f != EXPORT_CSV)
		return NULL;
	static const char *const csv[EXPORT_TABLE__MAX] = {
		[EXPORT_STATEMENTS] = "statements.csv", [EXPORT_VOTES] = "votes.csv",
		[EXPORT_ACTIVITIES] = "activities.csv", [EXPORT_PROPOSALS] = "proposals.csv",
		[EXPORT_STEPS] = "steps.csv",		[EXPORT_SIGNUPS] = "signups.csv",
		[EXPORT_AREAS] = "areas.csv",		[EXPORT_THEMES] = "themes.csv",
		[EXPORT_ORGANISATIONS] = "organisations.csv", [EXPORT_STORIES] = "stories.csv",
		[EXPORT_ARENAS] = "arenas.csv",
	};
	return csv[t];
}

int export_parse_file(const char *name, int arena, enum export_table *t, enum export_format *f)
{
	for (int i = 0; name && i < EXPORT_TABLE__MAX; i++)
		for (int k = EXPORT_CSV; k <= EXPORT_JSON; k++) {
			const char *n = export_file_name((enum export_table)i, (enum export_format)k, arena);
			if (n && strcmp(n, name) == 0) {
				*t = (enum export_table)i;
				*f = (enum export_format)k;
				return 0;
			}
		}
	return -1;
}

int export_personal(enum export_table t)
{
	return t == EXPORT_SIGNUPS;
}

static void fail(struct export *x, const char *what)
{
	if (!x->failed)
		snprintf(x->err, sizeof x->err, "%s: %s", what, store_error(x->db));
	x->failed = 1;
}

/* A JSON string: quotes, backslashes and control characters escaped;
 * bytes that are not UTF-8 (none should be stored) become U+FFFD. */
static void json_string_put(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	size_t n = strlen(s);
	int valid = utf8_valid(s, n);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
		} else if (c == '\n') {
			buf_puts(b, "\\n");
		} else if (c == '\r') {
			buf_puts(b, "\\r");
		} else if (c == '\t') {
			buf_puts(b, "\\t");
		} else if (c < 0x20) {
			buf_printf(b, "\\u%04x", c);
		} else if (c >= 0x80 && !valid) {
			buf_puts(b, "\\ufffd");
		} else {
			buf_putc(b, (char)c);
		}
	}
	buf_putc(b, '"');
}

/* A time as ISO 8601 in local time. All the times of one UTC hour share
 * everything but their minutes and seconds (Danish summer time begins
 * and ends on the hour), so that part is made once an hour. */
static const char *iso_time(struct export *x, int64_t t)
{
	int64_t hour = t >= 0 ? t / 3600 : (t - 3599) / 3600, rem = t - hour * 3600;
	if (hour != x->iso_hour) {
		tz_iso(hour * 3600, x->iso);
		x->iso_hour = hour;
	}
	/* "YYYY-MM-DDTHH:MM:SS+01:00": minutes at 14, seconds at 17. */
	x->iso[14] = (char)('0' + rem / 600);
	x->iso[15] = (char)('0' + rem / 60 % 10);
	x->iso[17] = (char)('0' + rem % 60 / 10);
	x->iso[18] = (char)('0' + rem % 10);
	return x->iso;
}

/* A participant's number in this export, or IDMAP_NONE. */
static uint32_t number_of(const struct export *x, int64_t pid)
{
	if (x->dense)
		return pid >= x->dense_min && pid - x->dense_min < x->dense_len ? x->dense[pid - x->dense_min] : IDMAP_NONE;
	return x->people ? idmap_get(x->people, pid) : IDMAP_NONE;
}

/* Column i of the current row as CSV or JSON. */
static void put_value(struct export *x, const struct column *c, int i)
{
	struct buf *b = &x->out;
	int csv = x->fmt == EXPORT_CSV;
	if (store_col_null(x->st, i)) {
		if (csv)
			csv_put(b, "");
		else
			buf_puts(b, c->type == C_TEXT ? "\"\"" : "null");
		return;
	}
	switch (c->type) {
	case C_INT:
	case C_BOOL: {
		int64_t v = store_col_int(x->st, i);
		if (c->type == C_BOOL && !csv)
			buf_puts(b, v ? "true" : "false");
		else if (csv)
			csv_put_int(b, c->type == C_BOOL ? v != 0 : v);
		else
			buf_put_int(b, v);
		return;
	}
	case C_PERSON: {
		uint32_t k = number_of(x, store_col_int(x->st, i));
		if (k == IDMAP_NONE)
			csv ? csv_put(b, "") : buf_puts(b, "null");
		else if (csv)
			csv_put_int(b, k);
		else
			buf_put_int(b, k);
		return;
	}
	case C_TIME:
	case C_MS: {
		int64_t t = store_col_int(x->st, i);
		const char *iso = iso_time(x, c->type == C_MS ? t / 1000 : t);
		csv ? csv_put(b, iso) : json_string_put(b, iso);
		return;
	}
	case C_TEXT:
		break;
	}
	const char *s = store_col_text(x->st, i);
	csv ? csv_put_text(b, s ? s : "") : json_string_put(b, s ? s : "");
}

static void put_row(struct export *x, const struct part *p)
{
	if (x->fmt == EXPORT_CSV) {
		for (size_t i = 0; i < p->ncols; i++)
			put_value(x, &p->cols[i], (int)i);
		csv_end_crlf(&x->out);
	} else {
		buf_puts(&x->out, x->part_rows && !p->single ? ",\n{" : "{");
		for (size_t i = 0; i < p->ncols; i++) {
			buf_printf(&x->out, "%s\"%s\":", i ? "," : "", p->cols[i].name);
			put_value(x, &p->cols[i], (int)i);
		}
		buf_putc(&x->out, '}');
	}
	x->part_rows++;
	x->rows++;
}

/* Prepares the current part's rows (for votes: the next statement's);
 * 0, or -1 when there are none left to prepare (votes) or on failure. */
static int open_rows(struct export *x, const struct part *p)
{
	if (p->bind == BIND_STATEMENT && x->next_statement >= x->nstatements)
		return -1;
	x->st = store_prepare(x->db, p->sql);
	if (x->st == NULL) {
		fail(x, p->name);
		return -1;
	}
	if (p->bind == BIND_ARENA)
		store_bind_int(x->st, 1, x->arena_id);
	else if (p->bind == BIND_STATEMENT)
		store_bind_int(x->st, 1, x->statements[x->next_statement++]);
	return 0;
}

static void open_part(struct export *x, const struct part *p)
{
	x->part_rows = 0;
	if (x->fmt == EXPORT_CSV) {
		for (size_t i = 0; i < p->ncols; i++)
			csv_put(&x->out, p->cols[i].name);
		csv_end_crlf(&x->out);
	} else {
		buf_printf(&x->out, ",\n\"%s\":%s", p->name, p->single ? "" : "[\n");
	}
	x->part_open = 1;
	if (open_rows(x, p) != 0 && !x->failed)
		x->st = NULL; /* votes of an arena without statements */
}

static void close_part(struct export *x, const struct part *p)
{
	if (x->fmt == EXPORT_JSON)
		buf_puts(&x->out, p->single ? (x->part_rows ? "" : "null") : "]");
	x->part_open = 0;
	x->step++;
}

/* Writes rows until a chunk waits or the export ends. */
static void produce(struct export *x)
{
	size_t start = x->out.len;
	while (!x->failed && x->out.len - start < CHUNK) {
		if (x->step == x->nplan) {
			if (x->fmt == EXPORT_JSON)
				buf_puts(&x->out, "\n}\n");
			x->done = 1;
			break;
		}
		const struct part *p = &parts[x->plan[x->step]];
		if (!x->part_open) {
			open_part(x, p);
			continue;
		}
		if (x->st == NULL) {
			close_part(x, p);
			continue;
		}
		int rc = store_step(x->st);
		if (rc == STORE_ROW) {
			put_row(x, p);
		} else if (rc == STORE_DONE) {
			store_reset(x->st);
			x->st = NULL;
			if (p->bind == BIND_STATEMENT && open_rows(x, p) == 0)
				continue;
			if (!x->failed)
				close_part(x, p);
		} else {
			store_reset(x->st);
			x->st = NULL;
			fail(x, p->name);
		}
	}
	if (x->out.overflow) {
		snprintf(x->err, sizeof x->err, "a row longer than %zu bytes", OUT_MAX);
		x->failed = 1;
	}
}

/* Participants numbered as polis-export numbers them: voters in the
 * order of their first vote, then authors who never voted. Looked up
 * once per vote: when their ids lie close together (as in most arenas)
 * the numbers go into an array indexed by id as well, a lookup without
 * hashing. */
static enum model_rc number_people(struct export *x)
{
	int64_t *ids;
	size_t n = 0;
	enum model_rc rc = vote_voters_arena(x->db, x->a, x->arena_id, &ids, &n);
	if (rc != MODEL_OK)
		return rc;
	x->people = idmap_new();
	for (size_t i = 0; i < n; i++)
		idmap_put(x->people, ids[i], (uint32_t)i);
	struct store_stmt *st = store_prepare(x->db, &authors_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, x->arena_id);
	int src;
	uint32_t next = (uint32_t)n;
	while ((src = store_step(st)) == STORE_ROW) {
		int64_t pid = store_col_int(st, 0);
		if (idmap_get(x->people, pid) == IDMAP_NONE)
			idmap_put(x->people, pid, next++);
	}
	store_reset(st);
	if (src != STORE_DONE)
		return model_from_store(x->db, src, "export_authors");
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	for (size_t i = 0; i < n; i++) {
		lo = ids[i] < lo ? ids[i] : lo;
		hi = ids[i] > hi ? ids[i] : hi;
	}
	if (n == 0 || next != n || hi - lo >= 16 * (int64_t)n || hi - lo >= ((int64_t)1 << 24))
		return MODEL_OK; /* authors too, or ids far apart: the hash map alone */
	x->dense_min = lo;
	x->dense_len = hi - lo + 1;
	x->dense = region_alloc(x->a, (size_t)x->dense_len * sizeof *x->dense);
	memset(x->dense, 0xff, (size_t)x->dense_len * sizeof *x->dense); /* IDMAP_NONE */
	for (size_t i = 0; i < n; i++)
		x->dense[ids[i] - lo] = (uint32_t)i;
	return MODEL_OK;
}

static void id_read(struct store_stmt *st, struct region *a, void *item)
{
	(void)a;
	*(int64_t *)item = store_col_int(st, 0);
}

static enum model_rc arena_exists(struct export *x)
{
	struct store_stmt *st = store_prepare(x->db, &part_sql[P_ARENA]);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, x->arena_id);
	int rc = store_step(st);
	store_reset(st);
	return rc == STORE_ROW ? MODEL_OK : rc == STORE_DONE ? MODEL_NOT_FOUND : model_from_store(x->db, rc, "export_arena");
}

enum model_rc export_open(struct store *db, int64_t arena_id, enum export_table t, enum export_format f,
			  int personal, struct export **out)
{
	*out = NULL;
	int arena = arena_id > 0;
	if (export_file_name(t, f, arena) == NULL || (export_personal(t) && !personal))
		return MODEL_INVALID;
	struct export *x = mem_calloc(1, sizeof *x);
	x->db = db;
	x->a = region_new();
	x->arena_id = arena_id;
	x->fmt = f;
	x->iso_hour = INT64_MIN;
	buf_init(&x->out, OUT_MAX);
	if (t != EXPORT_ALL) {
		x->plan[x->nplan++] = tables[t].part;
	} else if (arena) {
		static const enum part_id all[] = { P_ARENA,	  P_ARENA_AREAS, P_STATEMENTS, P_VOTES,
						    P_ACTIVITIES, P_PROPOSALS,	 P_STEPS };
		memcpy(x->plan, all, sizeof all);
		x->nplan = sizeof all / sizeof all[0];
		if (personal)
			x->plan[x->nplan++] = P_SIGNUPS;
	} else {
		static const enum part_id all[] = { P_AREAS, P_THEMES, P_ORGANISATIONS, P_STORIES, P_ARENAS };
		memcpy(x->plan, all, sizeof all);
		x->nplan = sizeof all / sizeof all[0];
	}
	/* In a transaction already (samskab export writes many files from
	 * one snapshot): read in it. */
	enum model_rc rc = MODEL_OK;
	if (!store_in_transaction(db)) {
		x->own_snapshot = 1;
		rc = store_begin_read(db) == STORE_OK ? MODEL_OK : MODEL_UNAVAILABLE;
	}
	if (rc == MODEL_OK && arena)
		rc = arena_exists(x);
	int people = 0, votes = 0;
	for (size_t i = 0; i < x->nplan; i++) {
		people |= x->plan[i] == P_STATEMENTS || x->plan[i] == P_VOTES;
		votes |= x->plan[i] == P_VOTES;
	}
	if (rc == MODEL_OK && people)
		rc = number_people(x);
	if (rc == MODEL_OK && votes) {
		struct store_stmt *st = store_prepare(db, &statement_ids_sql);
		if (st == NULL) {
			rc = MODEL_ERROR;
		} else {
			store_bind_int(st, 1, arena_id);
			rc = model_collect(db, st, x->a, sizeof *x->statements, id_read, (void **)&x->statements,
					   &x->nstatements, "export_statements");
		}
	}
	if (rc != MODEL_OK) {
		export_close(x);
		return rc;
	}
	if (f == EXPORT_JSON) {
		char now[32];
		tz_iso(model_now(), now);
		buf_printf(&x->out, "{\"kind\":\"samskab %s export\",\"exported_at\":\"%s\"", arena ? "arena" : "platform",
			   now);
	}
	*out = x;
	return MODEL_OK;
}

long export_read(struct export *x, char *dst, size_t max)
{
	if (x->out.len - x->pos < max && x->pos > 0) {
		/* What is left goes to the front before more is written, so
		 * the buffer holds a chunk and a row at most. */
		memmove(x->out.data, x->out.data + x->pos, x->out.len - x->pos);
		x->out.len -= x->pos;
		x->out.data[x->out.len] = '\0';
		x->pos = 0;
	}
	while (x->out.len - x->pos < max && !x->done && !x->failed)
		produce(x);
	if (x->failed)
		return -1;
	size_t n = x->out.len - x->pos;
	if (n > max)
		n = max;
	if (n)
		memcpy(dst, x->out.data + x->pos, n);
	x->pos += n;
	if (x->pos == x->out.len) {
		buf_reset(&x->out);
		x->pos = 0;
	}
	return (long)n;
}

const char *export_error(const struct export *x)
{
	return x->err;
}

int64_t export_rows(const struct export *x)
{
	return x->rows;
}

void export_close(struct export *x)
{
	if (x == NULL)
		return;
	if (x->st)
		store_reset(x->st);
	if (x->own_snapshot)
		store_rollback(x->db);
	idmap_free(x->people);
	buf_free(&x->out);
	region_free(x->a);
	free(x);
}
