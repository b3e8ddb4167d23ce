/*
 * term.c: what the pages of the municipality's vocabularies (local areas
 * and themes, model/term.h) share: their lists as cards, the note on a
 * retired one, and what an area's or theme's page leads on to.
 */
#include "model/activity.h"
#include "model/arena.h"
#include "model/term.h"
#include "web/markdown.h"
#include "web/web.h"

void web_term_cards(struct html *h, const char *base, const struct term *items, size_t n)
{
	HTML(h, "<ul class=\"cards\">");
	for (size_t i = 0; i < n; i++) {
		HTML(h, "<li");
		html_lang_attr(h, items[i].lang);
		HTML(h, "><h2><a href=\"");
		html_text(h, base);
		HTMLF(h, "/%lld\">%s</a></h2>", (long long)items[i].id, items[i].name);
		markdown_render(h, items[i].description);
		HTML(h, "</li>");
	}
	HTML(h, "</ul>\n");
}

void web_term_retired(struct html *h, const struct term *t)
{
	if (t->retired_at == 0)
		return;
	HTML(h, "<p class=\"notice\">");
	html_msg(h, MSG_TERM_RETIRED_NOTE);
	HTML(h, "</p>\n");
}

/* The arenas (open ones first) and coming activities of an area or a
 * theme: what its page leads on to. */
void web_hub(struct html *h, struct req *r, const struct arena *arenas, size_t narenas,
	     const struct activity *next, size_t nnext)
{
	HTML(h, "<section aria-labelledby=\"arenas\"><h2 id=\"arenas\">");
	html_msg(h, MSG_ARENAS_TITLE);
	HTML(h, "</h2>\n");
	if (narenas)
		web_arena_cards(h, r, arenas, narenas, 3);
	else {
		HTML(h, "<p>");
		html_msg(h, MSG_HUB_NO_ARENAS);
		HTML(h, "</p>\n");
	}
	HTML(h, "</section>\n<section aria-labelledby=\"next\"><h2 id=\"next\">");
	html_msg(h, MSG_HOME_NEXT_ACTIVITIES);
	HTML(h, "</h2>\n");
	if (nnext)
		web_activity_rows(h, next, nnext, 1);
	else {
		HTML(h, "<p>");
		html_msg(h, MSG_HUB_NO_ACTIVITIES);
		HTML(h, "</p>\n");
	}
	HTML(h, "</section>\n");
}

