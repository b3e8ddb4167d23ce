/*
 * password.h: password hashing with Argon2id (libsodium crypto_pwhash,
 * INTERACTIVE limits: about 75 ms and 64 MiB per hash). At most
 * PASSWORD_CONCURRENCY hashes run at once, so a burst of sign-ins cannot
 * take the machine's memory. Passwords are never logged or stored.
 */
#ifndef SAMSKAB_CORE_PASSWORD_H
#define SAMSKAB_CORE_PASSWORD_H

#include <stddef.h>

#define PASSWORD_HASH_MAX 128 /* bytes of an encoded hash, with its NUL */
#define PASSWORD_MIN 10       /* characters */
#define PASSWORD_MAX 200      /* characters */
#define PASSWORD_CONCURRENCY 2

/* Hashes pw into out; 0, or -1 when out of memory. */
int password_hash(const char *pw, char out[PASSWORD_HASH_MAX]);
/* 1 if pw matches hash. With hash NULL it verifies against a fixed dummy
 * hash and returns 0, taking the same time: used when there is no such
 * account, so timing does not tell whether an address is registered. */
int password_verify(const char *hash, const char *pw);

#endif
