/*
 * request.c: request accessors and response helpers (see request.h).
 */
#include "http/request.h"

#include <sys/socket.h>
#include <microhttpd.h>
#include <string.h>

const char *req_header(struct req *r, const char *name)
{
	if (r->conn == NULL)
		return NULL;
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *req_query(struct req *r, const char *key)
{
	return kv_get(&r->query, key);
}

const char *req_form(struct req *r, const char *key)
{
	return kv_get(&r->form, key);
}

const char *req_cookie(struct req *r, const char *key)
{
	return kv_get(&r->cookies, key);
}

const struct req_file *req_file(struct req *r, const char *field)
{
	for (size_t i = 0; i < r->nfiles; i++)
		if (strcmp(r->files[i].field, field) == 0 && r->files[i].size > 0)
			return &r->files[i];
	return NULL;
}

void req_set_header(struct req *r, const char *name, const char *value)
{
	for (int i = 0; i < r->nheaders; i++)
		if (strcmp(r->headers[i].key, name) == 0 && strcmp(name, "Set-Cookie") != 0) {
			r->headers[i].value = region_strdup(r->region, value);
			return;
		}
	if (r->nheaders == REQ_MAX_HEADERS)
		return;
	r->headers[r->nheaders].key = name;
	r->headers[r->nheaders].value = region_strdup(r->region, value);
	r->nheaders++;
}

int req_redirect(struct req *r, const char *location)
{
	/* A header carries ASCII: every other byte, and what may not stand
	 * in a URL (controls, space, quotes, angle brackets...), goes as %XX.
	 * '%' stays: the location may hold %-escapes already. */
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(location);
	char *out = region_alloc(r->region, 3 * n + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)location; *p; p++) {
		if (*p <= 0x20 || *p >= 0x7f || strchr("\"<>\\^`{|}", *p)) {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		} else {
			*o++ = (char)*p;
		}
	}
	*o = '\0';
	req_set_header(r, "Location", out);
	return 303;
}

void req_set_cookie(struct req *r, const char *name, const char *value, long max_age, int secure)
{
	req_set_header(r, "Set-Cookie",
		       region_printf(r->region, "%s=%s; Path=/; Max-Age=%ld; HttpOnly; SameSite=Lax%s",
				    name, value, max_age, secure ? "; Secure" : ""));
}

int req_fail(struct req *r, int status, enum msg m)
{
	r->error = m;
	return status;
}

int req_status(struct req *r, int status)
{
	r->error = MSG__MAX;
	return status;
}
