/*
 * serve.c: `samskab serve`: checks the database, starts the HTTP server
 * and runs until SIGTERM or SIGINT; then stops accepting, lets requests in
 * flight finish and closes the database cleanly.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>
#include <sodium.h>

#include "cmd/cmd.h"
#include "core/secret.h"
#include "core/monotime.h"
#include "core/utf8.h"
#include "jobs/jobs.h"
#include "model/sitekey.h"
#include "model/story.h"
#include "core/log.h"
#include "http/server.h"
#include "image/image.h"
#include "routes.h"
#include "store/migrate.h"
#include "store/replica.h"
#include "web/site.h"
#include "web/guard.h"
#include "web/web.h"

/* Splits "host:port" or "[v6]:port"; 0, or -1 with why. */
static int parse_listen(const char *s, char *host, size_t hostlen, int *port, const char **why)
{
	const char *colon;
	const char *h = s;
	size_t hn;
	if (s[0] == '[') {
		const char *close = strchr(s, ']');
		if (close == NULL || close[1] != ':') {
			*why = "must be HOST:PORT or [IPv6]:PORT";
			return -1;
		}
		h = s + 1;
		hn = (size_t)(close - h);
		colon = close + 1;
	} else {
		colon = strrchr(s, ':');
		if (colon == NULL) {
			*why = "must be HOST:PORT, e.g. 127.0.0.1:8080";
			return -1;
		}
		hn = (size_t)(colon - s);
	}
	if (hn == 0 || hn >= hostlen) {
		*why = "the host is missing or too long";
		return -1;
	}
	memcpy(host, h, hn);
	host[hn] = '\0';
	char *end;
	errno = 0;
	long p = strtol(colon + 1, &end, 10);
	if (errno || end == colon + 1 || *end || p < 0 || p > 65535) {
		*why = "the port must be a number from 0 to 65535";
		return -1;
	}
	*port = (int)p;
	return 0;
}

/* Everything serve is told, after checking. */
struct serve_settings {
	struct db_settings db;
	struct store_options store;
	const char *replica_url; /* --db-replica: a PostgreSQL read replica, or NULL */
	char host[64];
	int port;
	long workers, max_body, max_fields, max_field, max_upload, digest_batch;
	long max_connections, max_client_connections, head_timeout;
	int trust_proxy;
	const char *metrics_token; /* --metrics-token, or NULL */
	struct jobs_config jobs;
};

/* Checks the settings that are not simple numbers and fills in site;
 * 0, or the exit status after a message naming the setting. */
static int check_settings(const struct opt_cmd *cmd, struct serve_settings *ss, const char *listen,
			  const char *contact, const char *base_url, int secure, long rate_factor,
			  long jobs_ms, long retention_days)
{
	static char base[512];
	const char *why;
	if (parse_listen(listen, ss->host, sizeof ss->host, &ss->port, &why) != 0)
		return opt_fail(cmd, "listen", listen, why);
	if (strchr(contact, '@') == NULL)
		return opt_fail(cmd, "contact-email", contact, "must be an e-mail address");
	if (ss->metrics_token && (strlen(ss->metrics_token) < 16 || strpbrk(ss->metrics_token, " \t\r\n")))
		return opt_fail(cmd, "metrics-token", "(not shown)", "must be at least 16 characters without spaces");
	if (ss->replica_url && !store_url_is_postgres(ss->replica_url))
		return opt_fail(cmd, "db-replica", ss->replica_url, "must be a postgres:// URL");
	size_t licence_len = strlen(site.licence);
	if (licence_len == 0 || !utf8_valid(site.licence, licence_len) ||
	    utf8_length(site.licence) > STORY_LICENCE_MAX)
		return opt_fail(cmd, "licence", site.licence, "must be UTF-8 text of 1 to 100 characters");
	if (base_url && strncmp(base_url, "http://", 7) != 0 && strncmp(base_url, "https://", 8) != 0)
		return opt_fail(cmd, "base-url", base_url, "must start with http:// or https://");
	int n = snprintf(base, sizeof base, "%s%s", base_url ? "" : "http://", base_url ? base_url : listen);
	if (n < 0 || (size_t)n >= sizeof base)
		return opt_fail(cmd, "base-url", base_url, "is too long");
	if (n > 8 && base[n - 1] == '/')
		base[n - 1] = '\0';
	const struct mailer_config *m = &ss->jobs.mail;
	if (m->smtp_url && strncmp(m->smtp_url, "smtp://", 7) != 0 && strncmp(m->smtp_url, "smtps://", 8) != 0)
		return opt_fail(cmd, "smtp-url", m->smtp_url, "must start with smtp:// or smtps://");
	if ((why = mailer_address_problem(m->from)) != NULL)
		return opt_fail(cmd, "mail-from", m->from, why);
	site.contact_email = contact;
	site.base_url = base;
	site.secure = secure;
	site.rate_factor = (int)rate_factor;
	ss->jobs.mail.password = getenv("SAMSKAB_SMTP_PASSWORD");
	ss->jobs.db_url = ss->db.db;
	ss->jobs.store = ss->store;
	ss->jobs.interval_ms = (int)jobs_ms;
	ss->jobs.opinion_debounce_ms = (int)(jobs_ms < 2000 ? jobs_ms : 2000);
	ss->jobs.digest.base_url = site.base_url;
	ss->jobs.digest.batch = (int)ss->digest_batch;
	ss->jobs.guides.base_url = site.base_url;
	ss->jobs.guides.retention_s = (int64_t)retention_days * 86400;
	return 0;
}

/* Serves until SIGTERM or SIGINT; the exit status. */
static int serve(struct serve_settings *ss)
{
	char err[512];
	if (secret_init() != 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		fprintf(stderr, "samskab serve: cannot initialise the crypto or mail libraries\n");
		return 1;
	}
	/* Refuse to start on a database we cannot use, before binding; and
	 * never create one (an empty file would only puzzle the next run). */
	struct stat sb;
	const char *path = strncmp(ss->db.db, "sqlite:", 7) == 0 ? ss->db.db + 7 : ss->db.db;
	if (!store_url_is_postgres(ss->db.db) && stat(path, &sb) != 0) {
		fprintf(stderr,
			"samskab serve: there is no database at %s: create it with 'samskab migrate --db %s' "
			"(and 'samskab demo --db %s' for demo data)\n",
			ss->db.db, ss->db.db, ss->db.db);
		return 1;
	}
	ss->store.must_exist = 1;
	struct store *check = db_open("serve", &ss->db, &ss->store);
	if (check == NULL)
		return 1;
	if (migrate_check(check, err, sizeof err) != 0) {
		fprintf(stderr, "samskab serve: %s\n", err);
		store_close(check);
		return 1;
	}
	/* The key every node signs with, from the database (made by the
	 * first node). */
	unsigned char key[SECRET_KEY_BYTES];
	if (sitekey_get(check, SITEKEY_SITE, 1, key) != MODEL_OK) {
		fprintf(stderr, "samskab serve: cannot read or make the site key: %s\n", store_error(check));
		store_close(check);
		return 1;
	}
	secret_site_key_set(key);
	sodium_memzero(key, sizeof key);
	store_close(check);

	/* Signals are taken by sigwait below; threads inherit the mask. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct store_pool *pool = store_pool_new(ss->db.db, &ss->store);
	struct store_pool *replica = NULL;
	if (ss->replica_url) {
		replica = store_replica_pool_new(ss->replica_url, &ss->store, err, sizeof err);
		if (replica == NULL) {
			fprintf(stderr, "samskab serve: --db-replica: %s\n", err);
			store_pool_free(pool);
			curl_global_cleanup();
			return 1;
		}
	}
	struct http_config cfg = {
		.host = ss->host,
		.port = ss->port,
		.workers = (int)ss->workers,
		.max_body = (size_t)ss->max_body,
		.max_fields = (size_t)ss->max_fields,
		.max_field = (size_t)ss->max_field,
		.max_upload = (size_t)ss->max_upload,
		.trust_proxy = ss->trust_proxy,
		.max_connections = (int)ss->max_connections,
		.max_client_connections = (int)ss->max_client_connections,
		.head_timeout = (int)ss->head_timeout,
		.routes = app_routes,
		.nroutes = app_routes_count,
		.pool = pool,
		.replica = replica,
		.secure = site.secure,
		.operator_token = ss->metrics_token,
		.guard = web_guard,
		.render_error = web_render_error,
	};
	struct http_server *srv = http_start(&cfg, err, sizeof err);
	struct jobs *bg = srv ? jobs_start(&ss->jobs, err, sizeof err) : NULL;
	if (bg == NULL) {
		fprintf(stderr, "samskab serve: %s\n", err);
		if (srv)
			http_stop(srv, 0);
		store_pool_free(replica);
		store_pool_free(pool);
		curl_global_cleanup();
		return 1;
	}
	struct logline l;
	log_begin(&l, LOG_INFO, "listening");
	log_str(&l, "addr", ss->host);
	log_int(&l, "port", http_port(srv));
	log_int(&l, "workers", ss->workers);
	log_str(&l, "db", store_url_is_postgres(ss->db.db) ? "postgres" : ss->db.db);
	log_str(&l, "mail", ss->jobs.mail.smtp_url ? ss->jobs.mail.smtp_url : "outbox only");
	log_end(&l);

	int sig = 0;
	sigwait(&stop, &sig);
	log_begin(&l, LOG_INFO, "stopping");
	log_str(&l, "signal", sig == SIGTERM ? "SIGTERM" : "SIGINT");
	log_end(&l);
	int64_t t0 = monotime_us();
	http_stop(srv, 10000);
	int64_t t1 = monotime_us();
	jobs_stop(bg);
	store_pool_free(replica);
	store_pool_free(pool);
	curl_global_cleanup();
	/* How long each part took: a slow stop says which part was slow. */
	log_begin(&l, LOG_INFO, "stopped");
	log_int(&l, "http_ms", (t1 - t0) / 1000);
	log_int(&l, "jobs_ms", (monotime_us() - t1) / 1000);
	log_end(&l);
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	struct serve_settings ss = {
		.db = DB_SETTINGS_DEFAULT,
		.workers = sysconf(_SC_NPROCESSORS_ONLN) > 0 ? sysconf(_SC_NPROCESSORS_ONLN) : 2,
		.max_body = 1 << 20,
		.max_fields = 200,
		.max_field = 512 << 10, /* a proposal of 150,000 characters */
		.max_connections = 10000,
		.max_client_connections = 64, /* a browser opens 6; a school or office shares one address */
		.head_timeout = 10,
		.max_upload = IMAGE_MAX_BYTES + (1 << 20),
		.jobs = { .mail = { .from = "samskab@localhost" } },
		.digest_batch = DIGEST_BATCH_DEFAULT,
	};
	const char *listen = "127.0.0.1:8080", *contact = site.contact_email, *base_url = NULL;
	int secure = 0;
	long rate_factor = 1, jobs_ms = 1000, retention_days = 90, participants = site.participants_per_hour;
	const struct opt opts[] = {
		DB_OPTS(ss.db),
		{ "db-replica", "SAMSKAB_DB_REPLICA", OPT_STR, &ss.replica_url, 0, 0, "URL",
		  "PostgreSQL read replica for read-only requests (reads follow a client's writes)" },
		{ "listen", "SAMSKAB_LISTEN", OPT_STR, &listen, 0, 0, "HOST:PORT",
		  "address to serve on; port 0 picks a free one" },
		{ "workers", "SAMSKAB_WORKERS", OPT_INT, &ss.workers, 1, 256, "N", "worker threads" },
		{ "max-body", "SAMSKAB_MAX_BODY", OPT_INT, &ss.max_body, 1024, 64L << 20, "BYTES",
		  "largest request body accepted" },
		{ "max-upload", "SAMSKAB_MAX_UPLOAD", OPT_INT, &ss.max_upload, 1024, 256L << 20, "BYTES",
		  "largest request body of a form with an image" },
		{ "max-fields", "SAMSKAB_MAX_FIELDS", OPT_INT, &ss.max_fields, 1, 100000, "N",
		  "most fields in one query or form" },
		{ "max-field", "SAMSKAB_MAX_FIELD", OPT_INT, &ss.max_field, 16, 64L << 20, "BYTES",
		  "longest value of one field" },
		{ "max-connections", "SAMSKAB_MAX_CONNECTIONS", OPT_INT, &ss.max_connections, 16, 1000000, "N",
		  "connections held at once (more get 503, then are refused)" },
		{ "max-client-connections", "SAMSKAB_MAX_CLIENT_CONNECTIONS", OPT_INT, &ss.max_client_connections, 0,
		  1000000, "N",
		  "connections one address (IPv6: one /64) may hold; 0: no limit; not used with "
		  "--trust-proxy, where the proxy limits each client" },
		{ "head-timeout", "SAMSKAB_HEAD_TIMEOUT", OPT_INT, &ss.head_timeout, 1, 300, "SECONDS",
		  "time a request's head may take after its first line, however slowly it comes" },
		{ "contact-email", "SAMSKAB_CONTACT_EMAIL", OPT_STR, &contact, 0, 0, "ADDRESS",
		  "where readers send accessibility and privacy questions" },
		{ "base-url", "SAMSKAB_BASE_URL", OPT_STR, &base_url, 0, 0, "URL",
		  "the site's public address, for links in mail (default: http://LISTEN)" },
		{ "secure", "SAMSKAB_SECURE", OPT_FLAG, &secure, 0, 0, "",
		  "the site is served over https (cookies get Secure)" },
		{ "trust-proxy", "SAMSKAB_TRUST_PROXY", OPT_FLAG, &ss.trust_proxy, 0, 0, "",
		  "behind a reverse proxy: take the client address from X-Forwarded-For" },
		{ "metrics-token", "SAMSKAB_METRICS_TOKEN", OPT_STR, &ss.metrics_token, 0, 0, "TOKEN",
		  "/metrics answers other machines that send it as \"Authorization: Bearer TOKEN\" "
		  "(without it: this machine only)" },
		{ "participants-per-hour", "SAMSKAB_PARTICIPANTS_PER_HOUR", OPT_INT, &participants, 0, 1000000, "N",
		  "new participants without an account one address may make in an hour (0: no limit; "
		  "none behind a proxy without --trust-proxy)" },
		{ "rate-factor", "SAMSKAB_RATE_FACTOR", OPT_INT, &rate_factor, 1, 1000000, "N",
		  "multiply every rate limit by N" },
		{ "licence", "SAMSKAB_LICENCE", OPT_STR, &site.licence, 0, 0, "NAME",
		  "licence of published stories" },
		{ "smtp-url", "SAMSKAB_SMTP_URL", OPT_STR, &ss.jobs.mail.smtp_url, 0, 0, "URL",
		  "mail server, smtp://host:port or smtps://host; none: mail waits in the outbox" },
		{ "mail-from", "SAMSKAB_MAIL_FROM", OPT_STR, &ss.jobs.mail.from, 0, 0, "ADDRESS",
		  "sender address of mail" },
		{ "smtp-user", "SAMSKAB_SMTP_USER", OPT_STR, &ss.jobs.mail.user, 0, 0, "NAME",
		  "SMTP user name (the password comes from SAMSKAB_SMTP_PASSWORD)" },
		{ "jobs-interval", "SAMSKAB_JOBS_INTERVAL_MS", OPT_INT, &jobs_ms, 10, 3600000, "MS",
		  "time between rounds of background work" },
		{ "digest-batch", "SAMSKAB_DIGEST_BATCH", OPT_INT, &ss.digest_batch, 1, 100000, "N",
		  "people whose notification mail is written in one transaction" },
		{ "newcomer-retention-days", "SAMSKAB_NEWCOMER_RETENTION_DAYS", OPT_INT, &retention_days,
		  1, 3650, "DAYS",
		  "guide programme: days a newcomer's data is kept after their last match ended or "
		  "they withdrew (default 90)" },
	};
	const struct opt_cmd cmd = { "serve", "[options]",
				     "Serve samskab over HTTP until SIGTERM or SIGINT.", opts,
				     sizeof opts / sizeof opts[0], 0, 0 };
	char *args[1];
	int nargs, rc = opt_parse(&cmd, argc, argv, args, &nargs);
	if (rc != 0)
		return rc == 1 ? 0 : rc;
	if ((rc = db_settings_check(&cmd, &ss.db, &ss.store)) != 0)
		return rc;
	if ((rc = check_settings(&cmd, &ss, listen, contact, base_url, secure, rate_factor, jobs_ms,
				 retention_days)) != 0)
		return rc;
	site.participants_per_hour = (int)participants;
	return serve(&ss);
}
