/*
 * proc.c: the registry of what tests must undo (see proc.h). One table,
 * newest last; signals that would end the program are blocked while it
 * changes, so the handler that undoes it on the way out never sees it
 * half written.
 */
#include "support/proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/wait.h"

#define UNDO_MAX 64
#define UNDO_ARG 1024

enum undo_kind { UNDO_PROC, UNDO_COMMAND, UNDO_FN };

struct undo {
	unsigned id;
	enum undo_kind kind;
	pid_t pid;        /* UNDO_PROC */
	test_undo_fn *fn; /* UNDO_FN */
	char arg[UNDO_ARG]; /* UNDO_COMMAND: NUL-separated arguments, then an
			     * empty one; UNDO_FN: fn's argument */
};

static struct undo undos[UNDO_MAX];
static size_t nundo;
static size_t mark;       /* test_end undoes entries from here on */
static unsigned next_id = 1;
static pid_t owner;       /* the test program: forked children never undo */

static const int fatal_signals[] = { SIGTERM, SIGINT, SIGHUP, SIGABRT };

/* Blocks the fatal signals while the table changes; restore with unblock. */
static sigset_t block(void)
{
	sigset_t set, old;
	sigemptyset(&set);
	for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
		sigaddset(&set, fatal_signals[i]);
	sigprocmask(SIG_BLOCK, &set, &old);
	return old;
}

static void unblock(sigset_t old)
{
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void kill_group(pid_t pid)
{
	kill(-pid, SIGKILL); /* its group: what it started in turn */
	kill(pid, SIGKILL);  /* and itself, should it have left the group */
}

/* Runs a command of the table and waits for it: fork, exec and waitpid
 * only, so it may run in a signal handler. */
static void run_command(const char *args)
{
	const char *argv[64];
	size_t n = 0;
	for (const char *p = args; *p && n < 63; p += strlen(p) + 1)
		argv[n++] = p;
	argv[n] = NULL;
	if (n == 0)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0)
			dup2(null, 1);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
}

/* Undoes one entry. In a signal handler (in_signal), functions are skipped. */
static void undo_entry(const struct undo *u, int in_signal)
{
	switch (u->kind) {
	case UNDO_PROC:
		kill_group(u->pid);
		while (waitpid(u->pid, NULL, 0) < 0 && errno == EINTR)
			;
		break;
	case UNDO_COMMAND:
		run_command(u->arg);
		break;
	case UNDO_FN:
		if (!in_signal)
			u->fn(u->arg);
		break;
	}
}

/* Undoes and forgets the entries from index `from` on, newest first. */
static void undo_from(size_t from, int in_signal)
{
	while (nundo > from) {
		struct undo u = undos[nundo - 1];
		nundo--;
		undo_entry(&u, in_signal);
	}
	if (mark > nundo)
		mark = nundo;
}

static void undo_all_at_exit(void)
{
	if (getpid() != owner)
		return;
	sigset_t old = block();
	undo_from(0, 0);
	unblock(old);
}

static void undo_all_on_signal(int sig)
{
	if (getpid() == owner)
		undo_from(0, 1);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* A sanitizer's report ends the program without exit handlers. */
extern void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

static void sanitizer_death(void)
{
	if (getpid() == owner)
		undo_from(0, 1);
}

static void install(void)
{
	if (owner == getpid())
		return;
	owner = getpid();
	nundo = mark = 0; /* a forked child starts with nothing to undo */
	atexit(undo_all_at_exit);
	for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++) {
		struct sigaction sa = { .sa_handler = undo_all_on_signal };
		sigemptyset(&sa.sa_mask);
		sigaction(fatal_signals[i], &sa, NULL);
	}
	if (__sanitizer_set_death_callback)
		__sanitizer_set_death_callback(sanitizer_death);
}

static void room_for_one(void)
{
	install();
	if (nundo == UNDO_MAX)
		fail_msg("more than %d processes and leftovers to undo", UNDO_MAX);
}

/* Adds an entry (a copy of u with a new id); returns the id. */
static unsigned add(const struct undo *u)
{
	room_for_one();
	sigset_t old = block();
	undos[nundo] = *u;
	undos[nundo].id = next_id++;
	unsigned id = undos[nundo].id;
	nundo++;
	unblock(old);
	return id;
}

/* Removes the entry with this id, or the process pid, without undoing it;
 * returns whether there was one. */
static int forget(unsigned id, pid_t pid, struct undo *out)
{
	sigset_t old = block();
	int found = 0;
	for (size_t i = nundo; i-- > 0;) {
		if ((id && undos[i].id == id) || (pid && undos[i].kind == UNDO_PROC && undos[i].pid == pid)) {
			if (out)
				*out = undos[i];
			memmove(&undos[i], &undos[i + 1], (nundo - i - 1) * sizeof undos[0]);
			nundo--;
			if (i < mark)
				mark--;
			found = 1;
			break;
		}
	}
	unblock(old);
	return found;
}

int test_begin(void **state)
{
	(void)state;
	install();
	mark = nundo;
	return 0;
}

int test_end(void **state)
{
	(void)state;
	sigset_t old = block();
	undo_from(mark, 0);
	unblock(old);
	return 0;
}

pid_t test_spawn(const char *const *argv, int out_fd, int err_fd)
{
	room_for_one();
	fflush(NULL);
	pid_t parent = getpid();
	/* Registered before a signal can end us: none is taken between the
	 * fork and the entry. */
	sigset_t old = block();
	pid_t pid = fork();
	if (pid < 0) {
		unblock(old);
		fail_msg("fork: %s", strerror(errno));
	}
	if (pid == 0) {
		setpgid(0, 0);
		/* Killed by the kernel when the thread that started it ends,
		 * however the test program ends; unless it ended already. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(127);
		for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
			signal(fatal_signals[i], SIG_DFL);
		sigprocmask(SIG_SETMASK, &old, NULL);
		if (out_fd >= 0)
			dup2(out_fd, 1);
		if (err_fd >= 0)
			dup2(err_fd, 2);
		execvp(argv[0], (char *const *)argv);
		fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid); /* from here too: the group exists before any kill */
	undos[nundo++] = (struct undo){ .id = next_id++, .kind = UNDO_PROC, .pid = pid };
	unblock(old);
	return pid;
}

void test_track(pid_t pid)
{
	struct undo u = { .kind = UNDO_PROC, .pid = pid };
	add(&u);
}

struct exited {
	pid_t pid;
	int status;
};

static int has_exited(void *arg)
{
	struct exited *e = arg;
	pid_t rc;
	while ((rc = waitpid(e->pid, &e->status, WNOHANG)) < 0 && errno == EINTR)
		;
	return rc == e->pid || (rc < 0 && errno == ECHILD);
}

int test_proc_wait(pid_t pid, int deadline_ms, int *status)
{
	struct exited e = { pid, 0 };
	int64_t end = test_ms() + deadline_ms;
	/* A pidfd wakes us the moment the process ends; without one (an old
	 * kernel), poll its state. The wake-up is a hint, not the exit
	 * status (a poll can end early, by a signal or a kernel's race with
	 * the exit), so the state is then polled for the time that is left
	 * rather than looked at once. */
	int fd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (fd >= 0) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int64_t left;
		while ((left = end - test_ms()) > 0 && poll(&p, 1, (int)left) < 0 && errno == EINTR)
			;
		close(fd);
	}
	int64_t left = end - test_ms();
	if (!test_poll(has_exited, &e, left > 0 ? (int)left : 0))
		return 0;
	forget(0, pid, NULL);
	if (status)
		*status = e.status;
	return 1;
}

void test_proc_kill(pid_t pid)
{
	struct undo u;
	if (forget(0, pid, &u))
		undo_entry(&u, 0);
	else {
		kill_group(pid);
		waitpid(pid, NULL, 0);
	}
}

unsigned test_defer_command(const char *const *argv)
{
	struct undo u = { .kind = UNDO_COMMAND };
	size_t used = 0;
	for (size_t i = 0; argv[i]; i++) {
		size_t n = strlen(argv[i]) + 1;
		if (n == 1 || used + n + 1 > sizeof u.arg)
			fail_msg("test_defer_command: empty or too long arguments");
		memcpy(u.arg + used, argv[i], n);
		used += n;
	}
	u.arg[used] = '\0';
	return add(&u);
}

unsigned test_defer(test_undo_fn *fn, const void *arg, size_t len)
{
	struct undo u = { .kind = UNDO_FN, .fn = fn };
	if (len > sizeof u.arg)
		fail_msg("test_defer: an argument of %zu bytes", len);
	if (len)
		memcpy(u.arg, arg, len);
	return add(&u);
}

void test_undo(unsigned handle)
{
	struct undo u;
	if (handle && forget(handle, 0, &u))
		undo_entry(&u, 0);
}
