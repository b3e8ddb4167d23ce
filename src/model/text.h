/*
 * text.h: checks on user text before it is stored: length in characters
 * (code points), required or not, and the limits used across the model.
 * Input is already valid UTF-8 without control characters (the HTTP layer
 * checks that), so these checks are about meaning, not encoding.
 */
#ifndef SAMSKAB_MODEL_TEXT_H
#define SAMSKAB_MODEL_TEXT_H

#include "model/model.h"

#define TEXT_NAME_MAX 200   /* names and titles */
#define TEXT_BODY_MAX 20000 /* descriptions, Markdown bodies */
#define TEXT_URL_MAX 500

/* Adds a field error when s is missing/blank (and min > 0) or longer than
 * max characters. Returns 1 if s passed. */
int text_check(struct field_errors *e, const char *field, const char *s, size_t min, size_t max);
/* Adds a field error unless s is empty or an http(s) URL with a host. */
int text_check_url(struct field_errors *e, const char *field, const char *s);
/* 1 if s is a phone number as people write them: 6 to 15 digits, with
 * spaces, + - ( ) between them. */
int text_phone_ok(const char *s);
/* The key a name sorts by: case-folded, NFC (malloc'd; never NULL). */
char *text_sort_key(const char *s);
/* 1 if s is NULL or only spaces. */
int text_blank(const char *s);

#endif
