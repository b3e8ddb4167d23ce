/*
 * opendata_test.c: reading Pol.is openData CSV (opendata.c): a small
 * conversation read right, participants numbered by their first vote, and
 * each kind of bad input refused with its line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/csv.h"
#include "opinion/opendata.h"

static const char comments[] =
	"timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
	"1,d,0,5,1,0,1,\"Mere l\xc3\xa6ngere \xc3\xa5" "bent, \"\"tak\"\"\"\n"
	"2,d,1,5,0,1,-1,Ud\n"
	"3,d,7,6,0,0,0,\"To\nlinjer\"\n";

static int read_into(struct opendata *od, const char *text, int kind, char *err)
{
	struct csv c;
	csv_init_mem(&c, text, strlen(text));
	int rc = kind == 0   ? opendata_comments(od, &c, err, 256)
		 : kind == 1 ? opendata_votes(od, &c, err, 256)
			     : opendata_participants(od, &c, kind == 3, err, 256);
	csv_free(&c);
	return rc;
}

static void test_read(void **state)
{
	(void)state;
	struct opendata od;
	char err[256];
	opendata_init(&od);
	assert_int_equal(read_into(&od, comments, 0, err), 0);
	assert_int_equal(od.n_statements, 3);
	assert_int_equal(od.statement_id[2], 7);
	assert_int_equal(od.flags[1], OPINION_MODERATED_OUT);
	assert_int_equal(od.flags[2], 0);
	/* Voter 9 votes first in time though last in the file; voter 4 changes
	 * their vote on comment 0; one row is repeated exactly. */
	const char votes[] = "timestamp,datetime,comment-id,voter-id,vote\n"
			     "300,d,0,4,1\n"
			     "100,d,7,4,-1\n"
			     "400,d,0,4,-1\n"
			     "400,d,0,4,-1\n"
			     "50,d,1,9,0\n";
	assert_int_equal(read_into(&od, votes, 1, err), 0);
	assert_int_equal(od.n_participants, 2);
	assert_int_equal(od.n_votes, 5);
	assert_int_equal(opendata_order(&od, err, sizeof err), 0);
	assert_int_equal(od.participant_id[0], 9);
	assert_int_equal(od.participant_id[1], 4);
	assert_int_equal(od.votes[0].participant, 1);
	assert_int_equal(od.votes[0].value, 1);
	assert_int_equal(od.votes[4].participant, 0);
	assert_int_equal(od.times[2], 400);

	const char pv[] = "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,7\n"
			  "4,1,0,2,0,2,-1,,-1\n"
			  "9,,0,1,0,0,,0,\n"
			  "12,0,0,1,1,0,1,,\n";
	assert_int_equal(read_into(&od, pv, 2, err), 0);
	assert_int_equal(od.polis_group[1], 1);
	assert_int_equal(od.polis_group[0], -1);
	/* A participant only in participants-votes.csv is added, without votes
	 * unless asked for. */
	assert_int_equal(od.n_participants, 3);
	assert_int_equal(od.polis_group[2], 0);
	assert_int_equal(od.n_votes, 5);

	struct opinion_input in;
	opendata_input(&od, &in);
	assert_int_equal(in.n_statements, 3);
	assert_ptr_equal(in.flags, od.flags);
	opendata_free(&od);

	/* Comment-ids that are not small numbers (looked up by hash, not in
	 * an array). */
	opendata_init(&od);
	assert_int_equal(read_into(&od, "comment-id,moderated\n9000000000,1\n-3,1\n", 0, err), 0);
	assert_int_equal(read_into(&od, "timestamp,comment-id,voter-id,vote\n1,-3,4,1\n2,9000000000,4,-1\n", 1, err),
			 0);
	assert_int_equal(od.n_votes, 2);
	assert_int_equal(od.votes[0].statement, 1);
	assert_int_equal(od.votes[1].statement, 0);
	assert_int_equal(read_into(&od, "timestamp,comment-id,voter-id,vote\n1,3,4,1\n", 1, err), -1);
	assert_string_equal(err, "line 2: comment-id 3 is not in comments.csv");
	opendata_free(&od);

	/* From participants-votes.csv alone. */
	opendata_init(&od);
	assert_int_equal(read_into(&od, comments, 0, err), 0);
	assert_int_equal(read_into(&od, pv, 3, err), 0);
	assert_int_equal(od.n_votes, 4);
	assert_null(od.times);
	assert_int_equal(od.votes[1].statement, 2);
	assert_int_equal(od.votes[1].value, -1);
	opendata_free(&od);
}

struct bad {
	int kind; /* 0 comments, 1 votes, 3 participants-votes with votes */
	const char *text;
	const char *err;
};

static const struct bad bads[] = {
	{ 0, "comment-id,agrees\n1,2\n", "line 1: no column 'moderated'" },
	{ 0, "comment-id,moderated\n1,1\n1,0\n", "line 3: comment-id 1 appears twice" },
	{ 0, "comment-id,moderated\nx,1\n", "line 2: comment-id is not a whole number" },
	{ 0, "comment-id,moderated\n1,2\n", "line 2: moderated must be -1, 0 or 1" },
	{ 0, "comment-id,moderated,is-meta\n1,1,yes\n", "line 2: is-meta must be true or false" },
	{ 0, "comment-id,moderated\n1,1\n2\n", "line 3: 1 field, expected 2" },
	{ 0, "", "line 1: empty file, expected a header" },
	{ 1, "timestamp,comment-id,voter-id\n", "line 1: no column 'vote'" },
	{ 1, "timestamp,comment-id,voter-id,vote\n1,0,3,1\n2,5,3,1\n",
	  "line 3: comment-id 5 is not in comments.csv" },
	{ 1, "timestamp,comment-id,voter-id,vote\n1,0,3,2\n", "line 2: vote must be -1, 0 or 1" },
	{ 1, "timestamp,comment-id,voter-id,vote\n1,0,3,+1\n", "line 2: vote must be -1, 0 or 1" },
	{ 1, "timestamp,comment-id,voter-id,vote\n1,0,x,1\n", "line 2: voter-id is not a whole number" },
	{ 1, "timestamp,comment-id,voter-id,vote\n,0,3,1\n", "line 2: timestamp is not a whole number" },
	{ 1, "timestamp,comment-id,voter-id,vote\n1700000:00000,0,3,1\n",
	  "line 2: timestamp is not a whole number" },
	{ 1, "timestamp,comment-id,voter-id,vote\n17000000/0000,0,3,1\n",
	  "line 2: timestamp is not a whole number" },
	{ 1, "timestamp,comment-id,voter-id,vote\n9999999999999999999,0,3,1\n",
	  "line 2: timestamp is not a whole number" },
	{ 1, "timestamp,comment-id,voter-id,vote\n5,0,3,1\n6,1,3,1\n5,0,3,-1\n",
	  "line 4: a different vote by the same voter on the same comment at the same time as line 2" },
	/* Lines counted over a record that spans two. */
	{ 1, "timestamp,datetime,comment-id,voter-id,vote\n5,\"a\nb\",0,3,1\n6,d,1,3,1\n5,d,0,3,-1\n",
	  "line 5: a different vote by the same voter on the same comment at the same time as line 2" },
	{ 1, "timestamp,comment-id,voter-id,vote\n5,0,3,1\n\xff,0,3,1\n",
	  "line 3: invalid UTF-8 in a field" },
	{ 3, "participant,group-id,n-disagree,0,9\n", "line 1: column 5: '9' is not a new comment-id of comments.csv" },
	{ 3, "participant,group-id,n-disagree,0,0\n", "line 1: column 5: '0' is not a new comment-id of comments.csv" },
	{ 3, "participant,group-id,n-disagree,0\n1,,0,1\n1,,0,1\n", "line 3: participant 1 appears twice" },
	{ 3, "participant,group-id,n-disagree,0\n1,,0,-2\n", "line 2: column 4: a vote must be empty, -1, 0 or 1" },
	{ 3, "participant,group-id,n-disagree,0\n1,a,0,1\n", "line 2: group-id must be empty or a group number" },
};

/* Reading text as kind (after comments, unless it is comments.csv)
 * fails with the message want. */
static void assert_fails(int kind, const char *text, const char *want)
{
	struct opendata od;
	char err[256] = "";
	opendata_init(&od);
	if (kind != 0)
		assert_int_equal(read_into(&od, comments, 0, err), 0);
	/* Clashing votes are found once every file is read. */
	int rc = read_into(&od, text, kind, err);
	if (rc == 0 && kind == 1)
		rc = opendata_order(&od, err, sizeof err);
	assert_int_equal(rc, -1);
	assert_string_equal(err, want);
	opendata_free(&od);
}

static void test_bad(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bads / sizeof bads[0]; i++)
		assert_fails(bads[i].kind, bads[i].text, bads[i].err);
}

/* Clashing votes among many voters (looked for in two halves of them on
 * two threads): the clash of the voter who voted first is named, in
 * either half. */
static void test_clash_among_many(void **state)
{
	(void)state;
	enum { VOTERS = 40000 };
	struct buf text = BUF_INIT((size_t)1 << 24);
	for (int late = 0; late < 2; late++) {
		buf_reset(&text);
		buf_puts(&text, "timestamp,comment-id,voter-id,vote\n");
		/* Voter v votes at time v on comment 0 and at v + VOTERS on
		 * comment 1; voter 30,000 votes again on comment 0 at the same
		 * time with another value, and so does voter 5 unless late. */
		for (int v = 0; v < VOTERS; v++)
			buf_printf(&text, "%d,0,%d,1\n", v, v);
		for (int v = 0; v < VOTERS; v++)
			buf_printf(&text, "%d,1,%d,-1\n", v + VOTERS, v);
		buf_puts(&text, "30000,0,30000,-1\n");
		if (!late)
			buf_puts(&text, "5,0,5,0\n");
		char want[160];
		snprintf(want, sizeof want,
			 "line %d: a different vote by the same voter on the same comment at the same "
			 "time as line %d",
			 late ? 2 * VOTERS + 2 : 2 * VOTERS + 3, late ? 30000 + 2 : 5 + 2);
		assert_fails(1, text.data, want);
	}
	buf_free(&text);
}

/* Many records, as a large votes.csv has them: those of plain ASCII on
 * one line are split by the fast path, and every number is read right
 * whatever its length (1 to 17 digits, negative too); a quoted or
 * multi-line record in between, and errors, are found on their line. */
static void test_plain(void **state)
{
	(void)state;
	static const int64_t times[] = { 0, 7, 12345678, 123456789, 1700000000000, -42,
					 1234567890123456, 12345678901234567 };
	enum { N = 400 };
	struct buf b = BUF_INIT(1 << 20);
	buf_puts(&b, "timestamp,datetime,comment-id,voter-id,vote\n");
	for (int i = 0; i < N; i++) {
		buf_printf(&b, "%lld,%s,%d,%d,%d\n",
			 (long long)times[i % 8] + i, i == 250 ? "\"Tue, 14 Nov\"" : "Tue Nov 14 2023",
			 (i * 7) % 2 ? 7 : 1, 100000 + i / 3, i % 3 - 1);
		if (i == 300)
			buf_puts(&b, "5,\"two\nlines\",0,12,1\n");
	}
	struct opendata od;
	char err[256];
	opendata_init(&od);
	assert_int_equal(read_into(&od, comments, 0, err), 0);
	assert_int_equal(read_into(&od, buf_str(&b), 1, err), 0);
	assert_int_equal(od.n_votes, N + 1);
	for (int i = 0; i < N; i++) {
		size_t v = (size_t)i + (i > 300);
		assert_int_equal(od.times[v], times[i % 8] + i);
		assert_int_equal(od.votes[v].statement, (i * 7) % 2 ? 2 : 1);
		assert_int_equal(od.participant_id[od.votes[v].participant], 100000 + i / 3);
		assert_int_equal(od.votes[v].value, i % 3 - 1);
	}
	assert_int_equal(od.times[301], 5);
	opendata_free(&od);

	/* An error on line 202 (record 200: its timestamp is 200), then one
	 * after the two-line record (voter 100117 first votes in record 351,
	 * on line 355). */
	char *text = strdup(buf_str(&b));
	char *at = text;
	for (int line = 1; line < 202; line++)
		at = strchr(at, '\n') + 1;
	assert_memory_equal(at, "200,", 4);
	at[0] = 'x';
	assert_fails(1, text, "line 202: timestamp is not a whole number");
	at[0] = '2';
	at = strstr(text, ",100117,") + 1;
	at[0] = '-';
	at[1] = '-';
	assert_fails(1, text, "line 355: voter-id is not a whole number");
	free(text);
	buf_free(&b);
}

/* Reads votes from text split at byte mid, each part bounded by its line
 * feeds plus slack (negative: a bound too small by that much); returns
 * opendata_votes_split's result, then opendata_order's. */
static int read_split(struct opendata *od, const char *text, size_t mid, long slack, char *err)
{
	struct csv head, tail;
	size_t len = strlen(text);
	csv_init_mem(&head, text, mid);
	csv_init_mem(&tail, text + mid, len - mid);
	int rc = opendata_votes_split(od, &head, &tail, (size_t)((long)csv_line_feeds(text, mid) + slack),
				      (size_t)((long)csv_line_feeds(text + mid, len - mid) + 1), err, 256);
	csv_free(&head);
	csv_free(&tail);
	return rc != 0 ? rc : opendata_order(od, err, 256);
}

/* a and b hold the same participants and votes. */
static void assert_same_votes(const struct opendata *a, const struct opendata *b)
{
	assert_int_equal(b->n_votes, a->n_votes);
	assert_int_equal(b->n_participants, a->n_participants);
	assert_memory_equal(b->participant_id, a->participant_id, a->n_participants * sizeof(int64_t));
	for (size_t i = 0; i < a->n_votes; i++) {
		assert_int_equal(b->votes[i].participant, a->votes[i].participant);
		assert_int_equal(b->votes[i].statement, a->votes[i].statement);
		assert_int_equal(b->votes[i].value, a->votes[i].value);
		assert_int_equal(b->times[i], a->times[i]);
	}
}

/* Votes read from text split before its record "2,..." fail with want. */
static void assert_split_fails(const char *text, const char *want)
{
	struct opendata od;
	char err[256];
	opendata_init(&od);
	assert_int_equal(read_into(&od, comments, 0, err), 0);
	assert_int_equal(read_split(&od, text, (size_t)(strstr(text, "\n2,") + 1 - text), 0, err), -1);
	assert_string_equal(err, want);
	opendata_free(&od);
}

static void test_split(void **state)
{
	(void)state;
	const char votes[] = "timestamp,datetime,comment-id,voter-id,vote\n"
			     "1,d,0,4,1\n"
			     "2,d,7,5,-1\n"
			     "3,\"x\ny\",0,6,-1\n"
			     "4,d,1,5,0\n"
			     "5,d,0,8,1\n";
	struct opendata a, b;
	char err[256];
	opendata_init(&a);
	assert_int_equal(read_into(&a, comments, 0, err), 0);
	assert_int_equal(read_into(&a, votes, 1, err), 0);
	assert_int_equal(opendata_order(&a, err, sizeof err), 0);
	/* Split after "2,d,7,5,-1\n": the same participants, votes and order;
	 * also when the record over two lines is in the head (the head holds
	 * fewer records than its bound: the tail is moved up to it). */
	const char *at[] = { "\n3,", "\n4," };
	for (size_t i = 0; i < 2; i++) {
		opendata_init(&b);
		assert_int_equal(read_into(&b, comments, 0, err), 0);
		assert_int_equal(read_split(&b, votes, (size_t)(strstr(votes, at[i]) + 1 - votes), 0, err), 0);
		assert_same_votes(&a, &b);
		opendata_free(&b);
	}

	/* A split inside a quoted field (of a record or of the header): nothing
	 * read, read it whole; a part with more records than its bound: nothing
	 * read, count them. */
	opendata_init(&b);
	assert_int_equal(read_into(&b, comments, 0, err), 0);
	assert_int_equal(read_split(&b, votes, (size_t)(strstr(votes, "y\"") - votes), 0, err), 1);
	assert_int_equal(b.n_votes, 0);
	assert_int_equal(b.n_participants, 0);
	assert_int_equal(read_split(&b, votes, (size_t)(strstr(votes, "3,") - votes), -2, err), 2);
	assert_int_equal(b.n_votes, 0);
	assert_int_equal(b.n_participants, 0);
	const char quoted_header[] = "timestamp,\"date\ntime\",comment-id,voter-id,vote\n1,d,0,4,1\n";
	assert_int_equal(read_split(&b, quoted_header, (size_t)(strchr(quoted_header, '\n') + 1 -
								quoted_header),
				    0, err),
			 1);
	opendata_free(&b);
	opendata_free(&a);

	/* Errors in the tail name the line in the whole file; a tail whose
	 * records hold fewer fields than the header is refused. */
	assert_split_fails("timestamp,datetime,comment-id,voter-id,vote\n"
			   "1,d,0,4,1\n"
			   "2,d,0,5,1\n"
			   "3,d,0,6,3\n",
			   "line 4: vote must be -1, 0 or 1");
	assert_split_fails("timestamp,datetime,comment-id,voter-id,vote\n"
			   "1,d,0,4,1\n"
			   "2,d,0\n"
			   "3,d,0\n",
			   "line 3: 3 fields, expected 5");
	assert_split_fails("timestamp,datetime,comment-id,voter-id,vote\n"
			   "1,d,0,4,1\n"
			   "2,d,0,5,1\n"
			   "1,d,0,4,-1\n",
			   "line 4: a different vote by the same voter on the same comment at the same "
			   "time as line 2");
}

/* Appends to b a votes.csv whose record on line 6, special, starts at
 * byte shift of a 64-byte block of the text after the header (the filler
 * record on line 2 pads to it), between plain records; tail: plain
 * records after it. */
static void blocks_text(struct buf *b, size_t shift, const char *special, int tail)
{
	buf_puts(b, "timestamp,datetime,comment-id,voter-id,vote\n");
	size_t start = b->len;
	buf_puts(b, "1,");
	/* Lines 2 to 5 take 9 + pad + 3 * 24 bytes. */
	for (size_t i = 0; i < (shift + 128 - 81) % 64; i++)
		buf_putc(b, 'd');
	buf_puts(b, ",0,4,1\n");
	for (int i = 0; i < 3; i++)
		buf_printf(b, "%d,Tue 14 Nov 23,1,%d,0\n", 2 + i, 100 + i);
	assert_int_equal((b->len - start) % 64, shift);
	buf_puts(b, special);
	for (int i = 0; i < tail; i++)
		buf_printf(b, "%d,Tue 14 Nov 23,0,%d,-1\n", 20 + i, 200 + i);
}

/* The fast path looks at plain records 64 bytes at a time: plain records
 * longer than that, every kind of record that is not plain (CRLF, quoted,
 * UTF-8, a field too many or too few, a bare CR, a NUL, an unterminated
 * quote), a last record without a line feed, and a bad byte at each place
 * of each number are read (or refused, on their line) at every offset in
 * a block, with the records after them. */
static void test_blocks(void **state)
{
	(void)state;
	static const struct {
		const char *rec, *err;
	} kinds[] = {
		{ "9,Tue 14 Nov 23,7,3,1\r\n", NULL },
		{ "9,\"Tue, 14 Nov\",7,3,1\n", NULL },
		{ "9,\"Tue\n14 Nov\",7,3,1\n", NULL },
		{ "9,tirsdag 14. november \xc3\xa5r 2023,7,3,1\n", NULL },
		/* plain, longer than a block (and than two) */
		{ "9,Tuesday the fourteenth of November in the year 2023 at noon,7,3,1\n", NULL },
		{ "9,Tuesday the fourteenth of November in the year of our Lord two thousand and "
		  "twenty-three at noon or thereabouts in Odense,7,3,1\n",
		  NULL },
		{ "9,Tuesday the fourteenth of November in the year 2023 at noon,7,3,1,1\n",
		  "line 6: 6 fields, expected 5" },
		{ "9,Tuesday the fourteenth of November in the year 2023 at noon,7\n",
		  "line 6: 3 fields, expected 5" },
		{ "9,d,7,3\n", "line 6: 4 fields, expected 5" },
		{ "9,d,7,3,1,1\n", "line 6: 6 fields, expected 5" },
		{ "9,d,7,3,1\r5\n", "line 6: carriage return not followed by a line feed" },
		{ "9,d,7,3,1\"\n", "line 6: quote inside an unquoted field" },
		{ "9,d,7,3,\"1\n", "line 6: unterminated quoted field" },
		{ "9,d\xff,7,3,1\n", "line 6: invalid UTF-8 in a field" },
		{ "9,d,7,3,2\n", "line 6: vote must be -1, 0 or 1" },
		{ "9,d,8,3,1\n", "line 6: comment-id 8 is not in comments.csv" },
	};
	struct opendata od;
	char err[256];
	for (size_t shift = 0; shift < 64; shift++) {
		for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
			struct buf b = BUF_INIT(1 << 16);
			blocks_text(&b, shift, kinds[k].rec, 4);
			if (kinds[k].err) {
				assert_fails(1, buf_str(&b), kinds[k].err);
				buf_free(&b);
				continue;
			}
			opendata_init(&od);
			assert_int_equal(read_into(&od, comments, 0, err), 0);
			assert_int_equal(read_into(&od, buf_str(&b), 1, err), 0);
			assert_int_equal(od.n_votes, 9);
			assert_int_equal(od.times[4], 9);
			assert_int_equal(od.votes[4].statement, 2);
			assert_int_equal(od.participant_id[od.votes[4].participant], 3);
			assert_int_equal(od.votes[4].value, 1);
			assert_int_equal(od.times[8], 23);
			assert_int_equal(od.participant_id[od.votes[8].participant], 203);
			assert_int_equal(od.votes[8].value, -1);
			opendata_free(&od);
			buf_free(&b);
		}
		/* A NUL byte, which the text of a C string cannot hold. */
		struct buf b = BUF_INIT(1 << 16);
		blocks_text(&b, shift, "9,d?,7,3,1\n", 4);
		struct csv c;
		opendata_init(&od);
		assert_int_equal(read_into(&od, comments, 0, err), 0);
		*strchr(b.data, '?') = '\0';
		csv_init_mem(&c, b.data, b.len);
		assert_int_equal(opendata_votes(&od, &c, err, sizeof err), -1);
		assert_string_equal(err, "line 6: NUL byte in a field");
		csv_free(&c);
		opendata_free(&od);
		buf_free(&b);

		/* The last record without a line feed. */
		b = (struct buf)BUF_INIT(1 << 16);
		blocks_text(&b, shift, "9,d,7,3,-1", 0);
		opendata_init(&od);
		assert_int_equal(read_into(&od, comments, 0, err), 0);
		assert_int_equal(read_into(&od, buf_str(&b), 1, err), 0);
		assert_int_equal(od.n_votes, 5);
		assert_int_equal(od.votes[4].value, -1);
		opendata_free(&od);
		buf_free(&b);

		/* A byte other than a digit at each place of each number. */
		static const char *const fields[] = { "1700000000000,d,7,123456789,1\n",
						      "1700000000000,d,7,123456789,-1\n" };
		static const char *const what[] = { "timestamp", "timestamp", "comment-id", "voter-id",
						    "vote" };
		for (size_t f = 0; f < 2; f++)
			for (size_t at = 0; fields[f][at] != '\n'; at++) {
				if (fields[f][at] == ',' || (fields[f][at] == 'd'))
					continue;
				char rec[64], want[96];
				snprintf(rec, sizeof rec, "%s", fields[f]);
				rec[at] = at % 2 ? '/' : ':'; /* just below '0', just above '9' */
				size_t col = 0;
				for (size_t i = 0; i < at; i++)
					col += rec[i] == ',';
				const char *name = what[col];
				if (strcmp(name, "vote") == 0)
					snprintf(want, sizeof want, "line 6: vote must be -1, 0 or 1");
				else
					snprintf(want, sizeof want, "line 6: %s is not a whole number", name);
				b = (struct buf)BUF_INIT(1 << 16);
				blocks_text(&b, shift, rec, 4);
				assert_fails(1, buf_str(&b), want);
				buf_free(&b);
			}
	}
}

/* The tests of plain records again with SSE2 alone (what a processor
 * without AVX2 reads with). */
static int sse2_only(void **state)
{
	(void)state;
	opendata_best_simd(0);
	return 0;
}

static int best_simd(void **state)
{
	(void)state;
	opendata_best_simd(1);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_clash_among_many),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_blocks),
		{ "test_split, SSE2 alone", test_split, sse2_only, best_simd, NULL },
		{ "test_plain, SSE2 alone", test_plain, sse2_only, best_simd, NULL },
		{ "test_blocks, SSE2 alone", test_blocks, sse2_only, best_simd, NULL },
	};
	return cmocka_run_group_tests_name("opinion/opendata", tests, NULL, NULL);
}
