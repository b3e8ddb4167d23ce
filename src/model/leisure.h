/*
 * leisure.h: the leisure calendar: what associations invite everyone to
 * (an event, an open training, an open house), with time (UTC, shown in
 * Danish local time) and place; per association, and per local area for
 * the area's calendar and its iCalendar feed. Owns table leisure_event.
 */
#ifndef SAMSKAB_MODEL_LEISURE_H
#define SAMSKAB_MODEL_LEISURE_H

#include "model/model.h"
#include "model/vocab.h"

enum leisure_kind { LEISURE_EVENT, LEISURE_OPEN_TRAINING, LEISURE_OPEN_HOUSE, LEISURE__MAX };

struct leisure_event {
	int64_t id, organisation_id;
	const char *organisation_name, *organisation_lang;
	int64_t area_id;           /* the association's area, 0 for none */
	enum leisure_kind kind;
	const char *title;
	const char *description;   /* Markdown */
	int64_t starts_at, ends_at;
	const char *place;
	int cancelled;
	const char *lang;
	int64_t revision, updated_at;
};

/* The kinds' codes as stored, with their names (model/vocab.h). */
extern const struct vocab vocab_leisure_kinds;

/* Events ending after from (0: every one), soonest first, at most limit:
 * of one association (organisation_id > 0), or of the associations of
 * one area (area_id > 0), or of all. */
MODEL_MUST_USE enum model_rc leisure_list(struct store *db, struct region *a, int64_t organisation_id,
					  int64_t area_id, int64_t from, int64_t limit,
					  struct leisure_event **items, size_t *n);
MODEL_MUST_USE enum model_rc leisure_get(struct store *db, struct region *a, int64_t id,
					 struct leisure_event *out);
/* Validates and creates (id 0) or updates in->id (the revision goes up).
 * Errors on "kind", "title", "description", "starts_at", "ends_at"
 * (before the start), "place". */
MODEL_MUST_USE enum model_rc leisure_save(struct store *db, const struct leisure_event *in,
					  int64_t actor_id, int64_t *id, struct field_errors *errs);

#endif
