/*
 * export_bench.c: exporting an arena's votes (model/export.c) when it has
 * very many.
 *
 *   export_bench gen DB STATEMENTS PARTICIPANTS
 *     a new database with one arena of STATEMENTS statements on which
 *     each of PARTICIPANTS participants voted (STATEMENTS x PARTICIPANTS
 *     votes in the history).
 *   export_bench run DB [scan]
 *     streams votes.csv of the arena to /dev/null as the server streams
 *     it (64 KB at a time); prints "seconds cpu_seconds rows bytes
 *     peak_mb" (cpu: user and system time of the process). With
 *     scan, the connection is opened as exports open theirs (the
 *     database read through SQLite's page cache, not mapped).
 */
#include <string.h>

#include "bench/bench.h"
#include "model/export.h"

static struct store_sql statement_sql =
	STORE_SQL("INSERT INTO statement (arena_id, text, status, created_at) VALUES (1, ?, 'accepted', ?)");
static struct store_sql participant_sql = STORE_SQL("INSERT INTO participant (created_at) VALUES (?)");
static struct store_sql vote_sql = STORE_SQL(
	"INSERT INTO vote_history (participant_id, statement_id, value, voted_at) VALUES (?, ?, ?, ?)");

static void done(struct store *db, struct store_stmt *st, const char *what)
{
	if (st == NULL || store_step(st) != STORE_DONE)
		bench_fail(what, db);
	store_reset(st);
}

static void gen(const char *url, long statements, long participants)
{
	struct store *db = bench_open(url);
	int64_t base = (int64_t)time(NULL) * 1000 - 86400000;
	char text[128];
	if (store_begin(db) != STORE_OK)
		bench_fail("begin", db);
	bench_exec(db, "INSERT INTO theme (name, name_key, created_at, updated_at) VALUES ('Tema', 'tema', 1, 1)");
	bench_exec(db, "INSERT INTO arena (title, title_key, theme_id, description, created_at, updated_at) "
		       "VALUES ('Ensomme ældre i Haarby', 'e', 1, '', 1, 1)");
	for (long s = 0; s < statements; s++) {
		struct store_stmt *st = store_prepare(db, &statement_sql);
		snprintf(text, sizeof text, "Udsagn nummer %ld: naboer kan gøre mere for ensomme ældre.", s + 1);
		store_bind_text(st, 1, text);
		store_bind_int(st, 2, 1);
		done(db, st, "statement");
	}
	for (long p = 0; p < participants; p++) {
		struct store_stmt *st = store_prepare(db, &participant_sql);
		store_bind_int(st, 1, 1);
		done(db, st, "participant");
	}
	if (store_commit(db) != STORE_OK)
		bench_fail("commit", db);
	/* Statement by statement, so the history's index grows at its end. */
	uint32_t seed = 20160616;
	for (long s = 0; s < statements; s++) {
		if (s % 50 == 0 && store_begin(db) != STORE_OK)
			bench_fail("begin", db);
		for (long p = 0; p < participants; p++) {
			struct store_stmt *st = store_prepare(db, &vote_sql);
			seed = seed * 1103515245u + 12345u;
			store_bind_int(st, 1, p + 1);
			store_bind_int(st, 2, s + 1);
			store_bind_int(st, 3, (int)(seed >> 16) % 3 - 1);
			store_bind_int(st, 4, base + p * 60000 + s * 7);
			done(db, st, "vote");
		}
		if ((s % 50 == 49 || s == statements - 1) && store_commit(db) != STORE_OK)
			bench_fail("commit", db);
	}
	store_close(db);
}

static void run(const char *url, int scan)
{
	char err[512];
	if (secret_init() != 0 || i18n_init(err, sizeof err) != 0)
		bench_fail("init", NULL);
	struct store_options opt = { .sync_full = 0, .busy_ms = 5000, .must_exist = 1, .scan = scan };
	struct store *db = store_open(url, &opt, err, sizeof err);
	if (db == NULL) {
		fprintf(stderr, "bench: %s\n", err);
		exit(1);
	}
	FILE *out = fopen("/dev/null", "w");
	static char chunk[64 * 1024];
	double t0 = bench_now();
	struct export *x;
	if (export_open(db, 1, EXPORT_VOTES, EXPORT_CSV, 0, &x) != MODEL_OK)
		bench_fail("export_open", db);
	long n;
	long long bytes = 0;
	while ((n = export_read(x, chunk, sizeof chunk)) > 0) {
		fwrite(chunk, 1, (size_t)n, out);
		bytes += n;
	}
	if (n < 0)
		bench_fail(export_error(x), db);
	double t = bench_now() - t0;
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
		     (double)ru.ru_stime.tv_usec / 1e6;
	printf("%.3f %.3f %lld %lld %.1f\n", t, cpu, (long long)export_rows(x), bytes, bench_peak_mb());
	export_close(x);
	fclose(out);
	store_close(db);
}

int main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "gen") == 0)
		gen(argv[2], atol(argv[3]), atol(argv[4]));
	else if ((argc == 3 || argc == 4) && strcmp(argv[1], "run") == 0)
		run(argv[2], argc == 4 && strcmp(argv[3], "scan") == 0);
	else {
		fprintf(stderr, "usage: export_bench gen DB STATEMENTS PARTICIPANTS | run DB [scan]\n");
		return 2;
	}
	return 0;
}
