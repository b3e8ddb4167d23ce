/*
 * asset.h: static files compiled into the binary (assets/), served under
 * content-hash names (/assets/style.3fa29c01d2e4b6a8.css) so they can be
 * cached forever: a changed file gets a new name.
 */
#ifndef SAMSKAB_HTTP_ASSET_H
#define SAMSKAB_HTTP_ASSET_H

#include "http/request.h"

/* The URL of an asset by its file name, e.g. asset_url("style.css");
 * NULL if there is no such asset. */
const char *asset_url(const char *name);
/* GET /assets/ *: 200 with the file, 304 if the client has it, 404. */
int asset_handler(struct req *r);

#endif
