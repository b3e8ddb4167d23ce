/*
 * personal.c: everything the platform holds about one account, table by
 * table, for "my data" (see personal.h). Each table that refers to an
 * account or to a participant has its row here with the columns a person
 * may see of it (never secrets: password and token hashes, session ids);
 * tests/integration/mydata_test.c walks the schema and fails when a table
 * that refers to them is missing, so a new table comes with its row.
 */
#include "model/personal.h"

#include <string.h>

/* The reader's participant in dialogues. */
#define MY_PARTICIPANT "(SELECT id FROM participant WHERE account_id = ?)"

static const char *const account_cols[] = { "id", "email", "name", "language", "area", "verified_at",
					    "password_changed_at", "created_at", "updated_at", NULL };
static const char *const session_cols[] = { "created_at", "last_seen_at", "expires_at", "client", "user_agent",
					    NULL };
static const char *const token_cols[] = { "kind", "created_at", "expires_at", "used_at", NULL };
static const char *const outbox_cols[] = { "to", "subject", "body", "created_at", "sent_at", NULL };
static const char *const role_cols[] = { "role", "scope", "scope_id", "granted_at", NULL };
static const char *const membership_cols[] = { "organisation_id", "organisation", "created_at", NULL };
static const char *const consent_cols[] = { "purpose", "text_version", "given_at", "withdrawn_at", NULL };
static const char *const participant_cols[] = { "id", "created_at", "area", "sector", NULL };
static const char *const vote_cols[] = { "statement_id", "arena_id", "statement", "value", "voted_at", NULL };
static const char *const vote_history_cols[] = { "statement_id", "value", "voted_at", NULL };
static const char *const statement_cols[] = { "id", "arena_id", "text", "status", "reject_reason", "created_at",
					      "yours_as", NULL };
static const char *const arena_cols[] = { "id", "title", "created_at", NULL };
static const char *const signup_cols[] = { "activity_id", "activity", "status", "interpreter", "step_free",
					   "childcare", "other_needs", "created_at", NULL };
static const char *const story_cols[] = { "id", "title", "published_on", "created_at", NULL };
static const char *const calendar_cols[] = { "created_at", NULL };
static const char *const audit_cols[] = { "at", "action", "subject", "detail", "client", NULL };
static const char *const question_cols[] = { "id", "arena_id", "text", "created_at", NULL };
static const char *const proposal_cols[] = { "id", "arena_id", "title", "created_at", NULL };
static const char *const revision_cols[] = { "proposal_id", "number", "kind", "title", "text", "note",
					     "created_at", NULL };
static const char *const amendment_cols[] = { "proposal_id", "title", "text", "reason", "status",
					      "decision_reason", "created_at", "yours_as", NULL };
static const char *const support_cols[] = { "proposal_id", "organisation_id", "sector", "area_id", "created_at",
					    NULL };
static const char *const comment_cols[] = { "proposal_id", "body", "status", "hidden_reason", "created_at",
					    "yours_as", NULL };
static const char *const report_cols[] = { "comment_id", "reason", "created_at", "handled_at", NULL };
static const char *const step_cols[] = { "proposal_id", "kind", "happened_on", "title", "recorded_at", NULL };
static const char *const guide_cols[] = { "programme_id", "programme", "workplace", "phone", "gender", "area",
					  "reach_km", "languages", "interests", "availability", "capacity", "note",
					  "record_checked_at", "status", "created_at", "updated_at", NULL };
static const char *const newcomer_cols[] = { "programme_id", "programme", "first_name", "last_name", "email",
					     "phone", "language", "target_group", "born", "gender", "area",
					     "languages", "interests", "availability", "same_gender", "needs",
					     "consent_at", "consent_how", "status", "waiting_since", "ended_at",
					     "created_at", "updated_at", NULL };
static const char *const match_cols[] = { "programme_id", "yours_as", "status", "guide_answer", "newcomer_answer",
					  "proposed_at", "accepted_at", "first_meeting_on", "ended_at", "end_reason",
					  "end_note", "created_at", NULL };
static const char *const follow_cols[] = { "kind", "id", "title", "following", "by_taking_part", "created_at",
					   "updated_at", NULL };
static const char *const notification_cols[] = { "kind", "title", "detail", "link", "created_at", "read_at",
						 "mail", "mailed_at", NULL };
static const char *const notify_pref_cols[] = { "kind", "mail", NULL };
static const char *const offer_cols[] = { "id", "area", "title", "body", "lang", "starts_on", "ends_on", "at_time",
					  "languages", "places", "taken", "status", "hidden_reason", "created_at",
					  "updated_at", NULL };
static const char *const offer_answer_cols[] = { "id", "offer_id", "offer", "for_name", "consent_how", "consent_at",
						 "people", "status", "answer_contact", "created_at", NULL };
static const char *const offer_message_cols[] = { "answer_id", "body", "created_at", NULL };
static const char *const kept_cols[] = { "id", "name", "updated_at", NULL };
static const char *const version_cols[] = { "id", "lang", "title", "updated_at", NULL };
static const char *const leisure_cols[] = { "id", "title", "starts_at", "created_at", NULL };
static const char *const practical_cols[] = { "id", "title", "yours_as", "updated_at", NULL };
static const char *const offer_report_cols[] = { "offer_id", "reason", "created_at", "handled_at", NULL };

/* Every ? of a statement is bound to the account's id. */
static struct personal_table tables[] = {
	{ "account", account_cols,
	  STORE_SQL("SELECT a.id, a.email, a.name, a.lang, ar.name, a.verified_at, a.password_changed_at, "
		    "a.created_at, a.updated_at FROM account a LEFT JOIN area ar ON ar.id = a.area_id WHERE a.id = ?") },
	{ "session", session_cols,
	  STORE_SQL("SELECT created_at, seen_at, expires_at, client, user_agent FROM session WHERE account_id = ? "
		    "ORDER BY created_at") },
	{ "token", token_cols,
	  STORE_SQL("SELECT kind, created_at, expires_at, used_at FROM token WHERE account_id = ? ORDER BY created_at") },
	{ "outbox", outbox_cols,
	  STORE_SQL("SELECT recipient, subject, body, created_at, sent_at FROM outbox WHERE account_id = ? ORDER BY id") },
	{ "role_grant", role_cols,
	  STORE_SQL("SELECT role, scope_kind, scope_id, granted_at FROM role_grant WHERE account_id = ? ORDER BY id") },
	{ "membership", membership_cols,
	  STORE_SQL("SELECT m.organisation_id, o.name, m.created_at FROM membership m JOIN organisation o ON "
		    "o.id = m.organisation_id WHERE m.account_id = ? ORDER BY o.name_key") },
	{ "consent", consent_cols,
	  STORE_SQL("SELECT purpose, text_version, given_at, withdrawn_at FROM consent WHERE account_id = ? "
		    "ORDER BY id") },
	{ "participant", participant_cols,
	  STORE_SQL("SELECT p.id, p.created_at, ar.name, p.sector FROM participant p LEFT JOIN area ar ON "
		    "ar.id = p.area_id WHERE p.account_id = ?") },
	{ "vote", vote_cols,
	  STORE_SQL("SELECT v.statement_id, s.arena_id, s.text, v.value, v.voted_at FROM vote v JOIN statement s ON "
		    "s.id = v.statement_id WHERE v.participant_id IN " MY_PARTICIPANT " ORDER BY v.voted_at") },
	{ "vote_history", vote_history_cols,
	  STORE_SQL("SELECT statement_id, value, voted_at FROM vote_history WHERE participant_id IN " MY_PARTICIPANT
		    " ORDER BY id") },
	{ "statement", statement_cols,
	  STORE_SQL("SELECT id, arena_id, text, status, reject_reason, created_at, CASE WHEN moderated_by = ? THEN "
		    "'moderator' ELSE 'author' END FROM statement WHERE author_id = ? OR participant_id IN "
		    MY_PARTICIPANT " OR moderated_by = ? ORDER BY id") },
	{ "arena", arena_cols, STORE_SQL("SELECT id, title, created_at FROM arena WHERE created_by = ? ORDER BY id") },
	{ "signup", signup_cols,
	  STORE_SQL("SELECT s.activity_id, t.title, s.status, s.interpreter, s.step_free, s.childcare, "
		    "s.other_needs, s.created_at FROM signup s JOIN activity t ON t.id = s.activity_id WHERE "
		    "s.account_id = ? ORDER BY s.id") },
	{ "story", story_cols,
	  STORE_SQL("SELECT id, title, published_on, created_at FROM story WHERE author_id = ? ORDER BY id") },
	{ "calendar_token", calendar_cols, STORE_SQL("SELECT created_at FROM calendar_token WHERE account_id = ?") },
	{ "audit_log", audit_cols,
	  STORE_SQL("SELECT at, action, subject, detail, client FROM audit_log WHERE actor_id = ? OR person_id = ? "
		    "ORDER BY id") },
	{ "proposal_question", question_cols,
	  STORE_SQL("SELECT id, arena_id, text, created_at FROM proposal_question WHERE created_by = ? ORDER BY id") },
	{ "proposal", proposal_cols,
	  STORE_SQL("SELECT id, arena_id, title, created_at FROM proposal WHERE created_by = ? ORDER BY id") },
	{ "proposal_revision", revision_cols,
	  STORE_SQL("SELECT proposal_id, number, kind, title, text, note, created_at FROM proposal_revision WHERE "
		    "author_id = ? ORDER BY id") },
	{ "proposal_amendment", amendment_cols,
	  STORE_SQL("SELECT proposal_id, title, text, reason, status, decision_reason, created_at, CASE WHEN "
		    "decided_by = ? THEN 'decided' ELSE 'author' END FROM proposal_amendment WHERE author_id = ? OR "
		    "decided_by = ? ORDER BY id") },
	{ "proposal_support", support_cols,
	  STORE_SQL("SELECT proposal_id, organisation_id, sector, area_id, created_at FROM proposal_support WHERE "
		    "account_id = ? ORDER BY id") },
	{ "proposal_comment", comment_cols,
	  STORE_SQL("SELECT proposal_id, body, status, hidden_reason, created_at, CASE WHEN hidden_by = ? THEN "
		    "'moderator' ELSE 'author' END FROM proposal_comment WHERE author_id = ? OR hidden_by = ? ORDER BY id") },
	{ "proposal_comment_report", report_cols,
	  STORE_SQL("SELECT comment_id, reason, created_at, handled_at FROM proposal_comment_report WHERE "
		    "account_id = ? ORDER BY created_at") },
	{ "guide", guide_cols,
	  STORE_SQL("SELECT g.programme_id, p.name, o.name, g.phone, g.gender, ar.name, g.reach_km, g.languages, "
		    "g.interests, g.availability, g.capacity, g.note, g.record_checked_at, g.status, g.created_at, "
		    "g.updated_at FROM guide g JOIN programme p ON p.id = g.programme_id LEFT JOIN organisation o ON "
		    "o.id = g.organisation_id LEFT JOIN area ar ON ar.id = g.area_id WHERE g.account_id = ? ORDER BY g.id") },
	{ "newcomer", newcomer_cols,
	  STORE_SQL("SELECT n.programme_id, p.name, n.first_name, n.last_name, n.email, n.phone, n.lang, "
		    "n.target_group, n.born, n.gender, ar.name, n.languages, n.interests, n.availability, "
		    "n.same_gender, n.needs, n.consent_at, n.consent_how, n.status, n.waiting_since, n.ended_at, "
		    "n.created_at, n.updated_at FROM newcomer n JOIN programme p ON p.id = n.programme_id LEFT JOIN "
		    "area ar ON ar.id = n.area_id WHERE n.account_id = ? ORDER BY n.id") },
	{ "guide_match", match_cols,
	  STORE_SQL("SELECT m.programme_id, CASE WHEN g.account_id = ? THEN 'guide' ELSE 'newcomer' END, m.status, "
		    "m.guide_answer, m.newcomer_answer, m.proposed_at, m.accepted_at, m.first_meeting_on, m.ended_at, "
		    "m.end_reason, m.end_note, m.created_at FROM guide_match m JOIN guide g ON g.id = m.guide_id JOIN "
		    "newcomer n ON n.id = m.newcomer_id WHERE m.status <> 'draft' AND (g.account_id = ? OR "
		    "n.account_id = ?) ORDER BY m.id") },
	{ "proposal_step", step_cols,
	  STORE_SQL("SELECT proposal_id, kind, happened_on, title, recorded_at FROM proposal_step WHERE "
		    "recorded_by = ? ORDER BY id") },
	{ "follow", follow_cols,
	  STORE_SQL("SELECT f.subject_kind, f.subject_id, COALESCE(ar.title, ac.title, a.name, p.title), f.following, "
		    "f.by_taking_part, f.created_at, f.updated_at FROM follow f LEFT JOIN arena ar ON f.subject_kind = "
		    "'arena' AND ar.id = f.subject_id LEFT JOIN activity ac ON f.subject_kind = 'activity' AND ac.id = "
		    "f.subject_id LEFT JOIN area a ON f.subject_kind = 'area' AND a.id = f.subject_id LEFT JOIN proposal "
		    "p ON f.subject_kind = 'proposal' AND p.id = f.subject_id WHERE f.account_id = ? ORDER BY "
		    "f.created_at, f.subject_kind, f.subject_id") },
	{ "notification", notification_cols,
	  STORE_SQL("SELECT n.kind, e.title, e.detail, e.link, n.created_at, n.read_at, n.mail, n.mailed_at FROM "
		    "notification n JOIN event e ON e.id = n.event_id WHERE n.account_id = ? ORDER BY n.id") },
	{ "notify_pref", notify_pref_cols,
	  STORE_SQL("SELECT kind, mail FROM notify_pref WHERE account_id = ? ORDER BY kind") },
	{ "welcome_offer", offer_cols,
	  STORE_SQL("SELECT o.id, a.name, o.title, o.body, o.lang, o.starts_on, o.ends_on, o.at_time, o.languages, "
		    "o.places, o.taken, o.status, o.hidden_reason, o.created_at, o.updated_at FROM welcome_offer o "
		    "JOIN area a ON a.id = o.area_id WHERE o.author_id = ? ORDER BY o.id") },
	{ "offer_answer", offer_answer_cols,
	  STORE_SQL("SELECT x.id, x.offer_id, o.title, x.for_name, x.consent_how, x.consent_at, x.people, x.status, "
		    "x.answer_contact, x.created_at FROM offer_answer x JOIN welcome_offer o ON o.id = x.offer_id "
		    "WHERE x.account_id = ? ORDER BY x.id") },
	{ "offer_message", offer_message_cols,
	  STORE_SQL("SELECT answer_id, body, created_at FROM offer_message WHERE author_id = ? ORDER BY id") },
	/* What staff and associations' representatives wrote as such. */
	{ "association", kept_cols,
	  STORE_SQL("SELECT x.organisation_id, o.name, x.updated_at FROM association x JOIN organisation o ON "
		    "o.id = x.organisation_id WHERE x.updated_by = ? ORDER BY x.organisation_id") },
	{ "association_version", version_cols,
	  STORE_SQL("SELECT organisation_id, lang, title, updated_at FROM association_version WHERE updated_by = ? "
		    "ORDER BY organisation_id, lang") },
	{ "leisure_event", leisure_cols,
	  STORE_SQL("SELECT id, title, starts_at, created_at FROM leisure_event WHERE created_by = ? ORDER BY id") },
	{ "practical_page", practical_cols,
	  STORE_SQL("SELECT id, title, CASE WHEN created_by = ? THEN 'created' ELSE 'updated' END, updated_at FROM "
		    "practical_page WHERE created_by = ? OR updated_by = ? ORDER BY id") },
	{ "practical_version", version_cols,
	  STORE_SQL("SELECT page_id, lang, title, updated_at FROM practical_version WHERE updated_by = ? ORDER BY "
		    "page_id, lang") },
	{ "offer_version", version_cols,
	  STORE_SQL("SELECT offer_id, lang, title, updated_at FROM offer_version WHERE updated_by = ? ORDER BY "
		    "offer_id, lang") },
	{ "offer_report", offer_report_cols,
	  STORE_SQL("SELECT offer_id, reason, created_at, handled_at FROM offer_report WHERE account_id = ? "
		    "ORDER BY id") },
};

size_t personal_table_count(void)
{
	return sizeof tables / sizeof tables[0];
}

const struct personal_table *personal_table_at(size_t i)
{
	return i < personal_table_count() ? &tables[i] : NULL;
}

static size_t ncols(const struct personal_table *t)
{
	size_t n = 0;
	while (t->cols[n])
		n++;
	return n;
}

enum model_rc personal_rows(struct store *db, struct region *a, size_t table, int64_t account_id,
			    struct personal_value **values, size_t *nrows)
{
	struct personal_table *t = &tables[table];
	struct store_stmt *st = store_prepare(db, &t->sql);
	if (st == NULL)
		return MODEL_ERROR;
	int params = 0;
	for (const char *p = t->sql.text; *p; p++)
		params += *p == '?';
	for (int i = 1; i <= params; i++)
		store_bind_int(st, i, account_id);
	size_t w = ncols(t), cap = 16;
	*nrows = 0;
	*values = region_alloc(a, cap * w * sizeof **values);
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		if (*nrows == cap) {
			struct personal_value *bigger = region_alloc(a, 2 * cap * w * sizeof *bigger);
			memcpy(bigger, *values, cap * w * sizeof *bigger);
			*values = bigger;
			cap *= 2;
		}
		struct personal_value *row = *values + *nrows * w;
		for (size_t c = 0; c < w; c++) {
			row[c].type = store_col_type(st, (int)c);
			row[c].i = row[c].type == STORE_INT ? store_col_int(st, (int)c) : 0;
			row[c].d = row[c].type == STORE_REAL ? store_col_double(st, (int)c) : 0;
			row[c].text = row[c].type == STORE_TEXT ? model_text(st, a, (int)c) : NULL;
		}
		(*nrows)++;
	}
	store_reset(st);
	return rc == STORE_DONE ? MODEL_OK : model_from_store(db, rc, t->name);
}
