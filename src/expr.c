/* expr: parser and exact evaluator for formula items. */
#include "expr.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum expr_op { EXPR_NUM, EXPR_VAR, EXPR_NEG, EXPR_ADD, EXPR_SUB, EXPR_MUL,
    EXPR_DIV };

struct expr {
	enum expr_op	 op;
	int64_t		 num;		/* EXPR_NUM: hundredths */
	size_t		 var;		/* EXPR_VAR: index into names */
	struct expr	*l, *r;
};

struct expr_parser {
	const char		 *text;
	const char		 *p;
	const char *const	 *names;
	size_t			  nnames;
	char			**cause;
};

static struct expr	*expr_parse_sum(struct expr_parser *);

static struct expr *
expr_node(enum expr_op op, struct expr *l, struct expr *r)
{
	struct expr	*e = xcalloc(1, sizeof *e);

	e->op = op;
	e->l = l;
	e->r = r;
	return e;
}

void
expr_free(struct expr *e)
{
	if (e == NULL)
		return;
	expr_free(e->l);
	expr_free(e->r);
	free(e);
}

static void
expr_skip(struct expr_parser *ps)
{
	while (isspace((unsigned char)*ps->p))
		ps->p++;
}

static struct expr *
expr_fail(struct expr_parser *ps, const char *what)
{
	if (*ps->cause == NULL)
		*ps->cause = xasprintf(TR("formula \"%s\": %s at column %d"),
		    ps->text, what, (int)(ps->p - ps->text) + 1);
	return NULL;
}

static struct expr *
expr_parse_primary(struct expr_parser *ps)
{
	struct expr	*e;
	const char	*start;
	char		*tok, *cause = NULL;
	size_t		 i;

	expr_skip(ps);
	start = ps->p;
	if (*ps->p == '(') {
		ps->p++;
		if ((e = expr_parse_sum(ps)) == NULL)
			return NULL;
		expr_skip(ps);
		if (*ps->p != ')') {
			expr_free(e);
			return expr_fail(ps, TR("expected ')'"));
		}
		ps->p++;
		return e;
	}
	if (isdigit((unsigned char)*ps->p)) {
		while (isdigit((unsigned char)*ps->p) || *ps->p == '.' ||
		    *ps->p == ',')
			ps->p++;
		tok = xstrndup(start, (size_t)(ps->p - start));
		e = expr_node(EXPR_NUM, NULL, NULL);
		if (util_parse_cp(tok, &e->num, &cause) != 0) {
			free(tok);
			free(cause);
			expr_free(e);
			ps->p = start;
			return expr_fail(ps, TR("bad number"));
		}
		free(tok);
		return e;
	}
	if (isalpha((unsigned char)*ps->p) || *ps->p == '_') {
		while (isalnum((unsigned char)*ps->p) || *ps->p == '_')
			ps->p++;
		for (i = 0; i < ps->nnames; i++) {
			if (strlen(ps->names[i]) == (size_t)(ps->p - start) &&
			    strncmp(ps->names[i], start, ps->p - start) == 0)
				break;
		}
		if (i == ps->nnames) {
			tok = xstrndup(start, (size_t)(ps->p - start));
			ps->p = start;
			if (*ps->cause == NULL)
				*ps->cause = xasprintf(TR("formula \"%s\": "
				    "unknown "
				    "input \"%s\""), ps->text, tok);
			free(tok);
			return NULL;
		}
		e = expr_node(EXPR_VAR, NULL, NULL);
		e->var = i;
		return e;
	}
	return expr_fail(ps, *ps->p == '\0' ? TR("unexpected end") :
	    TR("unexpected character"));
}

static struct expr *
expr_parse_unary(struct expr_parser *ps)
{
	struct expr	*e;

	expr_skip(ps);
	if (*ps->p == '-') {
		ps->p++;
		if ((e = expr_parse_unary(ps)) == NULL)
			return NULL;
		return expr_node(EXPR_NEG, e, NULL);
	}
	return expr_parse_primary(ps);
}

static struct expr *
expr_parse_product(struct expr_parser *ps)
{
	struct expr	*l, *r;
	enum expr_op	 op;

	if ((l = expr_parse_unary(ps)) == NULL)
		return NULL;
	for (;;) {
		expr_skip(ps);
		if (*ps->p != '*' && *ps->p != '/')
			return l;
		op = *ps->p++ == '*' ? EXPR_MUL : EXPR_DIV;
		if ((r = expr_parse_unary(ps)) == NULL) {
			expr_free(l);
			return NULL;
		}
		l = expr_node(op, l, r);
	}
}

static struct expr *
expr_parse_sum(struct expr_parser *ps)
{
	struct expr	*l, *r;
	enum expr_op	 op;

	if ((l = expr_parse_product(ps)) == NULL)
		return NULL;
	for (;;) {
		expr_skip(ps);
		if (*ps->p != '+' && *ps->p != '-')
			return l;
		op = *ps->p++ == '+' ? EXPR_ADD : EXPR_SUB;
		if ((r = expr_parse_product(ps)) == NULL) {
			expr_free(l);
			return NULL;
		}
		l = expr_node(op, l, r);
	}
}

struct expr *
expr_parse(const char *text, const char *const *names, size_t nnames,
    char **cause)
{
	struct expr_parser	 ps = { text, text, names, nnames, cause };
	struct expr		*e;

	*cause = NULL;
	if ((e = expr_parse_sum(&ps)) == NULL)
		return NULL;
	expr_skip(&ps);
	if (*ps.p != '\0') {
		expr_free(e);
		return expr_fail(&ps, TR("unexpected character"));
	}
	return e;
}

/* An exact rational; den > 0 and the fraction is kept reduced. */
struct rat {
	int64_t	n, d;
};

static int64_t
rat_gcd(int64_t a, int64_t b)
{
	if (a < 0)
		a = -a;
	while (b != 0) {
		int64_t	t = a % b;

		a = b;
		b = t;
	}
	return a == 0 ? 1 : a;
}

static int
rat_make(int64_t n, int64_t d, struct rat *out)
{
	int64_t	g;

	if (d < 0) {
		if (n == INT64_MIN || d == INT64_MIN)
			return -1;
		n = -n;
		d = -d;
	}
	g = rat_gcd(n, d);
	out->n = n / g;
	out->d = d / g;
	return 0;
}

/* Returns 0, 1 for division by zero, 2 for overflow. */
static int
expr_eval_rat(const struct expr *e, const int64_t *v, struct rat *out)
{
	struct rat	a, b;
	int64_t		x, y, z;
	int		rc;

	switch (e->op) {
	case EXPR_NUM:
		return rat_make(e->num, 100, out) ? 2 : 0;
	case EXPR_VAR:
		return rat_make(v[e->var], 100, out) ? 2 : 0;
	case EXPR_NEG:
		if ((rc = expr_eval_rat(e->l, v, &a)) != 0)
			return rc;
		if (a.n == INT64_MIN)
			return 2;
		out->n = -a.n;
		out->d = a.d;
		return 0;
	default:
		break;
	}
	if ((rc = expr_eval_rat(e->l, v, &a)) != 0 ||
	    (rc = expr_eval_rat(e->r, v, &b)) != 0)
		return rc;
	switch (e->op) {
	case EXPR_ADD:
	case EXPR_SUB:
		if (e->op == EXPR_SUB) {
			if (b.n == INT64_MIN)
				return 2;
			b.n = -b.n;
		}
		if (__builtin_mul_overflow(a.n, b.d, &x) ||
		    __builtin_mul_overflow(b.n, a.d, &y) ||
		    __builtin_add_overflow(x, y, &x) ||
		    __builtin_mul_overflow(a.d, b.d, &z))
			return 2;
		return rat_make(x, z, out) ? 2 : 0;
	case EXPR_MUL:
		if (__builtin_mul_overflow(a.n, b.n, &x) ||
		    __builtin_mul_overflow(a.d, b.d, &z))
			return 2;
		return rat_make(x, z, out) ? 2 : 0;
	case EXPR_DIV:
		if (b.n == 0)
			return 1;
		if (__builtin_mul_overflow(a.n, b.d, &x) ||
		    __builtin_mul_overflow(a.d, b.n, &z))
			return 2;
		return rat_make(x, z, out) ? 2 : 0;
	default:
		return 2;
	}
}

int
expr_eval(const struct expr *e, const int64_t *values, int64_t *out,
    char **cause)
{
	struct rat	r;
	int64_t		x;
	int		rc;

	*cause = NULL;
	rc = expr_eval_rat(e, values, &r);
	if (rc == 0 && __builtin_mul_overflow(r.n, 100, &x))
		rc = 2;
	if (rc == 1) {
		*cause = xstrdup(TR("division by zero"));
		return -1;
	}
	if (rc != 0) {
		*cause = xstrdup(TR("the numbers are too large"));
		return -1;
	}
	*out = util_div_round(x, r.d);
	return 0;
}
