/*
 * secret_test.c: random tokens, their hashes and constant-time comparison
 * (src/core/secret.c). Session cookies, e-mail links and CSRF tokens are
 * these tokens; the database only ever holds their SHA-256.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/secret.h"

static int setup(void **state)
{
	(void)state;
	return secret_init();
}

static int url_safe(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
	       c == '_';
}

static void test_token_is_43_url_safe_characters_of_256_bits(void **state)
{
	(void)state;
	for (int round = 0; round < 100; round++) {
		char t[SECRET_TOKEN_LEN + 1];
		memset(t, 'x', sizeof t);
		secret_token(t);
		assert_int_equal(strlen(t), 43);
		for (size_t i = 0; i < SECRET_TOKEN_LEN; i++)
			if (!url_safe(t[i]))
				fail_msg("token %s: character %zu is not URL-safe", t, i);
		/* It is the unpadded base64url form of exactly 32 random bytes. */
		unsigned char raw[64];
		size_t n = 0;
		assert_int_equal(sodium_base642bin(raw, sizeof raw, t, strlen(t), NULL, &n, NULL,
						   sodium_base64_VARIANT_URLSAFE_NO_PADDING),
				 0);
		assert_int_equal(n, 32);
		assert_true(secret_token_valid(t));
	}
}

static int compare(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void test_thousand_tokens_are_all_different(void **state)
{
	(void)state;
	enum { N = 1000 };
	char(*t)[SECRET_TOKEN_LEN + 1] = calloc(N, sizeof *t);
	for (int i = 0; i < N; i++)
		secret_token(t[i]);
	qsort(t, N, sizeof *t, compare);
	for (int i = 1; i < N; i++)
		if (strcmp(t[i - 1], t[i]) == 0)
			fail_msg("token %s came twice", t[i]);
	/* Every character position varies: no fixed prefix or suffix. */
	for (int pos = 0; pos < SECRET_TOKEN_LEN; pos++) {
		int same = 1;
		for (int i = 1; i < N && same; i++)
			same = t[i][pos] == t[0][pos];
		assert_false(same);
	}
	free(t);
}

static void test_token_valid_table(void **state)
{
	(void)state;
	static const struct {
		const char *what, *s;
		int valid;
	} cases[] = {
		{ "43 letters", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 1 },
		{ "whole alphabet", "abcdefghijklmnopqrstuvwxyz-_0123456789ABCDE", 1 },
		{ "empty", "", 0 },
		{ "42 characters", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 0 },
		{ "44 characters", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 0 },
		{ "padding '='", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", 0 },
		{ "standard base64 '+'", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+", 0 },
		{ "standard base64 '/'", "/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 0 },
		{ "space", "AAAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAAAAAAA", 0 },
		{ "dot", "AAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAA", 0 },
		{ "quote", "AAAAAAAAAAAAAAAAAAAAA'AAAAAAAAAAAAAAAAAAAAA", 0 },
		{ "semicolon (cookie separator)", "AAAAAAAAAAAAAAAAAAAAA;AAAAAAAAAAAAAAAAAAAAA", 0 },
		{ "percent-encoding", "AAAAAAAAAAAAAAAAAAAAA%AAAAAAAAAAAAAAAAAAAAA", 0 },
		{ "newline", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", 0 },
		/* 42 bytes + a 2-byte letter: 43 characters but 44 bytes. */
		{ "non-ASCII letter", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAø", 0 },
		/* 41 bytes + 2 bytes: 43 bytes, but not the alphabet. */
		{ "non-ASCII at the right length", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAø", 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (secret_token_valid(cases[i].s) != cases[i].valid)
			fail_msg("%s: \"%s\" valid should be %d", cases[i].what, cases[i].s, cases[i].valid);
	assert_int_equal(secret_token_valid(NULL), 0);
	char t[SECRET_TOKEN_LEN + 1];
	secret_token(t);
	assert_int_equal(secret_token_valid(t), 1);
}

static void test_hash_known_sha256_vectors(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
		{ "The quick brown fox jumps over the lazy dog",
		  "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char h[SECRET_HASH_LEN + 1];
		memset(h, 'x', sizeof h);
		secret_hash(cases[i].in, h);
		assert_int_equal(strlen(h), SECRET_HASH_LEN);
		assert_string_equal(h, cases[i].out);
	}
}

static void test_hash_of_token_is_stable_and_differs_per_token(void **state)
{
	(void)state;
	char a[SECRET_TOKEN_LEN + 1], b[SECRET_TOKEN_LEN + 1];
	char ha1[SECRET_HASH_LEN + 1], ha2[SECRET_HASH_LEN + 1], hb[SECRET_HASH_LEN + 1];
	secret_token(a);
	secret_token(b);
	secret_hash(a, ha1);
	secret_hash(a, ha2);
	secret_hash(b, hb);
	assert_string_equal(ha1, ha2);
	assert_string_not_equal(ha1, hb);
	/* The hash does not contain the token. */
	assert_null(strstr(ha1, a));
}

static void test_equal_table(void **state)
{
	(void)state;
	static const struct {
		const char *a, *b;
		int equal;
	} cases[] = {
		{ "", "", 1 },
		{ "abc", "abc", 1 },
		{ "abc", "abd", 0 },
		{ "abc", "Abc", 0 },
		{ "abc", "ab", 0 },         /* different lengths */
		{ "ab", "abc", 0 },         /* a prefix is not equal */
		{ "", "a", 0 },
		{ "a", "", 0 },
		{ "abcdefghijklmnopqrstuvwxyz-_0123456789ABCDE",
		  "abcdefghijklmnopqrstuvwxyz-_0123456789ABCDE", 1 },
		{ "abcdefghijklmnopqrstuvwxyz-_0123456789ABCDE",
		  "abcdefghijklmnopqrstuvwxyz-_0123456789ABCDF", 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (secret_equal(cases[i].a, cases[i].b) != cases[i].equal)
			fail_msg("secret_equal(\"%s\", \"%s\") should be %d", cases[i].a, cases[i].b,
				 cases[i].equal);
}

/* A masked token unmasks to the token, reads differently each time, and
 * anything else is refused. */
static void test_mask_round_trip_and_refusals(void **state)
{
	(void)state;
	char token[SECRET_TOKEN_LEN + 1], a[SECRET_MASKED_LEN + 1], b[SECRET_MASKED_LEN + 1],
		back[SECRET_TOKEN_LEN + 1];
	secret_token(token);
	secret_mask(token, a);
	secret_mask(token, b);
	assert_int_equal(strlen(a), SECRET_MASKED_LEN);
	assert_string_not_equal(a, b);
	assert_null(strstr(a, token));
	assert_int_equal(secret_unmask(a, back), 0);
	assert_string_equal(back, token);
	assert_int_equal(secret_unmask(b, back), 0);
	assert_string_equal(back, token);
	/* Another token's mask unmasks to that token, not this one. */
	char other[SECRET_TOKEN_LEN + 1], masked_other[SECRET_MASKED_LEN + 1];
	secret_token(other);
	secret_mask(other, masked_other);
	assert_int_equal(secret_unmask(masked_other, back), 0);
	assert_false(secret_equal(back, token));
	/* Wrong length or alphabet. */
	assert_int_equal(secret_unmask("", back), -1);
	assert_int_equal(secret_unmask(token, back), -1);
	char bad[SECRET_MASKED_LEN + 1];
	memcpy(bad, a, sizeof bad);
	bad[10] = '=';
	assert_int_equal(secret_unmask(bad, back), -1);
}

/* Site signatures are HMAC-SHA256 under the installation's key of the
 * purpose (with its NUL) and the message (vectors from Python's hmac
 * module). */
static void test_site_sign_known_vectors_and_refusals(void **state)
{
	(void)state;
	unsigned char key[SECRET_KEY_BYTES];
	for (int i = 0; i < SECRET_KEY_BYTES; i++)
		key[i] = (unsigned char)i;
	secret_site_key_set(key);
	char sig[SECRET_SIGNATURE_LEN + 1];
	secret_site_sign("csrf", "abc", sig);
	assert_string_equal(sig, "XF0QU5zbNBfgvAg7UezWfkPk88uzec1H-aiUXflg2dY");
	secret_site_sign("device", "abc", sig);
	assert_string_equal(sig, "rCieiw_OTfXyfmQkAH66xLByUaDaEvOLQIFaaeGLHCo");
	assert_true(secret_site_signed("device", "abc", sig));
	assert_false(secret_site_signed("csrf", "abc", sig));   /* another purpose */
	assert_false(secret_site_signed("device", "abd", sig)); /* another message */
	assert_false(secret_site_signed("device", "abc", NULL));
	assert_false(secret_site_signed("device", "abc", "short"));
	/* Another key signs differently. */
	secret_key(key);
	secret_site_key_set(key);
	assert_false(secret_site_signed("device", "abc", sig));
}

/* HMAC-SHA-256 as Python's hmac module computes it, in base64url. */
static void test_signature_known_value_and_verification(void **state)
{
	(void)state;
	unsigned char key[SECRET_KEY_BYTES];
	for (int i = 0; i < SECRET_KEY_BYTES; i++)
		key[i] = (unsigned char)i;
	char sig[SECRET_SIGNATURE_LEN + 1];
	secret_sign(key, "unsubscribe:42:all", sig);
	assert_string_equal(sig, "ULIrjSNJ76vgniM--yNHTmn1-bdKCFg0GK4RkaqIY-M");
	assert_true(secret_verify(key, "unsubscribe:42:all", sig));
	assert_false(secret_verify(key, "unsubscribe:43:all", sig));
	assert_false(secret_verify(key, "unsubscribe:42:all", "ULIrjSNJ76vgniM--yNHTmn1-bdKCFg0GK4RkaqIY-N"));
	assert_false(secret_verify(key, "unsubscribe:42:all", "ULIrjSNJ76vgniM"));
	assert_false(secret_verify(key, "unsubscribe:42:all", NULL));
	key[0] ^= 1;
	assert_false(secret_verify(key, "unsubscribe:42:all", sig));
	unsigned char a[SECRET_KEY_BYTES], b[SECRET_KEY_BYTES];
	secret_key(a);
	secret_key(b);
	assert_memory_not_equal(a, b, SECRET_KEY_BYTES);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_token_is_43_url_safe_characters_of_256_bits),
		cmocka_unit_test(test_mask_round_trip_and_refusals),
		cmocka_unit_test(test_thousand_tokens_are_all_different),
		cmocka_unit_test(test_token_valid_table),
		cmocka_unit_test(test_hash_known_sha256_vectors),
		cmocka_unit_test(test_hash_of_token_is_stable_and_differs_per_token),
		cmocka_unit_test(test_equal_table),
		cmocka_unit_test(test_site_sign_known_vectors_and_refusals),
		cmocka_unit_test(test_signature_known_value_and_verification),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
