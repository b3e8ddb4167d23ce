/*
 * organisation.h: organisations that take part in co-creation: public
 * bodies, businesses, associations and citizen-led groups, each with its
 * sector. Owns table organisation. Staff keep the list (web/admin,
 * `samskab organisation`); one that takes part in anything is retired,
 * not deleted: left out of lists and choices, its page kept.
 */
#ifndef SAMSKAB_MODEL_ORGANISATION_H
#define SAMSKAB_MODEL_ORGANISATION_H

#include "model/image.h"
#include "model/model.h"

enum sector { SECTOR_PUBLIC, SECTOR_PRIVATE, SECTOR_VOLUNTARY, SECTOR_CITIZEN, SECTOR__MAX };

struct organisation {
	int64_t id;
	const char *name;
	enum sector sector;
	const char *website;     /* http(s) URL or NULL */
	const char *description; /* Markdown */
	int64_t area_id;         /* 0 when not tied to one area */
	const char *area_name;   /* NULL when area_id is 0 */
	const char *lang;
	int64_t retired_at;      /* 0 while in use */
	struct image_ref image;  /* id 0: none */
	const char *image_alt;
};

struct organisation_filter {
	int sector;      /* enum sector, or -1 for all */
	int64_t area_id; /* 0 for all */
	int retired;     /* 1: the retired ones too (staff's list) */
};

/* The sector's code as stored and in the API ("public", ...). */
const char *sector_code(enum sector s);
/* The sector for a code, or -1. */
int sector_parse(const char *code);
/* The catalogue message naming the sector. */
enum msg sector_msg(enum sector s);

/* One page of organisations by name; p->total is set. */
MODEL_MUST_USE enum model_rc organisation_list(struct store *db, struct region *a,
				const struct organisation_filter *f, struct paging *p,
				struct organisation **items, size_t *n);
MODEL_MUST_USE enum model_rc organisation_get(struct store *db, struct region *a, int64_t id,
			       struct organisation *out);
/* Validates ("name", unique; "sector"; "website"; "description"; "area";
 * "image_alt" with an image) and creates. */
MODEL_MUST_USE enum model_rc organisation_create(struct store *db, const struct organisation *in, int64_t *id,
				  struct field_errors *errs);
/* Checks an organisation's fields and that its area exists, as create
 * and update do: MODEL_OK, or MODEL_INVALID with errs (also when errs
 * already had errors). */
MODEL_MUST_USE enum model_rc organisation_check(struct store *db, const struct organisation *in,
						struct field_errors *errs);
/* Validates as organisation_create and changes; MODEL_NOT_FOUND; a name
 * another has: MODEL_CONFLICT on "name". */
MODEL_MUST_USE enum model_rc organisation_update(struct store *db, int64_t id, const struct organisation *in,
				  struct field_errors *errs);
/* The organisation with this exact name; MODEL_NOT_FOUND if none. */
MODEL_MUST_USE enum model_rc organisation_find_name(struct store *db, const char *name, int64_t *id);
/* Retires it (retired 1) or takes it into use again (0). */
MODEL_MUST_USE enum model_rc organisation_retire(struct store *db, int64_t id, int retired);
/* How many arenas, members, representatives, leisure events and welcome
 * offers refer to it. */
MODEL_MUST_USE enum model_rc organisation_uses(struct store *db, int64_t id, int64_t *uses);
/* Deletes one nothing refers to; MODEL_CONFLICT when something does. */
MODEL_MUST_USE enum model_rc organisation_delete(struct store *db, int64_t id);
/* How many organisations in use each sector has (counts[SECTOR__MAX]). */
MODEL_MUST_USE enum model_rc organisation_count_by_sector(struct store *db, int64_t counts[SECTOR__MAX]);

#endif
