/*
 * guide.h: guides (vejvisere) of a programme: people with an account who
 * signed up themselves, often through their workplace (an organisation),
 * with where they live, how far they will go, the languages they speak,
 * their interests, when they are free, and how many newcomers they can
 * guide (1 to 3). A coordinator records that the child-protection record
 * (børneattest) was checked; until then the guide is never matched with
 * anyone under 18. The record check is audited. Owns table guide.
 */
#ifndef SAMSKAB_MODEL_GUIDE_H
#define SAMSKAB_MODEL_GUIDE_H

#include "model/model.h"
#include "model/vocab.h"

enum guide_status { GUIDE_ACTIVE, GUIDE_PAUSED, GUIDE_WITHDRAWN, GUIDE_STATUS__MAX };

#define GUIDE_CAPACITY_MAX 3
#define GUIDE_REACH_MAX 100 /* km */

struct guide {
	int64_t id, programme_id, account_id;
	int64_t organisation_id, area_id; /* organisation 0: none */
	const char *name, *email, *lang;  /* the account's */
	const char *organisation_name, *area_name;
	const char *phone, *note;
	enum gender gender;
	int32_t reach_km, capacity;
	uint8_t availability;             /* vocab_times bits */
	uint64_t languages, interests;    /* vocab_languages, vocab_interests bits */
	int64_t record_checked_at;        /* 0: not checked */
	enum guide_status status;
	int32_t taken;                    /* places taken by matches not ended */
	int64_t created_at, updated_at;
};

const char *guide_status_code(enum guide_status s);
enum msg guide_status_msg(enum guide_status s);
int guide_status_parse(const char *code);
/* The first word of a name (what a newcomer sees before both accept). */
const char *guide_first_name(struct region *a, const char *name);

/* Checks what a guide gives (area and workplace exist, 1..3 places, reach,
 * at least one language and time); field errors name the fields. */
MODEL_MUST_USE enum model_rc guide_check(struct store *db, const struct guide *in, struct field_errors *errs);
/* Signs the account up as a guide of the programme; MODEL_CONFLICT if it
 * is one already (MSG_GUIDE_ALREADY on "programme"). */
MODEL_MUST_USE enum model_rc guide_create(struct store *db, const struct guide *in, int64_t *id,
			   struct field_errors *errs);
MODEL_MUST_USE enum model_rc guide_update(struct store *db, int64_t id, const struct guide *in,
			   struct field_errors *errs);
MODEL_MUST_USE enum model_rc guide_get(struct store *db, struct region *a, int64_t id, struct guide *out);
/* The account's guide record in the programme; MODEL_NOT_FOUND if none. */
MODEL_MUST_USE enum model_rc guide_of_account(struct store *db, struct region *a, int64_t programme_id,
			       int64_t account_id, struct guide *out);
/* Every guide record of an account, in any programme. */
MODEL_MUST_USE enum model_rc guide_all_of_account(struct store *db, struct region *a, int64_t account_id,
				   struct guide **items, size_t *n);
/* The programme's guides (withdrawn ones too), by name. */
MODEL_MUST_USE enum model_rc guide_list(struct store *db, struct region *a, int64_t programme_id,
			 struct guide **items, size_t *n);
/* Guides from one workplace (any programme), for the organisation. */
MODEL_MUST_USE enum model_rc guide_count_of_organisation(struct store *db, int64_t programme_id,
					  int64_t organisation_id, int64_t *n);
MODEL_MUST_USE enum model_rc guide_set_status(struct store *db, int64_t id, enum guide_status s);
/* Records (checked 1) or clears the record check; audited. */
MODEL_MUST_USE enum model_rc guide_set_record_checked(struct store *db, int64_t id, int checked,
				       int64_t actor_id, const char *client);

#endif
