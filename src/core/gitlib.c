/*
 * gitlib.c: libgit2 set up once (see gitlib.h). libgit2 counts its
 * initialisations; one for the life of the process is enough, and its
 * shutdown runs at exit so leak checkers see its global state freed.
 */
#include "core/gitlib.h"

#include <pthread.h>
#include <stdlib.h>

#include <git2.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int init_rc = -1;

static void shutdown_at_exit(void)
{
	git_libgit2_shutdown();
}

static void init_once(void)
{
	if (git_libgit2_init() < 0)
		return;
	init_rc = 0;
	atexit(shutdown_at_exit);
}

int gitlib_init(void)
{
	pthread_once(&once, init_once);
	return init_rc;
}

const char *gitlib_error(void)
{
	const git_error *e = git_error_last();
	return e && e->message ? e->message : "libgit2 failed";
}
