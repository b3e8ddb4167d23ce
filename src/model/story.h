/*
 * story.h: stories: accounts of what was learned in an arena, published
 * so other municipalities can learn from it (an Atom feed and open data),
 * under a licence (CC BY 4.0 by default). A story keeps its author's name
 * as published; when the author deletes their account it is kept as from
 * a deleted user, or removed, as they chose. Owns table story.
 */
#ifndef SAMSKAB_MODEL_STORY_H
#define SAMSKAB_MODEL_STORY_H

#include "model/image.h"
#include "model/model.h"

#define STORY_LICENCE_DEFAULT "CC BY 4.0"
#define STORY_LICENCE_MAX 100 /* characters */

struct story {
	int64_t id;
	const char *title, *body; /* body is Markdown */
	int64_t arena_id;         /* 0: none */
	const char *arena_title;
	int64_t area_id;
	const char *area_name;
	int64_t author_id;        /* 0: deleted or none */
	const char *author_name;
	const char *published_on; /* YYYY-MM-DD */
	const char *licence;
	const char *lang;
	int64_t created_at, updated_at;
	struct image_ref image;   /* id 0: none */
	const char *image_alt;
};

/* The address of a well-known licence's text ("CC BY 4.0" ->
 * https://creativecommons.org/licenses/by/4.0/), or NULL for others. */
const char *story_licence_url(const char *licence);

/* Newest first; arena_id > 0 limits to one arena. p->total set. */
MODEL_MUST_USE enum model_rc story_list(struct store *db, struct region *a, int64_t arena_id, struct paging *p,
			 struct story **items, size_t *n);
MODEL_MUST_USE enum model_rc story_get(struct store *db, struct region *a, int64_t id, struct story *out);
/* Validates ("title", "body", "published_on", "area", "licence") and
 * creates; author_id and author_name are the writer's. */
MODEL_MUST_USE enum model_rc story_create(struct store *db, const struct story *in, int64_t *id,
			   struct field_errors *errs);
MODEL_MUST_USE enum model_rc story_update(struct store *db, int64_t id, const struct story *in,
			   struct field_errors *errs);
/* Account deletion: the author's stories are removed, or kept under the
 * given name (e.g. "deleted user" in the site's language). */
MODEL_MUST_USE enum model_rc story_forget_author(struct store *db, int64_t author_id, int remove,
				  const char *deleted_name);

#endif
