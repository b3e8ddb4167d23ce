/*
 * revision.c: writing in a proposal and its history: the edit form, the
 * save (merged with what others saved meanwhile, or the page on which
 * the writer resolves what overlapped), every revision listed, the
 * difference between any two word by word, one revision as it was, and
 * restoring it as the newest. Plain forms throughout; assets/app.js only
 * adds buttons that fill a resolution field with one version or both.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/route.h"
#include "core/log.h"
#include "model/text.h"
#include "web/guard.h"
#include "web/layout.h"
#include "web/markdown.h"
#include "web/proposal.h"
#include "http/query.h"
#include "web/web.h"
#include "web/when.h"
#include "web/widget.h"

#define DIFF_CONTEXT 2 /* unchanged lines kept around a change */
#define RESOLVE_MAX_PIECES 80 /* more, and the two whole texts are shown instead */
#define SAVES_PER_HOUR 300     /* by one account */

static const struct field edit_fields[] = {
	{ "title", MSG_PROPOSAL_TITLE_FIELD, FIELD_TEXT, NULL, "off", MSG__MAX, 1, PROPOSAL_TITLE_MAX },
	{ "text", MSG_PROPOSAL_TEXT, FIELD_TEXTAREA, NULL, NULL, MSG_FORM_MARKDOWN_HINT, 0, 0 },
	{ "note", MSG_REVISION_NOTE, FIELD_TEXT, NULL, "off", MSG_REVISION_NOTE_HINT, 0, REVISION_NOTE_MAX },
};
enum { EF_TITLE, EF_TEXT, EF_NOTE, EF__MAX };
_Static_assert(sizeof edit_fields / sizeof edit_fields[0] == EF__MAX, "a row per field");

/* A <textarea> whose content comes back exactly as given: the parser
 * drops one line break right after the start tag, so one is written. */
static void text_area(struct html *h, const char *id, const char *name, int rows, const char *value,
		      const char *described_by)
{
	HTMLF(h, "<textarea id=\"%s\" name=\"%s\" rows=\"%d\"", id, name, rows);
	if (described_by)
		HTMLF(h, " aria-describedby=\"%s\"", described_by);
	HTML(h, ">\n");
	html_text(h, value);
	HTML(h, "</textarea>");
}

/* The edit form; base is the revision the writer starts from. */
static int edit_page(struct req *r, const struct arena *a, const struct proposal *p, int status, int64_t base,
		     const char *title, const char *text, const struct field_errors *errs)
{
	struct html h = web_html(r);
	const char *page_title = region_printf(r->region, "%s: %s", msg_get(r->lang, MSG_PROPOSAL_EDIT), p->title);
	layout_begin(&h, r, page_title, NAV_ARENAS);
	web_proposal_crumbs(&h, r, a, p);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_PROPOSAL_EDIT);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	char n[24];
	snprintf(n, sizeof n, "%lld", (long long)base);
	const char *args[] = { n };
	html_msgv(&h, MSG_REVISION_EDIT_INTRO, args, 1);
	HTML(&h, "</p>\n");
	widget_errors(&h, errs, edit_fields, EF__MAX);
	widget_form_begin(&h, r, web_proposal_path(r, p, "/edit"));
	HTMLF(&h, "<input type=\"hidden\" name=\"base\" value=\"%lld\">", (long long)base);
	struct field f = edit_fields[EF_TITLE];
	f.value = title;
	widget_field(&h, &f, errs);
	enum msg error = errs ? field_error_get(errs, "text") : MSG__MAX;
	HTMLF(&h, "<div class=\"field%s\"><label for=\"text\">", error != MSG__MAX ? " invalid" : "");
	html_msg(&h, MSG_PROPOSAL_TEXT);
	HTML(&h, "</label><p class=\"hint\" id=\"text-hint\">");
	html_msg(&h, MSG_FORM_MARKDOWN_HINT);
	HTML(&h, "</p>");
	if (error != MSG__MAX) {
		HTML(&h, "<p class=\"error\" id=\"text-error\">");
		html_msg(&h, error);
		HTML(&h, "</p>");
	}
	text_area(&h, "text", "text", 18, text, error != MSG__MAX ? "text-hint text-error" : "text-hint");
	HTML(&h, "</div>\n");
	f = edit_fields[EF_NOTE];
	f.value = req_form(r, "note");
	widget_field(&h, &f, errs);
	widget_form_end(&h, MSG_REVISION_SAVE);
	HTMLF(&h, "<p><a href=\"%s\">", web_proposal_path(r, p, ""));
	html_msg(&h, MSG_FORM_CANCEL);
	HTML(&h, "</a></p>\n");
	layout_end(&h, r);
	return status;
}

/* GET /arenas/{id}/proposals/{proposal}/edit: 200 the form on the newest
 * revision; 404; 409 the arena is closed or the text frozen. */
int web_revision_edit(struct req *r)
{
	struct arena a;
	struct proposal p;
	struct revision head;
	int status = web_proposal_load_writable(r, &a, &p);
	if (status)
		return status;
	enum model_rc rc = revision_get(r->db, r->region, p.id, p.head, &head);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	return edit_page(r, &a, &p, 200, p.head, head.title, head.text, NULL);
}

const char *web_resolved_text(struct req *r)
{
	size_t total = 0, parts = 0;
	for (size_t i = 0; i < r->form.n; i++)
		if (strcmp(r->form.items[i].key, "part") == 0) {
			total += strlen(r->form.items[i].value);
			parts++;
		}
	if (parts == 0)
		return req_form(r, "text");
	char *out = region_alloc(r->region, total + 1), *o = out;
	for (size_t i = 0; i < r->form.n; i++)
		if (strcmp(r->form.items[i].key, "part") == 0) {
			size_t n = strlen(r->form.items[i].value);
			memcpy(o, r->form.items[i].value, n);
			o += n;
		}
	*o = '\0';
	return out;
}

/* Both versions of a conflict one after the other, as a field's start. */
static const char *both(struct req *r, const char *ours, const char *theirs)
{
	size_t n = strlen(ours);
	int joined = n == 0 || ours[n - 1] == ' ' || ours[n - 1] == '\n';
	return region_printf(r->region, "%s%s%s", ours, joined ? "" : " ", theirs);
}

static void version_pair(struct html *h, const char *ours, const char *theirs)
{
	HTML(h, "<div class=\"versions\"><div><p class=\"version-label\">");
	html_msg(h, MSG_CONFLICT_OURS);
	HTMLF(h, "</p><div class=\"version\">%s</div></div><div><p class=\"version-label\">", ours);
	html_msg(h, MSG_CONFLICT_THEIRS);
	HTMLF(h, "</p><div class=\"version\">%s</div></div></div>", theirs);
}

/* Buttons that put one version or both into the field (shown by
 * assets/app.js; without script the field is edited by hand). */
static void choose_buttons(struct html *h, const char *field, const char *ours, const char *theirs)
{
	HTMLF(h, "<div class=\"choose\" hidden data-field=\"%s\" data-ours=\"%s\" data-theirs=\"%s\">", field, ours,
	      theirs);
	static const struct {
		const char *which;
		enum msg label;
	} buttons[] = { { "ours", MSG_CONFLICT_USE_OURS }, { "theirs", MSG_CONFLICT_USE_THEIRS },
			{ "both", MSG_CONFLICT_USE_BOTH } };
	for (size_t i = 0; i < sizeof buttons / sizeof buttons[0]; i++) {
		HTMLF(h, "<button type=\"button\" class=\"secondary\" data-use=\"%s\">", buttons[i].which);
		html_msg(h, buttons[i].label);
		HTML(h, "</button> ");
	}
	HTML(h, "</div>");
}

void web_conflict_form(struct html *h, struct req *r, const char *action, const struct revision_result *out,
		       const char *title, const char *note)
{
	const struct textmerge *m = &out->text;
	struct textmerge_piece whole;
	size_t n = m->n;
	const struct textmerge_piece *pieces = m->pieces;
	if (n > RESOLVE_MAX_PIECES) {
		/* Too many places to show one by one: the two whole texts. */
		struct buf ours = BUF_INIT(SIZE_MAX / 2), theirs = BUF_INIT(SIZE_MAX / 2);
		for (size_t i = 0; i < m->n; i++) {
			buf_puts(&ours, m->pieces[i].kind == TEXTMERGE_AGREED ? m->pieces[i].text : m->pieces[i].ours);
			buf_puts(&theirs, m->pieces[i].kind == TEXTMERGE_AGREED ? m->pieces[i].text : m->pieces[i].theirs);
		}
		whole = (struct textmerge_piece){ TEXTMERGE_CONFLICT, NULL, region_strdup(r->region, buf_str(&ours)),
						  region_strdup(r->region, buf_str(&theirs)) };
		buf_free(&ours);
		buf_free(&theirs);
		pieces = &whole;
		n = 1;
	}
	size_t conflicts = 0, k = 0;
	for (size_t i = 0; i < n; i++)
		conflicts += pieces[i].kind == TEXTMERGE_CONFLICT;
	widget_form_begin(h, r, action);
	HTMLF(h, "<input type=\"hidden\" name=\"base\" value=\"%lld\"><input type=\"hidden\" name=\"note\" value=\"%s\">",
	      (long long)out->head, note ? note : "");
	if (out->title) {
		HTMLF(h, "<input type=\"hidden\" name=\"title\" value=\"%s\">", out->title);
	} else {
		HTML(h, "<fieldset class=\"conflict\"><legend>");
		html_msg(h, MSG_PROPOSAL_TITLE_FIELD);
		HTML(h, "</legend>");
		version_pair(h, out->title_ours, out->title_theirs ? out->title_theirs : title);
		HTML(h, "<div class=\"field\"><label for=\"title\">");
		html_msg(h, MSG_CONFLICT_RESULT);
		HTMLF(h, "</label><input id=\"title\" name=\"title\" type=\"text\" maxlength=\"%d\" value=\"%s / %s\">",
		      PROPOSAL_TITLE_MAX, out->title_ours, out->title_theirs);
		choose_buttons(h, "title", out->title_ours, out->title_theirs);
		HTML(h, "</div></fieldset>");
	}
	for (size_t i = 0; i < n; i++) {
		const struct textmerge_piece *p = &pieces[i];
		if (p->kind == TEXTMERGE_AGREED) {
			HTMLF(h, "<input type=\"hidden\" name=\"part\" value=\"%s\"><div class=\"agreed\">%s</div>", p->text,
			      p->text);
			continue;
		}
		k++;
		char id[32], hint[40], kk[24], kn[24];
		snprintf(id, sizeof id, "part-%zu", k);
		snprintf(hint, sizeof hint, "part-%zu-hint", k);
		snprintf(kk, sizeof kk, "%zu", k);
		snprintf(kn, sizeof kn, "%zu", conflicts);
		const char *args[] = { kk, kn };
		HTML(h, "<fieldset class=\"conflict\"><legend>");
		html_msgv(h, MSG_CONFLICT_PLACE, args, 2);
		HTML(h, "</legend>");
		version_pair(h, p->ours, p->theirs);
		HTMLF(h, "<div class=\"field\"><label for=\"%s\">", id);
		html_msg(h, MSG_CONFLICT_RESULT);
		HTMLF(h, "</label><p class=\"hint\" id=\"%s\">", hint);
		html_msg(h, MSG_CONFLICT_RESULT_HINT);
		HTML(h, "</p>");
		text_area(h, id, "part", 6, both(r, p->ours, p->theirs), hint);
		choose_buttons(h, id, p->ours, p->theirs);
		HTML(h, "</div></fieldset>");
	}
	widget_form_end(h, MSG_CONFLICT_SAVE);
}

/* The page for a save that overlapped with others' saves: 409. */
static int conflict_page(struct req *r, const struct arena *a, const struct proposal *p,
			 const struct revision_result *out, const char *title, const char *note)
{
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_CONFLICT_TITLE), NAV_ARENAS);
	web_proposal_crumbs(&h, r, a, p);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_CONFLICT_TITLE);
	HTML(&h, "</h1>\n<div class=\"notice\" role=\"alert\"><p>");
	html_msg(&h, MSG_CONFLICT_INTRO);
	HTML(&h, "</p></div>\n");
	web_conflict_form(&h, r, web_proposal_path(r, p, "/edit"), out, title, note);
	HTMLF(&h, "<p><a href=\"%s\">", web_proposal_path(r, p, "/history"));
	html_msg(&h, MSG_REVISION_HISTORY);
	HTML(&h, "</a></p>\n");
	layout_end(&h, r);
	return 409;
}

struct save {
	struct revision_save in;
	struct revision_result out;
	struct field_errors errs;
};

static enum model_rc save_tx(struct req *r, void *arg)
{
	struct save *s = arg;
	enum model_rc rc = revision_save(r->db, r->region, &s->in, &s->out, &s->errs);
	/* Writing follows the proposal (taking part). */
	return rc == MODEL_OK ? follow_taking_part(r->db, r->user_id, FOLLOW_PROPOSAL, s->in.proposal_id) : rc;
}

/* Answers a save that did not land (the edit, restore and amendment
 * pages share this). */
static int save_failed(struct req *r, const struct arena *a, const struct proposal *p, enum model_rc rc,
		       struct save *s)
{
	if (rc == MODEL_CONFLICT && s->out.frozen)
		return req_fail(r, 409, MSG_PROPOSAL_FROZEN);
	if (rc == MODEL_CONFLICT)
		return conflict_page(r, a, p, &s->out, s->in.title, s->in.note);
	if (rc == MODEL_INVALID && field_error_get(&s->errs, "base") != MSG__MAX)
		return req_fail(r, 400, MSG_REVISION_BAD_BASE);
	if (rc == MODEL_INVALID)
		return edit_page(r, a, p, 400, s->in.base, s->in.title, s->in.text, &s->errs);
	return req_status(r, model_status(rc));
}

static enum done saved_notice(const struct revision_result *out)
{
	return out->unchanged ? DONE_REVISION_UNCHANGED : out->merged ? DONE_REVISION_MERGED : DONE_REVISION_SAVED;
}

/* POST /arenas/{id}/proposals/{proposal}/edit (base, title, text or the
 * resolution's parts, note): 303 to the proposal, saved (merged with
 * others' changes, or unchanged); 400 no title, too long, a revision
 * number that is not the proposal's; 404; 409 the arena is closed, the
 * text frozen, or the changes overlap with others' (a page to resolve
 * them; nothing stored); 429 too many saves from one account. */
int web_revision_save(struct req *r)
{
	struct arena a;
	struct proposal p;
	int status = web_proposal_load_writable(r, &a, &p);
	if (status || (status = web_proposal_rate(r, "revision", SAVES_PER_HOUR)) != 0)
		return status;
	const char *base = req_form(r, "base");
	int64_t b = route_id(base);
	struct save s = { .in = { .proposal_id = p.id,
				  .base = b > 0 ? b : 0,
				  .title = req_form(r, "title") ? req_form(r, "title") : "",
				  .text = web_resolved_text(r) ? web_resolved_text(r) : "",
				  .note = req_form(r, "note") ? req_form(r, "note") : "",
				  .author = r->user_id,
				  .kind = REVISION_EDIT },
			  .errs = { .n = 0 } };
	enum model_rc rc = web_tx(r, save_tx, &s);
	if (rc != MODEL_OK)
		return save_failed(r, &a, &p, rc, &s);
	return web_redirect_done(r, web_proposal_path(r, &p, ""), saved_notice(&s.out));
}

static void revision_meta(struct html *h, struct req *r, const struct revision *v)
{
	when_datetime(h, v->created_at);
	HTMLF(h, " · %s · ", v->author_name ? v->author_name : msg_get(r->lang, MSG_DELETED_USER));
	html_msg(h, revision_kind_msg(v->kind));
	if (v->kind == REVISION_RESTORE && v->restored_from) {
		char n[24];
		snprintf(n, sizeof n, "%lld", (long long)v->restored_from);
		const char *args[] = { n };
		HTML(h, " (");
		html_msgv(h, MSG_REVISION_FROM, args, 1);
		HTML(h, ")");
	}
}

/* GET /arenas/{id}/proposals/{proposal}/history: 200 every revision,
 * newest first, with a form to compare any two; 404; 503. */
int web_revision_history(struct req *r)
{
	struct arena a;
	struct proposal p;
	struct revision *items;
	size_t n = 0;
	enum model_rc rc = web_proposal_load(r, &a, &p);
	if (rc == MODEL_OK)
		rc = revision_list(r->db, r->region, p.id, &items, &n);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	const char *title = region_printf(r->region, "%s: %s", msg_get(r->lang, MSG_REVISION_HISTORY), p.title);
	layout_begin(&h, r, title, NAV_ARENAS);
	web_proposal_crumbs(&h, r, &a, &p);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_REVISION_HISTORY);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_REVISION_HISTORY_INTRO);
	HTMLF(&h, "</p>\n<form method=\"get\" action=\"%s\" class=\"history\"><div class=\"table\"><table><caption>",
	      web_proposal_path(r, &p, "/diff"));
	html_msg(&h, MSG_REVISION_ALL);
	HTMLF(&h, "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	      msg_get(r->lang, MSG_REVISION_COMPARE_FROM), msg_get(r->lang, MSG_REVISION_COMPARE_TO),
	      msg_get(r->lang, MSG_REVISION_NUMBER), msg_get(r->lang, MSG_REVISION_WHO_WHAT),
	      msg_get(r->lang, MSG_REVISION_NOTE), msg_get(r->lang, MSG_REVISION_WORDS));
	for (size_t i = 0; i < n; i++) {
		const struct revision *v = &items[i];
		long long num = (long long)v->number;
		/* Preselected: the newest against the one before it. */
		HTMLF(&h, "<tr><td><input type=\"radio\" name=\"from\" value=\"%lld\" id=\"from-%lld\"%s>"
			  "<label class=\"visually-hidden\" for=\"from-%lld\">%s %lld</label></td>"
			  "<td><input type=\"radio\" name=\"to\" value=\"%lld\" id=\"to-%lld\"%s>"
			  "<label class=\"visually-hidden\" for=\"to-%lld\">%s %lld</label></td>",
		      num, num, i == 1 || (n == 1 && i == 0) ? " checked" : "", num,
		      msg_get(r->lang, MSG_REVISION_COMPARE_FROM), num, num, num, i == 0 ? " checked" : "", num,
		      msg_get(r->lang, MSG_REVISION_COMPARE_TO), num);
		HTMLF(&h, "<th scope=\"row\"><a href=\"%s\">%lld</a></th><td>",
		      web_proposal_path(r, &p, region_printf(r->region, "/revisions/%lld", num)), num);
		revision_meta(&h, r, v);
		HTMLF(&h, "</td><td>%s</td><td>", v->note);
		char plus[24], minus[24];
		snprintf(plus, sizeof plus, "%lld", (long long)v->words_added);
		snprintf(minus, sizeof minus, "%lld", (long long)v->words_removed);
		const char *args[] = { plus, minus };
		html_msgv(&h, MSG_REVISION_WORD_COUNTS, args, 2);
		if (v->number > 1)
			HTMLF(&h, " <a href=\"%s\">%s</a>",
			      web_proposal_path(r, &p, region_printf(r->region, "/diff?from=%lld&to=%lld", num - 1, num)),
			      msg_get(r->lang, MSG_REVISION_CHANGES));
		HTML(&h, "</td></tr>");
	}
	HTML(&h, "</tbody></table></div><div class=\"actions\"><button type=\"submit\">");
	html_msg(&h, MSG_REVISION_SHOW_DIFF);
	HTML(&h, "</button></div></form>\n");
	layout_end(&h, r);
	return 200;
}

/* One line of a diff, written up to (not including) its end. */
static void plain_lines(struct html *h, const char *p, size_t n)
{
	while (n > 0) {
		const char *nl = memchr(p, '\n', n);
		size_t len = nl ? (size_t)(nl - p) : n;
		if (len > 0) {
			HTML(h, "<p>");
			html_textn(h, p, len);
			HTML(h, "</p>");
		}
		if (!nl)
			break;
		n -= len + 1;
		p = nl + 1;
	}
}

static void omitted(struct html *h, size_t lines)
{
	HTML(h, "<p class=\"omitted\">");
	html_count(h, MSGN_DIFF_OMITTED, (long long)lines);
	HTML(h, "</p>");
}

/* The byte offset in p[0 .. n) where line k (0-based) starts, or n. */
static size_t line_offset(const char *p, size_t n, size_t k)
{
	size_t off = 0;
	while (k > 0 && off < n) {
		const char *nl = memchr(p + off, '\n', n - off);
		if (!nl)
			return n;
		off = (size_t)(nl - p) + 1;
		k--;
	}
	return off;
}

static void same_block(struct html *h, const struct textdiff_block *b, int first, int last, size_t context)
{
	size_t keep_head = first ? 0 : context, keep_tail = last ? 0 : context;
	if (b->lines <= keep_head + keep_tail + 1) {
		plain_lines(h, b->p, b->n);
		return;
	}
	size_t head_end = line_offset(b->p, b->n, keep_head);
	size_t tail_start = line_offset(b->p, b->n, b->lines - keep_tail);
	plain_lines(h, b->p, head_end);
	omitted(h, b->lines - keep_head - keep_tail);
	plain_lines(h, b->p + tail_start, b->n - tail_start);
}

/* Writes text of one op, closing and opening paragraphs at line breaks. */
static void span_text(struct html *h, struct req *r, enum textdiff_op op, const char *p, size_t n, int *open)
{
	static const char *const tags[] = { [TEXTDIFF_SAME] = "", [TEXTDIFF_DEL] = "del", [TEXTDIFF_INS] = "ins" };
	while (n > 0) {
		const char *nl = memchr(p, '\n', n);
		size_t len = nl ? (size_t)(nl - p) : n;
		if (len > 0) {
			if (!*open) {
				HTML(h, "<p>");
				*open = 1;
			}
			if (op == TEXTDIFF_SAME) {
				html_textn(h, p, len);
			} else {
				HTMLF(h, "<%s><span class=\"visually-hidden\">%s </span>", tags[op],
				      msg_get(r->lang, op == TEXTDIFF_DEL ? MSG_DIFF_DELETED : MSG_DIFF_INSERTED));
				html_textn(h, p, len);
				HTMLF(h, "<span class=\"visually-hidden\"> %s</span></%s>", msg_get(r->lang, MSG_DIFF_END),
				      tags[op]);
			}
		} else if (nl && op != TEXTDIFF_SAME && !*open) {
			/* A paragraph break added or taken away. */
			HTMLF(h, "<p class=\"break-%s\">", tags[op]);
			HTMLF(h, "<%s>", tags[op]);
			html_msg(h, op == TEXTDIFF_DEL ? MSG_DIFF_BREAK_DELETED : MSG_DIFF_BREAK_INSERTED);
			HTMLF(h, "</%s></p>", tags[op]);
		}
		if (!nl)
			break;
		if (*open) {
			HTML(h, "</p>");
			*open = 0;
		}
		n -= len + 1;
		p = nl + 1;
	}
}

void web_diff(struct html *h, struct req *r, const struct textdiff *d, size_t context)
{
	HTML(h, "<div class=\"diff\">");
	for (size_t i = 0; i < d->n; i++) {
		const struct textdiff_block *b = &d->blocks[i];
		if (!b->changed) {
			same_block(h, b, i == 0, i + 1 == d->n, context);
			continue;
		}
		HTML(h, "<div class=\"change\">");
		int open = 0;
		for (size_t s = 0; s < b->nspans; s++)
			span_text(h, r, b->spans[s].op, b->spans[s].p, b->spans[s].n, &open);
		if (open)
			HTML(h, "</p>");
		HTML(h, "</div>");
	}
	HTML(h, "</div>\n");
}

/* A revision number from the query, which the proposal must have; -1
 * with r->error set (400 not a number, 404 no such revision). */
static int revision_param(struct req *r, const char *key, const struct proposal *p, int64_t def, int64_t *out,
			  int *status)
{
	if (query_int(r, key, def, 1, INT64_MAX, out) != 0) {
		*status = 400;
		return -1;
	}
	if (*out > p->head) {
		r->error = MSG_REVISION_NOT_FOUND;
		r->error_detail = key;
		*status = 404;
		return -1;
	}
	return 0;
}

static void version_select(struct html *h, const char *name, enum msg label, int64_t head, int64_t selected)
{
	HTMLF(h, "<div class=\"field\"><label for=\"%s\">", name);
	html_msg(h, label);
	HTMLF(h, "</label><select id=\"%s\" name=\"%s\">", name, name);
	for (int64_t v = head; v >= 1; v--)
		HTMLF(h, "<option value=\"%lld\"%s>%lld</option>", (long long)v, v == selected ? " selected" : "",
		      (long long)v);
	HTML(h, "</select></div>");
}

/* GET /arenas/{id}/proposals/{proposal}/diff?from=R&to=R: 200 the
 * difference word by word (default: the one before the newest against
 * the newest); 400 a number that is not one; 404 a revision the proposal
 * does not have; 500 libgit2 failed; 503. */
int web_revision_diff(struct req *r)
{
	struct arena a;
	struct proposal p;
	enum model_rc rc = web_proposal_load(r, &a, &p);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	int64_t from, to;
	int status = 0;
	if (revision_param(r, "from", &p, p.head > 1 ? p.head - 1 : 1, &from, &status) != 0 ||
	    revision_param(r, "to", &p, p.head, &to, &status) != 0)
		return status;
	struct revision old, new;
	rc = revision_get(r->db, r->region, p.id, from, &old);
	if (rc == MODEL_OK)
		rc = revision_get(r->db, r->region, p.id, to, &new);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct textdiff d;
	if (textdiff_run(r->region, old.text, strlen(old.text), new.text, strlen(new.text), &d) != 0) {
		log_error("diff failed", "libgit2");
		return req_fail(r, 500, MSG_ERROR_INTERNAL);
	}
	struct html h = web_html(r);
	char sf[24], st[24];
	snprintf(sf, sizeof sf, "%lld", (long long)from);
	snprintf(st, sizeof st, "%lld", (long long)to);
	const char *args[] = { sf, st };
	const char *title = web_proposal_text(r, MSG_DIFF_TITLE, args, 2);
	layout_begin(&h, r, region_printf(r->region, "%s: %s", title, p.title), NAV_ARENAS);
	web_proposal_crumbs(&h, r, &a, &p);
	HTMLF(&h, "<h1>%s</h1>\n<form class=\"filters\" method=\"get\" action=\"%s\">", title,
	      web_proposal_path(r, &p, "/diff"));
	version_select(&h, "from", MSG_REVISION_COMPARE_FROM, p.head, from);
	version_select(&h, "to", MSG_REVISION_COMPARE_TO, p.head, to);
	HTML(&h, "<button type=\"submit\">");
	html_msg(&h, MSG_REVISION_SHOW_DIFF);
	HTML(&h, "</button></form>\n<p class=\"legend\">");
	html_msg(&h, MSG_DIFF_LEGEND);
	HTML(&h, "</p>\n<p class=\"meta\">");
	char plus[24], minus[24];
	snprintf(plus, sizeof plus, "%zu", d.words_inserted);
	snprintf(minus, sizeof minus, "%zu", d.words_deleted);
	const char *counts[] = { plus, minus };
	html_msgv(&h, MSG_REVISION_WORD_COUNTS, counts, 2);
	HTML(&h, "</p>\n");
	if (strcmp(old.title, new.title) != 0)
		HTMLF(&h, "<p><strong>%s</strong> <del>%s</del> → <ins>%s</ins></p>\n",
		      msg_get(r->lang, MSG_PROPOSAL_TITLE_FIELD), old.title, new.title);
	if (from == to || (d.words_inserted == 0 && d.words_deleted == 0 && strcmp(old.text, new.text) == 0)) {
		HTML(&h, "<p>");
		html_msg(&h, MSG_DIFF_SAME);
		HTML(&h, "</p>\n");
	} else {
		web_diff(&h, r, &d, DIFF_CONTEXT);
	}
	HTMLF(&h, "<p><a href=\"%s\">", web_proposal_path(r, &p, "/history"));
	html_msg(&h, MSG_REVISION_HISTORY);
	HTML(&h, "</a></p>\n");
	layout_end(&h, r);
	return 200;
}

/* GET /arenas/{id}/proposals/{proposal}/revisions/{revision}: 200 the
 * revision as it was, with a form to restore it; 404; 503. */
int web_revision_show(struct req *r)
{
	struct arena a;
	struct proposal p;
	struct revision v;
	enum model_rc rc = web_proposal_load(r, &a, &p);
	if (rc == MODEL_OK)
		rc = revision_get(r->db, r->region, p.id, r->params[2], &v);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	char num[24];
	snprintf(num, sizeof num, "%lld", (long long)v.number);
	const char *args[] = { num };
	const char *heading = web_proposal_text(r, MSG_REVISION_TITLE, args, 1);
	layout_begin(&h, r, region_printf(r->region, "%s: %s", heading, v.title), NAV_ARENAS);
	web_proposal_crumbs(&h, r, &a, &p);
	HTMLF(&h, "<p class=\"meta\">%s</p>\n<article", heading);
	html_lang_attr(&h, p.lang);
	HTMLF(&h, "><h1>%s</h1>\n<p class=\"meta\">", v.title);
	revision_meta(&h, r, &v);
	HTML(&h, "</p>\n");
	if (v.number == p.frozen) {
		HTML(&h, "<p class=\"notice\">");
		html_msg(&h, MSG_REVISION_IS_FROZEN);
		HTML(&h, "</p>\n");
	}
	if (*v.note)
		HTMLF(&h, "<p><strong>%s:</strong> %s</p>\n", msg_get(r->lang, MSG_REVISION_NOTE), v.note);
	HTML(&h, "<div class=\"proposal-text\">");
	if (text_blank(v.text)) {
		HTML(&h, "<p class=\"blank\">");
		html_msg(&h, MSG_PROPOSAL_BLANK);
		HTML(&h, "</p>");
	} else {
		markdown_render(&h, v.text);
	}
	HTML(&h, "</div></article>\n<ul class=\"links\">");
	if (v.number > 1)
		HTMLF(&h, "<li><a href=\"%s\">%s</a></li>",
		      web_proposal_path(r, &p, region_printf(r->region, "/diff?from=%lld&to=%lld", (long long)v.number - 1,
							     (long long)v.number)),
		      msg_get(r->lang, MSG_REVISION_CHANGES));
	if (v.number < p.head)
		HTMLF(&h, "<li><a href=\"%s\">%s</a></li>",
		      web_proposal_path(r, &p, region_printf(r->region, "/diff?from=%lld&to=%lld", (long long)v.number,
							     (long long)p.head)),
		      msg_get(r->lang, MSG_REVISION_TO_NEWEST));
	HTMLF(&h, "<li><a href=\"%s\">%s</a></li></ul>\n", web_proposal_path(r, &p, "/history"),
	      msg_get(r->lang, MSG_REVISION_HISTORY));
	if (v.number < p.head && web_proposal_writable(r, &a, &p)) {
		HTML(&h, "<section aria-labelledby=\"restore\"><h2 id=\"restore\">");
		html_msg(&h, MSG_REVISION_RESTORE_TITLE);
		HTML(&h, "</h2><p>");
		html_msg(&h, MSG_REVISION_RESTORE_INTRO);
		HTML(&h, "</p>");
		widget_form_begin(&h, r, web_proposal_path(r, &p, "/restore"));
		HTMLF(&h, "<input type=\"hidden\" name=\"revision\" value=\"%lld\"><input type=\"hidden\" name=\"base\" "
			  "value=\"%lld\">",
		      (long long)v.number, (long long)p.head);
		struct field f = edit_fields[EF_NOTE];
		widget_field(&h, &f, NULL);
		widget_form_end(&h, MSG_REVISION_RESTORE_SUBMIT);
		HTML(&h, "</section>\n");
	}
	layout_end(&h, r);
	return 200;
}

/* POST /arenas/{id}/proposals/{proposal}/restore (revision, base, note):
 * 303 to the proposal with the old text as the newest revision; 400 a
 * number that is not one; 404 no such revision; 409 the arena is closed,
 * the text frozen, or others saved meanwhile where it overlaps (the page
 * to resolve it). */
int web_revision_restore(struct req *r)
{
	struct arena a;
	struct proposal p;
	struct revision v;
	int status = web_proposal_load_writable(r, &a, &p);
	if (status || (status = web_proposal_rate(r, "revision", SAVES_PER_HOUR)) != 0)
		return status;
	enum model_rc rc;
	const char *num = req_form(r, "revision"), *base = req_form(r, "base");
	char *end1 = NULL, *end2 = NULL;
	long long n = num ? strtoll(num, &end1, 10) : 0, b = base ? strtoll(base, &end2, 10) : 0;
	if (!num || !*num || *end1 || n <= 0)
		return req_fail(r, 400, MSG_ERROR_BAD_NUMBER);
	if ((rc = revision_get(r->db, r->region, p.id, n, &v)) != MODEL_OK)
		return rc == MODEL_NOT_FOUND ? req_fail(r, 404, MSG_REVISION_NOT_FOUND) : req_status(r, model_status(rc));
	struct save s = { .in = { .proposal_id = p.id,
				  .base = base && *base && !*end2 ? b : p.head,
				  .title = v.title,
				  .text = v.text,
				  .note = req_form(r, "note") ? req_form(r, "note") : "",
				  .author = r->user_id,
				  .kind = REVISION_RESTORE,
				  .restored_from = v.number },
			  .errs = { .n = 0 } };
	rc = web_tx(r, save_tx, &s);
	if (rc != MODEL_OK)
		return save_failed(r, &a, &p, rc, &s);
	return web_redirect_done(r, web_proposal_path(r, &p, ""),
				 s.out.unchanged ? DONE_REVISION_UNCHANGED : DONE_REVISION_RESTORED);
}
