/*
 * query.c: typed query values and paging links (see query.h).
 */
#include "web/query.h"

#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

int query_int(struct req *r, const char *key, int64_t def, int64_t min, int64_t max, int64_t *out)
{
	const char *v = req_query(r, key);
	*out = def;
	if (v == NULL || *v == '\0')
		return 0;
	char *end;
	errno = 0;
	long long x = strtoll(v, &end, 10);
	if (errno || *end || x < min || x > max || !(v[0] >= '0' && v[0] <= '9')) {
		r->error = MSG_ERROR_BAD_NUMBER;
		r->error_detail = key;
		return -1;
	}
	*out = x;
	return 0;
}

const char *query_local_path(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' || strpbrk(next, "\\\r\n\t"))
		return "/";
	return next;
}

void query_page_url(struct buf *out, struct req *r, int64_t n)
{
	buf_puts(out, r->path);
	buf_putc(out, '?');
	for (size_t i = 0; i < r->query.n; i++) {
		if (strcmp(r->query.items[i].key, "page") == 0)
			continue;
		form_encode(out, r->query.items[i].key);
		buf_putc(out, '=');
		form_encode(out, r->query.items[i].value);
		buf_putc(out, '&');
	}
	buf_printf(out, "page=%lld", (long long)n);
}

static void page_link(struct html *h, struct req *r, int64_t n)
{
	struct buf url = BUF_INIT(8192);
	query_page_url(&url, r, n);
	html_text(h, buf_str(&url));
	buf_free(&url);
}

void paging_nav(struct html *h, struct req *r, const struct paging *p)
{
	int64_t pages = paging_pages(p);
	if (pages <= 1)
		return;
	HTML(h, "<nav class=\"paging\" aria-label=\"");
	html_msg(h, MSG_PAGING_LABEL);
	HTML(h, "\"><ul>");
	if (p->page > 1) {
		HTML(h, "<li><a rel=\"prev\" href=\"");
		page_link(h, r, p->page - 1);
		HTML(h, "\">");
		html_msg(h, MSG_PAGING_PREVIOUS);
		HTML(h, "</a></li>");
	}
	char cur[24], total[24];
	snprintf(cur, sizeof cur, "%lld", (long long)p->page);
	snprintf(total, sizeof total, "%lld", (long long)pages);
	const char *args[] = { cur, total };
	HTML(h, "<li aria-current=\"page\">");
	html_msgv(h, MSG_PAGING_PAGE_OF, args, 2);
	HTML(h, "</li>");
	if (p->page < pages) {
		HTML(h, "<li><a rel=\"next\" href=\"");
		page_link(h, r, p->page + 1);
		HTML(h, "\">");
		html_msg(h, MSG_PAGING_NEXT);
		HTML(h, "</a></li>");
	}
	HTML(h, "</ul></nav>\n");
}
