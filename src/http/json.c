/*
 * json.c: JSON responses (see json.h).
 */
#include "http/json.h"

#include <stdlib.h>

int http_json(struct req *r, json_t *j, int status)
{
	char *s = j ? json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(10)) : NULL;
	json_decref(j);
	if (s == NULL)
		return req_fail(r, 500, MSG_ERROR_INTERNAL);
	buf_puts(&r->out, s);
	buf_putc(&r->out, '\n');
	free(s);
	r->content_type = "application/json; charset=utf-8";
	return status;
}
