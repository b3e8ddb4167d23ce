/*
 * smtp.h: a real SMTP server for the tests (Debian's aiosmtpd, started
 * by the test), so mail delivery is tested against a real SMTP
 * conversation on loopback. It accepts (or, when told to, refuses with
 * 451) and keeps every message it accepts, headers and body as received.
 */
#ifndef SAMSKAB_TESTS_SMTP_H
#define SAMSKAB_TESTS_SMTP_H

#include <stddef.h>

struct smtp_sink;

/* Starts listening on a free loopback port; NULL if it cannot. */
struct smtp_sink *smtp_start(void);
int smtp_port(const struct smtp_sink *s);
/* From now on refuse (1) or accept (0) mail. */
void smtp_refuse(struct smtp_sink *s, int refuse);
/* Messages accepted so far, and the i-th one (headers and body). */
size_t smtp_count(struct smtp_sink *s);
const char *smtp_message(struct smtp_sink *s, size_t i);
/* Connections that tried to deliver while refusing. */
size_t smtp_refused(struct smtp_sink *s);
void smtp_stop(struct smtp_sink *s);

#endif
