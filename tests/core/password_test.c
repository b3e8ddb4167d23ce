/*
 * password_test.c: Argon2id password hashing (src/core/password.c): a
 * hash verifies its password and no other, each hash is salted, the
 * "no such account" check never succeeds, and hashing from many threads
 * at once (a burst of sign-ins) works. Each hash takes about 75 ms, so
 * the cases hash as little as they can.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/password.h"
#include "core/secret.h"

static int setup(void **state)
{
	(void)state;
	return secret_init();
}

static void test_hash_verifies_only_its_password(void **state)
{
	(void)state;
	const char *pw = "korrekt hest batteri hæftestift";
	char h[PASSWORD_HASH_MAX];
	assert_int_equal(password_hash(pw, h), 0);
	/* Argon2id in libsodium's encoded form, never the password itself. */
	assert_true(strncmp(h, "$argon2id$", 10) == 0);
	assert_null(strstr(h, "hest"));
	assert_true(strlen(h) < PASSWORD_HASH_MAX);
	assert_int_equal(password_verify(h, pw), 1);
	static const char *const wrong[] = {
		"Korrekt hest batteri hæftestift",  /* case matters */
		"korrekt hest batteri haeftestift", /* no folding of æ */
	};
	for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++)
		if (password_verify(h, wrong[i]) != 0)
			fail_msg("\"%s\" was accepted", wrong[i]);
}

static void test_verify_without_hash_is_refused(void **state)
{
	(void)state;
	/* Used when there is no such account: always 0, even for the
	 * password behind the dummy hash. */
	assert_int_equal(password_verify(NULL, "anything at all"), 0);
	assert_int_equal(password_verify(NULL, "samskab-dummy-password"), 0);
	/* A damaged stored hash refuses instead of crashing. */
	assert_int_equal(password_verify("", "anything"), 0);
	assert_int_equal(password_verify("$argon2id$v=19$m=65536,t=2,p=1$broken", "anything"), 0);
}

static void test_two_hashes_of_one_password_differ(void **state)
{
	(void)state;
	char a[PASSWORD_HASH_MAX], b[PASSWORD_HASH_MAX];
	assert_int_equal(password_hash("samme adgangskode", a), 0);
	assert_int_equal(password_hash("samme adgangskode", b), 0);
	assert_string_not_equal(a, b); /* a fresh salt each time */
}

enum { THREADS = 8 };

struct job {
	char pw[32];
	char hash[PASSWORD_HASH_MAX];
	int rc;
};

static void *hash_one(void *arg)
{
	struct job *j = arg;
	j->rc = password_hash(j->pw, j->hash);
	return NULL;
}

static void test_many_threads_hash_at_once(void **state)
{
	(void)state;
	struct job jobs[THREADS];
	pthread_t threads[THREADS];
	for (int i = 0; i < THREADS; i++) {
		memset(&jobs[i], 0, sizeof jobs[i]);
		snprintf(jobs[i].pw, sizeof jobs[i].pw, "adgangskode nummer %d", i);
		jobs[i].rc = -2;
	}
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&threads[i], NULL, hash_one, &jobs[i]), 0);
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_join(threads[i], NULL), 0);
	for (int i = 0; i < THREADS; i++) {
		if (jobs[i].rc != 0)
			fail_msg("thread %d: password_hash returned %d", i, jobs[i].rc);
		for (int k = 0; k < i; k++)
			assert_string_not_equal(jobs[i].hash, jobs[k].hash);
	}
	/* The last thread's hash is of its own password (one check: 75 ms). */
	assert_int_equal(password_verify(jobs[THREADS - 1].hash, jobs[THREADS - 1].pw), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_verifies_only_its_password),
		cmocka_unit_test(test_verify_without_hash_is_refused),
		cmocka_unit_test(test_two_hashes_of_one_password_differ),
		cmocka_unit_test(test_many_threads_hash_at_once),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
