/*
 * secret.c: tokens, hashes and constant-time comparison (see secret.h).
 */
#include "core/secret.h"

#include <sodium.h>
#include <string.h>

/* The key that signs and keys hashes: random per process until
 * secret_site_key_set gives the installation's own. */
static unsigned char site_key[SECRET_KEY_BYTES];

int secret_init(void)
{
	if (sodium_init() < 0)
		return -1;
	static int keyed;
	if (!keyed) {
		randombytes_buf(site_key, sizeof site_key);
		keyed = 1;
	}
	return 0;
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

void secret_mask(const char *token, char *out)
{
	unsigned char both[64], raw[32];
	size_t n = 0;
	if (sodium_base642bin(raw, sizeof raw, token, strlen(token), NULL, &n, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    n != sizeof raw)
		memset(raw, 0, sizeof raw); /* not a token: masks nothing usable */
	randombytes_buf(both, 32);
	for (size_t i = 0; i < 32; i++)
		both[32 + i] = raw[i] ^ both[i];
	sodium_bin2base64(out, SECRET_MASKED_LEN + 1, both, sizeof both,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	sodium_memzero(both, sizeof both);
}

int secret_unmask(const char *masked, char *out)
{
	unsigned char both[64], raw[32];
	size_t n = 0;
	if (strlen(masked) != SECRET_MASKED_LEN ||
	    sodium_base642bin(both, sizeof both, masked, SECRET_MASKED_LEN, NULL, &n, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    n != sizeof both)
		return -1;
	for (size_t i = 0; i < 32; i++)
		raw[i] = both[32 + i] ^ both[i];
	sodium_bin2base64(out, SECRET_TOKEN_LEN + 1, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	sodium_memzero(both, sizeof both);
	return 0;
}

void secret_sign(const unsigned char key[SECRET_KEY_BYTES], const char *msg, char *out)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), key);
	sodium_bin2base64(out, SECRET_SIGNATURE_LEN + 1, mac, sizeof mac,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int secret_verify(const unsigned char key[SECRET_KEY_BYTES], const char *msg, const char *sig)
{
	if (sig == NULL || strlen(sig) != SECRET_SIGNATURE_LEN)
		return 0;
	char want[SECRET_SIGNATURE_LEN + 1];
	secret_sign(key, msg, want);
	return sodium_memcmp(want, sig, SECRET_SIGNATURE_LEN) == 0;
}

void secret_key(unsigned char out[SECRET_KEY_BYTES])
{
	randombytes_buf(out, SECRET_KEY_BYTES);
}

void secret_site_key_set(const unsigned char key[SECRET_KEY_BYTES])
{
	memcpy(site_key, key, SECRET_KEY_BYTES);
}

void secret_site_sign(const char *purpose, const char *msg, char *out)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, site_key, sizeof site_key);
	/* The purpose with its NUL: "a" + "bc" never signs like "ab" + "c". */
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)purpose, strlen(purpose) + 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)msg, strlen(msg));
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2base64(out, SECRET_SIGNATURE_LEN + 1, mac, sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(&st, sizeof st);
}

int secret_site_signed(const char *purpose, const char *msg, const char *sig)
{
	if (sig == NULL || strlen(sig) != SECRET_SIGNATURE_LEN)
		return 0;
	char want[SECRET_SIGNATURE_LEN + 1];
	secret_site_sign(purpose, msg, want);
	return sodium_memcmp(want, sig, SECRET_SIGNATURE_LEN) == 0;
}
