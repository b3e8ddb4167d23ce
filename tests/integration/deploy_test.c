/*
 * deploy_test.c: the configuration files docs/deploy.md shows, as far as
 * this machine can try them. The systemd units pass systemd-analyze
 * verify; deploy/nginx.conf, with its addresses and certificate paths
 * replaced, runs in front of two real samskab nodes: TLS with a
 * self-signed certificate, http redirected to https, both nodes used, a
 * stopped node passed over. Every setting the example environment file
 * names is one samskab serve knows, and every deploy/ file the guide
 * names exists. A missing tool skips its test with a message.
 */
#include <arpa/inet.h>
#include <curl/curl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/support.h"

static int have(const char *tool)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
	if (system(cmd) == 0)
		return 1;
	fprintf(stderr, "# %s is not installed: skipped\n", tool);
	return 0;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char *text = calloc(1, 1 << 20);
	size_t n = fread(text, 1, (1 << 20) - 1, f);
	text[n] = '\0';
	fclose(f);
	return text;
}

static void sh(const char *cmd)
{
	int rc = system(cmd);
	if (rc != 0)
		fail_msg("%s: status %d", cmd, rc);
}

static void test_systemd_units_verify(void **state)
{
	(void)state;
	if (!have("systemd-analyze"))
		test_skip("missing: systemd-analyze (scripts/deps check installs it)");
	char dir[64];
	unsigned undo_dir = test_tmpdir(dir, sizeof dir, "units");
	char bin[PATH_MAX];
	assert_non_null(realpath(test_bin(), bin));
	char cmd[8192];
	/* The units name the installed binary; verify needs it to exist. */
	snprintf(cmd, sizeof cmd,
		 "for f in deploy/*.service deploy/*.timer; do sed 's|/usr/local/bin/samskab|%s|g' "
		 "\"$f\" >%s/\"${f#deploy/}\"; done && cd %s && systemd-analyze verify *.service "
		 "*.timer >verify.out 2>&1; rc=$?; cat verify.out >&2; [ $rc -eq 0 ] && [ ! -s verify.out ]",
		 bin, dir, dir);
	int rc = system(cmd);
	test_undo(undo_dir);
	assert_int_equal(rc, 0);
}

struct https {
	char dir[300];
	int http_port, https_port;
	char ca[320];
};

#define METRICS_TOKEN "deploy-test-metrics-token-0123456"

/* GET url through nginx, trusting only the test certificate, with one
 * extra header line (or NULL); the name samskab.example.dk resolves to
 * 127.0.0.1. */
static long fetch_with(const struct https *h, const char *url, const char *header, char **location)
{
	CURL *c = curl_easy_init();
	char resolve[2][96];
	snprintf(resolve[0], sizeof resolve[0], "samskab.example.dk:%d:127.0.0.1", h->https_port);
	snprintf(resolve[1], sizeof resolve[1], "samskab.example.dk:%d:127.0.0.1", h->http_port);
	struct curl_slist *r = curl_slist_append(NULL, resolve[0]);
	r = curl_slist_append(r, resolve[1]);
	char *body = NULL;
	FILE *sink = open_memstream(&body, &(size_t){ 0 });
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_RESOLVE, r);
	curl_easy_setopt(c, CURLOPT_CAINFO, h->ca);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, sink);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
	struct curl_slist *headers = header ? curl_slist_append(NULL, header) : NULL;
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	CURLcode rc = curl_easy_perform(c);
	curl_slist_free_all(headers);
	if (rc != CURLE_OK)
		fail_msg("GET %s: %s", url, curl_easy_strerror(rc));
	long status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	if (location) {
		char *l = NULL;
		curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &l);
		*location = l ? strdup(l) : NULL;
	}
	fclose(sink);
	free(body);
	curl_slist_free_all(r);
	curl_easy_cleanup(c);
	return status;
}

static long fetch(const struct https *h, const char *url, char **location)
{
	return fetch_with(h, url, NULL, location);
}

static int free_port(void)
{
	FILE *p = popen("python3 -c 'import socket; s=socket.socket(); s.bind((\"127.0.0.1\",0)); "
			"print(s.getsockname()[1])'",
			"r");
	int port = 0;
	assert_int_equal(fscanf(p, "%d", &port), 1);
	pclose(p);
	return port;
}

/* nginx answers on its https port. */
static int nginx_listening(void *arg)
{
	const struct https *h = arg;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)h->https_port) };
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	int rc = connect(fd, (struct sockaddr *)&a, sizeof a);
	close(fd);
	return rc == 0;
}

static void test_nginx_conf_serves_two_nodes_over_tls(void **state)
{
	(void)state;
	if (!have("nginx") || !have("openssl"))
		test_skip("missing: nginx or openssl (scripts/deps check installs them)");
	struct test_server n1, n2;
	test_db_create(&n1, 1);
	n2 = n1;
	snprintf(n2.log, sizeof n2.log, "%s/node2.log", n1.dir);
	/* As deploy/samskab.env.example sets them up behind nginx. */
	const char *node[] = { "--trust-proxy", "--metrics-token", METRICS_TOKEN, NULL };
	test_server_start(&n1, node);
	test_server_start(&n2, node);

	struct https h = { .http_port = free_port(), .https_port = free_port() };
	snprintf(h.dir, sizeof h.dir, "%s/nginx", n1.dir);
	snprintf(h.ca, sizeof h.ca, "%s/cert.pem", h.dir);
	char cmd[8192];
	snprintf(cmd, sizeof cmd,
		 "mkdir -p %1$s && chmod a+rx %1$s %2$s && cd %1$s && "
		 "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
		 "-keyout key.pem -out cert.pem -days 1 -subj /CN=samskab.example.dk "
		 "-addext subjectAltName=DNS:samskab.example.dk 2>openssl.err",
		 h.dir, n1.dir);
	sh(cmd);
	/* deploy/nginx.conf with this machine's addresses, ports and files. */
	snprintf(cmd, sizeof cmd,
		 "sed -e 's|10.0.0.11:8080|127.0.0.1:%d|; s|10.0.0.12:8080|127.0.0.1:%d|' "
		 "-e 's|listen 80;|listen 127.0.0.1:%d;|; s|listen 443 |listen 127.0.0.1:%d |' "
		 "-e '/listen \\[::\\]/d; s|allow 10.0.0.0/24;|allow 127.0.0.1;|' "
		 "-e 's|/etc/letsencrypt/live/samskab.example.dk/fullchain.pem|%s/cert.pem|' "
		 "-e 's|/etc/letsencrypt/live/samskab.example.dk/privkey.pem|%s/key.pem|' "
		 "deploy/nginx.conf >%s/samskab.conf",
		 n1.port, n2.port, h.http_port, h.https_port, h.dir, h.dir, h.dir);
	sh(cmd);
	/* Debian's nginx.conf, reduced to what the site file needs. */
	char main_conf[320];
	snprintf(main_conf, sizeof main_conf, "%s/nginx.conf", h.dir);
	FILE *f = fopen(main_conf, "w");
	/* In the foreground and in one process: a child of this test, which
	 * stops it on every path (support/proc.h), no daemon left behind. */
	fprintf(f,
		"daemon off;\nmaster_process off;\n"
		"pid %1$s/nginx.pid;\nerror_log %1$s/error.log;\nevents { worker_connections 256; }\n"
		"http {\n\taccess_log off;\n\tclient_body_temp_path %1$s; proxy_temp_path %1$s;\n"
		"\tfastcgi_temp_path %1$s; uwsgi_temp_path %1$s; scgi_temp_path %1$s;\n"
		"\tinclude %1$s/samskab.conf;\n}\n",
		h.dir);
	fclose(f);
	snprintf(cmd, sizeof cmd, "nginx -t -q -c %s", main_conf);
	sh(cmd);
	const char *nginx_argv[] = { "nginx", "-c", main_conf, NULL };
	pid_t nginx = test_spawn(nginx_argv, -1, -1);
	test_wait_until(nginx_listening, &h, TEST_DEADLINE_MS, "nginx to listen");

	char url[128], *location = NULL;
	snprintf(url, sizeof url, "https://samskab.example.dk:%d/areas", h.https_port);
	for (int i = 0; i < 6; i++)
		assert_int_equal(fetch(&h, url, NULL), 200);
	/* least_conn spreads sequential requests over both nodes. A node
	 * writes its access line once the response has gone out, so nginx's
	 * client can have its answer first: wait for the lines. */
	test_wait_file(n1.log, "path=/areas status=200", 1, TEST_DEADLINE_MS);
	test_wait_file(n2.log, "path=/areas status=200", 1, TEST_DEADLINE_MS);
	snprintf(url, sizeof url, "http://samskab.example.dk:%d/organisations?sector=public",
		 h.http_port);
	assert_int_equal(fetch(&h, url, &location), 301);
	assert_string_equal(location, "https://samskab.example.dk/organisations?sector=public");
	free(location);
	/* /metrics: nginx admits the monitoring host, the node wants its
	 * token as well (a request nginx passes on is not the node's own). */
	snprintf(url, sizeof url, "https://samskab.example.dk:%d/metrics", h.https_port);
	assert_int_equal(fetch(&h, url, NULL), 403);
	assert_int_equal(fetch_with(&h, url, "Authorization: Bearer " METRICS_TOKEN, NULL), 200);

	/* A node going away: nginx passes it over. */
	test_server_stop(&n1);
	snprintf(url, sizeof url, "https://samskab.example.dk:%d/organisations", h.https_port);
	for (int i = 0; i < 4; i++)
		assert_int_equal(fetch(&h, url, NULL), 200);
	test_wait_file(n2.log, "path=/organisations status=200", 4, TEST_DEADLINE_MS);

	/* SIGQUIT: nginx's graceful stop. */
	kill(nginx, SIGQUIT);
	int status;
	if (!test_proc_wait(nginx, TEST_DEADLINE_MS, &status))
		fail_msg("nginx did not stop on SIGQUIT");
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	test_server_stop(&n2);
	test_db_drop(&n1);
}

/* Every SAMSKAB_ setting the example file names, set or commented out,
 * is one samskab serve takes. */
static void test_env_example_names_real_settings(void **state)
{
	(void)state;
	const char *args[] = { "serve", "--help", NULL };
	char *help;
	assert_int_equal(test_run(args, &help, NULL), 0);
	char *env = slurp("deploy/samskab.env.example");
	int seen = 0;
	for (char *line = strtok(env, "\n"); line; line = strtok(NULL, "\n")) {
		char *name = line + (line[0] == '#');
		size_t n = strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_");
		if (strncmp(name, "SAMSKAB_", 8) != 0 || name[n] != '=')
			continue;
		/* "[env NAME]" in the table, or named in a setting's help. */
		char want[80];
		snprintf(want, sizeof want, "%.*s", (int)n, name);
		assert_contains(help, want);
		seen++;
	}
	assert_true(seen >= 8);
	free(env);
	free(help);
}

static void test_deploy_guide_names_existing_files(void **state)
{
	(void)state;
	char *doc = slurp("docs/deploy.md");
	int seen = 0;
	for (const char *p = doc; (p = strstr(p, "deploy/")) != NULL; p += 7) {
		if (p > doc && (p[-1] == '/' || p[-1] == '.' || p[-1] == '-'))
			continue; /* docs/deploy.md itself, or a path on the server */
		char path[128];
		size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789-_./");
		while (n > 0 && p[n - 1] == '.')
			n--;
		snprintf(path, sizeof path, "%.*s", (int)n, p);
		struct stat sb;
		if (stat(path, &sb) != 0)
			fail_msg("docs/deploy.md names %s, which does not exist", path);
		seen++;
	}
	assert_true(seen >= 6);
	free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_systemd_units_verify),
		TEST_CASE(test_nginx_conf_serves_two_nodes_over_tls),
		TEST_CASE(test_env_example_names_real_settings),
		TEST_CASE(test_deploy_guide_names_existing_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
