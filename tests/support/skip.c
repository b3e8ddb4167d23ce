/*
 * skip.c: skipping a test with its reason (see skip.h).
 */
#include "support/skip.h"

#include <stdio.h>
#include <string.h>

void test_skip(const char *fmt, ...)
{
	char why[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	why[strcspn(why, "\n")] = '\0'; /* one TAP comment line */
	print_message("# SKIP %s\n", why);
	skip();
}
