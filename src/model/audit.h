/*
 * audit.h: the append-only audit log: every role change and every read
 * and change of personal data that needs it (lists of who comes to an
 * activity with their needs, "my data" downloads, exports, sign-ups
 * staff make or cancel for others), with who, what, whose, when and from
 * where. Readable by administrators only (see the route table) and
 * rendered for people there (web/admin.c: one sentence per kind, with
 * names and links); the database refuses updates and deletes (migration
 * 0003). Other features record their own kinds: add a kind here and its
 * sentence in web/admin.c. Owns table audit_log.
 */
#ifndef SAMSKAB_MODEL_AUDIT_H
#define SAMSKAB_MODEL_AUDIT_H

#include <stddef.h>

#include "model/model.h"

enum audit_kind {
	AUDIT_ROLE_GRANTED,       /* person got a role (detail: its code) in object, or everywhere */
	AUDIT_ROLE_REVOKED,
	AUDIT_ACCOUNT_DELETED,    /* person deleted their account (detail: keep|remove their texts) */
	AUDIT_MY_DATA_READ,       /* person downloaded everything held about them */
	AUDIT_ATTENDEES_READ,     /* actor saw the sign-ups with needs of object (an activity) */
	AUDIT_ATTENDEES_EXPORTED, /* actor downloaded them as a file */
	AUDIT_SIGNUP_ADDED,       /* actor signed someone up for object (detail: their name) */
	AUDIT_SIGNUP_CANCELLED,   /* actor cancelled someone's sign-up (detail: their name) */
	AUDIT_COMMENT_HIDDEN,     /* actor hid person's comment on object (a proposal; detail: why) */
	AUDIT_COMMENT_SHOWN,      /* actor showed it again */
	/* The guide programme: object a newcomer, unless said otherwise;
	 * detail why, in the model's words. */
	AUDIT_NEWCOMER_CREATED,   /* detail: how consent was given */
	AUDIT_NEWCOMER_READ,
	AUDIT_NEWCOMER_SUMMARY_READ, /* first name, languages, interests, area */
	AUDIT_NEWCOMERS_LISTED,   /* object: the programme */
	AUDIT_NEWCOMER_UPDATED,
	AUDIT_NEWCOMER_STATUS,    /* detail: the new status */
	AUDIT_NEWCOMER_ANSWER,    /* an answer to a proposed match */
	AUDIT_NEWCOMER_DELETED,   /* by the retention job (actor 0) */
	AUDIT_MATCHING_RUN,       /* object: the programme; detail: the outcome */
	AUDIT_GUIDE_RECORD_CHECKED, /* object: the guide; their criminal record certificate seen */
	AUDIT_GUIDE_RECORD_CLEARED,
	AUDIT_PERSONAL_EXPORTED,  /* actor took the personal data of object (an arena; none: every
				   * arena) out (detail: the file, or the folder) */
	AUDIT_OFFER_ANSWERED_FOR, /* actor answered a welcome offer for a newcomer (detail: their
				   * name, the offer's number and how they consented) */
	AUDIT_KIND__MAX
};

/* What an entry is about. */
enum audit_object { AUDIT_ON_NOTHING, AUDIT_ON_ARENA, AUDIT_ON_ACTIVITY, AUDIT_ON_ORGANISATION,
		    AUDIT_ON_AREA, AUDIT_ON_PROPOSAL, AUDIT_ON_PROGRAMME, AUDIT_ON_NEWCOMER, AUDIT_ON_GUIDE,
		    AUDIT_OBJECT__MAX };

struct audit_event {
	enum audit_kind kind;
	int64_t actor_id;           /* 0: the system (a command-line tool) */
	int64_t person_id;          /* whose data or role; 0: none or not an account */
	enum audit_object object;
	int64_t object_id;
	const char *detail;         /* per kind (above); NULL: "" */
	const char *client;         /* address, or "command line" */
};

struct audit_entry {
	int64_t id, at, actor_id, person_id, object_id;
	int kind;                   /* enum audit_kind; -1 for an entry of an older kind */
	enum audit_object object;
	const char *actor_name;     /* NULL when the account is gone */
	const char *person_name;    /* NULL when gone or none */
	const char *object_name;    /* NULL when gone or none; a newcomer's is "" (never named) */
	int64_t object_parent_id;   /* an activity's or a proposal's arena, a newcomer's or a
				       guide's programme, for its link */
	const char *action, *subject, *detail, *client;
};

const char *audit_kind_code(enum audit_kind k);
int audit_kind_parse(const char *code); /* -1 if unknown */
const char *audit_object_code(enum audit_object o);

MODEL_MUST_USE enum model_rc audit_record(struct store *db, const struct audit_event *e);
/* Newest first, one page; p->total set. */
MODEL_MUST_USE enum model_rc audit_list(struct store *db, struct region *a, struct paging *p,
			 struct audit_entry **items, size_t *n);

#endif
