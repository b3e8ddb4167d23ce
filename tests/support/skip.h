/*
 * skip.h: skipping a test and saying why, in the form scripts/check reads.
 *
 * test_skip prints "# SKIP <reason>" just before cmocka's own
 * "not ok N # SKIP <test>" line, and skips. A reason that starts with
 * "missing:" names data or a tool the test needs and did not find
 * ("missing: nginx (scripts/deps check installs it)"): scripts/check counts
 * such a skip as a failure under CI=true. Any other reason says why the
 * test does not apply to this run ("not applicable: PostgreSQL only; this
 * run is on SQLite"), or that it is optional ("optional: ..."); those
 * stay skips, listed with their reason.
 */
#ifndef SAMSKAB_TESTS_SKIP_H
#define SAMSKAB_TESTS_SKIP_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

void test_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
