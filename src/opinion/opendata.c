/*
 * opendata.c: Pol.is openData CSV records into plain arrays (see
 * opendata.h). Strict: a missing column, an id that is not a whole number,
 * an unknown comment, a duplicate comment or participant, a vote other than
 * -1, 0 or 1, or conflicting duplicate votes stop the read with the line.
 */
#include "opinion/opendata.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#ifdef __x86_64__
#include <immintrin.h>
#endif

#include "core/idmap.h"
#include "core/mem.h"
#include "core/pair.h"
#include "opinion/internal.h"

void opendata_init(struct opendata *od)
{
	memset(od, 0, sizeof *od);
	od->statements = idmap_new();
	od->participants = idmap_new();
}

void opendata_free(struct opendata *od)
{
	free(od->statement_id);
	free(od->flags);
	free(od->participant_id);
	free(od->polis_group);
	free(od->votes);
	free(od->times);
	free(od->vote_line);
	free(od->dense);
	free(od->by_participant);
	free(od->vote_start);
	idmap_free(od->statements);
	idmap_free(od->participants);
	memset(od, 0, sizeof *od);
}

__attribute__((format(printf, 4, 5))) static int od_fail(char *err, size_t errlen,
							  unsigned long line, const char *fmt, ...)
{
	int n = snprintf(err, errlen, "line %lu: ", line);
	va_list ap;
	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < errlen)
		vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static int csv_fail_to(const struct csv *c, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s", csv_error(c));
	return -1;
}

/* What is done for each record of votes.csv is inlined into the loop
 * over them (measured: a tenth less CPU in reading than calls). */
#define PER_RECORD static inline __attribute__((always_inline))

/* Eight ASCII digits in x (the first in its lowest byte) as a number,
 * or -1 if they are not all digits (SWAR: one multiply-and-shift per
 * halving instead of a loop). */
PER_RECORD int64_t digits8(uint64_t x)
{
	uint64_t d = x - 0x3030303030303030ull;
	/* A byte is a digit if it is >= '0' (no borrow) and <= '9'. */
	if (((x & 0xf0f0f0f0f0f0f0f0ull) != 0x3030303030303030ull) ||
	    (((d + 0x0606060606060606ull) & 0xf0f0f0f0f0f0f0f0ull) != 0))
		return -1;
	d = (d * 10 + (d >> 8)) & 0x00ff00ff00ff00ffull;
	d = (d * 100 + (d >> 16)) & 0x0000ffff0000ffffull;
	d = (d * 10000 + (d >> 32)) & 0xffffffffull;
	return (int64_t)d;
}

PER_RECORD int64_t eight_digits(const char *s)
{
	uint64_t x;
	memcpy(&x, s, 8);
	return digits8(x);
}

/* The n (1 to 8) digits at s, read as eight bytes (s + 8 must be
 * readable) with '0's put in front; -1 if they are not all digits. */
PER_RECORD int64_t few_digits(const char *s, size_t n)
{
	uint64_t x;
	memcpy(&x, s, 8);
	if (n < 8)
		x = x << (8 * (8 - n)) | 0x3030303030303030ull >> (8 * n);
	return digits8(x);
}

/* A whole number: optional '-', digits, nothing else. Each digit after
 * the first eight is weighted by its own power of ten, so the products
 * do not wait on each other as v = v * 10 + d would. Up to 16 digits are
 * read eight bytes at a time when the text is readable up to safe (NULL:
 * not known). */
PER_RECORD int parse_int(const struct csv_field *f, const char *safe, int64_t *out)
{
	static const int64_t pow10[11] = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
					   100000000, 1000000000, 10000000000 };
	const char *s = f->s, *e = f->s + f->len;
	int neg = 0;
	if (s < e && *s == '-') {
		neg = 1;
		s++;
	}
	if (s == e || e - s > 18)
		return -1;
	int64_t v = 0;
	if (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && safe && e - s <= 16 && safe - s >= 8) {
		size_t n = (size_t)(e - s);
		if (n <= 8) {
			v = few_digits(s, n);
		} else {
			int64_t hi = few_digits(s, n - 8), lo = eight_digits(e - 8);
			v = hi < 0 || lo < 0 ? -1 : hi * 100000000 + lo;
		}
		if (v < 0)
			return -1;
		*out = neg ? -v : v;
		return 0;
	}
	if (e - s >= 8 && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__) {
		int64_t hi = eight_digits(s);
		if (hi < 0)
			return -1;
		v = hi;
		s += 8;
	}
	size_t n = (size_t)(e - s); /* at most 10 left */
	v *= pow10[n];
	unsigned bad = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned)(unsigned char)s[i] - '0';
		bad |= d > 9;
		v += (int64_t)d * pow10[n - 1 - i];
	}
	if (bad)
		return -1;
	*out = neg ? -v : v;
	return 0;
}

static int parse_vote(const struct csv_field *f, int8_t *out)
{
	if (f->len == 1 && (f->s[0] == '0' || f->s[0] == '1')) {
		*out = (int8_t)(f->s[0] - '0');
		return 0;
	}
	if (f->len == 2 && f->s[0] == '-' && f->s[1] == '1') {
		*out = -1;
		return 0;
	}
	return -1;
}

/* Column index of name in the header, or -1. */
static int column(const struct csv *c, const char *name)
{
	for (size_t i = 0; i < c->nfield; i++)
		if (csv_eq(c, i, name))
			return (int)i;
	return -1;
}

static int header(struct csv *c, const char *const *names, int *idx, int nreq, int nopt,
		  char *err, size_t errlen)
{
	int rc = csv_next(c);
	if (rc < 0)
		return csv_fail_to(c, err, errlen);
	if (rc == 0)
		return od_fail(err, errlen, 1, "empty file, expected a header");
	for (int i = 0; i < nreq + nopt; i++) {
		idx[i] = column(c, names[i]);
		if (idx[i] < 0 && i < nreq)
			return od_fail(err, errlen, c->line, "no column '%s'", names[i]);
	}
	return 0;
}

static uint32_t add_participant(struct opendata *od, int64_t id)
{
	if (od->n_participants == od->cap_participants) {
		od->cap_participants = od->cap_participants ? od->cap_participants * 2 : 256;
		od->participant_id = mem_realloc(od->participant_id,
						 od->cap_participants * sizeof *od->participant_id);
		if (od->polis_group)
			od->polis_group = mem_realloc(od->polis_group,
						      od->cap_participants * sizeof *od->polis_group);
	}
	uint32_t i = od->n_participants++;
	od->participant_id[i] = id;
	if (od->polis_group)
		od->polis_group[i] = -1;
	idmap_put(od->participants, id, i);
	return i;
}

/* Room for n votes in all (with times if timed); the arrays of a split
 * read are made once, at their final size. */
static void reserve_votes(struct opendata *od, size_t n, int timed)
{
	od->cap_votes = n;
	od->votes = mem_realloc(od->votes, (n ? n : 1) * sizeof *od->votes);
	if (timed)
		od->times = mem_realloc(od->times, (n ? n : 1) * sizeof *od->times);
	if (od->vote_line)
		od->vote_line = mem_realloc(od->vote_line, (n ? n : 1) * sizeof *od->vote_line);
}

/* Never called on a full fixed array (votes_body checks). */
PER_RECORD void add_vote(struct opendata *od, uint32_t p, uint32_t s, int8_t v, const int64_t *t)
{
	if (od->n_votes == od->cap_votes)
		reserve_votes(od, od->cap_votes ? od->cap_votes * 2 : 4096, t != NULL);
	od->votes[od->n_votes] = (struct opinion_vote){ p, s, v };
	if (t)
		od->times[od->n_votes] = *t;
	od->n_votes++;
}

int opendata_comments(struct opendata *od, struct csv *c, char *err, size_t errlen)
{
	static const char *const names[] = { "comment-id", "moderated", "is-meta" };
	int idx[3], rc;
	if (header(c, names, idx, 2, 1, err, errlen) < 0)
		return -1;
	while ((rc = csv_next(c)) == 1) {
		int64_t id, mod;
		if (parse_int(&c->field[idx[0]], NULL, &id) < 0)
			return od_fail(err, errlen, c->line, "comment-id is not a whole number");
		if (idmap_get(od->statements, id) != IDMAP_NONE)
			return od_fail(err, errlen, c->line, "comment-id %lld appears twice",
				       (long long)id);
		if (parse_int(&c->field[idx[1]], NULL, &mod) < 0 || mod < -1 || mod > 1)
			return od_fail(err, errlen, c->line, "moderated must be -1, 0 or 1");
		uint8_t flags = mod == -1 ? OPINION_MODERATED_OUT : 0;
		if (idx[2] >= 0) {
			if (csv_eq(c, (size_t)idx[2], "true"))
				flags |= OPINION_META;
			else if (!csv_eq(c, (size_t)idx[2], "false"))
				return od_fail(err, errlen, c->line, "is-meta must be true or false");
		}
		if (od->n_statements == od->cap_statements) {
			od->cap_statements = od->cap_statements ? od->cap_statements * 2 : 256;
			od->statement_id = mem_realloc(od->statement_id,
						       od->cap_statements * sizeof *od->statement_id);
			od->flags = mem_realloc(od->flags, od->cap_statements);
		}
		od->statement_id[od->n_statements] = id;
		od->flags[od->n_statements] = flags;
		idmap_put(od->statements, id, od->n_statements++);
	}
	return rc < 0 ? csv_fail_to(c, err, errlen) : 0;
}

/* Makes od->dense when every comment-id is a small whole number: a
 * lookup per vote without hashing. */
static void make_dense(struct opendata *od)
{
	int64_t top = -1;
	for (uint32_t i = 0; i < od->n_statements; i++) {
		if (od->statement_id[i] < 0 || od->statement_id[i] >= 4 * (int64_t)od->n_statements + 1024)
			return;
		if (od->statement_id[i] > top)
			top = od->statement_id[i];
	}
	free(od->dense);
	od->dense_n = (size_t)(top + 1);
	od->dense = mem_alloc((od->dense_n ? od->dense_n : 1) * sizeof *od->dense);
	memset(od->dense, 0xff, od->dense_n * sizeof *od->dense); /* IDMAP_NONE */
	for (uint32_t i = 0; i < od->n_statements; i++)
		od->dense[od->statement_id[i]] = i;
}

PER_RECORD uint32_t statement_index(const struct opendata *od, int64_t id)
{
	if (id >= 0 && (uint64_t)id < od->dense_n)
		return od->dense[id];
	return od->dense ? IDMAP_NONE : idmap_get(od->statements, id);
}

/* Notes that vote i of this reader is on line; expected: i + first. The
 * line array is made (and earlier lines filled in) only when a record
 * spans more than one line. */
PER_RECORD void note_line(struct opendata *od, size_t i, unsigned long first, unsigned long line)
{
	if (od->vote_line == NULL) {
		if (line == i + first)
			return;
		od->vote_line = mem_alloc((od->cap_votes ? od->cap_votes : 1) * sizeof *od->vote_line);
		for (size_t j = 0; j < i; j++)
			od->vote_line[j] = (uint32_t)(j + first);
	}
	od->vote_line[i] = (uint32_t)line;
}

static unsigned long vote_line(const struct opendata *od, size_t i)
{
	return od->vote_line ? od->vote_line[i] : i + 2;
}

/* Votes come in runs by one voter: the last one's index is kept. */
struct vote_run {
	int64_t pid;
	uint32_t p;
};

/* How a field becomes a whole number: parse_int's contract. */
typedef int int_parse(const struct csv_field *f, const char *safe, int64_t *out);

/* One record of votes.csv, its fields at f (columns at idx; readable up
 * to safe, see parse_int; its numbers read by number), on line: 0; -1
 * with the message in err; -2 if the arrays are fixed and full. */
PER_RECORD int vote_record(struct opendata *od, const struct csv_field *f, const char *safe,
			   const int *idx, unsigned long first, unsigned long line, struct vote_run *run,
			   char *err, size_t errlen, int_parse *number)
{
	int64_t tid, pid, t;
	int8_t v;
	uint32_t s;
	if (number(&f[idx[0]], safe, &tid) < 0)
		return od_fail(err, errlen, line, "comment-id is not a whole number");
	if ((s = statement_index(od, tid)) == IDMAP_NONE)
		return od_fail(err, errlen, line, "comment-id %lld is not in comments.csv",
			       (long long)tid);
	if (number(&f[idx[1]], safe, &pid) < 0)
		return od_fail(err, errlen, line, "voter-id is not a whole number");
	if (parse_vote(&f[idx[2]], &v) < 0)
		return od_fail(err, errlen, line, "vote must be -1, 0 or 1");
	if (number(&f[idx[3]], safe, &t) < 0)
		return od_fail(err, errlen, line, "timestamp is not a whole number");
	if (od->fixed && od->n_votes == od->cap_votes)
		return -2;
	uint32_t p = pid == run->pid && run->p != IDMAP_NONE ? run->p : idmap_get(od->participants, pid);
	if (p == IDMAP_NONE)
		p = add_participant(od, pid);
	run->pid = pid;
	run->p = p;
	note_line(od, od->n_votes, first, line);
	add_vote(od, p, s, v, &t);
	return 0;
}

/* Fields of a plain record at most (see votes_plain). */
#define PLAIN_WIDTH 8

/* The 64 bytes at p as bit masks (byte i: bit i): commas, line feeds, and
 * the bytes a plain record may not hold (CR, quote, NUL, >= 0x80). */
typedef void block_masks(const char *p, uint64_t *commas, uint64_t *lfs, uint64_t *odd);

#ifdef __SSE2__
static inline void block_masks_sse2(const char *p, uint64_t *commas, uint64_t *lfs, uint64_t *odd)
{
	const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'),
		      quote = _mm_set1_epi8('"'), nul = _mm_setzero_si128();
	uint64_t c = 0, l = 0, o = 0;
	for (int i = 0; i < 4; i++) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i));
		c |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, comma)) << (16 * i);
		l |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, lf)) << (16 * i);
		/* movemask of x itself flags the bytes >= 0x80 */
		o |= (uint64_t)(unsigned)(_mm_movemask_epi8(_mm_or_si128(
						  _mm_or_si128(_mm_cmpeq_epi8(x, cr), _mm_cmpeq_epi8(x, quote)),
						  _mm_cmpeq_epi8(x, nul))) |
					  _mm_movemask_epi8(x))
		     << (16 * i);
	}
	*commas = c;
	*lfs = l;
	*odd = o;
}

/* The fields of a plain record ended by the commas sep (bit i: byte b[i])
 * from f[*i] on, the next beginning at *field: 0, or -1 if there would be
 * more than width. */
PER_RECORD int plain_fields(const char *b, uint64_t sep, size_t width, struct csv_field *f,
			    size_t *i, const char **field)
{
	for (; sep; sep &= sep - 1) {
		if (*i + 1 == width)
			return -1;
		const char *at = b + __builtin_ctzll(sep);
		f[(*i)++] = (struct csv_field){ *field, (size_t)(at - *field) };
		*field = at + 1;
	}
	return 0;
}

/* The plain records at the start of the n bytes at p, each one line of
 * width unquoted ASCII fields (csv_consume's kind), taken without a copy;
 * the first is on line. Each record is looked at as the 64 bytes from its
 * start: their commas, line feeds and odd bytes become bit masks (masks),
 * the first line feed ends the record and the commas before it bound its
 * fields, so a record of up to 63 bytes costs one set of masks and a walk
 * over its commas (a longer one, a set per 64 bytes); its numbers are
 * read by number. Stops before a record that is not plain or whose blocks
 * of 64 bytes do not lie within the n (csv_next reads it). Returns what
 * vote_record returned; *used and *lines: the bytes and records taken. */
PER_RECORD int votes_plain_with(struct opendata *od, const char *p, size_t n, size_t width,
				const int *idx, unsigned long first, unsigned long line,
				struct vote_run *run, size_t *used, unsigned long *lines, char *err,
				size_t errlen, block_masks *masks, int_parse *number)
{
	const char *r = p, *lim = p + n;
	unsigned long k = 0;
	int rc = 0;
	struct csv_field f[PLAIN_WIDTH];
	for (; lim - r >= 64; k++) {
		const char *b = r, *field = r;
		size_t i = 0;
		uint64_t commas, lfs, odd;
		__builtin_prefetch(r + 1024);
		masks(b, &commas, &lfs, &odd);
		while (lfs == 0) {
			/* A record longer than 63 bytes: its fields 64 bytes at a time. */
			if (odd || plain_fields(b, commas, width, f, &i, &field) < 0 || lim - b < 128)
				goto out;
			b += 64;
			masks(b, &commas, &lfs, &odd);
		}
		uint64_t in = ((uint64_t)2 << __builtin_ctzll(lfs)) - 1; /* up to its line feed */
		if ((odd & in) || plain_fields(b, commas & in, width, f, &i, &field) < 0)
			break;
		const char *end = b + __builtin_ctzll(lfs);
		if (i + 1 != width)
			break; /* too few fields */
		f[i] = (struct csv_field){ field, (size_t)(end - field) };
		rc = vote_record(od, f, lim, idx, first, line + k, run, err, errlen, number);
		if (rc != 0)
			break;
		r = end + 1;
	}
out:
	*used = (size_t)(r - p);
	*lines = k;
	return rc;
}

static int votes_plain_sse2(struct opendata *od, const char *p, size_t n, size_t width,
			    const int *idx, unsigned long first, unsigned long line,
			    struct vote_run *run, size_t *used, unsigned long *lines, char *err,
			    size_t errlen)
{
	return votes_plain_with(od, p, n, width, idx, first, line, run, used, lines, err, errlen,
				block_masks_sse2, parse_int);
}
#endif

#ifdef __x86_64__
#define AVX2 __attribute__((target("avx2,bmi,bmi2")))

AVX2 static inline void block_masks_avx2(const char *p, uint64_t *commas, uint64_t *lfs,
					 uint64_t *odd)
{
	const __m256i comma = _mm256_set1_epi8(','), lf = _mm256_set1_epi8('\n'),
		      cr = _mm256_set1_epi8('\r'), quote = _mm256_set1_epi8('"'),
		      nul = _mm256_setzero_si256();
	uint64_t c = 0, l = 0, o = 0;
	for (int i = 0; i < 2; i++) {
		__m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32 * i));
		c |= (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, comma)) << (32 * i);
		l |= (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, lf)) << (32 * i);
		__m256i bad = _mm256_or_si256(
			_mm256_or_si256(_mm256_cmpeq_epi8(x, cr), _mm256_cmpeq_epi8(x, quote)),
			_mm256_or_si256(_mm256_cmpeq_epi8(x, nul), x)); /* x: its sign bits */
		o |= (uint64_t)(uint32_t)_mm256_movemask_epi8(bad) << (32 * i);
	}
	*commas = c;
	*lfs = l;
	*odd = o;
}

/* For each length n (1 to 16): the shuffle that moves the n bytes at the
 * start of a vector to its end, zeros in front. */
static const struct {
	int8_t b[16];
} right_align[17] = {
#define RA(n)                                                                         \
	{ { RA1(n, 0), RA1(n, 1), RA1(n, 2), RA1(n, 3), RA1(n, 4), RA1(n, 5), RA1(n, 6), \
	    RA1(n, 7), RA1(n, 8), RA1(n, 9), RA1(n, 10), RA1(n, 11), RA1(n, 12), RA1(n, 13), \
	    RA1(n, 14), RA1(n, 15) } }
#define RA1(n, j) ((j) < 16 - (n) ? -1 : (j) - (16 - (n)))
	RA(0), RA(1), RA(2),  RA(3),  RA(4),  RA(5),  RA(6),  RA(7), RA(8),
	RA(9), RA(10), RA(11), RA(12), RA(13), RA(14), RA(15), RA(16)
#undef RA1
#undef RA
};

/* parse_int with SSSE3: up to 16 digits readable 16 bytes on are right
 * aligned by one shuffle and multiplied together in three steps (tens,
 * hundreds, ten thousands); anything else (a sign, a non-digit, more
 * digits, the end of the text near) goes to parse_int. */
AVX2 PER_RECORD int parse_int_avx2(const struct csv_field *f, const char *safe, int64_t *out)
{
	size_t n = f->len;
	if (n - 1 < 16 && safe - f->s >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)f->s);
		__m128i d = _mm_shuffle_epi8(_mm_sub_epi8(x, _mm_set1_epi8('0')),
					     _mm_loadu_si128((const __m128i *)(const void *)right_align[n].b));
		/* every byte (the zeros in front too) at most 9 */
		if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d)) == 0xffff) {
			__m128i t = _mm_maddubs_epi16(d, _mm_setr_epi8(10, 1, 10, 1, 10, 1, 10, 1, 10, 1,
								       10, 1, 10, 1, 10, 1));
			t = _mm_madd_epi16(t, _mm_setr_epi16(100, 1, 100, 1, 100, 1, 100, 1));
			t = _mm_packus_epi32(t, t);
			t = _mm_madd_epi16(t, _mm_setr_epi16(10000, 1, 10000, 1, 10000, 1, 10000, 1));
			*out = (int64_t)(uint32_t)_mm_cvtsi128_si32(t) * 100000000 +
			       (uint32_t)_mm_extract_epi32(t, 1);
			return 0;
		}
	}
	return parse_int(f, safe, out);
}

AVX2 static int votes_plain_avx2(struct opendata *od, const char *p, size_t n, size_t width,
				 const int *idx, unsigned long first, unsigned long line,
				 struct vote_run *run, size_t *used, unsigned long *lines, char *err,
				 size_t errlen)
{
	return votes_plain_with(od, p, n, width, idx, first, line, run, used, lines, err, errlen,
				block_masks_avx2, parse_int_avx2);
}
#undef AVX2
#endif

static int best_simd = 1;

void opendata_best_simd(int on)
{
	best_simd = on;
}

/* votes_plain_with for this processor (none without SSE2: all records
 * go to csv_next). */
static int votes_plain(struct opendata *od, const char *p, size_t n, size_t width, const int *idx,
		       unsigned long first, unsigned long line, struct vote_run *run, size_t *used,
		       unsigned long *lines, char *err, size_t errlen)
{
#ifdef __x86_64__
	if (best_simd && __builtin_cpu_supports("avx2"))
		return votes_plain_avx2(od, p, n, width, idx, first, line, run, used, lines, err,
					errlen);
#endif
#ifdef __SSE2__
	return votes_plain_sse2(od, p, n, width, idx, first, line, run, used, lines, err, errlen);
#else
	(void)od, (void)p, (void)n, (void)width, (void)idx, (void)first, (void)line, (void)run;
	(void)err, (void)errlen;
	*used = 0;
	*lines = 0;
	return 0;
#endif
}

/* The records of votes.csv after its header, columns at idx; the first
 * record is expected on line first. Plain records are split here
 * (votes_plain), any other by csv_next. 0; -1 with the message in err;
 * -2 if the arrays are fixed and full. */
static int votes_body(struct opendata *od, struct csv *c, const int *idx, unsigned long first,
		      char *err, size_t errlen)
{
	struct vote_run run = { 0, IDMAP_NONE };
	for (;;) {
		size_t width = csv_width(c);
		if (width > 0 && width <= PLAIN_WIDTH) {
			const char *p;
			long n = csv_window(c, &p, (size_t)1 << 16);
			if (n < 0)
				return csv_fail_to(c, err, errlen);
			size_t used;
			unsigned long lines;
			int rc = votes_plain(od, p, (size_t)n, width, idx, first, csv_lines(c) + 1, &run,
					     &used, &lines, err, errlen);
			csv_consume(c, used, lines);
			if (rc != 0)
				return rc;
		}
		int csvrc = csv_next(c);
		if (csvrc < 0)
			return csv_fail_to(c, err, errlen);
		if (csvrc == 0)
			return 0;
		int rc = vote_record(od, c->field, NULL, idx, first, c->line, &run, err, errlen,
				     parse_int);
		if (rc != 0)
			return rc;
	}
}

static const char *const vote_columns[] = { "comment-id", "voter-id", "vote", "timestamp" };

int opendata_votes(struct opendata *od, struct csv *c, char *err, size_t errlen)
{
	int idx[4];
	if (header(c, vote_columns, idx, 4, 0, err, errlen) < 0)
		return -1;
	if (od->times == NULL)
		reserve_votes(od, od->n_votes + 4096, 1);
	make_dense(od);
	return votes_body(od, c, idx, 2, err, errlen);
}

/* A part of a split votes.csv: the head, read into od itself, or the
 * tail, read on a second thread into the shared arrays after the head's
 * room, with its own participants (in the part's own od). */
struct votes_part {
	struct opendata *od;
	struct opendata own; /* the tail's */
	struct csv *c;
	const int *idx;
	unsigned long first; /* the line of its first record */
	int rc;
	char err[256];
};

static void *votes_part_run(void *arg)
{
	struct votes_part *t = arg;
	t->rc = votes_body(t->od, t->c, t->idx, t->first, t->err, sizeof t->err);
	return NULL;
}

/* Rewrites "line N: what" as "line N+off: what". */
static void shift_line(char *err, size_t errlen, const char *msg, unsigned long off)
{
	unsigned long n;
	int used = 0;
	if (sscanf(msg, "line %lu: %n", &n, &used) == 1 && used > 0)
		snprintf(err, errlen, "line %lu: %s", n + off, msg + used);
	else
		snprintf(err, errlen, "%s", msg);
}

/* Drops every participant and vote read since n_votes was n0 (a failed
 * split is read again). */
static void votes_forget(struct opendata *od, size_t n0)
{
	idmap_free(od->participants);
	od->participants = idmap_new();
	od->n_participants = 0;
	od->n_votes = n0;
	od->fixed = 0;
	free(od->vote_line);
	od->vote_line = NULL;
}

/* The tail's m votes moved down from src to dst (dst <= src), each
 * participant renumbered by to; and its times, moved on a second thread. */
struct tail_move {
	struct opinion_vote *dst;
	const struct opinion_vote *src;
	const uint32_t *to;
	int64_t *tdst;
	const int64_t *tsrc;
	size_t m;
};

static void *tail_move_votes(void *arg)
{
	const struct tail_move *tm = arg;
	/* Front to back, one vote at a time: a later vote's place may be an
	 * earlier one's source, never the other way. */
	for (size_t i = 0; i < tm->m; i++) {
		struct opinion_vote v = tm->src[i];
		v.participant = tm->to[v.participant];
		tm->dst[i] = v;
	}
	return NULL;
}

static void *tail_move_times(void *arg)
{
	const struct tail_move *tm = arg;
	if (tm->tdst != tm->tsrc)
		memmove(tm->tdst, tm->tsrc, tm->m * sizeof *tm->tdst);
	return NULL;
}

/* Appends the tail's votes, read into place at od->votes + room, after the
 * head's: its participants numbered after the head's in order of
 * appearance, its lines after the head's off lines. The head's records
 * are bounded by a guess with room to spare, so there is mostly a gap
 * between the two (moving a 5 M-vote tail down takes tens of
 * milliseconds: the votes and the times move at once). */
static void votes_join(struct opendata *od, const struct opendata *t, size_t room, unsigned long off)
{
	uint32_t *to = mem_alloc((t->n_participants ? t->n_participants : 1) * sizeof *to);
	for (uint32_t i = 0; i < t->n_participants; i++) {
		to[i] = idmap_get(od->participants, t->participant_id[i]);
		if (to[i] == IDMAP_NONE)
			to[i] = add_participant(od, t->participant_id[i]);
	}
	size_t n = od->n_votes, m = t->n_votes;
	struct tail_move tm = { od->votes + n, od->votes + room, to, od->times + n, od->times + room, m };
	pair_run(tail_move_votes, &tm, tail_move_times, &tm, m >= ((size_t)1 << 16));
	if (od->vote_line || t->vote_line)
		for (size_t i = 0; i < m; i++)
			note_line(od, n + i, 2, off + (t->vote_line ? t->vote_line[i] : i + 1));
	od->n_votes = n + m;
	free(to);
}

int opendata_votes_split(struct opendata *od, struct csv *head, struct csv *tail, size_t head_max,
			 size_t tail_max, char *err, size_t errlen)
{
	int idx[4];
	if (header(head, vote_columns, idx, 4, 0, err, errlen) < 0)
		return csv_unterminated(head) ? 1 : -1; /* split inside the header */
	/* The tail's records are held to the header's width. */
	csv_continue(tail, csv_width(head));
	size_t n0 = od->n_votes, room = n0 + head_max;
	reserve_votes(od, room + tail_max, 1);
	od->fixed = 1;
	od->cap_votes = room;
	struct votes_part h = { .od = od, .c = head, .idx = idx, .first = 2 };
	struct votes_part t = { .c = tail, .idx = idx, .first = 1 };
	make_dense(od);
	t.od = &t.own;
	t.own.statements = od->statements; /* read only, shared */
	t.own.n_statements = od->n_statements;
	t.own.dense = od->dense;
	t.own.dense_n = od->dense_n;
	t.own.participants = idmap_new();
	t.own.votes = od->votes + room; /* borrowed: never freed or grown */
	t.own.times = od->times + room;
	t.own.cap_votes = tail_max;
	t.own.fixed = 1;
	pair_run(votes_part_run, &h, votes_part_run, &t, 1);
	int rc = h.rc;
	if (rc == -1)
		snprintf(err, errlen, "%s", h.err);
	od->fixed = 0;
	reserve_votes(od, room + tail_max, 1); /* the same size, and lines if made */
	unsigned long off = csv_lines(head); /* lines before the tail */
	if ((rc == -1 && csv_unterminated(head)) || rc == -2 || (rc == 0 && t.rc == -2)) {
		/* The split fell inside a quoted field, or a bound was too small. */
		rc = rc == -1 ? 1 : 2;
		votes_forget(od, n0);
	} else if (rc == 0 && t.rc < 0) {
		shift_line(err, errlen, t.err, off);
		rc = -1;
	}
	if (rc == 0)
		votes_join(od, &t.own, room, off);
	t.own.statements = NULL;
	t.own.dense = NULL;
	t.own.votes = NULL;
	t.own.times = NULL;
	opendata_free(&t.own);
	return rc;
}

int opendata_participants(struct opendata *od, struct csv *c, int take_votes, char *err,
			  size_t errlen)
{
	static const char *const names[] = { "participant", "group-id", "n-disagree" };
	int idx[3], rc;
	if (header(c, names, idx, 3, 0, err, errlen) < 0)
		return -1;
	/* The comment columns follow n-disagree. */
	size_t first = (size_t)idx[2] + 1, ncol = c->nfield - first;
	uint32_t *col = mem_alloc((ncol ? ncol : 1) * sizeof *col);
	uint8_t *seen_col = mem_calloc(od->n_statements ? od->n_statements : 1, 1);
	for (size_t i = 0; i < ncol; i++) {
		int64_t tid;
		uint32_t s;
		if (parse_int(&c->field[first + i], NULL, &tid) < 0 ||
		    (s = idmap_get(od->statements, tid)) == IDMAP_NONE || seen_col[s]) {
			od_fail(err, errlen, c->line, "column %zu: '%.*s' is not a new comment-id of "
						      "comments.csv", first + i + 1,
				(int)c->field[first + i].len, c->field[first + i].s);
			free(col);
			free(seen_col);
			return -1;
		}
		seen_col[s] = 1;
		col[i] = s;
	}
	free(seen_col);
	if (od->polis_group == NULL) {
		od->polis_group = mem_alloc((od->cap_participants ? od->cap_participants : 1) *
					    sizeof *od->polis_group);
		for (uint32_t i = 0; i < od->n_participants; i++)
			od->polis_group[i] = -1;
	}
	size_t seen_cap = od->cap_participants ? od->cap_participants : 1;
	uint8_t *seen_row = mem_calloc(seen_cap, 1);
	int fail = 0;
	while (!fail && (rc = csv_next(c)) == 1) {
		int64_t pid, gid = -1;
		if (parse_int(&c->field[idx[0]], NULL, &pid) < 0) {
			fail = od_fail(err, errlen, c->line, "participant is not a whole number");
			break;
		}
		if (c->field[idx[1]].len && (parse_int(&c->field[idx[1]], NULL, &gid) < 0 || gid < 0 ||
					     gid > 100)) {
			fail = od_fail(err, errlen, c->line, "group-id must be empty or a group number");
			break;
		}
		uint32_t p = idmap_get(od->participants, pid);
		if (p == IDMAP_NONE)
			p = add_participant(od, pid);
		if (od->cap_participants > seen_cap) {
			seen_row = mem_realloc(seen_row, od->cap_participants);
			memset(seen_row + seen_cap, 0, od->cap_participants - seen_cap);
			seen_cap = od->cap_participants;
		}
		if (seen_row[p]) {
			fail = od_fail(err, errlen, c->line, "participant %lld appears twice",
				       (long long)pid);
			break;
		}
		seen_row[p] = 1;
		od->polis_group[p] = (int32_t)gid;
		if (!take_votes)
			continue;
		for (size_t i = 0; i < ncol; i++) {
			const struct csv_field *f = &c->field[first + i];
			int8_t v;
			if (f->len == 0)
				continue;
			if (parse_vote(f, &v) < 0) {
				fail = od_fail(err, errlen, c->line,
					       "column %zu: a vote must be empty, -1, 0 or 1", first + i + 1);
				break;
			}
			add_vote(od, p, col[i], v, NULL);
		}
	}
	free(seen_row);
	free(col);
	if (fail)
		return -1;
	return rc < 0 ? csv_fail_to(c, err, errlen) : 0;
}

/* A half of the votes, [from, to), for a pass of opendata_order; the
 * two halves of a pass run at once (pair_run) and write apart. */
struct order_half {
	struct opendata *od;
	size_t from, to;
	int64_t *first;      /* first_times: each participant's first time */
	size_t *at;          /* first_times, count_votes: votes per participant;
			      * fill_votes: next slot */
	const uint32_t *inv; /* fill_votes: new participant numbers, or NULL */
	uint32_t *order;     /* fill_votes */
};

/* The time of each participant's first vote in the half, and their votes
 * in it. */
static void *first_times(void *arg)
{
	struct order_half *h = arg;
	const struct opendata *od = h->od;
	for (size_t i = h->from; i < h->to; i++) {
		uint32_t p = od->votes[i].participant;
		if (od->times[i] < h->first[p])
			h->first[p] = od->times[i];
		h->at[p]++;
	}
	return NULL;
}

/* Counts the half's votes by participant. */
static void *count_votes(void *arg)
{
	struct order_half *h = arg;
	const struct opinion_vote *v = h->od->votes;
	for (size_t i = h->from; i < h->to; i++)
		h->at[v[i].participant]++;
	return NULL;
}

/* Puts the half's vote indices in the slots of their participants (at,
 * by their old numbers) and renumbers them by inv (unless NULL). */
static void *fill_votes(void *arg)
{
	struct order_half *h = arg;
	struct opinion_vote *v = h->od->votes;
	for (size_t i = h->from; i < h->to; i++) {
		uint32_t p = v[i].participant;
		h->order[h->at[p]++] = (uint32_t)i;
		if (h->inv)
			v[i].participant = h->inv[p];
	}
	return NULL;
}

/* Runs pass on the two halves of the votes in h (their from and to are
 * set here), on two threads when there are many. */
static void order_halves(struct opendata *od, void *(*pass)(void *), struct order_half h[2])
{
	h[0].od = h[1].od = od;
	h[0].from = 0;
	h[0].to = h[1].from = od->n_votes / 2;
	h[1].to = od->n_votes;
	pair_run(pass, &h[0], pass, &h[1], od->n_votes >= ((size_t)1 << 16));
}

/* Participant indices by their first vote in time (stable for ties):
 * ord[new] = old; and each participant's votes in the first and the
 * second half of the votes (order_halves) in c[0] and c[1]. */
static uint32_t *order_by_first_vote(struct opendata *od, size_t *c[2])
{
	uint32_t np = od->n_participants;
	int64_t *first = mem_alloc((np ? np : 1) * sizeof *first);
	int64_t *later = mem_alloc((np ? np : 1) * sizeof *later);
	for (uint32_t p = 0; p < np; p++)
		first[p] = later[p] = INT64_MAX;
	struct order_half h[2] = { { .first = first, .at = c[0] }, { .first = later, .at = c[1] } };
	order_halves(od, first_times, h);
	for (uint32_t p = 0; p < np; p++)
		if (later[p] < first[p])
			first[p] = later[p];
	free(later);
	/* Stable merge sort. */
	uint32_t *ord = mem_alloc((np ? np : 1) * sizeof *ord), *tmp = mem_alloc((np ? np : 1) * sizeof *tmp);
	for (uint32_t p = 0; p < np; p++)
		ord[p] = p;
	for (uint32_t w = 1; w < np; w *= 2) {
		for (uint32_t lo = 0; lo < np; lo += 2 * w) {
			uint32_t mid = lo + w < np ? lo + w : np, hi = lo + 2 * w < np ? lo + 2 * w : np;
			uint32_t a = lo, b = mid, o = lo;
			while (a < mid && b < hi)
				tmp[o++] = first[ord[b]] < first[ord[a]] ? ord[b++] : ord[a++];
			while (a < mid)
				tmp[o++] = ord[a++];
			while (b < hi)
				tmp[o++] = ord[b++];
		}
		uint32_t *t = ord;
		ord = tmp;
		tmp = t;
	}
	free(tmp);
	free(first);
	return ord;
}

/* Renumbers the participants' ids, groups and index: ord[new] = old.
 * Returns the new number of each old one, for group_votes to renumber
 * the votes with. */
static uint32_t *renumber(struct opendata *od, const uint32_t *ord)
{
	uint32_t np = od->n_participants;
	uint32_t *inv = mem_alloc((np ? np : 1) * sizeof *inv);
	for (uint32_t i = 0; i < np; i++)
		inv[ord[i]] = i;
	int64_t *ids = mem_alloc((np ? np : 1) * sizeof *ids);
	for (uint32_t i = 0; i < np; i++)
		ids[i] = od->participant_id[ord[i]];
	if (np)
		memcpy(od->participant_id, ids, np * sizeof *ids);
	if (od->polis_group && np) {
		int32_t *g = mem_alloc((np ? np : 1) * sizeof *g);
		for (uint32_t i = 0; i < np; i++)
			g[i] = od->polis_group[ord[i]];
		memcpy(od->polis_group, g, np * sizeof *g);
		free(g);
	}
	for (uint32_t i = 0; i < np; i++)
		idmap_put(od->participants, od->participant_id[i], i);
	free(ids);
	return inv;
}

/* Renumbers the votes' participants by inv (unless NULL) and groups the
 * vote indices by participant, in input order (a counting sort, each
 * pass in two halves: the first half's votes of a participant before the
 * second's), into od->vote_start and od->by_participant. c[0] and c[1]
 * hold the halves' votes per participant by the old numbers (counted
 * here when inv is NULL); they become the halves' next slots. */
static void group_votes(struct opendata *od, const uint32_t *inv, size_t *c[2])
{
	uint32_t np = od->n_participants;
	size_t n = od->n_votes;
	free(od->vote_start);
	free(od->by_participant);
	struct order_half h[2] = { { .inv = inv, .at = c[0] }, { .inv = inv, .at = c[1] } };
	if (inv == NULL)
		order_halves(od, count_votes, h);
	size_t *start = mem_calloc((size_t)np + 1, sizeof *start);
	for (uint32_t p = 0; p < np; p++)
		start[(inv ? inv[p] : p) + 1] = c[0][p] + c[1][p];
	for (uint32_t p = 0; p < np; p++)
		start[p + 1] += start[p];
	for (uint32_t p = 0; p < np; p++) {
		size_t s0 = start[inv ? inv[p] : p];
		c[1][p] = s0 + c[0][p];
		c[0][p] = s0;
	}
	uint32_t *order = mem_alloc((n ? n : 1) * sizeof *order);
	h[0].order = h[1].order = order;
	order_halves(od, fill_votes, h);
	od->vote_start = start;
	od->by_participant = order;
	od->n_grouped = np;
}

/* Two votes of one voter on one comment at the same time with different
 * values, among participants [p0, p1): the later one's index in bad (the
 * earlier's in first), or SIZE_MAX. Exact repeats are made harmless by
 * the matrix's latest-wins rule and pass. */
struct conflict_find {
	const struct opendata *od;
	uint32_t p0, p1;
	size_t first, bad;
};

static void *conflict_find_run(void *arg)
{
	struct conflict_find *cf = arg;
	const struct opendata *od = cf->od;
	const size_t *start = od->vote_start;
	const uint32_t *order = od->by_participant;
	uint32_t *stamp = mem_calloc(od->n_statements ? od->n_statements : 1, sizeof *stamp);
	cf->bad = SIZE_MAX;
	for (uint32_t p = cf->p0; p < cf->p1 && cf->bad == SIZE_MAX; p++)
		for (size_t j = start[p]; j < start[p + 1] && cf->bad == SIZE_MAX; j++) {
			const struct opinion_vote *v = &od->votes[order[j]];
			if (stamp[v->statement] != p + 1) {
				stamp[v->statement] = p + 1;
				continue;
			}
			/* Seen before in this row: look for a clash (rare). */
			for (size_t q = start[p]; q < j; q++) {
				const struct opinion_vote *w = &od->votes[order[q]];
				if (w->statement == v->statement &&
				    od->times[order[q]] == od->times[order[j]] && w->value != v->value) {
					cf->first = order[q];
					cf->bad = order[j];
					break;
				}
			}
		}
	free(stamp);
	return NULL;
}

/* The first conflict (see above) in participant order, looked for in two
 * halves of the participants, on two threads when there are many votes. */
static size_t find_conflict(const struct opendata *od, size_t *first)
{
	uint32_t np = od->n_grouped, mid = opinion_half_row(od->vote_start, np);
	size_t n = od->vote_start[np];
	struct conflict_find half[2] = { { od, 0, mid, 0, SIZE_MAX }, { od, mid, np, 0, SIZE_MAX } };
	pair_run(conflict_find_run, &half[0], conflict_find_run, &half[1], n >= ((size_t)1 << 16));
	const struct conflict_find *f = half[0].bad != SIZE_MAX ? &half[0] : &half[1];
	*first = f->first;
	return f->bad;
}

int opendata_order(struct opendata *od, char *err, size_t errlen)
{
	uint32_t *inv = NULL;
	size_t np1 = (size_t)od->n_participants + 1;
	size_t *c[2] = { mem_calloc(np1, sizeof *c[0]), mem_calloc(np1, sizeof *c[1]) };
	if (od->times) {
		uint32_t *ord = order_by_first_vote(od, c);
		inv = renumber(od, ord);
		free(ord);
	}
	group_votes(od, inv, c);
	free(inv);
	free(c[0]);
	free(c[1]);
	size_t first, bad = od->times ? find_conflict(od, &first) : SIZE_MAX;
	if (bad == SIZE_MAX)
		return 0;
	return od_fail(err, errlen, vote_line(od, bad),
		       "a different vote by the same voter on the same comment at the same time as "
		       "line %lu",
		       vote_line(od, first));
}

void opendata_input(const struct opendata *od, struct opinion_input *in)
{
	memset(in, 0, sizeof *in);
	in->n_participants = od->n_participants;
	in->n_statements = od->n_statements;
	in->votes = od->votes;
	in->n_votes = od->n_votes;
	in->times = od->times;
	in->flags = od->flags;
	if (od->by_participant && od->n_grouped == od->n_participants &&
	    od->vote_start[od->n_grouped] == od->n_votes) {
		in->by_participant = od->by_participant;
		in->vote_start = od->vote_start;
	}
}
