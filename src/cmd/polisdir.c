/*
 * polisdir.c: the files of a Pol.is openData directory, for the commands
 * that read one (opinion, polis-import): opening a file as CSV, and
 * reading the conversation into a struct opendata (see cmd.h). Messages
 * go to stderr as "samskab CMD: DIR/FILE: line N: what".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/pair.h"
#include "opinion/opendata.h"

/* A byte range of a file is read with pread, so that two ranges of one
 * file can be read by two threads. */
static long range_read(void *ctx, char *dst, size_t n)
{
	struct polisdir_range *r = ctx;
	if ((off_t)n > r->end - r->at)
		n = (size_t)(r->end - r->at);
	for (;;) {
		ssize_t got = n ? pread(r->fd, dst, n, r->at) : 0;
		if (got >= 0) {
			r->at += got;
			return (long)got;
		}
		if (errno != EINTR)
			return -1;
	}
}

int polisdir_open(struct polisdir_file *f, const char *cmd, const char *dir, const char *name,
		  int absent_ok)
{
	f->fd = -1;
	if ((size_t)snprintf(f->path, sizeof f->path, "%s/%s", dir, name) >= sizeof f->path) {
		fprintf(stderr, "samskab %s: %s: path too long\n", cmd, dir);
		return -1;
	}
	f->fd = open(f->path, O_RDONLY | O_CLOEXEC);
	if (f->fd < 0) {
		if (errno == ENOENT && absent_ok)
			return 1;
		fprintf(stderr, "samskab %s: %s: %s\n", cmd, f->path, strerror(errno));
		return -1;
	}
	f->range = (struct polisdir_range){ f->fd, 0, (off_t)INT64_MAX };
	csv_init_read(&f->csv, range_read, &f->range);
	return 0;
}

void polisdir_close(struct polisdir_file *f)
{
	if (f->fd < 0)
		return;
	csv_free(&f->csv);
	close(f->fd);
	f->fd = -1;
}

/* votes.csv files larger than this are read in two halves at once. */
#define SPLIT_FROM ((off_t)16 << 20)

/* The offset just after the first line break at or after the middle of
 * the file, or 0 if there is none to split at. */
static off_t split_point(int fd, off_t size)
{
	char block[4096];
	for (off_t at = size / 2; at < size; at += (off_t)sizeof block) {
		ssize_t n = pread(fd, block, sizeof block, at);
		if (n <= 0)
			return 0;
		char *nl = memchr(block, '\n', (size_t)n);
		if (nl)
			return at + (nl - block) + 1 < size ? at + (nl - block) + 1 : 0;
	}
	return 0;
}

/* Line feeds in a range of the mapped file (on a thread). */
struct lf_count {
	const char *p;
	size_t len, n;
};

static void *count_lfs(void *arg)
{
	struct lf_count *lc = arg;
	lc->n = csv_map_line_feeds(lc->p, lc->len);
	return NULL;
}

/* The records in the len bytes at p, guessed with room to spare from the
 * line feeds in the first GUESS_SAMPLE of them: a bound for
 * opendata_votes_split for any file whose lines are about as long
 * throughout (as Pol.is's exports are), without a pass over the whole. */
#define GUESS_SAMPLE ((size_t)1 << 20)
static size_t guess_records(const char *p, size_t len)
{
	size_t sample = len < GUESS_SAMPLE ? len : GUESS_SAMPLE;
	double lfs = (double)csv_line_feeds(p, sample);
	return (size_t)(lfs * ((double)len / (double)sample) * 1.125) + 1024;
}

/* opendata_votes_split on the parts [0, mid) and [mid, size) of the mapped
 * file, bounded by head_max and tail_max. */
static int split_read(struct opendata *od, const char *map, size_t mid, size_t size, size_t head_max,
		      size_t tail_max, char *err, size_t errlen)
{
	struct csv head, tail;
	csv_init_map(&head, map, mid);
	csv_init_map(&tail, map + mid, size - mid);
	int rc = opendata_votes_split(od, &head, &tail, head_max, tail_max, err, errlen);
	csv_free(&head);
	csv_free(&tail);
	return rc;
}

/* opendata_votes_split on the two halves of votes.csv, mapped into memory
 * and read in place (no copy), each bounded by a guess of its records
 * (guess_records) or, where the guess was too small, by its line feeds,
 * counted (on two threads; one pass over a file in the page cache); 1
 * when it cannot be split or mapped (read it whole then). */
static int read_votes_split(struct opendata *od, int fd, off_t size, char *err, size_t errlen)
{
	off_t mid = split_point(fd, size);
	if (mid == 0 || (uintmax_t)size > SIZE_MAX)
		return 1;
	char *map = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED)
		return 1;
	(void)madvise(map, (size_t)size, MADV_SEQUENTIAL);
	size_t h = (size_t)mid, n = (size_t)size;
	int rc = split_read(od, map, h, n, guess_records(map, h), guess_records(map + h, n - h), err, errlen);
	if (rc == 2) {
		struct lf_count lc[2] = { { map, h, 0 }, { map + h, n - h, 0 } };
		pair_run(count_lfs, &lc[0], count_lfs, &lc[1], 1);
		rc = split_read(od, map, h, n, lc[0].n + 1, lc[1].n + 1, err, errlen);
	}
	munmap(map, n);
	return rc == 2 ? 1 : rc; /* (counted bounds hold; if not, read it whole) */
}

enum file_kind { F_COMMENTS, F_VOTES, F_PARTICIPANTS_VOTES };

/* Reads DIR/name into od; 0, -1 after a message, or 1 if the file is
 * absent and absent_ok. */
static int read_file(struct opendata *od, const char *cmd, const char *dir, const char *name,
		     enum file_kind kind, int absent_ok)
{
	struct polisdir_file f;
	char err[512];
	int rc = polisdir_open(&f, cmd, dir, name, absent_ok);
	if (rc != 0)
		return rc;
	struct stat sb;
	rc = 1;
	if (kind == F_VOTES && fstat(f.fd, &sb) == 0 && sb.st_size >= SPLIT_FROM)
		rc = read_votes_split(od, f.fd, sb.st_size, err, sizeof err);
	if (rc == 1) {
		if (kind == F_COMMENTS)
			rc = opendata_comments(od, &f.csv, err, sizeof err);
		else if (kind == F_VOTES)
			rc = opendata_votes(od, &f.csv, err, sizeof err);
		else
			rc = opendata_participants(od, &f.csv, 1, err, sizeof err);
	}
	if (rc < 0)
		fprintf(stderr, "samskab %s: %s: %s\n", cmd, f.path, err);
	polisdir_close(&f);
	return rc < 0 ? -1 : 0;
}

int polisdir_read(struct opendata *od, const char *cmd, const char *dir, const char *votes_needed_for)
{
	if (read_file(od, cmd, dir, "comments.csv", F_COMMENTS, 0) != 0)
		return 1;
	int absent = read_file(od, cmd, dir, "votes.csv", F_VOTES, 1);
	if (absent < 0)
		return 1;
	if (absent) {
		if (votes_needed_for) {
			fprintf(stderr, "samskab %s: %s/votes.csv: needed for %s\n", cmd, dir,
				votes_needed_for);
			return 1;
		}
		if (read_file(od, cmd, dir, "participants-votes.csv", F_PARTICIPANTS_VOTES, 0) != 0)
			return 1;
	}
	char err[512];
	if (opendata_order(od, err, sizeof err) != 0) {
		fprintf(stderr, "samskab %s: %s/votes.csv: %s\n", cmd, dir, err);
		return 1;
	}
	return 0;
}
