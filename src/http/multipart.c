/*
 * multipart.c: multipart/form-data bodies (forms with files), parsed by
 * libmicrohttpd's post processor from the body server.c has read (see
 * multipart.h). Text fields get the checks urlencoded ones get (UTF-8,
 * no control characters, limits); files are kept as sent, for whoever
 * asked for them to check (image/ decodes images anew).
 */
#include "http/multipart.h"

#include <sys/socket.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mem.h"

struct part {
	char *key, *filename, *type;
	struct buf data;
};

struct parse {
	const struct form_limits *lim;
	size_t max_file;
	struct part *parts;
	size_t n;
	enum form_err err;
};

static enum MHD_Result on_data(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
			       const char *content_type, const char *transfer_encoding, const char *data,
			       uint64_t off, size_t size)
{
	struct parse *p = cls;
	(void)kind;
	(void)transfer_encoding;
	/* A new part starts at offset 0; later chunks of it continue it. */
	struct part *cur = p->n ? &p->parts[p->n - 1] : NULL;
	if (off == 0 || cur == NULL || strcmp(cur->key, key ? key : "") != 0) {
		if (p->n == p->lim->max_fields) {
			p->err = FORM_TOO_MANY;
			return MHD_NO;
		}
		cur = &p->parts[p->n++];
		cur->key = mem_strdup(key ? key : "");
		cur->filename = filename ? mem_strdup(filename) : NULL;
		cur->type = content_type ? mem_strdup(content_type) : NULL;
		buf_init(&cur->data, filename ? p->max_file : p->lim->max_value);
		if (strlen(cur->key) > p->lim->max_key) {
			p->err = FORM_TOO_LONG;
			return MHD_NO;
		}
	}
	if (size && buf_put(&cur->data, data, size) != 0) {
		p->err = FORM_TOO_LONG;
		return MHD_NO;
	}
	return MHD_YES;
}

static void parts_free(struct parse *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->parts[i].key);
		free(p->parts[i].filename);
		free(p->parts[i].type);
		buf_free(&p->parts[i].data);
	}
	free(p->parts);
}

int multipart_is(const char *ctype)
{
	return ctype && strncasecmp(ctype, "multipart/form-data", 19) == 0 &&
	       (ctype[19] == ';' || ctype[19] == ' ' || ctype[19] == '\0');
}

enum form_err multipart_parse(struct req *r, const struct form_limits *lim)
{
	struct parse p = { lim, r->body.max, mem_calloc(lim->max_fields + 1, sizeof *p.parts), 0, FORM_OK };
	struct MHD_PostProcessor *pp = MHD_create_post_processor(r->conn, 4096, on_data, &p);
	enum form_err err = FORM_BAD_ENCODING;
	if (pp == NULL)
		goto out;
	enum MHD_Result ok = MHD_post_process(pp, buf_str(&r->body), r->body.len);
	/* Destroying it flushes the last part; MHD_NO: the body ended early. */
	enum MHD_Result done = MHD_destroy_post_processor(pp);
	if (p.err != FORM_OK) {
		err = p.err;
		goto out;
	}
	if (ok != MHD_YES || done != MHD_YES)
		goto out;
	r->form.items = region_calloc(r->region, p.n + 1, sizeof *r->form.items);
	r->files = region_calloc(r->region, p.n + 1, sizeof *r->files);
	for (size_t i = 0; i < p.n; i++) {
		struct part *x = &p.parts[i];
		char *key;
		if ((err = form_clean(region_strdup(r->region, x->key), strlen(x->key), 0, &key)) != FORM_OK)
			goto out;
		if (x->filename) {
			struct req_file *f = &r->files[r->nfiles++];
			f->field = key;
			f->filename = region_strdup(r->region, x->filename);
			f->type = x->type ? region_strdup(r->region, x->type) : "";
			unsigned char *bytes = region_alloc(r->region, x->data.len + 1);
			memcpy(bytes, buf_str(&x->data), x->data.len);
			f->data = bytes;
			f->size = x->data.len;
			continue;
		}
		char *value = region_alloc(r->region, x->data.len + 1);
		memcpy(value, buf_str(&x->data), x->data.len);
		value[x->data.len] = '\0';
		if ((err = form_clean(value, x->data.len, 1, &value)) != FORM_OK)
			goto out;
		r->form.items[r->form.n].key = key;
		r->form.items[r->form.n].value = value;
		r->form.n++;
	}
	err = FORM_OK;
out:
	parts_free(&p);
	return err;
}
