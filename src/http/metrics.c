/*
 * metrics.c: Prometheus counters (see metrics.h). Exposes
 *   samskab_http_requests_total{route,method,status}
 *   samskab_http_request_duration_seconds{route} (histogram)
 *   samskab_db_seconds_total, samskab_db_requests_total
 *   samskab_process_start_time_seconds
 *   samskab_cache_bytes (the parts of responses kept, http/cache.h)
 */
#include "http/metrics.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "core/mem.h"
#include "http/cache.h"
#include "http/route.h"

/* Statuses counted one by one; anything else is counted as its class. */
static const int tracked_status[] = { 200, 201, 204, 301, 302, 303, 304, 400, 401, 403,
				      404, 405, 409, 413, 415, 422, 429, 500, 503 };
#define NSTATUS (sizeof tracked_status / sizeof tracked_status[0])
#define NCLASS 5 /* 1xx..5xx for the untracked */
/* Histogram bucket upper bounds, microseconds. */
static const int64_t bucket_us[] = { 100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000,
				     100000, 250000, 500000, 1000000, 2500000, 5000000 };
#define NBUCKET (sizeof bucket_us / sizeof bucket_us[0])

struct route_metrics {
	atomic_uint_fast64_t status[NSTATUS + NCLASS];
	atomic_uint_fast64_t bucket[NBUCKET + 1]; /* last: +Inf */
	atomic_uint_fast64_t sum_us;
};

static const struct route *routes;
static size_t nroutes;
static struct route_metrics *per_route;
static atomic_uint_fast64_t db_us_total, db_requests;
static time_t started;

void metrics_init(const struct route *table, size_t n)
{
	routes = table;
	nroutes = n;
	free(per_route);
	per_route = mem_calloc(n + 1, sizeof *per_route);
	started = time(NULL);
}

void metrics_record(size_t i, int status, int64_t duration_us, int64_t db_us)
{
	if (per_route == NULL || i > nroutes)
		return;
	struct route_metrics *m = &per_route[i];
	size_t s;
	for (s = 0; s < NSTATUS && tracked_status[s] != status; s++)
		;
	if (s == NSTATUS)
		s = NSTATUS + (size_t)(status >= 100 && status < 600 ? status / 100 - 1 : 4);
	atomic_fetch_add_explicit(&m->status[s], 1, memory_order_relaxed);
	size_t b;
	for (b = 0; b < NBUCKET && duration_us > bucket_us[b]; b++)
		;
	atomic_fetch_add_explicit(&m->bucket[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&m->sum_us, (uint_fast64_t)duration_us, memory_order_relaxed);
	if (db_us > 0) {
		atomic_fetch_add_explicit(&db_us_total, (uint_fast64_t)db_us, memory_order_relaxed);
		atomic_fetch_add_explicit(&db_requests, 1, memory_order_relaxed);
	}
}

static void route_label(struct buf *out, size_t i)
{
	if (i == nroutes)
		buf_puts(out, "route=\"unmatched\",method=\"\"");
	else
		buf_printf(out, "route=\"%s\",method=\"%s\"", routes[i].pattern,
			   http_method_name(routes[i].method));
}

void metrics_render(struct buf *out)
{
	buf_puts(out, "# HELP samskab_http_requests_total HTTP requests by route and status.\n"
		      "# TYPE samskab_http_requests_total counter\n");
	for (size_t i = 0; i <= nroutes; i++)
		for (size_t s = 0; s < NSTATUS + NCLASS; s++) {
			uint_fast64_t v = atomic_load_explicit(&per_route[i].status[s], memory_order_relaxed);
			if (v == 0)
				continue;
			buf_puts(out, "samskab_http_requests_total{");
			route_label(out, i);
			if (s < NSTATUS)
				buf_printf(out, ",status=\"%d\"} %llu\n", tracked_status[s], (unsigned long long)v);
			else
				buf_printf(out, ",status=\"%dxx\"} %llu\n", (int)(s - NSTATUS + 1),
					   (unsigned long long)v);
		}
	buf_puts(out, "# HELP samskab_http_request_duration_seconds Time from a request's arrival to its response being ready to send.\n"
		      "# TYPE samskab_http_request_duration_seconds histogram\n");
	for (size_t i = 0; i <= nroutes; i++) {
		uint_fast64_t total = 0;
		for (size_t b = 0; b <= NBUCKET; b++)
			total += atomic_load_explicit(&per_route[i].bucket[b], memory_order_relaxed);
		if (total == 0)
			continue;
		uint_fast64_t cum = 0;
		for (size_t b = 0; b <= NBUCKET; b++) {
			cum += atomic_load_explicit(&per_route[i].bucket[b], memory_order_relaxed);
			buf_puts(out, "samskab_http_request_duration_seconds_bucket{");
			route_label(out, i);
			if (b < NBUCKET)
				buf_printf(out, ",le=\"%g\"} %llu\n", (double)bucket_us[b] / 1e6,
					   (unsigned long long)cum);
			else
				buf_printf(out, ",le=\"+Inf\"} %llu\n", (unsigned long long)cum);
		}
		buf_puts(out, "samskab_http_request_duration_seconds_sum{");
		route_label(out, i);
		buf_printf(out, "} %.6f\n",
			   (double)atomic_load_explicit(&per_route[i].sum_us, memory_order_relaxed) / 1e6);
		buf_puts(out, "samskab_http_request_duration_seconds_count{");
		route_label(out, i);
		buf_printf(out, "} %llu\n", (unsigned long long)cum);
	}
	buf_printf(out,
		   "# HELP samskab_db_seconds_total Time spent waiting on the database.\n"
		   "# TYPE samskab_db_seconds_total counter\n"
		   "samskab_db_seconds_total %.6f\n"
		   "# HELP samskab_db_requests_total Requests that used the database.\n"
		   "# TYPE samskab_db_requests_total counter\n"
		   "samskab_db_requests_total %llu\n"
		   "# HELP samskab_process_start_time_seconds Start time of the process.\n"
		   "# TYPE samskab_process_start_time_seconds gauge\n"
		   "samskab_process_start_time_seconds %lld\n"
		   "# HELP samskab_cache_bytes Memory taken by the parts of responses kept for reuse.\n"
		   "# TYPE samskab_cache_bytes gauge\n"
		   "samskab_cache_bytes %zu\n",
		   (double)atomic_load(&db_us_total) / 1e6, (unsigned long long)atomic_load(&db_requests),
		   (long long)started, cache_bytes());
}
