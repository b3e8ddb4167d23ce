/*
 * server.h: the HTTP server: libmicrohttpd with its internal epoll thread
 * pool, the route table, body limits, security headers, access log and
 * metrics. Handlers and error pages come from above (routes.c, web/).
 */
#ifndef SAMSKAB_HTTP_SERVER_H
#define SAMSKAB_HTTP_SERVER_H

#include <stddef.h>

#include "http/request.h"
#include "store/pool.h"

struct http_config {
	const char *host;  /* IPv4 or IPv6 literal */
	int port;          /* 0 picks a free port; see http_port */
	int workers;       /* threads */
	size_t max_body;   /* bytes of a request body; more gets 413 */
	size_t max_fields; /* fields in a query or form; more gets 413 */
	size_t max_field;  /* bytes of one decoded value; more gets 413 */
	size_t max_upload; /* bytes of a request body with files (ROUTE_UPLOAD) */
	int trust_proxy;   /* behind a reverse proxy: the client is the last
			    * address in X-Forwarded-For */
	int max_connections; /* connections held at once (lowered to what the
			      * process's file limit allows) */
	int max_client_connections; /* by one network (IPv4 address, IPv6
				     * /64); 0 no limit; none with trust_proxy,
				     * where the proxy limits each client */
	int head_timeout;  /* seconds a request's head may take once its
			    * first line is in; see http/conns.h */
	const struct route *routes;
	size_t nroutes;
	struct store_pool *pool;
	struct store_pool *replica; /* read replica for GET and HEAD, or NULL */
	int secure;        /* cookies get Secure (served over https) */
	const char *operator_token; /* lets ROUTE_OPERATOR routes answer
				     * from elsewhere than this machine, or NULL */
	/* Runs before every handler (with the database): who is asking,
	 * CSRF, permissions. Returns 0 to go on, or the status to answer. */
	int (*guard)(struct req *r);
	/* Fills r->out with the error page for r->status (r->error may say why). */
	void (*render_error)(struct req *r);
};

struct http_server;

/* Starts serving; NULL with a message in err. cfg must outlive the server. */
struct http_server *http_start(const struct http_config *cfg, char *err, size_t errlen);
/* The port actually bound. */
int http_port(const struct http_server *s);
/* Stops accepting, lets requests in flight finish (up to grace_ms), then
 * stops the threads and frees the server. */
void http_stop(struct http_server *s, int grace_ms);

#endif
