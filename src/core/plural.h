/*
 * plural.h: the plural rule of a language, as a gettext PO header states
 * it ("Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : ...);").
 * The rule is a C expression in n; plural_parse reads it into a small
 * tree once, with bounds on its size and depth, and plural_form evaluates
 * it for a count. Only what gettext's own grammar allows is accepted:
 * n, decimal numbers, parentheses, ! * / % + - < > <= >= == != && || and
 * ?:. Pure: libc only (tools/embed uses it at build time too).
 */
#ifndef SAMSKAB_CORE_PLURAL_H
#define SAMSKAB_CORE_PLURAL_H

#include <stddef.h>

#define PLURAL_MAX_FORMS 6  /* Arabic has six; no language has more */
#define PLURAL_MAX_NODES 96 /* the longest rule in gettext's table has ~40 */

struct plural_node {
	unsigned char op;            /* an operator, or 'n' or '#' (number) */
	unsigned char a, b, c;       /* operand nodes */
	unsigned long value;         /* for '#' */
};

struct plural {
	int nplurals;                /* 1..PLURAL_MAX_FORMS */
	int root;
	int nodes;
	struct plural_node node[PLURAL_MAX_NODES];
};

/* Reads a Plural-Forms value ("nplurals=N; plural=EXPR;"). 0, or -1 with
 * a message in err saying what is wrong and where. */
int plural_parse(struct plural *p, const char *header, char *err, size_t errlen);
/* The form for n: 0..nplurals-1. A result out of range, or a division by
 * zero, gives form 0, as gettext does. */
int plural_form(const struct plural *p, unsigned long n);
/* As plural_form, but tells whether the rule itself went wrong for n
 * (division by zero, or a result >= nplurals): 1 if so, else 0. */
int plural_form_checked(const struct plural *p, unsigned long n, int *form);

#endif
