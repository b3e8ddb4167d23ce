/*
 * opinion_map_fuzz.c: libFuzzer harness for opinion_map_parse
 * (src/model/opinion_map.c), the reader of stored opinion maps: any
 * input is refused with a message, or read with every group, count and
 * list within the bounds struct opinion_map promises (checked here, so a
 * broken promise is a crash the fuzzer keeps). Run through fuzz/run; not
 * part of make check.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/opinion_map.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	struct region *a = region_new();
	struct opinion_map m;
	char err[256] = "";
	if (opinion_map_parse(text, a, &m, err, sizeof err) != MODEL_OK) {
		if (err[0] == '\0' || m.k != 0 || m.nparts != 0 || m.json != NULL)
			abort();
	} else {
		if (m.k < 0 || m.k > OPINION_MAX_K)
			abort();
		for (size_t i = 0; i < m.nparts; i++)
			if (m.parts[i].group < -1 || m.parts[i].group >= m.k)
				abort();
		for (int g = 0; g < m.k; g++)
			for (size_t i = 0; i < m.nrep[g]; i++)
				if (m.rep[g][i].n_success < 0 || m.rep[g][i].n_success > m.rep[g][i].n_trials)
					abort();
		for (size_t i = 0; i < m.nvotes; i++) {
			const struct opinion_map_votes *v = &m.votes[i];
			if (v->all.agree < 0 || v->all.disagree < 0 || v->all.agree + v->all.disagree > v->all.seen ||
			    opinion_map_votes_of(&m, v->statement) != v)
				abort();
			for (int g = 0; g < m.k; g++)
				if (v->group[g].agree + v->group[g].disagree > v->group[g].seen)
					abort();
		}
	}
	opinion_map_free(&m);
	region_free(a);
	free(text);
	return 0;
}
