/*
 * bench.h: what the C benchmark programs share (bench/NAME/NAME_bench.c, built
 * against libsamskab by `make bench`): opening and migrating a database,
 * the clock and the process's peak memory. Each program has a "gen" mode
 * that writes its data into a new database and a "run" mode, started as a
 * process of its own by its run script, that measures one run and prints
 * one line of numbers.
 */
#ifndef SAMSKAB_BENCH_H
#define SAMSKAB_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "core/i18n.h"
#include "core/secret.h"
#include "store/migrate.h"
#include "store/store.h"

static inline double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The process's peak resident memory, in MB. */
static inline double bench_peak_mb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_maxrss / 1024.0;
}

static inline void bench_fail(const char *what, struct store *db)
{
	fprintf(stderr, "bench: %s: %s\n", what, db ? store_error(db) : "");
	exit(1);
}

/* The database at url, migrated (SQLite: synchronous=NORMAL, as a bench
 * of throughput, not of the disk's flushes). */
static inline struct store *bench_open(const char *url)
{
	char err[512];
	if (secret_init() != 0 || i18n_init(err, sizeof err) != 0)
		bench_fail("init", NULL);
	struct store_options opt = { .sync_full = 0, .busy_ms = 5000 };
	struct store *db = store_open(url, &opt, err, sizeof err);
	if (db == NULL) {
		fprintf(stderr, "bench: %s\n", err);
		exit(1);
	}
	int applied;
	if (migrate_apply(db, &applied, err, sizeof err) != 0) {
		fprintf(stderr, "bench: %s\n", err);
		exit(1);
	}
	return db;
}

/* Runs one statement of the bench's own (set-up), or fails. */
static inline void bench_exec(struct store *db, const char *sql)
{
	if (store_exec(db, sql) != STORE_OK)
		bench_fail(sql, db);
}

#endif
