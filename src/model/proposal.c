/*
 * proposal.c: proposals and the questions they answer (see proposal.h).
 */
#include "model/proposal.h"

#include <string.h>

#include "model/revision.h"
#include "model/text.h"

static const struct {
	const char *code;
	enum msg name;
} statuses[] = {
	[PROPOSAL_DRAFTING] = { "drafting", MSG_PROPOSAL_STATUS_DRAFTING },
	[PROPOSAL_SUBMITTED] = { "submitted", MSG_PROPOSAL_STATUS_SUBMITTED },
	[PROPOSAL_CONSIDERING] = { "considering", MSG_PROPOSAL_STATUS_CONSIDERING },
	[PROPOSAL_DECIDED] = { "decided", MSG_PROPOSAL_STATUS_DECIDED },
	[PROPOSAL_IMPLEMENTING] = { "implementing", MSG_PROPOSAL_STATUS_IMPLEMENTING },
	[PROPOSAL_DONE] = { "done", MSG_PROPOSAL_STATUS_DONE },
};
_Static_assert(sizeof statuses / sizeof statuses[0] == PROPOSAL_STATUS__MAX, "a row per status");

static const struct {
	const char *code;
	enum msg name;
} outcomes[] = {
	[OUTCOME_NONE] = { NULL, MSG_OUTCOME_NONE },
	[OUTCOME_ADOPTED] = { "adopted", MSG_OUTCOME_ADOPTED },
	[OUTCOME_AMENDED] = { "amended", MSG_OUTCOME_AMENDED },
	[OUTCOME_REJECTED] = { "rejected", MSG_OUTCOME_REJECTED },
};
_Static_assert(sizeof outcomes / sizeof outcomes[0] == OUTCOME__MAX, "a row per outcome");

static const char *const sort_codes[] = {
	[PROPOSAL_SORT_ACTIVE] = "active", [PROPOSAL_SORT_SUPPORT] = "support", [PROPOSAL_SORT_NEW] = "new",
};
_Static_assert(sizeof sort_codes / sizeof sort_codes[0] == PROPOSAL_SORT__MAX, "a code per sort");

#define PROPOSAL_COLUMNS                                                                           \
	"SELECT p.id, p.arena_id, p.question_id, q.text, p.title, p.lang, p.head, p.status, "      \
	"p.outcome, p.frozen, p.created_by, p.created_at, p.updated_at, "                         \
	"(SELECT COUNT(*) FROM proposal_support s WHERE s.proposal_id = p.id), "                   \
	"(SELECT COUNT(*) FROM proposal_comment c WHERE c.proposal_id = p.id AND "                 \
	"c.status = 'visible'), ar.title FROM proposal p JOIN arena ar ON ar.id = p.arena_id "      \
	"LEFT JOIN proposal_question q ON q.id = p.question_id "
/* One arena's (the index on arena_id serves), or every arena's. */
#define PROPOSAL_FILTER_OF(arena)                                                                  \
	"WHERE " arena "(CAST(? AS BIGINT) = 0 OR p.question_id = ?) AND "                        \
	"(CAST(? AS TEXT) IS NULL OR p.status = ?) "
#define PROPOSAL_FILTER PROPOSAL_FILTER_OF("p.arena_id = ? AND ")
#define PROPOSAL_FILTER_ALL PROPOSAL_FILTER_OF("")
#define PROPOSAL_SORTS(filter)                                                                     \
	{                                                                                          \
		[PROPOSAL_SORT_ACTIVE] = STORE_SQL(PROPOSAL_COLUMNS filter                         \
						   "ORDER BY p.updated_at DESC, p.id DESC LIMIT ? OFFSET ?"), \
		[PROPOSAL_SORT_SUPPORT] = STORE_SQL(PROPOSAL_COLUMNS filter                        \
						    "ORDER BY 14 DESC, p.updated_at DESC, p.id DESC LIMIT ? OFFSET ?"), \
		[PROPOSAL_SORT_NEW] = STORE_SQL(PROPOSAL_COLUMNS filter                            \
						"ORDER BY p.created_at DESC, p.id DESC LIMIT ? OFFSET ?"), \
	}
static struct store_sql count_sql = STORE_SQL("SELECT COUNT(*) FROM proposal p " PROPOSAL_FILTER);
static struct store_sql count_all_sql = STORE_SQL("SELECT COUNT(*) FROM proposal p " PROPOSAL_FILTER_ALL);
static struct store_sql list_sql[PROPOSAL_SORT__MAX] = PROPOSAL_SORTS(PROPOSAL_FILTER);
static struct store_sql list_all_sql[PROPOSAL_SORT__MAX] = PROPOSAL_SORTS(PROPOSAL_FILTER_ALL);
static struct store_sql get_sql = STORE_SQL(PROPOSAL_COLUMNS "WHERE p.id = ?");
static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO proposal (arena_id, question_id, title, lang, head, created_by, created_at, updated_at) "
	"VALUES (?, ?, ?, ?, 1, ?, ?, ?) RETURNING id");
static struct store_sql lock_sql = STORE_SQL(
	"UPDATE proposal SET updated_at = updated_at WHERE id = ? RETURNING arena_id, head, status, title, outcome");
static struct store_sql set_head_sql =
	STORE_SQL("UPDATE proposal SET head = ?, title = ?, updated_at = ? WHERE id = ?");
static struct store_sql set_status_sql = STORE_SQL(
	"UPDATE proposal SET status = ?, outcome = COALESCE(CAST(? AS TEXT), outcome), "
	"frozen = COALESCE(CAST(? AS BIGINT), frozen), updated_at = ? WHERE id = ?");
/* Grouped first on the covering index, then joined: one account per
 * author, not per revision. */
static struct store_sql authors_sql = STORE_SQL(
	"SELECT g.author_id, a.name, g.n FROM (SELECT author_id, COUNT(*) AS n, MIN(number) AS first FROM "
	"proposal_revision WHERE proposal_id = ? GROUP BY author_id) g LEFT JOIN account a ON a.id = g.author_id "
	"ORDER BY g.first");
static struct store_sql is_author_sql = STORE_SQL(
	"SELECT 1 FROM proposal_revision WHERE proposal_id = ? AND author_id = ? LIMIT 1");

static struct store_sql version_sql = STORE_SQL("SELECT version FROM proposal_activity WHERE arena_id = ?");
static struct store_sql touch_arena_sql = STORE_SQL(
	"INSERT INTO proposal_activity (arena_id, version) VALUES (?, 1) ON CONFLICT (arena_id) "
	"DO UPDATE SET version = proposal_activity.version + 1");
static struct store_sql touch_sql = STORE_SQL(
	"INSERT INTO proposal_activity (arena_id, version) SELECT arena_id, 1 FROM proposal WHERE id = ? "
	"ON CONFLICT (arena_id) DO UPDATE SET version = proposal_activity.version + 1");
static struct store_sql touch_all_sql = STORE_SQL("UPDATE proposal_activity SET version = version + 1");

#define QUESTION_COLUMNS                                                                           \
	"SELECT q.id, q.arena_id, q.text, q.created_at, "                                          \
	"(SELECT COUNT(*) FROM proposal p WHERE p.question_id = q.id) FROM proposal_question q "
static struct store_sql question_list_sql =
	STORE_SQL(QUESTION_COLUMNS "WHERE q.arena_id = ? ORDER BY q.id");
static struct store_sql question_get_sql = STORE_SQL(QUESTION_COLUMNS "WHERE q.id = ?");
static struct store_sql question_insert_sql = STORE_SQL(
	"INSERT INTO proposal_question (arena_id, text, created_by, created_at) VALUES (?, ?, ?, ?) "
	"RETURNING id");

const char *proposal_status_code(enum proposal_status s)
{
	return (unsigned)s < PROPOSAL_STATUS__MAX ? statuses[s].code : "drafting";
}

int proposal_status_parse(const char *code)
{
	for (int i = 0; code && i < PROPOSAL_STATUS__MAX; i++)
		if (strcmp(code, statuses[i].code) == 0)
			return i;
	return -1;
}

enum msg proposal_status_msg(enum proposal_status s)
{
	return statuses[(unsigned)s < PROPOSAL_STATUS__MAX ? s : PROPOSAL_DRAFTING].name;
}

const char *outcome_code(enum outcome o)
{
	return (unsigned)o < OUTCOME__MAX ? outcomes[o].code : NULL;
}

int outcome_parse(const char *code)
{
	if (code == NULL)
		return OUTCOME_NONE;
	for (int i = 1; i < OUTCOME__MAX; i++)
		if (strcmp(code, outcomes[i].code) == 0)
			return i;
	return -1;
}

enum msg outcome_msg(enum outcome o)
{
	return outcomes[(unsigned)o < OUTCOME__MAX ? o : OUTCOME_NONE].name;
}

const char *proposal_sort_code(enum proposal_sort s)
{
	return sort_codes[(unsigned)s < PROPOSAL_SORT__MAX ? s : PROPOSAL_SORT_ACTIVE];
}

int proposal_sort_parse(const char *code)
{
	for (int i = 0; code && i < PROPOSAL_SORT__MAX; i++)
		if (strcmp(code, sort_codes[i]) == 0)
			return i;
	return -1;
}

static int64_t col_id(struct store_stmt *st, int i)
{
	return store_col_null(st, i) ? 0 : store_col_int(st, i);
}

static void proposal_read(struct store_stmt *st, struct region *a, void *item)
{
	struct proposal *p = item;
	p->id = store_col_int(st, 0);
	p->arena_id = store_col_int(st, 1);
	p->question_id = col_id(st, 2);
	p->question = model_text(st, a, 3);
	p->title = model_text(st, a, 4);
	p->lang = model_text(st, a, 5);
	p->head = store_col_int(st, 6);
	int s = proposal_status_parse(store_col_text(st, 7)), o = outcome_parse(store_col_text(st, 8));
	p->status = s < 0 ? PROPOSAL_DRAFTING : (enum proposal_status)s;
	p->outcome = o < 0 ? OUTCOME_NONE : (enum outcome)o;
	p->frozen = col_id(st, 9);
	p->created_by = col_id(st, 10);
	p->created_at = store_col_int(st, 11);
	p->updated_at = store_col_int(st, 12);
	p->supports = store_col_int(st, 13);
	p->comments = store_col_int(st, 14);
	p->arena_title = model_text(st, a, 15);
}

static int bind_filter(struct store_stmt *st, const void *filter)
{
	const struct proposal_filter *f = filter;
	const char *status = f->status >= 0 ? proposal_status_code((enum proposal_status)f->status) : NULL;
	int i = 0;
	if (f->arena_id > 0)
		store_bind_int(st, ++i, f->arena_id);
	store_bind_int(st, ++i, f->question_id);
	store_bind_int(st, ++i, f->question_id);
	store_bind_text(st, ++i, status);
	store_bind_text(st, ++i, status);
	return i;
}

enum model_rc proposal_list(struct store *db, struct region *a, const struct proposal_filter *f,
			    struct paging *p, struct proposal **items, size_t *n)
{
	unsigned sort = (unsigned)f->sort < PROPOSAL_SORT__MAX ? f->sort : PROPOSAL_SORT_ACTIVE;
	int all = f->arena_id <= 0;
	return model_page(db, all ? &count_all_sql : &count_sql, all ? &list_all_sql[sort] : &list_sql[sort],
			  bind_filter, f, p, a, sizeof **items, proposal_read, (void **)items, n, "proposal_list");
}

enum model_rc proposal_get(struct store *db, struct region *a, int64_t id, struct proposal *out)
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_one(db, st, a, out, proposal_read, "proposal_get");
}

static void bind_optional(struct store_stmt *st, int i, int64_t v)
{
	if (v > 0)
		store_bind_int(st, i, v);
	else
		store_bind_null(st, i);
}

enum model_rc proposal_create(struct store *db, int64_t arena_id, int64_t question_id,
			      const char *title, const char *text, const char *lang, int64_t author,
			      int64_t *id, struct field_errors *errs)
{
	text_check(errs, "title", title, 1, PROPOSAL_TITLE_MAX);
	text_check(errs, "text", text, 0, PROPOSAL_TEXT_MAX);
	if (question_id > 0) {
		struct region *tmp = region_new();
		struct question q;
		enum model_rc rc = question_get(db, tmp, question_id, &q);
		region_free(tmp);
		if (rc == MODEL_NOT_FOUND || (rc == MODEL_OK && q.arena_id != arena_id))
			field_error_add(errs, "question", MSG_FORM_CHOOSE_ONE);
		else if (rc != MODEL_OK)
			return rc;
	}
	if (errs->n)
		return MODEL_INVALID;
	struct region *tmp = region_new();
	const char *t = revision_title(tmp, title), *body = revision_trim(tmp, text ? text : "");
	int64_t now = model_now();
	enum model_rc rc = MODEL_ERROR;
	struct store_stmt *st = store_prepare(db, &insert_sql);
	if (st != NULL) {
		store_bind_int(st, 1, arena_id);
		bind_optional(st, 2, question_id);
		store_bind_text(st, 3, t);
		store_bind_text(st, 4, lang ? lang : "da");
		bind_optional(st, 5, author);
		store_bind_int(st, 6, now);
		store_bind_int(st, 7, now);
		rc = model_exec(db, st, id, "proposal_create");
	}
	if (rc == MODEL_OK)
		rc = revision_start(db, *id, t, body, author);
	if (rc == MODEL_OK)
		rc = proposal_touch_arena(db, arena_id);
	region_free(tmp);
	return rc;
}

enum model_rc proposal_lock(struct store *db, struct region *a, int64_t id, struct proposal_locked *out)
{
	struct store_stmt *st = store_prepare(db, &lock_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	int rc = store_step(st);
	if (rc == STORE_ROW) {
		out->arena_id = store_col_int(st, 0);
		out->head = store_col_int(st, 1);
		int s = proposal_status_parse(store_col_text(st, 2));
		out->status = s < 0 ? PROPOSAL_DRAFTING : (enum proposal_status)s;
		out->title = model_text(st, a, 3);
		int o = outcome_parse(store_col_text(st, 4));
		out->outcome = o < 0 ? OUTCOME_NONE : (enum outcome)o;
		rc = store_step(st);
	} else if (rc == STORE_DONE) {
		store_reset(st);
		return MODEL_NOT_FOUND;
	}
	store_reset(st);
	return rc == STORE_DONE ? MODEL_OK : model_from_store(db, rc, "proposal_lock");
}

enum model_rc proposal_set_head(struct store *db, int64_t id, int64_t head, const char *title)
{
	struct store_stmt *st = store_prepare(db, &set_head_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, head);
	store_bind_text(st, 2, title);
	store_bind_int(st, 3, model_now());
	store_bind_int(st, 4, id);
	enum model_rc rc = model_exec(db, st, NULL, "proposal_set_head");
	return rc == MODEL_OK ? proposal_touch(db, id) : rc;
}

enum model_rc proposal_set_status(struct store *db, int64_t id, enum proposal_status status,
				  enum outcome outcome, int64_t frozen)
{
	struct store_stmt *st = store_prepare(db, &set_status_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, proposal_status_code(status));
	store_bind_text(st, 2, outcome_code(outcome));
	bind_optional(st, 3, frozen);
	store_bind_int(st, 4, model_now());
	store_bind_int(st, 5, id);
	enum model_rc rc = model_exec(db, st, NULL, "proposal_set_status");
	return rc == MODEL_OK ? proposal_touch(db, id) : rc;
}

enum model_rc proposal_version(struct store *db, int64_t arena_id, int64_t *version)
{
	*version = 0;
	struct store_stmt *st = store_prepare(db, &version_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, arena_id);
	return model_exec(db, st, version, "proposal_version");
}

static enum model_rc touch(struct store *db, struct store_sql *sql, int64_t id)
{
	struct store_stmt *st = store_prepare(db, sql);
	if (st == NULL)
		return MODEL_ERROR;
	if (id)
		store_bind_int(st, 1, id);
	return model_exec(db, st, NULL, "proposal_touch");
}

enum model_rc proposal_touch_arena(struct store *db, int64_t arena_id)
{
	return touch(db, &touch_arena_sql, arena_id);
}

enum model_rc proposal_touch(struct store *db, int64_t proposal_id)
{
	return touch(db, &touch_sql, proposal_id);
}

enum model_rc proposal_touch_all(struct store *db)
{
	return touch(db, &touch_all_sql, 0);
}

static void author_read(struct store_stmt *st, struct region *a, void *item)
{
	struct proposal_author *w = item;
	w->account_id = col_id(st, 0);
	w->name = model_text(st, a, 1);
	w->revisions = store_col_int(st, 2);
}

enum model_rc proposal_authors(struct store *db, struct region *a, int64_t proposal_id,
			       struct proposal_author **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &authors_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, proposal_id);
	return model_collect(db, st, a, sizeof **items, author_read, (void **)items, n, "proposal_authors");
}

enum model_rc proposal_is_author(struct store *db, int64_t proposal_id, int64_t account_id, int *yes)
{
	*yes = 0;
	if (account_id <= 0)
		return MODEL_OK;
	struct store_stmt *st = store_prepare(db, &is_author_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, proposal_id);
	store_bind_int(st, 2, account_id);
	int64_t one = 0;
	enum model_rc rc = model_exec(db, st, &one, "proposal_is_author");
	*yes = one == 1;
	return rc;
}

static void question_read(struct store_stmt *st, struct region *a, void *item)
{
	struct question *q = item;
	q->id = store_col_int(st, 0);
	q->arena_id = store_col_int(st, 1);
	q->text = model_text(st, a, 2);
	q->created_at = store_col_int(st, 3);
	q->proposals = store_col_int(st, 4);
}

enum model_rc question_list(struct store *db, struct region *a, int64_t arena_id,
			    struct question **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &question_list_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, arena_id);
	return model_collect(db, st, a, sizeof **items, question_read, (void **)items, n, "question_list");
}

enum model_rc question_get(struct store *db, struct region *a, int64_t id, struct question *out)
{
	struct store_stmt *st = store_prepare(db, &question_get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_one(db, st, a, out, question_read, "question_get");
}

enum model_rc question_create(struct store *db, int64_t arena_id, const char *text, int64_t author,
			      int64_t *id, struct field_errors *errs)
{
	if (!text_check(errs, "question", text, 1, QUESTION_MAX))
		return MODEL_INVALID;
	struct store_stmt *st = store_prepare(db, &question_insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	struct region *tmp = region_new();
	store_bind_int(st, 1, arena_id);
	store_bind_text(st, 2, revision_title(tmp, text));
	bind_optional(st, 3, author);
	store_bind_int(st, 4, model_now());
	enum model_rc rc = model_exec(db, st, id, "question_create");
	region_free(tmp);
	return rc == MODEL_OK ? proposal_touch_arena(db, arena_id) : rc;
}
