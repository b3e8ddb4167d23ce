/*
 * tx.c: the write transaction of a page (see web.h). Pages never begin,
 * commit or roll back themselves: what a POST writes runs inside web_tx,
 * whose end follows from the result, so no return path can leave a
 * transaction open or commit half of a change.
 */
#include "model/audit.h"
#include "web/web.h"

enum model_rc web_audit(struct req *r, const struct audit_event *e)
{
	/* The page's reads are done: its snapshot (perhaps on a replica)
	 * ends, and the entry goes to the primary in its own transaction. */
	if (r->db && store_in_transaction(r->db))
		store_rollback(r->db);
	if (r->primary == NULL)
		return MODEL_UNAVAILABLE;
	int src = store_begin(r->primary);
	if (src != STORE_OK)
		return model_from_store(r->primary, src, "begin");
	enum model_rc rc = audit_record(r->primary, e);
	if (rc != MODEL_OK) {
		store_rollback(r->primary);
		return rc;
	}
	src = store_commit(r->primary);
	return src == STORE_OK ? MODEL_OK : model_from_store(r->primary, src, "commit");
}

enum model_rc web_tx(struct req *r, web_tx_fn fn, void *arg)
{
	int src = store_begin(r->db);
	if (src != STORE_OK)
		return model_from_store(r->db, src, "begin");
	enum model_rc rc = fn(r, arg);
	if (rc != MODEL_OK) {
		store_rollback(r->db);
		return rc;
	}
	src = store_commit(r->db); /* rolls back itself when it fails */
	return src == STORE_OK ? MODEL_OK : model_from_store(r->db, src, "commit");
}
