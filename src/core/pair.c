/*
 * pair.c: a job in two halves at once (see pair.h).
 */
#include "core/pair.h"

#include <pthread.h>

void pair_run(void *(*first)(void *), void *a, void *(*second)(void *), void *b, int threaded)
{
	pthread_t th;
	threaded = threaded && pthread_create(&th, NULL, second, b) == 0;
	first(a);
	if (threaded)
		pthread_join(th, NULL);
	else
		second(b);
}
