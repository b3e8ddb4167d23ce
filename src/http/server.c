/*
 * server.c: the libmicrohttpd glue (see server.h).
 *
 * Life of a request: the URI log callback creates struct req with its region
 * and keeps the raw target; the first access-handler call parses the
 * target and checks the declared body size; later calls collect the body
 * (bounded); the last call routes, calls the handler and queues the
 * response (on the second call at the earliest, which keeps connections
 * alive; see ../shared/STACK.md) and counts it in the metrics; the
 * completion callback writes the access line, then frees the request.
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <microhttpd.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/monotime.h"
#include "core/mem.h"
#include "core/secret.h"
#include "core/utf8.h"
#include "http/conns.h"
#include "http/gzip.h"
#include "http/metrics.h"
#include "http/multipart.h"
#include "http/route.h"
#include "store/replica.h"

/* The client's last write position, and how long it matters: replicas
 * are normally seconds behind at most. */
#define COOKIE_LSN "lsn"
#define LSN_COOKIE_AGE 300

/* A request's target and head, at most: more is 414 or 431, answered
 * here with the security headers. libmicrohttpd reads heads up to its
 * memory limit per connection (more than these, so they reach us) and
 * answers bigger ones itself, with a reset and without our headers. */
#define MAX_TARGET (16 << 10)
#define MAX_HEAD (32 << 10)
#define MAX_HEADERS 100
#define CONNECTION_MEMORY (256 << 10)
/* Seconds to wait for a request on an open connection, and for a body. */
#define IDLE_TIMEOUT 30
#define BODY_TIMEOUT 120
/* File descriptors kept for the database, logs and the rest. */
#define FD_RESERVE 128

struct http_server {
	const struct http_config *cfg;
	struct MHD_Daemon *daemon;
	struct http_conns *conns;
	int port;
	atomic_int inflight;
	atomic_uint_fast64_t next_id;
	char id_prefix[9];
};

/* Sent on every response. The CSP allows no inline script or style. */
static const struct {
	const char *name, *value;
} security_headers[] = {
	{ "Content-Security-Policy",
	  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
	  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "Referrer-Policy", "same-origin" },
	{ "X-Frame-Options", "DENY" },
	{ "Cross-Origin-Opener-Policy", "same-origin" },
	{ "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()" },
};

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct http_server *srv = cls;
	conns_enter(srv->conns, c, CONNS_HEAD); /* the first line is in */
	struct region *a = region_new();
	struct req *r = region_calloc(a, 1, sizeof *r);
	r->region = a;
	r->conn = c;
	r->started_us = monotime_us();
	r->db_started_us = -1;
	r->target = region_strdup(a, uri ? uri : "");
	r->path = r->target;
	r->error = MSG__MAX;
	r->too_large = MSG_ERROR_BODY_TOO_LARGE;
	r->request_id = region_printf(a, "%s%08llx", srv->id_prefix,
				     (unsigned long long)atomic_fetch_add(&srv->next_id, 1));
	buf_init(&r->body, srv->cfg->max_body);
	buf_init(&r->out, (size_t)64 << 20);
	atomic_fetch_add(&srv->inflight, 1);
	return r;
}

/* The connection's peer address as text; *loopback set when it is one
 * (127.0.0.0/8, ::1, or ::ffff:127.x), *private when it is in a private
 * range (10/8, 172.16/12, 192.168/16, fc00::/7) or loopback. */
static const char *client_address(struct req *r, int *loopback, int *private)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char text[INET6_ADDRSTRLEN] = "?";
	*loopback = *private = 0;
	uint32_t v4 = 0;
	int is_v4 = 0;
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET) {
			const struct in_addr *a = &((const struct sockaddr_in *)(const void *)sa)->sin_addr;
			inet_ntop(AF_INET, a, text, sizeof text);
			v4 = ntohl(a->s_addr), is_v4 = 1;
		} else if (sa->sa_family == AF_INET6) {
			const struct in6_addr *a = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
			inet_ntop(AF_INET6, a, text, sizeof text);
			if (IN6_IS_ADDR_V4MAPPED(a)) {
				v4 = (uint32_t)a->s6_addr[12] << 24 | (uint32_t)a->s6_addr[13] << 16 |
				     (uint32_t)a->s6_addr[14] << 8 | a->s6_addr[15];
				is_v4 = 1;
			} else {
				*loopback = IN6_IS_ADDR_LOOPBACK(a);
				*private = *loopback || (a->s6_addr[0] & 0xfe) == 0xfc;
			}
		}
	}
	if (is_v4) {
		*loopback = v4 >> 24 == 127;
		*private = *loopback || v4 >> 24 == 10 || (v4 >> 20) == 0xac1 || (v4 >> 16) == 0xc0a8;
	}
	return region_strdup(r->region, text);
}

static int form_status(enum form_err e)
{
	return e == FORM_TOO_MANY || e == FORM_TOO_LONG ? 413 : 400;
}

static enum msg form_message(enum form_err e)
{
	switch (e) {
	case FORM_BAD_ENCODING:
		return MSG_ERROR_BAD_ENCODING;
	case FORM_BAD_UTF8:
	case FORM_BAD_CHAR:
		return MSG_ERROR_BAD_TEXT;
	case FORM_TOO_MANY:
		return MSG_ERROR_TOO_MANY_FIELDS;
	case FORM_TOO_LONG:
		return MSG_ERROR_FIELD_TOO_LONG;
	case FORM_OK:
		break;
	}
	return MSG__MAX;
}

/* The size of a request's head, summed over its header lines. */
struct head_size {
	size_t bytes;
	int n;
};

static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct head_size *hs = cls;
	(void)kind;
	hs->bytes += strlen(key) + (value ? strlen(value) : 0) + 4;
	hs->n++;
	return MHD_YES;
}

/* The first call: method, target, language, declared body size; and
 * whether to answer at once (503 one connection too many, 414, 431). */
static void begin(struct http_server *srv, struct req *r, const char *method)
{
	const struct http_config *cfg = srv->cfg;
	r->method = http_method_parse(method);
	r->method_name = region_strdup(r->region, method);
	int loopback, private;
	r->client = client_address(r, &loopback, &private);
	int forwarded = req_header(r, "X-Forwarded-For") || req_header(r, "Forwarded") || req_header(r, "X-Real-IP");
	r->local = loopback && !forwarded;
	r->proxied = private && forwarded && !cfg->trust_proxy;
	const char *xff = cfg->trust_proxy ? req_header(r, "X-Forwarded-For") : NULL;
	if (xff && *xff) {
		/* The proxy appends the address it saw; earlier ones are the
		 * client's own claims and are not trusted. */
		const char *last = strrchr(xff, ',');
		last = last ? last + 1 : xff;
		while (*last == ' ')
			last++;
		size_t n = strcspn(last, " ");
		if (n > 0 && n < 64)
			r->client = region_strndup(r->region, last, n);
	}
	cookie_parse(r->region, req_header(r, "Cookie"), &r->cookies);

	const char *code = req_cookie(r, "lang");
	r->lang = code ? i18n_find(code) : NULL;
	r->lang_from_cookie = r->lang != NULL;
	if (r->lang == NULL)
		r->lang = i18n_negotiate(req_header(r, "Accept-Language"));
	if (r->lang == NULL)
		r->lang = i18n_default();

	switch (conns_over(r->conn)) {
	case CONNS_NETWORK_FULL:
		r->early_status = 503;
		r->error = MSG_ERROR_TOO_MANY_CONNECTIONS;
		return;
	case CONNS_SERVER_FULL:
		r->early_status = 503;
		r->error = MSG_ERROR_SERVER_FULL;
		return;
	case CONNS_OK:
		break;
	}
	struct head_size hs = { 0, 0 };
	MHD_get_connection_values(r->conn, MHD_HEADER_KIND, count_header, &hs);
	if (strlen(r->target) > MAX_TARGET) {
		r->early_status = 414;
		r->error = MSG_ERROR_TARGET_TOO_LONG;
		/* The page and the log get its beginning, not all of it. */
		r->path = r->target = region_strndup(r->region, r->target, 200);
		return;
	}
	if (hs.bytes > MAX_HEAD || hs.n > MAX_HEADERS) {
		r->early_status = 431;
		r->error = MSG_ERROR_HEAD_TOO_LARGE;
		return;
	}

	const struct form_limits lim = { cfg->max_fields, 256, cfg->max_field };
	const char *q = strchr(r->target, '?');
	size_t plen = q ? (size_t)(q - r->target) : strlen(r->target);
	char *path;
	enum form_err e = form_decode(r->region, r->target, plen, 0, 0, &path);
	if (e == FORM_OK && q)
		e = form_parse(r->region, q + 1, strlen(q + 1), &lim, &r->query);
	if (e != FORM_OK) {
		r->early_status = form_status(e);
		r->error = form_message(e);
		return;
	}
	if (path[0] != '/') {
		r->early_status = 400;
		r->error = MSG_ERROR_BAD_ENCODING;
		return;
	}
	r->path = path;

	/* A route that takes files takes a larger body. */
	size_t index;
	unsigned allowed;
	int64_t params[REQ_MAX_PARAMS];
	int nparams;
	const char *rest;
	if (route_match(cfg->routes, cfg->nroutes, r->method, r->path, &index, params, &nparams, &rest, &allowed) ==
		    ROUTE_FOUND &&
	    (cfg->routes[index].flags & ROUTE_UPLOAD)) {
		r->too_large = MSG_ERROR_UPLOAD_TOO_LARGE;
		if (cfg->max_upload > cfg->max_body)
			r->body.max = cfg->max_upload;
	}
	const char *cl = req_header(r, "Content-Length");
	if (cl && strtoull(cl, NULL, 10) > r->body.max) {
		r->early_status = 413;
		r->error = r->too_large;
	}
}

static int is_urlencoded(const char *ctype)
{
	if (ctype == NULL)
		return 0;
	size_t n = strcspn(ctype, ";");
	while (n && ctype[n - 1] == ' ')
		n--;
	return n == 33 && strncasecmp(ctype, "application/x-www-form-urlencoded", 33) == 0;
}

/* The replica connection for a read, unless this client wrote something
 * the replica has not replayed yet (the "lsn" cookie) or the replica is
 * away: then the primary, so everyone reads their own writes. With the
 * primary away, reads still go to the replica (r->primary is NULL: the
 * request is served as to a visitor who is not signed in). */
static struct store *replica_for(const struct http_config *cfg, struct req *r)
{
	char err[256];
	struct store *rep = store_pool_get(cfg->replica, err, sizeof err);
	if (rep == NULL)
		return r->primary;
	if (r->primary == NULL)
		return rep;
	uint64_t lsn;
	const char *seen = req_cookie(r, COOKIE_LSN);
	if (seen && store_lsn_parse(seen, &lsn) == 0) {
		int caught_up = 0;
		int rc = store_replica_caught_up(rep, lsn, &caught_up);
		if (rc == STORE_UNAVAILABLE)
			store_pool_report(cfg->replica, rc);
		if (rc != STORE_OK || !caught_up)
			return r->primary;
	}
	return rep;
}

/* After a write: where the primary's log stands, for replica_for. */
static void remember_write(const struct http_config *cfg, struct req *r)
{
	uint64_t lsn;
	if (store_wal_position(r->primary, &lsn) != STORE_OK)
		return;
	char text[STORE_LSN_LEN];
	store_lsn_format(lsn, text);
	req_set_cookie(r, COOKIE_LSN, text, LSN_COOKIE_AGE, cfg->secure);
}

/* Whether r carries the operator token: "Authorization: Bearer TOKEN". */
static int operator_token_sent(const struct http_config *cfg, struct req *r)
{
	const char *auth = req_header(r, "Authorization");
	if (cfg->operator_token == NULL || auth == NULL || strncasecmp(auth, "Bearer ", 7) != 0)
		return 0;
	return secret_equal(auth + 7, cfg->operator_token);
}

/* Routes and calls the handler; sets r->status. */
static void dispatch(struct http_server *srv, struct req *r)
{
	const struct http_config *cfg = srv->cfg;
	if (r->early_status) {
		r->status = r->early_status;
		return;
	}
	size_t index;
	unsigned allowed;
	int rc = route_match(cfg->routes, cfg->nroutes, r->method, r->path, &index, r->params,
			     &r->nparams, &r->rest, &allowed);
	if (rc == ROUTE_NOT_FOUND) {
		r->status = 404;
		return;
	}
	if (rc == ROUTE_BAD_METHOD) {
		char allow[80] = "";
		for (int m = 0; m < HTTP_OTHER; m++)
			if (allowed & (1u << m)) {
				size_t used = strlen(allow);
				snprintf(allow + used, sizeof allow - used, "%s%s", used ? ", " : "",
					 http_method_name((enum http_method)m));
			}
		req_set_header(r, "Allow", allow);
		r->status = 405;
		r->error = MSG_ERROR_METHOD;
		return;
	}
	r->route = &cfg->routes[index];
	if ((r->route->flags & ROUTE_OPERATOR) && !r->local && !operator_token_sent(cfg, r)) {
		r->status = 403;
		r->error = MSG_ERROR_OPERATOR_ONLY;
		return;
	}

	if ((r->body.len > 0 || r->method == HTTP_POST) && !(r->route->flags & ROUTE_ONE_CLICK)) {
		const char *ctype = req_header(r, "Content-Type");
		int multipart = (r->route->flags & ROUTE_UPLOAD) && multipart_is(ctype);
		if (r->body.len > 0 && !multipart && !is_urlencoded(ctype)) {
			r->status = 415;
			r->error = MSG_ERROR_MEDIA_TYPE;
			return;
		}
		const struct form_limits lim = { cfg->max_fields, 256, cfg->max_field };
		enum form_err e = multipart ? multipart_parse(r, &lim)
					    : form_parse(r->region, buf_str(&r->body), r->body.len, &lim, &r->form);
		if (e != FORM_OK) {
			r->status = form_status(e);
			r->error = form_message(e);
			return;
		}
	}

	if (!(r->route->flags & ROUTE_NO_DB)) {
		char err[256];
		int read = r->method == HTTP_GET || r->method == HTTP_HEAD;
		r->pool = cfg->pool;
		r->primary = r->db = store_pool_get(cfg->pool, err, sizeof err);
		if (cfg->replica && read)
			r->db = replica_for(cfg, r);
		if (r->db == NULL && !(r->route->flags & ROUTE_DB_OPTIONAL)) {
			log_error("database unavailable", err);
			req_set_header(r, "Retry-After", "5");
			r->status = 503;
			r->error = MSG_ERROR_UNAVAILABLE;
			return;
		}
	}
	r->status = cfg->guard ? cfg->guard(r) : 0;
	/* A read sees one snapshot, and SQLite takes its locks once for the
	 * page instead of once per statement. */
	int snapshot = r->status == 0 && r->db && (r->method == HTTP_GET || r->method == HTTP_HEAD) &&
		       !(r->route->flags & ROUTE_OWN_SNAPSHOT) && store_begin_read(r->db) == STORE_OK;
	if (r->status == 0)
		r->status = r->route->handler(r);
	if (snapshot && store_in_transaction(r->db))
		store_rollback(r->db); /* nothing was written: rollback is the cheaper end */
	if (r->db == NULL)
		return;
	if (r->status == 503) {
		req_set_header(r, "Retry-After", "5");
		store_pool_report(r->db == r->primary ? cfg->pool : cfg->replica, STORE_UNAVAILABLE);
		/* That closed the connection: the error page (which reads the
		 * site's name) must not use it. */
		if (r->db == r->primary)
			r->primary = NULL;
		r->db = NULL;
	} else if (store_in_transaction(r->db)) {
		log_error("handler left a transaction open; rolled back", r->route->pattern);
		store_rollback(r->db);
	} else if (cfg->replica && r->method == HTTP_POST && r->status < 400) {
		remember_write(cfg, r);
	}
}

/* A streamed body (struct req's stream), owned by the response from
 * when it is queued. */
struct stream {
	long (*read)(void *ctx, char *buf, size_t max);
	void (*free)(void *ctx);
	void *ctx;
	char request_id[32];
	uint64_t bytes;
};

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	(void)pos;
	struct stream *s = cls;
	long n = s->read(s->ctx, buf, max);
	if (n > 0) {
		s->bytes += (uint64_t)n;
		return n;
	}
	if (n < 0) {
		log_set_request(s->request_id);
		log_error("streamed response cut short", "the body could not be made");
		log_set_request(NULL);
	}
	return n == 0 ? MHD_CONTENT_READER_END_OF_STREAM : MHD_CONTENT_READER_END_WITH_ERROR;
}

static void stream_done(void *cls)
{
	struct stream *s = cls;
	struct logline l;
	log_set_request(s->request_id);
	log_begin(&l, LOG_INFO, "stream ended");
	log_int(&l, "bytes", (long long)s->bytes);
	log_end(&l);
	log_set_request(NULL);
	s->free(s->ctx);
	free(s);
}

/* The stream's response, taking the stream from r; NULL if none. */
static struct MHD_Response *stream_response(struct req *r)
{
	struct stream *s = mem_calloc(1, sizeof *s);
	s->read = r->stream;
	s->free = r->stream_free;
	s->ctx = r->stream_ctx;
	snprintf(s->request_id, sizeof s->request_id, "%s", r->request_id);
	r->stream = NULL;
	struct MHD_Response *resp =
		MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 64 * 1024, stream_read, s, stream_done);
	if (resp == NULL) {
		s->free(s->ctx);
		free(s);
	}
	return resp;
}

/* A stream set but not sent (an error came first) is freed here. */
static void stream_drop(struct req *r)
{
	if (r->stream) {
		r->stream_free(r->stream_ctx);
		r->stream = NULL;
	}
}

/* Counts the request in /metrics, once. Called when its response is
 * queued, before a byte of it leaves: a client that has its answer and
 * then reads /metrics finds it counted (recording in the completion
 * callback, as before, raced with that read). The duration is therefore
 * the time to a ready response, not including the send to a slow client;
 * the access line's us= includes it. A request that ends without a
 * response is counted when it ends. */
static void record_metrics(struct http_server *srv, struct req *r)
{
	if (r->metrics_recorded)
		return;
	r->metrics_recorded = 1;
	size_t route_index = r->route ? (size_t)(r->route - srv->cfg->routes) : srv->cfg->nroutes;
	/* The thread's database time grows over all its requests: this
	 * request's share is what it grew while the handler ran. */
	int64_t db_us = r->db_started_us < 0 ? 0 : store_thread_time_us() - r->db_started_us;
	metrics_record(route_index, r->status, monotime_us() - r->started_us, db_us);
}

static enum MHD_Result respond(struct http_server *srv, struct req *r, struct MHD_Connection *c)
{
	if (r->stream && r->status < 400) {
		struct MHD_Response *resp = stream_response(r);
		if (resp == NULL)
			return MHD_NO;
		for (size_t i = 0; i < sizeof security_headers / sizeof security_headers[0]; i++)
			MHD_add_response_header(resp, security_headers[i].name, security_headers[i].value);
		MHD_add_response_header(resp, "Content-Type", r->content_type ? r->content_type : "text/plain; charset=utf-8");
		MHD_add_response_header(resp, "X-Request-Id", r->request_id);
		for (int i = 0; i < r->nheaders; i++)
			MHD_add_response_header(resp, r->headers[i].key, r->headers[i].value);
		record_metrics(srv, r);
		enum MHD_Result ok = MHD_queue_response(c, (unsigned)r->status, resp);
		MHD_destroy_response(resp);
		return ok;
	}
	stream_drop(r);
	if (r->status >= 400 && r->out.len == 0 && srv->cfg->render_error)
		srv->cfg->render_error(r);
	if (r->out.overflow) {
		log_error("response too large", r->path);
		r->status = 500;
		buf_free(&r->out);
	}
	size_t len = 0;
	char *body = buf_take(&r->out, &len);
	const char *type = r->content_type ? r->content_type : "text/html; charset=utf-8";
	/* Compressed for clients that take gzip; whether it was depends on
	 * the request's Accept-Encoding, which caches must then key on. */
	int varies = len >= GZIP_MIN_BYTES && gzip_worth(type), gzipped = 0;
	if (varies && gzip_accepted(req_header(r, "Accept-Encoding"))) {
		size_t zlen;
		char *z = gzip_compress(body, len, &zlen);
		if (z) {
			free(body);
			body = z;
			len = zlen;
			gzipped = 1;
		}
	}
	struct MHD_Response *resp = MHD_create_response_from_buffer_with_free_callback(len, body, free);
	if (resp == NULL) {
		free(body);
		return MHD_NO;
	}
	for (size_t i = 0; i < sizeof security_headers / sizeof security_headers[0]; i++)
		MHD_add_response_header(resp, security_headers[i].name, security_headers[i].value);
	MHD_add_response_header(resp, "Content-Type", type);
	if (gzipped)
		MHD_add_response_header(resp, "Content-Encoding", "gzip");
	if (r->close)
		MHD_add_response_header(resp, "Connection", "close");
	MHD_add_response_header(resp, "X-Request-Id", r->request_id);
	int has_cache_control = 0;
	for (int i = 0; i < r->nheaders; i++) {
		const char *key = r->headers[i].key, *value = r->headers[i].value;
		char weak[128];
		/* Other bytes than the plain body's: the same validator, weak. */
		if (gzipped && strcmp(key, "ETag") == 0 && strncmp(value, "W/", 2) != 0) {
			snprintf(weak, sizeof weak, "W/%s", value);
			value = weak;
		}
		MHD_add_response_header(resp, key, value);
		has_cache_control |= strcmp(key, "Cache-Control") == 0;
	}
	if (!has_cache_control) {
		MHD_add_response_header(resp, "Cache-Control", "private, no-cache");
		MHD_add_response_header(resp, "Vary", varies ? "Cookie, Accept-Language, Accept-Encoding"
							     : "Cookie, Accept-Language");
	} else if (varies) {
		MHD_add_response_header(resp, "Vary", "Accept-Encoding");
	}
	r->bytes_sent = len;
	record_metrics(srv, r);
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	struct http_server *srv = cls;
	struct req *r = *con_cls;
	(void)url;
	(void)version;
	if (r->method_name == NULL) {
		conns_enter(srv->conns, c, CONNS_BODY); /* the head is in */
		begin(srv, r, method);
		/* A body declared too large is refused before it is read; so is
		 * a connection too many, a target or head too large. The
		 * connection closes after: its body, if any, is not read. */
		int s = r->early_status;
		if (s == 413 || s == 414 || s == 431 || s == 503) {
			log_set_request(r->request_id);
			r->status = s;
			r->close = 1;
			if (s == 503)
				req_set_header(r, "Retry-After", "10");
			conns_enter(srv->conns, c, CONNS_ANSWER);
			enum MHD_Result ok = respond(srv, r, c);
			log_set_request(NULL);
			return ok;
		}
		return MHD_YES;
	}
	if (*upload_size) {
		if (r->early_status == 0 && buf_put(&r->body, upload, *upload_size) != 0) {
			r->early_status = 413;
			r->error = r->too_large;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (r->status)
		return MHD_YES; /* already answered */
	conns_enter(srv->conns, c, CONNS_ANSWER);
	log_set_request(r->request_id);
	r->db_started_us = store_thread_time_us();
	dispatch(srv, r);
	enum MHD_Result ok = respond(srv, r, c);
	log_set_request(NULL);
	return ok;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct http_server *srv = cls;
	struct req *r = *con_cls;
	conns_enter(srv->conns, c, CONNS_IDLE); /* the next request, if any */
	if (r == NULL)
		return;
	record_metrics(srv, r);
	int64_t us = monotime_us() - r->started_us;
	struct logline l;
	log_set_request(r->request_id);
	log_begin(&l, LOG_INFO, "request");
	log_str(&l, "method", r->method_name ? r->method_name : "?");
	log_str(&l, "path", r->path);
	log_int(&l, "status", r->status);
	log_int(&l, "bytes", (long long)r->bytes_sent);
	log_int(&l, "us", us);
	if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK)
		log_str(&l, "ended", "aborted");
	log_end(&l);
	log_set_request(NULL);
	stream_drop(r);
	buf_free(&r->body);
	buf_free(&r->out);
	region_free(r->region);
	*con_cls = NULL;
	atomic_fetch_sub(&srv->inflight, 1);
}

static enum MHD_Result on_accept(void *cls, const struct sockaddr *addr, socklen_t len)
{
	struct http_server *srv = cls;
	return conns_accept(srv->conns, addr, len) ? MHD_YES : MHD_NO;
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	struct http_server *srv = cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED)
		conns_started(srv->conns, c, socket_context);
	else
		conns_closed(srv->conns, socket_context);
}

/* The connections the process may hold: its file limit raised as far as
 * it may go, less what the database and the rest need. */
static int fd_allowance(int wanted)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return wanted;
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= (rlim_t)wanted + FD_RESERVE + (rlim_t)wanted / 4 + 4)
		return wanted;
	long fit = ((long)rl.rlim_cur - FD_RESERVE - 4) * 4 / 5;
	return fit < 16 ? 16 : (int)fit;
}

/* libmicrohttpd's fatal errors (it aborts after them) go to our log, with
 * where they happened, instead of raw to stderr. */
static void on_panic(void *cls, const char *file, unsigned int line, const char *reason)
{
	(void)cls;
	struct logline l;
	log_begin(&l, LOG_ERROR, "libmicrohttpd fatal error; aborting");
	log_str(&l, "file", file ? file : "?");
	log_int(&l, "line", line);
	log_str(&l, "reason", reason ? reason : "?");
	log_end(&l);
	abort();
}

struct http_server *http_start(const struct http_config *cfg, char *err, size_t errlen)
{
	MHD_set_panic_func(on_panic, NULL);
	struct http_server *srv = mem_calloc(1, sizeof *srv);
	srv->cfg = cfg;
	unsigned char rnd[4];
	if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
		memset(rnd, 0, sizeof rnd);
	snprintf(srv->id_prefix, sizeof srv->id_prefix, "%02x%02x%02x%02x", rnd[0], rnd[1], rnd[2],
		 rnd[3]);
	metrics_init(cfg->routes, cfg->nroutes);

	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof ss);
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_TURBO;
	struct sockaddr_in *in4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
	if (inet_pton(AF_INET, cfg->host, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t)cfg->port);
	} else if (inet_pton(AF_INET6, cfg->host, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)cfg->port);
		flags |= MHD_USE_IPv6;
	} else {
		snprintf(err, errlen, "cannot listen on '%s': not an IP address", cfg->host);
		free(srv);
		return NULL;
	}
	struct conns_limits lim = {
		.per_network = cfg->trust_proxy ? 0 : cfg->max_client_connections,
		.total = fd_allowance(cfg->max_connections),
		.idle_s = IDLE_TIMEOUT,
		.head_s = cfg->head_timeout,
		.body_s = BODY_TIMEOUT,
	};
	if (lim.total < cfg->max_connections) {
		struct logline l;
		log_begin(&l, LOG_WARN, "the file limit (ulimit -n) allows fewer connections");
		log_int(&l, "wanted", cfg->max_connections);
		log_int(&l, "connections", lim.total);
		log_end(&l);
	}
	srv->conns = conns_new(&lim);
	if (srv->conns == NULL) {
		snprintf(err, errlen, "cannot start a thread");
		free(srv);
		return NULL;
	}
	srv->daemon = MHD_start_daemon(
		flags, (uint16_t)cfg->port, on_accept, srv, on_request, srv, MHD_OPTION_SOCK_ADDR, &ss,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->workers, MHD_OPTION_URI_LOG_CALLBACK, on_uri,
		srv, MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv, MHD_OPTION_NOTIFY_CONNECTION,
		on_connection, srv, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_TIMEOUT,
		MHD_OPTION_CONNECTION_LIMIT, conns_capacity(srv->conns), MHD_OPTION_CONNECTION_MEMORY_LIMIT,
		(size_t)CONNECTION_MEMORY, MHD_OPTION_END);
	if (srv->daemon == NULL) {
		snprintf(err, errlen, "cannot listen on %s port %d (in use, or not allowed)", cfg->host,
			 cfg->port);
		conns_free(srv->conns);
		free(srv);
		return NULL;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = di ? di->port : cfg->port;
	return srv;
}

int http_port(const struct http_server *s)
{
	return s->port;
}

void http_stop(struct http_server *s, int grace_ms)
{
	/* MHD stops accepting and hands the listening socket back. Shutting
	 * it down makes the kernel refuse new connections at once (Linux), so
	 * a load balancer moves on instead of queueing on a backlog no one
	 * accepts. Closing it must wait until MHD_stop_daemon has returned:
	 * libmicrohttpd's documentation forbids it earlier in threaded modes,
	 * where a worker may still use the descriptor (closing it first was
	 * seen to abort with "Failed to remove listen FD from epoll set"). */
	MHD_socket fd = MHD_quiesce_daemon(s->daemon);
	if (fd != MHD_INVALID_SOCKET)
		shutdown(fd, SHUT_RDWR);
	for (int waited = 0; atomic_load(&s->inflight) > 0 && waited < grace_ms; waited += 10)
		usleep(10000);
	int left = atomic_load(&s->inflight);
	if (left > 0) {
		struct logline l;
		log_begin(&l, LOG_WARN, "stopping with requests still in flight");
		log_int(&l, "requests", left);
		log_end(&l);
	}
	MHD_stop_daemon(s->daemon);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	conns_free(s->conns);
	free(s);
}
