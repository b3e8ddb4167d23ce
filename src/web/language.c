/*
 * language.c: choosing the interface language. A plain link, so it works
 * without JavaScript; the choice is kept in a cookie for a year and the
 * reader is sent back to the page they were on.
 */
#include "http/query.h"
#include "web/site.h"
#include "web/web.h"

/* GET /language?set=CODE&next=PATH: 303 back to next; 400 unknown language. */
int web_language(struct req *r)
{
	const char *code = req_query(r, "set");
	const struct lang *l = code ? i18n_find(code) : NULL;
	if (l == NULL) {
		r->error_detail = code;
		return req_fail(r, 400, MSG_ERROR_UNKNOWN_LANGUAGE);
	}
	req_set_cookie(r, "lang", l->code, 365L * 24 * 3600, site.secure);
	return req_redirect(r, query_local_path(req_query(r, "next")));
}
