/*
 * i18n.c: the languages, lookup of texts and their plural forms, and
 * Accept-Language negotiation (see i18n.h). The catalogues are tables
 * made at build time (tools/po); at start-up each gets its plural rule
 * parsed, and a lookup afterwards is an array index (and, for a text
 * with a count, an evaluation of the rule).
 */
#include "core/i18n.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/embed.h"

#define I18N_MAX_LANGS 32

static const char *const msg_keys[MSG__MAX] = MSG_KEYS_INIT;
static const char *const msgn_keys[MSGN__MAX] = MSGN_KEYS_INIT;
static struct lang langs[I18N_MAX_LANGS];
static size_t nlangs;
static size_t default_lang;
static char init_error[256];
static pthread_once_t init_once = PTHREAD_ONCE_INIT;

const char *msg_key(enum msg m)
{
	return (unsigned)m < MSG__MAX ? msg_keys[m] : "?";
}

const char *msgn_key(enum msgn m)
{
	return (unsigned)m < MSGN__MAX ? msgn_keys[m] : "?";
}

/* tools/po has checked the catalogues at build time (header, plural
 * rule, UTF-8); this only puts them in place. */
static void i18n_load(void)
{
	if (embed_catalogue_count > I18N_MAX_LANGS) {
		snprintf(init_error, sizeof init_error, "too many catalogues (at most %d)", I18N_MAX_LANGS);
		return;
	}
	for (size_t i = 0; i < embed_catalogue_count; i++) {
		const struct embed_catalogue *c = embed_catalogue[i];
		struct lang *l = &langs[nlangs];
		char err[160];
		if (plural_parse(&l->plural, c->plural_forms, err, sizeof err) != 0) {
			snprintf(init_error, sizeof init_error, "i18n/%s: Plural-Forms: %s", c->file, err);
			return;
		}
		l->code = c->code;
		l->plural_forms = c->plural_forms;
		l->review_pending = c->review_pending;
		l->msg = c->msg;
		l->msgn = c->msgn;
		l->problem_count = c->problem_count;
		l->problems = c->problems;
		l->name = c->msg[MSG_LANGUAGE_SELF] ? c->msg[MSG_LANGUAGE_SELF] : c->code;
		l->rtl = c->msg[MSG_LANGUAGE_DIRECTION] && strcmp(c->msg[MSG_LANGUAGE_DIRECTION], "rtl") == 0;
		if (strcmp(l->code, "da") == 0)
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
	if (l && l->msg && l->msg[m])
		return l->msg[m];
	const char *d = langs[default_lang].msg ? langs[default_lang].msg[m] : NULL;
	return d ? d : msg_keys[m];
}

/* Form k of a text whose forms are NUL-separated. */
static const char *form_of(const char *s, int k)
{
	while (k-- > 0)
		s += strlen(s) + 1;
	return s;
}

const char *msgn_get(const struct lang *l, enum msgn m, unsigned long n)
{
	if ((unsigned)m >= MSGN__MAX)
		return "?";
	if (l && l->msgn && l->msgn[m])
		return form_of(l->msgn[m], plural_form(&l->plural, n));
	const struct lang *d = &langs[default_lang];
	if (d->msgn && d->msgn[m])
		return form_of(d->msgn[m], plural_form(&d->plural, n));
	return msgn_keys[m];
}

static void expand(const char *s, const char *const *args, int nargs, msg_put_fn *put, void *ctx)
{
	const char *run = s;
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

void msg_expand(const struct lang *l, enum msg m, const char *const *args, int nargs, msg_put_fn *put,
		void *ctx)
{
	expand(msg_get(l, m), args, nargs, put, ctx);
}

void msgn_expand(const struct lang *l, enum msgn m, unsigned long n, const char *const *args, int nargs,
		 msg_put_fn *put, void *ctx)
{
	expand(msgn_get(l, m, n), args, nargs, put, ctx);
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

void msgn_format(struct buf *out, const struct lang *l, enum msgn m, unsigned long n, const char *const *args,
		 int nargs)
{
	msgn_expand(l, m, n, args, nargs, put_plain, out);
}

size_t i18n_missing(const struct lang *l, const char **keys, size_t max)
{
	size_t n = 0;
	for (int i = 0; i < MSG__MAX; i++)
		if (l->msg == NULL || l->msg[i] == NULL) {
			if (n < max)
				keys[n] = msg_keys[i];
			n++;
		}
	for (int i = 0; i < MSGN__MAX; i++)
		if (l->msgn == NULL || l->msgn[i] == NULL) {
			if (n < max)
				keys[n] = msgn_keys[i];
			n++;
		}
	return n;
}
