/*
 * conns.h: the connections the server holds, so that no client can hold
 * them all. Found by an attacker: 10,050 connections from one address,
 * each sending a header line every ~10 s, kept every other request
 * waiting (libmicrohttpd's timeout only catches connections that send
 * nothing, and its only cap was the total).
 *
 *   - Each network (an IPv4 address, an IPv6 /64) holds at most
 *     per_network connections; a few more get a 503 that says so, and
 *     more still are refused at once. Likewise for all connections
 *     together against total.
 *   - Each phase of a request has a deadline from its start, however
 *     the client trickles its bytes: waiting for a request (idle_s), the
 *     request head once its first line is in (head_s), the body
 *     (body_s). A sweeper thread closes connections past theirs.
 *
 * Behind a reverse proxy every connection comes from the proxy: then the
 * proxy limits each client (deploy/nginx.conf) and per_network is 0.
 */
#ifndef SAMSKAB_HTTP_CONNS_H
#define SAMSKAB_HTTP_CONNS_H

#include <sys/socket.h>

struct http_conns;

struct conns_limits {
	int per_network; /* connections one network may hold; 0: no limit */
	int total;       /* connections in all */
	int idle_s;      /* waiting for a request (and its first line) */
	int head_s;      /* the rest of the head */
	int body_s;      /* the body */
};

/* Why a connection's request is answered 503 instead of served. */
enum conns_over { CONNS_OK, CONNS_NETWORK_FULL, CONNS_SERVER_FULL };

/* The phases whose deadlines the sweeper keeps. */
enum conns_phase { CONNS_IDLE, CONNS_HEAD, CONNS_BODY, CONNS_ANSWER };

/* Starts the sweeper; NULL if no thread could be made. */
struct http_conns *conns_new(const struct conns_limits *lim);
/* The most connections to let libmicrohttpd hold: total and a margin
 * for the 503s. */
unsigned conns_capacity(const struct http_conns *c);
/* Stops the sweeper and frees; every connection must be closed. */
void conns_free(struct http_conns *c);

/* libmicrohttpd's accept policy: 0 refuses a connection from addr (its
 * network holds all it may, with the margin for 503s). */
int conns_accept(struct http_conns *c, const struct sockaddr *addr, socklen_t len);
/* libmicrohttpd's connection notifications: a new connection (its
 * deadline for a request starts), and a closed one. conn is a struct
 * MHD_Connection; socket_context is its slot for our bookkeeping. */
void conns_started(struct http_conns *c, void *conn, void **socket_context);
void conns_closed(struct http_conns *c, void **socket_context);
/* The connection conn enters phase (its deadline starts now). */
void conns_enter(struct http_conns *c, void *conn, enum conns_phase phase);
/* Whether conn was one too many when it came. */
enum conns_over conns_over(void *conn);

#endif
