/*
 * pair.h: a job in two halves at once: the second half on a thread of
 * its own, the first on the caller's, then waiting for the second. With
 * threaded 0, or when no thread can be had, the halves run one after the
 * other on the caller's thread: the halves must not write what the other
 * reads, so the result is the same either way. (The machines samskab
 * runs on have two cores or more; a third part would wait.)
 */
#ifndef SAMSKAB_CORE_PAIR_H
#define SAMSKAB_CORE_PAIR_H

void pair_run(void *(*first)(void *), void *a, void *(*second)(void *), void *b, int threaded);

#endif
