/*
 * textmerge.c: three-way merge of prose with libgit2 (see textmerge.h).
 *
 * git_merge_file merges line by line and marks a conflict with lines of
 * '<', '=' and '>'. Two things make that safe and useful here:
 *  - Sentences become lines: after ". ", "! " or "? " inside a line a
 *    break is put in, marked by the unit separator (0x1F) before it, and
 *    every "0x1F\n" is taken out again after the merge. A paragraph is
 *    usually one line of a proposal; merging sentence by sentence lets
 *    two people work in the same paragraph.
 *  - The markers are made longer than any run of '<', '=' or '>' that
 *    starts a line of the three texts, so no line of text can be read as
 *    a marker.
 */
#include "core/textmerge.h"

#include <string.h>

#include <git2.h>

#include "core/gitlib.h"

#define SEP '\x1f'
#define OUR_LABEL "ours"
#define THEIR_LABEL "theirs"
#define MARKER_MIN 7
#define MARKER_MAX 60000

/* A text prepared for the merge: separators dropped, a break after each
 * sentence, a final newline. *run grows to the longest run of one marker
 * character at the start of a line. */
static char *prepare(struct region *a, const char *s, size_t *len, size_t *run)
{
	size_t n = strlen(s), o = 0;
	char *out = region_alloc(a, 3 * n + 2);
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == SEP)
			continue;
		out[o++] = c;
		if ((c == '.' || c == '!' || c == '?') && s[i + 1] == ' ') {
			while (s[i + 1] == ' ')
				out[o++] = s[++i];
			char next = s[i + 1];
			if (next != '\0' && next != '\n' && next != SEP) {
				out[o++] = SEP;
				out[o++] = '\n';
			}
		}
	}
	if (o > 0 && out[o - 1] != '\n')
		out[o++] = '\n';
	out[o] = '\0';
	*len = o;
	for (size_t i = 0; i < o;) {
		char c = out[i];
		size_t k = 0;
		if (c == '<' || c == '=' || c == '>')
			while (i + k < o && out[i + k] == c)
				k++;
		if (k > *run)
			*run = k;
		const char *nl = memchr(out + i, '\n', o - i);
		i = nl ? (size_t)(nl - out) + 1 : o;
	}
	return out;
}

/* s[0 .. n) with every "0x1F\n" taken out, as a region string. */
static char *restore(struct region *a, const char *s, size_t n)
{
	char *out = region_alloc(a, n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == SEP && i + 1 < n && s[i + 1] == '\n') {
			i++;
			continue;
		}
		out[o++] = s[i];
	}
	out[o] = '\0';
	return out;
}

/* Whether line [p, p + n) (without its newline) is k times c followed by
 * label ("" for none, else " label"). */
static int is_marker(const char *p, size_t n, char c, size_t k, const char *label)
{
	size_t m = strlen(label);
	if (n != k + (m ? m + 1 : 0))
		return 0;
	for (size_t i = 0; i < k; i++)
		if (p[i] != c)
			return 0;
	return m == 0 || (p[k] == ' ' && memcmp(p + k + 1, label, m) == 0);
}

static void add_piece(struct region *a, struct textmerge *out, size_t *cap, struct textmerge_piece p)
{
	if (out->n == *cap) {
		size_t bigger = *cap ? 2 * *cap : 8;
		struct textmerge_piece *np = region_alloc(a, bigger * sizeof *np);
		if (out->n)
			memcpy(np, out->pieces, out->n * sizeof *np);
		out->pieces = np;
		*cap = bigger;
	}
	out->pieces[out->n++] = p;
	if (p.kind == TEXTMERGE_CONFLICT)
		out->conflicts++;
}

/* Splits libgit2's merged text into pieces. */
static void parse(struct region *a, const char *s, size_t n, size_t k, struct textmerge *out)
{
	size_t cap = 0;
	enum { IN_AGREED, IN_OURS, IN_THEIRS } state = IN_AGREED;
	size_t start = 0, ours_start = 0, ours_end = 0;
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - s) : n, next = nl ? end + 1 : n;
		const char *line = s + i;
		size_t len = end - i;
		if (state == IN_AGREED && is_marker(line, len, '<', k, OUR_LABEL)) {
			if (i > start)
				add_piece(a, out, &cap, (struct textmerge_piece){ TEXTMERGE_AGREED,
										  restore(a, s + start, i - start), NULL, NULL });
			state = IN_OURS;
			ours_start = next;
		} else if (state == IN_OURS && is_marker(line, len, '=', k, "")) {
			ours_end = i;
			state = IN_THEIRS;
			start = next;
		} else if (state == IN_THEIRS && is_marker(line, len, '>', k, THEIR_LABEL)) {
			add_piece(a, out, &cap, (struct textmerge_piece){ TEXTMERGE_CONFLICT, NULL,
									  restore(a, s + ours_start, ours_end - ours_start),
									  restore(a, s + start, i - start) });
			state = IN_AGREED;
			start = next;
		}
		i = next;
	}
	if (start < n && state == IN_AGREED)
		add_piece(a, out, &cap, (struct textmerge_piece){ TEXTMERGE_AGREED, restore(a, s + start, n - start),
								  NULL, NULL });
}

static int ends_with_newline(const char *s)
{
	size_t n = strlen(s);
	return n > 0 && s[n - 1] == '\n';
}

/* Takes off the newline prepare added at the very end, when neither side
 * had one. */
static void trim_last(struct textmerge *out)
{
	if (out->n == 0)
		return;
	struct textmerge_piece *p = &out->pieces[out->n - 1];
	char *fields[] = { (char *)p->text, (char *)p->ours, (char *)p->theirs };
	for (int i = 0; i < 3; i++) {
		size_t n = fields[i] ? strlen(fields[i]) : 0;
		if (n && fields[i][n - 1] == '\n')
			fields[i][n - 1] = '\0';
	}
}

/* Joins the pieces when there is no conflict. */
static void join(struct region *a, struct textmerge *out)
{
	size_t total = 0;
	for (size_t i = 0; i < out->n; i++)
		total += strlen(out->pieces[i].text);
	char *t = region_alloc(a, total + 1), *p = t;
	for (size_t i = 0; i < out->n; i++) {
		size_t m = strlen(out->pieces[i].text);
		memcpy(p, out->pieces[i].text, m);
		p += m;
	}
	*p = '\0';
	out->text = t;
}

int textmerge_run(struct region *a, const char *base, const char *ours, const char *theirs,
		  struct textmerge *out)
{
	memset(out, 0, sizeof *out);
	size_t run = 0, nb, no, nt;
	char *pb = prepare(a, base, &nb, &run), *po = prepare(a, ours, &no, &run),
	     *pt = prepare(a, theirs, &nt, &run);
	size_t k = run < MARKER_MIN ? MARKER_MIN : run + 1;
	int rc = -1;
	git_merge_file_result res;
	memset(&res, 0, sizeof res);
	if (k <= MARKER_MAX && gitlib_init() == 0) {
		git_merge_file_input in[3];
		const char *texts[3] = { pb, po, pt };
		size_t lens[3] = { nb, no, nt };
		for (int i = 0; i < 3; i++) {
			git_merge_file_input_init(&in[i], GIT_MERGE_FILE_INPUT_VERSION);
			in[i].ptr = texts[i];
			in[i].size = lens[i];
		}
		git_merge_file_options opt;
		git_merge_file_options_init(&opt, GIT_MERGE_FILE_OPTIONS_VERSION);
		opt.our_label = OUR_LABEL;
		opt.their_label = THEIR_LABEL;
		opt.flags = GIT_MERGE_FILE_STYLE_MERGE;
		opt.marker_size = (unsigned short)k;
		if (git_merge_file(&res, &in[0], &in[1], &in[2], &opt) == 0 &&
		    (res.len > 0 || (nb == 0 && no == 0 && nt == 0) || res.automergeable)) {
			parse(a, res.ptr ? res.ptr : "", res.len, k, out);
			rc = 0;
		}
		git_merge_file_result_free(&res);
	}
	if (rc != 0) {
		/* Whole against whole: the caller shows both, nothing is lost. */
		memset(out, 0, sizeof *out);
		size_t cap = 0;
		add_piece(a, out, &cap, (struct textmerge_piece){ TEXTMERGE_CONFLICT, NULL,
								  region_strdup(a, ours), region_strdup(a, theirs) });
		return -1;
	}
	if (!ends_with_newline(ours) && !ends_with_newline(theirs))
		trim_last(out);
	if (out->conflicts == 0)
		join(a, out);
	return 0;
}
