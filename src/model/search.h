/*
 * search.h: finding things by the words in them: arenas, activities,
 * accepted dialogue statements, proposals (by their newest text) and
 * the comments on them, stories and organisations, and local life's
 * open welcome offers, leisure events and practical pages, one list
 * ranked by relevance, filtered by kind, arena, local area and theme,
 * paged, with the words found highlighted in each hit's title and in a
 * short extract of its text.
 *
 * Words are read as core/words.h reads them (Danish stems, no stop
 * words), so "ældre" finds "ældres". On SQLite the index is FTS5 with the
 * "danish" tokenizer, ranked by samskab_rank (a word in the title counts
 * four times one in the text); on PostgreSQL it is the built-in danish
 * configuration, ranked by ts_rank (the title weighted above the text);
 * both find the same things.
 * The query is never handed to either engine's query language: its words
 * are extracted first and passed as plain words (quoted for FTS5, through
 * plainto_tsquery for PostgreSQL), so quotes, operators and column names
 * typed by someone are just text.
 *
 * Only what anyone may see is in the index (search_doc, kept by triggers
 * in migrations/0011 and 0012): a pending or rejected statement, a
 * hidden comment, a closed or hidden offer or a cancelled event never is, so it never shows in hits, counts or extracts. A new
 * kind of thing is a code in kinds[] (search.c), a trigger that writes
 * its rows, and a link in search_link.
 */
#ifndef SAMSKAB_MODEL_SEARCH_H
#define SAMSKAB_MODEL_SEARCH_H

#include "model/model.h"

#define SEARCH_QUERY_MAX 200 /* characters of a query */
/* Hits of one kind that are counted and ranked: for words found in more
 * things of a kind than this, the newest SEARCH_CAP of them are ranked
 * (and the count says "more than"), so a search for a word in half a
 * million statements is as quick as one in five thousand. */
#define SEARCH_CAP 5000
#define SEARCH_TERMS_MAX 12  /* words of a query that count */

enum search_kind { SEARCH_ARENA, SEARCH_ACTIVITY, SEARCH_STATEMENT, SEARCH_PROPOSAL, SEARCH_COMMENT,
		   SEARCH_STORY, SEARCH_ORGANISATION, SEARCH_OFFER, SEARCH_LEISURE, SEARCH_PRACTICAL,
		   SEARCH_KIND__MAX };

struct search_query {
	const char *q;
	int kind;         /* enum search_kind, or -1: every kind */
	int64_t arena_id; /* 0: any */
	int64_t area_id;  /* 0: any */
	int64_t theme_id; /* 0: any */
};

/* A piece of text, a found word (hit) or what stands between. */
struct search_part {
	const char *text;
	int hit;
};

struct search_hit {
	enum search_kind kind;
	int64_t id, arena_id;  /* arena_id 0: none */
	const char *arena_title; /* "" when none */
	int64_t parent_id;       /* what it is part of (a comment's proposal, a
				  * leisure event's association), 0: none */
	const char *parent_title; /* its title, "" when none */
	const char *lang;
	struct search_part *title; /* the whole title, found words marked */
	size_t ntitle;
	struct search_part *extract; /* some 30 words around the best place */
	size_t nextract;
	int extract_cut_before, extract_cut_after; /* text left out there */
};

struct search_result {
	struct search_hit *hits;
	size_t n;
	int64_t count[SEARCH_KIND__MAX]; /* hits of each kind, the other filters applied */
	int more[SEARCH_KIND__MAX];      /* 1: more than count (SEARCH_CAP) */
};

const char *search_kind_code(enum search_kind k);
int search_kind_parse(const char *code); /* -1 if unknown */
enum msg search_kind_msg(enum search_kind k);
/* The path of a hit on this site. */
const char *search_link(struct region *a, const struct search_hit *h);

/*
 * One page of hits, best first; p->total is the number of hits (of
 * those ranked: see SEARCH_CAP). Errors
 * on "q": MSG_SEARCH_EMPTY (no words at all), MSG_SEARCH_ONLY_COMMON
 * (only words too common to search for, "og", "i"), MSG_SEARCH_TOO_LONG
 * (more than SEARCH_QUERY_MAX characters or SEARCH_TERMS_MAX words):
 * MODEL_INVALID. q must be valid UTF-8 (the HTTP layer sees to it).
 */
MODEL_MUST_USE enum model_rc search_run(struct store *db, struct region *a, const struct search_query *q,
			 struct paging *p, struct search_result *out, struct field_errors *errs);

#endif
