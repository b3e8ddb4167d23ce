/*
 * leader.c: leadership for background work (see leader.h).
 */
#include "store/leader.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "core/mem.h"

/* Any fixed number, the same on every node. */
#define LEADER_LOCK_KEY 7275663

struct store_leader {
	char *lock_path; /* SQLite: the lock file; NULL for PostgreSQL */
	int fd;
	int held;
};

static struct store_sql try_lock_sql =
	STORE_SQL("SELECT CASE WHEN pg_try_advisory_lock(7275663) THEN 1 ELSE 0 END");

struct store_leader *store_leader_new(const char *url)
{
	struct store_leader *l = mem_calloc(1, sizeof *l);
	l->fd = -1;
	if (!store_url_is_postgres(url)) {
		const char *path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
		size_t n = strlen(path) + sizeof ".jobs";
		l->lock_path = mem_alloc(n);
		snprintf(l->lock_path, n, "%s.jobs", path);
	}
	return l;
}

int store_leader_acquire(struct store_leader *l, struct store *s)
{
	if (l->held)
		return 1;
	if (l->lock_path) {
		if (l->fd < 0)
			l->fd = open(l->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (l->fd < 0)
			return -1;
		l->held = flock(l->fd, LOCK_EX | LOCK_NB) == 0;
		return l->held;
	}
	_Static_assert(LEADER_LOCK_KEY == 7275663, "the key is spelled out in try_lock_sql");
	struct store_stmt *st = store_prepare(s, &try_lock_sql);
	if (st == NULL)
		return -1;
	int rc = store_step(st);
	l->held = rc == STORE_ROW && store_col_int(st, 0) == 1;
	store_reset(st);
	return rc == STORE_ROW ? l->held : -1;
}

void store_leader_lost(struct store_leader *l)
{
	if (l->lock_path == NULL)
		l->held = 0;
}

void store_leader_free(struct store_leader *l)
{
	if (l == NULL)
		return;
	if (l->fd >= 0)
		close(l->fd);
	free(l->lock_path);
	free(l);
}
