/*
 * i18n.c: catalogue parsing, language lookup and negotiation (see i18n.h).
 * Catalogues are parsed once at start-up into per-language tables indexed
 * by enum msg; lookups afterwards are an array index.
 */
#include "core/i18n.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/embed.h"
#include "core/mem.h"
#include "core/utf8.h"

#define I18N_MAX_LANGS 32

static const char *const msg_keys[MSG__MAX] = MSG_KEYS_INIT;
static struct lang langs[I18N_MAX_LANGS];
static size_t nlangs;
static size_t default_lang;
static char init_error[256];
static char unknown_report[1024];
static size_t unknown_count;
static pthread_once_t init_once = PTHREAD_ONCE_INIT;

const char *msg_key(enum msg m)
{
	return (unsigned)m < MSG__MAX ? msg_keys[m] : "?";
}

static int key_index(const char *k, size_t n)
{
	/* Keys are few (hundreds) and this runs once at start-up. */
	for (int i = 0; i < MSG__MAX; i++)
		if (strlen(msg_keys[i]) == n && memcmp(msg_keys[i], k, n) == 0)
			return i;
	return -1;
}

static char *trimmed(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	/* "\n" in a text stands for a line break. */
	char *out = mem_alloc(n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && s[i + 1] == 'n') {
			*o++ = '\n';
			i++;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

static int parse_catalogue(const struct embed_file *f, struct lang *l)
{
	const char *text = (const char *)f->data, *end = text + f->size;
	if (!utf8_valid(text, f->size)) {
		snprintf(init_error, sizeof init_error, "i18n/%s: not valid UTF-8", f->name);
		return -1;
	}
	int line_no = 0;
	for (const char *line = text, *eol; line < end; line = eol + 1) {
		eol = memchr(line, '\n', (size_t)(end - line));
		if (eol == NULL)
			eol = end;
		line_no++;
		if (line == eol || *line == '#' || *line == '\r')
			continue;
		const char *eq = memchr(line, '=', (size_t)(eol - line));
		if (eq == NULL) {
			snprintf(init_error, sizeof init_error, "i18n/%s:%d: expected 'key = text'", f->name,
				 line_no);
			return -1;
		}
		const char *ke = eq;
		while (ke > line && ke[-1] == ' ')
			ke--;
		char *value = trimmed(eq + 1, (size_t)(eol - eq - 1));
		if (*line == '@') {
			size_t kn = (size_t)(ke - line);
			if (kn == 5 && memcmp(line, "@code", 5) == 0)
				l->code = value;
			else if (kn == 5 && memcmp(line, "@name", 5) == 0)
				l->name = value;
			else if (kn == 4 && memcmp(line, "@dir", 4) == 0) {
				l->rtl = strcmp(value, "rtl") == 0;
				free(value);
			} else {
				free(value);
				snprintf(init_error, sizeof init_error, "i18n/%s:%d: unknown header", f->name,
					 line_no);
				return -1;
			}
			continue;
		}
		int k = key_index(line, (size_t)(ke - line));
		if (k < 0) {
			size_t used = strlen(unknown_report);
			snprintf(unknown_report + used, sizeof unknown_report - used, "i18n/%s:%d: %.*s\n",
				 f->name, line_no, (int)(ke - line), line);
			unknown_count++;
			free(value);
			continue;
		}
		if (l->msg[k]) {
			free(value);
			snprintf(init_error, sizeof init_error, "i18n/%s:%d: key %s given twice", f->name,
				 line_no, msg_keys[k]);
			return -1;
		}
		l->msg[k] = value;
	}
	if (l->code == NULL || l->name == NULL) {
		snprintf(init_error, sizeof init_error, "i18n/%s: @code and @name are required", f->name);
		return -1;
	}
	return 0;
}

static void i18n_load(void)
{
	if (embed_catalogue_count > I18N_MAX_LANGS) {
		snprintf(init_error, sizeof init_error, "too many catalogues (at most %d)", I18N_MAX_LANGS);
		return;
	}
	for (size_t i = 0; i < embed_catalogue_count; i++) {
		if (parse_catalogue(&embed_catalogue[i], &langs[nlangs]) != 0)
			return;
		if (strcmp(langs[nlangs].code, "da") == 0)
			default_lang = nlangs;
		nlangs++;
	}
}

int i18n_init(char *err, size_t errlen)
{
	pthread_once(&init_once, i18n_load);
	if (init_error[0] || nlangs == 0) {
		snprintf(err, errlen, "%s", init_error[0] ? init_error : "no catalogues");
		return -1;
	}
	return 0;
}

const struct lang *i18n_default(void)
{
	return &langs[default_lang];
}

size_t i18n_count(void)
{
	return nlangs;
}

const struct lang *i18n_at(size_t i)
{
	return i < nlangs ? &langs[i] : NULL;
}

const struct lang *i18n_find(const char *code)
{
	for (size_t i = 0; i < nlangs; i++)
		if (strcasecmp(langs[i].code, code) == 0)
			return &langs[i];
	return NULL;
}

/* The language matching one Accept-Language range ("en-GB" matches "en"). */
static const struct lang *range_match(const char *r, size_t n)
{
	for (size_t i = 0; i < nlangs; i++) {
		size_t cl = strlen(langs[i].code);
		if (n >= cl && strncasecmp(r, langs[i].code, cl) == 0 && (n == cl || r[cl] == '-'))
			return &langs[i];
	}
	return NULL;
}

const char *i18n_accept_next(const char *h, const char **range, size_t *n, double *q)
{
	while (h && (*h == ' ' || *h == ','))
		h++;
	if (h == NULL || *h == '\0')
		return NULL;
	*range = h;
	while (*h && *h != ';' && *h != ',' && *h != ' ')
		h++;
	*n = (size_t)(h - *range);
	*q = 1.0;
	while (*h && *h != ',') {
		if (strncmp(h, ";q=", 3) == 0 || strncmp(h, "; q=", 4) == 0) {
			h = strchr(h, '=') + 1;
			char *qe;
			*q = strtod(h, &qe);
			if (qe == h || *q < 0 || *q > 1)
				*q = 0;
			h = qe;
		} else {
			h++;
		}
	}
	return h;
}

const struct lang *i18n_negotiate(const char *h)
{
	const struct lang *best = NULL;
	double best_q = 0, q;
	const char *r;
	size_t n;
	while ((h = i18n_accept_next(h, &r, &n, &q)) != NULL) {
		const struct lang *l = n ? range_match(r, n) : NULL;
		if (l && q > best_q) {
			best = l;
			best_q = q;
		}
	}
	return best;
}

const char *msg_get(const struct lang *l, enum msg m)
{
	if ((unsigned)m >= MSG__MAX)
		return "?";
	if (l && l->msg[m])
		return l->msg[m];
	const char *d = langs[default_lang].msg[m];
	return d ? d : msg_keys[m];
}

void msg_expand(const struct lang *l, enum msg m, const char *const *args, int nargs,
		void (*put)(void *ctx, const char *s, size_t n, int arg), void *ctx)
{
	const char *s = msg_get(l, m), *run = s;
	for (const char *p = s; *p; p++) {
		if (p[0] != '{' || p[1] < '1' || p[1] > '9' || p[2] != '}')
			continue;
		put(ctx, run, (size_t)(p - run), 0);
		int i = p[1] - '1';
		if (i < nargs && args[i])
			put(ctx, args[i], strlen(args[i]), i + 1);
		p += 2;
		run = p + 1;
	}
	put(ctx, run, strlen(run), 0);
}

static void put_plain(void *ctx, const char *s, size_t n, int arg)
{
	(void)arg;
	buf_put(ctx, s, n);
}

void msg_format(struct buf *out, const struct lang *l, enum msg m, const char *const *args, int nargs)
{
	msg_expand(l, m, args, nargs, put_plain, out);
}

size_t i18n_missing(const struct lang *l, const char **keys, size_t max)
{
	size_t n = 0;
	for (int i = 0; i < MSG__MAX; i++)
		if (l->msg[i] == NULL) {
			if (n < max)
				keys[n] = msg_keys[i];
			n++;
		}
	return n;
}

size_t i18n_unknown(char *report, size_t len)
{
	snprintf(report, len, "%s", unknown_report);
	return unknown_count;
}
