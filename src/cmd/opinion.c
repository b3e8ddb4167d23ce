/*
 * opinion.c: `samskab opinion DIR`: computes the opinion map of a Pol.is
 * openData directory (comments.csv, and votes.csv or else
 * participants-votes.csv) without a database, and prints it as JSON
 * (--json) or as a short summary. With --replay, votes.csv is replayed in
 * time order through the incremental update, a recompute after every N
 * votes or T seconds of recorded time, as Pol.is's worker recomputes after
 * each batch of new votes; the final map is printed.
 *
 * Exit status: 0 done, 1 bad input (the message names file and line),
 * 2 bad usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/csv.h"
#include "core/mem.h"
#include "model/opinion_map.h"
#include "opinion/opendata.h"
#include "opinion/opinion.h"

/* A byte range of a file, read with pread so that two ranges of one file
 * can be read by two threads. */
struct range {
	int fd;
	off_t at, end;
};

static long range_read(void *ctx, char *dst, size_t n)
{
	struct range *r = ctx;
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

static int read_votes_split(struct opendata *od, int fd, off_t size, char *err, size_t errlen)
{
	off_t mid = split_point(fd, size);
	if (mid == 0)
		return 1;
	struct range a = { fd, 0, mid }, b = { fd, mid, size };
	struct csv head, tail;
	csv_init_read(&head, range_read, &a);
	csv_init_read(&tail, range_read, &b);
	int rc = opendata_votes_split(od, &head, &tail, err, errlen);
	csv_free(&head);
	csv_free(&tail);
	return rc;
}

enum file_kind { F_COMMENTS, F_VOTES, F_PARTICIPANTS_VOTES };

/* Reads DIR/name into od; 0, -1 after a message, or 1 if the file is
 * absent and absent_ok. */
static int read_file(struct opendata *od, const char *dir, const char *name, enum file_kind kind,
		     int absent_ok)
{
	char path[4096], err[512];
	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path) {
		fprintf(stderr, "samskab opinion: %s: path too long\n", dir);
		return -1;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT && absent_ok)
			return 1;
		fprintf(stderr, "samskab opinion: %s: %s\n", path, strerror(errno));
		return -1;
	}
	struct stat sb;
	int rc = 1;
	if (kind == F_VOTES && fstat(fd, &sb) == 0 && sb.st_size >= SPLIT_FROM)
		rc = read_votes_split(od, fd, sb.st_size, err, sizeof err);
	if (rc == 1) {
		struct range all = { fd, 0, (off_t)INT64_MAX };
		struct csv c;
		csv_init_read(&c, range_read, &all);
		if (kind == F_COMMENTS)
			rc = opendata_comments(od, &c, err, sizeof err);
		else if (kind == F_VOTES)
			rc = opendata_votes(od, &c, err, sizeof err);
		else
			rc = opendata_participants(od, &c, 1, err, sizeof err);
		csv_free(&c);
	}
	close(fd);
	if (rc < 0)
		fprintf(stderr, "samskab opinion: %s: %s\n", path, err);
	return rc < 0 ? -1 : 0;
}

static void print_summary(const struct opinion_result *res, size_t updates)
{
	if (updates)
		printf("updates: %zu\n", updates);
	if (res->status != OPINION_READY) {
		printf("not enough to show: too few votes or participants, or no disagreement\n");
		return;
	}
	printf("groups: %d", res->k);
	for (int g = 0; g < res->k; g++)
		printf("%s%u", g ? ", " : " (sizes ", res->group_size[g]);
	printf(")\nconsensus: %d agreed, %d disagreed\n", res->n_agree, res->n_disagree);
}

int cmd_opinion(int argc, char **argv)
{
	int as_json = 0, do_replay = 0, reload = 0;
	long every_votes = 0, every_seconds = 10;
	const struct opt opts[] = {
		{ "json", NULL, OPT_FLAG, &as_json, 0, 0, "", "print the map as JSON" },
		{ "replay", NULL, OPT_FLAG, &do_replay, 0, 0, "",
		  "replay votes.csv in time order through the incremental update" },
		{ "reload", NULL, OPT_FLAG, &reload, 0, 0, "",
		  "replay: before the last update, forget what Pol.is forgets on a restart "
		  "(group clusterings, k smoother), as Pol.is's export does" },
		{ "every-votes", NULL, OPT_INT, &every_votes, 0, 1000000000, "N",
		  "replay: recompute after N new votes (0: no limit)" },
		{ "every-seconds", NULL, OPT_INT, &every_seconds, 0, 1000000000, "T",
		  "replay: recompute after T seconds of recorded time (0: no limit)" },
	};
	const struct opt_cmd cmd = {
		"opinion", "DIR [options]",
		"Compute the opinion map (Pol.is's method) of a Pol.is openData directory: "
		"comments.csv, and votes.csv or else participants-votes.csv. Votes there are "
		"agree = 1, disagree = -1, pass = 0.",
		opts, sizeof opts / sizeof opts[0], 1, 1
	};
	char *args[1];
	int nargs, rc = opt_parse(&cmd, argc, argv, args, &nargs);
	if (rc != 0)
		return rc == 1 ? 0 : rc;
	if (do_replay && every_votes == 0 && every_seconds == 0)
		return opt_fail(&cmd, "every-seconds", "0",
				"with --every-votes 0 the replay needs a time step");
	const char *dir = args[0];
	struct opendata od;
	opendata_init(&od);
	struct opinion_result res = { 0 };
	size_t updates = 0;
	rc = 1;
	if (read_file(&od, dir, "comments.csv", F_COMMENTS, 0) != 0)
		goto out;
	int absent = read_file(&od, dir, "votes.csv", F_VOTES, 1);
	if (absent < 0)
		goto out;
	if (absent) {
		if (do_replay) {
			fprintf(stderr, "samskab opinion: %s/votes.csv: needed for --replay\n", dir);
			goto out;
		}
		if (read_file(&od, dir, "participants-votes.csv", F_PARTICIPANTS_VOTES, 0) != 0)
			goto out;
	}
	opendata_order(&od);
	if (do_replay) {
		struct opinion_input in;
		char err[256];
		opendata_input(&od, &in);
		if (opinion_replay(&in, every_votes, every_seconds, reload, &res, &updates, err,
				   sizeof err) != OPINION_OK) {
			fprintf(stderr, "samskab opinion: %s\n", err);
			goto out;
		}
	} else {
		struct opinion_input in;
		char err[256];
		opendata_input(&od, &in);
		if (opinion_compute(&in, &res, err, sizeof err) != OPINION_OK) {
			fprintf(stderr, "samskab opinion: %s\n", err);
			goto out;
		}
	}
	if (as_json) {
		/* One string, one write: dumping straight to the stream costs a
		 * stdio call per token. */
		json_t *j = opinion_map_json(&res, od.participant_id, od.statement_id);
		/* The tallies are for the pages; this output keeps to the
		 * method's own results. */
		json_object_del(j, "votes");
		json_object_del(j, "groupVotes");
		char *text = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(17));
		json_decref(j);
		rc = text && fputs(text, stdout) >= 0 && putchar('\n') != EOF ? 0 : 1;
		free(text);
	} else {
		print_summary(&res, updates);
		rc = 0;
	}
	if (fflush(stdout) != 0)
		rc = 1;
out:
	opinion_result_free(&res);
	opendata_free(&od);
	return rc;
}
