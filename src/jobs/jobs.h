/*
 * jobs.h: background work of a serve process: writing notification mail
 * and digests (jobs/digest.h), delivering mail,
 * recomputing the opinion maps of dialogues with new votes (debounced, so
 * a vote never waits for the math), reminding guide-programme coordinators
 * of follow-ups, and purging expired sessions, tokens, rate-limit windows,
 * old mail and newcomers' data past its retention time. It runs in
 * one thread with its own database connection, on exactly one node at a
 * time (store/leader.h); the others wait, and take over when it stops.
 */
#ifndef SAMSKAB_JOBS_JOBS_H
#define SAMSKAB_JOBS_JOBS_H

#include "jobs/digest.h"
#include "jobs/guides.h"
#include "jobs/mailer.h"
#include "store/store.h"

struct jobs_config {
	const char *db_url;
	struct store_options store;
	struct mailer_config mail;
	struct digest_config digest; /* its budget_ms is set by the job */
	int interval_ms; /* time between rounds */
	int opinion_debounce_ms; /* a map is recomputed at most this often */
	struct guides_config guides; /* follow-up reminders, newcomer retention */
};

struct jobs;

/* Starts the thread; NULL with a message in err. cfg must outlive it. */
struct jobs *jobs_start(const struct jobs_config *cfg, char *err, size_t errlen);
/* Stops after the round in progress and joins the thread. */
void jobs_stop(struct jobs *j);

#endif
