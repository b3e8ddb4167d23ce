/*
 * sqlite.c: the SQLite backend of the store (see backend.h). One file in
 * WAL mode; synchronous=FULL by default (each commit durable on power loss)
 * or NORMAL when asked (may lose the last commits on power loss, never
 * corrupts); foreign keys on; a busy timeout so writers queue, not fail.
 * Online backups use sqlite3_backup, which in WAL mode copies one snapshot
 * without holding up writers. Every connection gets the FTS5 tokenizer
 * "danish" (core/words.h) that the search index is made with, and the
 * ranking function samskab_rank that searches order by.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/monotime.h"
#include "core/words.h"
#include "store/backend.h"

struct sqlite_store {
	struct store base;
	sqlite3 *db;
	int64_t busy_ms;     /* how long to wait for a lock */
	int64_t busy_since;  /* microseconds, when this wait began */
};

struct sqlite_stmt {
	struct store_stmt base;
	sqlite3_stmt *st;
};

static sqlite3 *db_of(struct store *s)
{
	return ((struct sqlite_store *)s)->db;
}

static sqlite3_stmt *st_of(struct store_stmt *st)
{
	return ((struct sqlite_stmt *)st)->st;
}

static int map_rc(struct store *s, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
		return STORE_OK;
	case SQLITE_ROW:
		return STORE_ROW;
	case SQLITE_DONE:
		return STORE_DONE;
	case SQLITE_CONSTRAINT:
		return store_fail(s, STORE_CONFLICT, "%s", sqlite3_errmsg(db_of(s)));
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return store_fail(s, STORE_BUSY, "%s", sqlite3_errmsg(db_of(s)));
	case SQLITE_CANTOPEN:
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_READONLY: /* a file or filesystem that takes no writes now */
		return store_fail(s, STORE_UNAVAILABLE, "%s", sqlite3_errmsg(db_of(s)));
	default:
		return store_fail(s, STORE_ERROR, "%s", sqlite3_errmsg(db_of(s)));
	}
}

/* Before SQLite's first use: no memory statistics, which would take a
 * process-wide mutex on every allocation of every connection. */
static void sqlite_configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Waits for another connection's lock in short steps, up to busy_ms.
 * SQLite's own busy timeout sleeps 1, 2, 5, 10, ... 100 ms between tries,
 * so a write queued behind one that takes a millisecond could wait 100;
 * here the steps are 0.2 ms, then 1 ms, then 5 ms. */
static int sqlite_busy(void *arg, int count)
{
	struct sqlite_store *s = arg;
	int64_t now = monotime_us();
	if (count == 0)
		s->busy_since = now;
	else if (now - s->busy_since >= s->busy_ms * 1000)
		return 0;
	usleep(count < 10 ? 200 : count < 50 ? 1000 : 5000);
	return 1;
}

/* The FTS5 tokenizer "danish": core/words.c's terms, each at the place
 * of its word, so FTS5 indexes and queries with the terms PostgreSQL's
 * danish configuration makes. One struct words per tokenizer instance,
 * hence per connection: the stemmer is not shared between threads. */
static int danish_create(void *ctx, const char **args, int nargs, Fts5Tokenizer **out)
{
	(void)ctx;
	(void)args;
	(void)nargs;
	struct words *w = words_new();
	if (w == NULL)
		return SQLITE_NOMEM;
	*out = (Fts5Tokenizer *)w;
	return SQLITE_OK;
}

static void danish_delete(Fts5Tokenizer *t)
{
	words_free((struct words *)t);
}

struct danish_call {
	void *ctx;
	int (*token)(void *ctx, int flags, const char *token, int n, int start, int end);
};

static int danish_word(void *arg, const char *term, size_t len, size_t start, size_t end)
{
	struct danish_call *c = arg;
	return c->token(c->ctx, 0, term, (int)len, (int)start, (int)end);
}

static int danish_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
			   int (*token)(void *ctx, int flags, const char *token, int n, int start, int end))
{
	(void)flags;
	struct danish_call c = { ctx, token };
	return n <= 0 ? SQLITE_OK : words_each((struct words *)t, text, (size_t)n, danish_word, &c);
}

/*
 * samskab_rank(search_fts): how well a row matches, for ORDER BY (lower
 * is better, as FTS5's rank): each word of the query found in the title
 * counts 4, in the text 1. bm25 would also weigh how often and in how
 * long a text; it costs some 3.5 microseconds a row on a large index
 * (reading each row's size), this a fraction of that, which is what lets
 * a search rank thousands of hits in a few milliseconds. Ties are broken
 * by the caller (newest first).
 */
static void samskab_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
			 sqlite3_value **val)
{
	(void)nval;
	(void)val;
	double score = 0;
	int phrases = api->xPhraseCount(fts);
	for (int p = 0; p < phrases; p++) {
		Fts5PhraseIter it;
		int col = -1;
		if (api->xPhraseFirstColumn(fts, p, &it, &col) != SQLITE_OK) {
			sqlite3_result_error(ctx, "samskab_rank: cannot read the index", -1);
			return;
		}
		for (; col >= 0; api->xPhraseNextColumn(fts, &it, &col))
			score += col == 0 ? 4.0 : 1.0;
	}
	sqlite3_result_double(ctx, -score);
}

static int register_danish(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (api == NULL)
		return -1;
	fts5_tokenizer tok = { danish_create, danish_delete, danish_tokenize };
	if (api->xCreateTokenizer(api, "danish", NULL, &tok, NULL) != SQLITE_OK)
		return -1;
	return api->xCreateFunction(api, "samskab_rank", NULL, samskab_rank, NULL) == SQLITE_OK ? 0 : -1;
}

static struct store *sqlite_open(const char *url, const struct store_options *opt, char *err,
				 size_t errlen)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sqlite_configure);
	const char *path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
	sqlite3 *db = NULL;
	struct stat sb;
	if (opt->must_exist && stat(path, &sb) != 0) {
		snprintf(err, errlen, "cannot open SQLite database %s: %s", path, strerror(errno));
		return NULL;
	}
	int rc = sqlite3_open_v2(path, &db,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
					 (opt->must_exist ? 0 : SQLITE_OPEN_CREATE),
				 NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot open SQLite database %s: %s", path,
			 db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		sqlite3_close(db);
		return NULL;
	}
	struct sqlite_store *s = mem_calloc(1, sizeof *s);
	s->db = db;
	s->busy_ms = opt->busy_ms;
	sqlite3_busy_handler(db, sqlite_busy, s);
	char pragmas[200];
	snprintf(pragmas, sizeof pragmas,
		 "PRAGMA journal_mode=WAL; PRAGMA synchronous=%s; PRAGMA foreign_keys=ON; "
		 "PRAGMA mmap_size=%s;",
		 opt->sync_full ? "FULL" : "NORMAL", opt->scan ? "0" : "1073741824");
	char *msg = NULL;
	if (register_danish(db) != 0) {
		snprintf(err, errlen, "cannot use SQLite database %s: no FTS5 for the search index", path);
		sqlite3_close(db);
		free(s);
		return NULL;
	}
	if (sqlite3_exec(db, pragmas, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(err, errlen, "cannot use SQLite database %s: %s", path, msg ? msg : "?");
		sqlite3_free(msg);
		sqlite3_close(db);
		free(s);
		return NULL;
	}
	return &s->base;
}

static void sqlite_close(struct store *s)
{
	sqlite3_close(db_of(s));
	free(s);
}

static struct store_stmt *sqlite_prepare(struct store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(db_of(s), sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		map_rc(s, rc);
		return NULL;
	}
	struct sqlite_stmt *p = mem_calloc(1, sizeof *p);
	p->base.s = s;
	p->st = st;
	return &p->base;
}

static void sqlite_finalize(struct store_stmt *st)
{
	sqlite3_finalize(st_of(st));
	free(st);
}

static void sqlite_bind_int(struct store_stmt *st, int i, int64_t v)
{
	sqlite3_bind_int64(st_of(st), i, v);
}

static void sqlite_bind_double(struct store_stmt *st, int i, double v)
{
	sqlite3_bind_double(st_of(st), i, v);
}

static void sqlite_bind_text(struct store_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(st_of(st), i, v, -1, SQLITE_TRANSIENT);
}

static void sqlite_bind_null(struct store_stmt *st, int i)
{
	sqlite3_bind_null(st_of(st), i);
}

static void sqlite_bind_blob(struct store_stmt *st, int i, const void *p, size_t n)
{
	sqlite3_bind_blob64(st_of(st), i, p, (sqlite3_uint64)n, SQLITE_TRANSIENT);
}

static int sqlite_step(struct store_stmt *st)
{
	return map_rc(st->s, sqlite3_step(st_of(st)));
}

static int64_t sqlite_col_int(struct store_stmt *st, int i)
{
	return sqlite3_column_int64(st_of(st), i);
}

static double sqlite_col_double(struct store_stmt *st, int i)
{
	return sqlite3_column_double(st_of(st), i);
}

static const char *sqlite_col_text(struct store_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st_of(st), i);
}

static int sqlite_col_null(struct store_stmt *st, int i)
{
	return sqlite3_column_type(st_of(st), i) == SQLITE_NULL;
}

static const void *sqlite_col_blob(struct store_stmt *st, int i, size_t *n)
{
	const void *p = sqlite3_column_blob(st_of(st), i);
	*n = (size_t)sqlite3_column_bytes(st_of(st), i);
	return p;
}

static enum store_type sqlite_col_type(struct store_stmt *st, int i)
{
	switch (sqlite3_column_type(st_of(st), i)) {
	case SQLITE_INTEGER:
		return STORE_INT;
	case SQLITE_FLOAT:
		return STORE_REAL;
	case SQLITE_BLOB:
		return STORE_BLOB;
	case SQLITE_NULL:
		return STORE_NULL;
	default:
		return STORE_TEXT;
	}
}

static void sqlite_reset(struct store_stmt *st)
{
	sqlite3_reset(st_of(st));
	sqlite3_clear_bindings(st_of(st));
}

static int sqlite_exec(struct store *s, const char *script)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db_of(s), script, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		int out = map_rc(s, rc);
		if (msg)
			store_fail(s, out, "%s", msg);
		sqlite3_free(msg);
		return out;
	}
	return STORE_OK;
}

/* fsyncs the directory holding path, so a rename into it is durable. */
static int sync_dir(const char *path)
{
	char *copy = mem_strdup(path);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
	free(copy);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

static int sqlite_backup(struct store *s, const char *path)
{
	struct stat sb;
	if (stat(path, &sb) == 0)
		return store_fail(s, STORE_ERROR, "%s already exists: choose a new name", path);
	char tmp[4096];
	if (snprintf(tmp, sizeof tmp, "%s.partial", path) >= (int)sizeof tmp)
		return store_fail(s, STORE_ERROR, "backup path too long");
	unlink(tmp); /* left over from an interrupted run */
	sqlite3 *dst = NULL;
	sqlite3_backup *b = NULL;
	int rc = STORE_ERROR;
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		store_fail(s, STORE_UNAVAILABLE, "cannot create %s: %s", tmp, sqlite3_errmsg(dst));
		goto out;
	}
	b = sqlite3_backup_init(dst, "main", db_of(s), "main");
	if (b == NULL) {
		store_fail(s, STORE_ERROR, "cannot start the backup: %s", sqlite3_errmsg(dst));
		goto out;
	}
	/* All pages in one step: one read transaction, hence one snapshot. In
	 * WAL mode writers go on meanwhile; copying in slices would restart
	 * whenever another connection wrote. */
	int step = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (step != SQLITE_DONE) {
		store_fail(s, step == SQLITE_BUSY || step == SQLITE_LOCKED ? STORE_BUSY : STORE_ERROR,
			   "backup failed: %s", sqlite3_errstr(step));
		goto out;
	}
	sqlite3_stmt *check = NULL;
	int ok = sqlite3_prepare_v2(dst, "PRAGMA quick_check", -1, &check, NULL) == SQLITE_OK &&
		 sqlite3_step(check) == SQLITE_ROW &&
		 strcmp((const char *)sqlite3_column_text(check, 0), "ok") == 0;
	sqlite3_finalize(check);
	if (!ok) {
		store_fail(s, STORE_ERROR, "the backup failed its integrity check: %s", sqlite3_errmsg(dst));
		goto out;
	}
	if (sqlite3_close(dst) != SQLITE_OK) {
		store_fail(s, STORE_ERROR, "cannot close %s: %s", tmp, sqlite3_errmsg(dst));
		goto out;
	}
	dst = NULL;
	if (rename(tmp, path) != 0 || sync_dir(path) != 0) {
		store_fail(s, STORE_UNAVAILABLE, "cannot move the backup to %s: %s", path, strerror(errno));
		goto out;
	}
	rc = STORE_OK;
out:
	sqlite3_close(dst);
	if (rc != STORE_OK)
		unlink(tmp);
	return rc;
}

/* What an unprivileged writer may still use on the file's filesystem. */
static int64_t sqlite_free_bytes(struct store *s)
{
	const char *file = sqlite3_db_filename(db_of(s), "main");
	if (file == NULL || *file == '\0')
		return -1; /* in memory */
	char *copy = strdup(file);
	struct statvfs v;
	int rc = statvfs(dirname(copy), &v);
	free(copy);
	return rc == 0 ? (int64_t)v.f_bavail * (int64_t)v.f_frsize : -1;
}

const struct store_backend store_sqlite_backend = {
	.name = "sqlite",
	.dialect = STORE_SQLITE,
	.begin_sql = "BEGIN IMMEDIATE",
	.begin_read_sql = "BEGIN", /* the snapshot starts at the first read */
	.open = sqlite_open,
	.close = sqlite_close,
	.prepare = sqlite_prepare,
	.finalize = sqlite_finalize,
	.bind_int = sqlite_bind_int,
	.bind_double = sqlite_bind_double,
	.bind_text = sqlite_bind_text,
	.bind_null = sqlite_bind_null,
	.bind_blob = sqlite_bind_blob,
	.step = sqlite_step,
	.col_int = sqlite_col_int,
	.col_double = sqlite_col_double,
	.col_text = sqlite_col_text,
	.col_null = sqlite_col_null,
	.col_blob = sqlite_col_blob,
	.col_type = sqlite_col_type,
	.reset = sqlite_reset,
	.exec = sqlite_exec,
	.backup = sqlite_backup,
	.free_bytes = sqlite_free_bytes,
};
