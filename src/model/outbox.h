/*
 * outbox.h: outgoing e-mail. Mail is written here in the same transaction
 * as the change that causes it, and a sender (src/cmd/mailer.c) delivers
 * it later; a failed delivery is retried with back-off and stays visible,
 * so mail is never lost. Owns table outbox.
 */
#ifndef SAMSKAB_MODEL_OUTBOX_H
#define SAMSKAB_MODEL_OUTBOX_H

#include "model/model.h"

struct outbox_mail {
	int64_t id;
	int64_t account_id;
	const char *recipient, *subject, *body;
	int64_t created_at, attempts, next_attempt_at, sent_at;
	const char *last_error;
	const char *unsubscribe; /* one-click unsubscribe address (RFC 8058), or NULL */
};

MODEL_MUST_USE enum model_rc outbox_add(struct store *db, int64_t account_id, const char *recipient,
			 const char *subject, const char *body);
/* Writes a mail from catalogue texts in the language lang_code (NULL or
 * unknown: the default): subject and body with {1}.. replaced by args
 * (plain text), and the signature naming base_url; then outbox_add. */
MODEL_MUST_USE enum model_rc outbox_compose(struct store *db, int64_t account_id, const char *recipient,
			     const char *lang_code, enum msg subject, enum msg body,
			     const char *const *args, int nargs, const char *base_url);
/* outbox_add for mail people may stop getting: unsubscribe is the
 * address that stops it with one click (sent as List-Unsubscribe);
 * *id the mail's id. */
MODEL_MUST_USE enum model_rc outbox_add_list(struct store *db, int64_t account_id, const char *recipient,
			      const char *subject, const char *body, const char *unsubscribe, int64_t *id);
/* Mail due for (another) delivery attempt at now, oldest first. */
MODEL_MUST_USE enum model_rc outbox_due(struct store *db, struct region *a, int64_t now, int64_t limit,
			 struct outbox_mail **items, size_t *n);
/* Every unsent mail (all: also sent), newest first, at most limit. */
MODEL_MUST_USE enum model_rc outbox_list(struct store *db, struct region *a, int all, int64_t limit,
			  struct outbox_mail **items, size_t *n);
MODEL_MUST_USE enum model_rc outbox_mark_sent(struct store *db, int64_t id, int64_t now);
/* Records a failed attempt; the next is due after a back-off that
 * doubles with each attempt (1 minute up to 6 hours). */
MODEL_MUST_USE enum model_rc outbox_mark_failed(struct store *db, int64_t id, const char *error, int64_t now);
/* Removes all mail to or about an account (account deletion). */
MODEL_MUST_USE enum model_rc outbox_forget_account(struct store *db, int64_t account_id);
/* Removes mail sent more than 30 days ago. */
MODEL_MUST_USE enum model_rc outbox_purge(struct store *db, int64_t now);

#endif
