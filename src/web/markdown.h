/*
 * markdown.h: user Markdown (CommonMark with tables and strikethrough)
 * rendered through md4c's parser callbacks into the HTML writer. Raw HTML
 * is shown as text; links and images keep only http, https, mailto and
 * relative targets (entities decoded first, so "jav&#x61;script:" is caught);
 * headings are shifted down so user text never adds an <h1> or <h2>.
 */
#ifndef SAMSKAB_WEB_MARKDOWN_H
#define SAMSKAB_WEB_MARKDOWN_H

#include "web/html.h"

/* Renders text; returns 0, or -1 if md4c failed (then the text is written
 * escaped as one paragraph, so nothing is lost). */
int markdown_render(struct html *h, const char *text);
/* markdown_render of content written in content_lang, in a
 * <div lang="xx"> when that is not the page's language. */
int markdown_content(struct html *h, const char *content_lang, const char *text);
/* The plain text of the first paragraph, for lists that show how a longer
 * text begins: no markup, at most max bytes of text, cut after a whole
 * word and marked "…" when there is more. */
void markdown_excerpt(struct html *h, const char *text, size_t max);

#endif
