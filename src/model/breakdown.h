/*
 * breakdown.h: an arena dialogue's votes broken down by local area and by
 * sector: the current votes on each accepted statement, counted per area
 * or sector that the voters gave (participant.area_id, participant.sector;
 * both optional, so only some voters count). Reads tables vote,
 * statement, participant and area; owns none and writes nothing.
 */
#ifndef SAMSKAB_MODEL_BREAKDOWN_H
#define SAMSKAB_MODEL_BREAKDOWN_H

#include "model/model.h"

enum breakdown_kind { BREAKDOWN_AREA, BREAKDOWN_SECTOR, BREAKDOWN__MAX };

/* The votes on one statement of the voters in one area or sector. */
struct breakdown_cell {
	int64_t statement_id;
	int64_t area_id;  /* BREAKDOWN_AREA; 0 for sectors */
	const char *name; /* the area's name, or the sector's code */
	int64_t agree, disagree, pass;
};

/* How many of the dialogue's voters gave an area, and a sector. */
struct breakdown_voters {
	int64_t with_area, with_sector;
};

MODEL_MUST_USE enum model_rc breakdown_voters(struct store *db, int64_t arena_id, struct breakdown_voters *out);
/* The cells with votes, by statement id, then area name or sector code. */
MODEL_MUST_USE enum model_rc breakdown_votes(struct store *db, struct region *a, int64_t arena_id,
			      enum breakdown_kind kind, struct breakdown_cell **cells, size_t *n);

#endif
