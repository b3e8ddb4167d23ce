/*
 * html.h: the one HTML writer every page goes through. Whatever is not a
 * compile-time constant is escaped: HTML() and HTMLF()'s format accept
 * string literals only (the "" s "" trick makes anything else a compile
 * error), %s arguments of HTMLF are escaped, catalogue texts are escaped,
 * and URL parts are percent-encoded. There is no call that writes a runtime
 * string raw, so user text cannot reach a page unescaped by accident.
 */
#ifndef SAMSKAB_WEB_HTML_H
#define SAMSKAB_WEB_HTML_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/i18n.h"

struct html {
	struct buf *out;
	const struct lang *lang;
};

/* Writes a string literal as markup. */
#define HTML(h, literal) html_raw_((h), "" literal "")
/* printf into markup: the format is a literal; %s arguments are escaped
 * (NULL writes nothing); %d %i %u %x with l, ll or z, flags and width, and
 * %%, as in printf. */
#define HTMLF(h, fmt, ...) html_printf_((h), "" fmt "", __VA_ARGS__)

void html_raw_(struct html *h, const char *literal);
void html_printf_(struct html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Escaped text; also right for attribute values in double quotes. */
void html_text(struct html *h, const char *s);
void html_textn(struct html *h, const char *s, size_t n);
/* A catalogue text in the page's language, escaped. */
void html_msg(struct html *h, enum msg m);
/* A catalogue text whose {1}..{n} are replaced by args (escaped). */
void html_msgv(struct html *h, enum msg m, const char *const *args, int nargs);
/* A text with a count: the form for n by the language's plural rule, its
 * {1}..{n} replaced by args (escaped); {1} is the count by convention. */
void html_msgn(struct html *h, enum msgn m, unsigned long n, const char *const *args, int nargs);
/* html_msgn with n alone as {1}: "12 deltagere". */
void html_count(struct html *h, enum msgn m, long long n);
/* Writes part i of a catalogue text (i from 1) with the same writer. */
typedef void (*html_part_fn)(struct html *h, int i, void *ctx);
/* A catalogue text whose {1}..{nparts} are written by part: links,
 * marked-up names, content in another language, all through this writer. */
void html_msg_parts(struct html *h, enum msg m, int nparts, html_part_fn part, void *ctx);
/* Percent-encodes s for a path segment or query value, then escapes. */
void html_urlpart(struct html *h, const char *s);
/* A link target from user data: written (escaped) if it is http:, https:,
 * mailto: or relative; otherwise "#". Returns 1 if it was written. */
int html_href(struct html *h, const char *url);
/* 1 if a URL may be a link target (see html_href). */
int html_url_allowed(const char *url, size_t n);
/* Writes lang="xx" (and dir) for content in another language than the
 * page, so screen readers pronounce it right; nothing if the same. */
void html_lang_attr(struct html *h, const char *content_lang);
/* Text (escaped) of content in content_lang: inside <tag lang="xx"> when
 * that is not the page's language, plain otherwise. */
void html_content(struct html *h, const char *tag, const char *content_lang, const char *text);

#endif
