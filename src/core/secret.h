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

/* Initialises libsodium; 0, or -1 if the system has no randomness. */
int secret_init(void);
/* Fills out[SECRET_TOKEN_LEN + 1] with a fresh token. */
void secret_token(char *out);
/* 1 if s looks like a token (length and alphabet), else 0. */
int secret_token_valid(const char *s);
/* out[SECRET_HASH_LEN + 1] = hex SHA-256 of s. */
void secret_hash(const char *s, char *out);
/* Constant-time comparison of two NUL-terminated strings. */
int secret_equal(const char *a, const char *b);

#endif
