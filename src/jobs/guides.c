/*
 * guides.c: follow-up reminders and the retention purge of the guide
 * programme (see guides.h).
 */
#include "jobs/guides.h"

#include <stdio.h>

#include "core/log.h"
#include "model/account.h"
#include "model/newcomer.h"
#include "model/outbox.h"
#include "model/pairing.h"
#include "model/role.h"

/* The coordinators of a programme: its own and the global ones. */
static enum model_rc coordinators(struct store *db, struct region *a, int64_t programme_id,
				  struct role_grant **items, size_t *n)
{
	struct role_grant *own, *global;
	size_t nown = 0, nglobal = 0;
	enum model_rc rc = role_holders(db, a, ROLE_COORDINATOR, SCOPE_PROGRAMME, programme_id, &own,
					&nown);
	if (rc == MODEL_OK)
		rc = role_holders(db, a, ROLE_COORDINATOR, SCOPE_GLOBAL, 0, &global, &nglobal);
	if (rc != MODEL_OK)
		return rc;
	struct role_grant *all = region_calloc(a, nown + nglobal + 1, sizeof *all);
	size_t k = 0;
	for (size_t i = 0; i < nown; i++)
		all[k++] = own[i];
	for (size_t i = 0; i < nglobal; i++) {
		int seen = 0;
		for (size_t j = 0; j < nown; j++)
			seen |= own[j].account_id == global[i].account_id;
		if (!seen)
			all[k++] = global[i];
	}
	*items = all;
	*n = k;
	return MODEL_OK;
}

/* Mails the coordinators of one due follow-up and marks it reminded; in
 * the caller's transaction. *sent: whether anyone was told. */
static enum model_rc remind_one(struct store *db, struct region *a, const struct guides_config *cfg,
				const struct pairing_due *d, int64_t now, int *sent)
{
	struct role_grant *who;
	size_t n = 0;
	*sent = 0;
	enum model_rc rc = coordinators(db, a, d->programme_id, &who, &n);
	if (rc != MODEL_OK || n == 0)
		return rc;
	char link[600];
	snprintf(link, sizeof link, "%s/programmes/%lld/matches/%lld", cfg->base_url,
		 (long long)d->programme_id, (long long)d->match_id);
	for (size_t i = 0; rc == MODEL_OK && i < n; i++) {
		struct account acc;
		rc = account_get(db, a, who[i].account_id, &acc);
		if (rc != MODEL_OK)
			break;
		const struct lang *l = i18n_find(acc.lang);
		const char *step = msg_get(l ? l : i18n_default(), followup_step_msg(d->step));
		const char *args[] = { acc.name, d->programme_name, step, link };
		rc = outbox_compose(db, acc.id, acc.email, acc.lang, MSG_MAIL_FOLLOWUP_SUBJECT,
				    MSG_MAIL_FOLLOWUP_BODY, args, 4, cfg->base_url);
	}
	if (rc == MODEL_OK)
		rc = pairing_followup_reminded(db, d->match_id, d->step, now);
	*sent = rc == MODEL_OK;
	return rc;
}

int guides_remind(struct store *db, const struct guides_config *cfg, int64_t now, int *reminded)
{
	*reminded = 0;
	struct region *a = region_new();
	struct pairing_due *due;
	size_t n = 0;
	enum model_rc rc = pairing_followups_due(db, a, now, &due, &n);
	for (size_t i = 0; rc == MODEL_OK && i < n; i++) {
		if (store_begin(db) != STORE_OK) {
			rc = MODEL_UNAVAILABLE;
			break;
		}
		int sent = 0;
		rc = remind_one(db, a, cfg, &due[i], now, &sent);
		if (rc == MODEL_OK && store_commit(db) != STORE_OK)
			rc = MODEL_UNAVAILABLE;
		if (rc != MODEL_OK)
			store_rollback(db);
		*reminded += sent;
	}
	region_free(a);
	return rc == MODEL_OK ? STORE_OK : rc == MODEL_UNAVAILABLE ? STORE_UNAVAILABLE : STORE_ERROR;
}

int guides_purge(struct store *db, const struct guides_config *cfg, int64_t now, int64_t *deleted)
{
	*deleted = 0;
	if (store_begin(db) != STORE_OK)
		return STORE_UNAVAILABLE;
	enum model_rc rc = newcomer_purge(db, now, cfg->retention_s, deleted);
	if (rc == MODEL_OK && store_commit(db) != STORE_OK)
		rc = MODEL_UNAVAILABLE;
	if (rc != MODEL_OK) {
		store_rollback(db);
		*deleted = 0;
		return rc == MODEL_UNAVAILABLE ? STORE_UNAVAILABLE : STORE_ERROR;
	}
	if (*deleted) {
		struct logline l;
		log_begin(&l, LOG_INFO, "newcomer data deleted after the retention time");
		log_int(&l, "newcomers", *deleted);
		log_end(&l);
	}
	return STORE_OK;
}
