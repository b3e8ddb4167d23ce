/*
 * programmedb.c: a guide programme for model tests (see programmedb.h).
 */
#include "support/programmedb.h"

#include <string.h>

#include "model/area.h"
#include "model/guide.h"
#include "model/programme.h"

void programmedb_setup(struct modeldb *m, struct programmedb *f)
{
	memset(f, 0, sizeof *f);
	f->m = m;
	f->aarup = modeldb_area(m, "Aarup");
	f->assens = modeldb_area(m, "Assens");
	f->glamsbjerg = modeldb_area(m, "Glamsbjerg");
	assert_int_equal(area_set_centre(m->db, f->aarup, 55380000, 10040000), MODEL_OK);
	assert_int_equal(area_set_centre(m->db, f->assens, 55270000, 9900000), MODEL_OK);
	assert_int_equal(area_set_centre(m->db, f->glamsbjerg, 55273000, 10107000), MODEL_OK);
	struct programme p = { .name = "Vejvisere i Assens", .weight_interest = 10,
			       .weight_near = 3, .weight_wait = 2 };
	struct field_errors e = { .n = 0 };
	assert_int_equal(programme_create(m->db, &p, &f->programme, &e), MODEL_OK);
	f->coordinator = modeldb_account(m, "koordinator@assens.dk", "Karin Koordinator");
	f->who = (struct newcomer_actor){ f->coordinator, "192.0.2.1" };
}

static uint64_t langs(const char *codes)
{
	uint64_t set = 0;
	const char *bad;
	size_t badlen;
	assert_int_equal(vocab_set_parse(&vocab_languages, codes, &set, &bad, &badlen), 0);
	return set;
}

int64_t programmedb_guide(struct programmedb *f, const char *email, const char *name,
			  int64_t area, const char *languages, int capacity)
{
	struct guide g = {
		.programme_id = f->programme,
		.account_id = modeldb_account(f->m, email, name),
		.area_id = area,
		.reach_km = 15,
		.languages = langs(languages),
		.interests = 1, /* football */
		.availability = 6,
		.capacity = capacity,
		.gender = GENDER_WOMAN,
	};
	struct field_errors e = { .n = 0 };
	int64_t id = 0;
	assert_int_equal(guide_create(f->m->db, &g, &id, &e), MODEL_OK);
	return id;
}

int64_t programmedb_newcomer(struct programmedb *f, const char *first_name, int64_t area,
			     const char *languages, const char *born)
{
	struct newcomer x = {
		.programme_id = f->programme,
		.first_name = first_name,
		.target_group = TARGET_REFUGEE,
		.born = born,
		.area_id = area,
		.languages = langs(languages),
		.interests = 1,
		.availability = 4,
		.consent_how = CONSENT_HOW_PHONE,
	};
	struct field_errors e = { .n = 0 };
	int64_t id = 0;
	enum model_rc rc = newcomer_create(f->m->db, &x, 1, &f->who, &id, &e);
	if (rc != MODEL_OK)
		fail_msg("newcomer_create(%s): %d, %d field errors (%s)", first_name, rc, e.n,
			 e.n ? e.items[0].field : "");
	return id;
}

int64_t programmedb_audits(struct programmedb *f, const char *action, const char *subject)
{
	return modeldb_int(f->m, "SELECT COUNT(*) FROM audit_log WHERE action = '%s' AND subject = '%s'",
			   action, subject);
}
