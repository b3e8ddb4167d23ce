/*
 * step.c: the follow-through steps (see step.h). The table of kinds says
 * which statuses each step may follow and which status it leaves.
 */
#include "model/step.h"

#include <string.h>

#include "core/tz.h"
#include "model/text.h"

#define BIT(s) (1u << (s))

static const struct {
	const char *code;
	enum msg name;
	unsigned after;             /* bit per proposal status it may follow */
	enum proposal_status leaves;
} kinds[] = {
	[STEP_SUBMITTED] = { "submitted", MSG_STEP_SUBMITTED, BIT(PROPOSAL_DRAFTING), PROPOSAL_SUBMITTED },
	[STEP_CONSIDERING] = { "considering", MSG_STEP_CONSIDERING, BIT(PROPOSAL_SUBMITTED),
			       PROPOSAL_CONSIDERING },
	[STEP_DECIDED] = { "decided", MSG_STEP_DECIDED, BIT(PROPOSAL_SUBMITTED) | BIT(PROPOSAL_CONSIDERING),
			   PROPOSAL_DECIDED },
	[STEP_IMPLEMENTING] = { "implementing", MSG_STEP_IMPLEMENTING, BIT(PROPOSAL_DECIDED),
				PROPOSAL_IMPLEMENTING },
	[STEP_MILESTONE] = { "milestone", MSG_STEP_MILESTONE, BIT(PROPOSAL_IMPLEMENTING), PROPOSAL_IMPLEMENTING },
	[STEP_DONE] = { "done", MSG_STEP_DONE, BIT(PROPOSAL_DECIDED) | BIT(PROPOSAL_IMPLEMENTING), PROPOSAL_DONE },
};
_Static_assert(sizeof kinds / sizeof kinds[0] == STEP__MAX, "a row per step kind");

#define STEP_COLUMNS                                                                               \
	"SELECT s.id, s.proposal_id, s.kind, s.happened_on, s.council, s.meeting_on, s.link_url, " \
	"s.outcome, s.title, s.progress, s.body, s.revision, s.recorded_by, a.name, s.recorded_at " \
	"FROM proposal_step s LEFT JOIN account a ON a.id = s.recorded_by "
static struct store_sql list_sql = STORE_SQL(STEP_COLUMNS "WHERE s.proposal_id = ? ORDER BY s.id");
static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO proposal_step (proposal_id, kind, happened_on, council, meeting_on, link_url, outcome, "
	"title, progress, body, revision, recorded_by, recorded_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");

const char *step_kind_code(enum step_kind k)
{
	return kinds[(unsigned)k < STEP__MAX ? k : STEP_SUBMITTED].code;
}

int step_kind_parse(const char *code)
{
	for (int i = 0; code && i < STEP__MAX; i++)
		if (strcmp(code, kinds[i].code) == 0)
			return i;
	return -1;
}

enum msg step_kind_msg(enum step_kind k)
{
	return kinds[(unsigned)k < STEP__MAX ? k : STEP_SUBMITTED].name;
}

int step_allowed(enum step_kind k, enum proposal_status s, enum outcome o)
{
	if ((unsigned)k >= STEP__MAX || !(kinds[k].after & BIT(s)))
		return 0;
	/* Only what was adopted is carried out. */
	if ((k == STEP_IMPLEMENTING || k == STEP_DONE) && s == PROPOSAL_DECIDED)
		return o == OUTCOME_ADOPTED || o == OUTCOME_AMENDED;
	return 1;
}

static int64_t col_id(struct store_stmt *st, int i)
{
	return store_col_null(st, i) ? 0 : store_col_int(st, i);
}

static void step_read(struct store_stmt *st, struct region *a, void *item)
{
	struct step *s = item;
	s->id = store_col_int(st, 0);
	s->proposal_id = store_col_int(st, 1);
	int k = step_kind_parse(store_col_text(st, 2)), o = outcome_parse(store_col_text(st, 7));
	s->kind = k < 0 ? STEP_CONSIDERING : (enum step_kind)k;
	s->happened_on = model_text(st, a, 3);
	s->council = model_text(st, a, 4);
	s->meeting_on = model_text(st, a, 5);
	s->link_url = model_text(st, a, 6);
	s->outcome = o < 0 ? OUTCOME_NONE : (enum outcome)o;
	s->title = model_text(st, a, 8);
	s->progress = store_col_null(st, 9) ? -1 : (int)store_col_int(st, 9);
	s->body = model_text(st, a, 10);
	s->revision = col_id(st, 11);
	s->recorded_by = col_id(st, 12);
	s->recorded_by_name = model_text(st, a, 13);
	s->recorded_at = store_col_int(st, 14);
}

enum model_rc step_list(struct store *db, struct region *a, int64_t proposal_id, struct step **items,
			size_t *n)
{
	struct store_stmt *st = store_prepare(db, &list_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, proposal_id);
	return model_collect(db, st, a, sizeof **items, step_read, (void **)items, n, "step_list");
}

static void check_date(struct field_errors *errs, const char *field, const char *ymd, int required)
{
	int64_t days;
	if (ymd == NULL || *ymd == '\0') {
		if (required)
			field_error_add(errs, field, MSG_FORM_REQUIRED);
		return;
	}
	if (tz_parse_date(ymd, &days) != 0)
		field_error_add(errs, field, MSG_FORM_BAD_DATE);
}

static void validate(const struct step *in, struct field_errors *errs)
{
	check_date(errs, "happened_on", in->happened_on, 1);
	check_date(errs, "meeting_on", in->meeting_on, 0);
	int needs_council = in->kind == STEP_SUBMITTED || in->kind == STEP_DECIDED;
	text_check(errs, "council", in->council, needs_council, STEP_COUNCIL_MAX);
	text_check(errs, "body", in->body, in->kind == STEP_DECIDED, STEP_BODY_MAX);
	text_check_url(errs, "link_url", in->link_url);
	if (in->kind == STEP_DECIDED && (in->outcome <= OUTCOME_NONE || in->outcome >= OUTCOME__MAX))
		field_error_add(errs, "outcome", MSG_FORM_CHOOSE_ONE);
	if (in->kind == STEP_MILESTONE) {
		text_check(errs, "title", in->title, 1, TEXT_NAME_MAX);
		if (in->progress < 0 || in->progress > 100)
			field_error_add(errs, "progress", MSG_STEP_BAD_PROGRESS);
	}
}

static void bind_text_or_null(struct store_stmt *st, int i, const char *s)
{
	if (s && *s)
		store_bind_text(st, i, s);
	else
		store_bind_null(st, i);
}

enum model_rc step_add(struct store *db, const struct step *in, int64_t recorder, int64_t *id,
		       struct field_errors *errs)
{
	if ((unsigned)in->kind >= STEP__MAX) {
		field_error_add(errs, "kind", MSG_FORM_CHOOSE_ONE);
		return MODEL_INVALID;
	}
	validate(in, errs);
	if (errs->n)
		return MODEL_INVALID;
	struct region *tmp = region_new();
	struct proposal_locked p;
	enum model_rc rc = proposal_lock(db, tmp, in->proposal_id, &p);
	if (rc == MODEL_OK && !step_allowed(in->kind, p.status, p.outcome)) {
		field_error_add(errs, "kind", MSG_STEP_OUT_OF_ORDER);
		rc = MODEL_INVALID;
	}
	int64_t frozen = in->kind == STEP_SUBMITTED ? p.head : 0;
	if (rc == MODEL_OK) {
		struct store_stmt *st = store_prepare(db, &insert_sql);
		rc = MODEL_ERROR;
		if (st != NULL) {
			store_bind_int(st, 1, in->proposal_id);
			store_bind_text(st, 2, step_kind_code(in->kind));
			store_bind_text(st, 3, in->happened_on);
			store_bind_text(st, 4, in->council ? in->council : "");
			bind_text_or_null(st, 5, in->meeting_on);
			store_bind_text(st, 6, in->link_url ? in->link_url : "");
			store_bind_text(st, 7, in->kind == STEP_DECIDED ? outcome_code(in->outcome) : NULL);
			store_bind_text(st, 8, in->kind == STEP_MILESTONE && in->title ? in->title : "");
			if (in->kind == STEP_MILESTONE)
				store_bind_int(st, 9, in->progress);
			else
				store_bind_null(st, 9);
			store_bind_text(st, 10, in->body ? in->body : "");
			if (frozen)
				store_bind_int(st, 11, frozen);
			else
				store_bind_null(st, 11);
			if (recorder > 0)
				store_bind_int(st, 12, recorder);
			else
				store_bind_null(st, 12);
			store_bind_int(st, 13, model_now());
			rc = model_exec(db, st, id, "step_add");
		}
	}
	if (rc == MODEL_OK)
		rc = proposal_set_status(db, in->proposal_id, kinds[in->kind].leaves,
					 in->kind == STEP_DECIDED ? in->outcome : OUTCOME_NONE, frozen);
	region_free(tmp);
	return rc;
}
