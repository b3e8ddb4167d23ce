/*
 * mail.h: e-mail to people, written from catalogue texts in the
 * recipient's language and put in the outbox (model/outbox.h) in the
 * caller's transaction. Mail is plain text; links carry the site's base
 * URL.
 */
#ifndef SAMSKAB_WEB_MAIL_H
#define SAMSKAB_WEB_MAIL_H

#include "http/request.h"
#include "model/model.h"

/* Queues subject/body (catalogue texts; {1}.. replaced by args, which
 * are plain text) to recipient in language lang_code (NULL: Danish). */
MODEL_MUST_USE enum model_rc mail_queue(struct req *r, int64_t account_id, const char *recipient,
			 const char *lang_code, enum msg subject, enum msg body,
			 const char *const *args, int nargs);
/* The site's absolute URL for path + token: base + path + token. */
const char *mail_link(struct req *r, const char *path, const char *token);

#endif
