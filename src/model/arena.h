/*
 * arena.h: co-creation arenas: a theme, the local areas it is about (none
 * means the whole municipality), a Markdown description, phases in order
 * with dates and a current one, open or closed, and the organisations
 * invited to take part (a representative of each accepts or declines).
 * Owns tables arena, arena_area, arena_phase and arena_organisation.
 * Facilitators are role grants scoped to the arena (model/role.h).
 */
#ifndef SAMSKAB_MODEL_ARENA_H
#define SAMSKAB_MODEL_ARENA_H

#include "model/area.h"
#include "model/image.h"
#include "model/model.h"
#include "model/organisation.h"

#define ARENA_MAX_PHASES 12
#define ARENA_MAX_AREAS 64

enum arena_status { ARENA_OPEN, ARENA_CLOSED, ARENA_STATUS__MAX };

enum phase_kind { PHASE_DIALOGUE, PHASE_DRAFTING, PHASE_COUNCIL, PHASE_FOLLOWUP, PHASE_OTHER,
		  PHASE__MAX };

struct arena_phase {
	int64_t id;
	int position;          /* 1, 2, ... */
	enum phase_kind kind;
	const char *name;
	const char *starts_on; /* YYYY-MM-DD, or NULL */
	const char *ends_on;
};

struct arena {
	int64_t id;
	const char *title;
	int64_t theme_id;
	const char *theme_name, *theme_lang;
	const char *description; /* Markdown */
	enum arena_status status;
	int64_t current_phase_id; /* 0: none */
	const char *current_phase_name;
	int current_phase_kind;   /* enum phase_kind, or -1 */
	const char *lang;
	int64_t created_at, updated_at;
	struct image_ref image;   /* id 0: none */
	const char *image_alt;    /* what it shows, in the arena's language */
	struct term *areas;       /* filled by arena_get and arena_list */
	size_t nareas;
	struct arena_phase *phases; /* filled by arena_get */
	size_t nphases;
};

struct arena_filter {
	int64_t theme_id; /* 0: any */
	int64_t area_id;  /* 0: any */
	int phase_kind;   /* enum phase_kind of the current phase, or -1 */
	int status;       /* enum arena_status, or -1 */
};

enum invitation { INVITED, ACCEPTED, DECLINED, INVITATION__MAX };

struct arena_member {
	int64_t arena_id, organisation_id;
	const char *arena_title, *organisation_name;
	enum sector sector;
	enum invitation status;
	const char *contact_name, *contact_email;
	int64_t invited_at, responded_at;
};

const char *arena_status_code(enum arena_status s);
int arena_status_parse(const char *code);
const char *phase_kind_code(enum phase_kind k);
int phase_kind_parse(const char *code);
enum msg phase_kind_msg(enum phase_kind k);
enum msg invitation_msg(enum invitation s);

/* One page of arenas, open ones first, then by title; p->total set. */
MODEL_MUST_USE enum model_rc arena_list(struct store *db, struct region *a, const struct arena_filter *f,
			 struct paging *p, struct arena **items, size_t *n);
/* The arena with its areas and phases. */
MODEL_MUST_USE enum model_rc arena_get(struct store *db, struct region *a, int64_t id, struct arena *out);
/* The arena alone (its current phase too; areas and phases not filled):
 * one query, for pages about what is in an arena. */
MODEL_MUST_USE enum model_rc arena_brief(struct store *db, struct region *a, int64_t id, struct arena *out);
/* Validates (title, theme, description, areas, image_alt: required with
 * an image) and creates the arena
 * with the four usual phases named in lang, the first one current; the
 * creator becomes its facilitator. Errors on "title", "theme", "areas". */
MODEL_MUST_USE enum model_rc arena_create(struct store *db, const struct arena *in, const int64_t *area_ids,
			   size_t nareas, int64_t creator, const char *client, int64_t *id,
			   struct field_errors *errs);
MODEL_MUST_USE enum model_rc arena_update(struct store *db, int64_t id, const struct arena *in,
			   const int64_t *area_ids, size_t nareas, struct field_errors *errs);
MODEL_MUST_USE enum model_rc arena_set_status(struct store *db, int64_t id, enum arena_status status);
/* Replaces the phases (in the given order) and makes the one at
 * current_index current (-1: none). Errors on "phase-N-name" and
 * "phase-N-dates" (N from 1): names required, each phase's dates in
 * order, and no phase starting before the one above it. */
MODEL_MUST_USE enum model_rc arena_set_phases(struct store *db, int64_t id, const struct arena_phase *phases,
			       size_t n, int current_index, struct field_errors *errs);

/* Organisations of an arena, by sector and name. */
MODEL_MUST_USE enum model_rc arena_members(struct store *db, struct region *a, int64_t arena_id,
			    struct arena_member **items, size_t *n);
/* Arenas an organisation takes part in or is invited to. */
MODEL_MUST_USE enum model_rc arena_memberships_of(struct store *db, struct region *a, int64_t organisation_id,
				   struct arena_member **items, size_t *n);
/* The invitations of every organisation the account represents (a
 * representative's own list): open ones first. */
MODEL_MUST_USE enum model_rc arena_memberships_represented(struct store *db, struct region *a, int64_t account_id,
					    struct arena_member **items, size_t *n);
/* Invites an organisation; MODEL_CONFLICT if it already is. */
MODEL_MUST_USE enum model_rc arena_invite(struct store *db, int64_t arena_id, int64_t organisation_id,
			   const char *contact_name, const char *contact_email,
			   struct field_errors *errs);
/* Records the organisation's answer (also changed later: one that
 * accepted may withdraw, accept 0); MODEL_NOT_FOUND if not invited. */
MODEL_MUST_USE enum model_rc arena_respond(struct store *db, int64_t arena_id, int64_t organisation_id, int accept);

#endif
