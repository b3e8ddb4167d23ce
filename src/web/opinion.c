/*
 * opinion.c: an arena dialogue's opinion map, as a page and as an SVG
 * image: everyone who voted is a dot placed by how they voted, each group
 * the map found has its own colour and shape (and is described in words
 * for those who cannot see the picture), the reader's own place is
 * marked; then what unites us, where the groups differ, what each group
 * stands for, how everyone and each group voted on every statement, and
 * the votes by local area and by sector. Everything is drawn on the
 * server from the stored map (model/opinion_map.h, computed by the
 * background job): this file never computes a map, and the page needs no
 * script. The SVG uses presentation attributes only, as the CSP allows no
 * inline style.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/cache.h"
#include "http/query.h"
#include "model/arena.h"
#include "model/breakdown.h"
#include "model/dialogue.h"
#include "model/opinion_map.h"
#include "model/organisation.h"
#include "opinion/opinion.h"
#include "web/layout.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

#define STATEMENTS_PER_PAGE 30
#define DIFFER_MAX 5

/* The drawing: a plot area and, below it, the legend in rows of
 * LEGEND_COLS entries. */
#define SVG_W 640
#define PLOT_X 24
#define PLOT_Y 24
#define PLOT_W (SVG_W - 2 * PLOT_X)
#define PLOT_H 340
#define LEGEND_Y (PLOT_Y + PLOT_H + 40)
#define LEGEND_COLS 3
#define LEGEND_ROW 26

/* x in the drawing, mirrored for a right-to-left page. */
static int mirror(int rtl, int x)
{
	return rtl ? SVG_W - x : x;
}

/* Each group's mark: a colour with at least 4.5:1 contrast on the page
 * (Okabe and Ito's palette for colour blindness, darkened) and a shape of
 * its own, so that groups are told apart without colour too; named in
 * words for the text alternative. */
static const enum msg mark_names[] = { MSG_OPINION_MARK_0, MSG_OPINION_MARK_1, MSG_OPINION_MARK_2,
				       MSG_OPINION_MARK_3, MSG_OPINION_MARK_4 };
_Static_assert(sizeof mark_names / sizeof mark_names[0] == OPINION_MAX_K, "a mark for every group");

/* Each group's colour, in the order of mark_names. */
static const char *const mark_colours[OPINION_MAX_K] = { "#0072b2", "#c2410c", "#007a5e", "#be185d", "#6a3d9a" };

/* Group g's mark in fill, drawn around 0,0 (placed with <use>). */
static void mark_shape(struct html *h, int g, const char *fill)
{
	switch (g) {
	case 0:
		HTMLF(h, "<circle r=\"4.5\" fill=\"%s\"/>", fill);
		break;
	case 1:
		HTMLF(h, "<rect x=\"-4\" y=\"-4\" width=\"8\" height=\"8\" fill=\"%s\"/>", fill);
		break;
	case 2:
		HTMLF(h, "<path d=\"M0-5.5L5 3.5H-5z\" fill=\"%s\"/>", fill);
		break;
	case 3:
		HTMLF(h, "<path d=\"M0-5.5L5.5 0 0 5.5-5.5 0z\" fill=\"%s\"/>", fill);
		break;
	default:
		HTMLF(h, "<path d=\"M-1.8-5.5h3.6v3.7h3.7v3.6h-3.7v3.7h-3.6v-3.7h-3.7v-3.6h3.7z\" fill=\"%s\"/>",
		      fill);
		break;
	}
}

/* Agree, disagree and pass in the bars: the dialogue's button colours. */
#define FILL_AGREE "#1d6b2f"
#define FILL_DISAGREE "#a3000b"
#define FILL_PASS "#6b7683"

/* What the page and the image draw from. */
struct view {
	struct opinion_map_head arena; /* the arena, and its map's version */
	struct statement *stmts; /* by id */
	size_t ns;
	struct opinion_map map;  /* the stored map, checked (a copy of the one this
				  * node keeps: its arrays are kept's); empty when
				  * there is none */
	const struct opinion_map *kept; /* held until view_free */
	int k;                   /* groups; 0: not enough to show */
	struct opinion_map_part *dots; /* those with a place on the map */
	size_t ndots;
	int64_t me;              /* the reader's participant, or 0 */
	const struct opinion_map_part *my_dot;
};

static void view_free(struct view *v)
{
	opinion_map_release(v->kept);
	v->kept = NULL;
}

/* Loads the arena of the path and the version of its map (one lookup),
 * and the reader's participant if they have voted in this dialogue (who
 * has not cannot be on its map): what decides whether a page drawn
 * before will do; a model code. */
static enum model_rc view_head(struct req *r, struct view *v)
{
	memset(v, 0, sizeof *v);
	enum model_rc rc = opinion_map_head(r->db, r->region, r->params[0], &v->arena);
	if (rc == MODEL_OK)
		rc = web_participant(r, 0, &v->me);
	struct dialogue_vote *mine;
	size_t n = 0;
	if (rc == MODEL_OK && v->me)
		rc = vote_list_mine(r->db, r->region, v->arena.arena_id, v->me, &mine, &n);
	if (n == 0)
		v->me = 0;
	return rc;
}

/* Loads, after view_head, the arena's statements and its map (parsed
 * once per version on this node); a model code (MODEL_ERROR for a stored
 * map that is broken). */
static enum model_rc view_load(struct req *r, struct view *v)
{
	enum model_rc rc = statement_texts(r->db, r->region, v->arena.arena_id, &v->stmts, &v->ns);
	if (rc == MODEL_OK) {
		rc = opinion_map_current(r->db, v->arena.arena_id, v->arena.version, &v->kept);
		if (rc == MODEL_NOT_FOUND)
			return MODEL_OK; /* not computed yet: nothing to show */
	}
	if (rc != MODEL_OK)
		return rc;
	v->map = *v->kept;
	v->dots = region_calloc(r->region, v->map.nparts + 1, sizeof *v->dots);
	for (size_t i = 0; i < v->map.nparts; i++)
		if (v->map.parts[i].placed)
			v->dots[v->ndots++] = v->map.parts[i];
	for (size_t i = 0; v->me && i < v->ndots; i++)
		if (v->dots[i].id == v->me)
			v->my_dot = &v->dots[i];
	v->k = v->map.ready ? v->map.k : 0;
	return MODEL_OK;
}

/* A statement shown on the page: accepted and not about the dialogue
 * itself; NULL otherwise. */
static const struct statement *shown(const struct view *v, int64_t id)
{
	const struct statement *s = statement_find(v->stmts, v->ns, id);
	return s && s->status == STATEMENT_ACCEPTED && !s->meta ? s : NULL;
}

/* Agree, disagree and all votes of a statement, overall (group -1) or in
 * a group, from the map's tallies. */
struct counts {
	int64_t agree, disagree, seen;
};

static struct counts counts_of(const struct view *v, int64_t id, int group)
{
	const struct opinion_map_votes *t = opinion_map_votes_of(&v->map, id);
	if (t == NULL)
		return (struct counts){ 0, 0, 0 };
	const struct opinion_map_tally *c = group < 0 ? &t->all : &t->group[group];
	return (struct counts){ c->agree, c->disagree, c->seen };
}

/* part of whole in whole percent, rounded; 0 of nothing. */
static int pct(int64_t part, int64_t whole)
{
	return whole > 0 ? (int)((part * 200 + whole) / (whole * 2)) : 0;
}

static const char *num(struct req *r, int64_t n)
{
	return region_printf(r->region, "%lld", (long long)n);
}

/* "A" .. "E". */
static const char *letter(int g)
{
	static const char *const letters[] = { "A", "B", "C", "D", "E" };
	_Static_assert(sizeof letters / sizeof letters[0] == OPINION_MAX_K, "a letter for every group");
	return letters[g];
}

/* "Group A", as plain text: escaped where it is written (HTMLF's %s, an
 * argument of html_msgv), and only there. */
static const char *group_name(struct req *r, int g)
{
	const char *args[] = { letter(g) };
	struct buf b = BUF_INIT(256);
	msg_format(&b, r->lang, MSG_OPINION_GROUP, args, 1);
	const char *s = region_strdup(r->region, buf_str(&b));
	buf_free(&b);
	return s;
}

/* The statement a group's representative list puts first for agreeing
 * (agree set) or disagreeing, and its share in the group; NULL if none. */
static const struct statement *group_rep(const struct view *v, int g, int agree, int *share)
{
	for (size_t i = 0; i < v->map.nrep[g]; i++) {
		const struct opinion_map_pick *rep = &v->map.rep[g][i];
		const struct statement *s = shown(v, rep->statement);
		if (s == NULL || rep->agree != agree)
			continue;
		*share = pct(rep->n_success, rep->n_trials);
		return s;
	}
	return NULL;
}

/* One group in words, as plain text (also for the image's <desc>):
 * "Group A (blue circles): 77 participants. Agrees most with "..." (90 %
 * of the group agree). Disagrees most with ...". */
static void group_words(struct html *h, struct req *r, const struct view *v, int g)
{
	HTMLF(h, "%s (", group_name(r, g));
	html_msg(h, mark_names[g]);
	HTML(h, "): ");
	html_count(h, MSGN_OPINION_GROUP_SIZE, v->map.size[g]);
	for (int agree = 1; agree >= 0; agree--) {
		int share = 0;
		const struct statement *s = group_rep(v, g, agree, &share);
		if (s == NULL)
			continue;
		const char *args[] = { s->text, num(r, share) };
		HTML(h, " ");
		html_msgv(h, agree ? MSG_OPINION_AGREES_MOST : MSG_OPINION_DISAGREES_MOST, args, 2);
	}
}

/* Where a value of [lo, hi] falls on a span of len pixels from at. */
static int scale(double val, double lo, double hi, int at, int len)
{
	if (!(hi > lo))
		return at + len / 2;
	return at + (int)lround((val - lo) / (hi - lo) * len);
}

/*
 * Density, for maps of many participants: one mark each would make the
 * image megabytes. The plot is tiled with pointy-top hexagons of radius
 * HEX_R; each group's members (and those in no group) are counted per
 * hexagon, and each hexagon with someone in it is drawn in the group's
 * colour with the group's shape in white inside, darker the more there
 * are (DENSITY_LEVELS steps, relative to the group's fullest hexagon).
 * Where groups share a hexagon both are drawn, the groups over those in
 * none. The size of the image then depends on the area the groups cover,
 * not on how many are in them; the text alternative is unchanged.
 */
#define DENSITY_FROM 4000
#define HEX_R 7.0
#define HEX_Q 96 /* columns of the grid, with room for the slant */
#define HEX_ROWS 40
#define DENSITY_LEVELS 4
static const char *const density_opacity[DENSITY_LEVELS] = { ".3", ".5", ".75", "1" };
_Static_assert(sizeof density_opacity / sizeof density_opacity[0] == DENSITY_LEVELS, "a step each");

/* Counts per layer (OPINION_MAX_K groups, then no group) and hexagon. */
struct hexbins {
	uint32_t *n; /* [layer][q][row], made on first use */
	uint32_t top[OPINION_MAX_K + 1];
};

static void cell_defs(struct html *h, int k)
{
	static const char hex[] = "M0-7L6.06-3.5V3.5L0 7-6.06 3.5V-3.5z";
	for (int g = 0; g < k; g++) {
		HTMLF(h, "<g id=\"cell-%d\"><path d=\"%s\" fill=\"%s\"/><g transform=\"scale(.62)\">", g, hex,
		      mark_colours[g]);
		mark_shape(h, g, "#ffffff");
		HTML(h, "</g></g>");
	}
	HTMLF(h, "<g id=\"cell-none\"><path d=\"%s\" fill=\"#6b7683\"/><circle r=\"2\" fill=\"#ffffff\"/></g>", hex);
}

/* Counts the participant at pixel (px, py) in group g (-1: none). */
static void hexbin_add(struct hexbins *b, struct req *r, int g, int px, int py)
{
	if (b->n == NULL)
		b->n = region_calloc(r->region, (OPINION_MAX_K + 1) * HEX_Q * HEX_ROWS, sizeof *b->n);
	/* Axial coordinates of the point, rounded to the nearest hexagon
	 * (cube rounding). */
	double x = px - PLOT_X, y = py - PLOT_Y;
	double fq = (x * sqrt(3) / 3 - y / 3) / HEX_R, fr = (y * 2 / 3) / HEX_R, fs = -fq - fr;
	double q = round(fq), rr = round(fr), s = round(fs);
	double dq = fabs(q - fq), dr = fabs(rr - fr), ds = fabs(s - fs);
	if (dq > dr && dq > ds)
		q = -rr - s;
	else if (dr > ds)
		rr = -q - s;
	int row = (int)rr, col = (int)q + HEX_ROWS / 2;
	if (row < 0 || row >= HEX_ROWS || col < 0 || col >= HEX_Q)
		return; /* cannot be: the plot is within the grid */
	int layer = g >= 0 ? g : OPINION_MAX_K;
	uint32_t *c = &b->n[((size_t)layer * HEX_Q + (size_t)col) * HEX_ROWS + (size_t)row];
	if (++*c > b->top[layer])
		b->top[layer] = *c;
}

static void hexbin_draw(struct html *h, const struct hexbins *b, int k)
{
	if (b->n == NULL)
		return;
	for (int i = 0; i <= k; i++) {
		int layer = i == 0 ? OPINION_MAX_K : i - 1; /* those in no group underneath */
		double top = log1p((double)b->top[layer]);
		for (int col = 0; col < HEX_Q; col++)
			for (int row = 0; row < HEX_ROWS; row++) {
				uint32_t n = b->n[((size_t)layer * HEX_Q + (size_t)col) * HEX_ROWS + (size_t)row];
				if (n == 0)
					continue;
				int level = (int)ceil(log1p((double)n) / top * DENSITY_LEVELS) - 1;
				level = level < 0 ? 0 : level >= DENSITY_LEVELS ? DENSITY_LEVELS - 1 : level;
				double q = col - HEX_ROWS / 2;
				/* The centre in tenths of a pixel (within the plot: positive). */
				long cx = lround((PLOT_X + HEX_R * sqrt(3) * (q + row / 2.0)) * 10);
				long cy = lround((PLOT_Y + HEX_R * 1.5 * row) * 10);
				if (layer == OPINION_MAX_K)
					HTML(h, "<use href=\"#cell-none\"");
				else
					HTMLF(h, "<use href=\"#cell-%d\"", layer);
				HTMLF(h, " x=\"%ld.%ld\" y=\"%ld.%ld\" opacity=\"%s\"/>", cx / 10, cx % 10, cy / 10, cy % 10,
				      density_opacity[level]);
			}
	}
}

/*
 * The map as SVG. Inline in the page it is labelled by its <title> and
 * described by the group list that follows it; standalone it carries the
 * XML declaration, its namespace, and the group descriptions in <desc>.
 */
static void svg_map(struct html *h, struct req *r, const struct view *v, int standalone)
{
	int density = v->ndots >= DENSITY_FROM;
	int entries = v->k ? v->k + (v->map.loose > 0) + (v->my_dot != NULL) + density : 0;
	int height = LEGEND_Y + (entries + LEGEND_COLS - 1) / LEGEND_COLS * LEGEND_ROW - 8;
	if (standalone)
		HTML(h, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	/* Right to left, the legend and the labels mirror: x becomes
	 * SVG_W - x, and text runs from its anchor leftwards. */
	int rtl = r->lang->rtl;
	HTMLF(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"opinion-map\" viewBox=\"0 0 %d %d\" "
		 "width=\"%d\" height=\"%d\" role=\"img\" lang=\"%s\" direction=\"%s\" aria-labelledby=\"map-title\" ",
	      SVG_W, height, SVG_W, height, r->lang->code, rtl ? "rtl" : "ltr");
	if (standalone)
		HTML(h, "aria-describedby=\"map-desc\">");
	else
		HTML(h, "aria-describedby=\"groups-text\">");
	const char *title_args[] = { v->arena.title };
	HTML(h, "<title id=\"map-title\">");
	html_msgv(h, MSG_OPINION_MAP_TITLE, title_args, 1);
	HTML(h, "</title><desc id=\"map-desc\">");
	if (v->k == 0) {
		html_msg(h, MSG_OPINION_NOT_ENOUGH);
	} else {
		const char *args[] = { web_count(r, MSGN_COUNT_PARTICIPANTS, (long long)v->ndots),
				       web_count(r, MSGN_COUNT_GROUPS, v->k) };
		html_msgv(h, density ? MSG_OPINION_MAP_DESC_DENSITY : MSG_OPINION_MAP_DESC, args, 2);
		for (int g = 0; standalone && g < v->k; g++) {
			HTML(h, " ");
			group_words(h, r, v, g);
		}
		if (v->my_dot) {
			HTML(h, " ");
			html_msg(h, MSG_OPINION_YOU_MARKED);
		}
	}
	HTML(h, "</desc><defs>");
	for (int g = 0; g < OPINION_MAX_K; g++) {
		HTMLF(h, "<g id=\"mark-%d\">", g);
		mark_shape(h, g, mark_colours[g]);
		HTML(h, "</g>");
	}
	HTML(h, "<circle id=\"mark-none\" r=\"3\" fill=\"#ffffff\" stroke=\"#4a5562\" stroke-width=\"1.5\"/>");
	if (density)
		cell_defs(h, v->k);
	HTML(h, "</defs>");
	HTMLF(h, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>"
		 "<rect x=\"0.5\" y=\"0.5\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#c9d0d8\"/>",
	      SVG_W, height, SVG_W - 1, height - 1);
	HTML(h, "<g font-family=\"system-ui, sans-serif\" font-size=\"15\" fill=\"#1b1f24\">");
	if (v->k == 0) {
		HTMLF(h, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">", SVG_W / 2, height / 2);
		html_msg(h, MSG_OPINION_NOT_ENOUGH_SHORT);
		HTML(h, "</text></g></svg>");
		return;
	}
	double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
	for (size_t i = 0; i < v->ndots; i++) {
		x0 = fmin(x0, v->dots[i].x);
		x1 = fmax(x1, v->dots[i].x);
		y0 = fmin(y0, v->dots[i].y);
		y1 = fmax(y1, v->dots[i].y);
	}
	/* Faint axes through the middle of the opinions. */
	HTMLF(h, "<path d=\"M%d %dh%dM%d %dv%d\" stroke=\"#e3e7ec\" fill=\"none\"/>", PLOT_X,
	      PLOT_Y + PLOT_H / 2, PLOT_W, PLOT_X + PLOT_W / 2, PLOT_Y, PLOT_H);
	long sx[OPINION_MAX_K] = { 0 }, sy[OPINION_MAX_K] = { 0 }, placed[OPINION_MAX_K] = { 0 };
	HTML(h, "<g aria-hidden=\"true\">");
	struct hexbins bins = { 0 };
	for (size_t i = 0; i < v->ndots; i++) {
		const struct opinion_map_part *d = &v->dots[i];
		int px = scale(d->x, x0, x1, PLOT_X, PLOT_W), py = scale(-d->y, -y1, -y0, PLOT_Y, PLOT_H);
		if (d->group >= 0) {
			sx[d->group] += px;
			sy[d->group] += py;
			placed[d->group]++;
		}
		if (density)
			hexbin_add(&bins, r, d->group, px, py);
		else if (d->group >= 0)
			HTMLF(h, "<use href=\"#mark-%d\" x=\"%d\" y=\"%d\"/>", d->group, px, py);
		else
			HTMLF(h, "<use href=\"#mark-none\" x=\"%d\" y=\"%d\"/>", px, py);
	}
	if (density)
		hexbin_draw(h, &bins, v->k);
	/* Each group's letter at its middle, on a white halo. */
	for (int g = 0; g < v->k; g++)
		if (placed[g])
			HTMLF(h, "<text x=\"%ld\" y=\"%ld\" text-anchor=\"middle\" font-size=\"22\" "
				 "font-weight=\"700\" stroke=\"#ffffff\" stroke-width=\"5\" paint-order=\"stroke\">%s</text>",
			      sx[g] / placed[g], sy[g] / placed[g] + 8, letter(g));
	if (v->my_dot) {
		int px = scale(v->my_dot->x, x0, x1, PLOT_X, PLOT_W), py = scale(-v->my_dot->y, -y1, -y0, PLOT_Y, PLOT_H);
		HTMLF(h, "<circle cx=\"%d\" cy=\"%d\" r=\"10\" fill=\"none\" stroke=\"#1b1f24\" stroke-width=\"2.5\"/>"
			 "<text x=\"%d\" y=\"%d\" font-weight=\"700\" stroke=\"#ffffff\" stroke-width=\"4\" "
			 "paint-order=\"stroke\">",
		      px, py, px + (rtl ? -13 : 13), py + 5);
		html_msg(h, MSG_OPINION_YOU);
		HTML(h, "</text>");
	}
	HTML(h, "</g>");
	/* The legend: each group's mark, name and size, then the marks of
	 * those in no group and of the reader. */
	for (int e = 0; e < entries; e++) {
		int lx = PLOT_X + e % LEGEND_COLS * (PLOT_W / LEGEND_COLS), ly = LEGEND_Y + e / LEGEND_COLS * LEGEND_ROW;
		int mark = mirror(rtl, lx + 6), label = mirror(rtl, lx + 16);
		if (e < v->k) {
			HTMLF(h, "<use href=\"#mark-%d\" x=\"%d\" y=\"%d\"/><text x=\"%d\" y=\"%d\">%s (%u)</text>", e,
			      mark, ly - 5, label, ly, group_name(r, e), v->map.size[e]);
		} else if (density && e == entries - 1) {
			/* How dark a hexagon is: a light and a dark one. */
			HTMLF(h, "<use href=\"#cell-0\" x=\"%d\" y=\"%d\" opacity=\"%s\"/>"
				 "<use href=\"#cell-0\" x=\"%d\" y=\"%d\"/><text x=\"%d\" y=\"%d\">",
			      mirror(rtl, lx + 4), ly - 5, density_opacity[0], mirror(rtl, lx + 17), ly - 5,
			      mirror(rtl, lx + 28), ly);
			html_msg(h, MSG_OPINION_LEGEND_DENSITY);
			HTML(h, "</text>");
		} else if (e == v->k && v->map.loose) {
			HTMLF(h, "<use href=\"#mark-none\" x=\"%d\" y=\"%d\"/><text x=\"%d\" y=\"%d\">", mark,
			      ly - 5, label, ly);
			html_msg(h, MSG_OPINION_LEGEND_NONE);
			HTMLF(h, " (%zu)</text>", v->map.loose);
		} else {
			HTMLF(h, "<circle cx=\"%d\" cy=\"%d\" r=\"6\" fill=\"none\" stroke=\"#1b1f24\" "
				 "stroke-width=\"2\"/><text x=\"%d\" y=\"%d\">",
			      mark, ly - 5, label, ly);
			html_msg(h, MSG_OPINION_YOU);
			HTML(h, "</text>");
		}
	}
	HTML(h, "</g></svg>");
}

/* Agree, disagree and pass of counts as a bar with the numbers beside
 * it. The bar repeats the numbers, so it is hidden from screen readers. */
static void bar(struct html *h, struct req *r, struct counts c)
{
	int a = pct(c.agree, c.seen), d = pct(c.disagree, c.seen), p = pct(c.seen - c.agree - c.disagree, c.seen);
	/* Each share is rounded on its own; the bar's parts must fit. */
	int pw = c.seen && a + d < 100 ? 100 - a - d : 0;
	HTMLF(h, "<svg class=\"vote-bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\" "
		 "focusable=\"false\"><rect width=\"100\" height=\"10\" fill=\"#f3f5f7\"/>"
		 "<rect width=\"%d\" height=\"10\" fill=\"" FILL_AGREE "\"/>"
		 "<rect x=\"%d\" width=\"%d\" height=\"10\" fill=\"" FILL_DISAGREE "\"/>"
		 "<rect x=\"%d\" width=\"%d\" height=\"10\" fill=\"" FILL_PASS "\"/></svg> ",
	      a, a, d, a + d, pw);
	const char *args[] = { num(r, a), num(r, d), num(r, p), web_count(r, MSGN_COUNT_VOTES, c.seen) };
	html_msgv(h, MSG_OPINION_SHARES, args, 4);
}

/* A statement's text as a quotation, in its own language. */
static void quote(struct html *h, const struct statement *s)
{
	HTML(h, "<p class=\"said\"");
	html_lang_attr(h, s->lang);
	HTMLF(h, ">%s</p>", s->text);
}

static void section_begin(struct html *h, const char *id, enum msg title, enum msg intro)
{
	HTMLF(h, "<section aria-labelledby=\"%s\"><h2 id=\"%s\">", id, id);
	html_msg(h, title);
	HTML(h, "</h2>");
	if (intro != MSG__MAX) {
		HTML(h, "<p>");
		html_msg(h, intro);
		HTML(h, "</p>");
	}
}

/* The map, then the groups in words: the map's text alternative. */
static void map_section(struct html *h, struct req *r, const struct view *v)
{
	section_begin(h, "map", MSG_OPINION_MAP, MSG_OPINION_MAP_INTRO);
	HTML(h, "<figure class=\"map\">");
	svg_map(h, r, v, 0);
	HTML(h, "</figure><h3>");
	html_msg(h, MSG_OPINION_GROUPS_LIST);
	HTML(h, "</h3><ul id=\"groups-text\" class=\"groups-text\">");
	for (int g = 0; g < v->k; g++) {
		HTML(h, "<li>");
		group_words(h, r, v, g);
		HTML(h, "</li>");
	}
	if (v->map.loose) {
		HTML(h, "<li>");
		html_count(h, MSGN_OPINION_NOT_GROUPED, (long long)v->map.loose);
		HTML(h, "</li>");
	}
	HTML(h, "</ul><p>");
	if (v->my_dot && v->my_dot->group >= 0) {
		const char *args[] = { group_name(r, v->my_dot->group) };
		html_msgv(h, MSG_OPINION_YOUR_GROUP, args, 1);
	} else if (v->my_dot) {
		html_msg(h, MSG_OPINION_YOU_NO_GROUP);
	} else {
		html_msg(h, MSG_OPINION_YOU_NOT_ON_MAP);
	}
	HTMLF(h, "</p><p><a href=\"/arenas/%lld/opinion.svg\">", (long long)v->arena.arena_id);
	html_msg(h, MSG_OPINION_SVG_LINK);
	HTMLF(h, "</a> · <a href=\"/api/v1/arenas/%lld/opinion\">", (long long)v->arena.arena_id);
	html_msg(h, MSG_OPINION_JSON_LINK);
	HTML(h, "</a></p></section>\n");
}

/* "None." when a list has no items, else the list's start. */
static void none_or_list(struct html *h, size_t n)
{
	if (n) {
		HTML(h, "<ul class=\"rows\">");
		return;
	}
	HTML(h, "<p>");
	html_msg(h, MSG_DIALOGUE_NONE);
	HTML(h, "</p>");
}

/* What unites us: the consensus statements, for agreeing and disagreeing. */
static void unites_section(struct html *h, struct req *r, const struct view *v)
{
	section_begin(h, "unites", MSG_OPINION_UNITES, MSG_OPINION_UNITES_INTRO);
	static const struct {
		int agree;
		enum msg title;
	} sides[] = { { 1, MSG_OPINION_UNITES_AGREE }, { 0, MSG_OPINION_UNITES_DISAGREE } };
	for (size_t k = 0; k < sizeof sides / sizeof sides[0]; k++) {
		const struct opinion_map_pick *list = v->map.consensus[sides[k].agree];
		size_t nlist = v->map.nconsensus[sides[k].agree];
		HTML(h, "<h3>");
		html_msg(h, sides[k].title);
		HTML(h, "</h3>");
		const struct statement **said = region_calloc(r->region, nlist + 1, sizeof *said);
		size_t i, n = 0;
		for (i = 0; i < nlist; i++)
			if ((said[n] = shown(v, list[i].statement)) != NULL)
				n++;
		none_or_list(h, n);
		for (i = 0; i < n; i++) {
			HTML(h, "<li>");
			quote(h, said[i]);
			HTML(h, "<p class=\"meta\">");
			bar(h, r, counts_of(v, said[i]->id, -1));
			HTML(h, "</p></li>");
		}
		if (n)
			HTML(h, "</ul>");
	}
	HTML(h, "</section>\n");
}

/* The groups' votes on a statement, one bar each. */
static void group_bars(struct html *h, struct req *r, const struct view *v, int64_t id, int everyone)
{
	HTML(h, "<dl class=\"bars\">");
	if (everyone) {
		HTML(h, "<dt>");
		html_msg(h, MSG_OPINION_EVERYONE);
		HTML(h, "</dt><dd>");
		bar(h, r, counts_of(v, id, -1));
		HTML(h, "</dd>");
	}
	for (int g = 0; g < v->k; g++) {
		HTMLF(h, "<dt>%s</dt><dd>", group_name(r, g));
		bar(h, r, counts_of(v, id, g));
		HTML(h, "</dd>");
	}
	HTML(h, "</dl>");
}

/* A statement and a number to rank it by. */
struct ranked {
	int64_t id;
	double by;
};

/* Highest first; ties by id. */
static int ranked_cmp(const void *x, const void *y)
{
	const struct ranked *a = x, *b = y;
	if (a->by != b->by)
		return a->by < b->by ? 1 : -1;
	return (a->id > b->id) - (a->id < b->id);
}

/* Where the groups differ: the statements whose share of agreement is
 * furthest apart between two groups (each share with Pol.is's
 * pseudocounts, (agree + 1) / (votes + 2), so that a group of two voters
 * does not count as 100 %). */
static void differs_section(struct html *h, struct req *r, const struct view *v)
{
	struct ranked *top = region_calloc(r->region, v->ns + 1, sizeof *top);
	size_t n = 0;
	for (size_t i = 0; i < v->ns; i++) {
		if (shown(v, v->stmts[i].id) == NULL)
			continue;
		double lo = 1, hi = 0;
		int groups = 0;
		for (int g = 0; g < v->k; g++) {
			struct counts c = counts_of(v, v->stmts[i].id, g);
			if (c.seen == 0)
				continue;
			double share = (double)(c.agree + 1) / (double)(c.seen + 2);
			lo = fmin(lo, share);
			hi = fmax(hi, share);
			groups++;
		}
		if (groups >= 2 && hi > lo)
			top[n++] = (struct ranked){ v->stmts[i].id, hi - lo };
	}
	qsort(top, n, sizeof *top, ranked_cmp);
	if (n > DIFFER_MAX)
		n = DIFFER_MAX;
	section_begin(h, "differs", MSG_OPINION_DIFFERS, MSG_OPINION_DIFFERS_INTRO);
	none_or_list(h, n);
	for (size_t i = 0; i < n; i++) {
		HTML(h, "<li>");
		quote(h, shown(v, top[i].id));
		group_bars(h, r, v, top[i].id, 0);
		HTML(h, "</li>");
	}
	if (n)
		HTML(h, "</ul>");
	HTML(h, "</section>\n");
}

/* Each group's representative statements: what sets it apart. */
static void groups_section(struct html *h, struct req *r, const struct view *v)
{
	section_begin(h, "groups", MSG_OPINION_GROUPS, MSG_OPINION_GROUPS_INTRO);
	for (int g = 0; g < v->k; g++) {
		HTMLF(h, "<h3 id=\"group-%d\">%s <span class=\"count\">(", g, group_name(r, g));
		html_count(h, MSGN_OPINION_GROUP_SIZE, v->map.size[g]);
		HTML(h, ")</span></h3><ul class=\"rows\">");
		for (size_t i = 0; i < v->map.nrep[g]; i++) {
			const struct opinion_map_pick *rep = &v->map.rep[g][i];
			const struct statement *s = shown(v, rep->statement);
			if (s == NULL)
				continue;
			int agree = rep->agree;
			int64_t yes = rep->n_success, of = rep->n_trials;
			struct counts all = counts_of(v, s->id, -1), mine = counts_of(v, s->id, g);
			int64_t rest_yes = (agree ? all.agree - mine.agree : all.disagree - mine.disagree);
			const char *args[] = { num(r, pct(yes, of)), num(r, of), num(r, pct(rest_yes, all.seen - mine.seen)) };
			HTML(h, "<li>");
			quote(h, s);
			HTML(h, "<p class=\"meta\">");
			html_msgv(h, agree ? MSG_OPINION_REP_AGREE : MSG_OPINION_REP_DISAGREE, args, 3);
			HTML(h, "</p></li>");
		}
		HTML(h, "</ul>");
	}
	HTML(h, "</section>\n");
}

/* Every statement with votes, most voted first, a page at a time: how
 * everyone voted and each group. */
static void statements_section(struct html *h, struct req *r, const struct view *v, int64_t page)
{
	struct ranked *order = region_calloc(r->region, v->ns + 1, sizeof *order);
	size_t n = 0;
	for (size_t i = 0; i < v->ns; i++) {
		struct counts c = counts_of(v, v->stmts[i].id, -1);
		if (shown(v, v->stmts[i].id) && c.seen > 0)
			order[n++] = (struct ranked){ v->stmts[i].id, (double)c.seen };
	}
	qsort(order, n, sizeof *order, ranked_cmp);
	struct paging p = { page, STATEMENTS_PER_PAGE, (int64_t)n };
	section_begin(h, "statements", MSG_OPINION_STATEMENTS, MSG_OPINION_STATEMENTS_INTRO);
	HTML(h, "<ul class=\"rows\">");
	for (int64_t i = paging_offset(&p); i < (int64_t)n && i < paging_offset(&p) + p.per_page; i++) {
		HTML(h, "<li>");
		quote(h, shown(v, order[i].id));
		group_bars(h, r, v, order[i].id, 1);
		HTML(h, "</li>");
	}
	HTML(h, "</ul>");
	widget_paging(h, r, &p);
	HTML(h, "</section>\n");
}

static int name_cmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The votes by local area or by sector: a table of statements by area
 * (sector), each cell the shares of agree and disagree and the votes
 * (cells: breakdown_votes of kind). */
static void breakdown_section(struct html *h, struct req *r, const struct view *v,
			      const struct breakdown_voters *who, enum breakdown_kind kind,
			      const struct breakdown_cell *cells, size_t n)
{
	int area = kind == BREAKDOWN_AREA;
	section_begin(h, area ? "by-area" : "by-sector", area ? MSG_OPINION_BY_AREA : MSG_OPINION_BY_SECTOR,
		      MSG__MAX);
	HTML(h, "<p>");
	html_count(h, area ? MSGN_OPINION_GAVE_AREA : MSGN_OPINION_GAVE_SECTOR,
		   area ? who->with_area : who->with_sector);
	HTML(h, "</p>");
	if ((area ? who->with_area : who->with_sector) == 0 || n == 0) {
		HTML(h, "</section>\n");
		return;
	}
	/* The columns: every area (sector) that has votes, by name. */
	const char **cols = region_calloc(r->region, n, sizeof *cols);
	size_t ncols = 0;
	for (size_t i = 0; i < n; i++) {
		size_t c = 0;
		while (c < ncols && strcmp(cols[c], cells[i].name) != 0)
			c++;
		if (c == ncols)
			cols[ncols++] = cells[i].name;
	}
	qsort(cols, ncols, sizeof *cols, name_cmp);
	const char **labels = region_calloc(r->region, ncols + 1, sizeof *labels);
	for (size_t c = 0; c < ncols; c++)
		labels[c] = area ? cols[c] : msg_get(r->lang, sector_msg((enum sector)sector_parse(cols[c])));
	HTML(h, "<div class=\"table\"><table class=\"reflow\"><caption>");
	html_msg(h, area ? MSG_OPINION_BY_AREA : MSG_OPINION_BY_SECTOR);
	HTML(h, "</caption><thead><tr><th scope=\"col\">");
	html_msg(h, MSG_OPINION_STATEMENT);
	HTML(h, "</th>");
	for (size_t c = 0; c < ncols; c++) {
		HTMLF(h, "<th scope=\"col\">%s</th>", labels[c]);
	}
	HTML(h, "</tr></thead><tbody>");
	for (size_t i = 0; i < n;) {
		const struct statement *s = shown(v, cells[i].statement_id);
		size_t end = i;
		while (end < n && cells[end].statement_id == cells[i].statement_id)
			end++;
		if (s) {
			HTML(h, "<tr><th scope=\"row\"");
			html_lang_attr(h, s->lang);
			HTMLF(h, ">%s</th>", s->text);
			for (size_t c = 0; c < ncols; c++) {
				const struct breakdown_cell *cell = NULL;
				for (size_t k = i; k < end && cell == NULL; k++)
					if (strcmp(cells[k].name, cols[c]) == 0)
						cell = &cells[k];
				HTMLF(h, "<td data-label=\"%s\">", labels[c]);
				if (cell) {
					int64_t all = cell->agree + cell->disagree + cell->pass;
					const char *cargs[] = { num(r, pct(cell->agree, all)), num(r, pct(cell->disagree, all)),
								num(r, all) };
					html_msgv(h, MSG_OPINION_CELL, cargs, 3);
				}
				HTML(h, "</td>");
			}
			HTML(h, "</tr>");
		}
		i = end;
	}
	HTML(h, "</tbody></table></div></section>\n");
}

/* What the page's sections draw from besides the view: the votes by
 * local area and by sector (breakdown_votes of each kind). */
struct breakdowns {
	struct breakdown_voters who;
	struct breakdown_cell *cells[BREAKDOWN__MAX];
	size_t ncells[BREAKDOWN__MAX];
};

/* Reads the breakdowns when there are groups to show, each kind only
 * when someone gave an area (a sector): the section has nothing to
 * break down otherwise; a model code. */
static enum model_rc breakdowns_load(struct req *r, const struct view *v, struct breakdowns *b)
{
	memset(b, 0, sizeof *b);
	enum model_rc rc = v->k ? breakdown_voters(r->db, v->arena.arena_id, &b->who) : MODEL_OK;
	for (int kind = 0; rc == MODEL_OK && v->k && kind < BREAKDOWN__MAX; kind++)
		if (kind == BREAKDOWN_AREA ? b->who.with_area : b->who.with_sector)
			rc = breakdown_votes(r->db, r->region, v->arena.arena_id, (enum breakdown_kind)kind,
					     &b->cells[kind], &b->ncells[kind]);
	return rc;
}

/* view_load and, unless b is NULL, breakdowns_load, in one read
 * snapshot (the routes take their own: ROUTE_OWN_SNAPSHOT); a model code. */
static enum model_rc view_load_all(struct req *r, struct view *v, struct breakdowns *b)
{
	int brc = store_begin_read(r->db);
	if (brc != STORE_OK)
		return model_from_store(r->db, brc, "opinion page");
	enum model_rc rc = view_load(r, v);
	if (rc == MODEL_OK && b)
		rc = breakdowns_load(r, v, b);
	store_rollback(r->db); /* nothing was written: rollback is the cheaper end */
	return rc;
}

/* The page below the navigation: the title, the summary, and when there
 * is a map its sections. */
static void page_body(struct html *h, struct req *r, const struct view *v, const struct breakdowns *b,
		      int64_t page)
{
	HTMLF(h, "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/arenas\">%s</a> › "
		 "<a href=\"/arenas/%lld\">%s</a> › <a href=\"/arenas/%lld/dialogue\">%s</a></nav>\n<h1>",
	      msg_get(r->lang, MSG_NAV_BREADCRUMBS), msg_get(r->lang, MSG_ARENAS_TITLE), (long long)v->arena.arena_id,
	      v->arena.title, (long long)v->arena.arena_id, msg_get(r->lang, MSG_DIALOGUE_TITLE));
	html_msg(h, MSG_OPINION_TITLE);
	HTML(h, "</h1>\n<p class=\"lead\">");
	if (v->k) {
		html_count(h, MSGN_OPINION_VOTED, (long long)v->map.nparts);
		HTML(h, " ");
		html_count(h, MSGN_OPINION_GROUPS_FOUND, v->k);
	} else {
		html_msg(h, MSG_OPINION_NOT_ENOUGH);
	}
	HTML(h, "</p>\n<p class=\"meta\">");
	if (v->map.computed_at) {
		html_msg(h, MSG_OPINION_COMPUTED);
		HTML(h, " ");
		when_datetime(h, v->map.computed_at);
		HTML(h, ". ");
	}
	HTMLF(h, "<a href=\"/arenas/%lld/dialogue\">", (long long)v->arena.arena_id);
	html_msg(h, MSG_OPINION_TAKE_PART);
	HTML(h, "</a></p>\n");
	if (v->k) {
		map_section(h, r, v);
		unites_section(h, r, v);
		differs_section(h, r, v);
		groups_section(h, r, v);
		statements_section(h, r, v, page);
		for (int kind = 0; kind < BREAKDOWN__MAX; kind++)
			breakdown_section(h, r, v, &b->who, (enum breakdown_kind)kind, b->cells[kind], b->ncells[kind]);
	}
}

/* The key of what a reader without a place of their own sees on a page
 * of kind ("page", "svg") for this arena, map version and language. */
static const char *cache_key(struct req *r, const struct view *v, const char *kind, int64_t page)
{
	return region_printf(r->region, "opinion/%s/%lld/%lld/%lld/%s/%lld", kind, (long long)v->arena.arena_id,
			     (long long)v->arena.updated_at, (long long)v->arena.version, r->lang->code, (long long)page);
}

/*
 * GET /arenas/{id}/opinion?page=: 200 (also when there is not enough to
 * show yet); 400 bad page; 404 no such arena; 500 a stored map that is
 * broken; 503.
 *
 * Drawn once per map version (which also grows when a statement is
 * moderated), arena edit, language and page for every reader without a
 * participant who has voted here, and kept (http/cache.h); one who has
 * voted may be on the map, marked as theirs, so theirs is drawn for them
 * (from the map this node keeps parsed: opinion_map_current).
 */
int web_opinion(struct req *r)
{
	int64_t page;
	if (query_int(r, "page", 1, 1, 1000000, &page) != 0)
		return 400;
	struct view v;
	enum model_rc rc = view_head(r, &v);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *key = v.me ? NULL : cache_key(r, &v, "page", page);
	struct html h = web_html(r);
	const char *title = region_printf(r->region, "%s: %s", msg_get(r->lang, MSG_OPINION_TITLE), v.arena.title);
	struct buf body = BUF_INIT(h.out->max);
	if (key == NULL || !cache_get(key, &body)) {
		/* Everything read before anything is drawn, in one snapshot. */
		struct breakdowns b;
		rc = view_load_all(r, &v, &b);
		if (rc != MODEL_OK) {
			view_free(&v);
			buf_free(&body);
			return req_status(r, model_status(rc));
		}
		struct html bh = { &body, r->lang };
		page_body(&bh, r, &v, &b, page);
		/* Kept only if drawn from the version in its key. */
		if (key && v.map.version == v.arena.version && !body.overflow)
			cache_put(key, body.data, body.len);
		view_free(&v);
	}
	const struct layout_page frame = { .title = title, .nav = NAV_ARENAS,
					  .description = msg_get(r->lang, MSG_OPINION_MAP_INTRO) };
	layout_open(&h, r, &frame);
	buf_put(h.out, body.data, body.len);
	layout_end(&h, r);
	buf_free(&body);
	return 200;
}

/* GET /arenas/{id}/opinion.svg: 200 the map alone as SVG (saying so when
 * there is not enough to show yet); 404 no such arena. Kept as the page
 * is (see web_opinion). */
int web_opinion_svg(struct req *r)
{
	struct view v;
	enum model_rc rc = view_head(r, &v);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	const char *key = v.me ? NULL : cache_key(r, &v, "svg", 0);
	struct html h = web_html(r);
	r->content_type = "image/svg+xml; charset=utf-8";
	if (key && cache_get(key, h.out))
		return 200;
	if ((rc = view_load_all(r, &v, NULL)) != MODEL_OK) {
		view_free(&v);
		return req_status(r, model_status(rc));
	}
	size_t from = h.out->len;
	svg_map(&h, r, &v, 1);
	HTML(&h, "\n");
	if (key && v.map.version == v.arena.version && !h.out->overflow)
		cache_put(key, h.out->data + from, h.out->len - from);
	view_free(&v);
	return 200;
}
