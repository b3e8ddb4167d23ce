/*
 * replay_test.c: every fuzz harness (fuzz/NAME_fuzz.c, built without
 * libFuzzer as build/replay/NAME by the Makefile) replays its seed corpus
 * fuzz/corpus/NAME: each input passes the harness's checks (a finding
 * aborts it; under the sanitized build ASan and UBSan watch too), and
 * every input of the corpus is replayed. The corpora hold the inputs that
 * found bugs (e.g. markdown/issue10-open-em, the <em> md4c left open), so
 * a regression fails here in seconds; make fuzz runs them for long.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <glob.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/proc.h"
#include "support/support.h"

#define MAX_HARNESSES 32

static char names[MAX_HARNESSES][64];

static size_t corpus_size(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		char path[512];
		struct stat st;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			n++;
	}
	closedir(d);
	return n;
}

static void test_corpus_replays_clean(void **state)
{
	const char *name = *state;
	char bindir[512], bin[600], corpus[128];
	snprintf(bindir, sizeof bindir, "%s", test_bin());
	snprintf(bin, sizeof bin, "%s/replay/%s", dirname(bindir), name);
	snprintf(corpus, sizeof corpus, "fuzz/corpus/%s", name);
	if (access(bin, X_OK) != 0)
		fail_msg("%s is not built (make test builds it)", bin);
	size_t want = corpus_size(corpus);
	if (want == 0)
		fail_msg("%s holds no seed input", corpus);

	FILE *out = tmpfile();
	assert_non_null(out);
	const char *argv[] = { bin, corpus, NULL };
	pid_t pid = test_spawn(argv, fileno(out), -1);
	int status;
	if (!test_proc_wait(pid, 120 * 1000, &status)) {
		test_proc_kill(pid);
		fclose(out);
		fail_msg("%s did not replay %s within 2 minutes", bin, corpus);
	}
	char line[256] = "";
	rewind(out);
	if (fgets(line, sizeof line, out) == NULL)
		line[0] = '\0';
	fclose(out);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail_msg("%s found something in %s (status %d): see its report above", name, corpus, status);
	size_t got = 0;
	assert_int_equal(sscanf(line, "%zu inputs replayed", &got), 1);
	assert_int_equal(got, want);
}

int main(void)
{
	glob_t g;
	if (glob("fuzz/*_fuzz.c", 0, NULL, &g) != 0 || g.gl_pathc == 0) {
		fprintf(stderr, "replay_test: no fuzz/*_fuzz.c (run from the source tree)\n");
		return 1;
	}
	struct CMUnitTest tests[MAX_HARNESSES];
	size_t n = 0;
	for (size_t i = 0; i < g.gl_pathc && n < MAX_HARNESSES; i++, n++) {
		const char *base = g.gl_pathv[i] + strlen("fuzz/");
		snprintf(names[n], sizeof names[n], "%.*s", (int)(strlen(base) - strlen("_fuzz.c")), base);
		tests[n] = (struct CMUnitTest)cmocka_unit_test_prestate_setup_teardown(
			test_corpus_replays_clean, test_begin, test_end, names[n]);
		tests[n].name = names[n];
	}
	if (g.gl_pathc > MAX_HARNESSES) {
		fprintf(stderr, "replay_test: more than %d harnesses\n", MAX_HARNESSES);
		return 1;
	}
	globfree(&g);
	return _cmocka_run_group_tests("replay", tests, n, NULL, NULL);
}
