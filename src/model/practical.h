/*
 * practical.h: practical information for newcomers, written by staff:
 * short pages per local area (or for the whole municipality) on a topic
 * (the doctor, the library, kindergarten and school, waste sorting,
 * transport, shops, the citizen service's opening hours), each in one
 * language and with versions in others (model/version.h). Owns tables
 * practical_page and practical_version.
 */
#ifndef SAMSKAB_MODEL_PRACTICAL_H
#define SAMSKAB_MODEL_PRACTICAL_H

#include "model/model.h"
#include "model/version.h"
#include "model/vocab.h"

enum topic {
	TOPIC_DOCTOR,
	TOPIC_LIBRARY,
	TOPIC_CHILDCARE,
	TOPIC_WASTE,
	TOPIC_TRANSPORT,
	TOPIC_SHOPS,
	TOPIC_CITIZEN_SERVICE,
	TOPIC_OTHER,
	TOPIC__MAX
};

struct practical_page {
	int64_t id;
	int64_t area_id;         /* 0: the whole municipality */
	const char *area_name;   /* NULL when area_id is 0 */
	enum topic topic;
	const char *title, *body; /* the original, or in a list the version asked for */
	const char *lang;        /* of title and body */
	const char *original_lang;
	const char *langs;       /* in a list: the versions' codes, space-separated */
	int64_t updated_at;
};

extern struct version_table practical_versions;

/* The topics' codes as stored, with their names (model/vocab.h). */
extern const struct vocab vocab_topics;

/* Pages by topic and title: every page (area_id 0), or an area's and the
 * whole municipality's. Titles in lang where a version has it. */
MODEL_MUST_USE enum model_rc practical_list(struct store *db, struct region *a, int64_t area_id,
					    const char *lang, struct practical_page **items, size_t *n);
/* The page with its original text. */
MODEL_MUST_USE enum model_rc practical_get(struct store *db, struct region *a, int64_t id,
					   struct practical_page *out);
/* Validates and creates (in->id 0) or updates the page and its original
 * text. Errors on "topic", "area", "title", "body", "lang". */
MODEL_MUST_USE enum model_rc practical_save(struct store *db, const struct practical_page *in,
					    int64_t actor_id, int64_t *id, struct field_errors *errs);
/* Removes a page with its versions. */
MODEL_MUST_USE enum model_rc practical_delete(struct store *db, int64_t id);

#endif
