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
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/log.h"
#include "http/server.h"
#include "routes.h"
#include "store/migrate.h"
#include "web/site.h"
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

int cmd_serve(int argc, char **argv)
{
	struct db_settings s = DB_SETTINGS_DEFAULT;
	const char *listen = "127.0.0.1:8080";
	long workers = sysconf(_SC_NPROCESSORS_ONLN) > 0 ? sysconf(_SC_NPROCESSORS_ONLN) : 2;
	long max_body = 1 << 20, max_fields = 200, max_field = 65536;
	const char *contact = site.contact_email;
	int secure = 0;
	const struct opt opts[] = {
		DB_OPTS(s),
		{ "listen", "SAMSKAB_LISTEN", OPT_STR, &listen, 0, 0, "HOST:PORT",
		  "address to serve on; port 0 picks a free one" },
		{ "workers", "SAMSKAB_WORKERS", OPT_INT, &workers, 1, 256, "N", "worker threads" },
		{ "max-body", "SAMSKAB_MAX_BODY", OPT_INT, &max_body, 1024, 64L << 20, "BYTES",
		  "largest request body accepted" },
		{ "max-fields", "SAMSKAB_MAX_FIELDS", OPT_INT, &max_fields, 1, 100000, "N",
		  "most fields in one query or form" },
		{ "max-field", "SAMSKAB_MAX_FIELD", OPT_INT, &max_field, 16, 64L << 20, "BYTES",
		  "longest value of one field" },
		{ "contact-email", "SAMSKAB_CONTACT_EMAIL", OPT_STR, &contact, 0, 0, "ADDRESS",
		  "where readers send accessibility feedback" },
		{ "secure", "SAMSKAB_SECURE", OPT_FLAG, &secure, 0, 0, "",
		  "the site is served over https (cookies get Secure)" },
	};
	const struct opt_cmd cmd = { "serve", "[options]",
				     "Serve samskab over HTTP until SIGTERM or SIGINT.", opts,
				     sizeof opts / sizeof opts[0], 0, 0 };
	char *args[1];
	int nargs, rc = opt_parse(&cmd, argc, argv, args, &nargs);
	if (rc != 0)
		return rc == 1 ? 0 : rc;
	struct store_options so;
	if ((rc = db_settings_check(&cmd, &s, &so)) != 0)
		return rc;
	char host[64];
	int port;
	const char *why;
	if (parse_listen(listen, host, sizeof host, &port, &why) != 0)
		return opt_fail(&cmd, "listen", listen, why);
	if (strchr(contact, '@') == NULL)
		return opt_fail(&cmd, "contact-email", contact, "must be an e-mail address");
	site.contact_email = contact;
	site.secure = secure;

	/* Refuse to start on a database we cannot use, before binding. */
	struct store *check = db_open("serve", &s, &so);
	if (check == NULL)
		return 1;
	char err[512];
	if (migrate_check(check, err, sizeof err) != 0) {
		fprintf(stderr, "samskab serve: %s\n", err);
		store_close(check);
		return 1;
	}
	store_close(check);

	/* Signals are taken by sigwait below; threads inherit the mask. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct store_pool *pool = store_pool_new(s.db, &so);
	struct http_config cfg = {
		.host = host,
		.port = port,
		.workers = (int)workers,
		.max_body = (size_t)max_body,
		.max_fields = (size_t)max_fields,
		.max_field = (size_t)max_field,
		.routes = app_routes,
		.nroutes = app_routes_count,
		.pool = pool,
		.render_error = web_render_error,
	};
	struct http_server *srv = http_start(&cfg, err, sizeof err);
	if (srv == NULL) {
		fprintf(stderr, "samskab serve: %s\n", err);
		store_pool_free(pool);
		return 1;
	}
	struct logline l;
	log_begin(&l, LOG_INFO, "listening");
	log_str(&l, "addr", host);
	log_int(&l, "port", http_port(srv));
	log_int(&l, "workers", workers);
	log_str(&l, "db", store_url_is_postgres(s.db) ? "postgres" : s.db);
	log_end(&l);

	int sig = 0;
	sigwait(&stop, &sig);
	log_begin(&l, LOG_INFO, "stopping");
	log_str(&l, "signal", sig == SIGTERM ? "SIGTERM" : "SIGINT");
	log_end(&l);
	http_stop(srv, 10000);
	store_pool_free(pool);
	log_info("stopped", NULL);
	return 0;
}
