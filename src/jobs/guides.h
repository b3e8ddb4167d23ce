/*
 * guides.h: the guide programme's background work: reminding the
 * coordinators of follow-ups that fall due (2 weeks, 2 months and 6
 * months after a pair's first meeting), and deleting newcomers' data the
 * set retention time after they withdrew or their last match ended.
 * Reminder mails name the programme and link to the match; they carry no
 * newcomer data.
 */
#ifndef SAMSKAB_JOBS_GUIDES_H
#define SAMSKAB_JOBS_GUIDES_H

#include <stdint.h>

#include "store/store.h"

struct guides_config {
	const char *base_url;  /* for the link in reminders */
	int64_t retention_s;   /* newcomer data kept after the end */
};

/* Mails the coordinators of each follow-up due by now (one transaction
 * per follow-up; a follow-up of a programme without coordinators waits
 * until it has one). *reminded counts follow-ups. A store code on
 * failure. */
int guides_remind(struct store *db, const struct guides_config *cfg, int64_t now, int *reminded);
/* Deletes newcomer data past retention; *deleted counts newcomers. */
int guides_purge(struct store *db, const struct guides_config *cfg, int64_t now, int64_t *deleted);

#endif
