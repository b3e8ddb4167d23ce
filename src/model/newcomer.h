/*
 * newcomer.h: newcomers of a guide programme: a refugee, a young person
 * or a person on long-term sick leave (the target group), with where they
 * live, languages, interests, when they are free, their preferences and
 * needs. They sign up themselves, or a coordinator registers them with
 * their consent recorded (how it was given, and by whom). Owns table
 * newcomer.
 *
 * This is special-category personal data (GDPR art. 9: it reveals refugee
 * status or health): every function here that reads or changes it takes
 * the actor and writes the access to the audit log in the same breath
 * (subject "newcomer N" or "programme N", never a name), and fails, so the
 * caller shows nothing, when the log cannot be written. The one exception
 * is a person reading their own records (newcomer_own). Data is deleted by
 * newcomer_purge a set time after the newcomer withdrew or their last
 * match ended.
 */
#ifndef SAMSKAB_MODEL_NEWCOMER_H
#define SAMSKAB_MODEL_NEWCOMER_H

#include "model/model.h"
#include "model/vocab.h"

enum newcomer_status { NEWCOMER_WAITING, NEWCOMER_MATCHED, NEWCOMER_ENDED, NEWCOMER_WITHDRAWN,
		       NEWCOMER_STATUS__MAX };

struct newcomer {
	int64_t id, programme_id, account_id, area_id; /* account 0: none */
	const char *first_name, *last_name, *email, *phone, *lang;
	const char *born;            /* YYYY-MM-DD */
	const char *needs, *area_name;
	enum target_group target_group;
	enum gender gender;
	uint64_t languages, interests;
	uint8_t availability;
	int same_gender;             /* prefers a guide of their own gender */
	int64_t consent_at, consent_by;
	enum consent_how consent_how;
	enum newcomer_status status;
	int64_t waiting_since, ended_at, created_at, updated_at;
};

/* Who is reading or changing newcomer data: an account (0: the system,
 * e.g. the retention job), from where, and why (for the log's detail). */
struct newcomer_actor {
	int64_t account_id;
	const char *client;
};

const char *newcomer_status_code(enum newcomer_status s);
enum msg newcomer_status_msg(enum newcomer_status s);
int newcomer_status_parse(const char *code);
/* Under 18 on the local date of now. A born that does not parse counts
 * as a minor: the stricter rule. */
int newcomer_is_minor(const char *born, int64_t now);

/* Registers a newcomer, waiting from in->waiting_since when it is set and
 * not in the future (a waiting list moved from elsewhere), else from now;
 * consent_given must be set (else MODEL_INVALID with
 * MSG_FORM_CONSENT_REQUIRED on "consent") and consent_how say how; with
 * CONSENT_HOW_SELF the actor is the newcomer (in->account_id). Audited. */
MODEL_MUST_USE enum model_rc newcomer_create(struct store *db, const struct newcomer *in, int consent_given,
			      const struct newcomer_actor *who, int64_t *id,
			      struct field_errors *errs);
/* Changes what the newcomer gave (not consent or status). Audited. */
MODEL_MUST_USE enum model_rc newcomer_update(struct store *db, int64_t id, const struct newcomer *in,
			      const struct newcomer_actor *who, struct field_errors *errs);
/* One newcomer; audited as read by who (why: the log's detail, e.g. the
 * page). MODEL_NOT_FOUND if none. */
MODEL_MUST_USE enum model_rc newcomer_get(struct store *db, struct region *a, int64_t id,
			   const struct newcomer_actor *who, const char *why, struct newcomer *out);
/* The programme's newcomers (all statuses), waiting longest first;
 * audited as one read of the list. */
MODEL_MUST_USE enum model_rc newcomer_list(struct store *db, struct region *a, int64_t programme_id,
			    const struct newcomer_actor *who, const char *why,
			    struct newcomer **items, size_t *n);
/* The account's own newcomer records (their own data: not logged). */
MODEL_MUST_USE enum model_rc newcomer_own(struct store *db, struct region *a, int64_t account_id,
			   struct newcomer **items, size_t *n);
/* Sets the status (waiting again: from now, keeping the earlier wait if
 * keep_wait); ended and withdrawn start the retention clock. Audited. */
MODEL_MUST_USE enum model_rc newcomer_set_status(struct store *db, int64_t id, enum newcomer_status s,
				  int keep_wait, const struct newcomer_actor *who);
/* Deletes newcomers who withdrew or whose last match ended more than
 * retention seconds before now, with their matches; each deletion is
 * logged (the system as actor). *deleted set. */
MODEL_MUST_USE enum model_rc newcomer_purge(struct store *db, int64_t now, int64_t retention, int64_t *deleted);

/* The dashboard's waiting list: per area and target group, how many wait
 * and the longest and median wait in days. */
struct newcomer_waiting {
	int64_t area_id;
	const char *area_name;
	enum target_group target_group;
	int64_t count, longest_days, median_days;
};
MODEL_MUST_USE enum model_rc newcomer_waiting_stats(struct store *db, struct region *a, int64_t programme_id,
				     int64_t now, struct newcomer_waiting **items, size_t *n);

#endif
