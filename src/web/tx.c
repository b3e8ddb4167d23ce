/*
 * tx.c: the write transaction of a page (see web.h). Pages never begin,
 * commit or roll back themselves: what a POST writes runs inside web_tx,
 * whose end follows from the result, so no return path can leave a
 * transaction open or commit half of a change.
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
