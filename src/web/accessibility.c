/*
 * accessibility.c: the accessibility statement (tilgængelighedserklæring)
 * that Danish public bodies must publish: what the site meets (WCAG 2.1
 * AA), how it is tested, known gaps, how to give feedback and complain.
 */
#include "web/layout.h"
#include "web/markdown.h"
#include "web/site.h"
#include "web/web.h"

/* GET /accessibility: 200. */
int web_accessibility(struct req *r)
{
	struct html h = web_html(r);
	const struct layout_page page = { .title = msg_get(r->lang, MSG_ACCESSIBILITY_TITLE),
					  .description_md = msg_get(r->lang, MSG_ACCESSIBILITY_BODY) };
	layout_open(&h, r, &page);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_ACCESSIBILITY_TITLE);
	HTML(&h, "</h1>\n");
	markdown_render(&h, msg_get(r->lang, MSG_ACCESSIBILITY_BODY));
	HTML(&h, "<h2>");
	html_msg(&h, MSG_ACCESSIBILITY_CONTACT_TITLE);
	HTML(&h, "</h2>\n<p>");
	html_msg(&h, MSG_ACCESSIBILITY_CONTACT);
	HTML(&h, " <a href=\"mailto:");
	html_text(&h, site.contact_email);
	HTMLF(&h, "\">%s</a></p>\n", site.contact_email);
	markdown_render(&h, msg_get(r->lang, MSG_ACCESSIBILITY_COMPLAINT));
	layout_end(&h, r);
	return 200;
}
