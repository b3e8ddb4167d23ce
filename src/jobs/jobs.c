/*
 * jobs.c: the background thread (see jobs.h).
 */
#include "jobs/jobs.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/log.h"
#include "core/mem.h"
#include "model/outbox.h"
#include "model/ratelimit.h"
#include "model/session.h"
#include "model/token.h"
#include "store/leader.h"

#define PURGE_EVERY 3600 /* seconds */

struct jobs {
	const struct jobs_config *cfg;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int stopping;
	int64_t last_purge;
};

static void purge(struct store *db, int64_t now)
{
	if (session_purge(db, now) != MODEL_OK || token_purge(db, now) != MODEL_OK ||
	    rate_limit_purge(db, now) != MODEL_OK || outbox_purge(db, now) != MODEL_OK)
		log_warn("purging expired data failed; will try again", store_error(db));
}

/* One round; returns the connection, or NULL when it had to be dropped. */
static struct store *round_once(struct jobs *j, struct store *db, struct store_leader *leader)
{
	char err[512];
	if (db == NULL) {
		db = store_open(j->cfg->db_url, &j->cfg->store, err, sizeof err);
		store_leader_lost(leader);
		if (db == NULL)
			return NULL; /* the database is away; try next round */
	}
	int lead = store_leader_acquire(leader, db);
	if (lead < 0) {
		log_warn("background jobs: cannot take leadership", store_error(db));
		store_close(db);
		return NULL;
	}
	if (lead == 0)
		return db;
	int sent, failed;
	if (mailer_run(db, &j->cfg->mail, &sent, &failed) != STORE_OK) {
		log_warn("background jobs: outbox unavailable", store_error(db));
		store_close(db);
		return NULL;
	}
	int64_t now = (int64_t)time(NULL);
	if (now - j->last_purge >= PURGE_EVERY) {
		purge(db, now);
		j->last_purge = now;
	}
	return db;
}

static void *jobs_main(void *arg)
{
	struct jobs *j = arg;
	struct store_leader *leader = store_leader_new(j->cfg->db_url);
	struct store *db = NULL;
	pthread_mutex_lock(&j->lock);
	while (!j->stopping) {
		pthread_mutex_unlock(&j->lock);
		db = round_once(j, db, leader);
		pthread_mutex_lock(&j->lock);
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += j->cfg->interval_ms / 1000;
		until.tv_nsec += (long)(j->cfg->interval_ms % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		while (!j->stopping && pthread_cond_timedwait(&j->wake, &j->lock, &until) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&j->lock);
	store_close(db);
	store_leader_free(leader);
	return NULL;
}

struct jobs *jobs_start(const struct jobs_config *cfg, char *err, size_t errlen)
{
	struct jobs *j = mem_calloc(1, sizeof *j);
	j->cfg = cfg;
	pthread_mutex_init(&j->lock, NULL);
	pthread_cond_init(&j->wake, NULL);
	if (pthread_create(&j->thread, NULL, jobs_main, j) != 0) {
		snprintf(err, errlen, "cannot start the background thread");
		pthread_mutex_destroy(&j->lock);
		pthread_cond_destroy(&j->wake);
		free(j);
		return NULL;
	}
	return j;
}

void jobs_stop(struct jobs *j)
{
	if (j == NULL)
		return;
	pthread_mutex_lock(&j->lock);
	j->stopping = 1;
	pthread_cond_signal(&j->wake);
	pthread_mutex_unlock(&j->lock);
	pthread_join(j->thread, NULL);
	pthread_mutex_destroy(&j->lock);
	pthread_cond_destroy(&j->wake);
	free(j);
}
