/*
 * embed.h: what the build compiles into the binary: static assets
 * (assets/) and migrations (migrations/), by tools/embed, as files; the
 * message catalogues (the PO files in i18n/), by tools/po, as tables of texts indexed
 * by the generated enums (msg.h). Read-only data; every file entry ends
 * with a NUL byte not counted in size, so text files can be used as C
 * strings.
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
/* One catalogue: i18n/CODE.po. A text with a count holds its plural forms
 * one after the other, each ending with a NUL. A text the catalogue lacks,
 * or has untranslated, fuzzy or for another Danish text, is NULL, and
 * problems says which and where ("ar.po:12: key: fuzzy ...", a line
 * each). The reference (da.po) comes first. */
struct embed_catalogue {
	const char *file;           /* "ar.po" */
	const char *code;           /* its header's Language, e.g. "ar" */
	const char *plural_forms;   /* its header's Plural-Forms */
	int review_pending;         /* X-Native-Review: pending (machine-made
				     * or non-native, not yet reviewed) */
	const char *const *msg;     /* MSG__MAX texts */
	const char *const *msgn;    /* MSGN__MAX texts with their forms */
	int problem_count;
	const char *problems;
};

extern const struct embed_catalogue *const embed_catalogue[];
extern const size_t embed_catalogue_count;

#endif
