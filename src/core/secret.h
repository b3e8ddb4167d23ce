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
 * secret_key_set, signatures use a random key of this process. */
int secret_init(void);

/* The installation's key, which signs cookies the server must be able to
 * trust (CSRF tokens before signing in, device cookies) and keys the
 * hashes of addresses: 32 random bytes, kept in the database so every
 * node has the same (model/sitekey.h), in hex there. */
#define SECRET_KEY_LEN 32
#define SECRET_KEY_HEX_LEN 64
/* Sets the key; call before serving, from one thread. */
void secret_key_set(const unsigned char key[SECRET_KEY_LEN]);
/* out[SECRET_KEY_HEX_LEN + 1] = a fresh random key, in hex. */
void secret_key_new(char *out);
/* Reads a key in hex; 0, or -1 if hex is not one. */
int secret_key_parse(const char *hex, unsigned char key[SECRET_KEY_LEN]);
/* out[SECRET_TOKEN_LEN + 1] = HMAC-SHA256 under the key of purpose (say
 * "csrf") and msg, in base64url: what only this installation can make.
 * Different purposes never sign alike. */
void secret_sign(const char *purpose, const char *msg, char *out);
/* 1 if sig is secret_sign(purpose, msg), compared in constant time. */
int secret_signed(const char *purpose, const char *msg, const char *sig);
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

#endif
