/*
 * mail.c: composing mail from catalogue texts (see mail.h).
 */
#include "web/mail.h"

#include "model/outbox.h"
#include "web/site.h"

enum model_rc mail_queue(struct req *r, int64_t account_id, const char *recipient,
			 const char *lang_code, enum msg subject, enum msg body,
			 const char *const *args, int nargs)
{
	return outbox_compose(r->db, account_id, recipient, lang_code, subject, body, args, nargs,
			      site.base_url);
}

const char *mail_link(struct req *r, const char *path, const char *token)
{
	return region_printf(r->region, "%s%s%s", site.base_url, path, token);
}
