/*
 * monotime.h: the monotonic clock, for measuring how long something took
 * (it does not jump when the wall clock is set).
 */
#ifndef SAMSKAB_CORE_MONOTIME_H
#define SAMSKAB_CORE_MONOTIME_H

#include <stdint.h>

/* Microseconds since an arbitrary fixed point. */
int64_t monotime_us(void);

#endif
