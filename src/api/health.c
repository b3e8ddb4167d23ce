/*
 * health.c: /healthz for load balancers and /metrics for Prometheus.
 */
#include "api/api.h"
#include "core/version.h"
#include "http/metrics.h"
#include "store/migrate.h"

/* GET /healthz: 200 {"status":"ok"} when the database answers and its
 * schema is current; 503 otherwise, saying which (also when the database
 * cannot be reached at all: the route runs without it). */
int api_healthz(struct req *r)
{
	char err[256];
	int db_ok = r->db && store_ping(r->db) == 0;
	int schema_ok = db_ok && migrate_check(r->db, err, sizeof err) == 0;
	json_t *j = json_pack("{s:s,s:s,s:s,s:s}", "status", db_ok && schema_ok ? "ok" : "unavailable",
			      "database", db_ok ? "ok" : "unreachable", "schema",
			      schema_ok ? "current" : db_ok ? "outdated" : "unknown", "version",
			      SAMSKAB_VERSION);
	req_set_header(r, "Cache-Control", "no-store");
	return api_send(r, j, db_ok && schema_ok ? 200 : 503);
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
