/*
 * agreement_test.c: our opinion groups against Pol.is's own, on the real
 * conversations of Pol.is's openData: the four small ones in the
 * repository (tests/data/polis-opendata), and the full snapshot when it
 * is present (../shared/data/polis-opendata from the repository root, or
 * $SAMSKAB_POLIS_DATA; skipped as optional otherwise). For each
 * conversation it prints whether k matches Pol.is's and the adjusted Rand
 * index against Pol.is's groups (the group-id column of
 * participants-votes.csv, over the participants Pol.is grouped; ours
 * ungrouped count as one more label), for one run on the final votes and
 * for a replay of votes.csv in time order through the incremental update
 * (see REPLAY_SECONDS). SAMSKAB_REPLAY_SECONDS changes the batch, and
 * SAMSKAB_REPLAY_WARM=1 replays without the reload, for exploring.
 *
 * The floors asserted are below what was measured on each set (see the
 * numbers in the table the test prints), so a change that makes the method
 * agree less with Pol.is fails here.
 */
#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/csv.h"
#include "opinion/opendata.h"
#include "opinion/opinion.h"
#include "support/skip.h"

/* Replay batches of 300 s of recorded time, with a reload before the last
 * update (see replay.c). Pol.is's worker recomputed about every second or
 * after each update, whichever was longer; shorter batches give other but
 * not better agreement (measured with SAMSKAB_REPLAY_SECONDS=10 and 60: 4
 * and 2 conversations at ARI >= 0.9) and take 4 to 12 times longer. */
#define REPLAY_SECONDS 300

struct floors {
	int single_k_match;     /* conversations where k equals Pol.is's */
	double single_mean_ari;
	int replay_ari90;       /* replays with ARI >= 0.9 */
	double replay_mean_ari;
};

/* A little below what was measured on the 4 conversations in the
 * repository: single run k equal on 2 with mean ARI 0.285; replay ARI >=
 * 0.9 on 1 (bg2050-volunteers, 0.932), mean ARI 0.283. */
#define IN_REPO "tests/data/polis-opendata"
static const struct floors in_repo = { 2, 0.25, 1, 0.25 };

/* A little below what was measured on the 12 conversations of the
 * openData snapshot (2024-10): single run k equal on 8 with mean ARI 0.524;
 * replay ARI >= 0.9 on 4 of the 9 with votes.csv, mean ARI 0.460. */
static const struct floors full_set = { 8, 0.50, 3, 0.40 };

static long fd_read(void *ctx, char *dst, size_t n)
{
	return (long)read(*(int *)ctx, dst, n);
}

/* 0 read, 1 absent, -1 failed (after a message). */
static int load(struct opendata *od, const char *dir, const char *name, int kind)
{
	char path[4096], err[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return 1;
	struct csv c;
	csv_init_read(&c, fd_read, &fd);
	int rc = kind == 0   ? opendata_comments(od, &c, err, sizeof err)
		 : kind == 1 ? opendata_votes(od, &c, err, sizeof err)
			     : opendata_participants(od, &c, kind == 3, err, sizeof err);
	csv_free(&c);
	close(fd);
	if (rc < 0)
		print_error("%s: %s\n", path, err);
	return rc < 0 ? -1 : 0;
}

static double choose2(double n)
{
	return n * (n - 1) / 2;
}

/* Adjusted Rand index of two labelings (labels -1..6) over n items. */
static double ari(const int *a, const int *b, size_t n)
{
	enum { L = 8 };
	double t[L][L] = { { 0 } }, ra[L] = { 0 }, rb[L] = { 0 };
	for (size_t i = 0; i < n; i++) {
		t[a[i] + 1][b[i] + 1]++;
		ra[a[i] + 1]++;
		rb[b[i] + 1]++;
	}
	double index = 0, sa = 0, sb = 0;
	for (int i = 0; i < L; i++) {
		sa += choose2(ra[i]);
		sb += choose2(rb[i]);
		for (int j = 0; j < L; j++)
			index += choose2(t[i][j]);
	}
	double expected = sa * sb / choose2((double)n), max = (sa + sb) / 2;
	return max == expected ? 1.0 : (index - expected) / (max - expected);
}

struct agreement {
	int polis_k, k;
	double ari;
};

static void compare(const struct opendata *od, const struct opinion_result *res,
		    struct agreement *ag)
{
	int *a = malloc(od->n_participants * sizeof *a), *b = malloc(od->n_participants * sizeof *b);
	int seen[8] = { 0 };
	size_t n = 0;
	ag->polis_k = 0;
	for (uint32_t p = 0; p < od->n_participants; p++) {
		int g = od->polis_group[p];
		if (g < 0)
			continue;
		if (g < 7 && !seen[g]++)
			ag->polis_k++;
		a[n] = g < 7 ? g : 6;
		b[n] = res->group[p];
		n++;
	}
	ag->k = res->k;
	ag->ari = n > 1 ? ari(a, b, n) : 0;
	free(a);
	free(b);
}

/* Every conversation under root (an open directory) against Pol.is's
 * groups, and the floors. */
static void agreement(const char *root, DIR *d, const struct floors *floors)
{
	char names[64][256];
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL && n < 64)
		if (e->d_name[0] != '.' && strlen(e->d_name) < sizeof names[0])
			strcpy(names[n++], e->d_name);
	closedir(d);
	qsort(names, (size_t)n, sizeof names[0], (int (*)(const void *, const void *))strcmp);

	int convs = 0, k_single = 0, k_replay = 0, replays = 0, ari90 = 0;
	double sum_single = 0, sum_replay = 0;
	print_message("%-46s %6s %7s %10s %10s %8s\n", "conversation", "people", "k polis",
		      "single k/ARI", "replay k/ARI", "updates");
	for (int i = 0; i < n; i++) {
		char dir[4096];
		if ((size_t)snprintf(dir, sizeof dir, "%s/%.255s", root, names[i]) >= sizeof dir)
			continue;
		struct opendata od;
		opendata_init(&od);
		if (load(&od, dir, "comments.csv", 0) != 0) {
			opendata_free(&od);
			continue; /* not a conversation */
		}
		int no_votes = load(&od, dir, "votes.csv", 1);
		assert_true(no_votes >= 0);
		assert_int_equal(load(&od, dir, "participants-votes.csv", no_votes ? 3 : 2), 0);
		char err[256];
		assert_int_equal(opendata_order(&od, err, sizeof err), 0);
		struct opinion_input in;
		opendata_input(&od, &in);
		struct opinion_result res;
		assert_int_equal(opinion_compute(&in, &res, err, sizeof err), OPINION_OK);
		struct agreement single, rep = { 0, 0, -1 };
		compare(&od, &res, &single);
		opinion_result_free(&res);
		size_t updates = 0;
		if (od.times) {
			const char *secs = getenv("SAMSKAB_REPLAY_SECONDS");
			assert_int_equal(opinion_replay(&in, 0, secs ? atol(secs) : REPLAY_SECONDS,
							getenv("SAMSKAB_REPLAY_WARM") == NULL, &res,
							&updates, err,
							sizeof err),
					 OPINION_OK);
			compare(&od, &res, &rep);
			opinion_result_free(&res);
			replays++;
			sum_replay += rep.ari;
			k_replay += rep.k == rep.polis_k;
			ari90 += rep.ari >= 0.9;
		}
		convs++;
		sum_single += single.ari;
		k_single += single.k == single.polis_k;
		char rs[32] = "-";
		if (od.times)
			snprintf(rs, sizeof rs, "%d%s %.3f", rep.k, rep.k == rep.polis_k ? "=" : "!",
				 rep.ari);
		print_message("%-46s %6u %7d %3d%s %.3f %12s %8zu\n", names[i], od.n_participants,
			      single.polis_k, single.k, single.k == single.polis_k ? "=" : "!",
			      single.ari, rs, updates);
		opendata_free(&od);
	}
	assert_true(convs > 0);
	print_message("single run: k equal on %d of %d, mean ARI %.3f\n", k_single, convs,
		      sum_single / convs);
	if (replays)
		print_message("replay: k equal on %d of %d, mean ARI %.3f, ARI >= 0.9 on %d\n",
			      k_replay, replays, sum_replay / replays, ari90);
	assert_true(k_single >= floors->single_k_match);
	assert_true(sum_single / convs >= floors->single_mean_ari);
	if (replays) {
		assert_true(ari90 >= floors->replay_ari90);
		assert_true(sum_replay / replays >= floors->replay_mean_ari);
	}
}

static void test_agreement_in_repository(void **state)
{
	(void)state;
	DIR *d = opendir(IN_REPO);
	if (d == NULL)
		test_skip("missing: Pol.is openData at %s (run from the repository root)", IN_REPO);
	agreement(IN_REPO, d, &in_repo);
}

static void test_agreement_full_snapshot(void **state)
{
	(void)state;
	const char *root = getenv("SAMSKAB_POLIS_DATA");
	root = root && *root ? root : "../shared/data/polis-opendata";
	DIR *d = opendir(root);
	if (d == NULL)
		test_skip("optional: the full Pol.is openData snapshot is not at %s "
			  "(set SAMSKAB_POLIS_DATA)", root);
	agreement(root, d, &full_set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_agreement_in_repository),
		cmocka_unit_test(test_agreement_full_snapshot),
	};
	return cmocka_run_group_tests_name("opinion/agreement", tests, NULL, NULL);
}
