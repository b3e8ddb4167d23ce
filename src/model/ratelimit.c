/*
 * ratelimit.c: database-backed rate limits (see ratelimit.h). One
 * statement counts and reads, so concurrent requests on several nodes
 * cannot both slip under the limit. A window starts at the first attempt
 * under its key, not at a multiple of its length: with aligned windows a
 * burst across a boundary got twice the limit (and a test running across
 * one counted from zero halfway).
 */
#include "model/ratelimit.h"

/* Parameters: key, now, and twice the start of the oldest window still
 * running (now - window + 1). */
static struct store_sql hit_sql = STORE_SQL(
	"INSERT INTO rate_limit (key, window_start, count) VALUES (?, ?, 1) "
	"ON CONFLICT (key) DO UPDATE SET "
	"count = CASE WHEN rate_limit.window_start >= ? THEN rate_limit.count + 1 ELSE 1 END, "
	"window_start = CASE WHEN rate_limit.window_start >= ? THEN rate_limit.window_start "
	"ELSE excluded.window_start END "
	"RETURNING count");
static struct store_sql purge_sql = STORE_SQL("DELETE FROM rate_limit WHERE window_start < ?");

enum model_rc rate_limit_hit(struct store *db, const char *key, int64_t limit, int64_t window,
			     int *allowed)
{
	*allowed = 1;
	struct store_stmt *st = store_prepare(db, &hit_sql);
	if (st == NULL)
		return MODEL_ERROR;
	int64_t now = model_now();
	store_bind_text(st, 1, key);
	store_bind_int(st, 2, now);
	store_bind_int(st, 3, now - window + 1);
	store_bind_int(st, 4, now - window + 1);
	int64_t count = 0;
	enum model_rc rc = model_exec(db, st, &count, "rate_limit_hit");
	*allowed = count <= limit;
	return rc;
}

enum model_rc rate_limit_purge(struct store *db, int64_t now)
{
	struct store_stmt *st = store_prepare(db, &purge_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, now - 24 * 3600);
	return model_exec(db, st, NULL, "rate_limit_purge");
}
