/*
 * tx.c: the write transaction of a page (see web.h). Pages never begin,
 * commit or roll back themselves: what a POST writes runs inside web_tx,
 * whose end follows from the result, so no return path can leave a
 * transaction open or commit half of a change. web_logged is the same
 * for a page that only reads, but whose reads must be logged (special-
 * category personal data): the reads and their log entries are stored
 * together, or the page is not shown.
 */
#include "web/web.h"

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

enum model_rc web_logged(struct req *r, web_tx_fn fn, void *arg)
{
	if (r->primary == NULL)
		return MODEL_UNAVAILABLE;
	/* A page's reads run in a read-only snapshot (http/server.c): end it,
	 * for the log must be written, on the primary. */
	if (r->db && store_in_transaction(r->db))
		store_rollback(r->db);
	struct store *was = r->db;
	r->db = r->primary;
	enum model_rc rc = web_tx(r, fn, arg);
	r->db = was;
	return rc;
}
