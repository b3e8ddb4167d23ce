/*
 * export.c: an arena's data for its facilitators and the administrators
 * (model/export.h): /arenas/{id}/export lists the files; GET
 * /arenas/{id}/export/FILE streams one (arena.json, statements.csv,
 * votes.csv, activities.csv, proposals.csv, steps.csv) without personal
 * data; POST to the same
 * address streams it with personal data (signups.csv; arena.json with
 * the sign-ups), after writing the export to the audit log. The file is
 * made while it is sent, from a database connection of its own (one
 * snapshot), so the server never holds a whole export.
 */
#include <stdio.h>
#include <stdlib.h>

#include "core/mem.h"
#include "model/arena.h"
#include "model/audit.h"
#include "model/export.h"
#include "web/layout.h"
#include "web/web.h"
#include "web/widget.h"

/* What a streamed export owns: the export and its connection. */
struct export_stream {
	struct export *x;
	struct store *db;
};

static long stream_read(void *ctx, char *buf, size_t max)
{
	struct export_stream *s = ctx;
	return export_read(s->x, buf, max);
}

static void stream_free(void *ctx)
{
	struct export_stream *s = ctx;
	export_close(s->x);
	store_close(s->db);
	free(s);
}

static const struct {
	enum export_table table;
	enum export_format format;
	enum msg what;
} files[] = {
	{ EXPORT_ALL, EXPORT_JSON, MSG_EXPORT_ALL },
	{ EXPORT_STATEMENTS, EXPORT_CSV, MSG_EXPORT_STATEMENTS },
	{ EXPORT_VOTES, EXPORT_CSV, MSG_EXPORT_VOTES },
	{ EXPORT_ACTIVITIES, EXPORT_CSV, MSG_EXPORT_ACTIVITIES },
	{ EXPORT_PROPOSALS, EXPORT_CSV, MSG_EXPORT_PROPOSALS },
	{ EXPORT_STEPS, EXPORT_CSV, MSG_EXPORT_STEPS },
};

/* GET /arenas/{id}/export: 200 (facilitators of the arena,
 * administrators); 404. */
int web_arena_export(struct req *r)
{
	struct arena a;
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	struct html h = web_html(r);
	const char *title = region_printf(r->region, "%s: %s", msg_get(r->lang, MSG_EXPORT_TITLE), a.title);
	layout_begin(&h, r, title, NAV_ARENAS);
	HTMLF(&h, "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/arenas\">%s</a> › "
		  "<a href=\"/arenas/%lld\">%s</a></nav>\n<h1>",
	      msg_get(r->lang, MSG_NAV_BREADCRUMBS), msg_get(r->lang, MSG_ARENAS_TITLE), (long long)a.id, a.title);
	html_msg(&h, MSG_EXPORT_TITLE);
	HTML(&h, "</h1>\n<p class=\"lead\">");
	html_msg(&h, MSG_EXPORT_INTRO);
	HTML(&h, "</p>\n<ul class=\"rows\">");
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		const char *name = export_file_name(files[i].table, files[i].format, 1);
		HTMLF(&h, "<li><a href=\"/arenas/%lld/export/%s\" download>%s</a><br><span class=\"meta\">",
		      (long long)a.id, name, name);
		html_msg(&h, files[i].what);
		HTML(&h, "</span></li>");
	}
	HTML(&h, "</ul>\n<section aria-labelledby=\"personal\"><h2 id=\"personal\">");
	html_msg(&h, MSG_EXPORT_PERSONAL_TITLE);
	HTML(&h, "</h2><p>");
	html_msg(&h, MSG_EXPORT_PERSONAL_INTRO);
	HTML(&h, "</p>");
	static const enum export_table personal[] = { EXPORT_SIGNUPS, EXPORT_ALL };
	for (size_t i = 0; i < sizeof personal / sizeof personal[0]; i++) {
		enum export_format f = personal[i] == EXPORT_ALL ? EXPORT_JSON : EXPORT_CSV;
		const char *name = export_file_name(personal[i], f, 1);
		widget_form_begin(&h, r, region_printf(r->region, "/arenas/%lld/export/%s", (long long)a.id, name));
		HTML(&h, "<div class=\"actions\"><button type=\"submit\" class=\"secondary\">");
		const char *args[] = { name };
		html_msgv(&h, MSG_EXPORT_PERSONAL_BUTTON, args, 1);
		HTML(&h, "</button></div></form>\n");
	}
	HTML(&h, "</section>\n");
	layout_end(&h, r);
	return 200;
}

/* The audit log's line for a personal export of arena arg, by web_tx. */
static enum model_rc audit_tx(struct req *r, void *arg)
{
	const struct arena *a = arg;
	const struct audit_event e = { AUDIT_PERSONAL_EXPORTED, r->user_id, 0, AUDIT_ON_ARENA, a->id, r->rest,
				       r->client };
	return audit_record(r->db, &e);
}

/* The file named by the path's rest, streamed; personal on POST. */
static int send_file(struct req *r, int personal)
{
	enum export_table t;
	enum export_format f;
	if (export_parse_file(r->rest, 1, &t, &f) != 0 || (export_personal(t) && !personal))
		return req_fail(r, 404, MSG_ERROR_NOT_FOUND);
	struct arena a;
	enum model_rc rc = arena_get(r->db, r->region, r->params[0], &a);
	if (rc != MODEL_OK)
		return req_status(r, model_status(rc));
	/* Who took personal data out, and which, before it goes. */
	if (personal && (rc = web_tx(r, audit_tx, &a)) != MODEL_OK)
		return req_status(r, model_status(rc));
	char err[256];
	struct store *db = store_pool_open(r->pool, 1, err, sizeof err);
	if (db == NULL)
		return req_status(r, model_status(MODEL_UNAVAILABLE));
	struct export *x;
	rc = export_open(db, a.id, t, f, personal, &x);
	if (rc != MODEL_OK) {
		store_close(db);
		return req_status(r, model_status(rc));
	}
	struct export_stream *s = mem_calloc(1, sizeof *s);
	s->x = x;
	s->db = db;
	r->stream = stream_read;
	r->stream_free = stream_free;
	r->stream_ctx = s;
	r->content_type = f == EXPORT_CSV ? "text/csv; charset=utf-8; header=present" : "application/json; charset=utf-8";
	req_set_header(r, "Content-Disposition",
		       region_printf(r->region, "attachment; filename=\"arena-%lld-%s%s\"", (long long)a.id,
				     personal ? "personal-" : "", r->rest));
	req_set_header(r, "Cache-Control", "no-store");
	return 200;
}

/* GET /arenas/{id}/export/FILE: 200 the file, streamed; 404 no such
 * arena or file (signups.csv only by POST). */
int web_arena_export_file(struct req *r)
{
	return send_file(r, r->method == HTTP_POST);
}
