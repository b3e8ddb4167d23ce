/*
 * search_bench.c: search (model/search.c) over many statements and
 * proposals.
 *
 *   search_bench gen DB STATEMENTS PROPOSALS WORDS_FILE
 *     a new database: 20 arenas, STATEMENTS dialogue statements of 8 to 25
 *     words, all accepted, and PROPOSALS proposals whose text (their
 *     first revision) has 300 to 600 words, written into the tables so
 *     the triggers of migration 0011 index them; the words are drawn with
 *     Zipf's law from the Danish words of WORDS_FILE (i18n/da.txt), as
 *     people write.
 *   search_bench run DB WORDS_FILE QUERIES
 *     QUERIES one-word and QUERIES three-word searches (a first page of
 *     20 hits with counts and highlighted extracts, as /search asks),
 *     after a warm-up; prints "p50_1 p99_1 p50_3 p99_3 hits_1 hits_3" in
 *     milliseconds (hits: the median number of hits).
 */
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "bench/bench.h"
#include "core/region.h"
#include "model/search.h"

#define ARENAS 20
#define MAX_WORDS 20000

static char *words[MAX_WORDS];
static double *cum; /* Zipf: cumulative weights by rank */
static int nwords;
static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static double unit(void)
{
	return (double)(next_random() >> 11) / (double)(1ull << 53);
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The distinct lower-case words (3 letters or more) of the catalogue's
 * texts, in a fixed pseudo-random order: that order is their rank. */
static void load_words(const char *path)
{
	FILE *f = fopen(path, "r");
	if (f == NULL)
		bench_fail(path, NULL);
	char line[4096];
	while (fgets(line, sizeof line, f) && nwords < MAX_WORDS) {
		char *text = strchr(line, '=');
		if (line[0] == '#' || text == NULL)
			continue;
		for (char *p = text + 1; *p;) {
			while (*p && !(isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80))
				p++;
			char *start = p;
			while (*p && (isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80))
				p++;
			if (p - start >= 3 && p - start < 40 && nwords < MAX_WORDS) {
				char *w = strndup(start, (size_t)(p - start));
				for (char *c = w; *c; c++)
					*c = (char)tolower((unsigned char)*c);
				words[nwords++] = w;
			}
		}
	}
	fclose(f);
	qsort(words, (size_t)nwords, sizeof words[0], by_text);
	int k = 0;
	for (int i = 0; i < nwords; i++)
		if (k == 0 || strcmp(words[i], words[k - 1]) != 0)
			words[k++] = words[i];
	nwords = k;
	for (int i = nwords - 1; i > 0; i--) { /* shuffle */
		int j = (int)(next_random() % (uint64_t)(i + 1));
		char *t = words[i];
		words[i] = words[j];
		words[j] = t;
	}
	cum = malloc((size_t)nwords * sizeof *cum);
	double total = 0;
	for (int i = 0; i < nwords; i++)
		cum[i] = total += 1.0 / (i + 1);
	for (int i = 0; i < nwords; i++)
		cum[i] /= total;
}

static const char *zipf_word(void)
{
	double u = unit();
	int lo = 0, hi = nwords - 1;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (cum[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return words[lo];
}

static void sentence(char *out, size_t cap, int n)
{
	size_t len = 0;
	for (int i = 0; i < n && len + 48 < cap; i++)
		len += (size_t)snprintf(out + len, cap - len, "%s%s", i ? " " : "", zipf_word());
	if (len > 0)
		out[0] = (char)toupper((unsigned char)out[0]);
	snprintf(out + len, cap - len, ".");
}

static struct store_sql arena_sql = STORE_SQL(
	"INSERT INTO arena (title, title_key, theme_id, description, created_at, updated_at) VALUES (?, ?, 1, ?, 1, 1)");
static struct store_sql statement_sql = STORE_SQL(
	"INSERT INTO statement (arena_id, text, status, created_at) VALUES (?, ?, 'accepted', ?)");
static struct store_sql proposal_sql = STORE_SQL(
	"INSERT INTO proposal (arena_id, title, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id");
static struct store_sql revision_sql = STORE_SQL(
	"INSERT INTO proposal_revision (proposal_id, number, kind, title, text, created_at) "
	"VALUES (?, 1, 'start', ?, ?, ?)");

static void done(struct store *db, struct store_stmt *st, const char *what)
{
	if (st == NULL || store_step(st) != STORE_DONE)
		bench_fail(what, db);
	store_reset(st);
}

static void gen(const char *url, long statements, long proposals)
{
	struct store *db = bench_open(url);
	char text[8192], title[256];
	bench_exec(db, "INSERT INTO theme (name, name_key, created_at, updated_at) VALUES ('Tema', 'tema', 1, 1)");
	for (int i = 1; i <= ARENAS; i++) {
		struct store_stmt *st = store_prepare(db, &arena_sql);
		sentence(title, 120, 4);
		sentence(text, 2000, 60);
		store_bind_text(st, 1, title);
		snprintf(title, sizeof title, "a%02d", i);
		store_bind_text(st, 2, title);
		store_bind_text(st, 3, text);
		done(db, st, "arena");
	}
	for (long i = 0; i < statements; i += 50000) {
		if (store_begin(db) != STORE_OK)
			bench_fail("begin", db);
		for (long k = i; k < i + 50000 && k < statements; k++) {
			struct store_stmt *st = store_prepare(db, &statement_sql);
			sentence(text, sizeof text, 8 + (int)(next_random() % 18));
			store_bind_int(st, 1, 1 + k % ARENAS);
			store_bind_text(st, 2, text);
			store_bind_int(st, 3, k);
			done(db, st, "statement");
		}
		if (store_commit(db) != STORE_OK)
			bench_fail("commit", db);
	}
	if (store_begin(db) != STORE_OK)
		bench_fail("begin", db);
	for (long i = 0; i < proposals; i++) {
		struct store_stmt *st = store_prepare(db, &proposal_sql);
		sentence(title, 120, 3 + (int)(next_random() % 6));
		sentence(text, sizeof text, 300 + (int)(next_random() % 300));
		if (st == NULL)
			bench_fail("proposal", db);
		store_bind_int(st, 1, 1 + i % ARENAS);
		store_bind_text(st, 2, title);
		store_bind_int(st, 3, statements + i);
		store_bind_int(st, 4, statements + i);
		if (store_step(st) != STORE_ROW)
			bench_fail("proposal", db);
		int64_t id = store_col_int(st, 0);
		store_reset(st);
		st = store_prepare(db, &revision_sql);
		store_bind_int(st, 1, id);
		store_bind_text(st, 2, title);
		store_bind_text(st, 3, text);
		store_bind_int(st, 4, statements + i);
		done(db, st, "revision");
	}
	if (store_commit(db) != STORE_OK)
		bench_fail("commit", db);
	bench_exec(db, "INSERT INTO search_fts (search_fts) VALUES ('optimize')");
	store_close(db);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Median and 99th percentile latency (ms) of n queries of `terms` words,
 * drawn from ranks 10 .. 10 + spread (common but not the commonest). */
static void measure(struct store *db, int n, int terms, int spread, double *p50, double *p99, double *hits)
{
	double *ms = malloc((size_t)n * sizeof *ms), *found = malloc((size_t)n * sizeof *found);
	for (int i = 0; i < n; i++) {
		char q[512] = "";
		for (int t = 0; t < terms; t++) {
			size_t len = strlen(q);
			snprintf(q + len, sizeof q - len, "%s%s", t ? " " : "",
				 words[10 + (int)(next_random() % (uint64_t)spread)]);
		}
		struct region *a = region_new();
		struct search_query sq = { .q = q, .kind = -1 };
		struct paging p = { 1, 20, 0 };
		struct search_result r;
		struct field_errors e = { .n = 0 };
		double t0 = bench_now();
		enum model_rc rc = search_run(db, a, &sq, &p, &r, &e);
		ms[i] = (bench_now() - t0) * 1000;
		found[i] = (double)p.total;
		if (rc != MODEL_OK && rc != MODEL_INVALID)
			bench_fail("search_run", db);
		region_free(a);
	}
	qsort(ms, (size_t)n, sizeof *ms, cmp_double);
	qsort(found, (size_t)n, sizeof *found, cmp_double);
	*p50 = ms[n / 2];
	*p99 = ms[(int)ceil(n * 0.99) - 1];
	*hits = found[n / 2];
	free(ms);
	free(found);
}

static void run(const char *url, int n)
{
	struct store *db = bench_open(url);
	double a50, a99, b50, b99, ah, bh;
	measure(db, n / 4, 1, 400, &a50, &a99, &ah); /* warm-up */
	measure(db, n, 1, 400, &a50, &a99, &ah);
	measure(db, n, 3, 400, &b50, &b99, &bh);
	printf("%.2f %.2f %.2f %.2f %.0f %.0f\n", a50, a99, b50, b99, ah, bh);
	store_close(db);
}

int main(int argc, char **argv)
{
	if (argc == 6 && strcmp(argv[1], "gen") == 0) {
		load_words(argv[5]);
		gen(argv[2], atol(argv[3]), atol(argv[4]));
	} else if (argc == 5 && strcmp(argv[1], "run") == 0) {
		load_words(argv[3]);
		rng = (uint64_t)time(NULL) | 1;
		run(argv[2], atoi(argv[4]));
	} else {
		fprintf(stderr, "usage: search_bench gen DB STATEMENTS PROPOSALS WORDS_FILE | run DB WORDS_FILE QUERIES\n");
		return 2;
	}
	return 0;
}
