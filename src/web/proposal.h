/*
 * proposal.h: what the pages about proposals share (web/proposal.c,
 * revision.c, amendment.c, comment.c, step.c): loading the arena and
 * proposal a page is about, the heading of its pages, who may write in
 * it, the word-by-word difference, and the form in which someone
 * resolves changes that overlapped. For web/ only.
 */
#ifndef SAMSKAB_WEB_PROPOSAL_H
#define SAMSKAB_WEB_PROPOSAL_H

#include "core/textdiff.h"
#include "http/request.h"
#include "model/arena.h"
#include "model/model.h"
#include "model/proposal.h"
#include "model/revision.h"
#include "web/html.h"

/* Comments per page on a proposal's page. */
#define PROPOSAL_COMMENTS_PER_PAGE 50

/* The arena r->params[0] and its proposal r->params[1]; MODEL_NOT_FOUND
 * when the proposal is of another arena. */
enum model_rc web_proposal_load(struct req *r, struct arena *a, struct proposal *p);
/* Breadcrumbs (arenas, the arena, its proposals, and the proposal unless
 * it is the page itself). */
void web_proposal_crumbs(struct html *h, struct req *r, const struct arena *a, const struct proposal *p);
/* The path of a proposal's page, plus suffix ("" for the page itself). */
const char *web_proposal_path(struct req *r, const struct proposal *p, const char *suffix);
/* Whether the reader may write in the text now: signed in, the arena
 * open, the proposal being drafted. */
int web_proposal_writable(struct req *r, const struct arena *a, const struct proposal *p);
/* web_proposal_load for a page that writes in the text: 0 when the
 * reader may write there now, else the status to answer (404, 503; 409
 * with the reason: the arena is closed, or the text frozen). */
int web_proposal_load_writable(struct req *r, struct arena *a, struct proposal *p);

/* The arena page's box about its proposals: how many, the most recently
 * changed, the way to all of them and to start one; read before the page
 * is written. */
struct proposal_box {
	struct proposal *items;
	size_t n;
	int64_t total;
};
MODEL_MUST_USE enum model_rc web_proposal_box_read(struct req *r, const struct arena *a, struct proposal_box *out);
void web_proposal_box(struct html *h, struct req *r, const struct arena *a, const struct proposal_box *b);

/* Sections of the proposal's page written by web/step.c (the way through
 * the council, and the forms to record it) and web/comment.c (comments,
 * paged by ?page=); errs for the comment form. */
enum model_rc web_step_section(struct html *h, struct req *r, const struct arena *a, const struct proposal *p);
enum model_rc web_comment_section(struct html *h, struct req *r, const struct arena *a, const struct proposal *p,
				  const struct field_errors *errs);
/* The proposal's page with status 400 and the comment form's errors. */
int web_proposal_page_with_errors(struct req *r, const struct field_errors *errs);

/* A catalogue text with {1}..{n} replaced, as plain text (for titles,
 * which the layout escapes), in r's region. */
const char *web_proposal_text(struct req *r, enum msg m, const char *const *args, int nargs);

/* Counts one more of what (e.g. "comment") by the signed-in reader: 0
 * while within limit an hour (times the site's rate factor), else the
 * status to answer (429 with Retry-After, or 503). */
int web_proposal_rate(struct req *r, const char *what, int64_t limit);

/* The difference as paragraphs with <del> and <ins> (each announced to
 * screen readers, not only struck through or underlined); unchanged
 * stretches longer than context lines on either side are shortened to a
 * line that says how many lines were left out. */
void web_diff(struct html *h, struct req *r, const struct textdiff *d, size_t context);
/* The text a resolution form sent: its "part" fields joined in order,
 * or its "text" field when there are none. */
const char *web_resolved_text(struct req *r);
/*
 * The page part that shows what overlapped and lets the writer resolve
 * it: every agreed stretch kept as it is, every conflict as the saved
 * version beside the writer's, with a text field holding both to edit
 * (so nothing is lost by saving at once). The form posts to action with
 * base set to the newest revision, the title (a field of its own when
 * both changed it) and the note.
 */
void web_conflict_form(struct html *h, struct req *r, const char *action, const struct revision_result *out,
		       const char *title, const char *note);

#endif
