/*
 * association.c: associations, their weekly meetings and the directory's
 * filters (see association.h). The filter is one piece of SQL with a
 * parameter per part, each part off when its parameter says so, shared
 * by the directory's count, its page, the page's meetings and an area's
 * week, so all four agree on what matches.
 */
#include "model/association.h"

#include <stdio.h>
#include <string.h>

#include "core/language.h"
#include "model/text.h"

static const char *const category_codes[CATEGORY__MAX] = {
	[CATEGORY_SPORT] = "sport",	[CATEGORY_CULTURE] = "culture", [CATEGORY_MUSIC] = "music",
	[CATEGORY_CRAFTS] = "crafts",	[CATEGORY_GAMES] = "games",	[CATEGORY_NATURE] = "nature",
	[CATEGORY_SCOUTS] = "scouts",	[CATEGORY_FAITH] = "faith",	[CATEGORY_SENIORS] = "seniors",
	[CATEGORY_YOUTH] = "youth",	[CATEGORY_FAMILIES] = "families", [CATEGORY_SOCIAL] = "social",
	[CATEGORY_LANGUAGE] = "language", [CATEGORY_OTHER] = "other",
};
static const enum msg category_msgs[CATEGORY__MAX] = {
	[CATEGORY_SPORT] = MSG_CATEGORY_SPORT,	     [CATEGORY_CULTURE] = MSG_CATEGORY_CULTURE,
	[CATEGORY_MUSIC] = MSG_CATEGORY_MUSIC,	     [CATEGORY_CRAFTS] = MSG_CATEGORY_CRAFTS,
	[CATEGORY_GAMES] = MSG_CATEGORY_GAMES,	     [CATEGORY_NATURE] = MSG_CATEGORY_NATURE,
	[CATEGORY_SCOUTS] = MSG_CATEGORY_SCOUTS,     [CATEGORY_FAITH] = MSG_CATEGORY_FAITH,
	[CATEGORY_SENIORS] = MSG_CATEGORY_SENIORS,   [CATEGORY_YOUTH] = MSG_CATEGORY_YOUTH,
	[CATEGORY_FAMILIES] = MSG_CATEGORY_FAMILIES, [CATEGORY_SOCIAL] = MSG_CATEGORY_SOCIAL,
	[CATEGORY_LANGUAGE] = MSG_CATEGORY_LANGUAGE, [CATEGORY_OTHER] = MSG_CATEGORY_OTHER,
};
static const char *const fee_codes[FEE__MAX] = {
	[FEE_YEAR] = "year", [FEE_HALF_YEAR] = "half_year", [FEE_MONTH] = "month", [FEE_TIME] = "time",
};
static const enum msg fee_msgs[FEE__MAX] = {
	[FEE_YEAR] = MSG_FEE_PER_YEAR, [FEE_HALF_YEAR] = MSG_FEE_PER_HALF_YEAR,
	[FEE_MONTH] = MSG_FEE_PER_MONTH, [FEE_TIME] = MSG_FEE_PER_TIME,
};
const struct vocab vocab_categories = VOCAB(category_codes, category_msgs);
const struct vocab vocab_fee_pers = VOCAB(fee_codes, fee_msgs);

static const char *const meeting_fields[MEETINGS_MAX] = {
	"m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12",
};

struct version_table association_versions = VERSION_TABLE("association_version", "organisation_id", 0);

#define ASSOC_COLUMNS                                                                           \
	"o.id, o.name, o.sector, o.website, o.description, o.area_id, ar.name, o.lang, "       \
	"s.category, s.languages, s.fee_kr, s.fee_per, s.fritidspas, s.step_free, s.age_min, " \
	"s.age_max, s.contact_name, s.contact_email, s.contact_phone, s.updated_at "
#define ASSOC_FROM                                                                              \
	"FROM organisation o JOIN association s ON s.organisation_id = o.id "
/* Parameters 1..12: area (twice), category (twice), language pattern
 * (twice), age (three times), free, leisure pass, step-free. */
#define FACTS_FILTER                                                                            \
	"WHERE (CAST(? AS BIGINT) = 0 OR o.area_id = ?) "                                     \
	"AND (CAST(? AS TEXT) IS NULL OR s.category = ?) "                                    \
	"AND (CAST(? AS TEXT) IS NULL OR (' ' || s.languages || ' ') LIKE ?) "                \
	"AND (CAST(? AS BIGINT) < 0 OR ((s.age_min IS NULL OR s.age_min <= ?) AND "           \
	"(s.age_max IS NULL OR s.age_max >= ?))) "                                             \
	"AND (CAST(? AS BIGINT) = 0 OR s.fee_kr = 0) "                                        \
	"AND (CAST(? AS BIGINT) = 0 OR s.fritidspas = 1) "                                    \
	"AND (CAST(? AS BIGINT) = 0 OR s.step_free = 1) "
#define FACTS_PARAMS 12
/* A meeting m on one of seven weekdays (0 for none), at or after a time. */
#define MEETING_MATCH "m.weekday IN (?, ?, ?, ?, ?, ?, ?) AND m.starts_min >= ? "
#define MEETING_PARAMS 8
/* Whether the day or time filter is on, then the meeting it asks for. */
#define WHEN_FILTER                                                                             \
	"AND (CAST(? AS BIGINT) = 0 OR EXISTS (SELECT 1 FROM association_meeting m "           \
	"WHERE m.organisation_id = o.id AND " MEETING_MATCH ")) "
#define MEETING_COLUMNS "m.id, m.organisation_id, m.weekday, m.starts_min, m.ends_min, m.place, m.what "

static struct store_sql list_sql = STORE_SQL(
	"SELECT " ASSOC_COLUMNS ASSOC_FROM "LEFT JOIN area ar ON ar.id = o.area_id " FACTS_FILTER
		WHEN_FILTER "ORDER BY o.name_key, o.id LIMIT ? OFFSET ?");
static struct store_sql count_sql =
	STORE_SQL("SELECT COUNT(*) " ASSOC_FROM FACTS_FILTER WHEN_FILTER);
static struct store_sql page_meetings_sql = STORE_SQL(
	"SELECT " MEETING_COLUMNS "FROM association_meeting m WHERE m.organisation_id IN "
	"(SELECT o.id " ASSOC_FROM FACTS_FILTER WHEN_FILTER "ORDER BY o.name_key, o.id LIMIT ? OFFSET ?) "
	"ORDER BY m.organisation_id, m.weekday, m.starts_min, m.id");
static struct store_sql week_sql = STORE_SQL(
	"SELECT " MEETING_COLUMNS ", o.name, o.lang, s.category FROM association_meeting m "
	"JOIN organisation o ON o.id = m.organisation_id JOIN association s ON s.organisation_id = o.id "
	FACTS_FILTER "AND " MEETING_MATCH "ORDER BY m.weekday, m.starts_min, o.name_key, m.id LIMIT ?");
static struct store_sql get_sql = STORE_SQL(
	"SELECT " ASSOC_COLUMNS ASSOC_FROM "LEFT JOIN area ar ON ar.id = o.area_id WHERE o.id = ?");
static struct store_sql meetings_sql = STORE_SQL(
	"SELECT " MEETING_COLUMNS "FROM association_meeting m WHERE m.organisation_id = ? "
	"ORDER BY m.weekday, m.starts_min, m.id");
static struct store_sql upsert_sql = STORE_SQL(
	"INSERT INTO association (organisation_id, category, languages, fee_kr, fee_per, fritidspas, "
	"age_min, age_max, step_free, contact_name, contact_email, contact_phone, updated_by, "
	"updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	"ON CONFLICT (organisation_id) DO UPDATE SET category = excluded.category, "
	"languages = excluded.languages, fee_kr = excluded.fee_kr, fee_per = excluded.fee_per, "
	"fritidspas = excluded.fritidspas, age_min = excluded.age_min, age_max = excluded.age_max, "
	"step_free = excluded.step_free, contact_name = excluded.contact_name, "
	"contact_email = excluded.contact_email, contact_phone = excluded.contact_phone, "
	"updated_by = excluded.updated_by, updated_at = excluded.updated_at");
static struct store_sql clear_meetings_sql =
	STORE_SQL("DELETE FROM association_meeting WHERE organisation_id = ?");
static struct store_sql insert_meeting_sql = STORE_SQL(
	"INSERT INTO association_meeting (organisation_id, weekday, starts_min, ends_min, place, what) "
	"VALUES (?, ?, ?, ?, ?, ?)");
static struct store_sql area_count_sql = STORE_SQL(
	"SELECT COUNT(*) " ASSOC_FROM "WHERE (CAST(? AS BIGINT) = 0 OR o.area_id = ?)");

const char *association_meeting_field(size_t i)
{
	return i < MEETINGS_MAX ? meeting_fields[i] : "meetings";
}

static void association_read(struct store_stmt *st, struct region *a, void *item)
{
	struct association *x = item;
	memset(x, 0, sizeof *x);
	x->org.id = store_col_int(st, 0);
	x->org.name = model_text(st, a, 1);
	int sector = sector_parse(store_col_text(st, 2));
	x->org.sector = sector < 0 ? SECTOR_VOLUNTARY : (enum sector)sector;
	x->org.website = model_text(st, a, 3);
	x->org.description = model_text(st, a, 4);
	x->org.area_id = store_col_int(st, 5);
	x->org.area_name = model_text(st, a, 6);
	x->org.lang = model_text(st, a, 7);
	int c = vocab_parse(&vocab_categories, store_col_text(st, 8));
	x->category = c < 0 ? CATEGORY_OTHER : (enum category)c;
	x->languages = model_text(st, a, 9);
	x->fee_kr = store_col_null(st, 10) ? -1 : store_col_int(st, 10);
	int f = vocab_parse(&vocab_fee_pers, store_col_text(st, 11));
	x->fee_per = f < 0 ? FEE_YEAR : (enum fee_per)f;
	x->fritidspas = store_col_int(st, 12) != 0;
	x->step_free = store_col_int(st, 13) != 0;
	x->age_min = store_col_null(st, 14) ? -1 : (int)store_col_int(st, 14);
	x->age_max = store_col_null(st, 15) ? -1 : (int)store_col_int(st, 15);
	x->contact_name = model_text(st, a, 16);
	x->contact_email = model_text(st, a, 17);
	x->contact_phone = model_text(st, a, 18);
	x->updated_at = store_col_int(st, 19);
}

static void meeting_read(struct store_stmt *st, struct region *a, void *item)
{
	struct meeting *m = item;
	memset(m, 0, sizeof *m);
	m->id = store_col_int(st, 0);
	m->organisation_id = store_col_int(st, 1);
	m->weekday = (int)store_col_int(st, 2);
	m->starts_min = (int)store_col_int(st, 3);
	m->ends_min = (int)store_col_int(st, 4);
	m->place = model_text(st, a, 5);
	m->what = model_text(st, a, 6);
}

static void week_read(struct store_stmt *st, struct region *a, void *item)
{
	struct meeting *m = item;
	meeting_read(st, a, item);
	m->org_name = model_text(st, a, 7);
	m->org_lang = model_text(st, a, 8);
	int c = vocab_parse(&vocab_categories, store_col_text(st, 9));
	m->org_category = c < 0 ? CATEGORY_OTHER : (enum category)c;
}

/* Binds FACTS_FILTER from parameter first on; returns the next. */
static int bind_facts(struct store_stmt *st, int first, const struct association_filter *f)
{
	int i = first;
	const char *cat = f->category >= 0 ? vocab_code(&vocab_categories, (enum category)f->category) : NULL;
	char pattern[16];
	const char *lang = f->language && language_find(f->language) ? f->language : NULL;
	if (lang)
		snprintf(pattern, sizeof pattern, "%% %s %%", lang);
	store_bind_int(st, i++, f->area_id);
	store_bind_int(st, i++, f->area_id);
	store_bind_text(st, i++, cat);
	store_bind_text(st, i++, cat);
	store_bind_text(st, i++, lang);
	store_bind_text(st, i++, lang ? pattern : NULL);
	for (int k = 0; k < 3; k++)
		store_bind_int(st, i++, f->age);
	store_bind_int(st, i++, f->free);
	store_bind_int(st, i++, f->fritidspas);
	store_bind_int(st, i++, f->step_free);
	return i;
}

/* Binds MEETING_MATCH from parameter first on; returns the next. */
static int bind_meeting(struct store_stmt *st, int first, const struct association_filter *f)
{
	int i = first;
	unsigned days = f->days & 0x7f ? f->days & 0x7f : 0x7f;
	for (int d = 1; d <= 7; d++)
		store_bind_int(st, i++, days & (1u << (d - 1)) ? d : 0);
	store_bind_int(st, i++, f->from_min > 0 ? f->from_min : 0);
	return i;
}

/* Binds FACTS_FILTER WHEN_FILTER from parameter first on. */
static int bind_filter_at(struct store_stmt *st, int first, const struct association_filter *f)
{
	int i = bind_facts(st, first, f);
	store_bind_int(st, i++, (f->days & 0x7f) != 0 || f->from_min > 0);
	return bind_meeting(st, i, f);
}

static int bind_filter(struct store_stmt *st, const void *filter)
{
	return bind_filter_at(st, 1, filter) - 1;
}
_Static_assert(FACTS_PARAMS + 1 + MEETING_PARAMS == 21, "the filter's parameters");

enum model_rc association_list(struct store *db, struct region *a,
			       const struct association_filter *f, struct paging *p,
			       struct association **items, size_t *n)
{
	enum model_rc rc = model_page(db, &count_sql, &list_sql, bind_filter, f, p, a, sizeof **items,
				      association_read, (void **)items, n, "association_list");
	if (rc != MODEL_OK || *n == 0)
		return rc;
	struct store_stmt *st = store_prepare(db, &page_meetings_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int i = bind_filter_at(st, 1, f);
	store_bind_int(st, i++, p->per_page);
	store_bind_int(st, i, paging_offset(p));
	struct meeting *m;
	size_t nm;
	rc = model_collect(db, st, a, sizeof *m, meeting_read, (void **)&m, &nm, "association_list_meetings");
	if (rc != MODEL_OK)
		return rc;
	/* Meetings come by organisation: each item's are one run. */
	for (size_t k = 0; k < *n; k++) {
		size_t j = 0;
		while (j < nm && m[j].organisation_id != (*items)[k].org.id)
			j++;
		(*items)[k].meetings = m + j;
		while (j < nm && m[j].organisation_id == (*items)[k].org.id) {
			(*items)[k].nmeetings++;
			j++;
		}
	}
	return MODEL_OK;
}

enum model_rc association_week(struct store *db, struct region *a,
			       const struct association_filter *f, size_t max, struct meeting **items,
			       size_t *n)
{
	struct store_stmt *st = store_prepare(db, &week_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int i = bind_meeting(st, bind_facts(st, 1, f), f);
	store_bind_int(st, i, (int64_t)max);
	return model_collect(db, st, a, sizeof **items, week_read, (void **)items, n, "association_week");
}

enum model_rc association_get(struct store *db, struct region *a, int64_t id,
			      struct association *out)
{
	struct store_stmt *st = store_prepare(db, &get_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	enum model_rc rc = model_one(db, st, a, out, association_read, "association_get");
	if (rc != MODEL_OK)
		return rc;
	st = store_prepare(db, &meetings_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, id);
	return model_collect(db, st, a, sizeof *out->meetings, meeting_read, (void **)&out->meetings,
			     &out->nmeetings, "association_meetings");
}

/* A contact e-mail: empty, or one @ with text on both sides and a dot
 * after it, no spaces. */
static int email_plausible(const char *s)
{
	const char *at = s ? strchr(s, '@') : NULL;
	if (s == NULL || *s == '\0')
		return 1;
	return at && at > s && strchr(at + 1, '@') == NULL && strchr(at, '.') && at[1] != '.' &&
	       s[strlen(s) - 1] != '.' && strpbrk(s, " <>,;\"") == NULL;
}

/* Checks the facts and meetings of in; languages normalised into langs. */
static void check_facts(const struct association *in, char *langs, size_t langlen,
			struct field_errors *errs)
{
	const char *bad;
	size_t badlen;
	if (language_find(in->org.lang) == NULL)
		field_error_add(errs, "lang", MSG_FORM_CHOOSE_ONE);
	if ((unsigned)in->category >= CATEGORY__MAX)
		field_error_add(errs, "category", MSG_FORM_CHOOSE_ONE);
	if (language_set_parse(in->languages, langs, langlen, &bad, &badlen) != 0)
		field_error_add(errs, "languages", MSG_FORM_BAD_LANGUAGES);
	else if (*langs == '\0')
		field_error_add(errs, "languages", MSG_FORM_REQUIRED);
	if (in->fee_kr < -1 || in->fee_kr > 100000)
		field_error_add(errs, "fee_kr", MSG_FORM_BAD_FEE);
	if ((unsigned)in->fee_per >= FEE__MAX)
		field_error_add(errs, "fee_per", MSG_FORM_CHOOSE_ONE);
	if (in->age_min < -1 || in->age_min > 120)
		field_error_add(errs, "age_min", MSG_FORM_BAD_AGE);
	if (in->age_max < -1 || in->age_max > 120 ||
	    (in->age_min >= 0 && in->age_max >= 0 && in->age_max < in->age_min))
		field_error_add(errs, "age_max", MSG_FORM_BAD_AGE);
	text_check(errs, "contact_name", in->contact_name, 0, CONTACT_MAX);
	if (text_check(errs, "contact_email", in->contact_email, 0, CONTACT_MAX) &&
	    !email_plausible(in->contact_email))
		field_error_add(errs, "contact_email", MSG_FORM_BAD_EMAIL);
	if (!text_blank(in->contact_phone) && !text_phone_ok(in->contact_phone))
		field_error_add(errs, "contact_phone", MSG_FORM_BAD_PHONE);
	if (in->nmeetings > MEETINGS_MAX)
		field_error_add(errs, "meetings", MSG_FORM_TOO_MANY_MEETINGS);
	for (size_t i = 0; i < in->nmeetings && i < MEETINGS_MAX; i++) {
		const struct meeting *m = &in->meetings[i];
		struct field_errors tmp = { .n = 0 };
		if (m->weekday < 1 || m->weekday > 7 || m->starts_min < 0 || m->ends_min > 1440 ||
		    m->ends_min <= m->starts_min || !text_check(&tmp, "place", m->place, 0, TEXT_NAME_MAX) ||
		    !text_check(&tmp, "what", m->what, 0, TEXT_NAME_MAX))
			field_error_add(errs, meeting_fields[i], MSG_FORM_BAD_MEETING);
	}
}

static void bind_optional(struct store_stmt *st, int i, int64_t v)
{
	if (v < 0)
		store_bind_null(st, i);
	else
		store_bind_int(st, i, v);
}

enum model_rc association_check(struct store *db, const struct association *in, char *langs,
				size_t langlen, struct field_errors *errs)
{
	enum model_rc rc = organisation_check(db, &in->org, errs);
	if (rc != MODEL_OK && rc != MODEL_INVALID)
		return rc;
	check_facts(in, langs, langlen, errs);
	if (in->org.id > 0 && errs->n == 0) {
		/* The description may not move to a language a version is
		 * in: one of the two texts would be lost. */
		struct version v;
		struct region *tmp = region_new();
		rc = version_get(db, &association_versions, tmp, in->org.id, in->org.lang, &v);
		region_free(tmp);
		if (rc == MODEL_OK)
			field_error_add(errs, "lang", MSG_FORM_LANG_HAS_VERSION);
		else if (rc != MODEL_NOT_FOUND)
			return rc;
	}
	return errs->n ? MODEL_INVALID : MODEL_OK;
}

enum model_rc association_save(struct store *db, const struct association *in, int64_t actor_id,
			       int64_t *id, struct field_errors *errs)
{
	char langs[LANGUAGE_SET_MAX];
	enum model_rc rc = association_check(db, in, langs, sizeof langs, errs);
	if (rc != MODEL_OK)
		return rc;
	if (in->org.id > 0) {
		/* The association's forms and lists do not carry the
		 * organisation's image: it stays as it is. */
		struct organisation o;
		struct region *tmp = region_new();
		rc = organisation_get(db, tmp, in->org.id, &o);
		if (rc == MODEL_OK) {
			struct organisation changed = in->org;
			changed.image = o.image;
			changed.image_alt = o.image_alt;
			rc = organisation_update(db, in->org.id, &changed, errs);
		}
		region_free(tmp);
		*id = in->org.id;
	} else {
		rc = organisation_create(db, &in->org, id, errs);
	}
	if (rc != MODEL_OK)
		return rc;

	struct store_stmt *st = store_prepare(db, &upsert_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, *id);
	store_bind_text(st, 2, vocab_code(&vocab_categories, in->category));
	store_bind_text(st, 3, langs);
	bind_optional(st, 4, in->fee_kr);
	store_bind_text(st, 5, vocab_code(&vocab_fee_pers, in->fee_per));
	store_bind_int(st, 6, in->fritidspas != 0);
	bind_optional(st, 7, in->age_min);
	bind_optional(st, 8, in->age_max);
	store_bind_int(st, 9, in->step_free != 0);
	store_bind_text(st, 10, in->contact_name ? in->contact_name : "");
	store_bind_text(st, 11, in->contact_email ? in->contact_email : "");
	store_bind_text(st, 12, in->contact_phone ? in->contact_phone : "");
	bind_optional(st, 13, actor_id > 0 ? actor_id : -1);
	store_bind_int(st, 14, model_now());
	if ((rc = model_exec(db, st, NULL, "association_save")) != MODEL_OK)
		return rc;
	if ((st = store_prepare(db, &clear_meetings_sql)) == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, *id);
	if ((rc = model_exec(db, st, NULL, "association_clear_meetings")) != MODEL_OK)
		return rc;
	for (size_t i = 0; i < in->nmeetings; i++) {
		const struct meeting *m = &in->meetings[i];
		if ((st = store_prepare(db, &insert_meeting_sql)) == NULL)
			return MODEL_ERROR;
		store_bind_int(st, 1, *id);
		store_bind_int(st, 2, m->weekday);
		store_bind_int(st, 3, m->starts_min);
		store_bind_int(st, 4, m->ends_min);
		store_bind_text(st, 5, m->place ? m->place : "");
		store_bind_text(st, 6, m->what ? m->what : "");
		if ((rc = model_exec(db, st, NULL, "association_meeting")) != MODEL_OK)
			return rc;
	}
	return MODEL_OK;
}

static void read_count(struct store_stmt *st, struct region *a, void *item)
{
	(void)a;
	*(int64_t *)item = store_col_int(st, 0);
}

enum model_rc association_count(struct store *db, int64_t area_id, int64_t *n)
{
	struct store_stmt *st = store_prepare(db, &area_count_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, area_id);
	store_bind_int(st, 2, area_id);
	return model_one(db, st, NULL, n, read_count, "association_count");
}
