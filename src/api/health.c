/*
 * health.c: /healthz for load balancers and /metrics for Prometheus.
 */
#include <pthread.h>

#include "api/api.h"
#include "core/monotime.h"
#include "core/version.h"
#include "http/metrics.h"
#include "model/health.h"
#include "store/migrate.h"

/* Below this, the disk under a SQLite database counts as full: the next
 * growth of its log or file fails. */
#define DISK_FULL_BYTES (1 << 20)
/* How long a write check holds: /healthz may be asked often (and by
 * anyone), the database is written at most this often per node. */
#define WRITE_CHECK_US 2000000

/* The last write check of this process. */
static pthread_mutex_t check_lock = PTHREAD_MUTEX_INITIALIZER;
static int64_t checked_us = -WRITE_CHECK_US;
static int checked_writable;

/* Whether the database took a write lately (within WRITE_CHECK_US), or
 * takes one now. */
static int writable(struct store *primary)
{
	if (primary == NULL)
		return 0;
	int64_t now = monotime_us();
	pthread_mutex_lock(&check_lock);
	int ok = checked_writable;
	int stale = now - checked_us >= WRITE_CHECK_US;
	if (stale)
		checked_us = now; /* one check at a time; others take the last */
	pthread_mutex_unlock(&check_lock);
	if (!stale)
		return ok;
	ok = health_write(primary) == MODEL_OK;
	pthread_mutex_lock(&check_lock);
	checked_writable = ok;
	pthread_mutex_unlock(&check_lock);
	return ok;
}

/* GET /healthz: 200 {"status":"ok"} when the database answers, its
 * schema is current and it takes writes (and, for SQLite, its disk is not
 * full); 503 otherwise, saying which (also when the database cannot be
 * reached at all: the route runs without it). */
int api_healthz(struct req *r)
{
	char err[256];
	int db_ok = r->db && store_ping(r->db) == 0;
	int schema_ok = db_ok && migrate_check(r->db, err, sizeof err) == 0;
	int write_ok = db_ok && writable(r->primary);
	int64_t free_bytes = r->primary ? store_free_bytes(r->primary) : -1;
	int disk_full = free_bytes >= 0 && free_bytes < DISK_FULL_BYTES;
	int ok = db_ok && schema_ok && write_ok && !disk_full;
	json_t *j = json_pack("{s:s,s:s,s:s,s:s,s:s}", "status", ok ? "ok" : "unavailable", "database",
			      !db_ok ? "unreachable" : write_ok ? "ok" : "read-only", "schema",
			      schema_ok ? "current" : db_ok ? "outdated" : "unknown", "disk",
			      disk_full ? "full" : "ok", "version", SAMSKAB_VERSION);
	if (free_bytes >= 0)
		json_object_set_new(j, "disk_free_bytes", json_integer(free_bytes));
	req_set_header(r, "Cache-Control", "no-store");
	return api_send(r, j, ok ? 200 : 503);
}

/* GET /metrics: 200, Prometheus text format; 403 (the server's check,
 * ROUTE_OPERATOR) from elsewhere than this machine without the token. */
int api_metrics(struct req *r)
{
	metrics_render(&r->out);
	r->content_type = "text/plain; version=0.0.4; charset=utf-8";
	req_set_header(r, "Cache-Control", "no-store");
	return 200;
}
