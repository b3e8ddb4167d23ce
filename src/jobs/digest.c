/*
 * digest.c: notifications out by mail (see digest.h).
 */
#include "jobs/digest.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/datetext.h"
#include "core/log.h"
#include "core/monotime.h"
#include "core/utf8.h"
#include "model/account.h"
#include "model/notify.h"
#include "model/outbox.h"

#define MAIL_MAX ((size_t)1 << 20) /* a digest longer than this is cut (and says so) */

static void put_plain(void *ctx, const char *s, size_t n, int is_arg)
{
	(void)is_arg;
	buf_put(ctx, s, n);
}

static void text(struct buf *b, const struct lang *l, enum msg m, const char *const *args, int nargs)
{
	msg_expand(l, m, args, nargs, put_plain, b);
}

/* One line telling of n: its words, with its time. */
static void line_of(struct buf *b, const struct lang *l, const struct notification *n)
{
	struct buf when = BUF_INIT(256);
	if (n->at)
		datetext_datetime(&when, l, n->at);
	const char *args[] = { n->title, n->detail ? n->detail : "", buf_str(&when) };
	text(b, l, notify_line(n), args, 3);
	buf_free(&when);
}

/* The one-click unsubscribe address of scope (a kind's code or "all"). */
static int unsubscribe_url(struct store *db, const struct digest_config *cfg, int64_t account_id,
			   const char *scope, struct buf *out)
{
	char sig[SECRET_SIGNATURE_LEN + 1];
	if (notify_unsubscribe_sign(db, account_id, scope, sig) != MODEL_OK)
		return -1;
	buf_printf(out, "%s/unsubscribe?u=%lld&s=%s&t=%s", cfg->base_url, (long long)account_id, scope, sig);
	return 0;
}

/* The end of every such mail: where to see everything, where to choose,
 * how to stop; then the signature. */
static void footer(struct buf *b, const struct lang *l, const struct digest_config *cfg, enum msg stop,
		   const char *unsubscribe)
{
	char url[1024];
	buf_puts(b, "\n\n");
	snprintf(url, sizeof url, "%s/me/notifications", cfg->base_url);
	const char *args[] = { url };
	text(b, l, MSG_MAIL_NOTIFY_ALL, args, 1);
	buf_putc(b, '\n');
	snprintf(url, sizeof url, "%s/me/notifications/settings", cfg->base_url);
	text(b, l, MSG_MAIL_NOTIFY_SETTINGS, args, 1);
	buf_putc(b, '\n');
	args[0] = unsubscribe;
	text(b, l, stop, args, 1);
	buf_puts(b, "\n\n-- \n");
	args[0] = cfg->base_url;
	text(b, l, MSG_MAIL_SIGNATURE, args, 1);
	buf_putc(b, '\n');
}

static enum model_rc queue(struct store *db, const struct account *who, struct buf *subject, struct buf *body,
			   const char *unsubscribe, int64_t *id)
{
	if (subject->overflow || body->overflow)
		return MODEL_ERROR;
	return outbox_add_list(db, who->id, who->email, buf_str(subject), buf_str(body), unsubscribe, id);
}

/* A mail of its own for a notification chosen "at once". */
static enum model_rc mail_one(struct store *db, const struct digest_config *cfg, const struct lang *l,
			      const struct account *who, const struct notification *n, int64_t now)
{
	struct buf subject = BUF_INIT(1000), body = BUF_INIT(MAIL_MAX), stop = BUF_INIT(1024);
	enum model_rc rc = MODEL_ERROR;
	if (unsubscribe_url(db, cfg, who->id, notify_kind_code(n->kind), &stop) != 0)
		goto out;
	line_of(&subject, l, n);
	const char *args[] = { who->name };
	text(&body, l, MSG_MAIL_NOTIFY_HELLO, args, 1);
	buf_puts(&body, "\n\n");
	line_of(&body, l, n);
	buf_printf(&body, "\n%s%s", cfg->base_url, n->link);
	if (n->arena_title && *n->arena_title)
		buf_printf(&body, "\n(%s)", n->arena_title);
	footer(&body, l, cfg, MSG_MAIL_NOTIFY_STOP_KIND, buf_str(&stop));
	int64_t id = 0;
	rc = queue(db, who, &subject, &body, buf_str(&stop), &id);
	if (rc == MODEL_OK)
		rc = notify_mailed(db, n->id, id, now);
out:
	buf_free(&subject);
	buf_free(&body);
	buf_free(&stop);
	return rc;
}

/* An arena's title as a heading: underlined, character for character. */
static void heading(struct buf *b, const char *title)
{
	buf_printf(b, "\n\n%s\n", title);
	for (size_t i = utf8_length(title); i > 0; i--)
		buf_putc(b, '-');
}

/* The digest of items[first..n) that are not "at once" ones. */
static enum model_rc mail_digest(struct store *db, const struct digest_config *cfg, const struct lang *l,
				 const struct account *who, const struct notification *items, size_t n,
				 int64_t now)
{
	size_t count = 0, daily = 0;
	for (size_t i = 0; i < n; i++) {
		count += items[i].mail != MAIL_NOW;
		daily += items[i].mail == MAIL_DAILY;
	}
	if (count == 0)
		return MODEL_OK;
	struct buf subject = BUF_INIT(1000), body = BUF_INIT(MAIL_MAX), stop = BUF_INIT(1024);
	enum model_rc rc = MODEL_ERROR;
	if (unsubscribe_url(db, cfg, who->id, "all", &stop) != 0)
		goto out;
	char number[24];
	snprintf(number, sizeof number, "%zu", count);
	const char *args[] = { number };
	text(&subject, l, daily ? MSG_MAIL_DIGEST_SUBJECT_DAILY : MSG_MAIL_DIGEST_SUBJECT_WEEKLY, args, 1);
	args[0] = who->name;
	text(&body, l, MSG_MAIL_DIGEST_INTRO, args, 1);
	int64_t arena = -1;
	for (size_t i = 0; i < n; i++) {
		const struct notification *it = &items[i];
		if (it->mail == MAIL_NOW)
			continue;
		if (it->arena_id != arena) {
			arena = it->arena_id;
			heading(&body, arena ? it->arena_title : msg_get(l, MSG_MAIL_DIGEST_OTHER));
		}
		buf_puts(&body, "\n\n- ");
		line_of(&body, l, it);
		buf_printf(&body, "\n  %s%s", cfg->base_url, it->link);
		/* A digest never fails for being long: the rest is on the site. */
		if (body.len > MAIL_MAX - 64 * 1024) {
			buf_puts(&body, "\n\n...");
			break;
		}
	}
	footer(&body, l, cfg, MSG_MAIL_DIGEST_STOP, buf_str(&stop));
	int64_t id = 0;
	rc = queue(db, who, &subject, &body, buf_str(&stop), &id);
	if (rc == MODEL_OK)
		rc = notify_digest_mailed(db, who->id, id, now);
out:
	buf_free(&subject);
	buf_free(&body);
	buf_free(&stop);
	return rc;
}

/* Everything due for one account. */
static enum model_rc mail_account(struct store *db, struct region *a, const struct digest_config *cfg,
				  int64_t account_id, int64_t now, struct digest_stats *st)
{
	struct account who;
	enum model_rc rc = account_get(db, a, account_id, &who);
	if (rc == MODEL_NOT_FOUND)
		return MODEL_OK; /* deleted meanwhile: so are its notifications */
	struct notification *items = NULL;
	size_t n = 0;
	if (rc == MODEL_OK)
		rc = notify_due_of(db, a, account_id, now, &items, &n);
	if (rc != MODEL_OK)
		return rc;
	st->notifications += (int64_t)n;
	if (who.verified_at == 0) {
		for (size_t i = 0; rc == MODEL_OK && i < n; i++)
			rc = notify_mailed(db, items[i].id, 0, now);
		return rc;
	}
	const struct lang *l = i18n_find(who.lang);
	if (l == NULL)
		l = i18n_default();
	size_t digest = 0;
	for (size_t i = 0; rc == MODEL_OK && i < n; i++) {
		if (items[i].mail == MAIL_NOW) {
			rc = mail_one(db, cfg, l, &who, &items[i], now);
			st->mails++;
		} else {
			digest++;
		}
	}
	if (rc == MODEL_OK && digest) {
		rc = mail_digest(db, cfg, l, &who, items, n, now);
		st->mails++;
	}
	return rc;
}

int digest_run(struct store *db, const struct digest_config *cfg, int64_t now, struct digest_stats *out)
{
	memset(out, 0, sizeof *out);
	int64_t started = monotime_us(), after = 0;
	int batch = cfg->batch > 0 ? cfg->batch : DIGEST_BATCH_DEFAULT;
	for (;;) {
		if (store_begin(db) != STORE_OK)
			return STORE_UNAVAILABLE;
		struct region *a = region_new();
		int64_t *ids;
		size_t n = 0;
		enum model_rc rc = notify_due_accounts(db, a, now, after, batch, &ids, &n);
		for (size_t i = 0; rc == MODEL_OK && i < n; i++)
			rc = mail_account(db, a, cfg, ids[i], now, out);
		if (n)
			after = ids[n - 1];
		region_free(a);
		if (rc != MODEL_OK || n == 0) {
			store_rollback(db);
			return rc == MODEL_OK ? STORE_OK : rc == MODEL_UNAVAILABLE ? STORE_UNAVAILABLE : STORE_ERROR;
		}
		if (store_commit(db) != STORE_OK)
			return STORE_UNAVAILABLE;
		out->accounts += (int64_t)n;
		out->batches++;
		struct logline l;
		log_begin(&l, LOG_DEBUG, "notification mail batch written");
		log_int(&l, "accounts", (long long)n);
		log_int(&l, "last_account", after);
		log_end(&l);
		if (cfg->budget_ms > 0 && monotime_us() - started >= cfg->budget_ms * 1000)
			return STORE_OK;
	}
}
