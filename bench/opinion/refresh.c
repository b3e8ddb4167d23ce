/*
 * refresh.c: how long the background job takes to refresh an arena's
 * opinion map after new votes, on a database holding an imported
 * conversation (samskab polis-import): a cold refresh first (as after a
 * restart), then ROUNDS times: VOTES new votes, each in its own
 * transaction as the dialogue page casts them (existing participants on
 * statements they had not voted on, and a few new participants), then one
 * warm refresh, timed. Prints the median and the slowest warm refresh,
 * the cold one, and the medians of the warm refreshes' reading, computing
 * and storing, in milliseconds.
 *
 *   refresh DB ARENA [ROUNDS [VOTES]]   (default 9 rounds of 100 votes)
 *
 * Built by bench/opinion/run against build/libsamskab.a; its SQL (the
 * participants and statements to vote with) is the bench's own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/log.h"
#include "core/monotime.h"
#include "core/secret.h"
#include "model/dialogue.h"
#include "model/opinion_map.h"
#include "model/participant.h"
#include "store/store.h"

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The first column of every row of sql (one int parameter) into *out. */
static size_t ids(struct store *db, const char *sql, int64_t arg, int64_t **out)
{
	struct store_stmt *st = store_prepare_text(db, sql);
	if (st == NULL) {
		fprintf(stderr, "refresh: %s\n", store_error(db));
		exit(1);
	}
	store_bind_int(st, 1, arg);
	size_t n = 0, cap = 1024;
	*out = malloc(cap * sizeof **out);
	while (store_step(st) == STORE_ROW) {
		if (n == cap)
			*out = realloc(*out, (cap *= 2) * sizeof **out);
		(*out)[n++] = store_col_int(st, 0);
	}
	store_finalize(st);
	return n;
}

static int64_t timed_refresh(struct store *db, struct opinion_tracker *t)
{
	int64_t t0 = monotime_us();
	if (opinion_map_refresh(db, t) != MODEL_OK) {
		fprintf(stderr, "refresh: the refresh failed: %s\n", store_error(db));
		exit(1);
	}
	return monotime_us() - t0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: refresh DB ARENA [ROUNDS [VOTES]]\n");
		return 2;
	}
	int64_t arena = atoll(argv[2]);
	int rounds = argc > 3 ? atoi(argv[3]) : 9, per = argc > 4 ? atoi(argv[4]) : 100;
	char err[512];
	if (secret_init() != 0 || i18n_init(err, sizeof err) != 0) {
		fprintf(stderr, "refresh: cannot initialise\n");
		return 1;
	}
	log_set_level(LOG_WARN);
	struct store_options opt = { .sync_full = 0, .busy_ms = 5000 };
	struct store *db = store_open(argv[1], &opt, err, sizeof err);
	if (db == NULL) {
		fprintf(stderr, "refresh: %s\n", err);
		return 1;
	}
	int64_t *stmts, *voters;
	size_t ns = ids(db, "SELECT id FROM statement WHERE arena_id = ? AND status = 'accepted' ORDER BY id",
			arena, &stmts);
	size_t nv = ids(db, "SELECT DISTINCT v.participant_id FROM vote v JOIN statement s ON s.id = "
			    "v.statement_id WHERE s.arena_id = ? ORDER BY 1",
			arena, &voters);
	if (ns == 0 || nv == 0) {
		fprintf(stderr, "refresh: arena %lld has no statements or voters\n", (long long)arena);
		return 1;
	}
	struct opinion_tracker *t = opinion_tracker_new(arena);
	int64_t cold = timed_refresh(db, t);
	int64_t *warm = malloc((size_t)rounds * sizeof *warm);
	int64_t part[3][64] = { { 0 } };
	uint64_t seed = 88172645463325252ull;
	for (int r = 0; r < rounds; r++) {
		for (int i = 0; i < per; i++) {
			seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
			int64_t pid = voters[seed % nv];
			if (i % 10 == 9 && participant_add_detached(db, &pid) != MODEL_OK) {
				fprintf(stderr, "refresh: %s\n", store_error(db));
				return 1;
			}
			int64_t sid = stmts[(seed >> 20) % ns];
			int value = (int)((seed >> 40) % 3) - 1;
			if (store_begin(db) != STORE_OK || vote_cast(db, pid, sid, value, now_ms()) != MODEL_OK ||
			    store_commit(db) != STORE_OK) {
				fprintf(stderr, "refresh: a vote failed: %s\n", store_error(db));
				return 1;
			}
		}
		warm[r] = timed_refresh(db, t);
		const struct opinion_refresh_stats *s = opinion_tracker_stats(t);
		if (r < 64) {
			part[0][r] = s->read_us;
			part[1][r] = s->compute_us;
			part[2][r] = s->store_us;
		}
	}
	int np = rounds < 64 ? rounds : 64;
	for (int k = 0; k < 3; k++)
		qsort(part[k], (size_t)np, sizeof part[k][0], cmp64);
	qsort(warm, (size_t)rounds, sizeof *warm, cmp64);
	printf("%.1f %.1f %.1f %.1f %.1f %.1f\n", (double)warm[rounds / 2] / 1000, (double)warm[rounds - 1] / 1000,
	       (double)cold / 1000, (double)part[0][np / 2] / 1000, (double)part[1][np / 2] / 1000,
	       (double)part[2][np / 2] / 1000);
	opinion_tracker_free(t);
	free(warm);
	free(stmts);
	free(voters);
	store_close(db);
	return 0;
}
