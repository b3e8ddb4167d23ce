/*
 * association.h: associations (foreninger): organisations with the facts
 * a newcomer looks for: what kind (category), when and where they meet
 * each week, the languages spoken, the fee and whether the municipality's
 * leisure pass (fritidspas) pays it for children, the ages it is for,
 * step-free access, and a contact person. The directory filters on all of
 * these at once, including "meets after 16:00" and "at the weekend".
 * The contact person's e-mail and phone are never public: only staff and
 * the association's representatives read them (the pages check who asks).
 * Owns tables association, association_meeting and association_version.
 */
#ifndef SAMSKAB_MODEL_ASSOCIATION_H
#define SAMSKAB_MODEL_ASSOCIATION_H

#include "model/organisation.h"
#include "model/vocab.h"
#include "model/version.h"

enum category {
	CATEGORY_SPORT,
	CATEGORY_CULTURE,
	CATEGORY_MUSIC,
	CATEGORY_CRAFTS,
	CATEGORY_GAMES,
	CATEGORY_NATURE,
	CATEGORY_SCOUTS,
	CATEGORY_FAITH,
	CATEGORY_SENIORS,
	CATEGORY_YOUTH,
	CATEGORY_FAMILIES,
	CATEGORY_SOCIAL,
	CATEGORY_LANGUAGE,
	CATEGORY_OTHER,
	CATEGORY__MAX
};

/* What a fee is paid for. */
enum fee_per { FEE_YEAR, FEE_HALF_YEAR, FEE_MONTH, FEE_TIME, FEE__MAX };

#define MEETINGS_MAX 12
#define CONTACT_MAX 200 /* characters of a contact name, e-mail or phone */

/* One weekly meeting, in Danish local time. */
struct meeting {
	int64_t id, organisation_id;
	int weekday;              /* 1 Monday .. 7 Sunday (ISO 8601) */
	int starts_min, ends_min; /* minutes after midnight */
	const char *place, *what;
	/* Read with the meetings of an area's week: */
	const char *org_name, *org_lang;
	enum category org_category;
};

struct association {
	struct organisation org; /* name, description (the original), area, lang */
	enum category category;
	const char *languages;   /* codes spoken, space-separated (core/language.h) */
	int64_t fee_kr;          /* -1: not stated; 0: free */
	enum fee_per fee_per;
	int fritidspas, step_free;
	int age_min, age_max;    /* -1: no bound */
	const char *contact_name;
	const char *contact_email, *contact_phone; /* never public */
	int64_t updated_at;
	struct meeting *meetings; /* by weekday and time */
	size_t nmeetings;
};

/* What the directory and an area's week show; every part narrows. */
struct association_filter {
	int64_t area_id;     /* 0: every area */
	int category;        /* enum category, or -1 */
	const char *language; /* a content language code, or NULL */
	unsigned days;       /* bit (1 << (weekday - 1)) per day; 0: any */
	int from_min;        /* meets starting at or after; -1: any time */
	int age;             /* for someone this old; -1: any */
	int free, fritidspas, step_free; /* 1: only those */
};
#define ASSOCIATION_FILTER_ALL { 0, -1, NULL, 0, -1, -1, 0, 0, 0 }
#define DAYS_WEEKDAYS 0x1fu /* Monday to Friday */
#define DAYS_WEEKEND 0x60u  /* Saturday and Sunday */

/* Codes as stored and in the CSV, with their names (model/vocab.h). */
extern const struct vocab vocab_categories, vocab_fee_pers;

/* Versions of associations' descriptions in other languages. */
extern struct version_table association_versions;

/* One page of associations by name, each with its meetings; p->total. */
MODEL_MUST_USE enum model_rc association_list(struct store *db, struct region *a,
					      const struct association_filter *f, struct paging *p,
					      struct association **items, size_t *n);
/* The meetings that pass the filter (of associations that pass it), by
 * weekday and time: an area's week. At most max. */
MODEL_MUST_USE enum model_rc association_week(struct store *db, struct region *a,
					      const struct association_filter *f, size_t max,
					      struct meeting **items, size_t *n);
/* The association of organisation id, with its meetings; MODEL_NOT_FOUND
 * when there is no such organisation or it is not an association. */
MODEL_MUST_USE enum model_rc association_get(struct store *db, struct region *a, int64_t id,
					     struct association *out);
/* Checks in (the organisation's fields, the facts and the meetings)
 * without writing anything: MODEL_OK with the languages normalised into
 * langs (LANGUAGE_SET_MAX bytes), MODEL_INVALID with errs, or the
 * store's code. */
MODEL_MUST_USE enum model_rc association_check(struct store *db, const struct association *in,
					       char *langs, size_t langlen, struct field_errors *errs);
/* association_check, then creates the organisation (in->org.id 0) or updates it, and
 * writes its facts and meetings (replacing those it had), in the
 * caller's transaction. *id gets the organisation's id. MODEL_INVALID
 * with errs (meeting i's error on field association_meeting_field(i)),
 * MODEL_CONFLICT for a name another organisation has. */
MODEL_MUST_USE enum model_rc association_save(struct store *db, const struct association *in,
					      int64_t actor_id, int64_t *id, struct field_errors *errs);
/* "m1".."m12": the form field (a row of the meetings) of meeting i. */
const char *association_meeting_field(size_t i);
/* How many associations an area has (0: all areas). */
MODEL_MUST_USE enum model_rc association_count(struct store *db, int64_t area_id, int64_t *n);

#endif
