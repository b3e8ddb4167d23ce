/*
 * opt.h: settings for sub-commands, from flags or the environment.
 * Each setting is a row in a table: --name on the command line, else the
 * environment variable, else the default already in *dest. A bad value is
 * refused with a message naming the flag and the variable; --help prints
 * the table.
 */
#ifndef SAMSKAB_CORE_OPT_H
#define SAMSKAB_CORE_OPT_H

enum opt_kind {
	OPT_STR,  /* dest: const char ** */
	OPT_INT,  /* dest: long *, checked against [min, max] */
	OPT_FLAG, /* dest: int *, set to 1 when given; env "1"/"0" */
};

struct opt {
	const char *name; /* flag without the dashes */
	const char *env;  /* environment variable, or NULL */
	enum opt_kind kind;
	void *dest;
	long min, max;
	const char *arg;  /* placeholder in help, e.g. "PATH" */
	const char *help;
};

struct opt_cmd {
	const char *name;    /* "serve" */
	const char *usage;   /* "[options]" or "DIR [options]" */
	const char *summary; /* one line */
	const struct opt *opts;
	int nopts;
	int min_args, max_args; /* positional arguments accepted */
};

/*
 * Parses argv (argv[0] is the sub-command name). Positional arguments are
 * left in args[0..*nargs). Returns 0 to go on, 1 after printing help, or 2
 * after printing an error to stderr.
 */
int opt_parse(const struct opt_cmd *cmd, int argc, char **argv, char **args, int *nargs);
/* Prints "samskab CMD: invalid --name (ENV) value 'v': why" to stderr; 2. */
int opt_fail(const struct opt_cmd *cmd, const char *name, const char *value, const char *why);

#endif
