/*
 * health.h: whether the database takes writes now, for /healthz: a read
 * can succeed while every write fails (a full disk, a read-only file or
 * filesystem, a PostgreSQL server in recovery). Owns table health_check.
 */
#ifndef SAMSKAB_MODEL_HEALTH_H
#define SAMSKAB_MODEL_HEALTH_H

#include "model/model.h"

/* Writes and commits one small row (outside any transaction of the
 * caller's); MODEL_OK when the database took it. */
MODEL_MUST_USE enum model_rc health_write(struct store *db);

#endif
