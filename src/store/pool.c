/*
 * pool.c: per-thread connections (see pool.h). Each thread keeps its
 * connection in thread-local storage, keyed by the pool's number; the pool
 * also lists every connection it opened so it can close them all at exit.
 * Before handing out a connection it asks the backend whether the server
 * has closed it while it sat idle (a database restart), and reconnects
 * then rather than failing the request that would have used it.
 */
#include "store/pool.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/mem.h"
#include "store/backend.h"

#define POOL_MAX 4      /* pools per process: primary, replica, ... */
#define POOL_CONNS 1024 /* connections per pool */

struct store_pool {
	int index;
	char *url;
	struct store_options opt;
	pthread_mutex_t lock;
	struct store *conns[POOL_CONNS];
	int nconns;
};

static _Thread_local struct store *thread_conn[POOL_MAX];
static _Thread_local unsigned thread_gen[POOL_MAX];
static pthread_mutex_t pools_lock = PTHREAD_MUTEX_INITIALIZER;
static int pools_used[POOL_MAX];
static unsigned pools_gen[POOL_MAX];

struct store_pool *store_pool_new(const char *url, const struct store_options *opt)
{
	struct store_pool *p = mem_calloc(1, sizeof *p);
	pthread_mutex_lock(&pools_lock);
	p->index = -1;
	for (int i = 0; i < POOL_MAX; i++)
		if (!pools_used[i]) {
			pools_used[i] = 1;
			pools_gen[i]++;
			p->index = i;
			break;
		}
	pthread_mutex_unlock(&pools_lock);
	if (p->index < 0) {
		free(p);
		return NULL;
	}
	p->url = mem_strdup(url);
	if (opt)
		p->opt = *opt;
	else
		p->opt = (struct store_options){ .sync_full = 1, .busy_ms = 5000 };
	pthread_mutex_init(&p->lock, NULL);
	return p;
}

void store_pool_free(struct store_pool *p)
{
	if (p == NULL)
		return;
	for (int i = 0; i < p->nconns; i++)
		store_close(p->conns[i]);
	pthread_mutex_lock(&pools_lock);
	pools_used[p->index] = 0;
	pthread_mutex_unlock(&pools_lock);
	thread_conn[p->index] = NULL;
	pthread_mutex_destroy(&p->lock);
	free(p->url);
	free(p);
}

struct store *store_pool_open(struct store_pool *p, int scan, char *err, size_t errlen)
{
	struct store_options opt = p->opt;
	opt.scan = scan;
	return store_open(p->url, &opt, err, errlen);
}

/* Closes this thread's connection s so the next get reconnects. */
static void pool_drop(struct store_pool *p, struct store *s, const char *why, const char *detail)
{
	log_warn(why, detail);
	pthread_mutex_lock(&p->lock);
	for (int i = 0; i < p->nconns; i++)
		if (p->conns[i] == s) {
			p->conns[i] = p->conns[--p->nconns];
			break;
		}
	pthread_mutex_unlock(&p->lock);
	store_close(s);
	thread_conn[p->index] = NULL;
}

struct store *store_pool_get(struct store_pool *p, char *err, size_t errlen)
{
	/* A pool slot reused by a new pool must not hand out an old connection. */
	struct store *s = thread_conn[p->index];
	if (s && thread_gen[p->index] == pools_gen[p->index]) {
		if (s->be->alive == NULL || s->be->alive(s))
			return s;
		pool_drop(p, s, "database closed an idle connection; reconnecting", NULL);
	}
	s = store_open(p->url, &p->opt, err, errlen);
	if (s == NULL)
		return NULL;
	pthread_mutex_lock(&p->lock);
	if (p->nconns == POOL_CONNS) {
		pthread_mutex_unlock(&p->lock);
		store_close(s);
		snprintf(err, errlen, "too many database connections");
		return NULL;
	}
	p->conns[p->nconns++] = s;
	pthread_mutex_unlock(&p->lock);
	thread_conn[p->index] = s;
	thread_gen[p->index] = pools_gen[p->index];
	return s;
}

void store_pool_report(struct store_pool *p, int rc)
{
	struct store *s = thread_conn[p->index];
	if (rc != STORE_UNAVAILABLE || s == NULL)
		return;
	pool_drop(p, s, "database connection lost; reconnecting on next use", store_error(s));
}
