/*
 * sitekey.h: secret keys of this installation, kept in its database so
 * that every node has the same: the key that signs unsubscribe links in
 * mail, and the site key (SITEKEY_SITE) that signs the CSRF cookie before
 * signing in and the device cookies of sign-in and keys the fingerprints
 * of participants' networks (core/secret.h, secret_site_key_set). A key
 * is made on first use and never changes, so links sent and cookies
 * given stay valid. Owns table site_secret.
 */
#ifndef SAMSKAB_MODEL_SITEKEY_H
#define SAMSKAB_MODEL_SITEKEY_H

#include "core/secret.h"
#include "model/model.h"

/* The site key's name: `samskab serve` makes it before serving. */
#define SITEKEY_SITE "site"

/* The key called name. With create, one is made if there is none yet
 * (a write: call it in a transaction or on the primary); without,
 * MODEL_NOT_FOUND then. */
MODEL_MUST_USE enum model_rc sitekey_get(struct store *db, const char *name, int create,
			  unsigned char key[SECRET_KEY_BYTES]);

#endif
