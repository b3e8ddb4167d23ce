/*
 * password.c: Argon2id hashing with bounded concurrency (see password.h).
 */
#include "core/password.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t freed = PTHREAD_COND_INITIALIZER;
static int running;

static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy[crypto_pwhash_STRBYTES];

static void slot_take(void)
{
	pthread_mutex_lock(&lock);
	while (running >= PASSWORD_CONCURRENCY)
		pthread_cond_wait(&freed, &lock);
	running++;
	pthread_mutex_unlock(&lock);
}

static void slot_give(void)
{
	pthread_mutex_lock(&lock);
	running--;
	pthread_cond_signal(&freed);
	pthread_mutex_unlock(&lock);
}

int password_hash(const char *pw, char out[PASSWORD_HASH_MAX])
{
	_Static_assert(crypto_pwhash_STRBYTES <= PASSWORD_HASH_MAX, "hash buffer too small");
	slot_take();
	int rc = crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				   crypto_pwhash_MEMLIMIT_INTERACTIVE);
	slot_give();
	return rc == 0 ? 0 : -1;
}

static void make_dummy(void)
{
	/* Out of memory here leaves the dummy empty: verification then fails
	 * fast, which only weakens the timing cover, never access. */
	if (crypto_pwhash_str(dummy, "samskab-dummy-password", 22, crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		dummy[0] = '\0';
}

int password_verify(const char *hash, const char *pw)
{
	if (hash == NULL) {
		pthread_once(&dummy_once, make_dummy);
		hash = dummy;
	}
	slot_take();
	int ok = crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
	slot_give();
	return hash == dummy ? 0 : ok;
}
