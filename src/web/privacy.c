/*
 * privacy.c: the privacy notice: what is stored, why, for how long, and
 * a person's rights (catalogue texts, so it exists in every language).
 */
#include "web/layout.h"
#include "web/markdown.h"
#include "web/site.h"
#include "web/web.h"

/* GET /privacy: 200. */
int web_privacy(struct req *r)
{
	struct html h = web_html(r);
	const struct layout_page page = { .title = msg_get(r->lang, MSG_PRIVACY_TITLE),
					  .description_md = msg_get(r->lang, MSG_PRIVACY_BODY) };
	layout_open(&h, r, &page);
	HTML(&h, "<h1>");
	html_msg(&h, MSG_PRIVACY_TITLE);
	HTML(&h, "</h1>\n");
	markdown_render(&h, msg_get(r->lang, MSG_PRIVACY_BODY));
	HTML(&h, "<p>");
	html_msg(&h, MSG_PRIVACY_CONTACT);
	HTML(&h, " <a href=\"mailto:");
	html_text(&h, site.contact_email);
	HTMLF(&h, "\">%s</a></p>\n", site.contact_email);
	layout_end(&h, r);
	return 200;
}
