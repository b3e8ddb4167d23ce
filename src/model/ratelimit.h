/*
 * ratelimit.h: fixed-window counters kept in the database, so every node
 * behind a load balancer counts the same attempts. Owns table rate_limit.
 */
#ifndef SAMSKAB_MODEL_RATELIMIT_H
#define SAMSKAB_MODEL_RATELIMIT_H

#include "model/model.h"

/* Counts one attempt under key in its current window of window seconds
 * (which began with the first attempt counted in it); *allowed is 0 once
 * more than limit attempts were counted in it. */
MODEL_MUST_USE enum model_rc rate_limit_hit(struct store *db, const char *key, int64_t limit, int64_t window,
			     int *allowed);
/* Removes windows that ended more than a day ago. */
MODEL_MUST_USE enum model_rc rate_limit_purge(struct store *db, int64_t now);

#endif
