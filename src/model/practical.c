/*
 * practical.c: practical information pages (see practical.h).
 */
#include "model/practical.h"

#include <stdlib.h>
#include <string.h>

#include "core/language.h"
#include "model/area.h"
#include "model/text.h"

static const char *const topic_codes[TOPIC__MAX] = {
	[TOPIC_DOCTOR] = "doctor",	 [TOPIC_LIBRARY] = "library", [TOPIC_CHILDCARE] = "childcare",
	[TOPIC_WASTE] = "waste",	 [TOPIC_TRANSPORT] = "transport", [TOPIC_SHOPS] = "shops",
	[TOPIC_CITIZEN_SERVICE] = "citizen_service", [TOPIC_OTHER] = "other",
};
static const enum msg topic_msgs[TOPIC__MAX] = {
	[TOPIC_DOCTOR] = MSG_TOPIC_DOCTOR,	[TOPIC_LIBRARY] = MSG_TOPIC_LIBRARY,
	[TOPIC_CHILDCARE] = MSG_TOPIC_CHILDCARE, [TOPIC_WASTE] = MSG_TOPIC_WASTE,
	[TOPIC_TRANSPORT] = MSG_TOPIC_TRANSPORT, [TOPIC_SHOPS] = MSG_TOPIC_SHOPS,
	[TOPIC_CITIZEN_SERVICE] = MSG_TOPIC_CITIZEN_SERVICE, [TOPIC_OTHER] = MSG_TOPIC_OTHER,
};

const struct vocab vocab_topics = VOCAB(topic_codes, topic_msgs);

struct version_table practical_versions = VERSION_TABLE("practical_version", "page_id", 1);

/* Parameters: the language asked for, then the area twice. */
static struct store_sql list_sql = STORE_SQL(
	"SELECT p.id, p.area_id, a.name, p.topic, COALESCE(v.title, p.title), "
	"COALESCE(v.lang, p.lang), p.lang, p.updated_at FROM practical_page p "
	"LEFT JOIN area a ON a.id = p.area_id "
	"LEFT JOIN practical_version v ON v.page_id = p.id AND v.lang = ? "
	"WHERE CAST(? AS BIGINT) = 0 OR p.area_id = ? OR p.area_id IS NULL");
static struct store_sql list_versions_sql = STORE_SQL(
	"SELECT v.page_id, v.lang FROM practical_version v JOIN practical_page p ON p.id = v.page_id "
	"WHERE CAST(? AS BIGINT) = 0 OR p.area_id = ? OR p.area_id IS NULL ORDER BY v.page_id, v.lang");
static struct store_sql get_sql = STORE_SQL(
	"SELECT p.id, p.area_id, a.name, p.topic, p.title, p.body, p.lang, p.updated_at "
	"FROM practical_page p LEFT JOIN area a ON a.id = p.area_id WHERE p.id = ?");
static struct store_sql insert_sql = STORE_SQL(
	"INSERT INTO practical_page (area_id, topic, title, body, lang, created_by, updated_by, "
	"created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
static struct store_sql update_sql = STORE_SQL(
	"UPDATE practical_page SET area_id = ?, topic = ?, title = ?, body = ?, lang = ?, "
	"updated_by = ?, updated_at = ? WHERE id = ?");
static struct store_sql delete_sql = STORE_SQL("DELETE FROM practical_page WHERE id = ?");

static void page_head(struct store_stmt *st, struct region *a, struct practical_page *p)
{
	memset(p, 0, sizeof *p);
	p->id = store_col_int(st, 0);
	p->area_id = store_col_int(st, 1);
	p->area_name = model_text(st, a, 2);
	int t = vocab_parse(&vocab_topics, store_col_text(st, 3));
	p->topic = t < 0 ? TOPIC_OTHER : (enum topic)t;
	p->title = model_text(st, a, 4);
}

static void list_read(struct store_stmt *st, struct region *a, void *item)
{
	struct practical_page *p = item;
	page_head(st, a, p);
	p->lang = model_text(st, a, 5);
	p->original_lang = model_text(st, a, 6);
	p->updated_at = store_col_int(st, 7);
	p->langs = "";
}

static void get_read(struct store_stmt *st, struct region *a, void *item)
{
	struct practical_page *p = item;
	page_head(st, a, p);
	p->body = model_text(st, a, 5);
	p->lang = p->original_lang = model_text(st, a, 6);
	p->updated_at = store_col_int(st, 7);
	p->langs = "";
}

struct page_lang {
	int64_t page_id;
	const char *lang;
};

static void page_lang_read(struct store_stmt *st, struct region *a, void *item)
{
	struct page_lang *l = item;
	l->page_id = store_col_int(st, 0);
	l->lang = model_text(st, a, 1);
}

/* Topic order, then the whole municipality's before an area's, then title. */
static int page_cmp(const void *x, const void *y)
{
	const struct practical_page *p = x, *q = y;
	if (p->topic != q->topic)
		return p->topic < q->topic ? -1 : 1;
	if ((p->area_id == 0) != (q->area_id == 0))
		return p->area_id == 0 ? -1 : 1;
	int c = strcmp(p->title, q->title);
	return c ? c : (p->id < q->id ? -1 : p->id > q->id);
}

enum model_rc practical_list(struct store *db, struct region *a, int64_t area_id, const char *lang,
			     struct practical_page **items, size_t *n)
{
	struct store_stmt *st = store_prepare(db, &list_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_text(st, 1, lang ? lang : "");
	store_bind_int(st, 2, area_id);
	store_bind_int(st, 3, area_id);
	enum model_rc rc = model_collect(db, st, a, sizeof **items, list_read, (void **)items, n,
					 "practical_list");
	if (rc != MODEL_OK || *n == 0)
		return rc;
	if ((st = store_prepare(db, &list_versions_sql)) == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, area_id);
	store_bind_int(st, 2, area_id);
	struct page_lang *pl;
	size_t npl;
	rc = model_collect(db, st, a, sizeof *pl, page_lang_read, (void **)&pl, &npl, "practical_langs");
	if (rc != MODEL_OK)
		return rc;
	for (size_t i = 0; i < *n; i++) {
		struct practical_page *p = &(*items)[i];
		for (size_t k = 0; k < npl; k++)
			if (pl[k].page_id == p->id)
				p->langs = *p->langs ? region_printf(a, "%s %s", p->langs, pl[k].lang) : pl[k].lang;
	}
	qsort(*items, *n, sizeof **items, page_cmp);
	return MODEL_OK;
}

enum model_rc practical_get(struct store *db, struct region *a, int64_t id, struct practical_page *out)
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_one(db, st, a, out, get_read, "practical_get");
}

enum model_rc practical_save(struct store *db, const struct practical_page *in, int64_t actor_id,
			     int64_t *id, struct field_errors *errs)
{
	if ((unsigned)in->topic >= TOPIC__MAX)
		field_error_add(errs, "topic", MSG_FORM_CHOOSE_ONE);
	text_check(errs, "title", in->title, 1, TEXT_NAME_MAX);
	text_check(errs, "body", in->body, 1, TEXT_BODY_MAX);
	if (language_find(in->lang) == NULL)
		field_error_add(errs, "lang", MSG_FORM_CHOOSE_ONE);
	if (errs->n)
		return MODEL_INVALID;
	if (in->area_id > 0) {
		struct term area;
		struct region *tmp = region_new();
		enum model_rc arc = area_get(db, tmp, in->area_id, &area);
		region_free(tmp);
		if (arc == MODEL_NOT_FOUND)
			field_error_add(errs, "area", MSG_FORM_CHOOSE_ONE);
		if (arc != MODEL_OK)
			return arc == MODEL_NOT_FOUND ? MODEL_INVALID : arc;
	}
	if (in->id) {
		/* The original may not move to a language a version is in:
		 * one of the two texts would be lost. */
		struct version v;
		struct region *tmp = region_new();
		enum model_rc vrc = version_get(db, &practical_versions, tmp, in->id, in->lang, &v);
		region_free(tmp);
		if (vrc == MODEL_OK) {
			field_error_add(errs, "lang", MSG_FORM_LANG_HAS_VERSION);
			return MODEL_INVALID;
		}
		if (vrc != MODEL_NOT_FOUND)
			return vrc;
	}
	int64_t now = model_now();
	struct store_stmt *st = store_prepare(db, in->id ? &update_sql : &insert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int i = 1;
	if (in->area_id > 0)
		store_bind_int(st, i++, in->area_id);
	else
		store_bind_null(st, i++);
	store_bind_text(st, i++, vocab_code(&vocab_topics, in->topic));
	store_bind_text(st, i++, in->title);
	store_bind_text(st, i++, in->body);
	store_bind_text(st, i++, in->lang);
	store_bind_int(st, i++, actor_id);
	if (!in->id) {
		store_bind_int(st, i++, actor_id);
		store_bind_int(st, i++, now);
		store_bind_int(st, i, now);
		return model_exec(db, st, id, "practical_create");
	}
	store_bind_int(st, i++, now);
	store_bind_int(st, i, in->id);
	*id = in->id;
	return model_exec(db, st, NULL, "practical_update");
}

enum model_rc practical_delete(struct store *db, int64_t id)
{
	struct store_stmt *st = store_prepare(db, &delete_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_exec(db, st, NULL, "practical_delete");
}
