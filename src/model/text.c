/*
 * text.c: user text checks (see text.h).
 */
#include "model/text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <strings.h>

#include "core/mem.h"
#include "core/utf8.h"

int text_blank(const char *s)
{
	if (s == NULL)
		return 1;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n')
			return 0;
	return 1;
}

int text_check(struct field_errors *e, const char *field, const char *s, size_t min, size_t max)
{
	if (min > 0 && text_blank(s)) {
		field_error_add(e, field, MSG_FORM_REQUIRED);
		return 0;
	}
	if (s && utf8_length(s) > max) {
		field_error_add(e, field, MSG_FORM_TOO_LONG);
		return 0;
	}
	return 1;
}

int text_phone_ok(const char *s)
{
	int digits = 0;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (!strchr(" +-()", *s))
			return 0;
	}
	return digits >= 6 && digits <= 15;
}

int text_check_url(struct field_errors *e, const char *field, const char *s)
{
	if (s == NULL || *s == '\0')
		return 1;
	size_t n = strlen(s);
	const char *host = NULL;
	if (strncasecmp(s, "https://", 8) == 0)
		host = s + 8;
	else if (strncasecmp(s, "http://", 7) == 0)
		host = s + 7;
	if (host == NULL || *host == '\0' || *host == '/' || n > TEXT_URL_MAX || strpbrk(s, " <>\"")) {
		field_error_add(e, field, MSG_FORM_BAD_URL);
		return 0;
	}
	return 1;
}

char *text_sort_key(const char *s)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
					  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
						  UTF8PROC_CASEFOLD);
	if (n < 0) {
		/* Input is validated UTF-8 before it gets here; keep it as is. */
		free(out);
		return mem_strdup(s);
	}
	return (char *)out;
}
