/*
 * confirm.c: asking before a consequential action, without JavaScript
 * (see web.h): the action's button is a link to a page that says exactly
 * what will happen, in a sentence with the names of those it concerns,
 * and posts only when confirmed there.
 */
#include <string.h>

#include "web/layout.h"
#include "web/web.h"
#include "web/widget.h"

int web_confirm(struct req *r, const struct web_confirm *c)
{
	struct html h = web_html(r);
	layout_begin(&h, r, msg_get(r->lang, MSG_CONFIRM_TITLE), c->nav);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_CONFIRM_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead confirm-what\">");
	html_text(&h, c->what);
	HTML(&h, "</p>\n");
	if (c->consequence != MSG__MAX) {
		HTML(&h, "<p>");
		html_msg(&h, c->consequence);
		HTML(&h, "</p>\n");
	}
	if (c->refuse) {
		/* It cannot be done: say why instead of offering it. */
		HTML(&h, "<div class=\"error-summary\" role=\"alert\"><p>");
		html_msg(&h, c->refused);
		HTML(&h, "</p></div>\n<p><a href=\"");
		html_text(&h, c->back);
		HTML(&h, "\">");
		html_msg(&h, MSG_CONFIRM_BACK);
		HTML(&h, "</a></p>\n");
		layout_end(&h, r);
		return c->refused_status ? c->refused_status : 200;
	}
	widget_form_begin(&h, r, c->action);
	for (size_t i = 0; i < sizeof c->hidden / sizeof c->hidden[0] && c->hidden[i].name; i++)
		HTMLF(&h, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", c->hidden[i].name, c->hidden[i].value);
	HTML(&h, "<div class=\"actions confirm-actions\"><button type=\"submit\"");
	if (c->danger)
		HTML(&h, " class=\"danger\"");
	HTML(&h, ">");
	html_msg(&h, c->submit);
	HTML(&h, "</button> <a href=\"");
	html_text(&h, c->back);
	HTML(&h, "\">");
	html_msg(&h, MSG_CONFIRM_BACK);
	HTML(&h, "</a></div></form>\n");
	layout_end(&h, r);
	return 200;
}

const char *web_genitive(struct req *r, const char *name)
{
	size_t n = name ? strlen(name) : 0;
	const char *sibilants = msg_get(r->lang, MSG_GRAMMAR_SIBILANTS);
	int sibilant = n && strchr(sibilants, name[n - 1]) != NULL;
	return region_printf(r->region, "%s%s", name ? name : "",
			     msg_get(r->lang, sibilant ? MSG_GRAMMAR_GENITIVE_SIBILANT : MSG_GRAMMAR_GENITIVE));
}
