/*
 * demo_follow.c: what Amina, the demo's citizen, follows and has heard
 * of: she follows the Haarby arena and her local area, signs up for the
 * workshop (and so follows it) and writes a statement, which a moderator
 * turns down with a reason (it is a proposal, for the next phase); then
 * Frida adds a dinner evening and moves the interviews a
 * day, and Amina is told of all three (one of them read already). After
 * the demo is saved, her daily digest of them is written to the outbox,
 * as the background job writes it at seven in the morning, so
 * `samskab outbox` shows it.
 */
#include <stdio.h>

#include "cmd/demo.h"
#include "jobs/digest.h"
#include "model/activity.h"
#include "model/dialogue.h"
#include "model/follow.h"
#include "model/notify.h"
#include "model/signup.h"

static int tell(struct store *db, const struct notify_event *e, int64_t *id)
{
	return notify_event(db, e, id) == MODEL_OK ? 0 : -1;
}

static int follow_and_take_part(struct store *db, const struct demo_refs *refs, int64_t haarby,
				int64_t workshop)
{
	struct signup_needs needs = { .interpreter = "ar" };
	enum signup_status st;
	struct field_errors errs = { .n = 0 };
	if (follow_set(db, refs->citizen, FOLLOW_ARENA, haarby, 1) != MODEL_OK ||
	    follow_set(db, refs->citizen, FOLLOW_AREA, refs->area_haarby, 1) != MODEL_OK ||
	    signup_create(db, workshop, refs->citizen, &needs, &st, &errs) != MODEL_OK ||
	    follow_taking_part(db, refs->citizen, FOLLOW_ACTIVITY, workshop) != MODEL_OK)
		return -1;
	return 0;
}

/* Her statement, read by a moderator before it was published, and
 * turned down with a reason: it is a proposal more than a statement. */
static int statement_accepted(struct store *db, const struct demo_refs *refs, int64_t haarby)
{
	static const char text[] = "Der mangler bænke ved stien rundt om Haarby Sø, så ældre kan hvile sig.";
	static const char reason[] = "Tak! Det er et godt forslag mere end et udsagn at stemme om: skriv det "
				     "gerne, når vi skriver forslag sammen i næste fase.";
	struct field_errors errs = { .n = 0 };
	enum statement_status st;
	int64_t id;
	struct dialogue_settings before = { .moderation = MODERATION_BEFORE },
				 after = { .moderation = MODERATION_AFTER };
	if (dialogue_set_settings(db, haarby, &before) != MODEL_OK ||
	    statement_add(db, haarby, 0, refs->citizen, text, "da", 0, &st, &id, &errs) != MODEL_OK ||
	    statement_moderate(db, id, 0, reason, refs->facilitator, &errs) != MODEL_OK ||
	    dialogue_set_settings(db, haarby, &after) != MODEL_OK)
		return -1;
	char link[64];
	snprintf(link, sizeof link, "/arenas/%lld/dialogue", (long long)haarby);
	struct notify_event e = { .kind = NOTIFY_STATEMENT_MODERATED, .arena_id = haarby, .recipient = refs->citizen,
				  .actor = refs->facilitator, .title = text, .detail = reason, .link = link };
	return tell(db, &e, NULL);
}

int demo_follow_load(struct store *db, const struct demo_refs *refs, int64_t haarby, int64_t workshop,
		     int64_t interview)
{
	if (follow_and_take_part(db, refs, haarby, workshop) != 0 || statement_accepted(db, refs, haarby) != 0)
		return -1;
	/* A dinner evening, new. */
	struct activity dinner = {
		.arena_id = haarby, .kind = KIND_MEETING, .title = "Fællesspisning i Haarby Hallen",
		.description = "Vi prøver en fællesspisning for de ældres skyld – og for alle andre. Maden laves "
			       "sammen med en lokal forening; tag gerne en nabo med.",
		.starts_at = demo_in_days(17, 17, 0), .ends_at = demo_in_days(17, 20, 0), .place = "Haarby Hallen, cafeteriet",
		.capacity = 60, .step_free = 1, .lang = "da"
	};
	struct field_errors errs = { .n = 0 };
	int64_t dinner_id;
	char link[96];
	if (activity_create(db, &dinner, &dinner_id, &errs) != MODEL_OK)
		return -1;
	snprintf(link, sizeof link, "/arenas/%lld/activities/%lld", (long long)haarby, (long long)dinner_id);
	struct notify_event e = { .kind = NOTIFY_ACTIVITY_NEW, .arena_id = haarby, .subject_kind = FOLLOW_ACTIVITY,
				  .subject_id = dinner_id, .actor = refs->facilitator, .title = dinner.title,
				  .detail = dinner.place, .at = dinner.starts_at, .link = link };
	if (tell(db, &e, NULL) != 0)
		return -1;
	/* The interviews, a day later. */
	struct region *a = region_new();
	struct activity x;
	int rc = activity_get(db, a, interview, &x) == MODEL_OK ? 0 : -1;
	if (rc == 0) {
		x.starts_at += 86400;
		x.ends_at += 86400;
		rc = activity_update(db, interview, &x, &errs) == MODEL_OK ? 0 : -1;
	}
	if (rc == 0) {
		snprintf(link, sizeof link, "/arenas/%lld/activities/%lld", (long long)haarby, (long long)interview);
		e = (struct notify_event){ .kind = NOTIFY_ACTIVITY_CHANGED, .arena_id = haarby,
					   .subject_kind = FOLLOW_ACTIVITY, .subject_id = interview,
					   .actor = refs->facilitator, .title = x.title, .detail = x.place,
					   .at = x.starts_at, .link = link };
		rc = tell(db, &e, NULL);
	}
	region_free(a);
	if (rc != 0)
		return -1;
	/* She has seen the one about her statement. */
	a = region_new();
	struct paging p = { 1, 50, 0 };
	struct notification *notes;
	size_t n = 0;
	rc = notify_list(db, a, refs->citizen, &p, &notes, &n) == MODEL_OK ? -1 : -2;
	for (size_t i = 0; rc == -1 && i < n; i++)
		if (notes[i].kind == NOTIFY_STATEMENT_MODERATED)
			rc = notify_mark_read(db, refs->citizen, notes[i].id) == MODEL_OK ? 0 : -2;
	region_free(a);
	return rc == 0 ? 0 : -1;
}

int demo_digest(struct store *db)
{
	struct digest_config cfg = { .base_url = DEMO_BASE_URL, .batch = DIGEST_BATCH_DEFAULT };
	struct digest_stats stats;
	return digest_run(db, &cfg, notify_mail_due(MAIL_DAILY, model_now()), &stats) == STORE_OK && stats.mails > 0
		       ? 0
		       : -1;
}
