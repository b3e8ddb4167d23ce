/*
 * crash.c: `make crashtest`. A real `samskab serve` is killed with
 * SIGKILL while voters vote as fast as they can, TRIALS times on SQLite
 * and TRIALS times on PostgreSQL (a throw-away server of its own, from
 * scripts/pg); after each kill the server is started again on the same
 * database, and every vote it acknowledged must be there and the
 * database must pass its integrity checks.
 *
 * In C on tests/support rather than a script: the server, its kill and
 * restart, the PostgreSQL server and every directory are undone on every
 * path by proc.h; the voters are threads with libcurl and the site's own
 * cookies and CSRF tokens; what the database holds is read with
 * samskab's own store (either engine, one code path) and the
 * participants found by samskab's own token hash. A script would need a
 * second copy of each. It is not a *_test.c: a run takes minutes, so it
 * is not part of `make check`.
 *
 * What is checked, per voter (a pseudonymous participant of its own,
 * whose id is found from its "pid" cookie) and statement:
 *   - vote_history holds every acknowledged vote (a 303 answer to the
 *     vote form): for each value, at least as many rows as
 *     acknowledgements, and at most as many more as attempts whose
 *     answer never came (the kill cut them: committed or not, either is
 *     right);
 *   - vote (the latest vote) holds the last acknowledged value, or the
 *     value of an attempt after it whose answer never came;
 *   - no vote is there that nobody cast.
 * After each check what the database holds becomes what is expected, so
 * the trials follow each other on one database per engine, as a site
 * that crashes again and again would.
 * Integrity: SQLite's PRAGMA integrity_check says "ok" and
 * foreign_key_check finds nothing; PostgreSQL: `samskab migrate` finds
 * nothing to do, and amcheck (bt_index_check with heapallindexed on
 * every index of the vote, vote_history and participant tables, and
 * verify_heapam on those tables) finds nothing. On both the restarted
 * server answers /healthz with 200.
 *
 * PostgreSQL itself is not killed: the server under test is samskab, and
 * scripts/pg runs PostgreSQL without fsync (a kill -9 of PostgreSQL with
 * synchronous_commit=off may lose its last commits by design).
 *
 *   build/tests/crash/crash [TRIALS]   (default 20; SAMSKAB_CRASH_SEED
 *                                       repeats a run's random choices)
 * Prints the figures per engine and last
 *   crashtest: N trials, N acknowledged votes, N lost, N integrity failures
 * Exit status 1 when a vote was lost, a check failed or a trial could not
 * run.
 */
#include "support/support.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/secret.h"
#include "store/store.h"

#define VOTERS 8
#define MAX_STATEMENTS 64
#define NO_VOTE 2 /* a value no vote has */

static const char *const choice[3] = { "disagree", "pass", "agree" }; /* value + 1 */

/* What one voter expects of the database for one statement. */
struct expect {
	int last;        /* last acknowledged value, or NO_VOTE */
	int pending;     /* values (bit value + 1) tried after it, unanswered */
	int need[3];     /* history rows that must be there, per value + 1 */
	int maybe[3];    /* unanswered attempts since the last check */
};


struct voter {
	struct test_server *srv;
	const int64_t *statements;
	int nstatements;
	int64_t arena_id;
	struct test_client client; /* its cookies (pid, once it has voted) and CSRF token */
	unsigned seed;
	const atomic_int *stop;
	atomic_long *acked_now; /* this trial's acknowledgements, all voters */
	struct expect e[MAX_STATEMENTS];
	atomic_int in_request;    /* a request sent, its answer not yet read */
	long acked, refused;      /* this trial */
	long first_refusal;       /* its status, for the report */
};

/* One engine's run and its figures. */
struct run {
	const char *engine;
	int trials;
	int64_t arena_id;
	int64_t statements[MAX_STATEMENTS];
	int nstatements;
	struct voter voters[VOTERS];
	long acked, in_flight, refused, lost, phantom, integrity;
};

static int ntrials = 20;
static unsigned seed;
static struct run runs[2] = { { .engine = "sqlite" }, { .engine = "postgresql" } };

/* The participant token in a voter's cookies (len 0: none yet). */
static const char *pid_cookie(const struct voter *v, size_t *len)
{
	const char *p = v->client.cookies;
	while ((p = strstr(p, "pid=")) != NULL && p != v->client.cookies && p[-1] != ' ')
		p++;
	*len = p ? strcspn(p + 4, ";") : 0;
	return p ? p + 4 : "";
}

/* Casts votes as fast as it can until told to stop or the server is gone;
 * remembers what was acknowledged and what the kill cut. */
static void *vote_loop(void *arg)
{
	struct voter *v = arg;
	char path[96], back[96];
	snprintf(path, sizeof path, "/arenas/%lld/dialogue/vote", (long long)v->arena_id);
	snprintf(back, sizeof back, "/arenas/%lld/dialogue", (long long)v->arena_id);
	while (!atomic_load(v->stop)) {
		int i = (int)(rand_r(&v->seed) % (unsigned)v->nstatements);
		int value = (int)(rand_r(&v->seed) % 3) - 1;
		struct expect *e = &v->e[i];
		char body[256], cookie[sizeof v->client.cookies + 16];
		snprintf(body, sizeof body, "csrf=%s&statement=%lld&vote=%s", v->client.csrf,
			 (long long)v->statements[i], choice[value + 1]);
		snprintf(cookie, sizeof cookie, "Cookie: %s", v->client.cookies);
		const char *h[] = { "Content-Type: application/x-www-form-urlencoded", cookie, NULL };
		struct http_resp r;
		atomic_store(&v->in_request, 1);
		int rc = http_try(v->srv, "POST", path, body, h, &r);
		atomic_store(&v->in_request, 0);
		if (rc != 0) {
			/* No answer: the server is gone, the vote stored or not. */
			e->pending |= 1 << (value + 1);
			e->maybe[value + 1]++;
			break;
		}
		char *loc = http_header(&r, "Location");
		if (r.status == 303 && loc && strncmp(loc, back, strlen(back)) == 0) {
			size_t len;
			pid_cookie(v, &len);
			char *set = len ? NULL : http_set_cookie(&r, "pid");
			if (set) {
				size_t have = strlen(v->client.cookies);
				snprintf(v->client.cookies + have, sizeof v->client.cookies - have, "%s%.*s",
					 have ? "; " : "", (int)strcspn(set, ";"), set);
				free(set);
			}
			e->last = value;
			e->pending = 0;
			e->need[value + 1]++;
			v->acked++;
			atomic_fetch_add(v->acked_now, 1);
		} else {
			/* Refused (not a vote the server took); counted and shown,
			 * and allowed for should it have been stored all the same. */
			e->pending |= 1 << (value + 1);
			e->maybe[value + 1]++;
			if (v->refused++ == 0)
				v->first_refusal = r.status;
		}
		free(loc);
		http_resp_free(&r);
	}
	return NULL;
}

static int some_acked(void *arg)
{
	return atomic_load((atomic_long *)arg) > 0;
}

/* One query's rows, column by column, into fn. */
typedef void row_fn(struct store_stmt *st, void *arg);
static int query_rows(struct store *db, const char *sql, int64_t param, row_fn *fn, void *arg, char *err,
		      size_t errlen)
{
	struct store_sql q = STORE_SQL(sql);
	struct store_stmt *st = store_prepare(db, &q);
	if (st == NULL) {
		snprintf(err, errlen, "%s: %s", sql, store_error(db));
		return -1;
	}
	if (param)
		store_bind_int(st, 1, param);
	int rc;
	while ((rc = store_step(st)) == STORE_ROW)
		fn(st, arg);
	store_reset(st);
	if (rc != STORE_DONE) {
		snprintf(err, errlen, "%s: %s", sql, store_error(db));
		return -1;
	}
	return 0;
}

/* What the database holds for one participant, by statement index. */
struct held {
	const struct run *run;
	int history[MAX_STATEMENTS][3];
	int latest[MAX_STATEMENTS]; /* value, or NO_VOTE */
	long strays;                /* votes on statements nobody here voted on */
};

static int statement_index(const struct run *run, int64_t id)
{
	for (int i = 0; i < run->nstatements; i++)
		if (run->statements[i] == id)
			return i;
	return -1;
}

static void history_row(struct store_stmt *st, void *arg)
{
	struct held *h = arg;
	int i = statement_index(h->run, store_col_int(st, 0));
	int64_t value = store_col_int(st, 1);
	if (i < 0 || value < -1 || value > 1)
		h->strays += store_col_int(st, 2);
	else
		h->history[i][value + 1] += (int)store_col_int(st, 2);
}

static void latest_row(struct store_stmt *st, void *arg)
{
	struct held *h = arg;
	int i = statement_index(h->run, store_col_int(st, 0));
	int64_t value = store_col_int(st, 1);
	if (i < 0 || value < -1 || value > 1)
		h->strays++;
	else
		h->latest[i] = (int)value;
}

static void one_int(struct store_stmt *st, void *arg)
{
	*(int64_t *)arg = store_col_int(st, 0);
}

static void one_text(struct store_stmt *st, void *arg)
{
	char *out = arg;
	const char *t = store_col_text(st, 0);
	size_t have = strlen(out);
	snprintf(out + have, 512 - have, "%s%s", have ? "; " : "", t ? t : "(null)");
}

/* The participant of voter v, found by the hash of its cookie as the
 * server finds it; 0 when it has none (yet). */
static int64_t participant_id(struct store *db, const struct voter *v)
{
	size_t len;
	const char *token = pid_cookie(v, &len);
	if (len == 0)
		return 0;
	char tok[128], hash[SECRET_HASH_LEN + 1];
	snprintf(tok, sizeof tok, "%.*s", (int)len, token);
	secret_hash(tok, hash);
	struct store_sql q = STORE_SQL("SELECT id FROM participant WHERE token_hash = ?");
	struct store_stmt *st = store_prepare(db, &q);
	if (st == NULL)
		fail_msg("participant: %s", store_error(db));
	store_bind_text(st, 1, hash);
	int64_t pid = store_step(st) == STORE_ROW ? store_col_int(st, 0) : 0;
	store_reset(st);
	return pid;
}

/* Compares what voter v expects with what the database holds, counts
 * what was lost or appeared from nowhere, and takes what is held as what
 * is expected from now on. */
static void check_voter(struct run *run, struct store *db, struct voter *v, const char *when)
{
	int64_t pid = participant_id(db, v);
	char err[600];
	struct held h = { .run = run };
	for (int i = 0; i < MAX_STATEMENTS; i++)
		h.latest[i] = NO_VOTE;
	if (pid && (query_rows(db,
			       "SELECT statement_id, value, COUNT(*) FROM vote_history WHERE participant_id = ? "
			       "GROUP BY statement_id, value",
			       pid, history_row, &h, err, sizeof err) != 0 ||
		    query_rows(db, "SELECT statement_id, value FROM vote WHERE participant_id = ?", pid,
			       latest_row, &h, err, sizeof err) != 0))
		fail_msg("%s", err);
	if (h.strays) {
		printf("# %s %s: participant %lld has %ld votes nobody cast\n", run->engine, when,
		       (long long)pid, h.strays);
		run->phantom += h.strays;
	}
	for (int i = 0; i < run->nstatements; i++) {
		struct expect *e = &v->e[i];
		for (int k = 0; k < 3; k++) {
			if (h.history[i][k] < e->need[k]) {
				printf("# LOST %s %s: participant %lld, statement %lld, %s: %d expected (acknowledged, or "
				       "found before), %d in vote_history\n",
				       run->engine, when, (long long)pid, (long long)run->statements[i], choice[k],
				       e->need[k], h.history[i][k]);
				run->lost += e->need[k] - h.history[i][k];
			} else if (h.history[i][k] > e->need[k] + e->maybe[k]) {
				printf("# %s %s: participant %lld, statement %lld, %s: %d in vote_history, "
				       "at most %d cast\n",
				       run->engine, when, (long long)pid, (long long)run->statements[i], choice[k],
				       h.history[i][k], e->need[k] + e->maybe[k]);
				run->phantom += h.history[i][k] - e->need[k] - e->maybe[k];
			}
		}
		int held = h.latest[i];
		int allowed = held != NO_VOTE && (held == e->last || (e->pending & (1 << (held + 1))));
		if (e->last != NO_VOTE && !allowed) {
			printf("# LOST %s %s: participant %lld, statement %lld: the latest acknowledged vote "
			       "is %s, the vote table holds %s\n",
			       run->engine, when, (long long)pid, (long long)run->statements[i],
			       choice[e->last + 1], held == NO_VOTE ? "none" : choice[held + 1]);
			run->lost++;
		} else if (e->last == NO_VOTE && held != NO_VOTE && !allowed) {
			printf("# %s %s: participant %lld, statement %lld: the vote table holds %s, never "
			       "cast\n",
			       run->engine, when, (long long)pid, (long long)run->statements[i], choice[held + 1]);
			run->phantom++;
		}
		e->last = held;
		e->pending = 0;
		for (int k = 0; k < 3; k++) {
			e->need[k] = h.history[i][k];
			e->maybe[k] = 0;
		}
	}
}

/* The engine's own integrity checks; the number that failed (each said). */
static int integrity(struct run *run, struct test_server *s, struct store *db, const char *when)
{
	int failed = 0;
	char err[600], text[512] = "";
	const char *migrate[] = { "migrate", "--db", s->db, "--log-level", "warn", NULL };
	char *out = NULL, *errout = NULL;
	int rc = test_run(migrate, &out, &errout);
	if (rc != 0 || out == NULL || strstr(out, "(0 migrations applied)") == NULL) {
		printf("# %s %s: samskab migrate (%d): %s%s\n", run->engine, when, rc, out ? out : "",
		       errout ? errout : "");
		failed++;
	}
	free(out);
	free(errout);
	if (store_dialect(db) == STORE_SQLITE) {
		if (query_rows(db, "PRAGMA integrity_check", 0, one_text, text, err, sizeof err) != 0 ||
		    strcmp(text, "ok") != 0) {
			printf("# %s %s: integrity_check: %s\n", run->engine, when, text[0] ? text : err);
			failed++;
		}
		text[0] = '\0';
		if (query_rows(db, "PRAGMA foreign_key_check", 0, one_text, text, err, sizeof err) != 0 || text[0]) {
			printf("# %s %s: foreign_key_check: %s\n", run->engine, when, text[0] ? text : err);
			failed++;
		}
		return failed;
	}
	int64_t indexes = 0, corrupt = 0;
	if (store_exec(db, "CREATE EXTENSION IF NOT EXISTS amcheck") != STORE_OK) {
		printf("# %s %s: amcheck: %s\n", run->engine, when, store_error(db));
		return failed + 1;
	}
	if (query_rows(db,
		       "SELECT COUNT(bt_index_check(i.indexrelid, true)) FROM pg_index i JOIN pg_class c ON "
		       "c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'btree' AND "
		       "i.indrelid IN ('vote'::regclass, 'vote_history'::regclass, 'participant'::regclass)",
		       0, one_int, &indexes, err, sizeof err) != 0 ||
	    indexes < 4) {
		printf("# %s %s: bt_index_check (%lld indexes): %s\n", run->engine, when, (long long)indexes,
		       err);
		failed++;
	}
	if (query_rows(db,
		       "SELECT (SELECT COUNT(*) FROM verify_heapam('vote')) + (SELECT COUNT(*) FROM "
		       "verify_heapam('vote_history')) + (SELECT COUNT(*) FROM verify_heapam('participant'))",
		       0, one_int, &corrupt, err, sizeof err) != 0 ||
	    corrupt != 0) {
		printf("# %s %s: verify_heapam: %lld corrupt tuples %s\n", run->engine, when,
		       (long long)corrupt, err);
		failed++;
	}
	return failed;
}

static const char *const serve_extra[] = { "--participants-per-hour", "0", NULL };

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0)
		;
}

/* One trial: load, kill at a random moment, restart, check. */
static void trial(struct run *run, struct test_server *s, int t, unsigned *rnd)
{
	char page[96];
	snprintf(page, sizeof page, "/arenas/%lld/dialogue", (long long)run->arena_id);
	for (int i = 0; i < VOTERS; i++) {
		/* A page first, as a browser would: the CSRF token of this
		 * server (and the participant cookie the voter has). */
		struct http_resp r;
		client_get(s, &run->voters[i].client, page, &r);
		if (r.status != 200 || run->voters[i].client.csrf[0] == '\0')
			fail_msg("%s trial %d: GET %s: %ld", run->engine, t, page, r.status);
		http_resp_free(&r);
	}
	atomic_int stop = 0;
	atomic_long acked_now = 0;
	pthread_t th[VOTERS];
	for (int i = 0; i < VOTERS; i++) {
		struct voter *v = &run->voters[i];
		v->stop = &stop;
		v->acked_now = &acked_now;
		v->acked = v->refused = 0;
		if (pthread_create(&th[i], NULL, vote_loop, v) != 0)
			fail_msg("pthread_create");
	}
	/* The moment of the kill: 0.3 to 2 s into the load, and not before
	 * a vote was acknowledged (a loaded machine may take longer). */
	int delay = 300 + (int)(rand_r(rnd) % 1701);
	sleep_ms(delay);
	int started = test_poll(some_acked, &acked_now, TEST_DEADLINE_MS);
	int in_flight = 0;
	for (int i = 0; i < VOTERS; i++)
		in_flight += atomic_load(&run->voters[i].in_request);
	test_server_kill(s);
	atomic_store(&stop, 1);
	for (int i = 0; i < VOTERS; i++)
		pthread_join(th[i], NULL);
	if (!started)
		fail_msg("%s trial %d: no vote acknowledged in %d s", run->engine, t, TEST_DEADLINE_MS / 1000);
	long acked = 0, refused = 0;
	for (int i = 0; i < VOTERS; i++) {
		struct voter *v = &run->voters[i];
		acked += v->acked;
		refused += v->refused;
		if (v->refused)
			printf("# %s trial %d: voter %d: %ld votes refused, the first with %ld\n", run->engine, t, i,
			       v->refused, v->first_refusal);
	}
	test_server_start(s, serve_extra);
	struct http_resp r;
	if (http_try(s, "GET", "/healthz", NULL, NULL, &r) != 0 || r.status != 200)
		fail_msg("%s trial %d: the restarted server does not answer /healthz", run->engine, t);
	http_resp_free(&r);
	char err[256];
	struct store *db = store_open(s->db, NULL, err, sizeof err);
	if (db == NULL)
		fail_msg("%s", err);
	long lost = run->lost, phantom = run->phantom;
	char when[32];
	snprintf(when, sizeof when, "trial %d", t);
	for (int i = 0; i < VOTERS; i++)
		check_voter(run, db, &run->voters[i], when);
	int failed = integrity(run, s, db, when);
	store_close(db);
	run->integrity += failed + (run->phantom - phantom > 0);
	run->acked += acked;
	run->in_flight += in_flight;
	run->refused += refused;
	run->trials++;
	printf("# %s trial %2d: killed after %4d ms with %d votes in flight; %5ld votes acknowledged, "
	       "%ld lost, %s\n",
	       run->engine, t, delay, in_flight, acked, run->lost - lost,
	       failed || run->phantom > phantom ? "integrity check FAILED" : "integrity ok");
	fflush(stdout);
}

/* Runs sql with the integer parameters p1 and p2 on db. */
static void exec_ids(struct store *db, const char *sql, int64_t p1, int64_t p2)
{
	struct store_sql q = STORE_SQL(sql);
	struct store_stmt *st = store_prepare(db, &q);
	if (st == NULL)
		fail_msg("%s: %s", sql, store_error(db));
	store_bind_int(st, 1, p1);
	store_bind_int(st, 2, p2);
	int rc = store_step(st);
	store_reset(st);
	if (rc != STORE_DONE)
		fail_msg("%s: %s", sql, store_error(db));
}

/* The check can fail: one acknowledged vote removed on purpose (its
 * latest row and one history row) is counted as two lost, and not added
 * to the run's figures. */
static void check_finds_a_loss(struct run *run, struct test_server *s)
{
	struct voter *v = NULL;
	int i = -1;
	for (int k = 0; k < VOTERS && i < 0; k++)
		for (int j = 0; j < run->nstatements && i < 0; j++)
			if (run->voters[k].e[j].last != NO_VOTE)
				v = &run->voters[k], i = j;
	if (v == NULL)
		fail_msg("%s: no acknowledged vote to remove", run->engine);
	char err[256];
	struct store *db = store_open(s->db, NULL, err, sizeof err);
	if (db == NULL)
		fail_msg("%s", err);
	int64_t pid = participant_id(db, v);
	if (pid == 0)
		fail_msg("%s: the voter of an acknowledged vote has no participant", run->engine);
	exec_ids(db, "DELETE FROM vote WHERE participant_id = ? AND statement_id = ?", pid, run->statements[i]);
	exec_ids(db,
		 "DELETE FROM vote_history WHERE id = (SELECT MAX(id) FROM vote_history WHERE participant_id = ? "
		 "AND statement_id = ?)",
		 pid, run->statements[i]);
	long lost = run->lost;
	check_voter(run, db, v, "(a vote removed on purpose)");
	store_close(db);
	if (run->lost - lost != 2)
		fail_msg("%s: the check counted %ld lost of a vote removed on purpose, not 2", run->engine,
			 run->lost - lost);
	run->lost = lost;
}

static void run_engine(struct run *run)
{
	struct test_server s;
	test_db_create(&s, 1);
	/* The demo's open arena with statements to vote on. */
	char err[256];
	struct store *db = store_open(s.db, NULL, err, sizeof err);
	if (db == NULL)
		fail_msg("%s", err);
	if (query_rows(db,
		       "SELECT MIN(a.id) FROM arena a WHERE a.status = 'open' AND EXISTS (SELECT 1 FROM "
		       "statement t WHERE t.arena_id = a.id AND t.status = 'accepted')",
		       0, one_int, &run->arena_id, err, sizeof err) != 0)
		fail_msg("%s", err);
	struct store_sql q = STORE_SQL("SELECT id FROM statement WHERE arena_id = ? AND status = 'accepted' "
				       "ORDER BY id");
	struct store_stmt *st = store_prepare(db, &q);
	if (st == NULL)
		fail_msg("%s", store_error(db));
	store_bind_int(st, 1, run->arena_id);
	while (store_step(st) == STORE_ROW && run->nstatements < MAX_STATEMENTS)
		run->statements[run->nstatements++] = store_col_int(st, 0);
	store_reset(st);
	store_close(db);
	if (run->nstatements < 2)
		fail_msg("the demo has no open dialogue to vote in");
	for (int i = 0; i < VOTERS; i++) {
		struct voter *v = &run->voters[i];
		memset(v, 0, sizeof *v);
		v->srv = &s;
		v->statements = run->statements;
		v->nstatements = run->nstatements;
		v->arena_id = run->arena_id;
		v->seed = seed + (unsigned)i * 7919u + (run == &runs[1] ? 104729u : 0);
		for (int k = 0; k < MAX_STATEMENTS; k++)
			v->e[k].last = NO_VOTE;
	}
	unsigned rnd = seed ^ (run == &runs[1] ? 0x9e3779b9u : 0);
	test_server_start(&s, serve_extra);
	for (int t = 1; t <= ntrials; t++)
		trial(run, &s, t, &rnd);
	check_finds_a_loss(run, &s);
	test_server_stop(&s);
	test_db_drop(&s);
}

static void test_sqlite(void **state)
{
	(void)state;
	unsetenv("SAMSKAB_TEST_PG");
	run_engine(&runs[0]);
}

static void test_postgresql(void **state)
{
	(void)state;
	char dir[64], pg_dir[80], url[256], args[128];
	unsigned undo_dir = test_tmpdir(dir, sizeof dir, "crash");
	snprintf(pg_dir, sizeof pg_dir, "%s/pg", dir);
	unsigned undo_pg = test_pg_stop_later(pg_dir);
	snprintf(args, sizeof args, "start %s", pg_dir);
	if (test_pg(args, url, sizeof url) != 0 || url[0] == '\0')
		fail_msg("scripts/pg start %s failed", pg_dir);
	setenv("SAMSKAB_TEST_PG", url, 1);
	run_engine(&runs[1]);
	unsetenv("SAMSKAB_TEST_PG");
	test_undo(undo_pg);
	test_undo(undo_dir);
}

int main(int argc, char **argv)
{
	if (argc > 1 && (ntrials = atoi(argv[1])) < 1) {
		fprintf(stderr, "usage: %s [TRIALS]\n", argv[0]);
		return 2;
	}
	const char *given = getenv("SAMSKAB_CRASH_SEED");
	seed = given && *given ? (unsigned)strtoul(given, NULL, 10) : (unsigned)time(NULL) ^ (unsigned)getpid();
	printf("# crashtest: %d trials per engine, %d voters, SAMSKAB_CRASH_SEED=%u\n", ntrials, VOTERS, seed);
	curl_global_init(CURL_GLOBAL_ALL);
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_sqlite),
		TEST_CASE(test_postgresql),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	long trials = 0, acked = 0, lost = 0, bad = 0;
	for (int i = 0; i < 2; i++) {
		const struct run *r = &runs[i];
		printf("%s: %d trials, %ld acknowledged votes (%ld in flight at the kills, %ld refused), %ld lost, "
		       "%ld integrity failures\n",
		       r->engine, r->trials, r->acked, r->in_flight, r->refused, r->lost, r->integrity);
		trials += r->trials;
		acked += r->acked;
		lost += r->lost;
		bad += r->integrity;
	}
	printf("crashtest: %ld trials, %ld acknowledged votes, %ld lost, %ld integrity failures\n", trials, acked,
	       lost, bad);
	curl_global_cleanup();
	return failed || lost || bad || trials < 2L * ntrials ? 1 : 0;
}
