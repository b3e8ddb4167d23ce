/*
 * digest.h: notifications out by mail (model/notify.h): each one chosen
 * "at once" as its own mail, the rest of a person's due notifications as
 * one digest that groups them by arena, all in the person's language,
 * plain text, with a one-click unsubscribe link (List-Unsubscribe, RFC
 * 8058) and links to the notifications and the settings. Mail goes into
 * the outbox (model/outbox.h); jobs/mailer.c sends it.
 *
 * Accounts are taken in id order, a batch at a time, each batch in one
 * transaction that writes the mails and marks their notifications sent.
 * A crash (or a lost leadership) in the middle loses the batch's
 * transaction and nothing else: the mails of committed batches are in
 * the outbox with their notifications marked; the rest are still due and
 * the next run takes them. No digest is lost, none is made twice.
 * Addresses not yet confirmed get no mail; their notifications stay on
 * the site.
 */
#ifndef SAMSKAB_JOBS_DIGEST_H
#define SAMSKAB_JOBS_DIGEST_H

#include <stdint.h>

#include "store/store.h"

#define DIGEST_BATCH_DEFAULT 500 /* accounts per transaction */

struct digest_config {
	const char *base_url; /* links in mail: https://samskab.example.dk */
	int batch;            /* accounts per transaction */
	int64_t budget_ms;    /* a run stops after the batch that passes this; 0: no limit */
};

struct digest_stats {
	int64_t accounts, mails, notifications, batches;
};

/* Mails what is due at now. Returns a store code; on failure the batch
 * in progress is rolled back and the message is in store_error(db). */
int digest_run(struct store *db, const struct digest_config *cfg, int64_t now, struct digest_stats *out);

#endif
