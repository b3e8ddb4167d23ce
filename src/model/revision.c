/*
 * revision.c: saves, merges and the history of a proposal (see
 * revision.h). A save takes the proposal's row first (proposal_lock), so
 * that the newest revision it reads is still the newest when it writes
 * the next; the merge runs on the texts as stored.
 */
#include "model/revision.h"

#include <string.h>

#include "core/log.h"
#include "core/textdiff.h"
#include "model/proposal.h"
#include "model/text.h"

static const struct {
	const char *code;
	enum msg name;
} kinds[] = {
	[REVISION_START] = { "start", MSG_REVISION_START },
	[REVISION_EDIT] = { "edit", MSG_REVISION_EDIT },
	[REVISION_MERGED] = { "merged", MSG_REVISION_MERGED },
	[REVISION_RESTORE] = { "restore", MSG_REVISION_RESTORE },
	[REVISION_AMENDMENT] = { "amendment", MSG_REVISION_AMENDMENT },
};
_Static_assert(sizeof kinds / sizeof kinds[0] == REVISION_KIND__MAX, "a row per kind");

#define REVISION_COLUMNS(text)                                                                     \
	"SELECT r.id, r.proposal_id, r.number, r.kind, r.title, " text ", r.note, r.author_id, "   \
	"a.name, r.based_on, r.restored_from, r.amendment_id, r.words_added, r.words_removed, "    \
	"r.created_at FROM proposal_revision r LEFT JOIN account a ON a.id = r.author_id "
static struct store_sql list_sql =
	STORE_SQL(REVISION_COLUMNS("NULL") "WHERE r.proposal_id = ? ORDER BY r.number DESC");
static struct store_sql get_sql =
	STORE_SQL(REVISION_COLUMNS("r.text") "WHERE r.proposal_id = ? AND r.number = ?");
static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO proposal_revision (proposal_id, number, kind, title, text, note, author_id, based_on, "
	"restored_from, amendment_id, words_added, words_removed, created_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

const char *revision_kind_code(enum revision_kind k)
{
	return kinds[(unsigned)k < REVISION_KIND__MAX ? k : REVISION_EDIT].code;
}

enum msg revision_kind_msg(enum revision_kind k)
{
	return kinds[(unsigned)k < REVISION_KIND__MAX ? k : REVISION_EDIT].name;
}

static enum revision_kind kind_parse(const char *code)
{
	for (int i = 0; code && i < REVISION_KIND__MAX; i++)
		if (strcmp(code, kinds[i].code) == 0)
			return (enum revision_kind)i;
	return REVISION_EDIT;
}

const char *revision_trim(struct region *a, const char *s)
{
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t'))
		n--;
	return region_strndup(a, s, n);
}

const char *revision_title(struct region *a, const char *s)
{
	return revision_trim(a, s + strspn(s, " \t\n"));
}

static int64_t col_id(struct store_stmt *st, int i)
{
	return store_col_null(st, i) ? 0 : store_col_int(st, i);
}

static void revision_read(struct store_stmt *st, struct region *a, void *item)
{
	struct revision *r = item;
	r->id = store_col_int(st, 0);
	r->proposal_id = store_col_int(st, 1);
	r->number = store_col_int(st, 2);
	r->kind = kind_parse(store_col_text(st, 3));
	r->title = model_text(st, a, 4);
	r->text = model_text(st, a, 5);
	r->note = model_text(st, a, 6);
	r->author_id = col_id(st, 7);
	r->author_name = model_text(st, a, 8);
	r->based_on = col_id(st, 9);
	r->restored_from = col_id(st, 10);
	r->amendment_id = col_id(st, 11);
	r->words_added = store_col_int(st, 12);
	r->words_removed = store_col_int(st, 13);
	r->created_at = store_col_int(st, 14);
}

enum model_rc revision_list(struct store *db, struct region *a, int64_t proposal_id,
			    struct revision **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &list_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, proposal_id);
	return model_collect(db, st, a, sizeof **items, revision_read, (void **)items, n, "revision_list");
}

enum model_rc revision_get(struct store *db, struct region *a, int64_t proposal_id, int64_t number,
			   struct revision *out)
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, proposal_id);
	store_bind_int(st, 2, number);
	return model_one(db, st, a, out, revision_read, "revision_get");
}

static void bind_optional(struct store_stmt *st, int i, int64_t v)
{
	if (v > 0)
		store_bind_int(st, i, v);
	else
		store_bind_null(st, i);
}

/* Inserts revision r (its number, kind, title, text, note, author and
 * references; words counted by the caller). */
static enum model_rc insert(struct store *db, const struct revision *r)
{
	struct store_stmt *st = store_prepare(db, &insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, r->proposal_id);
	store_bind_int(st, 2, r->number);
	store_bind_text(st, 3, revision_kind_code(r->kind));
	store_bind_text(st, 4, r->title);
	store_bind_text(st, 5, r->text);
	store_bind_text(st, 6, r->note ? r->note : "");
	bind_optional(st, 7, r->author_id);
	bind_optional(st, 8, r->based_on);
	bind_optional(st, 9, r->restored_from);
	bind_optional(st, 10, r->amendment_id);
	store_bind_int(st, 11, r->words_added);
	store_bind_int(st, 12, r->words_removed);
	store_bind_int(st, 13, model_now());
	return model_exec(db, st, NULL, "revision_insert");
}

enum model_rc revision_start(struct store *db, int64_t proposal_id, const char *title, const char *text,
			     int64_t author)
{
	struct revision r = { .proposal_id = proposal_id, .number = 1, .kind = REVISION_START, .title = title,
			      .text = text, .author_id = author,
			      .words_added = (int64_t)textdiff_words(text, strlen(text)) };
	return insert(db, &r);
}

/* Words added and removed from old to new, for the history. A diff that
 * fails only leaves the counts at 0 (they are a summary, not the record). */
static void count_words(const char *old, const char *new, int64_t *added, int64_t *removed)
{
	struct region *tmp = region_new();
	struct textdiff d;
	if (textdiff_run(tmp, old, strlen(old), new, strlen(new), &d) == 0) {
		*added = (int64_t)d.words_inserted;
		*removed = (int64_t)d.words_deleted;
	} else {
		struct logline l;
		log_begin(&l, LOG_WARN, "word count of a revision failed");
		log_str(&l, "error", "libgit2 diff");
		log_end(&l);
	}
	region_free(tmp);
}

/* Merges one line of title: the side that changed it wins; both changed
 * it differently: NULL (a conflict). */
static const char *merge_title(const char *base, const char *ours, const char *theirs)
{
	if (strcmp(ours, theirs) == 0 || strcmp(base, theirs) == 0)
		return ours;
	if (strcmp(base, ours) == 0)
		return theirs;
	return NULL;
}

enum model_rc revision_save(struct store *db, struct region *a, const struct revision_save *in,
			    struct revision_result *out, struct field_errors *errs)
{
	memset(out, 0, sizeof *out);
	text_check(errs, "title", in->title, 1, PROPOSAL_TITLE_MAX);
	text_check(errs, "text", in->text, 0, PROPOSAL_TEXT_MAX);
	text_check(errs, "note", in->note, 0, REVISION_NOTE_MAX);
	if (in->base < 1)
		field_error_add(errs, "base", MSG_REVISION_BAD_BASE);
	if (errs->n)
		return MODEL_INVALID;
	struct proposal_locked p;
	enum model_rc rc = proposal_lock(db, a, in->proposal_id, &p);
	if (rc != MODEL_OK)
		return rc;
	if (p.status != PROPOSAL_DRAFTING) {
		out->frozen = 1;
		return MODEL_CONFLICT;
	}
	if (in->base > p.head) {
		field_error_add(errs, "base", MSG_REVISION_BAD_BASE);
		return MODEL_INVALID;
	}
	struct revision head;
	if ((rc = revision_get(db, a, in->proposal_id, p.head, &head)) != MODEL_OK)
		return rc == MODEL_NOT_FOUND ? MODEL_ERROR : rc;
	const char *title = revision_title(a, in->title), *text = revision_trim(a, in->text ? in->text : "");
	enum revision_kind kind = in->kind;
	if (in->base < p.head) {
		struct revision base;
		if ((rc = revision_get(db, a, in->proposal_id, in->base, &base)) != MODEL_OK)
			return rc == MODEL_NOT_FOUND ? MODEL_ERROR : rc;
		const char *merged_title = merge_title(base.title, head.title, title);
		if (textmerge_run(a, base.text, head.text, text, &out->text) != 0) {
			struct logline l;
			log_begin(&l, LOG_WARN, "merge failed; both versions shown");
			log_int(&l, "proposal", in->proposal_id);
			log_end(&l);
		}
		if (out->text.conflicts || merged_title == NULL) {
			out->head = p.head;
			out->title = merged_title;
			if (merged_title == NULL) {
				out->title_ours = head.title;
				out->title_theirs = title;
			}
			if (out->text.conflicts == 0) {
				/* Only the titles clash: the text is one agreed piece. */
				out->text.pieces = region_calloc(a, 1, sizeof *out->text.pieces);
				out->text.pieces[0] = (struct textmerge_piece){ TEXTMERGE_AGREED, out->text.text, NULL, NULL };
				out->text.n = 1;
			}
			return MODEL_CONFLICT;
		}
		title = merged_title;
		text = revision_trim(a, out->text.text);
		out->merged = 1;
		if (kind == REVISION_EDIT)
			kind = REVISION_MERGED;
	}
	if (strcmp(title, head.title) == 0 && strcmp(text, head.text) == 0) {
		out->number = p.head;
		out->unchanged = 1;
		return MODEL_OK;
	}
	struct revision r = { .proposal_id = in->proposal_id, .number = p.head + 1, .kind = kind, .title = title,
			      .text = text, .note = in->note, .author_id = in->author, .based_on = in->base,
			      .restored_from = in->restored_from, .amendment_id = in->amendment_id };
	count_words(head.text, text, &r.words_added, &r.words_removed);
	if ((rc = insert(db, &r)) != MODEL_OK)
		return rc;
	if ((rc = proposal_set_head(db, in->proposal_id, r.number, title)) != MODEL_OK)
		return rc;
	out->number = r.number;
	return MODEL_OK;
}
