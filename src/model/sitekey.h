/*
 * sitekey.h: the installation's key (see core/secret.h), made once by the
 * first node that needs it and read by all. Owns table site_key.
 */
#ifndef SAMSKAB_MODEL_SITEKEY_H
#define SAMSKAB_MODEL_SITEKEY_H

#include "core/secret.h"
#include "model/model.h"

/* The key, made and stored first when there is none (two nodes starting
 * at once agree: the first insert wins and both read it). MODEL_ERROR
 * for a stored key that is not one. */
MODEL_MUST_USE enum model_rc site_key_load(struct store *db, unsigned char key[SECRET_KEY_LEN]);

#endif
