/*
 * gitlib.h: libgit2, set up once per process, for the text merge and diff
 * (core/textmerge.c, core/textdiff.c). Only buffers are given to libgit2:
 * no repository, no files. Nothing else in samskab uses libgit2.
 */
#ifndef SAMSKAB_CORE_GITLIB_H
#define SAMSKAB_CORE_GITLIB_H

/* Initialises libgit2 on first call (thread-safe); 0, or -1 if it could
 * not be initialised. */
int gitlib_init(void);
/* libgit2's message for the last failure on this thread. */
const char *gitlib_error(void);

#endif
