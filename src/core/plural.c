/*
 * plural.c: gettext plural rules (see plural.h). A recursive-descent
 * parser with one function per precedence level, as in gettext's
 * plural.y:
 *
 *   expr  := or [ '?' expr ':' expr ]       (right to left)
 *   or    := and { '||' and }
 *   and   := eq { '&&' eq }
 *   eq    := rel { ('==' | '!=') rel }
 *   rel   := add { ('<' | '>' | '<=' | '>=') add }
 *   add   := mul { ('+' | '-') mul }
 *   mul   := unary { ('*' | '/' | '%') unary }
 *   unary := '!' unary | 'n' | NUMBER | '(' expr ')'
 *
 * The tree lives in the struct (no allocation); its size and the depth of
 * nesting are bounded, so no input can exhaust the stack or memory.
 * Arithmetic is unsigned long, like gettext's; x/0 and x%0 are caught.
 */
#include "core/plural.h"

#include <stdio.h>
#include <string.h>

#define MAX_DEPTH 40

enum op {
	OP_N = 1,
	OP_NUM,
	OP_NOT,
	OP_MUL,
	OP_DIV,
	OP_MOD,
	OP_ADD,
	OP_SUB,
	OP_LT,
	OP_GT,
	OP_LE,
	OP_GE,
	OP_EQ,
	OP_NE,
	OP_AND,
	OP_OR,
	OP_COND,
};

struct parser {
	struct plural *p;
	const char *s, *start;
	int depth;
	char *err;
	size_t errlen;
	int failed;
};

static int fail(struct parser *ps, const char *what)
{
	if (!ps->failed)
		snprintf(ps->err, ps->errlen, "plural rule: %s at column %d", what,
			 (int)(ps->s - ps->start) + 1);
	ps->failed = 1;
	return -1;
}

static void skip_space(struct parser *ps)
{
	while (*ps->s == ' ' || *ps->s == '\t' || *ps->s == '\n' || *ps->s == '\r')
		ps->s++;
}

/* Consumes tok if it comes next (and, for one-character operators that
 * begin a longer one, is not the longer one). */
static int accept(struct parser *ps, const char *tok)
{
	skip_space(ps);
	size_t n = strlen(tok);
	if (strncmp(ps->s, tok, n) != 0)
		return 0;
	if (n == 1 && (tok[0] == '<' || tok[0] == '>' || tok[0] == '!' || tok[0] == '=') && ps->s[1] == '=')
		return 0;
	ps->s += n;
	return 1;
}

static int node(struct parser *ps, enum op op, int a, int b, int c, unsigned long value)
{
	if (a < 0 || b < 0 || c < 0 || ps->failed)
		return -1;
	if (ps->p->nodes == PLURAL_MAX_NODES)
		return fail(ps, "too long");
	int i = ps->p->nodes++;
	ps->p->node[i] = (struct plural_node){ (unsigned char)op, (unsigned char)a, (unsigned char)b,
					       (unsigned char)c, value };
	return i;
}

static int parse_expr(struct parser *ps);

static int parse_unary(struct parser *ps)
{
	if (++ps->depth > MAX_DEPTH)
		return fail(ps, "nested too deeply");
	int r;
	skip_space(ps);
	if (accept(ps, "!")) {
		r = node(ps, OP_NOT, parse_unary(ps), 0, 0, 0);
	} else if (*ps->s == 'n') {
		ps->s++;
		r = node(ps, OP_N, 0, 0, 0, 0);
	} else if (*ps->s >= '0' && *ps->s <= '9') {
		unsigned long v = 0;
		while (*ps->s >= '0' && *ps->s <= '9') {
			unsigned d = (unsigned)(*ps->s - '0');
			if (v > (999999999UL - d) / 10)
				return fail(ps, "number too large");
			v = v * 10 + d;
			ps->s++;
		}
		r = node(ps, OP_NUM, 0, 0, 0, v);
	} else if (accept(ps, "(")) {
		r = parse_expr(ps);
		if (r >= 0 && !accept(ps, ")"))
			r = fail(ps, "expected ')'");
	} else {
		r = fail(ps, *ps->s ? "unexpected character" : "unexpected end");
	}
	ps->depth--;
	return r;
}

/* One left-to-right level: next parses the operands, ops[i] maps to
 * codes[i]. */
static int parse_level(struct parser *ps, int (*next)(struct parser *), const char *const *ops,
		       const enum op *codes, size_t nops)
{
	int left = next(ps);
	for (;;) {
		size_t i;
		for (i = 0; i < nops; i++)
			if (accept(ps, ops[i]))
				break;
		if (i == nops || left < 0)
			return left;
		left = node(ps, codes[i], left, next(ps), 0, 0);
	}
}

static int parse_mul(struct parser *ps)
{
	static const char *const ops[] = { "*", "/", "%" };
	static const enum op codes[] = { OP_MUL, OP_DIV, OP_MOD };
	return parse_level(ps, parse_unary, ops, codes, 3);
}

static int parse_add(struct parser *ps)
{
	static const char *const ops[] = { "+", "-" };
	static const enum op codes[] = { OP_ADD, OP_SUB };
	return parse_level(ps, parse_mul, ops, codes, 2);
}

static int parse_rel(struct parser *ps)
{
	static const char *const ops[] = { "<=", ">=", "<", ">" };
	static const enum op codes[] = { OP_LE, OP_GE, OP_LT, OP_GT };
	return parse_level(ps, parse_add, ops, codes, 4);
}

static int parse_eq(struct parser *ps)
{
	static const char *const ops[] = { "==", "!=" };
	static const enum op codes[] = { OP_EQ, OP_NE };
	return parse_level(ps, parse_rel, ops, codes, 2);
}

static int parse_and(struct parser *ps)
{
	static const char *const ops[] = { "&&" };
	static const enum op codes[] = { OP_AND };
	return parse_level(ps, parse_eq, ops, codes, 1);
}

static int parse_or(struct parser *ps)
{
	static const char *const ops[] = { "||" };
	static const enum op codes[] = { OP_OR };
	return parse_level(ps, parse_and, ops, codes, 1);
}

static int parse_expr(struct parser *ps)
{
	if (++ps->depth > MAX_DEPTH)
		return fail(ps, "nested too deeply");
	int r = parse_or(ps);
	if (r >= 0 && accept(ps, "?")) {
		int yes = parse_expr(ps);
		if (yes < 0)
			r = -1;
		else if (!accept(ps, ":"))
			r = fail(ps, "expected ':'");
		else
			r = node(ps, OP_COND, r, yes, parse_expr(ps), 0);
	}
	ps->depth--;
	return r;
}

int plural_parse(struct plural *p, const char *header, char *err, size_t errlen)
{
	memset(p, 0, sizeof *p);
	struct parser ps = { p, header, header, 0, err, errlen, 0 };
	/* "nplurals=N;" then "plural=EXPR;" (the last ';' may be missing). */
	if (!accept(&ps, "nplurals") || !accept(&ps, "="))
		return fail(&ps, "expected 'nplurals='");
	skip_space(&ps);
	if (*ps.s < '1' || *ps.s > '9' || (ps.s[1] >= '0' && ps.s[1] <= '9'))
		return fail(&ps, "nplurals must be a number from 1 to 6");
	p->nplurals = *ps.s++ - '0';
	if (p->nplurals > PLURAL_MAX_FORMS)
		return fail(&ps, "nplurals must be a number from 1 to 6");
	if (!accept(&ps, ";") || !accept(&ps, "plural") || !accept(&ps, "="))
		return fail(&ps, "expected '; plural='");
	p->root = parse_expr(&ps);
	if (p->root < 0)
		return -1;
	accept(&ps, ";");
	skip_space(&ps);
	if (*ps.s)
		return fail(&ps, "unexpected text after the rule");
	return 0;
}

/* Evaluates node i; *bad set on a division by zero. Depth is bounded by
 * the parser's, so the recursion is too. */
static unsigned long eval(const struct plural *p, int i, unsigned long n, int *bad)
{
	const struct plural_node *x = &p->node[i];
	unsigned long a, b;
	switch ((enum op)x->op) {
	case OP_N:
		return n;
	case OP_NUM:
		return x->value;
	case OP_NOT:
		return !eval(p, x->a, n, bad);
	case OP_AND:
		return eval(p, x->a, n, bad) && eval(p, x->b, n, bad);
	case OP_OR:
		return eval(p, x->a, n, bad) || eval(p, x->b, n, bad);
	case OP_COND:
		return eval(p, x->a, n, bad) ? eval(p, x->b, n, bad) : eval(p, x->c, n, bad);
	default:
		break;
	}
	a = eval(p, x->a, n, bad);
	b = eval(p, x->b, n, bad);
	switch ((enum op)x->op) {
	case OP_MUL:
		return a * b;
	case OP_DIV:
	case OP_MOD:
		if (b == 0) {
			*bad = 1;
			return 0;
		}
		return x->op == OP_DIV ? a / b : a % b;
	case OP_ADD:
		return a + b;
	case OP_SUB:
		return a - b;
	case OP_LT:
		return a < b;
	case OP_GT:
		return a > b;
	case OP_LE:
		return a <= b;
	case OP_GE:
		return a >= b;
	case OP_EQ:
		return a == b;
	case OP_NE:
		return a != b;
	default:
		*bad = 1; /* a tree plural_parse did not make */
		return 0;
	}
}

int plural_form_checked(const struct plural *p, unsigned long n, int *form)
{
	int bad = 0;
	*form = 0;
	if (p->nplurals < 1 || p->root < 0 || p->root >= p->nodes)
		return 1;
	unsigned long v = eval(p, p->root, n, &bad);
	if (bad || v >= (unsigned long)p->nplurals)
		return 1;
	*form = (int)v;
	return 0;
}

int plural_form(const struct plural *p, unsigned long n)
{
	int form;
	plural_form_checked(p, n, &form);
	return form;
}
