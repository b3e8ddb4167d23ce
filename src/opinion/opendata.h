/*
 * opendata.h: a conversation in Pol.is's openData export format, read from
 * CSV records into the plain arrays of opinion.h. The caller opens the
 * files and hands over a struct csv per file (this layer does no file
 * I/O); errors say "line N: what" and the caller names the file.
 *
 *   comments.csv            comment-id, moderated (-1 out, 0, 1), and
 *                           is-meta (true/false) where present
 *   votes.csv               timestamp, comment-id, voter-id, vote: every
 *                           vote cast, in any order; the latest per voter
 *                           and comment counts
 *   participants-votes.csv  participant, group-id, ..., then one column
 *                           per comment-id with the final vote or empty
 *
 * Votes are agree = 1, disagree = -1, pass = 0, as in opinion.h. A row of
 * votes.csv that repeats an earlier row exactly (Pol.is's exports hold a
 * few) is counted once; two rows for the same voter, comment and time with
 * different votes are an error, found by opendata_order.
 *
 * Memory: 20 bytes a vote (the vote and its time), read straight into
 * arrays of their final size when the caller can bound the count (see
 * opendata_votes_split), and 4 more for the grouping by participant that
 * opendata_order makes and the matrix (opinion.h) then uses. A vote's line
 * is its index + 2 unless some record spans several lines; only then is a
 * line kept per vote.
 */
#ifndef SAMSKAB_OPINION_OPENDATA_H
#define SAMSKAB_OPINION_OPENDATA_H

#include <stddef.h>
#include <stdint.h>

#include "core/csv.h"
#include "opinion/opinion.h"

struct idmap; /* core/idmap.h */

struct opendata {
	uint32_t n_statements;
	int64_t *statement_id;  /* comment-id per statement index */
	uint8_t *flags;         /* OPINION_MODERATED_OUT | OPINION_META */
	uint32_t n_participants;
	int64_t *participant_id; /* voter-id / participant per index */
	int32_t *polis_group;    /* group-id from participants-votes.csv, -1 none;
				  * NULL until that file is read */
	struct opinion_vote *votes;
	int64_t *times; /* NULL unless votes came from votes.csv */
	size_t n_votes;

	/* Private. */
	struct idmap *statements, *participants; /* id -> index */
	uint32_t cap_statements, cap_participants;
	size_t cap_votes;
	int fixed;            /* the vote arrays may not grow (a split read) */
	/* comment-id -> statement index as an array when the ids are small
	 * (Pol.is numbers comments 0, 1, 2, ...): dense_n entries, or none. */
	uint32_t *dense;
	size_t dense_n;
	uint32_t *vote_line;  /* line of each vote of votes.csv; NULL: index + 2 */
	/* From opendata_order: the votes grouped by participant (opinion.h
	 * opinion_input.by_participant), for n_grouped participants. */
	uint32_t *by_participant;
	size_t *vote_start;
	uint32_t n_grouped;
};

void opendata_init(struct opendata *od);
/* Whether the reader of plain votes may use the best vector instructions
 * this processor has (1, the default) or SSE2 alone (0), so that tests on
 * a newer processor also check the path older ones take. */
void opendata_best_simd(int on);
void opendata_free(struct opendata *od);
/* Each returns 0, or -1 with "line N: what" in err. Read comments first. */
int opendata_comments(struct opendata *od, struct csv *c, char *err, size_t errlen);
int opendata_votes(struct opendata *od, struct csv *c, char *err, size_t errlen);
/*
 * opendata_votes on two parts of one votes.csv at once, the tail on a
 * second thread: head reads from the start to a line break, tail from
 * just after it to the end. head_max and tail_max bound the records of
 * each (their line feeds, and one more for a last line without one, bound
 * them surely): the votes are read straight into place, the tail's after
 * head_max. Returns 1, having read nothing, if that line break was inside
 * a quoted field (read the file with opendata_votes then); 2, having read
 * nothing, if a part held more records than its bound; else as
 * opendata_votes, with the same result and messages.
 */
int opendata_votes_split(struct opendata *od, struct csv *head, struct csv *tail, size_t head_max,
			 size_t tail_max, char *err, size_t errlen);
/* Reads Pol.is's groups, and the votes too if take_votes (when there is no
 * votes.csv). */
int opendata_participants(struct opendata *od, struct csv *c, int take_votes, char *err,
			  size_t errlen);
/* After the last file: numbers participants in the order of their first
 * vote in time, as Pol.is's matrix has them (stable for ties; kept as
 * read without times), and groups the votes by participant, refusing two
 * different votes by one voter on one comment at the same time. 0, or -1
 * with "line N: what" (a line of votes.csv) in err. */
int opendata_order(struct opendata *od, char *err, size_t errlen);
void opendata_input(const struct opendata *od, struct opinion_input *in);

#endif
