/*
 * internal.h: what the files of src/match share with each other; not for
 * other layers (they use match.h).
 */
#ifndef SAMSKAB_MATCH_INTERNAL_H
#define SAMSKAB_MATCH_INTERNAL_H

#include <stddef.h>

#include "match/match.h"

/* Writes the message (printf) into err and returns MATCH_EINPUT. */
enum match_err match_refuse(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
