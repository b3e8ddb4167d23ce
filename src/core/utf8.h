/*
 * utf8.h: UTF-8 checks used on every input that reaches the platform.
 * Strict validation per RFC 3629: no overlong forms, no surrogates, nothing
 * past U+10FFFF.
 */
#ifndef SAMSKAB_CORE_UTF8_H
#define SAMSKAB_CORE_UTF8_H

#include <stddef.h>

/* 1 if the n bytes are valid UTF-8 (NUL bytes count as invalid). */
int utf8_valid(const char *s, size_t n);
/* Number of code points in valid UTF-8. */
size_t utf8_length(const char *s);
/* Largest prefix length <= max bytes that does not split a code point. */
size_t utf8_prefix(const char *s, size_t max);

#endif
