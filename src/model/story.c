/*
 * story.c: published stories (see story.h).
 */
#include "model/story.h"

#include <string.h>

#include "core/tz.h"
#include "model/area.h"
#include "model/image.h"
#include "model/text.h"

#define STORY_COLUMNS                                                                           \
	"s.id, s.title, s.body, s.arena_id, r.title, s.area_id, ar.name, s.author_id, "          \
	"s.author_name, s.published_on, s.licence, s.lang, s.created_at, s.updated_at, "          \
	IMAGE_REF_COLUMNS("s.image_id") ", s.image_alt FROM story s "                             \
	"LEFT JOIN arena r ON r.id = s.arena_id LEFT JOIN area ar ON ar.id = s.area_id "         \
	IMAGE_REF_JOIN("s.image_id")

static struct store_sql count_sql = STORE_SQL(
	"SELECT COUNT(*) FROM story s WHERE CAST(? AS BIGINT) = 0 OR s.arena_id = ?");
static struct store_sql list_sql = STORE_SQL(
	"SELECT " STORY_COLUMNS "WHERE CAST(? AS BIGINT) = 0 OR s.arena_id = ? ORDER BY "
	"s.published_on DESC, s.id DESC LIMIT ? OFFSET ?");
static struct store_sql get_sql = STORE_SQL("SELECT " STORY_COLUMNS "WHERE s.id = ?");
static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO story (title, body, arena_id, area_id, author_id, author_name, published_on, "
	"licence, lang, created_at, updated_at, image_id, image_alt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	"?, ?) RETURNING id");
static struct store_sql update_sql = STORE_SQL(
	"UPDATE story SET title = ?, body = ?, area_id = ?, published_on = ?, licence = ?, lang = ?, "
	"updated_at = ?, image_id = ?, image_alt = ? WHERE id = ?");
static struct store_sql remove_sql = STORE_SQL("DELETE FROM story WHERE author_id = ?");
static struct store_sql anonymise_sql =
	STORE_SQL("UPDATE story SET author_id = NULL, author_name = ? WHERE author_id = ?");

static const struct {
	const char *name, *url;
} licences[] = {
	{ "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/" },
	{ "CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/" },
	{ "CC BY-NC 4.0", "https://creativecommons.org/licenses/by-nc/4.0/" },
	{ "CC BY-NC-SA 4.0", "https://creativecommons.org/licenses/by-nc-sa/4.0/" },
	{ "CC BY-ND 4.0", "https://creativecommons.org/licenses/by-nd/4.0/" },
	{ "CC BY-NC-ND 4.0", "https://creativecommons.org/licenses/by-nc-nd/4.0/" },
	{ "CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/" },
};

const char *story_licence_url(const char *licence)
{
	for (size_t i = 0; licence && i < sizeof licences / sizeof licences[0]; i++)
		if (strcmp(licence, licences[i].name) == 0)
			return licences[i].url;
	return NULL;
}

static void story_read(struct store_stmt *st, struct region *a, void *item)
{
	struct story *s = item;
	s->id = store_col_int(st, 0);
	s->title = model_text(st, a, 1);
	s->body = model_text(st, a, 2);
	s->arena_id = store_col_int(st, 3);
	s->arena_title = model_text(st, a, 4);
	s->area_id = store_col_int(st, 5);
	s->area_name = model_text(st, a, 6);
	s->author_id = store_col_int(st, 7);
	s->author_name = model_text(st, a, 8);
	s->published_on = model_text(st, a, 9);
	s->licence = model_text(st, a, 10);
	s->lang = model_text(st, a, 11);
	s->created_at = store_col_int(st, 12);
	s->updated_at = store_col_int(st, 13);
	image_ref_read(st, a, 14, &s->image);
	s->image_alt = model_text(st, a, 19);
}

/* The arena filter: an id, or 0 for every arena. */
static int bind_arena(struct store_stmt *st, const void *filter)
{
	int64_t arena_id = *(const int64_t *)filter;
	store_bind_int(st, 1, arena_id);
	store_bind_int(st, 2, arena_id);
	return 2;
}

enum model_rc story_list(struct store *db, struct region *a, int64_t arena_id, struct paging *p,
			 struct story **items, size_t *n)
{
	return model_page(db, &count_sql, &list_sql, bind_arena, &arena_id, p, a, sizeof **items,
			  story_read, (void **)items, n, "story_list");
}

enum model_rc story_get(struct store *db, struct region *a, int64_t id, struct story *out)
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_one(db, st, a, out, story_read, "story_get");
}

static enum model_rc check_story(struct store *db, const struct story *in, struct field_errors *errs)
{
	int64_t days;
	text_check(errs, "title", in->title, 1, TEXT_NAME_MAX);
	text_check(errs, "body", in->body, 1, TEXT_BODY_MAX);
	text_check(errs, "licence", in->licence, 1, STORY_LICENCE_MAX);
	image_alt_check(errs, "image_alt", in->image.id, in->image_alt);
	if (tz_parse_date(in->published_on, &days) != 0)
		field_error_add(errs, "published_on", MSG_FORM_BAD_DATE);
	if (in->area_id > 0) {
		struct region *tmp = region_new();
		struct term ar;
		enum model_rc rc = area_get(db, tmp, in->area_id, &ar);
		region_free(tmp);
		if (rc == MODEL_NOT_FOUND)
			field_error_add(errs, "area", MSG_FORM_CHOOSE_ONE);
		else if (rc != MODEL_OK)
			return rc;
	}
	return errs->n ? MODEL_INVALID : MODEL_OK;
}

static void bind_optional(struct store_stmt *st, int i, int64_t id)
{
	if (id > 0)
		store_bind_int(st, i, id);
	else
		store_bind_null(st, i);
}

enum model_rc story_create(struct store *db, const struct story *in, int64_t *id,
			   struct field_errors *errs)
{
	enum model_rc rc = check_story(db, in, errs);
	if (rc != MODEL_OK)
		return rc;
	struct store_stmt *st = store_prepare(db, &insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	store_bind_text(st, 1, in->title);
	store_bind_text(st, 2, in->body);
	bind_optional(st, 3, in->arena_id);
	bind_optional(st, 4, in->area_id);
	bind_optional(st, 5, in->author_id);
	store_bind_text(st, 6, in->author_name ? in->author_name : "");
	store_bind_text(st, 7, in->published_on);
	store_bind_text(st, 8, in->licence);
	store_bind_text(st, 9, in->lang ? in->lang : "da");
	store_bind_int(st, 10, now);
	store_bind_int(st, 11, now);
	bind_optional(st, 12, in->image.id);
	store_bind_text(st, 13, in->image.id > 0 && in->image_alt ? in->image_alt : "");
	return model_exec(db, st, id, "story_create");
}

enum model_rc story_update(struct store *db, int64_t id, const struct story *in,
			   struct field_errors *errs)
{
	enum model_rc rc = check_story(db, in, errs);
	if (rc != MODEL_OK)
		return rc;
	struct store_stmt *st = store_prepare(db, &update_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, in->title);
	store_bind_text(st, 2, in->body);
	bind_optional(st, 3, in->area_id);
	store_bind_text(st, 4, in->published_on);
	store_bind_text(st, 5, in->licence);
	store_bind_text(st, 6, in->lang ? in->lang : "da");
	store_bind_int(st, 7, model_now());
	bind_optional(st, 8, in->image.id);
	store_bind_text(st, 9, in->image.id > 0 && in->image_alt ? in->image_alt : "");
	store_bind_int(st, 10, id);
	return model_exec(db, st, NULL, "story_update");
}

enum model_rc story_forget_author(struct store *db, int64_t author_id, int remove,
				  const char *deleted_name)
{
	struct store_stmt *st = store_prepare(db, remove ? &remove_sql : &anonymise_sql);
	if (st == NULL)
		return MODEL_ERROR;
	if (remove) {
		store_bind_int(st, 1, author_id);
	} else {
		store_bind_text(st, 1, deleted_name);
		store_bind_int(st, 2, author_id);
	}
	return model_exec(db, st, NULL, "story_forget_author");
}
