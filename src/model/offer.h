/*
 * offer.h: welcome offers. A local person (maybe for an association they
 * represent) invites newcomers in their area: "run with us on Tuesdays",
 * "dinner at our place". An offer has a period (local dates), maybe a time
 * of day, the languages the host speaks and how many places; it expires
 * after its last day. A newcomer answers it (or a coordinator does for
 * one, recording how the newcomer consented); host and answerer write
 * through the platform, and each one's contact details are shown to the
 * other only when both have said yes: the answer is the newcomer's yes,
 * accepting it the host's. Anyone may report an offer; a moderator may
 * hide one, with a reason the host sees.
 *
 * Nobody's address, phone or e-mail is in an offer or on a public page:
 * the contact details each side gives are read only with their answer,
 * and the e-mail addresses read here are for mail to them, never shown.
 * Owns tables welcome_offer, offer_version, offer_answer, offer_message
 * and offer_report.
 */
#ifndef SAMSKAB_MODEL_OFFER_H
#define SAMSKAB_MODEL_OFFER_H

#include "model/model.h"
#include "model/version.h"
#include "model/vocab.h"

#define OFFER_PLACES_MAX 50
#define ANSWER_PEOPLE_MAX 10
#define MESSAGE_MAX 4000   /* characters of a message */
#define REASON_MAX 1000    /* of a report or a reason for hiding */
#define OFFER_DAYS_MAX 366 /* the longest period an offer runs */

struct offer {
	int64_t id;
	int64_t author_id;
	const char *author_name;
	const char *author_email, *author_lang; /* for mail to the host only */
	int64_t organisation_id;   /* 0: a private person's offer */
	const char *organisation_name;
	int64_t area_id;
	const char *area_name;
	const char *title, *body;  /* the original, or in a list the version asked for */
	const char *lang;          /* of title and body */
	const char *original_lang;
	const char *langs;         /* in a list: the versions' codes, space-separated */
	const char *starts_on, *ends_on; /* YYYY-MM-DD, local */
	const char *at_time;       /* HH:MM, or "" */
	const char *languages;     /* codes the host speaks */
	int places, taken;
	int closed;                /* closed by the host */
	int expired;               /* ends_on is before today */
	int64_t hidden_at;         /* 0: not hidden */
	const char *hidden_reason;
	int64_t open_reports;
	int64_t created_at, updated_at;
};

struct offer_filter {
	int64_t area_id;      /* 0: every area */
	const char *language; /* the host speaks it; NULL: any */
	const char *lang;     /* titles in this language where a version has them */
};

enum answer_status { ANSWER_WAITING, ANSWER_ACCEPTED, ANSWER_DECLINED, ANSWER_WITHDRAWN, ANSWER__MAX };
/* How a newcomer consented to an answer a coordinator gave for them. */
enum answer_consent { CONSENT_SELF, CONSENT_IN_PERSON, CONSENT_PHONE, CONSENT_WRITTEN, ANSWER_CONSENT__MAX };

struct answer {
	int64_t id, offer_id;
	const char *offer_title, *offer_lang;
	int64_t host_id;
	const char *host_name, *host_email, *host_lang;  /* e-mail for mail only */
	int64_t account_id;        /* who answered */
	const char *account_name, *account_email, *account_lang;
	const char *for_name;      /* "" unless a coordinator answered for a newcomer */
	enum answer_consent consent;
	int64_t consent_at;
	int people;
	enum answer_status status;
	const char *answer_contact, *host_contact; /* shown to both once accepted */
	int64_t decided_at, created_at, updated_at;
};

struct offer_message {
	int64_t id, answer_id, author_id;
	const char *author_name;   /* NULL when the account is gone */
	const char *body;
	int64_t created_at;
};

struct offer_report {
	int64_t id, offer_id, account_id;
	const char *account_name;  /* NULL: a visitor */
	const char *reason;
	int64_t created_at;
};

extern struct version_table offer_versions;

/* Codes as stored, with their names (model/vocab.h). */
extern const struct vocab vocab_answer_statuses, vocab_answer_consents;

/* Today in Danish local time, YYYY-MM-DD (model_now's day). */
void offer_today(char out[11]);

/* Open offers (not closed, hidden or expired), soonest first; p->total. */
MODEL_MUST_USE enum model_rc offer_list(struct store *db, struct region *a, const struct offer_filter *f,
					struct paging *p, struct offer **items, size_t *n);
/* Every offer of an author, newest first. */
MODEL_MUST_USE enum model_rc offer_list_author(struct store *db, struct region *a, int64_t author_id,
					       struct offer **items, size_t *n);
/* Offers with reports not yet handled, or hidden, newest first. */
MODEL_MUST_USE enum model_rc offer_list_moderation(struct store *db, struct region *a,
						   struct offer **items, size_t *n);
/* The offer with its original text, whatever its state. */
MODEL_MUST_USE enum model_rc offer_get(struct store *db, struct region *a, int64_t id, struct offer *out);
/* Validates and creates (in->id 0; in->author_id set) or updates an
 * offer's text, period, time, languages, places, area and association.
 * Errors on "title", "body", "lang", "area", "starts_on", "ends_on"
 * (before the start, in the past, or more than OFFER_DAYS_MAX days),
 * "at_time", "languages", "places" (1..50, not below those accepted). */
MODEL_MUST_USE enum model_rc offer_save(struct store *db, const struct offer *in, int64_t *id,
					struct field_errors *errs);
/* The host closes it (no more answers) or opens it again. */
MODEL_MUST_USE enum model_rc offer_set_closed(struct store *db, int64_t id, int closed);
/* A moderator hides it, with a reason (required: "reason"), which also
 * handles its reports; or shows it again. */
MODEL_MUST_USE enum model_rc offer_hide(struct store *db, int64_t id, int64_t moderator_id,
					const char *reason, struct field_errors *errs);
MODEL_MUST_USE enum model_rc offer_unhide(struct store *db, int64_t id);
/* A report (account_id 0: a visitor); "reason" 1..REASON_MAX. */
MODEL_MUST_USE enum model_rc offer_report(struct store *db, int64_t id, int64_t account_id,
					  const char *reason, struct field_errors *errs);
MODEL_MUST_USE enum model_rc offer_reports(struct store *db, struct region *a, int64_t id,
					   struct offer_report **items, size_t *n);
/* Marks the offer's reports handled (kept, as the moderator's record). */
MODEL_MUST_USE enum model_rc offer_reports_handled(struct store *db, int64_t id, int64_t moderator_id);

/*
 * An answer to an open offer: by account_id, for a newcomer named
 * for_name ("" when answering for oneself, then consent must be
 * CONSENT_SELF, else not), for people people, with the contact details
 * to give the host once accepted, and a first message. Errors on
 * "people", "contact", "message", "for_name", "consent"; MODEL_CONFLICT
 * when the offer is not open (closed, hidden, expired), is one's own,
 * or was already answered by them (for that person).
 */
MODEL_MUST_USE enum model_rc offer_answer_create(struct store *db, int64_t offer_id, int64_t account_id,
						 const char *for_name, enum answer_consent consent,
						 int people, const char *contact, const char *message,
						 int64_t *id, struct field_errors *errs);
MODEL_MUST_USE enum model_rc offer_answer_get(struct store *db, struct region *a, int64_t id,
					      struct answer *out);
/* The answers to an offer, oldest first. */
MODEL_MUST_USE enum model_rc offer_answers_of_offer(struct store *db, struct region *a, int64_t offer_id,
						    struct answer **items, size_t *n);
/* The answers an account gave, newest first. */
MODEL_MUST_USE enum model_rc offer_answers_of_account(struct store *db, struct region *a,
						      int64_t account_id, struct answer **items,
						      size_t *n);
/* The host says yes, giving their contact details ("contact"): the
 * answer takes its people's places. MODEL_CONFLICT when it is not
 * waiting or too few places are left. */
MODEL_MUST_USE enum model_rc offer_answer_accept(struct store *db, int64_t id, const char *contact,
						 struct field_errors *errs);
/* The host says no (a waiting answer), or the answerer withdraws (a
 * waiting or accepted one: the places are free again). MODEL_CONFLICT
 * from another state. */
MODEL_MUST_USE enum model_rc offer_answer_decline(struct store *db, int64_t id);
MODEL_MUST_USE enum model_rc offer_answer_withdraw(struct store *db, int64_t id);
/* A message in an answer's conversation; "message" 1..MESSAGE_MAX. */
MODEL_MUST_USE enum model_rc offer_message_add(struct store *db, int64_t answer_id, int64_t author_id,
					       const char *body, struct field_errors *errs);
MODEL_MUST_USE enum model_rc offer_messages(struct store *db, struct region *a, int64_t answer_id,
					    struct offer_message **items, size_t *n);
/* Before an account is deleted: the places its accepted answers took
 * are freed (its answers and offers go with it by ON DELETE CASCADE),
 * and with remove its messages in others' conversations go too (else
 * they stay, from a deleted user). */
MODEL_MUST_USE enum model_rc offer_forget_account(struct store *db, int64_t account_id, int remove);

#endif
