/*
 * jobs.c: the background thread (see jobs.h).
 */
#include "jobs/jobs.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/monotime.h"
#include "model/image.h"
#include "model/notify.h"
#include "model/opinion_map.h"
#include "model/outbox.h"
#include "model/ratelimit.h"
#include "model/session.h"
#include "model/signup.h"
#include "model/token.h"
#include "store/leader.h"

#define PURGE_EVERY 3600 /* seconds */
#define DIGEST_BUDGET_MS 2000 /* notification mail per round, so mail and maps get their turn */

#define MAX_TRACKED 256 /* dialogues whose warm state is kept */

struct jobs {
	const struct jobs_config *cfg;
	struct opinion_tracker *trackers[MAX_TRACKED];
	size_t ntrackers;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int stopping;
	int64_t last_purge;
};

/* Images of forms that were never saved: kept a day, for whoever
 * comes back to the form. */
#define IMAGE_UNUSED_FOR (24 * 3600)

static void purge(struct jobs *j, struct store *db, int64_t now)
{
	int64_t deleted, images = 0;
	if (session_purge(db, now) != MODEL_OK || token_purge(db, now) != MODEL_OK ||
	    rate_limit_purge(db, now) != MODEL_OK || outbox_purge(db, now) != MODEL_OK ||
	    image_purge(db, now - IMAGE_UNUSED_FOR, &images) != MODEL_OK || signup_purge(db, now) != MODEL_OK ||
	    notify_purge(db, now) != MODEL_OK || guides_purge(db, &j->cfg->guides, now, &deleted) != STORE_OK)
		log_warn("purging expired data failed; will try again", store_error(db));
}

/* The tracker of an arena, made on first use; when too many dialogues
 * are tracked the oldest starts cold next time. */
static struct opinion_tracker *tracker_for(struct jobs *j, int64_t arena_id)
{
	for (size_t i = 0; i < j->ntrackers; i++)
		if (opinion_tracker_arena(j->trackers[i]) == arena_id)
			return j->trackers[i];
	if (j->ntrackers == MAX_TRACKED) {
		opinion_tracker_free(j->trackers[0]);
		memmove(j->trackers, j->trackers + 1, (MAX_TRACKED - 1) * sizeof j->trackers[0]);
		j->ntrackers--;
	}
	return j->trackers[j->ntrackers++] = opinion_tracker_new(arena_id);
}

/* Recomputes the maps of dialogues with new votes (debounced). */
static int refresh_maps(struct jobs *j, struct store *db)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	int64_t now_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	struct region *a = region_new();
	int64_t *ids;
	size_t n = 0;
	enum model_rc rc = opinion_map_stale(db, a, now_ms, j->cfg->opinion_debounce_ms, &ids, &n);
	for (size_t i = 0; rc == MODEL_OK && i < n; i++) {
		int64_t t0 = monotime_us();
		struct opinion_tracker *t = tracker_for(j, ids[i]);
		rc = opinion_map_refresh(db, t);
		int64_t took = monotime_us() - t0;
		const struct opinion_refresh_stats *s = opinion_tracker_stats(t);
		struct logline l;
		log_begin(&l, rc == MODEL_OK ? LOG_INFO : LOG_WARN,
			  rc == MODEL_OK ? "opinion map computed" : "opinion map not computed");
		log_int(&l, "arena", ids[i]);
		log_int(&l, "ms", took / 1000);
		log_int(&l, "rows", (long long)s->rows);
		log_int(&l, "read_us", s->read_us);
		log_int(&l, "compute_us", s->compute_us);
		log_int(&l, "store_us", s->store_us);
		log_end(&l);
	}
	region_free(a);
	return rc == MODEL_OK || rc == MODEL_ERROR ? 0 : -1;
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
	struct digest_config dc = j->cfg->digest;
	dc.budget_ms = DIGEST_BUDGET_MS;
	struct digest_stats ds;
	int drc = digest_run(db, &dc, model_now(), &ds);
	if (drc != STORE_OK)
		log_warn("background jobs: notification mail not written; will try again", store_error(db));
	if (drc == STORE_UNAVAILABLE) {
		store_close(db);
		return NULL;
	}
	if (ds.mails) {
		struct logline l;
		log_begin(&l, LOG_INFO, "notification mail written");
		log_int(&l, "accounts", ds.accounts);
		log_int(&l, "mails", ds.mails);
		log_int(&l, "notifications", ds.notifications);
		log_end(&l);
	}
	int sent, failed;
	if (mailer_run(db, &j->cfg->mail, &sent, &failed) != STORE_OK) {
		log_warn("background jobs: outbox unavailable", store_error(db));
		store_close(db);
		return NULL;
	}
	if (refresh_maps(j, db) != 0) {
		log_warn("background jobs: opinion maps unavailable", store_error(db));
		store_close(db);
		return NULL;
	}
	int64_t now = model_now();
	int reminded;
	if (guides_remind(db, &j->cfg->guides, now, &reminded) != STORE_OK)
		log_warn("background jobs: follow-up reminders not sent; will try again", store_error(db));
	if (now - j->last_purge >= PURGE_EVERY) {
		purge(j, db, now);
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
	for (size_t i = 0; i < j->ntrackers; i++)
		opinion_tracker_free(j->trackers[i]);
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
