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

/* opendata_votes_split on the two halves of votes.csv, mapped into memory
 * and read in place (no copy), each bounded by its line feeds, counted
 * first (on two threads: one pass over a file in the page cache, cheaper
 * than moving the tail's votes after it is read); 1 when it cannot be
 * split or mapped (read it whole then). */
static int read_votes_split(struct opendata *od, int fd, off_t size, char *err, size_t errlen)
{
	off_t mid = split_point(fd, size);
	if (mid == 0 || (uintmax_t)size > SIZE_MAX)
		return 1;
	char *map = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED)
		return 1;
	(void)madvise(map, (size_t)size, MADV_SEQUENTIAL);
	struct lf_count lc[2] = { { map, (size_t)mid, 0 }, { map + mid, (size_t)(size - mid), 0 } };
	pair_run(count_lfs, &lc[0], count_lfs, &lc[1], 1);
	struct csv head, tail;
	csv_init_map(&head, map, (size_t)mid);
	csv_init_map(&tail, map + mid, (size_t)(size - mid));
	int rc = opendata_votes_split(od, &head, &tail, lc[0].n + 1, lc[1].n + 1, err, errlen);
	csv_free(&head);
	csv_free(&tail);
	munmap(map, (size_t)size);
	return rc;
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
