/*
 * mailer.c: SMTP delivery of the outbox (see mailer.h).
 */
#include "jobs/mailer.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/region.h"
#include "core/buf.h"
#include "core/log.h"
#include "model/outbox.h"

#define MAILER_BATCH 50

struct payload {
	const char *data;
	size_t len, pos;
};

static size_t read_payload(char *out, size_t size, size_t n, void *arg)
{
	struct payload *p = arg;
	size_t room = size * n, left = p->len - p->pos;
	size_t k = left < room ? left : room;
	memcpy(out, p->data + p->pos, k);
	p->pos += k;
	return k;
}

/* An RFC 2047 encoded word for a UTF-8 subject. */
static void encode_subject(struct buf *out, const char *s)
{
	size_t n = strlen(s);
	char b64[4096];
	if (sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL) > sizeof b64)
		n = 2000;
	sodium_bin2base64(b64, sizeof b64, (const unsigned char *)s, n, sodium_base64_VARIANT_ORIGINAL);
	buf_printf(out, "Subject: =?UTF-8?B?%s?=\r\n", b64);
}

/* The whole message: headers, a blank line, the body with CRLF endings. */
static void compose(struct buf *out, const struct mailer_config *cfg, const struct outbox_mail *m)
{
	char date[64];
	time_t now = (time_t)model_now();
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	const char *domain = strchr(cfg->from, '@');
	buf_printf(out, "Date: %s\r\nFrom: <%s>\r\nTo: <%s>\r\nMessage-ID: <outbox-%lld-%lld%s>\r\n", date,
		   cfg->from, m->recipient, (long long)m->id, (long long)m->created_at,
		   domain ? domain : "@samskab.invalid");
	encode_subject(out, m->subject);
	/* One click unsubscribes (RFC 8058): the receiving mail system POSTs
	 * List-Unsubscribe=One-Click to the address. */
	if (m->unsubscribe && *m->unsubscribe)
		buf_printf(out, "List-Unsubscribe: <%s>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n",
			   m->unsubscribe);
	buf_puts(out, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
		      "Content-Transfer-Encoding: 8bit\r\nAuto-Submitted: auto-generated\r\n\r\n");
	for (const char *p = m->body; *p; p++) {
		if (*p == '\n')
			buf_putc(out, '\r');
		buf_putc(out, *p);
	}
	buf_puts(out, "\r\n");
}

const char *mailer_address_problem(const char *address)
{
	size_t n = strlen(address);
	if (n > MAILER_ADDRESS_MAX)
		return "is longer than 254 characters";
	const char *at = strchr(address, '@');
	if (at == NULL || at == address || at[1] == '\0' || strchr(at + 1, '@'))
		return "must be an e-mail address";
	for (const unsigned char *p = (const unsigned char *)address; *p; p++)
		if (*p <= ' ' || *p == 0x7f || *p == '<' || *p == '>')
			return "must be an e-mail address without spaces, control characters, '<' or '>'";
	return NULL;
}

/* 0 on success, else a message in err. */
static int send_one(const struct mailer_config *cfg, const struct outbox_mail *m, char *err,
		    size_t errlen)
{
	/* Both go into the SMTP envelope and the headers as they are. */
	const char *why;
	if ((why = mailer_address_problem(cfg->from)) != NULL) {
		snprintf(err, errlen, "the sender address %s", why);
		return -1;
	}
	if ((why = mailer_address_problem(m->recipient)) != NULL) {
		snprintf(err, errlen, "the recipient address %s", why);
		return -1;
	}
	struct buf msg = BUF_INIT((size_t)1 << 20);
	compose(&msg, cfg, m);
	struct payload p = { buf_str(&msg), msg.len, 0 };
	CURL *c = curl_easy_init();
	if (c == NULL) {
		buf_free(&msg);
		snprintf(err, errlen, "curl_easy_init failed");
		return -1;
	}
	char from[MAILER_ADDRESS_MAX + 3], to[MAILER_ADDRESS_MAX + 3]; /* checked above: they fit */
	snprintf(from, sizeof from, "<%s>", cfg->from);
	snprintf(to, sizeof to, "<%s>", m->recipient);
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	curl_easy_setopt(c, CURLOPT_URL, cfg->smtp_url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_payload);
	curl_easy_setopt(c, CURLOPT_READDATA, &p);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (cfg->user) {
		curl_easy_setopt(c, CURLOPT_USERNAME, cfg->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, cfg->password ? cfg->password : "");
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	}
	CURLcode rc = curl_easy_perform(c);
	if (rc != CURLE_OK)
		snprintf(err, errlen, "%s", curl_easy_strerror(rc));
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	buf_free(&msg);
	return rc == CURLE_OK ? 0 : -1;
}

int mailer_run(struct store *db, const struct mailer_config *cfg, int *sent, int *failed)
{
	*sent = *failed = 0;
	if (cfg->smtp_url == NULL)
		return STORE_OK;
	struct region *a = region_new();
	struct outbox_mail *items;
	size_t n = 0;
	int64_t now = model_now();
	int rc = outbox_due(db, a, now, MAILER_BATCH, &items, &n) == 0 ? STORE_OK : STORE_ERROR;
	for (size_t i = 0; rc == STORE_OK && i < n; i++) {
		char err[256];
		struct logline l;
		if (send_one(cfg, &items[i], err, sizeof err) == 0) {
			rc = outbox_mark_sent(db, items[i].id, model_now()) == 0 ? STORE_OK : STORE_ERROR;
			(*sent)++;
			log_begin(&l, LOG_INFO, "mail sent");
		} else {
			rc = outbox_mark_failed(db, items[i].id, err, model_now()) == 0 ? STORE_OK
												 : STORE_ERROR;
			(*failed)++;
			log_begin(&l, LOG_WARN, "mail not sent; will retry");
			log_str(&l, "error", err);
		}
		log_int(&l, "outbox", items[i].id);
		log_int(&l, "attempt", items[i].attempts + 1);
		log_end(&l);
	}
	region_free(a);
	return rc;
}
