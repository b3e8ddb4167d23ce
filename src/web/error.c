/*
 * error.c: error pages. Under /api/ errors are JSON; elsewhere an HTML
 * page in the reader's language says what went wrong and what to do.
 * (Which status a model result gets is model_status(), in model/.)
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "web/layout.h"
#include "web/web.h"

static const struct {
	int status;
	enum msg title, explanation;
} statuses[] = {
	{ 400, MSG_STATUS_400, MSG_ERROR_INVALID },
	{ 403, MSG_STATUS_403, MSG_ERROR_FORBIDDEN },
	{ 404, MSG_STATUS_404, MSG_ERROR_NOT_FOUND },
	{ 405, MSG_STATUS_405, MSG_ERROR_METHOD },
	{ 409, MSG_STATUS_409, MSG_ERROR_CONFLICT },
	{ 413, MSG_STATUS_413, MSG_ERROR_BODY_TOO_LARGE },
	{ 414, MSG_STATUS_414, MSG_ERROR_TARGET_TOO_LONG },
	{ 415, MSG_STATUS_415, MSG_ERROR_MEDIA_TYPE },
	{ 429, MSG_STATUS_429, MSG_ERROR_TOO_MANY_REQUESTS },
	{ 431, MSG_STATUS_431, MSG_ERROR_HEAD_TOO_LARGE },
	{ 503, MSG_STATUS_503, MSG_ERROR_UNAVAILABLE },
};

void web_render_error(struct req *r)
{
	enum msg title = MSG_STATUS_500, explanation = MSG_ERROR_INTERNAL;
	for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
		if (statuses[i].status == r->status) {
			title = statuses[i].title;
			explanation = statuses[i].explanation;
		}
	if (r->error != MSG__MAX)
		explanation = r->error;

	if (strncmp(r->path, "/api/", 5) == 0) {
		json_t *j = json_pack("{s:{s:i,s:s,s:s}}", "error", "status", r->status, "title",
				      msg_get(r->lang, title), "message", msg_get(r->lang, explanation));
		if (j && r->error_detail) /* under /api/ the detail is a parameter name */
			json_object_set_new(json_object_get(j, "error"), "parameter",
					    json_string(r->error_detail));
		char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
		if (s) {
			buf_puts(&r->out, s);
			buf_putc(&r->out, '\n');
		}
		free(s);
		json_decref(j);
		r->content_type = "application/json; charset=utf-8";
		return;
	}
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, title), NAV_NONE);
	HTML(&h, "<h1>");
	html_msg(&h, title);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, explanation);
	if (r->error_detail) {
		HTML(&h, " ");
		html_text(&h, r->error_detail);
	}
	HTML(&h, "</p>\n<p><a href=\"/\">");
	html_msg(&h, MSG_ERROR_GO_HOME);
	HTMLF(&h, "</a></p>\n<p class=\"meta\">%s: %d · ", msg_get(r->lang, MSG_ERROR_CODE), r->status);
	html_msg(&h, MSG_ERROR_REFERENCE);
	HTMLF(&h, " <code>%s</code></p>\n", r->request_id);
	layout_end(&h, r);
}
