/*
 * idmap_test.c: the id -> index map (src/core/idmap.c): what was put is
 * got back through many growths, ids never put are missing, putting again
 * replaces, and ids that collide in the hash (multiples of a large power
 * of two, negative ids, the extremes) are kept apart.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/idmap.h"

static void test_empty_map_has_nothing(void **state)
{
	(void)state;
	struct idmap *m = idmap_new();
	assert_int_equal(idmap_count(m), 0);
	assert_int_equal(idmap_get(m, 0), IDMAP_NONE);
	assert_int_equal(idmap_get(m, -1), IDMAP_NONE);
	idmap_free(m);
	idmap_free(NULL);
}

static void test_many_ids_survive_growth(void **state)
{
	(void)state;
	struct idmap *m = idmap_new();
	enum { N = 100000 };
	for (uint32_t i = 0; i < N; i++)
		idmap_put(m, (int64_t)i * 7 + 3, i);
	assert_int_equal(idmap_count(m), N);
	for (uint32_t i = 0; i < N; i++) {
		if (idmap_get(m, (int64_t)i * 7 + 3) != i)
			fail_msg("id %lld lost", (long long)i * 7 + 3);
		if (idmap_get(m, (int64_t)i * 7 + 4) != IDMAP_NONE)
			fail_msg("id %lld was never put", (long long)i * 7 + 4);
	}
	idmap_free(m);
}

static void test_put_again_replaces(void **state)
{
	(void)state;
	struct idmap *m = idmap_new();
	idmap_put(m, 42, 1);
	idmap_put(m, 42, 9);
	assert_int_equal(idmap_count(m), 1);
	assert_int_equal(idmap_get(m, 42), 9);
	idmap_free(m);
}

static void test_colliding_and_extreme_ids_are_kept_apart(void **state)
{
	(void)state;
	struct idmap *m = idmap_new();
	const int64_t ids[] = { 0, -1, INT64_MIN, INT64_MAX, (int64_t)1 << 40, (int64_t)2 << 40,
				(int64_t)3 << 40, -((int64_t)1 << 40), 1 };
	const size_t n = sizeof ids / sizeof ids[0];
	for (size_t i = 0; i < n; i++)
		idmap_put(m, ids[i], (uint32_t)i);
	assert_int_equal(idmap_count(m), n);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(idmap_get(m, ids[i]), i);
	assert_int_equal(idmap_get(m, (int64_t)4 << 40), IDMAP_NONE);
	idmap_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_map_has_nothing),
		cmocka_unit_test(test_many_ids_survive_growth),
		cmocka_unit_test(test_put_again_replaces),
		cmocka_unit_test(test_colliding_and_extreme_ids_are_kept_apart),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
