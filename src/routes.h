/*
 * routes.h: the application's route table: every URL samskab answers,
 * its method and handler. One table, so the permission matrix, metrics
 * and documentation can all be checked against it.
 */
#ifndef SAMSKAB_ROUTES_H
#define SAMSKAB_ROUTES_H

#include <stddef.h>

#include "http/request.h"

extern const struct route app_routes[];
extern const size_t app_routes_count;

#endif
