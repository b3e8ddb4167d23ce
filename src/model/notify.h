/*
 * notify.h: events and the people told of them. Everything that tells
 * people of something calls notify_event, once, in the transaction of the
 * change it tells of: activities (new, changed, cancelled), arenas (a new
 * phase), the dialogue (one's statement moderated), stories, invitations
 * of organisations, proposals, and local life (a new welcome offer):
 *
 *   struct notify_event e = { .kind = NOTIFY_PROPOSAL_STEP, .variant = "adopted",
 *       .arena_id = arena, .subject_kind = FOLLOW_PROPOSAL, .subject_id = proposal_id,
 *       .actor = r->user_id, .title = proposal_title, .detail = "Assens Byråd",
 *       .link = "/arenas/1/proposals/7" };
 *   rc = notify_event(db, &e, NULL);
 *
 * (a reply to a comment: NOTIFY_REPLY with .recipient the comment's
 * author; taking part in a proposal follows it: follow_taking_part).
 *
 * notify_event records the event and gives one notification to each
 * person concerned, once even when they are concerned twice, never to the
 * one who caused it: followers of the event's subject, of its arena and
 * of the arena's local areas as its kind says (kinds[] in notify.c), a
 * recipient named in the event, and the representatives and members of
 * an organisation named in it. Each notification says how and when it
 * goes out by mail, from the person's choice for its kind: at once
 * ('now', the next round of the background job), in the daily digest
 * (the default; at 07:00 Danish time) or the weekly one (Mondays at
 * 07:00), or not at all ('none': on the site only). jobs/digest.c sends
 * what is due. Owns tables event, notification and notify_pref.
 */
#ifndef SAMSKAB_MODEL_NOTIFY_H
#define SAMSKAB_MODEL_NOTIFY_H

#include "core/secret.h"
#include "model/follow.h"
#include "model/model.h"

enum notify_kind {
	NOTIFY_ACTIVITY_NEW,        /* a new activity in a followed arena or area */
	NOTIFY_ACTIVITY_CHANGED,    /* its time or place changed */
	NOTIFY_ACTIVITY_CANCELLED,
	NOTIFY_PHASE,               /* an arena moved on to another phase */
	NOTIFY_STATEMENT_MODERATED, /* one's statement accepted or rejected */
	NOTIFY_REPLY,               /* a reply to one's comment */
	NOTIFY_PROPOSAL_STEP,       /* a proposal's step or decision */
	NOTIFY_STORY,               /* a new story from a followed arena or area */
	NOTIFY_INVITATION,          /* one's organisation invited to an arena */
	NOTIFY_OFFER_NEW,           /* a new welcome offer in a followed area */
	NOTIFY__MAX
};

enum notify_mail { MAIL_NONE, MAIL_NOW, MAIL_DAILY, MAIL_WEEKLY, MAIL__MAX };

#define NOTIFY_MAIL_DEFAULT MAIL_DAILY
#define NOTIFY_DIGEST_HOUR 7 /* Danish local time */

struct notify_event {
	enum notify_kind kind;
	const char *variant;            /* which of the kind's lines tells of it (variants[]
					 * in notify.c); NULL: the kind's own */
	int64_t arena_id;               /* 0: none */
	enum follow_kind subject_kind;  /* followers of it are told */
	int64_t subject_id;             /* 0: no subject */
	int64_t area_id;                /* a local area of its own (a story's), or 0 */
	int64_t recipient;              /* an account told in any case, or 0 */
	int64_t organisation_id;        /* its representatives and members are told, or 0 */
	int64_t actor;                  /* who caused it: not told; 0 none */
	const char *title;              /* plain text: what it is about */
	const char *detail;             /* plain text: a phase, a place, a reason; NULL none */
	int64_t at;                     /* a time it names, or 0 */
	const char *link;               /* the path on this site */
};

/* A notification as a person reads it. */
struct notification {
	int64_t id;
	enum notify_kind kind;
	enum notify_mail mail;
	int64_t arena_id;
	const char *arena_title;        /* "" when none */
	const char *title, *detail;
	int64_t at;                     /* 0: none */
	const char *link;
	int64_t created_at, read_at;    /* read_at 0: unread */
	const char *variant;            /* "" for none */
};

const char *notify_kind_code(enum notify_kind k);
int notify_kind_parse(const char *code);
/* What the kind is called in settings ("New activities"). */
enum msg notify_kind_msg(enum notify_kind k);
/* The line that tells of n (by its kind and variant): {1} its title, {2}
 * its detail, {3} its time. */
enum msg notify_line(const struct notification *n);
const char *notify_mail_code(enum notify_mail m);
int notify_mail_parse(const char *code);
enum msg notify_mail_msg(enum notify_mail m);

/* When mail chosen as m for something made at t is due (0 for none). */
int64_t notify_mail_due(enum notify_mail m, int64_t t);

/* Records e and tells those concerned (in the caller's transaction). */
MODEL_MUST_USE enum model_rc notify_event(struct store *db, const struct notify_event *e, int64_t *event_id);

/* Unread notifications of a person. */
MODEL_MUST_USE enum model_rc notify_unread(struct store *db, int64_t account_id, int64_t *n);
/* One page of a person's notifications, unread first, newest first. */
MODEL_MUST_USE enum model_rc notify_list(struct store *db, struct region *a, int64_t account_id, struct paging *p,
			  struct notification **items, size_t *n);
/* Marks one (id > 0) or all (id 0) of a person's notifications read;
 * MODEL_NOT_FOUND if id is not theirs. */
MODEL_MUST_USE enum model_rc notify_mark_read(struct store *db, int64_t account_id, int64_t id);

/* A person's mail choice for every kind. */
MODEL_MUST_USE enum model_rc notify_prefs(struct store *db, int64_t account_id, enum notify_mail out[NOTIFY__MAX]);
/* Sets the choice for kind k (or every kind, k < 0); notifications still
 * waiting for mail follow the new choice. */
MODEL_MUST_USE enum model_rc notify_set_pref(struct store *db, int64_t account_id, int k, enum notify_mail m);

/* One-click unsubscribing (RFC 8058): a link in every mail, signed with
 * the site's key (model/sitekey.h), that sets the choice for one kind of
 * event (scope: its code) or for all (scope "all") to no mail, without
 * signing in. *sig = the link's signature (makes the key on first use). */
MODEL_MUST_USE enum model_rc notify_unsubscribe_sign(struct store *db, int64_t account_id, const char *scope,
				      char sig[SECRET_SIGNATURE_LEN + 1]);
/* MODEL_OK if sig is right for account and scope; MODEL_NOT_FOUND if not. */
MODEL_MUST_USE enum model_rc notify_unsubscribe_check(struct store *db, int64_t account_id, const char *scope,
				       const char *sig);

/* The digest job's side (jobs/digest.c). Accounts with mail due at now,
 * after account `after`, in id order, at most limit. */
MODEL_MUST_USE enum model_rc notify_due_accounts(struct store *db, struct region *a, int64_t now, int64_t after,
				  int64_t limit, int64_t **ids, size_t *n);
/* An account's notifications due at now, grouped by arena (by the
 * arena's title; those of no arena last), oldest first within it. */
MODEL_MUST_USE enum model_rc notify_due_of(struct store *db, struct region *a, int64_t account_id, int64_t now,
			    struct notification **items, size_t *n);
/* Records that the notification went out in mail outbox_id at now, or
 * (outbox_id 0) that it never will. */
MODEL_MUST_USE enum model_rc notify_mailed(struct store *db, int64_t id, int64_t outbox_id, int64_t now);
/* The same for all of an account's digest notifications due at now. */
MODEL_MUST_USE enum model_rc notify_digest_mailed(struct store *db, int64_t account_id, int64_t outbox_id, int64_t now);

/* Forgets events (and their notifications) older than a year. */
MODEL_MUST_USE enum model_rc notify_purge(struct store *db, int64_t now);

#endif
