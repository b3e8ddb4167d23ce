/*
 * opinion.c: `samskab opinion DIR`: computes the opinion map of a Pol.is
 * openData directory (comments.csv, and votes.csv or else
 * participants-votes.csv) without a database, and prints it as JSON
 * (--json) or as a short summary. With --replay, votes.csv is replayed in
 * time order through the incremental update, a recompute after every N
 * votes or T seconds of recorded time, as Pol.is's worker recomputes after
 * each batch of new votes; the final map is printed. --timings prints to
 * stderr where the time went: reading the files, each step of the
 * computation (opinion.h enum opinion_step; of the last update in a
 * replay) and writing the output.
 *
 * Exit status: 0 done, 1 bad input (the message names file and line),
 * 2 bad usage.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "core/monotime.h"
#include "model/opinion_map.h"
#include "opinion/opendata.h"
#include "opinion/opinion.h"

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

static void print_timings(const struct opinion_result *res, int64_t read_us, int64_t compute_us,
			  int64_t output_us)
{
	fprintf(stderr, "read %.3f s, compute %.3f s (", read_us / 1e6, compute_us / 1e6);
	for (int s = 0; s < OPINION_STEP__MAX; s++)
		fprintf(stderr, "%s%s %.3f s", s ? ", " : "", opinion_step_name[s], res->step_us[s] / 1e6);
	fprintf(stderr, "; %d PCA iterations), output %.3f s\n", res->pca_iters, output_us / 1e6);
}

int cmd_opinion(int argc, char **argv)
{
	int as_json = 0, do_replay = 0, reload = 0, timings = 0;
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
		{ "timings", NULL, OPT_FLAG, &timings, 0, 0, "",
		  "print to stderr how long reading, each step and the output took" },
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
	int64_t t0 = monotime_us();
	if (polisdir_read(&od, "opinion", dir, do_replay ? "--replay" : NULL) != 0)
		goto out;
	int64_t t1 = monotime_us();
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
	int64_t t2 = monotime_us();
	if (as_json) {
		/* One string, one write. The tallies are for the pages; this
		 * output keeps to the method's own results. */
		struct buf text = BUF_INIT(OPINION_MAP_MAX);
		rc = opinion_map_write(&text, &res, od.participant_id, od.statement_id, 17, 0) == 0 &&
				     buf_putc(&text, '\n') == 0 &&
				     fwrite(text.data, 1, text.len, stdout) == text.len
			     ? 0
			     : 1;
		buf_free(&text);
	} else {
		print_summary(&res, updates);
		rc = 0;
	}
	if (fflush(stdout) != 0)
		rc = 1;
	if (timings)
		print_timings(&res, t1 - t0, t2 - t1, monotime_us() - t2);
out:
	opinion_result_free(&res);
	opendata_free(&od);
	return rc;
}
