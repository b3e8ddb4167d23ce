/*
 * mailer.h: delivering the outbox over SMTP (libcurl). Each due mail is
 * sent on its own; success marks it sent, failure records the error and
 * schedules the next attempt with back-off (model/outbox.h), so a mail
 * server being down loses nothing.
 */
#ifndef SAMSKAB_JOBS_MAILER_H
#define SAMSKAB_JOBS_MAILER_H

#include "store/store.h"

struct mailer_config {
	const char *smtp_url; /* smtp://host:port or smtps://...; NULL: do not send */
	const char *from;     /* envelope and From: address */
	const char *user, *password; /* SMTP authentication, or NULL */
};

/* The longest address taken (RFC 5321 allows a path of 256 octets, the
 * address in it 254). */
#define MAILER_ADDRESS_MAX 254

/* NULL when address can go into an SMTP command and a header as
 * "<address>": one '@' with text on both sides, at most
 * MAILER_ADDRESS_MAX bytes, no spaces, control characters, '<' or '>'.
 * Otherwise why not, for a message naming the setting. */
const char *mailer_address_problem(const char *address);

/* Sends what is due; *sent and *failed count the outcomes. Returns a
 * store code when the outbox could not be read or updated. */
int mailer_run(struct store *db, const struct mailer_config *cfg, int *sent, int *failed);

#endif
