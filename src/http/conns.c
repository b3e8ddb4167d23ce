/*
 * conns.c: per-network connection counts and per-phase deadlines (see
 * conns.h).
 *
 * libmicrohttpd runs each connection on one of its threads; the counts
 * and the list of connections are shared, under one mutex (taken once
 * when a connection comes and once when it goes). A deadline is an
 * atomic the connection's thread sets and the sweeper reads. The sweeper
 * closes a connection by shutting its socket down: libmicrohttpd sees the
 * end of the stream on its own thread and closes the connection as if
 * the client had, calling conns_closed. It tells us a connection is
 * closed before it closes the socket, so a socket still in the list is
 * still the connection's (never a new one that reused the number).
 */
#include "http/conns.h"

#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <microhttpd.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/monotime.h"

#define NET_BUCKETS 4096
#define SWEEP_MS 250

/* The connections of one network. */
struct net {
	struct net *next;
	unsigned char key[8]; /* an IPv4 address, or an IPv6 /64 */
	unsigned char len;
	int count;
};

struct conn {
	struct conn *prev, *next;
	struct net *net; /* NULL when the address is unknown */
	int fd;
	atomic_int_fast64_t deadline_us; /* monotonic; -1: none */
	enum conns_over over;
	int shut; /* the sweeper shut its socket down */
};

struct http_conns {
	struct conns_limits lim;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t sweeper;
	int stopping;
	struct conn *all;
	int total;
	struct net *buckets[NET_BUCKETS];
};

/* How many more than a limit get a 503 before the rest are refused. */
static int spare(int limit)
{
	return limit / 4 + 4;
}

/* The network of addr as a key; 0, or -1 for an address of no family we
 * count. */
static int net_key(const struct sockaddr *addr, unsigned char key[8], unsigned char *len)
{
	if (addr == NULL)
		return -1;
	if (addr->sa_family == AF_INET) {
		memcpy(key, &((const struct sockaddr_in *)(const void *)addr)->sin_addr, 4);
		*len = 4;
		return 0;
	}
	if (addr->sa_family == AF_INET6) {
		const struct in6_addr *a = &((const struct sockaddr_in6 *)(const void *)addr)->sin6_addr;
		if (IN6_IS_ADDR_V4MAPPED(a)) {
			memcpy(key, a->s6_addr + 12, 4);
			*len = 4;
		} else {
			memcpy(key, a->s6_addr, 8); /* one household or office gets a /64 */
			*len = 8;
		}
		return 0;
	}
	return -1;
}

static unsigned bucket(const unsigned char *key, unsigned char len)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (unsigned i = 0; i < len; i++)
		h = (h ^ key[i]) * 16777619u;
	return h % NET_BUCKETS;
}

/* The network's entry, or NULL; with the lock held. */
static struct net *net_find(struct http_conns *c, const unsigned char *key, unsigned char len)
{
	for (struct net *n = c->buckets[bucket(key, len)]; n; n = n->next)
		if (n->len == len && memcmp(n->key, key, len) == 0)
			return n;
	return NULL;
}

static void *sweep(void *arg)
{
	struct http_conns *c = arg;
	pthread_mutex_lock(&c->lock);
	while (!c->stopping) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += SWEEP_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&c->wake, &c->lock, &until);
		int64_t now = monotime_us();
		int closed = 0;
		for (struct conn *k = c->all; k; k = k->next) {
			int64_t d = atomic_load(&k->deadline_us);
			if (d >= 0 && now > d && !k->shut && k->fd >= 0) {
				shutdown(k->fd, SHUT_RDWR);
				k->shut = 1;
				closed++;
			}
		}
		if (closed) {
			struct logline l;
			log_begin(&l, LOG_INFO, "closed connections past their deadline");
			log_int(&l, "connections", closed);
			log_end(&l);
		}
	}
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

struct http_conns *conns_new(const struct conns_limits *lim)
{
	struct http_conns *c = mem_calloc(1, sizeof *c);
	c->lim = *lim;
	pthread_mutex_init(&c->lock, NULL);
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_cond_init(&c->wake, &attr);
	pthread_condattr_destroy(&attr);
	if (pthread_create(&c->sweeper, NULL, sweep, c) != 0) {
		pthread_cond_destroy(&c->wake);
		pthread_mutex_destroy(&c->lock);
		free(c);
		return NULL;
	}
	return c;
}

unsigned conns_capacity(const struct http_conns *c)
{
	return (unsigned)(c->lim.total + spare(c->lim.total));
}

void conns_free(struct http_conns *c)
{
	if (c == NULL)
		return;
	pthread_mutex_lock(&c->lock);
	c->stopping = 1;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->lock);
	pthread_join(c->sweeper, NULL);
	for (size_t i = 0; i < NET_BUCKETS; i++)
		while (c->buckets[i]) {
			struct net *n = c->buckets[i];
			c->buckets[i] = n->next;
			free(n);
		}
	while (c->all) {
		struct conn *k = c->all;
		c->all = k->next;
		free(k);
	}
	pthread_cond_destroy(&c->wake);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

int conns_accept(struct http_conns *c, const struct sockaddr *addr, socklen_t len)
{
	(void)len;
	unsigned char key[8], klen;
	if (c->lim.per_network <= 0 || net_key(addr, key, &klen) != 0)
		return 1;
	pthread_mutex_lock(&c->lock);
	struct net *n = net_find(c, key, klen);
	int held = n ? n->count : 0;
	pthread_mutex_unlock(&c->lock);
	return held < c->lim.per_network + spare(c->lim.per_network);
}

void conns_started(struct http_conns *c, void *conn, void **socket_context)
{
	struct conn *k = mem_calloc(1, sizeof *k);
	const union MHD_ConnectionInfo *fd = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	k->fd = fd ? fd->connect_fd : -1;
	atomic_init(&k->deadline_us, monotime_us() + (int64_t)c->lim.idle_s * 1000000);
	unsigned char key[8], klen;
	int known = ci && net_key(ci->client_addr, key, &klen) == 0;
	pthread_mutex_lock(&c->lock);
	if (known) {
		struct net *n = net_find(c, key, klen);
		if (n == NULL) {
			n = mem_calloc(1, sizeof *n);
			memcpy(n->key, key, klen);
			n->len = klen;
			unsigned b = bucket(key, klen);
			n->next = c->buckets[b];
			c->buckets[b] = n;
		}
		n->count++;
		k->net = n;
	}
	c->total++;
	if (k->net && c->lim.per_network > 0 && k->net->count > c->lim.per_network)
		k->over = CONNS_NETWORK_FULL;
	else if (c->total > c->lim.total)
		k->over = CONNS_SERVER_FULL;
	k->next = c->all;
	if (c->all)
		c->all->prev = k;
	c->all = k;
	pthread_mutex_unlock(&c->lock);
	*socket_context = k;
}

void conns_closed(struct http_conns *c, void **socket_context)
{
	struct conn *k = *socket_context;
	if (k == NULL)
		return;
	pthread_mutex_lock(&c->lock);
	if (k->prev)
		k->prev->next = k->next;
	else
		c->all = k->next;
	if (k->next)
		k->next->prev = k->prev;
	if (k->net && --k->net->count == 0) {
		unsigned b = bucket(k->net->key, k->net->len);
		struct net **p = &c->buckets[b];
		while (*p != k->net)
			p = &(*p)->next;
		*p = k->net->next;
		free(k->net);
	}
	c->total--;
	pthread_mutex_unlock(&c->lock);
	free(k);
	*socket_context = NULL;
}

static struct conn *conn_of(void *conn)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

void conns_enter(struct http_conns *c, void *conn, enum conns_phase phase)
{
	struct conn *k = conn_of(conn);
	if (k == NULL)
		return;
	int s = phase == CONNS_IDLE ? c->lim.idle_s : phase == CONNS_HEAD ? c->lim.head_s
		: phase == CONNS_BODY ? c->lim.body_s : -1;
	atomic_store(&k->deadline_us, s < 0 ? -1 : monotime_us() + (int64_t)s * 1000000);
}

enum conns_over conns_over(void *conn)
{
	struct conn *k = conn_of(conn);
	return k ? k->over : CONNS_OK;
}
