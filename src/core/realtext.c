/*
 * realtext.c: a real as "%.*g" writes it, without printf (see realtext.h).
 *
 * A real v = m 2^e (m an integer below 2^53) with P significant digits
 * and decimal exponent X (10^X <= |v| < 10^(X+1)) is the integer q
 * nearest to |v| 10^(P-1-X), ties to even as printf rounds, written with
 * the point after its first digit. For k = P-1-X between 0 and 22, and
 * e <= 0, m 10^k is exact in 128 bits (below 2^53 2^73.1) and q is that
 * product shifted right by -e, the bits shifted out deciding the
 * rounding exactly. X is estimated from the binary exponent and then
 * corrected by the size of q.
 */
#include "core/realtext.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const uint64_t pow10_u64[20] = { 1ull,
					10ull,
					100ull,
					1000ull,
					10000ull,
					100000ull,
					1000000ull,
					10000000ull,
					100000000ull,
					1000000000ull,
					10000000000ull,
					100000000000ull,
					1000000000000ull,
					10000000000000ull,
					100000000000000ull,
					1000000000000000ull,
					10000000000000000ull,
					100000000000000000ull,
					1000000000000000000ull,
					10000000000000000000ull };

static unsigned __int128 pow10_u128(int k)
{
	return k < 20 ? (unsigned __int128)pow10_u64[k]
		      : (unsigned __int128)pow10_u64[19] * pow10_u64[k - 19];
}

/* q, the P digits of |v| (see above), and X, or 0 if v is outside the
 * exact range. */
static int realtext_digits(double v, int precision, uint64_t *q, int *x)
{
	uint64_t bits;
	memcpy(&bits, &v, sizeof bits);
	int be = (int)(bits >> 52 & 0x7ff);
	if (be == 0 || be == 0x7ff)
		return 0; /* zero, subnormal, infinite or NaN */
	uint64_t m = (bits & ((1ull << 52) - 1)) | (1ull << 52);
	int e = be - 1075, sh = -e;
	if (sh <= 0 || sh >= 128)
		return 0;
	/* log10(2) ~ 0.30103: |v| lies in [2^(e+52), 2^(e+53)). */
	int est = (int)floor((e + 52) * 0.30102999566398120);
	for (int tries = 0; tries < 3; tries++) {
		int k = precision - 1 - est;
		if (k < 0 || k > 22)
			return 0;
		unsigned __int128 n = (unsigned __int128)m * pow10_u128(k);
		unsigned __int128 t = n >> sh, r = n - (t << sh), half = (unsigned __int128)1 << (sh - 1);
		uint64_t lo = pow10_u64[precision - 1], hi = pow10_u64[precision];
		if (t >= hi) {
			est++;
			continue;
		}
		if (t < lo) {
			est--;
			continue;
		}
		uint64_t d = (uint64_t)t;
		if (r > half || (r == half && (d & 1)))
			d++;
		if (d == hi) {
			d = lo;
			est++;
		}
		*q = d;
		*x = est;
		return 1;
	}
	return 0;
}

int realtext_g(char t[REALTEXT_MAX], double v, int precision)
{
	uint64_t q;
	int x;
	if (precision < 1 || precision > 17 || !realtext_digits(v, precision, &q, &x))
		return snprintf(t, REALTEXT_MAX, "%.*g", precision, v);
	char d[20];
	for (int i = precision - 1; i >= 0; i--, q /= 10)
		d[i] = (char)('0' + q % 10);
	int nd = precision;
	while (nd > 1 && d[nd - 1] == '0')
		nd--; /* %g drops trailing zeros */
	int len = 0;
	if (v < 0)
		t[len++] = '-';
	if (x < -4 || x >= precision) {
		t[len++] = d[0];
		if (nd > 1) {
			t[len++] = '.';
			memcpy(t + len, d + 1, (size_t)nd - 1);
			len += nd - 1;
		}
		t[len++] = 'e';
		t[len++] = x < 0 ? '-' : '+';
		int ax = x < 0 ? -x : x;
		if (ax >= 100)
			t[len++] = (char)('0' + ax / 100);
		t[len++] = (char)('0' + ax / 10 % 10);
		t[len++] = (char)('0' + ax % 10);
	} else if (x < 0) {
		t[len++] = '0';
		t[len++] = '.';
		for (int i = 0; i < -x - 1; i++)
			t[len++] = '0';
		memcpy(t + len, d, (size_t)nd);
		len += nd;
	} else {
		/* x + 1 digits before the point (x < precision). */
		for (int i = 0; i <= x; i++)
			t[len++] = i < nd ? d[i] : '0';
		if (nd > x + 1) {
			t[len++] = '.';
			memcpy(t + len, d + x + 1, (size_t)(nd - x - 1));
			len += nd - x - 1;
		}
	}
	t[len] = '\0';
	return len;
}
