/*
 * health.c: a write the database must take (see health.h).
 */
#include "model/health.h"

static struct store_sql write_sql = STORE_SQL(
	"INSERT INTO health_check (id, checked_at) VALUES (1, ?) "
	"ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at");

enum model_rc health_write(struct store *db)
{
	struct store_stmt *st = store_prepare(db, &write_sql);
	if (st == NULL)
		return MODEL_ERROR;
	store_bind_int(st, 1, model_now());
	return model_exec(db, st, NULL, "health_write");
}
