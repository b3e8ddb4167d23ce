/*
 * numtext.h: numbers as text, without printf: a whole number as "%lld"
 * writes it, and a real as "%.*g" writes it, digit for digit. printf's
 * conversion of a real is exact for any value (multi-precision
 * arithmetic) and costs hundreds of nanoseconds; the map of a large
 * dialogue writes two reals per participant. Here the reals that maps
 * hold (between 1e-6 and 2^53, precision up to 17) are converted
 * exactly with 128-bit integers, and any other value by snprintf.
 */
#ifndef SAMSKAB_CORE_NUMTEXT_H
#define SAMSKAB_CORE_NUMTEXT_H

#include <stdint.h>

/* Longest text either writes, with its NUL. */
#define NUMTEXT_MAX 40

/* v in decimal into t, NUL-terminated; returns the length. */
int numtext_int(char t[NUMTEXT_MAX], int64_t v);
/* snprintf(t, NUMTEXT_MAX, "%.*g", precision, v), precision 1 to 17
 * (others go to snprintf); returns the length. */
int numtext_g(char t[NUMTEXT_MAX], double v, int precision);

#endif
