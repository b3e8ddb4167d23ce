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
	const struct lang *l = lang_code ? i18n_find(lang_code) : NULL;
	if (l == NULL)
		l = i18n_default();
	struct buf subj = BUF_INIT(1000), text = BUF_INIT(64 * 1024);
	msg_format(&subj, l, subject, args, nargs);
	msg_format(&text, l, body, args, nargs);
	buf_puts(&text, "\n\n-- \n");
	msg_format(&text, l, MSG_MAIL_SIGNATURE, &site.base_url, 1);
	buf_putc(&text, '\n');
	enum model_rc rc = subj.overflow || text.overflow
				   ? MODEL_ERROR
				   : outbox_add(r->db, account_id, recipient, buf_str(&subj), buf_str(&text));
	buf_free(&subj);
	buf_free(&text);
	return rc;
}

const char *mail_link(struct req *r, const char *path, const char *token)
{
	return region_printf(r->region, "%s%s%s", site.base_url, path, token);
}
