/*
 * programmedb.h: a guide programme in a modeldb database for the model
 * tests: Aarup, Assens and Glamsbjerg with their real centres (Aarup-
 * Assens 14 km, Aarup-Glamsbjerg 12 km), a programme with default
 * weights, a coordinator account, and guides and newcomers made with a
 * few arguments (the rest: evenings and weekends, football, no
 * preferences).
 */
#ifndef SAMSKAB_TESTS_PROGRAMMEDB_H
#define SAMSKAB_TESTS_PROGRAMMEDB_H

#include "model/newcomer.h"
#include "support/modeldb.h"

struct programmedb {
	struct modeldb *m;
	int64_t programme, aarup, assens, glamsbjerg, coordinator;
	struct newcomer_actor who; /* the coordinator, from 192.0.2.1 */
};

void programmedb_setup(struct modeldb *m, struct programmedb *f);
/* A guide with an account of that e-mail; languages as codes ("da ar"). */
int64_t programmedb_guide(struct programmedb *f, const char *email, const char *name,
			  int64_t area, const char *languages, int capacity);
/* A newcomer registered by the coordinator (consent by phone); born
 * YYYY-MM-DD. */
int64_t programmedb_newcomer(struct programmedb *f, const char *first_name, int64_t area,
			     const char *languages, const char *born);
/* Audit entries with this action and subject. */
int64_t programmedb_audits(struct programmedb *f, const char *action, const char *subject);

#endif
