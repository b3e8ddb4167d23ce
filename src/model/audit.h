/*
 * audit.h: the append-only audit log: every view and change of
 * special-category personal data and every role change, with who, what,
 * when and from where. Readable by administrators only (see the route
 * table); the database refuses updates and deletes (migration 0003).
 * Owns table audit_log.
 */
#ifndef SAMSKAB_MODEL_AUDIT_H
#define SAMSKAB_MODEL_AUDIT_H

#include <stddef.h>

#include "model/model.h"

struct audit_entry {
	int64_t id, at, actor_id;
	const char *actor_name; /* NULL when the account is gone */
	const char *action, *subject, *detail, *client;
};

/* What an action code means, for the log's readers (MSG__MAX when the
 * code is not known: show the code). */
enum msg audit_action_msg(const char *action);
/* The kind of thing a subject ("newcomer 17") names, in words
 * (MSG__MAX when not known). */
enum msg audit_kind_msg(const char *subject, size_t *kind_len);

/* actor_id 0 means the system (a command-line tool). */
MODEL_MUST_USE enum model_rc audit_record(struct store *db, int64_t actor_id, const char *action,
			   const char *subject, const char *detail, const char *client);
/* Newest first, one page; p->total set. */
MODEL_MUST_USE enum model_rc audit_list(struct store *db, struct region *a, struct paging *p,
			 struct audit_entry **items, size_t *n);

#endif
