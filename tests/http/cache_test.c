/*
 * cache_test.c: the cache of drawn page parts (src/http/cache.c): a part is
 * found again by its key only, appended to what the caller has; a part put
 * again under its key replaces the old; past the size limit the least
 * recently used parts go first; parts too large for it and keys too long
 * are not kept; the memory it says it takes (for /metrics) follows what it
 * keeps and stays near the limit; two threads using it at once find what
 * they put.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http/cache.h"

static void test_found_by_key(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(1 << 20);
	assert_int_equal(cache_get("opinion:1:v1:da", &b), 0);
	assert_int_equal(cache_bytes(), 0);
	cache_put("opinion:1:v1:da", "<p>Kort</p>", 11);
	cache_put("opinion:1:v1:en", "<p>Map</p>", 10);
	size_t two = cache_bytes();
	assert_true(two > 21 && two < 21 + 2 * 1024);
	buf_puts(&b, "before ");
	assert_int_equal(cache_get("opinion:1:v1:da", &b), 1);
	assert_string_equal(b.data, "before <p>Kort</p>");
	buf_reset(&b);
	assert_int_equal(cache_get("opinion:1:v2:da", &b), 0);
	cache_put("opinion:1:v1:en", "<p>Map!</p>", 11);
	assert_int_equal(cache_get("opinion:1:v1:en", &b), 1);
	assert_string_equal(b.data, "<p>Map!</p>");
	assert_int_equal(cache_bytes(), two + 1); /* replaced, not kept twice */
	buf_free(&b);
}

static void test_least_recently_used_go_first(void **state)
{
	(void)state;
	size_t part = CACHE_BYTES / 8;
	char *text = malloc(part);
	memset(text, 'x', part);
	struct buf b = BUF_INIT(CACHE_BYTES);
	char key[32];
	for (int i = 0; i < 8; i++) {
		snprintf(key, sizeof key, "big:%d", i);
		cache_put(key, text, part);
	}
	/* Using big:0 makes big:1 the least recently used. */
	assert_int_equal(cache_get("big:0", &b), 1);
	cache_put("big:8", text, part);
	/* Eight parts of an eighth: the limit, and a little for their keys. */
	assert_true(cache_bytes() > CACHE_BYTES && cache_bytes() < CACHE_BYTES + 8 * 1024);
	buf_reset(&b);
	assert_int_equal(cache_get("big:1", &b), 0);
	for (int i = 0; i < 9; i++) {
		snprintf(key, sizeof key, "big:%d", i);
		buf_reset(&b);
		assert_int_equal(cache_get(key, &b), i != 1);
		if (i != 1)
			assert_int_equal(b.len, part);
	}
	/* Too large, and a key too long: not kept. */
	cache_put("huge", text, part + 1);
	assert_int_equal(cache_get("huge", &b), 0);
	char long_key[CACHE_KEY + 1];
	memset(long_key, 'k', CACHE_KEY);
	long_key[CACHE_KEY] = '\0';
	cache_put(long_key, "x", 1);
	assert_int_equal(cache_get(long_key, &b), 0);
	buf_free(&b);
	free(text);
}

static void *use_a_lot(void *arg)
{
	int id = *(int *)arg, *found = calloc(1, sizeof *found);
	char key[32], text[32];
	struct buf b = BUF_INIT(1 << 16);
	for (int i = 0; i < 20000; i++) {
		snprintf(key, sizeof key, "t%d:%d", id, i % 100);
		snprintf(text, sizeof text, "%d-%d", id, i % 100);
		buf_reset(&b);
		if (cache_get(key, &b))
			*found += strcmp(b.data, text) == 0;
		else
			cache_put(key, text, strlen(text));
	}
	buf_free(&b);
	return found;
}

static void test_threads(void **state)
{
	(void)state;
	pthread_t th[2];
	int ids[2] = { 1, 2 };
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&th[i], NULL, use_a_lot, &ids[i]), 0);
	for (int i = 0; i < 2; i++) {
		void *found;
		pthread_join(th[i], &found);
		/* The first round of 100 misses; every later get finds its own. */
		assert_int_equal(*(int *)found, 20000 - 100);
		free(found);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_found_by_key),
		cmocka_unit_test(test_least_recently_used_go_first),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests_name("http/cache", tests, NULL, NULL);
}
