/*
 * secret.h: random tokens and their hashes (libsodium). A token is 32
 * random bytes (256 bits) in base64url without padding: 43 characters,
 * safe in cookies and URLs. Only the token's SHA-256 (hex) is ever stored,
 * so a copy of the database does not let anyone act with it.
 */
#ifndef SAMSKAB_CORE_SECRET_H
#define SAMSKAB_CORE_SECRET_H

#include <stddef.h>

#define SECRET_TOKEN_LEN 43 /* characters, without the NUL */
#define SECRET_HASH_LEN 64  /* hex characters of SHA-256 */

/* Initialises libsodium; 0, or -1 if the system has no randomness. Until
 * secret_site_key_set, secret_site_sign uses a random key of this process. */
int secret_init(void);

/* Fills out[SECRET_TOKEN_LEN + 1] with a fresh token. */
void secret_token(char *out);
/* 1 if s looks like a token (length and alphabet), else 0. */
int secret_token_valid(const char *s);
/* out[SECRET_HASH_LEN + 1] = hex SHA-256 of s. */
void secret_hash(const char *s, char *out);
/* Constant-time comparison of two NUL-terminated strings. */
int secret_equal(const char *a, const char *b);

/* A token under a fresh random mask, for pages: the 32 mask bytes and the
 * token's bytes XOR the mask, in base64url, so the same token reads
 * differently on every page (compressed pages then give nothing away
 * about it, the BREACH attack). */
#define SECRET_MASKED_LEN 86 /* characters, without the NUL */
/* out[SECRET_MASKED_LEN + 1] = token (a valid one) masked. */
void secret_mask(const char *token, char *out);
/* out[SECRET_TOKEN_LEN + 1] = the token inside masked; 0, or -1 if
 * masked is not a masked token. */
int secret_unmask(const char *masked, char *out);

/* Signatures with a secret key (HMAC-SHA-256), for links that act
 * without signing in (unsubscribing from mail): the signature in
 * base64url, 43 characters. */
#define SECRET_KEY_BYTES 32
#define SECRET_SIGNATURE_LEN 43
/* out[SECRET_SIGNATURE_LEN + 1] = the signature of msg under key. */
void secret_sign(const unsigned char key[SECRET_KEY_BYTES], const char *msg, char *out);
/* 1 if sig is msg's signature under key (compared in constant time). */
int secret_verify(const unsigned char key[SECRET_KEY_BYTES], const char *msg, const char *sig);
/* out[SECRET_KEY_BYTES] = a fresh random key. */
void secret_key(unsigned char out[SECRET_KEY_BYTES]);

/* The installation's key (the site key "site" of model/sitekey.h, the
 * same on every node), held by the process: it signs cookies the server
 * must be able to trust (CSRF tokens before signing in, device cookies of
 * sign-in) and keys the hashes of addresses. Set it before serving, from
 * one thread. */
void secret_site_key_set(const unsigned char key[SECRET_KEY_BYTES]);
/* out[SECRET_SIGNATURE_LEN + 1] = HMAC-SHA-256 under the site key of
 * purpose (say "csrf", with its NUL) and msg, in base64url: what only this
 * installation can make. Different purposes never sign alike. */
void secret_site_sign(const char *purpose, const char *msg, char *out);
/* 1 if sig is secret_site_sign(purpose, msg), compared in constant time. */
int secret_site_signed(const char *purpose, const char *msg, const char *sig);

#endif
