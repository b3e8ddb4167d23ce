/*
 * form.h: decoding of query strings, application/x-www-form-urlencoded
 * bodies and Cookie headers into key/value lists, with limits. Every
 * decoded key and value is valid UTF-8 without control characters (values
 * may hold tabs and line breaks; CR LF becomes LF). Pure functions: no
 * HTTP library, so they are unit-tested and fuzzed alone.
 */
#ifndef SAMSKAB_HTTP_FORM_H
#define SAMSKAB_HTTP_FORM_H

#include <stddef.h>

#include "core/region.h"
#include "core/buf.h"

enum form_err {
	FORM_OK = 0,
	FORM_BAD_ENCODING, /* '%' not followed by two hex digits */
	FORM_BAD_UTF8,     /* decoded bytes are not valid UTF-8 */
	FORM_BAD_CHAR,     /* a control character (or NUL) */
	FORM_TOO_MANY,     /* more fields than allowed */
	FORM_TOO_LONG,     /* a key or value longer than allowed */
};

struct kv {
	const char *key;
	const char *value;
};

struct kvlist {
	struct kv *items;
	size_t n;
};

struct form_limits {
	size_t max_fields;
	size_t max_key;   /* bytes, after decoding */
	size_t max_value; /* bytes, after decoding */
};

/* Percent-decodes n bytes into a NUL-terminated region string; '+' means a
 * space when plus_is_space. allow_breaks lets tabs and line breaks through. */
enum form_err form_decode(struct region *a, const char *s, size_t n, int plus_is_space,
			  int allow_breaks, char **out);
/* Checks and cleans len bytes at d in place (NUL-terminated after): valid
 * UTF-8, no control characters but, with allow_breaks, tabs and line
 * breaks (CR LF and CR become LF). *out = d on success. */
enum form_err form_clean(char *d, size_t len, int allow_breaks, char **out);
/* Parses "a=1&b=2" (query or form body). Fields without '=' get "". */
enum form_err form_parse(struct region *a, const char *s, size_t n, const struct form_limits *lim,
			 struct kvlist *out);
/* Parses a Cookie header ("a=1; b=2"); malformed pairs are skipped, as
 * browsers send what they were given. Values are not decoded. */
void cookie_parse(struct region *a, const char *header, struct kvlist *out);

/* Appends s percent-encoded for a path segment or query value: only
 * A-Z a-z 0-9 - _ . ~ stay as they are. */
void form_encode(struct buf *out, const char *s);

/* The first value for key, or NULL. */
const char *kv_get(const struct kvlist *l, const char *key);

#endif
