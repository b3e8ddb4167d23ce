/*
 * accessibility.c: the accessibility statement (tilgængelighedserklæring)
 * that Danish public bodies must publish: what the site meets (WCAG 2.1
 * AA), how it is tested, known gaps, which interface languages no native
 * speaker has reviewed yet, how to give feedback and complain.
 */
#include "web/layout.h"
#include "web/markdown.h"
#include "web/site.h"
#include "web/web.h"

/* The languages whose catalogue says X-Native-Review: pending, each
 * named in itself and marked with its language. */
static void review_pending(struct html *h)
{
	size_t n = 0;
	for (size_t i = 0; i < i18n_count(); i++)
		n += i18n_at(i)->review_pending != 0;
	if (n == 0)
		return;
	HTML(h, "<h2>");
	html_msg(h, MSG_ACCESSIBILITY_TRANSLATIONS_TITLE);
	HTML(h, "</h2>\n<p>");
	html_msg(h, MSG_ACCESSIBILITY_TRANSLATIONS);
	HTML(h, "</p>\n<ul>");
	for (size_t i = 0; i < i18n_count(); i++) {
		const struct lang *l = i18n_at(i);
		if (!l->review_pending)
			continue;
		/* dir on the li would put its bullet on the other side */
		HTML(h, "<li><span");
		html_lang_attr(h, l->code);
		HTMLF(h, ">%s</span></li>", l->name);
	}
	HTML(h, "</ul>\n");
}

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
	review_pending(&h);
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
