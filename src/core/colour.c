/*
 * colour.c: sRGB colours and WCAG contrast (see colour.h).
 */
#include "core/colour.h"

#include <math.h>

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int colour_parse(const char *hex, int rgb[3])
{
	if (hex == 0 || hex[0] != '#')
		return -1;
	for (int i = 0; i < 3; i++) {
		int hi = hexval(hex[1 + 2 * i]), lo = hi < 0 ? -1 : hexval(hex[2 + 2 * i]);
		if (hi < 0 || lo < 0)
			return -1;
		rgb[i] = hi * 16 + lo;
	}
	return hex[7] == '\0' ? 0 : -1;
}

/* WCAG 2.1's relative luminance of an sRGB colour. */
static double luminance(const int rgb[3])
{
	static const double weight[3] = { 0.2126, 0.7152, 0.0722 };
	double l = 0;
	for (int i = 0; i < 3; i++) {
		double c = rgb[i] / 255.0;
		c = c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
		l += weight[i] * c;
	}
	return l;
}

double colour_contrast(const int a[3], const int b[3])
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}
