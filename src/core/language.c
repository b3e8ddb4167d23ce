/*
 * language.c: the fixed list of content languages (see language.h). The
 * autonyms are data, not interface text: "العربية" is the same on every
 * page, so that a reader finds their language in a list whatever the
 * page's own language.
 */
#include "core/language.h"

#include <string.h>

/* The one list: code, name in itself, right to left, catalogue key. */
#define LANGUAGES(X)                                                                            \
	X("da", "Dansk", 0, MSG_LANGUAGE_DA)                                                    \
	X("en", "English", 0, MSG_LANGUAGE_EN)                                                  \
	X("de", "Deutsch", 0, MSG_LANGUAGE_DE)                                                  \
	X("ar", "العربية", 1, MSG_LANGUAGE_AR)                                                  \
	X("uk", "Українська", 0, MSG_LANGUAGE_UK)                                               \
	X("ru", "Русский", 0, MSG_LANGUAGE_RU)                                                  \
	X("fa", "فارسی", 1, MSG_LANGUAGE_FA)                                                    \
	X("prs", "دری", 1, MSG_LANGUAGE_PRS)                                                    \
	X("ps", "پښتو", 1, MSG_LANGUAGE_PS)                                                     \
	X("so", "Soomaali", 0, MSG_LANGUAGE_SO)                                                 \
	X("ti", "ትግርኛ", 0, MSG_LANGUAGE_TI)                                                    \
	X("ku", "Kurdî", 0, MSG_LANGUAGE_KU)                                                    \
	X("tr", "Türkçe", 0, MSG_LANGUAGE_TR)                                                   \
	X("pl", "Polski", 0, MSG_LANGUAGE_PL)                                                   \
	X("ro", "Română", 0, MSG_LANGUAGE_RO)                                                   \
	X("fr", "Français", 0, MSG_LANGUAGE_FR)                                                 \
	X("es", "Español", 0, MSG_LANGUAGE_ES)

#define AS_STRUCT(code, autonym, rtl, name) { code, autonym, rtl, name },
#define AS_CODE(code, autonym, rtl, name) code,
#define AS_NAME(code, autonym, rtl, name) name,

static const struct language languages[] = { LANGUAGES(AS_STRUCT) };
const char *const language_codes[LANGUAGE_COUNT] = { LANGUAGES(AS_CODE) };
const enum msg language_names[LANGUAGE_COUNT] = { LANGUAGES(AS_NAME) };
#define NLANGUAGES (sizeof languages / sizeof languages[0])
_Static_assert(NLANGUAGES == LANGUAGE_COUNT, "LANGUAGE_COUNT is the list's length");
_Static_assert(NLANGUAGES * 4 <= LANGUAGE_SET_MAX, "a full set fits LANGUAGE_SET_MAX");

size_t language_count(void)
{
	return NLANGUAGES;
}

const struct language *language_at(size_t i)
{
	return i < NLANGUAGES ? &languages[i] : NULL;
}

const struct language *language_findn(const char *code, size_t n)
{
	for (size_t i = 0; code && i < NLANGUAGES; i++)
		if (strlen(languages[i].code) == n && memcmp(languages[i].code, code, n) == 0)
			return &languages[i];
	return NULL;
}

const struct language *language_find(const char *code)
{
	return code ? language_findn(code, strlen(code)) : NULL;
}

int language_set_parse(const char *codes, char *out, size_t outlen, const char **bad,
		       size_t *badlen)
{
	unsigned char in[NLANGUAGES] = { 0 };
	for (const char *p = codes ? codes : ""; *p;) {
		p += strspn(p, " ,");
		size_t n = strcspn(p, " ,");
		if (n == 0)
			break;
		const struct language *l = language_findn(p, n);
		if (l == NULL) {
			*bad = p;
			*badlen = n;
			return -1;
		}
		in[l - languages] = 1;
		p += n;
	}
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < NLANGUAGES; i++) {
		size_t n = strlen(languages[i].code);
		if (!in[i] || used + n + 2 > outlen)
			continue;
		if (used)
			out[used++] = ' ';
		memcpy(out + used, languages[i].code, n + 1);
		used += n;
	}
	return 0;
}

int language_set_has(const char *set, const char *code)
{
	size_t n = code ? strlen(code) : 0;
	for (const char *p = set ? set : ""; n && *p;) {
		p += strspn(p, " ");
		size_t k = strcspn(p, " ");
		if (k == n && memcmp(p, code, n) == 0)
			return 1;
		p += k;
	}
	return 0;
}

size_t language_accepted(const char *h, const char **out, size_t max)
{
	double q[NLANGUAGES], w;
	size_t count = 0;
	const char *r;
	size_t n;
	while ((h = i18n_accept_next(h, &r, &n, &w)) != NULL) {
		size_t primary = 0;
		while (primary < n && r[primary] != '-')
			primary++;
		const struct language *l = w > 0 ? language_findn(r, primary) : NULL;
		if (l == NULL)
			continue;
		size_t k;
		for (k = 0; k < count && strcmp(out[k], l->code) != 0; k++)
			;
		if (k < count) {
			if (w > q[k])
				q[k] = w; /* "ar-SY;q=0.5, ar" */
		} else if (count < max) { /* codes are unique: count < NLANGUAGES */
			out[count] = l->code;
			q[count++] = w;
		}
	}
	/* Best first; equal weights keep the header's order (insertion sort
	 * is stable). */
	for (size_t i = 1; i < count; i++)
		for (size_t j = i; j > 0 && q[j] > q[j - 1]; j--) {
			double tq = q[j];
			q[j] = q[j - 1];
			q[j - 1] = tq;
			const char *tc = out[j];
			out[j] = out[j - 1];
			out[j - 1] = tc;
		}
	return count;
}
