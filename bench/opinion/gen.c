/*
 * gen.c: writes the benchmark's synthetic conversation, deterministically,
 * in Pol.is's openData format: DIR/comments.csv and DIR/votes.csv (agree =
 * 1, disagree = -1, pass = 0), and the same votes as raw arrays for the
 * reference implementation (DIR/votes.bin: per vote int32 participant,
 * int32 comment, int8 vote, int64 timestamp, each as a whole column) and
 * the planted group of each participant (DIR/truth.bin, int8).
 *
 * Participants fall into 4 planted groups (40, 30, 20, 10 %); on each
 * statement each group leans to agree (p 0.8), to disagree (p 0.2) or is
 * split (0.5), drawn per group and statement. Each participant votes on
 * VOTES distinct statements, passing on 15 % of them.
 *
 *   gen DIR [participants statements votes-per-participant]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return h;
}

static double unit(uint64_t a, uint64_t b)
{
	return (double)(mix(a * 0x9e3779b97f4a7c15ull + b) >> 11) / 9007199254740992.0;
}

static FILE *create(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (f == NULL) {
		perror(path);
		exit(1);
	}
	return f;
}

static void put(FILE *f, const void *p, size_t size, size_t n)
{
	if (fwrite(p, size, n, f) != n) {
		perror("write");
		exit(1);
	}
}

int main(int argc, char **argv)
{
	if (argc != 2 && argc != 5) {
		fprintf(stderr, "usage: gen DIR [participants statements votes-per-participant]\n");
		return 2;
	}
	const char *dir = argv[1];
	long np = argc == 5 ? atol(argv[2]) : 100000, ns = argc == 5 ? atol(argv[3]) : 2000;
	long per = argc == 5 ? atol(argv[4]) : 100;
	if (np < 1 || ns < 1 || per < 1 || per > ns) {
		fprintf(stderr, "gen: bad sizes\n");
		return 2;
	}
	const int64_t t0 = 1700000000000;
	FILE *c = create(dir, "comments.csv");
	fprintf(c, "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n");
	for (long s = 0; s < ns; s++)
		fprintf(c, "%lld,Tue Nov 14 22:13:20 UTC 2023,%ld,0,0,0,1,\"Statement %ld, planted\"\n",
			(long long)t0, s, s);
	fclose(c);

	/* Group leanings. */
	double *lean = malloc(4 * (size_t)ns * sizeof *lean);
	for (long g = 0; g < 4; g++)
		for (long s = 0; s < ns; s++) {
			double u = unit(1000 + (uint64_t)g, (uint64_t)s);
			lean[g * ns + s] = u < 0.4 ? 0.8 : u < 0.8 ? 0.2 : 0.5;
		}
	size_t nv = (size_t)np * (size_t)per;
	int32_t *vp = malloc(nv * 4), *vs = malloc(nv * 4);
	int8_t *vv = malloc(nv), *truth = malloc((size_t)np);
	int64_t *vt = malloc(nv * 8);
	FILE *v = create(dir, "votes.csv");
	setvbuf(v, NULL, _IOFBF, 1 << 20);
	fprintf(v, "timestamp,datetime,comment-id,voter-id,vote\n");
	/* Strides coprime with ns give distinct statements. */
	long *strides = malloc((size_t)ns * sizeof *strides), nstr = 0;
	for (long k = 1; k < ns; k++) {
		long a = k, b = ns;
		while (b) {
			long t = a % b;
			a = b;
			b = t;
		}
		if (a == 1)
			strides[nstr++] = k;
	}
	if (nstr == 0)
		strides[nstr++] = 1;
	char when[64] = "";
	time_t shown = -1;
	size_t i = 0;
	for (long p = 0; p < np; p++) {
		double u = unit(7, (uint64_t)p);
		int g = u < 0.4 ? 0 : u < 0.7 ? 1 : u < 0.9 ? 2 : 3;
		truth[p] = (int8_t)g;
		long start = (long)(unit(11, (uint64_t)p) * ns),
		     stride = strides[(long)(unit(13, (uint64_t)p) * nstr)];
		for (long j = 0; j < per; j++, i++) {
			long s = (start + j * stride) % ns;
			double r = unit(17 + (uint64_t)p, (uint64_t)j);
			int vote = r < 0.15 ? 0 : unit(19 + (uint64_t)p, (uint64_t)j) < lean[g * ns + s] ? 1 : -1;
			int64_t t = t0 + (int64_t)i * 10;
			time_t sec = (time_t)(t / 1000);
			if (sec != shown) {
				struct tm tm;
				gmtime_r(&sec, &tm);
				strftime(when, sizeof when, "%a %b %d %H:%M:%S UTC %Y", &tm);
				shown = sec;
			}
			fprintf(v, "%lld,%s,%ld,%ld,%d\n", (long long)t, when, s, p, vote);
			vp[i] = (int32_t)p;
			vs[i] = (int32_t)s;
			vv[i] = (int8_t)vote;
			vt[i] = t;
		}
	}
	if (fclose(v) != 0) {
		perror("votes.csv");
		return 1;
	}
	FILE *b = create(dir, "votes.bin");
	put(b, vp, 4, nv);
	put(b, vs, 4, nv);
	put(b, vv, 1, nv);
	put(b, vt, 8, nv);
	fclose(b);
	FILE *t = create(dir, "truth.bin");
	put(t, truth, 1, (size_t)np);
	fclose(t);
	free(lean);
	free(strides);
	free(vp);
	free(vs);
	free(vv);
	free(vt);
	free(truth);
	return 0;
}
