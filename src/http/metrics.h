/*
 * metrics.h: request counters and latency histograms per route, and
 * database time, rendered in the Prometheus text format for /metrics.
 * Lock-free: every counter is a relaxed atomic.
 */
#ifndef SAMSKAB_HTTP_METRICS_H
#define SAMSKAB_HTTP_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "http/request.h"

/* Sets up counters for the table's routes (plus one for unmatched
 * requests). Call once before serving. */
void metrics_init(const struct route *table, size_t n);
/* Records one answered (or ended) request; route_index == n for unmatched
 * ones; db_us is the database time spent on this request alone. */
void metrics_record(size_t route_index, int status, int64_t duration_us, int64_t db_us);
/* Appends the Prometheus exposition to out. */
void metrics_render(struct buf *out);

#endif
