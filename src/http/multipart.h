/*
 * multipart.h: multipart/form-data, the encoding of forms with a file
 * input, for routes that take uploads (ROUTE_UPLOAD). The body is read
 * whole first (bounded by the server's max_upload), then parsed here.
 */
#ifndef SAMSKAB_HTTP_MULTIPART_H
#define SAMSKAB_HTTP_MULTIPART_H

#include "http/form.h"
#include "http/request.h"

/* 1 if a Content-Type names multipart/form-data. */
int multipart_is(const char *content_type);
/* Fills r->form with the text fields (checked as urlencoded ones are)
 * and r->files with the files, from r->body. */
enum form_err multipart_parse(struct req *r, const struct form_limits *lim);

#endif
