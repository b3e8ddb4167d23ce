/*
 * layers_test.c: the layering check (scripts/layers), fed small trees
 * with one include each: what the design allows passes, an include of a
 * higher layer or of a sibling fails naming the file and line, and a
 * folder the order does not know fails rather than passing unchecked.
 * Run from the repository's root, as scripts/check does.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define SCRIPT "scripts/layers"

struct tree {
	char dir[64];
	char out[8192];
	int status;
};

static int setup(void **state)
{
	struct tree *t = calloc(1, sizeof *t);
	assert_non_null(t);
	strcpy(t->dir, "/tmp/samskab-layers-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct tree *t = *state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
	assert_int_equal(system(cmd), 0);
	free(t);
	return 0;
}

/* Writes DIR/src/<path> with text, making its folder. */
static void put(struct tree *t, const char *path, const char *text)
{
	char file[256];
	snprintf(file, sizeof file, "%s/src", t->dir);
	mkdir(file, 0700);
	snprintf(file, sizeof file, "%s/src/%s", t->dir, path);
	char *slash = strrchr(file, '/');
	*slash = '\0';
	mkdir(file, 0700);
	*slash = '/';
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Runs the check on DIR/src (or on dir when given); output and status in t. */
static void run(struct tree *t, const char *dir)
{
	assert_int_equal(access(SCRIPT, X_OK), 0);
	char cmd[256];
	if (dir)
		snprintf(cmd, sizeof cmd, SCRIPT " %s 2>&1", dir);
	else
		snprintf(cmd, sizeof cmd, SCRIPT " %s/src 2>&1", t->dir);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t n = fread(t->out, 1, sizeof t->out - 1, p);
	t->out[n] = '\0';
	int st = pclose(p);
	assert_true(WIFEXITED(st));
	t->status = WEXITSTATUS(st);
}

static void assert_says(const struct tree *t, const char *needle)
{
	if (strstr(t->out, needle) == NULL)
		fail_msg("expected \"%s\" in:\n%s", needle, t->out);
}

static void test_the_tree_holds_its_layers(void **state)
{
	struct tree *t = *state;
	run(t, "src");
	assert_int_equal(t->status, 0);
	assert_says(t, "each within its layer");
}

static void test_what_the_design_allows_passes(void **state)
{
	struct tree *t = *state;
	put(t, "core/buf.c", "#include \"core/buf.h\"\n#include \"msg.h\"\n");
	put(t, "http/request.c", "#include \"store/store.h\"\n#include \"core/buf.h\"\n");
	put(t, "model/opinion_map.c", "#include \"opinion/opinion.h\"\n#include \"http/request.h\"\n");
	put(t, "web/arena.c", "#include \"jobs/jobs.h\"\n#include \"web/web.h\"\n");
	put(t, "routes.c", "#include \"routes.h\"\n#include \"api/api.h\"\n#include \"web/web.h\"\n");
	put(t, "cmd/serve.c", "#include \"routes.h\"\n#include \"web/site.h\"\n");
	put(t, "main.c", "#include <stdio.h>\n#include \"cmd/cmd.h\"\n");
	run(t, NULL);
	assert_int_equal(t->status, 0);
	assert_says(t, "7 files, 14 includes, each within its layer");
}

static void test_a_higher_layer_fails_naming_file_and_line(void **state)
{
	struct tree *t = *state;
	put(t, "model/arena.c", "/* arena */\n#include <stdio.h>\n\n#include \"model/arena.h\"\n"
				"#include \"web/web.h\"\n");
	run(t, NULL);
	assert_int_equal(t->status, 1);
	assert_says(t, "/src/model/arena.c:5: includes \"web/web.h\": web is above model");
	assert_says(t, "layers: 1 include(s) out of their layers");
}

static void test_pure_layers_include_only_core(void **state)
{
	struct tree *t = *state;
	put(t, "opinion/pca.c", "#include \"core/buf.h\"\n#include \"store/store.h\"\n");
	put(t, "store/sqlite.c", "#include \"opinion/opinion.h\"\n");
	put(t, "core/log.c", "#include \"http/request.h\"\n");
	run(t, NULL);
	assert_int_equal(t->status, 1);
	assert_says(t, "opinion/pca.c:2: includes \"store/store.h\": opinion and store are siblings");
	assert_says(t, "store/sqlite.c:1: includes \"opinion/opinion.h\": store and opinion are siblings");
	assert_says(t, "core/log.c:1: includes \"http/request.h\": http is above core");
	assert_says(t, "layers: 3 include(s)");
}

static void test_web_and_api_never_include_each_other(void **state)
{
	struct tree *t = *state;
	put(t, "web/dialogue.c", "#include \"api/api.h\"\n");
	put(t, "api/area.c", "#include \"model/area.h\"\n  #  include \"web/query.h\"\n");
	run(t, NULL);
	assert_int_equal(t->status, 1);
	assert_says(t, "web/dialogue.c:1: includes \"api/api.h\": web and api are siblings");
	assert_says(t, "api/area.c:2: includes \"web/query.h\": api and web are siblings");
}

static void test_an_unknown_layer_fails(void **state)
{
	struct tree *t = *state;
	put(t, "page/x.c", "#include \"core/buf.h\"\n");
	put(t, "web/y.c", "#include \"page/x.h\"\n");
	run(t, NULL);
	assert_int_equal(t->status, 1);
	assert_says(t, "page/x.c:1: a file in \"page\", a layer the order in scripts/layers does not name");
	assert_says(t, "web/y.c:1: includes \"page/x.h\": \"page\" is no layer");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_the_tree_holds_its_layers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_what_the_design_allows_passes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_higher_layer_fails_naming_file_and_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pure_layers_include_only_core, setup, teardown),
		cmocka_unit_test_setup_teardown(test_web_and_api_never_include_each_other, setup, teardown),
		cmocka_unit_test_setup_teardown(test_an_unknown_layer_fails, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
