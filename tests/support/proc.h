/*
 * proc.h: every process a test starts, and everything it leaves behind
 * (a PostgreSQL server of its own, a database, a temporary directory),
 * undone on every path, failure included.
 *
 * cmocka's failing assertions longjmp out of the test, so cleanup written
 * after an assertion never runs. Instead a test registers what must be
 * undone as soon as it exists (test_spawn does so for processes), and
 * undoes it itself on the way out when all went well. Whatever is still
 * registered is undone, newest first:
 *   - after each test declared with TEST_CASE (its cmocka teardown: only
 *     what that test registered, not its group's set-up);
 *   - when the test program exits, or dies of SIGTERM, SIGINT, SIGHUP,
 *     SIGABRT or a sanitizer's report (only processes and commands then,
 *     not functions, which may not be safe in a signal handler).
 * And should the test program be killed outright (SIGKILL), the kernel
 * kills every child test_spawn started (PR_SET_PDEATHSIG): spawn from the
 * main thread, as the signal comes when the spawning thread ends.
 */
#ifndef SAMSKAB_TESTS_PROC_H
#define SAMSKAB_TESTS_PROC_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <sys/types.h>

#include <cmocka.h>

/* A test whose processes and leftovers are undone after it, pass or fail. */
#define TEST_CASE(f) cmocka_unit_test_setup_teardown(f, test_begin, test_end)
int test_begin(void **state);
int test_end(void **state);

/* Starts argv[0] (looked up in PATH) in a process group of its own, its
 * stdout and stderr on out_fd and err_fd (-1: inherited), and registers
 * it: it is killed, with its group, if the test does not reap it. Fails
 * the test when it cannot fork. */
pid_t test_spawn(const char *const *argv, int out_fd, int err_fd);
/* Registers a child forked without test_spawn (a function run in a child). */
void test_track(pid_t pid);
/* Waits up to deadline_ms for pid to exit; 1 and its status (as waitpid
 * gives it) when it did, and it is no longer registered; 0 when it is
 * still running. */
int test_proc_wait(pid_t pid, int deadline_ms, int *status);
/* Kills pid and its group (SIGKILL), reaps it and forgets it. */
void test_proc_kill(pid_t pid);

/* A command run when undone, e.g. { "scripts/pg", "stop", dir, NULL }; at
 * most 1 KiB of arguments. Returns its handle (never 0). */
unsigned test_defer_command(const char *const *argv);
/* fn(arg) when undone, with a copy of len bytes of arg (at most 1 KiB). */
typedef void test_undo_fn(const void *arg);
unsigned test_defer(test_undo_fn *fn, const void *arg, size_t len);
/* Undoes one registration now; an unknown or 0 handle is ignored. */
void test_undo(unsigned handle);

#endif
