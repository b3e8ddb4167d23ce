/*
 * digest_bench.c: daily digests (jobs/digest.c) for many people.
 *
 *   digest_bench gen DB ACCOUNTS NOTIFICATIONS
 *     a new database: ACCOUNTS verified accounts, 50 arenas, 10,000
 *     events across them, and NOTIFICATIONS daily notifications due (the
 *     same number for everyone, from different events and arenas).
 *   digest_bench run DB [nommap]
 *     writes every digest due, as the background job does; prints
 *     "seconds mails notifications peak_mb". With nommap the database is
 *     read through SQLite's page cache instead of mapped into memory (the
 *     mapped file's pages count as the process's resident memory while
 *     they are touched; they are the operating system's page cache).
 */
#include <string.h>

#include "bench/bench.h"
#include "jobs/digest.h"

#define ARENAS 50
#define EVENTS 10000

static struct store_sql account_sql = STORE_SQL(
	"INSERT INTO account (email, name, password_hash, lang, verified_at, password_changed_at, created_at, "
	"updated_at) VALUES (?, ?, 'x', ?, 1, 1, 1, 1)");
static struct store_sql arena_sql = STORE_SQL(
	"INSERT INTO arena (title, title_key, theme_id, description, created_at, updated_at) VALUES (?, ?, 1, '', 1, 1)");
static struct store_sql event_sql = STORE_SQL(
	"INSERT INTO event (kind, arena_id, title, detail, at, link, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
static struct store_sql note_sql = STORE_SQL(
	"INSERT INTO notification (account_id, event_id, kind, created_at, mail, mail_due) VALUES (?, ?, ?, ?, 'daily', 1)");

static const char *const kinds[] = { "activity_new", "activity_changed", "phase", "story" };

static void step(struct store *db, struct store_stmt *st, const char *what)
{
	if (st == NULL || store_step(st) != STORE_DONE)
		bench_fail(what, db);
	store_reset(st);
}

static void gen(const char *url, long accounts, long notes)
{
	struct store *db = bench_open(url);
	long per = notes / accounts;
	int64_t now = (int64_t)time(NULL);
	if (store_begin(db) != STORE_OK)
		bench_fail("begin", db);
	bench_exec(db, "INSERT INTO theme (name, name_key, created_at, updated_at) VALUES ('Tema', 'tema', 1, 1)");
	char text[128], key[64];
	for (int i = 1; i <= ARENAS; i++) {
		struct store_stmt *st = store_prepare(db, &arena_sql);
		snprintf(text, sizeof text, "Arena nummer %d om ensomme ældre", i);
		snprintf(key, sizeof key, "arena %04d", i);
		store_bind_text(st, 1, text);
		store_bind_text(st, 2, key);
		step(db, st, "arena");
	}
	for (long i = 1; i <= accounts; i++) {
		struct store_stmt *st = store_prepare(db, &account_sql);
		snprintf(text, sizeof text, "person%ld@example.dk", i);
		store_bind_text(st, 1, text);
		snprintf(text, sizeof text, "Person %ld", i);
		store_bind_text(st, 2, text);
		store_bind_text(st, 3, i % 5 == 0 ? "en" : "da");
		step(db, st, "account");
	}
	for (int i = 1; i <= EVENTS; i++) {
		struct store_stmt *st = store_prepare(db, &event_sql);
		store_bind_text(st, 1, kinds[i % 4]);
		store_bind_int(st, 2, 1 + i % ARENAS);
		snprintf(text, sizeof text, "Workshop nummer %d: hvor mødes vi?", i);
		store_bind_text(st, 3, text);
		store_bind_text(st, 4, "Haarby Bibliotek");
		store_bind_int(st, 5, now + i * 3600);
		snprintf(text, sizeof text, "/arenas/%d/activities/%d", 1 + i % ARENAS, i);
		store_bind_text(st, 6, text);
		store_bind_int(st, 7, now);
		step(db, st, "event");
	}
	/* Each person's notifications come from PER different events. */
	for (long a = 1; a <= accounts; a++)
		for (long k = 0; k < per; k++) {
			long e = 1 + (a * 131 + k * 1009) % EVENTS;
			struct store_stmt *st = store_prepare(db, &note_sql);
			store_bind_int(st, 1, a);
			store_bind_int(st, 2, e);
			store_bind_text(st, 3, kinds[e % 4]);
			store_bind_int(st, 4, now);
			step(db, st, "notification");
		}
	if (store_commit(db) != STORE_OK)
		bench_fail("commit", db);
	store_close(db);
}

static void run(const char *url, int nommap)
{
	struct store *db = bench_open(url);
	if (nommap)
		bench_exec(db, "PRAGMA mmap_size=0");
	struct digest_config cfg = { .base_url = "https://samskab.assens.dk", .batch = DIGEST_BATCH_DEFAULT };
	struct digest_stats st;
	double t0 = bench_now();
	if (digest_run(db, &cfg, (int64_t)time(NULL), &st) != STORE_OK)
		bench_fail("digest_run", db);
	double t = bench_now() - t0;
	printf("%.3f %lld %lld %.1f\n", t, (long long)st.mails, (long long)st.notifications, bench_peak_mb());
	store_close(db);
}

int main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "gen") == 0)
		gen(argv[2], atol(argv[3]), atol(argv[4]));
	else if ((argc == 3 || argc == 4) && strcmp(argv[1], "run") == 0)
		run(argv[2], argc == 4 && strcmp(argv[3], "nommap") == 0);
	else {
		fprintf(stderr, "usage: digest_bench gen DB ACCOUNTS NOTIFICATIONS | run DB [nommap]\n");
		return 2;
	}
	return 0;
}
