/*
 * replica.c: WAL positions of a primary and its read replicas (see
 * replica.h).
 */
#include "store/replica.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/backend.h"

static struct store_sql position_sql = STORE_SQL("SELECT pg_current_wal_insert_lsn()::text");
static struct store_sql replayed_sql = STORE_SQL("SELECT pg_last_wal_replay_lsn()::text");

struct store_pool *store_replica_pool_new(const char *url, const struct store_options *opt,
					  char *err, size_t errlen)
{
	if (!store_url_is_postgres(url)) {
		snprintf(err, errlen,
			 "a read replica must be a PostgreSQL database (postgres://...): SQLite has none");
		return NULL;
	}
	struct store_pool *p = store_pool_new(url, opt);
	if (p == NULL)
		snprintf(err, errlen, "too many database pools");
	return p;
}

void store_lsn_format(uint64_t lsn, char out[STORE_LSN_LEN])
{
	snprintf(out, STORE_LSN_LEN, "%" PRIX32 "/%" PRIX32, (uint32_t)(lsn >> 32), (uint32_t)lsn);
}

static int hex32(const char *p, size_t n, uint32_t *v)
{
	if (n == 0 || n > 8)
		return -1;
	*v = 0;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		int d = c >= '0' && c <= '9' ? c - '0'
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
					       : -1;
		if (d < 0)
			return -1;
		*v = *v << 4 | (uint32_t)d;
	}
	return 0;
}

int store_lsn_parse(const char *text, uint64_t *lsn)
{
	const char *slash = strchr(text, '/');
	uint32_t hi, lo;
	if (slash == NULL || hex32(text, (size_t)(slash - text), &hi) != 0 ||
	    hex32(slash + 1, strlen(slash + 1), &lo) != 0)
		return -1;
	*lsn = (uint64_t)hi << 32 | lo;
	return 0;
}

/* Runs a one-column position query; a NULL answer leaves *lsn alone and
 * sets *null. */
static int read_position(struct store *s, struct store_sql *sql, uint64_t *lsn, int *null)
{
	struct store_stmt *st = store_prepare(s, sql);
	if (st == NULL)
		return STORE_ERROR;
	int rc = store_step(st);
	if (rc != STORE_ROW) {
		store_reset(st);
		return rc == STORE_DONE ? store_fail(s, STORE_ERROR, "no WAL position") : rc;
	}
	const char *text = store_col_text(st, 0);
	*null = text == NULL;
	if (text && store_lsn_parse(text, lsn) != 0)
		rc = store_fail(s, STORE_ERROR, "unexpected WAL position '%s'", text);
	else
		rc = STORE_OK;
	store_reset(st);
	return rc;
}

int store_wal_position(struct store *primary, uint64_t *lsn)
{
	*lsn = 0;
	if (store_dialect(primary) != STORE_POSTGRES)
		return STORE_OK;
	int null = 0;
	return read_position(primary, &position_sql, lsn, &null);
}

int store_replica_caught_up(struct store *replica, uint64_t lsn, int *caught_up)
{
	*caught_up = 1;
	if (store_dialect(replica) != STORE_POSTGRES)
		return STORE_OK;
	uint64_t replayed = 0;
	int null = 0;
	int rc = read_position(replica, &replayed_sql, &replayed, &null);
	if (rc == STORE_OK && null)
		rc = store_fail(replica, STORE_ERROR,
				"the replica database is not a replica (it is not in recovery): "
				"check --db-replica");
	if (rc != STORE_OK) {
		*caught_up = 0;
		return rc;
	}
	*caught_up = replayed >= lsn;
	return STORE_OK;
}
