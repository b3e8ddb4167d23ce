/*
 * activity.h: the events of an arena (panel debates, workshops,
 * interviews, meetings, and kinds the facilitator names): time (UTC,
 * shown in Danish local time), place or online link, capacity, venue
 * accessibility, interpretation offered, and afterwards minutes and a
 * "what we heard" summary. Owns table activity; sign-ups are in
 * model/signup.h, which keeps the confirmed count.
 */
#ifndef SAMSKAB_MODEL_ACTIVITY_H
#define SAMSKAB_MODEL_ACTIVITY_H

#include "model/model.h"

enum activity_kind { KIND_PANEL, KIND_WORKSHOP, KIND_INTERVIEW, KIND_MEETING, KIND_OTHER,
		     KIND__MAX };

struct activity {
	int64_t id, arena_id;
	const char *arena_title;
	enum activity_kind kind;
	const char *kind_other;   /* the facilitator's name for KIND_OTHER */
	const char *title;
	const char *description;  /* Markdown */
	int64_t starts_at, ends_at;
	const char *place, *online_url;
	int64_t capacity;         /* -1: no limit */
	int64_t confirmed, waiting;
	int step_free;
	const char *accessibility;
	const char *interpretation; /* language codes, space-separated */
	const char *minutes, *summary; /* Markdown */
	int cancelled;
	const char *lang;
	int64_t revision, updated_at;
};

const char *activity_kind_code(enum activity_kind k);
int activity_kind_parse(const char *code);
enum msg activity_kind_msg(enum activity_kind k);

enum activity_when { ACTIVITY_UPCOMING, ACTIVITY_PAST, ACTIVITY_ALL };

/* An arena's activities, in time order (past ones newest first). */
MODEL_MUST_USE enum model_rc activity_list_arena(struct store *db, struct region *a, int64_t arena_id,
				  enum activity_when when, int64_t limit, struct activity **items,
				  size_t *n);
/* Activities of arenas in an area (ACTIVITY_ALL: for calendar feeds). */
MODEL_MUST_USE enum model_rc activity_list_area(struct store *db, struct region *a, int64_t area_id,
				 struct activity **items, size_t *n);
/* Upcoming activities of open arenas, soonest first; theme_id and
 * area_id (0: any) keep those of arenas on that theme or in that area. */
MODEL_MUST_USE enum model_rc activity_list_upcoming(struct store *db, struct region *a, int64_t theme_id,
				     int64_t area_id, int64_t limit, struct activity **items, size_t *n);
MODEL_MUST_USE enum model_rc activity_get(struct store *db, struct region *a, int64_t id, struct activity *out);
/* Validates and creates. Errors on "title", "kind", "kind_other",
 * "starts_at", "ends_at" (before the start), "place" (neither place nor
 * link), "online_url", "capacity", "interpretation", "description". */
MODEL_MUST_USE enum model_rc activity_create(struct store *db, const struct activity *in, int64_t *id,
			      struct field_errors *errs);
/* Validates and updates; "capacity" may not go below the places taken.
 * A raised capacity does not promote anyone by itself: see
 * signup_promote. */
MODEL_MUST_USE enum model_rc activity_update(struct store *db, int64_t id, const struct activity *in,
			      struct field_errors *errs);

#endif
