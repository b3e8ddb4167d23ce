/*
 * colour.h: colours as sRGB hex ("#0b5394") and their contrast, as WCAG
 * 2.1 measures it (relative luminance; (L1 + 0.05) / (L2 + 0.05)), so
 * a colour chosen for the site is refused when text would not be legible
 * on it or it on the page.
 */
#ifndef SAMSKAB_CORE_COLOUR_H
#define SAMSKAB_CORE_COLOUR_H

/* WCAG 2.1 AA: normal text needs at least this contrast. */
#define COLOUR_AA 4.5

/* Parses "#rrggbb" (either case) into r, g, b (0..255); 0, or -1 for
 * anything else. */
int colour_parse(const char *hex, int rgb[3]);
/* The contrast of two colours, from 1 (the same) to 21 (black, white). */
double colour_contrast(const int a[3], const int b[3]);

#endif
