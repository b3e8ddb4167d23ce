/*
 * form.c: urlencoded and cookie decoding (see form.h).
 */
#include "http/form.h"

#include <string.h>

#include "core/utf8.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

enum form_err form_decode(struct region *a, const char *s, size_t n, int plus_is_space,
			  int allow_breaks, char **out)
{
	char *d = region_alloc(a, n + 1), *o = d;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '%') {
			if (i + 2 >= n)
				return FORM_BAD_ENCODING;
			int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return FORM_BAD_ENCODING;
			c = (char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus_is_space) {
			c = ' ';
		}
		*o++ = c;
	}
	*o = '\0';
	return form_clean(d, (size_t)(o - d), allow_breaks, out);
}

enum form_err form_clean(char *d, size_t len, int allow_breaks, char **out)
{
	char *o = d + len;
	if (!utf8_valid(d, len))
		return memchr(d, '\0', len) ? FORM_BAD_CHAR : FORM_BAD_UTF8;
	/* Controls out; CR LF and lone CR become LF where breaks are allowed. */
	char *w = d;
	for (char *r = d; r < o; r++) {
		unsigned char u = (unsigned char)*r;
		if (u == '\r' && allow_breaks) {
			*w++ = '\n';
			if (r + 1 < o && r[1] == '\n')
				r++;
			continue;
		}
		if ((u < 0x20 && !(allow_breaks && (u == '\n' || u == '\t'))) || u == 0x7f)
			return FORM_BAD_CHAR;
		*w++ = *r;
	}
	*w = '\0';
	*out = d;
	return FORM_OK;
}

enum form_err form_parse(struct region *a, const char *s, size_t n, const struct form_limits *lim,
			 struct kvlist *out)
{
	out->items = NULL;
	out->n = 0;
	size_t fields = 0;
	for (size_t i = 0; i < n; i++)
		fields += s[i] == '&';
	fields++;
	if (fields > lim->max_fields)
		return FORM_TOO_MANY;
	out->items = region_calloc(a, fields, sizeof *out->items);
	const char *end = s + n;
	for (const char *p = s; p < end;) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		if (amp == NULL)
			amp = end;
		if (amp == p) {
			p = amp + 1;
			continue;
		}
		const char *eq = memchr(p, '=', (size_t)(amp - p));
		const char *ke = eq ? eq : amp;
		char *k, *v;
		/* The encoded form is at least as long as the decoded one, so an
		 * encoded length within the limit needs no decoding to pass. */
		enum form_err e = form_decode(a, p, (size_t)(ke - p), 1, 0, &k);
		if (e != FORM_OK)
			return e;
		if (strlen(k) > lim->max_key)
			return FORM_TOO_LONG;
		if (eq) {
			e = form_decode(a, eq + 1, (size_t)(amp - eq - 1), 1, 1, &v);
			if (e != FORM_OK)
				return e;
		} else {
			v = region_strdup(a, "");
		}
		if (strlen(v) > lim->max_value)
			return FORM_TOO_LONG;
		out->items[out->n].key = k;
		out->items[out->n].value = v;
		out->n++;
		p = amp + 1;
	}
	return FORM_OK;
}

void cookie_parse(struct region *a, const char *h, struct kvlist *out)
{
	out->items = NULL;
	out->n = 0;
	if (h == NULL)
		return;
	size_t max = 1;
	for (const char *p = h; *p; p++)
		max += *p == ';';
	out->items = region_calloc(a, max, sizeof *out->items);
	while (*h) {
		while (*h == ' ' || *h == ';')
			h++;
		const char *k = h;
		while (*h && *h != '=' && *h != ';')
			h++;
		if (*h != '=') {
			continue; /* "name" without a value: skip it */
		}
		const char *ke = h++;
		while (*h == ' ')
			h++;
		const char *v = h;
		while (*h && *h != ';')
			h++;
		const char *ve = h;
		while (ke > k && ke[-1] == ' ')
			ke--;
		while (ve > v && ve[-1] == ' ')
			ve--;
		if (ve - v >= 2 && *v == '"' && ve[-1] == '"')
			v++, ve--;
		if (ke == k || !utf8_valid(k, (size_t)(ke - k)) || !utf8_valid(v, (size_t)(ve - v)))
			continue;
		out->items[out->n].key = region_strndup(a, k, (size_t)(ke - k));
		out->items[out->n].value = region_strndup(a, v, (size_t)(ve - v));
		out->n++;
	}
}

void form_encode(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			buf_putc(out, (char)*p);
		} else {
			char enc[3] = { '%', hex[*p >> 4], hex[*p & 15] };
			buf_put(out, enc, 3);
		}
	}
}

const char *kv_get(const struct kvlist *l, const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].key, key) == 0)
			return l->items[i].value;
	return NULL;
}
