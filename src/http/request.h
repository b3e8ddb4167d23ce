/*
 * request.h: one HTTP request as handlers see it, and what they may answer.
 * The HTTP layer fills the request (method, decoded path, path parameters,
 * query, form, cookies, language, this thread's database connection),
 * calls the route's handler, and sends what the handler left in the
 * response fields. All memory of a request comes from r->region and is
 * freed when the response has been sent.
 *
 * A handler returns the HTTP status. For a status >= 400 with an empty
 * body, the layer renders the error page in the user's language, with
 * r->error (a catalogue message) as its explanation when set.
 */
#ifndef SAMSKAB_HTTP_REQUEST_H
#define SAMSKAB_HTTP_REQUEST_H

#include <stdint.h>

#include "core/region.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "http/form.h"
#include "store/pool.h"
#include "store/store.h"

enum http_method {
	HTTP_GET,
	HTTP_HEAD,
	HTTP_POST,
	HTTP_PUT,
	HTTP_DELETE,
	HTTP_PATCH,
	HTTP_OPTIONS,
	HTTP_OTHER,
	HTTP__MAX
};

#define REQ_MAX_PARAMS 4
#define REQ_MAX_HEADERS 16

struct req;
typedef int (*http_handler)(struct req *r);

struct route {
	enum http_method method;
	const char *pattern; /* "/arenas/{id}": {x} is a positive integer; a
			      * trailing "*" matches the rest of the path */
	http_handler handler;
	unsigned flags;      /* ROUTE_ bits */
	int perm;            /* what the caller needs; checked by the guard */
	int scope_param;     /* which {x} names the perm's scope (default 0) */
};

/* The route needs no database (static assets, health of the process). */
#define ROUTE_NO_DB 1u
/* The handler runs even when the database cannot be reached (r->db NULL):
 * /healthz says so itself. */
#define ROUTE_DB_OPTIONAL 2u
/* A link from a mail acted on by a POST without a session (RFC 8058
 * one-click unsubscribe): the link's own signature is the credential, so
 * no CSRF token is asked, and the body (List-Unsubscribe=One-Click, which
 * mail systems may send as multipart/form-data) is not read. */
#define ROUTE_ONE_CLICK 8u
/* A read the server does not wrap in a snapshot: the handler mostly
 * answers from one query (a page kept per version) and begins its own
 * snapshot (store_begin_read, ended before it returns) where it reads
 * more. Two round trips fewer to PostgreSQL per request. */
#define ROUTE_OWN_SNAPSHOT 4u
/* For operators (/metrics): answered only to a request made on this
 * machine (a loopback address, not passed on by a proxy) or carrying the
 * configured operator token ("Authorization: Bearer TOKEN"); others get
 * 403. */
#define ROUTE_OPERATOR 32u

/* The form may carry files (multipart/form-data, up to the server's
 * max_upload bytes instead of max_body). */
#define ROUTE_UPLOAD 16u

/* A file sent with a multipart form. */
struct req_file {
	const char *field;    /* the form field's name */
	const char *filename; /* as the browser gave it (not trusted) */
	const char *type;     /* its media type, as claimed (not trusted) */
	const unsigned char *data;
	size_t size;
};

struct req {
	struct region *region;
	enum http_method method;
	const char *method_name;
	const char *target;  /* the raw request target, as sent */
	const char *path;    /* percent-decoded path, without the query */
	const char *rest;    /* what a trailing '*' in the pattern matched */
	int64_t params[REQ_MAX_PARAMS]; /* {x} values, in pattern order */
	int nparams;
	struct kvlist query, form, cookies;
	struct req_file *files; /* multipart forms of ROUTE_UPLOAD routes */
	size_t nfiles;
	const char *request_id;
	const char *client;  /* client address, text */
	int proxied;         /* the client address is a proxy's, shared by all
			      * behind it: the request came with forwarding
			      * headers from a loopback or private address
			      * and --trust-proxy is off. Limits per address
			      * do not apply (they would count everyone as one). */
	int local;           /* made on this machine: the connection comes
			      * from a loopback address and no proxy passed it
			      * on (no X-Forwarded-For, Forwarded, X-Real-IP) */
	const struct lang *lang;
	int lang_from_cookie;
	struct store *db;    /* NULL for ROUTE_NO_DB routes; may be a replica
			      * for GET and HEAD: writes go to primary */
	struct store *primary; /* the primary database connection */
	struct store_pool *pool; /* the primary's pool, for a connection of a
				  * stream's own (store_pool_open) */

	/* Who is asking; set by the application's guard before the handler. */
	int64_t user_id;     /* 0: not signed in */
	const char *user_name;
	unsigned user_roles; /* bit per global role */
	int user_verified;
	const char *session_token; /* the session cookie's value, when valid */
	const char *csrf;    /* the token this client's forms must carry */
	const struct route *route;
	void *conn;          /* the HTTP library's connection; for request.c */
	int64_t started_us;
	int64_t db_started_us; /* the thread's database time when the handler
				* was called, or -1 before */
	int metrics_recorded;

	/* Request body (urlencoded forms), bounded by the server's limit. */
	struct buf body;
	int early_status;    /* set while reading: answer this without a handler */
	int close;           /* close the connection after the response */
	enum msg too_large;  /* what a 413 says: the body's limit, or the upload's */

	/* The response. */
	int status;
	const char *content_type; /* default: text/html; charset=utf-8 */
	struct buf out;
	struct kv headers[REQ_MAX_HEADERS];
	int nheaders;
	/* A body made while it is sent, for bodies too large to hold (exports):
	 * with stream set (and a status below 400) out is not sent; the
	 * server calls stream(stream_ctx, buf, max) for the next bytes (their
	 * number; 0 at the end; -1 cuts the response short) and sends them
	 * chunked, uncompressed. stream_free(stream_ctx) runs once when the
	 * response is done with, whether it was sent or not. */
	long (*stream)(void *ctx, char *buf, size_t max);
	void (*stream_free)(void *ctx);
	void *stream_ctx;
	enum msg error;      /* explanation for an error page, or MSG__MAX */
	const char *error_detail; /* plain text added to it, or NULL */
	size_t bytes_sent;
};

/* A request header, or NULL. */
const char *req_header(struct req *r, const char *name);
const char *req_query(struct req *r, const char *key);
const char *req_form(struct req *r, const char *key);
const char *req_cookie(struct req *r, const char *key);
/* The file sent in field, or NULL when none was chosen (no bytes). */
const struct req_file *req_file(struct req *r, const char *field);
/* Adds a response header; name must be a literal. Copies value. */
void req_set_header(struct req *r, const char *name, const char *value);
/* Sets a 303 See Other to a local path and returns 303. Bytes that may
 * not stand in a header or URL (non-ASCII, controls, space, quotes...)
 * are percent-encoded. */
int req_redirect(struct req *r, const char *location);
/* Sets a cookie: HttpOnly, SameSite=Lax, Path=/; Secure when secure. */
void req_set_cookie(struct req *r, const char *name, const char *value, long max_age, int secure);
/* Returns status after setting r->error to m. */
int req_fail(struct req *r, int status, enum msg m);
/* Returns status, which the error page explains with the status's own
 * message (r->error cleared). A model result is answered with
 * req_status(r, model_status(rc)). */
int req_status(struct req *r, int status);

#endif
