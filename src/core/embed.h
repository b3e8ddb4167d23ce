/*
 * embed.h: files compiled into the binary by tools/embed at build time:
 * static assets (assets/), migrations (migrations/) and message catalogues
 * (i18n/). Read-only data; every entry ends with a NUL byte not counted in
 * size, so text files can be used as C strings.
 */
#ifndef SAMSKAB_CORE_EMBED_H
#define SAMSKAB_CORE_EMBED_H

#include <stddef.h>

struct embed_file {
	const char *name;          /* base name, e.g. "style.css" */
	const unsigned char *data; /* size bytes, then a NUL */
	size_t size;
	const char *hash;          /* 16 hex digits of a content hash */
};

extern const struct embed_file embed_asset[];
extern const size_t embed_asset_count;
extern const struct embed_file embed_migration[];
extern const size_t embed_migration_count;
extern const struct embed_file embed_catalogue[];
extern const size_t embed_catalogue_count;

#endif
