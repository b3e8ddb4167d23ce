/*
 * fuzz.h: what the harnesses in fuzz/ share: the message catalogues,
 * loaded once before the first input.
 */
#ifndef SAMSKAB_FUZZ_H
#define SAMSKAB_FUZZ_H

#include <stdio.h>
#include <stdlib.h>

#include "core/i18n.h"

static inline void fuzz_i18n_once(void)
{
	static int ready;
	if (ready)
		return;
	char err[256];
	if (i18n_init(err, sizeof err) != 0) {
		fprintf(stderr, "i18n_init: %s\n", err);
		abort();
	}
	ready = 1;
}

#endif
