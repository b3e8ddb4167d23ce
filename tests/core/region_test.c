/*
 * region_test.c: the request region (src/core/region.c): allocations are
 * aligned, distinct and survive until region_free; strings are copied;
 * large blocks do not disturb small ones; the byte limit aborts instead of
 * letting input exhaust memory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/region.h"

static void test_allocations_are_aligned_for_any_type(void **state)
{
	(void)state;
	struct region *a = region_new();
	static const size_t sizes[] = { 0, 1, 3, 7, 8, 15, 16, 17, 100, 4095, 4096, 5000, 20000, 1 };
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		void *p = region_alloc(a, sizes[i]);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
	}
	region_free(a);
}

static void test_allocations_do_not_overlap(void **state)
{
	(void)state;
	struct region *a = region_new();
	enum { N = 3000 };
	unsigned char *p[N];
	size_t len[N];
	/* Mixed sizes, some bigger than a chunk, some filling chunks exactly. */
	for (int i = 0; i < N; i++) {
		len[i] = (size_t)(i % 7 == 0 ? 5000 + i : 1 + (i * 37) % 300);
		p[i] = region_alloc(a, len[i]);
		memset(p[i], i & 0xff, len[i]);
	}
	for (int i = 0; i < N; i++)
		for (size_t k = 0; k < len[i]; k++)
			if (p[i][k] != (i & 0xff))
				fail_msg("allocation %d byte %zu was overwritten", i, k);
	region_free(a);
}

static void test_large_block_keeps_small_allocations_in_current_chunk(void **state)
{
	(void)state;
	struct region *a = region_new();
	char *s1 = region_alloc(a, 16);
	char *big = region_alloc(a, 100000);
	char *s2 = region_alloc(a, 16);
	/* s2 comes from the same chunk as s1, right after it. */
	assert_ptr_equal(s2, s1 + 16);
	memset(big, 1, 100000);
	region_free(a);
}

static void test_used_counts_bytes_handed_out(void **state)
{
	(void)state;
	struct region *a = region_new();
	assert_int_equal(region_used(a), 0);
	region_alloc(a, 1);
	size_t one = region_used(a);
	assert_true(one >= 1 && one <= _Alignof(max_align_t));
	region_alloc(a, 1000);
	assert_true(region_used(a) >= one + 1000);
	region_free(a);
}

static void test_calloc_is_zeroed(void **state)
{
	(void)state;
	struct region *a = region_new();
	/* Dirty memory first, so zeroes are not luck. */
	for (int i = 0; i < 100; i++)
		memset(region_alloc(a, 64), 0xaa, 64);
	int *v = region_calloc(a, 1000, sizeof *v);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(v[i], 0);
	region_free(a);
}

static void test_strings_are_copies(void **state)
{
	(void)state;
	struct region *a = region_new();
	char src[] = "Ærø kommune";
	char *d = region_strdup(a, src);
	char *n = region_strndup(a, src, 3); /* "Æ" is two bytes, then 'r' */
	src[0] = 'X';
	assert_string_equal(d, "Ærø kommune");
	assert_string_equal(n, "Ær");
	assert_string_equal(region_strdup(a, ""), "");
	assert_string_equal(region_strndup(a, "abc", 0), "");
	region_free(a);
}

static void test_printf_formats_any_length(void **state)
{
	(void)state;
	struct region *a = region_new();
	assert_string_equal(region_printf(a, "%s/%d", "/areas", 42), "/areas/42");
	assert_string_equal(region_printf(a, "%s", ""), "");
	char big[40000];
	memset(big, 'q', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	char *p = region_printf(a, "[%s]", big);
	assert_int_equal(strlen(p), sizeof big + 1);
	assert_int_equal(p[0], '[');
	assert_int_equal(p[sizeof big], ']');
	region_free(a);
}

static void test_free_of_null_is_harmless(void **state)
{
	(void)state;
	region_free(NULL);
}

/* Runs fn in a child; returns the signal that ended it, or 0. */
static int child_signal(void (*fn)(void))
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* The child's abort message is expected; keep the TAP clean. */
		FILE *devnull = freopen("/dev/null", "w", stderr);
		(void)devnull;
		fn();
		_exit(0);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

static void alloc_past_limit(void)
{
	struct region *a = region_new();
	region_alloc(a, (size_t)300 << 20); /* 300 MiB > the 256 MiB limit */
}

static void calloc_overflowing(void)
{
	struct region *a = region_new();
	region_calloc(a, SIZE_MAX / 2, 4);
}

static void alloc_limit_reached_in_steps(void)
{
	struct region *a = region_new();
	for (int i = 0; i < 100; i++)
		region_alloc(a, (size_t)10 << 20); /* 10 MiB at a time */
}

static void test_limit_aborts_instead_of_allocating(void **state)
{
	(void)state;
	assert_int_equal(child_signal(alloc_past_limit), SIGABRT);
	assert_int_equal(child_signal(calloc_overflowing), SIGABRT);
	assert_int_equal(child_signal(alloc_limit_reached_in_steps), SIGABRT);
}

/* Sizes whose rounding up to the alignment wraps past SIZE_MAX to a
 * small number: each must abort, not hand out a few bytes. */
static size_t near_max;

static void alloc_near_size_max(void)
{
	struct region *a = region_new();
	region_alloc(a, near_max);
}

static void strndup_of_size_max(void)
{
	struct region *a = region_new();
	region_strndup(a, "x", SIZE_MAX); /* n + 1 wraps to 0 */
}

static void test_sizes_near_size_max_abort(void **state)
{
	(void)state;
	const size_t align = _Alignof(max_align_t);
	const size_t sizes[] = { SIZE_MAX, SIZE_MAX - 1, SIZE_MAX - align + 2, SIZE_MAX - align + 1,
				 SIZE_MAX - align, SIZE_MAX / 2 + 1 };
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		near_max = sizes[i];
		if (child_signal(alloc_near_size_max) != SIGABRT)
			fail_msg("region_alloc(SIZE_MAX - %zu) did not abort", SIZE_MAX - sizes[i]);
	}
	assert_int_equal(child_signal(strndup_of_size_max), SIGABRT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_allocations_are_aligned_for_any_type),
		cmocka_unit_test(test_allocations_do_not_overlap),
		cmocka_unit_test(test_large_block_keeps_small_allocations_in_current_chunk),
		cmocka_unit_test(test_used_counts_bytes_handed_out),
		cmocka_unit_test(test_calloc_is_zeroed),
		cmocka_unit_test(test_strings_are_copies),
		cmocka_unit_test(test_printf_formats_any_length),
		cmocka_unit_test(test_free_of_null_is_harmless),
		cmocka_unit_test(test_limit_aborts_instead_of_allocating),
		cmocka_unit_test(test_sizes_near_size_max_abort),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
