/*
 * opt.c: flag and environment parsing for sub-commands (see opt.h).
 */
#include "core/opt.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct opt *opt_find(const struct opt_cmd *cmd, const char *name, size_t n)
{
	for (int i = 0; i < cmd->nopts; i++)
		if (strlen(cmd->opts[i].name) == n && strncmp(cmd->opts[i].name, name, n) == 0)
			return &cmd->opts[i];
	return NULL;
}

int opt_fail(const struct opt_cmd *cmd, const char *name, const char *value, const char *why)
{
	const struct opt *o = opt_find(cmd, name, strlen(name));
	if (o && o->env)
		fprintf(stderr, "samskab %s: invalid --%s (%s) value '%s': %s\n", cmd->name, name, o->env,
			value, why);
	else
		fprintf(stderr, "samskab %s: invalid --%s value '%s': %s\n", cmd->name, name, value, why);
	return 2;
}

static int opt_set(const struct opt_cmd *cmd, const struct opt *o, const char *value)
{
	char why[128];
	switch (o->kind) {
	case OPT_STR:
		if (*value == '\0')
			return opt_fail(cmd, o->name, value, "must not be empty");
		*(const char **)o->dest = value;
		return 0;
	case OPT_INT: {
		char *end;
		errno = 0;
		long v = strtol(value, &end, 10);
		if (errno || end == value || *end || v < o->min || v > o->max) {
			snprintf(why, sizeof why, "must be a whole number from %ld to %ld", o->min, o->max);
			return opt_fail(cmd, o->name, value, why);
		}
		*(long *)o->dest = v;
		return 0;
	}
	case OPT_FLAG:
		if (strcmp(value, "1") == 0 || strcmp(value, "true") == 0 || strcmp(value, "yes") == 0)
			*(int *)o->dest = 1;
		else if (strcmp(value, "0") == 0 || strcmp(value, "false") == 0 || strcmp(value, "no") == 0)
			*(int *)o->dest = 0;
		else
			return opt_fail(cmd, o->name, value, "must be 1 or 0");
		return 0;
	}
	return 2;
}

static void opt_help(const struct opt_cmd *cmd)
{
	printf("usage: samskab %s %s\n\n%s\n\noptions:\n", cmd->name, cmd->usage, cmd->summary);
	for (int i = 0; i < cmd->nopts; i++) {
		const struct opt *o = &cmd->opts[i];
		char flag[64];
		snprintf(flag, sizeof flag, "--%s%s%s", o->name, o->kind == OPT_FLAG ? "" : " ",
			 o->kind == OPT_FLAG ? "" : o->arg);
		printf("  %-24s %s", flag, o->help);
		if (o->kind == OPT_STR && *(const char **)o->dest)
			printf(" (default: %s)", *(const char **)o->dest);
		else if (o->kind == OPT_INT)
			printf(" (default: %ld)", *(long *)o->dest);
		if (o->env)
			printf(" [env %s]", o->env);
		printf("\n");
	}
	printf("  %-24s %s\n", "--help", "show this help");
}

int opt_parse(const struct opt_cmd *cmd, int argc, char **argv, char **args, int *nargs)
{
	*nargs = 0;
	/* The environment first, so flags override it. */
	for (int i = 0; i < cmd->nopts; i++) {
		const char *v = cmd->opts[i].env ? getenv(cmd->opts[i].env) : NULL;
		if (v && *v && opt_set(cmd, &cmd->opts[i], v) != 0)
			return 2;
	}
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			opt_help(cmd);
			return 1;
		}
		if (strncmp(a, "--", 2) != 0) {
			if (*nargs >= cmd->max_args) {
				fprintf(stderr, "samskab %s: unexpected argument '%s' (see --help)\n", cmd->name, a);
				return 2;
			}
			args[(*nargs)++] = argv[i];
			continue;
		}
		const char *name = a + 2, *eq = strchr(name, '=');
		size_t n = eq ? (size_t)(eq - name) : strlen(name);
		const struct opt *o = opt_find(cmd, name, n);
		if (o == NULL) {
			fprintf(stderr, "samskab %s: unknown option '%.*s' (see --help)\n", cmd->name,
				(int)(n + 2), a);
			return 2;
		}
		const char *value = eq ? eq + 1 : NULL;
		if (o->kind == OPT_FLAG && value == NULL) {
			*(int *)o->dest = 1;
			continue;
		}
		if (value == NULL) {
			if (i + 1 >= argc) {
				fprintf(stderr, "samskab %s: --%s needs a value (see --help)\n", cmd->name, o->name);
				return 2;
			}
			value = argv[++i];
		}
		if (opt_set(cmd, o, value) != 0)
			return 2;
	}
	if (*nargs < cmd->min_args) {
		fprintf(stderr, "usage: samskab %s %s (see --help)\n", cmd->name, cmd->usage);
		return 2;
	}
	return 0;
}
