/*
 * support.h: support for a proposal: from a person, or from an
 * organisation through its representative (shown with the organisation's
 * sector). Each may support a proposal once and withdraw. A support
 * records the sector and local area it counts for when given: an
 * organisation's own; a person's as they told the dialogue (citizen when
 * they did not say), and their area. Owns table proposal_support.
 */
#ifndef SAMSKAB_MODEL_SUPPORT_H
#define SAMSKAB_MODEL_SUPPORT_H

#include "model/model.h"
#include "model/organisation.h"

/* Supports by sector: people and organisations, for each sector. */
struct support_sectors {
	int64_t people[SECTOR__MAX];
	int64_t organisations[SECTOR__MAX];
};

/* Supports from one local area (area_id 0: no area given). */
struct support_area {
	int64_t area_id;
	const char *name; /* NULL for none */
	int64_t people, organisations;
};

/* An organisation that supports a proposal. */
struct support_organisation {
	int64_t organisation_id;
	const char *name;
	enum sector sector;
	int64_t created_at;
};

/* Gives support: a person's (organisation_id 0) or an organisation's.
 * MODEL_CONFLICT when already given; MODEL_NOT_FOUND for an
 * organisation that does not exist. Runs in the caller's transaction. */
MODEL_MUST_USE enum model_rc support_add(struct store *db, int64_t proposal_id, int64_t account_id,
			  int64_t organisation_id);
/* Withdraws it; MODEL_NOT_FOUND when there was none. */
MODEL_MUST_USE enum model_rc support_withdraw(struct store *db, int64_t proposal_id, int64_t account_id,
			       int64_t organisation_id);
/* Whether the account supports the proposal itself (organisation_id 0)
 * or the organisation does. */
MODEL_MUST_USE enum model_rc support_given(struct store *db, int64_t proposal_id, int64_t account_id,
			    int64_t organisation_id, int *yes);
MODEL_MUST_USE enum model_rc support_by_sector(struct store *db, int64_t proposal_id, struct support_sectors *out);
/* By local area, areas by name, then those without an area. */
MODEL_MUST_USE enum model_rc support_by_area(struct store *db, struct region *a, int64_t proposal_id,
			      struct support_area **items, size_t *n);
/* The organisations, by sector and name. */
MODEL_MUST_USE enum model_rc support_organisations(struct store *db, struct region *a, int64_t proposal_id,
				    struct support_organisation **items, size_t *n);

#endif
