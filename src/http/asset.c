/*
 * asset.c: serving the embedded static files (see asset.h).
 */
#include "http/asset.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/embed.h"

#define ASSET_MAX 64

struct asset {
	const struct embed_file *file;
	char url[128];  /* /assets/name.hash.ext */
	char etag[24];  /* "hash" */
	const char *content_type;
};

static struct asset assets[ASSET_MAX];
static size_t nassets;
static pthread_once_t assets_once = PTHREAD_ONCE_INIT;

static const struct {
	const char *ext, *type;
} content_types[] = {
	{ ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
	{ ".woff2", "font/woff2" },
	{ ".txt", "text/plain; charset=utf-8" },
};

static void assets_load(void)
{
	for (size_t i = 0; i < embed_asset_count && nassets < ASSET_MAX; i++) {
		const struct embed_file *f = &embed_asset[i];
		struct asset *a = &assets[nassets++];
		const char *dot = strrchr(f->name, '.');
		size_t stem = dot ? (size_t)(dot - f->name) : strlen(f->name);
		a->file = f;
		/* 12 hex digits of the hash keep URLs short and are plenty. */
		snprintf(a->url, sizeof a->url, "/assets/%.*s.%.12s%s", (int)stem, f->name, f->hash,
			 dot ? dot : "");
		snprintf(a->etag, sizeof a->etag, "\"%.16s\"", f->hash);
		a->content_type = "application/octet-stream";
		for (size_t t = 0; dot && t < sizeof content_types / sizeof content_types[0]; t++)
			if (strcmp(dot, content_types[t].ext) == 0)
				a->content_type = content_types[t].type;
	}
}

const char *asset_url(const char *name)
{
	pthread_once(&assets_once, assets_load);
	for (size_t i = 0; i < nassets; i++)
		if (strcmp(assets[i].file->name, name) == 0)
			return assets[i].url;
	return NULL;
}

int asset_handler(struct req *r)
{
	pthread_once(&assets_once, assets_load);
	for (size_t i = 0; i < nassets; i++) {
		const struct asset *a = &assets[i];
		if (strcmp(a->url + sizeof "/assets/" - 1, r->rest) != 0)
			continue;
		req_set_header(r, "ETag", a->etag);
		req_set_header(r, "Cache-Control", "public, max-age=31536000, immutable");
		r->content_type = a->content_type;
		const char *inm = req_header(r, "If-None-Match");
		if (inm && strstr(inm, a->etag))
			return 304;
		buf_put(&r->out, a->file->data, a->file->size);
		return 200;
	}
	return 404;
}
