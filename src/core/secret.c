/*
 * secret.c: tokens, hashes and constant-time comparison (see secret.h).
 */
#include "core/secret.h"

#include <sodium.h>
#include <string.h>

int secret_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void secret_token(char *out)
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, SECRET_TOKEN_LEN + 1, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

int secret_token_valid(const char *s)
{
	if (s == NULL || strlen(s) != SECRET_TOKEN_LEN)
		return 0;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_'))
			return 0;
	return 1;
}

void secret_hash(const char *s, char *out)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	sodium_bin2hex(out, SECRET_HASH_LEN + 1, h, sizeof h);
}

int secret_equal(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (n != strlen(b))
		return 0;
	return sodium_memcmp(a, b, n) == 0;
}
