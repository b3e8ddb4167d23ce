/*
 * search.c: search over search_doc (see search.h). The two engines need
 * their own query text (FTS5's MATCH and samskab_rank against
 * PostgreSQL's @@ and ts_rank); the filters are the same text on both,
 * bound alike.
 */
#include "model/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "core/words.h"

#define EXTRACT_WORDS 30  /* words in an extract */
#define EXTRACT_BEFORE 4  /* words of context before the first found word */

/* number: search_doc.id is number * KIND_SPAN + the thing's id
 * (migrations/0011, 0012), so a kind is a range of ids. */
#define KIND_SPAN ((int64_t)1 << 40)
static const struct {
	const char *code;
	enum msg name;
	int64_t number;
} kinds[SEARCH_KIND__MAX] = {
	[SEARCH_ARENA] = { "arena", MSG_SEARCH_KIND_ARENA, 1 },
	[SEARCH_ACTIVITY] = { "activity", MSG_SEARCH_KIND_ACTIVITY, 2 },
	[SEARCH_STATEMENT] = { "statement", MSG_SEARCH_KIND_STATEMENT, 3 },
	[SEARCH_PROPOSAL] = { "proposal", MSG_SEARCH_KIND_PROPOSAL, 6 },
	[SEARCH_COMMENT] = { "comment", MSG_SEARCH_KIND_COMMENT, 7 },
	[SEARCH_STORY] = { "story", MSG_SEARCH_KIND_STORY, 4 },
	[SEARCH_ORGANISATION] = { "organisation", MSG_SEARCH_KIND_ORGANISATION, 5 },
	[SEARCH_OFFER] = { "offer", MSG_SEARCH_KIND_OFFER, 8 },
	[SEARCH_LEISURE] = { "leisure", MSG_SEARCH_KIND_LEISURE, 9 },
	[SEARCH_PRACTICAL] = { "practical", MSG_SEARCH_KIND_PRACTICAL, 10 },
};
_Static_assert(sizeof kinds / sizeof kinds[0] == SEARCH_KIND__MAX, "a code per kind");

/* The filters on what things belong to, bound in this order: arena
 * twice, area three times, theme twice. Kinds are id ranges. */
#define FILTERS                                                                                 \
	"(CAST(? AS BIGINT) = 0 OR d.arena_id = ?) AND "                                        \
	"(CAST(? AS BIGINT) = 0 OR d.area_id = ? OR "                                           \
	"d.arena_id IN (SELECT arena_id FROM arena_area WHERE area_id = ?)) AND "               \
	"(CAST(? AS BIGINT) = 0 OR d.arena_id IN (SELECT id FROM arena WHERE theme_id = ?))"

/*
 * Three ways to ask: SQLite without filters (from the index alone,
 * reading no row of search_doc), SQLite with them (the index joined with
 * search_doc), PostgreSQL. Each asks for the hits of one kind (a range of
 * ids), newest first, with how well each matches (lower is better), up
 * to a limit: one pass per kind both counts the hits and gives the
 * candidates, which are then ranked together. SQLite ranks with
 * samskab_rank (store/sqlite.c: a word in the title counts four times
 * one in the text); PostgreSQL with ts_rank (the title weighted A),
 * negated. Bound: the words, [the filters,] the range, the limit.
 */
enum way { WAY_INDEX, WAY_JOINED, WAY_POSTGRES, WAY__MAX };

static struct store_sql hits_sql[WAY__MAX] = {
	[WAY_INDEX] = STORE_SQL("SELECT rowid, samskab_rank(search_fts) FROM search_fts WHERE search_fts MATCH ? "
				"AND rowid BETWEEN ? AND ? ORDER BY rowid DESC LIMIT ?"),
	[WAY_JOINED] = STORE_SQL("SELECT f.rowid, samskab_rank(search_fts) FROM search_fts f JOIN search_doc d ON "
				 "d.id = f.rowid WHERE search_fts MATCH ? AND " FILTERS " AND f.rowid BETWEEN ? AND ? "
				 "ORDER BY f.rowid DESC LIMIT ?"),
	[WAY_POSTGRES] = STORE_SQL("SELECT d.id, -ts_rank(d.tsv, q) FROM search_doc d CROSS JOIN "
				   "plainto_tsquery('danish', ?) q WHERE d.tsv @@ q AND " FILTERS " AND d.id BETWEEN ? "
				   "AND ? ORDER BY d.id DESC LIMIT ?"),
};
/* A hit's row, by its id; what it is part of is a proposal (a comment's)
 * or an association (a leisure event's). */
static struct store_sql doc_sql = STORE_SQL(
	"SELECT d.kind, d.ref_id, COALESCE(d.arena_id, 0), d.title, d.body, d.lang, COALESCE(ar.title, ''), "
	"COALESCE(d.parent_id, 0), COALESCE(p.title, o.name, '') FROM search_doc d "
	"LEFT JOIN arena ar ON ar.id = d.arena_id "
	"LEFT JOIN proposal p ON d.kind = 'comment' AND p.id = d.parent_id "
	"LEFT JOIN organisation o ON d.kind = 'leisure' AND o.id = d.parent_id WHERE d.id = ?");

const char *search_kind_code(enum search_kind k)
{
	return (unsigned)k < SEARCH_KIND__MAX ? kinds[k].code : "?";
}

int search_kind_parse(const char *code)
{
	for (int i = 0; code && i < SEARCH_KIND__MAX; i++)
		if (strcmp(code, kinds[i].code) == 0)
			return i;
	return -1;
}

enum msg search_kind_msg(enum search_kind k)
{
	return (unsigned)k < SEARCH_KIND__MAX ? kinds[k].name : MSG_SEARCH_KIND_ARENA;
}

const char *search_link(struct region *a, const struct search_hit *h)
{
	long long id = (long long)h->id, arena = (long long)h->arena_id;
	switch (h->kind) {
	case SEARCH_ARENA:
		return region_printf(a, "/arenas/%lld", id);
	case SEARCH_ACTIVITY:
		return region_printf(a, "/arenas/%lld/activities/%lld", arena, id);
	case SEARCH_STATEMENT:
		return region_printf(a, "/arenas/%lld/dialogue", arena);
	case SEARCH_PROPOSAL:
		return region_printf(a, "/arenas/%lld/proposals/%lld", arena, id);
	case SEARCH_COMMENT:
		return region_printf(a, "/arenas/%lld/proposals/%lld/comments/%lld", arena, (long long)h->parent_id, id);
	case SEARCH_STORY:
		return region_printf(a, "/stories/%lld", id);
	case SEARCH_OFFER:
		return region_printf(a, "/offers/%lld", id);
	case SEARCH_LEISURE:
		return region_printf(a, "/associations/%lld/events/%lld", (long long)h->parent_id, id);
	case SEARCH_PRACTICAL:
		return region_printf(a, "/practical/%lld", id);
	case SEARCH_ORGANISATION:
	case SEARCH_KIND__MAX:
		break;
	}
	return region_printf(a, "/organisations/%lld", id);
}

/* The words of a query: their terms (for highlighting) and as typed (for
 * the engine, which finds the same terms in them). */
struct query_words {
	const char *q;
	char terms[SEARCH_TERMS_MAX][WORDS_MAX_BYTES + 1];
	int nterms, too_many;
	struct buf typed;
};

static int is_term(const struct query_words *w, const char *term, size_t len)
{
	for (int i = 0; i < w->nterms; i++)
		if (strlen(w->terms[i]) == len && memcmp(w->terms[i], term, len) == 0)
			return 1;
	return 0;
}

static int add_query_word(void *ctx, const char *term, size_t len, size_t start, size_t end)
{
	(void)start;
	(void)end;
	struct query_words *w = ctx;
	if (is_term(w, term, len))
		return 0;
	if (w->nterms == SEARCH_TERMS_MAX) {
		w->too_many = 1;
		return 1;
	}
	memcpy(w->terms[w->nterms], term, len);
	w->terms[w->nterms++][len] = '\0';
	return 0;
}

/* The query as the engine takes it: FTS5 gets each word as a quoted
 * string ("ældres" "foreninger"), which holds letters and digits only,
 * so nothing in it is an operator; PostgreSQL gets the words for
 * plainto_tsquery, which reads no operators. */
static int typed_word(void *ctx, const char *term, size_t len, size_t start, size_t end)
{
	(void)term;
	(void)len;
	struct query_words *w = ctx;
	return buf_printf(&w->typed, "%s\"%.*s\"", w->typed.len ? " " : "", (int)(end - start), w->q + start) != 0;
}

static int bind_filters(struct store_stmt *st, int i, const struct search_query *q)
{
	store_bind_int(st, i++, q->arena_id);
	store_bind_int(st, i++, q->arena_id);
	store_bind_int(st, i++, q->area_id);
	store_bind_int(st, i++, q->area_id);
	store_bind_int(st, i++, q->area_id);
	store_bind_int(st, i++, q->theme_id);
	store_bind_int(st, i++, q->theme_id);
	return i;
}

/* The ids of kind k in search_doc. */
static void kind_range(int k, int64_t *lo, int64_t *hi)
{
	*lo = kinds[k].number * KIND_SPAN;
	*hi = (kinds[k].number + 1) * KIND_SPAN - 1;
}

static int kind_of_id(int64_t id)
{
	for (int k = 0; k < SEARCH_KIND__MAX; k++)
		if (id / KIND_SPAN == kinds[k].number)
			return k;
	return -1;
}

/* A hit before it is read: its id and how well it matches. */
struct candidate {
	int64_t id;
	double score; /* lower is better */
};

static int by_score(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	return x->id > y->id ? -1 : x->id < y->id; /* the newest first among equals */
}

/*
 * Counts the hits of every kind (the kind filter aside), each up to
 * SEARCH_CAP + 1, and gathers the newest SEARCH_CAP of each kind asked
 * for, best first, in *c (*n of them).
 */
static enum model_rc gather(struct store *db, struct region *a, enum way way, const char *words,
			    const struct search_query *q, struct search_result *out, struct candidate **c, size_t *n)
{
	*c = region_alloc(a, (size_t)SEARCH_KIND__MAX * (SEARCH_CAP + 1) * sizeof **c);
	*n = 0;
	for (int k = 0; k < SEARCH_KIND__MAX; k++) {
		struct store_stmt *st = store_prepare(db, &hits_sql[way]);
		if (st == NULL)
			return MODEL_ERROR;
		int64_t lo, hi;
		kind_range(k, &lo, &hi);
		store_bind_text(st, 1, words);
		int i = way == WAY_INDEX ? 2 : bind_filters(st, 2, q);
		store_bind_int(st, i, lo);
		store_bind_int(st, i + 1, hi);
		store_bind_int(st, i + 2, SEARCH_CAP + 1);
		int asked = q->kind < 0 || q->kind == k, rc;
		int64_t found = 0;
		while ((rc = store_step(st)) == STORE_ROW) {
			if (asked && found < SEARCH_CAP)
				(*c)[(*n)++] = (struct candidate){ store_col_int(st, 0), store_col_double(st, 1) };
			found++;
		}
		store_reset(st);
		if (rc != STORE_DONE)
			return model_from_store(db, rc, "search_hits");
		out->more[k] = found > SEARCH_CAP;
		out->count[k] = out->more[k] ? SEARCH_CAP : found;
	}
	qsort(*c, *n, sizeof **c, by_score);
	return MODEL_OK;
}

/* A word of a text being highlighted. */
struct span {
	size_t start, end;
	int hit;
};

struct spans {
	struct region *a;
	struct span *items;
	size_t n, cap;
};

static int add_span(void *ctx, size_t start, size_t end, int hit)
{
	struct spans *s = ctx;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct span *more = region_alloc(s->a, cap * sizeof *more);
		if (s->n)
			memcpy(more, s->items, s->n * sizeof *more);
		s->items = more;
		s->cap = cap;
	}
	s->items[s->n++] = (struct span){ start, end, hit };
	return 0;
}

/* Text between found words, for reading in one line: white space runs
 * become one space; Markdown's marks for emphasis, headings, quotes and
 * code are left out. */
static const char *plain(struct region *a, const char *s, size_t n)
{
	char *out = region_alloc(a, n + 1);
	size_t k = 0;
	int space = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '*' || c == '_' || c == '#' || c == '`' || c == '>')
			continue;
		if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
			if (!space)
				out[k++] = ' ';
			space = 1;
			continue;
		}
		space = 0;
		out[k++] = c;
	}
	out[k] = '\0';
	return out;
}

/* Parts of text[from, to) for the words sp[first, last): hits apart. */
static void parts_of(struct region *a, const char *text, size_t from, size_t to, const struct span *sp,
		     size_t first, size_t last, struct search_part **out, size_t *n)
{
	*out = region_calloc(a, 2 * (last - first) + 2, sizeof **out);
	*n = 0;
	size_t at = from;
	for (size_t i = first; i < last; i++) {
		if (!sp[i].hit)
			continue;
		if (sp[i].start > at)
			(*out)[(*n)++] = (struct search_part){ plain(a, text + at, sp[i].start - at), 0 };
		(*out)[(*n)++] = (struct search_part){ region_strndup(a, text + sp[i].start, sp[i].end - sp[i].start), 1 };
		at = sp[i].end;
	}
	if (to > at)
		(*out)[(*n)++] = (struct search_part){ plain(a, text + at, to - at), 0 };
	/* No space before the first word or after the last. */
	if (*n && !(*out)[0].hit && (*out)[0].text[0] == ' ')
		(*out)[0].text++;
	if (*n && !(*out)[*n - 1].hit) {
		char *end = (char *)(*out)[*n - 1].text;
		size_t len = strlen(end);
		if (len && end[len - 1] == ' ')
			end[len - 1] = '\0';
	}
}

static void highlight(struct words *ws, const struct query_words *w, struct region *a, const char *title,
		      const char *body, struct search_hit *h)
{
	const char *terms[SEARCH_TERMS_MAX];
	for (int i = 0; i < w->nterms; i++)
		terms[i] = w->terms[i];
	struct spans s = { a, NULL, 0, 0 };
	words_mark(ws, title, strlen(title), terms, (size_t)w->nterms, add_span, &s);
	parts_of(a, title, 0, strlen(title), s.items, 0, s.n, &h->title, &h->ntitle);

	s.n = 0;
	size_t blen = strlen(body);
	words_mark(ws, body, blen, terms, (size_t)w->nterms, add_span, &s);
	/* The window of EXTRACT_WORDS words with the most found words. */
	size_t best = 0, best_hits = 0, hits = 0;
	for (size_t i = 0; i < s.n; i++) {
		hits += (size_t)s.items[i].hit;
		if (i >= EXTRACT_WORDS)
			hits -= (size_t)s.items[i - EXTRACT_WORDS].hit;
		size_t start = i + 1 >= EXTRACT_WORDS ? i + 1 - EXTRACT_WORDS : 0;
		if (hits > best_hits) {
			best_hits = hits;
			best = start;
		}
	}
	/* Start a little before its first found word. */
	while (best < s.n && best_hits && !s.items[best].hit)
		best++;
	best = best > EXTRACT_BEFORE ? best - EXTRACT_BEFORE : 0;
	/* A window near the end starts earlier, so it is full: a short
	 * text is shown whole. */
	if (best + EXTRACT_WORDS > s.n)
		best = s.n > EXTRACT_WORDS ? s.n - EXTRACT_WORDS : 0;
	size_t last = best + EXTRACT_WORDS < s.n ? best + EXTRACT_WORDS : s.n;
	if (s.n == 0) {
		h->extract = NULL;
		h->nextract = 0;
		return;
	}
	/* From the start of the text, or of a word; to the end of the text
	 * (its full stop), or of a word. */
	parts_of(a, body, best == 0 ? 0 : s.items[best].start, last == s.n ? blen : s.items[last - 1].end,
		 s.items, best, last, &h->extract, &h->nextract);
	h->extract_cut_before = best > 0;
	h->extract_cut_after = last < s.n;
}

enum model_rc search_run(struct store *db, struct region *a, const struct search_query *q,
			 struct paging *p, struct search_result *out, struct field_errors *errs)
{
	memset(out, 0, sizeof *out);
	p->total = 0;
	size_t qlen = q->q ? strlen(q->q) : 0;
	if (qlen == 0 || !words_any(q->q, qlen)) {
		field_error_add(errs, "q", MSG_SEARCH_EMPTY);
		return MODEL_INVALID;
	}
	if (!utf8_valid(q->q, qlen) || utf8_length(q->q) > SEARCH_QUERY_MAX) {
		field_error_add(errs, "q", MSG_SEARCH_TOO_LONG);
		return MODEL_INVALID;
	}
	struct words *ws = words_new();
	if (ws == NULL)
		return MODEL_ERROR;
	struct query_words *w = region_calloc(a, 1, sizeof *w);
	w->q = q->q;
	buf_init(&w->typed, 4 * SEARCH_QUERY_MAX + 4 * SEARCH_TERMS_MAX + 16);
	words_each(ws, q->q, qlen, add_query_word, w);
	enum model_rc rc = MODEL_OK;
	if (w->too_many)
		field_error_add(errs, "q", MSG_SEARCH_TOO_LONG);
	else if (w->nterms == 0)
		field_error_add(errs, "q", MSG_SEARCH_ONLY_COMMON);
	else if (store_dialect(db) == STORE_SQLITE)
		words_each(ws, q->q, qlen, typed_word, w);
	else
		buf_put(&w->typed, q->q, qlen); /* plainto_tsquery reads no operators */
	if (errs->n) {
		rc = MODEL_INVALID;
		goto out;
	}
	/* SQLite counts and ranks from the index alone when nothing narrows
	 * the hits but their kind. */
	enum way way = store_dialect(db) == STORE_POSTGRES ? WAY_POSTGRES
		       : q->arena_id == 0 && q->area_id == 0 && q->theme_id == 0 ? WAY_INDEX
										    : WAY_JOINED;
	struct candidate *c;
	size_t nc;
	if ((rc = gather(db, a, way, buf_str(&w->typed), q, out, &c, &nc)) != MODEL_OK)
		goto out;
	p->total = (int64_t)nc;
	size_t first = (size_t)paging_offset(p);
	if (first >= nc)
		goto out;
	size_t nids = nc - first < (size_t)p->per_page ? nc - first : (size_t)p->per_page;
	int64_t *ids = region_calloc(a, nids, sizeof *ids);
	for (size_t i = 0; i < nids; i++)
		ids[i] = c[first + i].id;
	out->hits = region_calloc(a, nids + 1, sizeof *out->hits);
	for (size_t i = 0; i < nids; i++) {
		struct store_stmt *st = store_prepare(db, &doc_sql);
		if (st == NULL) {
			rc = MODEL_ERROR;
			goto out;
		}
		store_bind_int(st, 1, ids[i]);
		int src = store_step(st);
		int k = src == STORE_ROW ? kind_of_id(ids[i]) : -1;
		if (k >= 0) {
			struct search_hit *h = &out->hits[out->n++];
			h->kind = (enum search_kind)k;
			h->id = store_col_int(st, 1);
			h->arena_id = store_col_int(st, 2);
			h->lang = model_text(st, a, 5);
			h->arena_title = model_text(st, a, 6);
			h->parent_id = store_col_int(st, 7);
			h->parent_title = model_text(st, a, 8);
			highlight(ws, w, a, store_col_text(st, 3), store_col_text(st, 4), h);
		}
		store_reset(st);
		if (src != STORE_ROW && src != STORE_DONE) {
			rc = model_from_store(db, src, "search_hit");
			goto out;
		}
	}
out:
	buf_free(&w->typed);
	words_free(ws);
	return rc;
}
