/*
 * words.h: the Danish words the proposal benchmarks write their texts
 * with, and a small fixed generator, so every run writes the same texts.
 */
#ifndef SAMSKAB_BENCH_PROPOSALS_WORDS_H
#define SAMSKAB_BENCH_PROPOSALS_WORDS_H

#include <stdint.h>

static const char *const words[] = {
	"kommunen", "og", "foreningerne", "skal", "sammen", "finde", "nye", "veje", "til", "fællesskab",
	"for", "ældre", "i", "Haarby", "efter", "kl.", "16", "naboer", "inviterer", "med", "hallen",
	"fællesspisning", "frivillige", "bibliotek", "bus", "aften", "weekend", "børnehaven", "skolen",
};
#define NWORDS (sizeof words / sizeof words[0])

static uint32_t seed;

static uint32_t next(void)
{
	seed = seed * 1664525u + 1013904223u;
	return seed >> 8;
}

#endif
