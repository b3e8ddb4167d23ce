/*
 * realtext.h: a real as printf's "%.*g" writes it, digit for digit,
 * without printf. printf's conversion is exact for any value
 * (multi-precision arithmetic) and costs hundreds of nanoseconds; the map
 * of a large dialogue writes two reals per participant. Here the reals
 * that maps hold (between 1e-6 and 2^53, precision up to 17) are
 * converted exactly with 128-bit integers, and any other value by
 * snprintf. (Whole numbers: buf_put_int.)
 */
#ifndef SAMSKAB_CORE_REALTEXT_H
#define SAMSKAB_CORE_REALTEXT_H

/* Longest text written, with its NUL. */
#define REALTEXT_MAX 40

/* snprintf(t, REALTEXT_MAX, "%.*g", precision, v); returns the length.
 * Precisions outside 1 to 17 go to snprintf. */
int realtext_g(char t[REALTEXT_MAX], double v, int precision);

#endif
